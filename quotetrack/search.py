"""Folding text for full-text search: one normaliser for the index the store
writes and the queries the site runs, so both read words alike.

SQLite's FTS5 tokenizer (:data:`TOKENIZE`) folds case and diacritics and stems
English words (``talks`` -> ``talk``, ``Sergey`` and ``Sergei`` alike). What it
cannot do is done here, word by word, before the text reaches it:

* apostrophes inside a word are dropped: ``Assad's``, ``Assad’s`` and
  ``Assadʼs`` all read ``Assads`` (which the stemmer reads as ``assad``);
* a word joined by hyphens (``-``, ``‐``, ``‑``, ``‒``, ``–``, ``−``) is
  indexed both ways: the quote's words are in two columns, one with the word
  split (``cease-fire`` -> ``cease`` ``fire``), one with it joined
  (``ceasefire``). A query's hyphenated word asks
  for either, so ``ceasefire``, ``cease-fire`` and ``cease fire`` find a
  ``cease-fire``; a text that says ``ceasefire`` is found by ``ceasefire``
  and ``cease-fire`` (nothing says that ``cease fire`` is one word there).

A quote's two text columns hold one unit per word of the quote, in order,
separated by single spaces (:func:`text_columns`), so FTS5's ``highlight()``
on them says which of the quote's own words matched (:func:`marked_units`):
the page shows the article's words, never the folded ones. Who said it and
through whom (:func:`attribution_parts`) is a third column, its names
separated by ``" | "``.

A query (:func:`parse_query`) is words, ``"quoted phrases"`` and ``OR``
between them; anything else is read as words, so no input is an FTS5 syntax
error. Changing how words are folded here needs a migration that refreshes
the search columns (``store/schema.py``).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Iterable

import attrs

#: the FTS5 tokenizer of every quotetrack search index
TOKENIZE = "porter unicode61 remove_diacritics 2"

#: characters that join two words into one compound ("cease-fire", "US–Russia")
HYPHENS = "-\u2010\u2011\u2012\u2013\u2212"
#: apostrophes inside a word ("Assad's", "Assad’s", "Assadʼs")
APOSTROPHES = "'\u2019\u02bc\u2018\u00b4`"
SOFT_HYPHEN = "\u00ad"
#: the marks FTS5's highlight() is asked to put around a match (private-use
#: characters: never in a search column, whose units are letters and digits)
OPEN, CLOSE = "\ue000", "\ue001"
#: between the names of the attribution column
NAME_SEPARATOR = " | "
#: a query's words and phrases beyond this many are left out
MAX_QUERY_ITEMS = 16

_LETTER = rf"(?:[^\W_]|[\u0300-\u036f{SOFT_HYPHEN}])"  # letters and digits, with combining marks
_WORD = re.compile(rf"{_LETTER}+(?:[{re.escape(HYPHENS + APOSTROPHES)}]{_LETTER}+)*")
_APOSTROPHE = re.compile(f"[{re.escape(APOSTROPHES)}{SOFT_HYPHEN}]")
_HYPHEN = re.compile(f"[{re.escape(HYPHENS)}]")
#: a query's double quotes, straight or typographic
_QUOTE_MARKS = str.maketrans({c: '"' for c in "“”„‟«»"})
#: a "phrase" (its closing mark may be missing) or a run of anything else
_QUERY_PIECE = re.compile(r'"([^"]*)"?|([^\s"]+)')


@attrs.frozen
class Word:
    """One word of a text: where it is, and its parts (one part unless hyphenated)."""

    start: int
    end: int
    parts: tuple[str, ...]

    @property
    def compound(self) -> bool:
        return len(self.parts) > 1

    @property
    def split(self) -> str:
        """The word with its parts kept apart: the tokenizer reads ``cease-fire`` as two words."""
        return "-".join(self.parts)

    @property
    def joined(self) -> str:
        return "".join(self.parts)


def words(text: str) -> list[Word]:
    """The words of ``text``, each with its offsets and its folded parts."""
    result = []
    for match in _WORD.finditer(text or ""):
        folded = _APOSTROPHE.sub("", unicodedata.normalize("NFC", match.group()))
        parts = tuple(p for p in _HYPHEN.split(folded) if p)
        result.append(Word(start=match.start(), end=match.end(), parts=parts))
    return result


# -- the index ------------------------------------------------------------------


def text_columns(text: str) -> tuple[str, str]:
    """A quote's ``search_text`` and ``search_joined``: one unit per word of
    ``text``, separated by single spaces, hyphenated words split in the first
    (``cease-fire``, which the tokenizer reads as two words) and joined in the
    second (``ceasefire``). Every other word is in both, so a word found as
    typed counts twice, a word found only through its hyphen once."""
    found = words(text)
    return " ".join(w.split for w in found), " ".join(w.joined for w in found)


def names_text(names: Iterable[str | None]) -> str:
    """Names folded for the index, each hyphenated word also joined
    (``Al-Jazeera`` -> ``Al-Jazeera AlJazeera``), separated by :data:`NAME_SEPARATOR`;
    a name without a word is left out."""
    return NAME_SEPARATOR.join(units for units in map(_name_units, names) if units)


@functools.lru_cache(maxsize=1 << 16)  # the same few names come with every quote of a speaker or outlet
def _name_units(name: str | None) -> str:
    found = words(name or "")
    return " ".join([w.split for w in found] + [w.joined for w in found if w.compound])


#: the fields of :func:`attribution_parts`, in their order
ATTRIBUTION_FIELDS = ("speaker", "speaker alias", "role", "via", "via alias", "publisher", "publisher alias", "cue")


def attribution_parts(speaker: str | None = None, speaker_aliases: Iterable[str] = (), role: str | None = None,
                      via: str | None = None, via_aliases: Iterable[str] = (), publisher: str | None = None,
                      publisher_aliases: Iterable[str] = (), cue: str | None = None) -> list[tuple[str, str]]:
    """Who said a quote, in what role, through which outlet, in which, with
    what verb, as (field, name) pairs in the order of ATTRIBUTION_FIELDS: each
    name once (under its first field), none without a word."""
    given = zip(ATTRIBUTION_FIELDS, ([speaker], speaker_aliases, [role], [via], via_aliases, [publisher],
                                     publisher_aliases, [cue]))
    seen, parts = set(), []
    for field, names in given:
        for name in names:
            key = _name_units(name).casefold()
            if key and key not in seen:
                seen.add(key)
                parts.append((field, name))
    return parts


def attribution_text(parts: list[tuple[str, str]]) -> str:
    """The ``search_attribution`` column of :func:`attribution_parts`."""
    return names_text(name for _, name in parts)


# -- reading highlight() back -----------------------------------------------------


def marked_units(highlighted: str | None, separator: str = " ") -> list[bool]:
    """Which units of a search column FTS5's ``highlight(…, OPEN, CLOSE)`` marked
    (a phrase's mark may span several units)."""
    if not highlighted:
        return []
    marked, inside = [], False
    for unit in highlighted.split(separator):
        marked.append(inside or OPEN in unit)
        opened, closed = unit.rfind(OPEN), unit.rfind(CLOSE)
        if opened != closed:
            inside = opened > closed
    return marked


# -- queries --------------------------------------------------------------------


@attrs.frozen
class Query:
    """A search as typed and as an FTS5 MATCH expression ("" when it has no word)."""

    text: str
    match: str
    items: tuple[str, ...] = ()  # the words and phrases searched for, as typed
    truncated: bool = False  # more than MAX_QUERY_ITEMS words and phrases: the rest left out


def parse_query(text: str) -> Query:
    """Words (all of them must match), ``"phrases"`` and ``OR`` (either
    neighbour), folded as the index is: ``"aid and cease-fire"`` finds the
    phrase with ``cease-fire`` joined or split."""
    text = (text or "").strip()
    groups: list[list[str]] = []
    shown: list[str] = []
    pending_or = False
    truncated = False
    for match in _QUERY_PIECE.finditer(text.translate(_QUOTE_MARKS)):
        phrase, bare = match.group(1), match.group(2)
        if bare == "OR":
            pending_or = bool(groups)
            continue
        found = words(phrase if phrase is not None else bare)
        if not found:
            continue
        if len(shown) == MAX_QUERY_ITEMS:
            truncated = True
            break
        expression = _phrase(found)
        shown.append(f'"{phrase}"' if phrase is not None else bare)
        if pending_or:
            groups[-1].append(expression)
        else:
            groups.append([expression])
        pending_or = False
    match = " AND ".join(g[0] if len(g) == 1 else "(" + " OR ".join(g) + ")" for g in groups)
    return Query(text=text, match=match, items=tuple(shown), truncated=truncated)


def _phrase(found: list[Word]) -> str:
    """One word or phrase as FTS5 strings: with a hyphenated word, the phrase
    with it joined or with it split."""
    joined = _fts_string(" ".join(w.joined for w in found))
    if not any(w.compound for w in found):
        return joined
    split = _fts_string(" ".join(" ".join(w.parts) for w in found))
    return f"({joined} OR {split})"


def _fts_string(words_text: str) -> str:
    # folded words are letters and digits only; doubling any quote keeps the string closed regardless
    return '"' + words_text.replace('"', '""') + '"'
