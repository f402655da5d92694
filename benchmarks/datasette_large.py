"""Datasette page times on a large synthetic quotes database (default: 1,000,000 quotes).

    python benchmarks/datasette_large.py --quotes 1000000 --db /tmp/quotes-large.db

The database is built through the project's own schema (migrations, indexes, FTS triggers) with
synthetic articles, speakers and quotes, then kept for later runs. Pages are fetched through
Datasette's internal client, as `quotes serve` would serve them; each time is the median of
several fetches after one warm-up.
"""
from __future__ import annotations

import argparse
import asyncio
import itertools
import random
import statistics
import time
from pathlib import Path

from quotes.facet_counts import count_quotes
from quotes.serve import make_datasette
from quotes.store import keep_statistics, open_database

WORDS = (
    "ceasefire talks deal minister budget bridge election vote council war peace market price tax "
    "health school water energy border refugee court ruling police crime economy jobs trade climate "
    "security plan agreement campaign debate reform law city river harbour festival report crisis"
).split()
FIRST = "Ana Tom Maria John Sergei Elena Omar Priya Marcus Helen Joe Amara Robert Li Fatima Kofi".split()
LAST = "Ruiz Becker Lavrov Kerry Okafor Raman Ashby Tillman Vasquez Dunmore Chen Haddad Mensah Novak".split()
OUTLETS = ["Harbor Valley Gazette", "Lakeside Courier", "Reuters", "AFP", "Daily Planet", "Evening Post"]
CUES = ["said", "told", "added", "wrote", "insisted", "warned"]


def vocabulary(rng: random.Random, size: int = 20000) -> tuple[list[str], list[float]]:
    """News-like words: the topic words above plus made-up ones, with Zipf-like frequencies (as
    cumulative weights, which `random.choices` would otherwise add up again on every call)."""
    made_up = {"".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(rng.randint(2, 4))) for _ in range(size)}
    words = [w for pair in zip(WORDS, WORDS) for w in pair[:1]] + sorted(made_up)
    rng.shuffle(words)
    return words, list(itertools.accumulate(1 / (rank + 1) for rank in range(len(words))))


def build(path: Path, quotes: int, seed: int = 7) -> None:
    """QUOTES quotes, ten to an article; each article a paragraph per quote (words before and
    after it, from the same news-like vocabulary), so that the paragraph index is as a real one."""
    rng = random.Random(seed)
    words, weights = vocabulary(rng)
    db = open_database(path)
    speakers = [f"{rng.choice(FIRST)} {rng.choice(LAST)}{i}" for i in range(20000)]
    db.table("speakers").insert_all(
        ({"id": i + 1, "name": name, "type": "person", "n_quotes": 0, "n_documents": 0} for i, name in enumerate(speakers)),
        batch_size=5000,
    )
    began = time.perf_counter()
    with db.atomic():
        for start in range(0, quotes // PER_DOCUMENT, 5000):
            documents, rows = zip(*(_article(rng, words, weights, speakers, d) for d in range(start, min(start + 5000, quotes // PER_DOCUMENT))))
            db.table("documents").insert_all(documents, batch_size=5000)
            db.table("quotes").insert_all((row for article in rows for row in article), batch_size=5000)
        db.table("quotes").rebuild_fts()
        db.execute("insert into quotes_context_fts (quotes_context_fts) values ('rebuild')")
        count_quotes(db)  # as the writer counts each article's quotes for the default facets
    db.execute("update speakers set n_quotes = (select count(*) from quotes where speaker_id = speakers.id)")
    keep_statistics(db)  # as an ingest leaves them
    db.execute("pragma wal_checkpoint(truncate)")
    print(f"built {quotes} quotes in {time.perf_counter() - began:.0f} s: {path}")


PER_DOCUMENT = 10


def _article(rng: random.Random, words: list[str], weights: list[float], speakers: list[str], d: int) -> tuple[dict, list[dict]]:
    """Article D (its documents row) and its quotes' rows, offsets and paragraphs included."""
    outlet, published = rng.choice(OUTLETS), f"2016-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    text, rows = "", []
    for _ in range(PER_DOCUMENT):
        quote = " ".join(rng.choices(words, cum_weights=weights, k=rng.randint(6, 30))).capitalize() + "."
        s = rng.randrange(len(speakers))
        before = " ".join(rng.choices(words, cum_weights=weights, k=rng.randint(5, 25))).capitalize() + ", "
        context_start = len(text)
        start = context_start + len(before) + 1
        text += f'{before}"{quote}" {speakers[s]} said. ' + " ".join(rng.choices(words, cum_weights=weights, k=rng.randint(0, 20)))
        rows.append({
            "document_id": d + 1, "start": start, "end": start + len(quote), "context_start": context_start, "context_end": len(text),
            "text": quote, "kind": rng.choice(["full", "full", "partial"]), "speaker_id": s + 1, "speaker": speakers[s],
            "speaker_type": "person", "speaker_kind": rng.choice(["person"] * 8 + ["organization", "anonymous"]), "cue": rng.choice(CUES),
            "sieve": "cue_after_quote", "confidence": 0.9, "outlet": outlet, "published": published,
            "said_on": f"2016-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        })
        text += "\n\n"
    document = {
        "id": d + 1, "path": f"synthetic/{d:07d}.txt", "content_hash": f"{d:064x}", "title": " ".join(rng.choices(WORDS, k=7)).capitalize(),
        "outlet": outlet, "published": published, "engine": "rules", "n_quotes": PER_DOCUMENT, "text": text,
    }
    return document, rows


async def time_pages(path: Path, pages: list[str], repeats: int) -> None:
    datasette = make_datasette(path)
    await datasette.invoke_startup()
    client = datasette.client
    for page in pages:
        # warm-up: schema, counts and caches; a redirect (the quotes table's columns) is followed, as a browser would
        response = await client.get(page, follow_redirects=True)
        assert response.status_code == 200, (page, response.status_code)
        times = []
        for _ in range(repeats):
            began = time.perf_counter()
            response = await client.get(page, follow_redirects=True)
            times.append((time.perf_counter() - began) * 1000)
        print(f"{statistics.median(times):7.0f} ms  {page}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/quotes-large.db"))
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    if not args.db.exists():
        build(args.db, args.quotes)
    open_database(args.db)  # a database built by an older version gets the newer schema steps
    name = args.db.stem
    pages = [
        f"/{name}/quotes",
        f"/{name}/quotes.json?_size=50",
        f"/{name}/quotes?speaker_type=person&kind=full",
        f"/{name}/quotes?kind=partial",
        f"/{name}/quotes?speaker_kind=person",
        f"/{name}/quotes?outlet=Reuters",
        f"/{name}/quotes?outlet=Reuters&kind=full",
        f"/{name}/quotes?speaker_kind=person&speaker=John+Novak6211",
        f"/{name}/quotes?_search=ceasefire",
        f"/{name}/quotes?_search=harbour+festival",
        f"/{name}/quotes?_sort_desc=said_on",
        f"/{name}/speakers?_sort_desc=n_quotes",
        "/-/quotes",
        "/-/quotes/search?q=ceasefire",
        "/-/quotes/search?q=ceasefire&outlet=Reuters",
        "/-/quotes/search?q=ceasefire&outlet=reut",
        "/-/quotes/search?q=ceasefire&sort=date",
        "/-/quotes/search?q=ceasefire&speaker=ruiz",
        "/-/quotes/search?speaker=amara+ruiz",
        "/-/quotes/search?q=%22ceasefire+talks%22+OR+bridge",
        "/-/quotes/search?q=ceasefire&around=1",
        "/-/quotes/search?q=ceasefire+bridge&speaker=ruiz&around=1",
        "/-/quotes/search?speaker_id=42&sort=date",
        "/-/quotes/export.csv?speaker_id=42&sort=date",
        "/-/quotes/export.json?article=20000&sort=date",
        "/-/quotes/quote/500000",
        "/-/quotes/article/20000",
        "/-/quotes/speaker/42",
        "/-/quotes/suggest.json?speaker=ru",
        "/-/quotes/suggest.json?outlet=gaz",
        "/-/quotes/outlets",
        "/-/quotes/outlets?outlet=reuters&outlet=gazette",
    ]
    asyncio.run(time_pages(args.db, pages, args.repeats))


if __name__ == "__main__":
    main()
