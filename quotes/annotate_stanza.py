"""The Stanza annotator: installed neural models, or parses read from CoNLL-U files → Doc.

Stanza is imported only when a model is loaded; models are never downloaded implicitly
(`download_method=None`): `quotes models download` is the one place that fetches them.
"""
from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from .annotate import split_paragraphs
from .errors import ModelsMissing, QuotesError, SourceError
from .records import Doc, Sentence, Token

LANGUAGE = "en"
PARSE_PROCESSORS = ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")
ENGINE_PROCESSORS = ("pos", "lemma", "depparse", "ner")  # what `auto` needs to choose Stanza
INSTALL_HINT = "quotes models download"


def models_dir(explicit: str | Path | None = None) -> Path:
    """Where Stanza models are looked for: the option, QUOTES_STANZA_DIR, STANZA_RESOURCES_DIR, Stanza's default."""
    if explicit:
        return Path(explicit)
    for variable in ("QUOTES_STANZA_DIR", "STANZA_RESOURCES_DIR"):
        if os.environ.get(variable):
            return Path(os.environ[variable])
    return Path.home() / "stanza_resources"


def installed_processors(directory: Path) -> dict[str, bool]:
    """Which of the English processors have a model file in DIRECTORY (and a resources.json)."""
    has_resources = (directory / "resources.json").is_file()
    return {
        processor: has_resources and any((directory / LANGUAGE / processor).glob("*.pt"))
        for processor in PARSE_PROCESSORS
    }


def choose_engine(engine: str, directory: Path) -> str:
    """`rules` or `stanza` for ENGINE (auto | stanza | rules); ModelsMissing when stanza cannot run."""
    if engine == "rules":
        return "rules"
    installed = installed_processors(directory)
    ready = installed["tokenize"] and all(installed[p] for p in ENGINE_PROCESSORS)
    if engine == "auto":
        return "stanza" if ready else "rules"
    if engine != "stanza":
        raise QuotesError(f"--engine {engine}: not an engine (auto, stanza or rules)")
    if not ready:
        missing = ", ".join(p for p, ok in installed.items() if not ok)
        raise ModelsMissing(f"{directory}: Stanza models missing ({missing}) (install them: {INSTALL_HINT} --dir {directory})")
    return "stanza"


@cache
def load_pipeline(directory: str, processors: tuple[str, ...] = PARSE_PROCESSORS):
    """A Stanza pipeline over the installed models in DIRECTORY; never downloads."""
    import stanza

    try:
        return stanza.Pipeline(
            LANGUAGE, dir=directory, processors=",".join(processors), download_method=None, logging_level="WARN"
        )
    except (FileNotFoundError, ValueError, KeyError, OSError) as e:
        raise ModelsMissing(f"{directory}: cannot load Stanza models {','.join(processors)} ({e}) (install them: {INSTALL_HINT})") from e


def annotate_with_stanza(text: str, pipeline) -> Doc:
    """Run the Stanza PIPELINE over TEXT and convert the result."""
    return doc_from_stanza(pipeline(text), text)


def doc_from_stanza(document, text: str | None = None) -> Doc:
    """Convert a Stanza Document (from a pipeline or CoNLL-U) into a Doc, keeping the layers it has."""
    text = text if text is not None else document.text
    tokens: list[Token] = []
    sentences: list[Sentence] = []
    layers: set[str] = set()
    for sentence in document.sentences:
        first = len(tokens)
        for token in sentence.tokens:
            entity = token.ner[2:] if token.ner and token.ner != "O" else None
            for word in token.words:
                start = word.start_char if word.start_char is not None else token.start_char
                end = word.end_char if word.end_char is not None else token.end_char
                head = first + word.head - 1 if word.head else None
                tokens.append(Token(start, end, text[start:end], word.upos, word.lemma, head, word.deprel, entity))
                layers |= {"pos"} if word.upos else set()
                layers |= {"deps"} if word.deprel else set()
                layers |= {"entities"} if token.ner else set()
        if len(tokens) > first:
            sentences.append(Sentence(tokens[first].start, tokens[-1].end, first, len(tokens)))
    return Doc(text, split_paragraphs(text), tuple(sentences), tuple(tokens), engine="stanza", layers=frozenset(layers))


def read_conllu(conllu: str, text: str, path: str = "<conllu>") -> Doc:
    """A Doc from CoNLL-U (UD v2 columns; start_char/end_char and ner in MISC, as Stanza writes them).

    Read directly, without building Stanza objects, so that parsed corpora ingest fast. Tokens
    without offsets are aligned to TEXT in order.
    """
    tokens: list[Token] = []
    sentences: list[Sentence] = []
    layers: set[str] = set()
    cursor = 0
    first = 0
    for number, line in enumerate(conllu.splitlines(), 1):
        if not line.strip():
            if len(tokens) > first:
                sentences.append(Sentence(tokens[first].start, tokens[-1].end, first, len(tokens)))
            first = len(tokens)
            continue
        if line.startswith("#"):
            continue
        columns = line.split("\t")
        if len(columns) != 10:
            raise SourceError(f"{path}:{number}: not a CoNLL-U line ({len(columns)} columns, 10 expected)")
        word_id, form, lemma, upos, _, _, head, deprel, _, misc = columns
        if "-" in word_id or "." in word_id:
            continue  # multiword ranges and empty nodes: the words carry the analysis
        fields = dict(item.split("=", 1) for item in misc.split("|") if "=" in item)
        if "start_char" in fields:
            start, end = int(fields["start_char"]), int(fields["end_char"])
        else:
            start = text.find(form, cursor)
            if start < 0:
                raise SourceError(f"{path}:{number}: token {form!r} not found in the text")
            end = start + len(form)
        cursor = end
        ner = fields.get("ner")
        entity = ner[2:] if ner and ner != "O" else None
        head_index = first + int(head) - 1 if head not in ("_", "0") else None
        tokens.append(Token(start, end, text[start:end], _value(upos), _value(lemma), head_index, _value(deprel), entity))
        layers |= {"pos"} if upos != "_" else set()
        layers |= {"deps"} if deprel != "_" else set()
        layers |= {"entities"} if ner else set()
    if len(tokens) > first:
        sentences.append(Sentence(tokens[first].start, tokens[-1].end, first, len(tokens)))
    return Doc(text, split_paragraphs(text), tuple(sentences), tuple(tokens), engine="conllu", layers=frozenset(layers))


def _value(column: str) -> str | None:
    return None if column == "_" else column


def text_for_conllu(conllu_path: Path) -> Path:
    """The article beside NAME.conllu: NAME.txt in the same folder or in a sibling docs/ folder."""
    for candidate in (conllu_path.with_suffix(".txt"), conllu_path.parent.parent / "docs" / (conllu_path.stem + ".txt")):
        if candidate.is_file():
            return candidate
    raise SourceError(f"{conllu_path}: no {conllu_path.stem}.txt beside it or in ../docs/ (the CoNLL-U needs its text)")


def download_models(directory: Path) -> None:
    """Fetch Stanza's English parsing models into DIRECTORY; QuotesError in one line when offline."""
    import stanza

    try:
        stanza.download(LANGUAGE, model_dir=str(directory), processors=",".join(PARSE_PROCESSORS), logging_level="WARN")
    except OSError as e:  # requests' ConnectionError is an OSError
        raise QuotesError(f"{directory}: could not download Stanza models ({type(e).__name__}; is this machine offline?)") from e


def describe_models(directory: Path) -> dict:
    """What `quotes models status` shows: the folder, each processor, and the engine `auto` picks."""
    return {
        "directory": str(directory),
        "resources": (directory / "resources.json").is_file(),
        "processors": installed_processors(directory),
        "auto_engine": choose_engine("auto", directory),
    }
