from quotetrack.resolve import resolve_corpus
from quotetrack.utterances import group_utterances, same_utterance

from .helpers import resolved

# real pairs from the sample corpus (Assad to al-Watan, carried by two outlets)
ALJAZEERA = ("It's true that Aleppo will be a win for us, but let's be realistic - it won't mean "
             "the end of the war in Syria")
MEE = "Let's be realistic it won't mean the end of the war in Syria"
ALJAZEERA_2 = "But it will be a huge step towards this end."
MEE_2 = "But it will be a huge step towards the end."


def test_trimmed_and_repunctuated_wordings_are_one_utterance():
    assert same_utterance(ALJAZEERA, MEE)
    assert same_utterance(ALJAZEERA_2, MEE_2)


def test_different_statements_by_the_same_speaker_on_the_same_topic_stay_apart():
    # near-misses: same speaker (Ryabkov), same topic, different statements
    a = "We are close to reaching an understanding, but I want to warn against high expectations"
    b = "In the past several days an intensive document exchange on the situation in Aleppo has taken place"
    c = "This agreement has not yet been reached, largely because the United States insists on unacceptable terms"
    for x, y in [(a, b), (a, c), (b, c), (ALJAZEERA, ALJAZEERA_2)]:
        assert not same_utterance(x, y)
        assert not same_utterance(x, y, cross_kind=True)


# Ryabkov, quoted directly by Reuters and Al Jazeera, reported in Reuters' lead
RYABKOV_DIRECT = ("We are close to reaching an understanding, but I want to warn against high "
                  "expectations")
RYABKOV_REPORTED = "Russia and the United States are close to reaching an understanding on Syria's Aleppo"
# Assad to al-Watan, and the Telegraph's mixed quote of it
ASSAD_MIXED = ('the retaking of Aleppo as a "huge step" in ending the war, as Syrian government '
               "troops continued fighting on Thursday to retake more control of rebel-held territory")


def test_a_direct_quote_and_its_report_in_indirect_speech_are_one_utterance():
    assert not same_utterance(RYABKOV_DIRECT, RYABKOV_REPORTED)  # as wordings they differ
    assert same_utterance(RYABKOV_DIRECT, RYABKOV_REPORTED, cross_kind=True)
    # a mixed quote whose quoted fragment is a piece of the direct quote
    assert same_utterance(ASSAD_MIXED, ALJAZEERA_2, cross_kind=True)


def test_reported_speech_near_misses_stay_apart():
    # other statements by the same speakers in the same articles, reported indirectly
    reported = {
        "Ryabkov": ["talks between Russian and US experts would continue in Geneva",
                    "Russia was working to create the necessary conditions for the safe passage "
                    "of people from Aleppo",
                    # constructed, not from the corpus: shares the names, not the claim
                    "Russia and the United States have not yet agreed on the withdrawal of militants"],
        "Assad": ["he would no longer consider truce offers",
                  "such proposals, particularly by the Americans, often come when the rebels are "
                  "in a “difficult spot"],
    }
    direct = {
        "Ryabkov": [RYABKOV_DIRECT,
                    "In the past several days an intensive document exchange on the situation in "
                    "Aleppo has taken place",
                    "What Western agencies are reporting does not necessarily correspond with reality"],
        "Assad": [ALJAZEERA, ALJAZEERA_2],
    }
    for speaker, texts in reported.items():
        for r in texts:
            for d in direct[speaker]:
                assert not same_utterance(r, d, cross_kind=True), (r, d)


def group(quotes, **options):
    """Group (the stand-in encoder's vectors) and return each quote's utterance, in order."""

    from .helpers import HashedWords

    _, _, quotes = resolve_corpus(quotes, [])
    vectors = dict(zip([q.quote_id for q in quotes], HashedWords().encode([q.quote.text for q in quotes])))
    grouping = group_utterances(quotes, vectors, **options)
    return [grouping.utterance_of.get(q.quote_id) for q in quotes], grouping, quotes


def test_grouping_links_direct_and_indirect_quotes_of_one_statement():
    ids, _, _ = group([
        resolved("reuters.txt", RYABKOV_REPORTED, "Sergei Ryabkov", kind="indirect"),
        resolved("reuters.txt", RYABKOV_DIRECT, "Sergei Ryabkov"),
        resolved("aljazeera.txt", RYABKOV_DIRECT + ",", "Sergei Ryabkov"),
        resolved("telegraph.txt", ASSAD_MIXED, "Bashar al-Assad", kind="mixed"),
        resolved("aljazeera.txt", ALJAZEERA_2, "Bashar al-Assad"),
        resolved("aljazeera.txt", ALJAZEERA, "Bashar al-Assad"),
    ])
    assert ids[0] == ids[1] == ids[2]
    assert ids[3] == ids[4] != ids[5]
    assert len(set(ids)) == 3


def test_grouping_needs_the_same_speaker_and_keeps_published_ids():
    quotes = [resolved("aj.txt", ALJAZEERA, "Bashar al-Assad"), resolved("mee.txt", MEE, "Bashar al-Assad"),
              resolved("other.txt", MEE, "Someone Else")]
    ids, _, linked = group(quotes)
    assert ids[0] == ids[1] != ids[2]
    # an ID already published stays, whatever the anchor says now
    again, _, _ = group(quotes, existing={linked[1].quote_id: "u-published00"})
    assert again[0] == again[1] == "u-published00"
