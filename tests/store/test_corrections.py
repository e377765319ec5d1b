"""Editorial corrections through the store, the ingest and the CLI: a correction
survives re-ingest, re-analysis and a changed article, says when it no longer
applies, can be withdrawn, and never loads a model or leaves half a change.

The sample corpus is ingested with its real parses (tests/helpers.FixtureParser),
so no model is loaded; a test that loaded one would fail (tests/conftest.py).
"""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from click.testing import CliRunner

from quotetrack import editing, pipeline
from quotetrack.cli import cli
from quotetrack.errors import CorrectionError, StoreError
from quotetrack.pipeline import ingest, reanalyse
from quotetrack.records import ParsedDoc
from quotetrack.store import MIGRATIONS, open_store

from ..helpers import CORPUS, FixtureParser

UNNAMED = "The decision to liberate all of Syria has been taken"  # '"…", he said.': no one named
NO_QUOTE = "a potential US-Russia deal to allow Syrian rebels to safely"  # the Kremlin, in three articles
ASSAD_ARTICLE = "003_23e9dcc2e6ed99e6.txt"


class AppendedText(FixtureParser):
    """A corpus article with a paragraph added at its end: the original's parse serves it."""

    def parse(self, text):
        for original in sorted(CORPUS.glob("*.txt")):
            known = original.read_text(encoding="utf-8")
            if text.startswith(known):
                return ParsedDoc(text=text, sentences=super().parse(known).sentences)
        return super().parse(text)


@pytest.fixture
def corpus_db(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    db = tmp_path / "quotes.db"
    assert ingest(corpus, db, FixtureParser()).ok
    return corpus, db


def row(db, text_start: str, status: str | None = "current") -> dict:
    store = open_store(db)
    try:
        rows = [r for r in store.db.query("select * from quotes where text like ? order by article_id",
                                          [text_start + "%"]) if status is None or r["status"] == status]
    finally:
        store.close()
    assert rows, text_start
    return rows[0]


def query(db, sql: str, params=()) -> list[dict]:
    store = open_store(db)
    try:
        return list(store.db.query(sql, params))
    finally:
        store.close()


def speaker_id_of(db, name: str) -> str:
    return query(db, "select id from speakers where name = ?", [name])[0]["id"]


def test_a_corrected_speaker_survives_reingest_reanalysis_and_a_changed_article(corpus_db, monkeypatch):
    corpus, db = corpus_db
    assad = speaker_id_of(db, "Bashar al-Assad")
    before = row(db, UNNAMED)
    assert before["speaker_id"] is None and before["speaker_resolution"] == "unresolved"

    edited = editing.correct(db, before["id"], speaker="Bashar al-Assad",
                             note="Assad, in the al-Watan interview", who="ed")
    expected = {"speaker_name": "Bashar al-Assad", "speaker_id": assad, "speaker_resolution": "corrected",
                "speaker_type": "person", "speaker_local": None}

    def is_corrected(quote_id):
        got = row(db, UNNAMED)
        assert got["id"] == quote_id
        assert {k: got[k] for k in expected} == expected  # clustered with his other quotes
        return got

    is_corrected(before["id"])
    assert edited.applies_to == before["id"] and edited.numbers == (1,)
    assert {(c.field, c.before, c.after) for c in edited.changes} == {
        ("speaker", None, "Bashar al-Assad"), ("speaker ID", None, assad)}
    # the article is stored again unchanged: the relink applies it again
    report = ingest(corpus, db, FixtureParser())
    assert (report.skipped, report.stale_corrections) == (5, 0)
    is_corrected(before["id"])
    # new rules: every quote row is written again from the analysis
    monkeypatch.setattr(pipeline, "RULES_VERSION", pipeline.RULES_VERSION + "-next")
    assert reanalyse(db, FixtureParser()).reanalysed == 5
    is_corrected(before["id"])
    # the article changes: the quote with the same words in the new version takes it
    path = corpus / ASSAD_ARTICLE
    path.write_text(path.read_text(encoding="utf-8") + "\nA paragraph added later.\n", encoding="utf-8")
    assert ingest(corpus, db, AppendedText()).parsed == 1
    old = query(db, "select status, superseded_by from quotes where id = ?", [before["id"]])[0]
    assert old["status"] == "superseded"
    now = is_corrected(old["superseded_by"])
    listed = editing.list_corrections(db)
    assert [(item.correction.target_id, item.outcome.state, item.outcome.applies_to) for item in listed] == [
        (before["id"], "applied", now["id"])]
    assert listed[0].correction.note == "Assad, in the al-Watan interview"
    # the article is removed: nothing takes the correction, and the ingest says so
    path.unlink()
    report = ingest(corpus, db, FixtureParser(), prune=True)
    assert (report.removed, report.stale_corrections) == (1, 1)
    assert editing.list_corrections(db)[0].outcome.state == "stale"


def test_not_a_quote_leaves_the_speaker_and_the_statement_and_comes_back_when_withdrawn(corpus_db, monkeypatch):
    corpus, db = corpus_db
    target = row(db, NO_QUOTE)
    counts = open_store(db).counts()
    others = [r["id"] for r in query(db, "select id from quotes where utterance_id = ? and id != ?",
                                     [target["utterance_id"], target["id"]])]
    assert len(others) == 2  # the same words in two other articles

    edited = editing.correct(db, target["id"], not_a_quote=True, note="the reporter's summary", who="ed")
    assert ("status", "current", "rejected") in {(c.field, c.before, c.after) for c in edited.changes}

    def is_rejected():
        got = row(db, NO_QUOTE, status=None)
        assert got["id"] == target["id"]
        assert (got["status"], got["speaker_id"], got["utterance_id"]) == ("rejected", None, None)
        assert open_store(db).counts()["quotes"] == counts["quotes"] - 1
        # the statement is the other two reports now
        utterances = {r["utterance_id"] for r in query(
            db, f"select utterance_id from quotes where id in ({','.join('?' * len(others))})", others)}
        assert len(utterances) == 1
        assert query(db, "select quote_count from utterances where id = ?", list(utterances))[0]["quote_count"] == 2
        assert query(db, "select count(*) n from quotes where speaker_id = ? and status = 'current'",
                     [target["speaker_id"]])[0]["n"] == 2

    is_rejected()
    monkeypatch.setattr(pipeline, "RULES_VERSION", pipeline.RULES_VERSION + "-next")
    assert reanalyse(db, FixtureParser()).reanalysed == 5
    is_rejected()

    withdrawn = editing.withdraw(db, edited.numbers[0], who="chief")
    assert ("status", "rejected", "current") in {(c.field, c.before, c.after) for c in withdrawn.changes}
    back = row(db, NO_QUOTE)
    assert (back["id"], back["speaker_id"]) == (target["id"], target["speaker_id"])
    assert query(db, "select count(*) n from quotes where utterance_id = ?", [back["utterance_id"]])[0]["n"] == 3
    assert open_store(db).counts() == counts
    listed = editing.list_corrections(db)[0]
    assert (listed.outcome.state, listed.correction.withdrawn_by) == ("withdrawn", "chief")


def test_a_renamed_speaker_survives_reanalysis_and_its_old_name_is_an_alias(corpus_db, monkeypatch):
    _, db = corpus_db
    ryabkov = speaker_id_of(db, "Sergei Ryabkov")
    editing.correct(db, ryabkov, name="Sergey Ryabkov", note="the ministry's spelling", who="ed")
    monkeypatch.setattr(pipeline, "RULES_VERSION", pipeline.RULES_VERSION + "-next")
    reanalyse(db, FixtureParser())
    speaker = query(db, "select * from speakers where id = ?", [ryabkov])[0]
    assert speaker["name"] == "Sergey Ryabkov" and "Sergei Ryabkov" in speaker["aliases"]
    names = {r["speaker_name"] for r in query(db, "select speaker_name from quotes where speaker_id = ?", [ryabkov])}
    assert names == {"Sergey Ryabkov"}


def test_a_corrected_role_applies_and_the_articles_role_is_kept_apart(corpus_db):
    _, db = corpus_db
    target = row(db, "In the past several days an intensive document exchange")
    editing.correct(db, target["id"], role="deputy minister", who="ed")
    got = row(db, "In the past several days an intensive document exchange")
    assert (got["speaker_role"], got["speaker_role_local"]) == ("deputy minister", target["speaker_role"])


def test_a_correction_that_cannot_be_applied_changes_nothing(corpus_db, monkeypatch):
    _, db = corpus_db
    target = row(db, UNNAMED)

    def broken(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr("quotetrack.store.db.Store.write_entities", broken)
    with pytest.raises(StoreError, match="database error while applying the corrections .*nothing was changed"):
        editing.correct(db, target["id"], speaker="Bashar al-Assad", who="ed")
    assert query(db, "select count(*) n from corrections")[0]["n"] == 0
    assert row(db, UNNAMED) == target


def test_corrections_name_the_record_and_the_problem(corpus_db, tmp_path):
    corpus, db = corpus_db
    with pytest.raises(CorrectionError, match="no such database"):
        editing.correct(tmp_path / "missing.db", "q-0000000000", speaker="A", who="ed")
    assert not (tmp_path / "missing.db").exists()
    with pytest.raises(CorrectionError, match="no quote with the ID q-0000000000"):
        editing.correct(db, "q-0000000000", speaker="A", who="ed")
    with pytest.raises(CorrectionError, match="no speaker with the ID s-00000000"):
        editing.correct(db, "s-00000000", name="A", who="ed")
    with pytest.raises(CorrectionError, match="nothing to correct"):
        editing.correct(db, row(db, UNNAMED)["id"], who="ed")
    with pytest.raises(CorrectionError, match="no speaker or role to correct"):
        editing.correct(db, row(db, UNNAMED)["id"], not_a_quote=True, speaker="A", who="ed")
    with pytest.raises(CorrectionError, match="say who makes the correction"):
        editing.correct(db, row(db, UNNAMED)["id"], speaker="A", who="  ")
    with pytest.raises(CorrectionError, match="no correction number 7"):
        editing.withdraw(db, 7, who="ed")
    # a quote of a removed article, which no current quote replaced
    gone = row(db, UNNAMED)["id"]
    (corpus / ASSAD_ARTICLE).unlink()
    ingest(corpus, db, FixtureParser(), prune=True)
    with pytest.raises(CorrectionError, match=f"{gone} is a quote from an article removed from the collection"):
        editing.correct(db, gone, speaker="A", who="ed")
    assert query(db, "select count(*) n from corrections")[0]["n"] == 0


def test_the_role_column_is_filled_in_for_quotes_stored_before_corrections(tmp_path):
    import sqlite_utils

    from quotetrack import ids

    from ..helpers import article, quote

    db = sqlite_utils.Database(tmp_path / "old.db")
    MIGRATIONS.apply(db, stop_before="010_corrections")
    a = article('"Talks go on," Lavrov, the foreign minister, said.\n')
    db["articles"].insert({"id": ids.article_id(a.sha256), "doc": a.doc, "sha256": a.sha256, "text": a.text,
                           "status": "current"})
    q = quote(a.text, "Talks go on", "Lavrov", "said")
    db["quotes"].insert({"id": "q-0000000001", "article_id": ids.article_id(a.sha256), "kind": "direct",
                         "text": q.text, "start_char": q.start_char, "end_char": q.end_char,
                         "speaker_role": "foreign minister", "status": "current"})
    db.close()
    store = open_store(tmp_path / "old.db")
    assert query(tmp_path / "old.db", "select speaker_role_local from quotes")[0]["speaker_role_local"] \
        == "foreign minister"
    assert store.corrections() == []
    store.close()


# -- the command line -------------------------------------------------------------------


def run(*args):
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.output
    return result


def test_correct_a_wrong_speaker_list_and_undo_from_the_command_line(corpus_db):
    _, db = corpus_db
    qid = row(db, UNNAMED)["id"]
    result = run("correct", qid, "--speaker", "Bashar al-Assad", "--note", "al-Watan interview",
                 "--who", "ed", "--db", str(db))
    assert result.exit_code == 0, result.output
    assert f"Correction 1 of {qid} recorded." in result.output
    assert "speaker: (none) -> Bashar al-Assad" in result.output
    result = run("correct", "--list", "--db", str(db))
    assert result.exit_code == 0
    assert f"1  {qid}  speaker = “Bashar al-Assad”; applied to {qid} (was none)" in result.output
    assert "by ed, " in result.output and ": al-Watan interview" in result.output
    result = run("correct", "--undo", "1", "--who", "chief", "--db", str(db))
    assert result.exit_code == 0
    assert "Withdrew correction 1." in result.output and "speaker: Bashar al-Assad -> (none)" in result.output
    result = run("correct", "--undo", "1", "--who", "chief", "--db", str(db))
    assert result.exit_code == 1 and "correction 1 was withdrawn already" in result.output
    assert "withdrawn on " in run("correct", "--list", "--db", str(db)).output


def test_correct_refuses_unclear_requests_in_one_line(corpus_db, monkeypatch):
    _, db = corpus_db
    qid = row(db, UNNAMED)["id"]
    result = run("correct", "--speaker", "A", "--db", str(db))
    assert result.exit_code == 2 and "give the ID of the quote, speaker or outlet" in result.output
    result = run("correct", qid, "--list", "--db", str(db))
    assert result.exit_code == 2 and "--list and --undo N take no ID" in result.output
    result = run("correct", "q-0000000000", "--speaker", "A", "--who", "ed", "--db", str(db))
    assert result.exit_code == 1 and "no quote with the ID q-0000000000" in result.output
    result = run("correct", qid, "--name", "A", "--who", "ed", "--db", str(db))
    assert result.exit_code == 1 and "a quote's name cannot be corrected" in result.output
    monkeypatch.setattr("getpass.getuser", lambda: (_ for _ in ()).throw(OSError("no login name")))
    result = run("correct", qid, "--speaker", "A", "--db", str(db))
    assert result.exit_code == 1 and "say who makes the correction (--who NAME)" in result.output
    assert run("correct", "--list", "--db", str(db)).output == "No corrections.\n"


def test_a_renamed_speaker_whose_id_is_retired_keeps_the_name_on_its_successor(tmp_path):
    from quotetrack import ids
    from quotetrack.pipeline import relink

    from ..helpers import article, attributed

    db = tmp_path / "quotes.db"
    store = open_store(db)
    first = article('"We are close to a deal," Ryabkov said.\n', "first.txt", date="2016-12-08")
    store.write_article(first, ids.article_id(first.sha256), [
        attributed(first, "We are close to a deal", "Ryabkov", "said", name="Ryabkov", resolution="surname")], "v", {})
    relink(store)
    store.close()
    surname = speaker_id_of(db, "Ryabkov")
    editing.correct(db, surname, name="S. Ryabkov", note="as the agency spells him", who="ed")
    # a fuller name arrives: the entity's ID changes, in the same relink the correction is applied in
    store = open_store(db)
    second = article('"Talks go on," Sergei Ryabkov said.\n', "second.txt", date="2016-12-09")
    store.write_article(second, ids.article_id(second.sha256), [
        attributed(second, "Talks go on", "Sergei Ryabkov", "said", name="Sergei Ryabkov")], "v", {})
    outcomes = relink(store)
    full = store.redirect(surname)
    store.close()
    assert full and full != surname
    assert [(o.state, o.applies_to, o.original) for o in outcomes] == [("applied", full, "Sergei Ryabkov")]
    assert query(db, "select name from speakers where id = ?", [full])[0]["name"] == "S. Ryabkov"
