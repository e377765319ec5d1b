"""Paraphrase and near-miss, with the real MiniLM vectors (slow: it loads the encoder)."""

from __future__ import annotations

import pytest

from quotetrack.resolve import resolve_corpus
from quotetrack.utterances import When, group_utterances
from quotetrack.utterances.embed import Encoder

from ..helpers import resolved


@pytest.fixture(scope="module")
def encoder():
    return Encoder()


def _same(encoder, a: str, b: str, speaker="Jane Doe", kind_a="direct", kind_b="indirect") -> bool:
    quotes = resolve_corpus([resolved("a.txt", a, speaker, kind=kind_a),
                             resolved("b.txt", b, speaker, kind=kind_b)], [])[2]
    vectors = dict(zip([q.quote_id for q in quotes], encoder.encode([a, b])))
    days = {"a.txt": When(day="2016-12-08"), "b.txt": When(day="2016-12-09")}
    grouping = group_utterances(quotes, vectors, days)
    return grouping.utterance_of[quotes[0].quote_id] == grouping.utterance_of[quotes[1].quote_id]


@pytest.mark.slow
@pytest.mark.parametrize("a,b", [
    # one speaker, one subject, different statements (MiniLM puts the first pair at 0.83)
    ("we will cut taxes", "we will raise taxes"),
    ("we will cut taxes", "we will not raise taxes"),
    ("Russia will veto the resolution", "Russia will support the resolution"),
    ("I will build a wall on the border", "I will deport millions of illegal immigrants"),
])
def test_near_misses_by_one_speaker_stay_apart(encoder, a, b):
    assert not _same(encoder, a, b, kind_b="direct")
    assert not _same(encoder, a, b)


@pytest.mark.slow
@pytest.mark.parametrize("a,b", [
    ("a truce is only possible after a full rebel withdrawal from Aleppo",
     "it will not agree to any ceasefire without a full rebel withdrawal"),
    ("We are close to reaching an understanding, but I want to warn against high expectations",
     "Russia and the United States are close to reaching an understanding on Aleppo"),
    ("an immediate five-day ceasefire and the evacuation of civilians and wounded",
     "an immediate five-day humanitarian ceasefire"),
])
def test_paraphrases_of_one_statement_link(encoder, a, b):
    assert _same(encoder, a, b, kind_a="indirect" if a[0].islower() else "direct")
