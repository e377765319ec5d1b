"""The search normaliser (quotetrack/search.py): words folded alike for the
index and the queries, and the MATCH expressions a query becomes; checked
against SQLite's own FTS5 with the index's tokenizer."""

from __future__ import annotations

import sqlite3

import pytest

from quotetrack import search


def _parts(text):
    return [w.parts for w in search.words(text)]


def test_apostrophes_inside_a_word_are_dropped_whichever_is_typed():
    for text in ("Assad's", "Assad’s", "Assadʼs", "Assad‘s"):
        assert _parts(text) == [("Assads",)], text
    # quotation marks around words are no part of them
    assert _parts("'close' and ‘near’") == [("close",), ("and",), ("near",)]
    assert _parts("won't") == [("wont",)]


def test_hyphenated_words_have_their_parts_and_keep_their_offsets():
    text = "a cease-fire, a US–Russia deal and a non‑stop push"
    found = search.words(text)
    assert [w.parts for w in found] == [("a",), ("cease", "fire"), ("a",), ("US", "Russia"), ("deal",),
                                        ("and",), ("a",), ("non", "stop"), ("push",)]
    assert [text[w.start:w.end] for w in found][1] == "cease-fire"
    assert (found[1].split, found[1].joined) == ("cease-fire", "ceasefire")
    # a dash between spaced words joins nothing; a soft hyphen is invisible
    assert _parts("Aleppo — the city") == [("Aleppo",), ("the",), ("city",)]
    assert _parts("cease\u00adfire") == [("ceasefire",)]


def test_words_are_letters_and_digits_with_their_accents():
    assert _parts("Sergéy Lavrov, 200,000 people") == [("Sergéy",), ("Lavrov",), ("200",), ("000",), ("people",)]
    decomposed = "Serge\u0301y"
    assert [decomposed[w.start:w.end] for w in search.words(decomposed)] == [decomposed]
    assert _parts("snake_case <b>markup</b> & more") == [("snake",), ("case",), ("b",), ("markup",), ("b",),
                                                         ("more",)]


def test_the_text_columns_hold_one_unit_per_word():
    text_column, joined = search.text_columns("The cease-fire, Assad's forces said.")
    assert text_column == "The cease-fire Assads forces said"
    assert joined == "The ceasefire Assads forces said"
    assert search.text_columns("No hyphen here") == ("No hyphen here", "No hyphen here")


def test_names_are_indexed_split_and_joined_each_once():
    parts = search.attribution_parts(speaker="Russia", speaker_aliases=["Moscow"], role="Government",
                                     via="Al-Jazeera", via_aliases=["Al Jazeera", "al-jazeera"],
                                     publisher="Al-Jazeera", cue="said")
    assert parts == [("speaker", "Russia"), ("speaker alias", "Moscow"), ("role", "Government"),
                     ("via", "Al-Jazeera"), ("via alias", "Al Jazeera"), ("cue", "said")]
    assert search.attribution_text(parts) == "Russia | Moscow | Government | Al-Jazeera AlJazeera | Al Jazeera | said"
    assert search.attribution_parts(speaker=None, role="", cue="—") == []


def test_marked_units_follow_a_mark_across_units():
    o, c = search.OPEN, search.CLOSE
    assert search.marked_units(f"the {o}cease-fire{c} must hold") == [False, True, False, False]
    assert search.marked_units(f"aid {o}and cease-fire{c} efforts") == [False, True, True, False]
    assert search.marked_units(f"{o}a{c} b {o}c{c}") == [True, False, True]
    assert search.marked_units(f"  {o}ceasefire{c} ") == [False, False, True, False]
    assert search.marked_units(f"Russia | {o}Moscow{c} | said", search.NAME_SEPARATOR) == [False, True, False]
    assert search.marked_units(None) == []


@pytest.mark.parametrize("typed,match", [
    ("ceasefire", '"ceasefire"'),
    ("cease-fire", '("ceasefire" OR "cease fire")'),
    ("Assad’s forces", '"Assads" AND "forces"'),
    ('"aid and cease-fire efforts"', '("aid and ceasefire efforts" OR "aid and cease fire efforts")'),
    ("“humanitarian corridor” Aleppo", '"humanitarian corridor" AND "Aleppo"'),
    ("truce OR ceasefire Aleppo", '("truce" OR "ceasefire") AND "Aleppo"'),
    ("OR truce OR", '"truce"'),
    ("200,000", '"200 000"'),
    ('"unclosed phrase', '"unclosed phrase"'),
    ('AND NOT NEAR(x) * ^ "" -', '"AND" AND "NOT" AND "NEAR x"'),
    ("!!! ---", ""),
])
def test_queries_become_fts5_strings(typed, match):
    assert search.parse_query(typed).match == match


def test_a_long_query_is_cut_and_says_so():
    query = search.parse_query(" ".join(f"w{i}" for i in range(30)))
    assert query.truncated and len(query.items) == search.MAX_QUERY_ITEMS
    assert query.match.count(" AND ") == search.MAX_QUERY_ITEMS - 1
    assert not search.parse_query("a b").truncated


# -- against SQLite's FTS5 -----------------------------------------------------------

TEXTS = {
    1: "Russian Federation is at fault for blocking humanitarian aid and cease-fire efforts",
    2: "an immediate five-day ceasefire",
    3: "a cease fire now",
    4: "talk of leaving Aleppo, and Assad’s government has",
    5: "Sergéy said the talks go on",
}


@pytest.fixture(scope="module")
def index():
    conn = sqlite3.connect(":memory:")
    conn.execute(f"create virtual table t using fts5(search_text, search_joined, tokenize='{search.TOKENIZE}')")
    for rowid, text in TEXTS.items():
        conn.execute("insert into t (rowid, search_text, search_joined) values (?, ?, ?)",
                     [rowid, *search.text_columns(text)])
    yield conn
    conn.close()


def _found(index, typed):
    return {r[0] for r in index.execute("select rowid from t where t match ?", [search.parse_query(typed).match])}


@pytest.mark.parametrize("typed,rows", [
    ("ceasefire", {1, 2}),  # a text that only says "cease fire" is no compound to join
    ("cease-fire", {1, 2, 3}),
    ("cease fire", {1, 3}),
    ('"aid and ceasefire efforts"', {1}),
    ('"aid and cease fire efforts"', {1}),
    ("Assad's", {4}), ("Assad", {4}), ("assads", {4}),
    ("Sergey", {5}), ("sergei", {5}), ("talk", {4, 5}),  # accents, stems
    ("five-day", {2}), ("fiveday", {2}),
    ("NOT OR fault", {1}), ('NOT NEAR "', set()), ("NEAR(", set()),
])
def test_the_folded_query_finds_what_the_folded_index_holds(index, typed, rows):
    assert _found(index, typed) == rows
