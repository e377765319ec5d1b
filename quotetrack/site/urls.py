"""The site's addresses: the record IDs its pages are keyed by, the paths of
those pages and of the package's static files (honouring Datasette's base_url)."""

from __future__ import annotations

import re
from pathlib import Path

STATIC = Path(__file__).resolve().parent / "static"
DISTRIBUTION = "quotetrack"  # the name Datasette gives the plugin when it comes from the installed package

# page kind -> the table its records are in
PAGES = {"quote": "quotes", "article": "articles", "speaker": "speakers", "outlet": "outlets",
         "utterance": "utterances"}
ID_PATTERNS = {
    "quote": re.compile(r"^q-[0-9a-z]{10}$"),
    "article": re.compile(r"^a-[0-9a-z]{10}$"),
    "speaker": re.compile(r"^s-[0-9a-z]{8}$"),
    "outlet": re.compile(r"^o-[0-9a-z]{8}$"),
    "utterance": re.compile(r"^u-[0-9a-z]{10}$"),
}


def normalise_id(record_id: str) -> str:
    """``Q-SH60JGYD3P`` or ``q-sh6ojgyd3p`` -> ``q-sh60jgyd3p`` (Crockford's base32 reading rules)."""
    record_id = record_id.strip().lower()
    prefix, sep, rest = record_id.partition("-")
    if not sep:
        return record_id
    return prefix + "-" + rest.translate(str.maketrans({"o": "0", "i": "1", "l": "1"}))


def id_shape(kind: str) -> str:
    """What an ID of ``kind`` looks like, for messages: ``q-xxxxxxxxxx``."""
    prefix = ID_PATTERNS[kind].pattern[1:3]
    return prefix + "x" * (10 if kind in ("quote", "article", "utterance") else 8)


def plugin_name() -> str:
    """The name Datasette serves this package's ``static/`` under
    (``/-/static-plugins/<name>/``): the distribution's name when the plugin
    comes through its entry point, the module's name when it was registered by
    hand (as the tests do without an installed package)."""
    # imported here: importing datasette.plugins loads the entry points, this package among them
    from datasette.plugins import get_plugins

    for plugin in get_plugins():
        path = plugin["static_path"]
        if path and Path(path).resolve() == STATIC:
            return plugin["name"]
    return DISTRIBUTION


class Urls:
    """Paths of the plugin's pages and static files."""

    def __init__(self, datasette):
        self.ds = datasette

    def page(self, kind: str, record_id: str, fmt: str = "") -> str:
        return self.ds.urls.path(f"/-/{kind}/{record_id}" + (f".{fmt}" if fmt else ""))

    def quote(self, qid, fmt=""):
        return self.page("quote", qid, fmt)

    def article(self, aid, fmt=""):
        return self.page("article", aid, fmt)

    def speaker(self, sid, fmt=""):
        return self.page("speaker", sid, fmt)

    def outlet(self, oid, fmt=""):
        return self.page("outlet", oid, fmt)

    def utterance(self, uid, fmt=""):
        return self.page("utterance", uid, fmt)

    def row(self, db, table, record_id):
        return self.ds.urls.row(db.name, table, record_id)

    def table(self, db, table):
        return self.ds.urls.table(db.name, table)

    def static(self, name):
        return self.ds.urls.static_plugins(plugin_name(), name)
