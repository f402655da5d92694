"""The language data in quotes/data/*.txt, each list loaded once through its own function."""
from __future__ import annotations

from functools import cache
from importlib import resources

from .errors import QuotesError


def read_lexicon(name: str) -> list[str]:
    """Return the entries of quotes/data/NAME.txt: one per line, `#` comment lines skipped."""
    try:
        text = resources.files("quotes").joinpath("data").joinpath(f"{name}.txt").read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise QuotesError(f"quotes/data/{name}.txt: language data file missing (reinstall quotes)") from e
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def speech_verbs() -> frozenset[str]:
    return frozenset(read_lexicon("speech_verbs"))


@cache
def naming_verbs() -> frozenset[str]:
    return frozenset(read_lexicon("naming_verbs"))


@cache
def speech_phrases() -> frozenset[tuple[str, str]]:
    return frozenset(tuple(line.split()) for line in read_lexicon("speech_phrases"))


@cache
def prepositions() -> frozenset[str]:
    return frozenset(read_lexicon("prepositions"))


@cache
def leading_conjunctions() -> frozenset[str]:
    return frozenset(read_lexicon("leading_conjunctions"))


@cache
def titles_in_names() -> frozenset[str]:
    return frozenset(read_lexicon("titles_in_names"))


@cache
def subordinators() -> frozenset[str]:
    return frozenset(read_lexicon("subordinators"))


@cache
def locative_prepositions() -> frozenset[str]:
    return frozenset(read_lexicon("locative_prepositions"))


@cache
def place_words() -> frozenset[str]:
    return frozenset(read_lexicon("place_words"))


@cache
def work_titles() -> frozenset[str]:
    return frozenset(read_lexicon("work_titles"))


@cache
def work_title_followers() -> frozenset[str]:
    return frozenset(read_lexicon("work_title_followers"))


@cache
def title_small_words() -> frozenset[str]:
    return frozenset(read_lexicon("title_small_words"))


@cache
def titles() -> frozenset[str]:
    return frozenset(read_lexicon("titles"))


@cache
def organisation_words() -> frozenset[str]:
    return frozenset(read_lexicon("organisation_words"))


@cache
def surname_organisations() -> frozenset[str]:
    return frozenset(read_lexicon("surname_organisations"))


@cache
def pronouns() -> dict[str, str]:
    """Pronoun → the referent it needs (male, female, plural, self)."""
    return dict(line.split("\t") for line in read_lexicon("pronouns"))


@cache
def entity_labels() -> dict[str, str]:
    """NER label → the kind of name it marks (person, organization, place, group)."""
    return dict(line.split("\t") for line in read_lexicon("entity_labels"))


@cache
def abbreviations() -> frozenset[str]:
    return frozenset(read_lexicon("abbreviations"))


@cache
def speaker_adverbs() -> frozenset[str]:
    return frozenset(read_lexicon("speaker_adverbs"))


@cache
def modal_verbs() -> frozenset[str]:
    return frozenset(read_lexicon("modal_verbs"))


@cache
def clause_breaks() -> frozenset[str]:
    return frozenset(read_lexicon("clause_breaks"))


@cache
def non_name_words() -> frozenset[str]:
    return frozenset(read_lexicon("non_name_words"))


@cache
def compound_openers() -> frozenset[str]:
    return frozenset(read_lexicon("compound_openers"))


@cache
def name_particles() -> frozenset[str]:
    return frozenset(read_lexicon("name_particles"))


@cache
def given_names() -> dict[str, str | None]:
    """Given name → gender (male, female), None for a name given to both ("either")."""
    return {name: None if gender == "either" else gender for name, gender in (line.split("\t") for line in read_lexicon("given_names"))}


@cache
def places() -> frozenset[str]:
    return frozenset(read_lexicon("places"))


@cache
def roles() -> frozenset[str]:
    return frozenset(read_lexicon("roles"))


@cache
def sentence_openers() -> frozenset[str]:
    return frozenset(read_lexicon("sentence_openers"))


@cache
def months() -> dict[str, int]:
    return {name: int(number) for name, number in (line.split("\t") for line in read_lexicon("months"))}


@cache
def weekdays() -> dict[str, int]:
    return {name: int(number) for name, number in (line.split("\t") for line in read_lexicon("weekdays"))}


@cache
def boilerplate() -> frozenset[str]:
    return frozenset(read_lexicon("boilerplate"))


@cache
def news_agencies() -> frozenset[str]:
    return frozenset(read_lexicon("news_agencies"))


@cache
def media_words() -> frozenset[str]:
    return frozenset(read_lexicon("media_words"))


@cache
def short_forms() -> frozenset[tuple[str, str]]:
    """(short, full) pairs of given names: ("ed", "edward")."""
    return frozenset(tuple(line.split("\t")) for line in read_lexicon("short_forms"))


@cache
def speech_nouns() -> frozenset[str]:
    return frozenset(read_lexicon("speech_nouns"))


@cache
def documents() -> frozenset[str]:
    return frozenset(read_lexicon("documents"))


@cache
def recordings() -> frozenset[str]:
    return frozenset(read_lexicon("recordings"))


@cache
def title_short_forms() -> dict[str, str]:
    """A title's short form ("sen", "congressman") → the title a description uses ("senator", "representative")."""
    return dict(line.split("\t") for line in read_lexicon("title_short_forms"))


@cache
def determiners() -> dict[str, str]:
    """Determiner → its kind (article, counting, quantity, possessive, possessive_first, demonstrative, relative)."""
    return dict(line.split("\t") for line in read_lexicon("determiners"))


@cache
def forms_of_address() -> dict[str, tuple[str, str]]:
    """Honorific or gendered title → (the gender it tells or "-", honorific | title)."""
    return {word: (gender, kind) for word, gender, kind in (line.split("\t") for line in read_lexicon("forms_of_address"))}
