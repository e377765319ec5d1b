"""Where the site's Datasette metadata is.

The repository's top-level ``metadata.yml`` is the one source. A built package
(wheel or regular install) carries a copy of it, ``quotetrack/site/metadata.yml``,
made at build time (``setup.py``); a source checkout reads the top-level file.
A missing file is an error, never silently skipped.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import QuotetrackError

HERE = Path(__file__).resolve().parent
PACKAGED = HERE / "metadata.yml"
CHECKOUT = HERE.parent.parent / "metadata.yml"


def metadata_path() -> Path:
    """The metadata file to serve with: the packaged copy, else the checkout's."""
    for path in (PACKAGED, CHECKOUT):
        if path.is_file():
            return path
    raise QuotetrackError(
        f"the site's metadata file is missing (looked for {PACKAGED} and {CHECKOUT}): "
        "reinstall quotetrack, or pass --metadata FILE"
    )
