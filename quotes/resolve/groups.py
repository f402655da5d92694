"""`Two port officials briefed reporters on Tuesday. They said …`: a "they" that speaks is the
people a plural role names at the head of its sentence or of the one before, when there is such
a group; named people and organisations are left to their own rules."""
from __future__ import annotations

from bisect import bisect_right

from ..context import QuoteContext
from ..lexicons import clause_breaks, prepositions, roles, titles
from ..words import is_capitalised, is_plural_role

SUBJECT_REACH = 6  # tokens from a sentence's start within which its subject's head is looked for


def group_before(ctx: QuoteContext, position: int, quoted: list[bool]) -> str | None:
    """The group a "they" at POSITION stands for: the words from the head of the sentence before
    it (or of its own, before it) to the first plural role there ("Two port officials"), or None."""
    sentences = ctx.doc.sentences
    here = bisect_right(ctx.sentence_starts, position) - 1
    for index in (here, here - 1):
        if index < 0:
            return None
        sentence = sentences[index]
        first, last = _past_opening_phrase(ctx, sentence.first_token, sentence.last_token), sentence.last_token
        for k in range(first, min(last, first + SUBJECT_REACH)):
            token = ctx.doc.tokens[k]
            if quoted[k] or token.start >= position or not token.text.isalnum() or token.text.lower() in prepositions() or token.text.lower() in clause_breaks():
                break
            if is_plural_role(token.text):
                named = k + 1 < last and is_capitalised(ctx.doc.tokens[k + 1].text)  # `Reps. Ana Ruiz and Tom Hale`: named people
                return None if named else ctx.doc.text[ctx.doc.tokens[first].start : token.end]
            if token.text.islower() and (token.text in roles() or token.text in titles() or token.text.endswith("ed")):
                break  # `The mayor thanked the volunteers`: one person, or a verb, before any group
    return None


def _past_opening_phrase(ctx: QuoteContext, first: int, last: int) -> int:
    """Where the subject may start: past a phrase the sentence opens with ("In Harbor City, …")."""
    tokens = ctx.doc.tokens
    if tokens[first].text.lower() not in prepositions():
        return first
    comma = next((k for k in range(first, min(last, first + SUBJECT_REACH + 2)) if tokens[k].text == ","), None)
    return comma + 1 if comma is not None else first
