"""Rules that read the sentence or paragraph around a quote: its reporting clause, its subject,
the sentence or paragraph before it."""
from __future__ import annotations

from ..context import QuoteContext
from ..lexicons import documents, given_names, naming_verbs, prepositions, sentence_openers, speech_nouns, subordinators
from ..records import Mention, Token
from ..words import (
    CLOSING_MARKS,
    DASHES,
    NOUN_MARKERS,
    OPENING_MARKS,
    SENTENCE_END,
    bare,
    is_capitalised,
    is_name_word,
    is_possessive,
    pronoun_need,
    verb_at,
)
from .cues import colon_speaker
from .mentions import Found, Said, cue, inside_other_quote, passed_on, phrase, said
from .opening import after_opening_title, opens_adverbial, sentence_subject, skip_opening_adverbial
from .subject import inverted_subject, subject_before

MAX_TAIL_AFTER_SENTENCE_CUE = 5  # `X said in a statement.`: words after the verb of a sentence before the quote


def reporting_clause_subject(ctx: QuoteContext, index: int, found: Found) -> Said | None:
    """`Ruiz said the talks had been slowed by "gaps of trust"`: the subject of the sentence's first reporting verb.

    The first, not the nearest: verbs nearer the quote sit in the reported clause
    ("Hale said he is sure Ruiz will go on being "a fighter""), unless a later one opens an
    adverbial clause ("Hale tweeted after Ruiz argued that "q""). When an earlier quote of
    the sentence comes between, the first reporting verb after it is looked at first ("Cruz
    accuses Obama of "q1" and Trump says he's "q2"").
    """
    since_previous_quote, last = ctx.before(index)
    first, _ = ctx.before(index, whole_sentence=True)
    if since_previous_quote > first:
        answer = _first_reporting_clause(ctx, index, since_previous_quote, last, first)
        # Only a clause with a subject of its own: in `Ryan lamented the "q1" and criticized the
        # "q2"` the verb after the earlier quote shares the first one's subject.
        if answer is not None and answer.mention.speaker_type != "nominal" and answer.mention.start >= ctx.doc.tokens[since_previous_quote].start:
            return answer
    return _first_reporting_clause(ctx, index, first, last, first)


MAX_CLAIM_DISTANCE = 12  # tokens from a noun for what was said to the quoted words it owns


def claim_owner(ctx: QuoteContext, index: int, found: Found) -> Said | None:
    """`Harbor Watch checked Hale's claim that there were "thousands of boats"`, `Ruiz denied the
    allegations by Hale that she was "meddling"`: quoted words right after a noun for what
    someone said (and "that" or "of"), with no speech verb between, are that someone's: the owner
    written before the noun (a name in the possessive, or his, her, their) or after it (by or
    from someone, then "that"). Not words that judge the claim: `called Hale's remarks "racist"`,
    `denounced them as "hurtful"`, `Hale's claim that … is "not true"`."""
    if ctx.quotes[index].kind != "partial":
        return None
    first, last = ctx.before(index)
    tokens = ctx.doc.tokens
    noun = next((k for k in range(last - 1, max(first, last - MAX_CLAIM_DISTANCE) - 1, -1) if bare(tokens[k].text) in speech_nouns()), None)
    if noun is None or noun + 1 >= last or any(verb_at(ctx.classes, k, first, naming=True) for k in range(noun + 1, last)):
        return None
    copulas = sum(tokens[k].text.lower() in COPULAS for k in range(noun + 1, last))
    if tokens[last - 1].text.lower() == "as" or copulas > 1 and tokens[last - 1].text.lower() in COPULAS:
        return None  # `denounced Hale's remarks as "hurtful"`, `Hale's claim that X is Y is "not true"`: someone else judges the claim
    if tokens[noun + 1].text.lower() in CLAIM_LINKS:
        owner = _owner_before(ctx, noun, first)
    elif tokens[noun + 1].text in ("by", "from"):
        owner = _owner_after(ctx, noun, last)
    else:
        return None  # `Hale's comments "show bias"`: the words judge the comments
    return said(owner, cue(ctx, noun, noun + 1))


CLAIM_LINKS = frozenset({"that", "of", ",", ":"})  # what was said follows: `Hale's claim that …`
COPULAS = frozenset({"is", "was", "are", "were", "be", "been"})


MAX_CLAIM_ADJECTIVES = 3  # `Obama's patronizing suggestion`, `her oft-repeated claim`


def _owner_before(ctx: QuoteContext, noun: int, first: int) -> Mention | None:
    tokens = ctx.doc.tokens
    k = noun - 1
    while k >= first and noun - k <= MAX_CLAIM_ADJECTIVES and tokens[k].text.islower() and tokens[k].text.lower() not in NOUN_MARKERS:
        k -= 1
    if k < first:
        return None
    if tokens[k].text.lower() in ("his", "her", "their"):
        return phrase(ctx, k, k + 1)
    if not is_possessive(tokens[k].text) or not is_capitalised(tokens[k].text):
        return None
    start = k
    while start > first and is_name_word(tokens[start - 1]):
        start -= 1
    owner = phrase(ctx, start, k + 1)
    return owner if owner is not None and owner.speaker_type in ("person", "organization") else None


def _owner_after(ctx: QuoteContext, noun: int, last: int) -> Mention | None:
    tokens = ctx.doc.tokens
    if noun + 2 >= last or tokens[noun + 1].text not in ("by", "from"):
        return None
    end = noun + 2
    while end < last and tokens[end].text not in ("that", ",", *OPENING_MARKS) and end - noun <= MAX_CLAIM_DISTANCE:
        end += 1
    if end >= last or tokens[end].text != "that":
        return None  # `the allegations by Hale that …`: what was said follows
    owner = phrase(ctx, noun + 2, end)
    return owner if owner is not None and owner.speaker_type in ("person", "organization") else None


def _first_reporting_clause(ctx: QuoteContext, index: int, start: int, last: int, floor: int) -> Said | None:
    tokens = ctx.doc.tokens
    first_answer, first_subordinate = None, False
    opening = _opening_phrase_end(ctx, floor, last)
    for verb in range(max(start, opening), last):
        if verb_at(ctx.classes, verb, floor, naming=True) and not inside_other_quote(ctx, index, tokens[verb].start) and not _reports_nothing(ctx, verb, floor, last):
            mention = subject_before(ctx, verb, floor)
            inverted = verb > floor and tokens[verb - 1].text in (",", *CLOSING_MARKS) and not tokens[verb].text.endswith("ing")
            if mention is None and inverted:
                mention = inverted_subject(ctx, verb, last)  # `"…," said Joe Biden, urging them to "Q"`
            if mention is None or mention.speaker_type == "unknown":
                continue
            answer = said(mention, cue(ctx, verb, verb + 1))
            if first_answer is None:
                first_answer, first_subordinate = answer, _opens_subordinate_clause(ctx, mention)
                if not first_subordinate and not any(tokens[k].text.lower() in subordinators() or _joins_clauses(tokens, k) for k in range(verb + 1, last)):
                    return first_answer
            elif first_subordinate or _opens_subordinate_clause(ctx, mention) or _joins_clauses(tokens, ctx.token_at(mention.start) - 1):
                # `Hale tweeted after Ruiz argued that "Q"`, `While Hale says …, Ruiz said "Q"`:
                # the quote is the clause's that is not subordinate to the other; `Oregon warned
                # that …, and Ruiz said the "Q"`: the clause joined after the first one's
                return answer
    return first_answer


def _opening_phrase_end(ctx: QuoteContext, first: int, last: int) -> int:
    """`In a statement announcing the deal, the Harbor Council called it "q"`, `In a Facebook post
    published Friday, Ruiz said`, `Besides attacking the council, Hale asserted`: a sentence that
    opens with a preposition and a noun phrase ("In a statement", "During her visit") or a verb in
    -ing, set off by a comma; the verbs inside it describe the noun (a participle, or the noun
    itself taken for a verb: "post") or are the subject's, and report nothing of their own, so the
    reporting clause is looked for after the comma. The index after that comma, else FIRST."""
    tokens = ctx.doc.tokens
    opener = tokens[first].text.lower()
    if not (first + 2 < last and (opener in prepositions() or opener in sentence_openers())):
        return first
    second = tokens[first + 1].text
    if not (second.lower() in NOUN_MARKERS or second.islower() and second.endswith("ing")):
        return first
    end = skip_opening_adverbial(tokens, first, last)
    inside = range(first + 2, end - 1)
    if end == first or any(pronoun_need(tokens[k].text) or verb_at(ctx.classes, k, first) and not _describes_noun(tokens, k, first) for k in inside):
        return first
    return end


def _reports_nothing(ctx: QuoteContext, verb: int, floor: int, last: int) -> bool:
    """A verb that another reporting verb after it, before the quote, outranks: one inside an
    aside set off by commas right after a name, which describes the person (`Tom Hale, at a
    consulting firm called Harbor Partners, argues`, `Ruiz, speaking on the radio, called`, `Ruiz,
    who was speaking to the mayors, told`), or one negated (`Ruiz did not mention Hale, but told
    …`, `Hale declined to comment, but said …`). `Hale, who lamented in an interview, "Q"` reports
    in the aside, no verb coming after it."""
    tokens = ctx.doc.tokens
    if not _negated(tokens, verb, floor) and not _opens_aside(tokens, verb, floor, last):
        return False
    close = next((k for k in range(verb + 1, last) if tokens[k].text == ","), None)
    return close is not None and any(verb_at(ctx.classes, k, floor, naming=True) for k in range(close + 1, last))


def _opens_aside(tokens: tuple[Token, ...], verb: int, floor: int, last: int) -> bool:
    before = next((k for k in range(verb - 1, floor, -1) if tokens[k].text == ","), None)
    if before is None:
        return False
    opener = tokens[before + 1].text.lower()
    describes = (
        opener in prepositions() and tokens[verb].text.lower() in naming_verbs()
        or opener == "who"
        or before + 1 == verb and opener.endswith("ing")
    )
    return describes and is_capitalised(tokens[before - 1].text) and is_name_word(tokens[before - 1])


NEGATIONS = frozenset({"not", "n't", "never"})
REFUSALS = frozenset({"declined", "refused"})


def _negated(tokens: tuple[Token, ...], verb: int, floor: int) -> bool:
    before = tokens[verb - 1].text.lower() if verb - 1 >= floor else ""
    return before in NEGATIONS or before == "to" and verb - 2 >= floor and tokens[verb - 2].text.lower() in REFUSALS


def _describes_noun(tokens: tuple[Token, ...], k: int, first: int) -> bool:
    """A participle ("announcing", "posted"), or the noun of "a Facebook post" after its marker and a name."""
    word = tokens[k].text
    return word.islower() and (word.endswith(("ing", "ed")) or k == first + 3 and is_capitalised(tokens[k - 1].text))


def _joins_clauses(tokens: tuple[Token, ...], k: int) -> bool:
    """ `, and` / `, but` at K: a second clause, with its subject, joined to the first."""
    return 0 < k < len(tokens) and tokens[k].text in ("and", "but") and tokens[k - 1].text == ","


def _opens_subordinate_clause(ctx: QuoteContext, mention: Mention) -> bool:
    at = ctx.token_at(mention.start)
    return at > 0 and ctx.doc.tokens[at - 1].text.lower() in subordinators()


def sentence_subject_of_partial(ctx: QuoteContext, index: int, found: Found) -> Said | None:
    """`Hale pinned the delay on "careless officials"`: quoted words inside a sentence are its subject's."""
    if ctx.quotes[index].kind != "partial":
        return None
    first, last = ctx.before(index, whole_sentence=True)
    tokens = ctx.doc.tokens
    i = begin = after_opening_title(tokens, skip_opening_adverbial(tokens, first, last), last)
    while i < last and not (is_name_word(tokens[i]) or tokens[i].text.lower() in ("he", "she")):
        if tokens[i].text == ",":
            i += 1
            continue
        if i - begin > 6:
            return None
        i += 1
    mention = sentence_subject(ctx, i, last)
    if mention is None and opens_adverbial(tokens, first, last):
        # `But while denouncing the "perversion" of tax avoidance, she has …`: the adverbial
        # ends after the quote, and the sentence's subject follows its comma
        after, end = ctx.after(index)
        comma = next((k for k in range(after, end) if tokens[k].text == ","), None)
        mention = sentence_subject(ctx, comma + 1, end) if comma is not None else None
    if mention is not None and _unconfirmed_opening_word(ctx, mention):
        return None
    return said(mention, None)


def _unconfirmed_opening_word(ctx: QuoteContext, mention: Mention) -> bool:
    """`Moreover, …`, `Ask …`: a lone capitalised word opening a sentence, which no speech verb
    makes a speaker, is a name only if the article also capitalises it inside a sentence."""
    word = mention.text
    if mention.speaker_type != "person" or " " in word or not word.isalpha() or ctx.token_at(mention.start) not in ctx.sentence_firsts or word.lower() in given_names():
        return False
    return not ctx.capitalised_inside_sentences(word)


def previous_paragraph_reporting(ctx: QuoteContext, index: int, found: Found) -> Said | None:
    """A quote paragraph with no cue, after a paragraph that reports someone speaking: the subject
    of the first reporting verb of that paragraph's last sentence that has one. After a paragraph
    ending in a colon ("Hale called them on it:"), the subject of its last sentence."""
    quote = ctx.quotes[index]
    if quote.open != ctx.doc.paragraphs[quote.paragraph].start or quote.paragraph == 0 or quote.kind == "heading":
        return None
    first, last = ctx.paragraph_tokens(quote.paragraph - 1)
    tokens = ctx.doc.tokens
    sentence_end = last
    while sentence_end > first:
        sentence_first = max(ctx.sentence_first(tokens[sentence_end - 1].start), first)
        for verb in range(sentence_first, sentence_end):
            if verb_at(ctx.classes, verb, sentence_first) and not inside_other_quote(ctx, index, tokens[verb].start):
                mention = subject_before(ctx, verb, sentence_first)
                return said(mention, cue(ctx, verb, verb + 1)) if mention else None
        if sentence_end == last and tokens[last - 1].text == ":":
            # `… and how tempting that can be!— Cruz called them on it:`: the clause after the
            # last dash introduces the quote, when it has a subject of its own
            dash = next((k for k in range(last - 2, sentence_first, -1) if tokens[k].text in DASHES), None)
            mention = dash is not None and colon_speaker(ctx, dash + 1, last - 1) or colon_speaker(ctx, sentence_first, last - 1)
            if (mention is None or mention.speaker_type == "nominal") and index - 1 in found and _introduces_a_text(tokens, sentence_first, last - 1):
                return passed_on(found[index - 1])  # `Transcript as follows:`: the words of whom the article last quoted
            return said(mention, cue(ctx, last - 1, last)) if mention else None
        sentence_end = sentence_first
    return None


def _introduces_a_text(tokens: tuple[Token, ...], first: int, colon: int) -> bool:
    """`Transcript as follows:`, `The full text:`: words before a colon about a text that name no
    one (`how the website rated this statement by Trump:` names its author)."""
    about_a_text = any(bare(tokens[k].text) in documents() for k in range(first, colon))
    return about_a_text and not any(is_capitalised(tokens[k].text) for k in range(first + 1, colon))


def previous_sentence_reporting(ctx: QuoteContext, index: int, found: Found) -> Said | None:
    """`Harbor State's Dana Wills agreed. "Q"`: a quote that opens a sentence, after a sentence
    of the same paragraph that ends on a speech verb (and a few words: "said in a statement."):
    that verb's subject; else the subject of that sentence's first reporting clause."""
    quote = ctx.quotes[index]
    if quote.kind != "full" or (index and ctx.quotes[index - 1].paragraph == quote.paragraph):
        return None
    tokens = ctx.doc.tokens
    paragraph_first, _ = ctx.paragraph_tokens(quote.paragraph)
    end = ctx.token_at(quote.open)
    if end - paragraph_first < 2 or tokens[end - 1].text not in SENTENCE_END:
        return None
    first = max(ctx.sentence_first(tokens[end - 1].start), paragraph_first)
    for verb in range(end - 2, max(first, end - 2 - MAX_TAIL_AFTER_SENTENCE_CUE) - 1, -1):
        if verb_at(ctx.classes, verb, first):
            return said(subject_before(ctx, verb, first), cue(ctx, verb, verb + 1))
    answer = _first_reporting_clause(ctx, index, first, end - 1, first)
    return passed_on(answer) if answer else None
