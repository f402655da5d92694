"""Mojibake repaired as an article is read: UTF-8 once decoded as Windows-1252 or Latin-1
("JosÃ© NuÃ±ez", "FranÃ§oise Delmas") is put right word by word with ftfy, so that names
come out whole. Every offset the pipeline stores refers to the repaired text, the text stored with
them; `source_offset` maps one back to the text as the file wrote it."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import ftfy

# A letter that the first byte of a UTF-8 character for a non-ASCII letter becomes when decoded
# as Windows-1252 ("Ã", "Â", "â"), also written decomposed ("A" and a combining tilde, as text
# normalised to NFD after the damage has it): only a word with one can be mojibake.
# A letter that mojibake leaves (Â … ô), or a vowel then a combining mark: one character class,
# which the regex engine scans for at C speed, and the few combining marks checked after
SUSPECT_CHARACTER = re.compile("[\u00c2-\u00f4\u0300-\u036f]")
COMBINING_FIRST = "\u0300"
WORD_BEFORE, WORD_AFTER = re.compile(r"\S*\Z"), re.compile(r"\S*")


@dataclass(frozen=True, slots=True)
class Repair:
    """The repaired text's START to END, which the source wrote as ORIGINAL."""

    start: int
    end: int
    original: str


def repair_mojibake(text: str) -> tuple[str, tuple[Repair, ...]]:
    """TEXT with its mojibake words repaired, and where (none: TEXT itself, unchanged)."""
    pieces: list[str] = []
    repairs: list[Repair] = []
    position = shift = 0
    for start, end in _suspect_words(text):
        word = text[start:end]
        composed = unicodedata.normalize("NFC", word)
        fixed = ftfy.fix_encoding(composed)
        if fixed == composed:
            continue  # no mojibake: the word stays as written, decomposed or not
        pieces += [text[position:start], fixed]
        repairs.append(Repair(start + shift, start + shift + len(fixed), word))
        shift += len(fixed) - len(word)
        position = end
    if not repairs:
        return text, ()
    pieces.append(text[position:])
    return "".join(pieces), tuple(repairs)


def _suspect_words(text: str) -> list[tuple[int, int]]:
    """(start, end) of each word of TEXT with a suspect letter, in order, each once: the letters
    are found at C speed, the words around the few there are spelled out."""
    words: list[tuple[int, int]] = []
    for match in SUSPECT_CHARACTER.finditer(text):
        letter = match.start()
        if text[letter] >= COMBINING_FIRST:  # a combining mark: suspect after a vowel only
            letter -= 1
            if letter < 0 or text[letter] not in "AaEeIiOoUu":
                continue
        if words and letter < words[-1][1]:
            continue  # in the word already found
        start = WORD_BEFORE.search(text, max(0, letter - 64), letter).start()
        words.append((start, WORD_AFTER.match(text, letter).end()))
    return words


def source_offset(repairs: tuple[Repair, ...], offset: int) -> int:
    """The offset in the source text of OFFSET in the repaired text: inside a repaired word, the
    same distance into the word as the source wrote it, at most its end."""
    shift = 0  # characters the repairs before OFFSET removed
    for repair in repairs:
        if offset <= repair.start:
            break
        if offset < repair.end:
            return repair.start - shift + min(offset - repair.start, len(repair.original))
        shift += (repair.end - repair.start) - len(repair.original)
    return offset - shift


def source_text(text: str, repairs: tuple[Repair, ...]) -> str:
    """The text as the source wrote it, from the repaired TEXT and its REPAIRS."""
    pieces, position = [], 0
    for repair in repairs:
        pieces += [text[position : repair.start], repair.original]
        position = repair.end
    return "".join(pieces) + text[position:]
