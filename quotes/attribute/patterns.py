"""Patterns over token classes: how a surface rule says where its cue and its speaker stand.

A pattern is a regular expression over the class letters of the tokens next to a quote (one
letter per token, `words.token_classes`), tried on the reporting text before the quote, after it,
or at its start. Its group `cue` holds the cue (a verb with the adverbs before it, a colon, a dash,
"according to"), and its group `speaker`, where it has one, the tokens in which the phrase grammar
(subject.py, names.py) reads the speaker. A rule with a pattern runs only where its pattern
matches, and reads the match instead of searching the tokens itself.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from ..context import QuoteContext
from ..words import CUE_VERB, SPEECH_VERB

# Named parts a pattern may use, as {speech_verb}
PARTS = {"speech_verb": SPEECH_VERB, "cue_verb": CUE_VERB}


class Match(NamedTuple):
    """Where a pattern matched: token indexes of the window and of each group."""

    first: int  # the window's first token
    last: int  # one past its last token
    found: re.Match

    def span(self, group: str) -> tuple[int, int]:
        """The token range of GROUP."""
        start, end = self.found.span(group)
        return self.first + start, self.first + end


@dataclass(frozen=True)
class Pattern:
    """A regular expression over the class letters of WINDOWS (tried in order): "before" (from the
    quote's sentence start to its opening mark), "after" (from its closing mark to the sentence's
    end), or "opening" (the first tokens inside the quote)."""

    regex: str
    windows: tuple[str, ...] = ("before",)
    compiled: re.Pattern = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "compiled", re.compile(self.regex.format(**PARTS)))

    def search(self, ctx: QuoteContext, index: int) -> Match | None:
        for window in self.windows:
            first, last = WINDOWS[window](ctx, index)
            # a slice, not pos/endpos: ^, $ and lookbehinds then stop at the window's edges
            found = self.compiled.search(ctx.classes[first:last])
            if found is not None:
                return Match(first, last, found)
        return None


MAX_LABEL_TOKENS = 5  # `Dana Herald:` opening a transcript's quote


def _opening(ctx: QuoteContext, index: int) -> tuple[int, int]:
    inside = ctx.token_at(ctx.quotes[index].open) + 1  # detection leaves the label out of the quote's text
    return inside, min(inside + MAX_LABEL_TOKENS, len(ctx.doc.tokens))


WINDOWS = {"before": QuoteContext.before, "after": QuoteContext.after, "opening": _opening}
