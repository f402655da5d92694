"""How a sentence opens: adverbials and conjunctions to pass over, and the subject that follows them."""
from __future__ import annotations

from ..context import QuoteContext
from ..lexicons import clause_breaks, documents, leading_conjunctions, places, prepositions, sentence_openers, speaker_adverbs
from ..names import links_organisation_name
from ..records import Mention, Token
from ..words import (
    CLOSING_MARKS,
    DETERMINERS,
    LEADING_PUNCTUATION,
    OPENING_MARKS,
    bare,
    breaks_phrase,
    in_lexicon,
    is_cue_verb,
    is_name_word,
    is_possessive,
    is_role_word,
    pronoun_need,
)
from .mentions import MAX_SUBJECT_TOKENS, adverb_or_gerund, common_word, phrase, prefer_name

MAX_TITLE_TOKENS = 10  # a show's or book's title in marks
MAX_ADVERBIAL_TOKENS = 25  # `On the eve of her election to a fourth term as mayor of the city in March,`


def sentence_subject(ctx: QuoteContext, first: int, last: int) -> Mention | None:
    """`Obama tamped down expectations, saying …`: the name or title phrase that opens the sentence.

    An opening adverbial ("On Monday,", "Back in 1999,", "Informed of the news,") is skipped.
    """
    tokens = ctx.doc.tokens
    first = after_opening_title(tokens, first, last)
    while first < last and tokens[first].text in LEADING_PUNCTUATION:
        first += 1
    after_adverbial = skip_opening_adverbial(tokens, first, last)
    opening = tokens[first].text if first < last else ""
    if after_adverbial == first and first in ctx.sentence_firsts and first < last - 1 and (common_word(ctx, opening) or adverb_or_gerund(ctx, opening)):
        after_adverbial += 1  # `Given her record …`, `Hastily, …`: an ordinary word opens the sentence
    first = after_adverbial
    end = first
    if end < last and tokens[end].text.lower() in ("he", "she"):
        return phrase(ctx, end, end + 1)
    while end < last and (
        is_name_word(tokens[end]) or is_role_word(tokens[end].text) or tokens[end].text.lower() in DETERMINERS
        or end > first and end + 1 < last and links_organisation_name(tokens, end)
    ):
        end += 1
    end = _past_possessed_noun(tokens, end, last)
    mention = phrase(ctx, first, end)
    if owned_description(mention):
        # `Ana Ruiz's doctor is calling her "fit"`: the doctor speaks, not Ruiz; and the doctor is
        # the name set off after it, `Harbor's port director, Ana Ruiz, wrote:`
        named = _named_in_apposition(ctx, first, last) if end < last and tokens[end].text == "," else None
        return named or mention
    if (mention is None or mention.speaker_type == "nominal") and first < last and tokens[first].text.lower() in DETERMINERS:
        mention = prefer_name(ctx, mention, _named_in_apposition(ctx, first, last))
    if mention is None or mention.speaker_type not in ("person", "pronoun"):
        mention = _described_name(ctx, first, last) or mention
    if mention is not None and mention.speaker_type == "nominal" and mention.text.endswith("s") and all(is_role_word(w) for w in mention.text.split()):
        return mention  # `Critics of the plan released a statement, saying`: a group of people
    return mention if mention is not None and (mention.speaker_type in ("person", "organization", "pronoun") or owned_description(mention)) else None


MAX_POSSESSED_WORDS = 3  # `Ana Ruiz's campaign finance director`


def _past_possessed_noun(tokens: tuple[Token, ...], end: int, last: int) -> int:
    """Past the lowercase words a name in the possessive owns when they name a person or a text
    (`Ana Ruiz's doctor`, `Hale's brief`), up to a clause break, a preposition or a reporting verb;
    END when the phrase owns nothing, or its words (`Hale's attacks`, `Ruiz's catchphrase`)."""
    if not (end > 0 and names_owner(tokens[end - 1])):
        return end
    stop = min(last, end + MAX_POSSESSED_WORDS)
    owned = end
    while owned < stop and tokens[owned].text.isalpha() and tokens[owned].text.islower() and not (
        tokens[owned].text in prepositions() or tokens[owned].text in OWNED_NOUN_ENDS or tokens[owned].text in clause_breaks()
        or tokens[owned].text in DETERMINERS or owned > end and is_cue_verb(tokens[owned])
    ):
        owned += 1
    heads = [k + 1 for k in range(end, owned) if names_someone_or_a_text(tokens[k].text)]
    return heads[-1] if heads else end


def names_someone_or_a_text(word: str) -> bool:
    return is_role_word(word) or in_lexicon(word, documents())


OWNED_NOUN_ENDS = frozenset({"of", "to"})  # `Hale's strategy of …`: what follows describes the noun


def names_owner(token: Token) -> bool:
    """`Ana Ruiz's`, `Hale’s`: a name in the possessive, not a pronoun's contraction ("He’s", "It's")."""
    return is_possessive(token.text) and is_name_word(token) and not pronoun_need(token.text) and bare(token.text) not in clause_breaks()


def owned_description(mention: Mention | None) -> bool:
    """A description of someone a name owns (`Ana Ruiz's doctor`, `Hale's lawyer`)."""
    if mention is None or mention.speaker_type != "nominal":
        return False
    words = mention.text.split()
    return any(is_possessive(word) for word in words[:-1]) and names_someone_or_a_text(words[-1])


def after_opening_title(tokens: tuple[Token, ...], first: int, last: int) -> int:
    """Past a title in marks that opens a phrase and describes what follows it (`“Harbor Nights”
    star Dana Herald`): the index after its closing mark, else FIRST."""
    if first < last and tokens[first].text in OPENING_MARKS:
        close = next((k for k in range(first + 1, min(last, first + MAX_TITLE_TOKENS)) if tokens[k].text in CLOSING_MARKS), None)
        if close is not None and close + 1 < last and tokens[close + 1].text[:1].islower():
            return close + 1
    return first


def _described_name(ctx: QuoteContext, first: int, last: int) -> Mention | None:
    """`Republican presidential nominee Donald Trump issued …`: a name after lowercase words that
    describe it, opening the sentence (no preposition between: "Critics of Tom Hale" are not him)."""
    tokens = ctx.doc.tokens
    j = first
    run = 0  # name words in a row
    while j < last and j - first < MAX_SUBJECT_TOKENS:
        word = tokens[j].text
        if word.lower() in prepositions() or breaks_phrase(tokens, j) or not word.replace("-", "").isalpha() and not is_name_word(tokens[j]):
            break
        if is_name_word(tokens[j]):
            run += 1
        elif run >= 2:
            break  # the verb after a full name
        else:
            run = 0  # "Republican presidential nominee": a word that describes the name to come
        j += 1
    if run < 2:
        return None
    mention = phrase(ctx, first, _past_possessed_noun(tokens, j, last))
    return mention if mention is not None and (mention.speaker_type == "person" or owned_description(mention)) else None


def _named_in_apposition(ctx: QuoteContext, first: int, last: int) -> Mention | None:
    """`One early supporter, Representative Ana Ruiz, …`: the name set off by commas after a
    description that opens the sentence."""
    tokens = ctx.doc.tokens
    commas = [k for k in range(first, min(last, first + 2 * MAX_SUBJECT_TOKENS)) if tokens[k].text == ","]
    if len(commas) < 2 or commas[0] - first > MAX_SUBJECT_TOKENS:
        return None
    named = phrase(ctx, commas[0] + 1, commas[1])
    return named if named is not None and named.speaker_type == "person" else None


def skip_opening_adverbial(tokens: tuple[Token, ...], first: int, last: int) -> int:
    """The index after a sentence's opening conjunctions ("And then"), adverbial and its comma,
    or FIRST when there is none."""
    first = _past_conjunctions(tokens, first, last)
    if not opens_adverbial(tokens, first, last):
        return first
    for i in range(first + 1, min(last, first + MAX_ADVERBIAL_TOKENS)):
        if tokens[i].text == ",":
            return _after_place_of_comma(tokens, i + 1, last)
    return first


def opens_adverbial(tokens: tuple[Token, ...], first: int, last: int) -> bool:
    """Whether tokens[first] opens an adverbial ("While", "Asked", "Hours later"), past any
    opening conjunctions."""
    first = _past_conjunctions(tokens, first, last)
    if first >= last:
        return False
    word = tokens[first].text.lower()
    return (
        word in clause_breaks() or word in speaker_adverbs() or word.endswith(("ly", "ed", "ing"))
        or word[:1].isdigit() or word in sentence_openers()
    )


def _past_conjunctions(tokens: tuple[Token, ...], first: int, last: int) -> int:
    """The index after a sentence's opening conjunctions ("And then"), not counting one set off by a comma."""
    while first < last - 1 and tokens[first].text.lower() in leading_conjunctions() and tokens[first + 1].text != ",":
        first += 1
    return first


def _after_place_of_comma(tokens: tuple[Token, ...], i: int, last: int) -> int:
    """Past the state or country after a town's comma (`In Salem, New Hampshire, Hale said`), else I."""
    end = next((k for k in range(i, min(last, i + 4)) if tokens[k].text == ","), None)
    if end is not None and end > i and names_a_place(tokens, i, end):
        return end + 1
    return i


def names_a_place(tokens: tuple[Token, ...], first: int, end: int) -> bool:
    """Whether tokens[first:end] name a place ("New Hampshire")."""
    return " ".join(bare(t.text) for t in tokens[first:end]) in places()
