"""One article's work, as it runs on a worker (or in the ingesting process).

:func:`run_job` is the whole of what an ingest does to an article before it is
stored: parse it (unless its parse is stored), extract and resolve its quotes
within the article, encode its quote texts and fingerprint its text. It reads
and writes no database, so it runs anywhere: the client writes what it returns.

Models load once per process (the parser's and the encoder's caches) and the
torch thread count is set once per process, the same way in both modes, since
it changes floating-point results.
"""

from __future__ import annotations

import functools
import sys
from typing import Any

import attrs

from .. import ids
from ..errors import QuotetrackError
from ..records import Article, ParsedDoc, ResolvedQuote


@attrs.frozen(kw_only=True)
class Job:
    """An article to analyse: with its stored parse (``doc``), or to be parsed by ``parser``."""

    article: Article
    parser: Any = attrs.field(eq=False)  # a Parser, or a stand-in with parse() and versions()
    doc: ParsedDoc | None = None
    threads: int | None = None  # torch threads of the process that runs it (None: left as it is)

    @property
    def fresh(self) -> bool:
        return self.doc is None


@attrs.frozen(kw_only=True)
class Done:
    """What :func:`run_job` made of an article."""

    doc: str
    quotes: list[ResolvedQuote]
    parse: ParsedDoc  # the article's parse (made now when the job was ``fresh``)
    fresh: bool
    vectors: dict[str, bytes]  # text key -> vector, every quote text of the article
    encoder: str
    fingerprint: Any
    analysis: str  # the analysis version the worker ran
    models_key: str | None  # the models a fresh parse was made with (None when not parsed)
    worker: str


@attrs.frozen(kw_only=True)
class Failed:
    """An article the worker could not analyse: reported like bad input, unless
    there is an ``error`` to raise (a model that cannot be loaded: no article can
    be done, the whole run stops)."""

    doc: str
    message: str
    error: QuotetrackError | None = attrs.field(default=None, eq=False)
    worker: str = ""

    @property
    def fatal(self) -> bool:
        return self.error is not None


def run_job(job: Job) -> Done | Failed:
    """Analyse one article (pure apart from the process's model caches)."""
    from ..pipeline import analyse, analysis_version
    from ..utterances import embed, reuse

    article = job.article
    worker = _worker_name()
    try:
        set_threads(job.threads)
        doc = job.doc if job.doc is not None else job.parser.parse(article.text)
        quotes = analyse(article, doc)
        texts = {embed.text_key(q.quote.text): q.quote.text for q in quotes}
        encoder = embed.default_encoder()
        found = embed.encode_texts([texts[k] for k in sorted(texts)], encoder=encoder) if texts else {}
        article_id = ids.article_id(article.sha256)
        return Done(doc=article.doc, quotes=quotes, parse=doc, fresh=job.fresh,
                    vectors={k: embed.to_bytes(v) for k, v in found.items()}, encoder=encoder.key,
                    fingerprint=reuse.fingerprint(article_id, article.text), analysis=analysis_version(),
                    models_key=_models_key(job.parser) if job.fresh else None, worker=worker)
    except QuotetrackError as error:  # a model missing or corrupt on this worker: no article can be done
        where = f"worker {worker}: " if worker else ""
        return Failed(doc=article.doc, message=f"{where}{error}", error=error, worker=worker)
    except Exception as e:  # noqa: BLE001 - one article's failure, reported by name
        return Failed(doc=article.doc, worker=worker,
                      message=f"{article.path}: could not be analysed ({type(e).__name__}: {e})")


def _models_key(parser) -> str:
    from ..parse.models import models_key

    return models_key(parser.versions())


@functools.cache
def set_threads(threads: int | None) -> None:
    """Run torch at ``threads`` threads in this process (None: leave it), once."""
    if threads:
        import torch

        torch.set_num_threads(threads)


def _worker_name() -> str:
    """The Dask worker's address ("" in the ingesting process)."""
    distributed = sys.modules.get("distributed")  # never imported just to ask
    if distributed is None:
        return ""
    try:
        return distributed.get_worker().address
    except ValueError:  # not in a worker
        return ""
