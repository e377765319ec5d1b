"""The inputs of a corpus: files recognised by their extension, in a folder or
named one by one, and the reader of each format.

======================  =================================================  ==========
extension               what it holds                                      doc
======================  =================================================  ==========
``.txt``                one article, its text as read                      file name
``.html``, ``.htm``     one saved page (:mod:`.page`)                      file name
``.jsonl``, ``.jsonl.gz``  one record a line (:mod:`.jsonl`)               name#id
``.csv``                one record a row, with a text or html column       name#id
``.warc``, ``.warc.gz``  every HTML response record (:mod:`.warc`)         name#number
======================  =================================================  ==========

In a folder, hidden files (``.DS_Store``) and sub-folders are passed over, and
so is ``articles.csv`` when it is the sidecar; any other file with another
extension is an error, as it is when named. A folder's sidecar applies to the
inputs in it, whether the folder or the files are named.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterable, Iterator

import attrs

from ..errors import ArticleError
from .csvfile import csv_header, read_csv
from .fields import page_article
from .items import Read
from .jsonl import read_jsonl
from .page import MAX_PAGE_BYTES, read_page
from .sidecar import SIDECAR, is_sidecar, read_sidecar
from .txt import read_article
from .warc import read_warc

#: extension -> format, longest extensions first (``.jsonl.gz`` before ``.gz``)
FORMATS = {".jsonl.gz": "jsonl", ".warc.gz": "warc", ".txt": "txt", ".html": "html", ".htm": "html",
           ".jsonl": "jsonl", ".csv": "csv", ".warc": "warc"}
#: formats whose files hold many articles, each a record
MANY = ("jsonl", "csv", "warc")
EXTENSIONS = ".txt, .html, .htm, .jsonl, .jsonl.gz, .csv, .warc, .warc.gz"


def format_of(path: Path) -> str | None:
    name = path.name.lower()
    return next((fmt for ext, fmt in FORMATS.items() if name.endswith(ext)), None)


@attrs.frozen(kw_only=True)
class Input:
    """One input file, its format and what it was like when found."""

    path: Path
    format: str
    size: int
    mtime_ns: int

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def many(self) -> bool:
        return self.format in MANY

    @property
    def sidecar_path(self) -> Path:
        return self.path.parent / SIDECAR


def _input(path: Path) -> Input | ArticleError:
    fmt = format_of(path)
    if fmt is None:
        return ArticleError(f"{path}: unknown extension (quotetrack reads {EXTENSIONS})")
    try:
        stat = path.stat()
    except OSError as e:
        return ArticleError(f"{path}: cannot read ({e.strerror})")
    return Input(path=path, format=fmt, size=stat.st_size, mtime_ns=stat.st_mtime_ns)


def find_inputs(paths: Iterable[str | Path], exclude: Iterable[str | Path] = ()
                ) -> tuple[list[Input], list[ArticleError]]:
    """The inputs of ``paths`` (folders and files), in the order given (a folder's
    sorted by name), and an error for each path that is none; ``exclude``: files
    never read (the database being written, its journal files)."""
    skip = {Path(p).resolve() for p in exclude}
    inputs: list[Input] = []
    errors: list[ArticleError] = []
    for path in map(Path, paths):
        if path.is_dir():
            found = []
            for child in sorted(path.iterdir()):
                if child.name.startswith(".") or not child.is_file() or child.resolve() in skip:
                    continue
                if child.name == SIDECAR and is_sidecar(child, csv_header(child)):
                    continue
                found.append(_input(child))
            if not found:
                errors.append(ArticleError(f"{path}: no articles in this directory (no {EXTENSIONS} files)"))
            inputs.extend(f for f in found if isinstance(f, Input))
            errors.extend(f for f in found if isinstance(f, ArticleError))
        elif path.is_file():
            found = _input(path)
            (inputs if isinstance(found, Input) else errors).append(found)
        else:
            errors.append(ArticleError(f"{path}: no such file or directory"))
    return inputs, errors


def sidecars(inputs: Iterable[Input]) -> dict[Path, dict[str, dict]]:
    """Folder -> its sidecar's rows, for the folders of ``inputs`` (an
    :class:`ArticleError` when one is malformed)."""
    return {folder: read_sidecar(folder / SIDECAR) for folder in {i.path.parent for i in inputs}}


def read_input(source: Input, sidecar: dict[str, dict]) -> Iterator[Read]:
    """Every article, skipped record and error of one input, as it is read."""
    if source.format == "txt":
        yield Read(item=_guarded(lambda: read_article(source.path, sidecar.get(source.name))),
                   position=source.size, where=str(source.path))
    elif source.format == "html":
        yield Read(item=_guarded(lambda: _html(source, sidecar)), position=source.size, where=str(source.path))
    elif source.format == "jsonl":
        yield from read_jsonl(source.path, sidecar)
    elif source.format == "csv":
        yield from read_csv(source.path, sidecar)
    else:
        yield from read_warc(source.path, sidecar)


def _guarded(read):
    try:
        return read()
    except ArticleError as error:
        return error


def _html(source: Input, sidecar: dict[str, dict]):
    from .article import Layer

    if source.size > MAX_PAGE_BYTES:
        raise ArticleError(f"{source.path}: too large ({source.size:,} bytes; the limit is "
                           f"{MAX_PAGE_BYTES:,} bytes a page)")
    try:
        data = source.path.read_bytes()
    except OSError as e:
        raise ArticleError(f"{source.path}: cannot read ({e.strerror})") from e
    layers = [Layer(source="sidecar", values=sidecar[source.name])] if sidecar.get(source.name) else []
    return page_article(read_page(data), doc=source.name, path=str(source.path), where=str(source.path),
                        layers=layers)


def file_sha256(path: Path, chunk: int = 1 << 20) -> str:
    """The SHA-256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(chunk):
            digest.update(block)
    return digest.hexdigest()
