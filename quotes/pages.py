"""Journalist-facing pages on top of Datasette: home, search, a quote in its article, a speaker.

Registered as a Datasette plugin by `serve.make_datasette`. Each page has a JSON twin (the same
path ending in `.json`). Text from articles is always escaped; highlights are added after
escaping, between markers that cannot occur in news text.
"""
from __future__ import annotations

import html
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


QUERY_PARTS = re.compile(r'"([^"]*)"?|\b(OR)\b|([\w\']+)(\*?)')


def fts_query(words: str) -> str:
    """What a user types as an FTS5 query that cannot be a syntax error: "a phrase" in double
    quotes, OR between two terms, a prefix ending in *; all else is words, all required. Every
    term is quoted, so FTS5's own syntax in the words (`U.S.`, `AND (`) is only text."""
    terms: list[str] = []
    for phrase, either, word, star in QUERY_PARTS.findall(words):
        if either:
            if terms and terms[-1] != "OR":
                terms.append("OR")
        elif word or phrase:
            text = " ".join(re.findall(r"[\w']+", phrase)) if not word else word
            if text:
                terms.append(f'"{text}"' + ("*" if star and word else ""))
    while terms and terms[-1] == "OR":
        terms.pop()
    return " ".join(terms)


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


def _row_id(request) -> int | None:
    """The id in the page's path, if it is one a row can have."""
    value = request.url_vars["id"]
    return int(value) if re.fullmatch(r"[0-9]{1,18}", value) else None


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


SEARCH_FILTERS = (
    ("from", "quotes.published >= :from"),
    ("to", "quotes.published <= :to"),
)
# Speakers a typed name stands for, most quoted first: the name or an alias, in any case, whole
# or any of its words ("trump", "Clinton", "donald trump"), never a word's inside ("Pence" is not
# "Spencer").
SPEAKERS_NAMED = """
    select id, name, n_quotes from speakers where id in (
        select id from speakers where ' ' || lower(name) || ' ' like '% ' || :words || ' %' escape '\\'
        union select speaker_id from speaker_aliases where ' ' || lower(alias) || ' ' like '% ' || :words || ' %' escape '\\')
    order by n_quotes desc limit 20"""
OUTLETS_NAMED = "select outlet from documents where lower(outlet) like '%' || :words || '%' escape '\\' group by outlet"
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


async def search(datasette, request):
    database, name = _database(datasette)
    args = request.args
    words = args.get("q", "").strip()
    filters = {key: args.get(key, "").strip() for key in ("speaker", "outlet", "from", "to")}
    page = _page_number(args.get("page", ""))
    if page is None:
        return _bad_request(request, f"page must be a whole number from 1 to {MAX_PAGE}")
    where = [condition for key, condition in SEARCH_FILTERS if filters[key]]
    params = {key: filters[key] for key, _ in SEARCH_FILTERS if filters[key]}
    speakers = await _speakers_named(database, filters["speaker"]) if filters["speaker"] else []
    if filters["speaker"]:
        # the speakers the words name; else quotes whose speaker is written so (a description)
        ids = ",".join(str(int(row["id"])) for row in speakers)
        where.append(f"(quotes.speaker_id in ({ids}) or quotes.speaker = :speaker)" if ids else "quotes.speaker = :speaker")
        params["speaker"] = filters["speaker"]
    if filters["outlet"]:
        where.append(f"quotes.outlet in ({OUTLETS_NAMED})")
        params["words"] = _like_words(filters["outlet"])
    results, facets, count = [], {}, None
    query = fts_query(words)
    if query or where:
        source = "quotes_fts join quotes on quotes.id = quotes_fts.rowid" if query else "quotes"
        if query:
            where.insert(0, "quotes_fts match :query")
            params["query"] = query
        condition = " and ".join(where)
        # Long quotes show the passage around the match (a snippet); short ones in full.
        highlight = (
            f"case when length(quotes.text) > {SNIPPET_OVER} then snippet(quotes_fts, 0, '{OPEN}', '{CLOSE}', '…', 40)"
            f" else highlight(quotes_fts, 0, '{OPEN}', '{CLOSE}') end"
            if query else "quotes.text"
        )
        order = "rank" if query else "quotes.published desc, quotes.id desc"
        results = await _rows(database, f"""
            select {CARD_COLUMNS}, {highlight} as highlighted
            from {source} join documents on documents.id = quotes.document_id
            where {condition} order by {order} limit {PAGE_SIZE + 1} offset {(page - 1) * PAGE_SIZE}""", params)
        try:
            count = (await _rows(database, f"select count(*) as n from {source} where {condition}", params, FACET_TIME_LIMIT_MS))[0]["n"]
        except Exception:  # counting every match of a common word is left out rather than slow the page
            count = None
        for column in ("speaker", "outlet"):
            try:
                facets[column] = await _rows(database, f"""
                    select quotes.{column} as value, count(*) as count from {source}
                    where {condition} and quotes.{column} is not null
                    group by quotes.{column} order by count desc limit 10""", params, FACET_TIME_LIMIT_MS)
            except Exception:  # a facet over too many matches is left out rather than slow the page
                facets[column] = []
    return await _respond(datasette, request, "quotes_search.html", {
        "database": name, "q": words, "filters": filters, "page": page, "count": count,
        "speaker_choices": speakers if len(speakers) > 1 else [],
        "has_more": len(results) > PAGE_SIZE, "quotes": _cards(results[:PAGE_SIZE]), "facets": facets,
    })


async def _speakers_named(database, typed: str) -> list[dict]:
    return await _rows(database, SPEAKERS_NAMED, {"words": _like_words(typed)})


def _like_words(typed: str) -> str:
    """TYPED in lowercase, single-spaced, with LIKE's wildcards taken as themselves."""
    words = " ".join(typed.lower().split())
    return words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _page_number(value: str) -> int | None:
    """The page asked for: 1 when none; None when VALUE is no page ("²", 26 digits)."""
    if not value:
        return 1
    if not re.fullmatch(r"[0-9]{1,6}", value) or not 1 <= int(value) <= MAX_PAGE:
        return None
    return int(value)


def _cards(rows: list[dict]) -> list[dict]:
    for row in rows:
        row["html"] = marked(row.pop("highlighted", None) or row["text"])
    return rows


async def quote_page(datasette, request):
    database, name = _database(datasette)
    quote_id = _row_id(request)
    if quote_id is None:
        return _not_found(request, f"No quote {request.url_vars['id']}")
    rows = await _rows(database, """
        select quotes.*, documents.text as body, documents.title as article, documents.path, documents.url
        from quotes join documents on documents.id = quotes.document_id where quotes.id = :id""", {"id": quote_id})
    if not rows:
        return _not_found(request, f"No quote {quote_id}")
    quote = rows[0]
    body = quote.pop("body")
    others = []
    if quote["cluster_id"] is not None:
        others = await _rows(database, f"""
            select {CARD_COLUMNS} from quotes join documents on documents.id = quotes.document_id
            where quotes.cluster_id = :cluster and quotes.id != :id order by quotes.published""",
            {"cluster": quote["cluster_id"], "id": quote["id"]})
    quote["paragraph"] = paragraph_html(body, quote)
    quote["rule_in_words"] = rule_in_words(quote["sieve"])
    quote["url"] = http_url(quote["url"])
    return await _respond(datasette, request, "quotes_quote.html", {
        "database": name, "quote": quote, "others": _cards(others),
    })


def rule_in_words(name: str | None) -> str:
    """What the rule NAME looks for, in its own docstring's words, without the examples."""
    from .sieves import SIEVES

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
    speaker_id = _row_id(request)
    if speaker_id is None:
        return _not_found(request, f"No speaker {request.url_vars['id']}")
    rows = await _rows(database, "select * from speakers where id = :id", {"id": speaker_id})
    if not rows:
        return _not_found(request, f"No speaker {speaker_id}")
    speaker = rows[0]
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
    return Markup(
        f'<svg class="timeline" viewBox="0 0 {CHART_WIDTH} {CHART_HEIGHT}" role="img" aria-label="Quotes per month">'
        f'{"".join(bars)}<text x="0" y="{CHART_HEIGHT - 2}">{first}</text>'
        f'<text x="{CHART_WIDTH}" y="{CHART_HEIGHT - 2}" text-anchor="end">{last}</text></svg>'
    )


async def no_such_page(request):
    return Response.text("No such page", status=404)


async def to_home(request):
    return Response.redirect("/-/quotes")


@hookimpl
def register_routes():
    from .article_page import article_page  # it builds on this module's helpers

    return [
        (r"^/$", to_home),
        (r"^/-/quotes(\.(?P<format>json))?$", home),
        (r"^/-/quotes/search(\.(?P<format>json))?$", search),
        (r"^/-/quotes/quote/(?P<id>[^/.]*)(\.(?P<format>json))?$", quote_page),
        (r"^/-/quotes/speaker/(?P<id>[^/.]*)(\.(?P<format>json))?$", speaker_page),
        (r"^/-/quotes/article/(?P<id>[^/.]*)(\.(?P<format>json))?$", article_page),
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
