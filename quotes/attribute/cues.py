"""Rules that read a cue next to the quote: a speech verb, "according to", a colon, a dash, a label."""
from __future__ import annotations

from ..context import QuoteContext
from ..lexicons import media_words, prepositions, speech_verbs
from ..records import Mention, QuoteSpan, Token
from ..words import (
    CLOSING_MARKS,
    DASHES,
    OPENING_MARKS,
    is_capitalised,
    is_cue_verb,
    is_name_word,
    is_role_word,
    verb_at,
)
from .headings import headline_label
from .mentions import MAX_SUBJECT_TOKENS, Found, Said, cue, inside_other_quote, phrase, said
from .opening import sentence_subject
from .subject import inverted_subject, subject_after, subject_before

MAX_SIGNATURE_TOKENS = 15
MAX_TAIL_AFTER_CUE = 10


def colon_after_cue(ctx: QuoteContext, index: int, found: Found) -> Said | None:
    """`X said: "Q"` / `X told reporters: "Q"`: a speech verb shortly before a colon that opens the quote."""
    first, last = ctx.before(index)
    tokens = ctx.doc.tokens
    if last - first < 2 or tokens[last - 1].text != ":":
        return None
    for verb in range(last - 2, max(first, last - 2 - MAX_TAIL_AFTER_CUE) - 1, -1):
        if verb_at(tokens, verb, first):
            signed = _signed_before_colon(ctx, verb + 1, last - 1)
            return said(signed or subject_before(ctx, verb, first), cue(ctx, verb, verb + 1))
    return None


def _signed_before_colon(ctx: QuoteContext, first: int, colon: int) -> Mention | None:
    """`Pollsters agree - Carl Bianco: "Q"`: a person named after a dash, right before the colon."""
    tokens = ctx.doc.tokens
    start = colon
    while start > first and is_name_word(tokens[start - 1]):
        start -= 1
    if not (first < start < colon and tokens[start - 1].text in DASHES):
        return None
    named = phrase(ctx, start, colon)
    return named if named is not None and named.speaker_type == "person" else None


def cue_after_quote(ctx: QuoteContext, index: int, found: Found) -> Said | None:
    """`"Q," X said.` / `"Q," said X.` / `"Q," X, head of Y, told Z.`: speaker and verb right after the quote."""
    first, last = ctx.after(index)
    quote = ctx.quotes[index]
    if quote.kind == "partial" and not _comma_at_close(ctx, quote) and _has_reporting_verb(ctx, index):
        return None  # `Cruz said "CNN" five times, and …`: the clause before the quoted words reports them
    if _ends_sentence(ctx, quote):
        if last > first and ctx.doc.tokens[last - 1].text == ":":
            return None  # `"Q1." Y agreed: "Q2"`: a new sentence that introduces the next quote
        if introduced(ctx.doc.tokens, *ctx.before(index)):
            return None  # `Hayek said, "Q." The star then recalled …`: the words before speak
    result = subject_after(ctx, first, last)
    if result is None:
        return None
    mention, verb = result
    return said(mention, cue(ctx, verb, verb + 1))


def _comma_at_close(ctx: QuoteContext, quote: QuoteSpan) -> bool:
    """Whether a comma (or a question or exclamation mark) ends the quoted words or follows the
    closing mark, as before an inverted cue (`"q," said X`, `"why not?" asked X`)."""
    text = ctx.doc.text
    return text[quote.end - 1] in ",?!" or text[quote.close : quote.close + 1] == ","


def _has_reporting_verb(ctx: QuoteContext, index: int) -> bool:
    first, last = ctx.before(index, whole_sentence=True)
    tokens = ctx.doc.tokens
    return any(verb_at(tokens, i, first, is_cue_verb) and not inside_other_quote(ctx, index, tokens[i].start) for i in range(first, last))


def cue_before_quote(ctx: QuoteContext, index: int, found: Found) -> Said | None:
    """`X said "Q"` / `X said, "Q"` / `"Q1," X said, adding "Q2"`: a speech verb a few words before the quote."""
    first, last = ctx.before(index)
    tokens = ctx.doc.tokens
    if ctx.quotes[index].kind == "partial" and not introduced(tokens, first, last):
        return None  # quoted words inside a sentence belong to its main reporting clause, unless `X said, "q…"`
    for verb in range(last - 1, max(first, last - 1 - MAX_TAIL_AFTER_CUE) - 1, -1):
        if verb_at(tokens, verb, first):
            return said(subject_before(ctx, verb, first), cue(ctx, verb, verb + 1))
    if last - first > 2 and tokens[last - 1].text == "," and tokens[last - 2].text.lower() in media_words():
        # `Trump issued a statement, "Q"`: the sentence's subject, through what carried the words
        return said(sentence_subject(ctx, first, last - 2), cue(ctx, last - 2, last - 1))
    opening = tokens[first].text
    if last - first > 2 and tokens[last - 1].text in (",", ":") and opening[:1].isupper() and opening.lower() in speech_verbs():
        # `Said Dorothy Pointer, who grew up nearby, "Q"`: the verb opens the sentence, its subject follows
        return said(inverted_subject(ctx, first, last - 1), cue(ctx, first, first + 1))
    return None


def introduced(tokens: tuple[Token, ...], first: int, last: int) -> bool:
    """Whether tokens[first:last], the words before a quote, end in a speech verb and a comma or
    colon (`X said, "Q"`)."""
    return last - first >= 2 and tokens[last - 1].text in (",", ":") and verb_at(tokens, last - 2, first)


def _ends_sentence(ctx: QuoteContext, quote: QuoteSpan) -> bool:
    return ctx.doc.text[quote.start : quote.end].rstrip()[-1:] in (".", "!", "?")


def according_to(ctx: QuoteContext, index: int, found: Found) -> Said | None:
    """`"Q," according to X.` / `According to X, "Q"`: the phrase after "according to"."""
    tokens = ctx.doc.tokens
    for first, last in (ctx.after(index), ctx.before(index)):
        for i in range(first, last - 2):
            if tokens[i].text.lower() == "according" and tokens[i + 1].text.lower() == "to":
                end = i + 2
                while end < last and tokens[end].text not in (",", ".", ";", ":") and end - i < MAX_SUBJECT_TOKENS + 2:
                    end += 1
                mention = phrase(ctx, i + 2, end)
                return said(mention, cue(ctx, i, i + 2))
    return None


def dash_after_quote(ctx: QuoteContext, index: int, found: Found) -> Said | None:
    """`"Q" – Ana Ruiz.` / `"Q" —@harbormayor`, or the next paragraph opening with a
    dash and a name: the signature of a quote in lists, fact checks and epigraphs. A pull quote's
    signature may also stand alone on the next line, inside the marks the quote left open
    (`"Q.` / `Dana Herald, Harbor Policy Institute."`)."""
    quote = ctx.quotes[index]
    if quote.kind == "partial":
        return None  # `… was "still the No. 1 force."--Kim Hjelmgaard`: the dash signs the text, not the words
    tokens = ctx.doc.tokens
    first, last = ctx.after(index)
    while first < last and tokens[first].text in CLOSING_MARKS:
        first += 1
    signed_line = False
    if first == last and quote.paragraph + 1 < len(ctx.doc.paragraphs):
        first, last = ctx.paragraph_tokens(quote.paragraph + 1)
        signed_line = not quote.closed and _is_signature_line(tokens, first, last)
    if not (first < last and (tokens[first].text in DASHES or signed_line)):
        return None
    first -= signed_line  # a signature line has no dash to skip
    end = first + 1
    while end < last and tokens[end].text not in (",", ".", ";", ":", "(") and end - first <= MAX_SUBJECT_TOKENS:
        end += 1
    mention = phrase(ctx, first + 1, end)
    if mention is None or mention.speaker_type not in ("person", "organization"):
        return None
    return said(mention, cue(ctx, first, first + 1))


def _is_signature_line(tokens, first: int, last: int) -> bool:
    """A short paragraph of a name (and affiliation) that ends with a full stop and a closing mark."""
    return (
        2 < last - first <= MAX_SIGNATURE_TOKENS
        and tokens[first].text[:1].isupper()
        and tokens[last - 1].text in CLOSING_MARKS
        and tokens[last - 2].text == "."
        and not any(token.text in OPENING_MARKS or token.text in CLOSING_MARKS for token in tokens[first : last - 1])
    )


def transcript_label(ctx: QuoteContext, index: int, found: Found) -> Said | None:
    """`"HALE: …` or `Ruiz: "Q"`: a name followed by a colon labels who speaks."""
    quote = ctx.quotes[index]
    tokens = ctx.doc.tokens
    inside = ctx.token_at(quote.open) + 1  # detection leaves the label out of the quote's text
    label_end = next((i for i in range(inside, min(inside + 5, len(tokens))) if tokens[i].text == ":"), None)
    if label_end is not None and label_end > inside and all(t.text.isupper() for t in tokens[inside:label_end]):
        return said(phrase(ctx, inside, label_end), cue(ctx, label_end, label_end + 1))
    first, last = ctx.before(index)
    if last - first >= 2 and tokens[last - 1].text == ":" and last - 1 - first <= 5:
        if tokens[first].text.lower() in speech_verbs():  # `Continued Stone: "Q"`
            first += 1
        label = tokens[first : last - 1]
        if tokens[first].text.lower() in prepositions() or any(is_cue_verb(t) for t in label):
            return None  # `Fiorina wrote on Facebook: "Q"`, `From Bush's post: "Q"`: a clause, not a label
        mention = headline_label(ctx, first, last - 1, quote.paragraph) if quote.kind == "heading" else phrase(ctx, first, last - 1)
        if mention is not None and mention.speaker_type in ("person", "organization"):
            return said(mention, cue(ctx, last - 1, last))
    return None


def colon_without_cue(ctx: QuoteContext, index: int, found: Found) -> Said | None:
    """`… surprise for Harbor pollster Dana Wells: "Q"` / `Hale also backed the plan -- "Q"`: a
    colon or a dash opens the quote with no speech verb before it; the name just before it, else
    the sentence's subject."""
    first, last = ctx.before(index)
    if last - first < 2 or ctx.doc.tokens[last - 1].text not in (":", "--", "—"):
        return None
    return said(colon_speaker(ctx, first, last - 1), cue(ctx, last - 1, last))


def colon_speaker(ctx: QuoteContext, first: int, colon: int) -> Mention | None:
    """Who speaks after the clause tokens[first:colon] and its colon: a person or organisation
    named right before the colon ("More from Blumenthal and Cohen:"), else the clause's subject."""
    tokens = ctx.doc.tokens
    start = colon
    while start > first and colon - start < MAX_SUBJECT_TOKENS and (is_name_word(tokens[start - 1]) or is_role_word(tokens[start - 1].text)):
        start -= 1
    named = phrase(ctx, start, colon)
    addressed = start > first and tokens[start - 1].text.lower() == "to"  # `a piece of advice to Hale:`
    if named is not None and named.speaker_type in ("person", "organization") and any(is_capitalised(w) for w in named.text.split()) and not addressed:
        return named  # a name, not a lowercase word for an institution ("in public office:")
    return sentence_subject(ctx, first, colon)
