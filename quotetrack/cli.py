"""The ``quotetrack`` command line: a thin click layer over the Python API.

Every command is here: ``ingest``, ``reanalyse``, ``correct``, ``extract``, ``serve``, ``publish``,
``models train|export|evaluate|versions`` (:mod:`quotetrack.training`) and
``evaluate polnear|provenance|statements|gum`` (:mod:`quotetrack.evaluate`). Heavy modules are imported
inside the commands, so ``quotetrack --help`` starts fast.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import click

from .errors import QuotetrackError

# every default of the command line, stated once
DEFAULT_DB = "db/quotes.db"
DEFAULT_PORT = 8001
DEFAULT_PUBLISH_DIR = "build"


class _Group(click.Group):
    """Prints a :class:`QuotetrackError` as one clear line, never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except QuotetrackError as error:
            raise click.ClickException(str(error)) from None


@click.group(cls=_Group)
@click.version_option(package_name="quotetrack")
def cli():
    """Find, attribute and publish the quotes of a corpus of news articles."""


def _models_option(f):
    return click.option(
        "--models",
        type=click.Choice(["bundled", "official"]),
        default=None,
        help="Stanza models: the bundled offline ones (default) or Stanza's official "
        "English models from your stanza resources dir. Env: QUOTETRACK_MODELS.",
    )(f)


def _cluster_options(default_workers: str):
    def wrap(f):
        f = click.option("--threads", type=click.IntRange(min=1), default=None,
                         help="torch threads per process that parses (default: a worker's share of the "
                         "cores; all of them with --workers 1). Parses can differ in the last bits "
                         "between thread counts: keep it fixed to compare runs.")(f)
        f = click.option("--workers", type=click.IntRange(min=1), default=None,
                         help="Parse on a local Dask cluster of N one-thread worker processes, started and "
                         f"stopped here; 1: in this process, no Dask. Default: {default_workers}.")(f)
        return click.option("--scheduler", metavar="tcp://HOST:PORT", default=None,
                            help="Parse on the workers of an existing Dask cluster (nothing is started): "
                            "see the README, \"More than one machine\".")(f)
    return wrap


@cli.command()
@click.argument("corpus", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False))
@click.option("--prune", is_flag=True,
              help="Mark stored articles whose files or records are no longer in CORPUS as removed "
              "(their quote IDs keep resolving).")
@_models_option
@_cluster_options("in this process for a corpus under 300 kB, else min(cores, memory / 1.5 GB)")
def ingest(corpus, db_path, prune, models, scheduler, workers, threads):
    """Ingest the articles of CORPUS (folders or files) into the database.

    Reads .txt, .html/.htm, .jsonl/.jsonl.gz, .csv (with a text or html column)
    and .warc/.warc.gz, by extension; a folder's articles.csv is its metadata sidecar.
    """
    from .parse import Parser
    from .pipeline import ingest as run_ingest

    parser = Parser(models)
    with _corpus_progress("Ingesting") as progress:
        report = run_ingest(corpus, db_path, parser, progress, prune=prune, workers=workers,
                            scheduler=scheduler, threads=threads)
    _summarise(report, prune)


def _size(n: int) -> str:
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} B"


@contextlib.contextmanager
def _corpus_progress(verb: str):
    """A progress bar over an ingest's input: records read and bytes of the corpus."""
    with click.progressbar(length=1, label=verb) as bar:
        def progress(steps):
            total = max(getattr(steps, "total_bytes", 0), 1)
            bar.length, done, records = total, 0, 0
            for step in steps:
                records += step.read is not None
                bar.label = f"{verb} {records:,} records, {_size(step.done_bytes)} of {_size(total)}"
                yield step
                bar.update(step.done_bytes - done)
                done = step.done_bytes

        yield progress


@contextlib.contextmanager
def _article_progress(verb: str):
    """A progress bar over the articles of an ingest or re-analysis."""
    with click.progressbar(length=1, label=verb) as bar:
        def progress(articles):
            bar.length = len(articles)
            for article in articles:
                bar.label = f"{verb} {article.doc}"
                yield article
                bar.update(1)

        yield progress


def _summarise(report, prune: bool = False) -> None:
    """The ingest or re-analysis summary line (errors first); exit code 1 on any error."""
    for error in report.errors:
        click.secho(f"error: {error}", fg="red", err=True)
    removed = f", {report.removed} removed" if prune else ""
    not_articles = getattr(report, "not_articles", None) or {}
    passed = (f"{sum(not_articles.values())} skipped as no articles ("
              + ", ".join(f"{n} {reason}" for reason, n in sorted(not_articles.items())) + "), "
              if not_articles else "")
    click.echo(
        f"{report.articles} articles ({report.parsed} parsed, {report.reanalysed} re-analysed, "
        f"{report.skipped} unchanged{removed}), {passed}"
        f"{report.quotes} quotes, {report.speakers} speakers, {report.outlets} outlets, "
        f"{report.utterances} utterances, {len(report.errors)} errors, {report.seconds:.1f}s"
    )
    _warn_stale(report.stale_corrections)
    if not report.ok:
        sys.exit(1)


@cli.command()
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False))
@_models_option
def reanalyse(db_path, models):
    """Analyse the stored articles again with this version's rules and word lists.

    Works from the parses stored in the database (no corpus folder, no Stanza);
    an article stored without its parse (a database made before parses were
    kept) is parsed once from its stored text.
    """
    from .parse import Parser
    from .pipeline import reanalyse as run_reanalyse

    if not Path(db_path).exists():
        raise QuotetrackError(f"{db_path}: no such database; run `quotetrack ingest` first")
    with _article_progress("Re-analysing") as progress:
        report = run_reanalyse(db_path, Parser(models), progress)
    _summarise(report)


def _warn_stale(count: int) -> None:
    if count:
        click.secho(f"{count} correction{'s' if count > 1 else ''} no longer appl{'y' if count > 1 else 'ies'}: "
                    "the records corrected are gone (see `quotetrack correct --list`)", fg="yellow", err=True)


def _os_user() -> str | None:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in the environment or the password database
        return None


@cli.command()
@click.argument("record_id", metavar="[ID]", required=False)
@click.option("--speaker", help="The quote's speaker, by name (\"Maria Zakharova\").")
@click.option("--role", help="The quote's speaker's role or title (a corrected speaker has none unless given).")
@click.option("--not-a-quote", is_flag=True, help="The words are no quotation: left out of speakers, outlets and statements.")
@click.option("--name", help="A speaker's (s-…) or outlet's (o-…) name, as the site shows it.")
@click.option("--note", help="Why: shown with the correction on the quote page.")
@click.option("--who", default=_os_user, show_default="your login name", help="Who makes the correction.")
@click.option("--list", "list_all", is_flag=True, help="List every correction and how it stands.")
@click.option("--undo", type=int, metavar="N", help="Withdraw correction N (it is kept, marked withdrawn).")
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False))
def correct(record_id, speaker, role, not_a_quote, name, note, who, list_all, undo, db_path):
    """Correct a quote's speaker or role, say it is not a quote, or rename a speaker or outlet.

    \b
      quotetrack correct q-… --speaker "Maria Zakharova" --note "she spoke, not Ryabkov"
      quotetrack correct q-… --not-a-quote --note "a headline, not a quotation"
      quotetrack correct s-… --name "Sergey Lavrov"
      quotetrack correct --list
      quotetrack correct --undo 3

    Corrections are applied now, and after every ingest and re-analysis, so they
    survive both; no article is parsed again and no model is loaded.
    """
    from . import editing

    if list_all or undo is not None:
        if record_id or speaker or role or not_a_quote or name or (list_all and undo is not None):
            raise click.UsageError("--list and --undo N take no ID and no correction, and not each other")
        if list_all:
            _list_corrections(editing.list_corrections(db_path))
            return
        _echo_edit(f"Withdrew correction {undo}", editing.withdraw(db_path, undo, who=who))
        return
    if not record_id:
        raise click.UsageError("give the ID of the quote, speaker or outlet to correct (or --list, --undo N)")
    edited = editing.correct(db_path, record_id, speaker=speaker, role=role, not_a_quote=not_a_quote,
                             name=name, note=note, who=who)
    numbers = ", ".join(map(str, edited.numbers))
    _echo_edit(f"Correction{'s' if len(edited.numbers) > 1 else ''} {numbers} of {edited.target_id} recorded",
               edited)


def _echo_edit(headline: str, edited) -> None:
    """What a correction or its withdrawal changed."""
    moved = edited.applies_to and edited.applies_to != edited.target_id
    click.echo(headline + (f"; it applies to {edited.applies_to}, which took its place" if moved else "") + ".")
    if edited.changes:
        click.echo(f"{edited.applies_to} now shows:")
        for change in edited.changes:
            click.echo(f"  {change.field}: {change.before or '(none)'} -> {change.after or '(none)'}")
    else:
        click.echo(f"{edited.applies_to or edited.target_id}: nothing it shows has changed.")
    _warn_stale(edited.stale)


#: how a listed correction stands
_STATE_TEXT = {
    "applied": "applied to {applies_to}",
    "overridden": "overridden by a later correction of {applies_to}",
    "withdrawn": "withdrawn",
    "stale": "no longer applies: its record is gone",
}


def _list_corrections(listed) -> None:
    if not listed:
        click.echo("No corrections.")
        return
    for item in listed:
        c, o = item.correction, item.outcome
        what = "not a quote" if c.field == "not_a_quote" else f"{c.field} = “{c.value}”"
        state = _STATE_TEXT[o.state].format(applies_to=o.applies_to) if o else "not applied yet"
        if o and o.state == "applied" and c.field != "not_a_quote":
            state += f" (was “{o.original}”)" if o.original else " (was none)"
        if c.withdrawn_at:
            state += f" on {c.withdrawn_at} by {c.withdrawn_by}"
        click.echo(f"{c.number:>4}  {c.target_id}  {what}; {state}")
        click.echo(f"      by {c.who}, {c.made_at}" + (f": {c.note}" if c.note else ""))


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@_models_option
@_cluster_options("in this process")
def extract(files, fmt, models, scheduler, workers, threads):
    """Print the quotes of FILES (or folders, any format ingest reads) as JSON
    lines, without touching a database; errors and skipped records on stderr."""
    from .parse import Parser
    from .pipeline import extract_files
    from .export.jsonl import quote_json

    failed = []

    def problem(kind: str, message: str) -> None:
        click.secho(f"{kind}: {message}", fg="red" if kind == "error" else None, err=True)
        failed.extend([message] if kind == "error" else [])

    for quote in extract_files(files, Parser(models), problem, workers=workers or 1, scheduler=scheduler,
                               threads=threads):
        click.echo(json.dumps(quote_json(quote), ensure_ascii=False))
    if failed:
        sys.exit(1)


@cli.command()
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False))
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=int)
@click.option("--metadata", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Datasette metadata (default: the project's metadata.yml).")
def serve(db_path, port, metadata):
    """Serve the database in Datasette on 127.0.0.1."""
    if not Path(db_path).exists():
        raise QuotetrackError(f"{db_path}: no such database; run `quotetrack ingest` first")
    from .site.metadata import checked_metadata

    command = [sys.executable, "-m", "datasette", "serve", db_path, "-h", "127.0.0.1", "-p", str(port),
               "--metadata", str(checked_metadata(metadata))]
    click.echo(f"Serving {db_path} at http://127.0.0.1:{port}/")
    sys.exit(subprocess.call(command, env=os.environ.copy()))


def _models_dir():
    from .parse.models import MODELS_DIR

    return MODELS_DIR


def _training():
    from .training import train

    return train


def _training_stages():
    return ("all", "prepare") + _training().STAGES + ("retag",)


def _parser(models):
    from .parse import Parser

    return Parser(models)


@cli.command()
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True,
              type=click.Path(dir_okay=False), help="The quotetrack database to publish (only read).")
@click.option("--out", "out", default=DEFAULT_PUBLISH_DIR, show_default=True, type=click.Path(file_okay=False),
              help="The folder to write quotes.db, metadata.yml and inspect-data.json into.")
@click.option("--metadata", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Datasette metadata (default: the project's metadata.yml).")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=int, help="Port for the printed serve command.")
@click.option("--excerpts", is_flag=True,
              help="Publish no article's full text: only each quote's sentence(s), its speaker, verb and "
              "intermediary with a short context (offsets, IDs and SHA-256 kept), for sites that may not "
              "republish the articles.")
def publish(db_path, out, metadata, port, excerpts):
    """Build OUT/ for immutable read-only serving and print the `datasette serve` command.

    Copies the database with its write-ahead log merged (journal_mode=delete),
    copies the metadata and runs `datasette inspect`. With --excerpts the copy
    keeps only the excerpts of the articles its quotes need.
    """
    from .export.deploy import build_site
    from .site.metadata import checked_metadata

    try:
        site = build_site(db_path, out, checked_metadata(metadata), excerpts=excerpts)
    except QuotetrackError as error:
        raise click.ClickException(str(error)) from None
    counts = site.counts
    click.echo(
        f"Wrote {site.db} ({counts['articles']} articles, {counts['quotes']} quotes, "
        f"{counts['speakers']} speakers, {counts['outlets']} outlets) and {site.inspect_file}"
    )
    if site.excerpts_only:
        click.echo(f"Excerpts only: {counts['excerpts']} excerpts; no article's full text is in {site.db}")
    click.echo("Serve it read-only with:")
    click.echo("  " + site.serve_command_line(port=port))


@cli.group(name="models")
def models_group() -> None:
    """Train, export and evaluate the offline English Stanza models."""


@models_group.command(name="train")
@click.option("--data", type=click.Path(exists=True, file_okay=False, path_type=Path), required=True,
              help="Directory holding en_ewt-ud-*.conllu and en_gum-ccby-ud-*.conllu.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=_models_dir(),
              show_default=True, help="Where the trained models are exported (optimizer state stripped).")
@click.option("--work-dir", type=click.Path(file_okay=False, path_type=Path),
              default=_training().DEFAULT_WORK_DIR, show_default=True,
              help="Prepared data, checkpoints and full models; keep it outside the repository.")
@click.option("--stage", type=click.Choice(_training_stages()), default="all", show_default=True,
              help="Which stage to run; 'all' runs tokenize, mwt, pos, lemma, depparse in order.")
@click.option("--parser-steps", type=int, default=_training().DEFAULT_PARSER_STEPS, show_default=True,
              help="Total parser steps; re-running with a larger number resumes from the checkpoint.")
@click.option("--pos-steps", type=int, default=_training().DEFAULT_POS_STEPS, show_default=True,
              help="Tagger steps.")
@click.option("--tokenize-steps", type=int, default=_training().DEFAULT_TOKENIZE_STEPS, show_default=True,
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
    train_mod = _training()
    try:
        train_mod.run(data, out, work_dir, stage, parser_steps=parser_steps, threads=threads,
                      force=force, do_export=not no_export, pos_steps=pos_steps, minutes=minutes,
                      pos_bert=pos_bert, parser_bert=parser_bert, parser_from=parser_from,
                      retag_with=retag_with, tokenize_steps=tokenize_steps)
    except (FileNotFoundError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc


@models_group.command(name="export")
@click.option("--work-dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=_training().DEFAULT_WORK_DIR, show_default=True)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=_models_dir(),
              show_default=True)
@click.option("--stage", type=click.Choice(("all",) + _training().STAGES), default="all", show_default=True)
def export_cmd(work_dir, out, stage) -> None:
    """Copy the best trained models into the package (optimizer state stripped)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    train_mod = _training()
    paths = train_mod.Paths(Path("."), Path(work_dir).expanduser().resolve())
    stages = train_mod.STAGES if stage == "all" else (stage,)
    for info in train_mod.export(paths, Path(out), stages):
        click.echo(f"{info['dst']}: {info['bytes'] / 1e6:.1f} MB")


@models_group.command(name="evaluate")
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
    from .parse.models import model_versions, resolve_source
    from .training.evaluate import evaluate, markdown_table

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


@models_group.command(name="versions")
@click.option("--models", "source", default=None, help="bundled, official, or a model directory.")
def versions_cmd(source) -> None:
    """Print the model hashes stored with each ingested article."""
    from .parse.models import model_versions

    click.echo(json.dumps(model_versions(source), indent=2))


@cli.group()
def evaluate():
    """Score quotetrack against annotated corpora."""


@evaluate.command("polnear")
@click.option("--path", type=click.Path(path_type=Path), default=None,
              help="PolNeAR checkout (default: $POLNEAR_DIR or ~/.cache/quotetrack/polnear).")
@click.option("--split", type=click.Choice(["train", "dev", "train+dev", "slice"]), default="dev", show_default=True,
              help="train is PolNeAR train less the untouched slice; slice is that slice, never tuned on.")
@click.option("--limit", type=int, default=None, help="Score only the first N articles (of each split).")
@click.option("--cached-only", is_flag=True, help="Score only articles whose parse is cached.")
@click.option("--models", default=None, help="Stanza models to parse with (default: bundled).")
@click.option("--parses", type=click.Choice(["stanza", "corenlp"]), default="stanza", show_default=True,
              help="Parse with our Stanza pipeline (cached) or use the CoreNLP parses PolNeAR ships.")
@click.option("--no-merge", is_flag=True,
              help='Score "A," he said. "B." as two quotes (PolNeAR has one attribution).')
@click.option("--scorer", type=click.Choice(["reference", "builtin"]), default="reference", show_default=True,
              help="Score as ../shared/eval/score.py --speech-only does, or the older built-in way "
              "(normalised spans, the speech subset by cue lemma).")
@click.option("--folds", type=click.IntRange(min=2), default=None,
              help="Also score each of N folds of the split's articles, with their mean ± spread.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--rules-csv", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write each rule's measured precision here (the form of quotetrack/data/rule_precision.csv).")
def polnear(path, split, limit, cached_only, models, parses, no_merge, scorer, folds, as_json, rules_csv):
    """Score quote extraction on a PolNeAR split (parses are cached)."""
    from .evaluate.polnear import default_path, evaluate_polnear, format_folds, format_table

    root = path or default_path()
    try:
        result = evaluate_polnear(root, split, limit, parser=_parser(models) if models else None,
                                  parse_missing=not cached_only, merge=not no_merge, parses=parses,
                                  log=lambda s: click.echo(s, err=True), scorer=scorer, folds=folds)
    except (FileNotFoundError, QuotetrackError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(json.dumps(result, indent=2) if as_json else format_table(result))
    if folds and not as_json:
        click.echo(f"\n{split} in {folds} folds (speech subset):\n" + format_folds(result["folds"]))
    if rules_csv:
        from .extract.precision import Measured, measured_csv

        table = {name: Measured(**{k: v for k, v in m.items() if k != "precision"})
                 for name, m in result["rules"].items()}
        rules_csv.write_text(measured_csv(table), encoding="utf-8")
        click.echo(f"Wrote {rules_csv} ({len(table)} precision classes)", err=True)


def _echo_scores(result: dict, as_json: bool, show_errors: bool, table) -> None:
    """A development set's scores: as JSON (its ``errors`` only when asked for), or
    as the text ``table()`` makes."""
    if as_json:
        if not show_errors:
            result = {k: v for k, v in result.items() if k != "errors"}
        click.echo(json.dumps(result, indent=2))
    else:
        click.echo(table())


@evaluate.command("provenance")
@click.option("--path", type=click.Path(path_type=Path), default=None,
              help="PolNeAR checkout (default: $POLNEAR_DIR or ~/.cache/quotetrack/polnear).")
@click.option("--set", "set_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Provenance set (default: the one shipped, quotetrack/evaluate/data/polnear_provenance.json).")
@click.option("--split", "splits", type=click.Choice(["train", "dev"]), multiple=True,
              help="Score only this split (repeatable; default: train and dev).")
@click.option("--models", default=None, help="Stanza models whose cached parses to read (default: bundled).")
@click.option("--errors", "show_errors", is_flag=True, help="Also list every error (article, gold offsets, gold and predicted via).")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def provenance(path, set_path, splits, models, show_errors, as_json):
    """Score quotes' channel (via outlet, via how) on the PolNeAR provenance set, from cached parses only."""
    from .evaluate.provenance import evaluate_provenance, format_table

    try:
        result = evaluate_provenance(set_path, path, tuple(splits) or ("train", "dev"),
                                     log=lambda s: click.echo(s, err=True), models=models)
    except (FileNotFoundError, QuotetrackError) as exc:
        raise click.ClickException(str(exc)) from exc
    _echo_scores(result, as_json, show_errors, lambda: format_table(result, errors=show_errors))


@evaluate.command("statements")
@click.option("--path", type=click.Path(path_type=Path), default=None,
              help="PolNeAR checkout (default: $POLNEAR_DIR or ~/.cache/quotetrack/polnear).")
@click.option("--set", "set_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Statement set (default: the one shipped, quotetrack/evaluate/data/polnear_statements.json).")
@click.option("--models", default=None, help="Stanza models whose cached parses to read (default: bundled).")
@click.option("--errors", "show_errors", is_flag=True,
              help="Also list every false merge and missed pair (articles, offsets, speakers, and the words, on the terminal only).")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def statements(path, set_path, models, show_errors, as_json):
    """Score utterances (quotes grouped into statements) pairwise on the PolNeAR statement set, from cached parses only."""
    from .evaluate.statements import evaluate_statements, format_table, snippets

    try:
        result = evaluate_statements(set_path, path, log=lambda s: click.echo(s, err=True), models=models)
    except (FileNotFoundError, QuotetrackError) as exc:
        raise click.ClickException(str(exc)) from exc
    _echo_scores(result, as_json, show_errors, lambda: format_table(
        result, errors=show_errors, text_of=snippets(path) if show_errors else None))


@evaluate.command("gum")
@click.option("--path", type=click.Path(path_type=Path), default=None,
              help="Folder holding en_gum-ccby-ud-{train,dev,test}.conllu "
              "(default: $QUOTETRACK_UD_DIR, else ../shared/ud beside the project).")
@click.option("--provenance", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Outlet annotations (default: the packaged data/gum_provenance.json).")
@click.option("--errors", is_flag=True, help="List every wrong or unresolved speaker and every outlet error.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores (and every scored case) as JSON.")
def gum(path, provenance, errors, as_json):
    """Score speaker resolution and outlet attributions on GUM's Wikinews documents (gold trees)."""
    from .evaluate.gum import default_path, evaluate_gum, format_table, result_json

    try:
        result = evaluate_gum(path or default_path(), provenance)
    except (FileNotFoundError, QuotetrackError) as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        out = result_json(result)
        if not errors:
            out["speakers"].pop("cases")
            for o in [out["outlets"], *out["outlets_by_group"].values()]:
                o.pop("cases")
        click.echo(json.dumps(out, indent=2))
    else:
        click.echo(format_table(result, errors=errors))


def main():
    cli()
