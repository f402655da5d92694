"""Rules that read a cue next to the quote: a speech verb, "according to", a colon, a dash, a label."""
from __future__ import annotations

from ..context import QuoteContext
from ..layout import mostly_capitalised
from ..lexicons import media_words, name_particles, prepositions, speech_verbs
from ..records import Mention, QuoteSpan, Token
from ..words import (
    CLOSING_MARKS,
    DASHES,
    DETERMINERS,
    NAME_LINKS,
    OPENING_MARKS,
    in_capitals,
    is_capitalised,
    is_cue_verb,
    is_name_word,
    is_role_word,
    verb_at,
)
from .headings import headline_label
from .mentions import MAX_SUBJECT_TOKENS, Found, Said, cue, inside_other_quote, phrase, said
from .patterns import Match
from .opening import sentence_subject
from .subject import inverted_subject, subject_after, subject_before

MAX_SIGNATURE_TOKENS = 15


def colon_after_cue(ctx: QuoteContext, index: int, found: Found, match: Match) -> Said | None:
    """`X said: "Q"` / `X told reporters: "Q"`: a speech verb shortly before a colon that opens the quote."""
    first, _ = match.span("speaker")
    verb = match.span("cue")[1] - 1
    signed = _signed_before_colon(ctx, verb + 1, match.last - 1)
    return said(signed or subject_before(ctx, verb, first), cue(ctx, verb, verb + 1))


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


def cue_after_quote(ctx: QuoteContext, index: int, found: Found, match: Match) -> Said | None:
    """`"Q," X said.` / `"Q," said X.` / `"Q," X, head of Y, told Z.`: speaker and verb right after the quote."""
    first, last = match.first, match.last
    quote = ctx.quotes[index]
    if quote.kind == "heading" and _title_case_heading(ctx, quote):
        return None  # capitals there tell no name from other words: the headline rules read it (heading_says)
    if quote.kind == "partial" and not _comma_at_close(ctx, quote) and _has_reporting_verb(ctx, index):
        return None  # `Cruz said "CNN" five times, and …`: the clause before the quoted words reports them
    if _ends_sentence(ctx, quote):
        if last > first and ctx.doc.tokens[last - 1].text == ":":
            return None  # `"Q1." Y agreed: "Q2"`: a new sentence that introduces the next quote
        if introduced(ctx, *ctx.before(index)):
            return None  # `Hayek said, "Q." The star then recalled …`: the words before speak
    result = subject_after(ctx, first, last)
    if result is None:
        return None
    mention, verb = result
    return said(mention, cue(ctx, verb, verb + 1))


def _title_case_heading(ctx: QuoteContext, quote: QuoteSpan) -> bool:
    paragraph = ctx.doc.paragraphs[quote.paragraph]
    return mostly_capitalised(ctx.doc.text[paragraph.start : paragraph.end])


def _comma_at_close(ctx: QuoteContext, quote: QuoteSpan) -> bool:
    """Whether a comma (or a question or exclamation mark) ends the quoted words or follows the
    closing mark, as before an inverted cue (`"q," said X`, `"why not?" asked X`)."""
    text = ctx.doc.text
    return text[quote.end - 1] in ",?!" or text[quote.close : quote.close + 1] == ","


def _has_reporting_verb(ctx: QuoteContext, index: int) -> bool:
    first, last = ctx.before(index, whole_sentence=True)
    tokens = ctx.doc.tokens
    return any(verb_at(ctx.classes, i, first, naming=True) and not inside_other_quote(ctx, index, tokens[i].start) for i in range(first, last))


def cue_before_quote(ctx: QuoteContext, index: int, found: Found, match: Match) -> Said | None:
    """`X said "Q"` / `X said, "Q"` / `"Q1," X said, adding "Q2"`: a speech verb a few words before the quote."""
    if _partial_inside_sentence(ctx, index, match):
        return None
    verb = match.span("cue")[1] - 1
    return said(subject_before(ctx, verb, match.first), cue(ctx, verb, verb + 1))


def statement_before_quote(ctx: QuoteContext, index: int, found: Found, match: Match) -> Said | None:
    """`Trump issued a statement, "Q"`: the sentence's subject, through what carried the words."""
    carrier = match.span("cue")[0]
    if _partial_inside_sentence(ctx, index, match) or ctx.doc.tokens[carrier].text.lower() not in media_words():
        return None
    return said(sentence_subject(ctx, match.first, carrier), cue(ctx, carrier, carrier + 1))


def verb_opens_sentence(ctx: QuoteContext, index: int, found: Found, match: Match) -> Said | None:
    """`Said Dorothy Pointer, who grew up nearby, "Q"`: the verb opens the sentence, its subject follows."""
    if _partial_inside_sentence(ctx, index, match):
        return None
    return said(inverted_subject(ctx, match.first, match.last - 1), cue(ctx, match.first, match.first + 1))


def _partial_inside_sentence(ctx: QuoteContext, index: int, match: Match) -> bool:
    """Quoted words inside a sentence belong to its main reporting clause, unless `X said, "q…"`."""
    return ctx.quotes[index].kind == "partial" and not introduced(ctx, match.first, match.last)


def introduced(ctx: QuoteContext, first: int, last: int) -> bool:
    """Whether tokens[first:last], the words before a quote, end in a speech verb and a comma or
    colon (`X said, "Q"`)."""
    return last - first >= 2 and ctx.doc.tokens[last - 1].text in (",", ":") and verb_at(ctx.classes, last - 2, first)


def _ends_sentence(ctx: QuoteContext, quote: QuoteSpan) -> bool:
    return ctx.doc.text[quote.start : quote.end].rstrip()[-1:] in (".", "!", "?")


def according_to(ctx: QuoteContext, index: int, found: Found, match: Match) -> Said | None:
    """`"Q," according to X.` / `According to X, "Q"`: the phrase after "according to" (a text's
    author where it names one: `according to a report by Harbor Watch`)."""
    return said(phrase(ctx, *match.span("speaker")), cue(ctx, *match.span("cue")))


def dash_after_quote(ctx: QuoteContext, index: int, found: Found, match: Match) -> Said | None:
    """`"Q" – Ana Ruiz.` / `"Q" —@harbormayor`: the signature of a quote in lists, fact checks and
    epigraphs."""
    if ctx.quotes[index].kind == "partial":
        return None  # `… was "still the No. 1 force."--Kim Hjelmgaard`: the dash signs the text, not the words
    return _signature(ctx, *match.span("speaker"), match.span("cue")[0])


def signature_line(ctx: QuoteContext, index: int, found: Found) -> Said | None:
    """The next paragraph opening with a dash and a name (`"Q"` / `— Ana Ruiz`), or a pull quote's
    signature standing alone on the next line, inside the marks the quote left open (`"Q.` /
    `Dana Herald, Harbor Policy Institute."`)."""
    quote = ctx.quotes[index]
    tokens = ctx.doc.tokens
    first, last = ctx.after(index)
    if quote.kind == "partial" or any(tokens[k].text not in CLOSING_MARKS for k in range(first, last)):
        return None
    if quote.paragraph + 1 >= len(ctx.doc.paragraphs):
        return None
    first, last = ctx.paragraph_tokens(quote.paragraph + 1)
    if not quote.closed and _is_signature_line(tokens, first, last):
        return _signature(ctx, first, _phrase_end(tokens, first, last), None)
    if first < last and tokens[first].text in DASHES:
        return _signature(ctx, first + 1, _phrase_end(tokens, first + 1, last), first)
    return None


def _phrase_end(tokens: tuple[Token, ...], first: int, last: int) -> int:
    end = first
    while end < last and tokens[end].text not in SIGNATURE_ENDS and end - first < MAX_SUBJECT_TOKENS:
        end += 1
    return end


SIGNATURE_ENDS = (",", ".", ";", ":", "(")


def _signature(ctx: QuoteContext, first: int, last: int, dash: int | None) -> Said | None:
    mention = phrase(ctx, first, last)
    if mention is None or mention.speaker_type not in ("person", "organization"):
        return None
    return said(mention, cue(ctx, dash, dash + 1) if dash is not None else cue(ctx, first - 1, first))


def _is_signature_line(tokens, first: int, last: int) -> bool:
    """A short paragraph of a name (and affiliation) that ends with a full stop and a closing mark."""
    return (
        2 < last - first <= MAX_SIGNATURE_TOKENS
        and tokens[first].text[:1].isupper()
        and tokens[last - 1].text in CLOSING_MARKS
        and tokens[last - 2].text == "."
        and not any(token.text in OPENING_MARKS or token.text in CLOSING_MARKS for token in tokens[first : last - 1])
    )


def label_in_quote(ctx: QuoteContext, index: int, found: Found, match: Match) -> Said | None:
    """`"HALE: …`: a name in capitals and a colon open the quoted text, as in a transcript."""
    first, colon = match.span("speaker")[0], match.span("cue")[0]
    if not all(token.text.isupper() for token in ctx.doc.tokens[first:colon]):
        return None
    return said(phrase(ctx, first, colon), cue(ctx, colon, colon + 1))


def transcript_label(ctx: QuoteContext, index: int, found: Found, match: Match) -> Said | None:
    """`Ruiz: "Q"` / `Continued Stone: "Q"`: a name followed by a colon labels who speaks."""
    quote = ctx.quotes[index]
    tokens = ctx.doc.tokens
    first, colon = match.span("speaker")[0], match.span("cue")[0]
    if tokens[first].text.lower() in speech_verbs():  # `Continued Stone: "Q"`
        first += 1
    label = tokens[first:colon]
    if tokens[first].text.lower() in prepositions() or any(is_cue_verb(t) or _clause_word(t.text) for t in label):
        return None  # `Fiorina wrote on Facebook: "Q"`, `From Bush's post: "Q"`, `Ruiz fired back: "Q"`: a clause, not a label
    mention = headline_label(ctx, first, colon, quote.paragraph) if quote.kind == "heading" else _label_speaker(ctx, first, colon)
    if mention is not None and mention.speaker_type in ("person", "organization"):
        return said(mention, cue(ctx, colon, colon + 1))
    return None


def _clause_word(word: str) -> bool:
    """A lowercase word that a label (a name, a title, an outlet) has no room for: `fired`, `back`."""
    return word.isalpha() and word.islower() and word not in NAME_LINKS and word not in DETERMINERS and word not in name_particles() and not is_role_word(word)


def _label_speaker(ctx: QuoteContext, first: int, colon: int) -> Mention | None:
    """Who a label names: `Dana Wells, Harbor Gazette:` is Dana Wells, writing in the Gazette
    (a columnist round-up, a transcript's speaker and outlet), not the Gazette."""
    tokens = ctx.doc.tokens
    comma = next((k for k in range(first + 1, colon) if tokens[k].text == ","), None)
    if comma is not None:
        person = phrase(ctx, first, comma)
        if person is not None and person.speaker_type == "person":
            return person
    return phrase(ctx, first, colon)


def colon_without_cue(ctx: QuoteContext, index: int, found: Found, match: Match) -> Said | None:
    """`… surprise for Harbor pollster Dana Wells: "Q"` / `Hale also backed the plan -- "Q"`: a
    colon or a dash opens the quote with no speech verb before it; the name just before it, else
    the sentence's subject."""
    colon = match.span("cue")[0]
    return said(colon_speaker(ctx, match.first, colon), cue(ctx, colon, colon + 1))


def colon_speaker(ctx: QuoteContext, first: int, colon: int) -> Mention | None:
    """Who speaks after the clause tokens[first:colon] and its colon: a person or organisation
    named right before the colon ("More from Blumenthal and Cohen:"), else the clause's subject."""
    tokens = ctx.doc.tokens
    start = colon
    while start > first and colon - start < MAX_SUBJECT_TOKENS and (is_name_word(tokens[start - 1]) or is_role_word(tokens[start - 1].text)):
        start -= 1
    named = phrase(ctx, start, colon)
    if named is not None and tokens[colon].text in DASHES and in_capitals(named.text.split()):
        return None  # `HARBOR NOTES—"Ferry to run …"`: a newsletter's section label, no speaker
    addressed = start > first and tokens[start - 1].text.lower() == "to"  # `a piece of advice to Hale:`
    if named is not None and named.speaker_type in ("person", "organization") and any(is_capitalised(w) for w in named.text.split()) and not addressed:
        return named  # a name, not a lowercase word for an institution ("in public office:")
    return sentence_subject(ctx, first, colon)
