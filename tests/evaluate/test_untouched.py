"""The untouched slice of PolNeAR train (quotetrack/evaluate/untouched.py) and the
folds of the rest; the tests on the real corpus skip when PolNeAR is absent (they
read article names and scores only, never the slice's texts)."""

from __future__ import annotations

import pytest

from quotetrack.errors import QuotetrackError
from quotetrack.evaluate import untouched
from quotetrack.evaluate.polnear import (
    FOLD_FIGURES, default_path, fold_scores, load_split, parse_cache_dir, parsed_articles, split_dir,
)
from quotetrack.evaluate.untouched import SLICE_SIZE, draw_slice, fingerprint, fold_of, standoff_train_names

NAMES = [f"paper_2016-01-{i:03d}_article" for i in range(400)]


def test_the_slice_is_drawn_by_a_fixed_rule_leaving_out_what_was_read():
    drawn = draw_slice(NAMES)
    assert len(drawn) == SLICE_SIZE and drawn <= set(NAMES)
    assert draw_slice(reversed(NAMES)) == drawn  # the order given does not matter
    read = sorted(drawn)[:10]
    again = draw_slice(NAMES, read)
    assert len(again) == SLICE_SIZE and not again & set(read)
    assert len(drawn & again) == SLICE_SIZE - 10  # the next ten by rank come in, the rest stay
    with pytest.raises(QuotetrackError, match="too few"):
        draw_slice(NAMES[:SLICE_SIZE], NAMES[:1])


def test_a_slice_other_than_the_pinned_one_is_an_error():
    with pytest.raises(QuotetrackError, match="not the one drawn for issue 21"):
        untouched.untouched_slice(NAMES)
    assert fingerprint(["b", "a"]) == fingerprint(["a", "b"]) != fingerprint(["a"])


def test_folds_are_fixed_and_cover_every_fold():
    folds = [fold_of(n) for n in NAMES]
    assert set(folds) == set(range(untouched.FOLDS))
    assert folds == [fold_of(n) for n in NAMES]
    assert all(0 <= fold_of(n, 3) < 3 for n in NAMES)


def test_the_stand_off_sets_name_train_articles():
    assert len(standoff_train_names()) > 100


REAL = default_path()
needs_polnear = pytest.mark.skipif(not (REAL / "data" / "train" / "text").is_dir(), reason="PolNeAR not present")


@needs_polnear
def test_train_is_train_less_the_slice():
    """The slice is the pinned one; train and slice split PolNeAR train; no stand-off set
    names a slice article (they can still find all of theirs)."""
    all_train = {p.stem for p in (split_dir(REAL, "train") / "text").glob("*.txt")}
    train = {a.name for a in load_split(REAL, "train")}
    held = {a.name for a in load_split(REAL, "slice", limit=3)}
    assert len(held) == 3
    held = untouched.untouched_slice(all_train)
    assert len(held) == SLICE_SIZE and not train & held and train | held == all_train
    assert not held & standoff_train_names() and standoff_train_names() <= train


@needs_polnear
def test_fold_scores_on_dev():
    from quotetrack.parse import Parser

    articles = load_split(REAL, "dev")
    pairs = parsed_articles(articles, "dev", cache=parse_cache_dir("dev", Parser().versions()), parse_missing=False)
    if len(pairs) < len(articles):
        pytest.skip("dev parses not all cached (run `quotetrack evaluate polnear --split dev` once)")
    result = fold_scores(pairs, 3)
    assert [r["fold"] for r in result["folds"]] == [0, 1, 2]
    assert sum(r["articles"] for r in result["folds"]) == len(pairs)
    for _, _, label in FOLD_FIGURES:
        values = [r[label] for r in result["folds"]]
        assert result["summary"][label]["mean"] == pytest.approx(sum(values) / 3)
        assert 0 < result["summary"][label]["spread"] < 0.2


@needs_polnear
def test_the_shipped_rule_precision_is_train_less_the_slice_and_dev():
    """quotetrack/data/rule_precision.csv is what ``evaluate polnear --split
    train+dev --rules-csv`` measures with today's rules: regenerate it after a
    rule change (the confidences come from it)."""
    from quotetrack.evaluate.polnear import evaluate_polnear
    from quotetrack.extract.precision import measured

    result = evaluate_polnear(REAL, "train+dev", parse_missing=False)
    if result["articles"] < 774:
        pytest.skip("train and dev parses not all cached (run `quotetrack evaluate polnear --split train+dev` once)")
    shipped = {name: (m.right, m.wrong, m.not_speech, m.measured_on) for name, m in measured().items()}
    assert {name: (m["right"], m["wrong"], m["not_speech"], m["measured_on"])
            for name, m in result["rules"].items()} == shipped
