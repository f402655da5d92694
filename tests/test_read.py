import json
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.annotate import split_paragraphs
from quotes.errors import SourceError
from quotes.metadata import boilerplate_paragraphs, guess_metadata, read_date
from quotes.read import line_ranges, read_article, read_jsonl
from quotes.repair import repair_mojibake, source_offset, source_text


@pytest.mark.parametrize(
    "text, iso",
    [
        ("Thursday, September 8, 2016, 10:20", "2016-09-08"),
        ("Sunday, 04 September 2016 09:35 AM", "2016-09-04"),
        ("Posted Sept. 8, 2016", "2016-09-08"),
        ("2016-09-08T10:20:00Z", "2016-09-08"),
        ("Updated on 31 February 2016", None),
    ],
)
def test_read_date_forms(text, iso):
    parsed = read_date(text)
    assert (parsed.isoformat() if parsed else None) == iso


def test_metadata_from_header_lines():
    text = "Home > Asia\nThursday, September 8, 2016, 10:20\n\nCouncil backs the bridge plan\n\nBy Reuters\n\nWASHINGTON – The council voted on Monday to rebuild the old bridge over the river by next spring.\n"
    metadata = guess_metadata(text)
    assert metadata["title"] == "Council backs the bridge plan"
    assert (metadata["outlet"], metadata["published"], metadata["dateline"]) == ("Reuters", "2016-09-08", "Washington")


def test_title_case_dateline_with_an_agency_credit():
    text = "Bridge plan approved\n\nHarbor City (AFP) – The council voted on Monday to rebuild the old bridge over the river by next spring.\n"
    assert guess_metadata(text)["dateline"] == "Harbor City"
    without_credit = "Bridge plan approved\n\nTom Hale – the mayor since 2010 – voted on Monday to rebuild the old bridge over the river.\n"
    assert guess_metadata(without_credit)["dateline"] is None


def test_byline_with_a_person_is_the_author():
    metadata = guess_metadata("Council backs the bridge plan\n\nBy Jane Doe\n\nThe council voted on Monday.\n")
    assert (metadata["author"], metadata["outlet"]) == ("Jane Doe", None)


def test_agency_credit_and_copyright_give_the_outlet():
    assert guess_metadata("Bridge plan approved\n\nGENEVA (AFP) - The council voted on Monday for the bridge plan.\n")["outlet"] == "AFP"
    assert guess_metadata("Bridge plan approved\n\nThe council voted.\n\n© Harbor Valley Gazette. All rights reserved.\n")["outlet"] == "Harbor Valley Gazette"


def test_boilerplate_is_recognised_and_kept_out_of_quotes(quotes_in):
    text = (
        "Skip to main content\n\nShare\n\nBridge plan approved\n\n"
        '"We will rebuild the bridge before the first snow of winter comes," Mayor Ana Ruiz said on Monday.\n\n'
        "Advertisement\n\nTags: bridge | council | river\n\n"
        '"We will rebuild the bridge before the first snow of winter comes," Mayor Ana Ruiz said on Monday, and more besides.\n\n'
        "© Harbor Valley Gazette. All rights reserved.\n"
    )
    paragraphs = split_paragraphs(text)
    furniture = [text[paragraphs[i].start : paragraphs[i].end][:12] for i in sorted(boilerplate_paragraphs(text, paragraphs))]
    assert furniture == ["Skip to main", "Share", '"We will reb', "Advertisemen", "Tags: bridge", "© Harbor Val"]
    assert len(quotes_in(text)) == 1
    assert guess_metadata(text)["title"] == "Bridge plan approved"


def test_follow_me_and_related_lines_are_page_furniture_even_in_a_transcript_s_marks(quotes_in):
    text = (
        'Ruiz on the pier\n\n"RUIZ: We will rebuild the pier by spring.\n\n'
        '"Follow Tom Hale on Twitter @tomhale."\n\nFollow Ana Ruiz On Facebook.\n\n"Related:"\n'
    )
    paragraphs = split_paragraphs(text)
    assert sorted(boilerplate_paragraphs(text, paragraphs)) == [2, 3, 4]
    assert [quote.text for quote in quotes_in(text)] == ["We will rebuild the pier by spring."]


def test_of_two_paragraphs_that_open_alike_the_shorter_is_the_teaser(quotes_in):
    opening = "Mayor Ana Ruiz is drawing up a plan for the harbor, one that would rebuild the old pier and"
    text = f"Harbor plan\n\n{opening} the sea wall.\n\nThe council met.\n\n{opening} the sea wall. \"It will take years,\" said Tom Hale, a councillor.\n"
    (quote,) = quotes_in(text)
    assert (quote.text, quote.speaker) == ("It will take years,", "Tom Hale")


def test_sidecar_metadata_wins_over_guesses(tmp_path):
    (tmp_path / "a.txt").write_text("Bridge plan approved\n\nBy Reuters\n\nThe council voted.\n", encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({"outlet": "Harbor Gazette", "published": "2026-03-03", "url": "https://example.org/a"}), encoding="utf-8")
    article = read_article(tmp_path / "a.txt")
    assert (article.outlet, article.published, article.url, article.title) == ("Harbor Gazette", "2026-03-03", "https://example.org/a", "Bridge plan approved")


def test_jsonl_articles_with_given_fields(tmp_path):
    path = tmp_path / "feed.jsonl"
    rows = [
        {"text": 'Bridge\n\n"We are ready," Ana Ruiz said.', "url": "https://example.org/1", "outlet": "Gazette", "published": "March 3, 2026"},
        {"text": 'Port\n\n"It is busy," Tom Hale said.'},
        "not an object",
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n{broken\n", encoding="utf-8")
    items = list(read_jsonl(path))
    first, second, bad_shape, bad_json = items
    assert (first.url, first.outlet, first.published) == ("https://example.org/1", "Gazette", "2026-03-03")
    assert (first.key, second.key) == (f"{path}#1", f"{path}#2")
    assert isinstance(bad_shape, SourceError) and f"{path}:3: expected an object" in str(bad_shape)
    assert isinstance(bad_json, SourceError) and f"{path}:4: not valid JSON" in str(bad_json)


def test_html_page_text_and_metadata(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        """<html><head><title>Council backs bridge | Harbor Gazette</title>
        <meta property="og:site_name" content="Harbor Gazette"><meta name="author" content="Jane Doe">
        <meta property="article:published_time" content="2026-03-03T10:00:00Z"></head>
        <body><nav>Skip to main content</nav><article><h1>Council backs bridge</h1>
        <p>"We will rebuild the bridge," Mayor Ana Ruiz said on Monday.</p>
        <p>The council voted 5-2 in favour of the plan after a long night of debate about costs and the river.</p>
        </article><footer>Contact us</footer></body></html>""",
        encoding="utf-8",
    )
    article = read_article(path)
    assert (article.outlet, article.author, article.published) == ("Harbor Gazette", "Jane Doe", "2026-03-03")
    assert "Skip to main content" not in article.text
    assert '"We will rebuild the bridge," Mayor Ana Ruiz said on Monday.' in article.text


def test_html_without_article_is_clear(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><body></body></html>", encoding="utf-8")
    with pytest.raises(SourceError, match="empty.html: no article text"):
        read_article(path)


def test_ingest_jsonl_and_html_together(tmp_path):
    from typer.testing import CliRunner

    from quotes.cli import app
    from quotes.store import open_database

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "feed.jsonl").write_text(
        json.dumps({"text": 'Bridge\n\n"We are ready," Ana Ruiz said on Monday.', "url": "https://example.org/1", "published": "2026-03-04"}) + "\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "in"), "--db", str(tmp_path / "q.db")])
    assert "1 new" in result.output
    row = next(open_database(tmp_path / "q.db").query("select speaker, said_on, published from quotes"))
    assert row == {"speaker": "Ana Ruiz", "said_on": "2026-03-02", "published": "2026-03-04"}


@settings(max_examples=60, deadline=None)
@given(lines=st.lists(st.sampled_from(["", "{not json", '{"text": "Ana Ruiz said \\"yes\\"."}', '{"id": 7, "text": "Tom Hale waved."}']), max_size=30),
       size=st.integers(1, 8), final_newline=st.booleans())
def test_a_json_lines_file_read_range_by_range_is_the_file_read_whole(tmp_path_factory, lines, size, final_newline):
    path = tmp_path_factory.mktemp("ranges") / "feed.jsonl"
    path.write_text("\n".join(lines) + ("\n" if final_newline and lines else ""), encoding="utf-8")
    ranges = line_ranges(path, size)
    assert [r.first for r in ranges] == [1 + k * size for k in range(len(ranges))]
    assert len(ranges) == max(1, -(-len(path.read_bytes().splitlines()) // size))
    whole = [(a.line, a.text) if hasattr(a, "text") else str(a) for a in read_jsonl(path)]
    assert [(a.line, a.text) if hasattr(a, "text") else str(a) for r in ranges for a in read_jsonl(path, r)] == whole


MOJIBAKE = "Harbor Mayor Ana Nu\u00c3\u00b1ez met Fran\u00c3\u00a7oise"  # "Nuñez", "Françoise" read as Windows-1252


def test_mojibake_is_repaired_word_by_word_and_the_source_offsets_kept():
    text = f'{MOJIBAKE} in Paris. "We talked," he said.'
    repaired, repairs = repair_mojibake(text)
    assert repaired.startswith("Harbor Mayor Ana Nuñez met Françoise in Paris.")
    assert [text[source_offset(repairs, r.start) : source_offset(repairs, r.end)] for r in repairs] == ["Nu\u00c3\u00b1ez", "Fran\u00c3\u00a7oise"]
    quote = repaired.index("We talked")
    assert text[source_offset(repairs, quote) :].startswith("We talked")
    assert source_text(repaired, repairs) == text


def test_mojibake_written_decomposed_is_repaired_and_accents_as_written_are_left_alone():
    decomposed = unicodedata.normalize("NFD", "Nu\u00c3\u00b1ez")  # "A" and a combining tilde, as NFD text has it
    assert repair_mojibake(f"Ana {decomposed} spoke")[0] == "Ana Nuñez spoke"
    for correct in ("José Martí said “yes”", unicodedata.normalize("NFD", "José Martí"), "Ångström and Ñuñoa"):
        assert repair_mojibake(correct) == (correct, ())


@given(st.lists(st.sampled_from(["Nu\u00c3\u00b1ez", "the", "Fran\u00c3\u00a7oise", "“said”", "Ãx", "caf\u00e9", "\n"]), max_size=30))
def test_repaired_offsets_map_back_to_the_same_words_of_the_source(words):
    text = " ".join(words)
    repaired, repairs = repair_mojibake(text)
    assert source_text(repaired, repairs) == text
    starts = [0] + [k + 1 for k, c in enumerate(repaired) if c == " "]
    source_starts = [0] + [k + 1 for k, c in enumerate(text) if c == " "]
    assert [source_offset(repairs, k) for k in starts] == source_starts


def test_an_article_is_read_repaired_but_a_parse_of_the_text_as_written_is_not(tmp_path):
    path = tmp_path / "talks.txt"
    path.write_text(f"Talks\n\n{MOJIBAKE} on Monday.\n", encoding="utf-8")
    article = read_article(path)
    assert "Ana Nuñez" in article.text and len(article.repairs) == 2
    assert read_article(path, repair=False).text == path.read_text(encoding="utf-8")
