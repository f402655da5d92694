"""Suggestions as you type, for the speaker and outlet boxes: a small JSON endpoint and the few
lines of script that fill the boxes' <datalist> from it (no framework; the reading pages'
policy allows script from this site). Registered with the other reading pages (`pages.py`)."""
from __future__ import annotations

from datasette.utils.asgi import Response

from .pages import _database, _rows
from .search_page import OUTLETS_NAMED, SPEAKERS_NAMED, like_words, prefix_pattern

SUGGESTIONS = 10

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
    """`?speaker=tru` → the speakers one of whose words starts so, most quoted first;
    `?outlet=gaz` → the outlets holding the words, most articles first."""
    database, _ = _database(datasette)
    speaker, outlet = request.args.get("speaker", "").strip(), request.args.get("outlet", "").strip()
    if speaker:
        names = [row["name"] for row in await _rows(database, SPEAKERS_NAMED, {"pattern": prefix_pattern(speaker)})]
    elif outlet:
        names = [row["outlet"] for row in await _rows(database, OUTLETS_NAMED, {"words": like_words(outlet)})]
    else:
        names = []
    return Response.json({"suggestions": names[:SUGGESTIONS]})


async def suggest_script(request):
    return Response(SCRIPT, content_type="application/javascript; charset=utf-8", headers={"cache-control": "max-age=3600"})
