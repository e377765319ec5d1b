"""Whose statement: which speakers two quotes must have to report one statement.

A person, an organisation or an outlet is one entity: two quotes must have the
same speaker entity. A *group* ("rebels", "opposition fighters", "residents of
rebel-held areas") is looser, since articles describe a crowd in their own
words: two groups are compatible when their head nouns name the same group
(group_nouns.csv; a generic head such as "fighters" or "factions" is named by
its modifiers, group_modifiers.csv: "opposition fighters" are the armed
opposition, as "rebels" are) and their modifiers do not disagree (no two
different countries: "Syrian rebels" and "Kurdish rebels" … "Iraqi rebels").

Headlines and ledes summarise the body in other words, and often name the
state for its minister ("Russia says …" for Ryabkov): a quote at the top of an
article may join a body quote of its own article whose speaker's name or role
names the same country (:func:`top_compatible`).
"""

from __future__ import annotations

from .. import lexicon
from ..resolve.names import countries_named, country_of_capital, fold, organisation_kind

GROUP = "group"
#: words of a group's name that say nothing of who it is ("increasingly cornered")
_NOT_MODIFIERS = frozenset({"the", "a", "an", "some", "many", "several", "other", "most", "all",
                            "increasingly", "cornered", "besieged", "embattled", "remaining", "local"})


def _group_words(name: str) -> tuple[str, list[str]]:
    """(head noun, modifiers) of a group's name: "residents of rebel-held areas"
    -> ("residents", ["rebel", "held", "areas"])."""
    words = fold(name).replace("-", " ").split()
    if "of" in words[1:]:
        at = words.index("of")
        head, modifiers = words[at - 1], words[: at - 1] + words[at + 1:]
    else:
        head, modifiers = (words[-1] if words else ""), words[:-1]
    return head, [w for w in modifiers if w not in _NOT_MODIFIERS]


def group_key(name: str) -> str:
    """The group a group speaker's name names: "opposition fighters" and
    "rebels" -> "armed opposition"; a head the lists do not know names itself."""
    head, modifiers = _group_words(name)
    nouns, named_by = lexicon.words().group_nouns, lexicon.words().group_modifiers
    if head in nouns and nouns[head] is not None:
        return nouns[head]
    if head in nouns:  # generic: "fighters", "factions"
        for word in modifiers:
            if word in named_by:
                return named_by[word]
        return " ".join([*modifiers[:1], head])
    return head


def _countries(name: str | None, role: str | None = None) -> set[str]:
    text = " ".join(t for t in (name, role) if t)
    found = set(countries_named(text))
    demonyms = lexicon.words().demonyms
    found |= {demonyms[w] for w in fold(text).split() if w in demonyms}
    capital = country_of_capital(name or "")
    if capital:
        found.add(capital)
    return found


def block_key(speaker_id: str | None, speaker_type: str, speaker_name: str | None) -> str | None:
    """Quotes can be one statement only within one block: a speaker entity, or
    for groups the group they name."""
    if speaker_id is None:
        return None
    if speaker_type == GROUP and speaker_name:
        return f"group:{group_key(speaker_name)}"
    return f"entity:{speaker_id}"


def compatible(a_id: str | None, a_type: str, a_name: str | None,
               b_id: str | None, b_type: str, b_name: str | None) -> bool:
    """Whether two quotes' speakers may have made one statement."""
    if a_id is None or b_id is None:
        return False
    if a_id == b_id:
        return True
    if a_type != GROUP or b_type != GROUP or not a_name or not b_name:
        return False
    if group_key(a_name) != group_key(b_name):
        return False
    ca, cb = _countries(a_name), _countries(b_name)
    return not (ca and cb and not ca & cb)


def top_compatible(top_id: str | None, top_type: str, top_name: str | None,
                   body_id: str | None, body_type: str, body_name: str | None,
                   body_role: str | None) -> bool:
    """Whether a headline's or lede's speaker may be the body quote's: any
    compatible speaker, none at all (an unattributed headline), or a state or
    government for its official ("Russia says" / Russian Deputy Foreign Minister
    Sergei Ryabkov)."""
    if top_id is None:
        return body_id is not None
    if compatible(top_id, top_type, top_name, body_id, body_type, body_name):
        return True
    if top_type not in ("organisation", "unknown") or body_id is None:
        return False
    top_countries = _countries(top_name)
    return bool(top_countries & _countries(body_name, body_role)) \
        and organisation_kind(top_name or "") == "government"
