"""The provenance (channel) scorer: its loader on good and bad files, its scores on
a small synthetic article built here (no PolNeAR text), and the shipped set scored
on the real corpus, which skips unless PolNeAR and its cached parses are present."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from quotetrack.cli import evaluate
from quotetrack.errors import QuotetrackError
from quotetrack.evaluate.polnear import GoldArticle, GoldAttribution, default_path, predictions_of
from quotetrack.evaluate.provenance import (
    DATA, HOWS, ProvenanceArticle, ProvenanceGold, ProvenanceLabel, channels_of, evaluate_provenance,
    format_table, join, load_provenance, outlet_key, same_outlet, score_quotes,
)
from quotetrack.records import Quote, ResolvedQuote

# a made-up article: an interrupted quotation told to the AP, a plain "said", a
# "told CNN", "CNN reported", a second plain "said", a "told NPR" no extraction
# finds, and a belief (not speech, so not in the provenance set)
TEXT = (
    '"We will win," Smith told the AP. "It is done." '
    "Jones said the vote was close. "
    "Brown told CNN that taxes would rise. "
    "CNN reported that the deal failed. "
    '"No," Lee said. '
    '"Fine," Kim told NPR. '
    "Experts think the plan will fail."
)


def span(piece: str, start: int = 0) -> tuple[int, int]:
    s = TEXT.index(piece, start)
    return (s, s + len(piece))


WIN, DONE = span('"We will win,"'), span('"It is done."')
VOTE, TAXES, DEAL = span("the vote was close"), span("taxes would rise"), span("the deal failed")
NO, FINE, PLAN = span('"No,"'), span('"Fine,"'), span("the plan will fail")
AP, CNN, CNN2, NPR = span("AP"), span("CNN"), span("CNN", span("CNN")[1]), span("NPR")

GOLD = GoldArticle("made-up", TEXT, tuple(
    GoldAttribution(content, speech=speech) for content, speech in [
        ((WIN, DONE), True), ((VOTE,), True), ((TAXES,), True), ((DEAL,), True),
        ((NO,), True), ((FINE,), True), ((PLAN,), False)]))

LABELS = (
    ProvenanceLabel((WIN, DONE), "The Associated Press", "named", AP),
    ProvenanceLabel((VOTE,), None, None),
    ProvenanceLabel((TAXES,), "CNN", "named", CNN),
    ProvenanceLabel((DEAL,), "CNN", "speaker", CNN2),
    ProvenanceLabel((NO,), None, None),
    ProvenanceLabel((FINE,), "NPR", "named", NPR),
)
PROV = ProvenanceGold(GOLD, ProvenanceArticle("dev", "made-up", LABELS))


def quote(content: tuple[int, int], continues: int | None = None) -> Quote:
    s, e = content
    return Quote(kind="direct", start_char=s, end_char=e, text=TEXT[s:e], rule="test", confidence=1.0,
                 continues=continues)


def resolved(content, via=None, continues=None, speaker=None, how=None) -> ResolvedQuote:
    if via is not None and how is None:
        how = "carried" if continues is not None else "named"
    return ResolvedQuote(quote_id=f"q{content[0]}", doc="made-up.txt", quote=quote(content, continues),
                         speaker_name=speaker, via_outlet_name=via, via_how=how)


PREDICTED = [
    resolved(WIN),                      # the first piece has no outlet ...
    resolved(DONE, "AP", continues=0),  # ... the second has: the quotation's channel is the AP
    resolved(VOTE, "Reuters"),          # spurious
    resolved(TAXES, "Fox"),             # wrong outlet
    resolved(DEAL, None, speaker="CNN"),  # missed: the outlet is the speaker, not the via
    resolved(NO),                       # right: no channel
    resolved(PLAN, "CNN"),              # matches a non-speech attribution: ignored
]                                       # and nothing finds "Fine": unmatched


def test_spans_are_what_they_claim():
    assert TEXT[slice(*AP)] == "AP" and TEXT[slice(*NPR)] == "NPR"
    assert TEXT[slice(*CNN)] == TEXT[slice(*CNN2)] == "CNN" and CNN != CNN2


def test_scores_on_the_made_up_article():
    r = score_quotes([(PROV, PREDICTED)])
    assert r["articles"] == 1
    assert (r["gold"], r["gold_with_via"], r["gold_without_via"]) == (6, 4, 2)
    assert (r["matched"], r["matched_with_via"], r["matched_without_via"]) == (5, 3, 2)
    assert r["unmatched_with_via"] == 1
    assert r["via_accuracy"] == pytest.approx(1 / 3)   # the AP right; Fox for CNN, nothing for CNN
    assert r["via_recall"] == pytest.approx(1 / 4)     # NPR unmatched counts as missed
    assert r["spurious_outlets"] == 1 and r["spurious_rate"] == pytest.approx(1 / 2)
    assert r["how_n"] == 2 and r["how_accuracy"] == pytest.approx(1 / 2)  # the AP's piece: carried, not named
    named, carried, speaker = (r["by_how"][h] for h in ("named", "carried", "speaker"))
    assert (named["gold"], named["matched"], named["via_correct"]) == (3, 2, 1)
    assert (speaker["gold"], speaker["matched"], speaker["via_correct"]) == (1, 1, 0)
    assert carried["gold"] == 0 and carried["via_accuracy"] is None
    kinds = sorted((e["error"], e["gold_via"], e["predicted_via"]) for e in r["errors"])
    assert kinds == [("missed", "CNN", None), ("spurious", None, "Reuters"),
                     ("unmatched", "NPR", None), ("wrong how", "The Associated Press", "AP"),
                     ("wrong outlet", "CNN", "Fox")]
    missed = next(e for e in r["errors"] if e["error"] == "missed")
    assert missed["gold_content"] == [list(DEAL)] and missed["predicted_speaker"] == "CNN"


def test_how_accuracy():
    quotes = [resolved(WIN), resolved(DONE, "the AP", 0, how="named"),
              resolved(TAXES, "CNN", how="carried"), resolved(DEAL, "CNN", how="speaker")]
    r = score_quotes([(PROV, quotes)])
    assert r["via_accuracy"] == 1.0 and r["how_n"] == 3
    assert r["how_accuracy"] == pytest.approx(2 / 3)
    assert r["by_how"]["named"]["how_accuracy"] == pytest.approx(1 / 2)
    assert r["by_how"]["speaker"]["how_accuracy"] == 1.0
    [wrong_how] = [e for e in r["errors"] if e["error"] == "wrong how"]
    assert wrong_how["gold_how"] == "named" and wrong_how["predicted_how"] == "carried"


def test_a_perfect_prediction_scores_one():
    quotes = [resolved(WIN, "Associated Press"), resolved(DONE, continues=0), resolved(VOTE),
              resolved(TAXES, "CNN"), resolved(DEAL, "CNN", how="speaker"), resolved(NO), resolved(FINE, "NPR")]
    r = score_quotes([(PROV, quotes)])
    assert r["via_accuracy"] == r["via_recall"] == 1.0 and r["spurious_rate"] == 0.0
    assert r["errors"] == []


def test_channels_join_pieces_as_predictions_of_does():
    channels = channels_of(PREDICTED)
    merged = predictions_of(TEXT, [q.quote for q in PREDICTED], merge=True)
    assert [c.prediction for c in channels] == merged
    assert channels[0].prediction.content == (WIN, DONE) and channels[0].via == "AP"


def test_outlet_names_compare_through_the_lexicon():
    assert outlet_key("the AP") == outlet_key("The Associated Press") == outlet_key("Associated Press")
    assert outlet_key("Washington Post") == outlet_key("The Washington Post")
    assert not same_outlet("Fox", ProvenanceLabel((TAXES,), "CNN", "named", CNN))
    assert not same_outlet(None, ProvenanceLabel((TAXES,), "CNN", "named", CNN))
    poll = ProvenanceLabel((TAXES,), "NBC News", "speaker", None, also=("Wall Street Journal",))
    assert same_outlet("NBC", poll) and same_outlet("The Wall Street Journal", poll)
    assert not same_outlet("CNN", poll)


def test_a_show_named_for_its_outlet_is_its_own_error():
    label = ProvenanceLabel((TAXES,), "Fox News", "named", CNN, show="Fox News Sunday")
    gold = ProvenanceGold(GOLD, ProvenanceArticle("dev", "made-up", (label,)))
    r = score_quotes([(gold, [resolved(TAXES, "Fox News Sunday")])])
    assert [e["error"] for e in r["errors"]] == ["show for outlet"]


def test_join_refuses_a_label_that_is_no_gold_attribution():
    assert join([GOLD], PROV.provenance).article is GOLD
    stray = ProvenanceArticle("dev", "made-up", (ProvenanceLabel(((0, 5),), None, None),))
    with pytest.raises(QuotetrackError, match=r"made-up, attribution 0: content \[\[0, 5\]\]"):
        join([GOLD], stray)
    with pytest.raises(QuotetrackError, match="not in PolNeAR"):
        join([], PROV.provenance)


def test_table_lists_errors_only_when_asked():
    r = score_quotes([(PROV, PREDICTED)])
    plain, full = format_table(r), format_table(r, errors=True)
    assert "via accuracy" in plain and "spurious rate" in plain and "how accuracy" in plain
    assert "errors (5)" not in plain and "errors (5)" in full and "wrong outlet" in full


# -- the loader ---------------------------------------------------------------------

GOOD = {"about": "test", "articles": [{"split": "dev", "name": "a", "publisher": "nyt", "attributions": [
    {"content": [[0, 5], [9, 12]], "via": "CNN", "how": "named", "mention": [20, 23], "note": ""},
    {"content": [[30, 40]], "via": None, "how": None, "mention": None, "note": "fresh said"},
    {"content": [[50, 60]], "via": "NBC News", "how": "speaker", "mention": None,
     "also": ["Wall Street Journal"]},
]}]}


def write(tmp_path: Path, data) -> Path:
    path = tmp_path / "prov.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_loader_reads_a_good_file(tmp_path):
    [art] = load_provenance(write(tmp_path, GOOD))
    assert (art.split, art.name, art.publisher) == ("dev", "a", "nyt")
    first, second, third = art.labels
    assert first == ProvenanceLabel(((0, 5), (9, 12)), "CNN", "named", (20, 23), "")
    assert second.via is None and second.how is None and second.note == "fresh said"
    assert third.also == ("Wall Street Journal",) and third.mention is None


def bad(**changes):
    data = json.loads(json.dumps(GOOD))
    data["articles"][0]["attributions"][0].update(changes)
    return data


@pytest.mark.parametrize("data, message", [
    ("{not json", "not JSON"),
    ({"articles": {}}, 'an "articles" list'),
    ({"articles": [{"split": "test", "name": "a", "attributions": []}]}, r"article 0 \(a\): split"),
    ({"articles": [{"split": "dev", "name": "", "attributions": []}]}, "article 0: name"),
    ({"articles": [{"split": "dev", "name": "a", "attributions": []}] * 2}, r"article 1 \(a\): listed twice"),
    (bad(how="relayed"), r"article 0 \(a\), attribution 0: how must be one of"),
    (bad(how=None), "attribution 0: via and how are both set or both null"),
    (bad(mention=None), "attribution 0: a named channel needs the mention"),
    (bad(content=[[5, 5]]), "attribution 0: each content piece must be"),
    (bad(content=[]), "attribution 0: content must be a non-empty list"),
    (bad(mention=[3]), "attribution 0: mention must be"),
    (bad(text="an article's words"), "attribution 0: unknown field"),
    (bad(via=""), "attribution 0: via must be"),
])
def test_loader_names_the_file_and_the_record_on_a_bad_entry(tmp_path, data, message):
    path = write(tmp_path, data)
    with pytest.raises(QuotetrackError) as err:
        load_provenance(path)
    assert str(path) in str(err.value)
    assert re.search(message, str(err.value)), str(err.value)


def test_loader_on_a_missing_file(tmp_path):
    with pytest.raises(QuotetrackError, match="no such provenance file"):
        load_provenance(tmp_path / "nope.json")


def test_the_shipped_set_is_well_formed():
    articles = load_provenance()
    assert DATA.is_file() and len(articles) == 105
    assert {a.split for a in articles} == {"train", "dev"}
    labels = [lab for a in articles for lab in a.labels]
    assert len(labels) == 2090
    assert all(lab.how in HOWS or lab.how is None for lab in labels)
    assert all(lab.mention for lab in labels if lab.how in ("named", "carried"))
    assert all(any(lab.via for lab in a.labels) for a in articles)  # every article names an outlet
    # stand-off only: no field of the file carries article text
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    fields = {k for a in raw["articles"] for r in a["attributions"] for k in r}
    assert fields <= {"content", "via", "how", "mention", "note", "show", "also"}


def test_cli_reports_a_bad_set_clearly(tmp_path):
    path = write(tmp_path, bad(how="relayed"))
    result = CliRunner().invoke(evaluate, ["provenance", "--set", str(path)])
    assert result.exit_code != 0 and str(path) in result.output and "how must be one of" in result.output


def test_cli_reports_missing_polnear_clearly(tmp_path):
    result = CliRunner().invoke(evaluate, ["provenance", "--path", str(tmp_path / "no-polnear")])
    assert result.exit_code != 0 and "PolNeAR not found" in result.output


# -- the real set -------------------------------------------------------------------


def test_real_set_on_cached_parses():
    root = default_path()
    if not (root / "data" / "dev" / "text").is_dir() and not (root / "dev" / "text").is_dir():
        pytest.skip(f"PolNeAR not at {root}")
    result = evaluate_provenance(polnear=root, splits=("dev",))
    if result["articles"] == 0:
        pytest.skip("no cached dev parses (run `quotetrack evaluate polnear --split dev` once)")
    assert result["articles"] + result["skipped_count"] == 20
    assert result["gold"] == result["gold_with_via"] + result["gold_without_via"]
    assert result["matched_with_via"] + result["unmatched_with_via"] == result["gold_with_via"]
    assert result["matched"] > 0.6 * result["gold"]  # the contents really are PolNeAR's
    for key in ("via_accuracy", "via_recall", "spurious_rate"):
        assert result[key] is None or 0.0 <= result[key] <= 1.0
    assert sum(t["gold"] for t in result["by_how"].values()) == result["gold_with_via"]
