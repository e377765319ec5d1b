"""Scoring utterances (the grouping of quotes that report one statement) on PolNeAR.

The gold is ``data/polnear_statements.json`` (see ``data/README.md``): speech
attributions of PolNeAR train and dev articles, grouped by topic, each labelled with
the *statement* it reports (one speaker's one act of saying, across articles) and the
speaker as a reader resolves it. It is stand-off: the texts and the attributions come
from PolNeAR at run time, the parses from the cache ``quotetrack evaluate polnear``
fills (never parsed here).

Method: :func:`quotetrack.pipeline.analyse` gives each set article's quotes; then ONE
:func:`quotetrack.pipeline.link` over all of them resolves speakers and utterances
corpus-wide, as an ingest would. Two articles with the same text are one document (an
ingest keeps one): it is analysed once and both articles' items are found in it. Each
gold item is matched to a predicted quotation with
:func:`~quotetrack.evaluate.polnear.match` at θ 0.3 against *all* the article's gold
attributions (the pieces of one interrupted quotation, ``continues``, are joined first,
as :func:`~quotetrack.evaluate.provenance.channels_of` joins them); the item's
predicted utterance is the ``cluster_id`` of the matched quotation's piece that
overlaps the gold content most, and its predicted kind that piece's ``kind`` (a
``mixed`` quote counts as indirect, as the grouping treats it).

Scored pairwise over the items: a pair is gold-same when the two items have the same
``statement``; predicted-same when both are matched and have the same non-null
``cluster_id``. Reported: precision, recall and F1, the counts, the recall over gold
pairs whose items are both matched (grouping apart from extraction misses), the same
for pairs across articles and within an article, and by the predictions' kinds
(direct–direct, direct–indirect, indirect–indirect); and, for ``--errors``, every
false merge and missed pair.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import attrs

from ..errors import QuotetrackError
from ..records import Article, ParsedDoc, ResolvedQuote
from .polnear import (
    SPLITS, GoldArticle, Span, _normalise, default_path, load_split, match,
)
from .provenance import channels_of
from .standoff import article_headers, cached_parses, gold_article, read_articles, span
from .standoff import article_record as standoff_article

DATA = Path(__file__).resolve().parent / "data" / "polnear_statements.json"
THETA = 0.3
#: the longest a label may be: speakers and notes are names and short remarks, never text
MAX_SPEAKER = 80
MAX_NOTE = 200
KIND_PAIRS = ("direct-direct", "direct-indirect", "indirect-indirect")


@attrs.frozen
class StatementItem:
    """One gold speech attribution, found again by its content, and its statement."""

    content: Span
    topic: str
    statement: str
    speaker: str
    note: str = ""


@attrs.frozen
class StatementArticle:
    split: str
    name: str
    items: tuple[StatementItem, ...]
    publisher: str | None = None
    date: str | None = None


# --------------------------------------------------------------------------
# reading the set
# --------------------------------------------------------------------------


def _label(value, where: str, what: str, limit: int, required: bool = True) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise QuotetrackError(f"{where}: {what} must be a non-empty string")
    if len(value) > limit:
        raise QuotetrackError(f"{where}: {what} is {len(value)} characters long (at most {limit}: "
                              "a label, never text of the article)")
    return value


def _item(rec, where: str) -> StatementItem:
    if not isinstance(rec, dict):
        raise QuotetrackError(f"{where}: an item must be an object, not {type(rec).__name__}")
    unknown = set(rec) - {"content", "topic", "statement", "speaker", "note"}
    if unknown:
        raise QuotetrackError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    content = rec.get("content")
    if not isinstance(content, list) or not content:
        raise QuotetrackError(f"{where}: content must be a non-empty list of [start, end] pieces")
    pieces = tuple(span(p, where, "each content piece") for p in content)  # in PolNeAR's order, which is not always the text's
    if len(set(pieces)) != len(pieces):
        raise QuotetrackError(f"{where}: a content piece is given twice")
    return StatementItem(
        pieces,
        _label(rec.get("topic"), where, "topic", 40),
        _label(rec.get("statement"), where, "statement", 40),
        _label(rec.get("speaker"), where, "speaker", MAX_SPEAKER),
        _label(rec.get("note"), where, "note", MAX_NOTE, required=False),
    )


def load_statements(path: Path | str | None = None) -> list[StatementArticle]:
    """The statement set (default: the one shipped, ``data/polnear_statements.json``);
    a :class:`QuotetrackError` naming the file and the record on a bad entry."""
    path = Path(path) if path is not None else DATA
    out = []
    topic_of: dict[str, str] = {}
    for art, split, name, where in article_headers(read_articles(path, "statement set"), path):
        recs = art.get("items")
        if not isinstance(recs, list) or not recs:
            raise QuotetrackError(f"{where}: items must be a non-empty list")
        items = tuple(_item(r, f"{where}, item {j}") for j, r in enumerate(recs))
        contents = [it.content for it in items]
        if len(set(contents)) != len(contents):
            raise QuotetrackError(f"{where}: two items have the same content")
        for j, it in enumerate(items):
            if topic_of.setdefault(it.statement, it.topic) != it.topic:
                raise QuotetrackError(f"{where}, item {j}: statement {it.statement} lies in two topics "
                                      f"({topic_of[it.statement]} and {it.topic})")
        publisher, date = art.get("publisher"), art.get("date")
        out.append(StatementArticle(split, name, items, publisher if isinstance(publisher, str) else None,
                                    date if isinstance(date, str) else None))
    return out


def join(articles: Sequence[GoldArticle], labelled: StatementArticle) -> GoldArticle:
    """The PolNeAR article of ``labelled``; a :class:`QuotetrackError` when an item's
    content is not one of its gold attributions (a changed annotation file)."""
    article = gold_article(articles, labelled.name, labelled.split, "statement-set")
    gold = {a.content for a in article.attributions}
    for j, it in enumerate(labelled.items):
        if it.content not in gold:
            raise QuotetrackError(f"statement-set article {labelled.name}, item {j}: content "
                                  f"{list(map(list, it.content))} is no gold attribution of the article")
    return article


# --------------------------------------------------------------------------
# predictions of the items
# --------------------------------------------------------------------------


@attrs.frozen
class Item:
    """A gold item with what the pipeline made of it (``quote`` None: unmatched)."""

    article: str
    content: Span
    statement: str
    speaker: str
    topic: str
    quote: ResolvedQuote | None = None

    @property
    def cluster(self) -> str | None:
        return self.quote.cluster_id if self.quote is not None else None

    @property
    def kind(self) -> str | None:
        """direct or indirect (a mixed quote is indirect), None when unmatched."""
        if self.quote is None:
            return None
        return "direct" if self.quote.quote.kind == "direct" else "indirect"


def item_predictions(article: GoldArticle, labelled: StatementArticle,
                     quotes: Sequence[ResolvedQuote]) -> list[Item]:
    """Each item of ``labelled`` with the quote it was matched to: ``quotes`` are the
    article's linked quotes in extraction order (``continues`` indexes into them)."""
    channels = channels_of(quotes)
    root = list(range(len(quotes)))
    for i, rq in enumerate(quotes):
        j = rq.quote.continues
        if j is not None and j < i:
            root[i] = root[j]
    members: dict[int, list[int]] = {}
    for i in range(len(quotes)):
        members.setdefault(root[i], []).append(i)
    groups = [members[r] for r in sorted(members)]  # in the order channels_of gives
    pairs = match(article.text, [c.prediction for c in channels], article.attributions, THETA)
    matched = {article.attributions[j].content: groups[i] for i, j in pairs}
    out = []
    for it in labelled.items:
        quote = None
        group = matched.get(it.content)
        if group:
            gold = _normalise(article.text, it.content)
            quote = max((quotes[i] for i in group), key=lambda rq: len(
                gold & _normalise(article.text, ((rq.quote.start_char, rq.quote.end_char),))))
        out.append(Item(labelled.name, it.content, it.statement, it.speaker, it.topic, quote))
    return out


# --------------------------------------------------------------------------
# pairwise scores
# --------------------------------------------------------------------------


@attrs.define
class PairCounts:
    gold: int = 0  # gold-same pairs
    predicted: int = 0  # predicted-same pairs
    true: int = 0  # both
    gold_matched: int = 0  # gold-same pairs whose items are both matched

    def row(self) -> dict:
        p = self.true / self.predicted if self.predicted else None
        r = self.true / self.gold if self.gold else None
        f = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
        return {"gold_pairs": self.gold, "predicted_pairs": self.predicted, "true_pairs": self.true,
                "gold_pairs_matched": self.gold_matched, "precision": p, "recall": r, "f1": f,
                "recall_matched": self.true / self.gold_matched if self.gold_matched else None}


def kind_pair(a: Item, b: Item) -> str | None:
    if a.kind is None or b.kind is None:
        return None
    return "-".join(sorted((a.kind, b.kind)))


def score_items(items: Sequence[Item]) -> dict:
    """Pairwise precision and recall of ``items`` (all the set's, any articles)."""
    total, cross, within = PairCounts(), PairCounts(), PairCounts()
    by_kind = {k: PairCounts() for k in KIND_PAIRS}
    gold_unmatched = 0
    errors = []
    for a, b in itertools.combinations(items, 2):
        gold_same = a.statement == b.statement
        pred_same = a.cluster is not None and a.cluster == b.cluster
        if not gold_same and not pred_same:
            continue
        both = a.quote is not None and b.quote is not None
        kind = kind_pair(a, b)
        tallies = [total, within if a.article == b.article else cross]
        if kind is not None:
            tallies.append(by_kind[kind])
        for t in tallies:
            t.gold += gold_same
            t.predicted += pred_same
            t.true += gold_same and pred_same
            t.gold_matched += gold_same and both
        if gold_same and not both:
            gold_unmatched += 1
        if gold_same != pred_same:
            errors.append(_error(a, b, "false merge" if pred_same else "missed"))
    result = {
        "items": len(items),
        "matched_items": sum(1 for it in items if it.quote is not None),
        "items_with_utterance": sum(1 for it in items if it.cluster is not None),
        "statements": len({it.statement for it in items}),
        **total.row(),
        "gold_pairs_unmatched": gold_unmatched,
        "cross_article": cross.row(),
        "within_article": within.row(),
        "by_kind": {k: t.row() for k, t in by_kind.items()},
        "errors": errors,
    }
    return result


def _why(a: Item, b: Item) -> str:
    if a.quote is None or b.quote is None:
        return "unmatched"
    if a.cluster is None or b.cluster is None:
        return "no utterance"
    return "different utterances"


def _side(it: Item) -> dict:
    q = it.quote
    return {
        "article": it.article, "content": [list(p) for p in it.content], "statement": it.statement,
        "topic": it.topic, "speaker": it.speaker,
        "predicted_speaker": (q.speaker_name if q else None), "kind": it.kind, "cluster": it.cluster,
    }


def _error(a: Item, b: Item, kind: str) -> dict:
    return {"error": kind, "why": _why(a, b) if kind == "missed" else None, "a": _side(a), "b": _side(b)}


# --------------------------------------------------------------------------
# running the pipeline
# --------------------------------------------------------------------------


def article_record(article: GoldArticle, labelled: StatementArticle) -> Article:
    """The :class:`Article` the pipeline wants for a PolNeAR text, with the set's
    publisher and date (:func:`.standoff.article_record`)."""
    return standoff_article(article, labelled.publisher, labelled.date)


def score_statements(triples: Iterable[tuple[StatementArticle, GoldArticle, ParsedDoc]],
                     analyse: Callable[[Article, ParsedDoc], list[ResolvedQuote]] | None = None,
                     link: Callable | None = None) -> dict:
    """Analyse every article (an article whose text another already has is that
    document again), link all the quotes at once, and score the items."""
    if analyse is None or link is None:
        from .. import pipeline

        analyse = analyse or pipeline.analyse
        link = link or pipeline.link
    triples = list(triples)
    records: dict[str, Article] = {}  # sha256 -> the document
    order: dict[str, list[str]] = {}  # sha256 -> its quote IDs in extraction order
    quotes: list[ResolvedQuote] = []
    for labelled, article, doc in triples:
        rec = article_record(article, labelled)
        if rec.sha256 in records:
            continue
        records[rec.sha256] = rec
        found = analyse(rec, doc)
        order[rec.sha256] = [q.quote_id for q in found]
        quotes += found
    linked = {q.quote_id: q for q in link(quotes, list(records.values()))[2]}
    items = []
    for labelled, article, _ in triples:
        sha = hashlib.sha256(article.text.encode("utf-8")).hexdigest()
        items += item_predictions(article, labelled, [linked[qid] for qid in order[sha]])
    result = score_items(items)
    result["articles"] = len(triples)
    result["documents"] = len(records)
    result["quotes"] = len(quotes)
    return result


def evaluate_statements(path: Path | str | None = None, polnear: Path | str | None = None,
                        log: Callable[[str], None] = lambda s: None, models: str | None = None) -> dict:
    """Load the set and its PolNeAR articles, read their cached parses (nothing is
    parsed: a :class:`QuotetrackError` says which are missing) and score them."""
    triples, missing, caches = cached_parses(load_statements(path), "statement", join, polnear, models=models,
                                             log=log)
    absent = sum(len(v) for v in missing.values())
    if absent:
        # an article left out would silently drop its pairs: refuse instead
        raise QuotetrackError(
            f"{absent} of the statement set's articles have no cached parse "
            f"({', '.join(f'{s}: {len(v)}' for s, v in missing.items() if v)}; caches {', '.join(caches.values())}); "
            "parse them first with `quotetrack evaluate polnear --split SPLIT`")
    result = score_statements(triples)
    result["parse_caches"] = caches
    return result


# --------------------------------------------------------------------------
# the table
# --------------------------------------------------------------------------


def _num(x: float | None) -> str:
    return "   n/a" if x is None else f"{x:6.3f}"


def _row(label: str, r: dict) -> str:
    return (f"{label:<18} {r['gold_pairs']:6d} {r['gold_pairs_matched']:7d} {r['predicted_pairs']:6d} "
            f"{r['true_pairs']:6d} {_num(r['precision'])} {_num(r['recall'])} {_num(r['f1'])} "
            f"{_num(r['recall_matched'])}")


def _where(side: dict) -> str:
    content = ";".join(f"{s}-{e}" for s, e in side["content"])
    return f"{side['article'][:40]} {content}"


def format_table(result: dict, errors: bool = False, text_of: Callable[[dict], str] | None = None) -> str:
    """The scores (and, with ``errors``, every false merge and missed pair) as plain
    text; ``text_of`` (an error side -> a snippet) adds the quoted words to each."""
    r = result
    lines = [
        f"articles: {r.get('articles', '?')}  documents: {r.get('documents', '?')}  "
        f"predicted quotes: {r.get('quotes', '?')}",
        f"items: {r['items']}  matched (theta {THETA}): {r['matched_items']}  "
        f"with an utterance: {r['items_with_utterance']}  statements: {r['statements']}",
        f"gold pairs whose items are not both matched: {r['gold_pairs_unmatched']}",
        "",
        f"{'pairs':<18} {'gold':>6} {'g.match':>7} {'pred':>6} {'true':>6} {'P':>6} {'R':>6} {'F1':>6} {'R match':>6}",
        _row("all", r),
        _row("cross-article", r["cross_article"]),
        _row("within-article", r["within_article"]),
    ]
    for k, t in r["by_kind"].items():
        lines.append(_row(k, t))
    lines.append("(by kind: the predictions' kinds, so only pairs whose items are both matched; "
                 "R match: recall over gold pairs whose items are both matched)")
    if errors:
        errs = r["errors"]
        lines += ["", f"errors ({len(errs)}: {sum(1 for e in errs if e['error'] == 'false merge')} false merges, "
                  f"{sum(1 for e in errs if e['error'] == 'missed')} missed)"]
        for e in sorted(errs, key=lambda e: (e["error"], e["why"] or "", e["a"]["topic"], e["a"]["statement"])):
            a, b = e["a"], e["b"]
            head = e["error"] + (f" ({e['why']})" if e["why"] else "")
            lines.append(f"{head}: {a['topic']}  {a['statement']} / {b['statement']}")
            for side in (a, b):
                lines.append(f"    {_where(side)}  gold speaker {side['speaker']!r}  predicted "
                             f"{side['predicted_speaker']!r}  {side['kind'] or '-'}  {side['cluster'] or '-'}")
                if text_of is not None:
                    lines.append(f"      {text_of(side)}")
    return "\n".join(lines)


def snippets(polnear: Path | str | None = None, width: int = 110) -> Callable[[dict], str]:
    """An error side -> the start of its gold content, read from PolNeAR (for the
    terminal only: nothing of it is kept)."""
    root = Path(polnear) if polnear is not None else default_path()
    texts = {a.name: a.text for split in SPLITS for a in load_split(root, split)}

    def text_of(side: dict) -> str:
        text = texts.get(side["article"], "")
        words = " ".join(" ".join(text[s:e] for s, e in side["content"]).split())
        return words if len(words) <= width else words[: width - 1] + "…"

    return text_of
