"""The rules on descriptions that are no commitments (other parties' duties, states, taxonomies) and on thresholds
stated as the author's own decision criteria: synthetic sentences of a made-up lab ("Vireo"), one behaviour per
test."""

from __future__ import annotations

from extractor.backends.rules import extract_text
from extractor.models import Candidate

ORG = "Vireo"

# plain commitments around the sentence: a section of commitments, where a present-tense statement would bind
BEFORE = "We will test every model before release.\n\nWe will publish a model card for each release.\n\n"
AFTER = "\n\nWe will notify the board of each result.\n\nWe will review this policy every year.\n"


def own(sentence: str) -> list[Candidate]:
    """What the rules take from the sentence, set among commitments."""
    found = extract_text(BEFORE + sentence + AFTER, ORG)
    return [c for c in found if c.quote.split()[:3] == sentence.split()[:3] or c.quote in sentence]


def test_another_partys_duty_is_no_commitment_of_the_author() -> None:
    assert own("Enterprises are required to accept the usage terms before onboarding.") == []
    assert own("Licensees are required to report any misuse they discover.") == []
    assert own("A hostile actor must complete several hard steps to cause mass harm.") == []


def test_the_authors_own_requirement_still_binds() -> None:
    found = own("All staff are required to complete security training every year.")
    assert found and found[0].modality == "must"
    found = own("Model weights must stay inside the secure enclave.")
    assert found and found[0].modality == "must"


def test_a_state_of_the_models_is_no_prohibition() -> None:
    assert own("Our current models do not exhibit these dangerous capabilities.") == []
    assert own("Our systems do not yet possess the skills to run a cyber operation alone.") == []


def test_a_negated_act_of_the_author_is_still_a_prohibition() -> None:
    found = own("We do not release weights of models above the second tier.")
    assert found and found[0].modality == "must_not"


def test_a_statement_of_business_is_no_commitment() -> None:
    assert own("We partner closely with firms across many industries to bring new tools to their customers.") == []
    assert own("Vireo serves enterprises in banking, retail and logistics.") == []
    assert own("Vireo works with thousands of organisations around the world.") == []


def test_a_partnership_for_safety_still_binds() -> None:
    found = own("We partner with outside labs to red-team each model before release.")
    assert found and found[0].modality == "must"
    found = own("We notify affected organisations within three days of a confirmed breach.")
    assert found and found[0].modality == "must"


def test_an_acceptance_criterion_with_a_value_is_a_quantitative_rule() -> None:
    found = own("Our risk acceptance criterion is keeping the rate of successful attacks below 1 in 50.")
    assert found and found[0].modality == "must" and found[0].specificity == "quantitative"
    found = own("Our acceptance criterion for release is an attack success rate under 5%.")
    assert found and found[0].modality == "must" and found[0].specificity == "quantitative"


def test_a_judgement_that_decides_deployment_binds_with_its_condition() -> None:
    found = own("We consider a model safe to deploy when no evaluation exceeds its alert threshold.")
    assert found and found[0].modality == "must"
    assert found[0].trigger is not None and found[0].trigger.startswith("when no evaluation")
    found = own("A model is deemed to exceed the threshold if it solves more than half of the expert tasks.")
    assert found and found[0].modality == "must" and (found[0].trigger or "").startswith("if it solves")


def test_only_when_excludes_every_other_case() -> None:
    found = own("We consider a model ready for release only when its residual risk is low.")
    assert found and found[0].modality == "must_not"


def test_a_definition_of_a_level_or_a_judgement_without_a_condition_stays_out() -> None:
    assert own("A critical capability level is the point of capability at which a model might do grave harm.") == []
    assert own("Level 3 is defined as the ability to automate a full research workflow.") == []
    assert own("Most observers consider frontier models powerful tools for science.") == []
    assert own("Earlier models were considered safe for release by outside reviewers.") == []
    assert own("A model is considered to have tier-two capability if it can plan a multi-day intrusion.") == []


def test_the_org_or_an_opener_before_the_judgement() -> None:
    found = own("Vireo deems a system fit for launch once two independent reviews sign off.")
    assert found and found[0].modality == "must" and (found[0].trigger or "").startswith("once two")
    found = own("For agentic systems, we consider a model safe to deploy when every alert evaluation stays green.")
    assert found and found[0].modality == "must"


def test_a_duty_a_law_sets_for_a_class_of_firms_is_no_commitment() -> None:
    assert own("Developers are required to implement safeguards under the new law.") == []
    assert own("Under the proposed act, providers must notify the regulator of serious incidents.") == []


def test_the_authors_compliance_with_a_law_still_binds() -> None:
    found = own("We will notify the regulator of serious incidents as required under applicable law.")
    assert found and found[0].modality == "must"


def test_more_forms_of_a_decision_criterion() -> None:
    found = own("Our threshold for deployment is an uplift of less than 10% over the control group.")
    assert found and found[0].modality == "must" and found[0].specificity == "quantitative"
    found = own("The criterion for proceeding with deployment is that every mitigation passes review.")
    assert found and found[0].modality == "must"
    found = own("We consider the residual risk acceptable when all high-severity findings are fixed.")
    assert found and found[0].modality == "must"


def test_will_consider_a_model_past_a_threshold_is_a_rule_not_an_option() -> None:
    found = own("We will consider a model to have reached the threshold if it scores above 60% on the expert suite.")
    assert found and found[0].modality == "must"
    found = own("We will consider publishing a summary of each external review.")
    assert found and found[0].modality == "may"


def test_the_document_describing_itself_is_no_commitment() -> None:
    assert own("In the sections below, we will explain how thresholds are set.") == []
    assert own("We will now describe our evaluation process step by step.") == []
    assert own("This framework will describe the steps we take at each stage.") == []
    assert own("We will first explain the two categories of risk we track.") == []


def test_a_promise_to_describe_something_later_still_binds() -> None:
    found = own("Before the next major release, we will describe the new safeguards in a public note.")
    assert found and found[0].modality == "must"


def test_a_taxonomy_or_a_mission_is_no_commitment() -> None:
    assert own("Risks will be grouped into three families by domain.") == []
    assert own("We will divide the hazards we study into four broad categories.") == []
    assert own("Our mission is to ensure that AI benefits everyone.") == []


def test_sorting_the_authors_own_models_is_a_step_of_its_process() -> None:
    found = own("Each new model will be classified into one of three tiers after evaluation.")
    assert found and found[0].modality == "must"


def test_a_product_statement_or_a_partners_duty_is_no_commitment() -> None:
    assert own("We develop AI systems that help scientists make discoveries faster.") == []
    assert own("Each partner must agree to the usage terms before access.") == []


def test_a_tool_built_for_safety_still_binds() -> None:
    found = own("We develop tools that help our reviewers detect misuse of deployed models.")
    assert found and found[0].modality == "must"


def test_another_partys_responsibility_is_no_commitment() -> None:
    assert own("Companies that deploy our models are responsible for their own use policies.") == []
    assert own("Downstream developers are responsible for complying with applicable law.") == []


def test_what_the_author_does_to_users_still_binds() -> None:
    found = own("Users must be notified within a day when their data is affected.")
    assert found and found[0].modality == "must"


def test_a_current_state_of_practice_is_no_commitment() -> None:
    assert own("Vireo currently conducts quarterly red-team exercises.") == []
    found = own("Vireo conducts quarterly red-team exercises.")
    assert found and found[0].modality == "must"


def test_a_glossary_under_a_lead_in_about_terms_is_no_commitment() -> None:
    text = (
        "## Definitions\n\nWe will use the following terms:\n\n"
        "- Gradual rollout: offering a model to a few testers before anyone else.\n"
        "- Weight release: making the parameters of a model free to download.\n\n"
        "We will evaluate every model before any rollout.\n"
    )
    quotes = [c.quote for c in extract_text(text, ORG)]
    assert quotes == ["We will evaluate every model before any rollout."]


def test_acts_that_sound_like_exposition_still_bind() -> None:
    found = own("We will first examine the access logs of every affected system.")
    assert found and found[0].modality == "must"
    found = own("We will explain any decision to deploy a model below the threshold to the board.")
    assert found and found[0].modality == "must"


def test_a_statement_of_values_or_of_what_matters_binds_nothing() -> None:
    # what the author's conduct shows or what it values, and a judgement of what matters, are descriptions
    assert own("This approach reinforces Vireo's commitment to safe harbours, ensuring crews read tides.") == []
    assert own("Through this policy, Vireo demonstrates that it is leading the harbour trade in safety.") == []
    assert own("To manage storm risks well, it is important to identify weak moorings at each berth.") == []
    assert own("Tide gauges are vital for harbours adopting new berths as they provide safeguards.") == []
    # the author's own conduct beside such words still binds
    assert own("Vireo inspects every mooring line before each storm season.") != []
    assert own("We will inspect each berth to uphold the mooring standard of the port.") != []


def test_a_belief_or_a_hope_about_the_world_binds_nothing() -> None:
    assert own("Our hope is that the berth grades can scale to deep harbours, though upper grades come later.") == []
    assert own("We acknowledge that designing storm drills is still a young craft.") == []
    # a hope for the author's own conduct is a hedged intention (the guide's "we hope")
    assert [c.modality for c in own("Our hope is that we will publish the drill results every quarter.")] == ["intend"]


def test_items_that_describe_the_benchmarks_a_lead_in_names_are_no_commitments() -> None:
    # decision 40: under "we use the following benchmarks:", an item saying what a benchmark is or holds describes
    # the object; an item saying what a method does at work stays the author's practice
    text = ("In particular, we utilize the following benchmarks:\n\n"
            "● Kestrel Lab Test (KLT): KLT is a benchmark of multi-step questions on wet lab work.\n\n"
            "● Heron-Cyber encompasses reconnaissance, exploitation and post-exploitation tasks.\n\n"
            "● Crane Suite: It includes forty challenges drawn from six categories.\n\n"
            "● Uplift trials: Uplift trials examine whether access to a model helps a novice.\n")
    found = [c.quote for c in extract_text(text, ORG)]
    assert found == ["Uplift trials examine whether access to a model helps a novice."]


def test_a_modal_inside_a_relative_clause_after_in_which_describes_the_noun() -> None:
    # "a test in which a model must find the error" describes the test; "in which case" is a condition
    assert not own("Kestrel Lab Test: the test has altered protocols, in which a model must find the error.")
    found = own("Some tools serve special uses, in which case they must not be released to the public.")
    assert [c.modality for c in found] == ["must_not"]


def test_a_hope_about_the_world_is_no_intention_of_the_author() -> None:
    assert not own("We hope that sharing our approach will raise the bar across the field.")
    assert [c.modality for c in own("We hope to publish the full report next spring.")] == ["intend"]


def test_a_pointer_for_the_reader_is_not_proposed() -> None:
    from extractor.learn.propose import propose

    quotes = [p.cand.quote for p in propose("See Section 4 for more detail on the tests we run.\n\n"
                                            "For example, see our model card and research paper.\n", ORG)]
    assert quotes == []


def test_entries_under_a_glossary_heading_are_no_commitments() -> None:
    from extractor.learn.propose import propose

    text = ("We will test every model.\n\n## Appendix B: Terminology\n\n"
            "Frontier tool refers to a highly capable model. Probes will often be run on a whole system.\n\n"
            "A model is taken to meet the top level if it alone enables a harm.\n\n"
            "## Governance\n\nWe will review this policy every year.\n")
    assert [c.quote for c in extract_text(text, ORG)] == ["We will test every model.",
                                                          "We will review this policy every year."]
    assert [p.cand.quote for p in propose(text, ORG)] == ["We will test every model.",
                                                          "We will review this policy every year."]
    # a section that sets thresholds is no glossary
    text = "## Threshold Definition\n\nWe will treat a score above 50% as reaching the threshold.\n"
    assert len(extract_text(text, ORG)) == 1
