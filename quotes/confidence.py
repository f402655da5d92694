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
    cells, coarse = _shipped_table() if table is None else (table, coarse_counts(table))
    estimate = _shrunk(*coarse.get((sieve, mention), (0, 0)), prior)
    return _shrunk(*cells.get((sieve, mention, kind), (0, 0)), estimate)


@cache
def _shipped_table() -> tuple[dict[Cell, tuple[int, int]], dict[tuple[str, str], tuple[int, int]]]:
    cells = confidence_table()
    return cells, coarse_counts(cells)


def coarse_counts(table: dict[Cell, tuple[int, int]]) -> dict[tuple[str, str], tuple[int, int]]:
    """(attributed, right) per sieve and mention kind, all quote kinds together."""
    totals: dict[tuple[str, str], tuple[int, int]] = {}
    for (sieve, mention, _), (attributed, right) in table.items():
        n, r = totals.get((sieve, mention), (0, 0))
        totals[(sieve, mention)] = (n + attributed, r + right)
    return totals


def _shrunk(attributed: int, right: int, prior: float) -> float:
    return (right + PRIOR_WEIGHT * prior) / (attributed + PRIOR_WEIGHT)


def write_table(path: Path, cells: dict[Cell, tuple[int, int]], source: str) -> None:
    """Write CELLS as the calibration table, noting the SOURCE they were counted on."""
    lines = [f"# Attributions checked against {source}, and how many were right (quotes.confidence).", "\t".join(COLUMNS)]
    lines += ["\t".join([*cell, str(n), str(right)]) for cell, (n, right) in sorted(cells.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
