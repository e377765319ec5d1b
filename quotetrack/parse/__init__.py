"""Parsing: article text -> :class:`~quotetrack.records.ParsedDoc`.

* :mod:`.parser` - the Stanza pipeline run over an article's paragraphs
  (:class:`Parser`), with sentences the tokenizer cut short joined again;
* :mod:`.models` - run-time loading of the bundled (or Stanza's official)
  models, offline, with :mod:`.features` (MiniLM features shared by the tagger
  and the parser) and :mod:`.decode` (fast exact tree decoding);
* :mod:`.conllu` - CoNLL-U in and out: exact fixtures, stored parses;
* :mod:`.geometry` - paragraphs and sentence bounds, computed once per article.

Training lives apart, in :mod:`quotetrack.training`.
"""

from .conllu import from_conllu, read_conllu, to_conllu
from .geometry import paragraph_spans
from .parser import Parser

__all__ = ["Parser", "from_conllu", "paragraph_spans", "read_conllu", "to_conllu"]
