"""The align stage on short quotes: grounded only at the place the backend read them."""

from __future__ import annotations

from extractor.align import Aligner
from extractor.models import Document


def test_a_short_quote_is_grounded_only_exactly_at_its_hinted_place() -> None:
    text = "Level 2 needs a guard.\n| Row one | Level 2 |\n| Row two | Level 3 |\n"
    al = Aligner(Document(id="d", path="", sha256="", title="", text=text))
    cell = text.index("Level 2 |")
    assert al.locate("Level 2", cell, cell + 7) == (cell, cell + 7, "exact")
    assert al.locate("Level 2") is None  # no place to ground it: it occurs twice, and anywhere is a guess
    row_two = text.index("Row two")
    assert al.locate("Level 2", row_two, row_two + 7) is None  # never searched for elsewhere, never fuzzy
    assert al.locate("We will keep a guard at Level 2") is None  # a long quote is still checked as before
