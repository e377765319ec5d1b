"""The store's search columns and FTS5 indexes (migration 009): filled when a
quote is written, refreshed when linking renames its entities, built in place
for a database that predates them."""

from __future__ import annotations

import json

import sqlite_utils

from quotetrack import ids, search
from quotetrack.pipeline import relink
from quotetrack.store import MIGRATIONS, open_store

from ..helpers import article, attributed

MOSCOW = 'Aleppo talks\n\n"No safe exit for the rebels was proposed," Moscow said on Tuesday.\n'
LAVROV_1 = 'Kerry meets Lavrov\n\n"The cease-fire must hold," Sergei Lavrov said.\n'
LAVROV_2 = 'Lavrov in Hamburg\n\n"We want the truce to hold," Sergey Lavrov told the Interfax news agency.\n'


def _store(store, text, doc, content, speaker, cue, name, **kw):
    art = article(text, doc, title=text.splitlines()[0], publisher="Al-Jazeera", date="2016-12-08")
    q = attributed(art, content, speaker, cue, name=name, **kw)
    store.write_article(art, ids.article_id(art.sha256), [q], "test", {})
    return q.quote_id


def _row(store, quote_id):
    return next(store.db.query("select * from quotes where id = ?", [quote_id]))


def _match(store, typed, table="quotes"):
    return [r["id"] for r in store.db.query(
        f"select t.id from {table}_fts join {table} t on t.rowid = {table}_fts.rowid "
        f"where {table}_fts match ? order by t.id", [search.parse_query(typed).match])]


def _index_matches_the_rows(store):
    """FTS5's own check of each index against its table (an error when they differ)."""
    for table in ("quotes", "speakers", "outlets", "articles"):
        store.db.execute(f"insert into {table}_fts ({table}_fts, rank) values ('integrity-check', 1)")


def test_a_written_quote_is_indexed_by_its_words_and_by_who_said_it(tmp_path):
    store = open_store(tmp_path / "q.db")
    qid = _store(store, MOSCOW, "m.txt", "No safe exit for the rebels was proposed", "Moscow", "said",
                 name="Moscow", speaker_type="organisation")
    row = _row(store, qid)
    assert row["search_text"] == "No safe exit for the rebels was proposed"
    assert row["search_attribution"] == "Moscow | Al-Jazeera AlJazeera | said"  # the article's own names
    assert _match(store, "aljazeera") == [qid] and _match(store, "proposal") == [qid]
    relink(store)
    # linking names the speaker Russia, Moscow its other name; the publisher gets the lexicon's names
    row = _row(store, qid)
    assert row["speaker_name"] == "Russia"
    assert row["search_attribution"] == "Russia | Moscow | Al Jazeera | Al-Jazeera AlJazeera | Aljazeera | said"
    assert _match(store, "Moscow") == [qid] and _match(store, "Russia") == [qid]
    speaker = next(store.db.query("select id, search_names from speakers"))
    assert speaker["search_names"] == "Russia | Moscow"
    assert _match(store, "moscow", "speakers") == [speaker["id"]]
    assert _match(store, "Al Jazeera", "outlets") == [r["id"] for r in store.db.query(
        "select id from outlets where name = 'Al Jazeera'")]
    store.close()


def test_a_relink_that_gives_a_speaker_a_new_alias_reindexes_the_older_quotes(tmp_path):
    store = open_store(tmp_path / "q.db")
    first = _store(store, LAVROV_1, "l1.txt", "The cease-fire must hold", "Sergei Lavrov", "said",
                   name="Sergei Lavrov")
    relink(store)
    assert "Sergey" not in _row(store, first)["search_attribution"]
    _store(store, LAVROV_2, "l2.txt", "We want the truce to hold", "Sergey Lavrov", "told", name="Sergey Lavrov",
           via="the Interfax news agency")
    relink(store)
    speaker = next(store.db.query("select name, aliases from speakers"))
    (alias,) = json.loads(speaker["aliases"])
    assert {speaker["name"], alias} == {"Sergei Lavrov", "Sergey Lavrov"}  # one speaker, both names
    assert _row(store, first)["search_attribution"] == (
        f"{speaker['name']} | {alias} | Al Jazeera | Al-Jazeera AlJazeera | Aljazeera | said")
    assert _match(store, "ceasefire") == [first] == _match(store, '"cease fire must"')
    # linking rewrote every quote's links; the index re-read only the changed search columns
    _index_matches_the_rows(store)
    store.close()


def test_a_database_from_before_search_gets_its_indexes_in_place(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    MIGRATIONS.apply(db, stop_before="009_search")
    db["outlets"].insert({"id": "o-aj", "name": "Al Jazeera", "aliases": json.dumps(["Al-Jazeera"])})
    db["speakers"].insert({"id": "s-ru", "name": "Russia", "aliases": json.dumps(["Moscow"])})
    db["articles"].insert({"id": "a-1", "doc": "a.txt", "sha256": "x", "text": MOSCOW, "title": "Aleppo talks",
                           "status": "current", "publisher_id": "o-aj"})
    db["quotes"].insert({"id": "q-1", "article_id": "a-1", "kind": "direct", "text": "No safe exit for the rebels",
                         "start_char": 15, "end_char": 42, "status": "current", "speaker_id": "s-ru",
                         "speaker_name": "Russia", "cue": "said"})
    assert "porter" not in db["quotes_fts"].schema
    db.conn.close()
    store = open_store(path)
    row = _row(store, "q-1")
    assert row["search_attribution"] == "Russia | Moscow | Al Jazeera | Al-Jazeera AlJazeera | said"
    assert _match(store, "moscow") == ["q-1"] == _match(store, "rebel")
    assert _match(store, "moscow", "speakers") == ["s-ru"] and _match(store, "aljazeera", "outlets") == ["o-aj"]
    for table in ("quotes", "articles", "speakers", "outlets"):
        assert f"tokenize='{search.TOKENIZE}'" in store.db[f"{table}_fts"].schema, table
    assert list(store.db.query("select id from articles_fts join articles a on a.rowid = articles_fts.rowid "
                               "where articles_fts match 'proposal'")) == [{"id": "a-1"}]
    # and new writes go on being indexed by the triggers
    _index_matches_the_rows(store)
    store.db.execute("update quotes set search_text = 'Nothing here', search_joined = 'Nothing here' where id = 'q-1'")
    assert _match(store, "rebel") == []
    store.db.execute("update quotes set speaker_name = 'Russian Federation' where id = 'q-1'")
    _index_matches_the_rows(store)
    store.close()
