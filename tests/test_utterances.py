from quotetrack.utterances import group_utterances, normalise, same_utterance

from .helpers import resolved

# real pairs from the sample corpus (Assad to al-Watan, carried by two outlets)
ALJAZEERA = ("It's true that Aleppo will be a win for us, but let's be realistic - it won't mean "
             "the end of the war in Syria")
MEE = "Let's be realistic it won't mean the end of the war in Syria"
ALJAZEERA_2 = "But it will be a huge step towards this end."
MEE_2 = "But it will be a huge step towards the end."


def test_trimmed_and_repunctuated_wordings_are_one_utterance():
    assert same_utterance(normalise(ALJAZEERA), normalise(MEE))
    assert same_utterance(normalise(ALJAZEERA_2), normalise(MEE_2))


def test_different_statements_by_the_same_speaker_on_the_same_topic_stay_apart():
    # near-misses: same speaker (Ryabkov), same topic, different statements
    a = "We are close to reaching an understanding, but I want to warn against high expectations"
    b = "In the past several days an intensive document exchange on the situation in Aleppo has taken place"
    c = "This agreement has not yet been reached, largely because the United States insists on unacceptable terms"
    for x, y in [(a, b), (a, c), (b, c), (ALJAZEERA, ALJAZEERA_2)]:
        assert not same_utterance(normalise(x), normalise(y))


def test_grouping_needs_the_same_speaker_and_keeps_published_ids():
    quotes = [
        resolved("aj.txt", ALJAZEERA, "Bashar al-Assad"),
        resolved("mee.txt", MEE, "Bashar al-Assad"),
        resolved("other.txt", MEE, "Someone Else"),
    ]
    from quotetrack.resolve import resolve_corpus

    _, _, quotes = resolve_corpus(quotes, [])
    order = {q.quote_id: (q.doc,) for q in quotes}
    groups = group_utterances(quotes, order)
    assert groups[quotes[0].quote_id] == groups[quotes[1].quote_id]
    assert groups[quotes[2].quote_id] != groups[quotes[0].quote_id]
    # an ID already published stays, whatever the order says now
    existing = {quotes[1].quote_id: "u-published00"}
    again = group_utterances(quotes, order, existing)
    assert again[quotes[0].quote_id] == again[quotes[1].quote_id] == "u-published00"
