"""The search page: what a journalist types, as FTS5 and filters that cannot fail; results a
page at a time, by relevance or date, or all of them as CSV or JSON (`/-/quotes/export.csv`). Registered with the other reading
pages (`pages.py`)."""
from __future__ import annotations

import json
import re
from urllib.parse import urlencode

from datasette.utils.asgi import Response

from .pages import CARD_COLUMNS, CLOSE, FACET_TIME_LIMIT_MS, MAX_PAGE, OPEN, PAGE_SIZE, SNIPPET_OVER, _bad_request, _cards, _database, _respond, _rows, csv_download
from .security import http_url

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


SEARCH_FILTERS = (
    ("from", "quotes.published >= :from"),
    ("to", "quotes.published <= :to"),
    ("article", "quotes.document_id = :article"),  # from an article page's export
)
FILTERS = ("speaker", "speaker_id", "outlet", "from", "to", "article")
# By date: newest articles first, an article's quotes in the order written
BY_DATE = "quotes.published desc, quotes.document_id desc, quotes.start"
# Speakers a typed name stands for, most quoted first: those whose name or alias it is, in any
# case ("donald trump" is not also Donald Trump Jr.); else those with it among their words
# ("trump", "Clinton"), never inside a word ("Pence" is not "Spencer").
SPEAKERS_CALLED = """
    select id, name, n_quotes from speakers where id in (
        select id from speakers where lower(name) = :name union select speaker_id from speaker_aliases where lower(alias) = :name)
    order by n_quotes desc limit 20"""
# Speakers whose name or an alias, with a space at each end, is LIKE :pattern: whole words
# (`words_pattern`) or, for suggestions, words that start so (`prefix_pattern`)
SPEAKERS_NAMED = """
    select id, name, n_quotes from speakers where id in (
        select id from speakers where ' ' || lower(name) || ' ' like :pattern escape '\\'
        union select speaker_id from speaker_aliases where ' ' || lower(alias) || ' ' like :pattern escape '\\')
    order by n_quotes desc, name limit 20"""
# Outlets a typed name stands for: the one it names in any case, else those it is part of (the
# ones with most articles first)
OUTLETS_CALLED = "select outlet from documents where lower(outlet) = :name group by outlet"
OUTLETS_NAMED = """
    select outlet from documents where lower(outlet) like '%' || :words || '%' escape '\\'
    group by outlet order by count(*) desc, outlet limit 50"""


async def search(datasette, request):
    database, name = _database(datasette)
    args = request.args
    words = args.get("q", "").strip()
    filters = {key: args.get(key, "").strip() for key in FILTERS}
    if not all(re.fullmatch(r"[0-9]{0,18}", filters[key]) for key in ("speaker_id", "article")):
        return _bad_request(request, "speaker_id and article are whole numbers (a speaker's or an article's id)")
    around = args.get("around") == "1"  # the words may be in the quote's paragraph, not the quote
    page = _page_number(args.get("page", ""))
    if page is None:
        return _bad_request(request, f"page must be a whole number from 1 to {MAX_PAGE}")
    sort = "date" if args.get("sort") == "date" else "relevance"
    where = [condition for key, condition in SEARCH_FILTERS if filters[key]]
    params = {key: filters[key] for key, _ in SEARCH_FILTERS if filters[key]}
    speakers = await _speaker_chosen(database, filters) or (await _speakers_named(database, filters["speaker"]) if filters["speaker"] else [])
    if filters["speaker"]:
        # the speakers the words name; else quotes whose speaker is written so (a description)
        ids = ",".join(str(int(row["id"])) for row in speakers)
        where.append(f"(quotes.speaker_id in ({ids}) or quotes.speaker = :speaker)" if ids else "quotes.speaker = :speaker")
        params["speaker"] = filters["speaker"]
    if filters["outlet"]:
        outlets = await _rows(database, OUTLETS_CALLED, {"name": " ".join(filters["outlet"].lower().split())})
        outlets = outlets or await _rows(database, OUTLETS_NAMED, {"words": like_words(filters["outlet"])})
        params.update({f"outlet{k}": row["outlet"] for k, row in enumerate(outlets)})
        where.append(f"quotes.outlet in ({', '.join(f':outlet{k}' for k in range(len(outlets)))})" if outlets else "0")
    results, facets, count = [], {}, None
    query = fts_query(words)
    if query or where:
        index = "quotes_context_fts" if around else "quotes_fts"
        source = f"{index} join quotes on quotes.id = {index}.rowid" if query else "quotes"
        if query:
            where.insert(0, f"{index} match :query")
            params["query"] = query
        condition = " and ".join(where)
        # Long quotes show the passage around the match (a snippet); short ones in full. Searched
        # with its paragraph, a quote shows whole, and the words found around it below.
        highlight = (
            f"case when length(quotes.text) > {SNIPPET_OVER} then snippet(quotes_fts, 0, '{OPEN}', '{CLOSE}', '…', 40)"
            f" else highlight(quotes_fts, 0, '{OPEN}', '{CLOSE}') end"
            if query and not around else "quotes.text"
        )
        around_it = f"snippet(quotes_context_fts, 0, '{OPEN}', '{CLOSE}', '…', 24)" if query and around else "null"
        order = "rank" if query and sort != "date" else BY_DATE
        if request.url_vars.get("export"):
            return await _export(database, source, condition, order, params, words, request.url_vars["format"])
        results = await _rows(database, f"""
            select {CARD_COLUMNS}, {highlight} as highlighted, {around_it} as around
            from {source} join documents on documents.id = quotes.document_id
            where {condition} order by {order} limit {PAGE_SIZE + 1} offset {(page - 1) * PAGE_SIZE}""", params)
        try:
            count = (await _rows(database, f"select count(*) as n from {source} where {condition}", params, FACET_TIME_LIMIT_MS))[0]["n"]
        except Exception:  # counting every match of a common word is left out rather than slow the page
            count = None
        # a speaker by id (a name the index resolved), else as written; an outlet by name
        for column, key in (("speaker", "quotes.speaker_id"), ("outlet", "null")):
            try:
                facets[column] = await _rows(database, f"""
                    select quotes.{column} as value, {key} as id, count(*) as count from {source}
                    where {condition} and quotes.{column} is not null
                    group by quotes.{column}, {key} order by count desc limit 10""", params, FACET_TIME_LIMIT_MS)
            except Exception:  # a facet over too many matches is left out rather than slow the page
                facets[column] = []
    asked = bool(query or where)
    return await _respond(datasette, request, "quotes_search.html", {
        "database": name, "q": words, "filters": filters, "page": page, "count": count, "sort": sort, "around": around,
        "links": _links(words, filters, sort, page, around),
        "why_none": await _why_none(database, words, filters, around) if asked and not results else None,
        "speaker_choices": speakers if len(speakers) > 1 else [],
        "has_more": len(results) > PAGE_SIZE, "quotes": _cards(results[:PAGE_SIZE]), "facets": facets,
    })


async def _speaker_chosen(database, filters: dict) -> list[dict]:
    """The speaker a link chose by id (`speaker_id`), shown by name in the speaker box; none when
    the box now names someone else (the id is then dropped from FILTERS)."""
    if not filters["speaker_id"]:
        return []
    chosen = await _rows(database, "select id, name, n_quotes from speakers where id = :id", {"id": int(filters["speaker_id"])})
    if chosen and filters["speaker"].lower() in ("", chosen[0]["name"].lower()):
        filters["speaker"] = chosen[0]["name"]
        return chosen
    filters["speaker_id"] = ""
    return []


async def _speakers_named(database, typed: str) -> list[dict]:
    called = await _rows(database, SPEAKERS_CALLED, {"name": " ".join(typed.lower().split())})
    return called or await _rows(database, SPEAKERS_NAMED, {"pattern": words_pattern(typed)})


def words_pattern(typed: str) -> str:
    """The LIKE pattern of TYPED as whole words of a space-padded name."""
    return f"% {like_words(typed)} %"


def prefix_pattern(typed: str) -> str:
    """The LIKE pattern of TYPED as the start of a word of a space-padded name."""
    return f"% {like_words(typed)}%"


def like_words(typed: str) -> str:
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


def _links(words: str, filters: dict, sort: str, page: int, around: bool) -> dict:
    """The query strings of this search's other pages, other order and exports."""
    base = {"q": words, **{key: value for key, value in filters.items() if value}, **({"around": "1"} if around else {})}
    here = {**base, **({"sort": sort} if sort == "date" else {})}
    return {
        "previous": urlencode({**here, "page": page - 1}) if page > 1 else None,
        "next": urlencode({**here, "page": page + 1}),
        "by_date": urlencode({**base, "sort": "date"}),
        "by_relevance": urlencode(base),
        "export": urlencode(here),
    }


async def _why_none(database, words: str, filters: dict, around: bool) -> dict:
    """For a search with no result: the corpus's dates, the same search without each filter, and
    the same words searched in the quotes' paragraphs too."""
    span = (await _rows(database, "select min(published) as first, max(published) as last from documents"))[0]
    kept = {key: value for key, value in filters.items() if value}
    without = [  # a speaker chosen by id goes with its name
        {"filter": key, "value": value, "link": urlencode({"q": words, **{k: v for k, v in kept.items() if k not in (key, f"{key}_id")}, **({"around": "1"} if around else {})})}
        for key, value in kept.items() if key != "speaker_id"
    ]
    wider = urlencode({"q": words, **kept, "around": "1"}) if words and not around else None
    return {"first": span["first"], "last": span["last"], "without": without, "around": wider}


EXPORT_LIMIT = 10_000
EXPORT_COLUMNS = ("speaker", "speaker_title", "quote", "cue", "addressee", "place", "said_on", "outlet", "published", "article", "url", "quote_page")


async def _export(database, source: str, condition: str, order: str, params: dict, words: str, format: str) -> Response:
    """Every match (up to EXPORT_LIMIT) with readable columns, as CSV for a spreadsheet or as a
    JSON list of objects."""
    rows = await _rows(database, f"""
        select quotes.speaker, quotes.speaker_title, quotes.text as quote, quotes.cue, quotes.addressee, quotes.place,
               quotes.said_on, quotes.outlet, quotes.published, documents.title as article, documents.url, quotes.id
        from {source} join documents on documents.id = quotes.document_id
        where {condition} order by {order} limit {EXPORT_LIMIT}""", params)
    records = [{**{column: row[column] for column in EXPORT_COLUMNS[:-1]}, "url": http_url(row["url"]), "quote_page": f"/-/quotes/quote/{row['id']}"} for row in rows]
    name = "-".join(re.findall(r"\w+", words.lower())[:5]) or "quotes"
    if format == "json":
        return Response(json.dumps(records, ensure_ascii=False, indent=1), content_type="application/json; charset=utf-8",
                        headers={"content-disposition": f'attachment; filename="{name}.json"'})
    return csv_download(f"{name}.csv", EXPORT_COLUMNS, [[record[column] for column in EXPORT_COLUMNS] for record in records])
