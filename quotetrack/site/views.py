"""The plugin's routes: the record pages (HTML and JSON), their 404, the
search page, the about page, the sitemap and robots.txt."""

from __future__ import annotations

from urllib.parse import unquote

from datasette.utils.asgi import Forbidden, Response
from markupsafe import escape

from .about import about_context
from .page_json import page_json
from .pages import LOADERS
from .search import page_number, search_context, search_json, search_url
from .queries import (
    can_view, databases, every, find_database, find_redirect, is_quotetrack_db, quotetrack_databases,
)
from .urls import ID_PATTERNS, PAGES, Urls, id_shape, normalise_id

REDIRECTED = ("speaker", "outlet", "utterance")  # kinds whose retired IDs redirect
SITEMAP_LIMIT = 50_000  # URLs in one sitemap file (the sitemaps.org limit)


def page_view(kind: str):
    """The view of ``/-/<kind>/<id>`` and ``/-/<kind>/<id>.json``."""
    table = PAGES[kind]

    async def view(request, datasette):
        record_id = unquote(request.url_vars["id"])
        fmt = request.url_vars.get("format")
        urls = Urls(datasette)
        db = await find_database(datasette, table, record_id)
        if db is None:
            # an ID retyped from print: upper case, or o/i/l for 0/1 (ids.py's alphabet has none of them)
            fixed = normalise_id(record_id)
            if fixed != record_id and await find_database(datasette, table, fixed):
                return Response.redirect(urls.page(kind, fixed, fmt or ""), status=301)
            # a speaker or outlet ID retired when its entity was renamed or merged, an
            # utterance merged into another
            successor = await find_redirect(datasette, kind, fixed) if kind in REDIRECTED else None
            if successor:
                return Response.redirect(urls.page(kind, successor, fmt or ""), status=301)
            return await not_found(datasette, request, kind, record_id, fmt)
        if not await can_view(datasette, request, db.name, table):
            raise Forbidden("You do not have permission to view this")
        ctx = await LOADERS[kind](datasette, db, record_id, request)
        if fmt == "json":
            return Response.json(page_json(kind, ctx, urls), default=str)
        return Response.html(await datasette.render_template(
            ["quotetrack_page.html"],
            {"qt": ctx, "qt_urls": urls, "qt_standalone": True, "metadata": datasette.metadata(),
             "qt_row_url": urls.row(db, table, record_id),
             "alternate_url_json": urls.page(kind, record_id, "json")},
            request=request,
            view_name=f"quotetrack-{kind}",
        ))

    view.__name__ = f"{kind}_view"
    return view


def not_found_message(kind: str, record_id: str) -> str:
    if ID_PATTERNS[kind].match(record_id):
        return f"No {kind} with the ID {record_id} is in this collection."
    return (f"“{record_id}” is not a {kind} ID: {kind} IDs look like "
            f"{id_shape(kind)} (lower-case letters and digits).")


async def not_found(datasette, request, kind: str, record_id: str, fmt):
    message = not_found_message(kind, record_id)
    if fmt == "json":
        return Response.json({"ok": False, "status": 404, "error": message, "id": record_id}, status=404)
    html = await datasette.render_template(
        ["quotetrack_404.html"],
        {"qt_kind": kind, "qt_id": record_id, "qt_message": message, "metadata": datasette.metadata(),
         "qt_databases": [db.name for db in await quotetrack_databases(datasette)],
         "qt_urls": Urls(datasette)},
        request=request,
        view_name="quotetrack-404",
    )
    return Response.html(html, status=404)


async def search_view(request, datasette):
    """``/-/search?q=…[&page=n]`` and ``/-/search.json?q=…``."""
    text = request.args.get("q") or ""
    page = page_number(request.args.get("page"))
    urls = Urls(datasette)
    ctx = await search_context(datasette, request, text, page)
    if request.url_vars.get("format") == "json":
        return Response.json(search_json(ctx, urls), default=str)
    return Response.html(await datasette.render_template(
        ["quotetrack_search.html"],
        {"qt_search": ctx, "qt_urls": urls, "qt_q": text, "metadata": datasette.metadata(),
         "alternate_url_json": search_url(datasette, text, page, "json")},
        request=request,
        view_name="quotetrack-search",
    ))


# the pages the sitemap lists, and the records each is made for
SITEMAP_QUERIES = (
    ("quote", "select id from quotes where status = 'current' order by id"),
    ("article", "select id from articles where status = 'current' order by id"),
    ("speaker", "select id from speakers order by id"),
    ("outlet", "select id from outlets order by id"),
    ("utterance", "select id from utterances order by id"),
)


def sitemap_xml(urls: list[str]) -> str:
    """A sitemaps.org urlset of ``urls`` (absolute), each once, in order, at most SITEMAP_LIMIT."""
    seen, lines = set(), ['<?xml version="1.0" encoding="UTF-8"?>',
                          '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for url in urls[:SITEMAP_LIMIT]:
        if url not in seen:
            seen.add(url)
            lines.append(f"  <url><loc>{escape(url)}</loc></url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


async def sitemap_view(request, datasette):
    """``/sitemap.xml``: every current quote's permalink and the article, speaker and outlet pages."""
    urls = Urls(datasette)
    paths: list[str] = []
    for db in databases(datasette):
        if not await is_quotetrack_db(db) or not await can_view(datasette, request, db.name, "quotes"):
            continue
        for kind, sql in SITEMAP_QUERIES:
            for row in await every(db, sql + f" limit {SITEMAP_LIMIT}"):
                paths.append(urls.page(kind, row["id"]))
    body = sitemap_xml([datasette.absolute_url(request, path) for path in paths[:SITEMAP_LIMIT]])
    return Response(body, content_type="application/xml; charset=utf-8")


# robots.txt: the record pages are for crawling (all of them are in the sitemap); Datasette's
# own pages, downloads and any URL with a query string (SQL, facets, filters, sorting,
# search, paging: the expensive ones, and endless) are not
ROBOTS_ALLOW = ("/-/quote/", "/-/article/", "/-/speaker/", "/-/outlet/", "/-/utterance/", "/-/about",
                "/sitemap.xml")
ROBOTS_DISALLOW = ("/-/", "/*?", "/*.csv", "/*.json")


def robots_txt(allow: list[str], disallow: list[str], sitemap: str) -> str:
    """A robots.txt (RFC 9309: the longest matching rule decides) for every user agent."""
    lines = ["User-agent: *", *(f"Allow: {p}" for p in allow), *(f"Disallow: {p}" for p in disallow),
             "", f"Sitemap: {sitemap}"]
    return "\n".join(lines) + "\n"


async def robots_view(request, datasette):
    """``/robots.txt``, its paths under Datasette's base_url, the sitemap's absolute URL."""
    path = datasette.urls.path
    body = robots_txt([path(p) for p in ROBOTS_ALLOW], [path(p) for p in ROBOTS_DISALLOW],
                      datasette.absolute_url(request, path("/sitemap.xml")))
    return Response.text(body)


async def about_view(request, datasette):
    """``/-/about`` and ``/-/about.json``: method, accuracy, how to cite, the data's terms."""
    urls = Urls(datasette)
    ctx = await about_context(datasette, request)
    if request.url_vars.get("format") == "json":
        return Response.json({"ok": True, **ctx}, default=str)
    return Response.html(await datasette.render_template(
        ["quotetrack_about.html"],
        {"qt_about": ctx, "qt_urls": urls, "alternate_url_json": datasette.urls.path("/-/about.json"),
         "metadata": datasette.metadata()},
        request=request,
        view_name="quotetrack-about",
    ))
