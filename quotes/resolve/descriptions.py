"""`the senator said`, `the Harbor senator added`: a definite description made of a title is the
person the article has just named with that title ("Sen. Ana Ruiz", "Harbor Sen. Ana Ruiz"), when
the words of the description fit exactly one such person named shortly before it."""
from __future__ import annotations

from ..lexicons import roles, titles
from ..records import Mention
from ..words import bare, full_title
from .referents import ANTECEDENT_WINDOW

MAX_DESCRIPTION_WORDS = 5  # "the presumptive Republican presidential nominee"


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
