"""One name per speaker: pronouns to their antecedent, short forms to the fullest form written."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from .context import QuoteContext
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
    first = name.split()[0].lower() if name.split() else ""
    return given_names().get(first)


def find_name_mentions(ctx: QuoteContext, speakers: list[Mention]) -> list[NameMention]:
    """Person names outside quotes: runs of capitalised words that look like a person's name.

    A run counts when it starts with a known given name, follows a personal title, or shares
    its surname with a speaker the sieves found.
    """
    doc = ctx.doc
    quoted = sorted((q.start, q.end) for q in ctx.quotes)
    speaker_surnames = {bare(m.name.split()[-1]) for m in speakers if m.name and m.speaker_type == "person"}
    found: list[NameMention] = []
    for p_index, paragraph in enumerate(doc.paragraphs):
        first, last = ctx.paragraph_tokens(p_index)
        i = first
        while i < last:
            token = doc.tokens[i]
            if not is_capitalised(token.text) or bare(token.text) in titles() or _inside(token.start, quoted):
                i += 1
                continue
            j = i
            while j < last and (
                (is_capitalised(doc.tokens[j].text) and bare(doc.tokens[j].text) not in titles())
                or (doc.tokens[j].text in name_particles() and j + 1 < last and is_capitalised(doc.tokens[j + 1].text))
            ):
                j += 1
                if is_possessive(doc.tokens[j - 1].text):
                    break
            mention = parse_mention(doc.text, list(doc.tokens[i:j]))
            title = doc.tokens[i - 1].text if i > first else ""
            if mention is not None and mention.speaker_type == "person" and mention.name:
                name = _strip_possessive(mention.name)
                words = name.split()
                known = words[0].lower() in given_names() and len(words) > 1
                titled = bare(title) in titles() and i > first
                if known or titled or bare(words[-1]) in speaker_surnames:
                    found.append(NameMention(mention.start, mention.end, name, p_index, gender_of(name, title)))
            i = max(j, i + 1)
    return found


def _strip_possessive(name: str) -> str:
    for ending in ("'s", "’s"):
        if name.endswith(ending):
            return name[: -len(ending)]
    return name


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in spans)


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
            gender = gender_of(mention.name, mention.title)
            speaker = (fullest_form(_strip_possessive(mention.name), position, names, gender), "person")
        elif mention.speaker_type == "organization":
            speaker = (mention.name, "organization")
        else:
            speaker = (mention.text, mention.speaker_type)
        resolved[index] = speaker
        if speaker[1] == "person" and speaker[0]:
            gender = gender_of(speaker[0], mention.title) or _pronoun_gender(mention)
            candidates.append(NameMention(mention.start, mention.end, speaker[0], quote.paragraph, gender))
    return resolved


def _pronoun_gender(mention: Mention) -> str | None:
    need = pronouns().get(mention.text.lower())
    return need if need in ("male", "female") else None
