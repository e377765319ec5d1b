"""Utterances: quotes in different articles that report the same statement.

Two quotes are one utterance when they have the same speaker entity and their
wordings match: identical, trimmed or re-punctuated, one a part of the other,
or direct in one article and indirect in another with the same content.
Candidate pairs come from an index of word shingles per speaker, so grouping
never compares every pair; similarity comes from ``rapidfuzz``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from difflib import SequenceMatcher

from rapidfuzz import fuzz

from .. import ids, lexicon
from ..resolve.names import fold
from ..records import ResolvedQuote

SHINGLE = 3  # words per shingle in the candidate index
MIN_SHARED_SHINGLES = 2
# a shorter wording found inside a longer one ("… it won't mean the end of the war")
PARTIAL_THRESHOLD = 90.0
MIN_PARTIAL_WORDS = 6
# two full wordings of one statement (re-punctuated, reworded a little)
FULL_THRESHOLD = 85.0
# direct in one article, reported (indirect) in another: "We are close to reaching an
# understanding" / "Russia and the United States are close to reaching an understanding".
# Reported speech shifts person and tense, so those words (``shifted`` in
# function_words.csv) are left out, and the two must share a run of at least this
# many claim words, in order (see claim_words).
CROSS_KIND_RUN = 3
# a mixed quote quoting a piece of a direct quote: 'as a "huge step" in ending the war'
FRAGMENT = re.compile(r'["“‘]([^"”’“‘]+)(?:["”’]|$)')
MIN_FRAGMENT_WORDS = 2


def normalise(text: str) -> str:
    """Words only: case, punctuation, quote marks and accents folded."""
    return fold(re.sub(r"[’']", "'", text))


def _shingles(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}


def _index_keys(text: str) -> set[tuple[str, ...]]:
    """Shingles of the normalised words, and of the claim words (which find
    direct/indirect pairs)."""
    keys = _shingles(normalise(text).split())
    claims = claim_words(text)
    if len(claims) >= CROSS_KIND_RUN:
        keys |= {("~",) + k for k in _shingles(claims)}
    return keys


def same_utterance(a: str, b: str, cross_kind: bool = False) -> bool:
    """Whether two wordings (as quoted) report the same statement.

    ``cross_kind``: one is a direct quote and the other reported speech, whose
    person and tense differ; they match on a shared run of claim words.
    """
    na, nb = normalise(a), normalise(b)
    if na == nb:
        return True
    short, long_ = sorted((na, nb), key=len)
    if len(short.split()) >= MIN_PARTIAL_WORDS and fuzz.partial_ratio(short, long_) >= PARTIAL_THRESHOLD:
        return True
    if fuzz.ratio(na, nb) >= FULL_THRESHOLD:
        return True
    if not cross_kind:
        return False
    if _quotes_a_fragment(a, nb) or _quotes_a_fragment(b, na):
        return True
    return _shared_run(claim_words(a), claim_words(b)) >= CROSS_KIND_RUN


def quoted_fragments(text: str) -> list[str]:
    """The quoted words inside reported speech (a mixed quote's "huge step")."""
    return [normalise(f) for f in FRAGMENT.findall(text)]


def _quotes_a_fragment(mixed: str, other: str) -> bool:
    """Whether a fragment quoted in ``mixed`` appears word for word in ``other``
    (normalised): the reporter quoted a piece of that very statement."""
    return any(
        len(f.split()) >= MIN_FRAGMENT_WORDS and f" {f} " in f" {other} "
        for f in quoted_fragments(mixed)
    )


def claim_words(text: str) -> list[str]:
    """The words that carry what was claimed: no function words, no shifted
    person or tense, and no capitalised words (names say what a statement is
    about, not what it says: "Russia and the United States" is in many)."""
    function_words = lexicon.words().function_words
    return [fold(w) for w in re.findall(r"\w[\w'’]*", text)
            if not w[0].isupper() and fold(w) not in function_words]


def _shared_run(wa: list[str], wb: list[str]) -> int:
    """Length of the longest run of words that ``wa`` and ``wb`` share, in order."""
    match = SequenceMatcher(None, wa, wb, autojunk=False).find_longest_match(0, len(wa), 0, len(wb))
    return match.size


def _candidate_pairs(group: list[ResolvedQuote]) -> Iterator[tuple[str, str, bool]]:
    """(quote, other quote, whether their kinds differ) for the pairs of one
    speaker's quotes worth comparing: found through shared shingles, or a
    fragment quoted in one that the other contains."""
    norms = {q.quote_id: normalise(q.quote.text) for q in group}
    keys = {q.quote_id: _index_keys(q.quote.text) for q in group}
    direct = {q.quote_id: q.quote.kind == "direct" for q in group}
    index: dict[tuple, list[str]] = defaultdict(list)
    bigrams: dict[tuple, list[str]] = defaultdict(list)  # looked up by quoted fragments
    for q in group:
        for key in keys[q.quote_id]:
            index[key].append(q.quote_id)
        words = norms[q.quote_id].split()
        for pair in set(zip(words, words[1:])):
            bigrams[pair].append(q.quote_id)
    for q in group:
        qid = q.quote_id
        shared: dict[str, int] = defaultdict(int)
        for key in keys[qid]:
            for other in index[key]:
                shared[other] += 1
        for fragment in quoted_fragments(q.quote.text):
            words = fragment.split()
            if len(words) < MIN_FRAGMENT_WORDS:
                continue
            for other in bigrams.get(tuple(words[:2]), ()):
                shared[other] += MIN_SHARED_SHINGLES
        shared.pop(qid, None)
        for other, count in shared.items():
            cross = direct[qid] != direct[other]
            if count >= MIN_SHARED_SHINGLES or norms[qid] == norms[other] or cross:
                yield qid, other, cross


def group_utterances(
    quotes: list[ResolvedQuote],
    order: dict[str, tuple],
    existing: dict[str, str] | None = None,
) -> dict[str, str]:
    """quote_id -> utterance_id for every quote with a speaker entity.

    ``order`` gives each quote's sort key for "first known appearance" (date,
    then ingestion); ``existing`` the utterance IDs already published, which are
    kept: a group takes the ID its earliest already-grouped member had.
    """
    existing = existing or {}
    parent = {q.quote_id: q.quote_id for q in quotes}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    texts = {q.quote_id: q.quote.text for q in quotes}
    by_speaker: dict[str, list[ResolvedQuote]] = defaultdict(list)
    for q in quotes:
        if q.speaker_id:
            by_speaker[q.speaker_id].append(q)
    for group in by_speaker.values():
        for qid, other, cross in _candidate_pairs(group):
            if find(other) != find(qid) and same_utterance(texts[qid], texts[other], cross_kind=cross):
                parent[find(other)] = find(qid)

    members: dict[str, list[str]] = defaultdict(list)
    for q in quotes:
        if q.speaker_id:
            members[find(q.quote_id)].append(q.quote_id)
    result = {}
    for group in members.values():
        group.sort(key=lambda qid: order[qid])
        known = [existing[qid] for qid in group if qid in existing]
        utterance = known[0] if known else ids.utterance_id(group[0])
        for qid in group:
            result[qid] = utterance
    return result
