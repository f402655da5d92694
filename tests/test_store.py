import pytest
from sqlite_utils import Database

from quotes.migrations import migrations
from quotes.pipeline import process_article
from quotes.read import content_hash
from quotes.records import Article
from quotes.store import identify_and_cluster, open_database, refresh, save_result, schema_version

TEXT = 'Headline\n\n"We will rebuild the bridge," Mayor Ana Ruiz said.\n\n"It will take a year," she said.'


def article(text=TEXT, path="a.txt"):
    return Article(path=path, text=text, content_hash=content_hash(text), title="Headline")


def test_open_database_creates_schema_from_blank(fresh_db):
    assert {"documents", "quotes", "speakers", "speaker_aliases", "quotes_fts"} <= set(fresh_db.table_names())
    assert "quotes_view" in fresh_db.view_names()
    assert schema_version(fresh_db) == len(migrations._migrations)


def test_open_database_twice_applies_nothing_again(tmp_path):
    open_database(tmp_path / "x.db")
    db = open_database(tmp_path / "x.db")
    assert schema_version(db) == len(migrations._migrations)


def test_save_result_stores_quotes_speakers_and_aliases(fresh_db):
    refresh(fresh_db, save_result(fresh_db, process_article(article())))
    rows = list(fresh_db.query("select text, speaker, speaker_id, mention, cue from quotes order by start"))
    assert [r["speaker"] for r in rows] == ["Ana Ruiz", "Ana Ruiz"]
    assert rows[1]["mention"] == "she"
    speaker = fresh_db.table("speakers").get(rows[0]["speaker_id"])
    assert (speaker["name"], speaker["n_quotes"], speaker["n_documents"], speaker["title"]) == ("Ana Ruiz", 2, 1, "Mayor")
    aliases = {r["alias"] for r in fresh_db.query("select alias from speaker_aliases")}
    assert aliases == {"Ana Ruiz"}


def test_quote_offsets_point_into_stored_text(fresh_db):
    save_result(fresh_db, process_article(article()))
    for row in fresh_db.query("select quotes.text, start, end, documents.text as body from quotes join documents on documents.id = document_id"):
        assert row["body"][row["start"] : row["end"]] == row["text"]


def test_save_result_replaces_changed_document(fresh_db):
    save_result(fresh_db, process_article(article()))
    changed = 'Headline\n\n"Plans have changed," Mayor Ana Ruiz said.'
    refresh(fresh_db, save_result(fresh_db, process_article(article(changed))))
    assert fresh_db.table("documents").count == 1
    assert [r["text"] for r in fresh_db.query("select text from quotes")] == ["Plans have changed,"]
    assert fresh_db.table("speakers").get(1)["n_quotes"] == 1


def test_speaker_without_quotes_is_removed(fresh_db):
    save_result(fresh_db, process_article(article()))
    refresh(fresh_db, save_result(fresh_db, process_article(article("Headline\n\nNo quotes in this version."))))
    assert fresh_db.table("speakers").count == 0
    assert fresh_db.table("speaker_aliases").count == 0


def test_full_text_search_follows_changes(fresh_db):
    save_result(fresh_db, process_article(article()))
    assert [r["rowid"] for r in fresh_db.query("select rowid from quotes_fts where quotes_fts match 'bridge'")]
    save_result(fresh_db, process_article(article("Headline\n\n\"Plans changed,\" Ana Ruiz said.")))
    assert list(fresh_db.query("select rowid from quotes_fts where quotes_fts match 'bridge'")) == []


def test_database_is_in_wal_mode(fresh_db):
    assert fresh_db.journal_mode == "wal"


def test_full_text_index_matches_the_rows_after_speakers_move(fresh_db):
    lone = article('Headline\n\n"The bridge opens in May," Ruiz said.', path="a.txt")
    full = article('Headline\n\n"Traffic will ease," Ana Ruiz said.', path="b.txt")
    for stored in (lone, full):
        refresh(fresh_db, save_result(fresh_db, process_article(stored)))
    identify_and_cluster(fresh_db)  # the end of the run
    assert {r["speaker"] for r in fresh_db.query("select speaker from quotes")} == {"Ana Ruiz"}  # "Ruiz" moved over
    fresh_db.execute("insert into quotes_fts (quotes_fts, rank) values ('integrity-check', 1)")
    assert [r["speaker"] for r in fresh_db.query(
        "select speaker from quotes_fts join quotes on quotes.id = quotes_fts.rowid where quotes_fts match 'bridge'"
    )] == ["Ana Ruiz"]


def test_an_older_database_gets_each_quotes_speaker_kind(tmp_path):
    """The migration fills speaker_kind from what each stored quote already says, and shows it in quotes_view."""
    db = Database(tmp_path / "old.db")
    migrations.apply(db, stop_before="add_speaker_kind")
    document_id = db.execute("insert into documents (path, content_hash, text, n_quotes) values ('a.txt', 'h', 'x', 3)").lastrowid
    for speaker, speaker_type in (("Ana Ruiz", "person"), ("senior official", "nominal"), ("statement", "nominal")):
        db.execute(
            "insert into quotes (document_id, start, end, text, kind, extracted_speaker, speaker_type) values (?, 0, 1, 'x', 'full', ?, ?)",
            [document_id, speaker, speaker_type],
        )
    db.conn.commit()
    migrated = open_database(tmp_path / "old.db")
    assert [row["speaker_kind"] for row in migrated.query("select speaker_kind from quotes_view order by id")] == ["person", "anonymous", "document"]


def test_an_older_database_gets_its_quotes_paragraphs_indexed(tmp_path):
    """The migration finds each stored quote's paragraph in its article and indexes it."""
    from quotes.check import check_database

    db = Database(tmp_path / "old.db")
    migrations.apply(db, stop_before="index_quote_paragraphs")  # quotes_fts is left empty: only the new index is checked
    text = 'Ferry\n\nOn the ferry fares, "We will wait," Ana Ruiz said.\n\n"Not now," Tom Hale said.'
    document_id = db.execute("insert into documents (path, content_hash, text, n_quotes) values ('a.txt', 'h', ?, 2)", [text]).lastrowid
    for quoted in ("We will wait,", "Not now,"):
        start = text.index(quoted)
        db.execute("insert into quotes (document_id, start, end, text, kind) values (?, ?, ?, ?, 'full')", [document_id, start, start + len(quoted), quoted])
    db.conn.commit()
    migrated = open_database(tmp_path / "old.db")
    found = migrated.execute("select quotes.text from quotes_context_fts join quotes on quotes.id = quotes_context_fts.rowid where quotes_context_fts match 'fares'")
    assert [row[0] for row in found] == ["We will wait,"]
    assert [row[0] for row in migrated.execute("select context from quote_contexts order by id")] == [
        'On the ferry fares, "We will wait," Ana Ruiz said.', '"Not now," Tom Hale said.']
    assert not [problem for problem in check_database(migrated) if "quotes_context_fts" in problem]


@pytest.mark.parametrize("within", ["speaker_kind", "outlet"])
def test_the_speaker_facet_within_a_clicked_facet_reads_an_index_alone(fresh_db, within):
    """Datasette's speaker facet counted within one kind of speaker or one outlet reads no quote row."""
    facet = f"select speaker, count(*) from (select * from quotes where {within} = 'x') where speaker is not null group by speaker"
    plan = " ".join(row[3] for row in fresh_db.execute(f"explain query plan {facet}"))
    assert f"COVERING INDEX idx_quotes_{within}_speaker" in plan


def test_an_older_database_has_its_people_settled_again(tmp_path):
    """Stored as earlier versions linked names, one by one as they came: "Chris Hale" on
    Christopher Hale's row. The migration settles every surname from all its names."""
    db = Database(tmp_path / "old.db")
    migrations.apply(db, stop_before="people_order_free")
    rows = {"Christopher Hale": 1, "Christian Hale": 2}
    for name, speaker_id in rows.items():
        db.execute("insert into speakers (id, name, type, key, surname) values (?, ?, 'person', ?, 'hale')", [speaker_id, name, f'["{name.split()[0].lower()}", "hale"]'])
    for number, name in enumerate(["Christopher Hale", "Chris Hale", "Christian Hale"]):
        document_id = db.execute(
            "insert into documents (key, path, content_hash, text, n_quotes) values (?, ?, ?, 'x', 1)", [f"{number}.txt", f"{number}.txt", str(number)]
        ).lastrowid
        speaker_id = rows.get(name, 1)  # "Chris Hale" linked to the first full name that fitted
        db.execute(
            """insert into quotes (document_id, start, end, text, norm, kind, extracted_speaker, speaker_type, speaker_id, speaker, mention)
               values (?, 0, 1, ?, ?, 'full', ?, 'person', ?, ?, ?)""",
            [document_id, f"We need {number} boats", f"we need {number} boats", name, speaker_id, name if name in rows else "Christopher Hale", name],
        )
    db.conn.commit()
    db = open_database(tmp_path / "old.db")
    assert dict(db.execute("select extracted_speaker, speaker from quotes").fetchall()) == {
        "Christopher Hale": "Christopher Hale", "Chris Hale": "Chris Hale", "Christian Hale": "Christian Hale"
    }
    assert db.execute("select count(*) from speakers").fetchone() == (3,)
    assert db.execute("select count(*) from surname_pending").fetchone() == (0,)
