"""The utterance grouping's rules, on constructed quotes (no model: the stand-in
encoder of tests/helpers.py, or vectors given by hand)."""

from __future__ import annotations

import attrs
import numpy as np
import pytest

from quotetrack.records import Article, ParsedDoc
from quotetrack.resolve import resolve_corpus
from quotetrack.utterances import When, compare_wordings, group_utterances, mark_statements, same_statement
from quotetrack.utterances.speakers import compatible, group_key, top_compatible
from quotetrack.utterances.timeline import earliest

from ..helpers import HashedWords, resolved


def linked(quotes):
    return resolve_corpus(quotes, [])[2]


def vectors_of(quotes):
    """The stand-in encoder's vectors of the quotes."""
    return dict(zip([q.quote_id for q in quotes], HashedWords().encode([q.quote.text for q in quotes])))


def utterances(quotes, **options):
    quotes = linked(quotes)
    grouping = group_utterances(quotes, options.pop("vectors", None) or vectors_of(quotes), **options)
    return [grouping.utterance_of.get(q.quote_id) for q in quotes], grouping, quotes


# -- pieces and pull quotes --------------------------------------------------------------

PIECES = ('"We will stay in our homes," the mayor said on Monday. "Nobody will make us leave."\n'
          '"The shelling has to stop," she went on.\n'
          "'We will stay in our homes'\n")


def _article_quotes():
    text = PIECES
    a = resolved("town.txt", "We will stay in our homes,", "Anna Berg")
    b = resolved("town.txt", "Nobody will make us leave.", "Anna Berg")
    c = resolved("town.txt", "The shelling has to stop,", "Anna Berg")
    d = resolved("town.txt", "We will stay in our homes", "Anna Berg")

    def at(q, needle, after=0, rule=None, continues=None):
        start = text.index(needle, after)
        quote = attrs.evolve(q.quote, start_char=start, end_char=start + len(needle),
                             **({"rule": rule} if rule else {}))
        return attrs.evolve(q, quote=quote, continues_id=continues)

    a = at(a, "We will stay in our homes,")
    b = at(b, "Nobody will make us leave.", continues=a.quote_id)
    c = at(c, "The shelling has to stop,", continues=b.quote_id)
    d = at(d, "We will stay in our homes", after=text.index("'"))
    doc = ParsedDoc(text=text, sentences=())
    article = Article(doc="town.txt", path="town.txt", text=text, sha256="x", title=None)
    return mark_statements(article, doc, [a, b, c, d])


def test_pieces_of_one_quotation_in_one_paragraph_are_one_utterance_a_follow_on_paragraph_is_not():
    a, b, c, d = _article_quotes()
    assert b.piece_of == a.quote_id and c.piece_of is None  # c continues b, in the next paragraph
    ids, grouping, _ = utterances([a, b, c, d])
    assert ids[0] == ids[1] != ids[2]


def test_a_pull_quote_is_marked_and_is_no_second_report():
    a, b, c, d = _article_quotes()
    assert d.pull_quote_of == a.quote_id and a.pull_quote_of is None
    ids, grouping, _ = utterances([a, b, c, d])
    assert ids[3] == ids[0]
    assert grouping.reports[ids[0]] == 1
    assert grouping.first[ids[0]] == (a.quote_id,)


# -- speakers -------------------------------------------------------------------------

def test_group_speakers_under_two_descriptions():
    assert group_key("rebels") == group_key("opposition fighters") == group_key(
        "increasingly cornered opposition factions") == "armed opposition"
    assert group_key("Residents of rebel-held areas") == group_key("Residents") == "residents"
    assert group_key("opposition activists") != group_key("rebels")
    assert compatible("s-1", "group", "Syrian rebels", "s-2", "group", "rebels")
    assert not compatible("s-1", "group", "Syrian rebels", "s-2", "group", "Iraqi rebels")
    assert not compatible("s-1", "person", "Anna Berg", "s-2", "person", "Anna Bergman")
    # a headline's state for its minister, not for another state's
    assert top_compatible("s-1", "organisation", "Russia", "s-2", "person", "Sergei Ryabkov",
                          "Russian Deputy Foreign Minister")
    assert not top_compatible("s-1", "organisation", "Russia", "s-2", "person", "John Kerry",
                              "US Secretary of State")


def test_a_group_statement_links_across_articles_under_two_descriptions():
    ids, _, _ = utterances([
        resolved("a.txt", "an immediate five-day ceasefire and the evacuation of civilians and wounded",
                 "Syrian rebels", speaker_type="group", kind="indirect"),
        resolved("b.txt", "an immediate five-day humanitarian ceasefire and the evacuation of civilians",
                 "opposition factions", speaker_type="group", kind="indirect"),
        resolved("c.txt", "an immediate five-day humanitarian ceasefire and the evacuation of civilians",
                 "opposition activists", speaker_type="group", kind="indirect"),
    ])
    assert ids[0] == ids[1] != ids[2]


# -- meaning, corroborated -------------------------------------------------------------

def test_near_misses_by_one_speaker_stay_apart_however_close_their_vectors():
    # "we will cut taxes" / "we will not raise taxes": one says no, the other does not
    assert not same_statement("we will cut taxes", "we will not raise taxes", cosine=0.95)
    assert not same_statement("we will raise taxes on the rich", "we will not raise taxes on the rich",
                              cosine=0.97)
    # close meaning alone is not enough: the claims must agree
    assert not same_statement("we will cut taxes for families", "we will cut spending on defence",
                              cosine=0.8)
    # ... and with them it is
    assert same_statement("a truce is only possible after a full rebel withdrawal from Aleppo",
                          "it will not agree to any ceasefire without a full rebel withdrawal", cosine=0.71)
    # "not … without" says yes twice
    assert not same_statement("a truce is only possible after a full rebel withdrawal",
                              "a truce is possible without a full rebel withdrawal", cosine=0.9)


def test_paraphrase_needs_the_reports_close_in_time_the_same_words_do_not():
    a = resolved("a.txt", "a truce is only possible after a full rebel withdrawal from Aleppo",
                 "Assad's government", speaker_type="organisation", kind="indirect")
    b = resolved("b.txt", "it will not agree to any ceasefire without a full rebel withdrawal",
                 "Assad's government", speaker_type="organisation", kind="indirect")
    c = resolved("c.txt", "a truce is only possible after a full rebel withdrawal from Aleppo",
                 "Assad's government", speaker_type="organisation", kind="indirect")
    quotes = linked([a, b, c])
    close = np.array([1.0] + [0.0] * 383, dtype=np.float32)
    near = np.array([0.71, 0.704] + [0.0] * 382, dtype=np.float32)
    near /= np.linalg.norm(near)
    vectors = {quotes[0].quote_id: close, quotes[1].quote_id: near, quotes[2].quote_id: close}
    days = {"a.txt": When(day="2016-12-08"), "b.txt": When(day="2016-12-09"), "c.txt": When(day="2017-02-01")}
    grouping = group_utterances(quotes, vectors, days)
    ids = [grouping.utterance_of[q.quote_id] for q in quotes]
    assert ids[0] == ids[1] == ids[2]  # a ~ b by meaning (a day apart), a = c word for word
    days["b.txt"] = When(day="2016-12-20")
    grouping = group_utterances(quotes, vectors, days)
    ids = [grouping.utterance_of[q.quote_id] for q in quotes]
    assert ids[0] == ids[2] != ids[1]


# -- headlines and ledes ------------------------------------------------------------------

def test_a_headline_joins_the_body_quote_it_sums_up():
    head = attrs.evolve(resolved("a.txt", "no agreement reached with US on safe passage for rebels",
                                 "Sergei Ryabkov", kind="indirect"), placement="headline")
    body = resolved("a.txt", "This agreement on safe passage for the rebels has not yet been reached",
                    "Sergei Ryabkov", sha="b")
    other = resolved("a.txt", "What Western agencies are reporting does not correspond with reality",
                     "Sergei Ryabkov", sha="c")
    ids, _, _ = utterances([head, body, other])
    assert ids[0] == ids[1] != ids[2]


# -- IDs, first reports, ties ---------------------------------------------------------------

def _three_reports():
    return [resolved(f"{name}.txt", "We are close to reaching an understanding on Aleppo", "Sergei Ryabkov")
            for name in ("aj", "mee", "wire")]


def test_the_anchor_and_ids_do_not_depend_on_the_order_quotes_come_in():
    quotes = _three_reports()
    days = {"aj.txt": When(day="2016-12-08"), "mee.txt": When(day="2016-12-08"), "wire.txt": When(day="2016-12-09")}
    forward = utterances(quotes, whens=days)
    backward = utterances(list(reversed(quotes)), whens=days)
    assert set(forward[0]) == set(backward[0]) and len(set(forward[0])) == 1
    assert forward[1].anchor == backward[1].anchor
    # the anchor is the earliest day's lowest quote ID
    anchor = min((q for q in forward[2] if q.doc != "wire.txt"), key=lambda q: q.quote_id)
    assert forward[1].anchor[forward[0][0]] == anchor.quote_id


def test_first_reports_tie_when_the_times_cannot_order_them():
    quotes = _three_reports()
    days = {"aj.txt": When(day="2016-12-08"), "mee.txt": When(day="2016-12-08"), "wire.txt": When(day="2016-12-09")}
    ids, grouping, linked_quotes = utterances(quotes, whens=days)
    by_doc = {q.doc: q.quote_id for q in linked_quotes}
    assert set(grouping.first[ids[0]]) == {by_doc["aj.txt"], by_doc["mee.txt"]}
    # a time on both days decides
    days["mee.txt"] = When(day="2016-12-08", instant="2016-12-08T14:30:00+00:00")
    days["aj.txt"] = When(day="2016-12-08", instant="2016-12-08T09:10:00+00:00")
    ids, grouping, _ = utterances(quotes, whens=days)
    assert grouping.first[ids[0]] == (by_doc["aj.txt"],)
    assert grouping.reports[ids[0]] == 3


def test_earliest_keeps_ties_and_leaves_undated_reports_out():
    day = When(day="2016-12-08")
    timed = When(day="2016-12-08", instant="2016-12-08T10:00:00+00:00")
    later = When(day="2016-12-08", instant="2016-12-08T11:00:00+00:00")
    # the day-only report ties with the earliest timed one; the later timed one is not first
    assert earliest([("q-b", day), ("q-a", timed), ("q-c", later), ("q-u", When())]) == ("q-b", "q-a")
    assert earliest([("q-u", When()), ("q-v", When())]) == ("q-u", "q-v")
    assert earliest([("q-2", When(day="2016-12-09")), ("q-1", day)]) == ("q-1",)


def test_published_ids_are_kept_when_utterances_merge_and_split():
    quotes = linked(_three_reports())
    q0, q1, q2 = (q.quote_id for q in quotes)
    vectors = vectors_of(quotes)
    # two published utterances now one statement: the one with the earliest quote keeps its ID
    days = {"aj.txt": When(day="2016-12-08"), "mee.txt": When(day="2016-12-09"), "wire.txt": When(day="2016-12-10")}
    grouping = group_utterances(quotes, vectors, days, existing={q0: "u-older00000", q1: "u-older00000",
                                                                 q2: "u-newer00000"})
    assert {grouping.utterance_of[q] for q in (q0, q1, q2)} == {"u-older00000"}
    # a published utterance split: the part with most of its quotes keeps the ID
    other = linked([resolved("x.txt", "Something else entirely was said about the weather", "Sergei Ryabkov")])[0]
    grouping = group_utterances(quotes + [other], {**vectors, **vectors_of([other])}, days,
                                existing={q0: "u-older00000", q1: "u-older00000", other.quote_id: "u-older00000"})
    assert grouping.utterance_of[q0] == "u-older00000" != grouping.utterance_of[other.quote_id]


# -- wording --------------------------------------------------------------------------------

@pytest.mark.parametrize("this,other,wording,changes", [
    (["We are close to reaching an understanding,"], ["We are close to reaching an understanding"],
     "same words", []),
    (["the neighbourhoods of Aleppo, a cease-fire"], ["The neighborhoods of Aleppo - a ceasefire!"],
     "same words", []),
    (["will be a huge step"], ["But it will be a huge step towards this end."], "excerpt", []),
    (["It's true that Aleppo will be a win for us,", "it won't mean the end of the war"],
     ["It's true that Aleppo will be a win for us, but let's be realistic - it won't mean the end of the war"],
     "excerpt", []),  # two pieces of one quotation: the words between them are no change
    (["But it will be a huge step towards the end."], ["But it will be a huge step towards this end."],
     "altered", [("replace", "the", "this")]),
    (["I want to warn against too high expectations"], ["I want to warn against high expectations"],
     "altered", [("delete", "too", "")]),
])
def test_wording_classes(this, other, wording, changes):
    comparison = compare_wordings(this, other)
    assert comparison.wording == wording
    assert [(e.op, e.this, e.other) for e in comparison.changes] == changes


def test_a_republished_copy_is_one_report_with_its_source():
    quotes = _three_reports()
    days = {"aj.txt": When(day="2016-12-08"), "mee.txt": When(day="2016-12-08"), "wire.txt": When(day="2016-12-09")}
    ids, grouping, linked_quotes = utterances(quotes, whens=days, copies={"mee.txt": "aj.txt"})
    by_doc = {q.doc: q.quote_id for q in linked_quotes}
    assert grouping.reports[ids[0]] == 2  # Al Jazeera (with the copy of it) and the wire
    assert grouping.first[ids[0]] == (by_doc["aj.txt"],)  # the copy ties no more


def test_store_links_republished_copy_and_counts_it_once(tmp_path):
    """Through the store: an article that reuses another's text is linked in
    article_reuse (from the stored fingerprints) and its quote is no new report."""
    from quotetrack import ids as qids
    from quotetrack.pipeline import relink
    from quotetrack.store import open_store
    from quotetrack.utterances import reuse

    from ..helpers import article, attributed
    from .prose import WIRE  # a wire story of our own

    store = open_store(tmp_path / "q.db")
    source = article(WIRE, "wire.txt", publisher="Wire", date="2016-12-08")
    copy = article("By Staff Writer\n\n" + WIRE, "paper.txt", publisher="Paper", date="2016-12-09")
    first_sentence = WIRE.split(".")[0]
    for art in (source, copy):
        q = attributed(art, first_sentence, None, None, name="Anna Berg", kind="indirect")
        store.write_article(art, qids.article_id(art.sha256), [q], "test", {},
                            fingerprint=reuse.fingerprint(qids.article_id(art.sha256), art.text))
    relink(store)
    links = list(store.db.query("select * from article_reuse"))
    assert [(r["article_id"], r["source_id"]) for r in links] == [
        (qids.article_id(copy.sha256), qids.article_id(source.sha256))]
    assert links[0]["share"] > 0.9 and links[0]["direction_known"] == 1
    (u,) = list(store.db.query("select report_count, article_count, first_quote_ids from utterances"))
    assert (u["report_count"], u["article_count"]) == (1, 2)
    store.close()
