"""Agreement between two annotation passes, computed as the scorer compares prediction and gold."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from extractor.agreement import agreement, cohen_kappa
from extractor.cli import app

DOC = """Acme builds models.
We will publish a capability report before each release.
We will notify the board within 30 days of an incident.
If a model reaches the red line, we will pause training.
We may delay deployment at our discretion.
"""


def item(quote: str, **fields: Any) -> dict[str, Any]:
    values: dict[str, Any] = {"quote": quote, "actor": "Acme", "modality": "must", "trigger": None,
                              "safeguard": quote, "specificity": "concrete", "verifiable": False, "seoul": "III"}
    values.update(fields)
    return values


def write_passes(tmp_path: Path, a: list[dict[str, Any]], b: list[dict[str, Any]]) -> tuple[Path, Path]:
    docs, passes = tmp_path / "docs", tmp_path / "gold" / "passes"
    docs.mkdir()
    passes.mkdir(parents=True)
    (docs / "acme.txt").write_text(DOC, "utf-8")
    for name, items in (("A", a), ("B", b)):
        (passes / f"acme.{name}.json").write_text(
            json.dumps({"document": "acme.txt", "org": "Acme", "commitments": items}), "utf-8")
    return passes, docs


def test_agreement_per_field(tmp_path: Path) -> None:
    a = [item("We will publish a capability report before each release", verifiable=True, seoul="VII"),
         item("We will notify the board within 30 days of an incident", specificity="quantitative", seoul="VI"),
         item("If a model reaches the red line, we will pause training", seoul="IV")]
    b = [item("We will publish a capability report before each release", verifiable=True, seoul="VII"),
         item("notify the board within 30 days", specificity="quantitative", seoul="VII"),
         item("We may delay deployment at our discretion", modality="may", specificity="vague")]
    passes, docs = write_passes(tmp_path, a, b)
    rows = agreement(passes, docs)
    doc, pooled = rows
    assert (doc.document, doc.a, doc.b, doc.matched) == ("acme", 3, 3, 2)
    assert doc.detection_f1 == pytest.approx(2 / 3)
    assert doc.verifiable_mcc == pytest.approx(1.0)
    assert doc.seoul == pytest.approx(0.5)
    assert pooled.document == "all" and pooled.matched == 2


def test_cohen_kappa() -> None:
    assert cohen_kappa([("a", "a"), ("b", "b")]) == pytest.approx(1.0)
    assert cohen_kappa([("a", "b"), ("b", "a")]) == pytest.approx(-1.0)
    assert cohen_kappa([("a", "a"), ("a", "a")]) is None


def test_gold_agreement_command(tmp_path: Path) -> None:
    a = [item("We will publish a capability report before each release")]
    passes, docs = write_passes(tmp_path, a, a)
    result = CliRunner().invoke(app, ["gold", "agreement", "--passes", str(passes), "--docs", str(docs), "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows[0]["detection_f1"] == 1.0 and rows[0]["document"] == "acme"
    empty = tmp_path / "empty"
    empty.mkdir()
    result = CliRunner().invoke(app, ["gold", "agreement", "--passes", str(empty), "--docs", str(docs)])
    assert result.exit_code != 0
