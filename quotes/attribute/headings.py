"""Rules for quotes in headlines: a label before a colon, a headline verb, the body quote it repeats."""
from __future__ import annotations

from functools import lru_cache

from ..context import QuoteContext
from ..lexicons import speaker_adverbs, speech_verbs
from ..records import Mention
from ..words import is_name_word
from .mentions import Found, Said, cue, passed_on, phrase, said

def heading_matches_quote(ctx: QuoteContext, index: int, found: Found) -> Said | None:
    """A headline quote ("'Back to square one'") whose words are inside an attributed quote of the article."""
    quote = ctx.quotes[index]
    if quote.kind != "heading":
        return None
    words = _normalised(ctx.doc.text[quote.start : quote.end])
    for other, attribution in sorted(found.items()):
        body = ctx.quotes[other]
        if body.kind != "heading" and words and words in _normalised(ctx.doc.text[body.start : body.end]):
            return passed_on(attribution)
    return None


def heading_label(ctx: QuoteContext, index: int, found: Found) -> Said | None:
    """`Ruiz: Council's 'Reckless Spending' …`: a headline that names its speaker before a colon."""
    quote = ctx.quotes[index]
    if quote.kind != "heading":
        return None
    first, last = ctx.paragraph_tokens(quote.paragraph)
    tokens = ctx.doc.tokens
    colon = next((i for i in range(first, min(last, first + 6)) if tokens[i].text == ":"), None)
    if colon is None or colon == first or tokens[colon].start > quote.open:
        return None
    mention = headline_label(ctx, first, colon, quote.paragraph)
    if mention is None or mention.speaker_type not in ("person", "organization"):
        return None
    return said(mention, cue(ctx, colon, colon + 1))


def headline_label(ctx: QuoteContext, first: int, end: int, paragraph: int) -> Mention | None:
    """The speaker a headline's label before its colon names: the longest start of the label that
    the article's body writes as well, a person or an organisation (`Hale Addresses Harbor
    Flood: …` is Hale's), else the whole label. Title case hides where a name ends and its verb begins."""
    tokens, text = ctx.doc.tokens, ctx.doc.text
    body = text[ctx.doc.paragraphs[paragraph].end :]
    for stop in range(end, first, -1):
        if text[tokens[first].start : tokens[stop - 1].end] in body:
            mention = phrase(ctx, first, stop)
            if mention is not None and mention.speaker_type in ("person", "organization"):
                return mention
    return phrase(ctx, first, end)


def heading_says(ctx: QuoteContext, index: int, found: Found) -> Said | None:
    """`Ana Ruiz Says Bridge Is ‘Our Best Chance’` / `… ‘Crisis,’ Tom Hale Tells
    Council`: in a headline, the name written just before its capitalised speech verb (and any
    adverb before the verb: `Ana Ruiz Just Said …`)."""
    quote = ctx.quotes[index]
    if quote.kind != "heading":
        return None
    first, last = ctx.paragraph_tokens(quote.paragraph)
    tokens = ctx.doc.tokens
    for verb in range(first + 1, last):
        word = tokens[verb].text
        if not (word[:1].isupper() and word.lower() in speech_verbs()) or ctx.inside_quote(tokens[verb].start):
            continue
        end = verb
        while end > first and tokens[end - 1].text.lower() in speaker_adverbs():
            end -= 1  # `Hale Just Said …`, `Ruiz Also Says …`: an adverb, capitalised as the headline is
        start = end
        while start > first and end - start < MAX_HEADLINE_NAME and is_name_word(tokens[start - 1]):
            start -= 1
        mention = phrase(ctx, start, end)
        if mention is not None and mention.speaker_type in ("person", "organization"):
            return said(mention, cue(ctx, verb, verb + 1))
    return None


MAX_HEADLINE_NAME = 4


@lru_cache(maxsize=4096)  # a headline quote is compared with every attributed quote of its article
def _normalised(text: str) -> str:
    return " ".join("".join(c.lower() if c.isalnum() else " " for c in text).split())
