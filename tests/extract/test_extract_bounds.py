"""Unit tests of the content-boundary rules of quote extraction.

Parses are written by hand, one word a line: ``form head deprel UPOS lemma
XPOS`` (heads as 1-based word numbers, ``-`` for no XPOS), because several
rules read the verb form (VBD, VBZ ...). Every parse is checked to be a tree
first: a head cycle gives no attribution at all, which would make a guard test
pass for the wrong reason.
"""

from __future__ import annotations

from quotetrack.extract import extract_quotes, is_tree
from quotetrack.parse import from_conllu
from quotetrack.records import ParsedDoc

from ..helpers import compact_conllu


def doc_of(text: str, *sentences: str) -> ParsedDoc:
    doc = from_conllu(text, compact_conllu(*sentences))
    for sent in doc.sentences:
        assert is_tree(sent), "the hand-written parse has a head cycle"
    assert " ".join(w.text for s in doc.sentences for w in s.words).replace(" ", "") == text.replace(" ", "")
    return doc


def contents(doc: ParsedDoc) -> list[tuple[str, str]]:
    quotes = extract_quotes(doc)
    for q in quotes:
        assert doc.text[q.start_char:q.end_char] == q.text
    return [(q.text, q.cue.text if q.cue else None) for q in quotes]


# --------------------------------------------------------------------------
# several ccomps of one cue are one clause
# --------------------------------------------------------------------------


def test_a_clause_cut_into_two_ccomps_is_one_content():
    # the parser hung the inner "that" clause on the outer cue
    text = "Kole notes that the board announced Friday that there was a problem."
    doc = doc_of(text, """
Kole 2 nsubj PROPN Kole NNP
notes 0 root VERB note VBZ
that 6 mark SCONJ that IN
the 5 det DET the DT
board 6 nsubj NOUN board NN
announced 2 ccomp VERB announce VBD
Friday 6 obl:tmod PROPN Friday NNP
that 10 mark SCONJ that IN
there 10 expl PRON there EX
was 2 ccomp AUX be VBD
a 12 det DET a DT
problem 10 nsubj NOUN problem NN
. 2 punct PUNCT . .
""")
    assert ("the board announced Friday that there was a problem", "notes") in contents(doc)


def test_two_ccomps_apart_stay_the_later_clause():
    # "said X; the aide said Y": the clauses do not touch, the cue keeps the nearest predicate
    text = "Kole said the plan works; aides, he said, were told so."
    doc = doc_of(text, """
Kole 2 nsubj PROPN Kole NNP
said 0 root VERB say VBD
the 4 det DET the DT
plan 5 nsubj NOUN plan NN
works 2 ccomp VERB work VBZ
; 2 punct PUNCT ; :
aides 13 nsubj:pass NOUN aide NNS
, 10 punct PUNCT , ,
he 10 nsubj PRON he PRP
said 13 parataxis VERB say VBD
, 10 punct PUNCT , ,
were 13 aux:pass AUX be VBD
told 2 ccomp VERB tell VBN
so 13 advmod ADV so RB
. 2 punct PUNCT . .
""")
    got = contents(doc)
    assert not any(t.startswith("the plan works; aides") for t, _ in got)


# --------------------------------------------------------------------------
# a content clause misparsed as a conjunct of the cue
# --------------------------------------------------------------------------


def test_a_that_clause_parsed_as_a_conjunct_of_the_cue_is_its_content():
    text = "Kole said in a letter that the ad suggests the police back him."
    doc = doc_of(text, """
Kole 2 nsubj PROPN Kole NNP
said 0 root VERB say VBD
in 5 case ADP in IN
a 5 det DET a DT
letter 2 obl NOUN letter NN
that 9 mark SCONJ that IN
the 8 det DET the DT
ad 9 nsubj NOUN ad NN
suggests 2 conj VERB suggest VBZ
the 11 det DET the DT
police 12 nsubj NOUN police NN
back 9 ccomp VERB back VBP
him 12 obj PRON he PRP
. 2 punct PUNCT . .
""")
    got = contents(doc)
    assert ("the ad suggests the police back him", "said") in got


def test_a_conjunct_after_and_that_is_not_the_cue_content():
    text = "Kole was named winner and that Lee conceded."
    doc = doc_of(text, """
Kole 3 nsubj:pass PROPN Kole NNP
was 3 aux:pass AUX be VBD
named 0 root VERB name VBN
winner 3 xcomp NOUN winner NN
and 8 cc CCONJ and CC
that 8 mark SCONJ that IN
Lee 8 nsubj PROPN Lee NNP
conceded 3 conj VERB concede VBD
. 3 punct PUNCT . .
""")
    assert all(t != "Lee conceded" or c != "named" for t, c in contents(doc))


# --------------------------------------------------------------------------
# a verb-phrase conjunct whose form continues the content
# --------------------------------------------------------------------------

SAID_AND = """
Kole 2 nsubj PROPN Kole NNP
said 0 root VERB say VBD
workers 4 nsubj NOUN worker NNS
make 2 ccomp VERB make VBP
$ 4 obj SYM $ $
12 5 nummod NUM 12 CD
and 8 cc CCONJ and CC
{verb} 2 conj VERB {lemma} {xpos}
bonuses 8 obj NOUN bonus NNS
. 2 punct PUNCT . .
"""


def test_a_present_conjunct_after_a_past_cue_continues_the_content():
    text = "Kole said workers make $12 and get bonuses."
    doc = doc_of(text, SAID_AND.format(verb="get", lemma="get", xpos="VBP"))
    assert contents(doc) == [("workers make $12 and get bonuses", "said")]


def test_a_past_conjunct_after_a_past_cue_is_the_speaker_s_own_act():
    text = "Kole said workers make $12 and got bonuses."
    doc = doc_of(text, SAID_AND.format(verb="got", lemma="get", xpos="VBD"))
    assert contents(doc) == [("workers make $12", "said")]


# --------------------------------------------------------------------------
# a trailing reporting participle closes the content
# --------------------------------------------------------------------------


def test_a_trailing_citing_clause_is_not_content():
    # the parser hung "citing" on a word of the content
    text = "Kole said the vote was close, citing the count in Ohio."
    doc = doc_of(text, """
Kole 2 nsubj PROPN Kole NNP
said 0 root VERB say VBD
the 4 det DET the DT
vote 6 nsubj NOUN vote NN
was 6 cop AUX be VBD
close 2 ccomp ADJ close JJ
, 8 punct PUNCT , ,
citing 6 advcl VERB cite VBG
the 10 det DET the DT
count 8 obj NOUN count NN
in 12 case ADP in IN
Ohio 10 nmod PROPN Ohio NNP
. 2 punct PUNCT . .
""")
    assert contents(doc) == [("the vote was close", "said")]


def test_a_participle_that_does_not_report_stays_in_the_content():
    text = "Kole said the vote was close, leaving the count in doubt."
    doc = doc_of(text, """
Kole 2 nsubj PROPN Kole NNP
said 0 root VERB say VBD
the 4 det DET the DT
vote 6 nsubj NOUN vote NN
was 6 cop AUX be VBD
close 2 ccomp ADJ close JJ
, 8 punct PUNCT , ,
leaving 6 advcl VERB leave VBG
the 10 det DET the DT
count 8 obj NOUN count NN
in 12 case ADP in IN
doubt 8 obl NOUN doubt NN
. 2 punct PUNCT . .
""")
    assert contents(doc) == [("the vote was close, leaving the count in doubt", "said")]


# --------------------------------------------------------------------------
# a speech verb in a subordinate clause of the content stays in it
# --------------------------------------------------------------------------


def test_a_because_clause_with_a_speech_verb_stays_in_the_content():
    text = "Kole said he could not answer because aides asked late."
    doc = doc_of(text, """
Kole 2 nsubj PROPN Kole NNP
said 0 root VERB say VBD
he 6 nsubj PRON he PRP
could 6 aux AUX could MD
not 6 advmod PART not RB
answer 2 ccomp VERB answer VB
because 9 mark SCONJ because IN
aides 9 nsubj NOUN aide NNS
asked 6 advcl VERB ask VBD
late 9 advmod ADV late RB
. 2 punct PUNCT . .
""")
    assert ("he could not answer because aides asked late", "said") in contents(doc)


def test_a_concessive_report_set_off_by_a_comma_is_its_own_quote():
    text = "Kole said the plan works, though Lee acknowledged it was late."
    doc = doc_of(text, """
Kole 2 nsubj PROPN Kole NNP
said 0 root VERB say VBD
the 4 det DET the DT
plan 5 nsubj NOUN plan NN
works 2 ccomp VERB work VBZ
, 9 punct PUNCT , ,
though 9 mark SCONJ though IN
Lee 9 nsubj PROPN Lee NNP
acknowledged 5 advcl VERB acknowledge VBD
it 12 nsubj PRON it PRP
was 12 cop AUX be VBD
late 9 ccomp ADJ late JJ
. 2 punct PUNCT . .
""")
    got = contents(doc)
    assert ("the plan works", "said") in got
    assert ("it was late", "acknowledged") in got


# --------------------------------------------------------------------------
# the subject of the content hung on "say" as an indirect object
# --------------------------------------------------------------------------


def test_a_content_subject_parsed_as_iobj_of_say_is_content():
    text = "Kole said the talks on the budget would be hard."
    doc = doc_of(text, """
Kole 2 nsubj PROPN Kole NNP
said 0 root VERB say VBD
the 4 det DET the DT
talks 2 iobj NOUN talk NNS
on 7 case ADP on IN
the 7 det DET the DT
budget 4 nmod NOUN budget NN
would 10 aux AUX would MD
be 10 cop AUX be VB
hard 2 ccomp ADJ hard JJ
. 2 punct PUNCT . .
""")
    assert contents(doc) == [("the talks on the budget would be hard", "said")]


def test_the_addressee_of_tell_is_not_the_content_subject():
    text = "Kole told the aides it would be hard."
    doc = doc_of(text, """
Kole 2 nsubj PROPN Kole NNP
told 0 root VERB tell VBD
the 4 det DET the DT
aides 2 iobj NOUN aide NNS
it 8 nsubj PRON it PRP
would 8 aux AUX would MD
be 8 cop AUX be VB
hard 2 ccomp ADJ hard JJ
. 2 punct PUNCT . .
""")
    assert contents(doc) == [("it would be hard", "told")]


# --------------------------------------------------------------------------
# a subject before a parenthetical cue
# --------------------------------------------------------------------------

INTERRUPTED = """
The 2 det DET the DT
{noun} 6 nsubj NOUN {noun} NN
, 2 punct PUNCT , ,
Mr. 5 compound PROPN Mr. NNP
Kole 6 nsubj PROPN Kole NNP
said 0 root VERB say VBD
, 6 punct PUNCT , ,
would 9 aux AUX would MD
open 6 ccomp VERB open VB
soon 9 advmod ADV soon RB
. 6 punct PUNCT . .
"""


def test_the_subject_before_a_parenthetical_cue_is_the_first_piece_of_the_content():
    text = "The museum, Mr. Kole said, would open soon."
    doc = doc_of(text, INTERRUPTED.format(noun="museum"))
    quotes = extract_quotes(doc)
    got = [(q.text, q.rule) for q in quotes]
    assert got == [("The museum", "indirect:interrupted"), ("would open soon", "indirect:ccomp")]
    assert quotes[1].continues == 0


def test_a_time_before_a_parenthetical_cue_is_not_content():
    text = "The week, Mr. Kole said, would open soon."
    doc = doc_of(text, INTERRUPTED.format(noun="week"))
    assert [q.text for q in extract_quotes(doc)] == ["would open soon"]


# --------------------------------------------------------------------------
# fronted content found by position must be a clause
# --------------------------------------------------------------------------


def test_a_fronted_phrase_without_a_finite_verb_is_not_content():
    text = "In interviews last week, Kole denied the rules."
    doc = doc_of(text, """
In 2 case ADP in IN
interviews 7 obl NOUN interview NNS
last 4 amod ADJ last JJ
week 2 nmod:tmod NOUN week NN
, 2 punct PUNCT , ,
Kole 7 nsubj PROPN Kole NNP
denied 0 root VERB deny VBD
the 9 det DET the DT
rules 7 obj NOUN rule NNS
. 7 punct PUNCT . .
""")
    assert contents(doc) == [("the rules", "denied")]


def test_a_fronted_clause_found_by_position_is_content():
    # the parser left the clause unlinked to the cue (a second root's dependents)
    text = "The rules are unfair, Kole complained on Monday."
    doc = doc_of(text, """
The 2 det DET the DT
rules 4 nsubj NOUN rule NNS
are 4 cop AUX be VBP
unfair 7 dep ADJ unfair JJ
, 4 punct PUNCT , ,
Kole 7 nsubj PROPN Kole NNP
complained 0 root VERB complain VBD
on 9 case ADP on IN
Monday 7 obl PROPN Monday NNP
. 7 punct PUNCT . .
""")
    assert contents(doc) == [("The rules are unfair", "complained")]


# --------------------------------------------------------------------------
# a that-clause stranded after a content ending in a bare verb
# --------------------------------------------------------------------------

STRANDED = """
Kole 2 nsubj PROPN Kole NNP
said 0 root VERB say VBD
he 4 nsubj PRON he PRP
thought 2 ccomp VERB think VBD
{that} 8 mark SCONJ {that} IN
drugs 8 nsubj NOUN drug NNS
were 8 cop AUX be VBD
factor 2 parataxis NOUN factor NN
. 2 punct PUNCT . .
"""


def test_a_that_clause_hung_on_the_main_verb_joins_a_content_ending_in_a_verb():
    text = "Kole said he thought that drugs were factor."
    doc = doc_of(text, STRANDED.format(that="that"))
    assert ("he thought that drugs were factor", "said") in contents(doc)


def test_a_clause_after_the_content_without_that_is_not_joined():
    text = "Kole said he thought when drugs were factor."
    doc = doc_of(text, STRANDED.format(that="when"))
    assert ("he thought", "said") in contents(doc)


# --------------------------------------------------------------------------
# "called X Y": the name after the named noun
# --------------------------------------------------------------------------


def test_an_adjective_after_the_object_of_called_is_the_name():
    text = "Kole called the charges baseless."
    doc = doc_of(text, """
Kole 2 nsubj PROPN Kole NNP
called 0 root VERB call VBD
the 4 det DET the DT
charges 2 obj NOUN charge NNS
baseless 4 amod ADJ baseless JJ
. 2 punct PUNCT . .
""")
    assert contents(doc) == [("the charges baseless", "called")]


def test_a_group_called_by_a_name_is_not_speech():
    text = "A group called Lee funded by Kole met."
    doc = doc_of(text, """
A 2 det DET a DT
group 8 nsubj NOUN group NN
called 2 acl VERB call VBN
Lee 3 obj PROPN Lee NNP
funded 4 acl VERB fund VBN
by 7 case ADP by IN
Kole 5 obl:agent PROPN Kole NNP
met 0 root VERB meet VBD
. 8 punct PUNCT . .
""")
    assert contents(doc) == []


def test_a_determined_noun_without_a_preposition_after_the_object_is_the_name():
    text = "Kole called her vote in favor of the war a mistake."
    doc = doc_of(text, """
Kole 2 nsubj PROPN Kole NNP
called 0 root VERB call VBD
her 4 nmod:poss PRON she PRP$
vote 2 obj NOUN vote NN
in 6 case ADP in IN
favor 2 obl NOUN favor NN
of 9 case ADP of IN
the 9 det DET the DT
war 6 nmod NOUN war NN
a 11 det DET a DT
mistake 6 nmod NOUN mistake NN
. 2 punct PUNCT . .
""")
    assert contents(doc) == [("her vote in favor of the war a mistake", "called")]


# --------------------------------------------------------------------------
# infinitives and subordinate clauses of speech verbs inside the content
# --------------------------------------------------------------------------

FAILED_TO = """
Kole 2 nsubj PROPN Kole NNP
said 0 root VERB say VBD
the 4 det DET the DT
aides 2 obj NOUN aide NNS
failed 4 acl:relcl VERB fail VBD
to 7 mark PART to TO
note 5 xcomp VERB note VB
that 11 mark SCONJ that IN
the 10 det DET the DT
plan 11 nsubj NOUN plan NN
works 7 ccomp VERB work VBZ
. 2 punct PUNCT . .
"""


def test_an_infinitive_speech_verb_does_not_end_a_content_found_by_position():
    text = "Kole said the aides failed to note that the plan works."
    doc = doc_of(text, FAILED_TO)
    assert ("the aides failed to note that the plan works", "said") in contents(doc)


def test_a_finite_speech_verb_after_a_comma_ends_a_content_found_by_position():
    text = "Kole said the aides failed, Lee noted."
    doc = doc_of(text, """
Kole 2 nsubj PROPN Kole NNP
said 0 root VERB say VBD
the 4 det DET the DT
aides 2 obj NOUN aide NNS
failed 4 acl:relcl VERB fail VBD
, 8 punct PUNCT , ,
Lee 8 nsubj PROPN Lee NNP
noted 2 parataxis VERB note VBD
. 2 punct PUNCT . .
""")
    assert ("the aides failed", "said") in contents(doc)


ADDING = """
Kole 2 nsubj PROPN Kole NNP
said 0 root VERB say VBD
the 4 det DET the DT
firm 5 nsubj NOUN firm NN
cut 2 ccomp VERB cut VBD
costs 5 obj NOUN cost NNS
{lead} 8 {lead_rel} {lead_pos} {lead} {lead_x}
adding 5 advcl VERB add VBG
"""


def test_a_speech_verb_after_by_is_part_of_the_content():
    text = "Kole said the firm cut costs by adding staff."
    doc = doc_of(text, ADDING.format(lead="by", lead_rel="mark", lead_pos="SCONJ", lead_x="IN") + """
staff 8 obj NOUN staff NN
. 2 punct PUNCT . .
""")
    assert contents(doc) == [("the firm cut costs by adding staff", "said")]


def test_adding_after_a_comma_is_a_report_of_its_own():
    text = "Kole said the firm cut costs , adding that it works."
    doc = doc_of(text, ADDING.format(lead=",", lead_rel="punct", lead_pos="PUNCT", lead_x=",") + """
that 11 mark SCONJ that IN
it 11 nsubj PRON it PRP
works 8 ccomp VERB work VBZ
. 2 punct PUNCT . .
""")
    assert contents(doc) == [("the firm cut costs", "said"), ("it works", "adding")]


def test_a_parenthetical_cue_with_its_own_clause_inside_a_noun_phrase_stays_in_the_content():
    # "the money he says he raised": the parser made "says" a parataxis of the outer cue
    text = "Kole said he will spend the money Lee says he raised."
    doc = doc_of(text, """
Kole 2 nsubj PROPN Kole NNP
said 0 root VERB say VBD
he 5 nsubj PRON he PRP
will 5 aux AUX will MD
spend 2 ccomp VERB spend VB
the 7 det DET the DT
money 5 obj NOUN money NN
Lee 9 nsubj PROPN Lee NNP
says 7 parataxis VERB say VBZ
he 11 nsubj PRON he PRP
raised 9 ccomp VERB raise VBD
. 2 punct PUNCT . .
""")
    assert ("he will spend the money Lee says he raised", "said") in contents(doc)


# --------------------------------------------------------------------------
# a phrase before a framed quote, set off by a comma
# --------------------------------------------------------------------------

LEAD = """
{w1} {h1} {d1} {u1} {l1} {x1}
{w2} 10 {d2} {u2} {l2} {x2}
, 10 punct PUNCT , ,
" 6 punct PUNCT " ``
we 6 nsubj PRON we PRP
win 10 ccomp VERB win VBP
, 6 punct PUNCT , ,
" 6 punct PUNCT " ''
Kole 10 nsubj PROPN Kole NNP
said 0 root VERB say VBD
. 10 punct PUNCT . .
"""


def test_a_phrase_set_off_by_a_comma_before_the_marks_is_the_reporter_s_framing():
    text = 'In Iowa, "we win," Kole said.'
    doc = doc_of(text, LEAD.format(w1="In", h1=2, d1="case", u1="ADP", l1="in", x1="IN",
                                   w2="Iowa", d2="obl", u2="PROPN", l2="Iowa", x2="NNP"))
    quotes = extract_quotes(doc)
    assert [(q.text, q.kind) for q in quotes] == [("we win,", "direct")]


def test_a_clause_before_the_marks_is_not_part_of_a_framed_quote():
    text = 'Fans chanted, "we win," Kole said.'
    doc = doc_of(text, LEAD.format(w1="Fans", h1=2, d1="nsubj", u1="NOUN", l1="fan", x1="NNS",
                                   w2="chanted", d2="parataxis", u2="VERB", l2="chant", x2="VBD"))
    quotes = extract_quotes(doc)
    assert [(q.text, q.kind) for q in quotes] == [("we win,", "direct")]


# --------------------------------------------------------------------------
# a content cut off by a sentence split
# --------------------------------------------------------------------------

SPLIT_FIRST = """
Kole 2 nsubj PROPN Kole NNP
said 0 root VERB say VBD
the 4 det DET the DT
tweet 7 nsubj NOUN tweet NN
was 7 cop AUX be VBD
" 7 punct PUNCT " ``
mocking 2 ccomp VERB mock VBG
" 7 punct PUNCT " ''
"""


def test_a_content_runs_on_across_a_sentence_split_after_a_closing_mark():
    text = 'Kole said the tweet was "mocking" Lee for his remarks.'
    doc = doc_of(text, SPLIT_FIRST, """
Lee 0 root PROPN Lee NNP
for 4 case ADP for IN
his 4 nmod:poss PRON he PRP$
remarks 1 nmod NOUN remark NNS
. 1 punct PUNCT . .
""")
    quotes = extract_quotes(doc)
    assert [q.text for q in quotes] == ['the tweet was "mocking" Lee for his remarks']


def test_a_new_sentence_after_a_full_stop_is_not_content():
    text = 'Kole said the tweet was "mocking." Lee spoke of his remarks.'
    doc = doc_of(text, SPLIT_FIRST.replace('" 7 punct PUNCT " \'\'', '. 2 punct PUNCT . .\n" 2 punct PUNCT " \'\''), """
Lee 2 nsubj PROPN Lee NNP
spoke 0 root VERB speak VBD
of 5 case ADP of IN
his 5 nmod:poss PRON he PRP$
remarks 2 obl NOUN remark NNS
. 2 punct PUNCT . .
""")
    quotes = extract_quotes(doc)
    assert 'the tweet was "mocking' in [q.text for q in quotes]
    assert not any("Lee spoke" in q.text for q in quotes)


# --------------------------------------------------------------------------
# a time clause after the cue is not what was said; credit lines
# --------------------------------------------------------------------------

TIME_CLAUSE = """
Kole 2 nsubj PROPN Kole NNP
{cue} 0 root VERB {lemma} VBD
{opener} 5 {rel} {upos} {opener} {x}
he 5 nsubj PRON he PRP
{verb} 2 ccomp VERB {vlemma} VBD
. 2 punct PUNCT . .
"""


def test_a_before_clause_after_said_is_not_content():
    text = "Kole said before he died."
    doc = doc_of(text, TIME_CLAUSE.format(cue="said", lemma="say", opener="before", rel="mark",
                                          upos="SCONJ", x="IN", verb="died", vlemma="die"))
    assert contents(doc) == []


def test_a_when_question_after_asked_is_content():
    text = "Kole asked when he left."
    doc = doc_of(text, TIME_CLAUSE.format(cue="asked", lemma="ask", opener="when", rel="advmod",
                                          upos="ADV", x="WRB", verb="left", vlemma="leave"))
    assert contents(doc) == [("when he left", "asked")]


def test_a_credit_line_is_not_a_quote():
    text = "(Reporting by Ann Lee; Editing by Bo Kole)"
    doc = doc_of(text, """
( 2 punct PUNCT ( -LRB-
Reporting 0 root VERB report VBG
by 5 case ADP by IN
Ann 5 compound PROPN Ann NNP
Lee 2 obl PROPN Lee NNP
; 7 punct PUNCT ; ,
Editing 2 parataxis VERB edit VBG
by 10 case ADP by IN
Bo 10 compound PROPN Bo NNP
Kole 7 obl PROPN Kole NNP
) 2 punct PUNCT ) -RRB-
""")
    assert contents(doc) == []


def test_speak_takes_no_content_clause():
    text = "Kole spoke as the crowd cheered."
    doc = doc_of(text, """
Kole 2 nsubj PROPN Kole NNP
spoke 0 root VERB speak VBD
as 6 mark SCONJ as IN
the 5 det DET the DT
crowd 6 nsubj NOUN crowd NN
cheered 2 ccomp VERB cheer VBD
. 2 punct PUNCT . .
""")
    assert contents(doc) == []


def test_speak_about_a_topic_is_a_quote_only_with_quoted_words():
    """What someone spoke about is no report of what was said (verbs.csv
    ``quoted_object``), unless the words are quoted: a mixed quote."""
    text = "Kole spoke about the budget."
    doc = doc_of(text, """
Kole 2 nsubj PROPN Kole NNP
spoke 0 root VERB speak VBD
about 5 case ADP about IN
the 5 det DET the DT
budget 2 obl NOUN budget NN
. 2 punct PUNCT . .
""")
    assert contents(doc) == []
    text = 'Kole spoke about the "crazy" budget.'
    doc = doc_of(text, """
Kole 2 nsubj PROPN Kole NNP
spoke 0 root VERB speak VBD
about 8 case ADP about IN
the 8 det DET the DT
" 6 punct PUNCT
crazy 8 amod ADJ crazy JJ
" 6 punct PUNCT
budget 2 obl NOUN budget NN
. 2 punct PUNCT . .
""")
    assert contents(doc) == [('the "crazy" budget', "spoke")]
    assert extract_quotes(doc)[0].rule == "mixed:indirect:object"


def test_a_relative_clause_on_the_addressee_is_not_content():
    text = "Kole told Lee, who would call Bo."
    doc = doc_of(text, """
Kole 2 nsubj PROPN Kole NNP
told 0 root VERB tell VBD
Lee 2 obj PROPN Lee NNP
, 3 punct PUNCT , ,
who 7 nsubj PRON who WP
would 7 aux AUX would MD
call 3 acl:relcl VERB call VB
Bo 7 obj PROPN Bo NNP
. 2 punct PUNCT . .
""")
    assert ("who would call Bo", "told") not in contents(doc)


def test_an_indirect_question_after_explain_is_content():
    text = "Kole explained who Lee was."
    doc = doc_of(text, """
Kole 2 nsubj PROPN Kole NNP
explained 0 root VERB explain VBD
who 5 obj PRON who WP
Lee 5 nsubj PROPN Lee NNP
was 2 ccomp AUX be VBD
. 2 punct PUNCT . .
""")
    assert contents(doc) == [("who Lee was", "explained")]


PARATAXIS = """
The 2 det DET the DT
debate 4 nsubj NOUN debate NN
is 4 cop AUX be VBZ
predictable 0 root ADJ predictable JJ
{sep} 7 punct PUNCT {sep} {sepx}
Kole 7 nsubj PROPN Kole NNP
{cue} 4 parataxis VERB {lemma} VBD
"""


def test_a_cue_clause_with_its_own_complement_does_not_report_the_clause_before():
    text = "The debate is predictable - Kole vowed to win."
    doc = doc_of(text, PARATAXIS.format(sep="-", sepx=":", cue="vowed", lemma="vow") + """
to 9 mark PART to TO
win 7 xcomp VERB win VB
. 4 punct PUNCT . .
""")
    assert contents(doc) == [("to win", "vowed")]


def test_a_cue_clause_after_its_content_reports_it():
    text = "The debate is predictable, Kole said."
    doc = doc_of(text, PARATAXIS.format(sep=",", sepx=",", cue="said", lemma="say") + """
. 4 punct PUNCT . .
""")
    assert contents(doc) == [("The debate is predictable", "said")]


# --------------------------------------------------------------------------
# a content after its cue ends at a semicolon
# --------------------------------------------------------------------------

SEMI = """
Kole 2 nsubj PROPN Kole NNP
said 0 root VERB say VBD
the 4 det DET the DT
timing 6 nsubj NOUN timing NN
was 6 cop AUX be VBD
wrong 2 ccomp ADJ wrong JJ
{sep} 9 punct PUNCT {sep} {sepx}
they 9 nsubj PRON they PRP
learned 6 {rel} VERB learn VBD
late 9 advmod ADV late RB
. 2 punct PUNCT . .
"""


def test_a_content_after_its_cue_ends_at_a_semicolon():
    text = "Kole said the timing was wrong; they learned late."
    doc = doc_of(text, SEMI.format(sep=";", sepx=":", rel="parataxis"))
    assert contents(doc) == [("the timing was wrong", "said")]


def test_a_content_runs_on_over_a_comma_and_a_coordinated_clause():
    text = "Kole said the timing was wrong and they learned late."
    doc = doc_of(text, SEMI.format(sep="and", sepx="CC", rel="conj").replace(
        "and 9 punct PUNCT and CC", "and 9 cc CCONJ and CC"))
    assert contents(doc) == [("the timing was wrong and they learned late", "said")]


# --------------------------------------------------------------------------
# a quote continuing a framed quote, past a report in the frame
# --------------------------------------------------------------------------


def test_a_quote_after_a_frame_with_a_participle_continues_the_framed_quote():
    text = '"We win," said Kole, speaking of the vote. "We won it easily."'
    doc = doc_of(text, """
" 3 punct PUNCT " ``
We 3 nsubj PRON we PRP
win 6 ccomp VERB win VBP
, 3 punct PUNCT , ,
" 3 punct PUNCT " ''
said 0 root VERB say VBD
Kole 6 iobj PROPN Kole NNP
, 9 punct PUNCT , ,
speaking 6 ccomp VERB speak VBG
of 12 case ADP of IN
the 12 det DET the DT
vote 9 obl NOUN vote NN
. 6 punct PUNCT . .
""", """
" 3 punct PUNCT " ``
We 3 nsubj PRON we PRP
won 0 root VERB win VBD
it 3 obj PRON it PRP
easily 3 advmod ADV easily RB
. 3 punct PUNCT . .
" 3 punct PUNCT " ''
""")
    quotes = extract_quotes(doc)
    got = [(q.text, q.rule, q.continues) for q in quotes]
    assert got[0] == ("We win,", "direct:cue-after", None)
    assert got[-1] == ("We won it easily.", "direct:continuation", 0)


def test_the_addressee_of_a_fronted_report_is_not_a_complement():
    text = "The debate is predictable, Kole told Lee."
    doc = doc_of(text, PARATAXIS.format(sep=",", sepx=",", cue="told", lemma="tell") + """
Lee 7 obj PROPN Lee NNP
. 4 punct PUNCT . .
""")
    assert contents(doc) == [("The debate is predictable", "told")]


# --------------------------------------------------------------------------
# a noun conjunct hung on the cue continues a noun-phrase content
# --------------------------------------------------------------------------

CALL_FOR = """
Kole 2 nsubj PROPN Kole NNP
called 0 root VERB call VBD
for 5 case ADP for IN
more 5 amod ADJ more JJR
spending 2 obl NOUN spending NN
and {h} cc CCONJ and CC
"""


def test_a_noun_conjunct_of_the_cue_is_more_of_a_noun_phrase_content():
    text = "Kole called for more spending and an end to cuts."
    doc = doc_of(text, CALL_FOR.format(h=8) + """
an 8 det DET a DT
end 2 conj NOUN end NN
to 10 case ADP to IN
cuts 8 nmod NOUN cut NNS
. 2 punct PUNCT . .
""")
    assert contents(doc) == [("more spending and an end to cuts", "called")]


def test_a_verb_conjunct_of_the_cue_is_not_part_of_a_noun_phrase_content():
    text = "Kole called for more spending and left early."
    doc = doc_of(text, CALL_FOR.format(h=7) + """
left 2 conj VERB leave VBD
early 7 advmod ADV early RB
. 2 punct PUNCT . .
""")
    assert contents(doc) == [("more spending", "called")]


# --------------------------------------------------------------------------
# "According to X, Y said Z": both reports are quotes
# --------------------------------------------------------------------------

ACCORDING = """
According 3 case VERB accord VBG
to 1 fixed ADP to IN
Lee 6 obl PROPN Lee NNP
, 3 punct PUNCT , ,
Kole 6 nsubj PROPN Kole NNP
said 0 root VERB say VBD
the 8 det DET the DT
plan 9 nsubj NOUN plan NN
works 6 ccomp VERB work VBZ
. 6 punct PUNCT . .
"""


def test_according_to_over_a_reported_clause_is_the_one_quote_of_it():
    """One statement, one quote: the outer report (as PolNeAR annotates it), not
    the report it reports as well (as with another verb, below)."""
    text = "According to Lee, Kole said the plan works."
    doc = doc_of(text, ACCORDING)
    assert contents(doc) == [("Kole said the plan works", "According to")]


def test_a_report_inside_the_content_of_another_verb_gives_one_quote():
    text = "Ann said Kole said the plan works."
    doc = doc_of(text, """
Ann 2 nsubj PROPN Ann NNP
said 0 root VERB say VBD
Kole 4 nsubj PROPN Kole NNP
said 2 ccomp VERB say VBD
the 6 det DET the DT
plan 7 nsubj NOUN plan NN
works 4 ccomp VERB work VBZ
. 2 punct PUNCT . .
""")
    assert contents(doc) == [("Kole said the plan works", "said")]


# --------------------------------------------------------------------------
# a that-clause hung on a noun of the cue's modifiers
# --------------------------------------------------------------------------

AT_EVENT = """
Kole 2 nsubj PROPN Kole NNP
said 0 root VERB say VBD
at 5 case ADP at IN
an 5 det DET a DT
event 2 obl NOUN event NN
that 9 {rel} {upos} that {x}
{w7} {h7} {d7} {u7} {l7} {x7}
had 9 aux AUX have VBD
won 5 acl:relcl VERB win VBN
. 2 punct PUNCT . .
"""


def test_a_that_clause_parsed_as_a_relative_clause_of_a_modifier_is_the_content():
    text = "Kole said at an event that Lee had won."
    doc = doc_of(text, AT_EVENT.format(rel="mark", upos="SCONJ", x="IN",
                                       w7="Lee", h7=9, d7="nsubj", u7="PROPN", l7="Lee", x7="NNP"))
    assert contents(doc) == [("Lee had won", "said")]


def test_a_real_relative_clause_on_a_modifier_is_not_the_content():
    text = "Kole said at an event that Lee had won."
    doc = doc_of(text, AT_EVENT.format(rel="obj", upos="PRON", x="WDT",
                                       w7="Lee", h7=9, d7="nsubj", u7="PROPN", l7="Lee", x7="NNP"))
    assert ("Lee had won", "said") not in contents(doc)


# --------------------------------------------------------------------------
# a content that ends inside a quote runs to the quote's end
# --------------------------------------------------------------------------


def test_a_content_cut_inside_quote_marks_runs_to_the_closing_mark():
    text = 'Kole said the media focus on "he said this, he tweeted that."'
    doc = doc_of(text, """
Kole 2 nsubj PROPN Kole NNP
said 0 root VERB say VBD
the 4 det DET the DT
media 5 nsubj NOUN media NNS
focus 2 ccomp VERB focus VBP
on 9 mark SCONJ on IN
" 9 punct PUNCT " ``
he 9 nsubj PRON he PRP
said 5 advcl VERB say VBD
this 9 obj PRON this DT
, 13 punct PUNCT , ,
he 13 nsubj PRON he PRP
tweeted 2 parataxis VERB tweet VBD
that 13 obj PRON that DT
. 2 punct PUNCT . .
" 2 punct PUNCT " ''
""")
    quotes = extract_quotes(doc)
    assert [(q.kind, q.text) for q in quotes] == [
        ("mixed", 'the media focus on "he said this, he tweeted that.')]


def test_a_content_ending_at_the_last_quoted_word_keeps_its_end():
    text = 'Kole called the plan "a mess."'
    doc = doc_of(text, """
Kole 2 nsubj PROPN Kole NNP
called 0 root VERB call VBD
the 4 det DET the DT
plan 2 obj NOUN plan NN
" 7 punct PUNCT " ``
a 7 det DET a DT
mess 2 obj NOUN mess NN
. 2 punct PUNCT . .
" 2 punct PUNCT " ''
""")
    quotes = extract_quotes(doc)
    assert [(q.kind, q.text) for q in quotes] == [("mixed", 'the plan "a mess')]


def test_the_cue_s_own_modifiers_may_stand_before_the_comma_of_a_parenthetical_cue():
    text = "The aides, Kole explained on Monday, were well paid."
    doc = doc_of(text, """
The 2 det DET the DT
aides 5 nsubj NOUN aide NNS
, 2 punct PUNCT , ,
Kole 5 nsubj PROPN Kole NNP
explained 0 root VERB explain VBD
on 7 case ADP on IN
Monday 5 obl PROPN Monday NNP
, 5 punct PUNCT , ,
were 11 cop AUX be VBD
well 11 advmod ADV well RB
paid 5 ccomp ADJ paid JJ
. 5 punct PUNCT . .
""")
    quotes = extract_quotes(doc)
    assert [(q.text, q.rule) for q in quotes] == [
        ("The aides", "indirect:interrupted"), ("were well paid", "indirect:ccomp")]
    assert quotes[1].continues == 0


# --------------------------------------------------------------------------
# a quoted fragment after its cue that the sentence runs on from
# --------------------------------------------------------------------------

FRAGMENT = """
Kole 2 nsubj PROPN Kole NNP
reported 0 root VERB report VBD
" 5 punct PUNCT " ``
{w4} 5 nummod NUM {w4} CD
incidents 2 obj NOUN incident NNS
{p6} 5 punct PUNCT {p6} ''
"""


def test_a_quoted_fragment_the_sentence_runs_on_from_starts_a_mixed_quote():
    text = 'Kole reported "2,521 incidents" in the city since May.'
    doc = doc_of(text, FRAGMENT.format(w4="2,521", p6='"') + """
in 9 case ADP in IN
the 9 det DET the DT
city 2 obl NOUN city NN
since 11 case ADP since IN
May 2 obl PROPN May NNP
. 2 punct PUNCT . .
""")
    quotes = extract_quotes(doc)
    assert [(q.kind, q.text, q.rule) for q in quotes] == [
        ("mixed", '"2,521 incidents" in the city since May', "mixed:direct:cue-before")]


def test_a_quoted_fragment_closing_its_sentence_stays_direct():
    text = 'Kole reported "2,521 incidents."'
    doc = doc_of(text, FRAGMENT.replace("{p6} 5 punct PUNCT {p6} ''", ". 2 punct PUNCT . .\n\" 2 punct PUNCT \" ''").format(
        w4="2,521"))
    quotes = extract_quotes(doc)
    assert [(q.kind, q.text) for q in quotes] == [("direct", "2,521 incidents.")]


def test_a_content_runs_on_across_a_split_after_an_abbreviation():
    text = "Kole asked who gets up at 3 a.m. to send tweets."
    doc = doc_of(text, """
Kole 2 nsubj PROPN Kole NNP
asked 0 root VERB ask VBD
who 4 nsubj PRON who WP
gets 2 ccomp VERB get VBZ
up 4 compound:prt ADP up RP
at 7 case ADP at IN
3 4 obl NUM 3 CD
a.m. 7 nmod NOUN a.m. NN
""", """
to 2 mark PART to TO
send 0 root VERB send VB
tweets 2 obj NOUN tweet NNS
. 2 punct PUNCT . .
""")
    assert contents(doc) == [("who gets up at 3 a.m. to send tweets", "asked")]


# --------------------------------------------------------------------------
# speakers the parser left without a place
# --------------------------------------------------------------------------


def speakers(doc: ParsedDoc) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker.text if q.speaker else None) for q in extract_quotes(doc)]


def test_a_name_parsed_into_the_content_before_a_perfect_cue_is_the_speaker():
    # the sample corpus: the name hung on the content's subject as a conjunct
    text = "Russia and Turkey are close to a deal, Deputy Minister Sergei Ryabkov has said."
    doc = doc_of(text, """
Russia 5 nsubj PROPN Russia NNP
and 3 cc CCONJ and CC
Turkey 1 conj PROPN Turkey NNP
are 5 cop AUX be VBP
close 0 root ADJ close JJ
to 8 case ADP to IN
a 8 det DET a DT
deal 5 obl NOUN deal NN
, 12 punct PUNCT , ,
Deputy 11 compound PROPN Deputy NNP
Minister 12 compound PROPN Minister NNP
Sergei 1 conj PROPN Sergei NNP
Ryabkov 12 flat PROPN Ryabkov NNP
has 15 aux AUX have VBZ
said 5 parataxis VERB say VBN
. 15 punct PUNCT . .
""")
    assert speakers(doc) == [("Russia and Turkey are close to a deal", "Deputy Minister Sergei Ryabkov")]


def test_a_common_noun_list_before_a_cue_is_not_taken_for_a_speaker():
    # "…, bread and milk, he has said" misparsed without the subject: no name, no speaker
    text = "They lack water, bread and milk, has said."
    doc = doc_of(text, """
They 2 nsubj PRON they PRP
lack 0 root VERB lack VBP
water 2 obj NOUN water NN
, 5 punct PUNCT , ,
bread 3 conj NOUN bread NN
and 7 cc CCONJ and CC
milk 3 conj NOUN milk NN
, 10 punct PUNCT , ,
has 10 aux AUX have VBZ
said 2 parataxis VERB say VBN
. 2 punct PUNCT . .
""")
    assert all(speaker is None for _, speaker in speakers(doc))


def test_the_subject_before_a_perfect_cue_is_found_past_its_relative_clause():
    text = "One official, who declined to be named, has conceded that talks failed."
    doc = doc_of(text, """
One 2 nummod NUM one CD
official 11 dep NOUN official NN
, 5 punct PUNCT , ,
who 5 nsubj PRON who WP
declined 2 acl:relcl VERB decline VBD
to 8 mark PART to TO
be 8 aux:pass AUX be VB
named 5 xcomp VERB name VBN
, 11 punct PUNCT , ,
has 11 aux AUX have VBZ
conceded 0 root VERB concede VBN
that 14 mark SCONJ that IN
talks 14 nsubj NOUN talk NNS
failed 11 ccomp VERB fail VBD
. 11 punct PUNCT . .
""")
    assert speakers(doc) == [("talks failed", "One official")]


CLOSING_REPORT = """
Ryabkov 2 nsubj PROPN Ryabkov NNP
said 0 root VERB say VBD
talks 5 nsubj NOUN talk NNS
would 5 aux AUX would MD
continue 2 ccomp VERB continue VB
{sep} 8 punct PUNCT {sep} ,
RIA 8 nsubj PROPN RIA NNP
reported 2 ccomp VERB report VBD
. 2 punct PUNCT . .
"""


def test_a_closing_report_misread_as_a_second_content_clause_is_the_outlet():
    # the sample corpus: "…, RIA reported." hung on "said" as a second ccomp
    text = "Ryabkov said talks would continue, RIA reported."
    doc = doc_of(text, CLOSING_REPORT.format(sep=","))
    quotes = [q for q in extract_quotes(doc) if q.cue.text == "said"]
    assert [(q.text, q.speaker.text, q.via_outlet.text if q.via_outlet else None) for q in quotes] == [
        ("talks would continue", "Ryabkov", "RIA")]


def test_a_report_inside_the_content_stays_content():
    # no comma: "said talks would continue and RIA reported" is one clause he reported
    text = "Ryabkov said talks would continue and RIA reported."
    doc = doc_of(text, CLOSING_REPORT.format(sep="and").replace("and 8 punct PUNCT and ,", "and 8 cc CCONJ and CC"))
    assert ("talks would continue and RIA reported", "said") in contents(doc)


def test_a_clause_set_off_by_a_comma_deep_in_the_speaker_is_not_its_name():
    # the sample corpus: "…," said a statement issued … by the Foreign Ministry, employing …
    text = '"We stay," said a statement issued by the ministry, employing a term.'
    doc = doc_of(text, """
" 3 punct PUNCT " ``
We 3 nsubj PRON we PRP
stay 6 ccomp VERB stay VBP
, 3 punct PUNCT , ,
" 3 punct PUNCT " ''
said 0 root VERB say VBD
a 8 det DET a DT
statement 6 nsubj NOUN statement NN
issued 8 acl VERB issue VBN
by 12 case ADP by IN
the 12 det DET the DT
ministry 9 obl:agent NOUN ministry NN
, 14 punct PUNCT , ,
employing 9 advcl VERB employ VBG
a 16 det DET a DT
term 14 obj NOUN term NN
. 6 punct PUNCT . .
""")
    assert speakers(doc) == [("We stay,", "a statement issued by the ministry")]


def test_a_when_clause_after_a_cue_is_its_time_unless_the_verb_takes_questions():
    text = "Markets respond when the government forces employers to pay more."
    doc = doc_of(text, """
Markets 2 nsubj NOUN market NNS
respond 0 root VERB respond VBP
when 6 mark SCONJ when WRB
the 5 det DET the DT
government 6 nsubj NOUN government NN
forces 2 advcl VERB force VBZ
employers 6 obj NOUN employer NNS
to 9 mark PART to TO
pay 6 xcomp VERB pay VB
more 9 advmod ADV more RBR
. 2 punct PUNCT . .
""")
    assert contents(doc) == []
    text = "Kole asked when the vote would be held."
    doc = doc_of(text, """
Kole 2 nsubj PROPN Kole NNP
asked 0 root VERB ask VBD
when 8 mark SCONJ when WRB
the 5 det DET the DT
vote 8 nsubj:pass NOUN vote NN
would 8 aux AUX would MD
be 8 aux:pass AUX be VB
held 2 advcl VERB hold VBN
. 2 punct PUNCT . .
""")
    assert contents(doc) == [("when the vote would be held", "asked")]


def test_a_content_found_by_position_ends_where_a_coordinated_report_begins():
    """``rejected talk of leaving Aleppo, and Assad's government has said …`` (sample
    corpus 003): the first content stops before the second report's conjunction
    and subject."""
    text = "Opposition fighters have rejected talk of leaving Aleppo, and Assad’s government has said it will not agree to any ceasefire."
    doc = doc_of(text, """
Opposition 2 amod ADJ opposition JJ
fighters 4 nsubj NOUN fighter NNS
have 4 aux AUX have VBP
rejected 0 root VERB reject VBN
talk 4 obj NOUN talk NN
of 7 mark SCONJ of IN
leaving 5 acl VERB leave VBG
Aleppo 7 obj PROPN Aleppo NNP
, 15 punct PUNCT , ,
and 15 cc CCONJ and CC
Assad 13 nmod:poss PROPN Assad NNP
’s 11 case PART 's POS
government 15 nsubj NOUN government NN
has 15 aux AUX have VBZ
said 4 conj VERB say VBN
it 19 nsubj PRON it PRP
will 19 aux AUX will MD
not 19 advmod PART not RB
agree 15 ccomp VERB agree VB
to 22 case ADP to IN
any 22 det DET any DT
ceasefire 19 obl NOUN ceasefire NN
. 4 punct PUNCT . .
""")
    assert contents(doc) == [("talk of leaving Aleppo", "rejected"), ("it will not agree to any ceasefire", "said")]


def test_a_content_found_by_position_keeps_the_mark_that_closes_its_quoted_words():
    text = "Kole said on Monday Lee was “a con.”"
    doc = doc_of(text, """
Kole 2 nsubj PROPN Kole NNP
said 0 root VERB say VBD
on 4 case ADP on IN
Monday 2 obl PROPN Monday NNP
Lee 9 nsubj PROPN Lee NNP
was 9 cop AUX be VBD
“ 9 punct PUNCT `` ``
a 9 det DET a DT
con 2 obj NOUN con NN
. 2 punct PUNCT . .
” 2 punct PUNCT '' ''
""")
    assert contents(doc) == [("Lee was “a con.”", "said")]
