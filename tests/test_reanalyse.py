"""Parse once, analyse many times: a change of the word lists (or the rules)
re-analyses a stored corpus from its stored parses, never running Stanza.

The sample corpus's parses come from the real-parse fixtures of
tests/fixtures/extract (the bundled models' parses, as CoNLL-U), handed out by
a stand-in parser, so no model is loaded here.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from quotetrack import pipeline
from quotetrack.pipeline import ingest
from quotetrack.store import open_store

from .helpers import FixtureParser

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
LEXICON = ROOT / "quotetrack" / "data" / "lexicon"


@pytest.fixture
def stored(tmp_path):
    """The sample corpus ingested once (parses stored), and its database."""
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    db = tmp_path / "q.db"
    parser = FixtureParser()
    report = ingest(corpus, db, parser)
    assert report.ok and (report.parsed, report.reanalysed, report.skipped) == (5, 0, 0)
    assert parser.calls == 5
    return corpus, db


def _quotes(db):
    store = open_store(db)
    try:
        return {r["id"]: r for r in store.db.query(
            "select id, text, cue_lemma, rule, speaker_name, via_outlet_id, utterance_id from quotes "
            "where status = 'current'")}
    finally:
        store.close()


def test_a_new_rules_version_reanalyses_from_the_stored_parses(stored, monkeypatch):
    corpus, db = stored
    before = _quotes(db)
    monkeypatch.setattr(pipeline, "RULES_VERSION", pipeline.RULES_VERSION + "-next")
    parser = FixtureParser()
    report = ingest(corpus, db, parser)
    assert (report.parsed, report.reanalysed, report.skipped) == (0, 5, 0)
    assert parser.calls == 0  # nothing was parsed
    assert _quotes(db) == before  # the same rules in fact: the same quotes, IDs and links
    again = ingest(corpus, db, parser)
    assert (again.parsed, again.reanalysed, again.skipped) == (0, 0, 5)


def test_new_models_parse_again(stored):
    corpus, db = stored
    parser = FixtureParser()
    parser.versions = lambda: {"fixture parses": "round 6"}
    report = ingest(corpus, db, parser)
    assert (report.parsed, report.reanalysed) == (5, 0) and parser.calls == 5
    store = open_store(db)
    assert store.counts()["parses"] == 10  # one per text and set of models


# run in a fresh process: the word lists are read once per process
_REANALYSE = """
import json, sys
from quotetrack.pipeline import ingest
sys.path.insert(0, {root!r})
from tests.helpers import FixtureParser

class NoStanza(FixtureParser):
    def parse(self, text):
        raise AssertionError("Stanza ran: the stored parse was not used")

r = ingest({corpus!r}, {db!r}, NoStanza())
print(json.dumps({{"parsed": r.parsed, "reanalysed": r.reanalysed, "skipped": r.skipped, "errors": r.errors}}))
"""


def test_a_word_list_edit_reanalyses_the_stored_corpus_without_stanza(stored, tmp_path):
    corpus, db = stored
    before = _quotes(db)
    assert any(q["cue_lemma"] == "add" for q in before.values())  # '"…," Ryabkov added.'
    edited = tmp_path / "lexicon"
    shutil.copytree(LEXICON, edited)
    verbs = edited / "verbs.csv"
    rows = verbs.read_text(encoding="utf-8").splitlines(keepends=True)
    verbs.write_text("".join(r for r in rows if not r.startswith("add,")), encoding="utf-8")
    env = {**os.environ, "QUOTETRACK_LEXICON_DIR": str(edited)}
    script = _REANALYSE.format(root=str(ROOT), corpus=str(corpus), db=str(db))
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env,
                         cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout.strip().splitlines()[-1])
    assert report == {"parsed": 0, "reanalysed": 5, "skipped": 0, "errors": []}
    after = _quotes(db)
    # "add" is no speech verb now: its quotes are framed only as any verb that closes
    # a quote's sentence frames it ('"…," Ryabkov added.'), and its clauses are no quotes
    assert {q["rule"] for q in after.values() if q["cue_lemma"] == "add"} == {"direct:verb-after"}
    assert {q["rule"] for q in before.values() if q["cue_lemma"] == "add"} != {"direct:verb-after"}
    assert after != before
    store = open_store(db)
    versions = {r["analysis_version"] for r in store.db.query("select analysis_version from articles")}
    assert len(versions) == 1 and pipeline.analysis_version() not in versions


def test_quotetrack_reanalyse_needs_no_corpus_folder_and_no_stanza(stored, monkeypatch):
    from click.testing import CliRunner

    from quotetrack.cli import cli

    corpus, db = stored
    before = _quotes(db)
    shutil.rmtree(corpus)  # the stored texts and parses are all it needs
    monkeypatch.setattr(pipeline, "RULES_VERSION", pipeline.RULES_VERSION + "-next")
    result = CliRunner().invoke(cli, ["reanalyse", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "5 articles (0 parsed, 5 re-analysed, 0 unchanged), 98 quotes" in result.output
    assert _quotes(db) == before
    again = CliRunner().invoke(cli, ["reanalyse", "--db", str(db)])
    assert "(0 parsed, 0 re-analysed, 5 unchanged)" in again.output


def test_reanalyse_parses_an_article_whose_parse_was_never_stored(stored, monkeypatch):
    corpus, db = stored
    store = open_store(db)
    with store.db.atomic():
        store.db.execute("delete from parses where sha256 = (select sha256 from articles order by doc limit 1)")
    store.close()
    monkeypatch.setattr(pipeline, "RULES_VERSION", pipeline.RULES_VERSION + "-next")
    parser = FixtureParser()
    report = pipeline.reanalyse(db, parser)
    assert (report.parsed, report.reanalysed, report.skipped) == (1, 4, 0) and parser.calls == 1
    assert open_store(db).counts()["parses"] == 5  # and its parse is stored now


def test_reanalyse_of_a_missing_database_is_a_clear_error(tmp_path):
    from click.testing import CliRunner

    from quotetrack.cli import cli

    result = CliRunner().invoke(cli, ["reanalyse", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "none.db: no such database; run `quotetrack ingest` first" in result.output
    assert "Traceback" not in result.output
