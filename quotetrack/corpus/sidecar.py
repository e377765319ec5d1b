"""The metadata sidecar: ``articles.csv`` in a corpus folder.

Columns ``file,title,publisher,date,time,url,author``, every one but ``file``
optional; an empty cell means "unknown". ``file`` names an input of the folder
(``a.txt``, ``page.html``) or one record of it as its ``doc`` does
(``export.jsonl#42``, ``crawl.warc.gz#7``). What the sidecar gives wins over
what a record, a page or the text says. ``date`` is ISO 8601, a day or a day and
time (with its zone, or in ``time``).
"""

from __future__ import annotations

import csv
from pathlib import Path

from ..errors import ArticleError
from .when import date_fields

SIDECAR = "articles.csv"
#: the sidecar's columns besides ``file``; ``date`` and ``time`` are read together
SIDECAR_COLUMNS = ("title", "publisher", "date", "time", "url", "author")


def read_sidecar(path: Path) -> dict[str, dict[str, str]]:
    """The ``articles.csv`` metadata, keyed by its ``file`` column ({} when absent)."""
    if not path.exists():
        return {}
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            if {"text", "html"} & set(reader.fieldnames or ()):
                return {}  # articles of their own (fields.py), not the sidecar
            if not reader.fieldnames or "file" not in reader.fieldnames:
                raise ArticleError(f"{path}: metadata sidecar needs a 'file' column")
            unknown = set(reader.fieldnames) - {"file", *SIDECAR_COLUMNS}
            if unknown:
                raise ArticleError(
                    f"{path}: unknown metadata columns {sorted(unknown)}; "
                    f"allowed: file, {', '.join(SIDECAR_COLUMNS)}"
                )
            rows = {}
            for row in reader:
                values = {k: (row.get(k) or "").strip() for k in SIDECAR_COLUMNS}
                where = f"{path}: line {reader.line_num}"
                values |= date_fields(values.pop("date"), values.pop("time"), where, row["file"])
                rows[row["file"]] = {k: v for k, v in values.items() if v}
            return rows
    except UnicodeDecodeError as e:
        raise ArticleError(f"{path}: metadata sidecar is not valid UTF-8 ({e.reason})") from e
    except csv.Error as e:
        raise ArticleError(f"{path}: metadata sidecar is not valid CSV ({e})") from e


def is_sidecar(path: Path, header: list[str] | None) -> bool:
    """Whether a CSV file is the sidecar: named ``articles.csv`` with no text or html column."""
    return path.name == SIDECAR and not {"text", "html"} & set(header or ())
