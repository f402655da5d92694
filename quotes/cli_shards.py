"""`quotes extract --out` and `quotes load`: extraction in shards (on this machine, a Dask
cluster, or one job of many), then one database from them."""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Annotated

import typer

from .cli_common import DatabaseOption, fail
from .errors import QuotesError

ClusterOption = Annotated[str, typer.Option("--cluster", help="With --out: local (worker processes here) or dask (a Dask cluster).")]
SchedulerOption = Annotated[str | None, typer.Option("--scheduler", help="With --cluster dask: the scheduler's address (default: a local cluster of --workers processes).")]
PartitionOption = Annotated[int, typer.Option("--partition-size", help="With --out: articles per shard (files, or lines of a JSON Lines file).")]
ShardOption = Annotated[str | None, typer.Option("--shard", help="With --out: run only job K of N (K from 0), e.g. $SLURM_ARRAY_TASK_ID/16.")]


def parse_shard(value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    match = re.fullmatch(r"(\d+)/(\d+)", value.strip())
    if not match or not 0 <= int(match[1]) < int(match[2]):
        raise QuotesError(f"--shard {value}: write K/N with 0 <= K < N, e.g. 0/4")
    return int(match[1]), int(match[2])


def extract_to_shards(sources: list[Path], chosen, input_format: str, out: Path, cluster: str, workers: int,
                      scheduler: str | None, partition_size: int, shard: str | None) -> None:
    """The shards of SOURCES in OUT; one line per shard done, one per failure, a summary."""
    from .ingest import Settings
    from .shards import extract_all, my_share, partitions

    todo = my_share(partitions(sources, max(1, partition_size), input_format), parse_shard(shard))
    settings = Settings.for_engine(chosen, input_format)
    options = f"{chosen.name}:{input_format}:{getattr(chosen.annotate, 'settings', '')}"
    made = skipped = articles = 0
    failures: list[str] = []
    for name, count, failed in extract_all(settings, options, out, todo, cluster, workers or os.cpu_count() or 1, scheduler):
        made += count >= 0 and bool(name)
        skipped += count < 0
        articles += max(count, 0)
        failures += failed
        for message in failed:
            typer.echo(f"Warning: {message}", err=True)
    typer.echo(f"{len(todo)} shards in {out}: {made} written ({articles} articles), {skipped} there already; {len(failures)} failed", err=True)
    if failures:
        raise typer.Exit(1)


def load(
    folder: Annotated[Path, typer.Argument(help="The folder of shards `quotes extract --out` wrote.")],
    db: DatabaseOption = Path("quotes.db"),
) -> None:
    """Store the shards of FOLDER in the database, as `ingest` would have stored their articles:
    shards loaded before are skipped, so loading again changes nothing.

    Example: quotes load shards/ --db quotes.db
    """
    from .shards import load_shards
    from .store import open_database, writer_lock

    if not folder.is_dir():
        fail(QuotesError(f"{folder}: no such folder of shards"))
    try:
        with writer_lock(db):
            database = open_database(db)
            summary = load_shards(database, folder)
            database.close()
    except QuotesError as e:
        fail(e)
    typer.echo(summary.line(), err=True)
    for _, message in summary.failed:
        typer.echo(f"  failed: {message}", err=True)
    if summary.failed:
        raise typer.Exit(1)


