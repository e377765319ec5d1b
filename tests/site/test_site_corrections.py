"""Editorial corrections on the site: the sample corpus ingested (its real
parses, no model), a wrong speaker corrected, a non-quote marked, a speaker
renamed, then the whole corpus analysed again by new rules; the pages and their
JSON, read through Datasette's client, show what was corrected, by whom and
why, and which values are corrections."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from quotetrack import editing, pipeline
from quotetrack.pipeline import ingest, reanalyse

from ..helpers import CORPUS, METADATA, FixtureParser
from .test_site import get, make_datasette, marked

UNNAMED = "The decision to liberate all of Syria has been taken"
NO_QUOTE = "a potential US-Russia deal to allow Syrian rebels to safely"


def _one(db, sql, params=()):
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return dict(conn.execute(sql, params).fetchone())
    finally:
        conn.close()


@pytest.fixture(scope="module")
def corrected(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corrected")
    corpus = folder / "corpus"
    shutil.copytree(CORPUS, corpus)
    db = folder / "quotes.db"
    assert ingest(corpus, db, FixtureParser()).ok
    ex = {
        "unnamed": _one(db, "select id from quotes where text like ?", [UNNAMED + "%"])["id"],
        "no_quote": _one(db, "select id, article_id, speaker_id from quotes where text like ?", [NO_QUOTE + "%"]),
        "assad": _one(db, "select id from speakers where name = 'Bashar al-Assad'")["id"],
        "lavrov": _one(db, "select id from speakers where name = 'Sergei Lavrov'")["id"],
    }
    editing.correct(db, ex["unnamed"], speaker="Bashar al-Assad", note="Assad, in the al-Watan interview",
                    who="desk editor")
    editing.correct(db, ex["no_quote"]["id"], not_a_quote=True, note="the reporter's summary", who="desk editor")
    editing.correct(db, ex["lavrov"], name="Sergey Lavrov", note="the ministry's spelling", who="desk editor")
    with pytest.MonkeyPatch.context() as mp:  # new rules: every quote is written again from the analysis
        mp.setattr(pipeline, "RULES_VERSION", pipeline.RULES_VERSION + "-next")
        assert reanalyse(db, FixtureParser()).reanalysed == 5
    ex["lavrov_quote"] = _one(db, "select id from quotes where speaker_id = ? order by id", [ex["lavrov"]])["id"]
    return make_datasette(db), ex


def test_a_corrected_speaker_is_marked_corrected_with_the_note_who_and_when(corrected):
    ds, ex = corrected
    page = get(ds, f"/-/quote/{ex['unnamed']}").text
    assert f'href="/-/speaker/{ex["assad"]}">Bashar al-Assad</a>' in page
    assert marked(page, "qt-corrected-speaker") == "corrected"
    assert 'title="Corrected by desk editor, ' in page and ': Assad, in the al-Watan interview"' in page
    section = " ".join(marked(page, "qt-corrections").split())
    assert "Speaker corrected to “Bashar al-Assad”; the analysis gave none." in section
    assert "Assad, in the al-Watan interview" in section and "— desk editor, " in section
    assert "Speaker found by</dt><dd>an editor's correction" in page
    assert "Bashar al-Assad" in marked(page, "qt-citation")
    # it counts as one of his quotes
    assert f'href="/-/quote/{ex["unnamed"]}"' in get(ds, f"/-/speaker/{ex['assad']}").text


def test_the_quote_json_says_which_values_are_corrections(corrected):
    ds, ex = corrected
    data = get(ds, f"/-/quote/{ex['unnamed']}.json").json()
    assert (data["speaker"]["name"], data["speaker"]["entity_id"], data["speaker"]["resolution"]) == (
        "Bashar al-Assad", ex["assad"], "corrected")
    [fix] = data["corrections"]
    assert {k: fix[k] for k in ("number", "path", "record", "field", "value", "original", "note", "who")} == {
        "number": 1, "path": "speaker.name", "record": ex["unnamed"], "field": "speaker",
        "value": "Bashar al-Assad", "original": None, "note": "Assad, in the al-Watan interview",
        "who": "desk editor"}
    assert fix["at"].endswith("+00:00")
    # a quote nobody corrected says so
    other = _one(ds.get_database("quotes").path, "select id from quotes where speaker_id = ? and id != ?",
                 [ex["assad"], ex["unnamed"]])["id"]
    assert get(ds, f"/-/quote/{other}.json").json()["corrections"] == []


def test_a_quote_that_is_none_still_resolves_and_says_so_but_is_listed_nowhere(corrected):
    ds, ex = corrected
    q = ex["no_quote"]
    response = get(ds, f"/-/quote/{q['id']}")
    assert response.status_code == 200
    notice = " ".join(marked(response.text, "qt-rejected").split())
    assert notice.startswith("Not a quote, per the editor.")
    assert "“the reporter's summary”" in notice and "desk editor" in notice
    assert "it is not a quotation" in marked(response.text, "qt-citation")
    data = get(ds, f"/-/quote/{q['id']}.json").json()
    assert data["status"] == "rejected" and data["utterance"] is None
    assert [(c["path"], c["field"], c["note"]) for c in data["corrections"]] == [
        ("status", "not_a_quote", "the reporter's summary")]
    link = f'href="/-/quote/{q["id"]}"'
    assert link not in get(ds, f"/-/article/{q['article_id']}").text
    assert link not in get(ds, f"/-/speaker/{q['speaker_id']}").text
    assert f"/-/quote/{q['id']}<" not in get(ds, "/sitemap.xml").text
    rows = get(ds, f"/quotes/quote_context.json?_shape=objects&id={q['id']}").json()["rows"]
    assert rows == []


def test_a_renamed_speaker_is_marked_on_its_page_and_its_quotes(corrected):
    ds, ex = corrected
    page = get(ds, f"/-/speaker/{ex['lavrov']}").text
    assert '<h1>Sergey Lavrov <span class="qt-corrected" id="qt-corrected-name"' in page
    assert marked(page, "qt-corrected-name") == "corrected"
    assert "the analysis named it “Sergei Lavrov”" in " ".join(marked(page, "qt-corrections").split())
    data = get(ds, f"/-/speaker/{ex['lavrov']}.json").json()
    assert data["speaker"]["name"] == "Sergey Lavrov" and "Sergei Lavrov" in data["aliases"]
    quote = get(ds, f"/-/quote/{ex['lavrov_quote']}.json").json()
    assert quote["speaker"]["name"] == "Sergey Lavrov"
    assert [(c["path"], c["record"], c["original"]) for c in quote["corrections"]] == [
        ("speaker.name", ex["lavrov"], "Sergei Lavrov")]


def test_the_corrections_table_is_described(corrected):
    from datasette.utils import parse_metadata

    ds, _ = corrected
    tables = parse_metadata(METADATA.read_text())["databases"]["quotes"]["tables"]
    conn = sqlite3.connect(ds.get_database("quotes").path)
    try:
        columns = {r[1] for r in conn.execute("pragma table_info(corrections)")}
    finally:
        conn.close()
    assert tables["corrections"]["description"]
    assert columns == set(tables["corrections"]["columns"])
    rows = get(ds, "/quotes/corrections.json?_shape=objects").json()["rows"]
    assert {(r["field"], r["state"]) for r in rows} == {("speaker", "applied"), ("not_a_quote", "applied"),
                                                        ("name", "applied")}
