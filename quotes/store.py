"""The SQLite database: opened through the migrations, one transaction per article."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from sqlite_utils import Database

from .migrations import migrations
from .records import Quote, Result

PEOPLE_AND_ORGANISATIONS = ("person", "organization")


def open_database(path: str | Path) -> Database:
    """The database at PATH with every migration applied, in WAL mode so readers never wait."""
    db = Database(path)
    db.enable_wal()
    db.execute("pragma foreign_keys = on")
    migrations.apply(db)
    return db


def schema_version(db: Database) -> int:
    """How many schema steps the database has had."""
    return len(migrations.applied(db))


def stored_hash(db: Database, path: str) -> str | None:
    row = db.execute("select content_hash from documents where path = ?", [path]).fetchone()
    return row[0] if row else None


def save_result(db: Database, result: Result) -> None:
    """Store an article and its quotes, replacing an earlier version of the same path, atomically."""
    article = result.article
    with db.atomic():
        old = db.execute("select id from documents where path = ?", [article.path]).fetchone()
        touched: set[int] = set()
        if old:
            touched |= _speaker_ids(db, old[0])
            db.execute("delete from quotes where document_id = ?", [old[0]])
            db.execute("delete from documents where id = ?", [old[0]])
        document_id = db.table("documents").insert(
            {
                "path": article.path,
                "content_hash": article.content_hash,
                "title": article.title,
                "engine": result.engine,
                "ingested_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                "n_quotes": len(result.quotes),
                "text": article.text,
            }
        ).last_pk
        rows = []
        for quote in result.quotes:
            speaker_id = _speaker_id(db, quote)
            if speaker_id is not None:
                touched.add(speaker_id)
            rows.append(quote_row(quote, document_id, speaker_id))
        db.table("quotes").insert_all(rows)
        _refresh_speakers(db, touched)


def quote_row(quote: Quote, document_id: int, speaker_id: int | None) -> dict:
    mention, cue = quote.mention, quote.cue
    return {
        "document_id": document_id,
        "start": quote.span.start,
        "end": quote.span.end,
        "text": quote.text,
        "kind": quote.span.kind,
        "marks": quote.span.marks,
        "closed": int(quote.span.closed),
        "speaker_id": speaker_id,
        "speaker": quote.speaker,
        "speaker_type": quote.speaker_type,
        "speaker_title": quote.title,
        "mention": mention.text if mention else None,
        "mention_start": mention.start if mention else None,
        "mention_end": mention.end if mention else None,
        "cue": cue.text if cue else None,
        "cue_start": cue.start if cue else None,
        "cue_end": cue.end if cue else None,
        "sieve": quote.sieve,
        "confidence": round(quote.confidence, 3),
    }


def _speaker_id(db: Database, quote: Quote) -> int | None:
    """The speakers row for a named person or organisation, created on first sight with its alias."""
    if not quote.speaker or quote.speaker_type not in PEOPLE_AND_ORGANISATIONS:
        return None
    row = db.execute("select id from speakers where name = ?", [quote.speaker]).fetchone()
    if row:
        speaker_id = row[0]
    else:
        speaker_id = db.table("speakers").insert({"name": quote.speaker, "type": quote.speaker_type}).last_pk
    aliases = {quote.speaker}
    if quote.mention and quote.mention.name:
        aliases.add(quote.mention.name)
    db.table("speaker_aliases").insert_all(
        [{"speaker_id": speaker_id, "alias": alias} for alias in aliases], ignore=True
    )
    return speaker_id


def _speaker_ids(db: Database, document_id: int) -> set[int]:
    rows = db.execute("select distinct speaker_id from quotes where document_id = ? and speaker_id is not null", [document_id])
    return {row[0] for row in rows}


def _refresh_speakers(db: Database, speaker_ids: set[int]) -> None:
    """Recount the touched speakers, take their most frequent title, and drop those left with no quote."""
    for speaker_id in speaker_ids:
        n_quotes, n_documents = db.execute(
            "select count(*), count(distinct document_id) from quotes where speaker_id = ?", [speaker_id]
        ).fetchone()
        if not n_quotes:
            db.execute("delete from speaker_aliases where speaker_id = ?", [speaker_id])
            db.execute("delete from speakers where id = ?", [speaker_id])
            continue
        title = db.execute(
            """select speaker_title from quotes where speaker_id = ? and speaker_title is not null
               group by speaker_title order by count(*) desc, speaker_title limit 1""",
            [speaker_id],
        ).fetchone()
        db.table("speakers").update(
            speaker_id, {"n_quotes": n_quotes, "n_documents": n_documents, "title": title[0] if title else None}
        )
