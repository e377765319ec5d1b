"""Outlets: canonical names and kinds of news outlets, from the lexicon's
outlets.csv and from the words of a mention ("the Interfax news agency" ->
"Interfax")."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from .. import lexicon
from .names import fold, is_capitalised

_MARKS = "\"“”‘’'"
_LINKS = ("of", "in", "by", "from")  # a person or a work of an outlet: "X of CNN", "an article in Politico"


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




def named_earlier(name: str, earlier: Iterable[str]) -> str | None:
    """The last of the ``earlier`` names that is a fuller form of ``name``, ending
    with it ("Syria's state TV" for "state TV", "The New York Times" for "Times"),
    else None."""
    tail = f" {fold(name)}"
    longer = [n for n in earlier if f" {fold(n)}".endswith(tail) and fold(n) != fold(name)]
    return longer[-1] if longer else None


def is_listed_outlet(name: str) -> bool:
    """An outlet of the lexicon: named by outlets.csv or detected by its list."""
    return known_outlet(name) is not None or lexicon.names_seed_outlet(name)


def known_outlet(mention: str) -> str | None:
    """The lexicon's canonical name when ``mention`` is one of its outlets or
    aliases ("the RIA news agency" -> "RIA Novosti", "Syria's state news agency"
    -> "SANA"), else None."""
    key = fold(mention)
    known = outlet_lexicon().get(key) or outlet_lexicon().get(key.removeprefix("the ")) \
        or outlet_lexicon().get(f"the {key}")  # "The Hill" is listed with its article
    return known[0] if known else None


def channel_outlet(mention: str) -> str | None:
    """The outlet a channel mention names, or None when it names none.

    Accepted: a known outlet (outlets.csv, "the AP"); a name with an outlet noun
    after it ("the al-Watan newspaper", "Syria's state TV", "Cosmopolitan
    magazine") or with an outlet word in it ("Yahoo News"); an outlet's work
    ("a Bloomberg interview", "a Wall Street Journal essay": the outlet);
    a state outlet described ("state media", "state TV"). Not: an event or a
    document ("a press conference", "a court file"), a bare description ("the
    agency", "his show": an article resolves those to an outlet it named), an
    organisation whose own name ends in Agency ("the International Atomic Energy
    Agency")."""
    words = [w.strip(_MARKS) for w in " ".join(mention.split()).split(", ")[0].split()]
    words = [w for w in words if w]
    show = lexicon.show_outlet(" ".join(words))
    if show:  # "Meet the Press", "This Week": the network's show (shows.csv)
        return known_outlet(show) or show
    lists = lexicon.words()
    while words and (words[0].lower() in lists.determiners or words[0].lower() in lists.possessives):
        words = words[1:]
    whole = known_outlet(" ".join(words))
    if whole:  # "National Review": a name that ends like a work
        return whole
    if "(" in " ".join(words):  # "the Associated Press (AP)": the name before its short form
        return channel_outlet(" ".join(words).split("(")[0])
    words = _without_work(words)
    if not words:
        return None
    for reader in (_owner_of, _known_or_seed, _linked, _after_description):
        found = reader(words)
        if found is not False:
            return found
    return _described_name(words)


def _without_work(words: list[str]) -> list[str]:
    """"a Bloomberg interview" -> "Bloomberg", "Fox News's show" -> "Fox News"."""
    lists = lexicon.words()
    while len(words) > 1 and (fold(words[-1]) in lists.outlet_work_nouns
                              or fold(words[-1]).removesuffix("s") in lists.outlet_work_nouns):
        words = words[:-1]
    if words and words[-1].endswith(("'s", "’s")):
        words = words[:-1] + [words[-1][:-2]]
    return words


# Each reader of a channel mention's words gives the outlet, None (it names none), or
# False (the reader does not apply: try the next).

def _owner_of(words: list[str]) -> str | None | bool:
    """"ABC's This Week", "NBC's Meet the Press": the outlet that owns the show."""
    owner = next((i for i, w in enumerate(words[:-1]) if w.endswith(("'s", "’s"))), None)
    if owner is not None:
        found = channel_outlet(" ".join(words[:owner] + [words[owner][:-2]]))
        if found:
            return found
    return False


def _known_or_seed(words: list[str]) -> str | None | bool:
    """A known outlet, or a well-known name at the start ("Fox News Sunday": a show of
    Fox News; "POLITICO Magazine", "Fox 35": outlets of their own)."""
    lists = lexicon.words()
    candidate = " ".join(words)
    known = known_outlet(candidate)
    if known:
        return known
    span = lexicon.seed_outlet_span(candidate)
    if span == (0, len(candidate)):
        return outlet_name(candidate)
    if span and span[0] == 0 and all(is_capitalised(w) for w in words):
        rest = fold(candidate[span[1]:]).split()
        if rest and all(w in lists.outlet_nouns | lists.outlet_words or w.isdigit() for w in rest):
            return outlet_name(candidate)
        return outlet_name(candidate[span[0]:span[1]])
    return known_outlet(outlet_name(candidate)) or False  # "The Post and Courier newspaper"


def _linked(words: list[str]) -> str | None | bool:
    """"Bill O'Reilly of Fox News", "the MSNBC hosts of Morning Joe", "a new article
    in Politico": a person or a work of an outlet."""
    links = [i for i, w in enumerate(words) if w in _LINKS]
    for i in links:
        found = channel_outlet(" ".join(words[i + 1:])) or channel_outlet(" ".join(words[:i]))
        if found:
            return found
    return None if links else False


def _after_description(words: list[str]) -> str | None | bool:
    """"French television station BFMTV", "the news site RTL Info": the name after its
    description, when it is an outlet's."""
    lists = lexicon.words()
    described = [i for i, w in enumerate(words[:-1]) if w.islower() and fold(w) in lists.outlet_nouns]
    if described and all(is_capitalised(w) for w in words[described[-1] + 1:]):
        found = channel_outlet(" ".join(words[described[-1] + 1:]))
        if found:
            return found
    return False


def _described_name(words: list[str]) -> str | None:
    """A name with an outlet noun after it ("the Interfax news agency", "Syria's state
    TV") or an outlet word in it ("Yahoo News"); a state outlet described ("state
    media"); not "the news outlet" or "a document on the Trump campaign's website"."""
    lists = lexicon.words()
    candidate = " ".join(words)
    describing = lists.outlet_words | lists.outlet_nouns | lists.generic_outlet_words
    if any(w.islower() and "-" not in w and fold(w) not in describing for w in words[:-1]):
        return None
    last = fold(words[-1])
    if last in lists.outlet_nouns and (words[-1].islower() or words[-1].isupper()):  # "newspaper", "TV"
        if any(is_capitalised(w) for w in words[:-1]):
            return outlet_name(candidate)
        if len(words) > 1 and all(w.islower() for w in words[:-1]) and any(
                fold(w).split()[0] in lists.generic_outlet_words for w in words[:-1]):
            return candidate
        return None
    if all(is_capitalised(w) for w in words) and any(
            fold(w) in lists.outlet_words | lists.outlet_nouns and fold(w) not in lists.organisation_outlet_nouns
            for w in words):
        return outlet_name(candidate)
    return None


def bare_outlet_kind(mention: str) -> str | None:
    """"the agency", "the network", "the newspaper": a bare description of an
    outlet (its kind, for finding the outlet the article named), else None."""
    lists = lexicon.words()
    words = [w for w in fold(mention).split() if w not in lists.determiners]
    if not words or len(words) > 2 or not all(w in lists.outlet_nouns | lists.outlet_words for w in words):
        return None
    return outlet_kind([" ".join(words)]) or "outlet"  # "the news outlet": an outlet of any kind
