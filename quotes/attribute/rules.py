"""The rule table: every attribution rule in the order it is tried, with its name, the function
that reads it, its prior confidence and an example sentence that it must answer (tests run each).

`attribute.find_attributions` tries them in this order, each over every quote still without a
speaker, so later rules can lean on earlier answers. A rule's name is written here only: the
runner stamps it on the answer as the quote's `sieve`.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from . import chains, clauses, cues, headings, parse
from .mentions import MAX_SUBJECT_TOKENS, Said
from .patterns import Pattern

MAX_SOURCE_TOKENS = MAX_SUBJECT_TOKENS + 4  # `according to a complaint filed by the Securities and Exchange Commission`


class Example(NamedTuple):
    """An article written for the project, the quote in it that a rule attributes, and to whom."""

    text: str
    quote: str
    speaker: str


@dataclass(frozen=True, slots=True)
class Sieve:
    """A named rule with an example it answers, the doc layers it needs and the confidence of its
    answers. A rule with a PATTERN (patterns.py) runs only where it matches, and FIND reads the
    match as its fourth argument."""

    name: str
    find: Callable[..., Said | None]  # (ctx, quote index, answers so far[, the pattern's match])
    confidence: float
    example: Example
    pattern: Pattern | None = None
    requires: frozenset[str] = frozenset()
    inherits: bool = False  # answers with the speaker of another quote, so may answer once that one has one


# Confidences are each sieve's strict speaker accuracy on PolNeAR train where the mention is a
# name: the prior that quotes.confidence refines per kind of mention and quote from its table.
# The patterns' letters are the token classes of words.token_classes: v a speech verb, W a
# capitalised word, " a quote mark, = a setting-off dash, a t "according to", and so on.
SIEVES: tuple[Sieve, ...] = (
    Sieve("label_in_quote", cues.label_in_quote, 0.72,
          Example('Body.\n\n"HALE: Do you accept the result of the vote?"', "Do you accept the result of the vote?", "HALE"),
          Pattern(r"^(?P<speaker>[^:]+)(?P<cue>:)", ("opening",))),
    Sieve("transcript_label", cues.transcript_label, 0.72,
          Example('Body.\n\nHALE: Do you accept the result of the vote?\n\nRUIZ: "We will accept it."', "We will accept it.", "RUIZ"),
          Pattern(r"^(?P<speaker>.{{1,5}})(?P<cue>:)$")),
    Sieve("colon_after_cue", cues.colon_after_cue, 0.89,
          Example('Body.\n\nMayor Ana Ruiz told the council: "We will rebuild the bridge."', "We will rebuild the bridge.", "Ana Ruiz"),
          Pattern(r"(?P<speaker>.*)(?P<cue>{speech_verb}).{{0,10}}:$")),
    Sieve("cue_after_quote", cues.cue_after_quote, 0.9,
          Example('Body.\n\n"We will rebuild the bridge," Mayor Ana Ruiz said.', "We will rebuild the bridge,", "Ana Ruiz"),
          Pattern(r"(?P<cue>{speech_verb}|[VG])", ("after",))),
    Sieve("cue_before_quote", cues.cue_before_quote, 0.9,
          Example('Body.\n\nMayor Ana Ruiz said, "We will rebuild the bridge."', "We will rebuild the bridge.", "Ana Ruiz"),
          Pattern(r"(?P<speaker>.*)(?P<cue>{speech_verb}).{{0,10}}$")),
    Sieve("statement_before_quote", cues.statement_before_quote, 0.9,
          Example('Body.\n\nMayor Ana Ruiz issued a statement, "We will rebuild the bridge."', "We will rebuild the bridge.", "Ana Ruiz"),
          Pattern(r"^(?P<speaker>.+)(?P<cue>.),$")),
    Sieve("verb_opens_sentence", cues.verb_opens_sentence, 0.9,
          Example('Body.\n\nSaid Mayor Ana Ruiz, who grew up by the river, "We will rebuild the bridge."', "We will rebuild the bridge.", "Ana Ruiz"),
          Pattern(r"^(?P<cue>[VG])(?P<speaker>.+)[,:]$")),
    Sieve("dependency_speech_verb", parse.dependency_speech_verb, 0.85,
          Example('Body.\n\nThe mayor, Ana Ruiz, who has run the harbor for years, insisted on Monday that the repairs were "long overdue" and costly.',
                  "long overdue", "Ana Ruiz"),
          requires=frozenset({"deps"})),
    Sieve("according_to", cues.according_to, 0.9,
          Example('Body.\n\n"The bridge will be rebuilt by spring," according to Mayor Ana Ruiz.', "The bridge will be rebuilt by spring,", "Ana Ruiz"),
          Pattern(rf"(?P<cue>[aA][tT])(?=.)(?P<speaker>[^,.;:]{{{{0,{MAX_SOURCE_TOKENS}}}}})", ("after", "before"))),
    Sieve("dash_after_quote", cues.dash_after_quote, 0.7,
          Example('Body.\n\nQuote of the week: "Taxes stay where they are" – Ana Ruiz.', "Taxes stay where they are", "Ana Ruiz"),
          Pattern(rf'^"*(?P<cue>[-=])(?P<speaker>[^,.;:(]{{{{0,{MAX_SUBJECT_TOKENS}}}}})', ("after",))),
    Sieve("signature_line", cues.signature_line, 0.7,
          Example('Body.\n\n"Taxes stay where they are."\n\n– Ana Ruiz, mayor', "Taxes stay where they are.", "Ana Ruiz")),
    Sieve("claim_owner", clauses.claim_owner, 0.8,
          Example('Body.\n\nHarbor Watch checked Tom Hale\'s claim that there were "thousands of boats" in the bay.', "thousands of boats", "Tom Hale")),
    Sieve("reporting_clause_subject", clauses.reporting_clause_subject, 0.88,
          Example('Body.\n\nMayor Ana Ruiz said the talks had been slowed by "gaps of trust" on both sides.', "gaps of trust", "Ana Ruiz")),
    Sieve("heading_label", headings.heading_label, 0.8,
          Example("Ruiz: Council's 'reckless spending' must stop\n\nThe mayor spoke on Monday about the budget.", "reckless spending", "Ruiz")),
    Sieve("heading_says", headings.heading_says, 0.75,
          Example("Mayor Ana Ruiz Says Bridge Is ‘Our Best Chance’\n\nThe council met on Monday.", "Our Best Chance", "Ana Ruiz")),
    Sieve("heading_matches_quote", headings.heading_matches_quote, 0.78,
          Example("Town 'back to square one' after flood\n\n\"We are back to square one,\" Mayor Ana Ruiz said.", "back to square one", "Ana Ruiz"),
          inherits=True),
    Sieve("sentence_subject_of_partial", clauses.sentence_subject_of_partial, 0.62,
          Example('Body.\n\nSenator Paul Brandt pinned the delay on "bureaucrats who never read a bill."', "bureaucrats who never read a bill.", "Paul Brandt")),
    Sieve("colon_without_cue", cues.colon_without_cue, 0.66,
          Example('Body.\n\nA surprise for Harbor pollster Dana Wells: "Nobody saw this coming."', "Nobody saw this coming.", "Dana Wells"),
          Pattern(r"^(?P<speaker>.+)(?P<cue>[:=])$")),
    Sieve("unclosed_continues", chains.unclosed_continues, 0.6,
          Example('Body.\n\n"We will rebuild the bridge.\n\n"It will take a year," Mayor Ana Ruiz said.', "We will rebuild the bridge.", "Ana Ruiz"),
          inherits=True),
    Sieve("adjacent_quote_in_paragraph", chains.adjacent_quote_in_paragraph, 0.9,
          Example('Body.\n\n"We will rebuild the bridge." "It will take a year," Mayor Ana Ruiz said.', "We will rebuild the bridge.", "Ana Ruiz"),
          inherits=True),
    Sieve("continues_previous_paragraph", chains.continues_previous_paragraph, 0.75,
          Example('Body.\n\n"We will rebuild the bridge," Mayor Ana Ruiz said.\n\n"It will take a year."', "It will take a year.", "Ana Ruiz"),
          inherits=True),
    Sieve("previous_sentence_reporting", clauses.previous_sentence_reporting, 0.7,
          Example('Body.\n\nThe vote was close. Mayor Ana Ruiz agreed. "We will win this."\n\nThe count goes on.', "We will win this.", "Ana Ruiz")),
    Sieve("previous_paragraph_reporting", clauses.previous_paragraph_reporting, 0.7,
          Example('Body.\n\nA senior official said the talks would go on.\n\n"Those talks are ongoing and will continue."',
                  "Those talks are ongoing and will continue.", "senior official")),
)
