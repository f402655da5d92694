"""The one place the stages are put in order: read → annotate → detect → attribute."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .annotate import annotate_text
from .attribute import attribute_quotes
from .detect import detect_quotes
from .errors import SourceError
from .read import read_article
from .records import Article, Doc, Quote


@dataclass(frozen=True, slots=True)
class Result:
    """What the pipeline made of one article."""

    article: Article
    quotes: list[Quote]
    engine: str


def extract_quotes(text: str) -> list[Quote]:
    """The attributed quotes in TEXT, with the model-free engine."""
    return quotes_from_doc(annotate_text(text))


def quotes_from_doc(doc: Doc) -> list[Quote]:
    """Detect and attribute the quotes of an annotated doc."""
    return attribute_quotes(doc, detect_quotes(doc))


def process_article(article: Article) -> Result:
    doc = annotate_text(article.text)
    return Result(article, quotes_from_doc(doc), doc.engine)


def process_paths(paths: Iterable[str], on_error) -> Iterator[Result]:
    """Results for each readable path; a file that fails goes to ON_ERROR(path, error) and the stream goes on."""
    for path in paths:
        try:
            article = read_article(path)
        except SourceError as e:
            on_error(str(path), e)
            continue
        yield process_article(article)
