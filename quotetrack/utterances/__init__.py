"""Utterances: the quotes, in one article or many, that report one statement.

The flow: :mod:`.placement` marks, in each article, where a quote stands
(headline, lede, body) and which quotes are pull quotes; :mod:`.embed` gives
each quote text its MiniLM vector (stored, so never computed twice);
:mod:`.grouping` groups the quotes of the corpus into utterances, with
:mod:`.speakers` (whose statement), :mod:`.candidates` (which pairs to
compare), :mod:`.wording` (how two wordings compare) and :mod:`.timeline`
(which report came first); :mod:`.reuse` finds republished copies.
"""

from .grouping import Grouping, group_utterances, same_statement
from .placement import mark_statements
from .timeline import When
from .wording import compare_wordings, same_utterance

__all__ = ["Grouping", "When", "compare_wordings", "group_utterances", "mark_statements",
           "same_statement", "same_utterance"]
