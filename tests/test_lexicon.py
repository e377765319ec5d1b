"""The word lists of quotetrack/data/lexicon/ and their loader (quotetrack.lexicon)."""

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from quotetrack import lexicon
from quotetrack.errors import QuotetrackError

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "quotetrack" / "data" / "lexicon"

# the two outlet lists before they were merged into outlets.csv: the names
# extraction detected outlets by (lexicon.SEED_OUTLETS), those short or common
# names that only counted with their exact casing, and the outlets naming read
# (data/outlets.csv: name, type, aliases)
OLD_SEED_OUTLETS = (
    "Reuters", "AFP", "Agence France-Presse", "Agence France Presse", "AP",
    "Associated Press", "Interfax", "RIA", "RIA Novosti", "TASS", "Itar-Tass",
    "Al Jazeera", "Al-Jazeera", "BBC", "CNN", "al-Watan", "Al-Watan", "SANA",
    "Al Arabiya", "Al-Arabiya", "Al-Mayadeen", "Sputnik", "RT", "Fox News",
    "MSNBC", "NBC", "ABC", "CBS", "NPR", "Bloomberg", "Xinhua", "Anadolu",
    "Kyodo", "Yonhap", "EFE", "dpa", "Le Monde", "Der Spiegel", "Spiegel",
    "Politico", "Axios", "Breitbart", "HuffPost", "Huffington Post",
    "New York Times", "Washington Post", "Wall Street Journal", "USA Today",
    "Guardian", "Financial Times", "Times", "Telegraph", "Independent",
    "Daily Mail", "Haaretz", "Kommersant", "Izvestia", "Hurriyet",
    "Middle East Eye", "MEE", "Channel 4", "Sky News", "Euronews",
    "Deutsche Welle", "France 24", "Voice of America", "VOA",
)
OLD_CASED_ONLY = {"AP", "RT", "MEE", "ABC", "Times", "Independent", "Guardian", "VOA", "EFE"}
OLD_OUTLETS_CSV = """\
Reuters,agency,Thomson Reuters
Agence France-Presse,agency,AFP|Agence France Presse
Associated Press,agency,AP|the AP
Interfax,agency,Interfax news agency
RIA Novosti,agency,RIA|RIA news agency|RIA-Novosti
TASS,agency,ITAR-TASS|Tass
SANA,agency,Syrian Arab News Agency
Anadolu Agency,agency,Anadolu|AA
Al Jazeera,broadcaster,Al-Jazeera|Aljazeera
Al-Watan,newspaper,al-Watan|Al Watan|al-Watan newspaper|Al-Watan newspaper
Middle East Eye,website,MEE
Times News Service,agency,
BBC,broadcaster,British Broadcasting Corporation|BBC News
CNN,broadcaster,Cable News Network
Al Arabiya,broadcaster,Al-Arabiya
Sky News,broadcaster,
The New York Times,newspaper,New York Times|NYT
The Washington Post,newspaper,Washington Post
The Guardian,newspaper,Guardian
Bloomberg,agency,Bloomberg News
Xinhua,agency,Xinhua news agency
Deutsche Welle,broadcaster,DW
France 24,broadcaster,France24
Russia Today,broadcaster,RT
"""


@pytest.fixture
def copy(tmp_path):
    """An editable copy of the package's lexicon folder."""
    folder = tmp_path / "lexicon"
    shutil.copytree(FOLDER, folder)
    return folder


def edit(folder: Path, name: str, old: str, new: str) -> int:
    """Replace the first ``old`` in a file of ``folder``; the line it was on."""
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def header(name: str) -> list[str]:
    with (FOLDER / name).open(encoding="utf-8") as f:
        return next(csv.reader(f))


def documented_columns() -> dict[str, list[str]]:
    """file -> columns, as the folder's README.md lists them ("**x.csv** — `a,b`")."""
    readme = (FOLDER / "README.md").read_text(encoding="utf-8")
    return {m[1]: m[2].split(",") for m in re.finditer(r"\*\*(\w+\.csv)\*\* — `([\w,]+)`", readme)}


# --------------------------------------------------------------------------
# The files
# --------------------------------------------------------------------------


def test_the_folder_holds_every_list_the_loader_reads_and_no_other():
    names = {p.name for p in FOLDER.iterdir() if p.suffix in (".csv", ".txt")}
    assert names == set(lexicon.TABLES) | set(lexicon.LISTS)


@pytest.mark.parametrize("name", sorted(lexicon.TABLES))
def test_every_table_has_its_documented_columns(name):
    assert header(name) == list(lexicon.TABLES[name])
    assert documented_columns()[name] == list(lexicon.TABLES[name])


@pytest.mark.parametrize("name", sorted(lexicon.LISTS))
def test_every_list_is_documented(name):
    assert f"**{name}**" in (FOLDER / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(set(lexicon.TABLES) | set(lexicon.LISTS)))
def test_no_entry_is_listed_twice_in_a_class(name):
    if name in lexicon.TABLES:
        with (FOLDER / name).open(encoding="utf-8") as f:
            entries = [row[0] for row in list(csv.reader(f))[1:]]
    else:
        entries = (FOLDER / name).read_text(encoding="utf-8").split("\n")[:-1]
    if name in ("titles.csv", "cue_forms.csv"):  # compared in lower case
        entries = [e.lower() for e in entries]
    assert entries and len(entries) == len(set(entries))


def test_the_package_lists_load():
    words = lexicon.read_lexicon(FOLDER)
    assert "say" in words.speech_verbs and "think" in words.cognition_verbs
    assert words.verb_particles["call"] == ("for", "on")
    assert words.headline_cues["Said"] == "say"
    assert words.months["sept"] == 9
    assert words.time_zones["est"].utcoffset(None).total_seconds() == -5 * 3600
    assert str(words.time_zones["et"]) == "America/New_York"
    assert words.weekdays == {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
    assert words.outlet_tails[:3] == ("news agency", "newspaper", "agency")
    assert words.organisation_kinds[0][0] == "military"
    assert "Mr." in words.sentence_titles and "mr." in words.title_words and "mr." in words.male_words


# the word lists the rules wrote inline before they moved here: (field of
# lexicon.words(), the words)
OLD_INLINE_LISTS = [
    ("infinitive_verbs", {"urge", "ask", "tell", "call", "warn", "order", "instruct", "advise", "promise", "pledge",
                          "vow", "threaten", "agree", "demand", "remind"}),
    ("speaker_object_verbs", {"quote"}),
    ("named_object_verbs", {"call"}),
    ("request_verbs", {"call", "ask", "urge"}),
    ("outlet_subject_verbs", {"report", "say", "quote"}),
    ("outlet_lead_nouns", {"interview", "comment", "comments", "remarks", "remark"}),  # "remark": a lemma (channels)
    ("split_dot_titles", {"Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov"}),
    ("own_clause_pronouns", {"he", "she", "they", "i", "we"}),
    ("np_content_prepositions", {"for", "of", "on"}),
    ("author_prepositions", {"by", "from"}),
    ("verb_lead_prepositions", {"to", "with", "by", "in", "on"}),  # "on": said on NBC (channels)
    ("noun_lead_prepositions", {"with", "to", "in"}),
    ("occasion_words", {"time", "times"}),
    ("time_subordinators", {"before", "after", "since", "while", "until", "once", "without"}),
    ("attribution_openers", {"he", "she", "they", "said", "says", "according"}),
    ("work_title_words", {"of", "the", "and", "a", "in", "on", "for", "to"}),
    ("work_title_leads", {"on", "of", "in"}),
]


@pytest.mark.parametrize("field, old", OLD_INLINE_LISTS, ids=[f for f, _ in OLD_INLINE_LISTS])
def test_a_list_moved_out_of_the_rules_holds_what_they_wrote(field, old):
    assert set(getattr(lexicon.read_lexicon(FOLDER), field)) == old


def test_the_verbs_with_an_addressee_are_the_tell_verbs_and_ask():
    words = lexicon.read_lexicon(FOLDER)
    assert words.addressee_verbs == words.tell_verbs | {"ask"}


def test_an_occasion_is_no_time_word():
    words = lexicon.read_lexicon(FOLDER)
    assert "times" in words.occasion_words and not words.occasion_words & words.time_words
    assert "monday" in words.time_words


def test_the_time_subordinators_are_adverbial_openers():
    words = lexicon.read_lexicon(FOLDER)
    assert words.time_subordinators < words.adverbial_openers


# --------------------------------------------------------------------------
# The merged outlet list
# --------------------------------------------------------------------------


def test_the_merged_outlets_detect_by_every_old_detection_name():
    # the list grows (outlets, aliases); nothing the old lists detected is lost
    words = lexicon.read_lexicon(FOLDER)
    assert set(OLD_SEED_OUTLETS) <= set(words.seed_outlets)
    assert OLD_CASED_ONLY <= words.cased_outlets


def test_the_merged_outlets_name_as_the_old_outlets_csv_did():
    old = [(name, kind, tuple(filter(None, aliases.split("|"))))
           for name, kind, aliases in csv.reader(OLD_OUTLETS_CSV.splitlines())]
    words = lexicon.read_lexicon(FOLDER)
    now = {o.name: o for o in words.outlets}
    for name, kind, aliases in old:  # each old outlet keeps its kind and its aliases
        assert now[name].kind == kind and set(aliases) <= set(now[name].aliases), name


def test_a_name_in_both_old_lists_is_marked_both():
    with (FOLDER / "outlets.csv").open(encoding="utf-8") as f:
        uses = {row["name"]: row["use"] for row in csv.DictReader(f)}
    naming = {n for line in OLD_OUTLETS_CSV.splitlines()
              for n in [line.split(",")[0], *filter(None, line.split(",")[2].split("|"))]}
    shared = naming & set(OLD_SEED_OUTLETS)
    assert len(shared) == 31
    assert shared <= {n for n, use in uses.items() if use == "both"}


def test_a_cased_name_counts_only_as_written():
    assert lexicon.names_seed_outlet("he told AP on Monday")
    assert not lexicon.names_seed_outlet("he said ap was the first")
    assert lexicon.seed_outlet_span("according to the RIA Novosti agency") == (17, 28)


# --------------------------------------------------------------------------
# Broken files
# --------------------------------------------------------------------------


def test_a_missing_column_names_the_file_and_the_header_line(copy):
    edit(copy, "verbs.csv", "lemma,frames,particles", "lemma,frame,particles")
    with pytest.raises(QuotetrackError, match=r"verbs\.csv: line 1: missing column 'frames'"):
        lexicon.read_lexicon(copy)


def test_an_unknown_column_is_an_error(copy):
    edit(copy, "people.csv", "word,gender,press,group,source", "word,gender,press,group,source,age")
    with pytest.raises(QuotetrackError, match=r"people\.csv: line 1: unknown column 'age'"):
        lexicon.read_lexicon(copy)


@pytest.mark.parametrize("name, old, new, problem", [
    ("titles.csv", "queen,yes,,f,", "queen,yes,,w,", "column 'gender': unknown value 'w'"),
    ("verbs.csv", "warn,speech np_content", "warn,speech np-content", "column 'frames': unknown frame 'np-content'"),
    ("outlets.csv", "Reuters,,agency,both,", "Reuters,,agency,everything,", "column 'use': unknown value 'everything'"),
    ("months.csv", "sept,9,,", "sept,13,,", "column 'month': '13': a month is a number from 1 to 12"),
    ("shows.csv", "Meet the Press,NBC", "Meet the Press,NBCC", "outlet 'NBCC' is not in outlets.csv"),
    ("people.csv", "widow,f,,,", "widow,f,no,,", "column 'press': 'no': write yes or leave the cell empty"),
    ("organisations.csv", "navy,,military", "Navy,,military", "column 'word': 'Navy': write it in lower case"),
    ("determiners.csv", "another,yes,", "another,yes", "3 cells expected"),
    ("verbs.csv", "yell,speech,", "yell,speech,\nsay,speech,", "'say' is listed twice"),
    ("titles.csv", "mayor,yes,,,,", "mayor,yes,,,,\nMayor,yes,,,,", "'Mayor' is listed twice"),
    ("titles.csv", "mr,yes,,m,,", "mr,yes,,m,,yes", "split_dot: 'mr' has no dot to split off"),
    ("prepositions.csv", "by,,,,,,yes,verbs", "by,,,,,,yes,verb", "column 'outlet_lead': unknown value 'verb'"),
    ("outlets.csv", "DW,Deutsche Welle,", "DW,Deutsche Wele,", "outlet 'Deutsche Wele' is not listed above"),
    ("outlets.csv", "Voice of America,,,detection,", "Voice of America,,broadcaster,detection,", "a kind is read for naming only"),
    ("outlet_nouns.csv", "website,both,website,5", "website,both,website,6", "tail 6 is given twice"),
    ("clock_words.txt", "p.m.\n", "p.m.\nP.M.\n", "'P.M.': write it in lower case"),
    ("time_zones.csv", "est,-05:00", "est,-5", "column 'offset': '-5': write an offset from UTC (+03:00, -05:00)"),
    ("time_zones.csv", "cet,+01:00", "cet,+24:00", "column 'offset': '+24:00': an offset is at most -23:59 to +23:59"),
    ("time_zones.csv", "et,America/New_York", "et,America/New_Yrok", "'America/New_Yrok': no such time zone"),
    ("time_zones.csv", "bst,+01:00", "BST,+01:00", "column 'zone': 'BST': write it in lower case"),
    ("time_words.csv", "monday,yes,,yes", "monday,yes,,no", "column 'weekday': 'no': write yes"),
])
def test_a_bad_cell_names_the_file_the_line_and_the_problem(copy, name, old, new, problem):
    line = edit(copy, name, old, new) + new.count("\n") - old.count("\n")
    with pytest.raises(QuotetrackError) as error:
        lexicon.read_lexicon(copy)
    assert str(error.value).startswith(f"{copy}/{name}: line {line}: ")
    assert problem in str(error.value)


def test_a_missing_list_is_an_error(copy):
    (copy / "pronouns.csv").unlink()
    with pytest.raises(QuotetrackError, match=r"pronouns\.csv: missing word list"):
        lexicon.read_lexicon(copy)


def test_an_unknown_list_is_an_error_and_documentation_is_not(copy):
    (copy / "notes.md").write_text("about the lists\n", encoding="utf-8")
    lexicon.read_lexicon(copy)
    (copy / "verb.csv").write_text("lemma\nsay\n", encoding="utf-8")
    with pytest.raises(QuotetrackError, match=r"verb\.csv: unknown word list"):
        lexicon.read_lexicon(copy)


# --------------------------------------------------------------------------
# $QUOTETRACK_LEXICON_DIR and the hash
# --------------------------------------------------------------------------

_PROBE = """
import json
from quotetrack import lexicon
from quotetrack.resolve import outlet_kind, outlet_name
print(json.dumps({
    "hash": lexicon.lexicon_hash(),
    "opine": lexicon.is_speech_verb("opine"),
    "hawar": [outlet_name("the Hawar news agency"), outlet_kind(["ANHA"])],
}))
"""


def probe(folder: Path | None) -> dict:
    """What a fresh process reads with ``$QUOTETRACK_LEXICON_DIR`` set to ``folder``
    (unset for None): no cache of this process leaks into it."""
    env = {k: v for k, v in os.environ.items() if k != lexicon.LEXICON_DIR_ENV}
    env["PYTHONPATH"] = str(ROOT)
    if folder is not None:
        env[lexicon.LEXICON_DIR_ENV] = str(folder)
    done = subprocess.run([sys.executable, "-c", _PROBE], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_an_edited_copy_named_by_the_environment_is_what_the_rules_read(copy):
    edit(copy, "verbs.csv", "yell,speech,\n", "yell,speech,\nopine,speech,\n")
    edit(copy, "outlets.csv", "Russia Today,", "Hawar News Agency,,agency,naming,\nANHA,Hawar News Agency,,naming,\n"
                                               "Russia Today,")
    package, edited = probe(None), probe(copy)
    assert package["hash"] == lexicon.lexicon_hash()
    assert edited["hash"] != package["hash"]
    assert not package["opine"] and edited["opine"]
    assert package["hawar"] == ["Hawar", None]  # by its own words
    assert edited["hawar"] == ["Hawar News Agency", "agency"]  # by the edited list


def test_an_unchanged_copy_hashes_as_the_package_folder(copy):
    (copy / "README.md").write_text("documentation is not part of the hash\n", encoding="utf-8")
    assert probe(copy)["hash"] == lexicon.lexicon_hash()


def test_a_folder_that_does_not_exist_is_an_error(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), lexicon.LEXICON_DIR_ENV: str(tmp_path / "none")}
    done = subprocess.run([sys.executable, "-c", "from quotetrack import lexicon; lexicon.words()"], env=env,
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert f"{tmp_path / 'none'}: $QUOTETRACK_LEXICON_DIR names no directory" in done.stderr


def test_a_show_is_its_network_only_when_written_as_a_title():
    assert lexicon.show_outlet("Meet the Press") == "NBC"
    assert lexicon.show_outlet("This Week With George Stephanopoulos") == "ABC"  # a longer title
    assert lexicon.show_outlet("this week") is None  # a time, not ABC's show
    assert lexicon.show_outlet("The Daily Show") is None  # not listed
