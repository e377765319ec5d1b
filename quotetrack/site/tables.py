"""The table pages of a quotetrack database, made readable by default.

``/<db>/quotes`` without a query string opens on the curated view: current
quotes, newest first (missing dates last), in a few columns (date, publisher,
speaker, kind, words, intermediary), without the quotes of precision classes
measured as often wrong (``quotes.hidden`` says why; see
:mod:`quotetrack.extract.precision`). Every other column stays in the row page,
the JSON and "all columns"; one click shows the hidden quotes. The notice
above the table says what the view leaves out.
"""

from __future__ import annotations

from urllib.parse import urlencode

from markupsafe import Markup, escape

from .queries import every

#: the quotes table's default columns, in order (the ID, the row link, comes first anyway)
QUOTE_COLUMNS = ("date", "publisher_id", "speaker_id", "kind", "text", "via_outlet_id")
#: the filters of the default view: current quotes, none of a hidden class
CURRENT = ("status__exact", "current")
NOT_HIDDEN = ("hidden__isnull", "1")
SORT = ("_sort_desc", "date")
#: characters of an article's text shown in a table cell (the row page has all of it)
TEXT_CELL_CHARS = 160


def default_quote_params() -> list[tuple[str, str]]:
    """The query parameters of the quotes table's default view."""
    return [("_col", c) for c in QUOTE_COLUMNS] + [SORT, CURRENT, NOT_HIDDEN]


def default_view_url(table_url: str) -> str:
    return table_url + "?" + urlencode(default_quote_params())


def all_columns_url(table_url: str) -> str:
    """Every column, every current quote, newest first."""
    return table_url + "?" + urlencode([SORT, CURRENT])


def without(params: list[tuple[str, str]], pair: tuple[str, str]) -> list[tuple[str, str]]:
    return [p for p in params if p != pair]


async def quotes_notice(db, table_url: str, params: list[tuple[str, str]]) -> dict:
    """What the quotes table's notice says: the hidden quotes (by reason) and
    links to show or hide them, the default view and all columns."""
    rows = await every(db, """select hidden as reason, count(*) as n from quotes
                              where status = 'current' and hidden is not null
                              group by hidden order by n desc, hidden""")
    hiding = NOT_HIDDEN in params
    toggled = without(params, NOT_HIDDEN) if hiding else params + [NOT_HIDDEN]
    return {
        "hiding": hiding,
        "hidden": rows,
        "hidden_count": sum(r["n"] for r in rows),
        "toggle_url": table_url + "?" + urlencode(toggled),
        "default_url": default_view_url(table_url),
        "all_columns_url": all_columns_url(table_url),
        "is_default": sorted(params) == sorted(default_quote_params()),
    }


def text_cell(value: str) -> Markup:
    """An article's text in a table cell: its start, the rest on the row page."""
    if len(value) <= TEXT_CELL_CHARS:
        return Markup(escape(value))
    cut = value[:TEXT_CELL_CHARS].rsplit(" ", 1)[0] or value[:TEXT_CELL_CHARS]
    return Markup(f'<span class="qt-truncated" title="{len(value):,} characters; open the row for all of it">'
                  f"{escape(cut)}&nbsp;…</span>")
