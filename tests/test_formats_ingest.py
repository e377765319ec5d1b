"""Ingesting a corpus of pages, JSON lines and web archives (a stand-in parser:
no model): one command, each article with its own metadata; re-runs that read
only what changed; records that are no articles skipped, malformed ones errors;
the site's article page shows where an article came from."""

import json
import os

import pytest
from click.testing import CliRunner

from quotetrack.cli import cli
from quotetrack.pipeline import ingest
from quotetrack.records import ParsedDoc
from quotetrack.store import open_store

from .helpers import ARTICLE_PARAGRAPHS, ARTICLE_TEXT, ARTICLE_TITLE, METADATA, news_page, warc_gz, warc_record


class StandIn:
    """A parser that finds no sentences and counts what it was given."""

    models = "bundled"

    def __init__(self, *args):
        self.parsed = []

    def versions(self):
        return {"stand-in": "1"}

    def parse(self, text):
        self.parsed.append(text)
        return ParsedDoc(text=text, sentences=())


def variant(n: int) -> str:
    return ARTICLE_TEXT.replace("next week", f"in week {n}")


def records(n: int = 3, **changes) -> list[dict]:
    rows = [{"id": f"r{i}", "text": variant(i), "publisher": "Example Wire", "date": "2016-12-08",
             "url": f"https://wire.example/r{i}"} for i in range(1, n + 1)]
    for i, fields in changes.items():
        rows[int(i[1:]) - 1].update(fields)
    return rows


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "saved.html").write_text(news_page(paragraphs=(*ARTICLE_PARAGRAPHS, "A saved page.")), encoding="utf-8")
    write_jsonl(folder / "export.jsonl", records())
    page = news_page(paragraphs=(*ARTICLE_PARAGRAPHS, "An archived page."), site="Archive News",
                     published="2016-12-07T10:00:00Z").encode()
    (folder / "crawl.warc.gz").write_bytes(warc_gz(
        warc_record("https://archive.example/a", page),
        warc_record("https://archive.example/a?utm=1", page, date="2016-12-10T00:00:00Z"),  # crawled again
        warc_record("https://archive.example/logo.gif", b"GIF89a", content_type="image/gif")))
    return folder


def articles_of(db):
    store = open_store(db)
    try:
        return {r["doc"]: r for r in store.db.query("select * from articles where status = 'current'")}
    finally:
        store.close()


def test_a_folder_of_pages_json_lines_and_an_archive_ingests_in_one_command(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr("quotetrack.parse.Parser", StandIn)
    db = tmp_path / "q.db"
    result = CliRunner().invoke(cli, ["ingest", str(corpus), "--db", str(db)])
    assert result.exit_code == 0, result.output  # skipped records are no errors
    assert "5 articles (5 parsed" in result.output
    assert "2 skipped as no articles (1 not HTML, 1 re-crawl)" in result.output and "0 errors" in result.output
    stored = articles_of(db)
    assert sorted(stored) == ["crawl.warc.gz#1", "export.jsonl#r1", "export.jsonl#r2", "export.jsonl#r3", "saved.html"]
    page, record, archived = stored["saved.html"], stored["export.jsonl#r2"], stored["crawl.warc.gz#1"]
    assert (page["publisher"], page["published"], page["url"], page["author"]) == (
        "Example News", "2016-12-08T11:30:00+00:00", "https://news.example.org/2016/12/08/geneva-talks", "Jane Doe")
    assert (record["publisher"], record["date"], record["url"]) == ("Example Wire", "2016-12-08", "https://wire.example/r2")
    assert (archived["publisher"], archived["published"], archived["url"], archived["crawl_date"]) == (
        "Archive News", "2016-12-07T10:00:00+00:00", "https://archive.example/a", "2016-12-09T01:02:03+00:00")
    assert json.loads(archived["metadata_source"])["crawl_date"] == "record"
    assert archived["text"].startswith(f"{ARTICLE_TITLE}\n\n{ARTICLE_PARAGRAPHS[0]}\n\n")
    store = open_store(db)
    logged = {(r["path"].split("/")[-1], r["message"]) for r in store.db.query(
        "select path, message from ingest_log where status = 'skipped'")}
    assert ("crawl.warc.gz#2", "re-crawl (same text as crawl.warc.gz#1)") in logged
    assert ("crawl.warc.gz#3", "not HTML (image/gif)") in logged

    # the site's article page says where the article came from
    from .site.test_site import get, make_datasette

    ds = make_datasette(db)
    html = get(ds, f"/-/article/{archived['id']}").text
    for shown in ("Archive News", "https://archive.example/a", "Crawled", "2016-12-09 01:02 UTC", "Jane Doe",
                  "2016-12-07 10:00 UTC"):
        assert shown in html, shown


def test_a_re_run_reads_only_what_changed(corpus, tmp_path):
    db = tmp_path / "q.db"
    parser = StandIn()
    first = ingest(corpus, db, parser)
    assert (first.parsed, first.skipped, first.errors) == (5, 0, ())
    again = ingest(corpus, db, parser)  # nothing changed: every file skipped unread
    assert (again.parsed, again.reanalysed, again.skipped, again.unchanged_files, again.not_articles) == (0, 0, 5, 3, {})

    export = corpus / "export.jsonl"
    stat = export.stat()
    os.utime(export, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # touched, not changed
    assert ingest(corpus, db, parser).unchanged_files == 3

    parser.parsed.clear()
    write_jsonl(export, records(r2={"text": variant(2) + "\nA correction.\n"}, r3={"publisher": "Other Wire"}))
    report = ingest(corpus, db, parser)
    # the changed text parsed, the changed metadata stored again from its stored parse
    assert (report.parsed, report.reanalysed, report.skipped, report.unchanged_files) == (1, 1, 3, 2)
    assert parser.parsed == [variant(2) + "\nA correction.\n"]
    assert articles_of(db)["export.jsonl#r3"]["publisher"] == "Other Wire"

    write_jsonl(export, records(2))  # r3 leaves the export
    report = ingest(corpus, db, parser, prune=True)
    assert report.removed == 1 and "export.jsonl#r3" not in articles_of(db)


def test_a_file_with_errors_is_read_again_and_keeps_its_stored_records(corpus, tmp_path):
    db = tmp_path / "q.db"
    parser = StandIn()
    assert ingest(corpus, db, parser).ok
    export = corpus / "export.jsonl"
    export.write_text(export.read_text(encoding="utf-8").replace('{"id": "r3"', '{"id": "r3",, '), encoding="utf-8")
    for _ in range(2):  # the error is reported every time, not hidden by a skipped file
        report = ingest(corpus, db, parser, prune=True)
        assert [e.split(": ", 1)[1] for e in report.errors] == ["line 3: not JSON (Expecting property name "
                                                                "enclosed in double quotes: line 1 column 13 (char 12))"]
        assert report.removed == 0 and "export.jsonl#r3" in articles_of(db)  # a partial read removes nothing


def test_bad_input_exits_1_naming_the_file_and_line(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr("quotetrack.parse.Parser", StandIn)
    (corpus / "broken.jsonl").write_text('{"id": "x", "title": "No text"}\n', encoding="utf-8")
    (corpus / "notes.docx").write_bytes(b"PK")
    result = CliRunner().invoke(cli, ["ingest", str(corpus), "--db", str(tmp_path / "q.db")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "broken.jsonl: line 1: record broken.jsonl#x has no text" in result.output
    assert "notes.docx: unknown extension" in result.output
    assert "5 articles" in result.output and "2 errors" in result.output


def test_files_named_one_by_one_and_a_database_inside_the_corpus(corpus, monkeypatch):
    monkeypatch.setattr("quotetrack.parse.Parser", StandIn)
    db = corpus / "quotes.db"  # never taken for an input
    result = CliRunner().invoke(cli, ["ingest", str(corpus / "saved.html"), str(corpus / "export.jsonl"),
                                      "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert sorted(articles_of(db)) == ["export.jsonl#r1", "export.jsonl#r2", "export.jsonl#r3", "saved.html"]
    result = CliRunner().invoke(cli, ["ingest", str(corpus), "--db", str(db)])
    assert result.exit_code == 0, result.output


def test_extract_reads_every_format_and_reports_skips_and_errors(corpus, monkeypatch):
    monkeypatch.setattr("quotetrack.parse.Parser", lambda models=None: StandIn())
    monkeypatch.setattr(StandIn, "parse_many", lambda self, texts: [self.parse(t) for t in texts], raising=False)
    (corpus / "broken.jsonl").write_text("[1, 2]\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(corpus)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "error: " in result.output and "broken.jsonl: line 1: not a JSON object (a list)" in result.output
    assert "skipped: " in result.output and "crawl.warc.gz#3: not HTML (image/gif)" in result.output


def test_metadata_describes_the_new_columns():
    import yaml

    tables = yaml.safe_load(METADATA.read_text())["databases"]["quotes"]["tables"]
    assert {"author", "crawl_date"} <= set(tables["articles"]["columns"])
    assert tables["input_files"]["hidden"] is True


def test_the_site_article_page_is_fine_without_the_new_metadata(tmp_path):
    from .helpers import article
    from .site.test_site import get, make_datasette
    from quotetrack import ids

    store = open_store(tmp_path / "q.db")
    a = article(ARTICLE_TEXT, "plain.txt", title=ARTICLE_TITLE)
    store.write_article(a, ids.article_id(a.sha256), [], "test", {})
    store.close()
    html = get(make_datasette(tmp_path / "q.db"), f"/-/article/{ids.article_id(a.sha256)}").text
    assert "Crawled" not in html and "<dt>By</dt>" not in html


def test_a_file_that_comes_back_after_a_prune_is_read_again(corpus, tmp_path):
    db = tmp_path / "q.db"
    parser = StandIn()
    assert ingest(corpus, db, parser).ok
    saved = corpus / "saved.html"
    data = saved.read_bytes()
    saved.unlink()
    assert ingest(corpus, db, parser, prune=True).removed == 1
    saved.write_bytes(data)  # the same bytes again: its input record says unchanged, its article is gone
    report = ingest(corpus, db, parser)
    assert "saved.html" in articles_of(db) and report.unchanged_files == 2
