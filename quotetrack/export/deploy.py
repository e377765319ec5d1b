"""The publish path: a self-contained, read-only copy of the database for Datasette.

:func:`build_site` makes ``OUT/quotes.db`` from a (possibly live, WAL-mode)
quotetrack database, with the WAL merged in and the journal mode set to
``delete`` so the file stands alone; copies the site's metadata (the
project's ``metadata.yml`` unless told otherwise; a missing one is an error); and writes
``OUT/inspect-data.json`` with ``datasette inspect`` so Datasette can serve
the file immutably (``datasette serve -i``) without counting rows at start-up.
The source database is only read.

With ``excerpts=True`` the copy holds no article's full text: only the
excerpts its quotes need (:mod:`.excerpts`, written by
:mod:`quotetrack.store.published`), and the file is vacuumed after, so that
no freed page keeps a text.
"""

from __future__ import annotations

import json
import shlex
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from typing import Callable

import attrs

from ..errors import QuotetrackError
from ..site.metadata import metadata_path
from ..store.published import EXCERPTS_TABLE, keep_only_excerpts
from .excerpts import article_excerpts

DB_NAME = "quotes.db"  # metadata.yml describes the database named "quotes"
REQUIRED_TABLES = {"quotes", "articles", "speakers", "outlets", "utterances"}


class PublishError(QuotetrackError):
    """The site could not be built."""


@attrs.frozen(kw_only=True)
class Site:
    db: Path
    metadata: Path
    inspect_file: Path
    counts: dict
    excerpts_only: bool = False

    def serve_command(self, host: str = "127.0.0.1", port: int = 8001) -> list[str]:
        command = ["datasette", "serve", "-i", str(self.db), "--inspect-file", str(self.inspect_file),
                   "--metadata", str(self.metadata)]
        command += ["-h", host, "-p", str(port), "--setting", "default_cache_ttl", "86400"]
        return command

    def serve_command_line(self, **kwargs) -> str:
        return shlex.join(self.serve_command(**kwargs))


def snapshot(source: Path, target: Path, prepare: Callable[[sqlite3.Connection], None] | None = None) -> None:
    """A consistent copy of ``source`` at ``target``, WAL merged, journal_mode=delete.

    Uses SQLite's backup API (a consistent copy even while an ingest writes),
    then, on the copy only: ``pragma wal_checkpoint(TRUNCATE)``, ``journal_mode
    = delete``, ``prepare`` (when given: a change to the copy, committed) and
    ``vacuum`` so the single file holds everything, and nothing that was removed.
    The copy is made beside ``target`` and moved there only when it is complete.
    """
    tmp = target.with_name(target.name + ".tmp")
    for path in (tmp, Path(str(tmp) + "-wal"), Path(str(tmp) + "-shm")):
        path.unlink(missing_ok=True)
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    except sqlite3.Error as e:
        raise PublishError(f"{source}: cannot open database ({e})") from e
    try:
        _copy(src, tmp, source, prepare)
    except BaseException:
        tmp.unlink(missing_ok=True)  # no half-made copy is left in the output folder
        raise
    finally:
        src.close()
    for suffix in ("-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    tmp.replace(target)


def _copy(src: sqlite3.Connection, tmp: Path, source: Path, prepare) -> None:
    try:
        dst = sqlite3.connect(str(tmp))
        try:
            src.backup(dst)
            dst.execute("pragma wal_checkpoint(TRUNCATE)")
            mode = dst.execute("pragma journal_mode = delete").fetchone()[0]
            if mode != "delete":
                raise PublishError(f"{tmp}: could not set journal_mode=delete (got {mode})")
            if prepare is not None:
                prepare(dst)
                dst.commit()
            dst.execute("vacuum")
            problems = dst.execute("pragma quick_check").fetchall()
            if problems != [("ok",)]:
                raise PublishError(f"{source}: integrity check failed: {problems[:3]}")
        finally:
            dst.close()
    except sqlite3.DatabaseError as e:
        raise PublishError(f"{source}: not a usable SQLite database ({e})") from e


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")}


def _require_tables(conn: sqlite3.Connection, path: Path) -> None:
    missing = REQUIRED_TABLES - _tables(conn)
    if missing:
        raise PublishError(f"{path}: not a quotetrack database (missing tables: {', '.join(sorted(missing))})")


def _check(db_path: Path) -> dict:
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        _require_tables(conn, db_path)
        return {
            "articles": conn.execute("select count(*) from articles where status = 'current'").fetchone()[0],
            "quotes": conn.execute("select count(*) from quotes where status = 'current'").fetchone()[0],
            "speakers": conn.execute("select count(*) from speakers").fetchone()[0],
            "outlets": conn.execute("select count(*) from outlets").fetchone()[0],
            "excerpts": (conn.execute(f"select count(*) from {EXCERPTS_TABLE}").fetchone()[0]
                         if EXCERPTS_TABLE in _tables(conn) else None),
        }
    finally:
        conn.close()


def inspect(db_path: Path, inspect_file: Path) -> None:
    """Run ``datasette inspect`` (as the installed Datasette does it) into ``inspect_file``."""
    result = subprocess.run(
        [sys.executable, "-m", "datasette", "inspect", str(db_path), "--inspect-file", str(inspect_file)],
        capture_output=True, text=True,
    )
    if result.returncode != 0:
        raise PublishError(f"datasette inspect failed: {result.stderr.strip() or result.stdout.strip()}")
    data = json.loads(inspect_file.read_text())
    if db_path.stem not in data:
        raise PublishError(f"{inspect_file}: datasette inspect did not describe {db_path.name}")


def excerpts_only(source: Path) -> Callable[[sqlite3.Connection], None]:
    """What turns the copy of ``source`` into an excerpts-only one: each article's
    text replaced by its excerpts."""
    def prepare(conn: sqlite3.Connection) -> None:
        _require_tables(conn, source)
        if EXCERPTS_TABLE in _tables(conn):
            raise PublishError(f"{source}: already an excerpts-only publication (its texts are gone); "
                               "publish from the database `quotetrack ingest` writes")
        keep_only_excerpts(conn, lambda text, quotes: [(e.start_char, e.text) for e in article_excerpts(text, quotes)])

    return prepare


def build_site(db: str | Path, out: str | Path, metadata: str | Path | None = None,
               excerpts: bool = False) -> Site:
    """Build ``out/`` for immutable, read-only serving; see the module docstring."""
    source, out = Path(db), Path(out)
    if not source.exists():
        raise PublishError(f"{source}: no such database; run `quotetrack ingest` first")
    metadata = Path(metadata) if metadata is not None else metadata_path()
    if not metadata.is_file():
        raise PublishError(f"{metadata}: no such metadata file")
    out.mkdir(parents=True, exist_ok=True)
    target = out / DB_NAME
    if target.resolve() == source.resolve():
        raise PublishError(f"{out}: the output folder must not hold the source database")
    snapshot(source, target, excerpts_only(source) if excerpts else None)
    counts = _check(target)
    meta_target = out / "metadata.yml"
    if metadata.resolve() != meta_target.resolve():
        shutil.copyfile(metadata, meta_target)
    inspect_file = out / "inspect-data.json"
    inspect(target, inspect_file)
    return Site(db=target, metadata=meta_target, inspect_file=inspect_file, counts=counts, excerpts_only=excerpts)
