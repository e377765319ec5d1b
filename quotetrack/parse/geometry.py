"""Text geometry: where an article's paragraphs and sentences are.

Each non-blank line of an article is a paragraph (headlines, captions and
paragraphs each stand on their own line in news text files).
"""

from __future__ import annotations

import bisect
import re

_PARAGRAPH_RE = re.compile(r"[^\n]*\S[^\n]*")


def paragraph_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each non-blank line, surrounding spaces excluded."""
    spans = []
    for m in _PARAGRAPH_RE.finditer(text):
        line = m.group()
        lead = len(line) - len(line.lstrip())
        spans.append((m.start() + lead, m.start() + len(line.rstrip())))
    return tuple(spans)


def index_at(starts, char: int) -> int:
    """The index of the last of the sorted ``starts`` at or before ``char``
    (-1 when ``char`` is before them all)."""
    return bisect.bisect_right(starts, char) - 1


def paragraph_index(starts, char: int) -> int:
    """The paragraph (by its start in the sorted ``starts``) that holds ``char``;
    0 before the first."""
    return max(0, index_at(starts, char))
