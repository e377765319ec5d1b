"""What the stand-off development sets on PolNeAR share (the provenance set,
:mod:`.provenance`; the statement set, :mod:`.statements`): reading the JSON
file and its article headers, a span's check, the PolNeAR article a labelled
one is, the :class:`~quotetrack.records.Article` the pipeline wants for it, and
the cached parses of a set's articles (nothing is parsed here).

Each set's own labels (channels, statements) are read by its own module.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from ..errors import QuotetrackError
from ..records import Article, ParsedDoc
from .polnear import SPLITS, GoldArticle, default_path, load_split, parse_cache_dir, parsed_articles, split_dir

#: PolNeAR's publisher codes (metadata.tsv, the file names) and the outlets they are
PUBLISHERS = {
    "breitbart": "Breitbart", "huff-post": "The Huffington Post", "nyt": "The New York Times",
    "politico": "POLITICO", "usa-today": "USA Today", "wash-post": "The Washington Post",
    "west-journal": "Western Journalism",
}


def span(value, where: str, what: str) -> tuple[int, int]:
    """``[start, end]`` with 0 <= start < end, as a tuple; else a clear error."""
    if (not isinstance(value, (list, tuple)) or len(value) != 2
            or not all(isinstance(x, int) and not isinstance(x, bool) for x in value)
            or not 0 <= value[0] < value[1]):
        raise QuotetrackError(f"{where}: {what} must be [start, end] with 0 <= start < end, not {value!r}")
    return (value[0], value[1])


def read_articles(path: Path, what: str) -> list:
    """The ``articles`` list of the set file ``path`` (``what``: "provenance",
    "statement set"), or a :class:`QuotetrackError` naming the file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise QuotetrackError(f"{path}: no such {what} file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise QuotetrackError(f"{path}: cannot read the {what} file ({exc})") from None
    except json.JSONDecodeError as exc:
        raise QuotetrackError(f"{path}: not JSON: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("articles"), list):
        raise QuotetrackError(f"{path}: expected an object with an \"articles\" list")
    return data["articles"]


def article_headers(records: list, path: Path) -> Iterator[tuple[dict, str, str, str]]:
    """(record, split, name, where) of each article record, its header checked: an
    object, a name, a split of :data:`SPLITS`, listed once."""
    seen: set[tuple[str, str]] = set()
    for i, art in enumerate(records):
        where = f"{path}: article {i}"
        if not isinstance(art, dict):
            raise QuotetrackError(f"{where}: must be an object")
        name, split = art.get("name"), art.get("split")
        if not isinstance(name, str) or not name:
            raise QuotetrackError(f"{where}: name must be a non-empty string")
        where = f"{path}: article {i} ({name})"
        if split not in SPLITS:
            raise QuotetrackError(f"{where}: split must be one of {', '.join(SPLITS)}, not {split!r}")
        if (split, name) in seen:
            raise QuotetrackError(f"{where}: listed twice")
        seen.add((split, name))
        yield art, split, name, where


def gold_article(articles: Sequence[GoldArticle], name: str, split: str, what: str) -> GoldArticle:
    """The PolNeAR article ``name`` of ``articles``, or an error saying the ``what``
    article is not in PolNeAR."""
    for article in articles:
        if article.name == name:
            return article
    raise QuotetrackError(f"{what} article {name} ({split}) is not in PolNeAR")


def article_record(article: GoldArticle, publisher: str | None, date: str | None = None) -> Article:
    """The :class:`Article` :func:`quotetrack.pipeline.analyse` wants for a PolNeAR
    text: its publisher code named as the outlet it is (so that "told the Post" in
    a Washington Post article is first-hand), and its date when the set gives one."""
    text = article.text
    return Article(doc=f"{article.name}.txt", path=f"{article.name}.txt", text=text,
                   sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                   publisher=PUBLISHERS.get(publisher, publisher) if publisher else None, date=date)


def cached_parses(labelled: Sequence, what: str, join: Callable, polnear: Path | str | None = None,
                  splits: Sequence[str] = SPLITS, models: str | None = None,
                  log: Callable[[str], None] = lambda s: None,
                  article_of: Callable = lambda joined: joined,
                  ) -> tuple[list[tuple[object, object, ParsedDoc]], dict[str, list[str]], dict[str, str]]:
    """The labelled articles of a set (each with ``split`` and ``name``) joined to
    their PolNeAR articles (``join(articles, labelled)``; ``article_of`` gives the
    :class:`GoldArticle` of what it returns) and their cached parses.

    Returns (labelled, joined, parse) for those with a cached parse, the names
    of those without, by split, and the cache folder of each split.
    """
    from ..parse import Parser

    root = Path(polnear) if polnear is not None else default_path()
    if not root.exists():
        raise QuotetrackError(
            f"PolNeAR not found at {root}: the {what} set is stand-off and needs its texts "
            "(pass --path or set POLNEAR_DIR; see quotetrack/evaluate/data/README.md)")
    versions = Parser(models).versions()
    found, missing, caches = [], {}, {}
    for split in splits:
        wanted = [w for w in labelled if w.split == split]
        if not wanted:
            continue
        try:
            split_dir(root, split)
        except FileNotFoundError as exc:
            raise QuotetrackError(f"PolNeAR at {root} is incomplete: {exc}") from None
        names = {w.name for w in wanted}
        articles = [a for a in load_split(root, split) if a.name in names]
        joined = [join(articles, w) for w in wanted]
        cache = parse_cache_dir(split, versions)
        caches[split] = str(cache)
        parsed = dict((a.name, d) for a, d in parsed_articles(
            [article_of(j) for j in joined], split, cache=cache, parse_missing=False))
        missing[split] = sorted(article_of(j).name for j in joined if article_of(j).name not in parsed)
        found += [(w, j, parsed[article_of(j).name]) for w, j in zip(wanted, joined) if article_of(j).name in parsed]
        log(f"{split}: {len(joined) - len(missing[split])} of {len(joined)} articles have cached parses ({cache})")
    return found, missing, caches
