"""``quotetrack publish``: build a read-only copy of the database for Datasette.

The main CLI attaches this command: ``cli.add_command(publish)``.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import QuotetrackError

REPO_METADATA = Path(__file__).resolve().parent.parent.parent / "metadata.yml"


@click.command()
@click.option("--db", "db_path", default="db/quotes.db", show_default=True,
              type=click.Path(dir_okay=False), help="The quotetrack database to publish (only read).")
@click.option("--out", "out", default="build", show_default=True, type=click.Path(file_okay=False),
              help="The folder to write quotes.db, metadata.yml and inspect-data.json into.")
@click.option("--metadata", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Datasette metadata (default: the project's metadata.yml).")
@click.option("--port", default=8001, show_default=True, type=int, help="Port for the printed serve command.")
def publish(db_path, out, metadata, port):
    """Build OUT/ for immutable read-only serving and print the `datasette serve` command.

    Copies the database with its write-ahead log merged (journal_mode=delete),
    copies the metadata and runs `datasette inspect`.
    """
    from .deploy import build_site

    if metadata is None and REPO_METADATA.exists():
        metadata = REPO_METADATA
    try:
        site = build_site(db_path, out, metadata)
    except QuotetrackError as error:
        raise click.ClickException(str(error)) from None
    counts = site.counts
    click.echo(
        f"Wrote {site.db} ({counts['articles']} articles, {counts['quotes']} quotes, "
        f"{counts['speakers']} speakers, {counts['outlets']} outlets) and {site.inspect_file}"
    )
    click.echo("Serve it read-only with:")
    click.echo("  " + site.serve_command_line(port=port))
