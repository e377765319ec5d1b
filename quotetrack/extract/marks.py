"""Quote marks: step 1 of extraction, at the character level (no parse).

:func:`find_quote_spans` pairs double (``"…"`` ``“…”``) and single (``'…'``
``‘…’``) quotation marks paragraph by paragraph into :class:`MarkSpan` s,
telling single marks from apostrophes, joining multi-paragraph quotes and
skipping stray marks. The whitespace helper here (:func:`trim`) is shared
with the later steps.
"""

from __future__ import annotations

import re
from typing import Sequence

import attrs

from ..parse.geometry import paragraph_spans


DOUBLE_MARKS = '"“”„«»'
SINGLE_MARKS = "'‘’‚‹›"
_OPEN_ONLY = "“„«‘‚‹"
_CLOSE_ONLY = "”»›"  # ’ is also the apostrophe: decided by context
_LEFT_CONTEXT = "([{—–-/\u00a0"
_RIGHT_CONTEXT = ".,;:!?)]}—–-…/"
_DECADE_RE = re.compile(r"\d\ds\b")


@attrs.frozen
class MarkSpan:
    """The content between a pair of quote marks (marks excluded).

    ``reopened``: the span is a later paragraph of a multi-paragraph quote
    (it continues the span before it); ``unclosed``: its paragraph ends without
    a closing mark because the next paragraph reopens the quote.
    """

    start: int
    end: int
    open_at: int
    close_at: int | None
    family: str  # "double" or "single"
    reopened: bool = False
    unclosed: bool = False

    @property
    def quote_end(self) -> int:
        """Where the quote ends: at its closing mark, or at the end of its text
        when its paragraph leaves it open."""
        return self.close_at if self.close_at is not None else self.end


def _mark_roles(text: str, i: int, length: int = 1) -> tuple[bool, bool]:
    """(can open, can close) for the quote mark at ``text[i:i+length]``, from its neighbours."""
    ch = text[i] if length == 1 else '"'  # '' and `` are double marks
    prev = text[i - 1] if i > 0 else "\n"
    nxt = text[i + length] if i + length < len(text) else "\n"
    marks = DOUBLE_MARKS + SINGLE_MARKS
    left_open = prev.isspace() or prev in _LEFT_CONTEXT or prev in marks
    right_open = nxt.isspace() or nxt in _RIGHT_CONTEXT or nxt in marks
    if ch in SINGLE_MARKS:
        if prev.isalnum() and nxt.isalnum():  # It's, Assad’s, SYRIA'S
            return False, False
        if _DECADE_RE.match(text, i + 1) and not prev.isalnum():  # '90s
            return False, False
    can_open = left_open and not nxt.isspace() and nxt != "\n"
    can_close = not prev.isspace() and right_open
    if ch in DOUBLE_MARKS and prev == " " and i > 1 and text[i - 2] in "'’" and right_open:
        can_close = True  # a single quote closed inside a double one, a space between: `…,' " he said`
    if ch in _OPEN_ONLY:
        can_close = can_close and not can_open and ch not in "‘‚"
        can_open = not nxt.isspace()
    elif ch in _CLOSE_ONLY:
        can_open = can_open and not can_close
        can_close = not prev.isspace()
    return can_open, can_close


def _possessive_s(text: str, i: int) -> bool:
    """A closing-looking single mark that may be a plural possessive: ``rebels' areas``."""
    return (
        i > 0
        and text[i - 1] in "sS"
        and i + 2 < len(text)
        and text[i + 1] == " "
        and (text[i + 2].islower() or text[i + 2].isdigit())
    )


def _pair_marks(text: str, marks: Sequence[int], family: str,
                lengths: dict[int, int] | None = None) -> tuple[list[tuple[int, int]], int | None]:
    """Pair the marks of one family in one paragraph.

    Returns the (open, close) pairs and the position of a mark left open at the
    paragraph's end (None if all closed). A stray opener that is never closed
    and does not start the paragraph is skipped so later quotes are still found.
    ``lengths``: marks longer than one character (``''``).
    """
    lengths = lengths or {}
    roles = [_mark_roles(text, i, lengths.get(i, 1)) for i in marks]
    pairs: list[tuple[int, int]] = []
    open_idx: int | None = None
    k = 0
    while k < len(marks):
        can_open, can_close = roles[k]
        if open_idx is None:
            if can_open:
                open_idx = k
        elif can_close:
            later_close = any(r[1] for r in roles[k + 1:])
            if family == "single" and _possessive_s(text, marks[k]) and later_close:
                k += 1
                continue
            pairs.append((marks[open_idx], marks[k]))
            open_idx = None
        k += 1
    if open_idx is not None:
        rest_pairs, rest_open = _pair_marks(text, marks[open_idx + 1:], family, lengths)
        if rest_pairs:
            # the opener was stray: keep what pairs up after it
            return pairs + rest_pairs, rest_open
        return pairs, marks[open_idx]
    return pairs, None


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` narrowed past the whitespace at both ends of ``text[start:end]``."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_DOUBLE_RE = re.compile("''|``|[" + DOUBLE_MARKS + "]")


def _marks_in(text: str, start: int, end: int, family: str) -> dict[int, int]:
    """Position -> length of the quote marks of a family in ``text[start:end]``.

    Two apostrophes or backquotes (``''``, ````` `` `````), as some newswires
    write them, are one double mark."""
    doubled = {m.start(): m.end() - m.start() for m in _DOUBLE_RE.finditer(text, start, end)}
    if family == "double":
        return doubled
    inside = {i + 1 for i, n in doubled.items() if n == 2}
    return {i: 1 for i in range(start, end)
            if text[i] in SINGLE_MARKS and i not in doubled and i not in inside}


def find_quote_spans(text: str, paragraphs: Sequence[tuple[int, int]] | None = None) -> list[MarkSpan]:
    """Every quoted span of ``text`` in order, from its quote marks alone.

    Doubles are paired first; single marks are paired outside double-quoted
    spans; a span nested in another is dropped (the outer one stands for both).
    A paragraph left open whose next paragraph starts with an opening mark is
    one piece of a multi-paragraph quote. ``paragraphs``: the (start, end) spans
    of the text's paragraphs, as a parsed article carries them
    (:attr:`~quotetrack.records.ParsedDoc.paragraphs`); computed from the text
    when not given.
    """
    paras = paragraph_spans(text) if paragraphs is None else paragraphs
    spans: list[MarkSpan] = []
    for family in ("double", "single"):
        masked = [(s.open_at, s.quote_end) for s in spans]
        carried = False  # the previous paragraph left a quote open
        for p, (p_start, p_end) in enumerate(paras):
            lengths = {i: n for i, n in _marks_in(text, p_start, p_end, family).items()
                       if not any(a <= i <= b for a, b in masked)}
            marks = sorted(lengths)
            reopens = bool(marks) and marks[0] == p_start and _mark_roles(text, p_start, lengths[p_start])[0]
            pairs, left_open = _pair_marks(text, marks, family, lengths)
            found = []
            for o, c in pairs:
                s, e = trim(text, o + lengths[o], c)
                if e > s:
                    found.append(MarkSpan(s, e, o, c, family))
            if left_open is not None:
                nxt = paras[p + 1] if p + 1 < len(paras) else None
                next_marks = _marks_in(text, nxt[0], nxt[1], family) if nxt else {}
                next_reopens = (
                    nxt is not None and nxt[0] in next_marks
                    and _mark_roles(text, nxt[0], next_marks[nxt[0]])[0]
                )
                at_start = left_open == p_start or text[p_start:left_open].rstrip().endswith(":")
                if next_reopens or at_start:
                    s, e = trim(text, left_open + lengths[left_open], p_end)
                    if e > s:
                        found.append(MarkSpan(s, e, left_open, None, family, unclosed=True))
            if carried and reopens and found and found[0].open_at == p_start:
                found[0] = attrs.evolve(found[0], reopened=True)
            carried = left_open is not None and bool(found) and found[-1].unclosed
            spans.extend(found)
    spans.sort(key=lambda s: (s.start, -s.end))
    kept: list[MarkSpan] = []
    for s in spans:
        if any(k.open_at <= s.open_at and s.end <= k.end for k in kept):
            continue
        kept.append(s)
    return kept
