"""The fast decoding path gives exactly the tree Stanza's decoder gives."""

import numpy as np

from quotetrack.parse import decode


def _scores(rng, n, planted: bool):
    """Arc scores for n words (plus the root); ``planted`` makes a random tree score high."""
    scores = rng.normal(size=(n + 1, n + 1))
    if planted:
        order = rng.permutation(n) + 1
        scores[order[0], 0] += 8
        for k, word in enumerate(order[1:], start=1):
            scores[word, order[rng.integers(k)]] += 8
    return scores.astype(np.float32)


def test_same_tree_as_stanzas_decoder():
    from stanza.models.common.chuliu_edmonds import chuliu_edmonds_one_root

    rng = np.random.default_rng(7)
    decode.STATS.update(fast=0, full=0)
    for _ in range(300):
        scores = _scores(rng, int(rng.integers(1, 40)), planted=bool(rng.integers(2)))
        assert decode.one_root_tree(scores).tolist() == chuliu_edmonds_one_root(scores).tolist()
    # both paths were taken
    assert decode.STATS["fast"] > 0 and decode.STATS["full"] > 0


def test_one_root_tree_check():
    assert decode.is_one_root_tree(np.array([0, 0, 1, 2]))
    assert not decode.is_one_root_tree(np.array([0, 0, 0, 2]))  # two roots
    assert not decode.is_one_root_tree(np.array([0, 0, 3, 2]))  # 2 and 3 head each other
    assert not decode.is_one_root_tree(np.array([0, 2, 3, 1]))  # a cycle and no root
    assert decode.is_one_root_tree(np.array([0, 0]))


def test_installed_in_stanzas_parser():
    from stanza.models.depparse import model

    decode.install()
    assert model.chuliu_edmonds_one_root is decode.one_root_tree
