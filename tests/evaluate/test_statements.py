"""The statement (utterance) scorer: pairwise scores on small items built here, the
matching of items to quotes on a made-up article (no PolNeAR text), the loader on
good and bad files, the shipped set's form, and the shipped set scored on the real
corpus, which skips unless PolNeAR and its cached parses are present."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner

from quotetrack.cli import evaluate
from quotetrack.errors import QuotetrackError
from quotetrack.evaluate.polnear import GoldArticle, GoldAttribution, default_path
from quotetrack.evaluate.statements import (
    DATA, MAX_NOTE, MAX_SPEAKER, Item, StatementArticle, StatementItem, format_table,
    item_predictions, load_statements, score_items, score_statements,
)
from quotetrack.records import Quote, ResolvedQuote


def rq(start: int, end: int, cluster: str | None = None, kind: str = "direct", continues: int | None = None,
       doc: str = "a.txt", text: str | None = None) -> ResolvedQuote:
    quote = Quote(kind=kind, start_char=start, end_char=end, text=text or "x" * (end - start), rule="test",
                  confidence=1.0, continues=continues)
    return ResolvedQuote(quote_id=f"q-{doc}-{start}", doc=doc, quote=quote, cluster_id=cluster)


def item(statement: str, cluster: str | None = None, article: str = "a", kind: str = "direct",
         matched: bool = True, start: int = 0) -> Item:
    quote = rq(start, start + 5, cluster, kind, doc=article) if matched else None
    return Item(article, ((start, start + 5),), statement, "Someone", "tp-1", quote)


# --------------------------------------------------------------------------
# pairwise scores
# --------------------------------------------------------------------------


def test_pairwise_precision_and_recall():
    items = [
        item("s1", "u1", "a"), item("s1", "u1", "b"),  # a true pair
        item("s2", "u1", "c"),                          # merged into s1's utterance: two false pairs
        item("s3", None, "a", matched=False, start=10), item("s3", "u2", "d"),  # missed: unmatched
    ]
    r = score_items(items)
    assert (r["items"], r["matched_items"], r["items_with_utterance"], r["statements"]) == (5, 4, 4, 3)
    assert (r["gold_pairs"], r["predicted_pairs"], r["true_pairs"]) == (2, 3, 1)
    assert r["precision"] == pytest.approx(1 / 3)
    assert r["recall"] == pytest.approx(1 / 2)
    assert r["f1"] == pytest.approx(2 * (1 / 3) * (1 / 2) / (1 / 3 + 1 / 2))
    assert (r["gold_pairs_matched"], r["recall_matched"], r["gold_pairs_unmatched"]) == (1, 1.0, 1)
    kinds = sorted((e["error"], e["why"]) for e in r["errors"])
    assert kinds == [("false merge", None), ("false merge", None), ("missed", "unmatched")]


def test_no_utterance_never_merges():
    # two items without an utterance are not predicted the same, even of one statement
    r = score_items([item("s1", None, "a"), item("s1", None, "b"), item("s2", None, "c")])
    assert (r["gold_pairs"], r["predicted_pairs"], r["true_pairs"]) == (1, 0, 0)
    assert r["precision"] is None and r["recall"] == 0.0
    assert [e["why"] for e in r["errors"]] == ["no utterance"]
    r = score_items([item("s1", "u1", "a"), item("s1", "u2", "b")])
    assert [e["why"] for e in r["errors"]] == ["different utterances"]


def test_cross_and_within_article_pairs_apart():
    items = [item("s1", "u1", "a", start=0), item("s1", "u1", "a", start=10),  # within, true
             item("s1", "u9", "b"),                                           # cross, missed twice
             item("s2", "u1", "c")]                                           # cross, false merge twice
    r = score_items(items)
    w, c = r["within_article"], r["cross_article"]
    assert (w["gold_pairs"], w["predicted_pairs"], w["true_pairs"]) == (1, 1, 1)
    assert (c["gold_pairs"], c["predicted_pairs"], c["true_pairs"]) == (2, 2, 0)
    assert c["precision"] == 0.0 and c["recall"] == 0.0 and c["f1"] == 0.0
    assert w["gold_pairs"] + c["gold_pairs"] == r["gold_pairs"]


def test_kind_pairs_use_the_predictions_and_mixed_is_indirect():
    items = [item("s1", "u1", "a", kind="direct"), item("s1", "u1", "b", kind="mixed"),
             item("s1", "u1", "c", kind="indirect"), item("s1", "u1", "d", matched=False)]
    r = score_items(items)
    by = r["by_kind"]
    assert by["direct-indirect"]["true_pairs"] == 2
    assert by["indirect-indirect"]["true_pairs"] == 1
    assert by["direct-direct"]["gold_pairs"] == 0
    # the unmatched item's three pairs are in no kind pairing, but in the totals
    assert sum(t["gold_pairs"] for t in by.values()) == 3
    assert r["gold_pairs"] == 6 and r["true_pairs"] == 3


def test_table_lists_errors():
    r = score_items([item("s1", "u1", "a"), item("s2", "u1", "b")])
    table = format_table(r, errors=True, text_of=lambda side: f"<{side['article']}>")
    assert "false merge" in table and "<a>" in table and "<b>" in table
    assert "errors" not in format_table(r)


# --------------------------------------------------------------------------
# items and quotes, on a made-up article
# --------------------------------------------------------------------------

TEXT = '"We will win," Smith said. "It is done and over." Jones said the vote was close. Lee thinks so.'


def span(piece: str) -> tuple[int, int]:
    s = TEXT.index(piece)
    return (s, s + len(piece))


WIN, DONE, VOTE, SO = span('"We will win,"'), span('"It is done and over."'), span("the vote was close"), span("so")
GOLD = GoldArticle("made-up", TEXT, (
    GoldAttribution((WIN, DONE), speech=True), GoldAttribution((VOTE,), speech=True),
    GoldAttribution((SO,), speech=False)))
LABELLED = StatementArticle("dev", "made-up", (
    StatementItem((WIN, DONE), "tp-1", "st-1", "Smith"), StatementItem((VOTE,), "tp-1", "st-2", "Jones")))


def test_item_takes_the_piece_that_overlaps_most():
    quotes = [rq(*WIN, cluster="u-short", doc="made-up"),
              rq(*DONE, cluster="u-long", continues=0, doc="made-up"),
              rq(*span("Lee thinks so"), cluster="u-other", kind="indirect", doc="made-up")]
    items = item_predictions(GOLD, LABELLED, quotes)
    assert [it.cluster for it in items] == ["u-long", None]  # the longer piece; the vote is unmatched
    assert items[0].kind == "direct" and items[1].quote is None


def test_one_link_over_all_articles_and_a_duplicate_text_analysed_once():
    other = GoldArticle("made-up-again", TEXT, GOLD.attributions)  # the same text, published twice
    calls = {"analyse": [], "link": 0}

    def analyse(article, doc):
        calls["analyse"].append(article.doc)
        return [rq(*VOTE, kind="indirect", doc=article.doc)]

    def link(quotes, articles):
        calls["link"] += 1
        assert len(quotes) == 1 and len(articles) == 1
        return [], [], [attrs.evolve(q, cluster_id="u-1") for q in quotes]

    labelled2 = StatementArticle("dev", "made-up-again", (StatementItem((VOTE,), "tp-1", "st-2", "Jones"),))
    r = score_statements([(LABELLED, GOLD, None), (labelled2, other, None)], analyse=analyse, link=link)
    assert calls == {"analyse": ["made-up.txt"], "link": 1}
    assert (r["articles"], r["documents"], r["items"], r["matched_items"]) == (2, 1, 3, 2)
    assert (r["gold_pairs"], r["true_pairs"]) == (1, 1)  # the two Jones items: one quote, one utterance


# --------------------------------------------------------------------------
# the loader and the shipped set
# --------------------------------------------------------------------------


def _write(tmp_path: Path, items: list[dict], **art) -> Path:
    path = tmp_path / "set.json"
    path.write_text(json.dumps({"about": "test", "articles": [
        {"split": "dev", "name": "x", "items": items, **art}]}), encoding="utf-8")
    return path


GOOD = {"content": [[0, 5]], "topic": "tp-1", "statement": "st-1", "speaker": "Smith"}


@pytest.mark.parametrize("bad, message", [
    ({**GOOD, "content": [[5, 3]]}, "0 <= start < end"),
    ({**GOOD, "content": [[0, 5], [0, 5]]}, "given twice"),
    ({**GOOD, "speaker": "x" * (MAX_SPEAKER + 1)}, "never text"),
    ({**GOOD, "note": "x" * (MAX_NOTE + 1)}, "never text"),
    ({**GOOD, "text": "words"}, "unknown field"),
    ({**GOOD, "statement": ""}, "statement must be"),
])
def test_loader_rejects_bad_items(tmp_path, bad, message):
    with pytest.raises(QuotetrackError, match=message):
        load_statements(_write(tmp_path, [bad]))


def test_loader_rejects_a_statement_in_two_topics(tmp_path):
    with pytest.raises(QuotetrackError, match="two topics"):
        load_statements(_write(tmp_path, [GOOD, {**GOOD, "content": [[6, 9]], "topic": "tp-2"}]))


def test_shipped_set_is_well_formed_stand_off():
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    assert set(raw) == {"about", "articles"}
    articles = load_statements()
    assert len(articles) == len(raw["articles"])
    items = [it for a in articles for it in a.items]
    assert len(items) >= 400
    for a, ra in zip(articles, raw["articles"]):
        assert a.split in ("train", "dev")
        assert set(ra) <= {"split", "name", "publisher", "date", "items"}
        for it in ra["items"]:
            # stand-off: offsets and short labels only, never text of the article
            for key, value in it.items():
                if key != "content":
                    assert isinstance(value, str) and len(value) <= MAX_NOTE, (a.name, key)
            pieces = it["content"]
            assert all(isinstance(s, int) and isinstance(e, int) and 0 <= s < e for s, e in pieces)
    # enough statements that several articles report
    arts: dict[str, set[str]] = {}
    for a in articles:
        for it in a.items:
            arts.setdefault(it.statement, set()).add(a.name)
    assert sum(1 for v in arts.values() if len(v) >= 2) >= 80


# --------------------------------------------------------------------------
# on the real corpus
# --------------------------------------------------------------------------


def _parses_present() -> bool:
    from quotetrack.evaluate.polnear import parse_cache_dir
    from quotetrack.parse import Parser

    if not default_path().exists():
        return False
    try:
        versions = Parser().versions()
    except Exception:  # noqa: BLE001 - no models, no cached parses to find
        return False
    for split in ("train", "dev"):
        cache = parse_cache_dir(split, versions)
        names = {a.name for a in load_statements() if a.split == split}
        if not all((cache / f"{n}.conllu").exists() for n in names):
            return False
    return True


@pytest.mark.slow
def test_statement_set_on_polnear():
    if not _parses_present():
        pytest.skip("PolNeAR or its cached parses of the statement set's articles are absent")
    result = CliRunner().invoke(evaluate, ["statements", "--json"])
    assert result.exit_code == 0, result.output
    r = json.loads(result.output[result.output.index("{"):])
    assert r["items"] >= 400 and r["matched_items"] > r["items"] // 2
    assert 0.0 <= r["recall"] <= 1.0 and r["predicted_pairs"] >= r["true_pairs"]
    assert r["cross_article"]["gold_pairs"] + r["within_article"]["gold_pairs"] == r["gold_pairs"]
