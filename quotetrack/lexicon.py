"""Word lists used by quote extraction (:mod:`quotetrack.extract`).

Kept apart from the rules so they can be extended without touching them:

* :data:`SPEECH_VERBS` - lemmas of verbs that report speech (``say``, ``tell``,
  ``warn`` ...). A verb in this list with a content clause makes an indirect
  quote; next to quote marks it is the cue of a direct quote.
* :data:`NP_CONTENT_VERBS` - speech verbs whose content may be a noun phrase
  (``called for a truce``, ``denied the claims``), or a ``of``/``for`` phrase.
* :data:`QUOTE_VERBS` - verbs that mark a second hand: ``was quoted as saying``,
  ``is reported to have said``.
* :data:`OUTLET_NOUNS` / :data:`SEED_OUTLETS` - head nouns and names that make
  a noun phrase a news outlet (``the al-Watan newspaper``, ``Reuters``).
* :data:`PERSON_NOUNS` - nouns for people of the press that are NOT outlets
  (``told reporters``).
"""

from __future__ import annotations

import re
from pathlib import Path

SPEECH_VERBS = frozenset(
    """
    say tell add warn claim deny insist announce argue confirm accuse urge state
    note explain declare report reply respond answer comment remark continue
    stress emphasize emphasise underline mention assert maintain contend allege
    acknowledge admit concede agree disagree predict promise pledge vow threaten
    suggest propose recommend caution complain lament boast brag joke quip
    observe point write tweet post testify recall reveal disclose estimate
    reiterate repeat ask demand call describe dismiss reject criticize criticise
    condemn praise welcome blame charge insist indicate signal conclude
    counter retort shout yell scream whisper cry announce inform notify assure
    reassure advise order instruct tell remind concur clarify highlight
    characterize characterise question wonder hint imply proclaim speak talk
    """.split()
)

# "asked not to be [named]", "requested not to be [identified]": a source's condition
# of anonymity, not reported speech
ANONYMITY_VERBS = frozenset({"name", "identify", "quote", "cite"})

# cues that only attribute quote marks next to them ("…," he continued), never a clause
QUOTE_ONLY_CUES = frozenset({"continue"})

# verbs whose content may be an object noun phrase or a prepositional phrase
NP_CONTENT_VERBS = frozenset(
    """
    deny confirm announce urge call demand reject dismiss condemn praise welcome
    criticize criticise blame describe warn predict promise pledge vow threaten
    accuse mention question tweet post cite recall highlight propose suggest
    repeat reiterate acknowledge admit discuss reveal disclose defend
    """.split()
)

# speech verbs whose content may be an "about"/"on" phrase ("spoke about the crisis")
TOPIC_VERBS = frozenset(
    "speak talk ask comment write tweet testify complain joke boast brag post remark warn".split()
)
TOPIC_PREPOSITIONS = ("about", "on", "of", "regarding")
TIME_WORDS = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december day night
    morning afternoon evening weekend week month year decade today yesterday tonight
    occasion condition basis
    """.split()
)

# particles/prepositions that a verb needs to report speech ("call for", "point out")
VERB_PARTICLES = {
    "call": ("for", "on"),
    "point": ("out",),
}

# reporting verbs of the second hand: "X was quoted as saying", "X is reported to have said"
QUOTE_VERBS = frozenset({"quote", "report", "cite", "say", "understand", "believe", "claim", "hear"})

# cognition verbs: reported thoughts, not speech (not extracted, used by evaluation)
COGNITION_VERBS = frozenset(
    """
    believe think feel fear hope want know expect doubt worry consider find
    """.split()
)

OUTLET_NOUNS = frozenset(
    """
    newspaper paper agency tv television radio channel broadcaster daily
    magazine website network outlet station tabloid weekly wire service site
    blog podcast programme program show journal gazette newswire broadsheet
    publication press media
    """.split()
)

# well-known outlets; the rules also accept any NP headed by an outlet noun
SEED_OUTLETS = (
    "Reuters", "AFP", "Agence France-Presse", "Agence France Presse", "AP",
    "Associated Press", "Interfax", "RIA", "RIA Novosti", "TASS", "Itar-Tass",
    "Al Jazeera", "Al-Jazeera", "BBC", "CNN", "al-Watan", "Al-Watan", "SANA",
    "Al Arabiya", "Al-Arabiya", "Al-Mayadeen", "Sputnik", "RT", "Fox News",
    "MSNBC", "NBC", "ABC", "CBS", "NPR", "Bloomberg", "Xinhua", "Anadolu",
    "Kyodo", "Yonhap", "EFE", "dpa", "Le Monde", "Der Spiegel", "Spiegel",
    "Politico", "Axios", "Breitbart", "HuffPost", "Huffington Post",
    "New York Times", "Washington Post", "Wall Street Journal", "USA Today",
    "Guardian", "Financial Times", "Times", "Telegraph", "Independent",
    "Daily Mail", "Haaretz", "Kommersant", "Izvestia", "Hurriyet",
    "Middle East Eye", "MEE", "Channel 4", "Sky News", "Euronews",
    "Deutsche Welle", "France 24", "Voice of America", "VOA",
)

_SEED_RE = re.compile(
    r"(?<![\w-])(?:" + "|".join(re.escape(o) for o in sorted(SEED_OUTLETS, key=len, reverse=True)) + r")(?![\w-])",
    re.IGNORECASE,
)
_SEED_CASED_ONLY = frozenset({"AP", "RT", "MEE", "ABC", "Times", "Independent", "Guardian", "VOA", "EFE"})

# people of the press: "told reporters" does not name an outlet
PERSON_NOUNS = frozenset(
    """
    reporter reporters journalist journalists correspondent correspondents
    editor editors anchor presenter interviewer columnist host crowd audience
    supporter supporters
    """.split()
)

# nouns that carry an attribution like a speaker ("a statement issued by ...")
STATEMENT_NOUNS = frozenset(
    """
    statement report communique release interview comments remarks
    """.split()
)


# nouns that report speech with a content clause: "Trump's claim [that …]",
# "his promise [to …]", "a demand by Pelosi [that …]"
SPEECH_NOUNS = frozenset(
    """
    claim assertion allegation accusation charge remark comment statement suggestion
    argument contention insistence denial warning promise pledge vow threat demand call
    announcement admission assurance prediction proposal
    """.split()
)
# of those, the ones whose content may be a to-infinitive ("his promise to end …")
INFINITIVE_SPEECH_NOUNS = frozenset("promise pledge vow threat demand call proposal warning".split())


def is_speech_verb(lemma: str) -> bool:
    return lemma.lower() in SPEECH_VERBS


def seed_outlet_span(text: str) -> tuple[int, int] | None:
    """(start, end) of the first well-known outlet name in ``text``, or None."""
    for m in _SEED_RE.finditer(text):
        name = m.group()
        canon = next((o for o in SEED_OUTLETS if o.lower() == name.lower()), name)
        if canon in _SEED_CASED_ONLY and name != canon:
            continue
        return m.start(), m.end()
    return None


def names_seed_outlet(text: str) -> bool:
    """Whether ``text`` contains a well-known outlet name (word-bounded).

    Short all-caps or common-word names ("AP", "Times") only count with the
    exact casing.
    """
    for m in _SEED_RE.finditer(text):
        name = m.group()
        canon = next((o for o in SEED_OUTLETS if o.lower() == name.lower()), name)
        if canon in _SEED_CASED_ONLY and name != canon:
            continue
        return True
    return False


# forms of speech verbs, for reading cues in gold annotations (evaluation)
def speech_lemma_of(word: str) -> str | None:
    """Guess the speech-verb lemma of an inflected form ("said" -> "say"); None if not one."""
    w = word.lower().strip(".,:;\"'“”‘’")
    irregular = {"said": "say", "says": "say", "saying": "say", "told": "tell",
                 "telling": "tell", "tells": "tell", "wrote": "write", "written": "write",
                 "writes": "write", "writing": "write", "spoke": "speak", "spoken": "speak",
                 "according": "according to"}
    if w in irregular:
        return irregular[w]
    if w in SPEECH_VERBS:
        return w
    for suffix, repl in (("ied", "y"), ("ies", "y"), ("ing", ""), ("ing", "e"), ("ed", ""),
                         ("ed", "e"), ("es", ""), ("s", ""), ("d", "")):
        if w.endswith(suffix):
            stem = w[: -len(suffix)] + repl
            if stem in SPEECH_VERBS:
                return stem
            if len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in SPEECH_VERBS:
                return stem[:-1]
    return None


def lexicon_hash() -> str:
    """sha256 of the word lists (this module's source until they move to data files)."""
    import hashlib

    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
