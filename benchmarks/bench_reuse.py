"""Republished copies (quotetrack.utterances.reuse) at corpus scale.

Synthetic corpora of ~400-word articles made of pseudo-words (a Zipf-weighted
vocabulary plus a bank of set phrases every article draws on, so unrelated
articles share some shingles, as news does), with events reported by several
outlets that quote the same two sentences (not reuse), and a planted share of
copies of earlier articles: exact, with a new byline and first paragraph, cut
to 60%, two words changed in each paragraph, cut to 40% with a paragraph
added. Prints, for each size: seconds to make the signatures, to index and
query (incrementally, in batches, as an ingest would), peak traced memory,
signature bytes per article, and recall / precision of the planted copies
(a found link is right when both articles are of one planted family); then the
growth from the first size to the last.

    python benchmarks/bench_reuse.py --sizes 10000 100000

As measured (2 CPU cores, one used; datasketch 2.0.0; batches of 1000; RSS is
the process's peak, "corpus" the RSS once the synthetic texts were made):

     articles  words  planted  found  recall precision   sig s index+query s  RSS MB corpus MB  sig B
        10000    471      520    515   0.990     1.000     7.7           1.9     292       183    576
        candidates a query 0.20; recall by kind: exact 93/93, byline 118/118, cut60 93/93,
        edited 102/102, cut40+para 109/114
       100000    471     5131   5075   0.989     1.000    97.1          35.4    2117       895    576
        candidates a query 1.41; recall by kind: exact 997/997, byline 988/988, cut60 1076/1076,
        edited 1005/1005, cut40+para 1006/1065
    growth 10000 -> 100000 (x10): signatures x12.5, index+query x18.2, peak memory x7.2

The query time grows faster than the corpus because chance candidates do (the
synthetic articles share a bank of set phrases): each is checked exactly, so
precision stays 1.0. The misses are the copies cut to 40% with a paragraph
added (Jaccard about 0.36 with their source).
    python benchmarks/bench_reuse.py --choices    # the measurements behind the parameters

``--choices`` measures, on the constructed cases of tests/utterances/prose.py:
the share of shingles that copies and non-copies keep for shingles of 3 to 8
words; how often MinHashLSH (this module's parameters) and MinHashLSHEnsemble
(containment 0.5) return the source of each kind of copy, over 200 seeds,
among 2,000 synthetic distractors; and their candidates and seconds a query.
As measured (datasketch 2.0.0):

    share of the copy's shingles in the wire story, by words a shingle
    case                  3      4      5      6      8
    edited2/para       0.85   0.81   0.77   0.73   0.65
    edited4/para       0.73   0.66   0.60   0.54   0.45
    other report       0.14   0.12   0.11   0.10   0.09
    (exact, byline+para, cut60/40/25: 1.00 at every length; unrelated 0.00)

    MinHashLSH threshold 0.3 weights (0.3, 0.7): 42 bands of 3;
    MinHashLSHEnsemble containment 0.5, 16 partitions
    case             jaccard contain    LSH    Ens Ens rev
    exact               1.00    1.00   1.00   1.00    1.00
    byline+para         0.90    1.00   1.00   1.00    1.00
    cut60               0.67    1.00   1.00   1.00    1.00
    cut40               0.47    1.00   0.99   1.00    0.40
    cut25               0.33    1.00   0.78   1.00    0.10
    edited2/para        0.62    0.77   1.00   1.00    1.00
    edited4/para        0.43    0.60   0.96   0.96    0.96
    other report        0.05    0.11   0.00   0.00    0.00
    unrelated           0.00    0.00   0.00   0.00    0.00
    chance candidates a query among 2000 distractors: LSH 0.00, Ensemble 0.00
    ms a query: LSH 0.141, Ensemble 0.191; ms to build over 2001: LSH 742, Ensemble 6538

("Ens rev": the copy indexed and the source the query, as when an earlier
source is ingested after its copy: the ensemble finds only copies that
contain half the source.)
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import json
import resource
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quotetrack.utterances import reuse  # noqa: E402

SYLLABLES = "ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu " \
            "ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu za ze zi zo zu".split()


class Writer:
    """Deterministic pseudo-prose."""

    def __init__(self, seed: int = 7, vocabulary: int = 30000, phrases: int = 3000):
        self.rng = random.Random(seed)
        words = set()
        while len(words) < vocabulary:
            words.add("".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(1, 4))))
        self.words = sorted(words)
        self.rng.shuffle(self.words)
        self.weights = [1 / (i + 1) for i in range(len(self.words))]
        self.cum = []
        total = 0.0
        for w in self.weights:
            total += w
            self.cum.append(total)
        self.phrases = [self.choose(self.rng.randint(3, 6)) for _ in range(phrases)]
        pcum, total = [], 0.0
        for i in range(phrases):
            total += 1 / (i + 1)
            pcum.append(total)
        self.pcum = pcum

    def choose(self, k: int) -> list[str]:
        return self.rng.choices(self.words, cum_weights=self.cum, k=k)

    def sentence(self) -> str:
        out: list[str] = []
        target = self.rng.randint(12, 28)
        while len(out) < target:
            if self.rng.random() < 0.25:
                out += self.rng.choices(self.phrases, cum_weights=self.pcum, k=1)[0]
            else:
                out += self.choose(self.rng.randint(1, 4))
        return " ".join(out).capitalize() + "."

    def paragraph(self, sentences: int | None = None) -> str:
        return " ".join(self.sentence() for _ in range(sentences or self.rng.randint(2, 3)))

    def article(self, quotes: list[str] = ()) -> list[str]:
        paras = [self.paragraph() for _ in range(self.rng.randint(7, 9))]
        for q in quotes:
            paras.insert(self.rng.randint(1, len(paras)), f'"{q}" {self.choose(1)[0]} said.')
        return paras

    def edit(self, paras: list[str], per_paragraph: int = 2) -> list[str]:
        out = []
        for p in paras:
            ws = p.split()
            for _ in range(per_paragraph):
                ws[self.rng.randrange(len(ws))] = self.choose(1)[0]
            out.append(" ".join(ws))
        return out


COPY_KINDS = ("exact", "byline", "cut60", "edited", "cut40+para")


def copy_of(writer: Writer, paras: list[str], kind: str) -> list[str]:
    if kind == "exact":
        return list(paras)
    if kind == "byline":
        return ["By " + " ".join(writer.choose(2)).title(), writer.paragraph()] + paras
    if kind == "cut60":
        return _cut(paras, 0.6)
    if kind == "edited":
        return writer.edit(paras)
    return _cut(paras, 0.4) + [writer.paragraph()]


def _cut(paras: list[str], fraction: float) -> list[str]:
    words = sum(len(p.split()) for p in paras)
    out, n = [], 0
    for p in paras:
        if n >= fraction * words:
            break
        out.append(p)
        n += len(p.split())
    return out


def synthetic_corpus(n: int, copy_share: float = 0.05, seed: int = 7):
    """(articles as (id, text, day), family of each article, planted {(copy, source): kind})."""
    writer = Writer(seed)
    rng = writer.rng
    articles, family, planted = [], {}, {}
    originals: list[tuple[str, list[str], int]] = []
    event_quotes: list[str] = []
    while len(articles) < n:
        i = len(articles)
        day = i // 500
        aid = f"a{i:07d}"
        if originals and rng.random() < copy_share:
            src_id, src_paras, src_day = rng.choice(originals[-2000:])
            kind = COPY_KINDS[rng.randrange(len(COPY_KINDS))]
            paras = copy_of(writer, src_paras, kind)
            articles.append((aid, "\n\n".join(paras), max(day, src_day + 1)))
            family[aid] = family[src_id]
            planted[aid, src_id] = kind
            continue
        if not event_quotes or rng.random() < 0.3:  # a new event, quoted by the next few reports
            event_quotes = [writer.sentence()[:-1] for _ in range(2)]
        paras = writer.article(event_quotes)
        articles.append((aid, "\n\n".join(paras), day))
        family[aid] = aid
        originals.append((aid, paras, day))
    return articles, family, planted


def run_size(n: int, batch: int) -> dict:
    articles, family, planted = synthetic_corpus(n)
    words = sum(len(t.split()) for _, t, _ in articles) / len(articles)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    fps = reuse.fingerprints(articles)
    sig_s = time.perf_counter() - t0
    sig_bytes = sum(len(reuse.signature_to_bytes(fp.signature)) for fp in fps if fp.signature) / len(fps)
    shingles = {fp.article_id: fp.shingles for fp in fps}
    index = reuse.ReuseIndex()
    candidates = 0
    query = index.candidates

    def counted(sig):
        nonlocal candidates
        got = query(sig)
        candidates += len(got)
        return got

    index.candidates = counted
    links = []
    t0 = time.perf_counter()
    for start in range(0, len(fps), batch):
        links += reuse.find_reuse(fps[start:start + batch], index, shingles.__getitem__)
    index_s = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux
    found = {(r.article, r.source) for r in links}
    right = sum(family[a] == family[s] for a, s in found)
    recall = len(planted.keys() & found) / len(planted)
    by_kind = {kind: (sum(1 for p, k in planted.items() if k == kind and p in found),
                      sum(1 for k in planted.values() if k == kind)) for kind in COPY_KINDS}
    return {"n": n, "words": words, "planted": len(planted), "found": len(found), "recall": recall,
            "precision": right / len(found) if found else 1.0, "sig_s": sig_s, "index_s": index_s,
            "peak_mb": peak, "corpus_mb": rss_before, "sig_bytes": sig_bytes, "by_kind": by_kind,
            "candidates": candidates / len(fps)}


def choices() -> None:
    import numpy as np
    from datasketch import LeanMinHash, MinHash, MinHashLSH, MinHashLSHEnsemble

    from tests.utterances import prose

    wire = prose.paragraphs(prose.WIRE)
    writer = Writer(3)
    cases = {
        "exact": prose.WIRE,
        "byline+para": "By Jo Bell, Evening Star\n\n" + prose.paragraphs(prose.OTHER_REPORT)[1] + "\n\n" + prose.WIRE,
        "cut60": "\n\n".join(_cut(wire, 0.6)),
        "cut40": "\n\n".join(_cut(wire, 0.4)),
        "cut25": "\n\n".join(_cut(wire, 0.25)),
        "edited2/para": "\n\n".join(writer.edit(wire, 2)),
        "edited4/para": "\n\n".join(writer.edit(wire, 4)),
    }
    negatives = {"other report": prose.OTHER_REPORT, "unrelated": prose.UNRELATED}

    print("share of the copy's shingles in the wire story, by words a shingle")
    print(f"{'case':<16}" + "".join(f"{n:>7}" for n in (3, 4, 5, 6, 8)))
    default = reuse.SHINGLE_WORDS
    try:
        for name, text in {**cases, **negatives}.items():
            row = []
            for n in (3, 4, 5, 6, 8):
                reuse.SHINGLE_WORDS = n
                a, b = reuse.shingles(text), reuse.shingles(prose.WIRE)
                row.append(max(reuse.containment(a, b)))
            print(f"{name:<16}" + "".join(f"{x:>7.2f}" for x in row))
    finally:
        reuse.SHINGLE_WORDS = default

    def sets(text):
        return reuse._as_array(reuse.shingles(text)).tolist()

    distractors = [sets("\n\n".join(writer.article())) for _ in range(2000)]
    source = sets(prose.WIRE)
    queries = {name: sets(text) for name, text in {**cases, **negatives}.items()}
    seeds = 200
    lsh_hits = {k: 0 for k in queries}
    ens_hits = {k: 0 for k in queries}
    ens_rev = {k: 0 for k in queries}
    lsh_cands = ens_cands = 0.0
    lsh_q = ens_q = 0.0
    build_lsh = build_ens = 0.0
    for seed in range(seeds):
        def mh(s):
            m = MinHash(num_perm=reuse.NUM_PERM, seed=seed, hashfunc=reuse._identity)
            m.update_batch(s)
            return LeanMinHash(m)
        # the distractors only change the candidate counts: 5 seeds of them are enough
        dmh_seed = [mh(s) for s in distractors] if seed < 5 else []
        smh = mh(source)
        qmh = {k: mh(s) for k, s in queries.items()}
        t0 = time.perf_counter()
        lsh = MinHashLSH(threshold=reuse.LSH_THRESHOLD, num_perm=reuse.NUM_PERM, weights=reuse.LSH_WEIGHTS)
        lsh.insert("source", smh)
        for i, m in enumerate(dmh_seed):
            lsh.insert(i, m)
        build_lsh += (time.perf_counter() - t0) if dmh_seed else 0.0
        t0 = time.perf_counter()
        ens = MinHashLSHEnsemble(threshold=reuse.THRESHOLD, num_perm=reuse.NUM_PERM, num_part=16)
        ens.index([("source", smh, len(source))] + [(i, m, len(s)) for i, (m, s) in
                                                   enumerate(zip(dmh_seed, distractors))])
        build_ens += (time.perf_counter() - t0) if dmh_seed else 0.0
        for k, m in qmh.items():
            t0 = time.perf_counter()
            got = lsh.query(m)
            lsh_q += time.perf_counter() - t0
            t0 = time.perf_counter()
            got_e = set(ens.query(m, len(queries[k])))
            ens_q += time.perf_counter() - t0
            lsh_hits[k] += "source" in got
            ens_hits[k] += "source" in got_e
            if dmh_seed:
                lsh_cands += len(got) - ("source" in got)
                ens_cands += len(got_e) - ("source" in got_e)
            # the other direction: the copy indexed, the source the query (a backfilled source)
            ens2 = MinHashLSHEnsemble(threshold=reuse.THRESHOLD, num_perm=reuse.NUM_PERM, num_part=1)
            ens2.index([("copy", m, len(queries[k]))])
            ens_rev[k] += "copy" in set(ens2.query(smh, len(source)))
    n_q = seeds * len(queries)
    lsh = MinHashLSH(threshold=reuse.LSH_THRESHOLD, num_perm=reuse.NUM_PERM, weights=reuse.LSH_WEIGHTS)
    print(f"\nMinHashLSH threshold {reuse.LSH_THRESHOLD} weights {reuse.LSH_WEIGHTS}: "
          f"{lsh.b} bands of {lsh.r}; MinHashLSHEnsemble containment {reuse.THRESHOLD}, 16 partitions")
    print(f"{'case':<16}{'jaccard':>8}{'contain':>8}{'LSH':>7}{'Ens':>7}{'Ens rev':>8}   (share of {seeds} seeds "
          "that return the source)")
    src = np.array(source)
    for k, s in queries.items():
        inter = np.intersect1d(src, np.array(s)).size
        jac = inter / (len(src) + len(s) - inter)
        cont = max(inter / len(s), inter / len(src))
        print(f"{k:<16}{jac:>8.2f}{cont:>8.2f}{lsh_hits[k] / seeds:>7.2f}{ens_hits[k] / seeds:>7.2f}"
              f"{ens_rev[k] / seeds:>8.2f}")
    qs = 5 * len(queries)
    print(f"chance candidates a query among 2000 distractors: LSH {lsh_cands / qs:.2f}, Ensemble {ens_cands / qs:.2f}")
    print(f"ms a query: LSH {1000 * lsh_q / n_q:.3f}, Ensemble {1000 * ens_q / n_q:.3f}; "
          f"ms to build over 2001 (5 seeds): LSH {1000 * build_lsh / 5:.0f}, Ensemble {1000 * build_ens / 5:.0f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10000, 100000])
    ap.add_argument("--batch", type=int, default=1000, help="articles an ingest adds at once")
    ap.add_argument("--choices", action="store_true", help="the measurements behind the parameters")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)  # one size, in its own process, as JSON
    args = ap.parse_args()
    if args.choices:
        choices()
        return
    if args.one:
        print(json.dumps(run_size(args.one, args.batch)))
        return
    ix = reuse.ReuseIndex()
    print(f"{reuse.SIGNATURE_VERSION}; LSH {ix.bands[0]} bands of {ix.bands[1]}; threshold {reuse.THRESHOLD}; "
          f"batches of {args.batch}")
    print(f"{'articles':>9} {'words':>6} {'planted':>8} {'found':>6} {'recall':>7} {'precision':>9} "
          f"{'sig s':>7} {'index+query s':>13} {'RSS MB':>7} {'corpus MB':>9} {'sig B':>6}")
    rows = []
    for n in args.sizes:
        # each size in its own process, so the peak memory is its own
        out = subprocess.run([sys.executable, __file__, "--one", str(n), "--batch", str(args.batch)],
                             check=True, capture_output=True, text=True).stdout
        row = json.loads(out.splitlines()[-1])
        rows.append(row)
        print(f"{row['n']:>9} {row['words']:>6.0f} {row['planted']:>8} {row['found']:>6} {row['recall']:>7.3f} "
              f"{row['precision']:>9.3f} {row['sig_s']:>7.1f} {row['index_s']:>13.1f} {row['peak_mb']:>7.0f} "
              f"{row['corpus_mb']:>9.0f} "
              f"{row['sig_bytes']:>6.0f}", flush=True)
        print(f"    candidates a query {row['candidates']:.2f}; recall by kind: "
              + ", ".join(f"{k} {f}/{t}" for k, (f, t) in row["by_kind"].items()), flush=True)
    if len(rows) > 1:
        a, b = rows[0], rows[-1]
        print(f"growth {a['n']} -> {b['n']} (x{b['n'] / a['n']:.0f}): signatures x{b['sig_s'] / a['sig_s']:.1f}, "
              f"index+query x{b['index_s'] / a['index_s']:.1f}, peak memory x{b['peak_mb'] / a['peak_mb']:.1f}")


if __name__ == "__main__":
    main()
