"""Token classes: what kind of word a token is — mark, determiner, name word, title or role,
speech verb, adverb — decided here once for every stage, from the word lists in quotes/data/
and, when a model filled them, the token's part of speech and entity label."""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from operator import attrgetter

from .lexicons import (
    clause_breaks,
    compound_openers,
    determiners,
    entity_labels,
    forms_of_address,
    months,
    name_particles,
    naming_verbs,
    non_name_words,
    organisation_words,
    places,
    prepositions,
    pronouns,
    roles,
    speaker_adverbs,
    speech_phrases,
    speech_verbs,
    title_short_forms,
    titles,
    weekdays,
)
from .records import Token

OPENING_MARKS = frozenset({'"', "“", "‘", "''", "``", "'"})  # quote marks as tokens
CLOSING_MARKS = frozenset({'"', "”", "’", "''", "'"})
SETTING_OFF_DASHES = frozenset({"--", "—", "―"})  # em dash, its typed form, the horizontal bar of quote lists
DASHES = SETTING_OFF_DASHES | {"-", "–"}
SENTENCE_END = frozenset({".", "!", "?"})
# Punctuation a speaker phrase never starts with: it ends the phrase read backwards from a verb
LEADING_PUNCTUATION = DASHES | {",", ":", ";", "(", ")", "'", "’", '"', "”", "''"}
POSSESSIVE = ("'s", "’s", "'", "’")
MAX_NAME_SYLLABLE = 3  # a hyphenated given name's lowercase part ("Min-ho", "Geun-hye")


def determiners_of(*kinds: str) -> frozenset[str]:
    return frozenset(word for word, kind in determiners().items() if kind in kinds)


ARTICLES = determiners_of("article")
NAME_LINKS = frozenset({"of", "for", "and", "&"})  # small words inside an organisation's name: `Securities and Exchange Commission`
# What opens a described speaker: "the mayor", "one official", "several aides"
DETERMINERS = determiners_of("article", "counting", "quantity")
POSSESSIVE_DETERMINERS = determiners_of("possessive")  # "his adviser, Tom Hale": a third person, named after
# A word after one of these is a noun ("the remarks", "her statement"), not a verb
NOUN_MARKERS = determiners_of("article", "possessive", "possessive_first", "demonstrative", "relative")
HONORIFICS = frozenset(word for word, (_, kind) in forms_of_address().items() if kind == "honorific")


@lru_cache(maxsize=65536)
def bare(word: str) -> str:
    """The word lowercased, with one apostrophe (O’Neill → o'neill), without a trailing period or
    possessive ending."""
    word = word.lower().replace("’", "'")
    for ending in POSSESSIVE:
        if word.endswith(ending) and len(word) > len(ending):
            word = word[: -len(ending)]
            break
    return word.rstrip(".")


def pronoun_need(word: str) -> str | None:
    """What the pronoun WORD needs of its referent (male, female, plural, self), or None for no
    pronoun; a contraction counts as its pronoun ("She's", "He'd": one token without a parser)."""
    return pronouns().get(without_contraction(word).lower())


def without_contraction(word: str) -> str:
    """ "She's" → "She", "He'd" → "He": the word before an apostrophe."""
    return CONTRACTION.split(word, 1)[0] if "'" in word or "’" in word else word


CONTRACTION = re.compile("['’]")


def is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def is_possessive(word: str) -> bool:
    return word.endswith(("'s", "’s")) or word in ("'s", "’s")


def _given_name_syllables(first: str) -> bool:
    """`Ki` of "Ki-moon", `Dae` of "Dae-jung": a short capitalised syllable that opens no English
    compound ("Co-host", "Two-thirds")."""
    return 2 <= len(first) <= MAX_NAME_SYLLABLE and first.istitle() and first.lower() not in compound_openers()


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
    if rest and word.rsplit("-", 1)[1].islower() and len(word.rsplit("-", 1)[1]) > MAX_NAME_SYLLABLE and not _given_name_syllables(prefix):
        return False  # "Harbor-based", "Co-host": a description, however it is capitalised (not "Min-ho", "Ki-moon")
    return (is_capitalised(word) and any(c.isalpha() for c in word)) or word in name_particles()


def is_role_word(word: str) -> bool:
    """A title, role or organisation word ("senator", "spokesman", "campaign"), its plural, a
    role shared ("co-host", "co-founders") or two joined ("Secretary-Treasurer")."""
    return in_lexicon(bare(word).removeprefix("co-").rpartition("-")[2], titles(), roles(), organisation_words())


def full_title(word: str) -> str:
    """WORD, bare, as a title is written in full: "Sen." → "senator", "Governor" → "governor"."""
    word = bare(word)
    return title_short_forms().get(word, word)


def is_plural_role(word: str) -> bool:
    """ "Republicans", "Attorneys": people described by their role, in the plural."""
    return _plural_of(word, roles(), titles())


def is_people_word(word: str) -> bool:
    """A people named after its place, in the plural: "Syrians", "Mexicans"."""
    return _plural_of(word, places())


def in_lexicon(word: str, *lexicons: frozenset[str]) -> bool:
    """Whether WORD, bare, or its singular is in one of LEXICONS ("reports" → "report")."""
    word = bare(word)
    return any(form in lexicon for form in (word, word.removesuffix("s")) for lexicon in lexicons)


def in_capitals(words: Iterable[str]) -> bool:
    """Words all in capitals ("FULL TEXT", "HARBOR NOTES"): a label or a shout, not a name."""
    return all(word.isupper() and len(word) > 1 for word in words)


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


def is_capitalised_speech_verb(tokens: tuple[Token, ...], classes: str, i: int) -> bool:
    """"Murphy … Tweeted on Friday": a capitalised verb (class V or G) counts when no capitalised
    word follows (unlike "State Department" or a headline's "Trump Says Yes") and no lowercase
    word comes before it ("former State policy director")."""
    return (
        classes[i] in "VG"
        and not (i + 1 < len(classes) and classes[i + 1].isupper())
        and not (i > 0 and tokens[i - 1].text.islower())
    )


def starts_speech_phrase(tokens: tuple[Token, ...], i: int) -> bool:
    """`put it`, `shot back`: a two-word verb of speech starts at tokens[i]."""
    return i + 1 < len(tokens) and (tokens[i].text, tokens[i + 1].text.lower()) in speech_phrases()


def is_adverb(token: Token) -> bool:
    word = token.text.lower()
    if word in speaker_adverbs():
        return True
    # -ly, but not a noun in -ly: "the family said", "a Ruiz ally said"
    return word.endswith("ly") and word.isalpha() and not is_capitalised(token.text) and word not in roles() and word not in organisation_words()


# A reporting verb as a pattern over token classes (see token_classes): not a noun after a
# determiner or a possessive ("the remarks", "Trump's statement"), nor after "of" ("secretary of
# state") unless in -ing; adverbs may stand between ("the mayor also said"). CUE_VERB also takes
# verbs of naming ("called the plan "reckless"").
SPEECH_VERB = r"(?:(?<![mMsSfrR])[rR]*v|(?<![mMsSrR])[rR]*g)"
CUE_VERB = r"(?:(?<![mMsSfrR])[rR]*[vn]|(?<![mMsSrR])[rR]*[ge])"
_ENDS_IN = {False: re.compile(f".*{SPEECH_VERB}"), True: re.compile(f".*{CUE_VERB}")}


def verb_at(classes: str, i: int, floor: int, naming: bool = False) -> bool:
    """Whether token I is a reporting verb here, reading back no further than token FLOOR
    (CLASSES: the doc's token_classes)."""
    if classes[i] not in ("vgne" if naming else "vg"):
        return False
    # a slice, not pos/endpos: a lookbehind would see the tokens before FLOOR
    return _ENDS_IN[naming].fullmatch(classes[floor : i + 1]) is not None


def breaks_phrase(tokens: list[Token], i: int) -> bool:
    """Whether tokens[i] cannot be inside a speaker phrase ("of" may, in "Secretary of State"; "to"
    in "an adviser to Ana Ruiz", whom names.py then reads as a description)."""
    word = tokens[i].text.lower()
    if word in ("of", "for") and i + 1 < len(tokens) and is_capitalised(tokens[i + 1].text):
        return False
    if word == "to" and 0 < i < len(tokens) - 1 and is_role_word(tokens[i - 1].text) and is_capitalised(tokens[i + 1].text):
        return False
    if word == "as" and i > 0 and tokens[i - 1].text == "known" and i + 1 < len(tokens) and is_capitalised(tokens[i + 1].text):
        return False  # `the base chief known as Bob`
    if word == "and" and i > 0 and is_capitalised(tokens[i - 1].text) and (_organisation_name_after(tokens, i + 1) or _of_a_name(tokens, i)):
        return False  # `the Securities and Exchange Commission`, `Secretary of Health and Human Services`
    noun_after_owner = i > 0 and is_possessive(tokens[i - 1].text)  # `Ana Ruiz's brief said`: the brief
    return word in clause_breaks() or is_cue_verb(tokens[i]) and not noun_after_owner


def verb_after_name(tokens: list[Token], i: int) -> bool:
    """`the Harbor Council issued a statement`, `a speech Ana Ruiz delivered at …`: tokens[i], a
    word in -ed after a name and before a determiner, a number or a preposition, is the name's
    verb: a clause, not part of a speaker phrase ("a retired teacher" keeps its adjective)."""
    word = tokens[i].text
    if not (i > 0 and i + 1 < len(tokens) and word.endswith("ed") and word.isalpha() and word.islower()):
        return False
    following = tokens[i + 1].text
    return is_capitalised(tokens[i - 1].text) and (
        following.lower() in NOUN_MARKERS or following.lower() in DETERMINERS or following[:1].isdigit() or following.lower() in prepositions()
    )


def _of_a_name(tokens: list[Token], i: int) -> bool:
    """Whether the capitalised words before tokens[i] follow the "of" of a title's or an
    organisation's name (`Secretary of Health`, `Department of Health`), which an "and" goes on."""
    k = i - 1
    while k > 0 and is_capitalised(tokens[k].text):
        k -= 1
    return k < i - 1 and k > 0 and tokens[k].text == "of" and is_capitalised(tokens[k - 1].text) and is_role_word(tokens[k - 1].text)


def _organisation_name_after(tokens: list[Token], i: int) -> bool:
    """Whether capitalised words from tokens[i] on end in an organisation's word ("Exchange
    Commission", "Human Services")."""
    j = i
    while j < len(tokens) and is_capitalised(tokens[j].text):
        j += 1
    return j > i and in_lexicon(tokens[j - 1].text, organisation_words())


MARK_CLASSES = {mark: '"' for mark in OPENING_MARKS | CLOSING_MARKS} | {
    ".": ".", "!": "!", "?": "!", ",": ",", ";": ";", ":": ":", "(": "(", ")": ")",
    "-": "-", "–": "-",
} | {dash: "=" for dash in SETTING_OFF_DASHES}
WORD_CLASSES = {"according": "a", "to": "t"}
CAPITALISED_CLASS = "[A-Z]"


def token_classes(tokens: tuple[Token, ...]) -> str:
    """The class letter of every token, as one string (index i is tokens[i]'s class): the
    alphabet of the rule table's patterns (attribute/patterns.py).

        "  a quote mark      .  a full stop      !  ! or ?      , ; : ( )  themselves
        -  a hyphen or en dash      =  a dash that sets words off (-- —)
        v  a speech verb ("said"), or a two-word one's first word ("shot back"); g  in -ing
        n  a verb of naming ("called", "described"); e  in -ing
        r  an adverb that may stand between a speaker and the verb ("also", "quickly")
        m  a word that makes the next one a noun: article, possessive, demonstrative ("the")
        f  "of"      a  "according"      t  "to"      s  a possessive ("Trump's")
        9  a number      w  any other word      o  anything else

    A word written with a capital takes its class's capital letter ("The" M, "Also" R, "Hale"
    W, "Tweeted" V), so that [A-Z] is every capitalised token.
    """
    # Looked up per word (and part of speech, when a tagger gave one) with C-level map: this
    # reads every token of every article.
    texts = list(map(attrgetter("text"), tokens))
    tagged = any(map(attrgetter("pos"), tokens))
    keys = list(zip(texts, map(attrgetter("pos"), tokens))) if tagged else texts
    letters = list(map(_CLASS_OF_WORD.get, keys))
    if None in letters:
        for i, letter in enumerate(letters):
            if letter is None:
                letters[i] = _CLASS_OF_WORD[keys[i]] = _class_of(tokens[i])
    for word in _PHRASE_FIRST_WORDS.intersection(texts):
        for i in positions(texts, word):
            if starts_speech_phrase(tokens, i):
                letters[i] = "g" if word.endswith("ing") else "v"
    return "".join(letters)


def positions(items: list[str], item: str) -> Iterator[int]:
    """Every index of ITEM in ITEMS, found by list.index (a C loop)."""
    i = -1
    try:
        while True:
            i = items.index(item, i + 1)
            yield i
    except ValueError:
        return


_CLASS_OF_WORD: dict[str | tuple[str, str], str] = {}
_PHRASE_FIRST_WORDS = frozenset(first for first, _ in speech_phrases())


def _class_of(token: Token) -> str:
    word = token.text
    if word in MARK_CLASSES:
        return MARK_CLASSES[word]
    if is_speech_verb(token):
        letter = "g" if word.endswith("ing") else "v"
    elif word[:1].isupper() and word.lower() in speech_verbs() and word.lower() not in organisation_words() and token.pos in (None, "VERB"):
        letter = "g" if word.endswith("ing") else "v"  # `Murphy … Tweeted on Friday`, not "the Washington Post"
    elif is_cue_verb(token):
        letter = "e" if word.endswith("ing") else "n"
    elif is_adverb(token):
        letter = "r"
    elif word.lower() in NOUN_MARKERS:
        letter = "m"
    elif word == "of":
        letter = "f"
    elif word.lower() in WORD_CLASSES:
        letter = WORD_CLASSES[word.lower()]
    elif word.endswith(("'s", "’s")):
        letter = "s"
    elif word[:1].isdigit():
        letter = "9"
    elif word[:1].isalpha():
        letter = "w"
    else:
        letter = "o"
    return letter.upper() if word[:1].isupper() else letter
