"""SQL functions for the site's canned queries, registered on every connection
Datasette opens (the ``prepare_connection`` hook): the display helpers, so that
a query shows a quote as the pages do (the Atom feeds' titles: reported speech
never in quotation marks)."""

from __future__ import annotations

from .display import titled
from .pages import outlet_text


def _outlet(publisher: str | None, via: str | None, first_hand: int | None) -> str:
    """:func:`~.pages.outlet_text` of a stored ``first_hand`` (1, 0 or null)."""
    return outlet_text(publisher, via, None if first_hand is None else bool(first_hand))


#: (SQL name, number of arguments, function)
FUNCTIONS = (
    ("qt_title", 5, titled),  # qt_title(text, kind, speaker_name, cue, rule)
    ("qt_outlet", 3, _outlet),  # qt_outlet(publisher, via, first_hand)
)


def register(conn) -> None:
    for name, arity, function in FUNCTIONS:
        conn.create_function(name, arity, function, deterministic=True)
