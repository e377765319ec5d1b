import sqlite3

import attrs
import pytest

from quotetrack import ids
from quotetrack.errors import StoreError
from quotetrack.store import MIGRATIONS, applied_migrations, open_store, quote_row, row_to_resolved

from ..helpers import article, quote
from quotetrack.resolve import resolve_article
from quotetrack.records import ParsedDoc

TEXT = 'Headline\n\n"We are close to a deal," Ryabkov added.\n\n"Talks go on," Lavrov said.\n'


def _quotes(a):
    qs = [quote(a.text, "We are close to a deal", "Ryabkov", "added"),
          quote(a.text, "Talks go on", "Lavrov", "said")]
    return resolve_article(a, ParsedDoc(text=a.text, sentences=()), qs)


ALL_MIGRATIONS = ["001_tables", "002_kinds", "003_local_columns", "004_parses", "005_entity_redirects",
                  "006_channels", "007_statements", "008_quote_list", "009_search",
                  "010_corrections", "012_formats"]


def test_migrations_run_once_and_the_database_is_in_wal_mode(tmp_path):
    path = tmp_path / "q.db"
    store = open_store(path)
    assert applied_migrations(store.db) == ALL_MIGRATIONS
    assert store.db.journal_mode == "wal"
    store.close()
    store = open_store(path)  # again: nothing to migrate, nothing fails
    assert applied_migrations(store.db) == ALL_MIGRATIONS
    assert store.db["_sqlite_migrations"].count == len(ALL_MIGRATIONS)
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


def _legacy_database(path):
    """A database as the hand-rolled migration runner left it: migrations 1 and 2
    recorded in ``schema_migrations``, one article analysed by rules version 5."""
    import sqlite_utils

    from quotetrack.store import schema

    db = sqlite_utils.Database(path)
    schema._tables(db)
    schema._kinds(db)
    db["schema_migrations"].insert_all(
        [{"version": 1, "applied_at": "2026-11-20T10:00:00+00:00"},
         {"version": 2, "applied_at": "2026-11-21T10:00:00+00:00"}], pk="version")
    a = article(TEXT)
    db["articles"].insert({"id": ids.article_id(a.sha256), "doc": a.doc, "path": a.doc, "sha256": a.sha256,
                           "text": a.text, "status": "current", "pipeline_version": "quotetrack 0.1.0; rules 5",
                           "models": "{}"})
    db.close()
    return a


def test_a_database_of_the_old_migration_runner_upgrades_in_place(tmp_path):
    path = tmp_path / "old.db"
    a = _legacy_database(path)
    store = open_store(path)
    assert applied_migrations(store.db) == ALL_MIGRATIONS
    applied = {m.name: m.applied_at for m in MIGRATIONS.applied(store.db)}
    assert applied["001_tables"] == "2026-11-20T10:00:00+00:00"  # carried over, not run again
    assert "schema_migrations" not in store.db.table_names()
    assert "via_outlet_local" in store.db["quotes"].columns_dict
    assert "parses" in store.db.table_names()
    # the version the old runner stored is kept under its new name
    assert store.current_article(a.doc)["analysis_version"] == "quotetrack 0.1.0; rules 5"
    store.close()
    assert applied_migrations(open_store(path).db) == ALL_MIGRATIONS  # and opens again cleanly


def test_a_quote_row_reads_back_as_the_quote_it_was_written_from():
    text = ("Syria's state TV said the army advanced. According to state TV, \"the city is ours,\" "
            "an officer said.")
    a = article(text)
    q = quote(text, "the city is ours", "an officer", "said", via="state TV", after=40)
    [resolved] = resolve_article(a, ParsedDoc(text=text, sentences=()), [q])
    resolved = attrs.evolve(resolved, via_outlet_name="Syria's state TV", continues_id=None)
    row = quote_row(resolved, ids.article_id(a.sha256))
    back = row_to_resolved({**row, "doc": a.doc, "speaker_local": row["speaker_local"]})
    assert back == resolved
    assert back.via_outlet_name == "Syria's state TV"  # the article's naming, not the mention's


def test_a_row_stored_before_migration_3_names_its_outlet_from_the_mention():
    text = 'The state-owned al-Watan newspaper quoted him: "We will win."'
    a = article(text)
    q = quote(text, "We will win.", "him", "quoted", via="The state-owned al-Watan newspaper")
    [resolved] = resolve_article(a, ParsedDoc(text=text, sentences=()), [q])
    row = {**quote_row(resolved, ids.article_id(a.sha256)), "doc": a.doc, "via_outlet_local": None}
    assert row_to_resolved(row).via_outlet_name == "Al-Watan"


def test_a_parse_is_stored_once_and_reads_back_exactly(tmp_path):
    from quotetrack.parse import from_conllu

    from ..helpers import compact_conllu

    text = "Lavrov said talks would go on."
    doc = from_conllu(text, compact_conllu("""
        Lavrov 2 nsubj PROPN
        said 0 root VERB say
        talks 5 nsubj NOUN talk
        would 5 aux AUX
        go 2 ccomp VERB
        on 5 compound:prt ADP
        . 2 punct PUNCT"""))
    store = open_store(tmp_path / "q.db")
    a = article(text)
    store.write_article(a, ids.article_id(a.sha256), [], "v1", {"m": "1"}, "key1", parse=doc)
    assert store.stored_parse(a.sha256, "key1", text) == doc
    assert store.stored_parse(a.sha256, "other models", text) is None
    assert store.current_article(a.doc)["models_key"] == "key1"
    assert store.counts()["parses"] == 1


def test_migration_6_gives_stored_channels_their_how_and_first_hand(tmp_path):
    import sqlite_utils

    db = sqlite_utils.Database(tmp_path / "old.db")
    MIGRATIONS.apply(db, stop_before="006_channels")
    db["outlets"].insert_all([{"id": "o-aj", "name": "Al Jazeera"}, {"id": "o-ifx", "name": "Interfax"}])
    db["articles"].insert({"id": "a-1", "doc": "a.txt", "sha256": "x", "text": "t", "status": "current",
                           "publisher_id": "o-aj"})
    rows = [("q-1", "o-ifx", "the Interfax news agency"), ("q-2", "o-aj", "Al Jazeera"), ("q-3", None, None)]
    db["quotes"].insert_all([{"id": qid, "article_id": "a-1", "kind": "direct", "text": "t", "start_char": 0,
                              "end_char": 1, "status": "current", "via_outlet_id": via,
                              "via_outlet_mention": mention} for qid, via, mention in rows])
    db.conn.close()
    store = open_store(tmp_path / "old.db")
    got = [(r["id"], r["via_how"], r["first_hand"])
           for r in store.db.query("select id, via_how, first_hand from quotes order by id")]
    assert got == [("q-1", "named", 0), ("q-2", "named", 1), ("q-3", None, None)]
    store.close()
