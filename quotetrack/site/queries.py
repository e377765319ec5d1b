"""Reading the databases: which of Datasette's databases are quotetrack's,
which one holds a record, whether the visitor may see it, and the SQL the
pages share. The site only reads."""

from __future__ import annotations

import json

# the tables and columns the pages read; a database without them is left alone
REQUIRED = {
    "quotes": {"id", "article_id", "text", "start_char", "end_char", "status", "superseded_by"},
    "articles": {"id", "text", "title", "publisher", "date", "status"},
    "speakers": {"id", "name"},
    "outlets": {"id", "name"},
}

# a quote with its article, publisher and intermediary, as the lists on every page show it
QUOTE_LIST_SQL = """
select q.id, q.kind, q.text, q.status, q.cue, q.cue_lemma, q.speaker_id, q.speaker_name,
       q.speaker_role, q.speaker_resolution, q.via_outlet_id, v.name as via_name, q.via_how, q.first_hand,
       q.utterance_id, q.confidence, q.start_char, q.placement, q.pull_quote_of, q.wording,
       a.id as article_id, a.title as article_title, a.publisher, a.publisher_id,
       coalesce(p.name, a.publisher) as publisher_name, a.date
from quotes q
join articles a on a.id = q.article_id
left join outlets p on p.id = a.publisher_id
left join outlets v on v.id = q.via_outlet_id
"""
QUOTE_ORDER = " order by a.date is null, a.date, a.doc, q.start_char"


async def is_quotetrack_db(db) -> bool:
    """Whether ``db`` has the quotetrack tables.

    A yes is remembered on the database object; a no is checked again on a
    mutable database, which an ingest may be creating while Datasette serves it.
    """
    known = getattr(db, "_quotetrack_ok", None)
    if known is not None:
        return known
    ok = True
    try:
        tables = set(await db.table_names())
        for table, columns in REQUIRED.items():
            if table not in tables or not columns <= set(await db.table_columns(table)):
                ok = False
                break
    except Exception:
        ok = False
    if ok or not db.is_mutable:
        db._quotetrack_ok = ok
    return ok


def databases(datasette):
    """Every database Datasette serves, but its own ``_internal``."""
    return [db for name, db in datasette.databases.items() if name != "_internal"]


async def quotetrack_databases(datasette):
    return [db for db in databases(datasette) if await is_quotetrack_db(db)]


async def find_database(datasette, table: str, record_id: str):
    """The first quotetrack database with a row ``record_id`` in ``table``."""
    for db in await quotetrack_databases(datasette):
        rows = await db.execute(f"select 1 from [{table}] where id = ? limit 1", [record_id])
        if rows.first() is not None:
            return db
    return None


async def find_redirect(datasette, kind: str, record_id: str) -> str | None:
    """The record a retired speaker, outlet or utterance ID leads to (``entity_redirects``)."""
    for db in await quotetrack_databases(datasette):
        if "entity_redirects" not in await db.table_names():
            continue  # a database from before entity IDs were redirected
        row = (await db.execute("select new_id from entity_redirects where old_id = ? and kind = ?",
                                [record_id, kind])).first()
        if row is not None:
            return row[0]
    return None


async def can_view(datasette, request, database: str, table: str) -> bool:
    visible, _ = await datasette.check_visibility(
        request.actor if request else None,
        permissions=[("view-table", (database, table)), ("view-database", database), "view-instance"],
    )
    return visible


async def one(db, sql, params=()) -> dict | None:
    row = (await db.execute(sql, list(params))).first()
    return dict(row) if row is not None else None


async def every(db, sql, params=()) -> list[dict]:
    return [dict(r) for r in (await db.execute(sql, list(params))).rows]


async def one_for(db, sql, value) -> dict | None:
    """The first row of ``sql`` for the one parameter ``value``; None when ``value`` is null."""
    return await one(db, sql, [value]) if value else None


async def current_quotes(db, where: str, params) -> list[dict]:
    """The current quotes matching ``where`` (over QUOTE_LIST_SQL's ``q`` and ``a``), oldest first."""
    return await every(db, f"{QUOTE_LIST_SQL} where {where} and q.status = 'current'{QUOTE_ORDER}", params)


async def applied_corrections(db, record_ids) -> list[dict]:
    """The editorial corrections the last relink applied to these quotes,
    speakers or outlets, in the order made (none in a database from before
    corrections were kept)."""
    wanted = sorted({r for r in record_ids if r})
    if not wanted or "corrections" not in await db.table_names():
        return []
    return await every(
        db, "select id, target_id, field, value, original, note, who, made_at, applies_to from corrections "
            f"where state = 'applied' and applies_to in ({', '.join('?' * len(wanted))}) order by id", wanted)


async def by_id(db, table: str, record_id) -> dict | None:
    """The row ``record_id`` of ``table``, or None (also for a null ID)."""
    return await one_for(db, f"select * from [{table}] where id = ?", record_id)


def aliases(value) -> list[str]:
    """A stored JSON list of aliases; anything else reads as none."""
    try:
        result = json.loads(value or "[]")
    except (TypeError, ValueError):
        return []
    return [str(a) for a in result] if isinstance(result, list) else []


async def collection_facts(db) -> dict:
    """What the about page says of one database: its counts, whether it publishes
    excerpts only (``quotetrack publish --excerpts``), and a quote to cite as an example."""
    counts = await one(db, "select (select count(*) from quotes where status = 'current') as quotes, "
                           "(select count(*) from articles where status = 'current') as articles, "
                           "(select count(*) from speakers) as speakers, (select count(*) from outlets) as outlets")
    excerpts_only = "excerpts_only" in await db.table_columns("articles") and bool(
        (await one(db, "select exists (select 1 from articles where excerpts_only = 1) as e"))["e"])
    example = await one(db, "select id from quotes where status = 'current' order by id limit 1")
    return {**counts, "excerpts_only": excerpts_only, "example_quote_id": example["id"] if example else None}
