"""The channel of a quote within its article (quotetrack.resolve.channels): named,
carried, or the speaker itself; first-hand or relayed."""

import attrs

from quotetrack.resolve import resolve_article
from quotetrack.resolve.names import anonymous_label, is_name_list, split_name_role
from quotetrack.resolve.outlets import bare_outlet_kind, channel_outlet

from ..helpers import article, empty_doc, quote

TEXT = (
    "Russia and the US are close to a deal, Sergei Ryabkov has said.\n\n"
    '"Talks have taken place," Ryabkov was quoted as saying by the Interfax news agency.\n\n'
    '"We are close," Ryabkov added.\n\n'
    '"There is no deal yet," Ryabkov said.\n\n'
    '"We will meet again," he added.\n'
)


def channels(text, quotes, **meta):
    got = resolve_article(article(text, **meta), empty_doc(text), quotes)
    return [(r.via_outlet_name, r.via_how, r.first_hand) for r in got], got


def test_named_then_carried_by_added_never_backwards_and_not_to_a_fresh_said():
    quotes = [
        quote(TEXT, "Russia and the US are close to a deal", "Sergei Ryabkov", "said", kind="indirect",
              lemma="say"),
        quote(TEXT, "Talks have taken place", "Ryabkov", "was quoted as saying", lemma="quote",
              via="the Interfax news agency", near_quote=True),
        quote(TEXT, "We are close", "Ryabkov", "added", lemma="add", near_quote=True),
        quote(TEXT, "There is no deal yet", "Ryabkov", "said", lemma="say", near_quote=True),
        quote(TEXT, "We will meet again", "he", "added", lemma="add", near_quote=True),
    ]
    got, resolved = channels(TEXT, quotes, publisher="Al Jazeera")
    assert got == [
        (None, None, None),  # the lede, before the naming: nothing is carried backwards
        ("Interfax", "named", False),
        ("Interfax", "carried", False),
        (None, None, None),  # a fresh "…," X said that names no outlet inherits nothing
        ("Interfax", "carried", False),  # "he added": the same speaker's report that had a channel
    ]
    assert resolved[2].via_outlet_mention == resolved[1].quote.via_outlet  # where it was named


def test_the_pieces_of_one_quotation_carry_the_channel_of_the_first():
    text = '"We will stay," Assad told the al-Watan newspaper. "It is our city."\n'
    first = quote(text, "We will stay", "Assad", "told", lemma="tell", via="the al-Watan newspaper")
    second = quote(text, "It is our city", continues=0)
    got, resolved = channels(text, [first, second], publisher="Al-Watan")
    assert got == [("Al-Watan", "named", True), ("Al-Watan", "carried", True)]  # its own interview
    assert resolved[1].via_outlet_mention.text == "the al-Watan newspaper"


def test_an_outlet_that_is_the_source_is_its_own_channel():
    text = "Fighters still hold 7 sq km, according to Syria's state news agency.\n\nRebels said they would stay.\n"
    got, resolved = channels(text, [
        quote(text, "Fighters still hold 7 sq km", "Syria's state news agency", "according to", kind="indirect"),
        quote(text, "they would stay", "Rebels", "said", kind="indirect", lemma="say"),
    ])
    assert got == [("SANA", "speaker", None), (None, None, None)]  # no publisher known: first_hand None
    assert resolved[0].speaker_type == "outlet" and resolved[0].via_outlet_mention == resolved[0].quote.speaker


def test_a_bare_description_is_the_outlet_of_its_kind_named_before_else_none():
    text = ('"It is over," Smith told Reuters.\n\n"It is not," Jones told the agency.\n\n'
            '"Maybe," Brown told the newspaper.\n')
    got, _ = channels(text, [
        quote(text, "It is over", "Smith", "told", lemma="tell", via="Reuters"),
        quote(text, "It is not", "Jones", "told", lemma="tell", via="the agency", after=text.index('"It is not')),
        quote(text, "Maybe", "Brown", "told", lemma="tell", via="the newspaper", after=text.index('"Maybe')),
    ], publisher="Reuters")
    assert got == [("Reuters", "named", True), ("Reuters", "named", True), (None, None, None)]


def test_a_display_quote_takes_the_channel_of_the_body_quote_it_repeats_once_named():
    body_text = '"We are close," Sergei Ryabkov told the Interfax news agency.\n\n'
    display_text = "'We are close'\n\n- Sergei Ryabkov\n\n"

    def display(text):
        return attrs.evolve(quote(text, "We are close", "Sergei Ryabkov", None, after=text.index("'We")),
                            rule="direct:dash-line")

    def body(text):
        return quote(text, "We are close", "Sergei Ryabkov", "told", lemma="tell", via="the Interfax news agency",
                     after=text.index('"We'))

    text = body_text + display_text  # named, then displayed: the display carries it
    got, _ = channels(text, [body(text), display(text)])
    assert got == [("Interfax", "named", None), ("Interfax", "carried", None)]
    text = display_text + body_text  # displayed before the naming: nothing backwards
    got, _ = channels(text, [display(text), body(text)])
    assert got == [(None, None, None), ("Interfax", "named", None)]


def test_what_names_an_outlet_and_what_does_not():
    assert channel_outlet("the Interfax news agency") == "Interfax"
    assert channel_outlet("a Bloomberg interview") == "Bloomberg"
    assert channel_outlet("NBC's Meet the Press") == "NBC"
    assert channel_outlet('"Fox News Sunday"') == "Fox News"
    assert channel_outlet('"Meet the Press"') == "NBC"  # a show: its network (shows.csv)
    assert channel_outlet("the Associated Press (AP") == "Associated Press"
    assert channel_outlet("French television station BFMTV") == "BFM TV"
    assert channel_outlet("National Review") == "National Review"  # not "National" less a work noun
    assert channel_outlet("Bill O'Reilly of Fox News") == "Fox News"
    assert channel_outlet("state media") == "state media"
    assert channel_outlet("Syria’s state TV") == "Syria’s state TV"
    for not_an_outlet in ("a press conference", "his show", "The International Atomic Energy Agency",
                          "A document on the Trump campaign's website", "the agency"):
        assert channel_outlet(not_an_outlet) is None, not_an_outlet
    assert bare_outlet_kind("the agency") == "agency" and bare_outlet_kind("Reuters") is None


def test_speaker_labels_groups_and_possessives():
    assert anonymous_label("one opposition official, who declined to be identified") == "unnamed opposition official"
    assert anonymous_label("A Syrian army officer") == "unnamed Syrian army officer"
    assert anonymous_label("two officials") == "two unnamed officials"
    assert anonymous_label("an unnamed official") == "unnamed official"
    assert is_name_list("the United States, Britain and France")
    assert not is_name_list("Reem, a mother of two children")
    assert not is_name_list("Ahmed Mohammad, a Syrian activist and father")
    assert split_name_role("the United States, Britain and France") == ("United States, Britain and France", None)


def test_the_country_a_possessive_means_is_the_one_its_sentence_names():
    text = ('"Syria confirms it will not leave," said a statement by the country’s Foreign Ministry.\n\n'
            "France and Britain called for a truce.\n")
    [r] = resolve_article(article(text), empty_doc(text), [
        quote(text, "Syria confirms it will not leave", "the country’s Foreign Ministry", "said", lemma="say")])
    assert (r.speaker_name, r.speaker_type) == ("Syria's Foreign Ministry", "organisation")
