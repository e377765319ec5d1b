"""How often each extraction rule is right, as measured: the confidence of its
quotes, and which quotes the site leaves out of its default views because of it.

A quote's *precision class* is its rule when its speaker was found; a quote
with no speaker is classed by its kind alone (``indirect, no speaker``): those
are few per rule, and wrong far more often than the same rule's quotes with a
speaker. The figures are measured on PolNeAR (``quotetrack evaluate polnear
--split train+dev --rules-csv``; train less the untouched slice; the reference
scorer's way: a quote matched to a speech attribution is right, one matched to
none is wrong, one matched to a non-speech attribution is not counted) and
kept in ``quotetrack/data/rule_precision.csv``, the one source of both:

* a quote's **confidence** is its class's measured precision, calibrated
  (:func:`confidence_of`): 0.8 means about four quotes in five right. A class
  counts as if it had :data:`PRIOR_QUOTES` more quotes, right as often as its
  *family*'s (the classes of its kind with a speaker, or all classes without
  one): a class measured on few quotes falls back to its family.
* a class whose confidence is below :data:`HIDE_BELOW` is **hidden** from the
  default views, with the figure as the reason; nothing is deleted.

``quotetrack evaluate polnear`` prints a reliability table (confidence against
the precision measured, by bins) to check the calibration on other articles.
"""

from __future__ import annotations

import csv
import hashlib
import io
from functools import cache
from importlib import resources

import attrs

from ..errors import QuotetrackError
from ..records import Quote

#: a class whose confidence is below this (one quote in four wrong, or worse)
#: is hidden from the default views
HIDE_BELOW = 0.75
#: a class's figure counts as if it had this many more quotes, right as often as its family's
PRIOR_QUOTES = 10
DATA_FILE = "rule_precision.csv"
COLUMNS = ("class", "right", "wrong", "not_speech", "measured_on")
NO_SPEAKER = "no speaker"  # the family of the classes of quotes without a speaker


@attrs.frozen(kw_only=True)
class Measured:
    """One precision class's counts on the data it was measured on."""

    name: str
    right: int = attrs.field(validator=attrs.validators.ge(0))
    wrong: int = attrs.field(validator=attrs.validators.ge(0))
    not_speech: int = attrs.field(default=0, validator=attrs.validators.ge(0))
    measured_on: str = ""

    @property
    def counted(self) -> int:
        return self.right + self.wrong

    @property
    def precision(self) -> float | None:
        return self.right / self.counted if self.counted else None


@attrs.frozen
class Calibrated:
    """A class's confidence, and what it was calibrated on."""

    name: str
    confidence: float
    measured: Measured  # the class's own counts (zero when never measured)
    family: str

    @property
    def hidden(self) -> str | None:
        """Why quotes of this class are hidden from the default views, or None."""
        if self.confidence >= HIDE_BELOW:
            return None
        m = self.measured
        basis = (f"{m.right} of {m.counted} on {m.measured_on}" if m.counted
                 else f"the figure of its family, {self.family}: never measured on its own")
        return f"{self.name}: {self.confidence:.0%} right ({basis}), below {HIDE_BELOW:.0%}"


def class_of(rule: str, kind: str, has_speaker: bool) -> str:
    """The precision class of a quote of ``rule`` and ``kind``."""
    return rule if has_speaker else f"{kind}, {NO_SPEAKER}"


def precision_class(quote: Quote) -> str:
    """The class a quote's precision is measured in."""
    return class_of(quote.rule, quote.kind, quote.speaker is not None)


def family_of(name: str) -> str:
    """A class's family: ``no speaker`` for the classes without a speaker, else
    the kind its rule makes (``mixed:`` and ``direct:`` rules say theirs; the
    others, ``according-to`` included, make indirect quotes)."""
    if name.endswith(f", {NO_SPEAKER}"):
        return NO_SPEAKER
    head = name.split(":", 1)[0]
    return head if head in ("direct", "mixed") else "indirect"


def _pooled(table: dict[str, Measured], family: str | None) -> tuple[int, int]:
    """(right, counted) over the classes of ``family`` (None: all)."""
    ms = [m for m in table.values() if family is None or family_of(m.name) == family]
    return sum(m.right for m in ms), sum(m.counted for m in ms)


def calibrated(name: str, table: dict[str, Measured] | None = None) -> Calibrated:
    """The confidence of class ``name``: (right + PRIOR_QUOTES x the family's
    precision) / (counted + PRIOR_QUOTES); a family never measured takes the
    precision of all classes together."""
    table = measured() if table is None else table
    family = family_of(name)
    right, counted = _pooled(table, family)
    if counted == 0:
        right, counted = _pooled(table, None)
    if counted == 0:
        raise QuotetrackError(f"quotetrack/data/{DATA_FILE}: no class has a counted quote; "
                              "measure them with `quotetrack evaluate polnear --split train+dev --rules-csv`")
    prior = right / counted
    m = table.get(name) or Measured(name=name, right=0, wrong=0)
    return Calibrated(name=name, confidence=(m.right + PRIOR_QUOTES * prior) / (m.counted + PRIOR_QUOTES),
                      measured=m, family=family)


@cache
def _shipped_confidence(name: str) -> float:
    return round(calibrated(name).confidence, 3)


def confidence_of(rule: str, kind: str, has_speaker: bool) -> float:
    """The calibrated confidence of a quote of ``rule`` and ``kind`` (the shipped
    measurements, to three decimals)."""
    return _shipped_confidence(class_of(rule, kind, has_speaker))


def read_measured(text: str, source: str = DATA_FILE) -> dict[str, Measured]:
    """Class -> :class:`Measured` from the CSV ``text``; a malformed file is an
    error naming ``source`` and the line."""
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None or tuple(reader.fieldnames) != COLUMNS:
        raise QuotetrackError(f"{source}: the header must be {','.join(COLUMNS)}")
    table: dict[str, Measured] = {}
    for line, row in enumerate(reader, start=2):
        try:
            measured = Measured(name=row["class"], right=int(row["right"]), wrong=int(row["wrong"]),
                                not_speech=int(row["not_speech"]), measured_on=row["measured_on"])
        except (TypeError, ValueError) as error:
            raise QuotetrackError(f"{source}: line {line}: {error}") from None
        if measured.name in table:
            raise QuotetrackError(f"{source}: line {line}: {measured.name} is listed twice")
        table[measured.name] = measured
    return table


def measured_csv(table: dict[str, Measured]) -> str:
    """The CSV of ``table`` (what :func:`read_measured` reads)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for m in sorted(table.values(), key=lambda m: m.name):
        writer.writerow([m.name, m.right, m.wrong, m.not_speech, m.measured_on])
    return out.getvalue()


def _shipped() -> bytes:
    return (resources.files("quotetrack") / "data" / DATA_FILE).read_bytes()


@cache
def measured() -> dict[str, Measured]:
    """The shipped measurements."""
    return read_measured(_shipped().decode("utf-8"), f"quotetrack/data/{DATA_FILE}")


@cache
def measured_hash() -> str:
    """The sha256 of the shipped measurements: the quotes' confidences come from
    them, so it is part of the analysis version."""
    return hashlib.sha256(_shipped()).hexdigest()


def hidden_reason(quote: Quote, table: dict[str, Measured] | None = None) -> str | None:
    """Why ``quote`` is left out of the default views (None: it is shown)."""
    return calibrated(precision_class(quote), table).hidden


def rule_rows(table: dict[str, Measured] | None = None) -> list[dict]:
    """The ``rules`` table's rows."""
    table = measured() if table is None else table
    return [{"rule": m.name, "precision": None if m.precision is None else round(m.precision, 4),
             "right": m.right, "wrong": m.wrong, "not_speech": m.not_speech,
             "measured_on": m.measured_on, "hidden": calibrated(m.name, table).hidden}
            for m in sorted(table.values(), key=lambda m: m.name)]
