"""The reference scorer's method (quotetrack/evaluate/reference.py) on small
examples, and on PolNeAR dev against the reference script itself
(../shared/eval/score.py, run as a program): the same figures. The real-data
test skips when PolNeAR, its cached dev parses or the script are absent."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from quotetrack.evaluate import reference
from quotetrack.evaluate.polnear import (
    GoldArticle, default_path, evaluate_docs, load_split, parse_cache_dir, parsed_articles, reference_scored,
    rule_outcomes,
)
from quotetrack.evaluate.reference import Attribution, Predicted, greedy_pairs, has_quote_mark, is_speech_cue, read_ann
from quotetrack.records import Mention, Quote

TEXT = ('Lavrov said talks would begin on Tuesday. "We are ready," he added. '
        "Experts think the plan will fail.")
TALKS = ((12, 40),)   # talks would begin on Tuesday
READY = ((42, 57),)   # "We are ready,"  (marks included, as PolNeAR does)
PLAN = ((82, 100),)   # the plan will fail
GOLD = (
    Attribution(TALKS, source=((0, 6),), cue=((7, 11),), speech=True),
    Attribution(READY, source=((58, 60),), cue=((61, 66),), speech=True),
    Attribution(PLAN, source=((68, 75),), cue=((76, 81),), speech=False),
)


def test_spans_are_what_they_claim():
    assert [TEXT[s:e] for (s, e), in (TALKS, READY, PLAN)] == [
        "talks would begin on Tuesday", '"We are ready,"', "the plan will fail"]


def test_the_speech_subset_is_a_cue_word_or_a_quote_mark_anywhere():
    assert is_speech_cue("said") and is_speech_cue("According to") and is_speech_cue("went on to say")
    assert not is_speech_cue("believes") and not is_speech_cue("went")
    assert has_quote_mark('the plan was "dead"') and has_quote_mark("he called it ``dead''")
    assert has_quote_mark("it was 'dead on arrival'")
    assert not has_quote_mark("Clinton's plan") and not has_quote_mark("the voters' choice")


def test_an_ann_file_is_read_in_its_order_with_the_pieces_of_a_role_joined():
    # E1's second content piece is defined below it; E2 is listed first although its
    # content comes later; an event's first argument is its trigger, no role
    ann = ("T1\tCue 76 81\tthink\nT2\tContent 82 100\tthe plan will fail\nE2\tAttribution:T1 Cue:T1 Content:T2\n"
           "T3\tSource 0 6\tLavrov\nT4\tCue 7 11\tsaid\nT5\tContent 12 20\ttalks wo\n"
           "E1\tAttribution:T4 Content:T5 Content2:T6 Cue:T4 Source:T3\nT6\tContent 21 40\tuld …\n"
           "T7\tCue 61 66\tadded\nE3\tAttribution:T7 Cue:T7\n")
    [plan, talks] = read_ann(TEXT, ann)  # E3 has no content: left out
    assert plan == Attribution(PLAN, cue=((76, 81),), speech=False)  # "think" is no speech word
    assert talks == Attribution(((12, 20), (21, 40)), source=((0, 6),), cue=((7, 11),), speech=True)


def test_recall_classes_of_a_gold_attribution():
    text = 'Kole, "who ran," did not immediately respond to it: "Yes."'
    g = Attribution(((6, 16), (52, 58)), cue=((17, 47),), speech=True)
    assert text[6:16] == '"who ran,"' and text[17:47] == "did not immediately respond to"
    assert reference.recall_classes(text, g) == ("quote mark", "in pieces", "cue of several words")
    assert reference.recall_classes(text, Attribution(((1, 4),), cue=((50, 51),))) == ("no quote mark", "colon cue")


def test_pairs_are_one_to_one_largest_overlap_first():
    gold = [((0, 10),)]
    assert greedy_pairs(gold, [((0, 2),), ((0, 9),)], 0.8) == [(0, 1)]
    assert greedy_pairs(gold, [((0, 2),)], 0.3) == []  # covers 0.2 of the gold
    assert reference.overlap(reference.merged([(0, 10), (20, 30)]), ((5, 25),)) == 10
    assert reference.merged([(5, 9), (0, 5), (3, 3)]) == ((0, 9),)


def test_a_prediction_on_a_non_speech_attribution_counts_neither_way():
    preds = [
        Predicted(TALKS, speaker=((0, 6),), cue=((7, 11),)),
        Predicted(((43, 56),), speaker=((0, 6),), cue=((61, 66),)),  # wrong speaker, marks left out
        Predicted(PLAN, speaker=((68, 75),)),                        # a belief: ignored
        Predicted(((0, 6),)),                                         # a false positive
    ]
    scored = reference.score(TEXT, GOLD, preds, keep=lambda g: g.speech)
    c = scored.counts
    assert (c.gold, c.predicted, c.ignored, c.tp, c.tp_exact) == (2, 3, 1, (2, 2), 2)  # the marks and the trailing comma are no content
    assert (c.speaker_ok, c.speaker_n, c.cue_ok, c.cue_n) == (1, 2, 2, 2)
    assert scored.outcomes == ("right", "right", "not_speech", "wrong")
    rows = reference.scores(c + c)
    assert rows["0.3"]["precision"] == pytest.approx(2 / 3) and rows["0.3"]["recall"] == 1.0
    assert rows["0.3"]["speaker_acc"] == 0.5 and rows["0.8"]["speaker_acc"] is None
    assert rows["exact"]["tp"] == 4 and rows["0.3"]["ignored"] == 2
    # on all attributions nothing is ignored
    assert reference.score(TEXT, GOLD, preds).counts.tp == (3, 3)


def test_each_quote_fares_as_its_quotation_in_the_rule_counts():
    """A later piece of a joined quotation fares as the quotation; a quote with no
    speaker is counted by its kind."""
    he = Mention(start_char=58, end_char=60, text="he")

    def mk(span, rule, kind="direct", cont=None, speaker=he):
        (s, e), = span
        return Quote(kind=kind, start_char=s, end_char=e, text=TEXT[s:e], rule=rule, confidence=1.0,
                     continues=cont, speaker=speaker)

    quotes = [mk(READY, "direct:cue-after"), mk(((61, 66),), "direct:continuation", cont=0),
              mk(PLAN, "indirect:ccomp", "indirect"), mk(((0, 6),), "indirect:object", "indirect", speaker=None)]
    article = GoldArticle("a", TEXT, (), GOLD)
    outcomes = rule_outcomes(quotes, reference_scored(article, quotes)["speech"])
    assert outcomes == [("direct:cue-after", "right"), ("direct:continuation", "right"),
                        ("indirect:ccomp", "not_speech"), ("indirect, no speaker", "wrong")]


# --------------------------------------------------------------------------
# on PolNeAR dev, against the reference script
# --------------------------------------------------------------------------

EVAL = Path(__file__).resolve().parents[2].parent / "shared" / "eval"


def _dev_with_parses():
    from quotetrack.parse import Parser

    root = default_path()
    if not (root / "data" / "dev" / "text").is_dir():
        pytest.skip(f"PolNeAR not at {root}")
    if not (EVAL / "score.py").is_file() or not (EVAL / "merge_continues.py").is_file():
        pytest.skip(f"no reference scorer at {EVAL}")
    articles = load_split(root, "dev")
    pairs = parsed_articles(articles, "dev", cache=parse_cache_dir("dev", Parser().versions()), parse_missing=False)
    if len(pairs) < len(articles):
        pytest.skip("dev parses not all cached (run `quotetrack evaluate polnear --split dev` once)")
    return root, pairs


def _reference_json(root: Path, pairs, tmp_path: Path, speech_only: bool) -> dict:
    """The reference script's figures on the quotes of ``pairs``, written as
    ``quotetrack extract`` JSON lines would be and joined by merge_continues.py."""
    from quotetrack.extract import extract_quotes

    lines = []
    for article, doc in pairs:
        quotes = extract_quotes(doc)
        ids = [f"{article.name}:{i}" for i in range(len(quotes))]
        for q, qid in zip(quotes, ids):
            lines.append(json.dumps({
                "doc": f"{article.name}.txt", "quote_id": qid, "kind": q.kind,
                "start_char": q.start_char, "end_char": q.end_char, "text": q.text,
                "continues": None if q.continues is None else ids[q.continues],
                "speaker": None if q.speaker is None else {
                    "name": q.speaker.text, "start_char": q.speaker.start_char, "end_char": q.speaker.end_char},
                "cue": None if q.cue is None else {
                    "text": q.cue.text, "start_char": q.cue.start_char, "end_char": q.cue.end_char},
            }))
    joined = subprocess.run([sys.executable, str(EVAL / "merge_continues.py")], input="\n".join(lines) + "\n",
                            capture_output=True, text=True, check=True).stdout
    pred = tmp_path / "dev.merged.jsonl"
    pred.write_text(joined, encoding="utf-8")
    args = [sys.executable, str(EVAL / "score.py"), "--gold", "polnear", "--split", "dev",
            "--polnear-dir", str(root), "--pred", str(pred), "--json"] + (["--speech-only"] if speech_only else [])
    return json.loads(subprocess.run(args, capture_output=True, text=True, check=True).stdout)


def test_the_figures_on_dev_are_the_reference_scripts(tmp_path):
    root, pairs = _dev_with_parses()
    ours = evaluate_docs(pairs)["scores"]
    for subset, speech_only in (("speech", True), ("all", False)):
        ref = _reference_json(root, pairs, tmp_path, speech_only)
        for key in ("0.3", "0.8", "exact"):
            theirs = ref["exact" if key == "exact" else f"t={key}"]
            mine = ours[f"{subset}@{key}"]
            assert {k: mine[k] for k in ("tp", "fp", "fn")} == {k: theirs[k] for k in ("tp", "fp", "fn")}, (subset, key)
            for k in ("precision", "recall", "f1"):
                assert mine[k] == pytest.approx(theirs[k], abs=1e-12), (subset, key, k)
        assert ours[f"{subset}@0.3"]["speaker_acc"] == pytest.approx(ref["speaker_accuracy"]["accuracy"])
        assert ours[f"{subset}@0.3"]["cue_acc"] == pytest.approx(ref["cue_accuracy"]["accuracy"])
        assert ours[f"{subset}@0.3"]["ignored"] == ref["n_pred_ignored"]
    # the recall classes the reference reports too, on the speech subset
    ref = _reference_json(root, pairs, tmp_path, True)["recall_by_slice"]
    classes = evaluate_docs(pairs)["recall_by_class"]
    for ours_name, theirs_name in (("quote mark", "content has quote mark"), ("no quote mark", "no quote mark")):
        assert classes[ours_name]["gold"] == ref[theirs_name]["n_gold"]
        assert classes[ours_name]["recall"] == pytest.approx(ref[theirs_name]["recall_t=0.3"])
