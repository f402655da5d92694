"""The one place the stages are put in order, for one article: read → annotate → lay out
(headings, page furniture) → detect → attribute → resolve (within the article) → situate. `ingest.py` then stores the results, and
storing identifies the speakers across articles."""
from __future__ import annotations

from pathlib import Path

from .annotate import annotate_text
from .attribute import attributed_quotes, find_attributions
from .context import QuoteContext
from .detect import detect_quotes
from .engines import Annotator, annotate_rules
from .layout import Layout
from .records import Article, Doc, Quote, Result
from .resolve import resolve_attributions
from .situate import situate_quotes

def extract_quotes(text: str, published: str | None = None) -> list[Quote]:
    """The attributed quotes in TEXT, with the model-free engine; PUBLISHED (ISO) resolves "on Monday"."""
    return quotes_from_doc(annotate_text(text), published)


def process_article(article: Article, annotate: Annotator = annotate_rules, source: Path | None = None) -> Result:
    return result_from_doc(article, annotate(article, source or Path(article.path)))


def result_from_doc(article: Article, doc: Doc) -> Result:
    """ARTICLE's quotes, from its annotated DOC."""
    return Result(article, quotes_from_doc(doc, article.published, article.dateline), doc.engine)


def quotes_from_doc(doc: Doc, published: str | None = None, dateline: str | None = None) -> list[Quote]:
    """Detect the quotes of an annotated doc, attribute them, resolve their speakers within the
    doc, and situate them in place and time."""
    layout = Layout.of(doc)
    context = QuoteContext.build(doc, detect_quotes(doc, layout), layout)
    found = find_attributions(context)
    speakers = resolve_attributions(context, found)
    return situate_quotes(doc, attributed_quotes(context, found, speakers), published, dateline)
