"""Datasette's own tables as the project presents them: the quotes table opened on the columns a
reader wants, newest first; rows, speakers and clusters linked to their reading pages; a little
CSS for Datasette's pages. A Datasette plugin, registered by `serve.make_datasette`."""
from __future__ import annotations

import html
from urllib.parse import parse_qs, parse_qsl, urlencode

from datasette import hookimpl
from datasette.facets import ColumnFacet
from datasette.utils import path_with_added_args, path_with_removed_args
from datasette.utils.asgi import Response
from markupsafe import Markup

from .facet_counts import COUNTED, FILTERS, NONE, counts_sql
from .pages import _rows


# Datasette's tables link a row's main text to its reading page: the quote, the speaker, the
# article; (table, column) → (page, the column holding the page's id)
READING_PAGE_OF = {
    ("quotes", "text"): ("quote", "id"), ("quotes_view", "text"): ("quote", "id"),
    ("speakers", "name"): ("speaker", "id"), ("documents", "title"): ("article", "id"),
    ("clusters", "speaker"): ("speaker", "speaker_id"),
}
# A cluster's text opens the page of its first occurrence, which lists the others
FIRST_OCCURRENCE = "select id from quotes where cluster_id = :cluster order by published, id limit 1"


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if value is None:
        return None
    if (table, column) == ("clusters", "text") and "id" in row.keys():
        async def first_occurrence():
            found = await _rows(datasette.get_database(database), FIRST_OCCURRENCE, {"cluster": row["id"]})
            return _page_link("quote", found[0]["id"], value) if found else None

        return first_occurrence
    page, key = READING_PAGE_OF.get((table, column), (None, None))
    if page is None or key not in row.keys() or row[key] is None:
        return None
    page_id = row[key]["value"] if isinstance(row[key], dict) else row[key]  # a foreign key comes with its label
    return _page_link(page, page_id, value)


def _page_link(page: str, page_id, text) -> Markup:
    return Markup(f'<a href="/-/quotes/{page}/{int(page_id)}">{html.escape(str(text))}</a>')


# Datasette's quotes table opens on the columns a reader wants, quote first and newest first; the
# rest (offsets, rule, confidence, norm…) is one click away: "Show all columns" in any column's
# menu, which keeps `_columns=chosen` so that the choice is not made again.
READABLE_COLUMNS = ("text", "speaker", "speaker_kind", "speaker_title", "cue", "addressee", "place", "said_on", "outlet", "published", "document_id")


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def readable_quotes_table(scope, receive, send):
            opens_table = scope["type"] == "http" and scope.get("method") == "GET" and _is_quotes_table(datasette, scope["path"])
            query = parse_qs(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True) if opens_table else {}
            if opens_table and not {"_col", "_nocol", "_columns"} & set(query):
                chosen = [("_col", column) for column in READABLE_COLUMNS] + [("_columns", "chosen")]
                sort = [] if {"_sort", "_sort_desc"} & set(query) else [("_sort_desc", "published")]
                location = scope["path"] + "?" + urlencode([*((k, v) for k, values in query.items() for v in values), *chosen, *sort])
                await send({"type": "http.response.start", "status": 302, "headers": [(b"location", location.encode("latin-1"))]})
                await send({"type": "http.response.body", "body": b""})
                return
            await app(scope, receive, send)

        return readable_quotes_table

    return wrap


# Datasette's own pages (metadata.yml's extra_css_urls): the quote text wide on a screen, and the
# SQL shown above a table wrapped on a phone, which else pushed the page 165 px sideways at 390 px.
TABLES_CSS = """
pre.wrapped-sql { white-space: pre-wrap; overflow-wrap: anywhere; }
@media (min-width: 577px) { table.rows-and-columns td.col-text { min-width: 24em; } }
"""


async def tables_css(request):
    return Response(TABLES_CSS, content_type="text/css; charset=utf-8", headers={"cache-control": "max-age=3600"})


def _is_quotes_table(datasette, path: str) -> bool:
    """Whether PATH is the HTML page of the served database's quotes table."""
    return path == f"/{datasette.get_database().name}/quotes"


# Arguments of a table page that change no row it counts: sorting, paging, columns and facets
# shown, the shape of its JSON
NOT_FILTERING = {
    "_sort", "_sort_desc", "_size", "_next", "_col", "_nocol", "_columns", "_facet", "_facet_size", "_labels", "_nolabels",
    "_shape", "_json", "_nl", "_extra", "_nocount", "_trace",
}


class CountedFacet(ColumnFacet):
    """A default facet of the quotes table (metadata.yml: `counted`), read from the counts kept as
    quotes are written (facet_counts.py) when the page filters on nothing but the columns they are
    kept by (kinds of quote, speaker type and speaker, and outlet); counted from the rows, as
    Datasette's column facet, when it filters otherwise."""

    type = "counted"

    async def facet_results(self):
        filters = self._filters()
        configs = [(config["config"].get("column") or config["config"]["simple"], config["source"]) for config in self.get_configs()]
        if filters is None or any(column not in COUNTED for column, _ in configs):
            results, timed_out = await super().facet_results()
        else:
            size = self.get_facet_size()
            results, timed_out = [], []
            for column, source in configs:
                sql, params = counts_sql(column, filters, size + 1)
                rows = (await self.ds.execute(self.database, sql, params)).rows
                results.append(self._facet(column, rows[:size], truncated=len(rows) > size, hideable=source != "metadata"))
        # shown as the column facets they are: how they were counted is no concern of the reader's
        return [{**facet, "type": ColumnFacet.type} for facet in results], timed_out

    def _filters(self) -> dict[str, str] | None:
        """column → value of the page's filters, when each is an exact value of a column the counts
        are kept by (none: the whole table); None when the page filters otherwise."""
        if self.table != "quotes" or not self.request:
            return None
        filters = {}
        for key, value in parse_qsl(self.request.query_string, keep_blank_values=True):
            if key.startswith("_"):
                if key not in NOT_FILTERING:
                    return None  # a search, a where clause, anything Datasette may filter by
                continue
            column, _, lookup = key.partition("__")
            if column not in FILTERS or lookup not in ("", "exact") or value == NONE or column in filters:
                return None
            filters[column] = value
        return filters

    def _facet(self, column: str, rows: list, truncated: bool, hideable: bool) -> dict:
        """The facet as Datasette's column facet gives it to its templates."""
        selected = parse_qsl(self.request.query_string, keep_blank_values=True)
        values = []
        for value, count in rows:
            chosen = (column, str(value)) in selected
            path = path_with_removed_args(self.request, {column: str(value)}) if chosen else path_with_added_args(self.request, {column: value})
            values.append({
                "value": value, "label": value, "count": count, "selected": chosen,
                "toggle_url": self.ds.absolute_url(self.request, self.ds.urls.path(path)),
            })
        return {
            "name": column, "hideable": hideable, "results": values, "truncated": truncated,
            "toggle_url": self.ds.urls.path(path_with_removed_args(self.request, {"_facet": column})),
        }


@hookimpl
def register_facet_classes():
    return [CountedFacet]
