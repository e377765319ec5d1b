"""Published IDs never move: the sample corpus ingested whole, in parts, with
articles added, changed and removed, on the real pipeline (bundled models).

Each text is parsed once per test session (parses are deterministic); what is
tested is that quote and utterance IDs depend only on what they point at.
"""

import shutil

import pytest
import sqlite_utils

from quotetrack.pipeline import ingest

from .conftest import CORPUS

ALL = sorted(p.name for p in CORPUS.glob("*.txt"))
FIRST, LATER = ALL[:3], ALL[3:]


class MemoParser:
    """The session's real parser, each distinct text parsed once."""

    def __init__(self, parser):
        self.parser, self.memo = parser, {}
        self.models = parser.models

    def versions(self):
        return self.parser.versions()

    def parse(self, text):
        if text not in self.memo:
            self.memo[text] = self.parser.parse(text)
        return self.memo[text]


@pytest.fixture(scope="module")
def memo_parser(parser):
    return MemoParser(parser)


def corpus_of(tmp_path, names, name="corpus"):
    folder = tmp_path / name
    folder.mkdir()
    for n in names:
        shutil.copy(CORPUS / n, folder / n)
    for extra in CORPUS.glob("*.csv"):  # metadata sidecar, when the corpus has one
        shutil.copy(extra, folder / extra.name)
    return folder


def quotes(db_path, status="current"):
    db = sqlite_utils.Database(db_path)
    return {
        (r["doc"], r["start_char"], r["end_char"]): (r["id"], r["utterance_id"])
        for r in db.query(
            "select q.id, q.utterance_id, q.start_char, q.end_char, a.doc from quotes q "
            "join articles a on a.id = q.article_id where q.status = ?", [status])
    }


def consistent(db_path):
    db = sqlite_utils.Database(db_path)
    assert list(db.query("pragma foreign_key_check")) == []
    assert list(db.query("pragma integrity_check")) == [{"integrity_check": "ok"}]


def test_the_same_corpus_gives_the_same_ids_in_a_fresh_database(memo_parser, tmp_path):
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    assert ingest(CORPUS, one, memo_parser).ok
    assert ingest(CORPUS, two, memo_parser).ok
    assert quotes(one) == quotes(two)
    assert len(quotes(one)) > 50


def test_adding_and_removing_articles_changes_no_existing_id(memo_parser, tmp_path):
    whole = tmp_path / "whole.db"
    assert ingest(CORPUS, whole, memo_parser).ok
    full = quotes(whole)

    db = tmp_path / "grown.db"
    folder = corpus_of(tmp_path, FIRST)
    assert ingest(folder, db, memo_parser).ok
    before = quotes(db)
    assert before and all(doc in FIRST for doc, _, _ in before)
    # quote IDs depend only on the article and the span
    assert {k: v[0] for k, v in before.items()} == {k: full[k][0] for k in before}

    for n in LATER:  # the rest of the corpus arrives
        shutil.copy(CORPUS / n, folder / n)
    report = ingest(folder, db, memo_parser)
    assert (report.parsed, report.skipped) == (len(LATER), len(FIRST))
    grown = quotes(db)
    assert {k: v[0] for k, v in grown.items()} == {k: v[0] for k, v in full.items()}
    # a published utterance ID stays, or, when the new articles show its statement
    # to be another utterance's too, redirects to the one its quotes are in now
    redirects = {r["old_id"]: r["new_id"] for r in sqlite_utils.Database(db).query(
        "select old_id, new_id from entity_redirects where kind = 'utterance'")}
    kept = 0
    for key, (qid, utterance) in before.items():
        assert grown[key][0] == qid, key
        if utterance is None:
            continue
        assert grown[key][1] in (utterance, redirects.get(utterance)), key
        kept += grown[key][1] == utterance
    assert kept >= 0.9 * sum(1 for _, u in before.values() if u)
    consistent(db)

    gone = LATER[0]  # an article leaves the collection
    (folder / gone).unlink()
    report = ingest(folder, db, memo_parser, prune=True)
    assert report.removed == 1 and report.ok
    after = quotes(db)
    assert set(after) == {k for k in grown if k[0] != gone}
    # only a statement the gone article joined may come apart; its ID stays with one
    # part and still resolves
    joined_by_gone = {u for (doc, _, _), (_, u) in grown.items() if doc == gone and u}
    live = {r["id"] for r in sqlite_utils.Database(db).query("select id from utterances")}
    redirects = {r["old_id"]: r["new_id"] for r in sqlite_utils.Database(db).query(
        "select old_id, new_id from entity_redirects where kind = 'utterance'")}
    for key, value in after.items():
        assert value[0] == grown[key][0], key
        if grown[key][1] not in joined_by_gone:
            assert value == grown[key], key
        elif grown[key][1]:
            assert grown[key][1] in live or grown[key][1] in redirects, key
    removed = quotes(db, "removed")
    assert {k: v[0] for k, v in removed.items()} == {k: v[0] for k, v in grown.items() if k[0] == gone}
    consistent(db)

    shutil.copy(CORPUS / gone, folder / gone)  # and comes back: the same IDs again
    assert ingest(folder, db, memo_parser).ok
    assert {k: v[0] for k, v in quotes(db).items()} == {k: v[0] for k, v in grown.items()}
    consistent(db)


def test_a_corrected_article_keeps_its_utterance_ids(memo_parser, tmp_path):
    folder = corpus_of(tmp_path, ALL)
    db = tmp_path / "q.db"
    assert ingest(folder, db, memo_parser).ok
    before = quotes(db)
    changed = ALL[1]
    path = folder / changed
    path.write_text(path.read_text(encoding="utf-8") + "\nThis article has been corrected.\n",
                    encoding="utf-8")
    assert ingest(folder, db, memo_parser).ok
    after = quotes(db)
    old = {k: v for k, v in before.items() if k[0] == changed}
    new = {k: v for k, v in after.items() if k[0] == changed}
    assert old and set(old) == set(new)  # text appended: same spans
    # new quote IDs (the article's text changed) ...
    assert not {v[0] for v in old.values()} & {v[0] for v in new.values()}
    # ... the same utterances, and every other quote untouched
    assert {k: v[1] for k, v in old.items()} == {k: v[1] for k, v in new.items()}
    assert {k: v for k, v in after.items() if k[0] != changed} == {
        k: v for k, v in before.items() if k[0] != changed}
    superseded = sqlite_utils.Database(db).query(
        "select id, superseded_by, utterance_id from quotes where status = 'superseded'")
    by_old = {v[0]: v for v in old.values()}
    new_by_key = {k: v[0] for k, v in new.items()}
    for row in superseded:
        key = next(k for k, v in old.items() if v[0] == row["id"])
        assert row["superseded_by"] == new_by_key[key]
        assert row["utterance_id"] == by_old[row["id"]][1]
    consistent(db)
