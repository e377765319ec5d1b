"""The dependency tree of one sentence and the small parse helpers the rule modules share.

:class:`Tree` (children and subtrees) and :func:`is_tree` (no head cycles);
runs and character spans of word lists and the stripping of their edges;
mentions and full noun phrases (``of`` phrases, stray subjects, hyphens); the
subject of a verb and of a participle set off by a comma; whether a cue reads
as a finite verb; word counts and span overlaps.
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

from .. import lexicon
from ..records import Mention, ParsedDoc, Sentence, Word
from .marks import DOUBLE_MARKS, SINGLE_MARKS


# the subject of a verb is looked for on it and the verbs above it, at most this many in all ...
_SUBJECT_CLIMB = 4
# ... and the speaker of a participle set off by a comma on at most this many words above it
_PARTICIPLE_CLIMB = 6


class Tree:
    """Child lists and subtrees of one sentence's dependency tree."""

    def __init__(self, sent: Sentence):
        self.sent = sent
        self.kids: dict[int, list[Word]] = {w.id: [] for w in sent.words}
        self.kids[0] = []
        for w in sent.words:
            self.kids.setdefault(w.head, []).append(w)

    def children(self, w: Word, *deprels: str) -> list[Word]:
        kids = self.kids.get(w.id, [])
        if not deprels:
            return kids
        return [k for k in kids if k.deprel in deprels or k.deprel.split(":")[0] in deprels]

    def head(self, w: Word) -> Word | None:
        return None if w.head == 0 else self.sent.word(w.head)

    def subtree(self, w: Word, skip: Iterable[Word] = ()) -> list[Word]:
        """``w`` and its descendants, leaving out the subtrees of ``skip``."""
        skip_ids = {s.id for s in skip}
        out, stack, seen = [], [w], set()
        while stack:
            x = stack.pop()
            if x.id in skip_ids or x.id in seen:  # seen: a broken parse may loop
                continue
            seen.add(x.id)
            out.append(x)
            stack.extend(self.kids.get(x.id, []))
        return sorted(out, key=lambda x: x.id)


def is_tree(sent: Sentence) -> bool:
    """Every word's chain of heads reaches the root (0) without a cycle or a
    head outside the sentence."""
    ids = {w.id for w in sent.words}
    heads = {w.id: w.head for w in sent.words}
    for w in sent.words:
        seen, x = set(), w.id
        while x != 0:
            if x in seen or x not in ids:
                return False
            seen.add(x)
            x = heads[x]
    return True


def run_around(words: list[Word], anchor: Word, sent: Sentence) -> list[Word]:
    """The longest run of consecutive words (by id) from ``words`` that holds ``anchor``.

    Punctuation between two words of the run joins it even when the parser hung
    it elsewhere (quote marks and commas are often attached to the main verb)."""
    ids = {w.id for w in words}
    n = len(sent.words)

    def bridge(i: int, step: int) -> int:
        """The next id from ``i`` in direction ``step`` past punctuation, if it is in the run."""
        j = i + step
        while 1 <= j <= n and j not in ids and sent.word(j).upos == "PUNCT":
            j += step
        return j if j in ids else i

    lo = hi = anchor.id
    while (nxt := bridge(lo, -1)) != lo:
        lo = nxt
    while (nxt := bridge(hi, 1)) != hi:
        hi = nxt
    return [sent.word(i) for i in range(lo, hi + 1)]


def strip_edges(words: list[Word], text: str) -> list[Word]:
    """Drop punctuation, complementizers and conjunctions at the edges of a span.

    A quote mark at an edge stays when its partner is inside the span.
    """

    def keep_mark(i: int) -> bool:
        w = words[i]
        if w.text not in DOUBLE_MARKS + SINGLE_MARKS:
            return False
        others = sum(1 for x in words if x.text in DOUBLE_MARKS + SINGLE_MARKS)
        return others % 2 == 0

    while words and (
        (words[0].upos == "PUNCT" and not keep_mark(0))
        or (words[0].deprel == "mark" and words[0].text.lower() in ("that", "whether"))
        or words[0].deprel == "cc"
    ):
        words = words[1:]
    while words and ((words[-1].upos == "PUNCT" and not keep_mark(len(words) - 1)) or words[-1].deprel == "cc"):
        words = words[:-1]
    return words


def span_of(words: list[Word]) -> tuple[int, int] | None:
    """The character span from the first to the last of ``words`` (None for no words)."""
    return (words[0].start_char, words[-1].end_char) if words else None


_HYPHEN_RE = re.compile(r"[-–]\w[\w.'’]*")


def _glue_hyphens(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a span over words its tokenizer split at hyphens (``al`` + ``-Assad``)."""
    while (m := _HYPHEN_RE.match(text, end)) is not None:
        end = m.end()
    while start > 1 and text[start - 1] in "-–" and text[start - 2].isalnum():
        start -= 1
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in ".'’"):
            start -= 1
    return start, end


def mention(doc: ParsedDoc, words: list[Word], head: Word) -> Mention | None:
    """The mention spanning ``words`` with its head ``head``, both widened over split hyphens."""
    if not words:
        return None
    s, e = _glue_hyphens(doc.text, words[0].start_char, words[-1].end_char)
    hs, he = _glue_hyphens(doc.text, head.start_char, head.end_char)
    return Mention(start_char=s, end_char=e, text=doc.text[s:e], head_start=hs, head_end=he)


_NP_SKIP = ("acl:relcl", "parataxis", "advcl", "ccomp", "punct", "dep", "discourse", "list")


def noun_phrase(doc: ParsedDoc, tree: Tree, head: Word, avoid: Sequence[tuple[int, int]] = ()) -> Mention | None:
    """The full noun phrase headed by ``head``: determiners, compounds, flat names,
    modifiers, appositions and ``of`` phrases; relative clauses only when they
    hold no quote or content span in ``avoid``; trailing commas dropped."""
    skip = []
    for k in tree.children(head):
        sub = tree.subtree(k)
        overlaps = any(a < sub[-1].end_char and sub[0].start_char < b for a, b in avoid)
        timeish = k.deprel.startswith(("obl", "nmod:tmod")) or (
            k.deprel.startswith("nmod") and k.lemma.lower() in lexicon.words().time_words) or (
            k.deprel == "advmod" and k.id > head.id and k.upos == "ADV")  # "told [Reuters] earlier"
        if overlaps or (k.deprel in _NP_SKIP and k.deprel != "punct") or k.deprel == "case" or timeish:
            skip.append(k)
        elif k.deprel == "acl" and any(
            lexicon.is_speech_verb(x.lemma) and x.upos == "VERB" for x in sub
        ):
            skip.append(k)
    skip += _comma_clauses(tree, tree.subtree(head, skip), head)
    words = tree.subtree(head, skip)
    words = [w for w in words if not any(a <= w.start_char < b for a, b in avoid)]
    words = run_around(words, head, tree.sent) if words else []
    while words and (words[-1].upos == "PUNCT" or words[-1].deprel == "cc"):
        words = words[:-1]
    while words and (words[0].upos == "PUNCT" or words[0].deprel == "cc"):  # "and Assad's government"
        words = words[1:]
    words = _of_phrase_before(tree, words, avoid)
    words = _stray_subject_before(tree, head, words, avoid)
    # a capitalised title the parser hung elsewhere: "Russian" in "Russian Deputy … Ryabkov"
    while words and head.upos == "PROPN" and words[0].index > 0:
        prev = tree.sent.words[words[0].index - 1]
        if prev.upos not in ("PROPN", "ADJ") or not prev.text[:1].isupper() or prev.head == 0 \
                or any(a <= prev.start_char < b for a, b in avoid):
            break
        words = [prev] + words
    flat = tree.children(head, "flat")
    name_head = max(flat, key=lambda w: w.id) if flat and head.upos == "PROPN" else head
    if words and not (words[0].start_char <= name_head.start_char < words[-1].end_char):
        name_head = head
    return mention(doc, words, name_head)


def _comma_clauses(tree: Tree, words: list[Word], head: Word) -> list[Word]:
    """Clauses set off by a comma deeper in a noun phrase, which describe the
    event rather than name the speaker: ``a statement issued by the Foreign
    Ministry[, employing the government's term for the rebels]``."""
    out = []
    for w in words:
        if w.id != head.id and w.deprel.split(":")[0] in ("advcl", "parataxis") and w.upos == "VERB":
            first = min(x.index for x in tree.subtree(w))
            if first > 0 and tree.sent.words[first - 1].text == "," or tree.sent.words[first].text == ",":
                out.append(w)
    return out


#: the parts of speech a plain noun phrase is made of
NOUN_PHRASE_WORDS = ("DET", "ADJ", "NOUN", "PROPN", "NUM")


def _of_phrase_before(tree: Tree, words: list[Word], avoid: Sequence[tuple[int, int]]) -> list[Word]:
    """Widen a noun phrase the parser cut at ``of``: "[the Red Cross]" back to "the
    International Committee of the Red Cross", "[the Old City]" to "Residents of
    rebel-held districts of the Old City". The words before ``of`` join when they
    are a plain noun phrase (determiners, adjectives, nouns, names)."""
    sent = tree.sent.words
    while words and words[0].index >= 2 and sent[words[0].index - 1].text.lower() == "of":
        i = words[0].index - 2
        if sent[i].upos not in ("NOUN", "PROPN"):
            break
        while i > 0 and sent[i].upos != "DET" and (  # a determiner opens the phrase
                sent[i - 1].upos in NOUN_PHRASE_WORDS or _glued_hyphen(sent, i - 1)
                or _glued_hyphen(sent, i - 2)):
            i -= 1
        extra = list(sent[i : words[0].index])
        if any(a <= w.start_char < b for w in extra for a, b in avoid):
            break
        words = extra + words
    return words


def _stray_subject_before(tree: Tree, head: Word, words: list[Word],
                          avoid: Sequence[tuple[int, int]]) -> list[Word]:
    """Words of the subject the parser hung on the verb as a second subject, right
    before it: "[Syria's state] [TV] said" (both ``nsubj`` of ``said``); the same
    for possessors ("[Donald] [Trump]'s claim", both ``nmod:poss``)."""
    verb = tree.head(head)
    family = "nsubj" if head.deprel.startswith("nsubj") else "nmod:poss" if head.deprel == "nmod:poss" else None
    if verb is None or family is None or not words:
        return words
    sent = tree.sent.words
    while words[0].index > 0:
        prev = sent[words[0].index - 1]
        top = prev
        while top.head and top.head != verb.id and tree.head(top).id < words[0].id:
            top = tree.head(top)
        if top.head != verb.id or not top.deprel.startswith(family) or top.upos not in ("NOUN", "PROPN"):
            break
        extra = tree.subtree(top)
        if (extra[-1].index != words[0].index - 1 or any(w.upos == "PUNCT" for w in extra)
                or any(a <= w.start_char < b for w in extra for a, b in avoid)):
            break
        words = extra + words
    return words


def _glued_hyphen(words: Sequence[Word], i: int) -> bool:
    """``words[i]`` is a hyphen inside a word ("rebel-held")."""
    return (0 < i < len(words) - 1 and words[i].text == "-"
            and words[i - 1].end_char == words[i].start_char
            and words[i].end_char == words[i + 1].start_char)


def subject(tree: Tree, verb: Word, quoted: Sequence[tuple[int, int]] = ()) -> Word | None:
    """The subject of ``verb``, climbing to the governing verb for subjectless
    participles and infinitives (``adding that``, ``continued, adding``), and from
    a relative pronoun to the noun it modifies (``officials who said``). A word
    inside quote marks (``quoted``) is never the subject: ``we``/``I`` in a quote
    do not speak it."""
    w, seen = verb, 0
    while w is not None and seen < _SUBJECT_CLIMB:
        subj = [k for k in tree.children(w, "nsubj") if not any(a <= k.start_char < b for a, b in quoted)]
        if tree.children(w, "nsubj") and not subj:
            return None
        if subj:
            s = min(subj, key=lambda k: abs(k.id - w.id))  # the nearest, if the parse gave several
            if s.feats and "PronType=Rel" in s.feats and w.deprel.startswith("acl"):
                return tree.head(w)
            return s
        if w.deprel.split(":")[0] in ("advcl", "xcomp", "conj", "acl", "ccomp", "dep") and w.head:
            if w.deprel.startswith("acl"):
                return tree.head(w)
            w = tree.head(w)
            seen += 1
            continue
        return None
    return None


def participle_subject(tree: Tree, verb: Word, quoted: Sequence[tuple[int, int]] = ()) -> Word | None:
    """The speaker of ``…, (even) suggesting he may have been sabotaged`` when the
    parser hung the participle on a noun (``dep``/``acl`` of ``debate``) rather
    than on the clause: the subject of the nearest governing verb. None where the
    participle is not set off by a comma (``a statement saying``: the noun speaks)
    or no governing verb has a subject."""
    if not (verb.xpos == "VBG" or verb.text.lower().endswith("ing")) or tree.children(verb, "nsubj", "nsubj:pass"):
        return None
    if verb.deprel.split(":")[0] not in ("acl", "dep") or verb.index == 0:
        return None
    sent = tree.sent.words
    i = verb.index - 1
    while i > 0 and sent[i].upos == "ADV" and sent[i].head == verb.id:
        i -= 1  # ", even suggesting"
    if sent[i].text != ",":
        return None
    w = tree.head(verb)
    for _ in range(_PARTICIPLE_CLIMB):
        if w is None:
            return None
        if w.upos in ("VERB", "AUX", "ADJ"):
            subj = [k for k in tree.children(w, "nsubj") if k.id < verb.id
                    and not any(a <= k.start_char < b for a, b in quoted)]
            if subj and verb.id in {x.id for x in tree.subtree(subj[-1])}:
                return None  # the participle modifies the subject itself
            if subj:
                return subj[-1]
            if not w.deprel.split(":")[0] in ("advcl", "xcomp", "conj", "ccomp", "dep", "acl"):
                return None
        w = tree.head(w)
    return None


def finite_cue(tree: Tree, cue: Word) -> bool:
    """Whether a cue reads as a finite verb that takes a subject before it: not a
    participle (``…, saying``) or infinitive. A bare past form the tagger read as a
    participle (``conceded`` VBN, with no auxiliary, not a modifier) counts."""
    if cue.text.lower().endswith("ing") or cue.xpos in ("VBG", "VB", "TO"):
        return False
    if cue.xpos == "VBN":
        return not tree.children(cue, "aux", "aux:pass") and cue.deprel.split(":")[0] not in ("acl", "amod")
    return True


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """How many characters the spans ``a`` and ``b`` share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def word_count(text: str) -> int:
    """The number of words (runs of word characters) in ``text``."""
    return len(re.findall(r"\w+", text))
