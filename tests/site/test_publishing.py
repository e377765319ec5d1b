"""Publishing rights (#17 item 8): an excerpts-only publication
(``quotetrack publish --excerpts``) and its pages.

The database is corpus/ stored as an ingest stores it, with each article's
real parse (tests/fixtures/extract) and, after relinking, its shingles and
signature: every place the full texts live in a database made by
``ingest``. What a publication may hold of an article is stated here, apart
from the code that makes the excerpts: each quote's sentence with the quote,
its speaker, cue and intermediary mentions, each with CONTEXT_CHARS either
side. Any run of RUN_WORDS words outside all of that, found anywhere in the
published file (a table, a view, an FTS index, a compressed parse, the hashed
shingles, the raw bytes), is a leak.
"""

from __future__ import annotations

import html
import json
import re
import sqlite3
import zlib
from pathlib import Path

import attrs
import numpy as np
import pytest

from quotetrack.export.excerpts import CONTEXT_CHARS

from ..helpers import METADATA, analysed_corpus, fixture_parse
from .test_site import get, make_datasette, marked

RUN_WORDS = 8  # this many words in a row of unpublished text, anywhere, is a leak
WORD = re.compile(r"\w+")
ARTICLE_URL = "https://example.org/news/aleppo-talks"  # given to the first article, as articles.csv would


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def runs(text: str) -> set[tuple[str, ...]]:
    ws = words(text)
    return {tuple(ws[i:i + RUN_WORDS]) for i in range(len(ws) - RUN_WORDS + 1)}


# -- the databases -------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory):
    from quotetrack import ids
    from quotetrack.pipeline import relink
    from quotetrack.store import open_store

    path = tmp_path_factory.mktemp("corpus") / "live.db"
    store = open_store(path)
    for n, (art, quotes) in enumerate(analysed_corpus()):
        art = attrs.evolve(art, url=ARTICLE_URL) if n == 0 else art
        store.write_article(art, ids.article_id(art.sha256), quotes, "test", {}, parse=fixture_parse(art))
    relink(store)
    store.close()
    conn = sqlite3.connect(path)
    try:  # every place of the full texts is filled
        for table in ("parses", "article_signatures", "articles_fts"):
            assert conn.execute(f"select count(*) from {table}").fetchone()[0] == 5, table
    finally:
        conn.close()
    return path


def publish(db: Path, out: Path, *flags: str) -> tuple[Path, str]:
    from click.testing import CliRunner

    from quotetrack.cli import publish as command

    result = CliRunner().invoke(command, ["--db", str(db), "--out", str(out), *flags])
    assert result.exit_code == 0, result.output
    return out / "quotes.db", result.output


@pytest.fixture(scope="module")
def excerpts_db(corpus_db, tmp_path_factory):
    path, output = publish(corpus_db, tmp_path_factory.mktemp("excerpts"), "--excerpts")
    assert "Excerpts only:" in output and "no article's full text" in output
    return path


@pytest.fixture(scope="module")
def full_db(corpus_db, tmp_path_factory):
    return publish(corpus_db, tmp_path_factory.mktemp("full"))[0]


def serve(published: Path):
    """The published folder served as `datasette serve -i` serves it."""
    from datasette.app import Datasette
    from datasette.utils import parse_metadata

    make_datasette(published)  # registers the plugin if needed
    inspect_data = json.loads((published.parent / "inspect-data.json").read_text())
    return Datasette(immutables=[str(published)], inspect_data=inspect_data,
                     metadata=parse_metadata((published.parent / "metadata.yml").read_text()))


@pytest.fixture(scope="module")
def excerpts_site(excerpts_db):
    return serve(excerpts_db)


def rows(db: Path, sql: str, params=()) -> list[dict]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql, params)]
    finally:
        conn.close()


# -- what may be published, and what is a leak -------------------------------------------


def allowed_spans(quotes: list[dict], length: int) -> list[tuple[int, int]]:
    """What a publication may show of an article, by the rule of the issue."""
    spans = []
    for q in quotes:
        pieces = [(min(q["start_char"], q["sentence_start"] if q["sentence_start"] is not None else q["start_char"]),
                   max(q["end_char"], q["sentence_end"] if q["sentence_end"] is not None else q["end_char"]))]
        pieces += [(q[f"{m}_start"], q[f"{m}_end"]) for m in ("speaker", "cue", "via")
                   if q[f"{m}_start"] is not None and q[f"{m}_end"] is not None]
        spans += [(max(0, s - CONTEXT_CHARS), min(length, e + CONTEXT_CHARS)) for s, e in pieces]
    return sorted(spans)


def gaps(spans: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    out, pos = [], 0
    for s, e in spans:
        if s > pos:
            out.append((pos, s))
        pos = max(pos, e)
    if pos < length:
        out.append((pos, length))
    return out


@attrs.frozen(kw_only=True)
class Unpublished:
    runs: frozenset  # word runs of text outside every allowed span (and in none of them elsewhere)
    words: frozenset  # words only such text has; for a full-text index (which stems), only those
    # whose stem no published word shares ("recapturing" is no secret where "recaptured" is published)
    shingles: frozenset  # its hashed word shingles (utterances/reuse.py), as article_signatures holds them


def unpublished(source: Path) -> Unpublished:
    from quotetrack.utterances.reuse import shingles

    public, hidden = [], []
    for article in rows(source, "select id, title, text from articles"):
        text = article["text"]
        spans = allowed_spans(rows(source, "select * from quotes where article_id = ?", [article["id"]]), len(text))
        public += [article["title"] or ""] + [text[s:e] for s, e in spans]
        hidden += [text[s:e] for s, e in gaps(spans, len(text))]

    def hashes(texts):
        return {int(h) for t in texts for h in np.frombuffer(shingles(t), dtype="<u4")}

    public_words = {w for t in public for w in words(t)}
    stems = sqlite3.connect(":memory:")  # the published words, stemmed as the site's indexes stem them
    stems.execute("create virtual table public using fts5(t, tokenize='porter unicode61 remove_diacritics 2')")
    stems.executemany("insert into public values (?)", [(t,) for t in public])

    def stem_published(word: str) -> bool:
        return bool(stems.execute("select count(*) from public where public match ?", [f'"{word}"']).fetchone()[0])

    return Unpublished(
        runs=frozenset(set().union(*map(runs, hidden)) - set().union(*map(runs, public))),
        words=frozenset(w for t in hidden for w in words(t) if w not in public_words and len(w) >= 6
                        and not w.isdigit() and not stem_published(w)),
        shingles=frozenset(hashes(hidden) - hashes(public)),
    )


def readable(value: bytes) -> str:
    """A blob's text: inflated when it is zlib data (the stored parses), else as UTF-8."""
    try:
        value = zlib.decompress(value)
    except zlib.error:
        pass
    return value.decode("utf-8", "ignore")


def leaks(db: Path, secret: Unpublished) -> set[str]:
    """Every place of ``db`` that holds unpublished article text: ``table.column``
    of a table or view (FTS shadow tables included), ``fts:<table>`` for a
    full-text index that matches a word only unpublished text has,
    ``shingles:table.column`` for hashed shingles of it, and ``file`` for the
    raw bytes of the file."""
    found = set()
    conn = sqlite3.connect(db)
    try:
        names = [r[0] for r in conn.execute("select name from sqlite_master where type in ('table', 'view')")]
        assert "quote_context" in names and "articles_fts_data" in names
        for name in names:
            cursor = conn.execute(f"select * from [{name}]")
            columns = [d[0] for d in cursor.description]
            for row in cursor:
                for column, value in zip(columns, row):
                    if isinstance(value, bytes):
                        if len(value) % 4 == 0 and len(
                                secret.shingles.intersection(np.frombuffer(value, dtype="<u4").tolist())) >= 5:
                            found.add(f"shingles:{name}.{column}")
                        value = readable(value)
                    if isinstance(value, str) and runs(value) & secret.runs:
                        found.add(f"{name}.{column}")
        indexes = [r[0] for r in conn.execute(
            "select name from sqlite_master where type = 'table' and sql like 'create virtual table%using fts%'")]
        assert {"articles_fts", "quotes_fts"} <= set(indexes)
        for name in indexes:
            if any(conn.execute(f"select count(*) from [{name}] where [{name}] match ?", [f'"{w}"']).fetchone()[0]
                   for w in sorted(secret.words)):
                found.add(f"fts:{name}")
    finally:
        conn.close()
    if runs(db.read_bytes().decode("utf-8", "ignore")) & secret.runs:
        found.add("file")
    return found


@pytest.fixture(scope="module")
def secret(corpus_db) -> Unpublished:
    found = unpublished(corpus_db)
    assert len(found.runs) > 100 and len(found.words) > 20 and len(found.shingles) > 100  # there is text to hide
    return found


def test_the_leak_check_finds_every_place_of_the_full_texts(full_db, secret):
    """The check below can fail: on a full publication it finds the texts in every
    place an ingest keeps them."""
    assert leaks(full_db, secret) >= {
        "articles.text", "parses.conllu_zlib", "shingles:article_signatures.shingles",
        "fts:articles_fts", "quote_context.before", "file"}


def test_an_excerpts_only_publication_holds_no_full_text(excerpts_db, secret):
    assert leaks(excerpts_db, secret) == set()
    articles = rows(excerpts_db, "select text, text_length, excerpts_only from articles")
    assert articles and all(a["text"] == "" and a["text_length"] > 0 and a["excerpts_only"] == 1 for a in articles)
    for table in ("parses", "article_signatures"):
        assert rows(excerpts_db, f"select count(*) as n from {table}") == [{"n": 0}]
    fts = rows(excerpts_db, "select sql from sqlite_master where name = 'articles_fts'")[0]["sql"]
    assert '"title"' in fts and '"text"' not in fts


def test_excerpts_keep_the_original_offsets_and_hashes(corpus_db, excerpts_db):
    """Anyone with an article can check its quotes: the SHA-256 is the text's, each
    excerpt is the text at its offsets, each quote inside one excerpt of its article."""
    import hashlib

    from quotetrack import ids

    originals = {r["id"]: r for r in rows(corpus_db, "select id, sha256, text from articles")}
    published = {r["id"]: r for r in rows(excerpts_db, "select id, sha256, text_length from articles")}
    assert published.keys() == originals.keys()
    excerpts = rows(excerpts_db, "select * from article_excerpts order by article_id, start_char")
    for e in excerpts:
        text = originals[e["article_id"]]["text"]
        assert text[e["start_char"]:e["end_char"]] == e["text"]
    for aid, article in published.items():
        text = originals[aid]["text"]
        assert article["sha256"] == originals[aid]["sha256"] == hashlib.sha256(text.encode()).hexdigest()
        assert article["text_length"] == len(text)
        own = [e for e in excerpts if e["article_id"] == aid]
        assert sum(len(e["text"]) for e in own) < len(text)  # each article keeps less than its text
        assert all(a["end_char"] < b["start_char"] for a, b in zip(own, own[1:]))
    quotes = rows(excerpts_db, "select * from quotes")
    assert len(quotes) > 20
    for q in quotes:
        assert any(e["article_id"] == q["article_id"] and e["start_char"] <= q["start_char"]
                   and q["end_char"] <= e["end_char"] and e["text"][q["start_char"] - e["start_char"]:
                                                              q["end_char"] - e["start_char"]] == q["text"]
                   for e in excerpts), q["id"]
        assert q["id"] == ids.quote_id(originals[q["article_id"]]["sha256"], q["start_char"], q["end_char"])


def test_quote_context_reads_the_excerpts(corpus_db, excerpts_db):
    full = {r["id"]: r for r in rows(corpus_db, "select * from quote_context")}
    cut = rows(excerpts_db, "select * from quote_context")
    assert len(cut) == len(full) > 20
    for row in cut:
        assert row["sentence"] == full[row["id"]]["sentence"]  # the sentence is always published
        assert full[row["id"]]["before"].endswith(row["before"]) and full[row["id"]]["after"].startswith(row["after"])


def page_text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_the_pages_of_an_excerpts_only_site(excerpts_site, excerpts_db, secret):
    """Every quote, article, speaker, outlet and utterance page answers, shows its
    quotes exactly and says that the full text is not published; no page shows
    unpublished text."""
    ds = excerpts_site
    quotes = rows(excerpts_db, "select * from quotes")
    shown = []
    for q in quotes:
        page = get(ds, f"/-/quote/{q['id']}")
        assert page.status_code == 200, q["id"]
        assert marked(page.text, "qt-quote") == q["text"]
        assert "✓ exact span" in page.text and "the full text is not published here" in page.text
        assert "Show it in the article's excerpts" in page.text
        assert get(ds, f"/-/quote/{q['id']}.json").json()["span_verified"] is True
        shown.append(page.text)
    for article in rows(excerpts_db, "select * from articles"):
        page = get(ds, f"/-/article/{article['id']}")
        assert page.status_code == 200
        notice = marked(page.text, "qt-not-published")
        assert "not published on this site" in notice and f"{article['text_length']} characters" in notice
        assert article["sha256"] in page.text
        assert (ARTICLE_URL in notice) == (article["url"] == ARTICLE_URL)
        assert "qt-gap" in page.text  # what is left out is marked
        overlapping = {a["id"] for a in quotes for b in quotes if a["id"] != b["id"]
                       and a["article_id"] == b["article_id"] == article["id"]
                       and a["start_char"] < b["end_char"] and b["start_char"] < a["end_char"]}
        for q in quotes:
            if q["article_id"] == article["id"] and q["status"] == "current" and q["id"] not in overlapping:
                assert marked(page.text, q["id"]) == q["text"]
        data = get(ds, f"/-/article/{article['id']}.json").json()
        assert data["excerpts_only"] is True and data["text"] is None
        assert data["text_length"] == article["text_length"] and data["excerpts"]
        assert get(ds, f"/quotes/articles/{article['id']}").status_code == 200
        shown.append(page.text)
    for kind, table in (("speaker", "speakers"), ("outlet", "outlets"), ("utterance", "utterances")):
        for r in rows(excerpts_db, f"select id from {table}"):
            page = get(ds, f"/-/{kind}/{r['id']}")
            assert page.status_code == 200, (kind, r["id"])
            shown.append(page.text)
    assert not set().union(*(runs(page_text(p)) for p in shown)) & secret.runs


def test_the_tables_and_queries_of_an_excerpts_only_site(excerpts_site, excerpts_db):
    from urllib.parse import urlencode

    from datasette.utils import parse_metadata

    ds = excerpts_site
    for table in ("articles", "article_excerpts", "quotes", "quote_context", "parses"):
        response = get(ds, f"/quotes/{table}")
        if response.status_code == 302:  # the quotes table's curated default view
            response = get(ds, response.headers["location"])
        assert response.status_code == 200, table
    title = rows(excerpts_db, "select title from articles where title is not null limit 1")[0]["title"]
    found = get(ds, "/quotes/articles.json?" + urlencode({"_search": words(title)[-1], "_shape": "objects"})).json()
    assert found["rows"], "the articles' titles are still searchable"
    utterance = rows(excerpts_db, "select id from utterances order by quote_count desc limit 1")[0]["id"]
    params = {"speaker": "Ryabkov", "outlet": "Al Jazeera", "utterance": utterance}
    for name, query in parse_metadata(METADATA.read_text())["databases"]["quotes"]["queries"].items():
        wanted = {k: v for k, v in params.items() if f":{k}" in query["sql"]}
        response = get(ds, f"/quotes/{name}.json?_shape=objects&{urlencode(wanted)}")
        assert response.status_code == 200, (name, response.text)


def test_an_excerpts_only_copy_is_not_published_again_with_excerpts(excerpts_db, tmp_path):
    from click.testing import CliRunner

    from quotetrack.cli import publish as command

    result = CliRunner().invoke(command, ["--db", str(excerpts_db), "--out", str(tmp_path / "again"), "--excerpts"])
    assert result.exit_code != 0 and "already an excerpts-only publication" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "again" / "quotes.db").exists() and not (tmp_path / "again" / "quotes.db.tmp").exists()


def test_the_about_page_and_feeds_of_an_excerpts_only_site(excerpts_site, excerpts_db):
    import xml.etree.ElementTree as ET

    ds = excerpts_site
    about = get(ds, "/-/about.json").json()
    assert about["excerpts_only"] is True and about["collections"][0]["excerpts_only"] is True
    assert "publishes <strong>excerpts only</strong>" in get(ds, "/-/about").text
    speaker = rows(excerpts_db, "select speaker_id from quotes where status = 'current' and speaker_id is not null "
                                "group by speaker_id order by count(*) desc limit 1")[0]["speaker_id"]
    feed = get(ds, f"/quotes/speaker_feed.atom?speaker_id={speaker}")
    assert feed.status_code == 200
    assert ET.fromstring(feed.content).findall("{http://www.w3.org/2005/Atom}entry")
