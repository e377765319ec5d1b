"""Extraction: a parsed article -> its direct, indirect and mixed quotes.

The stage works in three steps (see :func:`extract_quotes`):

1. **Quote marks** (character level, no parse): :func:`find_quote_spans` pairs
   double (``"…"`` ``“…”``) and single (``'…'`` ``‘…’``) quotation marks paragraph
   by paragraph, telling single marks from apostrophes (``It's``, ``Assad's``,
   ``rebels'``), joining multi-paragraph quotes (each paragraph reopens the mark,
   only the last closes) and skipping stray marks without losing the rest of
   the paragraph.
2. **Attributions** (dependency parse): :func:`find_attributions` finds every
   reporting expression - a speech verb from :mod:`quotetrack.lexicon` with its
   content clause (``ccomp``, fronted ``parataxis``, object for ``deny`` /
   ``call for``), ``X was quoted as saying``, ``X is reported to have said``,
   ``according to X`` - with its speaker noun phrase and intermediary outlet.
3. **Quotes**: each quote-mark span is tied to an attribution - the cue that
   frames it (`"…," X said`, `X said: "…"`, any verb before a colon), the cue
   whose parsed content it is, a cue elsewhere in its sentence, a dash line
   below a pull quote (or a dash and a name after it on its line), a headline's
   ``Name: "…"``, a colon ending the sentence before it, or the quote just
   before it that it continues; an attribution whose content holds quoted
   fragments becomes one *mixed* quote, and so does a framed quote whose
   sentence runs into its opening mark (`Taxing the rich "is a mistake," X
   said`); the other attributions are *indirect* quotes. Marked spans with no
   attribution (headlines, scare quotes, show titles) are dropped.

Rule names (``Quote.rule``): ``direct:cue-after``, ``direct:cue-before``,
``direct:colon``, ``direct:dash-line``, ``direct:continuation``,
``indirect:ccomp`` (a content clause, also that-less clauses misparsed as
xcomp or relative clauses), ``indirect:parataxis`` (``…, X said``),
``indirect:fronted`` (content before ``, X said.`` found by position),
``indirect:xcomp`` (``urged X to …``), ``indirect:object`` (``denied the
claims``, ``called for a truce``, ``spoke about …``, ``called X "Y"``),
``indirect:headline`` (a title-cased ``…, X Says`` headline parsed as a name),
``according-to``, ``mixed:<the indirect rule>``, and ``mixed:direct:cue-before``
(a quoted fragment after its cue that the sentence runs on from: ``reported
"2,521 incidents" in the city``).
"""

from __future__ import annotations

import bisect
import re
from typing import Iterable, Sequence

import attrs

from . import lexicon
from .records import Cue, Mention, ParsedDoc, Quote, Sentence, Word

# --------------------------------------------------------------------------
# 1. Quote marks
# --------------------------------------------------------------------------

DOUBLE_MARKS = '"“”„«»'
SINGLE_MARKS = "'‘’‚‹›"
_OPEN_ONLY = "“„«‘‚‹"
_CLOSE_ONLY = "”»›"  # ’ is also the apostrophe: decided by context
_LEFT_CONTEXT = "([{—–-/\u00a0"
_RIGHT_CONTEXT = ".,;:!?)]}—–-…/"
_DECADE_RE = re.compile(r"\d\ds\b")


@attrs.frozen
class MarkSpan:
    """The content between a pair of quote marks (marks excluded).

    ``reopened``: the span is a later paragraph of a multi-paragraph quote
    (it continues the span before it); ``unclosed``: its paragraph ends without
    a closing mark because the next paragraph reopens the quote.
    """

    start: int
    end: int
    open_at: int
    close_at: int | None
    family: str  # "double" or "single"
    reopened: bool = False
    unclosed: bool = False


def _mark_roles(text: str, i: int, length: int = 1) -> tuple[bool, bool]:
    """(can open, can close) for the quote mark at ``text[i:i+length]``, from its neighbours."""
    ch = text[i] if length == 1 else '"'  # '' and `` are double marks
    prev = text[i - 1] if i > 0 else "\n"
    nxt = text[i + length] if i + length < len(text) else "\n"
    marks = DOUBLE_MARKS + SINGLE_MARKS
    left_open = prev.isspace() or prev in _LEFT_CONTEXT or prev in marks
    right_open = nxt.isspace() or nxt in _RIGHT_CONTEXT or nxt in marks
    if ch in SINGLE_MARKS:
        if prev.isalnum() and nxt.isalnum():  # It's, Assad’s, SYRIA'S
            return False, False
        if _DECADE_RE.match(text, i + 1) and not prev.isalnum():  # '90s
            return False, False
    can_open = left_open and not nxt.isspace() and nxt != "\n"
    can_close = not prev.isspace() and right_open
    if ch in _OPEN_ONLY:
        can_close = can_close and not can_open and ch not in "‘‚"
        can_open = not nxt.isspace()
    elif ch in _CLOSE_ONLY:
        can_open = can_open and not can_close
        can_close = not prev.isspace()
    return can_open, can_close


def _possessive_s(text: str, i: int) -> bool:
    """A closing-looking single mark that may be a plural possessive: ``rebels' areas``."""
    return (
        i > 0
        and text[i - 1] in "sS"
        and i + 2 < len(text)
        and text[i + 1] == " "
        and (text[i + 2].islower() or text[i + 2].isdigit())
    )


def _pair_marks(text: str, marks: Sequence[int], family: str,
                lengths: dict[int, int] | None = None) -> tuple[list[tuple[int, int]], int | None]:
    """Pair the marks of one family in one paragraph.

    Returns the (open, close) pairs and the position of a mark left open at the
    paragraph's end (None if all closed). A stray opener that is never closed
    and does not start the paragraph is skipped so later quotes are still found.
    ``lengths``: marks longer than one character (``''``).
    """
    lengths = lengths or {}
    roles = [_mark_roles(text, i, lengths.get(i, 1)) for i in marks]
    pairs: list[tuple[int, int]] = []
    open_idx: int | None = None
    k = 0
    while k < len(marks):
        can_open, can_close = roles[k]
        if open_idx is None:
            if can_open:
                open_idx = k
        elif can_close:
            later_close = any(r[1] for r in roles[k + 1:])
            if family == "single" and _possessive_s(text, marks[k]) and later_close:
                k += 1
                continue
            pairs.append((marks[open_idx], marks[k]))
            open_idx = None
        k += 1
    if open_idx is not None:
        rest_pairs, rest_open = _pair_marks(text, marks[open_idx + 1:], family, lengths)
        if rest_pairs:
            # the opener was stray: keep what pairs up after it
            return pairs + rest_pairs, rest_open
        return pairs, marks[open_idx]
    return pairs, None


def _paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, surrounding spaces excluded."""
    bounds = []
    for m in re.finditer(r"[^\n]*\S[^\n]*", text):
        line = m.group()
        lead = len(line) - len(line.lstrip())
        bounds.append((m.start() + lead, m.start() + len(line.rstrip())))
    return bounds


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end



_DOUBLE_RE = re.compile("''|``|[" + DOUBLE_MARKS + "]")


def _marks_in(text: str, start: int, end: int, family: str) -> dict[int, int]:
    """Position -> length of the quote marks of a family in ``text[start:end]``.

    Two apostrophes or backquotes (``''``, ````` `` `````), as some newswires
    write them, are one double mark."""
    doubled = {m.start(): m.end() - m.start() for m in _DOUBLE_RE.finditer(text, start, end)}
    if family == "double":
        return doubled
    inside = {i + 1 for i, n in doubled.items() if n == 2}
    return {i: 1 for i in range(start, end)
            if text[i] in SINGLE_MARKS and i not in doubled and i not in inside}


def find_quote_spans(text: str) -> list[MarkSpan]:
    """Every quoted span of ``text`` in order, from its quote marks alone.

    Doubles are paired first; single marks are paired outside double-quoted
    spans; a span nested in another is dropped (the outer one stands for both).
    A paragraph left open whose next paragraph starts with an opening mark is
    one piece of a multi-paragraph quote.
    """
    paras = _paragraph_bounds(text)
    spans: list[MarkSpan] = []
    for family in ("double", "single"):
        masked = [(s.open_at, s.close_at if s.close_at is not None else s.end) for s in spans]
        carried = False  # the previous paragraph left a quote open
        for p, (p_start, p_end) in enumerate(paras):
            lengths = {i: n for i, n in _marks_in(text, p_start, p_end, family).items()
                       if not any(a <= i <= b for a, b in masked)}
            marks = sorted(lengths)
            reopens = bool(marks) and marks[0] == p_start and _mark_roles(text, p_start, lengths[p_start])[0]
            pairs, left_open = _pair_marks(text, marks, family, lengths)
            found = []
            for o, c in pairs:
                s, e = _trim(text, o + lengths[o], c)
                if e > s:
                    found.append(MarkSpan(s, e, o, c, family))
            if left_open is not None:
                nxt = paras[p + 1] if p + 1 < len(paras) else None
                next_marks = _marks_in(text, nxt[0], nxt[1], family) if nxt else {}
                next_reopens = (
                    nxt is not None and nxt[0] in next_marks
                    and _mark_roles(text, nxt[0], next_marks[nxt[0]])[0]
                )
                at_start = left_open == p_start or text[p_start:left_open].rstrip().endswith(":")
                if next_reopens or at_start:
                    s, e = _trim(text, left_open + lengths[left_open], p_end)
                    if e > s:
                        found.append(MarkSpan(s, e, left_open, None, family, unclosed=True))
            if carried and reopens and found and found[0].open_at == p_start:
                found[0] = attrs.evolve(found[0], reopened=True)
            carried = left_open is not None and bool(found) and found[-1].unclosed
            spans.extend(found)
    spans.sort(key=lambda s: (s.start, -s.end))
    kept: list[MarkSpan] = []
    for s in spans:
        if any(k.open_at <= s.open_at and s.end <= k.end for k in kept):
            continue
        kept.append(s)
    return kept


# --------------------------------------------------------------------------
# 2. Attributions from the parse
# --------------------------------------------------------------------------


@attrs.frozen
class Attribution:
    """A reporting expression found in the parse, before it meets quote marks."""

    sentence: int
    cue: Cue
    cue_word: Word  # the verb (or "according") that anchors the cue
    speaker: Mention | None
    via_outlet: Mention | None
    content: tuple[int, int] | None  # char span of the reported content
    rule: str
    # the content's first part when the cue interrupts it: "[But to prevent problems],
    # he said, local officials should be vigilant"
    lead: tuple[int, int] | None = None


class _Tree:
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


def _run_around(words: list[Word], anchor: Word, sent: Sentence) -> list[Word]:
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


_EDGE_PUNCT = set(",;:-–—(…")


def _strip_edges(words: list[Word], text: str) -> list[Word]:
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


def _span_of(words: list[Word]) -> tuple[int, int] | None:
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


def _mention(doc: ParsedDoc, words: list[Word], head: Word) -> Mention | None:
    if not words:
        return None
    s, e = _glue_hyphens(doc.text, words[0].start_char, words[-1].end_char)
    hs, he = _glue_hyphens(doc.text, head.start_char, head.end_char)
    return Mention(start_char=s, end_char=e, text=doc.text[s:e], head_start=hs, head_end=he)


_NP_SKIP = ("acl:relcl", "parataxis", "advcl", "ccomp", "punct", "dep", "discourse", "list")


def _noun_phrase(doc: ParsedDoc, tree: _Tree, head: Word, avoid: Sequence[tuple[int, int]] = ()) -> Mention | None:
    """The full noun phrase headed by ``head``: determiners, compounds, flat names,
    modifiers, appositions and ``of`` phrases; relative clauses only when they
    hold no quote or content span in ``avoid``; trailing commas dropped."""
    skip = []
    for k in tree.children(head):
        sub = tree.subtree(k)
        overlaps = any(a < sub[-1].end_char and sub[0].start_char < b for a, b in avoid)
        timeish = k.deprel.startswith(("obl", "nmod:tmod")) or (
            k.deprel.startswith("nmod") and k.lemma.lower() in lexicon.TIME_WORDS) or (
            k.deprel == "advmod" and k.id > head.id and k.upos == "ADV")  # "told [Reuters] earlier"
        if overlaps or (k.deprel in _NP_SKIP and k.deprel != "punct") or k.deprel == "case" or timeish:
            skip.append(k)
        elif k.deprel == "acl" and any(
            lexicon.is_speech_verb(x.lemma) and x.upos == "VERB" for x in sub
        ):
            skip.append(k)
    words = tree.subtree(head, skip)
    words = [w for w in words if not any(a <= w.start_char < b for a, b in avoid)]
    words = _run_around(words, head, tree.sent) if words else []
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
    return _mention(doc, words, name_head)


_OF_PHRASE_WORDS = ("DET", "ADJ", "NOUN", "PROPN", "NUM")


def _of_phrase_before(tree: _Tree, words: list[Word], avoid: Sequence[tuple[int, int]]) -> list[Word]:
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
                sent[i - 1].upos in _OF_PHRASE_WORDS or _glued_hyphen(sent, i - 1)
                or _glued_hyphen(sent, i - 2)):
            i -= 1
        extra = list(sent[i : words[0].index])
        if any(a <= w.start_char < b for w in extra for a, b in avoid):
            break
        words = extra + words
    return words


def _stray_subject_before(tree: _Tree, head: Word, words: list[Word],
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


def _is_outlet(doc: ParsedDoc, tree: _Tree, head: Word) -> bool:
    """Whether the noun phrase headed by ``head`` names a news outlet.

    An outlet head noun (``the al-Watan newspaper``, ``X news agency``,
    ``State TV``) or a well-known outlet name; press people (``reporters``) are not.
    """
    if head.lemma.lower() in lexicon.PERSON_NOUNS or head.text.lower() in lexicon.PERSON_NOUNS:
        return False
    if head.upos in ("PRON",):
        return False
    if head.lemma.lower() in lexicon.OUTLET_NOUNS or head.text.lower() in lexicon.OUTLET_NOUNS:
        return True
    name_words = [head] + [k for k in tree.children(head, "compound", "flat", "amod") ]
    name_words.sort(key=lambda w: w.id)
    for k in tree.children(head, "compound", "flat"):
        if k.text.lower() in lexicon.OUTLET_NOUNS:
            return True
    s, e = name_words[0].start_char, name_words[-1].end_char
    return lexicon.names_seed_outlet(doc.text[s:e])


def _subject(tree: _Tree, verb: Word, quoted: Sequence[tuple[int, int]] = ()) -> Word | None:
    """The subject of ``verb``, climbing to the governing verb for subjectless
    participles and infinitives (``adding that``, ``continued, adding``), and from
    a relative pronoun to the noun it modifies (``officials who said``). A word
    inside quote marks (``quoted``) is never the subject: ``we``/``I`` in a quote
    do not speak it."""
    w, seen = verb, 0
    while w is not None and seen < 4:
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


def _participle_subject(tree: _Tree, verb: Word, quoted: Sequence[tuple[int, int]] = ()) -> Word | None:
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
    for _ in range(6):
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


def _has_particle(tree: _Tree, verb: Word) -> bool:
    """``call`` and ``point`` report speech only with their particle (``call for``, ``point out``)."""
    need = lexicon.VERB_PARTICLES.get(verb.lemma.lower())
    if not need:
        return True
    if verb.lemma.lower() == "call" and any(k.deprel in ("xcomp", "dep") and k.id > verb.id for k in tree.children(verb)):
        return True  # "called Clinton 'crooked'": naming is reporting too
    if verb.lemma.lower() == "call" and _small_clause_naming(tree, verb) is not None:
        return True
    for k in tree.children(verb):
        if k.deprel == "compound:prt" and k.text.lower() in need:
            return True
        if k.deprel.split(":")[0] in ("obl", "obj", "advcl", "nmod"):
            if any(c.deprel in ("case", "mark") and c.text.lower() in need for c in tree.children(k)):
                return True
    return False


def _is_speech_cue(tree: _Tree, w: Word) -> bool:
    return w.upos in ("VERB", "AUX") and lexicon.is_speech_verb(w.lemma) and _has_particle(tree, w) and w.lemma.lower() != "be"


def _second_hand_head(tree: _Tree, cue: Word) -> Word | None:
    """For ``saying`` in ``was quoted as saying`` / ``said`` in ``is reported to
    have said``: the governing ``quoted``/``reported`` verb, else None."""
    head = tree.head(cue)
    if head is None or cue.deprel.split(":")[0] not in ("advcl", "xcomp"):
        return None
    if head.upos != "VERB":
        return None
    lemma = head.lemma.lower()
    as_mark = any(k.text.lower() == "as" for k in tree.children(cue, "mark"))
    passive = any(k.deprel in ("nsubj:pass", "aux:pass") for k in tree.children(head))
    if lemma in ("quote", "cite") and as_mark:
        return head  # "X was quoted as saying", "Interfax quoted X as saying"
    if lemma in ("report", "say", "understand", "believe", "quote") and passive and cue.deprel.startswith("xcomp"):
        return head  # "X is reported to have said"
    return None


def _content_words(tree: _Tree, cue: Word, top: Word, cues: set[int]) -> tuple[list[Word], Word, str] | None:
    """The words of the content reported by ``cue`` (``top``: its second-hand
    head, or itself), the content's head and the rule that found it.

    Nested attributions hanging off the content (``, adding that …``) are cut
    off so each keeps its own content.
    """

    def nested(head: Word) -> list[Word]:
        out = []
        for w in tree.subtree(head):
            if w.id != head.id and w.id in cues and (w.deprel.split(":")[0] in ("advcl", "conj", "parataxis")
                                                     or w.deprel == "dep" and _participle_subject(tree, w) is not None):
                if w.deprel.split(":")[0] == "conj" and _conjunct_of_content(tree, w):
                    continue
                if w.deprel.split(":")[0] in ("advcl", "parataxis") and _subordinate_clause(tree, w):
                    continue
                out.append(w)
        return out

    ccomp = [k for k in tree.children(cue, "ccomp") if k.upos != "PUNCT"]
    if not ccomp:
        ccomp = [k for k in tree.children(cue, "conj") if _clause_misread_as_conjunct(tree, cue, k)]
    ccomp.sort(key=lambda k: k.id < cue.id)  # a clause after the cue before one fronted
    after = [k for k in ccomp if k.id > cue.id]
    predicates = [k for k in after if any(c.deprel.split(":")[0] in ("cop", "aux", "nsubj") for c in tree.children(k))]
    if len(after) > 1 and predicates:
        # "said [a … deal] (ccomp) … [was still on the agenda] (ccomp)": the clause is the
        # predicate; the ccomp before it is its subject (see _with_stray_subject)
        ccomp = [predicates[-1]] + [k for k in ccomp if k is not predicates[-1]]
        # "said that [a … deal] [to allow rebels to leave] [Aleppo was still on the
        # agenda]": one clause the parser cut into several ccomps, side by side
        pieces = sorted((w for k in after for w in tree.subtree(k, nested(k))), key=lambda w: w.id)
        ids = [w.id for w in pieces]
        if ids == list(range(ids[0], ids[-1] + 1)):
            return pieces, predicates[-1], "ccomp"
    if not ccomp and top is not cue:
        ccomp = tree.children(top, "ccomp")
    if not ccomp and cue.lemma.lower() != "call":
        # a clause parsed as xcomp with its own subject: "said she hoped …" (UD v1
        # parsers); the clause runs on through the cue's later dependents
        xc = [k for k in tree.children(cue, "xcomp") if tree.children(k, "nsubj") and k.id > cue.id]
        if xc:
            words = []
            for k in tree.children(cue):
                if k.id >= xc[0].id and k.upos != "PUNCT" and k.id not in cues:
                    words += tree.subtree(k, nested(k))
            return words, xc[0], "ccomp"
    misread = False
    if not any(k.id > cue.id for k in ccomp):
        # "said at an event [that a bomb had gone off]" (the clause hung on the event as a
        # relative clause): preferred to a clause fronted before the cue
        that_clause = _that_clause_misread_as_relative(tree, cue)
        if that_clause:
            ccomp = that_clause
    if not ccomp:
        ccomp = _clause_misread_as_relative(tree, cue)
        misread = bool(ccomp)
    if ccomp:
        head = ccomp[0]
        words = _with_stray_subject(tree, cue, head, tree.subtree(head, nested(head)))
        if misread and cue.lemma.lower() not in _TELL_VERBS and cue.lemma.lower() != "ask":
            # "said [the panel] (obj) [itself might be damaged] (acl:relcl)": with a verb that
            # takes no addressee, the object is the clause's subject
            obj = tree.head(head)
            words = sorted(tree.subtree(obj, [head]) + words, key=lambda w: w.id)
        return words, head, "ccomp"
    # fronted content: "…, X said." (the cue hangs off the content as parataxis)
    if top.deprel in ("parataxis", "parataxis:outer") and top.head and not _reports_on_its_own(tree, cue, top):
        head = tree.head(top)
        if head.start_char < top.start_char and head.upos != "PUNCT":
            words = tree.subtree(head, [top] + nested(head))
            return words, head, "parataxis"
    # content as parataxis of the cue: "He said: …", `"…," he said` (cue as root)
    for k in tree.children(cue, "parataxis"):
        between = [w for w in tree.sent.words if min(k.id, cue.id) < w.id < max(k.id, cue.id)]
        if k.id < cue.id or any(w.text in ":" + DOUBLE_MARKS + SINGLE_MARKS for w in between):
            return tree.subtree(k, nested(k)), k, "parataxis"
    fronted = _fronted_by_position(tree, cue, top) or _fronted_relative(tree, cue)
    if fronted:
        return fronted
    if cue.lemma.lower() == "call":
        naming = _small_clause_naming(tree, cue) or _naming_content(tree, cue)
        if naming:
            return naming
    if cue.lemma.lower() in ("urge", "ask", "tell", "call", "warn", "order", "instruct", "advise",
                             "promise", "pledge", "vow", "threaten", "agree", "demand", "remind"):
        xcomp = [k for k in tree.children(cue, "xcomp") if k.upos in ("VERB", "AUX", "ADJ")]
        if xcomp and any(c.deprel == "mark" for c in tree.children(xcomp[0])):
            head = xcomp[0]
            words = tree.subtree(head, nested(head))
            obj = [k for k in tree.children(cue, "obj") if k.id < head.id]
            if obj:
                words = sorted(tree.subtree(obj[0]) + words, key=lambda w: w.id)
            return words, head, "xcomp"
    if cue.lemma.lower() in lexicon.TOPIC_VERBS:
        for k in tree.children(cue, "obl", "nmod"):
            cases = [c.text.lower() for c in tree.children(k, "case")]
            if k.id > cue.id and any(c in lexicon.TOPIC_PREPOSITIONS for c in cases) \
                    and k.lemma.lower() not in lexicon.TIME_WORDS and k.upos != "NUM":
                return tree.subtree(k, nested(k) + tree.children(k, "case")), k, "object"
        for k in tree.children(cue, "advcl"):  # "talked about [bringing communities together]"
            marks = tree.children(k, "mark")
            if k.id > cue.id and (k.xpos == "VBG" or k.text.lower().endswith("ing")) and k.id not in cues \
                    and any(m.text.lower() in lexicon.TOPIC_PREPOSITIONS and m.id == min(w.id for w in tree.subtree(k))
                            for m in marks) and not tree.children(k, "nsubj"):
                return tree.subtree(k, nested(k) + marks), k, "object"
    after = _clause_after_by_position(tree, cue, cues)
    if after:
        return after
    if cue.lemma.lower() in lexicon.NP_CONTENT_VERBS:
        objs = [k for k in tree.children(cue, "obj") if k.id > cue.id]
        as_phrases = [
            k for k in tree.children(cue, "obl", "xcomp", "advcl")
            if any(c.text.lower() == "as" for c in tree.children(k, "case", "mark"))
            or (k.deprel == "xcomp" and cue.lemma.lower() == "call")
        ]
        if objs and as_phrases:  # "described the retaking of Aleppo as a 'huge step'"
            words = tree.subtree(objs[0], nested(objs[0]))
            for k in as_phrases:
                words += tree.subtree(k, nested(k))
            return sorted(words, key=lambda w: w.id), objs[0], "object"
        for k in tree.children(cue, "obj", "obl"):
            if k.deprel.startswith("obl"):
                cases = [c.text.lower() for c in tree.children(k, "case")]
                if not any(c in ("for", "of", "on") for c in cases):
                    continue
                if cue.lemma.lower() == "call" and "on" in cases:
                    continue
            if k.id < cue.id:
                continue
            return tree.subtree(k, nested(k) + tree.children(k, "case")), k, "object"
    return None


def _clause_misread_as_conjunct(tree: _Tree, cue: Word, k: Word) -> bool:
    """``said in a letter [that the ad suggests …]`` parsed as a conjunct of the cue:
    a conjunct after the cue that opens with its own ``that``/``whether`` (no
    conjunction before it) and holds a subject is the cue's content clause."""
    if k.id < cue.id or k.upos not in ("VERB", "AUX", "ADJ", "NOUN", "PROPN"):
        return False
    sub = tree.subtree(k)
    first = sub[0]
    if first.index > 0 and tree.sent.words[first.index - 1].upos == "CCONJ":
        return False  # "… and that B": a real conjunct
    return (first.deprel == "mark" and first.head == k.id and first.text.lower() in ("that", "whether")
            and any(w.deprel.split(":")[0] in ("nsubj", "expl") for w in sub))


def _reports_on_its_own(tree: _Tree, cue: Word, top: Word) -> bool:
    """A cue clause hung on the clause before it as parataxis that has a complement
    of its own (``A; he had stated of politicians, "…"``, ``A - Trump has vowed to
    bring back jobs``, ``11:40 am - Police announce the name``): the clause before
    is not its fronted content. The object of ``told [Reuters]`` or of ``quoted
    [Ryabkov] as saying`` is the addressee or the speaker, not a complement."""
    rels = ("ccomp", "xcomp")
    if top is cue and cue.lemma.lower() not in _TELL_VERBS and cue.lemma.lower() not in ("ask", "quote"):
        rels += ("obj",)
    return any(k.id > top.id and k.deprel.split(":")[0] in rels for k in tree.children(top))


_MODALS = frozenset("would will could can might may should must".split())


def _has_modal(tree: _Tree, w: Word) -> bool:
    return any(a.lemma.lower() in _MODALS or a.text.lower() in _MODALS for a in tree.children(w, "aux"))


def _conjuncts_hung_on_cue(tree: _Tree, cue: Word, head: Word, words: list[Word],
                           cut_ids: set[int]) -> list[Word]:
    """Coordinated clauses of the content the parser hung on the cue: ``said [that
    A], and [that B]`` (a ``that`` clause with a subject of its own), ``says [it
    would depress revenue …], but [would eventually add $84 billion]`` (no subject,
    a modal like the content's), ``announced [it will have …], and [it will all be
    done in real time]`` (a subject of its own that is not the speaker, and a modal)."""
    if not words or head.id < cue.id:
        return []
    last = max(x.id for x in words)
    subj = next(iter(tree.children(cue, "nsubj")), None)
    head_modal = _has_modal(tree, head)
    extra = []
    for k in tree.children(cue, "conj"):
        if k.id <= last or k.upos not in ("VERB", "AUX", "ADJ", "NOUN"):
            continue
        modal = _has_modal(tree, k)
        if k.id in cut_ids and not (modal and not tree.children(k, "ccomp", "parataxis")):
            continue  # "… and added that …": an attribution of its own ("would add $84 billion" is not)
        sub = tree.subtree(k)
        if any(x.id in cut_ids and x.id != k.id for x in sub):
            continue
        own = tree.children(k, "nsubj", "nsubj:pass", "expl")
        that = [m for m in tree.children(k, "mark") if m.text.lower() == "that"]
        parallel = bool(that and own and that[0].id < own[0].id)  # "said [that A], and [that B]"
        if own and not parallel:
            s = own[0]
            if subj is None or s.upos == "PRON" and s.text.lower() in ("he", "she", "they", "i", "we") \
                    or s.text.lower() == subj.text.lower() or s.lemma.lower() == subj.lemma.lower():
                continue
            if not modal:
                continue
        elif not own and not (modal and head_modal) and not _verb_form_of_content(cue, k):
            continue
        gap = [tree.sent.word(i) for i in range(last + 1, sub[0].id)]
        if any(x.head != cue.id or x.deprel not in ("cc", "punct") for x in gap if x not in sub):
            continue
        extra += gap + sub
        last = max(last, sub[-1].id)
    return extra


_FINITE = ("VBD", "VBZ", "VBP")


def _verb_form_of_content(cue: Word, k: Word) -> bool:
    """``said [the workers make $12 an hour] and [have salaries …]``: a conjunct of
    the cue without a subject whose verb form cannot continue the cue (a base or
    present form after a past ``said``, a present form after ``has pointed out``)
    continues the content. Not where the forms match (``said … and warned …``)."""
    cue_form = cue.xpos if cue.xpos in _FINITE else "VBN" if cue.xpos == "VBN" else None
    return cue_form is not None and k.xpos in ("VB", "VBP", "VBZ") and k.xpos != cue_form


def _conjunct_of_content(tree: _Tree, w: Word) -> bool:
    """A speech verb coordinated inside a content clause that belongs to it rather
    than reporting on its own: ``that A but [that it would add] B`` (a ``that``
    clause in parallel), ``he rated … and [talked about] which ones …`` (no
    subject and no content clause of its own: it shares the content's subject)."""
    if any(m.text.lower() == "that" for m in tree.children(w, "mark")) and tree.children(w, "nsubj"):
        return True
    return not tree.children(w, "nsubj", "nsubj:pass", "ccomp", "parataxis", "obj", "iobj", "xcomp") and not any(
        k.text in ":" + DOUBLE_MARKS + SINGLE_MARKS for k in tree.children(w, "punct"))


def _subordinate_clause(tree: _Tree, w: Word) -> bool:
    """A speech verb heading an adverbial clause of the content that belongs to it,
    not a report of its own: a clause with its own subject (``because Republicans
    had only asked for …``) or an infinitive (``free [to disclose] his returns``).
    ``…, adding that …`` (a bare participle) and a clause set off by a comma
    (``…, though she acknowledged it was …``) are reports of their own."""
    first = next(x for x in tree.subtree(w) if x.upos != "PUNCT" or x.id == w.id)
    i = first.index - 1
    while i >= 0 and tree.sent.words[i].text in DOUBLE_MARKS + SINGLE_MARKS:
        i -= 1  # `"…," while others said …`: the comma inside the closing mark
    if i >= 0 and tree.sent.words[i].text in ",;:—–-(":
        return False
    if tree.children(w, "nsubj", "nsubj:pass", "expl"):
        return True
    if w.deprel.startswith("parataxis"):
        return False
    # "by [adding] …", "for [acknowledging] …", "to [disclose] …"
    return bool(tree.children(w, "mark"))


_TELL_VERBS = frozenset("tell inform assure remind warn promise notify convince".split())


def _with_stray_subject(tree: _Tree, cue: Word, head: Word, words: list[Word]) -> list[Word]:
    """A content clause without a subject whose subject the parser hung on the cue:
    "said [the politics surrounding the top of the ticket] (obj, xcomp) [would be
    more intense] (ccomp)"."""
    if head.id < cue.id:
        return _with_fronted_stray_subject(tree, cue, head, words)
    marks = [m for m in tree.children(head, "mark") if m.text.lower() == "that" and cue.id < m.id]
    if marks and any(cue.id < k.id < head.id and k.id > marks[0].id for k in tree.children(cue) if k.upos != "PUNCT"):
        # "acknowledged [that] [his rallying cry] (ccomp) [to save the planet] (advcl)
        # [had not galvanized Americans]": the words between the clause's "that" and
        # its verb belong to it, wherever the parser hung them
        stray = [k for k in tree.children(cue) if marks[0].id < k.id < head.id and k.upos != "PUNCT"]
        return sorted([w for k in stray for w in tree.subtree(k)] + words, key=lambda w: w.id)
    subj = [k for k in tree.children(head) if k.deprel.split(":")[0] in ("nsubj", "csubj", "expl")]
    if subj:
        return words + _object_before_subject(tree, cue, subj[0], words)
    stray = [k for k in tree.children(cue, "obj", "xcomp", "dep", "ccomp") if cue.id < k.id < head.id]
    if cue.lemma.lower() not in _TELL_VERBS and cue.lemma.lower() != "ask":
        # "said [the politics …] (iobj) [would be more intense]": no addressee for "say"
        stray += [k for k in tree.children(cue, "iobj") if cue.id < k.id < head.id]
    if not stray:
        return words
    extra = [w for k in stray for w in tree.subtree(k)]
    return sorted(extra + words, key=lambda w: w.id)


def _object_before_subject(tree: _Tree, cue: Word, subj: Word, words: list[Word]) -> list[Word]:
    """``says [Donald Trump's flurry of tweets targeting] (obj) [Machado was
    unhinged] (ccomp)``: an object of the cue running straight into the content's
    subject, holding a verb that lost its object to it, is the start of the
    subject. Not for verbs with an addressee (``told [reporters] he was …``)."""
    if cue.lemma.lower() in _TELL_VERBS or cue.lemma.lower() in ("ask", "call"):
        return []
    first = min(x.id for x in words)
    for k in tree.children(cue, "obj"):
        if not cue.id < k.id < first:
            continue
        sub = tree.subtree(k)
        if sub[-1].id + 1 != first or sub[0].id != cue.id + 1:
            continue
        if any(x.upos == "VERB" and x.deprel.split(":")[0] == "acl" and not tree.children(x, "obj", "ccomp", "xcomp")
               and x.id == sub[-1].id for x in sub):
            return sub
    return []


def _with_fronted_stray_subject(tree: _Tree, cue: Word, head: Word, words: list[Word]) -> list[Word]:
    """``[Donald Trump's obsession] (nsubj of the cue) [with Obama's birth is an
    insult] (ccomp), lawmakers said``: a fronted content clause whose subject the
    parser gave to the cue, which has a subject of its own after the clause."""
    subjects = tree.children(cue, "nsubj")
    if not words or not any(s.id > head.id for s in subjects):
        return words
    first = min(x.id for x in words)
    for k in subjects:
        sub = tree.subtree(k)
        if k.id < head.id and sub[-1].id + 1 == first and k.upos in ("NOUN", "PROPN"):
            return sorted(sub + words, key=lambda w: w.id)
    return words


def _clause_after_by_position(tree: _Tree, cue: Word, cues: set[int]) -> tuple[list[Word], Word, str] | None:
    """``The Kremlin said on Wednesday that …``, ``told Reuters intense fighting
    was …`` when the parse does not link the clause to the cue (small parsers
    often read it as ``conj`` or ``obj``): the words after the cue - past its
    time/place modifiers, the addressee of ``tell``, and ``that`` - up to the
    end of the sentence or the next cue, when they hold a verb of their own."""
    words = [w for w in tree.sent.words if w.id > cue.id]
    i = 0
    own_words = set()
    for k in tree.children(cue):
        sub = tree.subtree(k)
        # the cue's own short modifiers ("on Wednesday"), not a clause misread as one
        if k.deprel.split(":")[0] in ("obl", "advmod", "compound") and not any(
            x.upos in ("VERB", "AUX") or x.text.lower() == "that" for x in sub
        ):
            own_words.update(x.id for x in sub)
    addressee_done = cue.lemma.lower() not in _TELL_VERBS
    while i < len(words):
        w = words[i]
        if w.id in own_words or w.upos == "PUNCT" and w.text in ",":
            i += 1
            continue
        if not addressee_done and w.upos in ("PROPN", "NOUN", "PRON", "DET", "ADJ"):
            # the addressee: up to its head noun
            j = i
            while j < len(words) and words[j].upos in ("DET", "ADJ", "PROPN", "NOUN", "PRON") and \
                    not (words[j].upos in ("NOUN", "PROPN", "PRON") and j + 1 < len(words)
                         and words[j + 1].upos in ("NOUN", "PROPN", "PRON", "DET", "SCONJ", "ADJ")):
                j += 1
            i = j + 1
            addressee_done = True
            continue
        break
    rest = words[i:]
    that = bool(rest) and rest[0].text.lower() == "that" and rest[0].upos in ("SCONJ", "PRON", "DET", "ADP")
    if that:
        rest = rest[1:]
    out = []
    sent = tree.sent.words
    own = {i for i in cues if tree.sent.word(i).index > 0
           and sent[tree.sent.word(i).index - 1].text.lower() == "to"}  # "failed to note"
    for w in rest:
        if w.id in cues - own or (w.text in ",;" and out and any(x.id in cues - own for x in rest[rest.index(w) + 1:rest.index(w) + 4])):
            break
        out.append(w)
    while out and out[-1].upos == "PUNCT":
        out.pop()
    verbs = [w for w in out if w.upos in ("VERB", "AUX")]
    if len(out) < 3 or not verbs:
        return None
    if (out[0].upos in ("ADP", "PART") or out[0].text.lower() in ("to", "of", "for", "about")) \
            and not (that and out[0].upos == "ADP" and any(x.upos in ("PRON", "NOUN", "PROPN")
                                                         and x.deprel.startswith("nsubj") for x in out)):
        # "said [to …]", "spoke [about …]": no clause; but "noted that [at one meeting,
        # he …]": a clause opening with a phrase after ``that``
        return None
    if not that and out[0].text.lower() in _ADVERBIAL_OPENERS:
        return None  # "spoke [before Sanders addressed a rally]": the time of speaking, not what was said
    if out[0].text.lower() in ("who", "whom", "whose", "which") and out[0].index > 0 \
            and tree.sent.words[out[0].index - 1].text == ",":
        return None  # "told Holder, [who would tell Obama]": a relative clause on the addressee
    return out, out[0], "ccomp"


# speech verbs that take no content clause (``spoke about …``, never ``spoke that …``)
_NO_CLAUSE_VERBS = frozenset({"speak", "talk"})

_QUESTION_VERBS = frozenset("ask question wonder explain describe recall reveal disclose clarify".split())


def _adverbial_clause(tree: _Tree, cue: Word, head: Word, rule: str) -> bool:
    """A clause after the cue parsed as its content that opens with a subordinator
    of time (``said [before he died]``, ``spoke [while the crowd
    cheered]``; ``when`` too, except after verbs that take questions: ``asked
    when …``) is an adverbial of the cue, not what was said."""
    if rule != "ccomp" or head.id < cue.id:
        return False
    sub = tree.subtree(head)
    first = next((x for x in sub if x.upos != "PUNCT"), None)
    if first is None or first.head != head.id or first.deprel not in ("mark", "advmod"):
        return False
    opener = first.text.lower()
    if opener == "when":
        return cue.lemma.lower() not in _QUESTION_VERBS
    return opener in ("before", "after", "since", "while", "until", "once", "without")


_ADVERBIAL_OPENERS = frozenset(
    "as before after since following while until because amid during once though although without".split())


def _clause_misread_as_relative(tree: _Tree, cue: Word) -> list[Word]:
    """``told a news conference they are …``: a that-less content clause the
    parser hung on the object as a relative clause. Taken as the content when
    it has its own subject and no relative pronoun."""
    for obj in tree.children(cue, "obj", "iobj"):
        for k in tree.children(obj, "acl:relcl"):
            subj = tree.children(k, "nsubj")
            first = min(tree.subtree(k), key=lambda w: w.id)
            rel = any(w.feats and "PronType=Rel" in w.feats or w.text.lower() in ("who", "whom", "whose", "which")
                      for w in tree.subtree(k) if w.id <= k.id)
            if subj and not rel and first.id > obj.id and first.upos != "PUNCT":
                return [k]
    return []


def _that_clause_misread_as_relative(tree: _Tree, cue: Word) -> list[Word]:
    """``said at an event in Colorado [that "a bomb" had gone off]`` parsed as a
    relative clause of a noun in the cue's modifiers: a clause opening with the
    complementizer ``that`` (a ``mark``, not the relative pronoun) and with a
    subject of its own, on a noun after the cue, is the cue's content clause."""
    for k in tree.children(cue):
        if k.id < cue.id or k.deprel.split(":")[0] not in ("obl", "obj", "iobj", "nmod"):
            continue
        for x in tree.subtree(k):
            if x.deprel != "acl:relcl" or x.upos not in ("VERB", "AUX", "ADJ", "NOUN"):
                continue
            sub = tree.subtree(x)
            first = sub[0]
            if first.text.lower() == "that" and first.deprel == "mark" and first.head == x.id \
                    and tree.children(x, "nsubj", "nsubj:pass", "expl"):
                return [x]
    return []


def _fronted_by_position(tree: _Tree, cue: Word, top: Word) -> tuple[list[Word], Word, str] | None:
    """``CONTENT, officials said [on Monday].`` when the parse does not link the
    content to the cue: the cue ends the sentence (only its modifiers follow),
    its subject comes right before it after a comma, and everything before that
    comma is the content."""
    if cue.lemma.lower() in ("call", "ask", "urge"):
        return None
    subj = [k for k in tree.children(top, "nsubj") if k.id < top.id][-1:]
    if not subj:
        return None
    tail = [w for w in tree.sent.words if w.id > top.id and w.upos != "PUNCT"]
    if len(tail) > 6 or any(w.upos in ("VERB", "AUX") for w in tail):
        return None  # the cue does not end its sentence
    start = min(w.id for w in tree.subtree(subj[0]) if w.upos != "PUNCT" or w.id == subj[0].id)
    while start > 2 and tree.sent.word(start - 1).upos in ("PROPN", "ADJ", "DET") \
            and tree.sent.word(start - 1).id not in {x.id for x in tree.subtree(subj[0])}:
        start -= 1  # a title the parser hung elsewhere ("Russian" in "Russian Deputy … Ryabkov")
    between = [tree.sent.word(i) for i in range(start, top.id)]
    if any(w.upos in ("VERB",) and w.id != top.id for w in between) or start < 3:
        return None
    comma = tree.sent.word(start - 1)
    if comma.text not in ",—–" + DOUBLE_MARKS + SINGLE_MARKS:
        return None
    words = [tree.sent.word(i) for i in range(1, start - 1)]
    if not any(_finite(w) for w in words):
        return None  # "In interviews, Trump questioned …": a phrase, not a reported clause
    anchor = next((w for w in words if w.upos != "PUNCT"), None)
    return (words, anchor, "fronted") if anchor else None


def _finite(w: Word) -> bool:
    """A finite verb or auxiliary (by its tag where the tagger gave one)."""
    if w.xpos:
        return w.xpos in ("VBD", "VBZ", "VBP", "MD") or w.upos == "AUX" and w.xpos != "VBG"
    return w.upos in ("VERB", "AUX")


def _fronted_relative(tree: _Tree, cue: Word) -> tuple[list[Word], Word, str] | None:
    """``CONTENT, the International Committee of the Red Cross said on Thursday.``
    when the parser made the cue a relative clause of its speaker (``said``
    ``acl:relcl`` of ``Committee``): a relative clause without a relative pronoun
    or a subject of its own, right after its head noun phrase, at the end of the
    sentence, with a comma before the noun phrase. Everything before that comma is
    the content (the speaker is the head noun, see :func:`_subject`)."""
    if cue.deprel != "acl:relcl" or tree.children(cue, "nsubj", "nsubj:pass", "expl"):
        return None
    head = tree.head(cue)
    if head is None or head.upos not in ("NOUN", "PROPN") or head.id > cue.id:
        return None
    clause = tree.subtree(cue)
    if clause[0].id != cue.id:
        return None  # "the man who said", "what he said": a real relative clause
    np = tree.subtree(head, [cue])
    while np and np[0].upos == "PUNCT":
        np = np[1:]
    if not np or np[-1].id != cue.id - 1 or np[0].id < 3:
        return None
    tail = [w for w in tree.sent.words if w.id > cue.id and w.upos != "PUNCT"]
    if len(tail) > 6 or any(w.upos in ("VERB", "AUX") for w in tail):
        return None  # the cue does not end its sentence
    comma = tree.sent.word(np[0].id - 1)
    if comma.text not in ",—–":
        return None
    words = [tree.sent.word(i) for i in range(1, comma.id)]
    if _word_count(" ".join(w.text for w in words)) < 3 or not any(w.upos in ("VERB", "AUX") for w in words):
        return None
    anchor = next((w for w in words if w.upos != "PUNCT"), None)
    return (words, anchor, "fronted") if anchor else None


def _addressee_in_content(tree: _Tree, cue: Word, words: list[Word]) -> list[Word]:
    """``told [Reuters] intense fighting was …`` where the parser glued the
    addressee of ``tell`` onto the content's subject (``Reuters`` ``compound`` of
    ``fighting``): the names right after a ``tell`` that has no object of its own
    leave the content (the outlet is then read off its position)."""
    if cue.lemma.lower() not in _TELL_VERBS or tree.children(cue, "obj", "iobj"):
        return words
    ids = {w.id for w in words}
    sent = tree.sent.words
    i = cue.index + 1
    run = []
    while i < len(sent) and sent[i].id in ids and (
            sent[i].upos == "PROPN" or sent[i].lemma.lower() in lexicon.PERSON_NOUNS) \
            and sent[i].deprel in ("compound", "flat", "nmod:poss", "amod"):
        run.append(sent[i])
        i += 1
    if not run or i >= len(sent) or sent[i].upos == "PROPN" or not sent[i].text[:1].islower():
        return words
    run_ids = {w.id for w in run}
    top = run[0]
    while top.head in run_ids:
        top = tree.head(top)
    gov = tree.head(top)
    if gov is None or gov.id in run_ids or gov.id < run[-1].id or gov.id not in ids \
            or gov.upos not in ("NOUN", "PRON"):
        return words
    return [w for w in words if w.id not in run_ids]


def _cut_before_next_speaker(tree: _Tree, words: list[Word], cues: set[int]) -> list[Word]:
    """``said [they will not leave], one opposition official, who declined to be
    identified, conceded …``: content that runs on into the subject of the next
    cue (a noun phrase, maybe with a relative clause, between a comma and a
    speech verb outside the content) stops at that comma."""
    ids = {w.id for w in words}
    sent = tree.sent
    for w in words:
        if w.text != "," or w.id == words[-1].id:
            continue
        nxt = [c for c in sorted(cues) if c > w.id and c not in ids]
        if not nxt:
            continue
        v = sent.word(nxt[0])
        between = [sent.word(i) for i in range(w.id + 1, v.id)]
        core = [x for x in between if x.upos != "PUNCT"]
        if not core or core[0].upos not in ("DET", "NUM", "ADJ", "NOUN", "PROPN", "PRON"):
            continue
        if not _finite_cue(tree, v) or tree.children(v, "nsubj", "nsubj:pass"):
            continue
        heads = [x for x in core if x.upos in ("NOUN", "PROPN", "PRON")
                 and {y.id for y in core} <= {y.id for y in tree.subtree(x)}
                 and v.id not in {y.id for y in tree.subtree(x)}]
        if not heads:
            continue
        if not any(x.id in ids for x in between):
            continue
        return [x for x in words if x.id < w.id]
    return words


def _cut_at_semicolon(tree: _Tree, cue: Word, words: list[Word]) -> list[Word]:
    """``said the timing was not intentional; they only learned on Friday …``: a
    content after its cue ends at a semicolon outside quote marks (what follows
    is a sentence of its own)."""
    if not words or words[0].id < cue.id:
        return words
    marks = 0
    for i, x in enumerate(words):
        if x.text in DOUBLE_MARKS:
            marks += 1
        if x.text == ";" and marks % 2 == 0 and i >= 3:
            return words[:i]
    return words


def _stranded_that_clause(tree: _Tree, cue: Word, words: list[Word]) -> list[Word]:
    """``said [he thought] [that drugs were a factor]`` where the parser hung the
    ``that`` clause elsewhere (on the main verb): a content ending in a verb that
    has no complement of its own, followed straight away by a ``that`` clause,
    takes the clause in."""
    if not words or words[0].id < cue.id:
        return []
    last = max(words, key=lambda x: x.id)
    sent = tree.sent.words
    if last.upos != "VERB" or tree.children(last, "ccomp", "obj", "xcomp") or last.index + 1 >= len(sent):
        return []
    that = sent[last.index + 1]
    if that.text.lower() != "that" or that.deprel != "mark":
        return []
    clause = tree.head(that)
    sub = tree.subtree(clause)
    if sub[0].id != that.id or cue.id in {x.id for x in sub} or any(x.id in {y.id for y in words} for x in sub):
        return []
    return sub


def _noun_conjuncts_hung_on_cue(tree: _Tree, cue: Word, words: list[Word]) -> list[Word]:
    """``called for [increased spending] and [an end to the cuts]`` where the parser
    made the second noun a conjunct of the verb: a noun cannot coordinate with
    a verb, so a noun conjunct of the cue right after a noun-phrase content
    (only a conjunction or comma between) is more of the content."""
    if not words:
        return []
    last = max(x.id for x in words)
    if min(x.id for x in words) < cue.id:
        return []
    extra = []
    for k in tree.children(cue, "conj"):
        if k.id <= last or k.upos not in ("NOUN", "PROPN"):
            continue
        sub = tree.subtree(k)
        gap = [tree.sent.word(i) for i in range(last + 1, sub[0].id)]
        if any(x.upos not in ("PUNCT", "CCONJ") for x in gap) or any(x.upos in ("VERB", "AUX") for x in sub):
            continue
        extra += gap + sub
        last = sub[-1].id
    return extra


# participles that report on the speaker's words rather than continue them
_REPORTING_PARTICIPLES = lexicon.SPEECH_VERBS | {"cite"}


def _cut_trailing_participle(tree: _Tree, cue: Word, words: list[Word], any_verb: bool = False) -> list[Word]:
    """``said [geopolitical factors have contributed to …], citing the strategic
    importance of …``: a comma and a subjectless reporting participle (``citing``,
    ``saying``, ``noting``) that runs to the end of a content after its cue close
    the content, wherever the parser hung the participle. After a noun-phrase
    content (``any_verb``) any participle does: ``questioned [the integrity of the
    vote], encouraging supporters to …``."""
    if not words or words[0].id < cue.id:
        return words
    last = max(x.id for x in words if x.upos != "PUNCT") if any(x.upos != "PUNCT" for x in words) else 0
    for i, x in enumerate(words[1:-1], start=1):
        if x.text != ",":
            continue
        v = words[i + 1]
        if v.xpos != "VBG" or not (any_verb or v.lemma.lower() in _REPORTING_PARTICIPLES) \
                or tree.children(v, "nsubj"):
            continue
        sub = {y.id for y in tree.subtree(v)}
        if last not in sub or not all(y.id in sub or y.upos == "PUNCT" for y in words[i + 1:]):
            continue
        if _word_count(" ".join(y.text for y in words[:i])) < 3:
            continue
        if any(y.text == "," for y in words[i + 1:]) and not tree.children(v, "ccomp"):
            continue  # ", responding to pressure, who …": a parenthetical inside the content
        return words[:i]
    return words


def _finite_cue(tree: _Tree, cue: Word) -> bool:
    """Whether a cue reads as a finite verb that takes a subject before it: not a
    participle (``…, saying``) or infinitive. A bare past form the tagger read as a
    participle (``conceded`` VBN, with no auxiliary, not a modifier) counts."""
    if cue.text.lower().endswith("ing") or cue.xpos in ("VBG", "VB", "TO"):
        return False
    if cue.xpos == "VBN":
        return not tree.children(cue, "aux", "aux:pass") and cue.deprel.split(":")[0] not in ("acl", "amod")
    return True


def _speaker_before(tree: _Tree, cue: Word, content: tuple[int, int] | None) -> Word | None:
    """The noun phrase right before a finite cue the parser gave no subject:
    ``one opposition official, who declined to be identified, conceded …``
    (``official`` hung elsewhere). The phrase follows a comma or opens the
    sentence; a comma between it and the cue only closes its relative clause."""
    if tree.children(cue, "nsubj", "nsubj:pass", "csubj", "expl") or cue.index == 0:
        return None
    if not _finite_cue(tree, cue):
        return None
    sent = tree.sent.words
    j = cue.index - 1
    comma_gap = sent[j].text == ","
    if comma_gap:
        j -= 1
    if j < 0:
        return None
    last = sent[j]
    cands = []
    x = last
    while x is not None and x.id != cue.id:
        cands.append(x)
        x = tree.head(x)
    for n in reversed(cands):
        # a capitalized word in mid sentence tagged as a verb is a name the tagger
        # misread ("In a statement, Husted said")
        misread_name = n.upos in ("VERB", "ADJ", "X") and n.index > 0 and n.text[:1].isupper() \
            and n.text[1:].islower() and n is last and not tree.children(n)
        if (n.upos not in ("NOUN", "PROPN", "PRON") and not misread_name) \
                or n.lemma.lower() in lexicon.TIME_WORDS:
            continue
        sub = [y for y in tree.subtree(n) if y.upos != "PUNCT" or y.id > n.id]
        if cue.id in {y.id for y in sub} or sub[-1].id != last.id:
            continue
        if comma_gap and not tree.children(n, "acl:relcl", "appos", "acl"):
            continue
        if content and any(content[0] <= y.start_char < content[1] for y in sub):
            continue
        before = sub[0].index - 1
        if before > 0 and sent[before].text in DOUBLE_MARKS + SINGLE_MARKS and sent[before - 1].text == ",":
            before -= 1  # `"…," House Speaker Paul Ryan said`: the closing mark after the comma
        if before >= 0 and sent[before].text not in ",;" and sent[before].upos not in ("SCONJ", "CCONJ"):
            continue
        return n
    return None


def _inverted_by_position(tree: _Tree, cue: Word) -> tuple[list[Word], Word, str, Word] | None:
    """``CONTENT, said X[, a senior official].`` where the parser made the speaker
    X an object or clause of the cue: (content words, anchor, rule, speaker head).
    The cue has no subject of its own and follows a comma; X is a noun phrase."""
    if tree.children(cue, "nsubj", "nsubj:pass") or cue.index < 4:
        return None
    if cue.xpos in ("VBG", "VBN", "VB", "TO") or cue.text.lower().endswith("ing"):
        return None  # ", telling Reuters …": a participle has no inverted subject
    if tree.sent.words[cue.index - 1].text not in ",—–" + DOUBLE_MARKS + SINGLE_MARKS:
        return None
    after = [k for k in tree.children(cue) if k.id > cue.id and k.upos != "PUNCT"]
    if not after or after[0].deprel not in ("obj", "ccomp", "dep", "appos") \
            or after[0].upos not in ("PROPN", "NOUN") or after[0].lemma.lower() in lexicon.TIME_WORDS:
        return None
    speaker = after[0]
    if any(k.deprel.split(":")[0] in ("nsubj", "cop", "aux", "mark") for k in tree.children(speaker)):
        return None  # a clause after all: "said officials were …"
    words = [w for w in tree.sent.words if w.index < cue.index - 1]
    if _word_count(" ".join(w.text for w in words)) < 3 or not any(w.upos in ("VERB", "AUX") for w in words):
        return None
    anchor = next((w for w in words if w.upos != "PUNCT"), None)
    return (words, anchor, "fronted", speaker) if anchor else None


def _small_clause_naming(tree: _Tree, cue: Word) -> tuple[list[Word], Word, str] | None:
    """``called [Trump] [a "pathological liar"]`` (iobj + obj), ``called [half of
    Trump's supporters "deplorables"]``, ``called [her vote in favor of the war a
    mistake]`` (the name parsed as a ``dep``/``appos`` inside the object or a
    phrase after it), ``called [climate change a hoax]`` (a verbless small clause
    read as ``ccomp``): the named thing and its name. Not for the passive (``was
    called``) or one object (``called a meeting``, ``called the police``)."""
    if tree.children(cue, "nsubj:pass", "aux:pass"):
        return None
    kids = [k for k in tree.children(cue) if k.id > cue.id and k.upos != "PUNCT"]
    iobj = [k for k in kids if k.deprel == "iobj"]
    obj = [k for k in kids if k.deprel == "obj"]
    if iobj and obj and iobj[0].id < obj[0].id:
        words = tree.subtree(iobj[0]) + tree.subtree(obj[0])
        return sorted(words, key=lambda w: w.id), obj[0], "object"
    for k in kids:
        if k.deprel == "ccomp" and k.upos in ("NOUN", "PROPN", "ADJ") and tree.children(k, "nsubj") \
                and not tree.children(k, "cop", "aux", "mark") and tree.children(k, "obj", "xcomp", "dep"):
            return tree.subtree(k), k, "object"
    if not obj:
        return None
    o = obj[0]
    sent = tree.sent
    # "called [the charges] [unsubstantiated]", "called [his behavior] ["outrageous"]": an
    # adjective or participle after the named noun is the name (English puts attributes before it)
    post = [k for k in tree.children(o, "amod", "acl") if k.id > o.id and k.upos in ("ADJ", "VERB")
            and (k.upos == "ADJ" or k.xpos == "VBN")
            and not tree.children(k, "obj", "nsubj", "mark", "xcomp", "ccomp", "advcl")]
    if post and not cue.deprel.startswith("acl") and o.upos in ("NOUN", "PROPN"):
        np_end = max(x.id for x in tree.subtree(o, [post[0]]) if x.upos != "PUNCT")
        name_start = min(x.id for x in tree.subtree(post[0]))
        adjacent = name_start == np_end + 1 or all(
            tree.sent.word(i).upos == "PUNCT" for i in range(np_end + 1, name_start))
    else:
        adjacent = False
    if adjacent:  # the name follows the named noun phrase straight away
        words = tree.subtree(o)
        if not any(w.text == ";" for w in words):
            return words, o, "object"
    scope = [w for k in kids if k.deprel.split(":")[0] in ("obj", "obl", "nmod") for w in tree.subtree(k)]
    for d in sorted(scope, key=lambda w: w.id):
        if d.id <= o.id or d.upos not in ("NOUN", "ADJ"):
            continue
        # the name as a second object or a bare (case-less) oblique of the cue
        # (``called [it] [a common ailment]``), or a conjunct of the object with no
        # conjunction (``called [Oz] [a quack]``)
        second = d.deprel in ("obj", "obl") and d.head == cue.id and not tree.children(d, "case") \
            or d.deprel == "conj" and d.head == o.id and not tree.children(d, "cc") \
            or d.deprel == "nmod" and not tree.children(d, "case")  # "[her vote in favor of the war] [a mistake]"
        if not (d.deprel in ("dep", "appos") or second) \
                or d.lemma.lower() in lexicon.TIME_WORDS or d.lemma.lower() in ("time", "times"):
            continue
        before = sent.word(d.id - 1) if d.id > 1 else None
        dets = [c for c in tree.children(d, "det") if c.id < d.id]
        if not (dets or before is not None and before.text in DOUBLE_MARKS + SINGLE_MARKS):
            continue
        start = min(w.id for w in tree.subtree(o))
        end = max(w.id for w in tree.subtree(d))
        words = [sent.word(i) for i in range(start, end + 1)]
        if any(w.text in ";" or w.id in (cue.id,) for w in words):
            return None
        return words, o, "object"
    return None


def _naming_content(tree: _Tree, cue: Word) -> tuple[list[Word], Word, str] | None:
    """``called Trump "unhinged"``, ``calling him a political opportunist``: the
    named thing and what it was called (obj/xcomp/dep after the verb), and
    ``called for the overthrow of Assad`` (a ``for`` phrase)."""
    kids = [k for k in tree.children(cue) if k.id > cue.id]
    for k in kids:
        marks = [c.text.lower() for c in tree.children(k, "case", "mark")]
        if "for" in marks and k.deprel.split(":")[0] in ("obl", "advcl", "nmod"):
            words = [w for w in tree.subtree(k) if w.text.lower() != "for" or w.head != k.id]
            return words, k, "object"
    pred = [k for k in kids if k.deprel in ("xcomp", "dep") and k.upos in ("ADJ", "NOUN", "PROPN", "VERB")]
    if not pred:
        # "called on [police] [to release the videos]": the infinitive parsed as advcl
        on = [k for k in kids if k.deprel.startswith("obl") and k.lemma.lower() not in lexicon.TIME_WORDS
              and any(c.text.lower() == "on" for c in tree.children(k, "case"))]
        pred = [k for k in kids if k.deprel == "advcl" and k.upos == "VERB" and on and on[0].id < k.id
                and any(c.text.lower() == "to" for c in tree.children(k, "mark"))
                and not tree.children(k, "nsubj")][:1]
    if not pred:
        return None
    words = []
    for k in kids:
        if k.deprel in ("obj", "iobj", "xcomp", "dep") and k.id <= pred[-1].id or k is pred[-1]:
            words += tree.subtree(k)
        elif k.deprel.startswith("obl") and k.id < pred[-1].id and pred[-1].upos == "VERB" \
                and any(c.text.lower() == "on" for c in tree.children(k, "case")):
            words += [w for w in tree.subtree(k) if not (w.head == k.id and w.deprel == "case")]  # "called on [people] to …"
    return sorted(words, key=lambda w: w.id), pred[0], "object"


def _cue_span(doc: ParsedDoc, tree: _Tree, cue: Word, top: Word) -> Cue:
    """The cue: the verb with its particle, or ``was quoted as saying``/
    ``is reported to have said`` when a second-hand verb governs it."""
    if top is not cue:
        passive = any(k.deprel in ("nsubj:pass", "aux:pass") for k in tree.children(top))
        if passive:
            aux = [k for k in tree.children(top, "aux") if k.id < top.id]
            start = min([top] + aux, key=lambda w: w.id).start_char
            s, e = start, cue.end_char
            return Cue(start_char=s, end_char=e, text=doc.text[s:e], lemma=top.lemma.lower())
        return Cue(start_char=top.start_char, end_char=top.end_char, text=top.text, lemma=top.lemma.lower())
    end = cue.end_char
    for k in tree.children(cue, "compound:prt"):
        if k.id == cue.id + 1:
            end = k.end_char
    lemma = cue.lemma.lower()
    return Cue(start_char=cue.start_char, end_char=end, text=doc.text[cue.start_char:end], lemma=lemma)


_OUTLET_GOVERNORS = frozenset(
    "tell speak quote publish interview say talk write report comment add broadcast give cite release "
    "air post reveal confirm announce".split()
)
_OUTLET_NOUN_GOVERNORS = frozenset("interview comments comment remarks statement article report op-ed column".split())


def _outlet_near(doc: ParsedDoc, tree: _Tree, cue: Word, top: Word, speaker: Word | None,
                 avoid: Sequence[tuple[int, int]]) -> Mention | None:
    """The outlet the words passed through: ``told Reuters``, ``quoted by the RIA
    news agency``, ``in the Interfax news agency``, ``speaking to Al Jazeera``,
    ``in an interview with …``, ``in comments published in the al-Watan newspaper``,
    ``…, RIA reported``. Searched among the dependents of the cue, of its
    second-hand head, of the clause's verb and of its ``speaking``/``interview``
    modifiers, outside the content."""
    anchors = {cue.id, top.id}
    clause = top
    for _ in range(4):
        if clause.deprel.split(":")[0] not in ("advcl", "xcomp", "conj") or not clause.head:
            break
        clause = tree.head(clause)
        anchors.add(clause.id)
    anchors.add(clause.id)
    candidates: list[Word] = []
    for a in list(anchors):
        for k in tree.children(tree.sent.word(a)):
            if k.deprel in ("obj", "iobj") or k.deprel.startswith("obl") or k.deprel.startswith("nmod"):
                candidates.append(k)
            if k.deprel.split(":")[0] in ("advcl", "obl", "nmod", "xcomp") and (
                k.lemma.lower() in _OUTLET_GOVERNORS or k.lemma.lower() in _OUTLET_NOUN_GOVERNORS
            ):
                for kk in tree.children(k):
                    if kk.deprel in ("obj", "iobj") or kk.deprel.startswith(("obl", "nmod")):
                        candidates.append(kk)
                    if kk.deprel.split(":")[0] in ("acl", "nmod", "obl"):
                        for k3 in tree.children(kk):
                            if k3.deprel.startswith(("obl", "nmod")):
                                candidates.append(k3)
    # "…, RIA reported" / "the Interfax news agency quoted X as saying"
    if top.lemma.lower() == "quote" and not any(k.deprel == "nsubj:pass" for k in tree.children(top)):
        candidates.extend(tree.children(top, "nsubj"))
    for k in tree.children(clause, "parataxis"):
        if k.lemma.lower() in ("report", "say", "quote") and k.id > cue.id:
            candidates.extend(tree.children(k, "nsubj"))
    if clause.deprel == "ccomp" and clause.head:
        gov = tree.head(clause)
        if gov.lemma.lower() in ("report", "say", "quote"):
            candidates.extend(tree.children(gov, "nsubj"))
    seen = set()
    for c in sorted(candidates, key=lambda w: abs(w.id - cue.id)):
        if c.id in seen or (speaker is not None and c.id == speaker.id):
            continue
        seen.add(c.id)
        if any(a <= c.start_char < b for a, b in avoid):
            continue
        if _is_outlet(doc, tree, c):
            return _noun_phrase(doc, tree, c, avoid)
    return None


def _according_to(doc: ParsedDoc, tree: _Tree, index: int) -> list[Attribution]:
    """``…, according to X``: X's clause is the content, X the speaker."""
    found = []
    words = tree.sent.words
    for w in words:
        if w.text.lower() != "according" or w.index + 1 >= len(words) or words[w.index + 1].text.lower() != "to":
            continue
        to = words[w.index + 1]
        # UD: X --case--> according, according --fixed--> to; X is obl of the predicate
        source = tree.head(w) if w.deprel == "case" else None
        while source is not None and source.deprel in ("compound", "flat", "amod", "nmod:poss") \
                and source.head > source.id and tree.head(source).upos in ("NOUN", "PROPN"):
            # "according to [NYPD] Commissioner James O'Neill": the parser hung "according"
            # on a modifier of the name
            source = tree.head(source)
        if source is None:
            objs = tree.children(w, "obl", "obj", "nmod")
            source = objs[0] if objs else None
        if source is not None:
            pred = tree.head(source) if w.deprel == "case" else tree.head(w)
            if pred is None:  # "according to X" as the root: the whole sentence is content
                pred = source
            phrase = tree.subtree(source) if w.deprel == "case" else tree.subtree(w)
        else:
            # the parse lost the phrase: X is the words after "to", up to punctuation
            phrase = []
            for x in words[to.index + 1:]:
                if x.upos == "PUNCT":
                    break
                phrase.append(x)
            nouns = [x for x in phrase if x.upos in ("NOUN", "PROPN", "PRON")]
            if not phrase:
                continue
            source = nouns[-1] if nouns else phrase[-1]
            pred = w
        phrase_ids = {x.id for x in phrase} | {w.id, to.id}
        lo, hi = min(phrase_ids), max(phrase_ids)
        rest_after = [x for x in words if x.id > hi and x.upos != "PUNCT"]
        rest_before = [x for x in words if x.id < lo and x.upos != "PUNCT"]
        if not rest_after and rest_before:
            # "…, according to X." closes the sentence: all before it is the content
            content_words = [x for x in words if x.id < lo]
            anchor = rest_before[0]
        elif not rest_before and rest_after:
            # "According to X, …" opens it: all after it is the content
            content_words = [x for x in words if x.id > hi]
            anchor = rest_after[0]
        elif pred.id in phrase_ids:
            content_words = [x for x in words if x.id not in phrase_ids]
            anchor = next((x for x in content_words if x.upos != "PUNCT"), None)
        else:
            content_words = [x for x in tree.subtree(pred) if x.id not in phrase_ids]
            anchor = pred
        if anchor is None:
            continue
        content_words = _run_around(content_words, anchor, tree.sent)
        content_words = _strip_edges(content_words, doc.text)
        if not content_words:
            continue
        if source.head in phrase_ids or source.head == 0 or w.deprel != "case":
            phrase = [x for x in phrase if x.id not in (w.id, to.id)]  # "according to" is the cue
            speaker = _mention(doc, sorted(phrase, key=lambda x: x.id), source) if phrase and \
                max(x.id for x in phrase) - min(x.id for x in phrase) + 1 == len(phrase) else \
                _noun_phrase(doc, tree, source, [(w.start_char, to.end_char)])
        else:
            speaker = _noun_phrase(doc, tree, source, [(w.start_char, to.end_char)])
        cue_s, cue_e = w.start_char, to.end_char
        cue = Cue(start_char=cue_s, end_char=cue_e, text=doc.text[cue_s:cue_e], lemma="according to")
        found.append(Attribution(index, cue, w, speaker, None, _span_of(content_words), "according-to"))
    return found


def _is_tree(sent: Sentence) -> bool:
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


def find_attributions(doc: ParsedDoc, quoted: Sequence[tuple[int, int]] = ()) -> list[Attribution]:
    """Every reporting expression of the article, sentence by sentence.

    ``quoted``: character spans inside quote marks, where no speaker is looked for."""
    out: list[Attribution] = []
    for index, sent in enumerate(doc.sentences):
        if not _is_tree(sent):
            continue  # a broken parse (a head cycle) is no evidence of who said what
        tree = _Tree(sent)
        cue_ids = {w.id for w in sent.words if _is_speech_cue(tree, w)}
        # cues whose clauses are cut out of an enclosing content ("…, adding that …")
        cut_ids = {i for i in cue_ids if sent.word(i).lemma.lower() not in lexicon.QUOTE_ONLY_CUES}
        for w in sent.words:
            if w.id in cue_ids:
                att = _verb_attribution(doc, tree, index, w, cut_ids, quoted)
            elif w.upos == "NOUN" and w.lemma.lower() in lexicon.SPEECH_NOUNS:
                att = _noun_attribution(doc, tree, index, w, cut_ids)
            else:
                continue
            if att is not None:
                out.append(att)
        out.extend(_according_to(doc, tree, index))
        headline = _headline_says(doc, tree, index)
        if headline is not None and not any(a.sentence == index and a.cue_word.id == headline.cue_word.id
                                            for a in out):
            out.append(headline)
    out = [_speaker_across_split(doc, _across_line_break(doc, a)) for a in out]
    out = [_across_sentence_split(doc, a, out) for a in out]
    return _drop_outlet_reports(out)


_SAYS = ("Says", "Say", "Said", "Warns", "Claims", "Tells")


def _headline_says(doc: ParsedDoc, tree: _Tree, index: int) -> Attribution | None:
    """A title-cased headline the parser read as one long name: ``Clinton Hid Past
    Health Problems From Public, Former White House Doctor Says`` (content,
    speaker, cue) or ``Obama Says Museum Will Tell of Suffering`` (speaker, cue,
    content). Found by position: most words capitalized, the cue capitalized."""
    words = [w for w in tree.sent.words if w.upos != "PUNCT"]
    alpha = [w for w in words if w.text[:1].isalpha()]
    if len(alpha) < 4 or sum(w.text[:1].isupper() for w in alpha) < 0.8 * len(alpha):
        return None
    cues = [w for w in words if w.text in _SAYS]
    if len(cues) != 1:
        return None
    cue = cues[0]
    sent = tree.sent.words
    if cue is words[-1]:
        commas = [w for w in sent if w.text == "," and w.index < cue.index]
        if not commas:
            return None
        comma = commas[-1]
        speaker_words = sent[comma.index + 1:cue.index]
        content_words = _strip_edges(sent[:comma.index], doc.text)
    elif 0 < words.index(cue) <= 4:
        speaker_words = sent[:cue.index]
        content_words = _strip_edges(sent[cue.index + 1:], doc.text)
    else:
        return None
    if not speaker_words or len(speaker_words) > 8 or _word_count(" ".join(w.text for w in content_words)) < 3 \
            or any(w.upos == "PUNCT" and w.text not in "-–.'’" for w in speaker_words):
        return None
    speaker = _mention(doc, speaker_words, speaker_words[-1])
    lemma = cue.text.lower().removesuffix("s") if cue.text != "Said" else "say"
    c = Cue(start_char=cue.start_char, end_char=cue.end_char, text=cue.text, lemma=lemma)
    return Attribution(index, c, cue, speaker, None, _span_of(content_words), "headline")


def _name_across_split(doc: ParsedDoc, att: Attribution, prev: Sentence, sent: Sentence) -> Attribution:
    """``British Prime Minister Theresa`` | ``May said …``: a sentence split inside
    the speaker's name (the last name opens the cue's sentence; "May" alone even
    reads as a month). The name's first part ends the sentence before, with no
    sentence-final punctuation, or ends in a title (``Mr.``)."""
    first = sent.words[0]
    if first.upos not in ("PROPN", "NOUN", "AUX") or not first.text[:1].isupper():
        return att  # ("May" may even be read as the modal)
    if att.speaker is not None and (att.speaker.start_char, att.speaker.end_char) != (first.start_char, first.end_char):
        return att
    words = list(prev.words)
    if len(words) >= 2 and words[-1].text == "." and words[-2].text in ("Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov"):
        words[-1:] = []  # "Mr ." split off
    elif words and words[-1].upos == "PUNCT":
        return att
    i = len(words) - 1
    while i >= 0 and (words[i].upos == "PROPN" or words[i].upos in ("ADJ", "NOUN") and words[i].text[:1].isupper()) \
            and words[i].text[:1].isupper():
        i -= 1
    run = words[i + 1:]
    if not run or len(run) > 6 or not any(w.upos == "PROPN" for w in run):
        return att
    s, e = run[0].start_char, first.end_char
    speaker = Mention(start_char=s, end_char=e, text=doc.text[s:e], head_start=first.start_char, head_end=first.end_char)
    return attrs.evolve(att, speaker=speaker)


_NAME_WORDS = ("PROPN", "NOUN", "ADJ", "NUM")
_CLOCK_WORDS = frozenset({"a.m.", "p.m.", "am", "pm", "a.m", "p.m"})


def _speaker_across_split(doc: ParsedDoc, att: Attribution) -> Attribution:
    """The speaker of a cue that opens its sentence because the sentence was split
    after an abbreviation: ``Rep. Trey Gowdy (R-S.C.)`` | ``said that …``. The cue
    starts lowercase in the same paragraph as the sentence before, which ends
    with a name and its party label in parentheses: the name is the speaker."""
    if att.sentence == 0:
        return att
    sent = doc.sentences[att.sentence]
    prev = doc.sentences[att.sentence - 1]
    if prev.paragraph != sent.paragraph or "\n" in doc.text[prev.end_char:sent.start_char]:
        return att
    if att.cue_word.index == 1:
        return _name_across_split(doc, att, prev, sent)
    if att.speaker is not None or att.cue_word.index != 0:
        return att
    if not doc.text[att.cue.start_char:att.cue.start_char + 1].islower():
        return att
    words = list(prev.words)
    while words and words[-1].text == ".":
        words.pop()
    if not words or words[-1].text != ")":
        return att
    opens = [i for i, w in enumerate(words) if w.text == "("]
    if not opens or len(words) - opens[-1] > 8:
        return att
    j = opens[-1] - 1
    i = j
    while i >= 0 and (words[i].upos in _NAME_WORDS and words[i].text[:1].isupper() or
                      words[i].text in (".", "-") and i > 0 and words[i - 1].text[:1].isupper()):
        i -= 1
    if i == j:
        return att
    run = words[i + 1:j + 1]
    s, e = run[0].start_char, words[-1].end_char
    head = run[-1]
    speaker = Mention(start_char=s, end_char=e, text=doc.text[s:e], head_start=head.start_char, head_end=head.end_char)
    return attrs.evolve(att, speaker=speaker)


def _trailing_modifiers(tree: _Tree, cue: Word, content: list[Word], cut_ids: set[int]) -> list[Word]:
    """Modifiers the parser hung on the cue that follow its content:
    ``said [that A] [after he suggested B]``, ``voiced [his support] [for the
    governor]``: they read as part of what was reported."""
    if not content:
        return []
    last = max(w.id for w in content)
    extra = []
    for k in tree.children(cue):
        if k.id <= last or k.id in cut_ids or k.deprel.split(":")[0] not in ("advcl", "obl", "nmod", "dep"):
            continue
        sub = tree.subtree(k)
        if any(x.id in cut_ids for x in sub):
            continue
        first = min(x.id for x in sub)
        if first > 1 and tree.sent.word(first - 1).text == ",":
            continue  # ", as troops continued …": the reporter's frame, not the content
        extra += sub
    return extra


def _verb_attribution(doc: ParsedDoc, tree: _Tree, index: int, w: Word, cut_ids: set[int],
                      quoted: Sequence[tuple[int, int]] = ()) -> Attribution | None:
    """The attribution of the speech verb ``w``: its content (None when it has
    none: it may still be the cue of quote marks next to it), its speaker (the
    subject; the object of an active ``quoted … as saying``; else a ``by``
    agent) and the outlet the words passed through."""
    if w.deprel in ("amod", "compound") or doc.text[max(0, w.start_char - 3):w.start_char].lower() == "so-":
        return None  # "the said agreement", "a so-called deal"
    words = tree.sent.words
    if w.text.lower().endswith("ed") and 0 < w.index < len(words) - 1 and words[w.index - 1].upos in ("NUM", "DET") \
            and words[w.index + 1].upos == "NOUN" and not tree.children(w, "aux", "aux:pass"):
        return None  # "by 271 pledged delegates": a participle used as an adjective, whatever its tag
    if all(x.upos == "PUNCT" for x in words[:w.index]) and w.text[:1].isupper() \
            and w.text.lower().endswith("ing") and w.index + 1 < len(words) and words[w.index + 1].text.lower() == "by":
        return None  # a credit line: "(Reporting by A; Editing by B)"
    top = _second_hand_head(tree, w) or w
    inverted = _inverted_by_position(tree, w) if top is w else None
    found = inverted[:3] if inverted else _content_words(tree, w, top, cut_ids)
    content, rule = None, "none"
    if found and found[2] == "xcomp" and found[1].lemma.lower() in lexicon.ANONYMITY_VERBS \
            and tree.children(found[1], "aux:pass"):
        return None  # "who asked not to be named": a condition of anonymity, not a quote
    if found and _adverbial_clause(tree, w, found[1], found[2]):
        found = None  # "said [when she resigned]": the time of speaking, not what was said
    if found and found[2] == "ccomp" and w.lemma.lower() in _NO_CLAUSE_VERBS:
        found = None  # "spoke [as the crowd cheered]": speak and talk report topics, not clauses
    if found:
        words, head, rule = found
        if rule in ("ccomp", "object", "xcomp"):
            words = words + _trailing_modifiers(tree, w, words, cut_ids)
        if rule == "ccomp":
            words = _addressee_in_content(tree, w, words)
            words = words + _conjuncts_hung_on_cue(tree, w, head, words, cut_ids)
        if rule == "object":
            words = words + _noun_conjuncts_hung_on_cue(tree, w, words)
        words = _run_around(words, head, tree.sent)
        words = _cut_before_next_speaker(tree, sorted(words, key=lambda x: x.id), cut_ids)
        words = _cut_trailing_participle(tree, w, words, any_verb=rule == "object" and head.upos != "VERB")
        words = _cut_at_semicolon(tree, w, words)
        words = words + _stranded_that_clause(tree, w, words)
        content = _span_of(_strip_edges(words, doc.text)) if words else None
    elif w.xpos == "VBN" and w.deprel == "acl":
        return None  # "as demanded by Damascus"
    avoid = [content] if content else []
    subj = None
    if top is not w and top.lemma.lower() == "quote" and not tree.children(top, "nsubj:pass"):
        objs = tree.children(top, "obj")  # "Interfax quoted Ryabkov as saying"
        subj = objs[0] if objs else None
    if subj is None and inverted:
        subj = inverted[3]
    if subj is None:
        subj = _participle_subject(tree, top, quoted) or _subject(tree, top, quoted)
    if subj is not None and subj.deprel == "nsubj:pass" and top is w and subj.head == w.id:
        subj = None  # "he was asked whether …", "it was announced that …": not the speaker
    if subj is not None and content and content[0] <= subj.start_char < content[1]:
        subj = None
    if subj is not None and (subj.upos == "NUM" and any(c.isdigit() for c in subj.text)
                             or subj.text.lower() in _CLOCK_WORDS):
        # "4:40 p.m. [Republican candidate Marco Rubio] says": a news-blog time stamp
        # the parser made the subject, with the speaker hung on it
        named = [k for k in tree.children(subj, "dep", "appos", "compound", "nmod", "flat")
                 if k.id > subj.id and k.upos in ("PROPN", "NOUN") and k.id < w.id]
        subj = named[0] if named else None
    if subj is not None and subj.lemma.lower() in lexicon.TIME_WORDS and not (
            subj.upos == "PROPN" and tree.children(subj, "compound", "flat", "amod")):
        subj = None  # "Monday" misparsed as the subject of a cue speaks for no one ("Theresa May" does)
    if subj is None:
        agents = tree.children(top, "obl:agent")
        subj = agents[0] if agents else None
    if subj is None and top is w and not inverted:
        subj = _speaker_before(tree, w, content)
    speaker = _noun_phrase(doc, tree, subj, avoid) if subj is not None else None
    cue = _cue_span(doc, tree, w, top)
    taken = avoid + ([(speaker.start_char, speaker.end_char)] if speaker else [])
    via = _outlet_near(doc, tree, w, top, subj, taken) or _outlet_by_position(doc, tree, w, taken)
    lead = _interrupted_lead(doc, tree, cue, speaker, content, cut_ids, quoted)
    return Attribution(index, cue, w, speaker, via, content, rule, lead)


def _noun_attribution(doc: ParsedDoc, tree: _Tree, index: int, w: Word,
                      cut_ids: set[int]) -> Attribution | None:
    """Speech reported by a noun with its content clause: "Trump's claim [that there
    have been thousands of shootings]", "his promise [to end the regime]", "a demand
    by Pelosi [that …]". The speaker is the possessor or the ``by``/``from`` agent;
    the clause must open with ``that`` (or ``to``, for promises, calls, threats …),
    which keeps out relative clauses ("the claim that he filed")."""
    lemma = w.lemma.lower()
    clause = None
    for k in tree.children(w, "acl", "ccomp", "xcomp"):
        marks = [m.text.lower() for m in tree.children(k, "mark")]
        if k.id > w.id and ("that" in marks or ("to" in marks and lemma in lexicon.INFINITIVE_SPEECH_NOUNS)):
            clause = k
            break
    if clause is None:
        return None
    nested = [x for x in tree.subtree(clause) if x.id != clause.id and x.id in cut_ids
              and x.deprel.split(":")[0] in ("advcl", "conj", "parataxis")]
    content = _span_of(_strip_edges(_run_around(tree.subtree(clause, nested), clause, tree.sent), doc.text))
    if content is None:
        return None
    subj = max(tree.children(w, "nmod:poss"), key=lambda k: k.id, default=None)
    if subj is None:
        subj = next((k for k in tree.children(w, "nmod") if k.id > w.id and k.id < clause.id
                     and any(c.text.lower() in ("by", "from") for c in tree.children(k, "case"))), None)
    speaker = _noun_phrase(doc, tree, subj, [content]) if subj is not None else None
    cue = Cue(start_char=w.start_char, end_char=w.end_char, text=w.text, lemma=lemma)
    return Attribution(index, cue, w, speaker, None, content, "noun")


def _interrupted_lead(doc: ParsedDoc, tree: _Tree, cue: Cue, speaker: Mention | None,
                      content: tuple[int, int] | None, cut_ids: set[int],
                      quoted: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """The part of the content before a parenthetical attribution: "[That's why],
    he argued, the party should be prepared". The attribution must stand between
    commas, with the rest of the content right after it; the part has a verb (not
    "On Monday, he said, …")."""
    if content is None or content[0] < cue.end_char:
        return None
    between = doc.text[cue.end_char:content[0]].strip()
    if between != ",":
        # "These employees, he explained [earlier in the hearing], were …": the cue's own
        # modifiers may stand before the comma
        mods = [w for w in tree.sent.words if cue.end_char <= w.start_char < content[0] and w.upos != "PUNCT"]
        if not between.endswith(",") or not mods or len(mods) > 6 \
                or any(w.upos in ("VERB", "AUX") or w.text in DOUBLE_MARKS + SINGLE_MARKS for w in mods):
            return None
    first = speaker.start_char if speaker is not None and speaker.start_char < cue.start_char else cue.start_char
    if speaker is not None and speaker.start_char > cue.end_char:
        return None  # "…, said X, …": the speaker follows; then the content is not after the cue
    start = tree.sent.words[0].start_char
    before = doc.text[start:first].rstrip()
    if not before.endswith(","):
        return None
    s, e = _trim(doc.text, start, start + len(before) - 1)
    words = [w for w in tree.sent.words if s <= w.start_char < e]
    if (_word_count(doc.text[s:e]) < 2 or any(w.id in cut_ids for w in words)
            or not (any(w.upos in ("VERB", "AUX") for w in words)  # "On Monday, he said, …"
                    or _subject_lead(tree, words, content))
            or any(a < e and s < b for a, b in quoted)
            or any(ch in doc.text[s:e] for ch in DOUBLE_MARKS)):
        return None
    return s, e


def _subject_lead(tree: _Tree, words: list[Word], content: tuple[int, int]) -> bool:
    """``[The museum], he said, [would make visitors face …]``: a noun phrase before
    a parenthetical cue is the subject of the content after it when that content
    is a finite clause without a subject of its own (it opens with an auxiliary,
    modal or verb)."""
    if not words or words[0].upos not in ("DET", "NOUN", "PROPN", "PRON", "ADJ", "NUM") \
            or not any(w.upos in ("NOUN", "PROPN", "PRON") for w in words) \
            or words[0].lemma.lower() in lexicon.TIME_WORDS or any(w.upos == "ADP" for w in words[:1]):
        return False
    if any(w.lemma.lower() in lexicon.TIME_WORDS and w.upos in ("NOUN", "PROPN") for w in words):
        return False  # "Last week, he said, …": a time, not a subject
    after = [w for w in tree.sent.words if content[0] <= w.start_char < content[1]]
    if not after or after[0].upos not in ("AUX", "VERB") or after[0].xpos in ("VBG", "VBN", "TO"):
        return False
    ids = {w.id for w in after}
    return not any(w.deprel.split(":")[0] in ("nsubj", "csubj", "expl") and w.head in ids for w in after)


_OUTLET_LEADS = frozenset("tell speak talk quote report interview comment publish say write".split())


def _outlet_by_position(doc: ParsedDoc, tree: _Tree, cue: Word, taken) -> Mention | None:
    """An outlet read off the words, where the parse does not link it: the
    noun phrase right after ``told``, after ``speaking to``/``talking to``/
    ``interview with``/``quoted by``/``quoted in``/``reported by``/``published in``
    in the cue's sentence."""
    words = tree.sent.words
    starts = []
    for i, w in enumerate(words):
        lemma = w.lemma.lower()
        if w is cue and lemma == "tell":
            starts.append(i + 1)
        elif lemma in _OUTLET_LEADS and i + 1 < len(words) and words[i + 1].text.lower() in ("to", "with", "by", "in"):
            starts.append(i + 2)
        elif lemma in ("interview", "comment", "comments", "remarks") and i + 1 < len(words) and words[i + 1].text.lower() in ("with", "to", "in"):
            starts.append(i + 2)
    for i in starts:
        run = []
        for w in words[i:i + 8]:
            if w.upos in ("DET", "PROPN", "NOUN", "ADJ") or (w.text in "-–" and run):
                run.append(w)
                continue
            break
        while run and run[-1].upos not in ("PROPN", "NOUN"):
            run.pop()
        if not run or any(a <= run[0].start_char < b for a, b in taken):
            continue
        last = run[-1]
        span_text = doc.text[run[0].start_char:last.end_char]
        if last.lemma.lower() in lexicon.PERSON_NOUNS or last.text.lower() in lexicon.PERSON_NOUNS:
            continue
        if last.lemma.lower() in lexicon.OUTLET_NOUNS:
            return _mention(doc, run, last)
        m = lexicon.seed_outlet_span(span_text)
        if m is not None:
            a, b = run[0].start_char + m[0], run[0].start_char + m[1]
            named = [w for w in run if a <= w.start_char and w.end_char <= b]
            if named:
                return _mention(doc, named, named[-1])
    return None


def _across_line_break(doc: ParsedDoc, att: Attribution) -> Attribution:
    """Content fronted before the cue that starts its sentence, when the sentence
    began on the line before (a line break inside a sentence: ``… seizing the Bab
    al-Nayrab, Al-Maadi and Salhin`` / ``neighbourhoods, according to state media.``)."""
    if att.content is None or att.sentence == 0 or att.content[1] > att.cue.start_char:
        return att
    sent = doc.sentences[att.sentence]
    prev = doc.sentences[att.sentence - 1]
    if att.content[0] != sent.start_char or prev.paragraph == sent.paragraph:
        return att
    if not doc.text[att.content[0]:att.content[0] + 1].islower():
        return att  # a new sentence, not the rest of one
    if doc.text[prev.end_char - 1] in ".!?\"”’:;)":
        return att
    return attrs.evolve(att, content=(prev.start_char, att.content[1]))


def _across_sentence_split(doc: ParsedDoc, att: Attribution, atts: Sequence[Attribution]) -> Attribution:
    """Content cut off by a sentence split in mid sentence: ``said the tweet was
    only "to mock"`` | ``Clinton for inviting Cuban.`` (the tokenizer split after a
    closing mark, or before a name: ``New`` | ``York``). The content runs to the end
    of its sentence, which ends without a full stop, and the next sentence, in
    the same line and with no cue of its own, carries on: the content takes it in."""
    if att.content is None or att.cue.start_char > att.content[0]:
        return att
    i = att.sentence
    if i + 1 >= len(doc.sentences):
        return att
    sent, nxt = doc.sentences[i], doc.sentences[i + 1]
    text = doc.text
    tail = text[att.content[1]:sent.end_char].strip(" " + DOUBLE_MARKS + SINGLE_MARKS)
    if tail:
        return att  # the content stops before its sentence ends
    end = text[sent.start_char:sent.end_char].rstrip().rstrip(DOUBLE_MARKS + SINGLE_MARKS + ")]")
    # a full stop ends the sentence, unless the next one starts in lower case ("at 3 a.m." |
    # "to send tweets": the stop closed an abbreviation)
    stop = end[-1:] in ".!?:;…—–-" and not (end[-1:] == "." and text[nxt.start_char:nxt.start_char + 1].islower())
    if not end or stop or "\n" in text[sent.end_char:nxt.start_char] or nxt.paragraph != sent.paragraph:
        return att
    if any(a.sentence == i + 1 for a in atts):
        return att  # the next sentence reports on its own
    words = [w for w in nxt.words if w.upos != "PUNCT" or w.text in DOUBLE_MARKS + SINGLE_MARKS]
    while words and (words[-1].upos == "PUNCT" and words[-1].text not in DOUBLE_MARKS + SINGLE_MARKS):
        words.pop()
    if len(words) < 2:
        return att
    e = words[-1].end_char
    if text[e - 1:e] in DOUBLE_MARKS + SINGLE_MARKS:
        e -= 1  # a content ends before a closing mark, as mixed quotes do
    return attrs.evolve(att, content=(att.content[0], e))


def _drop_outlet_reports(atts: list[Attribution]) -> list[Attribution]:
    """``Ryabkov said …, RIA reported``: the outlet's report is not a quote of its
    own; RIA is the outlet Ryabkov's words passed through (set by the cue rules)."""
    out = []
    for a in atts:
        if a.content and a.speaker and any(
            b is not a and b.via_outlet is not None
            and a.content[0] <= b.cue.start_char < a.content[1]
            and _overlap((b.via_outlet.start_char, b.via_outlet.end_char), (a.speaker.start_char, a.speaker.end_char))
            for b in atts
        ):
            continue
        out.append(a)
    return out


# --------------------------------------------------------------------------
# 3. Quotes
# --------------------------------------------------------------------------

_CONFIDENCE = {
    "direct:cue-after": 0.9, "direct:cue-before": 0.85,
    "direct:colon": 0.8, "direct:dash-line": 0.85, "direct:continuation": 0.75,
    "indirect:ccomp": 0.85, "indirect:parataxis": 0.75, "indirect:xcomp": 0.7,
    "indirect:object": 0.55, "indirect:fronted": 0.7, "indirect:interrupted": 0.7,
    "indirect:noun": 0.6,
    "according-to": 0.85,
}
_TERMINAL = ".!?\"”'’)…"


class _Doc:
    """Look-ups over one parsed article: the sentence at a character, paragraphs."""

    def __init__(self, doc: ParsedDoc):
        self.doc = doc
        self.starts = [s.start_char for s in doc.sentences]

    def sentence_at(self, char: int) -> int | None:
        """The index of the last sentence starting at or before ``char``."""
        i = bisect.bisect_right(self.starts, char) - 1
        return None if i < 0 else i

    def sentences_over(self, start: int, end: int) -> list[int]:
        first = max(0, bisect.bisect_right(self.starts, start) - 1)
        last = bisect.bisect_left(self.starts, end)
        return [i for i in range(first, last)
                if self.doc.sentences[i].start_char < end and start < self.doc.sentences[i].end_char]

    def sentence_bounds(self, start: int, end: int) -> tuple[int | None, int | None]:
        idx = self.sentences_over(start, end)
        if not idx:
            return None, None
        return self.doc.sentences[idx[0]].start_char, self.doc.sentences[idx[-1]].end_char


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _outside_text(text: str, content: tuple[int, int], spans: Sequence[MarkSpan]) -> str:
    """The content's text outside the quote-marked spans, without marks and punctuation."""
    chars = []
    for i in range(content[0], content[1]):
        if any(s.open_at <= i <= (s.close_at if s.close_at is not None else s.end) for s in spans):
            continue
        chars.append(text[i])
    out = re.sub(r"[^\w\s]", " ", "".join(chars))
    out = re.sub(r"^\s*(that|whether)\b", "", out.strip(), flags=re.I)
    return out.strip()


def _word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


@attrs.define
class _Draft:
    """A quote being assembled (mutable; frozen into a :class:`Quote` at the end)."""

    kind: str
    start: int
    end: int
    rule: str
    attribution: Attribution | None = None
    speaker: Mention | None = None
    cue: Cue | None = None
    via: Mention | None = None
    continues: "_Draft | None" = None
    paragraph: int = 0


def _to_the_closing_mark(text: str, att: Attribution, spans: Sequence[MarkSpan]) -> Attribution:
    """``said Democrats are to blame for focusing on "he said this, he tweeted
    that."`` where the parse of the quoted words cut the content inside the marks
    (at ``this``): a content that starts before a quote and ends inside it, with
    words of the quote left out, runs to the quote's end; quoted words are
    reported whole."""
    if att.content is None or att.content[0] < att.cue.end_char:
        return att
    c0, c1 = att.content
    for s in spans:
        if c0 < s.open_at and s.start < c1 < s.end and not s.unclosed and re.search(r"\w", text[c1:s.end]):
            return attrs.evolve(att, content=(c0, s.end))
    return att


def _fragment_running_on(doc: ParsedDoc, look: _Doc, s: MarkSpan, draft: _Draft,
                         atts: Sequence[Attribution]) -> _Draft:
    """``reported "2,521 shooting incidents" in the city since January``: a quoted
    fragment after its cue that the sentence runs on from (a lowercase word
    straight after the closing mark, no punctuation) is the start of a mixed
    quote that runs to the end of the sentence (before a later cue)."""
    text = doc.text
    if s.close_at is None or s.reopened or s.unclosed or text[s.start:s.end].rstrip()[-1:] in ".,!?;:":
        return draft
    m = re.match(r"[ \t]+([a-z][\w'’-]*)", text[s.close_at + 1:s.close_at + 40])
    if m is None or m.group(1) in ("he", "she", "they", "said", "says", "according"):
        return draft
    si = look.sentence_at(s.close_at)
    if si is None:
        return draft
    sent = doc.sentences[si]
    end = sent.end_char
    for a in atts:
        if a.sentence == si and s.close_at < a.cue.start_char < end:
            return draft  # another report follows in the sentence
    words = [w for w in sent.words if s.close_at < w.start_char < end]
    while words and words[-1].upos == "PUNCT":
        words.pop()
    if not words or any(w.text in DOUBLE_MARKS for w in words):
        return draft
    return _Draft("mixed", s.open_at, words[-1].end_char, "mixed:" + draft.rule, draft.attribution,
                  draft.speaker, draft.cue, draft.via, draft.continues, draft.paragraph)


def _cue_inside(att: Attribution, spans: Sequence[MarkSpan]) -> bool:
    return any(s.open_at < att.cue.start_char < (s.close_at if s.close_at is not None else s.end) for s in spans)


def _dash_line(doc: ParsedDoc, look: _Doc, span: MarkSpan, paras: list[tuple[int, int]]) -> Mention | None:
    """A pull quote's speaker on the next line: ``- Russian Deputy Foreign Minister Sergei Ryabkov``."""
    p = next((i for i, (s, e) in enumerate(paras) if s <= span.open_at < e), None)
    if p is None:
        return None
    ps, pe = paras[p]
    if span.close_at is not None and not doc.text[ps:span.open_at].strip():
        same_line = _dash_name_after(doc.text, span.close_at + 1, pe)
        if same_line is not None:
            return same_line
    if p + 1 >= len(paras):
        return None
    if doc.text[span.end:pe].strip(" .,\"'’”"):
        return None  # the quote does not end its line
    if doc.text[ps:span.open_at].strip():
        return None
    ns, ne = paras[p + 1]
    line = doc.text[ns:ne]
    m = re.match(r"^[-–—―]+\s*", line)
    if not m or ne - ns - m.end() > 120:
        return None
    start = ns + m.end()
    sents = look.sentences_over(start, ne)
    head_word = None
    for i in sents:
        sent = doc.sentences[i]
        tree = _Tree(sent)
        roots = [w for w in sent.words if w.head == 0 and w.upos != "PUNCT" and w.start_char >= start]
        for r in roots:
            if r.upos in ("PROPN", "NOUN", "PRON"):
                flat = tree.children(r, "flat")
                head_word = max(flat, key=lambda w: w.id) if flat and r.upos == "PROPN" else r
                break
            nouns = [k for k in tree.children(r) if k.upos in ("PROPN", "NOUN") and k.start_char >= start]
            if nouns:
                head_word = nouns[0]
                break
        if head_word:
            break
    end = ne
    while end > start and doc.text[end - 1] in " .,;":
        end -= 1
    if end <= start:
        return None
    return Mention(start_char=start, end_char=end, text=doc.text[start:end],
                   head_start=head_word.start_char if head_word else None,
                   head_end=head_word.end_char if head_word else None)


_DASH_NAME_RE = re.compile(r"[ \t\u00a0]*[-–—―]+[ \t\u00a0]*(?P<name>[A-Z][\w.'’-]*(?:[ \t\u00a0]+[\w.'’-]+){0,5})[ \t\u00a0.,]*$")


def _dash_name_after(text: str, start: int, line_end: int) -> Mention | None:
    """A reader's quote signed on its own line: ``“…” ― Sonya Herridge`` (a dash and
    a short capitalised name after the closing mark, up to the end of the line)."""
    m = _DASH_NAME_RE.match(text[start:line_end])
    if m is None:
        return None
    return _name_mention(text, start + m.start("name"), start + m.end("name"))


def _name_mention(text: str, s: int, e: int) -> Mention:
    """A name found by position, its last word the head."""
    last = list(re.finditer(r"[\w.'’-]+", text[s:e]))[-1]
    return Mention(start_char=s, end_char=e, text=text[s:e],
                   head_start=s + last.start(), head_end=s + last.end())


_HEADLINE_NAME_RE = re.compile(r"(?P<name>[A-Z][\w.'’-]*(?:[ \u00a0]+[\w.'’&-]+){0,5})[ \u00a0]*:[ \u00a0]*$")


def _headline_speaker(doc: ParsedDoc, span: MarkSpan, paras: list[tuple[int, int]]) -> Mention | None:
    """A headline that quotes its speaker: ``Trump: ‘I’m the Worst Thing That Ever
    Happened to the Establishment.’`` - a short capitalised name and a colon open
    the line, the quote closes it."""
    p = next((i for i, (s, e) in enumerate(paras) if s <= span.open_at < e), None)
    if p is None or span.close_at is None:
        return None
    ps, pe = paras[p]
    if doc.text[span.close_at + 1:pe].strip(" .!?\"'’”"):
        return None  # the quote does not end its line
    m = _HEADLINE_NAME_RE.fullmatch(doc.text, ps, span.open_at)
    if m is None:
        return None
    return _name_mention(doc.text, m.start("name"), m.end("name"))


def _paragraph_of(paras: list[tuple[int, int]], char: int) -> int:
    starts = [s for s, _ in paras]
    return max(0, bisect.bisect_right(starts, char) - 1)


def _is_prose_line(text: str, para: tuple[int, int]) -> bool:
    """A line of running text (ends like a sentence), unlike captions and headings."""
    line = text[para[0]:para[1]].rstrip()
    return bool(line) and line[-1] in ".!?\"”'’" and _word_count(line) > 3


def extract_quotes(doc: ParsedDoc) -> list[Quote]:
    """The direct, indirect and mixed quotes of one parsed article, in text order."""
    text = doc.text
    look = _Doc(doc)
    paras = _paragraph_bounds(text)
    spans = find_quote_spans(text)
    quoted = [(s.open_at, s.close_at if s.close_at is not None else s.end) for s in spans]
    atts = [_to_the_closing_mark(text, a, spans) for a in find_attributions(doc, quoted) if not _cue_inside(a, spans)]
    drafts: list[_Draft] = []
    claimed: set[int] = set()  # attributions used by direct quotes
    absorbed: dict[int, list[MarkSpan]] = {}  # attribution -> quoted fragments in its content

    # quotes framed by their cue (`"…," X said`, `X said: "…"`) are direct, whatever
    # content the parse gave the cue
    framed: dict[int, tuple[int, str]] = {}
    for si, s in enumerate(spans):
        found = _framing_cue(text, s, atts, look)
        if found is None:
            colon = _colon_verb(doc, look, s, quoted)
            if colon is not None:
                atts.append(colon)
                found = (len(atts) - 1, "direct:colon")
        if found is not None and found[0] not in claimed:
            framed[si] = found
            claimed.add(found[0])
    # attributions whose content holds quoted fragments with other words around
    for si, s in enumerate(spans):
        if si in framed:
            continue
        for ai, a in enumerate(atts):
            if ai in claimed:
                continue
            # the fragment lies in the content (its closing punctuation may stick out)
            if a.content and a.content[0] <= s.start and _overlap(a.content, (s.start, s.end)) >= 0.8 * (s.end - s.start):
                if _word_count(_outside_text(text, a.content, [x for x in spans if _overlap((x.start, x.end), a.content)])) >= 1:
                    absorbed.setdefault(ai, []).append(s)
    absorbed_spans = {id(s) for v in absorbed.values() for s in v}

    previous: _Draft | None = None
    pending: list[MarkSpan] = []
    for si, s in enumerate(spans):
        if id(s) in absorbed_spans:
            continue
        span = (s.start, s.end)
        para = _paragraph_of(paras, s.start)
        draft = None
        if si in framed:
            ai, rule = framed[si]
            a = atts[ai]
            speaker = _framed_speaker(doc, s, a, rule) or a.speaker
            draft = _Draft("direct", s.start, s.end, rule, a, speaker, a.cue, a.via_outlet)
            lead = _unquoted_lead(doc, look, s, atts, spans) if rule == "direct:cue-after" else None
            if lead is not None:
                draft = _Draft("mixed", lead, s.end, "mixed:indirect:fronted", a, speaker, a.cue, a.via_outlet)
        # a) the parse links the quote to a cue: its content is the quote
        best = None
        for ai, a in enumerate(atts):
            if draft is not None:
                break
            if a.content and ai not in absorbed and ai not in claimed and _overlap(a.content, span) >= 0.5 * min(
                a.content[1] - a.content[0], span[1] - span[0]
            ):
                if not (span[0] <= a.cue.start_char < span[1]):
                    if best is None or abs(a.cue.start_char - s.start) < abs(atts[best].cue.start_char - s.start):
                        best = ai
        if best is not None:
            a = atts[best]
            rule = "direct:cue-after" if a.cue.start_char >= s.end else "direct:cue-before"
            draft = _Draft("direct", s.start, s.end, rule, a, a.speaker, a.cue, a.via_outlet)
            claimed.add(best)
        # b) a cue in the same sentence, right after the closing or before the opening mark
        #    (not for a short phrase in marks: that is a scare quote or a name)
        quoted_text = text[s.start:s.end]
        if draft is None and (_word_count(quoted_text) >= 3 or quoted_text[-1:] in ",.!?") \
                and not _looks_like_title(text, s):
            close = s.close_at if s.close_at is not None else s.end
            after_sent = look.sentence_at(max(s.end - 1, s.start))
            before_sent = look.sentence_at(s.start)
            cands = []
            for ai, a in enumerate(atts):
                if ai in claimed or ai in absorbed:
                    continue
                other_quote_between = lambda lo, hi: any(
                    x is not s and lo <= x.open_at < hi for x in spans
                )
                if a.sentence == after_sent and a.cue.start_char > close and not other_quote_between(close, a.cue.start_char):
                    if a.content is None or _overlap(a.content, span) or a.content[0] >= close:
                        cands.append((a.cue.start_char - close, ai, "direct:cue-after"))
                elif a.sentence == before_sent and a.cue.end_char <= s.open_at and not other_quote_between(a.cue.end_char, s.open_at):
                    if a.content is None or _overlap(a.content, span) or a.content[1] <= s.open_at + 1:
                        gap = text[a.cue.end_char:s.open_at]
                        if re.search(r"[:,]\s*$", gap) or not gap.strip():
                            cands.append((s.open_at - a.cue.end_char, ai, "direct:cue-before"))
            if cands:
                _, ai, rule = min(cands)
                a = atts[ai]
                # an attribution whose own content lies elsewhere stays an indirect quote too
                if a.content is None or _overlap(a.content, span):
                    claimed.add(ai)
                draft = _Draft("direct", s.start, s.end, rule, a, a.speaker, a.cue, a.via_outlet)
                if rule == "direct:cue-before" and a.content is not None and a.cue.end_char <= a.content[0] \
                        and a.content[1] <= s.open_at and text[a.content[1]:s.open_at].strip() in (":", ",") \
                        and not s.unclosed:
                    # `X said she has the quality for the job: "Steadiness …"`: the clause
                    # and the quote it introduces are one report
                    claimed.add(ai)
                    draft = _Draft("mixed", a.content[0], s.end, f"mixed:indirect:{a.rule}", a, a.speaker,
                                   a.cue, a.via_outlet)
        # c) a pull quote with the speaker on a dash line below
        if draft is None and not s.unclosed:
            m = _dash_line(doc, look, s, paras)
            if m is not None:
                draft = _Draft("direct", s.start, s.end, "direct:dash-line", None, m, None, None)
        # c2) a headline "Name: 'Quote'"
        if draft is None and not s.unclosed:
            m = _headline_speaker(doc, s, paras)
            if m is not None:
                draft = _Draft("direct", s.start, s.end, "direct:colon", None, m, None, None)
        # d) "X said:" ending the previous sentence
        if draft is None:
            si = look.sentence_at(s.start)
            if si is not None and si > 0 and text[doc.sentences[si].start_char:s.open_at].strip() == "":
                prev_end = doc.sentences[si - 1].end_char
                if text[:prev_end].rstrip().endswith(":"):
                    cands = [ai for ai, a in enumerate(atts) if a.sentence == si - 1 and ai not in claimed
                             and (a.content is None or a.content[1] >= prev_end - 1)]
                    if cands:
                        a = atts[cands[-1]]
                        claimed.add(cands[-1])
                        draft = _Draft("direct", s.start, s.end, "direct:colon", a, a.speaker, a.cue, a.via_outlet)
        if draft is None:
            pending.append(s)  # maybe a continuation: decided once all quotes are known
            continue
        if draft.rule == "direct:cue-before" and draft.kind == "direct":
            draft = _fragment_running_on(doc, look, s, draft, atts)
        if previous is not None and previous.kind == "direct" and draft.attribution is not None \
                and previous.attribution is draft.attribution:
            draft.continues = previous  # "A," he said, "B."
        draft.paragraph = para
        drafts.append(draft)
        previous = draft
    # indirect and mixed quotes
    for ai, a in enumerate(atts):
        if ai in claimed or a.content is None or a.cue.lemma in lexicon.QUOTE_ONLY_CUES:
            continue
        c0, c1 = a.content
        if c1 <= c0:
            continue
        if any(_overlap((d.start, d.end), a.content) > 0.5 * (c1 - c0) for d in drafts
               if not _reports_a_report(a, d)):
            continue
        if _word_count(text[c0:c1]) < (1 if a.rule == "object" else 2):
            continue
        rule = "according-to" if a.rule == "according-to" else f"indirect:{a.rule}"
        kind = "mixed" if ai in absorbed else "indirect"
        if kind == "mixed":
            rule = "mixed:" + rule
        lead = None
        if a.lead and not any(_overlap((d.start, d.end), a.lead) for d in drafts):
            lead = _Draft("indirect", a.lead[0], a.lead[1], "indirect:interrupted", a, a.speaker, a.cue,
                          a.via_outlet, paragraph=_paragraph_of(paras, a.lead[0]))
            drafts.append(lead)
        drafts.append(_Draft(kind, c0, c1, rule, a, a.speaker, a.cue, a.via_outlet, continues=lead,
                             paragraph=_paragraph_of(paras, c0)))
    # e) unattributed quotes: a later piece of a multi-paragraph quote, or a quote
    #    continuing the speaker of the quote just before it (of any kind)
    drafts.sort(key=lambda d: (d.start, d.end))
    for s in pending:
        before = [d for d in drafts if d.end <= s.start]
        if not before:
            continue
        prev = max(before, key=lambda d: d.end)
        if prev.kind != "direct" and prev.speaker is not None:
            # `"A," she said, adding that B. "C."`: C continues A, the quote of the same speaker
            same = [d for d in before if d.kind == "direct" and d.speaker == prev.speaker]
            if same and _paragraph_of(paras, same[-1].start) >= _paragraph_of(paras, prev.start) - 1:
                prev = same[-1]
        elif prev.kind != "direct":
            # `"A," said X, speaking of Y. "B."`: the speakerless report in the frame of
            # the quote before is not what B continues; the framed quote is
            sent = look.sentence_at(prev.start)
            same = [d for d in before if d.kind == "direct" and d.speaker is not None
                    and look.sentence_at(max(d.end - 1, d.start)) == sent]
            if same:
                prev = same[-1]
        if s.reopened or _continues(text, paras, prev, s, look):
            d = _Draft("direct", s.start, s.end, "direct:continuation", None, prev.speaker, None,
                       prev.via, continues=prev, paragraph=_paragraph_of(paras, s.start))
            bisect.insort(drafts, d, key=lambda x: (x.start, x.end))
    return _freeze(doc, look, drafts)


def _reports_a_report(a: Attribution, d: _Draft) -> bool:
    """``According to Yahoo News, [a spokesman said that she would sign it]``: the
    content of the ``according to`` attribution ``a`` holds the cue and speaker
    of the indirect quote ``d``; both are reports (one of the other), and the
    outer one stays a quote of its own."""
    if d.kind == "direct" or d.cue is None or a.content is None or a.rule != "according-to":
        return False
    c0, c1 = a.content
    return c0 <= d.cue.start_char and d.cue.end_char <= c1 and d.start > d.cue.start_char \
        and d.speaker is not None and c0 <= d.speaker.start_char < c1


_TITLE_LEAD_RE = re.compile(r"(?:['’]s|\bon|\bof|\bin)\s*$", re.I)


def _looks_like_title(text: str, s: MarkSpan) -> bool:
    """A short title-cased name in marks after a possessive or ``on``/``of``/``in``:
    ``Fox News channel’s “Sunday Morning Futures,”`` (a show, not a quote)."""
    words = re.findall(r"[\w'’-]+", text[s.start:s.end])
    if not words or len(words) > 6 or not all(w[:1].isupper() or w[:1].isdigit() or w.lower() in
                                              ("of", "the", "and", "a", "in", "on", "for", "to") for w in words):
        return False
    return bool(_TITLE_LEAD_RE.search(text[max(0, s.open_at - 12):s.open_at]))


def _unquoted_lead(doc: ParsedDoc, look: _Doc, s: MarkSpan, atts: Sequence[Attribution],
                   spans: Sequence[MarkSpan]) -> int | None:
    """Where a framed quote's sentence starts when the quote marks open in mid
    sentence and the words before them are part of what was said: ``Using the
    capital gains tax "is a misguided approach," said Mr. Burman`` (the words
    before the marks run straight into them: no comma, colon or dash, no cue,
    no other quote). A phrase set off by a comma (``In Iowa, "we will win," he
    said``) is the reporter's framing, not what was said. None otherwise."""
    text = doc.text
    si = look.sentence_at(s.open_at)
    if si is None or s.reopened:
        return None
    start = doc.sentences[si].start_char
    lead = text[start:s.open_at]
    if not lead.strip() or not lead.rstrip()[-1:].isalnum() or _word_count(lead) < 2:
        return None
    if any(ch in lead for ch in DOUBLE_MARKS + SINGLE_MARKS) and any(start <= x.open_at < s.open_at for x in spans):
        return None
    if any(start <= a.cue.start_char < s.open_at for a in atts):
        return None
    if "\n" in lead or lead.lstrip()[:1].islower():
        return None
    return _trim(text, start, s.open_at)[0]


def _framed_speaker(doc: ParsedDoc, s: MarkSpan, a: Attribution, rule: str) -> Mention | None:
    """The speaker of a framed quote read off its position, where a small parser
    loses it: the words between the closing mark and the cue (`"…," Reem, a
    mother of two children, said`), or after an inverted cue (`"…", said a
    statement issued …`). None when the parse's speaker already fits."""
    if rule != "direct:cue-after" or s.close_at is None:
        return None
    text = doc.text
    close_end = s.close_at + (2 if text.startswith(("''", "``"), s.close_at) else 1)
    gap_s, gap_e = _trim(text, close_end, a.cue.start_char)
    while gap_s < gap_e and text[gap_s] in ",—–-":
        gap_s += 1
    while gap_e > gap_s and text[gap_e - 1] in ", ":
        gap_e -= 1
    gap_s, gap_e = _trim(text, gap_s, gap_e)
    if gap_e <= gap_s:  # inverted: "…," said X
        if a.speaker is not None and a.speaker.start_char >= a.cue.end_char:
            return None
        gap_s, gap_e = _trim(text, a.cue.end_char, _name_end(text, a.cue.end_char))
        if gap_e <= gap_s or _word_count(text[gap_s:gap_e]) > 15:
            return None
    elif _word_count(text[gap_s:gap_e]) > 15:
        return None
    if a.speaker is not None and (a.speaker.start_char, a.speaker.end_char) == (gap_s, gap_e):
        return None
    head = None
    if a.speaker is not None and gap_s <= (a.speaker.head_start or -1) < gap_e:
        head = (a.speaker.head_start, a.speaker.head_end)
    else:
        first = re.match(r"[^,]*", text[gap_s:gap_e]).group().rstrip()
        words = list(re.finditer(r"[\w'’.-]+", first))
        if words:
            last = words[-1]
            head = (gap_s + last.start(), gap_s + last.end())
    return Mention(start_char=gap_s, end_char=gap_e, text=text[gap_s:gap_e],
                   head_start=head[0] if head else None, head_end=head[1] if head else None)


_ABBREV_RE = re.compile(r"(?:\b[A-Z][a-z]{0,3}|\b[A-Z])$")


def _name_end(text: str, start: int, limit: int = 120) -> int:
    """Where the noun phrase starting at ``start`` ends: at a comma, semicolon,
    colon or line end, or a full stop that does not close an abbreviation
    (``Mr.``, ``Sen.``, ``R.``)."""
    i = start
    while i < len(text) and i - start < limit:
        ch = text[i]
        if ch in ",;:!?\n":
            break
        if ch == "." and not _ABBREV_RE.search(text[max(start, i - 4):i]):
            break
        i += 1
    return i


def _colon_verb(doc: ParsedDoc, look: _Doc, s: MarkSpan, quoted) -> Attribution | None:
    """``Trump boomed: "…"``: any verb with a subject right before a colon that
    opens a quote is its cue (verbs outside the speech lexicon included)."""
    before = doc.text[:s.open_at].rstrip()
    if not before.endswith(":"):
        return None
    si = look.sentence_at(len(before) - 1)
    if si is None:
        return None
    sent = doc.sentences[si]
    tree = _Tree(sent)
    colon = next((w for w in sent.words if w.start_char == len(before) - 1), None)
    if colon is None or colon.index == 0:
        return None
    verb = sent.words[colon.index - 1]
    if verb.upos != "VERB" or not tree.children(verb, "nsubj"):
        return None
    att = _verb_attribution(doc, tree, si, verb, set(), quoted)
    return None if att is None else attrs.evolve(att, content=None)


# the words between a closing mark and its cue: no sentence end, but abbreviated
# titles and initials are words ("Mr. Obama", "Rep. Elijah Cummings", "Mary J. Blige"),
# and so are party labels ("Mitch McConnell, R-Ky.,", "Gwen Moore (D-Wis.)", "(D-N.Y.)")
_FRAME_AFTER = re.compile(
    r"^[,.?!—–-]?\s*(?:(?:[A-Z][a-z]{0,3}\.|\(?[A-Z]-[A-Z][A-Za-z.]{0,5}\)?,?|[^\s.!?;:\"“”]+)\s+){0,8}$")


def _framing_cue(text: str, s: MarkSpan, atts: Sequence[Attribution], look: _Doc) -> tuple[int, str] | None:
    """The attribution that frames a quote as direct speech: its cue follows the
    closing mark with at most the speaker between (`"…," Ryabkov added`,
    `"…," said a statement`), or precedes the opening mark with only a colon or
    comma between (`X said: "…"`). Returns (attribution index, rule)."""
    if s.close_at is None or _looks_like_title(text, s):
        return None
    close_end = s.close_at + (2 if text.startswith(("''", "``"), s.close_at) else 1)
    inner_end = text[s.start:s.end].rstrip()[-1:]
    sent = look.sentence_at(s.start)
    best = None
    for ai, a in enumerate(atts):
        if a.cue.start_char >= close_end and a.cue.start_char - close_end < 80:
            gap = text[close_end:a.cue.start_char]
            if "\n" in gap or not _FRAME_AFTER.match(gap):
                continue
            if re.match(r"[\s,—–-]*(?:but|and|or|while|whereas|yet)\s", gap, re.I):
                continue  # `"…," but he said …`: a new clause, not the quote's frame
            if not (inner_end in ",?!—-" or gap.lstrip().startswith(",")):
                continue
            if a.speaker is None and not gap.strip(" ,") and not re.match(r"\s*[A-Z]", text[a.cue.end_char:]):
                continue  # neither "…," X said nor "…," said X
            if a.speaker is not None and a.speaker.start_char < s.open_at:
                continue
            cand = (a.cue.start_char - close_end, ai, "direct:cue-after")
        elif a.cue.end_char <= s.open_at and s.open_at - a.cue.end_char < 40:
            gap = text[a.cue.end_char:s.open_at]
            if not re.fullmatch(r"\s*[,:]\s*", gap) or a.speaker is None:
                continue
            if look.sentence_at(a.cue.start_char) not in (sent, sent - 1 if sent else None):
                continue
            cand = (s.open_at - a.cue.end_char, ai, "direct:cue-before")
        else:
            continue
        if best is None or cand < best:
            best = cand
    return None if best is None else (best[1], best[2])


def _continues(text: str, paras: list[tuple[int, int]], previous: _Draft, span: MarkSpan, look: _Doc) -> bool:
    """Whether an unattributed quote continues ``previous``: it follows it in the
    same paragraph or in the next prose paragraph (captions and headings between
    them are skipped), with no other prose sentence between."""
    quoted = text[span.start:span.end]
    if _word_count(quoted) < 3:
        return False  # a scare-quoted phrase, not a quoted sentence
    after = text[span.close_at + 1:span.close_at + 3] if span.close_at is not None else ""
    if re.match(r"\s?[a-z]", after) and not quoted.rstrip()[-1:] in ",.!?":
        return False  # a name or phrase in running text: `the “Make America Great Again” hat`
    p_prev = _paragraph_of(paras, previous.start)
    p_this = _paragraph_of(paras, span.start)
    if p_this - p_prev > 3 or p_this < p_prev:
        return False
    if not _is_prose_line(text, paras[p_this]) and span.close_at is not None:
        # a whole-line quote that ends its line is fine; a heading is not
        line = text[paras[p_this][0]:paras[p_this][1]]
        if not line.strip().endswith(tuple(DOUBLE_MARKS + SINGLE_MARKS)):
            return False
    for p in range(p_prev + 1, p_this):
        if _is_prose_line(text, paras[p]):
            return False
    # no other sentence between the previous quote's sentence and this quote
    prev_end = look.sentence_at(max(previous.end - 1, previous.start))
    this_start = look.sentence_at(span.start)
    if prev_end is None or this_start is None:
        return False
    between = range(prev_end + 1, this_start)
    own = [m for m in (previous.speaker, previous.cue) if m is not None]
    for i in between:
        sent = look.doc.sentences[i]
        if any(m.start_char < sent.end_char and sent.start_char < m.end_char for m in own):
            continue  # the previous quote's own attribution, split off ("… said Rep. | Elijah Cummings")
        if _paragraph_of(paras, sent.start_char) in (p_prev, p_this):
            return False
    return True


def _freeze(doc: ParsedDoc, look: _Doc, drafts: list[_Draft]) -> list[Quote]:
    index = {id(d): i for i, d in enumerate(drafts)}
    quotes = []
    for d in drafts:
        s0, s1 = look.sentence_bounds(d.start, d.end)
        conf = _CONFIDENCE.get(d.rule.removeprefix("mixed:"), 0.7)
        if d.speaker is None:
            conf *= 0.6
        cont = index.get(id(d.continues)) if d.continues is not None else None
        quotes.append(
            Quote(
                kind=d.kind, start_char=d.start, end_char=d.end, text=doc.text[d.start:d.end],
                speaker=d.speaker, cue=d.cue, via_outlet=d.via, rule=d.rule,
                confidence=round(conf, 3), sentence_start=s0, sentence_end=s1, continues=cont,
            )
        )
    return quotes
