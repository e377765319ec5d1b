"""Small builders for records over real text, shared by the unit tests."""

from __future__ import annotations

import hashlib

from quotetrack import ids
from quotetrack.records import Article, Cue, Mention, ParsedDoc, Quote, ResolvedQuote


def span(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


def article(text: str, doc: str = "a.txt", **meta) -> Article:
    return Article(doc=doc, path=doc, text=text,
                   sha256=hashlib.sha256(text.encode()).hexdigest(), **meta)


def quote(text: str, content: str, speaker: str | None = None, cue: str | None = None,
          kind: str = "direct", after: int = 0, via: str | None = None, **extra) -> Quote:
    start, end = span(text, content, after)
    mention = None
    if speaker:
        s, e = span(text, speaker, after)
        mention = Mention(start_char=s, end_char=e, text=speaker)
    cue_rec = None
    if cue:
        s, e = span(text, cue, after)
        cue_rec = Cue(start_char=s, end_char=e, text=cue, lemma=cue)
    via_rec = None
    if via:
        s, e = span(text, via, after)
        via_rec = Mention(start_char=s, end_char=e, text=via)
    return Quote(kind=kind, start_char=start, end_char=end, text=content, speaker=mention,
                 cue=cue_rec, via_outlet=via_rec, rule="test", confidence=0.9, **extra)


def empty_doc(text: str) -> ParsedDoc:
    return ParsedDoc(text=text, sentences=())


def resolved(doc: str, text: str, speaker_name: str, speaker_type: str = "person",
             role: str | None = None, sha: str | None = None, kind: str = "direct") -> ResolvedQuote:
    q = Quote(kind=kind, start_char=0, end_char=len(text), text=text, rule="test", confidence=0.9)
    sha = sha or hashlib.sha256(f"{doc}{text}".encode()).hexdigest()
    return ResolvedQuote(quote_id=ids.quote_id(sha, 0, len(text)), doc=doc, quote=q,
                         speaker_name=speaker_name, speaker_type=speaker_type, speaker_role=role,
                         resolution="name")


def compact_conllu(*sentences: str) -> str:
    """CoNLL-U from compact hand-written parses: one word a line, ``form head
    deprel UPOS [lemma [XPOS]]`` (heads as 1-based word numbers; ``-`` for no XPOS)."""
    out = []
    for sent in sentences:
        rows = [line.split() for line in sent.strip().splitlines() if line.strip()]
        for i, row in enumerate(rows, 1):
            form, head, deprel, upos = row[:4]
            lemma = row[4] if len(row) > 4 else form.lower()
            xpos = row[5] if len(row) > 5 and row[5] != "-" else "_"
            out.append("\t".join([str(i), form, lemma, upos, xpos, "_", head, deprel, "_", "_"]))
        out.append("")
    return "\n".join(out) + "\n"
