"""Scoring speaker resolution and outlet attributions on GUM's Wikinews documents.

UD English GUM (the CC BY part that ``../shared/ud/`` holds, see its README)
has news (``GUM_news_*``) and interview (``GUM_interview_*``) documents that
are Wikinews articles, with gold dependency trees and coreference in the MISC
column (``Entity=(12-person-giv:act-cf1*-1,2-coref-Jared_Kushner`` opens a
mention of entity 12, ``Entity=12)`` closes it; the last field, when there,
is the entity's Wikipedia identity). No Stanza model is needed: each document
is analysed from its gold trees.

Reading (:func:`read_gum`): each ``# newdoc id = …`` starts a document; its
text is rebuilt from the token forms (a space after each token unless
``SpaceAfter=No``, sentences of one paragraph joined the same way, paragraphs
- each ``# newpar`` - on their own lines with a blank line between, headline
first), so that quotetrack's paragraph logic sees the article's paragraphs.
Every mention gets character offsets into that text; malformed input (a bad
row, an ``Entity`` bracket that closes what is not open or is never closed)
raises :class:`GumError` naming the file and the line.

Speakers (:func:`score_speakers`): for each quote :func:`quotetrack.pipeline.analyse`
finds, the speaker mention (for a continuation with none: the mention of the
quote it continues) is matched to a gold mention - the one with the same
span, else one with the same head word (quotetrack's head, then the gold
tree's), else the largest that starts with it inside it ("Professor Cres
Eastman" of "Professor Cres Eastman, Director of …") - and so to its
coreference chain, whose
*names* are the identity (``Jared_Kushner`` -> "Jared Kushner", a
disambiguation in brackets or after a comma dropped) and every proper-name
mention of the chain (its head's ``flat`` name, titles left out), longest
first. Outcomes: **correct** when the resolved ``speaker_name`` matches a name
of the chain, **wrong** when it is another name, **unresolved** when quotetrack
gave none though the chain has one; **no name** (the chain names no one:
"researchers say") and **no gold mention** (no gold mention has the speaker's
span or head) are counted apart and left out of the accuracy. Names match
when their folded forms (:func:`quotetrack.resolve.names.fold`) are equal, or
when they have the same first and last words (a middle name or initial in
one only: "Hillary Rodham Clinton" / "Hillary Clinton"); a one-word name (a
surname left standing: "Eastman") is correct when a fuller name of the chain
ends with it, and is counted apart as correct by a surname only; a full
name is correct against a chain that only ever gives one word ("Tom
Devocht" for "Devocht").
Reported per split - ``train`` apart from ``dev+test``, since the bundled
parser was trained on GUM train (the trees here are gold either way) - and
per resolution kind (``pronoun``, ``surname``, ``description``,
``continuation``, and ``unresolved:<kind of mention>``, the mention's kind
read off the gold tree: pronoun, surname (a one-word proper name),
description (no proper-noun head) or name; plain ``name`` resolutions as a
check). Extraction gives the later pieces of an interrupted quote their
first piece's speaker mention, so these count under that mention's kind.

Outlets (:func:`score_provenance`): the stand-off annotations of
``data/gum_provenance.json`` (see ``data/README.md``) give, for every quote of
the news and interview documents that came through an outlet (``told
Wikinews``, ``according to CNN``), the outlet and how it is tied to the
quote (``named``, ``carried``, ``speaker``), and for the other quotes
``via: null``. Each extracted quote is paired with the annotated content it
overlaps most (at least ``OVERLAP`` of its own characters): via-outlet
accuracy (of the pairs whose quote came through an outlet, the fraction with
that outlet), agreement (the right outlet or rightly none, over all pairs),
the spurious-outlet rate (gold null, an outlet predicted), missed outlets,
and how-accuracy (the same ``via_how``).
"""

from __future__ import annotations

import json
import os
import re
import urllib.parse
from collections import Counter
from pathlib import Path
from typing import Callable, Iterable, Sequence

import attrs

from ..errors import QuotetrackError

ENV_VAR = "QUOTETRACK_UD_DIR"
SPLITS = ("train", "dev", "test")
#: the genres whose documents are Wikinews articles
GENRES = ("news", "interview")
#: how the scores are grouped: the parser was trained on GUM train
SPLIT_GROUPS = {"train": ("train",), "dev+test": ("dev", "test")}
#: the share of an extracted quote's characters an annotated content must cover
OVERLAP = 0.3
PROVENANCE_FILE = Path(__file__).resolve().parent / "data" / "gum_provenance.json"
#: the fields of an Entity opening when the document declares none
DEFAULT_ENTITY_FIELDS = ("eid", "etype", "infstat", "salience", "centering", "minspan", "link", "identity")
HOWS = ("named", "carried", "speaker")
#: correct / wrong (another outlet) / missed (none predicted) / spurious (one predicted,
#: the annotation has none) / correct-none (rightly none)
PROVENANCE_OUTCOMES = ("correct", "wrong", "missed", "spurious", "correct-none")


class GumError(QuotetrackError):
    """A GUM CoNLL-U file or the provenance annotations cannot be read."""


def default_path() -> Path:
    """Where the UD files are: ``$QUOTETRACK_UD_DIR``, else ``../shared/ud`` beside
    the project (as ``benchmarks/`` and ``quotetrack models train`` expect it)."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    return Path(__file__).resolve().parent.parent.parent.parent / "shared" / "ud"


def gum_file(root: Path, split: str) -> Path:
    return Path(root) / f"en_gum-ccby-ud-{split}.conllu"


# --------------------------------------------------------------------------
# reading GUM
# --------------------------------------------------------------------------


@attrs.frozen
class GumWord:
    """One syntactic word of a gold tree, at its offsets in the rebuilt text."""

    id: int
    form: str
    upos: str
    head: int
    deprel: str
    start: int
    end: int


@attrs.frozen
class GumMention:
    """One coreference mention: a span of words (in one sentence, in GUM: one running
    into the next is cut, for its words and head, at the end of its first)."""

    start: int
    end: int
    entity: str
    etype: str
    identity: str | None
    sentence: int  # index of the sentence of its first word
    first: int  # CoNLL-U ID of its first word
    last: int  # ... and of its last (in the sentence of its last word)
    end_sentence: int = -1  # index of the sentence of its last word
    head_start: int = -1  # offsets of its head word (the word whose head is outside the span)
    head_end: int = -1
    line: int = 0  # the line of the file where it opens


@attrs.frozen
class GumDoc:
    doc_id: str
    split: str
    genre: str
    path: str
    text: str
    conllu: str  # the document's lines, as in the file
    sentences: tuple[tuple[GumWord, ...], ...]
    mentions: tuple[GumMention, ...]
    title: str | None = None
    url: str | None = None
    date: str | None = None

    def chain(self, entity: str) -> list[GumMention]:
        return [m for m in self.mentions if m.entity == entity]


def _misc(field: str) -> dict[str, str]:
    if field == "_":
        return {}
    return dict(kv.split("=", 1) if "=" in kv else (kv, "") for kv in field.split("|"))


_ENTITY_ITEM = re.compile(r"\(([^()]+)(\))?|([^()]+)\)")


def parse_entity(value: str, where: str) -> list[tuple[str, str, str | None, bool]]:
    """The items of an ``Entity=`` value in order: ("open", eid, its fields as
    written, closes-on-this-word) or ("close", eid, None, False). ``where`` names
    the file and line for errors."""
    items, pos = [], 0
    while pos < len(value):
        m = _ENTITY_ITEM.match(value, pos)
        if not m:
            raise GumError(f"{where}: malformed Entity value {value!r} at character {pos}")
        if m.group(1) is not None:
            eid = m.group(1).split("-", 1)[0]
            if not eid:
                raise GumError(f"{where}: Entity opening with no entity id in {value!r}")
            items.append(("open", eid, m.group(1), bool(m.group(2))))
        else:
            items.append(("close", m.group(3), None, False))
        pos = m.end()
    return items


def _entity_fields(raw: str, names: Sequence[str]) -> dict[str, str]:
    parts = raw.split("-", len(names) - 1)
    return dict(zip(names, parts))


def clean_identity(identity: str | None) -> str | None:
    """A readable name from a Wikipedia identity: "John_FitzGibbon%2C_2nd_Earl_of_Clare"
    -> "John FitzGibbon", "Georgia_(country)" -> "Georgia"."""
    if not identity:
        return None
    name = urllib.parse.unquote(identity).replace("_", " ")
    name = re.sub(r"\s*\([^)]*\)\s*$", "", name)
    name = name.split(", ")[0].strip()
    return name or None


class _DocBuilder:
    """Collects one document's lines and rebuilds its text and mentions."""

    def __init__(self, doc_id: str, split: str, path: str, line: int):
        self.doc_id, self.split, self.path, self.line = doc_id, split, path, line
        self.lines: list[str] = []
        self.meta: dict[str, str] = {}
        self.entity_fields: tuple[str, ...] = DEFAULT_ENTITY_FIELDS
        self.pieces: list[str] = []
        self.length = 0
        self.space_pending = ""  # what goes before the next token
        self.sentences: list[tuple[GumWord, ...]] = []
        self.words: list[GumWord] = []
        self.new_paragraph = True
        self.open: list[tuple[str, dict, int, int, int]] = []  # (eid, fields, sentence, word id, line)
        self.mentions: list[GumMention] = []
        self.mwt: tuple[int, int, str, int, int] | None = None  # (first, last, form, start, end)
        self.mwt_cursor = 0

    def where(self, line: int) -> str:
        return f"{self.path}:{line}"

    def comment(self, line: str, number: int) -> None:
        self.lines.append(line)
        body = line[1:].strip()
        if body == "newpar" or body.startswith("newpar ") or body.startswith("newpar="):
            self.new_paragraph = True
        elif body.startswith("meta::") and " = " in body:
            key, _, value = body[len("meta::"):].partition(" = ")
            self.meta[key.strip()] = value.strip()
        elif body.startswith("global.Entity") and "=" in body:
            fields = body.split("=", 1)[1].strip().split("-")
            self.entity_fields = tuple("eid" if f == "GRP" else f for f in fields)

    def _emit(self, form: str, space_after: bool) -> tuple[int, int]:
        if self.new_paragraph and self.length:
            self.pieces.append("\n\n")
            self.length += 2
        elif self.length:
            self.pieces.append(self.space_pending)
            self.length += len(self.space_pending)
        self.new_paragraph = False
        start = self.length
        self.pieces.append(form)
        self.length += len(form)
        self.space_pending = " " if space_after else ""
        return start, self.length

    def row(self, line: str, number: int) -> None:
        self.lines.append(line)
        cols = line.split("\t")
        if len(cols) != 10:
            raise GumError(f"{self.where(number)}: expected 10 tab-separated columns, found {len(cols)}")
        ident = cols[0]
        if "." in ident:  # an empty node: no text, no tree word
            return
        misc = _misc(cols[9])
        if "-" in ident:
            try:
                first, last = (int(x) for x in ident.split("-"))
            except ValueError:
                raise GumError(f"{self.where(number)}: bad multi-word token ID {ident!r}") from None
            start, end = self._emit(cols[1], misc.get("SpaceAfter") != "No")
            self.mwt = (first, last, cols[1], start, end)
            self.mwt_cursor = 0
            return
        try:
            wid, head = int(ident), int(cols[6])
        except ValueError:
            raise GumError(f"{self.where(number)}: bad word ID {ident!r} or head {cols[6]!r}") from None
        if wid != len(self.words) + 1:
            raise GumError(f"{self.where(number)}: word ID {wid} out of order (expected {len(self.words) + 1})")
        if self.mwt and self.mwt[0] <= wid <= self.mwt[1]:
            first, last, form, t_start, t_end = self.mwt
            # as quotetrack.parse.from_conllu lays a multi-word token's words over it
            local = form.find(cols[1], self.mwt_cursor)
            if local < 0:
                start, end = t_start, t_end
            else:
                start, end = t_start + local, t_start + local + len(cols[1])
                self.mwt_cursor = local + len(cols[1])
            if wid == last:
                self.mwt = None
        else:
            self.mwt = None
            start, end = self._emit(cols[1], misc.get("SpaceAfter") != "No")
        word = GumWord(id=wid, form=cols[1], upos=cols[3], head=head, deprel=cols[7], start=start, end=end)
        self.words.append(word)
        if "Entity" in misc:
            self._entities(misc["Entity"], word, number)

    def _entities(self, value: str, word: GumWord, number: int) -> None:
        sentence = len(self.sentences)
        for kind, eid, raw, closes in parse_entity(value, self.where(number)):
            if kind == "open":
                fields = _entity_fields(raw, self.entity_fields)
                self.open.append((eid, fields, sentence, word.id, number))
                if closes:
                    self._close(eid, word, number)
            else:
                self._close(eid, word, number)

    def _close(self, eid: str, word: GumWord, number: int) -> None:
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i][0] == eid:
                break
        else:
            raise GumError(f"{self.where(number)}: Entity bracket closes entity {eid}, which is not open")
        _, fields, sentence, first, line = self.open.pop(i)
        words = self.sentences[sentence] if sentence < len(self.sentences) else self.words
        start = words[first - 1].start
        self.mentions.append(GumMention(
            start=start, end=word.end, entity=eid, etype=fields.get("etype", ""),
            identity=fields.get("identity") or None, sentence=sentence, first=first, last=word.id,
            end_sentence=len(self.sentences), line=line))

    def end_sentence(self, number: int) -> None:
        if not self.words:
            return
        if self.mwt is not None:
            raise GumError(f"{self.where(number)}: multi-word token {self.mwt[2]!r} lacks its words")
        self.sentences.append(tuple(self.words))
        self.words = []

    def finish(self, number: int) -> GumDoc:
        self.end_sentence(number)
        if self.open:
            eid, _, _, _, line = self.open[0]
            raise GumError(f"{self.where(line)}: Entity bracket opens entity {eid}, which is never closed "
                           f"(document {self.doc_id} ends at line {number})")
        if not self.sentences:
            raise GumError(f"{self.where(self.line)}: document {self.doc_id} has no sentences")
        mentions = tuple(sorted((_with_head(m, self.sentences) for m in self.mentions),
                                key=lambda m: (m.start, -m.end)))
        genre = genre_of(self.doc_id) or self.meta.get("genre", "")
        return GumDoc(doc_id=self.doc_id, split=self.split, genre=genre, path=self.path,
                      text="".join(self.pieces) + "\n", conllu="\n".join(self.lines) + "\n",
                      sentences=tuple(self.sentences), mentions=mentions, title=self.meta.get("title"),
                      url=self.meta.get("sourceURL"), date=self.meta.get("dateCreated"))


def genre_of(doc_id: str) -> str:
    """"GUM_news_iodine" -> "news"."""
    parts = doc_id.split("_")
    return parts[1] if len(parts) > 2 else ""


def _with_head(m: GumMention, sentences) -> GumMention:
    """The mention with its head word: the first word of its span whose head is outside it."""
    words = sentences[m.sentence]
    last = m.last if m.end_sentence == m.sentence else len(words)  # one running into the next sentence
    span = range(m.first, last + 1)
    head = next((w for w in words[m.first - 1:last] if w.head not in span), words[m.first - 1])
    return attrs.evolve(m, head_start=head.start, head_end=head.end)


def read_conllu_docs(path: str | Path, split: str, text: str | None = None,
                     genres: Sequence[str] | None = GENRES) -> list[GumDoc]:
    """The documents of one GUM CoNLL-U file (``text``: its contents, else read from
    ``path``), those of ``genres`` only (None: all)."""
    path = str(path)
    if text is None:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise GumError(f"{path}: cannot be read ({exc})") from None
    docs: list[GumDoc] = []
    builder: _DocBuilder | None = None

    def wanted(b: _DocBuilder) -> bool:
        return genres is None or genre_of(b.doc_id) in genres

    number = 0
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("# newdoc"):
            if builder is not None and wanted(builder):
                docs.append(builder.finish(number - 1))
            doc_id = line.split("=", 1)[1].strip() if "=" in line else f"doc{len(docs) + 1}"
            builder = _DocBuilder(doc_id, split, path, number)
            builder.lines.append(line)
            continue
        if builder is None:
            if line.strip() and not line.startswith("#"):
                raise GumError(f"{path}:{number}: a token row before any '# newdoc id = …' line")
            continue
        if not wanted(builder):
            continue
        if not line.strip():
            builder.lines.append("")
            builder.end_sentence(number)
        elif line.startswith("#"):
            builder.comment(line, number)
        else:
            builder.row(line, number)
    if builder is not None and wanted(builder):
        docs.append(builder.finish(number))
    return docs


def read_gum(root: Path | None = None, splits: Sequence[str] = SPLITS,
             genres: Sequence[str] | None = GENRES) -> list[GumDoc]:
    """The Wikinews documents (news and interviews) of the GUM files under ``root``."""
    root = Path(root) if root else default_path()
    docs = []
    for split in splits:
        path = gum_file(root, split)
        if not path.exists():
            raise FileNotFoundError(f"no GUM file {path} (set --path or ${ENV_VAR} to the folder "
                                    "holding en_gum-ccby-ud-*.conllu)")
        docs.extend(read_conllu_docs(path, split, genres=genres))
    return docs


def parsed_doc(doc: GumDoc):
    """The :class:`~quotetrack.records.ParsedDoc` of a document's gold trees."""
    from ..parse import from_conllu

    return from_conllu(doc.text, doc.conllu)


def article_of(doc: GumDoc):
    """The :class:`~quotetrack.records.Article` quotetrack analyses (publisher Wikinews)."""
    import hashlib

    from ..records import Article

    return Article(doc=doc.doc_id, path=f"{doc.path}#{doc.doc_id}", text=doc.text,
                   sha256=hashlib.sha256(doc.text.encode()).hexdigest(), title=doc.title,
                   publisher="Wikinews", date=doc.date, url=doc.url)


def analysed(docs: Iterable[GumDoc], analyse: Callable | None = None) -> list[tuple[GumDoc, list]]:
    """Each document with its resolved quotes (``analyse(article, parsed_doc)``,
    default :func:`quotetrack.pipeline.analyse`)."""
    if analyse is None:
        from ..pipeline import analyse
    return [(d, analyse(article_of(d), parsed_doc(d))) for d in docs]


# --------------------------------------------------------------------------
# gold names of coreference chains
# --------------------------------------------------------------------------

_CONNECTORS = ("of", "for", "and", "&", "de", "du", "von", "van", "al")


def mention_words(doc: GumDoc, m: GumMention) -> tuple[GumWord, ...]:
    words = doc.sentences[m.sentence]
    last = m.last if m.end_sentence == m.sentence else len(words)
    return words[m.first - 1:last]


def _head_word(doc: GumDoc, m: GumMention) -> GumWord:
    return next(w for w in doc.sentences[m.sentence] if w.start == m.head_start)


def mention_name(doc: GumDoc, m: GumMention) -> str | None:
    """The proper name a mention gives, or None: the head's ``flat`` name when
    it has one ("US President Barack Obama" -> "Barack Obama", titles being
    ``nmod:desc``; "curator Elaine Gustafon", whose head is "curator", ->
    "Elaine Gustafon"), else for a proper-noun head the run of capitalised words
    around it ("the World Health Organisation" -> "World Health Organisation");
    leading titles ("Emeritus Professor") are dropped, and a mention that is
    titles only ("Director of …") names no one."""
    head = _head_word(doc, m)
    words = mention_words(doc, m)
    ids, flat = {head.id}, []
    grown = True
    while grown:  # flat parts of flat parts: "curator Elaine Gustafon" is curator <- Elaine <- Gustafon
        grown = False
        for w in words:
            if w.id not in ids and w.head in ids and w.deprel.startswith("flat"):
                ids.add(w.id)
                flat.append(w)
                grown = True
    if head.upos == "PROPN" and flat:
        return _without_titles([w.form for w in sorted(flat + [head], key=lambda w: w.id) if w.upos != "PUNCT"])
    if flat and all(w.upos == "PROPN" for w in flat):
        return _without_titles([w.form for w in flat])
    if head.upos != "PROPN":
        return None
    i = words.index(head)
    lo = hi = i
    while lo > 0 and words[lo - 1].form[:1].isupper() and words[lo - 1].upos in ("PROPN", "ADJ", "NOUN", "NUM") \
            and words[lo - 1].deprel != "nmod:desc":
        lo -= 1
    while hi + 1 < len(words):
        nxt = words[hi + 1]
        if nxt.form[:1].isupper() and nxt.upos in ("PROPN", "NOUN", "ADJ", "NUM"):
            hi += 1
        elif (nxt.form.lower() in _CONNECTORS and hi + 2 < len(words)
              and words[hi + 2].upos == "PROPN" and words[hi + 2].form[:1].isupper()):
            hi += 2
        else:
            break
    return _without_titles([w.form for w in words[lo:hi + 1]])


def _without_titles(forms: list[str]) -> str | None:
    """A name without the titles before it (the lexicon's title words); None when
    nothing else is left."""
    from .. import lexicon

    titles = lexicon.words().title_words
    while forms and forms[0].lower().rstrip(".") in titles | {"emeritus", "dr", "mr", "mrs", "ms", "prof"}:
        forms = forms[1:]
    return " ".join(forms) or None


@attrs.frozen
class Chain:
    """What a coreference chain says of its entity's name."""

    entity: str
    etype: str
    identity: str | None  # cleaned
    names: tuple[str, ...]  # the identity, then the proper-name mentions, longest first

    @property
    def name(self) -> str | None:
        """The chain's named mention: its identity, else its longest proper-name mention."""
        return self.names[0] if self.names else None


def chain_of(doc: GumDoc, entity: str) -> Chain:
    mentions = doc.chain(entity)
    identity = next((clean_identity(m.identity) for m in mentions if m.identity), None)
    found: list[str] = []
    for m in mentions:
        n = mention_name(doc, m)
        if n and n not in found:
            found.append(n)
    found.sort(key=lambda n: -len(n.split()))  # stable: the first of the longest first
    names = tuple(([identity] if identity else []) + [n for n in found if n != identity])
    return Chain(entity, mentions[0].etype if mentions else "", identity, names)


def names_match(predicted: str, gold_names: Sequence[str]) -> str | None:
    """How ``predicted`` matches one of a chain's names: "exact" (folded equal),
    "first-last" (same first and last words: a middle name or initial in one
    only), "surname" (a one-word prediction some name ends with),
    "gold-surname" (the chain's names are one word, which ends the
    prediction: "Tom Devocht" for a chain that only says "Devocht"), or None."""
    from ..resolve.names import fold

    p = fold(predicted).split()
    golds = [g for g in (fold(n).split() for n in gold_names) if g]
    if not p or not golds:
        return None
    if len(p) == 1 and any(len(g) >= 2 and g[-1] == p[0] for g in golds):
        return "surname"  # the chain gives a fuller name ending with it (even if it also says "Eastman")
    if p in golds:
        return "exact"
    if len(p) >= 2 and any(len(g) >= 2 and p[0] == g[0] and p[-1] == g[-1] for g in golds):
        return "first-last"
    if len(p) >= 2 and all(len(g) == 1 for g in golds) and p[-1] in [g[0] for g in golds]:
        return "gold-surname"  # the chain names its entity by one word only ("Devocht")
    return None


# --------------------------------------------------------------------------
# speaker resolution
# --------------------------------------------------------------------------

KINDS = ("pronoun", "surname", "description", "continuation",
         "unresolved:pronoun", "unresolved:surname", "unresolved:description")
CHECK_KINDS = ("name", "unresolved:name")
OUTCOMES = ("correct", "wrong", "unresolved", "no_name", "no_gold_mention")


@attrs.frozen
class SpeakerCase:
    """One scored quote: its speaker mention against the gold chain."""

    doc: str
    split: str
    kind: str  # the resolution kind (KINDS or CHECK_KINDS)
    outcome: str  # OUTCOMES
    mention: str
    predicted: str | None
    gold: str | None
    quote: str
    match: str | None = None  # how a correct name matched (names_match)


def gold_mention_for(doc: GumDoc, start: int, end: int, head: tuple[int, int] | None) -> GumMention | None:
    """The gold mention of a speaker span: the one with the same span, else one
    whose head word is the speaker's head (quotetrack's, then the gold tree's
    head of the span; the largest overlap first), else the largest one that
    starts where the span does and ends inside it ("Professor Cres Eastman" of
    "Professor Cres Eastman, Director of …"), else None."""
    same = [m for m in doc.mentions if m.start == start and m.end == end]
    if same:
        return max(same, key=lambda m: m.end - m.start)
    for h in (head, _span_head(doc, start, end)):
        heads = [m for m in doc.mentions if h is not None and (m.head_start, m.head_end) == h]
        if heads:
            return max(heads, key=lambda m: (min(end, m.end) - max(start, m.start), -(m.end - m.start)))
    inside = [m for m in doc.mentions if m.start == start and m.end <= end]
    return max(inside, key=lambda m: m.end - m.start) if inside else None


def _span_head(doc: GumDoc, start: int, end: int) -> tuple[int, int] | None:
    """The head word (offsets) of a character span of the text, by the gold tree."""
    for words in doc.sentences:
        inside = [w for w in words if w.start >= start and w.end <= end]
        if inside:
            ids = {w.id for w in inside}
            head = next((w for w in inside if w.head not in ids), inside[0])
            return head.start, head.end
    return None


def mention_kind(doc: GumDoc, text: str, start: int, end: int, head: tuple[int, int] | None) -> str:
    """pronoun / surname (a one-word proper name) / name / description, by the gold tree."""
    from ..resolve.names import is_pronoun

    if is_pronoun(text):
        return "pronoun"
    head = head or _span_head(doc, start, end)
    for words in doc.sentences:
        inside = [w for w in words if w.start >= start and w.end <= end]
        if not inside:
            continue
        h = next((w for w in inside if (w.start, w.end) == head), inside[0])
        if h.upos == "PRON":
            return "pronoun"
        if h.upos != "PROPN":
            return "description"
        flat = [w for w in inside if w is h or (w.head == h.id and w.deprel.startswith("flat"))]
        return "name" if len(flat) > 1 else "surname"
    return "description"


def _root_speaker(q, by_id: dict):
    """The quote whose speaker mention a quote has: itself, or what it continues."""
    seen = set()
    while q.quote.speaker is None and q.continues_id in by_id and q.quote_id not in seen:
        seen.add(q.quote_id)
        q = by_id[q.continues_id]
    return q


def speaker_cases(doc: GumDoc, quotes: Sequence) -> list[SpeakerCase]:
    """The scored quotes of one document (quotes with no speaker mention, even
    through what they continue, are not scored)."""
    by_id = {q.quote_id: q for q in quotes}
    cases = []
    chains: dict[str, Chain] = {}
    for q in quotes:
        root = _root_speaker(q, by_id)
        sp = root.quote.speaker
        if sp is None:
            continue
        head = (sp.head_start, sp.head_end) if sp.head_start is not None and sp.head_end is not None else None
        if q.resolution == "unresolved":
            kind = f"unresolved:{mention_kind(doc, sp.text, sp.start_char, sp.end_char, head)}"
        elif q.quote.speaker is None:
            kind = "continuation"
        else:
            kind = q.resolution
        gold_m = gold_mention_for(doc, sp.start_char, sp.end_char, head)
        gold = None
        match = None
        if gold_m is None:
            outcome = "no_gold_mention"
        else:
            if gold_m.entity not in chains:
                chains[gold_m.entity] = chain_of(doc, gold_m.entity)
            chain = chains[gold_m.entity]
            gold = chain.name
            if not chain.names:
                outcome = "no_name"
            elif not q.speaker_name:
                outcome = "unresolved"
            else:
                match = names_match(q.speaker_name, chain.names)
                outcome = "correct" if match else "wrong"
        cases.append(SpeakerCase(doc=doc.doc_id, split=doc.split, kind=kind, outcome=outcome, mention=sp.text,
                                 predicted=q.speaker_name, gold=gold, quote=q.quote.text, match=match))
    return cases


def _tally(cases: Iterable[SpeakerCase]) -> dict:
    cases = list(cases)
    c = Counter(x.outcome for x in cases)
    scored = c["correct"] + c["wrong"] + c["unresolved"]
    out = {o: c[o] for o in OUTCOMES}
    out["scored"] = scored
    out["correct_surname_only"] = sum(1 for x in cases if x.outcome == "correct" and x.match == "surname")
    out["accuracy"] = c["correct"] / scored if scored else None
    out["precision"] = c["correct"] / (c["correct"] + c["wrong"]) if c["correct"] + c["wrong"] else None
    return out


def score_speakers(pairs: Iterable[tuple[GumDoc, Sequence]]) -> dict:
    """Speaker-resolution scores per split group and resolution kind, and the cases."""
    cases = [c for doc, quotes in pairs for c in speaker_cases(doc, quotes)]
    groups = dict(SPLIT_GROUPS, all=SPLITS)
    result: dict = {"groups": {}, "cases": cases}
    for group, splits in groups.items():
        mine = [c for c in cases if c.split in splits]
        kinds = {k: _tally(c for c in mine if c.kind == k) for k in KINDS + CHECK_KINDS}
        result["groups"][group] = {
            "kinds": kinds,
            "non_name": _tally(c for c in mine if c.kind in KINDS),
            "name": _tally(c for c in mine if c.kind in CHECK_KINDS),
        }
    return result


# --------------------------------------------------------------------------
# outlet attributions (stand-off annotations in data/gum_provenance.json)
# --------------------------------------------------------------------------


@attrs.frozen
class GoldProvenance:
    """One annotated quote of a GUM document and the outlet it came through."""

    doc: str
    start: int
    end: int
    text: str
    via: str | None
    how: str | None = None  # HOWS; None when via is None
    mention: tuple[int, int] | None = None  # the words that name the outlet


def load_provenance(path: Path | None = None, docs: Sequence[GumDoc] | None = None) -> list[GoldProvenance]:
    """The annotations; with ``docs``, each is checked against its document's text
    (a content or mention whose offsets do not hold its text is an error)."""
    path = Path(path) if path else PROVENANCE_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise GumError(f"{path}: cannot be read ({exc})") from None
    texts = {d.doc_id: d.text for d in docs} if docs is not None else None
    out = []
    for i, row in enumerate(data.get("quotes", [])):
        where = f"{path}: quote {i} ({row.get('doc')})"
        try:
            start, end = row["content"]
            mention = tuple(row["mention"]["span"]) if row.get("mention") else None
            gold = GoldProvenance(doc=row["doc"], start=start, end=end, text=row["text"], via=row.get("via"),
                                  how=row.get("how"), mention=mention)
        except (KeyError, TypeError, ValueError) as exc:
            raise GumError(f"{where}: malformed ({exc!r})") from None
        if (gold.via is None) != (gold.how is None) or (gold.how is not None and gold.how not in HOWS):
            raise GumError(f"{where}: via {gold.via!r} with how {gold.how!r} (how is one of {HOWS} "
                           "when via is given, else null)")
        if texts is not None and gold.doc in texts:
            text = texts[gold.doc]
            if text[gold.start:gold.end] != gold.text:
                raise GumError(f"{where}: content {gold.start}-{gold.end} reads "
                               f"{text[gold.start:gold.end]!r}, not {gold.text!r}")
            if gold.mention and text[gold.mention[0]:gold.mention[1]] != row["mention"]["text"]:
                raise GumError(f"{where}: mention {gold.mention} reads {text[slice(*gold.mention)]!r}, "
                               f"not {row['mention']['text']!r}")
        out.append(gold)
    return out


def same_outlet(a: str | None, b: str | None) -> bool:
    """Two outlet names for one outlet, compared as quotetrack names outlets."""
    from ..resolve.names import fold
    from ..resolve.outlets import outlet_name

    if a is None or b is None:
        return a is b
    return fold(outlet_name(a)) == fold(outlet_name(b))


@attrs.frozen
class ProvenanceCase:
    doc: str
    split: str
    quote: str
    gold_via: str | None
    predicted_via: str | None
    gold_how: str | None
    predicted_how: str | None
    outcome: str  # PROVENANCE_OUTCOMES
    gold_start: int = 0  # where the annotated content starts
    speaker_outlet: bool = False  # quotetrack gave the gold outlet as the quote's speaker


def _chars(text: str, start: int, end: int) -> set[int]:
    return {i for i in range(start, end) if not text[i].isspace() and text[i] not in "\"“”‘’'.,;:"}


def provenance_cases(doc: GumDoc, quotes: Sequence, gold: Sequence[GoldProvenance]) -> list[ProvenanceCase]:
    """Each extracted quote that an annotated content covers (at least OVERLAP of
    its characters), with the annotation that covers most of it."""
    mine = [g for g in gold if g.doc == doc.doc_id]
    spans = [(g, _chars(doc.text, g.start, g.end)) for g in mine]
    out = []
    for q in quotes:
        chars = _chars(doc.text, q.quote.start_char, q.quote.end_char)
        if not chars:
            continue
        best, share = None, 0.0
        for g, gc in spans:
            s = len(chars & gc) / len(chars)
            if s > share:
                best, share = g, s
        if best is None or share < OVERLAP:
            continue
        pred = q.via_outlet_name
        how = q.via_how
        if best.via is None:
            outcome = "spurious" if pred else "correct-none"
        elif pred is None:
            outcome = "missed"
        else:
            outcome = "correct" if same_outlet(pred, best.via) else "wrong"
        # the outlet given as the quote's speaker (of any type: "KCNA" is typed an organisation)
        as_speaker = bool(best.via and q.speaker_name and same_outlet(q.speaker_name, best.via))
        out.append(ProvenanceCase(doc=doc.doc_id, split=doc.split, quote=q.quote.text, gold_via=best.via,
                                  predicted_via=pred, gold_how=best.how, predicted_how=how, outcome=outcome,
                                  gold_start=best.start, speaker_outlet=as_speaker))
    return out


def score_provenance(pairs: Iterable[tuple[GumDoc, Sequence]], gold: Sequence[GoldProvenance]) -> dict:
    """Via-outlet accuracy, spurious-outlet rate, missed outlets and (when the
    quotes carry ``via_how``) how-accuracy, over the extracted quotes an
    annotation covers; plus how many annotations no extracted quote reached."""
    pairs = list(pairs)
    cases = [c for doc, quotes in pairs for c in provenance_cases(doc, quotes, gold)]
    in_docs = {d.doc_id for d, _ in pairs}
    annotated = [g for g in gold if g.doc in in_docs]
    c = Counter(x.outcome for x in cases)
    with_via = [x for x in cases if x.gold_via is not None]
    without = [x for x in cases if x.gold_via is None]
    how_ok = sum(1 for x in with_via if x.predicted_how == x.gold_how)
    return {
        "annotated": len(annotated),
        "annotated_via": sum(g.via is not None for g in annotated),
        "annotated_by_how": {h: sum(g.how == h for g in annotated) for h in HOWS},
        "matched": len(cases),
        "matched_via": len(with_via),
        "outcomes": {o: c[o] for o in PROVENANCE_OUTCOMES},
        # the right outlet, or rightly none, over every matched quote
        "agreement": (c["correct"] + c["correct-none"]) / len(cases) if cases else None,
        # the right outlet over the matched quotes that came through one
        "via_accuracy": c["correct"] / len(with_via) if with_via else None,
        # right over every outlet predicted on a matched quote
        "via_precision": c["correct"] / (c["correct"] + c["wrong"] + c["spurious"])
        if c["correct"] + c["wrong"] + c["spurious"] else None,
        # an outlet predicted where the annotation has none
        "spurious_rate": c["spurious"] / len(without) if without else None,
        "how_accuracy": how_ok / len(with_via) if with_via else None,
        "by_how": {h: _how_tally([x for x in with_via if x.gold_how == h]) for h in HOWS},
        "reached": len({(x.doc, x.gold_start) for x in cases}),
        "cases": cases,
    }


def _how_tally(cases: Sequence[ProvenanceCase]) -> dict:
    """One kind of tie's outcomes; ``as_speaker``: how many quotetrack gave the
    outlet as the quote's speaker name instead (what it does today with "CNN reported")."""
    c = Counter(x.outcome for x in cases)
    return {"matched": len(cases), "correct": c["correct"], "wrong": c["wrong"], "missed": c["missed"],
            "as_speaker": sum(x.speaker_outlet for x in cases)}


# --------------------------------------------------------------------------
# the whole evaluation and its report
# --------------------------------------------------------------------------


def evaluate_gum(path: Path | None = None, provenance: Path | None = None,
                 analyse: Callable | None = None) -> dict:
    """Read GUM's Wikinews documents, analyse them on their gold trees and score
    speaker resolution and outlet attributions."""
    docs = read_gum(path)
    pairs = analysed(docs, analyse)
    gold = load_provenance(provenance, docs)
    speakers = score_speakers(pairs)
    outlets = score_provenance(pairs, gold)
    outlets_by_group = {g: score_provenance([(d, q) for d, q in pairs if d.split in splits], gold)
                        for g, splits in SPLIT_GROUPS.items()}
    return {
        "documents": {s: sorted(d.doc_id for d in docs if d.split == s) for s in SPLITS},
        "quotes": sum(len(q) for _, q in pairs),
        "speakers": speakers,
        "outlets": outlets,
        "outlets_by_group": outlets_by_group,
    }


def _pct(x: float | None) -> str:
    return "   -  " if x is None else f"{100 * x:5.1f}%"


def format_table(result: dict, errors: bool = False) -> str:
    """The scores as plain-text tables (with ``errors``, every wrong or unresolved case)."""
    docs = result["documents"]
    lines = [
        "GUM Wikinews documents (gold trees): " + ", ".join(f"{s} {len(docs[s])}" for s in SPLITS)
        + f"; {result['quotes']} quotes extracted",
        "",
        "Speaker resolution (the speaker mention's gold chain and its name)",
        f"{'split':<9} {'kind':<24} {'correct':>7} {'s.only':>6} {'wrong':>6} {'unres':>6} {'acc':>7} {'prec':>7}"
        f" {'no name':>8} {'no gold':>8}",
    ]
    for group, g in result["speakers"]["groups"].items():
        rows = [(k, g["kinds"][k]) for k in KINDS] + [("all but names", g["non_name"])] + \
               [(k, g["kinds"][k]) for k in CHECK_KINDS] + [("names (check)", g["name"])]
        for kind, t in rows:
            if not (t["scored"] or t["no_name"] or t["no_gold_mention"]) and kind not in ("all but names", "names (check)"):
                continue
            lines.append(f"{group:<9} {kind:<24} {t['correct']:7d} {t['correct_surname_only']:6d} {t['wrong']:6d} "
                         f"{t['unresolved']:6d} "
                         f"{_pct(t['accuracy']):>7} {_pct(t['precision']):>7} {t['no_name']:8d} "
                         f"{t['no_gold_mention']:8d}")
        lines.append("")
    lines += ["s.only: correct by a surname alone that the chain's fuller name ends with; acc: correct over "
              "correct+wrong+unres; prec: correct over correct+wrong;",
              "no name: the chain names no one, no gold: no gold mention has the speaker's span or head "
              "(both left out of acc and prec)", ""]
    lines.append("Outlet attributions (data/gum_provenance.json)")
    lines.append(f"{'split':<9} {'annot':>6} {'via':>5} {'matched':>8} {'m.via':>6} {'correct':>8} {'wrong':>6}"
                 f" {'missed':>7} {'spur':>5} {'agree':>8} {'via acc':>8} {'spur rate':>9} {'how acc':>8}")
    for group, o in list(result["outlets_by_group"].items()) + [("all", result["outlets"])]:
        oc = o["outcomes"]
        lines.append(f"{group:<9} {o['annotated']:6d} {o['annotated_via']:5d} {o['matched']:8d} {o['matched_via']:6d} "
                     f"{oc['correct']:8d} {oc['wrong']:6d} {oc['missed']:7d} {oc['spurious']:5d} "
                     f"{_pct(o['agreement']):>8} {_pct(o['via_accuracy']):>8} {_pct(o['spurious_rate']):>9} "
                     f"{_pct(o['how_accuracy']):>8}")
    lines.append("")
    lines.append("Outlet attributions by how the outlet is tied (all splits; matched quotes with a gold outlet)")
    lines.append(f"{'how':<9} {'annot':>6} {'matched':>8} {'correct':>8} {'wrong':>6} {'missed':>7} {'as speaker':>11}")
    o = result["outlets"]
    for how in HOWS:
        t = o["by_how"][how]
        lines.append(f"{how:<9} {o['annotated_by_how'][how]:6d} {t['matched']:8d} {t['correct']:8d} {t['wrong']:6d} "
                     f"{t['missed']:7d} {t['as_speaker']:11d}")
    lines.append(f"({o['reached']} of {o['annotated']} annotated quotes reached by an extracted quote)")
    if errors:
        lines += ["", "Speaker errors (doc | kind | outcome | speaker mention | predicted | gold)"]
        for c in result["speakers"]["cases"]:
            if c.outcome in ("wrong", "unresolved"):
                lines.append(f"{c.doc} | {c.kind} | {c.outcome} | {_short(c.mention)} | {c.predicted} | {c.gold}")
        lines += ["", "Outlet errors (doc | outcome | quote | predicted | gold)"]
        for c in result["outlets"]["cases"]:
            if c.outcome in ("wrong", "missed", "spurious") or (
                    c.gold_via and c.predicted_how is not None and c.predicted_how != c.gold_how):
                how = f" | how {c.predicted_how} vs {c.gold_how}" if c.predicted_how is not None else ""
                lines.append(f"{c.doc} | {c.outcome} | {_short(c.quote)} | {c.predicted_via} | {c.gold_via}{how}")
    return "\n".join(lines)


def _short(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1] + "…"


def result_json(result: dict) -> dict:
    """The result as plain JSON (cases as dicts)."""
    def plain(x):
        if attrs.has(type(x)):
            return attrs.asdict(x)
        if isinstance(x, dict):
            return {k: plain(v) for k, v in x.items()}
        if isinstance(x, (list, tuple)):
            return [plain(v) for v in x]
        return x

    return plain(result)
