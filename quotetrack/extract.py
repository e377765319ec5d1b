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
3. **Quotes**: each quote-mark span is tied to an attribution (its content, a
   cue next to it, a dash line below a pull quote, a colon before it, or the
   previous quote it continues); an attribution whose content holds quoted
   fragments becomes one *mixed* quote; the other attributions are *indirect*
   quotes. Marked spans with no attribution (headlines, scare quotes) are dropped.

Rule names (``Quote.rule``): ``direct:content`` (the parse links the quote to its
cue), ``direct:cue-after``, ``direct:cue-before``, ``direct:colon``,
``direct:dash-line``, ``direct:continuation``, ``indirect:ccomp``,
``indirect:parataxis``, ``indirect:xcomp``, ``indirect:object``,
``according-to``, ``mixed:<the indirect rule>``.
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


def _mark_roles(text: str, i: int) -> tuple[bool, bool]:
    """(can open, can close) for the quote mark at ``text[i]``, from its neighbours."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else "\n"
    nxt = text[i + 1] if i + 1 < len(text) else "\n"
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


def _pair_marks(text: str, marks: Sequence[int], family: str) -> tuple[list[tuple[int, int]], int | None]:
    """Pair the marks of one family in one paragraph.

    Returns the (open, close) pairs and the position of a mark left open at the
    paragraph's end (None if all closed). A stray opener that is never closed
    and does not start the paragraph is skipped so later quotes are still found.
    """
    roles = [_mark_roles(text, i) for i in marks]
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
        rest_pairs, rest_open = _pair_marks(text, marks[open_idx + 1:], family)
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


def find_quote_spans(text: str) -> list[MarkSpan]:
    """Every quoted span of ``text`` in order, from its quote marks alone.

    Doubles are paired first; single marks are paired outside double-quoted
    spans; a span nested in another is dropped (the outer one stands for both).
    A paragraph left open whose next paragraph starts with an opening mark is
    one piece of a multi-paragraph quote.
    """
    paras = _paragraph_bounds(text)
    spans: list[MarkSpan] = []
    for family, chars in (("double", DOUBLE_MARKS), ("single", SINGLE_MARKS)):
        masked = [(s.open_at, s.close_at if s.close_at is not None else s.end) for s in spans]
        carried = False  # the previous paragraph left a quote open
        for p, (p_start, p_end) in enumerate(paras):
            marks = [
                i for i in range(p_start, p_end)
                if text[i] in chars and not any(a <= i <= b for a, b in masked)
            ]
            reopens = bool(marks) and marks[0] == p_start and _mark_roles(text, p_start)[0]
            pairs, left_open = _pair_marks(text, marks, family)
            found = []
            for o, c in pairs:
                s, e = _trim(text, o + 1, c)
                if e > s:
                    found.append(MarkSpan(s, e, o, c, family))
            if left_open is not None:
                nxt = paras[p + 1] if p + 1 < len(paras) else None
                next_reopens = (
                    nxt is not None and text[nxt[0]] in chars and _mark_roles(text, nxt[0])[0]
                )
                at_start = left_open == p_start or text[p_start:left_open].rstrip().endswith(":")
                if next_reopens or at_start:
                    s, e = _trim(text, left_open + 1, p_end)
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
        out, stack = [], [w]
        while stack:
            x = stack.pop()
            if x.id in skip_ids:
                continue
            out.append(x)
            stack.extend(self.kids.get(x.id, []))
        return sorted(out, key=lambda x: x.id)


def _run_around(words: list[Word], anchor: Word, sent: Sentence) -> list[Word]:
    """The longest run of consecutive words (by id) from ``words`` that holds ``anchor``."""
    ids = {w.id for w in words}
    lo = hi = anchor.id
    while lo - 1 in ids:
        lo -= 1
    while hi + 1 in ids:
        hi += 1
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
        or (words[0].deprel == "mark" and words[0].lower_text in ("that", "whether", "if"))
        or words[0].deprel == "cc"
    ) if hasattr(Word, "lower_text") else words and (
        (words[0].upos == "PUNCT" and not keep_mark(0))
        or (words[0].deprel == "mark" and words[0].text.lower() in ("that", "whether"))
        or words[0].deprel == "cc"
    ):
        words = words[1:]
    while words and words[-1].upos == "PUNCT" and not keep_mark(len(words) - 1):
        words = words[:-1]
    return words


def _span_of(words: list[Word]) -> tuple[int, int] | None:
    return (words[0].start_char, words[-1].end_char) if words else None


def _mention(doc: ParsedDoc, words: list[Word], head: Word) -> Mention | None:
    if not words:
        return None
    s, e = words[0].start_char, words[-1].end_char
    return Mention(start_char=s, end_char=e, text=doc.text[s:e],
                   head_start=head.start_char, head_end=head.end_char)


_NP_SKIP = ("acl:relcl", "parataxis", "advcl", "ccomp", "punct", "dep", "discourse", "list")


def _noun_phrase(doc: ParsedDoc, tree: _Tree, head: Word, avoid: Sequence[tuple[int, int]] = ()) -> Mention | None:
    """The full noun phrase headed by ``head``: determiners, compounds, flat names,
    modifiers, appositions and ``of`` phrases; relative clauses only when they
    hold no quote or content span in ``avoid``; trailing commas dropped."""
    skip = []
    for k in tree.children(head):
        sub = tree.subtree(k)
        overlaps = any(a < sub[-1].end_char and sub[0].start_char < b for a, b in avoid)
        if overlaps or (k.deprel in _NP_SKIP and k.deprel != "punct"):
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
    while words and words[0].upos == "PUNCT":
        words = words[1:]
    return _mention(doc, words, head)


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


def _subject(tree: _Tree, verb: Word) -> Word | None:
    """The subject of ``verb``, climbing to the governing verb for subjectless
    participles and infinitives (``adding that``, ``continued, adding``), and from
    a relative pronoun to the noun it modifies (``officials who said``)."""
    w, seen = verb, 0
    while w is not None and seen < 4:
        subj = tree.children(w, "nsubj")
        if subj:
            s = subj[0]
            if s.feats and "PronType=Rel" in s.feats and w.deprel.startswith("acl"):
                return tree.head(w)
            return s
        if w.deprel.split(":")[0] in ("advcl", "xcomp", "conj", "acl", "ccomp") and w.head:
            if w.deprel.startswith("acl"):
                return tree.head(w)
            w = tree.head(w)
            seen += 1
            continue
        return None
    return None


def _has_particle(tree: _Tree, verb: Word) -> bool:
    """``call`` and ``point`` report speech only with their particle (``call for``, ``point out``)."""
    need = lexicon.VERB_PARTICLES.get(verb.lemma.lower())
    if not need:
        return True
    for k in tree.children(verb):
        if k.deprel == "compound:prt" and k.text.lower() in need:
            return True
        if k.deprel.startswith("obl") or k.deprel == "obj":
            if any(c.deprel == "case" and c.text.lower() in need for c in tree.children(k)):
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
    if head.lemma.lower() in ("quote", "report", "cite", "say", "understand", "believe") and head.upos == "VERB":
        return head
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
            if w.id != head.id and w.id in cues and w.deprel.split(":")[0] in ("advcl", "conj", "parataxis"):
                out.append(w)
        return out

    ccomp = [k for k in tree.children(cue, "ccomp") if k.upos != "PUNCT"]
    if not ccomp and top is not cue:
        ccomp = tree.children(top, "ccomp")
    if ccomp:
        head = ccomp[0]
        return tree.subtree(head, nested(head)), head, "ccomp"
    # fronted content: "…, X said." (the cue hangs off the content as parataxis)
    if top.deprel in ("parataxis", "parataxis:outer") and top.head:
        head = tree.head(top)
        if head.start_char < top.start_char and head.upos != "PUNCT":
            words = tree.subtree(head, [top] + nested(head))
            return words, head, "parataxis"
    # content as parataxis of the cue: "He said: …", `"…," he said` (cue as root)
    for k in tree.children(cue, "parataxis"):
        between = [w for w in tree.sent.words if min(k.id, cue.id) < w.id < max(k.id, cue.id)]
        if k.id < cue.id or any(w.text in ":" + DOUBLE_MARKS + SINGLE_MARKS for w in between):
            return tree.subtree(k, nested(k)), k, "parataxis"
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
    if cue.lemma.lower() in lexicon.NP_CONTENT_VERBS:
        for k in tree.children(cue, "obj", "obl"):
            if k.deprel.startswith("obl"):
                cases = [c.text.lower() for c in tree.children(k, "case")]
                if not any(c in ("for", "of", "on") for c in cases):
                    continue
                if cue.lemma.lower() == "call" and "on" in cases:
                    continue
            if k.id < cue.id:
                continue
            return tree.subtree(k, nested(k)), k, "object"
    return None


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
    while clause.deprel.split(":")[0] in ("advcl", "xcomp", "conj") and clause.head:
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
        if source is None:
            objs = tree.children(w, "obl", "obj", "nmod")
            source = objs[0] if objs else None
        if source is None:
            continue
        pred = tree.head(source) if w.deprel == "case" else tree.head(w)
        if pred is None:  # "according to X" as the root: the whole sentence is content
            pred = source
        phrase = tree.subtree(source) if w.deprel == "case" else tree.subtree(w)
        phrase_ids = {x.id for x in phrase} | {w.id, to.id}
        if pred.id in phrase_ids:
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
        speaker = _noun_phrase(doc, tree, source)
        cue_s, cue_e = w.start_char, to.end_char
        cue = Cue(start_char=cue_s, end_char=cue_e, text=doc.text[cue_s:cue_e], lemma="according to")
        via = None
        if speaker is not None and not _is_outlet(doc, tree, source):
            via = None
        found.append(Attribution(index, cue, w, speaker, via, _span_of(content_words), "according-to"))
    return found


def find_attributions(doc: ParsedDoc) -> list[Attribution]:
    """Every reporting expression of the article, sentence by sentence."""
    out: list[Attribution] = []
    for index, sent in enumerate(doc.sentences):
        tree = _Tree(sent)
        cue_ids = {w.id for w in sent.words if _is_speech_cue(tree, w)}
        for w in sent.words:
            if w.id not in cue_ids:
                continue
            top = _second_hand_head(tree, w) or w
            if top is not w and top.id in cue_ids:
                pass  # "said ... saying": both stay cues; the inner one keeps its content
            found = _content_words(tree, w, top, cue_ids)
            content = None
            rule = "none"
            if found:
                words, head, rule = found
                words = _run_around(words, head, sent)
                words = _strip_edges(words, doc.text)
                content = _span_of(words)
            if w.deprel in ("amod", "compound") or (w.upos == "VERB" and w.xpos == "VBN" and w.deprel == "acl" and not found):
                continue
            avoid = [content] if content else []
            subj = None
            if top is not w and top.lemma.lower() == "quote" and not any(
                k.deprel == "nsubj:pass" for k in tree.children(top)
            ):
                objs = tree.children(top, "obj")
                subj = objs[0] if objs else None
            if subj is None:
                subj = _subject(tree, top)
            if subj is not None and content and content[0] <= subj.start_char < content[1]:
                subj = None
            speaker = _noun_phrase(doc, tree, subj, avoid) if subj is not None else None
            if speaker is None and subj is None:
                agent = [k for k in tree.children(top, "obl:agent")]
                if agent:
                    subj = agent[0]
                    speaker = _noun_phrase(doc, tree, subj, avoid)
            cue = _cue_span(doc, tree, w, top)
            via = _outlet_near(doc, tree, w, top, subj, avoid + ([(speaker.start_char, speaker.end_char)] if speaker else []))
            out.append(Attribution(index, cue, w, speaker, via, content, rule))
        out.extend(_according_to(doc, tree, index))
    return out


# --------------------------------------------------------------------------
# 3. Quotes
# --------------------------------------------------------------------------

_CONFIDENCE = {
    "direct:content": 0.95, "direct:cue-after": 0.9, "direct:cue-before": 0.85,
    "direct:colon": 0.8, "direct:dash-line": 0.85, "direct:continuation": 0.75,
    "indirect:ccomp": 0.85, "indirect:parataxis": 0.75, "indirect:xcomp": 0.7,
    "indirect:object": 0.55, "according-to": 0.85,
}
_TERMINAL = ".!?\"”'’)…"


class _Doc:
    """Look-ups over one parsed article: the sentence at a character, paragraphs."""

    def __init__(self, doc: ParsedDoc):
        self.doc = doc
        self.starts = [s.start_char for s in doc.sentences]

    def sentence_at(self, char: int) -> int | None:
        i = bisect.bisect_right(self.starts, char) - 1
        if i < 0:
            return None
        s = self.doc.sentences[i]
        if char < s.end_char or i + 1 == len(self.starts):
            return i
        return i

    def sentences_over(self, start: int, end: int) -> list[int]:
        out = [i for i, s in enumerate(self.doc.sentences) if s.start_char < end and start < s.end_char]
        return out

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


def _cue_inside(att: Attribution, spans: Sequence[MarkSpan]) -> bool:
    return any(s.open_at < att.cue.start_char < (s.close_at if s.close_at is not None else s.end) for s in spans)


def _dash_line(doc: ParsedDoc, look: _Doc, span: MarkSpan, paras: list[tuple[int, int]]) -> Mention | None:
    """A pull quote's speaker on the next line: ``- Russian Deputy Foreign Minister Sergei Ryabkov``."""
    p = next((i for i, (s, e) in enumerate(paras) if s <= span.open_at < e), None)
    if p is None or p + 1 >= len(paras):
        return None
    ps, pe = paras[p]
    if doc.text[span.close_at + 1 if span.close_at is not None else pe:pe].strip(" .,"):
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
                head_word = r
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
    atts = [a for a in find_attributions(doc) if not _cue_inside(a, spans)]
    drafts: list[_Draft] = []
    claimed: set[int] = set()  # attributions used by direct quotes
    absorbed: dict[int, list[MarkSpan]] = {}  # attribution -> quoted fragments in its content

    # attributions whose content holds quoted fragments with other words around
    for s in spans:
        for ai, a in enumerate(atts):
            if a.content and a.content[0] <= s.start and s.end <= a.content[1]:
                if _word_count(_outside_text(text, a.content, [x for x in spans if _overlap((x.start, x.end), a.content)])) >= 2:
                    absorbed.setdefault(ai, []).append(s)
    absorbed_spans = {id(s) for v in absorbed.values() for s in v}

    previous: _Draft | None = None
    for s in spans:
        if id(s) in absorbed_spans:
            continue
        span = (s.start, s.end)
        para = _paragraph_of(paras, s.start)
        draft = None
        # a) the parse links the quote to a cue: its content is the quote
        best = None
        for ai, a in enumerate(atts):
            if a.content and ai not in absorbed and _overlap(a.content, span) >= 0.5 * min(
                a.content[1] - a.content[0], span[1] - span[0]
            ):
                if not (span[0] <= a.cue.start_char < span[1]):
                    if best is None or abs(a.cue.start_char - s.start) < abs(atts[best].cue.start_char - s.start):
                        best = ai
        if best is not None:
            a = atts[best]
            rule = "direct:cue-after" if a.cue.start_char >= s.end else "direct:cue-before"
            draft = _Draft("direct", s.start, s.end, rule, a, a.speaker, a.cue, a.via)
            claimed.add(best)
        # b) a cue in the same sentence, right after the closing or before the opening mark
        if draft is None:
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
                draft = _Draft("direct", s.start, s.end, rule, a, a.speaker, a.cue, a.via)
        # c) a pull quote with the speaker on a dash line below
        if draft is None and not s.unclosed:
            m = _dash_line(doc, look, s, paras)
            if m is not None:
                draft = _Draft("direct", s.start, s.end, "direct:dash-line", None, m, None, None)
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
                        draft = _Draft("direct", s.start, s.end, "direct:colon", a, a.speaker, a.cue, a.via)
        # e) a later piece of the same quote, or a quote continuing the previous speaker
        if draft is None and previous is not None:
            if s.reopened or _continues(text, paras, previous, s, look):
                draft = _Draft("direct", s.start, s.end, "direct:continuation", None,
                               previous.speaker, None, previous.via, continues=previous)
        if draft is None:
            continue  # a headline, a scare quote or an unattributed quotation
        if draft.continues is None and previous is not None and previous.kind == "direct" and draft.attribution is not None \
                and previous.attribution is draft.attribution:
            draft.continues = previous
        draft.paragraph = para
        drafts.append(draft)
        previous = draft
        # indirect quotes between this quote and the next are handled below; keep order
    # indirect and mixed quotes
    for ai, a in enumerate(atts):
        if ai in claimed or a.content is None:
            continue
        c0, c1 = a.content
        if c1 <= c0:
            continue
        if any(_overlap((d.start, d.end), a.content) > 0.5 * (c1 - c0) for d in drafts):
            continue
        if _word_count(text[c0:c1]) < (1 if a.rule == "object" else 2):
            continue
        rule = "according-to" if a.rule == "according-to" else f"indirect:{a.rule}"
        kind = "mixed" if ai in absorbed else "indirect"
        if kind == "mixed":
            rule = "mixed:" + rule
        drafts.append(_Draft(kind, c0, c1, rule, a, a.speaker, a.cue, a.via, paragraph=_paragraph_of(paras, c0)))
    # a direct quote with no attribution of its own continues the nearest quote before it
    drafts.sort(key=lambda d: (d.start, d.end))
    _relink_continuations(text, paras, drafts, look)
    return _freeze(doc, look, drafts)


def _continues(text: str, paras: list[tuple[int, int]], previous: _Draft, span: MarkSpan, look: _Doc) -> bool:
    """Whether an unattributed quote continues ``previous``: it follows it in the
    same paragraph or in the next prose paragraph (captions and headings between
    them are skipped), with no other prose sentence between."""
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
    for i in between:
        if _paragraph_of(paras, look.doc.sentences[i].start_char) in (p_prev, p_this):
            return False
    return True


def _relink_continuations(text, paras, drafts: list[_Draft], look: _Doc) -> None:
    """Continuation quotes take the speaker of the quote they continue (which may
    be an indirect quote found after the direct pass)."""
    for i, d in enumerate(drafts):
        if d.rule != "direct:continuation" or d.continues is None:
            continue
        before = [x for x in drafts[:i] if x.end <= d.start and x is not d]
        if before and before[-1] is not d.continues and before[-1].start > d.continues.start:
            cand = before[-1]
            if _paragraph_of(paras, cand.start) >= _paragraph_of(paras, d.continues.start):
                d.continues = cand
        d.speaker = d.continues.speaker
        d.via = d.continues.via


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
