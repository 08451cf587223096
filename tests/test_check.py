"""The checker (flags per cause, references looked up and cited), the scorecard and `extract check`."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from extractor.check import (
    CATALOGUE,
    RULES,
    check_commitments,
    exceeds,
    find_references,
    find_rule,
    is_vague,
)
from extractor.chunk import chunk_document
from extractor.cli import app
from extractor.load import load
from extractor.models import Commitment, Document, DocumentInfo, ExtractionOutput, Flag, RunInfo, Span
from extractor.output import read_output, write_json
from extractor.scorecard import build, flags_markdown, scorecard_schema, to_csv
from extractor.signals import verifiable_signal

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def make_doc(text: str, doc_id: str = "policy", org: str = "Acme") -> Document:
    """A document whose `[[page N]]` markers give its page starts, as the loader does."""
    starts = [0]
    pos = text.find("[[page ")
    while pos >= 0:
        if pos > 0:
            starts.append(pos)
        pos = text.find("[[page ", pos + 1)
    return Document(id=doc_id, path=f"{doc_id}.txt", sha256=hashlib.sha256(text.encode()).hexdigest(),
                    title=doc_id, text=text, page_starts=starts, org=org)


def commit(doc: Document, quote: str, modality: str = "must", trigger: str | None = None,
           safeguard: str | None = None, flags: list[Flag] | None = None, specificity: str = "concrete",
           verifiable: bool | None = None) -> Commitment:
    """A commitment as a backend leaves it; `verifiable` by the contract's procedure unless given."""
    start = doc.text.index(quote)
    signal = verifiable_signal(quote) if verifiable is None else None
    return Commitment(id=f"{doc.id}-{start}", quote=quote, actor=doc.org or "Acme", modality=modality,  # type: ignore[arg-type]
                      trigger=trigger, safeguard=safeguard or quote, specificity=specificity,  # type: ignore[arg-type]
                      verifiable=signal is not None if verifiable is None else verifiable, verifiable_signal=signal,
                      span=Span(start=start, end=start + len(quote), page=doc.page_at(start)), flags=flags or [])


def codes_of(c: Commitment) -> set[str]:
    return {f.code for f in c.flags}


def check_one(text: str, quote: str, **kw: Any) -> Commitment:
    doc = make_doc(text)
    return check_commitments(doc, [commit(doc, quote, **kw)])[0]


# ---------------------------------------------------------------------------------------------
# The catalogue and its generated documentation


def test_flags_doc_is_generated_from_the_catalogue() -> None:
    assert (ROOT / "docs" / "flags.md").read_text("utf-8") == flags_markdown(), \
        "docs/flags.md is stale: regenerate it with `extract check --codes > docs/flags.md`"


def test_codes_are_unique_and_well_formed() -> None:
    codes = [r.code for r in CATALOGUE]
    names = [r.name for r in CATALOGUE]
    assert len(set(codes)) == len(codes) and len(set(names)) == len(names)
    for r in CATALOGUE:
        assert r.code[0] in "CL" and r.code[1:].isdigit() and len(r.code) == 4
        assert r.severity in ("info", "warning", "error")
        assert f"| {r.code} | {r.name} | {r.severity} |" in flags_markdown()
    assert find_rule("c303") is RULES["C303"] and find_rule("no-verifier") is RULES["C303"]
    assert find_rule("nothing") is None


def test_codes_command_prints_the_table() -> None:
    result = runner.invoke(app, ["check", "--codes"])
    assert result.exit_code == 0
    assert result.stdout == flags_markdown()


# ---------------------------------------------------------------------------------------------
# One cause at a time (sentences written for the tests, not taken from any policy)


def test_binding_specific_published_commitment_is_not_flagged() -> None:
    text = "We will publish a safety report on our website within 30 days of each model release."
    c = check_one(text, text.rstrip("."))
    assert not is_vague(c), c.flags
    assert "C303" not in codes_of(c) and "C301" not in codes_of(c) and "C302" not in codes_of(c)


def test_internal_commitment_without_anything_observable_is_unverifiable() -> None:
    c = check_one("We will maintain internal safety procedures.", "We will maintain internal safety procedures")
    flag = next(f for f in c.flags if f.code == "C303")
    assert flag.severity == "warning" and flag.source == "rules"
    assert flag.evidence in c.quote
    assert is_vague(c)
    assert {"C301", "C302"} <= codes_of(c)


@pytest.mark.parametrize(("quote", "modality", "code", "evidence"), [
    ("We aim to publish a transparency report every year", "intend", "C101", "aim to"),
    ("Teams should notify the auditor within 7 days", "should", "C101", "should"),
    ("We will likely publish results every quarter", "must", "C101", "will likely"),
    ("We may publish the findings every year", "may", "C102", "may"),
    ("We reserve the right to publish exceptions every year", "must", "C102", "reserve the right"),
    ("We will publish the audit report, where feasible, every year", "must", "C103", "where feasible"),
    ("We will publish the evaluations every year unless commercial constraints apply", "must", "C103", "unless"),
    ("We will publish adequate safeguards every year", "must", "C201", "adequate"),
    ("The criteria will be defined in a future update of this page", "must", "C401", "will be defined"),
])
def test_each_cause_raises_its_code_with_the_words_that_raised_it(quote: str, modality: str, code: str,
                                                                   evidence: str) -> None:
    c = check_one(f"Intro. {quote}. Outro.", quote, modality=modality, specificity="vague")
    flag = next((f for f in c.flags if f.code == code), None)
    assert flag is not None, (code, c.flags)
    assert flag.evidence.lower() == evidence.lower()
    assert flag.evidence in c.quote
    assert flag.severity == RULES[code].severity
    assert is_vague(c)
    # the same words on a commitment labelled specific are described, not counted: flags follow the fields
    specific = check_one(f"Intro. {quote}. Outro.", quote, modality=modality, specificity="concrete",
                         verifiable=True)
    same = next(f for f in specific.flags if f.code == code)
    assert same.severity == "info" and same.evidence == flag.evidence
    assert not is_vague(specific)


def test_competitor_contingent_exception_is_an_error() -> None:
    quote = "We may relax these safeguards if another frontier AI developer releases a comparable model"
    c = check_one(quote + ".", quote, modality="may", specificity="vague")
    flag = next(f for f in c.flags if f.code == "C104")
    assert flag.severity == "error"
    assert "another frontier AI developer" in flag.evidence
    # a mention of other developers without any condition is not an exception
    plain = "We will share our findings with other labs every quarter"
    assert "C104" not in codes_of(check_one(plain + ".", plain))


def test_no_verifier_flag_is_raised_exactly_when_verifiable_is_false() -> None:
    text = "We will publish a safety report every year. We will keep internal logs every day."
    doc = make_doc(text)
    for quote, verifiable in (("We will publish a safety report every year", True),
                              ("We will publish a safety report every year", False),
                              ("We will keep internal logs every day", True),
                              ("We will keep internal logs every day", False)):
        c = check_commitments(doc, [commit(doc, quote, verifiable=verifiable)])[0]
        assert ("C303" in codes_of(c)) is (not verifiable), (quote, verifiable)
        assert is_vague(c) is (not verifiable)  # concrete: only C303 can flag it


def test_a_vague_commitment_always_says_why() -> None:
    c = check_one("We will strengthen our defences.", "We will strengthen our defences", specificity="vague",
                  verifiable=False)
    flag = next(f for f in c.flags if f.code == "C204")
    assert flag.severity == "warning" and flag.evidence == "strengthen"
    bare = check_one("We will do the work.", "We will do the work", specificity="vague", verifiable=False)
    assert any(f.code == "C204" for f in bare.flags)
    # a vague commitment whose words name a cause gets that cause, not the fallback
    hedged = check_one("We aim to publish more.", "We aim to publish more", modality="intend", specificity="vague")
    assert "C101" in codes_of(hedged) and "C204" not in codes_of(hedged)


@pytest.mark.parametrize(("quote", "code"), [
    ("We will prepare response plans to ensure a rapid recovery", "C101"),  # "plans" is a noun
    ("The aim of this review is to find weaknesses before release", "C101"),  # a process's purpose
    ("Every release candidate is subject to red-team testing", "C103"),  # a requirement, not an escape
    ("We will run the check to confirm that the stronger standard is not necessary", "C201"),
])
def test_words_in_another_sense_raise_nothing(quote: str, code: str) -> None:
    c = check_one(f"{quote}.", quote, specificity="vague")
    assert code not in codes_of(c), c.flags


def test_the_same_words_in_their_flagging_sense_still_flag() -> None:
    assert "C101" in codes_of(check_one("We plan to publish a report.", "We plan to publish a report",
                                        specificity="vague"))
    assert "C103" in codes_of(check_one("We will share results, subject to legal constraints.",
                                        "We will share results, subject to legal constraints",
                                        specificity="vague"))
    assert "C201" in codes_of(check_one("We will take the necessary steps.", "We will take the necessary steps",
                                        specificity="vague"))


def test_competitor_exception_in_a_footnote_the_quote_points_to() -> None:
    text = ("We will keep the strongest safeguards in place for every frontier model.4\n\n"
            "Other text.\n\n"
            "4 We may lower these safeguards if a competitor advances without comparable protections.\n")
    quote = "We will keep the strongest safeguards in place for every frontier model.4"
    c = check_one(text, quote, specificity="vague")
    flag = next(f for f in c.flags if f.code == "C104")
    assert flag.severity == "error" and flag.evidence == "a competitor" and "footnote" in flag.message
    # no marker, no footnote read
    plain = "We will keep the strongest safeguards in place for every frontier model"
    other = text.replace("model.4", "model.")
    assert "C104" not in codes_of(check_one(other, plain, specificity="vague"))


def test_competitor_exception_in_the_sentence_a_quote_refers_back_to() -> None:
    text = ("Our limits hold for every model. In a case where a rival lab deploys a far stronger system, we might "
            "relax these limits. Such a step would only be taken after notice to regulators.\n")
    quote = "Such a step would only be taken after notice to regulators"
    c = check_one(text, quote, specificity="vague")
    flag = next(f for f in c.flags if f.code == "C104")
    assert flag.evidence == "a rival lab" and "sentence" in flag.message
    # a sentence that does not refer back reads only itself
    plain = "Our limits hold for every model"
    assert "C104" not in codes_of(check_one(text, plain, specificity="vague"))


def test_an_acronym_spelled_out_in_the_document_is_defined() -> None:
    quote = "Before each release the MOB will check its requirements"
    text = f"The Model Oversight Board reviews every release.\n\n{quote}.\n"
    c = check_one(text, quote, specificity="vague")
    flag = next(f for f in c.flags if f.evidence == "MOB")
    assert flag.code == "C502" and flag.defined_in == "policy p.1"
    alone = check_one(f"{quote}.\n", quote, specificity="vague")
    assert next(f for f in alone.flags if f.evidence == "MOB").code == "C501"


def test_vague_trigger_and_time_bound_trigger() -> None:
    text = ("If risks become significant, we will pause training. "
            "Before deploying a new model, we will publish a system card.")
    doc = make_doc(text)
    vague, timed = check_commitments(doc, [
        commit(doc, "If risks become significant, we will pause training", trigger="If risks become significant",
               safeguard="pause training"),
        commit(doc, "Before deploying a new model, we will publish a system card",
               trigger="Before deploying a new model", safeguard="publish a system card"),
    ])
    flag = next(f for f in vague.flags if f.code == "C202")
    assert flag.evidence == "significant"
    assert "C202" not in codes_of(timed) and "C302" not in codes_of(timed)


def test_reactive_measure_without_trigger_is_noted() -> None:
    text = "We will pause deployment of the model."
    c = check_one(text, text.rstrip("."), safeguard="pause deployment of the model")
    flag = next(f for f in c.flags if f.code == "C203")
    assert flag.severity == "info" and flag.evidence == "pause"


def test_vague_timing_is_named_in_the_deadline_flag() -> None:
    text = "We will promptly review incidents with external auditors."
    c = check_one(text, text.rstrip("."))
    flag = next(f for f in c.flags if f.code == "C302")
    assert flag.evidence == "promptly"
    assert "C303" not in codes_of(c)  # external auditors make it observable


def test_numbers_glued_to_levels_or_footnotes_are_not_thresholds() -> None:
    text = "We will harden security for TL-3 models2."
    doc_text = text + "\n\nTL-3 refers to models that can assist experts.\n"
    c = check_one(doc_text, text.rstrip("."))
    assert "C301" in codes_of(c)


# ---------------------------------------------------------------------------------------------
# References: defined in the document, elsewhere in the run, or nowhere


def test_reference_defined_in_the_document_cites_its_page() -> None:
    text = ("[[page 1]]\nWe will apply the Tier 2 Security Standard before any deployment.\n"
            "[[page 2]]\nGlossary\n\nTier 2 Security Standard: controls that stop opportunistic attackers.\n")
    c = check_one(text, "We will apply the Tier 2 Security Standard before any deployment")
    refs = [f for f in c.flags if f.code in ("C501", "C502")]
    assert refs and all(f.code == "C502" for f in refs), refs
    named = next(f for f in refs if "Security Standard" in f.evidence)
    assert named.defined_in == "policy p.2"
    assert named.severity == "info"


def test_reference_with_no_definition_anywhere_is_an_error() -> None:
    text = "We will meet the Frontier Assurance Threshold before release. See Appendix C for the details."
    c = check_one(text, "We will meet the Frontier Assurance Threshold before release", specificity="vague")
    flag = next(f for f in c.flags if f.code == "C501")
    assert flag.severity == "error" and flag.defined_in is None
    assert flag.evidence == "Frontier Assurance Threshold"
    # the quote's own occurrence never counts as the definition
    quote = "We will follow Appendix C before release"
    c2 = check_one(quote + ". Nothing else.", quote, specificity="vague")
    assert any(f.code == "C501" and f.evidence == "Appendix C" and f.severity == "error" for f in c2.flags)


def test_appendix_reference_resolves_to_its_heading() -> None:
    text = ("[[page 1]]\nWe will run the evaluations listed in Appendix B before each release.\n"
            "[[page 2]]\n## Appendix B: Evaluations\n\nThe list.\n")
    c = check_one(text, "We will run the evaluations listed in Appendix B before each release")
    flag = next(f for f in c.flags if f.evidence == "Appendix B")
    assert flag.code == "C502" and flag.defined_in == "policy p.2"


def test_reference_defined_in_another_document_of_the_run() -> None:
    policy = make_doc("We will reach Level 3 before scaling further.", "policy")
    glossary = make_doc("[[page 1]]\nIntro.\n[[page 2]]\nLevel 3 refers to systems that can act autonomously.\n",
                        "glossary")
    c = commit(policy, "We will reach Level 3 before scaling further")
    checked = check_commitments(policy, [c], others=[policy, glossary])[0]
    flag = next(f for f in checked.flags if f.evidence == "Level 3")
    assert flag.code == "C502" and flag.defined_in == "glossary p.2"
    # without the other document, the same reference is undefined
    alone = check_commitments(policy, [c])[0]
    assert next(f for f in alone.flags if f.evidence == "Level 3").code == "C501"


def test_named_public_standard_is_checkable_not_undefined() -> None:
    quote = "We will maintain ISO/IEC 27001 certification for our model-serving systems"
    c = check_one(quote + ".", quote)
    assert "C503" in codes_of(c) and "C501" not in codes_of(c) and "C303" not in codes_of(c)


def test_find_references_kinds() -> None:
    refs = {r.term: r for r in find_references(
        'We ship only at "medium" risk or lower, with ASL-3 Required Safeguards in force; see Section 4 and SOC 2.')}
    assert refs["Section 4"].pointer
    assert refs["SOC 2"].standard
    composite = refs["ASL-3 Required Safeguards"]
    assert [p.term for p in composite.parts] == ["ASL-3", "Required Safeguards"]
    assert "ASL-3" not in refs  # covered by the composite
    assert "medium" in refs and not refs["medium"].case_sensitive


def test_reference_found_through_the_chroma_index(tmp_path: Path) -> None:
    from extractor.index import Index

    policy = make_doc("We will keep models below Hazard Tier 4 before release.", "policy")
    other = make_doc("[[page 1]]\nPreface.\n\n[[page 2]]\nHazard Tier 4 refers to models that could assist a "
                     "large-scale attack.\n", "standards")
    index = Index(tmp_path / "idx")
    index.ingest(chunk_document(other, 200, 20))
    c = commit(policy, "We will keep models below Hazard Tier 4 before release")
    checked = check_commitments(policy, [c], index=index, doc_ids=["policy", "standards"])[0]
    flag = next(f for f in checked.flags if f.evidence == "Hazard Tier 4")
    assert flag.code == "C502" and flag.defined_in == "standards p.2"
    # restricted to documents that are not in the index: not found there
    checked = check_commitments(policy, [c], index=index, doc_ids=["policy", "elsewhere"])[0]
    assert next(f for f in checked.flags if f.evidence == "Hazard Tier 4").code == "C501"


# ---------------------------------------------------------------------------------------------
# Re-checking, the verdict and --fail-on matching


def test_recheck_replaces_rules_flags_and_keeps_other_judges() -> None:
    doc = make_doc("We aim to improve our processes.")
    llm = Flag(code="L1", severity="warning", message="judge", evidence="improve", source="llm")
    stale = Flag(code="C999", severity="error", message="old", evidence="x", source="rules")
    c = commit(doc, "We aim to improve our processes", modality="intend", flags=[llm, stale], specificity="vague")
    once = check_commitments(doc, [c])[0]
    twice = check_commitments(doc, once and [once])[0]
    assert llm in once.flags and all(f.code != "C999" for f in once.flags)
    assert once.flags == twice.flags
    assert is_vague(once) and is_vague(once, sources=("llm",))
    only_llm = c.model_copy(update={"flags": [llm.model_copy(update={"severity": "info"})]})
    assert not is_vague(only_llm, sources=("rules", "llm"))


def test_exceeds_matches_severity_code_and_name() -> None:
    warn = Flag(code="C303", severity="warning", message="m", evidence="e")
    assert exceeds(warn, "warning") and exceeds(warn, "info") and not exceeds(warn, "error")
    assert exceeds(warn, "C303") and exceeds(warn, "no-verifier") and not exceeds(warn, "C501")


# ---------------------------------------------------------------------------------------------
# Scorecard and the command


def write_case(tmp_path: Path) -> tuple[Path, Path]:
    """A document and its extraction output, as `extract run` would leave them."""
    src = tmp_path / "docs" / "draft.txt"
    src.parent.mkdir()
    src.write_text(
        "# Draft policy\n\n"
        "We will publish a model card within 14 days of each release.\n"
        "We aim to strengthen our processes over time.\n"
        "We must not deploy a model that exceeds the Red Line Threshold.\n"
        "We may pause training if appropriate.\n", "utf-8")
    doc = load(src)
    quotes = [("We will publish a model card within 14 days of each release", "must"),
              ("We aim to strengthen our processes over time", "intend"),
              ("We must not deploy a model that exceeds the Red Line Threshold", "must_not"),
              ("We may pause training if appropriate", "may")]
    commitments = []
    for n, (q, m) in enumerate(quotes):
        start = doc.text.index(q)
        commitments.append(Commitment(
            id=f"draft-{n}", quote=q, actor="Acme", modality=m, trigger=None, safeguard=q,  # type: ignore[arg-type]
            # as a backend labels them: the undefined threshold makes the third one vague (ANNOTATION.md)
            specificity="quantitative" if n == 0 else "vague", verifiable=n == 0,
            span=Span(start=start, end=start + len(q), page=1)))
    out = ExtractionOutput(
        schema_version="1.0",
        document=DocumentInfo(id=doc.id, path=str(src), sha256=doc.sha256, title=doc.title, org="Acme",
                              pages=doc.pages, chars=len(doc.text)),
        run=RunInfo(tool_version="0.1.0", backend="rules", time=datetime.now(timezone.utc)),
        commitments=commitments)
    out_dir = tmp_path / "out"
    write_json(out_dir / "draft.json", out)
    return out_dir, src


def test_scorecard_figures() -> None:
    doc = make_doc("We will publish a report every year. We aim to improve. We may consider changes.")
    cs = check_commitments(doc, [commit(doc, "We will publish a report every year"),
                                 commit(doc, "We aim to improve", modality="intend", specificity="vague"),
                                 commit(doc, "We may consider changes", modality="may", specificity="vague")])
    out = ExtractionOutput(
        schema_version="1.0",
        document=DocumentInfo(id="policy", path="policy.txt", sha256=doc.sha256, title="t", org="Acme",
                              pages=1, chars=len(doc.text)),
        run=RunInfo(tool_version="0.1.0", backend="rules", time=datetime.now(timezone.utc)), commitments=cs)
    card = build([out])
    row = card.documents[0]
    assert row.commitments == 3 and row.by_modality["must"] == 1 and row.by_modality["may"] == 1
    assert row.binding_share == pytest.approx(1 / 3, abs=1e-3)
    assert row.quantitative_share == pytest.approx(1 / 3, abs=1e-3)  # only "every year" has a number or frequency
    assert row.flagged == 2 and row.cheap_talk_index == pytest.approx(2 / 3, abs=1e-3)
    assert row.strong == 1 and row.strong_share == pytest.approx(1 / 3, abs=1e-3)  # binding, specific, published
    assert row.flags_by_code["C101"] == 1 and row.flags_by_code["C102"] == 1
    assert card.total.commitments == 3
    jsonschema.validate(json.loads(card.model_dump_json()), scorecard_schema())
    rows = list(csv.DictReader(io.StringIO(to_csv(card))))
    assert [r["document"] for r in rows] == ["policy", "TOTAL"]
    assert rows[0]["flag_C101"] == "1" and rows[0]["cheap_talk_index"] == str(row.cheap_talk_index)


def test_check_command_rewrites_flags_and_prints_the_scorecard(tmp_path: Path) -> None:
    out_dir, _ = write_case(tmp_path)
    before = (out_dir / "draft.json").read_text("utf-8")
    result = runner.invoke(app, ["check", str(out_dir), "--json", "--write"])
    assert result.exit_code == 0, result.output
    card = json.loads(result.stdout)
    jsonschema.validate(card, scorecard_schema())
    assert card["documents"][0]["document"] == "draft" and card["documents"][0]["commitments"] == 4
    assert card["documents"][0]["flagged"] == 3  # all but the published, dated model card
    after = read_output(out_dir / "draft.json")
    assert (out_dir / "draft.json").read_text("utf-8") != before
    undefined = [f for c in after.commitments for f in c.flags if f.code == "C501"]
    assert [f.evidence for f in undefined] == ["Red Line Threshold"]
    assert not list(out_dir.glob(".*.tmp"))  # atomic writes leave no temporary file

    text = runner.invoke(app, ["check", str(out_dir)])
    assert text.exit_code == 0 and "cheap-talk index" in text.stdout and "draft" in text.stdout
    csv_out = runner.invoke(app, ["check", str(out_dir), "--csv", "--output", str(tmp_path / "card.csv")])
    assert csv_out.exit_code == 0
    assert (tmp_path / "card.csv").read_text("utf-8") == csv_out.stdout
    assert csv_out.stdout.splitlines()[0].startswith("document,org,commitments,modality_must")


def test_fail_on_gates_the_exit_code(tmp_path: Path) -> None:
    out_dir, _ = write_case(tmp_path)
    failing = runner.invoke(app, ["check", str(out_dir), "--fail-on", "error"])
    assert failing.exit_code == 4
    assert "C501" in failing.stderr and "Red Line Threshold" in failing.stderr
    assert runner.invoke(app, ["check", str(out_dir), "--fail-on", "C104"]).exit_code == 0
    assert runner.invoke(app, ["check", str(out_dir), "--fail-on", "hedged-modality"]).exit_code == 4
    bad = runner.invoke(app, ["check", str(out_dir), "--fail-on", "loud"])
    assert bad.exit_code == 2 and "--fail-on 'loud'" in bad.stderr


def test_check_command_errors_are_one_line(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["check", str(tmp_path / "nope")])
    assert missing.exit_code == 1 and "no such file or directory" in missing.stderr
    (tmp_path / "empty").mkdir()
    empty = runner.invoke(app, ["check", str(tmp_path / "empty")])
    assert empty.exit_code == 1 and "no extraction outputs" in empty.stderr


def test_check_command_without_the_source_document_skips_references(tmp_path: Path) -> None:
    out_dir, src = write_case(tmp_path)
    src.unlink()
    result = runner.invoke(app, ["check", str(out_dir), "--json", "--write", "--no-index"])
    assert result.exit_code == 0, result.output
    after = read_output(out_dir / "draft.json")
    codes = {f.code for c in after.commitments for f in c.flags}
    assert "C101" in codes and not codes & {"C501", "C502"}


def test_schema_command_prints_the_scorecard_schema() -> None:
    result = runner.invoke(app, ["schema", "--scorecard"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "extractor scorecard" and "cheap_talk_index" in json.dumps(schema)
    default = json.loads(runner.invoke(app, ["schema"]).stdout)
    assert default["title"] == "extractor output"


# ---------------------------------------------------------------------------------------------
# The optional LLM judge, through a real OpenAI-compatible HTTP server on 127.0.0.1


def _judge_responder(body: dict[str, Any], chunk: str) -> dict[str, Any]:
    """Says "verifiable" for what publishes, "vague" for what aims; evidence copied from the line."""
    import re

    user = next(m["content"] for m in body["messages"] if m["role"] == "user")
    verdicts = []
    for line in user.splitlines():
        m = re.match(r"(\d+)\. \[(\w+)\] (.*)", line)
        if m:
            text = m.group(3)
            verdicts.append({"number": int(m.group(1)), "verifiable": "publish" in text, "vague": "aim" in text,
                             "evidence": " ".join(text.split()[1:3]), "reason": "scripted"})
    return {"verdicts": verdicts}


def test_llm_judge_reports_separately(fake_llm: Any, tmp_path: Path) -> None:
    fake_llm.responder = _judge_responder
    out_dir, _ = write_case(tmp_path)
    env = {"OPENAI_API_KEY": "", "OPENAI_BASE_URL": "", "EXTRACTOR_MODEL": ""}
    result = runner.invoke(app, ["check", str(out_dir), "--json", "--write", "--llm-judge", "--base-url",
                                 fake_llm.url, "--model", "fake-model"], env=env)
    assert result.exit_code == 0, result.output
    assert len(fake_llm.chat_requests) == 1  # four commitments: one batch, answered valid the first time
    row = json.loads(result.stdout)["documents"][0]
    assert row["llm_judged"] == 4 and row["llm_flagged"] == 3
    assert row["llm_cheap_talk_index"] == pytest.approx(0.75)
    assert row["flagged"] == 3 and row["judges_agree"] == pytest.approx(1.0)
    after = read_output(out_dir / "draft.json")
    llm_flags = [f for c in after.commitments for f in c.flags if f.source == "llm"]
    assert {f.code for f in llm_flags} == {"L100", "L101", "L102"}
    for c in after.commitments:
        for f in c.flags:
            if f.source == "llm":
                assert f.evidence in c.quote
    # rules verdicts are untouched by the second judge
    assert sum(is_vague(c) for c in after.commitments) == 3


def test_llm_judge_needs_an_endpoint(tmp_path: Path) -> None:
    out_dir, _ = write_case(tmp_path)
    result = runner.invoke(app, ["check", str(out_dir), "--llm-judge"],
                           env={"OPENAI_API_KEY": "", "OPENAI_BASE_URL": ""})
    assert result.exit_code == 2 and "needs an endpoint" in result.stderr


def test_an_acronym_spelled_out_in_the_quote_itself_is_defined() -> None:
    quote = "Each release includes forty professional-level Escape the Box (ETB) challenges before launch"
    c = check_one(f"{quote}.\n", quote, specificity="vague")
    assert next(f for f in c.flags if f.evidence == "ETB").code == "C502"


def test_a_bulleted_glossary_line_with_a_short_name_defines_the_term() -> None:
    quote = "We will meet the Harbour Release Threshold before release"
    text = (f"{quote}.\n\n● Harbour Release Threshold (HRT-2): the level at which outside testers must sign off.\n")
    c = check_one(text, quote, specificity="vague")
    assert next(f for f in c.flags if f.evidence == "Harbour Release Threshold").code == "C502"


def test_a_run_resolves_references_among_its_own_documents_not_what_earlier_runs_indexed(tmp_path: Path) -> None:
    from extractor.config import Settings
    from extractor.pipeline import Pipeline

    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    (first / "glossary.txt").write_text("Storm Levels refer to the capability tiers of our models.\n", "utf-8")
    (second / "plan.txt").write_text("We will keep every model below Storm Levels before release.\n\n"
                                     "A Gale Tier means a model that could aid a serious attack.\n"
                                     "We will pause any model that reaches Gale Tiers.\n", "utf-8")
    settings = Settings.resolve(backend="rules", index_dir=tmp_path / "idx", env={})
    Pipeline(settings).run([first], tmp_path / "out1")
    Pipeline(settings).run([second], tmp_path / "out2")
    out = read_output(tmp_path / "out2" / "plan.json")
    refs = {f.evidence: f for c in out.commitments for f in c.flags if f.code in ("C501", "C502")}
    assert refs["Storm Levels"].code == "C501"  # defined only in a document of another run
    # a plural is defined where its singular is
    assert refs["Gale Tiers"].code == "C502" and refs["Gale Tiers"].defined_in == "plan p.1"
