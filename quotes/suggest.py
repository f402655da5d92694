"""Suggestions as you type, for the speaker and outlet boxes: a small JSON endpoint and the few
lines of script that fill the boxes' <datalist> from it (no framework; the reading pages'
policy allows script from this site). Registered with the other reading pages (`pages.py`)."""
from __future__ import annotations

from datasette.utils.asgi import Response

from .pages import _database, _rows
from .search_page import like_words

SUGGESTIONS = 10
# Speakers one of whose words, in the name or an alias, starts with what is typed ("tru" → Donald
# Trump), most quoted first
SPEAKERS_STARTING = f"""
    select id, name, n_quotes from speakers where id in (
        select id from speakers where ' ' || lower(name) like '% ' || :words || '%' escape '\\'
        union select speaker_id from speaker_aliases where ' ' || lower(alias) like '% ' || :words || '%' escape '\\')
    order by n_quotes desc, name limit {SUGGESTIONS}"""
OUTLETS_HOLDING = f"""
    select outlet, count(*) as articles from documents where lower(outlet) like '%' || :words || '%' escape '\\'
    group by outlet order by articles desc, outlet limit {SUGGESTIONS}"""

SCRIPT = """
// Fill each box's <datalist> with what /-/quotes/suggest.json offers for the words typed so far.
document.querySelectorAll("input[data-suggest]").forEach(function (box) {
  var list = document.getElementById(box.getAttribute("list")), timer = null;
  box.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      if (box.value.trim().length < 2) { list.replaceChildren(); return; }
      fetch("/-/quotes/suggest.json?" + box.dataset.suggest + "=" + encodeURIComponent(box.value))
        .then(function (response) { return response.json(); })
        .then(function (found) {
          list.replaceChildren.apply(list, found.suggestions.map(function (name) {
            var option = document.createElement("option");
            option.value = name;
            return option;
          }));
        });
    }, 150);
  });
});
"""


async def suggest(datasette, request):
    """`?speaker=tru` → the speakers' names, `?outlet=gaz` → the outlets', best first."""
    database, _ = _database(datasette)
    speaker, outlet = request.args.get("speaker", "").strip(), request.args.get("outlet", "").strip()
    if speaker:
        rows = await _rows(database, SPEAKERS_STARTING, {"words": like_words(speaker)})
        names = [row["name"] for row in rows]
    elif outlet:
        rows = await _rows(database, OUTLETS_HOLDING, {"words": like_words(outlet)})
        names = [row["outlet"] for row in rows]
    else:
        names = []
    return Response.json({"suggestions": names})


async def suggest_script(request):
    return Response(SCRIPT, content_type="application/javascript; charset=utf-8", headers={"cache-control": "max-age=3600"})
