import attrs

from quotetrack.resolve import outlet_kind, outlet_name, resolve_article, resolve_corpus

from ..helpers import article, empty_doc, quote, resolved, sentences_doc

TEXT = (
    "Russia and the US are close to a deal, Russian Deputy Foreign Minister Sergei Ryabkov has said.\n\n"
    '"Talks have taken place," Ryabkov was quoted as saying.\n\n'
    '"We are close," he added.\n\n'
    "The ministry said on Monday that talks would go on.\n\n"
    '"It is over," said one opposition official, who declined to be identified.\n'
)


def test_surname_pronoun_and_anonymous_speakers_within_an_article():
    quotes = [
        quote(TEXT, "Russia and the US are close to a deal", "Russian Deputy Foreign Minister Sergei Ryabkov", "said", kind="indirect"),
        quote(TEXT, "Talks have taken place", "Ryabkov", "quoted", after=TEXT.index('"Talks')),
        quote(TEXT, "We are close", "he", "added", after=TEXT.index("\"We are close")),
        quote(TEXT, "talks would go on", "The ministry", "said", kind="indirect"),
        quote(TEXT, "It is over", "one opposition official", "said", after=TEXT.index("It is over")),
    ]
    got = resolve_article(article(TEXT), empty_doc(TEXT), quotes)
    assert [(r.speaker_name, r.resolution) for r in got] == [
        ("Sergei Ryabkov", "name"),
        ("Sergei Ryabkov", "surname"),
        ("Sergei Ryabkov", "pronoun"),
        ("ministry", "name"),
        ("unnamed opposition official", "description"),
    ]
    assert got[1].speaker_role == "Russian Deputy Foreign Minister"
    assert got[3].speaker_type == "organisation"
    assert got[4].speaker_type == "anonymous"


def test_a_pronoun_with_no_antecedent_stays_unresolved():
    text = '"We are close," he added.'
    [r] = resolve_article(article(text), empty_doc(text), [quote(text, "We are close", "he", "added")])
    assert (r.speaker_name, r.resolution) == (None, "unresolved")


def test_continuations_take_the_speaker_of_the_quote_they_continue():
    text = '"A is true," Lavrov told reporters. "B is true too."'
    quotes = [
        quote(text, "A is true", "Lavrov", "told"),
        quote(text, "B is true too", continues=0),
    ]
    got = resolve_article(article(text), empty_doc(text), quotes)
    assert got[1].speaker_name == "Lavrov"
    assert got[1].resolution == "continuation"
    assert got[1].continues_id == got[0].quote_id


def test_spelling_variants_merge_and_surnames_join_the_one_full_name():
    quotes = [
        resolved("a", "one", "Sergei Lavrov", role="Russian Foreign Minister"),
        resolved("b", "two", "Sergey Lavrov"),
        resolved("c", "three", "Lavrov"),
        resolved("d", "four", "Bashar al-Assad"),
        resolved("e", "five", "Bashar Al Assad"),
    ]
    speakers, _, linked = resolve_corpus(quotes, [])
    names = {s.name: set(s.aliases) for s in speakers}
    assert len(speakers) == 2
    lavrov = next(s for s in speakers if "Lavrov" in s.name)
    assert {lavrov.name, *lavrov.aliases} == {"Sergei Lavrov", "Sergey Lavrov", "Lavrov"}
    assert lavrov.roles == (("Russian Foreign Minister", "a"),)
    assert len({q.speaker_id for q in linked[:3]}) == 1
    assert any("Assad" in n for n in names)


def test_different_people_sharing_a_surname_stay_apart():
    quotes = [
        resolved("a", "one", "John Smith"),
        resolved("b", "two", "Mary Smith"),
        resolved("c", "three", "Smith"),  # ambiguous: stays its own entity
    ]
    speakers, _, linked = resolve_corpus(quotes, [])
    assert len(speakers) == 3
    assert len({q.speaker_id for q in linked}) == 3


def test_acronyms_join_organisations_and_anonymous_sources_never_merge():
    quotes = [
        resolved("a", "one", "International Committee of the Red Cross", "organisation"),
        resolved("b", "two", "ICRC", "organisation"),
        resolved("c", "three", "opposition official", "anonymous"),
        resolved("d", "four", "opposition official", "anonymous"),
    ]
    speakers, _, linked = resolve_corpus(quotes, [])
    named = [s for s in speakers if s.type != "anonymous"]
    assert [s.name for s in named] == ["International Committee of the Red Cross"]
    assert named[0].aliases == ("ICRC",)
    # each article's anonymous source is an entity of its own, never merged across articles
    assert linked[2].speaker_id and linked[3].speaker_id and linked[2].speaker_id != linked[3].speaker_id
    assert [s.name for s in speakers if s.type == "anonymous"] == ["opposition official"] * 2


def test_outlet_names_resolve_with_and_without_the_lexicon():
    assert outlet_name("the al-Watan newspaper") == "Al-Watan"
    assert outlet_name("the Interfax news agency") == "Interfax"
    assert outlet_name("the RIA news agency") == "RIA Novosti"
    assert outlet_name("AFP") == "Agence France-Presse"
    # not in the seed lexicon: resolved by its own name
    assert outlet_name("the Kyiv Independent newspaper") == "Kyiv Independent"
    assert outlet_name("Zaman Al Wasl news agency") == "Zaman Al Wasl"


def test_a_name_of_unknown_type_is_not_made_a_person():
    quotes = [resolved("a", "one", "Moscow", speaker_type="unknown"),
              resolved("b", "two", "Sergei Lavrov"), resolved("c", "three", "Lavrov", speaker_type="unknown")]
    speakers, _, _ = resolve_corpus(quotes, [])
    assert {(s.name, s.type) for s in speakers} == {("Moscow", "unknown"), ("Sergei Lavrov", "person")}


GENDERED = (
    "ICRC spokesman Pawel Krzysiek said the evacuation went well. "
    "Reem, a mother of two children, said the shelling went on all night.\n\n"
    '"We are scared," she said. "It was too dangerous," he said.\n'
)


def test_pronouns_agree_in_gender_with_roles_and_titles():
    quotes = [
        quote(GENDERED, "the evacuation went well", "ICRC spokesman Pawel Krzysiek", "said", kind="indirect"),
        quote(GENDERED, "the shelling went on all night", "Reem, a mother of two children", "said",
              kind="indirect"),
        quote(GENDERED, "We are scared", "she", "said", after=GENDERED.index('"We are')),
        quote(GENDERED, "It was too dangerous", "he", "said", after=GENDERED.index('"It was')),
    ]
    got = resolve_article(article(GENDERED), empty_doc(GENDERED), quotes)
    # "he" skips Reem, the nearest person, because she is a mother; the spokesman is a man
    assert [(r.speaker_name, r.resolution) for r in got][2:] == [
        ("Reem", "pronoun"), ("Pawel Krzysiek", "pronoun")]


def test_a_pronoun_looks_back_one_paragraph_at_most():
    text = (
        "Syrian President Bashar al-Assad said Aleppo would fall.\n\n"
        "Government forces pressed on through the night.\n\n"
        "The bombardment resumed at dawn.\n\n"
        '"It must have been terrifying for them," he said.\n'
    )
    quotes = [
        quote(text, "Aleppo would fall", "Syrian President Bashar al-Assad", "said", kind="indirect"),
        quote(text, "It must have been terrifying for them", "he", "said", after=text.index('"It must')),
    ]
    got = resolve_article(article(text), empty_doc(text), quotes)
    assert (got[1].speaker_name, got[1].resolution) == (None, "unresolved")


def test_he_is_the_last_speaker_not_a_name_inside_what_was_reported(parser):
    """Real parse: Obama is the subject of the reported clause; Earnest is speaking."""
    from quotetrack.pipeline import analyse

    text = ("White House spokesman Josh Earnest said Monday that President Barack Obama has long "
            "called for tax fairness.\n\nHe said Obama hopes that his successor will push for the "
            "same goals.\n")
    quotes = analyse(article(text), parser.parse(text))
    by_he = [q for q in quotes if q.quote.speaker and q.quote.speaker.text == "He"]
    assert by_he and all((q.speaker_name, q.resolution) == ("Josh Earnest", "pronoun") for q in by_he)


def test_outlet_kinds_from_the_lexicon_or_the_words():
    assert outlet_kind(["Reuters"]) == "agency"
    assert outlet_kind(["Al-Watan", "al-Watan newspaper"]) == "newspaper"
    assert outlet_kind(["Syria’s state TV"]) == "broadcaster"
    assert outlet_kind(["Hawar news agency"]) == "agency"  # not in the lexicon
    assert outlet_kind(["state media"]) is None


def test_a_full_role_in_the_lead_resolves_to_the_one_person_named_with_it_later():
    text = (
        "Russian deputy foreign minister says no deal was reached.\n\n"
        "Russian Deputy Foreign Minister Sergei Ryabkov said talks would go on.\n\n"
        "One official said the talks had failed.\n"
    )
    quotes = [
        quote(text, "no deal was reached", "Russian deputy foreign minister", "says", kind="indirect"),
        quote(text, "talks would go on", "Russian Deputy Foreign Minister Sergei Ryabkov", "said",
              kind="indirect"),
        quote(text, "the talks had failed", "One official", "said", kind="indirect"),
    ]
    got = resolve_article(article(text), empty_doc(text), quotes)
    assert [(r.speaker_name, r.resolution) for r in got] == [
        ("Sergei Ryabkov", "description"), ("Sergei Ryabkov", "name"), ("unnamed official", "description")]


def test_a_generic_outlet_takes_the_fuller_name_the_article_gave_it():
    text = ("Syria’s state TV said 70,000 residents have fled.\n\n"
            "Fighters control about 7sq km, according to state TV.\n\n"
            "State media said the army advanced.\n")
    quotes = [
        quote(text, "70,000 residents have fled", "Syria’s state TV", "said", kind="indirect"),
        quote(text, "Fighters control about 7sq km", "state TV", "according to", kind="indirect",
              after=text.index("Fighters")),
        quote(text, "the army advanced", "State media", "said", kind="indirect"),
    ]
    got = resolve_article(article(text), empty_doc(text), quotes)
    assert [(r.speaker_name, r.speaker_type) for r in got] == [
        ("Syria’s state TV", "outlet"), ("Syria’s state TV", "outlet"), ("state media", "outlet")]


def test_the_official_is_the_anonymous_source_described_before():
    text = ("One opposition official, who declined to be identified, conceded they may have no choice.\n\n"
            '"The people are paying a high price," the official said.\n')
    quotes = [
        quote(text, "they may have no choice", "One opposition official", "conceded", kind="indirect"),
        quote(text, "The people are paying a high price", "the official", "said"),
    ]
    got = resolve_article(article(text), empty_doc(text), quotes)
    assert [(r.speaker_name, r.speaker_type, r.resolution) for r in got] == [
        ("unnamed opposition official", "anonymous", "description"),
        ("unnamed opposition official", "anonymous", "description"),
    ]
    assert got[1].speaker_role == "opposition official"
    # the same description in another article is another source
    other = [attrs.evolve(r, doc="other.txt", quote_id=r.quote_id + "x") for r in got]
    speakers, _, linked = resolve_corpus(got + other, [])
    assert [(s.name, s.type) for s in speakers] == [("unnamed opposition official", "anonymous")] * 2
    assert linked[0].speaker_id == linked[1].speaker_id != linked[2].speaker_id == linked[3].speaker_id


def test_an_indefinite_description_is_an_unnamed_source():
    text = "A Syrian army officer told Reuters intense fighting was taking place."
    [r] = resolve_article(article(text), empty_doc(text), [
        quote(text, "intense fighting was taking place", "A Syrian army officer", "told", kind="indirect")])
    assert (r.speaker_name, r.speaker_type, r.speaker_role) == ("unnamed Syrian army officer", "anonymous",
                                                                "Syrian army officer")


def test_a_statement_speaks_for_the_body_that_issued_it():
    text = ('"We will not leave," said a statement issued Wednesday by the Syrian Foreign Ministry, '
            "employing the government's term.")
    [r] = resolve_article(article(text), empty_doc(text), [
        quote(text, "We will not leave",
              "a statement issued Wednesday by the Syrian Foreign Ministry, employing the government's term",
              "said")])
    assert (r.speaker_name, r.speaker_type, r.speaker_role) == ("Syrian Foreign Ministry", "organisation", None)


def test_joint_speakers_are_a_group_not_a_name_with_a_role():
    text = "Syria and Russia have said they want rebels to leave."
    [r] = resolve_article(article(text), empty_doc(text), [
        quote(text, "they want rebels to leave", "Syria and Russia", "said", kind="indirect")])
    assert (r.speaker_name, r.speaker_type, r.speaker_role) == ("Syria and Russia", "group", None)


def test_he_after_a_speaker_named_by_surname_only_in_the_same_sentence():
    text = ("Assad said he would no longer consider truce offers, adding that such offers come "
            "when the rebels are in a difficult spot.")
    quotes = [
        quote(text, "he would no longer consider truce offers", "Assad", "said", kind="indirect"),
        quote(text, "such offers come when the rebels are in a difficult spot", "he", "adding",
              kind="indirect", after=text.index("adding")),
    ]
    got = resolve_article(article(text), sentences_doc(text, text), quotes)
    assert [(r.speaker_name, r.resolution, r.speaker_type) for r in got] == [
        ("Assad", "name", "unknown"), ("Assad", "pronoun", "person")]
    # a lone first name in an earlier sentence may well be someone else
    text = 'Melanie said yes, over and over again. "I love you," he said.'
    quotes = [quote(text, "yes", "Melanie", "said", kind="indirect"),
              quote(text, "I love you", "he", "said", after=text.index('"I love'))]
    doc = sentences_doc(text, "Melanie said yes, over and over again.", '"I love you," he said.')
    got = resolve_article(article(text), doc, quotes)
    assert [(r.speaker_name, r.resolution) for r in got] == [("Melanie", "name"), (None, "unresolved")]
    # the sentences are the parse's: in one sentence of it, the pronoun takes the name
    got = resolve_article(article(text), sentences_doc(text, text), quotes)
    assert [(r.speaker_name, r.resolution) for r in got] == [("Melanie", "name"), ("Melanie", "pronoun")]


def test_a_role_resolves_to_the_person_given_it_in_another_article():
    role_doc = resolved("a", "one", "Sergei Ryabkov", role="Russian Deputy Foreign Minister")
    named = resolved("b", "two", "Sergei Ryabkov")
    unnamed = attrs.evolve(resolved("b", "three", None, speaker_type="unknown",
                                    role="Russian deputy foreign minister"), resolution="unresolved")
    elsewhere = attrs.evolve(resolved("c", "four", None, speaker_type="unknown",
                                      role="Russian deputy foreign minister"), resolution="unresolved")
    _, _, linked = resolve_corpus([role_doc, named, unnamed, elsewhere], [])
    assert linked[2].speaker_id == linked[0].speaker_id
    assert (linked[2].speaker_name, linked[2].resolution) == ("Sergei Ryabkov", "description")
    # an article that never names him keeps its description unresolved
    assert linked[3].speaker_id is None


def test_outlet_names_lose_describing_words_but_not_their_only_name():
    assert outlet_name("the state-owned al-Watan newspaper") == "Al-Watan"
    # a description that is its only name stays whole, unless the lexicon names the outlet
    assert outlet_name("Turkmenistan’s state news agency") == "Turkmenistan’s state news agency"
    assert outlet_name("Syria’s state news agency") == "SANA"
    assert outlet_name("the Interfax news agency") == "Interfax"


def test_a_capital_speaking_is_its_country():
    quotes = [resolved("a", "one", "Moscow", speaker_type="organisation"),
              resolved("b", "two", "Russia", speaker_type="organisation"),
              resolved("c", "three", "Damascus", speaker_type="organisation")]
    speakers, _, linked = resolve_corpus(quotes, [])
    assert {(s.name, s.aliases) for s in speakers} == {("Russia", ("Moscow",)), ("Syria", ("Damascus",))}
    assert linked[0].speaker_id == linked[1].speaker_id
    assert linked[0].speaker_name == "Russia"


def test_a_short_form_joins_the_one_longer_name_it_begins():
    quotes = [resolved("a", "one", "British-based Syrian Observatory for Human Rights monitoring group",
                       speaker_type="organisation"),
              resolved("b", "two", "Syrian Observatory", speaker_type="organisation"),
              resolved("c", "three", "Ministry of Defence", speaker_type="organisation"),
              resolved("d", "four", "Ministry of Interior", speaker_type="organisation"),
              resolved("e", "five", "Ministry", speaker_type="organisation")]
    speakers, _, linked = resolve_corpus(quotes, [])
    assert linked[0].speaker_id == linked[1].speaker_id
    assert len({q.speaker_id for q in linked}) == 4  # the one-word "Ministry" joins neither


def test_outlet_names_end_at_an_apposition():
    assert outlet_name("the al-Watan newspaper, Assad") == "Al-Watan"
