"""Triggers the rules read on small made-up texts: conditions of progression, events after which a step is taken."""

from __future__ import annotations

import re

from extractor.backends.rules import extract_text
from extractor.models import Candidate

ORG = "Acme"


def one(text: str) -> Candidate:
    found = extract_text(text, ORG)
    assert len(found) == 1, [c.quote for c in found]
    return found[0]


def test_a_long_or_passive_as_clause_of_progression_is_the_trigger() -> None:
    # DECISIONS 68: the subject of the change may be a long noun phrase, and the change may be passive
    c = one("As the setting in which our tools are deployed changes, we will revisit the safeguards.\n")
    assert c.trigger == "As the setting in which our tools are deployed changes"
    c = one("We will adopt stronger filtering methods as they are developed by the field.\n")
    assert c.trigger == "as they are developed by the field"


def test_such_as_and_as_well_as_are_no_conditions_of_progression() -> None:
    c = one("Through reports such as our Annual Progress Report, we will share our results.\n")
    assert c.trigger is None
    c = one("We will weigh incident reports as well as changes in industry standards.\n")
    assert c.trigger is None


def test_an_event_of_the_model_life_after_after_or_following_is_the_trigger() -> None:
    # DECISIONS 93: "even after deployment"; a means after the event ("through X") is no part of it
    c = one("We will keep watching each tool even after deployment through ongoing monitoring.\n")
    assert c.trigger == "after deployment"
    c = one("We will revise the plan following such review, with reasons for each change.\n")
    assert c.trigger == "following such review"


def test_following_as_a_means_is_no_trigger() -> None:
    c = one("By following this plan, we intend to avoid building tools we cannot control.\n")
    assert c.trigger is None


def _items(text: str) -> dict[str, str | None]:
    return {c.quote.rstrip("."): c.trigger for c in extract_text(text, ORG)}


def test_an_instruction_items_own_trailing_condition_is_its_trigger() -> None:
    # DECISIONS 19: the item's own condition, read after its verb, beats the lead-in's (or stands alone)
    got = _items("We will apply these steps:\n\n- Hold the release until the gaps are closed.\n"
                 "- Issue data sheets for significant new models listing their limits.\n- Rotate the keys weekly.\n")
    assert got["Hold the release until the gaps are closed"] == "until the gaps are closed"
    assert got["Issue data sheets for significant new models listing their limits"] == "for significant new models"
    assert got["Rotate the keys weekly"] is None
    got = _items("If a probe crosses a limit, we will:\n\n- Run fresh probes before each release.\n"
                 "- Inform the board.\n")
    assert got["Run fresh probes before each release"] == "before each release"
    assert got["Inform the board"] == "If a probe crosses a limit"


def test_an_until_clause_or_a_class_of_an_item_yields_to_an_inherited_condition() -> None:
    # DECISIONS 48: with both an if-condition and an "until" clause, the condition is the trigger
    got = _items("If a probe crosses a limit, we will:\n\n- Halt the roll-out until the fixes are checked.\n"
                 "- Publish a report for each new model.\n")
    assert got["Halt the roll-out until the fixes are checked"] == "If a probe crosses a limit"
    assert got["Publish a report for each new model"] == "If a probe crosses a limit"


def test_a_class_of_the_most_capable_models_or_models_showing_a_trait_is_the_trigger() -> None:
    # DECISIONS 48/70: a phrase that narrows the models a rule applies to; a frequency after it is no part of it
    c = one("These reports will be written for our most capable models at least twice a year.\n")
    assert c.trigger == "for our most capable models"
    c = one("We will keep full records for Zeta's most advanced systems, with their test results.\n")
    assert c.trigger == "for Zeta's most advanced systems"
    c = one("We will offer staged access for models showing novel abilities.\n")
    assert c.trigger == "for models showing novel abilities"
    assert one("We will publish reports for the public.\n").trigger is None


def test_upon_as_the_object_of_a_verb_is_no_trigger() -> None:
    # "builds upon X", "relies upon Y": the verb's object; "upon release" after the act is an event
    assert one("We will build upon the methods that have served our teams for years.\n").trigger is None
    assert one("We will publish a summary upon each release.\n").trigger == "upon each release"


def test_a_modal_inside_a_reason_opener_is_not_the_commitment() -> None:
    # "Given that X may happen, we will Y": the opener's verb states the circumstance; the main clause commits
    c = one("Given that tools may be misused in many ways, we will watch usage closely.\n")
    assert c.modality == "must"
    assert not [c.quote for c in extract_text(
        "Because tools may be misused in many ways, it is hard to foresee every use.\n", ORG)]


def test_the_following_is_an_adjective_not_an_event() -> None:
    assert one("The following safeguards will be applied to every release.\n").trigger is None
    # (a class of the author's models after it is one: DECISIONS 48)
    assert one("The following safeguards will be applied to every model we train.\n").trigger == "every model we train"
    assert one("We will apply the following safeguards to every release.\n").trigger is None
    assert one("Following an incident, we will notify the board.\n").trigger == "Following an incident"


def test_a_case_named_by_a_back_reference_opens_a_trigger() -> None:
    # "In such cases," / "For such tools," name the case the commitment applies to; "As such," is "therefore"
    assert one("In such cases, we will tell the board within a day.\n").trigger == "In such cases"
    assert one("In these settings, reviews must cover the whole product.\n").trigger == "In these settings"
    assert one("For such tools, we will define extra checks.\n").trigger == "For such tools"
    assert one("As such, we will tell the board within a day.\n").trigger is None


# DECISIONS 68: a list of subjects, a passive of making, an effort under way (whose hedge is not the cue)
PROGRESSION = [
    ("We will revise the plan as tool use, reach and misuse patterns evolve.", "must",
     "as tool use, reach and misuse patterns evolve"),
    ("We may swap out this list of probes as sharper probes for misuse are created.", "may",
     "as sharper probes for misuse are created"),
    ("As we work towards adding more safeguards, we intend to post updates to this plan.", "intend",
     "As we work towards adding more safeguards"),
    ("We will run these probes as a frontier tool nears or completes training.", "must",
     "as a frontier tool nears or completes training"),
]


def test_more_as_clauses_of_progression_are_triggers() -> None:
    got = [(c.modality, c.trigger) for text, _, _ in PROGRESSION for c in [one(text + "\n")]]
    assert got == [(modality, trigger) for _, modality, trigger in PROGRESSION]


def test_should_before_its_subject_after_the_main_clause_is_a_condition() -> None:
    # "X, should an incident occur": the inverted condition follows the clause; its "should" recommends nothing
    c = one("We will notify the regulator within a day, should an incident occur.\n")
    assert (c.modality, c.trigger) == ("must", "should an incident occur")
    assert c.safeguard == "notify the regulator within a day"
    # the condition stays with its own sentence: the next sentence takes no trigger from it
    found = extract_text("We will publish each report.\nAll operator actions are logged, with alarms for sensitive "
                         "operations, should any occur.\nEngineers must use hardware tokens to reach the weights.\n",
                         ORG)
    assert [c.trigger for c in found if c.quote.startswith("Engineers")] == [None]
    assert all(c.modality != "should" for c in found)
    assert one("Models should be evaluated before each release.\n").modality == "should"


def test_a_second_clause_under_its_own_condition_after_but_is_its_own_commitment() -> None:
    found = extract_text("We will review each model every quarter, but when its compute grows tenfold, it will be "
                         "reviewed at once.\n", ORG)
    assert [c.trigger for c in found] == [None, "when its compute grows tenfold"]


def test_the_authors_sentence_after_a_colon_is_a_clause_of_its_own() -> None:
    found = extract_text("We will limit this risk with a margin: we have set our warning levels below the levels "
                         "we fear.\n", ORG)
    assert [c.quote for c in found] == ["We will limit this risk with a margin"]


def test_a_lead_in_that_is_an_event_alone_conditions_its_items() -> None:
    text = ("We will publish reports.\n\nBefore any model is released externally:\n* The Safety Lead will sign off on "
            "the evaluation report.\n- obtain CEO approval.\n")
    found = extract_text(text, ORG)
    assert [c.trigger for c in found[1:]] == ["Before any model is released externally"] * 2


def test_a_list_item_in_lower_case_reads_as_a_sentence() -> None:
    text = ("We will publish reports.\n\nBefore any model is released externally:\n* the Safety Lead signs off on the "
            "evaluation report;\n* the CEO approves the release.\n")
    found = extract_text(text, ORG)
    assert [(c.actor, c.trigger) for c in found[1:]] == [
        ("Safety Lead", "Before any model is released externally"), ("CEO", "Before any model is released externally")]


def test_a_heading_that_is_a_condition_scopes_the_paragraph_under_it() -> None:
    text = ("# Plan\n\nWe will publish reports.\n\n### When a model is deployed\n\nWe monitor usage for abuse. "
            "Incidents are reported to the Safety Lead within a day.\n\n### Reporting\n\nWe will publish a yearly "
            "summary.\n")
    got = {c.quote.split()[1]: c.trigger for c in extract_text(text, ORG)}
    assert (got["monitor"], got["will"]) == ("When a model is deployed", None)


def test_an_exception_is_the_condition_as_unless_is() -> None:
    # DECISIONS 48: "unless" as the only condition is the trigger; an exception is one ("except when X" is no "when X")
    c = one("We will publish a summary of each drill, except where doing so would reveal a weakness.\n")
    assert (c.trigger, c.safeguard) == ("except where doing so would reveal a weakness",
                                        "publish a summary of each drill")
    c = one("We will publish a summary of each drill except when the drill is cancelled.\n")
    assert c.trigger == "except when the drill is cancelled"
    c = one("We will publish a summary of each drill, insofar as doing so is lawful.\n")
    assert (c.trigger, c.safeguard) == ("insofar as doing so is lawful", "publish a summary of each drill")
    c = one("To the extent that a drill involves outside staff, we will publish its summary.\n")
    assert c.trigger == "To the extent that a drill involves outside staff"
    assert c.quote.startswith("To the extent")


def test_the_authors_own_class_of_models_named_by_a_relative_clause_is_the_trigger_and_no_hedge() -> None:
    c = one("For any model we intend to ship to the public, we will give one outside evaluator early access.\n")
    assert (c.modality, c.trigger) == ("must", "For any model we intend to ship to the public")
    c = one("We will post a gauge card for every model we release.\n")
    assert (c.trigger, c.safeguard) == ("for every model we release", "post a gauge card")


def test_an_opener_the_text_ends_without_its_comma_is_still_the_condition() -> None:
    c = one("For deployed models we will repeat the full set of checks.\n")
    assert (c.trigger, c.safeguard) == ("For deployed models", "repeat the full set of checks")
    c = one("Where we fail to reach a sound level of security we will keep the gauge offline.\n")
    assert (c.modality, c.trigger) == ("must", "Where we fail to reach a sound level of security")
    c = one("Before each release we test the gauge.\n")
    assert (c.trigger, c.safeguard) == ("Before each release", "test the gauge")
    c = one("For deployed models we test the gauges every six months, and sooner if a model changes.\n")
    assert c.trigger == "For deployed models"


def test_a_class_of_models_not_released_until_a_step_is_a_prohibition_on_the_class() -> None:
    c = one("A model that has crossed a flood level is not released until the Dock Board has approved it.\n")
    assert (c.modality, c.trigger) == ("must_not", "A model that has crossed a flood level")
    assert c.safeguard.startswith("released until")
    c = one("If residual risks stay above the line, the model is not deployed unless more defences are added.\n")
    assert (c.modality, c.trigger) == ("must_not", "If residual risks stay above the line")


def test_the_time_of_an_event_is_the_trigger_but_the_time_of_writing_is_not() -> None:
    c = one("We will post the gauge card at the time of deployment.\n")
    assert c.trigger == "at the time of deployment"
    assert extract_text("At the time of writing, we run no such gauges.\n", ORG) == []


def test_a_class_rule_takes_a_leading_condition_but_never_its_own_whole_class() -> None:
    c = one("All models developed by Acme are subject to the broader tide programme.\n")
    assert c.trigger is None
    c = one("If risks tied to the model stay above the line, the model is not deployed unless defences are added.\n")
    assert c.trigger == "If risks tied to the model stay above the line"


def test_a_model_named_as_the_object_by_the_level_it_reached_is_the_trigger() -> None:
    # DECISIONS 48: the class the rule applies to is the trigger, and the act keeps no dangling preposition
    c = one("We will not publish the tide tables of a model that has reached a flood level in any port.\n")
    assert (c.modality, c.trigger) == ("must_not", "a model that has reached a flood level in any port")
    assert c.safeguard == "publish the tide tables"


def test_a_class_of_models_as_the_object_set_apart_by_a_rating_or_our_own_act_is_the_trigger() -> None:
    # DECISIONS 48: the class the rule applies to, wherever it stands; its relative clause or rating is part of it
    cases = {
        "The Chief Science Officer may block the launch of any model rated Severe.": "any model rated Severe",
        "We will attach a risk summary to the release notes of every large model we ship.":
            "every large model we ship",
        "We will hold back any model whose uplift score in any domain is Severe.":
            "any model whose uplift score in any domain is Severe",
    }
    for text, want in cases.items():
        (c,) = extract_text(text, "Acme")
        assert c.trigger == want, text
        assert not re.search(r"\b(?:of|to|for)\s*$", c.safeguard or ""), c.safeguard
    # a bare "each model" sets nothing apart
    (c,) = extract_text("Access controls will be adapted to the specifics of each model.", "Acme")
    assert c.trigger is None
    # the preposition left before a comma when the class is taken out goes with it
    (c,) = extract_text("We will extend this policy to every agent system we deploy, whatever its size.", "Acme")
    assert c.trigger == "every agent system we deploy" and " to ," not in (c.safeguard or "")


def test_anyone_of_a_kind_picked_out_by_a_relative_clause_is_the_trigger() -> None:
    # DECISIONS 48: "any / each / every <person> who(se) ..." as the subject is the class the rule applies to
    c = one("Any docker whose shift does not include crane work who needs crane access must first apply in writing.\n")
    assert c.trigger == "Any docker whose shift does not include crane work who needs crane access"
    assert one("Every pilot who sees a damaged buoy must report it within one hour.\n").trigger == \
        "Every pilot who sees a damaged buoy"
    # without "any / each / every" the relative clause names who acts, not a class
    assert one("A crane owner who sees a fault must stop the crane.\n").trigger is None


def test_reaching_a_level_as_the_subject_is_the_trigger() -> None:
    c = one("Crossing the flood mark on any of our gauges will also trigger our duty to close the pier.\n")
    assert c.trigger == "Crossing the flood mark on any of our gauges"


def test_the_class_of_models_a_subject_names_is_the_trigger() -> None:
    # DECISIONS 48: "<measures> for <a class of models> must X": the rule holds for that class
    assert one("Controls for models rated Severe must include two-person sign-off.\n").trigger == \
        "for models rated Severe"
    assert one("Locks for tidal-class models must include a second key.\n").trigger == "for tidal-class models"
    # "for our models" sets no class apart
    assert one("Controls for our models must include two-person sign-off.\n").trigger is None


def test_an_exception_named_by_its_kind_is_the_trigger() -> None:
    # "In exceptional circumstances", "in an emergency": the case the act is limited to
    assert one("In exceptional circumstances, the Flood Committee may open the spillway early.\n").trigger == \
        "In exceptional circumstances"
    assert one("The Flood Committee may skip the second inspection in an emergency.\n").trigger == "in an emergency"
    assert one("In rare cases, such as a burst main, we will cut the supply at once.\n").trigger == \
        "In rare cases, such as a burst main"


def test_a_class_subject_beats_an_until_or_unless_clause() -> None:
    # DECISIONS 48: with a class and an "until"/"unless" clause, the class is the condition, the clause stays in the act
    c = one("No model rated Severe will be reused unless the Flood Committee has signed it off.\n")
    assert (c.trigger, c.safeguard) == ("model rated Severe", "reused unless the Flood Committee has signed it off")
    # "until" alone is still the condition
    assert one("We will keep the spillway shut until the Flood Committee has signed it off.\n").trigger == \
        "until the Flood Committee has signed it off"


def test_a_frequency_a_calendar_period_or_a_detection_is_no_trigger() -> None:
    # "once every two years", "once in each quarter": how often, part of the act (DECISIONS 10)
    assert one("Once every three years or more often, our outside auditors will audit the pumps.\n").trigger is None
    assert one("Our pump team will walk the levees at least once in every month.\n").trigger is None
    # "during 2026", "during the previous year": a date, not a condition; "during training" stays one
    assert one("We will publish how the pumps were run during the previous year.\n").trigger is None
    assert one("We will inspect the pumps during the flood season.\n").trigger == "during the flood season"
    # "to detect when X": the point the act looks for, not the condition of the act
    assert one("We will test the pumps weekly to detect when they start to fail.\n").trigger is None
    # "once a model reaches X" is an event, "once a year" how often
    assert one("We will notify the council once a pump reaches the red mark.\n").trigger == \
        "once a pump reaches the red mark"
    assert one("We will notify the council once a year about the pumps.\n").trigger is None


def test_the_authors_own_judgement_is_discretion_not_a_condition() -> None:
    c = one("We share pump data with neighbours where we can do so safely.\n")
    assert (c.trigger, c.specificity) == (None, "vague")
    c = one("We may lend spare pumps to the council where we judge that doing so reduces risk.\n")
    assert (c.trigger, c.specificity) == (None, "vague")
    # a body's judgement is the condition of the body's act
    assert one("The Flood Committee may open the gates early where it judges that waiting is riskier.\n").trigger == \
        "where it judges that waiting is riskier"


def test_after_every_growth_is_how_often_not_a_condition() -> None:
    # DECISIONS 10: "after every fourfold increase" times the act as "every 4x" does; "after each run" is an event
    c = one("We will retest the pumps after every threefold increase in their duty hours.\n")
    assert (c.trigger, c.specificity) == (None, "quantitative")
    assert one("We will update the pump log after each full inspection run.\n").trigger == \
        "after each full inspection run"


def test_a_duration_before_an_event_is_a_deadline_not_a_condition() -> None:
    c = one("We will file the pump report no later than ten working days before the planned flood drill.\n")
    assert (c.trigger, c.specificity) == (None, "quantitative")
    assert one("We will notify the council before a planned flood drill.\n").trigger == "before a planned flood drill"


def test_the_access_an_access_rule_governs_is_its_trigger() -> None:
    # DECISIONS 69: "in order to access X" states when the rule applies, not what it is for
    from extractor.backends.rules import extract_text

    found = extract_text("Crane operators must carry a badge in order to access any crane or control room.\n", "Acme")
    assert [c.trigger for c in found] == ["in order to access any crane or control room"]
    found = extract_text("We will test every crane in order to find faults early.\n", "Acme")
    assert [c.trigger for c in found] == [None]


def test_a_change_to_something_or_a_narrowed_class_of_people_as_subject_is_the_trigger() -> None:
    # (decision 48) the class the rule applies to, narrowed by what follows it
    found = extract_text("We will survey every crane before each season.\n\nAny change to the load limits must be "
                         "approved by the harbour master.\n\nCustomers affected by a spill will be told without "
                         "delay.\n", "Acme")
    assert [c.trigger for c in found[1:]] == ["Any change to the load limits", "Customers affected by a spill"]
    # a bare subject names no class the rule is narrowed to
    assert extract_text("Customers will be told of every spill.\n", "Acme")[0].trigger is None


def test_a_sentence_about_what_a_conditional_sentence_set_up_keeps_its_condition() -> None:
    # (decision 33) "Such surveys" are the ones the condition calls for; a sentence with its own subject is not
    found = extract_text("If a survey cannot rule out a crack, we will run a dive survey. Such surveys will be run "
                         "by two certified divers.\n", "Acme")
    assert [c.trigger for c in found] == ["If a survey cannot rule out a crack"] * 2
    found = extract_text("If a survey cannot rule out a crack, we will run a dive survey. Our divers will be "
                         "certified.\n", "Acme")
    assert [c.trigger for c in found] == ["If a survey cannot rule out a crack", None]


def test_the_event_a_verb_of_dealing_with_events_takes_as_object_is_the_trigger() -> None:
    # (decision 70) the object names what activates the act
    def trig(text: str) -> str | None:
        return extract_text(text + "\n", "Acme")[0].trigger

    assert trig("We will investigate any reported instances of unsafe loading.") == (
        "any reported instances of unsafe loading")
    assert trig("We will report serious incidents to the port authority within 72 hours.") == "serious incidents"
    assert trig("Acme will promptly investigate any identified or reported breaches of this code.") == (
        "any identified or reported breaches of this code")
    # an object that is no event leaves the act unconditional
    assert trig("We will report our survey results to the port authority.") is None


def test_the_people_a_protection_covers_named_by_what_they_do_are_its_trigger() -> None:
    c = extract_text("We will not retaliate against any pilot who reports a near miss in good faith.\n", "Acme")[0]
    assert (c.modality, c.trigger) == ("must_not", "any pilot who reports a near miss in good faith")


def test_the_author_s_systems_named_by_the_level_they_reach_are_the_trigger() -> None:
    def trig(text: str) -> str | None:
        return extract_text(text + "\n", "Acme")[0].trigger

    assert trig("We will not switch on crane systems that exceed the load limit without a second check.") == (
        "systems that exceed the load limit")
    # an evaluation named by the level it reaches, after the party it goes to
    assert trig("The survey team will report to the harbour master any evaluation that exceeds the load limit.") == (
        "any evaluation that exceeds the load limit")
    assert trig("We will fit extra brakes to any system that crosses a wind threshold.") == (
        "any system that crosses a wind threshold")
    # the verb, noun or preposition before the class is no part of it
    assert trig("We will share logs about systems that reach an alert level with the port authority.") == (
        "systems that reach an alert level")


def test_a_trailing_where_clause_with_a_verb_of_being_or_a_hedged_verb_is_a_condition() -> None:
    assert one("Crane inspectors must have access to the spare keys where such keys exist.").trigger == (
        "where such keys exist")
    assert one("A pier owner may apply to the Board for a waiver of any rule where strict compliance would be "
               "disproportionate.").trigger == "where strict compliance would be disproportionate"
    # a place the clause describes sets no condition
    assert one("We will store the logs in rooms where fire would cause little harm.").trigger is None


def test_an_occasion_added_to_a_periodic_act_is_no_condition() -> None:
    # "every year, and sooner if X": the act happens anyway, X only adds an occasion
    assert one("We will check the berth plan at least twice in each twelve months, and sooner if a crane fails."
               ).trigger is None
    assert one("We review the berth plan every year, and additionally whenever a crane fails.").trigger is None
    assert one("We will revisit the berth plan every twelve months, or sooner if a crane fails.").trigger is None
    # with no period before it, the occasion is the condition
    assert one("We will review the berth plan sooner if a crane fails.").trigger == "if a crane fails"


def test_an_opener_with_the_author_s_relative_clause_ends_at_its_comma() -> None:
    # "every crane we operate" is the class the rule holds for; the subject is the "we" after the comma
    found = extract_text("We will publish a yearly report. We will notify the board of every spill. For every crane "
                         "we operate, we publish a load card.", ORG)
    assert [(c.trigger, c.safeguard) for c in found[2:]] == [("For every crane we operate", "publish a load card")]


def test_every_time_x_is_whenever_x_and_at_least_each_time_a_frequency() -> None:
    assert one("We will test the crane brakes every time a crane is moved to another berth.").trigger == (
        "every time a crane is moved to another berth")
    assert one("Each time the lifting load has doubled, we will replace the cables.").trigger == (
        "Each time the lifting load has doubled")
    # a minimum frequency names no condition (decision 10)
    assert one("We test the crane brakes at least each time the lifting load has doubled.").trigger is None


def test_on_request_and_a_class_of_models_by_its_rating_are_conditions() -> None:
    assert one("We will make our crane test kit available to outside researchers on request.").trigger == (
        "on request")
    assert one("We will not release crane designs for models rated High or above.").trigger == (
        "for models rated High or above")


def test_when_after_a_preposition_is_the_question_a_noun_is_about() -> None:
    # "criteria for when X": what the criteria decide, no condition of the act
    assert one("We will write clearer criteria for when a crane safety case is strong enough.").trigger is None
    assert one("We will keep a protocol for when and how to test cranes for hidden faults.").trigger is None
    assert one("We will test the cranes when a storm is forecast.").trigger == "when a storm is forecast"
