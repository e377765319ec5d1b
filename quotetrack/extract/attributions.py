"""Attributions from the dependency parse: step 2 of extraction.

:func:`find_attributions` finds every reporting expression of an article as an
:class:`Attribution`: speech verbs (cues, with their particles and second-hand
heads: ``was quoted as saying``), speech nouns (``his claim that …``),
``according to X`` and title-cased headlines (``…, X Says``); each with its
speaker (subject, agent, the noun phrase before the cue, a name cut off by a
sentence split) and the outlet the words passed through (``told Reuters``,
``…, RIA reported``). Contents come from :mod:`.contents`. Passes over the
found attributions then carry contents across line breaks and sentence splits
and drop an outlet's report of a quote it relays.
"""

from __future__ import annotations

from typing import Callable, Sequence

import attrs

from .. import lexicon
from ..records import Cue, Mention, ParsedDoc, Sentence, Word
from .contents import (
    adverbial_clause, bound_content, content_words, interrupted_lead, inverted_by_position,
    small_clause_naming,
)
from .marks import DOUBLE_MARKS, SINGLE_MARKS
from .tree import (
    NOUN_PHRASE_WORDS, Tree, finite_cue, is_tree, mention, noun_phrase, overlap,
    participle_subject, run_around, span_of, strip_edges, subject, word_count,
)

# Thresholds of the rules that read attributions off positions
# a title-cased headline has at least this many words, at least this share of them capitalized ...
_HEADLINE_MIN_WORDS = 4
_HEADLINE_CAPITALIZED = 0.8
# ... a speaker before its cue has at most this many words ...
_HEADLINE_CUE_MAX_POSITION = 4
# ... its speaker has at most this many tokens, its content at least this many words
_HEADLINE_SPEAKER_MAX_WORDS = 8
_HEADLINE_CONTENT_MIN_WORDS = 3
# a speaker's noun phrase ending a fronted content has at most this many words
_TRAILING_SPEAKER_MAX_WORDS = 8
# the part of a name left at the end of the sentence before has at most this many words
_SPLIT_NAME_MAX_WORDS = 6
# a party label in parentheses (``(R-S.C.)``) is at most this many tokens, the parentheses included
_PARTY_LABEL_MAX_TOKENS = 8
# an outlet is looked for on at most this many clauses above the cue
_OUTLET_CLAUSE_CLIMB = 4
# an outlet named by position has at most this many words
_OUTLET_MAX_WORDS = 8
# the next sentence a content runs into across a split has at least this many words
_RUN_ON_SENTENCE_MIN_WORDS = 2


@attrs.frozen
class Attribution:
    """A reporting expression found in the parse, before it meets quote marks."""

    sentence: int
    cue: Cue
    cue_word: Word  # the verb (or "according") that anchors the cue
    speaker: Mention | None
    via_outlet: Mention | None
    content: tuple[int, int] | None  # char span of the reported content
    rule: str
    # the content's first part when the cue interrupts it: "[But to prevent problems],
    # he said, local officials should be vigilant"
    lead: tuple[int, int] | None = None


# --------------------------------------------------------------------------
# Cues
# --------------------------------------------------------------------------


def _has_particle(tree: Tree, verb: Word) -> bool:
    """``call`` and ``point`` report speech only with their particle (``call for``, ``point out``)."""
    need = lexicon.words().verb_particles.get(verb.lemma.lower())
    if not need:
        return True
    if verb.lemma.lower() == "call" and any(k.deprel in ("xcomp", "dep") and k.id > verb.id for k in tree.children(verb)):
        return True  # "called Clinton 'crooked'": naming is reporting too
    if verb.lemma.lower() == "call" and small_clause_naming(tree, verb) is not None:
        return True
    for k in tree.children(verb):
        if k.deprel == "compound:prt" and k.text.lower() in need:
            return True
        if k.deprel.split(":")[0] in ("obl", "obj", "advcl", "nmod"):
            if any(c.deprel in ("case", "mark") and c.text.lower() in need for c in tree.children(k)):
                return True
    return False


def _is_speech_cue(tree: Tree, w: Word) -> bool:
    return w.upos in ("VERB", "AUX") and lexicon.is_speech_verb(w.lemma) and _has_particle(tree, w) and w.lemma.lower() != "be"


def _second_hand_head(tree: Tree, cue: Word) -> Word | None:
    """For ``saying`` in ``was quoted as saying`` / ``said`` in ``is reported to
    have said``: the governing ``quoted``/``reported`` verb, else None."""
    head = tree.head(cue)
    if head is None or cue.deprel.split(":")[0] not in ("advcl", "xcomp"):
        return None
    if head.upos != "VERB":
        return None
    lemma = head.lemma.lower()
    as_mark = any(k.text.lower() == "as" for k in tree.children(cue, "mark"))
    passive = any(k.deprel in ("nsubj:pass", "aux:pass") for k in tree.children(head))
    if lemma in lexicon.words().quoted_as_verbs and as_mark:
        return head  # "X was quoted as saying", "Interfax quoted X as saying"
    if lemma in lexicon.words().reported_to_verbs and passive and cue.deprel.startswith("xcomp"):
        return head  # "X is reported to have said"
    return None


def _cue_span(doc: ParsedDoc, tree: Tree, cue: Word, top: Word) -> Cue:
    """The cue: the verb with its particle, or ``was quoted as saying``/
    ``is reported to have said`` when a second-hand verb governs it."""
    if top is not cue:
        passive = any(k.deprel in ("nsubj:pass", "aux:pass") for k in tree.children(top))
        if passive:
            aux = [k for k in tree.children(top, "aux") if k.id < top.id]
            start = min([top] + aux, key=lambda w: w.id).start_char
            s, e = start, cue.end_char
            return Cue(start_char=s, end_char=e, text=doc.text[s:e], lemma=top.lemma.lower())
        return Cue(start_char=top.start_char, end_char=top.end_char, text=top.text, lemma=top.lemma.lower())
    end = cue.end_char
    for k in tree.children(cue, "compound:prt"):
        if k.id == cue.id + 1:
            end = k.end_char
    lemma = cue.lemma.lower()
    return Cue(start_char=cue.start_char, end_char=end, text=doc.text[cue.start_char:end], lemma=lemma)


# --------------------------------------------------------------------------
# Finding attributions: speech verbs and nouns, according to, headlines
# --------------------------------------------------------------------------


def find_attributions(doc: ParsedDoc, quoted: Sequence[tuple[int, int]] = ()) -> list[Attribution]:
    """Every reporting expression of the article, sentence by sentence.

    ``quoted``: character spans inside quote marks, where no speaker is looked for."""
    out: list[Attribution] = []
    for index, sent in enumerate(doc.sentences):
        if not is_tree(sent):
            continue  # a broken parse (a head cycle) is no evidence of who said what
        tree = Tree(sent)
        cue_ids = {w.id for w in sent.words if _is_speech_cue(tree, w)}
        # cues whose clauses are cut out of an enclosing content ("…, adding that …")
        cut_ids = {i for i in cue_ids if sent.word(i).lemma.lower() not in lexicon.words().quote_only_cues}
        for w in sent.words:
            if w.id in cue_ids:
                att = verb_attribution(doc, tree, index, w, cut_ids, quoted)
            elif w.upos == "NOUN" and w.lemma.lower() in lexicon.words().speech_nouns:
                att = _noun_attribution(doc, tree, index, w, cut_ids)
            else:
                continue
            if att is not None:
                out.append(att)
        out.extend(_according_to(doc, tree, index))
        headline = _headline_says(doc, tree, index)
        if headline is not None and not any(a.sentence == index and a.cue_word.id == headline.cue_word.id
                                            for a in out):
            out.append(headline)
    out = [_speaker_across_split(doc, _across_line_break(doc, a)) for a in out]
    out = [_across_sentence_split(doc, a, out) for a in out]
    return _drop_outlet_reports(out)


def verb_attribution(doc: ParsedDoc, tree: Tree, index: int, w: Word, cut_ids: set[int],
                      quoted: Sequence[tuple[int, int]] = ()) -> Attribution | None:
    """The attribution of the speech verb ``w``: its content (None when it has
    none: it may still be the cue of quote marks next to it), its speaker (the
    subject; the object of an active ``quoted … as saying``; else a ``by``
    agent) and the outlet the words passed through."""
    if w.deprel in ("amod", "compound") or doc.text[max(0, w.start_char - 3):w.start_char].lower() == "so-":
        return None  # "the said agreement", "a so-called deal"
    words = tree.sent.words
    if w.text.lower().endswith("ed") and 0 < w.index < len(words) - 1 and words[w.index - 1].upos in ("NUM", "DET") \
            and words[w.index + 1].upos == "NOUN" and not tree.children(w, "aux", "aux:pass"):
        return None  # "by 271 pledged delegates": a participle used as an adjective, whatever its tag
    if all(x.upos == "PUNCT" for x in words[:w.index]) and w.text[:1].isupper() \
            and w.text.lower().endswith("ing") and w.index + 1 < len(words) and words[w.index + 1].text.lower() == "by":
        return None  # a credit line: "(Reporting by A; Editing by B)"
    top = _second_hand_head(tree, w) or w
    inverted = inverted_by_position(tree, w) if top is w else None
    found = inverted[:3] if inverted else content_words(tree, w, top, cut_ids)
    content, rule = None, "none"
    if found and found[2] == "xcomp" and found[1].lemma.lower() in lexicon.words().anonymity_verbs \
            and tree.children(found[1], "aux:pass"):
        return None  # "who asked not to be named": a condition of anonymity, not a quote
    if found and adverbial_clause(tree, w, found[1], found[2]):
        found = None  # "said [when she resigned]": the time of speaking, not what was said
    if found and found[2] == "ccomp" and w.lemma.lower() in lexicon.words().no_clause_verbs:
        found = None  # "spoke [as the crowd cheered]": speak and talk report topics, not clauses
    if found and found[2] == "ccomp" and found[1].xpos == "VBG" and found[1].id > w.id + 1 \
            and found[1].lemma.lower() in lexicon.words().outlet_governors \
            and tree.sent.words[found[1].index - 1].text == "," and not tree.children(found[1], "nsubj", "aux"):
        found = None  # "he said, [speaking to Reuters]": how he spoke, not what he said
    if found:
        words, head, rule = found
        words = bound_content(tree, w, head, rule, words, cut_ids)
        content = span_of(strip_edges(words, doc.text)) if words else None
    elif w.xpos == "VBN" and w.deprel == "acl":
        return None  # "as demanded by Damascus"
    closing_via = None
    closing = _closing_report(doc, tree, w, content) or _told_outlet_first(doc, tree, w, content)
    if closing is not None:
        content, closing_via = closing
    avoid = [content] if content else []
    subj = None
    if top is not w and top.lemma.lower() == "quote" and not tree.children(top, "nsubj:pass"):
        objs = tree.children(top, "obj")  # "Interfax quoted Ryabkov as saying"
        subj = objs[0] if objs else None
    if subj is None and inverted:
        subj = inverted[3]
    if subj is None:
        subj = participle_subject(tree, top, quoted) or subject(tree, top, quoted)
    if subj is not None and subj.deprel == "nsubj:pass" and top is w and subj.head == w.id \
            and (tree.children(w, "aux:pass") or w.xpos != "VBN" or not tree.children(w, "aux")):
        # "he was asked whether …", "it was announced that …": not the speaker; a passive
        # subject of "had called" (a perfect, no passive auxiliary) is the parser's slip
        subj = None
    if subj is not None and content and content[0] <= subj.start_char < content[1]:
        subj = None
    if subj is not None and (subj.upos == "NUM" and any(c.isdigit() for c in subj.text)
                             or subj.text.lower() in lexicon.words().clock_words):
        # "4:40 p.m. [Republican candidate Marco Rubio] says": a news-blog time stamp
        # the parser made the subject, with the speaker hung on it
        named = [k for k in tree.children(subj, "dep", "appos", "compound", "nmod", "flat")
                 if k.id > subj.id and k.upos in ("PROPN", "NOUN") and k.id < w.id]
        subj = named[0] if named else None
    if subj is not None and subj.lemma.lower() in lexicon.words().time_words and not (
            subj.upos == "PROPN" and tree.children(subj, "compound", "flat", "amod")):
        subj = None  # "Monday" misparsed as the subject of a cue speaks for no one ("Theresa May" does)
    told_outlet = None
    if subj is not None and subj.id > w.id and top is w and w.lemma.lower() in lexicon.words().tell_verbs \
            and _is_outlet(doc, tree, subj):
        # "…," Morton Blackwell, the Republican committeeman, told AFP: the parser made the
        # outlet after "told" its subject; it is the channel, and the speaker comes before
        told_outlet, subj = noun_phrase(doc, tree, subj, [content] if content else []), None
    if subj is None:
        agents = tree.children(top, "obl:agent")
        subj = agents[0] if agents else None
    if subj is None and top is w and not inverted:
        subj = _speaker_before(tree, w, content)
    if subj is None and top is w and not inverted and content:
        trailing = _speaker_ending_content(tree, w, content)
        if trailing:
            subj, content = trailing
            avoid = [content]
    speaker = noun_phrase(doc, tree, subj, avoid) if subj is not None else None
    cue = _cue_span(doc, tree, w, top)
    taken = avoid + ([(speaker.start_char, speaker.end_char)] if speaker else [])
    via = closing_via or told_outlet or _outlet_near(doc, tree, w, top, subj, taken) \
        or _outlet_by_position(doc, tree, w, taken)
    lead = interrupted_lead(doc, tree, cue, speaker, content, cut_ids, quoted)
    return Attribution(index, cue, w, speaker, via, content, rule, lead)


def _noun_attribution(doc: ParsedDoc, tree: Tree, index: int, w: Word,
                      cut_ids: set[int]) -> Attribution | None:
    """Speech reported by a noun with its content clause: "Trump's claim [that there
    have been thousands of shootings]", "his promise [to end the regime]", "a demand
    by Pelosi [that …]". The speaker is the possessor or the ``by``/``from`` agent;
    the clause must open with ``that`` (or ``to``, for promises, calls, threats …),
    which keeps out relative clauses ("the claim that he filed")."""
    lemma = w.lemma.lower()
    clause = None
    for k in tree.children(w, "acl", "ccomp", "xcomp"):
        marks = [m.text.lower() for m in tree.children(k, "mark")]
        if k.id > w.id and ("that" in marks or ("to" in marks and lemma in lexicon.words().infinitive_speech_nouns)):
            clause = k
            break
    if clause is None:
        return None
    nested = [x for x in tree.subtree(clause) if x.id != clause.id and x.id in cut_ids
              and x.deprel.split(":")[0] in ("advcl", "conj", "parataxis")]
    content = span_of(strip_edges(run_around(tree.subtree(clause, nested), clause, tree.sent), doc.text))
    if content is None:
        return None
    subj = max(tree.children(w, "nmod:poss"), key=lambda k: k.id, default=None)
    if subj is None:
        subj = next((k for k in tree.children(w, "nmod") if k.id > w.id and k.id < clause.id
                     and any(c.text.lower() in lexicon.words().author_prepositions
                             for c in tree.children(k, "case"))), None)
    speaker = noun_phrase(doc, tree, subj, [content]) if subj is not None else None
    cue = Cue(start_char=w.start_char, end_char=w.end_char, text=w.text, lemma=lemma)
    return Attribution(index, cue, w, speaker, None, content, "noun")


def _according_to(doc: ParsedDoc, tree: Tree, index: int) -> list[Attribution]:
    """``…, according to X``: X's clause is the content, X the speaker."""
    found = []
    words = tree.sent.words
    for w in words:
        if w.text.lower() != "according" or w.index + 1 >= len(words) or words[w.index + 1].text.lower() != "to":
            continue
        to = words[w.index + 1]
        # UD: X --case--> according, according --fixed--> to; X is obl of the predicate
        source = tree.head(w) if w.deprel == "case" else None
        while source is not None and source.deprel in ("compound", "flat", "amod", "nmod:poss") \
                and source.head > source.id and tree.head(source).upos in ("NOUN", "PROPN"):
            # "according to [NYPD] Commissioner James O'Neill": the parser hung "according"
            # on a modifier of the name
            source = tree.head(source)
        if source is None:
            objs = tree.children(w, "obl", "obj", "nmod")
            source = objs[0] if objs else None
        if source is not None:
            pred = tree.head(source) if w.deprel == "case" else tree.head(w)
            if pred is None:  # "according to X" as the root: the whole sentence is content
                pred = source
            phrase = tree.subtree(source) if w.deprel == "case" else tree.subtree(w)
        else:
            # the parse lost the phrase: X is the words after "to", up to punctuation
            phrase = []
            for x in words[to.index + 1:]:
                if x.upos == "PUNCT":
                    break
                phrase.append(x)
            nouns = [x for x in phrase if x.upos in ("NOUN", "PROPN", "PRON")]
            if not phrase:
                continue
            source = nouns[-1] if nouns else phrase[-1]
            pred = w
        phrase_ids = {x.id for x in phrase} | {w.id, to.id}
        lo, hi = min(phrase_ids), max(phrase_ids)
        rest_after = [x for x in words if x.id > hi and x.upos != "PUNCT"]
        rest_before = [x for x in words if x.id < lo and x.upos != "PUNCT"]
        if not rest_after and rest_before:
            # "…, according to X." closes the sentence: all before it is the content
            reported = [x for x in words if x.id < lo]
            anchor = rest_before[0]
        elif not rest_before and rest_after:
            # "According to X, …" opens it: all after it is the content
            reported = [x for x in words if x.id > hi]
            anchor = rest_after[0]
        elif pred.id in phrase_ids:
            reported = [x for x in words if x.id not in phrase_ids]
            anchor = next((x for x in reported if x.upos != "PUNCT"), None)
        else:
            reported = [x for x in tree.subtree(pred) if x.id not in phrase_ids]
            anchor = pred
        if anchor is None:
            continue
        reported = run_around(reported, anchor, tree.sent)
        reported = strip_edges(reported, doc.text)
        if not reported:
            continue
        if source.head in phrase_ids or source.head == 0 or w.deprel != "case":
            phrase = [x for x in phrase if x.id not in (w.id, to.id)]  # "according to" is the cue
            speaker = mention(doc, sorted(phrase, key=lambda x: x.id), source) if phrase and \
                max(x.id for x in phrase) - min(x.id for x in phrase) + 1 == len(phrase) else \
                noun_phrase(doc, tree, source, [(w.start_char, to.end_char)])
        else:
            speaker = noun_phrase(doc, tree, source, [(w.start_char, to.end_char)])
        cue_s, cue_e = w.start_char, to.end_char
        cue = Cue(start_char=cue_s, end_char=cue_e, text=doc.text[cue_s:cue_e], lemma="according to")
        found.append(Attribution(index, cue, w, speaker, None, span_of(reported), "according-to"))
    return found


def _headline_says(doc: ParsedDoc, tree: Tree, index: int) -> Attribution | None:
    """A title-cased headline the parser read as one long name: ``Clinton Hid Past
    Health Problems From Public, Former White House Doctor Says`` (content,
    speaker, cue) or ``Obama Says Museum Will Tell of Suffering`` (speaker, cue,
    content). Found by position: most words capitalized, the cue capitalized."""
    words = [w for w in tree.sent.words if w.upos != "PUNCT"]
    alpha = [w for w in words if w.text[:1].isalpha()]
    if len(alpha) < _HEADLINE_MIN_WORDS or sum(w.text[:1].isupper() for w in alpha) < _HEADLINE_CAPITALIZED * len(alpha):
        return None
    cues = [w for w in words if w.text in lexicon.words().headline_cues]
    if len(cues) != 1:
        return None
    cue = cues[0]
    sent = tree.sent.words
    if cue is words[-1]:
        commas = [w for w in sent if w.text == "," and w.index < cue.index]
        if not commas:
            return None
        comma = commas[-1]
        speaker_words = sent[comma.index + 1:cue.index]
        reported = strip_edges(sent[:comma.index], doc.text)
    elif 0 < words.index(cue) <= _HEADLINE_CUE_MAX_POSITION:
        speaker_words = sent[:cue.index]
        reported = strip_edges(sent[cue.index + 1:], doc.text)
    else:
        return None
    if not speaker_words or len(speaker_words) > _HEADLINE_SPEAKER_MAX_WORDS \
            or word_count(" ".join(w.text for w in reported)) < _HEADLINE_CONTENT_MIN_WORDS \
            or any(w.upos == "PUNCT" and w.text not in "-–.'’" for w in speaker_words):
        return None
    speaker = mention(doc, speaker_words, speaker_words[-1])
    lemma = lexicon.words().headline_cues[cue.text]
    c = Cue(start_char=cue.start_char, end_char=cue.end_char, text=cue.text, lemma=lemma)
    return Attribution(index, c, cue, speaker, None, span_of(reported), "headline")


# --------------------------------------------------------------------------
# Speakers
# --------------------------------------------------------------------------


def _perfect(tree: Tree, cue: Word) -> bool:
    """A present or past perfect cue: ``has said``, ``had told``."""
    aux = tree.children(cue, "aux")
    return cue.xpos == "VBN" and bool(aux) and all(a.lemma.lower() == "have" for a in aux) \
        and not tree.children(cue, "aux:pass")


def _before_subjectless_cue(tree: Tree, cue: Word) -> int | None:
    """Where the words before a finite cue with no subject end, past the cue's own
    auxiliaries and adverbs (``…, Sergei Ryabkov has (also) said``); None when the
    cue has a subject, opens its sentence, or is not a finite verb."""
    if tree.children(cue, "nsubj", "nsubj:pass", "csubj", "expl") or cue.index == 0:
        return None
    if not (finite_cue(tree, cue) or _perfect(tree, cue)):
        return None
    sent = tree.sent.words
    j = cue.index - 1
    while j > 0 and sent[j].head == cue.id and sent[j].deprel in ("aux", "advmod"):
        j -= 1
    return j


def _speaker_ending_content(tree: Tree, cue: Word,
                            content: tuple[int, int]) -> tuple[Word, tuple[int, int]] | None:
    """``Russia and the US are close to a deal, [Russian Deputy Foreign Minister
    Sergei Ryabkov] has said``, parsed with the name as a conjunct of the content's
    subject: a subjectless cue whose fronted content ends in a comma and a noun
    phrase right before the cue (and its auxiliaries). That phrase is the speaker
    and the content ends at the comma. Returns (the phrase's head, the content)."""
    j = _before_subjectless_cue(tree, cue)
    if j is None:
        return None
    sent = tree.sent.words
    k = j
    while k > 0 and sent[k].upos in NOUN_PHRASE_WORDS:
        k -= 1
    phrase = sent[k + 1:j + 1]
    if sent[k].text != "," or not phrase or len(phrase) > _TRAILING_SPEAKER_MAX_WORDS or k < 1 \
            or not any(w.upos == "PROPN" for w in phrase) or phrase[0].upos == "NUM":
        return None
    if not (content[0] < sent[k].start_char and content[1] >= phrase[-1].end_char):
        return None
    ids = {w.id for w in phrase}
    heads = [w for w in phrase if w.head not in ids]
    if len(heads) != 1:
        return None
    return heads[0], (content[0], sent[k - 1].end_char)


def _speaker_before(tree: Tree, cue: Word, content: tuple[int, int] | None) -> Word | None:
    """The noun phrase right before a finite cue the parser gave no subject:
    ``one opposition official, who declined to be identified, conceded …``
    (``official`` hung elsewhere). The phrase follows a comma or opens the
    sentence; a comma between it and the cue only closes its relative clause."""
    j = _before_subjectless_cue(tree, cue)
    if j is None:
        return None
    sent = tree.sent.words
    comma_gap = sent[j].text == ","
    if comma_gap:
        j -= 1
    if j < 0:
        return None
    last = sent[j]
    cands = []
    x = last
    while x is not None and x.id != cue.id:
        cands.append(x)
        x = tree.head(x)
    for n in reversed(cands):
        # a capitalized word in mid sentence tagged as a verb is a name the tagger
        # misread ("In a statement, Husted said")
        misread_name = n.upos in ("VERB", "ADJ", "X") and n.index > 0 and n.text[:1].isupper() \
            and n.text[1:].islower() and n is last and not tree.children(n)
        if (n.upos not in ("NOUN", "PROPN", "PRON") and not misread_name) \
                or n.lemma.lower() in lexicon.words().time_words:
            continue
        sub = [y for y in tree.subtree(n) if y.upos != "PUNCT" or y.id > n.id]
        if cue.id in {y.id for y in sub} or sub[-1].id != last.id:
            continue
        if comma_gap and not tree.children(n, "acl:relcl", "appos", "acl"):
            continue
        if content and any(content[0] <= y.start_char < content[1] for y in sub):
            continue
        before = sub[0].index - 1
        if before > 0 and sent[before].text in DOUBLE_MARKS + SINGLE_MARKS and sent[before - 1].text == ",":
            before -= 1  # `"…," House Speaker Paul Ryan said`: the closing mark after the comma
        if before >= 0 and sent[before].text not in ",;" and sent[before].upos not in ("SCONJ", "CCONJ"):
            continue
        return n
    return None


def _name_across_split(doc: ParsedDoc, att: Attribution, prev: Sentence, sent: Sentence) -> Attribution:
    """``British Prime Minister Theresa`` | ``May said …``: a sentence split inside
    the speaker's name (the last name opens the cue's sentence; "May" alone even
    reads as a month). The name's first part ends the sentence before, with no
    sentence-final punctuation, or ends in a title (``Mr.``)."""
    first = sent.words[0]
    if first.upos not in ("PROPN", "NOUN", "AUX") or not first.text[:1].isupper():
        return att  # ("May" may even be read as the modal)
    if att.speaker is not None and (att.speaker.start_char, att.speaker.end_char) != (first.start_char, first.end_char):
        return att
    words = list(prev.words)
    if len(words) >= 2 and words[-1].text == "." and words[-2].text in lexicon.words().split_dot_titles:
        words[-1:] = []  # "Mr ." split off
    elif words and words[-1].upos == "PUNCT":
        return att
    i = len(words) - 1
    while i >= 0 and words[i].upos in ("PROPN", "ADJ", "NOUN") and words[i].text[:1].isupper():
        i -= 1
    run = words[i + 1:]
    if not run or len(run) > _SPLIT_NAME_MAX_WORDS or not any(w.upos == "PROPN" for w in run):
        return att
    s, e = run[0].start_char, first.end_char
    speaker = Mention(start_char=s, end_char=e, text=doc.text[s:e], head_start=first.start_char, head_end=first.end_char)
    return attrs.evolve(att, speaker=speaker)


_NAME_WORDS = ("PROPN", "NOUN", "ADJ", "NUM")


def _speaker_across_split(doc: ParsedDoc, att: Attribution) -> Attribution:
    """The speaker of a cue that opens its sentence because the sentence was split
    after an abbreviation: ``Rep. Trey Gowdy (R-S.C.)`` | ``said that …``. The cue
    starts lowercase in the same paragraph as the sentence before, which ends
    with a name and its party label in parentheses: the name is the speaker."""
    if att.sentence == 0:
        return att
    sent = doc.sentences[att.sentence]
    prev = doc.sentences[att.sentence - 1]
    if prev.paragraph != sent.paragraph or "\n" in doc.text[prev.end_char:sent.start_char]:
        return att
    if att.cue_word.index == 1:
        return _name_across_split(doc, att, prev, sent)
    if att.speaker is not None or att.cue_word.index != 0:
        return att
    if not doc.text[att.cue.start_char:att.cue.start_char + 1].islower():
        return att
    words = list(prev.words)
    while words and words[-1].text == ".":
        words.pop()
    if not words or words[-1].text != ")":
        return att
    opens = [i for i, w in enumerate(words) if w.text == "("]
    if not opens or len(words) - opens[-1] > _PARTY_LABEL_MAX_TOKENS:
        return att
    j = opens[-1] - 1
    i = j
    while i >= 0 and (words[i].upos in _NAME_WORDS and words[i].text[:1].isupper() or
                      words[i].text in (".", "-") and i > 0 and words[i - 1].text[:1].isupper()):
        i -= 1
    if i == j:
        return att
    run = words[i + 1:j + 1]
    s, e = run[0].start_char, words[-1].end_char
    head = run[-1]
    speaker = Mention(start_char=s, end_char=e, text=doc.text[s:e], head_start=head.start_char, head_end=head.end_char)
    return attrs.evolve(att, speaker=speaker)


# --------------------------------------------------------------------------
# Outlets
# --------------------------------------------------------------------------


def _is_outlet(doc: ParsedDoc, tree: Tree, head: Word) -> bool:
    """Whether the noun phrase headed by ``head`` names a news outlet.

    An outlet head noun (``the al-Watan newspaper``, ``X news agency``,
    ``State TV``) or a well-known outlet name; press people (``reporters``) are not.
    """
    if head.lemma.lower() in lexicon.words().press_nouns or head.text.lower() in lexicon.words().press_nouns:
        return False
    if head.upos in ("PRON",):
        return False
    if head.lemma.lower() in lexicon.words().outlet_nouns or head.text.lower() in lexicon.words().outlet_nouns:
        return True
    name_words = [head] + [k for k in tree.children(head, "compound", "flat", "amod") ]
    name_words.sort(key=lambda w: w.id)
    for k in tree.children(head, "compound", "flat"):
        if k.text.lower() in lexicon.words().outlet_nouns:
            return True
    s, e = name_words[0].start_char, name_words[-1].end_char
    if lexicon.names_seed_outlet(doc.text[s:e]):
        return True
    np = noun_phrase(doc, tree, head)  # a broadcast show ("on 'Meet the Press'", shows.csv)
    return np is not None and head.upos == "PROPN" and lexicon.show_outlet(np.text.strip("\"“”'‘’ ")) is not None


def _outlet_near(doc: ParsedDoc, tree: Tree, cue: Word, top: Word, speaker: Word | None,
                 avoid: Sequence[tuple[int, int]]) -> Mention | None:
    """The outlet the words passed through: ``told Reuters``, ``quoted by the RIA
    news agency``, ``in the Interfax news agency``, ``speaking to Al Jazeera``,
    ``in an interview with …``, ``in comments published in the al-Watan newspaper``,
    ``…, RIA reported``. Searched among the dependents of the cue, of its
    second-hand head, of the clause's verb and of its ``speaking``/``interview``
    modifiers, outside the content."""
    anchors = {cue.id, top.id}
    clause = top
    for _ in range(_OUTLET_CLAUSE_CLIMB):
        if clause.deprel.split(":")[0] not in ("advcl", "xcomp", "conj") or not clause.head:
            break
        clause = tree.head(clause)
        anchors.add(clause.id)
    anchors.add(clause.id)
    candidates: list[Word] = []
    for a in list(anchors):
        for k in tree.children(tree.sent.word(a)):
            if k.deprel in ("obj", "iobj") or k.deprel.startswith("obl") or k.deprel.startswith("nmod"):
                candidates.append(k)
            if k.deprel in ("obj", "iobj") and tree.sent.word(a).lemma.lower() in lexicon.words().tell_verbs:
                # "told Bill O'Reilly of Fox News", "told the MSNBC hosts of 'Morning Joe'"
                candidates.extend(x for x in tree.children(k, "nmod", "compound") if x.upos == "PROPN")
            if k.deprel.split(":")[0] in ("advcl", "obl", "nmod", "xcomp") and (
                k.lemma.lower() in lexicon.words().outlet_governors
            ):
                for kk in tree.children(k):
                    if kk.deprel in ("obj", "iobj") or kk.deprel.startswith(("obl", "nmod")):
                        candidates.append(kk)
                    if kk.deprel.split(":")[0] in ("acl", "nmod", "obl"):
                        for k3 in tree.children(kk):
                            if k3.deprel.startswith(("obl", "nmod")):
                                candidates.append(k3)
    # "…, RIA reported" / "the Interfax news agency quoted X as saying"
    if top.lemma.lower() == "quote" and not any(k.deprel == "nsubj:pass" for k in tree.children(top)):
        candidates.extend(tree.children(top, "nsubj"))
    outlet_subject_verbs = lexicon.words().outlet_subject_verbs
    for k in tree.children(clause, "parataxis", "ccomp"):  # a closing report misread as ccomp too
        if k.lemma.lower() in outlet_subject_verbs and k.id > cue.id:
            candidates.extend(tree.children(k, "nsubj"))
    if clause.deprel == "ccomp" and clause.head:
        gov = tree.head(clause)
        if gov.lemma.lower() in outlet_subject_verbs:
            candidates.extend(tree.children(gov, "nsubj"))
    seen = set()
    for c in sorted(candidates, key=lambda w: abs(w.id - cue.id)):
        if c.id in seen or (speaker is not None and c.id == speaker.id):
            continue
        seen.add(c.id)
        if any(a <= c.start_char < b for a, b in avoid):
            continue
        if _is_outlet(doc, tree, c):
            return noun_phrase(doc, tree, c, avoid)
    return None


def _told_outlet_first(doc: ParsedDoc, tree: Tree, cue: Word,
                       content: tuple[int, int] | None) -> tuple[tuple[int, int], Mention] | None:
    """``Podesta told the AP his firm worked …``, where the parse takes the
    addressee into a content with no ``that``: an outlet's name right after a
    ``tell`` verb is the channel, and the content starts after it."""
    if content is None or cue.lemma.lower() not in lexicon.words().tell_verbs:
        return None
    words = tree.sent.words
    after = [x for x in words[cue.index + 1:] if x.start_char >= content[0]]
    if not after or after[0].start_char != content[0] or after[0].id != cue.id + 1:
        return None
    run = []
    for x in after:
        if x.upos == "PROPN" or (x.upos == "DET" and not run):
            run.append(x)
            continue
        break
    if not run or run[-1].upos != "PROPN" or len(run) >= len(after) - 1:
        return None
    head = run[-1]
    if not lexicon.names_seed_outlet(doc.text[run[0].start_char:head.end_char]):
        return None
    rest = after[len(run)]
    if rest.text.lower() == "that":  # "told the AP that …": the parse had it right
        return None
    return (rest.start_char, content[1]), mention(doc, run, head)


def _closing_report(doc: ParsedDoc, tree: Tree, cue: Word,
                    content: tuple[int, int] | None) -> tuple[tuple[int, int], Mention] | None:
    """``Ryabkov said talks would continue in Geneva, RIA reported``, where the
    parse hangs the closing report inside the content: a content ending in a
    comma, an outlet's noun phrase and a verb whose subject may be the outlet
    (verbs.csv ``outlet_subject``) ends at the comma, and the outlet is the
    channel. Read off the words: the parse of such a tail is unreliable."""
    if content is None:
        return None
    words = [x for x in tree.sent.words if content[0] <= x.start_char and x.end_char <= content[1]
             and x.upos != "PUNCT" or (x.text == "," and content[0] <= x.start_char < content[1])]
    if len(words) < 4:
        return None
    verb = words[-1]
    if verb.id <= cue.id or verb.upos != "VERB" or verb.lemma.lower() not in lexicon.words().outlet_subject_verbs:
        return None
    commas = [i for i, x in enumerate(words[:-1]) if x.text == ","]
    if not commas or commas[-1] < 1 or len(words) - commas[-1] - 2 > _OUTLET_MAX_WORDS:
        return None
    np = words[commas[-1] + 1:-1]
    if not np or any(x.upos not in ("DET", "PROPN", "NOUN", "ADJ") for x in np):
        return None
    head = np[-1]
    if not _is_outlet(doc, tree, head):
        return None
    via = mention(doc, np, head)
    end = words[commas[-1] - 1].end_char
    return (content[0], end), via


def outlet_lead_starts(words: Sequence[Word], tells: Callable[[Word], bool]) -> list[int]:
    """Where an outlet's noun phrase may start in a sentence's ``words``: right
    after a word ``tells`` accepts (``told``), or after a verb or noun that leads
    to outlets and its preposition (``speaking to``, ``interview with``: verbs.csv
    and statement_nouns.csv ``outlet_lead``, prepositions.csv)."""
    lists = lexicon.words()
    starts = []
    for i, w in enumerate(words):
        lemma = w.lemma.lower()
        after = words[i + 1].text.lower() if i + 1 < len(words) else None
        if tells(w):
            starts.append(i + 1)
        elif lemma in lists.outlet_leads and after in lists.verb_lead_prepositions:
            starts.append(i + 2)
        elif lemma in lists.outlet_lead_nouns and after in lists.noun_lead_prepositions:
            starts.append(i + 2)
    return starts


def _outlet_by_position(doc: ParsedDoc, tree: Tree, cue: Word, taken) -> Mention | None:
    """An outlet read off the words, where the parse does not link it: the
    noun phrase right after ``told``, after ``speaking to``/``talking to``/
    ``interview with``/``quoted by``/``quoted in``/``reported by``/``published in``
    in the cue's sentence."""
    words = tree.sent.words
    for i in outlet_lead_starts(words, lambda w: w is cue and w.lemma.lower() == "tell"):
        run = []
        for w in words[i:i + _OUTLET_MAX_WORDS]:
            if w.upos in ("DET", "PROPN", "NOUN", "ADJ") or (w.text in "-–" and run):
                run.append(w)
                continue
            break
        while run and run[-1].upos not in ("PROPN", "NOUN"):
            run.pop()
        if not run or any(a <= run[0].start_char < b for a, b in taken):
            continue
        last = run[-1]
        span_text = doc.text[run[0].start_char:last.end_char]
        if last.lemma.lower() in lexicon.words().press_nouns or last.text.lower() in lexicon.words().press_nouns:
            continue
        if last.lemma.lower() in lexicon.words().outlet_nouns:
            return mention(doc, run, last)
        m = lexicon.seed_outlet_span(span_text)
        if m is not None:
            a, b = run[0].start_char + m[0], run[0].start_char + m[1]
            named = [w for w in run if a <= w.start_char and w.end_char <= b]
            if named:
                return mention(doc, named, named[-1])
    return None


# --------------------------------------------------------------------------
# Passes over the found attributions
# --------------------------------------------------------------------------


def _across_line_break(doc: ParsedDoc, att: Attribution) -> Attribution:
    """Content fronted before the cue that starts its sentence, when the sentence
    began on the line before (a line break inside a sentence: ``… seizing the Bab
    al-Nayrab, Al-Maadi and Salhin`` / ``neighbourhoods, according to state media.``)."""
    if att.content is None or att.sentence == 0 or att.content[1] > att.cue.start_char:
        return att
    sent = doc.sentences[att.sentence]
    prev = doc.sentences[att.sentence - 1]
    if att.content[0] != sent.start_char or prev.paragraph == sent.paragraph:
        return att
    if not doc.text[att.content[0]:att.content[0] + 1].islower():
        return att  # a new sentence, not the rest of one
    if doc.text[prev.end_char - 1] in ".!?\"”’:;)":
        return att
    return attrs.evolve(att, content=(prev.start_char, att.content[1]))


def _across_sentence_split(doc: ParsedDoc, att: Attribution, atts: Sequence[Attribution]) -> Attribution:
    """Content cut off by a sentence split in mid sentence: ``said the tweet was
    only "to mock"`` | ``Clinton for inviting Cuban.`` (the tokenizer split after a
    closing mark, or before a name: ``New`` | ``York``). The content runs to the end
    of its sentence, which ends without a full stop, and the next sentence, in
    the same line and with no cue of its own, carries on: the content takes it in."""
    if att.content is None or att.cue.start_char > att.content[0]:
        return att
    i = att.sentence
    if i + 1 >= len(doc.sentences):
        return att
    sent, nxt = doc.sentences[i], doc.sentences[i + 1]
    text = doc.text
    tail = text[att.content[1]:sent.end_char].strip(" " + DOUBLE_MARKS + SINGLE_MARKS)
    if tail:
        return att  # the content stops before its sentence ends
    end = text[sent.start_char:sent.end_char].rstrip().rstrip(DOUBLE_MARKS + SINGLE_MARKS + ")]")
    # a full stop ends the sentence, unless the next one starts in lower case ("at 3 a.m." |
    # "to send tweets": the stop closed an abbreviation)
    stop = end[-1:] in ".!?:;…—–-" and not (end[-1:] == "." and text[nxt.start_char:nxt.start_char + 1].islower())
    if not end or stop or "\n" in text[sent.end_char:nxt.start_char] or nxt.paragraph != sent.paragraph:
        return att
    if any(a.sentence == i + 1 for a in atts):
        return att  # the next sentence reports on its own
    words = [w for w in nxt.words if w.upos != "PUNCT" or w.text in DOUBLE_MARKS + SINGLE_MARKS]
    while words and (words[-1].upos == "PUNCT" and words[-1].text not in DOUBLE_MARKS + SINGLE_MARKS):
        words.pop()
    if len(words) < _RUN_ON_SENTENCE_MIN_WORDS:
        return att
    e = words[-1].end_char
    if text[e - 1:e] in DOUBLE_MARKS + SINGLE_MARKS:
        e -= 1  # a content ends before a closing mark, as mixed quotes do
    return attrs.evolve(att, content=(att.content[0], e))


def _drop_outlet_reports(atts: list[Attribution]) -> list[Attribution]:
    """``Ryabkov said …, RIA reported``: the outlet's report is not a quote of its
    own; RIA is the outlet Ryabkov's words passed through (set by the cue rules)."""
    out = []
    for a in atts:
        if a.content and a.speaker and any(
            b is not a and b.via_outlet is not None
            and a.content[0] <= b.cue.start_char < a.content[1]
            and overlap((b.via_outlet.start_char, b.via_outlet.end_char), (a.speaker.start_char, a.speaker.end_char))
            for b in atts
        ):
            continue
        out.append(a)
    return out
