"""quotetrack: quote attribution and provenance tracking for news.

The package mirrors the data flow: :mod:`corpus` -> :mod:`parse` ->
:mod:`extract` -> :mod:`resolve` -> :mod:`store` -> :mod:`publish`, driven by
:mod:`pipeline` and the click CLI in :mod:`cli`.
"""

__version__ = "0.1.0"
