"""Whose words a phrase stands for, when it names someone through someone else: the author of a
text (`a report by Harbor Watch`), or the one a description is about (`a spokesman for Ana
Ruiz`), who is then not the speaker. Part of the name grammar (names.py)."""
from __future__ import annotations

from .lexicons import documents, prepositions, recordings, roles, speech_nouns, titles
from .records import Token
from .words import ARTICLES, HONORIFICS, NAME_LINKS, bare, breaks_phrase, in_lexicon, is_capitalised, is_plural_role

DESCRIPTION_LINKS = frozenset({"of", "for", "to", "with", "at", "from", "about"})  # `a spokesman for`, `an aide to`; "by" names an author
AUTHOR_LINKS = frozenset({"of", "from"})  # `a statement from Ana Ruiz`: the author speaks
AUTHOR_MARKS = frozenset({"by", "from"})  # `a count by`, `a report from`
MAX_WORDS_TO_AUTHOR = 5  # `a declaration filed in federal court by`


def author_span(tokens: list[Token]) -> tuple[int, int] | None:
    """`a count by the Harbor Press`, `a report from Harbor Watch`, `a memo released Friday by the
    agency`, `a complaint filed by the Securities and Exchange Commission and a lawsuit`: the
    tokens naming who wrote or said the text the phrase names (a document or a speech noun), up
    to a break in the phrase; the text's words are theirs. `a speech Ana Ruiz delivered at …`:
    the name between the noun and its verb. None when the phrase names no author."""
    for k in range(len(tokens) - 2):
        if _names_a_text(tokens, k) and (end := _name_before_participle(tokens, k + 1)) > k + 1:
            return k + 1, end
    for k, token in enumerate(tokens[:-1]):
        if token.text not in AUTHOR_MARKS:
            continue
        nouns = [j for j in range(max(0, k - MAX_WORDS_TO_AUTHOR), k) if _names_a_text(tokens, j)]
        if not nouns or not (nouns[-1] == k - 1 or _participle(tokens[nouns[-1] + 1].text)):
            return None
        end = next((i for i in range(k + 2, len(tokens)) if breaks_phrase(tokens, i) and not _joins_names(tokens, i)), len(tokens))
        if tokens[end - 1].text in NAME_LINKS:
            end -= 1  # a phrase cut inside a name: `a poll by the Harbor Institute of`
        return k + 1, end
    return None


def _name_before_participle(tokens: list[Token], first: int) -> int:
    """The end of the capitalised words from FIRST when a participle follows them ("Mrs. Ruiz
    delivered"), else FIRST."""
    end = first
    while end < len(tokens) and is_capitalised(tokens[end].text):
        end += 1
    return end if end < len(tokens) and _participle(tokens[end].text) else first


def _names_a_text(tokens: list[Token], k: int) -> bool:
    """A document or a speech noun, not after a preposition (`set for release by`: no text)."""
    return in_lexicon(tokens[k].text, documents(), speech_nouns()) and not (k and tokens[k - 1].text.lower() in prepositions())


def _joins_names(tokens: list[Token], i: int) -> bool:
    """`economists Ana Ruiz and Tom Hale`: an "and" between two names goes on to the second."""
    return tokens[i].text == "and" and i + 1 < len(tokens) and is_capitalised(tokens[i + 1].text) and is_capitalised(tokens[i - 1].text)


def _participle(word: str) -> bool:
    return word.islower() and word.endswith("ed")  # `filed`, `released`, `conducted`


def object_of_description(tokens: list[Token], name_start: int) -> bool:
    """`a spokesman for Mayor Ana Ruiz`, `the chief executive of Harbor Media`, `a report for
    Harbor Watch`: a name that only a title or article separates from a preposition after a
    lowercase noun is whom the description is about; the one described speaks, not the name. Not
    `according to Ana Ruiz`, nor an author (`a study by Harbor Watch`), nor whose a text, words or
    a recording are (`a statement from Ana Ruiz`, `the remarks of Tom Hale`, `footage of Hale`);
    `chief of staff Tom Hale` has a title, not a name, after "of"."""
    k = name_start - 1
    while k >= 0 and (tokens[k].text.lower() in ARTICLES or is_capitalised(tokens[k].text) and (bare(tokens[k].text) in titles() or bare(tokens[k].text) in HONORIFICS)):
        k -= 1
    if k < 1 or tokens[k].text not in DESCRIPTION_LINKS:
        return False
    noun = tokens[k - 1].text
    opening_role = k == 1 and (bare(noun) in roles() or is_plural_role(noun))  # `Critics of Tom Hale`; not `Secretary of State`
    if not (noun.isalpha() and (noun.islower() or opening_role)) or noun == "according":
        return False
    return not (tokens[k].text in AUTHOR_LINKS and in_lexicon(noun, speech_nouns(), documents(), recordings()))
