"""Ingest and extract on more than one core or machine (Dask distributed).

The client reads the corpus and stores; each article's parse, extraction and
resolution within the article runs as :func:`~.jobs.run_job` on a worker
(:mod:`.engines`). The corpus-wide steps run on the client after.
"""

from .engines import InProcess, OnDask, default_workers, engine_for, in_order, running
from .jobs import Done, Failed, Job, run_job, set_threads

__all__ = ["Done", "Failed", "InProcess", "Job", "OnDask", "default_workers", "engine_for", "in_order", "run_job",
           "running", "set_threads"]
