"""Milliseconds per article in each stage of a one-process ingest: where the time goes.

    python benchmarks/stages.py --source ../shared/eval/polnear/train/docs --articles 1000

Each stage is timed inside `quotes.pipeline.quotes_from_doc` itself (its calls are wrapped where
the pipeline looks them up), so the stages are the pipeline's, in its order; the store stage
writes to a temporary database in batches as `ingest` does, and its main parts are timed inside it.
"""
from __future__ import annotations

import argparse
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from quotes import pipeline, store
from quotes.annotate import annotate_text
from quotes.ingest import BATCH_SIZE
from quotes.read import read_source, source_files
from quotes.records import Result
from quotes.workers import collect_cycles_rarely

# Parts of a stage, timed inside it: each is replaced on the module (or class) it is looked up on
PARTS = [
    (pipeline, "detect_quotes", "detect"),
    (pipeline.Layout, "of", "layout"),
    (pipeline.QuoteContext, "build", "context"),
    (pipeline, "find_attributions", "attribute"),
    (pipeline, "resolve_attributions", "resolve"),
    (pipeline, "situate_quotes", "situate"),
    (store, "identify_and_cluster", "store: speakers and clusters, once"),
    (store, "_insert_quotes", "store: quote rows"),
    (store, "_speakers", "store: speakers"),
    (store, "refresh", "store: refresh batch"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=Path(__file__).resolve().parent.parent / "data" / "samples")
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    sources = source_files([args.source])[: args.articles]
    collect_cycles_rarely()  # as the quotes command does
    spent: dict[str, float] = defaultdict(float)
    for owner, name, label in PARTS:
        setattr(owner, name, _timed(getattr(owner, name), label, spent))

    def stage(name: str, call, *arguments):
        began = time.perf_counter()
        value = call(*arguments)
        spent[name] += time.perf_counter() - began
        return value

    results = []
    for path in sources:
        article = stage("read", read_source, path)
        doc = stage("tokenise", annotate_text, article.text)
        results.append(Result(article, pipeline.quotes_from_doc(doc, article.published, article.dateline), doc.engine))
    with tempfile.TemporaryDirectory() as folder:
        db = store.open_database(Path(folder) / "stages.db")
        for first in range(0, len(results), BATCH_SIZE):
            stage("store", _store_batch, db, results[first : first + BATCH_SIZE])
        stage("store", store.identify_and_cluster, db)  # once per run, as `ingest` does
    total = sum(seconds for name, seconds in spent.items() if ":" not in name)
    for name, seconds in sorted(spent.items(), key=lambda item: _order(item[0])):
        print(f"{name:32s} {seconds / len(sources) * 1000:6.3f} ms")
    print(f"{'total':32s} {total / len(sources) * 1000:6.3f} ms, {len(sources) / total:.0f} articles/s")


STAGES = ["read", "tokenise", "layout", "detect", "context", "attribute", "resolve", "situate", "store"]


def _order(name: str) -> tuple[int, int]:
    """A stage, then its parts in the order of PARTS."""
    labels = [label for _, _, label in PARTS]
    return STAGES.index(name.split(":")[0]), labels.index(name) + 1 if name in labels else 0


def _store_batch(db, results: list[Result]) -> None:
    touched = store.Touched(set(), set())
    with db.atomic():
        for result in results:
            saved = store.save_result(db, result)
            touched.speakers.update(saved.speakers)
            touched.clusters.update(saved.clusters)
        store.refresh(db, touched)


def _timed(function, name: str, spent: dict[str, float]):
    def timed(*arguments, **keywords):
        began = time.perf_counter()
        try:
            return function(*arguments, **keywords)
        finally:
            spent[name] += time.perf_counter() - began

    return timed


if __name__ == "__main__":
    main()
