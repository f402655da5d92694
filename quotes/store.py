"""The SQLite database: opened through the migrations; each article stored whole or not at all."""
from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from datetime import datetime, timezone
from pathlib import Path
from typing import NamedTuple

from sqlite_utils import Database

from .cluster import clusters_of_document, normalise_quote, note_changes, recluster, refresh_clusters
from .errors import DatabaseProblem, QuotesError
from .facet_counts import count_quotes
from .identify import Overrides, drop_unquoted, refresh_counts, resolve_speaker
from .surnames import note_surnames, settle_waiting
from .written import speaker_alias, told
from .resolve.kinds import speaker_kind
from .migrations import migrations
from .records import Article, Quote, Result
from .same_statement import lookup_key

PEOPLE_AND_ORGANISATIONS = ("person", "organization")
# What SQLite says → what it means for the user, for errors that concern the whole database
DATABASE_PROBLEMS = (
    ("database or disk is full", "the disk is full; what was stored before is kept: free space and run the same command again"),
    ("malformed", "the database file is damaged; `quotes check --db {path}` lists what is wrong: restore a copy, or ingest into a new database"),
    ("file is not a database", "not a SQLite database, or damaged beyond reading"),
    ("readonly", "cannot write to the database (a read-only file, folder or disk)"),
    ("locked", "another program holds the database locked; run again when it has finished"),
    ("unable to open", "cannot open the database file (does its folder exist, and may it be written to?)"),
    ("disk i/o error", "the disk failed to read or write the database"),
)


def database_problem(path: str | Path, error: sqlite3.Error) -> DatabaseProblem:
    """ERROR, which concerns the whole database at PATH, as one line for the user."""
    message = str(error)
    meaning = next((meaning for said, meaning in DATABASE_PROBLEMS if said in message.lower()), "database error")
    return DatabaseProblem(f"{path}: {meaning.format(path=path)} (SQLite: {message})")


def open_database(path: str | Path) -> Database:
    """The database at PATH with every migration applied, in WAL mode so readers never wait.

    Another program's SQLite file is refused before anything in it changes; a file that is not
    a database, or that cannot be written, is a DatabaseProblem in one line."""
    try:
        db = Database(path)
        _refuse_foreign(db, path)
        db.enable_wal()
        # In WAL mode NORMAL keeps every commit atomic and the file consistent after a crash; it only
        # skips the per-commit fsync, which would otherwise cost more than extracting an article.
        db.execute("pragma synchronous = normal")
        # A writer touches the pages of twenty indexes per article: 128 MB of page cache (SQLite's
        # default is 2 MB; taken as needed) spares re-reading them, 7% of a `load` at 30k quotes.
        db.execute("pragma cache_size = -131072")
        # Statement journals and the sorts of grouped statements in memory, not in temporary
        # files; and the log copied into the database every 80 MB rather than every 4 MB, so that
        # the index pages each batch rewrites are copied once per checkpoint: 12% of a `load`.
        db.execute("pragma temp_store = memory")
        db.execute("pragma wal_autocheckpoint = 20000")
        db.execute("pragma foreign_keys = on")
        migrations.apply(db)
    except sqlite3.DatabaseError as e:
        raise database_problem(path, e) from e
    return db


def _refuse_foreign(db: Database, path: str | Path) -> None:
    tables = db.table_names()
    if not tables:
        return
    ours = "_sqlite_migrations" in tables and db.execute(
        "select count(*) from _sqlite_migrations where migration_set = ?", [migrations.name]
    ).fetchone()[0]
    if not ours:
        shown = ", ".join(tables[:4]) + (", …" if len(tables) > 4 else "")
        raise QuotesError(f"{path}: not a quotes database (it holds the tables {shown}); nothing was changed: choose another --db")


def writable(path: str | Path) -> bool:
    """Whether the database at PATH can be written: the file, and its folder (for the lock files)."""
    path = Path(path)
    return os.access(path, os.W_OK) and os.access(path.resolve().parent, os.W_OK)


@contextmanager
def writer_lock(path: str | Path) -> Iterator[None]:
    """Hold the database at PATH for one writing command: a second ingest (or curation) stops at
    once with one line instead of failing article by article, or racing through the migrations
    of a new database. The lock goes with the process, however it ends."""
    import fcntl

    try:
        handle = open(path, "ab")  # an empty new file is an empty SQLite database
    except OSError as e:
        raise DatabaseProblem(f"{path}: cannot open the database for writing ({e.strerror or e})") from e
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise DatabaseProblem(f"{path}: another quotes command is writing to this database; run again when it has finished") from None
        yield


STATISTICS_STALE_AFTER = 2  # the planner's figures are taken again once the table is this many times larger or smaller


def keep_statistics(db: Database) -> None:
    """Give SQLite's query planner the shape of the tables (ANALYZE) when it has none, or when the
    quotes table has grown or shrunk twice over since. Without them, a filter that keeps most of a
    large table is read through its index and then sorted (2.3 s at a million quotes for "person"
    among the kinds of speaker, on the Datasette table's newest-first page) rather than read in
    the page's order (80 ms). SQLite's `pragma optimize` leaves a never-analysed table alone
    before version 3.46; ANALYZE takes about 2 s a million quotes, once per doubling."""
    quotes = db.execute("select count(*) from quotes").fetchone()[0]
    if not quotes:
        return
    analysed = db.execute("select stat from sqlite_stat1 where tbl = 'quotes' limit 1").fetchone() if db["sqlite_stat1"].exists() else None
    then = int(analysed[0].split()[0]) if analysed else 0
    if not then or max(quotes / then, then / quotes) >= STATISTICS_STALE_AFTER:
        db.execute("analyze")


def schema_version(db: Database) -> int:
    """How many schema steps the database has had."""
    return len(migrations.applied(db))


def stored_hash(db: Database, key: str) -> str | None:
    row = db.execute("select content_hash from documents where key = ?", [key]).fetchone()
    return row[0] if row else None


def same_text(db: Database, article: Article) -> list[tuple[str, str]]:
    """(key, path) of the other stored documents with ARTICLE's text from the same outlet: one
    article twice (a copied or renamed file, a page crawled under two URLs). The same wire story
    in two outlets is two documents: each outlet carried it."""
    return db.execute(
        "select key, path from documents where content_hash = ? and outlet is ? and key != ?",
        [article.content_hash, article.outlet, article.key],
    ).fetchall()


def move_document(db: Database, key: str, article: Article) -> None:
    """The stored document KEY now lives where ARTICLE was read (a renamed or moved file)."""
    db.execute(
        "update documents set key = ?, path = ?, line = ?, record_id = ? where key = ?",
        [article.key, article.source or article.path, article.line, article.record_id, key],
    )


def documents_under(db: Database, scope: str) -> list[tuple[str, str]]:
    """(key, path) of the documents read from the file SCOPE, or from files below the folder SCOPE."""
    folder = scope.rstrip("/") + "/"
    return db.execute(
        "select key, path from documents where path = ? or substr(path, 1, ?) = ?", [scope, len(folder), folder]
    ).fetchall()


def remove_documents(db: Database, keys: list[str]) -> Touched:
    """Delete the documents KEYS with their quotes; the speakers and clusters they had."""
    touched = Touched(set(), set())
    for key in keys:
        speakers, clusters = _remove_document(db, key)
        touched.speakers.update(speakers)
        touched.clusters.update(clusters)
    return touched


class Touched(NamedTuple):
    """The speakers and quote clusters an article changed, to be refreshed once per batch."""

    speakers: set[int]
    clusters: set[int]


def save_result(db: Database, result: Result, savepoint: bool = True) -> Touched:
    """Store an article and its quotes, replacing an earlier version of the same document, and note
    its quotes for clustering: atomically, in a SAVEPOINT of its own unless the caller's
    transaction stands for it. `refresh` brings the touched speakers up to date, `identify_and_cluster`
    settles their surnames and places the quotes."""
    article = result.article
    with db.atomic() if savepoint else nullcontext():
        touched = _remove_document(db, article.key)
        document_id = _insert_row(
            db,
            "documents",
            {
                "key": article.key,
                "path": article.source or article.path,
                "line": article.line,
                "record_id": article.record_id,
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
        _insert_quotes(db, [quote_row(quote, document_id, speakers.get(quote.speaker), article) for quote in result.quotes])
        db.execute(
            """insert or ignore into speaker_aliases (speaker_id, alias) select speaker_id, mention_alias from quotes
               where document_id = ? and speaker_id is not null and mention_alias is not null""",
            [document_id],
        )
        # Indexed in one statement per article, not by a trigger per row (see the migration
        # index_quote_text_per_article); clustering searches this index.
        db.execute("insert into quotes_fts (rowid, text) select id, text from quotes where document_id = ?", [document_id])
        index_contexts(db, document_id)
        count_quotes(db, document_id)
        note_changes(db, "document_id = ?", [document_id])  # clustered once per run, by `identify_and_cluster`
        linked = {speaker_id for speaker_id, _ in speakers.values()}
        note_surnames(db, linked)  # settled once per run, by `identify_and_cluster`
        touched.speakers.update(linked)
    return touched


# Each quote's paragraph, read from its article's text (the index of quotes_context_fts)
QUOTE_CONTEXTS = """select quotes.id, substr(documents.text, quotes.context_start + 1, quotes.context_end - quotes.context_start) as context
    from quotes join documents on documents.id = quotes.document_id"""


def paragraph_of(text: str, start: int, end: int) -> tuple[int, int]:
    """The offsets of the paragraph(s) holding TEXT[START:END]: the lines it is on (a paragraph is a
    line, as `annotate.split_paragraphs` reads an article)."""
    finish = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, len(text) if finish < 0 else finish


def index_contexts(db: Database, document_id: int) -> None:
    """Put the paragraphs of document DOCUMENT_ID's quotes in the full-text index of contexts."""
    db.execute(f"insert into quotes_context_fts (rowid, context) {QUOTE_CONTEXTS} where quotes.document_id = ?", [document_id])


def quote_row(quote: Quote, document_id: int, speaker: tuple[int, str] | None, article: Article) -> dict:
    mention, cue, situation = quote.mention, quote.cue, quote.situation
    context_start, context_end = paragraph_of(article.text, quote.span.start, quote.span.end)
    return {
        "document_id": document_id,
        "start": quote.span.start,
        "end": quote.span.end,
        "context_start": context_start,
        "context_end": context_end,
        "text": quote.text,
        "norm": (norm := normalise_quote(quote.text)),
        "lookup_key": lookup_key(norm),
        "kind": quote.span.kind,
        "marks": quote.span.marks,
        "closed": int(quote.span.closed),
        "speaker_id": speaker[0] if speaker else None,
        "speaker": speaker[1] if speaker else quote.speaker,
        "extracted_speaker": quote.speaker,
        "speaker_type": quote.speaker_type,
        "speaker_kind": speaker_kind(quote.speaker_type, quote.speaker),
        "speaker_title": quote.title,
        "mention": mention.text if mention else None,
        "mention_alias": speaker_alias(mention.name) if mention else None,
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


def _remove_document(db: Database, key: str) -> Touched:
    """Delete the stored version of document KEY with its quotes; the speakers and clusters it had."""
    old = db.execute("select id from documents where key = ?", [key]).fetchone()
    if not old:
        return Touched(set(), set())
    rows = db.execute("select distinct speaker_id from quotes where document_id = ? and speaker_id is not null", [old[0]])
    touched = Touched({row[0] for row in rows}, clusters_of_document(db, old[0]))
    note_surnames(db, touched.speakers)
    note_changes(db, "document_id = ?", [old[0]])
    db.execute("delete from quotes where document_id = ?", [old[0]])
    db.execute("delete from documents where id = ?", [old[0]])
    return touched


def _speakers(db: Database, quotes: list[Quote]) -> dict[str, tuple[int, str]]:
    """Extracted name → (speakers.id, canonical name) for the named people and organisations."""
    kinds = {q.speaker: q.speaker_type for q in quotes if q.speaker and q.speaker_type in PEOPLE_AND_ORGANISATIONS}
    namings: dict[str, list[tuple[str | None, str | None]]] = {}
    for quote in quotes:
        namings.setdefault(quote.speaker, []).append((quote.mention.text if quote.mention else None, quote.title))
    # Longer names first: the article's full names have rows before its lone surnames are looked up.
    overrides = Overrides.of(db)
    ids = {speaker: resolve_speaker(db, overrides, speaker, kinds[speaker], *told(namings[speaker])) for speaker in sorted(kinds, key=lambda name: -len(name.split()))}
    found = {speaker: speaker_id for speaker, speaker_id in ids.items() if speaker_id is not None}
    distinct = sorted(set(found.values()))
    names = dict(db.execute(f"select id, name from speakers where id in ({','.join('?' * len(distinct))})", distinct).fetchall())
    return {speaker: (speaker_id, names[speaker_id]) for speaker, speaker_id in found.items()}


CLUSTERED_AT_ONCE = 200_000  # quotes placed in one commit, which bounds the memory it takes


def identify_and_cluster(db: Database) -> None:
    """The steps across articles, once per run for what it changed: settle the people of the
    surnames waiting in `surname_pending`, then cluster the quotes waiting in `cluster_pending`
    (those the settling moved too), CLUSTERED_AT_ONCE at a time."""
    with db.atomic():
        settle_waiting(db)
    while db.execute("select 1 from cluster_pending limit 1").fetchone():
        with db.atomic():
            refresh_clusters(db, recluster(db, CLUSTERED_AT_ONCE))


def refresh(db: Database, touched: Touched) -> None:
    """Bring the touched speakers and clusters up to date; drop those left with no quote. (The
    quotes stored, removed or moved wait in `cluster_pending` for `identify_and_cluster`.)"""
    refresh_counts(db, touched.speakers)
    refresh_clusters(db, touched.clusters)
    drop_unquoted(db, touched.speakers)
