"""Time and memory to cluster N quotes (default 100,000) through the incremental path.

    python benchmarks/clusters.py --quotes 100000

Synthetic articles of ten quotes each, a fifth of them repeating (exactly, with a small edit,
trimmed, or as a partial quote) a quote from an earlier article, are stored through the
project's schema in batches of BATCH_SIZE articles, each batch clustered as a `quotes ingest`
run of that many articles clusters its quotes at its end (`recluster`: the first batch in
memory, the others through the indexes), so the figure includes the index lookups a growing
corpus costs.
"""
from __future__ import annotations

import argparse
import random
import resource
import tempfile
import time
from pathlib import Path

from quotes.cluster import normalise_quote, note_changes, recluster, refresh_clusters
from quotes.ingest import BATCH_SIZE
from quotes.same_statement import lookup_key
from quotes.store import open_database


def synthetic_quotes(rng: random.Random, count: int) -> list[tuple[str, int]]:
    words = ["".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(rng.randint(2, 4))) for _ in range(30000)]
    weights = [1 / (rank + 1) for rank in range(len(words))]
    quotes: list[tuple[str, int]] = []
    for _ in range(count):
        if quotes and rng.random() < 0.2:
            text, speaker = rng.choice([q for q in quotes[-50:] if len(q[0].split()) >= 8] or quotes[-1:])
            variant = rng.choice(["same", "edit", "trim", "part"])
            tokens = text.split()
            if variant == "edit":
                tokens[rng.randrange(len(tokens))] = rng.choice(words)
            elif variant == "trim":
                tokens = tokens[3:]
            elif variant == "part":
                start = rng.randrange(max(1, len(tokens) - 3))
                tokens = tokens[start : start + 3]
            quotes.append((" ".join(tokens), speaker))
        else:
            quotes.append((" ".join(rng.choices(words, weights, k=rng.randint(8, 30))), rng.randint(1, 3000)))
    return quotes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=100_000)
    args = parser.parse_args()
    rng = random.Random(3)
    quotes = synthetic_quotes(rng, args.quotes)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "clusters.db")
        db.table("speakers").insert_all({"id": i, "name": f"Speaker {i}", "type": "person"} for i in range(1, 3001))
        per_document = 10
        clustering = 0.0
        for first in range(0, len(quotes), per_document * BATCH_SIZE):
            with db.atomic():
                for d in range(first, min(len(quotes), first + per_document * BATCH_SIZE), per_document):
                    document_id = db.table("documents").insert(
                        {"path": f"{d}.txt", "content_hash": str(d), "text": "", "outlet": f"Outlet {d % 7}", "published": "2016-09-08"}
                    ).last_pk
                    db.table("quotes").insert_all(
                        {"document_id": document_id, "start": 0, "end": 1, "text": text, "norm": (norm := normalise_quote(text)),
                         "lookup_key": lookup_key(norm), "kind": "full", "speaker_id": speaker}
                        for text, speaker in quotes[d : d + per_document]
                    )
                    db.execute("insert into quotes_fts (rowid, text) select id, text from quotes where document_id = ?", [document_id])
                    note_changes(db, "document_id = ?", [document_id])
                began = time.perf_counter()
                refresh_clusters(db, recluster(db))
                clustering += time.perf_counter() - began
        clusters = db.table("clusters").count
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{len(quotes)} quotes → {clusters} clusters: clustering {clustering:.1f} s "
              f"({len(quotes) / clustering:.0f} quotes/s), peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()
