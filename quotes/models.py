"""Stanza's models: where they are, whether a pipeline can load them, and which engine runs.

The folder is the one Stanza itself uses unless told otherwise, so that a plain
`stanza.download("en")` and `quotes models download` serve both this project and a user's own
`stanza.Pipeline("en")`. Whether the models are there is decided by the files a Pipeline would
load for the package (the processors' models and what they depend on: pretrained vectors,
character language models), as Stanza's own resource functions list them. Nothing here
downloads, except `download_models`.
"""
from __future__ import annotations

import importlib.util
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .errors import ModelsMissing, QuotesError

LANGUAGE = "en"
PARSE_PROCESSORS = ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")
# `default` reads with character language models (better, slower); `default_fast` without them
PACKAGES = ("default", "default_fast")
INSTALL_HINT = "quotes models download"


def models_dir(explicit: str | Path | None = None) -> Path:
    """Where Stanza models are looked for: the option, QUOTES_STANZA_DIR, STANZA_RESOURCES_DIR,
    else Stanza's own default folder."""
    if explicit:
        return Path(explicit)
    for variable in ("QUOTES_STANZA_DIR", "STANZA_RESOURCES_DIR"):
        if os.environ.get(variable):
            return Path(os.environ[variable])
    return stanza_default_dir()


def stanza_default_dir() -> Path:
    """`stanza.resources.common.DEFAULT_MODEL_DIR`, found without importing Stanza (and torch),
    which would cost every command two seconds: the user cache folder for Stanza's resources
    version, as stanza/resources/common.py makes it (tests/test_models.py holds the two equal)."""
    from platformdirs import user_cache_dir

    spec = importlib.util.find_spec("stanza")
    if spec is None or not spec.submodule_search_locations:
        return Path.home() / "stanza_resources"
    version_file = Path(next(iter(spec.submodule_search_locations))) / "_version.py"
    namespace: dict = {}
    exec(version_file.read_text(encoding="utf-8"), namespace)
    version = os.environ.get("STANZA_RESOURCES_VERSION", namespace["__resources_version__"])
    return Path(user_cache_dir("stanza", "StanfordNLP", version)) / "resources"


def required_files(directory: Path, package: str, processors: tuple[str, ...] = PARSE_PROCESSORS) -> list[Path]:
    """The model files a Pipeline for PACKAGE and PROCESSORS loads from DIRECTORY, as Stanza's
    resource functions list them (its resources.json must be there)."""
    from stanza.resources.common import (
        add_dependencies,
        flatten_processor_list,
        load_resources_json,
        maintain_processor_list,
        process_pipeline_parameters,
    )

    with _quiet_stanza():  # its warnings about a package a folder lacks are ours to put in words
        resources = load_resources_json(str(directory))
        language, _, package_of, wanted = process_pipeline_parameters(LANGUAGE, str(directory), package, ",".join(processors))
        load_list = add_dependencies(resources, language, maintain_processor_list(resources, language, package_of, wanted))
    return [directory / LANGUAGE / processor / f"{name}.pt" for processor, name in flatten_processor_list(load_list)]


@contextmanager
def _quiet_stanza() -> Iterator[None]:
    logger = logging.getLogger("stanza")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        logger.setLevel(level)


@dataclass(frozen=True)
class Models:
    """The Stanza models in a folder: the package complete there, or what is missing."""

    directory: Path
    package: str | None  # the first of PACKAGES with every file present
    missing: tuple[Path, ...] = ()  # for the default package, when none is complete

    @property
    def complete(self) -> bool:
        return self.package is not None

    def why_not(self) -> str:
        if not (self.directory / "resources.json").is_file():
            return f"no Stanza models in {self.directory}"
        shown = ", ".join(str(path.relative_to(self.directory)) for path in self.missing[:3])
        return f"Stanza models in {self.directory} are incomplete (missing {shown}{', …' if len(self.missing) > 3 else ''})"


def find_models(directory: Path) -> Models:
    """Which package a Pipeline can load from DIRECTORY (QUOTES_STANZA_PACKAGE names the only one
    to try); Stanza is imported only when a resources.json is there."""
    if not (directory / "resources.json").is_file():
        return Models(directory, None)
    packages = (os.environ["QUOTES_STANZA_PACKAGE"],) if os.environ.get("QUOTES_STANZA_PACKAGE") else PACKAGES
    first_missing: tuple[Path, ...] = ()
    for package in packages:
        try:
            missing = tuple(path for path in required_files(directory, package) if not path.is_file())
        except (OSError, ValueError, KeyError) as e:  # an unreadable or foreign resources.json
            raise QuotesError(f"{directory}/resources.json: not Stanza's resources file ({e})") from e
        if not missing:
            return Models(directory, package)
        first_missing = first_missing or missing
    return Models(directory, None, first_missing)


def choose_engine(engine: str, models: Models) -> tuple[str, str]:
    """(rules or stanza, why) for ENGINE (auto | stanza | rules); ModelsMissing when Stanza is
    asked for and cannot run."""
    if engine == "rules":
        return "rules", "chosen with --engine"
    if engine not in ("auto", "stanza"):
        raise QuotesError(f"--engine {engine}: not an engine (auto, stanza or rules)")
    if models.complete:
        return "stanza", f"Stanza models ({models.package}) in {models.directory}"
    if engine == "auto":
        return "rules", models.why_not()
    raise ModelsMissing(f"{models.why_not()} (install them: {INSTALL_HINT} --dir {models.directory})")


def download_models(directory: Path, package: str = "default") -> None:
    """Fetch Stanza's English parsing models for PACKAGE into DIRECTORY; QuotesError in one line when offline."""
    import stanza

    try:
        stanza.download(LANGUAGE, model_dir=str(directory), package=package, processors=",".join(PARSE_PROCESSORS), logging_level="WARN")
    except OSError as e:  # requests' ConnectionError is an OSError
        raise QuotesError(f"{directory}: could not download Stanza models ({type(e).__name__}; is this machine offline?)") from e


def describe_models(directory: Path) -> dict:
    """What `quotes models status` shows: the folder, the package found or the files missing,
    and the engine `auto` picks."""
    models = find_models(directory)
    engine, why = choose_engine("auto", models)
    return {
        "directory": str(directory),
        "resources": (directory / "resources.json").is_file(),
        "package": models.package,
        "missing": [str(path) for path in models.missing],
        "auto_engine": engine,
        "why": why,
    }
