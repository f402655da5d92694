"""Ingest: every source read, extracted (in worker processes when asked) and stored, with a
summary whose counts add up.

A document is its source (`Article.key`: the resolved file, and a JSON Lines record's id or
line): the same folder reached by another path is the same documents, a re-run skips what has not
changed, a renamed file is moved rather than stored twice, a file whose text another stored
document already has is counted as a duplicate, and `prune` drops what is gone from the folders
read. One bad source is a named, counted failure; a problem with the database itself stops the
run in one line, and nothing stored before is lost.
"""
from __future__ import annotations

import dataclasses
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from sqlite_utils import Database

from .errors import ModelsMissing, QuotesError, SourceError
from .pipeline import result_from_doc
from .engines import Annotator, annotate_rules
from .read import read_source
from .read import Lines, display_name, is_jsonl, read_jsonl, source_key
from .records import Article, Doc, Result
from .store import (
    Touched,
    identify_and_cluster,
    database_problem,
    documents_under,
    keep_statistics,
    move_document,
    refresh,
    remove_documents,
    same_text,
    save_result,
    stored_hash,
)
from .workers import outcomes, time_limit

BATCH_SIZE = 64  # articles per commit
SMALL_INGEST = 32  # below this many files, starting processes costs more than it saves
TIMEOUT = {"rules": 60.0, "conllu": 60.0, "stanza": 1800.0}  # seconds an article may take, by engine
BATCH = {"rules": 4, "conllu": 4, "stanza": 32}  # articles extracted at a time, by engine
# What fails one article alone: a row the database refuses, or rows our linking code cannot make
# (a fault of ours, reported with its article); an error of the whole database stops the run.
ROW_ERRORS = (sqlite3.IntegrityError, sqlite3.InterfaceError, ValueError, OverflowError, LookupError, TypeError)


@dataclass(frozen=True)
class Settings:
    """How every job of an ingest is extracted; picklable, to reach the worker processes."""

    annotate: Annotator = annotate_rules
    input_format: str = "text"
    force: bool = False  # extract unchanged articles again
    timeout: float = TIMEOUT["rules"]
    batch: int = BATCH["rules"]  # articles a process reads and extracts at a time (Stanza annotates them together)

    @classmethod
    def for_engine(cls, engine, input_format: str = "text", force: bool = False, timeout: float | None = None) -> Settings:
        """The settings for ENGINE (`engines.Engine`): its time limit unless TIMEOUT, its batch."""
        return cls(engine.annotate, input_format, force, TIMEOUT[engine.name] if timeout is None else timeout, BATCH[engine.name])


@dataclass(frozen=True)
class Job:
    """One article to extract: its file, named as the user named it, and its stored version."""

    name: str
    source: Path
    key: str
    stored_hash: str | None
    article: Article | None = None  # in hand already: a JSON Lines record


@dataclass(frozen=True)
class Unchanged:
    """The outcome of an article stored with the same text. A type, not a marker object: it is
    compared after crossing from a worker process, where identity does not survive."""


Outcome = Result | Unchanged | QuotesError


def extract_jobs(settings: Settings, jobs: list[Job]) -> list[Outcome]:
    """Each job's outcome: its article read and, unless unchanged, its quotes extracted. The
    articles to extract are annotated in one batch when the annotator can (`many`: Stanza's bulk
    processing); should the batch fail or run past its time, each is tried alone, so that only
    the culprit fails. Errors are returned, not raised: they cross from a worker process."""
    read = [_read(settings, job) for job in jobs]
    fresh = [k for k, item in enumerate(read) if isinstance(item, Article)]
    docs = _annotate_together(settings, [read[k] for k in fresh]) if len(fresh) > 1 and hasattr(settings.annotate, "many") else None
    annotated = dict(zip(fresh, docs)) if docs else {}
    return [_extract(settings, job, item, annotated.get(k)) if isinstance(item, Article) else item for k, (job, item) in enumerate(zip(jobs, read))]


def _read(settings: Settings, job: Job) -> Article | Unchanged | QuotesError:
    try:
        with time_limit(settings.timeout, _too_long(job, settings)):
            article = job.article or read_source(job.source, settings.input_format)
    except Exception as e:  # a bug on one article must not stop the others
        return _as_error(job, e)
    return Unchanged() if article.content_hash == job.stored_hash and not settings.force else article


def _annotate_together(settings: Settings, articles: list[Article]) -> list[Doc] | None:
    try:
        with time_limit(settings.timeout * len(articles), "the batch took too long"):
            return settings.annotate.many(articles)
    except Exception:  # each article is then tried alone, and reports its own error
        return None


def _extract(settings: Settings, job: Job, article: Article, doc: Doc | None) -> Result | QuotesError:
    try:
        with time_limit(settings.timeout, _too_long(job, settings)):
            return result_from_doc(article, doc or settings.annotate(article, job.source))
    except Exception as e:
        return _as_error(job, e)


def _too_long(job: Job, settings: Settings) -> str:
    return f"{job.name}: extraction took longer than {settings.timeout:g} s and was stopped (--timeout allows more)"


def _as_error(job: Job, error: Exception) -> QuotesError:
    return error if isinstance(error, QuotesError) else QuotesError(f"{job.name}: could not be processed ({type(error).__name__}: {error})")


def died(job: Job) -> QuotesError:
    return QuotesError(f"{job.name}: the process extracting it stopped (out of memory, or killed); the other files go on")


@dataclass
class IngestSummary:
    """Counts for the one-line report at the end of an ingest; `read` is their sum."""

    new: int = 0
    changed: int = 0
    unchanged: int = 0
    moved: int = 0  # stored before under a path that is gone
    duplicates: int = 0  # the same text as another stored document
    pruned: int = 0
    quotes: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def read(self) -> int:
        return self.new + self.changed + self.unchanged + self.moved + self.duplicates + len(self.failed)

    def line(self) -> str:
        counts = [f"{self.new} new", f"{self.changed} changed", f"{self.unchanged} unchanged"]
        counts += [f"{n} {what}" for n, what in ((self.moved, "moved"), (self.duplicates, "duplicates")) if n]
        pruned = f"; {self.pruned} pruned" if self.pruned else ""
        return (
            f"{self.read} documents read: {', '.join(counts)}, {len(self.failed)} failed{pruned}; "
            f"{self.quotes} quotes stored in {self.seconds:.1f} s"
        )


def worker_count(requested: int, engine: str, sources: int) -> int:
    """Processes to extract with: as asked, else one per core; one for Stanza (its models are big)
    and for small ingests."""
    if engine == "stanza" or sources < SMALL_INGEST:
        return 1
    return max(1, requested or os.cpu_count() or 1)


def ingest(
    db: Database,
    sources: Iterable[Path],
    settings: Settings = Settings(),
    workers: int = 1,
    on_error: Callable[[str, str], None] = lambda name, message: None,
    on_file: Callable[[str], None] = lambda name: None,
    strict: bool = False,
    prune: list[Path] | None = None,
) -> IngestSummary:
    """Read, extract and store every source; unchanged documents are skipped, unless
    `settings.force` (after an upgrade, so that stored articles get the newer extraction).

    With WORKERS > 1, that many processes share the work. A source that cannot be read or
    processed is reported through ON_ERROR and the ingest goes on (STRICT raises instead). With
    PRUNE, documents read before from files under those paths that this run no longer found are
    removed. A DatabaseProblem stops the run: the batch in hand is rolled back, earlier ones stay.
    """
    run = Run(db, settings, on_error, on_file, strict)
    began = time.perf_counter()
    extracted = outcomes(partial(extract_jobs, settings), run.jobs(sources), workers, died, settings.batch)
    try:
        try:
            for batch in batches(extracted, BATCH_SIZE):
                run.store(batch)
            if prune is not None:
                run.prune(prune)
        except QuotesError:
            identify_and_cluster(db)  # what --strict kept is clustered too
            raise
        identify_and_cluster(db)  # once, for all the batches (and what an interrupted run left)
        keep_statistics(db)
    except sqlite3.DatabaseError as e:
        raise database_problem(run.database, e) from e
    finally:
        extracted.close()  # now, not when the traceback lets go: the workers end with the run
    run.summary.seconds = time.perf_counter() - began
    return run.summary


@dataclass
class Written:
    """What storing a batch did, to report once it is committed: (name, what, failure) per
    article, `what` naming an IngestSummary count or "failed"."""

    outcomes: list[tuple[str, str, str | None]] = field(default_factory=list)
    quotes: int = 0
    touched: Touched = field(default_factory=lambda: Touched(set(), set()))
    stopped: QuotesError | None = None


class Run:
    """One ingest's state: its summary, and the documents it has met (for moves and pruning)."""

    def __init__(self, db: Database, settings: Settings, on_error, on_file, strict: bool) -> None:
        self.db, self.settings, self.on_error, self.on_file, self.strict = db, settings, on_error, on_file, strict
        self.database = db.execute("pragma database_list").fetchone()[2] or "the database"
        self.summary = IngestSummary()
        self.seen: set[str] = set()  # document keys met in this run, failed ones included
        self.unread: set[str] = set()  # files not read whole: none of their documents is pruned

    def fail(self, name: str, message: str) -> None:
        self.on_file(name)
        if self.strict:
            raise QuotesError(message)
        self.summary.failed.append((name, message))
        self.on_error(name, message)

    def jobs(self, paths: Iterable[Path]) -> Iterator[Job]:
        """The jobs of PATHS with their stored versions. A source that could not be read whole (a
        bad line: which stored record it was cannot be told) keeps its documents from being pruned."""
        for path in paths:
            name = display_name(path)
            try:
                for job in source_jobs(path, self.settings.input_format):
                    if isinstance(job, QuotesError):
                        if not isinstance(job, RepeatedId):
                            self.unread.add(source_key(path))
                        self.fail(name, str(job))
                    else:
                        self.seen.add(job.key)
                        yield dataclasses.replace(job, stored_hash=stored_hash(self.db, job.key))
            except SourceError as e:
                self.unread.add(source_key(path))
                self.fail(name, str(e))

    def store(self, batch: list[tuple[Job, Outcome]], also: Callable[[], object] = lambda: None) -> None:
        """Store a batch in one commit, with the speakers' counts and the clusters it touched
        brought up to date; a crash loses whole batches, never half an article.

        The batch is written as a whole; should the database refuse an article's rows, it is
        written again with each article in a savepoint of its own, so that the refused article
        alone fails. (A savepoint per article every time costs a fifth of the writer's time:
        SQLite copies each page an article touches into a statement journal.) What was stored is
        reported once it is committed. ALSO runs in the same commit."""
        try:
            with self.db.atomic():
                written = self._write(batch, each_alone=False)
                also()
        except ROW_ERRORS:
            with self.db.atomic():
                written = self._write(batch, each_alone=True)
                also()
        self._report(written)

    def _write(self, batch: list[tuple[Job, Outcome]], each_alone: bool) -> Written:
        written = Written()
        for job, outcome in batch:
            if isinstance(outcome, ModelsMissing):
                written.stopped = outcome  # the engine cannot run: every article would fail alike
                break
            if isinstance(outcome, Unchanged):
                what, message = "unchanged", None
            elif isinstance(outcome, QuotesError):
                what, message = "failed", str(outcome)
            else:
                what, message = self._store_result(job, outcome, written, each_alone)
            written.outcomes.append((job.name, what, message))
            if what == "failed" and self.strict:
                break  # --strict: what came before is kept
        refresh(self.db, written.touched)
        return written

    def _store_result(self, job: Job, result: Result, written: Written, each_alone: bool) -> tuple[str, str | None]:
        """Store RESULT (or move its document, or see it is a copy): what happened, and why it failed."""
        if job.stored_hash is None and (same := same_text(self.db, result.article)):
            # The same text stored under another key: a file moved since (its old path is gone,
            # and nothing in this run was read from it), or a second copy.
            gone = [key for key, path in same if key not in self.seen and not os.path.exists(path)]
            if gone:
                move_document(self.db, gone[0], result.article)
                return "moved", None
            return "duplicates", None
        try:
            saved = save_result(self.db, result, savepoint=each_alone)
        except ROW_ERRORS as e:  # one article's rows, refused or not linked, must not stop the others
            if not each_alone:
                raise
            return "failed", f"{job.name}: could not be stored ({type(e).__name__}: {e})"
        written.touched.speakers.update(saved.speakers)
        written.touched.clusters.update(saved.clusters)
        written.quotes += len(result.quotes)
        return ("new" if job.stored_hash is None else "changed"), None

    def _report(self, written: Written) -> None:
        for name, what, message in written.outcomes:
            if what == "failed":
                self.fail(name, message)  # raises with --strict
            else:
                self.on_file(name)
                setattr(self.summary, what, getattr(self.summary, what) + 1)
        self.summary.quotes += written.quotes
        if written.stopped:
            raise written.stopped

    def prune(self, paths: list[Path]) -> None:
        """Remove the documents read before from files under PATHS that this run did not meet. A
        path that does not exist prunes nothing: an unmounted disk is not an empty folder."""
        gone = sorted(
            {
                key
                for scope in {source_key(path) for path in paths if os.path.exists(path)}
                for key, source in documents_under(self.db, scope)
                if key not in self.seen and source not in self.unread
            }
        )
        with self.db.atomic():
            refresh(self.db, remove_documents(self.db, gone))
        self.summary.pruned = len(gone)


class RepeatedId(SourceError):
    """A JSON Lines record whose id an earlier line of the file gave: skipped."""


def repeated_id(name: str, line: int, record_id: str, first_line: int) -> RepeatedId:
    """The error for line LINE of the JSON Lines file NAME, whose id line FIRST_LINE gave before."""
    return RepeatedId(f"{name}:{line}: id {record_id!r} is the id of line {first_line} too; skipped")


def source_jobs(path: Path, input_format: str, lines: Lines | None = None) -> Iterator[Job | QuotesError]:
    """The jobs one source file stands for, nothing stored to compare with yet: the file itself,
    or the records of a JSON Lines file (or of its LINES; read here), a bad one as its error.
    SourceError when a JSON Lines file cannot be read at all."""
    if input_format == "text" and is_jsonl(path):
        first_line: dict[str, int] = {}
        for record in read_jsonl(path, lines):
            if isinstance(record, SourceError):
                yield record
            elif record.key in first_line:
                yield repeated_id(display_name(path), record.line, record.record_id, first_line[record.key])
            else:
                first_line[record.key] = record.line
                yield Job(record.path, path, record.key, None, record)
        return
    try:
        yield Job(display_name(path), path, _article_key(path, input_format), None)
    except QuotesError as e:
        yield e


def _article_key(path: Path, input_format: str) -> str:
    """The key of the document PATH stands for, without reading it: the file itself, or for a
    CoNLL-U parse the text beside it."""
    if input_format == "conllu":
        from .annotate_stanza import text_for_conllu

        path = text_for_conllu(path)
    return source_key(path)


def batches(items, size: int):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
