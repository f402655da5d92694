"""The same quote in different articles: one cluster, many occurrences.

Occurrences join a cluster when their normalised text is identical (quote marks, punctuation,
case and spacing aside), nearly identical (a small edit, a trimmed start, an ellipsis), or
contained in the other ("must go" inside the full sentence) with the same speaker. Candidates
come from the database's indexes (the normalised text, the full-text index, the speaker), so
adding an article costs a few lookups per quote, whatever the size of the corpus.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter

from rapidfuzz import fuzz
from sqlite_utils import Database

NEAR_IDENTICAL = 88  # rapidfuzz ratio of normalised texts
MIN_CONTAINED_WORDS = 2  # "close" alone is in too many sentences to mean anything
LONG_QUOTE_WORDS = 8  # long enough that the same words are the same quote, whoever it is attributed to
CANDIDATES = 40


def normalise_quote(text: str) -> str:
    """Lowercase words only: quote marks, punctuation, ellipses, brackets and spacing removed."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().replace("’", "'")
    return " ".join(re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text))


def cluster_document(db: Database, document_id: int) -> set[int]:
    """Put each quote of a stored document into a cluster; the ids of the clusters touched."""
    touched = set()
    rows = db.execute("select id, norm, speaker_id from quotes where document_id = ? and norm != ''", [document_id]).fetchall()
    by_speaker: dict[int, list] = {}  # a speaker's quotes, looked up once per article
    assigned: dict[int, int] = {}  # clusters given in this article, newer than the looked-up rows
    for quote_id, norm, speaker_id in rows:
        cluster_id = _matching_cluster(db, quote_id, norm, speaker_id, by_speaker, assigned)
        if cluster_id is None:
            cluster_id = db.execute("insert into clusters (n_quotes) values (0)").lastrowid
        db.execute("update quotes set cluster_id = ? where id = ?", [cluster_id, quote_id])
        assigned[quote_id] = cluster_id
        touched.add(cluster_id)
    return touched


def _matching_cluster(
    db: Database, quote_id: int, norm: str, speaker_id: int | None, by_speaker: dict, assigned: dict[int, int]
) -> int | None:
    words = norm.split()
    for cluster_id, other_speaker in db.execute(
        "select cluster_id, speaker_id from quotes where norm = ? and id != ? and cluster_id is not null limit ?",
        [norm, quote_id, CANDIDATES],
    ):
        if len(words) >= LONG_QUOTE_WORDS or (speaker_id is not None and speaker_id == other_speaker):
            return cluster_id
    for other_id, other_norm, other_speaker, cluster_id in _candidates(db, quote_id, norm, speaker_id, by_speaker):
        cluster_id = assigned.get(other_id, cluster_id)
        if cluster_id is None:
            continue
        same_speaker = speaker_id is not None and speaker_id == other_speaker
        long_enough = min(len(words), len(other_norm.split())) >= LONG_QUOTE_WORDS
        if (same_speaker or long_enough) and _same_quote(norm, other_norm, same_speaker):
            return cluster_id
    return None


def _candidates(db: Database, quote_id: int, norm: str, speaker_id: int | None, by_speaker: dict):
    """Quotes that may be the same: sharing the rarest-looking words, or by the same speaker."""
    words = norm.split()
    found = {}
    if len(words) >= MIN_CONTAINED_WORDS:
        longest = sorted(set(words), key=len, reverse=True)[:4]
        match = " AND ".join(f'"{w}"' for w in longest)
        rows = db.execute(
            """select quotes.id, quotes.norm, quotes.speaker_id, quotes.cluster_id from quotes_fts
               join quotes on quotes.id = quotes_fts.rowid
               where quotes_fts match ? and quotes.id != ? limit ?""",
            [match, quote_id, CANDIDATES],
        ).fetchall()
        found.update((row[0], row) for row in rows)
    if speaker_id is not None:
        if speaker_id not in by_speaker:
            by_speaker[speaker_id] = db.execute(
                "select id, norm, speaker_id, cluster_id from quotes where speaker_id = ? order by id desc limit ?",
                [speaker_id, CANDIDATES * 5],
            ).fetchall()
        found.update((row[0], row) for row in by_speaker[speaker_id] if row[0] != quote_id and len(row[1]) < len(norm))
    return found.values()


def _same_quote(a: str, b: str, same_speaker: bool) -> bool:
    if fuzz.ratio(a, b) >= NEAR_IDENTICAL:
        return True
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    if len(shorter.split()) < MIN_CONTAINED_WORDS or not same_speaker and len(shorter.split()) < LONG_QUOTE_WORDS:
        return False
    return f" {shorter} " in f" {longer} "


def refresh_clusters(db: Database, cluster_ids: set[int]) -> None:
    """Recompute each touched cluster: canonical text, speaker by vote, conflict, dates, counts."""
    for cluster_id in sorted(cluster_ids):
        members = db.execute(
            """select quotes.text, quotes.norm, quotes.speaker_id, quotes.speaker, quotes.confidence,
                      quotes.document_id, documents.outlet, documents.published
               from quotes join documents on documents.id = quotes.document_id where cluster_id = ?""",
            [cluster_id],
        ).fetchall()
        if not members:
            db.execute("delete from clusters where id = ?", [cluster_id])
            continue
        votes: Counter = Counter()
        names = {}
        for _, _, speaker_id, speaker, confidence, *_ in members:
            if speaker_id is not None:
                votes[speaker_id] += 1 + (confidence or 0)
                names[speaker_id] = speaker
        winner = votes.most_common(1)[0][0] if votes else None
        conflict = sorted(names[s] for s in votes if s != winner)
        dates = [m[7] for m in members if m[7]]
        # Plain SQL: this runs for every touched cluster of every article ingested.
        db.execute(
            """update clusters set text = ?, speaker_id = ?, speaker = ?, first_seen = ?, n_quotes = ?,
                 n_documents = ?, n_outlets = ?, conflict = ? where id = ?""",
            [
                max(members, key=lambda m: (len(m[1]), m[0]))[0],
                winner,
                names.get(winner),
                min(dates) if dates else None,
                len(members),
                len({m[5] for m in members}),
                len({m[6] for m in members if m[6]}),
                json.dumps({"also_attributed_to": conflict}) if conflict else None,
                cluster_id,
            ],
        )


def clusters_of_document(db: Database, document_id: int) -> set[int]:
    return {row[0] for row in db.execute("select distinct cluster_id from quotes where document_id = ? and cluster_id is not null", [document_id])}

