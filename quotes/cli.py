"""The `quotes` command line: each command parses its options, calls one function and reports."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from . import __version__
from .errors import QuotesError

app = typer.Typer(
    help="Find every direct quotation in news articles, with who said it, and index them in SQLite.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

DatabaseOption = Annotated[Path, typer.Option("--db", help="SQLite database file.")]


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


def _fail(error: QuotesError) -> None:
    typer.echo(f"Error: {error}", err=True)
    raise typer.Exit(1)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (searched recursively for .txt and .md).")],
    db: DatabaseOption = Path("quotes.db"),
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar, no warnings.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Stop at the first file that fails.")] = False,
) -> None:
    """Extract the quotes of every article under PATHS into the database.

    Re-running is safe: unchanged articles are skipped, changed ones replaced.

    Example: quotes ingest data/samples --db quotes.db
    """
    from .pipeline import ingest as run_ingest
    from .read import find_sources
    from .store import open_database

    try:
        database = open_database(db)
    except QuotesError as e:
        _fail(e)
    sources = list(find_sources(paths))
    show_progress = not quiet and sys.stderr.isatty()

    def warn(path: str, message: str) -> None:
        if not quiet:
            typer.echo(f"Warning: {message}", err=True)

    try:
        with typer.progressbar(length=len(sources), label="Ingesting", file=sys.stderr, hidden=not show_progress) as bar:
            summary = run_ingest(database, sources, on_error=warn, on_file=lambda path: bar.update(1), strict=strict)
    except QuotesError as e:
        _fail(e)
    typer.echo(summary.line(), err=True)
    for path, message in summary.failed:
        typer.echo(f"  failed: {message}", err=True)


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="Article files or folders.")],
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One JSON object per quote instead of a table.")] = False,
) -> None:
    """Print the quotes of FILES without storing them.

    Example: quotes extract data/samples/council-vote.txt --jsonl
    """
    from .output import quote_json, quote_table
    from .pipeline import process_article
    from .read import find_sources, read_article

    failed = False
    rows = []
    for path in find_sources(files):
        try:
            result = process_article(read_article(path))
        except QuotesError as e:
            typer.echo(f"Warning: {e}", err=True)
            failed = True
            continue
        for quote in result.quotes:
            row = quote_json(str(path), quote)
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
        _fail(e)


@app.command(name="eval")
def evaluate_command(
    gold: Annotated[Path, typer.Argument(help="Gold quotes, JSON Lines (PolNeAR's gold.jsonl format).")],
    docs: Annotated[Path, typer.Option("--docs", help="Folder with the articles the gold file refers to.")],
    errors: Annotated[int, typer.Option("--errors", help="Show this many errors of each class, with context.")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as one JSON object.")] = False,
    kinds: Annotated[str | None, typer.Option("--kinds", help="Only gold quotes of these kinds count, e.g. direct.")] = None,
) -> None:
    """Extract quotes from the articles in DOCS and score them against GOLD.

    Example: quotes eval gold.jsonl --docs articles/ --errors 5
    """
    from .evaluate import evaluate, load_jsonl, print_errors
    from .output import quote_json
    from .pipeline import process_article
    from .read import find_sources, read_article

    try:
        gold_rows = load_jsonl(gold)
        texts, predictions = {}, []
        for path in find_sources([docs], suffixes=(".txt",)):
            result = process_article(read_article(path))
            texts[path.name] = result.article.text
            predictions += [quote_json(str(path), quote) for quote in result.quotes]
        missing = sorted({g["doc"] for g in gold_rows} - set(texts))
        if missing:
            raise QuotesError(f"{docs}: {len(missing)} gold documents are not there, e.g. {missing[0]}")
        evaluation = evaluate(gold_rows, predictions, texts, set(kinds.split(",")) if kinds else None)
    except QuotesError as e:
        _fail(e)
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
    if errors:
        print_errors(evaluation, texts, errors, typer.echo)
