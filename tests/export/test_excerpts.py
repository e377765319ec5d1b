"""The excerpts of an excerpts-only publication (quotetrack/export/excerpts.py):
what each quote needs shown, widened to whole words, merged, at original offsets."""

from __future__ import annotations

from quotetrack.export.excerpts import CONTEXT_CHARS, article_excerpts, merged, quote_pieces, widened

from ..helpers import span

PARAGRAPHS = [
    "Sergei Ryabkov, Russia's deputy foreign minister, spoke to reporters in Moscow on Thursday morning.",
    "Officials in Geneva " + "were busy with other matters that had nothing to do with the talks. " * 8,
    '"We are close to reaching an understanding," he said.',
    "The rest of the article " + "describes the weather and the markets at length. " * 8,
]
TEXT = "\n\n".join(PARAGRAPHS)


def row(content: str, speaker: str | None = None, cue: str | None = None, **extra) -> dict:
    start, end = span(TEXT, content)
    sentence = TEXT.rfind("\n", 0, start) + 1, TEXT.find("\n", end) if "\n" in TEXT[end:] else len(TEXT)
    out = {"start_char": start, "end_char": end, "sentence_start": sentence[0], "sentence_end": sentence[1]}
    for name, needle in (("speaker", speaker), ("cue", cue)):
        if needle:
            out[f"{name}_start"], out[f"{name}_end"] = span(TEXT, needle)
    return {**out, **extra}


def test_widened_cuts_at_word_boundaries_and_never_narrows():
    text = "alpha beta gamma delta epsilon"
    start, end = span(text, "gamma")
    assert widened(text, start, end, 3) == span(text, "gamma")  # 3 characters reach into a word only
    assert text.__getitem__(slice(*widened(text, start, end, 6))) == "beta gamma delta"
    assert widened(text, start, end, 100) == (0, len(text))
    assert widened(text, 0, 3, 0) == (0, 3)  # a piece inside a word stays as given
    spaced = "one\n\n\ntwo three\n\nfour"
    start, end = span(spaced, "three")
    assert widened(spaced, start, end, 5) == (spaced.index("two"), end)  # no blank line at the edges


def test_merged_joins_overlapping_and_whitespace_separated_spans():
    text = "one two  three four"
    assert merged(text, [(8, 13), (0, 3)]) == [(0, 3), (8, 13)]
    assert merged(text, [(0, 7), (9, 14)]) == [(0, 14)]  # only spaces between
    assert merged(text, [(0, 7), (4, 10)]) == [(0, 10)]


def test_a_quote_needs_its_sentence_and_each_mention():
    q = row("We are close to reaching an understanding", speaker="Sergei Ryabkov", cue="said")
    pieces = quote_pieces(q, len(TEXT))
    assert pieces[0] == (q["sentence_start"], q["sentence_end"])
    assert TEXT[slice(*pieces[1])] == "Sergei Ryabkov" and TEXT[slice(*pieces[2])] == "said"
    # offsets that are missing, empty or outside the text are left out
    bad = {**q, "cue_start": None, "speaker_start": 5, "speaker_end": 5, "via_start": 0, "via_end": len(TEXT) + 1}
    assert quote_pieces(bad, len(TEXT)) == [pieces[0]]


def test_the_excerpts_of_an_article_leave_out_what_its_quotes_do_not_need():
    q = row("We are close to reaching an understanding", speaker="Sergei Ryabkov", cue="said")
    excerpts = article_excerpts(TEXT, [q])
    # the speaker's paragraph, far before the quote, is its own excerpt: the text between is left out
    assert len(excerpts) == 2
    first, second = excerpts
    assert first.start_char == 0 and "Sergei Ryabkov" in first.text
    assert TEXT[q["start_char"]:q["end_char"]] in second.text
    for e in excerpts:
        assert TEXT[e.start_char:e.end_char] == e.text  # original offsets
        assert e.text == e.text.strip()  # no whitespace at the edges
    left_out = TEXT[first.end_char:second.start_char]
    assert "nothing to do with the talks. were busy" in left_out
    # context is at most CONTEXT_CHARS either side of a piece
    assert second.start_char >= q["sentence_start"] - CONTEXT_CHARS
    assert second.end_char <= q["sentence_end"] + CONTEXT_CHARS
    assert "weather and the markets" in second.text and not TEXT.endswith(second.text)
    assert article_excerpts(TEXT, []) == []


def test_quotes_whose_excerpts_overlap_share_one():
    a = row("We are close to reaching an understanding", cue="said")
    b = row("Sergei Ryabkov", sentence_start=None, sentence_end=None)
    c = row("spoke to reporters", sentence_start=None, sentence_end=None)
    excerpts = article_excerpts(TEXT, [a, b, c])
    assert len(excerpts) == 2 and excerpts[0].start_char == 0
    assert "spoke to reporters" in excerpts[0].text
