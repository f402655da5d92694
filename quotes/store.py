"""The SQLite database: opened through the migrations, one transaction per article."""
from __future__ import annotations

from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

from sqlite_utils import Database

from .migrations import migrations
from .records import Article, Quote, Result

PEOPLE_AND_ORGANISATIONS = ("person", "organization")


def open_database(path: str | Path) -> Database:
    """The database at PATH with every migration applied, in WAL mode so readers never wait."""
    db = Database(path)
    db.enable_wal()
    # In WAL mode NORMAL keeps every commit atomic and the file consistent after a crash; it only
    # skips the per-commit fsync, which would otherwise cost more than extracting an article.
    db.execute("pragma synchronous = normal")
    db.execute("pragma foreign_keys = on")
    migrations.apply(db)
    return db


def schema_version(db: Database) -> int:
    """How many schema steps the database has had."""
    return len(migrations.applied(db))


def stored_hash(db: Database, path: str) -> str | None:
    row = db.execute("select content_hash from documents where path = ?", [path]).fetchone()
    return row[0] if row else None


def save_result(db: Database, result: Result) -> set[int]:
    """Store an article and its quotes, replacing an earlier version of the same path, atomically.

    Returns the ids of the speakers it touched, whose titles `refresh_speaker_titles` updates.
    """
    article = result.article
    with db.atomic():
        touched = _remove_document(db, article.path)
        document_id = db.table("documents").insert(
            {
                "path": article.path,
                "content_hash": article.content_hash,
                "title": article.title,
                "outlet": article.outlet,
                "published": article.published,
                "author": article.author,
                "dateline": article.dateline,
                "url": article.url,
                "engine": result.engine,
                "ingested_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                "n_quotes": len(result.quotes),
                "text": article.text,
            }
        ).last_pk
        speaker_ids = _speaker_ids(db, result.quotes)
        aliases = {
            (speaker_ids[quote.speaker], alias)
            for quote in result.quotes
            if quote.speaker in speaker_ids
            for alias in (quote.speaker, quote.mention.name if quote.mention else None)
            if alias
        }
        db.table("speaker_aliases").insert_all(
            [{"speaker_id": speaker_id, "alias": alias} for speaker_id, alias in sorted(aliases)], ignore=True
        )
        db.table("quotes").insert_all(
            [quote_row(quote, document_id, speaker_ids.get(quote.speaker), article) for quote in result.quotes]
        )
        counts = Counter(speaker_ids[q.speaker] for q in result.quotes if q.speaker in speaker_ids)
        _add_to_counts(db, counts, +1)
        touched |= set(counts)
    return touched


def quote_row(quote: Quote, document_id: int, speaker_id: int | None, article: Article) -> dict:
    mention, cue, situation = quote.mention, quote.cue, quote.situation
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
        "addressee": situation.addressee,
        "place": situation.place,
        "place_basis": situation.place_basis,
        "said_on": situation.said_on,
        "said_on_phrase": situation.said_on_phrase,
        "said_on_basis": situation.said_on_basis,
        "outlet": article.outlet,
        "published": article.published,
    }


def _remove_document(db: Database, path: str) -> set[int]:
    """Delete the stored version of PATH with its quotes, uncounting them; the speakers it had."""
    old = db.execute("select id from documents where path = ?", [path]).fetchone()
    if not old:
        return set()
    counts = Counter(
        dict(db.execute(
            "select speaker_id, count(*) from quotes where document_id = ? and speaker_id is not null group by speaker_id",
            [old[0]],
        ).fetchall())
    )
    db.execute("delete from quotes where document_id = ?", [old[0]])
    db.execute("delete from documents where id = ?", [old[0]])
    _add_to_counts(db, counts, -1)
    return set(counts)


def _speaker_ids(db: Database, quotes: list[Quote]) -> dict[str, int]:
    """Name → speakers.id for the named people and organisations among QUOTES, creating new ones."""
    wanted = {q.speaker: q.speaker_type for q in quotes if q.speaker and q.speaker_type in PEOPLE_AND_ORGANISATIONS}
    if not wanted:
        return {}
    db.table("speakers").insert_all(
        [{"name": name, "type": kind} for name, kind in sorted(wanted.items())], ignore=True
    )
    marks = ",".join("?" * len(wanted))
    return dict(db.execute(f"select name, id from speakers where name in ({marks})", list(wanted)).fetchall())


def _add_to_counts(db: Database, counts: Counter, sign: int) -> None:
    """Add (or, with SIGN -1, take away) one document's quotes to its speakers' counts.

    Counts move by the document's own numbers, so storing an article costs the same however
    often its speakers were quoted before. A speaker left with no quote is removed.
    """
    for speaker_id, n in counts.items():
        db.execute(
            "update speakers set n_quotes = coalesce(n_quotes, 0) + ?, n_documents = coalesce(n_documents, 0) + ? where id = ?",
            [sign * n, sign, speaker_id],
        )
    if sign < 0 and counts:
        ids = sorted(counts)
        marks = ",".join("?" * len(ids))
        orphans = [row[0] for row in db.execute(f"select id from speakers where id in ({marks}) and n_quotes <= 0", ids)]
        if orphans:
            orphan_marks = ",".join("?" * len(orphans))
            db.execute(f"delete from speaker_aliases where speaker_id in ({orphan_marks})", orphans)
            db.execute(f"delete from speakers where id in ({orphan_marks})", orphans)


def refresh_speaker_titles(db: Database, speaker_ids: set[int]) -> None:
    """Give each speaker its most frequent title; run once after an ingest, not per article."""
    for chunk in _chunks(sorted(speaker_ids), 500):
        marks = ",".join("?" * len(chunk))
        with db.atomic():
            db.execute(
                f"""update speakers set title = (
                      select speaker_title from quotes
                      where speaker_id = speakers.id and speaker_title is not null
                      group by speaker_title order by count(*) desc, speaker_title limit 1)
                    where id in ({marks})""",
                chunk,
            )


def _chunks(items: list, size: int):
    for i in range(0, len(items), size):
        yield items[i : i + size]
