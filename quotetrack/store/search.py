"""The search columns the store keeps beside the records (the words are folded
by :mod:`quotetrack.search`; the FTS5 tables over them are migration 009's):

* a quote's ``search_text`` and ``search_joined``, from its words, are part of
  its row (:func:`quotetrack.store.rows.quote_row`);
* its ``search_attribution`` (speaker and aliases, role, intermediary and
  publisher with their aliases, reporting verb) changes when corpus linking
  names its entities: :func:`refresh_attribution` after a write and a relink;
* a speaker's or outlet's ``search_names`` (name and aliases): :func:`entity_names`.
"""

from __future__ import annotations

import json

import sqlite_utils

from .. import search

# a quote with the names its attribution column is made of
ATTRIBUTION_SQL = """
select q.rowid as quote_rowid, q.speaker_name, q.speaker_role, q.cue, q.search_attribution,
       s.aliases as speaker_aliases, coalesce(v.name, q.via_outlet_local) as via_name,
       v.aliases as via_aliases, coalesce(p.name, a.publisher) as publisher_name,
       p.aliases as publisher_aliases
from quotes q
join articles a on a.id = q.article_id
left join speakers s on s.id = q.speaker_id
left join outlets v on v.id = q.via_outlet_id
left join outlets p on p.id = a.publisher_id
"""


def attribution_of(row: dict) -> str:
    """The ``search_attribution`` of a row of :data:`ATTRIBUTION_SQL`."""
    return search.attribution_text(search.attribution_parts(
        speaker=row["speaker_name"], speaker_aliases=_aliases(row["speaker_aliases"]), role=row["speaker_role"],
        via=row["via_name"], via_aliases=_aliases(row["via_aliases"]), publisher=row["publisher_name"],
        publisher_aliases=_aliases(row["publisher_aliases"]), cue=row["cue"]))


def refresh_attribution(db: sqlite_utils.Database, where: str = "1", params=()) -> int:
    """Recompute the ``search_attribution`` of the quotes matching ``where``
    (over ``q``, ``a``); only the changed ones are written. Returns how many."""
    changed = []
    for row in db.query(f"{ATTRIBUTION_SQL} where {where}", list(params)):
        value = attribution_of(row)
        if value != row["search_attribution"]:
            changed.append((value, row["quote_rowid"]))
    db.conn.executemany("update quotes set search_attribution = ? where rowid = ?", changed)
    return len(changed)


def refresh_texts(db: sqlite_utils.Database) -> None:
    """Recompute every quote's ``search_text`` and ``search_joined`` from its words."""
    rows = [(*search.text_columns(r["text"]), r["rowid"]) for r in db.query("select rowid, text from quotes")]
    db.conn.executemany("update quotes set search_text = ?, search_joined = ? where rowid = ?", rows)


def entity_names(name: str, aliases) -> str:
    """A speaker's or outlet's ``search_names``: its name and aliases."""
    return search.names_text([name, *aliases])


def refresh_entities(db: sqlite_utils.Database) -> None:
    """Recompute every speaker's and outlet's ``search_names``."""
    for table in ("speakers", "outlets"):
        rows = [(entity_names(r["name"], _aliases(r["aliases"])), r["rowid"])
                for r in db.query(f"select rowid, name, aliases from {table}")]
        db.conn.executemany(f"update {table} set search_names = ? where rowid = ?", rows)


def _aliases(value: str | None) -> list[str]:
    """A stored JSON list of aliases (the store writes them; null reads as none)."""
    return [str(a) for a in json.loads(value)] if value else []
