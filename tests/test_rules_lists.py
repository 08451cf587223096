"""The rules on lists, table cells and contrasted clauses that state measures without a verb of their own."""

from __future__ import annotations

from extractor.backends.rules import extract_text
from extractor.models import Candidate

ORG = "Lanternfish"


def run(text: str) -> list[Candidate]:
    return extract_text(text, ORG)


def test_a_prohibition_and_a_commitment_joined_by_but_are_two_units() -> None:
    found = run("We will not publish the trained parameters but will grant access through a logged gateway.\n")
    assert [(c.modality, c.quote.startswith("will grant")) for c in found] == [("must_not", False), ("must", True)]
    assert "grant" not in found[0].quote


def test_but_after_not_only_joins_no_prohibition() -> None:
    found = run("We will not only run the audit ourselves but will also invite an outside lab to repeat it.\n")
    assert len(found) == 1
