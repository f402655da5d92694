"""What every rule shares: reading a phrase of the context as a mention, preferring a name to a
description, keeping only plausible speakers, and the answer a rule gives (`Said`)."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from ..context import QuoteContext
from ..lexicons import given_names, places, prepositions, pronouns
from ..names import parse_mention, reads_as_title
from ..records import Attribution, Cue, Mention
from ..words import ARTICLES, DETERMINERS, bare, is_people_word, is_role_word, pronoun_need, starts_speech_phrase

Found = dict[int, Attribution]  # quote index → the answer a rule gave it, so far
MAX_SUBJECT_TOKENS = 9  # a speaker phrase is short: "former Harbor County Commissioner Ana Ruiz"


def adverb_or_gerund(ctx: QuoteContext, word: str) -> bool:
    """ "Hastily", "Celebrating": a capitalised -ly or -ing word that opens a sentence as an adverb
    or a verb, not as a name: no given name, and never written capitalised inside a sentence (as
    "Connolly" or "Manning" are)."""
    return (
        word.endswith(("ly", "ing")) and word[1:].islower() and word.lower() not in given_names()
        and not ctx.capitalised_inside_sentences(word)
    )


def common_word(ctx: QuoteContext, word: str) -> bool:
    """A capitalised word that the article also writes in lowercase, and no given name, pronoun
    or determiner (which open a subject: "He", "The mayor")."""
    lower = word.lower()
    return (
        word[:1].isupper() and lower in ctx.lowercase_words and lower not in given_names()
        and lower not in DETERMINERS and lower not in pronouns()
    )


def plausible(ctx: QuoteContext, mention: Mention | None) -> Mention | None:
    """Keep a nominal speaker only when it reads like one ("a senior official", "the campaign",
    "Syrians"), or is a single word that the article also writes after a given name ("Israel
    said" where Steve Israel is named): a surname that is also a place or a people. Words inside
    a quote are nobody's name here (`"Oh, let him," said Joe Biden`)."""
    if mention is None or ctx.inside_quote(mention.start):
        return None
    if mention.speaker_type == "person" and mention.text == mention.name and adverb_or_gerund(ctx, mention.text):
        return None  # `Continuing to explain …`: a verb opening the sentence
    if mention.speaker_type != "nominal":
        return mention
    if surname_of_a_named_person(ctx, mention):
        return mention
    if (country := _place_named(mention.text)) is not None and _opens_its_clause(ctx, mention):
        return Mention(mention.start, mention.end, mention.text, "organization", country)  # `Russia insisted`: its government
    words = mention.text.split()
    if words[-1].lower() in ARTICLES or words[-1].lower() in prepositions():
        return None  # `the`, `authors of the`: a phrase cut before its noun names no one
    if words[0].lower() in DETERMINERS or any(is_role_word(w) or is_people_word(w) for w in words):
        return mention
    return None


def _opens_its_clause(ctx: QuoteContext, mention: Mention) -> bool:
    """`Russia insisted`, `China, the port's largest customer, said`: the phrase opens its sentence
    and its verb or apposition follows it (not `South Carolina, he said, was`, nor a place after
    a preposition: `the museum in Washington`)."""
    first, after = ctx.token_at(mention.start), ctx.token_at(mention.end)
    tokens = ctx.doc.tokens
    if first not in ctx.sentence_firsts or after + 1 >= len(tokens):
        return False
    following = tokens[after].text
    return ctx.classes[after] in "vgneVGNErR" or following == "," and not pronoun_need(tokens[after + 1].text)


def _place_named(text: str) -> str | None:
    """ "China", "the United States": the place a phrase is, else None."""
    words = text.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    name = " ".join(words)
    return name if name[:1].isupper() and bare(name) in places() else None


def surname_of_a_named_person(ctx: QuoteContext, mention: Mention | None) -> bool:
    """A lone capitalised word read as a place or a people ("Israel", "Cuban") that the article
    also writes after a given name ("Steve Israel"): a surname."""
    if mention is None or mention.speaker_type != "nominal":
        return False
    words = mention.text.split()
    return len(words) == 1 and words[0].isalpha() and words[0][:1].isupper() and _follows_given_name(ctx.doc.text, words[0])


def _follows_given_name(text: str, word: str) -> bool:
    return word in _words_after_given_names(text)


@lru_cache(maxsize=4)
def _words_after_given_names(text: str) -> frozenset[str]:
    """The words TEXT writes right after a known given name ("Israel" in "Steve Israel"): one pass
    over the article, however many words are asked about."""
    return frozenset(match.group(2) for match in GIVEN_NAME_AND_WORD.finditer(text) if match.group(1).lower() in given_names())


GIVEN_NAME_AND_WORD = re.compile(r"\b([A-Z][a-z]+) (?=(\w+))")  # overlapping: "Tom Steve Israel"


def phrase(ctx: QuoteContext, first: int, last: int) -> Mention | None:
    if first >= last:
        return None
    return parse_mention(ctx.doc.text, list(ctx.doc.tokens[first:last]))


def prefer_name(ctx: QuoteContext, mention: Mention | None, apposition: Mention | None) -> Mention | None:
    """`one shopper, Omar al-Beik`: a name in the apposition wins over a nominal head, and over
    a role in an organisation (`The leader of the League, Ana Ruiz,`); not over a surname that
    reads as a place or a people (`Cuban, who hosts “Shark Tank,”`, `Washington, star of …`)."""
    if surname_of_a_named_person(ctx, mention):
        return mention
    if apposition is not None and apposition.speaker_type == "person" and (
        mention is None or mention.speaker_type in ("nominal", "unknown") or _names_a_role(mention)
    ):
        # `one shopper, Omar al-Beik` keeps "one shopper"; `his best friend, Bruce Turry` no title
        title = (mention.text if reads_as_title(mention.text.split()) else None) if mention is not None else apposition.title
        return Mention(apposition.start, apposition.end, apposition.text, "person", apposition.name, title)
    return mention


def _names_a_role(mention: Mention) -> bool:
    """An organisation phrase headed by a role of it ("leader of the Anti-Defamation League"), not
    one that a title word only qualifies ("the former Al Nusra Front")."""
    words = [w for w in mention.text.split() if w.lower() not in DETERMINERS]
    return mention.speaker_type == "organization" and len(words) > 2 and words[0].islower() and is_role_word(words[0]) and words[1] == "of"


def cue(ctx: QuoteContext, first: int, last: int) -> Cue:
    tokens = ctx.doc.tokens
    if last == first + 1 and starts_speech_phrase(tokens, first):
        last += 1  # the whole of "shot back"
    return Cue(tokens[first].start, tokens[last - 1].end, ctx.doc.text[tokens[first].start : tokens[last - 1].end])


class Said(NamedTuple):
    """A rule's answer: who speaks, and through which cue. The runner adds the rule's name and
    confidence from its row in the table, so a rule never writes its own name."""

    mention: Mention
    cue: Cue | None


def said(mention: Mention | None, cue: Cue | None) -> Said | None:
    """The answer for MENTION, or none when no speaker was found."""
    return None if mention is None else Said(mention, cue)


def passed_on(answer: Attribution | Said) -> Said:
    """Another quote's speaker and cue, given on to this one."""
    return Said(answer.mention, answer.cue)


def inside_other_quote(ctx: QuoteContext, index: int, offset: int) -> bool:
    quote = ctx.quotes[index]
    return ctx.inside_quote(offset) and not quote.start <= offset < quote.end
