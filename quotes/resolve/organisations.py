"""The organisations an article names, for an "it" that speaks ("The Harbor Port Authority
released its budget on Monday. It said the cranes were …"): capitalised runs that the name
grammar reads as an organisation, and the organisations attribution has found speaking."""
from __future__ import annotations

from bisect import bisect_left
from typing import NamedTuple

from ..context import QuoteContext
from ..lexicons import organisation_words, prepositions
from ..names import parse_mention
from ..words import ARTICLES, in_capitals, in_lexicon
from .people import Run

IT_WINDOW = 1  # sentences back an "it" looks for its organisation: its own and the one before


class OrganisationMention(NamedTuple):
    start: int
    paragraph: int
    name: str
    oblique: bool  # a preposition's object: "a report by Harbor Watch … It said" is the report


def find_organisations(ctx: QuoteContext, runs: list[Run]) -> list[OrganisationMention]:
    """The organisations named in RUNS (not in headings), in text order."""
    tokens = ctx.doc.tokens
    found = []
    for i, j, paragraph, first, heading in runs:
        last = tokens[j - 1].text
        if heading or not (in_lexicon(last, organisation_words()) or in_capitals([last])):
            continue
        mention = parse_mention(ctx.doc.text, list(tokens[i:j]))
        if mention is None or mention.speaker_type != "organization" or not mention.name:
            continue
        found.append(OrganisationMention(tokens[i].start, paragraph, mention.name, _object_of_preposition(tokens, i, first)))
    return found


def _object_of_preposition(tokens, i: int, first: int) -> bool:
    """Whether the name starting at tokens[i] follows a preposition, past any article ("a report
    by the Harbor Council")."""
    k = i - 1
    while k > first and tokens[k].text.lower() in ARTICLES:
        k -= 1
    return first <= k < i and tokens[k].text.lower() in prepositions()


class Organisations:
    """The organisations an "it" can refer back to, kept in text order as attribution adds speakers."""

    def __init__(self, found: list[OrganisationMention], sentence_of) -> None:
        self.found = found
        self.starts = [o.start for o in found]
        self.sentence_of = sentence_of

    def add(self, organisation: OrganisationMention) -> None:
        k = bisect_left(self.starts, organisation.start)
        self.starts.insert(k, organisation.start)
        self.found.insert(k, organisation)

    def before(self, position: int) -> str | None:
        """The organisation an "it" at POSITION stands for: the nearest named in its sentence or
        the one before, passing over a preposition's object ("A report by Harbor Watch found
        delays. It said …": the report, no organisation)."""
        sentence = self.sentence_of(position)
        for organisation in reversed(self.found[: bisect_left(self.starts, position)]):
            if sentence - self.sentence_of(organisation.start) > IT_WINDOW:
                return None
            if not organisation.oblique:
                return organisation.name
        return None
