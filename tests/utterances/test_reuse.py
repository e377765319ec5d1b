"""Republished copies: quotetrack.utterances.reuse on articles written for these tests."""

from __future__ import annotations

import attrs
import pytest

from quotetrack.utterances import reuse
from quotetrack.utterances.reuse import Reuse, ReuseIndex, SignatureVersionError

from .prose import OTHER_REPORT, UNRELATED, WEATHER, WIRE, paragraphs

WIRE_PARAS = paragraphs(WIRE)
DAY1, DAY2, DAY3 = "2024-03-04", "2024-03-05", "2024-03-06"


def joined(paras: list[str]) -> str:
    return "\n\n".join(paras)


def cut(fraction: float) -> str:
    """The wire story's first paragraphs, up to ``fraction`` of its words."""
    total = len(WIRE.split())
    out, n = [], 0
    for p in WIRE_PARAS:
        if n >= fraction * total:
            break
        out.append(p)
        n += len(p.split())
    return joined(out)


# a few words changed in each paragraph, as a sub-editor does
EDITS = [("walked off the job", "stopped work"), ("about 4,000", "some 4,000"),
         ("told reporters", "said"), ("was fair and", "was"), ("said in a statement", "said"),
         ("roughly a fifth", "about 20 percent"), ("began diverting", "started to divert"),
         ("monitoring the situation closely", "watching closely"), ("respectively", "")]

BYLINE_AND_LEDE = ("By Sara Lindqvist, Northern Gazette\n\n"
                   "Businesses across the north are bracing for empty shelves after the country's busiest "
                   "container port ground to a halt this week, with retailers saying their stock of imported "
                   "goods would last little more than a fortnight.\n\n")


def edited() -> str:
    out = []
    for para, (old, new) in zip(WIRE_PARAS, EDITS):
        assert old in para, old  # each edit changes its paragraph
        out.append(para.replace(old, new, 1))
    return joined(out)


BACKGROUND = [("u", UNRELATED, DAY1), ("x", WEATHER, DAY1)]


def links(*articles) -> list[Reuse]:
    return reuse.reuse_in_corpus([*BACKGROUND, *articles])


def only_link(*articles) -> Reuse:
    found = links(*articles)
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------------------
# shingles


def test_words_fold_case_accents_punctuation_and_quote_marks():
    assert reuse.words('“We’re ready,” said Renée — ‘truly’ READY.') == \
        ["we're", "ready", "said", "renee", "truly", "ready"]


def test_quote_marks_and_case_do_not_change_the_shingles():
    a = 'He said: "We have been patient for eleven months, and patience has not paid a single bill."'
    b = "HE SAID — ‘We have been patient for eleven months; and patience has not paid a single bill’"
    assert reuse.shingles(a) == reuse.shingles(b)
    assert reuse.shingles(a) != reuse.shingles(a.replace("eleven", "twelve"))


def test_shingles_are_distinct_runs_of_words():
    assert len(reuse.shingles("one two three four five six seven")) == 3 * 4
    assert len(reuse.shingles("one two three four five " * 3)) == 5 * 4
    assert reuse.shingles("too short to shingle") == b""


# ---------------------------------------------------------------------------
# what is reuse


def test_exact_copy():
    link = only_link(("wire", WIRE, DAY1), ("copy", WIRE, DAY2))
    assert link == Reuse(article="copy", source="wire", share=1.0, source_share=1.0, direction_known=True)


def test_copy_with_a_byline_and_a_new_first_paragraph():
    link = only_link(("wire", WIRE, DAY1), ("paper", BYLINE_AND_LEDE + WIRE, DAY2))
    assert (link.article, link.source, link.direction_known) == ("paper", "wire", True)
    assert link.source_share == 1.0
    assert 0.85 < link.share < 1.0


def test_copy_cut_to_its_first_60_percent():
    link = only_link(("wire", WIRE, DAY1), ("short", cut(0.6), DAY2))
    assert (link.article, link.source) == ("short", "wire")
    assert link.share == 1.0
    assert 0.55 < link.source_share < 0.75


def test_copy_with_a_few_words_changed_in_each_paragraph():
    link = only_link(("wire", WIRE, DAY1), ("edited", edited(), DAY2))
    assert (link.article, link.source) == ("edited", "wire")
    assert 0.6 < link.share < 0.95


def test_later_article_that_extends_a_short_earlier_one_reuses_it():
    """A brief (the wire's first 40%) and the full story filed later: the later
    article's share is small, but all of the brief is in it."""
    link = only_link(("brief", cut(0.4), DAY1), ("full", WIRE, DAY2))
    assert (link.article, link.source) == ("full", "brief")
    assert link.source_share == 1.0 and link.share < 0.5


def test_two_reports_of_one_event_sharing_quoted_sentences_are_not_reuse():
    a, b = reuse.shingles(WIRE), reuse.shingles(OTHER_REPORT)
    assert 0 < max(reuse.containment(a, b)) < reuse.THRESHOLD  # the quotes are shared, little else
    assert links(("wire", WIRE, DAY1), ("herald", OTHER_REPORT, DAY1)) == []


def test_unrelated_articles_are_not_reuse():
    assert links(("wire", WIRE, DAY1)) == []
    assert reuse.containment(reuse.shingles(WIRE), reuse.shingles(UNRELATED)) == (0.0, 0.0)


def test_a_tiny_text_is_never_linked():
    tiny = WIRE_PARAS[2]  # one paragraph of the wire story, word for word
    assert len(reuse.shingles(tiny)) // 4 < reuse.MIN_SHINGLES
    assert reuse.fingerprint("tiny", tiny).signature is None
    assert links(("wire", WIRE, DAY1), ("tiny", tiny, DAY2)) == []


# ---------------------------------------------------------------------------
# direction


def test_the_source_is_the_earlier_article_whatever_the_ids():
    link = only_link(("a-copy", WIRE, DAY2), ("z-wire", BYLINE_AND_LEDE + WIRE, DAY1))
    assert (link.article, link.source, link.direction_known) == ("a-copy", "z-wire", True)
    assert (link.share, link.source_share) == (1.0, pytest.approx(link.source_share))
    assert link.source_share < 1.0


@pytest.mark.parametrize("day_a,day_b", [(DAY1, DAY1), (None, DAY1), (DAY1, None), (None, None)])
def test_simultaneous_or_unknown_dates_give_the_lower_id_as_source(day_a, day_b):
    link = only_link(("b-paper", BYLINE_AND_LEDE + WIRE, day_a), ("a-wire", WIRE, day_b))
    assert (link.article, link.source, link.direction_known) == ("b-paper", "a-wire", False)
    # shares follow the direction: all of a-wire is in b-paper
    assert link.source_share == 1.0 and link.share < 1.0


def test_three_copies_of_one_wire_story_each_point_to_the_earliest():
    found = links(("p2", BYLINE_AND_LEDE + WIRE, DAY3), ("wire", WIRE, DAY1), ("p1", cut(0.6), DAY2))
    assert [(r.article, r.source, r.direction_known) for r in found] == [
        ("p1", "wire", True), ("p2", "wire", True)]


def test_three_copies_arriving_in_separate_ingests_point_to_the_earliest():
    texts = {"wire": WIRE, "p1": edited(), "p2": BYLINE_AND_LEDE + WIRE}
    index = ReuseIndex()
    stored = texts.__getitem__
    got = []
    for aid, day in [("wire", DAY1), ("p1", DAY2), ("p2", DAY3)]:
        got += reuse.find_reuse([reuse.fingerprint(aid, texts[aid], day)], index,
                                lambda a: reuse.shingles(stored(a)))
    assert [(r.article, r.source) for r in got] == [("p1", "wire"), ("p2", "wire")]


# ---------------------------------------------------------------------------
# incremental


def test_adding_articles_queries_the_index_and_inserts_them():
    index = ReuseIndex()
    first = reuse.fingerprints([("wire", WIRE, DAY1), ("u", UNRELATED, DAY1)])
    assert reuse.find_reuse(first, index) == []
    assert len(index) == 2 and "wire" in index
    asked = []

    def stored_shingles(article_id):
        asked.append(article_id)
        return {fp.article_id: fp.shingles for fp in first}[article_id]

    second = reuse.fingerprints([("copy", cut(0.6), DAY2), ("x", WEATHER, DAY2)])
    found = reuse.find_reuse(second, index, stored_shingles)
    assert [(r.article, r.source) for r in found] == [("copy", "wire")]
    assert asked == ["wire"]  # only the candidate is checked, the unrelated article never
    assert len(index) == 4 and index.sources("copy") == {"wire"}
    with pytest.raises(ValueError, match="already in the reuse index"):
        reuse.find_reuse(second[:1], index, stored_shingles)


def test_a_backfilled_earlier_source_is_found_from_its_stored_copy():
    index = ReuseIndex()
    copy = reuse.fingerprints([("copy", BYLINE_AND_LEDE + WIRE, DAY2)])
    reuse.find_reuse(copy, index)
    found = reuse.find_reuse(reuse.fingerprints([("wire", WIRE, DAY1)]), index, lambda a: copy[0].shingles)
    assert [(r.article, r.source, r.source_share) for r in found] == [("copy", "wire", 1.0)]


def test_the_index_can_be_rebuilt_from_stored_signatures():
    fps = reuse.fingerprints([("wire", WIRE, DAY1), ("u", UNRELATED, DAY1)])
    stored = {fp.article_id: (reuse.signature_to_bytes(fp.signature), fp.order, fp.shingles) for fp in fps}
    index = ReuseIndex()
    for aid, (blob, order, _) in stored.items():
        index.add(aid, reuse.signature_from_bytes(blob), order)
    found = reuse.find_reuse(reuse.fingerprints([("copy", edited(), DAY2)]), index, lambda a: stored[a][2])
    assert [(r.article, r.source) for r in found] == [("copy", "wire")]


# ---------------------------------------------------------------------------
# signatures


def test_signature_round_trip_through_bytes():
    sig = reuse.fingerprint("wire", WIRE).signature
    blob = reuse.signature_to_bytes(sig)
    assert isinstance(blob, bytes) and blob.startswith(reuse.SIGNATURE_VERSION.encode())
    assert len(blob) < 600
    back = reuse.signature_from_bytes(blob)
    assert back == sig and back.jaccard(sig) == 1.0
    assert list(back.hashvalues) == list(sig.hashvalues)
    # the same text gives the same signature in another call (a fixed seed, a stable hash)
    assert reuse.signature_to_bytes(reuse.fingerprint("again", WIRE).signature) == blob
    assert reuse.signature_to_bytes(reuse.fingerprint("edited", edited()).signature) != blob


def test_a_signature_of_another_version_is_refused_clearly():
    blob = reuse.signature_to_bytes(reuse.fingerprint("wire", WIRE).signature)
    older = blob.replace(b"words5", b"words4", 1)
    with pytest.raises(SignatureVersionError, match="words4.*recompute"):
        reuse.signature_from_bytes(older)
    with pytest.raises(SignatureVersionError, match="none"):
        reuse.signature_from_bytes(blob.split(b"\n", 1)[1])  # no version at all


def test_a_signature_made_with_other_parameters_is_refused():
    from datasketch import LeanMinHash, MinHash

    m = MinHash(num_perm=64, seed=reuse.SEED)
    m.update(b"x")
    with pytest.raises(SignatureVersionError, match="64 permutations"):
        reuse.Fingerprint(article_id="a", shingles=b"", signature=LeanMinHash(m))
    with pytest.raises(SignatureVersionError):
        ReuseIndex().add("a", LeanMinHash(m))


# ---------------------------------------------------------------------------
# records


def test_records_are_frozen_and_validated():
    link = Reuse(article="a", source="b", share=0.8, source_share=0.6, direction_known=True)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        link.share = 0.1
    with pytest.raises(ValueError, match="itself"):
        Reuse(article="a", source="a", share=1.0, source_share=1.0, direction_known=True)
    with pytest.raises(ValueError, match="share"):
        Reuse(article="a", source="b", share=1.2, source_share=0.5, direction_known=True)
    with pytest.raises(ValueError, match="4-byte"):
        reuse.Fingerprint(article_id="a", shingles=b"abc")
