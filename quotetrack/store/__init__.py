"""The quote database (SQLite, written with sqlite-utils): the one place for SQL.

* :mod:`.db` - :class:`Store` and :func:`open_store`: articles, quotes,
  entities, the ingest log;
* :mod:`.schema` - the numbered migrations;
* :mod:`.rows` - a quote's row, both ways.
"""

from .db import Store, open_store
from .rows import quote_row, row_to_resolved
from .schema import MIGRATIONS, schema_version

__all__ = ["MIGRATIONS", "Store", "open_store", "quote_row", "row_to_resolved", "schema_version"]
