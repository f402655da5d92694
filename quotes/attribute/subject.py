"""The speaker phrase next to a reporting verb: before it (`X, an aide, said`) or after it
(`"Q," said X`)."""
from __future__ import annotations

from ..context import QuoteContext
from ..lexicons import abbreviations, modal_verbs, prepositions, pronouns, titles
from ..records import Mention, Token
from ..words import (
    CLOSING_MARKS,
    DASHES,
    DETERMINERS,
    LEADING_PUNCTUATION,
    POSSESSIVE_DETERMINERS,
    bare,
    breaks_phrase,
    is_adverb,
    is_capitalised,
    is_capitalised_speech_verb,
    is_role_word,
    is_speech_verb,
    verb_after_name,
    verb_at,
)
from .mentions import MAX_SUBJECT_TOKENS, phrase, plausible, prefer_name
from .opening import names_a_place, sentence_subject

MAX_AFTER_TOKENS = 40
MAX_APPOSITIONS = 3
MAX_APPOSITION_TOKENS = 15  # `X, head of Y, said`
# `X, a former government expert who now studies … at the Center for …, said`: longer when it
# opens like a description
MAX_LONG_APPOSITION_TOKENS = 40
PARTICIPLE_LINKS = frozenset({",", "as", "and", "was", "were", "is", "been", "being", "be"})


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
        if j >= floor and verb_at(ctx.classes, j, floor) and j < verb:  # not `in a tweet, saying`
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
    dash = None  # an opening dash that ends the phrase before it, as a comma would
    if i > floor and tokens[i].text in DASHES:
        # `A former candidate -- Tom Hale, who lost in 2008 -- said`: the dashes set off an apposition
        opening = next((k for k in range(i - 1, max(floor, i - MAX_LONG_APPOSITION_TOKENS) - 1, -1) if tokens[k].text == tokens[i].text), None)
        if opening is not None and opening > floor:
            comma = next((k for k in range(opening + 1, i) if tokens[k].text == ","), i)
            apposition, i = phrase(ctx, opening + 1, comma), opening - 1
            dash = opening
    appositions = asides = 0
    if dash is not None and _apposition_before(tokens, dash, floor):
        i = dash  # `Tom Hale, the chief executive of Harbor Media -- the company that … -- said`
    # `X, head of Y, said`; and further back over appositions that read like one:
    # `Garin, a pollster working with Priorities USA, a super PAC, said` takes Garin.
    while i >= floor and (tokens[i].text == "," or i == dash) and appositions < MAX_APPOSITIONS + asides:
        j = i - 1
        while j >= floor and tokens[j].text != "," and i - j <= MAX_LONG_APPOSITION_TOKENS:
            j -= 1
        # `Ruiz, during a visit to Salem, said`, `Lena Ortiz, 59, of Ashton, Md., said`
        aside = j + 1 < i and (tokens[j + 1].text.lower() in prepositions() or _place(tokens, j + 1, i))
        asides += aside
        if not (j >= floor and tokens[j].text == ",") or (appositions or i - j > MAX_APPOSITION_TOKENS) and not (aside or _starts_apposition(tokens, j + 1)):
            break
        segment = None if aside else phrase(ctx, j + 1, i)
        if apposition is None or (segment is not None and segment.speaker_type == "person"):
            apposition = segment
        appositions += 1
        i = j
    if appositions:
        i = _before_party_tag(tokens, i - 1, floor)  # `Sen. Tom Hale (D-Harbor), a former mayor, said`
    if not appositions and i >= floor and i == verb - 1 and tokens[i].text.lower() in pronouns():
        return phrase(ctx, i, i + 1)  # `In 2010 she said`: a pronoun right before the verb is its subject
    end = i + 1
    window = list(tokens[floor:end])
    k = len(window)
    while k > 0 and end - (floor + k) < MAX_SUBJECT_TOKENS:
        token = window[k - 1]
        if verb_after_name(window, k - 1):
            # `the Council issued a statement calling …`: the speaker is that verb's subject
            return subject_before(ctx, floor + k - 1, floor)
        if token.text in LEADING_PUNCTUATION or breaks_phrase(window, k - 1) or token.text in (".", "!", "?"):
            break
        k -= 1
    mention = phrase(ctx, floor + k, end)
    before = floor + k - 1
    if (mention is None or mention.speaker_type == "nominal") and before >= floor and tokens[before].text.lower() in prepositions():
        subject = subject_before(ctx, before, floor)  # `Trump at the time said`: the time is no speaker
        if subject is not None and subject.speaker_type == "person":
            return subject
    if _names_the_subject(apposition) and before >= floor and tokens[before].text.lower() in prepositions():
        mention = None  # `In a statement to the Beacon, her adviser, Tom Hale, said`: the Beacon is no subject
    speaker = plausible(ctx, prefer_name(ctx, mention, apposition))
    joined = verb - 1 > floor and tokens[verb - 1].text in ("and", "but")
    if (speaker is None or speaker.speaker_type == "nominal") and not appositions and (tokens[verb].text.endswith("ing") or joined):
        # `Ruiz released a statement saying`, `he backed Obama over Clinton and said`: the sentence's subject speaks
        return sentence_subject(ctx, floor, verb) or speaker
    return speaker


def _apposition_before(tokens: tuple[Token, ...], end: int, floor: int) -> bool:
    """Whether the comma segment ending at END describes the phrase before it (`Tom Hale, the
    chief executive of Harbor Media --`)."""
    comma = next((k for k in range(end - 1, max(floor, end - MAX_APPOSITION_TOKENS) - 1, -1) if tokens[k].text == ","), None)
    return comma is not None and comma > floor and _starts_apposition(tokens, comma + 1)


def _place(tokens: tuple[Token, ...], first: int, end: int) -> bool:
    """A comma segment that names a place: `Oregon`, or a state's abbreviation (`Md.`, `Calif.`)."""
    word = tokens[first].text
    abbreviated = end == first + 1 and word.endswith(".") and is_capitalised(word) and bare(word) in abbreviations()
    return abbreviated or names_a_place(tokens, first, end)


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
        return inverted_subject(ctx, first, last), first
    verb = next((i for i in range(first, last) if verb_at(ctx.classes, i, first) or (i > first and is_capitalised_speech_verb(tokens, ctx.classes, i))), None)
    if verb is None or verb == first:
        return None
    verb = _past_relative_clause(ctx, first, verb, last)
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
        first_conjunct = phrase(ctx, head_first, head_first + breaks[0]) if breaks[0] else None
        last_conjunct = phrase(ctx, head_first + breaks[-1] + 1, head_last)
        if all(c is not None and c.speaker_type in ("person", "organization") for c in (first_conjunct, last_conjunct)):
            return last_conjunct, verb
    if breaks or len(window) > MAX_SUBJECT_TOKENS:
        if tokens[verb - 1].text == ",":  # `"Q" about the plan, said X`: the words before belong to the quote
            mention = inverted_subject(ctx, verb, last)
            return (mention, verb) if mention else None
        if len(segments) > 1:
            # `"q" they need to win, DFA spokesman Neil Stroud said`: the quote's sentence goes on,
            # and the phrase between the last comma and the verb speaks
            mention = _clean_phrase(ctx, *segments[-1])
            return (mention, verb) if mention else None
        if breaks and len(segments) == 1:
            # `"Q," CBS This Morning anchor DeMarco Morgan said`: a full name right before the verb;
            # `"Q," a spokeswoman for the Harbor Police said`: whom the spokeswoman speaks for
            mention = _clean_phrase(ctx, head_first + breaks[-1] + 1, head_last)
            full_name = mention is not None and mention.speaker_type == "person" and mention.name and " " in mention.name
            if full_name or mention is not None and _speaks_for(window, breaks[-1]):
                return mention, verb
        return None
    mention = phrase(ctx, head_first, head_last)
    for seg_first, seg_last in segments[1:2]:
        mention = prefer_name(ctx, mention, phrase(ctx, seg_first, seg_last))
    mention = plausible(ctx, mention)
    return (mention, verb) if mention else None


def _past_relative_clause(ctx: QuoteContext, first: int, verb: int, last: int) -> int:
    """`"Q," one dock worker, who asked not to be named, said`: a verb inside a relative clause
    set off by commas describes the speaker; the verb after the clause reports the quote (VERB
    when there is none)."""
    tokens = ctx.doc.tokens
    if not any(tokens[k].text.lower() == "who" and tokens[k - 1].text == "," for k in range(first + 1, verb)):
        return verb
    close = next((k for k in range(verb + 1, last) if tokens[k].text == ","), None)
    if close is None:
        return verb
    return next((i for i in range(close + 1, min(last, close + 3)) if verb_at(ctx.classes, i, close + 1)), verb)


def _speaks_for(window: list[Token], k: int) -> bool:
    """`a spokeswoman for`: a role speaking for whoever window[k] leads to."""
    return k > 0 and window[k].text == "for" and is_role_word(window[k - 1].text)


def _clean_phrase(ctx: QuoteContext, first: int, last: int) -> Mention | None:
    """The person or organisation that tokens[first:last] name, when nothing in them breaks a phrase."""
    window = list(ctx.doc.tokens[first:last])
    if len(window) > MAX_SUBJECT_TOKENS or any(breaks_phrase(window, k) for k in range(len(window))):
        return None
    mention = plausible(ctx, phrase(ctx, first, last))
    return mention if mention is not None and mention.speaker_type in ("person", "organization") else None


def inverted_subject(ctx: QuoteContext, verb: int, last: int) -> Mention | None:
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
    mention = phrase(ctx, head_first, head_first + min(stop, MAX_SUBJECT_TOKENS))
    if stop < len(window) and window[stop].text == "and" and bare(window[stop - 1].text) in titles():
        # `said former Gov. and party Chairman Ed Rendell`: two titles joined before one name
        rest = next((k for k in range(stop + 1, len(window)) if breaks_phrase(window, k)), len(window))
        joined = phrase(ctx, head_first + stop + 1, head_first + min(rest, stop + 1 + MAX_SUBJECT_TOKENS))
        mention = joined if joined is not None and joined.speaker_type == "person" else mention
    if len(segments) > 1:
        mention = prefer_name(ctx, mention, phrase(ctx, *segments[1]))
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
