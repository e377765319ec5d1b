"""The channel of each quote: the outlet its words came through.

Set within one article, after its speakers are resolved, in text order:

* **named** — the quote's own attribution names the outlet (``told Reuters``,
  ``was quoted as saying by the RIA news agency``, ``…, RIA reported``): the
  extraction found it (``Quote.via_outlet``); or it names a journalist the
  article ties to an outlet (``NBC's Matt Lauer`` … ``Asked by Lauer …, she said``);
* **speaker** — the speaker is itself an outlet (``state TV said``, ``according
  to state media``): it is its own channel;
* **carried** — the words belong to a report whose outlet was named before:
  the later pieces of one interrupted quotation and the unattributed quote
  paragraphs that follow a quote (``continues``); the same speaker's quote with
  a carrying cue (``"…," Ryabkov added``, ``he continued``, ``was quoted as
  saying`` with no outlet, ``said in the interview``, ``also said``); a second
  cue of the sentence that named the outlet (``told CNN …, saying …``); the
  speaker's first quote after a sentence, with no quote of its own, that sets up
  an interview (``In a telephone interview with Fox News, Pence was asked …``),
  in that paragraph or the next; a display quote (``'…'`` / ``- Ryabkov``)
  repeating the words of the same speaker's body quote. A carried channel
  points at the mention where the outlet was named.

Nothing is carried backwards (a headline or lede before the naming keeps
none), and a fresh ``"…," X said`` that names no outlet inherits nothing.
``first_hand`` says whether the channel is the article's own publisher.
"""

from __future__ import annotations

import re

import attrs

from .. import lexicon
from ..records import Article, Mention, ParsedDoc, ResolvedQuote, Sentence, Word
from .names import fold
from ..extract.attributions import outlet_lead_starts
from .outlets import bare_outlet_kind, channel_outlet, is_listed_outlet, named_earlier, outlet_kind, outlet_name

DISPLAY_RULES = ("direct:dash-line",)  # a pull quote set apart, its speaker on the next line
DEFINITE = ("the", "that", "this", "same")  # "in the interview": the one already told of


@attrs.frozen
class _Channel:
    name: str
    mention: Mention | None


def assign_channels(article: Article, doc: ParsedDoc, resolved: list[ResolvedQuote]) -> list[ResolvedQuote]:
    """``resolved`` (one article's quotes) with ``via_outlet_name``, ``via_how``,
    ``via_outlet_mention`` and ``first_hand`` set."""
    publisher = fold(outlet_name(article.publisher)) if article.publisher else None
    # display quotes last: they repeat the report, they do not go on with it
    order = sorted(range(len(resolved)), key=lambda i: (resolved[i].quote.rule in DISPLAY_RULES,
                                                        resolved[i].quote.start_char, i))
    channels: dict[int, _Channel] = {}
    hows: dict[int, str] = {}
    own = [outlet_name(article.publisher)] if article.publisher else []
    frames = _frames(doc, resolved)
    hosts = _hosts(doc.text)
    for i in order:
        found = _own_channel(resolved[i], own + _named_before(resolved, channels, i)) \
            or _carried_channel(i, resolved, doc, channels, order) or _framed(resolved[i], frames, resolved, doc) \
            or _asked_by_host(resolved[i], hosts, doc)
        if found is not None:
            channels[i], hows[i] = found
    out = []
    for i, r in enumerate(resolved):
        channel = channels.get(i)
        if channel is None:
            out.append(attrs.evolve(r, via_outlet_name=None, via_how=None, via_outlet_mention=None,
                                    first_hand=None))
            continue
        first_hand = None if publisher is None else fold(channel.name) == publisher
        # an outlet that is the source is its own speaker, typed as the outlet it is
        speaker = {}
        if hows[i] == "speaker":
            speaker = {"speaker_type": "outlet"}
            if not r.speaker_name:  # "according to a CNN tally": CNN's
                speaker.update(speaker_name=channel.name, resolution="description")
        out.append(attrs.evolve(r, via_outlet_name=channel.name, via_how=hows[i],
                                via_outlet_mention=channel.mention, first_hand=first_hand, **speaker))
    return out


def _named_before(resolved: list[ResolvedQuote], channels: dict[int, _Channel], i: int) -> list[str]:
    """The outlets of the channels found so far before quote ``i``, in text order."""
    start = resolved[i].quote.start_char
    return [c.name for j, c in sorted(channels.items(), key=lambda jc: resolved[jc[0]].quote.start_char)
            if resolved[j].quote.start_char < start]


def _own_channel(r: ResolvedQuote, named_before: list[str]) -> tuple[_Channel, str] | None:
    """Named in the quote's own attribution, or the speaker is an outlet. A bare
    description ("told the agency", "the network said") is the outlet of that
    kind the article named last before it, else no channel; a short form ("the
    Times") is the outlet named before (or the publisher) whose name ends with it."""
    if r.quote.via_outlet is not None and r.quote.continues is None:
        name = r.via_outlet_name or _described(r.quote.via_outlet.text, named_before)
        if name:
            return _Channel(_fuller(name, named_before), r.quote.via_outlet), "named"
    if r.speaker_type not in ("anonymous", "group") and r.quote.speaker is not None:
        # "CNN reported", "according to the AP", "a CNN tally": the outlet is the source
        mention = r.quote.speaker.text
        if not r.speaker_name:  # "a new article in Politico", "a CNN tally": no one named
            name = channel_outlet(mention)
        elif r.speaker_type == "person":  # a one-word name that is an outlet's ("Politico said")
            name = channel_outlet(mention) if fold(r.speaker_name) == fold(outlet_name(mention)) else None
        else:
            name = channel_outlet(r.speaker_name) or channel_outlet(mention) or _described(mention, named_before)
        if name and (r.speaker_type == "outlet" or is_listed_outlet(name)):
            return _Channel(_fuller(name, named_before), r.quote.speaker), "speaker"
    return None


def _fuller(name: str, named_before: list[str]) -> str:
    """"Times" after "The New York Times": the fuller name given before."""
    return named_earlier(name, named_before) or name


def _described(mention: str, named_before: list[str]) -> str | None:
    kind = bare_outlet_kind(mention)
    if kind is None:
        return None
    # "the agency": the last agency named; "the news outlet": the last outlet named
    fits = [n for n in named_before if kind == "outlet" or outlet_kind([n]) == kind]
    return fits[-1] if fits else None


def _carried_channel(i: int, resolved: list[ResolvedQuote], doc: ParsedDoc,
                     channels: dict[int, _Channel], order: list[int]) -> tuple[_Channel, str] | None:
    r = resolved[i]
    if r.quote.continues is not None:  # a later piece, or a follow-on quote paragraph
        lead = r.quote.continues
        if 0 <= lead < len(resolved) and lead in channels:
            return channels[lead], "carried"
        if r.quote.via_outlet is not None and r.via_outlet_name:  # the lead named it but was not kept
            return _Channel(r.via_outlet_name, r.quote.via_outlet), "named"
        return None
    if not r.speaker_name:
        return None
    same = [j for j in order if resolved[j].quote.start_char < r.quote.start_char
            and resolved[j].speaker_name == r.speaker_name and resolved[j].quote.rule not in DISPLAY_RULES]
    if same and _same_sentence(doc, resolved[same[-1]], r):
        # a second cue of one sentence goes on with its first: "told CNN …, saying …"
        # carries CNN, "…, Spicer said, adding …" carries the fresh said's nothing
        return (channels[same[-1]], "carried") if same[-1] in channels else None
    before = [j for j in same if j in channels]
    # the same speaker's report that had a channel last, gone on with ("added")
    if before and _carrying_cue(r, doc):
        return channels[before[-1]], "carried"
    if r.quote.rule in DISPLAY_RULES:
        words = _words(r.quote.text)
        for j, other in enumerate(resolved):
            channel = channels.get(j)
            if (j != i and channel is not None and other.speaker_name == r.speaker_name
                    and _words(other.quote.text) == words and channel.mention is not None
                    and channel.mention.start_char < r.quote.start_char):
                return channel, "carried"
    return None


@attrs.frozen
class _Frame:
    """A sentence with no quote of its own that names the outlet of an interview
    ("In a telephone interview with Fox News' Jenna Lee, Pence was asked …",
    "Melania Trump told NBC News before her appearance")."""

    sentence: int
    subject: str  # the folded last word of its subject ("pence", "trump")
    channel: _Channel


def _frames(doc: ParsedDoc, resolved: list[ResolvedQuote]) -> list[_Frame]:
    lists = lexicon.words()
    # a sentence whose own quote names an outlet and a speaker is no frame: carrying
    # goes on from that quote ("Pence was asked about [the comment]" names no speaker)
    quoted = {doc.sentence_at(r.quote.cue.start_char) for r in resolved
              if r.quote.cue is not None and r.quote.via_outlet is not None and r.speaker_name}
    frames = []
    for index, sent in enumerate(doc.sentences):
        if index in quoted:
            continue
        words = sent.words
        subjects = [x for x in words if x.deprel in ("nsubj", "nsubj:pass") and x.upos in ("PROPN", "PRON")]
        if not subjects:
            continue
        for start in outlet_lead_starts(words, lambda w: w.lemma.lower() in lists.tell_verbs and w.upos == "VERB"):
            run = []
            for x in words[start:start + 8]:
                if x.upos in ("DET", "PROPN", "NOUN", "ADJ", "NUM") or x.text in ("'s", "’s", "'", "’"):
                    run.append(x)
                    continue
                break
            if not run:
                continue
            mention = Mention(start_char=run[0].start_char, end_char=run[-1].end_char,
                              text=doc.text[run[0].start_char:run[-1].end_char])
            name = channel_outlet(mention.text)
            if name:
                frames.append(_Frame(index, subjects[0].text.lower(), _Channel(name, mention)))
                break
    return frames


def _framed(r: ResolvedQuote, frames: list[_Frame], resolved: list[ResolvedQuote],
            doc: ParsedDoc) -> tuple[_Channel, str] | None:
    """The first quote of a speaker after a framing sentence about them, in the
    same paragraph or the next, goes on with that interview (its subject is the
    speaker's surname, or a pronoun for them)."""
    if not r.speaker_name or r.quote.cue is None:
        return None
    doc_start = r.quote.start_char
    last = fold(r.speaker_name).split()[-1:] or [""]
    for frame in reversed(frames):
        if frame.channel.mention.start_char >= doc_start:
            continue
        if doc.paragraph_at(doc_start) - doc.paragraph_at(frame.channel.mention.start_char) > 1:
            return None
        said_between = any(o.speaker_name == r.speaker_name
                           and frame.channel.mention.start_char < o.quote.start_char < doc_start
                           and doc.sentence_at(o.quote.start_char) != frame.sentence
                           for o in resolved)
        if said_between:
            return None
        pronoun = frame.subject in lexicon.words().pronouns
        if pronoun or fold(frame.subject) == last[0]:
            return frame.channel, "carried"
        return None
    return None


# "CNN's Jake Tapper", "Fox News' Jenna Lee", "NBC’s Matt Lauer": an outlet's journalist
_HOST_RE = re.compile(r"((?:[A-Z][\w&-]*\s){0,3}[A-Z][\w&-]*)['’]s?\s((?:[A-Z][a-z]+\s)+)([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b")


def _hosts(text: str) -> dict[str, tuple[str, Mention]]:
    """The journalists an article ties to their outlet by name ("CNN's Jake Tapper"):
    folded surname -> (outlet, the mention "CNN's Jake Tapper")."""
    out: dict[str, tuple[str, Mention]] = {}
    for m in _HOST_RE.finditer(text):
        outlet = channel_outlet(m.group(1))
        if outlet and is_listed_outlet(outlet):
            mention = Mention(start_char=m.start(), end_char=m.end(), text=m.group(0))
            out.setdefault(fold(m.group(3)), (outlet, mention))
    return out


def _asked_by_host(r: ResolvedQuote, hosts: dict, doc: ParsedDoc) -> tuple[_Channel, str] | None:
    """A quote whose attribution sentence names an outlet's journalist, not its
    speaker ("Asked by Lauer whether …, she said", "he told Stephanopoulos"): the
    words went to that journalist's outlet."""
    if not hosts or r.quote.cue is None or not r.speaker_name:
        return None
    i = doc.sentence_at(r.quote.cue.start_char)
    if i is None:
        return None
    sent = doc.sentences[i]
    speaker = set(fold(r.speaker_name).split())
    for w in sent.words:
        if r.quote.start_char <= w.start_char < r.quote.end_char or w.upos != "PROPN":
            continue
        key = fold(w.text)
        if key in hosts and key not in speaker:
            outlet, _ = hosts[key]
            return _Channel(outlet, Mention(start_char=w.start_char, end_char=w.end_char, text=w.text)), "named"
    return None


def _same_sentence(doc: ParsedDoc, a: ResolvedQuote, b: ResolvedQuote) -> bool:
    """The cues of two quotes in one sentence of the parse."""
    if a.quote.cue is None or b.quote.cue is None:
        return False
    i = doc.sentence_at(a.quote.cue.start_char)
    return i is not None and i == doc.sentence_at(b.quote.cue.start_char)


def _carrying_cue(r: ResolvedQuote, doc: ParsedDoc) -> bool:
    """A cue that goes on with a report already begun: ``added``, ``continued``,
    ``was quoted as saying`` with no outlet of its own, ``said in the interview``."""
    cue = r.quote.cue
    if cue is None:
        return False
    if cue.lemma.lower() in lexicon.words().carrying_verbs:
        return True
    i = doc.sentence_at(cue.start_char)
    if i is None:
        return False
    sent = doc.sentences[i]
    return any(_in_the_interview(sent, w) or _also(sent, w) or _going_on(sent, w)
               for w in sent.words if cue.start_char <= w.start_char and w.end_char <= cue.end_char)


def _going_on(sent: Sentence, word: Word) -> bool:
    """``went on to say``, ``continuing to explain``: the cue hangs on a verb that
    carries (with its particle where verbs.csv gives one: ``go on``)."""
    head = sent.head_of(word)
    if head is None or head.lemma.lower() not in lexicon.words().carrying_verbs:
        return False
    particles = lexicon.words().verb_particles.get(head.lemma.lower())
    return not particles or any(k.text.lower() in particles for k in sent.children(head))


def _also(sent: Sentence, word: Word) -> bool:
    """``Trump also said``: an adverb of going on (carrying_adverbs.txt) on the cue."""
    return any(k.deprel == "advmod" and k.lemma.lower() in lexicon.words().carrying_adverbs
               for k in sent.children(word))


def _in_the_interview(sent: Sentence, word: Word) -> bool:
    """``said in the interview``: an oblique of the cue headed by a statement noun
    that carries (statement_nouns.csv), with a definite determiner."""
    for k in sent.children(word):
        if k.deprel.startswith("obl") and k.lemma.lower() in lexicon.words().carrying_nouns:
            if any(d.text.lower() in DEFINITE for d in sent.children(k) if d.deprel in ("det", "amod")):
                return True
    return False


def _words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+", fold(text)))
