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
from .read import TEXT_SUFFIXES, find_sources, read_article
from .records import Article, Doc, Quote, Result
from .store import save_result, stored_hash

Annotator = Callable[[Article, Path], Doc]
FORMATS = ("text", "conllu")


def extract_quotes(text: str) -> list[Quote]:
    """The attributed quotes in TEXT, with the model-free engine."""
    return quotes_from_doc(annotate_text(text))


def quotes_from_doc(doc: Doc) -> list[Quote]:
    """Detect and attribute the quotes of an annotated doc."""
    return attribute_quotes(doc, detect_quotes(doc))


def annotate_rules(article: Article, source: Path) -> Doc:
    return annotate_text(article.text)


def make_annotator(engine: str = "rules", input_format: str = "text", models: Path | None = None) -> tuple[str, Annotator]:
    """(engine name, annotator) for the options: CoNLL-U parses, Stanza models, or the model-free rules."""
    from .annotate_stanza import choose_engine, models_dir

    if input_format == "conllu":
        from .annotate_stanza import read_conllu

        def annotate_conllu(article: Article, source: Path) -> Doc:
            return read_conllu(source.read_text(encoding="utf-8"), article.text, str(source))

        return "conllu", annotate_conllu
    if input_format != "text":
        raise QuotesError(f"--format {input_format}: not a format ({', '.join(FORMATS)})")
    directory = models_dir(models)
    if choose_engine(engine, directory) == "rules":
        return "rules", annotate_rules
    from .annotate_stanza import annotate_with_stanza, load_pipeline

    pipeline = load_pipeline(str(directory))
    return "stanza", lambda article, source: annotate_with_stanza(article.text, pipeline)


def source_files(paths: Iterable[str | Path], input_format: str = "text") -> list[Path]:
    return list(find_sources(paths, (".conllu",) if input_format == "conllu" else TEXT_SUFFIXES))


def read_source(path: Path, input_format: str = "text") -> Article:
    """The article a source file stands for: the file itself, or the text beside a CoNLL-U parse."""
    if input_format == "conllu":
        from .annotate_stanza import text_for_conllu

        return read_article(text_for_conllu(path))
    return read_article(path)


def process_article(article: Article, annotate: Annotator = annotate_rules, source: Path | None = None) -> Result:
    doc = annotate(article, source or Path(article.path))
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
    sources: Iterable[Path],
    annotate: Annotator = annotate_rules,
    input_format: str = "text",
    on_error: Callable[[str, str], None] = lambda path, message: None,
    on_file: Callable[[str], None] = lambda path: None,
    strict: bool = False,
) -> IngestSummary:
    """Read, extract and store every source; unchanged documents are skipped.

    A file that cannot be read or processed is reported through ON_ERROR and the ingest goes
    on (STRICT re-raises instead); what was stored before is never touched by a failure.
    """
    summary = IngestSummary()
    began = time.perf_counter()
    for path in sources:
        on_file(str(path))
        summary.read += 1
        try:
            article = read_source(path, input_format)
            previous = stored_hash(db, article.path)
            if previous == article.content_hash:
                summary.skipped += 1
                continue
            result = process_article(article, annotate, path)
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
