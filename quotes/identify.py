"""One speaker across all articles: the name variants of a person are one row, and different
people are never merged.

"Sergei Lavrov" and "Sergey Lavrov" (transliteration), "Donald J. Trump" and "Donald Trump"
(initials), "Erdoğan" and "Erdogan" (diacritics), "Recep Tayyip Erdogan" and "Tayyip Erdogan"
(one name inside the other) are one person; "Bill Clinton" and "Hillary Clinton" are two, and
so are "Donald Trump" and "Donald Trump Jr.". A surname alone ("Toner") is the one full name in
the corpus with that surname, or stays unresolved with its candidates when there are several.
Curators' merges, splits and renames are kept as overrides and applied on every ingest.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone

from sqlite_utils import Database

from .cluster import note_changes, recluster, refresh_clusters
from .errors import QuotesError
from .lexicons import given_names
from .written import initials, name_key, organisation_key, same_person, title_word, told


def resolve_speaker(db: Database, name: str, kind: str, gender: str | None = None, titled: bool = False, title: str | None = None) -> int | None:
    """The speakers.id for NAME (person or organization), creating or linking rows as needed.
    GENDER, when the article tells it ("Mrs. Clinton", "she"), and TITLE, the title it was
    written with (title_word), narrow whom a lone surname can be; TITLED says the article wrote a
    title or a form of address with it ("Mr. Lew")."""
    name = _apply_overrides(db, name)
    key = (name_key(name) if kind == "person" else organisation_key(name)) or (name.lower(),)
    separate = _is_split(db, name)
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
    if kind == "person" and not separate:
        for speaker_id, other in db.execute("select id, key from speakers where surname = ? and type = 'person'", [key[-1]]):
            other_key = tuple(json.loads(other))
            if len(other_key) > 1 and same_person(key, other_key):
                return _add_alias(db, speaker_id, name)
    elif not separate:
        row = db.execute("select id from speakers where key = ? and type = ?", [json.dumps(list(key)), kind]).fetchone()
        if row:
            return _add_alias(db, row[0], name)
    speaker_id = _own_row(db, name, kind, key)
    if kind == "person" and len(key) > 1:
        _reattach_lone_surnames(db, key[-1])
    return speaker_id


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


def settle_lone_surnames(db: Database, speaker_ids: set[int]) -> None:
    """Whenever one of its candidates changed (a title it is now written with), a lone surname's
    own row, left with several candidates, is looked at again: its quotes go where the corpus now
    tells, the answer being the whole corpus's, whatever order the articles came in. Only that
    row's quotes are read (its ambiguous ones), however often the namesakes are quoted."""
    ids = sorted(speaker_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        lone_rows = db.execute(
            f"""select distinct lone.id, lone.surname from speakers named join speakers lone on lone.surname = named.surname
                where named.id in ({",".join("?" * len(chunk))}) and named.type = 'person' and lone.candidates is not null
                and lone.id != named.id""",
            chunk,
        ).fetchall()
        for lone_id, surname in lone_rows:
            _retarget(db, surname, db.execute(f"select {LONE_QUOTE_COLUMNS} from quotes where speaker_id = ?", [lone_id]).fetchall())


LONE_QUOTE_COLUMNS = "quotes.id, quotes.document_id, quotes.extracted_speaker, quotes.mention, quotes.speaker_title, quotes.speaker_id, quotes.cluster_id"


def _reattach_lone_surnames(db: Database, surname: str) -> None:
    """A new full name with SURNAME: the quotes given to a lone SURNAME ("Obama", "Toner"), on
    any row, are looked at again (`_retarget`)."""
    quotes = db.execute(
        f"""select {LONE_QUOTE_COLUMNS} from quotes join speakers on speakers.id = quotes.speaker_id
           where speakers.surname = ? and speakers.type = 'person'
           union all
           select {LONE_QUOTE_COLUMNS} from quotes
           where extracted_speaker = ? collate nocase and speaker_id is null and speaker_type = 'person'""",
        [surname, surname],
    ).fetchall()
    _retarget(db, surname, quotes)


def _retarget(db: Database, surname: str, quotes: list[tuple]) -> None:
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
            targets[way] = _lone_surname_target(db, surname, *way)
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
    _drop_unquoted(db, touched)
    full = _full_names(db, surname)
    db.execute(
        "update speakers set candidates = ? where surname = ? and type = 'person' and key = ?",
        [json.dumps(sorted(_names(db, full))) if len(full) > 1 else None, surname, json.dumps([surname])],
    )


def _lone_surname_target(db: Database, surname: str, extracted: str, gender: str | None, titled: bool, title: str | None) -> int | None:
    """Where a quote written EXTRACTED now belongs, if that is SURNAME alone; else None (it stays)."""
    name = _apply_overrides(db, extracted)
    if name_key(name) != (surname,) or _is_split(db, name):
        return None
    target = _lone_surname_speaker(db, name, surname, gender, titled, title)
    return None if target is None else _add_alias(db, target, name)


def _drop_unquoted(db: Database, speaker_ids: set[int]) -> None:
    """Remove the speakers among SPEAKER_IDS left with no quote, and their aliases."""
    for speaker_id in speaker_ids:
        if db.execute("select n_quotes from speakers where id = ?", [speaker_id]).fetchone() == (0,):
            db.execute("delete from speaker_aliases where speaker_id = ?", [speaker_id])
            db.execute("delete from speakers where id = ?", [speaker_id])


def _names(db: Database, speaker_ids: list[int]) -> list[str]:
    marks = ",".join("?" * len(speaker_ids))
    return [row[0] for row in db.execute(f"select name from speakers where id in ({marks})", speaker_ids)]


def _add_alias(db: Database, speaker_id: int, alias: str) -> int:
    db.execute("insert or ignore into speaker_aliases (speaker_id, alias) values (?, ?)", [speaker_id, alias])
    return speaker_id


def move_speaker(db: Database, source: int, target: int) -> None:
    """Give SOURCE's quotes and aliases to TARGET and remove SOURCE."""
    target_name = db.execute("select name from speakers where id = ?", [target]).fetchone()[0]
    clusters = {row[0] for row in db.execute("select distinct cluster_id from quotes where speaker_id = ? and cluster_id is not null", [source])}
    note_changes(db, "speaker_id = ?", [source])
    db.execute("update quotes set speaker_id = ?, speaker = ? where speaker_id = ?", [target, target_name, source])
    refresh_clusters(db, clusters | recluster(db))
    db.execute("update or ignore speaker_aliases set speaker_id = ? where speaker_id = ?", [target, source])
    db.execute("delete from speaker_aliases where speaker_id = ?", [source])
    db.execute("delete from speakers where id = ?", [source])
    refresh_counts(db, {target})


def refresh_counts(db: Database, speaker_ids: set[int]) -> None:
    """Recount quotes, documents and outlets, and take the most frequent title, for these speakers."""
    ids = sorted(speaker_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
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


# ----------------------------------------------------------------------------- curation


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
        move_speaker(db, source, target)
        _record(db, "merge", source_name, target_name)


def rename_speaker(db: Database, old_name: str, new_name: str) -> None:
    """Curate: show the speaker as NEW_NAME, now and after every later ingest."""
    with db.atomic():
        speaker = _speaker_named(db, old_name)
        if db.execute("select 1 from speakers where name = ? and id != ?", [new_name, speaker]).fetchone():
            raise QuotesError(f"{new_name}: another speaker has that name (merge them instead)")
        db.table("speakers").update(speaker, {"name": new_name})
        db.execute("update quotes set speaker = ? where speaker_id = ?", [new_name, speaker])
        _add_alias(db, speaker, new_name)
        _record(db, "rename", old_name, new_name)


def split_speaker(db: Database, alias: str) -> int:
    """Curate: quotes whose speaker was written ALIAS are another person; returns the new speaker's id."""
    with db.atomic():
        speaker = _speaker_named(db, alias)
        kind = db.execute("select type from speakers where id = ?", [speaker]).fetchone()[0]
        key = name_key(alias) or (alias.lower(),)
        new = db.table("speakers").insert(
            {"name": alias, "type": kind, "key": json.dumps(list(key)), "surname": key[-1], "n_quotes": 0, "n_documents": 0}
        ).last_pk
        db.execute("delete from speaker_aliases where speaker_id = ? and alias = ?", [speaker, alias])
        _add_alias(db, new, alias)
        written_so = "speaker_id = ? and (extracted_speaker = ? or mention = ?)"
        clusters = {row[0] for row in db.execute(f"select distinct cluster_id from quotes where {written_so}", [speaker, alias, alias])}
        note_changes(db, written_so, [speaker, alias, alias])
        db.execute(f"update quotes set speaker_id = ?, speaker = ? where {written_so}", [new, alias, speaker, alias, alias])
        refresh_clusters(db, (clusters | recluster(db)) - {None})
        refresh_counts(db, {speaker, new})
        _record(db, "split", alias)
        return new


def _apply_overrides(db: Database, name: str) -> str:
    """The name after the curators' merges and renames (followed to the end of a chain)."""
    seen = set()
    while name not in seen:
        seen.add(name)
        row = db.execute(
            "select target from speaker_overrides where name = ? and action in ('merge', 'rename') order by id desc limit 1",
            [name],
        ).fetchone()
        if row is None:
            return name
        name = row[0]
    return name


def _is_split(db: Database, name: str) -> bool:
    return db.execute("select 1 from speaker_overrides where action = 'split' and name = ?", [name]).fetchone() is not None
