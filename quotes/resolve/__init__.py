"""One name per speaker: pronouns to their antecedent, short forms to the fullest form written."""
from __future__ import annotations

import re
from bisect import bisect_right, insort
from operator import attrgetter

from ..authorship import author_span
from ..context import QuoteContext, tokens_inside
from ..lexicons import entity_labels, given_names
from ..name_runs import strip_possessive, without_common_words
from ..names import organisation_name
from ..records import Attribution, Mention, Token
from ..words import HONORIFICS, bare, determiners_of, positions, pronoun_need, without_contraction
from .descriptions import described_person, titled_words
from .groups import group_before
from .organisations import OrganisationMention, Organisations, find_organisations
from .people import capitalised_runs, find_name_mentions, full_names_elsewhere, lone_capitalised, opening_plural
from .referents import Antecedents, NameIndex, NameMention, fullest_form, fullest_form_here, gender_of, latest_full_form, resolve_pronoun

SUBJECT_PRONOUNS = {"he": "male", "He": "male", "HE": "male", "she": "female", "She": "female", "SHE": "female"}
SUBJECT_PRONOUN_INITIALS = frozenset(pronoun[0] for pronoun in SUBJECT_PRONOUNS)
SINGLE_DETERMINERS = determiners_of("article", "counting")  # "a senior official", "one aide"


def resolve_attributions(ctx: QuoteContext, found: dict[int, Attribution]) -> dict[int, tuple[str | None, str]]:
    """Quote index → (speaker name, speaker type), pronouns resolved and names in their fullest form."""
    quoted = tokens_inside(ctx.doc, ((quote.start, quote.end) for quote in ctx.quotes))
    runs = capitalised_runs(ctx, quoted)
    names = NameIndex(find_name_mentions(ctx, runs, [a.mention for a in found.values()]))
    for name in full_names_elsewhere(ctx, names):
        names.add(name)

    def sentence_of(offset: int) -> int:
        return bisect_right(ctx.sentence_starts, offset)

    # the organisations an article names are read only for an article where "it" speaks
    said_it = any(a.mention.speaker_type == "pronoun" and pronoun_need(a.mention.text) == "organisation" for a in found.values())
    organisations = Organisations(find_organisations(ctx, runs) if said_it else [], sentence_of)

    paragraph_starts = [paragraph.start for paragraph in ctx.doc.paragraphs]
    resolved: dict[int, tuple[str | None, str]] = {}
    antecedents = Antecedents((n for n in names if not n.fuller_form_only), sentence_of, _subject_pronouns(ctx.doc.tokens, quoted))
    people = sorted((n.start, n.paragraph, fullest_form(n.name, names), titled_words(n.title)) for n in names if not n.fuller_form_only)
    for index in sorted(found):
        attribution = found[index]
        mention = attribution.mention
        quote = ctx.quotes[index]
        position = min(mention.start, quote.open)
        here = bisect_right(paragraph_starts, mention.start) - 1  # the mention's paragraph
        if mention.speaker_type == "pronoun" and pronoun_need(mention.text) == "organisation":
            name = organisations.before(position)  # `The Harbor Port Authority … It said`
            speaker = (name, "organization") if name else (None, "unknown")
        elif mention.speaker_type == "pronoun" and pronoun_need(mention.text) == "plural" and (group := group_before(ctx, position, quoted)):
            speaker = (_without_article(group), "nominal")  # `Two port officials briefed reporters. They said`
        elif mention.speaker_type == "pronoun":
            # The pronoun's own paragraph bounds the search: quote paragraphs that carry on an
            # earlier "He then set out his questions:" share its antecedent, however far the chain runs.
            antecedent = resolve_pronoun(mention, position, min(quote.paragraph, here), antecedents)
            gender = pronoun_need(mention.text)
            name = antecedent and (latest_full_form(antecedent, antecedents, gender, ctx.doc.text) or fullest_form(antecedent.name, names, gender))
            speaker = (name, "person") if name else (None, "unknown")
        elif mention.speaker_type == "person" and mention.name:
            name = strip_possessive(mention.name)
            if fullest_form(name, names) == name:  # "said Small" keeps Small when "Jane Small" is named
                name = without_common_words(name, ctx.lowercase_words)
            gender = gender_of(name, mention.title or _honorific(mention.text)) if name else None
            speaker = (fullest_form_here(name, names, gender, here, mention.start, ctx.doc.text), "person") if name else (None, "unknown")
            if mention.text == speaker[0] and opening_plural(ctx, ctx.token_at(mention.start), speaker[0]):
                speaker = (speaker[0], "nominal")
            elif speaker[0] == name and (_named_as_organisation(ctx, mention) or _acronym(name, mention, attribution.sieve)):
                speaker = (name, "organization")
        elif (
            mention.speaker_type in ("organization", "nominal")
            and lone_capitalised(lone := mention.name or mention.text)
            and (fuller := fullest_form(lone, names)) != lone
        ):
            speaker = (fuller, "person")  # `Bloomberg said`, `Israel said`: Michael Bloomberg, Steve Israel named
        elif mention.speaker_type == "organization":
            speaker = _organisation(ctx, mention)
        elif mention.speaker_type == "nominal" and (person := described_person(mention, here, people)):
            speaker = (person, "person")  # `the Harbor senator`: Sen. Ana Ruiz, named before
        else:
            speaker = (_without_article(mention.text), mention.speaker_type)
        resolved[index] = speaker
        if speaker[1] == "organization" and speaker[0]:
            organisations.add(OrganisationMention(mention.start, quote.paragraph, speaker[0], oblique=False))
        if speaker[1] == "person" and speaker[0]:
            gender = gender_of(speaker[0], mention.title) or _pronoun_gender(mention)
            antecedents.add(NameMention(mention.start, mention.end, speaker[0], quote.paragraph, gender, title=mention.title))
            insort(people, (mention.start, quote.paragraph, speaker[0], titled_words(mention.title)))
    return resolved


def _subject_pronouns(tokens: tuple[Token, ...], quoted: list[bool]) -> dict[str, list[int]]:
    """Where he and she ("He's", "she'd" …) stand outside quotes, by gender, in text order. Looked
    up by distinct word (list.index, a C loop): this reads every token of every article."""
    texts = list(map(attrgetter("text"), tokens))
    found: dict[str, list[int]] = {"male": [], "female": []}
    for word in set(texts):
        if word[0] in SUBJECT_PRONOUN_INITIALS and (gender := SUBJECT_PRONOUNS.get(without_contraction(word))):
            found[gender].extend(tokens[i].start for i in positions(texts, word) if not quoted[i])
    for offsets in found.values():
        offsets.sort()
    return found


def _organisation(ctx: QuoteContext, mention: Mention) -> tuple[str, str]:
    """The organisation's name ("the State Department’s" → "State Department", "a report by the
    Harbor Trust" → "Harbor Trust"), or the words as a description where no name is written ("her
    campaign", "a study by economists")."""
    tokens = list(ctx.doc.tokens[ctx.token_at(mention.start) : ctx.token_at(mention.end)])
    author = author_span(tokens)
    name = organisation_name(tokens[slice(*author)] if author else tokens)
    return (name, "organization") if name else (_without_article(mention.text), "nominal")


LABEL_RULES = frozenset({"transcript_label", "label_in_quote", "heading_label"})  # `HALE:` names a person in capitals
ROMAN_NUMERAL = re.compile(r"[IVX]+")  # `Tom Hale III`


def _acronym(name: str, mention: Mention, rule: str) -> bool:
    """`ESPN reported`, `Priorities USA said`, `the Junge SVP said`: a name with a word in capitals
    (all of it, when it is one word, or some of it), outside a label (`HALE:` in a transcript is a
    person, and so is an all-capitals `TOM HALE`) and with no title before it, names an
    organisation (a news agency, `Xinhua`, is one from the name grammar on). A roman numeral is
    part of a person's name (`Tom Hale III`)."""
    words = name.split()
    capitals = [word for word in words if len(word) > 2 and word.isalpha() and word.isupper() and not ROMAN_NUMERAL.fullmatch(word)]
    return bool(capitals) and (len(words) == 1 or len(capitals) < len(words)) and rule not in LABEL_RULES and not mention.title



def _named_as_organisation(ctx: QuoteContext, mention: Mention) -> bool:
    """`Zero Hedge said`: a name that the entity layer labels an organisation in every word, that
    opens with no known given name and that the article never writes more fully (a person the
    model mislabelled, "Lloyd Newton", keeps being a person)."""
    first, last = ctx.token_at(mention.start), ctx.token_at(mention.end)
    words = [token for token in ctx.doc.tokens[first:last] if token.text[:1].isalpha() and token.text[:1].isupper()]
    if not words or mention.name.split()[0].lower() in given_names():
        return False
    return all(entity_labels().get(token.entity) == "organization" for token in words)


def _without_article(phrase: str) -> str:
    """ "a senior official" → "senior official": one name for the same description in every
    article, whichever article introduced it ("one of his aides" keeps its "one")."""
    first, _, rest = phrase.partition(" ")
    return rest if rest and first.lower() in SINGLE_DETERMINERS and not rest.startswith("of ") else phrase


def _honorific(text: str) -> str | None:
    """ "Mrs." in "Mrs. Abedini": a form of address, kept out of the title, that still tells gender."""
    first = text.split()[0] if text.split() else ""
    return first if bare(first) in HONORIFICS else None


def _pronoun_gender(mention: Mention) -> str | None:
    need = pronoun_need(mention.text)
    return need if need in ("male", "female") else None
