"""What a cue reports, and where that content ends (step 2, the content rules).

:func:`content_words` finds the content of a speech verb in the parse: its
content clause (also one misparsed as a conjunct, a relative clause or an
xcomp), fronted content (parataxis, or by position, with
:func:`inverted_by_position` for ``…, said X``), ``urged X to …``,
``called X "Y"`` namings (:func:`small_clause_naming`), topics (``spoke about
…``) and noun-phrase objects. :func:`adverbial_clause` tells a clause of time
(``said [before he died]``) from content.

The boundary rules then widen or cut that content, in the declared order of
:data:`CONTENT_BOUNDARY_RULES` (applied by :func:`bound_content`): modifiers
after it, the addressee of ``tell``, conjuncts the parser hung on the cue
(clauses, then nouns), the run of words around the content's head, the next
speaker, a trailing reporting participle, a semicolon, a stranded ``that``
clause. Once the speaker is known, :func:`interrupted_lead` finds the lead
before a parenthetical cue.
"""

from __future__ import annotations

from typing import Sequence

import attrs

from .. import lexicon
from ..records import Cue, Mention, ParsedDoc, Word
from .marks import DOUBLE_MARKS, SINGLE_MARKS, trim
from .tree import Tree, finite_cue, participle_subject, run_around, word_count


# Thresholds of the content rules
# a closing report hung on the cue as a second content (``…, RIA reported``) has at most this many words
_CLOSING_REPORT_MAX_WORDS = 6
# a clause found after the cue by position has at least this many tokens ...
_CLAUSE_MIN_WORDS = 3
# ... and ends at a comma or semicolon with the next cue at most this many tokens after it
_NEXT_CUE_WINDOW = 3
# a cue that ends its sentence has at most this many words after it (its modifiers)
_CUE_TAIL_MAX_WORDS = 6
# a content found before the cue by position has at least this many words
_FRONTED_MIN_WORDS = 3
# a trailing participle is cut off a content that keeps at least this many words ...
_PARTICIPLE_CUT_MIN_WORDS = 3
# ... and a semicolon ends one after at least this many of its tokens
_SEMICOLON_CUT_MIN_TOKENS = 3
# the cue's own modifiers between a parenthetical cue and its comma are at most this many words
_CUE_MODIFIERS_MAX_WORDS = 6
# the lead of an interrupted content has at least this many words
_INTERRUPTED_LEAD_MIN_WORDS = 2


# --------------------------------------------------------------------------
# What a cue reports
# --------------------------------------------------------------------------


def content_words(tree: Tree, cue: Word, top: Word, cues: set[int]) -> tuple[list[Word], Word, str] | None:
    """The words of the content reported by ``cue`` (``top``: its second-hand
    head, or itself), the content's head and the rule that found it.

    Nested attributions hanging off the content (``, adding that …``) are cut
    off so each keeps its own content.
    """

    def nested(head: Word) -> list[Word]:
        out = []
        for w in tree.subtree(head):
            if w.id != head.id and w.id in cues and (w.deprel.split(":")[0] in ("advcl", "conj", "parataxis")
                                                     or w.deprel == "dep" and participle_subject(tree, w) is not None):
                if w.deprel.split(":")[0] == "conj" and _conjunct_of_content(tree, w):
                    continue
                if w.deprel.split(":")[0] in ("advcl", "parataxis") and _subordinate_clause(tree, w):
                    continue
                out.append(w)
        return out

    ccomp = [k for k in tree.children(cue, "ccomp") if k.upos != "PUNCT" and not _closing_report(tree, k, cues)]
    if not ccomp:
        ccomp = [k for k in tree.children(cue, "conj") if _clause_misread_as_conjunct(tree, cue, k)]
    ccomp.sort(key=lambda k: k.id < cue.id)  # a clause after the cue before one fronted
    after = [k for k in ccomp if k.id > cue.id]
    predicates = [k for k in after if any(c.deprel.split(":")[0] in ("cop", "aux", "nsubj") for c in tree.children(k))]
    if len(after) > 1 and predicates:
        # "said [a … deal] (ccomp) … [was still on the agenda] (ccomp)": the clause is the
        # predicate; the ccomp before it is its subject (see _with_stray_subject)
        ccomp = [predicates[-1]] + [k for k in ccomp if k is not predicates[-1]]
        # "said that [a … deal] [to allow rebels to leave] [Aleppo was still on the
        # agenda]": one clause the parser cut into several ccomps, side by side
        pieces = sorted((w for k in after for w in tree.subtree(k, nested(k))), key=lambda w: w.id)
        ids = [w.id for w in pieces]
        if ids == list(range(ids[0], ids[-1] + 1)):
            return pieces, predicates[-1], "ccomp"
    if not ccomp and top is not cue:
        ccomp = tree.children(top, "ccomp")
    if not ccomp and cue.lemma.lower() != "call":
        # a clause parsed as xcomp with its own subject: "said she hoped …" (UD v1
        # parsers); the clause runs on through the cue's later dependents
        xc = [k for k in tree.children(cue, "xcomp") if tree.children(k, "nsubj") and k.id > cue.id]
        if xc:
            words = []
            for k in tree.children(cue):
                if k.id >= xc[0].id and k.upos != "PUNCT" and k.id not in cues:
                    words += tree.subtree(k, nested(k))
            return words, xc[0], "ccomp"
    misread = False
    if not any(k.id > cue.id for k in ccomp):
        # "said at an event [that a bomb had gone off]" (the clause hung on the event as a
        # relative clause): preferred to a clause fronted before the cue
        that_clause = _that_clause_misread_as_relative(tree, cue)
        if that_clause:
            ccomp = that_clause
    if not ccomp:
        ccomp = _clause_misread_as_relative(tree, cue)
        misread = bool(ccomp)
    if ccomp:
        head = ccomp[0]
        words = _with_stray_subject(tree, cue, head, tree.subtree(head, nested(head)))
        if misread and cue.lemma.lower() not in lexicon.words().addressee_verbs:
            # "said [the panel] (obj) [itself might be damaged] (acl:relcl)": with a verb that
            # takes no addressee, the object is the clause's subject
            obj = tree.head(head)
            words = sorted(tree.subtree(obj, [head]) + words, key=lambda w: w.id)
        return words, head, "ccomp"
    # fronted content: "…, X said." (the cue hangs off the content as parataxis)
    if top.deprel in ("parataxis", "parataxis:outer") and top.head and not _reports_on_its_own(tree, cue, top):
        head = tree.head(top)
        if head.start_char < top.start_char and head.upos != "PUNCT":
            words = tree.subtree(head, [top] + nested(head))
            return words, head, "parataxis"
    # content as parataxis of the cue: "He said: …", `"…," he said` (cue as root)
    for k in tree.children(cue, "parataxis"):
        between = [w for w in tree.sent.words if min(k.id, cue.id) < w.id < max(k.id, cue.id)]
        if k.id < cue.id or any(w.text in ":" + DOUBLE_MARKS + SINGLE_MARKS for w in between):
            return tree.subtree(k, nested(k)), k, "parataxis"
    fronted = _fronted_by_position(tree, cue, top) or _fronted_relative(tree, cue)
    if fronted:
        return fronted
    if cue.lemma.lower() == "call":
        naming = small_clause_naming(tree, cue) or _naming_content(tree, cue)
        if naming:
            return naming
    if cue.lemma.lower() in lexicon.words().infinitive_verbs:
        xcomp = [k for k in tree.children(cue, "xcomp") if k.upos in ("VERB", "AUX", "ADJ")]
        if xcomp and any(c.deprel == "mark" for c in tree.children(xcomp[0])):
            head = xcomp[0]
            words = tree.subtree(head, nested(head))
            obj = [k for k in tree.children(cue, "obj") if k.id < head.id]
            if obj:
                words = sorted(tree.subtree(obj[0]) + words, key=lambda w: w.id)
            return words, head, "xcomp"
    if cue.lemma.lower() in lexicon.words().topic_verbs:
        for k in tree.children(cue, "obl", "nmod"):
            cases = [c.text.lower() for c in tree.children(k, "case")]
            if k.id > cue.id and any(c in lexicon.words().topic_prepositions for c in cases) \
                    and k.lemma.lower() not in lexicon.words().time_words and k.upos != "NUM":
                return tree.subtree(k, nested(k) + tree.children(k, "case")), k, "object"
        for k in tree.children(cue, "advcl"):  # "talked about [bringing communities together]"
            marks = tree.children(k, "mark")
            if k.id > cue.id and (k.xpos == "VBG" or k.text.lower().endswith("ing")) and k.id not in cues \
                    and any(m.text.lower() in lexicon.words().topic_prepositions and m.id == min(w.id for w in tree.subtree(k))
                            for m in marks) and not tree.children(k, "nsubj"):
                return tree.subtree(k, nested(k) + marks), k, "object"
    after = _clause_after_by_position(tree, cue, cues)
    if after:
        return after
    if cue.lemma.lower() in lexicon.words().np_content_verbs:
        objs = [k for k in tree.children(cue, "obj") if k.id > cue.id]
        as_phrases = [
            k for k in tree.children(cue, "obl", "xcomp", "advcl")
            if any(c.text.lower() == "as" for c in tree.children(k, "case", "mark"))
            or (k.deprel == "xcomp" and cue.lemma.lower() == "call")
        ]
        if objs and as_phrases:  # "described the retaking of Aleppo as a 'huge step'"
            words = tree.subtree(objs[0], nested(objs[0]))
            for k in as_phrases:
                words += tree.subtree(k, nested(k))
            return sorted(words, key=lambda w: w.id), objs[0], "object"
        for k in tree.children(cue, "obj", "obl"):
            if k.deprel.startswith("obl"):
                cases = [c.text.lower() for c in tree.children(k, "case")]
                if not any(c in lexicon.words().np_content_prepositions for c in cases):
                    continue
                if cue.lemma.lower() == "call" and "on" in cases:
                    continue
            if k.id < cue.id:
                continue
            return tree.subtree(k, nested(k) + tree.children(k, "case")), k, "object"
    return None


def _closing_report(tree: Tree, k: Word, cues: set[int]) -> bool:
    """``said talks would continue, [RIA reported].``: a cue with its own subject,
    after a comma, closing the sentence, that the parser hung on the first cue as
    a second content clause. It is a report of its own, not content."""
    if k.id not in cues or not tree.children(k, "nsubj"):
        return False
    sub = [w for w in tree.subtree(k) if w.upos != "PUNCT"]
    first, last = min(w.index for w in sub), max(w.index for w in sub)
    words = tree.sent.words
    return len(sub) <= _CLOSING_REPORT_MAX_WORDS and first > 0 and words[first - 1].text == "," \
        and all(w.upos == "PUNCT" for w in words[last + 1:])


def _clause_misread_as_conjunct(tree: Tree, cue: Word, k: Word) -> bool:
    """``said in a letter [that the ad suggests …]`` parsed as a conjunct of the cue:
    a conjunct after the cue that opens with its own ``that``/``whether`` (no
    conjunction before it) and holds a subject is the cue's content clause."""
    if k.id < cue.id or k.upos not in ("VERB", "AUX", "ADJ", "NOUN", "PROPN"):
        return False
    sub = tree.subtree(k)
    first = sub[0]
    if first.index > 0 and tree.sent.words[first.index - 1].upos == "CCONJ":
        return False  # "… and that B": a real conjunct
    return (first.deprel == "mark" and first.head == k.id and first.text.lower() in ("that", "whether")
            and any(w.deprel.split(":")[0] in ("nsubj", "expl") for w in sub))


def _reports_on_its_own(tree: Tree, cue: Word, top: Word) -> bool:
    """A cue clause hung on the clause before it as parataxis that has a complement
    of its own (``A; he had stated of politicians, "…"``, ``A - Trump has vowed to
    bring back jobs``, ``11:40 am - Police announce the name``): the clause before
    is not its fronted content. The object of ``told [Reuters]`` or of ``quoted
    [Ryabkov] as saying`` is the addressee or the speaker, not a complement."""
    rels = ("ccomp", "xcomp")
    lists, lemma = lexicon.words(), cue.lemma.lower()
    if top is cue and lemma not in lists.addressee_verbs and lemma not in lists.speaker_object_verbs:
        rels += ("obj",)
    return any(k.id > top.id and k.deprel.split(":")[0] in rels for k in tree.children(top))


def _conjunct_of_content(tree: Tree, w: Word) -> bool:
    """A speech verb coordinated inside a content clause that belongs to it rather
    than reporting on its own: ``that A but [that it would add] B`` (a ``that``
    clause in parallel), ``he rated … and [talked about] which ones …`` (no
    subject and no content clause of its own: it shares the content's subject)."""
    if any(m.text.lower() == "that" for m in tree.children(w, "mark")) and tree.children(w, "nsubj"):
        return True
    return not tree.children(w, "nsubj", "nsubj:pass", "ccomp", "parataxis", "obj", "iobj", "xcomp") and not any(
        k.text in ":" + DOUBLE_MARKS + SINGLE_MARKS for k in tree.children(w, "punct"))


def _subordinate_clause(tree: Tree, w: Word) -> bool:
    """A speech verb heading an adverbial clause of the content that belongs to it,
    not a report of its own: a clause with its own subject (``because Republicans
    had only asked for …``) or an infinitive (``free [to disclose] his returns``).
    ``…, adding that …`` (a bare participle) and a clause set off by a comma
    (``…, though she acknowledged it was …``) are reports of their own."""
    first = next(x for x in tree.subtree(w) if x.upos != "PUNCT" or x.id == w.id)
    i = first.index - 1
    while i >= 0 and tree.sent.words[i].text in DOUBLE_MARKS + SINGLE_MARKS:
        i -= 1  # `"…," while others said …`: the comma inside the closing mark
    if i >= 0 and tree.sent.words[i].text in ",;:—–-(":
        return False
    if tree.children(w, "nsubj", "nsubj:pass", "expl"):
        return True
    if w.deprel.startswith("parataxis"):
        return False
    # "by [adding] …", "for [acknowledging] …", "to [disclose] …"
    return bool(tree.children(w, "mark"))


def _with_stray_subject(tree: Tree, cue: Word, head: Word, words: list[Word]) -> list[Word]:
    """A content clause without a subject whose subject the parser hung on the cue:
    "said [the politics surrounding the top of the ticket] (obj, xcomp) [would be
    more intense] (ccomp)"."""
    if head.id < cue.id:
        return _with_fronted_stray_subject(tree, cue, head, words)
    marks = [m for m in tree.children(head, "mark") if m.text.lower() == "that" and cue.id < m.id]
    if marks and any(cue.id < k.id < head.id and k.id > marks[0].id for k in tree.children(cue) if k.upos != "PUNCT"):
        # "acknowledged [that] [his rallying cry] (ccomp) [to save the planet] (advcl)
        # [had not galvanized Americans]": the words between the clause's "that" and
        # its verb belong to it, wherever the parser hung them
        stray = [k for k in tree.children(cue) if marks[0].id < k.id < head.id and k.upos != "PUNCT"]
        return sorted([w for k in stray for w in tree.subtree(k)] + words, key=lambda w: w.id)
    subj = [k for k in tree.children(head) if k.deprel.split(":")[0] in ("nsubj", "csubj", "expl")]
    if subj:
        return words + _object_before_subject(tree, cue, subj[0], words)
    stray = [k for k in tree.children(cue, "obj", "xcomp", "dep", "ccomp") if cue.id < k.id < head.id]
    if cue.lemma.lower() not in lexicon.words().addressee_verbs:
        # "said [the politics …] (iobj) [would be more intense]": no addressee for "say"
        stray += [k for k in tree.children(cue, "iobj") if cue.id < k.id < head.id]
    if not stray:
        return words
    extra = [w for k in stray for w in tree.subtree(k)]
    return sorted(extra + words, key=lambda w: w.id)


def _object_before_subject(tree: Tree, cue: Word, subj: Word, words: list[Word]) -> list[Word]:
    """``says [Donald Trump's flurry of tweets targeting] (obj) [Machado was
    unhinged] (ccomp)``: an object of the cue running straight into the content's
    subject, holding a verb that lost its object to it, is the start of the
    subject. Not for verbs with an addressee (``told [reporters] he was …``) or
    that name their object (``called [him] …``)."""
    lists, lemma = lexicon.words(), cue.lemma.lower()
    if lemma in lists.addressee_verbs or lemma in lists.named_object_verbs:
        return []
    first = min(x.id for x in words)
    for k in tree.children(cue, "obj"):
        if not cue.id < k.id < first:
            continue
        sub = tree.subtree(k)
        if sub[-1].id + 1 != first or sub[0].id != cue.id + 1:
            continue
        if any(x.upos == "VERB" and x.deprel.split(":")[0] == "acl" and not tree.children(x, "obj", "ccomp", "xcomp")
               and x.id == sub[-1].id for x in sub):
            return sub
    return []


def _with_fronted_stray_subject(tree: Tree, cue: Word, head: Word, words: list[Word]) -> list[Word]:
    """``[Donald Trump's obsession] (nsubj of the cue) [with Obama's birth is an
    insult] (ccomp), lawmakers said``: a fronted content clause whose subject the
    parser gave to the cue, which has a subject of its own after the clause."""
    subjects = tree.children(cue, "nsubj")
    if not words or not any(s.id > head.id for s in subjects):
        return words
    first = min(x.id for x in words)
    for k in subjects:
        sub = tree.subtree(k)
        if k.id < head.id and sub[-1].id + 1 == first and k.upos in ("NOUN", "PROPN"):
            return sorted(sub + words, key=lambda w: w.id)
    return words


def _clause_after_by_position(tree: Tree, cue: Word, cues: set[int]) -> tuple[list[Word], Word, str] | None:
    """``The Kremlin said on Wednesday that …``, ``told Reuters intense fighting
    was …`` when the parse does not link the clause to the cue (small parsers
    often read it as ``conj`` or ``obj``): the words after the cue - past its
    time/place modifiers, the addressee of ``tell``, and ``that`` - up to the
    end of the sentence or the next cue, when they hold a verb of their own."""
    words = [w for w in tree.sent.words if w.id > cue.id]
    i = 0
    own_words = set()
    for k in tree.children(cue):
        sub = tree.subtree(k)
        # the cue's own short modifiers ("on Wednesday"), not a clause misread as one
        if k.deprel.split(":")[0] in ("obl", "advmod", "compound") and not any(
            x.upos in ("VERB", "AUX") or x.text.lower() == "that" for x in sub
        ):
            own_words.update(x.id for x in sub)
    addressee_done = cue.lemma.lower() not in lexicon.words().tell_verbs
    while i < len(words):
        w = words[i]
        if w.id in own_words or w.upos == "PUNCT" and w.text in ",":
            i += 1
            continue
        if not addressee_done and w.upos in ("PROPN", "NOUN", "PRON", "DET", "ADJ"):
            # the addressee: up to its head noun
            j = i
            while j < len(words) and words[j].upos in ("DET", "ADJ", "PROPN", "NOUN", "PRON") and \
                    not (words[j].upos in ("NOUN", "PROPN", "PRON") and j + 1 < len(words)
                         and words[j + 1].upos in ("NOUN", "PROPN", "PRON", "DET", "SCONJ", "ADJ")):
                j += 1
            i = j + 1
            addressee_done = True
            continue
        break
    rest = words[i:]
    that = bool(rest) and rest[0].text.lower() == "that" and rest[0].upos in ("SCONJ", "PRON", "DET", "ADP")
    if that:
        rest = rest[1:]
    out = []
    sent = tree.sent.words
    own = {i for i in cues if tree.sent.word(i).index > 0
           and sent[tree.sent.word(i).index - 1].text.lower() == "to"}  # "failed to note"
    stop = _coordinated_report_start(tree, cue, cues)
    for w in rest:
        if w.id in cues - own or (stop is not None and w.id >= stop) or (w.text in ",;" and out and any(x.id in cues - own for x in rest[rest.index(w) + 1:rest.index(w) + 1 + _NEXT_CUE_WINDOW])):
            break
        out.append(w)
    while out and (out[-1].upos == "CCONJ" or out[-1].upos == "PUNCT" and not _closes_a_mark(out)):
        out.pop()
    verbs = [w for w in out if w.upos in ("VERB", "AUX")]
    if len(out) < _CLAUSE_MIN_WORDS or not verbs:
        return None
    if (out[0].upos in ("ADP", "PART") or out[0].text.lower() in ("to", "of", "for", "about")) \
            and not (that and out[0].upos == "ADP" and any(x.upos in ("PRON", "NOUN", "PROPN")
                                                         and x.deprel.startswith("nsubj") for x in out)):
        # "said [to …]", "spoke [about …]": no clause; but "noted that [at one meeting,
        # he …]": a clause opening with a phrase after ``that``
        return None
    if not that and out[0].text.lower() in lexicon.words().adverbial_openers:
        return None  # "spoke [before Sanders addressed a rally]": the time of speaking, not what was said
    if not that and out[0].text.lower() == "when" and cue.lemma.lower() not in lexicon.words().question_verbs:
        return None  # "markets respond [when government forces …]": the time, not what was said
    if out[0].text.lower() in ("who", "whom", "whose", "which") and out[0].index > 0 \
            and tree.sent.words[out[0].index - 1].text == ",":
        return None  # "told Holder, [who would tell Obama]": a relative clause on the addressee
    return out, out[0], "ccomp"


def _closes_a_mark(words: list[Word]) -> bool:
    """The last of ``words`` is a quote mark that closes one opened among them."""
    marks = [w for w in words if w.text in DOUBLE_MARKS + SINGLE_MARKS or w.text in ("''", "``")]
    return bool(marks) and marks[-1] is words[-1] and len(marks) % 2 == 0


def _coordinated_report_start(tree: Tree, cue: Word, cues: set[int]) -> int | None:
    """Where a report coordinated with the cue's begins (``rejected talk of leaving
    Aleppo[, and Assad's government has said …]``): the first of its conjunction,
    the punctuation before it and its subject. None without one."""
    starts = []
    for k in tree.children(cue, "conj"):
        if k.id not in cues or k.id < cue.id:
            continue
        lead = [c for c in tree.children(k) if c.id < k.id and c.deprel in ("cc", "punct")]
        subject = [x for c in tree.children(k) if c.deprel.startswith("nsubj") for x in tree.subtree(c)]
        starts.append(min(w.id for w in lead + subject + [k]))
    return min(starts) if starts else None


def _clause_misread_as_relative(tree: Tree, cue: Word) -> list[Word]:
    """``told a news conference they are …``: a that-less content clause the
    parser hung on the object as a relative clause. Taken as the content when
    it has its own subject and no relative pronoun."""
    for obj in tree.children(cue, "obj", "iobj"):
        for k in tree.children(obj, "acl:relcl"):
            subj = tree.children(k, "nsubj")
            first = min(tree.subtree(k), key=lambda w: w.id)
            rel = any(w.feats and "PronType=Rel" in w.feats or w.text.lower() in ("who", "whom", "whose", "which")
                      for w in tree.subtree(k) if w.id <= k.id)
            if subj and not rel and first.id > obj.id and first.upos != "PUNCT":
                return [k]
    return []


def _that_clause_misread_as_relative(tree: Tree, cue: Word) -> list[Word]:
    """``said at an event in Colorado [that "a bomb" had gone off]`` parsed as a
    relative clause of a noun in the cue's modifiers: a clause opening with the
    complementizer ``that`` (a ``mark``, not the relative pronoun) and with a
    subject of its own, on a noun after the cue, is the cue's content clause."""
    for k in tree.children(cue):
        if k.id < cue.id or k.deprel.split(":")[0] not in ("obl", "obj", "iobj", "nmod"):
            continue
        for x in tree.subtree(k):
            if x.deprel != "acl:relcl" or x.upos not in ("VERB", "AUX", "ADJ", "NOUN"):
                continue
            sub = tree.subtree(x)
            first = sub[0]
            if first.text.lower() == "that" and first.deprel == "mark" and first.head == x.id \
                    and tree.children(x, "nsubj", "nsubj:pass", "expl"):
                return [x]
    return []


def _fronted_by_position(tree: Tree, cue: Word, top: Word) -> tuple[list[Word], Word, str] | None:
    """``CONTENT, officials said [on Monday].`` when the parse does not link the
    content to the cue: the cue ends the sentence (only its modifiers follow),
    its subject comes right before it after a comma, and everything before that
    comma is the content. Not for verbs of request (``urged``, ``called for``)."""
    if cue.lemma.lower() in lexicon.words().request_verbs:
        return None
    subj = [k for k in tree.children(top, "nsubj") if k.id < top.id][-1:]
    if not subj:
        return None
    tail = [w for w in tree.sent.words if w.id > top.id and w.upos != "PUNCT"]
    if len(tail) > _CUE_TAIL_MAX_WORDS or any(w.upos in ("VERB", "AUX") for w in tail):
        return None  # the cue does not end its sentence
    start = min(w.id for w in tree.subtree(subj[0]) if w.upos != "PUNCT" or w.id == subj[0].id)
    while start > 2 and tree.sent.word(start - 1).upos in ("PROPN", "ADJ", "DET") \
            and tree.sent.word(start - 1).id not in {x.id for x in tree.subtree(subj[0])}:
        start -= 1  # a title the parser hung elsewhere ("Russian" in "Russian Deputy … Ryabkov")
    between = [tree.sent.word(i) for i in range(start, top.id)]
    if any(w.upos in ("VERB",) and w.id != top.id for w in between) or start < 3:
        return None
    comma = tree.sent.word(start - 1)
    if comma.text not in ",—–" + DOUBLE_MARKS + SINGLE_MARKS:
        return None
    words = [tree.sent.word(i) for i in range(1, start - 1)]
    if not any(_finite(w) for w in words):
        return None  # "In interviews, Trump questioned …": a phrase, not a reported clause
    anchor = next((w for w in words if w.upos != "PUNCT"), None)
    return (words, anchor, "fronted") if anchor else None


def _finite(w: Word) -> bool:
    """A finite verb or auxiliary (by its tag where the tagger gave one)."""
    if w.xpos:
        return w.xpos in ("VBD", "VBZ", "VBP", "MD") or w.upos == "AUX" and w.xpos != "VBG"
    return w.upos in ("VERB", "AUX")


def _fronted_relative(tree: Tree, cue: Word) -> tuple[list[Word], Word, str] | None:
    """``CONTENT, the International Committee of the Red Cross said on Thursday.``
    when the parser made the cue a relative clause of its speaker (``said``
    ``acl:relcl`` of ``Committee``): a relative clause without a relative pronoun
    or a subject of its own, right after its head noun phrase, at the end of the
    sentence, with a comma before the noun phrase. Everything before that comma is
    the content (the speaker is the head noun, see :func:`subject`)."""
    if cue.deprel != "acl:relcl" or tree.children(cue, "nsubj", "nsubj:pass", "expl"):
        return None
    head = tree.head(cue)
    if head is None or head.upos not in ("NOUN", "PROPN") or head.id > cue.id:
        return None
    clause = tree.subtree(cue)
    if clause[0].id != cue.id:
        return None  # "the man who said", "what he said": a real relative clause
    np = tree.subtree(head, [cue])
    while np and np[0].upos == "PUNCT":
        np = np[1:]
    if not np or np[-1].id != cue.id - 1 or np[0].id < 3:
        return None
    tail = [w for w in tree.sent.words if w.id > cue.id and w.upos != "PUNCT"]
    if len(tail) > _CUE_TAIL_MAX_WORDS or any(w.upos in ("VERB", "AUX") for w in tail):
        return None  # the cue does not end its sentence
    comma = tree.sent.word(np[0].id - 1)
    if comma.text not in ",—–":
        return None
    words = [tree.sent.word(i) for i in range(1, comma.id)]
    if word_count(" ".join(w.text for w in words)) < _FRONTED_MIN_WORDS or not any(w.upos in ("VERB", "AUX") for w in words):
        return None
    anchor = next((w for w in words if w.upos != "PUNCT"), None)
    return (words, anchor, "fronted") if anchor else None


def inverted_by_position(tree: Tree, cue: Word) -> tuple[list[Word], Word, str, Word] | None:
    """``CONTENT, said X[, a senior official].`` where the parser made the speaker
    X an object or clause of the cue: (content words, anchor, rule, speaker head).
    The cue has no subject of its own and follows a comma; X is a noun phrase."""
    if tree.children(cue, "nsubj", "nsubj:pass") or cue.index < 4:
        return None
    if cue.xpos in ("VBG", "VBN", "VB", "TO") or cue.text.lower().endswith("ing"):
        return None  # ", telling Reuters …": a participle has no inverted subject
    if tree.sent.words[cue.index - 1].text not in ",—–" + DOUBLE_MARKS + SINGLE_MARKS:
        return None
    after = [k for k in tree.children(cue) if k.id > cue.id and k.upos != "PUNCT"]
    if not after or after[0].deprel not in ("obj", "ccomp", "dep", "appos") \
            or after[0].upos not in ("PROPN", "NOUN") or after[0].lemma.lower() in lexicon.words().time_words:
        return None
    speaker = after[0]
    if any(k.deprel.split(":")[0] in ("nsubj", "cop", "aux", "mark") for k in tree.children(speaker)):
        return None  # a clause after all: "said officials were …"
    words = [w for w in tree.sent.words if w.index < cue.index - 1]
    if word_count(" ".join(w.text for w in words)) < _FRONTED_MIN_WORDS or not any(w.upos in ("VERB", "AUX") for w in words):
        return None
    anchor = next((w for w in words if w.upos != "PUNCT"), None)
    return (words, anchor, "fronted", speaker) if anchor else None


def small_clause_naming(tree: Tree, cue: Word) -> tuple[list[Word], Word, str] | None:
    """``called [Trump] [a "pathological liar"]`` (iobj + obj), ``called [half of
    Trump's supporters "deplorables"]``, ``called [her vote in favor of the war a
    mistake]`` (the name parsed as a ``dep``/``appos`` inside the object or a
    phrase after it), ``called [climate change a hoax]`` (a verbless small clause
    read as ``ccomp``): the named thing and its name. Not for the passive (``was
    called``) or one object (``called a meeting``, ``called the police``)."""
    if tree.children(cue, "nsubj:pass", "aux:pass"):
        return None
    kids = [k for k in tree.children(cue) if k.id > cue.id and k.upos != "PUNCT"]
    iobj = [k for k in kids if k.deprel == "iobj"]
    obj = [k for k in kids if k.deprel == "obj"]
    if iobj and obj and iobj[0].id < obj[0].id:
        words = tree.subtree(iobj[0]) + tree.subtree(obj[0])
        return sorted(words, key=lambda w: w.id), obj[0], "object"
    for k in kids:
        if k.deprel == "ccomp" and k.upos in ("NOUN", "PROPN", "ADJ") and tree.children(k, "nsubj") \
                and not tree.children(k, "cop", "aux", "mark") and tree.children(k, "obj", "xcomp", "dep"):
            return tree.subtree(k), k, "object"
    if not obj:
        return None
    o = obj[0]
    sent = tree.sent
    # "called [the charges] [unsubstantiated]", "called [his behavior] ["outrageous"]": an
    # adjective or participle after the named noun is the name (English puts attributes before it)
    post = [k for k in tree.children(o, "amod", "acl") if k.id > o.id and k.upos in ("ADJ", "VERB")
            and (k.upos == "ADJ" or k.xpos == "VBN")
            and not tree.children(k, "obj", "nsubj", "mark", "xcomp", "ccomp", "advcl")]
    if post and not cue.deprel.startswith("acl") and o.upos in ("NOUN", "PROPN"):
        np_end = max(x.id for x in tree.subtree(o, [post[0]]) if x.upos != "PUNCT")
        name_start = min(x.id for x in tree.subtree(post[0]))
        adjacent = name_start == np_end + 1 or all(
            tree.sent.word(i).upos == "PUNCT" for i in range(np_end + 1, name_start))
    else:
        adjacent = False
    if adjacent:  # the name follows the named noun phrase straight away
        words = tree.subtree(o)
        if not any(w.text == ";" for w in words):
            return words, o, "object"
    scope = [w for k in kids if k.deprel.split(":")[0] in ("obj", "obl", "nmod") for w in tree.subtree(k)]
    lists = lexicon.words()
    for d in sorted(scope, key=lambda w: w.id):
        if d.id <= o.id or d.upos not in ("NOUN", "ADJ"):
            continue
        # the name as a second object or a bare (case-less) oblique of the cue
        # (``called [it] [a common ailment]``), or a conjunct of the object with no
        # conjunction (``called [Oz] [a quack]``)
        second = d.deprel in ("obj", "obl") and d.head == cue.id and not tree.children(d, "case") \
            or d.deprel == "conj" and d.head == o.id and not tree.children(d, "cc") \
            or d.deprel == "nmod" and not tree.children(d, "case")  # "[her vote in favor of the war] [a mistake]"
        if not (d.deprel in ("dep", "appos") or second) \
                or d.lemma.lower() in lists.time_words or d.lemma.lower() in lists.occasion_words:
            continue
        before = sent.word(d.id - 1) if d.id > 1 else None
        dets = [c for c in tree.children(d, "det") if c.id < d.id]
        if not (dets or before is not None and before.text in DOUBLE_MARKS + SINGLE_MARKS):
            continue
        start = min(w.id for w in tree.subtree(o))
        end = max(w.id for w in tree.subtree(d))
        words = [sent.word(i) for i in range(start, end + 1)]
        if any(w.text in ";" or w.id in (cue.id,) for w in words):
            return None
        return words, o, "object"
    return None


def _naming_content(tree: Tree, cue: Word) -> tuple[list[Word], Word, str] | None:
    """``called Trump "unhinged"``, ``calling him a political opportunist``: the
    named thing and what it was called (obj/xcomp/dep after the verb), and
    ``called for the overthrow of Assad`` (a ``for`` phrase)."""
    kids = [k for k in tree.children(cue) if k.id > cue.id]
    for k in kids:
        marks = [c.text.lower() for c in tree.children(k, "case", "mark")]
        if "for" in marks and k.deprel.split(":")[0] in ("obl", "advcl", "nmod"):
            words = [w for w in tree.subtree(k) if w.text.lower() != "for" or w.head != k.id]
            return words, k, "object"
    pred = [k for k in kids if k.deprel in ("xcomp", "dep") and k.upos in ("ADJ", "NOUN", "PROPN", "VERB")]
    if not pred:
        # "called on [police] [to release the videos]": the infinitive parsed as advcl
        on = [k for k in kids if k.deprel.startswith("obl") and k.lemma.lower() not in lexicon.words().time_words
              and any(c.text.lower() == "on" for c in tree.children(k, "case"))]
        pred = [k for k in kids if k.deprel == "advcl" and k.upos == "VERB" and on and on[0].id < k.id
                and any(c.text.lower() == "to" for c in tree.children(k, "mark"))
                and not tree.children(k, "nsubj")][:1]
    if not pred:
        return None
    words = []
    for k in kids:
        if k.deprel in ("obj", "iobj", "xcomp", "dep") and k.id <= pred[-1].id or k is pred[-1]:
            words += tree.subtree(k)
        elif k.deprel.startswith("obl") and k.id < pred[-1].id and pred[-1].upos == "VERB" \
                and any(c.text.lower() == "on" for c in tree.children(k, "case")):
            words += [w for w in tree.subtree(k) if not (w.head == k.id and w.deprel == "case")]  # "called on [people] to …"
    return sorted(words, key=lambda w: w.id), pred[0], "object"


# --------------------------------------------------------------------------
# Where the content ends: a filter, the boundary rules (CONTENT_BOUNDARY_RULES,
# in their order, applied by bound_content) and the lead of an interrupted content
# --------------------------------------------------------------------------


def adverbial_clause(tree: Tree, cue: Word, head: Word, rule: str) -> bool:
    """A clause after the cue parsed as its content that opens with a subordinator
    of time (``said [before he died]``, ``spoke [while the crowd
    cheered]``; ``when`` too, except after verbs that take questions: ``asked
    when …``) is an adverbial of the cue, not what was said."""
    if rule != "ccomp" or head.id < cue.id:
        return False
    sub = tree.subtree(head)
    first = next((x for x in sub if x.upos != "PUNCT"), None)
    if first is None or first.head != head.id or first.deprel not in ("mark", "advmod"):
        return False
    opener = first.text.lower()
    if opener == "when":
        return cue.lemma.lower() not in lexicon.words().question_verbs
    return opener in lexicon.words().time_subordinators


@attrs.frozen
class _Content:
    """What the boundary rules read besides the content's words: the cue's
    sentence tree, the cue, the content's head, the rule that found the content
    (``ccomp``, ``object``, ``xcomp``, ``parataxis``, ``fronted``) and the cues
    whose clauses are cut out of an enclosing content."""

    tree: Tree
    cue: Word
    head: Word
    rule: str
    cut_ids: set[int]


def _trailing_modifiers(found: _Content, words: list[Word]) -> list[Word]:
    """Widens a clause, object or infinitive content over the modifiers the
    parser hung on the cue that follow it: ``said [that A] [after he suggested
    B]``, ``voiced [his support] [for the governor]``: they read as part of
    what was reported."""
    tree, cue, cut_ids = found.tree, found.cue, found.cut_ids
    if found.rule not in ("ccomp", "object", "xcomp") or not words:
        return words
    last = max(w.id for w in words)
    extra = []
    for k in tree.children(cue):
        if k.id <= last or k.id in cut_ids or k.deprel.split(":")[0] not in ("advcl", "obl", "nmod", "dep"):
            continue
        sub = tree.subtree(k)
        if any(x.id in cut_ids for x in sub):
            continue
        first = min(x.id for x in sub)
        if first > 1 and tree.sent.word(first - 1).text == ",":
            continue  # ", as troops continued …": the reporter's frame, not the content
        extra += sub
    return words + extra


def _addressee_in_content(found: _Content, words: list[Word]) -> list[Word]:
    """Cuts from a clause content ``told [Reuters] intense fighting was …``
    where the parser glued the addressee of ``tell`` onto the content's subject
    (``Reuters`` ``compound`` of ``fighting``): the names right after a ``tell``
    that has no object of its own leave the content (the outlet is then read
    off its position)."""
    tree, cue = found.tree, found.cue
    if found.rule != "ccomp":
        return words
    if cue.lemma.lower() not in lexicon.words().tell_verbs or tree.children(cue, "obj", "iobj"):
        return words
    ids = {w.id for w in words}
    sent = tree.sent.words
    i = cue.index + 1
    run = []
    while i < len(sent) and sent[i].id in ids and (
            sent[i].upos == "PROPN" or sent[i].lemma.lower() in lexicon.words().press_nouns) \
            and sent[i].deprel in ("compound", "flat", "nmod:poss", "amod"):
        run.append(sent[i])
        i += 1
    if not run or i >= len(sent) or sent[i].upos == "PROPN" or not sent[i].text[:1].islower():
        return words
    run_ids = {w.id for w in run}
    top = run[0]
    while top.head in run_ids:
        top = tree.head(top)
    gov = tree.head(top)
    if gov is None or gov.id in run_ids or gov.id < run[-1].id or gov.id not in ids \
            or gov.upos not in ("NOUN", "PRON"):
        return words
    return [w for w in words if w.id not in run_ids]


def _has_modal(tree: Tree, w: Word) -> bool:
    modals = lexicon.words().modals
    return any(a.lemma.lower() in modals or a.text.lower() in modals for a in tree.children(w, "aux"))


def _conjuncts_hung_on_cue(found: _Content, words: list[Word]) -> list[Word]:
    """Widens a clause content over its coordinated clauses the parser hung on
    the cue: ``said [that A], and [that B]`` (a ``that`` clause with a subject of
    its own), ``says [it would depress revenue …], but [would eventually add $84
    billion]`` (no subject, a modal like the content's), ``announced [it will
    have …], and [it will all be done in real time]`` (a subject of its own that
    is not the speaker, and a modal)."""
    tree, cue, head, cut_ids = found.tree, found.cue, found.head, found.cut_ids
    if found.rule != "ccomp" or not words or head.id < cue.id:
        return words
    last = max(x.id for x in words)
    subj = next(iter(tree.children(cue, "nsubj")), None)
    head_modal = _has_modal(tree, head)
    extra = []
    for k in tree.children(cue, "conj"):
        if k.id <= last or k.upos not in ("VERB", "AUX", "ADJ", "NOUN"):
            continue
        modal = _has_modal(tree, k)
        if k.id in cut_ids and not (modal and not tree.children(k, "ccomp", "parataxis")):
            continue  # "… and added that …": an attribution of its own ("would add $84 billion" is not)
        sub = tree.subtree(k)
        if any(x.id in cut_ids and x.id != k.id for x in sub):
            continue
        own = tree.children(k, "nsubj", "nsubj:pass", "expl")
        that = [m for m in tree.children(k, "mark") if m.text.lower() == "that"]
        parallel = bool(that and own and that[0].id < own[0].id)  # "said [that A], and [that B]"
        if own and not parallel:
            s = own[0]
            if subj is None or s.upos == "PRON" and s.text.lower() in lexicon.words().own_clause_pronouns \
                    or s.text.lower() == subj.text.lower() or s.lemma.lower() == subj.lemma.lower():
                continue
            if not modal:
                continue
        elif not own and not (modal and head_modal) and not _verb_form_of_content(cue, k):
            continue
        gap = [tree.sent.word(i) for i in range(last + 1, sub[0].id)]
        if any(x.head != cue.id or x.deprel not in ("cc", "punct") for x in gap if x not in sub):
            continue
        extra += gap + sub
        last = max(last, sub[-1].id)
    return words + extra


_FINITE = ("VBD", "VBZ", "VBP")


def _verb_form_of_content(cue: Word, k: Word) -> bool:
    """``said [the workers make $12 an hour] and [have salaries …]``: a conjunct of
    the cue without a subject whose verb form cannot continue the cue (a base or
    present form after a past ``said``, a present form after ``has pointed out``)
    continues the content. Not where the forms match (``said … and warned …``)."""
    cue_form = cue.xpos if cue.xpos in _FINITE else "VBN" if cue.xpos == "VBN" else None
    return cue_form is not None and k.xpos in ("VB", "VBP", "VBZ") and k.xpos != cue_form


def _noun_conjuncts_hung_on_cue(found: _Content, words: list[Word]) -> list[Word]:
    """Widens an object content ``called for [increased spending] and [an end to
    the cuts]`` where the parser made the second noun a conjunct of the verb: a
    noun cannot coordinate with a verb, so a noun conjunct of the cue right
    after a noun-phrase content (only a conjunction or comma between) is more
    of the content."""
    tree, cue = found.tree, found.cue
    if found.rule != "object" or not words:
        return words
    last = max(x.id for x in words)
    if min(x.id for x in words) < cue.id:
        return words
    extra = []
    for k in tree.children(cue, "conj"):
        if k.id <= last or k.upos not in ("NOUN", "PROPN"):
            continue
        sub = tree.subtree(k)
        gap = [tree.sent.word(i) for i in range(last + 1, sub[0].id)]
        if any(x.upos not in ("PUNCT", "CCONJ") for x in gap) or any(x.upos in ("VERB", "AUX") for x in sub):
            continue
        extra += gap + sub
        last = sub[-1].id
    return words + extra


def _run_around_head(found: _Content, words: list[Word]) -> list[Word]:
    """Keeps the one run of consecutive words around the content's head (see
    :func:`~quotetrack.extract.tree.run_around`), in word order."""
    return run_around(words, found.head, found.tree.sent)


def _cut_before_next_speaker(found: _Content, words: list[Word]) -> list[Word]:
    """Cuts ``said [they will not leave], one opposition official, who declined
    to be identified, conceded …``: content that runs on into the subject of the
    next cue (a noun phrase, maybe with a relative clause, between a comma and a
    speech verb outside the content) stops at that comma."""
    tree, cues = found.tree, found.cut_ids
    words = sorted(words, key=lambda x: x.id)
    ids = {w.id for w in words}
    sent = tree.sent
    for w in words:
        if w.text != "," or w.id == words[-1].id:
            continue
        nxt = [c for c in sorted(cues) if c > w.id and c not in ids]
        if not nxt:
            continue
        v = sent.word(nxt[0])
        between = [sent.word(i) for i in range(w.id + 1, v.id)]
        core = [x for x in between if x.upos != "PUNCT"]
        if not core or core[0].upos not in ("DET", "NUM", "ADJ", "NOUN", "PROPN", "PRON"):
            continue
        if not finite_cue(tree, v) or tree.children(v, "nsubj", "nsubj:pass"):
            continue
        heads = [x for x in core if x.upos in ("NOUN", "PROPN", "PRON")
                 and {y.id for y in core} <= {y.id for y in tree.subtree(x)}
                 and v.id not in {y.id for y in tree.subtree(x)}]
        if not heads:
            continue
        if not any(x.id in ids for x in between):
            continue
        return [x for x in words if x.id < w.id]
    return words


def _cut_trailing_participle(found: _Content, words: list[Word]) -> list[Word]:
    """Cuts ``said [geopolitical factors have contributed to …], citing the
    strategic importance of …``: a comma and a subjectless reporting participle
    (``citing``, ``saying``, ``noting``) that runs to the end of a content after
    its cue close the content, wherever the parser hung the participle. After a
    noun-phrase content (an object not headed by a verb) any participle does:
    ``questioned [the integrity of the vote], encouraging supporters to …``."""
    tree, cue = found.tree, found.cue
    any_verb = found.rule == "object" and found.head.upos != "VERB"
    if not words or words[0].id < cue.id:
        return words
    last = max(x.id for x in words if x.upos != "PUNCT") if any(x.upos != "PUNCT" for x in words) else 0
    for i, x in enumerate(words[1:-1], start=1):
        if x.text != ",":
            continue
        v = words[i + 1]
        if v.xpos != "VBG" or not (any_verb or v.lemma.lower() in lexicon.words().reporting_participles) \
                or tree.children(v, "nsubj"):
            continue
        sub = {y.id for y in tree.subtree(v)}
        if last not in sub or not all(y.id in sub or y.upos == "PUNCT" for y in words[i + 1:]):
            continue
        if word_count(" ".join(y.text for y in words[:i])) < _PARTICIPLE_CUT_MIN_WORDS:
            continue
        if any(y.text == "," for y in words[i + 1:]) and not tree.children(v, "ccomp"):
            continue  # ", responding to pressure, who …": a parenthetical inside the content
        return words[:i]
    return words


def _cut_at_semicolon(found: _Content, words: list[Word]) -> list[Word]:
    """Cuts ``said the timing was not intentional; they only learned on Friday
    …``: a content after its cue ends at a semicolon outside quote marks (what
    follows is a sentence of its own)."""
    cue = found.cue
    if not words or words[0].id < cue.id:
        return words
    marks = 0
    for i, x in enumerate(words):
        if x.text in DOUBLE_MARKS:
            marks += 1
        if x.text == ";" and marks % 2 == 0 and i >= _SEMICOLON_CUT_MIN_TOKENS:
            return words[:i]
    return words


def _stranded_that_clause(found: _Content, words: list[Word]) -> list[Word]:
    """Widens ``said [he thought] [that drugs were a factor]`` where the parser
    hung the ``that`` clause elsewhere (on the main verb): a content ending in a
    verb that has no complement of its own, followed straight away by a
    ``that`` clause, takes the clause in."""
    tree, cue = found.tree, found.cue
    if not words or words[0].id < cue.id:
        return words
    last = max(words, key=lambda x: x.id)
    sent = tree.sent.words
    if last.upos != "VERB" or tree.children(last, "ccomp", "obj", "xcomp") or last.index + 1 >= len(sent):
        return words
    that = sent[last.index + 1]
    if that.text.lower() != "that" or that.deprel != "mark":
        return words
    clause = tree.head(that)
    sub = tree.subtree(clause)
    if sub[0].id != that.id or cue.id in {x.id for x in sub} or any(x.id in {y.id for y in words} for x in sub):
        return words
    return words + sub


#: The rules that decide where a cue's content ends, in the order
#: :func:`bound_content` applies them; each takes the content's words and
#: returns them widened or cut (a rule for one kind of content passes the others by).
CONTENT_BOUNDARY_RULES = (
    _trailing_modifiers,          # widen: modifiers of the cue after a clause, object or infinitive
    _addressee_in_content,        # cut: the addressee of ``tell`` glued onto a clause's subject
    _conjuncts_hung_on_cue,       # widen: clauses of the content coordinated on the cue
    _noun_conjuncts_hung_on_cue,  # widen: nouns of an object coordinated on the cue
    _run_around_head,             # keep: the one run of words around the content's head
    _cut_before_next_speaker,     # cut: at the comma before the next cue's speaker
    _cut_trailing_participle,     # cut: at a trailing ", citing …"
    _cut_at_semicolon,            # cut: at a semicolon outside quote marks
    _stranded_that_clause,        # widen: a ``that`` clause hung elsewhere after a bare verb
)


def bound_content(tree: Tree, cue: Word, head: Word, rule: str, words: list[Word],
                  cut_ids: set[int]) -> list[Word]:
    """The words of the content of ``cue`` (headed by ``head``, found by
    ``rule``) once :data:`CONTENT_BOUNDARY_RULES` have widened and cut them, in
    order. ``cut_ids``: the cues whose clauses are cut out of an enclosing
    content."""
    found = _Content(tree, cue, head, rule, cut_ids)
    for boundary_rule in CONTENT_BOUNDARY_RULES:
        words = boundary_rule(found, words)
    return words


def interrupted_lead(doc: ParsedDoc, tree: Tree, cue: Cue, speaker: Mention | None,
                      content: tuple[int, int] | None, cut_ids: set[int],
                      quoted: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """The part of the content before a parenthetical attribution: "[That's why],
    he argued, the party should be prepared". The attribution must stand between
    commas, with the rest of the content right after it; the part has a verb (not
    "On Monday, he said, …")."""
    if content is None or content[0] < cue.end_char:
        return None
    between = doc.text[cue.end_char:content[0]].strip()
    if between != ",":
        # "These employees, he explained [earlier in the hearing], were …": the cue's own
        # modifiers may stand before the comma
        mods = [w for w in tree.sent.words if cue.end_char <= w.start_char < content[0] and w.upos != "PUNCT"]
        if not between.endswith(",") or not mods or len(mods) > _CUE_MODIFIERS_MAX_WORDS \
                or any(w.upos in ("VERB", "AUX") or w.text in DOUBLE_MARKS + SINGLE_MARKS for w in mods):
            return None
    first = speaker.start_char if speaker is not None and speaker.start_char < cue.start_char else cue.start_char
    if speaker is not None and speaker.start_char > cue.end_char:
        return None  # "…, said X, …": the speaker follows; then the content is not after the cue
    start = tree.sent.words[0].start_char
    before = doc.text[start:first].rstrip()
    if not before.endswith(","):
        return None
    s, e = trim(doc.text, start, start + len(before) - 1)
    words = [w for w in tree.sent.words if s <= w.start_char < e]
    if (word_count(doc.text[s:e]) < _INTERRUPTED_LEAD_MIN_WORDS or any(w.id in cut_ids for w in words)
            or not (any(w.upos in ("VERB", "AUX") for w in words)  # "On Monday, he said, …"
                    or _subject_lead(tree, words, content))
            or any(a < e and s < b for a, b in quoted)
            or any(ch in doc.text[s:e] for ch in DOUBLE_MARKS)):
        return None
    return s, e


def _subject_lead(tree: Tree, words: list[Word], content: tuple[int, int]) -> bool:
    """``[The museum], he said, [would make visitors face …]``: a noun phrase before
    a parenthetical cue is the subject of the content after it when that content
    is a finite clause without a subject of its own (it opens with an auxiliary,
    modal or verb)."""
    if not words or words[0].upos not in ("DET", "NOUN", "PROPN", "PRON", "ADJ", "NUM") \
            or not any(w.upos in ("NOUN", "PROPN", "PRON") for w in words) \
            or words[0].lemma.lower() in lexicon.words().time_words or any(w.upos == "ADP" for w in words[:1]):
        return False
    if any(w.lemma.lower() in lexicon.words().time_words and w.upos in ("NOUN", "PROPN") for w in words):
        return False  # "Last week, he said, …": a time, not a subject
    after = [w for w in tree.sent.words if content[0] <= w.start_char < content[1]]
    if not after or after[0].upos not in ("AUX", "VERB") or after[0].xpos in ("VBG", "VBN", "TO"):
        return False
    ids = {w.id for w in after}
    return not any(w.deprel.split(":")[0] in ("nsubj", "csubj", "expl") and w.head in ids for w in after)
