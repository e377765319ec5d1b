"""The search page, ``/-/search?q=…`` (and ``.json``): the current quotes of
every quotetrack database the visitor may see, ranked by bm25, each with its
own words marked where they matched, after the speakers and outlets whose
name or alias matches.

The query is folded as the index is (:func:`quotetrack.search.parse_query`);
which words matched is read from FTS5's ``highlight()`` of the search
columns (one unit per word of the quote) and marked in the quote's original
text, which is escaped (:mod:`.highlight`). Scores from several databases are
merged as they are (each database ranks with its own word counts).
"""

from __future__ import annotations

import math
import sqlite3
from urllib.parse import urlencode

from datasette.database import QueryInterrupted
from markupsafe import Markup

from .. import search
from .display import shown, shown_end
from .highlight import Span, highlight
from .queries import (
    SEARCH_COUNT_SQL, SEARCH_HITS_SQL, SEARCH_OUTLETS_SQL, SEARCH_SPEAKERS_SQL, aliases, can_view,
    current_quotes, has_search, quotetrack_databases,
)
from .urls import Urls

PAGE_SIZE = 20  # quotes a page lists
MAX_PAGES = 50  # pages of results offered (1,000 quotes): a search that finds more wants narrowing
ENTITY_LIMIT = 10  # speakers, and outlets, listed above the quotes
SNIPPET_WORDS = 40  # a longer quote is shown cut to this many words around its first match
SNIPPET_LEAD = 8  # words shown before the first match in a cut quote

#: what a search result says of a match in its attribution (names the result does not show)
MATCH_NOTES = {
    "speaker alias": "the speaker's other name",
    "role": "the speaker's role",
    "via alias": "another name of the outlet it came through",
    "publisher alias": "another name of the publisher",
}


class SearchFailed(Exception):
    """A database could not run a search (too slow, or a database error)."""


def page_number(value: str | None) -> int:
    """The page asked for: a whole number from 1 to MAX_PAGES (1 when none or not a number)."""
    try:
        number = int(value or 1)
    except ValueError:
        return 1
    return min(max(number, 1), MAX_PAGES)


# -- one result --------------------------------------------------------------------


def hit_words(text: str, marked_text: str | None, marked_joined: str | None) -> list[tuple[int, int]]:
    """The spans of ``text`` (runs of consecutive matched words) that the
    highlighted search columns mark; none when the columns do not hold one
    unit per word of the text (a row indexed by other folding rules)."""
    found = search.words(text)
    plain, joined = search.marked_units(marked_text), search.marked_units(marked_joined)
    if len(plain) != len(found) or (joined and len(joined) != len(found)):
        return []
    spans: list[tuple[int, int]] = []
    previous = -2
    for i, word in enumerate(found):
        if plain[i] or (joined and joined[i]):
            if previous == i - 1 and spans:
                spans[-1] = (spans[-1][0], word.end)
            else:
                spans.append((word.start, word.end))
            previous = i
    return spans


def snippet_html(text: str, kind: str, hits: list[tuple[int, int]]) -> Markup:
    """The quote as lists show it (:func:`.display.shown`: honest marks), its
    matched words in ``<mark class="qt-hit">``, escaped; a quote longer than
    SNIPPET_WORDS words is cut around its first match, with ellipses."""
    end = shown_end(text)
    found = [w for w in search.words(text) if w.end <= end]
    start, cut_before, cut_after = 0, False, False
    if len(found) > SNIPPET_WORDS:
        first = next((i for i, w in enumerate(found) if hits and w.start >= hits[0][0]), 0)
        lo = max(0, min(first - SNIPPET_LEAD, len(found) - SNIPPET_WORDS))
        hi = lo + SNIPPET_WORDS
        cut_before, cut_after = lo > 0, hi < len(found)
        start = found[lo].start if cut_before else 0
        end = found[hi - 1].end if cut_after else end
    spans = [Span(start=s, end=e, cls="qt-hit") for s, e in hits]
    body = ("… " if cut_before else "") + highlight(text, spans, start, end) + (" …" if cut_after else "")
    return Markup(f"“{body}”" if kind == "direct" else body)


def attribution_matches(row: dict) -> list[dict]:
    """What of a hit's attribution matched, as (field, name): the names
    :func:`quotetrack.search.attribution_parts` gave the index, in its order."""
    parts = search.attribution_parts(
        speaker=row["speaker_name"], speaker_aliases=aliases(row["speaker_aliases"]), role=row["speaker_role"],
        via=row["via_name"], via_aliases=aliases(row["via_aliases"]), publisher=row["publisher_name"],
        publisher_aliases=aliases(row["publisher_aliases"]), cue=row["cue"])
    marked = search.marked_units(row["marked_attribution"], search.NAME_SEPARATOR)
    if len(marked) != len(parts):
        return []
    return [{"field": field, "name": name} for (field, name), m in zip(parts, marked) if m]


def match_note(matches: list[dict]) -> str | None:
    """A line saying which of the names a result does not show matched."""
    notes = [f"{MATCH_NOTES[m['field']]} “{m['name']}”" for m in matches if m["field"] in MATCH_NOTES]
    return "matched " + "; ".join(notes) if notes else None


# -- the databases -------------------------------------------------------------------


async def _rows(db, sql: str, params: dict) -> list[dict]:
    try:
        return [dict(r) for r in (await db.execute(sql, params)).rows]
    except QueryInterrupted as e:
        raise SearchFailed(f"The search of {db.name} took too long: try fewer or rarer words.") from e
    except sqlite3.DatabaseError as e:
        raise SearchFailed(f"The search of {db.name} failed: {e}.") from e


async def _search_db(db, query: search.Query, limit: int, with_entities: bool) -> dict:
    params = {"match": query.match, "open": search.OPEN, "close": search.CLOSE, "limit": limit}
    hits = await _rows(db, SEARCH_HITS_SQL, params)
    total = (await _rows(db, SEARCH_COUNT_SQL, {"match": query.match}))[0]["n"]
    rows = {}
    if hits:
        marks = ",".join("?" * len(hits))
        rows = {r["id"]: r for r in await current_quotes(db, f"q.id in ({marks})", [h["id"] for h in hits])}
    entities = {"speakers": [], "outlets": []}
    if with_entities:
        entity_params = {"match": query.match, "limit": ENTITY_LIMIT}
        entities = {"speakers": await _rows(db, SEARCH_SPEAKERS_SQL, entity_params),
                    "outlets": await _rows(db, SEARCH_OUTLETS_SQL, entity_params)}
    results = []
    for hit in hits:
        row = rows.get(hit["id"])
        if row is None:
            continue  # superseded between the two reads
        matches = attribution_matches(hit)
        results.append({
            **row, "database": db.name, "score": hit["score"], "matches": matches, "match_note": match_note(matches),
            "shown": snippet_html(row["text"], row["kind"], hit_words(row["text"], hit["marked_text"],
                                                                      hit["marked_joined"])),
        })
    return {"quotes": results, "total": total, **entities}


async def searchable_databases(datasette, request) -> tuple[list, list[str]]:
    """The quotetrack databases the visitor may search, and a notice for each
    one served that has no search index of this version."""
    dbs, notices = [], []
    for db in await quotetrack_databases(datasette):
        if not await can_view(datasette, request, db.name, "quotes"):
            continue
        if await has_search(db):
            dbs.append(db)
        else:
            notices.append(f"{db.name} has no search index of this version: open it once with quotetrack "
                           "(`quotetrack ingest` or `quotetrack reanalyse`) to upgrade it.")
    return dbs, notices


async def search_context(datasette, request, text: str, page: int) -> dict:
    """What the search page shows for the query ``text`` and page ``page``."""
    query = search.parse_query(text)
    urls = Urls(datasette)
    dbs, notices = await searchable_databases(datasette, request)
    ctx = {"query": query, "page": page, "page_size": PAGE_SIZE, "listed_max": MAX_PAGES * PAGE_SIZE,
           "quotes": [], "speakers": [], "outlets": [], "total": 0, "notices": notices,
           "databases": [db.name for db in dbs], "next_url": None, "previous_url": None}
    if query.truncated:
        notices.append(f"Only the first {search.MAX_QUERY_ITEMS} words and phrases were searched for.")
    if text.strip() and not query.match:
        notices.append("The search has no words to look for: type a word, a name or a \"phrase\".")
    if not query.match:
        return ctx
    offset = (page - 1) * PAGE_SIZE
    found = []
    for db in dbs:
        try:
            result = await _search_db(db, query, offset + PAGE_SIZE, with_entities=page == 1)
        except SearchFailed as e:
            notices.append(str(e))
            continue
        found += result["quotes"]
        ctx["total"] += result["total"]
        if await can_view(datasette, request, db.name, "speakers"):
            ctx["speakers"] += [_entity(e, db, urls.speaker(e["id"])) for e in result["speakers"]]
        if await can_view(datasette, request, db.name, "outlets"):
            ctx["outlets"] += [_entity(e, db, urls.outlet(e["id"])) for e in result["outlets"]]
    # each database gave its best offset + PAGE_SIZE: merged, they hold this page's
    found.sort(key=lambda r: (r["score"], r["id"]))
    ctx["quotes"] = found[offset:offset + PAGE_SIZE]
    # each database lists its most quoted first; several are merged the same way
    ctx["speakers"] = sorted(ctx["speakers"], key=lambda e: -e["quotes"])[:ENTITY_LIMIT]
    ctx["outlets"] = sorted(ctx["outlets"], key=lambda e: -(e["articles"] + e["carried"]))[:ENTITY_LIMIT]
    if page < min(MAX_PAGES, math.ceil(ctx["total"] / PAGE_SIZE)):
        ctx["next_url"] = search_url(datasette, text, page + 1)
    if page > 1:
        ctx["previous_url"] = search_url(datasette, text, page - 1)
    return ctx


def _entity(row: dict, db, url: str) -> dict:
    return {**row, "aliases": aliases(row.get("aliases")), "database": db.name, "url": url}


def search_url(datasette, text: str, page: int = 1, fmt: str = "") -> str:
    """The address of a search (its page ``page``, as ``fmt``)."""
    params = {"q": text, **({"page": page} if page > 1 else {})}
    return datasette.urls.path("/-/search" + (f".{fmt}" if fmt else "")) + "?" + urlencode(params)


def search_json(ctx: dict, urls: Urls) -> dict:
    """The search page's JSON."""
    query = ctx["query"]
    return {
        "ok": True,
        "q": query.text, "searched_for": list(query.items), "match": query.match,
        "page": ctx["page"], "page_size": ctx["page_size"], "total": ctx["total"],
        "next_url": ctx["next_url"], "previous_url": ctx["previous_url"],
        "databases": ctx["databases"], "notices": ctx["notices"],
        "speakers": [{k: e[k] for k in ("id", "name", "type", "role", "aliases", "quotes", "database", "url")}
                     for e in ctx["speakers"]],
        "outlets": [{k: e[k] for k in ("id", "name", "kind", "aliases", "articles", "carried", "database", "url")}
                    for e in ctx["outlets"]],
        "quotes": [{
            "id": q["id"], "url": urls.quote(q["id"]), "database": q["database"], "score": q["score"],
            "kind": q["kind"], "text": q["text"], "shown": shown(q["text"], q["kind"]),
            "snippet_html": str(q["shown"]), "matched": q["matches"],
            "speaker": {"id": q["speaker_id"], "name": q["speaker_name"],
                        "url": urls.speaker(q["speaker_id"]) if q["speaker_id"] else None},
            "cue": q["cue"], "publisher": q["publisher_name"], "via": q["via_name"], "date": q["date"],
            "article": {"id": q["article_id"], "title": q["article_title"], "url": urls.article(q["article_id"])},
        } for q in ctx["quotes"]],
    }
