"""The engines that annotate an article: the model-free rules, CoNLL-U parses, or Stanza's
models; which one an extraction uses, and why."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from .annotate import annotate_text
from .errors import QuotesError
from .records import Article, Doc

Annotator = Callable[[Article, Path], Doc]
FORMATS = ("text", "conllu")


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
