"""Who a name or a pronoun stands for within one article: a lone surname's fullest form, a
he or she's antecedent. Both look only at what is near or indexed, so that an article's work
grows with its length."""
from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..lexicons import forms_of_address, given_names, organisation_words
from ..records import Mention
from ..words import HONORIFICS, bare, pronoun_need

ANTECEDENT_WINDOW = 3  # paragraphs searched back for a pronoun's antecedent


@dataclass(frozen=True, slots=True)
class NameMention:
    """A person's name written in the article outside quotes."""

    start: int
    end: int
    name: str
    paragraph: int
    gender: str | None
    speaks: bool = False  # right before a speech verb: "Viguerie argues"
    oblique: bool = False  # "Trump's campaign manager", "an interview with Hale": a name that is not the sentence's subject
    fuller_form_only: bool = False  # named in a headline or inside quotes: no pronoun refers back to it
    title: str | None = None  # the title it is named with ("Florida Sen."), for "the senator" to find it
    words: tuple[str, ...] = field(init=False, repr=False)  # the name's words, bare, for matching

    def __post_init__(self) -> None:
        object.__setattr__(self, "words", tuple(bare(word) for word in self.name.split()))


def gender_of(name: str, title: str | None) -> str | None:
    """male, female or None, from a gendered title ("Mrs.") or a known given name."""
    for word in (title or "").split():
        gender, _ = forms_of_address().get(bare(word), ("-", None))
        if gender != "-":
            return gender
    words = name.split()
    if len(words) < 2:  # a lone "Clinton" is a surname, whatever given name it looks like
        return None
    return given_names().get(words[0].lower())


class Antecedents:
    """The people a he/she can refer back to, kept in text order as attribution adds speakers.

    Each pronoun looks back from its own position only, sentence by sentence, so that an article's
    work grows with its length, not with its length squared. The look-back is bounded
    (LOOKBACK_SENTENCES, LOOKBACK_NAMES): well beyond what the paragraph window lets a pronoun
    reach in news text, it keeps a pathological input (one endless paragraph of names) linear.
    """

    def __init__(self, names: Iterable[NameMention], sentence_of, subject_pronouns: dict[str, list[int]]) -> None:
        self.sentence_of = sentence_of
        self.names = sorted(names, key=lambda n: n.start)
        self.starts = [n.start for n in self.names]
        # sentence → where a he (or a she) first occurs in it, outside quotes
        self.first_pronoun: dict[str, dict[int, int]] = {gender: {} for gender in subject_pronouns}
        for gender, offsets in subject_pronouns.items():
            for offset in offsets:
                self.first_pronoun[gender].setdefault(sentence_of(offset), offset)

    def add(self, name: NameMention) -> None:
        """A speaker found by attribution; after any name already at its position."""
        k = bisect_right(self.starts, name.start)
        self.starts.insert(k, name.start)
        self.names.insert(k, name)

    def before(self, position: int, paragraph: int, gender: str) -> Iterator[list[NameMention]]:
        """The names of GENDER (or of none known) before POSITION within the paragraph window, a
        sentence at a time from the nearest back, each sentence's names in text order."""
        k = bisect_right(self.starts, position - 1)
        sentence, group, seen = None, [], 0
        last_sentence = self.sentence_of(position)
        while k > 0 and seen < LOOKBACK_NAMES:
            k -= 1
            seen += 1
            name = self.names[k]
            at = self.sentence_of(name.start)
            if last_sentence - at > LOOKBACK_SENTENCES:
                break
            if paragraph - name.paragraph > ANTECEDENT_WINDOW or name.gender not in (None, gender):
                continue
            if at != sentence and group:
                yield group[::-1]
                group = []
            sentence = at
            group.append(name)
        if group:
            yield group[::-1]


LOOKBACK_SENTENCES = 200
LOOKBACK_NAMES = 2000


def latest_full_form(name: NameMention, antecedents: Antecedents, gender: str, text: str) -> str | None:
    """The full name last written, before NAME, with NAME's surname alone: whom a lone surname
    stands for in the article's running account (`Homeland Security Secretary Jeh Johnson … Johnson
    said … he said` is Jeh, in an article that names Gary Johnson more often)."""
    if len(name.words) != 1:
        return None
    k = bisect_right(antecedents.starts, name.start - 1)
    return next(
        (
            n.name for n in map(antecedents.names.__getitem__, range(k - 1, -1, -1))
            if len(n.words) > 1 and n.words[-1] == name.words[0] and n.words[0] not in organisation_words()  # not `Team Trump`
            and n.gender in (None, gender) and not n.oblique and not _set_off_by_commas(text, n)
        ),
        None,
    )


def resolve_pronoun(mention: Mention, position: int, paragraph: int, antecedents: Antecedents) -> NameMention | None:
    """The person a he/she at POSITION refers to.

    Sentences are searched from the nearest back; within one, a name right before a speech verb
    wins ("For Cruz it is late, Viguerie argues"), then the first name that is neither a possessive
    ("Reyes's adviser, Hale, spoke") nor a preposition's object ("In an interview with Harbor
    Radio, Hale said he …"), since the subject of a sentence is the likeliest antecedent
    ("Zarate, adviser to Bush, said. "Q," he said").
    A sentence where the same pronoun comes before any name ("Asked who leads, he said Ryan")
    is about the same person, whose name lies further back: it is passed over.
    """
    need = pronoun_need(mention.text)
    if need not in ("male", "female"):
        return None
    first_pronoun = antecedents.first_pronoun[need]
    for group in antecedents.before(position, paragraph, need):
        chosen = group[0]
        for c in group[1:]:
            if c.speaks and not chosen.speaks or chosen.oblique and not c.oblique and not chosen.speaks:
                chosen = c
        pronoun_at = first_pronoun.get(antecedents.sentence_of(chosen.start), position)
        if pronoun_at >= position or pronoun_at >= chosen.start:
            return chosen
    return None


class NameIndex:
    """The article's person names by surname, and its full names by their first word too."""

    def __init__(self, names: Iterable[NameMention] = ()) -> None:
        self.by_surname: dict[str, list[NameMention]] = {}
        self.by_first: dict[str, list[NameMention]] = {}
        self.fullest: dict[tuple[str, str | None], str] = {}  # fullest_form's answers: a person is named again and again
        for name in names:
            self.add(name)

    def add(self, name: NameMention) -> None:
        self.fullest.clear()
        self.by_surname.setdefault(name.words[-1], []).append(name)
        if len(name.words) > 1:
            self.by_first.setdefault(name.words[0], []).append(name)

    def __iter__(self) -> Iterator[NameMention]:
        return (name for group in self.by_surname.values() for name in group)


def fullest_form(name: str, names: NameIndex, gender: str | None = None) -> str:
    """The fullest way the article writes NAME ("Kerry" → "John Kerry"); see below when several."""
    key = (name, gender)
    if key not in names.fullest:
        names.fullest[key] = _fullest_form(name, names, gender)
    return names.fullest[key]


def fullest_form_here(name: str, names: NameIndex, gender: str | None, paragraph: int, position: int, text: str) -> str:
    """As fullest_form, but a lone surname whose paragraph has just named one of its full forms
    as a subject, and only one, is that one; failing any there, the paragraph before ("Harbor
    Secretary Ana Hale says … / Hale said", in an article that names Tom Hale more often). Not a
    relative named in passing ("His wife, Ana Hale, asked him … Hale said" is still Tom Hale)."""
    words = name.split()
    if len(words) == 1:
        subjects = [
            n for n in names.by_surname.get(bare(words[0]), ())
            if len(n.words) > 1 and n.start < position and (gender is None or n.gender in (None, gender))
            and not n.oblique and not _set_off_by_commas(text, n)
        ]
        for where in (paragraph, paragraph - 1):
            here = {n.name for n in subjects if n.paragraph == where}
            if here:
                return here.pop() if len(here) == 1 else fullest_form(name, names, gender)
    return fullest_form(name, names, gender)


def _set_off_by_commas(text: str, name: NameMention) -> bool:
    """`His wife, Ana Hale, asked`, `… about her son, Humayun Khan.`: a name in apposition, set
    off by a comma before it and a comma or the sentence's end after it."""
    return text[: name.start].rstrip().endswith(",") and text[name.end : name.end + 2].lstrip()[:1] in (",", ".", ";")


def _addressed_as(words: tuple[str, ...], names: NameIndex) -> str | None:
    """The gender of a lone surname that the article addresses with honorifics of one gender only
    ("Mr. Hale", never "Mrs." or "Ms. Hale"): "President Hale" and "Hale" are then that man, not
    the one Hale the article names in full ("Ana Hale")."""
    if len(words) != 1:
        return None
    addresses = (bare(n.title) for n in names.by_surname.get(words[0], ()) if len(n.words) == 1 and n.title)
    genders = {forms_of_address()[word][0] for word in addresses if word in HONORIFICS} - {"-"}
    return genders.pop() if len(genders) == 1 else None


def _fullest_form(name: str, names: NameIndex, gender: str | None) -> str:
    words = tuple(bare(w) for w in name.split())
    if not words:
        return name
    by_surname = names.by_surname
    fuller = [n for n in by_surname.get(words[-1], ()) if len(n.words) > len(words) and set(words) <= set(n.words)]
    if not fuller and len(words) == 1:
        fuller = list(names.by_first.get(words[0], ()))
        if words[0] not in given_names():
            # A family name written first ("Wu Meiling", then "Ms. Wu"): introduced before the lone
            # form, as news introduces a person, unlike what is named after them ("Hale Stadium")
            alone = min((n.start for n in by_surname.get(words[0], ())), default=-1)
            fuller = [n for n in fuller if len(n.words) == 2 and n.start < alone]
    # The forms of the right gender, or of none known ("Ms. Harlan" is Lee Harlan, "Lee" being
    # either); never one of the other ("Mr. Hale" is no Ana Hale, whoever else is named).
    gender = gender or _addressed_as(words, names)
    fuller = [n for n in fuller if gender is None or n.gender in (None, gender)]
    if not fuller:
        return name
    distinct = {n.name for n in fuller}
    if len(distinct) == 1:
        return distinct.pop()
    # Several forms: one that starts with a known given name ("Jared Sefton", not a sentence's
    # "See Sefton"), then the one the article names most often, then the one it introduced
    # first: news writes a lone surname for the person it is about, and names a relative in
    # full ("Hale" is Tom, however recently "his wife, Ana Hale" was named).
    counts = Counter(n.name for n in fuller)
    introduced = {}
    for n in sorted(fuller, key=lambda n: n.start):
        introduced.setdefault(n.name, -n.start)
    return max(distinct, key=lambda name: (name.split()[0].lower() in given_names(), counts[name], introduced[name]))
