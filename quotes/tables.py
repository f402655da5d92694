"""Datasette's own tables as the project presents them: the quotes table opened on the columns a
reader wants, newest first; rows, speakers and clusters linked to their reading pages; a little
CSS for Datasette's pages. A Datasette plugin, registered by `serve.make_datasette`."""
from __future__ import annotations

import html
from urllib.parse import parse_qs, urlencode

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup

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
