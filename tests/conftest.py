"""Shared fixtures: the real Stanza pipeline (loaded once per test session) and
a database of the sample corpus ingested with it; and the rule that keeps the
fast run fast.

**Tests that load the real models are marked ``slow``** (``make test-fast`` runs
``-m "not slow and not browser"``).  Two things make the mark impossible to
forget:

* a test that uses a fixture of :data:`MODEL_FIXTURES` (the session's real
  ``parser``, the ``sample_db`` ingested with it, or anything built on them)
  is marked ``slow`` here, at collection;
* every test *not* marked ``slow`` runs, in every run, with the model loaders
  replaced by one that fails it: building a Stanza pipeline
  (``stanza.Pipeline``, which ``quotetrack.parse.models.load_pipeline`` ends
  in), loading a transformer encoder (Stanza's ``load_bert``, how the MiniLM
  features are read), loading the MiniLM sentence encoder of the utterance
  grouping (``Encoder._load``), and ``Parser.pipeline`` when the parser was given no
  pipeline of its own. In those tests the grouping's encoder is
  :class:`tests.helpers.HashedWords`, a stand-in that turns words into vectors
  (paraphrase by meaning is tested in the slow tests, on MiniLM).  So an unmarked test that loads the models fails with
  :data:`UNMARKED` instead of silently slowing the fast run, while the checks
  that ``load_pipeline`` does before it loads anything (missing, corrupt or
  unknown model files, no official models) stay in the fast run.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"

#: the marker of tests that load the real models (described in pyproject.toml)
MODELS_MARK = "slow"

#: fixtures that load the real models: a test using one is marked MODELS_MARK
MODEL_FIXTURES = frozenset({"parser", "sample_db"})

UNMARKED = ("this test loads the real models: mark it slow "
            "(@pytest.mark.slow, or use the `parser` / `sample_db` fixtures; see tests/conftest.py)")


@pytest.fixture(scope="session")
def parser():
    """The bundled-model parser; its pipeline loads once for the whole session."""
    from quotetrack.parse import Parser

    p = Parser("bundled")
    p.pipeline  # load now, so a broken model fails here, clearly
    return p


@pytest.fixture(scope="session")
def sample_db(parser, tmp_path_factory):
    """The sample corpus ingested with the real pipeline."""
    from quotetrack.pipeline import ingest

    path = tmp_path_factory.mktemp("sample") / "quotes.db"
    report = ingest(CORPUS, path, parser)
    assert report.ok, report.errors
    return path


# -- the marker, given and enforced ------------------------------------------------


@pytest.hookimpl(tryfirst=True)  # before -m deselects by marker
def pytest_collection_modifyitems(items):
    for item in items:
        if MODEL_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(MODELS_MARK)


def _refuse(*args, **kwargs):
    pytest.fail(UNMARKED)


def _guarded_pipeline(self):
    """Parser.pipeline for an unmarked test: a pipeline given to the parser is
    fine, loading (or reusing) the real one is not."""
    if self._pipeline is None:
        _refuse()
    return self._pipeline


@contextlib.contextmanager
def _models_guard(item):
    if item.get_closest_marker(MODELS_MARK) is not None:
        yield
        return
    import stanza
    from stanza.models.common import bert_embedding

    from quotetrack.parse.parser import Parser
    from quotetrack.utterances import embed

    from .helpers import HashedWords

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(stanza, "Pipeline", _refuse)
        mp.setattr(bert_embedding, "load_bert", _refuse)
        mp.setattr(embed.Encoder, "_load", _refuse)
        mp.setattr(embed, "default_encoder", HashedWords.shared)
        mp.setattr(Parser, "pipeline", property(_guarded_pipeline))
        yield


# fixtures are set up (module- and session-scoped ones included) inside these
# phases, so a model loaded by a fixture is caught as well as one in the test body


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    with _models_guard(item):
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    with _models_guard(item):
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item):
    with _models_guard(item):
        return (yield)
