"""The quote database (SQLite, written with sqlite-utils): the one place for SQL.

* :mod:`.db` - :class:`Store` and :func:`open_store`: articles, their stored
  parses, quotes, entities, the ingest log;
* :mod:`.schema` - the numbered migrations (sqlite-utils ``Migrations``);
* :mod:`.rows` - records and their rows, both ways;
* :mod:`.published` - turning a published copy into an excerpts-only one.
"""

from .db import Store, open_store
from .rows import quote_row, row_to_article, row_to_linked, row_to_resolved
from .schema import MIGRATIONS, applied_migrations, pending_migrations

__all__ = ["MIGRATIONS", "Store", "applied_migrations", "open_store", "pending_migrations",
           "quote_row", "row_to_article", "row_to_linked", "row_to_resolved"]
