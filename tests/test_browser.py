"""The journalist's pages in a real browser: headless Chromium driven by Playwright (issue 8)."""
import csv
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager

import pytest
from typer.testing import CliRunner

from quotes.cli import app

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.skipif(not shutil.which("chromium"), reason="Debian's chromium is not installed (.ci/run installs it)")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(db):
    """`quotes serve` on a free local port, as a user would start it; yields its base URL."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "quotes", "serve", "--db", str(db), "--port", str(port)])
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/-/quotes", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from conftest import SHARED, ROOT

    folder = tmp_path_factory.mktemp("site")
    db = folder / "quotes.db"
    sources = [str(ROOT / "data" / "samples")] + ([str(SHARED / "seeds")] if (SHARED / "seeds").is_dir() else [])
    assert CliRunner().invoke(app, ["ingest", *sources, "--db", str(db), "--quiet"]).exit_code == 0
    with serving(db) as base:
        yield base


def fits_and_shot(page, width, path, full_page=True):
    """The page fits WIDTH with no sideways scrolling; its screenshot, to look at, in PATH."""
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(path), full_page=full_page)


def search_as_typed(page, site, width, words, speaker):
    """On a screen WIDTH wide, type WORDS and SPEAKER into the search page and press Enter."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site + "/-/quotes/search")
    page.fill("input[name=speaker]", speaker)
    page.fill("input[name=q]", words)
    page.press("input[name=q]", "Enter")


def downloaded_csv(page, path):
    """Click the page's CSV download, as a user would; the rows of the file it saves at PATH."""
    with page.expect_download() as download:
        page.click("p.order >> text=CSV")
    download.value.save_as(path)
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture
def page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        yield page
        browser.close()


def test_home_shows_corpus_and_search_box(site, page, tmp_path):
    page.goto(site + "/")
    assert page.url.endswith("/-/quotes")
    assert page.locator("h1").inner_text() == "Who said what, where and when"
    assert page.locator(".stats").inner_text().count("quotes") >= 1
    assert page.locator("ol.speakers li").count() > 0
    page.screenshot(path=str(tmp_path / "home.png"), full_page=True)


def test_search_highlights_word_in_ranked_results(site, page, tmp_path):
    page.goto(site + "/-/quotes")
    page.fill("input[name=q]", "lemonade")
    page.press("input[name=q]", "Enter")
    page.wait_for_selector("ul.results")
    first = page.locator("ul.results li.card").first
    assert first.locator("mark").inner_text().lower() == "lemonade"
    assert "Tom Becker" in first.inner_text()
    page.screenshot(path=str(tmp_path / "search.png"), full_page=True)


def test_quote_page_highlights_quote_in_its_paragraph_and_links_speaker(site, page, tmp_path):
    page.goto(site + "/-/quotes/search?q=lemonade")
    page.click("ul.results li.card >> text=in context")
    page.wait_for_selector(".paragraph mark.quote")
    assert "lemonade" in page.locator(".paragraph mark.quote").inner_text()
    assert page.locator(".paragraph .mention").inner_text() == "Tom Becker"
    assert page.locator(".paragraph .cue").inner_text() == "said"
    assert "Tom Becker" in page.locator("dd").first.inner_text() and "a named person" in page.locator("dd").first.inner_text()  # the kind of speaker
    page.screenshot(path=str(tmp_path / "quote.png"), full_page=True)
    page.click("h1 a")
    page.wait_for_selector("h1")
    assert page.locator("h1").inner_text() == "Tom Becker"
    assert page.locator("ul.cards li").count() == 2
    page.screenshot(path=str(tmp_path / "speaker.png"), full_page=True)


def test_search_facet_narrows_results(site, page):
    page.goto(site + "/-/quotes/search?q=we")
    before = page.locator("ul.results li.card").count()
    speaker = page.locator("a.facet").first.inner_text()
    page.locator("a.facet").first.click()
    page.wait_for_selector("ul.results")
    assert "speaker_id=" in page.url  # a speaker the index resolved is chosen by id
    assert 0 < page.locator("ul.results li.card").count() <= before
    assert {card.locator(".meta a").first.inner_text() for card in page.locator("ul.results li.card").all()} == {speaker}


def test_script_in_quote_is_shown_as_text(tmp_path, page):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "x.txt").write_text('Body.\n\n"<script>document.title = \'pwned\'</script> is no way to win," Ana Ruiz said.\n', encoding="utf-8")
    db = tmp_path / "quotes.db"
    CliRunner().invoke(app, ["ingest", str(folder), "--db", str(db), "--quiet"])
    with serving(db) as base:
        page.goto(base + "/-/quotes/search?q=win")
        assert "<script>" in page.locator("ul.results").inner_text()
        assert page.title() != "pwned"


def test_a_hostile_source_link_runs_nothing_and_the_pages_break_no_policy(tmp_path, page):
    import json

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "x.txt").write_text('Body.\n\n"The pier is open," Ana Ruiz said.\n', encoding="utf-8")
    (folder / "x.json").write_text(json.dumps({"url": " JavaScript:document.title='pwned'"}), encoding="utf-8")
    db = tmp_path / "quotes.db"
    assert CliRunner().invoke(app, ["ingest", str(folder), "--db", str(db), "--quiet"]).exit_code == 0
    console = []
    page.on("console", lambda message: console.append(message.text))
    with serving(db) as base:
        page.goto(base + "/-/quotes/quote/1")
        assert page.locator("a", has_text="source").count() == 0
        assert page.locator("a[href^='javascript' i]").count() == 0
        page.mouse.click(5, 5)  # Datasette's menu script (allowed by its hash) handles the click
        page.goto(base + "/-/quotes/search?q=pier")
    assert page.title() != "pwned"
    assert not [text for text in console if "Content Security Policy" in text], console


@pytest.mark.parametrize("width", [1280, 390])
def test_a_speaker_typed_in_lowercase_finds_their_quotes(site, page, tmp_path, width):
    search_as_typed(page, site, width, "parking OR buses", "okafor")
    page.wait_for_selector("ul.results")
    speakers = {card.locator(".meta a").first.inner_text() for card in page.locator("ul.results li.card").all()}
    assert speakers == {"Amara Okafor"}
    assert page.locator("p.count").inner_text() == "3 quotes"
    fits_and_shot(page, width, tmp_path / f"search-{width}.png", full_page=True)
    # the search downloaded as CSV and read back: the same three quotes, with readable columns
    rows = downloaded_csv(page, tmp_path / "search.csv")
    assert len(rows) == 3 and {row["speaker"] for row in rows} == {"Amara Okafor"}
    assert all(row["article"] and row["quote_page"].startswith("/-/quotes/quote/") for row in rows)


@pytest.mark.parametrize("width", [1280, 390])
def test_an_article_opens_from_a_quote_with_every_quote_marked(site, page, tmp_path, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site + "/-/quotes/search?q=lemonade")
    page.click("ul.results li.card >> text=in its article")
    page.wait_for_selector(".article a.quote")
    assert page.locator("h1").inner_text() == "Harbor festival returns with record crowds"
    marked = page.locator(".article a.quote")
    assert marked.count() == 7  # every quote of the article
    assert "lemonade" in page.locator(".article a.quote:target").inner_text()  # the one we came from
    quoted = page.locator("ul.quoted li").all_inner_texts()
    assert quoted[0].startswith("Amara Okafor") and any(text.startswith("Tom Becker") for text in quoted)
    becker = [marked.nth(k).get_attribute("class") for k in range(marked.count()) if "Tom Becker" in marked.nth(k).get_attribute("title")]
    assert len(set(becker)) == 1 and len(becker) == 2  # one colour per speaker
    fits_and_shot(page, width, tmp_path / f"article-{width}.png", full_page=True)
    # its quotes downloaded as CSV and read back: every one, in the order written
    rows = downloaded_csv(page, tmp_path / "article.csv")
    assert [row["quote"] for row in rows] == [marked.nth(k).inner_text().strip("“”\"") for k in range(marked.count())]
    assert {row["article"] for row in rows} == {"Harbor festival returns with record crowds"}


@pytest.mark.parametrize("width", [1280, 390])
def test_two_outlets_compared_side_by_side(site, page, tmp_path, width):
    """Who does the Gazette quote, and who the Courier? Typed in lowercase, part of the name."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site + "/-/quotes")
    page.click("text=outlets")
    page.fill("input[name=outlet] >> nth=0", "gazette")
    page.fill("input[name=outlet] >> nth=1", "lakeside")
    page.click("button[type=submit]")
    page.wait_for_selector(".compare section")
    assert page.locator(".compare h2").all_inner_texts() == ["Harbor Valley Gazette", "Lakeside Courier"]
    gazette = page.locator(".compare section").first
    assert gazette.locator("ol li").first.inner_text().startswith("Elena Vasquez")
    assert "%" in gazette.locator("table.shares").inner_text()
    fits_and_shot(page, width, tmp_path / f"outlets-{width}.png", full_page=True)
    # the comparison downloaded as CSV: the same shares, for a spreadsheet
    rows = downloaded_csv(page, tmp_path / "outlets.csv")
    assert {row["outlet"] for row in rows} == {"Harbor Valley Gazette", "Lakeside Courier"}
    top = next(row for row in rows if row["outlet"] == "Harbor Valley Gazette" and row["of"] == "speaker")
    assert top["name"] == "Elena Vasquez" and f"{top['share']}%" in gazette.locator("ol li").first.inner_text()


def test_the_speaker_box_suggests_names_as_you_type(site, page, tmp_path):
    """Typing "oka" offers Amara Okafor; no script error, none blocked by the page's policy."""
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(site + "/-/quotes/search")
    page.type("input[name=speaker]", "oka", delay=50)
    page.wait_for_selector("#speaker-suggestions option", state="attached")
    assert page.locator("#speaker-suggestions option").first.get_attribute("value") == "Amara Okafor"
    page.fill("input[name=outlet]", "")
    page.type("input[name=outlet]", "lakes", delay=50)
    page.wait_for_selector("#outlet-suggestions option", state="attached")
    assert page.locator("#outlet-suggestions option").first.get_attribute("value") == "Lakeside Courier"
    assert not errors, errors


def test_the_speaker_chart_labels_read_on_a_phone(site, page, tmp_path):
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(site + "/-/quotes/search?speaker=vasquez")
    page.click("ul.results li.card .meta a >> nth=0")
    page.wait_for_selector("svg.timeline")
    labels = page.locator("p.axis span")
    assert labels.count() == 3 and "busiest month" in labels.nth(1).inner_text()
    assert float(labels.first.evaluate("span => getComputedStyle(span).fontSize").removesuffix("px")) >= 12
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(tmp_path / "speaker-390.png"), full_page=True)


@pytest.mark.parametrize("width", [1280, 390])
def test_what_a_speaker_said_about_a_topic_the_quote_does_not_name(site, page, tmp_path, width):
    """"Tillman about the flood": his quote says "badly underestimated"; the sentence around it names the flood risk."""
    search_as_typed(page, site, width, "flood", "tillman")
    page.wait_for_selector("p.none")
    page.click("text=Search the words around each quote too")
    page.wait_for_selector("ul.results")
    (card,) = page.locator("ul.results li.card").all()
    assert card.locator("blockquote").inner_text() == "“badly underestimated”"
    assert card.locator("p.around mark").first.inner_text().lower() == "flood"
    assert page.locator("input[name=around]").is_checked()
    fits_and_shot(page, width, tmp_path / f"around-{width}.png", full_page=True)


@pytest.mark.parametrize("width", [1280, 390])
def test_the_datasette_quotes_table_reads_well_and_shows_every_column_on_request(site, page, tmp_path, width):
    from quotes.tables import READABLE_COLUMNS

    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site + "/quotes/quotes")
    shown = page.locator("table.rows-and-columns tbody tr >> nth=0").locator("td").evaluate_all("cells => cells.map(cell => cell.className.match(/col-(\\S+)/)[1])")
    assert shown[1:] == list(READABLE_COLUMNS)
    dates = [d for d in page.locator("td.col-published").all_inner_texts() if d.strip()]
    assert dates == sorted(dates, reverse=True)  # newest first
    fits_and_shot(page, width, tmp_path / f"table-{width}.png", full_page=False)
    if width < 577:
        return  # a phone shows each row as a card, without the column menus
    page.click("th.col-speaker svg.dropdown-menu-icon")
    page.click("a.dropdown-show-all-columns")
    page.wait_for_selector("th.col-sieve")
    assert page.locator("table.rows-and-columns thead th").count() > len(READABLE_COLUMNS) + 10


@pytest.mark.parametrize("width", [1280, 390])
def test_a_click_on_a_facet_value_narrows_the_datasette_table(site, page, tmp_path, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site + "/quotes/quotes")
    headings = page.locator(".facet-info-name strong").all_inner_texts()
    assert [heading.split()[0] for heading in headings] == ["speaker", "speaker_kind", "outlet"]  # read from the counts, shown as columns' facets
    page.locator("[data-column=speaker_kind] li a", has_text="person").click()
    page.wait_for_url("**speaker_kind=person**")
    assert set(page.locator("td.col-speaker_kind").all_inner_texts()) == {"person"}
    chosen = page.locator("[data-column=speaker_kind] li").all_inner_texts()
    assert len(chosen) == 1 and chosen[0].startswith("person ·")
    assert page.locator("[data-column=speaker] li").count() > 0
    fits_and_shot(page, width, tmp_path / f"table-person-{width}.png", full_page=True)


@pytest.mark.parametrize("width", [1280, 390])
def test_a_phrase_in_double_quotes_finds_those_words_in_that_order(site, page, tmp_path, width):
    search_as_typed(page, site, width, '"we can double it"', "")
    page.wait_for_selector("ul.results")
    (card,) = page.locator("ul.results li.card").all()
    assert [mark.lower() for mark in card.locator("mark").all_inner_texts()] == ["we can double it"]  # the phrase marked whole
    fits_and_shot(page, width, tmp_path / f"phrase-{width}.png")
    search_as_typed(page, site, width, '"double it we can"', "")
    page.wait_for_selector("p.none")
