"""The quotetrack Datasette plugin (Datasette 0.65), a plugin package.

Registered through the ``datasette`` entry point in pyproject.toml. It adds:

* pages that show every quote against its exact source span:
  ``/-/quote/<id>`` (the citable permalink), ``/-/article/<id>``,
  ``/-/speaker/<id>`` and ``/-/outlet/<id>``, each also as ``.json``. They
  find the database that holds the ID, so permalinks do not depend on the
  database file name;
* the same views on the row pages of ``quotes``, ``articles``, ``speakers``
  and ``outlets`` (``/<db>/quotes/<id>`` …), above the raw record;
* links from quote, speaker, outlet and article IDs in query results;
* ``/-/search?q=…`` (and ``.json``): quotes ranked and marked where they
  matched, with the speakers and outlets of that name (:mod:`.search`), and a
  search box on the home page (``templates/index.html``);
* ``/sitemap.xml``.

This module holds the hooks only. Datasette itself puts the package's
``templates/`` on its template path (after ``--template-dir``, before its
defaults) and serves ``static/`` at ``/-/static-plugins/quotetrack/``.
The page data is read in :mod:`.pages` (over :mod:`.queries`), the JSON
shaped in :mod:`.page_json`, the routes are in :mod:`.views`, addresses in
:mod:`.urls`, and :mod:`.highlight` marks spans in escaped article text.
The plugin only reads the database.
"""

from __future__ import annotations

from datasette import hookimpl
from datasette.utils import urlsafe_components
from markupsafe import Markup, escape

from .pages import LOADERS
from .queries import is_quotetrack_db, quotetrack_databases
from .urls import ID_PATTERNS, PAGES, Urls
from .views import page_view, search_view, sitemap_view

# result columns whose values are the IDs of pages
LINKABLE = {
    "quote_id": "quote", "first_quote_id": "quote", "continues": "quote", "superseded_by": "quote",
    "speaker_id": "speaker", "article_id": "article", "outlet_id": "outlet",
    "publisher_id": "outlet", "via_outlet_id": "outlet",
    "utterance_id": "utterance", "other_quote_id": "quote", "anchor_quote_id": "quote",
    "pull_quote_of": "quote", "other_id": "quote",
}


@hookimpl
def register_routes(datasette):
    routes = [(r"^/sitemap\.xml$", sitemap_view), (r"^/-/search(\.(?P<format>json))?$", search_view)]
    for kind in PAGES:
        routes.append((rf"^/-/{kind}/(?P<id>[^/]+?)(\.(?P<format>json))?$", page_view(kind)))
    return routes


@hookimpl
def extra_css_urls(datasette):
    return [Urls(datasette).static("quotetrack.css")]


@hookimpl
def extra_js_urls(datasette):
    return [{"url": Urls(datasette).static("quotetrack.js"), "module": False}]


@hookimpl
def extra_template_vars(view_name, database, table, request, datasette):
    """On the row pages of quotes, articles, speakers and outlets: the plugin's
    view; on the home page: the search box, when a quotetrack database is served."""
    if view_name == "index":
        return _home_vars(datasette)
    if view_name != "row" or table not in PAGES.values() or request is None:
        return {}

    async def inner():
        try:
            db = datasette.get_database(database)
        except KeyError:
            return {}
        if not await is_quotetrack_db(db):
            return {}
        pks = urlsafe_components(request.url_vars.get("pks", ""))
        if len(pks) != 1:
            return {}
        kind = {v: k for k, v in PAGES.items()}[table]
        ctx = await LOADERS[kind](datasette, db, pks[0], request)
        if ctx is None:
            return {}
        return {"qt": ctx, "qt_urls": Urls(datasette), "qt_standalone": False}

    return inner


def _home_vars(datasette):
    async def inner():
        if not await quotetrack_databases(datasette):
            return {}
        return {"qt_search_url": datasette.urls.path("/-/search")}

    return inner


@hookimpl
def render_cell(value, column, table, database, datasette):
    """Quote, speaker, article and outlet IDs in query results link to their pages.

    On table pages Datasette already links foreign keys (with their labels), so
    only the quote-ID columns that are not foreign keys are linked there.
    """
    kind = linked_kind(value, column, table)
    if kind is None:
        return None
    url = Urls(datasette).page(kind, value)
    return Markup(f'<a href="{escape(url)}">{escape(value)}</a>')


def linked_kind(value, column: str, table: str | None) -> str | None:
    """The kind of page a result cell links to, or None."""
    if not isinstance(value, str):
        return None
    kind = LINKABLE.get(column)
    if kind is None:
        if table is None and ID_PATTERNS["quote"].match(value) and column in ("id", "quote"):
            kind = "quote"
        else:
            return None
    if table is not None and not (table in ("quotes", "utterances", "wording_pairs") and kind == "quote"):
        return None
    if table == "articles" or not ID_PATTERNS[kind].match(value):
        return None
    return kind
