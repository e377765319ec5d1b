"""Scoring the channel of quotes (``via_outlet`` and ``via_how``) on PolNeAR.

The gold is ``data/polnear_provenance.json`` (see ``data/README.md``): for every
*speech* attribution of 105 PolNeAR train and dev articles whose attributions name
outlets, the outlet that obtained or relayed the words (``via``), how the article
ties the quote to it (``how``: ``named`` / ``carried`` / ``speaker``, or null) and
where the outlet was named. It is stand-off: the texts and the attributions come
from PolNeAR at run time, the parses from the cache ``quotetrack evaluate polnear``
fills (never parsed here).

Method: :func:`quotetrack.pipeline.analyse` gives an article's quotes; the pieces of
one interrupted quotation (``continues``) are joined into one prediction the way
:func:`~quotetrack.evaluate.polnear.predictions_of` joins them (its channel is the
first piece's, or the first piece with one); predictions are matched to *all* the
article's gold attributions with :func:`~quotetrack.evaluate.polnear.match` at θ 0.3,
and the pairs whose gold is in the provenance set are scored. Outlets are the same
when :func:`~quotetrack.resolve.outlets.outlet_name` (the lexicon's aliases) and
:func:`~quotetrack.resolve.names.fold` make them equal (a leading "the" aside), or
the prediction is one of the gold's ``also``.

Reported: **via accuracy** (matched pairs whose gold has a via: the fraction whose
prediction names the same outlet), **spurious-outlet rate** (matched pairs whose
gold via is null: the fraction with a predicted via), **how accuracy** (pairs where
both have a via: the same ``via_how``), the
same by gold ``how``, via recall over all gold with a via (unmatched ones count as
misses), and the counts; and every error, for ``--errors``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import attrs

from ..errors import QuotetrackError
from ..records import Article, ParsedDoc, ResolvedQuote
from .polnear import SPLITS, GoldArticle, Prediction, Span, match, prediction_of
from .standoff import article_headers, cached_parses, gold_article, read_articles, span
from .standoff import article_record as standoff_article

DATA = Path(__file__).resolve().parent / "data" / "polnear_provenance.json"
HOWS = ("named", "carried", "speaker")
THETA = 0.3


@attrs.frozen
class ProvenanceLabel:
    """The channel of one gold speech attribution, found again by its content."""

    content: Span
    via: str | None = None
    how: str | None = None
    mention: tuple[int, int] | None = None
    note: str = ""
    show: str | None = None
    also: tuple[str, ...] = ()


@attrs.frozen
class ProvenanceArticle:
    split: str
    name: str
    labels: tuple[ProvenanceLabel, ...]
    publisher: str | None = None


@attrs.frozen
class ProvenanceGold:
    """A PolNeAR article with its provenance labels (each label's content is one of
    the article's gold attributions)."""

    article: GoldArticle
    provenance: ProvenanceArticle


# --------------------------------------------------------------------------
# reading the set
# --------------------------------------------------------------------------


def _label(rec, where: str) -> ProvenanceLabel:
    if not isinstance(rec, dict):
        raise QuotetrackError(f"{where}: an attribution must be an object, not {type(rec).__name__}")
    unknown = set(rec) - {"content", "via", "how", "mention", "note", "show", "also"}
    if unknown:
        raise QuotetrackError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    content = rec.get("content")
    if not isinstance(content, list) or not content:
        raise QuotetrackError(f"{where}: content must be a non-empty list of [start, end] pieces")
    pieces = tuple(span(p, where, "each content piece") for p in content)
    via, how = rec.get("via"), rec.get("how")
    if via is not None and (not isinstance(via, str) or not via.strip()):
        raise QuotetrackError(f"{where}: via must be an outlet name or null, not {via!r}")
    if how is not None and how not in HOWS:
        raise QuotetrackError(f"{where}: how must be one of {', '.join(HOWS)} or null, not {how!r}")
    if (via is None) != (how is None):
        raise QuotetrackError(f"{where}: via and how are both set or both null (via {via!r}, how {how!r})")
    mention = rec.get("mention")
    if mention is not None:
        mention = span(mention, where, "mention")
    if how in ("named", "carried") and mention is None:
        raise QuotetrackError(f"{where}: a {how} channel needs the mention where the outlet was named")
    note = rec.get("note", "")
    if not isinstance(note, str):
        raise QuotetrackError(f"{where}: note must be a string")
    show = rec.get("show")
    if show is not None and (not isinstance(show, str) or via is None):
        raise QuotetrackError(f"{where}: show must be a string, on an attribution with a via")
    also = rec.get("also", [])
    if not isinstance(also, list) or not all(isinstance(a, str) and a for a in also) or (also and via is None):
        raise QuotetrackError(f"{where}: also must be a list of outlet names, on an attribution with a via")
    return ProvenanceLabel(pieces, via, how, mention, note, show, tuple(also))


def load_provenance(path: Path | str | None = None) -> list[ProvenanceArticle]:
    """The provenance set (default: the one shipped, ``data/polnear_provenance.json``);
    a :class:`QuotetrackError` naming the file and the record on a bad entry."""
    path = Path(path) if path is not None else DATA
    out = []
    for art, split, name, where in article_headers(read_articles(path, "provenance"), path):
        recs = art.get("attributions")
        if not isinstance(recs, list):
            raise QuotetrackError(f"{where}: attributions must be a list")
        labels = tuple(_label(r, f"{where}, attribution {j}") for j, r in enumerate(recs))
        contents = [lab.content for lab in labels]
        if len(set(contents)) != len(contents):
            raise QuotetrackError(f"{where}: two attributions have the same content")
        publisher = art.get("publisher")
        out.append(ProvenanceArticle(split, name, labels, publisher if isinstance(publisher, str) else None))
    return out


def join(articles: Sequence[GoldArticle], provenance: ProvenanceArticle) -> ProvenanceGold:
    """The PolNeAR article of ``provenance`` with it; a :class:`QuotetrackError` when a
    label's content is not one of the article's gold attributions (a changed
    annotation file) or an offset lies outside the text."""
    article = gold_article(articles, provenance.name, provenance.split, "provenance")
    gold = {a.content for a in article.attributions}
    for j, lab in enumerate(provenance.labels):
        where = f"provenance article {provenance.name}, attribution {j}"
        if lab.content not in gold:
            raise QuotetrackError(f"{where}: content {list(map(list, lab.content))} is no gold attribution of the article")
        if lab.mention and lab.mention[1] > len(article.text):
            raise QuotetrackError(f"{where}: mention {list(lab.mention)} lies outside the text")
    return ProvenanceGold(article, provenance)


# --------------------------------------------------------------------------
# predictions and outlets
# --------------------------------------------------------------------------


@attrs.frozen
class Channel:
    """A (merged) predicted quote with its channel."""

    prediction: Prediction
    via: str | None = None
    how: str | None = None
    speaker: str | None = None  # the first piece's resolved speaker (an outlet, for "CNN reported")


def channels_of(quotes: Sequence[ResolvedQuote]) -> list[Channel]:
    """One channel per quotation: the pieces of an interrupted quotation (``continues``)
    joined as :func:`~quotetrack.evaluate.polnear.predictions_of` joins them; the
    channel is the first piece's, else the first piece's that has one."""
    root = list(range(len(quotes)))
    for i, rq in enumerate(quotes):
        j = rq.quote.continues
        if j is not None and j < i:
            root[i] = root[j]
    groups: dict[int, list[int]] = {}
    for i in range(len(quotes)):
        groups.setdefault(root[i], []).append(i)
    out = []
    for r in sorted(groups):
        members = groups[r]
        pred = prediction_of(quotes[members[0]].quote)
        for i in members[1:]:
            pred = attrs.evolve(pred, content=pred.content + prediction_of(quotes[i].quote).content)
        with_via = [quotes[i] for i in members if quotes[i].via_outlet_name]
        first = with_via[0] if with_via else None
        head = quotes[members[0]]
        out.append(Channel(pred, first.via_outlet_name if first else None,
                           first.via_how if first else None,
                           head.speaker_name or (head.quote.speaker.text if head.quote.speaker else None)))
    return out


def outlet_key(name: str) -> str:
    """The key two names of one outlet share: the lexicon's name (aliases resolved),
    folded, without a leading "the"."""
    from ..resolve.names import fold
    from ..resolve.outlets import outlet_name

    key = fold(outlet_name(name))
    return key[4:] if key.startswith("the ") else key


def same_outlet(predicted: str | None, label: ProvenanceLabel) -> bool:
    if not predicted or not label.via:
        return False
    return outlet_key(predicted) in {outlet_key(n) for n in (label.via, *label.also)}


# --------------------------------------------------------------------------
# scores
# --------------------------------------------------------------------------


@attrs.define
class _Tally:
    gold: int = 0
    matched: int = 0
    correct: int = 0
    how_n: int = 0
    how_ok: int = 0

    def row(self) -> dict:
        return {
            "gold": self.gold, "matched": self.matched, "unmatched": self.gold - self.matched,
            "via_correct": self.correct,
            "via_accuracy": self.correct / self.matched if self.matched else None,
            "via_recall": self.correct / self.gold if self.gold else None,
            "how_n": self.how_n,
            "how_accuracy": self.how_ok / self.how_n if self.how_n else None,
        }


def score_quotes(items: Iterable[tuple[ProvenanceGold, Sequence[ResolvedQuote]]]) -> dict:
    """Scores of already analysed quotes: ``items`` are (gold with provenance, the
    article's :class:`ResolvedQuote` list in extraction order)."""
    items = list(items)
    via = _Tally()
    by_how = {h: _Tally() for h in HOWS}
    null_gold = null_matched = spurious = 0
    predicted = predicted_via = 0
    errors = []
    for gold, quotes in items:
        article = gold.article
        channels = channels_of(quotes)
        predicted += len(channels)
        predicted_via += sum(1 for c in channels if c.via)
        pairs = match(article.text, [c.prediction for c in channels], article.attributions, THETA)
        matched = {article.attributions[j].content: channels[i] for i, j in pairs}
        for lab in gold.provenance.labels:
            ch = matched.get(lab.content)
            if lab.via is None:
                null_gold += 1
                if ch is None:
                    continue
                null_matched += 1
                if ch.via:
                    spurious += 1
                    errors.append(_error(article, lab, ch, "spurious"))
                continue
            tallies = (via, by_how[lab.how])
            for t in tallies:
                t.gold += 1
            if ch is None:
                errors.append(_error(article, lab, None, "unmatched"))
                continue
            ok = same_outlet(ch.via, lab)
            for t in tallies:
                t.matched += 1
                t.correct += ok
            how_ok = None
            if ch.via:
                how_ok = ch.how == lab.how
                for t in tallies:
                    t.how_n += 1
                    t.how_ok += how_ok
            if not ok:  # one error per gold attribution: the outlet first, then the how
                errors.append(_error(article, lab, ch, "missed" if not ch.via else _wrong_kind(ch.via, lab)))
            elif how_ok is False:
                errors.append(_error(article, lab, ch, "wrong how"))
    total = via.row()
    return {
        "articles": len(items),
        "gold": via.gold + null_gold, "gold_with_via": via.gold, "gold_without_via": null_gold,
        "predicted": predicted, "predicted_with_via": predicted_via,
        "matched": via.matched + null_matched, "matched_with_via": via.matched,
        "matched_without_via": null_matched,
        "unmatched_with_via": via.gold - via.matched,
        "via_accuracy": total["via_accuracy"], "via_recall": total["via_recall"],
        "spurious_outlets": spurious,
        "spurious_rate": spurious / null_matched if null_matched else None,
        "how_n": total["how_n"], "how_accuracy": total["how_accuracy"],
        "by_how": {h: t.row() for h, t in by_how.items()},
        "errors": errors,
    }


def _wrong_kind(predicted: str, label: ProvenanceLabel) -> str:
    if label.show and outlet_key(predicted) == outlet_key(label.show):
        return "show for outlet"
    return "wrong outlet"


def _error(article: GoldArticle, lab: ProvenanceLabel, ch: Channel | None, kind: str) -> dict:
    return {
        "article": article.name, "error": kind, "gold_content": [list(p) for p in lab.content],
        "gold_via": lab.via, "gold_how": lab.how, "gold_show": lab.show,
        "gold_mention": list(lab.mention) if lab.mention else None,
        "predicted_content": [list(p) for p in ch.prediction.content] if ch else None,
        "predicted_via": ch.via if ch else None, "predicted_how": ch.how if ch else None,
        "predicted_speaker": ch.speaker if ch else None,
        "note": lab.note,
    }


def article_record(gold: ProvenanceGold) -> Article:
    """The :class:`Article` :func:`quotetrack.pipeline.analyse` wants for a PolNeAR text
    (:func:`.standoff.article_record`)."""
    return standoff_article(gold.article, gold.provenance.publisher)


def score_provenance(pairs: Iterable[tuple[ProvenanceGold, ParsedDoc]],
                     analyse: Callable[[Article, ParsedDoc], list[ResolvedQuote]] | None = None) -> dict:
    """Run ``analyse`` (default :func:`quotetrack.pipeline.analyse`) on each parsed
    article and score the channels of its quotes (:func:`score_quotes`)."""
    if analyse is None:
        from ..pipeline import analyse
    return score_quotes((gold, analyse(article_record(gold), doc)) for gold, doc in pairs)


# --------------------------------------------------------------------------
# the whole evaluation
# --------------------------------------------------------------------------


def evaluate_provenance(path: Path | str | None = None, polnear: Path | str | None = None,
                        splits: Sequence[str] = SPLITS, log: Callable[[str], None] = lambda s: None,
                        models: str | None = None) -> dict:
    """Load the set and its PolNeAR articles, read their cached parses (articles not
    cached yet are skipped and listed; nothing is parsed) and score them."""
    found, skipped, caches = cached_parses(load_provenance(path), "provenance", join, polnear, splits,
                                           models, log, article_of=lambda gold: gold.article)
    pairs = [(gold, doc) for _, gold, doc in found]
    result = score_provenance(pairs)
    result["scored_by_split"] = {s: sum(1 for g, _ in pairs if g.provenance.split == s) for s in caches}
    result["skipped"] = skipped
    result["skipped_count"] = sum(len(v) for v in skipped.values())
    result["parse_caches"] = caches
    return result


def _pct(x: float | None) -> str:
    return "   n/a" if x is None else f"{x:6.3f}"


def format_table(result: dict, errors: bool = False) -> str:
    """The scores (and, with ``errors``, every error) as plain text."""
    r = result
    lines = [
        f"articles scored: {r['articles']}" + (
            f"  (skipped, no cached parse: {r['skipped_count']})" if "skipped_count" in r else ""),
        f"gold speech attributions: {r['gold']}  with via: {r['gold_with_via']}  without: {r['gold_without_via']}",
        f"predicted quotations: {r['predicted']}  with via: {r['predicted_with_via']}",
        f"matched (theta {THETA}): {r['matched']}  with via: {r['matched_with_via']}  "
        f"without: {r['matched_without_via']}  unmatched gold with via: {r['unmatched_with_via']}",
        "",
        f"via accuracy    {_pct(r['via_accuracy'])}   (matched gold with a via: same outlet predicted)",
        f"via recall      {_pct(r['via_recall'])}   (all gold with a via, unmatched count as missed)",
        f"spurious rate   {_pct(r['spurious_rate'])}   ({r['spurious_outlets']} of {r['matched_without_via']} "
        "matched gold without a via got one)",
        f"how accuracy    {_pct(r['how_accuracy'])}   ({r['how_n']} pairs where both have a via)",
        "",
        f"{'gold how':<10} {'gold':>5} {'match':>6} {'unmat':>6} {'ok':>5} {'via acc':>8} {'recall':>7} {'how acc':>8}",
    ]
    for how, t in r["by_how"].items():
        lines.append(f"{how:<10} {t['gold']:5d} {t['matched']:6d} {t['unmatched']:6d} {t['via_correct']:5d} "
                     f"{_pct(t['via_accuracy']):>8} {_pct(t['via_recall']):>7} {_pct(t['how_accuracy']):>8}")
    if errors:
        lines += ["", f"errors ({len(r['errors'])}):",
                  f"{'article':<34} {'error':<15} {'gold content':<16} {'gold via':<24} {'how':<8} "
                  f"{'predicted via':<26} predicted speaker"]
        for e in r["errors"]:
            content = ";".join(f"{s}-{t}" for s, t in e["gold_content"])
            pred = e["predicted_via"] or "-"
            if e["predicted_how"]:
                pred += f" ({e['predicted_how']})"
            lines.append(f"{e['article'][:34]:<34} {e['error']:<15} {content[:16]:<16} "
                         f"{(e['gold_via'] or '-')[:24]:<24} {(e['gold_how'] or '-'):<8} {pred[:26]:<26} "
                         f"{(e['predicted_speaker'] or '-')[:30]}")
    return "\n".join(lines)
