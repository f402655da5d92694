"""Extraction in shards on a local Dask cluster of 1 and 2 workers, `load`, and `ingest`, timed.

    python benchmarks/distributed.py --articles 10000 --source ../shared/eval/polnear/train/docs

The corpus is built as benchmarks/throughput.py builds it (source articles repeated with their
names varied), in a temporary folder. Each step runs as a user runs it, a command at a time.
"""
from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import ROOT, build_corpus  # noqa: E402


def timed(*args) -> float:
    began = time.perf_counter()
    subprocess.run([sys.executable, "-m", "quotes", *map(str, args)], check=True, capture_output=True)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--source", type=Path, default=ROOT / "data" / "samples")
    parser.add_argument("--partition-size", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        size = build_corpus(args.source, args.articles, corpus)
        print(f"corpus: {args.articles} articles, {size / 1e6:.1f} MB; partitions of {args.partition_size}")
        seconds = {}
        for workers in (1, 2):
            out = Path(tmp) / f"shards{workers}"
            seconds[workers] = timed("extract", corpus, "--out", out, "--cluster", "dask", "--workers", workers,
                                     "--partition-size", args.partition_size, "--engine", "rules")
            print(f"extract, dask, {workers} worker{'s' * (workers > 1)}: {seconds[workers]:6.1f} s  {args.articles / seconds[workers]:6.1f} articles/s")
        print(f"speed-up with 2 workers: {seconds[1] / seconds[2]:.2f}x")
        loaded = timed("load", Path(tmp) / "shards2", "--db", Path(tmp) / "load.db")
        with sqlite3.connect(Path(tmp) / "load.db") as conn:
            quotes = conn.execute("select count(*) from quotes").fetchone()[0]
        print(f"load: {loaded:6.1f} s for {quotes} quotes: {loaded / quotes * 100000:6.1f} s per 100k quotes")
        ingested = timed("ingest", corpus, "--db", Path(tmp) / "ingest.db", "--workers", 2, "--engine", "rules")
        print(f"ingest, 2 processes: {ingested:6.1f} s; extract (2 dask workers) + load: {seconds[2] + loaded:6.1f} s")


if __name__ == "__main__":
    main()
