"""Source files → Articles: decoded text with its content hash and metadata.

Plain text and Markdown (`.txt`, `.md`, metadata guessed from the text, or given in a sidecar
`NAME.json`), HTML pages (`.html`, `.htm`: article text and metadata extracted with
trafilatura; offsets refer to the extracted text, which is what is stored), and JSON Lines
(`.jsonl`: one article per line, `text` plus any of `url`, `title`, `outlet`, `published`,
`author`). Fields a source gives win over guessed ones.
"""
from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

from .errors import SourceError
from .metadata import guess_metadata, read_date
from .records import Article

TEXT_SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl")
HTML_SUFFIXES = (".html", ".htm")
MAX_BYTES = 10 * 1024 * 1024  # a news article is a few kB; a file this big is a dump, not an article
MAX_JSONL_BYTES = 2 * 1024 * 1024 * 1024
GIVEN_FIELDS = ("title", "outlet", "published", "author", "url", "dateline")


def find_sources(paths: Iterable[str | Path], suffixes: tuple[str, ...] = TEXT_SUFFIXES) -> Iterator[Path]:
    """Files named by PATHS, folders searched recursively for SUFFIXES, each file once, sorted per folder."""
    seen: set[Path] = set()
    for path in map(Path, paths):
        if path.is_dir():
            candidates = sorted(
                Path(root) / name
                for root, _, names in os.walk(path, followlinks=False)
                for name in names
                if name.lower().endswith(suffixes)
            )
        else:
            candidates = [path]
        for candidate in candidates:
            key = candidate.resolve()
            if key not in seen:
                seen.add(key)
                yield candidate


def decode(data: bytes, path: str) -> str:
    """UTF-8 text with a leading BOM removed; UTF-16 with a BOM is accepted too."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise SourceError(f"{path}: not valid UTF-16 ({e.reason} at byte {e.start})") from e
    if b"\x00" in data[:8192]:
        raise SourceError(f"{path}: binary file (NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise SourceError(f"{path}: not valid UTF-8 ({e.reason} at byte {e.start}; convert it to UTF-8)") from e
    return text.removeprefix("\ufeff")


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _read_bytes(path: str | Path, limit: int = MAX_BYTES) -> bytes:
    name = str(path)
    try:
        status = os.stat(path)
        if not stat.S_ISREG(status.st_mode):
            raise SourceError(f"{name}: not a regular file (a pipe, device or folder), skipped")
        if status.st_size > limit:
            raise SourceError(f"{name}: {status.st_size // (1024 * 1024)} MB is larger than the {limit // (1024 * 1024)} MB limit")
        with open(path, "rb") as f:
            return f.read()
    except OSError as e:
        raise SourceError(f"{name}: cannot read ({e.strerror or e})") from e


def make_article(path: str, text: str, given: dict | None = None) -> Article:
    """An Article for TEXT: metadata guessed from the text, overridden by the GIVEN fields."""
    fields = guess_metadata(text)
    for key, value in (given or {}).items():
        if key in GIVEN_FIELDS and value not in (None, ""):
            fields[key] = _as_date(value, path) if key == "published" else str(value)
    return Article(path=path, text=text, content_hash=content_hash(text), **{k: fields.get(k) for k in GIVEN_FIELDS})


def _as_date(value, path: str) -> str:
    """A given publication date as ISO, from ISO text or any date the text spells out."""
    text = str(value)
    parsed = read_date(text) if len(text) > 10 or not text[:4].isdigit() else None
    if parsed:
        return parsed.isoformat()
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError as e:
        raise SourceError(f"{path}: published {text!r} is not a date") from e


def read_article(path: str | Path) -> Article:
    """Read one text, Markdown or HTML file into an Article; SourceError with a one-line reason."""
    name = str(path)
    if name.lower().endswith(".jsonl"):
        raise SourceError(f"{name}: a JSON Lines file holds many articles (read it with read_jsonl)")
    text = decode(_read_bytes(path), name)
    if name.lower().endswith(HTML_SUFFIXES):
        return _html_article(name, text)
    return make_article(name, text, _sidecar(Path(path)))


def _sidecar(path: Path) -> dict:
    """Metadata from NAME.json beside NAME.txt, when there is one."""
    sidecar = path.with_suffix(".json")
    if not sidecar.is_file():
        return {}
    try:
        given = json.loads(decode(_read_bytes(sidecar), str(sidecar)))
    except json.JSONDecodeError as e:
        raise SourceError(f"{sidecar}: not valid JSON ({e.msg} at line {e.lineno})") from e
    if not isinstance(given, dict):
        raise SourceError(f"{sidecar}: expected a JSON object of metadata")
    return given


def _html_article(name: str, html: str) -> Article:
    import trafilatura

    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if extracted is None or not (extracted.text or "").strip():
        raise SourceError(f"{name}: no article text found in the HTML page")
    given = {"title": extracted.title, "outlet": extracted.sitename, "published": extracted.date,
             "author": extracted.author, "url": extracted.url}
    return make_article(name, extracted.text, given)


def read_jsonl(path: str | Path) -> Iterator[Article | SourceError]:
    """The articles of a JSON Lines file, one per line; a bad line yields its SourceError and the
    rest go on. An article's key is its `url`, else FILE#LINE."""
    name = str(path)
    data = decode(_read_bytes(path, MAX_JSONL_BYTES), name)
    for number, line in enumerate(data.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            yield SourceError(f"{where}: not valid JSON ({e.msg})")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield SourceError(f"{where}: expected an object with a \"text\" string")
            continue
        try:
            article = make_article(record.get("url") or f"{name}#{number}", record["text"], record)
        except SourceError as e:
            yield SourceError(f"{where}: {str(e).split(': ', 1)[-1]}")
            continue
        yield replace(article, url=record.get("url"))
