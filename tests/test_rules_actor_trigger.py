"""Who acts and what activates a commitment, on small made-up texts: bodies named as subjects or "by" agents, bodies
that only receive, legal entities, pronouns under a body's label; conditions of a series, of a level, of a class."""

from __future__ import annotations

from extractor.backends.rules import actor_for, clean_trigger, extract_text, find_cue, find_trigger, segment
from extractor.learn.propose import propose
from extractor.models import Candidate

ORG = "Acme"


def one(text: str) -> Candidate:
    found = extract_text(text, ORG)
    assert len(found) == 1, [c.quote for c in found]
    return found[0]


def trigger(clause: str) -> str | None:
    cue = find_cue(clause, ORG)
    assert cue is not None, clause
    return find_trigger(clause, cue)


# ------------------------------------------------------------------------------------------------------------ actor


def test_an_item_that_opens_on_its_verb_acts_for_the_lead_in_s_subject() -> None:
    found = extract_text("The Pier Safety Officer will:\n\n- inspect every crane before its first lift;\n- ensure "
                         "that the pier crews have the tools they need;\n- report to the Board each quarter.\n", ORG)
    assert [c.actor for c in found] == ["Pier Safety Officer"] * 3
    # under the author's own lead-in the items stay the author's
    found = extract_text("We will:\n\n- ensure that every crane is inspected before use;\n- publish the log.\n", ORG)
    assert [c.actor for c in found] == [ORG, ORG]


def test_a_generic_body_as_the_by_agent_acts_and_of_two_agents_the_first_verbs() -> None:
    # DECISIONS 29: a lower-case body ("the risk owner") is a "by" agent as much as a named one
    assert one("Each exception will be recorded by the risk owner.\n").actor == "risk owner"
    c = one("Edits to this policy will be drafted by the Review Council and signed off by the Acme Steering Group.\n")
    assert c.actor == "Review Council"


def test_a_body_in_a_passive_without_agent_only_receives() -> None:
    # DECISIONS 30: "will be notified", "should be convened": the organisation acts, the body receives
    c = one("If a breach is found, the Safety Council will be notified within one day.\n")
    assert c.actor == ORG
    assert actor_for("Managers including the CTO", ORG, {}, "", " be quickly convened to weigh the danger") == ORG
    # a participle that hands the body a duty keeps it as the actor
    assert actor_for("The Board", ORG, {}, "", " be required to approve each release") == "Board"


def test_a_role_named_in_parentheses_is_the_subject() -> None:
    c = one("A member of our platform team (the Outage Commander) will lead the response to each outage.\n")
    assert c.actor == "Outage Commander"


def test_a_legal_entity_of_the_author_is_the_actor_as_written() -> None:
    assert actor_for("Acme PBC", ORG, {}, "Acme PBC ") == "Acme PBC"
    head = "Acme Europe, Limited is the supplier of the tools in the region and "
    assert actor_for("Limited is the supplier of the tools in the region and", ORG, {}, head) == "Acme Europe, Limited"
    assert actor_for("The Limited edition", ORG, {}, "The Limited edition ") == ORG


def test_a_body_before_an_apposition_naming_its_members_is_the_subject() -> None:
    head = "A standing Release Board, composed of our CTO, Head of Risk and General Counsel, "
    assert actor_for("", ORG, {}, head) == "Release Board"


def test_generic_bodies_in_lower_case_and_a_bare_back_reference() -> None:
    assert actor_for("the modeling function at Acme", ORG) == "modeling function"
    assert actor_for("the data organization", ORG) == "data organization"
    assert actor_for("The board (or its audit committee)", ORG) == "Board"
    assert actor_for("our organization", ORG) == ORG
    head = "If the evaluation team sees a jump in scores, the team "
    assert actor_for("the team", ORG, {}, head) == "evaluation team"


def test_a_pronoun_under_a_run_in_body_label_is_that_body() -> None:
    text = ("1. Safety Lead Officer. There is a named employee who keeps this plan on track. Each month, they will "
            "send a status note to the board.\n")
    c = [c for c in extract_text(text, ORG) if "status note" in c.quote]
    assert c and c[0].actor == "Safety Lead Officer"


# ---------------------------------------------------------------------------------------------------------- trigger


def test_a_series_of_conditions_is_one_trigger() -> None:
    t = trigger("We will run the screening test during pre-training, after tuning is complete, and prior to launch.")
    assert t == "during pre-training, after tuning is complete, and prior to launch"
    t = trigger("We will run the screening test when Acme tunes a base model, where the tuning compute is over a "
                "tenth of the base run.")
    assert t == "when Acme tunes a base model, where the tuning compute is over a tenth of the base run"
    # a discretion after the comma is no further condition
    assert trigger("We will test the tools before release, where possible.") == "before release"


def test_conditions_named_as_examples_or_inside_a_nested_clause_are_no_trigger() -> None:
    assert trigger("We will test tools on a rolling basis, including during tuning and prior to launch.") is None
    assert trigger("This plan sets out how Acme will handle harms that could arise as we build larger tools.") is None


def test_a_level_a_milestone_a_case_and_a_leading_dependence_are_triggers() -> None:
    assert trigger("We will weigh added filters against misuse by such groups at higher XSLs.") == "at higher XSLs"
    assert trigger("We will adopt a staff reporting policy as part of reaching XSL-3.") == "as part of reaching XSL-3"
    assert trigger("In cases where the score for any tool passes a red line, we will halt work.") == (
        "In cases where the score for any tool passes a red line")
    assert trigger("In the case of later reviews, we will reuse the old findings.") == "In the case of later reviews"
    assert trigger("Depending on the scale of the breach, we will cut access to the tool.") == (
        "Depending on the scale of the breach")
    # after the verb, "depending on" says how much, not when
    c = one("Acme will scale its safeguards up depending on the test scores.\n")
    assert c.trigger is None


def test_a_frequency_a_comparison_or_a_place_opening_the_sentence_is_no_trigger() -> None:
    assert trigger("At least every ten months, we will hold a review of the plan.") is None
    assert trigger("For comparison, we will also run the tests on public tools.") is None
    assert trigger("At ACME, we will treat each alarm as urgent.") is None


def test_a_class_of_models_or_staff_as_the_subject_or_object_is_the_trigger() -> None:
    # DECISIONS 48, 70
    assert trigger("Models in scope of this plan will undergo a screening test twice a year.") == (
        "Models in scope of this plan")
    assert trigger("Acme will run a screening test on any system which falls under the law, such as the Act.") == (
        "any system which falls under the law")
    assert trigger("We will run the screening test on every tool we ship.") is None


def test_a_participle_is_a_whole_condition_but_a_discretion_is_none() -> None:
    assert clean_trigger("Where requested") == "Where requested"
    assert clean_trigger("when triggered") == "when triggered"
    assert clean_trigger("If needed") is None
    assert clean_trigger("when a model") is None


def test_a_gloss_in_parentheses_stays_in_the_condition_but_an_example_or_restatement_does_not() -> None:
    assert clean_trigger("If the items are found to be leaked (i.e. seen in the training set)") == (
        "If the items are found to be leaked (i.e. seen in the training set)")
    assert clean_trigger("before we train X (i.e. before going on past the checkpoint)") == "before we train X"
    assert clean_trigger("When told of a flaw (e.g. a bypass)") == "When told of a flaw"


def test_a_table_row_label_under_a_scale_header_names_the_scale() -> None:
    text = """## Misuse of tools

Risk level
Capability threshold
Response

Low

The tool gives no help beyond public sources.

Release allowed under the usual review.

High

The tool gives real help to a skilled person.

Further review and safeguards required.
"""
    conditions = {u.condition for u in segment(text) if u.condition}
    assert conditions == {"Misuse of tools, risk level Low", "Misuse of tools, risk level High"}


def test_a_time_of_another_act_and_a_leading_gerund_phrase_are_triggers() -> None:
    assert trigger("Where fitting, notes will be posted at the same time as we adopt the change.") == (
        "at the same time as we adopt the change")
    assert trigger("We will ask outside experts for input on our plans ahead of launch decisions.") == (
        "ahead of launch decisions")
    assert trigger("In weighing these options, we will look at near misses.") == "In weighing these options"
    assert trigger("In keeping with our mission, we will share our tools.") is None


def test_also_carries_the_condition_of_the_sentence_before_in_its_paragraph() -> None:
    # DECISIONS 73
    text = ("Before we ship any new tool, we will run the full test suite. We will also write a short plan for the "
            "risks we find. We will also keep logs.\n\nWe will also publish a yearly note.\n")
    triggers = {c.quote.rstrip("."): c.trigger for c in extract_text(text, ORG)}
    assert triggers["We will also write a short plan for the risks we find"] == "Before we ship any new tool"
    assert triggers["We will also keep logs"] == "Before we ship any new tool"
    assert triggers["We will also publish a yearly note"] is None


def test_then_carries_the_condition_and_in_the_event_needs_no_that() -> None:
    text = ("If the test team sees a jump in scores, we will pause the run. We will then start the full hazard "
            "tests we wrote for our Covered Harm Areas.\n")
    triggers = {c.quote.rstrip("."): c.trigger for c in extract_text(text, ORG)}
    assert triggers["We will then start the full hazard tests we wrote for our Covered Harm Areas"] == (
        "If the test team sees a jump in scores")
    assert trigger("In the event these tests show a jump in scores, we will not ship the tool until it is fixed.") == (
        "In the event these tests show a jump in scores")


def test_a_body_only_described_as_the_by_agent_names_none() -> None:
    assert one("Each exception will be recorded by the relevant team.\n").actor == ORG


def test_a_state_a_footnote_mark_and_a_focusing_adverb_are_no_part_of_a_condition() -> None:
    assert clean_trigger("when in use") is None
    assert clean_trigger("when the tool is tuned on more than 1/3 of its base run.2") == (
        "when the tool is tuned on more than 1/3 of its base run")
    assert clean_trigger("For the safety of stored weights specifically") == "For the safety of stored weights"


def test_a_by_agent_of_a_present_tense_passive_acts() -> None:
    # a process statement with no modal: a generic team as the "by" agent acts, as it does after "will be"
    text = "We will test every model.\n\nEach model is checked by the security team before release.\n"
    assert [c.actor for c in extract_text(text, ORG)] == [ORG, "security team"]
    text = "We will test every model.\n\nEach model is checked by the relevant team before release.\n"
    assert [c.actor for c in extract_text(text, ORG)] == [ORG, ORG]


def test_a_cue_less_unit_with_a_by_agent_names_that_body_for_the_decision_layer() -> None:
    text = "Release approvals are given by the Chief Risk Officer.\n"
    found = {p.cand.quote: p.cand.actor for p in propose(text, ORG)}
    assert found == {"Release approvals are given by the Chief Risk Officer.": "Chief Risk Officer"}


def test_a_cue_less_unit_names_the_body_a_duty_rests_with_or_its_body_subject() -> None:
    def actors(text: str) -> list[str]:
        return [p.cand.actor for p in propose(text + "\n", ORG)]

    assert actors("Final approval of each release rests with the Safety Council.") == ["Safety Council"]
    assert actors("Approval of exceptions is the responsibility of the Chief Risk Officer.") == ["Chief Risk Officer"]
    assert actors("The Safety Council has final authority over deployment decisions.") == ["Safety Council"]
    assert actors("Our security team has access to the logs.") == [ORG]
    # its members act for it
    assert actors("One or more members of the pier safety team then leads an inquiry into the spill.") == [
        "pier safety team"]
    assert actors("Two members of the Dock Board sign every berth plan.") == ["Dock Board"]
    assert actors("Members of the public can report spills to the harbour office.") == [ORG]
    # a body as the subject of a modal word the rules do not read as a cue; not a body inside a leading condition
    assert actors("The Dock Council would weigh the tide reports when setting berth limits.") == ["Dock Council"]
    assert actors("If the Dock Council objects, the plan would go back to the harbour office.") == [ORG]


def test_a_cue_less_unit_reads_its_own_condition_for_the_decision_layer() -> None:
    # a unit the rules do not take (a passive with a described subject) still carries the condition it names
    text = "The crane limits we set may be revised when a new berth class is reached, given the tides at that time.\n"
    found = {p.cand.quote: p.cand.trigger for p in propose(text, ORG)}
    assert list(found.values()) == ["when a new berth class is reached"]
    # what stands before its modal word is read as a subject is: a leading condition there is the condition
    text = "Depending on the size of the spill, this might involve closing the pier to all ships.\n"
    assert [p.cand.trigger for p in propose(text, ORG)] == ["Depending on the size of the spill"]


def test_a_list_item_the_rules_leave_acts_as_its_lead_in_or_its_sibling_items_do() -> None:
    # ANNOTATION "The unit": a list's items take actor, modality and trigger from the lead-in
    text = ("The Harbour Council's duties include:\n\n- Reviewing each berth plan before a ship docks\n"
            "- Approving pier closures during storms\n")
    assert {p.cand.actor for p in propose(text, ORG)} == {"Harbour Council"}
    # an item with a subject of its own keeps it
    text = "The Harbour Council's duties include:\n\n- We plan for tug crews to train on spills every spring\n"
    assert {p.cand.actor for p in propose(text, ORG)} <= {ORG}


def test_a_list_item_the_rules_leave_binds_as_its_lead_in_does() -> None:
    # ANNOTATION "The unit": a list's items take their modality from the lead-in ("may include" gives may)
    text = "Responses to a spill may include:\n\n- Closing the pier to all ships\n- Extra tug escorts for big hulls\n"
    assert {p.cand.modality for p in propose(text, ORG)} == {"may"}
    # an item with a modal verb of its own keeps it
    text = "Responses to a spill may include:\n\n- Pilots must stay on board until the tide turns\n"
    assert {p.cand.modality for p in propose(text, ORG) if p.cand.quote.startswith("Pilots")} <= {"must"}


def test_a_later_verb_phrase_in_which_a_body_receives_is_the_authors_own_step() -> None:
    # decision 30: receiving is no act of the body's; "approves X, and receives Y" is two commitments, the second the
    # author's (it sends the report)
    found = [(c.quote, c.actor) for c in extract_text(
        "The Dock Board approves berth plans and tide cases, and receives a report on the plan every quarter.\n", ORG)]
    assert found == [("The Dock Board approves berth plans and tide cases", "Dock Board"),
                     ("receives a report on the plan every quarter.", ORG)]


def test_it_after_the_author_named_in_the_same_sentence_is_the_author() -> None:
    found = [(c.actor, c.modality, c.quote) for c in extract_text(
        "Acme keeps a spill line, through which dockers can report spills, and it will not punish anyone who reports "
        "in good faith.\n", ORG)]
    assert found[-1] == (ORG, "must_not", "it will not punish anyone who reports in good faith.")
    # in the next sentence "it" may stand for anything the author named: no commitment of the author's is read there
    quotes = [c.quote for c in extract_text("Acme runs the pier. It will close in a storm.\n", ORG)]
    assert quotes == ["Acme runs the pier."]


def test_a_function_named_with_the_authors_name_is_a_body() -> None:
    # "Acme Security", "Acme's Legal team": the author's function, as written (decision 46 drops the possessive)
    assert one_actor("Acme Security will review each release before it sails.") == "Acme Security"
    assert one_actor("Acme's Legal team will review each release before it sails.") == "Acme Legal team"
    assert one_actor("Acme will review each release before it sails.") == ORG
    assert [p.cand.actor for p in propose("Acme Security reviews each release before it sails.\n", ORG)] == [
        "Acme Security"]


def one_actor(text: str) -> str:
    (c,) = extract_text(text + "\n", ORG)
    return c.actor


def test_a_role_named_after_its_body_is_one_name_as_written() -> None:
    # ANNOTATION: a named body as written; "the Harbour Council Chair" is neither "Chair" nor the Council
    (c,) = extract_text("The Harbour Council Chair will decide on each pier closure.\n", ORG)
    assert c.actor == "Harbour Council Chair"
    (c,) = extract_text("The Board Safety Committee will review each pier closure.\n", ORG)
    assert c.actor == "Board Safety Committee"


def test_a_body_the_document_names_by_an_acronym_acts_as_subject_or_agent() -> None:
    text = ("The Release Safety Group (RSG) advises leadership on each release.\n\n"
            "Each quarter the reports are reviewed by the RSG.\n\nThe RSG checks each capability report.\n")
    assert [p.cand.actor for p in propose(text, ORG)] == ["Release Safety Group"] * 3


def test_it_after_a_sentence_about_a_body_is_that_body_for_the_decision_layer() -> None:
    text = ("We will publish a yearly report.\n\nThe Release Council is made up of five senior staff. It meets every "
            "month and whenever a model reaches a warning level.\n")
    actors = {p.cand.quote.split()[0]: p.cand.actor for p in propose(text, ORG)}
    assert actors.get("It") == "Release Council"


def test_an_article_heading_of_a_legal_text_is_never_inside_a_quote() -> None:
    text = ("Article 6 (Committee)\nThe Committee shall convene at least once every quarter.\n\n"
            "Article 7 (Disclosure)\nThe Company shall disclose a summary of its risk work once a year.\n")
    found = extract_text(text, ORG)
    assert [(c.actor, c.quote.split()[0]) for c in found] == [("Committee", "The"), (ORG, "The")]


def test_and_before_a_question_of_whether_starts_no_clause() -> None:
    found = extract_text("The Committee reviews each assessment and decides whether a model may be released.\n", ORG)
    assert [(c.actor, c.modality) for c in found] == [("Committee", "must"), ("Committee", "must")]
    assert found[1].safeguard == "decides whether a model may be released"


def test_an_instruction_the_rules_did_not_take_keeps_its_trailing_condition() -> None:
    text = "Summary of commitments\nCommitment 1. Evaluate every frontier model for severe risks before deployment.\n"
    got = [(p.cand.trigger, p.cand.safeguard) for p in propose(text, ORG) if "Evaluate" in p.cand.quote]
    assert got == [("before deployment", "Evaluate every frontier model for severe risks")]


def test_a_named_bodys_act_after_and_is_a_clause_of_its_own_unless_inside_a_condition() -> None:
    found = extract_text("We will publish each report.\n\nWhen a model crosses a threshold, deployment is paused "
                         "and the Head of Safety convenes a review within five days.\n", ORG)
    assert [(c.actor, c.quote.split()[1]) for c in found if "Safety" in c.quote] == [("Head of Safety", "Head")]
    found = extract_text("Models must not be deployed, unless the Risk Council approves a plan and the CEO signs "
                         "off.\n", ORG)
    assert [c.trigger for c in found] == ["unless the Risk Council approves a plan and the CEO signs off"]


def test_the_by_agent_ends_where_a_second_step_or_a_condition_begins() -> None:
    from extractor.backends.rules import extract_text

    def one(text: str) -> tuple[str, str]:
        found = extract_text("We will publish a yearly report. We will notify the board of each incident.\n\n" + text
                             + "\n", "Harbour Labs")
        c = [c for c in found if c.quote.split()[:2] == text.split()[:2]][0]
        return c.actor, c.modality

    assert one("Logs are reviewed by the Pier Officer and summarised for the board each quarter.") == (
        "Pier Officer", "must")
    assert one("Minor edits may be made by the Dock Director without approval by the Dock Board.") == (
        "Dock Director", "may")
    # several bodies any of which may act: the author acts
    assert one("Changes may be proposed by the Dock Group, the Dock Director, the Pier Officer or the CEO.") == (
        "Harbour Labs", "may")


def test_a_named_level_after_under_and_an_opener_that_says_more_of_it_are_the_trigger() -> None:
    from extractor.backends.rules import extract_text

    context = "We will publish a yearly report. We will notify the board of each incident.\n\n"
    c = extract_text(context + "Under HL1, the tide gauges are certified annually by an outside surveyor.\n",
                     "Harbour Labs")[-1]
    assert c.trigger == "Under HL1"
    c = extract_text(context + "At HL2, which applies to any vessel over the limit, access to the pier is restricted "
                     "to pilots.\n", "Harbour Labs")[-1]
    assert c.trigger == "At HL2, which applies to any vessel over the limit"
    assert c.quote.startswith("At HL2")


def _actors(text: str) -> dict[str, str]:
    """First words of each quote -> its actor, from the rules and from the learned layer's proposals alike."""
    out = {" ".join(c.quote.split()[:4]): c.actor for c in extract_text(text, ORG)}
    for p in propose(text, ORG):
        assert p.cand.actor == out.get(" ".join(p.cand.quote.split()[:4]), p.cand.actor)
    return out


def test_a_body_named_by_its_noun_alone_is_the_body_the_document_named_with_it() -> None:
    text = ("Acme has set up a Harbour Review Committee to oversee frontier releases.\n\n"
            "The Committee will meet every month while a frontier model is in training.\n\n"
            "The committee must approve each frontier release before it ships.\n")
    assert set(_actors(text).values()) == {"Harbour Review Committee"}


def test_two_bodies_with_the_same_noun_leave_the_short_name_alone() -> None:
    text = ("Acme has a Harbour Review Committee and an Audit Committee.\n\n"
            "The Committee will meet every month while a frontier model is in training.\n")
    assert _actors(text)["The Committee will meet"] == "Committee"


def test_a_shorter_spelling_of_the_same_body_is_the_same_body() -> None:
    text = ("Reports go to the Board Oversight Council. The Board Oversight Council reads each one, and the "
            "Oversight Council keeps the minutes.\n\n"
            "The Council will publish a summary of its decisions every year.\n")
    assert _actors(text)["The Council will publish"] == "Board Oversight Council"


def test_the_board_is_the_board_of_directors_the_document_names() -> None:
    text = ("Acme's Board of Directors oversees this framework.\n\n"
            "The Board will approve every change to the capability thresholds.\n")
    assert _actors(text)["The Board will approve"] == "Board of Directors"
    two = text + "\nA separate Product Board sets the roadmap, and the Board will review it yearly.\n"
    assert "Board of Directors" not in _actors(two).values()


def test_a_by_agent_named_by_its_acronym_ends_at_the_acronym() -> None:
    text = ("The Frontier Release Officer (FRO) owns this policy.\n\n"
            "Every exception is logged by the FRO and reported to the board each quarter.\n")
    assert _actors(text)["Every exception is logged"] == "Frontier Release Officer"


def test_a_generic_body_named_by_two_joined_words_acts() -> None:
    # "the risk and compliance team": the inner "and" belongs to the body's name, as in a capitalised name
    assert one("Each exception will be recorded by the risk and compliance team.\n").actor == "risk and compliance team"
    assert one("The legal and policy team will review each disclosure.\n").actor == "legal and policy team"
    (p,) = [p for p in propose("Pump faults are logged by the flood and drainage team within a day.\n", ORG)]
    assert p.cand.actor == "flood and drainage team"


def test_a_modal_after_the_condition_s_comma_is_the_main_clause_even_with_a_series_after_it() -> None:
    # the commas of a series after the modal ("will investigate, report the damage, and close the berth") are no sign
    # that the modal is still inside the leading condition
    found = extract_text("If a hull is damaged, the Harbour Safety Officer will investigate, report the damage to the "
                         "Board, and oversee the repairs.\n", ORG)
    assert [(c.quote, c.trigger, c.actor) for c in found] == [
        ("If a hull is damaged, the Harbour Safety Officer will investigate", "If a hull is damaged",
         "Harbour Safety Officer"),
        ("report the damage to the Board", "If a hull is damaged", "Harbour Safety Officer"),
        ("oversee the repairs.", "If a hull is damaged", "Harbour Safety Officer"),
    ]
    # a modal inside the condition, after a comma of its own, is still the condition's
    c = one("If, during the spring survey, we find a pier we cannot repair, we will close the pier.\n")
    assert c.trigger == "If, during the spring survey, we find a pier we cannot repair" and c.modality == "must"
    # so is one after a list of subjects inside the condition
    c = one("If the pilot, the master and the owner cannot agree, we will hold the ship.\n")
    assert c.trigger == "If the pilot, the master and the owner cannot agree" and c.modality == "must"


def test_a_series_of_verbs_shares_one_object_unless_a_verb_has_its_own() -> None:
    assert [c.quote for c in extract_text("We will inspect, repair, and repaint each pier.\n", ORG)] == [
        "We will inspect, repair, and repaint each pier."]


def test_it_opening_a_sentence_after_a_body_s_sentence_is_that_body() -> None:
    text = ("We will publish a yearly harbour report.\n\nThe Harbour Safety Council reviews every berth plan. "
            "It may ask for further surveys, and it may reverse any decision to open a berth.\n")
    found = [c for c in extract_text(text, ORG) if "Council" in c.actor]
    assert [(c.quote, c.modality) for c in found] == [
        ("The Harbour Safety Council reviews every berth plan.", "must"),
        ("It may ask for further surveys", "may"),
        ("it may reverse any decision to open a berth.", "may"),
    ]
    # a thing the condition names is no body: "it" there is the pier, the act the author's
    c = one("If a pier fails its survey, it will be closed until repaired.\n")
    assert c.actor == ORG


def test_it_with_a_present_tense_act_after_a_body_s_sentence_is_that_body_s_role() -> None:
    text = ("We will publish a yearly harbour report.\n\nThe Harbour Safety Council oversees this code. "
            "It decides whether a pier must close.\n")
    found = [c for c in extract_text(text, ORG) if c.quote.startswith("It")]
    assert [(c.quote, c.actor, c.modality) for c in found] == [
        ("It decides whether a pier must close.", "Harbour Safety Council", "must")]
    # a state of the body ("It is chaired by X") or the weather is no act
    assert not [c for c in extract_text(text.replace("It decides whether a pier must close.", "It is chaired by the "
                                                     "harbour master."), ORG) if c.quote.startswith("It")]


def test_decisions_that_rest_with_a_body_are_its_duty_even_in_the_plural_and_after_a_list() -> None:
    c = one("Final decisions about berth closures, about pauses, and about the depth of dredging rest with the "
            "harbour leadership.\n")
    assert (c.actor, c.modality) == ("harbour leadership", "must")


def test_a_unit_of_the_organisation_named_as_such_is_a_body() -> None:
    found = extract_text("We will publish a yearly harbour report.\n\nThe Dock Survey Unit maintains the register of "
                         "piers and updates it after each survey.\n", ORG)
    assert [(c.quote, c.actor) for c in found if "Unit" in c.actor] == [
        ("The Dock Survey Unit maintains the register of piers", "Dock Survey Unit"),
        ("updates it after each survey.", "Dock Survey Unit")]


def test_the_author_s_leadership_is_named_with_the_author() -> None:
    assert one("Leadership may approve or refuse a berth closure the pilots propose.\n").actor == f"{ORG} leadership"
    assert one("Berth closures will be approved by senior leadership after review by the panel.\n").actor == (
        f"{ORG} senior leadership")
    # a leadership the text names in full keeps its name
    assert one(f"{ORG} Leadership will decide on each berth closure.\n").actor == f"{ORG} Leadership"


def test_several_bodies_as_one_subject_are_the_author() -> None:
    # (decision 31) whether joined by "and", by a comma or as "by" agents of one passive
    assert one("The Harbour Master, the Pier Panel and the Dock Committee can jointly agree to shorten the survey.\n"
               ).actor == ORG
    assert one("Crane owners and members of the Dock Committee shall receive yearly training.\n").actor == ORG
    assert one("Survey rules are approved by the Harbour Board and the Port Authority Board.\n").actor == ORG
    # one body of another is one body
    assert one("The Harbour and Pier Committee of the Board will sit every month.\n").actor != ORG


def test_a_body_that_only_receives_is_no_actor() -> None:
    c = one("The Dock Committee receives every survey report within five days.\n")
    assert (c.actor, c.modality) == (ORG, "must")


def test_a_generic_role_picked_out_by_a_relative_clause_or_every_is_the_actor() -> None:
    assert one("A crane owner who sees a crack must tell the harbour master at once.\n").actor == "crane owner"
    assert one("Every berth team should consult the harbour master before a night lift.\n").actor == "berth team"
    # a person who is no body of the author's: the author's rule
    assert one("Any pilot who sees a leak must report it to the harbour master.\n").actor == ORG


def test_it_after_a_leading_condition_is_the_body_the_condition_names() -> None:
    c = one("If the Dock Committee is not satisfied that a pier is safe, it shall order a new survey.\n")
    assert c.actor == "Dock Committee"
    c = one("Where a berth team believes that a rule cannot be met, it should ask for an exception.\n")
    assert c.actor == "berth team"
    # a thing the condition names is no body
    assert one("If a crane fails its survey, it will be taken out of service.\n").actor == ORG


def test_it_never_stands_for_a_person() -> None:
    text = ("Responsibility for the code sits with the Chief Harbour Officer, who answers to the Port Board.\n\n"
            "The Dock Office, set up in 2021, carries out the surveys and keeps the crane register. It reports "
            "monthly to the Port Board on open repairs.\n")
    found = {c.quote.split()[0]: c.actor for c in extract_text(text, ORG)}
    assert found["It"] == "Dock Office"
    text = "The Chief Harbour Officer signs the survey plan. It may be revised each year.\n"
    assert all(c.actor != "Chief Harbour Officer" for c in extract_text(text, ORG) if c.quote.startswith("It"))


def test_the_team_is_the_team_named_last_before_it() -> None:
    text = ("Our crane survey team inspects every crane before each season.\n\n"
            "During winter, the team runs a lighter set of checks every week.\n")
    assert list(_actors(text).values()) == ["crane survey team", "crane survey team"]
    # with no team named before it, "the team" is the author's
    assert one("During winter, the team runs a lighter set of checks every week.\n").actor == ORG


def test_a_short_name_defined_by_a_description_is_the_name_the_body_commits_under() -> None:
    defs = ('In this code:\n\n(a) "Board" refers to the directors of our harbour company sitting together;\n\n'
            '(b) "Committee" means the Dock Safety Committee set up under clause 4.\n\n'
            "The Board of Directors approves this code.\n\n")
    actors = _actors(defs + "The Board may ask for a new survey at any time.\n\nThe Committee shall meet every "
                     "month.\n")
    assert actors["The Board may ask"] == "Board"
    assert actors["The Committee shall meet"] == "Dock Safety Committee"


def test_a_relative_clause_split_off_after_a_body_is_the_body_s_own_act() -> None:
    text = ("We will survey every pier.\n\nWe will send damage reports to the Harbour Safety Office, which may order "
            "a second inspection.\n\nWe will send the logs to the Dock Office, which checks them every two years "
            "and shares its notes with the Port Board.\n")
    found = [(c.quote, c.actor, c.modality) for c in extract_text(text, ORG) if c.quote.startswith(("which", "shares"))]
    assert found == [("which may order a second inspection.", "Harbour Safety Office", "may"),
                     ("which checks them every two years", "Dock Office", "must"),
                     ("shares its notes with the Port Board.", "Dock Office", "must")]


def test_examples_between_commas_do_not_hide_the_subject() -> None:
    c = one("Minor changes, such as fixing a chart's spelling, may be made by the Chief Harbour Officer.\n")
    assert (c.actor, c.modality) == ("Chief Harbour Officer", "may")


def test_every_verb_phrase_after_it_is_the_body_s_in_the_learned_proposals() -> None:
    text = ("We will publish a yearly report.\n\nThe Dock Survey Unit is a technical team within our harbour office. "
            "It designs and runs the surveys described in Section 4, keeps the pier register current, and writes a "
            "report for every pier before any reopening.\n")
    later = [p.cand.actor for p in propose(text, ORG) if p.cand.quote.startswith(("It designs", "keeps"))]
    assert later == ["Dock Survey Unit", "Dock Survey Unit"]
