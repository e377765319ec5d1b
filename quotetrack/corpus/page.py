"""A saved web page: its main text and its metadata, with trafilatura.

trafilatura finds the article's own text in a page (navigation, footers,
cookie banners, comment threads and related-links boxes left out) and reads
the page's metadata: title, site name, author, canonical URL, and the
publication day through htmldate (from the page's date markup and its URL; not
its guesses from the text, see :func:`_date_params`). htmldate gives the day only; the time of day and its zone come
from the page's own publication-time markup (``article:published_time``,
``itemprop="datePublished"``, JSON-LD ``datePublished``) when it names that same
day, and are then moved to UTC like every other time (:mod:`.when`).

The stored text of a page has the shape of a ``.txt`` article: the title, a
blank line, then the body paragraphs separated by blank lines (the body's
first paragraph left out when it only repeats the title), and a final newline.
"""

from __future__ import annotations

import json

import attrs

from .when import iso_when, to_published

MAX_PAGE_BYTES = 20_000_000  # a larger page (HTML, not its text) is rejected as "too large"
MIN_BODY_WORDS = 20  # a page whose main text is shorter (a menu, a "Home" link) has none

#: meta tags (property, name or itemprop, in lower case) that hold a page's
#: publication time, tried in this order: markup vocabulary, not words
PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "datepublished", "dc.date.issued",
    "dcterms.issued", "pubdate", "publishdate", "publish-date", "sailthru.date", "parsely-pub-date",
)


@attrs.frozen(kw_only=True)
class Page:
    """What a page says: its title, its main text's paragraphs and its metadata
    (``title``, ``publisher``, ``date`` with ``published`` and ``date_precision``,
    ``url``, ``author``; absent when the page does not say)."""

    title: str | None
    paragraphs: tuple[str, ...]
    values: dict = attrs.field(factory=dict)

    @property
    def text(self) -> str:
        """The stored text: title, blank line, paragraphs separated by blank lines."""
        return page_text(self.title, self.paragraphs)


def page_text(title: str | None, paragraphs: tuple[str, ...] | list[str]) -> str:
    blocks = ([title] if title else []) + list(paragraphs)
    return "\n\n".join(blocks) + "\n" if blocks else ""


def _squeeze(text: str | None) -> str:
    return " ".join((text or "").split())


def read_page(html: bytes | str, url: str | None = None) -> Page | None:
    """The page of ``html`` (``url``: where it was fetched, when known); None when
    it is no HTML document at all. A page with no main text (none found, or
    fewer than :data:`MIN_BODY_WORDS` words) has no paragraphs."""
    import trafilatura  # imported here: a .txt corpus never needs it

    tree = trafilatura.load_html(html)
    if tree is None:
        return None
    found = trafilatura.bare_extraction(
        tree, url=url, with_metadata=True, include_comments=False, include_tables=False,
        include_images=False, include_links=False, include_formatting=False, deduplicate=False,
        date_extraction_params=_date_params())
    if found is None:
        return Page(title=None, paragraphs=())
    title = _squeeze(found.title) or None
    paragraphs = [p for p in (_squeeze(line) for line in (found.text or "").split("\n")) if p]
    if paragraphs and title and paragraphs[0].casefold() == title.casefold():
        paragraphs = paragraphs[1:]  # the headline, already the title
    if sum(len(p.split()) for p in paragraphs) < MIN_BODY_WORDS:
        paragraphs = []
    values = {"title": title, "author": _squeeze(found.author) or None, "url": found.url or url,
              "publisher": _publisher(found.sitename, found.url or url)}
    values |= _date_values(found.date, _published_markup(tree))
    return Page(title=title, paragraphs=tuple(paragraphs), values={k: v for k, v in values.items() if v})


def _date_params() -> dict:
    """htmldate's settings: the original publication date (not the last update)
    from the page's markup, else its URL (a date in the path). Its "extensive"
    search of the text guesses (a copyright line's year becomes 1 January); a
    date the text states is read by :mod:`.infer` instead, as in a .txt article."""
    import datetime as dt

    return {"original_date": True, "extensive_search": False, "deferred_url_extractor": True,
            "max_date": dt.date.today().isoformat()}


def _publisher(sitename: str | None, url: str | None) -> str | None:
    """The site name the page gives; not the host name trafilatura falls back to
    when it gives none (a domain is no outlet's name)."""
    name = _squeeze(sitename)
    if not name:
        return None
    if url and " " not in name and "." in name and name.lower() in url.lower():
        return None
    return name


def _date_values(day: str | None, markup: list[str]) -> dict:
    """``date``, ``published``, ``date_precision`` of htmldate's day and the page's
    publication-time markup: its time counts when it is on that day."""
    whens = [w for w in map(iso_when, markup) if w is not None]
    if not day and whens:
        day = whens[0].day
    if not day:
        return {}
    stamp = next((w.stamp for w in whens if w.day == day and w.stamp is not None), None)
    published, precision = to_published(day, stamp)
    return {"date": day, "published": published, "date_precision": precision}


def _published_markup(tree) -> list[str]:
    """The page's publication-time values, in :data:`PUBLISHED_META` order, then
    ``itemprop="datePublished"`` elements, then JSON-LD."""
    by_key: dict[str, list[str]] = {}
    for meta in tree.iter("meta"):
        content = (meta.get("content") or "").strip()
        for attribute in ("property", "name", "itemprop"):
            key = (meta.get(attribute) or "").strip().lower()
            if content and key in PUBLISHED_META:
                by_key.setdefault(key, []).append(content)
    values = [v for key in PUBLISHED_META for v in by_key.get(key, [])]
    for element in tree.xpath('//*[@itemprop="datePublished"]'):
        values.extend(v.strip() for v in (element.get("datetime"), element.get("content")) if v)
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            values.extend(_json_ld_dates(json.loads(script.text or "")))
        except (ValueError, RecursionError):
            continue  # a page's broken JSON-LD says nothing
    return values


def _json_ld_dates(data, depth: int = 0) -> list[str]:
    """``datePublished`` values anywhere in a JSON-LD document (``@graph`` included)."""
    if depth > 8:
        return []
    if isinstance(data, list):
        return [v for item in data for v in _json_ld_dates(item, depth + 1)]
    if not isinstance(data, dict):
        return []
    found = [data["datePublished"].strip()] if isinstance(data.get("datePublished"), str) else []
    return found + [v for key, item in data.items() if key != "datePublished"
                    for v in _json_ld_dates(item, depth + 1)]
