"""Bad input, crashes and concurrent readers: what the ingest must survive (issue 7)."""
import gc
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from conftest import ARTICLE, write_corpus
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database
from typer.testing import CliRunner

from quotes.annotate import annotate_text
from quotes.check import check_database
from quotes.cli import app
from quotes.errors import DatabaseProblem
from quotes.ingest import Settings, ingest
from quotes.pipeline import extract_quotes
from quotes.read import source_files
from quotes.read import read_jsonl
from quotes.store import open_database
from quotes.workers import NEW_OBJECTS_PER_COLLECTION, outcomes



def ingest_command(folder, db, *extra):
    return [sys.executable, "-m", "quotes", "ingest", str(folder), "--db", str(db), "--quiet", *extra]


def documents_in(db):
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return conn.execute("select count(*) from documents").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("latin1.txt", "caf\u00e9 \u00fcber".encode("latin-1"), "not valid UTF-8"),
        ("nul.txt", b"text with a \x00 NUL byte", "binary file"),
    ],
)
def test_bad_file_gets_one_line_warning(tmp_path, name, content, message):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / name).write_bytes(content)
    (folder / "good.txt").write_text(ARTICLE.format(n=1), encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(tmp_path / "q.db")])
    assert result.exit_code == 1
    warnings = [line for line in result.output.splitlines() if line.startswith("Warning:")]
    assert len(warnings) == 1 and name in warnings[0] and message in warnings[0]
    assert "1 failed" in result.output
    assert open_database(tmp_path / "q.db").table("documents").count == 1


def test_utf16_with_bom_is_read(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes(ARTICLE.format(n=7).encode("utf-16"))
    rows = CliRunner().invoke(app, ["extract", str(path), "--jsonl"]).stdout.splitlines()
    assert len(rows) == 2 and "Ana Ruiz7" in rows[0]


def test_empty_file_stores_a_document_without_quotes(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "in"), "--db", str(tmp_path / "q.db")])
    assert "1 new" in result.output and "0 quotes" in result.output


def test_oversized_file_is_refused_in_one_line(tmp_path):
    (tmp_path / "in").mkdir()
    with open(tmp_path / "in" / "huge.txt", "wb") as f:
        f.truncate(20 * 1024 * 1024)
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "in"), "--db", str(tmp_path / "q.db")])
    assert "huge.txt: 20 MB is larger than the" in result.output


def test_symlink_loop_and_dangling_link_do_not_stop_ingest(tmp_path):
    folder = write_corpus(tmp_path / "in", 2)
    os.symlink(folder, folder / "loop")
    os.symlink(tmp_path / "nowhere.txt", folder / "dangling.txt")
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(tmp_path / "q.db")])
    assert result.exit_code == 1
    assert "2 new" in result.output
    assert "dangling.txt: cannot read" in result.output


def test_fifo_is_not_read(tmp_path):
    folder = write_corpus(tmp_path / "in", 1)
    os.mkfifo(folder / "pipe.txt")
    result = CliRunner().invoke(app, ["ingest", str(folder / "pipe.txt"), "--db", str(tmp_path / "q.db")])
    assert "pipe.txt: not a regular file" in result.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_is_reported(tmp_path):
    folder = write_corpus(tmp_path / "in", 1)
    secret = folder / "secret.txt"
    secret.write_text("x", encoding="utf-8")
    secret.chmod(0)
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(tmp_path / "q.db")])
    assert "secret.txt: cannot read" in result.output


@pytest.mark.parametrize(
    "text",
    [
        '"' * 10000,
        '"a" ' * 5000 + "she said.",
        "“" * 2000 + "deep" + "”" * 2000,
        "Body.\n\n" + "word " * 200000 + '"never closed',
        "'" * 3000 + "‘’" * 3000,
    ],
    ids=["marks", "many-quotes", "nested", "long-line", "singles"],
)
def test_pathological_text_is_handled_quickly(text):
    began = time.perf_counter()
    quotes = extract_quotes(text)
    assert time.perf_counter() - began < 20
    for quote in quotes:
        assert text[quote.span.start : quote.span.end] == quote.text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("ab AB.,:;\n\"'“”‘’`-—()<>Mr.said told he she Kerry")), max_size=400))
def test_extraction_never_fails_and_offsets_hold(text):
    quotes = extract_quotes(text)
    previous_end = -1
    for quote in quotes:
        span = quote.span
        assert 0 <= span.open <= span.start < span.end <= span.close <= len(text)
        assert text[span.start : span.end] == quote.text
        assert span.open >= previous_end  # spans never overlap
        previous_end = span.close
        if quote.mention is not None:
            assert text[quote.mention.start : quote.mention.end] == quote.mention.text
        assert 0.0 <= quote.confidence <= 1.0


@given(st.text(max_size=300))
@settings(max_examples=200, deadline=None)
def test_any_unicode_text_is_safe(text):
    for quote in extract_quotes(text):
        assert text[quote.span.start : quote.span.end] == quote.text


def test_sigkill_mid_ingest_then_rerun_leaves_every_document_once(tmp_path):
    folder = write_corpus(tmp_path / "in", 3000)
    db = tmp_path / "q.db"
    process = subprocess.Popen(ingest_command(folder, db, "--workers", "1"))
    deadline = time.time() + 60
    while documents_in(db) < 200 and time.time() < deadline and process.poll() is None:
        time.sleep(0.05)
    assert process.poll() is None, "the ingest finished before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    stored_at_kill = documents_in(db)
    assert 0 < stored_at_kill < 3000
    subprocess.run(ingest_command(folder, db), check=True)
    with sqlite3.connect(db) as conn:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert conn.execute("select count(*), count(distinct path) from documents").fetchone() == (3000, 3000)
        assert conn.execute("select count(*) from quotes").fetchone()[0] == 6000
        per_doc = conn.execute("select count(*) from (select document_id from quotes group by document_id having count(*) != 2)").fetchone()
        assert per_doc == (0,)
    assert check_database(open_database(db)) == []


def test_reader_reads_while_ingest_writes(tmp_path):
    folder = write_corpus(tmp_path / "in", 3000)
    db = tmp_path / "q.db"
    open_database(db)
    process = subprocess.Popen(ingest_command(folder, db, "--workers", "1"))
    seen = []
    try:
        while process.poll() is None and len(seen) < 200:
            with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.5) as conn:
                seen.append(conn.execute("select count(*) from quotes").fetchone()[0])
            time.sleep(0.01)
    finally:
        process.wait(timeout=120)
    assert process.returncode == 0
    assert len(seen) > 5
    assert seen == sorted(seen)  # readers see whole commits, growing
    assert any(0 < count < 6000 for count in seen)


def test_ingest_shared_between_processes_stores_what_one_process_stores(tmp_path):
    folder = write_corpus(tmp_path / "in", 300)
    (folder / "00150.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe" * 50)
    rows = {}
    for workers in ("1", "2"):
        db = tmp_path / f"{workers}.db"
        result = subprocess.run(ingest_command(folder, db, "--workers", workers), capture_output=True, text=True)
        assert result.returncode == 1  # the binary file failed
        assert "00150.txt" in result.stderr
        with sqlite3.connect(db) as conn:
            rows[workers] = conn.execute(
                """select documents.id, documents.path, quotes.start, quotes.text, quotes.speaker
                   from documents join quotes on quotes.document_id = documents.id order by documents.id, quotes.start"""
            ).fetchall()
    assert len(rows["1"]) == 2 * 299
    assert rows["2"] == rows["1"]  # the same rows, stored in the same order


TEST_PROCESS = os.getpid()


def crash_on_marker(article, source):
    """An annotator whose worker process dies on one article, as an out-of-memory kill would end
    it (in the writing process, which may extract it too, it raises instead)."""
    if "CRASH" in article.text:
        if os.getpid() == TEST_PROCESS:
            raise MemoryError("out of memory")
        os._exit(3)
    return annotate_text(article.text)


def test_worker_process_that_dies_fails_its_article_alone(tmp_path):
    folder = write_corpus(tmp_path / "in", 120)
    (folder / "00060.txt").write_text("CRASH\n\nStory.\n", encoding="utf-8")
    db = open_database(tmp_path / "q.db")
    summary = ingest(db, source_files([folder]), Settings(crash_on_marker), workers=2)
    assert [path for path, _ in summary.failed] == [str(folder / "00060.txt")]
    assert summary.failed[0][1].startswith(str(folder / "00060.txt"))
    assert db.execute("select count(*) from documents").fetchone()[0] == 119
    assert check_database(db) == []


def test_bad_jsonl_records_are_named_counted_failures_and_the_rest_is_stored(tmp_path):
    folder = write_corpus(tmp_path / "in", 50)
    good = {"text": 'Port\n\n"It is busy," Tom Hale said.'}
    lines = [
        json.dumps({**good, "url": ["https://a.example", "https://b.example"]}),
        json.dumps({**good, "url": {"href": "https://a.example"}}),
        '{"text": "x", "n": ' + "9" * 5000 + "}",
        "[" * 100000 + "]" * 100000,
        json.dumps({**good, "text": "Port \ud800 said"}),
        json.dumps({**good, "title": "bad \udfff title"}),
        json.dumps({**good, "id": {"n": 1}}),
        json.dumps(good),
    ]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    result = subprocess.run(ingest_command(folder, tmp_path / "q.db", "--workers", "2"), capture_output=True, text=True)
    assert result.returncode == 1
    failed = [line for line in result.stderr.splitlines() if line.startswith("  failed: ")]
    feed = folder / "feed.jsonl"
    assert [line.split(": ")[1] for line in failed] == [f"{feed}:{n}" for n in range(1, 8)]
    for line, words in zip(failed, ("url is a list", "url is an object", "cannot be read", "cannot be read", "invalid character", "invalid character", "id is an object")):
        assert words in line, line
    assert "58 documents read: 51 new, 0 changed, 0 unchanged, 7 failed" in result.stderr
    assert open_database(tmp_path / "q.db").table("documents").count == 51


def test_a_sidecar_title_that_is_a_list_is_refused_not_stored_as_text(tmp_path):
    folder = write_corpus(tmp_path / "in", 1)
    (folder / "00000.json").write_text(json.dumps({"title": ["a", "list"]}), encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(tmp_path / "q.db")])
    assert result.exit_code == 1
    assert f"{folder / '00000.json'}" not in result.output and f"{folder / '00000.txt'}: title is a list, not text" in result.output
    assert open_database(tmp_path / "q.db").execute("select count(*) from documents where title like '[%'").fetchone() == (0,)


def test_awkward_file_names_are_read_or_named_on_one_line(tmp_path):
    folder = write_corpus(tmp_path / "in", 50)
    os.symlink("loop.txt", folder / "loop.txt")
    odd = os.fsencode(folder) + b"/caf\xe9.txt"  # a name that is not UTF-8
    with open(odd, "w", encoding="utf-8") as f:
        f.write(ARTICLE.format(n=900))
    (folder / "evil\n  failed: fake.txt").write_bytes(b"\x00binary")
    db = tmp_path / "q.db"
    result = subprocess.run(ingest_command(folder, db), capture_output=True, text=True)
    assert result.returncode == 1
    failed = [line for line in result.stderr.splitlines() if line.startswith("  failed: ")]
    assert len(failed) == 2, result.stderr
    assert any("loop.txt: cannot read (Too many levels of symbolic links)" in line for line in failed)
    assert any("evil\\n  failed: fake.txt: binary file" in line for line in failed)
    stored = open_database(db).execute("select path from documents where path like '%caf%'").fetchone()
    assert stored == (str(folder / "caf\\xe9.txt"),)


def looping(article, source):
    """An annotator that never ends on one article, as a pathological input could."""
    if "LOOP" in article.text:
        while True:
            pass
    return annotate_text(article.text)


def test_an_article_that_takes_too_long_is_stopped_and_named(tmp_path):
    folder = write_corpus(tmp_path / "in", 3)
    (folder / "00001.txt").write_text("LOOP\n\nStory.\n", encoding="utf-8")
    db = open_database(tmp_path / "q.db")
    summary = ingest(db, source_files([folder]), Settings(looping, timeout=0.5))
    assert [message for _, message in summary.failed] == [
        f"{folder / '00001.txt'}: extraction took longer than 0.5 s and was stopped (--timeout allows more)"
    ]
    assert db.execute("select count(*) from documents").fetchone() == (2,)


def test_a_jsonl_record_has_the_size_limit_of_a_file(tmp_path):
    path = tmp_path / "feed.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps({"text": "x" * (11 * 1024 * 1024)}) + "\n")
        f.write(json.dumps({"text": 'Port\n\n"It is busy," Tom Hale said.'}) + "\n")
    first, second = read_jsonl(path)
    assert str(first) == f"{path}:1: the record is larger than the 10 MB limit"
    assert second.line == 2 and second.text.startswith("Port")


def test_exit_status_says_whether_anything_failed(tmp_path):
    folder = write_corpus(tmp_path / "in", 2)
    db = tmp_path / "q.db"
    assert subprocess.run(ingest_command(folder, db)).returncode == 0
    missing = subprocess.run(ingest_command(tmp_path / "nowhere", db), capture_output=True, text=True)
    assert missing.returncode == 1 and "nowhere: cannot read (No such file or directory)" in missing.stderr


def test_another_programs_database_is_refused_untouched(tmp_path):
    db = tmp_path / "shop.db"
    with sqlite3.connect(db) as conn:
        conn.execute("create table customers (name text)")
    before = db.read_bytes()
    result = subprocess.run(ingest_command(write_corpus(tmp_path / "in", 2), db), capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [f"Error: {db}: not a quotes database (it holds the tables customers); nothing was changed: choose another --db"]
    assert db.read_bytes() == before


@pytest.mark.parametrize("content, problem", [(b"not a database at all" * 100, "not a SQLite database")])
def test_a_file_that_is_no_database_gets_one_line(tmp_path, content, problem):
    db = tmp_path / "q.db"
    db.write_bytes(content)
    result = subprocess.run(ingest_command(write_corpus(tmp_path / "in", 2), db), capture_output=True, text=True)
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"Error: {db}: {problem}")


def test_a_full_disk_stops_the_run_and_keeps_what_was_stored(tmp_path):
    db = open_database(tmp_path / "q.db")
    ingest(db, source_files([write_corpus(tmp_path / "first", 70)]))
    pages = db.execute("pragma page_count").fetchone()[0]
    db.execute(f"pragma max_page_count = {pages + 2}")  # what SQLite answers when the disk is full
    with pytest.raises(DatabaseProblem, match=r"q.db: the disk is full; what was stored before is kept"):
        ingest(db, source_files([write_corpus(tmp_path / "second", 300, start=1000)]))
    db.execute(f"pragma max_page_count = {2**30}")
    assert db.execute("select count(*) from documents where path like ?", [f"{tmp_path / 'first'}/%"]).fetchone() == (70,)
    assert check_database(db) == []


def test_a_read_only_database_stops_the_run_in_one_line(tmp_path):
    path = tmp_path / "q.db"
    open_database(path).close()
    db = Database(sqlite3.connect(f"file:{path}?mode=ro", uri=True))
    with pytest.raises(DatabaseProblem, match="cannot write to the database"):
        ingest(db, source_files([write_corpus(tmp_path / "in", 3)]))


def test_a_damaged_page_found_mid_run_stops_it_with_a_clear_message(tmp_path):
    folder = write_corpus(tmp_path / "in", 200)
    db = tmp_path / "q.db"
    assert subprocess.run(ingest_command(folder, db)).returncode == 0
    for path in folder.glob("001*.txt"):  # changed articles: their old rows must be found and deleted
        path.write_text(path.read_text(encoding="utf-8") + "\nUpdated.\n", encoding="utf-8")
    data = bytearray(db.read_bytes())
    page = 4096
    for offset in range(len(data) // 2 // page * page, len(data), page):  # the upper half's pages
        data[offset : offset + 100] = os.urandom(100)
    db.write_bytes(bytes(data))
    result = subprocess.run(ingest_command(folder, db), capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"Error: {db}: ") and ("damaged" in line or "not a SQLite database" in line)
    check = subprocess.run([sys.executable, "-m", "quotes", "check", "--db", str(db)], capture_output=True, text=True)
    assert check.returncode == 1


@pytest.fixture
def default_collector_pace():
    """Python's own collector pace in this process (a quotes command run here earlier changed it),
    so that a worker forked from it shows only what the pool itself sets."""
    kept = gc.get_threshold()
    gc.set_threshold(700, *kept[1:])
    yield
    gc.set_threshold(*kept)


def _collector_paces(jobs: list) -> list[int]:
    return [gc.get_threshold()[0] for _ in jobs]


def test_extracting_processes_collect_cycles_at_extractions_pace(default_collector_pace, samples_dir):
    in_workers = [pace for _, pace in outcomes(_collector_paces, iter(range(12)), 2, on_death=None, chunk=1, writes=False)]
    assert in_workers == [NEW_OBJECTS_PER_COLLECTION] * 12
    assert gc.get_threshold()[0] == 700
    result = CliRunner().invoke(app, ["extract", str(samples_dir), "--jsonl"])
    assert result.exit_code == 0, result.output
    assert gc.get_threshold()[0] == NEW_OBJECTS_PER_COLLECTION  # the quotes command, extracting itself
