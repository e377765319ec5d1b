"""Web archives (``.warc``, ``.warc.gz``, as Common Crawl's CC-NEWS ships them),
read as a stream with fastwarc.

Every ``response`` record whose HTTP payload is HTML is a page
(:mod:`.page`); its ``doc`` is ``<file name>#<record number>`` (every record of
the file counts, the first being 1), its URL the record's ``WARC-Target-URI``
and its ``crawl_date`` the record's ``WARC-Date`` (when the crawler fetched it,
never taken for the publication date, which comes from the page or its text).
A ``revisit`` record (a re-crawl of an unchanged payload), a payload of
another type and a response other than 200 are skipped; request, metadata and
warcinfo records are no pages and are passed over. A record over the size
limit, a malformed record and a gzip file that ends early are errors naming the
file and the record; the records before them are read.

A ``.warc.gz`` is decompressed by Python's gzip module (:class:`.stream.GzipGuard`)
so that a truncated file is an error, not a silent end; fastwarc reads the
records from it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..errors import ArticleError
from .article import Layer
from .fields import page_article
from .items import NOT_HTML, RECRAWL, Read, Skipped
from .page import MAX_PAGE_BYTES, read_page
from .stream import GzipGuard, is_gzip
from .when import utc_instant

HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(path: Path, sidecar: dict[str, dict]) -> Iterator[Read]:
    """Every page of a WARC file, as it is read."""
    from fastwarc.warc import ArchiveIterator

    with path.open("rb") as raw:
        guard = GzipGuard(raw) if is_gzip(path) else None
        number, cut = 0, None
        try:
            for record in ArchiveIterator(guard or raw, auto_decode="all", stream_detect=guard is None):
                number += 1
                where = f"{path}: record {number}"
                item = _record(record, path, number, where, sidecar)
                if guard and guard.error:
                    cut = number  # the record the file broke off in: not read
                    break
                if item is not None:
                    yield Read(item=item, position=raw.tell(), where=where)
        except (OSError, ValueError) as e:  # fastwarc: "Invalid WARC header" and the like
            where = f"{path}: record {number + 1}"
            yield Read(item=ArticleError(f"{where}: not a valid WARC record ({e}); "
                                         f"the records after it were not read"), position=raw.tell(), where=where)
            return
        if guard and guard.error:
            cut = cut or number + 1
            where = f"{path}: record {cut}" if number else str(path)
            kept = f"; the {cut - 1} records before it were read" if cut > 1 else ""
            yield Read(item=ArticleError(f"{where}: {guard.error}{kept}"), position=raw.tell(), where=where)


def _record(record, path: Path, number: int, where: str, sidecar: dict):
    """The article or skipped page of one record; None for a record that is no page."""
    from fastwarc.warc import WarcRecordType

    kind = record.record_type
    if kind not in (WarcRecordType.response, WarcRecordType.revisit):
        return None
    doc, record_path = f"{path.name}#{number}", f"{path}#{number}"
    uri = record.headers.get("WARC-Target-URI") or ""
    if kind == WarcRecordType.revisit:
        return Skipped(doc=doc, path=record_path, reason=RECRAWL, detail=f"revisit record of {uri}")
    if record.content_length > MAX_PAGE_BYTES:
        return ArticleError(f"{where}: too large ({record.content_length:,} bytes; the limit is "
                            f"{MAX_PAGE_BYTES:,} bytes a record)")
    if not record.is_http or record.http_headers is None or record.http_headers.status_code is None:
        return ArticleError(f"{where}: a response record without an HTTP response (truncated or malformed)")
    status = record.http_headers.status_code
    content_type = (record.http_content_type or "").lower()
    if status != 200:
        return Skipped(doc=doc, path=record_path, reason=NOT_HTML, detail=f"HTTP {status}")
    if content_type not in HTML_TYPES:
        return Skipped(doc=doc, path=record_path, reason=NOT_HTML, detail=content_type or "no content type")
    payload = record.reader.read(MAX_PAGE_BYTES + 1)
    if len(payload) > MAX_PAGE_BYTES:
        return ArticleError(f"{where}: too large (over {MAX_PAGE_BYTES:,} bytes; the limit is "
                            f"{MAX_PAGE_BYTES:,} bytes a record)")
    values = {"url": uri, "crawl_date": utc_instant(record.headers.get("WARC-Date") or "")}
    layers = [Layer(source="record", values={k: v for k, v in values.items() if v})]
    if sidecar.get(doc):
        layers.insert(0, Layer(source="sidecar", values=sidecar[doc]))
    try:
        return page_article(read_page(payload, url=uri or None), doc=doc, path=record_path, where=where,
                            layers=layers)
    except ArticleError as error:
        return error
