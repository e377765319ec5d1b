"""A Dask preload for the workers of the fast tests (``--preload tests.dask_stand_ins``,
or the ``distributed.worker.preload`` setting): the workers get the stand-ins the
test process has (tests/conftest.py), the hashed-words encoder for MiniLM, and
fail an article the moment anything loads a real model."""

from __future__ import annotations


def _refuse(*args, **kwargs):
    raise RuntimeError("a Dask worker of a fast test loaded a real model: mark the test slow")


def dask_setup(worker=None) -> None:
    import stanza
    from stanza.models.common import bert_embedding

    from quotetrack.utterances import embed
    from tests.helpers import HashedWords

    stanza.Pipeline = _refuse
    bert_embedding.load_bert = _refuse
    embed.Encoder._load = _refuse
    embed.default_encoder = HashedWords.shared
