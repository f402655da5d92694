"""One speaker across all articles: the name variants of a person are one row, and different
people are never merged.

"Sergei Lavrov" and "Sergey Lavrov" (transliteration), "Donald J. Trump" and "Donald Trump"
(initials), "Erdoğan" and "Erdogan" (diacritics), "Recep Tayyip Erdogan" and "Tayyip Erdogan"
(one name inside the other) are one person; "Bill Clinton" and "Hillary Clinton" are two, and
so are "Donald Trump" and "Donald Trump Jr.". A surname alone ("Toner") is the one full name in
the corpus with that surname, or stays unresolved with its candidates when there are several.
Curators' merges, splits and renames (`curation`) are kept as overrides and applied on every ingest.

An article's names are linked here as it is stored; which full names are one person, and what
the person is called, is then settled once per run from all the names of each surname the run
touched (`surnames`), so that the index does not depend on the order articles came in.
"""
from __future__ import annotations

import json
from typing import NamedTuple

from sqlite_utils import Database

from .cluster import note_changes, refresh_clusters
from .lexicons import given_names
from .sql import in_chunks
from .written import initials, name_key, organisation_key, title_word, told


def resolve_speaker(db: Database, overrides: Overrides, name: str, kind: str, gender: str | None = None, titled: bool = False, title: str | None = None) -> int | None:
    """The speakers.id for NAME (person or organization), after the curators' OVERRIDES, creating
    or linking rows as needed. GENDER, when the article tells it ("Mrs. Clinton", "she"), and
    TITLE, the title it was written with (title_word), narrow whom a lone surname can be; TITLED
    says the article wrote a title or a form of address with it ("Mr. Lew")."""
    name = overrides.name(name)
    key = (name_key(name) if kind == "person" else organisation_key(name)) or (name.lower(),)
    separate = name in overrides.split
    lone_surname = kind == "person" and len(key) == 1 and not separate
    if lone_surname:
        # Never through an alias: whom a surname stands for depends on the full names in the
        # corpus now (and on the gender written with it), not on those there when it was first met.
        speaker_id = _lone_surname_speaker(db, name, key[0], gender, titled, title)
        return None if speaker_id is None else _add_alias(db, speaker_id, name)
    row = db.execute(
        "select speaker_id from speaker_aliases join speakers on speakers.id = speaker_id where alias = ? and type = ?",
        [name, kind],
    ).fetchone()
    if row:
        return row[0]
    if kind != "person" and not separate:
        row = db.execute("select id from speakers where key = ? and type = ?", [json.dumps(list(key)), kind]).fetchone()
        if row:
            return _add_alias(db, row[0], name)
    # A person's new full name has a row of its own until the run settles its surname
    # (`surnames`): which full names are one person is decided from all of them, not from the
    # rows there before.
    return _own_row(db, name, kind, key)


def _own_row(db: Database, name: str, kind: str, key: tuple[str, ...]) -> int:
    """The row named NAME, created when there is none (a lone surname's lists its candidates)."""
    existing = db.execute("select id from speakers where name = ?", [name]).fetchone()
    if existing:  # the same words already name a speaker (of another kind, or a lone surname's row)
        return _add_alias(db, existing[0], name)
    candidates = _full_names(db, key[-1]) if kind == "person" and len(key) == 1 else []
    # Plain SQL rather than `Table.insert`, whose schema checks cost more than the insert here.
    speaker_id = db.execute(
        """insert into speakers (name, type, key, surname, n_quotes, n_documents, candidates)
           values (?, ?, ?, ?, 0, 0, ?)""",
        [name, kind, json.dumps(list(key)), key[-1], json.dumps(sorted(_names(db, candidates))) if len(candidates) > 1 else None],
    ).lastrowid
    return _add_alias(db, speaker_id, name)


def _lone_surname_speaker(db: Database, name: str, surname: str, gender: str | None, titled: bool, title: str | None = None) -> int | None:
    """The one full-name person NAME can be, else NAME's own row (which lists the candidates).
    Of several, the one the corpus writes with the same TITLE ("Mayor Hale" is Lena Hale, whom
    quotes call Mayor, not Tom Hale).

    None, no row, for a lone word that no full name in the corpus ends with and that the article
    wrote with no title or form of address, and which is no known given name ("Islamist",
    "Weeds", "Muslims"): news introduces the people it quotes, so it names nobody the index can
    hold. Its quotes keep the words as written, and take the full name when one comes."""
    full = _given_names_of(db, surname)
    found = _surname_only(full, initials(name), gender)
    if found is None and title and len(full) > 1:
        titled_so = _written_with(db, list(full), title)
        found = _surname_only({speaker_id: given for speaker_id, given in full.items() if speaker_id in titled_so}, initials(name), gender)
    if found is not None:
        return found
    if not (titled or gender or full or surname in given_names()):
        return None
    return _own_row(db, name, "person", (surname,))


def _written_with(db: Database, speaker_ids: list[int], title: str) -> set[int]:
    """Those of SPEAKER_IDS that a quote in the corpus writes with TITLE (a title_word) and their
    full name: not a lone surname's quote given to them, whose title would vouch for itself."""
    marks = ",".join("?" * len(speaker_ids))
    ways = db.execute(
        f"""select distinct speaker_id, speaker_title, substr(mention, 1, instr(mention || ' ', ' ') - 1) from quotes
            where speaker_id in ({marks}) and instr(trim(extracted_speaker), ' ') > 0""",
        speaker_ids,
    )
    return {speaker_id for speaker_id, written_title, first_word in ways if title_word(first_word, written_title) == title}


def _full_names(db: Database, surname: str) -> list[int]:
    """The people in the corpus with SURNAME and a given name."""
    return list(_given_names_of(db, surname))


def _given_names_of(db: Database, surname: str) -> dict[int, str]:
    """speakers.id → given name (as in its key) of the people in the corpus with SURNAME and a given name."""
    keys = ((speaker_id, json.loads(key)) for speaker_id, key in db.execute("select id, key from speakers where surname = ? and type = 'person'", [surname]))
    return {speaker_id: key[0] for speaker_id, key in keys if len(key) > 1}


def _surname_only(full: dict[int, str], initials: str = "", gender: str | None = None) -> int | None:
    """The one of the FULL names (speakers.id → given name) whose given name fits the INITIALS
    written ("J.M. Barlow") and the GENDER ("Mrs. Clinton" is not Bill Clinton); None when not
    exactly one."""
    fitting = [
        speaker_id for speaker_id, given in full.items()
        if not (initials and given[0] not in initials or gender and given_names().get(given, gender) != gender)
    ]
    return fitting[0] if len(fitting) == 1 else None


LONE_QUOTE_COLUMNS = "quotes.id, quotes.document_id, quotes.extracted_speaker, quotes.mention, quotes.speaker_title, quotes.speaker_id, quotes.cluster_id"


def reattach_lone_surnames(db: Database, overrides: Overrides, surname: str, full_names: set[str]) -> None:
    """The quotes given to a lone SURNAME ("Obama", "Toner"), on any row, are looked at again
    (`_retarget`, after the curators' OVERRIDES); the quotes extracted with one of FULL_NAMES (of
    SURNAME) are none of them."""
    marks = ",".join("?" * len(full_names))
    quotes = db.execute(
        f"""select {LONE_QUOTE_COLUMNS} from quotes join speakers on speakers.id = quotes.speaker_id
           where speakers.surname = ? and speakers.type = 'person' and quotes.extracted_speaker not in ({marks})
           union all
           select {LONE_QUOTE_COLUMNS} from quotes
           where extracted_speaker = ? collate nocase and speaker_id is null and speaker_type = 'person'""",
        [surname, *sorted(full_names), surname],
    ).fetchall()
    if quotes:  # else no lone surname's row has quotes left to keep candidates for
        _retarget(db, overrides, surname, quotes)


def _retarget(db: Database, overrides: Overrides, surname: str, quotes: list[tuple]) -> None:
    """QUOTES written as a lone SURNAME go to the one full name they can now be, or to the
    surname's own row when there are several; what tells them apart is what the article wrote
    with the surname in any of its quotes (a gender, a title), as when it was stored."""
    namings: dict[tuple[int, str], list[tuple[str | None, str | None]]] = {}  # (article, surname as written) → its namings
    for _, document, extracted, mention, title, *_ in quotes:
        namings.setdefault((document, extracted or ""), []).append((mention, title))
    written = {way: told(each) for way, each in namings.items()}
    moved: dict[int, list[int]] = {}
    touched, clusters = set(), set()
    targets: dict[tuple, int | None] = {}  # one answer per way of writing the surname
    for quote_id, document, extracted, _, _, current, cluster in quotes:
        way = (extracted or "", *written[document, extracted or ""])
        if way not in targets:
            targets[way] = _lone_surname_target(db, overrides, surname, *way)
        target = targets[way]
        if target is None:
            continue
        if target != current:
            moved.setdefault(target, []).append(quote_id)
            touched |= {current, target}
            clusters.add(cluster)
    for target, quote_ids in moved.items():
        marks = ",".join("?" * len(quote_ids))
        note_changes(db, f"id in ({marks})", quote_ids)  # clustered again with their new speaker
        db.execute(f"update quotes set speaker_id = ?, speaker = (select name from speakers where id = ?) where id in ({marks})", [target, target, *quote_ids])
    touched.discard(None)
    refresh_counts(db, touched)
    refresh_clusters(db, clusters - {None})  # before the rows go: a cluster names its speaker
    drop_unquoted(db, touched)
    full = _full_names(db, surname)
    db.execute(
        "update speakers set candidates = ? where surname = ? and type = 'person' and key = ?",
        [json.dumps(sorted(_names(db, full))) if len(full) > 1 else None, surname, json.dumps([surname])],
    )


def _lone_surname_target(db: Database, overrides: Overrides, surname: str, extracted: str, gender: str | None, titled: bool, title: str | None) -> int | None:
    """Where a quote written EXTRACTED now belongs, if that is SURNAME alone; else None (it stays)."""
    name = overrides.name(extracted)
    if name_key(name) != (surname,) or name in overrides.split:
        return None
    target = _lone_surname_speaker(db, name, surname, gender, titled, title)
    return None if target is None else _add_alias(db, target, name)


def drop_unquoted(db: Database, speaker_ids: set[int]) -> None:
    """Remove the speakers among SPEAKER_IDS left with no quote (as counted), and their aliases."""
    for chunk, marks in in_chunks(speaker_ids):
        orphans = [row[0] for row in db.execute(f"select id from speakers where id in ({marks}) and n_quotes = 0", chunk)]
        if orphans:
            orphan_marks = ",".join("?" * len(orphans))
            db.execute(f"delete from speaker_aliases where speaker_id in ({orphan_marks})", orphans)
            db.execute(f"delete from speakers where id in ({orphan_marks})", orphans)


def _names(db: Database, speaker_ids: list[int]) -> list[str]:
    marks = ",".join("?" * len(speaker_ids))
    return [row[0] for row in db.execute(f"select name from speakers where id in ({marks})", speaker_ids)]


def _add_alias(db: Database, speaker_id: int, alias: str) -> int:
    db.execute("insert or ignore into speaker_aliases (speaker_id, alias) values (?, ?)", [speaker_id, alias])
    return speaker_id


def refresh_counts(db: Database, speaker_ids: set[int]) -> None:
    """Recount quotes, documents and outlets, and take the most frequent title, for these speakers."""
    for chunk, marks in in_chunks(speaker_ids):
        db.execute(
            f"""update speakers set
                  n_quotes = (select count(*) from quotes where speaker_id = speakers.id),
                  n_documents = (select count(distinct document_id) from quotes where speaker_id = speakers.id),
                  n_outlets = (select count(distinct outlet) from quotes where speaker_id = speakers.id),
                  title = (select speaker_title from quotes where speaker_id = speakers.id and speaker_title is not null
                           group by speaker_title order by count(*) desc, speaker_title limit 1)
                where id in ({marks})""",
            chunk,
        )


class Overrides(NamedTuple):
    """The curators' merges, renames and splits (`speaker_overrides`), read once for a settling
    or an article."""

    targets: dict[str, str]  # a merged or renamed name → the name it became (the latest decision)
    split: frozenset[str]  # names whose quotes are someone of their own
    given: frozenset[str]  # the names curators gave speakers (`speakers rename`)

    @classmethod
    def of(cls, db: Database) -> Overrides:
        targets, split, given = {}, set(), set()
        for action, name, target in db.execute("select action, name, target from speaker_overrides order by id"):
            if action == "split":
                split.add(name)
            else:
                targets[name] = target
                if action == "rename":
                    given.add(target)
        return cls(targets, frozenset(split), frozenset(given))

    def name(self, name: str) -> str:
        """NAME after the merges and renames, followed to the end of a chain."""
        seen = set()
        while name in self.targets and name not in seen:
            seen.add(name)
            name = self.targets[name]
        return name
