import sqlite3

import pytest

from quotetrack import ids
from quotetrack.errors import StoreError
from quotetrack.store import MIGRATIONS, open_store, schema_version

from .helpers import article, quote
from quotetrack.resolve import resolve_article
from quotetrack.records import ParsedDoc

TEXT = 'Headline\n\n"We are close to a deal," Ryabkov added.\n\n"Talks go on," Lavrov said.\n'


def _quotes(a):
    qs = [quote(a.text, "We are close to a deal", "Ryabkov", "added"),
          quote(a.text, "Talks go on", "Lavrov", "said")]
    return resolve_article(a, ParsedDoc(text=a.text, sentences=()), qs)


def test_migrations_run_once_and_the_database_is_in_wal_mode(tmp_path):
    path = tmp_path / "q.db"
    store = open_store(path)
    assert schema_version(store.db) == len(MIGRATIONS)
    assert store.db.journal_mode == "wal"
    store.close()
    store = open_store(path)  # again: nothing to migrate, nothing fails
    assert schema_version(store.db) == len(MIGRATIONS)
    assert {"articles", "quotes", "speakers", "outlets", "utterances", "ingest_log"} <= set(store.db.table_names())
    assert "quote_context" in store.db.view_names()


def test_an_article_and_its_quotes_are_written_together(tmp_path):
    store = open_store(tmp_path / "q.db")
    a = article(TEXT)
    store.write_article(a, ids.article_id(a.sha256), _quotes(a), "v1", {})
    rows = list(store.db.query("select text, start_char, end_char from quotes order by start_char"))
    assert [r["text"] for r in rows] == ["We are close to a deal", "Talks go on"]
    for r in rows:
        assert TEXT[r["start_char"]:r["end_char"]] == r["text"]


def test_a_failure_inside_the_article_transaction_leaves_nothing_behind(tmp_path, monkeypatch):
    import quotetrack.store.db as store_module

    store = open_store(tmp_path / "q.db")
    a = article(TEXT)
    quotes = _quotes(a)
    calls = []
    real_row = store_module.quote_row

    def failing_row(q, article_id):
        calls.append(q)
        if len(calls) == 2:
            raise RuntimeError("disk on fire")
        return real_row(q, article_id)

    monkeypatch.setattr(store_module, "quote_row", failing_row)
    with pytest.raises(RuntimeError):
        store.write_article(a, ids.article_id(a.sha256), quotes, "v1", {})
    assert store.db["articles"].count == 0
    assert store.db["quotes"].count == 0


def test_a_changed_article_supersedes_the_old_quotes_which_stay_resolvable(tmp_path):
    store = open_store(tmp_path / "q.db")
    old = article(TEXT)
    old_quotes = _quotes(old)
    store.write_article(old, ids.article_id(old.sha256), old_quotes, "v1", {})
    new = article("Corrected headline\n\n" + TEXT.split("\n\n", 1)[1])
    new_quotes = _quotes(new)
    store.write_article(new, ids.article_id(new.sha256), new_quotes, "v1", {})
    statuses = {r["id"]: (r["status"], r["superseded_by"]) for r in store.db.query("select * from quotes")}
    for before, after in zip(old_quotes, new_quotes):
        assert before.quote_id != after.quote_id
        assert statuses[before.quote_id] == ("superseded", after.quote_id)
        assert statuses[after.quote_id] == ("current", None)
    articles = {r["id"]: r["status"] for r in store.db.query("select id, status from articles")}
    assert sorted(articles.values()) == ["current", "superseded"]


def test_the_same_text_analysed_again_keeps_the_ids_its_old_analysis_published(tmp_path):
    store = open_store(tmp_path / "q.db")
    a = article(TEXT)
    first = _quotes(a)
    store.write_article(a, ids.article_id(a.sha256), first, "rules 1", {})
    # new rules: the first quote now ends earlier, the second is unchanged
    again = resolve_article(a, ParsedDoc(text=a.text, sentences=()), [
        quote(a.text, "We are close", "Ryabkov", "added"),
        quote(a.text, "Talks go on", "Lavrov", "said")])
    store.write_article(a, ids.article_id(a.sha256), again, "rules 2", {})
    rows = {r["id"]: (r["status"], r["superseded_by"]) for r in store.db.query("select * from quotes")}
    assert rows == {
        first[0].quote_id: ("revised", again[0].quote_id),
        again[0].quote_id: ("current", None),
        first[1].quote_id: ("current", None),  # the same span: the same ID, still current
    }
    assert first[1].quote_id == again[1].quote_id


def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 100)
    before = path.read_bytes()
    with pytest.raises(StoreError, match="notes.db: not an SQLite database"):
        open_store(path)
    assert path.read_bytes() == before


def test_a_locked_database_gives_a_clear_error(tmp_path):
    path = tmp_path / "q.db"
    open_store(path).close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("pragma journal_mode = delete")
    other.execute("begin exclusive")
    try:
        with pytest.raises(StoreError, match="q.db: database is locked"):
            open_store(path, timeout=0.2)
    finally:
        other.execute("rollback")
        other.close()
