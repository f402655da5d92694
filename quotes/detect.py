"""Quote spans from paired quote marks, read from the raw characters of each paragraph."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter

from .layout import TERMINAL, TRAILING_MARKS, Layout, title_case
from .lexicons import naming_verbs, speech_verbs, work_title_followers, work_titles
from .name_runs import nickname_at
from .records import Doc, QuoteSpan, Span
from .words import DASHES

# Markup such as <tweet id="…"> carries attribute values in quote marks that are not quotes; a
# tag may be long (a tweet's whole text as an attribute) and broken across lines.
TAG = re.compile(r"</?[A-Za-z][^<>]{0,2000}>")
HEIGHT = re.compile(r"\d['’]\d\d?[\"”]")  # 6'3", 5’11”: its last mark is an inch mark
# `"(CROSSTALK.)`, `“[Applause]”`: a transcript's stage direction, said by no one
STAGE_DIRECTION = re.compile(r"[(\[][^()\[\]]*[)\]][.,]?")
DOUBLE_MARK = re.compile(r"''|``|[\"“”„]")
OPENS_ONLY = frozenset({"“", "``", "„"})
CLOSES_ONLY = frozenset({"”"})
# The mark first, then what may stand before it (nothing, a space, a bracket, a dash or a slash):
# a pattern that starts with the mark lets the regex engine skip straight to the marks.
SINGLE_OPEN = re.compile(r"['‘](?<![^\s(\[—–\-/]['‘])(?=[\w\[])")
SINGLE_CLOSE = re.compile(r"(?<=[\w.,!?)\]…])['’](?=$|[\s.,;:!?)\]—–\-])")
# 'em, 'til, '90s: an apostrophe where a word begins, not an opening mark
ELISION = re.compile(r"['‘’](?:em|til|tis|twas|cause|n|\d\ds?)\b", re.IGNORECASE)
# `"HALE: …`: a transcript's speaker label inside the marks, which is no part of the quote
SPEAKER_LABEL = re.compile(r"(?:[A-Z][A-Z.'’\-]+ ){0,3}[A-Z][A-Z.'’\-]+: +(?=\S)")
MAX_SINGLE_QUOTE = 300


@dataclass(frozen=True, slots=True)
class _Mark:
    start: int
    end: int
    text: str


def detect_quotes(doc: Doc, layout: Layout) -> list[QuoteSpan]:
    """Every quote span in the doc, paragraph by paragraph, in text order; scare quotes and page
    furniture (navigation, teasers, footers) left out."""
    spans: list[QuoteSpan] = []
    sentence_starts = [sentence.start for sentence in doc.sentences]
    masked = _masked(doc.text)
    for index, paragraph in enumerate(doc.paragraphs):
        if index in layout.furniture:
            continue
        heading = index in layout.headings
        for open_, start, end, close, marks, closed in _paragraph_quotes(doc.text, masked, paragraph):
            label = SPEAKER_LABEL.match(doc.text, start, end)
            start = label.end() if label else start
            kind = "heading" if heading else classify_kind(doc.text, paragraph, open_, start, end)
            span = QuoteSpan(start, end, open_, close, kind, marks, closed, index)
            if STAGE_DIRECTION.fullmatch(doc.text, start, end) or (heading or marks == "single") and index and _whole_paragraph(doc.text, paragraph, open_, close):
                continue  # a stage direction; a section title made of quoted words (`'There's so much anger.'`)
            if (
                not (kind == "partial" and is_scare_quote(doc, span, sentence_starts))
                and not is_work_title(doc, span) and not is_nickname(doc, span) and not is_credited_title(doc.text, span)
            ):
                spans.append(span)
    return spans


MAX_TITLE_WORDS = 8
MAX_TERM_WORDS = 2  # the "gun violence" narrative, a "super PAC": a term marked as such


def is_scare_quote(doc: Doc, span: QuoteSpan, sentence_starts: Sequence[int], max_words: int = 1) -> bool:
    """A title ("Fox News Sunday") or a term of up to MAX_WORDS words, in a sentence where nobody speaks."""
    words = doc.text[span.start : span.end].split()
    if len(words) > max_words and not title_case(words):
        return False
    first = max(bisect_right(sentence_starts, span.open) - 1, 0)
    last = bisect_right(sentence_starts, span.close)
    for sentence in doc.sentences[first:last]:
        for token in doc.tokens[sentence.first_token : sentence.last_token]:
            if span.start <= token.start < span.end:
                continue
            word = token.text
            if word in speech_verbs() or word in naming_verbs() or word == ":" or word.lower() == "according":
                return False
    return True


def is_work_title(doc: Doc, span: QuoteSpan) -> bool:
    """The title of a show, book or film, or a group's name, marked like a quote: title case
    after a possessive, a preposition, "told" or a word such as "show" ("on CNN’s “New Day,”
    Gillibrand said", "on Channel News' “Harbor Minutes”", "the author of “Going Viral,”", "Ruiz
    told “Harbor Mornings”", a show she spoke to), or before a word such as "star" ("“Broad
    City” star Arturo Castro")."""
    text = doc.text[span.start : span.end]
    words = text.split()
    if not 0 < len(words) <= MAX_TITLE_WORDS or not title_case(words):
        return False
    before = doc.text[max(0, span.open - 40) : span.open].split()
    after = doc.text[span.close : span.close + 40].split()
    previous = before[-1].rstrip(",") if before else ""
    following = after[0].lower() if after else ""
    described = following in ("a", "an", "the") and any(word.lower().strip(",.") in work_titles() for word in after[1:3])
    named = described or previous.lower() in work_titles() or following in work_title_followers()
    if span.kind == "heading":
        return named  # a headline is title case throughout: only a word naming a work tells
    return (
        named
        or previous.endswith(("'s", "’s", "s'", "s’"))
        or previous.lower() in ("on", "in", "with", "told") and len(words) > 1
        or previous.lower() == "of" and len(words) > 1 and reads_as_name(text)  # not "chants of “Ted! Ted!”"
    )


CREDIT = re.compile(r"\s*,?\s*by\s+(?:the\s+)?[A-Z]")  # `, by Harbor Gazette's Ana Ruiz`


def is_credited_title(text: str, span: QuoteSpan) -> bool:
    """The title of an article or a book, credited to its writer: `"Pop-up gallery opens in the
    harbor," by Harbor Gazette's Ana Ruiz: …`, `''The Harbor Years,'' by Tom Hale`: capitalised,
    closed by a comma, then "by" and a name (`"arbitrarily detained" by Britain` is said of someone)."""
    content = text[span.start : span.end]
    comma = content.endswith(",") or text.startswith(",", span.close)
    return content[:1].isupper() and comma and CREDIT.match(text, span.close) is not None


def is_nickname(doc: Doc, span: QuoteSpan) -> bool:
    """A nickname in marks inside a person's name (names.nickname_at), outside a headline's title
    case: `Marcia "Cia" Price`."""
    if span.kind == "heading":
        return False
    k = bisect_left(doc.tokens, span.open, key=attrgetter("start"))
    return k < len(doc.tokens) and doc.tokens[k].start == span.open and nickname_at(doc.tokens, k)


def reads_as_name(text: str) -> bool:
    """Short and capitalised like a title, a slogan or a group's name ("Gang of Eight"), with no
    exclamation or question that would make it a shout ("USA! USA!")."""
    words = text.split()
    return 0 < len(words) <= MAX_TITLE_WORDS and title_case(words) and not any(mark in text for mark in "!?")


def classify_kind(text: str, paragraph: Span, open_: int, start: int, end: int) -> str:
    """`full` for a quoted utterance, `partial` for quoted words inside a sentence of reporting."""
    content = text[start:end]
    lead = content.lstrip("[(.…'‘’\"“ ")
    if not lead or not (lead[0].isupper() or lead[0].isdigit()):
        return "partial"
    before = text[paragraph.start : open_].rstrip()
    sentence_start = not before or before[-1] in TERMINAL + ":,;—–-\"”'’(" or before.endswith("''")
    if sentence_start:
        return "full"
    # A capitalised span inside running text is a full quote only when it reads as a sentence
    # (one that opens with a number, "50-state strategy,", is a phrase unless it is long).
    ends_like_sentence = lead[0].isupper() and content.rstrip(TRAILING_MARKS)[-1:] in TERMINAL + ","
    return "full" if ends_like_sentence or len(content.split()) > 6 else "partial"


def _paragraph_quotes(text: str, masked: str, paragraph: Span):
    """(open, start, end, close, marks, closed) for the quotes in one paragraph; MASKED is the
    text with the marks that are no quote marks blanked out."""
    line = masked[paragraph.start : paragraph.end]
    doubles = list(_pair_double_marks(line, paragraph))
    found = [(o, c, "double", closed) for o, c, closed in doubles]
    taken = [(o, c) for o, c, _ in doubles]
    for o, c in _pair_single_marks(line, paragraph):
        if not any(a <= o < b or a < c <= b for a, b in taken):
            # British style, ‘… “inner” …’: the single marks are the quote, the double ones inside it
            found = [q for q in found if not o < q[0] < c] + [(o, c, "single", True)]
    found.sort()
    for o, c, marks, closed in found:
        content = _content(text, o, c, closed)
        if content is not None:
            yield o, content[0], content[1], c, marks, closed


def _whole_paragraph(text: str, paragraph: Span, open_: int, close: int) -> bool:
    """Whether the marks from OPEN_ to CLOSE hold all of the paragraph's words (`– ‘Who cares?’ –.`)."""
    framing = TRAILING_MARKS + "".join(DASHES)
    return not text[paragraph.start : open_].strip(framing) and not text[close : paragraph.end].strip(framing + ".,;:!?")


def _content(text: str, open_: int, close: int, closed: bool):
    """The content span between the marks, whitespace trimmed; None when empty."""
    start = open_ + (2 if text.startswith(("''", "``"), open_) else 1)
    end = close
    if closed:
        end -= 2 if text.startswith("''", close - 2) and close - 2 >= start else 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def _masked(text: str) -> str:
    """TEXT with the marks that are no quote marks blanked out, offsets kept: markup tags and
    the inch mark of a height."""
    if "<" in text:
        text = TAG.sub(lambda m: " " * len(m.group()), text)
    return HEIGHT.sub(lambda m: m.group()[:-1] + " ", text)


def _pair_double_marks(line: str, paragraph: Span):
    """(open, close, closed) for double-mark quotes; an unclosed one runs to the paragraph end."""
    base = paragraph.start
    marks = [_Mark(m.start(), m.end(), m.group()) for m in DOUBLE_MARK.finditer(line)]
    opened: _Mark | None = None
    depth = 0  # curly quotes nested inside the open quote (“… “inner” …”, "… “inner” …")
    for mark in marks:
        if opened is None:
            if mark.text in CLOSES_ONLY and _looks_closing(line, mark):
                continue  # a stray closing mark, e.g. the end of a quote begun in an earlier paragraph
            if mark.end == len(line):
                continue
            opened, depth = mark, 0
        elif mark.text in OPENS_ONLY and not _looks_closing(line, mark):  # `"… “inner” …`: an opening mark never closes
            depth += 1
        elif depth and mark.text in CLOSES_ONLY:
            depth -= 1
        else:
            yield base + opened.start, base + mark.end, True
            opened = None
    if opened is not None:
        yield base + opened.start, base + len(line), False


def _looks_closing(line: str, mark: _Mark) -> bool:
    before = line[mark.start - 1] if mark.start else " "
    after = line[mark.end] if mark.end < len(line) else " "
    return not before.isspace() and (after.isspace() or after in ".,;:!?)")


def _pair_single_marks(line: str, paragraph: Span):
    """(open, close) for single-mark quotes, apostrophes ('don't', 'Assad's', '’90s') left alone."""
    base = paragraph.start
    openers = list(SINGLE_OPEN.finditer(line))
    if not openers:
        return  # most paragraphs: apostrophes alone, and no need to list them
    closers = [m.start() for m in SINGLE_CLOSE.finditer(line)]
    position = 0
    for opener in openers:
        if opener.start() < position or ELISION.match(line, opener.start()):
            continue
        close = next((c for c in closers if c > opener.end()), None)
        if close is None or close - opener.start() > MAX_SINGLE_QUOTE:
            continue
        yield base + opener.start(), base + close + 1
        position = close + 1
