"""`the senator said`, `the Harbor senator added`, `the Democrat said`, `the 62-year-old said`: a
definite description made of a title is the person the article has just named with that title
("Sen. Ana Ruiz", "Harbor Sen. Ana Ruiz", "Lena Ortiz, a Democrat,", "Tom Hale, 62,"), when the
words of the description fit exactly one such person named shortly before it."""
from __future__ import annotations

import re

from ..lexicons import prepositions, roles, titles
from ..authorship import DESCRIPTION_LINKS
from ..records import Mention
from ..words import ARTICLES, POSSESSIVE_DETERMINERS, bare, full_title, is_possessive
from .referents import ANTECEDENT_WINDOW

MAX_DESCRIPTION_WORDS = 5  # "the presumptive Republican presidential nominee"
AGE = re.compile(r"\d{1,3}-year-old")  # `the 62-year-old`, as `Tom Hale, 62,` describes him


def described_after(tokens, j: int) -> str:
    """What an apposition right after a name (ending at tokens[j]) says the person is: `Tom
    Hale, 62,` → "62-year-old"; `Lena Ortiz, a Democrat,` → "Democrat"; `Tom Hale, the port
    director,` → "port director", `a spokesman for the port authority,` → "spokesman"; "" when
    it says no title, role or age."""
    if not (j + 2 < len(tokens) and tokens[j].text == ","):
        return ""
    word = tokens[j + 1].text
    if word.isdigit() and len(word) <= 3 and tokens[j + 2].text in APPOSITION_ENDS:
        return f"{word}-year-old"
    if word.lower() not in ARTICLES:
        return ""
    k = j + 2
    while k < len(tokens) and k - j <= MAX_APPOSITION_WORDS and tokens[k].text.isalpha():
        k += 1
    if not (k == len(tokens) or tokens[k].text in APPOSITION_ENDS):
        return ""
    described = [token.text for token in tokens[j + 2 : k]]
    linked = next((n for n, word in enumerate(described) if word in DESCRIPTION_LINKS or word in prepositions()), len(described))
    described = described[:linked]  # `a spokesman for the port authority`: a spokesman
    return " ".join(described) if described and (bare(described[-1]) in titles() or bare(described[-1]) in roles()) else ""


def described_before(tokens, i: int, first: int) -> str:
    """What a description set off right before a name (starting at tokens[i]) says the person is:
    `The mayor, Ana Ruiz,` → "mayor"; `the company's chief executive, Tom Hale,` → "chief
    executive"; "" when the words before the comma end in no title or role, or are no
    description opened by an article or a possessive."""
    if not (i - 2 >= first and tokens[i - 1].text == "," and _is_title_word(tokens[i - 2].text)):
        return ""
    k = i - 2
    while k > first and i - 1 - k < MAX_APPOSITION_WORDS and tokens[k - 1].text.isalpha() and tokens[k - 1].text.islower() and tokens[k - 1].text.lower() not in ARTICLES:
        k -= 1
    opener = tokens[k - 1].text if k > first else ""
    if not (opener.lower() in ARTICLES or is_possessive(opener) or opener.lower() in POSSESSIVE_DETERMINERS):
        return ""
    return " ".join(token.text for token in tokens[k : i - 1])


def _is_title_word(word: str) -> bool:
    return word.isalpha() and word.islower() and (bare(word) in titles() or bare(word) in roles())


APPOSITION_ENDS = frozenset({",", ".", ";"})
MAX_APPOSITION_WORDS = 8  # `a spokesman for the Harbor Port Authority`


def titled_words(title: str | None) -> frozenset[str]:
    """The words of a title a person was named with, as a description would use them."""
    return frozenset(full_title(word) for word in (title or "").split())


def described_title(mention: Mention) -> tuple[str, frozenset[str]] | None:
    """(title, the words before it that tell who) of a definite description made of a title
    ("the Harbor senator" → ("senator", {"harbor"})); None for anything else, a plural ("the
    senators"), or a description that goes on ("the senator from Ohio", "the senator's aide").
    The words that tell who are the capitalised ones (a place, a party) and "former"; the others
    ("the longtime senator") only describe."""
    words = mention.text.split()
    if not (2 <= len(words) <= MAX_DESCRIPTION_WORDS and words[0].lower() == "the"):
        return None
    head = words[-1]
    if AGE.fullmatch(head):
        return head, frozenset()
    if not head.isalpha() or bare(head) not in titles() and bare(head) not in roles() or bare(head) in UNNAMED_HEADS:
        return None  # a plural, an organisation ("the campaign"), or a source left unnamed on purpose
    if any(word.lower() in COUNTING_WORDS for word in words[1:-1]):
        return None  # `the second official`: one of several, unnamed
    telling = frozenset(full_title(word) for word in words[1:-1] if word[:1].isupper() or word.lower() in TELLING_WORDS)
    return full_title(head), telling


TELLING_WORDS = frozenset({"former"})  # "the former president" is not the president
UNNAMED_HEADS = frozenset({"official", "person", "source"})  # "the source", "the official": unnamed on purpose
COUNTING_WORDS = frozenset({"another", "first", "other", "second", "third"})


def described_person(mention: Mention, paragraph: int, people: list[tuple[int, int, str, frozenset[str]]]) -> str | None:
    """The person MENTION describes: looking back from it, in its PARAGRAPH and the few before it
    (as far as a pronoun looks), the nearest person named whose titles so far in the article fit
    the description ("President Tom Hale … Hale said … the president added"), passing over people
    titled otherwise ("Gov. Ana Ruiz met Sen. Tom Hale … the governor said");
    none when a person named on the way has had no title (whom "the president" means cannot be
    told). PEOPLE: (offset, paragraph, name, title words) of each naming of a person, in text order."""
    described = described_title(mention)
    if described is None:
        return None
    head, telling = described
    before = [(start, where, name, words) for start, where, name, words in people if start < mention.start]
    titles: dict[str, frozenset[str]] = {}  # how the article has titled each person so far
    for _, _, name, words in before:
        titles[name] = titles.get(name, frozenset()) | words
    nearby = [name for _, where, name, _ in before if paragraph - ANTECEDENT_WINDOW < where <= paragraph]
    for name in reversed(nearby):
        if head in titles[name] and telling <= titles[name]:
            return name
        if not titles[name]:
            return None
    return None
