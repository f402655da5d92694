"""Token classes: what kind of word a token is — mark, determiner, name word, title or role,
speech verb, adverb — decided here once for every stage, from the word lists in quotes/data/
and, when a model filled them, the token's part of speech and entity label."""
from __future__ import annotations

from functools import lru_cache

from .lexicons import (
    clause_breaks,
    determiners,
    entity_labels,
    forms_of_address,
    months,
    name_particles,
    naming_verbs,
    non_name_words,
    organisation_words,
    places,
    roles,
    speaker_adverbs,
    speech_phrases,
    speech_verbs,
    titles,
    weekdays,
)
from .records import Token

OPENING_MARKS = frozenset({'"', "“", "‘", "''", "``", "'"})  # quote marks as tokens
CLOSING_MARKS = frozenset({'"', "”", "’", "''", "'"})
DASHES = frozenset({"-", "--", "—", "–"})
SENTENCE_END = frozenset({".", "!", "?"})
# Punctuation a speaker phrase never starts with: it ends the phrase read backwards from a verb
LEADING_PUNCTUATION = frozenset({",", "—", "–", "-", "--", ":", ";", "(", ")", "'", "’", '"', "”", "''"})
POSSESSIVE = ("'s", "’s", "'", "’")


def determiners_of(*kinds: str) -> frozenset[str]:
    return frozenset(word for word, kind in determiners().items() if kind in kinds)


ARTICLES = determiners_of("article")
# What opens a described speaker: "the mayor", "one official", "several aides"
DETERMINERS = determiners_of("article", "counting", "quantity")
POSSESSIVE_DETERMINERS = determiners_of("possessive")  # "his adviser, Tom Hale": a third person, named after
# A word after one of these is a noun ("the remarks", "her statement"), not a verb
NOUN_MARKERS = determiners_of("article", "possessive", "possessive_first", "demonstrative", "relative")
HONORIFICS = frozenset(word for word, (_, kind) in forms_of_address().items() if kind == "honorific")


@lru_cache(maxsize=65536)
def bare(word: str) -> str:
    """The word lowercased, without a trailing period or possessive ending."""
    word = word.lower()
    for ending in POSSESSIVE:
        if word.endswith(ending) and len(word) > len(ending):
            word = word[: -len(ending)]
            break
    return word.rstrip(".")


def is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def is_possessive(word: str) -> bool:
    return word.endswith(("'s", "’s")) or word in ("'s", "’s")


def is_name_word(token: Token) -> bool:
    """A word that can be part of a person's or organisation's name."""
    word = token.text
    if token.entity is not None:
        return token.entity in entity_labels()
    lower = word.lower()
    if lower in clause_breaks() or lower in non_name_words() or lower in DETERMINERS or lower.rstrip(".") in months() or lower in weekdays():
        return False
    if lower.endswith("ed") and lower in speech_verbs():
        return False  # `Asked about the bridge, he said`: a verb opening the sentence
    prefix, _, rest = word.partition("-")
    if rest and prefix.lower() in name_particles():
        return is_capitalised(rest)  # al-Assad, bin-Laden
    if rest and word.rsplit("-", 1)[1].islower():
        return False  # "Harbor-based", "Co-host": a description, however it is capitalised
    return (is_capitalised(word) and any(c.isalpha() for c in word)) or word in name_particles()


def is_role_word(word: str) -> bool:
    """A title, role or organisation word ("senator", "spokesman", "campaign"), or its plural."""
    word = bare(word)
    return any(w in titles() or w in roles() or w in organisation_words() for w in (word, word.removesuffix("s")))


def is_plural_role(word: str) -> bool:
    """ "Republicans", "Attorneys": people described by their role, in the plural."""
    return _plural_of(word, roles(), titles())


def is_people_word(word: str) -> bool:
    """A people named after its place, in the plural: "Syrians", "Mexicans"."""
    return _plural_of(word, places())


def _plural_of(word: str, *lexicons: frozenset[str]) -> bool:
    """Whether WORD is the plural of a word in one of LEXICONS."""
    word = bare(word)
    return word.endswith("s") and any(word[:-1] in lexicon for lexicon in lexicons)


def is_speech_verb(token: Token) -> bool:
    # exact text: "State Department" is no verb; with a tagger, "the remarks" is no verb either
    return token.text in speech_verbs() and token.pos in (None, "VERB")


def is_cue_verb(token: Token) -> bool:
    """A verb of speech or of naming ("called the plan "reckless"")."""
    return (token.text in speech_verbs() or token.text in naming_verbs()) and token.pos in (None, "VERB")


def is_capitalised_speech_verb(tokens: tuple[Token, ...], i: int) -> bool:
    """"Murphy … Tweeted on Friday": a capitalised verb counts when no capitalised word follows
    (unlike "State Department" or a headline's "Trump Says Yes") and no lowercase word comes
    before it ("former State policy director")."""
    word = tokens[i].text
    following = tokens[i + 1].text if i + 1 < len(tokens) else ""
    after_lowercase = i > 0 and tokens[i - 1].text.islower()
    return (
        word[:1].isupper() and word.lower() in speech_verbs() and word.lower() not in organisation_words()  # the Washington Post
        and not following[:1].isupper() and not after_lowercase and tokens[i].pos in (None, "VERB")
    )


def starts_speech_phrase(tokens: tuple[Token, ...], i: int) -> bool:
    """`put it`, `shot back`: a two-word verb of speech starts at tokens[i]."""
    return i + 1 < len(tokens) and (tokens[i].text, tokens[i + 1].text.lower()) in speech_phrases()


def is_adverb(token: Token) -> bool:
    word = token.text.lower()
    return word in speaker_adverbs() or (word.endswith("ly") and word.isalpha() and not is_capitalised(token.text))


def verb_at(tokens: tuple[Token, ...], i: int, floor: int, test=is_speech_verb) -> bool:
    """Whether tokens[i] is a reporting verb here: not a noun after a determiner ("the remarks")."""
    if not (test(tokens[i]) or starts_speech_phrase(tokens, i)):
        return False
    j = i - 1
    while j >= floor and is_adverb(tokens[j]):
        j -= 1
    if j >= floor and tokens[j].text == "of" and not tokens[i].text.endswith("ing"):
        return False  # `secretary of state`
    return j < floor or (tokens[j].text.lower() not in NOUN_MARKERS and not tokens[j].text.endswith(("'s", "’s")))


def breaks_phrase(tokens: list[Token], i: int) -> bool:
    """Whether tokens[i] cannot be inside a speaker phrase ("of" may, in "Secretary of State")."""
    word = tokens[i].text.lower()
    if word in ("of", "for") and i + 1 < len(tokens) and is_capitalised(tokens[i + 1].text):
        return False
    if word == "as" and i > 0 and tokens[i - 1].text == "known" and i + 1 < len(tokens) and is_capitalised(tokens[i + 1].text):
        return False  # `the base chief known as Bob`
    return word in clause_breaks() or is_cue_verb(tokens[i])
