"""When an article appeared, and which reports of a statement came first.

An article's time is its publication day, and where the text or metadata give
it, the instant (UTC) or a local clock time (no zone). Two reports are ordered
only when the times say so: two instants by the instant, otherwise by the day;
the same day with no two instants to compare is a **tie**, and ties stay ties
(:func:`earliest` returns every report that nothing is known to precede). An
undated report precedes nothing and is preceded by nothing; it is first only
when no report is dated.

:func:`sort_key` is a total order for what needs one (the anchor a new
utterance's ID derives from): the day, the instant, then the quote ID — never
the order articles were ingested in.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

UNDATED = "9999-99-99"


@attrs.frozen(kw_only=True)
class When:
    """An article's time: ``day`` (YYYY-MM-DD, as the article gives it) and,
    when known with its zone, ``instant`` (ISO 8601 in UTC)."""

    day: str | None = None
    instant: str | None = None

    @classmethod
    def of(cls, article) -> "When":
        """The time of an :class:`~quotetrack.records.Article` (or a row with
        ``date``, ``published`` and ``date_precision``)."""
        get = (lambda k: article.get(k)) if isinstance(article, dict) else (lambda k: getattr(article, k, None))
        day = get("date")
        published, precision = get("published"), get("date_precision")
        instant = published if precision == "time" and published and "T" in published else None
        return cls(day=day or (published[:10] if published else None), instant=instant)


def before(a: When, b: When) -> bool:
    """Whether ``a`` is known to come before ``b``."""
    if a.instant and b.instant:
        return a.instant < b.instant
    return bool(a.day and b.day and a.day < b.day)


def sort_key(when: When, quote_id: str) -> tuple[str, str, str]:
    return (when.day or UNDATED, when.instant or "", quote_id)


def earliest(reports: Sequence[tuple[str, When]]) -> tuple[str, ...]:
    """The IDs of the reports that nothing is known to precede, in sort-key
    order: one when the times decide, several when they tie."""
    dated = [(rid, w) for rid, w in reports if w.day]
    pool = dated or list(reports)
    first = [(rid, w) for rid, w in pool if not any(before(other, w) for _, other in pool)]
    return tuple(rid for rid, w in sorted(first, key=lambda r: sort_key(r[1], r[0])))
