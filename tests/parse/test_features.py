"""The frozen-feature cache gives exactly what Stanza computes without it."""

import copy

import pytest
import torch

from quotetrack.parse.features import SentenceFeatureCache, forget_all, length_buckets, share_features

SENTENCES = [
    ["“", "We", "are", "close", ",", "”", "Ryabkov", "added", "."],
    ["The", "rebels", "said", "they", "would", "leave", "Aleppo", "."],
    ["Hello", "."],
]


@pytest.fixture(scope="module")
def encoder():
    from stanza.models.common.bert_embedding import load_bert

    from quotetrack.training.train import minilm_path

    path = str(minilm_path())
    model, tokenizer = load_bert(path, local_files_only=True)
    return path, model, tokenizer


def _features(encoder, model, sentences, **kwargs):
    from stanza.models.common.bert_embedding import extract_bert_embeddings

    path, _, tokenizer = encoder
    return extract_bert_embeddings(path, tokenizer, model, sentences, "cpu", **kwargs)


def _same(a, b):
    assert len(a) == len(b)
    for x, y in zip(a, b):
        assert x.shape == y.shape
        assert torch.allclose(x, y, atol=1e-5)


@pytest.mark.slow
def test_cached_features_equal_stanzas_for_tagger_and_parser(encoder):
    _, model, _ = encoder
    mix = torch.nn.Linear(4, 1, bias=False)
    torch.nn.init.normal_(mix.weight, generator=torch.Generator().manual_seed(1))
    tagger_ref = _features(encoder, model, SENTENCES, keep_endpoints=False)
    parser_ref = _features(encoder, model, SENTENCES, keep_endpoints=True, bert_layer_mix=mix)

    shared = copy.deepcopy(model)
    cache = share_features(shared)
    # the tagger sees two sentences first, in another batch than the parser's
    _same(_features(encoder, shared, SENTENCES[1:], keep_endpoints=False), tagger_ref[1:])
    assert (cache.hits, cache.misses) == (0, 2)
    _same(_features(encoder, shared, SENTENCES, keep_endpoints=True, bert_layer_mix=mix), parser_ref)
    assert (cache.hits, cache.misses) == (2, 3)
    _same(_features(encoder, shared, SENTENCES, keep_endpoints=False), tagger_ref)
    assert cache.hits == 5
    assert share_features(shared) is cache  # installing twice wraps once


def test_cache_evicts_least_recently_used_sentences():
    class Encoder(torch.nn.Module):
        class config:
            num_hidden_layers = 5

        def forward(self, input_ids, attention_mask=None, output_hidden_states=None):
            h = input_ids.float().unsqueeze(-1).expand(-1, -1, 3)
            return type("Out", (), {"hidden_states": tuple(h + k for k in range(6))})()

    model = Encoder()
    cache = SentenceFeatureCache(model, max_pieces=5)
    model.forward = cache
    with torch.no_grad():
        out = model(torch.tensor([[1, 2, 3], [4, 5, 0]]), attention_mask=torch.tensor([[1, 1, 1], [1, 1, 0]]),
                    output_hidden_states=True)
        assert out.hidden_states[:2] == (None, None)
        assert out.hidden_states[-1][1, :2, 0].tolist() == [9.0, 10.0]  # last layer = ids + 5
        assert cache.pieces == 5 and len(cache.entries) == 2
        model(torch.tensor([[7]]), attention_mask=torch.tensor([[1]]), output_hidden_states=True)
        assert list(cache.entries) == [(4, 5), (7,)]  # the oldest sentence went
        forget_all()
        assert not cache.entries and cache.pieces == 0
    # with gradients on (fine-tuning), the encoder runs as it is
    out = model(torch.tensor([[8]]), attention_mask=torch.tensor([[1]]), output_hidden_states=True)
    assert out.hidden_states[0] is not None and cache.misses == 3


def test_sentences_are_encoded_in_groups_of_like_length():
    lengths = [30, 3, 31, 4, 29, 3, 90]
    groups = length_buckets(list(range(len(lengths))), lengths, max_cells=100)
    assert sorted(i for g in groups for i in g) == list(range(len(lengths)))
    assert [[lengths[i] for i in g] for g in groups] == [[3, 3, 4], [29, 30, 31], [90]]
    # a group never holds more padded pieces than max_cells, unless a sentence alone does
    assert length_buckets([0, 1], [60, 60], max_cells=100) == [[0], [1]]


@pytest.mark.slow
def test_grouped_encoding_gives_the_batchs_features(encoder):
    """Long and short sentences in one batch: encoded in groups, the same features."""
    _, model, _ = encoder
    sentences = [["Short", "one", "."], SENTENCES[0] * 4, ["Hi"], SENTENCES[1]]
    ref = _features(encoder, model, sentences, keep_endpoints=True)
    shared = copy.deepcopy(model)
    cache = share_features(shared)
    calls = []
    encode = cache.encode
    cache.encode = lambda ids, **kw: calls.append(tuple(ids.shape)) or encode(ids, **kw)
    _same(_features(encoder, shared, sentences, keep_endpoints=True), ref)
    assert len(calls) > 1 and sum(rows for rows, _ in calls) == len(sentences)
    assert cache.encoded + cache.padded == sum(rows * width for rows, width in calls)
    assert cache.padded < cache.encoded / 4
