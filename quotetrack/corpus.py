"""Reading a corpus: a folder of UTF-8 ``.txt`` articles, with optional metadata.

Metadata per article comes from a sidecar ``articles.csv`` in the corpus folder
(columns ``file,title,publisher,date,url``; every column but ``file`` optional,
empty cells mean "unknown"). Where the sidecar gives no value, the title, date
and publisher are inferred from what the text itself states (a headline, a
"Source:" or "By:" line, an outlet-and-date line, a "(Reuters)" dateline) and
left empty when the text does not state them. Nothing is invented.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
from functools import cache
from pathlib import Path

from . import lexicon
from .errors import ArticleError
from .records import Article

MAX_ARTICLE_BYTES = 2_000_000  # larger files are rejected as "too large"
SIDECAR = "articles.csv"
SIDECAR_FIELDS = ("title", "publisher", "date", "url")
HEADER_LINES = 12  # lines at the top of an article searched for title, date, outlet
DATE_LINE_MAX = 60  # a date line is short: longer lines are sentences or captions


@cache
def _month_re() -> str:
    """The month names and abbreviations of months.csv, longest first."""
    return "|".join(map(re.escape, sorted(lexicon.words().months, key=len, reverse=True)))


@cache
def _date_patterns() -> tuple[re.Pattern, ...]:
    months = _month_re()
    return (
        # 08 Dec 2016 / 8 December 2016 / 05/December/2016
        re.compile(rf"\b(?P<d>\d{{1,2}})[ /.-](?P<m>{months})\.?[ /.-](?P<y>(?:19|20)\d\d)\b", re.I),
        # December 8, 2016
        re.compile(rf"\b(?P<m>{months})\.? (?P<d>\d{{1,2}}),? (?P<y>(?:19|20)\d\d)\b", re.I),
        # 09.12.2016 (day first, as European sites print it)
        re.compile(r"\b(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d\d)\b"),
        # 2016-12-08
        re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b"),
    )


# "Source: Al Jazeera, News Agencies" / "Kaynak/Source: ..." / "By: Times News Service"
_CREDIT_RE = re.compile(r"^(?:[\w/]*Source|By)\s*:\s*(?P<outlet>\S.*?)\s*$", re.I | re.M)
# "MEE and agencies's picture" / "Reuters and agencies"
_AGENCIES_RE = re.compile(r"^(?P<outlet>[A-Z][\w.&' -]*?) and agencies\b", re.M)


@cache
def _outlet_date_re() -> re.Pattern:
    """"Al Jazeera, 08 Dec 2016": an outlet line that carries the date."""
    return re.compile(
        rf"^(?P<outlet>[A-Z][\w.&' -]{{1,40}}), (?P<date>\d{{1,2}} (?:{_month_re()})\w* (?:19|20)\d\d)\s*$",
        re.I | re.M,
    )


# "BEIRUT (Reuters) -" datelines
_DATELINE_RE = re.compile(r"^[A-Z][A-Z .,/'-]{1,40}\((?P<outlet>[A-Z][\w ]{1,30})\)\s*[-–—]", re.M)


def article_paths(folder: str | Path) -> list[Path]:
    """The article files (``*.txt``) of ``folder``, sorted; an error when there are none."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ArticleError(f"{folder}: not a directory")
    paths = sorted(p for p in folder.iterdir() if p.suffix == ".txt" and p.is_file())
    if not paths:
        raise ArticleError(f"{folder}: no articles (*.txt files) in this directory")
    return paths


def read_corpus(folder: str | Path) -> tuple[list[Article], list[ArticleError]]:
    """Read every ``*.txt`` file of ``folder``.

    Returns the articles that could be read and one :class:`ArticleError` for
    each file that could not: a bad file never stops the others.
    """
    folder = Path(folder)
    paths = article_paths(folder)
    sidecar = read_sidecar(folder / SIDECAR)
    articles, errors = [], []
    for path in paths:
        try:
            articles.append(read_article(path, sidecar.get(path.name, {})))
        except ArticleError as error:
            errors.append(error)
    return articles, errors


def read_sidecar(path: Path) -> dict[str, dict[str, str]]:
    """The ``articles.csv`` metadata, keyed by file name ({} when absent)."""
    if not path.exists():
        return {}
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            if not reader.fieldnames or "file" not in reader.fieldnames:
                raise ArticleError(f"{path}: metadata sidecar needs a 'file' column")
            unknown = set(reader.fieldnames) - {"file", *SIDECAR_FIELDS}
            if unknown:
                raise ArticleError(
                    f"{path}: unknown metadata columns {sorted(unknown)}; "
                    f"allowed: file, {', '.join(SIDECAR_FIELDS)}"
                )
            rows = {}
            for row in reader:
                values = {k: (row.get(k) or "").strip() for k in SIDECAR_FIELDS}
                if values.get("date"):
                    values["date"] = _check_iso_date(values["date"], path, row["file"])
                rows[row["file"]] = {k: v for k, v in values.items() if v}
            return rows
    except UnicodeDecodeError as e:
        raise ArticleError(f"{path}: metadata sidecar is not valid UTF-8 ({e.reason})") from e
    except csv.Error as e:
        raise ArticleError(f"{path}: metadata sidecar is not valid CSV ({e})") from e


def _check_iso_date(value: str, path: Path, name: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise ArticleError(f"{path}: date {value!r} for {name} is not YYYY-MM-DD") from None


def decode_article(path: Path) -> str:
    """The text of an article file, or an :class:`ArticleError` saying why not."""
    try:
        size = path.stat().st_size
    except OSError as e:
        raise ArticleError(f"{path}: cannot read ({e.strerror})") from e
    if size > MAX_ARTICLE_BYTES:
        raise ArticleError(
            f"{path}: too large ({size:,} bytes; the limit is {MAX_ARTICLE_BYTES:,} bytes a file)"
        )
    data = path.read_bytes()
    if b"\x00" in data:
        raise ArticleError(f"{path}: binary file (contains NUL bytes), not a text article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ArticleError(
            f"{path}: not valid UTF-8 (byte {e.start}: {e.reason}); save the file as UTF-8"
        ) from e
    if not text.strip():
        raise ArticleError(f"{path}: empty file")
    return text


def read_article(path: str | Path, metadata: dict[str, str] | None = None) -> Article:
    """Read one article; ``metadata`` (from the sidecar) wins over inference."""
    path = Path(path)
    text = decode_article(path)
    inferred = infer_metadata(text)
    metadata = metadata or {}
    values, provenance = {}, {}
    for field in SIDECAR_FIELDS:
        if metadata.get(field):
            values[field], provenance[field] = metadata[field], "sidecar"
        elif inferred.get(field):
            values[field], provenance[field] = inferred[field], "text"
    publisher_span = inferred.get("publisher_span") if provenance.get("publisher") == "text" else None
    return Article(
        doc=path.name,
        path=str(path),
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        provenance=provenance,
        publisher_span=publisher_span,
        **values,
    )


def infer_metadata(text: str) -> dict:
    """Title, date and publisher as the text states them; absent keys are unknown."""
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text)]
    lines = [(start, line) for start, line in lines if line.strip()]
    found: dict = {}
    if lines:
        found["title"] = lines[0][1].strip()
    if lines:
        last_start, last_line = lines[min(HEADER_LINES, len(lines)) - 1]
        header = text[: last_start + len(last_line)]
    else:
        header = ""

    outlet_date = _outlet_date_re().search(header)
    if outlet_date:
        found["date"] = parse_date(outlet_date.group("date"))
        _set_publisher(found, outlet_date, "outlet")
    if "date" not in found or found["date"] is None:
        found["date"] = _first_date(header)
    for match in (_CREDIT_RE.search(text), _AGENCIES_RE.search(header), _DATELINE_RE.search(header)):
        if match and "publisher" not in found:
            _set_publisher(found, match, "outlet")
    return {k: v for k, v in found.items() if v is not None}


def _set_publisher(found: dict, match: re.Match, group: str) -> None:
    # "Al Jazeera, News Agencies": the publisher is the first credited outlet
    name = re.split(r",| and | & ", match.group(group))[0].strip()
    if "publisher" in found or not name or name.lower() in lexicon.words().agency_credits:
        return
    start = match.start(group)
    found["publisher"] = name
    found["publisher_span"] = (start, start + len(name))


def _first_date(header: str) -> str | None:
    """The first date standing on a short line of its own (a date line, not a
    sentence or photo caption that mentions a date)."""
    hits = []
    for line in re.finditer(r"[^\n]+", header):
        if len(line.group().strip()) > DATE_LINE_MAX:
            continue
        for pattern in _date_patterns():
            for m in pattern.finditer(line.group()):
                date = _to_iso(m)
                if date:
                    hits.append((line.start() + m.start(), date))
    return min(hits)[1] if hits else None


def parse_date(value: str) -> str | None:
    """An ISO date from one of the date forms news sites print, else None."""
    for pattern in _date_patterns():
        m = pattern.search(value)
        if m and _to_iso(m):
            return _to_iso(m)
    return None


def _to_iso(m: re.Match) -> str | None:
    month = m.group("m")
    month = int(month) if month.isdigit() else lexicon.words().months[month.lower().rstrip(".")]
    try:
        return dt.date(int(m.group("y")), month, int(m.group("d"))).isoformat()
    except ValueError:
        return None
