"""Where, when and to whom a quote was said, read from its reporting clause.

"told BBC radio on Thursday", "said in Geneva", "in an interview with CNN", "said in a
statement": the words around the cue. Relative dates are resolved against the publication
date and say how; with no support in the text, the date stays empty, never the publication
date by default. With no place in the clause, the article's dateline stands in, marked so.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import replace
from datetime import date, timedelta

from .context import tokens_inside
from .lexicons import clause_breaks, media_words, months, pronouns, weekdays
from .words import ARTICLES, DASHES, DETERMINERS, is_capitalised
from .records import Doc, Quote, Situation, Token

TELL = frozenset({"told", "tells", "telling", "tell"})
ATTACHED = frozenset({"in", "at", "on", "during", "with", "after", "before", "from", "to", "for", "of", "by", "outside", "inside", "near", "the", "a", "an"})
MAX_AFTER_CUE = 12
CLAUSE_REACH = 40  # tokens either side of the cue: a run-on "sentence" must not cost quadratic time
MAX_BEFORE_CUE = 6
MAX_ADDRESSEE_WORDS = 5
STOP = DASHES | {",", ".", ";", ":", "(", ")", '"', "“", "”", "''"}


def situate_quotes(doc: Doc, quotes: list[Quote], published: str | None, dateline: str | None) -> list[Quote]:
    """QUOTES with their addressee, place and date, as far as their reporting clauses say."""
    starts = [sentence.start for sentence in doc.sentences]
    quoted = tokens_inside(doc, ((quote.span.open, quote.span.close) for quote in quotes))
    return [replace(quote, situation=situate(doc, quote, published, dateline, starts, quoted)) for quote in quotes]


def situate(
    doc: Doc, quote: Quote, published: str | None, dateline: str | None,
    sentence_starts: list[int], quoted: list[bool],
) -> Situation:
    """The addressee, place and date of one quote's utterance; QUOTED says which tokens are inside a quote."""
    tokens = _clause(doc, quote, sentence_starts, quoted)
    cue_at = next((i for i, t in enumerate(tokens) if quote.cue and t.start == quote.cue.start), None)
    around_cue = _around_cue(tokens, cue_at)
    after_cue = around_cue[min(cue_at, MAX_BEFORE_CUE) + 1 :] if cue_at is not None else []
    place = _place(after_cue) or _speaking_in(tokens)
    phrase, said_on, basis = _date(around_cue, published)
    return Situation(
        addressee=_addressee(tokens, cue_at),
        place=place or dateline,
        place_basis=("stated" if place else "dateline") if place or dateline else None,
        said_on=said_on,
        said_on_phrase=phrase,
        said_on_basis=basis,
    )


def _clause(doc: Doc, quote: Quote, sentence_starts: list[int], quoted: list[bool]) -> list[Token]:
    """The tokens of the sentence holding the cue (or the quote), outside every quote's marks."""
    if not doc.sentences:
        return []
    anchor = quote.cue.start if quote.cue else quote.span.open
    sentence = doc.sentences[max(bisect_right(sentence_starts, anchor) - 1, 0)]
    at = bisect_left(doc.tokens, anchor, key=lambda token: token.start)
    first = max(sentence.first_token, at - CLAUSE_REACH)
    last = min(sentence.last_token, at + CLAUSE_REACH)
    return [token for token, inside in zip(doc.tokens[first:last], quoted[first:last]) if not inside]


def _around_cue(tokens: list[Token], cue_at: int | None) -> list[Token]:
    """The words that describe the act of saying: a few before the cue ("on Wednesday said") and
    the phrases after it, up to where a reported clause begins ("said Kerry was …", "said that")."""
    if cue_at is None:
        return []
    end = cue_at + 1
    while end < len(tokens) and end - cue_at <= MAX_AFTER_CUE:
        word = tokens[end].text.lower()
        if word in STOP - {","} or (word in clause_breaks() and word not in ATTACHED):
            break
        if word == "to" and end + 1 < len(tokens) and tokens[end + 1].text.islower():
            break  # "agreed to intensify …": an infinitive starts what was agreed
        end += 1
    return tokens[max(0, cue_at - MAX_BEFORE_CUE) : end]


def _speaking_in(tokens: list[Token]) -> str | None:
    for i, token in enumerate(tokens[:-1]):
        if token.text.lower() == "speaking" and tokens[i + 1].text in ("in", "at"):
            return _place(tokens[i + 1 :])
    return None


def _noun_phrase(tokens: list[Token], first: int) -> str | None:
    words = []
    for token in tokens[first : first + MAX_ADDRESSEE_WORDS]:
        lower = token.text.lower()
        if token.text in STOP or (lower in clause_breaks() and lower not in ("the",)) or lower in weekdays():
            break
        if (lower.endswith("ing") and token.text.islower()) or lower in pronouns():
            break  # "told reporters waiting for a deal", "an interview with RT he blasted …"
        if words and lower in DETERMINERS and words[-1].lower() not in ATTACHED and not _inside_title(tokens, first + len(words)):
            break  # "told reporters the president was …": what was told begins ("some of the miners" goes on)
        words.append(token.text)
    while words and words[0].lower() in ARTICLES:
        words.pop(0)
    while words and words[-1].lower() in ATTACHED:
        words.pop()  # "told his radio audience of Monday"
    return " ".join(words) or None


def _inside_title(tokens: list[Token], k: int) -> bool:
    """Whether tokens[k] is a small word between capitalised ones: `Face the Nation`."""
    return 0 < k < len(tokens) - 1 and is_capitalised(tokens[k - 1].text) and is_capitalised(tokens[k + 1].text)


def _addressee(tokens: list[Token], cue_at: int | None) -> str | None:
    """`told reporters` / `told BBC radio`; else `interview with CNN`, `in a statement`, `on Twitter`."""
    if cue_at is not None and tokens[cue_at].text.lower() in TELL:
        told = _noun_phrase(tokens, cue_at + 1)
        if told:
            return told
    words = [t.text.lower() for t in tokens]
    for i, word in enumerate(words):
        if word == "with" and i and words[i - 1] == "interview":
            return _noun_phrase(tokens, i + 1)
    for i, word in enumerate(words):
        if word in ("in", "on", "at", "during") and i + 1 < len(words):
            k = i + 1 + (words[i + 1] in ("a", "an", "the", "his", "her", "their"))
            for length in (2, 1):
                medium = " ".join(words[k : k + length])
                if medium in media_words():
                    return " ".join(t.text for t in tokens[k : k + length])
        if word == "to" and i + 1 < len(words) and words[i + 1] in ("reporters", "journalists", "supporters"):
            return tokens[i + 1].text
    return None


def _place(tokens: list[Token]) -> str | None:
    """`said in Geneva`, `speaking in Hangzhou, China`: a capitalised name after "in"."""
    for i, token in enumerate(tokens[:-1]):
        if token.text != "in":
            continue
        run = []
        for following in tokens[i + 1 : i + 5]:
            word = following.text
            if not is_capitalised(word) or word.lower().rstrip(".") in months() or word.lower() in weekdays():
                break
            if word.endswith(("'s", "’s")):
                run = []  # "in Scott's district": a possessive, not a place
                break
            run.append(word)
        if run and not any(w.lower() in media_words() for w in run):
            return " ".join(run)
    return None


def _date(tokens: list[Token], published: str | None) -> tuple[str | None, str | None, str | None]:
    """(phrase as written, ISO date or None, how it was derived) for the first date in the clause."""
    issued = date.fromisoformat(published) if published else None
    words = [t.text.lower().rstrip(".") for t in tokens]
    for i, word in enumerate(words):
        if word in weekdays():
            before = words[i - 1] if i else ""
            phrase = " ".join(t.text for t in tokens[i - (before in ("on", "last", "this")) : i + 1])
            if issued is None:
                return phrase, None, "no publication date to resolve it against"
            back = (issued.weekday() - weekdays()[word]) % 7
            if before == "last" and back == 0:
                back = 7
            return phrase, (issued - timedelta(days=back)).isoformat(), "weekday on or before publication"
        if tokens[i].text in ("yesterday", "today") or (word == "week" and i and words[i - 1] == "last"):
            phrase = "last week" if word == "week" else tokens[i].text
            if issued is None:
                return phrase, None, "no publication date to resolve it against"
            days = {"yesterday": 1, "today": 0, "week": 7}[word]
            basis = "a week before publication (approximate)" if word == "week" else f"{phrase.lower()} relative to publication"
            return phrase, (issued - timedelta(days=days)).isoformat(), basis
        if word in months() and i + 1 < len(words) and words[i + 1].isdigit() and int(words[i + 1]) <= 31:
            year = words[i + 3] if i + 3 < len(words) and words[i + 2] == "," and words[i + 3].isdigit() else None
            year = year or (words[i + 2] if i + 2 < len(words) and len(words[i + 2]) == 4 and words[i + 2].isdigit() else None)
            phrase = " ".join(t.text for t in tokens[i : i + (2 if year is None else 4 if words[i + 2] == "," else 3)])
            try:
                if year:
                    return phrase, date(int(year), months()[word], int(words[i + 1])).isoformat(), "explicit date"
                if issued is None:
                    return phrase, None, "no year and no publication date"
                candidate = date(issued.year, months()[word], int(words[i + 1]))
                if candidate > issued:
                    candidate = candidate.replace(year=issued.year - 1)
                return phrase, candidate.isoformat(), "explicit date, year of publication"
            except ValueError:
                continue
    return None, None, None
