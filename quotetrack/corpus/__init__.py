"""Reading a corpus: articles from text files, saved pages, JSON lines, CSV
and web archives, with their metadata -> :class:`~quotetrack.records.Article`.

The flow: :func:`find_inputs` recognises the input files by extension
(:mod:`.inputs`); :func:`read_input` streams each through its format's reader
(:mod:`.txt`, :mod:`.page` for ``.html``, :mod:`.jsonl`, :mod:`.csvfile`,
:mod:`.warc`), which yields, lazily, an :class:`Article`, a :class:`Skipped`
record (no article: another language, no main text, not HTML, a re-crawl) or
an :class:`~quotetrack.errors.ArticleError` naming the file and the line or
record, each in a :class:`Read` that says how far into its file it was.

An article's metadata comes, field by field, from the first of: the sidecar
``articles.csv`` (:mod:`.sidecar`), the record, the page (:mod:`.page`), the
text (:mod:`.infer`); dates and times are read by :mod:`.when`.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ArticleError
from ..records import Article
from .article import build_article
from .infer import infer_metadata, parse_date
from .inputs import EXTENSIONS, FORMATS, Input, file_sha256, find_inputs, format_of, read_input, sidecars
from .items import REASONS, RECRAWL, Read, Skipped
from .page import MAX_PAGE_BYTES, read_page
from .sidecar import SIDECAR, read_sidecar
from .txt import MAX_ARTICLE_BYTES, decode_article, read_article
from .when import to_published

__all__ = [
    "EXTENSIONS", "FORMATS", "MAX_ARTICLE_BYTES", "MAX_PAGE_BYTES", "REASONS", "RECRAWL", "SIDECAR",
    "Input", "Read", "Skipped", "build_article", "decode_article", "file_sha256", "find_inputs",
    "format_of", "infer_metadata", "parse_date", "read_article", "read_corpus", "read_input",
    "read_items", "read_page", "read_sidecar", "sidecars", "to_published",
]


def read_items(paths, exclude=()) -> tuple[list[Article], list[Skipped], list[ArticleError]]:
    """Every article, skipped record and error of the inputs of ``paths``, in
    memory (for ``extract`` and tests; an ingest streams). Errors in finding the
    inputs come first; no input at all is an :class:`ArticleError`."""
    inputs, errors = find_inputs(paths, exclude)
    if not inputs:
        raise errors[0] if errors else ArticleError("no input files given")
    folders = sidecars(inputs)
    articles, skipped = [], []
    for source in inputs:
        for read in read_input(source, folders[source.path.parent]):
            item = read.item
            (articles if isinstance(item, Article) else skipped if isinstance(item, Skipped) else errors).append(item)
    return articles, skipped, errors


def read_corpus(folder: str | Path) -> tuple[list[Article], list[ArticleError]]:
    """Read every input of ``folder``: the articles that could be read and one
    :class:`ArticleError` for each file or record that could not (a bad one never
    stops the others). A folder that is missing or has no inputs is an error."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ArticleError(f"{folder}: not a directory")
    articles, _, errors = read_items([folder])
    return articles, errors
