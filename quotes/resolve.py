"""One name per speaker: pronouns to their antecedent, short forms to the fullest form written."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from .context import QuoteContext
from .detect import is_heading
from .lexicons import given_names, name_particles, pronouns, titles
from .phrases import bare, is_capitalised, is_possessive, parse_mention
from .records import Attribution, Mention

FEMALE_TITLES = frozenset({"mrs", "ms", "miss", "madam", "madame", "lady", "dame", "queen", "princess", "congresswoman", "spokeswoman", "chairwoman"})
MALE_TITLES = frozenset({"mr", "sir", "lord", "king", "prince", "congressman", "spokesman", "chairman"})
ANTECEDENT_WINDOW = 3  # paragraphs searched back for a pronoun's antecedent


@dataclass(frozen=True, slots=True)
class NameMention:
    """A person's name written in the article outside quotes."""

    start: int
    end: int
    name: str
    paragraph: int
    gender: str | None


def gender_of(name: str, title: str | None) -> str | None:
    """male, female or None, from a gendered title ("Mrs.") or a known given name."""
    for word in (title or "").split():
        if bare(word) in FEMALE_TITLES:
            return "female"
        if bare(word) in MALE_TITLES:
            return "male"
    words = name.split()
    if len(words) < 2:  # a lone "Clinton" is a surname, whatever given name it looks like
        return None
    return given_names().get(words[0].lower())


def find_name_mentions(ctx: QuoteContext, speakers: list[Mention]) -> list[NameMention]:
    """Person names outside quotes and headings: capitalised runs that look like a person's name.

    A run of two or more name words counts; a single word counts when it follows a personal
    title ("Mr. Lew") or is the surname of a full name or speaker found in the article. A sentence's first word that the article also
    writes in lowercase ("See", "Six") is an ordinary word, not part of a name.
    """
    doc = ctx.doc
    tokens = doc.tokens
    quoted = _quoted_token_flags(ctx)
    sentence_firsts = {sentence.first_token for sentence in doc.sentences}
    lowercase_words = {t.text for t in tokens if t.text.islower()}
    speaker_surnames = {bare(m.name.split()[-1]) for m in speakers if m.name and m.speaker_type == "person"}
    found: list[NameMention] = []
    for p_index, paragraph in enumerate(doc.paragraphs):
        if is_heading(doc.text, paragraph, p_index):
            continue
        first, last = ctx.paragraph_tokens(p_index)
        i = first
        while i < last:
            if not _starts_name(tokens, i, quoted, sentence_firsts, lowercase_words):
                i += 1
                continue
            j = i + 1
            while j < last and not quoted[j] and _continues_name(tokens, j, last):
                j += 1
                if is_possessive(tokens[j - 1].text):
                    break
            mention = parse_mention(doc.text, list(tokens[i:j]))
            title = tokens[i - 1].text if i > first else ""
            if mention is not None and mention.speaker_type == "person" and mention.name:
                name = _strip_possessive(mention.name)
                if len(name.split()) > 1 or bare(title) in titles() or bare(name) in speaker_surnames:
                    found.append(NameMention(mention.start, mention.end, name, p_index, gender_of(name, title)))
            i = j
    # A lone surname counts once the article has written the full name somewhere.
    surnames = {bare(n.name.split()[-1]) for n in found if len(n.name.split()) > 1} | speaker_surnames
    kept = [n for n in found if len(n.name.split()) > 1 or bare(n.name) in surnames or n.gender is not None]
    return [_with_gender_of_full_name(n, kept) for n in kept]


def _with_gender_of_full_name(mention: NameMention, names: list[NameMention]) -> NameMention:
    """A lone surname takes the gender of the full name it stands for ("Trump" → "Donald Trump")."""
    if mention.gender is not None:
        return mention
    full = fullest_form(mention.name, mention.start, names)
    gender = gender_of(full, None)
    return NameMention(mention.start, mention.end, mention.name, mention.paragraph, gender) if gender else mention


def _quoted_token_flags(ctx: QuoteContext) -> list[bool]:
    flags = [False] * len(ctx.doc.tokens)
    for quote in ctx.quotes:
        for i in range(ctx.token_at(quote.start), ctx.token_at(quote.end)):
            flags[i] = True
    return flags


def _starts_name(tokens, i: int, quoted: list[bool], sentence_firsts: set[int], lowercase_words: set[str]) -> bool:
    word = tokens[i].text
    if quoted[i] or not is_capitalised(word) or bare(word) in titles():
        return False
    if i in sentence_firsts and word.lower() in lowercase_words and word.lower() not in given_names():
        return False
    return True


def _continues_name(tokens, j: int, last: int) -> bool:
    word = tokens[j].text
    if is_capitalised(word):
        return bare(word) not in titles()
    return word in name_particles() and j + 1 < last and is_capitalised(tokens[j + 1].text)


def _strip_possessive(name: str) -> str:
    for ending in ("'s", "’s"):
        if name.endswith(ending):
            return name[: -len(ending)]
    return name


def resolve_pronoun(mention: Mention, position: int, paragraph: int, candidates: list[NameMention], sentence_of) -> str | None:
    """The person a he/she at POSITION refers to.

    Sentences are searched from the nearest back; within one, the first name wins, since the
    subject of a sentence is the likeliest antecedent ("Zarate, adviser to Bush, said. "Q," he said").
    """
    need = pronouns().get(mention.text.lower())
    if need not in ("male", "female"):
        return None
    eligible = [
        c for c in candidates
        if c.start < position and paragraph - c.paragraph <= ANTECEDENT_WINDOW and c.gender in (None, need)
    ]
    if not eligible:
        return None
    return min(eligible, key=lambda c: (-sentence_of(c.start), c.start)).name


def fullest_form(name: str, position: int, names: list[NameMention], gender: str | None = None) -> str:
    """The fullest way the article writes NAME ("Kerry" → "John Kerry"); the nearest earlier one when several."""
    words = name.split()
    if not words:
        return name
    surname = bare(words[-1])
    wanted = {bare(w) for w in words}
    fuller = [
        n for n in names
        if bare(n.name.split()[-1]) == surname and wanted <= {bare(w) for w in n.name.split()}
        and (gender is None or n.gender in (None, gender))
    ]
    if not fuller:
        return name
    longest = max(len(n.name.split()) for n in fuller)
    if longest <= len(words):
        return name
    distinct = {n.name for n in fuller if len(n.name.split()) > len(words)}
    if len(distinct) == 1:
        return distinct.pop()
    before = [n for n in fuller if n.start < position and len(n.name.split()) > len(words)]
    pool = before or [n for n in fuller if len(n.name.split()) > len(words)]
    return max(pool, key=lambda n: (n.start < position, n.start if n.start < position else -n.start)).name


def resolve_attributions(ctx: QuoteContext, found: dict[int, Attribution]) -> dict[int, tuple[str | None, str]]:
    """Quote index → (speaker name, speaker type), pronouns resolved and names in their fullest form."""
    names = find_name_mentions(ctx, [a.mention for a in found.values()])
    sentence_starts = [s.start for s in ctx.doc.sentences]

    def sentence_of(offset: int) -> int:
        return bisect_right(sentence_starts, offset)

    lowercase_words = {t.text for t in ctx.doc.tokens if t.text.islower()}
    resolved: dict[int, tuple[str | None, str]] = {}
    candidates = list(names)
    for index in sorted(found):
        attribution = found[index]
        mention = attribution.mention
        quote = ctx.quotes[index]
        position = min(mention.start, quote.open)
        if mention.speaker_type == "pronoun":
            name = resolve_pronoun(mention, position, quote.paragraph, candidates, sentence_of)
            speaker = (fullest_form(name, position, names), "person") if name else (None, "unknown")
        elif mention.speaker_type == "person" and mention.name:
            name = without_common_words(_strip_possessive(mention.name), lowercase_words)
            gender = gender_of(name, mention.title) if name else None
            speaker = (fullest_form(name, position, names, gender), "person") if name else (None, "unknown")
        elif mention.speaker_type == "organization":
            speaker = (mention.name, "organization")
        else:
            speaker = (mention.text, mention.speaker_type)
        resolved[index] = speaker
        if speaker[1] == "person" and speaker[0]:
            gender = gender_of(speaker[0], mention.title) or _pronoun_gender(mention)
            candidates.append(NameMention(mention.start, mention.end, speaker[0], quote.paragraph, gender))
    return resolved


def without_common_words(name: str, lowercase_words: set[str]) -> str:
    """Drop leading words the article also writes in lowercase ("Sitting", "Now", "Founder"):
    capitalised only because they open a sentence or a title. Known given names stay."""
    words = name.split()
    while words and words[0].lower() in lowercase_words and words[0].lower() not in given_names():
        words.pop(0)
    return " ".join(words)


def _pronoun_gender(mention: Mention) -> str | None:
    need = pronouns().get(mention.text.lower())
    return need if need in ("male", "female") else None
