"""What one article says of its quotes as statements: where each stands
(headline, lede or body), which are pieces of one quotation and which are pull
quotes.

The pieces of one quotation (``"A," he said. "B."``) are the quotes that
``continue`` a quoted one in its paragraph; a quote paragraph that goes on
after it (a follow-on paragraph) is another statement of the same speaker.

A headline or lede summarises the body, often paraphrasing a body quote; the
grouping joins them to it (:mod:`.grouping`). A *pull quote* is a body quote
repeated on its own as display (a paragraph holding nothing but the quote, or
a display quote with its speaker on the next line, ``'…'`` / ``- Reem, Aleppo
resident``): it is marked ``pull_quote_of`` the body quote and is no second
report of the statement.
"""

from __future__ import annotations

import re

import attrs

from ..records import Article, ParsedDoc, ResolvedQuote
from .wording import normalise

#: the lede runs down to the first paragraph with at least this many words
LEDE_WORDS = 20
#: display quotes with their speaker on the next line (extraction rules)
DISPLAY_RULES = ("direct:dash-line",)
_MARKS = re.compile(r"[\s\"“”‘’'«».,;:!?…–—-]+")


def mark_statements(article: Article, doc: ParsedDoc, quotes: list[ResolvedQuote]) -> list[ResolvedQuote]:
    """``quotes`` (one article's) with ``placement`` and ``pull_quote_of`` set."""
    places = _placements(article, doc)
    quotes = [attrs.evolve(q, placement=places.get(doc.paragraph_at(q.quote.start_char), "body"))
              for q in quotes]
    pulls = pull_quotes(doc, quotes)
    pieces = pieces_of(doc, quotes)
    return [attrs.evolve(q, pull_quote_of=pulls.get(q.quote_id), piece_of=pieces.get(q.quote_id))
            for q in quotes]


def pieces_of(doc: ParsedDoc, quotes: list[ResolvedQuote]) -> dict[str, str]:
    """Quote ID -> the quote it is the next piece of: it continues that quote, in
    the same paragraph, and both are quoted (direct, or a mixed one before)."""
    by_id = {q.quote_id: q for q in quotes}
    found = {}
    for q in quotes:
        before = by_id.get(q.continues_id or "")
        if (before is not None and q.quote.kind == "direct" and before.quote.kind in ("direct", "mixed")
                and doc.paragraph_at(q.quote.start_char) == doc.paragraph_at(before.quote.start_char)):
            found[q.quote_id] = before.quote_id
    return found


def _placements(article: Article, doc: ParsedDoc) -> dict[int, str]:
    """Paragraph index -> "headline" or "lede" for the paragraphs at the top."""
    places: dict[int, str] = {}
    title = " ".join((article.title or "").split())
    for i, (start, end) in enumerate(doc.paragraphs):
        text = doc.text[start:end]
        if i == 0 or (title and " ".join(text.split()) == title):
            places[i] = "headline"
            continue
        places[i] = "lede"
        if len(text.split()) >= LEDE_WORDS:
            break
    return places


def _stands_alone(doc: ParsedDoc, q: ResolvedQuote) -> bool:
    """Whether the quote is set off on its own: a display quote, or a paragraph
    that holds nothing but the quote."""
    if q.quote.rule in DISPLAY_RULES:
        return True
    if q.quote.kind != "direct":
        return False
    start, end = doc.paragraphs[doc.paragraph_at(q.quote.start_char)]
    rest = doc.text[start:q.quote.start_char] + doc.text[q.quote.end_char:end]
    return not _MARKS.sub("", rest)


def pull_quotes(doc: ParsedDoc, quotes: list[ResolvedQuote]) -> dict[str, str]:
    """Pull quote ID -> the body quote it repeats: a quote standing alone whose
    words are those of (or a part of) another quote of the article, by the
    same speaker or by none named. The body quote is no display quote; when
    neither is one (two paragraphs holding the same quote), the earlier is the
    body's."""
    alone = {q.quote_id for q in quotes if _stands_alone(doc, q)}
    words = {q.quote_id: normalise(q.quote.text) for q in quotes}
    found: dict[str, str] = {}
    for q in quotes:
        if q.quote_id not in alone or not words[q.quote_id]:
            continue
        for body in quotes:
            if (body.quote_id == q.quote_id or body.quote.rule in DISPLAY_RULES
                    or body.quote.kind == "indirect"
                    or (q.quote.rule not in DISPLAY_RULES and body.quote_id in alone
                        and body.quote.start_char > q.quote.start_char)
                    or (q.speaker_name and body.speaker_name and q.speaker_name != body.speaker_name)):
                continue
            if f" {words[q.quote_id]} " in f" {words[body.quote_id]} ":
                found[q.quote_id] = body.quote_id
                break
    return found
