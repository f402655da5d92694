"""Extraction in shards, loading them into one database: `ingest`'s two halves, apart.

The inputs are split into partitions: files in the order `ingest` reads them, and a JSON Lines
file in ranges of lines (byte offsets found in one pass, no line parsed). Each partition is
extracted by whoever runs it — this process, local worker processes, a Dask cluster, or one job
of a SLURM array or Kubernetes Indexed Job (`--shard K/N`) — which reads its own input and writes one shard: a small SQLite file holding each article's
extraction, written under a temporary name and renamed when whole, and named by a hash of its
inputs (path, size, modification time), of the extractor (its code and word lists) and of the
options, so that a task run twice, or a run resumed after a crash, never writes it twice and
skips the shards that exist. A task killed while writing leaves a temporary file; the next
task for that shard removes it. No article text crosses the scheduler.

`load` replays the shards, in partition order, through the very writer `ingest` uses (document
identity, speakers, clusters), so that the database equals the one `ingest` builds from the same
inputs; each shard is stored in one transaction, with its record in `_loaded_shards`, so a
second `load` changes nothing. A JSON Lines id repeated in a later range of its file is skipped
as `ingest` skips it (within one `load`).
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import socket
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, partial
from importlib import resources
from pathlib import Path

from sqlite_utils import Database

from .errors import QuotesError
from .ingest import Job, Run, Settings, Unchanged, extract_jobs, repeated_id, source_jobs
from .read import Lines, is_jsonl, line_ranges, source_key
from .store import identify_and_cluster, keep_statistics, stored_hash
from .records import Article, Cue, Mention, Quote, QuoteSpan, Result, Situation
from .repair import Repair

SHARD_SUFFIX = ".shard.db"
STALE_AFTER = 3600  # seconds: a temporary shard untouched this long is a dead task's, on any host


@dataclass(frozen=True)
class Partition:
    """The INDEX-th partition of an extraction: its files, as the user named them, or LINES of
    one JSON Lines file."""

    index: int
    paths: tuple[str, ...]
    lines: Lines | None = None


def partitions(sources: list[Path], size: int, input_format: str = "text") -> list[Partition]:
    """SOURCES in partitions of SIZE articles: SIZE files, or SIZE lines of a JSON Lines file."""
    found: list[Partition] = []
    files: list[str] = []

    def close_files() -> None:
        if files:
            found.append(Partition(len(found), tuple(files)))
            files.clear()

    for source in sources:
        if input_format == "text" and is_jsonl(source):
            close_files()
            found += [Partition(len(found) + k, (str(source),), lines) for k, lines in enumerate(line_ranges(source, size))]
            continue
        files.append(str(source))
        if len(files) == size:
            close_files()
    close_files()
    return found


def my_share(all_partitions: list[Partition], shard: tuple[int, int] | None) -> list[Partition]:
    """The partitions job K of N runs (`--shard K/N`, K from 0): every N-th, from the K-th."""
    if shard is None:
        return all_partitions
    k, n = shard
    return [p for p in all_partitions if p.index % n == k]


@cache
def extractor_fingerprint() -> str:
    """A hash of the package's code and word lists: a shard made by other rules is another shard."""
    digest = hashlib.sha256()
    package = resources.files("quotes")
    for entry in sorted([*package.iterdir(), *package.joinpath("data").iterdir()], key=lambda e: e.name):
        if entry.name.endswith((".py", ".txt", ".tsv")):
            digest.update(entry.name.encode() + entry.read_bytes())
    return digest.hexdigest()[:16]


def shard_name(partition: Partition, options: str) -> str:
    """The name of PARTITION's shard: its inputs as they are now, the extractor and the OPTIONS."""
    inputs = []
    for path in partition.paths:
        try:
            status = os.stat(path)
            inputs.append((source_key(path), status.st_size, status.st_mtime_ns))
        except OSError:
            inputs.append((source_key(path), None, None))
    lines = dataclasses.astuple(partition.lines) if partition.lines else None
    key = json.dumps([extractor_fingerprint(), options, inputs, lines])
    return f"{partition.index:06d}-{hashlib.sha256(key.encode()).hexdigest()[:20]}{SHARD_SUFFIX}"


def extract_partition(settings: Settings, options: str, out: str, partition: Partition) -> tuple[str, int, list[str]]:
    """Extract PARTITION into its shard in OUT unless it is there: (shard name, articles, failures)."""
    name = shard_name(partition, options)
    target = Path(out) / name
    if target.exists():
        return name, -1, []
    jobs, failures = _jobs(partition, settings.input_format)
    outcomes = [outcome for start in range(0, len(jobs), settings.batch) for outcome in extract_jobs(settings, jobs[start : start + settings.batch])]
    _remove_dead_temporaries(target)
    temporary = target.with_name(f".{name}.{socket.gethostname()}.{os.getpid()}.tmp")
    try:
        _write_shard(temporary, partition, jobs, outcomes, failures)
        os.replace(temporary, target)  # whole or not at all: a task killed before this leaves no shard
    finally:
        temporary.unlink(missing_ok=True)
    return name, len(jobs), failures + [str(o) for o in outcomes if isinstance(o, QuotesError)]


def _remove_dead_temporaries(target: Path) -> None:
    """Remove what a task killed while writing TARGET left (its temporary shard and journal): one
    of this host whose process is gone, or any untouched for STALE_AFTER seconds. A temporary of
    a live task, here or on another host sharing the folder, is left to it."""
    prefix = f".{target.name}."
    for path in target.parent.glob(f"{prefix}*.tmp*"):
        writer = path.name[len(prefix) :].split(".tmp")[0]
        host, _, pid = writer.rpartition(".")
        try:
            dead = host == socket.gethostname() and pid.isdigit() and not _alive(int(pid))
            if dead or time.time() - path.stat().st_mtime > STALE_AFTER:
                path.unlink()
        except FileNotFoundError:  # its task finished, or another removed it
            pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _jobs(partition: Partition, input_format: str) -> tuple[list[Job], list[str]]:
    """The partition's articles as jobs, nothing stored to compare with; the failures."""
    jobs, failures = [], []
    for path in map(Path, partition.paths):
        try:
            for job in source_jobs(path, input_format, partition.lines):
                if isinstance(job, QuotesError):
                    failures.append(str(job))
                else:
                    jobs.append(job)
        except QuotesError as e:
            failures.append(str(e))
    return jobs, failures


def _write_shard(path: Path, partition: Partition, jobs: list[Job], outcomes: list, failures: list[str]) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("create table meta (partition integer, paths text, lines text, process integer)")
        lines = json.dumps(dataclasses.astuple(partition.lines)) if partition.lines else None
        conn.execute("insert into meta values (?, ?, ?, ?)", [partition.index, json.dumps(partition.paths), lines, os.getpid()])
        conn.execute(
            "create table articles (position integer primary key, name text, source text, key text, line integer, record_id text, result text, error text)"
        )
        conn.execute("create table failures (message text)")
        conn.executemany("insert into failures values (?)", [[message] for message in failures])
        conn.executemany(
            "insert into articles values (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                [
                    k, job.name, str(job.source), job.key, job.article and job.article.line, job.article and job.article.record_id,
                    json.dumps(result_json(o)) if isinstance(o, Result) else None, str(o) if isinstance(o, QuotesError) else None,
                ]
                for k, (job, o) in enumerate(zip(jobs, outcomes))
            ],
        )
    conn.close()


def result_json(result: Result) -> dict:
    return dataclasses.asdict(result)


def result_from_json(data: dict) -> Result:
    quotes = [
        Quote(
            span=QuoteSpan(**q["span"]),
            text=q["text"],
            speaker=q["speaker"],
            speaker_type=q["speaker_type"],
            mention=Mention(**q["mention"]) if q["mention"] else None,
            cue=Cue(**q["cue"]) if q["cue"] else None,
            sieve=q["sieve"],
            confidence=q["confidence"],
            title=q["title"],
            situation=Situation(**q["situation"]),
        )
        for q in data["quotes"]
    ]
    article = data["article"] | {"repairs": tuple(Repair(**r) for r in data["article"].get("repairs", ()))}  # none in older shards
    return Result(Article(**article), quotes, data["engine"])


def shard_files(folder: Path) -> list[tuple[int, Path]]:
    """(partition index, path) of the whole shards in FOLDER, in partition order."""
    found = []
    for path in folder.glob(f"*{SHARD_SUFFIX}"):
        try:
            with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
                found.append((conn.execute("select partition from meta").fetchone()[0], path))
            conn.close()
        except sqlite3.DatabaseError as e:
            raise QuotesError(f"{path}: not a shard quotes wrote ({e}); delete it and run the same `quotes extract` again") from e
    return sorted(found)


def load_shards(db: Database, folder: Path, on_error=lambda name, message: None):
    """Store every shard of FOLDER not loaded before into DB, as `ingest` stores articles."""
    db.execute("create table if not exists _loaded_shards (name text primary key, loaded_at text default current_timestamp)")
    loaded = {row[0] for row in db.execute("select name from _loaded_shards")}
    run = Run(db, Settings(), on_error, lambda name: None, strict=False)
    began = time.perf_counter()
    first_lines: dict[str, int] = {}  # a JSON Lines record's key → the line that gave it
    for _, path in shard_files(folder):
        if path.name in loaded:
            continue
        # a shard is stored whole, and recorded as loaded with it, or not at all
        run.store(list(_replayed(db, path, first_lines)), also=partial(db.execute, "insert into _loaded_shards (name) values (?)", [path.name]))
    identify_and_cluster(db)  # once, for all the shards (and what an interrupted load left)
    keep_statistics(db)
    run.summary.seconds = time.perf_counter() - began
    return run.summary


def _replayed(db: Database, path: Path, first_lines: dict[str, int]) -> Iterator[tuple[Job, object]]:
    """The shard's articles as the jobs and outcomes `ingest` would have had: a JSON Lines record
    whose key an earlier line gave (in FIRST_LINES, which this adds to) is a RepeatedId."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        columns = {row[1] for row in conn.execute("pragma table_info(articles)")}
        lines = "line, record_id" if "line" in columns else "null, null"  # a shard written before JSON Lines ranges
        rows = conn.execute(f"select name, source, key, {lines}, result, error from articles order by position").fetchall()
        failures = [row[0] for row in conn.execute("select message from failures")]
    conn.close()
    for message in failures:
        yield Job(message.split(": ", 1)[0], Path(path), "", None), QuotesError(message)
    for name, source, key, line, record_id, result, error in rows:
        job = Job(name, Path(source), key, stored_hash(db, key))
        if line is not None and first_lines.setdefault(key, line) != line:
            yield job, repeated_id(name.rsplit("#", 1)[0], line, record_id, first_lines[key])
        elif error is not None:
            yield job, QuotesError(error)
        else:
            result = result_from_json(json.loads(result))
            yield job, Unchanged() if job.stored_hash == result.article.content_hash else result


def extract_all(settings: Settings, options: str, out: Path, todo: list[Partition], cluster: str = "local",
                workers: int = 1, scheduler: str | None = None) -> Iterator[tuple[str, int, list[str]]]:
    """Each partition of TODO extracted into OUT, as its shard is done: in worker processes of this
    machine, or on a Dask cluster (the one at SCHEDULER, else a local one of WORKERS processes)."""
    out.mkdir(parents=True, exist_ok=True)
    work = partial(extract_partition, settings, options, str(out))
    if cluster == "local":
        from .workers import outcomes

        def died(partition: Partition) -> tuple[str, int, list[str]]:
            where = f"from line {partition.lines.first}" if partition.lines else "…"
            return "", 0, [f"partition {partition.index} ({partition.paths[0]}, {where}): the process extracting it stopped"]

        # a partition is a large job: WORKERS processes, each holding one and the next, and this one waits
        for _, done in outcomes(partial(_each, work), iter(todo), workers, died, chunk=1, in_flight=2 * workers, writes=False):
            yield done
        return
    if cluster != "dask":
        raise QuotesError(f"--cluster {cluster}: not a cluster (local or dask)")
    yield from _on_dask(work, todo, workers, scheduler)


def _each(work, partitions: list[Partition]) -> list:
    return [work(partition) for partition in partitions]


def _on_dask(work, todo: list[Partition], workers: int, scheduler: str | None) -> Iterator[tuple[str, int, list[str]]]:
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as e:
        raise QuotesError("--cluster dask needs Dask: pip install 'quotes[dask]'") from e
    cluster = None if scheduler else LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True, dashboard_address=None)
    with Client(scheduler or cluster) as client:
        # retries: a task whose worker died runs again; its shard is written whole or not at all
        futures = client.map(work, todo, pure=False, retries=2)
        for future in as_completed(futures):
            yield future.result()
    if cluster is not None:
        cluster.close()
