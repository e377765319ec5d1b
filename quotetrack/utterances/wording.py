"""Two wordings of a statement, compared as strings.

:func:`same_utterance`: whether two quotes' wordings report one statement —
identical, trimmed or re-punctuated, one a part of the other, or direct in one
article and indirect in another with the same claim words (similarity from
``rapidfuzz``). :func:`claim_words` and :func:`quoted_fragments` are the words
the meaning test corroborates a paraphrase with (:mod:`.grouping`).
:func:`compare_wordings` says how two direct quotes of one statement differ:
the same words, an excerpt, or altered (with the word-level diff).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

import attrs
from rapidfuzz import fuzz

from .. import lexicon
from ..resolve.names import fold

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
    if fuzz.ratio(na, nb) >= FULL_THRESHOLD and negated(a) == negated(b) and not _swaps_a_claim(a, b):
        return True  # ("we will raise taxes" is no rewording of "we will not raise taxes")
    if not cross_kind:
        return False
    if quotes_a_fragment(a, b) or quotes_a_fragment(b, a):
        return True
    return _shared_run(claim_words(a), claim_words(b)) >= CROSS_KIND_RUN


#: a short wording with one claim word swapped for another is another statement
#: ("Russia will veto the resolution" / "… support …"); a long one is a misquote of one
SWAP_MAX_WORDS = 12


def _swaps_a_claim(a: str, b: str) -> bool:
    """Whether two short wordings differ by claim words on both sides."""
    if min(len(a.split()), len(b.split())) >= SWAP_MAX_WORDS:
        return False
    ca, cb = claim_stems(a), claim_stems(b)
    return bool(ca - cb) and bool(cb - ca)


def quoted_fragments(text: str) -> list[str]:
    """The quoted words inside reported speech (a mixed quote's "huge step")."""
    return [normalise(f) for f in FRAGMENT.findall(text)]


def quotes_a_fragment(mixed: str, other: str) -> bool:
    """Whether ``mixed`` quotes a piece of ``other`` word for word (normalised):
    a fragment of at least MIN_FRAGMENT_WORDS words, or several one-word
    fragments all found there (that Trump is a "loser," a "liar" and a
    "whiner")."""
    words = f" {normalise(other)} "
    fragments = [f for f in quoted_fragments(mixed) if f]
    found = [f for f in fragments if f" {f} " in words]
    return any(len(f.split()) >= MIN_FRAGMENT_WORDS for f in found) or (
        len(fragments) >= 2 and len(found) == len(fragments))


def claim_words(text: str) -> list[str]:
    """The words that carry what was claimed: no function words, no shifted
    person or tense, and no capitalised words (names say what a statement is
    about, not what it says: "Russia and the United States" is in many)."""
    function_words = lexicon.words().function_words
    folded = [_word_key(w, "fold") for w in re.findall(r"\w[\w'’]*", text) if not w[0].isupper()]
    return [w for w in folded if w not in function_words]


def _shared_run(wa: list[str], wb: list[str]) -> int:
    """Length of the longest run of words that ``wa`` and ``wb`` share, in order."""
    match = SequenceMatcher(None, wa, wb, autojunk=False).find_longest_match(0, len(wa), 0, len(wb))
    return match.size




# --------------------------------------------------------------------------
# claims: the words a paraphrase must share
# --------------------------------------------------------------------------

#: inflections folded away when claim words are compared ("leaving" ~ "leave")
_SUFFIXES = ("ing", "ed", "es", "s")


def _strip(word: str) -> str:
    """A word without a common inflection or a final e: "leaving", "leaves",
    "leave" -> "leav"; "agreed" -> "agre"."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


#: slot -> (the word lists it was made from, what was made of them)
_PER_LEXICON: dict[str, tuple[object, object]] = {}


def _per_lexicon(slot: str, make):
    """What ``make(words)`` makes of the word lists, made again only when they change
    (``QUOTETRACK_LEXICON_DIR``, a test's copy)."""
    words = lexicon.words()
    held = _PER_LEXICON.get(slot)
    if held is None or held[0] is not words:
        held = (words, make(words))
        _PER_LEXICON[slot] = held
    return held[1]


def _synonyms() -> dict[str, str]:
    """claim_synonyms.csv with both sides stripped."""
    return _per_lexicon("synonyms", lambda words: {_strip(k): _strip(v) for k, v in words.claim_synonyms.items()})


def claim_stem(word: str) -> str:
    """A claim word's comparison key: its synonym class (claim_synonyms.csv),
    both without inflection (:func:`_strip`)."""
    stem = _strip(word)
    return _synonyms().get(stem, stem)


def claim_stems(text: str) -> set[str]:
    """The claim words of ``text`` by their comparison keys (:func:`claim_stem`)."""
    return {claim_stem(word) for word in claim_words(text)}


#: words that say no; two of them say yes ("will not agree … without a withdrawal")
NEGATIONS = frozenset({"not", "no", "never", "nothing", "none", "neither", "nor", "without", "cannot"})


def negated(text: str) -> bool:
    """Whether ``text`` says no: an odd number of negations (:data:`NEGATIONS`
    and negative contractions)."""
    words = re.findall(r"\w+(?:['’]\w+)?", text.lower())
    count = sum(1 for w in words if w in NEGATIONS
                or w.endswith(("n't", "n’t")))
    return count % 2 == 1


# --------------------------------------------------------------------------
# how two direct quotes of one statement differ
# --------------------------------------------------------------------------

WORDING_CLASSES = ("same words", "excerpt", "altered")
#: a token: a word with its inner hyphens and apostrophes, or an ellipsis (a cut)
_TOKEN = re.compile(r"\w+(?:[-‐'’]\w+)*|\.\.\.|…")
#: British and American spellings of one word share a key
_SPELLINGS = ((re.compile(r"our(s?)$"), r"or\1"), (re.compile(r"ise([ds]?)$"), r"ize\1"),
              (re.compile(r"isation(s?)$"), r"ization\1"), (re.compile(r"yse([ds]?)$"), r"yze\1"),
              (re.compile(r"tre(s?)$"), r"ter\1"), (re.compile(r"ll(ed|ing)$"), r"l\1"),
              (re.compile(r"ogue(s?)$"), r"og\1"))
#: two differing runs of words this similar (rapidfuzz ratio) are one spelling ("al-Safaa" / "al-Safa")
SPELLING_RATIO = 85.0


@attrs.frozen(kw_only=True)
class Edit:
    """One difference between two wordings: ``op`` is ``cut`` (words the
    shorter leaves out at its edges or between its pieces), ``replace``,
    ``insert`` (words only the other has) or ``delete`` (words only this one
    has); ``this`` and ``other`` are the words as written."""

    op: str = attrs.field(validator=attrs.validators.in_(("cut", "replace", "insert", "delete")))
    this: str = ""
    other: str = ""

    def as_json(self) -> dict:
        return {"op": self.op, "this": self.this, "other": self.other}


@attrs.frozen(kw_only=True)
class Comparison:
    """How one direct quote's wording compares with another's."""

    wording: str = attrs.field(validator=attrs.validators.in_(WORDING_CLASSES))
    edits: tuple[Edit, ...] = ()

    @property
    def changes(self) -> tuple[Edit, ...]:
        """The edits inside the span (what makes a wording altered)."""
        return tuple(e for e in self.edits if e.op != "cut")


def _spelling_key(token: str) -> str:
    return _word_key(token, "spelling")


def _word_key(word: str, how: str) -> str:
    """A word folded (``fold``) or by its spelling key, memoised (folding reads the
    lexicon's name particles, so the memo is the word lists')."""
    memo = _per_lexicon("word keys", lambda words: {})
    key = memo.get((how, word))
    if key is None:
        if how == "fold":
            key = fold(word)
        else:
            key = fold(word.replace("-", "").replace("‐", "")).replace(" ", "").replace("'", "")
            for pattern, replacement in _SPELLINGS:
                key = pattern.sub(replacement, key)
        if len(memo) > 200_000:
            memo.clear()
        memo[(how, word)] = key
    return key


def _tokens(pieces: list[str]) -> tuple[list[str], list[str], set[int]]:
    """Words as written, their keys, and the positions where a piece (or an
    ellipsis) begins: a cut there is no change of wording."""
    words, keys, bounds = [], [], {0}
    for piece in pieces:
        bounds.add(len(words))
        for token in _TOKEN.findall(piece):
            if token in ("...", "…"):
                bounds.add(len(words))
                continue
            words.append(token)
            keys.append(_spelling_key(token))
    bounds.add(len(words))
    return words, keys, bounds


def compare_wordings(this: list[str], other: list[str]) -> Comparison:
    """How the direct quote ``this`` (its pieces in one article, in order)
    compares with ``other`` (another article's): the shorter is aligned inside
    the longer; words left out only at its edges or between its pieces make an
    **excerpt**; differences of punctuation, case, hyphens or spelling only are
    the **same words**; words substituted, inserted or deleted inside the span
    make it **altered**. The edits are given from ``this`` quote's side."""
    a_words, a_keys, a_bounds = _tokens(this)
    b_words, b_keys, b_bounds = _tokens(other)
    edits: list[Edit] = []
    altered = cut = False
    matcher = SequenceMatcher(None, a_keys, b_keys, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        mine, theirs = " ".join(a_words[i1:i2]), " ".join(b_words[j1:j2])
        if op == "replace" and fuzz.ratio("".join(a_keys[i1:i2]), "".join(b_keys[j1:j2])) >= SPELLING_RATIO:
            continue  # one spelling of the same words
        if op == "insert" and i1 in a_bounds:
            edits.append(Edit(op="cut", other=theirs))  # words this one leaves out at an edge or a gap
            cut = True
        elif op == "delete" and j1 in b_bounds:
            edits.append(Edit(op="cut", this=mine))  # words the other leaves out
            cut = True
        else:
            edits.append(Edit(op=op, this=mine, other=theirs))
            altered = True
    wording = "altered" if altered else "excerpt" if cut else "same words"
    return Comparison(wording=wording, edits=tuple(edits))
