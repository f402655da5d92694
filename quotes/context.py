"""Where each quote sits among the doc's tokens: the reporting text before and after it."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter

from .layout import Layout
from .metadata import dateline_end
from .records import Doc, QuoteSpan
from .words import SENTENCE_END, token_classes

MAX_REACH = 80  # tokens a window reaches from a quote: reporting clauses are short
CAPITALISED_INSIDE = re.compile(r"(?<=[a-z,] )[A-Z][\w'’-]*\w")  # after a word: overlapping, as in "Tom Hale"
MAX_DATELINE_CHARS = 120  # `HARBOR CITY, Ore. (Harbor Valley Gazette) — `, with room to spare


@dataclass(frozen=True, slots=True)
class QuoteContext:
    """A doc with its quotes, and the token windows around each quote (bounded by other quotes)."""

    doc: Doc
    quotes: tuple[QuoteSpan, ...]
    layout: Layout
    token_starts: tuple[int, ...]
    quote_starts: tuple[int, ...]
    lowercase_words: frozenset[str]  # the doc's words written in lowercase: "See" opening a sentence is no name
    sentence_firsts: frozenset[int]  # index of each sentence's first token
    sentence_starts: tuple[int, ...]  # offset of each sentence's start, for bisecting
    classes: str  # each token's class letter (words.token_classes), what the rules' patterns read
    # each quote's windows, worked out once: every rule asks for them
    windows: dict[tuple[int, str], tuple[int, int]] = field(default_factory=dict)

    @classmethod
    def build(cls, doc: Doc, quotes: list[QuoteSpan], layout: Layout) -> QuoteContext:
        # map and filter with C-level callables: these run over every token of every article
        return cls(
            doc,
            tuple(quotes),
            layout,
            tuple(map(attrgetter("start"), doc.tokens)),
            tuple(q.start for q in quotes),
            frozenset(filter(str.islower, map(attrgetter("text"), doc.tokens))),
            frozenset(sentence.first_token for sentence in doc.sentences),
            tuple(sentence.start for sentence in doc.sentences),
            token_classes(doc.tokens),
        )

    def token_at(self, offset: int) -> int:
        """Index of the first token starting at or after OFFSET."""
        return bisect_left(self.token_starts, offset)

    def paragraph_tokens(self, paragraph: int) -> tuple[int, int]:
        span = self.doc.paragraphs[paragraph]
        return self.token_at(span.start), self.token_at(span.end)

    def before(self, index: int, whole_sentence: bool = False) -> tuple[int, int]:
        """Token range from the start of the quote's sentence (or the previous quote) to its opening mark.

        With WHOLE_SENTENCE the range reaches back past earlier quotes of the same sentence.
        """
        key = (index, "sentence" if whole_sentence else "before")
        if key not in self.windows:
            self.windows[key] = self._before(index, whole_sentence)
        return self.windows[key]

    def _before(self, index: int, whole_sentence: bool) -> tuple[int, int]:
        quote = self.quotes[index]
        first, _ = self.paragraph_tokens(quote.paragraph)
        last = self.token_at(quote.open)
        if not whole_sentence and index and self.quotes[index - 1].paragraph == quote.paragraph:
            first = max(first, self.token_at(self.quotes[index - 1].close))
        first = max(first, last - MAX_REACH)
        sentence = self.sentence_first(quote.open)
        if sentence > first:
            return min(sentence, last), last
        return min(self._after_dateline(quote.paragraph, first), last), last

    def sentence_first(self, offset: int) -> int:
        """The first token of the doc's sentence that holds OFFSET. A sentence that the doc starts
        inside a quote ("… said it was “a good debate. It was uplifting” and …") goes on the
        reporting sentence the quote stands in: it starts where that quote's sentence starts."""
        tokens = self.doc.tokens
        first = self._sentence_first_token(offset)
        while first < len(tokens) and self.inside_quote(tokens[first].start):
            opening = self.quotes[bisect_right(self.quote_starts, tokens[first].start) - 1].open
            earlier = self._sentence_first_token(opening)
            if earlier >= first:
                break
            first = earlier
        return first

    def _sentence_first_token(self, offset: int) -> int:
        return self.doc.sentences[max(bisect_right(self.sentence_starts, offset) - 1, 0)].first_token

    def _after_dateline(self, paragraph: int, first: int) -> int:
        """Past a dateline opening the paragraph at token FIRST (`HARBOR CITY, Ore. (AP) — `): the
        place it names is not the sentence's subject."""
        span = self.doc.paragraphs[paragraph]
        if first != self.token_at(span.start):
            return first
        end = dateline_end(self.doc.text[span.start : min(span.end, span.start + MAX_DATELINE_CHARS)])
        return first if end is None else self.token_at(span.start + end)

    def after(self, index: int) -> tuple[int, int]:
        """Token range from the closing mark to the first sentence-final mark or the next quote.

        Not to the end of the doc's sentence: a parser may end one inside the reporting words
        (`"Q," Sen. Ana Ruiz (D-Ore.)` | `said.`), which run on to the full stop.
        """
        key = (index, "after")
        if key not in self.windows:
            self.windows[key] = self._after(index)
        return self.windows[key]

    def _after(self, index: int) -> tuple[int, int]:
        quote = self.quotes[index]
        _, end = self.paragraph_tokens(quote.paragraph)
        first = self.token_at(quote.close)
        if index + 1 < len(self.quotes) and self.quotes[index + 1].paragraph == quote.paragraph:
            end = min(end, self.token_at(self.quotes[index + 1].open))
        tokens = self.doc.tokens
        if first < end and self._sentence_ends_inside(quote):
            return first, first  # `called the plan "reckless." Hale said`: the sentence ended inside the marks
        end = min(end, first + MAX_REACH)
        for i in range(first, end):
            if tokens[i].text in SENTENCE_END and not (i + 1 < end and tokens[i + 1].text == ")"):
                return first, i
        return first, end

    def _sentence_ends_inside(self, quote: QuoteSpan) -> bool:
        """Whether a partial quote's full stop, before the closing mark, ends the sentence: a
        capitalised word follows the mark (`called the plan "reckless." Hale said`)."""
        after = self.token_at(quote.close)
        tokens = self.doc.tokens
        return (
            quote.kind == "partial"
            and self.doc.text[quote.end - 1] == "."
            and after < len(tokens)
            and tokens[after].text[:1].isupper()
        )

    def capitalised_inside_sentences(self, word: str) -> bool:
        """Whether the doc writes WORD capitalised after a word: a name ("Connolly"), not "Moreover"."""
        return word in _capitalised_inside(self.doc.text)

    def inside_quote(self, offset: int) -> bool:
        """Whether OFFSET falls inside the content of any quote."""
        i = bisect_right(self.quote_starts, offset) - 1
        return i >= 0 and offset < self.quotes[i].end


def tokens_inside(doc: Doc, spans: Iterable[tuple[int, int]]) -> list[bool]:
    """For each token of DOC, whether it starts inside one of SPANS (character ranges)."""
    flags = [False] * len(doc.tokens)
    for start, end in spans:
        first = bisect_left(doc.tokens, start, key=attrgetter("start"))
        last = bisect_left(doc.tokens, end, key=attrgetter("start"))
        flags[first:last] = [True] * (last - first)
    return flags


@lru_cache(maxsize=4)  # asked for a few words of an article, rarely: read once per article, when asked
def _capitalised_inside(text: str) -> frozenset[str]:
    """The words TEXT capitalises after a lowercase word or a comma, with and without "'s"."""
    words = CAPITALISED_INSIDE.findall(text)
    return frozenset(words).union(word[:-2] for word in words if word.endswith(("'s", "’s")))
