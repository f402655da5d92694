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
import re
import unicodedata
from datetime import datetime, timezone

from rapidfuzz.distance import JaroWinkler
from sqlite_utils import Database

from .cluster import refresh_clusters
from .errors import QuotesError
from .lexicons import given_names, titles, titles_in_names

SAME_GIVEN_NAME = 0.88  # Jaro-Winkler: Sergei/Sergey 0.93, Jeb/Jed 0.82, Ron/Rand 0.72


def _folded(name: str) -> str:
    """NAME lowercased, without accents (Erdoğan → erdogan)."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).lower()


def name_key(name: str) -> tuple[str, ...]:
    """The words that identify a name: accents, punctuation, titles and initials removed, but for
    a title that is part of how a person is named with no given name ("Pope Clement", "Admiral
    Vance"), which keeps them apart from other people of that surname."""
    words = re.sub(r"[^a-z0-9' -]", " ", _folded(name)).replace("'s ", " ").split()
    key = tuple(w for w in words if w.rstrip(".") not in titles() and len(w.rstrip(".")) > 1)
    if len(key) == 1 and words[0].rstrip(".") in titles_in_names():
        return (words[0].rstrip("."), *key)
    return key


def organisation_key(name: str) -> tuple[str, ...]:
    """An organisation's words, lowercased and without accents or a leading "the"."""
    words = re.sub(r"[^a-z0-9 -]", " ", _folded(name)).split()
    return tuple(words[1:] if words[:1] == ["the"] else words)


def same_person(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two full-name keys name one person (same surname, compatible given names)."""
    if a == b:
        return True
    if len(a) < 2 or len(b) < 2 or a[-1] != b[-1]:
        return False
    if a[0] == b[0] or set(a) <= set(b) or set(b) <= set(a):
        return True
    return same_given_name(a[0], b[0])


def same_given_name(a: str, b: str) -> bool:
    """Geoff/Geoffrey (a short form), Sergei/Sergey (a transliteration), Hilary/Hillary (a slip);
    but two different known names, such as Ivana and Ivanka, are two people."""
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) >= 3 and longer.startswith(shorter) or spelling_key(a) == spelling_key(b):
        return True
    if a in given_names() and b in given_names():
        return False
    return a[0] == b[0] and JaroWinkler.similarity(a, b) >= SAME_GIVEN_NAME


def resolve_speaker(db: Database, name: str, kind: str) -> int:
    """The speakers.id for NAME (person or organization), creating or linking rows as needed."""
    name = _apply_overrides(db, name)
    row = db.execute(
        "select speaker_id from speaker_aliases join speakers on speakers.id = speaker_id where alias = ? and type = ?",
        [name, kind],
    ).fetchone()
    if row:
        return row[0]
    key = (name_key(name) if kind == "person" else organisation_key(name)) or (name.lower(),)
    separate = _is_split(db, name)
    if kind == "person" and not separate:
        if len(key) == 1:
            found = _surname_only(db, key[0], _initials(name))
            if found is not None:
                return _add_alias(db, found, name)
        else:
            for speaker_id, other in db.execute("select id, key from speakers where surname = ? and type = 'person'", [key[-1]]):
                other_key = tuple(json.loads(other))
                if len(other_key) > 1 and same_person(key, other_key):
                    return _add_alias(db, speaker_id, name)
    elif not separate:
        row = db.execute("select id from speakers where key = ? and type = ?", [json.dumps(list(key)), kind]).fetchone()
        if row:
            return _add_alias(db, row[0], name)
    existing = db.execute("select id from speakers where name = ?", [name]).fetchone()
    if existing:  # the same words already name a speaker of another kind: one row per name
        return _add_alias(db, existing[0], name)
    candidates = _full_names(db, key[-1]) if kind == "person" and len(key) == 1 else []
    # Plain SQL rather than `Table.insert`, whose schema checks cost more than the insert here.
    speaker_id = db.execute(
        """insert into speakers (name, type, key, surname, n_quotes, n_documents, candidates)
           values (?, ?, ?, ?, 0, 0, ?)""",
        [name, kind, json.dumps(list(key)), key[-1], json.dumps(sorted(_names(db, candidates))) if len(candidates) > 1 else None],
    ).lastrowid
    _add_alias(db, speaker_id, name)
    if kind == "person" and len(key) > 1:
        _claim_lone_surnames(db, speaker_id, key)
    return speaker_id


def _full_names(db: Database, surname: str) -> list[int]:
    """The people in the corpus with SURNAME and a given name."""
    return [
        speaker_id for speaker_id, key in db.execute("select id, key from speakers where surname = ? and type = 'person'", [surname])
        if len(json.loads(key)) > 1
    ]


def spelling_key(word: str) -> str:
    """A word with the letters transliterations disagree on folded together (Sergey → sergei)."""
    for written, folded in (("ph", "f"), ("kh", "h"), ("y", "i"), ("ou", "u")):
        word = word.replace(written, folded)
    return re.sub(r"(.)\1", r"\1", word)


def _surname_only(db: Database, surname: str, initials: str = "") -> int | None:
    """The one full-name person with SURNAME (whose given name fits the INITIALS written, as in
    "J.M. Barlow"); None, the candidates kept on a surname row, when not exactly one."""
    full = _full_names(db, surname)
    if len(full) != 1:
        return None
    given = json.loads(db.execute("select key from speakers where id = ?", [full[0]]).fetchone()[0])[0]
    return full[0] if not initials or given[0] in initials else None


def _initials(name: str) -> str:
    """The lowercase initials written before a surname: "J.M. Barlow" → "jm"."""
    return "".join(w[0].lower() for w in re.findall(r"\b([A-Z])\.", name))


def _claim_lone_surnames(db: Database, speaker_id: int, key: tuple[str, ...]) -> None:
    """A new full name takes over a surname-only speaker ("Toner") that now has one candidate."""
    full = _full_names(db, key[-1])
    lone = db.execute(
        "select id, name from speakers where surname = ? and type = 'person' and key = ?", [key[-1], json.dumps([key[-1]])]
    ).fetchall()
    for lone_id, lone_name in lone:
        if _is_split(db, lone_name):
            continue
        initials = _initials(lone_name)
        if len(full) == 1 and (not initials or key[0][0] in initials):
            move_speaker(db, lone_id, speaker_id)
        else:
            db.table("speakers").update(lone_id, {"candidates": json.dumps(sorted(_names(db, full)))})


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
    db.execute("update quotes set speaker_id = ?, speaker = ? where speaker_id = ?", [target, target_name, source])
    refresh_clusters(db, clusters)
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
        db.execute(
            "update quotes set speaker_id = ?, speaker = ? where speaker_id = ? and (extracted_speaker = ? or mention = ?)",
            [new, alias, speaker, alias, alias],
        )
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
