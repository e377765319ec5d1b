"""How often each extraction rule is right, as measured, and which quotes the
site leaves out of its default views because of it.

A quote's *precision class* is its rule when its speaker was found; a quote
with no speaker is classed by its kind alone (``indirect, no speaker``): those
are few per rule, and wrong far more often than the same rule's quotes with a
speaker. The figures are measured on PolNeAR (``quotetrack evaluate polnear
--rules-csv``, the reference scorer's way: a quote matched to a speech
attribution is right, one matched to none is wrong, one matched to a
non-speech attribution is not counted) and kept in
``quotetrack/data/rule_precision.csv``. A class measured below
:data:`HIDE_BELOW`, on at least :data:`MIN_COUNTED` quotes, is hidden from the
default views, with the figure as the reason; nothing is deleted.
"""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib import resources

import attrs

from ..errors import QuotetrackError
from ..records import Quote

#: a class whose measured precision is below this (one quote in four wrong, or worse)
#: is hidden from the default views
HIDE_BELOW = 0.75
#: fewer counted quotes than this measure nothing: the class is shown
MIN_COUNTED = 10
DATA_FILE = "rule_precision.csv"
COLUMNS = ("class", "right", "wrong", "not_speech", "measured_on")


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

    @property
    def hidden(self) -> str | None:
        """Why quotes of this class are hidden from the default views, or None."""
        p = self.precision
        if p is None or self.counted < MIN_COUNTED or p >= HIDE_BELOW:
            return None
        return (f"{self.name}: {p:.0%} right on {self.measured_on} ({self.right} of {self.counted}), "
                f"below {HIDE_BELOW:.0%}")


def precision_class(quote: Quote) -> str:
    """The class a quote's precision is measured in."""
    return quote.rule if quote.speaker is not None else f"{quote.kind}, no speaker"


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


@cache
def measured() -> dict[str, Measured]:
    """The shipped measurements."""
    path = resources.files("quotetrack") / "data" / DATA_FILE
    return read_measured(path.read_text(encoding="utf-8"), f"quotetrack/data/{DATA_FILE}")


def hidden_reason(quote: Quote, table: dict[str, Measured] | None = None) -> str | None:
    """Why ``quote`` is left out of the default views (None: it is shown)."""
    m = (measured() if table is None else table).get(precision_class(quote))
    return m.hidden if m else None


def rule_rows(table: dict[str, Measured] | None = None) -> list[dict]:
    """The ``rules`` table's rows."""
    table = measured() if table is None else table
    return [{"rule": m.name, "precision": None if m.precision is None else round(m.precision, 4),
             "right": m.right, "wrong": m.wrong, "not_speech": m.not_speech,
             "measured_on": m.measured_on, "hidden": m.hidden}
            for m in sorted(table.values(), key=lambda m: m.name)]
