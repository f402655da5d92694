"""The article page: an article as a journalist reads it, every quote marked and coloured by its
speaker, with who is quoted in it. Registered with the other reading pages (`pages.py`)."""
from __future__ import annotations

import html

from markupsafe import Markup

from datasette.utils.asgi import Response

from .pages import _database, _one_row, _respond, _rows
from .security import http_url

COLOURS = 8  # speaker colours the stylesheet defines (.s0 … .s7); more speakers share them


async def article_page(datasette, request):
    database, name = _database(datasette)
    article = await _one_row(database, request, "article", "select id, title, outlet, published, author, url, path, dateline, text from documents where id = :id")
    if isinstance(article, Response):
        return article
    quotes = await _rows(database, """
        select id, start, end, speaker, speaker_id, speaker_type, cue from quotes
        where document_id = :id order by start""", {"id": article["id"]})
    speakers = _speakers(quotes)
    colour = {speaker["key"]: k % COLOURS for k, speaker in enumerate(speakers)}
    for quote in quotes:
        quote["colour"] = colour[_speaker_key(quote)]
    article["url"] = http_url(article["url"])
    body = article.pop("text")
    return await _respond(datasette, request, "quotes_article.html", {
        "database": name, "article": article, "speakers": speakers, "quotes": quotes,
        "paragraphs": article_html(body, quotes),
    })


def _speaker_key(quote: dict) -> str:
    return f"id:{quote['speaker_id']}" if quote["speaker_id"] is not None else f"name:{quote['speaker'] or ''}"


def _speakers(quotes: list[dict]) -> list[dict]:
    """Who is quoted in the article, most quoted first (unattributed quotes last)."""
    counted: dict[str, dict] = {}
    for quote in quotes:
        key = _speaker_key(quote)
        entry = counted.setdefault(key, {"key": key, "name": quote["speaker"], "speaker_id": quote["speaker_id"], "count": 0})
        entry["count"] += 1
    return sorted(counted.values(), key=lambda s: (s["name"] is None, -s["count"], s["name"] or ""))


def article_html(body: str, quotes: list[dict]) -> list[Markup]:
    """The article's paragraphs, escaped, each quote a link-anchored mark coloured by speaker."""
    marked, cursor = [], 0
    for quote in quotes:
        if quote["start"] < cursor:
            continue
        marked.append(html.escape(body[cursor : quote["start"]]))
        title = html.escape(f"{quote['speaker'] or 'unattributed'}{', ' + quote['cue'] if quote['cue'] else ''}", quote=True)
        marked.append(
            f'<a class="quote s{quote["colour"]}" id="q{quote["id"]}" href="/-/quotes/quote/{quote["id"]}" title="{title}">'
            f'{html.escape(body[quote["start"] : quote["end"]])}</a>'
        )
        cursor = quote["end"]
    marked.append(html.escape(body[cursor:]))
    return [Markup(paragraph) for paragraph in "".join(marked).split("\n") if paragraph.strip()]
