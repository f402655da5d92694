"""Rules that pass a speaker on from one quote to the next: neighbours, continued paragraphs."""
from __future__ import annotations

from ..context import QuoteContext
from .mentions import Found, Said, passed_on

def adjacent_quote_in_paragraph(ctx: QuoteContext, index: int, found: Found) -> Said | None:
    """`"Q1." "Q2," he said.`: an unattributed quote shares the speaker of its neighbour in the
    paragraph: the next quote when nothing but marks stands between them, else the previous one
    (`"Q1," X said. "Q2." Y, an aide, agreed: "Q3."` gives Q2 to X)."""
    quote = ctx.quotes[index]
    following = ctx.quotes[index + 1] if index + 1 < len(ctx.quotes) else None
    touching = following is not None and not ctx.doc.text[quote.close : following.open].strip(" .,;—–-")
    for other in (index + 1, index - 1) if touching else (index - 1, index + 1):
        if 0 <= other < len(ctx.quotes) and ctx.quotes[other].paragraph == quote.paragraph and other in found:
            return passed_on(found[other])
    return None


def continues_previous_paragraph(ctx: QuoteContext, index: int, found: Found) -> Said | None:
    """A paragraph that opens with a quote continues the speaker of the quote paragraph just before it."""
    quote = ctx.quotes[index]
    paragraph = ctx.doc.paragraphs[quote.paragraph]
    if quote.open != paragraph.start or index == 0 or quote.kind == "heading":
        return None
    previous = ctx.quotes[index - 1]
    if previous.paragraph == quote.paragraph - 1 and index - 1 in found:
        return passed_on(found[index - 1])
    return None


def unclosed_continues(ctx: QuoteContext, index: int, found: Found) -> Said | None:
    """A quote left open at its paragraph's end goes on in the next paragraph: it takes that speaker."""
    quote = ctx.quotes[index]
    following = index + 1
    if quote.closed or following >= len(ctx.quotes) or following not in found:
        return None
    if ctx.quotes[following].paragraph == quote.paragraph + 1:
        return passed_on(found[following])
    return None
