"""The PolNeAR scorer on small synthetic gold/prediction examples; tests on the
real data skip unless it is at $POLNEAR_DIR or ~/.cache/quotetrack/polnear."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from quotetrack.cli import evaluate
from quotetrack.evaluate.polnear import (
    Counts, GoldAttribution, Prediction, default_path, load_split, match, parse_ann,
    score_article,
)
from quotetrack.parse import read_conllu, to_conllu
from quotetrack.records import ParsedDoc, Sentence, Word

TEXT = (
    'Lavrov said talks would begin on Tuesday. "We are ready," he added. '
    "Experts think the plan will fail."
)
#       content spans of the three gold attributions
TALKS = (12, 40)      # talks would begin on Tuesday
READY = (42, 57)      # "We are ready,"   (marks included, as PolNeAR does)
PLAN = (82, 100)      # the plan will fail


def g(content, cue, source, speech=True):
    return GoldAttribution(content=(content,), cue=(cue,), source=(source,), speech=speech)


GOLD = [
    g(TALKS, (7, 11), (0, 6)),
    g(READY, (61, 66), (58, 60)),
    g(PLAN, (76, 81), (68, 75), speech=False),
]


def test_spans_are_what_they_claim():
    assert TEXT[slice(*TALKS)] == "talks would begin on Tuesday"
    assert TEXT[slice(*READY)] == '"We are ready,"'
    assert TEXT[slice(*PLAN)] == "the plan will fail"


def test_ann_parsing_with_discontinuous_spans():
    ann = (
        "T1\tSource 0 6\tLavrov\nT2\tCue 7 11\tsaid\nT3\tContent 12 20;21 40\ttalks wo…\n"
        "T4\tAttribution 7 11\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
        "T5\tCue 76 81\tthink\nT6\tContent 82 100\tthe plan will fail\nE2\tCue:T5 Content:T6\n"
    )
    [a, b] = parse_ann(TEXT, ann)
    assert a.content == ((12, 20), (21, 40)) and a.source == ((0, 6),) and a.speech
    assert b.source == () and not b.speech  # "think" is not speech


def test_match_threshold_and_one_to_one():
    half = Prediction(content=((12, 26),))  # "talks would be" ~ half of the gold span
    assert match(TEXT, [half], GOLD, 0.3) == [(0, 0)]
    assert match(TEXT, [half], GOLD, 0.8) == []
    # two predictions on one gold span: only the better one matches
    full = Prediction(content=(TALKS,))
    assert match(TEXT, [half, full], GOLD, 0.3) == [(1, 0)]


def test_quote_marks_and_that_do_not_count():
    pred = Prediction(content=((43, 56),))  # We are ready,  (no marks)
    totals = {}
    score_article(TEXT, [pred], GOLD[1:2], totals)
    assert totals[("all", "exact")].tp == 1


def test_scores_all_and_speech_subset():
    preds = [
        Prediction(content=(TALKS,), speaker=((0, 6),), cue=((7, 11),)),
        Prediction(content=((43, 56),), speaker=((0, 6),), cue=((61, 66),)),  # wrong speaker
        Prediction(content=(PLAN,), speaker=((68, 75),), cue=((76, 81),), speech=False),
        Prediction(content=((0, 6),), speech=True),  # a false positive
    ]
    totals: dict = {}
    score_article(TEXT, preds, GOLD, totals)
    s = totals[("all", "0.3")].scores()
    assert (s["tp"], s["fp"], s["fn"]) == (3, 1, 0)
    assert s["speaker_acc"] == pytest.approx(2 / 3)
    assert s["cue_acc"] == 1.0
    sp = totals[("speech", "0.3")].scores()
    assert (sp["tp"], sp["fp"], sp["fn"]) == (2, 1, 0)
    assert sp["speaker_acc"] == pytest.approx(0.5)
    assert sp["precision"] == pytest.approx(2 / 3) and sp["recall"] == 1.0


def test_empty_counts_do_not_divide_by_zero():
    assert Counts().scores()["f1"] == 0.0


def test_cached_parse_round_trip():
    text = "He said hi.\nNew line."
    w = lambda i, t, s, h, d: Word(index=i - 1, id=i, text=t, lemma=t.lower(), upos="X", xpos=None,
                                   feats=None, head=h, deprel=d, start_char=s, end_char=s + len(t))
    doc = ParsedDoc(text=text, sentences=(
        Sentence(index=0, words=(w(1, "He", 0, 2, "nsubj"), w(2, "said", 3, 0, "root"),
                                 w(3, "hi", 8, 2, "obj"), w(4, ".", 10, 2, "punct"))),
        Sentence(index=1, words=(w(1, "New", 12, 2, "amod"), w(2, "line", 16, 0, "root"),
                                 w(3, ".", 20, 2, "punct")), paragraph=1),
    ))
    assert read_conllu(text, to_conllu(doc)) == doc


def test_load_split_from_a_tiny_tree(tmp_path):
    base = tmp_path / "data" / "dev"
    (base / "text").mkdir(parents=True)
    (base / "attributions").mkdir()
    (base / "text" / "paper_2016-10-01_x.txt").write_text(TEXT, encoding="utf-8")
    (base / "attributions" / "paper_2016-10-01_x_ab12.ann").write_text(
        "T1\tCue 7 11\tsaid\nT2\tContent 12 40\ttalks\nE1\tCue:T1 Content:T2\n", encoding="utf-8")
    (base / "attributions" / "paper_2016-10-01_x_cd34.ann").write_text("", encoding="utf-8")
    [a] = load_split(tmp_path, "dev")
    assert a.name == "paper_2016-10-01_x" and len(a.attributions) == 1
    with pytest.raises(ValueError):
        load_split(tmp_path, "test")


def test_cli_reports_a_missing_corpus(tmp_path):
    result = CliRunner().invoke(evaluate, ["polnear", "--path", str(tmp_path), "--split", "dev"])
    assert result.exit_code != 0
    assert "no PolNeAR split" in result.output


REAL = default_path()


@pytest.mark.skipif(not (REAL / "data" / "dev" / "text").is_dir(), reason="PolNeAR data not present")
def test_real_dev_split_loads():
    articles = load_split(REAL, "dev", limit=5)
    assert len(articles) == 5
    for a in articles:
        for attr in a.attributions:
            for s, e in attr.content:
                assert 0 <= s < e <= len(a.text)


def test_interrupted_quote_is_merged_for_scoring():
    from quotetrack.evaluate.polnear import predictions_of
    from quotetrack.records import Quote

    text = '"A b c," he said. "D e f."\n"G h."'
    mk = lambda s, e, cont=None: Quote(kind="direct", start_char=s, end_char=e, text=text[s:e],
                                       rule="r", confidence=1.0, continues=cont)
    quotes = [mk(1, 7), mk(19, 25, 0), mk(28, 32, 1)]
    assert quotes[0].text == "A b c," and quotes[1].text == "D e f." and quotes[2].text == "G h."
    preds = predictions_of(text, quotes)
    assert [p.content for p in preds] == [((1, 7), (19, 25), (28, 32))]
    assert len(predictions_of(text, quotes, merge=False)) == 3
