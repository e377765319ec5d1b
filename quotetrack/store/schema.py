"""The database schema: numbered migrations, applied in order, each once.

An existing database upgrades in place when it is opened (:func:`migrate`).
"""

from __future__ import annotations

import datetime as dt
from typing import Callable

import sqlite_utils

CONTEXT_CHARS = 300  # characters of article text either side of a quote in quote_context


def _migration_1(db: sqlite_utils.Database) -> None:
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


def _migration_2(db: sqlite_utils.Database) -> None:
    """What kind of organisation a speaker is, or of outlet (agency, newspaper, …)."""
    db["speakers"].add_column("kind", str)
    db["outlets"].add_column("kind", str)
    db["speakers"].create_index(["kind"], if_not_exists=True)


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_migration_1, _migration_2]


def migrate(db: sqlite_utils.Database) -> None:
    if "schema_migrations" not in db.table_names():
        db["schema_migrations"].create({"version": int, "applied_at": str}, pk="version")
    done = {r["version"] for r in db.query("select version from schema_migrations")}
    for version, migration in enumerate(MIGRATIONS, start=1):
        if version in done:
            continue
        with db.atomic():
            migration(db)
            db["schema_migrations"].insert({
                "version": version,
                "applied_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            })


def schema_version(db: sqlite_utils.Database) -> int:
    return max((r["version"] for r in db.query("select version from schema_migrations")), default=0)
