"""The model-free annotator: paragraphs, sentences and tokens from the characters alone."""
from __future__ import annotations

import re
from collections.abc import Iterator

from .lexicons import abbreviations
from .records import Doc, Sentence, Span, Token

TOKEN = re.compile(
    r"""''|``|-{2,}|\.{3}|…"""  # paired marks, dashes and ellipses stay whole
    r"""|(?:[A-Za-z]\.){2,}"""  # U.S., D.C.
    r"""|\w+(?:[’'.\-]\w+)*"""  # words with inner apostrophes, hyphens or periods
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
    # tuple.__new__ rather than Token(...): this builds every token of every article, and
    # skipping the NamedTuple's Python-level constructor makes the loop a third faster.
    new = tuple.__new__
    tokens: list[Token] = []
    for match in TOKEN.finditer(text, start, end):
        word = match.group()
        if word == "." and tokens and tokens[-1].end == match.start() and _is_abbreviation(tokens[-1].text):
            previous = tokens[-1]
            tokens[-1] = Token(previous.start, match.end(), previous.text + ".")
        else:
            tokens.append(new(Token, (match.start(), match.end(), word, None, None, None, None, None)))
    return tokens


def _is_abbreviation(word: str) -> bool:
    word = word.rsplit("-", 1)[-1]  # a party tag's state: "(R-Fla.)", "(D-N.Y.)"
    return word.lower() in abbreviations() and (len(word) > 1 or word.isupper()) or INITIALS.fullmatch(word) is not None


def split_sentences(tokens: list[Token], first: int, last: int) -> Iterator[Sentence]:
    """Sentences of tokens[first:last] (one paragraph): they end at . ! ? and the closing marks after."""
    begin = first
    i = first
    while i < last:
        if tokens[i].text in SENTENCE_END:
            j = i + 1
            while j < last and tokens[j].text in CLOSERS and tokens[j].start == tokens[j - 1].end:
                j += 1
            if j == last or _starts_sentence(tokens[j].text):
                yield Sentence(tokens[begin].start, tokens[j - 1].end, begin, j)
                begin = j
            i = j
        else:
            i += 1
    if begin < last:
        yield Sentence(tokens[begin].start, tokens[last - 1].end, begin, last)


def _starts_sentence(word: str) -> bool:
    return word[0].isupper() or word[0].isdigit() or word in ('"', "“", "‘", "''", "``", "(", "[")


def annotate_text(text: str) -> Doc:
    """Build the Doc for TEXT without any model (the `rules` engine)."""
    paragraphs = split_paragraphs(text)
    tokens: list[Token] = []
    sentences: list[Sentence] = []
    for paragraph in paragraphs:
        first = len(tokens)
        tokens.extend(tokenize(text, paragraph.start, paragraph.end))
        sentences.extend(split_sentences(tokens, first, len(tokens)))
    return Doc(text, paragraphs, tuple(sentences), tuple(tokens), engine="rules")
