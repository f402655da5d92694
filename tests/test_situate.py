import pytest

from quotes.pipeline import extract_quotes


def situation(text, published=None):
    (quote,) = [q for q in extract_quotes(text, published) if q.speaker]
    return quote.situation


@pytest.mark.parametrize(
    "text, addressee",
    [
        ('Body.\n\n"We are ready," Ana Ruiz told reporters.', "reporters"),
        ('Body.\n\n"We are ready," Ana Ruiz told BBC radio on Thursday.', "BBC radio"),
        ('Body.\n\n"We are ready," Ana Ruiz told AFP.', "AFP"),
        ('Body.\n\n"We are ready," Ana Ruiz told reporters waiting outside the hall.', "reporters"),
        ('Body.\n\n"We are ready," Ana Ruiz said in an interview with CNN.', "CNN"),
        ('Body.\n\n"We are ready," Ana Ruiz said in a statement.', "statement"),
        ('Body.\n\n"We are ready," Ana Ruiz wrote on Twitter.', "Twitter"),
        ('Body.\n\n"We are ready," Ana Ruiz said at a news conference.', "news conference"),
        # what was told begins at its determiner; a title keeps its own, a preposition's object too
        ('Body.\n\nDana Wills told reporters the mayor was "monitoring the situation."', "reporters"),
        ('Body.\n\nDana Wills told Harbor Talk the mayor was "monitoring the situation."', "Harbor Talk"),
        ('Body.\n\nDana Wills told Face the Harbor that the mayor was "monitoring the situation."', "Face the Harbor"),
        ('Body.\n\nDana Wills told some of the workers that the mayor was "monitoring the situation."', "some of the workers"),
    ],
)
def test_addressee(text, addressee):
    assert situation(text).addressee == addressee


@pytest.mark.parametrize(
    "text, place",
    [
        ('Body.\n\n"We are ready," Ana Ruiz said in Geneva.', "Geneva"),
        ('Body.\n\nSpeaking in Hangzhou, Ana Ruiz said the talks were "hard going" for everyone.', "Hangzhou"),
        ('Body.\n\n"We are ready," Ana Ruiz said during a meeting with the mayor in Lyon on Sunday.', "Lyon"),
        ('Body.\n\n"We are ready," Ana Ruiz said Tuesday in London.', "London"),
    ],
)
def test_place_stated(text, place):
    found = situation(text)
    assert (found.place, found.place_basis) == (place, "stated")


def test_place_in_reported_clause_is_not_where_it_was_said():
    text = 'Body.\n\n"We are ready," an official said, adding that Ana Ruiz was meeting colleagues in Paris.'
    assert situation(text).place is None


def test_dateline_is_the_fallback_place_and_says_so(tmp_path):
    from quotes.pipeline import process_article
    from quotes.read import read_article

    path = tmp_path / "a.txt"
    path.write_text(
        'Council votes\n\nGENEVA – The council met for six hours on Monday to vote on the plan for the river.\n\n"We are ready," Ana Ruiz said.\n',
        encoding="utf-8",
    )
    (quote,) = process_article(read_article(path)).quotes
    assert (quote.situation.place, quote.situation.place_basis) == ("Geneva", "dateline")


@pytest.mark.parametrize(
    "text, published, said_on, basis",
    [
        ('Body.\n\n"We are ready," Ana Ruiz said on Wednesday.', "2016-09-08", "2016-09-07", "weekday on or before publication"),
        ('Body.\n\n"We are ready," Ana Ruiz said on Thursday.', "2016-09-08", "2016-09-08", "weekday on or before publication"),
        ('Body.\n\nAna Ruiz on Sunday said the plan was "ready to go" for all.', "2016-09-08", "2016-09-04", "weekday on or before publication"),
        ('Body.\n\n"We are ready," Ana Ruiz said on Sept. 1.', "2016-09-08", "2016-09-01", "explicit date, year of publication"),
        ('Body.\n\n"We are ready," Ana Ruiz said on March 3, 2015.', None, "2015-03-03", "explicit date"),
        ('Body.\n\n"We are ready," Ana Ruiz said yesterday.', "2016-09-08", "2016-09-07", "yesterday relative to publication"),
        ('Body.\n\n"We are ready," Ana Ruiz said last week.', "2016-09-08", "2016-09-01", "a week before publication (approximate)"),
    ],
)
def test_date_said(text, published, said_on, basis):
    found = situation(text, published)
    assert (found.said_on, found.said_on_basis) == (said_on, basis)


def test_relative_date_without_publication_date_stays_empty_with_its_phrase():
    found = situation('Body.\n\n"We are ready," Ana Ruiz said on Wednesday.')
    assert (found.said_on, found.said_on_phrase) == (None, "on Wednesday")


def test_no_date_in_clause_means_no_date_said():
    found = situation('Body.\n\nThe plan failed on Monday.\n\n"We are ready," Ana Ruiz said.', "2016-09-08")
    assert found.said_on is None and found.said_on_phrase is None


def test_seeds_where_and_when(seeds_dir):
    from quotes.pipeline import process_article
    from quotes.read import read_article

    def quote(seed, start):
        result = process_article(read_article(next(seeds_dir.glob(f"{seed}_*.txt"))))
        return result, next(q for q in result.quotes if q.text.startswith(start))

    reuters, _ = quote("001", "We're not there yet")
    assert (reuters.article.outlet, reuters.article.published) == ("Reuters", "2016-09-08")
    _, mistura = quote("002", "[It] would have a major impact")
    assert (mistura.situation.place, mistura.situation.place_basis) == ("Geneva", "stated")
    _, erdogan = quote("004", "Our hope is never to see a belt of terrorism")
    assert (erdogan.situation.place, erdogan.situation.said_on) == ("Hangzhou", "2016-09-04")
    _, carter = quote("002", "quite a long way to go")
    assert carter.situation.addressee == "BBC radio"
