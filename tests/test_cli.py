import json
import shutil

import pytest
from typer.testing import CliRunner

from quotes import __version__
from quotes.cli import app
from quotes.store import open_database

runner = CliRunner()


def ingest(*args):
    return runner.invoke(app, ["ingest", *map(str, args)])


def quotes_by_text(db_path):
    db = open_database(db_path)
    return {row["text"]: row for row in db.query("select * from quotes")}


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


@pytest.mark.parametrize("command", ["ingest", "extract", "serve"])
def test_help_has_example(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example: quotes " + command in result.output


def test_ingest_seeds_attributes_known_quotes(seeds_dir, tmp_path):
    db = tmp_path / "q.db"
    result = ingest(seeds_dir, "--db", db)
    assert result.exit_code == 0, result.output
    assert "5 documents read: 5 new" in result.output
    quotes = quotes_by_text(db)
    assert quotes["We're not there yet,"]["speaker"] == "Mark Toner"
    assert quotes["gaps of trust"]["speaker"] == "Barack Obama"
    assert quotes["There's a risk that we'll be starving in two weeks,"]["speaker"] == "Abu Omar"
    assert quotes["Rebels are now back to square one, under an even more ruthless siege,"]["speaker"] == "Rami Abdel Rahman"


def test_reingest_adds_nothing(seeds_dir, tmp_path):
    db = tmp_path / "q.db"
    ingest(seeds_dir, "--db", db)
    before = open_database(db).table("quotes").count
    result = ingest(seeds_dir, "--db", db)
    assert "0 new, 0 changed, 5 unchanged" in result.output
    assert open_database(db).table("quotes").count == before


def test_reingest_replaces_changed_file(samples_dir, tmp_path):
    folder = tmp_path / "articles"
    shutil.copytree(samples_dir, folder)
    db = tmp_path / "q.db"
    ingest(folder, "--db", db)
    target = folder / "harbor-festival.txt"
    target.write_text(target.read_text() + '\n"We will be back next year," Okafor said.\n', encoding="utf-8")
    result = ingest(folder, "--db", db)
    assert "0 new, 1 changed" in result.output
    assert quotes_by_text(db)["We will be back next year,"]["speaker"] == "Amara Okafor"
    assert open_database(db).table("documents").count == 3


def test_force_extracts_unchanged_articles_again(samples_dir, tmp_path):
    db = tmp_path / "q.db"
    ingest(samples_dir, "--db", db)
    database = open_database(db)
    expected = database.execute("select start, speaker from quotes order by document_id, start").fetchall()
    database.execute("update quotes set speaker = 'stale extraction'")  # what an older version stored
    database.conn.commit()
    assert "0 changed, 3 unchanged" in ingest(samples_dir, "--db", db).output
    assert "0 new, 3 changed, 0 unchanged" in ingest(samples_dir, "--db", db, "--force").output
    assert database.execute("select start, speaker from quotes order by document_id, start").fetchall() == expected


def test_ingest_bad_file_is_reported_and_others_stored(samples_dir, tmp_path):
    folder = tmp_path / "articles"
    shutil.copytree(samples_dir, folder)
    (folder / "broken.txt").write_bytes(b"caf\xe9 \xff\xfe\x00 not utf-8")
    result = ingest(folder, "--db", tmp_path / "q.db")
    assert result.exit_code == 1  # something failed; the rest is stored
    assert "1 failed" in result.output
    assert "broken.txt: " in result.output
    assert open_database(tmp_path / "q.db").table("documents").count == 3


def test_ingest_missing_path_is_reported(tmp_path):
    result = ingest(tmp_path / "nope.txt", "--db", tmp_path / "q.db")
    assert "nope.txt: cannot read" in result.output


def test_extract_jsonl_contract(samples_dir):
    path = samples_dir / "council-vote.txt"
    result = runner.invoke(app, ["extract", str(path), "--jsonl"])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    text = path.read_text(encoding="utf-8")
    assert rows
    for row in rows:
        assert set(row) == {
            "file", "start", "end", "text", "speaker", "speaker_mention", "speaker_mention_type", "speaker_type", "speaker_kind",
            "cue", "kind", "sieve", "confidence", "speaker_title",
            "addressee", "place", "place_basis", "said_on", "said_on_phrase", "said_on_basis",
        }
        assert text[row["start"] : row["end"]] == row["text"]
        assert 0 <= row["confidence"] <= 1
    assert any(r["speaker"] == "Elena Vasquez" and r["cue"] == "told" for r in rows)


def test_extract_offsets_ignore_byte_order_mark(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffBody.\n\n\"We are ready,\" Ana Ruiz said.".encode("utf-8"))
    row = json.loads(runner.invoke(app, ["extract", str(path), "--jsonl"]).stdout)
    assert (row["start"], row["text"]) == (8, "We are ready,")


def test_extract_table_shows_speaker(samples_dir):
    result = runner.invoke(app, ["extract", str(samples_dir / "harbor-festival.txt")])
    assert result.exit_code == 0
    assert "Tom Becker" in result.stdout


def test_serve_missing_database_is_one_line_error(tmp_path):
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "none.db: no such database" in result.output
