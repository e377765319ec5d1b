"""Scoring quote extraction against PolNeAR (the Political News Attribution Relations corpus).

PolNeAR (networkdynamics/PolNeAR) gives each article as ``data/<split>/text/NAME.txt``
and its attributions as brat standoff ``data/<split>/attributions/NAME_<annotator>.ann``:
``T`` lines are spans (``Source``/``Cue``/``Content``, possibly discontinuous
``s e;s e``), ``E`` lines tie one attribution's spans together. The data is
copyrighted: it is read from outside the repository (``--path``, env var
``POLNEAR_DIR``, or ``~/.cache/quotetrack/polnear``) and nothing of it is kept
in the repository. Tune on train and dev only.

Method (as in the Gender Gap Tracker's evaluation): predicted quotes and gold
attributions are matched greedily one-to-one, best overlap first; a pair
matches when the predicted content covers at least ``theta`` of the gold
content's characters. Spans are compared after :func:`_normalise` (quote marks,
edge punctuation, spaces and a leading complementizer ``that`` are not
content). Reported: precision/recall/F1 at theta 0.3 and 0.8, exact-span F1,
speaker accuracy (matched quotes whose speaker overlaps the gold source) and
cue accuracy (matched quotes whose cue overlaps the gold cue), on all
attributions and on the *speech* subset: gold attributions whose cue is a
speech verb (``said``, ``told``, ``according to``) or whose content is in
quote marks; predictions count towards the subset when their cue is a speech
verb or they are direct/mixed quotes (a prediction matched to a non-speech
gold attribution counts neither way there).

``parses="corenlp"`` scores on the CoreNLP parses PolNeAR ships instead
(UD v1 mapped to v2, see :mod:`quotetrack.evaluate.corenlp`). Otherwise parses are cached as CoNLL-U (``to_conllu``, offsets in MISC) under
``~/.cache/quotetrack/polnear-parses/<split>-<models hash>/`` so re-scoring after an
extraction change costs only the extraction.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from collections import Counter
from pathlib import Path
from typing import Callable, Iterable, Sequence

import attrs

from .. import lexicon
from ..parse import read_conllu
from ..extract.precision import Measured, precision_class
from ..records import ParsedDoc, Quote

SPLITS = ("train", "dev")  # test is for a final, one-off score only
TUNING = "train+dev"  # both tuning splits, scored together
THETAS = (0.3, 0.8)
Span = tuple[tuple[int, int], ...]  # one or more (start, end) pieces


@attrs.frozen
class GoldAttribution:
    content: Span
    cue: Span = ()
    source: Span = ()
    speech: bool = False


@attrs.frozen
class GoldArticle:
    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]


@attrs.frozen
class Prediction:
    """What the scorer needs of a predicted quote."""

    content: Span
    speaker: Span = ()
    cue: Span = ()
    speech: bool = True


# --------------------------------------------------------------------------
# reading PolNeAR
# --------------------------------------------------------------------------


def default_path() -> Path:
    return Path(os.environ.get("POLNEAR_DIR") or Path.home() / ".cache" / "quotetrack" / "polnear")


def split_dir(root: Path, split: str) -> Path:
    """``root/data/<split>`` or ``root/<split>``, whichever holds ``text/``."""
    for cand in (root / "data" / split, root / split):
        if (cand / "text").is_dir():
            return cand
    raise FileNotFoundError(f"no PolNeAR split {split!r} under {root} (expected data/{split}/text)")


def _pieces(offsets: str) -> Span:
    out = []
    for piece in offsets.split(";"):
        s, e = piece.split()
        out.append((int(s), int(e)))
    return tuple(out)


_QUOTE_CHARS = "\"“”'‘’"


def is_speech_gold(text: str, cue: Span, content: Span) -> bool:
    """A gold attribution is *speech* when a word of its cue is a speech verb or
    ``according to``, or when its content starts inside quote marks."""
    cue_text = " ".join(text[s:e] for s, e in cue).lower()
    if "according to" in cue_text:
        return True
    for word in re.findall(r"[a-z]+", cue_text):
        lemma = lexicon.speech_lemma_of(word)
        if lemma and lemma not in lexicon.words().cognition_verbs:
            return True
    if content:
        s, e = content[0]
        head = text[s:e].lstrip()
        if head[:1] in _QUOTE_CHARS and not (head[:1] in "'’" and len(head) > 1 and head[1] == "s"):
            return True
        if s > 0 and text[s - 1] in "\"“‘":
            return True
    return False


def parse_ann(text: str, ann: str) -> tuple[GoldAttribution, ...]:
    """The attributions of one brat ``.ann`` file."""
    spans: dict[str, tuple[str, Span]] = {}
    events = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            label, _, offsets = parts[1].partition(" ")
            try:
                spans[parts[0]] = (label, _pieces(offsets))
            except ValueError:
                continue
        elif parts[0].startswith("E"):
            events.append(parts[1].split())
    out = []
    for args in events:
        roles = {}
        for arg in args:
            role, _, ref = arg.partition(":")
            if ref in spans:
                roles[role] = spans[ref][1]
        if "Content" not in roles:
            continue
        content, cue, source = roles["Content"], roles.get("Cue", ()), roles.get("Source", ())
        out.append(GoldAttribution(content, cue, source, is_speech_gold(text, cue, content)))
    return tuple(sorted(out, key=lambda a: a.content[0]))


def load_split(root: Path, split: str, limit: int | None = None) -> list[GoldArticle]:
    """The articles of a split in name order (the first annotator's file where
    several annotated one article)."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")
    base = split_dir(Path(root), split)
    anns: dict[str, Path] = {}
    for path in sorted((base / "attributions").glob("*.ann")):
        name = re.sub(r"_[0-9a-f]{4}$", "", path.stem)
        anns.setdefault(name, path)
    articles = []
    for text_path in sorted((base / "text").glob("*.txt")):
        if text_path.stem not in anns:
            continue
        text = text_path.read_text(encoding="utf-8")
        gold = parse_ann(text, anns[text_path.stem].read_text(encoding="utf-8"))
        articles.append(GoldArticle(text_path.stem, text, gold))
        if limit is not None and len(articles) >= limit:
            break
    return articles


# --------------------------------------------------------------------------
# matching and scores
# --------------------------------------------------------------------------


def _normalise(text: str, span: Span) -> frozenset[int]:
    """The characters of a span that carry content: quote marks, punctuation and
    spaces at the edges of each piece, and a leading ``that``, are dropped."""
    chars: set[int] = set()
    for s, e in span:
        s, e = max(0, s), min(len(text), e)
        while s < e and (text[s].isspace() or text[s] in _QUOTE_CHARS + ",.;:—–-…"):
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in _QUOTE_CHARS + ",.;:—–-…"):
            e -= 1
        m = re.match(r"(that|whether)\s+", text[s:e], re.I)
        if m and not chars:
            s += m.end()
        chars.update(i for i in range(s, e) if not text[i].isspace())
    return frozenset(chars)


def _overlaps(a: Span, b: Span) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def match(text: str, preds: Sequence[Prediction], gold: Sequence[GoldAttribution], theta: float) -> list[tuple[int, int]]:
    """Greedy one-to-one (pred, gold) pairs whose overlap covers >= theta of the gold content."""
    pc = [_normalise(text, p.content) for p in preds]
    gc = [_normalise(text, g.content) for g in gold]
    scored = []
    for i, p in enumerate(pc):
        for j, g in enumerate(gc):
            if not g or not p:
                continue
            inter = len(p & g)
            if inter and inter / len(g) >= theta:
                scored.append((inter / len(g), inter / len(p), i, j))
    scored.sort(reverse=True)
    used_p, used_g, pairs = set(), set(), []
    for _, _, i, j in scored:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        pairs.append((i, j))
    return pairs


@attrs.define
class Counts:
    """Running totals for one subset at one threshold."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    speaker_ok: int = 0
    speaker_n: int = 0
    cue_ok: int = 0
    cue_n: int = 0

    def scores(self) -> dict[str, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "precision": p, "recall": r, "f1": f,
            "speaker_acc": self.speaker_ok / self.speaker_n if self.speaker_n else 0.0,
            "cue_acc": self.cue_ok / self.cue_n if self.cue_n else 0.0,
            "tp": self.tp, "fp": self.fp, "fn": self.fn,
        }


def _exact(text: str, p: Prediction, g: GoldAttribution) -> bool:
    return _normalise(text, p.content) == _normalise(text, g.content)


def score_article(text: str, preds: Sequence[Prediction], gold: Sequence[GoldAttribution],
                  totals: dict[tuple[str, str], Counts]) -> None:
    """Add one article's counts to ``totals`` (keyed by (subset, threshold))."""
    for theta in THETAS:
        pairs = match(text, preds, gold, theta)
        _add(text, preds, gold, pairs, totals, str(theta), lambda p, g: True)
    pairs = match(text, preds, gold, 0.3)
    _add(text, preds, gold, pairs, totals, "exact", lambda p, g: _exact(text, p, g))


def _add(text, preds, gold, pairs, totals, key, accept: Callable) -> None:
    for subset in ("all", "speech"):
        c = totals.setdefault((subset, key), Counts())
        in_gold = (lambda g: True) if subset == "all" else (lambda g: g.speech)
        in_pred = (lambda p: True) if subset == "all" else (lambda p: p.speech)
        matched_p, matched_g = set(), set()
        for i, j in pairs:
            if not accept(preds[i], gold[j]):
                continue
            matched_p.add(i)
            matched_g.add(j)
            if not in_gold(gold[j]):
                continue
            c.tp += 1
            if gold[j].source:
                c.speaker_n += 1
                c.speaker_ok += bool(preds[i].speaker and _overlaps(preds[i].speaker, gold[j].source))
            if gold[j].cue:
                c.cue_n += 1
                c.cue_ok += bool(preds[i].cue and _overlaps(preds[i].cue, gold[j].cue))
        c.fp += sum(1 for i, p in enumerate(preds) if i not in matched_p and in_pred(p))
        c.fn += sum(1 for j, g in enumerate(gold) if j not in matched_g and in_gold(g))


def prediction_of(q: Quote) -> Prediction:
    """The scorer's view of a quote: content, speaker and cue spans, and whether it is speech."""
    speech = q.kind in ("direct", "mixed") or (
        q.cue is not None and (q.cue.lemma in lexicon.words().speech_verbs or q.cue.lemma in ("according to", "quote", "report"))
    )
    return Prediction(
        content=((q.start_char, q.end_char),),
        speaker=((q.speaker.start_char, q.speaker.end_char),) if q.speaker else (),
        cue=((q.cue.start_char, q.cue.end_char),) if q.cue else (),
        speech=speech,
    )


def predictions_of(text: str, quotes: Sequence[Quote], merge: bool = True) -> list[Prediction]:
    """The scorer's view of an article's quotes.

    PolNeAR annotates ``"A," he said. "B."`` (and the quote paragraphs that
    follow it) as ONE attribution whose content has several pieces; with
    ``merge`` a quote that continues another is folded into it."""
    preds = [prediction_of(q) for q in quotes]
    if not merge:
        return preds
    merged: dict[int, Prediction] = {}
    for i, (p, r) in enumerate(zip(preds, merge_roots(quotes, merge))):
        if r in merged:
            merged[r] = attrs.evolve(merged[r], content=merged[r].content + p.content)
        else:
            merged[r] = p
    return [merged[k] for k in sorted(merged)]


def merge_roots(quotes: Sequence[Quote], merge: bool = True) -> list[int]:
    """For each quote, the index of the first piece of the quotation it belongs to
    (itself without ``merge``)."""
    root = list(range(len(quotes)))
    if merge:
        for i, q in enumerate(quotes):
            j = q.continues
            if j is not None and j < i:
                root[i] = root[j]
    return root


def rule_outcomes(text: str, quotes: Sequence[Quote], gold: Sequence[GoldAttribution],
                  merge: bool = True, theta: float = 0.3) -> list[tuple[str, str]]:
    """(precision class, "right" | "not_speech" | "wrong") of each quote, matched
    at ``theta``: right when it matches a speech attribution, not counted when it
    matches a non-speech one, wrong otherwise (the reference scorer's way). A
    piece of a joined quotation fares as the quotation."""
    roots = merge_roots(quotes, merge)
    firsts = sorted(set(roots))
    matched = {firsts[i]: gold[j] for i, j in match(text, predictions_of(text, quotes, merge), gold, theta)}
    outcomes = []
    for q, r in zip(quotes, roots):
        g = matched.get(r)
        outcomes.append((precision_class(q), "wrong" if g is None else "right" if g.speech else "not_speech"))
    return outcomes


def measured_rules(outcomes: Iterable[tuple[str, str]], measured_on: str) -> dict[str, Measured]:
    """Class -> :class:`Measured` from (class, outcome) pairs."""
    counts: dict[str, Counter] = {}
    for name, outcome in outcomes:
        counts.setdefault(name, Counter())[outcome] += 1
    return {name: Measured(name=name, right=c["right"], wrong=c["wrong"], not_speech=c["not_speech"],
                           measured_on=measured_on) for name, c in counts.items()}


# --------------------------------------------------------------------------
# parses, cached
# --------------------------------------------------------------------------


def parse_cache_dir(split: str, models: dict) -> Path:
    """Where parses of ``split`` by the models ``models`` (``Parser.versions()``) are
    cached: one folder per set of model files, so new models never read old parses."""
    key = hashlib.sha256(json.dumps(models, sort_keys=True).encode()).hexdigest()[:10]
    return Path.home() / ".cache" / "quotetrack" / "polnear-parses" / f"{split}-{key}"


def corenlp_articles(root: Path, articles: Sequence[GoldArticle], split: str) -> list[tuple[GoldArticle, ParsedDoc]]:
    """Each article with the CoreNLP parse PolNeAR ships (articles without one are left out)."""
    from .corenlp import read_corenlp_xml

    base = split_dir(Path(root), split) / "corenlp"
    out = []
    for a in articles:
        path = base / f"{a.name}.txt.xml"
        if path.exists():
            out.append((a, read_corenlp_xml(a.text, path.read_text(encoding="utf-8"))))
    return out


def parsed_articles(articles: Sequence[GoldArticle], split: str, parser=None,
                    cache: Path | None = None, parse_missing: bool = True,
                    log: Callable[[str], None] = lambda s: None) -> list[tuple[GoldArticle, ParsedDoc]]:
    """Each article with its parse, from the cache or parsed now (and cached)."""
    from ..parse import Parser, to_conllu

    if cache is None:
        parser = parser or Parser()
        cache = parse_cache_dir(split, parser.versions())
    cache.mkdir(parents=True, exist_ok=True)
    out: dict[str, ParsedDoc] = {}
    missing = []
    for a in articles:
        path = cache / f"{a.name}.conllu"
        if path.exists():
            out[a.name] = read_conllu(a.text, path.read_text(encoding="utf-8"))
        else:
            missing.append(a)
    if missing and parse_missing:
        parser = parser or Parser()
        for k in range(0, len(missing), 8):
            batch = missing[k:k + 8]
            t0 = time.perf_counter()
            docs = parser.parse_many([a.text for a in batch])
            for a, d in zip(batch, docs):
                (cache / f"{a.name}.conllu").write_text(to_conllu(d), encoding="utf-8")
                out[a.name] = d
            log(f"parsed {k + len(batch)}/{len(missing)} ({time.perf_counter() - t0:.1f}s)")
    return [(a, out[a.name]) for a in articles if a.name in out]


# --------------------------------------------------------------------------
# the whole evaluation
# --------------------------------------------------------------------------


def evaluate_docs(pairs: Iterable[tuple[GoldArticle, ParsedDoc]],
                  extract: Callable[[ParsedDoc], list[Quote]] | None = None, merge: bool = True,
                  measured_on: str = "") -> dict:
    """Scores of ``extract`` (default :func:`quotetrack.extract.extract_quotes`)
    over parsed gold articles, plus extraction speed and each precision class's
    counts (``rules``, see :mod:`quotetrack.extract.precision`)."""
    if extract is None:
        from ..extract import extract_quotes as extract
    totals: dict[tuple[str, str], Counts] = {}
    outcomes: list[tuple[str, str]] = []
    n_articles = n_quotes = n_gold = n_gold_speech = 0
    seconds = 0.0
    for article, doc in pairs:
        t0 = time.perf_counter()
        quotes = extract(doc)
        seconds += time.perf_counter() - t0
        n_articles += 1
        n_quotes += len(quotes)
        n_gold += len(article.attributions)
        n_gold_speech += sum(a.speech for a in article.attributions)
        score_article(article.text, predictions_of(article.text, quotes, merge), article.attributions, totals)
        outcomes += rule_outcomes(article.text, quotes, article.attributions, merge)
    return {
        "articles": n_articles, "predicted": n_quotes, "gold": n_gold, "gold_speech": n_gold_speech,
        "extract_seconds": seconds,
        "quotes_per_second": n_quotes / seconds if seconds else 0.0,
        "scores": {f"{subset}@{key}": c.scores() for (subset, key), c in sorted(totals.items())},
        "rules": {name: {**attrs.asdict(m), "precision": m.precision}
                  for name, m in sorted(measured_rules(outcomes, measured_on).items())},
    }


def format_table(result: dict) -> str:
    """The scores as a plain-text table."""
    lines = [
        f"articles: {result['articles']}  gold attributions: {result['gold']} "
        f"(speech {result['gold_speech']})  predicted quotes: {result['predicted']}",
        f"extraction: {result['quotes_per_second']:.0f} quotes/s "
        f"({result['extract_seconds']:.2f} s on parsed docs)",
        "",
        f"{'subset':<8} {'match':<6} {'P':>6} {'R':>6} {'F1':>6} {'spk':>6} {'cue':>6} {'tp':>6} {'fp':>6} {'fn':>6}",
    ]
    for subset in ("all", "speech"):
        for key in ("0.3", "0.8", "exact"):
            s = result["scores"].get(f"{subset}@{key}")
            if s is None:
                continue
            lines.append(
                f"{subset:<8} {key:<6} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} "
                f"{s['speaker_acc']:6.3f} {s['cue_acc']:6.3f} {s['tp']:6d} {s['fp']:6d} {s['fn']:6d}"
            )
    return "\n".join(lines)


def evaluate_polnear(path: Path | None = None, split: str = "dev", limit: int | None = None,
                     parser=None, parse_missing: bool = True, merge: bool = True,
                     parses: str = "stanza", log: Callable[[str], None] = lambda s: None) -> dict:
    """Load a PolNeAR split (or ``train+dev``, the two together), parse (or read
    cached parses), extract and score.

    ``parses``: "stanza" (our pipeline, cached) or "corenlp" (the parses PolNeAR ships).
    """
    root = Path(path) if path else default_path()

    def pairs_of(one: str):
        articles = load_split(root, one, limit)
        if parses == "corenlp":
            return corenlp_articles(root, articles, one)
        return parsed_articles(articles, one, parser=parser, parse_missing=parse_missing, log=log)

    pairs = [pair for one in split.split("+") for pair in pairs_of(one)]
    return evaluate_docs(pairs, merge=merge, measured_on=f"PolNeAR {split}")
