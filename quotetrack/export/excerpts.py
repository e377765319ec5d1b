"""Excerpts: the parts of an article a site may show when it may not republish
the article (``quotetrack publish --excerpts``).

Pure functions over one article's text and its quotes' offsets. Each quote
needs shown its sentence(s) with the quote itself, and each mention its page
highlights (speaker, reporting verb, intermediary), which may stand in an
earlier sentence; each such piece is widened by :data:`CONTEXT_CHARS` either
side, cut at word boundaries, and pieces that overlap or touch (nothing but
whitespace between them) merge into one excerpt. An excerpt keeps its offset
into the original text, so every stored offset (``quotes.start_char`` …) still
indexes the original, and a quote ID can be checked by anyone who holds the
article (its SHA-256 is kept).
"""

from __future__ import annotations

from typing import Iterable, Mapping

import attrs

#: characters of context either side of a quote's sentence and of each mention
CONTEXT_CHARS = 200

#: the offset columns of a quote row that must be shown: (start, end) pairs
MENTION_COLUMNS = (("speaker_start", "speaker_end"), ("cue_start", "cue_end"), ("via_start", "via_end"))


@attrs.frozen(kw_only=True)
class Excerpt:
    """``text`` is the original article text from ``start_char`` on."""

    start_char: int
    text: str

    @property
    def end_char(self) -> int:
        return self.start_char + len(self.text)


def quote_pieces(row: Mapping, length: int) -> list[tuple[int, int]]:
    """The spans of the article a quote row needs shown: its sentence together
    with the quote, and each of its mentions; spans outside ``[0, length]`` or
    empty are left out."""
    start, end = row["start_char"], row["end_char"]
    starts = [start] + ([row["sentence_start"]] if row.get("sentence_start") is not None else [])
    ends = [end] + ([row["sentence_end"]] if row.get("sentence_end") is not None else [])
    pieces = [(min(starts), max(ends))]
    pieces += [(row.get(s), row.get(e)) for s, e in MENTION_COLUMNS]
    return [(s, e) for s, e in pieces if s is not None and e is not None and 0 <= s < e <= length]


def widened(text: str, start: int, end: int, chars: int = CONTEXT_CHARS) -> tuple[int, int]:
    """``[start, end)`` with up to ``chars`` characters more either side, cut
    where a word starts (before) and ends (after), no whitespace at the edges
    it added; never narrower than given."""
    lo, hi = max(0, start - chars), min(len(text), end + chars)
    while 0 < lo < start and not text[lo - 1].isspace():
        lo += 1
    while lo < start and text[lo].isspace():
        lo += 1
    while end < hi < len(text) and not text[hi].isspace():
        hi -= 1
    while end < hi and text[hi - 1].isspace():
        hi -= 1
    return lo, hi


def merged(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans in order, those that overlap or have only whitespace between them joined."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and (start <= out[-1][1] or not text[out[-1][1]:start].strip()):
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def article_excerpts(text: str, quote_rows: Iterable[Mapping], chars: int = CONTEXT_CHARS) -> list[Excerpt]:
    """The excerpts of ``text`` its quotes (rows with the ``quotes`` table's offset
    columns) need, in text order; none for an article without quotes."""
    spans = [widened(text, s, e, chars) for row in quote_rows for s, e in quote_pieces(row, len(text))]
    return [Excerpt(start_char=lo, text=text[lo:hi]) for lo, hi in merged(text, spans)]
