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

from rapidfuzz import fuzz

from . import ids
from .names import fold
from .records import ResolvedQuote

SHINGLE = 3  # words per shingle in the candidate index
MIN_SHARED_SHINGLES = 2
# a shorter wording found inside a longer one ("… it won't mean the end of the war")
PARTIAL_THRESHOLD = 90.0
MIN_PARTIAL_WORDS = 6
# two full wordings of one statement (re-punctuated, reworded a little)
FULL_THRESHOLD = 85.0


def normalise(text: str) -> str:
    """Words only: case, punctuation, quote marks and accents folded."""
    return fold(re.sub(r"[’']", "'", text))


def _shingles(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}


def same_utterance(a: str, b: str) -> bool:
    """Whether two normalised wordings report the same statement."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short.split()) >= MIN_PARTIAL_WORDS and fuzz.partial_ratio(short, long_) >= PARTIAL_THRESHOLD:
        return True
    return fuzz.ratio(a, b) >= FULL_THRESHOLD


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

    by_speaker: dict[str, list[ResolvedQuote]] = defaultdict(list)
    for q in quotes:
        if q.speaker_id:
            by_speaker[q.speaker_id].append(q)
    for group in by_speaker.values():
        texts = {q.quote_id: normalise(q.quote.text) for q in group}
        index: dict[tuple, list[str]] = defaultdict(list)
        for q in group:
            for sh in _shingles(texts[q.quote_id].split()):
                index[sh].append(q.quote_id)
        for q in group:
            shared: dict[str, int] = defaultdict(int)
            for sh in _shingles(texts[q.quote_id].split()):
                for other in index[sh]:
                    if other != q.quote_id:
                        shared[other] += 1
            for other, count in shared.items():
                enough = count >= MIN_SHARED_SHINGLES or texts[q.quote_id] == texts[other]
                if enough and find(other) != find(q.quote_id) and same_utterance(texts[q.quote_id], texts[other]):
                    parent[find(other)] = find(q.quote_id)

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
