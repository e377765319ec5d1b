"""Scoring quote extraction against PolNeAR (the Political News Attribution Relations corpus).

PolNeAR (networkdynamics/PolNeAR) gives each article as ``data/<split>/text/NAME.txt``
and its attributions as brat standoff ``data/<split>/attributions/NAME_<annotator>.ann``:
``T`` lines are spans (``Source``/``Cue``/``Content``, possibly discontinuous
``s e;s e``), ``E`` lines tie one attribution's spans together. The data is
copyrighted: it is read from outside the repository (``--path``, env var
``POLNEAR_DIR``, or ``~/.cache/quotetrack/polnear``) and nothing of it is kept
in the repository. Tune on train and dev only.

Two ways of scoring (``scorer``). The default, "reference", is the reference
scorer's (``../shared/eval/score.py --speech-only``, reproduced in
:mod:`.reference`, a test checks the figures are its figures on dev): raw
character overlap, the speech subset by its own list of cue words or a quote
mark anywhere in the content, and every prediction counted unless it matches a
non-speech attribution. The "builtin" way, kept to compare with, is the older
one: predicted quotes and gold attributions are matched greedily one-to-one,
best overlap first; a pair matches when the predicted content covers at least
``theta`` of the gold content's characters, compared after :func:`_normalise`
(quote marks, edge punctuation, spaces and a leading complementizer ``that``
are not content); the *speech* subset is gold attributions whose cue is a
speech verb (``said``, ``told``, ``according to``) or whose content starts in
quote marks, and predictions count towards it when their cue is a speech verb
or they are direct/mixed quotes (a prediction matched to a non-speech gold
attribution counts neither way). Both report precision/recall/F1 at theta 0.3
and 0.8, exact-span F1, speaker accuracy (matched quotes whose speaker overlaps
the gold source) and cue accuracy (matched quotes whose cue overlaps the gold
cue), on all attributions and on the speech subset. The quotes of ``"A," he
said. "B."`` are joined into one prediction in pieces, as PolNeAR annotates
them (``merge``). Each rule's precision (``rules``) is always counted the
reference's way.

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
import statistics
import time
from collections import Counter
from pathlib import Path
from typing import Callable, Iterable, Sequence

import attrs

from .. import lexicon
from . import reference
from .untouched import fold_of, untouched_slice
from ..parse import read_conllu
from ..extract.precision import Measured, precision_class
from ..records import ParsedDoc, Quote

SPLITS = ("train", "dev")  # the tuning splits, train less the untouched slice; test is for a final, one-off score only
TUNING = "train+dev"  # both tuning splits, scored together
SLICE = "slice"  # the untouched slice of train (:mod:`.untouched`): scored, never read or tuned on
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
    """A PolNeAR article: ``attributions`` as the built-in scorer and the
    stand-off sets read them (sorted by content; ``speech`` is the built-in
    subset), ``reference`` as the reference scorer reads them
    (:func:`.reference.read_ann`)."""

    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]
    reference: tuple[reference.Attribution, ...] = ()


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


def source_split(split: str) -> str:
    """The PolNeAR split a split's articles are in (the slice's are in train)."""
    return "train" if split == SLICE else split


def load_split(root: Path, split: str, limit: int | None = None) -> list[GoldArticle]:
    """The articles of a split in name order (the first annotator's file where
    several annotated one article). ``train`` is PolNeAR train less the
    untouched slice, ``slice`` the slice (:mod:`.untouched`)."""
    if split not in SPLITS + (SLICE,):
        raise ValueError(f"split must be one of {SPLITS + (SLICE,)}, not {split!r}")
    base = split_dir(Path(root), source_split(split))
    anns: dict[str, Path] = {}
    for path in sorted((base / "attributions").glob("*.ann")):
        name = re.sub(r"_[0-9a-f]{4}$", "", path.stem)
        anns.setdefault(name, path)
    texts = [p for p in sorted((base / "text").glob("*.txt")) if p.stem in anns]
    if source_split(split) == "train":
        held = untouched_slice(p.stem for p in texts)
        texts = [p for p in texts if (p.stem in held) == (split == SLICE)]
    articles = []
    for text_path in texts:
        text = text_path.read_text(encoding="utf-8")
        ann = anns[text_path.stem].read_text(encoding="utf-8")
        articles.append(GoldArticle(text_path.stem, text, parse_ann(text, ann), reference.read_ann(text, ann)))
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
    return reference.one_to_one((i, j) for _, _, i, j in scored)


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


def reference_scored(article: GoldArticle, quotes: Sequence[Quote], merge: bool = True) -> dict[str, reference.Scored]:
    """One article scored the reference scorer's way (:mod:`.reference`), on all
    attributions and on the speech subset; the pieces of a quotation are joined
    (with ``merge``) as ``merge_continues.py`` joins them."""
    preds = [reference.Predicted(reference.merged(p.content), reference.merged(p.speaker), reference.merged(p.cue))
             for p in predictions_of(article.text, quotes, merge)]
    return {"all": reference.score(article.text, article.reference, preds),
            "speech": reference.score(article.text, article.reference, preds, keep=lambda g: g.speech)}


def rule_outcomes(quotes: Sequence[Quote], speech: reference.Scored, merge: bool = True) -> list[tuple[str, str]]:
    """(precision class, "right" | "not_speech" | "wrong") of each quote, as the
    reference scorer counts its quotation on the speech subset (``speech``, of
    :func:`reference_scored`): right when matched at θ 0.3 to a speech
    attribution, not counted when matched to another attribution, wrong
    otherwise. A piece of a joined quotation fares as the quotation."""
    roots = merge_roots(quotes, merge)
    fared = dict(zip(sorted(set(roots)), speech.outcomes))
    return [(precision_class(q), fared[r]) for q, r in zip(quotes, roots)]


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
    return Path.home() / ".cache" / "quotetrack" / "polnear-parses" / f"{source_split(split)}-{key}"


def corenlp_articles(root: Path, articles: Sequence[GoldArticle], split: str) -> list[tuple[GoldArticle, ParsedDoc]]:
    """Each article with the CoreNLP parse PolNeAR ships (articles without one are left out)."""
    from .corenlp import read_corenlp_xml

    base = split_dir(Path(root), source_split(split)) / "corenlp"
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


#: how ``evaluate polnear`` scores: the reference scorer's way (the default) or the built-in one
SCORERS = ("reference", "builtin")


def evaluate_docs(pairs: Iterable[tuple[GoldArticle, ParsedDoc]],
                  extract: Callable[[ParsedDoc], list[Quote]] | None = None, merge: bool = True,
                  measured_on: str = "", scorer: str = "reference") -> dict:
    """Scores of ``extract`` (default :func:`quotetrack.extract.extract_quotes`)
    over parsed gold articles, plus extraction speed and each precision class's
    counts (``rules``, see :mod:`quotetrack.extract.precision`; always the
    reference scorer's way).

    ``scorer``: "reference" (:mod:`.reference`, what ``../shared/eval/score.py``
    gives) or "builtin" (:func:`score_article`: spans normalised, the subset by
    cue lemma or an opening quote mark, predictions of the subset by their own
    cue or kind)."""
    if scorer not in SCORERS:
        raise ValueError(f"scorer must be one of {SCORERS}, not {scorer!r}")
    if extract is None:
        from ..extract import extract_quotes as extract
    totals: dict[tuple[str, str], Counts] = {}
    summed = {"all": reference.Counts(), "speech": reference.Counts()}
    outcomes: list[tuple[str, str]] = []
    confidences: list[float] = []
    by_class = {name: [0, 0] for name in reference.RECALL_CLASSES}  # gold, found
    n_articles = n_quotes = n_gold = n_gold_speech = 0
    seconds = 0.0
    for article, doc in pairs:
        t0 = time.perf_counter()
        quotes = extract(doc)
        seconds += time.perf_counter() - t0
        n_articles += 1
        n_quotes += len(quotes)
        scored = reference_scored(article, quotes, merge)
        for subset, one in scored.items():
            summed[subset] += one.counts
        if scorer == "builtin":
            n_gold += len(article.attributions)
            n_gold_speech += sum(a.speech for a in article.attributions)
            score_article(article.text, predictions_of(article.text, quotes, merge), article.attributions, totals)
        else:
            n_gold += len(article.reference)
            n_gold_speech += sum(a.speech for a in article.reference)
        outcomes += rule_outcomes(quotes, scored["speech"], merge)
        for classes, found in scored["speech"].found:
            for name in classes:
                by_class[name][0] += 1
                by_class[name][1] += found
        confidences += [q.confidence for q in quotes]
    if scorer == "builtin":
        rows = {f"{subset}@{key}": c.scores() for (subset, key), c in sorted(totals.items())}
    else:
        rows = {f"{subset}@{key}": row for subset, c in summed.items() for key, row in reference.scores(c).items()}
    return {
        "scorer": scorer,
        "articles": n_articles, "predicted": n_quotes, "gold": n_gold, "gold_speech": n_gold_speech,
        "extract_seconds": seconds,
        "quotes_per_second": n_quotes / seconds if seconds else 0.0,
        "scores": rows,
        "rules": {name: {**attrs.asdict(m), "precision": m.precision}
                  for name, m in sorted(measured_rules(outcomes, measured_on).items())},
        "reliability": reliability(zip(confidences, (outcome for _, outcome in outcomes))),
        "recall_by_class": {name: {"gold": n, "found": k, "recall": k / n if n else None}
                            for name, (n, k) in by_class.items()},
    }


#: the upper edges of the reliability table's confidence bins (the first starts at 0)
RELIABILITY_EDGES = (0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0)


def reliability(quotes: Iterable[tuple[float, str]]) -> dict:
    """How well confidence says how often a quote is right: for the (confidence,
    outcome) of each quote (outcomes as :func:`rule_outcomes` gives them), per
    confidence bin the quotes counted (right or wrong), their mean confidence and
    the precision measured; and the calibration error, the mean over counted
    quotes of |bin confidence - bin precision|."""
    bins = [{"low": low, "high": high, "counted": 0, "right": 0, "confidence_sum": 0.0}
            for low, high in zip((0.0,) + RELIABILITY_EDGES, RELIABILITY_EDGES)]
    for confidence, outcome in quotes:
        if outcome == "not_speech":
            continue
        b = next(b for b in bins if confidence < b["high"] or b["high"] == RELIABILITY_EDGES[-1])
        b["counted"] += 1
        b["right"] += outcome == "right"
        b["confidence_sum"] += confidence
    rows = [{"low": b["low"], "high": b["high"], "counted": b["counted"], "right": b["right"],
             "confidence": b["confidence_sum"] / b["counted"], "precision": b["right"] / b["counted"]}
            for b in bins if b["counted"]]
    counted = sum(r["counted"] for r in rows)
    error = sum(r["counted"] * abs(r["confidence"] - r["precision"]) for r in rows) / counted if counted else None
    return {"bins": rows, "calibration_error": error}


def _figure(x: float | None) -> str:
    return "     -" if x is None else f"{x:6.3f}"


def format_table(result: dict) -> str:
    """The scores as a plain-text table."""
    how = ("the reference scorer's way (../shared/eval/score.py; quotations joined as merge_continues.py "
           "joins them)" if result["scorer"] == "reference" else "the built-in way (--scorer builtin)")
    lines = [
        f"articles: {result['articles']}  gold attributions: {result['gold']} "
        f"(speech {result['gold_speech']})  predicted quotes: {result['predicted']}",
        f"scored {how}",
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
                f"{_figure(s['speaker_acc'])} {_figure(s['cue_acc'])} {s['tp']:6d} {s['fp']:6d} {s['fn']:6d}"
            )
    speech = result["scores"].get("speech@0.3", {})
    if "ignored" in speech:
        lines.append(f"(speech subset: {speech['ignored']} predictions matched to a non-speech attribution "
                     "are not counted; speaker and cue accuracy on the pairs matched at 0.3)")
    classes = result.get("recall_by_class", {})
    if classes:
        lines += ["", "recall at 0.3 by class of speech attribution (the reference scorer's way):"]
        lines += [f"  {name:<22} {c['found']:5d} of {c['gold']:5d}  "
                  + ("     -" if c["recall"] is None else f"{c['recall']:.3f}") for name, c in classes.items()]
    return "\n".join(lines + ["", format_reliability(result["reliability"])])


def format_reliability(table: dict) -> str:
    """The reliability table: confidence bins against the precision measured."""
    lines = ["confidence against precision (each quote as its quotation fares on the speech subset):",
             f"{'confidence':<12} {'quotes':>7} {'right':>7} {'mean conf':>10} {'precision':>10}"]
    for r in table["bins"]:
        lines.append(f"{r['low']:.2f}-{r['high']:.2f}    {r['counted']:7d} {r['right']:7d} "
                     f"{r['confidence']:10.3f} {r['precision']:10.3f}")
    if table["calibration_error"] is not None:
        lines.append(f"calibration error (mean |confidence - precision| over quotes): {table['calibration_error']:.3f}")
    return "\n".join(lines)


def evaluate_polnear(path: Path | None = None, split: str = "dev", limit: int | None = None,
                     parser=None, parse_missing: bool = True, merge: bool = True,
                     parses: str = "stanza", log: Callable[[str], None] = lambda s: None,
                     scorer: str = "reference", folds: int | None = None) -> dict:
    """Load a PolNeAR split (``train``, ``dev``, ``slice``, or several joined by
    ``+``: ``train+dev``), parse (or read cached parses), extract and score.

    ``parses``: "stanza" (our pipeline, cached) or "corenlp" (the parses PolNeAR ships).
    ``folds``: also score each of that many folds of the articles
    (:func:`.untouched.fold_of`), under ``folds`` (see :func:`fold_scores`).
    """
    root = Path(path) if path else default_path()

    def pairs_of(one: str):
        articles = load_split(root, one, limit)
        if parses == "corenlp":
            return corenlp_articles(root, articles, one)
        return parsed_articles(articles, one, parser=parser, parse_missing=parse_missing, log=log)

    pairs = [pair for one in split.split("+") for pair in pairs_of(one)]
    result = evaluate_docs(pairs, merge=merge, measured_on=f"PolNeAR {split}, {len(pairs)} articles", scorer=scorer)
    if folds:
        result["folds"] = fold_scores(pairs, folds, merge=merge, scorer=scorer)
    return result


#: the figures a fold reports (the speech subset's), and their names in the table
FOLD_FIGURES = (("speech@0.3", "f1", "F1@0.3"), ("speech@0.3", "precision", "P@0.3"),
                ("speech@0.3", "recall", "R@0.3"), ("speech@0.8", "f1", "F1@0.8"),
                ("speech@0.3", "speaker_acc", "speaker"))


def fold_scores(pairs: Sequence[tuple[GoldArticle, ParsedDoc]], folds: int, merge: bool = True,
                scorer: str = "reference") -> dict:
    """The :data:`FOLD_FIGURES` of each fold of ``pairs`` (by
    :func:`.untouched.fold_of`), and their mean and standard deviation over the
    folds (``spread``; the sample's, n - 1)."""
    if folds < 2:
        raise ValueError(f"folds must be 2 or more, not {folds}")
    rows = []
    for k in range(folds):
        part = [p for p in pairs if fold_of(p[0].name, folds) == k]
        scores = evaluate_docs(part, merge=merge, scorer=scorer)["scores"]
        rows.append({"fold": k, "articles": len(part),
                     **{label: scores[key][field] for key, field, label in FOLD_FIGURES}})
    summary = {}
    for _, _, label in FOLD_FIGURES:
        values = [r[label] for r in rows]
        summary[label] = {"mean": statistics.fmean(values), "spread": statistics.stdev(values)}
    return {"folds": rows, "summary": summary}


def format_folds(result: dict) -> str:
    """The folds' figures as a plain-text table, with their mean ± spread."""
    labels = [label for _, _, label in FOLD_FIGURES]
    lines = [f"{'fold':<6} {'articles':>8} " + " ".join(f"{x:>13}" for x in labels)]
    for r in result["folds"]:
        lines.append(f"{r['fold']:<6} {r['articles']:>8} " + " ".join(f"{r[x]:>13.3f}" for x in labels))
    lines.append(f"{'mean':<6} {sum(r['articles'] for r in result['folds']):>8} "
                 + " ".join(f"{result['summary'][x]['mean']:>6.3f} ± {result['summary'][x]['spread']:.3f}"
                            for x in labels))
    return "\n".join(lines)
