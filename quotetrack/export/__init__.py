"""Getting the results out: :mod:`.jsonl` (the quote's JSON shape, written by
``quotetrack extract``) and :mod:`.deploy` (``quotetrack publish``: a read-only,
immutable copy of the database for Datasette)."""
