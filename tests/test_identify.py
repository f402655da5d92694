import json
import os

import pytest
from typer.testing import CliRunner

from quotes.cli import app
from quotes.written import name_key, same_person
from quotes.names import organisation_name
from quotes.store import open_database


@pytest.mark.parametrize(
    "a, b",
    [
        ("Sergei Lavrov", "Sergey Lavrov"),
        ("Donald J. Trump", "Donald Trump"),
        ("Recep Tayyip Erdoğan", "Recep Tayyip Erdogan"),
        ("Tayyip Erdogan", "Recep Tayyip Erdogan"),
        ("Hillary Rodham Clinton", "Hillary Clinton"),
        ("Mr. Mark Toner", "Mark Toner"),
        ("Geoff Garland", "Geoffrey Garland"),
        ("Hilary Clinton", "Hillary Clinton"),
        ("Adm. Vance", "Admiral Vance"),
        ("Martin O'Malley", "Martin O’Malley"),
        ("Ed Rendell", "Edward G. Rendell"),  # a short form of the given name
        ("Jo-Renee Ferris", "Jo–Renee Ferris"),
    ],
)
def test_same_person(a, b):
    assert same_person(name_key(a), name_key(b))


@pytest.mark.parametrize(
    "a, b",
    [
        ("Bill Clinton", "Hillary Clinton"),
        ("Donald Trump", "Donald Trump Jr."),
        ("Ron Paul", "Rand Paul"),
        ("Jeb Bush", "George Bush"),
        ("Mark Toner", "Toner"),
        ("Ivana Trump", "Ivanka Trump"),
        ("Pope Clement", "Diane Clement"),
        ("Daniel Hale", "Danielle Hale"),  # a man's name and a woman's, a letter apart
    ],
)
def test_different_people(a, b):
    assert not same_person(name_key(a), name_key(b))


def ingest_texts(tmp_path, texts, db="q.db"):
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(tmp_path / db), "--quiet"])
    assert result.exit_code == 0, result.output
    return open_database(tmp_path / db)


def ingest_in_order(tmp_path, order, texts):
    """TEXTS ingested under the file names ORDER gives them, so that they are read in that order."""
    return ingest_texts(tmp_path, {f"{name}.txt": text for name, text in zip(order, texts)})


def speakers_of(db):
    return {row["text"]: row["speaker"] for row in db.query("select text, speaker from quotes")}


def test_variants_across_articles_are_one_speaker(tmp_path):
    db = ingest_texts(tmp_path, {
        "a.txt": 'Talks\n\n"We are close," Russian Foreign Minister Sergei Lavrov said.',
        "b.txt": 'Talks\n\n"Nothing is agreed," Sergey Lavrov told reporters.',
        "c.txt": 'Talks\n\n"It is a hard road," Mr. Lavrov said.',
    })
    assert set(speakers_of(db).values()) == {"Sergei Lavrov"}
    speaker = next(db.query("select * from speakers"))
    assert (speaker["n_quotes"], speaker["n_documents"], speaker["title"]) == (3, 3, "Russian Foreign Minister")
    aliases = {row["alias"] for row in db.query("select alias from speaker_aliases")}
    assert {"Sergei Lavrov", "Sergey Lavrov", "Lavrov"} <= aliases


def test_surname_alone_resolves_whichever_article_comes_first(tmp_path):
    db = ingest_texts(tmp_path, {
        "a.txt": 'Briefing\n\n"We are not there yet," Toner said.',
        "b.txt": 'Briefing\n\n"Talks go on," State Department spokesman Mark Toner said.',
    })
    assert set(speakers_of(db).values()) == {"Mark Toner"}
    assert db.table("speakers").count == 1


def test_ambiguous_surname_stays_unresolved_with_candidates(tmp_path):
    db = ingest_texts(tmp_path, {
        "a.txt": 'Race\n\n"I will win," Hillary Clinton said.',
        "b.txt": 'Race\n\n"She will win," Bill Clinton said.',
        "c.txt": 'Race\n\n"It is close," Clinton said.',
    })
    assert speakers_of(db) == {"I will win,": "Hillary Clinton", "She will win,": "Bill Clinton", "It is close,": "Clinton"}
    lone = next(db.query("select candidates from speakers where name = 'Clinton'"))
    assert json.loads(lone["candidates"]) == ["Bill Clinton", "Hillary Clinton"]


def test_two_namesakes_new_in_one_article_leave_each_other_their_rows(tmp_path):
    """A lone "Hale" stored first goes to Lena Hale when she is met, and off her again when Tom
    Hale is met in the same article: her new row, left with no quote before the article's own
    are stored, must not be dropped (it was, and the ingest stopped)."""
    db = ingest_in_order(tmp_path, ("a", "b"), [
        'Harbor\n\n"We need more boats," Hale said.',
        'Harbor\n\n"The wall will hold," Lena Hale said.\n\n"Nobody asked us," Tom Hale said.',
    ])
    assert speakers_of(db) == {"We need more boats,": "Hale", "The wall will hold,": "Lena Hale", "Nobody asked us,": "Tom Hale"}


@pytest.mark.parametrize("order", [("a", "b", "c"), ("c", "b", "a"), ("b", "a", "c")])
def test_a_lone_surname_is_settled_by_the_whole_corpus_not_the_order_of_articles(tmp_path, order):
    """The lone "Hale" met while Lena Hale is the only Hale is not hers once Tom Hale comes too."""
    texts = [
        'Harbor\n\n"The wall will hold," Lena Hale said.',
        'Harbor\n\n"We need more boats," Hale said.',
        'Harbor\n\n"Nobody asked us," Tom Hale said.',
    ]
    db = ingest_in_order(tmp_path, order, texts)
    assert speakers_of(db)["We need more boats,"] == "Hale"
    lone = next(db.query("select candidates, n_quotes from speakers where name = 'Hale'"))
    assert (json.loads(lone["candidates"]), lone["n_quotes"]) == (["Lena Hale", "Tom Hale"], 1)
    assert db.table("speakers").count == 3  # no row left without quotes


def test_a_lone_surname_with_mrs_or_she_is_the_woman_of_that_name(tmp_path):
    db = ingest_texts(tmp_path, {
        "a.txt": 'Harbor\n\n"The wall will hold," Lena Hale said.',
        "b.txt": 'Harbor\n\n"Nobody asked us," Tom Hale said.',
        "c.txt": 'Harbor\n\n"We need more boats," Mrs. Hale said.',
        "d.txt": 'Harbor\n\n"Boats are late," Mr. Hale said.',
    })
    assert speakers_of(db)["We need more boats,"] == "Lena Hale"
    assert speakers_of(db)["Boats are late,"] == "Tom Hale"


def test_aliases_are_names_without_possessives_and_never_a_given_name_alone(tmp_path):
    db = ingest_texts(tmp_path, {
        "a.txt": 'Harbor\n\nTom Hale arrived late.\n\n"We need more boats," Tom said.\n\nHale\'s aide said the plan was "a mistake" from the start.',
    })
    aliases = {row["alias"] for row in db.query("select alias from speaker_aliases")}
    assert "Tom" not in aliases and not any(alias.endswith("'s") for alias in aliases)
    assert "Tom Hale" in aliases


def test_a_lone_word_the_corpus_never_introduces_gets_no_speaker_row(tmp_path):
    """`Islamist`, `Weeds`: a capitalised word with no title, no form of address and no full name
    anywhere names nobody the index can hold; the quote keeps the words as written."""
    db = ingest_texts(tmp_path, {
        "a.txt": 'Harbor\n\nWeeds said the harbor plan was "a mistake" from the start.',
        "b.txt": 'Harbor\n\n"We need more boats," Mr. Brandt said.',
    })
    assert speakers_of(db) == {"a mistake": "Weeds", "We need more boats,": "Brandt"}
    assert [row["name"] for row in db.query("select name from speakers")] == ["Brandt"]


def test_title_that_names_a_person_keeps_a_lone_name_apart(tmp_path):
    db = ingest_texts(tmp_path, {
        "a.txt": 'Visit\n\n"Peace be with you," Pope Clement said.',
        "b.txt": 'Markets\n\n"Rates will rise," Diane Clement said.',
    })
    assert set(speakers_of(db).values()) == {"Pope Clement", "Diane Clement"}
    assert db.table("speakers").count == 2


def test_merge_override_survives_reingest(tmp_path):
    db = ingest_texts(tmp_path, {"a.txt": 'Talks\n\n"We are close," Elena Hale said.', "b.txt": 'Talks\n\n"Soon," Lena Hale said.'})
    assert len(set(speakers_of(db).values())) == 2
    result = CliRunner().invoke(app, ["speakers", "merge", "Lena Hale", "Elena Hale", "--db", str(tmp_path / "q.db")])
    assert result.exit_code == 0, result.output
    assert set(speakers_of(open_database(tmp_path / "q.db")).values()) == {"Elena Hale"}
    (tmp_path / "in" / "b.txt").write_text('Talks\n\n"Very soon," Lena Hale said.', encoding="utf-8")
    db = ingest_texts(tmp_path, {})
    assert set(speakers_of(db).values()) == {"Elena Hale"}


def test_rename_override_survives_reingest(tmp_path):
    ingest_texts(tmp_path, {"a.txt": 'Talks\n\n"We are close," Mr. Mistura said.'})
    result = CliRunner().invoke(app, ["speakers", "rename", "Mistura", "Staffan de Mistura", "--db", str(tmp_path / "q.db")])
    assert result.exit_code == 0
    db = ingest_texts(tmp_path, {"b.txt": 'Talks\n\n"Soon," Mr. Mistura said.'})
    assert set(speakers_of(db).values()) == {"Staffan de Mistura"}


def test_split_override_keeps_a_name_apart(tmp_path):
    db = ingest_texts(tmp_path, {"a.txt": 'Talks\n\n"We are close," Sergei Lavrov said.', "b.txt": 'Talks\n\n"Soon," Sergey Lavrov said.'})
    assert len(set(speakers_of(db).values())) == 1
    result = CliRunner().invoke(app, ["speakers", "split", "Sergey Lavrov", "--db", str(tmp_path / "q.db")])
    assert result.exit_code == 0, result.output
    db = open_database(tmp_path / "q.db")
    assert speakers_of(db) == {"We are close,": "Sergei Lavrov", "Soon,": "Sergey Lavrov"}
    db = ingest_texts(tmp_path, {"c.txt": 'Talks\n\n"Later," Sergey Lavrov said.'})
    assert speakers_of(db)["Later,"] == "Sergey Lavrov"


def test_curation_of_unknown_speaker_is_one_line_error(tmp_path):
    ingest_texts(tmp_path, {"a.txt": 'Talks\n\n"We are close," Sergei Lavrov said.'})
    result = CliRunner().invoke(app, ["speakers", "merge", "Nobody Here", "Sergei Lavrov", "--db", str(tmp_path / "q.db")])
    assert result.exit_code == 1
    assert "Nobody Here: no such speaker" in result.output


def test_seeds_toner_and_lavrov(seeds_dir, tmp_path):
    CliRunner().invoke(app, ["ingest", str(seeds_dir), "--db", str(tmp_path / "s.db"), "--quiet"])
    db = open_database(tmp_path / "s.db")
    toner = next(db.query("select speaker from quotes where text like 'We have not been able to reach%' and document_id = (select id from documents where path like '%000_%')"))
    assert toner["speaker"] == "Mark Toner"
    names = {row["name"] for row in db.query("select name from speakers")}
    assert "Toner" not in names and "Sergey Lavrov" not in names


def test_speaker_kind_separates_named_people_organisations_anonymous_sources_and_documents(tmp_path):
    db = ingest_texts(tmp_path, {
        "a.txt": 'Harbor\n\n"The wall will hold," Mayor Lena Hale said.',
        "b.txt": 'Harbor\n\n"Boats are late," the Harbor Council said.',
        "c.txt": 'Harbor\n\n"Nobody asked us," a senior official said.',
        "d.txt": 'Harbor\n\n"Repairs start in May," the statement said.',
        "e.txt": 'Harbor\n\n"We need more boats," the campaign said.',
        "f.txt": 'Harbor\n\n"It is too late," one shopper said.',
    })
    kinds = {row["text"]: row["speaker_kind"] for row in db.query("select text, speaker_kind from quotes")}
    assert kinds == {
        "The wall will hold,": "person",
        "Boats are late,": "organization",
        "Nobody asked us,": "anonymous",
        "Repairs start in May,": "document",
        "We need more boats,": "organization",
        "It is too late,": "anonymous",
    }


@pytest.mark.parametrize(
    "phrase, name",
    [
        ("the Harbor Board of Elections", "Harbor Board of Elections"),
        ("the Securities and Exchange Commission", "Securities and Exchange Commission"),
        ("the Sanders campaign", "Sanders campaign"),
        ("Mayor Ana Ruiz’s office", "Ana Ruiz’s office"),  # the title goes, the owner stays
        ("the Harbor Department’s", "Harbor Department"),
        ("CEO of the Harbor Restaurant Association", None),  # a person, described by the organisation
        ("members of the Harbor Council", None),
        ("her campaign", None),
        ("A coalition", None),
        ("Local news", None),  # capitalised only as the sentence's first word
        ("some on Twitter", None),  # people on it, not the company
        ("Ana Ruiz began a $1 million ad campaign", None),
    ],
)
def test_an_organisation_is_named_by_its_capitalised_words_or_not_at_all(make_doc, phrase, name):
    assert organisation_name(list(make_doc(phrase).tokens)) == name


@pytest.mark.parametrize(
    "text, speaker, kind",
    [
        ('Body.\n\n"We will appeal," the Sanders campaign said.', "Sanders campaign", "organization"),
        ('Body.\n\nHer campaign said the ruling was "a mistake" and would appeal.', "Her campaign", "nominal"),
    ],
)
def test_a_described_organisation_is_no_organisation_row(quotes_in, text, speaker, kind):
    quote = quotes_in(text)[0]
    assert (quote.speaker, quote.speaker_type) == (speaker, kind)


@pytest.mark.parametrize("order", [("a", "b", "c", "d"), ("d", "c", "b", "a"), ("c", "a", "d", "b")])
def test_a_lone_surname_written_with_a_title_is_the_one_person_of_that_name_with_it(tmp_path, order):
    texts = [
        'Harbor\n\n"The wall will hold," Harbor Mayor Lena Hale said.',
        'Harbor\n\n"Nobody asked us," Tom Hale said.',
        'Harbor\n\n"We need more boats," Mayor Hale said.',
        'Harbor\n\n"It is late," Hale said.',
    ]
    db = ingest_in_order(tmp_path, order, texts)
    assert speakers_of(db)["We need more boats,"] == "Lena Hale"
    assert speakers_of(db)["It is late,"] == "Hale"  # no title, no gender: still either of them


@pytest.mark.parametrize("order", [("a", "b", "c"), ("c", "b", "a"), ("b", "a", "c")])
def test_what_an_article_tells_of_a_lone_surname_holds_for_all_its_quotes_whenever_a_namesake_comes(tmp_path, order):
    texts = [
        'Harbor\n\n"Nobody asked us," Tom Hale said.',
        'Harbor\n\n"We need more boats," Hale said.\n\n"They are late," he added.',
        'Harbor\n\n"The wall will hold," Lena Hale said.',
    ]
    db = ingest_in_order(tmp_path, order, texts)
    assert (speakers_of(db)["We need more boats,"], speakers_of(db)["They are late,"]) == ("Tom Hale", "Tom Hale")


def test_a_title_and_its_short_form_are_one_title(tmp_path):
    db = ingest_texts(tmp_path, {
        "a.txt": 'Harbor\n\n"The wall will hold," Sen. Lena Hale said.',
        "b.txt": 'Harbor\n\n"Nobody asked us," Tom Hale said.',
        "c.txt": 'Harbor\n\n"We need more boats," Senator Hale said.',
    })
    assert speakers_of(db)["We need more boats,"] == "Lena Hale"


@pytest.mark.parametrize("order", [("a", "b", "c"), ("a", "c", "b"), ("c", "b", "a")])  # ("a", "c", "b"): Jonah, J.J., Jeffrey
def test_a_surname_written_with_initials_that_fit_two_namesakes_stays_undecided_in_any_order(tmp_path, order):
    texts = [
        'Harbor\n\n"The wall will hold," Jonah Hale said.',
        'Harbor\n\n"Nobody asked us," Jeffrey Hale said.',
        'Harbor\n\n"We need more boats," J.J. Hale said.',
    ]
    db = ingest_in_order(tmp_path, order, texts)
    assert speakers_of(db)["We need more boats,"] not in ("Jonah Hale", "Jeffrey Hale")


CHRIS_HALES = [
    'Docks\n\n"We need more boats," Christopher Hale said.',
    'Docks\n\n"The wall will hold," Christian Hale said.',
    'Docks\n\n"Nobody asked us," Chris Hale said.',
]


@pytest.mark.parametrize("order", ["abc", "bca", "cab", "acb"])
def test_a_short_name_that_fits_two_people_is_neither_whatever_the_order(tmp_path, order):
    # "Chris" is short for Christopher and for Christian: linked as they came, it went to
    # whichever came first.
    db = ingest_in_order(tmp_path, order, CHRIS_HALES)
    assert speakers_of(db) == {"We need more boats,": "Christopher Hale", "The wall will hold,": "Christian Hale", "Nobody asked us,": "Chris Hale"}
    assert db.table("speakers").count == 3


def test_people_among_groups_full_names_as_one_order_free_set():
    from itertools import permutations

    from quotes.surnames import people_among

    names = ["Christopher Hale", "Chris Hale", "Christian Hale", "Christopher J. Hale"]
    expected = {("Christopher J. Hale", "Christopher Hale"), ("Christian Hale",), ("Chris Hale",)}
    assert all({person.names for person in people_among(list(each))} == expected for each in permutations(names))
    assert {person.names for person in people_among(["Chris Hale", "Christopher Hale"])} == {("Christopher Hale", "Chris Hale")}


def test_when_the_second_person_goes_the_short_name_joins_the_first(tmp_path):
    ingest_in_order(tmp_path, "bac", CHRIS_HALES)  # Christian Hale's article read first
    (tmp_path / "in" / "a.txt").unlink()
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "in"), "--db", str(tmp_path / "q.db"), "--prune", "--quiet"])
    assert result.exit_code == 0, result.output
    db = open_database(tmp_path / "q.db")
    # one article each: the most specific name is the row's
    assert speakers_of(db) == {"We need more boats,": "Christopher Hale", "Nobody asked us,": "Christopher Hale"}
    assert db.table("speakers").count == 1


@pytest.mark.parametrize("order", ["abc", "bca"])
def test_a_person_is_called_by_the_name_most_articles_write_whatever_came_first(tmp_path, order):
    db = ingest_in_order(tmp_path, order, [
        'Talks\n\n"We are close," Sergey Lavrov said.',
        'Talks\n\n"Nothing is agreed," Sergey Lavrov told reporters.',
        'Talks\n\n"It is a hard road," Sergei Lavrov said.',
    ])
    assert set(speakers_of(db).values()) == {"Sergey Lavrov"}
    assert [row["name"] for row in db.query("select name from speakers")] == ["Sergey Lavrov"]


def test_an_organisation_is_called_the_way_most_articles_write_it(tmp_path):
    db = ingest_in_order(tmp_path, "abc", [
        'Talks\n\n"We are close," the Hale Électrique Group said in a statement.',  # read first
        'Talks\n\n"Nothing is agreed," the Hale Electrique Group said in a statement.',
        'Talks\n\n"Later," the Hale Electrique Group said in a statement.',
    ])
    assert set(speakers_of(db).values()) == {"Hale Electrique Group"}
    assert [row["name"] for row in db.query("select name from speakers")] == ["Hale Electrique Group"]


VARIANTS = ["Christopher Hale", "Chris Hale", "Christian Hale", "Christopher J. Hale", "Sergei Lavrov", "Sergey Lavrov", "Lena Marsh", "Elena Marsh"]
LONE = ["Mr. Hale", "Mr. Lavrov", "Ms. Marsh"]


def index_of(db) -> tuple[set, set, set]:
    """The speaker index as natural keys: each quote's speaker, the speakers, and their aliases."""
    quotes = {(os.path.basename(row[0]), row[1], row[2]) for row in db.execute("select documents.path, start, speaker from quotes join documents on documents.id = document_id")}
    speakers = set(db.execute("select name, type, n_quotes, n_documents, candidates from speakers").fetchall())
    aliases = set(db.execute("select name, alias from speaker_aliases join speakers on speakers.id = speaker_id").fetchall())
    return quotes, speakers, aliases


def test_the_speaker_index_is_the_same_whatever_the_order_and_batches_of_storing(tmp_path):
    """60 articles naming people in variants that fit one, two or no other name: ingested at once
    by two workers, or in three ingests, last ones first: the same speakers, quotes and aliases."""
    articles = {
        f"{k:03d}.txt": f'Harbor news {k}\n\n"The ferry will run in week {k}," {VARIANTS[k % len(VARIANTS)]} said.\n\n'
                        f'"We will see," {LONE[k % len(LONE)]} said.'
        for k in range(60)
    }
    at_once = tmp_path / "once"
    at_once.mkdir()
    for name, text in articles.items():
        (at_once / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(at_once), "--db", str(tmp_path / "once.db"), "--workers", "2", "--quiet"])
    assert result.exit_code == 0, result.output
    names = sorted(articles)
    for chunk in (names[41:], names[20:41], names[:20]):  # "Chris Hale" the first of his surname
        in_parts = ingest_texts(tmp_path, {name: articles[name] for name in chunk}, db="parts.db")
    once = index_of(open_database(tmp_path / "once.db"))
    assert index_of(in_parts) == once
    speakers = {name for name, *_ in once[1]}
    assert {"Christopher J. Hale", "Chris Hale", "Christian Hale", "Sergei Lavrov", "Elena Marsh", "Lena Marsh"} <= speakers
    assert not speakers & {"Christopher Hale", "Sergey Lavrov"}  # one person each with a name above


def test_check_finds_a_quote_that_shows_another_name_than_its_speakers_and_a_row_left_unnamed(tmp_path):
    from quotes.check import check_database

    db = ingest_texts(tmp_path, {"a.txt": CHRIS_HALES[0], "b.txt": CHRIS_HALES[2]})
    assert check_database(db) == []
    db.execute("update quotes set speaker = 'Someone Else' where text = 'Nobody asked us,'")
    assert [p for p in check_database(db) if p.startswith("each quote shows its speaker's name: 1 rows")]
    db.execute("update speakers set name = char(31) || id")  # Chris Hale is Christopher Hale: one row
    assert [p for p in check_database(db) if p.startswith("no speaker left unnamed by a settling: 1 rows")]
