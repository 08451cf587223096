"""The scorer on small hand-made cases, the real gold set scored against itself, and the CLI gates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from extractor.align import Aligner
from extractor.cli import app
from extractor.config import Settings
from extractor.errors import ConfigError
from extractor.evaluate import (
    EvalReport,
    Tally,
    compare_baseline,
    evaluate,
    headline,
    match_spans,
    parse_minimums,
    quadratic_kappa,
    read_baseline,
    score_document,
    write_baseline,
)
from extractor.gold import GoldDocument, load_gold, load_split
from extractor.models import Candidate, Commitment, ExtractionOutput, Span
from extractor.output import write_json

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "gold"
CORPUS = Settings(gold_dir=GOLD).effective_corpus_dir()

DOC = """[[page 1]]

## Acme Safety Policy

Acme builds models.
We will publish a capability report before each release.
We will notify the board within 30 days of an incident.
If a model reaches the red line, we will pause training.
We may delay deployment at our discretion.

## Appendix (not annotated)

We will publish a capability report before each release.
We will also hire a red team.
"""

GOLD_ITEMS: list[dict[str, Any]] = [
    {"quote": "We will publish a capability report before each release", "actor": "Acme", "modality": "must",
     "trigger": "before each release", "safeguard": "publish a capability report", "specificity": "concrete",
     "verifiable": True, "seoul": "VII"},
    {"quote": "We will notify the board within 30 days of an incident", "actor": "Acme", "modality": "must",
     "trigger": None, "safeguard": "notify the board within 30 days of an incident",
     "specificity": "quantitative", "verifiable": True, "seoul": "VI"},
    {"quote": "If a model reaches the red line, we will pause training", "actor": "Acme", "modality": "must",
     "trigger": "If a model reaches the red line", "safeguard": "pause training", "specificity": "concrete",
     "verifiable": False, "seoul": "IV"},
    {"quote": "We may delay deployment at our discretion", "actor": "Acme", "modality": "may", "trigger": None,
     "safeguard": "delay deployment", "specificity": "vague", "verifiable": False,
     "seoul": "IV"},
]


def make_gold(tmp_path: Path, items: list[dict[str, Any]] | None = None, scope: object = None,
              text: str = DOC, name: str = "acme") -> GoldDocument:
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    (docs / f"{name}.txt").write_text(text, "utf-8")
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir(exist_ok=True)
    data: dict[str, object] = {"document": f"{name}.txt", "org": "Acme",
                               "commitments": GOLD_ITEMS if items is None else items}
    if scope is not None:
        data["scope"] = scope
    (gold_dir / f"{name}.json").write_text(json.dumps(data), "utf-8")
    return load_gold(gold_dir / f"{name}.json", docs)


def pred(text: str, quote: str, occurrence: int = 0, span: tuple[int, int] | None = None,
         **fields: Any) -> Commitment:
    """A prediction whose span is where `quote` stands in the raw text (or `span` when given)."""
    if span is None:
        start = -1
        for _ in range(occurrence + 1):
            start = text.index(quote, start + 1)
        span = (start, start + len(quote))
    values: dict[str, Any] = {"actor": "Acme", "modality": "must", "trigger": None, "safeguard": "x",
                                 "specificity": "concrete", "verifiable": True}
    values.update(fields)
    return Commitment(id=f"p{span[0]}", quote=quote, span=Span(start=span[0], end=span[1], page=1), **values)


# ------------------------------------------------------------------ span matching


def test_overlap_threshold_half_of_the_gold_span() -> None:
    assert match_spans([(0, 100)], [(50, 100)]) == [(0, 0, 50)]  # exactly half: matches
    assert match_spans([(0, 100)], [(51, 100)]) == []  # just under half: no match


def test_overlap_threshold_a_third_of_the_predicted_span() -> None:
    assert match_spans([(0, 30)], [(0, 90)]) == [(0, 0, 30)]  # exactly a third of the prediction
    assert match_spans([(0, 30)], [(0, 91)]) == []  # prediction too long for its overlap


def test_one_prediction_over_two_gold_items_matches_only_one() -> None:
    # the prediction qualifies for both gold items; one-to-one leaves the other gold unmatched
    matches = match_spans([(0, 40), (40, 80)], [(0, 80)])
    assert len(matches) == 1
    tally = Tally(gold=2, predicted=1, tp=len(matches))
    s = tally.scores()
    assert (s.tp, s.fp, s.fn, s.precision, s.recall) == (1, 0, 1, 1.0, 0.5)


def test_largest_overlap_is_matched_first() -> None:
    gold = [(0, 40), (40, 100)]
    wide = (10, 100)  # overlaps gold 0 by 30 and gold 1 by 60: both qualify
    narrow = (0, 40)  # overlaps gold 0 by 40
    # the wide prediction takes gold 1 (60 > 40 > 30), the narrow one gold 0
    assert match_spans(gold, [wide, narrow]) == [(0, 1, 40), (1, 0, 60)]
    # greedy by overlap, not a maximum matching: a prediction taken by its best gold stays taken
    assert match_spans([(0, 60), (60, 70)], [(0, 70)]) == [(0, 0, 60)]


# ------------------------------------------------------------------ documents


def test_perfect_predictions_score_one_everywhere(tmp_path: Path) -> None:
    gold = make_gold(tmp_path)
    preds = [pred(DOC, g["quote"], **{k: v for k, v in g.items() if k != "quote"})
             for g in GOLD_ITEMS]
    s = score_document(gold, preds).tally.scores()
    assert (s.tp, s.fp, s.fn, s.f1) == (4, 0, 0, 1.0)
    for key in ("actor_acc", "modality_acc", "binding_acc", "trigger_f1", "safeguard_f1", "specificity_acc",
                "specificity_kappa", "verifiable_acc"):
        assert getattr(s, key) == 1.0, key


def test_null_triggers_both_null_one_and_one_null_zero(tmp_path: Path) -> None:
    gold = make_gold(tmp_path)
    both_null = pred(DOC, GOLD_ITEMS[1]["quote"], trigger=None)
    s = score_document(gold, [both_null]).tally.scores()
    assert s.trigger_f1 == 1.0
    invented = pred(DOC, GOLD_ITEMS[1]["quote"], trigger="after an incident")
    assert score_document(gold, [invented]).tally.scores().trigger_f1 == 0.0
    missing = pred(DOC, GOLD_ITEMS[2]["quote"], trigger=None)
    assert score_document(gold, [missing]).tally.scores().trigger_f1 == 0.0
    partial = pred(DOC, GOLD_ITEMS[2]["quote"], trigger="when a model reaches the line")
    # tokens without stop words: gold {model, reaches, red, line}, predicted {when, model, reaches, line}
    assert score_document(gold, [partial]).tally.scores().trigger_f1 == pytest.approx(0.75)


def test_predicted_quote_not_in_document_is_a_false_positive(tmp_path: Path) -> None:
    gold = make_gold(tmp_path)
    real = pred(DOC, GOLD_ITEMS[0]["quote"])
    ghost = pred(DOC, "We will colonise Mars by 2030", span=(5, 30))
    result = score_document(gold, [real, ghost])
    s = result.tally.scores()
    assert (s.predicted, s.unlocated, s.tp, s.fp, s.fn) == (2, 1, 1, 1, 3)
    assert s.precision == 0.5
    assert result.details.unlocated == ["We will colonise Mars by 2030"]


def test_span_is_used_when_valid_else_the_quote_is_located(tmp_path: Path) -> None:
    text = DOC.replace("We will notify the board within 30 days", "We will notify\n  the board   within 30 days")
    gold = make_gold(tmp_path, text=text)
    quote = "We will notify the board within 30 days of an incident"
    start = text.index("We will notify")
    end = text.index("of an incident") + len("of an incident")
    good_span = pred(text, quote, span=(start, end))  # span over the original (unnormalised) text
    assert score_document(gold, [good_span]).tally.tp == 1
    wrong_span = pred(text, quote, span=(0, 10))  # the span does not hold the quote: located by quote
    assert score_document(gold, [wrong_span]).tally.tp == 1
    lower = pred(text, quote.lower(), span=(0, 10))  # located ignoring case as a last resort
    assert score_document(gold, [lower]).tally.tp == 1


def test_valid_span_at_another_occurrence_is_kept(tmp_path: Path) -> None:
    # the first sentence occurs again in the appendix; a prediction there must not match the gold
    gold = make_gold(tmp_path)
    quote = GOLD_ITEMS[0]["quote"]
    at_appendix = pred(DOC, quote, occurrence=1)
    result = score_document(gold, [at_appendix])
    assert (result.tally.tp, result.tally.predicted) == (0, 1)


def test_predictions_outside_the_scope_are_ignored(tmp_path: Path) -> None:
    scope = [["Acme builds models", "at our discretion."]]
    gold = make_gold(tmp_path, scope=scope)
    inside_wrong = pred(DOC, "Acme builds models")
    outside = pred(DOC, "We will also hire a red team")
    outside_repeat = pred(DOC, GOLD_ITEMS[0]["quote"], occurrence=1)
    s = score_document(gold, [inside_wrong, outside, outside_repeat]).tally.scores()
    assert (s.predicted, s.ignored_out_of_scope, s.tp, s.fp) == (1, 2, 0, 1)
    # the same predictions without a scope: all counted
    unscoped = tmp_path / "noscope"
    unscoped.mkdir()
    s2 = score_document(make_gold(unscoped), [inside_wrong, outside, outside_repeat]).tally.scores()
    assert (s2.predicted, s2.ignored_out_of_scope, s2.fp) == (3, 0, 3)


def test_actor_we_is_the_org_and_case_and_spaces_do_not_count(tmp_path: Path) -> None:
    gold = make_gold(tmp_path)
    quotes = [g["quote"] for g in GOLD_ITEMS]
    preds = [pred(DOC, quotes[0], actor="we"), pred(DOC, quotes[1], actor="  ACME "),
             pred(DOC, quotes[2], actor="Our"), pred(DOC, quotes[3], actor="Board of Directors")]
    assert score_document(gold, preds).tally.scores().actor_acc == 0.75


def test_modality_binding_confusion_and_verifiable(tmp_path: Path) -> None:
    gold = make_gold(tmp_path)
    q = [g["quote"] for g in GOLD_ITEMS]
    preds = [pred(DOC, q[0], modality="must_not"), pred(DOC, q[1], modality="intend"),
             pred(DOC, q[2], modality="must", verifiable=False), pred(DOC, q[3], modality="may")]
    s = score_document(gold, preds).tally.scores()
    assert s.modality_acc == 0.5  # pairs 3 and 4
    assert s.binding_acc == 0.75  # must->intend crosses the line; must->must_not does not
    assert s.modality_confusion["must"] == {"must": 1, "must_not": 1, "should": 0, "intend": 1, "may": 0}
    assert s.modality_confusion["may"]["may"] == 1
    assert s.verifiable_acc == 0.75  # gold [T, T, F, F], predicted [T, T, F, T]


def test_kappa_on_known_cases() -> None:
    # worked by hand: O has 3 agreements and one quantitative->concrete; expected disagreement 1.25
    assert quadratic_kappa(["vague", "concrete", "quantitative", "quantitative"],
                           ["vague", "concrete", "quantitative", "concrete"]) == pytest.approx(0.8)
    assert quadratic_kappa(["vague", "quantitative"], ["quantitative", "vague"]) == pytest.approx(-1.0)
    assert quadratic_kappa(["vague", "concrete"], ["vague", "concrete"]) == pytest.approx(1.0)
    assert quadratic_kappa(["vague", "vague"], ["vague", "vague"]) is None  # chance agreement is total
    assert quadratic_kappa([], []) is None


def test_micro_pools_counts_instead_of_averaging(tmp_path: Path) -> None:
    a = make_gold(tmp_path, items=GOLD_ITEMS[:1], name="a")
    b = make_gold(tmp_path, items=GOLD_ITEMS[1:], name="b")
    preds = {
        "a": [pred(DOC, GOLD_ITEMS[0]["quote"])],  # 1/1 correct
        "b": [pred(DOC, "Acme builds models"), pred(DOC, "We will also hire a red team"),
              pred(DOC, GOLD_ITEMS[1]["quote"])],  # 1 of 3 correct
    }
    report = evaluate([("development", a), ("heldout", b)], preds)
    by_doc = {d.document: d.scores for d in report.documents}
    assert by_doc["a"].precision == 1.0 and by_doc["b"].precision == pytest.approx(1 / 3)
    assert report.micro.precision == pytest.approx(2 / 4)  # pooled, not (1 + 1/3) / 2
    assert report.micro.recall == pytest.approx(2 / 4)
    assert report.splits["heldout"].precision == pytest.approx(1 / 3)
    assert report.documents[0].details is not None and report.documents[1].details is None


def test_missing_prediction_scores_as_empty(tmp_path: Path) -> None:
    gold = make_gold(tmp_path)
    report = evaluate([("heldout", gold)], {})
    assert report.missing_predictions == ["acme"]
    assert (report.micro.fn, report.micro.f1, report.micro.actor_acc) == (4, 0.0, None)


# ------------------------------------------------------------------ the real gold set


def test_real_gold_grounded_as_predictions_scores_perfectly() -> None:
    """Every gold item, grounded through the real align stage at its place, is found and agrees."""
    gold_docs = load_split(GOLD, CORPUS, "all")
    preds: dict[str, list[Commitment]] = {}
    for _, g in gold_docs:
        aligner = Aligner(g.doc)
        grounded = []
        for it in g.items:
            c = it.commitment
            actor = "we" if c.actor == g.gold.org else c.actor
            cand = Candidate(quote=c.quote, actor=actor, modality=c.modality, trigger=c.trigger,
                             safeguard=c.safeguard, specificity=c.specificity, verifiable=c.verifiable,
                             hint_start=g.offsets[it.start], hint_end=g.offsets[it.end - 1] + 1)
            commitment = aligner.ground(cand)
            assert commitment is not None
            grounded.append(commitment)
        preds[g.id] = grounded
    report = evaluate(gold_docs, preds)
    assert report.micro.gold == sum(len(g.items) for _, g in gold_docs) > 300
    assert (report.micro.f1, report.micro.actor_acc, report.micro.modality_acc) == (1.0, 1.0, 1.0)
    assert (report.micro.trigger_f1, report.micro.specificity_kappa) == (1.0, 1.0)
    assert set(report.splits) == {"development", "heldout"}


# ------------------------------------------------------------------ gates and CLI


def test_parse_minimums() -> None:
    assert parse_minimums(["modality=0.9", "f1=0.5", "trigger_f1=0.4"]) == {
        "modality_acc": 0.9, "f1": 0.5, "trigger_f1": 0.4}
    with pytest.raises(ConfigError):
        parse_minimums(["colour=0.3"])
    with pytest.raises(ConfigError):
        parse_minimums(["modality=high"])


def _report(tmp_path: Path) -> EvalReport:
    gold = make_gold(tmp_path)
    preds = {"acme": [pred(DOC, g["quote"], modality=g["modality"]) for g in GOLD_ITEMS[:3]]}
    return evaluate([("heldout", gold)], preds)


def test_baseline_round_trip_and_drop_detection(tmp_path: Path) -> None:
    report = _report(tmp_path)
    path = tmp_path / "baseline.json"
    write_baseline(path, report)
    baseline = read_baseline(path)
    assert set(baseline["figures"]) == {"micro", "heldout"}
    assert compare_baseline(report, baseline) == []
    raised = json.loads(json.dumps(baseline))
    raised["figures"]["heldout"]["recall"] = report.micro.recall + 0.019  # within the tolerance
    assert compare_baseline(report, raised) == []
    raised["figures"]["heldout"]["recall"] = report.micro.recall + 0.03  # beyond it
    failures = compare_baseline(report, raised)
    assert len(failures) == 1 and "heldout recall" in failures[0]


def test_baseline_needs_the_same_split(tmp_path: Path) -> None:
    report = _report(tmp_path)
    baseline = {"split": "development", "figures": headline(report)}
    with pytest.raises(ConfigError):
        compare_baseline(report, baseline)


def _cli_fixture(tmp_path: Path) -> tuple[Path, Path, Path]:
    gold = make_gold(tmp_path)
    (gold.path.parent / "split.json").write_text(json.dumps({"development": [], "heldout": ["acme.json"]}))
    preds_dir = tmp_path / "preds"
    commitments = [pred(DOC, g["quote"], modality=g["modality"]) for g in GOLD_ITEMS[:3]]
    out = ExtractionOutput.model_validate({
        "schema_version": "1.0",
        "document": {"id": "acme", "path": str(tmp_path / "docs" / "acme.txt"), "sha256": "0", "title": "Acme",
                     "org": "Acme", "pages": 1, "chars": len(DOC)},
        "run": {"tool_version": "0", "backend": "rules", "time": "2024-01-01T00:00:00Z"},
        "commitments": [c.model_dump() for c in commitments],
    })
    write_json(preds_dir / "acme.json", out)
    return gold.path.parent, tmp_path / "docs", preds_dir


def test_cli_scores_a_predictions_folder_and_writes_the_report(tmp_path: Path) -> None:
    gold_dir, docs, preds = _cli_fixture(tmp_path)
    report = tmp_path / "report.json"
    base = ["eval", "--gold", str(gold_dir), "--docs", str(docs), "--predictions", str(preds)]
    result = CliRunner().invoke(app, [*base, "--output", str(report), "--min-f1", "0.8", "--min", "modality=0.9"])
    assert result.exit_code == 0, result.output
    assert "recall" in result.output and "0.750" in result.output  # the table, recall 3/4
    data = json.loads(report.read_text())
    assert data["micro"]["tp"] == 3 and data["micro"]["fn"] == 1
    assert data["micro"]["recall"] == 0.75 and data["split"] == "all"
    # a minimum that is not met fails with exit 4 and says which figure
    result = CliRunner().invoke(app, [*base, "--min", "recall=0.9", "--quiet"])
    assert result.exit_code == 4
    assert "recall" in result.output
    result = CliRunner().invoke(app, [*base, "--min-f1", "0.9", "--quiet"])
    assert result.exit_code == 4


def test_cli_baseline_gate(tmp_path: Path) -> None:
    gold_dir, docs, preds = _cli_fixture(tmp_path)
    base = ["eval", "--gold", str(gold_dir), "--docs", str(docs), "--predictions", str(preds), "--quiet"]
    baseline = tmp_path / "baseline.json"
    result = CliRunner().invoke(app, [*base, "--baseline", str(baseline), "--write-baseline"])
    assert result.exit_code == 0 and baseline.exists()
    assert CliRunner().invoke(app, [*base, "--baseline", str(baseline)]).exit_code == 0
    data = json.loads(baseline.read_text())
    data["figures"]["micro"]["modality_acc"] = 1.0  # pretend we used to be better
    data["figures"]["micro"]["f1"] = 0.99
    baseline.write_text(json.dumps(data))
    result = CliRunner().invoke(app, [*base, "--baseline", str(baseline)])
    assert result.exit_code == 4
    assert "micro f1" in result.output


# ------------------------------------------------------------------ verifiable, seoul, checker (MCC)


def test_mcc_on_known_cases() -> None:
    from extractor.evaluate import mcc

    assert mcc([(True, True), (False, False)]) == pytest.approx(1.0)
    assert mcc([(True, False), (False, True)]) == pytest.approx(-1.0)
    assert mcc([(True, True), (False, True), (True, True)]) == 0.0  # 'flag everything' scores 0
    # tp=2 tn=1 fp=1 fn=0: (2*1 - 0) / sqrt(3*2*2*1)
    assert mcc([(True, True), (True, True), (False, False), (False, True)]) == pytest.approx(2 / 12 ** 0.5)
    assert mcc([]) is None


def test_verifiable_mcc_seoul_and_coverage(tmp_path: Path) -> None:
    gold = make_gold(tmp_path)  # areas VII, VI, IV, IV
    q = [g["quote"] for g in GOLD_ITEMS]
    preds = [pred(DOC, q[0], seoul="VII"), pred(DOC, q[1], seoul="VII", verifiable=False),
             pred(DOC, q[2], seoul="IV", verifiable=False), pred(DOC, q[3], verifiable=False)]
    s = score_document(gold, preds).tally.scores()
    # gold [T, T, F, F], predicted [T, F, F, F]: tp=1 tn=2 fp=0 fn=1
    assert s.verifiable_mcc == pytest.approx(2 / (1 * 2 * 3 * 2) ** 0.5)
    assert (s.seoul_pairs, s.seoul_acc) == (3, pytest.approx(2 / 3))  # the 4th prediction has no area
    # gold covers IV, VI, VII; predicted IV, VII: 7 of the 8 areas agree
    assert s.seoul_coverage == pytest.approx(7 / 8)
    # the card's level per area: gold VII 3 (binding, concrete, verifiable), VI 3, IV 2 (the pause; the "may" item
    # only reaches 1); predicted VII 3, IV 2, VI 0 (absent): the levels agree on 7 areas, VI is off by 3
    assert (s.area_level_acc, s.area_level_mae) == (pytest.approx(7 / 8), pytest.approx(3 / 8))


def test_checker_verdict_against_gold_weak(tmp_path: Path) -> None:
    from extractor.models import Flag

    gold = make_gold(tmp_path)  # weak (vague or not verifiable): items 3 and 4
    q = [g["quote"] for g in GOLD_ITEMS]
    warn = [Flag(code="C201", severity="warning", message="m", evidence="e")]
    info = [Flag(code="C301", severity="info", message="m", evidence="e")]
    preds = [pred(DOC, q[0], flags=info), pred(DOC, q[1]), pred(DOC, q[2], flags=warn), pred(DOC, q[3], flags=warn)]
    s = score_document(gold, preds).tally.scores()
    assert (s.checker_precision, s.checker_recall, s.checker_mcc) == (1.0, 1.0, pytest.approx(1.0))
    # vague causes against gold specificity == vague: only item 4 is vague, items 3 and 4 have C201
    assert s.vague_cause_mcc == pytest.approx((1 * 2 - 1 * 0) / (2 * 1 * 3 * 2) ** 0.5)
