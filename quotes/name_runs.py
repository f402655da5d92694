"""Names in running text: where a run of capitalised words that names someone starts and ends,
and the small readings of a name that both the name grammar (quotes/names.py) and the article's
runs (quotes/resolve/people.py) need: a nickname in marks, an initial, a possessive."""
from __future__ import annotations

from .lexicons import given_names, locative_prepositions, name_particles, prepositions, speech_verbs, titles
from .words import CLOSING_MARKS, OPENING_MARKS, bare, is_capitalised, is_name_word


def is_initial(word: str) -> bool:
    return len(word) == 2 and word[0].isupper() and word[1] == "."


def starts_name(tokens, i: int, quoted: list[bool], sentence_firsts: frozenset[int], lowercase_words: frozenset[str]) -> bool:
    """Whether tokens[i] can open a name: capitalised, outside quotes, no title word, and not an
    ordinary word that is capitalised only because it opens the sentence."""
    word = tokens[i].text
    if quoted[i] or not is_capitalised(word) or bare(word) in titles():
        return False
    lower = word.lower()
    ordinary = lower in lowercase_words or lower in speech_verbs() or lower.endswith("ing") or lower in prepositions() or lower in locative_prepositions()
    if i in sentence_firsts and ordinary and lower not in given_names():
        return False  # `Said Ana Ruiz, …`, `Following Hale's loss, …`: a sentence's opening word, not a name's
    return True


def continues_name(tokens, j: int, last: int) -> bool:
    """Whether tokens[j] goes on with the name before it."""
    word = tokens[j].text
    if is_capitalised(word) or (is_name_word(tokens[j]) and "-" in word):  # al-Beik
        # a title word after a given name, or ending a name, is a surname: "Curtis King",
        # "Nora Pemberton White," (but "White House")
        ends_name = j + 1 >= last or not is_capitalised(tokens[j + 1].text)
        return bare(word) not in titles() or bare(tokens[j - 1].text) in given_names() or ends_name and bare(tokens[j - 1].text) not in titles()
    return word in name_particles() and j + 1 < last and is_capitalised(tokens[j + 1].text)


def nickname_at(tokens, k: int) -> bool:
    """Whether tokens[k] opens a nickname in marks inside a person's name: one capitalised word
    between a given name (or an initial) and a surname, `Marcia "Cia" Price`, `Robert C. “Bobby”
    Scott`."""
    if not 0 < k < len(tokens) - 3 or tokens[k].text not in OPENING_MARKS or tokens[k + 2].text not in CLOSING_MARKS:
        return False
    given, nickname, surname = tokens[k - 1].text, tokens[k + 1].text, tokens[k + 3].text
    return (
        (given.isalpha() or is_initial(given)) and is_capitalised(given)
        and nickname.isalpha() and is_capitalised(nickname)
        and surname[:2].isalpha() and is_capitalised(surname)
        and tokens[k + 1].start == tokens[k].end and tokens[k + 2].start == tokens[k + 1].end  # `"Cia"`, not `" Cia "`
    )


def in_marks(tokens, i: int, j: int, first: int, last: int) -> bool:
    """Whether tokens[i:j] is all there is between quote marks: a title ("On ABC's “Good Morning
    America”"), which names no person."""
    k = j
    while k < last and tokens[k].text in (",", "."):
        k += 1
    return i > first and tokens[i - 1].text in OPENING_MARKS and k < last and tokens[k].text in CLOSING_MARKS


def strip_possessive(name: str) -> str:
    """ "Ruiz's" → "Ruiz"."""
    for ending in ("'s", "’s"):
        if name.endswith(ending):
            return name[: -len(ending)]
    return name


def without_common_words(name: str, lowercase_words: frozenset[str]) -> str:
    """Drop leading words the article also writes in lowercase ("Sitting", "Now", "Founder"):
    capitalised only because they open a sentence or a title. Known given names stay."""
    words = name.split()
    while words and words[0].lower() in lowercase_words and words[0].lower() not in given_names():
        words.pop(0)
    return " ".join(words)
