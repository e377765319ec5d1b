"""Grouping quotes into utterances: the statement, not the string.

1. **Pieces** of one quotation (``"A," he said. "B."``: ``piece_of``, see
   :mod:`.placement`) and a pull quote with the body quote it repeats are one unit.
2. Within a block of compatible speakers (:mod:`.speakers`), candidate pairs of
   units (:mod:`.candidates`: shingles, and MiniLM vectors at least
   :data:`PROPOSE` apart) are **merged when**
   :func:`same_statement` holds: the wordings match as strings
   (:func:`.wording.same_utterance`), or the meanings are close *and
   corroborated* — a quoted fragment of one in the other, enough shared claim
   words (:func:`.wording.claim_stems`), or a cosine of at least :data:`CERTAIN`
   — and neither says no where the other says yes.
3. A **headline or lede** quote joins the body (or lede) quote of its own
   article it paraphrases best (:func:`_join_top`), with a looser speaker test.
4. **IDs** (:func:`assign_ids`): an utterance keeps an ID already published
   (when two published utterances merge, the older keeps its ID and the store
   redirects the other to it; when one splits, the part with most of its quotes
   keeps it); a new one derives its ID from its anchor, its earliest quote by
   :func:`.timeline.sort_key` (day, time, quote ID: never the ingest order).
5. For each utterance, which reports came **first** (ties kept), how many
   distinct reports it has (pull quotes and republished copies are no new
   report), and how its direct quotes' **wordings** compare across articles.

All pure: quotes, vectors and times in, a :class:`Grouping` out.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence

import attrs
import numpy as np

from .. import ids
from ..records import ResolvedQuote
from . import speakers
from .candidates import string_pairs, vector_pairs
from .timeline import When, earliest, sort_key
from .wording import Comparison, claim_stems, compare_wordings, negated, quotes_a_fragment, same_utterance

#: cosine at which MiniLM proposes a pair (a merge needs corroboration too)
PROPOSE = 0.5
#: cosine at which no corroboration is needed (chosen on the PolNeAR statement set)
CERTAIN = 0.9
#: corroboration by claim words: at least this many shared, and this share of the
#: shorter side's claim words, which has at least MIN_CLAIMS (a bare noun phrase,
#: "the Republican front-runner", says too little to be matched by meaning)
MIN_SHARED_CLAIMS = 2
MIN_CLAIM_SHARE = 0.34
MIN_CLAIMS = 3
#: a merge by meaning (not by the words) needs the reports this many days apart at most:
#: the same talking point a month later is another statement
WINDOW_DAYS = 3
#: a headline or lede joins a body quote of its article at this cosine, sharing a claim
#: word; one no speaker is named for needs more
TOP_COSINE = 0.3
TOP_COSINE_UNATTRIBUTED = 0.5
TOP_PLACES = ("headline", "lede")
_WORST = {"same words": 0, "excerpt": 1, "altered": 2}


@attrs.frozen(kw_only=True)
class Unit:
    """The pieces of one quotation in one article (with its pull quotes)."""

    quote_ids: tuple[str, ...]  # in text order; pull quotes last
    doc: str
    text: str  # the pieces joined
    direct: bool
    placement: str
    day: dt.date | None  # the article's publication day
    speaker_id: str | None
    speaker_type: str
    speaker_name: str | None
    speaker_role: str | None
    vector: np.ndarray = attrs.field(eq=False, repr=False)


@attrs.frozen(kw_only=True)
class WordingPair:
    """How the direct quotes of one article compare with another's, in one utterance."""

    utterance_id: str
    quote_id: str  # the first piece of this article's direct quote
    other_id: str  # ... and of the other article's
    comparison: Comparison


@attrs.frozen(kw_only=True)
class Grouping:
    utterance_of: dict[str, str]  # quote ID -> utterance ID (quotes with a speaker, or joined to one)
    anchor: dict[str, str]  # utterance ID -> its earliest quote (sort key)
    first: dict[str, tuple[str, ...]]  # utterance ID -> the first reports (ties: several)
    reports: dict[str, int]  # utterance ID -> distinct reports
    wording: dict[str, str]  # direct quote ID -> same words / excerpt / altered (vs the other articles)
    pairs: tuple[WordingPair, ...] = ()


class _Sets:
    """Union-find over hashable items."""

    def __init__(self, items=()):
        self.parent = {x: x for x in items}

    def find(self, x):
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a, b) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


# --------------------------------------------------------------------------
# 1. units
# --------------------------------------------------------------------------

def _units(quotes: Sequence[ResolvedQuote], vectors: Mapping[str, np.ndarray],
           whens: Mapping[str, When]) -> list[Unit]:
    by_id = {q.quote_id: q for q in quotes}
    sets = _Sets(by_id)
    for q in quotes:
        if q.piece_of in by_id:
            sets.union(q.piece_of, q.quote_id)
        if q.pull_quote_of in by_id:
            sets.union(q.pull_quote_of, q.quote_id)
    members: dict[str, list[ResolvedQuote]] = defaultdict(list)
    for q in quotes:
        members[sets.find(q.quote_id)].append(q)
    units = []
    for group in members.values():
        group.sort(key=lambda q: (q.pull_quote_of is not None, q.quote.start_char))
        body = [q for q in group if q.pull_quote_of is None] or group
        head = next((q for q in body if q.speaker_id), body[0])
        weights = np.array([max(1, len(q.quote.text)) for q in body], dtype=np.float32)
        vector = np.average(np.stack([vectors[q.quote_id] for q in body]), axis=0, weights=weights)
        vector = vector / (np.linalg.norm(vector) or 1.0)
        units.append(Unit(
            quote_ids=tuple(q.quote_id for q in group), doc=head.doc,
            text=" ".join(q.quote.text for q in body), direct=all(q.quote.kind == "direct" for q in body),
            placement=min((q.placement for q in body), key=("headline", "lede", "body").index),
            day=_date(whens.get(head.doc, When()).day),
            speaker_id=head.speaker_id, speaker_type=head.speaker_type, speaker_name=head.speaker_name,
            speaker_role=head.speaker_role, vector=vector.astype(np.float32)))
    return units


# --------------------------------------------------------------------------
# 2. the same statement
# --------------------------------------------------------------------------

def same_statement(a: str, b: str, cosine: float, cross_kind: bool = False, by_meaning: bool = True) -> bool:
    """Whether two wordings (one unit each) report one statement, given the
    cosine of their vectors. The same words (re-punctuated, trimmed, one inside
    the other) or a quoted fragment of the one in the other always do;
    ``by_meaning`` False (the same article, reports far apart in time) stops
    there, else a shared run of claim words across kinds, or a close meaning
    corroborated, do too."""
    if same_utterance(a, b):
        return True
    if cross_kind and (quotes_a_fragment(a, b) or quotes_a_fragment(b, a)):
        return True
    if not by_meaning:
        return False
    if cross_kind and same_utterance(a, b, cross_kind=True):
        return True  # a run of claim words: "close to reaching an understanding"
    if cosine < PROPOSE or negated(a) != negated(b):
        return False
    if quotes_a_fragment(a, b) or quotes_a_fragment(b, a):
        return True
    if cosine >= CERTAIN:
        return True
    return _claims_agree(a, b)


def _claims_agree(a: str, b: str, minimum: int = MIN_SHARED_CLAIMS, share: float = MIN_CLAIM_SHARE) -> bool:
    ca, cb = claim_stems(a), claim_stems(b)
    shared = ca & cb
    fewest = min(len(ca), len(cb))
    return len(shared) >= minimum and len(shared) >= share * fewest and (share == 0 or fewest >= MIN_CLAIMS)


def _blocks(units: Sequence[Unit]) -> dict[str, list[int]]:
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, u in enumerate(units):
        key = speakers.block_key(u.speaker_id, u.speaker_type, u.speaker_name)
        if key is not None:
            blocks[key].append(i)
    return blocks


def _merge_blocks(units: Sequence[Unit], sets: _Sets) -> None:
    for members in _blocks(units).values():
        if len(members) < 2:
            continue
        texts = [units[i].text for i in members]
        direct = [units[i].direct for i in members]
        matrix = np.stack([units[i].vector for i in members])
        cosines = {(i, j): c for i, j, c in vector_pairs(matrix, PROPOSE)}
        pairs = set(cosines) | set(string_pairs(texts, direct))
        for i, j in sorted(pairs):
            a, b = units[members[i]], units[members[j]]
            if sets.find(members[i]) == sets.find(members[j]):
                continue
            if not speakers.compatible(a.speaker_id, a.speaker_type, a.speaker_name,
                                       b.speaker_id, b.speaker_type, b.speaker_name):
                continue
            cosine = cosines.get((i, j))
            if cosine is None:
                cosine = float(a.vector @ b.vector)
            if same_statement(a.text, b.text, cosine, cross_kind=a.direct != b.direct,
                              by_meaning=_may_match_by_meaning(a, b)):
                sets.union(members[i], members[j])


def _may_match_by_meaning(a: Unit, b: Unit) -> bool:
    """Paraphrase links reports close in time, of different articles (two body
    quotes of one article are two statements, unless their words say otherwise;
    headlines and ledes join the body by :func:`_join_top`)."""
    if a.doc == b.doc:
        return False
    if a.day and b.day:
        return abs((a.day - b.day).days) <= WINDOW_DAYS
    return True


def _date(day: str | None) -> dt.date | None:
    """A publication day as a date: None when unknown; one that is no day is far
    from every other (no paraphrase links it)."""
    try:
        return dt.date.fromisoformat(day[:10]) if day else None
    except ValueError:
        return dt.date.max


# --------------------------------------------------------------------------
# 3. headlines and ledes
# --------------------------------------------------------------------------

def _join_top(units: Sequence[Unit], sets: _Sets) -> None:
    """Each headline or lede unit joins the unit of its article (below it in
    rank: a headline may join a lede) that it paraphrases best."""
    by_doc: dict[str, list[int]] = defaultdict(list)
    for i, u in enumerate(units):
        by_doc[u.doc].append(i)
    rank = {"headline": 0, "lede": 1, "body": 2}
    for members in by_doc.values():
        for i in members:
            top = units[i]
            if top.placement not in TOP_PLACES:
                continue
            best, best_cos = None, TOP_COSINE if top.speaker_id else TOP_COSINE_UNATTRIBUTED
            for j in members:
                other = units[j]
                if rank[other.placement] <= rank[top.placement] or not speakers.top_compatible(
                        top.speaker_id, top.speaker_type, top.speaker_name, other.speaker_id,
                        other.speaker_type, other.speaker_name, other.speaker_role):
                    continue
                cosine = float(top.vector @ other.vector)
                if negated(top.text) != negated(other.text) and not same_utterance(top.text, other.text, True):
                    continue
                if cosine > best_cos and (_claims_agree(top.text, other.text, minimum=1, share=0)
                                          or same_utterance(top.text, other.text, True)):
                    best, best_cos = j, cosine
            if best is not None:
                sets.union(best, i)


# --------------------------------------------------------------------------
# 4. IDs
# --------------------------------------------------------------------------

def assign_ids(groups: Sequence[Sequence[str]], key: Callable[[str], tuple],
               existing: Mapping[str, str], anchors: Sequence[str]) -> list[str]:
    """The ID of each group (of quote IDs). ``existing``: quote ID -> its
    published utterance ID; ``anchors``: each group's anchor quote. A published
    ID no group keeps is redirected by the store to the utterance that took
    most of its quotes (``entity_redirects``, kind ``utterance``)."""
    holders: dict[str, _Holders] = defaultdict(_Holders)  # published ID -> the groups with its quotes
    for g, group in enumerate(groups):
        for qid in group:
            if qid in existing:
                holders[existing[qid]].add(g, key(qid))
    # each published ID goes to the group holding most of its quotes (then the earliest)
    claims: dict[int, list[tuple[tuple, str]]] = defaultdict(list)
    for uid, counter in holders.items():
        g = counter.best()
        claims[g].append((counter.earliest[g], uid))
    names: list[str] = []
    in_use = set(holders)
    for g, group in enumerate(groups):
        if claims[g]:
            kept = min(claims[g])[1]  # the utterance published with the earliest quote
        else:
            kept = _fresh_id(anchors[g], in_use)
        in_use.add(kept)
        names.append(kept)
    return names


class _Holders:
    """Which groups hold a published ID's quotes: how many each, and the earliest."""

    def __init__(self):
        self.count: dict[int, int] = defaultdict(int)
        self.earliest: dict[int, tuple] = {}

    def add(self, group: int, key: tuple) -> None:
        self.count[group] += 1
        if group not in self.earliest or key < self.earliest[group]:
            self.earliest[group] = key

    def best(self) -> int:
        return min(self.count, key=lambda g: (-self.count[g], self.earliest[g]))


def _fresh_id(anchor: str, in_use: set[str]) -> str:
    uid, n = ids.utterance_id(anchor), 1
    while uid in in_use:  # the anchor of a published utterance that kept another ID
        n += 1
        uid = ids.utterance_id(f"{anchor}#{n}")
    return uid


# --------------------------------------------------------------------------
# 5. first reports, report counts, wordings
# --------------------------------------------------------------------------

def _reports(members: Sequence[ResolvedQuote], copies: Mapping[str, str]) -> list[ResolvedQuote]:
    """One quote per report: the first (in the text) of each article, pull
    quotes left out, an article republishing another counted with it."""
    docs = {q.doc for q in members}
    by_report: dict[str, ResolvedQuote] = {}
    for q in sorted(members, key=lambda q: (q.doc, q.quote.start_char)):
        if q.pull_quote_of is not None:
            continue
        report = copies.get(q.doc, q.doc)
        report = report if report in docs else q.doc
        if report not in by_report or (q.doc == report and by_report[report].doc != report):
            by_report[report] = q
    return list(by_report.values())


def _wordings(uid: str, members: Sequence[ResolvedQuote]) -> tuple[list[WordingPair], dict[str, str]]:
    pieces: dict[str, list[ResolvedQuote]] = defaultdict(list)
    for q in members:
        if q.quote.kind == "direct" and q.pull_quote_of is None:
            pieces[q.doc].append(q)
    docs = sorted(pieces)
    pairs, worst = [], {}
    for d in docs:
        pieces[d].sort(key=lambda q: q.quote.start_char)
    for a in docs:
        for b in docs:
            if a == b:
                continue
            comparison = compare_wordings([q.quote.text for q in pieces[a]], [q.quote.text for q in pieces[b]])
            pairs.append(WordingPair(utterance_id=uid, quote_id=pieces[a][0].quote_id,
                                     other_id=pieces[b][0].quote_id, comparison=comparison))
            for q in pieces[a]:
                if _WORST[comparison.wording] >= _WORST.get(worst.get(q.quote_id, ""), -1):
                    worst[q.quote_id] = comparison.wording
    return pairs, worst


# --------------------------------------------------------------------------
# the whole
# --------------------------------------------------------------------------

def group_utterances(
    quotes: Sequence[ResolvedQuote],
    vectors: Mapping[str, np.ndarray],
    whens: Mapping[str, When] | None = None,
    existing: Mapping[str, str] | None = None,
    copies: Mapping[str, str] | None = None,
) -> Grouping:
    """Group ``quotes`` (linked: speaker entities set) into utterances.

    ``vectors``: quote ID -> its text's MiniLM vector; ``whens``: doc -> the
    article's time; ``existing``: quote ID -> the utterance ID published for
    it; ``copies``: doc -> the doc it republishes (``article_reuse``).
    """
    whens, existing, copies = whens or {}, existing or {}, copies or {}
    units = _units(quotes, vectors, whens)
    sets = _Sets(range(len(units)))
    _merge_blocks(units, sets)
    _join_top(units, sets)
    by_id = {q.quote_id: q for q in quotes}
    members: dict[int, list[str]] = defaultdict(list)
    for i, u in enumerate(units):
        members[sets.find(i)].extend(u.quote_ids)
    # an utterance needs a speaker: a headline joined to nothing is none
    groups = [g for root, g in sorted(members.items())
              if any(by_id[q].speaker_id for q in g)]

    def key(qid: str) -> tuple:
        return sort_key(whens.get(by_id[qid].doc, When()), qid)

    anchors = [min((q for q in g if by_id[q].pull_quote_of is None), key=key, default=min(g, key=key))
               for g in groups]
    names = assign_ids(groups, key, existing, anchors)
    utterance_of, first, reports, wording, pairs = {}, {}, {}, {}, []
    for uid, group, anchor in zip(names, groups, anchors):
        quotes_of = [by_id[q] for q in group]
        for q in group:
            utterance_of[q] = uid
        firsts = _reports(quotes_of, copies)
        reports[uid] = len(firsts)
        first[uid] = earliest([(q.quote_id, whens.get(q.doc, When())) for q in firsts])
        found, worst = _wordings(uid, quotes_of)
        pairs += found
        wording.update(worst)
    return Grouping(utterance_of=utterance_of, anchor=dict(zip(names, anchors)), first=first,
                    reports=reports, wording=wording, pairs=tuple(pairs))
