"""Curators' corrections of the speaker index: merge two speakers, split a name off, rename one.

Each is kept as an override (`speaker_overrides`) that every later ingest applies, and the
surnames concerned are settled again at once (`surnames`: their aliases too), so that the index
is as the next ingest would leave it.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone

from sqlite_utils import Database

from .cluster import note_changes, recluster, refresh_clusters
from .errors import QuotesError
from .identify import refresh_counts
from .surnames import note_surnames, settle_waiting
from .written import name_key


def move_speaker(db: Database, source: int, target: int) -> None:
    """Give SOURCE's quotes and aliases to TARGET and remove SOURCE."""
    target_name = db.execute("select name from speakers where id = ?", [target]).fetchone()[0]
    clusters = {row[0] for row in db.execute("select distinct cluster_id from quotes where speaker_id = ? and cluster_id is not null", [source])}
    note_changes(db, "speaker_id = ?", [source])
    db.execute("update quotes set speaker_id = ?, speaker = ? where speaker_id = ?", [target, target_name, source])
    refresh_clusters(db, clusters)  # a cluster names its speaker; the quotes are placed again by `_settle`
    db.execute("delete from speaker_aliases where speaker_id = ?", [source])  # the target's are made again from its quotes
    db.execute("delete from speakers where id = ?", [source])
    refresh_counts(db, {target})


def _speaker_named(db: Database, name: str) -> int:
    row = db.execute("select id from speakers where name = ?", [name]).fetchone()
    if row is None:
        row = db.execute("select speaker_id from speaker_aliases where alias = ?", [name]).fetchone()
    if row is None:
        raise QuotesError(f"{name}: no such speaker (see the speakers table for names)")
    return row[0]


def _record(db: Database, action: str, name: str, target: str | None = None) -> None:
    db.table("speaker_overrides").insert(
        {"action": action, "name": name, "target": target, "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    )


def merge_speakers(db: Database, source_name: str, target_name: str) -> None:
    """Curate: SOURCE is the same person as TARGET, now and in every later ingest."""
    with db.atomic():
        source, target = _speaker_named(db, source_name), _speaker_named(db, target_name)
        if source == target:
            raise QuotesError(f"{source_name}: already the same speaker as {target_name}")
        _record(db, "merge", source_name, target_name)
        note_surnames(db, {source, target})
        move_speaker(db, source, target)
        _settle(db)


def rename_speaker(db: Database, old_name: str, new_name: str) -> None:
    """Curate: show the speaker as NEW_NAME, now and after every later ingest."""
    with db.atomic():
        speaker = _speaker_named(db, old_name)
        if db.execute("select 1 from speakers where name = ? and id != ?", [new_name, speaker]).fetchone():
            raise QuotesError(f"{new_name}: another speaker has that name (merge them instead)")
        db.table("speakers").update(speaker, {"name": new_name})
        db.execute("update quotes set speaker = ? where speaker_id = ?", [new_name, speaker])
        _record(db, "rename", old_name, new_name)
        note_surnames(db, {speaker})
        _settle(db)


def split_speaker(db: Database, alias: str) -> int:
    """Curate: quotes whose speaker was written ALIAS are another person; returns the new speaker's id."""
    with db.atomic():
        speaker = _speaker_named(db, alias)
        kind = db.execute("select type from speakers where id = ?", [speaker]).fetchone()[0]
        key = name_key(alias) or (alias.lower(),)
        new = db.table("speakers").insert(
            {"name": alias, "type": kind, "key": json.dumps(list(key)), "surname": key[-1], "n_quotes": 0, "n_documents": 0}
        ).last_pk
        written_so = "speaker_id = ? and (extracted_speaker = ? or mention = ?)"
        clusters = {row[0] for row in db.execute(f"select distinct cluster_id from quotes where {written_so}", [speaker, alias, alias])}
        note_changes(db, written_so, [speaker, alias, alias])
        db.execute(f"update quotes set speaker_id = ?, speaker = ? where {written_so}", [new, alias, speaker, alias, alias])
        refresh_clusters(db, clusters - {None})  # placed again by `_settle`
        refresh_counts(db, {speaker, new})
        _record(db, "split", alias)
        note_surnames(db, {speaker, new})
        _settle(db)
        return new


def _settle(db: Database) -> None:
    """Settle the surnames a curation noted, and cluster the quotes that moved (by the curation
    or by the settling), once."""
    settle_waiting(db)
    refresh_clusters(db, recluster(db))
