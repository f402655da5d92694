"""The same quote in different articles: one cluster, many occurrences.

A cluster is one statement: the quotes that are the same statement (`same_statement.related`:
identical once quote marks, punctuation, case and spacing are set aside, nearly identical, or
one holding the other). Quotes are placed longest first, and a quote joins a cluster only when
every longer quote it is related to is in that one cluster; a quote related to two (a
catchphrase two statements share, the overlap of two different cuts) starts its own, so that
nothing chains two statements. A partial quote of fewer than five words ("political
revolution", "radical Islamic terrorism") belongs to no cluster: such words recur in many
statements, and which one they were cut from is not written.

The clusters are thus a function of the set of quotes stored, whatever order the articles came
in and however they were batched, so that `load` of shards gives `ingest`'s database. They are
computed set-based, once per run, for what changed: the quotes stored, removed or given
another speaker (`note_changes`), and those below them that the change moves (`recluster`).
"""
from __future__ import annotations

import heapq
import json
import re
import unicodedata
from collections import Counter

from sqlite_utils import Database

from .same_statement import AllRelatives, Member, lookup_key
from .sql import in_chunks
from .stored_relatives import Relatives


def normalise_quote(text: str) -> str:
    """Lowercase words only: quote marks, punctuation, ellipses, brackets and spacing removed."""
    text = text.lower().replace("’", "'")
    if not text.isascii():  # accents off (é → e); most quotes are plain ASCII and skip this
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text))


# The quotes waiting to be clustered, as they were when noted (a removed or moved quote's old
# self tells what it was related to). Created here too for the migrations before
# `cluster_order_free` that store and remove documents through this code.
PENDING = "create table if not exists cluster_pending (id integer, norm text, speaker_id integer, kind text)"


def note_changes(db: Database, where: str, params: list) -> None:
    """Keep the quotes WHERE selects, as they are now, in `cluster_pending` for `recluster`: call
    it after storing quotes, and before removing them or giving them another speaker. The table
    is written in the same commit as the change, so that a crash before `recluster` loses nothing."""
    db.execute(PENDING)
    db.execute(f"insert into cluster_pending select id, norm, speaker_id, kind from quotes where {where}", params)


def recluster(db: Database, most: int | None = None) -> set[int]:
    """Place the quotes noted since the last call (the MOST first noted, when given: the others
    wait, and move what they must when their turn comes), and those their change moves; returns
    the clusters touched (left and joined), for `refresh_clusters`.

    A quote's cluster depends on the longer quotes related to it alone, so quotes are placed in
    the clustering order (`Member.rank`), from a heap: the noted quotes as they are now, and the
    quotes related to them as they were (a removed quote's, a moved one's), and below any quote
    whose cluster changes, the quotes related to it. The rest keep their clusters: the result is
    the clustering of the whole corpus, computed for the part that changed."""
    db.execute(PENDING)
    rows = db.execute("select rowid, id, norm, speaker_id, kind from cluster_pending order by rowid limit ?", [-1 if most is None else most]).fetchall()
    if not rows:
        return set()
    db.execute("delete from cluster_pending where rowid <= ?", [rows[-1][0]])
    relatives: Relatives | AllRelatives = Relatives(db)
    now = relatives.stored([row[1] for row in rows])
    if len(now) == db.execute("select count(*) from quotes").fetchone()[0]:
        relatives = AllRelatives(now, relatives.cluster)  # every quote to place: found in memory
    still = {(m.id, m.norm, m.speaker_id, m.kind) for m in now}
    # as they were, before removed or moved
    gone = [Member.of(*row[1:], lookup_key(row[2] or "")) for row in rows if tuple(row[1:]) not in still]
    relatives.prefetch([*now, *gone], text=[])
    # new copies of a clustered text, placed without looking up their words, mostly
    twinned = {m.id for m in now if _new_long(m, relatives) and any(relatives.cluster.get(t.id) is not None for t in relatives.twins(m))}
    relatives.prefetch([], text=[m for m in [*now, *gone] if m.id not in twinned])
    heap = [(m.rank, m.id, m) for m in now]
    heap += [(other.rank, other.id, other) for seed in gone for other in relatives(seed) if other.rank >= seed.rank]
    heapq.heapify(heap)
    queued = {quote_id for _, quote_id, _ in heap}
    unfetched: list[Member] = []  # queued since the last lookup
    placed: dict[int, int | None] = {}
    taken: set[int] = set()  # the clusters given out so far
    made: list[int] = []  # the new ones, inserted together
    next_id = db.execute("select coalesce(max(id), 0) + 1 from clusters").fetchone()[0]
    while heap:
        _, _, member = heapq.heappop(heap)
        if member.id in placed:
            continue
        cluster_id = _twin_cluster(member, relatives, placed, queued)
        if cluster_id is not None:
            placed[member.id] = cluster_id
            unfetched += _queue_below(heap, queued, placed, relatives, member, cluster_id, relatives.spoken_by(member))
            continue
        if not relatives.ready(member):  # look up all that waits at once
            relatives.prefetch([member, *unfetched])
            unfetched.clear()
        twins = [member, *(other for other in relatives(member) if other.norm == member.norm)] if member.clustered else [member]
        cluster_id = _cluster_for(member, twins, relatives, placed, taken)
        if cluster_id == NEW:
            cluster_id, next_id = next_id, next_id + 1
            made.append(cluster_id)
        taken.add(cluster_id)
        for twin in twins:
            placed[twin.id] = cluster_id
            if cluster_id != relatives.cluster.get(twin.id):
                unfetched += _queue_below(heap, queued, placed, relatives, twin, cluster_id, relatives(twin))
    db.conn.executemany("insert into clusters (id, n_quotes) values (?, 0)", [[cluster_id] for cluster_id in made])
    changed = [(cluster_id, quote_id) for quote_id, cluster_id in placed.items() if relatives.cluster.get(quote_id) != cluster_id]
    db.conn.executemany("update quotes set cluster_id = ? where id = ?", changed)
    return ({relatives.cluster.get(quote_id) for _, quote_id in changed} | {cluster_id for cluster_id, _ in changed}) - {None}


def _new_long(member: Member, relatives: Relatives | AllRelatives) -> bool:
    return member.long and relatives.cluster.get(member.id) is None


def _twin_cluster(member: Member, relatives: Relatives | AllRelatives, placed: dict, queued: set) -> int | None:
    """The cluster of a new long MEMBER whose text is stored already, when it can be told without
    the full-text lookup: the cluster of its stored twins, if nothing in this batch moves them and
    the quotes that its own speaker adds to what is longer than it are all in that cluster (it
    then changes the cluster of nothing but shorter quotes of its speaker); else None."""
    if not _new_long(member, relatives):
        return None
    stored = [twin for twin in relatives.twins(member) if relatives.cluster.get(twin.id) is not None]
    clusters = {relatives.cluster[twin.id] for twin in stored}
    if len(clusters) != 1 or any(twin.id in queued for twin in stored):
        return None
    cluster_id = clusters.pop()
    longer = [other for other in relatives.spoken_by(member) if other.rank < member.rank]
    return cluster_id if all(placed.get(other.id, relatives.cluster.get(other.id)) == cluster_id for other in longer) else None


def _queue_below(heap: list, queued: set, placed: dict, relatives: Relatives | AllRelatives, member: Member, cluster_id: int | None, others: list[Member]) -> list[Member]:
    """Queue (and return) the quotes of OTHERS below MEMBER, just placed in CLUSTER_ID, that this
    can move and are not waiting already: not those in that cluster already when MEMBER is new to it."""
    new = relatives.cluster.get(member.id) is None
    below = [
        other for other in others
        if other.rank > member.rank and other.id not in placed and other.id not in queued
        and not (new and placed.get(other.id, relatives.cluster.get(other.id)) == cluster_id)
    ]
    for other in below:
        heapq.heappush(heap, (other.rank, other.id, other))
        queued.add(other.id)
    return below


NEW = -1  # a cluster to be made


def _cluster_for(member: Member, twins: list[Member], relatives: Relatives | AllRelatives, placed: dict, taken: set) -> int | None:
    """The cluster of MEMBER and its identical TWINS: the one cluster of the longer quotes related
    to them, else a cluster of their own: the one they were in when it holds no longer quote
    still, else a new one."""
    if not member.clustered:
        return None
    longer = {other.id for twin in twins for other in relatives(twin) if other.rank < member.rank}
    clusters = {placed.get(other, relatives.cluster.get(other)) for other in longer} - {None}
    if len(clusters) == 1:
        return clusters.pop()
    for cluster_id in sorted({relatives.cluster.get(twin.id) for twin in twins} - {None} - taken):
        holders = relatives.holders(cluster_id)
        if not any(h.rank < member.rank and placed.get(h.id, cluster_id) == cluster_id for h in holders):
            return cluster_id
    return NEW


def refresh_clusters(db: Database, cluster_ids: set[int]) -> None:
    """Recompute each touched cluster: canonical text, speaker by vote, conflict, dates, counts."""
    for chunk, marks in in_chunks(cluster_ids):
        members: dict[int, list] = {cluster_id: [] for cluster_id in chunk}
        for row in db.execute(
            f"""select quotes.cluster_id, quotes.text, quotes.norm, quotes.speaker_id, quotes.speaker, quotes.confidence,
                       quotes.document_id, documents.outlet, documents.published
                from quotes join documents on documents.id = quotes.document_id
                where cluster_id in ({marks})""",
            chunk,
        ):
            members[row[0]].append(row[1:])
        empty = [[cluster_id] for cluster_id, rows in members.items() if not rows]
        db.conn.executemany("delete from clusters where id = ?", empty)
        # Plain SQL: this runs for every touched cluster of every batch ingested.
        db.conn.executemany(
            """update clusters set text = ?, speaker_id = ?, speaker = ?, first_seen = ?, n_quotes = ?,
                 n_documents = ?, n_outlets = ?, conflict = ? where id = ?""",
            [[*_cluster_summary(rows), cluster_id] for cluster_id, rows in members.items() if rows],
        )


def _cluster_summary(members: list) -> list:
    """text, speaker_id, speaker, first_seen, n_quotes, n_documents, n_outlets, conflict of a
    cluster's members (text, norm, speaker_id, speaker, confidence, document_id, outlet, published)."""
    votes: Counter = Counter()
    names = {}
    for _, _, speaker_id, speaker, confidence, *_ in members:
        if speaker_id is not None:
            votes[speaker_id] += 1 + (confidence or 0)
            names[speaker_id] = speaker
    winner = votes.most_common(1)[0][0] if votes else None
    conflict = sorted(names[s] for s in votes if s != winner)
    dates = [m[7] for m in members if m[7]]
    return [
        max(members, key=lambda m: (len(m[1]), m[0]))[0],
        winner,
        names.get(winner),
        min(dates) if dates else None,
        len(members),
        len({m[5] for m in members}),
        len({m[6] for m in members if m[6]}),
        json.dumps({"also_attributed_to": conflict}) if conflict else None,
    ]


def clusters_of_document(db: Database, document_id: int) -> set[int]:
    return {row[0] for row in db.execute("select distinct cluster_id from quotes where document_id = ? and cluster_id is not null", [document_id])}


def clusters_of_speakers(db: Database, speaker_ids: set[int]) -> set[int]:
    """The clusters named for one of SPEAKER_IDS."""
    found = set()
    for chunk, marks in in_chunks(speaker_ids):
        found.update(row[0] for row in db.execute(f"select id from clusters where speaker_id in ({marks})", chunk))
    return found
