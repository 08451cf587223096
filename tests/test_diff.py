"""`extract diff`: labels from field changes, one-to-one alignment, the JSON contract, the CLI, gold scoring."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import jsonschema
import numpy as np
import pytest
from typer.testing import CliRunner

from extractor.align import commitment_id
from extractor.cli import app
from extractor.diff import (
    FLOOR,
    MARGIN,
    THRESHOLD,
    DiffOutput,
    assign,
    assign_greedy,
    compare,
    diff_filename,
    diff_json_schema,
    diff_outputs,
    render_text,
    standout,
    text_similarity,
    text_similarity_matrix,
)
from extractor.evaluate_diff import GoldDiff, GoldPair, score_diff
from extractor.models import Commitment, DocumentInfo, ExtractionOutput, RunInfo, Span

OLD_TEXT = """# Example Lab Safety Policy

We will publish a capability report within 30 days of each deployment.

Before we train any larger model, we will run dangerous-capability evaluations.

The Board must approve every deployment of a frontier model.

We will keep all model weights in a secured storage system.
"""

NEW_TEXT = """# Example Lab Safety Policy

We aim to publish a capability report when appropriate.

We will run dangerous-capability evaluations on our models.

The Board must approve every deployment of a frontier model.

We will notify the government within 14 days of any serious incident.
"""


def commitment(doc_id: str, quote: str, modality: str = "must", specificity: str = "concrete",
               trigger: str | None = None, start: int = 0) -> Commitment:
    return Commitment(
        id=commitment_id(doc_id, start, start + len(quote), quote), quote=quote, actor="Example Lab",
        modality=modality,  # type: ignore[arg-type]
        trigger=trigger, safeguard=quote, specificity=specificity,  # type: ignore[arg-type]
        verifiable=False, span=Span(start=start, end=start + len(quote), page=1))


def output(doc_id: str, commitments: list[Commitment]) -> ExtractionOutput:
    return ExtractionOutput(
        schema_version="1.0",
        document=DocumentInfo(id=doc_id, path=f"{doc_id}.txt", sha256="0" * 64, title=doc_id, org="Example Lab",
                              pages=1, chars=1000),
        run=RunInfo(tool_version="test", backend="rules", time=datetime.now(timezone.utc)),
        commitments=commitments)


def by_old_quote(diff: DiffOutput) -> dict[str | None, tuple[str, str | None]]:
    return {p.old_quote: (p.label, p.new_quote) for p in diff.pairs}


# ---------------------------------------------------------------------------------------------
# Labels


def test_must_to_intend_is_weakened_and_says_why() -> None:
    old = commitment("a", "We will publish a model card for each new model")
    new = commitment("b", "We intend to publish a model card for each new model", modality="intend")
    label, reasons = compare(old, new)
    assert label == "weakened"
    assert [(r.kind, r.direction, r.old, r.new) for r in reasons] == [("modality", "weaker", "must", "intend")]


def test_should_to_must_is_strengthened() -> None:
    label, reasons = compare(commitment("a", "Logs should be kept for review", modality="should"),
                             commitment("b", "Logs must be kept for review"))
    assert label == "strengthened" and reasons[0].text == "modality should -> must"


def test_must_and_must_not_have_the_same_force() -> None:
    label, _ = compare(commitment("a", "We will pause training of larger models"),
                       commitment("b", "We will not train larger models", modality="must_not"))
    assert label == "reworded"


def test_specificity_loss_deadline_loss_verifier_loss_escape_clause_each_weaken() -> None:
    base = commitment("a", "We will share the evaluation results with the board")
    cases = [
        (commitment("a", "We will share results within 30 days", specificity="quantitative"),
         commitment("b", "We will share results in due course", specificity="vague"), "specificity"),
        (commitment("a", "We will define the next evaluations", trigger="before we train larger models"),
         commitment("b", "We will define the next evaluations soon"), "trigger"),
        (base, commitment("b", "We will share the evaluation results internally"), "verifier"),
        (commitment("a", "We will share the evaluation results"),
         commitment("b", "We will share the evaluation results where possible"), "escape"),
    ]
    for old, new, kind in cases:
        label, reasons = compare(old, new)
        assert label == "weakened", (kind, reasons)
        assert any(r.kind == kind and r.direction == "weaker" for r in reasons), (kind, reasons)


def test_trust_and_safety_is_not_a_verifier_but_the_trust_is() -> None:
    old = commitment("a", "We will train models to refuse harmful requests")
    assert compare(old, commitment("b", "We will train models to refuse harmful requests and use trust and safety "
                                        "tooling"))[0] != "strengthened"
    label, reasons = compare(old, commitment("b", "We will train models to refuse harmful requests and tell the Trust"))
    assert label == "strengthened" and any(r.kind == "verifier" for r in reasons)


def test_added_condition_and_exception_weaken_removed_condition_strengthens() -> None:
    q = "We will halt deployment of the model"
    assert compare(commitment("a", q), commitment("b", q + " unless the CEO approves",
                                                   trigger="unless the CEO approves"))[0] == "weakened"
    assert compare(commitment("a", q + " if risks are found", trigger="if risks are found"),
                   commitment("b", q + " now"))[0] == "strengthened"


def test_normalised_equal_quotes_are_unchanged() -> None:
    old = commitment("a", "Vendor security must be regularly reviewed1.")
    new = commitment("b", "Vendor  security must be regularly reviewed", modality="should")
    label, reasons = compare(old, new)  # same words: the fields cannot have changed, whatever they say
    assert label == "unchanged" and reasons == []


# ---------------------------------------------------------------------------------------------
# Alignment


def test_optimal_assignment_beats_greedy() -> None:
    # greedy takes the single best pair (0,0) and strands row 1; the optimum pairs both
    sim = np.array([[0.90, 0.80], [0.85, 0.10]])
    assert assign_greedy(sim, 0.5) == [(0, 0)]
    assert sorted(assign(sim, 0.5)) == [(0, 1), (1, 0)]
    assert sum(sim[i, j] for i, j in assign(sim, 0.5)) > sum(sim[i, j] for i, j in assign_greedy(sim, 0.5))


def test_threshold_leaves_dissimilar_commitments_unpaired() -> None:
    sim = np.array([[0.9, 0.2], [0.3, 0.35]])
    assert assign(sim, 0.4) == [(0, 0)]
    assert assign(np.zeros((0, 3)), 0.4) == []


def test_standout_is_the_lead_over_the_best_alternative_of_row_and_column() -> None:
    sim = np.array([[0.30, 0.10, 0.05],
                    [0.12, 0.28, 0.27],
                    [0.02, 0.26, 0.04]])
    lead = standout(sim)
    assert lead[0, 0] == pytest.approx(0.30 - 0.12)  # column 0's second best is row 1
    assert lead[1, 1] == pytest.approx(0.28 - 0.27)  # row 1's second best is column 2
    assert lead[2, 1] == pytest.approx(0.26 - 0.28)  # not the best of its column: negative
    assert (lead > 0).sum() == 2  # only mutual bests stand out
    assert standout(np.array([[0.4]]))[0, 0] > 0 and standout(np.zeros((0, 2))).shape == (0, 2)


def test_below_the_threshold_only_a_clear_mutual_best_above_the_floor_is_paired() -> None:
    sim = np.array([[0.30, 0.10, 0.05, 0.00],   # a clear mutual best below the threshold: kept
                    [0.12, 0.28, 0.00, 0.27],   # best of both sides but by 0.01 only: not kept
                    [0.02, 0.06, 0.15, 0.00]])  # a clear mutual best under the floor: not kept
    assert assign(sim, 0.5) == []  # the plain threshold pairs nothing
    assert assign(sim, 0.5, floor=0.2, margin=0.02) == [(0, 0)]
    assert sorted(assign(sim, 0.5, floor=0.2, margin=0.0)) == [(0, 0), (1, 1)]
    assert sorted(assign(sim, 0.5, floor=0.1, margin=0.02)) == [(0, 0), (2, 2)]
    assert assign(sim, 0.25, floor=0.2, margin=0.02) == assign(sim, 0.25, floor=0.2, margin=0.5)
    assert sorted(assign(sim, 0.25)) == [(0, 0), (1, 1)]  # above the threshold the lead does not matter
    assert assign(sim, 0.5, floor=0.9) == assign(sim, 0.5)  # a floor above the threshold is the threshold


def _hashed_bag_of_words(texts: list[str]) -> np.ndarray:
    """A real, deterministic embedding: words hashed into 64 buckets (enough to test the defaults)."""
    import zlib

    out = np.zeros((len(texts), 64))
    for r, t in enumerate(texts):
        for w in t.lower().split():
            out[r, zlib.crc32(w.encode()) % 64] += 1.0
    return out


def test_relative_criterion_pairs_a_rewritten_commitment_by_default() -> None:
    olds = ["We will publish a capability report for every frontier model",
            "Our staff will receive annual security training"]
    news = ["Capability reports are published for frontier systems",
            "Visitors must sign in at reception"]
    old = output("v1", [commitment("v1", q, start=100 * k) for k, q in enumerate(olds)])
    new = output("v2", [commitment("v2", q, start=100 * k) for k, q in enumerate(news)])
    diff = diff_outputs(old, new, embed=_hashed_bag_of_words)
    assert (diff.run.threshold, diff.run.floor, diff.run.margin) == (THRESHOLD, FLOOR, MARGIN)
    pair = next(p for p in diff.pairs if p.old_quote == olds[0])
    assert pair.new_quote == news[0]
    assert pair.similarity is not None and FLOOR <= pair.similarity < THRESHOLD  # kept by the relative criterion
    assert by_old_quote(diff)[olds[1]] == ("removed", None)
    plain = diff_outputs(old, new, embed=_hashed_bag_of_words, floor=THRESHOLD)
    assert {p.label for p in plain.pairs} == {"removed", "added"}  # the plain threshold loses the pair
    text_only = diff_outputs(old, new, embed=None)
    assert text_only.run.floor == text_only.run.threshold  # no relative criterion on text similarity alone


def test_diff_uses_the_optimal_pairing_on_real_text() -> None:
    # the first old commitment is closest to the first new one, which is the second's only match
    olds = ["We will publish the safety report and the model card each year",
            "We will publish the safety report"]
    news = ["We will publish the safety report and the model card",
            "We will publish the model card each year"]
    sim = text_similarity_matrix(olds, news)
    greedy, best = assign_greedy(sim, 0.4), assign(sim, 0.4)
    assert len(greedy) == 1 and sorted(best) == [(0, 1), (1, 0)]  # a case where greedy goes wrong
    diff = diff_outputs(output("v1", [commitment("v1", q, start=100 * k) for k, q in enumerate(olds)]),
                        output("v2", [commitment("v2", q, start=100 * k) for k, q in enumerate(news)]),
                        threshold=0.4, embed=None)
    got = {(p.old_quote, p.new_quote) for p in diff.pairs}
    assert got == {(olds[i], news[j]) for i, j in best}


def test_text_similarity_matrix_matches_pairwise() -> None:
    a = ["We will publish a report.", "Logs must be kept for 30 days"]
    b = ["We will publish a report", "We may keep logs", "Something else entirely"]
    m = text_similarity_matrix(a, b)
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            assert m[i, j] == pytest.approx(text_similarity(x, y), abs=1e-6)
    assert m[0, 0] == 1.0 and m[1, 2] < 0.2


def test_removed_added_unchanged_and_weakened_in_one_diff() -> None:
    old = output("v1", [
        commitment("v1", "We will publish a capability report within 30 days", specificity="quantitative"),
        commitment("v1", "The Board must approve every deployment", start=100),
        commitment("v1", "We will keep all model weights in secured storage", start=200),
    ])
    new = output("v2", [
        commitment("v2", "We aim to publish a capability report", modality="intend", specificity="vague"),
        commitment("v2", "The Board must approve every deployment.", start=100),
        commitment("v2", "We will notify the government of serious incidents", start=200),
    ])
    diff = diff_outputs(old, new, embed=None, threshold=0.4)
    pairs = by_old_quote(diff)
    assert pairs["We will publish a capability report within 30 days"] == (
        "weakened", "We aim to publish a capability report")
    assert pairs["The Board must approve every deployment"][0] == "unchanged"
    assert pairs["We will keep all model weights in secured storage"] == ("removed", None)
    assert pairs[None] == ("added", "We will notify the government of serious incidents")
    assert [p.label for p in diff.pairs] == ["weakened", "removed", "added", "unchanged"]  # worst first
    assert diff.summary == {"weakened": 1, "removed": 1, "strengthened": 0, "added": 1, "reworded": 0,
                            "unchanged": 1}
    removed = next(p for p in diff.pairs if p.label == "removed")
    assert removed.new_id is None and removed.old_id == old.commitments[2].id and removed.new_span is None
    text = render_text(diff)
    assert text.index("WEAKENED") < text.index("REMOVED") < text.index("ADDED")
    assert "modality must -> intend" in text and "UNCHANGED (1): not listed" in text


def test_diff_json_follows_its_schema() -> None:
    old = output("v1", [commitment("v1", "We will publish a capability report")])
    new = output("v2", [commitment("v2", "We will publish a capability report annually", specificity="quantitative")])
    diff = diff_outputs(old, new, embed=None)
    jsonschema.validate(json.loads(diff.model_dump_json()), diff_json_schema())
    assert diff_filename(diff) == "v1__v2.diff.json"
    assert diff.pairs[0].label == "strengthened"


# ---------------------------------------------------------------------------------------------
# Gold scoring


def test_score_counts_alignment_and_labels_by_span() -> None:
    old = output("v1", [
        commitment("v1", "We will publish a report", start=0),
        commitment("v1", "We will audit the lab yearly", start=30, specificity="quantitative"),
    ])
    new = output("v2", [commitment("v2", "We may publish a report", modality="may", start=0)])
    old_text = "We will publish a report.    We will audit the lab yearly."
    new_text = "We may publish a report."
    diff = diff_outputs(old, new, embed=None, threshold=0.3)
    gold = GoldDiff(old="v1.txt", new="v2.txt", pairs=[
        GoldPair(old_quote="We will publish a report", new_quote="We may publish a report", label="weakened"),
        GoldPair(old_quote="We will audit the lab yearly", new_quote=None, label="removed"),
        GoldPair(old_quote=None, new_quote="We may publish a report", label="added"),
    ])
    score = score_diff(diff, gold, old_text, new_text)
    assert (score.pairs, score.old_extracted, score.alignment_accuracy, score.label_accuracy) == (2, 2, 1.0, 1.0)
    # the same diff against a gold that pairs differently and labels differently
    gold2 = GoldDiff(old="v1.txt", new="v2.txt", pairs=[
        GoldPair(old_quote="We will publish a report", new_quote="We may publish a report", label="reworded"),
        GoldPair(old_quote="We will audit the lab yearly", new_quote="We may publish a report", label="weakened"),
    ])
    score2 = score_diff(diff, gold2, old_text, new_text)
    assert (score2.alignment_accuracy, score2.label_accuracy) == (0.5, 0.0)
    assert score2.confusion["reworded"] == {"weakened": 1}


# ---------------------------------------------------------------------------------------------
# CLI


@pytest.fixture
def versions(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "policy_v1.txt", tmp_path / "policy_v2.txt"
    old.write_text(OLD_TEXT, encoding="utf-8")
    new.write_text(NEW_TEXT, encoding="utf-8")
    return old, new


def test_cli_diff_on_two_documents(versions: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = versions
    out = tmp_path / "out"
    idx = tmp_path / "idx"
    result = CliRunner().invoke(app, ["diff", str(old), str(new), "--out", str(out), "--index", str(idx)])
    assert result.exit_code == 0, result.output
    report = result.stdout
    assert report.startswith("policy_v1 -> policy_v2: 2 weakened, 1 removed")
    assert report.index("WEAKENED") < report.index("REMOVED") < report.index("ADDED")
    assert "modality must -> intend" in report and "deadline removed ('Before we train any larger model')" in report
    written = out / "policy_v1__policy_v2.diff.json"
    data = json.loads(written.read_text("utf-8"))
    jsonschema.validate(data, diff_json_schema())
    assert (data["old_doc_id"], data["new_doc_id"]) == ("policy_v1", "policy_v2")
    assert data["run"]["embedding"] == "extractor-minilm-int8" and data["run"]["context"] is True
    assert data["run"]["index"] == str(idx / "chroma")
    removed = [p for p in data["pairs"] if p["label"] == "removed"]
    assert len(removed) == 1 and removed[0]["new_id"] is None and removed[0]["old_span"]["start"] > 0
    assert "secured storage" in removed[0]["old_quote"]
    assert removed[0]["nearest"] and removed[0]["nearest"][0]["id"].startswith("policy_v2")
    assert f"closest new: p{removed[0]['nearest'][0]['page']}" in report
    # the vectors are kept in the index: a second diff embeds nothing and pairs the same way
    from extractor.index import Index

    kept = Index(idx).vector_count()
    assert kept > 0
    again = CliRunner().invoke(app, ["diff", str(old), str(new), "--json", "--index", str(idx)])
    assert again.exit_code == 0, again.output
    assert Index(idx).vector_count() == kept
    assert [(p.old_id, p.new_id) for p in DiffOutput.model_validate_json(again.stdout).pairs] == [
        (p["old_id"], p["new_id"]) for p in data["pairs"]]
    plain = CliRunner().invoke(app, ["diff", str(old), str(new), "--json", "--no-index"])
    assert DiffOutput.model_validate_json(plain.stdout).run.index is None
    added = [p for p in data["pairs"] if p["label"] == "added"]
    assert len(added) == 1 and added[0]["old_id"] is None and "government" in added[0]["new_quote"]


def test_cli_diff_on_outputs_matches_run_ids_and_scores_against_gold(versions: tuple[Path, Path],
                                                                      tmp_path: Path) -> None:
    old, new = versions
    out = tmp_path / "out"
    runner = CliRunner()
    ran = runner.invoke(app, ["run", str(old), str(new), "--out", str(out), "--no-index", "--quiet"])
    assert ran.exit_code == 0, ran.output
    res = runner.invoke(app, ["diff", str(out / "policy_v1.json"), str(out / "policy_v2.json"), "--json", "--no-embed"])
    assert res.exit_code == 0, res.output
    diff = DiffOutput.model_validate_json(res.stdout)
    ids = {c["id"] for f in ("policy_v1.json", "policy_v2.json")
           for c in json.loads((out / f).read_text("utf-8"))["commitments"]}
    assert {p.old_id for p in diff.pairs if p.old_id} | {p.new_id for p in diff.pairs if p.new_id} == ids
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({"old": "policy_v1.txt", "new": "policy_v2.txt", "pairs": [
        {"old_quote": "We will publish a capability report within 30 days of each deployment",
         "new_quote": "We aim to publish a capability report when appropriate", "label": "weakened"},
        {"old_quote": "We will keep all model weights in a secured storage system", "new_quote": None,
         "label": "removed"},
    ]}), encoding="utf-8")
    scored = runner.invoke(app, ["diff", str(old), str(new), "--gold-diff", str(gold), "--json", "--no-embed"])
    assert scored.exit_code == 0, scored.output
    score = json.loads(scored.stdout)["score"]
    assert (score["pairs"], score["alignment_accuracy"], score["label_accuracy"]) == (2, 1.0, 1.0)


def test_cli_diff_errors_are_one_line(tmp_path: Path, versions: tuple[Path, Path]) -> None:
    res = CliRunner().invoke(app, ["diff", str(tmp_path / "missing.txt"), str(versions[1]), "--no-embed"])
    assert res.exit_code == 1 and "missing.txt: no such file" in res.output
    bad = tmp_path / "bad.json"
    bad.write_text('{"old": "x"}', encoding="utf-8")
    res = CliRunner().invoke(app, ["diff", *map(str, versions), "--gold-diff", str(bad), "--no-embed"])
    assert res.exit_code == 1 and "not a gold diff" in res.output


def test_schema_diff_option() -> None:
    res = CliRunner().invoke(app, ["schema", "--diff"])
    assert res.exit_code == 0
    schema = json.loads(res.stdout)
    assert schema["title"] == "extractor diff" and "pairs" in schema["properties"]


def test_a_body_named_by_acronym_is_a_verifier_through_the_documents_definition() -> None:
    from extractor.diff import document_acronyms

    old = commitment("a", "We will train models to refuse harmful requests")
    new = commitment("b", "We will train models to refuse harmful requests and tell the LHT")
    assert compare(old, new)[0] != "strengthened"  # an unknown acronym is nobody
    acronyms = document_acronyms("Our Long Horizon Trust (LHT) oversees releases.", None)
    assert acronyms == {"LHT": "Long Horizon Trust"}
    label, reasons = compare(old, new, acronyms)
    assert label == "strengthened" and any(r.kind == "verifier" and r.new == "board" for r in reasons)


def test_removed_and_added_say_how_sure_they_are() -> None:
    # the yearly report is paired with the monthly one, and the quarterly one loses that close candidate;
    # the unrelated commitments have nothing on the other side above the floor and are sure
    olds = ["We will publish a safety report every year", "We will publish a safety report every quarter",
            "Visitors sign in at the reception desk"]
    news = ["Safety reports get published by us for the public", "Staff complete encryption training",
            "We will publish a safety report every month"]
    old = output("v1", [commitment("v1", q, start=100 * k) for k, q in enumerate(olds)])
    new = output("v2", [commitment("v2", q, start=100 * k) for k, q in enumerate(news)])
    diff = diff_outputs(old, new, embed=None, threshold=0.75, floor=0.1)
    assert (diff.run.floor, diff.run.close) == (0.1, pytest.approx(0.65))
    conf = {p.old_quote or p.new_quote: (p.label, p.confidence, p.similarity or 0.0) for p in diff.pairs}
    assert conf[olds[0]][:2] == ("reworded", None)
    assert conf[olds[1]][:2] == ("removed", "close_candidate") and 0.65 <= conf[olds[1]][2] < 0.75
    assert conf[olds[2]][:2] == ("removed", "confident") and conf[olds[2]][2] < 0.1
    assert conf[news[0]][:2] == ("added", "below_threshold") and 0.1 <= conf[news[0]][2] < 0.65
    assert conf[news[1]][:2] == ("added", "confident")
    assert {k: v.model_dump() for k, v in diff.unpaired.items()} == {
        "removed": {"confident": 1, "below_threshold": 0, "close_candidate": 1},
        "added": {"confident": 1, "below_threshold": 1, "close_candidate": 0}}
    text = render_text(diff)
    first = text.splitlines()[0]
    assert ("2 removed (1 confident; 1 with no counterpart above the threshold, 1 of them with a close "
            "candidate)") in first
    assert "2 added (1 confident; 1 with no counterpart above the threshold, 0 of them" in first
    assert "REMOVED (2: 1 confident; 1 with no counterpart above the threshold" in text
    assert "check it before trusting the removal" in text  # the unsure ones say so, the sure ones do not
    sure = next(p for p in diff.pairs if p.old_quote == olds[2])
    assert sure.why == "no counterpart in the new version"
    data = json.loads(diff.model_dump_json())
    jsonschema.validate(data, diff_json_schema())
    assert data["summary"]["removed"] == 2 and data["unpaired"]["removed"]["close_candidate"] == 1
