"""Times of day, their zones and publication instants.

A time is read with the zone written next to it (``Z``, ``+03:00``, an
abbreviation of the lexicon's time_zones.csv) and, with a known zone, moved
to UTC; without one it stays as written (precision ``time-local``). The same
functions read a time stated in an article's text (:mod:`.infer`), in the
sidecar's cells (:mod:`.sidecar`), in a record's ``date`` field (:mod:`.fields`)
and in a page's markup (:mod:`.page`), so that every format gives one form:
``YYYY-MM-DD`` (precision ``day``), ``YYYY-MM-DDTHH:MM:SS+00:00`` (``time``)
or ``YYYY-MM-DDTHH:MM:SS`` (``time-local``).
"""

from __future__ import annotations

import datetime as dt
import re

import attrs

from .. import lexicon
from ..errors import ArticleError

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


def offset(value: str) -> dt.timezone | None:
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
        return offset(m["num"])
    zone = lexicon.words().time_zones.get(m["abbr"].lower())
    if zone is None or not m["off"]:
        return zone
    # "UTC+3": an offset counts only after a zone that is UTC itself
    if isinstance(zone, dt.timezone) and zone.utcoffset(None) == dt.timedelta(0):
        return offset(m["off"])
    return None


def stamp_at(text: str, pos: int, any_case: bool = False) -> Stamp | None:
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


def stamp_after(line: str, end: int) -> Stamp | None:
    """The time right after a date that ends at ``end`` of ``line``."""
    gap = _AFTER_DATE_RE.match(line, end)
    return stamp_at(line, gap.end()) if gap else None


def _stamp_before(line: str, start: int) -> Stamp | None:
    """The time right before a date that starts at ``start`` of ``line``, with
    maybe a separator and the day of the week between."""
    for m in reversed(list(re.finditer(r"\d", line[:start]))):
        stamp = stamp_at(line, m.start())
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


def stamp_of(line: str, start: int, end: int) -> Stamp | None:
    """The time written with the date at ``start:end`` of ``line``: after it, or else before it."""
    return stamp_after(line, end) or _stamp_before(line, start)


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



# the sidecar's date: YYYY-MM-DD, or an ISO 8601 date and time
# an ISO 8601 date, or date and time, with an optional zone
_ISO_RE = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)"
    r"(?:T(?P<h>\d\d):(?P<min>\d\d)(?::(?P<s>\d\d)(?:[.,]\d+)?)?(?P<zone>Z|[+-]\d\d(?::?\d\d)?)?)?"
)
ISO_FORMS = "YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] with an optional Z or ±HH:MM"
_TIME_FORMS = "HH:MM[:SS] or a 12-hour time (2:30 pm), with an optional zone (UTC, +03:00, EST)"


@attrs.frozen
class When:
    """A date as an ISO 8601 value gives it: the day as written and the time
    written with it (None for a day alone)."""

    day: str
    stamp: Stamp | None


def iso_when(value: str) -> When | None:
    """The day and time of an ISO 8601 date or date and time (``2016-12-08``,
    ``2016-12-08T14:30:00Z``, ``2016-12-08T14:30:00.000+03:00``); None when it is
    not one (or names a day or time that does not exist)."""
    m = _ISO_RE.fullmatch(value.strip())
    if not m:
        return None
    try:
        day = dt.date(int(m["y"]), int(m["m"]), int(m["d"])).isoformat()
    except ValueError:
        return None
    if m["h"] is None:
        return When(day, None)
    zone = None
    if m["zone"]:
        zone = dt.timezone.utc if m["zone"] == "Z" else offset(m["zone"])
        if zone is None:
            return None
    if int(m["h"]) > 23 or int(m["min"]) > 59 or int(m["s"] or 0) > 59:
        return None
    return When(day, Stamp(dt.time(int(m["h"]), int(m["min"]), int(m["s"] or 0)), zone, len(value)))


def date_fields(date: str, time: str, where: str, name: str) -> dict[str, str]:
    """The ``date``, ``published`` and ``date_precision`` of a date and a time as
    metadata gives them (a sidecar row's cells, a record's fields: ``where`` is the
    file and line, ``name`` the article); {} without a date. A bad value is an
    :class:`ArticleError` naming both."""
    if not date:
        if time:
            raise ArticleError(f"{where}: time {time!r} for {name} needs a date in the date column")
        return {}
    when = iso_when(date)
    if when is None:
        raise ArticleError(f"{where}: date {date!r} for {name} is not {ISO_FORMS}")
    stamp = when.stamp
    if stamp is not None and time:
        raise ArticleError(f"{where}: {name} has a time both in its date ({date!r}) "
                           f"and in the time column ({time!r}); give it once")
    if stamp is None and time:
        stamp = time_stamp(time, where, name)
    value, precision = to_published(when.day, stamp)
    return {"date": when.day, "published": value, "date_precision": precision}


def time_stamp(time: str, where: str, name: str) -> Stamp:
    """A time column's value: a time of day, maybe with its zone (any case)."""
    stamp = stamp_at(time, 0, any_case=True)
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


def utc_instant(value: str) -> str | None:
    """An ISO 8601 date and time with its zone (a WARC-Date) in UTC, as
    ``YYYY-MM-DDTHH:MM:SS+00:00``; None when it is not one."""
    when = iso_when(value)
    if when is None or when.stamp is None or when.stamp.zone is None:
        return None
    published, _ = to_published(when.day, when.stamp)
    return published
