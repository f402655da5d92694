"""How sure an attribution is: the share of attributions like it that were right on annotated news.

An attribution is alike another when the same sieve found it, its mention is of the same kind
(a name, a pronoun, an organisation, a nominal) and its quote is of the same kind (full, partial,
heading). quotes/data/confidence.tsv counts, for each such cell, the attributions checked against
PolNeAR's train split and those that were right; `quotes eval GOLD --docs DIR --calibrate FILE`
writes the same table from any annotated data. A cell with few attributions leans on its sieve's
count for that kind of mention, that on every sieve's count for the kind of mention and quote,
and that on the sieve's own prior (Sieve.confidence), so that a rare combination gets the figure
of attributions most like it rather than 0, 1 or a guess.
"""
from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from .errors import QuotesError

PRIOR_WEIGHT = 10  # attributions' worth of belief given to the coarser estimate
COLUMNS = ("sieve", "mention", "kind", "attributed", "right")

Cell = tuple[str, str, str]  # sieve, mention kind, quote kind
Counts = dict[tuple[str, str], tuple[float, float]]


@cache
def confidence_table() -> dict[Cell, tuple[float, float]]:
    """(attributed, right) per cell, from quotes/data/confidence.tsv."""
    try:
        text = resources.files("quotes").joinpath("data").joinpath("confidence.tsv").read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise QuotesError("quotes/data/confidence.tsv: calibration table missing (reinstall quotes)") from e
    return parse_table(text)


def parse_table(text: str) -> dict[Cell, tuple[float, float]]:
    table = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith(COLUMNS[0] + "\t"):
            continue
        sieve, mention, kind, attributed, right = line.split("\t")
        table[(sieve, mention, kind)] = (float(attributed), float(right))
    return table


def confidence(sieve: str, mention: str, kind: str, prior: float, table: dict[Cell, tuple[float, float]] | None = None) -> float:
    """The calibrated confidence of an attribution by SIEVE with a MENTION-kind speaker phrase on a
    KIND quote; PRIOR when the table knows nothing like it."""
    cells, by_sieve, by_kind = _shipped_table() if table is None else (table, *_pooled(table))
    estimate = _shrunk(*by_kind.get((mention, kind), (0, 0)), prior)
    estimate = _shrunk(*by_sieve.get((sieve, mention), (0, 0)), estimate)
    return _shrunk(*cells.get((sieve, mention, kind), (0, 0)), estimate)


@cache
def _shipped_table() -> tuple[dict[Cell, tuple[float, float]], Counts, Counts]:
    cells = confidence_table()
    return cells, *_pooled(cells)


def _pooled(table: dict[Cell, tuple[float, float]]) -> tuple[Counts, Counts]:
    """(attributed, right) per sieve and mention kind (all quote kinds together), and per mention
    and quote kind (all sieves together)."""
    by_sieve: Counts = {}
    by_kind: Counts = {}
    for (sieve, mention, kind), (attributed, right) in table.items():
        for totals, key in ((by_sieve, (sieve, mention)), (by_kind, (mention, kind))):
            n, r = totals.get(key, (0, 0))
            totals[key] = (n + attributed, r + right)
    return by_sieve, by_kind


def _shrunk(attributed: float, right: float, prior: float) -> float:
    return (right + PRIOR_WEIGHT * prior) / (attributed + PRIOR_WEIGHT)


def write_table(path: Path, cells: dict[Cell, tuple[float, float]], source: str) -> None:
    """Write CELLS as the calibration table, noting the SOURCE they were counted on."""
    lines = [
        f"# Attributions checked against {source}, and how many were right (quotes.confidence); a",
        "# disagreement with a speaker the gold derived automatically counts as right by the share",
        "# of such speakers found wrong on reading (quotes.evaluate.DERIVED_SPEAKER_ERRORS).",
        "\t".join(COLUMNS),
    ]
    lines += ["\t".join([*cell, f"{n:g}", f"{right:.1f}".removesuffix(".0")]) for cell, (n, right) in sorted(cells.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
