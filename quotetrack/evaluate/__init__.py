"""Evaluation of quotetrack's stages against annotated corpora.

``evaluate`` is a click group meant to hang off the main CLI
(``quotetrack evaluate polnear --path DIR --split dev --limit N``); until it is
attached: ``python -c 'from quotetrack.evaluate import evaluate; evaluate()' polnear ...``.
"""

from __future__ import annotations

import json
from pathlib import Path

import click


@click.group()
def evaluate():
    """Score quotetrack against annotated corpora."""


@evaluate.command("polnear")
@click.option("--path", type=click.Path(path_type=Path), default=None,
              help="PolNeAR checkout (default: $POLNEAR_DIR or ~/.cache/quotetrack/polnear).")
@click.option("--split", type=click.Choice(["train", "dev"]), default="dev", show_default=True)
@click.option("--limit", type=int, default=None, help="Score only the first N articles.")
@click.option("--cached-only", is_flag=True, help="Score only articles whose parse is cached.")
@click.option("--models", default=None, help="Stanza models to parse with (default: bundled).")
@click.option("--parses", type=click.Choice(["stanza", "corenlp"]), default="stanza", show_default=True,
              help="Parse with our Stanza pipeline (cached) or use the CoreNLP parses PolNeAR ships.")
@click.option("--no-merge", is_flag=True,
              help='Score "A," he said. "B." as two quotes (PolNeAR has one attribution).')
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def polnear(path, split, limit, cached_only, models, parses, no_merge, as_json):
    """Score quote extraction on a PolNeAR split (parses are cached)."""
    from ..errors import QuotetrackError
    from ..parse import Parser
    from .polnear import default_path, evaluate_polnear, format_table

    root = path or default_path()
    try:
        result = evaluate_polnear(root, split, limit, parser=Parser(models) if models else None,
                                  parse_missing=not cached_only, merge=not no_merge, parses=parses, log=lambda s: click.echo(s, err=True))
    except (FileNotFoundError, QuotetrackError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(json.dumps(result, indent=2) if as_json else format_table(result))
