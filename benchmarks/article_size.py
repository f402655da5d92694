"""Seconds to extract one article of growing size: extraction must stay linear in the text.

    python benchmarks/article_size.py --sizes 0.5 1 2
    python benchmarks/article_size.py --source ../shared/eval/polnear/train/docs --sizes 0.5 1 2

The article is built for the run: by default from paragraphs written here with a new name in each
(the worst case for name resolution: thousands of people, pronouns and surnames), or from the
.txt articles of --source joined end to end. Each size runs in a fresh process, best of --repeat.
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

GIVEN = ("Ana", "Tom", "Joe", "Maria", "Liam", "Nora", "Omar", "Priya", "Ken", "Sofia", "Ivan", "Lena")
SURNAMES = ("Becker", "Okafor", "Dunmore", "Ruiz", "Hale", "Wills", "Soto", "Vance", "Harlan", "Marsh", "Quill")
PARAGRAPHS = (
    '"We counted {n} boats today," harbour master {given} {surname} said on Monday.',
    '{surname} said the plan had "long been overdue" and costly. "It was busy," she said.',
    "Council member Bob Lane{m} disagreed. He told reporters the port needed money.",
)
MEASURE = r"""
import json, sys, time
from quotes.pipeline import extract_quotes
text = open(sys.argv[1], encoding="utf-8").read()
began = time.perf_counter()
quotes = extract_quotes(text)
print(json.dumps({"seconds": time.perf_counter() - began, "quotes": len(quotes)}))
"""


def written_article(size: int) -> str:
    """News-like paragraphs, each naming new people, up to SIZE characters."""
    rng, parts, length, n = random.Random(1), ["Harbour news\n"], 0, 0
    while length < size:
        for template in PARAGRAPHS:
            surname = f"{rng.choice(SURNAMES)}{rng.randrange(5000)}"
            paragraph = template.format(n=n, m=n % 50, given=rng.choice(GIVEN), surname=surname)
            parts.append(paragraph)
            length += len(paragraph) + 2
        n += 1
    return "\n\n".join(parts)[:size]


def joined_articles(source: Path, size: int) -> str:
    texts = [path.read_text(encoding="utf-8") for path in sorted(source.glob("*.txt"))]
    if not texts:
        sys.exit(f"{source}: no .txt articles")
    joined = "\n\n".join(texts)
    while len(joined) < size:
        joined += "\n\n" + joined
    return joined[:size]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.5, 1, 2], help="Article sizes in MB.")
    parser.add_argument("--source", type=Path, help="Folder of .txt articles to join instead of the written paragraphs.")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for mb in args.sizes:
            size = int(mb * 1_000_000)
            path = Path(tmp) / f"{mb}.txt"
            path.write_text(joined_articles(args.source, size) if args.source else written_article(size), encoding="utf-8")
            runs = [
                json.loads(subprocess.run([sys.executable, "-c", MEASURE, str(path)], capture_output=True, text=True, check=True).stdout)
                for _ in range(args.repeat)
            ]
            best = min(runs, key=lambda run: run["seconds"])
            print(f"{mb:5.2f} MB  {best['seconds']:6.2f} s  {mb / best['seconds']:5.2f} MB/s  ({best['quotes']} quotes)")


if __name__ == "__main__":
    main()
