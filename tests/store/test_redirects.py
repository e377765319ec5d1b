"""Retired speaker and outlet IDs keep resolving: the pure successor rules, the
store's redirect table across relinks, and the site's 301."""

from __future__ import annotations

import asyncio

from quotetrack import ids
from quotetrack.records import Entity, Quote, ResolvedQuote
from quotetrack.store import open_store
from quotetrack.store.redirects import successors, updated_redirects

from ..helpers import article


def test_a_retired_id_leads_to_the_entity_that_took_most_of_its_records():
    before = {"q1": "s-old", "q2": "s-old", "q3": "s-old", "q4": "s-kept"}
    after = {"q1": "s-full", "q2": "s-full", "q3": "s-other", "q4": "s-kept"}
    assert successors(before, after, live={"s-full", "s-other", "s-kept"}) == {"s-old": "s-full"}


def test_a_live_id_is_no_redirect_and_ties_go_to_the_first_id():
    before = {"q1": "s-a", "q2": "s-a", "q3": "s-b"}
    after = {"q1": "s-y", "q2": "s-x", "q3": "s-b"}
    assert successors(before, after, live={"s-x", "s-y", "s-b"}) == {"s-a": "s-x"}
    assert successors(before, {}, live={"s-x"}) == {}  # its quotes went nowhere: no successor


def test_an_id_retired_twice_leads_to_its_latest_successor():
    assert updated_redirects({"s-a": "s-b"}, {"s-b": "s-c"}, live={"s-c"}) == {"s-a": "s-c", "s-b": "s-c"}
    # the old ID came back: it is itself again
    assert updated_redirects({"s-a": "s-b"}, {}, live={"s-a", "s-b"}) == {}
    # its successor is gone with no successor of its own: nothing to lead to
    assert updated_redirects({"s-a": "s-b"}, {}, live={"s-c"}) == {}


TEXT = 'Ryabkov said: "We are close to a deal."\n'
SURNAME, FULL, OTHER = (ids.entity_id("speaker", n) for n in ("ryabkov", "sergei ryabkov", "sergey ryabkov"))


def _linked(a, speaker_id: str | None, name: str) -> ResolvedQuote:
    start = TEXT.index("We are")
    q = Quote(kind="direct", start_char=start, end_char=start + 21, text=TEXT[start:start + 21],
              rule="test", confidence=0.9)
    return ResolvedQuote(quote_id="q-0000000001", doc=a.doc, quote=q, speaker_id=speaker_id,
                         speaker_name=name, speaker_type="person", resolution="name")


def _relink(store, a, speaker_id, name):
    speaker = Entity(entity_id=speaker_id, name=name, type="person")
    store.write_entities([speaker], [], [_linked(a, speaker_id, name)], [], {})


def test_the_store_keeps_a_retired_speaker_id_resolving_across_relinks(tmp_path):
    store = open_store(tmp_path / "q.db")
    a = article(TEXT)
    store.write_article(a, ids.article_id(a.sha256), [_linked(a, None, "Ryabkov")], "v1", {})
    _relink(store, a, SURNAME, "Ryabkov")
    assert store.redirect(SURNAME) is None
    _relink(store, a, FULL, "Sergei Ryabkov")  # a fuller name arrived
    assert store.redirect(SURNAME) == FULL
    _relink(store, a, OTHER, "Sergey Ryabkov")  # and another spelling won
    assert store.redirect(SURNAME) == OTHER
    assert store.redirect(FULL) == OTHER
    _relink(store, a, SURNAME, "Ryabkov")  # back as it was: the first ID is itself again
    assert store.redirect(SURNAME) is None
    assert store.redirect(OTHER) == SURNAME


def test_the_site_redirects_a_retired_speaker_id(tmp_path):
    from datasette.app import Datasette

    db = tmp_path / "quotes.db"
    store = open_store(db)
    a = article(TEXT)
    store.write_article(a, ids.article_id(a.sha256), [_linked(a, None, "Ryabkov")], "v1", {})
    _relink(store, a, SURNAME, "Ryabkov")
    _relink(store, a, FULL, "Sergei Ryabkov")
    store.close()
    ds = Datasette([str(db)])

    async def get(path):
        return await ds.client.get(path)

    page = asyncio.run(get(f"/-/speaker/{SURNAME}"))
    assert page.status_code == 301 and page.headers["location"] == f"/-/speaker/{FULL}"
    as_json = asyncio.run(get(f"/-/speaker/{SURNAME}.json"))
    assert as_json.status_code == 301 and as_json.headers["location"] == f"/-/speaker/{FULL}.json"
    assert asyncio.run(get(f"/-/speaker/{FULL}")).status_code == 200
    assert asyncio.run(get("/-/speaker/s-00000000")).status_code == 404


def test_a_quote_analysed_again_keeps_its_corpus_links_until_the_relink(tmp_path):
    """Re-analysis rewrites a quote's row from the article alone; its utterance,
    speaker and publisher links stay until the relink after it replaces them, so
    the published utterance ID and the redirects are made from them."""
    from quotetrack.pipeline import relink

    from ..helpers import attributed

    store = open_store(tmp_path / "quotes.db")
    art = article('"We are close," Ryabkov said.\n', "a.txt", publisher="Example Wire")
    q = attributed(art, "We are close,", "Ryabkov", "said", name="Sergei Ryabkov")
    aid = ids.article_id(art.sha256)
    store.write_article(art, aid, [q], "v1", {})
    relink(store)
    before = next(store.db.query("select speaker_id, utterance_id, publisher_id from quotes where id = ?",
                                 [q.quote_id]))
    assert all(before.values())
    store.write_article(art, aid, [q], "v2", {})  # the same text analysed again
    kept = next(store.db.query("select speaker_id, utterance_id, publisher_id from quotes where id = ?",
                               [q.quote_id]))
    assert kept == before
    relink(store)
    assert next(store.db.query("select utterance_id from quotes where id = ?", [q.quote_id]))["utterance_id"] \
        == before["utterance_id"]
