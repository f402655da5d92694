"""The quotes table's default facets, counted as quotes are written (facet_counts.py), answer as
Datasette would by counting rows; and the planner gets the tables' shape after a write."""
import asyncio
import json

import pytest
from datasette.facets import ColumnFacet
from typer.testing import CliRunner

from quotes.check import check_database
from quotes.cli import app
from quotes.serve import make_datasette
from quotes.store import keep_statistics, open_database

ARTICLES = [
    {"id": "council", "outlet": "Harbor Gazette", "text": 'Council\n\n"The bridge will open in May," Mayor Ana Ruiz said. The council\'s '
     'spokesman said "the vote was close" and that more talks were planned.\n\n"We were not consulted," the harbor union said in a statement.'},
    {"id": "harbor", "outlet": "Lakeside Courier", "text": 'Harbor\n\n"Boats come first," Tom Hale said.\n\n"Not this year," said Ana Ruiz, '
     'who called the plan "a good start."'},
    {"id": "school", "outlet": "Harbor Gazette", "text": 'Schools\n\n"Class sizes must fall," Priya Raman told the board. Harbor Media '
     'said "ratings rose" last year.'},
]


def ingest(tmp_path, records: list[dict], name: str = "news.jsonl"):
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(tmp_path / "q.db"), "--quiet"])
    assert result.exit_code == 0, result.output
    return tmp_path / "q.db"


@pytest.fixture
def counted_calls(monkeypatch):
    """How many times a counted facet fell back to counting rows, as Datasette's column facet."""
    calls = []
    column_facet_results = ColumnFacet.facet_results

    async def counting(self):
        if self.type == "counted":
            calls.append(self.request.query_string)
        return await column_facet_results(self)

    monkeypatch.setattr(ColumnFacet, "facet_results", counting)
    return calls


def facets_of(datasette, query: str) -> dict[str, dict]:
    response = asyncio.run(datasette.client.get(f"/q/quotes.json?_shape=objects&{query}"))
    assert response.status_code == 200, response.text
    facets = response.json()["facet_results"]
    return {name: {row["value"]: row["count"] for row in facet["results"]} for name, facet in facets.get("results", facets).items()}


def counted_by_rows(db_path, where: str, params: list) -> dict[str, dict]:
    db = open_database(db_path)
    return {
        column: dict(db.execute(f"select {column}, count(*) from quotes where {column} is not null {where} group by {column}", params).fetchall())
        for column in ("speaker", "speaker_kind", "outlet")
    }


@pytest.mark.parametrize(
    ("query", "where", "params"),
    [
        ("", "", []),
        ("kind=full", "and kind = ?", ["full"]),
        ("kind=partial&speaker_type=person", "and kind = ? and speaker_type = ?", ["partial", "person"]),
        ("speaker_kind__exact=organization", "and speaker_kind = ?", ["organization"]),
        ("kind=full&_sort=speaker&_size=5", "and kind = ?", ["full"]),
        ("outlet=Harbor+Gazette", "and outlet = ?", ["Harbor Gazette"]),
        ("outlet=Harbor+Gazette&kind=partial&speaker_kind=person", "and outlet = ? and kind = ? and speaker_kind = ?", ["Harbor Gazette", "partial", "person"]),
    ],
)
def test_facets_within_the_kept_filters_are_read_from_the_counts(tmp_path, counted_calls, query, where, params):
    db_path = ingest(tmp_path, ARTICLES)
    facets = facets_of(make_datasette(db_path), query)
    assert counted_calls == []  # the counts answered, no row was counted
    assert facets == counted_by_rows(db_path, where, params)
    assert facets["speaker"] and facets["outlet"]  # the example has speakers and outlets within each filter


@pytest.mark.parametrize(
    ("query", "where", "params"),
    [
        ("cue=said", "and cue = ?", ["said"]),
        ("outlet=Harbor+Gazette&outlet=Lakeside+Courier", "and outlet = ? and outlet = ?", ["Harbor Gazette", "Lakeside Courier"]),
        ("speaker=Ana+Ruiz", "and speaker = ?", ["Ana Ruiz"]),
        ("_search=bridge", "and id in (select rowid from quotes_fts where quotes_fts match ?)", ["bridge"]),
        ("kind__not=full", "and kind != ?", ["full"]),
    ],
)
def test_other_filters_are_counted_from_the_rows(tmp_path, counted_calls, query, where, params):
    db_path = ingest(tmp_path, ARTICLES)
    facets = facets_of(make_datasette(db_path), query)
    assert len(counted_calls) == 1
    assert facets == counted_by_rows(db_path, where, params)


def test_a_chosen_value_is_marked_and_its_link_takes_it_off(tmp_path):
    datasette = make_datasette(ingest(tmp_path, ARTICLES))
    response = asyncio.run(datasette.client.get("/q/quotes.json?_shape=objects&kind=full"))
    facets = response.json()["facet_results"]
    (person,) = [row for row in facets.get("results", facets)["speaker_kind"]["results"] if row["value"] == "person"]
    assert not person["selected"] and "speaker_kind=person" in person["toggle_url"]
    response = asyncio.run(datasette.client.get("/q/quotes.json?_shape=objects&kind=full&speaker_kind=person"))
    facets = response.json()["facet_results"]
    (person,) = facets.get("results", facets)["speaker_kind"]["results"]
    assert person["selected"] and "speaker_kind" not in person["toggle_url"] and "kind=full" in person["toggle_url"]


def test_the_counts_follow_every_change_to_the_quotes(tmp_path):
    db_path = ingest(tmp_path, ARTICLES)
    assert CliRunner().invoke(app, ["speakers", "merge", "Tom Hale", "Ana Ruiz", "--db", str(db_path)]).exit_code == 0
    changed = [ARTICLES[0], {**ARTICLES[2], "text": 'Schools\n\n"Smaller classes," Tom Hale told the board.'}]  # one gone, one changed
    ingest(tmp_path, changed)
    ingest(tmp_path, [{"id": "ferry", "outlet": "Lakeside Courier", "text": 'Ferry\n\n"The ferry is late," Omar Haddad said.'}], "more.jsonl")
    assert CliRunner().invoke(app, ["speakers", "rename", "Omar Haddad", "Dr. Omar Haddad", "--db", str(db_path)]).exit_code == 0
    db = open_database(db_path)
    assert check_database(db) == []  # "facet counts equal the quotes table" among its checks
    assert facets_of(make_datasette(db_path), "") == counted_by_rows(db_path, "", [])
    speakers = counted_by_rows(db_path, "", [])["speaker"]
    assert "Tom Hale" not in speakers and "Dr. Omar Haddad" in speakers  # merged into Ana Ruiz (re-ingested as her); renamed
    db.execute("update quote_facet_counts set n = n + 1 where facet = 'outlet' or facet = 'speaker'")
    assert [problem for problem in check_database(db) if problem.startswith("facet counts equal the quotes table")]


def test_statistics_are_taken_after_a_write_and_again_when_the_table_doubles(tmp_path):
    db = open_database(ingest(tmp_path, ARTICLES))
    analysed = db.execute("select stat from sqlite_stat1 where tbl = 'quotes' limit 1").fetchone()[0]
    assert int(analysed.split()[0]) == db.table("quotes").count
    db.execute("delete from sqlite_stat1 where tbl = 'documents'")
    keep_statistics(db)  # the quotes table has not grown: nothing is taken again
    assert not db.execute("select 1 from sqlite_stat1 where tbl = 'documents'").fetchone()
    more = [{"id": f"talks{k}", "text": f'Talks {k}\n\n"Round {k} is over," Omar Haddad said. "Round {k + 1} starts now," he added.'} for k in range(12)]
    db = open_database(ingest(tmp_path, more, "more.jsonl"))
    analysed = db.execute("select stat from sqlite_stat1 where tbl = 'quotes' limit 1").fetchone()[0]
    assert int(analysed.split()[0]) == db.table("quotes").count
    assert db.execute("select 1 from sqlite_stat1 where tbl = 'documents'").fetchone()


@pytest.mark.parametrize("query", ["kind=full", "speaker_kind=person&_facet_size=2", "outlet=Lakeside+Courier&kind=full"])
def test_a_counted_facet_is_what_datasettes_column_facet_gives(tmp_path, counted_calls, query):
    """The same column asked for as Datasette's own facet (`_facet=`) comes out the same, links and all."""
    datasette = make_datasette(ingest(tmp_path, ARTICLES))
    for column in ("speaker", "speaker_kind", "outlet"):
        response = asyncio.run(datasette.client.get(f"/q/quotes.json?{query}&_facet={column}"))
        facets = response.json()["facet_results"]
        facets = facets.get("results", facets)
        counted, datasettes = facets[column], facets[f"{column}_2"]
        assert {**counted, "hideable": True, "toggle_url": None} == {**datasettes, "toggle_url": None}
    assert counted_calls == []
