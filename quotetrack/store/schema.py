"""The database schema: numbered migrations, applied in order, each once,
through sqlite-utils' :class:`~sqlite_utils.migrations.Migrations` (recorded in
its ``_sqlite_migrations`` table, set ``quotetrack``).

An existing database upgrades in place when it is opened (:func:`migrate`).
A database made before the migrations moved to sqlite-utils recorded them in
its own ``schema_migrations`` table: those records are carried over (the
migrations are not run twice) and the old table is dropped.
"""

from __future__ import annotations

import sqlite_utils
from sqlite_utils.migrations import Migrations

from ..search import TOKENIZE
from . import search as store_search

CONTEXT_CHARS = 300  # characters of article text either side of a quote in quote_context
#: the quotes' columns indexed by ``quotes_fts`` (migration 009), in this order:
#: the site reads ``highlight()`` of the first two by number
QUOTE_SEARCH_COLUMNS = ["search_text", "search_joined", "search_attribution"]


MIGRATIONS = Migrations("quotetrack")


@MIGRATIONS(name="001_tables")
def _tables(db: sqlite_utils.Database) -> None:
    """Articles, quotes, speakers, outlets, utterances, roles, the ingest log,
    full-text search and the quote_context view."""
    db["outlets"].create(
        {"id": str, "name": str, "type": str, "aliases": str}, pk="id", not_null={"name"}
    )
    db["speakers"].create(
        {"id": str, "name": str, "type": str, "role": str, "aliases": str}, pk="id", not_null={"name"}
    )
    db["articles"].create(
        {
            "id": str, "doc": str, "path": str, "sha256": str, "title": str,
            "publisher_id": str, "publisher": str, "date": str, "url": str,
            "metadata_source": str, "text": str, "ingested_at": str,
            "pipeline_version": str, "models": str,
            "status": str, "superseded_by": str,
        },
        pk="id",
        not_null={"doc", "sha256", "text", "status"},
        foreign_keys=[("publisher_id", "outlets", "id"), ("superseded_by", "articles", "id")],
    )
    db["utterances"].create(
        {
            "id": str, "speaker_id": str, "text": str, "first_quote_id": str,
            "first_date": str, "quote_count": int, "article_count": int, "outlets": str,
        },
        pk="id",
        foreign_keys=[("speaker_id", "speakers", "id")],
    )
    db["quotes"].create(
        {
            "id": str, "article_id": str, "kind": str, "text": str,
            "start_char": int, "end_char": int,
            "speaker_id": str, "speaker_name": str, "speaker_local": str,
            "speaker_role": str, "speaker_type": str,
            "speaker_mention": str, "speaker_start": int, "speaker_end": int,
            "speaker_resolution": str,
            "cue": str, "cue_lemma": str, "cue_start": int, "cue_end": int,
            "via_outlet_id": str, "via_outlet_mention": str, "via_start": int, "via_end": int,
            "sentence_start": int, "sentence_end": int,
            "rule": str, "confidence": float, "continues": str,
            "utterance_id": str, "status": str, "superseded_by": str,
        },
        pk="id",
        not_null={"article_id", "kind", "text", "start_char", "end_char", "status"},
        foreign_keys=[
            ("article_id", "articles", "id"),
            ("speaker_id", "speakers", "id"),
            ("via_outlet_id", "outlets", "id"),
            ("utterance_id", "utterances", "id"),
        ],
    )
    db["speaker_roles"].create(
        {"speaker_id": str, "role": str, "article_id": str},
        pk=("speaker_id", "role", "article_id"),
        foreign_keys=[("speaker_id", "speakers", "id"), ("article_id", "articles", "id")],
    )
    db["ingest_log"].create(
        {"id": int, "run_at": str, "path": str, "status": str, "message": str}, pk="id"
    )
    for table, columns in {
        "articles": [["doc"], ["sha256"], ["publisher_id"], ["date"], ["status"], ["superseded_by"]],
        "quotes": [["article_id"], ["speaker_id"], ["via_outlet_id"], ["utterance_id"],
                   ["kind"], ["cue_lemma"], ["status"], ["superseded_by"]],
        "utterances": [["speaker_id"], ["first_quote_id"]],
        "speaker_roles": [["article_id"]],
        "ingest_log": [["run_at"], ["status"]],
        "speakers": [["type"]],
    }.items():
        for cols in columns:
            db[table].create_index(cols, if_not_exists=True)
    db["quotes"].enable_fts(["text", "speaker_name", "cue"], create_triggers=True)
    db["articles"].enable_fts(["title", "text"], create_triggers=True)
    db.create_view(
        "quote_context",
        f"""
        select q.id, q.kind, q.text, q.speaker_name, q.speaker_role, q.cue,
               a.title as article, a.publisher, a.date,
               substr(a.text, q.sentence_start + 1, q.sentence_end - q.sentence_start) as sentence,
               substr(a.text, max(1, q.start_char + 1 - {CONTEXT_CHARS}),
                      min(q.start_char, {CONTEXT_CHARS})) as before,
               substr(a.text, q.end_char + 1, {CONTEXT_CHARS}) as after,
               q.article_id, q.speaker_id, q.via_outlet_id, q.utterance_id
        from quotes q join articles a on a.id = q.article_id
        where q.status = 'current'
        """,
    )


@MIGRATIONS(name="002_kinds")
def _kinds(db: sqlite_utils.Database) -> None:
    """What kind of organisation a speaker is, or of outlet (agency, newspaper, …)."""
    db["speakers"].add_column("kind", str)
    db["outlets"].add_column("kind", str)
    db["speakers"].create_index(["kind"], if_not_exists=True)




@MIGRATIONS(name="003_local_columns")
def _local_columns(db: sqlite_utils.Database) -> None:
    """What the article alone says of a quote, kept beside what corpus linking
    made of it (as ``speaker_local`` beside ``speaker_name``), so that a stored
    quote reads back exactly as it was analysed: the outlet it came through as
    its article names it (``state TV`` after ``Syria's state TV`` -> ``Syria's
    state TV``), and its speaker's type and resolution (linking can resolve
    ``the Russian deputy foreign minister`` to a person named elsewhere)."""
    for column in ("via_outlet_local", "speaker_type_local", "speaker_resolution_local"):
        db["quotes"].add_column(column, str)


@MIGRATIONS(name="004_parses")
def _parses(db: sqlite_utils.Database) -> None:
    """Each article's parse, stored once per text and set of models, so that new
    rules or word lists re-analyse without parsing again; the articles' version
    column names what it records, the analysis (rules and word lists)."""
    db["parses"].create(
        {"sha256": str, "models_key": str, "models": str, "conllu_zlib": bytes,
         "words": int, "parsed_at": str},
        pk=("sha256", "models_key"),
        not_null={"conllu_zlib"},
    )
    db.execute("alter table articles rename column pipeline_version to analysis_version")
    db["articles"].add_column("models_key", str)


@MIGRATIONS(name="005_entity_redirects")
def _entity_redirects(db: sqlite_utils.Database) -> None:
    """Retired speaker and outlet IDs, each to the entity that took over its
    quotes (IDs derive from canonical names, which can change)."""
    db["entity_redirects"].create(
        {"old_id": str, "new_id": str, "kind": str, "since": str},
        pk="old_id", not_null={"new_id", "kind"},
    )
    db["entity_redirects"].create_index(["new_id"], if_not_exists=True)


@MIGRATIONS(name="006_channels")
def _channels(db: sqlite_utils.Database) -> None:
    """The channel of each quote: how its outlet was found (``via_how``: named,
    carried or speaker; ``via_start``/``via_end`` are then where the outlet is
    named, for a carried channel in an earlier sentence) and whether it is the
    article's publisher (``first_hand``: 1, 0, or null when no channel is known).
    Rows stored before had only named channels."""
    db["quotes"].add_column("via_how", str)
    db["quotes"].add_column("first_hand", int)
    db.execute("update quotes set via_how = 'named' where via_outlet_mention is not null")
    db.execute("""update quotes set first_hand = (via_outlet_id =
                  (select publisher_id from articles where articles.id = quotes.article_id))
                  where via_outlet_id is not null""")
    db["quotes"].create_index(["via_how"], if_not_exists=True)


@MIGRATIONS(name="007_statements")
def _statements(db: sqlite_utils.Database) -> None:
    """Utterances that follow the statement: where a quote stands in its article
    (``placement``: headline, lede, body), the quote it is the next piece of in
    one quotation (``piece_of``), the body quote a pull quote repeats
    (``pull_quote_of``), how a direct quote's wording compares with the same
    statement's elsewhere (``wording``, and ``wording_pairs`` with the word
    diff); each quote text's MiniLM vector, once per text and encoder
    (``quote_vectors``); the articles' publication time (``published``,
    ``date_precision``); republished copies (``article_reuse``, found from each
    article's shingles and MinHash signature, ``article_signatures``); and per
    utterance its anchor, its first reports (ties: several) and its reports."""
    for column in ("placement", "piece_of", "pull_quote_of", "wording"):
        db["quotes"].add_column(column, str)
    db.execute("update quotes set placement = 'body' where placement is null")
    db["quotes"].create_index(["wording"], if_not_exists=True)
    db["quotes"].create_index(["pull_quote_of"], if_not_exists=True)
    db["articles"].add_column("published", str)
    db["articles"].add_column("date_precision", str)
    db.execute("update articles set published = date, date_precision = 'day' where date is not null")
    for column, kind in (("anchor_quote_id", str), ("first_quote_ids", str), ("report_count", int)):
        db["utterances"].add_column(column, kind)
    db["quote_vectors"].create(
        {"text_sha256": str, "encoder": str, "vector": bytes},
        pk=("text_sha256", "encoder"), not_null={"vector"},
    )
    db["wording_pairs"].create(
        {"quote_id": str, "other_id": str, "utterance_id": str, "wording": str, "edits": str},
        pk=("quote_id", "other_id"),
    )
    db["wording_pairs"].create_index(["utterance_id"], if_not_exists=True)
    db["wording_pairs"].create_index(["wording"], if_not_exists=True)
    db["article_reuse"].create(
        {"article_id": str, "source_id": str, "share": float, "source_share": float,
         "direction_known": int},
        pk=("article_id", "source_id"),
    )
    db["article_reuse"].create_index(["source_id"], if_not_exists=True)
    db["article_signatures"].create(
        {"article_id": str, "version": str, "shingles": bytes, "signature": bytes},
        pk="article_id", not_null={"version", "shingles"},
    )


@MIGRATIONS(name="008_quote_list")
def _quote_list(db: sqlite_utils.Database) -> None:
    """What the quotes table is read by: each quote carries its article's
    publisher (``publisher_id``, an outlet) and date, indexed, so the table
    sorts and facets on them without a join at any size; ``hidden`` says why a
    quote is left out of the default views (its rule's measured precision is
    low), from ``rules``: each extraction rule's precision as measured; the
    ``quote_context`` view names the publisher by its outlet."""
    # a plain ALTER TABLE keeps the quotes table (and its full-text triggers) as
    # it is; sqlite-utils' add_column(fk=) would rebuild it
    db.execute("alter table quotes add column publisher_id text references outlets(id)")
    db["quotes"].add_column("date", str)
    db["quotes"].add_column("hidden", str)
    db.execute("""update quotes set (publisher_id, date) =
                  (select a.publisher_id, a.date from articles a where a.id = quotes.article_id)""")
    for column in ("publisher_id", "date", "hidden", "rule"):
        db["quotes"].create_index([column], if_not_exists=True)
    db["rules"].create(
        {"rule": str, "precision": float, "right": int, "wrong": int, "not_speech": int,
         "measured_on": str, "hidden": str},
        pk="rule",
    )
    db.execute("drop view if exists quote_context")
    db.create_view("quote_context", _quote_context_sql())


def _quote_context_sql() -> str:
    return f"""
        select q.id, q.kind, q.text, q.speaker_name, q.speaker_role, q.cue,
               a.title as article, coalesce(p.name, a.publisher) as publisher, q.date,
               substr(a.text, q.sentence_start + 1, q.sentence_end - q.sentence_start) as sentence,
               substr(a.text, max(1, q.start_char + 1 - {CONTEXT_CHARS}),
                      min(q.start_char, {CONTEXT_CHARS})) as before,
               substr(a.text, q.end_char + 1, {CONTEXT_CHARS}) as after,
               q.article_id, q.speaker_id, q.publisher_id, q.via_outlet_id, q.utterance_id
        from quotes q join articles a on a.id = q.article_id
        left join outlets p on p.id = q.publisher_id
        where q.status = 'current'
        """


@MIGRATIONS(name="009_search")
def _search(db: sqlite_utils.Database) -> None:
    """Search that folds words as :mod:`quotetrack.search` does, tokenized by
    ``porter unicode61 remove_diacritics 2`` (stems, no case or accents): the
    quotes' index moves from their raw text, speaker and cue to ``search_text``
    (the quote's words, hyphenated ones split), ``search_joined`` (joined:
    ``ceasefire``) and ``search_attribution`` (speaker and aliases, role,
    intermediary and publisher with their aliases, reporting verb); speakers
    and outlets get an index of their names and aliases (``search_names``);
    the articles' index of title and text is rebuilt with the same tokenizer.
    Existing rows are filled here."""
    db["quotes"].disable_fts()
    for column in QUOTE_SEARCH_COLUMNS:
        db["quotes"].add_column(column, str)
    for table in ("speakers", "outlets"):
        db[table].add_column("search_names", str)
    store_search.refresh_texts(db)
    store_search.refresh_attribution(db)
    store_search.refresh_entities(db)
    db["quotes"].enable_fts(QUOTE_SEARCH_COLUMNS, tokenize=TOKENIZE, create_triggers=True)
    _index_only_search_updates(db)
    for table in ("speakers", "outlets"):
        db[table].enable_fts(["search_names"], tokenize=TOKENIZE, create_triggers=True)
    db["articles"].enable_fts(["title", "text"], tokenize=TOKENIZE, create_triggers=True, replace=True)


def _index_only_search_updates(db: sqlite_utils.Database) -> None:
    """Re-index a quote when its search columns change, not on every update:
    linking rewrites every current quote's links, which the index does not hold."""
    columns = ", ".join(QUOTE_SEARCH_COLUMNS)
    old = ", ".join(f"old.{c}" for c in QUOTE_SEARCH_COLUMNS)
    new = ", ".join(f"new.{c}" for c in QUOTE_SEARCH_COLUMNS)
    db.execute("drop trigger quotes_au")
    db.execute(f"""create trigger quotes_au after update of {columns} on quotes begin
      insert into quotes_fts (quotes_fts, rowid, {columns}) values ('delete', old.rowid, {old});
      insert into quotes_fts (rowid, {columns}) values (new.rowid, {new});
    end""")


@MIGRATIONS(name="010_corrections")
def _corrections(db: sqlite_utils.Database) -> None:
    """Editorial corrections (``corrections``): a quote's speaker, role or that
    it is no quote, a speaker's or outlet's name; who made each, when and why,
    and whether it was withdrawn. Every relink applies the active ones and
    records how each stands (``state``: applied, overridden, withdrawn, stale),
    the record it applies to (``applies_to``: a quote that took a corrected
    one's place) and the value the analysis had given (``original``). A quote
    corrected as none has the status ``rejected``. The role the article gives a
    speaker is kept apart (``speaker_role_local``) from the one shown
    (``speaker_role``), which a corrected speaker or role changes."""
    db["corrections"].create(
        {"id": int, "target_id": str, "field": str, "value": str, "note": str, "who": str, "made_at": str,
         "withdrawn_at": str, "withdrawn_by": str, "state": str, "applies_to": str, "original": str},
        pk="id", not_null={"target_id", "field", "who", "made_at"},
    )
    for column in ("target_id", "applies_to", "state"):
        db["corrections"].create_index([column], if_not_exists=True)
    db["quotes"].add_column("speaker_role_local", str)
    db.execute("update quotes set speaker_role_local = speaker_role")


#: migrations recorded by the hand-rolled runner this replaced (``schema_migrations``
#: version -> migration name)
_LEGACY = {1: "001_tables", 2: "002_kinds"}


def migrate(db: sqlite_utils.Database) -> None:
    """Bring the database up to the current schema (in place)."""
    if "schema_migrations" in db.table_names():
        _adopt_legacy(db)
    MIGRATIONS.apply(db)


def _adopt_legacy(db: sqlite_utils.Database) -> None:
    with db.atomic():
        MIGRATIONS.ensure_migrations_table(db)
        recorded = {m.name for m in MIGRATIONS.applied(db)}
        for row in db.query("select version, applied_at from schema_migrations order by version"):
            name = _LEGACY.get(row["version"])
            if name and name not in recorded:
                db[MIGRATIONS.migrations_table].insert(
                    {"migration_set": MIGRATIONS.name, "name": name, "applied_at": row["applied_at"]})
        db["schema_migrations"].drop()


def applied_migrations(db: sqlite_utils.Database) -> list[str]:
    """Names of the migrations applied to ``db``, in order."""
    return [m.name for m in MIGRATIONS.applied(db)]


def pending_migrations(db: sqlite_utils.Database) -> list[str]:
    """Names of the migrations ``db`` still lacks."""
    return [m.name for m in MIGRATIONS.pending(db)]


@MIGRATIONS(name="012_formats")
def _formats(db: sqlite_utils.Database) -> None:
    """Articles from saved pages, JSON lines, CSV and web archives: each
    article's ``author`` and ``crawl_date`` (when a web archive's crawler
    fetched it, UTC; never a publication date); and ``input_files``, what each
    input file was like when it was last read whole without an error (size,
    modification time, SHA-256, its folder's sidecar, the analysis and models),
    so that a re-run skips an unchanged file without reading it."""
    db["articles"].add_column("author", str)
    db["articles"].add_column("crawl_date", str)
    db["input_files"].create(
        {"name": str, "path": str, "format": str, "size": int, "mtime_ns": int, "sha256": str,
         "sidecar_sha256": str, "analysis_version": str, "models_key": str, "records": int,
         "articles": int, "skipped": int, "read_at": str},
        pk="name", not_null={"sha256"},
    )
