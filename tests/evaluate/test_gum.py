"""The GUM evaluation: the reader (text, paragraphs, Entity brackets, errors) and
the scorers on a small hand-written CoNLL-U document; tests on the real GUM files
skip unless they are at $QUOTETRACK_UD_DIR or ../shared/ud beside the project."""

from __future__ import annotations

import json

import attrs
import pytest
from click.testing import CliRunner

from quotetrack import ids
from quotetrack.cli import evaluate
from quotetrack.evaluate import gum
from quotetrack.records import Mention, Quote, ResolvedQuote

# GUM's columns; MISC carries SpaceAfter and the Entity brackets
HEADER = """# newdoc id = GUM_news_{name}
# global.Entity = GRP-etype-infstat-salience-centering-minspan-link-identity
# meta::genre = news
# meta::title = Council backs plan
"""

# headline; "John Smith said the plan would work."; "\"It will work,\" he said."
# (John Smith and "he" are entity 2; "the plan" and "It" entity 3)
BODY = """# newpar
# text = Council backs plan
1	Council	council	NOUN	NN	_	2	nsubj	_	Entity=(1-organization-new-sssss-cf1-1-coref)
2	backs	back	VERB	VBZ	_	0	root	_	_
3	plan	plan	NOUN	NN	_	2	obj	_	Entity=(3-abstract-new-sssss-cf2-1-coref)

# newpar
# text = John Smith said the plan would work.
1	John	John	PROPN	NNP	_	3	nsubj	_	Entity=(2-person-new-sssss-cf1-1,2-coref{identity}
2	Smith	Smith	PROPN	NNP	_	1	flat	_	Entity=2)
3	said	say	VERB	VBD	_	0	root	_	_
4	the	the	DET	DT	_	5	det	_	Entity=(3-abstract-giv:act-sssss-cf2-2-coref
5	plan	plan	NOUN	NN	_	7	nsubj	_	Entity=3)
6	would	would	AUX	MD	_	7	aux	_	_
7	work	work	VERB	VB	_	3	ccomp	_	SpaceAfter=No
8	.	.	PUNCT	.	_	3	punct	_	_

# newpar
# text = "It will work," he said.
1	"	"	PUNCT	``	_	4	punct	_	SpaceAfter=No
2	It	it	PRON	PRP	_	4	nsubj	_	Entity=(3-abstract-giv:act-sssss-cf2-1-ana)
3	will	will	AUX	MD	_	4	aux	_	_
4	work	work	VERB	VB	_	8	ccomp	_	SpaceAfter=No
5	,	,	PUNCT	,	_	4	punct	_	SpaceAfter=No
6	"	"	PUNCT	''	_	4	punct	_	_
7	he	he	PRON	PRP	_	8	nsubj	_	Entity=({he_entity}-person-giv:act-sssss-cf1-1-ana{he_identity})
8	said	say	VERB	VBD	_	0	root	_	SpaceAfter=No
9	.	.	PUNCT	.	_	8	punct	_	_

"""

TEXT = 'Council backs plan\n\nJohn Smith said the plan would work.\n\n"It will work," he said.\n'


def conllu(name="smith", identity="", he_entity="2", he_identity="", body=None) -> str:
    return HEADER.format(name=name) + (body or BODY).format(
        identity=identity, he_entity=he_entity, he_identity=he_identity)


def read(tmp_path, text: str, split="dev") -> list[gum.GumDoc]:
    path = tmp_path / f"en_gum-ccby-ud-{split}.conllu"
    path.write_text(text, encoding="utf-8")
    return gum.read_conllu_docs(path, split)


def resolved_quote(doc: gum.GumDoc, content: str, speaker: str, name: str | None, resolution: str,
                   after: int = 0, **extra) -> ResolvedQuote:
    """A resolved quote of ``content`` with the speaker mention ``speaker``, the first
    of each from ``after``."""
    s = doc.text.index(content, after)
    m = doc.text.index(speaker, after)
    q = Quote(kind="direct", start_char=s, end_char=s + len(content), text=content, rule="test", confidence=0.9,
              speaker=Mention(start_char=m, end_char=m + len(speaker), text=speaker))
    return ResolvedQuote(quote_id=ids.quote_id("x", s, s + len(content)), doc=doc.doc_id, quote=q,
                         speaker_name=name, speaker_type="person", resolution=resolution, **extra)


# -- reading ------------------------------------------------------------------


def test_text_is_rebuilt_with_paragraphs_and_mentions_get_offsets(tmp_path):
    [doc] = read(tmp_path, conllu())
    assert doc.text == TEXT
    assert (doc.doc_id, doc.split, doc.genre, doc.title) == ("GUM_news_smith", "dev", "news", "Council backs plan")
    spans = {(doc.text[m.start:m.end], m.entity) for m in doc.mentions}
    assert spans == {("Council", "1"), ("plan", "3"), ("John Smith", "2"), ("the plan", "3"),
                     ("It", "3"), ("he", "2")}
    [smith] = [m for m in doc.mentions if m.entity == "2" and m.end - m.start > 2]
    assert doc.text[smith.head_start:smith.head_end] == "John"
    # the ParsedDoc of the gold trees has the same words at the same offsets, paragraph by paragraph
    parsed = gum.parsed_doc(doc)
    assert [(w.text, w.start_char) for s in parsed.sentences for w in s.words] == \
        [(w.form, w.start) for s in doc.sentences for w in s]
    assert [s.paragraph for s in parsed.sentences] == [0, 1, 2]


def test_multiword_tokens_give_their_words_offsets(tmp_path):
    body = """# newpar
1-2	report's	_	_	_	_	_	_	_	_
1	report	report	NOUN	NN	_	3	nmod:poss	_	Entity=(1-abstract-new-s-c-1-coref
2	's	's	PART	POS	_	1	case	_	Entity=1)
3	authors	author	NOUN	NNS	_	4	nsubj	_	_
4	say	say	VERB	VBP	_	0	root	_	_
"""
    [doc] = read(tmp_path, HEADER.format(name="mwt") + body)
    assert doc.text == "report's authors say\n"
    [m] = doc.mentions
    assert doc.text[m.start:m.end] == "report's"
    assert [(w.form, w.start, w.end) for w in doc.sentences[0][:2]] == [("report", 0, 6), ("'s", 6, 8)]


def test_other_genres_are_left_out(tmp_path):
    other = conllu().replace("GUM_news_smith", "GUM_fiction_smith").replace("genre = news", "genre = fiction")
    assert [d.doc_id for d in read(tmp_path, other + conllu(name="kept"))] == ["GUM_news_kept"]


def test_a_closing_bracket_of_an_entity_not_open_names_file_and_line(tmp_path):
    bad = conllu().replace("Entity=3)\n", "Entity=7)\n")
    with pytest.raises(gum.GumError, match=r"en_gum-ccby-ud-dev\.conllu:17: .*closes entity 7, which is not open"):
        read(tmp_path, bad)


def test_an_entity_never_closed_names_the_line_it_opens(tmp_path):
    bad = conllu().replace("Entity=2)\n", "_\n")
    with pytest.raises(gum.GumError, match=r"conllu:13: Entity bracket opens entity 2, which is never closed"):
        read(tmp_path, bad)


def test_malformed_entity_values_and_rows_are_errors(tmp_path):
    with pytest.raises(gum.GumError, match=r"conllu:7: malformed Entity value"):
        read(tmp_path, conllu().replace("Entity=(1-organization-new-sssss-cf1-1-coref)", "Entity=(1-x(("))
    with pytest.raises(gum.GumError, match=r"conllu:8: expected 10 tab-separated columns, found 9"):
        read(tmp_path, conllu().replace("2\tbacks\tback\tVERB\tVBZ\t_\t0\troot\t_\t_", "2\tbacks\tback\tVERB\t_\t0\troot\t_\t_"))


def test_entity_items_parse_in_order():
    assert gum.parse_entity("(5-time-new-x-cf7-1-sgl)4)3)", "f:1") == [
        ("open", "5", "5-time-new-x-cf7-1-sgl", True), ("close", "4", None, False), ("close", "3", None, False)]


def test_identities_become_names():
    assert gum.clean_identity("John_FitzGibbon%2C_2nd_Earl_of_Clare") == "John FitzGibbon"
    assert gum.clean_identity("Georgia_(country)") == "Georgia"
    assert gum.clean_identity(None) is None


# -- speaker resolution -------------------------------------------------------


def test_a_pronoun_whose_chain_names_john_smith_is_correct_through_the_real_pipeline(tmp_path):
    [doc] = read(tmp_path, conllu())
    [(_, quotes)] = gum.analysed([doc])
    he = [q for q in quotes if q.quote.speaker and q.quote.speaker.text == "he"]
    assert [(q.speaker_name, q.resolution) for q in he] == [("John Smith", "pronoun")]
    cases = gum.speaker_cases(doc, quotes)
    assert [(c.kind, c.outcome, c.gold) for c in cases if c.mention == "he"] == [("pronoun", "correct", "John Smith")]
    # the named speaker counts as the check of plain names
    assert [(c.kind, c.outcome) for c in cases if c.mention == "John Smith"] == [("name", "correct")]


def test_a_pronoun_resolved_to_another_name_is_wrong(tmp_path):
    # "he" belongs to a chain of its own whose identity is Tom Brown
    [doc] = read(tmp_path, conllu(he_entity="9", he_identity="-Tom_Brown"))
    q = resolved_quote(doc, "It will work", "he", "John Smith", "pronoun", after=doc.text.index('"It'))
    [case] = gum.speaker_cases(doc, [q])
    assert (case.kind, case.outcome, case.predicted, case.gold) == ("pronoun", "wrong", "John Smith", "Tom Brown")


def test_unresolved_and_no_name_outcomes(tmp_path):
    [doc] = read(tmp_path, conllu())
    after = doc.text.index('"It')
    unresolved = resolved_quote(doc, "It will work", "he", None, "unresolved", after=after)
    assert [(c.kind, c.outcome, c.gold) for c in gum.speaker_cases(doc, [unresolved])] == [
        ("unresolved:pronoun", "unresolved", "John Smith")]
    # "Council" names no one: its chain has no proper name
    council = resolved_quote(doc, "Council backs plan", "Council", "Council", "name")
    assert [c.outcome for c in gum.speaker_cases(doc, [council])] == ["no_name"]


def test_a_surname_counts_only_when_the_chains_name_ends_with_it():
    names = ["John Smith"]
    assert gum.names_match("Smith", names) == "surname"
    assert gum.names_match("Eastman", ["Cres Eastman", "Eastman"]) == "surname"  # counted as surname only
    assert gum.names_match("John", names) is None
    assert gum.names_match("john smith", names) == "exact"
    assert gum.names_match("Hillary Clinton", ["Hillary Rodham Clinton"]) == "first-last"
    assert gum.names_match("Tom Devocht", ["Devocht"]) == "gold-surname"
    assert gum.names_match("Tom Devocht", ["Devocht", "Mark Devocht"]) is None


def test_scores_are_grouped_by_split_and_kind(tmp_path):
    [dev] = read(tmp_path, conllu(), split="dev")
    [train] = read(tmp_path, conllu(name="other", he_entity="9", he_identity="-Tom_Brown"), split="train")
    after = dev.text.index('"It')
    pairs = [(dev, [resolved_quote(dev, "It will work", "he", "John Smith", "pronoun", after=after)]),
             (train, [resolved_quote(train, "It will work", "he", "John Smith", "pronoun", after=after)])]
    groups = gum.score_speakers(pairs)["groups"]
    assert groups["dev+test"]["kinds"]["pronoun"]["correct"] == 1
    assert groups["train"]["kinds"]["pronoun"]["wrong"] == 1
    assert groups["all"]["non_name"]["accuracy"] == 0.5
    assert groups["all"]["name"]["scored"] == 0


# -- outlet attributions ------------------------------------------------------


def _provenance(tmp_path, doc, rows) -> list[gum.GoldProvenance]:
    out = []
    for content, via, how in rows:
        s = doc.text.index(content)
        out.append({"doc": doc.doc_id, "content": [s, s + len(content)], "text": content, "via": via, "how": how})
    path = tmp_path / "prov.json"
    path.write_text(json.dumps({"quotes": out}), encoding="utf-8")
    return gum.load_provenance(path, [doc])


def test_via_outlets_and_how_they_are_tied_are_scored(tmp_path):
    [doc] = read(tmp_path, conllu())
    gold = _provenance(tmp_path, doc, [("the plan would work", "The Daily Example", "named"),
                                       ("It will work", None, None)])
    after = doc.text.index('"It')
    plain = [resolved_quote(doc, "the plan would work", "John Smith", "John Smith", "name",
                            via_outlet_name="Daily Example"),
             resolved_quote(doc, "It will work", "he", "John Smith", "pronoun", after=after, via_outlet_name="BBC")]
    before = gum.score_provenance([(doc, plain)], gold)
    assert before["outcomes"]["correct"] == 1 and before["outcomes"]["spurious"] == 1
    assert before["spurious_rate"] == 1.0 and before["agreement"] == 0.5 and before["via_accuracy"] == 1.0
    assert before["how_accuracy"] == 0.0  # no via_how given
    with_how = [attrs.evolve(q, via_how=h) for q, h in zip(plain, ["carried", "named"])]
    after_ = gum.score_provenance([(doc, with_how)], gold)
    assert after_["how_accuracy"] == 0.0
    right = gum.score_provenance([(doc, [attrs.evolve(plain[0], via_how="named"), plain[1]])], gold)
    assert right["how_accuracy"] == 1.0
    assert after_["by_how"]["named"] == {"matched": 1, "correct": 1, "wrong": 0, "missed": 0, "as_speaker": 0}


def test_a_quote_overlapping_too_little_of_an_annotation_is_not_scored(tmp_path):
    [doc] = read(tmp_path, conllu())
    gold = _provenance(tmp_path, doc, [("work", None, None)])
    q = resolved_quote(doc, "John Smith said the plan would work", "John Smith", "John Smith", "name")
    assert gum.score_provenance([(doc, [q])], gold)["matched"] == 0


def test_annotations_whose_offsets_do_not_hold_their_text_are_errors(tmp_path):
    [doc] = read(tmp_path, conllu())
    path = tmp_path / "prov.json"
    path.write_text(json.dumps({"quotes": [{"doc": doc.doc_id, "content": [0, 7], "text": "Counci!",
                                            "via": None, "how": None}]}), encoding="utf-8")
    with pytest.raises(gum.GumError, match="reads 'Council', not 'Counci!'"):
        gum.load_provenance(path, [doc])
    path.write_text(json.dumps({"quotes": [{"doc": doc.doc_id, "content": [0, 7], "text": "Council",
                                            "via": "BBC", "how": "told"}]}), encoding="utf-8")
    with pytest.raises(gum.GumError, match="how is one of"):
        gum.load_provenance(path, [doc])


def test_cli_reports_missing_gum_files(tmp_path):
    result = CliRunner().invoke(evaluate, ["gum", "--path", str(tmp_path)])
    assert result.exit_code != 0
    assert "no GUM file" in result.output


# -- the real GUM files -------------------------------------------------------

REAL = gum.default_path()
needs_gum = pytest.mark.skipif(not all(gum.gum_file(REAL, s).exists() for s in gum.SPLITS),
                               reason=f"GUM is not at {REAL} (set ${gum.ENV_VAR})")


@pytest.fixture(scope="module")
def real_docs():
    return gum.read_gum(REAL)


@needs_gum
def test_real_gum_has_its_wikinews_documents(real_docs):
    counts = {s: sum(d.split == s for d in real_docs) for s in gum.SPLITS}
    assert counts == {"train": 34, "dev": 4, "test": 4}
    assert sum(d.genre == "news" for d in real_docs) == 23
    assert sum(d.genre == "interview" for d in real_docs) == 19
    iodine = next(d for d in real_docs if d.doc_id == "GUM_news_iodine")
    assert iodine.text.startswith("Australian children suffering from iodine deficiency\n\nThursday, February 23, 2006\n\n")
    eastman = [m for m in iodine.mentions if m.identity == "Creswell_Eastman"]
    assert iodine.text[eastman[0].start:eastman[0].end] == "Professor Cres Eastman"


@needs_gum
def test_real_mentions_sit_on_the_gold_parse_words(real_docs):
    for doc in real_docs:
        parsed = gum.parsed_doc(doc)
        ours = [(w.start, w.end) for s in doc.sentences for w in s]
        assert ours == [(w.start_char, w.end_char) for s in parsed.sentences for w in s.words], doc.doc_id
        assert len(parsed.paragraphs) == doc.text.count("\n\n") + 1, doc.doc_id


@needs_gum
def test_the_packaged_provenance_annotations_hold_on_the_real_texts(real_docs):
    gold = gum.load_provenance(None, real_docs)  # raises where an offset does not hold its text
    docs = {d.doc_id for d in real_docs}
    assert {g.doc for g in gold} <= docs
    assert sum(g.via is not None for g in gold) >= 30
    assert {g.how for g in gold if g.via} == set(gum.HOWS)


@needs_gum
def test_the_whole_evaluation_runs_on_real_gum():
    result = CliRunner().invoke(evaluate, ["gum", "--path", str(REAL), "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    groups = out["speakers"]["groups"]
    assert groups["all"]["non_name"]["scored"] >= 50
    assert groups["all"]["name"]["scored"] >= 50
    assert set(groups) == {"train", "dev+test", "all"}
    assert out["outlets"]["matched"] >= 100
    table = CliRunner().invoke(evaluate, ["gum", "--path", str(REAL), "--errors"])
    assert "Speaker errors" in table.output and "dev+test" in table.output
