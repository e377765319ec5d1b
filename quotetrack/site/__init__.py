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
* readable table pages (:mod:`.tables`): the quotes table opens on a curated
  view, with a notice of what it leaves out; article texts are cut short in
  table cells;
* ``/-/about`` (and ``.json``): method, accuracy, how to cite, the data's terms;
* SQL functions for the canned queries (:mod:`.functions`): the Atom feeds'
  titles with honest quotation marks;
* ``/-/search?q=…`` (and ``.json``): quotes ranked and marked where they
  matched, with the speakers and outlets of that name (:mod:`.search`), and a
  search box on the home page (``templates/index.html``);
* ``/sitemap.xml`` and ``/robots.txt``.

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
from datasette.utils import derive_named_parameters, urlsafe_components
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from .functions import register as register_functions
from .pages import LOADERS
from .params import parameter_options
from .queries import is_quotetrack_db, quotetrack_databases
from .tables import default_view_url, quotes_notice, text_cell
from .urls import ID_PATTERNS, PAGES, Urls
from .views import about_view, page_view, robots_view, search_view, sitemap_view

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
    routes = [(r"^/sitemap\.xml$", sitemap_view), (r"^/robots\.txt$", robots_view),
              (r"^/-/about(\.(?P<format>json))?$", about_view),
              (r"^/-/search(\.(?P<format>json))?$", search_view)]
    for kind in PAGES:
        routes.append((rf"^/-/{kind}/(?P<id>[^/]+?)(\.(?P<format>json))?$", page_view(kind)))
    return routes


@hookimpl
def prepare_connection(conn):
    """The SQL functions of the canned queries (qt_title, qt_outlet)."""
    register_functions(conn)


@hookimpl
def handle_exception(datasette, request, exception):
    """A feed with no entries is a 404 that says so: datasette-atom (0.9) cannot
    write an empty feed (it fails taking the newest entry's date of none)."""
    if request is not None and request.path.endswith(".atom") and is_empty_feed_error(exception):
        return Response.text("No current quotes for this feed: the ID is unknown, or none of its quotes is current.",
                             status=404)
    return None


def is_empty_feed_error(exception: BaseException) -> bool:
    """Whether ``exception`` is datasette-atom's failure on a query with no rows."""
    tb = exception.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return (isinstance(exception, ValueError) and "empty" in str(exception) and tb is not None
            and tb.tb_frame.f_globals.get("__name__", "").startswith("datasette_atom"))


@hookimpl
def extra_css_urls(datasette):
    return [Urls(datasette).static("quotetrack.css")]


@hookimpl
def extra_js_urls(datasette):
    return [{"url": Urls(datasette).static("quotetrack.js"), "module": False}]


@hookimpl
def asgi_wrapper(datasette):
    """``/<db>/quotes`` with no query string redirects to the curated default view."""
    def wrap(app):
        async def default_views(scope, receive, send):
            if (scope["type"] == "http" and scope.get("method") in ("GET", "HEAD") and not scope.get("query_string")
                    and scope.get("path", "").endswith("/quotes")):
                for db in await quotetrack_databases(datasette):
                    table_url = datasette.urls.table(db.name, "quotes")
                    if scope["path"] == table_url:
                        await send({"type": "http.response.start", "status": 302,
                                    "headers": [(b"location", default_view_url(table_url).encode()),
                                                (b"content-length", b"0")]})
                        await send({"type": "http.response.body", "body": b""})
                        return
            await app(scope, receive, send)
        return default_views
    return wrap


@hookimpl
def extra_template_vars(template, view_name, database, table, request, datasette):
    """On the row pages of quotes, articles, speakers and outlets: the plugin's
    view; on the table and query pages of a quotetrack database: what
    :mod:`.tables` and :mod:`.params` add; on the home page: the search box,
    when a quotetrack database is served."""
    if view_name == "index":
        return _home_vars(datasette)
    if template and template.startswith("query") and database:
        return _in_quotetrack_db(datasette, database, lambda db: _query_vars(datasette, db, request))
    if request is None:
        return {}
    if view_name == "table":
        return _in_quotetrack_db(datasette, database, lambda db: _table_vars(datasette, db, table, request))
    if view_name == "row" and table in PAGES.values():
        return _in_quotetrack_db(datasette, database, lambda db: _row_vars(datasette, db, table, request))
    return {}


def _in_quotetrack_db(datasette, database: str, make):
    """An awaitable of ``make(db)`` (template variables) where ``database`` is a
    quotetrack database, else of no variables."""
    async def inner():
        try:
            db = datasette.get_database(database)
        except KeyError:
            return {}
        if not await is_quotetrack_db(db):
            return {}
        return await make(db)

    return inner


async def _row_vars(datasette, db, table, request) -> dict:
    pks = urlsafe_components(request.url_vars.get("pks", ""))
    if len(pks) != 1:
        return {}
    kind = {v: k for k, v in PAGES.items()}[table]
    ctx = await LOADERS[kind](datasette, db, pks[0], request)
    if ctx is None:
        return {}
    return {"qt": ctx, "qt_urls": Urls(datasette), "qt_standalone": False}


async def _table_vars(datasette, db, table, request) -> dict:
    found = {"database": db.name}
    if table == "quotes":
        params = [(k, v) for k in request.args.keys() for v in request.args.getlist(k)]
        found["quotes"] = await quotes_notice(db, datasette.urls.table(db.name, table), params)
    return {"qt_table": found}


async def _query_vars(datasette, db, request) -> dict:
    """The pickers of the parameters of the query shown: a canned query's, else the SQL given."""
    sql = request.args.get("sql") if request is not None else None
    name = request.url_vars.get("table") if request is not None else None
    if name:
        query = await datasette.get_canned_query(db.name, name, request.actor)
        sql = query["sql"] if query else sql
    names = await derive_named_parameters(db, sql) if sql else []
    return {"qt_params": await parameter_options(db, names)}


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
    if table == "articles" and column == "text" and isinstance(value, str):
        return text_cell(value)
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
