"""Quotes: step 3 of extraction, tying quote-mark spans to attributions.

:func:`extract_quotes` runs the two steps before (:mod:`.marks`,
:mod:`.attributions`) and ties each quote-mark span to an attribution in
named passes (see its docstring): the cue that frames it, the cue whose parsed
content it is, a cue in its sentence, a dash line, a headline's ``Name:
"…"``, a colon before it, the quote it continues. It builds the mixed and
indirect quotes and freezes the drafts into :class:`~quotetrack.records.Quote`
records with their rule names and confidences (measured, :mod:`.precision`). The thresholds of the ties are
named at the top of the module.
"""

from __future__ import annotations

import bisect
import re
from functools import cache
from typing import Sequence

import attrs

from .. import lexicon
from ..records import Cue, Mention, ParsedDoc, Quote
from .attributions import Attribution, find_attributions, verb_attribution
from .precision import confidence_of
from .marks import DOUBLE_MARKS, SINGLE_MARKS, MarkSpan, find_quote_spans, trim
from .tree import Tree, is_tree, overlap, word_count


# Thresholds of the ties between quote marks and attributions
# a quoted fragment lies in a content that holds at least this share of it
# (its closing punctuation may stick out)
_FRAGMENT_IN_CONTENT = 0.8
# ... and makes a mixed quote when the content has at least this many words outside quote marks
_MIXED_MIN_OWN_WORDS = 1
# a quote is a cue's parsed content when they share at least this share of the shorter of the two
_CONTENT_IS_QUOTE = 0.5
# a quoted sentence (not a scare-quoted phrase or a name) has at least this many
# words, unless it ends in punctuation
_SENTENCE_MIN_WORDS = 3
# an attribution is no indirect quote when a quote drafted covers more than this share of its content
_COVERED_CONTENT = 0.5
# the fewest words of an indirect quote's content, and of an object content (``denied [it]``)
_CONTENT_MIN_WORDS = 2
_OBJECT_MIN_WORDS = 1
# a framing cue starts at most this many characters after the quote's closing mark
# (the speaker may stand between) ...
_CUE_AFTER_MAX_CHARS = 80
# ... or ends at most this many characters before its opening mark
_CUE_BEFORE_MAX_CHARS = 40
# at most this many words between a closing mark and the cue that follows it
_FRAME_MAX_WORDS = 8
# a framed quote's speaker read off its position has at most this many words ...
_FRAMED_SPEAKER_MAX_WORDS = 15
# ... and, after an inverted cue (`"…," said X`), ends within this many characters of it
_NAME_MAX_CHARS = 120
# a name read off its position (a dash line, a headline's ``Name:``) has at most this many words
_NAME_MAX_WORDS = 6
# the text of a dash line below a pull quote is at most this many characters long
_DASH_LINE_MAX_CHARS = 120
# the words a quote's sentence runs into its opening mark with are at least this many
_UNQUOTED_LEAD_MIN_WORDS = 2
# the characters after a closing mark searched for the lowercase word a quoted
# fragment runs on with
_RUN_ON_WINDOW = 39
# a show or book title in marks has at most this many words, its lead (``'s``,
# ``on``, ``of``, ``in``) within this many characters before the opening mark
_TITLE_MAX_WORDS = 6
_TITLE_LEAD_CHARS = 12
# an unattributed quote continues one at most this many paragraphs before it ...
_CONTINUATION_MAX_PARAGRAPHS = 3
# ... and continues a report's speaker's direct quote at most this many paragraphs before the report
_SAME_SPEAKER_PARAGRAPHS = 1
# a line of this many words or fewer is a caption or heading, not prose
_CAPTION_MAX_WORDS = 3


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


def extract_quotes(doc: ParsedDoc) -> list[Quote]:
    """The direct, indirect and mixed quotes of one parsed article, in text order.

    The quote-mark spans (:mod:`.marks`) and the attributions
    (:mod:`.attributions`) are tied by five passes, in this order; each leaves
    the spans and attributions it used out of the passes after it:

    1. :func:`_tie_framed_quotes` - quotes framed by their cue, or by any verb
       before a colon;
    2. :func:`_find_quoted_fragments` - contents that hold quoted fragments
       (they become mixed quotes);
    3. :func:`_tie_direct_quotes` - each other span, tied by the first of
       :data:`_SPAN_TIES` that finds its speaker: its frame, a parsed content,
       a cue in its sentence, a dash line, a headline's name, a colon before it;
    4. :func:`_add_reported_quotes` - the attributions left, as indirect and
       mixed quotes;
    5. :func:`_add_continuations` - the spans left that continue the quote before them.
    """
    spans = find_quote_spans(doc.text, doc.paragraphs)
    quoted = [(s.open_at, s.quote_end) for s in spans]
    atts = [_to_the_closing_mark(doc.text, a, spans) for a in find_attributions(doc, quoted)
            if not _cue_inside(a, spans)]
    ties = _Ties(doc, spans, atts, quoted)
    _tie_framed_quotes(ties)
    _find_quoted_fragments(ties)
    _tie_direct_quotes(ties)
    _add_reported_quotes(ties)
    _add_continuations(ties)
    return _freeze(doc, ties.drafts)


@attrs.define
class _Ties:
    """What the passes of :func:`extract_quotes` share: the article, its
    quote-mark spans and attributions, what the passes have tied so far and the
    quotes drafted."""

    doc: ParsedDoc
    spans: list[MarkSpan]
    atts: list[Attribution]  # pass 1 adds the cues of colons
    quoted: list[tuple[int, int]]  # the quoted spans, marks included
    framed: dict[int, tuple[int, str]] = attrs.Factory(dict)  # span index -> (attribution index, rule)
    claimed: set[int] = attrs.Factory(set)  # attributions used by direct quotes
    absorbed: dict[int, list[MarkSpan]] = attrs.Factory(dict)  # attribution -> quoted fragments in its content
    drafts: list[_Draft] = attrs.Factory(list)
    pending: list[MarkSpan] = attrs.Factory(list)  # spans no tie found: maybe continuations


# --------------------------------------------------------------------------
# The passes, in their order
# --------------------------------------------------------------------------


def _tie_framed_quotes(ties: _Ties) -> None:
    """Pass 1: quotes framed by their cue (`"…," X said`, `X said: "…"`) are
    direct, whatever content the parse gave the cue; so are quotes after any
    verb with a subject before a colon (`Trump boomed: "…"`) and quotes whose
    sentence any verb with its subject closes (`"…," an angry Hollande
    retaliated`), their attributions added. Each attribution frames one
    quote, the first."""
    for si, s in enumerate(ties.spans):
        found = _framing_cue(ties.doc, s, ties.atts)
        for rule, frame in (("direct:colon", _colon_verb), ("direct:verb-after", _verb_after)):
            if found is None:
                att = frame(ties.doc, s, ties.quoted)
                if att is not None:
                    ties.atts.append(att)
                    found = (len(ties.atts) - 1, rule)
        if found is not None and found[0] not in ties.claimed:
            ties.framed[si] = found
            ties.claimed.add(found[0])


def _find_quoted_fragments(ties: _Ties) -> None:
    """Pass 2: the attributions whose content holds quoted fragments with other
    words around them (a mixed quote: `said the deal was "a huge step"`): a
    fragment not framed that lies in a content (its closing punctuation may
    stick out) whose words outside quote marks are enough to report."""
    text = ties.doc.text
    for si, s in enumerate(ties.spans):
        if si in ties.framed:
            continue
        for ai, a in enumerate(ties.atts):
            if ai in ties.claimed:
                continue
            if a.content and a.content[0] <= s.start \
                    and overlap(a.content, (s.start, s.end)) >= _FRAGMENT_IN_CONTENT * (s.end - s.start):
                in_content = [x for x in ties.spans if overlap((x.start, x.end), a.content)]
                if word_count(_outside_text(text, a.content, in_content)) >= _MIXED_MIN_OWN_WORDS:
                    ties.absorbed.setdefault(ai, []).append(s)


def _tie_direct_quotes(ties: _Ties) -> None:
    """Pass 3: each span that is no fragment of a content (pass 2) is tied by
    the first of :data:`_SPAN_TIES` that finds it a speaker, or left pending
    (a continuation, maybe: pass 5). A quoted fragment after its cue that its
    sentence runs on from becomes a mixed quote; a direct quote of the same
    attribution as the direct quote before it continues that one (`"A," he
    said, "B."`)."""
    doc = ties.doc
    fragments = {id(s) for v in ties.absorbed.values() for s in v}
    previous: _Draft | None = None
    for si, s in enumerate(ties.spans):
        if id(s) in fragments or any(d.rule == "mixed:direct:colon" and d.start <= s.start < d.end for d in ties.drafts):
            continue  # a fragment of a content, or of a title's quote
        draft = _tie_span(ties, si, s)
        if draft is None:
            ties.pending.append(s)  # decided once all quotes are known
            continue
        if draft.rule == "direct:cue-before" and draft.kind == "direct":
            draft = _fragment_running_on(doc, s, draft, ties.atts)
        if previous is not None and previous.kind == "direct" and draft.attribution is not None \
                and previous.attribution is draft.attribution:
            draft.continues = previous  # "A," he said, "B."
        draft.paragraph = doc.paragraph_at(s.start)
        ties.drafts.append(draft)
        previous = draft


def _add_reported_quotes(ties: _Ties) -> None:
    """Pass 4: each attribution no direct quote used, with a content long
    enough and not mostly covered by a quote already drafted (unless it
    reports that quote's report, which it then replaces), is a quote of its
    own: mixed when its content holds quoted fragments (pass 2), else
    indirect; the lead of a content its cue interrupts is an indirect quote
    the content continues. Not for cues that only frame quotes, nor for a noun-phrase content without quoted words
    of a verb whose object is what the words were about (verbs.csv
    ``quoted_object``: `criticized the plan`)."""
    doc, drafts, claimed = ties.doc, ties.drafts, ties.claimed
    for ai, a in enumerate(ties.atts):
        if ai in claimed or a.content is None or a.cue.lemma in lexicon.words().quote_only_cues:
            continue
        c0, c1 = a.content
        if c1 <= c0:
            continue
        if any(overlap((d.start, d.end), a.content) > _COVERED_CONTENT * (c1 - c0) for d in drafts
               if not _reports_a_report(a, d)):
            continue
        if word_count(doc.text[c0:c1]) < (_OBJECT_MIN_WORDS if a.rule == "object" else _CONTENT_MIN_WORDS):
            continue
        rule = "according-to" if a.rule == "according-to" else f"indirect:{a.rule}"
        kind = "mixed" if ai in ties.absorbed else "indirect"
        if kind == "indirect" and a.rule == "object" and a.cue.lemma in lexicon.words().quoted_object_verbs:
            continue  # `criticized the plan`, `speaking of the meeting`: what it was about, not what was said
        if kind == "mixed":
            rule = "mixed:" + rule
        lead = None
        if a.lead and not any(overlap((d.start, d.end), a.lead) for d in drafts):
            lead = _Draft("indirect", a.lead[0], a.lead[1], "indirect:interrupted", a, a.speaker, a.cue,
                          a.via_outlet, paragraph=doc.paragraph_at(a.lead[0]))
            drafts.append(lead)
        drafts[:] = [d for d in drafts if not _reports_a_report(a, d)]  # the report it reports
        drafts.append(_Draft(kind, c0, c1, rule, a, a.speaker, a.cue, a.via_outlet, continues=lead,
                             paragraph=doc.paragraph_at(c0)))


def _add_continuations(ties: _Ties) -> None:
    """Pass 5: the spans no tie found (pass 3) that are a later piece of a
    multi-paragraph quote, or a quote continuing the speaker of the quote just
    before it (of any kind; see :func:`_continued` and :func:`_continues`),
    are direct quotes continuing it. Puts the drafts in text order."""
    drafts = ties.drafts
    drafts.sort(key=_text_order)
    for s in ties.pending:
        before = [d for d in drafts if d.end <= s.start]
        if not before:
            continue
        prev = _continued(ties.doc, before)
        if s.reopened or _continues(ties.doc, prev, s):
            d = _Draft("direct", s.start, s.end, "direct:continuation", None, prev.speaker, None,
                       prev.via, continues=prev, paragraph=ties.doc.paragraph_at(s.start))
            bisect.insort(drafts, d, key=_text_order)


def _text_order(d: _Draft) -> tuple[int, int]:
    """Drafts sort by where they start, then where they end."""
    return d.start, d.end


def _continued(doc: ParsedDoc, before: list[_Draft]) -> _Draft:
    """The quote an unattributed span after the drafts ``before`` may continue:
    the one that ends last; but where that is a report, the last direct quote
    before it of the same speaker (at most a paragraph before the report) or,
    for a report without a speaker, of the report's sentence."""
    prev = max(before, key=lambda d: d.end)
    if prev.kind != "direct" and prev.speaker is not None:
        # `"A," she said, adding that B. "C."`: C continues A, the quote of the same speaker
        same = [d for d in before if d.kind == "direct" and d.speaker == prev.speaker]
        if same and doc.paragraph_at(same[-1].start) >= doc.paragraph_at(prev.start) - _SAME_SPEAKER_PARAGRAPHS:
            return same[-1]
    elif prev.kind != "direct":
        # `"A," said X, speaking of Y. "B."`: the speakerless report in the frame of
        # the quote before is not what B continues; the framed quote is
        sent = doc.sentence_at(prev.start)
        same = [d for d in before if d.kind == "direct" and d.speaker is not None
                and doc.sentence_at(max(d.end - 1, d.start)) == sent]
        if same:
            return same[-1]
    return prev


# --------------------------------------------------------------------------
# Pass 3: the ways a span is tied to its speaker, tried in the order of _SPAN_TIES
# --------------------------------------------------------------------------


def _tie_span(ties: _Ties, si: int, s: MarkSpan) -> _Draft | None:
    """The quote drafted for span ``s`` (number ``si``) by the first tie that finds one."""
    for tie in _SPAN_TIES:
        draft = tie(ties, si, s)
        if draft is not None:
            return draft
    return None


def _tie_framed(ties: _Ties, si: int, s: MarkSpan) -> _Draft | None:
    """A quote framed by its cue (pass 1): direct, with its speaker read off
    its position where the parse lost it (:func:`_framed_speaker`); mixed when
    its sentence runs into its opening mark (:func:`_unquoted_lead`)."""
    if si not in ties.framed:
        return None
    ai, rule = ties.framed[si]
    a = ties.atts[ai]
    speaker = _framed_speaker(ties.doc, s, a, rule) or a.speaker
    lead = _unquoted_lead(ties.doc, s, ties.atts, ties.spans) if rule == "direct:cue-after" else None
    if lead is not None:
        return _Draft("mixed", lead, s.end, "mixed:indirect:fronted", a, speaker, a.cue, a.via_outlet)
    return _Draft("direct", s.start, s.end, rule, a, speaker, a.cue, a.via_outlet)


def _tie_parsed_content(ties: _Ties, si: int, s: MarkSpan) -> _Draft | None:
    """The parse links the quote to a cue: the quote is the content of an
    attribution not yet used (they share most of the shorter), whose cue is
    outside the quote; the cue nearest the quote wins."""
    span = (s.start, s.end)
    best = None
    for ai, a in enumerate(ties.atts):
        if a.content and ai not in ties.absorbed and ai not in ties.claimed and overlap(a.content, span) >= \
                _CONTENT_IS_QUOTE * min(a.content[1] - a.content[0], span[1] - span[0]):
            if not (span[0] <= a.cue.start_char < span[1]):
                if best is None or abs(a.cue.start_char - s.start) < abs(ties.atts[best].cue.start_char - s.start):
                    best = ai
    if best is None:
        return None
    a = ties.atts[best]
    rule = "direct:cue-after" if a.cue.start_char >= s.end else "direct:cue-before"
    ties.claimed.add(best)
    return _Draft("direct", s.start, s.end, rule, a, a.speaker, a.cue, a.via_outlet)


def _tie_cue_in_sentence(ties: _Ties, si: int, s: MarkSpan) -> _Draft | None:
    """A cue in the same sentence, after the closing or before the opening mark
    with no other quote between (not for a short phrase in marks: that is a
    scare quote or a name); the nearest wins. A cue whose own content lies
    elsewhere stays free for an indirect quote too. A clause and the quote it
    introduces after a colon or comma are one mixed quote."""
    doc, text, spans, atts = ties.doc, ties.doc.text, ties.spans, ties.atts
    quoted_text = text[s.start:s.end]
    if not (word_count(quoted_text) >= _SENTENCE_MIN_WORDS or quoted_text[-1:] in ",.!?") \
            or _looks_like_title(text, s):
        return None
    span = (s.start, s.end)
    close = s.quote_end
    after_sent = doc.sentence_at(max(s.end - 1, s.start))
    before_sent = doc.sentence_at(s.start)

    def other_quote_between(lo: int, hi: int) -> bool:
        return any(x is not s and lo <= x.open_at < hi for x in spans)

    cands = []
    for ai, a in enumerate(atts):
        if ai in ties.claimed or ai in ties.absorbed:
            continue
        if a.sentence == after_sent and a.cue.start_char > close and not other_quote_between(close, a.cue.start_char):
            if a.content is None or overlap(a.content, span) or a.content[0] >= close:
                cands.append((a.cue.start_char - close, ai, "direct:cue-after"))
        elif a.sentence == before_sent and a.cue.end_char <= s.open_at and not other_quote_between(a.cue.end_char, s.open_at):
            if a.content is None or overlap(a.content, span) or a.content[1] <= s.open_at + 1:
                gap = text[a.cue.end_char:s.open_at]
                if re.search(r"[:,]\s*$", gap) or not gap.strip():
                    cands.append((s.open_at - a.cue.end_char, ai, "direct:cue-before"))
    if not cands:
        return None
    _, ai, rule = min(cands)
    a = atts[ai]
    # an attribution whose own content lies elsewhere stays an indirect quote too
    if a.content is None or overlap(a.content, span):
        ties.claimed.add(ai)
    if rule == "direct:cue-before" and a.content is not None and a.cue.end_char <= a.content[0] \
            and a.content[1] <= s.open_at and text[a.content[1]:s.open_at].strip() in (":", ",") \
            and not s.unclosed:
        # `X said she has the quality for the job: "Steadiness …"`: the clause
        # and the quote it introduces are one report
        ties.claimed.add(ai)
        return _Draft("mixed", a.content[0], s.end, f"mixed:indirect:{a.rule}", a, a.speaker,
                      a.cue, a.via_outlet)
    return _Draft("direct", s.start, s.end, rule, a, a.speaker, a.cue, a.via_outlet)


def _tie_dash_line(ties: _Ties, si: int, s: MarkSpan) -> _Draft | None:
    """A pull quote with its speaker on a dash line below (or a dash and a name
    after it on its line): :func:`_dash_line`."""
    if s.unclosed:
        return None
    m = _dash_line(ties.doc, s)
    return None if m is None else _Draft("direct", s.start, s.end, "direct:dash-line", None, m, None, None)


def _tie_headline_name(ties: _Ties, si: int, s: MarkSpan) -> _Draft | None:
    """A headline ``Name: 'Quote'`` (:func:`_headline_speaker`), or a title
    ``Name: words with 'quoted' ones`` (:func:`_title_quoting`: a mixed quote
    of all the words after the colon)."""
    if s.unclosed:
        return None
    m = _headline_speaker(ties.doc, s)
    if m is not None:
        return _Draft("direct", s.start, s.end, "direct:colon", None, m, None, None)
    found = _title_quoting(ties.doc, s, ties.atts)
    if found is None:
        return None
    m, (start, end) = found
    return _Draft("mixed", start, end, "mixed:direct:colon", None, m, None, None)


def _tie_colon_before(ties: _Ties, si: int, s: MarkSpan) -> _Draft | None:
    """``X said:`` ending the sentence before a quote that opens its own: the
    last attribution not yet used of that sentence whose content (if any) runs
    to the colon."""
    doc, text = ties.doc, ties.doc.text
    sent = doc.sentence_at(s.start)
    if sent is None or sent == 0 or text[doc.sentences[sent].start_char:s.open_at].strip() != "":
        return None
    prev_end = doc.sentences[sent - 1].end_char
    if not text[:prev_end].rstrip().endswith(":"):
        return None
    cands = [ai for ai, a in enumerate(ties.atts) if a.sentence == sent - 1 and ai not in ties.claimed
             and (a.content is None or a.content[1] >= prev_end - 1)]
    if not cands:
        return None
    a = ties.atts[cands[-1]]
    ties.claimed.add(cands[-1])
    return _Draft("direct", s.start, s.end, "direct:colon", a, a.speaker, a.cue, a.via_outlet)


#: The ways pass 3 ties a span to its speaker, in the order they are tried
_SPAN_TIES = (
    _tie_framed,            # its frame: `"…," X said`, `X said: "…"` (pass 1)
    _tie_parsed_content,    # the parse made it a cue's content
    _tie_cue_in_sentence,   # a cue in its sentence, right after or before it
    _tie_dash_line,         # a dash line below a pull quote, or a dash and a name after it
    _tie_headline_name,     # a headline's `Name: "…"`
    _tie_colon_before,      # `X said:` ending the sentence before
)


# --------------------------------------------------------------------------
# What the passes and ties read: spans, attributions, lines and names
# --------------------------------------------------------------------------


def _outside_text(text: str, content: tuple[int, int], spans: Sequence[MarkSpan]) -> str:
    """The content's text outside the quote-marked spans, without marks and punctuation."""
    chars = []
    for i in range(content[0], content[1]):
        if any(s.open_at <= i <= s.quote_end for s in spans):
            continue
        chars.append(text[i])
    out = re.sub(r"[^\w\s]", " ", "".join(chars))
    out = re.sub(r"^\s*(that|whether)\b", "", out.strip(), flags=re.I)
    return out.strip()


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


def _fragment_running_on(doc: ParsedDoc, s: MarkSpan, draft: _Draft,
                         atts: Sequence[Attribution]) -> _Draft:
    """``reported "2,521 shooting incidents" in the city since January``: a quoted
    fragment after its cue that the sentence runs on from (a lowercase word
    straight after the closing mark, no punctuation) is the start of a mixed
    quote that runs to the end of the sentence (before a later cue)."""
    text = doc.text
    if s.close_at is None or s.reopened or s.unclosed or text[s.start:s.end].rstrip()[-1:] in ".,!?;:":
        return draft
    m = re.match(r"[ \t]+([a-z][\w'’-]*)", text[s.close_at + 1:s.close_at + 1 + _RUN_ON_WINDOW])
    if m is None or m.group(1) in lexicon.words().attribution_openers:
        return draft
    si = doc.sentence_at(s.close_at)
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
    """Whether the attribution's cue is inside quote marks (a cue the speaker quotes, not the reporter's)."""
    return any(s.open_at < att.cue.start_char < s.quote_end for s in spans)


def _paragraph_holding(doc: ParsedDoc, char: int) -> int | None:
    """The index of the paragraph ``char`` lies in (None between paragraphs)."""
    p = doc.paragraph_at(char)
    if not doc.paragraphs or not doc.paragraphs[p][0] <= char < doc.paragraphs[p][1]:
        return None
    return p


def _dash_line(doc: ParsedDoc, span: MarkSpan) -> Mention | None:
    """A pull quote's speaker on the next line: ``- Russian Deputy Foreign Minister Sergei Ryabkov``."""
    paras = doc.paragraphs
    p = _paragraph_holding(doc, span.open_at)
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
    if not m or ne - ns - m.end() > _DASH_LINE_MAX_CHARS:
        return None
    start = ns + m.end()
    sents = doc.sentences_over(start, ne)
    head_word = None
    for i in sents:
        sent = doc.sentences[i]
        tree = Tree(sent)
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


_DASH_NAME_RE = re.compile(r"[ \t\u00a0]*[-–—―]+[ \t\u00a0]*(?P<name>[A-Z][\w.'’-]*(?:[ \t\u00a0]+[\w.'’-]+){0,%d})[ \t\u00a0.,]*$" % (_NAME_MAX_WORDS - 1))


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


_HEADLINE_NAME_RE = re.compile(r"(?P<name>[A-Z][\w.'’-]*(?:[ \u00a0]+[\w.'’&-]+){0,%d})[ \u00a0]*:[ \u00a0]*$" % (_NAME_MAX_WORDS - 1))


def _headline_speaker(doc: ParsedDoc, span: MarkSpan) -> Mention | None:
    """A headline that quotes its speaker: ``Trump: ‘I’m the Worst Thing That Ever
    Happened to the Establishment.’`` - a short capitalised name and a colon open
    the line, the quote closes it."""
    p = _paragraph_holding(doc, span.open_at)
    if p is None or span.close_at is None:
        return None
    ps, pe = doc.paragraphs[p]
    if doc.text[span.close_at + 1:pe].strip(" .!?\"'’”"):
        return None  # the quote does not end its line
    m = _HEADLINE_NAME_RE.fullmatch(doc.text, ps, span.open_at)
    if m is None:
        return None
    return _name_mention(doc.text, m.start("name"), m.end("name"))


_TITLE_NAME_RE = re.compile(r"(?P<name>[A-Z][\w.'’-]*(?:[ \u00a0]+[\w.'’&-]+){0,%d})[ \u00a0]*:[ \u00a0]*" % (_NAME_MAX_WORDS - 1))


def _title_quoting(doc: ParsedDoc, span: MarkSpan, atts: Sequence[Attribution]
                   ) -> tuple[Mention, tuple[int, int]] | None:
    """The article's title when it is ``Name: words with 'quoted' ones``
    (``Paul Ryan: FBI Decision Not to Indict Hillary ‘Defies Explanation,’ Needs
    More Investigation``): the name (capitalised words), and the words after the
    colon (which hold ``span``) as the content; not when a cue of ``atts`` is
    in the title."""
    if not doc.paragraphs or _paragraph_holding(doc, span.open_at) != 0:
        return None
    ps, pe = doc.paragraphs[0]
    m = _TITLE_NAME_RE.match(doc.text, ps)
    if m is None or m.end() > span.open_at:
        return None
    if not all(w[:1].isupper() for w in m.group("name").split()):
        return None  # `Syria war: …`: a topic, not a name
    if any(ps <= a.cue.start_char < pe for a in atts):
        return None  # `…, says Moscow`: the title names its speaker itself
    start, end = trim(doc.text, m.end(), pe)
    return _name_mention(doc.text, m.start("name"), m.end("name")), (start, end)


def _is_prose_line(text: str, para: tuple[int, int]) -> bool:
    """A line of running text (ends like a sentence), unlike captions and headings."""
    line = text[para[0]:para[1]].rstrip()
    return bool(line) and line[-1] in ".!?\"”'’" and word_count(line) > _CAPTION_MAX_WORDS


def _reports_a_report(a: Attribution, d: _Draft) -> bool:
    """``According to Yahoo News, [a spokesman said that she would sign it]``: the
    content of the ``according to`` attribution ``a`` holds the cue and speaker
    of the indirect quote ``d``; both are reports of one statement (one of the
    other): the outer one is its quote, as PolNeAR annotates it, and ``d`` is
    dropped (one statement, one quote)."""
    if d.kind == "direct" or d.cue is None or a.content is None or a.rule != "according-to":
        return False
    c0, c1 = a.content
    return c0 <= d.cue.start_char and d.cue.end_char <= c1 and d.start > d.cue.start_char \
        and d.speaker is not None and c0 <= d.speaker.start_char < c1


@cache
def _title_lead_re() -> re.Pattern:
    """A possessive or a word that introduces a title (work_titles.csv ``before``)
    at the end of the text."""
    leads = "|".join(map(re.escape, lexicon.words().work_title_leads))
    return re.compile(r"(?:['’]s|\b(?:" + leads + r"))\s*$", re.I)


def _looks_like_title(text: str, s: MarkSpan) -> bool:
    """A short title-cased name in marks after a possessive or ``on``/``of``/``in``:
    ``Fox News channel’s “Sunday Morning Futures,”`` (a show, not a quote)."""
    words = re.findall(r"[\w'’-]+", text[s.start:s.end])
    inside = lexicon.words().work_title_words
    if not words or len(words) > _TITLE_MAX_WORDS or not all(w[:1].isupper() or w[:1].isdigit() or w.lower() in inside
                                                             for w in words):
        return False
    return bool(_title_lead_re().search(text[max(0, s.open_at - _TITLE_LEAD_CHARS):s.open_at]))


def _unquoted_lead(doc: ParsedDoc, s: MarkSpan, atts: Sequence[Attribution],
                   spans: Sequence[MarkSpan]) -> int | None:
    """Where a framed quote's sentence starts when the quote marks open in mid
    sentence and the words before them are part of what was said: ``Using the
    capital gains tax "is a misguided approach," said Mr. Burman`` (the words
    before the marks run straight into them: no comma, colon or dash, no cue,
    no other quote). A phrase set off by a comma (``In Iowa, "we will win," he
    said``) is the reporter's framing, not what was said. None otherwise."""
    text = doc.text
    si = doc.sentence_at(s.open_at)
    if si is None or s.reopened:
        return None
    start = doc.sentences[si].start_char
    lead = text[start:s.open_at]
    if not lead.strip() or not lead.rstrip()[-1:].isalnum() or word_count(lead) < _UNQUOTED_LEAD_MIN_WORDS:
        return None
    if any(ch in lead for ch in DOUBLE_MARKS + SINGLE_MARKS) and any(start <= x.open_at < s.open_at for x in spans):
        return None
    if any(start <= a.cue.start_char < s.open_at for a in atts):
        return None
    if "\n" in lead or lead.lstrip()[:1].islower():
        return None
    return trim(text, start, s.open_at)[0]


def _framed_speaker(doc: ParsedDoc, s: MarkSpan, a: Attribution, rule: str) -> Mention | None:
    """The speaker of a framed quote read off its position, where a small parser
    loses it: the words between the closing mark and the cue (`"…," Reem, a
    mother of two children, said`), or after an inverted cue (`"…", said a
    statement issued …`). None when the parse's speaker already fits."""
    if rule != "direct:cue-after" or s.close_at is None:
        return None
    text = doc.text
    close_end = _after_closing_mark(text, s)
    gap_s, gap_e = trim(text, close_end, a.cue.start_char)
    while gap_s < gap_e and text[gap_s] in ",—–-":
        gap_s += 1
    while gap_e > gap_s and text[gap_e - 1] in ", ":
        gap_e -= 1
    gap_s, gap_e = trim(text, gap_s, gap_e)
    if gap_e <= gap_s:  # inverted: "…," said X
        if a.speaker is not None and a.speaker.start_char >= a.cue.end_char:
            return None
        gap_s, gap_e = trim(text, a.cue.end_char, _name_end(text, a.cue.end_char))
        if gap_e <= gap_s or word_count(text[gap_s:gap_e]) > _FRAMED_SPEAKER_MAX_WORDS:
            return None
    elif word_count(text[gap_s:gap_e]) > _FRAMED_SPEAKER_MAX_WORDS:
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


def _after_closing_mark(text: str, s: MarkSpan) -> int:
    """The position right after the closing mark of ``s`` (one character, or two: ``''``)."""
    return s.close_at + (2 if text.startswith(("''", "``"), s.close_at) else 1)


_ABBREV_RE = re.compile(r"(?:\b[A-Z][a-z]{0,3}|\b[A-Z])$")


def _name_end(text: str, start: int, limit: int = _NAME_MAX_CHARS) -> int:
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


def _colon_verb(doc: ParsedDoc, s: MarkSpan, quoted) -> Attribution | None:
    """``Trump boomed: "…"``: any verb with a subject right before a colon that
    opens a quote is its cue (verbs outside the speech lexicon included)."""
    before = doc.text[:s.open_at].rstrip()
    if not before.endswith(":"):
        return None
    si = doc.sentence_at(len(before) - 1)
    if si is None:
        return None
    sent = doc.sentences[si]
    tree = Tree(sent)
    colon = next((w for w in sent.words if w.start_char == len(before) - 1), None)
    if colon is None or colon.index == 0:
        return None
    verb = sent.words[colon.index - 1]
    if verb.upos != "VERB" or not tree.children(verb, "nsubj"):
        return None
    att = verb_attribution(doc, tree, si, verb, set(), quoted)
    return None if att is None else attrs.evolve(att, content=None)


def _verb_after(doc: ParsedDoc, s: MarkSpan, quoted) -> Attribution | None:
    """``"…," an angry Hollande retaliated.``: any verb that closes the quote's
    sentence, with its subject right after the closing mark, is its cue (verbs
    outside the speech lexicon included), so the quote is that subject's, not a
    continuation of the speaker before. The quote opens its sentence and is no
    short phrase."""
    text = doc.text
    if s.close_at is None or text[s.start:s.end].rstrip()[-1:] not in ",?!—-":
        return None
    close_end = _after_closing_mark(text, s)
    si = doc.sentence_at(s.start)
    if si is None:
        return None
    sent = doc.sentences[si]
    if not is_tree(sent):
        return None  # a broken parse (a head cycle) is no evidence of who said what
    if text[sent.start_char:s.open_at].strip() or word_count(text[s.start:s.end]) < _SENTENCE_MIN_WORDS:
        return None  # a title or phrase in marks inside a sentence, not a quote it frames
    tail = [w for w in sent.words if w.start_char >= close_end and w.upos != "PUNCT"]
    if not tail or len(tail) > _FRAME_MAX_WORDS or "\n" in text[close_end:tail[-1].end_char]:
        return None
    tree = Tree(sent)
    verbs = [w for w in tail if w.upos == "VERB"]
    if not verbs:
        return None
    verb = verbs[0]
    subjects = [k for k in tree.children(verb, "nsubj") if close_end <= k.start_char < verb.start_char]
    if not subjects or text[close_end:tree.subtree(subjects[0])[0].start_char].strip(" ,—–-"):
        return None
    if subjects[0].text.lower() in ("which", "who", "that"):
        return None  # `"…," which votes June 7`: a relative clause on the quote's last words
    if any(w.id not in {x.id for x in tree.subtree(verb)} for w in tail):
        return None  # the words after the mark are more than the verb's clause
    att = verb_attribution(doc, tree, si, verb, set(), quoted)
    return None if att is None or att.speaker is None else attrs.evolve(att, content=None)


# the words between a closing mark and its cue: no sentence end, but abbreviated
# titles and initials are words ("Mr. Obama", "Rep. Elijah Cummings", "Mary J. Blige"),
# and so are party labels ("Mitch McConnell, R-Ky.,", "Gwen Moore (D-Wis.)", "(D-N.Y.)")
_FRAME_AFTER = re.compile(
    r"^[,.?!—–-]?\s*(?:(?:[A-Z][a-z]{0,3}\.|\(?[A-Z]-[A-Z][A-Za-z.]{0,5}\)?,?|[^\s.!?;:\"“”]+)\s+){0,%d}$" % _FRAME_MAX_WORDS)


def _framing_cue(doc: ParsedDoc, s: MarkSpan, atts: Sequence[Attribution]) -> tuple[int, str] | None:
    """The attribution that frames a quote as direct speech: its cue follows the
    closing mark with at most the speaker between (`"…," Ryabkov added`,
    `"…," said a statement`), or precedes the opening mark with only a colon or
    comma between (`X said: "…"`). Returns (attribution index, rule)."""
    text = doc.text
    if s.close_at is None or _looks_like_title(text, s):
        return None
    close_end = _after_closing_mark(text, s)
    inner_end = text[s.start:s.end].rstrip()[-1:]
    sent = doc.sentence_at(s.start)
    best = None
    for ai, a in enumerate(atts):
        if a.cue.start_char >= close_end and a.cue.start_char - close_end < _CUE_AFTER_MAX_CHARS:
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
        elif a.cue.end_char <= s.open_at and s.open_at - a.cue.end_char < _CUE_BEFORE_MAX_CHARS:
            gap = text[a.cue.end_char:s.open_at]
            if not re.fullmatch(r"\s*[,:]\s*", gap) or a.speaker is None:
                continue
            if doc.sentence_at(a.cue.start_char) not in (sent, sent - 1 if sent else None):
                continue
            cand = (s.open_at - a.cue.end_char, ai, "direct:cue-before")
        else:
            continue
        if best is None or cand < best:
            best = cand
    return None if best is None else (best[1], best[2])


def _continues(doc: ParsedDoc, previous: _Draft, span: MarkSpan) -> bool:
    """Whether an unattributed quote continues ``previous``: it follows it in the
    same paragraph or in the next prose paragraph (captions and headings between
    them are skipped), with no other prose sentence between."""
    text, paras = doc.text, doc.paragraphs
    quoted = text[span.start:span.end]
    if word_count(quoted) < _SENTENCE_MIN_WORDS:
        return False  # a scare-quoted phrase, not a quoted sentence
    after = text[span.close_at + 1:span.close_at + 3] if span.close_at is not None else ""
    if re.match(r"\s?[a-z]", after) and not quoted.rstrip()[-1:] in ",.!?":
        return False  # a name or phrase in running text: `the “Make America Great Again” hat`
    p_prev = doc.paragraph_at(previous.start)
    p_this = doc.paragraph_at(span.start)
    if p_this - p_prev > _CONTINUATION_MAX_PARAGRAPHS or p_this < p_prev:
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
    prev_end = doc.sentence_at(max(previous.end - 1, previous.start))
    this_start = doc.sentence_at(span.start)
    if prev_end is None or this_start is None:
        return False
    between = range(prev_end + 1, this_start)
    own = [m for m in (previous.speaker, previous.cue) if m is not None]
    for i in between:
        sent = doc.sentences[i]
        if any(m.start_char < sent.end_char and sent.start_char < m.end_char for m in own):
            continue  # the previous quote's own attribution, split off ("… said Rep. | Elijah Cummings")
        if doc.paragraph_at(sent.start_char) in (p_prev, p_this):
            return False
    return True


def _freeze(doc: ParsedDoc, drafts: list[_Draft]) -> list[Quote]:
    """The drafts as :class:`Quote` records: their sentences' bounds, their
    confidence (their rule's measured precision, calibrated: lower without a
    speaker; see :mod:`.precision`) and the index of the quote each continues."""
    index = {id(d): i for i, d in enumerate(drafts)}
    quotes = []
    for d in drafts:
        s0, s1 = doc.sentence_bounds(d.start, d.end)
        cont = index.get(id(d.continues)) if d.continues is not None else None
        quotes.append(
            Quote(
                kind=d.kind, start_char=d.start, end_char=d.end, text=doc.text[d.start:d.end],
                speaker=d.speaker, cue=d.cue, via_outlet=d.via, rule=d.rule,
                confidence=confidence_of(d.rule, d.kind, d.speaker is not None), sentence_start=s0, sentence_end=s1, continues=cont,
            )
        )
    return quotes
