"""Which quotes of corpus/ report one statement, as a careful reader of the five
articles says (written down by reading them, not from quotetrack's output).

The articles are analysed from the real parses of ``tests/fixtures/extract/``
and linked as a corpus with the real MiniLM encoder (so: slow). Each statement
is a list of (article, the quote's first 40 characters); every quote in one
statement must share an utterance, no two statements may share one, and every
quote not listed is an utterance of its own (or none, without a speaker).

Reading notes, where a reader might hesitate:
- Assad to al-Watan (000, 001): the interview passage is one statement, pieces and
  all — "It's true that Aleppo will be a win …", "But it will be a huge step …",
  the Telegraph-style mixed quote of the "huge step" (001) and the paraphrase
  "retaking the city would not end the country's conflict entirely" (001) are
  not linked by quotetrack: MiniLM puts that paraphrase at cosine 0.34 from the
  passage, and nothing in its words corroborates it; it is listed apart below
  as the one link a reader makes that the grouping does not (see ``MISSED``).
  His "would no longer consider truce offers" (003) is another statement of the
  same interview.
- Ryabkov "close to an understanding" (000, 001): the lede in reported speech,
  the direct quote, 001's display copy of it (a pull quote) — one statement.
- The rebels' Wednesday call for a five-day ceasefire (001 twice, 003 as "the
  increasingly cornered opposition factions"): one statement, group speakers
  under three descriptions.
- "Assad's government has said a truce is only possible after a full rebel
  withdrawal" (001) / "it will not agree to any ceasefire without a full rebel
  withdrawal" (003): one statement in other words.
- The opposition fighters' rejection of "talk of leaving Aleppo" (001, 003) is
  one statement, but 003's content runs on into the next clause (an extraction
  error, issue 21), so it is not linked: see ``MISSED``.
- Heads of articles: 002's lede (the Russian government will start talks) sums up
  Lavrov's statement; 004's headline (Russia) and standfirst (the deputy foreign
  minister) sum up Ryabkov's "This agreement has not yet been reached"; 004's
  lede's "a proposal had been presented" is the rebel officials' claim to Reuters;
  001's standfirst ("Residents … say they fear 'this is the end'") is the body's
  residents' statement. 003's unattributed standfirst (the U.S. ambassador) has no
  body quote.
- 002's rebels "have said they will not leave" and "told US officials on Saturday
  they would not leave": one statement, told twice; Malahifji's reiteration on
  Monday is another.
- Reem (001): the paragraph "We've long accepted …" and its display copy (a pull
  quote) are one statement; "I feel this is the end," before it is another.
- Pieces: "A," he said. "B." in one paragraph is one quotation (Assad, Lavrov). A
  quote paragraph that goes on after the speaker's attribution (Krzysiek's "It's
  first and utmost …", Denslow's "If Assad wants …", O'Brien's "People have been
  eking …") is the same speaker's next statement, as the PolNeAR statement set
  labels such paragraphs.
"""

from __future__ import annotations

import pytest

from quotetrack.pipeline import link_corpus

from ..helpers import analysed_corpus


STATEMENTS = [
    [("000", "It's true that Aleppo will be a win for "), ("000", "But it will be a huge step towards this e"),
     ("001", 'the retaking of Aleppo as a "huge step" i'), ("001", "It's true that Aleppo will be a win for "),
     ("001", "Let's be realistic it won't mean the end"), ("001", "But it will be a huge step towards the en")],
    [("000", "Russia and the United States are close t"), ("000", "We are close to reaching an understandin"),
     ("001", "Russia and the United States are close t"), ("001", "We are close to reaching an understandin"),
     ("001", "We are close to reaching an understandin")],
    [("000", "In the past several days an intensive do"), ("001", "In the past several days an intensive do")],
    [("000", "a potential US-Russia deal to allow Syri"), ("001", "a potential US-Russia deal to allow Syri"),
     ("003", "a potential US-Russia deal to allow Syri")],
    [("001", "they fear 'this is the end' after major "), ("001", 'they feared this is "the end", after gove')],
    [("001", "We've long accepted that if we die, we di"), ("001", "We've long accepted that if we die, we di")],
    [("001", "an immediate five-day ceasefire and the e"), ("001", "a five-day ceasefire to allow for the eva"),
     ("003", "an immediate five-day humanitarian ceasef")],
    [("001", "a truce is only possible after a full reb"), ("003", "it will not agree to any ceasefire withou")],
    [("002", "on Monday it would start talks with Wash"), ("002", "talks with the United States on the with")],
    [("002", "Those armed groups who refuse to leave ea"), ("002", "We will treat them as such, as terrorists")],
    [("002", "they will not leave"), ("002", "they would not leave")],
    [("004", "no safe exit for Aleppo rebels proposed"), ("004", "no agreement reached with US on providin"),
     ("004", "The issue of withdrawing militants is th")],
    [("004", "a proposal had been presented by the two"), ("004", "a proposal had been put forth for fighte")],
]

#: links a reader makes that the grouping does not (see the reading notes)
MISSED = [
    (("001", "retaking the city would not end the coun"), ("001", "Let's be realistic it won't mean the end")),
    (("001", "any talk of abandoning the city"), ("003", "talk of leaving Aleppo")),
]


@pytest.fixture(scope="module")
def linked():
    analysed = analysed_corpus()
    return link_corpus([q for _, quotes in analysed for q in quotes], [a for a, _ in analysed])


def _key(q):
    return q.doc[:3], q.quote.text[:40]


def _quotes(linked, key):
    """The quotes of article ``key[0]`` whose text begins with ``key[1]`` (any space
    a space: 001 writes some with no-break spaces)."""
    return [q for q in linked.quotes
            if q.doc[:3] == key[0] and " ".join(q.quote.text.split()).startswith(key[1])]


def _utterances(linked, key):
    return [q.cluster_id for q in _quotes(linked, key)]


@pytest.mark.slow
def test_every_statement_of_the_corpus_is_one_utterance_and_no_two_share_one(linked):
    listed: set[str] = set()
    seen: dict[str, int] = {}
    for n, statement in enumerate(STATEMENTS):
        found = {u for key in statement for u in _utterances(linked, key)}
        assert all(_utterances(linked, key) for key in statement), statement
        assert len(found) == 1 and None not in found, (statement, found)
        (uid,) = found
        assert uid not in seen, (statement, STATEMENTS[seen.get(uid, 0)])
        seen[uid] = n
        listed |= {q.quote_id for key in statement for q in _quotes(linked, key)}
    for q in linked.quotes:
        if q.quote_id not in listed and q.cluster_id is not None:
            assert q.cluster_id not in seen, (_key(q), STATEMENTS[seen[q.cluster_id]])
            others = [_key(o) for o in linked.quotes if o.cluster_id == q.cluster_id]  # alone
            assert others == [_key(q)], others


@pytest.mark.slow
def test_the_links_the_grouping_misses_are_the_ones_written_down(linked):
    for a, b in MISSED:
        assert _utterances(linked, a) and _utterances(linked, b)
        assert set(_utterances(linked, a)).isdisjoint(_utterances(linked, b)), (a, b)


@pytest.mark.slow
def test_pull_quotes_are_marked_and_are_no_second_report(linked):
    by_id = {q.quote_id: q for q in linked.quotes}
    pulls = sorted((q.doc[:3], q.quote.text[:20], by_id[q.pull_quote_of].quote.text[:20],
                    q.quote.start_char < by_id[q.pull_quote_of].quote.start_char)
                   for q in linked.quotes if q.pull_quote_of)
    assert pulls == [("001", "We are close to reac", "We are close to reac", True),   # set before the body
                     ("001", "We've long accepted ", "We've long accepted ", False)]  # and after it

    reem = by_id[[q for q in linked.quotes if q.pull_quote_of][1].pull_quote_of]
    assert linked.grouping.reports[reem.cluster_id] == 1


@pytest.mark.slow
def test_wording_across_outlets(linked):
    assad = _quotes(linked, ("000", "It's true that Aleppo will be a win"))[0]
    ryabkov = _quotes(linked, ("000", "We are close to reaching an understanding"))[0]
    assert assad.wording == "altered"  # "towards this end" / "towards the end"
    assert ryabkov.wording == "same words"
    pair = next(p for p in linked.grouping.pairs if p.quote_id == assad.quote_id)
    assert [(e.op, e.this, e.other) for e in pair.comparison.changes] == [("replace", "this", "the")]
