"""The quote database (SQLite, written with sqlite-utils).

Schema changes are the numbered migrations of :mod:`.schema`.
Each article is written in one transaction (its row, its quotes), so an ingest
killed at any moment leaves whole articles only; the corpus-wide tables
(speakers, outlets, utterances) are rebuilt in one transaction at the end of
every ingest from the quotes stored. The database runs in WAL mode so that
Datasette can read while an ingest writes.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import Iterable

import sqlite_utils

from ..errors import StoreError
from ..parse.models import models_key as parse_models_key
from ..records import Article, Correction, Entity, ParsedDoc, ResolvedQuote
from .redirects import successors, updated_redirects
from .rows import parse_from_row, parse_row, quote_row, row_to_article, row_to_correction
from .schema import migrate
from .search import entity_names, refresh_attribution



#: the quote columns set by linking the corpus (relink), not by analysing its article
CORPUS_LINKS = ("speaker_id", "via_outlet_id", "utterance_id", "publisher_id")


#: an article's metadata columns: a stored article whose text, models and analysis
#: are unchanged is stored again (from its stored parse) when one of them changed
ARTICLE_METADATA = ("title", "publisher", "date", "url", "published", "date_precision", "author",
                    "crawl_date", "metadata_source")


def article_metadata(article: Article) -> dict:
    """An article's values of :data:`ARTICLE_METADATA`, as stored."""
    return {"title": article.title, "publisher": article.publisher, "date": article.date, "url": article.url,
            "published": article.published, "date_precision": article.date_precision,
            "author": article.author, "crawl_date": article.crawl_date,
            "metadata_source": json.dumps(article.provenance, sort_keys=True)}


class Store:
    """A quotetrack database. Open with :func:`open_store`."""

    def __init__(self, db: sqlite_utils.Database, path: str):
        self.db = db
        self.path = path

    # -- articles -----------------------------------------------------------

    def current_article(self, doc: str) -> dict | None:
        rows = list(self.db.query(
            "select id, sha256, analysis_version, models, models_key, "
            f"{', '.join(ARTICLE_METADATA)} from articles where doc = ? and status = 'current'",
            [doc],
        ))
        return rows[0] if rows else None

    def current_articles(self, with_text: bool = False) -> list[Article]:
        """Every current article (``text`` empty unless ``with_text``), in doc order."""
        text = "text" if with_text else "'' as text"
        return [row_to_article(r) for r in self.db.query(
            f"select doc, path, sha256, title, publisher, date, published, date_precision, url, "
            f"author, crawl_date, metadata_source, {text} "
            "from articles where status = 'current' order by doc")]

    def article_versions(self) -> dict[str, dict]:
        """doc -> the analysis version, models and models key of each current article."""
        return {r["doc"]: r for r in self.db.query(
            "select doc, analysis_version, models, models_key from articles where status = 'current'")}

    # -- parses -------------------------------------------------------------

    def stored_parse(self, sha256: str, models_key: str, text: str) -> ParsedDoc | None:
        """The stored parse of the text with ``sha256`` by the models ``models_key``."""
        rows = list(self.db.query(
            "select conllu_zlib from parses where sha256 = ? and models_key = ?", [sha256, models_key]))
        return parse_from_row(rows[0], text) if rows else None

    def _store_parse(self, sha256: str, models_key: str, models: dict, doc: ParsedDoc) -> None:
        self.db["parses"].upsert(parse_row(sha256, models_key, models, doc, _now()),
                                 pk=("sha256", "models_key"))

    def _removed_article(self, doc: str) -> dict | None:
        """The latest version of ``doc`` marked removed (its file came back)."""
        rows = list(self.db.query(
            "select id from articles where doc = ? and status = 'removed' order by ingested_at desc limit 1",
            [doc],
        ))
        return rows[0] if rows else None

    def article_by_sha(self, sha256: str) -> dict | None:
        rows = list(self.db.query(
            "select id, doc from articles where sha256 = ? and status = 'current'", [sha256]
        ))
        return rows[0] if rows else None

    def write_article(
        self,
        article: Article,
        article_id: str,
        quotes: list[ResolvedQuote],
        analysis_version: str,
        models: dict,
        models_key: str | None = None,
        parse: ParsedDoc | None = None,
        vectors: dict[str, bytes] | None = None,
        encoder: str | None = None,
        fingerprint=None,
    ) -> None:
        """Store an article, its quotes, (when given, newly made) its parse and
        the vectors of quote texts not stored before (text key -> bytes, by
        ``encoder``) in one transaction.

        A previous version of the same file is marked superseded; its quotes
        stay resolvable and point to the quote with the same words in the new
        version when there is one.
        """
        now = _now()
        models_key = models_key or parse_models_key(models)
        with self.db.atomic():
            if parse is not None:
                self._store_parse(article.sha256, models_key, models, parse)
            if vectors:
                self.store_vectors(vectors, encoder)
            if fingerprint is not None:
                self.store_fingerprints([fingerprint])
            previous = self.current_article(article.doc) or self._removed_article(article.doc)
            self.db["articles"].upsert(
                {
                    "id": article_id, "doc": article.doc, "path": article.path,
                    "sha256": article.sha256, "title": article.title,
                    "publisher": article.publisher, "date": article.date, "url": article.url,
                    "published": article.published, "date_precision": article.date_precision,
                    "author": article.author, "crawl_date": article.crawl_date,
                    "metadata_source": json.dumps(article.provenance, sort_keys=True),
                    "text": article.text, "ingested_at": now,
                    "analysis_version": analysis_version,
                    "models": json.dumps(models, sort_keys=True), "models_key": models_key,
                    "status": "current", "superseded_by": None,
                },
                pk="id",
            )
            self._replace_quotes(article_id, quotes, article.date)
            if previous and previous["id"] != article_id:
                self._supersede(previous["id"], article_id, quotes)

    def _replace_quotes(self, article_id: str, quotes: list[ResolvedQuote], date: str | None = None) -> None:
        """Store the quotes of an article version, keeping the IDs it had before.

        The same text analysed again (new rules or models) may no longer give a
        quote it gave before: that quote is kept, marked ``revised``, pointing to
        the new quote that overlaps it most (if any), so its ID still resolves.
        """
        new_ids = {q.quote_id for q in quotes}
        old = [r for r in self.db.query(
            f"select id, start_char, end_char, {', '.join(CORPUS_LINKS)} from quotes where article_id = ?",
            [article_id])]
        if new_ids:
            placeholders = ",".join("?" * len(new_ids))
            self.db.execute(f"delete from quotes where article_id = ? and id in ({placeholders})",
                            [article_id, *new_ids])
        # a quote analysed again keeps its corpus-wide links until the relink that
        # follows replaces them: its published utterance ID is kept by them, and the
        # redirects of entities it leaves are made from them
        links = {r["id"]: r for r in old}
        rows = []
        for q in quotes:
            row = quote_row(q, article_id) | {"date": date}
            before = links.get(q.quote_id, {})
            rows.append(row | {k: before[k] for k in CORPUS_LINKS if row.get(k) is None and before.get(k)})
        self.db["quotes"].insert_all(rows, pk="id")
        refresh_attribution(self.db, "q.article_id = ?", [article_id])
        for row in old:
            if row["id"] in new_ids:
                continue
            overlaps = [(min(row["end_char"], q.quote.end_char) - max(row["start_char"], q.quote.start_char),
                         q.quote_id) for q in quotes]
            best = max((o for o in overlaps if o[0] > 0), default=None)
            self.db.execute(
                "update quotes set status = 'revised', superseded_by = ? where id = ?",
                [best[1] if best else None, row["id"]],
            )

    def _supersede(self, old_id: str, new_id: str, new_quotes: list[ResolvedQuote]) -> None:
        by_text = {q.quote.text: q.quote_id for q in new_quotes}
        self.db.execute(
            "update articles set status = 'superseded', superseded_by = ? where id = ?",
            [new_id, old_id],
        )
        for row in list(self.db.query("select id, text from quotes where article_id = ?", [old_id])):
            self.db.execute(
                "update quotes set status = 'superseded', superseded_by = ? where id = ?",
                [by_text.get(row["text"]), row["id"]],
            )

    def remove_missing(self, docs_present: Iterable[str]) -> list[str]:
        """Mark removed the current articles whose files are not in ``docs_present``.

        Their quotes are marked removed too, never deleted: a published quote ID
        keeps resolving. Returns the docs marked.
        """
        present = set(docs_present)
        gone = [r for r in self.db.query("select id, doc from articles where status = 'current'")
                if r["doc"] not in present]
        with self.db.atomic():
            for row in gone:
                self.db.execute("update articles set status = 'removed' where id = ?", [row["id"]])
                self.db.execute("update quotes set status = 'removed' where article_id = ?", [row["id"]])
        return [r["doc"] for r in gone]

    # -- input files --------------------------------------------------------

    def input_file(self, name: str) -> dict | None:
        """What the input file ``name`` was like when it was last read whole without an error."""
        rows = list(self.db.query("select * from input_files where name = ?", [name]))
        return rows[0] if rows else None

    def record_input_file(self, row: dict) -> None:
        self.db["input_files"].upsert(row | {"read_at": _now()}, pk="name")

    def docs_of_input(self, name: str) -> list[str]:
        """The current articles read from the input file ``name``: the file's own
        article (``name``) or its records (``name#…``)."""
        # "name#" <= doc < "name$" ("$" follows "#"): a range on the doc index
        return [r["doc"] for r in self.db.query(
            "select doc from articles where status = 'current' and (doc = ? or (doc >= ? and doc < ?)) "
            "order by doc", [name, name + "#", name + "$"])]

    # -- quote vectors ------------------------------------------------------

    def quote_vectors(self, encoder: str) -> dict[str, bytes]:
        """Text key -> stored vector (bytes) of every quote text encoded by ``encoder``."""
        return {r["text_sha256"]: r["vector"] for r in self.db.query(
            "select text_sha256, vector from quote_vectors where encoder = ?", [encoder])}

    def known_vectors(self, keys: Iterable[str], encoder: str) -> set[str]:
        """Which of the text keys have a vector by ``encoder``."""
        keys = list(keys)
        found: set[str] = set()
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            found |= {r["text_sha256"] for r in self.db.query(
                f"select text_sha256 from quote_vectors where encoder = ? and text_sha256 in "
                f"({','.join('?' * len(chunk))})", [encoder, *chunk])}
        return found

    def store_vectors(self, vectors: dict[str, bytes], encoder: str) -> None:
        self.db["quote_vectors"].insert_all(
            [{"text_sha256": k, "encoder": encoder, "vector": v} for k, v in vectors.items()],
            pk=("text_sha256", "encoder"), ignore=True)

    # -- republished copy ---------------------------------------------------

    def fingerprints(self) -> dict[str, tuple[str, bytes, bytes | None]]:
        """Article ID -> (version, shingles, signature) of the current articles."""
        return {r["article_id"]: (r["version"], r["shingles"], r["signature"]) for r in self.db.query(
            """select s.article_id, s.version, s.shingles, s.signature from article_signatures s
               join articles a on a.id = s.article_id where a.status = 'current'""")}

    def store_fingerprints(self, fingerprints) -> None:
        """Store reuse fingerprints (:class:`quotetrack.utterances.reuse.Fingerprint`)."""
        from ..utterances import reuse

        self.db["article_signatures"].upsert_all(
            [{"article_id": f.article_id, "version": reuse.SIGNATURE_VERSION, "shingles": f.shingles,
              "signature": None if f.signature is None else reuse.signature_to_bytes(f.signature)}
             for f in fingerprints], pk="article_id")

    def write_reuse(self, links) -> None:
        """Replace the republished-copy links (:class:`~quotetrack.utterances.reuse.Reuse`)."""
        with self.db.atomic():
            self.db.execute("delete from article_reuse")
            self.db["article_reuse"].insert_all(
                [{"article_id": r.article, "source_id": r.source, "share": round(r.share, 4),
                  "source_share": round(r.source_share, 4), "direction_known": int(r.direction_known)}
                 for r in links], pk=("article_id", "source_id"))

    # -- corpus-wide tables ---------------------------------------------------

    def current_quotes(self) -> list[dict]:
        """The quotes of the current articles: current, and those an editor
        rejected (``corrections``), which are current but for that."""
        return list(self.db.query(
            """select q.*, a.doc, a.date, a.ingested_at, a.publisher from quotes q
               join articles a on a.id = q.article_id where q.status in ('current', 'rejected')
               order by a.date, a.ingested_at, a.doc, q.start_char"""
        ))

    def quote_successors(self) -> dict[str, str]:
        """Quote ID -> the quote that took its place, for every superseded, revised
        or removed quote that has one (``superseded_by``)."""
        return {r["id"]: r["superseded_by"] for r in self.db.query(
            "select id, superseded_by from quotes where status not in ('current', 'rejected') "
            "and superseded_by is not null")}

    def live_quote_ids(self) -> set[str]:
        """The IDs of the quotes :meth:`current_quotes` gives."""
        return {r["id"] for r in self.db.query("select id from quotes where status in ('current', 'rejected')")}

    def quote(self, quote_id: str) -> dict | None:
        """A quote's row (any status), with its article's doc."""
        rows = list(self.db.query(
            "select q.*, a.doc from quotes q join articles a on a.id = q.article_id where q.id = ?", [quote_id]))
        return rows[0] if rows else None

    def entity(self, entity_id: str) -> dict | None:
        """The speaker (``s-…``) or outlet (``o-…``) row with this ID."""
        table = "outlets" if entity_id.startswith("o-") else "speakers"
        rows = list(self.db.query(f"select * from {table} where id = ?", [entity_id]))
        return rows[0] if rows else None

    def copies(self) -> dict[str, str]:
        """Doc -> the doc it republishes (``article_reuse``), for the current articles."""
        return {r["doc"]: r["source"] for r in self.db.query(
            """select a.doc, s.doc as source from article_reuse r
               join articles a on a.id = r.article_id and a.status = 'current'
               join articles s on s.id = r.source_id and s.status = 'current'
               order by r.share""")}  # the source sharing most wins

    def utterance_ids(self) -> dict[str, str]:
        """quote ID -> published utterance ID, for the current quotes.

        A quote that replaced a superseded one with the same words (its article
        changed) inherits the old quote's utterance ID, so utterance IDs survive
        corrections.
        """
        inherited = {r["superseded_by"]: r["utterance_id"] for r in self.db.query(
            """select superseded_by, utterance_id from quotes where status = 'superseded'
               and superseded_by is not null and utterance_id is not null""")}
        current = {r["id"]: r["utterance_id"] for r in self.db.query(
            "select id, utterance_id from quotes where status = 'current' and utterance_id is not null")}
        return inherited | current

    def write_entities(
        self,
        speakers: list[Entity],
        outlets: list[Entity],
        quotes: list[ResolvedQuote],
        utterances: list[dict],
        publishers: dict[str, str],
        wording_pairs: Iterable[dict] = (),
        hidden: dict[str, str] | None = None,
        rules: Iterable[dict] = (),
        rejected: Iterable[str] = (),
        outcomes: Iterable = (),
    ) -> None:
        """Replace speakers, outlets and utterances (with their wording
        comparisons), and relink every current quote: its entities, its
        article's publisher and date, and why it is hidden from the default views
        (``hidden``: quote ID -> reason, from ``rules``, each precision class as measured);
        mark ``rejected`` the quotes an editor says are none (and current again
        those no longer rejected), and record how each correction stands
        (``outcomes``: :class:`quotetrack.corrections.Outcome`); the quotes' search
        attribution too (the names and aliases of their entities).

        A speaker, outlet or utterance ID that no longer exists redirects to the
        one that took over its quotes (and, for outlets, its articles):
        ``entity_redirects``.
        """
        with self.db.atomic():
            before = self.entity_links()
            self.db.execute("update quotes set status = 'current' where status = 'rejected'")
            # superseded and removed quotes still point at the entities being replaced:
            # foreign keys are checked at commit, after those links are mended below
            self.db.execute("pragma defer_foreign_keys = on")
            self.db.execute("update quotes set speaker_id = null, via_outlet_id = null, utterance_id = null, "
                            "publisher_id = null where status = 'current'")
            self.db.execute("update articles set publisher_id = null where status = 'current'")
            for table in ("speaker_roles", "wording_pairs", "utterances", "speakers", "outlets", "rules"):
                self.db.execute(f"delete from {table}")
            self.db["rules"].insert_all(rules, pk="rule")
            self.db["outlets"].insert_all(
                [{"id": e.entity_id, "name": e.name, "type": e.type, "kind": e.kind,
                  "aliases": json.dumps(list(e.aliases)), "search_names": entity_names(e.name, e.aliases)}
                 for e in outlets], pk="id")
            self.db["speakers"].insert_all(
                [{"id": e.entity_id, "name": e.name, "type": e.type, "kind": e.kind,
                  "role": _main_role(e), "aliases": json.dumps(list(e.aliases)),
                  "search_names": entity_names(e.name, e.aliases)}
                 for e in speakers], pk="id")
            article_ids = {r["doc"]: r["id"] for r in self.db.query(
                "select id, doc from articles where status = 'current'")}
            self.db["speaker_roles"].insert_all(
                [{"speaker_id": e.entity_id, "role": role, "article_id": article_ids.get(doc)}
                 for e in speakers for role, doc in e.roles],
                pk=("speaker_id", "role", "article_id"), ignore=True)
            self.db["utterances"].insert_all(utterances, pk="id")
            self.db["wording_pairs"].insert_all(wording_pairs, pk=("quote_id", "other_id"))
            hidden = hidden or {}
            for q in quotes:
                self.db.execute(
                    """update quotes set speaker_id = ?, speaker_name = ?, speaker_role = ?, speaker_type = ?,
                       speaker_resolution = ?, via_outlet_id = ?, utterance_id = ?, wording = ?,
                       hidden = ? where id = ?""",
                    [q.speaker_id, q.speaker_name, q.speaker_role, q.speaker_type, q.resolution,
                     q.via_outlet_id, q.cluster_id, q.wording, hidden.get(q.quote_id), q.quote_id],
                )
            for quote_id in rejected:  # as the analysis left it, linked to nothing
                self.db.execute(
                    """update quotes set status = 'rejected', speaker_name = speaker_local,
                       speaker_role = speaker_role_local, speaker_type = speaker_type_local,
                       speaker_resolution = speaker_resolution_local, wording = null where id = ?""",
                    [quote_id])
            self._record_outcomes(outcomes)
            for doc, outlet_id in publishers.items():
                self.db.execute("update articles set publisher_id = ? where doc = ? and status = 'current'",
                                [outlet_id, doc])
            # the quote row carries its article's publisher and date, for the table's sort and facets
            self.db.execute("""update quotes set (publisher_id, date) =
                               (select a.publisher_id, a.date from articles a where a.id = quotes.article_id)
                               where status = 'current'""")
            # superseded and removed quotes keep their links where the entity still exists
            for column, table in (("speaker_id", "speakers"), ("via_outlet_id", "outlets"),
                                  ("publisher_id", "outlets"), ("utterance_id", "utterances")):
                self.db.execute(
                    f"update quotes set {column} = null where status != 'current' "
                    f"and {column} is not null and {column} not in (select id from {table})"
                )
            self.db.execute(
                "update articles set publisher_id = null where status != 'current' "
                "and publisher_id not in (select id from outlets)"
            )
            # the entities' names and aliases, as search finds the quotes by them
            refresh_attribution(self.db, "q.status = 'current'")
            self._redirect_retired(before, self.entity_links())

    def entity_links(self) -> dict[str, dict[str, str]]:
        """kind -> (record -> entity ID) for the current quotes and articles."""
        speakers = {r["id"]: r["speaker_id"] for r in self.db.query(
            "select id, speaker_id from quotes where status = 'current' and speaker_id is not null")}
        outlets = {r["id"]: r["via_outlet_id"] for r in self.db.query(
            "select id, via_outlet_id from quotes where status = 'current' and via_outlet_id is not null")}
        outlets.update({r["id"]: r["publisher_id"] for r in self.db.query(
            "select id, publisher_id from articles where status = 'current' and publisher_id is not null")})
        utterances = {r["id"]: r["utterance_id"] for r in self.db.query(
            "select id, utterance_id from quotes where status = 'current' and utterance_id is not null")}
        return {"speaker": speakers, "outlet": outlets, "utterance": utterances}

    def _redirect_retired(self, before: dict, after: dict) -> None:
        for kind, table in (("speaker", "speakers"), ("outlet", "outlets"), ("utterance", "utterances")):
            live = {r["id"] for r in self.db.query(f"select id from {table}")}
            rows = list(self.db.query("select old_id, new_id, since from entity_redirects where kind = ?", [kind]))
            existing = {r["old_id"]: r["new_id"] for r in rows}
            since = {r["old_id"]: r["since"] for r in rows}
            keep = updated_redirects(existing, successors(before[kind], after[kind], live), live)
            self.db.execute("delete from entity_redirects where kind = ?", [kind])
            now = _now()
            self.db["entity_redirects"].insert_all(
                [{"old_id": old, "new_id": new, "kind": kind, "since": since.get(old) or now}
                 for old, new in sorted(keep.items())], pk="old_id")

    def redirects(self) -> dict[str, str]:
        """Every retired speaker, outlet and utterance ID -> the one it leads to."""
        return {r["old_id"]: r["new_id"] for r in self.db.query("select old_id, new_id from entity_redirects")}

    def redirect(self, entity_id: str) -> str | None:
        """The entity a retired speaker, outlet or utterance ID now leads to."""
        rows = list(self.db.query("select new_id from entity_redirects where old_id = ?", [entity_id]))
        return rows[0]["new_id"] if rows else None

    # -- editorial corrections ------------------------------------------------

    def corrections(self) -> list[Correction]:
        """Every correction ever made, withdrawn ones too, in the order made."""
        return [row_to_correction(r) for r in self.db.query("select * from corrections order by id")]

    def correction_states(self) -> dict[int, dict]:
        """Correction number -> how the last relink left it (state, applies_to, original)."""
        return {r["id"]: r for r in self.db.query("select id, state, applies_to, original from corrections")}

    def add_correction(self, target_id: str, field: str, value: str | None, note: str | None, who: str) -> int:
        """Record a correction (applied by the next relink); returns its number."""
        with self.db.atomic():
            table = self.db["corrections"].insert(
                {"target_id": target_id, "field": field, "value": value, "note": note, "who": who,
                 "made_at": _now()}, pk="id")
        return table.last_pk

    def withdraw_correction(self, number: int, who: str) -> None:
        """Mark a correction withdrawn (kept, no longer applied from the next relink)."""
        with self.db.atomic():
            self.db.execute("update corrections set withdrawn_at = ?, withdrawn_by = ? where id = ?",
                            [_now(), who, number])

    def _record_outcomes(self, outcomes: Iterable) -> None:
        for o in outcomes:
            self.db.execute("update corrections set state = ?, applies_to = ?, original = ? where id = ?",
                            [o.state, o.applies_to, o.original, o.number])

    # -- log --------------------------------------------------------------

    def log(self, path: str, status: str, message: str = "") -> None:
        with self.db.atomic():
            self.db["ingest_log"].insert({
                "run_at": _now(),
                "path": path, "status": status, "message": message,
            })

    def counts(self) -> dict[str, int]:
        one = lambda sql: next(iter(self.db.query(sql).__iter__()))["n"]  # noqa: E731
        return {
            "articles": one("select count(*) n from articles where status = 'current'"),
            "quotes": one("select count(*) n from quotes where status = 'current'"),
            "parses": one("select count(*) n from parses"),
            "speakers": one("select count(*) n from speakers"),
            "outlets": one("select count(*) n from outlets"),
            "utterances": one("select count(*) n from utterances"),
        }

    def close(self) -> None:
        self.db.close()


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _main_role(entity: Entity) -> str | None:
    if not entity.roles:
        return None
    # the most frequent, then the longest, then the first alphabetically (never the
    # iteration order of a set of strings, which changes from process to process)
    return max(sorted({r for r, _ in entity.roles}),
               key=lambda r: (sum(1 for x, _ in entity.roles if x == r), len(r)))


def open_store(path: str | Path, timeout: float = 10.0) -> Store:
    """Open (creating and migrating as needed) the database at ``path``.

    A file that is not SQLite, or a database locked by another writer for more
    than ``timeout`` seconds, gives a :class:`StoreError` naming the file.
    """
    path = Path(path)
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True)
    try:
        conn = sqlite3.connect(str(path), timeout=timeout)
        db = sqlite_utils.Database(conn)
        db.execute("pragma foreign_keys = on")
        if db.journal_mode != "wal":
            db.enable_wal()
        migrate(db)
    except sqlite3.DatabaseError as e:
        message = str(e)
        if "not a database" in message or "file is encrypted" in message:
            raise StoreError(f"{path}: not an SQLite database (refusing to touch it)") from e
        if "locked" in message or "busy" in message:
            raise StoreError(f"{path}: database is locked by another process; try again when it is done") from e
        raise StoreError(f"{path}: cannot open database ({message})") from e
    return Store(db, str(path))
