"""Honest quotation marks on display: only a speaker's own words between marks.

A direct quote is shown in quotation marks, without the comma that closed it
in the sentence (`"…," he said`); reported speech (indirect) is shown as
reported speech, with no marks at all (``The Kremlin said that …``,
``According to state media, …``); a mixed quote keeps only its own inner marks.
Display only: the stored text, its offsets and the quote's ID never change.
"""

from __future__ import annotations

import re

#: what closes a quoted sentence before its attribution: ``"…," he said``
_TRAILING = re.compile(r"[\s,;:]+$")
#: contents that take no "that" after the cue ("to continue fighting", "that …")
_NO_THAT = re.compile(r"(?i)^(?:that|whether|if|to|how|what|why|when|where|who)\b")
#: rules whose content is a clause after its cue: "said [that] …"
_CLAUSE_RULES = ("ccomp", "parataxis", "fronted", "interrupted", "xcomp")


def shown(text: str, kind: str) -> str:
    """The quote's words as a list or a citation shows them."""
    words = (text or "")[:shown_end(text)]
    return f"“{words}”" if kind == "direct" else words


def shown_end(text: str) -> int:
    """Where the words shown of a quote end: before what closed it in its sentence."""
    return len(_TRAILING.sub("", text or ""))


def reported(text: str, kind: str, speaker: str | None, cue: str | None, rule: str | None = None) -> str:
    """A heading that says who said what: a direct quote in marks; reported
    speech as a sentence of reported speech, without marks of its own."""
    if kind == "direct":
        return shown(text, kind)
    words = _TRAILING.sub("", text or "")
    who = speaker or "An unidentified speaker"
    if (rule or "").endswith("according-to"):
        return f"According to {who}, {words}"
    verb = cue or "said"
    clause = any((rule or "").endswith(r) for r in _CLAUSE_RULES)
    that = "that " if clause and not _NO_THAT.match(words) and not verb.endswith(("that", "as saying")) else ""
    return f"{who} {verb} {that}{words}"


def titled(text: str, kind: str, speaker: str | None, cue: str | None, rule: str | None = None) -> str:
    """A quote as a title that stands on its own (a feed entry's): a direct quote
    in marks with its speaker after it, reported speech as :func:`reported` says it."""
    heading = reported(text, kind, speaker, cue, rule)
    return f"{heading} — {speaker or 'unidentified speaker'}" if kind == "direct" else heading
