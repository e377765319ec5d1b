"""How utterance grouping scales with the number of quotes.

Synthetic quotes: speakers with statements made of random words from a fixed
vocabulary, each statement reported by one to four outlets (some trimmed, some
as reported speech), over a span of days; one speaker in ten is prolific (a
head of state: a block far above the exact-comparison limit, so the vectors go
through LSH). Vectors are synthetic too — a random unit vector per statement,
and each report near it (its noise set so that reports of one statement land at
a cosine of about 0.8) — so the grouping is timed apart from the encoder, whose
cost is measured on its own (``--encode``, real MiniLM on real-looking texts:
quotes/s on this machine, then the projected hours for each size).

Prints quotes, speakers, utterances, seconds, quotes/s and the process's peak
resident memory for each size (each size runs in a process of its own, so its
peak is its own: the corpus, the vectors and the grouping); the time should grow
about linearly with the number of quotes.

    python benchmarks/bench_utterances.py --sizes 10000 100000 --encode 2000
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import resource
import subprocess
import sys
import time

import numpy as np

from quotetrack import ids
from quotetrack.records import Quote, ResolvedQuote
from quotetrack.utterances import When, group_utterances

VOCABULARY = (
    "talks ceasefire agreement aid convoy city rebels army civilians evacuation shelling "
    "hospital corridor withdrawal offensive district negotiations government militants "
    "humanitarian terms proposal deal siege fighting district residents bombing truce "
    "conditions passage guarantees monitors observers reports agencies reality reached "
    "continue reach close warn expect insist demand reject accept propose resume halt"
).split()
FILLER = "the a of to in on and that will is was has been for with".split()
DIM = 384


def statement(rng: random.Random) -> list[str]:
    return [rng.choice(VOCABULARY if rng.random() < 0.6 else FILLER) for _ in range(rng.randint(8, 25))]


def corpus(n_quotes: int, per_speaker: int = 80, seed: int = 1):
    """(quotes, vectors, times) of a synthetic corpus of ``n_quotes`` quotes."""
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    quotes, vectors, whens = [], {}, {}
    speakers = max(1, n_quotes // per_speaker)
    while len(quotes) < n_quotes:
        # one statement in ten is the prolific speaker's
        speaker = "s-00000000" if rng.random() < 0.1 else f"s-{rng.randrange(1, speakers + 1):08d}"
        words = statement(rng)
        centre = nrng.standard_normal(DIM).astype(np.float32)
        centre /= np.linalg.norm(centre)
        day = f"2016-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        for outlet in range(rng.randint(1, 4)):
            variant = words[rng.randint(0, 2):] if outlet % 2 else words
            text = " ".join(variant)
            kind = "indirect" if outlet == 3 else "direct"
            doc = f"{len(quotes)}.txt"
            sha = hashlib.sha256(f"{len(quotes)}:{text}".encode()).hexdigest()
            q = Quote(kind=kind, start_char=0, end_char=len(text), text=text, rule="bench", confidence=1.0)
            quote = ResolvedQuote(quote_id=ids.quote_id(sha, 0, len(text)), doc=doc, quote=q,
                                  speaker_id=speaker, speaker_name=speaker, speaker_type="person")
            noise = nrng.standard_normal(DIM).astype(np.float32) * 0.04
            v = centre + noise
            vectors[quote.quote_id] = v / np.linalg.norm(v)
            whens[doc] = When(day=day)
            quotes.append(quote)
    return quotes[:n_quotes], vectors, whens


def encode_rate(n: int) -> float:
    """Quotes per second the real MiniLM encodes (texts of 8-25 words, as quotes are)."""
    from quotetrack.utterances.embed import Encoder

    rng = random.Random(7)
    texts = [" ".join(statement(rng)) for _ in range(n)]
    encoder = Encoder()
    encoder.encode(texts[:8])  # load the model
    t0 = time.perf_counter()
    encoder.encode(texts)
    return n / (time.perf_counter() - t0)


def one_size(n: int, per_speaker: int) -> dict:
    quotes, vectors, whens = corpus(n, per_speaker)
    t0 = time.perf_counter()
    grouping = group_utterances(quotes, vectors, whens)
    seconds = time.perf_counter() - t0
    return {"n": n, "speakers": len({q.speaker_id for q in quotes}),
            "largest": sum(1 for q in quotes if q.speaker_id == "s-00000000"),
            "utterances": len(set(grouping.utterance_of.values())), "seconds": seconds,
            "peak_mb": peak_rss_mb()}


def peak_rss_mb() -> float:
    """This process's peak resident memory: VmHWM (reset by exec, unlike
    getrusage's maxrss, which a child started from a big parent inherits)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--per-speaker", type=int, default=80, help="quotes per speaker (on average)")
    parser.add_argument("--encode", type=int, default=0, help="also time MiniLM on this many texts")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # one size, in this process
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_size(args.one, args.per_speaker)))
        return
    rate = encode_rate(args.encode) if args.encode else None
    if rate:
        print(f"MiniLM encoding (one process, this machine): {rate:.0f} quotes/s")
    print(f"{'quotes':>8} {'speakers':>9} {'largest':>8} {'utterances':>11} {'seconds':>8} {'quotes/s':>9} "
          f"{'peak MB':>8}" + (f" {'encode h':>9}" if rate else ""))
    previous = None
    for n in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(n), "--per-speaker", str(args.per_speaker)],
                             check=True, capture_output=True, text=True).stdout
        r = json.loads(out.strip().splitlines()[-1])
        line = (f"{n:>8} {r['speakers']:>9} {r['largest']:>8} {r['utterances']:>11} {r['seconds']:>8.2f} "
                f"{n / r['seconds']:>9.0f} {r['peak_mb']:>8.0f}")
        if rate:
            line += f" {n / rate / 3600:>9.2f}"
        print(line, flush=True)
        if previous:
            print(f"   growth x{n / previous['n']:.0f} quotes: time x{r['seconds'] / previous['seconds']:.1f}, "
                  f"peak memory x{r['peak_mb'] / previous['peak_mb']:.1f}", flush=True)
        previous = r


if __name__ == "__main__":
    main()
