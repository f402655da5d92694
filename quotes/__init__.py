"""quotes: find every direct quotation in news articles and who said it."""
from importlib.metadata import PackageNotFoundError, version

from .pipeline import extract_quotes
from .records import Article, Attribution, Cue, Doc, Mention, Quote, QuoteSpan, Sentence, Token
from .stanza_registration import register_quote_processor

try:
    __version__ = version("quotes")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"

register_quote_processor()

__all__ = [
    "Article",
    "Attribution",
    "Cue",
    "Doc",
    "Mention",
    "Quote",
    "QuoteSpan",
    "Sentence",
    "Token",
    "extract_quotes",
]
