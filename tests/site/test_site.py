"""The Datasette site: the quotetrack plugin's pages, their JSON, metadata.yml.

The test database is built with the real store API (``open_store``,
``write_article``, ``relink``) from synthetic quote records over real corpus
texts and a few small texts of our own, so these tests need no Stanza model.
"""

from __future__ import annotations

import asyncio
import html
import json
import re
from pathlib import Path

import pytest

from ..helpers import METADATA, ROOT, build_site_db


def default_view_path() -> str:
    """Where ``/quotes/quotes`` leads: the quotes table's curated default view."""
    from quotetrack.site.tables import default_view_url

    return default_view_url("/quotes/quotes")


def make_datasette(db_path):
    from datasette.app import Datasette
    from datasette.plugins import pm
    from datasette.utils import parse_metadata

    import quotetrack.site as plugin

    if not pm.is_registered(plugin):  # the entry point registers it when the package is installed
        pm.register(plugin, name="quotetrack")
    metadata = parse_metadata(METADATA.read_text())
    return Datasette([str(db_path)], metadata=metadata)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("site")
    db_path = folder / "quotes.db"
    expected = build_site_db(db_path)
    ds = make_datasette(db_path)
    return ds, expected


def get(ds, path):
    async def run():
        return await ds.client.get(path)

    return asyncio.run(run())


def marked(html_text: str, element_id: str) -> str:
    """The text content of the element with ``id`` (tags stripped, entities decoded)."""
    match = re.search(rf'<(\w+)[^>]*\bid="{re.escape(element_id)}"[^>]*>', html_text)
    assert match, f"no element #{element_id}"
    tag = match.group(1)
    depth, pos = 1, match.end()
    pattern = re.compile(rf"<(/?){tag}\b[^>]*>")
    while depth:
        m = pattern.search(html_text, pos)
        depth += -1 if m.group(1) else 1
        pos = m.end()
    inner = html_text[match.end():m.start()]
    return html.unescape(re.sub(r"<[^>]+>", "", inner))


# -- the quote page -----------------------------------------------------------


def test_quote_permalink_page_highlights_the_exact_span(site):
    ds, ex = site
    response = get(ds, f"/-/quote/{ex['close']}")
    assert response.status_code == 200
    page = response.text
    assert marked(page, "qt-quote") == ex["close_text"]
    assert f'data-quote-id="{ex["close"]}"' in page
    # the speaker mention and the cue are highlighted too
    assert '<mark class="qt-speaker" title="speaker">Ryabkov</mark>' in page
    assert '<mark class="qt-cue" title="cue">added</mark>' in page
    assert "✓ exact span" in page
    # speaker with role and link, publisher, date
    assert f'href="/-/speaker/{ex["speaker"]}"' in page
    assert "Russian Deputy Foreign Minister" in page
    assert f'href="/-/outlet/{ex["aljazeera"]}"' in page
    assert "2016-12-08" in page


def test_quote_page_cite_block(site):
    ds, ex = site
    page = get(ds, f"/-/quote/{ex['close']}").text
    assert "Cite this quote" in page
    assert marked(page, "qt-cite-id") == ex["close"]
    assert marked(page, "qt-permalink") == f"http://localhost/-/quote/{ex['close']}"
    citation = marked(page, "qt-citation")
    assert ex["close_text"] in citation
    assert "Sergei Ryabkov, Russian Deputy Foreign Minister" in citation
    assert "Al Jazeera" in citation and "2016-12-08" in citation
    assert f"Quote ID {ex['close']}: http://localhost/-/quote/{ex['close']}" in citation
    assert 'id="qt-copy"' in page and "/-/static-plugins/quotetrack/quotetrack.js" in page


def test_quote_page_shows_the_intermediary(site):
    ds, ex = site
    page = get(ds, f"/-/quote/{ex['past']}").text
    assert marked(page, "qt-quote") == ex["past_text"]
    assert '<mark class="qt-via" title="intermediary">the Interfax news agency</mark>' in page
    assert f'href="/-/outlet/{ex["interfax"]}"' in page
    assert "citing Interfax" in marked(page, "qt-citation")


def test_quote_page_same_utterance_elsewhere_with_word_diff(site):
    ds, ex = site
    page = get(ds, f"/-/quote/{ex['close']}").text
    assert f'href="/-/quote/{ex["wire"]}"' in page
    assert f'href="/-/quote/{ex["close2"]}"' in page
    assert "<del>understanding,</del><ins>understanding</ins>" in page
    assert "<ins>too </ins>" in page or "<ins>too</ins>" in page
    assert "same words" in page  # the Middle East Eye copy is word for word
    assert f'href="/quotes/utterance_trail?utterance={ex["utterance"]}"' in page


def test_quote_row_page_is_the_quote_page(site):
    ds, ex = site
    response = get(ds, f"/quotes/quotes/{ex['close']}")
    assert response.status_code == 200
    page = response.text
    assert marked(page, "qt-quote") == ex["close_text"]
    assert "Cite this quote" in page
    assert "Database record" in page  # the raw row is still there
    assert f'<link rel="canonical" href="http://localhost/-/quote/{ex["close"]}">' in page
    # the row's JSON is Datasette's own
    data = get(ds, f"/quotes/quotes/{ex['close']}.json?_shape=objects").json()
    assert data["rows"][0]["text"] == ex["close_text"]


def test_quote_json_is_the_jsonl_record_with_page_fields(site):
    from quotetrack.export.jsonl import FORMAT_VERSION

    ds, ex = site
    response = get(ds, f"/-/quote/{ex['past']}.json")
    assert response.status_code == 200
    data = response.json()
    # the record's fields, named and typed as `quotetrack extract` writes them
    assert data["format_version"] == FORMAT_VERSION == 4
    assert data["quote_id"] == ex["past"] and "id" not in data
    assert data["doc"] == "000_fb29eb345b8b11e0.txt"
    assert data["text"] == ex["past_text"]
    assert data["speaker"]["name"] == "Sergei Ryabkov"
    assert data["speaker"]["mention"] == "Ryabkov"
    assert data["speaker"]["entity_id"] == ex["speaker"] and "id" not in data["speaker"]
    assert data["speaker"]["role"] == "Russian Deputy Foreign Minister"
    assert data["cue"] == {"text": "was quoted as saying", "lemma": "saying",
                           "start_char": data["cue"]["start_char"], "end_char": data["cue"]["end_char"]}
    assert data["via_outlet"] == "Interfax"
    # named in its own attribution, in an Al Jazeera article: relayed, not first-hand
    assert (data["via_how"], data["first_hand"]) == ("named", False)
    assert data["via_outlet_mention"]["text"] == "the Interfax news agency"
    assert data["via_outlet_mention"]["entity_id"] == ex["interfax"]
    assert data["cluster_id"] == data["utterance"]["id"]
    # the page's own fields
    assert data["status"] == "current"
    assert data["span_verified"] is True
    assert data["speaker"]["url"] == f"/-/speaker/{ex['speaker']}"
    assert data["via_outlet_detail"] == {"id": ex["interfax"], "name": "Interfax", "url": f"/-/outlet/{ex['interfax']}"}
    assert data["publisher"]["name"] == "Al Jazeera"
    assert data["article"]["date"] == "2016-12-08"
    assert "text" not in data["article"]
    assert data["permalink"].endswith(f"/-/quote/{ex['past']}")
    assert ex["past_text"] in data["citation"]
    # and a quote with no intermediary and no resolved speaker
    data = get(ds, f"/-/quote/{ex['script']}.json").json()
    assert data["via_outlet"] is None and data["via_outlet_mention"] is None and data["via_outlet_detail"] is None
    assert data["speaker"]["name"] is None and data["speaker"]["url"] is None
    assert data["speaker"]["mention"] == "an official"


def differences(record, page, path: str = "") -> list[str]:
    """Where ``page`` does not hold ``record`` (every field of it, nested), as paths."""
    if isinstance(record, dict):
        if not isinstance(page, dict):
            return [f"{path or '.'}: {record!r} in the record, {page!r} on the page"]
        return [d for key, value in record.items()
                for d in (differences(value, page[key], f"{path}.{key}") if key in page
                          else [f"{path}.{key}: missing on the page"])]
    return [] if record == page else [f"{path}: {record!r} in the record, {page!r} on the page"]


def test_differences_finds_what_the_page_lacks_or_changes():
    record = {"a": 1, "b": {"c": "x", "d": None}}
    assert differences(record, {"a": 1, "b": {"c": "x", "d": None, "e": 2}, "f": 3}) == []
    assert differences(record, {"a": 2, "b": {"c": {"text": "x"}}}) == [
        ".a: 1 in the record, 2 on the page", ".b.c: 'x' in the record, {'text': 'x'} on the page",
        ".b.d: missing on the page"]




def page_differences(ds, records: list[dict], ignore: tuple[str, ...] = ()) -> dict[str, list[str]]:
    """Per quote, where its page JSON does not hold its JSON-lines record."""
    found = {}
    for record in records:
        page = get(ds, f"/-/quote/{record['quote_id']}.json").json()
        diffs = [d for d in differences(record, page) if not d.startswith(tuple(f"{p}:" for p in ignore))]
        if diffs:
            found[record["quote_id"]] = diffs
    return found


@pytest.fixture(scope="module")
def fixture_corpus(tmp_path_factory):
    """The sample corpus's real parses (tests/fixtures/extract), linked in memory as
    `quotetrack extract` links them, and stored and relinked as `ingest` does."""
    from quotetrack import ids
    from quotetrack.export.jsonl import quote_json
    from quotetrack.pipeline import link, relink
    from quotetrack.store import open_store

    from ..helpers import analysed_corpus

    pairs = analysed_corpus()
    articles = [a for a, _ in pairs]
    analysed = {a.doc: quotes for a, quotes in pairs}
    records = [quote_json(q) for q in link([q for a in articles for q in analysed[a.doc]], articles)[2]]
    db_path = tmp_path_factory.mktemp("fixture-corpus") / "quotes.db"
    store = open_store(db_path)
    for a in articles:
        store.write_article(a, ids.article_id(a.sha256), analysed[a.doc], "test", {})
    relink(store)
    store.close()
    return records, make_datasette(db_path)


def test_extract_records_and_quote_pages_agree(fixture_corpus):
    """Every quote's page JSON holds its JSON-lines record, field for field."""
    records, ds = fixture_corpus
    assert len(records) > 20
    assert any(r["via_outlet"] for r in records) and any(r["cluster_id"] for r in records)
    assert any(r["speaker"]["entity_id"] for r in records) and any(r["continues"] for r in records)
    assert page_differences(ds, records) == {}


def test_a_speaker_found_by_linking_reads_back_from_the_store(fixture_corpus):
    records, ds = fixture_corpus
    assert any(r["speaker"]["resolution"] == "description" for r in records)
    assert page_differences(ds, records) == {}


def test_unknown_quote_id_is_a_clear_404(site):
    ds, _ = site
    response = get(ds, "/-/quote/q-0000000000")
    assert response.status_code == 404
    assert "No quote with the ID q-0000000000" in response.text
    response = get(ds, "/-/quote/nonsense<x>")
    assert response.status_code == 404
    assert "nonsense&lt;x&gt;" in response.text and "<x>" not in response.text
    response = get(ds, "/-/quote/q-0000000000.json")
    assert response.status_code == 404
    assert response.json()["ok"] is False


def test_a_quote_from_an_earlier_analysis_links_to_the_closest_current_one(site):
    ds, ex = site
    page = get(ds, f"/-/quote/{ex['revised']}").text
    assert "This quote ID is from an earlier analysis" in page
    assert f'<a id="qt-current-link" href="/-/quote/{ex["revised_to"]}">' in page
    data = get(ds, f"/-/quote/{ex['revised']}.json").json()
    assert data["status"] == "revised" and data["superseded_by"] == ex["revised_to"]


def test_superseded_quote_links_to_the_current_one(site):
    ds, ex = site
    page = get(ds, f"/-/quote/{ex['old_same']}").text
    assert "This quote ID is superseded" in page
    assert f'<a id="qt-current-link" href="/-/quote/{ex["new_same"]}">' in page
    data = get(ds, f"/-/quote/{ex['old_same']}.json").json()
    assert data["status"] == "superseded" and data["superseded_by"] == ex["new_same"]
    # a quote whose words are gone links to the new version of the article instead
    page = get(ds, f"/-/quote/{ex['old_gone']}").text
    assert "does not contain these exact words" in page
    assert f'href="/-/article/{ex["new_article"]}"' in page


# -- article, speaker, outlet pages ------------------------------------------------


def test_article_page_highlights_every_quote(site):
    ds, ex = site
    response = get(ds, f"/-/article/{ex['aj_article']}")
    assert response.status_code == 200
    page = response.text
    assert marked(page, ex["close"]) == ex["close_text"]
    assert marked(page, ex["past"]) == ex["past_text"]
    assert f'href="/-/quote/{ex["close"]}"' in page
    assert "Russia and the United States are close" in page  # the full text
    row = get(ds, f"/quotes/articles/{ex['aj_article']}").text
    assert marked(row, ex["close"]) == ex["close_text"]
    data = get(ds, f"/-/article/{ex['aj_article']}.json").json()
    assert {q["id"] for q in data["quotes"]} == {ex["close"], ex["past"]}


def test_speaker_page(site):
    ds, ex = site
    response = get(ds, f"/-/speaker/{ex['speaker']}")
    assert response.status_code == 200
    page = response.text
    assert "<h1>Sergei Ryabkov</h1>" in page
    assert "Russian Deputy Foreign Minister" in page
    for key in ("close", "past", "close2", "wire", "new_same"):
        assert f'href="/-/quote/{ex[key]}"' in page
    assert f'href="/-/quote/{ex["old_same"]}"' not in page  # superseded quotes are not listed
    data = get(ds, f"/-/speaker/{ex['speaker']}.json").json()
    assert data["counts"]["quotes"] == 6
    assert data["speaker"]["name"] == "Sergei Ryabkov"
    assert "Sergei Ryabkov" in get(ds, f"/quotes/speakers/{ex['speaker']}").text


def test_outlet_pages(site):
    ds, ex = site
    page = get(ds, f"/-/outlet/{ex['interfax']}").text
    assert "<h1>Interfax</h1>" in page
    assert f'href="/-/quote/{ex["past"]}"' in page
    page = get(ds, f"/-/outlet/{ex['aljazeera']}").text
    assert "<h1>Al Jazeera</h1>" in page
    assert f'href="/-/article/{ex["aj_article"]}"' in page
    data = get(ds, f"/-/outlet/{ex['interfax']}.json").json()
    assert [q["id"] for q in data["carried"]] == [ex["past"]]
    assert get(ds, "/-/speaker/s-00000000").status_code == 404
    assert get(ds, "/-/outlet/o-00000000").status_code == 404
    assert get(ds, "/-/article/a-0000000000").status_code == 404


# -- escaping ---------------------------------------------------------------------


def test_article_markup_is_escaped(site):
    ds, ex = site
    for path in (f"/-/quote/{ex['script']}", f"/-/article/{ex['script_article']}",
                 f"/quotes/quotes/{ex['script']}", f"/quotes/articles/{ex['script_article']}"):
        page = get(ds, path).text
        assert "<script>alert(1)</script>" not in page, path
        assert "<b>markup</b>" not in page, path
        assert "&lt;b&gt;markup&lt;/b&gt;" in page, path
    page = get(ds, f"/-/article/{ex['script_article']}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert '<a href="x">' not in page
    page = get(ds, f"/-/quote/{ex['script']}").text
    assert marked(page, "qt-quote") == ex["script_text"]
    assert "Unidentified speaker" in page


# -- metadata, search, canned queries -----------------------------------------------


def test_metadata_describes_every_table_and_column(site):
    ds, _ = site
    import sqlite3

    from datasette.utils import parse_metadata

    metadata = parse_metadata(METADATA.read_text())
    tables = metadata["databases"]["quotes"]["tables"]
    db = ds.get_database("quotes")
    conn = sqlite3.connect(db.path)
    try:
        for table in ("quotes", "articles", "speakers", "outlets", "speaker_roles", "utterances"):
            assert tables[table].get("description"), table
            columns = [r[1] for r in conn.execute(f"pragma table_info([{table}])")]
            missing = set(columns) - set(tables[table]["columns"])
            assert not missing, (table, missing)
    finally:
        conn.close()
    index = get(ds, "/quotes.json").json()
    hidden = {t["name"] for t in index["tables"] if t["hidden"]}
    assert {"_sqlite_migrations", "parses", "quotes_fts", "articles_fts", "quotes_fts_data"} <= hidden


def test_labels_show_names_for_foreign_keys(site):
    ds, ex = site
    data = get(ds, f"/quotes/quotes.json?_shape=objects&_labels=on&id={ex['close']}").json()
    row = data["rows"][0]
    assert row["speaker_id"] == {"value": ex["speaker"], "label": "Sergei Ryabkov"}
    assert row["article_id"]["label"] == "US AND RUSSIA 'CLOSE' TO DEAL ON SYRIA'S ALEPPO"


def test_full_text_search_finds_a_quote(site):
    ds, ex = site
    data = get(ds, "/quotes/quotes.json?_search=intensive+document&_shape=objects").json()
    assert [r["id"] for r in data["rows"]] == [ex["past"]]
    page = get(ds, default_view_path()).text
    assert 'name="_search"' in page
    data = get(ds, "/quotes/articles.json?_search=Hamburg&_shape=objects").json()
    assert ex["aj_article"] in [r["id"] for r in data["rows"]]


@pytest.mark.parametrize("name,params,check", [
    ("quotes_by_speaker", {"speaker": "Ryabkov"}, lambda rows, ex: len(rows) == 6),
    ("quotes_by_outlet", {"outlet": "Interfax"}, lambda rows, ex: [r["quote_id"] for r in rows] == [ex["past"]]),
    ("utterance_trail", {"utterance": "U"}, lambda rows, ex: len(rows) == 3
        and [r["date"] for r in rows] == ["2016-12-08", "2016-12-08", "2016-12-09"]
        and [r["report"] for r in rows] == ["first", "first", ""]  # one day, no times: a tie
        and rows[-1]["publisher"] == "Example Wire"),
    ("altered_wording", {}, lambda rows, ex: {(r["quote_id"], r["other_quote_id"]) for r in rows}
        == {tuple(sorted((ex["close"], ex["wire"]))), tuple(sorted((ex["close2"], ex["wire"])))}
        and all('"other": "too"' in r["edits"] or '"this": "too"' in r["edits"] for r in rows)),
    ("most_quoted_speakers", {}, lambda rows, ex: rows[0]["name"] == "Sergei Ryabkov" and rows[0]["quotes"] == 6),
    ("via_intermediary", {}, lambda rows, ex: [(r["quote_id"], r["via"]) for r in rows] == [(ex["past"], "Interfax")]),
    ("unresolved_speakers", {}, lambda rows, ex: ex["script"] in [r["quote_id"] for r in rows]),
])
def test_canned_queries_run(site, name, params, check):
    ds, ex = site
    from urllib.parse import urlencode

    params = {k: (ex["utterance"] if v == "U" else v) for k, v in params.items()}
    response = get(ds, f"/quotes/{name}.json?_shape=objects&{urlencode(params)}")
    assert response.status_code == 200, response.text
    rows = response.json()["rows"]
    assert check(rows, ex), rows
    page = get(ds, f"/quotes/{name}?{urlencode(params)}")
    assert page.status_code == 200


def test_query_results_link_quote_ids(site):
    ds, ex = site
    page = get(ds, "/quotes/via_intermediary").text
    assert f'<a href="/-/quote/{ex["past"]}">{ex["past"]}</a>' in page


def test_permalink_does_not_depend_on_the_database_name(tmp_path):
    db_path = tmp_path / "renamed-copy.db"
    ex = build_site_db(db_path)
    ds = make_datasette(db_path)
    response = get(ds, f"/-/quote/{ex['close']}")
    assert response.status_code == 200
    assert marked(response.text, "qt-quote") == ex["close_text"]
    assert get(ds, f"/renamed-copy/quotes/{ex['close']}").status_code == 200


def test_static_assets_are_served_by_datasette(site):
    ds, _ = site
    static = ROOT / "quotetrack" / "site" / "static"
    for name in ("quotetrack.css", "quotetrack.js"):
        response = get(ds, f"/-/static-plugins/quotetrack/{name}")
        assert response.status_code == 200, name
        assert response.content == (static / name).read_bytes()
    assert get(ds, "/-/static-plugins/quotetrack/../__init__.py").status_code == 404
    # the package's folders, found by Datasette itself: no loader or route of the plugin's own
    plugin = next(p for p in get(ds, "/-/plugins.json").json() if p["name"] == "quotetrack")
    assert plugin["static"] and plugin["templates"]
    assert "register_routes" in plugin["hooks"] and "prepare_jinja2_environment" not in plugin["hooks"]
    assert get(ds, "/-/quotetrack-static/quotetrack.css").status_code == 404


# -- the publish path ---------------------------------------------------------------


def test_publish_merges_the_wal_and_inspects(tmp_path):
    import sqlite3

    from click.testing import CliRunner

    from quotetrack.cli import publish

    source = tmp_path / "live.db"
    ex = build_site_db(source)
    # a writer with changes still only in the write-ahead log
    writer = sqlite3.connect(source)
    try:
        writer.execute("pragma wal_autocheckpoint = 0")
        assert writer.execute("pragma journal_mode").fetchone()[0] == "wal"
        writer.execute("update outlets set aliases = '[\"Interfax news agency\", \"WAL-only\"]' where id = ?",
                       [ex["interfax"]])
        writer.commit()
        assert Path(str(source) + "-wal").stat().st_size > 0
        out = tmp_path / "build"
        result = CliRunner().invoke(publish, ["--db", str(source), "--out", str(out), "--port", "8123"])
        assert result.exit_code == 0, result.output
    finally:
        writer.close()
    published = out / "quotes.db"
    assert not Path(str(published) + "-wal").exists()
    conn = sqlite3.connect(published)
    try:
        assert conn.execute("pragma journal_mode").fetchone()[0] == "delete"
        aliases = conn.execute("select aliases from outlets where id = ?", [ex["interfax"]]).fetchone()[0]
        assert "WAL-only" in aliases
    finally:
        conn.close()
    inspect_data = json.loads((out / "inspect-data.json").read_text())
    assert inspect_data["quotes"]["tables"]["quotes"]["count"] == 11  # 9 quotes, and 2 from the re-analysed article
    assert (out / "metadata.yml").read_text() == METADATA.read_text()
    assert f"datasette serve -i {published} --inspect-file {out / 'inspect-data.json'}" in result.output
    assert "-p 8123" in result.output

    # and the published copy serves immutably with the same pages
    from datasette.app import Datasette
    from datasette.utils import parse_metadata

    make_datasette(published)  # registers the plugin if needed
    ds = Datasette(immutables=[str(published)], inspect_data=inspect_data,
                   metadata=parse_metadata(METADATA.read_text()))
    response = get(ds, f"/-/quote/{ex['close']}")
    assert response.status_code == 200
    assert marked(response.text, "qt-quote") == ex["close_text"]


def test_publish_refuses_a_missing_or_foreign_database(tmp_path):
    import sqlite3

    from click.testing import CliRunner

    from quotetrack.cli import publish

    result = CliRunner().invoke(publish, ["--db", str(tmp_path / "nope.db"), "--out", str(tmp_path / "b")])
    assert result.exit_code != 0 and "no such database" in result.output
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("create table t (x)").connection.close()
    result = CliRunner().invoke(publish, ["--db", str(other), "--out", str(tmp_path / "b")])
    assert result.exit_code != 0 and "not a quotetrack database" in result.output


def test_sitemap_lists_current_permalinks(site):
    ds, ex = site
    response = get(ds, "/sitemap.xml")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/xml")
    body = response.text
    assert f"<loc>http://localhost/-/quote/{ex['close']}</loc>" in body
    assert f"<loc>http://localhost/-/article/{ex['aj_article']}</loc>" in body
    assert f"<loc>http://localhost/-/speaker/{ex['speaker']}</loc>" in body
    assert f"/-/quote/{ex['old_same']}<" not in body  # superseded IDs resolve, but are not advertised
    import xml.dom.minidom

    xml.dom.minidom.parseString(body)


# -- highlight.py (pure functions) --------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from quotetrack.site.highlight import Span, context_window, highlight, word_diff, word_diff_html  # noqa: E402


def _strip(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def test_highlight_nests_and_escapes():
    text = 'He said: "<b>A & B</b>" and left.'
    out = highlight(text, [Span(start=10, end=22, cls="q", attrs=(("id", "x"),)),
                           Span(start=3, end=7, cls="cue"), Span(start=12, end=13, cls="in")])
    assert out == ('He <mark class="cue">said</mark>: "<mark class="q" id="x">&lt;b<mark class="in">&gt;</mark>'
                   'A &amp; B&lt;/b&gt;</mark>" and left.')
    assert marked(out, "x") == text[10:22]


def test_highlight_splits_crossing_spans_and_keeps_ids_unique():
    out = highlight("abcdefghij", [Span(start=0, end=5, cls="a", attrs=(("id", "A"),)),
                                   Span(start=3, end=8, cls="b", attrs=(("id", "B"),))])
    assert out == ('<mark class="a" id="A">abc<mark class="b" id="B">de</mark></mark>'
                   '<mark class="b qt-cont">fgh</mark>ij')


def test_highlight_window_and_bad_spans():
    text = "0123456789"
    assert highlight(text, [Span(start=2, end=4), Span(start=5, end=5), Span(start=8, end=20)], 1, 9) == \
        "1<mark>23</mark>4567<mark>8</mark>"
    with pytest.raises(ValueError):
        highlight(text, [Span(start=1, end=2, tag="script")])
    with pytest.raises(ValueError):
        highlight(text, [Span(start=1, end=2, attrs=(("onclick x", "y"),))])


def test_attribute_values_are_escaped():
    out = highlight("abc", [Span(start=0, end=3, tag="a", attrs=(("href", '"><script>'),))])
    assert out == '<a href="&quot;&gt;&lt;script&gt;">abc</a>'


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="ab <>&\"'\n", min_size=1, max_size=40),
       st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=5))
def test_highlight_keeps_the_text_and_outer_spans_whole(text, pairs):
    spans = [Span(start=min(a, b), end=max(a, b), cls=f"s{i}", attrs=(("id", f"s{i}"),))
             for i, (a, b) in enumerate(pairs)]
    out = highlight(text, spans)
    assert _strip(out) == text
    assert "<script" not in out.replace("&lt;script", "")
    for i, s in enumerate(spans):
        lo, hi = max(0, s.start), min(len(text), s.end)
        crossing = any(o.start < hi < o.end and o.start > lo or o.start < lo < o.end < hi
                       for o in spans if o is not s and o.end > o.start)
        if lo < hi and not crossing and f'id="s{i}"' in out:
            # an element that crosses nothing holds exactly its text (when the same
            # extent appears twice, each one still does)
            assert marked(out, f"s{i}") == text[lo:hi]


def test_word_diff_round_trips():
    a, b = "We are close, but I want to warn", "We are close but want to warn them"
    diff = word_diff(a, b)
    assert "".join(t for op, t in diff if op != "+") == a
    assert "".join(t for op, t in diff if op != "-") == b
    assert word_diff_html("x <y>", "x <z>") == "x <del>&lt;y&gt;</del><ins>&lt;z&gt;</ins>"


def test_context_window_covers_the_spans_and_snaps_to_lines():
    text = "first line\n\nsecond line with the quote in it\n\nthird line\n\nfourth"
    start = text.index("quote")
    lo, hi = context_window(text, start, start + 5, chars=5)
    assert text[lo:hi] == "second line with the quote in it"
    cue = Span(start=text.index("third"), end=text.index("third") + 5)
    lo, hi = context_window(text, start, start + 5, chars=5, spans=[cue])
    assert text[lo:hi].startswith("second") and "third line" in text[lo:hi]


def test_other_databases_are_left_alone(tmp_path):
    import sqlite3

    from datasette.app import Datasette

    db_path = tmp_path / "quotes.db"
    ex = build_site_db(db_path)
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("create table quotes (id text primary key, words text)")
    conn.execute("insert into quotes values ('q-0000000000', 'not ours')")
    conn.commit()
    conn.close()
    make_datasette(db_path)
    ds = Datasette([str(other), str(db_path)])
    page = get(ds, "/other/quotes/q-0000000000")
    assert page.status_code == 200 and "not ours" in page.text and "Cite this quote" not in page.text
    assert get(ds, "/-/quote/q-0000000000").status_code == 404
    assert get(ds, f"/-/quote/{ex['close']}").status_code == 200


# -- the real pipeline's database ------------------------------------------------------


@pytest.mark.slow
def test_every_page_of_the_ingested_sample_corpus(request):
    """Every quote, article, speaker and outlet page of the sample corpus, ingested for real."""
    import sqlite3
    from urllib.parse import urlencode

    from datasette.utils import parse_metadata

    from quotetrack.errors import QuotetrackError

    try:
        from quotetrack.parse.models import check_model_files

        check_model_files()
    except (ImportError, QuotetrackError) as error:
        pytest.skip(f"the bundled Stanza models are not complete yet: {error}")
    sample_db = request.getfixturevalue("sample_db")  # tests/conftest.py: the real pipeline
    ds = make_datasette(sample_db)
    conn = sqlite3.connect(sample_db)
    conn.row_factory = sqlite3.Row
    try:
        quotes = conn.execute("select * from quotes where status = 'current'").fetchall()
        articles = conn.execute("select id from articles where status = 'current'").fetchall()
        speakers = conn.execute("select id from speakers").fetchall()
        outlets = conn.execute("select id from outlets").fetchall()
        any_utterance = conn.execute("select id from utterances order by quote_count desc").fetchone()
    finally:
        conn.close()
    assert quotes and articles and speakers
    for q in quotes:
        response = get(ds, f"/-/quote/{q['id']}")
        assert response.status_code == 200, q["id"]
        assert marked(response.text, "qt-quote") == q["text"], q["id"]
        assert "✓ exact span" in response.text
        assert get(ds, f"/-/quote/{q['id']}.json").json()["span_verified"] is True
    overlapping = {q["id"] for q in quotes for o in quotes
                   if o["id"] != q["id"] and o["article_id"] == q["article_id"]
                   and o["start_char"] < q["end_char"] and q["start_char"] < o["end_char"]}
    for (article_id,) in articles:
        page = get(ds, f"/-/article/{article_id}")
        assert page.status_code == 200
        for q in quotes:
            if q["article_id"] == article_id and q["id"] not in overlapping:
                assert marked(page.text, q["id"]) == q["text"]
    for (speaker_id,) in speakers:
        assert get(ds, f"/-/speaker/{speaker_id}").status_code == 200
    for (outlet_id,) in outlets:
        assert get(ds, f"/-/outlet/{outlet_id}").status_code == 200
    params = {"speaker": "Ryabkov", "outlet": "Al Jazeera",
              "utterance": any_utterance["id"] if any_utterance else "u-0000000000"}
    queries = parse_metadata(METADATA.read_text())["databases"]["quotes"]["queries"]
    for name, query in queries.items():
        wanted = {k: v for k, v in params.items() if f":{k}" in query["sql"]}
        response = get(ds, f"/quotes/{name}.json?_shape=objects&{urlencode(wanted)}")
        assert response.status_code == 200, (name, response.text)
    ryabkov = get(ds, "/quotes/quotes_by_speaker.json?_shape=objects&speaker=Ryabkov").json()["rows"]
    assert any(r["text"].startswith("We are close to reaching") for r in ryabkov)


@pytest.mark.slow
def test_extract_and_the_ingested_pages_give_one_shape(request):
    """`quotetrack extract` on the sample corpus and the pages of its real ingest:
    every quote's page JSON holds its JSON-lines record, field for field."""
    from quotetrack.export.jsonl import quote_json
    from quotetrack.pipeline import extract_files

    parser = request.getfixturevalue("parser")  # tests/conftest.py: the real pipeline
    records = [quote_json(q) for q in extract_files(sorted((ROOT / "corpus").glob("*.txt")), parser)]
    ds = make_datasette(request.getfixturevalue("sample_db"))
    assert records
    assert page_differences(ds, records) == {}


def test_retyped_ids_redirect_to_the_canonical_one(site):
    ds, ex = site
    qid = ex["close"]  # q-sh60jgyd3p
    for typed in (qid.upper(), qid.replace("0", "o"), qid.replace("0", "O").upper()):
        response = get(ds, f"/-/quote/{typed}")
        assert response.status_code == 301, typed
        assert response.headers["location"] == f"/-/quote/{qid}"
    response = get(ds, f"/-/quote/{qid.upper()}.json")
    assert response.headers["location"] == f"/-/quote/{qid}.json"


def test_the_publishers_own_interview_is_no_citation_of_itself():
    from quotetrack.site.pages import citation_text, outlet_text

    assert outlet_text("Al Jazeera", "Al Jazeera", True) == "Al Jazeera (own reporting)"
    assert outlet_text("Al Jazeera", "Interfax", False) == "Al Jazeera, citing Interfax"
    assert outlet_text(None, None, None) == "unknown"
    quote = {"id": "q-1", "text": "We are close", "start_char": 0, "end_char": 12, "first_hand": 1}
    cited = citation_text(quote, {"doc": "a.txt"}, "Pawel Krzysiek", None, "Al Jazeera", "Al Jazeera", "/-/quote/q-1")
    assert "reported by Al Jazeera (own reporting)" in cited and "citing" not in cited


def test_the_channel_queries_leave_out_own_reporting_and_find_outlets_that_are_sources(fixture_corpus):
    _, ds = fixture_corpus
    rows = get(ds, "/quotes/via_intermediary.json?_shape=objects").json()["rows"]
    vias = {(r["via"], r["via_how"]) for r in rows}
    assert ("Interfax", "carried") in vias and ("SANA", "speaker") in vias and ("RIA Novosti", "named") in vias
    assert not any(r["via"] == "Al Jazeera" and r["publisher"] == "Al Jazeera" for r in rows)  # own interviews
    rows = get(ds, "/quotes/quotes_by_outlet.json?_shape=objects&outlet=Al+Jazeera").json()["rows"]
    assert {r["how"] for r in rows} >= {"published", "published (own reporting)"}
    rows = get(ds, "/quotes/quotes_by_outlet.json?_shape=objects&outlet=SANA").json()["rows"]
    assert [(r["publisher"], r["how"]) for r in rows] == [("Al Jazeera", "channel (speaker)")]


# -- the utterance page --------------------------------------------------------------


def test_utterance_page_shows_the_trail_in_time_order(site):
    ds, ex = site
    response = get(ds, f"/-/utterance/{ex['utterance']}")
    assert response.status_code == 200
    page = response.text
    assert "Sergei Ryabkov" in page and "The trail, in time order" in page
    # every quote of it, linked, the two of 2016-12-08 first (a tie), the wire story after
    order = [page.index(f'href="/-/quote/{q}"') for q in (ex["close"], ex["close2"], ex["wire"])]
    assert order[2] > max(order[:2])
    assert page.count("first report") == 2 and "a tie of 2 reports" in page
    assert "altered" in page and "<ins>too</ins>" in page or "<del>too</del>" in page
    # the picture: server-drawn SVG, one node per report, the two first ones bracketed as a tie
    svg = page[page.index("<svg"):page.index("</svg>")]
    assert svg.count('class="qt-node') == 3 and svg.count("qt-node-first") == 2
    assert 'class="qt-tie"' in svg and "<script" not in svg and "Example Wire" in svg
    data = get(ds, f"/-/utterance/{ex['utterance']}.json").json()
    assert data["ok"] and data["utterance"]["id"] == ex["utterance"]
    assert "trail_svg" not in data  # the JSON is the data, not the drawing
    assert [q["id"] for q in data["quotes"]][-1] == ex["wire"]
    assert sorted(data["first"]) == sorted([ex["close"], ex["close2"]]) and data["tied"]
    # the quote page links to it, and its JSON gives the address
    assert f'href="/-/utterance/{ex["utterance"]}"' in get(ds, f"/-/quote/{ex['close']}").text
    assert get(ds, f"/-/quote/{ex['close']}.json").json()["utterance"]["url"] == f"/-/utterance/{ex['utterance']}"


def test_unknown_utterance_is_a_clear_404(site):
    ds, _ = site
    response = get(ds, "/-/utterance/u-0000000000")
    assert response.status_code == 404
    assert "No utterance with the ID u-0000000000" in response.text


def test_a_merged_utterance_id_still_resolves(tmp_path):
    """Two published utterances become one when a new article quotes both wordings
    as one statement: the one with the earliest quote keeps its ID, the other
    redirects to it, on the site, in JSON and in the trail query."""
    from quotetrack import ids
    from quotetrack.pipeline import relink
    from quotetrack.store import open_store

    from ..helpers import attributed
    from ..helpers import article as make_article

    path = tmp_path / "quotes.db"  # the database metadata.yml's canned queries are for
    store = open_store(path)
    first = make_article('"We will not leave our city," the mayor said.', "a.txt", publisher="Wire A",
                         date="2016-12-01")
    second = make_article('"Nobody will make us give up our homes here," the mayor said.', "b.txt",
                          publisher="Wire B", date="2016-12-02")
    both = make_article('"We will not leave our city. Nobody will make us give up our homes here," the mayor said.',
                        "c.txt", publisher="Wire C", date="2016-12-03")
    quotes = {}
    for art, content in ((first, "We will not leave our city,"),
                         (second, "Nobody will make us give up our homes here,")):
        q = attributed(art, content, "the mayor", "said", name="Anna Berg")
        quotes[art.doc] = q
        store.write_article(art, ids.article_id(art.sha256), [q], "test", {})
    relink(store)
    before = {r["id"]: r["utterance_id"] for r in store.db.query("select id, utterance_id from quotes")}
    old_a, old_b = before[quotes["a.txt"].quote_id], before[quotes["b.txt"].quote_id]
    assert old_a != old_b
    q = attributed(both, "We will not leave our city. Nobody will make us give up our homes here,",
                   "the mayor", "said", name="Anna Berg")
    store.write_article(both, ids.article_id(both.sha256), [q], "test", {})
    relink(store)
    after = {r["id"]: r["utterance_id"] for r in store.db.query("select id, utterance_id from quotes")}
    assert after[quotes["a.txt"].quote_id] == after[quotes["b.txt"].quote_id] == after[q.quote_id] == old_a
    assert store.redirect(old_b) == old_a
    store.close()
    ds = make_datasette(path)
    response = get(ds, f"/-/utterance/{old_b}")
    assert response.status_code == 301 and response.headers["location"] == f"/-/utterance/{old_a}"
    assert get(ds, f"/-/utterance/{old_b}.json").headers["location"] == f"/-/utterance/{old_a}.json"
    rows = get(ds, f"/quotes/utterance_trail.json?_shape=objects&utterance={old_b}").json()["rows"]
    assert len(rows) == 3


def test_canned_queries_open_on_their_results_not_their_sql(site):
    """Every canned query hides its SQL by default (one click shows it) and has a title."""
    import yaml

    ds, _ = site
    queries = yaml.safe_load(METADATA.read_text())["databases"]["quotes"]["queries"]
    for name, query in queries.items():
        assert query.get("hide_sql") is True and query.get("title") and query.get("description"), name
    page = get(ds, "/quotes/most_quoted_speakers").text
    assert "Most-quoted speakers" in page.split("</title>")[0]
    assert "<title>Most-quoted speakers — quotes</title>" in page
    assert "<textarea" not in page  # the SQL is hidden ...
    assert "_show_sql=1" in page  # ... one click away
    assert "select s.id as speaker_id" not in page.split("</title>")[0]


def test_citations_for_reference_managers(site):
    """The quote JSON's citation in CSL-JSON and BibTeX: the article (its URL or the
    permalink), the publisher, the day, the access date, and the quote in the note."""
    import datetime as dt

    ds, ex = site
    data = get(ds, f"/-/quote/{ex['close']}.json").json()
    csl = data["citation_csl"]
    today = dt.datetime.now(dt.timezone.utc).date()
    assert csl["id"] == ex["close"] and csl["type"] == "article-newspaper"
    assert csl["container-title"] == "Al Jazeera" and csl["issued"] == {"date-parts": [[2016, 12, 8]]}
    assert csl["accessed"] == {"date-parts": [[today.year, today.month, today.day]]}
    assert csl["URL"] == data["permalink"]  # the corpus gives no article URL
    assert csl["note"].startswith(f"“{ex['close_text']}” — Sergei Ryabkov")
    bib = data["citation_bibtex"]
    assert bib.startswith(f"@article{{{ex['close']},") and "journal = {Al Jazeera}" in bib
    assert f"urldate = {{{today.isoformat()}}}" in bib and "year = {2016}" in bib
    assert f"(accessed {today.isoformat()})" in data["citation"]
    page = get(ds, f"/-/quote/{ex['close']}").text
    assert 'id="qt-citation-csl"' in page and 'id="qt-citation-bibtex"' in page
