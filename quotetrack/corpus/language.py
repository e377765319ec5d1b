"""Whether a text is in English, with py3langid (langid.py's maintained fork:
a naive Bayes model over byte n-grams, trained on 97 languages, shipped with
the package; no download).

The rules read English only, so a record or page in another language is no
article for quotetrack and is skipped. Only a confident verdict skips: the
text must be long enough to judge (:data:`MIN_LETTERS`; its first
:data:`SAMPLE_CHARS` characters are judged) and the identifier sure
of another language (:data:`CONFIDENCE`); a short or mixed text is kept.
"""

from __future__ import annotations

import re
from functools import cache

MIN_LETTERS = 60  # fewer letters than this: too short to judge, kept
CONFIDENCE = 0.9  # how sure of another language the identifier must be to skip
SAMPLE_CHARS = 1500  # the start of a long text is enough to judge it (and cheaper)
_LETTERS_RE = re.compile(r"[^\W\d_]+")


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def other_language(text: str) -> str | None:
    """The language code of ``text`` when it is confidently not English, else None."""
    sample = text[:SAMPLE_CHARS]
    if sum(map(len, _LETTERS_RE.findall(sample))) < MIN_LETTERS:
        return None
    language, probability = _identifier().classify(sample)
    if language != "en" and probability >= CONFIDENCE:
        return language
    return None
