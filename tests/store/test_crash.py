"""Ingest killed with a real `kill -9` at any moment leaves whole articles only,
and a rerun completes the database with no duplicate or half-written article.
Datasette-style readers see only whole articles while an ingest writes (WAL)."""

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from ..conftest import CORPUS

pytestmark = pytest.mark.slow

COPIES = 4  # the sample corpus four times over (each copy a different text)


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("big")
    for n in range(COPIES):
        for path in sorted(CORPUS.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            (folder / f"{n}_{path.name}").write_text(f"{text}\nEdition {n}.\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def reference(big_corpus, parser, tmp_path_factory):
    """Quote IDs per article from an uninterrupted ingest."""
    from quotetrack.pipeline import ingest

    path = tmp_path_factory.mktemp("ref") / "ref.db"
    assert ingest(big_corpus, path, parser).ok
    return _quotes_by_doc(path)


def _quotes_by_doc(path):
    conn = sqlite3.connect(path)
    result = {}
    for doc, quote_id in conn.execute(
        "select a.doc, q.id from articles a left join quotes q on q.article_id = a.id "
        "where a.status = 'current'"
    ):
        result.setdefault(doc, set())
        if quote_id:
            result[doc].add(quote_id)
    conn.close()
    return result


def _ingest_process(corpus, db):
    return subprocess.Popen(
        [sys.executable, "-m", "quotetrack", "ingest", str(corpus), "--db", str(db)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )


def _articles_done(db):
    try:
        conn = sqlite3.connect(db, timeout=1)
        n = conn.execute("select count(*) from articles").fetchone()[0]
        conn.close()
        return n
    except sqlite3.Error:
        return 0


@pytest.mark.parametrize("kill_after", [1, 7, 13])
def test_kill_9_mid_ingest_then_rerun(big_corpus, reference, tmp_path, kill_after):
    db = tmp_path / "q.db"
    proc = _ingest_process(big_corpus, db)
    deadline = time.time() + 300
    while _articles_done(db) < kill_after and proc.poll() is None and time.time() < deadline:
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    # whatever was stored is whole: every stored article has exactly its quotes
    partial = _quotes_by_doc(db)
    assert partial, "nothing was stored before the kill"
    for doc, quote_ids in partial.items():
        assert quote_ids == reference[doc], f"{doc} is half-written"
    # a rerun completes the database, with nothing twice
    rerun = _ingest_process(big_corpus, db)
    assert rerun.wait(timeout=600) == 0, rerun.stderr.read().decode()
    assert _quotes_by_doc(db) == reference
    conn = sqlite3.connect(db)
    assert conn.execute("select count(*) from articles where status = 'current'").fetchone()[0] == len(reference)
    assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert conn.execute("pragma foreign_key_check").fetchall() == []


def test_readers_never_see_a_half_ingested_article(big_corpus, reference, tmp_path):
    db = tmp_path / "q.db"
    proc = _ingest_process(big_corpus, db)
    seen = 0
    try:
        while proc.poll() is None:
            try:
                snapshot = _quotes_by_doc(db) if db.exists() else {}
            except sqlite3.OperationalError:  # the schema is still being created
                snapshot = {}
            for doc, quote_ids in snapshot.items():
                assert quote_ids == reference[doc], f"a reader saw {doc} half-written"
                seen += 1
            time.sleep(0.02)
    finally:
        proc.wait(timeout=600)
    assert proc.returncode == 0
    assert seen > 0
