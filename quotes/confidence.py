"""How sure an attribution is: the share of attributions like it that were right on annotated news.

An attribution is alike another when the same sieve found it, its mention is of the same kind
(a name, a pronoun, an organisation, a nominal) and its quote is of the same kind (full, partial,
heading). quotes/data/confidence.tsv counts, for each such cell, the attributions checked against
PolNeAR's train split and those that were right; `quotes eval GOLD --docs DIR --calibrate FILE`
writes the same table from any annotated data. A cell with few attributions leans on the coarser
cell (sieve and mention kind), and that on the sieve's own prior (Sieve.confidence), so that a
rare combination gets a sensible figure rather than 0 or 1.
"""
from __future__ import annotations

from collections import defaultdict
from functools import cache
from importlib import resources
from pathlib import Path

from .errors import QuotesError

PRIOR_WEIGHT = 10  # attributions' worth of belief given to the coarser estimate
COLUMNS = ("sieve", "mention", "kind", "attributed", "right")

Cell = tuple[str, str, str]  # sieve, mention kind, quote kind


@cache
def confidence_table() -> dict[Cell, tuple[int, int]]:
    """(attributed, right) per cell, from quotes/data/confidence.tsv."""
    try:
        text = resources.files("quotes").joinpath("data").joinpath("confidence.tsv").read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise QuotesError("quotes/data/confidence.tsv: calibration table missing (reinstall quotes)") from e
    return parse_table(text)


def parse_table(text: str) -> dict[Cell, tuple[int, int]]:
    table = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith(COLUMNS[0] + "\t"):
            continue
        sieve, mention, kind, attributed, right = line.split("\t")
        table[(sieve, mention, kind)] = (int(attributed), int(right))
    return table


def confidence(sieve: str, mention: str, kind: str, prior: float, table: dict[Cell, tuple[int, int]] | None = None) -> float:
    """The calibrated confidence of an attribution by SIEVE with a MENTION-kind speaker phrase on a
    KIND quote; PRIOR when the table knows nothing like it."""
    table = confidence_table() if table is None else table
    coarse = [counts for (s, m, _), counts in table.items() if s == sieve and m == mention]
    estimate = _shrunk(sum(n for n, _ in coarse), sum(r for _, r in coarse), prior)
    attributed, right = table.get((sieve, mention, kind), (0, 0))
    return _shrunk(attributed, right, estimate)


def _shrunk(attributed: int, right: int, prior: float) -> float:
    return (right + PRIOR_WEIGHT * prior) / (attributed + PRIOR_WEIGHT)


def write_table(path: Path, cells: dict[Cell, tuple[int, int]], source: str) -> None:
    """Write CELLS as the calibration table, noting the SOURCE they were counted on."""
    lines = [f"# Attributions checked against {source}, and how many were right (quotes.confidence).", "\t".join(COLUMNS)]
    lines += ["\t".join([*cell, str(n), str(right)]) for cell, (n, right) in sorted(cells.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def count_cells(outcomes: list[tuple[Cell, bool]]) -> dict[Cell, tuple[int, int]]:
    """(attributed, right) per cell from (cell, correct) outcomes."""
    counts: dict[Cell, list[int]] = defaultdict(lambda: [0, 0])
    for cell, correct in outcomes:
        counts[cell][0] += 1
        counts[cell][1] += correct
    return {cell: (n, right) for cell, (n, right) in counts.items()}
