"""Reading saved pages, JSON lines, CSV and web archives: the stored text,
its metadata and where it came from, doc names, records that are no articles
and malformed input. Every input is written here, from text of our own."""

import csv
import gzip
import json

import pytest

from quotetrack.corpus import find_inputs, read_corpus, read_items, read_page
from quotetrack.corpus.jsonl import MAX_LINE_BYTES
from quotetrack.corpus.language import other_language
from quotetrack.errors import ArticleError

from ..helpers import (ARTICLE_PARAGRAPHS, ARTICLE_TEXT, ARTICLE_TITLE, news_page, warc_gz,
                       warc_record)

FRENCH = ("Le ministre des affaires étrangères a déclaré jeudi que les négociations sur Alep "
          "reprendraient à Genève la semaine prochaine, selon plusieurs sources diplomatiques.")


def read(folder):
    articles, skipped, errors = read_items([folder])
    return {a.doc: a for a in articles}, {s.doc: s for s in skipped}, [str(e) for e in errors]


# -- pages -------------------------------------------------------------------------


def test_a_saved_page_is_its_main_text_and_metadata(tmp_path):
    (tmp_path / "geneva.html").write_text(news_page(), encoding="utf-8")
    [article], errors = read_corpus(tmp_path)
    assert errors == []
    # the shape of a .txt article: title, blank line, paragraphs; the headline not twice
    assert article.text == ARTICLE_TEXT
    for boilerplate in ("Home", "World news", "cookies", "Related stories", "Markets rally", "Copyright"):
        assert boilerplate not in article.text
    assert (article.doc, article.title, article.publisher, article.author, article.url) == (
        "geneva.html", ARTICLE_TITLE, "Example News", "Jane Doe", "https://news.example.org/2016/12/08/geneva-talks")
    # 14:30 at +03:00 is 11:30 UTC; the day stays as the page writes it
    assert (article.date, article.published, article.date_precision) == ("2016-12-08", "2016-12-08T11:30:00+00:00", "time")
    assert article.provenance == {k: "page" for k in ("title", "publisher", "author", "url", "date", "published")}


def test_a_page_without_site_name_or_time_gets_no_invented_publisher_and_its_day(tmp_path):
    page = read_page(news_page(site=None, published="2016-12-08", canonical="https://news.example.org/x"))
    assert "publisher" not in page.values  # not the host name trafilatura falls back to
    assert (page.values["date"], page.values["published"], page.values["date_precision"]) == (
        "2016-12-08", "2016-12-08", "day")


def test_json_ld_gives_the_time_when_no_meta_tag_does():
    html = news_page(published=None).replace(
        "</head>", '<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", '
                   '"datePublished": "2016-12-08T09:15:00Z"}]}</script></head>')
    page = read_page(html)
    assert (page.values["published"], page.values["date_precision"]) == ("2016-12-08T09:15:00+00:00", "time")


def test_pages_that_are_no_articles_are_skipped(tmp_path):
    (tmp_path / "empty.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    (tmp_path / "french.html").write_text(news_page("Les pourparlers reprennent", (FRENCH,), lang="fr"))
    articles, skipped, errors = read(tmp_path)
    assert (articles, errors) == ({}, [])
    assert {d: (s.reason, s.detail) for d, s in skipped.items()} == {
        "empty.html": ("no main text", ""), "french.html": ("not English", "fr")}


def test_the_language_check_judges_only_what_it_can():
    assert other_language(ARTICLE_TEXT) is None
    assert other_language(FRENCH) == "fr"
    assert other_language("Merci beaucoup") is None  # too short to judge: kept


# -- JSON lines ----------------------------------------------------------------------


def _jsonl(path, *lines):
    path.write_text("".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines),
                    encoding="utf-8")


def test_json_lines_records_their_doc_names_text_and_metadata(tmp_path):
    body = "\n\n".join(ARTICLE_PARAGRAPHS) + "\n"
    _jsonl(tmp_path / "export.jsonl",
           {"id": "g-1", "title": ARTICLE_TITLE, "text": body, "publisher": "Example Wire",
            "date": "2016-12-08T23:30:00-05:00", "url": "https://wire.example/g-1", "author": ["Jane Doe", "John Roe"]},
           "",  # a blank line is passed over
           {"text": ARTICLE_TEXT, "title": ARTICLE_TITLE, "date": "2016-12-08", "extra": {"cms": 1}},
           {"id": 7, "html": news_page(published=None, site=None)})
    articles, skipped, errors = read(tmp_path)
    assert errors == [] and skipped == {}
    assert sorted(articles) == ["export.jsonl#3", "export.jsonl#7", "export.jsonl#g-1"]
    first = articles["export.jsonl#g-1"]
    assert first.text == ARTICLE_TEXT  # the title put first, as the text did not begin with it
    assert first.path.endswith("export.jsonl#g-1")
    assert (first.publisher, first.url, first.author) == ("Example Wire", "https://wire.example/g-1", "Jane Doe, John Roe")
    # 23:30 at -05:00 is 04:30 UTC on the next day; date stays the day as written
    assert (first.date, first.published, first.date_precision) == ("2016-12-08", "2016-12-09T04:30:00+00:00", "time")
    assert first.provenance == {k: "record" for k in ("title", "publisher", "url", "author", "date", "published")}
    assert articles["export.jsonl#3"].text == ARTICLE_TEXT  # it began with its title: as given
    page = articles["export.jsonl#7"]
    assert page.text == ARTICLE_TEXT
    assert (page.provenance["title"], page.provenance["url"], page.provenance["date"]) == ("page", "page", "page")


def test_bad_json_lines_are_errors_naming_the_line_and_the_rest_is_read(tmp_path):
    big = json.dumps({"text": "x" * (MAX_LINE_BYTES + 10)})
    _jsonl(tmp_path / "dump.jsonl", {"id": "a", "text": ARTICLE_TEXT}, "{not json", '"a string"',
           {"id": "b", "title": "No text here"}, {"id": "c", "text": ARTICLE_TEXT, "date": "8 Dec 2016"},
           {"id": "d", "text": ARTICLE_TEXT, "title": {"nested": 1}}, big, {"id": "e", "text": FRENCH},
           {"id": "f", "text": ARTICLE_TEXT.replace("Thursday", "Friday")})
    articles, skipped, errors = read(tmp_path)
    assert sorted(articles) == ["dump.jsonl#a", "dump.jsonl#f"]
    assert skipped["dump.jsonl#e"].reason == "not English"
    where = str(tmp_path / "dump.jsonl")
    assert errors[0].startswith(f"{where}: line 2: not JSON (")
    assert errors[1] == f"{where}: line 3: not a JSON object (a str)"
    assert errors[2] == f"{where}: line 4: record dump.jsonl#b has no text (a 'text' or 'html' field)"
    assert errors[3].startswith(f"{where}: line 5: date '8 Dec 2016' for dump.jsonl#c is not YYYY-MM-DD")
    assert errors[4] == f"{where}: line 6: field 'title' is dict, not a string"
    assert errors[5].startswith(f"{where}: line 7: too large (")
    assert len(errors) == 6


def test_a_gzipped_file_is_read_and_a_truncated_one_keeps_what_came_before(tmp_path):
    lines = "".join(json.dumps({"id": f"r{n}", "text": ARTICLE_TEXT.replace("Monday", f"day {n}")}) + "\n"
                    for n in range(1, 201)).encode()
    data = gzip.compress(lines)
    (tmp_path / "whole.jsonl.gz").write_bytes(data)
    (tmp_path / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    (tmp_path / "plain.jsonl.gz").write_bytes(lines)  # not gzip at all
    articles, _, errors = read(tmp_path)
    whole = [d for d in articles if d.startswith("whole")]
    cut = sorted((d for d in articles if d.startswith("cut")), key=lambda d: int(d.split("#r")[1]))
    assert len(whole) == 200
    assert 0 < len(cut) < 200 and cut == [f"cut.jsonl.gz#r{n}" for n in range(1, len(cut) + 1)]
    assert articles[cut[-1]].text.endswith("\n")  # the last one read whole, not cut short
    [truncated] = [e for e in errors if "cut.jsonl.gz" in e]
    assert truncated == (f"{tmp_path / 'cut.jsonl.gz'}: line {len(cut) + 1}: truncated gzip (the file ends "
                         f"before its compressed data does); the {len(cut)} lines before it were read")
    [not_gzip] = [e for e in errors if "plain.jsonl.gz" in e]
    assert not_gzip.startswith(f"{tmp_path / 'plain.jsonl.gz'}: not a gzip file")


# -- CSV --------------------------------------------------------------------------------


def _csv(path, *rows):
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)


def test_csv_records_and_the_sidecar_naming_a_record(tmp_path):
    _csv(tmp_path / "cms.csv", ("id", "title", "text", "date", "section"),
         ("c1", ARTICLE_TITLE, "\n".join(ARTICLE_PARAGRAPHS), "2016-12-08", "world"),
         ("", "", ARTICLE_TEXT.replace("Thursday", "Friday"), "", ""))
    (tmp_path / "articles.csv").write_text(
        "file,publisher,author,date,time\ncms.csv#c1,Example Wire,Jane Doe,2016-12-08,14:30 EST\n", encoding="utf-8")
    articles, skipped, errors = read(tmp_path)
    assert errors == [] and sorted(articles) == ["cms.csv#2", "cms.csv#c1"]
    c1 = articles["cms.csv#c1"]
    assert c1.text.startswith(f"{ARTICLE_TITLE}\n\n{ARTICLE_PARAGRAPHS[0]}\n")
    assert (c1.publisher, c1.author, c1.published, c1.date_precision) == (
        "Example Wire", "Jane Doe", "2016-12-08T19:30:00+00:00", "time")
    assert (c1.provenance["publisher"], c1.provenance["title"], c1.provenance["published"]) == (
        "sidecar", "record", "sidecar")


def test_articles_csv_with_a_text_column_is_records_and_a_csv_without_one_an_error(tmp_path):
    _csv(tmp_path / "articles.csv", ("title", "text"), (ARTICLE_TITLE, ARTICLE_TEXT))
    (tmp_path / "list.csv").write_text("name,count\na,1\n", encoding="utf-8")
    articles, _, errors = read(tmp_path)
    assert list(articles) == ["articles.csv#1"]
    assert errors == [f"{tmp_path / 'list.csv'}: no 'text' or 'html' column (columns: name, count); "
                      "a CSV of articles needs one"]


# -- WARC -------------------------------------------------------------------------------


def test_a_web_archive_gives_its_html_responses_with_url_and_crawl_date(tmp_path):
    page = news_page(published=None).encode()
    records = [
        warc_record("https://news.example.org/geneva", page),
        warc_record("https://news.example.org/logo.png", b"\x89PNG\r\n", content_type="image/png"),
        warc_record("https://news.example.org/gone", b"<html><body>Not found</body></html>", status="404 Not Found"),
        warc_record("https://news.example.org/geneva", b"", kind="revisit"),
        warc_record("https://news.example.org/fr", news_page("Les pourparlers", (FRENCH,)).encode(),
                    date="2016-12-10T08:00:00Z"),
    ]
    (tmp_path / "crawl.warc.gz").write_bytes(warc_gz(*records))
    (tmp_path / "plain.warc").write_bytes(records[0])
    articles, skipped, errors = read(tmp_path)
    assert errors == []
    assert sorted(articles) == ["crawl.warc.gz#1", "plain.warc#1"]
    a = articles["crawl.warc.gz#1"]
    assert a.text == ARTICLE_TEXT
    assert (a.url, a.crawl_date, a.publisher, a.author) == (
        "https://news.example.org/geneva", "2016-12-09T01:02:03+00:00", "Example News", "Jane Doe")
    # the publication day from the page (its canonical URL); the crawl date never stands in for it
    assert (a.date, a.provenance["date"], a.provenance["url"], a.provenance["crawl_date"]) == (
        "2016-12-08", "page", "record", "record")
    assert {d: (s.reason, s.detail) for d, s in skipped.items()} == {
        "crawl.warc.gz#2": ("not HTML", "image/png"), "crawl.warc.gz#3": ("not HTML", "HTTP 404"),
        "crawl.warc.gz#4": ("re-crawl", "revisit record of https://news.example.org/geneva"),
        "crawl.warc.gz#5": ("not English", "fr")}


def test_a_page_without_its_own_date_has_no_publication_date_from_the_crawl(tmp_path):
    page = news_page(published=None, canonical=None).encode()
    (tmp_path / "c.warc").write_bytes(warc_record("https://news.example.org/geneva", page))
    [article], _ = read_corpus(tmp_path)
    assert (article.date, article.published, article.crawl_date) == (None, None, "2016-12-09T01:02:03+00:00")


def test_a_truncated_or_malformed_archive_is_an_error_and_what_came_before_is_kept(tmp_path):
    records = [warc_record(f"https://news.example.org/{n}",
                           news_page(paragraphs=(*ARTICLE_PARAGRAPHS, f"Story {n}.")).encode()) for n in range(1, 4)]
    data = warc_gz(*records)
    (tmp_path / "cut.warc.gz").write_bytes(data[:-40])
    (tmp_path / "junk.warc").write_bytes(b"this is no web archive\n" * 20)
    articles, _, errors = read(tmp_path)
    assert sorted(articles) == ["cut.warc.gz#1", "cut.warc.gz#2"]
    assert sorted(errors) == [
        f"{tmp_path / 'cut.warc.gz'}: record 3: truncated gzip (the file ends before its compressed data does); "
        "the 2 records before it were read",
        f"{tmp_path / 'junk.warc'}: record 1: not a valid WARC record (Invalid WARC header); "
        "the records after it were not read"]


def test_a_record_over_the_size_limit_is_an_error(tmp_path, monkeypatch):
    from quotetrack.corpus import warc

    monkeypatch.setattr(warc, "MAX_PAGE_BYTES", 1000)
    (tmp_path / "big.warc").write_bytes(warc_record("https://x.example/", news_page().encode()))
    _, _, [error] = read(tmp_path)
    assert error.startswith(f"{tmp_path / 'big.warc'}: record 1: too large (")
    assert error.endswith("the limit is 1,000 bytes a record)")


# -- finding inputs ------------------------------------------------------------------


def test_inputs_by_extension_in_a_folder_or_named(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE_TEXT, encoding="utf-8")
    (tmp_path / "b.HTM").write_text(news_page(), encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / ".DS_Store").write_bytes(b"\0")
    (tmp_path / "sub").mkdir()
    (tmp_path / "articles.csv").write_text("file,publisher\na.txt,Example Wire\n", encoding="utf-8")
    inputs, errors = find_inputs([tmp_path])
    assert [(i.name, i.format) for i in inputs] == [("a.txt", "txt"), ("b.HTM", "html")]
    assert [str(e) for e in errors] == [
        f"{tmp_path / 'notes.pdf'}: unknown extension (quotetrack reads .txt, .html, .htm, .jsonl, .jsonl.gz, "
        ".csv, .warc, .warc.gz)"]
    inputs, errors = find_inputs([tmp_path / "a.txt", tmp_path / "missing.jsonl"])
    assert [i.name for i in inputs] == ["a.txt"]
    assert [str(e) for e in errors] == [f"{tmp_path / 'missing.jsonl'}: no such file or directory"]
    # a file named on its own still takes its folder's sidecar
    [article], _, _ = read_items([tmp_path / "a.txt"])
    assert (article.publisher, article.provenance["publisher"]) == ("Example Wire", "sidecar")


def test_no_inputs_at_all_is_an_error(tmp_path):
    with pytest.raises(ArticleError, match="no articles in this directory"):
        read_items([tmp_path])
