"""Rules that read a dependency parse (Stanza or CoNLL-U): the speech verb the quote hangs from."""
from __future__ import annotations

from ..context import QuoteContext
from ..lexicons import speech_verbs
from ..records import Mention, Token
from ..words import is_cue_verb
from .mentions import Found, Said, cue, phrase, prefer_name, said

SUBJECT_RELATIONS = ("nsubj", "nsubj:pass")
NAME_RELATIONS = frozenset({"compound", "flat", "flat:name", "amod", "det", "nmod:poss", "case", "nummod", "compound:prt"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})
MAX_CLIMB = 4


def dependency_speech_verb(ctx: QuoteContext, index: int, found: Found) -> Said | None:
    """The parse attaches the quote (ccomp, parataxis, obj, …) under a speech verb: that verb's subject.

    Climbs a few heads from where the quote attaches ("said the talks were complicated by
    "gaps of trust"") and takes the subject of a shared clause for participles ("…, saying").
    """
    quote = ctx.quotes[index]
    tokens = ctx.doc.tokens
    first, last = ctx.token_at(quote.start), ctx.token_at(quote.end)
    for i in range(first, last):
        head = tokens[i].head
        if head is None or first <= head < last:
            continue
        verb = _climb_to_speech_verb(tokens, head, first, last)
        if verb is None:
            continue
        subject = _subject_of(tokens, verb)
        if subject is None:
            return None
        mention = _subtree_mention(ctx, subject)
        if mention is None or mention.speaker_type not in ("person", "pronoun", "organization"):
            return None  # a nominal head may hide a name the surface sieves read better
        return said(mention, cue(ctx, verb, verb + 1))
    return None


def _climb_to_speech_verb(tokens: tuple[Token, ...], start: int, first: int, last: int) -> int | None:
    """The topmost speech verb on the path from START to the root: verbs lower down sit in the
    reported clause ("Hale said he is sure Ruiz will go on being "a fighter"")."""
    node, topmost = start, None
    for _ in range(MAX_CLIMB):
        if is_cue_verb(tokens[node]) or (tokens[node].lemma in speech_verbs() and tokens[node].pos == "VERB"):
            topmost = node
        parent = tokens[node].head
        if parent is None or first <= parent < last:
            break
        node = parent
    return topmost


def _children(tokens: tuple[Token, ...], node: int) -> list[int]:
    """Dependents of NODE: heads are sentence-local, so only nearby tokens are looked at."""
    low, high = max(0, node - 80), min(len(tokens), node + 80)
    return [i for i in range(low, high) if tokens[i].head == node]


def _subject_of(tokens: tuple[Token, ...], verb: int) -> int | None:
    """The verb's subject, or the subject of the clause it shares one with (conj, xcomp, advcl)."""
    node = verb
    for _ in range(MAX_CLIMB):
        subject = next((c for c in _children(tokens, node) if tokens[c].deprel in SUBJECT_RELATIONS), None)
        if subject is not None:
            if tokens[subject].text.lower() in RELATIVE_PRONOUNS and tokens[node].deprel == "acl:relcl":
                return tokens[node].head  # "Pence, who called …": the noun the clause describes
            return subject
        if tokens[node].deprel not in ("conj", "xcomp", "advcl") or tokens[node].head is None:
            return None
        node = tokens[node].head
    return None


def _subtree_mention(ctx: QuoteContext, head: int) -> Mention | None:
    """The speaker phrase headed by HEAD: its name words, with an appositive name preferred to a nominal."""
    tokens = ctx.doc.tokens
    keep = {head}
    frontier = [head]
    appositions = []
    while frontier:
        node = frontier.pop()
        for child in _children(tokens, node):
            if tokens[child].deprel in NAME_RELATIONS:
                keep.add(child)
                frontier.append(child)
            elif tokens[child].deprel == "appos" and node == head:
                appositions.append(child)
    mention = phrase(ctx, min(keep), max(keep) + 1)
    for apposition in appositions:
        mention = prefer_name(ctx, mention, _subtree_mention(ctx, apposition))
    return mention
