"""Source files → Articles: decoded text (UTF-8, BOM stripped) with its content hash."""
from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import SourceError
from .records import Article

TEXT_SUFFIXES = (".txt", ".md")
MAX_BYTES = 50 * 1024 * 1024


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


def read_article(path: str | Path) -> Article:
    """Read one file into an Article; SourceError with a one-line reason when it cannot be used."""
    name = str(path)
    try:
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            raise SourceError(f"{name}: {size // (1024 * 1024)} MB is larger than the {MAX_BYTES // (1024 * 1024)} MB limit")
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise SourceError(f"{name}: cannot read ({e.strerror or e})") from e
    text = decode(data, name)
    return Article(path=name, text=text, content_hash=content_hash(text), title=guess_title(text))


def guess_title(text: str) -> str | None:
    """The first line that reads like a headline (not a navigation crumb or a one-word label)."""
    for line in text.splitlines()[:12]:
        line = line.strip()
        if len(line.split()) >= 3 and ">" not in line:
            return line[:300]
    return None
