"""Frozen transformer features, computed once per sentence.

The bundled tagger and parser both read MiniLM-L6 features, and neither
fine-tunes it: for the same sentence both ask the encoder for the same hidden
states.  Stanza runs the encoder once per processor (and, when training the
parser, once per sentence per epoch).  :func:`share_features` replaces the
encoder's ``forward`` with a :class:`SentenceFeatureCache`, which keeps the
last hidden layers of each sentence it has seen (keyed by the sentence's
word-piece ids) and runs the encoder only on sentences it has not.

Only the calls Stanza makes for frozen features are served from the cache
(``output_hidden_states=True`` under ``torch.no_grad()``, right-padded rows);
anything else goes to the encoder unchanged.  The encoder always runs in eval
mode here: features are deterministic (no dropout), which is what frozen
features are.  Stanza reads at most the last four hidden states (the tagger
averages three of them, the parser mixes four), so those are kept; the
earlier ones are given as ``None``.
"""

from __future__ import annotations

import weakref
from collections import OrderedDict

import torch

#: hidden states kept per sentence: the most Stanza's models read
KEPT_LAYERS = 4

#: default bound of a pipeline's cache, in word pieces (~6 KB each for MiniLM):
#: a few long articles, so that the parser finds what the tagger computed
DEFAULT_MAX_PIECES = 50_000


#: the most padded word pieces the encoder is given at once (rows x width)
BUCKET_CELLS = 4096

#: the most a group of sentences may pad, as a share of its real word pieces
BUCKET_SLACK = 0.2


#: every cache alive in this process (for :func:`forget_all`)
_CACHES: "weakref.WeakSet[SentenceFeatureCache]" = weakref.WeakSet()


class _Output:
    """The part of a transformers model output that Stanza reads."""

    def __init__(self, hidden_states: tuple):
        self.hidden_states = hidden_states


class SentenceFeatureCache:
    """A drop-in ``forward`` for a frozen encoder that remembers each sentence.

    ``max_pieces``: evict the least recently used sentences beyond this many
    word pieces in all; None keeps everything (training, where each sentence
    comes back every epoch).
    """

    def __init__(self, model, max_pieces: int | None = DEFAULT_MAX_PIECES):
        self.model = model
        self.encode = model.forward
        self.max_pieces = max_pieces
        self.entries: OrderedDict[tuple, torch.Tensor] = OrderedDict()
        self.pieces = 0
        self.hits = 0
        self.misses = 0
        self.encoded = 0  # word pieces the encoder ran on
        self.padded = 0  # ... and the padding it ran on with them
        _CACHES.add(self)

    def __call__(self, input_ids=None, attention_mask=None, output_hidden_states=None, **kwargs):
        if (torch.is_grad_enabled() or not output_hidden_states or kwargs
                or input_ids is None or attention_mask is None or input_ids.dim() != 2):
            return self.encode(input_ids, attention_mask=attention_mask,
                               output_hidden_states=output_hidden_states, **kwargs)
        lengths = attention_mask.sum(dim=1).tolist()
        if any(not bool(attention_mask[i, :n].all()) for i, n in enumerate(lengths)):
            # not right-padded: positions would not line up
            return self.encode(input_ids, attention_mask=attention_mask, output_hidden_states=True)
        keys = [tuple(input_ids[i, :n].tolist()) for i, n in enumerate(lengths)]
        missing = [i for i, key in enumerate(keys) if key not in self.entries]
        self.hits += len(keys) - len(missing)
        self.misses += len(missing)
        fresh = self._compute(input_ids, attention_mask, missing, lengths) if missing else {}
        rows = [fresh[i] if i in fresh else self._touch(keys[i]) for i in range(len(keys))]
        for i in missing:  # in the batch's order
            self._store(keys[i], fresh[i])
        total = self.model.config.num_hidden_layers + 1
        batch, width = input_ids.shape
        hidden = rows[0].shape[-1]
        layers = []
        for layer in range(KEPT_LAYERS):
            out = torch.zeros(batch, width, hidden, dtype=rows[0].dtype, device=rows[0].device)
            for i, row in enumerate(rows):
                out[i, :row.shape[1]] = row[layer]
            layers.append(out)
        return _Output((None,) * (total - KEPT_LAYERS) + tuple(layers))

    def clear(self) -> None:
        """Forget every sentence (benchmarks: a second pass must not be served from memory)."""
        self.entries.clear()
        self.pieces = 0

    def _compute(self, input_ids, attention_mask, missing, lengths) -> dict[int, torch.Tensor]:
        was_training = self.model.training
        self.model.eval()
        fresh: dict[int, torch.Tensor] = {}
        try:
            for chunk in length_buckets(missing, lengths):
                width = max(lengths[i] for i in chunk)
                real = sum(lengths[i] for i in chunk)
                self.encoded += real
                self.padded += len(chunk) * width - real
                out = self.encode(input_ids[chunk, :width], attention_mask=attention_mask[chunk, :width],
                                  output_hidden_states=True)
                kept = torch.stack(out.hidden_states[-KEPT_LAYERS:])  # layers x rows x width x hidden
                fresh.update({i: kept[:, j, :lengths[i]].clone() for j, i in enumerate(chunk)})
        finally:
            self.model.train(was_training)
        return fresh

    def _touch(self, key) -> torch.Tensor:
        self.entries.move_to_end(key)
        return self.entries[key]

    def _store(self, key, row: torch.Tensor) -> None:
        if key in self.entries:
            return
        self.entries[key] = row
        self.pieces += row.shape[1]
        while self.max_pieces is not None and self.pieces > self.max_pieces and len(self.entries) > 1:
            _, old = self.entries.popitem(last=False)
            self.pieces -= old.shape[1]


def length_buckets(rows: list[int], lengths: list[int], max_cells: int = BUCKET_CELLS,
                   slack: float = BUCKET_SLACK) -> list[list[int]]:
    """Group ``rows`` by length so that each group pads little.

    Stanza hands the encoder a batch in document order, padded to its longest
    sentence: on EWT test two thirds of the pieces it encodes are padding.
    Rows sorted by length and cut into groups of at most ``max_cells`` padded
    pieces, with at most ``slack`` of them padding, give the same features for
    a fraction of the work.
    """
    groups: list[list[int]] = []
    real = 0
    for i in sorted(rows, key=lambda r: lengths[r]):
        # sorted ascending, so the row being added is the group's longest
        cells = (len(groups[-1]) + 1) * lengths[i] if groups else 0
        if groups and cells <= max_cells and cells <= (1 + slack) * (real + lengths[i]):
            groups[-1].append(i)
            real += lengths[i]
        else:
            groups.append([i])
            real = lengths[i]
    return groups


def share_features(model, max_pieces: int | None = DEFAULT_MAX_PIECES) -> SentenceFeatureCache:
    """Make ``model`` (a transformers encoder used frozen) compute each sentence once."""
    if isinstance(model.forward, SentenceFeatureCache):
        return model.forward
    cache = SentenceFeatureCache(model, max_pieces)
    model.forward = cache
    return cache


def work_done() -> dict[str, int]:
    """Word pieces the encoders of this process ran on, and the padding with them."""
    caches = list(_CACHES)
    return {"encoded": sum(c.encoded for c in caches), "padded": sum(c.padded for c in caches)}


def forget_all() -> None:
    """Empty every cache in this process (benchmarks: a repeated pass is timed like the first)."""
    for cache in list(_CACHES):
        cache.clear()
