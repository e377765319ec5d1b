"""A ``.txt`` article: one UTF-8 file, its text stored exactly as read."""

from __future__ import annotations

from pathlib import Path

from ..errors import ArticleError
from ..records import Article
from .article import Layer, build_article

MAX_ARTICLE_BYTES = 2_000_000  # a larger article is rejected as "too large"


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
    """Read one ``.txt`` article; ``metadata`` (its sidecar row) wins over what the text says."""
    path = Path(path)
    layers = [Layer(source="sidecar", values=metadata)] if metadata else []
    return build_article(doc=path.name, path=str(path), text=decode_article(path), layers=layers)
