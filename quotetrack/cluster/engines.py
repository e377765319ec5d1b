"""Where the articles' work runs: in this process, or on Dask workers.

An engine takes :class:`~quotetrack.cluster.jobs.Job` objects and hands back a
handle per job whose ``result()`` is the job's :class:`Done` or :class:`Failed`.
The ingest keeps at most :attr:`window` jobs in flight beyond the one it waits
for and stores results in input order, so its memory does not grow with the
corpus and a run on a cluster stores exactly what a run in one process does.

* :class:`InProcess`: the job runs when it is submitted (``--workers 1``).
* :class:`OnDask`: on the workers of a Dask scheduler, an existing one by address
  (``--scheduler tcp://HOST:PORT``: nothing is started) or a local cluster of
  one-thread worker processes that the command starts and stops (``--workers N``),
  started only when the first article needs work.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections import deque
from typing import Iterable, Iterator

from ..errors import ClusterError
from .jobs import Failed, Job, run_job

#: below this much input (about 50k words, some 50 s of parsing on one core) an
#: ingest runs in its own process by default: each worker spends ~8 s loading the models
MIN_BYTES_FOR_WORKERS = 300_000
#: the memory one worker process needs (the parser's models, MiniLM, one article in hand)
WORKER_MEMORY = 1.5e9
#: articles in flight per worker: enough that no worker waits for the next while
#: the client stores, few enough that the client's memory stays flat
IN_FLIGHT_PER_WORKER = 4
#: how long to wait for a scheduler to answer, and for a first worker to join it (s)
CONNECT_TIMEOUT = 20
WORKER_WAIT = 120
#: how often a wait for a result looks at the cluster, and how long a cluster may
#: stand with no worker at all before the ingest gives up (s)
POLL = 5
NO_WORKERS_FOR = 120


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def memory_bytes() -> int:
    import psutil

    return psutil.virtual_memory().total


def default_workers(total_bytes: int, n_cores: int | None = None, memory: int | None = None) -> int:
    """How many worker processes an ingest of ``total_bytes`` of input gets by default:
    one (in this process) for a corpus too small to pay for starting workers, else
    min(cores, memory / 1.5 GB)."""
    if total_bytes < MIN_BYTES_FOR_WORKERS:
        return 1
    n_cores = n_cores or cores()
    memory = memory or memory_bytes()
    return max(1, min(n_cores, int(memory // WORKER_MEMORY)))


class Ready:
    """The handle of a job already done."""

    def __init__(self, value):
        self.value = value

    def result(self):
        return self.value


class InProcess:
    """Runs each job as it is submitted, in this process, at ``threads`` torch threads."""

    window = 0
    describe = "in this process"

    def __init__(self, threads: int | None = None):
        self.threads = threads or cores()

    def submit(self, job: Job) -> Ready:
        return Ready(run_job(_with_threads(job, self.threads)))


    def close(self) -> None:
        pass


class OnDask:
    """Runs jobs on the workers of a Dask cluster, each at ``threads`` torch threads.

    ``start`` returns ``(client, cluster or None)``; it is called on the first
    job (a local cluster is only started when an article needs work)."""

    def __init__(self, start, address: str, threads: int = 1):
        self._start, self.address, self.threads = start, address, threads
        self.client = self.cluster = None
        self.window = IN_FLIGHT_PER_WORKER
        self._submitted = 0
        self._quieted = None

    @property
    def describe(self) -> str:
        return f"on the Dask cluster at {self.address}"

    def connect(self) -> None:
        if self.client is None:
            # a lost scheduler is this engine's one clear error, not the client's logged traceback
            self._quieted = _quiet("distributed.client")
            self.client, self.cluster = self._start()
            self.address = self.client.scheduler.address
            workers = len(self.client.scheduler_info(n_workers=-1).get("workers", {}))
            self.window = IN_FLIGHT_PER_WORKER * max(1, workers)

    def submit(self, job: Job) -> "_DaskHandle":
        self.connect()
        self._submitted += 1
        key = f"quotetrack-article-{self._submitted}-{job.article.sha256[:12]}"
        try:
            future = self.client.submit(run_job, _with_threads(job, self.threads), key=key, pure=False)
        except Exception as error:  # noqa: BLE001 - the client's own failure: the scheduler is gone
            raise self._gone(error) from error
        return _DaskHandle(self, future, job)

    def _gone(self, error: Exception) -> ClusterError:
        why = str(error).splitlines()[0] if str(error) else type(error).__name__
        return ClusterError(
            f"the Dask scheduler at {self.address} went away ({why}); "
            "the articles stored before it are complete, run the ingest again to continue")

    def workers(self) -> int:
        try:
            return len(self.client.scheduler_info(n_workers=-1).get("workers", {}))
        except Exception as error:  # noqa: BLE001 - the scheduler cannot answer
            raise self._gone(error) from error

    def close(self) -> None:
        for thing in (self.client, self.cluster):
            if thing is not None:
                with contextlib.suppress(Exception):
                    thing.close()
        if self._quieted is not None:
            self._quieted()


def _quiet(name: str):
    """Silence a logger below CRITICAL; returns what puts it back."""
    logger = logging.getLogger(name)
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    return lambda: logger.setLevel(level)


class _DaskHandle:
    def __init__(self, engine: OnDask, future, job: Job):
        self.engine, self.future, self.job = engine, future, job

    def result(self):
        from distributed import KilledWorker

        alone_since = None
        while True:
            try:
                return self.future.result(timeout=POLL)
            except KilledWorker as error:  # the article took down every worker that tried it
                article = self.job.article
                return Failed(doc=article.doc, message=(
                    f"{article.path}: could not be analysed: the worker processes that ran it died "
                    f"({error}); out of memory, or a crash in the parser"))
            except TimeoutError:
                if self.engine.client.status not in ("running", "connecting"):
                    raise self.engine._gone(RuntimeError(f"client {self.engine.client.status}")) from None
                if self.engine.workers():
                    alone_since = None
                elif alone_since is None:
                    alone_since = time.monotonic()
                elif time.monotonic() - alone_since > NO_WORKERS_FOR:
                    raise ClusterError(
                        f"the Dask scheduler at {self.engine.address} has had no worker for "
                        f"{NO_WORKERS_FOR} s; the articles stored before are complete: start workers "
                        f"(`dask worker {self.engine.address}`) and run the ingest again") from None
            except Exception as error:  # noqa: BLE001 - cancelled, connection closed: the scheduler is gone
                raise self.engine._gone(error) from error


def _with_threads(job: Job, threads: int | None) -> Job:
    import attrs

    return job if job.threads == threads else attrs.evolve(job, threads=threads)


def _connect(address: str):
    from distributed import Client

    try:
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        raise ClusterError(f"could not reach the Dask scheduler at {address} ({error}); start one with "
                           "`dask scheduler` and workers with `dask worker ADDRESS`") from None
    try:
        client.wait_for_workers(1, timeout=WORKER_WAIT)
    except TimeoutError:
        client.close()
        raise ClusterError(f"the Dask scheduler at {address} has no workers after {WORKER_WAIT} s; "
                           f"start some with `dask worker {address}`") from None
    return client, None


def _local(n_workers: int):
    def start():
        import dask
        from distributed import Client, LocalCluster

        # one article at a time per worker: a worker that dies takes no queued article
        # with it (each would count a failure towards its KilledWorker)
        with dask.config.set({"distributed.scheduler.worker-saturation": 1.0}):
            cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                                   host="127.0.0.1", dashboard_address=None, silence_logs=logging.ERROR)
        client = Client(cluster, set_as_default=False)
        client.wait_for_workers(n_workers, timeout=WORKER_WAIT)
        return client, cluster

    return start


def engine_for(workers: int | None = None, scheduler: str | None = None, threads: int | None = None,
               total_bytes: int = 0):
    """The engine an ingest or extract runs on: the cluster at ``scheduler``; else
    ``workers`` local worker processes (1: this process); else the default for
    ``total_bytes`` of input (:func:`default_workers`). ``threads``: torch threads
    per process (default: a worker process gets its share of the cores, this
    process all of them)."""
    if scheduler and workers:
        raise ClusterError("--scheduler and --workers: give one (an existing cluster has its own workers)")
    if workers is not None and workers < 1:
        raise ClusterError(f"--workers {workers}: give 1 (this process) or more worker processes")
    if threads is not None and threads < 1:
        raise ClusterError(f"--threads {threads}: give 1 or more")
    if scheduler:
        engine = OnDask(lambda: _connect(scheduler), scheduler, threads or 1)
        engine.connect()  # a wrong address fails now, before anything is read
        return engine
    n = workers if workers is not None else default_workers(total_bytes)
    if n == 1:
        return InProcess(threads)
    return OnDask(_local(n), f"a local cluster of {n} workers", threads or max(1, cores() // n))


def in_order(engine, jobs: Iterable[Job]) -> Iterator[tuple]:
    """(article, result) of each job, in the order given, with at most the
    engine's window of jobs in flight beyond the one waited for."""
    pending: deque = deque()
    for job in jobs:
        pending.append((job.article, engine.submit(job)))
        while len(pending) > engine.window:
            article, handle = pending.popleft()
            yield article, handle.result()
    while pending:
        article, handle = pending.popleft()
        yield article, handle.result()


@contextlib.contextmanager
def running(engine) -> Iterator:
    try:
        yield engine
    finally:
        engine.close()
