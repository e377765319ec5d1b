"""Speed of quotetrack's English Stanza pipeline, single process.

Prints words/second end to end on the sample corpus (corpus/*.txt) and on the
raw text of UD English-EWT test, the time spent in each processor (each
processor's ``process`` method is wrapped with a timer), which processor
dominates, and the peak resident memory of the process.

    .venv/bin/python benchmarks/bench_pipeline.py [--models bundled|official|DIR]
        [--data ../shared/ud] [--threads N] [--repeat N]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class ProcessorTimer:
    """Wrap every processor's ``process`` so its wall time is accumulated."""

    def __init__(self, pipeline):
        self.times: dict[str, float] = defaultdict(float)
        self.order = list(pipeline.processors)
        for name, proc in pipeline.processors.items():
            original = proc.process

            def timed(doc, _original=original, _name=name):
                start = time.perf_counter()
                try:
                    return _original(doc)
                finally:
                    self.times[_name] += time.perf_counter() - start

            proc.process = timed

    def reset(self) -> None:
        self.times.clear()


def work_counters() -> dict:
    """What the encoder and the tree decoder did so far in this process."""
    from quotetrack.parse import decode
    from quotetrack.parse.features import work_done

    return {**work_done(), **decode.STATS}


def run_texts(pipeline, timer: ProcessorTimer, texts: list[str], repeat: int = 1) -> dict:
    from quotetrack.parse.features import forget_all

    timer.reset()
    before = work_counters()
    words = 0
    start = time.perf_counter()
    for _ in range(repeat):
        forget_all()  # each pass computes the encoder features afresh
        for text in texts:
            doc = pipeline(text)
            words += sum(len(s.words) for s in doc.sentences)
    total = time.perf_counter() - start
    after = work_counters()
    work = {k: after[k] - before[k] for k in after}
    return {"words": words, "seconds": total, "per_processor": dict(timer.times), "work": work}


def report(name: str, res: dict, order: list[str]) -> str:
    wps = res["words"] / res["seconds"]
    lines = [f"## {name}",
             f"{res['words']} words in {res['seconds']:.2f} s: **{wps:.0f} words/s** end to end", "",
             "| processor | seconds | share | words/s |", "| --- | --- | --- | --- |"]
    per = res["per_processor"]
    for proc in order:
        t = per.get(proc, 0.0)
        share = 100 * t / res["seconds"] if res["seconds"] else 0
        lines.append(f"| {proc} | {t:.2f} | {share:.0f}% | {res['words'] / t if t else 0:.0f} |")
    other = res["seconds"] - sum(per.values())
    lines.append(f"| (pipeline overhead) | {other:.2f} | {100 * other / res['seconds']:.0f}% | |")
    dominant = max(per, key=per.get) if per else "?"
    lines += ["", f"dominant processor: **{dominant}** ({100 * per.get(dominant, 0) / res['seconds']:.0f}% of the time)"]
    work = res.get("work", {})
    if work.get("encoded"):
        share = 100 * work["padded"] / (work["encoded"] + work["padded"])
        lines.append(f"encoder: {work['encoded']} word pieces, {work['padded']} padding ({share:.0f}%)")
    if work.get("fast") or work.get("full"):
        trees = work["fast"] + work["full"]
        lines.append(f"parser trees: {trees}, {100 * work['fast'] / trees:.0f}% the best heads as they are, "
                     "the rest by Chu-Liu/Edmonds")
    return "\n".join(lines)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--models", default=None, help="bundled (default), official, or a model directory")
    p.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "ud",
                   help="directory with en_ewt-ud-test.conllu")
    p.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    p.add_argument("--threads", type=int, default=None, help="torch threads (default: torch's choice)")
    p.add_argument("--repeat", type=int, default=3, help="passes over the sample corpus")
    a = p.parse_args(argv)

    import torch

    if a.threads:
        torch.set_num_threads(a.threads)

    from quotetrack.parse.models import load_pipeline, model_versions
    from quotetrack.training.evaluate import raw_text_from_conllu

    rss0 = peak_rss_mb()
    t0 = time.perf_counter()
    pipeline = load_pipeline(a.models)
    load_s = time.perf_counter() - t0
    rss_loaded = peak_rss_mb()
    timer = ProcessorTimer(pipeline)
    print("# quotetrack pipeline benchmark\n")
    print(f"models: {model_versions(a.models)}")
    print(f"torch threads: {torch.get_num_threads()}; load time {load_s:.1f} s; "
          f"peak RSS before load {rss0:.0f} MB, after load {rss_loaded:.0f} MB\n")

    # warm-up, not timed
    pipeline("Warm-up sentence. \"It works,\" she said.")

    corpus = [f.read_text(encoding="utf-8") for f in sorted(a.corpus.glob("*.txt"))]
    if corpus:
        res = run_texts(pipeline, timer, corpus, repeat=a.repeat)
        print(report(f"sample corpus ({len(corpus)} articles x {a.repeat})", res, timer.order))
        print()
    ewt = a.data / "en_ewt-ud-test.conllu"
    if ewt.exists():
        res = run_texts(pipeline, timer, [raw_text_from_conllu(ewt)])
        print(report("EWT test raw text", res, timer.order))
        print()
    print(f"peak RSS (resource.getrusage ru_maxrss): {peak_rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
