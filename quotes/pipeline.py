"""The one place the stages are put in order: read → annotate → detect → attribute (and resolve
within the article) → situate; `ingest.py` then stores (which links speakers and quotes across
articles)."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from .annotate import annotate_text
from .attribute import attribute_quotes
from .detect import detect_quotes
from .errors import QuotesError
from .read import TEXT_SUFFIXES, find_sources, read_article, read_jsonl
from .records import Article, Doc, Quote, Result
from .situate import situate_quotes

Annotator = Callable[[Article, Path], Doc]
FORMATS = ("text", "conllu")


def extract_quotes(text: str, published: str | None = None) -> list[Quote]:
    """The attributed quotes in TEXT, with the model-free engine; PUBLISHED (ISO) resolves "on Monday"."""
    return quotes_from_doc(annotate_text(text), published)


def quotes_from_doc(doc: Doc, published: str | None = None, dateline: str | None = None) -> list[Quote]:
    """Detect and attribute the quotes of an annotated doc, and situate them in place and time."""
    return situate_quotes(doc, attribute_quotes(doc, detect_quotes(doc)), published, dateline)


def annotate_rules(article: Article, source: Path) -> Doc:
    return annotate_text(article.text)


def annotate_conllu(article: Article, source: Path) -> Doc:
    from .annotate_stanza import read_conllu

    return read_conllu(source.read_text(encoding="utf-8"), article.text, str(source))


class Engine(NamedTuple):
    """The annotator an extraction uses, its name, and why it was chosen (said in one line)."""

    name: str
    annotate: Annotator
    why: str


def make_annotator(
    engine: str = "rules", input_format: str = "text", models: Path | None = None, device: str | None = None, threads: int = 0
) -> Engine:
    """The engine for the options: CoNLL-U parses, Stanza models (loaded on the first article that
    needs them), or the model-free rules."""
    if input_format == "conllu":
        return Engine("conllu", annotate_conllu, "parses read from CoNLL-U")
    if input_format != "text":
        raise QuotesError(f"--format {input_format}: not a format ({', '.join(FORMATS)})")
    if engine == "rules":
        return Engine("rules", annotate_rules, "chosen with --engine")
    from .models import choose_engine, find_models, models_dir

    found = find_models(models_dir(models))
    name, why = choose_engine(engine, found)
    if name == "rules":
        return Engine("rules", annotate_rules, why)
    from .annotate_stanza import StanzaAnnotator, StanzaSettings

    return Engine("stanza", StanzaAnnotator(StanzaSettings(str(found.directory), found.package, device=device, threads=threads)), why)


def source_files(paths: Iterable[str | Path], input_format: str = "text") -> list[Path]:
    return list(find_sources(paths, (".conllu",) if input_format == "conllu" else TEXT_SUFFIXES))


def read_source(path: Path, input_format: str = "text") -> Article:
    """The article a source file stands for: the file itself, or the text beside a CoNLL-U parse."""
    if input_format == "conllu":
        from .annotate_stanza import text_for_conllu

        return read_article(text_for_conllu(path))
    return read_article(path)


def read_sources(path: Path, input_format: str = "text") -> Iterator[Article | QuotesError]:
    """Every article in one source file (a JSON Lines file holds many); errors are yielded, not raised."""
    if input_format == "text" and path.suffix.lower() == ".jsonl":
        try:
            yield from read_jsonl(path)
        except QuotesError as e:
            yield e
        return
    try:
        yield read_source(path, input_format)
    except QuotesError as e:
        yield e


def process_article(article: Article, annotate: Annotator = annotate_rules, source: Path | None = None) -> Result:
    return result_from_doc(article, annotate(article, source or Path(article.path)))


def result_from_doc(article: Article, doc: Doc) -> Result:
    """ARTICLE's quotes, from its annotated DOC."""
    return Result(article, quotes_from_doc(doc, article.published, article.dateline), doc.engine)
