"""Records and their rows, both ways, in one place.

* a quote: :func:`quote_row` flattens a resolved quote (article-level names,
  before corpus linking) for the ``quotes`` table; :func:`row_to_resolved`
  reads a stored row back as the same record, :func:`row_to_linked` as
  corpus linking left it;
* an article: :func:`row_to_article`;
* an editorial correction: :func:`row_to_correction`;
* a parse: :func:`parse_row` / :func:`parse_from_row` (CoNLL-U with each
  word's offsets, zlib-compressed).
"""

from __future__ import annotations

import json
import zlib

import attrs

from ..parse.conllu import read_conllu, to_conllu
from ..records import Article, Correction, Cue, Mention, ParsedDoc, Quote, ResolvedQuote
from ..resolve import outlet_name
from ..search import text_columns


def quote_row(q: ResolvedQuote, article_id: str) -> dict:
    """The quote's row, with the search columns of its words (its attribution's
    follows once the row is stored: :mod:`.search`)."""
    quote: Quote = q.quote
    speaker, cue, via = quote.speaker, quote.cue, q.via_outlet_mention
    search_text, search_joined = text_columns(quote.text)
    return {
        "id": q.quote_id, "article_id": article_id, "kind": quote.kind, "text": quote.text,
        "start_char": quote.start_char, "end_char": quote.end_char,
        "speaker_id": q.speaker_id, "speaker_name": q.speaker_name,
        "speaker_local": q.speaker_name,
        "speaker_role": q.speaker_role, "speaker_role_local": q.speaker_role, "speaker_type": q.speaker_type,
        "speaker_type_local": q.speaker_type,
        "speaker_mention": speaker.text if speaker else None,
        "speaker_start": speaker.start_char if speaker else None,
        "speaker_end": speaker.end_char if speaker else None,
        "speaker_resolution": q.resolution, "speaker_resolution_local": q.resolution,
        "cue": cue.text if cue else None, "cue_lemma": cue.lemma if cue else None,
        "cue_start": cue.start_char if cue else None, "cue_end": cue.end_char if cue else None,
        "via_outlet_id": q.via_outlet_id,
        "via_outlet_local": q.via_outlet_name,
        "via_outlet_mention": via.text if via else None,
        "via_start": via.start_char if via else None, "via_end": via.end_char if via else None,
        "via_how": q.via_how, "first_hand": None if q.first_hand is None else int(q.first_hand),
        "sentence_start": quote.sentence_start, "sentence_end": quote.sentence_end,
        "rule": quote.rule, "confidence": quote.confidence, "continues": q.continues_id,
        "utterance_id": q.cluster_id, "status": "current", "superseded_by": None,
        "placement": q.placement, "piece_of": q.piece_of, "pull_quote_of": q.pull_quote_of,
        "wording": q.wording, "search_text": search_text, "search_joined": search_joined,
    }


def row_to_resolved(row: dict) -> ResolvedQuote:
    """A stored quote row back as a :class:`ResolvedQuote` (article-level names)."""
    def mention(text, start, end):
        return None if text is None else Mention(start_char=start, end_char=end, text=text)

    via = mention(row["via_outlet_mention"], row["via_start"], row["via_end"])
    quote = Quote(
        kind=row["kind"], start_char=row["start_char"], end_char=row["end_char"],
        text=row["text"],
        speaker=mention(row["speaker_mention"], row["speaker_start"], row["speaker_end"]),
        cue=None if row["cue"] is None else Cue(
            start_char=row["cue_start"], end_char=row["cue_end"], text=row["cue"],
            lemma=row["cue_lemma"] or row["cue"]),
        # the quote's own attribution named it (rows stored before migration 6 knew no other way)
        via_outlet=via if row.get("via_how") in (None, "named") else None,
        rule=row["rule"], confidence=row["confidence"],
        sentence_start=row["sentence_start"], sentence_end=row["sentence_end"],
    )
    via_name = row.get("via_outlet_local")
    if via_name is None and via:
        # a row stored before migration 3 kept no article-level name: the mention's own
        via_name = outlet_name(via.text)
    first_hand = row.get("first_hand")
    return ResolvedQuote(
        quote_id=row["id"], doc=row["doc"], quote=quote,
        # the article's role: speaker_role may be an editor's (rows from before
        # migration 10 had only that column, and no correction)
        speaker_name=row["speaker_local"], speaker_role=row.get("speaker_role_local", row["speaker_role"]),
        speaker_type=_local(row, "speaker_type") or "unknown",
        resolution=_local(row, "speaker_resolution") or "unresolved",
        via_outlet_name=via_name,
        via_how=row.get("via_how") or ("named" if via else None),
        via_outlet_mention=via,
        first_hand=None if first_hand is None else bool(first_hand),
        continues_id=row["continues"],
        placement=row.get("placement") or "body", piece_of=row.get("piece_of"),
        pull_quote_of=row.get("pull_quote_of"),
    )


def row_to_linked(row: dict, via_outlet_name: str | None = None) -> ResolvedQuote:
    """A stored quote row as corpus linking left it (what ``extract`` prints):
    the article-level record with the row's links, speaker type and resolution;
    ``via_outlet_name`` is the linked outlet's name (default: the article's)."""
    local = row_to_resolved(row)
    return attrs.evolve(
        local,
        speaker_id=row.get("speaker_id"),
        speaker_name=row.get("speaker_name"),
        speaker_role=row.get("speaker_role"),
        speaker_type=row.get("speaker_type") or "unknown",
        resolution=row.get("speaker_resolution") or "unresolved",
        via_outlet_id=row.get("via_outlet_id"),
        via_outlet_name=via_outlet_name or local.via_outlet_name,
        cluster_id=row.get("utterance_id"),
        wording=row.get("wording"),
    )


def _local(row: dict, column: str):
    """The article-level value of ``column``: its ``_local`` copy, or, in a row
    stored before migration 3 (when linking never changed it), the column itself."""
    local = row.get(f"{column}_local")
    return row.get(column) if local is None else local


def row_to_article(row: dict) -> Article:
    """An ``articles`` row back as an :class:`Article` (``text`` as selected)."""
    return Article(
        doc=row["doc"], path=row["path"] or row["doc"], text=row.get("text") or "", sha256=row["sha256"],
        title=row.get("title"), publisher=row.get("publisher"), date=row.get("date"), url=row.get("url"),
        published=row.get("published"), date_precision=row.get("date_precision"),
        author=row.get("author"), crawl_date=row.get("crawl_date"),
        provenance=json.loads(row.get("metadata_source") or "{}"),
    )


def row_to_correction(row: dict) -> Correction:
    """A ``corrections`` row back as the :class:`Correction` it records."""
    return Correction(number=row["id"], target_id=row["target_id"], field=row["field"], value=row["value"],
                      note=row["note"], who=row["who"], made_at=row["made_at"],
                      withdrawn_at=row["withdrawn_at"], withdrawn_by=row["withdrawn_by"])


def parse_row(sha256: str, models_key: str, models: dict, doc: ParsedDoc, parsed_at: str) -> dict:
    return {
        "sha256": sha256, "models_key": models_key, "models": json.dumps(models, sort_keys=True),
        "conllu_zlib": zlib.compress(to_conllu(doc).encode("utf-8"), 6),
        "words": sum(len(s.words) for s in doc.sentences), "parsed_at": parsed_at,
    }


def parse_from_row(row: dict, text: str) -> ParsedDoc:
    return read_conllu(text, zlib.decompress(row["conllu_zlib"]).decode("utf-8"))
