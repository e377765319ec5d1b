"""Resolution across the corpus: names merged into entities.

One entity per real person or organisation, conservatively, and outlets into
outlet entities, with aliases and roles; every quote gets its entity IDs.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import attrs
from rapidfuzz.distance import JaroWinkler

from .. import ids, lexicon
from ..records import Article, Entity, ResolvedQuote
from .names import (
    acronym,
    country_of_capital,
    fold,
    name_parts,
    organisation_kind,
)
from .outlets import outlet_kind, outlet_name

FIRST_NAME_SIMILARITY = 0.85  # Jaro-Winkler: "Sergei"/"Sergey" 0.93, "John"/"Joan" 0.88



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
                speaker_type=entity.type if entity else q.speaker_type,
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
    if not q.speaker_name:
        return None
    if q.speaker_type == "anonymous":  # never merged across articles
        return ("anonymous", q.speaker_name, q.doc)
    return (q.speaker_type if q.speaker_type != "unknown" else "person", q.speaker_name)


def _anonymous_entity(key, roles) -> Entity:
    """An anonymous source: one entity per description and article, shown by its label."""
    _, label, doc = key
    return Entity(entity_id=ids.entity_id("anonymous", f"{doc}#{fold(label)}"), name=label, type="anonymous",
                  roles=tuple(sorted(roles)))


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
    others = [k for k in keys if k[0] not in ("person", "anonymous")]
    groups += _group_people(people)
    groups += _group_organisations(others)
    key_to_id, entities = {}, {}
    for key in (k for k in keys if k[0] == "anonymous"):
        entity = _anonymous_entity(key, roles[key])
        entities[entity.entity_id] = entity
        key_to_id[key] = entity.entity_id
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
            alias for outlet in lexicon.words().outlets if outlet.name == canonical for alias in outlet.aliases
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
