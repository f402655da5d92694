"""The one place the stages are put in order: read → annotate → detect → attribute → store."""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from .annotate import annotate_text
from .attribute import attribute_quotes
from .detect import detect_quotes
from .errors import QuotesError
from .read import find_sources, read_article
from .records import Article, Doc, Quote, Result
from .store import save_result, stored_hash


def extract_quotes(text: str) -> list[Quote]:
    """The attributed quotes in TEXT, with the model-free engine."""
    return quotes_from_doc(annotate_text(text))


def quotes_from_doc(doc: Doc) -> list[Quote]:
    """Detect and attribute the quotes of an annotated doc."""
    return attribute_quotes(doc, detect_quotes(doc))


def process_article(article: Article) -> Result:
    doc = annotate_text(article.text)
    return Result(article, quotes_from_doc(doc), doc.engine)


@dataclass
class IngestSummary:
    """Counts for the one-line report at the end of an ingest."""

    read: int = 0
    new: int = 0
    changed: int = 0
    skipped: int = 0
    quotes: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    def line(self) -> str:
        return (
            f"{self.read} documents read: {self.new} new, {self.changed} changed, {self.skipped} unchanged, "
            f"{len(self.failed)} failed; {self.quotes} quotes stored in {self.seconds:.1f} s"
        )


def ingest(
    db: Database,
    paths: Iterable[str | Path],
    on_error: Callable[[str, str], None] = lambda path, message: None,
    on_file: Callable[[str], None] = lambda path: None,
    strict: bool = False,
) -> IngestSummary:
    """Read, extract and store every source under PATHS; unchanged documents are skipped.

    A file that cannot be read or processed is reported through ON_ERROR and the ingest goes
    on (STRICT re-raises instead); what was stored before is never touched by a failure.
    """
    summary = IngestSummary()
    began = time.perf_counter()
    for path in find_sources(paths):
        on_file(str(path))
        summary.read += 1
        try:
            article = read_article(path)
            previous = stored_hash(db, article.path)
            if previous == article.content_hash:
                summary.skipped += 1
                continue
            result = process_article(article)
            save_result(db, result)
        except Exception as e:  # one bad file must not stop the others
            if strict:
                raise
            message = str(e) if isinstance(e, QuotesError) else f"{path}: could not be processed ({type(e).__name__}: {e})"
            summary.failed.append((str(path), message))
            on_error(str(path), message)
            continue
        summary.quotes += len(result.quotes)
        if previous is None:
            summary.new += 1
        else:
            summary.changed += 1
    summary.seconds = time.perf_counter() - began
    return summary
