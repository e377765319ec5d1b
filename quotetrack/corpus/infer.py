"""What an article's text itself says of its title, date and publisher.

Where no sidecar, record or page gives a value, the title, date and publisher
are inferred from what the text states (a headline, a "Source:" or "By:" line,
an outlet-and-date line, a "(Reuters)" dateline) and left empty when the text
does not state them. Nothing is invented.

Besides the day (``date``), an article gets ``published``: the day, or the
day and time, in ISO 8601, with ``date_precision`` saying which. A time given
with its zone (``14:30 UTC``, ``+03:00``, ``EST``: time_zones.csv) is moved to
UTC (``2016-12-08T14:30:00+00:00``, precision ``time``); a time without one
stays as written, with no offset (``2016-12-05T20:06:00``, ``time-local``).
A time is only ever read next to the date it belongs to, on that date's line
(:mod:`.when`).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from .. import lexicon
from .when import Stamp, stamp_after, stamp_of, to_published

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
# "BEIRUT (Reuters) -" datelines
_DATELINE_RE = re.compile(r"^[A-Z][A-Z .,/'-]{1,40}\((?P<outlet>[A-Z][\w ]{1,30})\)\s*[-–—]", re.M)


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
        stamp = stamp_after(header, outlet_date.end("date"))
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
        stamp = stamp_after(header, m.end("date"))
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
    return start, date, stamp_of(line, m.start(), m.end())


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
