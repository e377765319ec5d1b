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


def checked_metadata(path: str | Path | None = None) -> Path:
    """``path`` (default: :func:`metadata_path`) once it reads as Datasette
    metadata: a YAML or JSON mapping. Anything else is a clear error naming the
    file (and the line, for a YAML syntax error), before Datasette starts."""
    import yaml

    path = Path(path) if path else metadata_path()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error)
        raise QuotetrackError(f"{path}: {where}not valid YAML ({problem})") from None
    except (OSError, UnicodeDecodeError) as error:
        raise QuotetrackError(f"{path}: cannot be read ({error})") from None
    if not isinstance(data, dict):
        raise QuotetrackError(f"{path}: Datasette metadata must be a mapping (title:, databases: …)")
    return path
