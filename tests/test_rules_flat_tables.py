"""A table flattened by PDF extraction (row labels on lines of their own, one cell per paragraph), its lead-in cells
and the instructions of a phased plan (synthetic texts)."""

from __future__ import annotations

from extractor.backends.rules import extract_text, segment
from extractor.backends.rules.fields import split_actions
from extractor.backends.rules.lists import offered_measures, own_measures

_TABLE = """## 3 Protection Tiers

The tiers below rise with the risk of each system.

Protection
Tier

Summary
Specific Safeguards

Tier 1
Basic protections for
systems with low
risk.

Objective:

Nothing beyond
standard practice.

Examples of basic safeguards
that may be applied include:

System Sheets: Pages released
with every new system, listing
its intended uses.

Tier 2
Stronger protections for
systems needing close
watch.

Misuse of the system is reduced by:

Input Screening
and Flagging: Automated
screeners check requests and replies, flagging


[[page 4]]




Objective:

No outsider should be able to
turn the system against its users.

and holding back suspicious content as it arrives.

Stress Checks: Periodic
checks of systems for resistance
against attempts to subvert their replies.

Tier 3
Strongest protections.

Misuse of the system is reduced by:

Encrypted storage and continuous anomaly alerts.

## 4 Oversight

The board meets monthly.

## 5 Review

The plan is read again each year.
"""


def _fields() -> dict[str, tuple[str | None, str]]:
    return {c.quote: (c.trigger, c.modality) for c in extract_text(_TABLE, "Harbour")}


def test_a_lead_in_cell_binds_the_cells_of_its_row_with_the_row_label_as_trigger() -> None:
    got = _fields()
    assert got["Periodic checks of systems for resistance against attempts to subvert their replies."] == (
        "Tier 2",
        "must",
    )
    assert got["Encrypted storage and continuous anomaly alerts."] == ("Tier 3", "must")


def test_examples_that_may_be_applied_are_options_and_a_wrapped_label_is_no_part_of_the_quote() -> None:
    got = _fields()
    assert got["Pages released with every new system, listing its intended uses."] == ("Tier 1", "may")
    assert "Automated screeners check requests and replies, flagging" in got


def test_label_cells_and_the_rest_of_a_cell_cut_by_a_page_break_are_no_units() -> None:
    got = _fields()
    quotes = set(got)
    assert "Objective" not in quotes and "Objective:" not in quotes
    assert not any(q.startswith(("holding back", "and holding")) for q in quotes)
    # a heading ends the table and its lead-in: the body's own statement after it is no item of the last row
    assert got.get("The board meets monthly.", (None, "must")) == (None, "must")


def test_a_row_on_the_next_page_keeps_its_label() -> None:
    conditions = {" ".join(u.text.split()): u.condition for u in segment(_TABLE)}
    assert conditions["No outsider should be able to turn the system against its users."] == "Tier 2"


def test_lead_ins_that_list_the_means_against_a_risk_or_optional_examples() -> None:
    assert own_measures("Risk of data loss is reduced by:")
    assert own_measures("These threats are addressed through the following:")
    assert not own_measures("Risk of data loss was reduced by:")
    assert offered_measures("Examples of safeguards that could be used include:")
    assert not offered_measures("Examples of safeguards we apply include:")


def test_phase_instructions_with_new_verbs_split_into_verb_phrases() -> None:
    text = ("## Roll-out\n\nPhase 3: Growth (12+ Months)\n\n● Expand outside collaboration and participate in shared "
            "drills.\n● Scale up audits, logging, and alerting for risky systems.\n")
    got = {c.quote: c.trigger for c in extract_text(text, "Harbour")}
    assert got["Expand outside collaboration"] == "12+ Months"  # the phase's time, not its title
    assert "participate in shared drills." in got
    assert "Scale up audits, logging, and alerting for risky systems." in got


def test_an_and_after_a_purpose_continues_the_purpose() -> None:
    clause = "Publish a yearly report to foster trust and establish a reputation."
    assert split_actions(clause, 0) == [(0, len(clause))]


def test_the_duties_of_a_body_are_its_commitments_one_per_gerund_phrase() -> None:
    text = ("## 5 Oversight\n\nThe Harbour Review Council meets every month.\n\n"
            "Responsibilities of the Harbour Review Council include, but are not limited to:\n\n"
            "i. Upkeep: Ensuring the policy is drafted well and applied fully, and proposing changes as needed.\n\n"
            "ii. Inquiries: Looking into reports of possible breaches and referring serious breaches to the Chair.\n\n"
            "## 6 Review\n\nThe plan is read again each year.\n\n## 7 Contact\n\nWrite to the office.\n")
    got = {c.quote: c.actor for c in extract_text(text, "Harbour")}
    assert got["Ensuring the policy is drafted well and applied fully"] == "Harbour Review Council"
    assert "proposing changes as needed." in got
    assert "Looking into reports of possible breaches" in got
    assert "referring serious breaches to the Chair." in got


def test_a_series_of_gerund_phrases_splits_but_gerunds_sharing_an_object_do_not() -> None:
    clause = "Checking logs daily and escalating alerts to the owner."
    parts = [clause[a:b] for a, b in split_actions(clause, 0)]
    assert parts == ["Checking logs daily", "escalating alerts to the owner."]
    shared = "Reviewing, testing and fixing the code before release."
    assert split_actions(shared, 0) == [(0, len(shared))]
    assert own_measures("The committee's duties include:")
    assert not own_measures("The committee's duties were:")


def test_a_table_of_roles_gives_each_duty_its_role_as_actor_not_as_condition() -> None:
    text = ("# Harbour roles\n\n## Duties\n\n| Role | Responsibility |\n|---|---|\n"
            "| Harbour Master | Approves every gate closure |\n"
            "| Pump Crew Lead | Tests each pump before the season |\n")
    found = extract_text(text, "Harbour")
    assert [(c.actor, c.trigger, c.quote) for c in found] == [
        ("Harbour Master", None, "Approves every gate closure"),
        ("Pump Crew Lead", "before the season", "Tests each pump before the season")]


def test_a_cell_forbidding_an_act_by_naming_it_after_no_is_a_prohibition() -> None:
    text = ("# Harbour tiers\n\n| Tier | Gate measures |\n|---|---|\n| Amber | Gates staffed around the clock |\n"
            "| Red | No public access to the quay |\n| Green | No further action |\n")
    found = {c.quote: (c.modality, c.trigger, c.safeguard) for c in extract_text(text, "Harbour")}
    assert found["No public access to the quay"] == ("must_not", "Red", "public access to the quay")
    assert "No further action" not in found
