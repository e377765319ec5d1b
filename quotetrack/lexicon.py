"""The word lists the rules read, loaded from plain files: one file per word class.

The files live in ``quotetrack/data/lexicon/`` (its README.md describes each
file and its columns), or in the folder named by ``$QUOTETRACK_LEXICON_DIR``.
They are read once per process: :func:`words` gives the lists as the rules
ask about them (frozensets, dicts, ordered tuples), :func:`lexicon_hash` a
digest of the files for the analysis version. Grammar stays in the rules (UD
tags and relations, punctuation, thresholds); only the words are here.

A file that does not follow its columns (a missing column, an unknown value, a
word listed twice) is a :class:`~quotetrack.errors.QuotetrackError` naming the
file, the line and the problem.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
import re
from collections.abc import Callable, Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

from .errors import QuotetrackError

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

LEXICON_DIR_ENV = "QUOTETRACK_LEXICON_DIR"

#: what a verb can do in the rules (the ``frames`` column of verbs.csv)
VERB_FRAMES = (
    "speech", "np_content", "topic", "quote_only", "quoted_as", "reported_to", "tell", "question",
    "no_clause", "anonymity", "reporting", "outlet_governor", "outlet_lead", "cognition", "infinitive",
    "addressee", "speaker_object", "named_object", "request", "outlet_subject", "carries", "quoted_object",
)
#: outlet kinds, in the order an outlet's words are tried for one
OUTLET_KINDS = ("agency", "newspaper", "broadcaster", "website")
#: organisation kinds, in the order a name's words are tried for one (first match wins)
ORGANISATION_KINDS = ("military", "international", "party", "company", "government", "ngo")
#: what an outlet name or noun is used for: finding outlets in the text, naming them, or both
USES = ("detection", "naming", "both")
#: the outlet leads a preposition opens an outlet's noun phrase after: verbs (verbs.csv), nouns
#: (statement_nouns.csv) or both
OUTLET_LEADS = ("verbs", "nouns", "both")
#: what a pronoun refers to: a man, a woman, several (groups, organisations), a thing
#: (organisations, outlets), or the speaker or the one spoken to (never resolved)
REFERENTS = ("m", "f", "p", "n", "s")


# --------------------------------------------------------------------------
# Cells: each column's values, checked
# --------------------------------------------------------------------------

Cell = Callable[[str], object]


def _text(value: str) -> str:
    if not value:
        raise ValueError("empty cell")
    return value


def _lower(value: str) -> str:
    """A word the rules compare in lower case."""
    if _text(value) != value.lower():
        raise ValueError(f"{value!r}: write it in lower case")
    return value


def _optional(value: str) -> str | None:
    return value or None


def _flag(value: str) -> bool:
    if value not in ("yes", ""):
        raise ValueError(f"{value!r}: write yes or leave the cell empty")
    return value == "yes"


def _one_of(*values: str, empty: bool = True) -> Cell:
    def read(value: str) -> str | None:
        if value in values or (empty and not value):
            return value or None
        allowed = ", ".join(values) + (", or empty" if empty else "")
        raise ValueError(f"unknown value {value!r} (allowed: {allowed})")

    return read


def _frames(value: str) -> frozenset[str]:
    frames = value.split()
    unknown = [f for f in frames if f not in VERB_FRAMES]
    if unknown:
        raise ValueError(f"unknown frame {unknown[0]!r} (allowed: {', '.join(VERB_FRAMES)})")
    return frozenset(frames)


def _words(value: str) -> tuple[str, ...]:
    return tuple(value.lower().split())


def _month(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= 12:
        raise ValueError(f"{value!r}: a month is a number from 1 to 12")
    return int(value)


_OFFSET_RE = re.compile(r"([+-])(\d\d):(\d\d)")
_ZONE_NAME_RE = re.compile(r"[A-Z][A-Za-z_]+(?:/[A-Za-z_+-]+)+")


def _utc_offset(value: str) -> dt.tzinfo:
    """A fixed offset from UTC (``+03:00``, ``-05:00``), or an IANA time-zone name
    (``America/New_York``) for a zone whose offset follows daylight saving."""
    m = _OFFSET_RE.fullmatch(value)
    if m:
        sign, hours, minutes = m.groups()
        if int(hours) > 23 or int(minutes) > 59:
            raise ValueError(f"{value!r}: an offset is at most -23:59 to +23:59")
        delta = dt.timedelta(hours=int(hours), minutes=int(minutes))
        return dt.timezone(-delta if sign == "-" else delta)
    if _ZONE_NAME_RE.fullmatch(value):
        try:
            return ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"{value!r}: no such time zone in the IANA time-zone database "
                             f"(is the tzdata package installed?)") from None
    raise ValueError(f"{value!r}: write an offset from UTC (+03:00, -05:00) or an IANA "
                     f"time-zone name (America/New_York)")


def _rank(value: str) -> int | None:
    if not value:
        return None
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"{value!r}: a rank is a whole number from 1")
    return int(value)


_GENDER = _one_of("f", "m")

#: every table of the folder: its columns (the first is the entry) and how each cell reads
TABLES: dict[str, dict[str, Cell]] = {
    "verbs.csv": {"lemma": _lower, "frames": _frames, "particles": _words},
    "cue_forms.csv": {"form": _text, "lemma": _lower, "use": _one_of("headline", "evaluation", "both", empty=False)},
    "statement_nouns.csv": {"word": _lower, "clause": _flag, "infinitive": _flag, "document": _flag,
                            "outlet_governor": _flag, "outlet_lead": _flag, "carries": _flag},
    "outlets.csv": {"name": _text, "outlet": _optional, "kind": _one_of(*OUTLET_KINDS),
                    "use": _one_of(*USES, empty=False), "cased": _flag},
    "outlet_nouns.csv": {"word": _lower, "use": _one_of(*USES), "kind": _one_of(*OUTLET_KINDS), "tail": _rank,
                         "org_cased": _flag},
    "titles.csv": {"word": _text, "role": _flag, "before_name": _flag, "gender": _GENDER, "heads_org": _flag,
                   "split_dot": _flag},
    "people.csv": {"word": _lower, "gender": _GENDER, "press": _flag, "group": _flag, "source": _flag},
    "organisations.csv": {"word": _lower, "org": _flag, "kind": _one_of(*ORGANISATION_KINDS)},
    "organisation_descriptors.csv": {"descriptor": _lower, "place": _one_of("before", "after", empty=False)},
    "pronouns.csv": {"word": _lower, "refers_to": _one_of(*REFERENTS, empty=False), "speaker": _flag,
                     "possessive": _flag, "own_clause": _flag, "reflexive": _flag},
    "determiners.csv": {"word": _lower, "indefinite": _flag, "numeral": _flag},
    "prepositions.csv": {"word": _lower, "topic": _flag, "role": _flag, "locative": _flag, "head_end": _flag,
                         "np_content": _flag, "author": _flag, "outlet_lead": _one_of(*OUTLET_LEADS)},
    "name_particles.csv": {"word": _lower, "folded": _flag},
    "anonymity.csv": {"phrase": _lower, "after_mention": _flag},
    "months.csv": {"word": _lower, "month": _month, "full": _flag, "name_word": _flag},
    "time_words.csv": {"word": _lower, "calendar": _flag, "occasion": _flag, "weekday": _flag},
    "time_zones.csv": {"zone": _lower, "offset": _utc_offset},
    "auxiliaries.csv": {"word": _lower, "modal": _flag},
    "adverbial_openers.csv": {"word": _lower, "time": _flag},
    "work_titles.csv": {"word": _lower, "inside": _flag, "before": _flag},
    "shows.csv": {"show": _text, "outlet": _text},
    "claim_synonyms.csv": {"word": _lower, "means": _lower},
    "group_nouns.csv": {"word": _lower, "names": _optional, "generic": _flag},
    "group_modifiers.csv": {"word": _lower, "names": _lower},
    "demonyms.csv": {"word": _lower, "country": _text},
}
#: the word classes with no properties: one lower-case entry a line
LISTS = ("generic_outlet_words.txt", "name_connectors.txt", "clock_words.txt", "function_words.txt",
         "agency_credits.txt", "attribution_openers.txt", "owner_nouns.txt",
         "outlet_work_nouns.txt", "carrying_adverbs.txt")
#: tables whose entries are compared in lower case (so "Mr." and "mr." would be one entry)
_CASELESS_ENTRIES = ("titles.csv", "cue_forms.csv")

Row = dict[str, object]


# --------------------------------------------------------------------------
# Reading the folder
# --------------------------------------------------------------------------


def lexicon_dir() -> Traversable:
    """The package's ``data/lexicon/``, or the folder ``$QUOTETRACK_LEXICON_DIR`` names."""
    override = os.environ.get(LEXICON_DIR_ENV)
    if not override:
        return resources.files("quotetrack").joinpath("data").joinpath("lexicon")
    folder = Path(override)
    if not folder.is_dir():
        raise QuotetrackError(f"{folder}: ${LEXICON_DIR_ENV} names no directory")
    return folder


def read_files(folder: Traversable) -> dict[str, bytes]:
    """The bytes of every word-list file of ``folder``, by name (README.md and
    other documentation aside); an error for a missing or unknown list."""
    present = {entry.name for entry in folder.iterdir() if entry.is_file()}
    expected = set(TABLES) | set(LISTS)
    missing = sorted(expected - present)
    if missing:
        raise QuotetrackError(f"{folder}/{missing[0]}: missing word list")
    unknown = sorted(n for n in present - expected if n.endswith((".csv", ".txt")))
    if unknown:
        raise QuotetrackError(f"{folder}/{unknown[0]}: unknown word list (the lists are described "
                              f"in the folder's README.md)")
    return {name: folder.joinpath(name).read_bytes() for name in sorted(expected)}


def _decoded(path: str, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise QuotetrackError(f"{path}: not valid UTF-8 (byte {e.start}: {e.reason})") from e


def parse_table(path: str, text: str, columns: dict[str, Cell], caseless: bool = False) -> tuple[Row, ...]:
    """The rows of a CSV word list, each cell read by its column; ``path`` names
    the file in errors."""
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    missing = [c for c in columns if c not in header]
    if missing:
        raise QuotetrackError(f"{path}: line 1: missing column {missing[0]!r} "
                              f"(the columns are {', '.join(columns)})")
    unknown = [c for c in header if c not in columns]
    if unknown:
        raise QuotetrackError(f"{path}: line 1: unknown column {unknown[0]!r} "
                              f"(the columns are {', '.join(columns)})")
    entry = next(iter(columns))
    rows, seen = [], {}
    for raw in reader:
        line = reader.line_num
        if None in raw or None in raw.values():
            raise QuotetrackError(f"{path}: line {line}: {len(columns)} cells expected")
        row = {}
        for column, read in columns.items():
            try:
                row[column] = read(raw[column].strip())
            except ValueError as e:
                raise QuotetrackError(f"{path}: line {line}: column {column!r}: {e}") from None
        key = row[entry].lower() if caseless else row[entry]
        if key in seen:
            raise QuotetrackError(f"{path}: line {line}: {row[entry]!r} is listed twice (first on line {seen[key]})")
        seen[key] = line
        rows.append(row | {"line": line})
    return tuple(rows)


def parse_list(path: str, text: str) -> tuple[str, ...]:
    """The entries of a one-entry-a-line word list (blank lines skipped)."""
    entries, seen = [], {}
    for line, raw in enumerate(text.splitlines(), start=1):
        entry = raw.strip()
        if not entry:
            continue
        if entry != entry.lower():
            raise QuotetrackError(f"{path}: line {line}: {entry!r}: write it in lower case")
        if entry in seen:
            raise QuotetrackError(f"{path}: line {line}: {entry!r} is listed twice (first on line {seen[entry]})")
        seen[entry] = line
        entries.append(entry)
    return tuple(entries)


def _parsed(folder: str, files: dict[str, bytes]) -> dict[str, tuple]:
    parsed: dict[str, tuple] = {}
    for name, data in files.items():
        path = f"{folder}/{name}"
        text = _decoded(path, data)
        if name in TABLES:
            parsed[name] = parse_table(path, text, TABLES[name], caseless=name in _CASELESS_ENTRIES)
        else:
            parsed[name] = parse_list(path, text)
    _check_outlets(f"{folder}/outlets.csv", parsed["outlets.csv"])
    _check_ranks(f"{folder}/outlet_nouns.csv", parsed["outlet_nouns.csv"], "tail")
    _check_split_dots(f"{folder}/titles.csv", parsed["titles.csv"])
    _check_shows(f"{folder}/shows.csv", parsed["shows.csv"], parsed["outlets.csv"])
    return parsed


def _check_outlets(path: str, rows: tuple[Row, ...]) -> None:
    """An alias names an outlet listed above it on a row of its own; the kind is
    given on that row, and read for naming only; ``cased`` is read for detection only."""
    own = {}
    for row in rows:
        where = f"{path}: line {row['line']}"
        if row["outlet"] is None:
            own[row["name"]] = row
        elif row["outlet"] not in own:
            raise QuotetrackError(f"{where}: outlet {row['outlet']!r} is not listed above on a row of its own")
        elif row["kind"]:
            raise QuotetrackError(f"{where}: the kind goes on the outlet's own row ({row['outlet']!r})")
        elif row["use"] != "detection" and own[row["outlet"]]["use"] == "detection":
            raise QuotetrackError(f"{where}: names {row['outlet']!r}, which is not used for naming")
        if row["kind"] and row["use"] == "detection":
            raise QuotetrackError(f"{where}: a kind is read for naming only; use naming or both")
        if row["cased"] and row["use"] == "naming":
            raise QuotetrackError(f"{where}: cased is read for detection only; use detection or both")


def _check_shows(path: str, rows: tuple[Row, ...], outlets: tuple[Row, ...]) -> None:
    """A show's outlet is an outlet of outlets.csv."""
    names = {o["name"] for o in outlets}
    for row in rows:
        if row["outlet"] not in names:
            raise QuotetrackError(f"{path}: line {row['line']}: outlet {row['outlet']!r} is not in outlets.csv")


def _check_split_dots(path: str, rows: tuple[Row, ...]) -> None:
    """A title whose dot the tokenizer may split off is written with its dot."""
    for row in rows:
        if row["split_dot"] and not row["word"].endswith("."):
            raise QuotetrackError(f"{path}: line {row['line']}: split_dot: {row['word']!r} has no dot to split off")


def _check_ranks(path: str, rows: tuple[Row, ...], column: str) -> None:
    ranks: dict[int, int] = {}
    for row in rows:
        rank = row[column]
        if rank is not None and rank in ranks:
            raise QuotetrackError(f"{path}: line {row['line']}: {column} {rank} is given twice "
                                  f"(first on line {ranks[rank]})")
        if rank is not None:
            ranks[rank] = row["line"]


# --------------------------------------------------------------------------
# What the rules read
# --------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Outlet:
    """A well-known outlet as naming reads it: its name, kind and aliases."""

    name: str
    kind: str | None
    aliases: tuple[str, ...]


@attrs.frozen(kw_only=True)
class Words:
    """The word lists, as the rules ask about them (see the folder's README.md)."""

    # verbs.csv, by frame
    speech_verbs: frozenset[str]
    np_content_verbs: frozenset[str]
    topic_verbs: frozenset[str]
    quote_only_cues: frozenset[str]
    quoted_as_verbs: frozenset[str]
    reported_to_verbs: frozenset[str]
    tell_verbs: frozenset[str]
    question_verbs: frozenset[str]
    no_clause_verbs: frozenset[str]
    anonymity_verbs: frozenset[str]
    reporting_participles: frozenset[str]
    outlet_leads: frozenset[str]
    cognition_verbs: frozenset[str]
    infinitive_verbs: frozenset[str]
    addressee_verbs: frozenset[str]
    speaker_object_verbs: frozenset[str]
    named_object_verbs: frozenset[str]
    request_verbs: frozenset[str]
    outlet_subject_verbs: frozenset[str]
    carrying_verbs: frozenset[str]
    quoted_object_verbs: frozenset[str]
    verb_particles: dict[str, tuple[str, ...]]
    # verbs.csv and statement_nouns.csv
    outlet_governors: frozenset[str]
    # cue_forms.csv
    headline_cues: dict[str, str]
    evaluation_forms: dict[str, str]
    # statement_nouns.csv
    speech_nouns: frozenset[str]
    infinitive_speech_nouns: frozenset[str]
    document_words: frozenset[str]
    outlet_lead_nouns: frozenset[str]
    carrying_nouns: frozenset[str]
    # outlets.csv
    seed_outlets: tuple[str, ...]
    cased_outlets: frozenset[str]
    outlets: tuple[Outlet, ...]
    # outlet_nouns.csv, generic_outlet_words.txt
    outlet_nouns: frozenset[str]
    outlet_words: frozenset[str]
    outlet_tails: tuple[str, ...]
    outlet_kind_words: tuple[tuple[str, tuple[str, ...]], ...]
    generic_outlet_words: frozenset[str]
    organisation_outlet_nouns: frozenset[str]
    # titles.csv, people.csv
    title_words: frozenset[str]
    sentence_titles: frozenset[str]
    split_dot_titles: frozenset[str]
    head_modifiers: frozenset[str]
    female_words: frozenset[str]
    male_words: frozenset[str]
    press_nouns: frozenset[str]
    group_words: frozenset[str]
    source_words: frozenset[str]
    # organisations.csv, organisation_descriptors.csv
    org_words: frozenset[str]
    organisation_kinds: tuple[tuple[str, tuple[str, ...]], ...]
    describing_suffixes: tuple[str, ...]
    describing_tails: tuple[str, ...]
    # pronouns.csv, determiners.csv, prepositions.csv, name_particles.csv, name_connectors.txt
    pronouns: dict[str, str]
    possessives: frozenset[str]
    own_clause_pronouns: frozenset[str]
    reflexive_pronouns: frozenset[str]
    determiners: frozenset[str]
    name_determiners: frozenset[str]
    indefinite_determiners: frozenset[str]
    topic_prepositions: frozenset[str]
    role_prepositions: frozenset[str]
    locative_prepositions: tuple[str, ...]
    head_end_prepositions: tuple[str, ...]
    np_content_prepositions: frozenset[str]
    author_prepositions: frozenset[str]
    verb_lead_prepositions: frozenset[str]
    noun_lead_prepositions: frozenset[str]
    name_particles: tuple[str, ...]
    folded_particles: frozenset[str]
    name_connectors: frozenset[str]
    # anonymity.csv
    anonymous_words: tuple[str, ...]
    anonymity_clauses: tuple[str, ...]
    # months.csv, time_words.csv, time_zones.csv
    months: dict[str, int]
    time_words: frozenset[str]
    weekdays: frozenset[str]
    time_zones: dict[str, dt.tzinfo]
    occasion_words: frozenset[str]
    not_name_words: frozenset[str]
    clock_words: frozenset[str]
    # function_words.txt, auxiliaries.csv, adverbial_openers.csv, attribution_openers.txt
    function_words: frozenset[str]
    auxiliaries: frozenset[str]
    modals: frozenset[str]
    adverbial_openers: frozenset[str]
    time_subordinators: frozenset[str]
    attribution_openers: frozenset[str]
    # work_titles.csv
    work_title_words: frozenset[str]
    work_title_leads: tuple[str, ...]
    # agency_credits.txt
    agency_credits: frozenset[str]
    # owner_nouns.txt
    owner_nouns: frozenset[str]
    # outlet_work_nouns.txt
    outlet_work_nouns: frozenset[str]
    # carrying_adverbs.txt
    carrying_adverbs: frozenset[str]
    # shows.csv: folded show name -> its outlet
    shows: dict[str, str]
    # claim_synonyms.csv: a claim word -> the word it is compared as ("truce" -> "ceasefire")
    claim_synonyms: dict[str, str]
    # group_nouns.csv: the head noun of a group speaker -> the group it names (None: its
    # modifiers say, group_modifiers.csv); group_modifiers.csv: modifier -> group
    group_nouns: dict[str, str | None]
    group_modifiers: dict[str, str]
    # demonyms.csv: a nationality adjective -> its country ("russian" -> "Russia")
    demonyms: dict[str, str]


def _where(rows: Iterable[Row], column: str, key: str = "word") -> frozenset[str]:
    """The entries whose ``column`` is set."""
    return frozenset(row[key] for row in rows if row[column])


def _with_frame(verbs: Iterable[Row], frame: str) -> frozenset[str]:
    return frozenset(v["lemma"] for v in verbs if frame in v["frames"])


def _cue_forms(rows: Iterable[Row], use: str) -> dict[str, str]:
    return {row["form"]: row["lemma"] for row in rows if row["use"] in (use, "both")}


def _naming_outlets(rows: tuple[Row, ...]) -> tuple[Outlet, ...]:
    """The outlets naming reads, in file order, each with its naming aliases in file order."""
    naming = [r for r in rows if r["use"] != "detection"]
    return tuple(
        Outlet(name=own["name"], kind=own["kind"],
               aliases=tuple(r["name"] for r in naming if r["outlet"] == own["name"]))
        for own in naming if own["outlet"] is None
    )


def _by_kind(rows: Iterable[Row], kinds: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(kind, its words) in the order the kinds are tried."""
    rows = list(rows)
    return tuple((kind, tuple(r["word"] for r in rows if r["kind"] == kind)) for kind in kinds)


def _outlet_lead(preps: Iterable[Row], lead: str) -> frozenset[str]:
    """The prepositions that open an outlet's noun phrase after an outlet lead of
    the kind ``lead`` (verbs or nouns)."""
    return frozenset(p["word"] for p in preps if p["outlet_lead"] in (lead, "both"))


def _gendered(titles: Iterable[Row], people: Iterable[Row], gender: str) -> frozenset[str]:
    return frozenset([t["word"].lower() for t in titles if t["gender"] == gender]
                     + [p["word"] for p in people if p["gender"] == gender])


def build(tables: dict[str, tuple]) -> Words:
    """The lists the rules read, from the parsed files."""
    verbs, nouns, outlets = tables["verbs.csv"], tables["statement_nouns.csv"], tables["outlets.csv"]
    outlet_nouns, titles, people = tables["outlet_nouns.csv"], tables["titles.csv"], tables["people.csv"]
    orgs, descriptors = tables["organisations.csv"], tables["organisation_descriptors.csv"]
    pronouns, determiners, preps = tables["pronouns.csv"], tables["determiners.csv"], tables["prepositions.csv"]
    particles, anonymity = tables["name_particles.csv"], tables["anonymity.csv"]
    months, times = tables["months.csv"], tables["time_words.csv"]
    auxiliaries, openers = tables["auxiliaries.csv"], tables["adverbial_openers.csv"]
    work_titles = tables["work_titles.csv"]
    detection = [r for r in outlets if r["use"] != "naming"]
    full_months = [m for m in months if m["full"]]
    return Words(
        speech_verbs=_with_frame(verbs, "speech"),
        np_content_verbs=_with_frame(verbs, "np_content"),
        topic_verbs=_with_frame(verbs, "topic"),
        quoted_object_verbs=_with_frame(verbs, "quoted_object"),
        quote_only_cues=_with_frame(verbs, "quote_only"),
        quoted_as_verbs=_with_frame(verbs, "quoted_as"),
        reported_to_verbs=_with_frame(verbs, "reported_to"),
        tell_verbs=_with_frame(verbs, "tell"),
        question_verbs=_with_frame(verbs, "question"),
        no_clause_verbs=_with_frame(verbs, "no_clause"),
        anonymity_verbs=_with_frame(verbs, "anonymity"),
        reporting_participles=_with_frame(verbs, "speech") | _with_frame(verbs, "reporting"),
        outlet_leads=_with_frame(verbs, "outlet_lead"),
        cognition_verbs=_with_frame(verbs, "cognition"),
        infinitive_verbs=_with_frame(verbs, "infinitive"),
        addressee_verbs=_with_frame(verbs, "tell") | _with_frame(verbs, "addressee"),
        speaker_object_verbs=_with_frame(verbs, "speaker_object"),
        named_object_verbs=_with_frame(verbs, "named_object"),
        request_verbs=_with_frame(verbs, "request"),
        outlet_subject_verbs=_with_frame(verbs, "outlet_subject"),
        carrying_verbs=_with_frame(verbs, "carries"),
        verb_particles={v["lemma"]: v["particles"] for v in verbs if v["particles"]},
        outlet_governors=_with_frame(verbs, "outlet_governor") | _where(nouns, "outlet_governor"),
        headline_cues=_cue_forms(tables["cue_forms.csv"], "headline"),
        evaluation_forms={f.lower(): lemma for f, lemma in _cue_forms(tables["cue_forms.csv"], "evaluation").items()},
        speech_nouns=_where(nouns, "clause"),
        infinitive_speech_nouns=_where(nouns, "infinitive"),
        document_words=_where(nouns, "document"),
        outlet_lead_nouns=_where(nouns, "outlet_lead"),
        carrying_nouns=_where(nouns, "carries"),
        seed_outlets=tuple(r["name"] for r in detection),
        cased_outlets=_where(detection, "cased", key="name"),
        outlets=_naming_outlets(outlets),
        outlet_nouns=frozenset(r["word"] for r in outlet_nouns if r["use"] in ("detection", "both")),
        outlet_words=frozenset(r["word"] for r in outlet_nouns if r["use"] in ("naming", "both")),
        outlet_tails=tuple(r["word"] for r in sorted((r for r in outlet_nouns if r["tail"]), key=lambda r: r["tail"])),
        outlet_kind_words=_by_kind(outlet_nouns, OUTLET_KINDS),
        generic_outlet_words=frozenset(tables["generic_outlet_words.txt"]),
        title_words=frozenset(t["word"].lower() for t in titles if t["role"]),
        sentence_titles=_where(titles, "before_name"),
        split_dot_titles=frozenset(t["word"].removesuffix(".") for t in titles if t["split_dot"]),
        head_modifiers=frozenset(t["word"].lower() for t in titles if t["heads_org"]),
        female_words=_gendered(titles, people, "f"),
        male_words=_gendered(titles, people, "m"),
        press_nouns=_where(people, "press"),
        group_words=_where(people, "group"),
        source_words=_where(people, "source"),
        org_words=_where(orgs, "org"),
        organisation_kinds=_by_kind(orgs, ORGANISATION_KINDS),
        describing_suffixes=tuple(d["descriptor"] for d in descriptors if d["place"] == "before"),
        describing_tails=tuple(d["descriptor"] for d in descriptors if d["place"] == "after"),
        pronouns={p["word"]: p["refers_to"] for p in pronouns if p["speaker"]},
        possessives=_where(pronouns, "possessive"),
        own_clause_pronouns=_where(pronouns, "own_clause"),
        reflexive_pronouns=_where(pronouns, "reflexive"),
        determiners=frozenset(d["word"] for d in determiners),
        name_determiners=frozenset(d["word"] for d in determiners if not d["numeral"]),
        indefinite_determiners=_where(determiners, "indefinite"),
        topic_prepositions=_where(preps, "topic"),
        role_prepositions=_where(preps, "role"),
        locative_prepositions=tuple(p["word"] for p in preps if p["locative"]),
        head_end_prepositions=tuple(p["word"] for p in preps if p["head_end"]),
        np_content_prepositions=_where(preps, "np_content"),
        author_prepositions=_where(preps, "author"),
        verb_lead_prepositions=_outlet_lead(preps, "verbs"),
        noun_lead_prepositions=_outlet_lead(preps, "nouns"),
        name_particles=tuple(p["word"] for p in particles),
        folded_particles=_where(particles, "folded"),
        name_connectors=frozenset(tables["name_connectors.txt"]),
        anonymous_words=tuple(a["phrase"] for a in anonymity if not a["after_mention"]),
        anonymity_clauses=tuple(a["phrase"] for a in anonymity if a["after_mention"]),
        months={m["word"]: m["month"] for m in months},
        time_words=frozenset(t["word"] for t in times if not t["occasion"])
        | frozenset(m["word"] for m in full_months),
        occasion_words=_where(times, "occasion"),
        weekdays=_where(times, "weekday"),
        time_zones={z["zone"]: z["offset"] for z in tables["time_zones.csv"]},
        not_name_words=_where(times, "calendar") | frozenset(m["word"] for m in full_months if not m["name_word"]),
        clock_words=frozenset(tables["clock_words.txt"]),
        function_words=frozenset(tables["function_words.txt"]),
        auxiliaries=frozenset(a["word"] for a in auxiliaries),
        modals=_where(auxiliaries, "modal"),
        adverbial_openers=frozenset(o["word"] for o in openers),
        time_subordinators=_where(openers, "time"),
        attribution_openers=frozenset(tables["attribution_openers.txt"]),
        work_title_words=_where(work_titles, "inside"),
        work_title_leads=tuple(w["word"] for w in work_titles if w["before"]),
        agency_credits=frozenset(tables["agency_credits.txt"]),
        owner_nouns=frozenset(tables["owner_nouns.txt"]),
        outlet_work_nouns=frozenset(tables["outlet_work_nouns.txt"]),
        carrying_adverbs=frozenset(tables["carrying_adverbs.txt"]),
        shows={_show_key(r["show"]): r["outlet"] for r in tables["shows.csv"]},
        organisation_outlet_nouns=_where(outlet_nouns, "org_cased"),
        claim_synonyms={r["word"]: r["means"] for r in tables["claim_synonyms.csv"]},
        group_nouns={r["word"]: None if r["generic"] else (r["names"] or r["word"])
                     for r in tables["group_nouns.csv"]},
        group_modifiers={r["word"]: r["names"] for r in tables["group_modifiers.csv"]},
        demonyms={r["word"]: r["country"] for r in tables["demonyms.csv"]},
    )


def _show_key(name: str) -> str:
    """A show's name compared without case, marks or a leading "the"."""
    key = " ".join(re.sub(r"[^\w' ]+", " ", name.lower()).split())
    return key.removeprefix("the ")


def show_outlet(text: str) -> str | None:
    """The outlet of the broadcast show ``text`` names, or begins with ("This Week
    With George Stephanopoulos"), from shows.csv; else None."""
    small = {"the", "a", "an", "of", "and", "with", "on", "in", "to", "for", "&"}
    if not all(w[:1].isupper() or w[:1].isdigit() or w.lower() in small for w in text.split()):
        return None  # a title is capitalised: "this week" is no show
    key = _show_key(text)
    shows = words().shows
    if key in shows:
        return shows[key]
    return next((outlet for show, outlet in shows.items() if key.startswith(show + " ")), None)


def read_lexicon(folder: Traversable) -> Words:
    """The word lists of ``folder``, read now (no cache)."""
    return build(_parsed(str(folder), read_files(folder)))


@cache
def _folder() -> tuple[str, dict[str, bytes]]:
    """The lexicon folder and its files' bytes, read once per process."""
    folder = lexicon_dir()
    return str(folder), read_files(folder)


@cache
def words() -> Words:
    """The word lists of the lexicon folder (read once per process)."""
    return build(_parsed(*_folder()))


@cache
def lexicon_hash() -> str:
    """sha256 over the word-list files of the lexicon folder: their names and
    bytes, in name order. Part of the analysis version."""
    digest = hashlib.sha256()
    for name, data in sorted(_folder()[1].items()):
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


# --------------------------------------------------------------------------
# Look-ups over the lists
# --------------------------------------------------------------------------


def is_speech_verb(lemma: str) -> bool:
    return lemma.lower() in words().speech_verbs


@cache
def _seed_outlet_re() -> re.Pattern:
    """The well-known outlet names, longest first, as whole words (case ignored)."""
    names = sorted(words().seed_outlets, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])", re.IGNORECASE)


@cache
def _seed_forms() -> tuple[frozenset[str], frozenset[str]]:
    """(the names as written, the lower-cased names that count in any casing)."""
    lists = words()
    return frozenset(lists.seed_outlets), frozenset(n.lower() for n in lists.seed_outlets
                                                    if n not in lists.cased_outlets)


def seed_outlet_span(text: str) -> tuple[int, int] | None:
    """(start, end) of the first well-known outlet name in ``text``, or None.

    Short all-caps or common-word names ("AP", "Times": ``cased`` in
    outlets.csv) only count with the exact casing.
    """
    exact, any_case = _seed_forms()
    for m in _seed_outlet_re().finditer(text):
        if m.group() in exact or m.group().lower() in any_case:
            return m.start(), m.end()
    return None


def names_seed_outlet(text: str) -> bool:
    """Whether ``text`` contains a well-known outlet name (word-bounded)."""
    return seed_outlet_span(text) is not None


# the endings a regular form of a speech verb adds to its lemma, tried in order
_SUFFIXES = (("ied", "y"), ("ies", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", ""),
             ("s", ""), ("d", ""))


def speech_lemma_of(word: str) -> str | None:
    """Guess the speech-verb lemma of an inflected form ("said" -> "say"); None if
    not one. For reading cues in gold annotations (evaluation)."""
    lists = words()
    w = word.lower().strip(".,:;\"'“”‘’")
    if w in lists.evaluation_forms:
        return lists.evaluation_forms[w]
    if w in lists.speech_verbs:
        return w
    for suffix, repl in _SUFFIXES:
        if w.endswith(suffix):
            stem = w[: -len(suffix)] + repl
            if stem in lists.speech_verbs:
                return stem
            if len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in lists.speech_verbs:
                return stem[:-1]
    return None
