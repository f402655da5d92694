import asyncio

import pytest
from typer.testing import CliRunner

from quotes.cli import app
from quotes.serve import make_datasette


@pytest.fixture
def datasette(samples_dir, tmp_path):
    db = tmp_path / "quotes.db"
    result = CliRunner().invoke(app, ["ingest", str(samples_dir), "--db", str(db), "--quiet"])
    assert result.exit_code == 0
    return make_datasette(db)


def get_json(datasette, path):
    response = asyncio.run(datasette.client.get(path))
    assert response.status_code == 200, response.text
    return response.json()


def test_serve_facets_quotes_by_speaker(datasette):
    data = get_json(datasette, "/quotes/quotes.json?_shape=objects")
    facets = data["facet_results"]
    if "results" in facets:  # datasette 1.0 shape
        facets = facets["results"]
    assert set(facets) == {"speaker", "speaker_kind", "outlet"}  # three: the page stays under 300 ms at a million quotes
    speakers = {row["value"]: row["count"] for row in facets["speaker"]["results"]}
    assert speakers["Amara Okafor"] == 3
    assert "person" in {row["value"] for row in facets["speaker_kind"]["results"]}


def test_serve_full_text_search(datasette):
    data = get_json(datasette, "/quotes/quotes.json?_search=lemonade&_shape=objects")
    assert [row["speaker"] for row in data["rows"]] == ["Tom Becker"]


def test_serve_speaker_facet_filter(datasette):
    data = get_json(datasette, "/quotes/quotes.json?speaker=Priya+Raman&_shape=objects")
    assert {row["speaker"] for row in data["rows"]} == {"Priya Raman"}
    assert len(data["rows"]) == 2


def test_serve_labels_foreign_keys(datasette):
    data = get_json(datasette, "/quotes/quotes.json?_labels=on&_shape=objects&speaker=Tom+Becker")
    assert data["rows"][0]["speaker_id"]["label"] == "Tom Becker"


def test_serve_canned_query_quotes_by_speaker(datasette):
    data = get_json(datasette, "/quotes/quotes_by_speaker.json?speaker=Okafor&_shape=objects")
    assert {row["speaker"] for row in data["rows"]} == {"Amara Okafor"}


def test_serve_canned_query_most_quoted(datasette):
    data = get_json(datasette, "/quotes/most_quoted_speakers.json?_shape=objects")
    assert data["rows"][0]["n_quotes"] >= data["rows"][-1]["n_quotes"]
    assert "Amara Okafor" in {row["name"] for row in data["rows"]}


def test_serve_refuses_writes(datasette):
    response = asyncio.run(datasette.client.get("/quotes.json?sql=delete+from+quotes"))
    assert response.status_code == 400
    assert get_json(datasette, "/quotes/quotes.json?_size=0")["filtered_table_rows_count"] > 0


def test_serve_escapes_quote_html(samples_dir, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "x.txt").write_text('Body.\n\n"<script>alert(1)</script> is not welcome," Ana Ruiz said.\n', encoding="utf-8")
    db = tmp_path / "quotes.db"
    CliRunner().invoke(app, ["ingest", str(folder), "--db", str(db), "--quiet"])
    html = asyncio.run(make_datasette(db).client.get("/quotes/quotes", follow_redirects=True)).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html


@pytest.mark.parametrize("column", ["kind", "cue", "document_id", "published", "said_on", "place", "addressee"])
def test_serve_other_columns_facet_on_request(datasette, column):
    data = get_json(datasette, f"/quotes/quotes.json?_facet={column}&_shape=objects")
    facets = data["facet_results"]
    facets = facets.get("results", facets)
    assert column in facets


def test_serve_outlet_facet_and_timeline(datasette):
    data = get_json(datasette, "/quotes/quotes.json?_shape=objects&_facet=outlet")
    facets = data["facet_results"]
    outlets = {row["value"] for row in facets.get("results", facets)["outlet"]["results"]}
    assert {"Harbor Valley Gazette", "Lakeside Courier"} <= outlets
    timeline = get_json(datasette, "/quotes/timeline.json?speaker=Vasquez&_shape=objects")["rows"]
    assert timeline and all(row["speaker"] == "Elena Vasquez" for row in timeline)
    assert {row["day_is"] for row in timeline} <= {"said", "published"}
    vasquez = get_json(datasette, "/-/quotes/search.json?speaker=vasquez")["quotes"][0]["speaker_id"]
    assert get_json(datasette, f"/quotes/timeline.json?speaker={vasquez}&_shape=objects")["rows"] == timeline  # by id, as speaker pages link
    assert get_json(datasette, "/quotes/timeline.json?speaker=asque&_shape=objects")["rows"] == []  # words, not insides


def test_serve_clusters_and_same_quote_query(seeds_dir, tmp_path):
    db = tmp_path / "quotes.db"
    CliRunner().invoke(app, ["ingest", str(seeds_dir), "--db", str(db), "--quiet"])
    datasette = make_datasette(db)
    repeated = get_json(datasette, "/quotes/repeated_quotes.json?_shape=objects")["rows"]
    assert any(row["speaker"] == "Mark Toner" and row["n_documents"] == 2 for row in repeated)
    facets = get_json(datasette, "/quotes/clusters.json?_shape=objects")["facet_results"]
    assert "n_outlets" in facets.get("results", facets)
    rows = get_json(datasette, "/quotes/same_quote_in_outlets.json?words=&_shape=objects")["rows"]
    assert all(row["n_outlets"] > 1 for row in rows)


@pytest.fixture
def seeds_site(seeds_dir, samples_dir, tmp_path):
    db = tmp_path / "quotes.db"
    CliRunner().invoke(app, ["ingest", str(seeds_dir), str(samples_dir), "--db", str(db), "--quiet"])
    datasette = make_datasette(db)
    asyncio.run(datasette.invoke_startup())
    return datasette


def get_page(datasette, path):
    response = asyncio.run(datasette.client.get(path))
    assert response.status_code == 200, (path, response.status_code)
    return response


def test_page_home(seeds_site):
    assert "Who said what, where and when" in get_page(seeds_site, "/-/quotes").text
    data = get_page(seeds_site, "/-/quotes.json").json()
    assert data["summary"]["documents"] == 8
    assert data["speakers"][0]["name"] == "Mark Toner"
    assert asyncio.run(seeds_site.client.get("/")).headers["location"] == "/-/quotes"
    latest = data["quotes"]
    assert len(latest) == len({quote["document_id"] for quote in latest}) == 8  # one per article
    assert all(quote["kind"] == "full" for quote in latest)


def test_page_search_ranks_and_highlights(seeds_site):
    data = get_page(seeds_site, "/-/quotes/search.json?q=square+one").json()
    assert data["quotes"][0]["html"].count("<mark>") >= 2
    assert {q["speaker"] for q in data["quotes"]} == {"Rami Abdel Rahman"}
    html = get_page(seeds_site, "/-/quotes/search?q=square+one").text
    assert "<mark>square</mark>" in html.lower()


def test_page_search_filters(seeds_site):
    data = get_page(seeds_site, "/-/quotes/search.json?speaker=Mark+Toner&outlet=Reuters").json()
    assert data["quotes"] and {q["speaker"] for q in data["quotes"]} == {"Mark Toner"}
    assert {q["outlet"] for q in data["quotes"]} == {"Reuters"}
    dated = get_page(seeds_site, "/-/quotes/search.json?q=we&from=2016-09-05&to=2016-09-30").json()
    assert dated["quotes"] and all("2016-09-05" <= q["published"] <= "2016-09-30" for q in dated["quotes"])


def test_page_search_survives_fts_syntax(seeds_site):
    assert get_page(seeds_site, '/-/quotes/search.json?q=%22unbalanced+AND+(').json()["quotes"] == []


def test_page_quote_in_its_paragraph_with_other_outlets(seeds_site):
    search = get_page(seeds_site, "/-/quotes/search.json?q=clear+understanding").json()
    quote_id = search["quotes"][0]["id"]
    data = get_page(seeds_site, f"/-/quotes/quote/{quote_id}.json").json()
    assert '<mark class="quote">We have not been able to reach a clear understanding' in data["quote"]["paragraph"]
    assert '<span class="mention">Toner</span>' in data["quote"]["paragraph"]
    assert len(data["others"]) == 1
    assert "The same quote elsewhere" in get_page(seeds_site, f"/-/quotes/quote/{quote_id}").text


def test_page_speaker(seeds_site):
    speaker = get_page(seeds_site, "/-/quotes.json").json()["speakers"][0]
    data = get_page(seeds_site, f"/-/quotes/speaker/{speaker['id']}.json").json()
    assert data["speaker"]["name"] == "Mark Toner"
    assert "Toner" in data["aliases"]
    assert data["outlets"][0]["outlet"] == "Reuters"
    assert data["chart"].startswith("<svg")
    assert len(data["quotes"]) == data["speaker"]["n_quotes"]


def test_page_missing_quote_is_404(seeds_site):
    assert asyncio.run(seeds_site.client.get("/-/quotes/quote/999999.json")).status_code == 404


def test_page_search_shows_a_snippet_of_a_long_quote(tmp_path):
    words = " ".join(f"word{i}" for i in range(80))
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(f'Body.\n\n"{words} ceasefire {words}," Ana Ruiz said.\n', encoding="utf-8")
    CliRunner().invoke(app, ["ingest", str(folder), "--db", str(tmp_path / "quotes.db"), "--quiet"])
    datasette = make_datasette(tmp_path / "quotes.db")
    asyncio.run(datasette.invoke_startup())
    (card,) = get_page(datasette, "/-/quotes/search.json?q=ceasefire").json()["quotes"]
    assert "<mark>ceasefire</mark>" in card["html"] and "…" in card["html"]
    assert len(card["html"]) < len(card["text"])


def test_serve_quotes_table_pages_of_fifty(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    lines = [f'"The harbor needs {n} new boats," Ana Ruiz said.' for n in range(60)]
    (folder / "x.txt").write_text("Body.\n\n" + "\n\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "quotes.db"
    CliRunner().invoke(app, ["ingest", str(folder), "--db", str(db), "--quiet"])
    data = get_json(make_datasette(db), "/quotes/quotes.json?_shape=objects")
    assert (len(data["rows"]), data["filtered_table_rows_count"], data["next"] is not None) == (50, 60, True)


def test_serve_connections_cache_and_map_pages(datasette):
    async def pragma(name):
        return (await datasette.get_database("quotes").execute(f"pragma {name}")).first()[0]

    assert (asyncio.run(pragma("cache_size")), asyncio.run(pragma("mmap_size"))) == (-64 * 1024, 1 << 30)


@pytest.fixture
def hostile_site(tmp_path):
    """Articles whose given URLs try to run script in the reader's browser."""
    import json

    folder = tmp_path / "in"
    folder.mkdir()
    urls = ["javascript:alert(1)", "  JaVaScRiPt:alert(document.cookie)", "data:text/html,<script>alert(1)</script>", "https://example.org/fine"]
    feed = [{"text": f'Harbor {n}\n\n"We counted {n} boats," Ana Ruiz{n} said.', "url": url} for n, url in enumerate(urls)]
    (folder / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in feed) + "\n", encoding="utf-8")
    (folder / "side.txt").write_text('Pier\n\n"The pier is open," Tom Hale said.', encoding="utf-8")
    (folder / "side.json").write_text(json.dumps({"url": "\tjavascript:alert(2)"}), encoding="utf-8")
    db = tmp_path / "quotes.db"
    assert CliRunner().invoke(app, ["ingest", str(folder), "--db", str(db), "--quiet"]).exit_code == 0
    return make_datasette(db)


def test_only_http_urls_become_links(hostile_site):
    pages = [asyncio.run(hostile_site.client.get(f"/-/quotes/quote/{n}")) for n in range(1, 6)]
    assert all(page.status_code == 200 for page in pages)
    html = "".join(page.text for page in pages)
    assert 'href="https://example.org/fine"' in html
    assert "javascript:" not in html.lower() and "data:text" not in html


def test_pages_carry_security_headers(hostile_site):
    reading = asyncio.run(hostile_site.client.get("/-/quotes/quote/1")).headers
    policy = reading["content-security-policy"]
    assert "script-src 'self' 'sha256-" in policy and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in policy
    table = asyncio.run(hostile_site.client.get("/quotes/quotes", follow_redirects=True)).headers
    for headers in (reading, table):
        assert headers["x-content-type-options"] == "nosniff"
        assert "frame-ancestors 'none'" in headers["content-security-policy"]


@pytest.mark.parametrize(
    "path, status",
    [
        ("/-/quotes/search?q=boats&page=%C2%B2", 400),
        ("/-/quotes/search?q=boats&page=" + "9" * 26, 400),
        ("/-/quotes/search.json?q=boats&page=0", 400),
        ("/-/quotes/quote/abc", 404),
        ("/-/quotes/quote/abc.json", 404),
        ("/-/quotes/speaker/" + "9" * 30, 404),
        ("/-/quotes/nothing/here", 404),
        ("/-/quotes/article/abc", 404),
        ("/-/quotes/article/999999.json", 404),
        ("/-/quotes/article/1.json", 200),
        ("/-/quotes/search?q=boats&page=2", 200),
    ],
)
def test_crafted_paths_and_parameters_are_400_or_404_not_500(hostile_site, path, status):
    assert asyncio.run(hostile_site.client.get(path)).status_code == status


def test_a_database_that_cannot_be_written_is_served_immutable(hostile_site, monkeypatch, tmp_path):
    from quotes import serve

    monkeypatch.setattr(serve, "writable", lambda path: False)
    datasette = make_datasette(tmp_path / "quotes.db")
    assert datasette.get_database().is_mutable is False
    assert asyncio.run(datasette.client.get("/-/quotes/quote/1")).status_code == 200
    assert asyncio.run(datasette.client.get("/quotes/quotes.json")).status_code == 200


def test_serve_answers_from_a_read_only_mount(hostile_site, tmp_path):
    """`quotes serve` on a database whose folder is mounted read-only (a bind mount in a mount
    namespace of its own; skipped where the machine allows none)."""
    import shutil
    import socket
    import subprocess
    import sys
    import time
    import urllib.error
    import urllib.request

    if not shutil.which("unshare") or subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode:
        pytest.skip("no mount namespaces here")
    mounted = tmp_path / "mounted"
    mounted.mkdir()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    script = (
        f"mount --bind {tmp_path} {mounted} && mount -o remount,bind,ro {mounted} && "
        f"exec {sys.executable} -m quotes serve --db {mounted / 'quotes.db'} --port {port}"
    )
    server = subprocess.Popen(["unshare", "-m", "sh", "-c", script], stderr=subprocess.PIPE)
    try:
        statuses = {}
        for path in ("/-/quotes", "/-/quotes/quote/1", "/quotes/quotes"):
            for _ in range(100):
                try:
                    statuses[path] = urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=2).status
                    break
                except urllib.error.HTTPError as e:
                    statuses[path] = e.code
                    break
                except OSError:
                    time.sleep(0.1)
        assert statuses == {"/-/quotes": 200, "/-/quotes/quote/1": 200, "/quotes/quotes": 200}, server.stderr.read1().decode() if server.poll() is not None else statuses
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.parametrize(
    "query, found",
    [
        ("speaker=tom+becker", {"Tom Becker"}),  # any case
        ("speaker=BECKER", {"Tom Becker"}),  # one word of the name
        ("speaker=ecker", set()),  # not the inside of a word
        ("q=lemonade+OR+parking", {"Tom Becker", "Amara Okafor"}),
        ("q=%22ran+out+of+lemonade%22", {"Tom Becker"}),  # a phrase
        ("q=%22lemonade+ran+out%22", set()),  # the same words, not that phrase
        ("q=lemon*", {"Tom Becker"}),  # a prefix
        ("q=lemonade&outlet=nowhere", set()),
    ],
)
def test_search_takes_what_people_type(datasette, query, found):
    data = get_json(datasette, f"/-/quotes/search.json?{query}")
    assert {quote["speaker"] for quote in data["quotes"]} == found
    assert data["count"] == len(data["quotes"])


def test_a_name_that_fits_several_speakers_offers_a_choice(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text('Port\n\n"We will rebuild the pier," Ana Hale said.\n', encoding="utf-8")
    (folder / "b.txt").write_text('Pier\n\n"The pier can wait," Tom Hale said.\n', encoding="utf-8")
    (folder / "c.txt").write_text('Dock\n\n"The dock is ours," Tom Hale Jr. said.\n', encoding="utf-8")
    db = tmp_path / "quotes.db"
    assert CliRunner().invoke(app, ["ingest", str(folder), "--db", str(db), "--quiet"]).exit_code == 0
    datasette = make_datasette(db)
    data = get_json(datasette, "/-/quotes/search.json?speaker=hale")
    assert {quote["speaker"] for quote in data["quotes"]} == {"Ana Hale", "Tom Hale", "Tom Hale Jr."}
    assert {choice["name"] for choice in data["speaker_choices"]} == {"Ana Hale", "Tom Hale", "Tom Hale Jr."}
    html = asyncio.run(datasette.client.get("/-/quotes/search?speaker=hale")).text
    assert "names 3 speakers" in html and "3 quotes" in html
    exact = get_json(datasette, "/-/quotes/search.json?speaker=TOM+HALE")  # a whole name is that person alone
    assert {quote["speaker"] for quote in exact["quotes"]} == {"Tom Hale"} and exact["speaker_choices"] == []


def test_stored_query_by_speaker_matches_words_not_insides(datasette):
    okafor = get_json(datasette, "/quotes/quotes_by_speaker.json?speaker=okafor&_shape=objects")
    assert {row["speaker"] for row in okafor["rows"]} == {"Amara Okafor"}
    inside = get_json(datasette, "/quotes/quotes_by_speaker.json?speaker=kafo&_shape=objects")
    assert inside["rows"] == []


def test_the_quote_page_says_how_the_speaker_was_found_in_words(datasette):
    data = get_json(datasette, "/-/quotes/search.json?q=lemonade")
    page = asyncio.run(datasette.client.get(f"/-/quotes/quote/{data['quotes'][0]['id']}")).text
    facts = page.split('<dl class="facts">')[1].split("</dl>")[0]
    assert "cue_after_quote" not in facts and "confidence" not in facts
    how = page.split('<details class="how">')[1].split("</details>")[0]
    assert "Speaker and verb right after the quote." in how and "in 10 speakers found this way are right" in how


def test_search_pages_both_ways_and_sorts_by_date(datasette, tmp_path):
    from conftest import write_corpus

    db = tmp_path / "many.db"
    assert CliRunner().invoke(app, ["ingest", str(write_corpus(tmp_path / "in", 15)), "--db", str(db), "--quiet"]).exit_code == 0
    many = make_datasette(db)
    first = get_json(many, "/-/quotes/search.json?q=boats+OR+busy")
    assert first["count"] > 20 and first["links"]["previous"] is None and first["has_more"]
    second = get_json(many, "/-/quotes/search.json?" + first["links"]["next"])
    assert len(second["quotes"]) == first["count"] - 20 and second["links"]["previous"].endswith("&page=1")
    assert {q["id"] for q in first["quotes"]}.isdisjoint(q["id"] for q in second["quotes"])
    by_date = get_json(datasette, "/-/quotes/search.json?q=we&sort=date")
    dates = [quote["published"] or "" for quote in by_date["quotes"]]
    assert dates == sorted(dates, reverse=True)


def test_a_search_with_no_result_says_why_and_offers_to_drop_a_filter(datasette):
    data = get_json(datasette, "/-/quotes/search.json?q=lemonade&outlet=nowhere")
    assert data["quotes"] == [] and data["why_none"]["without"] == [{"filter": "outlet", "value": "nowhere", "link": "q=lemonade"}]
    html = asyncio.run(datasette.client.get("/-/quotes/search?q=lemonade&outlet=nowhere")).text
    assert "No quotes match. The articles here were published from" in html and 'href="?q=lemonade"' in html


def test_a_search_exports_to_csv_with_readable_columns(datasette):
    import csv
    import io

    response = asyncio.run(datasette.client.get("/-/quotes/search.csv?q=lemonade+OR+parking"))
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert {row["speaker"] for row in rows} == {"Tom Becker", "Amara Okafor"}
    assert all(row["quote_page"].startswith("/-/quotes/quote/") and row["article"] for row in rows)


def test_an_outlet_is_found_by_its_name_or_a_part_of_it(tmp_path):
    import json

    folder = tmp_path / "in"
    folder.mkdir()
    for name, outlet in (("a", "Harbor Post"), ("b", "Post"), ("c", "Lakeside Courier")):
        (folder / f"{name}.txt").write_text(f'News\n\n"The pier is open," Ana Ruiz said in {name}.\n', encoding="utf-8")
        (folder / f"{name}.json").write_text(json.dumps({"outlet": outlet}), encoding="utf-8")
    db = tmp_path / "quotes.db"
    assert CliRunner().invoke(app, ["ingest", str(folder), "--db", str(db), "--quiet"]).exit_code == 0
    datasette = make_datasette(db)

    def outlets(typed):
        return {q["outlet"] for q in get_json(datasette, f"/-/quotes/search.json?q=pier&outlet={typed}")["quotes"]}

    assert outlets("post") == {"Post"}  # the outlet of that name, not every one with it inside
    assert outlets("harbor") == {"Harbor Post"}
    assert outlets("cour") == {"Lakeside Courier"}
    assert outlets("nowhere") == set()


def test_datasette_rows_link_to_the_reading_pages(datasette):
    """A quote's text, a speaker's name and an article's title in Datasette's tables open the
    journalist's page for it."""
    for table, page in (("quotes", "quote"), ("speakers", "speaker"), ("documents", "article"), ("clusters", "quote"), ("clusters", "speaker")):
        response = asyncio.run(datasette.client.get(f"/quotes/{table}?_size=3", follow_redirects=True))
        assert response.status_code == 200
        assert f'href="/-/quotes/{page}/' in response.text, table
    # a cluster's text opens its first occurrence's page
    cluster = get_json(datasette, "/quotes/clusters.json?_shape=objects&_size=1")["rows"][0]
    first = get_json(datasette, f"/quotes/quotes.json?_shape=objects&cluster_id={cluster['id']}&_sort=published")["rows"][0]
    assert f'<a href="/-/quotes/quote/{first["id"]}">' in asyncio.run(datasette.client.get("/quotes/clusters?_size=1")).text


@pytest.fixture
def harbour_site(tmp_path):
    """Articles written so that a topic is named around a quote, not in it."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Pier vote\n\nAsked about the ferry contract, Tom Hale did not hold back. \"It is a disgrace and we will fight it,\" he said.\n\n"
        "\"The pier comes first,\" Ana Ruiz said.\n\n\"Ask the council,\" Tom Hale said later.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Budget\n\n\"We have no money for boats,\" Tom Hale said on Monday.\n", encoding="utf-8")
    db = tmp_path / "quotes.db"
    assert CliRunner().invoke(app, ["ingest", str(folder), "--db", str(db), "--quiet"]).exit_code == 0
    return make_datasette(db)


def test_a_topic_named_around_a_quote_is_found_when_the_paragraph_is_searched_too(harbour_site):
    alone = get_json(harbour_site, "/-/quotes/search.json?q=ferry+contract&speaker=tom+hale")
    assert alone["quotes"] == [] and "around=1" in alone["why_none"]["around"]
    around = get_json(harbour_site, "/-/quotes/search.json?q=ferry+contract&speaker=tom+hale&around=1")
    (card,) = around["quotes"]
    assert card["text"] == "It is a disgrace and we will fight it,"
    assert "<mark>ferry</mark> <mark>contract</mark>" in card["around_html"]
    assert "around=1" in around["links"]["export"]
    # the paragraph is the quote's own: the next paragraph's quote by the same speaker is not found
    assert [q["text"] for q in get_json(harbour_site, "/-/quotes/search.json?q=council&around=1")["quotes"]] == ["Ask the council,"]


def test_a_changed_article_leaves_no_old_paragraph_in_the_index(harbour_site, tmp_path):
    from quotes.check import check_database
    from quotes.store import open_database

    (tmp_path / "in" / "a.txt").write_text('Pier vote\n\nOn the harbour tax, "We will wait," Tom Hale said.\n', encoding="utf-8")
    assert CliRunner().invoke(app, ["ingest", str(tmp_path / "in"), "--db", str(tmp_path / "quotes.db"), "--quiet"]).exit_code == 0
    assert get_json(harbour_site, "/-/quotes/search.json?q=ferry&around=1")["quotes"] == []
    assert [q["text"] for q in get_json(harbour_site, "/-/quotes/search.json?q=harbour+tax&around=1")["quotes"]] == ["We will wait,"]
    assert check_database(open_database(tmp_path / "quotes.db")) == []


def test_links_choose_a_speaker_by_id_and_a_typed_name_replaces_it(harbour_site):
    hale = get_json(harbour_site, "/-/quotes/search.json?speaker=tom+hale")["quotes"][0]["speaker_id"]
    chosen = get_json(harbour_site, f"/-/quotes/search.json?speaker_id={hale}")
    assert chosen["filters"]["speaker"] == "Tom Hale" and len(chosen["quotes"]) == 3
    assert {q["speaker_id"] for q in chosen["quotes"]} == {hale} and f"speaker_id={hale}" in chosen["links"]["next"]
    retyped = get_json(harbour_site, f"/-/quotes/search.json?speaker_id={hale}&speaker=ana+ruiz")
    assert {q["speaker"] for q in retyped["quotes"]} == {"Ana Ruiz"} and retyped["filters"]["speaker_id"] == ""
    page = asyncio.run(harbour_site.client.get(f"/-/quotes/speaker/{hale}")).text
    assert f'href="/-/quotes/export.csv?speaker_id={hale}&amp;sort=date"' in page and f"/quotes/timeline?speaker={hale}" in page


def test_an_article_and_a_speaker_export_their_quotes_as_csv_and_json(harbour_site):
    import csv
    import io

    article = get_json(harbour_site, "/-/quotes/search.json?q=pier")["quotes"][0]["document_id"]
    assert f'/-/quotes/export.csv?article={article}&amp;sort=date' in asyncio.run(harbour_site.client.get(f"/-/quotes/article/{article}")).text
    response = asyncio.run(harbour_site.client.get(f"/-/quotes/export.csv?article={article}&sort=date"))
    assert response.headers["content-disposition"] == 'attachment; filename="quotes.csv"'
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [row["quote"] for row in rows] == ["It is a disgrace and we will fight it,", "The pier comes first,", "Ask the council,"]  # as written
    assert [row["speaker"] for row in rows] == ["Tom Hale", "Ana Ruiz", "Tom Hale"] and len({row["article"] for row in rows}) == 1
    records = asyncio.run(harbour_site.client.get(f"/-/quotes/export.json?article={article}&sort=date")).json()
    assert records == [{**row, "addressee": row["addressee"] or None, "place": row["place"] or None, "said_on": row["said_on"] or None,
                        "speaker_title": row["speaker_title"] or None, "outlet": row["outlet"] or None, "published": row["published"] or None,
                        "url": row["url"] or None} for row in rows]
    assert asyncio.run(harbour_site.client.get("/-/quotes/export.csv?article=x1")).status_code == 400


def test_the_quotes_table_opens_on_readable_columns_newest_first_with_the_rest_one_click_away(harbour_site):
    from urllib.parse import parse_qs, urlsplit

    from quotes.tables import READABLE_COLUMNS

    opened = asyncio.run(harbour_site.client.get("/quotes/quotes?speaker_kind=person"))
    assert opened.status_code == 302
    args = parse_qs(urlsplit(opened.headers["location"]).query)
    assert args["_col"] == list(READABLE_COLUMNS) and args["_sort_desc"] == ["published"] and args["speaker_kind"] == ["person"]
    table = asyncio.run(harbour_site.client.get(opened.headers["location"])).text
    assert 'data-column="text"' in table and 'data-column="norm"' not in table and 'data-column="sieve"' not in table
    # "Show all columns" drops _col and keeps the rest: every column, and no second redirect
    everything = asyncio.run(harbour_site.client.get("/quotes/quotes?speaker_kind=person&_columns=chosen&_sort_desc=published"))
    assert everything.status_code == 200 and 'data-column="norm"' in everything.text and 'data-column="sieve"' in everything.text
    assert asyncio.run(harbour_site.client.get("/quotes/quotes.json?_shape=objects")).status_code == 200  # data is not redirected
