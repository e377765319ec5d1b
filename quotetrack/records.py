"""The record types that flow through quotetrack.

corpus  -> :class:`Article`
parse   -> :class:`ParsedDoc` of :class:`Sentence` of :class:`Word`
extract -> :class:`Quote` with :class:`Mention` (speaker, outlet) and :class:`Cue`
resolve -> :class:`Entity` and :class:`ResolvedQuote`
editors -> :class:`Correction` (applied to the stored quotes at every relink)

All records are frozen attrs classes; derive changed copies with ``attrs.evolve``.
Every span is a pair of Python string indices into the article text as read
(``text[start_char:end_char]``).
"""

from __future__ import annotations

import attrs

QUOTE_KINDS = ("direct", "indirect", "mixed")
ENTITY_TYPES = ("person", "organisation", "outlet", "anonymous", "group", "unknown")
#: how a quote's channel (the outlet its words came through) was found: named in
#: its own attribution ("told Reuters"), carried from the quote it follows ("…,"
#: he added), or the speaker itself is an outlet ("state TV said")
VIA_HOWS = ("named", "carried", "speaker")
#: where a quote stands in its article: the headline, the lede (what the article
#: opens with, down to its first full paragraph) or the body
PLACEMENTS = ("headline", "lede", "body")
#: how precise an article's ``published`` is (see :class:`Article`)
DATE_PRECISIONS = ("day", "time", "time-local")
#: how a quote's speaker was found; "corrected": an editor named the speaker
#: (:mod:`quotetrack.corrections`), whatever the analysis made of the mention
#: what an editorial correction can set: a quote's speaker, role or that it is
#: none; a speaker's or outlet's name (:mod:`quotetrack.corrections`)
QUOTE_FIELDS = ("speaker", "role", "not_a_quote")
ENTITY_FIELDS = ("name",)
CORRECTION_FIELDS = QUOTE_FIELDS + ENTITY_FIELDS
RESOLUTIONS = ("name", "surname", "pronoun", "description", "continuation", "unresolved", "corrected")


def _non_negative(instance, attribute, value):
    if value < 0:
        raise ValueError(f"{attribute.name} must be >= 0, got {value}")


def _span_order(instance, attribute, value):
    if value < instance.start_char:
        raise ValueError(
            f"end_char ({value}) must not be before start_char ({instance.start_char})"
        )


@attrs.frozen(kw_only=True)
class Article:
    """One article of a corpus: its text and what is known about it."""

    # the file name, e.g. "000_fb29eb345b8b11e0.txt", or for one record of a file
    # that holds many (JSON lines, CSV, WARC) "<file name>#<id or number>"
    doc: str
    path: str  # the file's path as read (a record's: "<path>#<id or number>")
    text: str
    sha256: str
    title: str | None = None
    publisher: str | None = None
    date: str | None = None  # ISO 8601 (YYYY-MM-DD) when known
    url: str | None = None
    author: str | None = None  # the byline, as the sidecar, record or page gives it
    # when a web archive's crawler fetched the page (WARC-Date), in UTC; never a
    # publication date
    crawl_date: str | None = None
    # where each metadata field came from: "sidecar" (articles.csv), "record" (a
    # JSON-lines or CSV record's fields, a WARC record's headers), "page" (an
    # HTML page's markup), "text" (inferred) or absent
    provenance: dict = attrs.field(factory=dict)
    # span of the publisher's name in the text, when it was read from the text
    publisher_span: tuple[int, int] | None = None
    # when it was published, ISO 8601, as precisely as the sidecar or the text says
    # (quotetrack.corpus): YYYY-MM-DD (the day only), YYYY-MM-DDTHH:MM:SS+00:00 (a
    # time with its zone, in UTC) or YYYY-MM-DDTHH:MM:SS (a time whose zone is not
    # known); seconds are always written. ``date`` stays the day as written there,
    # which a time moved to UTC may put on another day than ``published``.
    published: str | None = None
    # how precise ``published`` is: "day", "time" (in UTC) or "time-local" (the
    # time as written, zone unknown); None when there is no date
    date_precision: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.in_(DATE_PRECISIONS)))


@attrs.frozen(kw_only=True)
class Word:
    """A syntactic word of a Stanza parse, with offsets into the article text."""

    index: int  # 0-based position in the sentence's word list
    id: int  # CoNLL-U ID (1-based)
    text: str
    lemma: str
    upos: str
    xpos: str | None
    feats: str | None
    head: int  # CoNLL-U head ID; 0 for the root
    deprel: str
    start_char: int = attrs.field(validator=_non_negative)
    end_char: int = attrs.field(validator=_span_order)
    ner: str | None = None


@attrs.frozen(kw_only=True)
class Sentence:
    index: int
    words: tuple[Word, ...]
    paragraph: int = 0  # index of the paragraph (line of the article) it is in

    @property
    def start_char(self) -> int:
        return self.words[0].start_char

    @property
    def end_char(self) -> int:
        return self.words[-1].end_char

    def word(self, word_id: int) -> Word:
        """The word with CoNLL-U ID ``word_id``."""
        return self.words[word_id - 1]

    def children(self, word: Word) -> tuple[Word, ...]:
        return tuple(w for w in self.words if w.head == word.id)

    def head_of(self, word: Word) -> Word | None:
        return None if word.head == 0 else self.word(word.head)


def _paragraph_spans(doc: "ParsedDoc") -> tuple[tuple[int, int], ...]:
    from .parse.geometry import paragraph_spans

    return paragraph_spans(doc.text)


@attrs.frozen(kw_only=True)
class ParsedDoc:
    """A parsed article with its text geometry, computed once: the paragraphs
    (each non-blank line, as (start, end) without surrounding spaces) and
    look-ups from a character offset to its paragraph and sentence."""

    text: str
    sentences: tuple[Sentence, ...]
    paragraphs: tuple[tuple[int, int], ...] = attrs.field(
        default=attrs.Factory(_paragraph_spans, takes_self=True), eq=False, repr=False)
    _paragraph_starts: tuple[int, ...] = attrs.field(
        default=attrs.Factory(lambda d: tuple(s for s, _ in d.paragraphs), takes_self=True),
        eq=False, repr=False, init=False)
    _sentence_starts: tuple[int, ...] = attrs.field(
        default=attrs.Factory(lambda d: tuple(s.start_char for s in d.sentences), takes_self=True),
        eq=False, repr=False, init=False)

    def paragraph_at(self, char: int) -> int:
        """The index of the paragraph starting last at or before ``char`` (0 before the first)."""
        from .parse.geometry import paragraph_index

        return paragraph_index(self._paragraph_starts, char)

    def sentence_at(self, char: int) -> int | None:
        """The index of the last sentence starting at or before ``char`` (None before the first)."""
        from .parse.geometry import index_at

        i = index_at(self._sentence_starts, char)
        return None if i < 0 else i

    def sentences_over(self, start: int, end: int) -> list[int]:
        """Indexes of the sentences that overlap ``[start, end)``."""
        import bisect

        first = max(0, bisect.bisect_right(self._sentence_starts, start) - 1)
        last = bisect.bisect_left(self._sentence_starts, end)
        return [i for i in range(first, last)
                if self.sentences[i].start_char < end and start < self.sentences[i].end_char]

    def sentence_bounds(self, start: int, end: int) -> tuple[int | None, int | None]:
        """Start of the first and end of the last sentence over ``[start, end)``."""
        idx = self.sentences_over(start, end)
        if not idx:
            return None, None
        return self.sentences[idx[0]].start_char, self.sentences[idx[-1]].end_char


@attrs.frozen(kw_only=True)
class Mention:
    """A span of text naming a speaker or an outlet."""

    start_char: int = attrs.field(validator=_non_negative)
    end_char: int = attrs.field(validator=_span_order)
    text: str
    # the syntactic head of the noun phrase ("Ryabkov" in "Minister Sergei Ryabkov")
    head_start: int | None = None
    head_end: int | None = None


@attrs.frozen(kw_only=True)
class Cue:
    """The reporting expression ("said", "according to", "was quoted as saying")."""

    start_char: int = attrs.field(validator=_non_negative)
    end_char: int = attrs.field(validator=_span_order)
    text: str
    lemma: str


@attrs.frozen(kw_only=True)
class Quote:
    """A quotation found in one article, before its speaker is resolved."""

    kind: str = attrs.field(validator=attrs.validators.in_(QUOTE_KINDS))
    start_char: int = attrs.field(validator=_non_negative)
    end_char: int = attrs.field(validator=_span_order)
    text: str
    speaker: Mention | None = None
    cue: Cue | None = None
    via_outlet: Mention | None = None
    rule: str  # the extraction rule that fired, e.g. "direct:cue-after"
    confidence: float = attrs.field(validator=attrs.validators.and_(
        attrs.validators.ge(0.0), attrs.validators.le(1.0)))
    sentence_start: int | None = None
    sentence_end: int | None = None
    # index (in the article's quote list) of the quote this one continues:
    # "A," he said. "B." -> B continues A
    continues: int | None = None


@attrs.frozen(kw_only=True)
class Entity:
    """A speaker or outlet resolved across the corpus."""

    entity_id: str
    name: str  # canonical name
    type: str = attrs.field(validator=attrs.validators.in_(ENTITY_TYPES))
    aliases: tuple[str, ...] = ()
    # (role, doc) pairs: "Russian Deputy Foreign Minister" seen in "000_….txt"
    roles: tuple[tuple[str, str], ...] = ()
    # what kind of organisation (government, military, international, party, company,
    # ngo) or outlet (agency, newspaper, broadcaster, …); None when the words don't say
    kind: str | None = None


@attrs.frozen(kw_only=True)
class ResolvedQuote:
    """A quote with its stable ID, its resolved speaker and outlet, and its utterance."""

    quote_id: str
    doc: str
    quote: Quote
    speaker_id: str | None = None
    speaker_name: str | None = None  # canonical name (corpus-wide once resolved)
    speaker_role: str | None = None
    speaker_type: str = "unknown"
    # how the mention was tied to a speaker (RESOLUTIONS): "name", "surname",
    # "pronoun", "description" (a role or an anonymous source's description),
    # "continuation", "unresolved" (no speaker: speaker_id and name are None) or
    # "corrected" (named by an editor's correction, applied when the corpus is linked)
    resolution: str = attrs.field(default="unresolved", validator=attrs.validators.in_(RESOLUTIONS))
    # the channel: the outlet that obtained or relayed the words
    via_outlet_id: str | None = None
    via_outlet_name: str | None = None
    via_how: str | None = attrs.field(default=None, validator=attrs.validators.optional(
        attrs.validators.in_(VIA_HOWS)))
    # where the channel's outlet is named: the quote's own ``quote.via_outlet`` when
    # named, an earlier quote's when carried, the speaker mention when the speaker
    via_outlet_mention: Mention | None = None
    # True when the channel is the article's publisher, False when another outlet,
    # None when no channel is known
    first_hand: bool | None = None
    cluster_id: str | None = None
    continues_id: str | None = None  # quote_id of the quote this one continues
    placement: str = attrs.field(default="body", validator=attrs.validators.in_(PLACEMENTS))
    # the quote this one is the next piece of, in one quotation of one paragraph
    # ("A," he said. "B."): ``continues`` in the same paragraph, both quoted
    piece_of: str | None = None
    # a display copy of a body quote of the same article (a pull quote): the body
    # quote's ID; it is not another report of the statement
    pull_quote_of: str | None = None
    # how this direct quote's wording compares with the same statement's direct
    # quotes in other articles ("same words", "excerpt", "altered"), once linked
    wording: str | None = None


@attrs.frozen(kw_only=True)
class Correction:
    """One editorial correction, as recorded (:mod:`quotetrack.corrections`)."""

    number: int
    target_id: str  # the quote, speaker or outlet ID as the editor gave it
    field: str = attrs.field(validator=attrs.validators.in_(CORRECTION_FIELDS))
    value: str | None  # None for not_a_quote
    note: str | None = None
    who: str
    made_at: str  # ISO 8601, UTC
    withdrawn_at: str | None = None
    withdrawn_by: str | None = None

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None
