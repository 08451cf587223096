"""Agreement between two independent annotation passes of the same documents (`gold/passes/`).

A gold label is only as trustworthy as two readers' agreement on it, so the gold README reports,
per document and per field, how far two full passes agreed before adjudication. The passes are
compared exactly as the scorer compares a prediction with the gold (ANNOTATION.md "Scoring"): pass A
plays the gold, pass B the prediction; detection F1 is symmetric, the field figures are over the
matched pairs. Cohen's kappa is added for the categorical fields.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, Field

from .errors import GoldError
from .evaluate import Tally, match_spans
from .gold import GoldDocument, GoldProblem, check_gold

PASS_NAMES = ("A", "B")
ADJUDICATION_SUFFIX = ".adjudication.json"


def cohen_kappa(pairs: Sequence[tuple[object, object]]) -> float | None:
    """Unweighted Cohen's kappa of (first, second) labels; None when chance agreement is total."""
    n = len(pairs)
    if n == 0:
        return None
    labels = sorted({str(x) for pair in pairs for x in pair})
    observed = sum(1 for a, b in pairs if a == b) / n
    expected = sum((sum(1 for a, _ in pairs if str(a) == lab) / n) * (sum(1 for _, b in pairs if str(b) == lab) / n)
                   for lab in labels)
    if expected >= 1.0:
        return None
    return (observed - expected) / (1.0 - expected)


class Agreement(BaseModel):
    """Two passes over one document (or pooled over several)."""

    document: str
    a: int = Field(description="commitments in pass A")
    b: int = Field(description="commitments in pass B")
    matched: int
    detection_f1: float
    actor: float | None = None
    modality: float | None = None
    modality_kappa: float | None = None
    trigger_f1: float | None = None
    safeguard_f1: float | None = None
    specificity: float | None = None
    specificity_kappa: float | None = Field(None, description="quadratic-weighted")
    verifiable: float | None = None
    verifiable_mcc: float | None = None
    verifiable_kappa: float | None = None
    seoul: float | None = None
    seoul_kappa: float | None = None
    adjudicated: int | None = Field(None, description="items the third reader decided (from the adjudication record)")


def _compare(a: GoldDocument, b: GoldDocument) -> Tally:
    tally = Tally(gold=len(a.items), predicted=len(b.items))
    matches = match_spans([(i.start, i.end) for i in a.items], [(i.start, i.end) for i in b.items])
    tally.tp = len(matches)
    for ai, bi, _ in matches:
        tally.add_pair(a.items[ai].commitment, b.items[bi].commitment, a.gold.org)
    return tally


def _agreement(name: str, tally: Tally, adjudicated: int | None) -> Agreement:
    s = tally.scores()
    return Agreement(
        document=name, a=s.gold, b=s.predicted, matched=s.tp, detection_f1=s.f1, actor=s.actor_acc,
        modality=s.modality_acc, modality_kappa=cohen_kappa(tally.modality), trigger_f1=s.trigger_f1,
        safeguard_f1=s.safeguard_f1, specificity=s.specificity_acc, specificity_kappa=s.specificity_kappa,
        verifiable=s.verifiable_acc, verifiable_mcc=s.verifiable_mcc, verifiable_kappa=cohen_kappa(tally.verifiable),
        seoul=s.seoul_acc, seoul_kappa=cohen_kappa(tally.seoul), adjudicated=adjudicated)


def pass_files(passes_dir: Path) -> dict[str, dict[str, Path]]:
    """Document stem -> pass name -> file, for the stems that have both passes."""
    if not passes_dir.is_dir():
        raise GoldError(f"{passes_dir}: no such folder of annotation passes")
    found: dict[str, dict[str, Path]] = {}
    for p in sorted(passes_dir.glob("*.json")):
        stem, _, name = p.name[: -len(".json")].rpartition(".")
        if name in PASS_NAMES and stem:
            found.setdefault(stem, {})[name] = p
    return {stem: v for stem, v in found.items() if set(v) == set(PASS_NAMES)}


def _adjudicated(passes_dir: Path, stem: str) -> int | None:
    path = passes_dir / f"{stem}{ADJUDICATION_SUFFIX}"
    if not path.is_file():
        return None
    data = json.loads(path.read_text("utf-8"))
    items = data.get("decisions", data) if isinstance(data, dict) else data
    return len(items) if isinstance(items, list) else None


def agreement(passes_dir: Path, corpus_dir: Path) -> list[Agreement]:
    """Per document with two passes, then pooled over all ('all'); any invalid pass raises."""
    rows: list[Agreement] = []
    pooled = Tally()
    adjudicated_total = 0
    for stem, files in pass_files(passes_dir).items():
        loaded = []
        for name in PASS_NAMES:
            doc, problems = check_gold(files[name], corpus_dir)
            if problems:
                raise GoldProblem(problems[0].path, problems[0].problem, problems[0].index)
            assert doc is not None
            loaded.append(doc)
        tally = _compare(loaded[0], loaded[1])
        adjudicated = _adjudicated(passes_dir, stem)
        adjudicated_total += adjudicated or 0
        rows.append(_agreement(stem, tally, adjudicated))
        pooled.add(tally)
    if not rows:
        raise GoldError(f"{passes_dir}: no document has both passes (<stem>.A.json and <stem>.B.json)")
    rows.append(_agreement("all", pooled, adjudicated_total))
    return rows


COLUMNS: tuple[tuple[str, str], ...] = (
    ("a", "A"), ("b", "B"), ("matched", "matched"), ("detection_f1", "detection F1"), ("actor", "actor"),
    ("modality", "modality"), ("trigger_f1", "trigger F1"), ("specificity", "specificity"),
    ("specificity_kappa", "spec. kappa (quadratic)"), ("verifiable_mcc", "verifiable MCC"),
    ("verifiable_kappa", "verifiable kappa"), ("seoul", "seoul acc."), ("seoul_kappa", "seoul kappa"),
    ("adjudicated", "adjudicated"),
)


def _fmt(value: object) -> str:
    if value is None:
        return "-"
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def markdown(rows: Sequence[Agreement]) -> str:
    """The table for `gold/README.md`."""
    head = "| document | " + " | ".join(label for _, label in COLUMNS) + " |"
    sep = "|---|" + "---|" * len(COLUMNS)
    body = [f"| {'**all (pooled)**' if r.document == 'all' else r.document} | "
            + " | ".join(_fmt(getattr(r, key)) for key, _ in COLUMNS) + " |" for r in rows]
    return "\n".join([head, sep, *body])

