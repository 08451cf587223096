"""`verifiable` by the contract's procedure (extractor/signals.py) and flags that follow the fields.

Sentences are written for the tests, not taken from any policy.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.check import check_commitments, has_vague_cause
from extractor.config import Settings
from extractor.load import load
from extractor.pipeline import Pipeline
from extractor.signals import verifiable_signal

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(("text", "kind", "evidence"), [
    ("We will publish a summary of every capability evaluation", "publication", "publish"),
    ("A system card accompanies each release", "publication", "system card"),
    ("We will share incident reports with the national AI safety institute", "publication",
     "share incident reports with the national AI safety institute"),
    ("We will notify affected customers of material changes", "publication", "notify affected customers"),
    ("We will revise this framework to add the new levels", "publication", "revise this framework"),
    ("This policy will be updated after each review", "publication", "This policy will be updated"),
    ("Independent auditors will assess our adherence each year", "external_party", "Independent auditors"),
    ("We will ask external red teamers to probe every model", "external_party", "external red teamers"),
    ("Evaluations are designed in consultation with Northwind University", "external_party",
     "in consultation with N"),
    ("We will maintain a bug bounty programme for model jailbreaks", "observable", "bug bounty"),
    ("We provide channels where users can report harmful outputs", "observable", "channels where users"),
    ("We will post the audit summary on our website", "publication", "post the audit summary on our website"),
    ("We will make the test results available to customers", "publication", "make the test results available"),
    ("We will share attack patterns with other frontier labs", "publication", "share attack patterns with other"),
])
def test_each_signal_with_its_words(text: str, kind: str, evidence: str) -> None:
    signal = verifiable_signal(text)
    assert signal is not None and signal.kind == kind, signal
    assert signal.evidence.lower().startswith(evidence.lower()) and signal.evidence in text


@pytest.mark.parametrize("text", [
    "The board must approve any deployment above the threshold",  # an internal decision
    "Each month the risk officer reports progress to the executive committee",  # internal reporting
    "We will cap each evaluation run at 2,000 GPU hours",  # an internal number
    "If we determine that the safeguards failed, we will withdraw the model",  # reaction to an internal finding
    "We will keep audit logs of every access to model weights",  # internal records
    "Internal experts review every new evaluation",  # the organisation's own experts
    "We will test our models on public benchmarks",  # a public benchmark, no publication
    "Model weights must not be publicly released",  # a prohibition, not a publication
    "We will protect against external attackers",  # attackers are no party taking part
    "We will revisit the evaluation suite at least annually",  # an internal review
])
def test_internal_conduct_names_no_signal(text: str) -> None:
    assert verifiable_signal(text) is None


def test_the_same_wording_gets_the_same_answer() -> None:
    variants = ["We expect to update our framework as the science matures",
                "We expect to update our framework regularly",
                "we expect to update our framework as we learn more"]
    assert {verifiable_signal(v) is not None for v in variants} == {True}


def test_every_flag_on_the_corpus_follows_its_commitment_fields() -> None:
    """The rules backend over data/corpus: C303 exactly when not verifiable, a signal exactly when verifiable
    (its evidence in the quote), a counted vague cause exactly when specificity is vague."""
    corpus = ROOT / "data" / "corpus"
    paths = sorted(p for p in corpus.iterdir() if p.suffix in (".txt", ".md"))
    assert paths
    pipeline = Pipeline(Settings.resolve(env={}, backend="rules", use_index=False))
    docs = [load(p) for p in paths]
    seen = 0
    for doc in docs:
        out = pipeline.extract(doc)
        for c in check_commitments(doc, out.commitments, others=docs):
            seen += 1
            assert any(f.code == "C303" for f in c.flags) is (not c.verifiable), c.quote
            assert (c.verifiable_signal is not None) is c.verifiable, c.quote
            if c.verifiable_signal is not None:
                assert c.verifiable_signal.evidence in " ".join(c.quote.split())
            assert has_vague_cause(c) is (c.specificity == "vague"), (c.quote, c.flags)
    assert seen > 100
