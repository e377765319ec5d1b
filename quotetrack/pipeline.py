"""The flow: corpus -> parse -> extract -> resolve -> utterances -> store.

:func:`analyse` turns a parsed article into article-level resolved quotes;
:func:`link` resolves speakers and outlets across the corpus and groups
utterances; :func:`ingest` runs both against a database, one transaction per
article. Parsing is the whole cost, so a parse is stored and made once per
text and set of models: an article whose text and models are unchanged but
whose analysis (rules, word lists) is not is analysed again from its stored
parse, never Stanza; one unchanged in all three is skipped.
"""

from __future__ import annotations

import functools
import json
import sqlite3
import time
from collections import Counter, deque
from pathlib import Path
from typing import Callable, Iterable, Iterator

import attrs

from . import __version__, ids
from .corpus import RECRAWL, Input, Read, Skipped, file_sha256, find_inputs, read_input, read_items, sidecars
from .cluster import Done, Failed, InProcess, Job, engine_for, in_order, run_job, running, set_threads
from .corrections import Outcome, correct_quotes, entity_now, rename_entities
from .errors import ArticleError, ClusterError, QuotetrackError, StoreError
from .extract import extract_quotes
from .extract.precision import hidden_reason, measured_hash, rule_rows
from .lexicon import lexicon_hash
from .parse import Parser
from .parse.models import models_key
from .records import ENTITY_FIELDS, Article, Correction, Entity, ParsedDoc, ResolvedQuote
from .resolve import outlet_name, resolve_article, resolve_corpus
from .store import open_store, row_to_resolved
from .store.db import article_metadata
from .utterances import Grouping, When, group_utterances, mark_statements
from .utterances import embed, reuse

# bump when extraction or resolution rules change: stored articles are analysed
# again (from their stored parses); a change of the word lists or of the rules'
# measured precision (the quotes' confidences) needs no bump
RULES_VERSION = "8"


def analysis_version() -> str:
    """What analysed an article: the rules' version, the word lists' hash and
    the hash of the rules' measured precision (the parse's version, the models,
    is kept apart)."""
    return (f"quotetrack {__version__}; rules {RULES_VERSION}; lexicon {lexicon_hash()[:12]}; "
            f"precision {measured_hash()[:12]}")


def analyse(article: Article, doc: ParsedDoc) -> list[ResolvedQuote]:
    """Quotes of one parsed article, with article-level speaker names, where
    each stands (headline, lede, body) and its pull quotes."""
    return mark_statements(article, doc, resolve_article(article, doc, extract_quotes(doc)))


@attrs.frozen(kw_only=True)
class Linked:
    """A corpus linked: its entities, its quotes with their links, and the utterances."""

    speakers: list[Entity]
    outlets: list[Entity]
    quotes: list[ResolvedQuote]
    grouping: Grouping


def link_corpus(
    quotes: list[ResolvedQuote],
    articles: list[Article],
    existing: dict[str, str] | None = None,
    vectors: dict[str, "embed.np.ndarray"] | None = None,
    copies: dict[str, str] | None = None,
) -> Linked:
    """Resolve speakers and outlets across the corpus and group utterances.

    ``existing``: quote ID -> the utterance ID published for it (kept);
    ``vectors``: text key (:func:`~quotetrack.utterances.embed.text_key`) ->
    MiniLM vector, for the texts already encoded (the rest are encoded now);
    ``copies``: doc -> the doc it republishes.
    """
    speakers, outlets, quotes = resolve_corpus(quotes, articles)
    known = embed.encode_texts([q.quote.text for q in quotes], vectors)
    by_quote = {q.quote_id: known[embed.text_key(q.quote.text)] for q in quotes}
    whens = {a.doc: When.of(a) for a in articles}
    grouping = group_utterances(quotes, by_quote, whens, existing, copies)
    quotes = [attrs.evolve(q, cluster_id=grouping.utterance_of.get(q.quote_id),
                           wording=grouping.wording.get(q.quote_id)) for q in quotes]
    return Linked(speakers=speakers, outlets=outlets, quotes=quotes, grouping=grouping)


def link(quotes: list[ResolvedQuote], articles: list[Article], **options
         ) -> tuple[list[Entity], list[Entity], list[ResolvedQuote]]:
    """Corpus-wide entities, and every quote with speaker, outlet and utterance
    IDs (:func:`link_corpus`, without the utterances' details)."""
    linked = link_corpus(quotes, articles, **options)
    return linked.speakers, linked.outlets, linked.quotes


def extract_files(paths: Iterable[str | Path], parser: Parser,
                  problem: Callable[[str, str], None] | None = None, workers: int = 1,
                  scheduler: str | None = None, threads: int | None = None) -> list[ResolvedQuote]:
    """Quotes of the given inputs (files or folders, any format), linked across
    them (no database). ``problem(kind, message)`` hears of each error (kind
    ``error``) and record that is no article (``skipped``, re-crawls included);
    without it the first error is raised. The articles are parsed here, or on
    Dask workers (``workers``, ``scheduler``: :func:`quotetrack.cluster.engine_for`)."""
    articles, skipped, errors = read_items(paths)
    if errors and problem is None:
        raise errors[0]
    kept, seen = [], {}
    for article in articles:
        if article.sha256 in seen and not _curated(article):
            skipped.append(Skipped(doc=article.doc, path=article.path, reason=RECRAWL,
                                   detail=f"same text as {seen[article.sha256]}"))
            continue
        seen.setdefault(article.sha256, article.doc)
        kept.append(article)
    if problem is not None:
        for error in errors:
            problem("error", str(error))
        for s in skipped:
            problem("skipped", f"{s.path}: {s.message}")
    engine = engine_for(workers, scheduler, threads)
    if isinstance(engine, InProcess):  # in one batch: Stanza is faster so
        set_threads(threads)
        docs = parser.parse_many([a.text for a in kept])
        quotes = [q for a, d in zip(kept, docs) for q in analyse(a, d)]
    else:
        with running(engine):
            quotes = []
            for article, result in in_order(engine, [Job(article=a, parser=parser) for a in kept]):
                if isinstance(result, Failed):
                    if result.fatal or problem is None:
                        raise result.error or ArticleError(result.message)
                    problem("error", result.message)
                else:
                    quotes.extend(result.quotes)
    return link_corpus(quotes, kept, copies=copies_of(kept)).quotes


def _curated(article: Article) -> bool:
    """A ``.txt`` article: a file a person put in the corpus, whose copy is an
    error to fix rather than a re-crawl to pass over."""
    return "#" not in article.doc and article.doc.lower().endswith(".txt")


@attrs.frozen(kw_only=True)
class IngestReport:
    articles: int  # articles in the database after the ingest
    parsed: int  # articles parsed (Stanza) in this run
    reanalysed: int  # articles analysed again from their stored parses (no Stanza)
    skipped: int  # unchanged articles (text, models and analysis), left as they were
    quotes: int
    speakers: int
    outlets: int
    utterances: int
    errors: tuple[str, ...]
    seconds: float
    removed: int = 0  # stored articles marked removed (``prune``)
    stale_corrections: int = 0  # editorial corrections whose records are gone (``quotetrack correct --list``)
    # records and pages that are no articles, by reason (corpus.REASONS): re-crawls,
    # not HTML, no main text, not English
    not_articles: dict = attrs.field(factory=dict)
    unchanged_files: int = 0  # input files skipped whole (size, mtime or SHA-256 unchanged)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def not_article_count(self) -> int:
        return sum(self.not_articles.values())

    @classmethod
    def of(cls, totals: dict, errors: list[str], started: float, counts: dict, removed: int = 0,
           corrections: Iterable[Outcome] = (), **extra) -> "IngestReport":
        """The report of a run begun at ``started`` (``time.perf_counter()``), from the store's
        counts and how the editorial corrections stand after its relink."""
        return cls(articles=totals["articles"], quotes=totals["quotes"], speakers=totals["speakers"],
                   outlets=totals["outlets"], utterances=totals["utterances"], errors=tuple(errors),
                   seconds=time.perf_counter() - started, removed=removed,
                   stale_corrections=sum(o.state == "stale" for o in corrections), **counts, **extra)


@attrs.frozen(kw_only=True)
class _Versions:
    """What an article is analysed with in this run."""

    analysis: str
    models: dict
    models_json: str
    models_key: str

    @classmethod
    def of(cls, parser: Parser) -> "_Versions":
        models = parser.versions()
        return cls(analysis=analysis_version(), models=models,
                   models_json=json.dumps(models, sort_keys=True), models_key=models_key(models))


@attrs.frozen(kw_only=True)
class Step:
    """One step of an ingest, for a progress bar: a record read (``read``) or an
    input file skipped whole (``read`` None), and the bytes of the corpus done."""

    source: Input
    read: Read | None
    done_bytes: int

    @property
    def doc(self) -> str:
        item = self.read.item if self.read else None
        return getattr(item, "doc", None) or self.source.name


class Steps:
    """The steps of an ingest (iterable once) and the corpus's size in bytes."""

    def __init__(self, steps: Iterator[Step], total_bytes: int):
        self._steps, self.total_bytes = steps, total_bytes

    def __iter__(self) -> Iterator[Step]:
        return self._steps


def ingest(
    corpus: str | Path | Iterable[str | Path],
    db_path: str | Path,
    parser: Parser | None = None,
    progress: Callable[[Iterable], Iterable] | None = None,
    prune: bool = False,
    workers: int | None = None,
    scheduler: str | None = None,
    threads: int | None = None,
) -> IngestReport:
    """Ingest every article of ``corpus`` (a folder, a file, or several of
    either, in any format :mod:`quotetrack.corpus` reads) into the database at
    ``db_path``.

    Input files are read as streams, one record at a time. Bad articles and
    records are reported (and logged in ``ingest_log``) without stopping the
    others; each good article is stored in its own transaction; records that
    are no articles (re-crawls, not HTML, no main text, not English) are counted
    and logged as skipped. An input file unchanged since it was last read whole
    without an error (size and modification time, else SHA-256; its sidecar, the
    analysis and the models too) is skipped without being read. With ``prune``,
    stored articles whose files or records are gone from ``corpus`` are marked
    removed: their quotes leave the current tables but their IDs stay
    resolvable. An input that is still there but cannot be read whole keeps its
    stored versions.

    ``progress`` wraps the :class:`Steps` of the run (one per record read or file
    skipped) and yields them on.

    Each article's parse and analysis runs on the engine of ``workers``,
    ``scheduler`` and ``threads`` (:func:`quotetrack.cluster.engine_for`: this
    process, a local Dask cluster, or an existing one by address); the articles
    are stored here, in input order, so every mode stores the same database.
    """
    started = time.perf_counter()
    parser = parser or Parser()
    store = open_store(db_path)
    errors: list[str] = []
    counts = {"parsed": 0, "reanalysed": 0, "skipped": 0}
    run = _Run(store=store, parser=parser, errors=errors, counts=counts)
    try:
        paths = [corpus] if isinstance(corpus, (str, Path)) else list(corpus)
        try:
            inputs, bad = find_inputs(paths, exclude=_database_files(db_path))
            if not inputs:
                raise bad[0] if bad else ArticleError("no input files given")
            folders = sidecars(inputs)
        except ArticleError as error:
            store.log(str(error).split(": ")[0], "error", str(error))
            raise
        for error in bad:
            run.error(str(error).split(": ")[0], str(error))
        total_bytes = sum(i.size for i in inputs)
        run.versions = _Versions.of(parser)
        with running(engine_for(workers, scheduler, threads, total_bytes)) as engine:
            run.engine = engine
            steps = Steps(run.steps(inputs, folders), total_bytes)
            for step in progress(steps) if progress else steps:
                if step.read is not None:
                    run.take(step.source, step.read)
            run.finish()
        removed = 0
        if prune:
            for doc in store.remove_missing(run.present):
                store.log(doc, "removed", "no longer in the corpus")
                removed += 1
        corrections = relink(store)
        totals = store.counts()
    except sqlite3.DatabaseError as error:  # e.g. locked by another writer for too long, disk full
        raise StoreError(
            f"{db_path}: database error during ingest ({error}); the articles stored before it "
            "are complete, run the ingest again to finish"
        ) from error
    finally:
        store.close()
    return IngestReport.of(totals, errors, started, counts, removed, corrections,
                           not_articles=dict(run.not_articles),
                           unchanged_files=run.unchanged_files)


def _database_files(db_path: str | Path) -> list[Path]:
    """The database and its journal files: never inputs, even inside a corpus folder."""
    return [Path(f"{db_path}{suffix}") for suffix in ("", "-wal", "-shm", "-journal")]


@attrs.define(kw_only=True)
class _Run:
    """One ingest's state: what it has read, stored and counted.

    What is read is decided on here (skipped, stored parse, to parse) and each
    article that needs work goes to the engine; results are stored in the order
    things were read, through :attr:`pending`, so that an ingest on a cluster
    stores, logs and counts exactly as one in this process."""

    store: object
    parser: Parser
    errors: list[str]
    counts: dict
    versions: "_Versions | None" = None
    engine: object = attrs.field(factory=InProcess)
    present: set[str] = attrs.field(factory=set)  # docs read (or kept) in this run
    seen: dict[str, str] = attrs.field(factory=dict)  # text sha256 -> the doc read with it
    not_articles: Counter = attrs.field(factory=Counter)
    unchanged_files: int = 0
    file_errors: Counter = attrs.field(factory=Counter)  # input name -> errors in it
    source: str | None = None  # the input being read
    sidecar_shas: dict = attrs.field(factory=dict)  # sidecar path -> its SHA-256 ("" when none)
    # (handle of a job, or None; what to do with its result), in input order
    pending: deque = attrs.field(factory=deque)
    in_flight: int = 0  # jobs in ``pending``

    def error(self, where: str, message: str, source: str | None = None) -> None:
        self.errors.append(message)
        self.store.log(where, "error", message)
        self.file_errors[source or self.source] += 1

    def then(self, handle, finish: Callable) -> None:
        """Call ``finish(result)`` on the job's result (None with no job) once
        everything before it is finished; wait only while more than the engine's
        window is in flight."""
        self.pending.append((handle, finish))
        self.in_flight += handle is not None
        self._drain(self.engine.window)

    def finish(self) -> None:
        """Wait for and store everything still in flight."""
        self._drain(0)

    def _drain(self, limit: int) -> None:
        """Finish from the head while more than ``limit`` jobs are in flight, and
        whatever waits on no job at the head."""
        while self.pending and (self.in_flight > limit or self.pending[0][0] is None):
            handle, finish = self.pending[0]
            result = handle.result() if handle is not None else None
            self.pending.popleft()
            self.in_flight -= handle is not None
            finish(result)

    def steps(self, inputs: list[Input], folders: dict) -> Iterator[Step]:
        """Each input's records as they are read, or the input skipped whole;
        an input read without an error is recorded once its articles are stored."""
        done = 0
        for source in inputs:
            state = self._file_state(source)
            if state is None:
                self._skip_unchanged(source)
                done += source.size
                yield Step(source=source, read=None, done_bytes=done)
                continue
            self.source = source.name
            self.file_errors[source.name] = 0
            records = 0
            for read in read_input(source, folders[source.path.parent]):
                records += 1
                yield Step(source=source, read=read, done_bytes=done + min(read.position, source.size))
            done += source.size
            self.then(None, functools.partial(self._file_done, source, state, records))

    def _file_done(self, source: Input, state: dict, records: int, _result=None) -> None:
        docs = self.store.docs_of_input(source.name)
        if self.file_errors[source.name]:
            self.present.update(docs)  # a partial read removes nothing
        else:
            self.store.record_input_file(state | {
                "records": records, "articles": len(docs), "skipped": max(records - len(docs), 0)})

    def _file_state(self, source: Input) -> dict | None:
        """What ``source`` is like now, to record once it is read; None when it is
        unchanged since it was last read whole and its articles are all still
        current (then it is not read at all)."""
        sidecar = source.sidecar_path
        if sidecar not in self.sidecar_shas:
            self.sidecar_shas[sidecar] = file_sha256(sidecar) if sidecar.is_file() else ""
        state = {"name": source.name, "path": str(source.path), "format": source.format,
                 "size": source.size, "mtime_ns": source.mtime_ns,
                 "sidecar_sha256": self.sidecar_shas[sidecar],
                 "analysis_version": self.versions.analysis, "models_key": self.versions.models_key}
        known = self.store.input_file(source.name)
        # ... and its articles still all stored as current (none pruned while it was away)
        same = known is not None and all(known[k] == state[k] for k in (
            "format", "sidecar_sha256", "analysis_version", "models_key")) and (
            len(self.store.docs_of_input(source.name)) == known["articles"])
        if same and (known["size"], known["mtime_ns"]) == (source.size, source.mtime_ns):
            return None
        state["sha256"] = file_sha256(source.path)
        if same and known["sha256"] == state["sha256"]:
            self.store.record_input_file({**known, **state})  # touched, not changed
            return None
        return state

    def _skip_unchanged(self, source: Input) -> None:
        docs = self.store.docs_of_input(source.name)
        self.present.update(docs)
        self.counts["skipped"] += len(docs)
        self.unchanged_files += 1
        self.store.log(str(source.path), "skipped", f"unchanged file ({len(docs)} articles)")

    def take(self, source: Input, read: Read) -> None:
        """Store, count or report one thing read."""
        item = read.item
        if isinstance(item, ArticleError):
            self.error(read.where or str(source.path), str(item))
            return
        if isinstance(item, Skipped):
            self.not_articles[item.reason] += 1
            self.store.log(item.path, "skipped", item.message)
            return
        article: Article = item
        if article.doc in self.present:
            self.error(article.path, f"{read.where or article.path}: {article.doc} was read already "
                       "(an id given twice, or two inputs of one name); not stored twice")
            return
        self.present.add(article.doc)
        twin = _duplicate(article, self.seen, self.store)
        if twin and _curated(article):
            self.error(article.path, f"{article.path}: same text as {twin}; not stored twice")
            return
        if twin:
            self.not_articles[RECRAWL] += 1
            self.store.log(article.path, "skipped", f"{RECRAWL} (same text as {twin})")
            return
        self.seen[article.sha256] = article.doc
        source = self.source
        plan = _guarded(article, self.store, self.errors,
                        lambda: _plan(article, self.store, self.parser, self.versions))
        if plan is None:
            self.file_errors[source] += 1
        elif plan == "skipped":
            self.then(None, functools.partial(self._unchanged, article))
        else:
            self.then(self.engine.submit(plan), functools.partial(self._store, article, source))

    def _unchanged(self, article: Article, _result=None) -> None:
        self.store.log(article.path, "skipped", "unchanged")
        self.counts["skipped"] += 1

    def _count(self, outcome: str | None, source: str | None = None) -> None:
        if outcome:
            self.counts[outcome] += 1
        else:
            self.file_errors[source or self.source] += 1

    def _store(self, article: Article, source: str, result: "Done | Failed") -> None:
        """Store what the engine made of an article, or report why it could not."""
        if isinstance(result, Failed):
            if result.fatal:
                raise result.error
            self.error(article.path, result.message, source)
            return
        _check_versions(result, self.versions)
        self._count(_guarded(article, self.store, self.errors,
                             lambda: _store_done(article, result, self.store, self.versions)), source)


def _duplicate(article: Article, seen: dict[str, str], store) -> str | None:
    """The doc whose text ``article`` repeats: read before in this run, or stored."""
    if article.sha256 in seen:
        return seen[article.sha256]
    twin = store.article_by_sha(article.sha256)
    if twin and twin["doc"] != article.doc:
        return f"{twin['doc']}, already stored"
    return None


def _plan(article: Article, store, parser: Parser, versions: _Versions) -> "str | Job":
    """What an article needs: "skipped" when it is stored unchanged (text, models,
    analysis and metadata), else the job that analyses it from its stored parse
    by these models, or parses it first."""
    current = store.current_article(article.doc)
    if (current and current["sha256"] == article.sha256 and current["models"] == versions.models_json
            and current["analysis_version"] == versions.analysis
            and all(current[k] == v for k, v in article_metadata(article).items())):
        return "skipped"
    return Job(article=article, parser=parser, doc=store.stored_parse(article.sha256, versions.models_key, article.text))


def _check_versions(done: Done, versions: _Versions) -> None:
    """A worker must analyse, and parse, as this process would."""
    where = f"worker {done.worker}" if done.worker else "this process"
    if done.analysis != versions.analysis:
        raise ClusterError(f"{where} analyses with {done.analysis}, this client with {versions.analysis}: "
                           "install the same quotetrack on the workers as here")
    if done.fresh and done.models_key != versions.models_key:
        raise ClusterError(f"{where} parses with other models (key {done.models_key}) than this client "
                           f"(key {versions.models_key}, `quotetrack models versions`): install the same "
                           "models, and give the same --models, on the workers as here")


def _store_done(article: Article, done: Done, store, versions: _Versions) -> str:
    """Store an analysed article (with its parse when made now, and the vectors
    of its quote texts not stored yet); returns "parsed" or "reanalysed"."""
    known = store.known_vectors(done.vectors, done.encoder)
    article_id = ids.article_id(article.sha256)
    store.write_article(article, article_id, done.quotes, versions.analysis, versions.models, versions.models_key,
                        parse=done.parse if done.fresh else None,
                        vectors={k: v for k, v in done.vectors.items() if k not in known},
                        encoder=done.encoder, fingerprint=done.fingerprint)
    outcome = "parsed" if done.fresh else "reanalysed"
    store.log(article.path, "ok", f"{len(done.quotes)} quotes ({outcome})")
    return outcome


def _ingest_article(article: Article, store, parser: Parser, versions: _Versions) -> str:
    """Store one article in this process, parsing only when no parse of its text
    by these models is stored; returns "skipped", "reanalysed" or "parsed"."""
    plan = _plan(article, store, parser, versions)
    if plan == "skipped":
        store.log(article.path, "skipped", "unchanged")
        return "skipped"
    result = run_job(plan)
    if isinstance(result, Failed):
        if result.fatal:
            raise result.error
        raise _Failure(result.message)
    return _store_done(article, result, store, versions)


def _store_analysis(article: Article, doc: ParsedDoc, store, analysis: str, models: dict, key: str,
                    fresh: bool = False) -> str:
    """Analyse a parsed article and store it (with its parse when ``fresh``, and
    the vectors of its quote texts not stored yet)."""
    quotes = analyse(article, doc)
    article_id = ids.article_id(article.sha256)
    store.write_article(article, article_id, quotes, analysis, models, key,
                        parse=doc if fresh else None, vectors=_new_vectors(quotes, store),
                        encoder=embed.default_encoder().key, fingerprint=reuse.fingerprint(article_id, article.text))
    outcome = "parsed" if fresh else "reanalysed"
    store.log(article.path, "ok", f"{len(quotes)} quotes ({outcome})")
    return outcome


def _new_vectors(quotes: list[ResolvedQuote], store) -> dict[str, bytes]:
    """Text key -> vector bytes of the quote texts the store has no vector of."""
    texts = {embed.text_key(q.quote.text): q.quote.text for q in quotes}
    return _encoded(texts, set(texts) - store.known_vectors(texts, embed.default_encoder().key))


def _encoded(texts: dict[str, str], missing: set[str]) -> dict[str, bytes]:
    """Text key -> vector bytes of the ``missing`` keys of ``texts`` (text key -> text)."""
    if not missing:
        return {}
    found = embed.encode_texts([texts[k] for k in sorted(missing)])
    return {k: embed.to_bytes(v) for k, v in found.items()}


class _Failure(Exception):
    """An article's failure whose message is written already (by :func:`run_job`)."""


def _guarded(article: Article, store, errors: list[str], step: Callable[[], str]) -> str | None:
    """One article's step: its own failure (a parser error, say) is reported and
    logged without stopping the rest (None); a bad model or a database that
    cannot be written stops the whole run, clearly."""
    try:
        return step()
    except (QuotetrackError, sqlite3.DatabaseError):
        raise
    except Exception as e:  # noqa: BLE001 - one article's failure, reported by name
        message = str(e) if isinstance(e, _Failure) else f"{article.path}: could not be analysed ({type(e).__name__}: {e})"
        errors.append(message)
        store.log(article.path, "error", message)
        return None


def _reanalyse_article(article: Article, row: dict, store, analysis: str,
                       parse_anew: Callable[[Article], str]) -> str:
    """Analyse a stored article again from its stored parse (``parse_anew`` when there is none)."""
    doc = store.stored_parse(article.sha256, row["models_key"] or "", article.text)
    if doc is None:
        return parse_anew(article)
    return _store_analysis(article, doc, store, analysis, json.loads(row["models"] or "{}"), row["models_key"])


def reanalyse(
    db_path: str | Path,
    parser: Parser | None = None,
    progress: Callable[[Iterable], Iterable] | None = None,
) -> IngestReport:
    """Analyse every current article of the database again with today's rules and
    word lists, from its stored parse; an article whose parse is not stored (a
    database from before parses were kept) is parsed once from its stored text.
    Needs no corpus folder: what a user does after upgrading quotetrack."""
    started = time.perf_counter()
    store = open_store(db_path)
    errors: list[str] = []
    counts = {"parsed": 0, "reanalysed": 0, "skipped": 0}
    parser = parser or Parser()  # loads no model until an article needs parsing

    @functools.cache
    def versions() -> _Versions:  # read once, and only when an article needs parsing
        return _Versions.of(parser)

    def parse_anew(article: Article) -> str:
        return _ingest_article(article, store, parser, versions())

    try:
        analysis = analysis_version()
        stored = store.article_versions()
        articles = store.current_articles(with_text=True)
        for article in progress(articles) if progress else articles:
            row = stored[article.doc]
            if row["analysis_version"] == analysis:
                counts["skipped"] += 1
                continue
            outcome = _guarded(article, store, errors,
                               lambda: _reanalyse_article(article, row, store, analysis, parse_anew))
            if outcome:
                counts[outcome] += 1
        corrections = relink(store)
        totals = store.counts()
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{db_path}: database error during re-analysis ({error}); the articles "
                         "analysed before it are complete, run it again to finish") from error
    finally:
        store.close()
    return IngestReport.of(totals, errors, started, counts, corrections=corrections)


def relink(store) -> tuple[Outcome, ...]:
    """Rebuild speakers, outlets and utterances from every stored current quote
    (their vectors read from the store: encoded only for texts stored before
    vectors were), with the editorial corrections applied; returns how each
    correction stands now."""
    rows = store.current_quotes()
    articles = store.current_articles()
    corrections = store.corrections()
    corrected = correct_quotes([row_to_resolved(r) for r in rows], corrections, store.quote_successors())
    quotes = corrected.quotes
    encoder = embed.default_encoder().key
    stored = store.quote_vectors(encoder)
    texts = {embed.text_key(q.quote.text): q.quote.text for q in quotes}
    missing = _encoded(texts, set(texts) - set(stored))
    if missing:
        store.store_vectors(missing, encoder)
        stored.update(missing)
    vectors = {k: embed.from_bytes(v) for k, v in stored.items()}
    store.write_reuse(find_copies(store, articles))
    linked = link_corpus(quotes, articles, existing=store.utterance_ids(), vectors=vectors,
                         copies=store.copies())
    outlet_ids = {e.name: e.entity_id for e in linked.outlets}
    publishers = {a.doc: outlet_ids.get(outlet_name(a.publisher)) for a in articles if a.publisher}
    linked, renamed = _renamed(linked, corrections, store, articles, publishers)
    outcomes = tuple(sorted(corrected.outcomes + renamed, key=lambda o: o.number))
    hidden = {q.quote_id: reason for q in linked.quotes if (reason := hidden_reason(q.quote))}
    store.write_entities(linked.speakers, linked.outlets, linked.quotes, utterance_rows(linked, articles),
                         publishers, wording_rows(linked.grouping), hidden=hidden, rules=rule_rows(),
                         rejected=corrected.rejected, outcomes=outcomes)
    return outcomes


def _renamed(linked: Linked, corrections: list[Correction], store, articles: list[Article],
             publishers: dict[str, str | None]) -> tuple[Linked, tuple[Outcome, ...]]:
    """The linked corpus with the speakers and outlets an editor renamed, and
    how those corrections stand. A corrected ID that this relink retires is
    followed to the entity that took over its records, as its redirect will be."""
    if not any(c.field in ENTITY_FIELDS for c in corrections):
        return linked, ()
    before = store.entity_links()
    article_ids = {a.doc: ids.article_id(a.sha256) for a in articles}
    after = {
        "speaker": {q.quote_id: q.speaker_id for q in linked.quotes if q.speaker_id},
        "outlet": {q.quote_id: q.via_outlet_id for q in linked.quotes if q.via_outlet_id}
        | {article_ids[doc]: oid for doc, oid in publishers.items() if oid},
    }
    live = {e.entity_id for e in [*linked.speakers, *linked.outlets]}
    redirects = store.redirects()

    def where(target: str) -> str | None:
        kind = "outlet" if target.startswith("o-") else "speaker"
        return entity_now(target, live, redirects, before[kind], after[kind])

    renamed = rename_entities(linked.speakers, linked.outlets, linked.quotes, corrections, where)
    return (attrs.evolve(linked, speakers=renamed.speakers, outlets=renamed.outlets, quotes=renamed.quotes),
            renamed.outcomes)


def find_copies(store, articles: list[Article]) -> list:
    """The republished-copy links of the current articles, from their stored
    fingerprints (made now, from the stored text, for an article stored before
    fingerprints were, or by another version of them)."""
    stored = store.fingerprints()
    stale = [a for a in articles if stored.get(ids.article_id(a.sha256), ("",))[0] != reuse.SIGNATURE_VERSION]
    if stale:
        texts = {a.doc: a.text for a in store.current_articles(with_text=True)}
        store.store_fingerprints(reuse.fingerprints(
            (ids.article_id(a.sha256), texts.get(a.doc, ""), None) for a in stale))
        stored = store.fingerprints()
    days = {ids.article_id(a.sha256): When.of(a).day for a in articles}
    prints = [reuse.Fingerprint(article_id=aid, shingles=shingles, order=days.get(aid),
                                signature=None if sig is None else reuse.signature_from_bytes(sig))
              for aid, (_, shingles, sig) in sorted(stored.items())]
    by_id = {f.article_id: f.shingles for f in prints}
    return reuse.find_reuse(prints, reuse.ReuseIndex(), stored_shingles=by_id.__getitem__)


def copies_of(articles: list[Article]) -> dict[str, str]:
    """Doc -> the doc it republishes, for articles in memory (``extract``)."""
    docs = {ids.article_id(a.sha256): a.doc for a in articles}
    links = reuse.reuse_in_corpus((ids.article_id(a.sha256), a.text, When.of(a).day) for a in articles)
    # the source sharing most wins (as Store.copies)
    return {docs[r.article]: docs[r.source] for r in sorted(links, key=lambda r: r.share)}


def utterance_rows(linked: Linked, articles: list[Article]) -> list[dict]:
    """The ``utterances`` table: each utterance's speaker, its fullest wording,
    its anchor, its first reports (ties: several) and its counts."""
    outlet_names = {e.entity_id: e.name for e in linked.outlets}
    publisher = {a.doc: a.publisher for a in articles}
    dates = {a.doc: a.date for a in articles}
    grouping = linked.grouping
    groups: dict[str, list[ResolvedQuote]] = {}
    for q in linked.quotes:
        if q.cluster_id:
            groups.setdefault(q.cluster_id, []).append(q)
    by_id = {q.quote_id: q for q in linked.quotes}
    result = []
    for uid, members in sorted(groups.items()):
        anchor = by_id[grouping.anchor[uid]]
        first = grouping.first[uid]
        speaker = next((q.speaker_id for q in members if q.speaker_id), None)
        reports = [q for q in members if q.pull_quote_of is None]
        result.append({
            "id": uid,
            "speaker_id": speaker,
            "text": _fullest_wording(reports or members),
            "first_quote_id": first[0] if first else anchor.quote_id,
            "first_quote_ids": json.dumps(list(first)),
            "first_date": dates.get(by_id[first[0]].doc) if first else None,
            "anchor_quote_id": anchor.quote_id,
            "quote_count": len(members),
            "report_count": grouping.reports[uid],
            "article_count": len({q.doc for q in members}),
            "outlets": json.dumps({
                "publishers": sorted({publisher.get(q.doc) or "" for q in reports} - {""}),
                "via": sorted({outlet_names.get(q.via_outlet_id, "") for q in reports} - {""})}),
        })
    return result


def _fullest_wording(quotes: list[ResolvedQuote]) -> str:
    """The statement's words as fully as an article quotes them: the longest
    article's direct quote, its pieces joined; with none, the longest report."""
    direct: dict[str, list[ResolvedQuote]] = {}
    for q in quotes:
        if q.quote.kind == "direct":
            direct.setdefault(q.doc, []).append(q)
    texts = [" ".join(q.quote.text for q in sorted(pieces, key=lambda q: q.quote.start_char))
             for pieces in direct.values()] or [q.quote.text for q in quotes]
    return max(texts, key=lambda t: (len(t), t))


def wording_rows(grouping: Grouping) -> list[dict]:
    """The ``wording_pairs`` table: how each article's direct quote of an
    utterance compares with each other article's (the edits as JSON)."""
    return [{"quote_id": p.quote_id, "other_id": p.other_id, "utterance_id": p.utterance_id,
             "wording": p.comparison.wording,
             "edits": json.dumps([e.as_json() for e in p.comparison.edits])}
            for p in grouping.pairs]
