"""The pages' JSON (``/-/<kind>/<id>.json``).

A quote's JSON is its ``quotetrack extract`` record
(:func:`quotetrack.export.jsonl.quote_json`), field for field, plus the fields
only the site knows: the record's status in the collection, its permalink, the
article, publisher and utterance it belongs to, the other versions of the
statement, the citation, the pages of its speaker and intermediary, and the
editorial corrections among its values (``corrections``: one entry per
correction, naming the value it sets as a path into this JSON, with the value
the analysis had given, the editor's note, who and when).
"""

from __future__ import annotations

from markupsafe import Markup

from ..export.jsonl import quote_json
from .urls import Urls


def correction_path(correction: dict, q: dict) -> str:
    """The value of a quote's JSON that a correction sets: ``speaker.name``,
    ``speaker.role``, ``status`` (not a quote: "rejected"), ``via_outlet`` or
    ``publisher.name``."""
    if correction["applies_to"] == q["id"]:
        return {"speaker": "speaker.name", "role": "speaker.role", "not_a_quote": "status"}[correction["field"]]
    if correction["applies_to"] == q.get("speaker_id"):
        return "speaker.name"
    if correction["applies_to"] == q.get("via_outlet_id"):
        return "via_outlet"
    return "publisher.name"


def corrections_json(ctx: dict) -> list[dict]:
    return [{"number": c["id"], "path": correction_path(c, ctx["quote"]), "record": c["applies_to"],
             "field": c["field"], "value": c["value"], "original": c["original"], "note": c["note"],
             "who": c["who"], "at": c["made_at"]} for c in ctx["corrections"]]


def quote_page_json(ctx: dict, urls: Urls) -> dict:
    """The quote page's JSON: the JSON-lines record and the page-only fields."""
    record = quote_json(ctx["record"])
    q, article = ctx["quote"], ctx["article"]
    speaker_id = record["speaker"]["entity_id"]
    via_id = ctx["record"].via_outlet_id
    return {
        "ok": True,
        **record,
        "speaker": {**record["speaker"], "url": urls.speaker(speaker_id) if speaker_id else None},
        "via_outlet_detail": None if via_id is None else {
            "id": via_id, "name": record["via_outlet"], "url": urls.outlet(via_id)},
        "status": q["status"],
        "superseded_by": q.get("superseded_by"),
        "current_url": urls.quote(q["superseded_by"]) if q.get("superseded_by") else None,
        "permalink": ctx["permalink"],
        "database": ctx["database"],
        "span_verified": ctx["verified"],
        "article": {**article, "url_page": urls.article(article["id"]) if article.get("id") else None},
        "publisher": {"id": article.get("publisher_id"), "name": ctx["publisher_name"],
                      "url": urls.outlet(article["publisher_id"]) if article.get("publisher_id") else None},
        "utterance": None if ctx["utterance"] is None else {
            **ctx["utterance"], "url": urls.utterance(ctx["utterance"]["id"])},
        "other_versions": [
            {"id": o["id"], "text": o["text"], "kind": o["kind"], "same_words": o["same_words"],
             "publisher": o["publisher_name"], "via": o["via_name"], "date": o["date"],
             "article_id": o["article_id"], "url": urls.quote(o["id"])}
            for o in ctx["others"]
        ],
        "citation": ctx["citation"],
        "citation_csl": ctx["citation_csl"],
        "citation_bibtex": ctx["citation_bibtex"],
        "corrections": corrections_json(ctx),
    }


def record_page_json(ctx: dict) -> dict:
    """An article, speaker or outlet page's JSON: its data, less the rendered HTML."""
    return {"ok": True, **{k: v for k, v in ctx.items() if not isinstance(v, Markup) and k != "kind"}}


def page_json(kind: str, ctx: dict, urls: Urls) -> dict:
    return quote_page_json(ctx, urls) if kind == "quote" else record_page_json(ctx)
