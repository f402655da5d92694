"""Source files → Articles: decoded text with its content hash and metadata.

Plain text and Markdown (`.txt`, `.md`, metadata guessed from the text, or given in a sidecar
`NAME.json`), HTML pages (`.html`, `.htm`: article text and metadata extracted with
trafilatura; offsets refer to the extracted text, which is what is stored), and JSON Lines
(`.jsonl`: one article per line, `text` plus any of `id`, `url`, `title`, `outlet`, `published`,
`author`). Fields a source gives win over guessed ones; each must be text.
"""
from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .errors import QuotesError, SourceError
from .metadata import guess_metadata, read_date
from .records import Article
from .repair import repair_mojibake

TEXT_SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl")
HTML_SUFFIXES = (".html", ".htm")
MAX_BYTES = 10 * 1024 * 1024  # a news article is a few kB; a file or record this big is a dump, not an article
GIVEN_FIELDS = ("title", "outlet", "published", "author", "url", "dateline")


def is_jsonl(path: str | Path) -> bool:
    """Whether PATH is named as a JSON Lines file: one article per line."""
    return str(path).lower().endswith(".jsonl")


def display_name(path: str | Path) -> str:
    """PATH as one printable line: bytes that are not UTF-8 as \\xNN, control characters (a newline
    in a file name) escaped, so that a name can neither break a report line nor the database."""
    name = os.fsencode(path).decode("utf-8", "backslashreplace")
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in name)


def source_key(path: str | Path) -> str:
    """The absolute, resolved path of a file: the same file by any path is one source. A symlink
    loop resolves to itself (reading it then fails, with the reason)."""
    return display_name(os.path.realpath(path))


def find_sources(paths: Iterable[str | Path], suffixes: tuple[str, ...] = TEXT_SUFFIXES) -> Iterator[Path]:
    """Files named by PATHS, folders searched recursively for SUFFIXES, each file once, sorted per folder."""
    seen: set[str] = set()
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
            key = source_key(candidate)
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


def _checked(text: str, field: str, where: str) -> str:
    """TEXT, if it can be stored: a lone surrogate ("\\ud800" in JSON) is no character."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as e:
        raise _invalid_character(e, text, field, where) from e
    return text


def _invalid_character(error: UnicodeEncodeError, text: str, field: str, where: str) -> SourceError:
    return SourceError(f"{where}: {field} holds an invalid character ({error.reason}, {text[error.start]!r} at character {error.start})")


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _open_regular(path: str | Path, name: str, limit: int):
    """PATH opened for reading in binary, if it is a regular file within LIMIT bytes."""
    try:
        status = os.stat(path)
        if not stat.S_ISREG(status.st_mode):
            raise SourceError(f"{name}: not a regular file (a pipe, device or folder), skipped")
        if status.st_size > limit:
            raise SourceError(f"{name}: {status.st_size // (1024 * 1024)} MB is larger than the {limit // (1024 * 1024)} MB limit")
        return open(path, "rb")
    except OSError as e:
        raise SourceError(f"{name}: cannot read ({e.strerror or e})") from e


def _read_bytes(path: str | Path, limit: int = MAX_BYTES) -> bytes:
    name = display_name(path)
    with _open_regular(path, name, limit) as f:
        try:
            return f.read()
        except OSError as e:
            raise SourceError(f"{name}: cannot read ({e.strerror or e})") from e


def make_article(path: str, text: str, given: dict | None = None, repair: bool = True, **identity) -> Article:
    """An Article for TEXT, its mojibake repaired unless REPAIR is false: metadata guessed from the
    text, overridden by the GIVEN fields, each of which must be text ("title": ["a", "list"] is
    refused, not stored as "['a', 'list']")."""
    try:
        digest = content_hash(text)  # encoding the text once both hashes and checks it
    except UnicodeEncodeError as e:
        raise _invalid_character(e, text, "the text", path) from e
    text, repairs = repair_mojibake(text) if repair else (text, ())
    fields = guess_metadata(text)
    for key, value in (given or {}).items():
        if key in GIVEN_FIELDS and value not in (None, ""):
            if not isinstance(value, str):
                raise SourceError(f"{path}: {key} is {_json_kind(value)}, not text")
            _checked(value, key, path)
            fields[key] = _as_date(value, path) if key == "published" else value
    return Article(path=path, text=text, content_hash=digest, repairs=repairs, **{k: fields.get(k) for k in GIVEN_FIELDS}, **identity)


def _json_kind(value) -> str:
    kinds = ((bool, "true or false"), (int, "a number"), (float, "a number"), (list, "a list"), (dict, "an object"))
    return next((kind for type_, kind in kinds if isinstance(value, type_)), type(value).__name__)


def _as_date(text: str, path: str) -> str:
    """A given publication date as ISO, from ISO text or any date the text spells out."""
    parsed = read_date(text) if len(text) > 10 or not text[:4].isdigit() else None
    if parsed:
        return parsed.isoformat()
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError as e:
        raise SourceError(f"{path}: published {text!r} is not a date") from e


def read_article(path: str | Path, repair: bool = True) -> Article:
    """Read one text, Markdown or HTML file into an Article; SourceError with a one-line reason.
    REPAIR false keeps any mojibake, as a parse made of the text as written needs."""
    name = display_name(path)
    if is_jsonl(name):
        raise SourceError(f"{name}: a JSON Lines file holds many articles (read it with read_jsonl)")
    text = decode(_read_bytes(path), name)
    if name.lower().endswith(HTML_SUFFIXES):
        return _html_article(name, text, source_key(path))
    return make_article(name, text, _sidecar(Path(path)), repair, source=source_key(path))


def _sidecar(path: Path) -> dict:
    """Metadata from NAME.json beside NAME.txt, when there is one."""
    sidecar = path.with_suffix(".json")
    if not sidecar.is_file():
        return {}
    name = display_name(sidecar)
    given = _json(decode(_read_bytes(sidecar), name), name)
    if not isinstance(given, dict):
        raise SourceError(f"{name}: expected a JSON object of metadata")
    return given


def _json(text: str, where: str):
    """TEXT parsed as JSON; SourceError for anything Python's parser refuses (bad syntax, a number
    over 4,300 digits, nesting deeper than it can follow)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise SourceError(f"{where}: not valid JSON ({e.msg} at line {e.lineno} column {e.colno})") from e
    except RecursionError as e:
        raise SourceError(f"{where}: JSON that cannot be read (nested too deeply)") from e
    except ValueError as e:  # Python's limit on the digits of an integer
        raise SourceError(f"{where}: JSON that cannot be read (a number of more than {sys.get_int_max_str_digits():,} digits)") from e


def _html_article(name: str, html: str, source: str) -> Article:
    import trafilatura

    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if extracted is None or not (extracted.text or "").strip():
        raise SourceError(f"{name}: no article text found in the HTML page")
    given = {"title": extracted.title, "outlet": extracted.sitename, "published": extracted.date,
             "author": extracted.author, "url": extracted.url}
    return make_article(name, extracted.text, given, source=source)


@dataclass(frozen=True)
class Lines:
    """Some lines of a JSON Lines file: from byte START, where line FIRST begins, to byte END
    (None: the end of the file). A partition of a large file, read with no line before it."""

    first: int
    start: int
    end: int | None


def line_ranges(path: str | Path, size: int) -> list[Lines]:
    """The file at PATH cut into ranges of SIZE lines (blank ones counted, as their numbers are),
    found in one pass over its bytes; no line is parsed. One range for a file that cannot be read:
    reading it then reports why."""
    ranges, first, start, offset, in_range = [], 1, 0, 0, 0
    try:
        with open(path, "rb") as f:
            while chunk := f.read(1 << 20):
                position = -1
                while in_range + chunk.count(b"\n", position + 1) >= size:
                    for _ in range(size - in_range):  # the newline that ends this range
                        position = chunk.find(b"\n", position + 1)
                    ranges.append(Lines(first, start, offset + position + 1))
                    first, start, in_range = first + size, offset + position + 1, 0
                in_range += chunk.count(b"\n", position + 1)
                offset += len(chunk)
    except OSError:
        return [Lines(1, 0, None)]
    if start < offset or not ranges:
        ranges.append(Lines(first, start, None))
    return ranges


def read_jsonl(path: str | Path, lines: Lines | None = None) -> Iterator[Article | SourceError]:
    """The articles of a JSON Lines file (or of its LINES), one per line, read a line at a time; a
    bad line yields its SourceError and the rest go on. A record is keyed by its `id` when it gives
    one, else by its line; its `url` is metadata (two records may share one). Each record has the
    size limit of a file. A file that cannot be opened raises SourceError."""
    name, source = display_name(path), source_key(path)
    lines = lines or Lines(1, 0, None)
    with _open_regular(path, name, limit=1 << 62) as f:
        try:
            f.seek(lines.start)
            for number, line in enumerate(_lines(f, MAX_BYTES, lines.end), lines.first):
                if (article := _record(line, name, number, source)) is not None:
                    yield article
        except OSError as e:
            raise SourceError(f"{name}: cannot read ({e.strerror or e})") from e


def _record(line: bytes | None, name: str, number: int, source: str) -> Article | SourceError | None:
    """The article on one line of a JSON Lines file, its error, or None for a blank line."""
    where = f"{name}:{number}"
    if line is None:
        return SourceError(f"{where}: the record is larger than the {MAX_BYTES // (1024 * 1024)} MB limit")
    try:
        text = decode(line, where)
        if not text.strip():
            return None
        record = _json(text, where)
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise SourceError(f"{where}: expected an object with a \"text\" string")
        record_id = _record_id(record.get("id"), where)
        path = f"{name}#{number}"
        try:
            return make_article(path, record["text"], record, source=source, line=number, record_id=record_id)
        except SourceError as e:  # named by the article's path: the file and line say where
            return SourceError(where + str(e).removeprefix(path))
    except SourceError as e:
        return e


def _record_id(value, where: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise SourceError(f"{where}: id is {_json_kind(value)}; give text or a whole number")
    return _checked(str(value), "id", where)


def _lines(f, limit: int, end: int | None = None) -> Iterator[bytes | None]:
    """The lines of binary file F up to byte END; None for a line longer than LIMIT bytes, which
    is skipped without being held in memory."""
    while (end is None or f.tell() < end) and (line := f.readline(limit + 1)):
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := f.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


def source_files(paths: Iterable[str | Path], input_format: str = "text") -> list[Path]:
    return list(find_sources(paths, (".conllu",) if input_format == "conllu" else TEXT_SUFFIXES))


def read_source(path: Path, input_format: str = "text") -> Article:
    """The article a source file stands for: the file itself, or the text beside a CoNLL-U parse."""
    if input_format == "conllu":
        from .annotate_stanza import text_for_conllu

        return read_article(text_for_conllu(path), repair=False)  # the parse's tokens are the text as written
    return read_article(path)


def read_sources(path: Path, input_format: str = "text") -> Iterator[Article | QuotesError]:
    """Every article in one source file (a JSON Lines file holds many); errors are yielded, not raised."""
    if input_format == "text" and is_jsonl(path):
        try:
            yield from read_jsonl(path)
        except QuotesError as e:
            yield e
        return
    try:
        yield read_source(path, input_format)
    except QuotesError as e:
        yield e
