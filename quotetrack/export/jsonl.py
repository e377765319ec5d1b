"""The JSON shape of a quote: the ``quotetrack extract`` JSON-lines record (a
public interface), which the site's ``/-/quote/<id>.json`` carries too, with
page-only fields added (:mod:`quotetrack.site.page_json`).

One object a quote; every offset is a Python string index into the article
text as read, and ``text == article_text[start_char:end_char]``::

    {"format_version": 4, "quote_id": "q-…", "doc": "000_….txt",
     "kind": "direct|indirect|mixed", "start_char": 0, "end_char": 0, "text": "…",
     "speaker": {"name": "Sergei Ryabkov", "mention": "Ryabkov",
                 "start_char": 0, "end_char": 0, "entity_id": "s-…",
                 "role": "…", "type": "person", "resolution": "surname"},
     "cue": {"text": "added", "lemma": "add", "start_char": 0, "end_char": 0},
     "via_outlet": "Interfax", "via_how": "carried", "first_hand": false,
     "via_outlet_mention": {"text": "the Interfax news agency", "start_char": 0,
                            "end_char": 0, "entity_id": "o-…"},
     "cluster_id": "u-…", "continues": "q-…", "placement": "body", "piece_of": null, "pull_quote_of": null,
     "wording": "excerpt", "rule": "…", "confidence": 0.9,
     "sentence_start": 0, "sentence_end": 0}

``speaker`` is always an object (fields null when no speaker was found; an
anonymous source has its display label as ``name``, e.g. "unnamed opposition
official", and an entity of its own article). The channel: ``via_outlet`` is the
outlet the words came through; ``via_how`` says how it was found — ``named`` in
the quote's own attribution ("told Reuters"), ``carried`` from the report the
quote goes on with ("…," he added), or ``speaker`` (the speaker is the outlet:
"state TV said"); ``via_outlet_mention`` is where that outlet is named (for a
carried channel, in an earlier sentence); ``first_hand`` is true when the
channel is the article's own publisher, false when another outlet, null when
no channel is known. ``cue``, ``via_outlet``, ``via_how``, ``first_hand``,
``via_outlet_mention``, ``cluster_id`` and ``continues`` may be null. New
fields may be added; none is removed or renamed. ``format_version`` says which
version of this shape a record has: 1 had no such field; 2 added it, and is
the shape the site's quote JSON shares; 3 added ``via_how`` and ``first_hand``;
4 added ``placement`` (headline, lede or body), ``piece_of`` (the quote this
one is the next piece of, in one quotation of one paragraph), ``pull_quote_of`` (the body
quote a pull quote repeats: it is no second report) and ``wording`` (same
words, excerpt or altered: how this direct quote's words compare with the same
statement's direct quotes in other articles; null for other kinds or when no
other article quotes it directly).
"""

from __future__ import annotations

from ..records import ResolvedQuote

FORMAT_VERSION = 4  # bump when a field is added (none is ever removed or renamed)


def quote_json(q: ResolvedQuote) -> dict:
    """The record of one resolved (and linked) quote."""
    quote = q.quote
    speaker, cue, via = quote.speaker, quote.cue, q.via_outlet_mention
    return {
        "format_version": FORMAT_VERSION,
        "quote_id": q.quote_id,
        "doc": q.doc,
        "kind": quote.kind,
        "start_char": quote.start_char,
        "end_char": quote.end_char,
        "text": quote.text,
        "speaker": {
            "name": q.speaker_name,
            "mention": speaker.text if speaker else None,
            "start_char": speaker.start_char if speaker else None,
            "end_char": speaker.end_char if speaker else None,
            "entity_id": q.speaker_id,
            "role": q.speaker_role,
            "type": q.speaker_type,
            "resolution": q.resolution,
        },
        "cue": None if cue is None else {
            "text": cue.text, "lemma": cue.lemma,
            "start_char": cue.start_char, "end_char": cue.end_char,
        },
        "via_outlet": q.via_outlet_name,
        "via_how": q.via_how,
        "first_hand": q.first_hand,
        "via_outlet_mention": None if via is None else {
            "text": via.text, "start_char": via.start_char, "end_char": via.end_char,
            "entity_id": q.via_outlet_id,
        },
        "cluster_id": q.cluster_id,
        "continues": q.continues_id,
        "placement": q.placement,
        "piece_of": q.piece_of,
        "pull_quote_of": q.pull_quote_of,
        "wording": q.wording,
        "rule": quote.rule,
        "confidence": quote.confidence,
        "sentence_start": quote.sentence_start,
        "sentence_end": quote.sentence_end,
    }
