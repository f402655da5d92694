"""What an article's own text says about it: title, outlet, date, dateline, author, boilerplate."""
from __future__ import annotations

import re
from datetime import date

from .lexicons import boilerplate, months, news_agencies, organisation_words
from .records import Span
from .words import CLOSING_MARKS, OPENING_MARKS

QUOTE_MARKS = "".join(OPENING_MARKS | CLOSING_MARKS)  # the characters of every quote mark
HEADER_LINES = 15  # bylines, dates and datelines sit at the top of an article
MONTH = r"(?P<month>[A-Z][a-z]{2,8})\.?"
DATE_PATTERNS = (
    re.compile(r"\b" + MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b"),  # September 8, 2016
    re.compile(r"\b(?P<day>\d{1,2})\s+" + MONTH + r",?\s+(?P<year>(?:19|20)\d\d)\b"),  # 04 September 2016
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<monthnum>\d\d)-(?P<day>\d\d)(?!\d)"),  # 2016-09-08
)
BYLINE = re.compile(r"^(?:By|BY|From)\s+(?P<who>[^\n]{2,80}?)\s*$")
CREDIT = re.compile(r"\((?P<agency>[A-Z][A-Za-z .&-]{1,40})\)")
COPYRIGHT = re.compile(r"^(?:©|\(c\)|Copyright)\s*(?:©\s*)?(?:Copyright\s*)?(?:(?:19|20)\d\d\s*)?(?P<owner>[A-Z][^.\n]{1,60}?)\.?(?:\s+All [Rr]ights [Rr]eserved\.?)?$", re.IGNORECASE)
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z.'’-]+(?: [A-Z][A-Za-z.'’-]+){0,2})(?:,\s*[A-Z][A-Za-z.]+)?\s*(?:\((?P<credit>[^)]{1,40})\))?\s*[–—-]{1,2}\s"
)
# A writer's line at the foot of an article: "Follow Ana Ruiz on Twitter @anaruiz."
FOLLOW_LINE = re.compile(r"\W*Follow (?:[\w.'’-]+ ){1,4}on (?:Twitter|Facebook|Instagram)\b", re.IGNORECASE)
NAME = re.compile(r"^[A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z'-]+){1,2}$")
TEASER_PREFIX = 80


def dateline_place(paragraph: str) -> str | None:
    """The place of a dateline opening PARAGRAPH: `HARBOR CITY, Ore. — `, or in title case with
    an agency's credit, `Harbor City (AFP) – ` (else a title-case name opens a sentence)."""
    dateline = _dateline(paragraph)
    return dateline.group("place").strip() if dateline else None


def dateline_end(paragraph: str) -> int | None:
    """Where the dateline opening PARAGRAPH ends, or None."""
    dateline = _dateline(paragraph)
    return dateline.end() if dateline else None


def _dateline(paragraph: str) -> re.Match | None:
    dateline = DATELINE.match(paragraph)
    if dateline is None:
        return None
    credit = dateline.group("credit")
    return dateline if dateline.group("place").isupper() or credit and credit.lower() in news_agencies() else None


def is_boilerplate_line(line: str) -> bool:
    """A navigation, widget, tag-list, copyright or follow-me line ("Share", "Tags: …", "© Reuters",
    "Follow Ana Ruiz on Twitter @anaruiz")."""
    lowered = line.strip(QUOTE_MARKS).lower().rstrip(".:!")  # a transcript's `"Related:"` too
    return (
        lowered in boilerplate() or (":" in line and lowered.split(":")[0] in boilerplate())
        or bool(COPYRIGHT.match(line)) or bool(FOLLOW_LINE.match(line))
    )


def boilerplate_paragraphs(text: str, paragraphs: tuple[Span, ...]) -> frozenset[int]:
    """Indexes of paragraphs that are page furniture: navigation, widgets, tag lists, copyright
    lines, and teasers: of two paragraphs that open alike, the shorter (a summary cut short), or
    the later when they are the same."""
    found = set()
    openings: dict[str, tuple[int, int]] = {}  # opening → (index, length) of the paragraph kept
    for index, span in enumerate(paragraphs):
        line = text[span.start : span.end].strip()
        if is_boilerplate_line(line):
            found.add(index)
            continue
        opening = line[:TEASER_PREFIX]
        if len(line) > TEASER_PREFIX and opening in openings:
            earlier, length = openings[opening]
            if len(line) <= length:
                found.add(index)
                continue
            found.add(earlier)
        openings[opening] = (index, len(line))
    return frozenset(found)


def read_date(text: str) -> date | None:
    """The first complete date written in TEXT ("Thursday, September 8, 2016", "04 September 2016")."""
    candidates = []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            parsed = _to_date(match)
            if parsed is not None:
                candidates.append((match.start(), parsed))
    return min(candidates)[1] if candidates else None


def _to_date(match: re.Match) -> date | None:
    fields = match.groupdict()
    month = int(fields["monthnum"]) if fields.get("monthnum") else months().get(fields["month"].lower().rstrip("."))
    if month is None:
        return None
    try:
        return date(int(fields["year"]), month, int(fields["day"]))
    except ValueError:
        return None


def guess_metadata(text: str) -> dict:
    """title, outlet, published (ISO date), author and dateline, as far as the text shows them."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    header = lines[:HEADER_LINES]
    metadata: dict = {"title": None, "outlet": None, "published": None, "author": None, "dateline": None}
    for line in header:
        if is_boilerplate_line(line) or ">" in line:
            continue
        if metadata["title"] is None and len(line.split()) >= 3 and not BYLINE.match(line) and not read_date(line):
            metadata["title"] = line[:300]
        byline = BYLINE.match(line)
        if byline:
            who = byline.group("who").strip()
            if _is_outlet(who):
                metadata["outlet"] = metadata["outlet"] or _outlet_name(who)
            elif NAME.match(who):
                metadata["author"] = metadata["author"] or who
    for line in header + lines[-HEADER_LINES:]:
        published = read_date(line) if len(line) < 80 else None
        if published and metadata["published"] is None:
            metadata["published"] = published.isoformat()
    if metadata["outlet"] is None:
        metadata["outlet"] = _credited_outlet(lines)
    for line in lines[1 : HEADER_LINES + 5]:
        place = dateline_place(line)
        if place and len(line.split()) > 12:
            metadata["dateline"] = place.title()
            break
    return metadata


def _is_outlet(who: str) -> bool:
    words = who.lower().split()
    return who.lower() in news_agencies() or any(w in organisation_words() for w in words) or "staff" in words


def _outlet_name(who: str) -> str:
    words = who.split()
    while words and words[-1].lower() in ("staff", "reporters", "wire", "services"):
        words.pop()
    return " ".join(words) or who


def _credited_outlet(lines: list[str]) -> str | None:
    """An agency credit "(AFP)" near the top, else the owner in a copyright line at the bottom."""
    for line in lines[:HEADER_LINES + 5]:
        for match in CREDIT.finditer(line):
            if match.group("agency").lower() in news_agencies():
                return match.group("agency")
    for line in reversed(lines[-HEADER_LINES:]):
        copyright_line = COPYRIGHT.match(line)
        if copyright_line:
            return copyright_line.group("owner").strip()
    return None
