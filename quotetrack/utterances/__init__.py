"""Utterances: the quotes, in one article or many, that report one statement.

``wording`` compares two wordings of a statement.
"""

from .wording import group_utterances, same_utterance

__all__ = ["group_utterances", "same_utterance"]
