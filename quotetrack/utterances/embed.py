"""Sentence embeddings of quote texts: the bundled MiniLM (all-MiniLM-L6-v2, a
sentence-similarity model), mean-pooled over the word pieces and normalised,
exactly as it was trained to be used.

They *propose* paraphrase pairs (:mod:`.candidates`); a merge needs more
(:mod:`.grouping`). A vector depends only on the text and the encoder, so it is
computed once per distinct quote text and stored (``quote_vectors``, keyed by
the text's SHA-256 and :func:`encoder_key`): re-grouping never re-encodes, and a
re-analysis encodes only texts it has not seen.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Sequence

import numpy as np

#: dimensions of a MiniLM-L6 vector
DIM = 384
#: word pieces per text: the model's own limit (sentence_bert_config.json)
MAX_PIECES = 256
#: texts per encoder batch (sorted by length, so little padding)
BATCH = 64


def text_key(text: str) -> str:
    """The key a text's vector is stored under."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@functools.cache
def encoder_key() -> str:
    """What made a vector: the model and how it was pooled, with a hash of the
    weights, so that another encoder's vectors are never mixed in."""
    from ..parse.models import minilm_path

    weights = minilm_path() / "model.safetensors"
    digest = hashlib.sha256()
    with open(weights, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return f"all-MiniLM-L6-v2/mean/{MAX_PIECES}/{digest.hexdigest()[:12]}"


class Encoder:
    """MiniLM, loaded on the first text it encodes (its :attr:`key` needs no model)."""

    def __init__(self):
        self.key = encoder_key()
        self.tokenizer = self.model = None

    def _load(self) -> None:
        from transformers import AutoModel, AutoTokenizer

        from ..parse.models import minilm_path

        path = str(minilm_path())
        self.tokenizer = AutoTokenizer.from_pretrained(path)
        self.model = AutoModel.from_pretrained(path)
        self.model.eval()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One normalised float32 vector per text (rows in the order given)."""
        import torch

        if self.model is None:
            self._load()
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        with torch.no_grad():
            for start in range(0, len(order), BATCH):
                rows = order[start:start + BATCH]
                batch = self.tokenizer([texts[i] for i in rows], padding=True, truncation=True,
                                       max_length=MAX_PIECES, return_tensors="pt")
                hidden = self.model(**batch).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
                pooled = torch.nn.functional.normalize(pooled, p=2, dim=1)
                out[rows] = pooled.numpy()
        return out


@functools.cache
def _shared_encoder() -> Encoder:
    return Encoder()


def default_encoder() -> Encoder:
    """The process's encoder (tests stand another in here)."""
    return _shared_encoder()


def encode_texts(texts: Iterable[str], known: dict[str, np.ndarray] | None = None,
                 encoder: Encoder | None = None) -> dict[str, np.ndarray]:
    """text key -> vector for every text, from ``known`` (text key -> vector)
    where it is there, the encoder for the rest (each distinct text once)."""
    known = known or {}
    result: dict[str, np.ndarray] = {}
    missing: dict[str, str] = {}
    for text in texts:
        key = text_key(text)
        if key in known:
            result[key] = known[key]
        else:
            missing.setdefault(key, text)
    if missing:
        vectors = (encoder or default_encoder()).encode(list(missing.values()))
        result.update(zip(missing.keys(), vectors))
    return result


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype="<f4").tobytes()


def from_bytes(blob: bytes) -> np.ndarray:
    vector = np.frombuffer(blob, dtype="<f4")
    if vector.shape != (DIM,):
        raise ValueError(f"a stored quote vector has {vector.shape[0]} dimensions, not {DIM}")
    return vector
