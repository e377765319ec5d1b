"""Reading the databases: which of Datasette's databases are quotetrack's,
which one holds a record, whether the visitor may see it, and the SQL the
pages share. The site only reads."""

from __future__ import annotations

import json

from ..store.schema import QUOTE_SEARCH_COLUMNS

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


# -- search (the FTS5 indexes of migration 009; quotetrack/search.py folds the words) --

#: bm25 weights of those columns: the quote's words are in the first two, so a word of the
#: quote counts twice a name of its attribution (and a word found only by its hyphen once)
SEARCH_WEIGHTS = "1.0, 1.0, 1.0"

# the current quotes a MATCH finds, best first, with what matched (highlight() of the columns
# by number, in QUOTE_SEARCH_COLUMNS' order) and the names of their attribution
SEARCH_HITS_SQL = f"""
select q.id, bm25(quotes_fts, {SEARCH_WEIGHTS}) as score,
       highlight(quotes_fts, 0, :open, :close) as marked_text,
       highlight(quotes_fts, 1, :open, :close) as marked_joined,
       highlight(quotes_fts, 2, :open, :close) as marked_attribution,
       q.speaker_name, q.speaker_role, q.cue, s.aliases as speaker_aliases,
       coalesce(v.name, q.via_outlet_local) as via_name, v.aliases as via_aliases,
       coalesce(p.name, a.publisher) as publisher_name, p.aliases as publisher_aliases
from quotes_fts
join quotes q on q.rowid = quotes_fts.rowid
join articles a on a.id = q.article_id
left join speakers s on s.id = q.speaker_id
left join outlets v on v.id = q.via_outlet_id
left join outlets p on p.id = a.publisher_id
where quotes_fts match :match and q.status = 'current'
order by score, q.id
limit :limit
"""
SEARCH_COUNT_SQL = """
select count(*) as n from quotes_fts join quotes q on q.rowid = quotes_fts.rowid
where quotes_fts match :match and q.status = 'current'
"""
# the speakers and outlets whose name or alias a MATCH finds, the most quoted first
SEARCH_SPEAKERS_SQL = """
select s.id, s.name, s.type, s.role, s.aliases,
       (select count(*) from quotes q where q.speaker_id = s.id and q.status = 'current') as quotes
from speakers_fts join speakers s on s.rowid = speakers_fts.rowid
where speakers_fts match :match
order by quotes desc, bm25(speakers_fts), s.name
limit :limit
"""
SEARCH_OUTLETS_SQL = """
select o.id, o.name, o.kind, o.aliases,
       (select count(*) from articles a where a.publisher_id = o.id and a.status = 'current') as articles,
       (select count(*) from quotes q where q.via_outlet_id = o.id and q.status = 'current') as carried
from outlets_fts join outlets o on o.rowid = outlets_fts.rowid
where outlets_fts match :match
order by articles + carried desc, bm25(outlets_fts), o.name
limit :limit
"""


async def has_search(db) -> bool:
    """Whether ``db`` has the search indexes of migration 009 (a database not
    opened by quotetrack since has its older index only)."""
    tables = set(await db.table_names())
    if not {"quotes_fts", "speakers_fts", "outlets_fts"} <= tables:
        return False
    # table_xinfo lists FTS5's hidden columns after the indexed ones
    columns = await db.table_columns("quotes_fts")
    return columns[:len(QUOTE_SEARCH_COLUMNS)] == QUOTE_SEARCH_COLUMNS
