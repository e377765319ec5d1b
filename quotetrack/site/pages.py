"""What each page shows: the quote, article, speaker and outlet pages' data,
read from one database, for the HTML templates and the JSON alike.

Offsets are applied server-side by :mod:`quotetrack.site.highlight`, which
escapes all article text.
"""

from __future__ import annotations

import datetime as dt
import json

from urllib.parse import urlencode

from markupsafe import Markup

from ..records import ResolvedQuote
from ..store import row_to_linked
from .citation import bibtex, csl_json
from .display import reported, shown
from .trail import trail_svg
from ..export.excerpts import Excerpt
from .highlight import Span, same_words, word_diff_html
from .source import Source, clipped, excerpted, full_text, source_html, span_text, window
from .queries import QUOTE_LIST_SQL, aliases, applied_corrections, by_id, current_quotes, every, one, one_for
from .urls import Urls

CONTEXT_CHARS = 320  # article text shown either side of a quote on its page
NEAR_CHARS = 1500  # a speaker or cue further than this from the quote is not pulled into the window

# the marked parts of a quote: class, the row's offset columns, the label shown on hover
QUOTE_PARTS = (
    ("qt-speaker", "speaker_start", "speaker_end", "speaker"),
    ("qt-cue", "cue_start", "cue_end", "cue"),
    ("qt-via", "via_start", "via_end", "intermediary"),
)


# -- an article's text --------------------------------------------------------------


async def article_source(db, article: dict) -> Source:
    """The article's text as this database holds it: the full text, or the excerpts
    of an excerpts-only publication (``quotetrack publish --excerpts``)."""
    if not article.get("excerpts_only"):
        return full_text(article.get("text") or "")
    rows = await every(db, "select start_char, text from article_excerpts where article_id = ? order by start_char",
                       [article["id"]])
    return excerpted(article.get("text_length") or 0, [Excerpt(start_char=r["start_char"], text=r["text"])
                                                      for r in rows])


# -- the quote page ---------------------------------------------------------------


def stored_quote(row: dict, article: dict, via: dict | None) -> ResolvedQuote:
    """A quote row read back as the pipeline's linked record (what ``extract`` prints),
    the intermediary named by its outlet entity, else by the article-level name."""
    return row_to_linked({**row, "doc": article.get("doc")}, via["name"] if via else None)


#: how a channel was found, as the quote page says it
VIA_HOW_TEXT = {
    "named": "named in the quote's attribution",
    "carried": "carried from an earlier sentence of the same report",
    "speaker": "the outlet is itself the source",
}


def outlet_text(publisher: str | None, via: str | None, first_hand: bool | None,
                unknown: str = "unknown") -> str:
    """Who published the words and through whom: "Al Jazeera, citing Interfax";
    the publisher's own interview or report is no citation ("Al Jazeera (own
    reporting)")."""
    where = publisher or unknown
    if via and first_hand:
        return f"{where} (own reporting)"
    if via:
        return f"{where}, citing {via}"
    return where


def with_display(rows: list[dict]) -> list[dict]:
    """Quote rows with ``shown``: their words with honest marks (display.py)."""
    for row in rows:
        row["shown"] = shown(row["text"], row["kind"])
    return rows


def first_hand(quote: dict) -> bool | None:
    """A quote row's ``first_hand`` (stored 1/0/null) as True/False/None."""
    return None if quote.get("first_hand") is None else bool(quote["first_hand"])


def citation_text(quote: dict, article: dict, speaker_name, speaker_role, publisher, via, permalink,
                  accessed: dt.date | None = None) -> str:
    """The plain-text citation offered in the Cite block."""
    who = speaker_name or "Unidentified speaker"
    if speaker_role:
        who += f", {speaker_role}"
    where = outlet_text(publisher, via, first_hand(quote), unknown="an unknown outlet")
    when = article.get("date") or "undated"
    lines = [
        reported(quote["text"], quote.get("kind") or "direct", speaker_name, quote.get("cue"), quote.get("rule")),
        f"— {who}; reported by {where}, {when}.",
    ]
    title = article.get("title")
    source = f"Source: “{title}”" if title else f"Source: {article.get('doc')}"
    if article.get("url"):
        source += f", {article['url']}"
    lines.append(source + f" (characters {quote['start_char']}–{quote['end_char']}).")
    lines.append(f"Quote ID {quote['id']}: {permalink}" + (f" (accessed {accessed.isoformat()})" if accessed else ""))
    status_note = _status_note(quote)
    if status_note:
        lines.append(status_note)
    return "\n".join(lines)


def _status_note(quote: dict) -> str | None:
    newer = quote.get("superseded_by")
    if quote.get("status") == "superseded":
        return ("(This ID refers to an earlier version of the article"
                + (f"; the current quote is {newer}.)" if newer else ".)"))
    if quote.get("status") == "revised":
        return ("(This ID comes from an earlier analysis of the same article"
                + (f"; the closest current quote is {newer}.)" if newer else ".)"))
    if quote.get("status") == "removed":
        return "(The article has since been removed from the collection.)"
    if quote.get("status") == "rejected":
        return "(An editor has corrected this: it is not a quotation.)"
    return None


def corrections_by_field(corrections: list[dict], q: dict) -> dict[str, dict]:
    """The corrections a quote page marks, by what they set: the quote's own
    ``speaker``, ``role`` and ``not_a_quote``, and its speaker entity's name
    (``speaker_name``); the latest of each."""
    marked = {}
    for c in corrections:
        if c["applies_to"] == q["id"]:
            marked[c["field"]] = c
        elif c["applies_to"] == q.get("speaker_id") and c["field"] == "name":
            marked["speaker_name"] = c
    return marked


def quote_spans(q: dict, length: int) -> tuple[list[Span], list[Span]]:
    """The quote and its marked parts, and those parts near enough to widen the window
    (``length``: the article text's)."""
    start, end = q["start_char"], q["end_char"]
    spans = [Span(start=start, end=end, cls="qt-quote", priority=0,
                  attrs=(("id", "qt-quote"), ("data-quote-id", q["id"])))]
    near = []
    for cls, s_key, e_key, label in QUOTE_PARTS:
        s, e = q.get(s_key), q.get(e_key)
        if s is None or e is None or not (0 <= s < e <= length):
            continue
        span = Span(start=s, end=e, cls=cls, priority=1, attrs=(("title", label),))
        spans.append(span)
        if abs(s - start) <= NEAR_CHARS or abs(e - end) <= NEAR_CHARS:
            near.append(span)
    return spans, near


def neighbour_spans(q: dict, neighbours: list[dict], length: int, urls: Urls) -> list[Span]:
    """The article's other quotes in the window, faintly marked and linked (none overlapping)."""
    taken = [(q["start_char"], q["end_char"])]
    spans = []
    for n in neighbours:
        s, e = n["start_char"], n["end_char"]
        if any(s < te and ts < e for ts, te in taken) or not (0 <= s < e <= length):
            continue
        taken.append((s, e))
        who = n["speaker_name"] or "unidentified speaker"
        spans.append(Span(start=s, end=e, tag="a", cls="qt-other", priority=2,
                          attrs=(("href", urls.quote(n["id"])), ("title", f"another quote: {who} ({n['id']})"))))
    return spans


async def _other_versions(db, q: dict, urls: Urls) -> list[dict]:
    """The current quotes of the same utterance, with their wording compared to this one."""
    if not q.get("utterance_id"):
        return []
    others = with_display(await current_quotes(db, "q.utterance_id = ? and q.id != ?",
                                               [q["utterance_id"], q["id"]]))
    for other in others:
        other["same_words"] = same_words(other["text"], q["text"])
        other["diff_html"] = Markup(word_diff_html(q["text"], other["text"]))
        other["url"] = urls.quote(other["id"])
    return others


async def canned_url(datasette, db, name: str, params: dict, request, fmt: str = "") -> str | None:
    """The address of the canned query ``name`` with ``params`` (as ``fmt``, e.g.
    ``atom``, when a plugin renders it), where the database has that query."""
    if fmt and fmt not in datasette.renderers:
        return None
    try:
        if not await datasette.get_canned_query(db.name, name, request.actor if request else None):
            return None
    except Exception:  # no such query for this database
        return None
    return datasette.urls.query(db.name, name, format=fmt or None) + "?" + urlencode(params)


async def _trail_url(datasette, db, utterance: dict | None, others: list, request) -> str | None:
    """The "who carried it first" query for the quote's utterance, where the database has it."""
    if not utterance or not others:
        return None
    return await canned_url(datasette, db, "utterance_trail", {"utterance": utterance["id"]}, request)


async def quote_context(datasette, db, qid: str, request=None) -> dict | None:
    """Everything the quote page shows, for the HTML and the JSON."""
    urls = Urls(datasette)
    q = await by_id(db, "quotes", qid)
    if q is None:
        return None
    article = await by_id(db, "articles", q["article_id"]) or {}
    source = await article_source(db, article)
    speaker = await by_id(db, "speakers", q.get("speaker_id"))
    publisher = await by_id(db, "outlets", article.get("publisher_id"))
    via = await by_id(db, "outlets", q.get("via_outlet_id"))
    utterance = await by_id(db, "utterances", q.get("utterance_id"))
    others = await _other_versions(db, q, urls)
    previous = await one_for(db, "select id, text from quotes where id = ?", q.get("continues"))
    following = await one(db, "select id, text from quotes where continues = ? order by start_char limit 1", [qid])
    current = await one_for(db, QUOTE_LIST_SQL + " where q.id = ?", q.get("superseded_by"))
    new_article = await one_for(db, "select id, title, date, status from articles where id = ?",
                                article.get("superseded_by"))

    start, end = q["start_char"], q["end_char"]
    spans, near = quote_spans(q, source.length)
    ranges = window(source, start, end, CONTEXT_CHARS, near)
    lo, hi = (ranges[0][0], ranges[-1][1]) if ranges else (start, end)
    neighbours = await every(
        db, "select id, start_char, end_char, speaker_name from quotes where article_id = ? and id != ? "
            "and status != 'rejected' and end_char > ? and start_char < ? order by start_char",
        [q["article_id"], qid, lo, hi])
    spans += neighbour_spans(q, neighbours, source.length, urls)
    clipped_start, clipped_end = clipped(source, ranges)

    permalink_path = urls.quote(qid)
    permalink = datasette.absolute_url(request, permalink_path) if request is not None else permalink_path
    speaker_name = (speaker or {}).get("name") or q.get("speaker_name")
    speaker_role = q.get("speaker_role") or (speaker or {}).get("role")
    publisher_name = (publisher or {}).get("name") or article.get("publisher")
    via_name = (via or {}).get("name") or q.get("via_outlet_mention")
    accessed = dt.datetime.now(dt.timezone.utc).date()
    csl = csl_json(q, article, shown(q["text"], q["kind"]), speaker_name, publisher_name, permalink, accessed)
    corrections = await applied_corrections(
        db, [qid, q.get("speaker_id"), q.get("via_outlet_id"), article.get("publisher_id")])
    return {
        "kind": "quote",
        "database": db.name,
        "quote": q,
        "record": stored_quote(q, article, via),
        "article": {k: v for k, v in article.items() if k != "text"},
        "speaker": speaker,
        "speaker_name": speaker_name,
        "speaker_role": speaker_role,
        "publisher": publisher,
        "publisher_name": publisher_name,
        "via": via,
        "via_name": via_name,
        "via_how_text": VIA_HOW_TEXT.get(q.get("via_how") or ("named" if q.get("via_outlet_mention") else "")),
        "first_hand": first_hand(q),
        "outlet_text": outlet_text(publisher_name, via_name, first_hand(q)),
        "shown": shown(q["text"], q["kind"]),
        "heading": reported(q["text"], q["kind"], speaker_name, q.get("cue"), q.get("rule")),
        "utterance": utterance,
        "trail_url": await _trail_url(datasette, db, utterance, others, request),
        "others": others,
        "previous": previous,
        "following": following,
        "current": current,
        "new_article": new_article,
        "verified": span_text(source, start, end) == q["text"],
        "excerpts_only": not source.complete,
        "text_length": source.length,
        "context_html": Markup(source_html(source, spans, ranges)),
        "context_start": lo,
        "context_end": hi,
        "context_clipped_start": clipped_start,
        "context_clipped_end": clipped_end,
        "permalink": permalink,
        "permalink_path": permalink_path,
        "citation": citation_text(q, article, speaker_name, speaker_role, publisher_name, via_name, permalink,
                                  accessed),
        "citation_csl": csl,
        "citation_bibtex": bibtex(csl),
        "corrections": corrections,
        "corrected": corrections_by_field(corrections, q),
    }


# -- the article page -------------------------------------------------------------


def article_spans(quotes: list[dict], offsets: dict[str, dict], length: int) -> list[Span]:
    """Every quote of the article linked to its page, with its marked parts.

    A quote that overlaps an earlier one is marked but not linked (no link inside a link).
    """
    spans = []
    taken_until = -1
    for q in quotes:
        f = offsets[q["id"]]
        title = f"{q['speaker_name'] or 'unidentified speaker'} — {q['id']}"
        if f["start_char"] >= taken_until:
            spans.append(Span(start=f["start_char"], end=f["end_char"], tag="a", cls=f"qt-quote qt-{q['kind']}",
                              attrs=(("id", q["id"]), ("href", q["url"]), ("title", title)), priority=0))
            taken_until = f["end_char"]
        else:
            spans.append(Span(start=f["start_char"], end=f["end_char"], tag="span", cls="qt-quote qt-overlap",
                              attrs=(("title", title),), priority=0))
        for cls, s_key, e_key, _ in QUOTE_PARTS:
            s, e = f[s_key], f[e_key]
            if s is not None and e is not None and 0 <= s < e <= length:
                spans.append(Span(start=s, end=e, tag="mark", cls=cls, priority=1))
    return spans


async def article_context(datasette, db, aid: str, request=None) -> dict | None:
    urls = Urls(datasette)
    article = await by_id(db, "articles", aid)
    if article is None:
        return None
    source = await article_source(db, article)
    # a quote an editor says is none is no quote of the article (its own page says so)
    quotes = with_display(await every(
        db, QUOTE_LIST_SQL + " where q.article_id = ? and q.status != 'rejected' "
                             "order by q.start_char, q.end_char desc", [aid]))
    for n, q in enumerate(quotes, start=1):
        q["n"] = n
        q["url"] = urls.quote(q["id"])
    offsets = {r["id"]: r for r in await every(
        db, "select id, start_char, end_char, speaker_start, speaker_end, cue_start, cue_end, via_start, via_end "
            "from quotes where article_id = ?", [aid])}
    new_article = await one_for(db, "select id, title, status from articles where id = ?", article.get("superseded_by"))
    return {
        "kind": "article",
        "database": db.name,
        "article": {k: v for k, v in article.items() if k != "text"},
        "text": source.excerpts[0].text if source.complete else None,
        "excerpts_only": not source.complete,
        "text_length": source.length,
        "excerpts": None if source.complete else [
            {"start_char": e.start_char, "end_char": e.end_char, "text": e.text} for e in source.excerpts],
        "text_html": Markup(source_html(source, article_spans(quotes, offsets, source.length), edges=True)),
        "quotes": quotes,
        "publisher": await by_id(db, "outlets", article.get("publisher_id")),
        "new_article": new_article,
        "older": await every(db, "select id, title, status, ingested_at from articles where superseded_by = ?", [aid]),
        "speakers": sorted({q["speaker_name"] for q in quotes if q["speaker_name"]}),
    }


# -- the speaker and outlet pages ---------------------------------------------------


def statements(quotes: list[dict]) -> list[dict]:
    """One entry per statement: its earliest quote, then the other articles that carried it."""
    entries: list[dict] = []
    by_utterance: dict[str, dict] = {}
    for q in quotes:
        key = q["utterance_id"]
        if key and key in by_utterance:
            by_utterance[key]["also"].append(q)
            continue
        entry = {"first": q, "also": []}
        entries.append(entry)
        if key:
            by_utterance[key] = entry
    return entries


def grouped_roles(roles: list[dict]) -> list[dict]:
    """The speaker's roles, each with the articles that give it."""
    grouped: dict[str, list] = {}
    for r in roles:
        grouped.setdefault(r["role"], []).append(r)
    return [{"role": role, "articles": arts} for role, arts in grouped.items()]


async def speaker_context(datasette, db, sid: str, request=None) -> dict | None:
    urls = Urls(datasette)
    speaker = await by_id(db, "speakers", sid)
    if speaker is None:
        return None
    quotes = with_display(await current_quotes(db, "q.speaker_id = ?", [sid]))
    for q in quotes:
        q["url"] = urls.quote(q["id"])
    roles = await every(
        db, "select r.role, r.article_id, a.title, a.date from speaker_roles r "
            "left join articles a on a.id = r.article_id where r.speaker_id = ? order by r.role, a.date is null, a.date", [sid])
    outlets = sorted({q["publisher_name"] for q in quotes if q["publisher_name"]})
    feed = await canned_url(datasette, db, "speaker_feed", {"speaker_id": sid}, request, "atom") if quotes else None
    return {
        "kind": "speaker",
        "feed_url": feed,
        "statements": statements(quotes),
        "database": db.name,
        "speaker": speaker,
        "aliases": aliases(speaker.get("aliases")),
        "roles": grouped_roles(roles),
        "quotes": quotes,
        "counts": {
            "quotes": len(quotes),
            "articles": len({q["article_id"] for q in quotes}),
            "utterances": len({q["utterance_id"] for q in quotes if q["utterance_id"]}),
            "outlets": len(outlets),
        },
        "outlets": outlets,
        "corrections": await applied_corrections(db, [sid]),
    }


async def outlet_context(datasette, db, oid: str, request=None) -> dict | None:
    urls = Urls(datasette)
    outlet = await by_id(db, "outlets", oid)
    if outlet is None:
        return None
    articles = await every(
        db, "select a.id, a.title, a.date, a.status, (select count(*) from quotes q where q.article_id = a.id "
            "and q.status = 'current') as quote_count from articles a where a.publisher_id = ? "
            "and a.status = 'current' order by a.date is null, a.date", [oid])
    published = with_display(await current_quotes(db, "a.publisher_id = ?", [oid]))
    carried = with_display(await current_quotes(db, "q.via_outlet_id = ?", [oid]))
    for q in published + carried:
        q["url"] = urls.quote(q["id"])
    feed = (await canned_url(datasette, db, "outlet_feed", {"outlet_id": oid}, request, "atom")
            if published or carried else None)
    return {
        "kind": "outlet",
        "feed_url": feed,
        "database": db.name,
        "outlet": outlet,
        "aliases": aliases(outlet.get("aliases")),
        "articles": articles,
        "published": published,
        "carried": carried,
        "counts": {
            "articles": len(articles),
            "published": len(published),
            "carried": len(carried),
            "speakers": len({q["speaker_id"] for q in published + carried if q["speaker_id"]}),
        },
        "corrections": await applied_corrections(db, [oid]),
    }


def _json_list(value) -> list:
    try:
        result = json.loads(value or "[]")
    except (TypeError, ValueError):
        return []
    return result if isinstance(result, list) else []


async def utterance_context(datasette, db, uid: str, request=None) -> dict | None:
    """A statement and its trail: every quote of it in time order, with its
    publisher, channel, whether it was first, a pull quote or republished copy,
    and how its wording compares."""
    urls = Urls(datasette)
    utterance = await by_id(db, "utterances", uid)
    if utterance is None:
        return None
    speaker = await by_id(db, "speakers", utterance.get("speaker_id"))
    quotes = with_display(await current_quotes(db, "q.utterance_id = ?", [uid]))
    first = set(_json_list(utterance.get("first_quote_ids")))
    copies = {r["article_id"]: r for r in await every(
        db, "select r.article_id, r.source_id, r.share, a.title as source_title from article_reuse r "
            "join articles a on a.id = r.source_id where r.article_id in "
            "(select article_id from quotes where utterance_id = ?)", [uid])}
    # each pair once (the table holds both directions)
    pairs = await every(db, "select w.quote_id, w.other_id, w.wording, w.edits, "
                            "coalesce(pa.name, a.publisher) as publisher, coalesce(pb.name, b.publisher) as other_publisher "
                            "from wording_pairs w join quotes qa on qa.id = w.quote_id join quotes qb on qb.id = w.other_id "
                            "join articles a on a.id = qa.article_id join articles b on b.id = qb.article_id "
                            "left join outlets pa on pa.id = a.publisher_id left join outlets pb on pb.id = b.publisher_id "
                            "where w.utterance_id = ? and w.quote_id < w.other_id order by w.quote_id, w.other_id", [uid])
    for q in quotes:
        q["url"] = urls.quote(q["id"])
        q["first"] = q["id"] in first
        q["copy_of"] = copies.get(q["article_id"])
        q["report"] = ("first report" if q["first"] else "pull quote" if q["pull_quote_of"]
                       else "republished copy" if q["copy_of"] else "report")
    for p in pairs:
        p["edits"] = [e for e in _json_list(p["edits"]) if isinstance(e, dict)]
    return {
        "kind": "utterance",
        "database": db.name,
        "utterance": utterance,
        "speaker": speaker,
        "speaker_name": (speaker or {}).get("name"),
        "quotes": quotes,
        "first": sorted(first),
        "tied": len(first) > 1,
        "wording_pairs": [p for p in pairs if p["wording"] != "same words"],
        "trail_svg": trail_svg(quotes),
        "counts": {"quotes": len(quotes), "reports": utterance.get("report_count"),
                   "articles": utterance.get("article_count")},
    }


LOADERS = {
    "utterance": utterance_context,
    "quote": quote_context,
    "article": article_context,
    "speaker": speaker_context,
    "outlet": outlet_context,
}
