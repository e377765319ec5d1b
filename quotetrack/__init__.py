"""quotetrack: quote attribution and provenance tracking for news.

The package mirrors the data flow: :mod:`corpus` -> :mod:`parse` ->
:mod:`extract` -> :mod:`resolve` -> :mod:`utterances` -> :mod:`store` ->
:mod:`site` (and :mod:`export`), driven by :mod:`pipeline` and the click CLI
in :mod:`cli`; :mod:`training` stands apart.
"""

__version__ = "0.1.0"
