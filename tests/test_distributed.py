"""Extraction in shards on a Dask cluster (and as N independent jobs), loaded into one database
that equals `ingest`'s (issue 21). A LocalCluster of two worker processes stands for a cluster."""
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from functools import partial

import pytest
from conftest import ARTICLE, ROOT, SHARED, write_corpus

from quotes import shards
from quotes.ingest import Settings
from quotes.shards import Partition, extract_partition, partitions, shard_files

distributed = pytest.importorskip("distributed")


def quotes(*args):
    result = subprocess.run([sys.executable, "-m", "quotes", *map(str, args)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return result


def snapshot(db):
    """The database as sets of natural keys (no row ids): documents, quotes with their speakers
    and offsets, speakers with their counts, aliases, clusters."""
    with sqlite3.connect(db) as conn:
        def rows(sql):
            return sorted(conn.execute(sql).fetchall(), key=repr)

        return {
            "documents": rows("select key, path, content_hash, title, outlet, published, n_quotes from documents"),
            "quotes": rows("""select documents.key, start, end, quotes.text, quotes.speaker, speaker_type, extracted_speaker, cue, sieve,
                              confidence, clusters.text from quotes join documents on documents.id = document_id
                              left join clusters on clusters.id = cluster_id"""),
            "speakers": rows("select name, type, title, n_quotes, n_documents, n_outlets, candidates from speakers"),
            "aliases": rows("select speakers.name, alias from speaker_aliases join speakers on speakers.id = speaker_id"),
            "clusters": rows("select text, speaker, n_quotes, n_documents, n_outlets, conflict from clusters"),
        }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = write_corpus(tmp_path_factory.mktemp("corpus") / "in", 200)
    for path in (SHARED / "seeds").glob("*.txt"):  # real articles: people named across articles
        (folder / path.name).write_bytes(path.read_bytes())
    # mojibake repaired as it is read: the shards carry the repaired text and where it was repaired
    (folder / "talks.txt").write_text('Talks\n\n"We talked for an hour," said Ana Nu\u00c3\u00b1ez.\n', encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def ingested(corpus, tmp_path_factory):
    db = tmp_path_factory.mktemp("ingested") / "q.db"
    quotes("ingest", corpus, "--db", db, "--quiet", "--engine", "rules")
    return snapshot(db)


def test_extract_on_a_dask_cluster_then_load_equals_ingest(corpus, ingested, tmp_path):
    made = quotes("extract", corpus, "--out", tmp_path / "shards", "--cluster", "dask", "--workers", "2", "--partition-size", "20", "--engine", "rules")
    assert f"{len(partitions(sorted(corpus.iterdir()), 20))} shards in" in made.stderr
    quotes("load", tmp_path / "shards", "--db", tmp_path / "q.db")
    assert snapshot(tmp_path / "q.db") == ingested
    assert any(row[:2] == ("Ana Nuñez", "person") for row in ingested["speakers"])
    again = quotes("load", tmp_path / "shards", "--db", tmp_path / "q.db")
    assert "0 documents read" in again.stderr
    assert snapshot(tmp_path / "q.db") == ingested


def test_n_independent_jobs_then_load_equal_ingest(corpus, ingested, tmp_path):
    for k in range(3):
        quotes("extract", corpus, "--out", tmp_path / "shards", "--shard", f"{k}/3", "--partition-size", "20", "--engine", "rules", "--workers", "1")
    quotes("load", tmp_path / "shards", "--db", tmp_path / "q.db")
    assert snapshot(tmp_path / "q.db") == ingested


def test_a_deleted_shard_alone_is_made_again(corpus, tmp_path):
    out = tmp_path / "shards"
    quotes("extract", corpus, "--out", out, "--partition-size", "40", "--engine", "rules")
    made = {path: path.stat().st_mtime_ns for path in out.iterdir()}
    victim = sorted(made)[2]
    victim.unlink()
    again = quotes("extract", corpus, "--out", out, "--partition-size", "40", "--engine", "rules")
    assert "1 written" in again.stderr and f"{len(made) - 1} there already" in again.stderr
    assert {path: path.stat().st_mtime_ns for path in out.iterdir() if path != victim} == {p: t for p, t in made.items() if p != victim}
    assert victim.exists()


def test_a_json_lines_file_is_cut_into_ranges_of_lines_and_loads_as_ingest_reads_it(tmp_path):
    feed = tmp_path / "in" / "feed.jsonl"
    feed.parent.mkdir()
    records = [json.dumps({"id": f"r{n}", "text": ARTICLE.format(n=n), "outlet": "Harbor Gazette"}) for n in range(90)]
    records[40] = json.dumps({"id": "r3", "text": ARTICLE.format(n=40)})  # line 41 repeats line 4's id, in another range
    records[61] = "{not json"
    records[70] = ""
    feed.write_text("\n".join(records) + "\n", encoding="utf-8")
    ingested = subprocess.run([sys.executable, "-m", "quotes", "ingest", feed.parent, "--db", tmp_path / "i.db", "--quiet"], capture_output=True, text=True)

    made = subprocess.run([sys.executable, "-m", "quotes", "extract", feed.parent, "--out", tmp_path / "shards", "--partition-size", "25",
                           "--workers", "2", "--engine", "rules"], capture_output=True, text=True)
    assert made.returncode == 1 and "4 written (88 articles)" in made.stderr  # lines 1-25, 26-50, 51-75, 76-90; line 71 blank
    assert [shard.name[:6] for _, shard in shard_files(tmp_path / "shards")] == ["000000", "000001", "000002", "000003"]
    loaded = subprocess.run([sys.executable, "-m", "quotes", "load", tmp_path / "shards", "--db", tmp_path / "q.db"], capture_output=True, text=True)
    assert loaded.returncode == ingested.returncode == 1
    assert "feed.jsonl:41: id 'r3' is the id of line 4 too; skipped" in loaded.stderr, loaded.stderr
    assert "feed.jsonl:62: not valid JSON" in loaded.stderr
    assert snapshot(tmp_path / "q.db") == snapshot(tmp_path / "i.db")
    with sqlite3.connect(tmp_path / "q.db") as conn:
        assert conn.execute("select count(*), min(line), max(line) from documents").fetchone() == (87, 1, 90)


def test_a_task_killed_while_writing_leaves_a_temporary_the_next_run_removes(corpus, tmp_path):
    """A real process, killed (SIGKILL) halfway through writing its shard, as a pre-empted node is."""
    paths = tuple(str(p) for p in sorted(corpus.glob("*.txt"))[:5])
    killed = textwrap.dedent(f"""
        import os, signal
        from quotes import shards
        from quotes.ingest import Settings

        def killed_halfway(path, *args):
            path.write_bytes(b"half a shard")
            os.kill(os.getpid(), signal.SIGKILL)

        shards._write_shard = killed_halfway
        shards.extract_partition(Settings(), "rules", {str(tmp_path)!r}, shards.Partition(0, {paths!r}))
    """)
    died = subprocess.run([sys.executable, "-c", killed], cwd=ROOT, capture_output=True)
    assert died.returncode == -signal.SIGKILL
    left = list(tmp_path.iterdir())
    assert len(left) == 1 and left[0].name.endswith(".tmp") and not list(tmp_path.glob("*.shard.db"))

    name, articles, failures = extract_partition(Settings(), "rules", str(tmp_path), Partition(0, paths))
    assert (articles, failures) == (5, [])
    assert [path.name for path in tmp_path.iterdir()] == [name]


def test_a_task_that_dies_while_writing_leaves_no_shard(corpus, tmp_path, monkeypatch):
    def dies_halfway(path, *args):
        path.write_bytes(b"half a shard")
        raise MemoryError("killed")

    monkeypatch.setattr(shards, "_write_shard", dies_halfway)
    partition = Partition(0, tuple(str(p) for p in sorted(corpus.glob("*.txt"))[:5]))
    with pytest.raises(MemoryError):
        extract_partition(Settings(), "rules", str(tmp_path), partition)
    assert list(tmp_path.iterdir()) == []


def test_stanza_on_two_workers_builds_one_pipeline_each(tmp_path):
    from distributed import Client, LocalCluster

    from quotes.annotate_stanza import StanzaAnnotator, StanzaSettings
    from quotes.shards import extract_all

    tiny = SHARED / "stanza-tiny"
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    if not (tiny / "resources.json").is_file() or not seeds:
        pytest.skip("../shared/stanza-tiny and ../shared/seeds are not beside the checkout")
    settings = Settings(StanzaAnnotator(StanzaSettings(str(tiny), threads=1)), batch=2)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster) as client:
        done = list(extract_all(settings, "stanza", tmp_path, partitions(seeds, 1), "dask", 2, cluster.scheduler_address))
        built = client.run(lambda: __import__("quotes.annotate_stanza").annotate_stanza.load_pipeline.cache_info().currsize)
    assert len(done) == len(seeds) and all(not failures for _, _, failures in done)
    processes = set()
    for _, path in shard_files(tmp_path):
        with sqlite3.connect(path) as conn:
            processes.add(conn.execute("select process from meta").fetchone()[0])
    assert sorted(built.values()) in ([1, 1], [0, 1]) and len(processes) == sum(built.values())


def test_a_file_that_is_no_shard_stops_load_in_one_line(corpus, tmp_path):
    out = tmp_path / "shards"
    quotes("extract", corpus, "--out", out, "--partition-size", "100", "--engine", "rules")
    (out / "000099-forged.shard.db").write_bytes(b"not sqlite at all" * 50)
    result = subprocess.run([sys.executable, "-m", "quotes", "load", str(out), "--db", str(tmp_path / "q.db")], capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"Error: {out / '000099-forged.shard.db'}: not a shard quotes wrote (file is not a database); delete it and run the same `quotes extract` again"
    ]


def _pid_after(seconds, partitions):
    time.sleep(seconds)
    return [os.getpid() for _ in partitions]


def test_local_partitions_run_in_as_many_processes_as_workers_while_this_one_waits():
    """Partitions are large jobs: two workers are two processes extracting side by side (before,
    the pool of one took every partition at once and this process, which would have helped, found
    none left)."""
    from quotes.workers import outcomes

    done = list(outcomes(partial(_pid_after, 0.3), iter(range(6)), 2, lambda job: None, chunk=1, in_flight=4, writes=False))
    assert [job for job, _ in done] == list(range(6))
    assert len({pid for _, pid in done}) == 2 and os.getpid() not in {pid for _, pid in done}
