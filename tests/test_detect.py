import pytest

from quotes.detect import detect_quotes
from quotes.layout import Layout


def spans(make_doc, text):
    doc = make_doc(text)
    return [(text[q.start : q.end], q.kind, q.closed) for q in detect_quotes(doc, Layout.of(doc))]


@pytest.mark.parametrize(
    "text, expected",
    [
        ('He said "we will win" on Monday.', "we will win"),
        ("Body text.\n\nHe said “we will win” on Monday.", "we will win"),
        ('Body text.\n\nHe said "we will win” on Monday.', "we will win"),
        ("Body text.\n\nHe said “we will win\" on Monday.", "we will win"),
        ("Body text.\n\n''We will win,'' she said.", "We will win,"),
        ("Body text.\n\n``We will win,'' she said.", "We will win,"),
    ],
)
def test_detect_pairs_straight_curly_mixed_and_nyt_marks(make_doc, text, expected):
    assert [s[0] for s in spans(make_doc, text)] == [expected]


def test_single_marks_around_double_ones_are_one_quote(make_doc):
    found = spans(make_doc, "Body text.\n\n‘We said “no” to them,’ the minister said.")
    assert found == [("We said “no” to them,", "full", True)]


def test_detect_single_quotes_in_headline(make_doc):
    found = spans(make_doc, "Syria deal: US, Russia 'not there yet'\n\nBody.")
    assert found == [("not there yet", "heading", True)]


@pytest.mark.parametrize(
    "text",
    [
        "Body.\n\nThe minister said he didn't know and couldn't say.",
        "Body.\n\nAssad’s forces took the town, as they had in the ’90s.",
        "Body.\n\nThe Clintons' house and the voters' mood were discussed.",
        "Body.\n\nRock 'n' roll was big in the '80s, and 'twas fine by them.",
    ],
)
def test_detect_leaves_apostrophes_alone(make_doc, text):
    assert spans(make_doc, text) == []


def test_detect_single_quote_inside_double_belongs_to_it(make_doc):
    text = "Body.\n\n\"They told me 'go home' and left,\" she said."
    assert [s[0] for s in spans(make_doc, text)] == ["They told me 'go home' and left,"]


def test_detect_multi_paragraph_quote_is_one_span_per_paragraph(make_doc):
    text = 'Body.\n\n"The first part goes on,\n\n"and the second part ends here," he said.'
    found = spans(make_doc, text)
    assert found[0] == ("The first part goes on,", "full", False)
    assert found[1][0] == "and the second part ends here,"


def test_detect_unclosed_quote_stops_at_paragraph_end(make_doc):
    text = 'Body.\n\nShe said "this never closes and runs to the end of the line.\n\nThe council met on Monday.'
    found = spans(make_doc, text)
    assert found == [("this never closes and runs to the end of the line.", "partial", False)]


def test_detect_nested_curly_quotes_stay_one_quote(make_doc):
    text = "Body.\n\n“He told me “no” twice,” she said."
    assert [s[0] for s in spans(make_doc, text)] == ["He told me “no” twice,"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ('Body.\n\nRuiz wrote: "The port is not about “Harbor First” anymore, it is about money." Hale agreed.',
         [("The port is not about “Harbor First” anymore, it is about money.", True)]),
        ('Body.\n\nRuiz wrote:\n\n"The port is not about “Harbor First” anymore. It is about money.\n\nHale agreed.',
         [("The port is not about “Harbor First” anymore. It is about money.", False)]),
    ],
)
def test_detect_curly_quotes_nested_in_straight_ones(make_doc, text, expected):
    assert [(s[0], s[2]) for s in spans(make_doc, text)] == expected


def test_detect_ignores_marks_inside_markup(make_doc):
    text = 'Body.\n\n<tweet id="12345" author="@someone">Great day</tweet> she said.'
    assert spans(make_doc, text) == []


def test_detect_ignores_marks_inside_long_markup_and_markup_broken_across_lines(make_doc):
    long_attribute = "The harbor plan will cost the town " + "a great deal of money, " * 30 + "says the council"
    text = (
        f'Body.\n\n<tweet tweet-author="{long_attribute}" tweet-date="May 2">Harbor vote today<tweet/>.\n\n'
        '<tweet tweet-author="@harborcouncil" tweet-date="May 3\n">The pier reopens<tweet/>.\n\n'
        '"We will rebuild the pier," Ruiz said.'
    )
    assert [s[0] for s in spans(make_doc, text)] == ["We will rebuild the pier,"]


def test_the_inch_mark_of_a_height_closes_no_quote(make_doc):
    text = "Body.\n\nThe letter says Hale is 6'3\" tall and weighs 210 pounds.\n\n“He is like 5’11”,” Ruiz said of Hale."
    assert [s[0] for s in spans(make_doc, text)] == ["He is like 5’11”,"]


@pytest.mark.parametrize("text", [
    'Body.\n\nHarbor Del. Marcia "Tia" Hale (D-Salem) shouted to the crowd: "The harbor is watching."',
    "Body.\n\nCouncilman Robert C. “Bobby” Ruiz shouted to the crowd: “The harbor is watching.”",
])
def test_a_nickname_inside_a_name_is_no_quote(make_doc, text):
    assert [s[0] for s in spans(make_doc, text)] == ["The harbor is watching."]


def test_a_one_word_quote_between_two_sentences_is_no_nickname(make_doc):
    text = 'Body.\n\nThe vote was called by Hale. "Never" Ruiz answered, and left.'
    assert [s[0] for s in spans(make_doc, text)] == ["Never"]


def test_a_section_title_made_of_quoted_words_is_no_quote_but_a_headline_is(make_doc):
    text = (
        "Town ‘back to square one’ after flood\n\n\"We are back to square one,\" Mayor Ana Ruiz said.\n\n"
        "‘Back to Square One.’\n\nThe council met on Monday."
    )
    assert [s[0] for s in spans(make_doc, text)] == ["back to square one", "We are back to square one,"]


def test_a_paragraph_that_is_only_a_quote_in_single_marks_is_a_section_title(make_doc):
    text = ("Harbor vote\n\n\"There is so much anger,\" Ruiz said.\n\n'There's so much anger.'\n\n– ‘Who cares?’ –.\n\n"
            "'We will win,' Hale said.")
    assert [s[0] for s in spans(make_doc, text)] == ["There is so much anger,", "We will win,"]


@pytest.mark.parametrize(
    "text, quotes",
    [
        ('NOW OPEN—"Pop-up gallery opens on the harbor," by Harbor Gazette\'s Ana Ruiz: "Curators want to reach the docks."',
         ["Curators want to reach the docks."]),
        ("Body.\n\nAccording to ''The Harbor Years,'' by Tom Hale, the pier was built in 1901.", []),
        # said of someone, not a title: no comma, or words that open no sentence
        ('Body.\n\nRuiz has been "arbitrarily detained" by Harbor police since May.', ["arbitrarily detained"]),
        ('Body.\n\nRuiz said the "ugliness of utterances, largely unprompted," by Hale stood out.', ["ugliness of utterances, largely unprompted,"]),
    ],
)
def test_a_title_credited_to_its_writer_is_no_quote(make_doc, text, quotes):
    assert [s[0] for s in spans(make_doc, text)] == quotes


@pytest.mark.parametrize("direction", ["(CROSSTALK.)", "[Applause]", "(LAUGHTER)"])
def test_a_stage_direction_in_a_transcript_is_no_quote(make_doc, direction):
    text = f'Debate\n\n"HALE: We will rebuild the pier.\n\n"{direction}\n\n"RUIZ: Not with our money.'
    assert [s[0] for s in spans(make_doc, text)] == ["We will rebuild the pier.", "Not with our money."]


@pytest.mark.parametrize(
    "text, kind",
    [
        ('Body.\n\n"We are ready," the mayor said.', "full"),
        ('Body.\n\nThe mayor said: "We are ready."', "full"),
        ('Body.\n\nThe mayor said the plan was "a disaster" for the town.', "partial"),
        ("Headline with a 'quoted phrase'\n\nBody.", "heading"),
    ],
)
def test_detect_kind(make_doc, text, kind):
    assert spans(make_doc, text)[0][1] == kind


@pytest.mark.parametrize(
    "text",
    [
        'Body.\n\nShe appeared on "Fox News Sunday" last week.',
        'Body.\n\nThe so-called "experts" were wrong again.',
        'Body.\n\nShe starred in "Gang of the River" before politics.',
        'Body.\n\nOn Channel Nine’s “Morning Report,” Mayor Ana Ruiz said the bridge would open.',
        'Body.\n\nOn Channel Nine’s “Fish & Friends,” Mayor Ana Ruiz said the bridge would open.',
        'Body.\n\nHe joined a group called “Friends of the Harbor.”',
        'Body.\n\nThe reality show "Cake Town." made her famous, Ruiz said.',
        'Body.\n\n“Harbor Lights” star Ana Ruiz said she would run.',
        'Body.\n\n“Harbor is the New Port” star Ana Ruiz said she would run.',  # "is" a title leaves lowercase
        'Body.\n\nThe "Fight for 15" movement won the vote, Ruiz said.',  # a number in a title
        'Body.\n\nRuiz said on "60 Minutes" that she would run.',
        'Body.\n\nDelegates wore “Harbor First” campaign pins, a spokesman said.',
        'Body.\n\nRuiz said on “Morning Report” that she would run.',
        'Body.\n\nTom Hale, the author of "Harbor Town Blues," spoke on Monday.',
        'Body.\n\nShe directed "Harbor Lights," a short film about the port, in 2010.',
        'Body.\n\nRuiz told "Harbor Mornings" on Monday that the bridge would open.',  # a show she spoke to
        'Body.\n\nRuiz said on Channel News\' "Harbor Minutes" that she would run.',
    ],
)
def test_detect_drops_scare_quotes_and_titles(make_doc, text):
    assert spans(make_doc, text) == []


def test_detect_keeps_a_title_case_quote_that_is_speech(make_doc):
    text = 'Body.\n\n“Welcome Home,” Mayor Ana Ruiz said. She told the crowd: "Thank You All."'
    assert [s[0] for s in spans(make_doc, text)] == ["Welcome Home,", "Thank You All."]


@pytest.mark.parametrize(
    "headline, words",
    [
        ("Ruiz: Harbor's 'Best Season Is Still Ahead.'", "Best Season Is Still Ahead."),  # a possessive before it
        ("Ana Ruiz Says Port Will Tell of 'Storms and Harvests.'", "Storms and Harvests."),  # "of" before it
        ("Hale Sides With Ruiz On 'Harbor Safety.'", "Harbor Safety."),  # "On" before it
    ],
)
def test_detect_keeps_a_quote_in_a_title_case_headline(make_doc, headline, words):
    """In a headline every word is capitalised: a possessive or a preposition before quoted words
    makes no title of them there."""
    assert spans(make_doc, f"{headline}\n\nBody.") == [(words, "heading", True)]


def test_detect_drops_a_title_named_as_such_in_a_headline(make_doc):
    assert spans(make_doc, "Ruiz Stars in the Show 'Harbor Lights'\n\nBody.") == []


def test_detect_keeps_a_chant_after_of(make_doc):
    text = 'Body.\n\nThe hall rang with chants of "Ana! Ana! Ana!" as the mayor spoke.'
    assert [s[0] for s in spans(make_doc, text)] == ["Ana! Ana! Ana!"]


def test_detect_keeps_short_quote_with_speech_context(make_doc):
    text = 'Body.\n\nThe senator called the bill "reckless" on Tuesday.'
    assert [s[0] for s in spans(make_doc, text)] == ["reckless"]


@pytest.mark.parametrize(
    "text",
    ['Transcript.\n\n"HALE: Is the harbor safe?\n\nRuiz answered.', 'Transcript.\n\n"ANA RUIZ: Is the harbor safe?" she asked.'],
)
def test_detect_leaves_a_transcript_label_out_of_the_quote(make_doc, text):
    doc = make_doc(text)
    (span,) = detect_quotes(doc, Layout.of(doc))
    assert doc.text[span.start : span.end].rstrip('"') == "Is the harbor safe?"
