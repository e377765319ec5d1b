"""What reading the corpus formats costs, next to parsing.

Prints (1) pages/s of HTML extraction (trafilatura, with the page's metadata),
(2) records/s of reading a JSON-lines file (text records; language check
included) and a .warc.gz (HTML responses), (3) seconds per article of Stanza
parsing with the bundled models, for comparison, and (4) the peak memory of a
fresh process reading a generated JSON-lines file of 0.1 GB and of ``--gb`` GB
(1 by default) as a stream: flat when it does not grow with the file.

Every input is generated here, from made-up text, in a temporary folder that
is removed at the end (``--tmp`` to choose where: the 1 GB file needs the room).

    python benchmarks/bench_formats.py            # all of it (about 5 minutes on 2 cores)
    python benchmarks/bench_formats.py --gb 0.3 --no-parse
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent / "corpus"  # real articles, to time parsing on
WORDS = ("the minister said talks would resume in geneva next week after officials from both sides met "
         "on monday to discuss a truce in the city where aid convoys have waited for days while fighting "
         "continued in the east according to a spokesman for the united nations who asked for calm").split()


def paragraph(rng: random.Random, words: int = 40) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def article(rng: random.Random, n: int, paragraphs: int = 8) -> tuple[str, list[str]]:
    title = f"Talks on the truce to resume, report {n}"
    return title, [paragraph(rng) for _ in range(paragraphs)]


def page(title: str, paragraphs: list[str], n: int) -> str:
    """A page of the size and shape of a news site's: about 80 kB, most of it
    scripts, menus and link boxes around the article."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    links = "".join(f'<li><a href="/s/{i}">Another story {i}</a></li>' for i in range(12))
    menu = "".join(f'<li class="menu-item"><a href="/section/{i}">Section {i}</a></li>' for i in range(400))
    script = "var config = {" + ",".join(f'"k{i}": "{"x" * 40}"' for i in range(800)) + "};"
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | Example News</title>
<script>{script}</script><style>{".c{color:red}" * 500}</style>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2016-12-08T14:30:00+03:00">
<link rel="canonical" href="https://news.example.org/2016/12/08/story-{n}"></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>{menu}</ul></nav>
<div class="cookie-banner">We use cookies. Accept all cookies to continue.</div>
<main><article><h1>{title}</h1>{body}</article></main>
<aside class="related"><h2>Related</h2><ul>{links}</ul></aside>
<footer>Copyright 2016 Example News.</footer></body></html>"""


def warc_gz(pages: list[str]) -> bytes:
    from fastwarc.warc import WarcRecord, WarcRecordType

    out = io.BytesIO()
    for n, html in enumerate(pages):
        body = html.encode()
        http = f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {len(body)}\r\n\r\n"
        record = WarcRecord()
        record.init_headers(WarcRecordType.response)
        record.headers["WARC-Target-URI"] = f"https://news.example.org/story-{n}"
        record.headers["WARC-Date"] = "2016-12-09T01:02:03Z"
        record.headers["Content-Type"] = "application/http; msgtype=response"
        record.set_bytes_content(http.encode() + body)
        one = io.BytesIO()
        record.write(one)
        out.write(gzip.compress(one.getvalue()))
    return out.getvalue()


def write_jsonl(path: Path, target_bytes: int, seed: int = 1) -> int:
    """A JSON-lines file of about ``target_bytes``, written a record at a time; its record count."""
    rng = random.Random(seed)
    written = records = 0
    with path.open("w", encoding="utf-8") as f:
        while written < target_bytes:
            title, paragraphs = article(rng, records)
            line = json.dumps({"id": f"r{records}", "title": title, "text": "\n\n".join(paragraphs),
                               "publisher": "Example Wire", "date": "2016-12-08T14:30:00Z",
                               "url": f"https://wire.example/r{records}"}) + "\n"
            f.write(line)
            written += len(line)
            records += 1
    return records


def read_all(path: Path) -> tuple[int, float]:
    """Records read from ``path`` as an ingest reads them, and the seconds it took."""
    from quotetrack.corpus import find_inputs, read_input

    [source], _ = find_inputs([path])
    start = time.perf_counter()
    count = sum(1 for _ in read_input(source, {}))
    return count, time.perf_counter() - start


_PEAK = """
import resource, sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
from bench_formats import read_all
count, seconds = read_all(Path({path!r}))
peak = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM"))
print(count, seconds, peak)
"""


def peak_reading(path: Path) -> tuple[int, float, int]:
    """(records, seconds, peak RSS in kB) of a fresh process reading ``path``."""
    out = subprocess.run([sys.executable, "-c", _PEAK.format(root=str(Path(__file__).parent), path=str(path))],
                         check=True, capture_output=True, text=True).stdout.split()
    return int(out[0]), float(out[1]), int(out[2])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=100, help="pages to extract (default 100)")
    ap.add_argument("--records", type=int, default=2000, help="records in the JSON-lines timing file")
    ap.add_argument("--gb", type=float, default=1.0, help="size of the large JSON-lines file (default 1 GB)")
    ap.add_argument("--no-parse", action="store_true", help="skip the Stanza comparison")
    ap.add_argument("--tmp", type=Path, default=None, help="where to write the generated files")
    args = ap.parse_args()
    rng = random.Random(0)
    from quotetrack.corpus import read_page

    pages = [page(*article(rng, n), n) for n in range(args.pages)]
    read_page(pages[0])  # imports and first-call set-up out of the timing
    start = time.perf_counter()
    for html in pages:
        read_page(html)
    seconds = time.perf_counter() - start
    kb = sum(map(len, pages)) / len(pages) / 1000
    print(f"HTML extraction: {args.pages / seconds:.1f} pages/s ({kb:.1f} kB pages, trafilatura + metadata)")

    with tempfile.TemporaryDirectory(dir=args.tmp) as tmp:
        folder = Path(tmp)
        small = folder / "records.jsonl"
        rng2 = random.Random(2)
        with small.open("w", encoding="utf-8") as f:
            for n in range(args.records):
                title, paragraphs = article(rng2, n)
                f.write(json.dumps({"id": f"r{n}", "title": title, "text": "\n\n".join(paragraphs)}) + "\n")
        count, seconds = read_all(small)
        print(f"JSON lines: {count / seconds:,.0f} records/s ({small.stat().st_size / seconds / 1e6:.1f} MB/s)")
        crawl = folder / "crawl.warc.gz"
        crawl.write_bytes(warc_gz(pages))
        count, seconds = read_all(crawl)
        print(f"WARC (.warc.gz of HTML responses): {count / seconds:.1f} records/s")
        if not args.no_parse:
            from quotetrack.parse import Parser

            parser = Parser("bundled")
            texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLE.glob("*.txt"))]
            parser.parse(texts[0])  # the models load out of the timing
            start = time.perf_counter()
            for text in texts:
                parser.parse(text)
            per = (time.perf_counter() - start) / len(texts)
            words = sum(len(t.split()) for t in texts) / len(texts)
            jsonl_per = read_all(small)[1] / args.records
            print(f"Stanza parse (bundled models, the sample corpus): {per:.2f} s/article of {words:.0f} words: "
                  f"reading a record is {100 * seconds / count / per:.1f}% of parsing it (WARC), "
                  f"{100 * jsonl_per / per:.2f}% (JSON lines)")
        for size in (0.1, args.gb):
            big = folder / f"big-{size}.jsonl"
            n = write_jsonl(big, int(size * 1e9))
            count, seconds, peak = peak_reading(big)
            print(f"Reading {big.stat().st_size / 1e9:.2f} GB of JSON lines ({count:,} records): "
                  f"{seconds:.0f} s, {count / seconds:,.0f} records/s, peak memory {peak / 1024:.0f} MB")
            big.unlink()


if __name__ == "__main__":
    main()
