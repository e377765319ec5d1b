"""Quotes: step 3 of extraction, tying quote-mark spans to attributions.

:func:`extract_quotes` runs the two steps before (:mod:`.marks`,
:mod:`.attributions`) and ties each quote-mark span to an attribution (a
framing cue, a parsed content, a cue in its sentence, a dash line, a headline's
``Name: "…"``, a colon, the quote it continues), builds the mixed and indirect
quotes and freezes the drafts into :class:`~quotetrack.records.Quote` records
with their rule names and confidences.
"""

from __future__ import annotations

import bisect
import re
from typing import Sequence

import attrs

from .. import lexicon
from ..records import Cue, Mention, ParsedDoc, Quote
from .attributions import Attribution, _verb_attribution, find_attributions
from .marks import DOUBLE_MARKS, MarkSpan, SINGLE_MARKS, _paragraph_bounds, _trim, find_quote_spans
from .tree import _Tree, _overlap, _word_count


_CONFIDENCE = {
    "direct:cue-after": 0.9, "direct:cue-before": 0.85,
    "direct:colon": 0.8, "direct:dash-line": 0.85, "direct:continuation": 0.75,
    "indirect:ccomp": 0.85, "indirect:parataxis": 0.75, "indirect:xcomp": 0.7,
    "indirect:object": 0.55, "indirect:fronted": 0.7, "indirect:interrupted": 0.7,
    "indirect:noun": 0.6,
    "according-to": 0.85,
}


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
        if ai in claimed or a.content is None or a.cue.lemma in lexicon.words().quote_only_cues:
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
