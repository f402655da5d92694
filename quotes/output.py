"""Quotes as the JSON Lines contract and as a readable terminal table."""
from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .records import Quote
from .resolve.kinds import speaker_kind


def quote_json(path: str, quote: Quote) -> dict:
    """The JSONL contract: one object per quote, offsets into the file's decoded text."""
    return {
        "file": path,
        "start": quote.span.start,
        "end": quote.span.end,
        "text": quote.text,
        "speaker": quote.speaker,
        "speaker_mention": quote.mention.text if quote.mention else None,
        "speaker_mention_type": quote.mention.speaker_type if quote.mention else None,
        "speaker_type": quote.speaker_type,
        "speaker_kind": speaker_kind(quote.speaker_type, quote.speaker),
        "cue": quote.cue.text if quote.cue else None,
        "kind": quote.span.kind,
        "sieve": quote.sieve,
        "confidence": round(quote.confidence, 3),
        "speaker_title": quote.title,
        "addressee": quote.situation.addressee,
        "place": quote.situation.place,
        "place_basis": quote.situation.place_basis,
        "said_on": quote.situation.said_on,
        "said_on_phrase": quote.situation.said_on_phrase,
        "said_on_basis": quote.situation.said_on_basis,
    }


def quote_table(rows: list[dict]) -> None:
    table = Table("speaker", "cue", "quote", "file", show_lines=False)
    for row in rows:
        text = row["text"] if len(row["text"]) <= 120 else row["text"][:117] + "…"
        cells = (row["speaker"] or "?", row["cue"] or "", text, f"{row['file']}:{row['start']}")
        table.add_row(*(Text(cell) for cell in cells))  # Text: quote words like "[It]" are not markup
    Console().print(table)
