"""One name per speaker: pronouns to their antecedent, short forms to the fullest form written."""
from __future__ import annotations

import re
from bisect import bisect_right

from .context import QuoteContext
from .layout import mostly_capitalised
from .lexicons import (
    entity_labels,
    given_names,
    locative_prepositions,
    name_particles,
    prepositions,
    pronouns,
    roles,
    speech_verbs,
    titles,
    titles_in_names,
)
from .names import parse_mention
from .records import Attribution, Mention
from .referents import Antecedents, NameIndex, NameMention, fullest_form, gender_of, resolve_pronoun
from .words import (
    CLOSING_MARKS,
    HONORIFICS,
    OPENING_MARKS,
    bare,
    determiners_of,
    is_capitalised,
    is_name_word,
    is_possessive,
)

SUBJECT_PRONOUNS = {"he": "male", "He": "male", "HE": "male", "she": "female", "She": "female", "SHE": "female"}
SINGLE_DETERMINERS = determiners_of("article", "counting")  # "a senior official", "one aide"
CONTRACTION = re.compile("['’]")
CAPITALISED_PAIR = re.compile(r"\b([A-Z][a-z]+) (?=([A-Z][\w'’-]*\w))")  # overlapping: "The Ana Ruiz Hour"


def find_name_mentions(ctx: QuoteContext, speakers: list[Mention], quoted: list[bool]) -> list[NameMention]:
    """Person names outside quotes and title-case headlines: capitalised runs that look like a person's name.

    A run of two or more name words counts; a single word counts when it follows a personal
    title ("Mr. Lew") or is the surname of a full name or speaker found in the article. A
    sentence's first word that the article also writes in lowercase ("See", "Six") is an
    ordinary word, not part of a name.
    """
    doc = ctx.doc
    tokens = doc.tokens
    runs: list[tuple[int, int, int, int, bool]] = []  # (first token, end token, paragraph, paragraph's first token, heading)
    for p_index, paragraph in enumerate(doc.paragraphs):
        heading = p_index in ctx.layout.headings
        first, last = ctx.paragraph_tokens(p_index)
        if heading and mostly_capitalised(doc.text[paragraph.start : paragraph.end]):
            # Capitalised words of a title-case headline are no names, but for its label:
            # `Dana Herald: The Harbor Will Not Flood Again`
            label = next((k for k in range(first, min(last, first + 5)) if tokens[k].text == ":"), None)
            if label is not None and label - first > 1:
                runs.append((first, label, p_index, first, heading))
            continue
        j = first  # where the last run ended
        for i in [k for k in range(first, last) if tokens[k].text[:1].isupper()]:
            if i < j or not _starts_name(tokens, i, quoted, ctx.sentence_firsts, ctx.lowercase_words):
                continue
            j = i + 1
            while j < last and not quoted[j] and _continues_name(tokens, j, last):
                j += 1
                if is_possessive(tokens[j - 1].text):
                    break
            if not _in_marks(tokens, i, j, first, last):
                runs.append((i, j, p_index, first, heading))
    # Full names first; a lone capitalised word is a name only as the surname of one of them,
    # of a speaker, or after a personal title ("Mr. Lew").
    found = [m for run in runs if run[1] - run[0] > 1 for m in _name_mention(doc, run, ctx.lowercase_words)]
    full_name_surnames = {n.words[-1] for n in found if len(n.words) > 1}
    surnames = full_name_surnames | {bare(m.name.split()[-1]) for m in speakers if m.name and m.speaker_type == "person"}
    # "Melania" where "Melania Trump" is named: a known given name alone stands for the full name
    given = {n.words[0] for n in found if len(n.words) > 1 and n.words[0] in given_names()}
    for run in runs:
        if run[1] - run[0] == 1:
            word = tokens[run[0]].text
            titled = run[0] > run[3] and bare(tokens[run[0] - 1].text) in titles()
            group = bare(word) not in full_name_surnames and _opening_plural(ctx, run[0], word)
            if titled or (bare(word) in surnames or bare(word) in given) and not group:
                found += _name_mention(doc, run, ctx.lowercase_words)
    found.sort(key=lambda n: n.start)
    index = NameIndex(found)
    return [_with_gender_of_full_name(n, index) for n in found]


def _full_names_elsewhere(ctx: QuoteContext, names: NameIndex) -> list[NameMention]:
    """Given name and surname, written where names are not looked for (a title-case headline,
    a quote, a show's title: `The Dana Herald Show`), of a surname the article names only alone.

    They give the lone surname its full form, and nothing else."""
    alone = {surname for surname, group in names.by_surname.items() if all(len(n.words) == 1 for n in group)}
    if not alone:
        return []
    found = []
    for match in CAPITALISED_PAIR.finditer(ctx.doc.text):
        given, surname = match.group(1), _strip_possessive(match.group(2))
        if surname.lower() in alone and given.lower() in given_names():
            name = f"{given} {surname}"
            found.append(NameMention(match.start(), match.end(2), name, 0, gender_of(name, None), fuller_form_only=True))
    return found


def _name_mention(doc, run: tuple[int, int, int, int, bool], lowercase_words: frozenset[str]) -> list[NameMention]:
    """The person's name in a run of capitalised tokens, as a one-item list, or an empty one.

    A run in capitals ("FULL TEXT") is a label or a shout, not a name. Leading words the article
    also writes in lowercase ("Guests Dana Herald", "Neighbours Tom Hale") are left out."""
    i, j, paragraph, first, heading = run
    if all(token.text.isupper() and len(token.text) > 1 for token in doc.tokens[i:j]):
        return []
    if i > first and doc.tokens[i - 1].text.lower() in locative_prepositions() and doc.tokens[i].text.lower() not in given_names():
        return []
    if i > first and doc.tokens[i - 1].text == "the":  # "the Hale Express", "the Harbor Times"
        return []
    mention = parse_mention(doc.text, list(doc.tokens[i:j]))
    if mention is None or mention.speaker_type != "person" or not mention.name:
        return []
    owned = _strip_possessive(mention.name)
    name = without_common_words(owned, lowercase_words)
    if not name:
        return []
    title = doc.tokens[i - 1].text if i > first else ""
    name = _with_naming_title(name, title)
    speaks = j < len(doc.tokens) and doc.tokens[j].text in speech_verbs()
    # "Trump's campaign manager", "Obama consultant Cornell Belden": a name qualifying a role
    possessive = owned != mention.name or j < len(doc.tokens) and (is_possessive(doc.tokens[j].text) or _is_role_noun(doc.tokens[j].text))
    return [NameMention(mention.start, mention.end, name, paragraph, gender_of(name, title), speaks, possessive, heading)]


def _is_role_noun(word: str) -> bool:
    return word.islower() and (bare(word) in roles() or bare(word) in titles())


def _with_gender_of_full_name(mention: NameMention, names: NameIndex) -> NameMention:
    """A lone surname takes the gender of the full name it stands for ("Trump" → "Donald Trump")."""
    if mention.gender is not None:
        return mention
    full = fullest_form(mention.name, names)
    gender = gender_of(full, None)
    if gender is None:
        return mention
    return NameMention(mention.start, mention.end, mention.name, mention.paragraph, gender, mention.speaks, mention.possessive, mention.fuller_form_only)


def _quoted_token_flags(ctx: QuoteContext) -> list[bool]:
    flags = [False] * len(ctx.doc.tokens)
    for quote in ctx.quotes:
        for i in range(ctx.token_at(quote.start), ctx.token_at(quote.end)):
            flags[i] = True
    return flags


def _starts_name(tokens, i: int, quoted: list[bool], sentence_firsts: frozenset[int], lowercase_words: frozenset[str]) -> bool:
    word = tokens[i].text
    if quoted[i] or not is_capitalised(word) or bare(word) in titles():
        return False
    lower = word.lower()
    ordinary = lower in lowercase_words or lower in speech_verbs() or lower.endswith("ing") or lower in prepositions() or lower in locative_prepositions()
    if i in sentence_firsts and ordinary and lower not in given_names():
        return False  # `Said Ana Ruiz, …`, `Following Hale's loss, …`: a sentence's opening word, not a name's
    return True


def _continues_name(tokens, j: int, last: int) -> bool:
    word = tokens[j].text
    if is_capitalised(word) or (is_name_word(tokens[j]) and "-" in word):  # al-Beik
        # a title word after a given name, or ending a name, is a surname: "Curtis King",
        # "Nora Pemberton White," (but "White House")
        ends_name = j + 1 >= last or not is_capitalised(tokens[j + 1].text)
        return bare(word) not in titles() or bare(tokens[j - 1].text) in given_names() or ends_name and bare(tokens[j - 1].text) not in titles()
    return word in name_particles() and j + 1 < last and is_capitalised(tokens[j + 1].text)


def _in_marks(tokens, i: int, j: int, first: int, last: int) -> bool:
    """Whether tokens[i:j] is all there is between quote marks: a title ("On ABC's “Good Morning
    America”"), which names no person."""
    k = j
    while k < last and tokens[k].text in (",", "."):
        k += 1
    return i > first and tokens[i - 1].text in OPENING_MARKS and k < last and tokens[k].text in CLOSING_MARKS


def _strip_possessive(name: str) -> str:
    for ending in ("'s", "’s"):
        if name.endswith(ending):
            return name[: -len(ending)]
    return name


def resolve_attributions(ctx: QuoteContext, found: dict[int, Attribution]) -> dict[int, tuple[str | None, str]]:
    """Quote index → (speaker name, speaker type), pronouns resolved and names in their fullest form."""
    quoted = _quoted_token_flags(ctx)
    names = NameIndex(find_name_mentions(ctx, [a.mention for a in found.values()], quoted))
    for name in _full_names_elsewhere(ctx, names):
        names.add(name)

    def sentence_of(offset: int) -> int:
        return bisect_right(ctx.sentence_starts, offset)

    paragraph_starts = [paragraph.start for paragraph in ctx.doc.paragraphs]
    resolved: dict[int, tuple[str | None, str]] = {}
    subject_pronouns: dict[str, list[int]] = {"male": [], "female": []}  # he/she outside quotes
    for i, token in enumerate(ctx.doc.tokens):
        pronoun = token.text
        if "'" in pronoun or "’" in pronoun:
            pronoun = CONTRACTION.split(pronoun, 1)[0]  # "She's", "He'd": one token without a parser
        if pronoun in SUBJECT_PRONOUNS and not quoted[i]:
            subject_pronouns[SUBJECT_PRONOUNS[pronoun]].append(token.start)
    antecedents = Antecedents((n for n in names if not n.fuller_form_only), sentence_of, subject_pronouns)
    for index in sorted(found):
        attribution = found[index]
        mention = attribution.mention
        quote = ctx.quotes[index]
        position = min(mention.start, quote.open)
        if mention.speaker_type == "pronoun":
            # The pronoun's own paragraph bounds the search: quote paragraphs that carry on an
            # earlier "He then set out his questions:" share its antecedent, however far the chain runs.
            paragraph = min(quote.paragraph, bisect_right(paragraph_starts, mention.start) - 1)
            name = resolve_pronoun(mention, position, paragraph, antecedents)
            speaker = (fullest_form(name, names), "person") if name else (None, "unknown")
        elif mention.speaker_type == "person" and mention.name:
            name = _strip_possessive(mention.name)
            if fullest_form(name, names) == name:  # "said Small" keeps Small when "Jane Small" is named
                name = without_common_words(name, ctx.lowercase_words)
            gender = gender_of(name, mention.title or _honorific(mention.text)) if name else None
            speaker = (fullest_form(name, names, gender), "person") if name else (None, "unknown")
            if mention.text == speaker[0] and _opening_plural(ctx, ctx.token_at(mention.start), speaker[0]):
                speaker = (speaker[0], "nominal")
            elif speaker[0] == name and _named_as_organisation(ctx, mention):
                speaker = (name, "organization")
        elif (
            mention.speaker_type in ("organization", "nominal")
            and _lone_capitalised(lone := mention.name or mention.text)
            and (fuller := fullest_form(lone, names)) != lone
        ):
            speaker = (fuller, "person")  # `Bloomberg said`, `Israel said`: Michael Bloomberg, Steve Israel named
        elif mention.speaker_type == "organization":
            speaker = (mention.name, "organization")
        else:
            speaker = (_without_article(mention.text), mention.speaker_type)
        resolved[index] = speaker
        if speaker[1] == "person" and speaker[0]:
            gender = gender_of(speaker[0], mention.title) or _pronoun_gender(mention)
            antecedents.add(NameMention(mention.start, mention.end, speaker[0], quote.paragraph, gender))
    return resolved


def _named_as_organisation(ctx: QuoteContext, mention: Mention) -> bool:
    """`Zero Hedge said`: a name that the entity layer labels an organisation in every word, that
    opens with no known given name and that the article never writes more fully (a person the
    model mislabelled, "Lloyd Newton", keeps being a person)."""
    first, last = ctx.token_at(mention.start), ctx.token_at(mention.end)
    words = [token for token in ctx.doc.tokens[first:last] if token.text[:1].isalpha() and token.text[:1].isupper()]
    if not words or mention.name.split()[0].lower() in given_names():
        return False
    return all(entity_labels().get(token.entity) == "organization" for token in words)


def _with_naming_title(name: str, title: str | None) -> str:
    """ "Vance" said by "Admiral Vance" → "Admiral Vance": a lone name keeps a title that is part
    of how the person is named."""
    last = title.split()[-1] if title else ""
    return f"{last} {name}" if " " not in name and bare(last) in titles_in_names() else name


def _opening_plural(ctx: QuoteContext, token: int, word: str) -> bool:
    """`Proponents say`, `Audiences can expect`: a lone plural-looking WORD opening the sentence at
    TOKEN is a group of people, not a person's surname (unless a full name ends with it, which the
    callers check, each against the names it has)."""
    return (
        _lone_capitalised(word) and word.endswith("s") and word[-2:-1].islower()
        and word.lower() not in given_names() and token in ctx.sentence_firsts
    )


def without_common_words(name: str, lowercase_words: frozenset[str]) -> str:
    """Drop leading words the article also writes in lowercase ("Sitting", "Now", "Founder"):
    capitalised only because they open a sentence or a title. Known given names stay."""
    words = name.split()
    while words and words[0].lower() in lowercase_words and words[0].lower() not in given_names():
        words.pop(0)
    return " ".join(words)


def _without_article(phrase: str) -> str:
    """ "a senior official" → "senior official": one name for the same description in every
    article, whichever article introduced it."""
    first, _, rest = phrase.partition(" ")
    return rest if rest and first.lower() in SINGLE_DETERMINERS else phrase


def _lone_capitalised(text: str) -> bool:
    return " " not in text and text[:1].isupper() and text.isalpha()


def _honorific(text: str) -> str | None:
    """ "Mrs." in "Mrs. Abedini": a form of address, kept out of the title, that still tells gender."""
    first = text.split()[0] if text.split() else ""
    return first if bare(first) in HONORIFICS else None


def _pronoun_gender(mention: Mention) -> str | None:
    need = pronouns().get(mention.text.lower())
    return need if need in ("male", "female") else None
