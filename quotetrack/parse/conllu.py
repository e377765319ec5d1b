"""CoNLL-U in and out: exact, model-free parses for tests and stored parses.

:func:`from_conllu` builds a :class:`ParsedDoc` from CoNLL-U (read with
Stanza's ``CoNLL.conll2doc``) aligned to a text; :func:`to_conllu` writes a
parse with each word's offsets in MISC.
"""

from __future__ import annotations

from ..errors import QuotetrackError
from ..records import ParsedDoc, Sentence, Word
from .geometry import paragraph_index, paragraph_spans


def from_conllu(text: str, conllu: str) -> ParsedDoc:
    """A :class:`ParsedDoc` for ``text`` from its CoNLL-U parse.

    Tokens are laid over the text in order (whitespace between them skipped);
    words of a multi-word token share the token's span unless they spell it out
    ("do" + "n't" in "don't"). A token that cannot be found raises an error
    naming it.
    """
    from stanza.utils.conll import CoNLL

    doc = CoNLL.conll2doc(input_str=conllu)
    spans = paragraph_spans(text)
    para_starts = [start for start, _ in spans]
    position = 0
    sentences = []
    for sent in doc.sentences:
        words = []
        for token in sent.tokens:
            start = text.find(token.text, position)
            gap = text[position:start] if start >= 0 else None
            if start < 0 or (gap and gap.strip()):
                raise QuotetrackError(
                    f"CoNLL-U token {token.text!r} (sentence {len(sentences) + 1}) "
                    f"not found at offset {position} of the text"
                )
            end = start + len(token.text)
            local = 0
            for word in token.words:
                w_start = token.text.find(word.text, local) if len(token.words) > 1 else 0
                if w_start < 0:
                    w_start, w_end = 0, len(token.text)
                else:
                    w_end = w_start + len(word.text) if len(token.words) > 1 else len(token.text)
                    local = w_end
                words.append(word_from_stanza(word, len(words), start + w_start, start + w_end))
            position = end
        paragraph = paragraph_index(para_starts, words[0].start_char)
        sentences.append(Sentence(index=len(sentences), words=tuple(words), paragraph=paragraph))
    return ParsedDoc(text=text, sentences=tuple(sentences), paragraphs=spans)


def to_conllu(doc: ParsedDoc) -> str:
    """CoNLL-U for a parsed document (one word a line; MWTs written as words)."""
    lines = []
    for sent in doc.sentences:
        lines.append(f"# text = {doc.text[sent.start_char:sent.end_char]}")
        for w in sent.words:
            lines.append(
                "\t".join(
                    [str(w.id), w.text, w.lemma, w.upos, w.xpos or "_", w.feats or "_",
                     str(w.head), w.deprel, "_", f"start_char={w.start_char}|end_char={w.end_char}"]
                )
            )
        lines.append("")
    return "\n".join(lines) + "\n"


def read_conllu(text: str, conllu: str) -> ParsedDoc:
    """A ParsedDoc from CoNLL-U written by :func:`quotetrack.parse.to_conllu`
    (word offsets read from MISC, so no re-alignment is needed)."""
    spans = paragraph_spans(text)
    para_starts = [s for s, _ in spans]
    sentences, words = [], []

    def close():
        if words:
            start = words[0].start_char
            para = paragraph_index(para_starts, start)
            sentences.append(Sentence(index=len(sentences), words=tuple(words), paragraph=para))

    for line in conllu.splitlines():
        if not line.strip():
            close()
            words = []
            continue
        if line.startswith("#"):
            continue
        f = line.split("\t")
        misc = dict(kv.split("=", 1) for kv in f[9].split("|") if "=" in kv)
        words.append(Word(
            index=len(words), id=int(f[0]), text=f[1], lemma=f[2], upos=f[3],
            xpos=None if f[4] == "_" else f[4], feats=None if f[5] == "_" else f[5],
            head=int(f[6]), deprel=f[7],
            start_char=int(misc["start_char"]), end_char=int(misc["end_char"]),
        ))
    close()
    return ParsedDoc(text=text, sentences=tuple(sentences), paragraphs=spans)


def word_from_stanza(word, index: int, start: int, end: int) -> Word:
    """Our :class:`Word` from a Stanza word, at the given article offsets."""
    return Word(
        index=index,
        id=word.id,
        text=word.text,
        lemma=word.lemma or word.text,
        upos=word.upos or "X",
        xpos=word.xpos,
        feats=word.feats,
        head=word.head or 0,
        deprel=word.deprel or "dep",
        start_char=start,
        end_char=end,
    )
