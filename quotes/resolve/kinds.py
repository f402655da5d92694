"""What kind of speaker a quote has, for the index's facet: a named person, an organisation, an
anonymous source ("a senior official", "officials", "one shopper"), a document ("the statement
said", "the report found"), or nobody known."""
from __future__ import annotations

from ..lexicons import documents, organisation_words, prepositions, roles, titles
from ..words import bare, in_lexicon

SPEAKER_KINDS = ("person", "organization", "anonymous", "document", "unknown")
RELATIVES = frozenset({"who", "whose", "which", "that"})


def speaker_kind(speaker_type: str, speaker: str | None) -> str:
    """The kind of a quote's speaker, from its resolved type and name: named people and
    organisations as they are; a description by its head, the last word before any preposition
    or relative clause: a text ("the statement", "a White House memo") makes it a document, a
    person's role ("a campaign official", "officials") an anonymous source, an organisation's word
    ("the campaign") an organisation left unnamed, anything else ("one shopper", "critics", "a
    source familiar with the talks") an anonymous source."""
    if speaker_type in ("person", "organization"):
        return speaker_type
    if speaker_type != "nominal" or not speaker:
        return "unknown"
    words = speaker.split()
    end = next((k for k, word in enumerate(words) if k and (word.lower() in prepositions() or word.lower() in RELATIVES)), len(words))
    head = bare(words[end - 1])
    if in_lexicon(head, documents()):
        return "document"
    if in_lexicon(head, roles(), titles()):
        return "anonymous"
    if in_lexicon(head, organisation_words()):
        return "organization"
    return "anonymous"
