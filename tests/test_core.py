"""The attribution core's design: sentences come from the Doc whichever annotator made it, a rule's
name is written once, and each family of rules leaves alone what it must not take."""
from dataclasses import replace

import pytest

from conftest import conllu_for
from quotes import attribute
from quotes.annotate_stanza import read_conllu
from quotes.attribute import rules
from quotes.attribute.mentions import Said
from quotes.names import parse_mention
from quotes.pipeline import quotes_from_doc
from quotes.words import token_classes, verb_at


def speakers(quotes_in, text):
    return {quote.text: (quote.speaker, quote.sieve) for quote in quotes_in(text)}


def test_a_sentence_the_doc_starts_inside_a_quote_belongs_to_the_sentence_the_quote_stands_in(quotes_in):
    """The rules annotator ends a sentence at "debate." inside the first quote; the second quote's
    reporting sentence is still the one that opens with "Ana Ruiz said"."""
    text = (
        "Body.\n\nAna Ruiz said the debate was “a good debate. It was uplifting” and Tom Hale was hurt "
        "by going “personally low” against her."
    )
    assert speakers(quotes_in, text)["personally low"] == ("Ana Ruiz", "reporting_clause_subject")


def test_reporting_words_after_a_quote_run_past_a_sentence_a_parser_ended_too_soon():
    """The parse ends a sentence after the party tag; the words after the quote still reach "said"."""
    text = 'Body.\n\n"We will rebuild the bridge," Sen. Ana Ruiz (D-Ore.) said.'
    rows = [
        ("Body", "NOUN", 0, "root"), (".", "PUNCT", 1, "punct"), None,
        ('"', "PUNCT", 6, "punct"), ("We", "PRON", 3, "nsubj"), ("will", "AUX", 3, "aux"),
        ("rebuild", "VERB", 0, "root"), ("the", "DET", 6, "det"), ("bridge", "NOUN", 3, "obj"),
        (",", "PUNCT", 3, "punct"), ('"', "PUNCT", 3, "punct"), ("Sen.", "PROPN", 10, "compound", "B-PERSON"),
        ("Ana", "PROPN", 10, "flat", "I-PERSON"), ("Ruiz", "PROPN", 3, "parataxis", "E-PERSON"), ("(", "PUNCT", 12, "punct"),
        ("D-Ore.", "PROPN", 10, "appos"), (")", "PUNCT", 12, "punct"), None,
        ("said", "VERB", 0, "root"), (".", "PUNCT", 1, "punct"),
    ]
    doc = read_conllu(conllu_for(text, rows), text)
    (quote,) = quotes_from_doc(doc)
    assert (quote.speaker, quote.sieve) == ("Ana Ruiz", "cue_after_quote")


def test_a_speaker_phrase_never_ends_in_a_sentence_mark(make_doc):
    doc = make_doc("said Mr. Tom Hale .")
    mention = parse_mention(doc.text, list(doc.tokens[1:]))
    assert (mention.text, mention.name) == ("Mr. Tom Hale", "Tom Hale")


def test_a_colon_after_a_dash_aside_takes_the_subject_of_the_clause_after_the_dash(quotes_in):
    text = (
        "Body.\n\nWhen the moderators turned to snark — and how tempting that can be! — Ana Ruiz called them on it:\n\n"
        "“The questions asked so far show why nobody trusts the media.”"
    )
    quote = speakers(quotes_in, text)["The questions asked so far show why nobody trusts the media."]
    assert quote == ("Ana Ruiz", "previous_paragraph_reporting")


def test_a_rule_returns_who_and_through_which_cue_and_the_runner_names_it(quotes_in):
    """Rules answer with `Said`; the name stored is the table's, so a rule cannot misname itself."""
    example = rules.SIEVES[0].example
    assert {sieve.name for sieve in rules.SIEVES} == {sieve.find.__name__ for sieve in rules.SIEVES}
    assert Said._fields == ("mention", "cue")
    assert any(quote.sieve == rules.SIEVES[0].name for quote in quotes_in(example.text))


def test_every_token_gets_one_class_letter_capitalised_as_the_word(make_doc):
    doc = make_doc('The mayor also said, according to Hale\'s aide: "No, never."')
    assert token_classes(doc.tokens) == 'Mwrv,atSw:"W,r."'  # "never": an adverb


def test_a_two_word_speech_verb_is_a_verb_only_as_the_pair(make_doc):
    doc = make_doc("The senator shot back. The hunter shot a deer.")
    classes = dict(enumerate(token_classes(doc.tokens)))
    shots = [i for i, token in enumerate(doc.tokens) if token.text == "shot"]
    assert [classes[i] for i in shots] == ["v", "w"]


@pytest.mark.parametrize(
    "classes, verb, floor, answer",
    [
        ("Wv", 1, 0, True),  # `Hale said`
        ("mv", 1, 0, False),  # `the remarks`: a noun after a determiner
        ("Wrrv", 3, 0, True),  # adverbs may stand between
        ("mrv", 2, 0, False),  # `the also remarks`: the adverbs are skipped back to the determiner
        ("mv", 1, 1, True),  # the window starts at the verb: what comes before it is not read
        ("wfv", 2, 0, False),  # `secretary of state`
        ("wfg", 2, 0, True),  # `the habit of saying`
    ],
)
def test_verb_at_reads_the_classes_back_to_the_floor_only(classes, verb, floor, answer):
    assert verb_at(classes, verb, floor) is answer


def test_a_rule_with_a_pattern_runs_only_where_its_pattern_matches(quotes_in, monkeypatch):
    """The pattern is the rule's gate, and the rule reads the match: cue_before_quote is called
    for the quote with a speech verb before it, and not for the other."""
    calls = []

    def spy(ctx, index, found, match):
        calls.append(ctx.doc.text[ctx.doc.tokens[match.span("cue")[0]].start : ctx.doc.tokens[match.span("cue")[1] - 1].end])

    table = tuple(replace(s, find=spy) if s.name == "cue_before_quote" else s for s in rules.SIEVES)
    monkeypatch.setattr(attribute, "SIEVES", table)
    quotes_in('Body.\n\nThe plan is "a disaster," and the vote is near.\n\nAna Ruiz then firmly said, "We will rebuild."')
    assert calls == ["then firmly said"]  # the cue group holds the adverbs before the verb


# What each family must NOT take: text written for the project, the quote, and the rule (and
# speaker) that must not answer it.
MUST_NOT = {
    "cues": [
        # the clause before reports the quoted word; the words after it are another clause
        ('Body.\n\nAna Ruiz said "bridge" five times, and Tom Hale laughed.', "bridge", "cue_after_quote", "Tom Hale"),
        # a speech verb in a clause before the colon is no label
        ('Body.\n\nTom Hale wrote on Facebook: "We will win."', "We will win.", "transcript_label", None),
        # nor is a clause whose verb is no speech verb: a label has no room for lowercase words
        ('Body.\n\nTom Hale met the press.\n\nHale fired back on Twitter: "Sad!"', "Sad!", "transcript_label", None),
        # a dash after a partial quote signs the article, not the words
        ('Body.\n\nBy every count of the boats and of the crews that sail them, the harbor was "still the busiest on the coast."'
         "-- Dana Wells", "still the busiest on the coast.", "dash_after_quote", "Dana Wells"),
        # "the remarks" is a noun, not a verb of speech
        ('Body.\n\nAna Ruiz praised the remarks "we will rebuild" in her speech.', "we will rebuild", "cue_before_quote", None),
    ],
    "clauses": [
        # critics of a person are not the person
        ('Body.\n\nCritics of Tom Hale called the plan "reckless."', "reckless.", "sentence_subject_of_partial", "Tom Hale"),
        # an ordinary word opening the sentence is no speaker
        ('Body.\n\nMoreover, the plan was "reckless" and costly.', "reckless", "sentence_subject_of_partial", "Moreover"),
        # words that judge someone's remarks are not theirs
        ('Body.\n\nAna Ruiz called Tom Hale\'s remarks "reckless" on Monday.', "reckless", "claim_owner", "Tom Hale"),
        ('Body.\n\nAna Ruiz mocked Tom Hale\'s claim that he built the dock as "a fairy tale" today.', "a fairy tale", "claim_owner", "Tom Hale"),
        ('Body.\n\nRuiz said Tom Hale\'s claim that the dock is safe is "simply not true" today.', "simply not true", "claim_owner", "Tom Hale"),
    ],
    "headings": [
        # a headline quote that no body quote repeats inherits nobody
        ("Town 'back to square one' after flood\n\n\"We will rebuild the bridge,\" Mayor Ana Ruiz said.", "back to square one",
         "heading_matches_quote", "Ana Ruiz"),
        # a lowercase "says" in a headline is no headline verb
        ("Report says 'harbor is safe'\n\nThe council met on Monday.", "harbor is safe", "heading_says", None),
    ],
    "chains": [
        # a quote paragraph does not continue a quote of a paragraph further back
        ('Body.\n\n"We will rebuild the bridge," Mayor Ana Ruiz said.\n\nThe council met on Monday.\n\n"It will take a year."',
         "It will take a year.", "continues_previous_paragraph", "Ana Ruiz"),
        # neighbours in different paragraphs are not adjacent
        ('Body.\n\n"We will rebuild the bridge," Mayor Ana Ruiz said.\n\nThe sign read "closed for the season" all week.',
         "closed for the season", "adjacent_quote_in_paragraph", "Ana Ruiz"),
    ],
}


@pytest.mark.parametrize(
    "text, quoted, rule, speaker",
    [case for cases in MUST_NOT.values() for case in cases],
    ids=[f"{family}-{case[2]}" for family, cases in MUST_NOT.items() for case in cases],
)
def test_rule_families_leave_alone_what_they_must_not_take(quotes_in, text, quoted, rule, speaker):
    found = [quote for quote in quotes_in(text) if quote.text == quoted]
    assert all(quote.sieve != rule for quote in found)
    assert speaker is None or all(quote.speaker != speaker for quote in found)


def test_every_rule_family_has_cases_it_must_not_take():
    families = {sieve.find.__module__.rsplit(".", 1)[-1] for sieve in rules.SIEVES if not sieve.requires}
    assert families <= set(MUST_NOT)
