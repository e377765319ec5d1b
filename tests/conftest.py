"""Shared fixtures: the real Stanza pipeline (loaded once per test session) and
a database of the sample corpus ingested with it."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


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
