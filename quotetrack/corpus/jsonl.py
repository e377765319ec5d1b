"""JSON lines (``.jsonl``, ``.jsonl.gz``): one article a line, read as a stream.

Each line is an object of :data:`.fields.RECORD_FIELDS`; blank lines are
passed over. A line that is not a JSON object, a record without text, a line
over the size limit and a gzip file that ends early are errors naming the file
and the line; the other lines are read.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Iterator

from ..errors import ArticleError
from .fields import record_article
from .items import Read
from .page import MAX_PAGE_BYTES
from .stream import GzipGuard, is_gzip, lines

MAX_LINE_BYTES = MAX_PAGE_BYTES  # a line may carry a page's HTML


def read_jsonl(path: Path, sidecar: dict[str, dict]) -> Iterator[Read]:
    """Every record of a JSON-lines file, as it is read."""
    with path.open("rb") as raw:
        guard = GzipGuard(raw) if is_gzip(path) else None
        stream = io.BufferedReader(guard, 1 << 16) if guard else raw
        number = 0
        for line in lines(stream, MAX_LINE_BYTES):
            if guard and guard.error:
                break  # the line the file broke off in: not read
            number = line.number
            where = f"{path}: line {number}"
            item = _record(line.data, line.size, path, number, where, sidecar)
            if item is not None:
                yield Read(item=item, position=raw.tell(), where=where)
        if guard and guard.error:
            where = f"{path}: line {number + 1}" if number else str(path)
            kept = f"; the {number} lines before it were read" if number else ""
            yield Read(item=ArticleError(f"{where}: {guard.error}{kept}"), position=raw.tell(), where=where)


def _record(data: bytes | None, size: int, path: Path, number: int, where: str, sidecar: dict):
    if data is None:
        return ArticleError(f"{where}: too large ({size:,} bytes; the limit is {MAX_LINE_BYTES:,} bytes a line)")
    if not data.strip():
        return None
    try:
        fields = json.loads(data)
    except UnicodeDecodeError as e:
        return ArticleError(f"{where}: not valid UTF-8 ({e.reason})")
    except ValueError as e:
        return ArticleError(f"{where}: not JSON ({e})")
    if not isinstance(fields, dict):
        return ArticleError(f"{where}: not a JSON object (a {type(fields).__name__})")
    try:
        return record_article(fields, name=path.name, path=str(path), number=number, where=where, sidecar=sidecar)
    except ArticleError as error:
        return error
