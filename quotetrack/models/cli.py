"""``quotetrack models ...``: train, export and evaluate the English Stanza models.

A thin click layer over :mod:`quotetrack.models.train` and
:mod:`quotetrack.models.evaluate`.  Attach it to the main CLI with
``cli.add_command(models)``.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import click

from quotetrack.models import MODELS_DIR
from quotetrack.models import train as train_mod

_STAGES = ("all", "prepare") + train_mod.STAGES + ("retag",)


@click.group(name="models")
def models() -> None:
    """Train, export and evaluate the offline English Stanza models."""


@models.command(name="train")
@click.option("--data", type=click.Path(exists=True, file_okay=False, path_type=Path), required=True,
              help="Directory holding en_ewt-ud-*.conllu and en_gum-ccby-ud-*.conllu.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=MODELS_DIR,
              show_default=True, help="Where the trained models are exported (optimizer state stripped).")
@click.option("--work-dir", type=click.Path(file_okay=False, path_type=Path),
              default=train_mod.DEFAULT_WORK_DIR, show_default=True,
              help="Prepared data, checkpoints and full models; keep it outside the repository.")
@click.option("--stage", type=click.Choice(_STAGES), default="all", show_default=True,
              help="Which stage to run; 'all' runs tokenize, mwt, pos, lemma, depparse in order.")
@click.option("--parser-steps", type=int, default=train_mod.DEFAULT_PARSER_STEPS, show_default=True,
              help="Total parser steps; re-running with a larger number resumes from the checkpoint.")
@click.option("--pos-steps", type=int, default=train_mod.DEFAULT_POS_STEPS, show_default=True,
              help="Tagger steps.")
@click.option("--tokenize-steps", type=int, default=train_mod.DEFAULT_TOKENIZE_STEPS, show_default=True,
              help="Tokenizer steps.")
@click.option("--threads", type=int, default=None, help="torch threads (default: torch's choice).")
@click.option("--minutes", type=float, default=None,
              help="Wall-clock budget per stage; the best model so far is kept (the parser resumes).")
@click.option("--pos-bert", default=None,
              help="Tagger: contextual features from a transformer ('minilm': the packaged MiniLM-L6).")
@click.option("--parser-bert", default=None,
              help="Parser: contextual features from a transformer ('minilm': the packaged MiniLM-L6).")
@click.option("--parser-from", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Parser: continue from this trained model (e.g. the bundled depparse.pt) when "
                   "there is no checkpoint yet.")
@click.option("--retag-with", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Tagger model to retag the parser's data with (default: the work dir's tagger).")
@click.option("--force", is_flag=True, help="Retrain a stage even if its model is already there.")
@click.option("--no-export", is_flag=True, help="Train only; do not copy models to --out.")
def train_cmd(data, out, work_dir, stage, parser_steps, pos_steps, tokenize_steps, threads, minutes,
              pos_bert, parser_bert, parser_from, retag_with, force, no_export) -> None:
    """Train the compact English models with Stanza's own trainers."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    try:
        train_mod.run(data, out, work_dir, stage, parser_steps=parser_steps, threads=threads,
                      force=force, do_export=not no_export, pos_steps=pos_steps, minutes=minutes,
                      pos_bert=pos_bert, parser_bert=parser_bert, parser_from=parser_from,
                      retag_with=retag_with, tokenize_steps=tokenize_steps)
    except (FileNotFoundError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc


@models.command(name="export")
@click.option("--work-dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=train_mod.DEFAULT_WORK_DIR, show_default=True)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=MODELS_DIR,
              show_default=True)
@click.option("--stage", type=click.Choice(("all",) + train_mod.STAGES), default="all", show_default=True)
def export_cmd(work_dir, out, stage) -> None:
    """Copy the best trained models into the package (optimizer state stripped)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    paths = train_mod.Paths(Path("."), Path(work_dir).expanduser().resolve())
    stages = train_mod.STAGES if stage == "all" else (stage,)
    for info in train_mod.export(paths, Path(out), stages):
        click.echo(f"{info['dst']}: {info['bytes'] / 1e6:.1f} MB")


@models.command(name="evaluate")
@click.option("--data", type=click.Path(exists=True, file_okay=False, path_type=Path), required=True,
              help="Directory holding the UD test .conllu files.")
@click.option("--models", "source", default=None,
              help="bundled (default; or $QUOTETRACK_MODELS), official, or a model directory.")
@click.option("--test-set", "sets", multiple=True,
              type=click.Choice(("EWT test", "GUM CC-BY test")), help="Limit to these test sets.")
@click.option("--pred-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Also write the predicted CoNLL-U files here.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a markdown table.")
def evaluate_cmd(data, source, sets, pred_dir, as_json) -> None:
    """Score the pipeline from raw text on EWT test and GUM CC-BY test (CoNLL 2018 scorer)."""
    from quotetrack.models import model_versions, resolve_source
    from quotetrack.models.evaluate import evaluate, markdown_table

    results = evaluate(data, source, list(sets) or None, pred_dir)
    label = resolve_source(source)
    if as_json:
        click.echo(json.dumps({
            "models": model_versions(source),
            "results": [{"test_set": r.name, "words": r.words, "seconds": round(r.seconds, 2),
                         **{k: round(v, 2) for k, v in r.scores.items()}} for r in results],
        }, indent=2))
    else:
        click.echo(markdown_table(results, label))


@models.command(name="versions")
@click.option("--models", "source", default=None, help="bundled, official, or a model directory.")
def versions_cmd(source) -> None:
    """Print the model hashes stored with each ingested article."""
    from quotetrack.models import model_versions

    click.echo(json.dumps(model_versions(source), indent=2))
