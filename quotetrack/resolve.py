"""Resolution: speaker and outlet mentions -> entities.

Two steps, both pure functions:

* :func:`resolve_article` ties each quote's speaker mention to a name within its
  article: a pronoun to the person last named before it, a surname to the full
  name introduced earlier, a description ("the minister") to the last speaker
  with that role, a continuation to the quote it continues. Where nothing
  settles it the speaker stays unresolved, with the mention kept: a wrong name
  is worse than none.
* :func:`resolve_corpus` merges names across articles into entities (one per
  real person or organisation, conservatively) and outlets into outlet
  entities, with aliases and roles, and gives every quote its entity IDs.
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

import attrs
from rapidfuzz.distance import JaroWinkler

from . import ids
from .names import (
    OUTLET_WORDS,
    PRONOUNS,
    acronym,
    document_author,
    entity_name,
    fold,
    gender_of,
    is_capitalised,
    country_of_capital,
    is_country_or_capital,
    is_indefinite_description,
    looks_anonymous,
    mention_type,
    name_parts,
    organisation_kind,
    split_name_role,
)
from .records import Article, Entity, ParsedDoc, Quote, ResolvedQuote

FIRST_NAME_SIMILARITY = 0.85  # Jaro-Winkler: "Sergei"/"Sergey" 0.93, "John"/"Joan" 0.88
PRONOUN_WINDOW = 1500  # characters back to look for a pronoun's antecedent
ANONYMITY_WINDOW = 80  # characters after a mention searched for "declined to be identified"


# --------------------------------------------------------------------------
# within an article


@attrs.frozen
class _Known:
    """A speaker named in the article so far."""

    name: str | None  # None for an anonymous source
    role: str | None
    type: str
    position: int
    salient: bool = True  # the subject of its clause, or a speaker (pronouns prefer these)
    speaker: bool = False  # the speaker of an earlier quote (pronouns prefer these most)


def resolve_article(article: Article, doc: ParsedDoc, quotes: list[Quote]) -> list[ResolvedQuote]:
    """Each quote with its speaker named as precisely as the article allows."""
    known = _named_people(doc)
    genders: dict[str, str] = {}  # name -> "m"/"f", from titles, roles and pronouns seen
    for k in known:
        _note_gender(genders, k.name, gender_of(k.name, k.role))
    quote_ids = [ids.quote_id(article.sha256, q.start_char, q.end_char) for q in quotes]
    contents = [(q.start_char, q.end_char) for q in quotes]
    resolved: list[ResolvedQuote] = []
    for index, quote in enumerate(quotes):
        name, role, type_, how = _resolve_speaker(quote, resolved, known, doc.text, genders, contents)
        if name and type_ == "person":
            if how == "pronoun":
                _note_gender(genders, name, PRONOUNS.get(quote.speaker.text.strip().lower()))
            else:
                _note_gender(genders, name, gender_of(quote.speaker.text, role))
        if name and how in ("name", "surname") and type_ == "person":
            known.append(_Known(name, role, type_, quote.speaker.start_char))
        resolved.append(
            ResolvedQuote(
                quote_id=quote_ids[index],
                doc=article.doc,
                quote=quote,
                speaker_name=name,
                speaker_role=role,
                speaker_type=type_,
                resolution=how,
                via_outlet_name=outlet_name(quote.via_outlet.text) if quote.via_outlet else None,
                continues_id=_index_or_none(quote_ids, quote.continues),
            )
        )
    return _generic_outlets_named_earlier(_roles_named_later(resolved, known))


# the first word of a generic outlet description ("State TV said …" at a sentence start)
_GENERIC_OUTLET_WORDS = frozenset("state national local public official government pro-government "
                                  "opposition independent foreign".split())


def _generic_outlets_named_earlier(resolved: list[ResolvedQuote]) -> list[ResolvedQuote]:
    """"according to state TV" after "Syria's state TV said": a generic outlet
    description ("state TV", "state media": no name in it) takes the fuller name
    this article gave it before, as a surname takes the full name."""
    seen: list[str] = []

    def fuller(name: str) -> str:
        words = name.split()
        generic = len(words) > 1 and (words[0].islower() or fold(words[0]) in _GENERIC_OUTLET_WORDS) and all(
            not w[:1].isupper() or fold(w) in OUTLET_WORDS for w in words[1:])
        named = not generic
        tail = f" {fold(name)}"
        earlier = [n for n in seen if f" {fold(n)}".endswith(tail) and fold(n) != fold(name)]
        if named:
            return name
        return earlier[-1] if earlier else name[:1].lower() + name[1:]  # "State TV said" at a sentence start

    out = []
    for r in resolved:  # in text order
        changes = {}
        if r.speaker_type == "outlet" and r.speaker_name:
            changes["speaker_name"] = fuller(r.speaker_name)
            seen.append(changes["speaker_name"])
        if r.via_outlet_name:
            changes["via_outlet_name"] = fuller(r.via_outlet_name)
            seen.append(changes["via_outlet_name"])
        out.append(attrs.evolve(r, **changes) if changes else r)
    return out


def _roles_named_later(resolved: list[ResolvedQuote], known: list[_Known]) -> list[ResolvedQuote]:
    """A headline or lead that gives a full role before the name ("Russian deputy
    foreign minister says …", then "Russian Deputy Foreign Minister Sergei Ryabkov
    said"): the one person in the article with exactly that role, when there is one."""
    people = known + _known_from(resolved)
    out = []
    for r in resolved:
        role = r.speaker_role
        if (r.resolution == "unresolved" and r.speaker_type == "unknown" and r.speaker_name is None
                and role and len(role.split()) >= 2):
            named = {k.name: k for k in people if k.type == "person" and k.role and fold(k.role) == fold(role)}
            if len(named) == 1:
                k = next(iter(named.values()))
                r = attrs.evolve(r, speaker_name=k.name, speaker_role=k.role, speaker_type="person",
                                 resolution="description")
        out.append(r)
    return out


def _index_or_none(items: list, index: int | None):
    return items[index] if index is not None and 0 <= index < len(items) else None


def _note_gender(genders: dict[str, str], name: str, gender: str | None) -> None:
    if gender in ("m", "f"):
        genders.setdefault(name, gender)


def _named_people(doc: ParsedDoc) -> list[_Known]:
    """People named in the article (runs of proper nouns with a title or two
    name words), as antecedents for pronouns and surnames. A run that modifies
    a noun ("Syrian Arab Red Crescent teams") names no one; a run that is the
    subject of its clause is salient. A surname alone ("Trump has record low
    support") names the person given in full before it, so that a later pronoun
    finds the subject it continues."""
    found = []
    singles = []  # (word, sentence) of lone proper nouns
    for sent in doc.sentences:
        run: list = []
        for word in list(sent.words) + [None]:
            if word is not None and word.upos == "PROPN":
                run.append(word)
                continue
            before = sent.words[run[0].index - 1] if run and run[0].index > 0 else None
            # "the United States": people's names take no article
            modifier = run and run[-1].deprel == "compound" and word is not None and word.upos == "NOUN"
            if len(run) >= 2 and not (before and before.lemma.lower() == "the") and not modifier:
                run = _with_title_words(sent, run)
                start = run[0].start_char
                mention = doc.text[start : run[-1].end_char]
                name, role = split_name_role(mention)
                if name and mention_type(mention, name, role) == "person":
                    subject = any(w.deprel.startswith("nsubj") for w in run)
                    found.append(_Known(name, role, "person", start, salient=subject))
            elif len(run) == 1 and run[0].deprel.startswith("nsubj"):
                singles.append(run[0])
            run = []
    return sorted(found + _surname_subjects(singles, found), key=lambda k: k.position)


def _surname_subjects(words: list, full: list[_Known]) -> list[_Known]:
    """Lone proper-noun subjects that are the surname of exactly one person named
    in full earlier in the article."""
    out = []
    for w in words:
        earlier = {k.name: k for k in full if k.position < w.start_char and name_parts(k.name)[0]
                   and name_parts(k.name)[1] == fold(w.text)}
        if len(earlier) == 1:
            k = next(iter(earlier.values()))
            out.append(_Known(k.name, k.role, "person", w.start_char, salient=True))
    return out


def _with_title_words(sent, run: list) -> list:
    """A name's run of proper nouns with the adjectives and nouns before it that
    modify it: "Russian" and "ICRC spokesman" are part of the role."""
    ids = {w.id for w in run}
    i = run[0].index - 1
    while i >= 0:
        w = sent.words[i]
        if w.upos not in ("ADJ", "NOUN", "PROPN") or w.deprel not in ("amod", "compound") or w.head not in ids:
            break
        ids.add(w.id)
        run = [w] + run
        i -= 1
    return run


def _resolve_speaker(quote, resolved, known, text, genders, contents):
    if quote.speaker is None:
        if quote.continues is not None and quote.continues < len(resolved):
            prev = resolved[quote.continues]
            return prev.speaker_name, prev.speaker_role, prev.speaker_type, "continuation"
        return None, None, "unknown", "unresolved"
    mention = quote.speaker.text
    position = quote.speaker.start_char
    low = mention.strip().lower()
    if low in PRONOUNS:
        return _resolve_pronoun(low, position, resolved, known, genders, _window_start(text, position),
                                contents, text)
    mention = document_author(mention) or mention  # "a statement … by the Foreign Ministry"
    name, role = split_name_role(mention)
    following = text[quote.speaker.end_char : quote.speaker.end_char + ANONYMITY_WINDOW]
    type_ = mention_type(mention, name, role)
    if looks_anonymous(mention, following.split(".")[0]) or is_indefinite_description(mention, name):
        return None, role or mention, "anonymous", "unresolved"
    if name is None:
        # a description: "the minister", "the spokesman", "the official" (who may be
        # an anonymous source described before)
        if type_ in ("unknown",) and role:
            head = fold(role).split()[-1:]
            earlier = known + _known_from(resolved) + _anonymous_from(resolved)
            for k in sorted(earlier, key=lambda k: -k.position):
                if k.position < position and k.role and head and head[0] in fold(k.role).split():
                    return k.name, k.role, k.type, "description"
            return None, role, "unknown", "unresolved"
        return entity_name(mention, None), None, type_, "name"
    if type_ == "person" and len(name.split()) >= 2:
        return name, role, "person", "name"
    if len(name.split()) == 1 and type_ in ("person", "unknown", "organisation"):
        # a surname: the full name introduced before (or, failing that, after);
        # a person named in the article wins over a place ("Washington")
        last = fold(name)
        candidates = [k for k in known + _known_from(resolved) if k.type == "person" and name_parts(k.name)[1] == last]
        earlier = [k for k in candidates if k.position < position]
        pick = max(earlier, key=lambda k: k.position) if earlier else (min(candidates, key=lambda k: k.position) if candidates else None)
        if pick is not None:
            return pick.name, role or pick.role, "person", "surname"
        if type_ != "organisation":
            return name, role, type_, "name"
    if type_ == "outlet":  # "state TV" is the outlet's name, not a role and a name
        return entity_name(mention, None), None, type_, "name"
    if type_ == "organisation" and role and role == role.lower():
        return name, role, type_, "name"  # "its ally Russian Federation"
    return entity_name(mention, name), role, type_, "name"


def _known_from(resolved: list[ResolvedQuote]) -> list[_Known]:
    return [
        _Known(r.speaker_name, r.speaker_role, r.speaker_type, r.quote.speaker.start_char, speaker=True)
        for r in resolved
        if r.speaker_name and r.quote.speaker is not None
    ]


def _anonymous_from(resolved: list[ResolvedQuote]) -> list[_Known]:
    """Anonymous sources described earlier ("one opposition official, who declined
    to be identified"): a later "the official" is the same unnamed source."""
    return [
        _Known(None, r.speaker_role, "anonymous", r.quote.speaker.start_char, speaker=True)
        for r in resolved
        if r.speaker_type == "anonymous" and r.speaker_role and r.quote.speaker is not None
    ]


def _window_start(text: str, position: int) -> int:
    """Where a pronoun's antecedent may start: the paragraph before the pronoun's
    (news paragraphs are short), and at most PRONOUN_WINDOW characters back."""
    start = text.rfind("\n", 0, position) + 1  # this paragraph
    before = text[:start].rstrip()  # blank lines between paragraphs skipped
    if before:
        start = before.rfind("\n") + 1
    return max(start, position - PRONOUN_WINDOW)


_SENTENCE_END_RE = re.compile(r"[.!?][\"'”’]?\s|\n")


def _same_sentence(text: str, start: int, end: int) -> bool:
    """No sentence end or line break between two offsets."""
    return not _SENTENCE_END_RE.search(text, start, end)


def _resolve_pronoun(pronoun, position, resolved, known, genders, window_start, contents, text):
    """The entity a pronoun speaker refers to: the nearest earlier one of the
    right kind (people for he/she, groups and organisations for they, organisations
    and outlets for it) in this paragraph or the one before, never one whose gender
    is known to differ; the nearest speaker of an earlier quote or subject outside
    quoted content first, then any mention."""
    number = PRONOUNS[pronoun]
    if number in ("s",) or pronoun == "we":
        return None, None, "unknown", "unresolved"
    wanted = {"m": ("person",), "f": ("person",), "p": ("group", "organisation"), "n": ("organisation", "outlet")}[number]

    def fits(k: _Known) -> bool:
        if k.type in wanted:
            return True
        # a speaker named by one word the article never gave in full, in the
        # pronoun's own sentence ("Assad said he would …, adding …"): he/she says
        # it is a person, unless it is a place; further away a lone first name
        # ("Melanie said …. “I love you,” he said") is too often someone else
        return (number in ("m", "f") and k.speaker and k.type == "unknown" and k.name is not None
                and len(k.name.split()) == 1 and not is_country_or_capital(k.name)
                and _same_sentence(text, k.position, position))

    candidates = [
        k for k in known + _known_from(resolved)
        if fits(k) and window_start <= k.position < position
        and genders.get(k.name, number) == number
    ]
    if not candidates:
        return None, None, "unknown", "unresolved"
    # speakers, and subjects of the narrative (not of reported content: "Josh Earnest
    # said that Barack Obama has long called for … He said")
    salient = [k for k in candidates if k.speaker or (
        k.salient and not any(a <= k.position < b for a, b in contents))]
    pick = max(salient or candidates, key=lambda k: k.position)
    return pick.name, pick.role, "person" if number in ("m", "f") else pick.type, "pronoun"


# --------------------------------------------------------------------------
# outlets


@lru_cache(maxsize=1)
def _outlet_rows() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
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
        for name, type_, aliases in _outlet_rows()
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


# --------------------------------------------------------------------------
# across the corpus


def resolve_corpus(
    quotes: list[ResolvedQuote], articles: list[Article]
) -> tuple[list[Entity], list[Entity], list[ResolvedQuote]]:
    """Speaker entities, outlet entities, and the quotes with entity IDs set."""
    speaker_of, speakers = _speaker_entities(quotes)
    outlet_of, outlets = _outlet_entities(quotes, articles)
    updated = []
    for q in quotes:
        key = _speaker_key(q)
        entity = speakers[speaker_of[key]] if key in speaker_of else None
        via = outlets.get(outlet_of.get(fold(q.via_outlet_name))) if q.via_outlet_name else None
        updated.append(
            attrs.evolve(
                q,
                speaker_id=entity.entity_id if entity else None,
                speaker_name=entity.name if entity else q.speaker_name,
                via_outlet_id=via.entity_id if via else None,
                via_outlet_name=via.name if via else q.via_outlet_name,
            )
        )
    updated = _roles_seen_elsewhere(updated, speakers)
    return sorted(speakers.values(), key=lambda e: e.name), sorted(outlets.values(), key=lambda e: e.name), updated


def _roles_seen_elsewhere(quotes: list[ResolvedQuote], speakers: dict[str, Entity]) -> list[ResolvedQuote]:
    """"the Russian deputy foreign minister said" in an article that names Sergei
    Ryabkov without his title, when another article gives him exactly that role:
    the one person of the article whose roles in the corpus include it."""
    in_doc: dict[str, set[str]] = defaultdict(set)
    for q in quotes:
        if q.speaker_id:
            in_doc[q.doc].add(q.speaker_id)
    out = []
    for q in quotes:
        role = q.speaker_role
        if (q.resolution == "unresolved" and q.speaker_type == "unknown" and q.speaker_name is None
                and role and len(role.split()) >= 2):
            matches = [speakers[eid] for eid in sorted(in_doc[q.doc]) if speakers[eid].type == "person"
                       and fold(role) in {fold(r) for r, _ in speakers[eid].roles}]
            if len(matches) == 1:
                e = matches[0]
                q = attrs.evolve(q, speaker_id=e.entity_id, speaker_name=e.name, speaker_type="person",
                                 resolution="description")
        out.append(q)
    return out


def _speaker_key(q: ResolvedQuote):
    if not q.speaker_name or q.speaker_type == "anonymous":
        return None
    return (q.speaker_type if q.speaker_type != "unknown" else "person", q.speaker_name)


def _speaker_entities(quotes: list[ResolvedQuote]):
    """Cluster (type, name) keys into entities; returns key -> entity id, id -> Entity."""
    keys = Counter(k for k in map(_speaker_key, quotes) if k)
    roles: dict = defaultdict(set)
    seen_types: dict = defaultdict(set)  # the types mentions had before grouping
    for q in quotes:
        key = _speaker_key(q)
        if key:
            seen_types[key].add(q.speaker_type)
            if q.speaker_role:
                roles[key].add((q.speaker_role, q.doc))
    groups: list[list] = []
    people = [k for k in keys if k[0] == "person"]
    others = [k for k in keys if k[0] != "person"]
    groups += _group_people(people)
    groups += _group_organisations(others)
    key_to_id, entities = {}, {}
    for group in groups:
        full = [k for k in group if len(k[1].split()) > 1] or group
        canonical = max(full, key=lambda k: (keys[k], len(k[1]), k[1]))
        country = next((country_of_capital(k[1]) for k in group if k[0] == "organisation"
                        and country_of_capital(k[1])), None)
        if country:  # "Moscow said": the entity is Russia, Moscow an alias
            canonical = ("organisation", country)
        types = set().union(*(seen_types[k] for k in group))
        # a name of unknown type ("Moscow said") is grouped with people so that a
        # bare surname can join its full name, but is only a person if one is
        type_ = canonical[0]
        if type_ == "person" and "person" not in types:
            type_ = "unknown"
        eid = ids.entity_id(type_, fold(canonical[1]))
        names = [canonical[1]] + [k[1] for k in group]
        kind = (next(filter(None, map(organisation_kind, names)), None) if type_ == "organisation"
                else outlet_kind(names) if type_ == "outlet" else None)
        entities[eid] = Entity(
            entity_id=eid,
            name=canonical[1],
            type=type_,
            aliases=tuple(sorted({k[1] for k in group} - {canonical[1]})),
            roles=tuple(sorted({r for k in group for r in roles[k]})),
            kind=kind,
        )
        for k in group:
            key_to_id[k] = eid
    return key_to_id, entities


def _group_people(people: list) -> list[list]:
    """Full names sharing a surname merge when their first names agree (or are
    spelling variants); a surname alone joins the one full name with that
    surname, and stays apart when several people share it."""
    by_last: dict[str, list] = defaultdict(list)
    for key in people:
        by_last[name_parts(key[1])[1]].append(key)
    groups = []
    for last, keys in by_last.items():
        full = [k for k in keys if name_parts(k[1])[0]]
        bare = [k for k in keys if not name_parts(k[1])[0]]
        clusters: list[list] = []
        for key in sorted(full, key=lambda k: k[1]):
            first = name_parts(key[1])[0]
            for cluster in clusters:
                if all(_same_first_name(first, name_parts(other[1])[0]) for other in cluster):
                    cluster.append(key)
                    break
            else:
                clusters.append([key])
        if len(clusters) == 1:
            clusters[0].extend(bare)
        else:
            clusters.extend([k] for k in bare)
        groups.extend(clusters)
    return groups


def _same_first_name(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:  # an initial
        return a[0] == b[0]
    return JaroWinkler.similarity(a, b) >= FIRST_NAME_SIMILARITY


def _group_organisations(keys: list) -> list[list]:
    """Same folded name, or an acronym of the other's full name (ICRC); a capital
    joins its country ("Moscow", "Russia")."""
    by_fold: dict[str, list] = defaultdict(list)
    for key in keys:
        capital_of = country_of_capital(key[1]) if key[0] == "organisation" else None
        by_fold[fold(capital_of or key[1])].append(key)
    groups = list(by_fold.values())
    merged: list[list] = []
    for group in sorted(groups, key=lambda g: -len(g[0][1])):
        name = group[0][1]
        # "Syrian Observatory" is the "Syrian Observatory for Human Rights" when that
        # is the one longer name it begins
        longer = [other for other in merged if _short_form_of(name, other[0][1])]
        for other in merged:
            other_name = other[0][1]
            if name.isupper() and len(name) >= 2 and acronym(other_name) == name:
                other.extend(group)
                break
        else:
            if len(longer) == 1:
                longer[0].extend(group)
            else:
                merged.append(list(group))
    return merged


def _short_form_of(short: str, full: str) -> bool:
    """A name of two words or more that is a longer name cut before its "for"/"of"
    phrase, maybe with describing words around it: "Syrian Observatory" and "the
    British-based Syrian Observatory for Human Rights monitoring group"."""
    s, f = fold(short), fold(full)
    if len(s.split()) < 2 or s == f:
        return False
    return f" {s} for " in f" {f} " or f" {s} of " in f" {f} "


def _outlet_entities(quotes: list[ResolvedQuote], articles: list[Article]):
    names = Counter()
    for a in articles:
        if a.publisher:
            names[outlet_name(a.publisher)] += 1
    for q in quotes:
        if q.via_outlet_name:
            names[q.via_outlet_name] += 1
        if q.speaker_type == "outlet" and q.speaker_name:
            names[outlet_name(q.speaker_name)] += 1
    fold_to_id, entities = {}, {}
    by_fold: dict[str, list[str]] = defaultdict(list)
    for name in names:
        by_fold[fold(name)].append(name)
    for key, variants in by_fold.items():
        canonical = max(variants, key=lambda n: (names[n], n))
        eid = ids.entity_id("outlet", key)
        lexicon_aliases = {
            alias for name, _, aliases in _outlet_rows() if name == canonical for alias in aliases
        }
        entities[eid] = Entity(
            entity_id=eid,
            name=canonical,
            type="outlet",
            aliases=tuple(sorted((set(variants) | lexicon_aliases) - {canonical})),
            kind=outlet_kind([canonical, *variants]),
        )
        fold_to_id[key] = eid
    return fold_to_id, entities
