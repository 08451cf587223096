"""The ratings feed: levels from the commitments alone, the card's JSON, CSV and text views, and the
version and date a document states about itself."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.docmeta import detect_date, detect_version
from extractor.models import Commitment, DocumentInfo, ExtractionOutput, Flag, RunInfo, Span
from extractor.output import write_json
from extractor.rate import commitment_level, rate, rating_schema, to_csv


def com(i: int, seoul: str | None, **fields: Any) -> Commitment:
    values: dict[str, Any] = {"actor": "Acme", "modality": "must", "trigger": None, "safeguard": "x",
                              "specificity": "concrete", "verifiable": False}
    values.update(fields)
    return Commitment(id=f"acme-{i}", quote=f"We will do thing {i}.", seoul=seoul,
                      span=Span(start=100 * i, end=100 * i + 20, page=1 + i // 3), **values)


def warn(code: str) -> list[Flag]:
    return [Flag(code=code, severity="warning", message="m", evidence="unless")]


def output(commitments: list[Commitment], doc_id: str = "acme") -> ExtractionOutput:
    return ExtractionOutput(
        schema_version="1.0",
        document=DocumentInfo(id=doc_id, path=f"{doc_id}.txt", sha256="0" * 64, title="Acme Policy", org="Acme",
                              pages=3, chars=1000, version="2.1", date="2025-05-14"),
        run=RunInfo(tool_version="0", backend="rules", time=datetime.now(timezone.utc)),
        commitments=commitments)


def test_commitment_levels() -> None:
    assert commitment_level(com(1, "I", modality="intend")) == 1  # hedged
    assert commitment_level(com(1, "I", specificity="vague")) == 1  # vague
    assert commitment_level(com(1, "I", flags=warn("C103"))) == 1  # escape clause: discretionary
    assert commitment_level(com(1, "I")) == 2  # binding and concrete
    assert commitment_level(com(1, "I", modality="must_not", specificity="quantitative")) == 2
    assert commitment_level(com(1, "I", verifiable=True)) == 3
    assert commitment_level(com(1, "I", verifiable=True, modality="may")) == 1


def test_card_levels_quotes_and_exceptions() -> None:
    cs = [com(1, "I", modality="intend"), com(2, "I", verifiable=True), com(3, "III", specificity="vague"),
          com(4, "IV", flags=warn("C104")), com(5, "IV"), com(6, None)]
    doc = rate([output(cs)]).documents[0]
    levels = {a.area: a.level for a in doc.areas}
    assert levels == {"I": 3, "II": 0, "III": 1, "IV": 2, "V": 0, "VI": 0, "VII": 0, "VIII": 0}
    area_i = doc.areas[0]
    assert area_i.commitments == ["acme-1", "acme-2"] and area_i.count == 2 and area_i.covered
    assert [q.id for q in area_i.quotes] == ["acme-2", "acme-1"]  # strongest first
    assert area_i.strongest_modality == "must" and area_i.any_verifiable
    assert doc.areas[3].flags == {"C104": 1}
    assert [(e.id, e.code) for e in doc.exceptions] == [("acme-4", "C104")]
    assert (doc.areas_covered, doc.unassigned, doc.version, doc.date) == (3, 1, "2.1", "2025-05-14")


def test_rate_command_json_csv_text(tmp_path: Path) -> None:
    out = tmp_path / "out"
    cs = [com(1, "I", verifiable=True), com(2, "VII"), com(3, "VII", modality="may", flags=warn("C102"))]
    write_json(out / "acme.json", output(cs))
    write_json(out / "beta.json", output([com(1, "II")], doc_id="beta"))
    runner = CliRunner()
    res = runner.invoke(app, ["rate", str(out), "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    jsonschema.validate(data, rating_schema())
    assert [d["id"] for d in data["documents"]] == ["acme", "beta"]
    cited = {i for d in data["documents"] for a in d["areas"] for i in a["commitments"]}
    assert cited == {"acme-1", "acme-2", "acme-3"}  # beta's only commitment has id acme-1 as well
    res = runner.invoke(app, ["rate", str(out), "--csv"])
    rows = list(csv.DictReader(io.StringIO(res.output)))
    assert len(rows) == 16 and rows[0]["area"] == "I" and rows[0]["level"] == "3"
    assert rows[6]["area"] == "VII" and rows[6]["commitments"] == "acme-2 acme-3"
    res = runner.invoke(app, ["rate", str(out), "-o", str(tmp_path / "card")])
    assert res.exit_code == 0 and "VII transparency" in res.output and "[2] beta" in res.output
    assert json.loads((tmp_path / "card" / "rating.json").read_text())["documents"][1]["id"] == "beta"
    assert (tmp_path / "card" / "rating.csv").read_text().startswith("document,")
    assert runner.invoke(app, ["rate", str(tmp_path / "nothing")]).exit_code != 0
    assert runner.invoke(app, ["rate", str(out), "--json", "--csv"]).exit_code == 2


def test_csv_has_one_row_per_area() -> None:
    text = to_csv(rate([output([com(1, "V")])]))
    assert text.count("\n") == 9  # header + 8 areas


@pytest.mark.parametrize(("head", "version", "date"), [
    ("## Widget Safety Policy\nVersion 2.2\nEffective May 14, 2025\n\nWe build widgets.", "2.2", "2025-05-14"),
    ("## Policy (Beta)\nUpdated: 4th February 2025\n", "Beta", "2025-02-04"),
    ("# Framework v3.1\n\nApplicable from August 2025\n", "3.1", "2025-08"),
    ("# Rules\nLast updated 2024-11-03\n", None, "2024-11-03"),
    # a cover block of fields ("Version: 2.1")
    ("HARROW PLC\n\nTESTING POLICY\n\nVersion: 2.1\nApproval date: 14 March 2025\n", "2.1", "2025-03-14"),
    ("# Rules\n\nIn September 2023, we released a long statement of principles that runs well past the "
     "length of a title line and so is prose, not the document's own date.\n", None, None),
    ("# Rules\n\nNothing dated here.\n", None, None),
    # a title that ends on its version; not a numbered section's heading
    ("## Harbour Safety Framework 2.0\n\nPublished: July 7, 2026\n", "2.0", "2026-07-07"),
    ("# Rules\n\n2.1 Scope of the rules\n\nThe rules cover every pier.\n", None, None),
    # an event in a wrapped line of prose is not the date; the date every page's footer prints is
    ("# Rules\n\nour pledges go back to a promise we signed in May 2024 together with several partners\n"
     + "".join(f"\n[[page {n}]]\n\nWe test models.\n\nMarch 2031\nRules {n}\n" for n in range(2, 6)), None, "2031-03"),
    # the version of the licence the page is published under is not the document's
    ("# Harbour Commitments\n\nUpdated 7 February 2025\n\nThis page is licensed under the Open Harbour Licence v3.0 "
     "except where otherwise stated.\n", None, "2025-02-07"),
    ("# Harbour Commitments\n\nShared under the Harbour Licence v2.0.\n\nVersion 1.2\n", "1.2", None),
    # a date inside a web address is not one
    ("# Rules\n\nSee https://example.org/blog/2023-09-26-notes/ and more.\n", None, None),
    # a legal text says when it applies in its closing provisions, however long it is
    ("# Rules\n\n" + "The Company shall assess each model. " * 120 + "\n\nSupplementary Provisions\nThese Rules take "
     "effect on January 1, 2026.\n", None, "2026-01-01"),
])
def test_version_and_date_from_the_head(head: str, version: str | None, date: str | None) -> None:
    assert detect_version(head) == version
    assert detect_date(head) == date
