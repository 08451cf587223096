"""A phase or stage label above a list is the condition of its items (synthetic texts)."""

from __future__ import annotations

from extractor.backends.rules import extract_text
from extractor.backends.rules.lists import phase_deadline


def _fields(text: str) -> dict[str, tuple[str | None, str]]:
    return {c.quote: (c.trigger, c.specificity) for c in extract_text(text, "Harbour")}


def test_a_marked_phase_heading_is_the_trigger_and_its_duration_makes_items_quantitative() -> None:
    text = ("## Roll-out\n\n## Phase 1 (First 9 Months)\n\n- Publish a card for each new model.\n"
            "- Run a red-team drill on each new model.\n\n## Phase 2\n\n- Share drill summaries with peer labs.\n")
    got = _fields(text)
    # the time in parentheses is when the items apply; the phase's number or name is its title
    assert got["Publish a card for each new model."] == ("First 9 Months", "quantitative")
    assert got["Share drill summaries with peer labs."][0] == "Phase 2"


def test_an_unmarked_stage_label_scopes_its_list_until_the_next_heading() -> None:
    text = ("Harbour measures\n\nPrior to launch:\n- We will test the weights store for leaks.\n\n"
            "Stage 3 - after launch\n- We will watch for abuse of the chat tool.\n\n"
            "Other measures\n- We will fund outside audits.\n")
    got = _fields(text)
    assert got["We will test the weights store for leaks."][0] == "Prior to launch"
    assert got["We will watch for abuse of the chat tool."][0] == "Stage 3 - after launch"
    assert got["We will fund outside audits."][0] is None


def test_an_items_own_condition_beats_the_phase_label() -> None:
    text = "## Phase 4\n\n- If a probe fails, we will pause the roll-out.\n"
    (trigger, _), = _fields(text).values()
    assert trigger is not None and "probe fails" in trigger


def test_a_phase_deadline_is_a_duration_not_a_phase_number() -> None:
    assert phase_deadline("12+ Months")
    assert phase_deadline("Months 4-9") and phase_deadline("First 2 years") and not phase_deadline("Phase 2")


def test_a_heading_that_is_a_condition_conditions_the_list_under_it() -> None:
    text = ("# Harbour flood plan\n\n## When a gauge reaches the amber mark\n\n- Notify the Flood Board within 48 "
            "hours.\n- Test every pump again.\n\n## If a gauge reaches the red mark\n\n- Halt all shipping.\n"
            "- Restrict quay access to the harbour team.\n\n"
            "## When to use this plan\n\n- Read it before each drill season.\n")
    found = extract_text(text, "Harbour")
    assert [c.trigger for c in found if c.quote.startswith(("Notify", "Test", "Halt", "Restrict"))] == [
        "When a gauge reaches the amber mark", "When a gauge reaches the amber mark",
        "If a gauge reaches the red mark", "If a gauge reaches the red mark"]
    assert all(c.trigger is None for c in found if c.quote.startswith("Read"))
