"""The role of each paragraph, read once per doc: headings (a headline, a section title) and page
furniture (navigation, teasers, footers). Detection, attribution and resolution all read them here."""
from __future__ import annotations

from dataclasses import dataclass

from .lexicons import title_small_words
from .metadata import boilerplate_paragraphs
from .records import Doc, Span

TERMINAL = ".!?…"  # characters that end a sentence
TRAILING_MARKS = "\"'“”‘’)] "
HEADING_MAX_WORDS = 14


@dataclass(frozen=True, slots=True)
class Layout:
    """Indexes of the doc's paragraphs that are headings, and of those that are page furniture."""

    headings: frozenset[int]
    furniture: frozenset[int]

    @classmethod
    def of(cls, doc: Doc) -> Layout:
        headings = frozenset(index for index, paragraph in enumerate(doc.paragraphs) if is_heading(doc.text, paragraph, index))
        return cls(headings, boilerplate_paragraphs(doc.text, doc.paragraphs))


def is_heading(text: str, paragraph: Span, index: int) -> bool:
    """A headline or section heading: the first line, or a short line with no closing full stop."""
    line = text[paragraph.start : paragraph.end]
    if index == 0:
        return True
    body = line.rstrip(TRAILING_MARKS)
    if len(line.split()) > HEADING_MAX_WORDS:
        return False
    # a title-case line is a heading however it ends (`Hale Says He Will Run.`)
    return not body.endswith(tuple(TERMINAL + ",:;")) or _title_line(body)


def _title_line(line: str) -> bool:
    """Three or more words in title case: a headline's style, not a sentence's."""
    words = [word.lstrip("\"'“‘(") for word in line.split()]
    words = [word for word in words if word[:1].isalpha()]
    return len(words) >= 3 and title_case(words)


def title_case(words: list[str]) -> bool:
    """Each word capitalised, a number ("Apollo 13", "60 Minutes"), or a short word a title leaves
    in lowercase ("Gang of Eight"); the first word capitalised or a number, and one at least
    capitalised."""
    return (
        (words[0][:1].isupper() or words[0][:1].isdigit()) and any(word[:1].isupper() for word in words)
        and all(word[:1].isupper() or word[:1].isdigit() or word.lower() in title_small_words() for word in words)
    )


def mostly_capitalised(line: str) -> bool:
    """A title-case headline: most of its words capitalised ("Cruz Wins Most Delegates In Wyoming")."""
    words = [word for word in line.split() if word[:1].isalpha()]
    return sum(word[0].isupper() for word in words) * 2 > len(words)
