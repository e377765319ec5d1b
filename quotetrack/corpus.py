"""Reading a corpus: a folder of UTF-8 ``.txt`` articles, with optional metadata.

Metadata per article comes from a sidecar ``articles.csv`` in the corpus folder
(columns ``file,title,publisher,date,time,url``; every column but ``file``
optional, empty cells mean "unknown"). Where the sidecar gives no value, the
title, date and publisher are inferred from what the text itself states (a
headline, a "Source:" or "By:" line, an outlet-and-date line, a "(Reuters)"
dateline) and left empty when the text does not state them. Nothing is invented.

Besides the day (``date``), an article gets ``published``: the day, or the
day and time, in ISO 8601, with ``date_precision`` saying which. A time given
with its zone (``14:30 UTC``, ``+03:00``, ``EST``: time_zones.csv) is moved to
UTC (``2016-12-08T14:30:00+00:00``, precision ``time``); a time without one
stays as written, with no offset (``2016-12-05T20:06:00``, ``time-local``).
A time is only ever read next to the date it belongs to, on that date's line.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
from functools import cache
from pathlib import Path

import attrs

from . import lexicon
from .errors import ArticleError
from .records import Article

MAX_ARTICLE_BYTES = 2_000_000  # larger files are rejected as "too large"
SIDECAR = "articles.csv"
SIDECAR_FIELDS = ("title", "publisher", "date", "url")  # the sidecar's columns that are Article fields
SIDECAR_COLUMNS = ("title", "publisher", "date", "time", "url")  # ... and "time", read with "date"
HEADER_LINES = 12  # lines at the top of an article searched for title, date, outlet
DATE_LINE_MAX = 60  # a date line is short: longer lines are sentences or captions


@cache
def _month_re() -> str:
    """The month names and abbreviations of months.csv, longest first."""
    return "|".join(map(re.escape, sorted(lexicon.words().months, key=len, reverse=True)))


@cache
def _date_patterns() -> tuple[re.Pattern, ...]:
    months = _month_re()
    return (
        # 08 Dec 2016 / 8 December 2016 / 05/December/2016
        re.compile(rf"\b(?P<d>\d{{1,2}})[ /.-](?P<m>{months})\.?[ /.-](?P<y>(?:19|20)\d\d)\b", re.I),
        # December 8, 2016
        re.compile(rf"\b(?P<m>{months})\.? (?P<d>\d{{1,2}}),? (?P<y>(?:19|20)\d\d)\b", re.I),
        # 09.12.2016 (day first, as European sites print it)
        re.compile(r"\b(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d\d)\b"),
        # 2016-12-08, also as the date of 2016-12-08T14:30:00Z
        re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?:\b|(?=T\d))"),
        # 08/12/2016: day first, as with the dots, unless only the second number can
        # be a day (12/25/2016, the American order): see _to_iso
        re.compile(r"\b(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>(?:19|20)\d\d)\b"),
    )


# "Source: Al Jazeera, News Agencies" / "Kaynak/Source: ..." / "By: Times News Service"
_CREDIT_RE = re.compile(r"^(?:[\w/]*Source|By)\s*:\s*(?P<outlet>\S.*?)\s*$", re.I | re.M)
# "MEE and agencies's picture" / "Reuters and agencies"
_AGENCIES_RE = re.compile(r"^(?P<outlet>[A-Z][\w.&' -]*?) and agencies\b", re.M)


@cache
def _outlet_date_re() -> re.Pattern:
    """"Al Jazeera, 08 Dec 2016": an outlet line that carries the date (and maybe
    its time: the ``tail`` must then be a time, see :func:`_outlet_date`)."""
    return re.compile(
        rf"^(?P<outlet>[A-Z][\w.&' -]{{1,40}}), (?P<date>\d{{1,2}} (?:{_month_re()})\w* (?:19|20)\d\d)"
        rf"(?P<tail>[^\n]*)$",
        re.I | re.M,
    )


# --------------------------------------------------------------------------
# Times of day and their zones
# --------------------------------------------------------------------------

# 14:30, 14:30:05(.123), 2:30 p.m., 2 pm, 20:06 PM (an hour alone needs am/pm:
# see _clock); never the tail of a longer number or time
_CLOCK = (r"(?<![\d:.])(?P<h>\d{1,2})(?::(?P<min>\d\d)(?::(?P<s>\d\d)(?:[.,]\d+)?)?)?"
          r"(?:[ \t]?(?P<ampm>[AaPp])\.?[ \t]?[Mm](?![A-Za-z])\.?)?(?!\d|:\d)")
_CLOCK_RE = re.compile(_CLOCK)
# the zone right after a time: Z (ISO 8601), an offset (+03:00, +0300, -05), or an
# abbreviation of time_zones.csv, maybe with an offset from UTC/GMT (UTC+3, GMT+05:30);
# in a text the abbreviation is in capitals, in a sidecar cell any case (re.I)
_ZONE = (r"(?P<z>Z)(?![\w+-])|[ \t]?\(?(?:(?P<num>[+-]\d\d(?::?\d\d)?)"
         r"|(?P<abbr>[A-Z]{1,5})(?:[ \t]?(?P<off>[+-]\d{1,2}(?::?\d\d)?))?)\)?(?![\w+-])")
_ZONE_RE = re.compile(_ZONE)
_ZONE_ANY_CASE_RE = re.compile(_ZONE, re.I)
# between a date and the time after it: "8 December 2016 14:30", ", 14:30", " at
# 14:30", " - 14:30", "2016-12-08T14:30"
_AFTER_DATE_RE = re.compile(r"T(?=\d)|[ \t]*(?:[,|·•@–—-]|at(?=[ \t]))?[ \t]*")
# between a time and the date after it: "10:42 AM EST, Thu December 8, 2016"
_BEFORE_DATE_RE = re.compile(r"[ \t]*(?:[,|·•–—-]|on(?=[ \t]))?[ \t]*(?:(?P<day>[A-Za-z]{3,9})\.?,?[ \t]+)?")


@attrs.frozen
class Stamp:
    """A time of day as written, its zone (None when not given or not known), and
    where it ends in the text it was read from."""

    clock: dt.time
    zone: dt.tzinfo | None
    end: int


def _clock(m: re.Match) -> dt.time | None:
    """The time of day of a :data:`_CLOCK` match, or None when it is no time.

    The 12-hour clock: 12:xx am is 00:xx, 12:xx pm is 12:xx, 1-11 pm add 12.
    An hour of 13-23 with "PM" ("20:06 PM", as Times News Service prints it)
    is read on the 24-hour clock: the hour says when, the "PM" only agrees with
    it. An hour of 13-23 with "AM", or 0 with "PM", contradicts itself and is no
    time; so is an hour alone without am/pm ("12 people").
    """
    hour, minute, second = int(m["h"]), int(m["min"] or 0), int(m["s"] or 0)
    if m["min"] is None and not m["ampm"]:
        return None
    if m["ampm"]:
        pm = m["ampm"].lower() == "p"
        if 1 <= hour <= 12:
            hour = hour % 12 + (12 if pm else 0)
        elif (hour == 0 and pm) or (hour > 12 and not pm):
            return None
    if hour > 23 or minute > 59 or second > 59:
        return None
    return dt.time(hour, minute, second)


def _offset(value: str) -> dt.timezone | None:
    """+03:00, +0300, +3, -05 as a fixed zone; None when out of range."""
    m = re.fullmatch(r"([+-])(\d{1,2})(?::?(\d\d))?", value)
    if not m or int(m[2]) > 23 or int(m[3] or 0) > 59:
        return None
    delta = dt.timedelta(hours=int(m[2]), minutes=int(m[3] or 0))
    return dt.timezone(-delta if m[1] == "-" else delta)


def _zone_of(m: re.Match) -> dt.tzinfo | None:
    """The zone a :data:`_ZONE` match names, or None when it names none that is known."""
    if m["z"]:
        return dt.timezone.utc
    if m["num"]:
        return _offset(m["num"])
    zone = lexicon.words().time_zones.get(m["abbr"].lower())
    if zone is None or not m["off"]:
        return zone
    # "UTC+3": an offset counts only after a zone that is UTC itself
    if isinstance(zone, dt.timezone) and zone.utcoffset(None) == dt.timedelta(0):
        return _offset(m["off"])
    return None


def _stamp_at(text: str, pos: int, any_case: bool = False) -> Stamp | None:
    """The time (and its zone) that starts at ``pos`` of ``text``, or None."""
    m = _CLOCK_RE.match(text, pos)
    clock = _clock(m) if m else None
    if clock is None:
        return None
    zone, end = None, m.end()
    z = (_ZONE_ANY_CASE_RE if any_case else _ZONE_RE).match(text, end)
    if z and _zone_of(z) is not None:
        zone, end = _zone_of(z), z.end()
    return Stamp(clock, zone, end)


def _stamp_after(line: str, end: int) -> Stamp | None:
    """The time right after a date that ends at ``end`` of ``line``."""
    gap = _AFTER_DATE_RE.match(line, end)
    return _stamp_at(line, gap.end()) if gap else None


def _stamp_before(line: str, start: int) -> Stamp | None:
    """The time right before a date that starts at ``start`` of ``line``, with
    maybe a separator and the day of the week between."""
    for m in reversed(list(re.finditer(r"\d", line[:start]))):
        stamp = _stamp_at(line, m.start())
        if stamp is None or stamp.end > start:
            continue
        gap = _BEFORE_DATE_RE.fullmatch(line, stamp.end, start)
        if gap and (not gap["day"] or _is_weekday(gap["day"])):
            return stamp
    return None


def _is_weekday(word: str) -> bool:
    """A day of the week written out or cut to its first letters (three or more)."""
    word = word.lower()
    return any(day.startswith(word) for day in lexicon.words().weekdays)


def _stamp_of(line: str, start: int, end: int) -> Stamp | None:
    """The time written with the date at ``start:end`` of ``line``: after it, or else before it."""
    return _stamp_after(line, end) or _stamp_before(line, start)


def to_published(day: str, stamp: Stamp | None) -> tuple[str, str]:
    """``(published, date_precision)`` of a day (YYYY-MM-DD) and the time written with it.

    A time with its zone is moved to UTC, and may land on another day than
    ``day`` (23:30 EST on 8 December is 04:30 UTC on the 9th); a time whose
    zone is unknown stays as written, without an offset. Seconds are always
    written (``:00`` where none were given), so that values of one precision
    sort as strings in time order.
    """
    if stamp is None:
        return day, "day"
    local = dt.datetime.combine(dt.date.fromisoformat(day), stamp.clock)
    if stamp.zone is None:
        return local.isoformat(timespec="seconds"), "time-local"
    # an IANA zone (ET) takes the offset the date has; a local time that occurs twice
    # (when the clocks go back) is read as the first of the two (fold=0)
    utc = local.replace(tzinfo=stamp.zone).astimezone(dt.timezone.utc)
    return utc.isoformat(timespec="seconds"), "time"


# "BEIRUT (Reuters) -" datelines
_DATELINE_RE = re.compile(r"^[A-Z][A-Z .,/'-]{1,40}\((?P<outlet>[A-Z][\w ]{1,30})\)\s*[-–—]", re.M)


def article_paths(folder: str | Path) -> list[Path]:
    """The article files (``*.txt``) of ``folder``, sorted; an error when there are none."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ArticleError(f"{folder}: not a directory")
    paths = sorted(p for p in folder.iterdir() if p.suffix == ".txt" and p.is_file())
    if not paths:
        raise ArticleError(f"{folder}: no articles (*.txt files) in this directory")
    return paths


def read_corpus(folder: str | Path) -> tuple[list[Article], list[ArticleError]]:
    """Read every ``*.txt`` file of ``folder``.

    Returns the articles that could be read and one :class:`ArticleError` for
    each file that could not: a bad file never stops the others.
    """
    folder = Path(folder)
    paths = article_paths(folder)
    sidecar = read_sidecar(folder / SIDECAR)
    articles, errors = [], []
    for path in paths:
        try:
            articles.append(read_article(path, sidecar.get(path.name, {})))
        except ArticleError as error:
            errors.append(error)
    return articles, errors


def read_sidecar(path: Path) -> dict[str, dict[str, str]]:
    """The ``articles.csv`` metadata, keyed by file name ({} when absent)."""
    if not path.exists():
        return {}
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            if not reader.fieldnames or "file" not in reader.fieldnames:
                raise ArticleError(f"{path}: metadata sidecar needs a 'file' column")
            unknown = set(reader.fieldnames) - {"file", *SIDECAR_COLUMNS}
            if unknown:
                raise ArticleError(
                    f"{path}: unknown metadata columns {sorted(unknown)}; "
                    f"allowed: file, {', '.join(SIDECAR_COLUMNS)}"
                )
            rows = {}
            for row in reader:
                values = {k: (row.get(k) or "").strip() for k in SIDECAR_COLUMNS}
                where = f"{path}: line {reader.line_num}"
                values |= _sidecar_when(values.pop("date"), values.pop("time"), where, row["file"])
                rows[row["file"]] = {k: v for k, v in values.items() if v}
            return rows
    except UnicodeDecodeError as e:
        raise ArticleError(f"{path}: metadata sidecar is not valid UTF-8 ({e.reason})") from e
    except csv.Error as e:
        raise ArticleError(f"{path}: metadata sidecar is not valid CSV ({e})") from e


# the sidecar's date: YYYY-MM-DD, or an ISO 8601 date and time
_ISO_RE = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)"
    r"(?:T(?P<h>\d\d):(?P<min>\d\d)(?::(?P<s>\d\d)(?:\.\d+)?)?(?P<zone>Z|[+-]\d\d(?::?\d\d)?)?)?"
)
_ISO_FORMS = "YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] with an optional Z or ±HH:MM"
_TIME_FORMS = "HH:MM[:SS] or a 12-hour time (2:30 pm), with an optional zone (UTC, +03:00, EST)"


def _sidecar_when(date: str, time: str, where: str, name: str) -> dict[str, str]:
    """The ``date``, ``published`` and ``date_precision`` of a sidecar row's date
    and time cells (``where`` is the file and line); {} without a date."""
    if not date:
        if time:
            raise ArticleError(f"{where}: time {time!r} for {name} needs a date in the date column")
        return {}
    m = _ISO_RE.fullmatch(date)
    try:
        day = dt.date(int(m["y"]), int(m["m"]), int(m["d"])).isoformat() if m else None
    except ValueError:
        day = None
    if day is None:
        raise ArticleError(f"{where}: date {date!r} for {name} is not {_ISO_FORMS}")
    stamp = None
    if m["h"] is not None:
        if time:
            raise ArticleError(f"{where}: {name} has a time both in its date ({date!r}) "
                               f"and in the time column ({time!r}); give it once")
        zone = None
        if m["zone"]:
            zone = dt.timezone.utc if m["zone"] == "Z" else _offset(m["zone"])
        if int(m["h"]) > 23 or int(m["min"]) > 59 or int(m["s"] or 0) > 59 or (m["zone"] and zone is None):
            raise ArticleError(f"{where}: date {date!r} for {name} is not {_ISO_FORMS}")
        stamp = Stamp(dt.time(int(m["h"]), int(m["min"]), int(m["s"] or 0)), zone, len(date))
    elif time:
        stamp = _sidecar_time(time, where, name)
    value, precision = to_published(day, stamp)
    return {"date": day, "published": value, "date_precision": precision}


def _sidecar_time(time: str, where: str, name: str) -> Stamp:
    """The time column's value: a time of day, maybe with its zone (any case)."""
    stamp = _stamp_at(time, 0, any_case=True)
    if stamp is None:
        raise ArticleError(f"{where}: time {time!r} for {name} is not {_TIME_FORMS}")
    rest = time[stamp.end:].strip()
    if rest:
        zone = re.fullmatch(r"\(?([A-Za-z]{1,5})\)?", rest)
        if zone and stamp.zone is None:
            raise ArticleError(f"{where}: time {time!r} for {name}: unknown time zone {zone[1]!r} "
                               f"(the known abbreviations are in the lexicon's time_zones.csv)")
        raise ArticleError(f"{where}: time {time!r} for {name} is not {_TIME_FORMS}")
    return stamp


def decode_article(path: Path) -> str:
    """The text of an article file, or an :class:`ArticleError` saying why not."""
    try:
        size = path.stat().st_size
    except OSError as e:
        raise ArticleError(f"{path}: cannot read ({e.strerror})") from e
    if size > MAX_ARTICLE_BYTES:
        raise ArticleError(
            f"{path}: too large ({size:,} bytes; the limit is {MAX_ARTICLE_BYTES:,} bytes a file)"
        )
    data = path.read_bytes()
    if b"\x00" in data:
        raise ArticleError(f"{path}: binary file (contains NUL bytes), not a text article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ArticleError(
            f"{path}: not valid UTF-8 (byte {e.start}: {e.reason}); save the file as UTF-8"
        ) from e
    if not text.strip():
        raise ArticleError(f"{path}: empty file")
    return text


def read_article(path: str | Path, metadata: dict[str, str] | None = None) -> Article:
    """Read one article; ``metadata`` (from the sidecar) wins over inference."""
    path = Path(path)
    text = decode_article(path)
    inferred = infer_metadata(text)
    metadata = metadata or {}
    values, provenance = {}, {}
    for field in SIDECAR_FIELDS:
        if metadata.get(field):
            values[field], provenance[field] = metadata[field], "sidecar"
        elif inferred.get(field):
            values[field], provenance[field] = inferred[field], "text"
    when = _published_of(metadata, inferred)
    if when:
        values["published"], values["date_precision"], provenance["published"] = when
    publisher_span = inferred.get("publisher_span") if provenance.get("publisher") == "text" else None
    return Article(
        doc=path.name,
        path=str(path),
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        provenance=provenance,
        publisher_span=publisher_span,
        **values,
    )


def _published_of(metadata: dict[str, str], inferred: dict) -> tuple[str, str, str] | None:
    """``(published, date_precision, provenance)`` of an article: the sidecar's when
    it gives a date, the text's when it does not. A sidecar date without a time
    takes the time the text gives with that same day (the text's date as
    written), which is then where ``published`` came from."""
    if metadata.get("date"):
        if metadata.get("published") and metadata.get("date_precision") != "day":
            return metadata["published"], metadata["date_precision"], "sidecar"
        if inferred.get("date") == metadata["date"] and inferred.get("date_precision", "day") != "day":
            return inferred["published"], inferred["date_precision"], "text"
        return metadata["date"], "day", "sidecar"
    if inferred.get("published"):
        return inferred["published"], inferred["date_precision"], "text"
    return None


def infer_metadata(text: str) -> dict:
    """Title, date (and ``published``, ``date_precision``) and publisher as the
    text states them; absent keys are unknown."""
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text)]
    lines = [(start, line) for start, line in lines if line.strip()]
    found: dict = {}
    if lines:
        found["title"] = lines[0][1].strip()
    if lines:
        last_start, last_line = lines[min(HEADER_LINES, len(lines)) - 1]
        header = text[: last_start + len(last_line)]
    else:
        header = ""

    stamp = None
    outlet_date = _outlet_date(header)
    if outlet_date:
        found["date"] = parse_date(outlet_date.group("date"))
        stamp = _stamp_after(header, outlet_date.end("date"))
        _set_publisher(found, outlet_date, "outlet")
    if "date" not in found or found["date"] is None:
        hit = _first_date_hit(header)
        found["date"], stamp = (hit[1], hit[2]) if hit else (None, None)
    if found["date"]:
        # ``date`` stays the day as the article writes it; ``published`` is the
        # instant, in UTC where the zone is known, and may fall on the day after or
        # before (23:30 EST on the 8th is 04:30 UTC on the 9th)
        found["published"], found["date_precision"] = to_published(found["date"], stamp)
    for match in (_CREDIT_RE.search(text), _AGENCIES_RE.search(header), _DATELINE_RE.search(header)):
        if match and "publisher" not in found:
            _set_publisher(found, match, "outlet")
    return {k: v for k, v in found.items() if v is not None}


def _set_publisher(found: dict, match: re.Match, group: str) -> None:
    # "Al Jazeera, News Agencies": the publisher is the first credited outlet
    name = re.split(r",| and | & ", match.group(group))[0].strip()
    if "publisher" in found or not name or name.lower() in lexicon.words().agency_credits:
        return
    start = match.start(group)
    found["publisher"] = name
    found["publisher_span"] = (start, start + len(name))


def _outlet_date(header: str) -> re.Match | None:
    """The first outlet-and-date line: nothing after the date but maybe its time."""
    for m in _outlet_date_re().finditer(header):
        if not m["tail"].strip():
            return m
        stamp = _stamp_after(header, m.end("date"))
        if stamp and not header[stamp.end:m.end("tail")].strip():
            return m
    return None


def _first_date(header: str) -> str | None:
    """The first date standing on a short line of its own (a date line, not a
    sentence or photo caption that mentions a date)."""
    hit = _first_date_hit(header)
    return hit[1] if hit else None


def _first_date_hit(header: str) -> tuple[int, str, Stamp | None] | None:
    """(offset, date, the time written with it) of :func:`_first_date`'s date."""
    hits = []
    for line in re.finditer(r"[^\n]+", header):
        if len(line.group().strip()) > DATE_LINE_MAX:
            continue
        for pattern in _date_patterns():
            for m in pattern.finditer(line.group()):
                date = _to_iso(m)
                if date:
                    hits.append((line.start() + m.start(), date, line.group(), m))
    if not hits:
        return None
    start, date, line, m = min(hits, key=lambda hit: hit[:2])
    return start, date, _stamp_of(line, m.start(), m.end())


def parse_date(value: str) -> str | None:
    """An ISO date from one of the date forms news sites print, else None."""
    for pattern in _date_patterns():
        m = pattern.search(value)
        if m and _to_iso(m):
            return _to_iso(m)
    return None


def _to_iso(m: re.Match) -> str | None:
    month, day = m.group("m"), int(m.group("d"))
    month = int(month) if month.isdigit() else lexicon.words().months[month.lower().rstrip(".")]
    if "/" in m.group() and month > 12 >= day:  # 12/25/2016: the month first
        month, day = day, month
    try:
        return dt.date(int(m.group("y")), month, day).isoformat()
    except ValueError:
        return None
