"""Present-tense steps of the author's own procedures, instruments and bodies (the guide counts them as `must`), and
coordinated present-tense verb phrases of one subject: made-up sentences of a made-up lab ("Harbour Labs")."""

from __future__ import annotations

import re

from extractor.backends.rules import Cue, cue_actions, extract_text, procedure_acronyms, procedure_step
from extractor.learn.propose import propose

ORG = "Harbour Labs"
CONTEXT = "We will publish a yearly safety report.\n\nWe will notify the board of every incident.\n\n"


def step(sentence: str, acronyms: frozenset[str] = frozenset()) -> str | None:
    cue = procedure_step(sentence, acronyms)
    return None if cue is None else sentence[cue.start : cue.end]


def test_a_procedure_or_body_as_subject_doing_a_step() -> None:
    assert step("The second stage, Sorting the Hazards, carefully ranks the hazards we track.") == "ranks"
    assert step("The hazard scoring grid examines each feature in two rounds.") == "examines"
    assert step("The Model Safety Office reviews and signs each launch plan.") == "reviews"
    assert step("These reviews feed their results into the quarterly plan.") == "feed"
    assert step("Each audit never skips the written record.") == "skips"


def test_a_pronoun_or_a_defined_acronym_as_subject() -> None:
    assert step("It first sorts every product into a high or a low tier.") == "sorts"
    assert step("This evaluation probes from many angles whether the tool behaves as planned.") == "probes"
    acr = procedure_acronyms("We keep a Launch Review Grid (LRG) for every product.")
    assert acr == frozenset({"LRG"})
    assert step("The LRG assigns a tier to each product.", acr) == "assigns"
    assert step("The XYZ assigns a tier to each product.", acr) is None  # an acronym the document never defined
    assert step("HLF 3.1 sorts the hazards by the harm they cause.") == "sorts"  # a named version of the document


def test_a_step_stated_in_the_passive() -> None:
    assert step("Products in the narrow tier are then further divided by their reach.") == "divided"
    assert step("Launch checks are determined by the tier of the product.") == "determined"


def test_states_descriptions_beliefs_and_the_world_are_no_steps() -> None:
    assert step("It is a useful tool for planning.") is None
    assert step("This section describes the rest of our approach.") is None
    assert step("The framework serves as a map of the hazards.") is None
    assert step("Safety tools are designed to stop misuse.") is None
    assert step("The weather changes fast in the hills.") is None
    assert step("They are important to every team.") is None
    # the document describing itself (decision 54)
    assert step("It also sets out a process for sorting the hazards.") is None
    assert step("The rest of this policy addresses the hazards in more depth.") is None
    assert step("This policy adopts a flexible, outcome-based approach to the hazards.") is None


def test_a_unit_with_only_a_procedure_step_is_proposed_with_its_cue() -> None:
    text = ("# Our method\n\nThe hazard scoring grid examines each feature in two rounds of testing.\n\n"
            "The weather in the valley changes quickly during the spring months.\n")
    props = propose(text, ORG)
    steps = [p for p in props if p.cues["procedure_step"]]
    assert [p.cand.quote for p in steps] == ["The hazard scoring grid examines each feature in two rounds of testing."]
    assert steps[0].cand.modality == "must"
    assert not any("weather" in p.cand.quote for p in props)


def actions(sentence: str, verb: str, subject: str = ORG) -> list[str]:
    m = re.search(rf"\b{verb}\b", sentence)
    assert m is not None
    return [sentence[a:b].rstrip(" ,;.") for a, b in cue_actions(sentence, Cue("must", m.start(), m.end(), subject))]


def test_coordinated_present_tense_verb_phrases_are_one_commitment_each() -> None:
    s = "Harbour Labs builds tools with care at each stage, conducts drills, and continues to watch them after launch."
    assert actions(s, "builds") == [
        "Harbour Labs builds tools with care at each stage", "conducts drills", "continues to watch them after launch"]
    s = "The second stage ranks the hazards we find and steadily refines them."
    assert actions(s, "ranks", "The second stage") == ["The second stage ranks the hazards we find",
                                                       "steadily refines them"]


def test_shared_objects_and_noun_lists_stay_one_commitment() -> None:
    assert len(actions("Harbour Labs reviews, approves and publishes each launch plan.", "reviews")) == 1
    assert len(actions("Harbour Labs builds kits, tests, and logs for partners.", "builds")) == 1
    # "we" takes plain verb forms: the third person reading is not tried
    assert len(actions("We build kits and runs for partners.", "build", "We")) == 1


def test_the_rules_split_a_coordinated_present_tense_statement() -> None:
    sentence = "Harbour Labs audits each release, conducts drills, and continues to review its logs after launch."
    found = extract_text(CONTEXT + sentence + "\n", ORG)
    quotes = [c.quote for c in found if c.quote in sentence]
    assert quotes == ["Harbour Labs audits each release", "conducts drills",
                      "continues to review its logs after launch."]


def test_a_unit_is_proposed_once_per_verb_phrase_after_a_leading_phrase() -> None:
    text = ("For general products with a narrow reach and a low impact on people and values, we prepare launch checks "
            "suited to the product and then conduct reviews after launch.\n")
    quotes = [p.cand.quote for p in propose(text, ORG) if p.source == "unit"]
    assert len(quotes) == 2
    assert quotes[1].startswith("conduct reviews after launch")


def test_a_later_verb_phrase_of_a_proposed_unit_is_kept_without_a_cue_of_its_own() -> None:
    text = "The hazard scoring grid ranks the hazards we find in each product and steadily refines them.\n"
    quotes = [p.cand.quote for p in propose(text, ORG) if p.source == "unit"]
    assert quotes == ["The hazard scoring grid ranks the hazards we find in each product", "steadily refines them."]
