"""What a corpus reader yields: an article, a record that is no article
(:class:`Skipped`), or an :class:`~quotetrack.errors.ArticleError` for malformed
input, each with how far into its file the reader was (:class:`Read`)."""

from __future__ import annotations

import attrs

from ..errors import ArticleError
from ..records import Article

#: why a record or page is no article (the reasons counted in a summary)
RECRAWL = "re-crawl"  # the same text as an article already read or stored
NOT_HTML = "not HTML"  # a WARC payload of another type (an image, a script, a redirect)
NO_TEXT = "no main text"  # a page in which trafilatura finds no article text
NOT_ENGLISH = "not English"
REASONS = (RECRAWL, NOT_HTML, NO_TEXT, NOT_ENGLISH)


@attrs.frozen(kw_only=True)
class Skipped:
    """A record or page that is no article: counted and logged, never an error."""

    doc: str
    path: str
    reason: str = attrs.field(validator=attrs.validators.in_(REASONS))
    detail: str = ""  # e.g. the language, the content type, the doc it repeats

    @property
    def message(self) -> str:
        return f"{self.reason} ({self.detail})" if self.detail else self.reason


@attrs.frozen(kw_only=True)
class Read:
    """One thing read from an input file, and how many bytes of the file (as
    stored, compressed or not) had been read when it was."""

    item: Article | Skipped | ArticleError
    position: int
    # the line or record it was read from ("dump.jsonl: line 3"), for messages
    where: str = ""
