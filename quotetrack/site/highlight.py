"""Server-side highlighting of spans in article text, as escaped HTML.

Pure functions: every offset is a Python string index into the article text
(``text[start:end]``), exactly as stored in the database. All text is
HTML-escaped here, so an article containing ``<script>`` renders as text; the
only markup in the result is the elements built from :class:`Span` records.

Spans may nest (a cue inside a quote) or even cross; crossing spans are split
so the output is always well-formed, and an outer span that contains the
others is emitted as one element (its ``textContent`` is exactly its text).
"""

from __future__ import annotations

import difflib
import re
from html import escape

import attrs


@attrs.frozen(kw_only=True)
class Span:
    start: int
    end: int
    tag: str = "mark"  # "mark", "a" or "span"
    cls: str = ""
    attrs: tuple[tuple[str, str], ...] = ()  # extra attributes (href, id, title, data-*)
    priority: int = 0  # among spans with the same extent, lower is outer


_TAGS = {"mark", "a", "span", "strong", "em"}
_ATTR_NAME = re.compile(r"^[a-z][a-z0-9-]*$")


def _open_tag(span: Span, continued: bool = False) -> str:
    if span.tag not in _TAGS:
        raise ValueError(f"unsupported tag {span.tag!r}")
    parts = [span.tag]
    cls = span.cls + (" qt-cont" if continued else "")
    if cls.strip():
        parts.append(f'class="{escape(cls.strip())}"')
    for name, value in span.attrs:
        if not _ATTR_NAME.match(name):
            raise ValueError(f"bad attribute name {name!r}")
        if continued and name == "id":
            continue  # an id must stay unique: only the first piece carries it
        parts.append(f'{name}="{escape(str(value), quote=True)}"')
    return "<" + " ".join(parts) + ">"


def valid_spans(text: str, spans: list[Span], start: int = 0, end: int | None = None) -> list[Span]:
    """The spans that lie inside ``text[start:end]`` and are not empty, clipped to it."""
    end = len(text) if end is None else end
    result = []
    for s in spans:
        if s.start is None or s.end is None:
            continue
        lo, hi = max(s.start, start), min(s.end, end)
        if lo < hi:
            result.append(attrs.evolve(s, start=lo, end=hi))
    return result


def highlight(text: str, spans: list[Span], start: int = 0, end: int | None = None, origin: int = 0) -> str:
    """``text[start:end]`` as escaped HTML with each span wrapped in its element.

    ``origin`` is the offset of ``text`` in the whole it is part of (an excerpt's
    start in its article): ``start``, ``end`` and the spans are offsets into that whole.
    """
    end = origin + len(text) if end is None else end
    spans = valid_spans(text, spans, start, end)
    # outer first: earlier start, then longer, then lower priority
    spans.sort(key=lambda s: (s.start, -s.end, s.priority))
    out: list[str] = []
    stack: list[Span] = []
    points = sorted({start, end, *(s.start for s in spans), *(s.end for s in spans)})
    pending = list(spans)
    pos = start
    for point in points:
        if point > pos:
            out.append(escape(text[pos - origin:point - origin], quote=False))
            pos = point
        # close every open span that ends here; spans opened inside them but
        # ending later are closed too and reopened (crossing spans)
        if any(s.end <= point for s in stack):
            reopen = []
            while any(s.end <= point for s in stack):
                top = stack.pop()
                out.append(f"</{top.tag}>")
                if top.end > point:
                    reopen.append(top)
            for s in reversed(reopen):
                out.append(_open_tag(s, continued=True))
                stack.append(s)
        while pending and pending[0].start == point:
            s = pending.pop(0)
            out.append(_open_tag(s))
            stack.append(s)
    while stack:
        out.append(f"</{stack.pop().tag}>")
    return "".join(out)


def context_window(
    text: str, start: int, end: int, chars: int = 500, spans: list[Span] = ()
) -> tuple[int, int]:
    """A window of ``text`` around ``[start, end)`` snapped to paragraph breaks.

    The window covers the quote and every given span (speaker, cue), plus about
    ``chars`` characters either side, extended to the nearest line break (at
    most ``max(chars, 200)`` characters further, else to a word break).
    """
    lo = min([start] + [s.start for s in spans if s.start is not None])
    hi = max([end] + [s.end for s in spans if s.end is not None])
    lo, hi = max(0, lo), min(len(text), hi)
    wlo, whi = max(0, lo - chars), min(len(text), hi + chars)
    # snap outwards to a line break, but no more than `snap` characters further
    snap = max(chars, 200)
    brk = text.rfind("\n", max(0, wlo - snap), wlo + 1)
    if wlo > 0:
        if brk >= 0:
            wlo = brk + 1
        else:
            space = text.rfind(" ", 0, wlo)
            wlo = space + 1 if space >= 0 else 0
    brk = text.find("\n", whi, min(len(text), whi + snap))
    if whi < len(text):
        if brk >= 0:
            whi = brk
        else:
            space = text.find(" ", whi)
            whi = space if space >= 0 else len(text)
    # trim blank lines at the edges (keeps offsets: only the window moves)
    while wlo < lo and text[wlo] in "\n\r":
        wlo += 1
    while whi > hi and text[whi - 1] in "\n\r \t":
        whi -= 1
    return wlo, whi


_WORD = re.compile(r"\s+|[^\s]+")


def word_diff(a: str, b: str) -> list[tuple[str, str]]:
    """Word-level differences from ``a`` to ``b``: (op, text) with op in "=", "-", "+".

    Words are compared with their punctuation; whitespace is kept with the
    words so joining the "=" and "-" pieces gives ``a`` and joining the "="
    and "+" pieces gives ``b``.
    """
    ta, tb = _WORD.findall(a), _WORD.findall(b)
    matcher = difflib.SequenceMatcher(a=ta, b=tb, autojunk=False)
    result: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            result.append(("=", "".join(ta[i1:i2])))
        else:
            if i2 > i1:
                result.append(("-", "".join(ta[i1:i2])))
            if j2 > j1:
                result.append(("+", "".join(tb[j1:j2])))
    return [(op, t) for op, t in result if t]


def word_diff_html(a: str, b: str) -> str:
    """:func:`word_diff` as escaped HTML with ``<del>`` and ``<ins>``."""
    parts = []
    for op, piece in word_diff(a, b):
        piece = escape(piece, quote=False)
        if op == "=":
            parts.append(piece)
        elif op == "-":
            parts.append(f"<del>{piece}</del>")
        else:
            parts.append(f"<ins>{piece}</ins>")
    return "".join(parts)


def same_words(a: str, b: str) -> bool:
    return a.split() == b.split()
