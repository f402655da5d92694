"""What the command line's modules share: the options they spell alike, and the one-line failure."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .errors import QuotesError

DatabaseOption = Annotated[Path, typer.Option("--db", help="SQLite database file.")]
EngineOption = Annotated[
    str,
    typer.Option(
        "--engine",
        help="auto: Stanza when a pipeline can load all its models, else rules (saying why); stanza; rules (no models).",
    ),
]
ModelsOption = Annotated[
    Path | None,
    typer.Option("--models", help="Stanza models folder (default: $QUOTES_STANZA_DIR, $STANZA_RESOURCES_DIR, else Stanza's own default folder)."),
]
DeviceOption = Annotated[str | None, typer.Option("--device", help="Where Stanza runs: cpu, cuda or cuda:N (default: a GPU if there is one).")]
ThreadsOption = Annotated[int, typer.Option("--threads", help="CPU threads for Stanza (default: the cores this process may use).")]
FormatOption = Annotated[
    str, typer.Option("--format", help="text: .txt, .md, .html and .jsonl articles; conllu: NAME.conllu parses with NAME.txt beside or in ../docs/.")
]


def fail(error: QuotesError) -> None:
    typer.echo(f"Error: {error}", err=True)
    raise typer.Exit(1)
