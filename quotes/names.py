"""The one grammar of names: which words of a speaker phrase are a name, which a title, and what
kind of speaker the phrase is (where the names of an article's running text begin and end is
quotes/name_runs.py)."""
from __future__ import annotations

import re
from functools import lru_cache

from .authorship import author_span, object_of_description
from .lexicons import (
    clause_breaks,
    documents,
    given_names,
    media_words,
    months,
    name_particles,
    news_agencies,
    organisation_words,
    place_words,
    places,
    prepositions,
    roles,
    speaker_adverbs,
    surname_organisations,
    titles,
    weekdays,
)
from .name_runs import is_initial, nickname_at, strip_possessive
from .records import Mention, Token
from .words import (
    ARTICLES,
    NAME_LINKS,
    DASHES,
    DETERMINERS,
    HONORIFICS,
    NOUN_MARKERS,
    SENTENCE_END,
    bare,
    is_capitalised,
    is_name_word,
    is_people_word,
    is_plural_role,
    is_possessive,
    is_role_word,
    pronoun_need,
)

TITLE_LINKS = frozenset({"named", "called", "known as"})  # "a retired teacher named Tom Hale"
PARTY_TAG = re.compile(r"[RDI]-[A-Z][A-Za-z.]*")  # `R-Wis.`, `D-N.Y.`: a party and a state, no one's name


def parse_mention(text: str, tokens: list[Token]) -> Mention | None:
    """Read a speaker phrase: pronoun, person (name with title), organisation or nominal."""
    if not tokens:
        return None
    # The reading depends only on the phrase itself, and the same names recur in every article:
    # it is cached on the phrase's text, its tokens' words and entity labels, with offsets made
    # relative to its start.
    base = tokens[0].start
    spans = tuple(offset - base for t in tokens for offset in t[:2])
    mention = _parse_phrase(text[base : tokens[-1].end], tuple(t[2] for t in tokens), tuple(t[7] for t in tokens), spans)
    if mention is None:
        return None
    return Mention(mention.start + base, mention.end + base, mention.text, mention.speaker_type, mention.name, mention.title)


@lru_cache(maxsize=4096)  # three in four phrases hit; most misses are phrases met once
def _parse_phrase(phrase: str, words: tuple[str, ...], entities: tuple[str | None, ...], spans: tuple[int, ...]) -> Mention | None:
    tokens = [Token(spans[2 * k], spans[2 * k + 1], word, entity=entity) for k, (word, entity) in enumerate(zip(words, entities))]
    return _read_phrase(phrase, tokens)


def _read_phrase(text: str, tokens: list[Token]) -> Mention | None:
    tokens = _phrase_words(tokens)
    # a phrase never ends in a dangling possessive, a dash or a sentence's final mark (which a
    # parser's sentence may run past: `said Mr. Hale. ''The focus …''`)
    while tokens and (tokens[-1].text in ("'s", "’s") or tokens[-1].text in DASHES or tokens[-1].text in SENTENCE_END):
        tokens = tokens[:-1]
    while tokens and bare(tokens[0].text) in weekdays():
        tokens = tokens[1:]  # `said Monday the mayor`, `Monday`: a day is no speaker
    if not tokens:
        return None
    start, end = tokens[0].start, tokens[-1].end
    phrase = text[start:end]
    if len(tokens) == 1 and pronoun_need(tokens[0].text):
        return Mention(start, end, phrase, "pronoun")
    if len(tokens) == 1 and PARTY_TAG.fullmatch(tokens[0].text):
        return None  # a parse may take the tag after a name for the sentence's subject
    if (author := author_span(tokens)) and (by := _read_phrase(text, tokens[slice(*author)])) and by.speaker_type in ("person", "organization"):
        return Mention(start, end, phrase, by.speaker_type, by.name, by.title)  # `a report by Harbor Watch`: its author's words
    if len(tokens) >= 2 and _text_noun(tokens[-1].text) and _names_an_owner(tokens[-2]):
        owner = tokens[1:-1] if tokens[0].text.lower() in DETERMINERS else tokens[:-1]
        by = _read_phrase(text, owner)
        if by is not None and by.speaker_type in ("person", "organization") and by.name == text[owner[0].start : owner[-1].end]:
            # `the Heritage Foundation website`, `the IMF report`: whose text it is
            return Mention(start, end, phrase, by.speaker_type, by.name, by.title)
    tokens = _before_origin(tokens)
    if len(tokens) >= 2 and bare(tokens[-1].text) in media_words() and is_possessive(tokens[-2].text):
        tokens = tokens[:-1]  # `Hale's Facebook`, `Ruiz's Twitter`: the account's owner speaks
    end = tokens[-1].end
    phrase = text[start:end]
    head = bare(_head_before_of(tokens).text)
    role_of = len(tokens) >= 3 and tokens[-2].text == "of" and (bare(tokens[-3].text) in titles() or bare(tokens[-3].text) in roles())
    # "chief of staff" is a person's role; "Michael Bloomberg" a person whose surname names a company
    given_name_before = (
        head in surname_organisations() and len(tokens) >= 2 and is_capitalised(tokens[-2].text) and bare(tokens[-2].text) in given_names()
    )
    if head in organisation_words() and not role_of and not given_name_before:
        if not any(is_capitalised(token.text) for token in tokens) or len(tokens) == 1 and is_plural_role(tokens[0].text):
            # `the campaign`, `a press release`, `Officials` (capitalised as a sentence's first word): a description
            return Mention(start, end, phrase, "nominal", name=None)
        name = phrase
        if tokens[0].text.lower() == "the":
            name = text[tokens[1].start : end] if len(tokens) > 1 else phrase
        return Mention(start, end, phrase, "organization", name=name)
    name_tokens = _trailing_name(tokens)
    if not name_tokens or all(is_plural_role(t.text) for t in name_tokens):
        return Mention(start, end, phrase, "nominal", name=None)  # a description: `the CEO`, `Attorneys`
    if len(tokens) == 2 and tokens[0].text.lower() == "the" and bare(tokens[1].text) not in given_names():
        # `the Observer`, `the Pentagon`: one capitalised word after "the" names an institution
        return Mention(start, end, phrase, "organization", name=tokens[1].text)
    if object_of_description(tokens, tokens.index(name_tokens[0])):
        return Mention(start, end, phrase, "nominal", name=None)
    name = text[name_tokens[0].start : name_tokens[-1].end]
    if name.lower() in news_agencies():
        return Mention(start, end, phrase, "organization", name=name)  # `Xinhua`, `Agence France-Presse`: no person
    return Mention(start, end, phrase, "person", name=name, title=_title(text[start : name_tokens[0].start]))


def _text_noun(word: str) -> bool:
    """`report`, `website`: a lowercase noun for a text, whose words are its owner's when a name comes first."""
    return word.islower() and bare(word) in documents()


def _names_an_owner(token: Token) -> bool:
    """A capitalised word before a text's noun that names who owns it, not the medium it is on
    (`the school's Facebook post`)."""
    return is_capitalised(token.text) and not is_possessive(token.text) and bare(token.text) not in media_words()


def organisation_name(tokens: list[Token]) -> str | None:
    """The name of the organisation a phrase read as one is headed by (with the capitalised "of …"
    after its head): the capitalised words right before the head and the words linking them
    ("the Harbor Board of Elections", "the Sanders campaign", "the State Department’s" → "State
    Department"). It stops at a determiner, an adverb ("Now Bloomberg"), any other lowercase word
    ("a report by the council" is no name), a role before "of" and a title or form
    of address before a person's name in the possessive ("Sen. Ana Ruiz’s office" → "Ana Ruiz’s
    office"). None when no capitalised word names it (`the campaign`, `her group`), when the
    only one opens the phrase before a lowercase head, capitalised as the sentence's first word
    (`Local news`), or when a preposition comes before the name (`some on Twitter`, `members of
    Congress`): the phrase then describes someone else."""
    tokens = _phrase_words(tokens)
    if not tokens:
        return None
    head = tokens.index(_head_before_of(tokens))
    first = head
    while first > 0:
        word = tokens[first - 1].text
        if word.lower() in NAME_LINKS and first - 1 > 0 and _in_organisation_name(tokens, first - 2, head):
            first -= 1
        elif _in_organisation_name(tokens, first - 1, head):
            first -= 1
        else:
            break
    before = first - 1
    while before >= 0 and tokens[before].text.lower() in ARTICLES:
        before -= 1
    if before >= 0 and (tokens[before].text.lower() in prepositions() or tokens[before].text.lower() in NAME_LINKS):
        return None  # `some on Twitter`, `members of Congress`, `CEO of the Harbor Trust`: who is described is no organisation
    words = [token.text for token in tokens[first:]]
    words[-1] = strip_possessive(words[-1])  # `the State Department’s spokesman`: the department
    if len(words) > 1 and _text_noun(words[-1]):
        words.pop()  # `the Heritage Foundation website`: the foundation whose text it is
        if bare(words[-1]) in media_words():
            return None  # `the school's Facebook post`: a text on a medium, whose author is not named here
    capitalised = [k for k, word in enumerate(words) if is_capitalised(word)]
    if not capitalised:
        return None
    if capitalised == [0] and first == 0 and not is_capitalised(tokens[head].text) and not is_possessive(tokens[0].text):
        return None
    return " ".join(words)


def _in_organisation_name(tokens: list[Token], k: int, head: int) -> bool:
    """Whether tokens[k] can be a word of the name of the organisation headed by tokens[head]."""
    word, lower = tokens[k].text, bare(tokens[k].text)
    if not is_capitalised(word) or lower in DETERMINERS or lower in NOUN_MARKERS or lower in speaker_adverbs():
        return False
    following = tokens[k + 1].text
    if lower in roles() and following.lower() in NAME_LINKS:
        return False  # `CEO of the Harbor Trust`
    names_owner = any(is_possessive(token.text) for token in tokens[k + 1 : head])
    return not (names_owner and (lower in titles() or lower in HONORIFICS))


def _head_before_of(tokens: list[Token]) -> Token:
    """The word a phrase is about: its last, or the organisation word before a capitalised "of"
    phrase (`the Harbor Board of Elections`, `the Bank of Harbor City`)."""
    for k in range(len(tokens) - 2, 0, -1):
        if links_organisation_name(tokens, k) and _capitalised_name(tokens[k + 1 :]):
            return tokens[k - 1]
    return tokens[-1]


def _capitalised_name(tokens: list[Token]) -> bool:
    """Capitalised words, an "and" or "&" joining two of them (`Health and Human Services`)."""
    return all(is_capitalised(t.text) or t.text in ("and", "&") and 0 < k < len(tokens) - 1 for k, t in enumerate(tokens))


def links_organisation_name(tokens, i: int) -> bool:
    """Whether tokens[i] is the "of" (or "to") inside an organisation's name: `Board of
    Elections`, `Committee to Protect Journalists`."""
    return tokens[i].text in ("of", "to") and bare(tokens[i - 1].text) in organisation_words() and is_capitalised(tokens[i + 1].text)


def _title(words_before_name: str) -> str | None:
    """ "the former Gov." → "former Gov."; "a retired teacher named" → "retired teacher"; "Mr." →
    None (a form of address, not a title or role). "spokesman for" keeps its "for": the name is
    whom the spokesman speaks for."""
    words = words_before_name.split()
    while words and words[0].lower() in DETERMINERS:
        words.pop(0)
    while words:
        if words[-1].lower() in DETERMINERS or words[-1].lower() in TITLE_LINKS:
            words.pop()
        elif " ".join(words[-2:]).lower() in TITLE_LINKS:
            del words[-2:]
        else:
            break
    if all(bare(word) in HONORIFICS for word in words) or not reads_as_title(words):
        return None
    return " ".join(words)


def reads_as_title(words: list[str]) -> bool:
    """Words before a name make a title when they end in a title, role or organisation word
    ("Ohio Gov.", "Clinton campaign spokesman", "House Republican") or in an owner's possessive
    ("Breitbart’s"); not an age ("24-year-old"), a place ("Chicago"), a mood ("angry") or a
    contraction ("Here’s")."""
    head = words[-1] if words else ""
    if is_possessive(head):
        return is_capitalised(head) and bare(head) not in clause_breaks() and not pronoun_need(head)
    return is_role_word(head) or bare(head) in HONORIFICS


def _phrase_words(tokens: list[Token]) -> list[Token]:
    """A phrase's tokens without its parenthesised asides, commas and semicolons."""
    return [t for t in _outside_parentheses(tokens) if t.text not in ",;"]


def _outside_parentheses(tokens: list[Token]) -> list[Token]:
    """Drop parenthesised asides such as a party tag: `Harry M. Reid (D-Nev.)`."""
    kept, depth = [], 0
    for token in tokens:
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth = max(0, depth - 1)
        elif not depth:
            kept.append(token)
    return kept


def _before_origin(tokens: list[Token]) -> list[Token]:
    """`Sen. Ben Cardin of Maryland` → `Sen. Ben Cardin`, `Dana Wells for the Harbor Poll` → `Dana
    Wells`: a name ends where "of", "from" or "for" follows it (a spokesman for someone names no
    one before "for")."""
    for k in range(1, len(tokens) - 1):
        if tokens[k].text in ("of", "from", "for") and _trailing_name(tokens[:k]):
            # `RNC Chief of Staff Katie Welsh`: a title before "of" continues into the name after it
            title_goes_on = bare(tokens[k - 1].text) in titles() and _trailing_name(tokens[k + 1 :])
            if bare(tokens[k - 1].text) not in organisation_words() and not title_goes_on:
                return tokens[:k]
    return tokens


def _trailing_name(tokens: list[Token]) -> list[Token]:
    """The name at the end of a phrase: capitalised words after the last title or place word (and
    a nickname in marks between them, `Marcia "Cia" Price`)."""
    run: list[Token] = []
    k = len(tokens)
    while k > 0:
        k -= 1
        token = tokens[k]
        if run and k >= 3 and nickname_at(tokens, k - 2):
            run[:0] = tokens[k - 2 : k + 1]
            k -= 2
            continue
        word = bare(token.text)
        if (word in titles() or run and word.endswith("s") and word[:-1] in titles()) and not _surname_like_title(tokens, k, run):
            break  # a title, or titles before joined names ("Reps. Chris Collins and Tom Reed")
        given_name = word in given_names() and len(run) == 1 and is_capitalised(token.text)  # `Virginia Foxx`
        if (word in places() and not given_name or word in roles()) and run:
            break
        if not (is_name_word(token) or _month_word_in_name(tokens, k, run)) or (is_possessive(token.text) and run):
            break
        run.insert(0, token)
    while run and run[0].text in name_particles() and run[0] is not tokens[0]:
        run.pop(0)  # "envoy de Mistura" keeps "de" only when the phrase starts with it
    if not run or not any(is_capitalised(t.text) for t in run):
        return []
    addressed = len(run) < len(tokens) and bare(tokens[-len(run) - 1].text) in HONORIFICS
    if all(bare(t.text) in roles() or bare(t.text) in documents() for t in run) and not addressed:
        return []  # `CEO`, `Republican`, `Transcript`: a role or a text, however it is capitalised ("Mr. Singer" is a name)
    words = " ".join(bare(t.text) for t in run)
    # `Harbor Park` is a place, `Lena Park` a given name and a surname that is also a place's word
    given_and_surname = len(run) == 2 and bare(run[0].text) in given_names()
    if words in places() or all(bare(t.text) in places() for t in run) or bare(run[-1].text) in place_words() and not given_and_surname:
        return []  # `Iran`: a place
    if is_people_word(run[-1].text) or is_plural_role(run[-1].text):
        return []  # `Syrians`, `Harbor Americans`, `Harbor Republicans`: a people or a group
    return _person_name_part(run)


def _month_word_in_name(tokens: list[Token], k: int, run: list[Token]) -> bool:
    """`Theresa May`, `Jan Brewer`: a month's name written as a name, before a surname or after a
    given name (a date has a number or a period: "May 5", "Jan. 5")."""
    word = tokens[k].text
    if not (is_capitalised(word) and word.isalpha() and word.lower() in months()):
        return False
    return bool(run) or k > 0 and bare(tokens[k - 1].text) in given_names()


def _surname_like_title(tokens: list[Token], k: int, run: list[Token]) -> bool:
    """`Mr. Singer`, `Peter T. King`: a title word that ends a name is a surname, unless it is
    also a role ("a Harbor County Democrat")."""
    if not is_capitalised(tokens[k].text) or k == 0 or bare(tokens[k].text) in roles():
        return False
    before = tokens[k - 1]
    if bare(before.text) in HONORIFICS:
        return True
    return not run and is_name_word(before) and bare(before.text) not in titles()


def _person_name_part(run: list[Token]) -> list[Token]:
    """At most the last three words of a long capitalised run, from a given name where one is known.

    "New York City Public Advocate Trish Jarvis" is mostly a title; names are rarely longer.
    """
    nickname = {i + d for i in range(len(run)) if nickname_at(run, i) for d in range(3)}
    core = [i for i, t in enumerate(run) if t.text not in name_particles() and not is_initial(t.text) and i not in nickname]
    if len(core) <= 3:
        return run
    given = [i for i in core if bare(run[i].text) in given_names()]
    before_surname = [i for i in given if i < core[-1]]
    if not before_surname:
        return run[core[-2] :]
    start = before_surname[-1]
    while start - 1 in given:  # `Juan Carlos Rivera Soto`: given names in a row
        start -= 1
    return run[start:]
