"""Extraction: a parsed article -> its direct, indirect and mixed quotes.

The stage works in three steps (see :func:`extract_quotes`), in these modules:

1. **Quote marks** (:mod:`.marks`; character level, no parse):
   :func:`find_quote_spans` pairs double (``"…"`` ``“…”``) and single (``'…'``
   ``‘…’``) quotation marks paragraph by paragraph (the paragraphs the parsed
   document carries, or those of plain text), telling single marks from
   apostrophes (``It's``, ``Assad's``, ``rebels'``), joining multi-paragraph
   quotes (each paragraph reopens the mark, only the last closes) and skipping
   stray marks without losing the rest of the paragraph.
2. **Attributions** (:mod:`.attributions`; dependency parse):
   :func:`find_attributions` finds every reporting expression - a speech verb
   from :mod:`quotetrack.lexicon` with its content clause (``ccomp``, fronted
   ``parataxis``, object for ``deny`` / ``call for``), ``X was quoted as
   saying``, ``X is reported to have said``, ``according to X`` - with its
   speaker noun phrase and intermediary outlet. What a cue's content is and
   where it ends are the rules of :mod:`.contents` (where the content ends:
   the declared, ordered ``CONTENT_BOUNDARY_RULES``, applied by
   :func:`~.contents.bound_content`); :mod:`.tree` holds the sentence tree and
   the small parse helpers both share (word spans, noun phrases, subjects).
3. **Quotes** (:mod:`.quotes`): :func:`extract_quotes` is a driver over named
   passes that tie each quote-mark span to an attribution - the cue that
   frames it (`"…," X said`, `X said: "…"`, any verb before a colon), the cue
   whose parsed content it is, a cue elsewhere in its sentence, a dash line
   below a pull quote (or a dash and a name after it on its line), a
   headline's ``Name: "…"``, a colon ending the sentence before it, or the
   quote just before it that it continues; an attribution whose content holds
   quoted fragments becomes one *mixed* quote, and so does a framed quote
   whose sentence runs into its opening mark (`Taxing the rich "is a
   mistake," X said`); the other attributions are *indirect* quotes. Marked
   spans with no attribution (headlines, scare quotes, show titles) are
   dropped.

Modules import one way only: :mod:`.marks` and :mod:`.tree`, then
:mod:`.contents`, :mod:`.attributions`, :mod:`.quotes`. A helper one module
takes from another is a public name of its owner (``tree.noun_phrase``,
``marks.trim``, ``contents.content_words``, ``attributions.verb_attribution``
…); one used only inside its module keeps its underscore. Paragraphs and
sentence look-ups come from the parsed document
(:class:`~quotetrack.records.ParsedDoc`), computed once per article; the
thresholds of the rules are named constants at the top of their module.

Rule names (``Quote.rule``): ``direct:cue-after``, ``direct:cue-before``,
``direct:colon``, ``direct:dash-line``, ``direct:continuation``,
``indirect:ccomp`` (a content clause, also that-less clauses misparsed as
xcomp or relative clauses), ``indirect:parataxis`` (``…, X said``),
``indirect:fronted`` (content before ``, X said.`` found by position),
``indirect:xcomp`` (``urged X to …``), ``indirect:object`` (``denied the
claims``, ``called for a truce``, ``spoke about …``, ``called X "Y"``),
``indirect:headline`` (a title-cased ``…, X Says`` headline parsed as a name),
``indirect:noun`` (a report noun and its clause: ``Trump's claim that …``),
``indirect:interrupted`` (the lead of a content its cue interrupts: ``The
museum, he said, would …``),
``according-to``, ``mixed:<the indirect rule>``, and ``mixed:direct:cue-before``
(a quoted fragment after its cue that the sentence runs on from: ``reported
"2,521 incidents" in the city``).
"""

from __future__ import annotations

from .attributions import Attribution, find_attributions
from .marks import MarkSpan, find_quote_spans
from .quotes import extract_quotes
from .tree import is_tree

# is_tree: the content-boundary tests check their hand-written parses with it
__all__ = ["Attribution", "MarkSpan", "extract_quotes", "find_attributions", "find_quote_spans", "is_tree"]
