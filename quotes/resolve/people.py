"""The people an article names: each person's name written outside quotes and title-case
headlines, read with the name grammar (quotes/names.py), for fullest forms and antecedents."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace

from ..context import QuoteContext
from ..layout import mostly_capitalised
from ..lexicons import clause_breaks, given_names, locative_prepositions, prepositions, roles, speech_verbs, subordinators, titles, titles_in_names
from ..name_runs import continues_name, in_marks, nickname_at, starts_name, strip_possessive, without_common_words
from ..names import parse_mention
from ..records import Mention
from ..words import CAPITALISED_CLASS, DETERMINERS, OPENING_MARKS, bare, in_capitals, is_possessive
from .descriptions import described_after, described_before
from .referents import NameIndex, NameMention, fullest_form, gender_of

CAPITALISED_TOKEN = re.compile(CAPITALISED_CLASS)
CAPITALISED_PAIR = re.compile(r"\b([A-Z][a-z]+) (?=([A-Z][\w'’-]*\w))")  # overlapping: "The Ana Ruiz Hour"


Run = tuple[int, int, int, int, bool]  # (first token, end token, paragraph, paragraph's first token, heading)


def capitalised_runs(ctx: QuoteContext, quoted: list[bool]) -> list[Run]:
    """The runs of capitalised words outside quotes and title-case headlines that may name
    someone: a person (find_name_mentions) or an organisation (organisations.py). A sentence's
    first word that the article also writes in lowercase ("See", "Six") is an ordinary word."""
    doc = ctx.doc
    tokens = doc.tokens
    runs: list[Run] = []
    capitalised = [match.start() for match in CAPITALISED_TOKEN.finditer(ctx.classes)]
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
        for i in capitalised[bisect_left(capitalised, first) : bisect_left(capitalised, last)]:
            if i < j or not starts_name(tokens, i, quoted, ctx.sentence_firsts, ctx.lowercase_words):
                continue
            j = i + 1
            while j < last and not quoted[j] and (continues_name(tokens, j, last) or tokens[j].text in OPENING_MARKS and nickname_at(tokens, j) and j + 3 < last):
                j += 3 if tokens[j].text in OPENING_MARKS else 1
                if is_possessive(tokens[j - 1].text):
                    break
            if not in_marks(tokens, i, j, first, last):
                runs.append((i, j, p_index, first, heading))
    return runs


def find_name_mentions(ctx: QuoteContext, runs: list[Run], speakers: list[Mention]) -> list[NameMention]:
    """Person names among the capitalised RUNS: a run of two or more name words counts; a single
    word counts when it follows a personal title ("Mr. Lew") or is the surname of a full name or
    speaker found in the article."""
    doc = ctx.doc
    tokens = doc.tokens
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
            group = bare(word) not in full_name_surnames and opening_plural(ctx, run[0], word)
            if titled or (bare(word) in surnames or bare(word) in given) and not group:
                found += _name_mention(doc, run, ctx.lowercase_words)
    found.sort(key=lambda n: n.start)
    index = NameIndex(found)
    clauses = opening_clauses(ctx.doc)
    return [_with_gender_of_full_name(_demoted_in_opening_clause(ctx, n, clauses), index) for n in found]


def opening_clauses(doc) -> list[tuple[int, int]]:
    """The token ranges of the subordinate clauses that open their sentences, up to their comma
    (`While Obama had many songs written for him,`), in text order."""
    tokens = doc.tokens
    ranges = []
    for sentence in doc.sentences:
        first = sentence.first_token
        if tokens[first].text.lower() in subordinators():
            comma = next((k for k in range(first + 1, sentence.last_token) if tokens[k].text == ","), sentence.last_token)
            ranges.append((first, comma))
    return ranges


def _demoted_in_opening_clause(ctx: QuoteContext, name: NameMention, clauses: list[tuple[int, int]]) -> NameMention:
    """`While Obama had many songs written for him, …, which concerns Henry Crespo, …`: a name in
    a subordinate clause that opens its sentence (CLAUSES) is not what the sentence is about, as a
    preposition's object is not (oblique)."""
    if name.oblique or not clauses:
        return name
    at = ctx.token_at(name.end) - 1  # the name's last word (a run may start with "While")
    k = bisect_right(clauses, (at, len(ctx.doc.tokens))) - 1
    if k < 0 or not clauses[k][0] < at < clauses[k][1]:
        return name
    return replace(name, oblique=True)


def full_names_elsewhere(ctx: QuoteContext, names: NameIndex) -> list[NameMention]:
    """Given name and surname, written where names are not looked for (a title-case headline,
    a quote, a show's title: `The Dana Herald Show`), of a surname the article names only alone.

    They give the lone surname its full form, and nothing else."""
    alone = {surname for surname, group in names.by_surname.items() if all(len(n.words) == 1 for n in group)}
    if not alone:
        return []
    found = []
    for match in CAPITALISED_PAIR.finditer(ctx.doc.text):
        given, surname = match.group(1), strip_possessive(match.group(2))
        if surname.lower() in alone and given.lower() in given_names():
            name = f"{given} {surname}"
            found.append(NameMention(match.start(), match.end(2), name, 0, gender_of(name, None), fuller_form_only=True))
    return found


def _name_mention(doc, run: tuple[int, int, int, int, bool], lowercase_words: frozenset[str]) -> list[NameMention]:
    """The person's name in a run of capitalised tokens, as a one-item list, or an empty one.

    A run in capitals ("FULL TEXT") is a label or a shout, not a name. Leading words the article
    also writes in lowercase ("Guests Dana Herald", "Neighbours Tom Hale") are left out."""
    i, j, paragraph, first, heading = run
    if in_capitals(token.text for token in doc.tokens[i:j]):
        return []
    if i > first and doc.tokens[i - 1].text.lower() in locative_prepositions() and doc.tokens[i].text.lower() not in given_names():
        return []
    if i > first and doc.tokens[i - 1].text == "the":  # "the Hale Express", "the Harbor Times"
        return []
    mention = parse_mention(doc.text, list(doc.tokens[i:j]))
    if mention is None or mention.speaker_type != "person" or not mention.name:
        return []
    owned = strip_possessive(mention.name)
    name = without_common_words(owned, lowercase_words)
    if not name:
        return []
    title = doc.tokens[i - 1].text if i > first else ""
    name = _with_naming_title(name, title)
    speaks = j < len(doc.tokens) and doc.tokens[j].text in speech_verbs()
    # "Trump's campaign manager", "Obama consultant Cornell Belden": a name qualifying a role;
    # "an interview with Harbor Radio": a preposition's object
    qualifies = owned != mention.name or j < len(doc.tokens) and (is_possessive(doc.tokens[j].text) or _is_role_noun(doc.tokens[j].text))
    oblique = qualifies or i > first and doc.tokens[i - 1].text.lower() in prepositions()
    titled = " ".join(filter(None, (_words_before_run(doc.tokens, i, first), described_before(doc.tokens, i, first), mention.title, described_after(doc.tokens, j))))
    return [NameMention(mention.start, mention.end, name, paragraph, gender_of(name, title), speaks, oblique, heading, titled or None)]


MAX_TITLE_WORDS = 4  # "Republican presidential candidate", "former Florida governor"


def _words_before_run(tokens, i: int, first: int) -> str:
    """The title written right before a name's capitalised run ("presidential candidate" before
    "Tom Hale", "former Harbor governor" before "Ana Ruiz"): a title or role word
    last, and the words before it back to a determiner, a preposition, a clause's break or a
    verb; "" when the word before the name is no title ("the mayor has thanked Ana Ruiz")."""
    if not (i > first and (bare(tokens[i - 1].text) in titles() or bare(tokens[i - 1].text) in roles())):
        return ""
    k = i - 1
    while k > first and i - k < MAX_TITLE_WORDS:
        word = tokens[k - 1].text
        lower = word.lower()
        if not word.rstrip(".").isalpha() or lower in prepositions() or lower in DETERMINERS or lower in clause_breaks() or lower in speech_verbs() or word.islower() and word.endswith("ed"):
            break
        k -= 1
    return " ".join(t.text for t in tokens[k:i])


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
    return NameMention(mention.start, mention.end, mention.name, mention.paragraph, gender, mention.speaks, mention.oblique, mention.fuller_form_only, mention.title)


def _with_naming_title(name: str, title: str | None) -> str:
    """ "Vance" said by "Admiral Vance" → "Admiral Vance": a lone name keeps a title that is part
    of how the person is named."""
    last = title.split()[-1] if title else ""
    return f"{last} {name}" if " " not in name and bare(last) in titles_in_names() else name


def opening_plural(ctx: QuoteContext, token: int, word: str) -> bool:
    """`Proponents say`, `Audiences can expect`: a lone plural-looking WORD opening the sentence at
    TOKEN is a group of people, not a person's surname (unless a full name ends with it, which the
    callers check, each against the names it has)."""
    return (
        lone_capitalised(word) and word.endswith("s") and word[-2:-1].islower()
        and word.lower() not in given_names() and token in ctx.sentence_firsts
    )


def lone_capitalised(text: str) -> bool:
    return " " not in text and text[:1].isupper() and text.isalpha()
