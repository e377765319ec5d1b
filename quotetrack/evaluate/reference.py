"""The reference scorer's method, in the project's own code: how
``../shared/eval/score.py --gold polnear --speech-only`` scores quotes against
PolNeAR (after the Gender Gap Tracker's evaluation), so that ``quotetrack
evaluate polnear`` gives the figures it gives.

What it does, rule by rule:

* **Gold.** Every attribution of the article's first annotator file that has a
  content; each role (``Content``, ``Content2``, ...) is the union of its
  pieces, merged; attributions keep the file's order (the tie-break of the
  matching).
* **The speech subset.** An attribution whose cue has a word of the reference's
  list (``data/speech_cues.txt``: ``said``, ``according``, ..., or a phrase
  such as ``went on``) or whose content has a quotation mark anywhere
  (:func:`has_quote_mark`).
* **Matching.** Per article, greedy and one-to-one on raw characters: the
  candidate pairs are those whose overlap covers at least θ of the gold
  content, taken largest overlap first (then larger share, then gold order,
  then prediction order).
* **Precision.** Every prediction counts, except one matched at θ 0.3 to a
  gold attribution outside the subset (matched against *all* the gold): that
  one is neither right nor wrong.
* **Exact.** Contents equal once surrounding spaces and quote marks, and
  trailing commas and full stops, are cut from each piece; one-to-one.
* **Speaker and cue.** Among the pairs matched at θ 0.3: the predicted span
  overlaps the gold source (cue) by a character; gold without one is left out.

A prediction's content is the union of its pieces (a quotation joined as
``merge_continues.py`` joins it, see
:func:`quotetrack.evaluate.polnear.predictions_of`).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from importlib import resources
from typing import Callable, Iterable, Sequence

import attrs

from ..lexicon import parse_list

Pieces = tuple[tuple[int, int], ...]  # sorted, merged, non-empty (start, end) pieces

#: the threshold whose pairs decide the ignored predictions, speaker and cue accuracy
MATCH_THETA = 0.3
THETAS = (0.3, 0.8)
SPEECH_CUES = "speech_cues.txt"

# double quotation marks; with these, ' and ‘ (and ` and ´, ‚ ‛ ‹ ›) are cut off the
# edges of a content for the exact match
_DOUBLE_MARKS = "\"“”„‟«»＂〝〞"
_EDGE_MARKS = _DOUBLE_MARKS + "'‘’‚‛‹›`´"
_EXACT_TRAILING = ",."
# an opening single mark: at the start or after a space, bracket, dash or slash, before a non-space
_OPENING_SINGLE = re.compile(r"(?:^|[\s(\[—–/-])['‘]\S")


# --------------------------------------------------------------------------
# spans
# --------------------------------------------------------------------------


def merged(pieces: Iterable[tuple[int, int]]) -> Pieces:
    """``pieces`` sorted, the empty ones dropped and those that overlap or touch joined."""
    out: list[list[int]] = []
    for s, e in sorted((int(s), int(e)) for s, e in pieces if e > s):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return tuple((s, e) for s, e in out)


def length(pieces: Pieces) -> int:
    return sum(e - s for s, e in pieces)


def overlap(a: Pieces, b: Pieces) -> int:
    """The characters two merged spans share."""
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def exact_key(text: str, pieces: Pieces) -> Pieces:
    """A content as the exact match compares it: each piece without the spaces and
    quote marks at its edges, nor the commas and full stops at its end."""
    out = []
    for s, e in pieces:
        while s < e and (text[s].isspace() or text[s] in _EDGE_MARKS):
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in _EDGE_MARKS + _EXACT_TRAILING):
            e -= 1
        out.append((s, e))
    return merged(out)


# --------------------------------------------------------------------------
# the speech subset
# --------------------------------------------------------------------------


@cache
def speech_cues() -> tuple[frozenset[str], tuple[str, ...]]:
    """The reference's speech cue words, and its phrases (entries of several words)."""
    path = resources.files("quotetrack") / "evaluate" / "data" / SPEECH_CUES
    entries = parse_list(f"quotetrack/evaluate/data/{SPEECH_CUES}", path.read_text(encoding="utf-8"))
    return (frozenset(e for e in entries if " " not in e), tuple(e for e in entries if " " in e))


def is_speech_cue(cue: str) -> bool:
    """A cue with a speech word of the list, or one of its phrases, in it."""
    words, phrases = speech_cues()
    tokens = re.findall(r"[a-z]+", cue.lower())
    if any(t in words for t in tokens):
        return True
    joined = f" {' '.join(tokens)} "
    return any(f" {p} " in joined for p in phrases)


def has_quote_mark(text: str) -> bool:
    """A double quotation mark, ``''`` or ``````, or an opening single mark
    (apostrophes inside or at the end of words are none)."""
    return (any(c in _DOUBLE_MARKS for c in text) or "''" in text or "``" in text
            or _OPENING_SINGLE.search(text) is not None)


# --------------------------------------------------------------------------
# gold
# --------------------------------------------------------------------------


@attrs.frozen
class Attribution:
    """One gold attribution as the reference reads it."""

    content: Pieces
    source: Pieces = ()
    cue: Pieces = ()
    speech: bool = False


_SPAN_LINE = re.compile(r"^(T\d+)\t([^\t ]+) (\d+ \d+(?:;\d+ \d+)*)(?:\t|$)")
_EVENT_LINE = re.compile(r"^E\d+\t\S+(.*)$")


def read_ann(text: str, ann: str) -> tuple[Attribution, ...]:
    """The attributions of a brat ``.ann`` file, in its order (an event may name
    spans defined below it)."""
    lines = ann.split("\n")
    spans = {m.group(1): tuple(tuple(map(int, p.split())) for p in m.group(3).split(";"))
             for m in map(_SPAN_LINE.match, lines) if m}
    out = []
    for m in map(_EVENT_LINE.match, lines):
        if m is None:
            continue
        roles: dict[str, list[tuple[int, int]]] = {}
        for arg in m.group(1).split():
            role, colon, ref = arg.partition(":")
            if colon and ref in spans:
                roles.setdefault(re.sub(r"\d+$", "", role), []).extend(spans[ref])
        content = merged(roles.get("Content", ()))
        if not content:
            continue
        cue = merged(roles.get("Cue", ()))
        speech = is_speech_cue(" ".join(text[s:e] for s, e in cue)) \
            or has_quote_mark(" ".join(text[s:e] for s, e in content))
        out.append(Attribution(content, merged(roles.get("Source", ())), cue, speech))
    return tuple(out)


# --------------------------------------------------------------------------
# matching and counts
# --------------------------------------------------------------------------


@attrs.frozen
class Predicted:
    """What the reference reads of a predicted quote (its pieces merged)."""

    content: Pieces
    speaker: Pieces = ()
    cue: Pieces = ()


def greedy_pairs(gold: Sequence[Pieces], predicted: Sequence[Pieces], theta: float) -> list[tuple[int, int]]:
    """One-to-one (gold index, prediction index) pairs whose overlap covers at
    least ``theta`` of the gold content, largest overlap first."""
    candidates = []
    for gi, g in enumerate(gold):
        size = length(g)
        for pi, p in enumerate(predicted):
            shared = overlap(g, p)
            if shared > 0 and shared / size >= theta - 1e-12:
                candidates.append((-shared, -shared / size, gi, pi))
    candidates.sort()
    return one_to_one((gi, pi) for _, _, gi, pi in candidates)


def one_to_one(ranked: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The pairs of ``ranked`` (best first) taken greedily, each side's index at most once."""
    used_a, used_b, pairs = set(), set(), []
    for a, b in ranked:
        if a not in used_a and b not in used_b:
            used_a.add(a)
            used_b.add(b)
            pairs.append((a, b))
    return pairs


@attrs.frozen
class Counts:
    """The counts of one subset, over one article or summed over many."""

    gold: int = 0
    predicted: int = 0
    ignored: int = 0  # predictions matched to a gold attribution outside the subset
    tp: tuple[int, ...] = (0,) * len(THETAS)  # per threshold of THETAS
    tp_exact: int = 0
    speaker_ok: int = 0
    speaker_n: int = 0
    cue_ok: int = 0
    cue_n: int = 0

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(*(tuple(map(sum, zip(a, b))) if isinstance(a, tuple) else a + b
                        for a, b in zip(attrs.astuple(self, recurse=False), attrs.astuple(other, recurse=False))))


@attrs.frozen
class Scored:
    """One article scored on one subset: its counts, how each prediction fared
    (``right``: matched at θ 0.3 in the subset; ``not_speech``: ignored;
    ``wrong``), and the recall classes of each gold attribution of the subset
    with whether it was found at θ 0.3."""

    counts: Counts
    outcomes: tuple[str, ...]
    found: tuple[tuple[tuple[str, ...], bool], ...] = ()


#: the classes of gold attributions whose recall is reported (an attribution may be in several)
RECALL_CLASSES = ("quote mark", "no quote mark", "in pieces", "cue of several words", "colon cue")


def recall_classes(text: str, g: Attribution) -> tuple[str, ...]:
    """The recall classes of a gold attribution: a quote mark in its content or
    none; a content in several pieces; a cue of several words (phrasal or
    passive: ``did not immediately respond to``, ``was accused of``); a colon
    as its cue (a headline's ``Name: …``)."""
    cue = " ".join(text[s:e] for s, e in g.cue).strip()
    classes = ["quote mark" if has_quote_mark(" ".join(text[s:e] for s, e in g.content)) else "no quote mark"]
    if len(g.content) > 1:
        classes.append("in pieces")
    if len(re.findall(r"[A-Za-z]+", cue)) > 1:
        classes.append("cue of several words")
    if cue == ":":
        classes.append("colon cue")
    return tuple(classes)


def score(text: str, gold: Sequence[Attribution], predicted: Sequence[Predicted],
          keep: Callable[[Attribution], bool] = lambda g: True) -> Scored:
    """One article's counts on the gold that ``keep`` keeps (the predictions matched
    to the rest are ignored)."""
    pairs = greedy_pairs([g.content for g in gold], [p.content for p in predicted], MATCH_THETA)
    ignored = {pi for gi, pi in pairs if not keep(gold[gi])}
    kept_g = [g for g in gold if keep(g)]
    kept_p = [i for i in range(len(predicted)) if i not in ignored]
    preds = [predicted[i] for i in kept_p]
    by_theta = {t: greedy_pairs([g.content for g in kept_g], [p.content for p in preds], t) for t in THETAS}
    exact_g = Counter(exact_key(text, g.content) for g in kept_g)
    exact_p = Counter(exact_key(text, p.content) for p in preds)
    speaker_ok = speaker_n = cue_ok = cue_n = 0
    for gi, pi in by_theta[MATCH_THETA]:
        g, p = kept_g[gi], preds[pi]
        if g.source:
            speaker_n += 1
            speaker_ok += overlap(g.source, p.speaker) > 0
        if g.cue:
            cue_n += 1
            cue_ok += overlap(g.cue, p.cue) > 0
    counts = Counts(gold=len(kept_g), predicted=len(preds), ignored=len(ignored),
                    tp=tuple(len(by_theta[t]) for t in THETAS),
                    tp_exact=sum(min(n, exact_p[k]) for k, n in exact_g.items()),
                    speaker_ok=speaker_ok, speaker_n=speaker_n, cue_ok=cue_ok, cue_n=cue_n)
    right = {kept_p[pi] for _, pi in by_theta[MATCH_THETA]}
    outcomes = tuple("not_speech" if i in ignored else "right" if i in right else "wrong"
                     for i in range(len(predicted)))
    found = {gi for gi, _ in by_theta[MATCH_THETA]}
    return Scored(counts, outcomes, tuple((recall_classes(text, g), gi in found) for gi, g in enumerate(kept_g)))


def scores(counts: Counts) -> dict[str, dict]:
    """The rows of one subset's counts: ``0.3``, ``0.8`` and ``exact``, each with
    precision, recall, F1 and tp/fp/fn; speaker and cue accuracy on the θ 0.3 row
    (None on the others: the reference measures them on those pairs only)."""
    rows = {}
    for key, tp in [(str(t), n) for t, n in zip(THETAS, counts.tp)] + [("exact", counts.tp_exact)]:
        p = tp / counts.predicted if counts.predicted else 0.0
        r = tp / counts.gold if counts.gold else 0.0
        on_pairs = key == str(MATCH_THETA)
        rows[key] = {
            "precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "speaker_acc": (counts.speaker_ok / counts.speaker_n if counts.speaker_n else 0.0) if on_pairs else None,
            "cue_acc": (counts.cue_ok / counts.cue_n if counts.cue_n else 0.0) if on_pairs else None,
            "tp": tp, "fp": counts.predicted - tp, "fn": counts.gold - tp, "ignored": counts.ignored,
        }
    return rows
