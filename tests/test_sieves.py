import pytest

from quotes.attribute.rules import SIEVES
from quotes.names import parse_mention
from quotes.resolve.kinds import speaker_kind


def attributed(quotes_in, text):
    return [(q.text, q.speaker, q.sieve, q.speaker_type) for q in quotes_in(text)]


def only(quotes_in, text):
    (quote,) = quotes_in(text)
    return quote


@pytest.mark.parametrize(
    "text, speaker, cue",
    [
        ('Body.\n\n"We will rebuild the bridge," Mayor Ana Ruiz said.', "Ana Ruiz", "said"),
        ('Body.\n\n"We will rebuild the bridge," said Mayor Ana Ruiz.', "Ana Ruiz", "said"),
        ('Body.\n\n"We will rebuild the bridge," Ana Ruiz told reporters on Monday.', "Ana Ruiz", "told"),
        ('Body.\n\n"We will rebuild the bridge," Ana Ruiz also said.', "Ana Ruiz", "said"),
        ('Body.\n\n"We will rebuild the bridge," Ana Ruiz elaborated.', "Ana Ruiz", "elaborated"),
        (
            'Body.\n\n"We will rebuild the bridge," Ana Ruiz, head of the county board, told the council.',
            "Ana Ruiz",
            "told",
        ),
        (
            'Body.\n\n"The market is empty," said one shopper, Omar Haddad.',
            "Omar Haddad",
            "said",
        ),
        (
            'Body.\n\n"The decision is final," Foreign Ministry spokesman Karl Brandt was quoted as saying.',
            "Karl Brandt",
            "quoted",
        ),
    ],
)
def test_cue_after_quote(quotes_in, text, speaker, cue):
    quote = only(quotes_in, text)
    assert (quote.speaker, quote.cue.text, quote.sieve) == (speaker, cue, "cue_after_quote")


def test_cue_after_quote_keeps_title_apart_from_name(quotes_in):
    quote = only(quotes_in, 'Body.\n\n"We are not there yet," State Department spokesman Mark Tolan told a briefing.')
    assert quote.speaker == "Mark Tolan"
    assert quote.title == "State Department spokesman"


@pytest.mark.parametrize(
    ("reporting", "title"),
    [("said a retired teacher named Tom Hale", "retired teacher"), ("said the former Gov. Tom Hale", "former Gov."), ("said Mr. Tom Hale", None)],
)
def test_title_without_the_words_that_link_it_to_the_name(quotes_in, reporting, title):
    quote = only(quotes_in, f'Body.\n\n"We will win," {reporting}.')
    assert (quote.speaker, quote.title) == ("Tom Hale", title)


def test_cue_after_quote_drops_party_tag(quotes_in):
    quote = only(quotes_in, 'Body.\n\n"I do not remember anything as outrageous," said Sen. Dana Whitfield (D-Nev.).')
    assert quote.speaker == "Dana Whitfield"


@pytest.mark.parametrize(
    "text, speaker, sieve",
    [
        ('Body.\n\nAsked about the plan, Ana Ruiz said: "It is ready."', "Ana Ruiz", "colon_after_cue"),
        ('Body.\n\nAna Ruiz told reporters: "It is ready."', "Ana Ruiz", "colon_after_cue"),
        ('Body.\n\nAna Ruiz said, "It is ready."', "Ana Ruiz", "cue_before_quote"),
        ('Body.\n\nAsked about the delay, Ms. Ana Ruiz smiled and said, "It is ready."', "Ana Ruiz", "cue_before_quote"),
        ('Body.\n\nThe delay did not surprise harbor engineer Tomas Brandt: "It was always going to slip."', "Tomas Brandt", "colon_without_cue"),
        ('Body.\n\nMayor Ana Ruiz had one last thing for the crowd: "We will finish it."', "Ana Ruiz", "colon_without_cue"),
    ],
)
def test_cue_before_quote(quotes_in, text, speaker, sieve):
    quote = only(quotes_in, text)
    assert (quote.speaker, quote.sieve) == (speaker, sieve)


def test_second_part_of_interrupted_quote_takes_same_speaker(quotes_in):
    text = 'Body.\n\n"We have not agreed," Ana Ruiz said, adding: "We keep working at it."'
    assert [(q.speaker, q.sieve) for q in quotes_in(text)] == [
        ("Ana Ruiz", "cue_after_quote"),
        ("Ana Ruiz", "colon_after_cue"),
    ]


def test_split_quote_around_cue(quotes_in):
    text = 'Body.\n\n"We have not agreed," Ana Ruiz said, "and we will keep working at it."'
    assert [q.speaker for q in quotes_in(text)] == ["Ana Ruiz", "Ana Ruiz"]


@pytest.mark.parametrize(
    "text",
    [
        'Body.\n\n"The reservoir is half empty," according to Ana Ruiz, the county engineer.',
        'Body.\n\nAccording to Ana Ruiz, the reservoir is "half empty and falling."',
    ],
)
def test_according_to(quotes_in, text):
    quote = only(quotes_in, text)
    assert quote.speaker == "Ana Ruiz"


@pytest.mark.parametrize(
    "source, speaker, kind",
    [
        ("a count by The Harbor Press", "Harbor Press", "organization"),
        ("a report from the Harbor Intelligence Group", "Harbor Intelligence Group", "organization"),
        ("a complaint filed by the federal Securities and Exchange Commission and a lawsuit by Oregon", "Securities and Exchange Commission", "organization"),
        ("a declaration filed in federal court by Tom Hale", "Tom Hale", "person"),
        ("a study by economists Lena Park and Tom Hale", "Tom Hale", "person"),
        ("a speech Mrs. Ruiz delivered at Harbor University", "Ruiz", "person"),
        # no author is named: the text, or the words, stay the speaker
        ("a memo released Friday by the agency", "memo released Friday by the agency", "nominal"),
        ("a report set for release by the council", "report set for release by the council", "nominal"),
    ],
)
def test_according_to_a_text_is_according_to_its_author(quotes_in, source, speaker, kind):
    quote = only(quotes_in, f'Body.\n\nThe builders ran a "massive fraud" for years, according to {source}.')
    assert (quote.speaker, quote.speaker_type, quote.sieve) == (speaker, kind, "according_to")


@pytest.mark.parametrize(
    "opening, speaker",
    [
        ("In a statement announcing the deal, the Harbor Port Authority called the plan", "Harbor Port Authority"),
        ("In a Facebook post published Friday, Ana Ruiz called the plan", "Ana Ruiz"),
        ("In her statement, Ana Ruiz called the plan", "Ana Ruiz"),
        ("Besides attacking the council, Ana Ruiz called the plan", "Ana Ruiz"),
        # a subject of its own inside the opening phrase: the clause is not only the noun's
        ("In the end she said the plan, which was new, was", "she"),
    ],
)
def test_verbs_inside_an_opening_phrase_report_nothing(quotes_in, opening, speaker):
    quote = only(quotes_in, f'Body.\n\n{opening} a "bold step" for the city.')
    assert (quote.speaker or quote.mention.text, quote.sieve) == (speaker, "reporting_clause_subject")


@pytest.mark.parametrize(
    "text, speaker, kind",
    [
        ('Lena Ortiz, 59, of Ashton, Md., who came to watch, said it recalled "all the people who fought."', "Lena Ortiz", "person"),
        ('Tom Hale, 45, of Salem, Oregon, said the walls were "too weak" to hold.', "Tom Hale", "person"),
        # a country opening its sentence speaks for its government
        ('Russia insisted that the port "stop its escapades."', "Russia", "organization"),
        ('China, the port\'s largest customer and its main investor, said it was "firmly opposed" to the fee.', "China", "organization"),
        # the clause joined after the first one's speaks
        ('Oregon has been warning that it is out of cash, and Ms. Ruiz said the "extraordinary measures" would end.', "Ruiz", "person"),
    ],
)
def test_reporting_clause_subject_past_places_and_joined_clauses(quotes_in, text, speaker, kind):
    quote = only(quotes_in, "Body.\n\n" + text)
    assert (quote.speaker, quote.speaker_type, quote.sieve) == (speaker, kind, "reporting_clause_subject")


def test_a_place_inside_a_phrase_is_no_speaker(quotes_in):
    quote = only(quotes_in, 'Body.\n\nLena Ortiz of Salem, Oregon says she thinks the plan is "doomed."')
    assert (quote.speaker, quote.speaker_type) == ("Lena Ortiz", "person")


def test_a_long_opening_adverbial_is_passed_over(quotes_in):
    text = 'Body.\n\nOn the eve of the vote on the new harbor wall and the ferry fees in the spring of that year, Ruiz rallied supporters by warning that "the harbor is in danger."'
    quote = only(quotes_in, text)
    assert (quote.speaker, quote.sieve) == ("Ruiz", "reporting_clause_subject")


@pytest.mark.parametrize(
    "address, speaker",
    [
        ("Mr. Hale", "Hale"),  # a man the article never names in full: not Ana Hale
        ("Ms. Hale", "Ana Hale"),
    ],
)
def test_a_lone_surname_addressed_as_the_other_gender_is_not_the_full_name(quotes_in, address, speaker):
    text = (
        "Body.\n\nAna Hale spoke first.\n\nPresident Hale said the vote mattered. "
        f'{address} said the campaign would go on.\n\nThe president called it a "personal insult" if they stayed home.'
    )
    assert only(quotes_in, text).speaker == speaker


def test_reporting_clause_subject_for_partial_quote(quotes_in):
    quote = only(quotes_in, 'Body.\n\nAna Ruiz said the talks had been complicated by "gaps of trust" on both sides.')
    assert (quote.speaker, quote.span.kind) == ("Ana Ruiz", "partial")


@pytest.mark.parametrize(
    "text, speakers",
    [
        # A second reporting clause with its own subject, after the first quote.
        ('Ana Ruiz accused the mayor of "leading from behind" and Tom Hale said he is "too timid."', ["Ana Ruiz", "Tom Hale"]),
        # A verb after the first quote that shares the first one's subject.
        ('Ana Ruiz said the deadlock has "kept us safe" on Twitter before claiming that open borders are "a disaster."', ["Ana Ruiz", "Ana Ruiz"]),
        ('Ana Ruiz called the plan "a mess" in May and criticized the "awful tone" of the race.', ["Ana Ruiz", "Ana Ruiz"]),
    ],
)
def test_reporting_clause_after_an_earlier_quote_of_the_sentence(quotes_in, text, speakers):
    assert [q.speaker for q in quotes_in("Body.\n\n" + text)] == speakers


def test_full_stop_inside_the_marks_of_a_partial_quote_ends_the_sentence(quotes_in):
    text = 'Body.\n\nAna Ruiz called the plan "reckless." Tom Hale said the mayor was "asleep at the wheel."'
    assert [(q.text, q.speaker) for q in quotes_in(text)] == [("reckless.", "Ana Ruiz"), ("asleep at the wheel.", "Tom Hale")]


@pytest.mark.parametrize(
    "text",
    [
        '"Oh, let him make that decision," said Mayor Ana Ruiz, urging those calling for his exit to "give him time."',
        '"To those who support Mr. Hale, I understand," said Sen. Ana Ruiz, R-S.C. "I get that. But he is wrong."',
    ],
)
def test_words_inside_a_quote_name_no_speaker(quotes_in, text):
    assert [q.speaker for q in quotes_in("Body.\n\n" + text)] == ["Ana Ruiz", "Ana Ruiz"]


def test_sentence_opening_with_an_ordinary_word_has_no_named_subject(quotes_in):
    text = 'Body.\n\n"I am ready," Tom Hale said. Audiences can expect "a little more recklessness than usual." The audiences cheered.'
    assert [q.speaker for q in quotes_in(text)] == ["Tom Hale", "Tom Hale"]


def test_pressed_reports_a_question(quotes_in):
    text = 'Body.\n\n"Would the toll be negotiable?" Tom Hale pressed. "Maybe for residents?"'
    assert [q.speaker for q in quotes_in(text)] == ["Tom Hale", "Tom Hale"]


def test_medium_before_a_comma_introduces_the_quote(quotes_in):
    quote = only(quotes_in, 'Body.\n\nAfter the storm, Ana Ruiz issued a statement, "Last night, our city was hit hard."')
    assert (quote.speaker, quote.cue.text) == ("Ana Ruiz", "statement")


@pytest.mark.parametrize(
    "text, speaker",
    [
        pytest.param(
            'The leader of the Harbor Defense League, Ana Ruiz, warned that a ban would be "unacceptable and wrong."',
            "Ana Ruiz", id="name-in-apposition-to-a-role-in-an-organisation",
        ),
        pytest.param(
            "Ana Ruiz, a former harbor engineer who now studies the tides of rivers at the Institute"
            ' for Coastal and Marine Studies, said, "If the wall breaks, the town floods."',
            "Ana Ruiz", id="long-apposition-between-name-and-verb",
        ),
        pytest.param(
            "One early supporter, Representative Ana Ruiz, Democrat of Ohio, tried the idea in an"
            ' interview on Tuesday: "You can easily argue the wall is failing."',
            "Ana Ruiz", id="sentence-subject-named-in-apposition-to-a-description",
        ),
        pytest.param(
            'Mr. Hale, citing "the unique magic of the mayor," said the candidate could win the race.',
            "Hale", id="words-after-said-running-into-a-modal-are-a-reported-clause",
        ),
        pytest.param('"It is a costly model," said Will Dorsey, a professor at the harbor college.', "Will Dorsey", id="modal-that-is-a-name"),
        pytest.param(
            'Reps. Chris Collins and Tom Reed agreed. "We will rebuild," Collins said.',
            "Chris Collins", id="plural-title-before-joined-names",
        ),
        pytest.param(
            'Ana Ruiz drew cheers as she thanked her home state and then boomed, "Today, you proved there is no place like home."',
            "Ana Ruiz", id="state-is-a-noun",
        ),
        pytest.param('Ana Ruiz read the city budget report and then said, "We are broke."', "Ana Ruiz", id="report-is-a-noun"),
        pytest.param(
            'Speaking in Berea, OH, after winning Ohio, Gov. Tom Hale (R-OH), said, "I am getting ready to rent a wagon."',
            "Tom Hale", id="party-tag-and-comma-between-name-and-verb",
        ),
        pytest.param(
            'In a two-minute speech, Ana Ruiz said "harbor" five times, and specifically mentioned the pier.',
            "Ana Ruiz", id="partial-quote-reported-by-the-clause-before-it",
        ),
        pytest.param(
            'Ana Ruiz said the party was "still the top force in the city."--Tom Hale.',
            "Ana Ruiz", id="dash-after-quoted-words-signs-the-text",
        ),
        pytest.param(
            'Given her record, her backing will carry "a great deal of weight" and help candidates win, party spokesman Tom Hale said.',
            "Tom Hale", id="speaker-between-the-last-comma-and-the-verb",
        ),
        pytest.param('The mayor\'s "excesses" are sickening, Tom Hale said Tuesday.', "Tom Hale", id="speaker-after-partial-quote-and-clause"),
        pytest.param(
            'Mrs. Ana Ruiz kept her views. In 2010 she said of the plan: "Nobody is stopping them."',
            "Ana Ruiz", id="pronoun-right-before-the-verb",
        ),
        pytest.param('"It is rare," CBS This Morning anchor DeMarco Morgan said.', "DeMarco Morgan", id="full-name-after-a-show-title"),
        pytest.param('"The port will always be ours," an angry Tom Hale retaliated.', "Tom Hale", id="retaliated-reports-speech"),
        pytest.param(
            'Harbor party mayoral candidate Dana Herald issued the following statement:\n\n"Our prayers are with all those affected."',
            "Dana Herald", id="name-after-words-describing-it",
        ),
        pytest.param('Critics of Tom Hale released a statement, saying, "We object."', "Critics", id="critics-of-someone-are-not-him"),
        pytest.param('"We will rebuild," Harbor City Mayor Dana Herald said.', "Dana Herald", id="surname-that-names-a-paper"),
        pytest.param('Dana Herald spoke on Monday. "We will rebuild," Herald said.', "Dana Herald", id="lone-surname-that-names-a-paper"),
        pytest.param('"We will leave," Karen May said on Monday, May 5.', "Karen May", id="month-as-a-surname"),
        pytest.param('Former governor Jan Hollis spoke. "We will win," Hollis said.', "Jan Hollis", id="month-as-a-given-name"),
        pytest.param(
            'Curtis King, a former director, spoke on Monday.\n\n"It is 60 votes," Mr. King said.',
            "Curtis King", id="title-word-after-a-given-name-is-a-surname",
        ),
        pytest.param('Tom Hale was prompted to say, "So far, I cannot believe how civil it has been."', "Tom Hale", id="was-prompted-to-say"),
        pytest.param('The mayor urged Tom Hale to say, "We will win."', "Tom Hale", id="urged-someone-to-say"),
        pytest.param('Pollsters agree - Ana Ruiz: "One lesson was simple: keep calling voters." [538.]', "Ana Ruiz", id="name-signed-after-a-dash-before-the-colon"),
        pytest.param(
            'Senator Tom Hale won the vote.\n\nHale consultant Joe Ruiz picked up a similar thread at the time. "Voters are tired," he said.',
            "Joe Ruiz", id="name-qualifying-a-role-gives-way-as-antecedent",
        ),
        pytest.param(
            'Ana Ruiz arrived on Monday. Delegates cheered the Harbor National Convention.\n\n"We will win," she said.',
            "Ana Ruiz", id="convention-is-no-antecedent",
        ),
        pytest.param('Ana Ruiz left the race on Monday. Ruiz\'s Facebook: "We will win."', "Ana Ruiz", id="owner-of-the-account-speaks"),
        pytest.param(
            'Tom Hale toured the harbor on Monday.\n\nHis wife, Ana Hale, asked him to stay in the race. "We will win," Hale said.',
            "Tom Hale", id="lone-surname-is-the-person-introduced-first",
        ),
        pytest.param('Six Hale supporters ran for seats. "We will win," Hale said.', "Hale", id="number-word-is-no-given-name"),
        pytest.param(
            'Following Tom Hale into the hall, the mayor spoke. "We will win," Hale said.', "Tom Hale", id="participle-opening-a-sentence-is-no-given-name",
        ),
        pytest.param('Even Dana Herald agrees. "We will win," Herald said.', "Dana Herald", id="sentence-adverb-is-no-given-name"),
        pytest.param('"Turnout is soft," said Harbor-based Tom Hale.', "Tom Hale", id="hyphenated-description-before-a-name"),
        pytest.param(
            'The party drew celebrities from the harbor. Guests included Celebrities Dana Herald and Tom Hale. "We will win," Herald said.',
            "Dana Herald", id="word-the-article-writes-in-lowercase-opens-no-full-name",
        ),
        pytest.param(
            'The row began after Tom Hale, asked about the flooding under Mayor Ruiz, had said, "We will rebuild."',
            "Tom Hale", id="clause-ending-in-a-name-is-no-apposition-naming-the-speaker",
        ),
        pytest.param(
            "Dana Herald, editor at large of the Harbor Beacon, a weekly paper that has covered the river "
            'and its floods since 1921, wrote: "The wall will not hold."',
            "Dana Herald", id="long-apposition-opening-with-a-role-is-passed-over",
        ),
        pytest.param(
            "Ana Hale opened the school on Friday. The principal, Maria Lopez, spoke first.\n\n"
            'Later, Ana greeted every child at the door.\n\n"They are our future," she said.',
            "Ana Hale", id="given-name-alone-refers-to-the-full-name-it-begins",
        ),
        pytest.param('"We will win," said Virginia Hale.', "Virginia Hale", id="given-name-that-also-names-a-place"),
        pytest.param('"We will win," said Ana Jordan Hale.', "Ana Jordan Hale", id="middle-name-that-also-names-a-place"),
        pytest.param('"We will win," said Virginia Gov. Tom Hale.', "Tom Hale", id="place-before-a-title-is-no-given-name"),
        pytest.param(
            "“Harbor Nights” star Dana Herald opened up about being called a “real sailor” in a blog post.",
            "Dana Herald", id="title-in-marks-before-a-role-describes-the-name-after-it",
        ),
        pytest.param(
            "Ana Israel spoke on Monday.\n\nIsrael, star of the harbor musical “Tides,” thanked the council for “keeping us all safe.”",
            "Ana Israel", id="surname-that-is-a-place-keeps-the-quote-from-a-title-in-its-apposition",
        ),
        pytest.param(
            'Tom Hale has taken the stance common among mayors in public office: "I will not raise taxes."',
            "Tom Hale", id="lowercase-institution-before-a-colon-is-no-speaker",
        ),
        pytest.param(
            "Sen. Tom Hale (D-Harbor), also a candidate for mayor, called the plan “abhorrent” on Sunday.",
            "Tom Hale", id="party-tag-before-an-apposition",
        ),
        pytest.param(
            "HARBOR CITY, Ore. (AP) — Ana Ruiz endorsed Tom Hale, saying that he would “make an outstanding mayor.”",
            "Ana Ruiz", id="dateline-opening-the-paragraph-is-no-subject",
        ),
        pytest.param(
            "Harbor City (AFP) – Mayor Ana Ruiz on Friday rejected the pier plan, calling it “a costly mistake.”",
            "Ana Ruiz", id="title-case-dateline-with-an-agency-is-no-subject",
        ),
        pytest.param(
            "Tom Hale (D-Harbor) – a former mayor – called the plan “a disaster for the harbor.”",
            "Tom Hale", id="name-and-party-tag-before-a-dash-is-no-dateline",
        ),
        pytest.param(
            "Ana Ruiz talked up her “50-state strategy,” promising to campaign across the state.",
            "Ana Ruiz", id="phrase-opening-with-a-number-is-a-partial-quote",
        ),
        pytest.param(
            "Republican mayoral front-runner Tom Hale is insisting that he has “expanded the party,” claiming credit.",
            "Tom Hale", id="hyphenated-description-before-the-name",
        ),
        pytest.param(
            "At a town hall event in Salem, New Hampshire, Tom Hale went after Ana Ruiz, calling her “a total stiff.”",
            "Tom Hale", id="state-after-the-town-of-an-opening-adverbial",
        ),
        pytest.param(
            'Tom Hale also backed the new port plan -- "I think the wall is cheap compared to a flood."',
            "Tom Hale", id="dash-opens-the-quote",
        ),
        pytest.param(
            "Ana Ruiz ran the port.\n\nThirteen years ago, she ran for the Senate as “a senator from the harbor.”",
            "Ana Ruiz", id="number-word-opening-a-sentence-is-no-name",
        ),
        pytest.param(
            'Tom Hale, 45, of Harbor City, Ore., said he had not given up hope that Ruiz could pull a "surprise," because he never would.',
            "Tom Hale", id="age-and-home-town-in-apposition",
        ),
        pytest.param(
            "I'm old enough to remember Mayor Tom Hale going on the radio in 1977, declaring a ''war on floods'' against the river.",
            "Tom Hale", id="first-person-contraction-is-no-name",
        ),
        pytest.param(
            'Continuing to explain his view, Tom Hale rejected the plan, saying that if he "found something rotten, I would fix it."',
            "Tom Hale", id="gerund-opening-a-sentence-is-no-name",
        ),
        pytest.param(
            "Given Ruiz's lead in the polls, harbor spokesman Tom Hale put “a great deal of weight” on the vote.",
            "Tom Hale", id="given-opens-an-adverbial-before-a-described-name",
        ),
        pytest.param(
            "Ana Ruiz spoke on Monday.\n\nBut while denouncing the “perversion of our tax code” to voters, she has taken money from the port.",
            "Ana Ruiz", id="partial-quote-in-an-opening-adverbial-takes-the-subject-after-it",
        ),
        pytest.param(
            'A former Harbor City mayor -- Tom Hale, who lost the 2008 race -- said the council "offered no changes to its plan."',
            "Tom Hale", id="name-in-an-apposition-between-dashes",
        ),
        pytest.param(
            "Ana Connolly runs the port.\n\nConnolly blamed the council for the “total failure” of the wall, and said Connolly would act.",
            "Ana Connolly", id="surname-ending-in-ly-written-inside-a-sentence-is-a-name",
        ),
        pytest.param(
            'Admiral Vance spoke at the naval base.\n\n"The fleet is ready," he said.',
            "Admiral Vance", id="title-that-names-a-person-stays-with-a-lone-name",
        ),
        pytest.param(
            '"We will win," Sen. Whitfield said.',
            "Whitfield", id="office-title-stays-out-of-a-lone-name",
        ),
        pytest.param(
            'Mayor Ana Ruiz gave one piece of advice to Hale: "Fix the pier first."',
            "Ana Ruiz", id="name-after-to-before-a-colon-is-addressed",
        ),
        pytest.param(
            'Ruiz, at a pier meeting in Salem, Oregon, warned that the fees would "sink every small fishing crew."',
            "Ruiz", id="adverbial-aside-between-subject-and-verb",
        ),
        pytest.param(
            'Tom Hale works at the plant.\n\nOutside Wexley, workers gathered on Monday. "We have all worked hard," he said.',
            "Tom Hale", id="preposition-opening-a-sentence-starts-no-name",
        ),
        pytest.param(
            '"I am glad," says Juan Carlos Rivera Soto, 31, of Harbor City.',
            "Juan Carlos Rivera Soto", id="two-given-names-in-a-row-stay-in-a-long-name",
        ),
        pytest.param(
            'The pier reopened, a spokeswoman, Nora Pemberton White, said on Saturday.\n\n"We are relieved," Ms. White said.',
            "Nora Pemberton White", id="title-word-ending-a-name-is-its-surname",
        ),
        pytest.param(
            'Lee Harlan, a law professor, led the study.\n\n"The board will stay split," she said.',
            "Lee Harlan", id="name-given-to-both-genders-tells-no-gender",
        ),
        pytest.param(
            'One parent, Wu Meiling, waited outside. "We are tired," Ms. Wu said.',
            "Wu Meiling", id="family-name-written-first-completes-its-lone-form",
        ),
        pytest.param(
            'Fans of the Hale Express cheered. "We are tired," Hale said.',
            "Hale", id="capitalised-run-after-the-is-no-full-name-of-a-lone-surname",
        ),
    ],
)
def test_speaker_of_one_quote(quotes_in, text, speaker):
    assert only(quotes_in, "Body.\n\n" + text).speaker == speaker


def test_pronoun_before_a_long_chain_of_quote_paragraphs_keeps_its_antecedent(quotes_in):
    questions = "".join(f'"Question {n}: will the harbor {verb}?\n\n' for n, verb in enumerate(("flood", "freeze", "dry", "close", "grow"), 1))
    text = f"Body.\n\nTom Hale wrote to his members.\n\nHe then set out his questions:\n\n{questions}The members did not answer."
    assert [q.speaker for q in quotes_in(text)] == ["Tom Hale"] * 5


def test_organisation_qualified_by_a_title_word_keeps_its_apposition_out(quotes_in):
    text = 'Body.\n\nThe former Harbor Front, a militia recently renamed Fateh al-Sham, announced "the martyrdom" of its commander.'
    assert only(quotes_in, text).speaker.endswith("Harbor Front")


def test_sentence_subject_of_partial_without_speech_verb(quotes_in):
    quote = only(quotes_in, 'Body.\n\nSenator Paul Brandt pinned the delay on "bureaucrats who never read a bill."')
    assert (quote.speaker, quote.sieve) == ("Paul Brandt", "sentence_subject_of_partial")


@pytest.mark.parametrize(
    "text, speaker, cue",
    [
        ('"The harbor needs a wall," the statement read.', "statement", "read"),
        ('As the Harbor Boys sang on their first record, "We will rise again."', "Harbor Boys", "sang"),
        ('During the debate, Ana Ruiz cracked, "I fix piers, not polls."', "Ana Ruiz", "cracked"),
    ],
)
def test_written_sung_and_joking_words_are_reported(quotes_in, text, speaker, cue):
    quote = only(quotes_in, "Body.\n\n" + text)
    assert (quote.speaker, quote.cue.text) == (speaker, cue)


@pytest.mark.parametrize(
    "text",
    [
        '"The count is final," the Harbor Board of Elections said.',
        'Asked about it, the Harbor Board of Elections was clear: "The count is final."',
    ],
)
def test_organisation_named_with_of_speaks_whole(quotes_in, text):
    quote = only(quotes_in, "Body.\n\n" + text)
    assert (quote.speaker, quote.speaker_type) == ("Harbor Board of Elections", "organization")


@pytest.mark.parametrize(
    "text, speaker",
    [
        ('Tom Hale tweeted after Ana Ruiz argued that the plan was "a disaster for the harbor."', "Ana Ruiz"),
        ('Tom Hale said Ana Ruiz argued that the plan was "a disaster for the harbor."', "Tom Hale"),
        ('While Hale claims the wall works, Ruiz said the wall is "a leaky sieve at best."', "Ruiz"),
    ],
)
def test_partial_quote_belongs_to_the_reporting_clause_that_is_not_subordinate(quotes_in, text, speaker):
    assert only(quotes_in, "Body.\n\n" + text).speaker == speaker


@pytest.mark.parametrize(
    "text",
    [
        'Tom Hale spoke at the dock.\n\nMoreover, the harbor has "the oldest boats in the state."',
        'Good weather may still return to the coast, though only if "the tide turns in May."',
    ],
)
def test_ordinary_word_opening_a_sentence_is_no_speaker_of_its_partial_quote(quotes_in, text):
    assert all(quote.speaker is None for quote in quotes_in("Body.\n\n" + text))


def test_surname_opening_a_sentence_speaks_its_partial_quote(quotes_in):
    text = 'Body.\n\nThe mayor met Hale on Monday.\n\nHale wants boats that are "safe for everyone."'
    assert only(quotes_in, text).speaker == "Hale"


@pytest.mark.parametrize("verb", ["blamed", "cited", "credited", "denounced"])
def test_verbs_that_frame_quoted_words_as_someones(quotes_in, verb):
    quote = only(quotes_in, f'Body.\n\nSenator Paul Brandt {verb} "bureaucrats who never read a bill" in his speech.')
    assert (quote.speaker, quote.cue.text) == ("Paul Brandt", verb)


def test_transcript_label(quotes_in):
    quote = only(quotes_in, 'Body.\n\n"WALLACE: Do you accept the result of the vote?')
    assert (quote.speaker, quote.sieve) == ("WALLACE", "label_in_quote")


def test_transcript_label_led_by_a_speech_verb(quotes_in):
    (_, quote) = quotes_in('Body.\n\n"We start today," Ana Ruiz said.\n\nContinued Ruiz: "We keep going until the bridge is done."')
    assert (quote.speaker, quote.sieve) == ("Ana Ruiz", "transcript_label")


def test_pronoun_resolves_to_earlier_person(quotes_in):
    text = 'Body.\n\nAna Ruiz spoke after the vote.\n\n"It was a long night," she said.'
    quote = only(quotes_in, text)
    assert (quote.speaker, quote.mention.text) == ("Ana Ruiz", "she")


def test_pronoun_follows_gender(quotes_in):
    text = 'Body.\n\nMary Collins met John Parker on Monday.\n\n"It was a long night," she said.'
    assert only(quotes_in, text).speaker == "Mary Collins"


def test_pronoun_passes_over_a_sentence_the_same_pronoun_opens(quotes_in):
    text = (
        "Body.\n\nTom Hale met Ben Ortiz on Monday. Asked who would lead the party, he said Ortiz.\n\n"
        '"I would say Ben for the time being," he said.'
    )
    assert only(quotes_in, text).speaker == "Tom Hale"


def test_pronoun_prefers_subject_over_name_in_apposition(quotes_in):
    text = (
        "Body.\n\nJuan Ortega, an adviser to President George Hall, questioned the plan.\n\n"
        '"There is no question we have to act," he said.'
    )
    assert only(quotes_in, text).speaker == "Juan Ortega"


def test_surname_resolves_to_fullest_form_in_document(quotes_in):
    text = 'Body.\n\nSecretary of State John Kerrigan arrived on Monday.\n\n"We are close," Kerrigan said.'
    assert only(quotes_in, text).speaker == "John Kerrigan"


def test_fullest_form_starts_with_a_given_name_not_a_sentence_opener(quotes_in):
    text = (
        "Body.\n\nJared Sefton teaches history in Georgia. See Sefton's essay for more on the rallies.\n\n"
        '"It was obvious," Sefton said.'
    )
    assert only(quotes_in, text).speaker == "Jared Sefton"


@pytest.mark.parametrize(
    "words, name",
    [
        ('state Del. Marcia "Tia" Hale', 'Marcia "Tia" Hale'),
        ("Rep. Robert C. “Bobby” Ruiz", "Robert C. “Bobby” Ruiz"),
        ('Robert "Bobby" Ruiz', 'Robert "Bobby" Ruiz'),
    ],
)
def test_a_nickname_in_marks_is_part_of_the_name(make_doc, words, name):
    mention = parse_mention(words, list(make_doc(words).tokens))
    assert (mention.speaker_type, mention.name) == ("person", name)


def test_a_surname_takes_the_full_name_written_with_a_nickname(quotes_in):
    text = (
        'Body.\n\nHarbor Del. Marcia "Tia" Hale (D-Salem) spoke to the crowd at the pier.\n\n'
        '"The nation is watching the harbor," Hale said.'
    )
    assert only(quotes_in, text).speaker == 'Marcia "Tia" Hale'


@pytest.mark.parametrize(
    "text, speaker",
    [
        ('"It is a mess," one dock worker, who asked not to be named because he feared retaliation, said of the plan.', "dock worker"),
        ('"It is a mess," Hale, who has proposed closing the pier, said at the time.', "Hale"),
    ],
)
def test_a_verb_inside_a_relative_clause_after_the_quote_is_no_cue(quotes_in, text, speaker):
    quote = only(quotes_in, "Body.\n\n" + text)
    assert (quote.speaker, quote.cue.text, quote.sieve) == (speaker, "said", "cue_after_quote")


@pytest.mark.parametrize(
    "sentence, cue",
    [
        ('Ana Ruiz did not mention Hale by name, but told the crowd that the port needed "new leaders."', "told"),
        ('Ana Ruiz declined to comment, but said in an email that the port was "safe."', "said"),
        ('Ana Ruiz, speaking on Harbor Radio, called the plan "a disaster."', "called"),
        ('Ana Ruiz, who was speaking to the mayors, told them the port was "open for business."', "told"),
    ],
)
def test_a_negated_verb_or_one_in_an_aside_yields_to_the_reporting_verb_after_it(quotes_in, sentence, cue):
    quote = only(quotes_in, "Body.\n\n" + sentence)
    assert (quote.speaker, quote.cue.text, quote.sieve) == ("Ana Ruiz", cue, "reporting_clause_subject")


def test_a_transcript_introduced_by_a_text_word_is_the_words_of_whom_was_last_quoted(quotes_in):
    text = (
        'Body.\n\nOn Tuesday, Gov. Tom Hale said, "We are going to California."\n\nTranscript as follows:\n\n'
        '"Tonight we arrived in Salem, and the harbor is ours."'
    )
    last = quotes_in(text)[-1]
    assert (last.speaker, last.sieve) == ("Tom Hale", "previous_paragraph_reporting")


@pytest.mark.parametrize("words", ["R-Wis.", "D-N.Y.", "I-Vt."])
def test_a_party_tag_alone_names_no_one(make_doc, words):
    assert parse_mention(words, list(make_doc(words).tokens)) is None


@pytest.mark.parametrize("words", ["Transcript", "Article"])
def test_a_word_for_a_text_alone_names_no_one(make_doc, words):
    assert parse_mention(words, list(make_doc(words).tokens)).speaker_type == "nominal"


@pytest.mark.parametrize(
    "sentence, speaker, kind",
    [
        ('"The port is failing," the Harbor Institute report stated.', "Harbor Institute", "organization"),
        ('The Harbor Foundation website notes: "We were founded in 1901."', "Harbor Foundation", "organization"),
        ('"The port is failing," the Hale report stated.', "Tom Hale", "person"),
        # a text on a medium names no author: it stays a description
        ('According to the school’s Facebook post, the pier was "closed for good."', "school’s Facebook post", "nominal"),
    ],
)
def test_a_text_named_for_its_author_is_the_author_s_words(quotes_in, sentence, speaker, kind):
    quote = quotes_in("Body.\n\nTom Hale spoke.\n\n" + sentence)[-1]
    assert (quote.speaker, quote.speaker_type) == (speaker, kind)


def test_a_spokeswoman_for_an_organisation_after_the_quote_speaks_for_it(quotes_in):
    quote = only(quotes_in, 'Body.\n\n"We are reviewing the report," a spokeswoman for the Harbor Police Department said.')
    assert (quote.speaker, quote.speaker_type, quote.sieve) == ("Harbor Police Department", "organization", "cue_after_quote")


def test_a_name_described_by_commas_then_dashes_speaks(quotes_in):
    text = ("Body.\n\nTom Hale, the chief executive of Harbor Media -- the company that owns the station, which also "
            "streams online -- told me, ''We are a content provider.''")
    quote = only(quotes_in, text)
    assert (quote.speaker, quote.sieve) == ("Tom Hale", "cue_before_quote")


def test_a_naming_verb_inside_an_aside_after_the_name_reports_nothing(quotes_in):
    text = (
        "Body.\n\nBut Tom Hale, at a consulting firm called Harbor Partners, argues that as the port grows, "
        '"its influence will strengthen," too.'
    )
    quote = only(quotes_in, text)
    assert (quote.speaker, quote.sieve, quote.cue.text) == ("Tom Hale", "reporting_clause_subject", "argues")


def test_a_description_a_name_owns_is_the_name_set_off_after_it(quotes_in):
    text = (
        "Body.\n\nIn early May, Harbor’s port director, Ana Ruiz, reached out to the council, "
        "writing in an email: “We want to use this now.”"
    )
    quote = only(quotes_in, text)
    assert (quote.speaker, quote.sieve) == ("Ana Ruiz", "colon_after_cue")


def test_honorific_surname_that_is_also_a_title_word(quotes_in):
    text = "Body.\n\nPeter Singer wrote the report.\n\n''People remembered it,'' Mr. Singer said."
    assert only(quotes_in, text).speaker == "Peter Singer"


def test_organisation_speaker(quotes_in):
    quote = only(quotes_in, 'Body.\n\nIran\'s Foreign Ministry dismissed the claims as "unconstructive."')
    assert (quote.speaker, quote.speaker_type) == ("Iran's Foreign Ministry", "organization")


def test_nominal_speaker_is_its_description_without_article(quotes_in):
    quote = only(quotes_in, 'Body.\n\n"We need to see a clear plan," a senior US official told reporters.')
    assert (quote.speaker, quote.speaker_type, quote.mention.text) == ("senior US official", "nominal", "a senior US official")


def test_quote_paragraph_inherits_previous_speaker(quotes_in):
    text = 'Body.\n\n"We will win," Ana Ruiz said.\n\n"Nobody thought we could do it."'
    assert [(q.speaker, q.sieve) for q in quotes_in(text)] == [
        ("Ana Ruiz", "cue_after_quote"),
        ("Ana Ruiz", "continues_previous_paragraph"),
    ]


def test_adjacent_quote_in_paragraph(quotes_in):
    text = 'Body.\n\n"It is over," Ana Ruiz said. "We lost."'
    assert [q.sieve for q in quotes_in(text)] == ["cue_after_quote", "adjacent_quote_in_paragraph"]


def test_unclosed_quote_takes_speaker_of_its_continuation(quotes_in):
    text = 'Body.\n\n"The first part of what I said runs on and on.\n\n"And this part closes it," Ana Ruiz said.'
    quotes = quotes_in(text)
    assert [(q.speaker, q.sieve) for q in quotes] == [
        ("Ana Ruiz", "unclosed_continues"),
        ("Ana Ruiz", "cue_after_quote"),
    ]


def test_sentence_case_headline_gives_the_full_name_but_no_antecedent(quotes_in):
    text = 'A hard summer for Dana Herald\n\n"We will win," Herald said.\n\nThe rain went on.\n\n"It will pass," she said.'
    assert [q.speaker for q in quotes_in(text)] == ["Dana Herald", "Dana Herald"]
    without_name_in_text = 'A hard summer for Dana Herald\n\nThe mayor spoke first. "We will win," she said.'
    assert only(quotes_in, without_name_in_text).speaker is None


def test_title_case_headline_label_gives_the_full_name(quotes_in):
    text = 'Dana Herald: The Harbor Will Not Flood Again\n\n"We will win," Herald said.'
    assert only(quotes_in, text).speaker == "Dana Herald"


@pytest.mark.parametrize(
    "text",
    [
        'Ruiz Says Ana Ruiz Will Not Quit\n\n"We will win," Ruiz said.',
        'Body.\n\nOn "The Ana Ruiz Hour," the host spoke of floods. "We will win," Ruiz said.',
        'Body.\n\n"Ana Ruiz will win," the flyer read. "We will win," Ruiz said.',
    ],
)
def test_full_name_written_only_in_a_headline_title_or_quote_completes_a_lone_surname(quotes_in, text):
    assert quotes_in(text)[-1].speaker == "Ana Ruiz"


def test_contracted_pronoun_opening_a_sentence_passes_over_its_names(quotes_in):
    text = 'Body.\n\n"It is late," said Ana Ruiz, a nurse.\n\nShe\'s a Robin Wexley voter but doubts him. "We are tired," she said.'
    assert quotes_in(text)[-1].speaker == "Ana Ruiz"


def test_title_case_headline_label_ends_where_the_body_no_longer_writes_it(quotes_in):
    text = "Hale Addresses Harbor Flood: 'We Will Rebuild'\n\nMayor Tom Hale spoke on Monday about the flood."
    assert only(quotes_in, text).speaker == "Tom Hale"


def test_pull_quote_signed_on_the_next_line(quotes_in):
    text = 'Body.\n\n"The harbor will flood again unless the wall is raised.\nDana Herald, Harbor Policy Institute."\n\nThe council meets on Monday.'
    quote = only(quotes_in, text)
    assert (quote.speaker, quote.sieve) == ("Dana Herald", "signature_line")


@pytest.mark.parametrize("text", ['"We will win," the CEO said.', '"We will win," said a Harbor County Democrat.'])
def test_capitalised_role_is_no_named_person(quotes_in, text):
    assert only(quotes_in, "Body.\n\n" + text).speaker_type == "nominal"


@pytest.mark.parametrize("text", ['"We will appeal," the campaign said.', '"We will appeal," a consulting firm said.'])
def test_lowercase_institution_is_a_description_not_an_organisation(quotes_in, text):
    assert only(quotes_in, "Body.\n\n" + text).speaker_type == "nominal"


def test_role_word_after_an_honorific_is_a_surname(quotes_in):
    assert only(quotes_in, 'Body.\n\n"We will win," Mr. Singer said.').speaker == "Singer"


def test_institution_named_after_a_person_is_an_organisation(quotes_in):
    quote = only(quotes_in, 'Body.\n\n"We will help," the Dana Foundation said.')
    assert (quote.speaker, quote.speaker_type) == ("Dana Foundation", "organization")


def test_party_member_described_by_place_is_no_named_person(quotes_in):
    quote = only(quotes_in, 'Body.\n\n"We will win," said a Harbor County Democrat.')
    assert (quote.speaker, quote.speaker_type) == ("Harbor County Democrat", "nominal")


def test_previous_paragraph_reporting(quotes_in):
    text = "Body.\n\nA senior official said the talks would go on.\n\n\"Those talks are ongoing and will continue.\""
    quote = only(quotes_in, text)
    assert (quote.speaker, quote.sieve) == ("senior official", "previous_paragraph_reporting")


def test_heading_quote_takes_speaker_of_matching_body_quote(quotes_in):
    text = "Town 'back to square one' after flood\n\n\"We are back to square one,\" Mayor Ana Ruiz said."
    heading, body = quotes_in(text)
    assert (heading.speaker, heading.sieve) == ("Ana Ruiz", "heading_matches_quote")


def test_relative_clause_speaker(quotes_in):
    text = 'Body.\n\nThe list included Indiana Gov. Mike Penrose, who called the soldier "an American hero."'
    assert only(quotes_in, text).speaker == "Mike Penrose"


@pytest.mark.parametrize("sieve", SIEVES, ids=[sieve.name for sieve in SIEVES])
def test_each_rule_answers_its_own_example(quotes_in, sieve):
    """The rule itself answered its example, not another that happens to give the same speaker.
    A rule that reads the parse runs on a real one (../shared/stanza-tiny's models)."""
    example = sieve.example
    if sieve.requires:
        from conftest import SHARED

        from quotes.annotate_stanza import StanzaAnnotator, StanzaSettings
        from quotes.pipeline import quotes_from_doc
        from quotes.read import make_article

        if not (SHARED / "stanza-tiny" / "resources.json").is_file():
            pytest.skip("../shared/stanza-tiny is not beside the checkout")
        quotes = quotes_from_doc(StanzaAnnotator(StanzaSettings(str(SHARED / "stanza-tiny")))(make_article("example.txt", example.text)))
    else:
        quotes = quotes_in(example.text)
    (quote,) = [quote for quote in quotes if quote.text == example.quote]
    assert (quote.speaker, quote.sieve) == (example.speaker, sieve.name)


def test_unattributed_quote_has_no_speaker(quotes_in):
    quote = only(quotes_in, 'Body.\n\nThe sign on the door read "Closed for the season, see you in spring."')
    assert quote.speaker is None or quote.confidence < 0.6


@pytest.mark.parametrize(
    "text, kept",
    [
        ('Body.\n\nThe council debated the "harbor tax" for an hour before the vote.', []),
        ('Body.\n\nThe council debated a "harbor tax that nobody wants" for an hour.', [("harbor tax that nobody wants", None)]),
        ('Body.\n\nMayor Ana Ruiz has long opposed the "harbor tax" and its backers.', [("harbor tax", "Ana Ruiz")]),
    ],
)
def test_term_of_two_words_that_nobody_says_is_no_quote(quotes_in, text, kept):
    assert [(q.text, q.speaker) for q in quotes_in(text)] == kept


def test_heading_label_names_the_speaker(quotes_in):
    text = "Ruiz: Council's 'reckless spending' must stop\n\nThe mayor spoke on Monday about the budget."
    (quote,) = quotes_in(text)
    assert (quote.speaker, quote.sieve) == ("Ruiz", "heading_label")


def test_title_case_section_heading_ending_in_a_period_is_a_heading(quotes_in):
    text = "Harbor voices\n\nThe year in review.\n\n1\nTom Hale Asks Voters To “Rebuild The Harbor.”\n\nPhoto.\n\nHale spoke at the dock on Monday."
    quote = only(quotes_in, text)
    assert (quote.speaker, quote.span.kind) == ("Tom Hale", "heading")


def test_chain_of_quote_paragraphs_takes_the_speaker_a_later_sieve_found(quotes_in):
    text = 'Body.\n\nAna Ruiz wrote:\n\n"First paragraph of her letter.\n\n"Second paragraph of it.\n\n"Third paragraph of it."\n\nThe council met.'
    assert [q.speaker for q in quotes_in(text)] == ["Ana Ruiz"] * 3


def test_paragraph_ending_in_colon_introduces_the_next_quote(quotes_in):
    text = 'Body.\n\nSenator Ana Ruiz called them on it:\n\n"The questions asked in this debate show why people do not trust the press."'
    (quote,) = quotes_in(text)
    assert (quote.speaker, quote.sieve) == ("Ana Ruiz", "previous_paragraph_reporting")


def test_capitalised_speech_verb_after_speaker(quotes_in):
    quote = only(quotes_in, 'Body.\n\n"Not us but we cannot argue with it!" Murphy, the head of the group, Tweeted on Friday.')
    assert (quote.speaker, quote.cue.text) == ("Murphy", "Tweeted")


def test_speaker_before_a_chain_of_appositions(quotes_in):
    text = (
        "Body.\n\nGeoff Garlen, a pollster who is working with Priorities USA, a pro-Clinton group, said the "
        'primaries showed her as "strong, smart and resilient" to voters.'
    )
    assert only(quotes_in, text).speaker == "Geoff Garlen"


def test_colon_ended_paragraph_after_a_dash_names_the_speaker(quotes_in):
    text = 'Body.\n\nNobody expected it!— Ana Ruiz had the last word:\n\n"Nobody here wants to wait another year."'
    (quote,) = quotes_in(text)
    assert (quote.speaker, quote.sieve) == ("Ana Ruiz", "previous_paragraph_reporting")


def test_speech_verbs_of_manner_are_cues(quotes_in):
    quote = only(quotes_in, 'Body.\n\n"Go back to your seat," Ana Ruiz barked as the hall fell silent.')
    assert (quote.speaker, quote.cue.text) == ("Ana Ruiz", "barked")


@pytest.mark.parametrize(
    "text, cue",
    [
        ('Body.\n\nAs Ana Ruiz, the harbor director, put it: "The bridge is the easy part."', "put it"),
        ('Body.\n\n"The bridge is the easy part," Ana Ruiz shot back.', "shot back"),
    ],
)
def test_two_word_speech_verbs(quotes_in, text, cue):
    quote = only(quotes_in, text)
    assert (quote.speaker, quote.cue.text) == ("Ana Ruiz", cue)


@pytest.mark.parametrize(
    "text",
    [
        'Body.\n\nTom Hale took questions after the vote. Speaking on the show “Morning Report” about the bridge, he said'
        ' it was ready.\n\n"We will finish it," he said.',
        'Body.\n\nTom Hale took questions after the vote. Asked on “Morning Report” about the bridge, he said it was'
        ' ready.\n\n"We will finish it," he said.',
    ],
)
def test_pronoun_antecedent_is_neither_a_title_nor_a_verb_opening_the_sentence(quotes_in, text):
    assert quotes_in(text)[-1].speaker == "Tom Hale"


def test_honorific_tells_which_person_a_surname_is(quotes_in):
    text = (
        "Body.\n\nJohn Abedini was released on Sunday. His wife, Maria Abedini, spoke at church.\n\n"
        'John Abedini thanked the president.\n\n"I could see his love," Mrs. Abedini wrote.'
    )
    assert quotes_in(text)[-1].speaker == "Maria Abedini"


def test_given_name_alone_takes_the_full_name(quotes_in):
    text = 'Body.\n\nTom Eberly and his wife set out after lunch.\n\n"This is one of her friends," Tom told a neighbor.'
    assert only(quotes_in, text).speaker == "Tom Eberly"


@pytest.mark.parametrize(
    "text, sieve",
    [
        ('Body.\n\n"We will not raise taxes this year."\n\n- Ana Ruiz, at the council meeting.', "signature_line"),
        ('Body.\n\nQuote of the week: "Taxes stay where they are" – Ana Ruiz.', "dash_after_quote"),
    ],
)
def test_dash_signature_names_the_speaker(quotes_in, text, sieve):
    quote = only(quotes_in, text)
    assert (quote.speaker, quote.sieve) == ("Ana Ruiz", sieve)


@pytest.mark.parametrize(
    "text",
    ['Body.\n\nVoters backed "Fair Streets Now." The measure passed easily.', 'Body.\n\nThe plan passed.\n\n"Fair Streets Now."\n\nIt starts in May.'],
)
def test_capitalised_phrase_nobody_speaks_is_a_name_not_a_quote(quotes_in, text):
    assert quotes_in(text) == []


def test_capitalised_phrase_somebody_speaks_is_a_quote(quotes_in):
    assert only(quotes_in, 'Body.\n\n"Vote Yes Today," the crowd chanted.').speaker == "crowd"


@pytest.mark.parametrize(
    "text, speaker",
    [
        ('Body.\n\nSteve Israel won his seat in 2010.\n\n"We will be ready," Israel said.', "Steve Israel"),
        ('Body.\n\nCarl Small came with a small group.\n\n"It is a positive story," said Small.', "Carl Small"),
    ],
)
def test_surname_that_is_also_a_place_or_a_common_word(quotes_in, text, speaker):
    assert only(quotes_in, text).speaker == speaker


def test_place_name_is_no_pronoun_antecedent(quotes_in):
    text = 'Body.\n\nJohn Reyes spoke at length.\n\nWestchester County voted for him in 2016. "I will never let you down," he said.'
    assert only(quotes_in, text).speaker == "John Reyes"


@pytest.mark.parametrize(
    "text",
    [
        'Body.\n\nAnd then Ana Ruiz went fully on the attack, saying, "We will win this."',
        'Body.\n\nAt the time, Ana Ruiz released a statement saying, "We will win this."',
    ],
)
def test_participle_after_an_object_speaks_for_the_sentence_subject(quotes_in, text):
    assert only(quotes_in, text).speaker == "Ana Ruiz"


@pytest.mark.parametrize("clause", ["Ana Ruiz wrote on Facebook", "Ana Ruiz added about Hale"])
def test_clause_before_a_colon_is_no_transcript_label(quotes_in, clause):
    quote = only(quotes_in, f'Body.\n\n{clause}: "We will win this."')
    assert (quote.speaker, quote.sieve) == ("Ana Ruiz", "colon_after_cue")


def test_a_label_has_no_room_for_lowercase_words(quotes_in):
    quote = only(quotes_in, 'Body.\n\nAna Ruiz met the press on Monday.\n\nRuiz fired back on Twitter: "Sad!"')
    assert (quote.speaker, quote.sieve) == ("Ana Ruiz", "colon_after_cue")


def test_newspaper_named_post_is_no_verb(quotes_in):
    assert only(quotes_in, 'Body.\n\n"The vote was close," the Daily Post reported.').speaker == "Daily Post"


@pytest.mark.parametrize("office", ["White House Chief of Staff", "RNC Chief of Staff"])
def test_title_with_of_before_a_name_is_no_part_of_it(quotes_in, office):
    assert only(quotes_in, f'Body.\n\n"We will win this," {office} Ana Ruiz said.').speaker == "Ana Ruiz"


def test_pronoun_passes_over_a_possessive_name(quotes_in):
    text = 'Body.\n\nJim Reyes’s adviser, Tom Hale, spoke at length on Monday.\n\n"We will win this," he said.'
    assert only(quotes_in, text).speaker == "Tom Hale"


def test_pronoun_prefers_the_name_that_speaks_in_its_sentence(quotes_in):
    text = 'Body.\n\nFor Jim Reyes the vote came too late, Tom Hale argued on Monday.\n\n"We will win this," he said.'
    assert only(quotes_in, text).speaker == "Tom Hale"


def test_verb_joined_by_and_speaks_for_the_sentence_subject(quotes_in):
    text = 'Body.\n\nTwo years ago, Ana Ruiz backed Tom Hale over Jim Reyes and said, "We will win this."'
    assert only(quotes_in, text).speaker == "Ana Ruiz"


@pytest.mark.parametrize(
    "after",
    [
        "former State policy director Ana Ruiz wrote in an email.",
        "said former Ohio Gov. and party Chairman Ana Ruiz.",
        "Sen. Tom Hale's chief of staff, Ana Ruiz, told reporters.",
    ],
)
def test_long_title_before_the_name_after_the_quote(quotes_in, after):
    assert only(quotes_in, f'Body.\n\n"We will win this," {after}').speaker == "Ana Ruiz"


@pytest.mark.parametrize(
    "text",
    [
        'Body.\n\nAna Ruiz claimed victory in a tweet, saying: "We will win this."',
        'Body.\n\nFormer secretary of state Ana Ruiz: "We will win this."',
    ],
)
def test_noun_that_looks_like_a_speech_verb_is_no_cue(quotes_in, text):
    assert only(quotes_in, text).speaker == "Ana Ruiz"


@pytest.mark.parametrize("sentence", ["Ana Ruiz agreed.", "Ana Ruiz said in a statement."])
def test_sentence_ending_on_a_speech_verb_introduces_the_quote_after_it(quotes_in, sentence):
    quote = only(quotes_in, f'Body.\n\nThe vote was close. {sentence} "We will win this."\n\nThe count goes on.')
    assert (quote.speaker, quote.sieve) == ("Ana Ruiz", "previous_sentence_reporting")


def test_sentence_of_reported_speech_introduces_the_quote_after_it(quotes_in):
    text = 'Body.\n\nAna Ruiz said the plan had failed badly over many years. "We will win this."\n\nThe count goes on.'
    quote = only(quotes_in, text)
    assert (quote.speaker, quote.sieve) == ("Ana Ruiz", "previous_sentence_reporting")


@pytest.mark.parametrize("speakers", ["Tom Hale and Ana Ruiz", "experts Tom Hale and Ana Ruiz of the Harbor Institute"])
def test_two_speakers_after_the_quote_store_the_one_next_to_the_verb(quotes_in, speakers):
    assert only(quotes_in, f'Body.\n\n"We will win this," {speakers} wrote.').speaker == "Ana Ruiz"


def test_as_x_puts_it_introduces_the_quote(quotes_in):
    quote = only(quotes_in, 'Body.\n\nAs the mayor, Ana Ruiz, puts it, "We will win this."')
    assert (quote.speaker, quote.sieve) == ("Ana Ruiz", "cue_before_quote")


def test_speech_verb_opening_the_sentence_takes_the_subject_after_it(quotes_in):
    text = 'Body.\n\nSaid Ana Ruiz, who grew up three streets from the school, "We will win this."'
    assert only(quotes_in, text).speaker == "Ana Ruiz"


@pytest.mark.parametrize("preposition", ["in", "at", "from"])
def test_name_after_a_preposition_of_place_is_no_pronoun_antecedent(quotes_in, preposition):
    text = f'Body.\n\nJohn Reyes spoke at length.\n\nSupporters waited {preposition} Porto Verde. "I will never let you down," he said.'
    assert only(quotes_in, text).speaker == "John Reyes"


def test_role_word_before_a_full_name_is_no_part_of_it(quotes_in):
    text = 'Body.\n\nJournalist Jorge Ramos asked about the wall.\n\n"We will not be quiet," Ramos said.'
    assert only(quotes_in, text).speaker == "Jorge Ramos"


def test_quote_between_two_speakers_continues_the_previous_one(quotes_in):
    text = 'Body.\n\n"We start today," Ana Ruiz said. "It will take a year." Her deputy, Tom Hale, agreed: "We are ready."'
    assert [q.speaker for q in quotes_in(text)] == ["Ana Ruiz", "Ana Ruiz", "Tom Hale"]


@pytest.mark.parametrize("tag", ["(R-Fla.)", "(D-N.Y.)"])
def test_party_tag_between_speaker_and_verb(quotes_in, tag):
    text = f'Body.\n\nOn Sunday, rival Sen. Dana Whitfield {tag} said Hale is "unelectable now."'
    assert only(quotes_in, text).speaker == "Dana Whitfield"


def test_partial_quote_after_an_inverted_reporting_clause(quotes_in):
    text = 'Body.\n\n"We are done," said Mayor Ana Ruiz, asking the council to "act before winter."'
    assert [q.speaker for q in quotes_in(text)] == ["Ana Ruiz", "Ana Ruiz"]


def test_noun_phrase_after_a_preposition_is_no_subject(quotes_in):
    text = 'Body.\n\nTom Hale at the time said he had asked his aides to "look into" paying the fees.'
    assert only(quotes_in, text).speaker == "Tom Hale"


def test_lowercase_quote_right_after_said_comma_is_that_speakers(quotes_in):
    text = 'Body.\n\nA woman asked for a photo and Ana Ruiz said, "as long as we are not breaking any rules."'
    assert only(quotes_in, text).speaker == "Ana Ruiz"


def test_participle_after_a_quote_is_no_inverted_subject(quotes_in):
    text = 'Body.\n\nAna Ruiz defended the "harbor plan," saying the city needed "a new start."'
    assert [q.speaker for q in quotes_in(text)] == ["Ana Ruiz", "Ana Ruiz"]


@pytest.mark.parametrize("headline", [
    "Mayor Ana Ruiz Says Bridge Is ‘Our Best Chance’",
    "Ana Ruiz Just Said Bridge Is ‘Our Best Chance’",
    # in title case, the words between the quote and the verb look like a name too: the one next to the verb says it
    "Harbor Plan ‘The Fix’ Could Save The Port, Ana Ruiz Says.",
])
def test_headline_names_who_says_it(quotes_in, headline):
    (quote,) = quotes_in(headline + "\n\nThe council met on Monday.")
    assert (quote.speaker, quote.sieve) == ("Ana Ruiz", "heading_says")


def test_more_verbs_of_manner(quotes_in):
    quote = only(quotes_in, 'Body.\n\n"This is fantastic!" beamed Ana Ruiz of Harbor Town.')
    assert (quote.speaker, quote.cue.text) == ("Ana Ruiz", "beamed")


def test_sentence_after_an_introduced_quote_does_not_take_it(quotes_in):
    text = 'Body.\n\nAna Ruiz confirmed the delay and said, "The bridge opens in May." The mayor then recalled the flood.'
    assert only(quotes_in, text).speaker == "Ana Ruiz"


def test_adverb_of_frequency_between_speaker_and_verb(quotes_in):
    quote = only(quotes_in, 'Body.\n\n"It is clear that the plan works," Ana Ruiz often says.')
    assert quote.speaker == "Ana Ruiz"


@pytest.mark.parametrize("phrase", ["the Beacon", "the FBI"])
def test_one_capitalised_word_after_the_is_an_institution(quotes_in, phrase):
    quote = only(quotes_in, f'Body.\n\n"The dam is safe," {phrase} reported.')
    assert (quote.speaker, quote.speaker_type) == (phrase.split()[1], "organization")


def test_name_in_apposition_speaks_not_the_object_of_a_preposition_before_it(quotes_in):
    text = 'Body.\n\nIn a statement to the Beacon, her adviser, Tom Hale, said: "We will rebuild."\n\n"It will take a year," he added.'
    assert [q.speaker for q in quotes_in(text)] == ["Tom Hale", "Tom Hale"]


@pytest.mark.parametrize("group", ["Syrians", "Attorneys"])
def test_plural_people_or_role_is_a_group_not_a_person(quotes_in, group):
    quote = only(quotes_in, f'Body.\n\n"We want to go home," {group} said.')
    assert (quote.speaker, quote.speaker_type) == (group, "nominal")


def test_plural_word_opening_a_sentence_is_a_group_and_no_antecedent(quotes_in):
    text = (
        'Body.\n\nTom Hale opened the show on Friday.\n\n'
        'Audiences can expect "a little more noise than usual."\n\n'
        '"It comes from the heart," he said.'
    )
    group, his = quotes_in(text)
    assert group.speaker_type != "person"
    assert (his.speaker, his.speaker_type) == ("Tom Hale", "person")


def test_name_after_known_as_is_the_speaker(quotes_in):
    quote = only(quotes_in, 'Body.\n\n"The wall will hold," said a harbor pilot known as Dana.')
    assert (quote.speaker, quote.title) == ("Dana", "harbor pilot")


def test_surname_that_is_a_place_keeps_the_quote_from_names_in_an_apposition(quotes_in):
    text = 'Body.\n\nAna Israel runs the harbor museum.\n\n"It is too early to tell," said Israel, who also hosts "Harbor Nights," a radio show.'
    quote = only(quotes_in, text)
    assert (quote.speaker, quote.speaker_type) == ("Ana Israel", "person")


def test_adverb_opening_a_sentence_is_no_speaker(quotes_in):
    text = "Body.\n\nHastily convened news conferences put the “total failure” down to the rivals."
    assert [q.speaker for q in quotes_in(text) if q.speaker] == []


@pytest.mark.parametrize(
    "text, speaker, kind, title",
    [
        # a day is no speaker, nor part of one
        ('Body.\n\n"We will win," said Monday the mayor.', "mayor", "nominal", None),
        # "and" inside an organisation's name does not cut it
        ('Body.\n\n"The scheme was massive," the Securities and Exchange Commission said.', "Securities and Exchange Commission", "organization", None),
        # nor inside its "of" phrase, nor inside a title's
        ('Body.\n\nThe Department of Health and Human Services called the rule "overdue."', "Department of Health and Human Services", "organization", None),
        ('Body.\n\n"We are watching," the Harbor Board of Parks and Recreation said.', "Harbor Board of Parks and Recreation", "organization", None),
        ('Body.\n\nSecretary of Health and Human Services Ana Ruiz called the rule "overdue."', "Ana Ruiz", "person", "Secretary of Health and Human Services"),
        # an organisation named for its aim: "to" and a capitalised verb go on its name
        ('Body.\n\nThe Coalition to Save Harbor Park called the vote "a betrayal."', "Coalition to Save Harbor Park", "organization", None),
        # a hyphenated given name with a short lowercase part is a name ("Harbor-based" is not)
        ('Body.\n\nSouth Korean President Lee Min-ho said the talks were "a step forward."', "Lee Min-ho", "person", "South Korean President"),
        # or a long one after a short syllable that opens no English compound ("Co-host" does)
        ('Body.\n\nHarbor Council President Kim Dae-hoon said the vote was "a step forward."', "Kim Dae-hoon", "person", "Harbor Council President"),
        ('Body.\n\nThe Co-host of the show said the vote was "a step forward."', "Co-host of the show", "nominal", None),
        # "Del." (delegate) is a title, not part of the name
        ('Body.\n\n"We are ready," Del. Ana Ruiz said.', "Ana Ruiz", "person", "Del."),
        # a name ends at "for": the writer, not the outlet written for
        ('Body.\n\n"The polls are wrong," wrote Dana Wells for the Harbor Poll.', "Dana Wells", "person", None),
        # a verb inside the words before the cue ends the speaker phrase: its subject speaks
        ('Body.\n\nThe Harbor Council issued a statement calling the vote "a disgrace."', "Harbor Council", "organization", None),
        ('Body.\n\nMayor Ana Ruiz launched an attack on the council, calling it "a disgrace."', "Ana Ruiz", "person", "Mayor"),
    ],
)
def test_speaker_phrases_are_cut_at_what_is_no_name(quotes_in, text, speaker, kind, title):
    quote = only(quotes_in, text)
    assert (quote.speaker, quote.speaker_type, quote.title) == (speaker, kind, title)


@pytest.mark.parametrize(
    "text, speaker, kind",
    [
        # a given name and a surname that is also a place's word is a person; alone, the place
        ('Body.\n\nThe union\'s leader, Lena Park, wrote to the council. Park called the offer "an insult."', "Lena Park", "person"),
        ('Body.\n\nAt Harbor Park, Ana Ruiz called the fair "a success."', "Ana Ruiz", "person"),
        # a plural role capitalised as a sentence's first word is people described, not an organisation
        ('Body.\n\nOfficials said the storm had caused "serious damage."', "Officials", "nominal"),
    ],
)
def test_words_that_name_places_or_groups_too(quotes_in, text, speaker, kind):
    quote = only(quotes_in, text)
    assert (quote.speaker, quote.speaker_type) == (speaker, kind)


@pytest.mark.parametrize(
    "text, speaker, kind",
    [
        pytest.param('The Harbor Port Authority released its budget on Monday. It said the cranes were "long overdue."',
                     "Harbor Port Authority", "organization", id="named-in-the-sentence-before"),
        pytest.param('"We stand firm," the Harbor Council said. It added that the vote was "final."', "Harbor Council", "organization",
                     id="the-organisation-that-spoke"),
        # a preposition's object is not what "it" stands for, nor an organisation named further back
        pytest.param('A report by Harbor Watch found delays. It said the port was "badly run."', None, "unknown", id="a-preposition-s-object"),
        pytest.param('The Harbor Council met on Monday. The mayor spoke first. Then the vote came. It said the plan was "final."', None, "unknown",
                     id="too-far-back"),
    ],
)
def test_it_is_the_organisation_just_named(quotes_in, text, speaker, kind):
    quote = quotes_in("Body.\n\n" + text)[-1]
    assert (quote.speaker, quote.speaker_type, quote.mention.text if quote.mention else None) == (speaker, kind, "It")


@pytest.mark.parametrize(
    "text, speaker",
    [
        pytest.param('Two port officials briefed reporters on Tuesday. They said the talks had made "real gains."', "Two port officials",
                     id="the-group-heading-the-sentence-before"),
        pytest.param('In Harbor City, union leaders rejected the offer. They called it "an insult."', "union leaders", id="past-an-opening-phrase"),
        pytest.param('Residents packed the hall. "We want answers," they said.', "Residents", id="after-the-quote"),
        # named people, or no group at the head of the sentence: left to other rules
        pytest.param('Ana Ruiz and Tom Hale met on Monday. They said the deal was "close."', None, id="named-people"),
        pytest.param('Reps. Ana Ruiz and Tom Hale met on Monday. They said the deal was "close."', None, id="a-title-before-names"),
        pytest.param('The mayor thanked the volunteers. They said the cleanup was "worth it."', None, id="a-group-that-is-no-subject"),
    ],
)
def test_they_are_the_group_just_named(quotes_in, text, speaker):
    quote = quotes_in("Body.\n\n" + text)[-1]
    assert (quote.speaker, quote.mention.text.lower() if quote.mention else None) == (speaker, "they")


def test_names_compare_with_apostrophes_folded(quotes_in):
    text = 'Body.\n\nAna O\'Neill leads the harbor council.\n\n"We are ready," O’Neill said.'
    assert only(quotes_in, text).speaker == "Ana O'Neill"


def test_a_list_of_comments_signed_with_a_horizontal_bar(quotes_in):
    """`“Q” ― Name`, as readers' comments are listed: the bar (U+2015) signs like a dash."""
    text = "Readers write.\n\n“The harbor is ours and we will keep it.” ― Ana Ruiz “We will rebuild the docks by May.” ― Tom Hale"
    assert [(q.speaker, q.sieve) for q in quotes_in(text)] == [("Ana Ruiz", "dash_after_quote"), ("Tom Hale", "dash_after_quote")]


def test_a_label_with_an_outlet_names_the_person_not_the_outlet(quotes_in):
    """`Name, Outlet: "Q"` in a columnist round-up or a transcript: the person speaks, in the outlet."""
    text = 'What the papers say.\n\nDana Wells, Harbor Gazette: "The council has lost its way on the budget."'
    quote = only(quotes_in, text)
    assert (quote.speaker, quote.speaker_type, quote.sieve) == ("Dana Wells", "person", "transcript_label")


@pytest.mark.parametrize(
    "text, speaker, kind",
    [
        ('Body.\n\n"The storm has passed," Xinhua said.', "Xinhua", "organization"),  # a news agency
        ('Body.\n\n"The storm has passed over the bay," ESPN reported.', "ESPN", "organization"),  # an acronym
        ('Body.\n\nHALE: "We will win the vote."', "HALE", "person"),  # a transcript's label, in capitals
        ('Body.\n\n"The ad will run in May," Harbor TRC said.', "Harbor TRC", "organization"),  # a word in capitals
        ('Body.\n\n"The ad will run in May," Tom Hale III said.', "Tom Hale III", "person"),  # a roman numeral
    ],
)
def test_news_agencies_and_acronyms_are_organisations_labels_are_people(quotes_in, text, speaker, kind):
    quote = only(quotes_in, text)
    assert (quote.speaker, quote.speaker_type) == (speaker, kind)


def test_a_news_agency_is_no_antecedent_of_he(quotes_in):
    text = 'Body.\n\nAdmiral Tom Hale leads the harbor fleet.\n\n"He is a troublemaker," Xinhua, the state news agency, wrote.\n\n"They try to demonize me," he said.'
    assert [(q.speaker, q.speaker_type) for q in quotes_in(text)] == [("Xinhua", "organization"), ("Tom Hale", "person")]


def test_a_phrase_cut_before_its_noun_is_no_speaker(quotes_in):
    """`the authors of the "Harbor Plan"`: the words before the title's marks end in "the"."""
    text = 'Body.\n\n"We must grow the harbor by half," wrote the authors of the "Harbor Plan," in March.'
    assert [(q.text, q.speaker) for q in quotes_in(text)] == [("We must grow the harbor by half,", None)]


def test_a_pronoun_with_a_contraction_is_resolved(quotes_in):
    """`He’s claiming …`: one token without a parser, still the pronoun he."""
    text = 'Body.\n\nTom Hale spoke at the dock on Monday. He’s claiming that the harbor is "a disaster" for the town.'
    assert only(quotes_in, text).speaker == "Tom Hale"


@pytest.mark.parametrize(
    "text, speaker, kind",
    [
        ('Body.\n\n"We are heartbroken," the family said.', "family", "nominal"),  # a noun in -ly, no adverb
        ('Body.\n\n"She will win the vote," one Ruiz ally said.', "Ruiz ally", "nominal"),  # an ally of Ruiz, not Ruiz
        ('Body.\n\n"We will win," Ruiz quickly said.', "Ruiz", "person"),  # an adverb in -ly, skipped
    ],
)
def test_nouns_in_ly_are_no_adverbs(quotes_in, text, speaker, kind):
    quote = only(quotes_in, text)
    assert (quote.speaker, quote.speaker_type) == (speaker, kind)


@pytest.mark.parametrize(
    "words, kind, name",
    [
        ("a spokesman for Mayor Ana Ruiz", "nominal", None),
        ("the chief executive of Harbor Media", "nominal", None),
        ("one of the former advisers to Ana Ruiz", "nominal", None),
        ("a report for Ana Ruiz", "nominal", None),
        ("Critics of Ana Ruiz", "nominal", None),
        # the name speaks: its own text, words or recording, an author, a title after "of", according to
        ("a statement from Ana Ruiz", "person", "Ana Ruiz"),
        ("the remarks of Ana Ruiz", "person", "Ana Ruiz"),
        ("footage of Ana Ruiz", "person", "Ana Ruiz"),
        ("a study by Ana Ruiz", "person", "Ana Ruiz"),
        ("White House chief of staff Ana Ruiz", "person", "Ana Ruiz"),
        ("Secretary of State Ana Ruiz", "person", "Ana Ruiz"),
        ("according to Ana Ruiz", "person", "Ana Ruiz"),
    ],
)
def test_a_name_a_description_is_about_is_not_its_speaker(make_doc, words, kind, name):
    mention = parse_mention(words, list(make_doc(words).tokens))
    assert (mention.speaker_type, mention.name) == (kind, name)


@pytest.mark.parametrize(
    "reporting, speaker, kind",
    [
        ("a spokesman for Mayor Ana Ruiz said", "spokesman for Mayor Ana Ruiz", "anonymous"),
        ("one of the former advisers to Ana Ruiz said", "one of the former advisers to Ana Ruiz", "anonymous"),
        ("a report for Ana Ruiz said", "report for Ana Ruiz", "document"),
    ],
)
def test_a_description_about_a_name_is_the_speaker(quotes_in, reporting, speaker, kind):
    quote = only(quotes_in, f'Body.\n\n"The plan will fail," {reporting}.')
    assert (quote.speaker, speaker_kind(quote.speaker_type, quote.speaker), quote.sieve) == (speaker, kind, "cue_after_quote")


@pytest.mark.parametrize(
    "sentence, speaker, kind",
    [
        ('Tom Hale’s doctor is calling the candidate "extremely fit."', "Tom Hale’s doctor", "anonymous"),
        ('Former mayor Tom Hale’s doctor is calling him "extremely fit."', "Former mayor Tom Hale’s doctor", "anonymous"),
        ('Ana Ruiz’s campaign manager is calling the plan "a disaster for the whole harbor."', "Ana Ruiz’s campaign manager", "anonymous"),
        ("However, Ana Ruiz's brief said that was not her view and called the reports \"old claims.\"", "Ana Ruiz's brief", "document"),
        # what the owner has that is neither a person nor a text leaves the owner speaking
        ('Ana Ruiz’s stock is calling the plan "a disaster for the whole harbor."', "Ana Ruiz", "person"),
        ('He’s calling the plan "a disaster."', None, "unknown"),
    ],
)
def test_a_description_a_name_owns_speaks_for_itself(quotes_in, sentence, speaker, kind):
    quote = only(quotes_in, "Body.\n\n" + sentence)
    assert (quote.speaker, speaker_kind(quote.speaker_type, quote.speaker)) == (speaker, kind)


@pytest.mark.parametrize(
    "reporting, title",
    [
        ("said Clinton campaign spokesman Tom Hale", "Clinton campaign spokesman"),
        ("said Harbor Radio co-host Tom Hale", "Harbor Radio co-host"),
        ("said the Gazette’s Tom Hale", "Gazette’s"),
        # words before a name that are no title: an age, a place, a mood
        ("said 24-year-old Tom Hale", None),
        ("said Chicago native-born Tom Hale", None),
        ("said an angry Tom Hale", None),
    ],
)
def test_a_title_ends_in_a_title_role_or_owner(quotes_in, reporting, title):
    quote = only(quotes_in, f'Body.\n\n"We will win," {reporting}.')
    assert (quote.speaker, quote.title) == ("Tom Hale", title)


@pytest.mark.parametrize(
    "words, kind",
    [
        ("Harbor Americans", "nominal"),
        ("Harbor Republicans", "nominal"),
        ("many Catholics", "nominal"),
        ("the Daily Caller", "organization"),
        ("Harbor Watch", "organization"),
        ("Priorities PAC", "organization"),
        ("Tom Sanders", "person"),
    ],
)
def test_a_group_or_an_organisation_is_no_person(make_doc, words, kind):
    assert parse_mention(words, list(make_doc(words).tokens)).speaker_type == kind


def test_a_group_named_in_capitals_is_no_antecedent(quotes_in):
    text = 'Body.\n\nAna Ruiz spoke at the temple.\n\nHarbor Republicans gathered outside in the rain. "We are here to stay," she said.'
    assert only(quotes_in, text).speaker == "Ana Ruiz"


def test_a_pronoun_passes_over_a_name_a_preposition_governs_for_the_sentence_subject(quotes_in):
    text = 'Body.\n\nDuring an interview with Tom Hale that aired Monday, Sam Ruiz laid out his plan for the harbor.\n\n"We will build it," he said.'
    assert only(quotes_in, text).speaker == "Sam Ruiz"


@pytest.mark.parametrize(
    "text, speaker",
    [
        pytest.param('Harbor Sen. Tom Hale spoke in Salem.\n\n"We will win this state," the Harbor senator said.', "Tom Hale", id="the-title-named-before"),
        pytest.param('Republican candidate Tom Hale met Democratic candidate Ana Ruiz.\n\n"It went well," the Republican candidate said.',
                     "Tom Hale", id="the-words-that-tell-who"),
        pytest.param('Sen. Tom Hale met Gov. Ana Ruiz on Monday.\n\n"It went well," the governor said.', "Ana Ruiz", id="passing-over-other-titles"),
        pytest.param('President Tom Hale flew in.\n\nLater, Hale met the press.\n\n"It went well," the president said.', "Tom Hale",
                     id="titled-earlier-in-the-article"),
        # what an apposition after the name says: a party, a role, an age
        pytest.param('Mayor Lena Ortiz, a Democrat, spoke first.\n\n"We will rebuild," the Democrat said.', "Lena Ortiz", id="a-party-in-apposition"),
        pytest.param('Lena Ortiz, the port director, toured the docks.\n\n"We will rebuild," the director said.', "Lena Ortiz", id="a-role-in-apposition"),
        pytest.param('Tom Hale, a spokesman for the port authority, spoke.\n\n"We are ready," the spokesman said.', "Tom Hale",
                     id="a-role-for-an-organisation"),
        pytest.param('Tom Hale, 62, has fished here for decades.\n\n"The river is dying," the 62-year-old said.', "Tom Hale", id="an-age-in-apposition"),
        # what a description set off before the name says
        pytest.param('The mayor, Ana Ruiz, defended the plan.\n\n"It works," the mayor said.', "Ana Ruiz", id="a-title-before-the-name"),
        pytest.param("The port's chief executive, Tom Hale, spoke first. Ruiz stayed home.\n\n\"We grew,\" the chief executive said.", "Tom Hale",
                     id="a-possessed-title-before-the-name"),
        pytest.param('Tom Hale, 62, met Ana Ruiz, 41.\n\n"The river is dying," the 41-year-old said.', "Ana Ruiz", id="the-age-that-fits"),
        # no one named with the title, or someone named without one on the way: the description stays
        pytest.param('Sen. Tom Hale spoke. Later Ana Ruiz arrived.\n\n"It went well," the senator said.', "senator", id="untitled-person-on-the-way"),
        pytest.param('Sen. Tom Hale spoke.\n\n"It went well," the second senator said.', "second senator", id="one-of-several"),
        pytest.param('Official Tom Hale spoke.\n\n"It went well," the official said.', "official", id="an-unnamed-source-stays-unnamed"),
    ],
)
def test_a_description_made_of_a_title_is_the_person_just_named_with_it(quotes_in, text, speaker):
    assert only(quotes_in, "Body.\n\n" + text).speaker == speaker


def test_a_pronoun_whose_antecedent_is_a_lone_surname_is_the_full_name_last_written_with_it(quotes_in):
    text = (
        "Body.\n\nLibertarian candidate Gary Hale said on Monday that he would debate. Gary Hale said he was ready. "
        "Gary Hale added that he would win.\n\nHarbor Security Secretary Jeh Hale says hackers are targeting the port.\n\n"
        "Hale tells Harbor Radio that the culprits are unknown.\n\n"
        'Hale said officials should ask for help. "There is no single point of failure," he said.'
    )
    quote = only(quotes_in, text)
    assert (quote.speaker, quote.mention.text) == ("Jeh Hale", "he")


def test_a_pronoun_passes_over_a_name_in_a_subordinate_clause_opening_the_sentence(quotes_in):
    text = (
        "Body.\n\nWhile Tom Hale had many songs written about him, that has not happened for Ana Ruiz, which worries "
        'Sam Ortiz, head of the Harbor Music Guild.\n\n"No one writes songs for her," he said.'
    )
    assert only(quotes_in, text).speaker == "Sam Ortiz"


def test_a_form_of_address_never_completes_a_surname_with_a_name_of_the_other_gender(quotes_in):
    quote = only(quotes_in, 'Body.\n\nAna Hale chaired the meeting.\n\n"The harbor will reopen," Mr. Hale said.')
    assert quote.speaker == "Hale"


@pytest.mark.parametrize(
    "paragraphs, speaker",
    [
        ('Later, Ana Hale told the council the budget was short. "We need more money," Hale said.', "Ana Hale"),
        ('Later, Ana Hale told the council the budget was short.\n\n"We need more money," Hale said.', "Ana Hale"),
        # a relative set off by commas is named in passing
        ('He spoke of his daughter, Ana Hale. "We need more money," Hale said.', "Tom Hale"),
    ],
)
def test_a_lone_surname_is_the_full_name_its_paragraph_has_just_written(quotes_in, paragraphs, speaker):
    text = f'Body.\n\n"We will win the harbor," Tom Hale said on Monday. "The vote is ours," Tom Hale added.\n\n{paragraphs}'
    assert quotes_in(text)[-1].speaker == speaker


@pytest.mark.parametrize(
    "sentence, title",
    [
        ('One shopper, Omar Haddad, said: "The market is empty."', "One shopper"),
        ('His best friend, Omar Haddad, said: "The market is empty."', None),
    ],
)
def test_a_description_before_a_name_in_apposition_is_its_title_only_when_it_reads_as_one(quotes_in, sentence, title):
    quote = only(quotes_in, "Body.\n\n" + sentence)
    assert (quote.speaker, quote.title) == ("Omar Haddad", title)


def test_a_section_label_in_capitals_before_a_dash_is_no_speaker(quotes_in):
    quote = only(quotes_in, 'Body.\n\nHARBOR NOTES—"A high-end gallery will open across from the park next month, its owners said."')
    assert (quote.speaker, quote.sieve) == (None, None)
