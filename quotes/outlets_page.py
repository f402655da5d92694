"""The outlets page: who each outlet quotes, side by side. For each outlet chosen (by any part
of its name, in any case), its quotes by kind of speaker (named people, organisations,
anonymous sources, documents) and the speakers it quotes most, as shares of its quotes, so that
outlets of different sizes compare. Registered with the other reading pages (`pages.py`)."""
from __future__ import annotations

from urllib.parse import urlencode

from datasette.utils.asgi import Response

from .pages import _database, _respond, _rows, csv_download
from .resolve.kinds import SPEAKER_KINDS
from .search_page import OUTLETS_CALLED, OUTLETS_NAMED, like_words

MAX_OUTLETS = 3  # side by side, readable, and each one an index count over its quotes (~75 ms at a million quotes)
TOP_SPEAKERS = 10
KIND_WORDS = {"person": "named people", "organization": "organisations", "anonymous": "anonymous sources", "document": "documents", "unknown": "nobody known"}


async def outlets_page(datasette, request):
    database, name = _database(datasette)
    typed = [value.strip() for value in request.args.getlist("outlet") if value.strip()][:MAX_OUTLETS]
    columns, unknown = [], []
    for words in typed:
        outlet = await _outlet_named(database, words)
        if outlet is None:
            unknown.append(words)
        else:
            columns.append(await _outlet_column(database, outlet))
    if request.url_vars.get("format") == "csv":
        return _as_csv(columns)
    listing = await _rows(database, """
        select outlet, count(*) as articles from documents where outlet is not null
        group by outlet order by articles desc, outlet limit 100""")
    return await _respond(datasette, request, "quotes_outlets.html", {
        "database": name, "typed": typed, "columns": columns, "unknown": unknown, "listing": listing,
        "kind_words": KIND_WORDS, "max_outlets": MAX_OUTLETS, "query": urlencode([("outlet", column["outlet"]) for column in columns]),
    })


async def _outlet_named(database, words: str) -> str | None:
    """The outlet WORDS names: exactly, in any case, else the one outlet whose name holds them."""
    found = await _rows(database, OUTLETS_CALLED, {"name": " ".join(words.lower().split())})
    found = found or await _rows(database, OUTLETS_NAMED, {"words": like_words(words)})
    return found[0]["outlet"] if len(found) == 1 else None


async def _outlet_column(database, outlet: str) -> dict:
    """One outlet's figures: quotes, articles, shares by kind of speaker, top speakers."""
    params = {"outlet": outlet}
    kinds: dict[str, int] = {}
    for row in await _rows(database, "select speaker_kind, count(*) as n from quotes where outlet = :outlet group by speaker_kind", params):
        kinds[row["speaker_kind"] or "unknown"] = kinds.get(row["speaker_kind"] or "unknown", 0) + row["n"]
    total = sum(kinds.values())
    articles = (await _rows(database, "select count(*) as n from documents where outlet = :outlet", params))[0]["n"]
    # counted from the (outlet, speaker_id) index alone, then named: a million quotes stay fast
    speakers = await _rows(database, f"""
        select top.speaker_id, speakers.name as speaker, top.n from (
            select speaker_id, count(*) as n from quotes where outlet = :outlet and speaker_id is not null
            group by speaker_id order by n desc limit {TOP_SPEAKERS}
        ) as top join speakers on speakers.id = top.speaker_id order by top.n desc, speakers.name""", params)
    for speaker in speakers:
        speaker["share"] = _share(speaker["n"], total)
    return {
        "outlet": outlet, "quotes": total, "articles": articles, "speakers": speakers,
        "kinds": [{"kind": kind, "n": kinds.get(kind, 0), "share": _share(kinds.get(kind, 0), total)} for kind in SPEAKER_KINDS],
    }


def _share(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def _as_csv(columns: list[dict]) -> Response:
    """The comparison as one table for a spreadsheet: a row per outlet and kind of speaker, then
    per outlet and speaker it quotes most, with its quotes and their share of the outlet's."""
    rows = []
    for column in columns:
        rows += [[column["outlet"], "kind of speaker", KIND_WORDS[kind["kind"]], kind["n"], kind["share"]] for kind in column["kinds"]]
        rows += [[column["outlet"], "speaker", speaker["speaker"], speaker["n"], speaker["share"]] for speaker in column["speakers"]]
    return csv_download("outlets.csv", ["outlet", "of", "name", "quotes", "share"], rows)
