"""`quotes eval`: score extracted quotes against a gold file, the way the reference scorer does.

Gold lines are JSON objects with `doc`, `start`, `end`, `speaker`, and optionally `kind`,
`speaker_resolution`, `speaker_mention_start`/`_end` and `alt` (other accepted names).
Matching and name comparison follow PolNeAR's `score.py` exactly, so the headline figures agree.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .confidence import Cell
from .errors import QuotesError
from .repair import source_offset
from .words import ARTICLES

TRUSTED = ("name", "name_ambiguous", "org", "coref", "relative", "adjudicated", "seed")
NAME_TITLES = frozenset({"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "pres", "president", "secretary", "minister", "gen"})
EDGE = "\"'“”‘’,."
CONFIDENCE_BANDS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)
# Where the system names a person and PolNeAR's automatically derived speaker (coreference and
# name expansion) is another, the derived one is often the wrong one: reading a random sample of
# 40 such disagreements on train (December 2026), 28 were the gold's error (a pronoun chained to
# the wrong person, a surname or a truncated form for the full name, a label such as "Getty").
# A calibration table counted against derived speakers credits each such disagreement with that
# share, so that confidence estimates how often an attribution is right, not how often it agrees
# with the derivation (a description or an organisation against a derived name is no such
# dispute: those are mostly real errors).
DERIVED_SPEAKER_ERRORS = 28 / 40
DERIVED_RESOLUTIONS = frozenset({"name", "name_ambiguous", "org", "coref", "relative"})
PERSON_MENTIONS = frozenset({"person", "pronoun"})


def normalise_name(name: str | None) -> str:
    """Lowercase, accents and punctuation removed, titles dropped: what the scorer compares."""
    if not name:
        return ""
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c)).lower()
    name = re.sub(r"[^a-z0-9' -]", " ", name).replace("'s ", " ")
    words = [t for t in name.split() if t not in NAME_TITLES]
    while len(words) > 1 and words[0] in ARTICLES:  # "a senior official" is "senior official"
        words = words[1:]
    return " ".join(words)


def name_match(predicted: str | None, gold: str, alternatives=()) -> str | None:
    """'strict' for the same name (middle names aside), 'lenient' for the same surname form, else None."""
    p = normalise_name(predicted)
    if not p:
        return None
    candidates = [g for g in (normalise_name(n) for n in (gold, *alternatives)) if g]
    pt = p.split()
    for g in candidates:
        gt = g.split()
        if p == g or (len(pt) > 1 and len(gt) > 1 and pt[0] == gt[0] and pt[-1] == gt[-1]):
            return "strict"
    for g in candidates:
        gt = g.split()
        if pt[-1] == gt[-1] and (set(pt) <= set(gt) or set(gt) <= set(pt)):
            return "lenient"
    return None


def in_source(prediction: dict, repairs: tuple) -> dict:
    """PREDICTION with its offsets in the text as the file wrote it, before any mojibake repair
    (repair.Repair): the offsets a gold file gives."""
    return prediction | {key: source_offset(repairs, prediction[key]) for key in ("start", "end")} if repairs else prediction


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in EDGE):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in EDGE):
        end -= 1
    return start, end


@dataclass
class Tally:
    """Quotes attributed and how many of them strictly right (by calibration's count, in part)."""

    n: int = 0
    right: float = 0

    def add(self, correct: bool | float) -> None:
        self.n += 1
        self.right += correct

    @property
    def accuracy(self) -> float:
        return round(self.right / self.n, 4) if self.n else 0.0


@dataclass
class Evaluation:
    gold: int = 0
    predicted: int = 0
    found: int = 0
    exact: int = 0
    false_alarms: int = 0
    attributed: int = 0
    strict: int = 0
    lenient: int = 0
    trusted_gold: int = 0
    by_sieve: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_type: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_band: dict[str, tuple[Tally, list[float]]] = field(default_factory=dict)
    errors: dict[str, list[dict]] = field(default_factory=lambda: defaultdict(list))
    by_cell: dict[Cell, Tally] = field(default_factory=lambda: defaultdict(Tally))  # for calibration

    def figures(self) -> dict:
        precision = self.found / (self.found + self.false_alarms) if self.found + self.false_alarms else 0.0
        recall = self.found / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "gold": self.gold,
            "pred": self.predicted,
            "tp": self.found,
            "fp": self.false_alarms,
            "quote_P": round(precision, 4),
            "quote_R": round(recall, 4),
            "quote_F1": round(f1, 4),
            "exact_share": round(self.exact / self.found, 4) if self.found else 0.0,
            "attr_n": self.attributed,
            "attr_strict": round(self.strict / self.attributed, 4) if self.attributed else 0.0,
            "attr_lenient": round(self.lenient / self.attributed, 4) if self.attributed else 0.0,
            "end_to_end_strict": round(self.strict / self.trusted_gold, 4) if self.trusted_gold else 0.0,
        }

    def report(self) -> dict:
        """Figures plus the breakdowns: per sieve, per speaker type, per confidence band, error counts."""
        return {
            **self.figures(),
            "by_sieve": {k: {"n": t.n, "right": t.right, "accuracy": t.accuracy} for k, t in sorted(self.by_sieve.items())},
            "by_speaker_type": {k: {"n": t.n, "right": t.right, "accuracy": t.accuracy} for k, t in sorted(self.by_type.items())},
            "calibration": {
                band: {"n": tally.n, "accuracy": tally.accuracy, "mean_confidence": round(sum(c) / len(c), 4) if c else 0.0}
                for band, (tally, c) in self.by_band.items()
            },
            "errors": {k: len(v) for k, v in sorted(self.errors.items())},
            "errors_by_rule": {
                rule: dict(sorted(Counter(kind for kind, _ in errors).items())) for rule, errors in sorted(self.error_groups("rule").items())
            },
        }

    def error_groups(self, by: str) -> dict[str, list[tuple[str, dict]]]:
        """The errors as (class, error) pairs, grouped BY "class" (missed, other speaker, …) or by
        "rule": the sieve that answered, "(none)" for a quote no rule attributed or none found."""
        groups: dict[str, list[tuple[str, dict]]] = defaultdict(list)
        for kind, errors in self.errors.items():
            for error in errors:
                key = kind if by == "class" else (error.get("prediction") or {}).get("sieve") or "(none)"
                groups[key].append((kind, error))
        return groups


def load_jsonl(path: str | Path) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as e:
                    raise QuotesError(f"{path}:{number}: not a JSON object ({e.msg})") from e
    return rows


def evaluate(gold: list[dict], predictions: list[dict], texts: dict[str, str], kinds: set[str] | None = None,
             trusted: tuple[str, ...] = TRUSTED) -> Evaluation:
    """Score PREDICTIONS (JSONL contract rows, keyed by file base name) against GOLD over the docs in TEXTS."""
    result = Evaluation()
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for row in predictions:
        doc = Path(row.get("doc") or row.get("file") or row.get("path") or "").name
        if doc in texts:
            by_doc[doc].append(row)
    result.predicted = sum(len(rows) for rows in by_doc.values())
    counted = [g for g in gold if kinds is None or g.get("kind") in kinds]
    optional = [g for g in gold if not (kinds is None or g.get("kind") in kinds)]
    result.gold = len(counted)
    result.trusted_gold = sum(1 for g in counted if g.get("speaker") and g.get("speaker_resolution", "seed") in trusted)
    bands = list(zip(CONFIDENCE_BANDS, CONFIDENCE_BANDS[1:]))
    result.by_band = {f"{low:.1f}-{min(high, 1.0):.1f}": (Tally(), []) for low, high in bands}
    used: set[tuple[str, int]] = set()
    for g in counted:
        match = best_match(g, by_doc.get(g["doc"], []), texts[g["doc"]])
        if match is None:
            result.errors["missed"].append({"gold": g})
            continue
        i, prediction, exact = match
        used.add((g["doc"], i))
        result.found += 1
        result.exact += exact
        if not (g.get("speaker") and g.get("speaker_resolution", "seed") in trusted):
            continue
        result.attributed += 1
        verdict = name_match(prediction.get("speaker"), g["speaker"], g.get("alt", []))
        correct = verdict == "strict"
        result.strict += correct
        result.lenient += verdict is not None
        result.by_sieve[prediction.get("sieve") or "(none)"].add(correct)
        result.by_type[prediction.get("speaker_type") or "unknown"].add(correct)
        if prediction.get("speaker") and prediction.get("sieve"):
            cell = (prediction["sieve"], prediction.get("speaker_mention_type") or "unknown", prediction.get("kind") or "full")
            disputed = g.get("speaker_resolution") in DERIVED_RESOLUTIONS and cell[1] in PERSON_MENTIONS
            result.by_cell[cell].add(correct or DERIVED_SPEAKER_ERRORS * disputed)
        confidence = float(prediction.get("confidence") or 0.0)
        for (low, high), (tally, confidences) in zip(bands, result.by_band.values()):
            if low <= confidence < high:
                tally.add(correct)
                confidences.append(confidence)
        if not correct:
            result.errors[speaker_error_class(g, prediction)].append({"gold": g, "prediction": prediction})
    for g in optional:
        match = best_match(g, by_doc.get(g["doc"], []), texts[g["doc"]])
        if match:
            used.add((g["doc"], match[0]))
    for doc, rows in by_doc.items():
        for i, row in enumerate(rows):
            if (doc, i) not in used:
                result.false_alarms += 1
                result.errors["false alarm"].append({"prediction": row})
    return result


def best_match(gold: dict, predictions: list[dict], text: str):
    """(index, prediction, exact) of the prediction overlapping GOLD by half the longer span, or None."""
    gs, ge = strip_span(text, gold["start"], gold["end"])
    best, best_overlap = None, 0.0
    for i, prediction in enumerate(predictions):
        ps, pe = strip_span(text, prediction["start"], prediction["end"])
        overlap = min(ge, pe) - max(gs, ps)
        if overlap <= 0:
            continue
        ratio = overlap / max(ge - gs, pe - ps, 1)
        if ratio > best_overlap:
            best, best_overlap = (i, prediction, (ps, pe) == (gs, ge)), ratio
    return best if best_overlap >= 0.5 else None


def speaker_error_class(gold: dict, prediction: dict) -> str:
    """Why a found quote has the wrong speaker: no speaker, pronoun chain, wrong mention, or name form."""
    if not prediction.get("speaker"):
        return "no speaker"
    mention = (prediction.get("speaker_mention") or "").lower()
    if mention in ("he", "she", "they", "him", "her"):
        return "pronoun resolved wrongly"
    if name_match(prediction.get("speaker"), gold["speaker"]) == "lenient":
        return "name form (surname right)"
    return "other speaker"


def print_errors(evaluation: Evaluation, texts: dict[str, str], limit: int, echo, by: str = "rule") -> None:
    """The first LIMIT errors of each group (by rule or by class), biggest group first, each with
    its class and context."""
    for name, errors in sorted(evaluation.error_groups(by).items(), key=lambda item: (-len(item[1]), item[0])):
        classes = Counter(kind for kind, _ in errors)
        echo(f"\n## {name}: {len(errors)} (" + ", ".join(f"{kind} {n}" for kind, n in sorted(classes.items(), key=lambda item: (-item[1], item[0]))) + ")")
        for kind, error in errors[:limit]:
            row = error.get("gold") or error["prediction"]
            text = texts[Path(row.get("doc") or row.get("file")).name]
            before = text[max(0, row["start"] - 80) : row["start"]].replace("\n", " ")
            after = text[row["end"] : row["end"] + 60].replace("\n", " ")
            echo(f"- [{kind}] {before}[[{text[row['start']:row['end']][:80]}]]{after}")
            if "gold" in error and "prediction" in error:
                echo(f"  gold: {error['gold']['speaker']} ({error['gold'].get('speaker_mention')}) · "
                     f"ours: {error['prediction'].get('speaker')} ({error['prediction'].get('speaker_mention')}, "
                     f"{error['prediction'].get('sieve')})")
