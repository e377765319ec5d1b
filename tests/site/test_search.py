"""The search page (/-/search, site/search.py) and the home page's search box,
through ``datasette.client``, on the sample corpus (its real parses, stored and
linked as ``ingest`` does) and an article of our own with markup in it."""

from __future__ import annotations

import html
import re
from urllib.parse import quote_plus

import pytest

from quotetrack import ids
from quotetrack.site import search as site_search

from ..helpers import analysed_corpus, article, attributed, build_site_db
from .test_site import get, make_datasette

ENVOY_TEXT = (
    "Envoy pleads for a truce\n\nGENEVA, 12 December 2016\n\n"
    "\"A cease-fire <now> & a ceasefire tomorrow: the ceasefire is all we have,\" the envoy said.\n\n"
    "\"Moscow will decide, and Moscow knows it,\" he added.\n\n"
    "\"Only a cease fire will do,\" he said.\n"
)
CEASEFIRE = "A cease-fire <now> & a ceasefire tomorrow: the ceasefire is all we have"
MOSCOW = "Moscow will decide, and Moscow knows it"
SPACED = "Only a cease fire will do"


def _build(path):
    from quotetrack.pipeline import relink
    from quotetrack.store import open_store

    store = open_store(path)
    for art, quotes in analysed_corpus():
        store.write_article(art, ids.article_id(art.sha256), quotes, "test", {})
    envoy = article(ENVOY_TEXT, "envoy.txt", title="Envoy pleads for a truce", publisher="Example Wire",
                    date="2016-12-12")
    own = [attributed(envoy, CEASEFIRE, "the envoy", "said", name="UN envoy"),
           attributed(envoy, MOSCOW, "he", "added", name="UN envoy", resolution="pronoun"),
           attributed(envoy, SPACED, "he", "said", name="UN envoy", resolution="pronoun",
                      after=ENVOY_TEXT.index(SPACED))]
    store.write_article(envoy, ids.article_id(envoy.sha256), own, "test", {})
    relink(store)
    store.close()
    return {"ceasefire": own[0].quote_id, "moscow": own[1].quote_id}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    path = tmp_path_factory.mktemp("search") / "quotes.db"
    expected = _build(path)
    return make_datasette(path), expected


def found(ds, q, **params):
    extra = "".join(f"&{k}={v}" for k, v in params.items())
    response = get(ds, f"/-/search.json?q={quote_plus(q)}{extra}")
    assert response.status_code == 200, response.text
    return response.json()


def texts(data):
    return [r["text"] for r in data["quotes"]]


def test_ceasefire_finds_cease_fire_and_the_reverse(corpus):
    ds, ex = corpus
    joined = found(ds, "ceasefire")
    assert "Russian Federation is largely at fault for blocking humanitarian aid and cease-fire efforts" in texts(joined)
    assert "a seven-day ceasefire" in texts(joined)
    # the hyphenated word finds it joined, hyphenated, and as two words
    hyphenated = found(ds, "cease-fire")
    assert set(texts(hyphenated)) == set(texts(joined)) | {SPACED}
    assert set(texts(found(ds, "Cease‑fire"))) == set(texts(hyphenated))  # a non-breaking hyphen, capitals
    # the words split find the hyphenated quote, not a quote that only says "ceasefire"
    spaced = texts(found(ds, "cease fire"))
    assert "a seven-day ceasefire" not in spaced and SPACED in spaced
    assert "a cease-fire for the war-torn city, keeping up the military offensive amid rebel retreats and massive " \
           "displacement of Aleppo civilians" in spaced
    # a phrase, either way
    for phrase in ('"aid and ceasefire efforts"', '"aid and cease-fire efforts"'):
        assert [t[:27] for t in texts(found(ds, phrase))] == ["Russian Federation is large"], phrase


def test_the_snippet_marks_the_quotes_own_words_and_escapes_the_text(corpus):
    ds, ex = corpus
    data = found(ds, "ceasefire")
    hit = next(r for r in data["quotes"] if r["id"] == ex["ceasefire"])
    assert hit["snippet_html"] == ('“A <mark class="qt-hit">cease-fire</mark> &lt;now&gt; &amp; a '
                                   '<mark class="qt-hit">ceasefire</mark> tomorrow: the '
                                   '<mark class="qt-hit">ceasefire</mark> is all we have”')
    page = get(ds, "/-/search?q=ceasefire").text
    assert "<now>" not in page and "&lt;now&gt; &amp; a" in page
    assert f'href="/-/quote/{ex["ceasefire"]}"' in page
    # a phrase is one mark; a query is shown escaped
    data = found(ds, '"aid and cease-fire"')
    assert '<mark class="qt-hit">aid and cease-fire</mark> efforts' in data["quotes"][0]["snippet_html"]
    page = get(ds, "/-/search?q=%3Cscript%3Ealert(1)%3C/script%3E").text
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_results_are_ranked_best_first(corpus):
    ds, ex = corpus
    data = found(ds, "ceasefire")
    scores = [r["score"] for r in data["quotes"]]
    assert scores == sorted(scores) and len(set(scores)) > 3  # bm25: lower is better
    assert data["quotes"][0]["id"] == ex["ceasefire"]  # the word three times, in a short quote
    # a word found only through its hyphen counts less than the word as typed, in quotes as short
    rank = {r["text"]: i for i, r in enumerate(data["quotes"])}
    assert rank["a seven-day ceasefire"] < rank["a cease-fire for the war-torn city, keeping up the military "
                                                 "offensive amid rebel retreats and massive displacement of Aleppo "
                                                 "civilians"]
    # the quote's own words count more than a name of its speaker
    moscow = found(ds, "Moscow")
    assert moscow["quotes"][0]["id"] == ex["moscow"]
    assert moscow["quotes"][0]["snippet_html"].count('<mark class="qt-hit">Moscow</mark>') == 2


def test_a_speaker_is_found_by_an_alias(corpus):
    ds, ex = corpus
    data = found(ds, "Moscow")
    assert [(s["name"], s["aliases"]) for s in data["speakers"]] == [("Russia", ["Moscow"])]
    by_alias = [r for r in data["quotes"] if r["speaker"]["name"] == "Russia"]
    assert {r["text"] for r in by_alias} == {
        "no safe exit for Aleppo rebels proposed",
        "a rebel attack on a mobile military hospital killed one Russian medic and wounded two others"}
    assert all(r["matched"] == [{"field": "speaker alias", "name": "Moscow"}] for r in by_alias)
    assert all('<mark' not in r["snippet_html"] for r in by_alias)  # their words do not say Moscow
    page = get(ds, "/-/search?q=Moscow").text
    assert "matched the speaker's other name “Moscow”" in html.unescape(page)
    russia = data["speakers"][0]
    assert f'<a href="{russia["url"]}">Russia</a>' in page and russia["url"].startswith("/-/speaker/s-")
    # an outlet by another of its names; apostrophes either way
    assert [o["name"] for o in found(ds, "Aljazeera")["outlets"]] == ["Al Jazeera"]
    assert [o["name"] for o in found(ds, "Syrian Arab News Agency")["outlets"]] == ["SANA"]
    assert set(texts(found(ds, "Assad’s"))) == set(texts(found(ds, "Assad's"))) == set(texts(found(ds, "assad")))


def test_marks_are_honest_and_long_quotes_are_cut_around_the_match(corpus):
    ds, _ = corpus
    for r in found(ds, "Aleppo")["quotes"]:
        assert r["snippet_html"].startswith("“") == (r["kind"] == "direct"), r
    words = " ".join(f"w{i}" for i in range(60))
    text = f"{words} <tag> ceasefire & {words},"
    hits = [(text.index("ceasefire"), text.index("ceasefire") + len("ceasefire"))]
    snippet = str(site_search.snippet_html(text, "direct", hits))
    assert snippet.startswith("“… w") and snippet.endswith(" …”")
    assert "&lt;tag&gt; <mark class=\"qt-hit\">ceasefire</mark> &amp;" in snippet
    # the words shown: "tag" and the match, the rest around them, the match after SNIPPET_LEAD others
    assert len(re.findall(r"\bw\d+", snippet)) == site_search.SNIPPET_WORDS - 2
    assert snippet.index("ceasefire") > snippet.index(f"w{60 - site_search.SNIPPET_LEAD + 1} ")
    assert str(site_search.snippet_html("short one,", "indirect", [])) == "short one"


def test_any_input_is_a_search_never_an_error(corpus):
    ds, _ = corpus
    for q in ['"', 'NEAR(', '*', '^a', 'a:b', '-', 'AND', '"" OR ""', "x" * 2000, "a " * 40, "((", "{search_text}:x"]:
        response = get(ds, f"/-/search?q={quote_plus(q)}")
        assert response.status_code == 200, q
        assert get(ds, f"/-/search.json?q={quote_plus(q)}").json()["ok"] is True
    assert "Only the first 16 words" in get(ds, f"/-/search?q={quote_plus('a ' * 40)}").text
    assert "has no words to look for" in get(ds, "/-/search?q=%21%21%21").text
    empty = get(ds, "/-/search")
    assert empty.status_code == 200 and 'id="qt-search-q"' in empty.text and "qt-search-count" not in empty.text


def test_results_come_a_page_at_a_time(corpus, monkeypatch):
    ds, _ = corpus
    monkeypatch.setattr(site_search, "PAGE_SIZE", 7)
    first = found(ds, "Aleppo")
    assert first["total"] > 14 and len(first["quotes"]) == 7
    assert first["next_url"] == "/-/search?q=Aleppo&page=2" and first["previous_url"] is None
    second = found(ds, "Aleppo", page=2)
    assert len(second["quotes"]) == 7 and second["previous_url"] == "/-/search?q=Aleppo"
    assert not {r["id"] for r in first["quotes"]} & {r["id"] for r in second["quotes"]}
    assert second["speakers"] == [] and second["outlets"] == []  # listed on the first page only
    assert second["quotes"][0]["score"] >= first["quotes"][-1]["score"]
    page = get(ds, "/-/search?q=Aleppo&page=2").text
    assert '<ol class="qt-quote-list" start="8">' in page and 'rel="next"' in page
    assert found(ds, "Aleppo", page="x")["page"] == 1


def test_the_home_page_has_a_search_box(corpus):
    ds, _ = corpus
    page = get(ds, "/").text
    assert re.search(r'<form class="qt-search"[^>]*action="/-/search"', page)
    assert 'name="q"' in page
    assert page.index("qt-search") > page.index("<h1")  # under the title, with the description


def test_datasettes_own_table_search_folds_the_index_too(corpus):
    ds, ex = corpus

    def table_search(q):
        data = get(ds, f"/quotes/quotes.json?_search={quote_plus(q)}&_shape=objects&_size=max").json()
        return {r["text"] for r in data["rows"]}

    assert "Russian Federation is largely at fault for blocking humanitarian aid and cease-fire efforts" \
        in table_search("ceasefire")
    assert "no safe exit for Aleppo rebels proposed" in table_search("Moscow")


def test_every_database_is_searched_and_an_old_one_is_named(corpus, tmp_path):
    import sqlite_utils
    from datasette.app import Datasette

    from quotetrack.store import MIGRATIONS

    ds, _ = corpus
    corpus_path = ds.get_database("quotes").path
    site_path = tmp_path / "site.db"
    build_site_db(site_path)
    old = sqlite_utils.Database(tmp_path / "old.db")
    MIGRATIONS.apply(old, stop_before="009_search")
    old.conn.close()
    both = Datasette([corpus_path, str(site_path), str(tmp_path / "old.db")])
    data = found(both, "markup OR ceasefire")
    assert {r["database"] for r in data["quotes"]} == {"quotes", "site"}
    assert any("&lt;b&gt;<mark class=\"qt-hit\">markup</mark>&lt;/b&gt; &amp;" in r["snippet_html"]
               for r in data["quotes"])
    scores = [r["score"] for r in data["quotes"]]
    assert scores == sorted(scores)
    assert [n for n in data["notices"] if n.startswith("old has no search index")]
    assert data["databases"] == ["quotes", "site"]



def test_a_database_the_visitor_may_not_see_is_not_searched(corpus, tmp_path):
    from datasette.app import Datasette

    ds, _ = corpus
    site_path = tmp_path / "site.db"
    build_site_db(site_path)
    private = Datasette([ds.get_database("quotes").path, str(site_path)],
                        metadata={"databases": {"site": {"allow": {"id": "root"}}}})
    data = found(private, "markup OR ceasefire")
    assert data["databases"] == ["quotes"] and {r["database"] for r in data["quotes"]} == {"quotes"}
    assert "No current quote matches" in get(private, "/-/search?q=markup").text
