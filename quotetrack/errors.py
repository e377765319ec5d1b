"""Exceptions raised by quotetrack.

Every error a user can cause (bad input, a missing model, a database that is not
SQLite) is a :class:`QuotetrackError` whose message names the file and the
problem; the CLI prints it without a traceback.
"""


class QuotetrackError(Exception):
    """Base class for every error quotetrack reports to users."""


class ModelError(QuotetrackError):
    """A Stanza model file is missing, unreadable or corrupt."""


class ArticleError(QuotetrackError):
    """An article file cannot be read as a UTF-8 news article."""


class StoreError(QuotetrackError):
    """The quote database cannot be opened or written."""


class CorrectionError(QuotetrackError):
    """An editorial correction names no record that can take it, or is malformed."""


class ClusterError(QuotetrackError):
    """The Dask scheduler cannot be reached or went away, a worker runs other
    models than the client, or no worker is left to do the work."""
