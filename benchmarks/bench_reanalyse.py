"""What a change of rules or word lists costs once parses are stored.

Ingests a corpus folder into a fresh database with the bundled models (every
article parsed, its parse stored), then analyses it again from the stored
parses, as an edit of the word lists or a new RULES_VERSION does (the analysis
version is changed in-process; Stanza is not run: the parser refuses). Prints
the seconds of each, and the database's size with and without the parses.

    python benchmarks/bench_reanalyse.py corpus/
    python benchmarks/bench_reanalyse.py ~/.cache/quotetrack/polnear/data/dev/text
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from quotetrack import pipeline
from quotetrack.parse import Parser
from quotetrack.store import open_store


class NoParsing(Parser):
    """The bundled models' versions, but no parsing: re-analysis must use stored parses."""

    def parse_many(self, texts):
        raise AssertionError("a stored parse was not used")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "q.db"
        t0 = time.perf_counter()
        first = pipeline.ingest(args.corpus, db, Parser("bundled"))
        parse_s = time.perf_counter() - t0
        pipeline.RULES_VERSION += "-bench"  # what a rules change or a word-list edit does to the version
        t0 = time.perf_counter()
        again = pipeline.ingest(args.corpus, db, NoParsing("bundled"))
        ingest_s = time.perf_counter() - t0
        pipeline.RULES_VERSION += "-again"
        t0 = time.perf_counter()
        stored = pipeline.reanalyse(db, NoParsing("bundled"))
        reanalyse_s = time.perf_counter() - t0
        store = open_store(db)
        words, parse_bytes = next(iter(store.db.query(
            "select sum(words) w, sum(length(conllu_zlib)) b from parses"))).values()
        store.close()
        size = os.path.getsize(db)
    assert (again.parsed, again.reanalysed) == (0, first.parsed), again
    assert (stored.parsed, stored.reanalysed) == (0, first.parsed), stored
    print(f"{first.articles} articles, {words} words, {first.quotes} quotes")
    print(f"ingest, parsing every article:          {parse_s:7.1f} s")
    print(f"ingest after a rules change (no parse): {ingest_s:7.1f} s")
    print(f"quotetrack reanalyse (no corpus folder):{reanalyse_s:7.1f} s")
    print(f"database {size / 1e6:.2f} MB, of which stored parses {parse_bytes / 1e6:.2f} MB "
          f"({parse_bytes / max(words, 1):.1f} bytes a word)")


if __name__ == "__main__":
    main()
