"""The `quotes models` and `quotes speakers` commands: Stanza's models, and speaker curation."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .cli_common import DatabaseOption, ModelsOption, fail
from .errors import QuotesError

models_app = typer.Typer(help="Install and inspect the Stanza models the `stanza` engine uses.", no_args_is_help=True)
speakers_app = typer.Typer(
    help="Curate speakers: merges, splits and renames are kept and applied on every later ingest.", no_args_is_help=True
)


@models_app.command("status")
def models_status(models: ModelsOption = None) -> None:
    """Show where Stanza models are looked for, whether a pipeline can load them, and which engine `auto` picks.

    Example: quotes models status
    """
    from .models import describe_models, models_dir

    try:
        status = describe_models(models_dir(models))
    except QuotesError as e:
        fail(e)
    typer.echo(f"Stanza models folder: {status['directory']}" + ("" if status["resources"] else " (no resources.json)"))
    if status["package"]:
        typer.echo(f"  complete for the {status['package']} package")
    for path in status["missing"]:
        typer.echo(f"  missing {path}")
    typer.echo(f"--engine auto would use: {status['auto_engine']} ({status['why']})")


@models_app.command("download")
def models_download(
    directory: Annotated[Path | None, typer.Option("--dir", help="Where to put the models (default as for --models: Stanza's own folder).")] = None,
    package: Annotated[
        str, typer.Option("--package", help="default (with character language models: better, slower) or default_fast (without: several times faster on a CPU).")
    ] = "default",
) -> None:
    """Download Stanza's English tokenize, mwt, pos, lemma, depparse and ner models.

    Example: quotes models download --package default_fast
    """
    from .models import PARSE_PROCESSORS, download_models, models_dir

    target = models_dir(directory)
    typer.echo(f"Downloading Stanza's English {', '.join(PARSE_PROCESSORS)} models ({package}) into {target}", err=True)
    try:
        download_models(target, package)
    except QuotesError as e:
        fail(e)
    typer.echo(f"Done: `quotes ingest` now uses the stanza engine{'' if directory is None else f' with --models {target}'}", err=True)


def _curate(db: Path, action, *names) -> None:
    from .store import open_database, writer_lock

    if not db.exists():
        fail(QuotesError(f"{db}: no such database"))
    try:
        with writer_lock(db):
            action(open_database(db), *names)
    except QuotesError as e:
        fail(e)


@speakers_app.command("merge")
def speakers_merge(
    source: Annotated[str, typer.Argument(help="The speaker (name or alias) to fold in.")],
    target: Annotated[str, typer.Argument(help="The speaker it is the same person as.")],
    db: DatabaseOption = Path("quotes.db"),
) -> None:
    """Make SOURCE the same speaker as TARGET.

    Example: quotes speakers merge "Sergey Lavrov" "Sergei Lavrov" --db quotes.db
    """
    from .curation import merge_speakers

    _curate(db, merge_speakers, source, target)
    typer.echo(f"Merged {source} into {target}", err=True)


@speakers_app.command("split")
def speakers_split(
    alias: Annotated[str, typer.Argument(help="A name that belongs to another person than the speaker it was merged into.")],
    db: DatabaseOption = Path("quotes.db"),
) -> None:
    """Give the quotes written with ALIAS a speaker of their own, and never merge that name again.

    Example: quotes speakers split "Bill Clinton" --db quotes.db
    """
    from .curation import split_speaker

    _curate(db, split_speaker, alias)
    typer.echo(f"Split {alias} into a speaker of its own", err=True)


@speakers_app.command("rename")
def speakers_rename(
    old: Annotated[str, typer.Argument(help="The speaker's current name.")],
    new: Annotated[str, typer.Argument(help="The name to show.")],
    db: DatabaseOption = Path("quotes.db"),
) -> None:
    """Show a speaker under another name.

    Example: quotes speakers rename "Mistura" "Staffan de Mistura" --db quotes.db
    """
    from .curation import rename_speaker

    _curate(db, rename_speaker, old, new)
    typer.echo(f"Renamed {old} to {new}", err=True)
