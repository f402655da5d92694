"""The `quotes` command line: each command parses its options, calls one function and reports."""
from __future__ import annotations

import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from . import __version__
from .cli_admin import models_app, speakers_app
from .cli_common import DatabaseOption, DeviceOption, EngineOption, FormatOption, ModelsOption, ThreadsOption, fail
from .cli_shards import ClusterOption, PartitionOption, SchedulerOption, ShardOption, extract_to_shards, load
from .errors import QuotesError

app = typer.Typer(
    help="Find every direct quotation in news articles, with who said it, and index them in SQLite.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.command(name="load")(load)
app.add_typer(models_app, name="models")
app.add_typer(speakers_app, name="speakers")

def _version(value: bool) -> None:
    if value:
        typer.echo(f"quotes {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Find every direct quotation in news articles, with who said it, and index them in SQLite."""
    from .workers import collect_cycles_rarely

    collect_cycles_rarely()  # every command works through many articles; its workers inherit this


def _articles(paths, input_format: str):
    """(source path, article or error) for every article in PATHS."""
    from .read import read_sources

    for path in paths:
        for article in read_sources(path, input_format):
            yield path, article


def _annotator(engine: str, input_format: str, models: Path | None, quiet: bool = False, device: str | None = None, threads: int = 0):
    """The engine for the options, after saying in one line which engine runs and why."""
    from .engines import make_annotator

    chosen = make_annotator(engine, input_format, models, device, threads)
    if not quiet:
        typer.echo(f"Engine: {chosen.name} ({chosen.why})", err=True)
    return chosen


def _note_other_engines(database, engine: str, force: bool, quiet: bool) -> None:
    """Say when stored articles were extracted by another engine: unchanged, they keep it."""
    if quiet or force:
        return
    others = database.execute("select engine, count(*) from documents where engine != ? group by engine", [engine]).fetchall()
    for other, count in others:
        typer.echo(f"Note: {count} stored articles were extracted with {other}; unchanged ones keep it (--force extracts them again with {engine})", err=True)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (searched recursively).")],
    db: DatabaseOption = Path("quotes.db"),
    engine: EngineOption = "auto",
    models: ModelsOption = None,
    input_format: FormatOption = "text",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar, engine line or warnings.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Stop at the first file that fails.")] = False,
    workers: Annotated[int, typer.Option("--workers", help="Processes in all, the writing one included (default: one per core; Stanza uses one).")] = 0,
    force: Annotated[bool, typer.Option("--force", help="Extract unchanged articles again too (after upgrading quotes).")] = False,
    prune: Annotated[bool, typer.Option("--prune", help="Remove stored articles whose file (or JSON Lines record) under PATHS is gone.")] = False,
    timeout: Annotated[
        float | None, typer.Option("--timeout", help="Seconds one article may take before it is stopped and counted failed (default: 60 for rules, 1800 for Stanza; 0: no limit).")
    ] = None,
    device: DeviceOption = None,
    threads: ThreadsOption = 0,
) -> None:
    """Extract the quotes of every article under PATHS into the database.

    Re-running is safe: unchanged articles are skipped, changed ones replaced, and an article is
    the same whatever path reaches it. After upgrading quotes, --force extracts every article
    again with the newer rules. The exit status is 1 when any file failed.

    Example: quotes ingest data/samples --db quotes.db --prune
    """
    from .ingest import Settings, worker_count
    from .ingest import ingest as run_ingest
    from .read import source_files
    from .read import display_name
    from .store import open_database, writer_lock

    stop_on_sigterm()
    try:
        with writer_lock(db):
            database = open_database(db)
            chosen = _annotator(engine, input_format, models, quiet, device, threads)
            _note_other_engines(database, chosen.name, force, quiet)
            sources = source_files(paths, input_format)
            show_progress = not quiet and sys.stderr.isatty()

            def warn(name: str, message: str) -> None:
                if not quiet:
                    typer.echo(f"Warning: {message}", err=True)

            settings = Settings.for_engine(chosen, input_format, force, timeout)
            with typer.progressbar(length=len(sources), label="Ingesting", file=sys.stderr, hidden=not show_progress) as bar:
                summary = run_ingest(
                    database, sources, settings, worker_count(workers, chosen.name, len(sources)),
                    on_error=warn, on_file=lambda name: bar.update(1), strict=strict, prune=list(paths) if prune else None,
                )
            database.close()  # the last connection folds the write-ahead log into the file
    except QuotesError as e:
        fail(e)
    except KeyboardInterrupt:
        typer.echo(f"Stopped: the articles stored before are kept in {display_name(db)}; the same command goes on from there.", err=True)
        raise typer.Exit(130) from None
    typer.echo(summary.line(), err=True)
    for _, message in summary.failed:
        typer.echo(f"  failed: {message}", err=True)
    if summary.failed:
        raise typer.Exit(1)


def stop_on_sigterm() -> None:
    """SIGTERM stops an ingest as Ctrl-C does: the batch in hand rolled back, the workers ended."""
    import signal

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)


@app.command()
def check(db: DatabaseOption = Path("quotes.db")) -> None:
    """Check that the database is whole: SQLite's integrity check, the full-text index in step
    with the quotes, each document once, nothing orphaned, every count equal to the rows counted.
    Read-only; the exit status is 1 when anything is wrong.

    Example: quotes check --db quotes.db
    """
    import sqlite3

    from sqlite_utils import Database

    from .check import check_database, describe
    from .migrations import migrations
    from .store import database_problem, writable

    if not db.is_file():
        fail(QuotesError(f"{db}: no such database"))
    try:
        database = Database(sqlite3.connect(f"file:{db.resolve()}?mode={'rw' if writable(db) else 'ro'}", uri=True, isolation_level=None))
        if migrations.pending(database):
            fail(QuotesError(f"{db}: made by an older quotes; an ingest (or `quotes speakers`) upgrades it, then check it"))
        problems = check_database(database)
        summary = describe(database)
    except sqlite3.DatabaseError as e:
        fail(database_problem(db, e))
    for problem in problems:
        typer.echo(f"{db}: {problem}")
    if problems:
        raise typer.Exit(1)
    typer.echo(f"{db}: ok ({summary})")


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="Article files or folders.")],
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One JSON object per quote instead of a table.")] = False,
    engine: EngineOption = "auto",
    models: ModelsOption = None,
    input_format: FormatOption = "text",
    device: DeviceOption = None,
    threads: ThreadsOption = 0,
    out: Annotated[Path | None, typer.Option("--out", help="Write shards for `quotes load` here instead of printing quotes.")] = None,
    cluster: ClusterOption = "local",
    scheduler: SchedulerOption = None,
    workers: Annotated[int, typer.Option("--workers", help="With --out: worker processes (default: one per core).")] = 0,
    partition_size: PartitionOption = 500,
    shard: ShardOption = None,
) -> None:
    """Print the quotes of FILES without storing them, or with --out write them as shards that
    `quotes load` merges into a database (on this machine, a Dask cluster, or one job of many).

    Example: quotes extract data/samples/council-vote.txt --jsonl
    Example: quotes extract ~/news --out shards/ --cluster dask --scheduler tcp://head:8786
    """
    from .output import quote_json, quote_table
    from .pipeline import process_article
    from .read import source_files

    failed = False
    rows = []
    try:
        if out is not None and threads == 0 and workers:  # each worker's torch keeps to its share of the cores
            threads = max(1, (os.cpu_count() or 1) // workers)
        chosen = _annotator(engine, input_format, models, jsonl, device, threads)
        annotate = chosen.annotate
        if out is not None:
            return extract_to_shards(source_files(files, input_format), chosen, input_format, out, cluster, workers, scheduler, partition_size, shard)
    except QuotesError as e:
        fail(e)
    for path, article in _articles(source_files(files, input_format), input_format):
        if isinstance(article, QuotesError):
            typer.echo(f"Warning: {article}", err=True)
            failed = True
            continue
        try:
            result = process_article(article, annotate, path)
        except QuotesError as e:  # the models cannot run: the next article would fail alike
            fail(e)
        for quote in result.quotes:
            row = quote_json(result.article.path, quote)
            if jsonl:
                typer.echo(json.dumps(row, ensure_ascii=False))
            else:
                rows.append(row)
    if not jsonl:
        quote_table(rows)
    if failed:
        raise typer.Exit(1)


@app.command()
def serve(
    db: DatabaseOption = Path("quotes.db"),
    host: Annotated[str, typer.Option(help="Address to bind; 127.0.0.1 keeps it to this machine.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8001,
) -> None:
    """Browse the database in Datasette, with the project's facets, search and queries (read-only).

    Example: quotes serve --db quotes.db --port 8001
    """
    from .serve import serve_database

    try:
        serve_database(db, host=host, port=port)
    except QuotesError as e:
        fail(e)


class ErrorGrouping(str, Enum):
    rule = "rule"
    kind = "class"


@app.command(name="eval")
def evaluate_command(
    gold: Annotated[Path, typer.Argument(help="Gold quotes, JSON Lines (PolNeAR's gold.jsonl format).")],
    docs: Annotated[Path, typer.Option("--docs", help="Folder with the articles (or CoNLL-U parses) the gold file refers to.")],
    errors: Annotated[int, typer.Option("--errors", help="Show this many errors of each rule (or class), with context.")] = 0,
    group: Annotated[
        ErrorGrouping, typer.Option("--group", help="Group --errors by the rule that answered, or by the kind of error.")
    ] = ErrorGrouping.rule,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as one JSON object.")] = False,
    kinds: Annotated[str | None, typer.Option("--kinds", help="Only gold quotes of these kinds count, e.g. direct.")] = None,
    calibrate: Annotated[
        Path | None, typer.Option("--calibrate", help="Write the calibration table (right attributions per sieve and kind) here.")
    ] = None,
    engine: EngineOption = "auto",
    models: ModelsOption = None,
    input_format: FormatOption = "text",
) -> None:
    """Extract quotes from the articles in DOCS and score them against GOLD.

    Example: quotes eval gold.jsonl --docs articles/ --errors 5

    With --calibrate, the counts behind `confidence` are written for these annotations: the
    table quotes ships (quotes/data/confidence.tsv) was written this way from PolNeAR train.
    """
    from .evaluate import evaluate, in_source, load_jsonl, print_errors
    from .output import quote_json
    from .pipeline import process_article
    from .read import source_files
    from .repair import source_text

    try:
        annotate = _annotator(engine, input_format, models, as_json).annotate
        gold_rows = load_jsonl(gold)
        texts, predictions = {}, []
        for path, article in _articles(source_files([docs], input_format), input_format):
            if isinstance(article, QuotesError):
                raise article
            if input_format == "text" and path.suffix != ".txt":
                continue
            result = process_article(article, annotate, path)
            name = Path(result.article.path).name
            texts[name] = source_text(article.text, article.repairs)  # the gold's offsets are the file's
            predictions += [in_source(quote_json(name, quote), article.repairs) for quote in result.quotes]
        missing = sorted({g["doc"] for g in gold_rows} - set(texts))
        if missing and len(missing) == len({g["doc"] for g in gold_rows}):
            raise QuotesError(f"{docs}: none of the gold documents is there, e.g. {missing[0]}")
        if missing:
            typer.echo(f"Warning: {docs}: {len(missing)} gold documents are not there and are left out, e.g. {missing[0]}", err=True)
            gold_rows = [g for g in gold_rows if g["doc"] in texts]
        evaluation = evaluate(gold_rows, predictions, texts, set(kinds.split(",")) if kinds else None)
    except QuotesError as e:
        fail(e)
    if calibrate:
        from .confidence import write_table

        cells = {cell: (tally.n, tally.right) for cell, tally in evaluation.by_cell.items()}
        write_table(calibrate, cells, "/".join(gold.parts[-3:]))
    report = evaluation.report()
    if as_json:
        typer.echo(json.dumps(report))
    else:
        for key, value in evaluation.figures().items():
            typer.echo(f"{key:20s} {value}")
        for section in ("by_sieve", "by_speaker_type", "calibration"):
            typer.echo(f"\n{section}")
            for name, row in report[section].items():
                typer.echo(f"  {name:30s} " + "  ".join(f"{k}={v}" for k, v in row.items()))
        typer.echo("\nerrors " + ", ".join(f"{k}: {v}" for k, v in report["errors"].items()))
        typer.echo("\nerrors by rule")
        for rule, classes in report["errors_by_rule"].items():
            typer.echo(f"  {rule:30s} " + ", ".join(f"{k}: {v}" for k, v in classes.items()))
    if errors:
        print_errors(evaluation, texts, errors, typer.echo, group.value)
