"""The same quote in different articles: one cluster, many occurrences.

Occurrences join a cluster when their normalised text is identical (quote marks, punctuation,
case and spacing aside), nearly identical (a small edit, a trimmed start, an ellipsis), or
contained in the other ("must go" inside the full sentence) with the same speaker. A cluster is
one statement: a quote that holds a short member of a cluster joins it only when it also holds
the cluster's longest text, so that a catchphrase two statements share never chains them; and a
partial quote of fewer than five words ("political revolution", "radical Islamic terrorism")
belongs to no cluster: such words recur in many statements, and which one they were cut from
is not written. Candidates
come from the database's indexes (the normalised text, the full-text index, the speaker), so
adding an article costs a few lookups per quote, whatever the size of the corpus.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from typing import NamedTuple

from rapidfuzz import fuzz, process
from sqlite_utils import Database

NEAR_IDENTICAL = 88  # rapidfuzz ratio of normalised texts
MIN_CONTAINED_WORDS = 2  # "close" alone is in too many sentences to mean anything
MIN_STATEMENT_WORDS = 5  # a partial quote shorter than this is a fragment (Occurrence.fragment): no cluster
LONG_QUOTE_WORDS = 8  # long enough that the same words are the same quote, whoever it is attributed to
CANDIDATES = 40


def normalise_quote(text: str) -> str:
    """Lowercase words only: quote marks, punctuation, ellipses, brackets and spacing removed."""
    text = text.lower().replace("’", "'")
    if not text.isascii():  # accents off (é → e); most quotes are plain ASCII and skip this
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text))


class Occurrence(NamedTuple):
    """A quote about to be stored, as clustering sees it."""

    norm: str
    speaker_id: int | None
    kind: str  # full, partial, heading

    @property
    def fragment(self) -> bool:
        """A few words quoted inside a sentence ("political revolution", "radical Islamic
        terrorism"): they recur in many statements, and which one they were cut from is not
        written, so they belong to no cluster."""
        return self.kind == "partial" and self.norm.count(" ") + 1 < MIN_STATEMENT_WORDS


def assign_clusters(db: Database, occurrences: list[Occurrence]) -> list[int | None]:
    """The cluster of each of an article's quotes, before they are stored (a new cluster when none
    matches; None for a quote with no words). Assigning before the insert spares an UPDATE per
    quote, which would rewrite its full-text entry and every index."""
    by_speaker: dict[int, list] = {}  # a speaker's stored quotes, looked up once per article
    earlier: list[tuple[str, int | None, int]] = []  # this article's quotes already assigned
    clusters: list[int | None] = []
    same_text = _stored_with_norms(db, {o.norm for o in occurrences if o.norm and not o.fragment})
    for occurrence in occurrences:
        norm, speaker_id, _ = occurrence
        if not norm or occurrence.fragment:
            clusters.append(None)
            continue
        cluster_id = _matching_cluster(db, norm, speaker_id, by_speaker, earlier, same_text.get(norm, []))
        if cluster_id is None:
            cluster_id = db.execute("insert into clusters (n_quotes) values (0)").lastrowid
        earlier.append((norm, speaker_id, cluster_id))
        clusters.append(cluster_id)
    return clusters


def _stored_with_norms(db: Database, norms: set[str]) -> dict[str, list[tuple[int | None, int]]]:
    """norm → (speaker_id, cluster_id) of the first stored quotes with that normalised text (at
    most CANDIDATES each, in the order they were stored): one lookup for all of an article's quotes."""
    found: dict[str, list] = {}
    ordered = sorted(norms)
    for start in range(0, len(ordered), 500):
        chunk = ordered[start : start + 500]
        rows = db.execute(
            f"select norm, speaker_id, cluster_id from quotes where norm in ({','.join('?' * len(chunk))}) and cluster_id is not null order by norm, id",
            chunk,
        )
        for norm, speaker_id, cluster_id in rows:
            same = found.setdefault(norm, [])
            if len(same) < CANDIDATES:
                same.append((speaker_id, cluster_id))
    return found


def _matching_cluster(db: Database, norm: str, speaker_id: int | None, by_speaker: dict, earlier: list, stored_same: list) -> int | None:
    """The cluster of the quote NORM: one whose text is the same (STORED_SAME, or EARLIER in its
    article), nearly the same, or holds it or is held by it; None when there is none."""
    words = norm.split()
    exact = [(other_speaker, cluster_id) for other_norm, other_speaker, cluster_id in earlier if other_norm == norm]
    exact += stored_same
    for other_speaker, cluster_id in exact:
        if len(words) >= LONG_QUOTE_WORDS or (speaker_id is not None and speaker_id == other_speaker):
            return cluster_id
    candidates = [*earlier, *_candidates(db, norm, words, speaker_id, by_speaker)]
    # The first candidate that is near-identical or contains (or is contained in) the quote wins.
    # Near-identical texts are found in one call over all candidates, and plain substrings (which
    # containment needs) in one pass, so that the checks below run on the few likely ones only.
    norms = [c[0] for c in candidates]
    near = {k for _, _, k in process.extract(norm, norms, scorer=fuzz.ratio, score_cutoff=NEAR_IDENTICAL, limit=None)}
    overlapping = [k for k, other_norm in enumerate(norms) if norm in other_norm or other_norm in norm]
    for k in sorted(near.union(overlapping)):
        other_norm, other_speaker, cluster_id = candidates[k]
        same_speaker = speaker_id is not None and speaker_id == other_speaker
        long_enough = min(len(words), other_norm.count(" ") + 1) >= LONG_QUOTE_WORDS
        if not (same_speaker or long_enough) or not (k in near or _contained(norm, other_norm, same_speaker)):
            continue
        if len(other_norm) < len(norm) and not _takes_in(norm, _longest_norm(db, cluster_id, earlier)):
            continue  # the quote holds a short member of a cluster, not its statement: no chain
        return cluster_id
    return None


def _longest_norm(db: Database, cluster_id: int, earlier: list) -> str:
    """The longest normalised text in CLUSTER_ID (stored, or among this article's EARLIER quotes)."""
    stored = db.execute("select norm from quotes where cluster_id = ? order by length(norm) desc limit 1", [cluster_id]).fetchone()
    texts = [other_norm for other_norm, _, other_cluster in earlier if other_cluster == cluster_id] + ([stored[0]] if stored else [])
    return max(texts, key=len, default="")


def _takes_in(norm: str, statement: str) -> bool:
    """Whether NORM is the same statement as STATEMENT or a longer one holding it, as a quote that
    joins a cluster through one of its short members must be: else a catchphrase that two
    statements share ("political revolution") would chain them into one cluster."""
    return fuzz.ratio(norm, statement) >= NEAR_IDENTICAL or f" {statement} " in f" {norm} "


def _candidates(db: Database, norm: str, words: list[str], speaker_id: int | None, by_speaker: dict):
    """Stored quotes that may be the same, as (norm, speaker_id, cluster_id): sharing the
    rarest-looking words, or by the same speaker.

    A short quote only matches one by the same speaker, so the speaker's quotes are its only
    candidates and the full-text lookup is spent on long quotes alone."""
    long_quote = len(words) >= LONG_QUOTE_WORDS
    found = {}
    if long_quote:
        match = " AND ".join(f'"{w}"' for w in lookup_words(words))
        rows = db.execute(
            """select quotes.id, quotes.norm, quotes.speaker_id, quotes.cluster_id from quotes_fts
               join quotes on quotes.id = quotes_fts.rowid
               where quotes_fts match ? and quotes.cluster_id is not null limit ?""",
            [match, CANDIDATES],
        ).fetchall()
        found = {row[0]: row[1:] for row in rows}
    if speaker_id is None:
        return found.values()
    if speaker_id not in by_speaker:
        # The speaker's latest quotes, in the order of the (speaker_id, said_on) index: ordering by
        # id instead sorts all of a prolific speaker's quotes for every article that quotes them.
        rows = db.execute(
            "select id, norm, speaker_id, cluster_id from quotes where speaker_id = ? order by said_on desc, id desc limit ?",
            [speaker_id, CANDIDATES * 5],
        ).fetchall()
        by_speaker[speaker_id] = {row[0]: row[1:] for row in rows if row[3] is not None}
    if not long_quote:
        return by_speaker[speaker_id].values()
    # longer ones came through the full-text lookup
    found.update((key, row) for key, row in by_speaker[speaker_id].items() if len(row[0]) < len(norm))
    return found.values()


def lookup_words(words: list[str]) -> list[str]:
    """The four longest distinct words, the rarest-looking, to look a quote up by; ties are broken
    alphabetically so that every run (whatever its hash seed) finds the same candidates."""
    return sorted(set(words), key=lambda word: (-len(word), word))[:4]


def _contained(a: str, b: str, same_speaker: bool) -> bool:
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    shorter_words = shorter.count(" ") + 1
    if shorter_words < MIN_CONTAINED_WORDS or not same_speaker and shorter_words < LONG_QUOTE_WORDS:
        return False
    return f" {shorter} " in f" {longer} "


def refresh_clusters(db: Database, cluster_ids: set[int]) -> None:
    """Recompute each touched cluster: canonical text, speaker by vote, conflict, dates, counts."""
    ids = sorted(cluster_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        members: dict[int, list] = {cluster_id: [] for cluster_id in chunk}
        for row in db.execute(
            f"""select quotes.cluster_id, quotes.text, quotes.norm, quotes.speaker_id, quotes.speaker, quotes.confidence,
                       quotes.document_id, documents.outlet, documents.published
                from quotes join documents on documents.id = quotes.document_id
                where cluster_id in ({",".join("?" * len(chunk))})""",
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

