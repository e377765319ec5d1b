"""Editorial corrections as pure functions (quotetrack/corrections.py): what a
correction sets, which one wins, where it lands when its record moved, and
when it no longer applies. The store, the CLI and the site are tested in
tests/store/test_corrections.py and tests/site/test_site_corrections.py."""

from __future__ import annotations

import attrs
import pytest

from quotetrack.corrections import checked, correct_quotes, entity_now, follow, rename_entities
from quotetrack.errors import CorrectionError
from quotetrack.records import Correction, Entity

from .helpers import resolved


def correction(number: int, target: str, field: str, value: str | None = None, **extra) -> Correction:
    return Correction(number=number, target_id=target, field=field, value=value, who="editor",
                      made_at="2026-12-01T10:00:00+00:00", **extra)


RYABKOV = resolved("a.txt", "We are close to a deal", "Sergei Ryabkov", role="Russian Deputy Foreign Minister")
KRZYSIEK = resolved("a.txt", "The people were trapped", "Pawel Krzysiek", role="ICRC spokesman")


def outcome_of(result, number):
    return next(o for o in result.outcomes if o.number == number)


# -- a new correction's shape -------------------------------------------------------


def test_a_new_correction_is_tidied():
    assert checked(" Q-SH60JGYD3P ", "speaker", "  Maria   Zakharova ") == ("q-sh60jgyd3p", "Maria Zakharova")
    assert checked("q-sh60jgyd3p", "not_a_quote", None) == ("q-sh60jgyd3p", None)
    assert checked("s-nzdvngvk", "name", "Sergey Ryabkov") == ("s-nzdvngvk", "Sergey Ryabkov")


@pytest.mark.parametrize("target, field, value, message", [
    ("x-123", "speaker", "A", "“x-123” is not a quote (q-…), speaker (s-…) or outlet (o-…) ID"),
    ("q-sh60jgyd3p", "name", "A", "q-sh60jgyd3p: a quote's name cannot be corrected"),
    ("s-nzdvngvk", "speaker", "A", "s-nzdvngvk: a speaker's speaker cannot be corrected, only its name"),
    ("o-nzdvngvk", "role", "A", "o-nzdvngvk: an outlet's role cannot be corrected"),
    ("q-sh60jgyd3p", "speaker", "   ", "q-sh60jgyd3p: the new speaker is empty"),
    ("q-sh60jgyd3p", "role", "x" * 201, "q-sh60jgyd3p: the new role is 201 characters long (at most 200)"),
    ("q-sh60jgyd3p", "colour", "red", "no such field to correct: colour"),
])
def test_a_malformed_correction_is_a_clear_error(target, field, value, message):
    with pytest.raises(CorrectionError) as error:
        checked(target, field, value)
    assert str(error.value).startswith(message)


# -- quotes -------------------------------------------------------------------------


def test_a_corrected_speaker_is_a_named_speaker_with_no_other_speakers_role():
    result = correct_quotes([RYABKOV, KRZYSIEK], [correction(1, RYABKOV.quote_id, "speaker", "Maria Zakharova")], {})
    fixed = result.quotes[0]
    assert (fixed.speaker_name, fixed.speaker_type, fixed.resolution, fixed.speaker_role) == (
        "Maria Zakharova", "person", "corrected", None)
    assert result.quotes[1] == KRZYSIEK  # the others as they were
    assert outcome_of(result, 1).state == "applied"
    assert (outcome_of(result, 1).applies_to, outcome_of(result, 1).original) == (RYABKOV.quote_id, "Sergei Ryabkov")
    # an organisation is typed as one
    org = correct_quotes([RYABKOV], [correction(1, RYABKOV.quote_id, "speaker", "the Kremlin")], {}).quotes[0]
    assert org.speaker_type == "organisation"


def test_an_unnamed_speakers_role_is_kept_for_the_speaker_an_editor_names():
    unnamed = attrs.evolve(RYABKOV, speaker_name=None, speaker_type="unknown", resolution="unresolved",
                           speaker_role="U.S. ambassador to the United Nations")
    fixed = correct_quotes([unnamed], [correction(1, unnamed.quote_id, "speaker", "Samantha Power")], {}).quotes[0]
    assert (fixed.speaker_name, fixed.speaker_role) == ("Samantha Power", "U.S. ambassador to the United Nations")


def test_the_latest_correction_of_a_field_wins_and_a_later_speaker_overrides_an_earlier_role():
    qid = RYABKOV.quote_id
    result = correct_quotes([RYABKOV], [
        correction(1, qid, "role", "Foreign Minister"),
        correction(2, qid, "speaker", "Sergei Lavrov"),
        correction(3, qid, "speaker", "Maria Zakharova"),
        correction(4, qid, "role", "ministry spokeswoman"),
    ], {})
    fixed = result.quotes[0]
    assert (fixed.speaker_name, fixed.speaker_role) == ("Maria Zakharova", "ministry spokeswoman")
    assert [(o.number, o.state) for o in result.outcomes] == [
        (1, "overridden"), (2, "overridden"), (3, "applied"), (4, "applied")]
    # a role made before the speaker was the other speaker's
    result = correct_quotes([RYABKOV], [correction(1, qid, "role", "Foreign Minister"),
                                        correction(2, qid, "speaker", "Sergei Lavrov")], {})
    assert result.quotes[0].speaker_role is None
    assert outcome_of(result, 1).state == "overridden"


def test_a_withdrawn_correction_is_not_applied():
    withdrawn = correction(1, RYABKOV.quote_id, "speaker", "Maria Zakharova",
                           withdrawn_at="2026-12-02T10:00:00+00:00", withdrawn_by="editor")
    result = correct_quotes([RYABKOV], [withdrawn], {})
    assert result.quotes == [RYABKOV]
    assert outcome_of(result, 1).state == "withdrawn"


def test_a_quote_that_is_none_is_left_out_and_its_pieces_stand_alone():
    piece = attrs.evolve(KRZYSIEK, piece_of=RYABKOV.quote_id)
    result = correct_quotes([RYABKOV, piece], [correction(1, RYABKOV.quote_id, "not_a_quote")], {})
    assert result.rejected == (RYABKOV.quote_id,)
    assert [q.quote_id for q in result.quotes] == [KRZYSIEK.quote_id]
    assert result.quotes[0].piece_of is None
    assert outcome_of(result, 1).state == "applied"


def test_a_correction_follows_its_quote_to_the_one_that_took_its_place_or_goes_stale():
    successors = {"q-old": "q-middle", "q-middle": RYABKOV.quote_id, "q-loop": "q-loop2", "q-loop2": "q-loop"}
    assert follow("q-old", {RYABKOV.quote_id}, successors) == RYABKOV.quote_id
    assert follow("q-loop", {RYABKOV.quote_id}, successors) is None
    assert follow("q-gone", {RYABKOV.quote_id}, successors) is None
    result = correct_quotes([RYABKOV], [correction(1, "q-old", "speaker", "Maria Zakharova"),
                                        correction(2, "q-gone", "speaker", "Maria Zakharova")], successors)
    assert result.quotes[0].speaker_name == "Maria Zakharova"
    assert outcome_of(result, 1).applies_to == RYABKOV.quote_id
    assert outcome_of(result, 2).state == "stale" and outcome_of(result, 2).applies_to is None


# -- speakers and outlets -------------------------------------------------------------


def test_a_renamed_speaker_keeps_its_id_and_its_analysed_name_as_an_alias():
    speaker = Entity(entity_id="s-00000001", name="Sergei Ryabkov", type="person", aliases=("Ryabkov",))
    outlet = Entity(entity_id="o-00000001", name="Interfax", type="outlet")
    quote = attrs.evolve(RYABKOV, speaker_id=speaker.entity_id, via_outlet_id=outlet.entity_id,
                         via_outlet_name="Interfax")
    live = {speaker.entity_id, outlet.entity_id}
    result = rename_entities([speaker], [outlet], [quote, KRZYSIEK], [
        correction(1, "s-00000001", "name", "Sergei Rjabkov"),
        correction(2, "s-00000001", "name", "Sergey Ryabkov"),
        correction(3, "o-00000001", "name", "Interfax news agency"),
        correction(4, "s-99999999", "name", "Nobody"),
    ], lambda target: target if target in live else None)
    assert result.speakers[0].name == "Sergey Ryabkov"
    assert result.speakers[0].entity_id == "s-00000001"
    assert result.speakers[0].aliases == ("Ryabkov", "Sergei Ryabkov")
    assert result.outlets[0].name == "Interfax news agency"
    assert (result.quotes[0].speaker_name, result.quotes[0].via_outlet_name) == ("Sergey Ryabkov", "Interfax news agency")
    assert result.quotes[1] == KRZYSIEK
    assert [(o.number, o.state, o.original) for o in result.outcomes] == [
        (1, "overridden", None), (2, "applied", "Sergei Ryabkov"), (3, "applied", "Interfax"), (4, "stale", None)]


def test_a_corrected_entity_id_is_followed_through_its_redirects_and_this_relinks_successor():
    live = {"s-new", "s-other"}
    # a stored redirect
    assert entity_now("s-old", live, {"s-old": "s-new"}, {}, {}) == "s-new"
    # retired by this relink: the entity that took over most of its quotes
    before = {"q-1": "s-old", "q-2": "s-old", "q-3": "s-old", "q-4": "s-other"}
    after = {"q-1": "s-new", "q-2": "s-new", "q-3": "s-other", "q-4": "s-other"}
    assert entity_now("s-old", live, {}, before, after) == "s-new"
    # its redirect's target retired now, in turn
    assert entity_now("s-older", live, {"s-older": "s-old"}, before, after) == "s-new"
    assert entity_now("s-new", live, {}, before, after) == "s-new"
    assert entity_now("s-gone", live, {}, before, after) is None
