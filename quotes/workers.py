"""Extraction in worker processes that may die without taking the ingest with them, and that end
when the ingest ends, however it ends.

A worker killed from outside (the out-of-memory killer, `kill -9`, SIGTERM) breaks the whole
process pool: every job it held is then run again, each in a process of its own, so that only an
article that kills its process again fails, named. Workers ignore Ctrl-C (the ingest in front
handles it for them) and watch their parent: if it is gone (SIGKILL), they exit rather than block
forever on a pipe nobody reads, holding the database's files open.
"""
from __future__ import annotations

import gc
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import TypeVar

from .errors import QuotesError

Job = TypeVar("Job")
Outcome = TypeVar("Outcome")

IN_FLIGHT = 128  # jobs handed to the worker processes ahead of the writer: memory stays flat
PARENT_CHECK_SECONDS = 0.5
# New objects between two runs of the cycle collector (Python's default is 700): extraction makes
# and drops hundreds of thousands of tokens, mentions and tuples an article, which reference
# counting frees; at the default pace the collector spends about 5% of extraction walking them.
NEW_OBJECTS_PER_COLLECTION = 20_000


def collect_cycles_rarely() -> None:
    """Run this process's cycle collector every NEW_OBJECTS_PER_COLLECTION new objects: the
    reference cycles an article leaves are still collected, a little later."""
    gc.set_threshold(NEW_OBJECTS_PER_COLLECTION, *gc.get_threshold()[1:])


def _worker_started(parent: int) -> None:
    collect_cycles_rarely()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()


def _exit_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


class _Pool:
    """A process pool that can be started again when a worker's death has broken it."""

    def __init__(self, processes: int) -> None:
        self.processes = processes
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.processes, initializer=_worker_started, initargs=(os.getpid(),))

    def submit(self, work: Callable, jobs: list) -> Future | None:
        """The future of WORK on JOBS; None if the pool is broken (a worker died since the last call)."""
        try:
            return self.executor.submit(work, jobs)
        except BrokenProcessPool:
            return None

    def restart(self) -> None:
        self.stop(kill=True)
        self.executor = self._start()

    def stop(self, kill: bool) -> None:
        """Shut the pool down; with KILL, its workers end now, whatever they are doing."""
        if kill:
            # ProcessPoolExecutor has no way to end busy workers before Python 3.14 (kill_workers)
            for process in list((getattr(self.executor, "_processes", None) or {}).values()):
                process.kill()
        # Waiting, even after a kill (the dead workers end the pool's manager thread at once): a
        # manager thread still closing its pipes when the interpreter exits races Python's own
        # exit hook for process pools, which then prints "Bad file descriptor" (Python < 3.12).
        self.executor.shutdown(wait=True, cancel_futures=True)


class _Pending:
    """Jobs in order, each chunk with its outcomes: a list once known, else the pool's future;
    how many of them are in the pool, and how many are done here."""

    def __init__(self) -> None:
        self.items: deque[tuple[list, list | Future]] = deque()
        self.in_pool = 0
        self.here = 0


def outcomes(
    work: Callable[[list[Job]], list[Outcome]], jobs: Iterator[Job], workers: int, on_death: Callable[[Job], Outcome], chunk: int,
    in_flight: int = IN_FLIGHT, writes: bool = True,
) -> Iterator[tuple[Job, Outcome]]:
    """Each job with WORK's outcome for it, in the order of JOBS. WORK takes a list of jobs (CHUNK
    at a time: what a process extracts at once) and returns their outcomes, errors included, never raised; ON_DEATH gives the
    outcome of a job whose own process died.

    WORKERS counts this process, which writes: WORKERS - 1 processes extract ahead of it, at most
    IN_FLIGHT jobs. When the next outcome is not ready yet, this process extracts the next job
    itself rather than wait: writing takes less time than extracting, and the time left over is
    shared out this way whatever the ratio of the two. Unless it WRITES, this process only waits,
    and WORKERS processes extract: large jobs (partitions of 500 articles) want that, with
    IN_FLIGHT a job or two per process, so that no process waits for another's long job.
    """
    extractors = workers - 1 if writes else max(1, workers)  # processes beside this one
    if extractors < 1:
        while taken := list(islice(jobs, chunk)):
            yield from zip(taken, work(taken))
        return
    pool = _Pool(extractors)
    pending: _Pending = _Pending()
    exhausted = False

    def take(count: int) -> list:
        nonlocal exhausted
        taken = list(islice(jobs, count))
        exhausted = len(taken) < count
        return taken

    def recover(taken: list) -> list:
        """After a worker's death: TAKEN's outcomes, and every job still in the pool, each in its own process."""
        pool.restart()
        for k, (others, outcome) in enumerate(pending.items):
            if not isinstance(outcome, list):
                pending.items[k] = (others, [_in_own_process(work, job, on_death) for job in others])
                pending.in_pool -= len(others)
                pending.here += len(others)
        return [_in_own_process(work, job, on_death) for job in taken]

    finished = False
    try:
        while True:
            while not exhausted and pending.in_pool < in_flight and (taken := take(chunk)):
                future = pool.submit(work, taken)
                if future is None:  # the pool broke since the last call
                    pending.items.append((taken, recover(taken)))
                    pending.here += len(taken)
                else:
                    pending.items.append((taken, future))
                    pending.in_pool += len(taken)
            if not pending.items:
                finished = True
                return
            taken, outcome = pending.items[0]
            if isinstance(outcome, list) or outcome.done():
                pending.items.popleft()
                if isinstance(outcome, list):
                    pending.here -= len(taken)
                else:
                    pending.in_pool -= len(taken)
                    try:
                        outcome = outcome.result()
                    except BrokenProcessPool:
                        outcome = recover(taken)
                yield from zip(taken, outcome)
            elif writes and not exhausted and pending.here < in_flight and (taken := take(1)):
                pending.items.append((taken, work(taken)))
                pending.here += 1
            else:
                wait([outcome], return_when=FIRST_COMPLETED)
    finally:
        pool.stop(kill=not finished)


def _in_own_process(work: Callable, job, on_death: Callable):
    """JOB's outcome, from a process of its own, which may die without taking others with it."""
    alone = ProcessPoolExecutor(1, initializer=_worker_started, initargs=(os.getpid(),))
    try:
        return alone.submit(work, [job]).result()[0]
    except BrokenProcessPool:
        return on_death(job)
    finally:
        alone.shutdown(wait=True)


class ArticleTimeout(QuotesError):
    """An article whose extraction ran past the time limit."""


@contextmanager
def time_limit(seconds: float, message: str) -> Iterator[None]:
    """Raise ArticleTimeout in the block after SECONDS: no input holds an ingest for minutes. No
    limit when SECONDS is 0, or off the main thread, where no signal can be caught."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum, frame):
        raise ArticleTimeout(message)

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
