"""The pages' JSON (``/-/<kind>/<id>.json``)."""

from __future__ import annotations

from markupsafe import Markup

from .urls import Urls


def quote_page_json(ctx: dict, urls: Urls) -> dict:
    q, article = ctx["quote"], ctx["article"]

    def span(text_key, s_key, e_key):
        if q.get(text_key) is None:
            return None
        return {"text": q[text_key], "start_char": q.get(s_key), "end_char": q.get(e_key)}

    return {
        "ok": True,
        "id": q["id"],
        "status": q["status"],
        "superseded_by": q.get("superseded_by"),
        "current_url": urls.quote(q["superseded_by"]) if q.get("superseded_by") else None,
        "permalink": ctx["permalink"],
        "database": ctx["database"],
        "kind": q["kind"],
        "text": q["text"],
        "start_char": q["start_char"],
        "end_char": q["end_char"],
        "span_verified": ctx["verified"],
        "speaker": {
            "id": q.get("speaker_id"),
            "name": ctx["speaker_name"],
            "role": ctx["speaker_role"],
            "type": q.get("speaker_type"),
            "resolution": q.get("speaker_resolution"),
            "mention": span("speaker_mention", "speaker_start", "speaker_end"),
            "url": urls.speaker(q["speaker_id"]) if q.get("speaker_id") else None,
        },
        "cue": None if q.get("cue") is None else {
            **span("cue", "cue_start", "cue_end"), "lemma": q.get("cue_lemma")},
        "via_outlet": None if not (q.get("via_outlet_id") or q.get("via_outlet_mention")) else {
            "id": q.get("via_outlet_id"),
            "name": ctx["via_name"],
            "mention": span("via_outlet_mention", "via_start", "via_end"),
            "url": urls.outlet(q["via_outlet_id"]) if q.get("via_outlet_id") else None,
        },
        "article": {**article, "url_page": urls.article(article["id"]) if article.get("id") else None},
        "publisher": {"id": article.get("publisher_id"), "name": ctx["publisher_name"],
                      "url": urls.outlet(article["publisher_id"]) if article.get("publisher_id") else None},
        "utterance": ctx["utterance"],
        "continues": q.get("continues"),
        "rule": q.get("rule"),
        "confidence": q.get("confidence"),
        "other_versions": [
            {"id": o["id"], "text": o["text"], "kind": o["kind"], "same_words": o["same_words"],
             "publisher": o["publisher_name"], "via": o["via_name"], "date": o["date"],
             "article_id": o["article_id"], "url": urls.quote(o["id"])}
            for o in ctx["others"]
        ],
        "citation": ctx["citation"],
    }


def record_page_json(ctx: dict) -> dict:
    """An article, speaker or outlet page's JSON: its data, less the rendered HTML."""
    return {"ok": True, **{k: v for k, v in ctx.items() if not isinstance(v, Markup) and k != "kind"}}


def page_json(kind: str, ctx: dict, urls: Urls) -> dict:
    return quote_page_json(ctx, urls) if kind == "quote" else record_page_json(ctx)
