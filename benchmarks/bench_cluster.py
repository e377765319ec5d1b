"""Words per second of the whole ingest, in one process and on Dask workers.

Writes the documents of UD English-EWT test (or any CoNLL-U file) as a corpus
of .txt articles (one paragraph a line), then times ``quotetrack ingest`` of it
into a fresh database for each configuration: ``--workers 1`` at one thread,
``--workers 1`` at two threads, ``--workers 2`` (one thread each), and any
``--configs`` given. Wall time covers everything a user waits for: start-up,
model loading on every worker, parsing, storing and the corpus-wide linking.
A sampler reads the resident memory of the ingest and of every process it
starts (the workers) every 0.2 s: the peak per process is printed.

    .venv/bin/python benchmarks/bench_cluster.py [--data ../shared/ud/en_ewt-ud-test.conllu]
        [--configs 1x1,1x2,2x1] [--repeat 1]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def conllu_documents(path: Path) -> list[tuple[str, int]]:
    """(text, words) of each ``# newdoc`` of a CoNLL-U file: paragraphs a line each."""
    docs: list[tuple[list[list[str]], int]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newdoc") or not docs:
            docs.append(([[]], 0))
        paragraphs, words = docs[-1]
        if line.startswith("# newpar") and paragraphs[-1]:
            paragraphs.append([])
        elif line.startswith("# text = "):
            paragraphs[-1].append(line[len("# text = "):])
        elif line and line[0].isdigit() and "-" not in line.split("\t", 1)[0] and "." not in line.split("\t", 1)[0]:
            docs[-1] = (paragraphs, words + 1)
    return [("\n".join(" ".join(p) for p in paragraphs if p) + "\n", words) for paragraphs, words in docs
            if words]


def write_corpus(docs: list[tuple[str, int]], folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    for n, (text, _) in enumerate(docs):
        (folder / f"doc{n:04d}.txt").write_text(text, encoding="utf-8")
    return sum(words for _, words in docs)


class MemorySampler(threading.Thread):
    """Peak RSS of a process and each of its descendants, sampled."""

    def __init__(self, pid: int, every: float = 0.2):
        super().__init__(daemon=True)
        self.pid, self.every = pid, every
        self.peaks: dict[int, tuple[str, int]] = {}
        self.stop = threading.Event()

    def run(self) -> None:
        import psutil

        try:
            root = psutil.Process(self.pid)
        except psutil.NoSuchProcess:
            return
        while not self.stop.is_set():
            try:
                processes = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            for p in processes:
                try:
                    rss, name = p.memory_info().rss, " ".join(p.cmdline()[-3:])[:60]
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    continue
                peak = self.peaks.get(p.pid, (name, 0))[1]
                self.peaks[p.pid] = (name, max(peak, rss))
            self.stop.wait(self.every)


def run_ingest(corpus: Path, workers: int, threads: int, db: Path) -> tuple[float, dict, str]:
    command = [sys.executable, "-m", "quotetrack", "ingest", str(corpus), "--db", str(db),
               "--workers", str(workers), "--threads", str(threads)]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT)
    sampler = MemorySampler(process.pid)
    sampler.start()
    output, _ = process.communicate()
    seconds = time.perf_counter() - started
    sampler.stop.set()
    sampler.join()
    if process.returncode:
        raise SystemExit(f"ingest failed ({process.returncode}):\n{output}")
    summary = [line for line in output.splitlines() if " articles (" in line]
    return seconds, sampler.peaks, summary[-1] if summary else output.strip().splitlines()[-1]


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "ud" / "en_ewt-ud-test.conllu")
    p.add_argument("--configs", default="1x1,1x2,2x1",
                   help="WORKERSxTHREADS, comma-separated (threads: torch threads per process)")
    p.add_argument("--repeat", type=int, default=1)
    p.add_argument("--keep", type=Path, default=None, help="write the corpus here (else a temp folder)")
    a = p.parse_args(argv)

    docs = conllu_documents(a.data)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = a.keep or Path(tmp) / "corpus"
        words = write_corpus(docs, corpus)
        print("# quotetrack ingest: one process and Dask workers\n")
        print(f"corpus: {len(docs)} documents of {a.data.name}, {words:,} words; "
              f"machine: {os.cpu_count()} cores\n")
        print("| workers × threads | wall s | words/s | × 1×1 | peak RSS per process (MB) |")
        print("|---|---|---|---|---|")
        base = None
        for config in a.configs.split(","):
            workers, threads = (int(x) for x in config.split("x"))
            for r in range(a.repeat):
                db = Path(tmp) / f"{config}-{r}.db"
                seconds, peaks, summary = run_ingest(corpus, workers, threads, db)
                rate = words / seconds
                base = base or rate
                memory = ", ".join(f"{rss / 2**20:.0f}" for _, rss in sorted(peaks.values(), key=lambda v: -v[1])
                                   if rss > 200 * 2**20)
                print(f"| {workers} × {threads} | {seconds:.1f} | {rate:,.0f} | {rate / base:.2f} | {memory} |",
                      flush=True)
                print(f"<!-- {summary} -->", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
