"""Which pairs of quotes are worth comparing, without comparing every pair.

Two sources of candidates within a block of compatible speakers
(:mod:`.speakers`):

* **strings**: an index of word shingles (and of claim-word shingles, which
  find a direct quote and its report in indirect speech), and the words a mixed
  quote quotes;
* **meaning**: pairs whose MiniLM vectors are close (cosine at least the
  proposal threshold). A small block is compared exactly, in chunks (a matrix
  product); a large one through random-hyperplane LSH (bands of sign bits), so
  the work grows with the number of quotes, not its square.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

import numpy as np

from .wording import CROSS_KIND_RUN, MIN_FRAGMENT_WORDS, claim_words, normalise, quoted_fragments

SHINGLE = 3  # words per shingle in the string index
MIN_SHARED_SHINGLES = 2
#: blocks up to this many quotes are compared exactly
EXACT_MAX = 3000
#: rows of the similarity matrix computed at once
CHUNK = 1024
#: LSH for larger blocks: bands of sign bits of random hyperplanes
LSH_BANDS = 24
LSH_BITS = 10
LSH_SEED = 20161208


def _shingles(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i: i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}


def _index_keys(text: str) -> set[tuple[str, ...]]:
    keys = _shingles(normalise(text).split())
    claims = claim_words(text)
    if len(claims) >= CROSS_KIND_RUN:
        keys |= {("~",) + k for k in _shingles(claims)}
    return keys


def string_pairs(texts: Sequence[str], direct: Sequence[bool]) -> Iterator[tuple[int, int]]:
    """(i, j), i < j, for texts sharing shingles (any shared key when one is
    direct and the other not), the same words, or a quoted fragment."""
    norms = [normalise(t) for t in texts]
    keys = [_index_keys(t) for t in texts]
    index: dict[tuple, list[int]] = defaultdict(list)
    bigrams: dict[tuple, list[int]] = defaultdict(list)
    for i in range(len(texts)):
        for key in keys[i]:
            index[key].append(i)
        words = norms[i].split()
        for pair in set(zip(words, words[1:])):
            bigrams[pair].append(i)
    seen: set[tuple[int, int]] = set()
    for i in range(len(texts)):
        shared: dict[int, int] = defaultdict(int)
        for key in keys[i]:
            for other in index[key]:
                shared[other] += 1
        for fragment in quoted_fragments(texts[i]):
            words = fragment.split()
            if len(words) >= MIN_FRAGMENT_WORDS:
                for other in bigrams.get(tuple(words[:2]), ()):
                    shared[other] += MIN_SHARED_SHINGLES
        shared.pop(i, None)
        for other, count in shared.items():
            pair = (min(i, other), max(i, other))
            if pair in seen:
                continue
            if count >= MIN_SHARED_SHINGLES or norms[i] == norms[other] or direct[i] != direct[other]:
                seen.add(pair)
                yield pair


def vector_pairs(vectors: np.ndarray, threshold: float) -> Iterator[tuple[int, int, float]]:
    """(i, j, cosine), i < j, for the rows of ``vectors`` (normalised) whose
    cosine is at least ``threshold``."""
    n = len(vectors)
    if n < 2:
        return
    if n <= EXACT_MAX:
        yield from _exact_pairs(vectors, threshold)
        return
    yield from _lsh_pairs(vectors, threshold)


def _exact_pairs(vectors: np.ndarray, threshold: float) -> Iterator[tuple[int, int, float]]:
    for start in range(0, len(vectors), CHUNK):
        sims = vectors[start:start + CHUNK] @ vectors.T
        rows, cols = np.nonzero(sims >= threshold)
        for r, c in zip(rows.tolist(), cols.tolist()):
            i = start + r
            if i < c:
                yield i, c, float(sims[r, c])


def _lsh_pairs(vectors: np.ndarray, threshold: float) -> Iterator[tuple[int, int, float]]:
    rng = np.random.default_rng(LSH_SEED)
    planes = rng.standard_normal((LSH_BANDS * LSH_BITS, vectors.shape[1])).astype(vectors.dtype)
    bits = (vectors @ planes.T) > 0
    weights = 1 << np.arange(LSH_BITS)
    seen: set[tuple[int, int]] = set()
    for band in range(LSH_BANDS):
        codes = bits[:, band * LSH_BITS:(band + 1) * LSH_BITS] @ weights
        buckets: dict[int, list[int]] = defaultdict(list)
        for i, code in enumerate(codes.tolist()):
            buckets[code].append(i)
        for members in buckets.values():
            if len(members) < 2:
                continue
            block = vectors[members]
            sims = block @ block.T
            rows, cols = np.nonzero(np.triu(sims >= threshold, k=1))
            for r, c in zip(rows.tolist(), cols.tolist()):
                pair = (members[r], members[c])
                if pair not in seen:
                    seen.add(pair)
                    yield pair[0], pair[1], float(sims[r, c])
