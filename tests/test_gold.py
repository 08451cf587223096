"""Gold files: the real ones pass, and each kind of breakage is reported with file, index, problem."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.config import Settings
from extractor.errors import GoldError
from extractor.gold import GoldProblem, check_all, check_gold, load_gold, load_split

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "gold"
CORPUS = Settings(gold_dir=GOLD).effective_corpus_dir()

DOC = """[[page 1]]

## Acme Safety Policy

Acme builds models. We will publish a capability
report before each release. We will publish a capability report before each release.
We may pause training at any time.

## Appendix

Nothing here is a commitment. The end.
"""


def item(quote: str, **kw: object) -> dict[str, object]:
    base: dict[str, object] = {"quote": quote, "actor": "Acme", "modality": "must", "trigger": None,
                               "safeguard": "publish a capability report", "specificity": "concrete",
                               "verifiable": True, "seoul": "VII"}
    base.update(kw)
    return base


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "acme.txt").write_text(DOC, "utf-8")
    return docs


def write_gold(tmp_path: Path, commitments: list[dict[str, object]], **top: object) -> Path:
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir(exist_ok=True)
    data: dict[str, object] = {"document": "acme.txt", "org": "Acme", "commitments": commitments}
    data.update(top)
    path = gold_dir / "acme.json"
    path.write_text(json.dumps(data, indent=1), "utf-8")
    (gold_dir / "split.json").write_text(json.dumps({"development": ["acme.json"], "heldout": []}), "utf-8")
    return path


def problems_of(path: Path, corpus: Path) -> list[GoldProblem]:
    gold, problems = check_gold(path, corpus)
    assert (gold is None) == bool(problems)
    return problems


# ------------------------------------------------------------------ the real gold set


def test_real_gold_files_pass_and_every_quote_is_located() -> None:
    loaded, problems = check_all(GOLD, CORPUS)
    assert [str(p) for p in problems] == []
    assert {g.name for g in loaded} == {"anthropic_rsp_v1.0.json", "gdm_fsf_v1.0.json", "openai_pf_beta.json",
                                        "amazon_frontier_model_safety_framework_2025-02.json",
                                        "microsoft_frontier_governance_framework_v1.json",
                                        "magic_agi_readiness_policy_v1.0.json",
                                        "naver_asf_2024.json", "naver_asf_v2.0.json",
                                        "nvidia_frontier_ai_risk_assessment_2025-02_PARTIAL.json",
                                        "microsoft_frontier_governance_framework_2026-02.json",
                                        "anthropic_frontier_compliance_framework_v2.json",
                                        "openai_frontier_governance_framework_2026-05.json",
                                        "g42_frontier_ai_safety_framework_2025-02.json",
                                        "cohere_secure_ai_frontier_model_framework_v1.0.json"}
    for g in loaded:
        assert len(g.items) == len(g.gold.commitments) > 0
        for it in g.items:
            assert g.norm[it.start:it.end] == " ".join(it.commitment.quote.split())


def test_real_split_separates_development_from_heldout() -> None:
    docs = load_split(GOLD, CORPUS, "all")
    by_split = {name: sorted(g.name for s, g in docs if s == name) for name in ("development", "heldout")}
    heldout = ["gdm_fsf_v1.0.json", "nvidia_frontier_ai_risk_assessment_2025-02_PARTIAL.json",
               "openai_frontier_governance_framework_2026-05.json", "openai_pf_beta.json"]
    assert by_split == {"development": ["amazon_frontier_model_safety_framework_2025-02.json",
                                        "anthropic_frontier_compliance_framework_v2.json",
                                        "anthropic_rsp_v1.0.json",
                                        "cohere_secure_ai_frontier_model_framework_v1.0.json",
                                        "g42_frontier_ai_safety_framework_2025-02.json",
                                        "magic_agi_readiness_policy_v1.0.json",
                                        "microsoft_frontier_governance_framework_2026-02.json",
                                        "microsoft_frontier_governance_framework_v1.json",
                                        "naver_asf_2024.json", "naver_asf_v2.0.json"],
                        "heldout": heldout}
    assert [g.name for _, g in load_split(GOLD, CORPUS, "heldout")] == heldout


def test_resolved_decision_will_consider_is_may_in_the_gold_files() -> None:
    # DECISIONS.md 27: every "will consider" / "will explore" commitment is `may`, except a question or a
    # test the assessment must examine (111: "consider whether ...", "consider X to be met if ...")
    import re

    pattern = re.compile(r"\b(will|would)( also)? (consider|explore)\b", re.I)
    examined = re.compile(r"\bconsider (?:whether|the adequacy|(?:\w+ ){1,3}(?:\(\d\) )?to (?:be|have))\b", re.I)
    items = [it.commitment for _, g in load_split(GOLD, CORPUS, "all") for it in g.items
             if pattern.search(it.commitment.quote)]
    hits = [c.modality for c in items if not examined.search(c.quote)]
    steps = [c.modality for c in items if examined.search(c.quote)]
    assert hits and all(m == "may" for m in hits)
    assert steps and all(m == "must" for m in steps)


def test_real_gold_check_cli_passes() -> None:
    result = CliRunner().invoke(app, ["gold", "check", "--gold", str(GOLD), "--docs", str(CORPUS)])
    assert result.exit_code == 0, result.output
    assert "14 gold files OK" in result.output


def test_the_made_up_policies_gold_passes_and_every_item_has_its_area() -> None:
    root = GOLD.parent / "data" / "synthetic"
    result = CliRunner().invoke(app, ["gold", "check", "--gold", str(GOLD / "synthetic"), "--docs", str(root)])
    assert result.exit_code == 0, result.output
    docs = load_split(GOLD / "synthetic", root, "all")
    assert len(docs) == 16 and all(it.commitment.seoul for _, g in docs for it in g.items)
    assert sum(s == "heldout" for s, _ in docs) == 8


# ------------------------------------------------------------------ broken files


def test_valid_small_file_loads_with_repeated_quote_at_both_occurrences(tmp_path: Path, corpus: Path) -> None:
    quote = "We will publish a capability report before each release."
    path = write_gold(tmp_path, [item(quote), item(quote), item("We may pause training at any time", modality="may")])
    gold = load_gold(path, corpus)
    first, second = gold.items[0], gold.items[1]
    assert first.start < second.start  # the repeated quote takes its second occurrence
    assert gold.norm[second.start:second.end] == quote


def test_quotes_are_located_in_document_order(tmp_path: Path, corpus: Path) -> None:
    # the publish sentence occurs twice; listed after a sentence between the two, it is the second
    (corpus / "acme.txt").write_text("We will publish a capability report before each release.\n"
                                     "We may pause training at any time.\n"
                                     "We will publish a capability report before each release.\n", "utf-8")
    later = "We may pause training at any time"
    quote = "We will publish a capability report before each release."
    gold = load_gold(write_gold(tmp_path, [item(later, modality="may"), item(quote)]), corpus)
    assert gold.items[1].start > gold.items[0].start
    assert gold.norm.count(quote) == 2 and gold.items[1].start == gold.norm.rindex(quote)


def test_quote_not_in_document_names_file_index_and_quote(tmp_path: Path, corpus: Path) -> None:
    path = write_gold(tmp_path, [item("We will publish a capability report"), item("We will open-source everything")])
    problems = problems_of(path, corpus)
    assert len(problems) == 1
    p = problems[0]
    assert isinstance(p, GoldError) and p.index == 1 and p.path == str(path)
    assert "quote not found" in str(p) and "commitment 1" in str(p) and "open-source" in str(p)


def test_quote_with_different_case_hints_at_it(tmp_path: Path, corpus: Path) -> None:
    path = write_gold(tmp_path, [item("we will publish a capability report")])
    (p,) = problems_of(path, corpus)
    assert "ignoring case" in p.problem


def test_illegal_label_extra_key_and_wrong_type_are_each_reported(tmp_path: Path, corpus: Path) -> None:
    bad = item("We will publish a capability report", modality="shall", verifiable="yes")
    bad["page"] = 3
    path = write_gold(tmp_path, [item("We may pause training", modality="may"), bad])
    problems = problems_of(path, corpus)
    text = "\n".join(str(p) for p in problems)
    assert all(p.index == 1 for p in problems)
    assert "modality" in text and "'shall'" in text
    assert "verifiable" in text and "page" in text


def test_missing_field_is_reported(tmp_path: Path, corpus: Path) -> None:
    bad = item("We will publish a capability report")
    del bad["safeguard"]
    path = write_gold(tmp_path, [bad])
    (p,) = problems_of(path, corpus)
    assert p.index == 0 and "safeguard" in p.problem


def test_duplicate_beyond_occurrences_is_an_error(tmp_path: Path, corpus: Path) -> None:
    quote = "We may pause training at any time"  # occurs once
    path = write_gold(tmp_path, [item(quote, modality="may"), item(quote, modality="may")])
    (p,) = problems_of(path, corpus)
    assert p.index == 1 and "duplicate" in p.problem


def test_empty_trigger_and_page_marker_are_errors(tmp_path: Path, corpus: Path) -> None:
    path = write_gold(tmp_path, [item("We will publish a capability report", trigger=" "),
                                 item("[[page 1]] ## Acme Safety Policy")])
    problems = problems_of(path, corpus)
    seen = {(p.index, "trigger" in p.problem, "[[page" in p.problem) for p in problems}
    assert seen >= {(0, True, False), (1, False, True)}


def test_document_missing_from_corpus(tmp_path: Path, corpus: Path) -> None:
    path = write_gold(tmp_path, [item("We will publish")], document="nope.txt")
    (p,) = problems_of(path, corpus)
    assert p.index is None and "nope.txt" in p.problem


def test_invalid_json(tmp_path: Path, corpus: Path) -> None:
    path = write_gold(tmp_path, [])
    path.write_text('{"document": "acme.txt",', "utf-8")
    (p,) = problems_of(path, corpus)
    assert "not valid JSON" in p.problem


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        ([["Acme builds models", "No such words"]], "end marker not found"),
        ([["We will publish a capability report", "any time"]], "start marker found 2 times"),
        ([["## Appendix", "Acme builds models"]], "does not come before"),
    ],
)
def test_scope_markers_must_resolve(tmp_path: Path, corpus: Path, scope: list[list[str]], expected: str) -> None:
    path = write_gold(tmp_path, [item("We may pause training at any time", modality="may")], scope=scope)
    problems = problems_of(path, corpus)
    assert any(expected in p.problem and p.index is None for p in problems), [str(p) for p in problems]


def test_quote_outside_scope_is_an_error_and_valid_scope_loads(tmp_path: Path, corpus: Path) -> None:
    inside = item("We may pause training at any time", modality="may")
    outside = item("Nothing here is a commitment")
    path = write_gold(tmp_path, [inside, outside], scope=[["Acme builds models", "at any time."]])
    (p,) = problems_of(path, corpus)
    assert p.index == 1 and "outside the scope" in p.problem
    path = write_gold(tmp_path, [inside], scope=[["Acme builds models", "at any time."]])
    gold = load_gold(path, corpus)
    assert gold.scope is not None and len(gold.scope) == 1
    lo, hi = gold.scope[0]
    assert gold.norm[lo:hi].startswith("Acme builds models") and gold.norm[lo:hi].endswith("at any time.")


def test_load_gold_raises_the_first_problem(tmp_path: Path, corpus: Path) -> None:
    path = write_gold(tmp_path, [item("not in the text at all"), item("nor this one")])
    with pytest.raises(GoldError, match=r"commitment 0: quote not found.*and 1 more"):
        load_gold(path, corpus)


def test_split_must_cover_every_gold_file(tmp_path: Path, corpus: Path) -> None:
    path = write_gold(tmp_path, [item("We may pause training", modality="may")])
    (path.parent / "split.json").write_text(json.dumps({"development": ["other.json"], "heldout": []}))
    _, problems = check_all(path.parent, corpus)
    text = [str(p) for p in problems]
    assert any("acme.json is in no split" in t for t in text)
    assert any("other.json is listed but is not a gold file" in t for t in text)


def test_gold_check_cli_prints_one_line_per_problem_and_fails(tmp_path: Path, corpus: Path) -> None:
    path = write_gold(tmp_path, [item("We will open-source everything"), item("We may pause", modality="perhaps")])
    result = CliRunner().invoke(app, ["gold", "check", "--gold", str(path.parent), "--docs", str(corpus)])
    assert result.exit_code == 4  # a failed quality gate (README's exit codes)
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 2
    assert "acme.json: commitment 0: quote not found" in lines[0]
    assert "acme.json: commitment 1: modality" in lines[1]
