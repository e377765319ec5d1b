"""Unit tests of quote extraction (quotetrack.extract).

The parses are written by hand in a compact form (one word a line:
``form head deprel UPOS [lemma]``, heads as 1-based word numbers) following UD
English conventions, then turned into CoNLL-U and laid over the text with
:func:`quotetrack.parse.from_conllu`. Fixtures from real parses of the sample
corpus live in tests/fixtures/extract/ (see test_corpus_fixtures).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from quotetrack.extract import extract_quotes, find_quote_spans
from quotetrack.extract.precision import confidence_of
from quotetrack.parse import from_conllu
from quotetrack.records import ParsedDoc

from ..helpers import compact_conllu

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "extract"


def ud(*sentences: str) -> str:
    """CoNLL-U from compact sentences (``form head deprel UPOS [lemma]`` lines)."""
    return compact_conllu(*sentences)


def doc_of(text: str, *sentences: str) -> ParsedDoc:
    return from_conllu(text, ud(*sentences))


def span_text(doc, mention):
    return None if mention is None else doc.text[mention.start_char:mention.end_char]


def head_text(doc, mention):
    return doc.text[mention.head_start:mention.head_end]


def check_invariants(doc, quotes):
    for q in quotes:
        assert doc.text[q.start_char:q.end_char] == q.text
        for m in (q.speaker, q.via_outlet, q.cue):
            if m is not None:
                assert doc.text[m.start_char:m.end_char] == m.text
        if q.continues is not None:
            assert 0 <= q.continues < len(quotes)
        # the confidence is the rule's measured precision, calibrated (extract/precision.py)
        assert q.confidence == confidence_of(q.rule, q.kind, q.speaker is not None)
    assert [q.start_char for q in quotes] == sorted(q.start_char for q in quotes)


# --------------------------------------------------------------------------
# parses
# --------------------------------------------------------------------------

RYABKOV_ADDED_TEXT = (
    '"We are close to reaching an understanding, but I want to warn against high '
    'expectations," Ryabkov added.'
)
RYABKOV_ADDED = """
" 4 punct PUNCT
We 4 nsubj PRON we
are 4 cop AUX be
close 21 ccomp ADJ
to 6 mark PART
reaching 4 advcl VERB reach
an 8 det DET
understanding 6 obj NOUN
, 12 punct PUNCT
but 12 cc CCONJ
I 12 nsubj PRON
want 4 conj VERB
to 14 mark PART
warn 12 xcomp VERB warn
against 17 case ADP
high 17 amod ADJ
expectations 14 obl NOUN expectation
, 4 punct PUNCT
" 4 punct PUNCT
Ryabkov 21 nsubj PROPN
added 0 root VERB add
. 21 punct PUNCT
"""

QUOTED_AS_SAYING_TEXT = (
    '"In the past several days an intensive document exchange on the situation in '
    'Aleppo has taken place," Ryabkov was quoted as saying in the Interfax news agency '
    "on Thursday."
)
QUOTED_AS_SAYING = """
" 17 punct PUNCT
In 6 case ADP
the 6 det DET
past 6 amod ADJ
several 6 amod ADJ
days 17 obl NOUN day
an 10 det DET
intensive 10 amod ADJ
document 10 compound NOUN
exchange 17 nsubj NOUN
on 13 case ADP
the 13 det DET
situation 10 nmod NOUN
in 15 case ADP
Aleppo 13 nmod PROPN
has 17 aux AUX have
taken 25 ccomp VERB take
place 17 obj NOUN
, 17 punct PUNCT
" 17 punct PUNCT
Ryabkov 23 nsubj:pass PROPN
was 23 aux:pass AUX be
quoted 0 root VERB quote
as 25 mark SCONJ
saying 23 advcl VERB say
in 30 case ADP
the 30 det DET
Interfax 30 compound PROPN
news 30 compound NOUN
agency 25 obl NOUN
on 32 case ADP
Thursday 23 obl PROPN
. 23 punct PUNCT
"""

KREMLIN_TEXT = (
    "The Kremlin said on Wednesday that a potential US-Russia deal to allow Syrian "
    "rebels to safely leave Aleppo was still on the agenda."
)
KREMLIN = """
The 2 det DET
Kremlin 3 nsubj PROPN
said 0 root VERB say
on 5 case ADP
Wednesday 3 obl PROPN
that 23 mark SCONJ
a 10 det DET
potential 10 amod ADJ
US-Russia 10 compound PROPN
deal 23 nsubj NOUN
to 12 mark PART
allow 10 acl VERB
Syrian 14 amod ADJ
rebels 12 obj NOUN rebel
to 17 mark PART
safely 17 advmod ADV
leave 12 xcomp VERB
Aleppo 17 obj PROPN
was 23 cop AUX be
still 23 advmod ADV
on 23 case ADP
the 23 det DET
agenda 3 ccomp NOUN
. 3 punct PUNCT
"""

FRONTED_TEXT = (
    "Russia and the United States are close to reaching an understanding on Syria's "
    "Aleppo, Russian Deputy Foreign Minister Sergei Ryabkov has said."
)
FRONTED = """
Russia 7 nsubj PROPN
and 5 cc CCONJ
the 5 det DET
United 5 compound PROPN
States 1 conj PROPN
are 7 cop AUX be
close 0 root ADJ
to 9 mark PART
reaching 7 advcl VERB reach
an 11 det DET
understanding 9 obj NOUN
on 15 case ADP
Syria 15 nmod:poss PROPN
's 13 case PART
Aleppo 11 nmod PROPN
, 24 punct PUNCT
Russian 20 amod ADJ
Deputy 20 compound PROPN
Foreign 20 compound PROPN
Minister 21 compound PROPN
Sergei 24 nsubj PROPN
Ryabkov 21 flat PROPN
has 24 aux AUX have
said 7 parataxis VERB say
. 7 punct PUNCT
"""

ACCORDING_TEXT = "They extended their advances, according to state media."
ACCORDING = """
They 2 nsubj PRON they
extended 0 root VERB extend
their 4 nmod:poss PRON
advances 2 obj NOUN advance
, 9 punct PUNCT
according 9 case VERB accord
to 6 fixed ADP
state 9 compound NOUN
media 2 obl NOUN
. 2 punct PUNCT
"""

INTERRUPTED_TEXT = (
    '"Let\'s be realistic it won\'t mean the end of the war in Syria," Assad said. '
    '"But it will be a huge step towards the end."'
)
INTERRUPTED_A = """
" 2 punct PUNCT
Let 20 ccomp VERB let
's 5 nsubj PRON we
be 5 cop AUX be
realistic 2 xcomp ADJ
it 9 nsubj PRON
wo 9 aux AUX will
n't 9 advmod PART not
mean 2 parataxis VERB
the 11 det DET
end 9 obj NOUN
of 14 case ADP
the 14 det DET
war 11 nmod NOUN
in 16 case ADP
Syria 14 nmod PROPN
, 2 punct PUNCT
" 2 punct PUNCT
Assad 20 nsubj PROPN
said 0 root VERB say
. 20 punct PUNCT
"""
INTERRUPTED_B = """
" 8 punct PUNCT
But 8 cc CCONJ
it 8 nsubj PRON
will 8 aux AUX
be 8 cop AUX
a 8 det DET
huge 8 amod ADJ
step 0 root NOUN
towards 11 case ADP
the 11 det DET
end 8 nmod NOUN
. 8 punct PUNCT
" 8 punct PUNCT
"""

MIXED_TEXT = (
    "Syrian President Bashar al-Assad described the retaking of Aleppo as a "
    '"huge step" in ending the war.'
)
MIXED = """
Syrian 3 amod ADJ
President 3 compound PROPN
Bashar 5 nsubj PROPN
al-Assad 3 flat PROPN
described 0 root VERB describe
the 7 det DET
retaking 5 obj NOUN
of 9 case ADP
Aleppo 7 nmod PROPN
as 14 case ADP
a 14 det DET
" 14 punct PUNCT
huge 14 amod ADJ
step 5 obl NOUN
" 14 punct PUNCT
in 17 mark SCONJ
ending 14 acl VERB end
the 19 det DET
war 17 obj NOUN
. 5 punct PUNCT
"""

TOLD_REUTERS_TEXT = (
    "A Syrian army officer told Reuters intense fighting was taking place around the Old City."
)
TOLD_REUTERS = """
A 4 det DET
Syrian 4 amod ADJ
army 4 compound NOUN
officer 5 nsubj NOUN
told 0 root VERB tell
Reuters 5 iobj PROPN
intense 8 amod ADJ
fighting 10 nsubj NOUN
was 10 aux AUX be
taking 5 ccomp VERB take
place 10 obj NOUN
around 15 case ADP
the 15 det DET
Old 15 compound PROPN
City 10 obl PROPN
. 5 punct PUNCT
"""

TOLD_REPORTERS_TEXT = "Lavrov told reporters talks would begin on Tuesday."
TOLD_REPORTERS = """
Lavrov 2 nsubj PROPN
told 0 root VERB tell
reporters 2 iobj NOUN reporter
talks 6 nsubj NOUN talk
would 6 aux AUX
begin 2 ccomp VERB
on 8 case ADP
Tuesday 6 obl PROPN
. 2 punct PUNCT
"""

NEW_OUTLET_TEXT = "Rebel officials told the Zaman Al-Wasl newspaper that they would fight."
NEW_OUTLET = """
Rebel 2 amod ADJ
officials 3 nsubj NOUN official
told 0 root VERB tell
the 7 det DET
Zaman 7 compound PROPN
Al-Wasl 5 flat PROPN
newspaper 3 iobj NOUN
that 11 mark SCONJ
they 11 nsubj PRON
would 11 aux AUX
fight 3 ccomp VERB
. 3 punct PUNCT
"""

HEADLINE_TEXT = "US AND RUSSIA 'CLOSE' TO DEAL ON SYRIA'S ALEPPO"
HEADLINE = """
US 5 nsubj PROPN
AND 3 cc CCONJ
RUSSIA 1 conj PROPN
' 5 punct PUNCT
CLOSE 0 root ADJ
' 5 punct PUNCT
TO 8 case ADP
DEAL 5 obl NOUN
ON 12 case ADP
SYRIA 12 nmod:poss PROPN
'S 10 case PART
ALEPPO 8 nmod PROPN
"""

PULL_TEXT = (
    "'We are close to reaching an understanding, but I want to warn against high expectations'\n"
    "\n"
    "- Russian Deputy Foreign Minister Sergei Ryabkov\n"
)
PULL_QUOTE = """
' 4 punct PUNCT
We 4 nsubj PRON we
are 4 cop AUX be
close 0 root ADJ
to 6 mark PART
reaching 4 advcl VERB reach
an 8 det DET
understanding 6 obj NOUN
, 12 punct PUNCT
but 12 cc CCONJ
I 12 nsubj PRON
want 4 conj VERB
to 14 mark PART
warn 12 xcomp VERB warn
against 17 case ADP
high 17 amod ADJ
expectations 14 obl NOUN expectation
' 4 punct PUNCT
"""
PULL_DASH = """
- 6 punct PUNCT
Russian 5 amod ADJ
Deputy 5 compound PROPN
Foreign 5 compound PROPN
Minister 6 compound PROPN
Sergei 0 root PROPN
Ryabkov 6 flat PROPN
"""

COLON_TEXT = (
    "Speaking to Al Jazeera on Thursday, ICRC spokesman Pawel Krzysiek said: "
    '"The people were basically trapped there."'
)
COLON = """
Speaking 12 advcl VERB speak
to 3 case ADP
Al 1 obl PROPN
Jazeera 3 flat PROPN
on 6 case ADP
Thursday 1 obl PROPN
, 12 punct PUNCT
ICRC 9 compound PROPN
spokesman 10 compound NOUN
Pawel 12 nsubj PROPN
Krzysiek 10 flat PROPN
said 0 root VERB say
: 12 punct PUNCT
" 19 punct PUNCT
The 16 det DET
people 19 nsubj:pass NOUN
were 19 aux:pass AUX be
basically 19 advmod ADV
trapped 12 ccomp VERB trap
there 19 advmod ADV
. 19 punct PUNCT
" 19 punct PUNCT
"""

CONTINUED_TEXT = (
    '"The fighting slowed down," he continued.\n'
    "\n"
    '"It\'s first about the safety of those people."\n'
)
CONTINUED_A = """
" 4 punct PUNCT
The 3 det DET
fighting 4 nsubj NOUN
slowed 9 ccomp VERB slow
down 4 compound:prt ADP
, 4 punct PUNCT
" 4 punct PUNCT
he 9 nsubj PRON
continued 0 root VERB continue
. 9 punct PUNCT
"""
CONTINUED_B = """
" 7 punct PUNCT
It 7 nsubj PRON it
's 7 cop AUX be
first 7 advmod ADV
about 7 case ADP
the 7 det DET
safety 0 root NOUN
of 10 case ADP
those 10 det DET
people 7 nmod NOUN
. 7 punct PUNCT
" 7 punct PUNCT
"""

MULTI_PARA_TEXT = (
    'Lavrov said: "The first paragraph goes on.\n'
    "\n"
    '"The second paragraph ends here."\n'
)
MULTI_PARA_A = """
Lavrov 2 nsubj PROPN
said 0 root VERB say
: 2 punct PUNCT
" 8 punct PUNCT
The 7 det DET
first 7 amod ADJ
paragraph 8 nsubj NOUN
goes 2 ccomp VERB go
on 8 compound:prt ADP
. 8 punct PUNCT
"""
MULTI_PARA_B = """
" 5 punct PUNCT
The 4 det DET
second 4 amod ADJ
paragraph 5 nsubj NOUN
ends 0 root VERB end
here 5 advmod ADV
. 5 punct PUNCT
" 5 punct PUNCT
"""

ADDING_TEXT = (
    "Assad said he would no longer consider truce offers, adding that such proposals "
    "often come when the rebels are in a “difficult spot”."
)
ADDING = """
Assad 2 nsubj PROPN
said 0 root VERB say
he 7 nsubj PRON
would 7 aux AUX
no 6 advmod ADV
longer 7 advmod ADV
consider 2 ccomp VERB
truce 9 compound NOUN
offers 7 obj NOUN offer
, 11 punct PUNCT
adding 2 advcl VERB add
that 16 mark SCONJ
such 14 amod ADJ
proposals 16 nsubj NOUN proposal
often 16 advmod ADV
come 11 ccomp VERB
when 25 mark SCONJ
the 19 det DET
rebels 25 nsubj NOUN rebel
are 25 cop AUX be
in 25 case ADP
a 25 det DET
“ 25 punct PUNCT
difficult 25 amod ADJ
spot 16 advcl NOUN
” 25 punct PUNCT
. 2 punct PUNCT
"""


# --------------------------------------------------------------------------
# direct quotes
# --------------------------------------------------------------------------


def test_direct_cue_after():
    doc = doc_of(RYABKOV_ADDED_TEXT, RYABKOV_ADDED)
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    assert len(quotes) == 1
    q = quotes[0]
    assert q.kind == "direct"
    assert q.text == (
        "We are close to reaching an understanding, but I want to warn against high expectations,"
    )
    assert span_text(doc, q.speaker) == "Ryabkov"
    assert (q.cue.text, q.cue.lemma) == ("added", "add")
    assert q.rule.startswith("direct:cue-after")
    assert q.via_outlet is None
    assert (q.sentence_start, q.sentence_end) == (0, len(RYABKOV_ADDED_TEXT))


def test_pronoun_inside_quote_never_speaks():
    """`I want to warn` inside the quote is not an attribution of its own."""
    doc = doc_of(RYABKOV_ADDED_TEXT, RYABKOV_ADDED)
    quotes = extract_quotes(doc)
    assert all(span_text(doc, q.speaker) not in ("I", "We") for q in quotes)
    assert all(q.cue.lemma != "warn" for q in quotes)


def test_quoted_as_saying_in_outlet():
    doc = doc_of(QUOTED_AS_SAYING_TEXT, QUOTED_AS_SAYING)
    [q] = extract_quotes(doc)
    assert q.kind == "direct"
    assert q.text.startswith("In the past several days") and q.text.endswith("taken place,")
    assert span_text(doc, q.speaker) == "Ryabkov"
    assert (q.cue.text, q.cue.lemma) == ("was quoted as saying", "quote")
    assert span_text(doc, q.via_outlet) == "the Interfax news agency"


def test_interrupted_quote_continues_with_same_speaker():
    doc = doc_of(INTERRUPTED_TEXT, INTERRUPTED_A, INTERRUPTED_B)
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    assert [q.text for q in quotes] == [
        "Let's be realistic it won't mean the end of the war in Syria,",
        "But it will be a huge step towards the end.",
    ]
    assert [q.kind for q in quotes] == ["direct", "direct"]
    assert quotes[1].continues == 0
    assert quotes[1].rule == "direct:continuation"
    assert span_text(doc, quotes[1].speaker) == "Assad"


def test_cue_before_with_colon_and_speaking_to_outlet():
    doc = doc_of(COLON_TEXT, COLON)
    [q] = extract_quotes(doc)
    assert q.kind == "direct"
    assert q.text == "The people were basically trapped there."
    assert span_text(doc, q.speaker) == "ICRC spokesman Pawel Krzysiek"
    assert head_text(doc, q.speaker) == "Krzysiek"
    assert q.cue.lemma == "say"
    assert span_text(doc, q.via_outlet) == "Al Jazeera"


def test_unattributed_paragraph_continues_previous_speaker():
    doc = doc_of(CONTINUED_TEXT, CONTINUED_A, CONTINUED_B)
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    assert [q.text for q in quotes] == [
        "The fighting slowed down,",
        "It's first about the safety of those people.",
    ]
    assert quotes[0].cue.lemma == "continue"
    assert span_text(doc, quotes[0].speaker) == "he"  # pronouns are resolved later
    assert quotes[1].continues == 0
    assert span_text(doc, quotes[1].speaker) == "he"


def test_multi_paragraph_quote_reopened_each_paragraph():
    doc = doc_of(MULTI_PARA_TEXT, MULTI_PARA_A, MULTI_PARA_B)
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    assert [q.text for q in quotes] == [
        "The first paragraph goes on.",
        "The second paragraph ends here.",
    ]
    assert span_text(doc, quotes[0].speaker) == "Lavrov"
    assert quotes[1].continues == 0
    assert span_text(doc, quotes[1].speaker) == "Lavrov"


def test_pull_quote_with_dash_line():
    doc = doc_of(PULL_TEXT, PULL_QUOTE, PULL_DASH)
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    [q] = quotes
    assert q.kind == "direct" and q.rule == "direct:dash-line"
    assert q.text.startswith("We are close") and q.text.endswith("high expectations")
    assert span_text(doc, q.speaker) == "Russian Deputy Foreign Minister Sergei Ryabkov"
    assert head_text(doc, q.speaker) == "Ryabkov"


def test_headline_scare_quote_is_not_a_quote():
    doc = doc_of(HEADLINE_TEXT, HEADLINE)
    assert extract_quotes(doc) == []


# --------------------------------------------------------------------------
# indirect and mixed quotes
# --------------------------------------------------------------------------


def test_indirect_ccomp_organisation_speaker():
    doc = doc_of(KREMLIN_TEXT, KREMLIN)
    [q] = extract_quotes(doc)
    assert q.kind == "indirect" and q.rule == "indirect:ccomp"
    assert q.text == (
        "a potential US-Russia deal to allow Syrian rebels to safely leave Aleppo was still on the agenda"
    )
    assert span_text(doc, q.speaker) == "The Kremlin"
    assert (q.cue.text, q.cue.lemma) == ("said", "say")


def test_indirect_fronted_content():
    doc = doc_of(FRONTED_TEXT, FRONTED)
    [q] = extract_quotes(doc)
    assert q.kind == "indirect" and q.rule == "indirect:parataxis"
    assert q.text == (
        "Russia and the United States are close to reaching an understanding on Syria's Aleppo"
    )
    assert span_text(doc, q.speaker) == "Russian Deputy Foreign Minister Sergei Ryabkov"
    assert head_text(doc, q.speaker) == "Ryabkov"


def test_according_to():
    doc = doc_of(ACCORDING_TEXT, ACCORDING)
    [q] = extract_quotes(doc)
    assert q.kind == "indirect" and q.rule == "according-to"
    assert q.text == "They extended their advances"
    assert span_text(doc, q.speaker) == "state media"
    assert (q.cue.text, q.cue.lemma) == ("according to", "according to")


def test_mixed_quote_absorbs_fragment():
    doc = doc_of(MIXED_TEXT, MIXED)
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    [q] = quotes
    assert q.kind == "mixed"
    assert q.text == 'the retaking of Aleppo as a "huge step" in ending the war'
    assert span_text(doc, q.speaker) == "Syrian President Bashar al-Assad"
    assert head_text(doc, q.speaker) == "al-Assad"


def test_adding_that_splits_two_quotes():
    doc = doc_of(ADDING_TEXT, ADDING)
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    assert [(q.kind, q.text) for q in quotes] == [
        ("indirect", "he would no longer consider truce offers"),
        ("mixed", "such proposals often come when the rebels are in a “difficult spot”"),
    ]
    assert [span_text(doc, q.speaker) for q in quotes] == ["Assad", "Assad"]
    assert [q.cue.lemma for q in quotes] == ["say", "add"]


# --------------------------------------------------------------------------
# outlets
# --------------------------------------------------------------------------


def test_told_seed_outlet():
    doc = doc_of(TOLD_REUTERS_TEXT, TOLD_REUTERS)
    [q] = extract_quotes(doc)
    assert q.text == "intense fighting was taking place around the Old City"
    assert span_text(doc, q.speaker) == "A Syrian army officer"
    assert span_text(doc, q.via_outlet) == "Reuters"


def test_told_reporters_is_not_an_outlet():
    doc = doc_of(TOLD_REPORTERS_TEXT, TOLD_REPORTERS)
    [q] = extract_quotes(doc)
    assert q.via_outlet is None
    assert span_text(doc, q.speaker) == "Lavrov"


def test_outlet_not_in_seed_list_by_head_noun():
    doc = doc_of(NEW_OUTLET_TEXT, NEW_OUTLET)
    [q] = extract_quotes(doc)
    assert q.text == "they would fight"
    assert span_text(doc, q.via_outlet) == "the Zaman Al-Wasl newspaper"


# --------------------------------------------------------------------------
# quote marks on raw text
# --------------------------------------------------------------------------


def marked(text):
    return [text[s.start:s.end] for s in find_quote_spans(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("US AND RUSSIA 'CLOSE' TO DEAL ON SYRIA'S ALEPPO", ["CLOSE"]),
        ("It's Assad's and the rebels' call, 'he said' today", ["he said"]),
        ("‘We are close’, he said of Assad’s plan.", ["We are close"]),
        ("“Syria confirms it”, said a statement.", ["Syria confirms it"]),
        ('"A," he said. "B."', ["A,", "B."]),
        ("the '90s were 'different' then", ["different"]),
        ('He wrote "one" and "two"', ["one", "two"]),
        ("'We've long accepted that if we die, we die'", ["We've long accepted that if we die, we die"]),
        # a single quote closed at the end of a double one, a space between the marks
        ("\"Watch, as he says, 'Keep it,' \" said Fiorina.", ["Watch, as he says, 'Keep it,'"]),
    ],
)
def test_quote_marks(text, expected):
    assert marked(text) == expected


FIORINA_TEXT = '"We will win," Trump said.\n\n"Watch it, as someone says, \'Keep it,\' " said Fiorina.'
FIORINA = ("""
" 4 punct PUNCT
We 4 nsubj PRON we
will 4 aux AUX
win 8 ccomp VERB
, 4 punct PUNCT
" 4 punct PUNCT
Trump 8 nsubj PROPN
said 0 root VERB say
. 8 punct PUNCT
""", """
" 2 punct PUNCT
Watch 15 ccomp VERB watch
it 2 obj PRON
, 7 punct PUNCT
as 7 mark SCONJ
someone 7 nsubj PRON
says 2 advcl VERB say
, 10 punct PUNCT
' 10 punct PUNCT
Keep 7 ccomp VERB keep
it 10 obj PRON
, 10 punct PUNCT
' 10 punct PUNCT
" 2 punct PUNCT
said 0 root VERB say
Fiorina 15 nsubj PROPN
. 15 punct PUNCT
""")


def test_a_double_mark_after_a_closed_single_one_and_a_space_closes_the_quote():
    """``…, 'Keep it,' " said Fiorina``: the quote ends at its closing mark and is
    Fiorina's; it does not run on to the paragraph's end as the previous speaker's."""
    doc = doc_of(FIORINA_TEXT, *FIORINA)
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    fiorina = quotes[-1]
    assert fiorina.text == "Watch it, as someone says, 'Keep it,'"
    assert (span_text(doc, fiorina.speaker), fiorina.rule, fiorina.continues) == ("Fiorina", "direct:cue-after", None)


HOLLANDE_TEXT = "“France is no longer France,” Trump claimed.\n\n“France will always be France,” an angry Hollande retaliated."
HOLLANDE = ("""
“ 6 punct PUNCT
France 6 nsubj PROPN
is 6 cop AUX be
no 5 advmod ADV
longer 6 advmod ADV
France 10 ccomp PROPN
, 6 punct PUNCT
” 6 punct PUNCT
Trump 10 nsubj PROPN
claimed 0 root VERB claim
. 10 punct PUNCT
""", """
“ 6 punct PUNCT
France 6 nsubj PROPN
will 6 aux AUX
always 6 advmod ADV
be 6 cop AUX
France 12 ccomp PROPN
, 6 punct PUNCT
” 6 punct PUNCT
an 11 det DET
angry 11 amod ADJ
Hollande 12 nsubj PROPN
retaliated 0 root VERB retaliate
. 12 punct PUNCT
""")


def test_a_quote_its_sentence_closes_with_any_verb_and_subject_is_that_subjects():
    """``"…," an angry Hollande retaliated``: not a word of the speech lexicon, but
    it frames the quote; the quote is Hollande's, no continuation of Trump's."""
    doc = doc_of(HOLLANDE_TEXT, *HOLLANDE)
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    assert [(q.text, span_text(doc, q.speaker), q.rule, q.continues) for q in quotes] == [
        ("France is no longer France,", "Trump", "direct:cue-after", None),
        ("France will always be France,", "an angry Hollande", "direct:verb-after", None)]
    assert quotes[1].cue.text == "retaliated"


YAHOO_TEXT = "The spokesman said that she would sign it, according to Yahoo News."
YAHOO = """
The 2 det DET
spokesman 3 nsubj NOUN
said 0 root VERB say
that 7 mark SCONJ
she 7 nsubj PRON
would 7 aux AUX
sign 3 ccomp VERB
it 7 obj PRON
, 13 punct PUNCT
according 13 case VERB according
to 10 fixed ADP
Yahoo 13 compound PROPN
News 3 obl PROPN
. 3 punct PUNCT
"""


def test_a_report_reported_according_to_another_is_one_quote():
    """``The spokesman said that …, according to Yahoo News``: one statement, one
    quote (the outer report, as PolNeAR annotates it), not two overlapping ones."""
    doc = doc_of(YAHOO_TEXT, YAHOO)
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    assert [(q.text, span_text(doc, q.speaker), q.rule) for q in quotes] == [
        ("The spokesman said that she would sign it", "Yahoo News", "according-to")]


TITLE_TEXT = "Ryan: Trump Is a ‘Proven Failure’ in Business\n\nHe spoke."
TITLE = ("""
Ryan 0 root PROPN
: 1 punct PUNCT
Trump 8 nsubj PROPN
Is 8 cop AUX be
a 8 det DET
‘ 8 punct PUNCT
Proven 8 amod ADJ
Failure 1 appos NOUN
’ 8 punct PUNCT
in 11 case ADP
Business 8 nmod NOUN
""", """
He 2 nsubj PRON he
spoke 0 root VERB speak
. 2 punct PUNCT
""")


def test_a_title_name_and_colon_before_words_with_quoted_ones_is_a_mixed_quote():
    """``Ryan: Trump Is a ‘Proven Failure’ in Business``: the title's words after
    the colon are Ryan's, the quoted ones verbatim (as PolNeAR annotates them)."""
    doc = doc_of(TITLE_TEXT, *TITLE)
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    assert [(q.text, span_text(doc, q.speaker), q.kind, q.rule) for q in quotes] == [
        ("Trump Is a ‘Proven Failure’ in Business", "Ryan", "mixed", "mixed:direct:colon")]


def test_single_marks_inside_double_quotes_are_nested():
    assert marked("\"He called it 'the end' of it,\" she said.") == ["He called it 'the end' of it,"]


def test_stray_mark_does_not_swallow_the_rest():
    text = 'An odd " mark here. Then "a real quote" he said.\nNext line "another".'
    assert marked(text) == ["a real quote", "another"]


def test_unbalanced_mark_at_paragraph_start_runs_to_line_end():
    text = '"An unclosed quote to the end of the line\nA new line with "its own" quote.'
    assert marked(text) == ["An unclosed quote to the end of the line", "its own"]


def test_multi_paragraph_marks():
    spans = find_quote_spans('"One\n\n"Two\n\n"Three."\nafter')
    assert [(s.reopened, s.unclosed) for s in spans] == [(False, True), (True, True), (True, False)]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .,\n'\"“”‘’:-")), max_size=60))
def test_marks_never_crash_and_stay_in_bounds(text):
    for s in find_quote_spans(text):
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start:s.end] == text[s.start:s.end].strip()
    quotes = extract_quotes(ParsedDoc(text=text, sentences=()))
    for q in quotes:
        assert text[q.start_char:q.end_char] == q.text


# --------------------------------------------------------------------------
# real parses of the sample corpus (generated with the bundled models)
# --------------------------------------------------------------------------

CORPUS_STEMS = sorted(p.stem for p in FIXTURES.glob("*.conllu"))


def test_every_sample_article_has_a_real_parse_fixture():
    assert CORPUS_STEMS == sorted(p.stem for p in CORPUS_DIR.glob("*.txt"))


@pytest.mark.parametrize("stem", CORPUS_STEMS)
def test_corpus_fixtures_keep_invariants(stem):
    doc = corpus_doc(stem)
    quotes = extract_quotes(doc)
    assert quotes
    check_invariants(doc, quotes)


RIA_TEXT = "Ryabkov said talks would continue in Geneva, RIA reported."
RIA = """
Ryabkov 2 nsubj PROPN
said 0 root VERB say
talks 5 nsubj NOUN talk
would 5 aux AUX
continue 2 ccomp VERB continue
in 7 case ADP
Geneva 5 obl PROPN
, 10 punct PUNCT
RIA 10 nsubj PROPN
reported 2 parataxis VERB report
. 2 punct PUNCT
"""

AFTER_INDIRECT_TEXT = "Activists said bombings took place. “It does not end until they are eliminated.”"
AFTER_INDIRECT_A = """
Activists 2 nsubj NOUN activist
said 0 root VERB say
bombings 4 nsubj NOUN bombing
took 2 ccomp VERB take
place 4 obj NOUN
. 2 punct PUNCT
"""
AFTER_INDIRECT_B = """
“ 5 punct PUNCT
It 5 nsubj PRON
does 5 aux AUX do
not 5 advmod PART
end 0 root VERB
until 9 mark SCONJ
they 9 nsubj:pass PRON
are 9 aux:pass AUX be
eliminated 5 advcl VERB eliminate
. 5 punct PUNCT
” 5 punct PUNCT
"""

ACTIVE_QUOTE_TEXT = "Talks are close, the Interfax news agency quoted Ryabkov as saying."
ACTIVE_QUOTE = """
Talks 3 nsubj NOUN talk
are 3 cop AUX be
close 0 root ADJ
, 9 punct PUNCT
the 8 det DET
Interfax 8 compound PROPN
news 8 compound NOUN
agency 9 nsubj NOUN
quoted 3 parataxis VERB quote
Ryabkov 9 obj PROPN
as 12 mark SCONJ
saying 9 advcl VERB say
. 3 punct PUNCT
"""

WARNING_TEXT = "The United States called for a truce, warning of a “humanitarian catastrophe”."
WARNING = """
The 3 det DET
United 3 compound PROPN
States 4 nsubj PROPN
called 0 root VERB call
for 7 case ADP
a 7 det DET
truce 4 obl NOUN
, 9 punct PUNCT
warning 4 advcl VERB warn
of 14 case ADP
a 14 det DET
“ 14 punct PUNCT
humanitarian 14 amod ADJ
catastrophe 9 obl NOUN
” 14 punct PUNCT
. 4 punct PUNCT
"""


def test_outlet_report_is_the_via_outlet_not_a_quote():
    doc = doc_of(RIA_TEXT, RIA)
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    [q] = quotes
    assert q.text == "talks would continue in Geneva"
    assert span_text(doc, q.speaker) == "Ryabkov"
    assert span_text(doc, q.via_outlet) == "RIA"


def test_quote_after_indirect_continues_its_speaker():
    doc = doc_of(AFTER_INDIRECT_TEXT, AFTER_INDIRECT_A, AFTER_INDIRECT_B)
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    assert [(q.kind, q.text) for q in quotes] == [
        ("indirect", "bombings took place"),
        ("direct", "It does not end until they are eliminated."),
    ]
    assert quotes[1].continues == 0
    assert span_text(doc, quotes[1].speaker) == "Activists"


def test_outlet_quoted_person_as_saying():
    doc = doc_of(ACTIVE_QUOTE_TEXT, ACTIVE_QUOTE)
    [q] = extract_quotes(doc)
    assert q.text == "Talks are close"
    assert span_text(doc, q.speaker) == "Ryabkov"
    assert (q.cue.text, q.cue.lemma) == ("quoted", "quote")
    assert span_text(doc, q.via_outlet) == "the Interfax news agency"


def test_warning_of_quoted_fragment_is_mixed():
    doc = doc_of(WARNING_TEXT, WARNING)
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    assert [(q.kind, q.text, q.cue.lemma) for q in quotes] == [
        ("indirect", "a truce", "call"),
        ("mixed", "a “humanitarian catastrophe”", "warn"),
    ]
    assert {span_text(doc, q.speaker) for q in quotes} == {"The United States"}


# What the sample corpus must yield (key quotes, exact spans), checked on the
# real parses saved in tests/fixtures/extract/<article>.conllu.
# (article, kind, text, speaker, cue text, cue lemma, outlet)
CORPUS_EXPECTED = [
    ("000_fb29eb345b8b11e0", "indirect",
     "Russia and the United States are close to reaching an understanding on Syria's Aleppo",
     "Russian Deputy Foreign Minister Sergei Ryabkov", "said", "say", None),
    ("000_fb29eb345b8b11e0", "direct",
     "In the past several days an intensive document exchange on the situation in Aleppo has taken place,",
     "Ryabkov", "was quoted as saying", "quote", "the Interfax news agency"),
    ("000_fb29eb345b8b11e0", "direct",
     "We are close to reaching an understanding, but I want to warn against high expectations,",
     "Ryabkov", "added", "add", None),
    ("000_fb29eb345b8b11e0", "indirect",
     "a potential US-Russia deal to allow Syrian rebels to safely leave Aleppo was still on the agenda",
     "The Kremlin", "said", "say", None),
    ("000_fb29eb345b8b11e0", "indirect",  # a sentence broken across two lines
     "They extended their advances later in the day, seizing the Bab al-Nayrab, Al-Maadi and Salhin\n\n"
     "neighbourhoods", "state media", "according to", "according to", None),
    ("000_fb29eb345b8b11e0", "direct",
     "It's true that Aleppo will be a win for us, but let's be realistic - it won't mean the end of the war in Syria,",
     "Syrian President Bashar al-Assad", "told", "tell", "the al-Watan newspaper"),
    ("000_fb29eb345b8b11e0", "direct", "But it will be a huge step towards this end.",
     "Syrian President Bashar al-Assad", None, None, "the al-Watan newspaper"),
    ("000_fb29eb345b8b11e0", "indirect", "The evacuation was conducted jointly with the Syrian Arab Red Crescent",
     "it", "added", "add", None),
    ("000_fb29eb345b8b11e0", "direct", "The people were basically trapped there [in recent days].",
     "ICRC spokesman Pawel Krzysiek", "said", "say", "Al Jazeera"),
    ("000_fb29eb345b8b11e0", "direct",
     "If you look at previous tactics used elsewhere in the country, the besieging of urban areas, heavy attacks "
     "and then an agreement to have fighters leave has been used previously,",
     "Denslow", "told", "tell", "Al Jazeera"),
    ("001_dd9580831763b974", "mixed", 'the retaking of Aleppo as a "huge step" in ending the war',
     "Syrian President Bashar al-Assad", "described", "describe", None),
    ("001_dd9580831763b974", "indirect",
     "Russia and the United States are close to reaching an understanding over Aleppo",
     "Russian Deputy Foreign Minister Sergei Ryabkov", "quoted", "quote", "the Interfax news agency"),
    ("001_dd9580831763b974", "direct",
     "We are close to reaching an understanding, but I want to warn against high expectations",
     "Russian Deputy Foreign Minister Sergei Ryabkov", None, None, None),
    ("001_dd9580831763b974", "direct", "I feel this is the end,",
     "Reem, a mother of two children", "said", "say", None),
    ("002_c0f3d0dca708e4af", "direct",
     "Those armed groups who refuse to leave eastern Aleppo will be considered to be terrorists,",
     "Lavrov", "told", "tell", None),
    ("002_c0f3d0dca708e4af", "indirect", "intense fighting was taking place around the Old City",
     "A Syrian army officer", "told", "tell", "Reuters"),
    ("002_c0f3d0dca708e4af", "indirect",
     "rebel shelling killed seven people in government-held areas of Aleppo on Monday",
     "State TV", "said", "say", None),
    ("003_23e9dcc2e6ed99e6", "direct",
     "Syria confirms that it will not leave its citizens in east Aleppo hostage to the terrorists",
     "a statement issued Wednesday by the country’s Foreign Ministry", "said", "say", None),
    ("003_23e9dcc2e6ed99e6", "direct", "What more could we want?", "he", "added", "add", None),
    ("004_a649bcd0f0e4f320", "direct",
     "The issue of withdrawing militants is the subject of separate agreements. This agreement has not yet been "
     "reached, largely because the United States insists on unacceptable terms,",
     "Sergei Ryabkov", "was quoted as saying", "quote", "the RIA news agency"),
    ("004_a649bcd0f0e4f320", "indirect", "talks between Russian and US experts would continue in Geneva",
     "Ryabkov", "said", "say", "RIA"),
    ("004_a649bcd0f0e4f320", "indirect",
     "a proposal had been put forth for fighters to leave the embattled city with their families and other civilians",
     "Rebel officials", "told", "tell", "Reuters"),
]

CORPUS_DIR = Path(__file__).resolve().parents[2] / "corpus"


def corpus_doc(stem):
    from quotetrack.parse import read_conllu

    path = FIXTURES / f"{stem}.conllu"
    if not path.exists():
        pytest.skip("no real-parse fixture for " + stem)
    text = (CORPUS_DIR / f"{stem}.txt").read_text(encoding="utf-8")
    return read_conllu(text, path.read_text(encoding="utf-8"))


# Quotes the current bundled parser misparses beyond what the rules can recover
# (fixtures made with the bundled models of 2026-11-23, 21:26); they stay
# as the specification, strict: a parse that gets one right fails the run, and its entry goes.
PARSER_MISSES = {
    ("001_dd9580831763b974", 'the retaking of Aleppo as a "huge step" in ending the war'):
        "the comma before 'as Syrian government troops continued …' parsed into that clause, so the "
        "clause reads as part of the content (cutting such clauses costs 0.002 F1@0.8 on PolNeAR dev)",
}


def _corpus_case(e):
    reason = PARSER_MISSES.get((e[0], e[2]))
    marks = [pytest.mark.xfail(reason="parser: " + reason, strict=True)] if reason else []
    return pytest.param(*e, marks=marks, id=f"{e[0][:3]}-{e[2][:20]}")


@pytest.mark.parametrize("stem, kind, text, speaker, cue, lemma, outlet",
                         [_corpus_case(e) for e in CORPUS_EXPECTED])
def test_corpus_key_quotes(stem, kind, text, speaker, cue, lemma, outlet):
    doc = corpus_doc(stem)
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    found = [q for q in quotes if q.text == text]
    assert found, f"no quote {text!r}; got {[q.text for q in quotes]}"
    q = found[0]
    assert q.kind == kind
    assert span_text(doc, q.speaker) == speaker
    assert (q.cue.text if q.cue else None, q.cue.lemma if q.cue else None) == (cue, lemma)
    assert span_text(doc, q.via_outlet) == outlet


@pytest.mark.parametrize("stem, absent", [
    ("000_fb29eb345b8b11e0", "CLOSE"),
    ("001_dd9580831763b974", "I just hope to die and disappear from this world"),
    ("003_23e9dcc2e6ed99e6", "humanitarian catastrophe"),  # inside a mixed quote
])
def test_corpus_non_quotes(stem, absent):
    doc = corpus_doc(stem)
    assert all(q.text != absent for q in extract_quotes(doc))


def test_doubled_apostrophes_are_double_marks():
    text = "''I'll probably still go with Bernie,'' she said. ''I just didn't hear it.''"
    assert marked(text) == ["I'll probably still go with Bernie,", "I just didn't hear it."]


COLON_VERB_TEXT = "Trump boomed: “Let’s defeat her.”"
COLON_VERB = """
Trump 2 nsubj PROPN
boomed 0 root VERB boom
: 2 punct PUNCT
“ 5 punct PUNCT
Let 2 parataxis VERB let
’s 7 nsubj PRON we
defeat 5 xcomp VERB
her 7 obj PRON
. 5 punct PUNCT
” 5 punct PUNCT
"""

MISREAD_RELATIVE_TEXT = "Ryan told a news conference they are planting the seeds."
MISREAD_RELATIVE = """
Ryan 2 nsubj PROPN
told 0 root VERB tell
a 5 det DET
news 5 compound NOUN
conference 2 obj NOUN
they 8 nsubj PRON
are 8 aux AUX be
planting 5 acl:relcl VERB plant
the 10 det DET
seeds 8 obj NOUN seed
. 2 punct PUNCT
"""


def test_any_verb_before_a_colon_cues_the_quote():
    doc = doc_of(COLON_VERB_TEXT, COLON_VERB)
    [q] = extract_quotes(doc)
    assert (q.kind, q.text, q.rule) == ("direct", "Let’s defeat her.", "direct:colon")
    assert span_text(doc, q.speaker) == "Trump"
    assert q.cue.text == "boomed"


def test_content_clause_misparsed_as_relative_clause():
    doc = doc_of(MISREAD_RELATIVE_TEXT, MISREAD_RELATIVE)
    [q] = extract_quotes(doc)
    assert (q.kind, q.text) == ("indirect", "they are planting the seeds")
    assert span_text(doc, q.speaker) == "Ryan"
    assert q.via_outlet is None  # a news conference is not an outlet


ARGUED_TEXT = "That's why, he argued, the party should be prepared."
ARGUED = """
That 3 nsubj PRON that
's 3 cop AUX be
why 6 advcl ADV
, 3 punct PUNCT
he 6 nsubj PRON
argued 0 root VERB argue
, 6 punct PUNCT
the 9 det DET
party 12 nsubj:pass NOUN
should 12 aux AUX
be 12 aux:pass AUX
prepared 6 ccomp VERB prepare
. 6 punct PUNCT
"""


def test_an_attribution_that_interrupts_reported_speech_gives_two_linked_quotes():
    doc = doc_of(ARGUED_TEXT, ARGUED)
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    assert [(q.text, q.kind, span_text(doc, q.speaker), q.cue.text) for q in quotes] == [
        ("That's why", "indirect", "he", "argued"),
        ("the party should be prepared", "indirect", "he", "argued"),
    ]
    assert quotes[0].rule == "indirect:interrupted" and quotes[1].continues == 0


def test_a_parenthetical_attribution_after_a_verbless_phrase_is_not_split():
    text = "On Monday, the ministry said, troops advanced."
    doc = doc_of(text, """
On 2 case ADP
Monday 6 obl PROPN
, 2 punct PUNCT
the 5 det DET
ministry 6 nsubj NOUN
said 0 root VERB say
, 6 punct PUNCT
troops 9 nsubj NOUN troop
advanced 6 ccomp VERB advance
. 6 punct PUNCT
""")
    assert [q.text for q in extract_quotes(doc)] == ["troops advanced"]


def test_a_speech_noun_with_a_that_clause_is_reported_speech_of_its_possessor():
    text = "Politifact checked Donald Trump's claim that there have been thousands of shootings."
    doc = doc_of(text, """
Politifact 2 nsubj PROPN
checked 0 root VERB check
Donald 6 nmod:poss PROPN
Trump 3 flat PROPN
's 3 case PART
claim 2 obj NOUN
that 10 mark SCONJ
there 10 expl PRON
have 10 aux AUX
been 6 acl AUX be
thousands 10 nsubj NOUN thousand
of 13 case ADP
shootings 11 nmod NOUN shooting
. 2 punct PUNCT
""")
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    assert [(q.text, q.kind, q.rule, span_text(doc, q.speaker), q.cue.lemma) for q in quotes] == [
        ("there have been thousands of shootings", "indirect", "indirect:noun", "Donald Trump", "claim")]


def test_a_relative_clause_after_a_speech_noun_is_not_content():
    text = "The claim that he filed was rejected."
    doc = doc_of(text, """
The 2 det DET
claim 7 nsubj:pass NOUN
that 5 obj PRON
he 5 nsubj PRON
filed 2 acl:relcl VERB file
was 7 aux:pass AUX be
rejected 0 root VERB reject
. 7 punct PUNCT
""")
    assert extract_quotes(doc) == []


def test_a_subject_the_parser_hung_on_the_cue_goes_back_into_the_content():
    text = "Fowler said the politics surrounding the ticket would be more intense."
    doc = doc_of(text, """
Fowler 2 nsubj PROPN
said 0 root VERB say
the 4 det DET
politics 2 obj NOUN
surrounding 2 xcomp VERB surround
the 7 det DET
ticket 5 obj NOUN
would 11 aux AUX
be 11 cop AUX
more 11 advmod ADV
intense 2 ccomp ADJ
. 2 punct PUNCT
""")
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    assert [(q.text, span_text(doc, q.speaker)) for q in quotes] == [
        ("the politics surrounding the ticket would be more intense", "Fowler")]


def test_an_abbreviated_title_between_the_quote_and_its_cue_still_frames_it():
    text = '"It is over," Mr. Lavrov said, "and the talks are finished."'
    doc = doc_of(text, """
" 4 punct PUNCT
It 4 nsubj PRON it
is 4 cop AUX be
over 0 root ADV
, 4 punct PUNCT
" 4 punct PUNCT
Mr. 8 compound PROPN
Lavrov 9 nsubj PROPN
said 4 conj VERB say
, 9 punct PUNCT
" 9 punct PUNCT
and 16 cc CCONJ
the 14 det DET
talks 16 nsubj NOUN talk
are 16 cop AUX be
finished 9 ccomp ADJ finish
. 9 punct PUNCT
" 9 punct PUNCT
""")
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    assert [(q.text, q.rule, span_text(doc, q.speaker), q.continues) for q in quotes] == [
        ("It is over,", "direct:cue-after", "Mr. Lavrov", None),
        ("and the talks are finished.", "direct:continuation", "Mr. Lavrov", 0),
    ]


def test_an_inverted_speaker_parsed_as_the_object_of_the_cue():
    text = "The lack of reciprocity is deplorable, said Jeffrey Trimble, a senior official."
    doc = doc_of(text, """
The 2 det DET
lack 6 nsubj NOUN
of 4 case ADP
reciprocity 2 nmod NOUN
is 6 cop AUX be
deplorable 0 root ADJ
, 8 punct PUNCT
said 6 conj VERB say
Jeffrey 8 obj PROPN
Trimble 9 flat PROPN
, 14 punct PUNCT
a 14 det DET
senior 14 amod ADJ
official 9 appos NOUN
. 6 punct PUNCT
""")
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    assert [(q.text, q.rule, span_text(doc, q.speaker)) for q in quotes] == [
        ("The lack of reciprocity is deplorable", "indirect:fronted", "Jeffrey Trimble, a senior official")]


def test_a_participle_after_a_comma_has_no_inverted_speaker():
    text = "Trump returned the compliment, telling Reuters they were friends."
    doc = doc_of(text, """
Trump 2 nsubj PROPN
returned 0 root VERB return
the 4 det DET
compliment 2 obj NOUN
, 6 punct PUNCT
telling 2 advcl VERB tell
Reuters 6 obj PROPN
they 10 nsubj PRON
were 10 cop AUX be
friends 6 ccomp NOUN friend
. 2 punct PUNCT
""")
    quotes = extract_quotes(doc)
    assert [(q.text, span_text(doc, q.speaker), span_text(doc, q.via_outlet)) for q in quotes] == [
        ("they were friends", "Trump", "Reuters")]


def test_a_cue_misparsed_as_a_relative_clause_of_its_speaker_attributes_the_fronted_content():
    # the parser made "said" acl:relcl of "Committee" (itself an appos of "sector")
    text = ("Dozens of patients, most of them children, were moved overnight from a clinic in the "
            "Old Town, the first large transfer from the northern district, the International "
            "Committee of the Red Cross said on Friday.")
    doc = doc_of(text, """
Dozens 11 nsubj:pass NOUN dozen
of 3 case ADP
patients 1 nmod NOUN patient
, 5 punct PUNCT
most 1 appos ADJ
of 7 case ADP
them 5 nmod PRON they
children 5 appos NOUN child
, 1 punct PUNCT
were 11 aux:pass AUX be
moved 0 root VERB move
overnight 11 advmod ADV
from 15 case ADP
a 15 det DET
clinic 11 obl NOUN
in 19 case ADP
the 19 det DET
Old 19 amod ADJ old
Town 15 nmod PROPN
, 24 punct PUNCT
the 24 det DET
first 24 amod ADJ
large 24 amod ADJ
transfer 19 appos NOUN
from 28 case ADP
the 28 det DET
northern 28 amod ADJ
district 24 nmod NOUN
, 32 punct PUNCT
the 32 det DET
International 32 amod ADJ international
Committee 28 appos PROPN
of 36 case ADP
the 36 det DET
Red 36 amod ADJ red
Cross 32 nmod PROPN
said 32 acl:relcl VERB say
on 39 case ADP
Friday 37 obl PROPN
. 11 punct PUNCT
""")
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    assert [(q.kind, q.text, q.rule, span_text(doc, q.speaker), q.cue.text) for q in quotes] == [
        ("indirect",
         "Dozens of patients, most of them children, were moved overnight from a clinic in the Old Town, "
         "the first large transfer from the northern district",
         "indirect:fronted", "the International Committee of the Red Cross", "said")]


def test_a_real_relative_clause_with_a_speech_verb_is_no_fronted_attribution():
    text = "Troops shelled the town, the officials who said nothing watched."
    doc = doc_of(text, """
Troops 2 nsubj NOUN troop
shelled 0 root VERB shell
the 4 det DET
town 2 obj NOUN
, 7 punct PUNCT
the 7 det DET
officials 10 nsubj NOUN official
who 9 nsubj PRON
said 7 acl:relcl VERB say
nothing 9 obj PRON
watched 2 parataxis VERB watch
. 2 punct PUNCT
""")
    assert [q.rule for q in extract_quotes(doc) if q.rule == "indirect:fronted"] == []


def test_the_addressee_of_told_glued_onto_the_content_subject_is_the_outlet():
    # the parser made "Reuters" a compound of "fighting", inside the content clause
    text = "An army commander told Reuters heavy clashes were going on near the old market."
    doc = doc_of(text, """
An 3 det DET
army 3 compound NOUN
commander 4 nsubj NOUN
told 0 root VERB tell
Reuters 7 compound PROPN
heavy 7 amod ADJ
clashes 9 nsubj NOUN clash
were 9 aux AUX be
going 4 ccomp VERB go
on 9 compound:prt ADP
near 14 case ADP
the 14 det DET
old 14 amod ADJ
market 9 obl NOUN
. 4 punct PUNCT
""")
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    assert [(q.text, span_text(doc, q.speaker), q.cue.text, span_text(doc, q.via_outlet)) for q in quotes] == [
        ("heavy clashes were going on near the old market", "An army commander", "told", "Reuters")]


def test_a_name_opening_the_content_of_said_stays_in_it():
    text = "He said Kremlin officials were wrong."
    doc = doc_of(text, """
He 2 nsubj PRON he
said 0 root VERB say
Kremlin 4 compound PROPN
officials 6 nsubj NOUN official
were 6 cop AUX be
wrong 2 ccomp ADJ
. 2 punct PUNCT
""")
    [q] = extract_quotes(doc)
    assert q.text == "Kremlin officials were wrong" and q.via_outlet is None


RELATIVE_SPEAKER_TEXT = (
    "While the rebels have said they will not surrender, one militia commander, who asked not to "
    "be named, admitted they may have no choice.")
# the parser hung the second speaker on the first content ("commander" obj of "surrender")
# and made "admitted" (tagged VBN) an xcomp of the second content's verb
RELATIVE_SPEAKER = """
While 5 mark SCONJ
the 3 det DET
rebels 5 nsubj NOUN rebel
have 5 aux AUX
said 22 advcl VERB say
they 9 nsubj PRON they
will 9 aux AUX
not 9 advmod PART
surrender 5 ccomp VERB
, 13 punct PUNCT
one 13 nummod NUM
militia 13 compound NOUN
commander 9 obj NOUN
, 16 punct PUNCT
who 16 nsubj PRON
asked 13 acl:relcl VERB ask
not 20 advmod PART
to 20 mark PART
be 20 aux:pass AUX
named 16 xcomp VERB name
, 22 punct PUNCT
admitted 25 xcomp VERB admit
they 25 nsubj PRON they
may 25 aux AUX
have 0 root VERB
no 27 det DET
choice 25 obj NOUN
. 25 punct PUNCT
"""


def test_content_stops_before_the_next_speaker_and_that_speaker_is_read_off_its_position():
    conllu = ud(RELATIVE_SPEAKER).splitlines()
    # the tagger read "admitted" as a participle (VBN); the rules must not rely on it
    conllu = ["\t".join(f[:4] + ["VBN"] + f[5:]) if len(f) > 4 and f[1] == "admitted" else "\t".join(f)
              for f in (line.split("\t") for line in conllu)]
    doc = from_conllu(RELATIVE_SPEAKER_TEXT, "\n".join(conllu) + "\n")
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    assert [(q.text, span_text(doc, q.speaker), q.cue.text) for q in quotes] == [
        ("they will not surrender", "the rebels", "said"),
        ("they may have no choice", "one militia commander", "admitted"),
    ]


def test_a_participle_takes_no_speaker_from_the_noun_phrase_before_it():
    text = "Police arrested the men, saying they had planned attacks."
    doc = doc_of(text, """
Police 2 nsubj NOUN police
arrested 0 root VERB arrest
the 4 det DET
men 2 obj NOUN man
, 6 punct PUNCT
saying 2 advcl VERB say
they 9 nsubj PRON they
had 9 aux AUX
planned 6 ccomp VERB plan
attacks 9 obj NOUN attack
. 2 punct PUNCT
""")
    [q] = extract_quotes(doc)
    assert (q.text, span_text(doc, q.speaker)) == ("they had planned attacks", "Police")


def test_reader_quotes_signed_with_a_dash_on_the_same_line():
    text = ("”The plan is a mess.” ― Ana Ruiz\n"
            "“Nobody asked us.”― Tom O'Neil\u00a0\n")
    doc = doc_of(text, """
” 6 punct PUNCT
The 3 det DET
plan 6 nsubj NOUN
is 6 cop AUX be
a 6 det DET
mess 0 root NOUN
. 6 punct PUNCT
” 6 punct PUNCT
― 10 punct PUNCT
Ana 6 parataxis PROPN
Ruiz 10 flat PROPN
""", """
“ 3 punct PUNCT
Nobody 3 nsubj PRON nobody
asked 0 root VERB ask
us 3 obj PRON we
. 3 punct PUNCT
” 3 punct PUNCT
― 8 punct PUNCT
Tom 3 parataxis PROPN
O'Neil 8 flat PROPN
""")
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    assert [(q.text, q.rule, span_text(doc, q.speaker), head_text(doc, q.speaker)) for q in quotes] == [
        ("The plan is a mess.", "direct:dash-line", "Ana Ruiz", "Ruiz"),
        ("Nobody asked us.", "direct:dash-line", "Tom O'Neil", "O'Neil"),
    ]


def test_a_dash_clause_after_a_quote_is_no_signature():
    text = "“It is over” - and the crowd went home in silence after the long night.\n"
    doc = doc_of(text, """
“ 4 punct PUNCT
It 4 nsubj PRON it
is 4 cop AUX be
over 0 root ADV
” 4 punct PUNCT
- 10 punct PUNCT
and 10 cc CCONJ
the 9 det DET
crowd 10 nsubj NOUN
went 4 parataxis VERB go
home 10 advmod ADV
in 13 case ADP
silence 10 obl NOUN
after 17 case ADP
the 17 det DET
long 17 amod ADJ
night 10 obl NOUN
. 4 punct PUNCT
""")
    assert [q for q in extract_quotes(doc) if q.rule == "direct:dash-line"] == []


def test_a_coordinated_clause_hung_on_the_cue_stays_in_the_content():
    text = "The center says it would cut revenue at first, but would eventually add $84 billion."
    doc = doc_of(text, """
The 2 det DET
center 3 nsubj NOUN
says 0 root VERB say
it 6 nsubj PRON it
would 6 aux AUX
cut 3 ccomp VERB
revenue 6 obj NOUN
at 9 case ADP
first 6 obl ADV
, 3 punct PUNCT
but 3 cc CCONJ
would 14 aux AUX
eventually 14 advmod ADV
add 3 conj VERB
$ 14 obj SYM
84 17 compound NUM
billion 15 nummod NUM
. 3 punct PUNCT
""")
    [q] = extract_quotes(doc)
    assert (q.text, span_text(doc, q.speaker)) == (
        "it would cut revenue at first, but would eventually add $84 billion", "The center")


def test_the_speakers_own_next_action_is_not_content():
    text = "He said the plan would fail and left the room."
    doc = doc_of(text, """
He 2 nsubj PRON he
said 0 root VERB say
the 4 det DET
plan 6 nsubj NOUN
would 6 aux AUX
fail 2 ccomp VERB
and 8 cc CCONJ
left 2 conj VERB leave
the 10 det DET
room 8 obj NOUN
. 2 punct PUNCT
""")
    [q] = extract_quotes(doc)
    assert q.text == "the plan would fail"


def test_a_speech_verb_sharing_the_content_subject_is_part_of_the_content():
    text = "They said he ranked the guests by age and talked about which ones he liked."
    doc = doc_of(text, """
They 2 nsubj PRON they
said 0 root VERB say
he 4 nsubj PRON he
ranked 2 ccomp VERB rank
the 6 det DET
guests 4 obj NOUN guest
by 8 case ADP
age 4 obl NOUN
and 10 cc CCONJ
talked 4 conj VERB talk
about 15 mark SCONJ
which 13 det PRON
ones 15 obj NOUN one
he 15 nsubj PRON he
liked 10 advcl VERB like
. 2 punct PUNCT
""")
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    assert [(q.text, span_text(doc, q.speaker)) for q in quotes] == [
        ("he ranked the guests by age and talked about which ones he liked", "They")]


def test_a_speech_verb_with_its_own_object_inside_the_content_reports_on_its_own():
    text = "China said it was opposed to the test and warned Pyongyang to stop."
    doc = doc_of(text, """
China 2 nsubj PROPN
said 0 root VERB say
it 5 nsubj:pass PRON it
was 5 aux:pass AUX be
opposed 2 ccomp VERB oppose
to 8 case ADP
the 8 det DET
test 5 obl NOUN
and 10 cc CCONJ
warned 5 conj VERB warn
Pyongyang 10 obj PROPN
to 13 mark PART
stop 10 xcomp VERB
. 2 punct PUNCT
""")
    quotes = extract_quotes(doc)
    assert [q.text for q in quotes][0] == "it was opposed to the test"


def test_a_sentence_split_after_a_party_label_keeps_the_speaker():
    text = "Rep. Ann Kole (R-Ohio) said the vote was rigged."
    # the splitter ended a sentence at "(R-Ohio)"
    doc = doc_of(text, """
Rep. 3 compound PROPN
Ann 3 compound PROPN
Kole 0 root PROPN
( 5 punct PUNCT
R-Ohio 3 appos PROPN
) 5 punct PUNCT
""", """
said 0 root VERB say
the 3 det DET
vote 5 nsubj:pass NOUN
was 5 aux:pass AUX be
rigged 1 ccomp VERB rig
. 1 punct PUNCT
""")
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    assert [(q.text, span_text(doc, q.speaker), head_text(doc, q.speaker)) for q in quotes] == [
        ("the vote was rigged", "Rep. Ann Kole (R-Ohio)", "Kole")]


def test_a_speaker_named_like_a_month_is_still_the_speaker():
    text = "Theresa May said the country would leave."
    doc = doc_of(text, """
Theresa 2 compound PROPN
May 3 nsubj PROPN may
said 0 root VERB say
the 5 det DET
country 7 nsubj NOUN
would 7 aux AUX
leave 3 ccomp VERB
. 3 punct PUNCT
""")
    [q] = extract_quotes(doc)
    assert span_text(doc, q.speaker) == "Theresa May"


def test_a_participle_hung_on_a_noun_after_a_comma_takes_the_clause_subject():
    text = "The nominee complained about the debate, even suggesting he was sabotaged."
    doc = doc_of(text, """
The 2 det DET
nominee 3 nsubj NOUN
complained 0 root VERB complain
about 6 case ADP
the 6 det DET
debate 3 obl NOUN
, 9 punct PUNCT
even 9 advmod ADV
suggesting 6 dep VERB suggest
he 12 nsubj:pass PRON he
was 12 aux:pass AUX be
sabotaged 9 ccomp VERB sabotage
. 3 punct PUNCT
""")
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    q = next(q for q in quotes if q.cue.text == "suggesting")
    assert (q.text, span_text(doc, q.speaker)) == ("he was sabotaged", "The nominee")


def test_a_noun_with_a_participle_and_no_comma_is_the_speaker():
    text = "Troops found a note saying the town had fallen."
    doc = doc_of(text, """
Troops 2 nsubj NOUN troop
found 0 root VERB find
a 4 det DET
note 2 obj NOUN
saying 4 acl VERB say
the 7 det DET
town 9 nsubj NOUN
had 9 aux AUX
fallen 5 ccomp VERB fall
. 2 punct PUNCT
""")
    [q] = extract_quotes(doc)
    assert (q.text, span_text(doc, q.speaker)) == ("the town had fallen", "a note")


def test_called_with_a_person_and_a_name_is_a_naming_quote():
    text = 'Lee called Smith a "reckless liar".'
    doc = doc_of(text, """
Lee 2 nsubj PROPN
called 0 root VERB call
Smith 2 iobj PROPN
a 7 det DET
" 7 punct PUNCT
reckless 7 amod ADJ
liar 2 obj NOUN
" 7 punct PUNCT
. 2 punct PUNCT
""")
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    assert [(q.kind, q.text, span_text(doc, q.speaker), q.cue.text) for q in quotes] == [
        ("mixed", 'Smith a "reckless liar"', "Lee", "called")]


def test_called_with_the_name_parsed_inside_the_object():
    text = "Kim called her vote in favor of the war a mistake."
    doc = doc_of(text, """
Kim 2 nsubj PROPN
called 0 root VERB call
her 4 nmod:poss PRON she
vote 2 obj NOUN
in 6 case ADP
favor 2 obl NOUN
of 9 case ADP
the 9 det DET
war 6 nmod NOUN
a 11 det DET
mistake 9 dep NOUN
. 2 punct PUNCT
""")
    [q] = extract_quotes(doc)
    assert (q.text, span_text(doc, q.speaker)) == ("her vote in favor of the war a mistake", "Kim")


def test_calling_a_meeting_is_not_reported_speech():
    text = "The mayor called a meeting of the council."
    doc = doc_of(text, """
The 2 det DET
mayor 3 nsubj NOUN
called 0 root VERB call
a 5 det DET
meeting 3 obj NOUN
of 8 case ADP
the 8 det DET
council 5 nmod NOUN
. 3 punct PUNCT
""")
    assert extract_quotes(doc) == []


def test_words_running_into_a_framed_quote_are_part_of_a_mixed_quote():
    text = 'Taxing the rich "is a misguided approach," said Mr. Burman.'
    doc = doc_of(text, """
Taxing 8 csubj VERB tax
the 3 det DET
rich 1 obj ADJ
" 8 punct PUNCT
is 8 cop AUX be
a 8 det DET
misguided 8 amod ADJ
approach 0 root NOUN
, 8 punct PUNCT
" 8 punct PUNCT
said 8 parataxis VERB say
Mr. 13 compound PROPN
Burman 11 nsubj PROPN
. 8 punct PUNCT
""")
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    assert [(q.kind, q.text, span_text(doc, q.speaker)) for q in quotes] == [
        ("mixed", 'Taxing the rich "is a misguided approach,', "Mr. Burman")]


def test_an_introductory_phrase_before_a_framed_quote_stays_out():
    text = 'On Monday, "we will win," he said.'
    doc = doc_of(text, """
On 2 case ADP
Monday 7 obl PROPN
, 2 punct PUNCT
" 7 punct PUNCT
we 7 nsubj PRON we
will 7 aux AUX
win 0 root VERB
, 7 punct PUNCT
" 7 punct PUNCT
he 11 nsubj PRON he
said 7 parataxis VERB say
. 7 punct PUNCT
""")
    [q] = extract_quotes(doc)
    assert (q.kind, q.text) == ("direct", "we will win,")


def test_a_conjunction_after_the_closing_mark_starts_a_new_clause_not_a_frame():
    text = 'Kerr said the tape did not show "clear evidence," but he said it helped.'
    doc = doc_of(text, """
Kerr 2 nsubj PROPN
said 0 root VERB say
the 4 det DET
tape 7 nsubj NOUN
did 7 aux AUX do
not 7 advmod PART
show 2 ccomp VERB
" 10 punct PUNCT
clear 10 amod ADJ
evidence 7 obj NOUN
, 2 punct PUNCT
" 2 punct PUNCT
but 15 cc CCONJ
he 15 nsubj PRON he
said 2 conj VERB say
it 17 nsubj PRON it
helped 15 ccomp VERB help
. 2 punct PUNCT
""")
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    assert [(q.kind, q.text, span_text(doc, q.speaker)) for q in quotes] == [
        ("mixed", 'the tape did not show "clear evidence', "Kerr"),
        ("indirect", "it helped", "he"),
    ]


def test_a_headline_naming_its_speaker_before_a_colon():
    text = "Lopez: ‘We Will Win This Fight.’\n\nThe senator spoke in Ohio."
    doc = doc_of(text, """
Lopez 0 root PROPN
: 1 punct PUNCT
‘ 6 punct PUNCT
We 6 nsubj PRON we
Will 6 aux AUX will
Win 1 appos VERB win
This 8 det DET
Fight 6 obj NOUN fight
. 6 punct PUNCT
’ 6 punct PUNCT
""", """
The 2 det DET
senator 3 nsubj NOUN
spoke 0 root VERB speak
in 5 case ADP
Ohio 3 obl PROPN
. 3 punct PUNCT
""")
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    assert [(q.text, q.rule, span_text(doc, q.speaker)) for q in quotes] == [
        ("We Will Win This Fight.", "direct:colon", "Lopez")]


def test_a_time_stamp_parsed_as_the_subject_does_not_speak():
    text = "4:40 p.m. Senator Marco Rubio says he will stay in the race."
    doc = doc_of(text, """
4:40 2 nummod NUM
p.m. 6 nsubj NOUN
Senator 5 compound PROPN
Marco 5 compound PROPN
Rubio 2 dep PROPN
says 0 root VERB say
he 9 nsubj PRON he
will 9 aux AUX
stay 6 ccomp VERB
in 12 case ADP
the 12 det DET
race 9 obl NOUN
. 6 punct PUNCT
""")
    [q] = extract_quotes(doc)
    assert (q.text, span_text(doc, q.speaker)) == ("he will stay in the race", "Senator Marco Rubio")


def test_a_speaker_counted_in_words_still_speaks():
    text = "One Republican threatened to subpoena the director."
    doc = doc_of(text, """
One 3 nsubj NUM one
Republican 1 amod ADJ republican
threatened 0 root VERB threaten
to 5 mark PART
subpoena 3 xcomp VERB
the 7 det DET
director 5 obj NOUN
. 3 punct PUNCT
""")
    [q] = extract_quotes(doc)
    assert span_text(doc, q.speaker) == "One Republican"


def test_the_time_of_speaking_is_not_what_was_said():
    text = "Several speakers spoke before Sanders addressed the rally."
    doc = doc_of(text, """
Several 2 amod ADJ several
speakers 3 nsubj NOUN speaker
spoke 0 root VERB speak
before 6 mark SCONJ
Sanders 6 nsubj PROPN
addressed 3 conj VERB address
the 8 det DET
rally 6 obj NOUN
. 3 punct PUNCT
""")
    assert extract_quotes(doc) == []


def test_a_participle_before_a_noun_is_an_adjective_not_a_cue():
    text = "Clinton leads him by 271 pledged delegates, according to a count."
    doc = doc_of(text, """
Clinton 2 nsubj PROPN
leads 0 root VERB lead
him 2 obj PRON he
by 5 case ADP
271 2 obl NUM
pledged 2 ccomp VERB pledge
delegates 6 obj NOUN delegate
, 2 punct PUNCT
according 11 case VERB
to 9 fixed ADP
a 11 det DET
count 2 obl NOUN
. 2 punct PUNCT
""")
    assert all(q.cue.lemma != "pledge" for q in extract_quotes(doc))


def test_called_on_someone_to_act_keeps_who_was_called_on():
    text = "The family called on people to protest peacefully."
    doc = doc_of(text, """
The 2 det DET
family 3 nsubj NOUN
called 0 root VERB call
on 5 case ADP
people 3 obl NOUN person
to 7 mark PART
protest 3 xcomp VERB
peacefully 7 advmod ADV
. 3 punct PUNCT
""")
    [q] = extract_quotes(doc)
    assert (q.text, span_text(doc, q.speaker)) == ("people to protest peacefully", "The family")


def test_a_content_clause_introducing_a_quote_after_a_colon_is_one_mixed_quote():
    text = 'Clinton said she has the key quality for the job: "Steadiness, and strength."'
    doc = doc_of(text, """
Clinton 2 nsubj PROPN
said 0 root VERB say
she 4 nsubj PRON she
has 2 ccomp VERB have
the 7 det DET
key 7 amod ADJ
quality 4 obj NOUN
for 10 case ADP
the 10 det DET
job 7 nmod NOUN
: 13 punct PUNCT
" 13 punct PUNCT
Steadiness 2 parataxis NOUN steadiness
, 16 punct PUNCT
and 16 cc CCONJ
strength 13 conj NOUN
. 2 punct PUNCT
" 2 punct PUNCT
""")
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    assert [(q.kind, q.text, span_text(doc, q.speaker)) for q in quotes] == [
        ("mixed", 'she has the key quality for the job: "Steadiness, and strength.', "Clinton")]


def test_a_show_title_in_marks_before_the_cue_is_not_a_quote():
    text = 'Sunday on Fox News channel’s “Sunday Morning Futures,” Rep. Issa said she lied.'
    doc = doc_of(text, """
Sunday 15 obl:tmod PROPN
on 6 case ADP
Fox 4 compound PROPN
News 5 compound PROPN
channel 1 nmod NOUN
’s 5 case PART
“ 11 punct PUNCT
Sunday 11 compound PROPN
Morning 11 compound PROPN
Futures 5 dep PROPN
, 15 punct PUNCT
” 15 punct PUNCT
Rep. 14 compound PROPN
Issa 15 nsubj PROPN
said 0 root VERB say
she 17 nsubj PRON she
lied 15 ccomp VERB lie
. 15 punct PUNCT
""")
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    assert [(q.kind, q.text, span_text(doc, q.speaker)) for q in quotes] == [("indirect", "she lied", "Rep. Issa")]


def test_according_to_is_never_part_of_its_speaker():
    # the parser read "show" in "show insiders" as a verb with "to" as its mark
    text = "He demeaned women on the set, according to show insiders."
    doc = doc_of(text, """
He 2 nsubj PRON he
demeaned 0 root VERB demean
women 2 obj NOUN woman
on 6 case ADP
the 6 det DET
set 2 obl NOUN
, 2 punct PUNCT
according 10 case VERB
to 10 mark PART
show 2 advcl VERB
insiders 10 obj NOUN insider
. 2 punct PUNCT
""")
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    assert [(q.text, span_text(doc, q.speaker), q.cue.text) for q in quotes] == [
        ("He demeaned women on the set", "show insiders", "according to")]


def test_talked_about_a_gerund_clause_is_what_was_talked_about():
    """... and a quote only with quoted words in it (verbs.csv ``quoted_object``)."""
    text = 'Clinton talked about bringing "communities" together.'
    doc = doc_of(text, """
Clinton 2 nsubj PROPN
talked 0 root VERB talk
about 4 mark SCONJ
bringing 2 advcl VERB bring
" 6 punct PUNCT
communities 4 obj NOUN community
" 6 punct PUNCT
together 4 advmod ADV
. 2 punct PUNCT
""")
    [q] = extract_quotes(doc)
    assert (q.text, q.rule, span_text(doc, q.speaker)) == (
        'bringing "communities" together', "mixed:indirect:object", "Clinton")
    plain = "Clinton talked about bringing communities together."
    assert extract_quotes(doc_of(plain, """
Clinton 2 nsubj PROPN
talked 0 root VERB talk
about 4 mark SCONJ
bringing 2 advcl VERB bring
communities 4 obj NOUN community
together 4 advmod ADV
. 2 punct PUNCT
""")) == []


NOT_SPEECH_TEXT = ("Speaking of the meeting between Kerry and Lavrov, Denslow said it mattered. "
                   "Assad rejected talks of a ceasefire.")
NOT_SPEECH = ("""
Speaking 11 advcl VERB speak
of 4 case ADP
the 4 det DET
meeting 1 obl NOUN
between 6 case ADP
Kerry 4 nmod PROPN
and 8 cc CCONJ
Lavrov 6 conj PROPN
, 1 punct PUNCT
Denslow 11 nsubj PROPN
said 0 root VERB say
it 13 nsubj PRON
mattered 11 ccomp VERB matter
. 11 punct PUNCT
""", """
Assad 2 nsubj PROPN
rejected 0 root VERB reject
talks 2 obj NOUN talk
of 6 case ADP
a 6 det DET
ceasefire 3 nmod NOUN
. 2 punct PUNCT
""")


def test_what_was_spoken_of_or_rejected_is_no_quote():
    """The objects of ``speaking of`` and ``rejected`` name what the words were
    about, not what was said (sample corpus 000 and 001)."""
    doc = doc_of(NOT_SPEECH_TEXT, *NOT_SPEECH)
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    assert [(q.text, span_text(doc, q.speaker)) for q in quotes] == [("it mattered", "Denslow")]


def test_the_object_of_said_before_a_misread_relative_clause_is_its_subject():
    # the parser made "panel" the object of "said" and the clause its relative clause
    text = "Democrats said the panel itself might be damaged by the move."
    doc = doc_of(text, """
Democrats 2 nsubj PROPN democrat
said 0 root VERB say
the 4 det DET
panel 2 obj NOUN
itself 8 nsubj:pass PRON itself
might 8 aux AUX
be 8 aux:pass AUX be
damaged 4 acl:relcl VERB damage
by 11 case ADP
the 11 det DET
move 8 obl NOUN
. 2 punct PUNCT
""")
    [q] = extract_quotes(doc)
    assert (q.text, span_text(doc, q.speaker)) == ("the panel itself might be damaged by the move", "Democrats")


def test_words_between_that_and_its_clause_stay_in_the_content():
    # "cry" (ccomp) and "to save …" (advcl) hung on the cue between "that" and its verb
    text = "He acknowledged that his rallying cry to save the planet had not galvanized Americans."
    doc = doc_of(text, """
He 2 nsubj PRON he
acknowledged 0 root VERB acknowledge
that 13 mark SCONJ
his 6 nmod:poss PRON he
rallying 6 compound NOUN
cry 2 ccomp NOUN
to 8 mark PART
save 2 advcl VERB
the 10 det DET
planet 13 nsubj NOUN
had 13 aux AUX
not 13 advmod PART
galvanized 2 ccomp VERB galvanize
Americans 13 obj PROPN
. 2 punct PUNCT
""")
    [q] = extract_quotes(doc)
    assert q.text == "his rallying cry to save the planet had not galvanized Americans"


def test_a_sentence_split_inside_the_speakers_name_keeps_the_whole_name():
    # the splitter cut "Prime Minister Theresa | May said …" and the tagger read "May" as the modal
    text = "Prime Minister Theresa May said the country would leave."
    doc = doc_of(text, """
Prime 2 compound PROPN
Minister 3 compound PROPN
Theresa 0 root PROPN
""", """
May 2 aux AUX may
said 0 root VERB say
the 4 det DET
country 6 nsubj NOUN
would 6 aux AUX
leave 2 ccomp VERB
. 2 punct PUNCT
""")
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    assert [(q.text, span_text(doc, q.speaker), head_text(doc, q.speaker)) for q in quotes] == [
        ("the country would leave", "Prime Minister Theresa May", "May")]


def test_a_party_label_between_the_quote_and_its_cue_still_frames_it():
    text = '"The plan is dead," Sen. Ann Kole, R-Ky., said Friday.'
    # the parser hung the name on the quote and made "Friday" the subject
    doc = doc_of(text, """
" 5 punct PUNCT
The 3 det DET
plan 5 nsubj NOUN
is 5 cop AUX be
dead 14 ccomp ADJ
, 5 punct PUNCT
" 5 punct PUNCT
Sen. 10 compound PROPN
Ann 10 compound PROPN
Kole 5 nsubj PROPN
, 12 punct PUNCT
R-Ky. 10 appos PROPN
, 14 punct PUNCT
said 0 root VERB say
Friday 14 nsubj PROPN friday
. 14 punct PUNCT
""")
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    assert [(q.text, q.rule, span_text(doc, q.speaker)) for q in quotes] == [
        ("The plan is dead,", "direct:cue-after", "Sen. Ann Kole, R-Ky.")]


def test_a_sentence_ending_after_the_quote_does_not_frame_it():
    text = '"The plan is dead." Friday, Kole said the vote was rigged.'
    doc = doc_of(text, """
" 5 punct PUNCT
The 3 det DET
plan 5 nsubj NOUN
is 5 cop AUX be
dead 0 root ADJ
. 5 punct PUNCT
" 5 punct PUNCT
""", """
Friday 4 obl:tmod PROPN friday
, 1 punct PUNCT
Kole 4 nsubj PROPN
said 0 root VERB say
the 6 det DET
vote 8 nsubj:pass NOUN
was 8 aux:pass AUX be
rigged 4 ccomp VERB rig
. 4 punct PUNCT
""")
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    assert [(q.text, q.rule) for q in quotes] == [("the vote was rigged", "indirect:ccomp")]


def test_a_name_tagged_as_a_verb_right_before_the_cue_is_the_speaker():
    text = "In a statement, Husted said the ruling was wrong."
    doc = doc_of(text, """
In 3 case ADP
a 3 det DET
statement 6 obl NOUN
, 3 punct PUNCT
Husted 6 ccomp VERB husted
said 0 root VERB say
the 8 det DET
ruling 10 nsubj NOUN
was 10 cop AUX be
wrong 6 ccomp ADJ
. 6 punct PUNCT
""")
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    assert [(q.text, span_text(doc, q.speaker)) for q in quotes] == [("the ruling was wrong", "Husted")]


def test_a_lowercase_verb_right_before_the_cue_is_not_a_speaker():
    text = "In a statement, released said the ruling was wrong."
    doc = doc_of(text, """
In 3 case ADP
a 3 det DET
statement 6 obl NOUN
, 3 punct PUNCT
released 6 ccomp VERB release
said 0 root VERB say
the 8 det DET
ruling 10 nsubj NOUN
was 10 cop AUX be
wrong 6 ccomp ADJ
. 6 punct PUNCT
""")
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    assert [(q.text, q.speaker) for q in quotes] == [("the ruling was wrong", None)]


def test_a_speaker_after_a_quoted_show_title_is_found_by_position():
    text = 'In an interview on "Face the Nation," House Speaker Paul Ryan said the deal was dead.'
    # the parser hung the name on the show title
    doc = doc_of(text, """
In 3 case ADP
an 3 det DET
interview 15 obl NOUN
on 6 case ADP
" 6 punct PUNCT
Face 15 obl PROPN
the 8 det DET
Nation 6 appos PROPN
, 11 punct PUNCT
" 11 punct PUNCT
House 8 appos PROPN
Speaker 11 flat PROPN
Paul 11 flat PROPN
Ryan 11 flat PROPN
said 0 root VERB say
the 17 det DET
deal 19 nsubj NOUN
was 19 cop AUX be
dead 15 ccomp ADJ
. 15 punct PUNCT
""")
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    assert [(q.text, span_text(doc, q.speaker)) for q in quotes] == [
        ("the deal was dead", "House Speaker Paul Ryan")]


def test_called_with_the_name_parsed_as_a_second_object_or_oblique():
    text = "Rendell called it a common ailment."
    doc = doc_of(text, """
Rendell 2 nsubj PROPN
called 0 root VERB call
it 2 obj PRON
a 6 det DET
common 6 amod ADJ
ailment 2 obj NOUN
. 2 punct PUNCT
""")
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    assert [(q.text, span_text(doc, q.speaker)) for q in quotes] == [("it a common ailment", "Rendell")]
    text = "Kim called her vote a mistake."
    doc = doc_of(text, """
Kim 2 nsubj PROPN
called 0 root VERB call
her 4 nmod:poss PRON she
vote 2 obj NOUN
a 6 det DET
mistake 2 obl NOUN
. 2 punct PUNCT
""")
    [q] = extract_quotes(doc)
    assert (q.text, span_text(doc, q.speaker)) == ("her vote a mistake", "Kim")


def test_called_with_the_name_parsed_as_a_conjunct_of_the_object():
    text = "The doctor called Oz a quack."
    doc = doc_of(text, """
The 2 det DET
doctor 3 nsubj NOUN
called 0 root VERB call
Oz 3 obj PROPN
a 6 det DET
quack 4 conj NOUN
. 3 punct PUNCT
""")
    [q] = extract_quotes(doc)
    assert (q.text, span_text(doc, q.speaker)) == ("Oz a quack", "The doctor")


def test_calling_someone_a_second_time_is_not_naming():
    text = "The mayor called the police a second time."
    doc = doc_of(text, """
The 2 det DET
mayor 3 nsubj NOUN
called 0 root VERB call
the 5 det DET
police 3 obj NOUN
a 8 det DET
second 8 amod ADJ
time 3 obl NOUN
. 3 punct PUNCT
""")
    assert extract_quotes(doc) == []
    text = "The mayor called the police and the firefighters."
    doc = doc_of(text, """
The 2 det DET
mayor 3 nsubj NOUN
called 0 root VERB call
the 5 det DET
police 3 obj NOUN
and 8 cc CCONJ
the 8 det DET
firefighters 5 conj NOUN firefighter
. 3 punct PUNCT
""")
    assert extract_quotes(doc) == []


def test_a_clause_after_that_opening_with_a_phrase_is_found_by_position():
    text = "Fowler noted that at one meeting, in 1972, he backed the plan."
    # the parser hung the phrase on the cue and the clause as parataxis
    doc = doc_of(text, """
Fowler 2 nsubj PROPN
noted 0 root VERB note
that 12 mark SCONJ
at 6 case ADP
one 6 nummod NUM
meeting 2 obl NOUN
, 9 punct PUNCT
in 9 case ADP
1972 12 obl NUM
, 9 punct PUNCT
he 12 nsubj PRON
backed 2 parataxis VERB back
the 14 det DET
plan 12 obj NOUN
. 2 punct PUNCT
""")
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    assert [(q.text, span_text(doc, q.speaker)) for q in quotes] == [
        ("at one meeting, in 1972, he backed the plan", "Fowler")]


def test_that_as_a_pronoun_before_a_phrase_is_no_clause():
    text = "He said that to the crowd waiting outside."
    doc = doc_of(text, """
He 2 nsubj PRON
said 0 root VERB say
that 2 obj PRON
to 6 case ADP
the 6 det DET
crowd 2 obl NOUN
waiting 6 acl VERB wait
outside 7 advmod ADV
. 2 punct PUNCT
""")
    assert extract_quotes(doc) == []


def test_called_on_someone_with_the_infinitive_parsed_as_advcl():
    text = "Scott's family called on police to release the videos."
    doc = doc_of(text, """
Scott 3 nmod:poss PROPN
's 1 case PART
family 4 nsubj NOUN
called 0 root VERB call
on 6 case ADP
police 4 obl NOUN
to 8 mark PART
release 4 advcl VERB
the 10 det DET
videos 8 obj NOUN video
. 4 punct PUNCT
""")
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    assert [(q.text, span_text(doc, q.speaker)) for q in quotes] == [
        ("police to release the videos", "Scott's family")]


def test_called_on_a_day_to_do_something_is_not_a_call_on_someone():
    text = "She called on Monday to check the times."
    doc = doc_of(text, """
She 2 nsubj PRON
called 0 root VERB call
on 4 case ADP
Monday 2 obl PROPN monday
to 6 mark PART
check 2 advcl VERB
the 8 det DET
times 6 obj NOUN time
. 2 punct PUNCT
""")
    assert extract_quotes(doc) == []


def test_according_to_hung_on_a_modifier_of_the_name_takes_the_whole_name():
    text = "The blast went off at 8 p.m., according to NYPD Commissioner Jim Kole."
    doc = doc_of(text, """
The 2 det DET
blast 3 nsubj NOUN
went 0 root VERB go
off 3 compound:prt ADP
at 6 case ADP
8 3 obl NUM
p.m. 3 obl NOUN
, 9 punct PUNCT
according 11 case VERB
to 9 fixed ADP
NYPD 12 compound PROPN
Commissioner 13 compound PROPN
Jim 14 compound PROPN
Kole 3 obl PROPN
. 3 punct PUNCT
""")
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    assert [(q.text, q.rule, span_text(doc, q.speaker)) for q in quotes] == [
        ("The blast went off at 8 p.m.", "according-to", "NYPD Commissioner Jim Kole")]


def test_a_second_that_clause_hung_on_the_cue_joins_the_content():
    text = "Kole said that the plan was dead, and that the vote was rigged."
    doc = doc_of(text, """
Kole 2 nsubj PROPN
said 0 root VERB say
that 7 mark SCONJ
the 5 det DET
plan 7 nsubj NOUN
was 7 cop AUX be
dead 2 ccomp ADJ
, 14 punct PUNCT
and 14 cc CCONJ
that 14 mark SCONJ
the 12 det DET
vote 14 nsubj:pass NOUN
was 14 aux:pass AUX be
rigged 2 conj VERB rig
. 2 punct PUNCT
""")
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    assert [q.text for q in quotes] == ["the plan was dead, and that the vote was rigged"]


def test_a_clause_with_its_own_subject_after_the_content_stays_out():
    text = "Kole said the plan was dead, and the vote was rigged."
    doc = doc_of(text, """
Kole 2 nsubj PROPN
said 0 root VERB say
the 4 det DET
plan 6 nsubj NOUN
was 6 cop AUX be
dead 2 ccomp ADJ
, 12 punct PUNCT
and 12 cc CCONJ
the 10 det DET
vote 12 nsubj:pass NOUN
was 12 aux:pass AUX be
rigged 2 conj VERB rig
. 2 punct PUNCT
""")
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    assert [q.text for q in quotes] == ["the plan was dead"]


def test_an_object_running_into_the_content_subject_starts_the_content():
    text = "Clinton says his tweets targeting Ann Kole were unhinged."
    # the parser made "his tweets targeting" the object and "Ann Kole" the clause's subject
    doc = doc_of(text, """
Clinton 2 nsubj PROPN
says 0 root VERB say
his 4 nmod:poss PRON he
tweets 2 obj NOUN tweet
targeting 4 acl VERB target
Ann 7 compound PROPN
Kole 9 nsubj PROPN
were 9 cop AUX be
unhinged 2 ccomp ADJ
. 2 punct PUNCT
""")
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    assert [(q.text, span_text(doc, q.speaker)) for q in quotes] == [
        ("his tweets targeting Ann Kole were unhinged", "Clinton")]


def test_the_addressee_before_the_content_subject_stays_out():
    text = "Kole told reporters covering Ann Lee she was wrong."
    doc = doc_of(text, """
Kole 2 nsubj PROPN
told 0 root VERB tell
reporters 2 obj NOUN reporter
covering 3 acl VERB cover
Ann 6 compound PROPN
Lee 9 nmod PROPN
she 9 nsubj PRON
was 9 cop AUX be
wrong 2 ccomp ADJ
. 2 punct PUNCT
""")
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    assert "reporters" not in quotes[0].text


def test_a_fronted_clause_subject_given_to_the_cue_is_part_of_the_content():
    text = "Kole's obsession with the vote is an insult, lawmakers said."
    doc = doc_of(text, """
Kole 3 nmod:poss PROPN
's 1 case PART
obsession 12 nsubj NOUN
with 6 case ADP
the 6 det DET
vote 9 nsubj NOUN
is 9 cop AUX be
an 9 det DET
insult 12 ccomp NOUN
, 12 punct PUNCT
lawmakers 12 nsubj NOUN lawmaker
said 0 root VERB say
. 12 punct PUNCT
""")
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    assert [(q.text, span_text(doc, q.speaker)) for q in quotes] == [
        ("Kole's obsession with the vote is an insult", "lawmakers")]


def test_a_title_cased_headline_parsed_as_a_name_is_an_indirect_quote():
    text = "Kole Hid Health Problems From Public, Former Doctor Says."
    doc = doc_of(text, """
Kole 0 root PROPN
Hid 1 flat PROPN
Health 4 compound PROPN
Problems 1 list PROPN
From 6 case ADP
Public 4 nmod PROPN
, 10 punct PUNCT
Former 10 amod ADJ
Doctor 10 compound PROPN
Says 1 list PROPN says
. 1 punct PUNCT
""")
    quotes = extract_quotes(doc)
    check_invariants(doc, quotes)
    assert [(q.text, q.rule, span_text(doc, q.speaker), q.cue.text) for q in quotes] == [
        ("Kole Hid Health Problems From Public", "indirect:headline", "Former Doctor", "Says")]


def test_a_sentence_in_running_text_ending_in_says_is_not_a_headline_quote():
    text = "Kole hid the problems from the public, the doctor Says."
    doc = doc_of(text, """
Kole 0 root PROPN
hid 1 flat PROPN
the 4 det DET
problems 1 list PROPN
from 7 case ADP
the 7 det DET
public 4 nmod PROPN
, 11 punct PUNCT
the 10 det DET
doctor 11 compound PROPN
Says 1 list PROPN says
. 1 punct PUNCT
""")
    assert extract_quotes(doc) == []


def test_a_parse_with_a_head_cycle_gives_no_attribution_and_does_not_hang():
    text = '"We are close," Ryabkov said. Russia said talks would go on.'
    doc = doc_of(
        text,
        """
        "  4 punct PUNCT
        We  4 nsubj PRON
        are  4 cop AUX
        close  4 ccomp ADJ
        ,  4 punct PUNCT
        "  4 punct PUNCT
        Ryabkov  8 nsubj PROPN
        said  0 root VERB say
        .  8 punct PUNCT
        """,
        """
        Russia  2 nsubj PROPN
        said  0 root VERB say
        talks  5 nsubj NOUN
        would  5 aux AUX
        go  2 ccomp VERB
        on  5 compound:prt ADP
        .  2 punct PUNCT
        """,
    )
    quotes = extract_quotes(doc)  # the first sentence's "close" heads itself
    check_invariants(doc, quotes)
    assert [(q.text, span_text(doc, q.speaker)) for q in quotes] == [("talks would go on", "Russia")]
