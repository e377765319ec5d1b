"""Outlets: canonical names and kinds of news outlets, from the lexicon's
outlets.csv and from the words of a mention ("the Interfax news agency" ->
"Interfax")."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from .. import lexicon
from .names import fold, is_capitalised


@lru_cache(maxsize=1)
def outlet_lexicon() -> dict[str, tuple[str, str | None]]:
    """folded name or alias -> (canonical name, outlet kind), of the outlets
    outlets.csv lists for naming: a seed, not a limit; outlets it does not list
    resolve by their own names."""
    return {
        fold(alias): (outlet.name, outlet.kind)
        for outlet in lexicon.words().outlets
        for alias in (outlet.name, *outlet.aliases)
    }


def outlet_name(mention: str) -> str:
    """Canonical outlet name: the lexicon's when known, else the mention without
    its determiner and generic tail ("the al-Watan newspaper" -> "al-Watan")."""
    mention = mention.split(", ")[0]  # "the al-Watan newspaper, Assad": an apposition is no part of it
    key = fold(mention)
    if key.startswith("the "):
        key = key[4:]
    known = outlet_lexicon()
    if key in known:
        return known[key][0]
    words = mention.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    # a name under describing words: "the state-owned al-Watan newspaper"
    outlet_words = lexicon.words().outlet_words
    while len(words) > 1 and words[0].islower() and not is_capitalised(words[0]) and any(
            is_capitalised(w) and fold(w) not in outlet_words for w in words[1:]):
        words = words[1:]
    stripped = " ".join(words)
    for tail in lexicon.words().outlet_tails:  # "news agency" before "agency"
        n = len(tail.split())
        if fold(stripped).endswith(" " + tail) and len(words) > n and is_capitalised(words[-n - 1]):
            # "the Interfax news agency" -> "Interfax"; "Syria's state news agency" stays whole
            stripped = " ".join(words[:-n])
            break
    return known.get(fold(stripped), (stripped, ""))[0]


def outlet_kind(names: Iterable[str]) -> str | None:
    """agency / newspaper / broadcaster / website: the seed lexicon's, else the
    names' words ("the X news agency", "state TV"), else None."""
    names = list(names)
    for name in names:
        known = outlet_lexicon().get(fold(name))
        if known and known[1]:
            return known[1]
    for kind, words in lexicon.words().outlet_kind_words:
        if any(f" {w} " in f" {fold(n)} " for n in names for w in words):
            return kind
    return None


