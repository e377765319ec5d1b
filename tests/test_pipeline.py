"""Ingest logic (incremental, duplicates, bad input) with a stand-in parser.

The real pipeline is exercised in test_integration.py; here a parser that
returns no sentences keeps these tests fast and independent of the models.
"""

import shutil
from pathlib import Path

import pytest

from quotetrack.errors import ArticleError
from quotetrack.pipeline import ingest
from quotetrack.records import ParsedDoc
from quotetrack.store import open_store

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


class CountingParser:
    models = "bundled"

    def __init__(self):
        self.parsed = []

    def versions(self):
        return {"stand-in": "1"}

    def parse(self, text):
        self.parsed.append(text[:20])
        return ParsedDoc(text=text, sentences=())


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder)
    return folder


def test_unchanged_articles_are_skipped_and_changed_ones_replaced(corpus, tmp_path):
    db = tmp_path / "q.db"
    parser = CountingParser()
    first = ingest(corpus, db, parser)
    assert (first.articles, first.parsed, first.skipped, first.errors) == (5, 5, 0, ())
    second = ingest(corpus, db, parser)
    assert (second.parsed, second.skipped) == (0, 5)
    path = corpus / "002_c0f3d0dca708e4af.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nA correction.\n", encoding="utf-8")
    third = ingest(corpus, db, parser)
    assert (third.articles, third.parsed, third.skipped) == (5, 1, 4)
    store = open_store(db)
    statuses = sorted(r["status"] for r in store.db.query("select status from articles"))
    assert statuses == ["current"] * 5 + ["superseded"]


def test_new_models_analyse_unchanged_articles_again(corpus, tmp_path):
    db = tmp_path / "q.db"
    parser = CountingParser()
    ingest(corpus, db, parser)
    parser.versions = lambda: {"stand-in": "2"}
    report = ingest(corpus, db, parser)
    assert (report.parsed, report.skipped) == (5, 0)
    assert (ingest(corpus, db, parser).parsed) == 0


def test_bad_files_are_logged_and_the_rest_ingested(corpus, tmp_path):
    (corpus / "empty.txt").write_text("")
    (corpus / "copy.txt").write_bytes((corpus / "000_fb29eb345b8b11e0.txt").read_bytes())
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02")
    report = ingest(corpus, tmp_path / "q.db", CountingParser())
    assert report.articles == 5
    assert not report.ok
    assert len(report.errors) == 3
    assert any("copy.txt: same text as" in e for e in report.errors)
    store = open_store(tmp_path / "q.db")
    logged = {(Path(r["path"]).name, r["status"]) for r in store.db.query("select path, status from ingest_log")}
    assert {("empty.txt", "error"), ("copy.txt", "error"), ("binary.txt", "error")} <= logged


def test_an_empty_directory_is_an_error_that_is_logged(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(ArticleError, match="no articles"):
        ingest(tmp_path / "empty", tmp_path / "q.db", CountingParser())
    store = open_store(tmp_path / "q.db")
    assert [r["status"] for r in store.db.query("select status from ingest_log")] == ["error"]


def test_a_database_error_mid_ingest_is_one_clear_error_and_keeps_what_was_stored(
        corpus, tmp_path, monkeypatch):
    import sqlite3

    from quotetrack.errors import StoreError
    from quotetrack.store import Store

    db = tmp_path / "q.db"
    real_write = Store.write_article
    written = []

    def flaky_write(self, article, *args, **kwargs):
        if len(written) == 2:
            raise sqlite3.OperationalError("database is locked")
        real_write(self, article, *args, **kwargs)
        written.append(article.doc)

    monkeypatch.setattr(Store, "write_article", flaky_write)
    with pytest.raises(StoreError, match=r"q\.db: database error during ingest \(database is locked\)"):
        ingest(corpus, db, CountingParser())
    store = open_store(db)
    assert sorted(r["doc"] for r in store.db.query("select doc from articles")) == sorted(written)
    monkeypatch.undo()
    report = ingest(corpus, db, CountingParser())  # the rerun finishes the job
    assert (report.articles, report.skipped, report.parsed) == (5, 2, 3)
