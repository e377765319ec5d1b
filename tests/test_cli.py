"""CLI behaviour that needs no model: clear one-line errors, never a traceback."""

from click.testing import CliRunner

from quotetrack.cli import cli


def run(*args):
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.output
    return result


def test_help_lists_the_commands():
    result = run("--help")
    assert result.exit_code == 0
    for command in ("ingest", "extract", "serve", "models", "evaluate"):
        assert command in result.output


def test_ingest_refuses_a_file_that_is_not_sqlite(tmp_path):
    (tmp_path / "a.txt").write_text("Headline\n\nText.", encoding="utf-8")
    db = tmp_path / "notes.db"
    db.write_text("not a database\n" * 50)
    result = run("ingest", str(tmp_path), "--db", str(db))
    assert result.exit_code == 1
    assert "notes.db: not an SQLite database" in result.output


def test_extract_names_a_bad_file(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00binary")
    result = run("extract", str(bad))
    assert result.exit_code == 1
    assert "bad.txt: binary file" in result.output


def test_serve_needs_an_existing_database(tmp_path):
    result = run("serve", "--db", str(tmp_path / "missing.db"))
    assert result.exit_code == 1
    assert "missing.db: no such database" in result.output
