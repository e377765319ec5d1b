"""The ``quotetrack`` command line: a thin click layer over the Python API."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click

from .errors import QuotetrackError

DEFAULT_DB = "db/quotes.db"
REPO_METADATA = Path(__file__).resolve().parent.parent / "metadata.yml"


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
    """Find, attribute and publish the quotes of a folder of news articles."""


def _models_option(f):
    return click.option(
        "--models",
        type=click.Choice(["bundled", "official"]),
        default=None,
        help="Stanza models: the bundled offline ones (default) or Stanza's official "
        "English models from your stanza resources dir. Env: QUOTETRACK_MODELS.",
    )(f)


@cli.command()
@click.argument("corpus", type=click.Path(file_okay=False, path_type=Path))
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False))
@click.option("--prune", is_flag=True,
              help="Mark stored articles whose files are no longer in CORPUS as removed "
              "(their quote IDs keep resolving).")
@_models_option
def ingest(corpus, db_path, prune, models):
    """Ingest the articles (*.txt) of CORPUS into the database."""
    from .parse import Parser
    from .pipeline import ingest as run_ingest

    parser = Parser(models)
    with click.progressbar(length=1, label="Ingesting") as bar:
        def progress(articles):
            bar.length = len(articles)
            for article in articles:
                bar.label = f"Ingesting {article.doc}"
                yield article
                bar.update(1)

        report = run_ingest(corpus, db_path, parser, progress, prune=prune)
    for error in report.errors:
        click.secho(f"error: {error}", fg="red", err=True)
    removed = f", {report.removed} removed" if prune else ""
    click.echo(
        f"{report.articles} articles ({report.parsed} parsed, {report.skipped} unchanged{removed}), "
        f"{report.quotes} quotes, {report.speakers} speakers, {report.outlets} outlets, "
        f"{report.utterances} utterances, {len(report.errors)} errors, {report.seconds:.1f}s"
    )
    if not report.ok:
        sys.exit(1)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@_models_option
def extract(files, fmt, models):
    """Print the quotes of FILES as JSON lines, without touching a database."""
    from .parse import Parser
    from .pipeline import extract_files
    from .publish.jsonl import quote_json

    for quote in extract_files(files, Parser(models)):
        click.echo(json.dumps(quote_json(quote), ensure_ascii=False))


@cli.command()
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False))
@click.option("--port", default=8001, show_default=True, type=int)
@click.option("--metadata", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Datasette metadata (default: the project's metadata.yml).")
def serve(db_path, port, metadata):
    """Serve the database in Datasette on 127.0.0.1."""
    if not Path(db_path).exists():
        raise QuotetrackError(f"{db_path}: no such database; run `quotetrack ingest` first")
    command = [sys.executable, "-m", "datasette", "serve", db_path, "-h", "127.0.0.1", "-p", str(port)]
    metadata = metadata or (REPO_METADATA if REPO_METADATA.exists() else None)
    if metadata:
        command += ["--metadata", str(metadata)]
    click.echo(f"Serving {db_path} at http://127.0.0.1:{port}/")
    sys.exit(subprocess.call(command, env=os.environ.copy()))


from .evaluate import evaluate  # noqa: E402  (these import nothing heavy)
from .models.cli import models  # noqa: E402
from .publish.cli import publish  # noqa: E402

cli.add_command(models)
cli.add_command(evaluate)
cli.add_command(publish)


def main():
    cli()
