"""The model-free annotator: paragraphs, sentences and tokens from the characters alone."""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from operator import attrgetter

from .lexicons import abbreviations
from .records import Doc, Sentence, Span, Token

TOKEN = re.compile(
    r"""(?:[A-Za-z]\.){2,}"""  # U.S., D.C.
    r"""|\w+(?:[’'.\-]\w+)*"""  # words with inner apostrophes, hyphens or periods; first, as most tokens are
    r"""|''|``|-{2,}|\.{3}|…"""  # paired marks, dashes and ellipses stay whole
    r"""|\S""",
    re.UNICODE,
)
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
    # tuple.__new__ rather than Token(...), and a comprehension rather than a loop: this builds
    # every token of every article, and skips the NamedTuple's Python-level constructor.
    new = tuple.__new__
    tokens = [new(Token, (match.start(), match.end(), match.group(), None, None, None, None, None)) for match in TOKEN.finditer(text, start, end)]
    # Periods are few: join each one to the abbreviation it ends, last first so indexes hold
    for i in reversed([i for i, token in enumerate(tokens) if token[2] == "."]):
        previous = tokens[i - 1] if i else None
        if previous is not None and previous.end == tokens[i].start and _is_abbreviation(previous.text):
            tokens[i - 1 : i + 1] = [Token(previous.start, tokens[i].end, previous.text + ".")]
    return tokens


def _is_abbreviation(word: str) -> bool:
    word = word.rsplit("-", 1)[-1]  # a party tag's state: "(R-Fla.)", "(D-N.Y.)"
    return word.lower() in abbreviations() and (len(word) > 1 or word.isupper()) or INITIALS.fullmatch(word) is not None


def split_sentences(tokens: list[Token], first: int, last: int) -> Iterator[Sentence]:
    """Sentences of tokens[first:last] (one paragraph): they end at . ! ? and the closing marks after."""
    begin = first
    ends = [i for i in range(first, last) if tokens[i][2] in SENTENCE_END]  # few: look at those only
    for i in ends:
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
    sentences: list[Sentence] = []
    for paragraph in paragraphs:
        first = bisect_left(tokens, paragraph.start, key=attrgetter("start"))
        last = bisect_left(tokens, paragraph.end, lo=first, key=attrgetter("start"))
        sentences.extend(split_sentences(tokens, first, last))
    return Doc(text, paragraphs, tuple(sentences), tuple(tokens), engine="rules")
