"""Ingest as users run it, again and again: real processes, 50+ files, two workers, re-runs, other
paths, killed workers, and `quotes check` on the database after each (issue 17)."""
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from conftest import write_corpus

from sqlite_utils import Database

from quotes.migrations import migrations
from quotes.store import open_database


def quotes(*args, cwd=None, timeout=300):
    return subprocess.run([sys.executable, "-m", "quotes", *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=timeout)


def ingest(*args, cwd=None):
    return quotes("ingest", *args, "--quiet", cwd=cwd)


def summary(result) -> dict:
    """The counts of an ingest's summary line, checked to add up to the documents read."""
    line = next(line for line in result.stderr.splitlines() if " documents read: " in line)
    read = int(line.split()[0])
    counts = {what: int(n) for n, what in re.findall(r"(\d+) (new|changed|unchanged|moved|duplicates|failed|pruned)", line)}
    assert read == sum(n for what, n in counts.items() if what != "pruned"), line
    return counts


def assert_whole(db):
    result = quotes("check", "--db", db)
    assert result.returncode == 0, result.stdout + result.stderr
    assert ": ok (" in result.stdout


def rows(db, sql, params=()):
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def test_rerun_with_two_workers_reports_every_article_unchanged(tmp_path):
    folder = write_corpus(tmp_path / "in", 60)
    db = tmp_path / "q.db"
    first = ingest(folder, "--db", db, "--workers", "2")
    assert first.returncode == 0, first.stderr
    assert summary(first) == {"new": 60, "changed": 0, "unchanged": 0, "failed": 0}
    for extra in ([], ["--strict"]):
        again = ingest(folder, "--db", db, "--workers", "2", *extra)
        assert again.returncode == 0, again.stderr
        assert summary(again) == {"new": 0, "changed": 0, "unchanged": 60, "failed": 0}
    assert_whole(db)


def test_the_same_folder_by_another_path_is_the_same_documents(tmp_path):
    write_corpus(tmp_path / "in", 55)
    os.symlink(tmp_path / "in", tmp_path / "link")
    db = tmp_path / "q.db"
    assert ingest("in", "--db", db, "--workers", "2", cwd=tmp_path).returncode == 0
    counts_before = rows(db, "select name, n_quotes, n_documents from speakers order by name")
    for path, cwd in ((tmp_path / "in", None), ("../in", tmp_path / "link"), (tmp_path / "link", None)):
        result = ingest(path, "--db", db, "--workers", "2", cwd=cwd)
        assert summary(result)["unchanged"] == 55, result.stderr
    assert rows(db, "select count(*), count(distinct path) from documents") == [(55, 55)]
    assert rows(db, "select name, n_quotes, n_documents from speakers order by name") == counts_before
    assert rows(db, "select path from documents where path not like ?", [str(tmp_path / "in") + "/%"]) == []
    assert_whole(db)


def test_renamed_file_is_moved_and_deleted_file_is_pruned(tmp_path):
    folder = write_corpus(tmp_path / "in", 60)
    other = write_corpus(tmp_path / "other", 3, start=100)
    db = tmp_path / "q.db"
    assert ingest(folder, other, "--db", db, "--workers", "2").returncode == 0
    (folder / "00001.txt").rename(folder / "renamed.txt")
    (folder / "00002.txt").unlink()
    result = ingest(folder, "--db", db, "--workers", "2")
    assert summary(result) == {"new": 0, "changed": 0, "unchanged": 58, "moved": 1, "failed": 0}
    assert rows(db, "select count(*) from documents where path = ?", [str(folder / "renamed.txt")]) == [(1,)]
    assert rows(db, "select count(*) from documents") == [(63,)]  # without --prune the deleted file's article stays
    pruned = ingest(folder, "--db", db, "--workers", "2", "--prune")
    assert summary(pruned)["pruned"] == 1
    assert rows(db, "select count(*) from documents where path = ?", [str(folder / "00002.txt")]) == [(0,)]
    assert rows(db, "select count(*) from documents") == [(62,)]  # the other folder's articles are not touched
    assert rows(db, "select count(*) from speakers where name = 'Ana Ruiz2'") == [(0,)]
    assert_whole(db)


def test_prune_keeps_what_could_not_be_read_and_paths_that_are_gone(tmp_path):
    folder = write_corpus(tmp_path / "in", 50)
    db = tmp_path / "q.db"
    feed = folder / "feed.jsonl"
    feed.write_text(json.dumps({"text": 'Port\n\n"It is busy," Tom Hale said.'}) + "\n", encoding="utf-8")
    assert ingest(folder, "--db", db).returncode == 0
    feed.write_bytes(b"\x00" * 10)  # now unreadable as a whole: its stored record stays
    result = ingest(folder, tmp_path / "unmounted", "--db", db, "--prune")
    assert result.returncode == 1 and summary(result).get("pruned", 0) == 0
    assert rows(db, "select count(*) from documents") == [(51,)]
    assert_whole(db)


def test_jsonl_records_are_keyed_by_id_or_line_never_by_url(tmp_path):
    folder = write_corpus(tmp_path / "in", 50)
    db = tmp_path / "q.db"
    assert ingest(folder, "--db", db).returncode == 0
    records = [
        {"text": 'Port\n\n"It is busy," Tom Hale said.', "url": "https://example.org/same"},
        {"text": 'Harbor\n\n"We are ready," Ana Ruiz said.', "url": "https://example.org/same"},
        {"text": 'Bridge\n\n"Not yet," Joe Dunmore said.', "url": str(folder / "00003.txt")},
        {"id": "a-1", "text": 'Pier\n\n"Soon," Nora Quill said.'},
        {"id": "a-1", "text": 'Pier again\n\n"Later," Nora Quill said.'},
    ]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    first = ingest(feed, "--db", db)
    assert summary(first) == {"new": 4, "changed": 0, "unchanged": 0, "failed": 1}
    assert "feed.jsonl:5: id 'a-1' is the id of line 4 too" in first.stderr
    assert rows(db, "select count(*) from documents where path = ?", [str(folder / "00003.txt")]) == [(1,)]
    assert rows(db, "select key from documents where path = ? order by key", [str(feed)]) == [
        (f"{feed}#1",), (f"{feed}#2",), (f"{feed}#3",), (f"{feed}#id=a-1",),
    ]
    again = ingest(feed, "--db", db)
    assert summary(again) == {"new": 0, "changed": 0, "unchanged": 4, "failed": 1}
    assert_whole(db)


def test_a_copy_of_an_article_is_stored_once_but_each_outlet_carrying_it_counts(tmp_path):
    folder = write_corpus(tmp_path / "in", 50)
    (folder / "copy.txt").write_bytes((folder / "00007.txt").read_bytes())
    for outlet in ("Gazette", "Courier"):
        (folder / f"wire-{outlet}.txt").write_text('Wire\n\n"The storm has passed," Mayor Ana Ruiz said.\n', encoding="utf-8")
        (folder / f"wire-{outlet}.json").write_text(json.dumps({"outlet": outlet}), encoding="utf-8")
    db = tmp_path / "q.db"
    result = ingest(folder, "--db", db, "--workers", "2")
    assert summary(result) == {"new": 52, "changed": 0, "unchanged": 0, "duplicates": 1, "failed": 0}
    assert rows(db, "select count(*) from quotes where speaker = 'Ana Ruiz7'") == [(2,)]
    assert rows(db, "select n_outlets from clusters where text like 'The storm has passed%'") == [(2,)]
    assert_whole(db)


def old_database(path, documents):
    """A database as quotes made it before documents had keys: PATH as typed, and a JSON Lines record by its url."""
    db = Database(path)
    migrations.apply(db, stop_before="add_document_identity")
    for n, (stored_path, text) in enumerate(documents):
        document_id = db.execute(
            "insert into documents (path, content_hash, text, n_quotes) values (?, ?, ?, 1)", [stored_path, f"hash{n}", text]
        ).lastrowid
        db.execute("insert into quotes (document_id, start, end, text, kind) values (?, 0, 4, ?, 'full')", [document_id, text[:4]])
        db.execute("insert into quotes_fts (rowid, text) select id, text from quotes where document_id = ?", [document_id])
    db.conn.commit()
    db.close()


def test_an_old_database_is_migrated_to_document_keys(tmp_path, monkeypatch):
    folder = write_corpus(tmp_path / "docs", 2)
    (folder / "feed.jsonl").write_text(json.dumps({"text": "Feed story"}) + "\n", encoding="utf-8")
    db = tmp_path / "old.db"
    old_database(db, [
        ("docs/00000.txt", "Story 0"),  # relative to the folder it was ingested from
        (str(folder / "00000.txt"), "Story 0 again"),  # the same file by its absolute path: the newer copy stays
        ("docs/feed.jsonl#1", "Feed story"),
        ("https://example.org/gone", "A record keyed by its url"),
    ])
    monkeypatch.chdir(tmp_path)
    migrated = open_database(db)
    assert sorted(migrated.execute("select key, text from documents").fetchall()) == [
        (str(folder / "00000.txt"), "Story 0 again"),
        (f"{folder / 'feed.jsonl'}#1", "Feed story"),
        ("https://example.org/gone", "A record keyed by its url"),
    ]
    assert migrated.execute("select count(*) from quotes").fetchone() == (3,)
    migrated.close()
    assert_whole(db)


def children(pid):
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                found.append(int(entry))
    return found


def start_ingest(folder, db, *extra):
    process = subprocess.Popen(
        [sys.executable, "-m", "quotes", "ingest", str(folder), "--db", str(db), "--quiet", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.time() + 60
    while not (workers := children(process.pid)) and time.time() < deadline and process.poll() is None:
        time.sleep(0.02)
    while documents_in(db) < 50 and time.time() < deadline and process.poll() is None:
        time.sleep(0.02)
    assert process.poll() is None, "the ingest finished before the test could act"
    return process, workers


def documents_in(db):
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2) as conn:
            return conn.execute("select count(*) from documents").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def gone(pids, seconds=10):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if not any(os.path.exists(f"/proc/{pid}") and "Z" not in open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0] for pid in pids):
            return True
        time.sleep(0.1)
    return False


def test_a_worker_killed_mid_ingest_costs_nothing(tmp_path):
    folder = write_corpus(tmp_path / "in", 2000)
    db = tmp_path / "q.db"
    process, workers = start_ingest(folder, db, "--workers", "3")
    os.kill(workers[0], signal.SIGKILL)
    time.sleep(0.3)
    if len(children(process.pid)) > 1:
        os.kill(children(process.pid)[-1], signal.SIGTERM)  # SIGTERM to a worker is a death too
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    assert summary(subprocess.CompletedProcess([], 0, out, err)) == {"new": 2000, "changed": 0, "unchanged": 0, "failed": 0}
    assert rows(db, "select count(*), count(distinct key) from documents") == [(2000, 2000)]
    assert_whole(db)


def test_sigterm_stops_the_ingest_and_its_workers_and_a_rerun_finishes(tmp_path):
    folder = write_corpus(tmp_path / "in", 3000)
    db = tmp_path / "q.db"
    process, workers = start_ingest(folder, db, "--workers", "2")
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130 and "Traceback" not in err
    assert "Stopped: the articles stored before are kept" in err
    assert gone(workers)
    stored = documents_in(db)
    assert 0 < stored < 3000
    assert_whole(db)
    rerun = ingest(folder, "--db", db)
    assert summary(rerun) == {"new": 3000 - stored, "changed": 0, "unchanged": stored, "failed": 0}
    assert_whole(db)
    assert rows(db, "select count(*) from cluster_pending") == [(0,)]  # the stopped run's quotes placed too
    assert rows(db, "select count(*) from surname_pending") == [(0,)]  # and its people settled


def test_workers_end_when_the_ingest_is_killed(tmp_path):
    folder = write_corpus(tmp_path / "in", 3000)
    db = tmp_path / "q.db"
    process, workers = start_ingest(folder, db, "--workers", "3")
    assert workers
    process.kill()
    process.wait()
    assert gone(workers), "worker processes outlived the ingest"
    assert_whole(db)


def test_a_second_ingest_on_the_same_database_stops_in_one_line(tmp_path):
    folder = write_corpus(tmp_path / "in", 3000)
    db = tmp_path / "q.db"
    process, _ = start_ingest(folder, db, "--workers", "2")
    second = ingest(folder, "--db", db)
    assert second.returncode == 1
    assert second.stderr.strip().splitlines() == [f"Error: {db}: another quotes command is writing to this database; run again when it has finished"]
    assert process.wait(timeout=300) == 0
    assert_whole(db)


def test_two_ingests_starting_on_a_new_database_do_not_crash(tmp_path):
    folder = write_corpus(tmp_path / "in", 60)
    db = tmp_path / "q.db"
    both = [subprocess.Popen([sys.executable, "-m", "quotes", "ingest", str(folder), "--db", str(db), "--quiet"], stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(p.wait(timeout=300), p.stderr.read()) for p in both]
    assert sorted(code for code, _ in results) in ([0, 0], [0, 1])
    for code, err in results:
        assert "Traceback" not in err
        if code:
            assert "another quotes command is writing to this database" in err
    assert ingest(folder, "--db", db).returncode == 0
    assert rows(db, "select count(*) from documents") == [(60,)]
    assert_whole(db)


def test_strict_stops_at_the_first_failure_and_keeps_what_came_before(tmp_path):
    folder = write_corpus(tmp_path / "in", 60)
    (folder / "00030.txt").write_bytes(b"\x00binary")
    db = tmp_path / "q.db"
    result = ingest(folder, "--db", db, "--strict")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [f"Error: {folder / '00030.txt'}: binary file (NUL bytes), not text"]
    assert rows(db, "select count(*) from documents") == [(30,)]
    assert_whole(db)


@pytest.mark.parametrize(
    "error, said",
    [
        (sqlite3.IntegrityError("CHECK constraint failed: refused for the test"), "IntegrityError: CHECK constraint failed: refused for the test"),
        (KeyError(577), "KeyError: 577"),  # an article its speakers could not be linked for (a fault of ours)
    ],
)
def test_an_article_whose_rows_the_database_refuses_fails_alone_and_leaves_nothing_half_stored(tmp_path, monkeypatch, error, said):
    """The batch is written whole first; a refused row sends it back to one savepoint per article."""
    from quotes import ingest as ingesting
    from quotes import store

    write_corpus(tmp_path / "in", 5)
    insert_quotes = store._insert_quotes

    def refuses_story_2(db, rows):  # its document row is in by now: the article is half stored
        if "We counted 2 boats" in rows[0]["text"]:
            raise error
        insert_quotes(db, rows)

    monkeypatch.setattr(store, "_insert_quotes", refuses_story_2)
    db = open_database(tmp_path / "q.db")
    failed = []
    done = ingesting.ingest(db, sorted((tmp_path / "in").iterdir()), on_error=lambda name, message: failed.append(message))
    assert (done.new, done.quotes, len(done.failed)) == (4, 8, 1)
    assert failed == [f"{tmp_path / 'in' / '00002.txt'}: could not be stored ({said})"]
    assert [row[0] for row in db.execute("select path from documents order by path")] == [str(tmp_path / "in" / f"0000{n}.txt") for n in (0, 1, 3, 4)]
    assert db.execute("select count(*) from quotes").fetchone()[0] == 8
    assert db.execute("select count(*) from speakers").fetchone()[0] == 4
    assert_whole(tmp_path / "q.db")


def test_a_name_cut_by_mojibake_is_stored_whole_and_its_offsets_true_to_the_stored_text(tmp_path):
    folder = write_corpus(tmp_path / "in", 50)
    (folder / "talks.txt").write_text('Talks\n\n"We talked for an hour," said Harbor Mayor Ana Nu\u00c3\u00b1ez.\n', encoding="utf-8")
    db = tmp_path / "q.db"
    for counts in ({"new": 51, "changed": 0, "unchanged": 0, "failed": 0}, {"new": 0, "changed": 0, "unchanged": 51, "failed": 0}):
        result = ingest(folder, "--db", db, "--workers", "2")
        assert summary(result) == counts, result.stderr
    stored = rows(db, "select q.speaker, substr(d.text, q.start + 1, q.end - q.start) = q.text from quotes q join documents d"
                      " on d.id = q.document_id where d.path like '%talks.txt'")
    assert stored == [("Ana Nuñez", 1)]
    assert_whole(db)
