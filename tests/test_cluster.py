"""Ingest on Dask: real clusters on 127.0.0.1 (a LocalCluster, and one started
with Dask's own ``dask scheduler`` / ``dask worker`` commands), torn down after.

The workers run stand-ins (tests/dask_stand_ins.py, preloaded): the sample
corpus's stored real parses for Stanza and hashed words for MiniLM, so these
tests load no model. Each compares what a cluster stores with what one process
stores: the same IDs and links, whatever order the articles finish in.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import dask
import distributed  # noqa: F401 - its settings are in dask.config before a test sets any
import pytest
from click.testing import CliRunner

from quotetrack.cli import cli
from quotetrack.cluster import default_workers, engine_for, engines
from quotetrack.errors import ClusterError
from quotetrack.pipeline import ingest

from .helpers import CORPUS, ROOT, FixtureParser

PRELOAD = {"distributed.worker.preload": ["tests.dask_stand_ins"]}


# -- stand-in parsers (pickled to the workers by reference: this module) ------------


class SlowFirst(FixtureParser):
    """The first article of the corpus takes longest, so the others finish first."""

    def parse(self, text):
        if text.startswith(_first_text()[:200]):
            time.sleep(1.5)
        return super().parse(text)


class KillsOnce(FixtureParser):
    """The worker that first parses the third article dies in the middle of it."""

    def __init__(self, marker: Path):
        super().__init__()
        self.marker = str(marker)

    def parse(self, text):
        if text == _nth_text(2) and not os.path.exists(self.marker):
            Path(self.marker).write_text("killed")
            os._exit(1)
        return super().parse(text)


class KillsAlways(FixtureParser):
    def parse(self, text):
        if text == _nth_text(1):
            os._exit(1)
        return super().parse(text)


class FailsOne(FixtureParser):
    def parse(self, text):
        if text == _nth_text(3):
            raise ValueError("no sentence boundary found")
        return super().parse(text)


class Stalls(FixtureParser):
    """Marks when it starts the fourth article, and takes its time over it."""

    def __init__(self, marker: Path):
        super().__init__()
        self.marker = str(marker)

    def parse(self, text):
        if text == _nth_text(3):
            Path(self.marker).write_text("started")
            time.sleep(30)
        return super().parse(text)


class OtherModelsOnWorkers(FixtureParser):
    def versions(self):
        from distributed import get_worker

        try:
            get_worker()
        except ValueError:
            return super().versions()
        return {"fixture parses": "round 4"}


def _texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]


def _first_text() -> str:
    return _texts()[0]


def _nth_text(n: int) -> str:
    return _texts()[n]


# -- what a database holds, to compare ------------------------------------------------


def contents(db: Path) -> dict:
    """Every ID and link a reader sees (not times, not the log)."""
    con = sqlite3.connect(db)
    try:
        queries = {
            "articles": "select id, doc, status, analysis_version, models_key from articles order by id",
            "quotes": "select id, article_id, status, kind, text, speaker_id, speaker_name, via_outlet_id, "
                      "utterance_id, publisher_id, wording, hidden, confidence from quotes order by id",
            "speakers": "select id, name, type, role, aliases from speakers order by id",
            "outlets": "select id, name, kind, aliases from outlets order by id",
            "utterances": "select * from utterances order by id",
            "wording_pairs": "select * from wording_pairs order by quote_id, other_id",
            "vectors": "select count(*) from quote_vectors",
            "parses": "select count(*) from parses",
        }
        return {name: con.execute(sql).fetchall() for name, sql in queries.items()}
    finally:
        con.close()


@pytest.fixture(scope="module")
def serial_db(tmp_path_factory):
    """The sample corpus ingested in one process: what every cluster must store."""
    db = tmp_path_factory.mktemp("serial") / "q.db"
    report = ingest(CORPUS, db, FixtureParser(), workers=1)
    assert report.ok and report.parsed == 5
    return db


@pytest.fixture(scope="module")
def local_cluster():
    """Two one-thread worker processes on 127.0.0.1, with the stand-ins preloaded."""
    from distributed import LocalCluster

    # as the engine's own local cluster: one article per worker at a time
    with dask.config.set(PRELOAD | {"distributed.scheduler.allowed-failures": 1,
                                    "distributed.scheduler.worker-saturation": 1.0}):
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                               dashboard_address=None)
    try:
        yield cluster
    finally:
        cluster.close()


@pytest.fixture
def dask_cli(tmp_path):
    """A scheduler and two workers started with Dask's own commands; yields
    (address, scheduler process)."""
    scheduler_file = tmp_path / "scheduler.json"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": env, "cwd": ROOT}
    scheduler = subprocess.Popen([sys.executable, "-m", "dask", "scheduler", "--host", "127.0.0.1",
                                  "--port", "0", "--no-dashboard", "--scheduler-file", str(scheduler_file)],
                                 **quiet)
    workers = None
    try:
        for _ in range(300):
            if scheduler_file.exists() and scheduler_file.stat().st_size:
                break
            time.sleep(0.1)
        address = json.loads(scheduler_file.read_text())["address"]
        workers = subprocess.Popen([sys.executable, "-m", "dask", "worker", address, "--nworkers", "2",
                                    "--nthreads", "1", "--no-dashboard", "--host", "127.0.0.1",
                                    "--preload", "tests.dask_stand_ins"], **quiet)
        yield address, scheduler
    finally:
        for process in (workers, scheduler):
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGINT)
        for process in (workers, scheduler):
            if process is not None:
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()


# -- the same database -------------------------------------------------------------------


def test_local_workers_store_what_one_process_stores_whatever_order_articles_finish(serial_db, tmp_path):
    db = tmp_path / "q.db"
    with dask.config.set(PRELOAD):
        report = ingest(CORPUS, db, SlowFirst(), workers=2)
    assert report.ok and report.parsed == 5
    assert contents(db) == contents(serial_db)


def test_a_cluster_started_with_dasks_own_commands_stores_what_one_process_stores(serial_db, dask_cli, tmp_path):
    address, _ = dask_cli
    db = tmp_path / "q.db"
    report = ingest(CORPUS, db, SlowFirst(), scheduler=address)
    assert report.ok and report.parsed == 5
    assert contents(db) == contents(serial_db)
    again = ingest(CORPUS, db, FixtureParser(), scheduler=address)
    assert (again.parsed, again.skipped) == (0, 5)  # nothing to send: unchanged files are not read


def test_articles_analysed_again_on_workers_from_stored_parses(serial_db, local_cluster, tmp_path):
    db = tmp_path / "q.db"
    shutil.copy(serial_db, db)
    with sqlite3.connect(db) as con:  # as after a rules change: stored parses, other analysis
        con.execute("update articles set analysis_version = 'older rules'")
        con.execute("update input_files set analysis_version = 'older rules'")
    parser = FixtureParser()
    report = ingest(CORPUS, db, parser, scheduler=local_cluster.scheduler_address)
    assert (report.parsed, report.reanalysed, report.errors) == (0, 5, ())
    assert contents(db) == contents(serial_db)


# -- faults ---------------------------------------------------------------------------------


def test_a_worker_killed_mid_article_is_replaced_and_the_ingest_completes(serial_db, local_cluster, tmp_path):
    db = tmp_path / "q.db"
    marker = tmp_path / "killed"
    report = ingest(CORPUS, db, KillsOnce(marker), scheduler=local_cluster.scheduler_address)
    assert marker.exists()  # a worker did die
    assert report.ok and report.parsed == 5
    assert contents(db) == contents(serial_db)


def test_an_article_that_kills_every_worker_is_reported_and_the_rest_stored(local_cluster, tmp_path):
    db = tmp_path / "q.db"
    report = ingest(CORPUS, db, KillsAlways(), scheduler=local_cluster.scheduler_address)
    assert report.parsed == 4 and len(report.errors) == 1
    name = sorted(CORPUS.glob("*.txt"))[1].name
    assert name in report.errors[0] and "worker processes that ran it died" in report.errors[0]


def test_an_article_that_fails_on_a_worker_is_reported_like_bad_input(local_cluster, tmp_path):
    db = tmp_path / "q.db"
    report = ingest(CORPUS, db, FailsOne(), scheduler=local_cluster.scheduler_address)
    assert report.parsed == 4
    path = sorted(CORPUS.glob("*.txt"))[3]
    assert report.errors == (f"{path}: could not be analysed (ValueError: no sentence boundary found)",)
    with sqlite3.connect(db) as con:
        assert con.execute("select count(*) from ingest_log where status = 'error'").fetchone() == (1,)


def test_the_scheduler_gone_mid_ingest_is_a_clear_error_and_a_rerun_continues(serial_db, dask_cli, tmp_path):
    address, scheduler = dask_cli
    db = tmp_path / "q.db"
    marker = tmp_path / "started"
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)

    def stop_when_started():
        for _ in range(600):
            if marker.exists():
                scheduler.kill()
                return
            time.sleep(0.05)

    import threading

    stopper = threading.Thread(target=stop_when_started)
    stopper.start()
    with pytest.raises(ClusterError, match=f"the Dask scheduler at {address} went away.*run the ingest again"):
        ingest(corpus, db, Stalls(marker), scheduler=address)
    stopper.join()
    with sqlite3.connect(db) as con:
        assert con.execute("pragma integrity_check").fetchone() == ("ok",)
        stored = con.execute("select count(*) from articles").fetchone()[0]
    assert stored < 5
    rerun = ingest(corpus, db, FixtureParser(), workers=1)
    assert rerun.ok and rerun.parsed == 5 - stored and rerun.skipped == stored
    assert contents(db) == contents(serial_db)


def test_a_worker_with_other_models_than_the_client_stops_the_ingest_clearly(local_cluster, tmp_path):
    with pytest.raises(ClusterError, match=r"worker tcp://127\.0\.0\.1:\d+ parses with other models"):
        ingest(CORPUS, tmp_path / "q.db", OtherModelsOnWorkers(), scheduler=local_cluster.scheduler_address)


# -- choosing the engine ---------------------------------------------------------------------


def test_small_corpora_stay_in_process_and_large_ones_use_every_core_memory_allows():
    assert default_workers(50_000, n_cores=16, memory=64 * 10**9) == 1
    assert default_workers(10**9, n_cores=16, memory=64 * 10**9) == 16
    assert default_workers(10**9, n_cores=16, memory=6 * 10**9) == 4  # 1.5 GB a worker
    assert default_workers(10**9, n_cores=2, memory=24 * 10**9) == 2
    assert isinstance(engine_for(total_bytes=CORPUS.stat().st_size), engines.InProcess)


@pytest.mark.parametrize("options, message", [
    ({"workers": 2, "scheduler": "tcp://127.0.0.1:8786"}, "give one"),
    ({"workers": 0}, "--workers 0"),
    ({"threads": 0}, "--threads 0"),
])
def test_contradictory_options_are_clear_errors(options, message):
    with pytest.raises(ClusterError, match=message):
        engine_for(**options)


def test_a_scheduler_nobody_runs_is_a_clear_one_line_error(tmp_path, monkeypatch):
    monkeypatch.setattr(engines, "CONNECT_TIMEOUT", 2)
    result = CliRunner().invoke(cli, ["ingest", str(CORPUS), "--db", str(tmp_path / "q.db"),
                                      "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 1
    assert "could not reach the Dask scheduler at tcp://127.0.0.1:9" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "q.db").exists() or contents(tmp_path / "q.db")["articles"] == []


@pytest.mark.slow
def test_real_models_on_two_local_workers_store_what_one_process_stores(tmp_path):
    """The bundled models on each worker, loaded there: the same parses, quotes and IDs."""
    from quotetrack.parse import Parser

    one = ingest(CORPUS, tmp_path / "one.db", Parser("bundled"), workers=1, threads=1)
    two = ingest(CORPUS, tmp_path / "two.db", Parser("bundled"), workers=2, threads=1)
    assert one.ok and two.ok and two.parsed == 5
    assert contents(tmp_path / "two.db") == contents(tmp_path / "one.db")


class _CountingEngine:
    """Runs jobs when their results are asked for, counting how many wait at once."""

    window = 2

    def __init__(self):
        self.outstanding = self.most = 0

    def submit(self, job):
        from quotetrack.cluster import run_job

        engine = self
        engine.outstanding += 1
        engine.most = max(engine.most, engine.outstanding)

        class Handle:
            def result(self):
                engine.outstanding -= 1
                return run_job(job)

        return Handle()

    def close(self):
        pass


def test_no_more_articles_are_in_flight_than_the_window_whatever_the_corpus_size(tmp_path, monkeypatch):
    from quotetrack import pipeline

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(30):
        (corpus / f"a{n:02d}.txt").write_text(f"Report {n}\n\"We will stay,\" said Ali Hassan {n}.\n",
                                             encoding="utf-8")
    engine = _CountingEngine()
    monkeypatch.setattr(pipeline, "engine_for", lambda *args: engine)
    report = ingest(corpus, tmp_path / "q.db", _EmptyParser())
    assert report.ok and report.parsed == 30
    assert engine.most == engine.window + 1  # the window, and the one waited for


class _EmptyParser:
    models = "bundled"

    def versions(self):
        return {"stand-in": "1"}

    def parse(self, text):
        from quotetrack.records import ParsedDoc

        return ParsedDoc(text=text, sentences=())
