"""How utterance grouping scales with the number of quotes.

Synthetic quotes: N speakers, each with statements made of random words from a
fixed vocabulary, every statement reported by several outlets (some trimmed,
some as reported speech). Prints quotes, utterances and seconds for growing
corpus sizes: the time should grow about linearly (candidates come from a
shingle index per speaker), never with the square of the number of quotes.

    python benchmarks/bench_utterances.py --sizes 1000 4000 16000
"""

from __future__ import annotations

import argparse
import hashlib
import random
import time

from quotetrack import ids
from quotetrack.records import Quote, ResolvedQuote
from quotetrack.utterances import group_utterances

VOCABULARY = (
    "talks ceasefire agreement aid convoy city rebels army civilians evacuation shelling "
    "hospital corridor withdrawal offensive district negotiations government militants "
    "humanitarian terms proposal deal siege fighting district residents bombing truce "
    "conditions passage guarantees monitors observers reports agencies reality reached "
    "continue reach close warn expect insist demand reject accept propose resume halt"
).split()
FILLER = "the a of to in on and that will is was has been for with".split()


def statement(rng: random.Random) -> list[str]:
    return [rng.choice(VOCABULARY if rng.random() < 0.6 else FILLER) for _ in range(rng.randint(8, 25))]


def corpus(n_quotes: int, per_speaker: int = 80, seed: int = 1) -> list[ResolvedQuote]:
    rng = random.Random(seed)
    quotes = []
    speakers = max(1, n_quotes // per_speaker)
    while len(quotes) < n_quotes:
        speaker = f"s-{rng.randrange(speakers):08d}"
        words = statement(rng)
        for outlet in range(rng.randint(1, 4)):
            variant = words[rng.randint(0, 2):] if outlet % 2 else words
            text = " ".join(variant)
            kind = "indirect" if outlet == 3 else "direct"
            sha = hashlib.sha256(f"{len(quotes)}:{text}".encode()).hexdigest()
            q = Quote(kind=kind, start_char=0, end_char=len(text), text=text, rule="bench", confidence=1.0)
            quotes.append(ResolvedQuote(quote_id=ids.quote_id(sha, 0, len(text)), doc=f"{len(quotes)}.txt",
                                        quote=q, speaker_id=speaker, speaker_name=speaker))
    return quotes[:n_quotes]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000, 16000])
    parser.add_argument("--per-speaker", type=int, default=80, help="quotes per speaker (on average)")
    args = parser.parse_args()
    print(f"{'quotes':>8} {'speakers':>9} {'utterances':>11} {'seconds':>8} {'quotes/s':>9}")
    for n in args.sizes:
        quotes = corpus(n, args.per_speaker)
        order = {q.quote_id: (i,) for i, q in enumerate(quotes)}
        t0 = time.perf_counter()
        groups = group_utterances(quotes, order)
        seconds = time.perf_counter() - t0
        speakers = len({q.speaker_id for q in quotes})
        print(f"{n:>8} {speakers:>9} {len(set(groups.values())):>11} {seconds:>8.2f} {n / seconds:>9.0f}")


if __name__ == "__main__":
    main()
