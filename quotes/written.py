"""Names as articles write them: the key that identifies a person or an organisation across
spellings ("Sergey"/"Sergei", "O’Neill"/"O'Neill", initials, accents), whether two keys are one
person, and what the words naming a speaker tell (gender, title, initials, an alias)."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz.distance import JaroWinkler

from .lexicons import forms_of_address, given_names, short_forms, titles, titles_in_names
from .name_runs import strip_possessive
from .words import HONORIFICS, bare, full_title, pronoun_need


SAME_GIVEN_NAME = 0.88  # Jaro-Winkler: Sergei/Sergey 0.93, Jeb/Jed 0.82, Ron/Rand 0.72


def _folded(name: str) -> str:
    """NAME lowercased, without accents (Erdoğan → erdogan), with one apostrophe and one hyphen
    (O’Neill → o'neill, Jo‐Ann → jo-ann)."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).lower()
    return plain.translate(FOLDED_MARKS)


FOLDED_MARKS = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "‐": "-", "‑": "-", "–": "-", "—": "-", "―": "-"})


@lru_cache(maxsize=1 << 16)  # the same names are keyed again and again, as articles and as surnames are settled
def name_key(name: str) -> tuple[str, ...]:
    """The words that identify a name: accents, punctuation, titles and initials removed, but for
    a title that is part of how a person is named with no given name ("Pope Clement", "Admiral
    Vance"), which keeps them apart from other people of that surname."""
    words = re.sub(r"[^a-z0-9' -]", " ", _folded(name)).replace("'s ", " ").split()
    key = tuple(w for w in words if w.rstrip(".") not in titles() and len(w.rstrip(".")) > 1)
    if len(key) == 1 and words[0].rstrip(".") in titles_in_names():
        return (words[0].rstrip("."), *key)
    return key


def organisation_key(name: str) -> tuple[str, ...]:
    """An organisation's words, lowercased and without accents or a leading "the"."""
    words = re.sub(r"[^a-z0-9 -]", " ", _folded(name)).split()
    return tuple(words[1:] if words[:1] == ["the"] else words)


def same_person(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two full-name keys name one person (same surname, compatible given names)."""
    if a == b:
        return True
    if len(a) < 2 or len(b) < 2 or a[-1] != b[-1]:
        return False
    if a[0] == b[0] or set(a) <= set(b) or set(b) <= set(a):
        return True
    return same_given_name(a[0], b[0])


@lru_cache(maxsize=1 << 16)  # a surname's given names are compared pairwise each time it is settled
def same_given_name(a: str, b: str) -> bool:
    """Geoff/Geoffrey, Ed/Edward (a short form), Sergei/Sergey (a transliteration), Hilary/Hillary
    (a slip); but two different known names, such as Ivana and Ivanka, or Daniel and Danielle
    (a man's and a woman's), are two people."""
    if (a, b) in short_forms() or (b, a) in short_forms():
        return True
    if given_names().get(a, "?") != given_names().get(b, "?") and a in given_names() and b in given_names():
        return False  # `Daniel` and `Danielle`: one name of a man's, the other a woman's
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) >= 3 and longer.startswith(shorter) or spelling_key(a) == spelling_key(b):
        return True
    if a in given_names() and b in given_names():
        return False
    return a[0] == b[0] and JaroWinkler.similarity(a, b) >= SAME_GIVEN_NAME


def title_word(mention: str | None, title: str | None) -> str | None:
    """The title a speaker was written with, as one bare word: the last word of TITLE ("former
    President" → "president"), else a title opening MENTION ("Sen. Hale" → "senator"); None for
    none, or for a form of address ("Mr."), which tells a gender at most."""
    words = (title or "").split()[-1:] or (mention or "").split()[:1]
    word = bare(words[0]) if words else ""
    return full_title(word) if word in titles() and word not in HONORIFICS else None


@lru_cache(maxsize=1 << 16)
def spelling_key(word: str) -> str:
    """A word with the letters transliterations disagree on folded together (Sergey → sergei)."""
    for written, folded in (("ph", "f"), ("kh", "h"), ("y", "i"), ("ou", "u")):
        word = word.replace(written, folded)
    return re.sub(r"(.)\1", r"\1", word)


def initials(name: str) -> str:
    """The lowercase initials written before a surname: "J.M. Barlow" → "jm"."""
    return "".join(w[0].lower() for w in re.findall(r"\b([A-Z])\.", name))


def gender_written(mention: str | None) -> str | None:
    """male or female, when the words that name a speaker tell it: "Mrs. Clinton", "she"."""
    if not mention:
        return None
    pronoun = pronoun_need(mention)
    if pronoun in ("male", "female"):
        return pronoun
    gender, _ = forms_of_address().get(bare(mention.split()[0]), (None, None))
    return gender if gender in ("male", "female") else None


def introduced(mention: str | None, title: str | None) -> bool:
    """Whether a quote's speaker was written with a title or a form of address ("Mr. Lew",
    "Sen. Hale", "President Obama": MENTION's first word, or the TITLE extraction kept)."""
    words = (mention or "").split()
    return bool(title) or len(words) > 1 and (bare(words[0]) in titles() or bare(words[0]) in forms_of_address())


def told(namings: Iterable[tuple[str | None, str | None]]) -> tuple[str | None, bool, str | None]:
    """What an article's namings of one speaker, (mention, title) each, tell of who it is: the
    first gender written, whether any came with a title or a form of address, the first title."""
    gender, titled, title = None, False, None
    for mention, written_title in namings:
        gender = gender or gender_written(mention)
        titled = titled or introduced(mention, written_title)
        title = title or title_word(mention, written_title)
    return gender, titled, title


def speaker_alias(written: str | None) -> str | None:
    """How a speaker was written, as an alias to look them up by: without a possessive ending
    ("Trump's" → "Trump"); none for a given name alone ("Donald" names many people)."""
    if not written:
        return None
    alias = strip_possessive(written)
    return None if " " not in alias and alias.lower() in given_names() else alias
