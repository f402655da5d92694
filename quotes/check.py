"""`quotes check`: is the database whole? Each check is a name and a query that returns the rows
that are wrong, so that a user can run the same SQL to see them."""
from __future__ import annotations

import sqlite3
from typing import NamedTuple

from sqlite_utils import Database

from .facet_counts import OUT_OF_STEP
from .same_statement import MIN_STATEMENT_WORDS


class Check(NamedTuple):
    name: str
    sql: str  # the rows that break the rule; the first column names each


CHECKS = (
    Check("each document once", "select key from documents group by key having count(*) > 1"),
    Check("every document has a key", "select id from documents where key is null"),
    Check("no quote without its document", "select id from quotes where document_id not in (select id from documents)"),
    Check("no quote with a missing speaker", "select id from quotes where speaker_id is not null and speaker_id not in (select id from speakers)"),
    Check("no quote in a missing cluster", "select id from quotes where cluster_id is not null and cluster_id not in (select id from clusters)"),
    Check("no alias of a missing speaker", "select alias from speaker_aliases where speaker_id not in (select id from speakers)"),
    Check("no speaker left unnamed by a settling", "select id from speakers where substr(name, 1, 1) = char(31)"),  # surnames.UNNAMED
    Check(
        "each quote shows its speaker's name",
        "select quotes.id from quotes join speakers on speakers.id = quotes.speaker_id where quotes.speaker is not speakers.name",
    ),
    Check("no speaker without quotes", "select name from speakers where id not in (select speaker_id from quotes where speaker_id is not null)"),
    Check("no cluster without quotes", "select id from clusters where id not in (select cluster_id from quotes where cluster_id is not null)"),
    Check(
        "every quote but a fragment is in a cluster, or waiting for one",  # a stopped run's wait for the next (`describe`)
        f"""select id from quotes where cluster_id is null and norm != '' and id not in (select id from cluster_pending)
            and not (kind = 'partial' and length(norm) - length(replace(norm, ' ', '')) + 1 < {MIN_STATEMENT_WORDS})""",
    ),
    Check(
        "speaker counts equal the quotes table",
        """select speakers.name from speakers left join (
             select speaker_id, count(*) as n, count(distinct document_id) as docs from quotes group by speaker_id
           ) as counted on counted.speaker_id = speakers.id
           where speakers.n_quotes is not coalesce(counted.n, 0) or speakers.n_documents is not coalesce(counted.docs, 0)""",
    ),
    Check(
        "document counts equal the quotes table",
        """select documents.key from documents left join (
             select document_id, count(*) as n from quotes group by document_id
           ) as counted on counted.document_id = documents.id
           where documents.n_quotes is not coalesce(counted.n, 0)""",
    ),
    Check(
        "cluster counts equal the quotes table",
        """select clusters.id from clusters join (
             select cluster_id, count(*) as n, count(distinct document_id) as docs from quotes where cluster_id is not null group by cluster_id
           ) as counted on counted.cluster_id = clusters.id
           where clusters.n_quotes != counted.n or clusters.n_documents != counted.docs""",
    ),
    Check("facet counts equal the quotes table", OUT_OF_STEP),
)
SHOWN = 3  # offending rows named per check


def check_database(db: Database) -> list[str]:
    """One line per problem found; none when the database is whole."""
    integrity = [row[0] for row in db.execute("pragma integrity_check")]
    if integrity != ["ok"]:
        # Past a damaged page the other answers cannot be trusted
        return [f"integrity_check: {line}" for line in integrity[:SHOWN]]
    problems = [f"foreign key: {row[0]} row {row[1]} refers to a missing {row[2]} row" for row in db.execute("pragma foreign_key_check")]
    for index, of in FULL_TEXT_INDEXES:
        problems += _full_text_problems(db, index, of)
    for check in CHECKS:
        rows = db.execute(check.sql).fetchall()
        if rows:
            shown = ", ".join(repr(row[0]) for row in rows[:SHOWN]) + (", …" if len(rows) > SHOWN else "")
            problems.append(f"{check.name}: {len(rows)} rows break it ({shown})")
    return problems


FULL_TEXT_INDEXES = (("quotes_fts", "the quotes table"), ("quotes_context_fts", "the quotes' paragraphs"))


def _full_text_problems(db: Database, index: str, of: str) -> list[str]:
    """Whether the full-text INDEX holds what it indexes (OF), as one problem line if not."""
    try:
        # rank 1: compare the index with the rows it indexes too; raises when they differ. SQLite
        # counts this command as a write, though it changes nothing: it runs in a transaction
        # that is rolled back, and cannot run on a database opened read-only.
        db.conn.execute("begin")
        db.conn.execute(f"insert into {index} ({index}, rank) values ('integrity-check', 1)")
    except sqlite3.OperationalError as e:
        if "readonly" not in str(e):
            return [f"full-text index {index} out of step with {of} ({e})"]
    except sqlite3.DatabaseError as e:
        return [f"full-text index {index} out of step with {of} ({e})"]
    finally:
        if db.conn.in_transaction:
            db.conn.execute("rollback")
    return []


def describe(db: Database) -> str:
    counts = [f"{db.table(table).count} {table}" for table in ("documents", "quotes", "speakers", "clusters")]
    waiting = db.execute("select count(distinct id) from cluster_pending").fetchone()[0]
    if waiting:  # an ingest or a load stopped before its clustering step: the next one places them
        counts.append(f"{waiting} quotes waiting for their cluster (run the ingest or load again)")
    surnames = db.execute("select count(*) from surname_pending").fetchone()[0] if db["surname_pending"].exists() else 0
    if surnames:  # the same: the people of these surnames are settled by the next run
        counts.append(f"{surnames} surnames waiting for their people to be settled (run the ingest or load again)")
    return ", ".join(counts)
