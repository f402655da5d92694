"""The people of one surname, decided from the whole corpus: which full names are one person,
what that person's row is called, and whom a lone surname names.

Name variants are not transitive: "Chris Smith" can be Christopher Smith or Christine Smith, who
are two people. Linked as they arrive, the answer would depend on which came first (the first
row a name fitted took it), and so would a row's name (the first variant seen). So an article's
new full name only gets a row of its own, and once per run (`settle_waiting`) every surname the
run touched is settled again from all the full names the corpus writes with it:

- names are taken most specific first (more words, then longer), and a name joins a person when
  it is the same person (`written.same_person`) as every name that person has and is related to
  no other person; a name that fits two people ("Chris Smith") is a person of its own;
- a person's row is the row that holds most of its quotes already, so that rows keep their ids;
- a person is called by the name a curator gave it, else by the variant most articles write
  (then most quotes, then the most specific);
- the lone surnames ("Smith") then go where the full names now say (`identify`);
- an organisation whose last word it is (rows carry it as `surname` too) is called the way
  most articles write it; and every speaker of the surname has its aliases made again from its
  quotes, so that they follow the quotes that moved.

The result is a function of the names stored, whatever the order or the batches of the articles,
so that `load` of shards in any order gives one database.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from typing import NamedTuple

from sqlite_utils import Database

from .cluster import clusters_of_speakers, note_changes, refresh_clusters
from .identify import Overrides, drop_unquoted, reattach_lone_surnames, refresh_counts
from .sql import in_chunks
from .written import name_key, same_person

# The surnames whose people wait to be settled: written in the commit that stores or removes a
# quote of theirs, so that a run stopped before `settle_waiting` leaves them for the next one.
PENDING_SURNAMES = "create table if not exists surname_pending (surname text primary key)"
UNNAMED = "\x1f"  # opens a row's name while it is being settled: no name as written starts with it


def note_surnames(db: Database, speaker_ids: set[int]) -> None:
    """Keep the surnames of the people SPEAKER_IDS (quotes stored or removed) for `settle_waiting`.
    (The table is made here too for the migrations before `people_order_free` that store and
    remove documents through this code.)"""
    db.execute(PENDING_SURNAMES)
    for chunk, marks in in_chunks(speaker_ids):
        db.execute(f"insert or ignore into surname_pending select distinct surname from speakers where id in ({marks})", chunk)


def settle_waiting(db: Database) -> None:
    """Settle every surname waiting in `surname_pending`, in the caller's transaction."""
    overrides = Overrides.of(db)
    named: list[tuple[int, str]] = []
    for (surname,) in db.execute("select surname from surname_pending order by surname").fetchall():
        named += settle_surname(db, overrides, surname)
    _alias_rows(db, named)
    db.execute("delete from surname_pending")


class Person(NamedTuple):
    """One person of a surname: the full names written for them, most specific first."""

    names: tuple[str, ...]


def people_among(names: list[str]) -> list[Person]:
    """NAMES (full names sharing a surname) as the people they are, whatever order they come in."""
    keys = {name: name_key(name) for name in names}
    people: list[list[str]] = []
    for name in sorted(keys, key=lambda name: most_specific(name, keys[name])):
        related = [person for person in people if any(same_person(keys[name], keys[other]) for other in person)]
        if len(related) == 1 and all(same_person(keys[name], keys[other]) for other in related[0]):
            related[0].append(name)
        else:
            people.append([name])
    return [Person(tuple(person)) for person in people]


def most_specific(name: str, key: tuple[str, ...]) -> tuple:
    """The order of full names from the most specific: more words (in its KEY), then longer, then
    alphabetical."""
    return -len(key), -len(name), name


class Written(NamedTuple):
    """How often the corpus writes a full name (after curators' overrides), and where its quotes are."""

    documents: int
    quotes: int
    rows: Counter  # speakers.id → quotes
    extracted: frozenset[str]  # the names as extracted, before overrides


def settle_surname(db: Database, overrides: Overrides, surname: str) -> list[tuple[int, str]]:
    """Group the full names of SURNAME (after the curators' OVERRIDES) into people, give each
    person one row, and send the lone SURNAME's quotes where the full names now say; each row's
    full names (for its aliases)."""
    rows = dict(db.execute("select id, key from speakers where surname = ? and type = 'person'", [surname]).fetchall())
    written = _full_names_written(db, overrides, surname, list(rows))
    named: list[tuple[int, str]] = []  # (row, a full name it is written with, after overrides)
    if written:
        keep = [name for name in written if name not in overrides.split]
        people = people_among(keep) + [Person((name,)) for name in sorted(set(written) - set(keep))]
        changed, moved_clusters, named = _give_rows(db, overrides, surname, people, written, rows)
        if changed:
            refresh_counts(db, changed)
            # before the rows go: a cluster names its speaker
            refresh_clusters(db, moved_clusters | clusters_of_speakers(db, changed))
            drop_unquoted(db, changed)
    reattach_lone_surnames(db, overrides, surname, {each for name in written.values() for each in name.extracted})
    _name_after_quotes(db, overrides, surname)
    return named


def _full_names_written(db: Database, overrides: Overrides, surname: str, row_ids: list[int]) -> dict[str, Written]:
    """The full names of SURNAME the quotes of the rows ROW_IDS were written with, after overrides."""
    if not row_ids:
        return {}
    documents, quotes, rows, extracted_as = Counter(), Counter(), defaultdict(Counter), defaultdict(set)
    counts = db.execute(
        f"""select extracted_speaker, speaker_id, count(*), count(distinct document_id) from quotes
            where speaker_id in ({','.join('?' * len(row_ids))}) and extracted_speaker is not null group by 1, 2""",
        row_ids,
    ).fetchall()
    for extracted, row, in_quotes, in_documents in counts:
        name = overrides.name(extracted)
        key = name_key(name)
        if len(key) < 2 or key[-1] != surname:
            continue  # a lone surname (settled after), or a name a curator merged into another surname's
        documents[name] += in_documents
        quotes[name] += in_quotes
        rows[name][row] += in_quotes
        extracted_as[name].add(extracted)
    return {name: Written(documents[name], quotes[name], rows[name], frozenset(extracted_as[name])) for name in quotes}


def _give_rows(db: Database, overrides: Overrides, surname: str, people: list[Person], written: dict[str, Written], rows: dict[int, str]) -> tuple[set[int], set[int], list[tuple[int, str]]]:
    """Put each person's quotes on one row named for them; the rows changed (quotes moved to or
    from them, renamed, made or left), the clusters of the quotes moved, and each row's names."""
    taken: set[int] = set()
    placed: list[tuple[Person, int]] = []
    for person in sorted(people, key=lambda person: (-sum(written[name].quotes for name in person.names), person.names)):
        holding = Counter()
        for name in person.names:
            holding.update(written[name].rows)
        row = next((row for row, _ in sorted(holding.items(), key=lambda item: (-item[1], item[0])) if row not in taken), None)
        if row is None:
            row = db.execute(
                "insert into speakers (name, type, surname, n_quotes, n_documents) values (?, 'person', ?, 0, 0)",
                [f"{UNNAMED}{surname} {len(placed)}", surname],  # named below
            ).lastrowid
        taken.add(row)
        placed.append((person, row))
    # A row no person took is no full name now: a candidate for no lone surname, its name free.
    left = {row for row in set(rows) - taken if len(json.loads(rows[row])) > 1}
    for row in left:
        db.execute("update speakers set name = ?, key = ? where id = ?", [f"{UNNAMED}{row}", json.dumps([surname]), row])
    changed = left | (taken - set(rows)) | _name_rows(db, [(row, _called(person, written, overrides.given)) for person, row in placed])
    moved_clusters = set()
    for person, row in placed:
        others = {other for name in person.names for other in written[name].rows} - {row}
        if others:
            moved_clusters |= _move_quotes(db, person, row, written, sorted(others))
            changed |= others | {row}
    for row in changed & taken:
        (name,) = db.execute("select name from speakers where id = ?", [row]).fetchone()
        db.execute("update quotes set speaker = ? where speaker_id = ? and speaker is not ?", [name, row, name])
    return changed, moved_clusters, [(row, name) for person, row in placed for name in person.names]


def _name_rows(db: Database, names: list[tuple[int, str]]) -> set[int]:
    """Give each row its name (and that name's key): names first made free, as one row may take
    the name another had; a name another kind of speaker holds stays theirs. The rows renamed."""
    current = dict(db.execute(f"select id, name from speakers where id in ({','.join('?' * len(names))})", [row for row, _ in names]).fetchall())
    changing = [(row, name) for row, name in names if current[row] != name]
    for row, _ in changing:
        db.execute("update speakers set name = ? where id = ?", [f"{UNNAMED}{row}", row])
    for row, name in changing:
        db.execute("update speakers set name = ?, key = ? where id = ?", [_unique(db, name, row), json.dumps(list(name_key(name))), row])
    return {row for row, _ in changing}


def _unique(db: Database, name: str, row: int) -> str:
    """NAME for the speaker ROW, or "NAME (ROW)" where another speaker (of another kind) has it."""
    return f"{name} ({row})" if db.execute("select 1 from speakers where name = ? and id != ?", [name, row]).fetchone() else name


def _name_after_quotes(db: Database, overrides: Overrides, surname: str) -> None:
    """An organisation whose last word is SURNAME (its words, `written.organisation_key`), and a
    row no person took that still has quotes (a curator merged words of another surname into it),
    are called the way their quotes write them (`_most_written`): an organisation keeps its name
    where another speaker has that one."""
    rows = db.execute(
        "select id, type, name from speakers where surname = ? and (type = 'organization' or substr(name, 1, 1) = ?)", [surname, UNNAMED]
    ).fetchall()
    for row, kind, current in rows:
        name = _most_written(db, overrides, row)
        if name is None or name == current:
            continue  # no quote (dropped with the others), or so called already
        if kind == "organization" and db.execute("select 1 from speakers where name = ?", [name]).fetchone():
            continue
        name = _unique(db, name, row)
        db.execute("update speakers set name = ? where id = ?", [name, row])
        db.execute("update quotes set speaker = ? where speaker_id = ?", [name, row])


def _most_written(db: Database, overrides: Overrides, row: int) -> str | None:
    """How the quotes of the speaker ROW name it, after curators' overrides: the name a curator
    gave, else the way most articles write it ("The Pentagon" or "Pentagon"), then most quotes,
    then alphabetically; None for no quote."""
    documents, quotes = Counter(), Counter()
    counts = db.execute(
        "select extracted_speaker, count(distinct document_id), count(*) from quotes where speaker_id = ? and extracted_speaker is not null group by 1", [row]
    )
    for extracted, in_documents, in_quotes in counts:
        documents[overrides.name(extracted)] += in_documents
        quotes[overrides.name(extracted)] += in_quotes
    return min(quotes, key=lambda way: (way not in overrides.given, -documents[way], -quotes[way], way), default=None)


def _alias_rows(db: Database, named: list[tuple[int, str]]) -> None:
    """A speaker's aliases are the ways its quotes name it: its name, the names its quotes were
    extracted with (and, after curators' overrides, NAMED), and the names their mentions hold
    (`quotes.mention_alias`). Made again from the quotes for every speaker of a surname waiting,
    so that they follow the quotes that moved."""
    waiting = "from speakers where surname in (select surname from surname_pending)"
    db.execute(f"delete from speaker_aliases where speaker_id in (select id {waiting})")
    db.execute(
        f"""insert or ignore into speaker_aliases (speaker_id, alias)
            select id, name {waiting}
            union select speaker_id, extracted_speaker from quotes where speaker_id in (select id {waiting}) and extracted_speaker is not null
            union select speaker_id, mention_alias from quotes where speaker_id in (select id {waiting}) and mention_alias is not null"""
    )
    db.conn.executemany("insert or ignore into speaker_aliases (speaker_id, alias) values (?, ?)", named)


def _called(person: Person, written: dict[str, Written], curated: set[str]) -> str:
    """What PERSON's row is called: the name a curator gave, else the one most articles write
    (then most quotes, then the most specific)."""
    given = sorted(name for name in person.names if name in curated)
    if given:
        return given[0]
    return min(person.names, key=lambda name: (-written[name].documents, -written[name].quotes, *most_specific(name, name_key(name))))


def _move_quotes(db: Database, person: Person, row: int, written: dict[str, Written], others: list[int]) -> set[int]:
    """Give ROW the quotes of PERSON's names that the rows OTHERS hold; the clusters of the quotes moved."""
    extracted = sorted({each for name in person.names for each in written[name].extracted})
    where = f"speaker_id in ({','.join('?' * len(others))}) and extracted_speaker in ({','.join('?' * len(extracted))})"
    clusters = {cluster for (cluster,) in db.execute(f"select distinct cluster_id from quotes where {where} and cluster_id is not null", [*others, *extracted])}
    # clustered again with their new speaker (those in no cluster yet are waiting already)
    note_changes(db, f"{where} and cluster_id is not null", [*others, *extracted])
    db.execute(f"update quotes set speaker_id = ? where {where}", [row, *others, *extracted])
    return clusters
