"""Resolution within an article: each quote's speaker mention tied to a name.

A pronoun to the person last named before it, a surname to the full name
introduced earlier, a description ("the minister") to the last speaker with
that role, a continuation to the quote it continues. Where nothing settles it
the speaker stays unresolved, with the mention kept: a wrong name is worse
than none.
"""

from __future__ import annotations


from collections import Counter

import attrs

from .. import ids, lexicon
from ..records import Article, ParsedDoc, Quote, ResolvedQuote
from .names import (
    anonymous_label,
    countries_named,
    document_author,
    entity_name,
    fold,
    gender_of,
    is_country_or_capital,
    is_indefinite_description,
    looks_anonymous,
    mention_type,
    name_parts,
    owner_word,
    split_name_role,
)
from .channels import assign_channels
from .outlets import channel_outlet, known_outlet, named_earlier

PRONOUN_WINDOW = 1500  # characters back to look for a pronoun's antecedent
ANONYMITY_WINDOW = 80  # characters after a mention searched for "declined to be identified"



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
        name, role, type_, how = _resolve_speaker(quote, resolved, known, doc, genders, contents)
        if not name:  # "this said", a continuation of no one: no speaker
            name, how = None, "unresolved"
            type_ = type_ if type_ != "person" else "unknown"
        if name and type_ != "person" and owner_word(name):
            name = _owner_named(name, doc, quote)
        if name and type_ == "unknown" and _plural_noun(doc, quote):
            type_ = "group"  # "Demonstrators said", "Lawmakers say"
        if name and type_ == "person":
            if how == "pronoun":
                _note_gender(genders, name, lexicon.words().pronouns.get(quote.speaker.text.strip().lower()))
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
                via_outlet_name=channel_outlet(quote.via_outlet.text) if quote.via_outlet else None,
                continues_id=_index_or_none(quote_ids, quote.continues),
            )
        )
    return assign_channels(article, doc, _generic_outlets_named_earlier(_roles_named_later(resolved, known)))


def _plural_noun(doc: ParsedDoc, quote: Quote) -> bool:
    """The speaker mention's head is a plural common noun."""
    mention = quote.speaker
    if mention is None or mention.head_start is None:
        return False
    i = doc.sentence_at(mention.head_start)
    words = doc.sentences[i].words if i is not None else ()
    return any(w.start_char == mention.head_start and w.upos == "NOUN" and "Number=Plur" in (w.feats or "")
               for w in words)


def _owner_named(name: str, doc: ParsedDoc, quote: Quote) -> str:
    """"the country's Foreign Ministry" -> "Syria's Foreign Ministry": the country
    the article means, the one named in the quote's sentences (content and
    attribution: "Syria confirms …, said a statement by the country's Foreign
    Ministry") or else the one the article names most; unchanged when none."""
    start, end = doc.sentence_bounds(min(quote.start_char, quote.speaker.start_char),
                                     max(quote.end_char, quote.speaker.end_char))
    near = countries_named(doc.text[start:end]) if start is not None else []
    named = near or countries_named(doc.text)
    if not named:
        return name
    counts = Counter(named)
    country = max(counts, key=lambda c: (counts[c], -named.index(c)))
    return f"{country}'s {name.split(maxsplit=1)[1]}" if len(name.split()) > 1 else country


def _generic_outlets_named_earlier(resolved: list[ResolvedQuote]) -> list[ResolvedQuote]:
    """"according to state TV" after "Syria's state TV said": a generic outlet
    description ("state TV", "state media": no name in it) takes the fuller name
    this article gave it before, as a surname takes the full name."""
    seen: list[str] = []
    lists = lexicon.words()

    def fuller(name: str) -> str:
        words = name.split()
        # "state TV", or "State TV" at a sentence start (generic_outlet_words.txt)
        generic = len(words) > 1 and (words[0].islower() or fold(words[0]) in lists.generic_outlet_words) and all(
            not w[:1].isupper() or fold(w) in lists.outlet_words for w in words[1:])
        if not generic:
            return name
        return named_earlier(name, seen) or name[:1].lower() + name[1:]  # "State TV said" at a sentence start

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


def _resolve_speaker(quote, resolved, known, doc: ParsedDoc, genders, contents):
    text = doc.text
    if quote.speaker is None:
        if quote.continues is not None and quote.continues < len(resolved):
            prev = resolved[quote.continues]
            return prev.speaker_name, prev.speaker_role, prev.speaker_type, "continuation"
        return None, None, "unknown", "unresolved"
    mention = quote.speaker.text
    position = quote.speaker.start_char
    low = mention.strip().lower()
    if low in lexicon.words().pronouns:
        return _resolve_pronoun(low, position, resolved, known, genders, _window_start(doc, position),
                                contents, doc)
    mention = document_author(mention) or mention  # "a statement … by the Foreign Ministry"
    name, role = split_name_role(mention)
    following = text[quote.speaker.end_char : quote.speaker.end_char + ANONYMITY_WINDOW]
    type_ = mention_type(mention, name, role)
    if looks_anonymous(mention, following.split(".")[0]) or is_indefinite_description(mention, name):
        # its own entity in this article, shown by its description
        return anonymous_label(mention), role or mention, "anonymous", "description"
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
        if type_ == "outlet":  # "Syria's state news agency": SANA
            return known_outlet(mention) or entity_name(mention, None), None, type_, "name"
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
        return known_outlet(mention) or entity_name(mention, None), None, type_, "name"
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
        _Known(r.speaker_name, r.speaker_role, "anonymous", r.quote.speaker.start_char, speaker=True)
        for r in resolved
        if r.speaker_type == "anonymous" and r.speaker_role and r.quote.speaker is not None
    ]


def _window_start(doc: ParsedDoc, position: int) -> int:
    """Where a pronoun's antecedent may start: the paragraph before the pronoun's
    (news paragraphs are short), and at most PRONOUN_WINDOW characters back."""
    paragraph = doc.paragraph_at(position)
    start = doc.paragraphs[max(0, paragraph - 1)][0] if doc.paragraphs else 0
    return max(start, position - PRONOUN_WINDOW)


def _same_sentence(doc: ParsedDoc, start: int, end: int) -> bool:
    """Two offsets in one sentence of the parse."""
    return doc.sentence_at(start) == doc.sentence_at(end)


def _resolve_pronoun(pronoun, position, resolved, known, genders, window_start, contents, doc: ParsedDoc):
    """The entity a pronoun speaker refers to: the nearest earlier one of the
    right kind (people for he/she, groups and organisations for they, organisations
    and outlets for it) in this paragraph or the one before, never one whose gender
    is known to differ; the nearest speaker of an earlier quote or subject outside
    quoted content first, then any mention."""
    number = lexicon.words().pronouns[pronoun]
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
                and _same_sentence(doc, k.position, position))

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


