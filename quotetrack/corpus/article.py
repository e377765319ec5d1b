"""An :class:`~quotetrack.records.Article` from its text and the metadata its
input gives, each field from the first source that has it.

The sources, strongest first: the sidecar (``articles.csv``, what the user
says), the record (a JSON-lines or CSV record's fields, a WARC record's
headers), the page (an HTML page's markup) and the text (what
:func:`.infer.infer_metadata` reads in it). ``Article.provenance`` names, per
field, the source its value came from.
"""

from __future__ import annotations

import hashlib
from typing import Sequence

import attrs

from ..records import Article
from .infer import infer_metadata

#: the metadata fields of an Article, each taken from the first source giving it
FIELDS = ("title", "publisher", "date", "url", "author", "crawl_date")
#: where a value can come from, strongest first
SOURCES = ("sidecar", "record", "page", "text")


@attrs.frozen(kw_only=True)
class Layer:
    """What one source says of an article: field -> value (empty values are
    unknown); a date comes with ``published`` and ``date_precision``
    (:func:`.when.date_fields`)."""

    source: str = attrs.field(validator=attrs.validators.in_(SOURCES))
    values: dict = attrs.field(factory=dict)


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def build_article(*, doc: str, path: str, text: str, layers: Sequence[Layer] = ()) -> Article:
    """The article of ``text`` with the metadata of ``layers`` (strongest
    first) and, below them all, what the text itself says."""
    inferred = infer_metadata(text)
    layers = [*layers, Layer(source="text", values=inferred)]
    values, provenance = {}, {}
    for field in FIELDS:
        for layer in layers:
            if layer.values.get(field):
                values[field], provenance[field] = layer.values[field], layer.source
                break
    when = published_of(layers)
    if when:
        values["published"], values["date_precision"], provenance["published"] = when
    publisher_span = inferred.get("publisher_span") if provenance.get("publisher") == "text" else None
    return Article(doc=doc, path=path, text=text, sha256=sha256_of(text), provenance=provenance,
                   publisher_span=publisher_span, **values)


def published_of(layers: Sequence[Layer]) -> tuple[str, str, str] | None:
    """``(published, date_precision, source)``: that of the strongest source
    giving a date. A date without a time takes the time a weaker source gives
    with that same day (the sidecar's day, the time the text writes with it),
    which is then where ``published`` came from."""
    for i, layer in enumerate(layers):
        day = layer.values.get("date")
        if not day:
            continue
        if layer.values.get("published") and layer.values.get("date_precision", "day") != "day":
            return layer.values["published"], layer.values["date_precision"], layer.source
        for weaker in layers[i + 1:]:
            if weaker.values.get("date") == day and weaker.values.get("date_precision", "day") != "day":
                return weaker.values["published"], weaker.values["date_precision"], weaker.source
        return day, "day", layer.source
    return None
