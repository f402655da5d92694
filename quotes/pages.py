"""Journalist-facing pages on top of Datasette: home, search, a quote in its article, a speaker.

Registered as a Datasette plugin by `serve.make_datasette`. Each page has a JSON twin (the same
path ending in `.json`). Text from articles is always escaped; highlights are added after
escaping, between markers that cannot occur in news text.
"""
from __future__ import annotations

import csv
import html
import io
import json
import re

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup

from .security import http_url

OPEN, CLOSE = "\ue000", "\ue001"  # private-use characters: FTS5 highlight markers
PAGE_SIZE = 20
MAX_PAGE = 10_000
SNIPPET_OVER = 280  # characters: longer quotes are shown as a snippet around the match
FACET_TIME_LIMIT_MS = 250
CHART_WIDTH, CHART_HEIGHT = 560, 120


def marked(text: str | None) -> Markup:
    """TEXT escaped, with the highlight markers turned into <mark> tags."""
    escaped = html.escape(text or "")
    return Markup(escaped.replace(OPEN, "<mark>").replace(CLOSE, "</mark>"))


async def _respond(datasette, request, template: str, context: dict) -> Response:
    if request.url_vars.get("format") == "json":
        return Response.json(_jsonable(context))
    return Response.html(await datasette.render_template(template, context, request=request))


def _not_found(request, message: str) -> Response:
    return _error(request, message, 404)


def _bad_request(request, message: str) -> Response:
    return _error(request, message, 400)


def _error(request, message: str, status: int) -> Response:
    if request.url_vars.get("format") == "json":
        return Response.json({"ok": False, "error": message}, status=status)
    return Response.text(message, status=status)


async def _one_row(database, request, what: str, sql: str) -> dict | Response:
    """The row SQL selects for the id in the page's path (`:id`), or the 404 page for WHAT."""
    row_id = _row_id(request)
    rows = await _rows(database, sql, {"id": row_id}) if row_id is not None else []
    return rows[0] if rows else _not_found(request, f"No {what} {request.url_vars['id']}")


def _row_id(request) -> int | None:
    """The id in the page's path, if it is one a row can have."""
    value = request.url_vars["id"]
    return int(value) if re.fullmatch(r"[0-9]{1,18}", value) else None


def csv_download(filename: str, header, rows) -> Response:
    """HEADER and ROWS (lists of values) as a CSV file the browser saves as FILENAME."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return Response(buffer.getvalue(), content_type="text/csv; charset=utf-8", headers={"content-disposition": f'attachment; filename="{filename}"'})


def _jsonable(value):
    if isinstance(value, Markup):
        return str(value)
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items() if not k.startswith("_")}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def _database(datasette):
    database = datasette.get_database()
    return database, database.name


async def _rows(database, sql: str, params=None, time_limit_ms: int | None = None) -> list[dict]:
    results = await database.execute(sql, params or {}, custom_time_limit=time_limit_ms)
    return [dict(row) for row in results.rows]


CARD_COLUMNS = """quotes.id, quotes.text, quotes.speaker, quotes.speaker_id, quotes.speaker_title, quotes.cue,
    quotes.kind, quotes.outlet, quotes.published, quotes.said_on, quotes.place, quotes.addressee,
    quotes.confidence, quotes.document_id, documents.title as article"""


async def home(datasette, request):
    database, name = _database(datasette)
    summary = (await _rows(database, """
        select (select count(*) from documents) as documents,
               (select count(distinct outlet) from documents) as outlets,
               (select min(published) from documents) as first_published,
               (select max(published) from documents) as last_published,
               (select count(*) from quotes) as quotes,
               (select count(*) from speakers) as speakers"""))[0]
    speakers = await _rows(database, "select id, name, title, n_quotes, n_outlets from speakers order by n_quotes desc limit 10")
    # One quote from each of the latest articles, a full utterance first and the longest: not
    # ten fragments of one article
    latest = await _rows(database, f"""
        select {CARD_COLUMNS} from quotes join documents on documents.id = quotes.document_id
        where quotes.id in (
          select (select q.id from quotes q where q.document_id = d.id and q.speaker_id is not null
                  order by q.kind = 'full' desc, length(q.text) desc limit 1)
          from documents d order by d.published desc, d.id desc limit 30)
        order by quotes.published desc, quotes.id desc limit 10""")
    return await _respond(datasette, request, "quotes_home.html", {
        "database": name, "summary": summary, "speakers": speakers, "quotes": _cards(latest),
    })


def _cards(rows: list[dict]) -> list[dict]:
    for row in rows:
        row["html"] = marked(row.pop("highlighted", None) or row["text"])
        row["around_html"] = marked(row.pop("around")) if row.get("around") else None
    return rows


SPEAKER_KIND_WORDS = {
    "person": "a named person", "organization": "an organisation", "anonymous": "an anonymous source",
    "document": "a document", "unknown": "nobody known",
}


async def quote_page(datasette, request):
    database, name = _database(datasette)
    quote = await _one_row(database, request, "quote", """
        select quotes.*, documents.text as body, documents.title as article, documents.path, documents.url
        from quotes join documents on documents.id = quotes.document_id where quotes.id = :id""")
    if isinstance(quote, Response):
        return quote
    body = quote.pop("body")
    others = []
    if quote["cluster_id"] is not None:
        others = await _rows(database, f"""
            select {CARD_COLUMNS} from quotes join documents on documents.id = quotes.document_id
            where quotes.cluster_id = :cluster and quotes.id != :id order by quotes.published""",
            {"cluster": quote["cluster_id"], "id": quote["id"]})
    quote["paragraph"] = paragraph_html(body, quote)
    quote["rule_in_words"] = rule_in_words(quote["sieve"])
    quote["speaker_kind_words"] = SPEAKER_KIND_WORDS.get(quote.get("speaker_kind") or "", quote["speaker_type"])
    quote["url"] = http_url(quote["url"])
    return await _respond(datasette, request, "quotes_quote.html", {
        "database": name, "quote": quote, "others": _cards(others),
    })


def rule_in_words(name: str | None) -> str:
    """What the rule NAME looks for, in its own docstring's words, without the examples."""
    from .attribute.rules import SIEVES

    sieve = next((sieve for sieve in SIEVES if sieve.name == name), None)
    if sieve is None or not sieve.find.__doc__:
        return ""
    words = " ".join(sieve.find.__doc__.split("\n\n")[0].split())
    words = re.sub(r"^(?:[ /,:;]|or )+", "", re.sub(r"`[^`]*`", "", words))  # the examples go
    words = words.split(". ")[0].rstrip(".") + "."
    return words[:1].upper() + words[1:]


def paragraph_html(body: str, quote: dict) -> Markup:
    """The paragraph(s) around the quote, escaped, with the quote, mention and cue marked."""
    start = body.rfind("\n", 0, quote["start"]) + 1
    end = body.find("\n", quote["end"])
    end = len(body) if end < 0 else end
    spans = [(quote["start"], quote["end"], "mark", "quote")]
    for kind in ("mention", "cue"):
        s, e = quote.get(f"{kind}_start"), quote.get(f"{kind}_end")
        if s is not None and e is not None and start <= s and e <= end and (e <= quote["start"] or s >= quote["end"]):
            spans.append((s, e, "span", kind))
    pieces, cursor = [], start
    for s, e, tag, kind in sorted(spans):
        if s < cursor:
            continue
        pieces.append(html.escape(body[cursor:s]))
        pieces.append(f'<{tag} class="{kind}">{html.escape(body[s:e])}</{tag}>')
        cursor = e
    pieces.append(html.escape(body[cursor:end]))
    return Markup("".join(pieces))


async def speaker_page(datasette, request):
    database, name = _database(datasette)
    speaker = await _one_row(database, request, "speaker", "select * from speakers where id = :id")
    if isinstance(speaker, Response):
        return speaker
    speaker_id = speaker["id"]
    speaker["candidates"] = json.loads(speaker["candidates"]) if speaker.get("candidates") else []
    aliases = [r["alias"] for r in await _rows(database, "select alias from speaker_aliases where speaker_id = :id order by alias", {"id": speaker_id})]
    outlets = await _rows(database, """
        select outlet, count(*) as count from quotes where speaker_id = :id and outlet is not null
        group by outlet order by count desc limit 20""", {"id": speaker_id})
    months = await _rows(database, """
        select substr(coalesce(said_on, published), 1, 7) as month, count(*) as count from quotes
        where speaker_id = :id and coalesce(said_on, published) is not null group by month order by month""", {"id": speaker_id})
    quotes = await _rows(database, f"""
        select {CARD_COLUMNS} from quotes join documents on documents.id = quotes.document_id
        where quotes.speaker_id = :id order by quotes.published desc, quotes.id desc limit 100""", {"id": speaker_id})
    return await _respond(datasette, request, "quotes_speaker.html", {
        "database": name, "speaker": speaker, "aliases": aliases, "outlets": outlets, "months": months,
        "chart": timeline_svg(months), "quotes": _cards(quotes),
    })


def timeline_svg(months: list[dict]) -> Markup:
    """Quotes per month as a small server-rendered bar chart (no script, no plugin)."""
    if not months:
        return Markup("")
    peak = max(m["count"] for m in months)
    width = CHART_WIDTH / len(months)
    bars = []
    for i, month in enumerate(months):
        height = max(2, (CHART_HEIGHT - 20) * month["count"] / peak)
        x, y = i * width, CHART_HEIGHT - 16 - height
        label = html.escape(f"{month['month']}: {month['count']} quotes")
        bars.append(f'<rect x="{x + 1:.1f}" y="{y:.1f}" width="{max(width - 2, 1):.1f}" height="{height:.1f}"><title>{label}</title></rect>')
    first, last = html.escape(months[0]["month"]), html.escape(months[-1]["month"])
    # The labels are text beside the drawing, not in it: the drawing shrinks to a phone's width,
    # and labels inside it would shrink to a few pixels
    return Markup(
        f'<svg class="timeline" viewBox="0 0 {CHART_WIDTH} {CHART_HEIGHT - 16}" role="img" aria-label="Quotes per month">'
        f'{"".join(bars)}</svg><p class="axis"><span>{first}</span><span>busiest month: {peak} quote{"s" if peak != 1 else ""}</span>'
        f'<span>{last}</span></p>'
    )


async def no_such_page(request):
    return Response.text("No such page", status=404)


async def to_home(request):
    return Response.redirect("/-/quotes")


@hookimpl
def register_routes():
    from .article_page import article_page  # they build on this module's helpers
    from .outlets_page import outlets_page
    from .search_page import search
    from .suggest import suggest, suggest_script
    from .tables import tables_css

    return [
        (r"^/$", to_home),
        (r"^/-/quotes(\.(?P<format>json))?$", home),
        (r"^/-/quotes/search(\.(?P<format>json))?$", search),
        (r"^/-/quotes/(?P<export>export|search)\.(?P<format>csv)$", search),  # search.csv: the links of earlier versions
        (r"^/-/quotes/(?P<export>export)\.(?P<format>json)$", search),
        (r"^/-/quotes/quote/(?P<id>[^/.]*)(\.(?P<format>json))?$", quote_page),
        (r"^/-/quotes/speaker/(?P<id>[^/.]*)(\.(?P<format>json))?$", speaker_page),
        (r"^/-/quotes/article/(?P<id>[^/.]*)(\.(?P<format>json))?$", article_page),
        (r"^/-/quotes/outlets(\.(?P<format>json|csv))?$", outlets_page),
        (r"^/-/quotes/suggest\.json$", suggest),
        (r"^/-/quotes/suggest\.js$", suggest_script),
        (r"^/-/quotes/tables\.css$", tables_css),
        (r"^/-/quotes/.*$", no_such_page),
    ]


@hookimpl
def prepare_connection(conn):
    # Facet counts scan whole indexes (a million entries at ~60 ms each): a bigger page cache and
    # memory-mapped reads take a tenth off each scan.
    conn.execute(f"pragma cache_size = -{PAGE_CACHE_KIB}")
    conn.execute(f"pragma mmap_size = {MMAP_BYTES}")


PAGE_CACHE_KIB = 64 * 1024
MMAP_BYTES = 1 << 30
