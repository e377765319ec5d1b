"""Republished copies: articles that reuse most of another article's text.

A wire story printed under a newspaper's byline, lightly edited, cut at the end
or with a paragraph added, is one report with its source: the caller counts the
quotes of a copy as one report with the source's when deciding who carried a
statement first. This module finds the links, *article, source, share of
shared text*, at a scale of millions of articles:

1. **Shingles.** The text's words, folded like names are
   (:func:`quotetrack.resolve.names.fold`: case and accents folded, punctuation
   and quote marks dropped), in overlapping runs of :data:`SHINGLE_WORDS` words,
   each hashed to 32 bits (``zlib.crc32``, stable across processes). Texts with
   fewer than :data:`MIN_SHINGLES` shingles are never linked.
2. **Signature.** A ``datasketch.MinHash`` of the shingles (:data:`NUM_PERM`
   permutations, fixed :data:`SEED`), kept as a ``LeanMinHash``; it goes to bytes
   and back (:func:`signature_to_bytes`, :func:`signature_from_bytes`) with
   :data:`SIGNATURE_VERSION` in front, so the store keeps one per article and a
   signature made with other parameters is refused
   (:class:`SignatureVersionError`), never compared.
3. **Candidates.** A ``datasketch.MinHashLSH`` over the signatures
   (:class:`ReuseIndex`) gives the stored articles whose shingles overlap this
   one's; articles are inserted one by one, so a later ingest queries the index
   and adds its articles without rebuilding it.
4. **Verification.** Each candidate pair is checked exactly on the two shingle
   sets: ``share = |A ∩ S| / |A|`` for the article ``A`` and its source ``S``,
   ``source_share = |A ∩ S| / |S|``. A pair is linked when one of the two
   articles has at least :data:`THRESHOLD` of its shingles in the other: most of
   its text (a copy cut to a third of its source has ``share`` 1.0; a source
   whose whole text was extended by a later article has ``source_share`` 1.0).
5. **Direction.** The source is the earlier article by the caller's order key
   (a publication date, or a (date, time) pair: keys that compare equal are
   simultaneous, so the key should not contain the article ID); when the keys
   are equal or one is ``None`` (unknown), the link has ``direction_known=False``
   and the lower article ID is the source. Of the copies of one story, each
   points to the earliest: a link to a source that is itself a copy of another of
   the article's sources is left out.

Why these parameters (measured by ``benchmarks/bench_reuse.py --choices`` on
the constructed cases of ``tests/utterances``; the numbers are in that script's
docstring):

- 5-word shingles: two independent reports of one event share their quoted
  sentences and set phrases ("said in a statement on Tuesday"), which are 3- and
  4-word runs far more often than 5-word ones, while a one-word edit costs only
  5 shingles, so a copy with two words changed a paragraph still shares about
  80% of them.
- 128 permutations: 525 bytes a signature; the LSH bands need enough rows to
  reach the low Jaccard similarity of a cut copy (0.35) with few chance
  candidates, and every candidate is verified exactly anyway, so the MinHash
  estimate itself is never used for a decision.
- MinHashLSH rather than MinHashLSHEnsemble: the ensemble answers containment
  directly but builds its size partitions once (``index()`` may be called only
  once), so an incremental ingest would rebuild it every time, and it answers
  only "the query is contained in a stored article", not "a stored article is
  contained in the new one" (a backfilled source). A Jaccard LSH at a low
  threshold (:data:`LSH_THRESHOLD`) is symmetric and incremental, and as quick to
  query (0.14 against 0.19 ms) and 9 times quicker to build; what it misses is an
  article much smaller than its partner: a copy cut to 40% of its source is found
  99% of the time, one cut to 25% 78% (the ensemble: 100%, but only when the
  copy is the query).
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs
import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from ..resolve.names import fold

SHINGLE_WORDS = 5
#: fewer shingles than this (about 50 words, two short paragraphs) and a text is
#: never linked: a brief that is one quoted statement is not a republished copy
MIN_SHINGLES = 50
NUM_PERM = 128
SEED = 1729
#: share of an article's shingles found in the other above which the pair is linked
THRESHOLD = 0.5
#: the Jaccard similarity the LSH is tuned for, and its (false positive, false
#: negative) weights: two articles of one size where one has half its shingles
#: in the other have Jaccard 1/3, a copy cut to 40% of its source 0.4
LSH_THRESHOLD = 0.3
LSH_WEIGHTS = (0.3, 0.7)
_SCHEME = "affine32"
#: what a stored signature was made with; a stored signature with another key
#: cannot be compared with new ones (recompute it from the article's text)
SIGNATURE_VERSION = f"reuse1/words{SHINGLE_WORDS}/fold/crc32/{_SCHEME}/seed{SEED}/perm{NUM_PERM}"
_BYTEORDER = "<"
_SHINGLE_DTYPE = np.dtype("<u4")


class SignatureVersionError(ValueError):
    """A stored signature made with other parameters than :data:`SIGNATURE_VERSION`."""


def _unit_interval(instance, attribute, value):
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{attribute.name} must be in [0, 1], got {value}")


def _not_empty(instance, attribute, value):
    if not value:
        raise ValueError(f"{attribute.name} must not be empty")


def _shingle_bytes(instance, attribute, value):
    if len(value) % _SHINGLE_DTYPE.itemsize:
        raise ValueError(f"{attribute.name} must hold 4-byte shingle hashes, got {len(value)} bytes")


def _signature_fits(instance, attribute, value):
    if value is None:
        return
    if not isinstance(value, LeanMinHash):
        raise TypeError(f"signature must be a datasketch.LeanMinHash, got {type(value).__name__}")
    if (value.seed, len(value), value.scheme) != (SEED, NUM_PERM, _SCHEME):
        raise SignatureVersionError(
            f"signature has seed {value.seed}, {len(value)} permutations, scheme {value.scheme}; "
            f"{SIGNATURE_VERSION} needs seed {SEED}, {NUM_PERM}, {_SCHEME}")


@attrs.frozen(kw_only=True)
class Fingerprint:
    """What reuse detection knows of one article.

    ``shingles``: the distinct shingle hashes, sorted, as little-endian uint32
    bytes (4 a shingle); ``signature``: their MinHash, ``None`` when the text is
    too short to be linked; ``order``: the caller's sort key (earlier is
    smaller), ``None`` when unknown.
    """

    article_id: str = attrs.field(validator=[attrs.validators.instance_of(str), _not_empty])
    shingles: bytes = attrs.field(validator=[attrs.validators.instance_of(bytes), _shingle_bytes])
    signature: LeanMinHash | None = attrs.field(default=None, validator=_signature_fits, eq=False)
    order: Any = None

    @property
    def size(self) -> int:
        return len(self.shingles) // _SHINGLE_DTYPE.itemsize


@attrs.frozen(kw_only=True)
class Reuse:
    """``article`` reuses ``source``: ``share`` of the article's shingles are in
    the source, ``source_share`` of the source's are in the article.
    ``direction_known`` is False when the order keys were equal or unknown (the
    source is then the lower ID)."""

    article: str = attrs.field(validator=[attrs.validators.instance_of(str), _not_empty])
    source: str = attrs.field(validator=[attrs.validators.instance_of(str), _not_empty])
    share: float = attrs.field(validator=_unit_interval)
    source_share: float = attrs.field(validator=_unit_interval)
    direction_known: bool = attrs.field(validator=attrs.validators.instance_of(bool))

    @source.validator
    def _other_article(self, attribute, value):
        if value == self.article:
            raise ValueError(f"an article cannot reuse itself ({value})")


# ---------------------------------------------------------------------------
# shingles and signatures

_APOSTROPHES = re.compile(r"[’‘`']")


def words(text: str) -> list[str]:
    """The text's words, folded: lower-case ASCII, no punctuation, no quote marks
    (an apostrophe inside a word stays: "don't")."""
    folded = fold(_APOSTROPHES.sub("'", text))
    return [w for w in (w.strip("'") for w in folded.split()) if w]


def shingles(text: str) -> bytes:
    """The distinct hashed word shingles of ``text``, sorted, as uint32 bytes."""
    ws = words(text)
    n = SHINGLE_WORDS
    if len(ws) < n:
        return b""
    hashes = np.fromiter((zlib.crc32(" ".join(ws[i:i + n]).encode()) for i in range(len(ws) - n + 1)),
                         dtype=_SHINGLE_DTYPE, count=len(ws) - n + 1)
    return np.unique(hashes).astype(_SHINGLE_DTYPE, copy=False).tobytes()


def _as_array(shingle_bytes: bytes) -> np.ndarray:
    return np.frombuffer(shingle_bytes, dtype=_SHINGLE_DTYPE)


def _identity(value):
    return value


def _signatures(shingle_sets: Iterable[bytes]) -> Iterable[LeanMinHash]:
    """MinHashes of many shingle sets at once (``MinHash.generator`` sets the
    permutations up once)."""
    arrays = (_as_array(s).tolist() for s in shingle_sets)
    for mh in MinHash.generator(arrays, num_perm=NUM_PERM, seed=SEED, hashfunc=_identity, scheme=_SCHEME):
        yield LeanMinHash(mh)


def signature(shingle_bytes: bytes) -> LeanMinHash:
    """The MinHash signature of a shingle set (see :func:`shingles`)."""
    return next(iter(_signatures([shingle_bytes])))


def fingerprint(article_id: str, text: str, order: Any = None) -> Fingerprint:
    return fingerprints([(article_id, text, order)])[0]


def fingerprints(articles: Iterable[tuple[str, str, Any]]) -> list[Fingerprint]:
    """Fingerprints of ``(article_id, text, order)`` triples; a text with fewer
    than :data:`MIN_SHINGLES` shingles gets no signature."""
    rows = [(article_id, shingles(text), order) for article_id, text, order in articles]
    linkable = [sh for _, sh, _ in rows if len(sh) // 4 >= MIN_SHINGLES]
    sigs = iter(_signatures(linkable))
    return [Fingerprint(article_id=article_id, shingles=sh, order=order,
                        signature=next(sigs) if len(sh) // 4 >= MIN_SHINGLES else None)
            for article_id, sh, order in rows]


def signature_to_bytes(sig: LeanMinHash) -> bytes:
    """``SIGNATURE_VERSION``, a newline, then the LeanMinHash serialised
    little-endian (525 bytes for 128 permutations)."""
    _signature_fits(None, None, sig)
    buf = bytearray(sig.bytesize(_BYTEORDER))
    sig.serialize(buf, _BYTEORDER)
    return SIGNATURE_VERSION.encode("ascii") + b"\n" + bytes(buf)


def signature_from_bytes(data: bytes) -> LeanMinHash:
    """The signature :func:`signature_to_bytes` wrote; a signature written with
    other parameters raises :class:`SignatureVersionError`."""
    data = bytes(data)
    header = SIGNATURE_VERSION.encode("ascii") + b"\n"
    if not data.startswith(header):
        version, sep, _ = data[:120].partition(b"\n")
        readable = sep and version.isascii() and version.decode("ascii").isprintable()
        found = repr(version.decode("ascii")) if readable else "none"
        raise SignatureVersionError(
            f"stored reuse signature has version {found}, this code makes {SIGNATURE_VERSION!r}: "
            "recompute the signatures from the articles' texts")
    body = data[len(header):]
    sig = LeanMinHash.deserialize(body, _BYTEORDER)
    _signature_fits(None, None, sig)
    return sig


# ---------------------------------------------------------------------------
# the index


class ReuseIndex:
    """The signatures of stored articles in a ``MinHashLSH``, with their order
    keys and the reuse links already found (so a new copy of a story points to
    its earliest article). Mutable: :func:`find_reuse` inserts into it.

    Rebuild it from a store with :meth:`add` (signatures from
    :func:`signature_from_bytes`) and :meth:`add_links` (the stored records).
    """

    version = SIGNATURE_VERSION

    def __init__(self) -> None:
        self._lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM, weights=LSH_WEIGHTS)
        self._order: dict[str, Any] = {}
        self._sources: dict[str, set[str]] = defaultdict(set)

    @property
    def bands(self) -> tuple[int, int]:
        """The LSH's (bands, rows a band)."""
        return self._lsh.b, self._lsh.r

    def __len__(self) -> int:
        return len(self._order)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._order

    def order(self, article_id: str) -> Any:
        return self._order[article_id]

    def sources(self, article_id: str) -> frozenset[str]:
        return frozenset(self._sources.get(article_id, ()))

    def add(self, article_id: str, sig: LeanMinHash, order: Any = None) -> None:
        if article_id in self._order:
            raise ValueError(f"article {article_id} is already in the reuse index")
        _signature_fits(None, None, sig)
        self._lsh.insert(article_id, sig, check_duplication=False)
        self._order[article_id] = order

    def add_links(self, links: Iterable[Reuse]) -> None:
        for link in links:
            self._sources[link.article].add(link.source)

    def candidates(self, sig: LeanMinHash) -> list[str]:
        """Stored articles whose signatures collide with ``sig`` in a band."""
        return self._lsh.query(sig)


# ---------------------------------------------------------------------------
# finding reuse


def _rank(article_id: str, order: Any) -> tuple:
    """A total order, earliest first: known keys before unknown ones, then the ID."""
    return (order is None, 0 if order is None else order, article_id)


def _direction(a: str, order_a: Any, b: str, order_b: Any) -> tuple[str, str, bool]:
    """(article, source, direction_known) for a linked pair."""
    if order_a is not None and order_b is not None and order_a != order_b:
        return (a, b, True) if order_b < order_a else (b, a, True)
    return (max(a, b), min(a, b), False)


def containment(a: bytes, b: bytes) -> tuple[float, float]:
    """(|A ∩ B| / |A|, |A ∩ B| / |B|) of two shingle sets."""
    xa, xb = _as_array(a), _as_array(b)
    if not len(xa) or not len(xb):
        return 0.0, 0.0
    shared = np.intersect1d(xa, xb, assume_unique=True).size
    return shared / len(xa), shared / len(xb)


def find_reuse(new: Sequence[Fingerprint], index: ReuseIndex,
               stored_shingles: Callable[[str], bytes] | None = None,
               threshold: float = THRESHOLD) -> list[Reuse]:
    """The reuse links between the ``new`` articles and the indexed ones, and
    among the new ones; the new articles are inserted into ``index``.

    ``stored_shingles(article_id)`` gives the shingles of an indexed article
    (:func:`shingles` of its stored text), for the exact check of a candidate;
    only candidates are asked for. Links already returned by an earlier call are
    not returned again nor withdrawn: a backfilled earlier source adds links.
    """
    by_id: dict[str, Fingerprint] = {}
    for fp in new:
        if fp.article_id in index or fp.article_id in by_id:
            raise ValueError(f"article {fp.article_id} is already in the reuse index")
        by_id[fp.article_id] = fp
    # (article, source) -> (share, source_share, direction_known)
    pairs: dict[tuple[str, str], tuple[float, float, bool]] = {}
    for fp in new:
        if fp.signature is None:
            continue
        for other in index.candidates(fp.signature):
            if other in by_id:
                other_shingles, other_order = by_id[other].shingles, by_id[other].order
            elif stored_shingles is None:
                raise ValueError("find_reuse needs stored_shingles to check candidates from the index")
            else:
                other_shingles, other_order = stored_shingles(other), index.order(other)
            if len(other_shingles) // 4 < MIN_SHINGLES:
                continue
            in_other, other_in = containment(fp.shingles, other_shingles)
            if max(in_other, other_in) < threshold:
                continue
            article, source, known = _direction(fp.article_id, fp.order, other, other_order)
            share, source_share = (in_other, other_in) if article == fp.article_id else (other_in, in_other)
            pairs[article, source] = (share, source_share, known)
        index.add(fp.article_id, fp.signature, fp.order)
    return _earliest_sources(pairs, index)


def _earliest_sources(pairs: dict[tuple[str, str], tuple[float, float, bool]],
                      index: ReuseIndex) -> list[Reuse]:
    """Keep, of each article's sources, those that are not copies of another of
    its sources (ranked earlier), deciding the earliest articles first, and
    record the kept links in the index."""
    found: dict[str, list[str]] = defaultdict(list)
    for article, source in pairs:
        found[article].append(source)

    def rank(article_id: str) -> tuple:
        return _rank(article_id, index.order(article_id))

    links = []
    for article in sorted(found, key=rank):
        sources = set(found[article])
        known_sources = sources | index.sources(article)
        kept = [s for s in sorted(sources, key=rank)
                if not any(q in known_sources and rank(q) < rank(s) for q in index.sources(s))]
        for source in kept:
            share, source_share, known = pairs[article, source]
            link = Reuse(article=article, source=source, share=round(share, 4),
                         source_share=round(source_share, 4), direction_known=known)
            links.append(link)
            index.add_links([link])
    return sorted(links, key=lambda r: (r.article, r.source))


def reuse_in_corpus(articles: Iterable[tuple[str, str, Any]], threshold: float = THRESHOLD) -> list[Reuse]:
    """The reuse links of a whole corpus of ``(article_id, text, order)`` triples."""
    return find_reuse(fingerprints(articles), ReuseIndex(), threshold=threshold)


__all__ = [
    "Fingerprint", "Reuse", "ReuseIndex", "SignatureVersionError", "SIGNATURE_VERSION",
    "containment", "find_reuse", "fingerprint", "fingerprints", "reuse_in_corpus", "shingles",
    "signature", "signature_from_bytes", "signature_to_bytes", "words",
]
