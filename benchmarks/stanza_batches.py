"""Seconds per article through Stanza, an article at a time and in batches (`StanzaAnnotator.many`).

    python benchmarks/stanza_batches.py --models ../shared/stanza-tiny --source ../shared/eval/polnear/train/docs --articles 64

The models are loaded once, before timing; each way reads the same articles (the first N .txt
files of --source, sorted), best of --repeat rounds.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from quotes.annotate_stanza import StanzaAnnotator, StanzaSettings, load_pipeline
from quotes.models import find_models, models_dir
from quotes.read import read_article


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=Path, help="Stanza models folder (default: as `quotes` finds it).")
    parser.add_argument("--source", type=Path, default=Path(__file__).resolve().parent.parent / "data" / "samples")
    parser.add_argument("--articles", type=int, default=64)
    parser.add_argument("--batch", type=int, nargs="+", default=[8, 32])
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--device", default=None)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    found = find_models(models_dir(args.models))
    if not found.complete:
        raise SystemExit(found.why_not())
    settings = StanzaSettings(str(found.directory), found.package, device=args.device, threads=args.threads)
    annotator = StanzaAnnotator(settings)
    load_pipeline(settings)
    articles = [read_article(path) for path in sorted(args.source.glob("*.txt"))[: args.articles]]
    size = sum(len(article.text) for article in articles)
    print(f"{len(articles)} articles, {size / len(articles):.0f} characters each on average, package {found.package}")
    ways = [("one at a time", lambda: [annotator(article) for article in articles])]
    ways += [(f"batches of {n}", lambda n=n: [doc for k in range(0, len(articles), n) for doc in annotator.many(articles[k : k + n])]) for n in args.batch]
    for name, way in ways:
        best = float("inf")
        for _ in range(args.repeat):
            began = time.perf_counter()
            way()
            best = min(best, time.perf_counter() - began)
        print(f"{name:15s} {best / len(articles):6.3f} s per article")


if __name__ == "__main__":
    main()
