"""Frozen records passed between the stages: article → doc → quote spans → attributed quotes."""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


@dataclass(frozen=True, slots=True)
class Article:
    """One source file (or one record of a JSON Lines file), decoded, its mojibake repaired: the text
    every offset refers to.

    `path` names it as the user did; `source` is the file's absolute, resolved path, which with the
    record's `line` or given `record_id` makes the document's `key`: the same article reached by
    another path, or again tomorrow, is the same document.
    """

    path: str
    text: str
    content_hash: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO date
    author: str | None = None
    dateline: str | None = None
    url: str | None = None
    source: str | None = None
    line: int | None = None  # of a JSON Lines record
    record_id: str | None = None  # the `id` a JSON Lines record gives itself
    repairs: tuple = ()  # the mojibake words repaired in `text` (repair.Repair), to find the source's offsets

    @property
    def key(self) -> str:
        return record_key(self.source or self.path, self.line, self.record_id)


def record_key(source: str, line: int | None = None, record_id: str | None = None) -> str:
    """A document's identity: its file, and for a JSON Lines record its given id, else its line."""
    if record_id is not None:
        return f"{source}#id={record_id}"
    if line is not None:
        return f"{source}#{line}"
    return source


class Token(NamedTuple):
    """A token with its character span; the linguistic layers are None when no model filled them.

    A NamedTuple rather than a frozen dataclass: documents have hundreds of thousands of tokens,
    and a tuple is built five times faster while staying just as immutable.
    """

    start: int
    end: int
    text: str
    pos: str | None = None
    lemma: str | None = None
    head: int | None = None  # index into Doc.tokens; None for the root or when unparsed
    deprel: str | None = None
    entity: str | None = None  # entity type (PERSON, ORG, ...) of the entity the token is in


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range [start, end) into the doc's text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence as a character span plus its token range [first_token, last_token)."""

    start: int
    end: int
    first_token: int
    last_token: int


@dataclass(frozen=True, slots=True)
class Doc:
    """The small document representation every sieve works on.

    Which optional layers are filled is said by `layers` ("pos", "deps", "entities"), so a
    sieve that needs a parse can be skipped on a doc without one.
    """

    text: str
    paragraphs: tuple[Span, ...]
    sentences: tuple[Sentence, ...]
    tokens: tuple[Token, ...]
    engine: str
    layers: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A run of quoted text found from its quote marks.

    `start`/`end` cover the content without the outer marks; `open`/`close` are the offsets of
    the opening mark and of the end of the closing mark (the end of the paragraph when unclosed).
    """

    start: int
    end: int
    open: int
    close: int
    kind: str  # full | partial | heading
    marks: str  # double | single
    closed: bool
    paragraph: int


@dataclass(frozen=True, slots=True)
class Mention:
    """Words in the text that name a speaker, with what kind of speaker they name."""

    start: int
    end: int
    text: str
    speaker_type: str  # person | organization | nominal | pronoun | unknown
    name: str | None = None  # the name inside the mention, titles removed
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Cue:
    """The reporting words linking a quote to its speaker ("said", "told", "according to", ":")."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Attribution:
    """A sieve's answer for one quote: who, through which cue, by which rule, how sure."""

    mention: Mention
    cue: Cue | None
    sieve: str
    confidence: float


@dataclass(frozen=True, slots=True)
class Situation:
    """To whom, where and when a quote was said; each basis says how the value was found."""

    addressee: str | None = None
    place: str | None = None
    place_basis: str | None = None  # stated | dateline
    said_on: str | None = None  # ISO date
    said_on_phrase: str | None = None
    said_on_basis: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """A detected quote with its resolved speaker: the record stored and printed."""

    span: QuoteSpan
    text: str
    speaker: str | None
    speaker_type: str
    mention: Mention | None = None
    cue: Cue | None = None
    sieve: str | None = None
    confidence: float = 0.0
    title: str | None = None
    situation: Situation = Situation()


@dataclass(frozen=True, slots=True)
class Result:
    """What the pipeline made of one article."""

    article: Article
    quotes: list[Quote]
    engine: str
