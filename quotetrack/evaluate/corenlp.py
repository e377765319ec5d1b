"""Reading the CoreNLP parses that ship with PolNeAR (``data/<split>/corenlp/*.txt.xml``).

They let extraction be scored without running Stanza, and apart from parser
quality. CoreNLP's basic dependencies there are UD v1; :func:`read_corenlp_xml`
maps them onto the UD v2 names the extraction rules read (``nsubjpass`` ->
``nsubj:pass``, ``dobj`` -> ``obj``, ``nmod`` on a predicate -> ``obl``,
``name`` -> ``flat``, ``mwe`` -> ``fixed``) and Penn tags onto UPOS. Word
texts are taken from the article at the token offsets (CoreNLP rewrites quote
marks as ``` `` ``` and ``''``).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from .. import lexicon
from ..parse.geometry import paragraph_index, paragraph_spans
from ..records import ParsedDoc, Sentence, Word

_UPOS = {
    "NN": "NOUN", "NNS": "NOUN", "NNP": "PROPN", "NNPS": "PROPN", "JJ": "ADJ", "JJR": "ADJ",
    "JJS": "ADJ", "RB": "ADV", "RBR": "ADV", "RBS": "ADV", "WRB": "ADV", "PRP": "PRON",
    "PRP$": "PRON", "WP": "PRON", "WP$": "PRON", "EX": "PRON", "DT": "DET", "PDT": "DET",
    "WDT": "PRON", "IN": "ADP", "CC": "CCONJ", "CD": "NUM", "TO": "PART", "MD": "AUX",
    "POS": "PART", "RP": "ADP", "UH": "INTJ", "FW": "X", "LS": "X", "SYM": "SYM", "$": "SYM",
    "#": "SYM",
}
_V1_TO_V2 = {
    "nsubjpass": "nsubj:pass", "csubjpass": "csubj:pass", "auxpass": "aux:pass", "dobj": "obj",
    "name": "flat", "mwe": "fixed", "neg": "advmod", "nmod:agent": "obl:agent",
}
_PREDICATES = {"VERB", "ADJ", "AUX", "ADV"}


def _upos(tag: str, lemma: str, deprel: str) -> str:
    if tag.startswith("VB"):
        return "AUX" if lemma in lexicon.words().auxiliaries and deprel in ("aux", "aux:pass", "cop") else "VERB"
    if tag == "IN" and deprel == "mark":
        return "SCONJ"
    if tag in _UPOS:
        return _UPOS[tag]
    return "PUNCT"


def read_corenlp_xml(text: str, xml: str) -> ParsedDoc:
    """A :class:`ParsedDoc` of ``text`` from CoreNLP's XML output."""
    root = ET.fromstring(xml)
    spans = paragraph_spans(text)
    para_starts = [s for s, _ in spans]
    sentences = []
    for sent in root.iter("sentence"):
        tokens = sent.find("tokens")
        deps = next((d for d in sent.findall("dependencies") if d.get("type") == "basic-dependencies"), None)
        if tokens is None or deps is None:
            continue
        heads: dict[int, tuple[int, str]] = {}
        for dep in deps.findall("dep"):
            heads[int(dep.find("dependent").get("idx"))] = (int(dep.find("governor").get("idx")), dep.get("type"))
        toks = tokens.findall("token")
        raw = []
        for t in toks:
            i = int(t.get("id"))
            start, end = int(t.findtext("CharacterOffsetBegin")), int(t.findtext("CharacterOffsetEnd"))
            head, rel = heads.get(i, (0, "root"))
            rel = _V1_TO_V2.get(rel, rel)
            tag, lemma = t.findtext("POS") or "X", (t.findtext("lemma") or "").lower()
            raw.append([i, start, end, head, rel, tag, lemma, _upos(tag, lemma, rel)])
        upos_of = {r[0]: r[7] for r in raw}
        words = []
        for i, start, end, head, rel, tag, lemma, upos in raw:
            if rel.startswith("nmod") and rel != "nmod:poss" and upos_of.get(head) in _PREDICATES:
                rel = "obl" + rel[4:]
            feats = "PronType=Rel" if tag in ("WP", "WDT", "WP$") else None
            words.append(Word(
                index=len(words), id=i, text=text[start:end], lemma=lemma or text[start:end].lower(),
                upos=upos, xpos=tag, feats=feats, head=head, deprel=rel, start_char=start, end_char=end,
            ))
        if not words:
            continue
        para = paragraph_index(para_starts, words[0].start_char)
        sentences.append(Sentence(index=len(sentences), words=tuple(words), paragraph=para))
    return ParsedDoc(text=text, sentences=tuple(sentences), paragraphs=spans)
