"""The model-free annotator: paragraphs, sentences and tokens from the characters alone."""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from itertools import accumulate, chain, compress, count, repeat
from operator import attrgetter, itemgetter

from .lexicons import abbreviations
from .records import Doc, Sentence, Span, Token

TOKEN = re.compile(
    r"""(?:[A-Za-z]\.){2,}"""  # U.S., D.C.
    r"""|\w+(?:[’'.\-]\w+)*"""  # words with inner apostrophes, hyphens or periods; first, as most tokens are
    r"""|''|``|-{2,}|\.{3}|…"""  # paired marks, dashes and ellipses stay whole
    r"""|\S""",
    re.UNICODE,
)
GAPPED_TOKEN = re.compile(rf"(\s*)({TOKEN.pattern})")  # a token and the spaces before it
INITIALS = re.compile(r"(?:[A-Z]\.)+[A-Z]")  # "N.Y" before its last period
SENTENCE_END = frozenset({".", "!", "?", "...", "…"})
CLOSERS = frozenset({'"', "”", "’", "'", "''", ")", "]"})
PARAGRAPH = re.compile(r"[^\n]+")


def split_paragraphs(text: str) -> tuple[Span, ...]:
    """Each non-blank line is a paragraph, trimmed of surrounding whitespace."""
    spans = []
    for match in PARAGRAPH.finditer(text):
        line = match.group()
        stripped = line.strip()
        if stripped:
            start = match.start() + (len(line) - len(line.lstrip()))
            spans.append(Span(start, start + len(stripped)))
    return tuple(spans)


def tokenize(text: str, start: int, end: int) -> list[Token]:
    """Tokens of text[start:end]; an abbreviation keeps its period ("Mr.", "Sept.", "J.")."""
    # This builds every token of every article, so it stays in C: one findall (no match objects)
    # gives each token with the spaces before it, their lengths summed (accumulate) give the
    # offsets, and tuple.__new__ skips the NamedTuple's Python-level constructor.
    pairs = GAPPED_TOKEN.findall(text, start, end)
    bounds = list(accumulate(map(len, chain.from_iterable(pairs)), initial=start))
    texts = list(map(itemgetter(1), pairs))
    tokens = list(map(tuple.__new__, repeat(Token), zip(bounds[1::2], bounds[2::2], texts, *[repeat(None)] * 5)))
    # Periods are few: join each one to the abbreviation it ends, last first so indexes hold
    for i in reversed(list(compress(count(), map(".".__eq__, texts)))):
        previous = tokens[i - 1] if i else None
        if previous is not None and previous.end == tokens[i].start and _is_abbreviation(previous.text):
            tokens[i - 1 : i + 1] = [Token(previous.start, tokens[i].end, previous.text + ".")]
    return tokens


def _is_abbreviation(word: str) -> bool:
    word = word.rsplit("-", 1)[-1]  # a party tag's state: "(R-Fla.)", "(D-N.Y.)"
    return word.lower() in abbreviations() and (len(word) > 1 or word.isupper()) or INITIALS.fullmatch(word) is not None


def split_sentences(tokens: list[Token], first: int, last: int, ends: list[int]) -> Iterator[Sentence]:
    """Sentences of tokens[first:last] (one paragraph): they end at . ! ? and the closing marks
    after. ENDS: the index of every . ! ? token of the doc, in order (few: only those are looked at)."""
    begin = first
    for i in ends[bisect_left(ends, first) : bisect_left(ends, last)]:
        j = i + 1
        while j < last and tokens[j].text in CLOSERS and tokens[j].start == tokens[j - 1].end:
            j += 1
        if j == last or _starts_sentence(tokens[j].text):
            yield Sentence(tokens[begin].start, tokens[j - 1].end, begin, j)
            begin = j
    if begin < last:
        yield Sentence(tokens[begin].start, tokens[last - 1].end, begin, last)


def _starts_sentence(word: str) -> bool:
    return word[0].isupper() or word[0].isdigit() or word in ('"', "“", "‘", "''", "``", "(", "[")


def annotate_text(text: str) -> Doc:
    """Build the Doc for TEXT without any model (the `rules` engine)."""
    paragraphs = split_paragraphs(text)
    # One pass over the whole text: the paragraphs hold all of its non-blank characters, and no
    # token spans a line break, so these are the paragraphs' tokens in order.
    tokens = tokenize(text, 0, len(text))
    ends = list(compress(count(), map(SENTENCE_END.__contains__, map(itemgetter(2), tokens))))
    sentences: list[Sentence] = []
    for paragraph in paragraphs:
        first = bisect_left(tokens, paragraph.start, key=attrgetter("start"))
        last = bisect_left(tokens, paragraph.end, lo=first, key=attrgetter("start"))
        sentences.extend(split_sentences(tokens, first, last, ends))
    return Doc(text, paragraphs, tuple(sentences), tuple(tokens), engine="rules")
