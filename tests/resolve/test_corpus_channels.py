"""Every quote of corpus/ with its speaker and channel, as a careful reader of the
five articles says them (written down by reading the articles, December 2016):
who spoke, of what type, which outlet the words came through, how that outlet
is tied to the quote, and whether it is the publisher's own reporting.

The articles are analysed from the real parses of ``tests/fixtures/extract/``
(the bundled models' output, so no model is loaded) and linked as a corpus.
Rows are (article, the quote's first 40 characters, speaker, speaker type,
channel outlet, via_how, first_hand), in the order the pipeline emits them.

Reading notes, where a reader might hesitate:
- 000: Ryabkov's lede ("… has said") comes before the Interfax naming: nothing is
  carried backwards, so it has no channel; "Ryabkov added" goes on with the
  Interfax report. "told Al Jazeera" in an Al Jazeera article is the publisher's
  own interview (first-hand), and so is what Krzysiek "continued" and the quote
  paragraph after it. "according to state media": the outlet is the source.
- 001: "Speaking to the Al-Watan newspaper" names the channel; "said in the
  interview" carries it; the fresh "…," Assad said after that names no outlet and
  inherits nothing (the issue's rule), nor does the piece that continues it. The
  display quote '…' / "- Russian Deputy Foreign Minister Sergei Ryabkov" repeats
  the body quote that "Ryabkov added" to the Interfax report: carried.
- 002: "speaking to Reuters from Turkey" is the channel of Malahifji's second
  quote (not his first: nothing backwards); "A Syrian army officer told Reuters"
  is an unnamed source, its own entity in this article.
- 003: no publisher is known, so first_hand is None where there is a channel;
  "the country's Foreign Ministry" is Syria's (the quote: "Syria confirms …"); "the
  United States, Britain and France" is one group.
- 004: "…, RIA reported" names RIA Novosti as the channel of Ryabkov's words and is
  no part of them; "He however, added" goes on with Ryabkov's RIA report;
  "Syria's state news agency" is SANA (the lexicon names it).
- Not quotes, and no longer taken as quotes (issue 21): "the meeting between Kerry
  and Lavrov" (000, after "Speaking of"), "talks of a ceasefire" (001, what Assad
  "rejected"), "that position" (002, "Reiterating"). "the truce" (001, "calling for
  the truce") is still one, without a channel.
"""

import pytest

from quotetrack.pipeline import link

from ..helpers import analysed_corpus


EXPECTED = [
    ("000", 'Russia and the United States are close t', 'Sergei Ryabkov', 'person', None, None, None),
    ("000", 'In the past several days an intensive do', 'Sergei Ryabkov', 'person', 'Interfax', 'named', False),
    ("000", 'We are close to reaching an understandin', 'Sergei Ryabkov', 'person', 'Interfax', 'carried', False),
    ("000", 'a potential US-Russia deal to allow Syri', 'Kremlin', 'organisation', None, None, None),
    ("000", 'They extended their advances later in th', 'state media', 'outlet', 'state media', 'speaker', False),
    ("000", 'to continue fighting', 'rebels', 'group', None, None, None),
    ("000", "It's true that Aleppo will be a win for ", 'Bashar al-Assad', 'person', 'Al-Watan', 'named', False),
    ("000", 'But it will be a huge step towards this ', 'Bashar al-Assad', 'person', 'Al-Watan', 'carried', False),
    ("000", 'air strikes and shelling on Wednesday ki', 'Syrian Civil Defence', 'organisation', None, None, None),
    ("000", 'Nearly 150 civilians, most disabled or i', 'International Committee of the Red Cross', 'organisation', None, None, None),
    ("000", 'Among those evacuated from Dar Al-Safaa ', 'International Committee of the Red Cross', 'organisation', None, None, None),
    ("000", 'The evacuation was conducted jointly wit', 'International Committee of the Red Cross', 'organisation', None, None, None),
    ("000", 'The people were basically trapped there ', 'Pawel Krzysiek', 'person', 'Al Jazeera', 'named', True),
    ("000", 'The fighting kind of slowed down startin', 'Pawel Krzysiek', 'person', 'Al Jazeera', 'carried', True),
    ("000", '"it was too dangerous" to carry out an e', 'Pawel Krzysiek', 'person', 'Al Jazeera', 'carried', True),
    ("000", "It's first and utmost about the safety o", 'Pawel Krzysiek', 'person', 'Al Jazeera', 'carried', True),
    ("000", 'the fate of hundreds of thousands of Syr', 'James Denslow', 'person', None, None, None),
    ("000", 'If you look at previous tactics used els', 'James Denslow', 'person', 'Al Jazeera', 'named', True),
    ("000", 'If Assad wants to win his biggest city b', 'James Denslow', 'person', 'Al Jazeera', 'carried', True),
    ("001", "they fear 'this is the end' after major ", 'Residents of rebel-held areas', 'group', None, None, None),
    ("001", 'the retaking of Aleppo as a "huge step" ', 'Bashar al-Assad', 'person', None, None, None),
    ("001", 'retaking the city would not end the coun', 'Bashar al-Assad', 'person', 'Al-Watan', 'named', False),
    ("001", "It's true that Aleppo will be a win for ", 'Bashar al-Assad', 'person', 'Al-Watan', 'carried', False),
    ("001", "Let's be realistic it won't mean the end", 'Bashar al-Assad', 'person', None, None, None),
    ("001", 'But it will be a huge step towards the e', 'Bashar al-Assad', 'person', None, None, None),
    ("001", 'Russia and the United States are close t', 'Sergei Ryabkov', 'person', 'Interfax', 'named', False),
    ("001", 'We are close to reaching an understandin', 'Sergei Ryabkov', 'person', 'Interfax', 'carried', False),
    ("001", 'In the past several days an intensive do', 'Sergei Ryabkov', 'person', 'Interfax', 'carried', False),
    ("001", 'We are close to reaching an understandin', 'Sergei Ryabkov', 'person', 'Interfax', 'carried', False),
    ("001", 'a potential US-Russia deal to allow\xa0Syri', 'Kremlin', 'organisation', None, None, None),
    ("001", 'they feared this is "the end", after gov', 'Residents of rebel-held districts of the Old City', 'group', None, None, None),
    ("001", 'I feel this is the end,', 'Reem', 'person', None, None, None),
    ("001", "We've long accepted that if we die, we d", 'Reem', 'person', None, None, None),
    ("001", 'an immediate five-day ceasefire and the ', 'Syrian rebels', 'group', None, None, None),
    ("001", 'the truce', None, 'unknown', None, None, None),
    ("001", "We've long accepted that if we die, we d", 'Reem', 'person', None, None, None),
    ("001", 'they want rebels to leave\xa0Aleppo\xa0and wil', 'Syria and Russia', 'group', None, None, None),
    ("001", 'a five-day ceasefire to allow for the ev', 'rebels', 'group', None, None, None),
    ("001", 'a truce is only possible after a full re', 'Assad’s government', 'organisation', None, None, None),
    ("001", 'any talk of abandoning the city', 'opposition fighters', 'group', None, None, None),
    ("002", 'on Monday it would start talks with Wash', 'Russian government', 'organisation', None, None, None),
    ("002", 'talks with the United States on the with', 'Sergei Lavrov', 'person', None, None, None),
    ("002", 'Those armed groups who refuse to leave e', 'Sergei Lavrov', 'person', None, None, None),
    ("002", 'We will treat them as such, as terrorist', 'Sergei Lavrov', 'person', None, None, None),
    ("002", 'they will not leave', 'rebels', 'group', None, None, None),
    ("002", 'they may have no alternative for the sak', 'unnamed opposition official', 'anonymous', None, None, None),
    ("002", 'The people are paying a high price, with', 'unnamed opposition official', 'anonymous', None, None, None),
    ("002", 'this was his personal assessment based o', 'unnamed opposition official', 'anonymous', None, None, None),
    ("002", 'they would not leave', 'rebels', 'group', None, None, None),
    ("002", 'No person in his right mind, who has any', 'Zakaria Malahifji', 'person', None, None, None),
    ("002", 'The Russians are trying to do everything', 'Zakaria Malahifji', 'person', 'Reuters', 'named', False),
    ("002", 'they had mounted a counter-attack on Mon', 'rebels', 'group', None, None, None),
    ("002", 'Clashes raged in the Old City itself, wh', 'Syrian Observatory for Human Rights', 'organisation', None, None, None),
    ("002", 'intense fighting was taking place around', 'unnamed Syrian army officer', 'anonymous', 'Reuters', 'named', False),
    ("002", 'they were fighting back in that area too', 'rebels', 'group', None, None, None),
    ("002", 'They (rebels) are trying to take back al', 'Zakaria Malahifji', 'person', None, None, None),
    ("002", 'a rebel attack on a mobile military hosp', 'Russia', 'organisation', None, None, None),
    ("002", 'more than 200,000 people might still be ', 'United Nations', 'organisation', None, None, None),
    ("002", 'We need to reach them,', "Stephen O'Brien", 'person', None, None, None),
    ("002", 'People have been eking what they can, pr', "Stephen O'Brien", 'person', None, None, None),
    ("002", 'a seven-day ceasefire', None, 'unknown', None, None, None),
    ("002", 'a truce was counter-productive because i', 'Sergei Lavrov', 'person', None, None, None),
    ("002", 'rebel shelling killed seven people in go', 'state TV', 'outlet', 'state TV', 'speaker', False),
    ("002", 'More than 300 people have been killed in', 'Syrian Observatory for Human Rights', 'organisation', None, None, None),
    ("003", 'diplomacy has failed the people of Alepp', None, 'unknown', None, None, None),
    ("003", 'Russian Federation is largely at fault f', None, 'unknown', None, None, None),
    ("003", 'a cease-fire for the war-torn city, keep', 'Syrian government and its ally Russian Federation', 'group', None, None, None),
    ("003", 'talk of leaving Aleppo', 'opposition fighters', 'group', None, None, None),
    ("003", 'it will not agree to any ceasefire witho', 'Assad’s government', 'organisation', None, None, None),
    ("003", 'they notice gunfire and explosions have ', 'Media correspondents', 'group', None, None, None),
    ("003", 'Eleven patients had died from lack of me', None, 'unknown', None, None, None),
    ("003", 'a potential US-Russia deal to allow Syri', 'Kremlin', 'organisation', None, None, None),
    ("003", 'an immediate five-day humanitarian cease', 'increasingly cornered opposition factions', 'group', None, None, None),
    ("003", 'a truce, warning of a “humanitarian cata', 'United States, Britain and France', 'group', None, None, None),
    ("003", 'he would no longer consider truce offers', 'Bashar al-Assad', 'person', 'Al-Watan', 'named', None),
    ("003", 'such proposals, particularly by the Amer', 'Bashar al-Assad', 'person', 'Al-Watan', 'carried', None),
    ("003", 'Syria confirms that it will not leave it', "Syria's Foreign Ministry", 'organisation', None, None, None),
    ("003", 'it was not participating in the Geneva t', 'United States', 'organisation', None, None, None),
    ("003", 'It must have been terrifying for them', None, 'unknown', None, None, None),
    ("003", 'The decision to liberate all of Syria ha', None, 'unknown', None, None, None),
    ("003", 'intensive bombings took place in al-Sukk', 'opposition activists', 'group', None, None, None),
    ("003", 'It does not end until all terrorists hav', 'opposition activists', 'group', None, None, None),
    ("003", 'What more could we want?', None, 'unknown', None, None, None),
    ("004", 'no safe exit for Aleppo rebels proposed', 'Russia', 'organisation', None, None, None),
    ("004", 'no agreement reached with US on providin', 'Sergei Ryabkov', 'person', None, None, None),
    ("004", 'a proposal had been presented by the two', 'rebel officials', 'group', None, None, None),
    ("004", 'The issue of withdrawing militants is th', 'Sergei Ryabkov', 'person', 'RIA Novosti', 'named', False),
    ("004", 'talks between Russian and US experts wou', 'Sergei Ryabkov', 'person', 'RIA Novosti', 'named', False),
    ("004", 'What Western agencies are reporting does', 'Sergei Ryabkov', 'person', None, None, None),
    ("004", 'Russia was working to create the necessa', 'Sergei Ryabkov', 'person', 'RIA Novosti', 'carried', False),
    ("004", 'a proposal had been put forth for fighte', 'rebel officials', 'group', 'Reuters', 'named', False),
    ("004", 'The fall of Aleppo or any other city or ', 'Ahmed Mohammad', 'person', 'Al Jazeera', 'named', True),
    ("004", 'at least 4,000 people fled the oppositio', 'SANA', 'outlet', 'SANA', 'speaker', False),
    ("004", 'Elsewhere in Syria, the Islamic State of', None, 'unknown', None, None, None),
    ("004", 'more than 70,000 of eastern Aleppo’s est', 'Syria’s state TV', 'outlet', 'Syria’s state TV', 'speaker', False),
    ("004", 'Fighters still control about 7sq km in t', 'Syria’s state TV', 'outlet', 'Syria’s state TV', 'speaker', False),
    ("004", 'government air strikes hit the last rema', 'Residents', 'group', None, None, None),
    ("004", 'government and allied troops kept up the', 'Residents', 'group', None, None, None),
]


@pytest.fixture(scope="module")
def linked():
    analysed = analysed_corpus()
    return link([q for _, quotes in analysed for q in quotes], [a for a, _ in analysed])


def test_every_corpus_quote_has_the_speaker_and_channel_a_reader_gives_it(linked):
    _, _, quotes = linked
    got = [(q.doc[:3], q.quote.text[:40], q.speaker_name, q.speaker_type, q.via_outlet_name, q.via_how,
            q.first_hand) for q in quotes]
    assert got == EXPECTED


def test_a_carried_channel_points_at_the_mention_where_the_outlet_was_named(linked):
    _, _, quotes = linked
    by_start = {(q.doc[:3], q.quote.text[:20]): q for q in quotes}
    named = by_start[("000", "In the past several ")]
    carried = by_start[("000", "We are close to reac")]
    assert named.via_outlet_mention.text == "the Interfax news agency" == named.quote.via_outlet.text
    assert carried.via_outlet_mention == named.via_outlet_mention and carried.quote.via_outlet is None
    assert carried.via_outlet_id == named.via_outlet_id is not None


def test_type_and_resolution_agree_with_the_resolved_speaker(linked):
    speakers, _, quotes = linked
    types = {s.entity_id: s.type for s in speakers}
    for q in quotes:
        assert (q.resolution == "unresolved") == (q.speaker_id is None), q
        if q.speaker_id:
            assert q.speaker_type == types[q.speaker_id] != "unknown", q
    anonymous = [s for s in speakers if s.type == "anonymous"]
    assert sorted(s.name for s in anonymous) == ["unnamed Syrian army officer", "unnamed opposition official"]


def test_an_outlet_that_is_the_source_is_found_when_filtering_by_outlet(linked):
    _, outlets, quotes = linked
    sana = next(o for o in outlets if o.name == "SANA")
    [q] = [q for q in quotes if q.via_outlet_id == sana.entity_id]
    assert q.speaker_type == "outlet" and q.via_how == "speaker" and q.first_hand is False
