"""An article's text as the site holds it (quotetrack/site/source.py): the full
text or excerpts at their original offsets, their windows and their HTML."""

from __future__ import annotations

from quotetrack.export.excerpts import Excerpt
from quotetrack.site.highlight import Span, context_window, highlight
from quotetrack.site.source import GAP_HTML, clipped, excerpted, full_text, source_html, span_text, window

TEXT = "First paragraph about the weather.\n\n\"We will talk,\" she said on Monday.\n\nLast words here."
SAID = TEXT.index("We will talk")


def excerpts_of(*pieces: str) -> list[Excerpt]:
    return [Excerpt(start_char=TEXT.index(p), text=p) for p in pieces]


def test_the_full_text_reads_as_before():
    source = full_text(TEXT)
    quote = Span(start=SAID, end=SAID + len("We will talk"), cls="qt-quote")
    ranges = window(source, quote.start, quote.end, 10, [])
    assert ranges == [context_window(TEXT, quote.start, quote.end, 10)]
    assert source_html(source, [quote], ranges) == highlight(TEXT, [quote], *ranges[0])
    assert source_html(source, [quote], edges=True) == highlight(TEXT, [quote])
    assert span_text(source, SAID, SAID + 7) == "We will"
    assert clipped(source, [(0, len(TEXT))]) == (False, False)


def test_excerpts_keep_their_offsets_and_mark_what_is_left_out():
    source = excerpted(len(TEXT), excerpts_of("Last words", "\"We will talk,\" she said"))
    assert [e.text for e in source.excerpts] == ["\"We will talk,\" she said", "Last words"]  # in text order
    assert span_text(source, SAID, SAID + 12) == "We will talk"
    assert span_text(source, 0, 5) is None  # not held
    quote = Span(start=SAID, end=SAID + 12, cls="qt-quote")
    out = source_html(source, [quote], edges=True)
    assert out == (GAP_HTML + '"<mark class="qt-quote">We will talk</mark>," she said' + GAP_HTML
                   + "Last words" + GAP_HTML)
    assert "weather" not in out and "Monday" not in out
    # an article without quotes has no excerpts: one gap stands for all of it
    assert source_html(excerpted(len(TEXT), []), [], edges=True) == GAP_HTML


def test_a_window_of_excerpts_is_cut_at_words():
    source = excerpted(len(TEXT), excerpts_of("First paragraph about the weather.", "\"We will talk,\" she said"))
    ranges = window(source, SAID, SAID + 12, 12, [])
    # 12 characters before the quote reach into "weather."; the cut part is dropped to a whole word
    assert [TEXT[a:b] for a, b in ranges] == ["weather.", "\"We will talk,\" she said"]
    assert clipped(source, ranges) == (True, True)
    assert window(source, SAID, SAID + 12, 0, []) == [(SAID, SAID + 12)]
