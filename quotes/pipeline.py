"""The one place the stages are put in order: read → annotate → detect → attribute (and resolve
within the article) → situate → store (which links speakers and quotes across articles)."""
from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from sqlite_utils import Database

from .annotate import annotate_text
from .attribute import attribute_quotes
from .detect import detect_quotes
from .errors import QuotesError
from .read import TEXT_SUFFIXES, find_sources, read_article, read_jsonl
from .records import Article, Doc, Quote, Result
from .situate import situate_quotes
from .store import Touched, refresh, save_result, stored_hash

Annotator = Callable[[Article, Path], Doc]
Job = tuple[Path, str, str | None, Annotator, Article | None, bool]  # path, format, stored hash, annotator, article in hand, re-extract
Outcome = Result | str | Exception  # the result, UNCHANGED, or the error to report
FORMATS = ("text", "conllu")


def extract_quotes(text: str, published: str | None = None) -> list[Quote]:
    """The attributed quotes in TEXT, with the model-free engine; PUBLISHED (ISO) resolves "on Monday"."""
    return quotes_from_doc(annotate_text(text), published)


def quotes_from_doc(doc: Doc, published: str | None = None, dateline: str | None = None) -> list[Quote]:
    """Detect and attribute the quotes of an annotated doc, and situate them in place and time."""
    return situate_quotes(doc, attribute_quotes(doc, detect_quotes(doc)), published, dateline)


def annotate_rules(article: Article, source: Path) -> Doc:
    return annotate_text(article.text)


def annotate_conllu(article: Article, source: Path) -> Doc:
    from .annotate_stanza import read_conllu

    return read_conllu(source.read_text(encoding="utf-8"), article.text, str(source))


def make_annotator(engine: str = "rules", input_format: str = "text", models: Path | None = None) -> tuple[str, Annotator]:
    """(engine name, annotator) for the options: CoNLL-U parses, Stanza models, or the model-free rules."""
    from .annotate_stanza import choose_engine, models_dir

    if input_format == "conllu":
        return "conllu", annotate_conllu
    if input_format != "text":
        raise QuotesError(f"--format {input_format}: not a format ({', '.join(FORMATS)})")
    directory = models_dir(models)
    if choose_engine(engine, directory) == "rules":
        return "rules", annotate_rules
    from .annotate_stanza import annotate_with_stanza, load_pipeline

    pipeline = load_pipeline(str(directory))
    return "stanza", lambda article, source: annotate_with_stanza(article.text, pipeline)


def source_files(paths: Iterable[str | Path], input_format: str = "text") -> list[Path]:
    return list(find_sources(paths, (".conllu",) if input_format == "conllu" else TEXT_SUFFIXES))


def read_source(path: Path, input_format: str = "text") -> Article:
    """The article a source file stands for: the file itself, or the text beside a CoNLL-U parse."""
    if input_format == "conllu":
        from .annotate_stanza import text_for_conllu

        return read_article(text_for_conllu(path))
    return read_article(path)


def read_sources(path: Path, input_format: str = "text") -> Iterator[Article | QuotesError]:
    """Every article in one source file (a JSON Lines file holds many); errors are yielded, not raised."""
    if input_format == "text" and path.suffix.lower() == ".jsonl":
        try:
            yield from read_jsonl(path)
        except QuotesError as e:
            yield e
        return
    try:
        yield read_source(path, input_format)
    except QuotesError as e:
        yield e


def process_article(article: Article, annotate: Annotator = annotate_rules, source: Path | None = None) -> Result:
    doc = annotate(article, source or Path(article.path))
    return Result(article, quotes_from_doc(doc, article.published, article.dateline), doc.engine)


@dataclass
class IngestSummary:
    """Counts for the one-line report at the end of an ingest."""

    read: int = 0
    new: int = 0
    changed: int = 0
    skipped: int = 0
    quotes: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    def line(self) -> str:
        return (
            f"{self.read} documents read: {self.new} new, {self.changed} changed, {self.skipped} unchanged, "
            f"{len(self.failed)} failed; {self.quotes} quotes stored in {self.seconds:.1f} s"
        )


def ingest(
    db: Database,
    sources: Iterable[Path],
    annotate: Annotator = annotate_rules,
    input_format: str = "text",
    workers: int = 1,
    on_error: Callable[[str, str], None] = lambda path, message: None,
    on_file: Callable[[str], None] = lambda path: None,
    strict: bool = False,
    force: bool = False,
) -> IngestSummary:
    """Read, extract and store every source; unchanged documents are skipped, unless FORCE (after
    an upgrade, so that stored articles get the newer extraction).

    With WORKERS > 1, that many processes share the work (see `_outcomes`). A file that cannot be
    read or processed is reported through ON_ERROR and the ingest goes on (STRICT re-raises instead).
    """
    summary = IngestSummary()
    began = time.perf_counter()

    def fail(path: Path, error: Exception) -> None:
        if strict:
            raise error
        message = str(error) if isinstance(error, QuotesError) else f"{path}: could not be processed ({type(error).__name__}: {error})"
        summary.failed.append((str(path), message))
        on_error(str(path), message)

    def jobs_for(paths: Iterable[Path]):
        """(path, format, stored hash, annotator, article or None, force): a worker reads the file
        unless the article is already in hand (the lines of a JSON Lines file, read here)."""
        for path in paths:
            if input_format == "text" and path.suffix.lower() == ".jsonl":
                for article in read_sources(path, input_format):
                    if isinstance(article, QuotesError):
                        on_file(str(path))
                        fail(path, article)
                    else:
                        yield path, input_format, stored_hash(db, article.path), annotate, article, force
            else:
                yield path, input_format, _stored_hash_for(db, path, input_format), annotate, None, force

    def store(batch: list[tuple[Job, Outcome]]) -> None:
        touched = Touched(set(), set())
        # One commit per batch; each article inside is its own savepoint, so a failure rolls
        # back that article alone and a crash loses whole articles, never half of one. The
        # speakers' counts are brought up to date in the same commit.
        with db.atomic():
            for (path, _, previous, *_), outcome in batch:
                on_file(str(path))
                summary.read += 1
                if outcome is UNCHANGED:
                    summary.skipped += 1
                    continue
                if isinstance(outcome, Exception):
                    fail(path, outcome)
                    continue
                try:
                    saved = save_result(db, outcome)
                except Exception as e:  # a row the database refuses must not stop the others
                    fail(path, e)
                    continue
                touched.speakers.update(saved.speakers)
                touched.clusters.update(saved.clusters)
                summary.quotes += len(outcome.quotes)
                summary.new += previous is None
                summary.changed += previous is not None
            refresh(db, touched)

    for batch in _batches(_outcomes(jobs_for(sources), workers), BATCH_SIZE):
        store(batch)
    summary.seconds = time.perf_counter() - began
    return summary


BATCH_SIZE = 64
IN_FLIGHT = 2 * BATCH_SIZE  # jobs handed to the worker processes ahead of the writer
CHUNK = 4  # jobs sent to a worker process at a time
SMALL_INGEST = 32  # below this many files, starting processes costs more than it saves
UNCHANGED = "unchanged"


def worker_count(requested: int, engine: str, sources: int) -> int:
    """Processes to extract with: as asked, else one per core; one for Stanza (its models are big)
    and for small ingests."""
    if engine == "stanza" or sources < SMALL_INGEST:
        return 1
    return max(1, requested or os.cpu_count() or 1)


def _stored_hash_for(db: Database, path: Path, input_format: str) -> str | None:
    """The content hash stored for the article PATH stands for, without reading the file."""
    if input_format == "conllu":
        from .annotate_stanza import text_for_conllu

        try:
            path = text_for_conllu(path)
        except QuotesError:
            return None  # reported when the worker reads it
    return stored_hash(db, str(path))


def _batches(items, size: int):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _read_and_process(job: Job) -> Outcome:
    """Read one source and, unless its text is unchanged (and no re-extraction is forced), process
    it; errors are returned, not raised, since they cross from a worker process to the writer."""
    path, input_format, previous, annotate, article, force = job
    try:
        article = article or read_source(path, input_format)
        if article.content_hash == previous and not force:
            return UNCHANGED
        return process_article(article, annotate, path)
    except QuotesError as e:
        return e
    except Exception as e:  # a bug on one article must not stop the others
        return QuotesError(f"{path}: could not be processed ({type(e).__name__}: {e})")


def _outcomes(jobs: Iterator[Job], workers: int) -> Iterator[tuple[Job, Outcome]]:
    """Each job with its outcome, in the order of JOBS.

    WORKERS counts this process, which writes: WORKERS - 1 processes extract ahead of it, at most
    IN_FLIGHT jobs so that memory stays flat. When the next outcome is not ready yet, this process
    extracts the next job itself rather than wait: writing takes less time than extracting, and
    the time left over is shared out this way whatever the ratio of the two.
    """
    if workers <= 1:
        for job in jobs:
            yield job, _read_and_process(job)
        return
    pool = ProcessPoolExecutor(workers - 1)
    try:
        pending: deque = deque()  # (jobs, their outcomes or the pool's Future), in order
        in_pool = done_here = 0  # jobs pending in the pool, and done here
        exhausted = False

        def next_jobs(count: int) -> list[Job]:
            nonlocal exhausted
            taken = list(islice(jobs, count))
            exhausted = len(taken) < count
            return taken

        while True:
            while not exhausted and in_pool < IN_FLIGHT and (chunk := next_jobs(CHUNK)):
                pending.append((chunk, pool.submit(_read_and_process_all, chunk)))
                in_pool += len(chunk)
            if not pending:
                return
            chunk, outcomes = pending[0]
            if isinstance(outcomes, list) or outcomes.done():
                pending.popleft()
                if isinstance(outcomes, list):
                    done_here -= len(chunk)
                else:
                    in_pool -= len(chunk)
                    try:
                        outcomes = outcomes.result()
                    except BrokenProcessPool:
                        # A worker died (killed for memory, say) and took the pool down with it:
                        # every job it held is run again alone, so that only the culprit fails.
                        pool.shutdown(cancel_futures=True)
                        pool = ProcessPoolExecutor(workers - 1)
                        outcomes = [_in_own_process(job) for job in chunk]
                        moved = _run_alone(pending)
                        in_pool -= moved
                        done_here += moved
                yield from zip(chunk, outcomes)
            elif not exhausted and done_here < IN_FLIGHT and (chunk := next_jobs(1)):
                pending.append((chunk, [_read_and_process(chunk[0])]))
                done_here += 1
            else:
                wait([outcomes], return_when=FIRST_COMPLETED)
    finally:
        pool.shutdown(cancel_futures=True)


def _run_alone(pending: deque) -> int:
    """Replace the futures of a broken pool in PENDING by outcomes from a process per job; how many
    jobs that took over."""
    moved = 0
    for k, (jobs, outcomes) in enumerate(pending):
        if not isinstance(outcomes, list):
            pending[k] = (jobs, [_in_own_process(job) for job in jobs])
            moved += len(jobs)
    return moved


def _in_own_process(job: Job) -> Outcome:
    """JOB's outcome, from a process of its own, which may die without taking others with it."""
    with ProcessPoolExecutor(1) as alone:
        try:
            return alone.submit(_read_and_process, job).result()
        except BrokenProcessPool:
            return QuotesError(f"{job[0]}: the process extracting it stopped (out of memory?); the other files go on")


def _read_and_process_all(jobs: list[Job]) -> list[Outcome]:
    return [_read_and_process(job) for job in jobs]
