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


def test_a_name_or_condition_read_across_a_line_break_is_written_on_one_line() -> None:
    from extractor.models import Candidate

    text = "If the river rises,\nthe Flood Response\nCouncil will close the gates at every weir."
    al = Aligner(Document(id="d", path="", sha256="", title="", text=text))
    c = al.ground(Candidate(quote=text, actor="Flood Response\nCouncil", modality="must", trigger="If the river\nrises",
                            safeguard="close the gates\nat every weir", specificity="concrete", verifiable=False))
    assert c is not None
    assert (c.actor, c.trigger, c.safeguard) == ("Flood Response Council", "If the river rises",
                                                 "close the gates at every weir")


def test_note_references_stay_in_the_quote_and_leave_the_condition_and_the_act() -> None:
    from extractor.backends.rules import extract_text

    text = ("If a river crosses the flood line[footnote 2], we will close the gates[^3] at every weir "
            "and open the overflow basins4 within two hours.\n")
    al = Aligner(Document(id="d", path="", sha256="", title="", text=text))
    found = [al.ground(c) for c in extract_text(text, "Acme")]
    assert [c.quote for c in found if c] == [text.strip()]
    c = found[0]
    assert c is not None
    assert c.trigger == "If a river crosses the flood line"
    assert c.safeguard == "close the gates at every weir and open the overflow basins within two hours"
