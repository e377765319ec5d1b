"""Outlets: canonical names and kinds of news outlets, from the seed lexicon
and from the words of a mention ("the Interfax news agency" -> "Interfax")."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from .names import (
    OUTLET_WORDS,
    fold,
    is_capitalised,
)



@lru_cache(maxsize=1)
def outlet_rows() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(name, type, aliases) of each well-known outlet in data/outlets.csv: a seed,
    not a limit; outlets it does not list resolve by their own names."""
    text = resources.files("quotetrack").joinpath("data/outlets.csv").read_text("utf-8")
    return tuple(
        (row["name"], row["type"], tuple(filter(None, row["aliases"].split("|"))))
        for row in csv.DictReader(text.splitlines())
    )


@lru_cache(maxsize=1)
def outlet_lexicon() -> dict[str, tuple[str, str]]:
    """folded name or alias -> (canonical name, outlet type)."""
    return {
        fold(alias): (name, type_)
        for name, type_, aliases in outlet_rows()
        for alias in (name, *aliases)
    }


_GENERIC_OUTLET_TAIL = ("news agency", "newspaper", "agency", "daily", "website", "news")


def outlet_name(mention: str) -> str:
    """Canonical outlet name: the lexicon's when known, else the mention without
    its determiner and generic tail ("the al-Watan newspaper" -> "al-Watan")."""
    mention = mention.split(", ")[0]  # "the al-Watan newspaper, Assad": an apposition is no part of it
    key = fold(mention)
    if key.startswith("the "):
        key = key[4:]
    lexicon = outlet_lexicon()
    if key in lexicon:
        return lexicon[key][0]
    words = mention.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    # a name under describing words: "the state-owned al-Watan newspaper"
    while len(words) > 1 and words[0].islower() and not is_capitalised(words[0]) and any(
            is_capitalised(w) and fold(w) not in OUTLET_WORDS for w in words[1:]):
        words = words[1:]
    stripped = " ".join(words)
    for tail in _GENERIC_OUTLET_TAIL:
        n = len(tail.split())
        if fold(stripped).endswith(" " + tail) and len(words) > n and is_capitalised(words[-n - 1]):
            # "the Interfax news agency" -> "Interfax"; "Syria's state news agency" stays whole
            stripped = " ".join(words[:-n])
            break
    return lexicon.get(fold(stripped), (stripped, ""))[0]


_OUTLET_KIND_WORDS = (
    ("agency", ("agency", "wire", "news service")),
    ("newspaper", ("newspaper", "daily", "weekly", "times", "post", "journal")),
    ("broadcaster", ("tv", "television", "radio", "channel", "broadcaster", "network")),
    ("website", ("website", "online", "blog")),
)


def outlet_kind(names: Iterable[str]) -> str | None:
    """agency / newspaper / broadcaster / website: the seed lexicon's, else the
    names' words ("the X news agency", "state TV"), else None."""
    names = list(names)
    for name in names:
        known = outlet_lexicon().get(fold(name))
        if known and known[1]:
            return known[1]
    for kind, words in _OUTLET_KIND_WORDS:
        if any(f" {w} " in f" {fold(n)} " for n in names for w in words):
            return kind
    return None


