"""CSV records (``.csv`` with a ``text`` or ``html`` column): one article a
row, the fields of :data:`.fields.RECORD_FIELDS` as columns under a header
row; other columns are left alone. ``articles.csv`` without such a column is
the folder's sidecar (:mod:`.sidecar`), not records. Read as a stream; a row
that is malformed ends the file's reading with an error naming its line (CSV
cannot be resumed reliably after one).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Iterator

from ..errors import ArticleError
from .fields import record_article
from .items import Read
from .page import MAX_PAGE_BYTES


def csv_header(path: Path) -> list[str] | None:
    """The header row of a CSV file (None when it has none or cannot be read)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            return next(csv.reader(f), None)
    except (OSError, UnicodeDecodeError, csv.Error):
        return None


def read_csv(path: Path, sidecar: dict[str, dict]) -> Iterator[Read]:
    """Every row of a CSV file of articles, as it is read (``doc``: ``<name>#<id>``,
    or ``#<row number>``, the first row under the header being 1)."""
    if csv.field_size_limit() < MAX_PAGE_BYTES:
        csv.field_size_limit(MAX_PAGE_BYTES)  # a cell may hold a page's HTML
    with path.open("rb") as raw, io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as text:
        reader = csv.DictReader(text)
        line = 1
        try:
            fields = reader.fieldnames or []
            if not {"text", "html"} & set(fields):
                yield Read(item=ArticleError(f"{path}: no 'text' or 'html' column (columns: "
                                             f"{', '.join(fields) or 'none'}); a CSV of articles needs one"),
                           position=raw.tell(), where=str(path))
                return
            line = reader.line_num + 1
            for number, row in enumerate(reader, start=1):
                where = f"{path}: line {line}"
                line = reader.line_num + 1
                if None in row:
                    item = ArticleError(f"{where}: more cells than the header has columns")
                else:
                    try:
                        item = record_article(row, name=path.name, path=str(path), number=number,
                                              where=where, sidecar=sidecar)
                    except ArticleError as error:
                        item = error
                yield Read(item=item, position=raw.tell(), where=where)
        except UnicodeDecodeError as e:
            yield _stop(path, line, raw, f"not valid UTF-8 ({e.reason})")
        except csv.Error as e:
            yield _stop(path, line, raw, f"not valid CSV ({e})")


def _stop(path: Path, line: int, raw, problem: str) -> Read:
    where = f"{path}: line {line}"
    return Read(item=ArticleError(f"{where}: {problem}; the rows after it were not read"),
                position=raw.tell(), where=where)
