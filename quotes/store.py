"""The SQLite database: opened through the migrations; each article stored whole or not at all."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import NamedTuple

from sqlite_utils import Database

from .cluster import Occurrence, assign_clusters, clusters_of_document, normalise_quote, refresh_clusters
from .identify import refresh_counts, resolve_speaker
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


class Touched(NamedTuple):
    """The speakers and quote clusters an article changed, to be refreshed once per batch."""

    speakers: set[int]
    clusters: set[int]


def save_result(db: Database, result: Result) -> Touched:
    """Store an article and its quotes, replacing an earlier version of the same path, atomically,
    and put its quotes into clusters. `refresh` brings the touched speakers and clusters up to date."""
    article = result.article
    with db.atomic():
        touched = _remove_document(db, article.path)
        document_id = _insert_row(
            db,
            "documents",
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
            },
        )
        speakers = _speakers(db, result.quotes)
        db.conn.executemany(
            "insert or ignore into speaker_aliases (speaker_id, alias) values (?, ?)",
            {
                (speakers[quote.speaker][0], quote.mention.name)
                for quote in result.quotes
                if quote.speaker in speakers and quote.mention and quote.mention.name
            },
        )
        rows = [quote_row(quote, document_id, speakers.get(quote.speaker), article) for quote in result.quotes]
        clusters = assign_clusters(db, [Occurrence(row["norm"], row["speaker_id"]) for row in rows])
        for row, cluster_id in zip(rows, clusters):
            row["cluster_id"] = cluster_id
        _insert_quotes(db, rows)
        # Indexed in one statement per article, not by a trigger per row (see the migration
        # index_quote_text_per_article); the next articles' clustering searches this index.
        db.execute("insert into quotes_fts (rowid, text) select id, text from quotes where document_id = ?", [document_id])
        touched.speakers.update(speaker_id for speaker_id, _ in speakers.values())
        touched.clusters.update(cluster_id for cluster_id in clusters if cluster_id is not None)
    return touched


def quote_row(quote: Quote, document_id: int, speaker: tuple[int, str] | None, article: Article) -> dict:
    mention, cue, situation = quote.mention, quote.cue, quote.situation
    return {
        "document_id": document_id,
        "start": quote.span.start,
        "end": quote.span.end,
        "text": quote.text,
        "norm": normalise_quote(quote.text),
        "kind": quote.span.kind,
        "marks": quote.span.marks,
        "closed": int(quote.span.closed),
        "speaker_id": speaker[0] if speaker else None,
        "speaker": speaker[1] if speaker else quote.speaker,
        "extracted_speaker": quote.speaker,
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


def _insert_row(db: Database, table: str, row: dict) -> int:
    """INSERT one row; its rowid. Plain SQL rather than `Table.insert`, whose schema checks cost
    more than the insert itself on this path, run for every article and speaker ingested."""
    sql = f"insert into [{table}] ({', '.join(f'[{c}]' for c in row)}) values ({', '.join('?' * len(row))})"
    return db.execute(sql, list(row.values())).lastrowid


def _insert_quotes(db: Database, rows: list[dict]) -> None:
    """One prepared INSERT for an article's quotes (all rows have the same columns)."""
    if rows:
        columns = list(rows[0])
        sql = f"insert into quotes ({', '.join(f'[{c}]' for c in columns)}) values ({', '.join('?' * len(columns))})"
        db.conn.executemany(sql, [[row[c] for c in columns] for row in rows])


def _remove_document(db: Database, path: str) -> Touched:
    """Delete the stored version of PATH with its quotes; the speakers and clusters it had."""
    old = db.execute("select id from documents where path = ?", [path]).fetchone()
    if not old:
        return Touched(set(), set())
    rows = db.execute("select distinct speaker_id from quotes where document_id = ? and speaker_id is not null", [old[0]])
    touched = Touched({row[0] for row in rows}, clusters_of_document(db, old[0]))
    db.execute("delete from quotes where document_id = ?", [old[0]])
    db.execute("delete from documents where id = ?", [old[0]])
    return touched


def _speakers(db: Database, quotes: list[Quote]) -> dict[str, tuple[int, str]]:
    """Extracted name → (speakers.id, canonical name) for the named people and organisations."""
    kinds = {q.speaker: q.speaker_type for q in quotes if q.speaker and q.speaker_type in PEOPLE_AND_ORGANISATIONS}
    ids = {speaker: resolve_speaker(db, speaker, kind) for speaker, kind in kinds.items()}
    if not ids:
        return {}
    distinct = sorted(set(ids.values()))
    names = dict(db.execute(f"select id, name from speakers where id in ({','.join('?' * len(distinct))})", distinct).fetchall())
    return {speaker: (speaker_id, names[speaker_id]) for speaker, speaker_id in ids.items()}


def refresh(db: Database, touched: Touched) -> None:
    """Bring the touched speakers and clusters up to date; drop those left with no quote."""
    refresh_clusters(db, touched.clusters)
    speaker_ids = touched.speakers
    if not speaker_ids:
        return
    refresh_counts(db, speaker_ids)
    ids = sorted(speaker_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        orphans = [row[0] for row in db.execute(f"select id from speakers where id in ({marks}) and n_quotes = 0", chunk)]
        if orphans:
            orphan_marks = ",".join("?" * len(orphans))
            db.execute(f"delete from speaker_aliases where speaker_id in ({orphan_marks})", orphans)
            db.execute(f"delete from speakers where id in ({orphan_marks})", orphans)
