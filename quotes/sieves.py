"""The sieves: one function per kind of evidence that links a quote to its speaker.

Each sieve takes the quote context, the quote's index and the attributions found so far, and
returns an Attribution or None. `attribute.attribute_quotes` runs them in the order of SIEVES,
each over every quote still unattributed, so later sieves can lean on earlier answers.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple
from functools import lru_cache

from .context import QuoteContext
from .lexicons import (
    clause_breaks,
    given_names,
    leading_conjunctions,
    media_words,
    modal_verbs,
    naming_verbs,
    organisation_words,
    places,
    prepositions,
    pronouns,
    roles,
    sentence_openers,
    speaker_adverbs,
    speech_phrases,
    speech_verbs,
    subordinators,
    titles,
)
from .phrases import (
    CLOSING_MARKS,
    DETERMINERS,
    OPENING_MARKS,
    bare,
    is_capitalised,
    is_name_word,
    is_people_word,
    links_organisation_name,
    parse_mention,
)
from .records import Attribution, Cue, Mention, QuoteSpan, Token

Found = dict[int, Attribution]
POSSESSIVE_DETERMINERS = frozenset({"his", "her", "their", "its"})
MAX_SUBJECT_TOKENS = 9
MAX_TITLE_TOKENS = 10  # a show's or book's title in marks
MAX_SIGNATURE_TOKENS = 15
MAX_AFTER_TOKENS = 40
MAX_TAIL_AFTER_CUE = 10
MAX_TAIL_AFTER_SENTENCE_CUE = 5  # `X said in a statement.`: words after the verb of a sentence before the quote
MAX_APPOSITIONS = 3
MAX_APPOSITION_TOKENS = 15  # `X, head of Y, said`
# `X, a former government expert who now studies … at the Center for …, said`: longer when it
# opens like a description
MAX_LONG_APPOSITION_TOKENS = 40
LEADING_PUNCTUATION = frozenset({",", "—", "–", "-", "--", ":", ";", "(", ")", "'", "’", '"', "”", "''"})
NOUN_MARKERS = frozenset({"the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "these", "those", "this", "that", "whose"})
DASHES = frozenset({"-", "--", "—", "–"})
PARTICIPLE_LINKS = frozenset({",", "as", "and", "was", "were", "is", "been", "being", "be"})


class Example(NamedTuple):
    """An article written for the project, the quote in it that a rule attributes, and to whom."""

    text: str
    quote: str
    speaker: str


@dataclass(frozen=True, slots=True)
class Sieve:
    """A named rule with an example it answers, the doc layers it needs and the confidence of its answers."""

    name: str
    find: Callable[[QuoteContext, int, Found], Attribution | None]
    confidence: float
    example: Example
    requires: frozenset[str] = frozenset()
    inherits: bool = False  # answers with the speaker of another quote, so may answer once that one has one


# ----------------------------------------------------------------------------- token tests


def is_speech_verb(token: Token) -> bool:
    # exact text: "State Department" is no verb; with a tagger, "the remarks" is no verb either
    return token.text in speech_verbs() and token.pos in (None, "VERB")


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


def is_cue_verb(token: Token) -> bool:
    return (token.text in speech_verbs() or token.text in naming_verbs()) and token.pos in (None, "VERB")


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


def starts_speech_phrase(tokens: tuple[Token, ...], i: int) -> bool:
    """`put it`, `shot back`: a two-word verb of speech starts at tokens[i]."""
    return i + 1 < len(tokens) and (tokens[i].text, tokens[i + 1].text.lower()) in speech_phrases()


def is_adverb(token: Token) -> bool:
    word = token.text.lower()
    return word in speaker_adverbs() or (word.endswith("ly") and word.isalpha() and not is_capitalised(token.text))


def breaks_phrase(tokens: list[Token], i: int) -> bool:
    """Whether tokens[i] cannot be inside a speaker phrase ("of" may, in "Secretary of State")."""
    word = tokens[i].text.lower()
    if word in ("of", "for") and i + 1 < len(tokens) and is_capitalised(tokens[i + 1].text):
        return False
    if word == "as" and i > 0 and tokens[i - 1].text == "known" and i + 1 < len(tokens) and is_capitalised(tokens[i + 1].text):
        return False  # `the base chief known as Bob`
    return word in clause_breaks() or is_cue_verb(tokens[i])


# ----------------------------------------------------------------------------- phrase finders


def subject_before(ctx: QuoteContext, verb: int, floor: int) -> Mention | None:
    """The speaker phrase ending just before the verb at token index VERB, not before FLOOR.

    Adverbs between subject and verb are skipped; `X, a former adviser, said` takes X (or the
    name in the apposition when X is not a name); `X said, adding:` climbs to the first verb.
    """
    tokens = ctx.doc.tokens
    i = verb - 1
    while i >= floor and is_adverb(tokens[i]):
        i -= 1
    if i > floor and tokens[i].text in CLOSING_MARKS and tokens[i - 1].text == ",":
        i -= 1  # `called it "a plan," saying`: the comma inside the marks links the participle
    if i > floor and tokens[i].text == "," and tokens[i - 1].text == ")":
        i -= 1  # `Gov. John Kasich (R-OH), said`
    i = _before_party_tag(tokens, i, floor)
    if i == verb - 1 and i - 1 > floor and tokens[i].text == "to" and tokens[i - 1].text.endswith("ed") and tokens[i - 1].text.islower():
        return subject_before(ctx, i - 1, floor)  # `Trump wanted to say`, `was prompted to say`: the subject of the verb before
    if i == verb - 1 and i > floor and tokens[verb].text.endswith("ing") and tokens[i].text.lower() in prepositions():
        return sentence_subject(ctx, floor, i)  # `Trump said … before claiming`: the participle is the sentence subject's
    if i >= floor and tokens[i].text in PARTICIPLE_LINKS:
        j = i
        while j >= floor and tokens[j].text in PARTICIPLE_LINKS:
            j -= 1
        if j >= floor and verb_at(tokens, j, floor) and j < verb:  # not `in a tweet, saying`
            return subject_before(ctx, j, floor)
        if tokens[i].text == "," and tokens[verb].text.endswith("ing"):
            return sentence_subject(ctx, floor, i)
        if tokens[i].text == "and" and i > floor and tokens[i - 1].text.islower():
            # `Ms. Sherry smiled and said`: the subject of the verb the speech verb is joined to
            joined = sentence_subject(ctx, floor, i)
            if joined is not None:
                return joined
    if i - 1 >= floor and tokens[i].text.lower() == "who" and tokens[i - 1].text == ",":
        i -= 2  # `Mike Pence, who called …`: the relative pronoun stands for the phrase before it
    apposition: Mention | None = None
    if i > floor and tokens[i].text in DASHES:
        # `A former candidate -- Tom Hale, who lost in 2008 -- said`: the dashes set off an apposition
        opening = next((k for k in range(i - 1, max(floor, i - MAX_LONG_APPOSITION_TOKENS) - 1, -1) if tokens[k].text == tokens[i].text), None)
        if opening is not None and opening > floor:
            comma = next((k for k in range(opening + 1, i) if tokens[k].text == ","), i)
            apposition, i = _phrase(ctx, opening + 1, comma), opening - 1
    appositions = 0
    # `X, head of Y, said`; and further back over appositions that read like one:
    # `Garin, a pollster working with Priorities USA, a super PAC, said` takes Garin.
    while i >= floor and tokens[i].text == "," and appositions < MAX_APPOSITIONS:
        j = i - 1
        while j >= floor and tokens[j].text != "," and i - j <= MAX_LONG_APPOSITION_TOKENS:
            j -= 1
        aside = j + 1 < i and tokens[j + 1].text.lower() in prepositions()  # `Ruiz, during a visit to Salem, said`
        if not (j >= floor and tokens[j].text == ",") or (appositions or i - j > MAX_APPOSITION_TOKENS) and not (aside or _starts_apposition(tokens, j + 1)):
            break
        segment = None if aside else _phrase(ctx, j + 1, i)
        if apposition is None or (segment is not None and segment.speaker_type == "person"):
            apposition = segment
        appositions += 1
        i = j
    if appositions:
        i = _before_party_tag(tokens, i - 1, floor)  # `Sen. Tom Hale (D-Harbor), a former mayor, said`
    if not appositions and i >= floor and i == verb - 1 and tokens[i].text.lower() in pronouns():
        return _phrase(ctx, i, i + 1)  # `In 2010 she said`: a pronoun right before the verb is its subject
    end = i + 1
    window = list(tokens[floor:end])
    k = len(window)
    while k > 0 and end - (floor + k) < MAX_SUBJECT_TOKENS:
        token = window[k - 1]
        if token.text in LEADING_PUNCTUATION or breaks_phrase(window, k - 1) or token.text in (".", "!", "?"):
            break
        k -= 1
    mention = _phrase(ctx, floor + k, end)
    before = floor + k - 1
    if (mention is None or mention.speaker_type == "nominal") and before >= floor and tokens[before].text.lower() in prepositions():
        subject = subject_before(ctx, before, floor)  # `Trump at the time said`: the time is no speaker
        if subject is not None and subject.speaker_type == "person":
            return subject
    if _names_the_subject(apposition) and before >= floor and tokens[before].text.lower() in prepositions():
        mention = None  # `In a statement to the Beacon, her adviser, Tom Hale, said`: the Beacon is no subject
    speaker = plausible(ctx, _prefer_name(ctx, mention, apposition))
    joined = verb - 1 > floor and tokens[verb - 1].text == "and"
    if (speaker is None or speaker.speaker_type == "nominal") and not appositions and (tokens[verb].text.endswith("ing") or joined):
        # `Ruiz released a statement saying`, `he backed Obama over Clinton and said`: the sentence's subject speaks
        return sentence_subject(ctx, floor, verb) or speaker
    return speaker


def _before_party_tag(tokens: tuple[Token, ...], i: int, floor: int) -> int:
    """`Sen. Marco Rubio (R-Fla.) said`: the index before the parenthesised tag ending at I, else I."""
    if i >= floor and tokens[i].text == ")":
        opening = next((k for k in range(i - 1, max(floor, i - 8) - 1, -1) if tokens[k].text == "("), None)
        if opening is not None:
            return opening - 1
    return i


def _names_the_subject(apposition: Mention | None) -> bool:
    """An apposition that is a person's name with at most a description before it ("her adviser,
    Tom Hale"), not a clause that ends in one ("asked about Ruiz")."""
    if apposition is None or apposition.speaker_type != "person" or not apposition.name:
        return False
    described = apposition.text[: apposition.text.rfind(apposition.name)].split()
    return all(word.lower() in DETERMINERS or word.lower() in POSSESSIVE_DETERMINERS or is_role_word(word) or is_capitalised(word) for word in described)


def _starts_apposition(tokens: tuple[Token, ...], i: int) -> bool:
    """Whether the comma segment starting at I describes what comes before it ("a pollster …",
    "co-founder of the Harbor Trust and …", an age and a home town: "Tom Hale, 45, of Harbor City,")."""
    if i >= len(tokens):
        return False
    word = tokens[i].text
    return (
        word.lower() in DETERMINERS | POSSESSIVE_DETERMINERS | {"who", "whose", "which", "of", "from"}
        or word.isdigit() or word.islower() and is_role_word(word.rsplit("-", 1)[-1])
    )


def sentence_subject(ctx: QuoteContext, first: int, last: int) -> Mention | None:
    """`Obama tamped down expectations, saying …`: the name or title phrase that opens the sentence.

    An opening adverbial ("On Monday,", "Back in 1999,", "Informed of the news,") is skipped.
    """
    tokens = ctx.doc.tokens
    first = _after_opening_title(tokens, first, last)
    while first < last and tokens[first].text in LEADING_PUNCTUATION:
        first += 1
    after_adverbial = skip_opening_adverbial(tokens, first, last)
    opening = tokens[first].text if first < last else ""
    if after_adverbial == first and first in ctx.sentence_firsts and first < last - 1 and (_common_word(ctx, opening) or _adverb_or_gerund(ctx, opening)):
        after_adverbial += 1  # `Given her record …`, `Hastily, …`: an ordinary word opens the sentence
    first = after_adverbial
    end = first
    if end < last and tokens[end].text.lower() in ("he", "she"):
        return _phrase(ctx, end, end + 1)
    while end < last and (
        is_name_word(tokens[end]) or is_role_word(tokens[end].text) or tokens[end].text.lower() in DETERMINERS
        or end > first and end + 1 < last and links_organisation_name(tokens, end)
    ):
        end += 1
    mention = _phrase(ctx, first, end)
    if (mention is None or mention.speaker_type == "nominal") and first < last and tokens[first].text.lower() in DETERMINERS:
        mention = _prefer_name(ctx, mention, _named_in_apposition(ctx, first, last))
    if mention is None or mention.speaker_type not in ("person", "pronoun"):
        mention = _described_name(ctx, first, last) or mention
    if mention is not None and mention.speaker_type == "nominal" and mention.text.endswith("s") and all(is_role_word(w) for w in mention.text.split()):
        return mention  # `Critics of the plan released a statement, saying`: a group of people
    return mention if mention is not None and mention.speaker_type in ("person", "organization", "pronoun") else None


def _after_opening_title(tokens: tuple[Token, ...], first: int, last: int) -> int:
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
    mention = _phrase(ctx, first, j)
    return mention if mention is not None and mention.speaker_type == "person" else None


def _named_in_apposition(ctx: QuoteContext, first: int, last: int) -> Mention | None:
    """`One early supporter, Representative Ana Ruiz, …`: the name set off by commas after a
    description that opens the sentence."""
    tokens = ctx.doc.tokens
    commas = [k for k in range(first, min(last, first + 2 * MAX_SUBJECT_TOKENS)) if tokens[k].text == ","]
    if len(commas) < 2 or commas[0] - first > MAX_SUBJECT_TOKENS:
        return None
    named = _phrase(ctx, commas[0] + 1, commas[1])
    return named if named is not None and named.speaker_type == "person" else None


def _adverb_or_gerund(ctx: QuoteContext, word: str) -> bool:
    """ "Hastily", "Celebrating": a capitalised -ly or -ing word that opens a sentence as an adverb
    or a verb, not as a name: no given name, and never written capitalised inside a sentence (as
    "Connolly" or "Manning" are)."""
    return (
        word.endswith(("ly", "ing")) and word[1:].islower() and word.lower() not in given_names()
        and word not in ctx.capitalised_inside_sentences
    )


def _common_word(ctx: QuoteContext, word: str) -> bool:
    """A capitalised word that the article also writes in lowercase, and no given name, pronoun
    or determiner (which open a subject: "He", "The mayor")."""
    lower = word.lower()
    return (
        word[:1].isupper() and lower in ctx.lowercase_words and lower not in given_names()
        and lower not in DETERMINERS and lower not in pronouns()
    )


def skip_opening_adverbial(tokens: tuple[Token, ...], first: int, last: int) -> int:
    """The index after a sentence's opening conjunctions ("And then"), adverbial and its comma,
    or FIRST when there is none."""
    first = _past_conjunctions(tokens, first, last)
    if not opens_adverbial(tokens, first, last):
        return first
    for i in range(first + 1, min(last, first + 15)):
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
    if end is not None and end > i and " ".join(bare(t.text) for t in tokens[i:end]) in places():
        return end + 1
    return i


def is_role_word(word: str) -> bool:
    word = bare(word)
    return any(w in titles() or w in roles() or w in organisation_words() for w in (word, word.removesuffix("s")))


def plausible(ctx: QuoteContext, mention: Mention | None) -> Mention | None:
    """Keep a nominal speaker only when it reads like one ("a senior official", "the campaign",
    "Syrians"), or is a single word that the article also writes after a given name ("Israel
    said" where Steve Israel is named): a surname that is also a place or a people. Words inside
    a quote are nobody's name here (`"Oh, let him," said Joe Biden`)."""
    if mention is None or ctx.inside_quote(mention.start):
        return None
    if mention.speaker_type == "person" and mention.text == mention.name and _adverb_or_gerund(ctx, mention.text):
        return None  # `Continuing to explain …`: a verb opening the sentence
    if mention.speaker_type != "nominal":
        return mention
    words = mention.text.split()
    if words[0].lower() in DETERMINERS or any(is_role_word(w) or is_people_word(w) for w in words):
        return mention
    return mention if _surname_of_a_named_person(ctx, mention) else None


def _surname_of_a_named_person(ctx: QuoteContext, mention: Mention | None) -> bool:
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


def subject_after(ctx: QuoteContext, first: int, last: int) -> tuple[Mention, int] | None:
    """For `"Q," X said` / `"Q," said X`: the speaker phrase and the verb's token index."""
    tokens = ctx.doc.tokens
    while first < last and tokens[first].text in LEADING_PUNCTUATION:
        first += 1
    last = min(last, first + MAX_AFTER_TOKENS)
    if first >= last:
        return None
    if is_speech_verb(tokens[first]):
        if tokens[first].text.endswith("ing"):
            return None  # `"Q," saying the city …`: a participle reports on; its subject came before
        return _inverted_subject(ctx, first, last), first
    verb = next((i for i in range(first, last) if verb_at(tokens, i, first) or (i > first and is_capitalised_speech_verb(tokens, i))), None)
    if verb is None or verb == first:
        return None
    i = verb - 1
    while i >= first and is_adverb(tokens[i]):
        i -= 1
    subject_end = i + 1
    segments = _comma_segments(ctx, first, subject_end)
    if not segments:
        return None
    head_first, head_last = segments[0]
    window = list(tokens[head_first:head_last])
    breaks = [k for k in range(len(window)) if breaks_phrase(window, k)]
    if breaks and all(window[k].text == "and" for k in breaks) and len(window) - breaks[-1] - 1 <= MAX_SUBJECT_TOKENS:
        # `"Q," Tom Hale and Ana Ruiz wrote`: one speaker is stored, the one next to the verb
        first_conjunct = _phrase(ctx, head_first, head_first + breaks[0]) if breaks[0] else None
        last_conjunct = _phrase(ctx, head_first + breaks[-1] + 1, head_last)
        if all(c is not None and c.speaker_type in ("person", "organization") for c in (first_conjunct, last_conjunct)):
            return last_conjunct, verb
    if breaks or len(window) > MAX_SUBJECT_TOKENS:
        if tokens[verb - 1].text == ",":  # `"Q" about the plan, said X`: the words before belong to the quote
            mention = _inverted_subject(ctx, verb, last)
            return (mention, verb) if mention else None
        if len(segments) > 1:
            # `"q" they need to win, DFA spokesman Neil Stroud said`: the quote's sentence goes on,
            # and the phrase between the last comma and the verb speaks
            mention = _clean_phrase(ctx, *segments[-1])
            return (mention, verb) if mention else None
        if breaks and len(segments) == 1:
            # `"Q," CBS This Morning anchor DeMarco Morgan said`: a full name right before the verb
            mention = _clean_phrase(ctx, head_first + breaks[-1] + 1, head_last)
            if mention is not None and mention.speaker_type == "person" and mention.name and " " in mention.name:
                return mention, verb
        return None
    mention = _phrase(ctx, head_first, head_last)
    for seg_first, seg_last in segments[1:2]:
        mention = _prefer_name(ctx, mention, _phrase(ctx, seg_first, seg_last))
    mention = plausible(ctx, mention)
    return (mention, verb) if mention else None


def _clean_phrase(ctx: QuoteContext, first: int, last: int) -> Mention | None:
    """The person or organisation that tokens[first:last] name, when nothing in them breaks a phrase."""
    window = list(ctx.doc.tokens[first:last])
    if len(window) > MAX_SUBJECT_TOKENS or any(breaks_phrase(window, k) for k in range(len(window))):
        return None
    mention = plausible(ctx, _phrase(ctx, first, last))
    return mention if mention is not None and mention.speaker_type in ("person", "organization") else None


def _inverted_subject(ctx: QuoteContext, verb: int, last: int) -> Mention | None:
    """`said X, apposition`: the phrase after the verb; none when that phrase runs into a modal
    ("said the candidate could win": a reported clause)."""
    tokens = ctx.doc.tokens
    segments = _comma_segments(ctx, verb + 1, last)
    if not segments:
        return None
    head_first, head_last = segments[0]
    window = list(tokens[head_first:head_last])
    stop = next((k for k in range(len(window)) if breaks_phrase(window, k)), len(window))
    if any(token.text in modal_verbs() for token in window[:stop]):  # "Will Dorsey" is a name
        return None
    mention = _phrase(ctx, head_first, head_first + min(stop, MAX_SUBJECT_TOKENS))
    if stop < len(window) and window[stop].text == "and" and bare(window[stop - 1].text) in titles():
        # `said former Gov. and party Chairman Ed Rendell`: two titles joined before one name
        rest = next((k for k in range(stop + 1, len(window)) if breaks_phrase(window, k)), len(window))
        joined = _phrase(ctx, head_first + stop + 1, head_first + min(rest, stop + 1 + MAX_SUBJECT_TOKENS))
        mention = joined if joined is not None and joined.speaker_type == "person" else mention
    if len(segments) > 1:
        mention = _prefer_name(ctx, mention, _phrase(ctx, *segments[1]))
    return plausible(ctx, mention)


def _comma_segments(ctx: QuoteContext, first: int, last: int) -> list[tuple[int, int]]:
    segments, begin = [], first
    for i in range(first, last):
        if ctx.doc.tokens[i].text == ",":
            if i > begin:
                segments.append((begin, i))
            begin = i + 1
    if last > begin:
        segments.append((begin, last))
    return segments


def _phrase(ctx: QuoteContext, first: int, last: int) -> Mention | None:
    if first >= last:
        return None
    return parse_mention(ctx.doc.text, list(ctx.doc.tokens[first:last]))


def _prefer_name(ctx: QuoteContext, mention: Mention | None, apposition: Mention | None) -> Mention | None:
    """`one shopper, Omar al-Beik`: a name in the apposition wins over a nominal head, and over
    a role in an organisation (`The leader of the League, Ana Ruiz,`); not over a surname that
    reads as a place or a people (`Cuban, who hosts “Shark Tank,”`, `Washington, star of …`)."""
    if _surname_of_a_named_person(ctx, mention):
        return mention
    if apposition is not None and apposition.speaker_type == "person" and (
        mention is None or mention.speaker_type in ("nominal", "unknown") or _names_a_role(mention)
    ):
        title = mention.text if mention is not None else apposition.title
        return Mention(apposition.start, apposition.end, apposition.text, "person", apposition.name, title)
    return mention


def _names_a_role(mention: Mention) -> bool:
    """An organisation phrase headed by a role of it ("leader of the Anti-Defamation League"), not
    one that a title word only qualifies ("the former Al Nusra Front")."""
    words = [w for w in mention.text.split() if w.lower() not in DETERMINERS]
    return mention.speaker_type == "organization" and len(words) > 2 and words[0].islower() and is_role_word(words[0]) and words[1] == "of"


def _cue(ctx: QuoteContext, first: int, last: int) -> Cue:
    tokens = ctx.doc.tokens
    if last == first + 1 and starts_speech_phrase(tokens, first):
        last += 1  # the whole of "shot back"
    return Cue(tokens[first].start, tokens[last - 1].end, ctx.doc.text[tokens[first].start : tokens[last - 1].end])


def _answer(mention: Mention | None, cue: Cue | None, sieve: str) -> Attribution | None:
    if mention is None:
        return None
    return Attribution(mention, cue, sieve, SIEVE_CONFIDENCE[sieve])


# ----------------------------------------------------------------------------- the sieves


def colon_after_cue(ctx: QuoteContext, index: int, found: Found) -> Attribution | None:
    """`X said: "Q"` / `X told reporters: "Q"`: a speech verb shortly before a colon that opens the quote."""
    first, last = ctx.before(index)
    tokens = ctx.doc.tokens
    if last - first < 2 or tokens[last - 1].text != ":":
        return None
    for verb in range(last - 2, max(first, last - 2 - MAX_TAIL_AFTER_CUE) - 1, -1):
        if verb_at(tokens, verb, first):
            signed = _signed_before_colon(ctx, verb + 1, last - 1)
            return _answer(signed or subject_before(ctx, verb, first), _cue(ctx, verb, verb + 1), "colon_after_cue")
    return None


def _signed_before_colon(ctx: QuoteContext, first: int, colon: int) -> Mention | None:
    """`Pollsters agree - Carl Bianco: "Q"`: a person named after a dash, right before the colon."""
    tokens = ctx.doc.tokens
    start = colon
    while start > first and is_name_word(tokens[start - 1]):
        start -= 1
    if not (first < start < colon and tokens[start - 1].text in DASHES):
        return None
    named = _phrase(ctx, start, colon)
    return named if named is not None and named.speaker_type == "person" else None


def cue_after_quote(ctx: QuoteContext, index: int, found: Found) -> Attribution | None:
    """`"Q," X said.` / `"Q," said X.` / `"Q," X, head of Y, told Z.`: speaker and verb right after the quote."""
    first, last = ctx.after(index)
    quote = ctx.quotes[index]
    if quote.kind == "partial" and not _comma_at_close(ctx, quote) and _has_reporting_verb(ctx, index):
        return None  # `Cruz said "CNN" five times, and …`: the clause before the quoted words reports them
    if _ends_sentence(ctx, quote):
        if last > first and ctx.doc.tokens[last - 1].text == ":":
            return None  # `"Q1." Y agreed: "Q2"`: a new sentence that introduces the next quote
        if _introduced(ctx.doc.tokens, *ctx.before(index)):
            return None  # `Hayek said, "Q." The star then recalled …`: the words before speak
    result = subject_after(ctx, first, last)
    if result is None:
        return None
    mention, verb = result
    return _answer(mention, _cue(ctx, verb, verb + 1), "cue_after_quote")


def _comma_at_close(ctx: QuoteContext, quote: QuoteSpan) -> bool:
    """Whether a comma (or a question or exclamation mark) ends the quoted words or follows the
    closing mark, as before an inverted cue (`"q," said X`, `"why not?" asked X`)."""
    text = ctx.doc.text
    return text[quote.end - 1] in ",?!" or text[quote.close : quote.close + 1] == ","


def _has_reporting_verb(ctx: QuoteContext, index: int) -> bool:
    first, last = ctx.before(index, whole_sentence=True)
    tokens = ctx.doc.tokens
    return any(verb_at(tokens, i, first, is_cue_verb) and not _inside_other_quote(ctx, index, tokens[i].start) for i in range(first, last))


def cue_before_quote(ctx: QuoteContext, index: int, found: Found) -> Attribution | None:
    """`X said "Q"` / `X said, "Q"` / `"Q1," X said, adding "Q2"`: a speech verb a few words before the quote."""
    first, last = ctx.before(index)
    tokens = ctx.doc.tokens
    if ctx.quotes[index].kind == "partial" and not _introduced(tokens, first, last):
        return None  # quoted words inside a sentence belong to its main reporting clause, unless `X said, "q…"`
    for verb in range(last - 1, max(first, last - 1 - MAX_TAIL_AFTER_CUE) - 1, -1):
        if verb_at(tokens, verb, first):
            return _answer(subject_before(ctx, verb, first), _cue(ctx, verb, verb + 1), "cue_before_quote")
    if last - first > 2 and tokens[last - 1].text == "," and tokens[last - 2].text.lower() in media_words():
        # `Trump issued a statement, "Q"`: the sentence's subject, through what carried the words
        return _answer(sentence_subject(ctx, first, last - 2), _cue(ctx, last - 2, last - 1), "cue_before_quote")
    opening = tokens[first].text
    if last - first > 2 and tokens[last - 1].text in (",", ":") and opening[:1].isupper() and opening.lower() in speech_verbs():
        # `Said Dorothy Pointer, who grew up nearby, "Q"`: the verb opens the sentence, its subject follows
        return _answer(_inverted_subject(ctx, first, last - 1), _cue(ctx, first, first + 1), "cue_before_quote")
    return None


def _introduced(tokens: tuple[Token, ...], first: int, last: int) -> bool:
    """Whether tokens[first:last], the words before a quote, end in a speech verb and a comma or
    colon (`X said, "Q"`)."""
    return last - first >= 2 and tokens[last - 1].text in (",", ":") and verb_at(tokens, last - 2, first)


def _ends_sentence(ctx: QuoteContext, quote: QuoteSpan) -> bool:
    return ctx.doc.text[quote.start : quote.end].rstrip()[-1:] in (".", "!", "?")


def according_to(ctx: QuoteContext, index: int, found: Found) -> Attribution | None:
    """`"Q," according to X.` / `According to X, "Q"`: the phrase after "according to"."""
    tokens = ctx.doc.tokens
    for first, last in (ctx.after(index), ctx.before(index)):
        for i in range(first, last - 2):
            if tokens[i].text.lower() == "according" and tokens[i + 1].text.lower() == "to":
                end = i + 2
                while end < last and tokens[end].text not in (",", ".", ";", ":") and end - i < MAX_SUBJECT_TOKENS + 2:
                    end += 1
                mention = _phrase(ctx, i + 2, end)
                return _answer(mention, _cue(ctx, i, i + 2), "according_to")
    return None


def dash_after_quote(ctx: QuoteContext, index: int, found: Found) -> Attribution | None:
    """`"Q" – Ana Ruiz.` / `"Q" —@harbormayor`, or the next paragraph opening with a
    dash and a name: the signature of a quote in lists, fact checks and epigraphs. A pull quote's
    signature may also stand alone on the next line, inside the marks the quote left open
    (`"Q.` / `Dana Herald, Harbor Policy Institute."`)."""
    quote = ctx.quotes[index]
    if quote.kind == "partial":
        return None  # `… was "still the No. 1 force."--Kim Hjelmgaard`: the dash signs the text, not the words
    tokens = ctx.doc.tokens
    first, last = ctx.after(index)
    while first < last and tokens[first].text in CLOSING_MARKS:
        first += 1
    signed_line = False
    if first == last and quote.paragraph + 1 < len(ctx.doc.paragraphs):
        first, last = ctx.paragraph_tokens(quote.paragraph + 1)
        signed_line = not quote.closed and _is_signature_line(tokens, first, last)
    if not (first < last and (tokens[first].text in DASHES or signed_line)):
        return None
    first -= signed_line  # a signature line has no dash to skip
    end = first + 1
    while end < last and tokens[end].text not in (",", ".", ";", ":", "(") and end - first <= MAX_SUBJECT_TOKENS:
        end += 1
    mention = _phrase(ctx, first + 1, end)
    if mention is None or mention.speaker_type not in ("person", "organization"):
        return None
    return _answer(mention, _cue(ctx, first, first + 1), "dash_after_quote")


def _is_signature_line(tokens, first: int, last: int) -> bool:
    """A short paragraph of a name (and affiliation) that ends with a full stop and a closing mark."""
    return (
        2 < last - first <= MAX_SIGNATURE_TOKENS
        and tokens[first].text[:1].isupper()
        and tokens[last - 1].text in CLOSING_MARKS
        and tokens[last - 2].text == "."
        and not any(token.text in OPENING_MARKS or token.text in CLOSING_MARKS for token in tokens[first : last - 1])
    )


def transcript_label(ctx: QuoteContext, index: int, found: Found) -> Attribution | None:
    """`"HALE: …` or `Ruiz: "Q"`: a name followed by a colon labels who speaks."""
    quote = ctx.quotes[index]
    tokens = ctx.doc.tokens
    inside = ctx.token_at(quote.open) + 1  # detection leaves the label out of the quote's text
    label_end = next((i for i in range(inside, min(inside + 5, len(tokens))) if tokens[i].text == ":"), None)
    if label_end is not None and label_end > inside and all(t.text.isupper() for t in tokens[inside:label_end]):
        return _answer(_phrase(ctx, inside, label_end), _cue(ctx, label_end, label_end + 1), "transcript_label")
    first, last = ctx.before(index)
    if last - first >= 2 and tokens[last - 1].text == ":" and last - 1 - first <= 5:
        if tokens[first].text.lower() in speech_verbs():  # `Continued Stone: "Q"`
            first += 1
        label = tokens[first : last - 1]
        if tokens[first].text.lower() in prepositions() or any(is_cue_verb(t) for t in label):
            return None  # `Fiorina wrote on Facebook: "Q"`, `From Bush's post: "Q"`: a clause, not a label
        mention = _headline_label(ctx, first, last - 1, quote.paragraph) if quote.kind == "heading" else _phrase(ctx, first, last - 1)
        if mention is not None and mention.speaker_type in ("person", "organization"):
            return _answer(mention, _cue(ctx, last - 1, last), "transcript_label")
    return None


def reporting_clause_subject(ctx: QuoteContext, index: int, found: Found) -> Attribution | None:
    """`Ruiz said the talks had been slowed by "gaps of trust"`: the subject of the sentence's first reporting verb.

    The first, not the nearest: verbs nearer the quote sit in the reported clause
    ("Hale said he is sure Ruiz will go on being "a fighter""), unless a later one opens an
    adverbial clause ("Hale tweeted after Ruiz argued that "q""). When an earlier quote of
    the sentence comes between, the first reporting verb after it is looked at first ("Cruz
    accuses Obama of "q1" and Trump says he's "q2"").
    """
    since_previous_quote, last = ctx.before(index)
    first, _ = ctx.before(index, whole_sentence=True)
    if since_previous_quote > first:
        answer = _first_reporting_clause(ctx, index, since_previous_quote, last, first)
        # Only a clause with a subject of its own: in `Ryan lamented the "q1" and criticized the
        # "q2"` the verb after the earlier quote shares the first one's subject.
        if answer is not None and answer.mention.speaker_type != "nominal" and answer.mention.start >= ctx.doc.tokens[since_previous_quote].start:
            return answer
    return _first_reporting_clause(ctx, index, first, last, first)


def _first_reporting_clause(ctx: QuoteContext, index: int, start: int, last: int, floor: int) -> Attribution | None:
    tokens = ctx.doc.tokens
    first_answer, first_subordinate = None, False
    for verb in range(start, last):
        if verb_at(tokens, verb, floor, is_cue_verb) and not _inside_other_quote(ctx, index, tokens[verb].start):
            mention = subject_before(ctx, verb, floor)
            inverted = verb > floor and tokens[verb - 1].text in (",", *CLOSING_MARKS) and not tokens[verb].text.endswith("ing")
            if mention is None and inverted:
                mention = _inverted_subject(ctx, verb, last)  # `"…," said Joe Biden, urging them to "Q"`
            if mention is None or mention.speaker_type == "unknown":
                continue
            answer = _answer(mention, _cue(ctx, verb, verb + 1), "reporting_clause_subject")
            if first_answer is None:
                first_answer, first_subordinate = answer, _opens_subordinate_clause(ctx, mention)
                if not first_subordinate and not any(tokens[k].text.lower() in subordinators() for k in range(verb + 1, last)):
                    return first_answer
            elif first_subordinate or _opens_subordinate_clause(ctx, mention):
                # `Hale tweeted after Ruiz argued that "Q"`, `While Hale says …, Ruiz said "Q"`:
                # the quote is the clause's that is not subordinate to the other
                return answer
    return first_answer


def _opens_subordinate_clause(ctx: QuoteContext, mention: Mention) -> bool:
    at = ctx.token_at(mention.start)
    return at > 0 and ctx.doc.tokens[at - 1].text.lower() in subordinators()


def sentence_subject_of_partial(ctx: QuoteContext, index: int, found: Found) -> Attribution | None:
    """`Hale pinned the delay on "careless officials"`: quoted words inside a sentence are its subject's."""
    if ctx.quotes[index].kind != "partial":
        return None
    first, last = ctx.before(index, whole_sentence=True)
    tokens = ctx.doc.tokens
    i = begin = _after_opening_title(tokens, skip_opening_adverbial(tokens, first, last), last)
    while i < last and not (is_name_word(tokens[i]) or tokens[i].text.lower() in ("he", "she")):
        if tokens[i].text == ",":
            i += 1
            continue
        if i - begin > 6:
            return None
        i += 1
    mention = sentence_subject(ctx, i, last)
    if mention is None and opens_adverbial(tokens, first, last):
        # `But while denouncing the "perversion" of tax avoidance, she has …`: the adverbial
        # ends after the quote, and the sentence's subject follows its comma
        after, end = ctx.after(index)
        comma = next((k for k in range(after, end) if tokens[k].text == ","), None)
        mention = sentence_subject(ctx, comma + 1, end) if comma is not None else None
    if mention is not None and _unconfirmed_opening_word(ctx, mention):
        return None
    return _answer(mention, None, "sentence_subject_of_partial")


def _unconfirmed_opening_word(ctx: QuoteContext, mention: Mention) -> bool:
    """`Moreover, …`, `Ask …`: a lone capitalised word opening a sentence, which no speech verb
    makes a speaker, is a name only if the article also capitalises it inside a sentence."""
    word = mention.text
    if mention.speaker_type != "person" or " " in word or not word.isalpha() or ctx.token_at(mention.start) not in ctx.sentence_firsts or word.lower() in given_names():
        return False
    return word not in ctx.capitalised_inside_sentences


def heading_matches_quote(ctx: QuoteContext, index: int, found: Found) -> Attribution | None:
    """A headline quote ("'Back to square one'") whose words are inside an attributed quote of the article."""
    quote = ctx.quotes[index]
    if quote.kind != "heading":
        return None
    words = _normalised(ctx.doc.text[quote.start : quote.end])
    for other, attribution in sorted(found.items()):
        body = ctx.quotes[other]
        if body.kind != "heading" and words and words in _normalised(ctx.doc.text[body.start : body.end]):
            return _inherit(attribution, "heading_matches_quote")
    return None


def adjacent_quote_in_paragraph(ctx: QuoteContext, index: int, found: Found) -> Attribution | None:
    """`"Q1." "Q2," he said.`: an unattributed quote shares the speaker of its neighbour in the
    paragraph: the next quote when nothing but marks stands between them, else the previous one
    (`"Q1," X said. "Q2." Y, an aide, agreed: "Q3."` gives Q2 to X)."""
    quote = ctx.quotes[index]
    following = ctx.quotes[index + 1] if index + 1 < len(ctx.quotes) else None
    touching = following is not None and not ctx.doc.text[quote.close : following.open].strip(" .,;—–-")
    for other in (index + 1, index - 1) if touching else (index - 1, index + 1):
        if 0 <= other < len(ctx.quotes) and ctx.quotes[other].paragraph == quote.paragraph and other in found:
            return _inherit(found[other], "adjacent_quote_in_paragraph")
    return None


def continues_previous_paragraph(ctx: QuoteContext, index: int, found: Found) -> Attribution | None:
    """A paragraph that opens with a quote continues the speaker of the quote paragraph just before it."""
    quote = ctx.quotes[index]
    paragraph = ctx.doc.paragraphs[quote.paragraph]
    if quote.open != paragraph.start or index == 0 or quote.kind == "heading":
        return None
    previous = ctx.quotes[index - 1]
    if previous.paragraph == quote.paragraph - 1 and index - 1 in found:
        return _inherit(found[index - 1], "continues_previous_paragraph")
    return None


def unclosed_continues(ctx: QuoteContext, index: int, found: Found) -> Attribution | None:
    """A quote left open at its paragraph's end goes on in the next paragraph: it takes that speaker."""
    quote = ctx.quotes[index]
    following = index + 1
    if quote.closed or following >= len(ctx.quotes) or following not in found:
        return None
    if ctx.quotes[following].paragraph == quote.paragraph + 1:
        return _inherit(found[following], "unclosed_continues")
    return None


def previous_paragraph_reporting(ctx: QuoteContext, index: int, found: Found) -> Attribution | None:
    """A quote paragraph with no cue, after a paragraph that reports someone speaking: the subject
    of the first reporting verb of that paragraph's last sentence that has one. After a paragraph
    ending in a colon ("Hale called them on it:"), the subject of its last sentence."""
    quote = ctx.quotes[index]
    if quote.open != ctx.doc.paragraphs[quote.paragraph].start or quote.paragraph == 0 or quote.kind == "heading":
        return None
    first, last = ctx.paragraph_tokens(quote.paragraph - 1)
    tokens = ctx.doc.tokens
    sentence_end = last
    while sentence_end > first:
        sentence_first = _sentence_start(tokens, sentence_end - 1, first)
        for verb in range(sentence_first, sentence_end):
            if verb_at(tokens, verb, sentence_first) and not _inside_other_quote(ctx, index, tokens[verb].start):
                mention = subject_before(ctx, verb, sentence_first)
                return _answer(mention, _cue(ctx, verb, verb + 1), "previous_paragraph_reporting") if mention else None
        if sentence_end == last and tokens[last - 1].text == ":":
            mention = colon_speaker(ctx, sentence_first, last - 1)
            return _answer(mention, _cue(ctx, last - 1, last), "previous_paragraph_reporting") if mention else None
        sentence_end = sentence_first
    return None


def previous_sentence_reporting(ctx: QuoteContext, index: int, found: Found) -> Attribution | None:
    """`Harbor State's Dana Wills agreed. "Q"`: a quote that opens a sentence, after a sentence
    of the same paragraph that ends on a speech verb (and a few words: "said in a statement."):
    that verb's subject; else the subject of that sentence's first reporting clause."""
    quote = ctx.quotes[index]
    if quote.kind != "full" or (index and ctx.quotes[index - 1].paragraph == quote.paragraph):
        return None
    tokens = ctx.doc.tokens
    paragraph_first, _ = ctx.paragraph_tokens(quote.paragraph)
    end = ctx.token_at(quote.open)
    if end - paragraph_first < 2 or tokens[end - 1].text not in (".", "!", "?"):
        return None
    first = _sentence_start(tokens, end - 1, paragraph_first)
    for verb in range(end - 2, max(first, end - 2 - MAX_TAIL_AFTER_SENTENCE_CUE) - 1, -1):
        if verb_at(tokens, verb, first):
            return _answer(subject_before(ctx, verb, first), _cue(ctx, verb, verb + 1), "previous_sentence_reporting")
    answer = _first_reporting_clause(ctx, index, first, end - 1, first)
    return _inherit(answer, "previous_sentence_reporting") if answer else None


def _sentence_start(tokens: tuple[Token, ...], last: int, floor: int) -> int:
    """The first token of the sentence that holds tokens[last], not before FLOOR."""
    first = last
    while first > floor and tokens[first - 1].text not in (".", "!", "?"):
        first -= 1
    return first


def colon_without_cue(ctx: QuoteContext, index: int, found: Found) -> Attribution | None:
    """`… surprise for Harbor pollster Dana Wells: "Q"` / `Hale also backed the plan -- "Q"`: a
    colon or a dash opens the quote with no speech verb before it; the name just before it, else
    the sentence's subject."""
    first, last = ctx.before(index)
    if last - first < 2 or ctx.doc.tokens[last - 1].text not in (":", "--", "—"):
        return None
    return _answer(colon_speaker(ctx, first, last - 1), _cue(ctx, last - 1, last), "colon_without_cue")


def colon_speaker(ctx: QuoteContext, first: int, colon: int) -> Mention | None:
    """Who speaks after the clause tokens[first:colon] and its colon: a person or organisation
    named right before the colon ("More from Blumenthal and Cohen:"), else the clause's subject."""
    tokens = ctx.doc.tokens
    start = colon
    while start > first and colon - start < MAX_SUBJECT_TOKENS and (is_name_word(tokens[start - 1]) or is_role_word(tokens[start - 1].text)):
        start -= 1
    named = _phrase(ctx, start, colon)
    addressed = start > first and tokens[start - 1].text.lower() == "to"  # `a piece of advice to Hale:`
    if named is not None and named.speaker_type in ("person", "organization") and any(is_capitalised(w) for w in named.text.split()) and not addressed:
        return named  # a name, not a lowercase word for an institution ("in public office:")
    return sentence_subject(ctx, first, colon)


def heading_label(ctx: QuoteContext, index: int, found: Found) -> Attribution | None:
    """`Ruiz: Council's 'Reckless Spending' …`: a headline that names its speaker before a colon."""
    quote = ctx.quotes[index]
    if quote.kind != "heading":
        return None
    first, last = ctx.paragraph_tokens(quote.paragraph)
    tokens = ctx.doc.tokens
    colon = next((i for i in range(first, min(last, first + 6)) if tokens[i].text == ":"), None)
    if colon is None or colon == first or tokens[colon].start > quote.open:
        return None
    mention = _headline_label(ctx, first, colon, quote.paragraph)
    if mention is None or mention.speaker_type not in ("person", "organization"):
        return None
    return _answer(mention, _cue(ctx, colon, colon + 1), "heading_label")


def _headline_label(ctx: QuoteContext, first: int, end: int, paragraph: int) -> Mention | None:
    """The speaker a headline's label before its colon names: the longest start of the label that
    the article's body writes as well, a person or an organisation (`Hale Addresses Harbor
    Flood: …` is Hale's), else the whole label. Title case hides where a name ends and its verb begins."""
    tokens, text = ctx.doc.tokens, ctx.doc.text
    body = text[ctx.doc.paragraphs[paragraph].end :]
    for stop in range(end, first, -1):
        if text[tokens[first].start : tokens[stop - 1].end] in body:
            mention = _phrase(ctx, first, stop)
            if mention is not None and mention.speaker_type in ("person", "organization"):
                return mention
    return _phrase(ctx, first, end)


def heading_says(ctx: QuoteContext, index: int, found: Found) -> Attribution | None:
    """`Ana Ruiz Says Bridge Is ‘Our Best Chance’` / `… ‘Crisis,’ Tom Hale Tells
    Council`: in a headline, the name written just before its capitalised speech verb."""
    quote = ctx.quotes[index]
    if quote.kind != "heading":
        return None
    first, last = ctx.paragraph_tokens(quote.paragraph)
    tokens = ctx.doc.tokens
    for verb in range(first + 1, last):
        word = tokens[verb].text
        if not (word[:1].isupper() and word.lower() in speech_verbs()) or ctx.inside_quote(tokens[verb].start):
            continue
        start = verb
        while start > first and verb - start < MAX_HEADLINE_NAME and is_name_word(tokens[start - 1]):
            start -= 1
        mention = _phrase(ctx, start, verb)
        if mention is not None and mention.speaker_type in ("person", "organization"):
            return _answer(mention, _cue(ctx, verb, verb + 1), "heading_says")
    return None


MAX_HEADLINE_NAME = 4
SUBJECT_RELATIONS = ("nsubj", "nsubj:pass")
NAME_RELATIONS = frozenset({"compound", "flat", "flat:name", "amod", "det", "nmod:poss", "case", "nummod", "compound:prt"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})
MAX_CLIMB = 4


def dependency_speech_verb(ctx: QuoteContext, index: int, found: Found) -> Attribution | None:
    """The parse attaches the quote (ccomp, parataxis, obj, …) under a speech verb: that verb's subject.

    Climbs a few heads from where the quote attaches ("said the talks were complicated by
    "gaps of trust"") and takes the subject of a shared clause for participles ("…, saying").
    """
    quote = ctx.quotes[index]
    tokens = ctx.doc.tokens
    first, last = ctx.token_at(quote.start), ctx.token_at(quote.end)
    for i in range(first, last):
        head = tokens[i].head
        if head is None or first <= head < last:
            continue
        verb = _climb_to_speech_verb(tokens, head, first, last)
        if verb is None:
            continue
        subject = _subject_of(tokens, verb)
        if subject is None:
            return None
        mention = _subtree_mention(ctx, subject)
        if mention is None or mention.speaker_type not in ("person", "pronoun", "organization"):
            return None  # a nominal head may hide a name the surface sieves read better
        return _answer(mention, _cue(ctx, verb, verb + 1), "dependency_speech_verb")
    return None


def _climb_to_speech_verb(tokens: tuple[Token, ...], start: int, first: int, last: int) -> int | None:
    """The topmost speech verb on the path from START to the root: verbs lower down sit in the
    reported clause ("Hale said he is sure Ruiz will go on being "a fighter"")."""
    node, topmost = start, None
    for _ in range(MAX_CLIMB):
        if is_cue_verb(tokens[node]) or (tokens[node].lemma in speech_verbs() and tokens[node].pos == "VERB"):
            topmost = node
        parent = tokens[node].head
        if parent is None or first <= parent < last:
            break
        node = parent
    return topmost


def _children(tokens: tuple[Token, ...], node: int) -> list[int]:
    """Dependents of NODE: heads are sentence-local, so only nearby tokens are looked at."""
    low, high = max(0, node - 80), min(len(tokens), node + 80)
    return [i for i in range(low, high) if tokens[i].head == node]


def _subject_of(tokens: tuple[Token, ...], verb: int) -> int | None:
    """The verb's subject, or the subject of the clause it shares one with (conj, xcomp, advcl)."""
    node = verb
    for _ in range(MAX_CLIMB):
        subject = next((c for c in _children(tokens, node) if tokens[c].deprel in SUBJECT_RELATIONS), None)
        if subject is not None:
            if tokens[subject].text.lower() in RELATIVE_PRONOUNS and tokens[node].deprel == "acl:relcl":
                return tokens[node].head  # "Pence, who called …": the noun the clause describes
            return subject
        if tokens[node].deprel not in ("conj", "xcomp", "advcl") or tokens[node].head is None:
            return None
        node = tokens[node].head
    return None


def _subtree_mention(ctx: QuoteContext, head: int) -> Mention | None:
    """The speaker phrase headed by HEAD: its name words, with an appositive name preferred to a nominal."""
    tokens = ctx.doc.tokens
    keep = {head}
    frontier = [head]
    appositions = []
    while frontier:
        node = frontier.pop()
        for child in _children(tokens, node):
            if tokens[child].deprel in NAME_RELATIONS:
                keep.add(child)
                frontier.append(child)
            elif tokens[child].deprel == "appos" and node == head:
                appositions.append(child)
    mention = _phrase(ctx, min(keep), max(keep) + 1)
    for apposition in appositions:
        mention = _prefer_name(ctx, mention, _subtree_mention(ctx, apposition))
    return mention


def _inherit(attribution: Attribution, sieve: str) -> Attribution:
    return Attribution(attribution.mention, attribution.cue, sieve, SIEVE_CONFIDENCE[sieve])


def _inside_other_quote(ctx: QuoteContext, index: int, offset: int) -> bool:
    quote = ctx.quotes[index]
    return ctx.inside_quote(offset) and not quote.start <= offset < quote.end


@lru_cache(maxsize=4096)  # a headline quote is compared with every attributed quote of its article
def _normalised(text: str) -> str:
    return " ".join("".join(c.lower() if c.isalnum() else " " for c in text).split())


# Confidences are each sieve's strict speaker accuracy on PolNeAR train where the mention is a
# name: the prior that quotes.confidence refines per kind of mention and quote from its table.
SIEVES: tuple[Sieve, ...] = (
    Sieve("transcript_label", transcript_label, 0.72,
          Example('Body.\n\nHALE: Do you accept the result of the vote?\n\nRUIZ: "We will accept it."', "We will accept it.", "RUIZ")),
    Sieve("colon_after_cue", colon_after_cue, 0.89,
          Example('Body.\n\nMayor Ana Ruiz told the council: "We will rebuild the bridge."', "We will rebuild the bridge.", "Ana Ruiz")),
    Sieve("cue_after_quote", cue_after_quote, 0.9,
          Example('Body.\n\n"We will rebuild the bridge," Mayor Ana Ruiz said.', "We will rebuild the bridge,", "Ana Ruiz")),
    Sieve("cue_before_quote", cue_before_quote, 0.9,
          Example('Body.\n\nMayor Ana Ruiz said, "We will rebuild the bridge."', "We will rebuild the bridge.", "Ana Ruiz")),
    Sieve("dependency_speech_verb", dependency_speech_verb, 0.85,
          Example('Body.\n\nThe mayor, Ana Ruiz, who has run the harbor for years, insisted on Monday that the repairs were "long overdue" and costly.',
                  "long overdue", "Ana Ruiz"),
          requires=frozenset({"deps"})),
    Sieve("according_to", according_to, 0.9,
          Example('Body.\n\n"The bridge will be rebuilt by spring," according to Mayor Ana Ruiz.', "The bridge will be rebuilt by spring,", "Ana Ruiz")),
    Sieve("dash_after_quote", dash_after_quote, 0.7,
          Example('Body.\n\nQuote of the week: "Taxes stay where they are" – Ana Ruiz.', "Taxes stay where they are", "Ana Ruiz")),
    Sieve("reporting_clause_subject", reporting_clause_subject, 0.88,
          Example('Body.\n\nMayor Ana Ruiz said the talks had been slowed by "gaps of trust" on both sides.', "gaps of trust", "Ana Ruiz")),
    Sieve("heading_label", heading_label, 0.8,
          Example("Ruiz: Council's 'reckless spending' must stop\n\nThe mayor spoke on Monday about the budget.", "reckless spending", "Ruiz")),
    Sieve("heading_says", heading_says, 0.75,
          Example("Mayor Ana Ruiz Says Bridge Is ‘Our Best Chance’\n\nThe council met on Monday.", "Our Best Chance", "Ana Ruiz")),
    Sieve("heading_matches_quote", heading_matches_quote, 0.78,
          Example("Town 'back to square one' after flood\n\n\"We are back to square one,\" Mayor Ana Ruiz said.", "back to square one", "Ana Ruiz"),
          inherits=True),
    Sieve("sentence_subject_of_partial", sentence_subject_of_partial, 0.62,
          Example('Body.\n\nSenator Paul Brandt pinned the delay on "bureaucrats who never read a bill."', "bureaucrats who never read a bill.", "Paul Brandt")),
    Sieve("colon_without_cue", colon_without_cue, 0.66,
          Example('Body.\n\nA surprise for Harbor pollster Dana Wells: "Nobody saw this coming."', "Nobody saw this coming.", "Dana Wells")),
    Sieve("unclosed_continues", unclosed_continues, 0.6,
          Example('Body.\n\n"We will rebuild the bridge.\n\n"It will take a year," Mayor Ana Ruiz said.', "We will rebuild the bridge.", "Ana Ruiz"),
          inherits=True),
    Sieve("adjacent_quote_in_paragraph", adjacent_quote_in_paragraph, 0.9,
          Example('Body.\n\n"We will rebuild the bridge." "It will take a year," Mayor Ana Ruiz said.', "We will rebuild the bridge.", "Ana Ruiz"),
          inherits=True),
    Sieve("continues_previous_paragraph", continues_previous_paragraph, 0.75,
          Example('Body.\n\n"We will rebuild the bridge," Mayor Ana Ruiz said.\n\n"It will take a year."', "It will take a year.", "Ana Ruiz"),
          inherits=True),
    Sieve("previous_sentence_reporting", previous_sentence_reporting, 0.7,
          Example('Body.\n\nThe vote was close. Mayor Ana Ruiz agreed. "We will win this."\n\nThe count goes on.', "We will win this.", "Ana Ruiz")),
    Sieve("previous_paragraph_reporting", previous_paragraph_reporting, 0.7,
          Example('Body.\n\nA senior official said the talks would go on.\n\n"Those talks are ongoing and will continue."',
                  "Those talks are ongoing and will continue.", "senior official")),
)
SIEVE_CONFIDENCE = {sieve.name: sieve.confidence for sieve in SIEVES}
