"""Sentences the tokenizer cuts in mid-name are joined again before parsing."""

import pytest

from quotetrack.parse.parser import join_runs, rejoin_sentences, runs_on


@pytest.mark.parametrize("word", ["Lester", "New", "ABC", "Mrs.", "Sen.", "expects", ",", "—"])
def test_a_sentence_ending_in_a_word_title_comma_or_dash_runs_on(word):
    assert runs_on(word)


@pytest.mark.parametrize("word", [".", "?", "!", "…", "”", "'", ")", ":", ";", "U.S.", "a.m.", "Nev."])
def test_a_sentence_ending_in_punctuation_or_an_abbreviation_ends(word):
    assert not runs_on(word)


def _sent(start, *texts):
    """A tokenized sentence in Document.to_dict() form; "can't" becomes an MWT."""
    entries, wid, pos = [], 1, start
    for text in texts:
        if text == "can't":
            entries += [{"id": (wid, wid + 1), "text": text, "start_char": pos, "end_char": pos + 5},
                        {"id": wid, "text": "ca"}, {"id": wid + 1, "text": "n't"}]
            wid += 2
        else:
            entries.append({"id": wid, "text": text, "start_char": pos, "end_char": pos + len(text)})
            wid += 1
        pos += len(text) + 1
    return entries


def test_sentences_cut_in_mid_name_are_joined_with_ids_renumbered():
    first = _sent(0, "Bombs", "went", "off", "in", "New")
    second = _sent(26, "York", "and", "we", "can't", "say", ".")
    third = _sent(52, "Fine", ".")
    joined = join_runs([first, second, third])
    assert len(joined) == 2
    assert [e["text"] for e in joined[0]][4:7] == ["New", "York", "and"]
    assert [e["id"] for e in joined[0]] == [1, 2, 3, 4, 5, 6, 7, 8, (9, 10), 9, 10, 11, 12]
    assert joined[1] == third
    assert first[-1]["id"] == 5 and second[0]["id"] == 1  # the input is left as it was


def test_joining_stops_at_the_length_bound():
    long = _sent(0, *["word"] * 148)
    assert len(join_runs([long, _sent(800, "more", ".")])) == 1
    assert len(join_runs([long + _sent(750, "x"), _sent(800, "more", ".")])) == 2


def test_a_document_keeps_its_offsets_when_sentences_are_joined():
    import stanza

    text = "Bombs went off in New York . Fine ."
    doc = stanza.Document([_sent(0, "Bombs", "went", "off", "in", "New"),
                           _sent(22, "York", "."), _sent(29, "Fine", ".")], text=text)
    joined = rejoin_sentences(doc)
    assert [s.text for s in joined.sentences] == ["Bombs went off in New York .", "Fine ."]
    assert [(t.start_char, t.end_char) for t in joined.sentences[0].tokens][-2:] == [(22, 26), (27, 28)]
    whole = stanza.Document([_sent(0, "Fine", ".")], text="Fine.")
    assert rejoin_sentences(whole) is whole


def test_the_parser_joins_a_name_the_tokenizer_splits(parser):
    # the bundled tokenizer ends a sentence after "New" here
    text = ("\u201cI must tell you that just before I got off the plane a bomb went off in New York "
            "and nobody knows exactly what\u2019s going on,\u201d he said.")
    doc = parser.parse(text)
    assert len(doc.sentences) == 1
    words = {w.text: w for w in doc.sentences[0].words}
    assert words["New"].head == words["York"].id
    assert parser.versions()["sentences"]
