"""A record's fields (a JSON line, a CSV row) or a page, as an article.

A record is ``{"id", "text" or "html", "title", "publisher", "date", "time",
"url", "author"}``, every field but ``text`` or ``html`` optional; other fields
are left alone (an export carries many). Its ``doc`` is ``<file name>#<id>``,
or ``#<line or row number>`` without an id. A record's ``text`` is stored as
given, its ``title`` put first (and a blank line) only when the text does not
already begin with it; a record's ``html`` is a page (:mod:`.page`). The record's
fields win over the page's metadata, the sidecar's over both.
"""

from __future__ import annotations

from ..errors import ArticleError
from ..records import Article
from .article import Layer, build_article
from .items import NO_TEXT, NOT_ENGLISH, NOT_HTML, Skipped
from .language import other_language
from .page import MAX_PAGE_BYTES, Page, page_text, read_page
from .txt import MAX_ARTICLE_BYTES
from .when import date_fields

#: the fields of a record quotetrack reads (``time`` goes with ``date``)
RECORD_FIELDS = ("id", "text", "html", "title", "publisher", "date", "time", "url", "author")
_META = ("title", "publisher", "url", "author")


def record_doc(name: str, record_id: str | None, number: int) -> str:
    return f"{name}#{record_id or number}"


def _string(fields: dict, key: str, where: str) -> str:
    """A field's value as a string ('' when absent or null); a list of strings
    (several authors) is joined with commas."""
    value = fields.get(key)
    if value is None:
        return ""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ", ".join(v.strip() for v in value if v.strip())
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ArticleError(f"{where}: field {key!r} is {type(value).__name__}, not a string")
    return str(value).strip() if key not in ("text", "html") else str(value)


def record_id_of(fields: dict, where: str) -> str:
    return _string(fields, "id", where)


def record_article(fields: dict, *, name: str, path: str, number: int, where: str,
                   sidecar: dict[str, dict]) -> Article | Skipped:
    """The article of one record (``number``: its line or row; ``where`` names it
    in messages), or why it is none; malformed, an :class:`ArticleError`."""
    record_id = record_id_of(fields, where)
    doc = record_doc(name, record_id, number)
    record_path = f"{path}#{record_id or number}"
    text, html = _string(fields, "text", where), _string(fields, "html", where)
    if not text.strip() and not html.strip():
        raise ArticleError(f"{where}: record {doc} has no text (a 'text' or 'html' field)")
    values = {k: _string(fields, k, where) for k in _META}
    values |= date_fields(_string(fields, "date", where), _string(fields, "time", where), where, doc)
    layers = [Layer(source="record", values=values)]
    if sidecar.get(doc):
        layers.insert(0, Layer(source="sidecar", values=sidecar[doc]))
    if text.strip():
        title = values.get("title")
        if title and not _begins_with(text, title):
            text = f"{title}\n\n{text}"
        _check_size(text, where)
        return screened(build_article(doc=doc, path=record_path, text=text, layers=layers))
    if len(html.encode("utf-8")) > MAX_PAGE_BYTES:
        raise ArticleError(f"{where}: record {doc}: html too large (the limit is {MAX_PAGE_BYTES:,} bytes)")
    page = read_page(html, url=values.get("url") or None)
    return page_article(page, doc=doc, path=record_path, where=where, layers=layers)


def page_article(page: Page | None, *, doc: str, path: str, where: str,
                 layers: list[Layer]) -> Article | Skipped:
    """The article of a page (None: no HTML at all), under the metadata of
    ``layers`` (sidecar, record); the page's own metadata below them."""
    if page is None:
        return Skipped(doc=doc, path=path, reason=NOT_HTML, detail="no HTML document")
    if not page.paragraphs:
        return Skipped(doc=doc, path=path, reason=NO_TEXT)
    record = next((layer for layer in layers if layer.source == "record"), None)
    title = (record.values.get("title") if record else None) or page.title
    text = page_text(title, page.paragraphs)
    _check_size(text, where)
    return screened(build_article(doc=doc, path=path, text=text,
                                  layers=[*layers, Layer(source="page", values=page.values)]))


def _begins_with(text: str, title: str) -> bool:
    """Whether the text's first line is the title (spacing aside)."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    return " ".join(first.split()) == " ".join(title.split())


def _check_size(text: str, where: str) -> None:
    size = len(text.encode("utf-8"))
    if size > MAX_ARTICLE_BYTES:
        raise ArticleError(f"{where}: too large ({size:,} bytes of text; the limit is "
                           f"{MAX_ARTICLE_BYTES:,} bytes an article)")


def screened(article: Article) -> Article | Skipped:
    """The article, or why it is none for quotetrack (another language)."""
    language = other_language(article.text)
    if language:
        return Skipped(doc=article.doc, path=article.path, reason=NOT_ENGLISH, detail=language)
    return article
