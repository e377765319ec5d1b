"""Parsing: article text -> :class:`ParsedDoc` with Stanza.

Each line of an article is a paragraph in news text files (headlines, captions
and paragraphs each stand on their own line), so every non-blank line is parsed
as its own Stanza document and its offsets shifted back into the article text.
"""

from __future__ import annotations

import hashlib
import re
from typing import Iterable

from .. import lexicon
from ..records import ParsedDoc, Sentence
from .conllu import word_from_stanza
from .geometry import paragraph_spans

_SPLITTING = "tokenize,mwt"  # run first: sentences cut short are joined before
_PARSING = "pos,lemma,depparse"
PROCESSORS = f"{_SPLITTING},{_PARSING}"

#: how sentences are made from the tokenizer's output; stored with the model
#: versions, since a change here changes the parses
SENTENCES_VERSION = "2"

#: a sentence ending in one of these runs on into the next
_RUNS_ON_RE = re.compile(r"[^\W_][\w'’&./-]*|[,—–-]")

#: a sentence made by joining is never longer than this many words
MAX_JOINED_WORDS = 150


_PIPELINES: dict = {}  # one loaded Stanza pipeline per model source, shared by parsers


class Parser:
    """Parses article texts with a Stanza pipeline, loaded on first use and
    shared by every parser of the process that uses the same models."""

    def __init__(self, models: str | None = None, pipeline=None):
        self.models = models  # "bundled", "official", or None for $QUOTETRACK_MODELS
        self._pipeline = pipeline
        self._own_pipeline = pipeline is not None  # given, not loaded from ``models``

    def __getstate__(self) -> dict:
        """Pickled (sent to a Dask worker) without the pipeline it loaded: the
        worker loads its own, once, from its own installed models."""
        state = dict(self.__dict__)
        if not self._own_pipeline:
            state["_pipeline"] = None
        return state

    @property
    def pipeline(self):
        if self._pipeline is None:
            from .models import load_pipeline

            if self.models not in _PIPELINES:
                _PIPELINES[self.models] = load_pipeline(self.models, processors=PROCESSORS)
            self._pipeline = _PIPELINES[self.models]
        return self._pipeline

    def versions(self) -> dict:
        """The model files and versions this parser runs, stored with each article;
        the parse's version, apart from the analysis version. The titles that
        join sentences again (titles.csv's ``before_name``) shape the parse, so
        they are part of it."""
        from .models import model_versions
        from .onnx_encoder import encoder_version

        return {**model_versions(self.models), "sentences": SENTENCES_VERSION,
                "sentence_titles": titles_hash(), **encoder_version()}

    def parse(self, text: str) -> ParsedDoc:
        return self.parse_many([text])[0]

    def parse_many(self, texts: Iterable[str]) -> list[ParsedDoc]:
        import stanza

        texts = list(texts)
        pieces = [(t, paragraph_spans(t)) for t in texts]
        docs = [stanza.Document([], text=t[s:e]) for t, spans in pieces for s, e in spans]
        if docs:
            docs = self.pipeline.bulk_process(docs, processors=_SPLITTING)
            docs = [rejoin_sentences(doc) for doc in docs]
            docs = self.pipeline.bulk_process(docs, processors=_PARSING)
        parsed, position = [], 0
        for text, spans in pieces:
            sentences: list[Sentence] = []
            for number, (offset, _) in enumerate(spans):
                doc = docs[position]
                position += 1
                for sent in doc.sentences:
                    sentences.append(
                        _sentence(sent, len(sentences), number, offset)
                    )
            parsed.append(ParsedDoc(text=text, sentences=tuple(sentences), paragraphs=spans))
        return parsed


def titles_hash() -> str:
    """A short digest of the titles that keep a sentence running on."""
    joined = "\n".join(sorted(lexicon.words().sentence_titles))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:12]


def runs_on(last_word: str) -> bool:
    """Whether a sentence that ends in ``last_word`` was cut short by the tokenizer.

    In a news paragraph a sentence ends in punctuation (or a closing quote or
    bracket); the tokenizer sometimes splits in mid-name ("Lester | Holt",
    "New | York", "Mrs. | Clinton", "ABC | News"), leaving a word, a title, a
    comma or a dash at the end. The titles are those of titles.csv that stand
    before a name (``before_name``), as written.
    """
    return last_word in lexicon.words().sentence_titles or (
        not last_word.endswith(".") and _RUNS_ON_RE.fullmatch(last_word) is not None)


def join_runs(sentences: list[list[dict]]) -> list[list[dict]]:
    """Sentences (Stanza's ``Document.to_dict()`` form) with each one that
    :func:`runs_on` joined to the next, word ids renumbered."""
    joined: list[list[dict]] = []
    for sent in sentences:
        prev = joined[-1] if joined else None
        if prev and runs_on(prev[-1]["text"]) and _words(prev) + _words(sent) <= MAX_JOINED_WORDS:
            shift = _words(prev)
            prev.extend(_shifted(entry, shift) for entry in sent)
        else:
            joined.append([dict(entry) for entry in sent])
    return joined


def _words(sent: list[dict]) -> int:
    return sum(1 for entry in sent if isinstance(entry["id"], int))


def _shifted(entry: dict, shift: int) -> dict:
    ids = entry["id"]
    new = tuple(i + shift for i in ids) if isinstance(ids, tuple) else ids + shift
    return {**entry, "id": new}


def rejoin_sentences(doc):
    """The tokenized Stanza document with sentences cut short joined again
    (the same document when none is)."""
    import stanza

    if not any(runs_on(sent.words[-1].text) for sent in doc.sentences[:-1]):
        return doc
    return stanza.Document(join_runs(doc.to_dict()), text=doc.text)


def _sentence(sent, index: int, paragraph: int, offset: int) -> Sentence:
    words = []
    for token in sent.tokens:
        for word in token.words:
            start, end = word.start_char, word.end_char
            if start is None or end is None:  # an MWT word not found in its token
                start, end = token.start_char, token.end_char
            words.append(word_from_stanza(word, len(words), start + offset, end + offset))
    return Sentence(index=index, words=tuple(words), paragraph=paragraph)
