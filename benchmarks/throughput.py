"""Throughput and peak memory of `extract` and `ingest`, on a corpus built for the run.

    python benchmarks/throughput.py --articles 10000 --source ../shared/eval/polnear/train/docs --repeat 3

The corpus is the source articles repeated with their capitalised words varied, so that every
article is new to the database (different text, different hash) while keeping the structure of
real news. It is written to a temporary folder and deleted afterwards. Each measurement runs in
a fresh process so that its peak memory is its own.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SYLLABLES = ("son", "ley", "ton", "ova", "ini", "ard", "elt", "man", "ez", "ski")
CAPITALISED = re.compile(r"\b([A-Z][a-z]{3,})\b")

MEASURE = r"""
import json, resource, sys, time
from pathlib import Path
from quotes.ingest import Settings, ingest
from quotes.pipeline import process_article
from quotes.engines import make_annotator
from quotes.read import read_source, source_files
from quotes.store import open_database
from quotes.workers import collect_cycles_rarely
collect_cycles_rarely()  # as the quotes command does
mode, corpus, db, workers, engine, fmt = sys.argv[1:7]
sources = source_files([corpus], fmt)
annotate = make_annotator(engine, fmt).annotate
began = time.perf_counter()
if mode == "extract":
    quotes = sum(len(process_article(read_source(p, fmt), annotate, p).quotes) for p in sources)
else:
    quotes = ingest(open_database(db), sources, Settings(annotate, fmt), int(workers)).quotes
seconds = time.perf_counter() - began
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"seconds": seconds, "quotes": quotes, "peak_mb": peak / 1024}))
"""


def build_corpus(source: Path, count: int, target: Path) -> int:
    """Write COUNT varied copies of the .txt articles in SOURCE into TARGET; returns bytes written."""
    articles = sorted(source.glob("*.txt")) or sorted(source.rglob("*.txt"))
    if not articles:
        sys.exit(f"{source}: no .txt articles to build the corpus from")
    texts = [path.read_text(encoding="utf-8") for path in articles]
    size = 0
    for k in range(count):
        suffix = SYLLABLES[k % len(SYLLABLES)] + SYLLABLES[(k // len(SYLLABLES)) % len(SYLLABLES)]
        round_ = k // len(texts)
        text = texts[k % len(texts)]
        if round_:
            text = CAPITALISED.sub(lambda m: m.group(1) + suffix if zlib.crc32(m.group(1).encode()) % 3 == 0 else m.group(1), text)
            text += f"\n\nEdition {round_}.\n"
        path = target / f"{k:06d}.txt"
        path.write_text(text, encoding="utf-8")
        size += len(text.encode("utf-8"))
    return size


def measure(mode: str, corpus: Path, db: Path, workers: int, engine: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, mode, str(corpus), str(db), str(workers), engine, "text"],
        capture_output=True, text=True, check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--source", type=Path, default=ROOT / "data" / "samples")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--engine", default="rules")
    parser.add_argument("--repeat", type=int, default=1, help="Runs of each measurement; the best is reported, with the range.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        size = build_corpus(args.source, args.articles, corpus)
        print(f"corpus: {args.articles} articles, {size / 1e6:.1f} MB, engine {args.engine}")
        runs = [("extract", 1)] + [("ingest", w) for w in args.workers]
        # Rounds run the measurements in turn, so that a slow spell of a shared machine does not
        # fall on one of them alone; each measurement keeps its best round.
        results: dict[tuple[str, int], list[dict]] = {run: [] for run in runs}
        for round_ in range(args.repeat):
            for mode, workers in runs:
                db = Path(tmp) / f"{mode}-{workers}-{round_}.db"
                results[mode, workers].append(measure(mode, corpus, db, workers, args.engine))
                db.unlink(missing_ok=True)
        for (mode, workers), rounds in results.items():
            figures = min(rounds, key=lambda r: r["seconds"])
            rate = args.articles / figures["seconds"]
            spread = f"  range {args.articles / max(r['seconds'] for r in rounds):.1f}–{rate:.1f}" if len(rounds) > 1 else ""
            print(
                f"{mode:8s} workers={workers}  {rate:7.1f} articles/s  {size / 1e6 / figures['seconds']:5.2f} MB/s  "
                f"peak {max(r['peak_mb'] for r in rounds):6.1f} MB  ({figures['quotes']} quotes, {figures['seconds']:.1f} s){spread}"
            )


if __name__ == "__main__":
    main()
