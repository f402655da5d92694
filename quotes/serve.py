"""Datasette over the quotes database: read-only, on 127.0.0.1 unless told otherwise."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

import yaml
from datasette.app import Datasette
from datasette.plugins import pm

from . import pages, security, tables
from .errors import QuotesError
from .store import writable

SETTINGS = {
    "suggest_facets": False,  # suggestions count every column: seconds on a large corpus
    "default_facet_size": 20,
    "sql_time_limit_ms": 3000,
    "allow_download": False,
}


def load_metadata(database_name: str) -> dict:
    """The project's metadata.yml, with its database entry named after the served file."""
    text = resources.files("quotes").joinpath("metadata.yml").read_text(encoding="utf-8")
    metadata = yaml.safe_load(text)
    databases = metadata.get("databases", {})
    if databases:
        (settings,) = databases.values()
        metadata["databases"] = {database_name: settings}
    return metadata


def make_datasette(db_path: str | Path) -> Datasette:
    """A Datasette instance for DB_PATH with the project's metadata and settings."""
    path = Path(db_path)
    if not path.exists():
        raise QuotesError(f"{path}: no such database (run `quotes ingest FOLDER --db {path}` first)")
    for plugin, name in ((pages, "quotes-pages"), (tables, "quotes-tables"), (security, "quotes-security")):
        if not pm.has_plugin(name):
            pm.register(plugin, name=name)
    templates = resources.files("quotes").joinpath("templates")
    # A database that cannot be written (a read-only mount or file) is opened immutable: SQLite
    # then needs no lock files beside it, which it could not create there. Not if its write-ahead
    # log holds commits (a writer that crashed), which immutable mode would not read.
    mutable, immutable = ([str(path)], []) if writable(path) or _has_log(path) else ([], [str(path)])
    return Datasette(mutable, immutables=immutable, metadata=load_metadata(path.stem), settings=SETTINGS, template_dir=str(templates))


def _has_log(path: Path) -> bool:
    log = path.with_name(path.name + "-wal")
    return log.exists() and log.stat().st_size > 0


def serve_database(db_path: str | Path, host: str = "127.0.0.1", port: int = 8001) -> None:
    """Serve DB_PATH until interrupted."""
    import asyncio

    import uvicorn

    datasette = make_datasette(db_path)
    asyncio.run(datasette.invoke_startup())
    uvicorn.run(datasette.app(), host=host, port=port, log_level="warning", lifespan="on")
