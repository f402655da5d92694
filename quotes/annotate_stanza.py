"""The Stanza annotator: installed neural models, or parses read from CoNLL-U files → Doc.

Stanza is imported only when a model is loaded; models are never downloaded implicitly
(`download_method=None`): `quotes models download` is the one place that fetches them.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .annotate import split_paragraphs
from .errors import ModelsMissing, SourceError
from .models import INSTALL_HINT, LANGUAGE, PARSE_PROCESSORS
from .records import Article, Doc, Sentence, Token

@dataclass(frozen=True)
class StanzaSettings:
    """What a Stanza pipeline is built from; picklable, so that each worker process builds its own
    (a Pipeline does not pickle) once, on its first article."""

    directory: str
    package: str = "default"
    processors: tuple[str, ...] = PARSE_PROCESSORS
    device: str | None = None  # cpu, cuda, cuda:N; None: Stanza's choice
    threads: int = 0  # torch's threads; 0: the cores this process may use


@cache
def load_pipeline(settings: StanzaSettings):
    """The Stanza pipeline for SETTINGS, built once per process; never downloads."""
    import stanza
    import torch

    if settings.device and settings.device.startswith("cuda") and not torch.cuda.is_available():
        raise ModelsMissing(f"--device {settings.device}: torch sees no CUDA GPU here (use --device cpu)")
    torch.set_num_threads(settings.threads or len(os.sched_getaffinity(0)))
    try:
        return stanza.Pipeline(
            LANGUAGE, dir=settings.directory, package=settings.package, processors=",".join(settings.processors),
            download_method=None, logging_level="WARN", device=settings.device,
        )
    except (FileNotFoundError, ValueError, KeyError, OSError, RuntimeError) as e:
        raise ModelsMissing(f"{settings.directory}: cannot load Stanza models {','.join(settings.processors)} ({e}) (install them: {INSTALL_HINT})") from e


@dataclass(frozen=True)
class StanzaAnnotator:
    """Articles → Docs through Stanza; the models load on the first article that needs them, so
    that an ingest of unchanged articles loads none."""

    settings: StanzaSettings

    def __call__(self, article: Article, source: Path | None = None) -> Doc:
        return self.many([article])[0]

    def many(self, articles: list[Article]) -> list[Doc]:
        """One Doc per article, through one bulk run of the pipeline: Stanza batches the
        sentences of all of them, which is much faster than an article at a time."""
        documents = load_pipeline(self.settings).bulk_process([article.text for article in articles])
        return [doc_from_stanza(document, article.text) for document, article in zip(documents, articles)]


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
    return _doc(text, tokens, sentences, "stanza", layers)


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
    return _doc(text, tokens, sentences, "conllu", layers)


def _doc(text: str, tokens: list[Token], sentences: list[Sentence], engine: str, layers: set[str]) -> Doc:
    tokens, sentences = join_hyphenated(text, tokens, sentences)
    return Doc(text, split_paragraphs(text), tuple(sentences), tuple(tokens), engine=engine, layers=frozenset(layers))


HYPHENS = frozenset({"-", "‐", "‑"})


def join_hyphenated(text: str, tokens: list[Token], sentences: list[Sentence]) -> tuple[list[Token], list[Sentence]]:
    """One token for a word a tokenizer split at its hyphens ("al - Beik" → "al-Beik", "Jean -
    Luc"), as the rules tokenizer keeps it, so that names come out whole whatever the tokenizer
    did. The word takes the analysis of its head (the part whose head lies outside it) and the
    first entity label of its parts; heads that pointed into it point to it."""
    groups = _hyphenated_groups(tokens, sentences)
    if len(groups) == len(tokens):
        return tokens, sentences
    new_index = {old: k for k, group in enumerate(groups) for old in group}
    joined = []
    for k, group in enumerate(groups):
        parts = [tokens[old] for old in group]
        head = next((t for t in parts if t.head is None or new_index[t.head] != k), parts[0])
        entity = next((t.entity for t in parts if t.entity), None)
        start, end = parts[0].start, parts[-1].end
        joined.append(Token(start, end, text[start:end], head.pos, head.lemma if len(parts) == 1 else text[start:end].lower(),
                            None if head.head is None else new_index[head.head], head.deprel, entity))
    return joined, [Sentence(s.start, s.end, new_index[s.first_token], new_index[s.last_token - 1] + 1) for s in sentences]


def _hyphenated_groups(tokens: list[Token], sentences: list[Sentence]) -> list[range]:
    """Token index ranges, one per word: a word, hyphen, word run with no space inside one sentence."""
    sentence_ends = {s.last_token for s in sentences}
    groups, i = [], 0
    while i < len(tokens):
        j = i
        while (
            j + 2 < len(tokens) and tokens[j + 1].text in HYPHENS and j + 1 not in sentence_ends and j + 2 not in sentence_ends
            and tokens[j].end == tokens[j + 1].start and tokens[j + 1].end == tokens[j + 2].start
            and tokens[j].text[-1:].isalnum() and tokens[j + 2].text[:1].isalnum()
        ):
            j += 2
        groups.append(range(i, j + 1))
        i = j + 1
    return groups


def _value(column: str) -> str | None:
    return None if column == "_" else column


def text_for_conllu(conllu_path: Path) -> Path:
    """The article beside NAME.conllu: NAME.txt in the same folder or in a sibling docs/ folder."""
    for candidate in (conllu_path.with_suffix(".txt"), conllu_path.parent.parent / "docs" / (conllu_path.stem + ".txt")):
        if candidate.is_file():
            return candidate
    raise SourceError(f"{conllu_path}: no {conllu_path.stem}.txt beside it or in ../docs/ (the CoNLL-U needs its text)")
