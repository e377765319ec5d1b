"""The whole flow on the sample corpus with the real, bundled Stanza models:
known quotes, with exact text, speaker and offsets, in the database, in
`quotetrack extract`'s JSON lines and through Datasette's JSON API."""

import asyncio
import json

import pytest
import sqlite_utils
from click.testing import CliRunner

from quotetrack.cli import cli

from .conftest import CORPUS

pytestmark = pytest.mark.slow

KNOWN = [
    # (article, exact words, speaker, cue lemma, via outlet); a direct quote's
# content is everything between its marks, the comma before the attribution too
    ("000_fb29eb345b8b11e0.txt",
     "We are close to reaching an understanding, but I want to warn against high expectations,",
     "Sergei Ryabkov", "add", None),
    ("000_fb29eb345b8b11e0.txt",
     "In the past several days an intensive document exchange on the situation in Aleppo has taken place,",
     "Sergei Ryabkov", None, "Interfax"),
    ("002_c0f3d0dca708e4af.txt",
     "Those armed groups who refuse to leave eastern Aleppo will be considered to be terrorists,",
     "Sergei Lavrov", "tell", None),
    ("001_dd9580831763b974.txt",
     "Let's be realistic it won't mean the end of the war in Syria,",
     "Bashar al-Assad", "say", None),
]


def _db(path):
    return sqlite_utils.Database(path)


@pytest.mark.parametrize("doc, words, speaker, cue, via", KNOWN)
def test_known_quotes_are_in_the_database_with_exact_offsets(sample_db, doc, words, speaker, cue, via):
    db = _db(sample_db)
    rows = list(db.query(
        """select q.*, a.text as article_text, s.name as speaker_entity, o.name as via_name
           from quotes q join articles a on a.id = q.article_id
           left join speakers s on s.id = q.speaker_id
           left join outlets o on o.id = q.via_outlet_id
           where a.doc = ? and q.text = ? and q.status = 'current'""",
        [doc, words],
    ))
    assert len(rows) == 1, f"{words!r} not found once in {doc}"
    row = rows[0]
    text = (CORPUS / doc).read_text(encoding="utf-8")
    assert row["start_char"] == text.index(words)
    assert text[row["start_char"]:row["end_char"]] == words == row["article_text"][row["start_char"]:row["end_char"]]
    assert row["speaker_entity"] == speaker
    if cue:
        assert row["cue_lemma"] == cue
    if via:
        assert row["via_name"] == via
    if row["speaker_start"] is not None:
        assert text[row["speaker_start"]:row["speaker_end"]] == row["speaker_mention"]


def test_every_stored_span_is_exact(sample_db):
    db = _db(sample_db)
    texts = {r["id"]: r["text"] for r in db.query("select id, text from articles")}
    for q in db.query("select * from quotes"):
        text = texts[q["article_id"]]
        assert text[q["start_char"]:q["end_char"]] == q["text"]
        for a, b, field in [("speaker_start", "speaker_end", "speaker_mention"), ("cue_start", "cue_end", "cue"),
                            ("via_start", "via_end", "via_outlet_mention")]:
            if q[a] is not None:
                assert text[q[a]:q[b]] == q[field]


def test_one_statement_carried_by_two_outlets_is_one_utterance(sample_db):
    db = _db(sample_db)
    rows = list(db.query(
        """select q.utterance_id, a.doc from quotes q join articles a on a.id = q.article_id
           where q.text like '%realistic%' and q.status = 'current'"""))
    assert {r["doc"] for r in rows} == {"000_fb29eb345b8b11e0.txt", "001_dd9580831763b974.txt"}
    assert len({r["utterance_id"] for r in rows}) == 1


def test_reingesting_changes_no_id(sample_db, parser, tmp_path):
    from quotetrack.pipeline import ingest

    before = {r["id"] for r in _db(sample_db).query("select id from quotes")}
    report = ingest(CORPUS, sample_db, parser)
    assert report.parsed == 0 and report.skipped == 5
    assert {r["id"] for r in _db(sample_db).query("select id from quotes")} == before


def test_extract_prints_the_documented_json_lines(parser):
    result = CliRunner().invoke(cli, ["extract", str(CORPUS / "000_fb29eb345b8b11e0.txt"), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    text = (CORPUS / "000_fb29eb345b8b11e0.txt").read_text(encoding="utf-8")
    assert lines
    for q in lines:
        assert {"quote_id", "doc", "kind", "start_char", "end_char", "text", "speaker", "cue",
                "via_outlet", "cluster_id"} <= set(q)
        assert {"name", "start_char", "end_char", "entity_id"} <= set(q["speaker"])
        assert q["kind"] in ("direct", "indirect", "mixed")
        assert text[q["start_char"]:q["end_char"]] == q["text"]
        if q["cue"]:
            assert text[q["cue"]["start_char"]:q["cue"]["end_char"]] == q["cue"]["text"]
    ryabkov = [q for q in lines if q["text"].startswith("We are close to reaching")]
    assert ryabkov and ryabkov[0]["speaker"]["name"] == "Sergei Ryabkov"
    assert ryabkov[0]["speaker"]["mention"] == "Ryabkov"


def test_known_quotes_through_datasettes_json_api(sample_db):
    from datasette.app import Datasette

    async def fetch():
        ds = Datasette([str(sample_db)])
        name = sample_db.stem
        response = await ds.client.get(
            f"/{name}/quotes.json?_shape=objects&text__startswith=We+are+close+to+reaching&_labels=on")
        return response

    response = asyncio.run(fetch())
    assert response.status_code == 200
    rows = response.json()["rows"]
    # carried by two outlets: 000 once, 001 twice (the quote and its pull quote)
    texts = {r["id"]: r["text"] for r in _db(sample_db).query("select id, text from articles")}
    assert sorted(r["article_id"]["value"] for r in rows) == sorted(
        r["article_id"] for r in _db(sample_db).query(
            "select article_id from quotes where text like 'We are close to reaching%'"))
    assert len(rows) == 3
    for row in rows:
        text = texts[row["article_id"]["value"]]
        assert text[row["start_char"]:row["end_char"]] == row["text"]
        assert row["speaker_id"]["label"] == "Sergei Ryabkov"


def test_ingest_command_prints_a_summary_and_bad_input_gets_a_clear_error(tmp_path, parser):
    result = CliRunner().invoke(cli, ["ingest", str(CORPUS), "--db", str(tmp_path / "q.db")])
    assert result.exit_code == 0, result.output
    assert "5 articles" in result.output and "0 errors" in result.output
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "empty"), "--db", str(tmp_path / "q.db")])
    assert result.exit_code == 1
    assert "no articles" in result.output and "Traceback" not in result.output


STATE_TV = (
    "Syrian army advances in Aleppo\n\n"
    "Syria's state TV said the army had retaken the old city on Monday.\n\n"
    '"The terrorists are collapsing," a military source said, according to state TV.\n'
)


def test_extract_and_ingest_name_an_outlet_the_article_named_earlier_alike(parser, tmp_path):
    """"according to state TV" after "Syria's state TV said": the article says
    which state TV, and the stored quote keeps that naming (via_outlet_local),
    so the database names the outlet as `quotetrack extract` does."""
    from quotetrack.pipeline import extract_files, ingest
    from quotetrack.store import open_store

    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(STATE_TV, encoding="utf-8")
    [extracted] = [q for q in extract_files([folder / "a.txt"], parser) if q.quote.via_outlet]
    assert extracted.quote.via_outlet.text == "state TV"
    assert extracted.via_outlet_name == "Syria's state TV"
    assert ingest(folder, tmp_path / "q.db", parser).ok
    store = open_store(tmp_path / "q.db")
    rows = list(store.db.query(
        "select q.via_outlet_local, q.via_how, o.name from quotes q join outlets o on o.id = q.via_outlet_id"
        " order by q.start_char"))
    # "Syria's state TV said": the outlet is the source; "according to state TV": named, the same outlet
    assert rows == [{"via_outlet_local": "Syria's state TV", "via_how": "speaker", "name": "Syria's state TV"},
                    {"via_outlet_local": "Syria's state TV", "via_how": "named", "name": "Syria's state TV"}]
    assert extracted.via_outlet_id == store.db.execute(
        "select via_outlet_id from quotes where via_how = 'named'").fetchone()[0]


FRAMED = (
    "Pence backs Ryan\n\n"
    "In a telephone interview with Fox News on Tuesday, Pence was asked about the comment.\n\n"
    '"These are two men that are building a good relationship," Pence replied.\n\n'
    '"I strongly support Paul Ryan," Pence added.\n\n'
    "Later, Ryan said he was grateful.\n\n"
    "Pence went on to say that the party would unite.\n"
)


def test_an_interview_framed_without_a_quote_is_the_channel_of_the_quotes_after_it(parser, tmp_path):
    """A sentence that only sets up an interview ("In a telephone interview with Fox
    News, Pence was asked …") names the channel of the next quote by that speaker;
    his "added" goes on with it; another speaker's fresh "said" gets none."""
    from quotetrack.pipeline import extract_files

    path = tmp_path / "framed.txt"
    path.write_text(FRAMED, encoding="utf-8")
    got = {q.quote.text[:20]: (q.speaker_name, q.via_outlet_name, q.via_how) for q in extract_files([path], parser)}
    assert got["These are two men th"] == ("Pence", "Fox News", "carried")
    assert got["I strongly support P"] == ("Pence", "Fox News", "carried")
    assert got["he was grateful"][1:] == (None, None)
    assert got["the party would unit"] == ("Pence", "Fox News", "carried")  # "went on to say"


def test_a_journalist_tied_to_an_outlet_names_the_channel_of_what_is_said_to_them(parser, tmp_path):
    """"NBC's Matt Lauer" ties Lauer to NBC: "Asked by Lauer …, she said" came through NBC."""
    from quotetrack.pipeline import extract_files

    path = tmp_path / "host.txt"
    path.write_text("Melania Trump spoke to NBC's Matt Lauer on Monday.\n\n"
                    'Asked by Lauer whether she had practised her speech, Melania Trump said, "I read it once over."\n',
                    encoding="utf-8")
    [q] = [q for q in extract_files([path], parser) if q.quote.text.startswith("I read it")]
    assert (q.via_outlet_name, q.via_how, q.via_outlet_mention.text) == ("NBC", "named", "Lauer")


def test_the_same_article_as_text_page_record_and_archive_gives_the_same_quotes(parser, tmp_path):
    """One article as a .txt file (its metadata in the sidecar), a saved page, a
    JSON-lines record and a WARC response, each ingested into its own database:
    the same stored text, metadata and quotes, IDs included; every span exact."""
    import gzip

    from quotetrack.pipeline import ingest

    from .helpers import ARTICLE_PARAGRAPHS, ARTICLE_TEXT, ARTICLE_TITLE, news_page, warc_record

    meta = {"title": ARTICLE_TITLE, "publisher": "Example News", "date": "2016-12-08T14:30:00+03:00",
            "url": "https://news.example.org/2016/12/08/geneva-talks", "author": "Jane Doe"}
    inputs = {
        "txt": ("a.txt", ARTICLE_TEXT.encode()),
        "html": ("a.html", news_page().encode()),
        "jsonl": ("a.jsonl", (json.dumps({"id": "a", "text": "\n\n".join(ARTICLE_PARAGRAPHS) + "\n", **meta})
                              + "\n").encode()),
        "warc": ("a.warc.gz", gzip.compress(warc_record(meta["url"], news_page().encode()))),
    }
    found = {}
    for kind, (name, data) in inputs.items():
        folder = tmp_path / kind
        folder.mkdir()
        (folder / name).write_bytes(data)
        if kind == "txt":
            (folder / "articles.csv").write_text(
                "file,title,publisher,date,url,author\n" + ",".join(["a.txt", *meta.values()]) + "\n", encoding="utf-8")
        db = tmp_path / f"{kind}.db"
        assert ingest(folder, db, parser).ok
        [article] = _db(db).query("select * from articles")
        quotes = list(_db(db).query(
            "select id, kind, text, start_char, end_char, speaker_name, speaker_start, speaker_end, cue_lemma, "
            "via_outlet_local, placement, utterance_id from quotes order by start_char"))
        for q in quotes:
            assert article["text"][q["start_char"]:q["end_char"]] == q["text"]
        found[kind] = (article["text"], article["publisher"], article["published"], article["url"], quotes)
    assert found["txt"][0] == ARTICLE_TEXT and found["txt"][4], "no quotes found"
    assert any(q["speaker_name"] == "Sergei Ryabkov" for q in found["txt"][4])
    for kind in ("html", "jsonl", "warc"):
        assert found[kind] == found["txt"], kind
