"""An article's text as the site holds it: the full text, or, in a site
published with ``quotetrack publish --excerpts``, only the excerpts its quotes
need, each at its offset into the original. Every offset the pages use is an
offset into the original text, so the two read alike; what the excerpts leave
out is shown as a gap.

Pure functions over :class:`Source`; the HTML is :mod:`.highlight`'s, escaped.
"""

from __future__ import annotations

import attrs

from ..export.excerpts import Excerpt
from .highlight import Span, context_window, highlight

#: what stands for the text an excerpts-only site leaves out between two excerpts
GAP_HTML = '<span class="qt-ellipsis qt-gap" title="not published on this site">[…]</span>'


@attrs.frozen(kw_only=True)
class Source:
    length: int  # characters in the original text
    excerpts: tuple[Excerpt, ...]  # in text order, not overlapping; the whole text as one when complete
    complete: bool  # the full text is published


def full_text(text: str) -> Source:
    return Source(length=len(text), excerpts=(Excerpt(start_char=0, text=text),), complete=True)


def excerpted(length: int, excerpts: list[Excerpt]) -> Source:
    return Source(length=length, excerpts=tuple(sorted(excerpts, key=lambda e: e.start_char)), complete=False)


def span_text(source: Source, start: int, end: int) -> str | None:
    """The text at ``[start, end)``, or None where the source does not hold all of it."""
    for e in source.excerpts:
        if e.start_char <= start and end <= e.end_char:
            return e.text[start - e.start_char:end - e.start_char]
    return None


def _cut_at_words(e: Excerpt, a: int, b: int, keep: tuple[int, int]) -> tuple[int, int]:
    """``[a, b)`` of excerpt ``e``, each end that cuts into the excerpt moved
    inwards to a word boundary, but never into ``keep``."""
    text, o = e.text, e.start_char
    if a > o:
        while a < min(b, keep[0]) and not text[a - o - 1].isspace():
            a += 1
    if b < e.end_char:
        while b > max(a, keep[1]) and not text[b - o].isspace():
            b -= 1
    return a, b


def window(source: Source, start: int, end: int, chars: int, spans: list[Span] = ()) -> list[tuple[int, int]]:
    """The ranges of the source a quote page shows around ``[start, end)`` and
    ``spans``: of the full text, one range snapped to paragraph breaks
    (:func:`~.highlight.context_window`); of excerpts, the parts of those within
    ``chars`` characters, cut at word boundaries."""
    if source.complete:
        return [context_window(source.excerpts[0].text, start, end, chars, spans)]
    keep = (min([start] + [s.start for s in spans]), max([end] + [s.end for s in spans]))
    ranges = []
    for e in source.excerpts:
        a, b = max(keep[0] - chars, e.start_char), min(keep[1] + chars, e.end_char)
        if a < b:
            a, b = _cut_at_words(e, a, b, keep)
        if a < b:
            ranges.append((a, b))
    return ranges


def source_html(source: Source, spans: list[Span], ranges: list[tuple[int, int]] | None = None,
                edges: bool = False) -> str:
    """The ``ranges`` of the source (default: all of it) as escaped HTML with the
    spans marked, and a gap between ranges that are not contiguous; with
    ``edges``, also before the first and after the last when the original has
    text there."""
    ranges = [(e.start_char, e.end_char) for e in source.excerpts] if ranges is None else ranges
    before, after = clipped(source, ranges) if edges else (False, False)
    pieces, previous_end = [GAP_HTML] if before else [], None
    for lo, hi in ranges:
        excerpt = next(e for e in source.excerpts if e.start_char <= lo and hi <= e.end_char)
        if previous_end is not None and lo > previous_end:
            pieces.append(GAP_HTML)
        pieces.append(highlight(excerpt.text, spans, lo, hi, origin=excerpt.start_char))
        previous_end = hi
    return "".join(pieces + ([GAP_HTML] if after else []))


def clipped(source: Source, ranges: list[tuple[int, int]]) -> tuple[bool, bool]:
    """Whether the original has text before the first range and after the last."""
    if not ranges:  # excerpts of an article without quotes: none
        return not source.complete and source.length > 0, False
    if source.complete:
        text = source.excerpts[0].text
        return bool(text[:ranges[0][0]].strip()), bool(text[ranges[-1][1]:].strip())
    return ranges[0][0] > 0, ranges[-1][1] < source.length
