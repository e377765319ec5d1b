"""The quotetrack Datasette plugin (Datasette 0.65).

Registered through the ``datasette`` entry point in pyproject.toml. It adds:

* pages that show every quote against its exact source span:
  ``/-/quote/<id>`` (the citable permalink), ``/-/article/<id>``,
  ``/-/speaker/<id>`` and ``/-/outlet/<id>``, each also as ``.json``. They
  find the database that holds the ID, so permalinks do not depend on the
  database file name;
* the same views on the row pages of ``quotes``, ``articles``, ``speakers``
  and ``outlets`` (``/<db>/quotes/<id>`` …), above the raw record;
* links from quote, speaker, outlet and article IDs in query results.

Offsets are applied server-side by :mod:`quotetrack.site.highlight`, which
escapes all article text. The plugin only reads the database.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlencode

from datasette import hookimpl
from datasette.utils import urlsafe_components
from datasette.utils.asgi import Forbidden, Response, asgi_static
from jinja2 import FileSystemLoader
from markupsafe import Markup, escape

from .highlight import Span, context_window, highlight, same_words, word_diff_html

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
STATIC_PREFIX = "/-/quotetrack-static/"
CONTEXT_CHARS = 320  # article text shown either side of a quote on its page
NEAR_CHARS = 1500  # a speaker or cue further than this from the quote is not pulled into the window
REQUIRED = {
    "quotes": {"id", "article_id", "text", "start_char", "end_char", "status", "superseded_by"},
    "articles": {"id", "text", "title", "publisher", "date", "status"},
    "speakers": {"id", "name"},
    "outlets": {"id", "name"},
}
PAGES = {"quote": "quotes", "article": "articles", "speaker": "speakers", "outlet": "outlets"}
ID_PATTERNS = {
    "quote": re.compile(r"^q-[0-9a-z]{10}$"),
    "article": re.compile(r"^a-[0-9a-z]{10}$"),
    "speaker": re.compile(r"^s-[0-9a-z]{8}$"),
    "outlet": re.compile(r"^o-[0-9a-z]{8}$"),
    "utterance": re.compile(r"^u-[0-9a-z]{10}$"),
}


# -- finding the database ---------------------------------------------------------


async def is_quotetrack_db(db) -> bool:
    """Whether ``db`` has the quotetrack tables.

    A yes is remembered on the database object; a no is checked again on a
    mutable database, which an ingest may be creating while Datasette serves it.
    """
    known = getattr(db, "_quotetrack_ok", None)
    if known is not None:
        return known
    ok = True
    try:
        tables = set(await db.table_names())
        for table, columns in REQUIRED.items():
            if table not in tables or not columns <= set(await db.table_columns(table)):
                ok = False
                break
    except Exception:
        ok = False
    if ok or not db.is_mutable:
        db._quotetrack_ok = ok
    return ok


def _databases(datasette):
    return [db for name, db in datasette.databases.items() if name != "_internal"]


async def find_database(datasette, table: str, record_id: str):
    """The first quotetrack database with a row ``record_id`` in ``table``."""
    for db in _databases(datasette):
        if not await is_quotetrack_db(db):
            continue
        rows = await db.execute(f"select 1 from [{table}] where id = ? limit 1", [record_id])
        if rows.first() is not None:
            return db
    return None


async def _can_view(datasette, request, database: str, table: str) -> bool:
    visible, _ = await datasette.check_visibility(
        request.actor if request else None,
        permissions=[("view-table", (database, table)), ("view-database", database), "view-instance"],
    )
    return visible


# -- queries --------------------------------------------------------------------


async def _one(db, sql, params=()):
    row = (await db.execute(sql, list(params))).first()
    return dict(row) if row is not None else None


async def _all(db, sql, params=()):
    return [dict(r) for r in (await db.execute(sql, list(params))).rows]


def _aliases(value) -> list[str]:
    try:
        result = json.loads(value or "[]")
    except (TypeError, ValueError):
        return []
    return [str(a) for a in result] if isinstance(result, list) else []


_QUOTE_LIST_SQL = """
select q.id, q.kind, q.text, q.status, q.cue, q.cue_lemma, q.speaker_id, q.speaker_name,
       q.speaker_role, q.speaker_resolution, q.via_outlet_id, v.name as via_name,
       q.utterance_id, q.confidence, q.start_char,
       a.id as article_id, a.title as article_title, a.publisher, a.publisher_id,
       coalesce(p.name, a.publisher) as publisher_name, a.date
from quotes q
join articles a on a.id = q.article_id
left join outlets p on p.id = a.publisher_id
left join outlets v on v.id = q.via_outlet_id
"""
_QUOTE_ORDER = " order by a.date is null, a.date, a.ingested_at, a.doc, q.start_char"


class Urls:
    """Paths of the plugin's pages (honouring Datasette's base_url)."""

    def __init__(self, datasette):
        self.ds = datasette

    def page(self, kind: str, record_id: str, fmt: str = "") -> str:
        return self.ds.urls.path(f"/-/{kind}/{record_id}" + (f".{fmt}" if fmt else ""))

    def quote(self, qid, fmt=""):
        return self.page("quote", qid, fmt)

    def article(self, aid, fmt=""):
        return self.page("article", aid, fmt)

    def speaker(self, sid, fmt=""):
        return self.page("speaker", sid, fmt)

    def outlet(self, oid, fmt=""):
        return self.page("outlet", oid, fmt)

    def row(self, db, table, record_id):
        return self.ds.urls.row(db.name, table, record_id)

    def table(self, db, table):
        return self.ds.urls.table(db.name, table)

    def static(self, name):
        return self.ds.urls.path(STATIC_PREFIX + name)


def citation_text(quote: dict, article: dict, speaker_name, speaker_role, publisher, via, permalink) -> str:
    """The plain-text citation offered in the Cite block."""
    who = speaker_name or "Unidentified speaker"
    if speaker_role:
        who += f", {speaker_role}"
    where = publisher or "an unknown outlet"
    if via:
        where += f", citing {via}"
    when = article.get("date") or "undated"
    lines = [
        f"“{quote['text']}”",
        f"— {who}; reported by {where}, {when}.",
    ]
    title = article.get("title")
    source = f"Source: “{title}”" if title else f"Source: {article.get('doc')}"
    if article.get("url"):
        source += f", {article['url']}"
    lines.append(source + f" (characters {quote['start_char']}–{quote['end_char']}).")
    lines.append(f"Quote ID {quote['id']}: {permalink}")
    if quote.get("status") == "superseded":
        lines.append("(This ID refers to an earlier version of the article"
                     + (f"; the current quote is {quote['superseded_by']}.)" if quote.get("superseded_by") else ".)"))
    elif quote.get("status") == "revised":
        lines.append("(This ID comes from an earlier analysis of the same article"
                     + (f"; the closest current quote is {quote['superseded_by']}.)" if quote.get("superseded_by") else ".)"))
    elif quote.get("status") == "removed":
        lines.append("(The article has since been removed from the collection.)")
    return "\n".join(lines)


async def quote_context(datasette, db, qid: str, request=None) -> dict | None:
    """Everything the quote page shows, for the HTML and the JSON."""
    urls = Urls(datasette)
    q = await _one(db, "select * from quotes where id = ?", [qid])
    if q is None:
        return None
    article = await _one(db, "select * from articles where id = ?", [q["article_id"]]) or {}
    text = article.get("text") or ""
    speaker = await _one(db, "select * from speakers where id = ?", [q["speaker_id"]]) if q.get("speaker_id") else None
    publisher = (await _one(db, "select * from outlets where id = ?", [article.get("publisher_id")])
                 if article.get("publisher_id") else None)
    via = (await _one(db, "select * from outlets where id = ?", [q.get("via_outlet_id")])
           if q.get("via_outlet_id") else None)
    utterance = (await _one(db, "select * from utterances where id = ?", [q.get("utterance_id")])
                 if q.get("utterance_id") else None)
    others = []
    if q.get("utterance_id"):
        others = await _all(db, _QUOTE_LIST_SQL + " where q.utterance_id = ? and q.id != ? and q.status = 'current'"
                            + _QUOTE_ORDER, [q["utterance_id"], qid])
        for other in others:
            other["same_words"] = same_words(other["text"], q["text"])
            other["diff_html"] = Markup(word_diff_html(q["text"], other["text"]))
            other["url"] = urls.quote(other["id"])
    previous = await _one(db, "select id, text from quotes where id = ?", [q["continues"]]) if q.get("continues") else None
    following = await _one(db, "select id, text from quotes where continues = ? order by start_char limit 1", [qid])
    current = None
    if q.get("superseded_by"):
        current = await _one(db, _QUOTE_LIST_SQL + " where q.id = ?", [q["superseded_by"]])
    new_article = None
    if article.get("superseded_by"):
        new_article = await _one(db, "select id, title, date, status from articles where id = ?", [article["superseded_by"]])

    start, end = q["start_char"], q["end_char"]
    verified = text[start:end] == q["text"]
    spans = [Span(start=start, end=end, cls="qt-quote", priority=0,
                  attrs=(("id", "qt-quote"), ("data-quote-id", qid)))]
    near = []
    for role, s_key, e_key, label in (
        ("qt-speaker", "speaker_start", "speaker_end", "speaker"),
        ("qt-cue", "cue_start", "cue_end", "cue"),
        ("qt-via", "via_start", "via_end", "intermediary"),
    ):
        s, e = q.get(s_key), q.get(e_key)
        if s is None or e is None or not (0 <= s < e <= len(text)):
            continue
        span = Span(start=s, end=e, cls=role, priority=1, attrs=(("title", label),))
        spans.append(span)
        if abs(s - start) <= NEAR_CHARS or abs(e - end) <= NEAR_CHARS:
            near.append(span)
    lo, hi = context_window(text, start, end, CONTEXT_CHARS, near)
    # the article's other quotes in the window, faintly marked and linked
    neighbours = await _all(
        db, "select id, start_char, end_char, speaker_name from quotes where article_id = ? and id != ? "
            "and end_char > ? and start_char < ? order by start_char", [q["article_id"], qid, lo, hi])
    taken = [(start, end)]
    for n in neighbours:
        s, e = n["start_char"], n["end_char"]
        if any(s < te and ts < e for ts, te in taken) or not (0 <= s < e <= len(text)):
            continue
        taken.append((s, e))
        spans.append(Span(start=s, end=e, tag="a", cls="qt-other", priority=2,
                          attrs=(("href", urls.quote(n["id"])),
                                 ("title", f"another quote: {n['speaker_name'] or 'unidentified speaker'} ({n['id']})"))))
    context_html = Markup(highlight(text, spans, lo, hi))

    trail_url = None
    if utterance and len(others) > 0:
        try:
            if await datasette.get_canned_query(db.name, "utterance_trail", request.actor if request else None):
                trail_url = datasette.urls.query(db.name, "utterance_trail") + "?" + urlencode(
                    {"utterance": utterance["id"]})
        except Exception:  # no such query for this database
            trail_url = None
    permalink_path = urls.quote(qid)
    permalink = datasette.absolute_url(request, permalink_path) if request is not None else permalink_path
    speaker_name = (speaker or {}).get("name") or q.get("speaker_name")
    speaker_role = q.get("speaker_role") or (speaker or {}).get("role")
    publisher_name = (publisher or {}).get("name") or article.get("publisher")
    via_name = (via or {}).get("name") or q.get("via_outlet_mention")
    citation = citation_text(q, article, speaker_name, speaker_role, publisher_name, via_name, permalink)
    return {
        "kind": "quote",
        "database": db.name,
        "quote": q,
        "article": {k: v for k, v in article.items() if k != "text"},
        "speaker": speaker,
        "speaker_name": speaker_name,
        "speaker_role": speaker_role,
        "publisher": publisher,
        "publisher_name": publisher_name,
        "via": via,
        "via_name": via_name,
        "utterance": utterance,
        "trail_url": trail_url,
        "others": others,
        "previous": previous,
        "following": following,
        "current": current,
        "new_article": new_article,
        "verified": verified,
        "context_html": context_html,
        "context_start": lo,
        "context_end": hi,
        "context_clipped_start": bool(text[:lo].strip()),
        "context_clipped_end": bool(text[hi:].strip()),
        "permalink": permalink,
        "permalink_path": permalink_path,
        "citation": citation,
    }


def quote_json(ctx: dict, urls: Urls) -> dict:
    q, article = ctx["quote"], ctx["article"]

    def span(text_key, s_key, e_key):
        if q.get(text_key) is None:
            return None
        return {"text": q[text_key], "start_char": q.get(s_key), "end_char": q.get(e_key)}

    return {
        "ok": True,
        "id": q["id"],
        "status": q["status"],
        "superseded_by": q.get("superseded_by"),
        "current_url": urls.quote(q["superseded_by"]) if q.get("superseded_by") else None,
        "permalink": ctx["permalink"],
        "database": ctx["database"],
        "kind": q["kind"],
        "text": q["text"],
        "start_char": q["start_char"],
        "end_char": q["end_char"],
        "span_verified": ctx["verified"],
        "speaker": {
            "id": q.get("speaker_id"),
            "name": ctx["speaker_name"],
            "role": ctx["speaker_role"],
            "type": q.get("speaker_type"),
            "resolution": q.get("speaker_resolution"),
            "mention": span("speaker_mention", "speaker_start", "speaker_end"),
            "url": urls.speaker(q["speaker_id"]) if q.get("speaker_id") else None,
        },
        "cue": None if q.get("cue") is None else {
            **span("cue", "cue_start", "cue_end"), "lemma": q.get("cue_lemma")},
        "via_outlet": None if not (q.get("via_outlet_id") or q.get("via_outlet_mention")) else {
            "id": q.get("via_outlet_id"),
            "name": ctx["via_name"],
            "mention": span("via_outlet_mention", "via_start", "via_end"),
            "url": urls.outlet(q["via_outlet_id"]) if q.get("via_outlet_id") else None,
        },
        "article": {**article, "url_page": urls.article(article["id"]) if article.get("id") else None},
        "publisher": {"id": article.get("publisher_id"), "name": ctx["publisher_name"],
                      "url": urls.outlet(article["publisher_id"]) if article.get("publisher_id") else None},
        "utterance": ctx["utterance"],
        "continues": q.get("continues"),
        "rule": q.get("rule"),
        "confidence": q.get("confidence"),
        "other_versions": [
            {"id": o["id"], "text": o["text"], "kind": o["kind"], "same_words": o["same_words"],
             "publisher": o["publisher_name"], "via": o["via_name"], "date": o["date"],
             "article_id": o["article_id"], "url": urls.quote(o["id"])}
            for o in ctx["others"]
        ],
        "citation": ctx["citation"],
    }


async def article_context(datasette, db, aid: str, request=None) -> dict | None:
    urls = Urls(datasette)
    article = await _one(db, "select * from articles where id = ?", [aid])
    if article is None:
        return None
    text = article.get("text") or ""
    quotes = await _all(db, _QUOTE_LIST_SQL + " where q.article_id = ? order by q.start_char, q.end_char desc", [aid])
    full = {r["id"]: r for r in await _all(
        db, "select id, start_char, end_char, speaker_start, speaker_end, cue_start, cue_end, via_start, via_end "
            "from quotes where article_id = ?", [aid])}
    spans = []
    taken_until = -1
    for n, q in enumerate(quotes, start=1):
        f = full[q["id"]]
        q["n"] = n
        q["url"] = urls.quote(q["id"])
        title = f"{q['speaker_name'] or 'unidentified speaker'} — {q['id']}"
        if f["start_char"] >= taken_until:
            spans.append(Span(start=f["start_char"], end=f["end_char"], tag="a", cls=f"qt-quote qt-{q['kind']}",
                              attrs=(("id", q["id"]), ("href", q["url"]), ("title", title)), priority=0))
            taken_until = f["end_char"]
        else:  # overlapping quotes: no link inside a link
            spans.append(Span(start=f["start_char"], end=f["end_char"], tag="span", cls="qt-quote qt-overlap",
                              attrs=(("title", title),), priority=0))
        for cls, s, e in (("qt-speaker", f["speaker_start"], f["speaker_end"]),
                          ("qt-cue", f["cue_start"], f["cue_end"]),
                          ("qt-via", f["via_start"], f["via_end"])):
            if s is not None and e is not None and 0 <= s < e <= len(text):
                spans.append(Span(start=s, end=e, tag="mark", cls=cls, priority=1))
    publisher = (await _one(db, "select * from outlets where id = ?", [article["publisher_id"]])
                 if article.get("publisher_id") else None)
    new_article = (await _one(db, "select id, title, status from articles where id = ?", [article["superseded_by"]])
                   if article.get("superseded_by") else None)
    older = await _all(db, "select id, title, status, ingested_at from articles where superseded_by = ?", [aid])
    return {
        "kind": "article",
        "database": db.name,
        "article": {k: v for k, v in article.items() if k != "text"},
        "text": text,
        "text_html": Markup(highlight(text, spans)),
        "quotes": quotes,
        "publisher": publisher,
        "new_article": new_article,
        "older": older,
        "speakers": sorted({q["speaker_name"] for q in quotes if q["speaker_name"]}),
    }


async def speaker_context(datasette, db, sid: str, request=None) -> dict | None:
    urls = Urls(datasette)
    speaker = await _one(db, "select * from speakers where id = ?", [sid])
    if speaker is None:
        return None
    quotes = await _all(db, _QUOTE_LIST_SQL + " where q.speaker_id = ? and q.status = 'current'" + _QUOTE_ORDER, [sid])
    for q in quotes:
        q["url"] = urls.quote(q["id"])
    roles = await _all(
        db, "select r.role, r.article_id, a.title, a.date from speaker_roles r "
            "left join articles a on a.id = r.article_id where r.speaker_id = ? order by r.role, a.date", [sid])
    grouped: dict[str, list] = {}
    for r in roles:
        grouped.setdefault(r["role"], []).append(r)
    outlets = sorted({q["publisher_name"] for q in quotes if q["publisher_name"]})
    # one entry per statement: its earliest quote, then the other articles that carried it
    statements: list[dict] = []
    by_utterance: dict[str, dict] = {}
    for q in quotes:
        key = q["utterance_id"]
        if key and key in by_utterance:
            by_utterance[key]["also"].append(q)
            continue
        entry = {"first": q, "also": []}
        statements.append(entry)
        if key:
            by_utterance[key] = entry
    return {
        "kind": "speaker",
        "statements": statements,
        "database": db.name,
        "speaker": speaker,
        "aliases": _aliases(speaker.get("aliases")),
        "roles": [{"role": role, "articles": arts} for role, arts in grouped.items()],
        "quotes": quotes,
        "counts": {
            "quotes": len(quotes),
            "articles": len({q["article_id"] for q in quotes}),
            "utterances": len({q["utterance_id"] for q in quotes if q["utterance_id"]}),
            "outlets": len(outlets),
        },
        "outlets": outlets,
    }


async def outlet_context(datasette, db, oid: str, request=None) -> dict | None:
    urls = Urls(datasette)
    outlet = await _one(db, "select * from outlets where id = ?", [oid])
    if outlet is None:
        return None
    articles = await _all(
        db, "select a.id, a.title, a.date, a.status, (select count(*) from quotes q where q.article_id = a.id "
            "and q.status = 'current') as quote_count from articles a where a.publisher_id = ? "
            "and a.status = 'current' order by a.date", [oid])
    published = await _all(db, _QUOTE_LIST_SQL + " where a.publisher_id = ? and q.status = 'current'" + _QUOTE_ORDER, [oid])
    carried = await _all(db, _QUOTE_LIST_SQL + " where q.via_outlet_id = ? and q.status = 'current'" + _QUOTE_ORDER, [oid])
    for q in published + carried:
        q["url"] = urls.quote(q["id"])
    return {
        "kind": "outlet",
        "database": db.name,
        "outlet": outlet,
        "aliases": _aliases(outlet.get("aliases")),
        "articles": articles,
        "published": published,
        "carried": carried,
        "counts": {
            "articles": len(articles),
            "published": len(published),
            "carried": len(carried),
            "speakers": len({q["speaker_id"] for q in published + carried if q["speaker_id"]}),
        },
    }


LOADERS = {
    "quote": quote_context,
    "article": article_context,
    "speaker": speaker_context,
    "outlet": outlet_context,
}
TITLES = {"quote": "Quote", "article": "Article", "speaker": "Speaker", "outlet": "Outlet"}


def _json_safe(ctx: dict) -> dict:
    return {k: v for k, v in ctx.items() if not isinstance(v, Markup) and k not in ("kind",)}


# -- views ------------------------------------------------------------------------


def _page_view(kind: str):
    table = PAGES[kind]

    async def view(request, datasette):
        record_id = unquote(request.url_vars["id"])
        fmt = request.url_vars.get("format")
        db = await find_database(datasette, table, record_id)
        if db is None:
            # an ID retyped from print: upper case, or o/i/l for 0/1 (ids.py's alphabet has none of them)
            fixed = normalise_id(record_id)
            if fixed != record_id and await find_database(datasette, table, fixed):
                return Response.redirect(Urls(datasette).page(kind, fixed, fmt or ""), status=301)
            return await _not_found(datasette, request, kind, record_id, fmt)
        if not await _can_view(datasette, request, db.name, table):
            raise Forbidden("You do not have permission to view this")
        ctx = await LOADERS[kind](datasette, db, record_id, request)
        urls = Urls(datasette)
        if fmt == "json":
            if kind == "quote":
                body = quote_json(ctx, urls)
            else:
                body = {"ok": True, **_json_safe(ctx)}
            return Response.json(body, default=str)
        return Response.html(await datasette.render_template(
            ["quotetrack_page.html"],
            {"qt": ctx, "qt_urls": urls, "qt_standalone": True,
             "qt_row_url": urls.row(db, table, record_id),
             "alternate_url_json": urls.page(kind, record_id, "json")},
            request=request,
            view_name=f"quotetrack-{kind}",
        ))

    view.__name__ = f"{kind}_view"
    return view


def normalise_id(record_id: str) -> str:
    """``Q-SH60JGYD3P`` or ``q-sh6ojgyd3p`` -> ``q-sh60jgyd3p`` (Crockford's base32 reading rules)."""
    record_id = record_id.strip().lower()
    prefix, sep, rest = record_id.partition("-")
    if not sep:
        return record_id
    return prefix + "-" + rest.translate(str.maketrans({"o": "0", "i": "1", "l": "1"}))


async def _not_found(datasette, request, kind: str, record_id: str, fmt):
    looks_right = bool(ID_PATTERNS[kind].match(record_id))
    if looks_right:
        message = f"No {kind} with the ID {record_id} is in this collection."
    else:
        prefix = ID_PATTERNS[kind].pattern[1:3]
        message = (f"“{record_id}” is not a {kind} ID: {kind} IDs look like "
                   f"{prefix}{'x' * (10 if kind in ('quote', 'article') else 8)} (lower-case letters and digits).")
    if fmt == "json":
        return Response.json({"ok": False, "status": 404, "error": message, "id": record_id}, status=404)
    dbs = [db.name for db in _databases(datasette) if await is_quotetrack_db(db)]
    html = await datasette.render_template(
        ["quotetrack_404.html"],
        {"qt_kind": kind, "qt_id": record_id, "qt_message": message, "qt_databases": dbs,
         "qt_urls": Urls(datasette)},
        request=request,
        view_name="quotetrack-404",
    )
    return Response.html(html, status=404)


SITEMAP_LIMIT = 50_000  # URLs in one sitemap file (the sitemaps.org limit)


async def sitemap_view(request, datasette):
    """``/sitemap.xml``: every current quote's permalink and the article, speaker and outlet pages."""
    urls = Urls(datasette)
    paths: list[str] = []
    for db in _databases(datasette):
        if not await is_quotetrack_db(db) or not await _can_view(datasette, request, db.name, "quotes"):
            continue
        for kind, sql in (
            ("quote", "select id from quotes where status = 'current' order by id"),
            ("article", "select id from articles where status = 'current' order by id"),
            ("speaker", "select id from speakers order by id"),
            ("outlet", "select id from outlets order by id"),
        ):
            for row in await _all(db, sql + f" limit {SITEMAP_LIMIT}"):
                paths.append(urls.page(kind, row["id"]))
    seen, lines = set(), ['<?xml version="1.0" encoding="UTF-8"?>',
                          '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for path in paths[:SITEMAP_LIMIT]:
        if path not in seen:
            seen.add(path)
            lines.append(f"  <url><loc>{escape(datasette.absolute_url(request, path))}</loc></url>")
    lines.append("</urlset>")
    return Response("\n".join(lines) + "\n", content_type="application/xml; charset=utf-8")


# -- hooks ------------------------------------------------------------------------


@hookimpl
def register_routes(datasette):
    routes = [(STATIC_PREFIX[:-1] + r"/(?P<path>.*)$", asgi_static(STATIC)),
              (r"^/sitemap\.xml$", sitemap_view)]
    for kind in PAGES:
        routes.append((rf"^/-/{kind}/(?P<id>[^/]+?)(\.(?P<format>json))?$", _page_view(kind)))
    return routes


@hookimpl
def prepare_jinja2_environment(env, datasette):
    """Put the plugin's templates ahead of Datasette's defaults (but after --template-dir).

    Datasette finds a plugin's templates/ only when the plugin is a package;
    this plugin is a module, so it adds its folder to the loader here.
    """
    path = str(TEMPLATES)
    loader = env.loader
    for candidate in getattr(loader, "loaders", [loader]):
        if isinstance(candidate, FileSystemLoader):
            if path not in candidate.searchpath:
                candidate.searchpath.insert(max(0, len(candidate.searchpath) - 1), path)
            return
    from jinja2 import ChoiceLoader

    env.loader = ChoiceLoader([FileSystemLoader(path), loader])


@hookimpl
def extra_css_urls(datasette):
    return [Urls(datasette).static("quotetrack.css")]


@hookimpl
def extra_js_urls(datasette):
    return [{"url": Urls(datasette).static("quotetrack.js"), "module": False}]


@hookimpl
def extra_template_vars(view_name, database, table, request, datasette):
    """On the row pages of quotes, articles, speakers and outlets: the plugin's view."""
    if view_name != "row" or table not in PAGES.values() or request is None:
        return {}

    async def inner():
        try:
            db = datasette.get_database(database)
        except KeyError:
            return {}
        if not await is_quotetrack_db(db):
            return {}
        pks = urlsafe_components(request.url_vars.get("pks", ""))
        if len(pks) != 1:
            return {}
        kind = {v: k for k, v in PAGES.items()}[table]
        ctx = await LOADERS[kind](datasette, db, pks[0], request)
        if ctx is None:
            return {}
        return {"qt": ctx, "qt_urls": Urls(datasette), "qt_standalone": False}

    return inner


_LINKABLE = {
    "quote_id": "quote", "first_quote_id": "quote", "continues": "quote", "superseded_by": "quote",
    "speaker_id": "speaker", "article_id": "article", "outlet_id": "outlet",
    "publisher_id": "outlet", "via_outlet_id": "outlet",
}


@hookimpl
def render_cell(value, column, table, database, datasette):
    """Quote, speaker, article and outlet IDs in query results link to their pages.

    On table pages Datasette already links foreign keys (with their labels), so
    only the quote-ID columns that are not foreign keys are linked there.
    """
    if not isinstance(value, str):
        return None
    kind = _LINKABLE.get(column)
    if kind is None:
        if table is None and ID_PATTERNS["quote"].match(value) and column in ("id", "quote"):
            kind = "quote"
        else:
            return None
    if table is not None and not (table in ("quotes", "utterances") and kind == "quote"):
        return None
    if table == "articles" or not ID_PATTERNS[kind].match(value):
        return None
    url = Urls(datasette).page(kind, value)
    return Markup(f'<a href="{escape(url)}">{escape(value)}</a>')
