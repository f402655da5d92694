"""Attribute a doc's quotes: run the rules of `rules.SIEVES` (the sieves), the first to answer for
a quote wins, then resolve the speakers within the article."""
from __future__ import annotations

from ..confidence import confidence
from ..context import QuoteContext
from ..detect import MAX_TERM_WORDS, is_scare_quote, reads_as_name
from ..records import Attribution, Quote, QuoteSpan
from .mentions import Said
from .rules import SIEVES, Sieve

# The prior for attributions the calibration table has not seen: how much a mention's kind keeps
# of its sieve's confidence (a resolved "he" is right less often than a written name).
MENTION_CONFIDENCE = {"person": 1.0, "pronoun": 0.84, "organization": 0.55, "nominal": 0.1, "unknown": 0.1}


def find_attributions(ctx: QuoteContext) -> dict[int, Attribution]:
    """Quote index → the answer of the first sieve that finds one; sieves the doc cannot feed are
    skipped. The sieves that pass a speaker on from quote to quote then run again, so that a chain
    of quote paragraphs takes its speaker even when a later sieve found the first one's."""
    sieves = [sieve for sieve in SIEVES if sieve.requires <= ctx.doc.layers]
    found: dict[int, Attribution] = {}
    indexes = range(len(ctx.quotes))
    backwards = range(len(ctx.quotes) - 1, -1, -1)
    _run_sieves(ctx, sieves, indexes, found)
    inheriting = [sieve for sieve in sieves if sieve.inherits]
    # Forward then backward, so that a chain running either way is passed on in one round; the
    # rounds are bounded so that a page of thousands of quote marks stays linear.
    for _ in range(MAX_INHERIT_ROUNDS):
        passed_forward = _run_sieves(ctx, inheriting, indexes, found)
        passed_backward = _run_sieves(ctx, inheriting, backwards, found)
        if not (passed_forward or passed_backward):
            break
    return found


MAX_INHERIT_ROUNDS = 3


def _run_sieves(ctx: QuoteContext, sieves: list[Sieve], indexes: range, found: dict[int, Attribution]) -> bool:
    """Give each quote of INDEXES without a speaker the answer of the first of SIEVES to find one;
    whether any did."""
    before = len(found)
    for sieve in sieves:
        for index in indexes:
            if index not in found:
                answer = _answer(ctx, sieve, index, found)
                if answer is not None:
                    found[index] = Attribution(answer.mention, answer.cue, sieve.name, sieve.confidence)
    return len(found) > before


def _answer(ctx: QuoteContext, sieve: Sieve, index: int, found: dict[int, Attribution]) -> Said | None:
    if sieve.pattern is None:
        return sieve.find(ctx, index, found)
    match = sieve.pattern.search(ctx, index)
    return None if match is None else sieve.find(ctx, index, found, match)


def attributed_quotes(ctx: QuoteContext, found: dict[int, Attribution], speakers: dict[int, tuple[str | None, str]]) -> list[Quote]:
    """The doc's quotes with the attributions FOUND and the SPEAKERS resolved for them. A span that
    nobody is said to speak is left out when it reads like a name (a title, a slogan) or is a term
    of a word or two inside a sentence where nobody speaks: with no speaker it is a scare quote,
    whereas detection keeps such terms for the sieves ("Ruiz warned of a 'rigged economy'")."""
    doc, spans = ctx.doc, ctx.quotes
    quotes = []
    for index, span in enumerate(spans):
        attribution = found.get(index)
        if attribution is None and (
            reads_as_name(doc.text[span.start : span.end])
            or span.kind == "partial" and is_scare_quote(doc, span, ctx.sentence_starts, MAX_TERM_WORDS)
        ):
            continue
        speaker, speaker_type = speakers.get(index, (None, "unknown"))
        quotes.append(
            Quote(
                span=span,
                text=doc.text[span.start : span.end],
                speaker=speaker,
                speaker_type=speaker_type,
                mention=attribution.mention if attribution else None,
                cue=attribution.cue if attribution else None,
                sieve=attribution.sieve if attribution else None,
                confidence=_confidence(attribution, span) if attribution and speaker else 0.0,
                title=attribution.mention.title if attribution else None,
            )
        )
    return quotes


def _confidence(attribution: Attribution, span: QuoteSpan) -> float:
    """Calibrated on annotated news (see quotes.confidence); the sieve's prior, scaled by the kind
    of mention, where the calibration table has nothing like this attribution."""
    mention = attribution.mention.speaker_type
    return confidence(attribution.sieve, mention, span.kind, attribution.confidence * MENTION_CONFIDENCE[mention])
