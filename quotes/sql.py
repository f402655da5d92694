"""Statements over many ids, kept under SQLite's limit on the variables of one statement."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

IDS_AT_ONCE = 500


def in_chunks(ids: Iterable[int]) -> Iterator[tuple[list[int], str]]:
    """IDS sorted, IDS_AT_ONCE at a time, each chunk with its placeholders (`?,?,?`) for `in (…)`."""
    ordered = sorted(ids)
    for start in range(0, len(ordered), IDS_AT_ONCE):
        chunk = ordered[start : start + IDS_AT_ONCE]
        yield chunk, ",".join("?" * len(chunk))
