"""The rules' cues for commitments stated in the present tense, in the passive, and the scope of a modal verb:
synthetic sentences of a made-up lab ("Harbour Labs"), one behaviour per test."""

from __future__ import annotations

from extractor.backends.rules import extract_text
from extractor.models import Candidate

ORG = "Harbour Labs"

# two plain commitments that make a section one of commitments (a present-tense statement binds among them)
CONTEXT = "We will publish a yearly safety report.\n\nWe will notify the board of every incident.\n\n"


def run(text: str, org: str = ORG) -> list[Candidate]:
    return extract_text(text, org)


def own(sentence: str, context: bool = False) -> list[Candidate]:
    """What the rules take from the sentence (after the context paragraphs, when asked)."""
    found = run((CONTEXT if context else "") + sentence + "\n")
    return [c for c in found if c.quote.split()[:3] == sentence.split()[:3] or c.quote in sentence]


def modality(sentence: str, context: bool = False) -> str | None:
    found = own(sentence, context)
    return found[0].modality if found else None


# ----------------------------------------------------------------------------- present tense of "we" / the org


def test_we_with_a_verb_ending_in_double_s_is_a_process_statement() -> None:
    assert modality("We assess residual risk for every model before release.") == "must"
    assert modality("We address each reported flaw within two weeks.") == "must"


def test_org_name_with_a_process_verb_stands_on_its_own() -> None:
    assert modality("Harbour Labs conducts adversarial testing of each model with outside specialists.") == "must"
    assert modality("Harbour Labs restricts its models from giving help with toxin synthesis.") == "must"
    assert modality("Harbour Labs red-teams each frontier model before launch.") == "must"
    assert modality("We red-team every model that exceeds the compute bar.") == "must"


def test_shaping_and_overseeing_the_models_are_process_steps() -> None:
    assert modality("Harbour Labs trains its assistants to admit what they do not know.") == "must"
    assert modality("We oversee each fine-tuning run that touches safety data.") == "must"
    assert modality("Harbour Labs teaches its assistants to decline help with weapons.") == "must"
    # the business statement stays out
    assert own("Harbour Labs trains large models for paying customers.") == []


def test_an_opener_before_the_subject_is_no_obstacle() -> None:
    assert modality("Through our fellowship scheme, we fund outside researchers who probe our models.") == "must"
    assert modality("In addition to internal checks, Harbour Labs commissions a yearly outside audit.") == "must"
    assert modality("To limit misuse, Harbour Labs restricts access to the most capable checkpoints.") == "must"


def test_the_authors_own_team_as_subject() -> None:
    c = own("Our security team reviews every access request.")
    assert [x.modality for x in c] == ["must"]
    assert modality("Harbour Labs’ security team monitors the training cluster around the clock.") == "must"


def test_the_authors_own_procedure_as_subject() -> None:
    c = own("Our release review process systematically checks each model against the agreed thresholds.")
    assert [(x.modality, x.actor) for x in c] == [("must", ORG)]
    assert modality("Our evaluations include red-teaming by outside specialists.") == "must"
    assert modality("Harbour Labs’ audit procedure covers every training run.") == "must"
    found = own("Our scoring procedure then estimates the remaining harm after safeguards are applied.")
    assert found and found[0].trigger == "after safeguards are applied"
    # what a procedure found or how it relates to others is no step of it
    assert own("Our evaluations show that current models pose little risk.") == []
    assert own("Our approach complements existing industry standards.") == []
    assert own("Our evaluations were developed with outside advisers.") == []


def test_a_step_of_the_process_the_author_may_take_is_discretion() -> None:
    c = own("Minor incidents may be reported to the Board in a quarterly summary.")
    assert [(x.modality, x.actor) for x in c] == [("may", ORG)]
    c = own("Exceptions may be granted by the Chief Security Officer.")
    assert [(x.modality, x.actor) for x in c] == [("may", "Chief Security Officer")]
    # possibility, not permission: the world, an act that is no step of the process, or "can"
    assert own("Risks may be reduced by these measures.") == []
    assert own("Models may be misused by attackers.") == []
    assert own("Better methods can be applied as they mature.") == []


def test_changing_or_including_something_is_an_act_the_author_may_keep_open() -> None:
    assert modality("We may change our approach as we learn more.") == "may"
    assert modality("We may include further tests in later versions.") == "may"
    assert own("Things may change quickly in this field.") == []
    assert own("The results may change over time.") == []


def test_never_before_the_verb_is_a_prohibition() -> None:
    assert modality("We never share model weights with unvetted parties.") == "must_not"


def test_stances_beliefs_and_orderings_of_the_text_are_not_commitments() -> None:
    for sentence in (
        "We value careful engineering above speed.",
        "Harbour Labs views safety as a shared responsibility.",
        "We believe openness benefits the field.",
        "We see three broad trends in model development.",
        "We group the hazards by the domain they touch.",
    ):
        assert own(sentence, context=True) == [], sentence


def test_a_verb_not_known_as_a_process_step_binds_only_among_commitments() -> None:
    sentence = "Harbour Labs operates a large chip cluster in a northern region."
    assert own(sentence) == []
    # what the business makes is no step of its safety process
    assert own("Harbour Labs trains large models for paying customers.") == []
    assert modality(sentence, context=True) == "must"


# ----------------------------------------------------------------------------- passive process statements


def test_passive_steps_of_the_process_bind_among_commitments() -> None:
    for sentence in (
        "Regressions found in testing are investigated and mitigated before deployment.",
        "The residual risk assessment is refreshed every quarter.",
        "Authority to grant exceptions is delegated to the chief scientist.",
        "Incidents are reported to the national regulator within three days.",
    ):
        assert modality(sentence, context=True) == "must", sentence


def test_a_modifier_naming_risk_does_not_make_the_subject_the_world() -> None:
    # the head noun decides: "risk assessment" is a step of the process, "Risks" alone are the world
    assert modality("The residual risk assessment is refreshed every quarter.", context=True) == "must"
    assert own("Risks are monitored by many outside observers.", context=True) == []


def test_a_step_a_named_body_performs_stands_on_its_own() -> None:
    found = own("The residual risk assessment is reviewed by the Release Council.")
    assert [(c.actor, c.modality) for c in found] == [("Release Council", "must")]


def test_an_artefact_put_through_a_step_of_the_process() -> None:
    assert modality("Every release candidate undergoes an independent outside test.", context=True) == "must"
    assert modality("Major releases undergo a red-team exercise by outside experts.", context=True) == "must"
    assert own("Most startups undergo rapid growth in their first years.", context=True) == []


def test_a_requirement_stated_of_a_step_of_the_process() -> None:
    assert modality("Deployment requires sign-off by the Release Council.", context=True) == "must"
    assert modality("Each new release requires a written safety case.", context=True) == "must"
    assert own("Cyber attacks require little skill with modern tools.", context=True) == []


def test_descriptions_in_the_passive_are_not_process_statements() -> None:
    for sentence in (
        "This section describes how releases are approved.",
        "The increase in uplift is measured relative to a search-engine baseline.",
        "Chemical weapons are regulated by international treaty.",
        "Attackers are motivated by financial gain.",
    ):
        assert own(sentence, context=True) == [], sentence


# ----------------------------------------------------------------------------- the scope of a modal and its negation


def test_stop_pause_and_halt_are_actions_not_prohibitions() -> None:
    assert modality("We will stop development of a model if it crosses the upper tier.") == "must"
    assert modality("We will pause training until the safeguards are ready.") == "must"
    assert modality("If a model reaches the upper tier, we halt its deployment.") == "must"


def test_a_negation_inside_a_leading_condition_is_the_condition() -> None:
    assert modality("If we do not receive sign-off, we pause the launch.") == "must"
    assert modality("If, during testing, we find a flaw we cannot fix, we will delay the launch.") == "must"
    assert modality("If fine-tuning does not raise the score, we may skip the extra tests.") == "may"
    assert modality("If the review is incomplete, we will not deploy the model.") == "must_not"


def test_a_negation_governing_the_committed_verb_is_a_prohibition() -> None:
    assert modality("We will not deploy a model that fails the review.") == "must_not"
    assert modality("Model weights must not leave the secure enclave.") == "must_not"
    assert modality("No model will be released without a signed safety case.") == "must_not"
    assert modality("No model may be deployed unless the review has passed.") == "must_not"
    assert modality("Model interactions that could bypass the filters must be avoided.") == "must_not"
    assert modality("We will refrain from publishing the weights of such models.") == "must_not"
    # a negation inside a relative clause of the object does not govern the committed verb
    assert modality("We will retrain any model that does not pass the audit.") == "must"


def test_what_the_author_cannot_know_or_promise_is_no_commitment() -> None:
    for sentence in (
        "We cannot claim to have anticipated every possible misuse.",
        "We cannot guarantee that every attack will be caught.",
        "We can't promise that every flaw will be found.",
    ):
        assert own(sentence) == [], sentence
    assert modality("We cannot release a model that has not passed the review.") == "must_not"


def test_an_inverted_conditional_is_a_trigger_and_the_main_clause_gives_the_modality() -> None:
    found = own("Should it happen that a model exceeds a threshold, we will notify the regulator within 72 hours.")
    assert [(c.modality, c.trigger) for c in found] == [
        ("must", "Should it happen that a model exceeds a threshold")
    ]
    assert modality("Should a model exceed the upper threshold, we pause its rollout.") == "must"
    assert modality("Should a model exceed the upper threshold, we should pause its rollout.") == "should"


def test_a_negative_purpose_is_a_prohibition_of_its_own() -> None:
    found = own("We will screen every prompt so that our assistant does not output weapon recipes to anyone.")
    assert [(c.modality, c.quote.split()[0]) for c in found] == [("must", "We"), ("must_not", "so")]
    hedged = own("We aim to add filters so that the model does not reveal secrets.")
    assert [c.modality for c in hedged] == ["intend", "intend"]
    assert [c.modality for c in own("We will add filters so that the model is safe to use.")] == ["must"]


def test_a_passive_step_performed_by_the_authors_own_body_stands_on_its_own() -> None:
    world = "Frontier systems may help attackers in several ways. Such help is hard to measure.\n\n"
    found = run(world + "The final uplift estimate is approved by senior leadership.\n")
    assert [c.modality for c in found] == ["must"]
    found = run(world + "Every capability report is signed off by the Trust and Safety Council.\n")
    assert [c.actor for c in found] == ["Trust and Safety Council"]
    # an outside agent is no body of the author's: the statement still waits for commitments around it
    assert run(world + "The final uplift estimate is reviewed by external regulators.\n") == []


def test_judging_a_risk_is_a_step_of_the_process() -> None:
    """Identifying, estimating and determining are steps the author takes (decision 26 as superseded), taken on their
    own with no other commitment around them; a "that" clause after them is a belief."""
    assert modality("We identify emerging hazards continuously throughout the life of each system.") == "must"
    assert modality("Prior to releasing a system, we estimate the likelihood and size of harm per domain.") == "must"
    assert modality("We determine tolerability by checking our hazard levels for each domain.") == "must"
    assert own("We estimate that the field will change quickly over the coming decade.") == []
    assert own("We determine that nothing further is needed here.") == []


def test_the_authors_approach_as_subject_is_its_process() -> None:
    assert modality("Our hazard discovery approach combines scenario modelling with tests in many fields.") == "must"


def test_an_opener_of_basis_or_stage_before_we_is_no_obstacle() -> None:
    assert modality("Based on the findings, we determine whether the system meets our release bar.") == "must"
    assert modality("Even after release, we conduct continuing safety tests informed by user reports.") == "must"
    assert modality("On this basis, we apply the hazard grid to every new service.") == "must"


def test_the_measures_the_author_may_choose_from_are_may() -> None:
    """ "<measures> may include A, B and C" keeps options among the author's own measures; "These may include <acts>"
    stands for them; the world as subject ("Hazards may include X") stays a description."""
    assert modality("For weight theft, safeguards may include isolated test sandboxes and rate caps.") == "may"
    assert modality("These may include screening prompts and replies, tuning behaviour, or gradual release.") == "may"
    assert own("Hazards may include theft of weights and misuse by criminal groups.") == []
    assert own("These may include large groups of hostile actors.") == []


def test_a_forecast_of_the_world_is_no_intention() -> None:
    """ "We expect <the world> will change" and "we anticipate <the world> to change" forecast, they bind nothing; the
    author's own verb after the forecast ("... and will keep applying X") still binds, and "in May 2024" is a month."""
    assert own("We expect public understanding of hazard testing will advance greatly in the next few years.") == []
    assert own("Like other young fields, we anticipate hazard practice to develop markedly over the decade.") == []
    assert modality("We expect to publish a hazard report each spring.") == "intend"
    found = run("We expect the science of sandboxing will mature quickly and will keep applying the best sandbox "
                "methods to every release.\n")
    assert [c.modality for c in found] == ["must"] and "keep applying" in found[0].quote
    assert run("The charter grew out of pledges that several harbour firms signed in May 2024 in Lisbon.\n") == []


def test_a_body_named_with_its_function_is_its_role() -> None:
    text = (
        "Our governance rests on three bodies:\n\n"
        "- The harbour hazard group whose role is to decide which matters go to the council\n"
        "- The council (or its audit committee) that makes the final decisions on each matter\n"
        "- The Harbour Research Centre, which brings together staff from many teams to discuss hazards\n"
    )
    assert [c.modality for c in run(text)] == ["must", "must", "must"]
    assert run("The group that was formed long ago meets rarely.\n") == []


def test_a_series_of_present_tense_acts_is_one_commitment_each() -> None:
    """ "we open X, conduct Y, provide Z, and apply W": each comma-led verb after an object starts its own commitment
    (decision 3); verbs sharing one object and a list of objects stay whole."""
    found = run(CONTEXT + "When we find a grave fault, we open a fault ticket, conduct an inquiry, notify the "
                "harbour master, and apply repairs.\n")
    quotes = [c.quote.rstrip(".") for c in found]
    assert "conduct an inquiry" in quotes and "apply repairs" in quotes and "notify the harbour master" in quotes
    assert [c.quote for c in run("We review, approve, and publish each berth report.\n")] == [
        "We review, approve, and publish each berth report."]


def test_a_second_passive_step_with_its_own_subject_is_its_own_commitment() -> None:
    found = run(CONTEXT + "Pipes are monitored for leaks, and access rights are managed and reviewed weekly.\n")
    quotes = [c.quote for c in found[2:]]
    assert quotes == ["Pipes are monitored for leaks", "access rights are managed and reviewed weekly"]


def test_measures_deployed_or_weighed_then_taken_are_steps() -> None:
    assert modality("Where the leftover hazard passes the bar, more safeguards are deployed.", context=True) == "must"
    assert modality("Where the leftover hazard passes the bar, more safeguards are considered and implemented.",
                    context=True) == "must"


def test_an_instrument_put_to_a_step_is_a_process_statement() -> None:
    assert modality("We use the hazard scale for the first class and the hazard grid for the second to manage "
                    "those hazards.") == "must"
    assert own("We use the term frontier to mean the most capable systems we build.") == []
    assert own("We use a prepaid cloud account because we are not trying to test skill at evading bot checks.") == []
    # the means of a step named as such need no "to": "We use the strongest X techniques"; the author named too
    assert modality("We use the strongest crane-testing techniques available to us.") == "must"
    assert modality("Harbour Labs uses several methods, including tide gauges and dock reports, to detect spills."
                    ) == "must"


def test_a_reason_after_the_commitment_is_no_part_of_it() -> None:
    found = own("For now, our reviews will focus on dredging, as this task likely suits the new crews best.")
    assert [c.quote for c in found] == ["For now, our reviews will focus on dredging"]
    kept = own("We will keep applying better sandbox methods as they are developed.")
    assert kept and kept[0].quote.endswith("as they are developed.")


# ------------------------------------------------------------- framing openers, restatements, the progressive


def test_a_framing_phrase_or_a_restatement_before_we_is_no_obstacle() -> None:
    assert modality("As noted earlier, we routinely audit the vendors that label our data.") == "must"
    assert modality("Put another way, we deploy a layered filter stack in front of each model.") == "must"
    assert modality("This means we patch every build server within a day of a fix.") == "must"
    # a restatement of a belief stays a belief
    assert own("This means we believe openness matters most.") == []


def test_the_present_progressive_of_a_step_is_a_process_statement() -> None:
    assert modality("We are steadily reviewing the tools our red team uses.") == "must"
    assert modality("We are constantly improving the filters that screen harmful prompts.") == "must"
    # efforts, plans and states are not steps
    assert modality("We are working to build better tools for auditors.") != "must"
    assert own("We are seeing more interest in open weights.") == []
    assert own("We are currently testing a new filter.") == []


def test_aligning_and_leveraging_are_steps_of_the_authors_process() -> None:
    assert modality("We align our security programme to ISO 27001.") == "must"
    assert modality("We leverage outside red teams to probe each release.") == "must"


def test_and_we_after_a_present_tense_statement_starts_a_second_one() -> None:
    # decision 3: ", and we <verb>" after a statement with no modal is a second statement of the author
    found = own("We align our programme to a public standard, and we closely monitor the health of our filters.")
    assert [c.quote for c in found] == ["We align our programme to a public standard",
                                        "we closely monitor the health of our filters."]
    # after a modal that describes an option, the second part continues it
    text = "Red-teaming may involve paired trials with and without the model, and we measure the gap between them."
    assert not any(c.quote.startswith("we measure") for c in run(CONTEXT + text))


def test_a_trailing_response_gerund_is_its_own_commitment() -> None:
    found = own("We monitor the health of our filters all year, taking corrective action when needed.")
    assert [c.quote for c in found] == ["We monitor the health of our filters all year",
                                        "taking corrective action when needed."]
    # a gerund that elaborates the act (its means or its content) stays with it
    found = own("Harbour Labs conducts a final evaluation before launch, assessing both accuracy and safety.")
    assert len(found) == 1


def test_and_also_marks_a_second_verb_phrase() -> None:
    found = own("We update our images with security fixes and also work with partners to ship fresh images.")
    assert [c.quote for c in found] == ["We update our images with security fixes",
                                        "work with partners to ship fresh images."]


def test_what_shapes_a_goal_is_no_step() -> None:
    text = CONTEXT + "These goals are informed by the needs of the people who use our tools.\n"
    assert not any(c.quote.startswith("These goals") for c in run(text))


def test_a_unit_of_the_author_named_by_its_work_is_a_subject_of_its_process() -> None:
    assert modality("When a model is close to release, the tuning team at Harbour Labs runs a final audit.") == "must"
    assert modality("The evaluation function reviews every checkpoint before release.") == "must"
    # a customer's or a partner's unit is not the author's
    assert own("The deploying organisation reviews every output it publishes.") == []


def test_what_a_step_guarantees_of_the_authors_models_binds_among_commitments() -> None:
    # decision 132: "... ensures that our models meet <a standard> before deployment"
    sentence = "This final audit ensures that our models pass the harbour test before launch."
    assert modality(sentence, context=True) == "must"
    assert own(sentence) == []  # alone it may describe the world
    assert own("This ensures that the weather stays calm.", context=True) == []


def test_using_a_means_named_by_that_or_this_to_take_a_step() -> None:
    found = own("Where we see live traffic, we use this view to monitor for abuse, revoking keys that break our terms.")
    assert [c.quote for c in found] == [
        "Where we see live traffic, we use this view to monitor for abuse", "revoking keys that break our terms."]
    assert found[1].trigger == found[0].trigger == "Where we see live traffic"


def test_sorting_what_the_process_finds_into_classes_is_a_step() -> None:
    # decision 96: how the author sorts the risks it identifies is a present-tense step of its process
    assert modality("We place the risks we find into one of three tiers.") == "must"
    assert modality("Harbour Labs sorts each reported flaw into two classes by severity.") == "must"
    # an ordering of the text's own content is not
    assert own("We classify this model as low risk.") == []


def test_a_trailing_gerund_of_manner_stays_with_its_statement() -> None:
    found = own("We assess each harbour crane every spring, taking into account the season before.")
    assert len(found) == 1


def test_a_progressive_verb_not_known_as_a_step_needs_a_safety_matter() -> None:
    assert own("We are advancing modern sailing craft to make them an everyday sight.", context=True) == []
    assert modality("We are advancing our safety reviews to cover new kinds of vessel.", context=True) == "must"


def test_another_partys_wish_and_a_definition_are_no_commitments() -> None:
    wish = "A client who runs Harbour Labs models for its crews may want to ensure that each crew uses them."
    text = CONTEXT + wish + "\n"
    assert not any(c.quote.startswith("A client") for c in run(text))
    assert own("Assurance here means working with our clients to ensure that our models meet their rules.",
               context=True) == []


def test_this_includes_named_artefacts_after_a_commitment_is_no_commitment_of_its_own() -> None:
    # decision 130: the artefacts a commitment names are part of it, not a unit of their own
    found = run(CONTEXT + "We give guidance to clients on safe use. This includes the Harbour Pilot Guide and Tide "
                "Handbook.\n")
    assert not any(c.quote.startswith("This includes") for c in found)
    found = run(CONTEXT + "We give guidance to clients on safe use. This includes running a yearly drill with them.\n")
    assert any(c.quote.startswith("This includes") for c in found)


def test_the_authors_models_put_through_a_step_stand_on_their_own() -> None:
    sentence = "Before launch, major model releases undergo an outside penetration test of their containers."
    assert modality(sentence) == "must"
    # another artefact going through a step binds only among commitments
    assert own("Before launch, the harbour cranes undergo an outside inspection of their cables.") == []


def test_a_committee_council_board_or_panel_named_by_its_work_acts_in_the_present_tense() -> None:
    # "the safety council reviews X" as "the security team reviews X": the body, with the words that name it
    got = [(c.actor, c.trigger) for c in own("When a model crosses a warning level, the safety council reviews the "
                                             "results within two weeks.")]
    assert got == [("safety council", "When a model crosses a warning level")]
    assert [c.actor for c in own("Our risk committee approves each release.")] == ["risk committee"]
    assert [c.actor for c in own("The review panel checks every model card.")] == ["review panel"]
    # a bare body the text named before keeps its name
    assert [c.actor for c in own("The Council will review every release.")] == ["Council"]


def test_a_reason_or_purpose_before_the_author_is_no_part_of_the_quote() -> None:
    # decision 51: "Because X, we Y" and "To X, we Y" quote "we Y"; the purpose may hold a list with its own commas,
    # and a condition inside the reason is none of the commitment's
    got = own("To inform customers, regulators and the wider public, we record and share our risk practices.")
    assert [c.quote for c in got] == ["we record and share our risk practices."]
    got = own("Because many users start with our public interfaces before larger deployments, we test our "
              "interfaces with care.")
    assert [(c.quote, c.trigger) for c in got] == [("we test our interfaces with care.", None)]
    got = own("To date, we have published two reports.")
    assert got == []


def test_the_company_as_policies_call_their_author_states_its_process() -> None:
    # "the Company" once the policy has named its author: a present-tense statement of the author, as "we" is
    got = [(c.actor, c.trigger) for c in own("Where a test is inconclusive, the Company treats the model as over the "
                                             "threshold.", context=True)]
    assert got == [(ORG, "Where a test is inconclusive")]
    assert [c.modality for c in own("The company does not release model weights.", context=True)] == ["must_not"]
    # "made public" is a step of the process as "made available" is
    assert [c.actor for c in own("A summary of each review is made public every year.", context=True)] == [ORG]


def test_a_purpose_opens_a_present_tense_passive_step() -> None:
    # "To limit misuse, access is granted only to X": the step after the purpose's comma
    got = own("To limit misuse, access to the weights is granted only to vetted staff.", context=True)
    assert [(c.actor, c.modality) for c in got] == [(ORG, "must_not")]
    # a word that only starts with a preposition opens nothing ("Interface access ... limited to X")
    assert own("Interface access to the weights is limited to named staff.", context=True)[0].quote.startswith(
        "Interface access")


def test_a_body_that_can_act_keeps_a_power_and_only_some_can_access() -> None:
    # "can" of a named body is the discretion it keeps (`may`); "we can X" and "users can X" state abilities
    got = [(c.actor, c.modality, c.trigger) for c in own("The Risk Council can veto a release if it judges the "
                                                         "residual risk too high.")]
    assert got == [("Risk Council", "may", "if it judges the residual risk too high")]
    assert own("We can detect most misuse.") == [] and own("Users can report issues.") == []
    # "Only X can access Y" forbids everyone else, as "Only X have access to Y" does
    got = own("Only a few named engineers can access the unencrypted weights.")
    assert [(c.actor, c.modality) for c in got] == [(ORG, "must_not")]
    # a body's name broken over two lines is one line in the output
    assert [c.actor for c in own("The Safety\nteam can pause any release.")] == ["Safety team"]


def test_a_role_named_lead_acts_and_a_condition_holds_no_step() -> None:
    got = own("The Responsible Scaling Lead oversees compliance and reports to the CEO each month.")
    assert {c.actor for c in got} == {"Responsible Scaling Lead"}
    assert own("Lead the review of each release.") == []
    # "No release until X are approved by Y": the passive belongs to the condition; Y is no actor of a step
    assert all(c.actor != "Safety Board" for c in own("No public release until safeguards are approved by the "
                                                       "Safety Board.", context=True))


def test_who_takes_a_decision_is_the_by_agent_not_who_advises() -> None:
    got = own("Decisions to deploy a frontier model are made by the CEO on the advice of the Safety Board.",
              context=True)
    assert [c.actor for c in got] == ["CEO"]
    assert own("Models are made by training on large datasets.", context=True) == []


def test_a_body_responsible_for_one_thing_that_reviews_another_has_two_commitments() -> None:
    got = own("The Safety Officer is responsible for the risk register and reviews it every month.")
    assert [(c.actor, c.quote.split()[0]) for c in got] == [("Safety Officer", "The"), ("Safety Officer", "reviews")]


def test_a_class_of_models_not_released_and_a_step_as_part_of_a_process() -> None:
    got = own("Models that reach the high threshold are not released externally.", context=True)
    assert [(c.modality, c.trigger) for c in got] == [("must_not", "Models that reach the high threshold")]
    got = own("Development is stopped if the critical threshold is reached.", context=True)
    assert [(c.modality, c.trigger) for c in got] == [("must", "if the critical threshold is reached")]
    assert [c.actor for c in own("As part of our release process, every model undergoes a safety review.",
                                 context=True)] == [ORG]


def test_the_policy_that_commits_us_binds_the_author() -> None:
    got = own("This framework commits us to pausing development if a model reaches the critical level.")
    assert [(c.actor, c.modality, c.safeguard, c.trigger) for c in got] == [
        (ORG, "must", "pausing development", "if a model reaches the critical level")]
    assert own("This document describes our approach.") == []


def test_a_body_with_the_authority_to_act_keeps_a_power() -> None:
    got = own("The Safety Review Board has the authority to block any deployment.")
    assert [(c.actor, c.modality, c.safeguard) for c in got] == [("Safety Review Board", "may", "block any deployment")]
    assert own("Users have the right to appeal a decision.") == []


def test_outside_assessors_of_the_authors_work_state_the_authors_commitment() -> None:
    got = own("Third-party auditors will assess our compliance with this framework every year.")
    assert [(c.actor, c.modality) for c in got] == [(ORG, "must")]
    assert own("Attackers will target our models.") == []
    # and in the present tense
    got = own("Independent experts review our evaluation method before each major release.")
    assert [(c.actor, c.trigger) for c in got] == [(ORG, "before each major release")]
    assert own("Independent experts say our models are safe.") == []
    assert [c.actor for c in own("External red teamers are given early access to new models.", context=True)] == [ORG]
    assert own("The model is given access to a bash shell.", context=True) == []


def test_a_policy_calls_its_author_by_the_first_word_of_its_name() -> None:
    # "Ibis Robotics" or "Ibis": the rest of the name only says what kind of company it is
    found = run(CONTEXT + "Ibis assesses the risks of each model before deployment.\n", "Ibis Robotics")
    assert [(c.actor, c.trigger) for c in found[2:]] == [("Ibis Robotics", "before deployment")]
    # a name with no such ending has no short form, nor has a name whose first word any sentence may hold
    assert run(CONTEXT + "Ibis assesses each model.\n", "Ibis Kestrel")[2:] == []
    assert run(CONTEXT + "Safe operators will review each model.\n", "Safe AI")[2:] == []


def test_models_that_receive_safeguards_are_put_through_a_step() -> None:
    got = own("Models that approach a threshold receive additional safeguards, including interlocks and restricted "
              "deployment.", context=True)
    assert [(c.trigger, c.quote.endswith("restricted deployment")) for c in got] == [
        ("Models that approach a threshold", True)]
    assert own("Our customers receive safeguards documentation.", context=True) == []


def test_the_models_the_author_trains_go_through_its_steps() -> None:
    got = own("Every model we train goes through three stages of evaluation.", context=True)
    assert [(c.actor, c.modality) for c in got] == [(ORG, "must")]


def test_holding_a_release_is_an_act_holding_a_view_is_not() -> None:
    got = own("If a test shows a threshold was crossed, we hold the release.")
    assert [(c.modality, c.trigger) for c in got] == [("must", "If a test shows a threshold was crossed")]
    assert own("We hold the view that risks are growing.") == []


def test_any_act_in_the_passive_that_is_never_done_or_done_on_a_schedule_is_a_rule_of_practice() -> None:
    got = own("Nautical charts are never copied to personal laptops.", context=True)
    assert [c.modality for c in got] == ["must_not"]
    got = own("Our tide gauge network is certified annually by an accredited outside surveyor.", context=True)
    assert [c.modality for c in got] == ["must"]
    assert modality("Access lists are re-validated every 90 days.", context=True) == "must"
    # the world is described by what happens to it, not how often: no rule
    assert own("Our charts are used daily by thousands of sailors.", context=True) == []


def test_a_board_of_directors_in_lower_case_is_a_body_of_the_author() -> None:
    got = own("Our board of directors oversees this policy.", context=True)
    assert [(c.actor.lower(), c.modality) for c in got] == [("board of directors", "must")]


def test_a_body_that_meets_and_keeps_minutes_states_two_acts() -> None:
    got = own("The Dock Board convenes every month and keeps records of every ruling it makes.", context=True)
    assert [c.quote for c in got] == ["The Dock Board convenes every month",
                                      "keeps records of every ruling it makes."]


def test_the_authors_people_put_through_training_is_a_step_of_its_process() -> None:
    got = own("All staff working on the tide models receive training on this plan when they join.", context=True)
    assert [(c.actor, c.modality) for c in got] == [(ORG, "must")]
    assert own("Researchers receive training data from partner ports.", context=True) == []


def test_what_the_author_believes_of_the_world_commits_to_nothing() -> None:
    assert own("We believe these tide models will grow far more capable within a few years.") == []
    assert modality("We expect these measures will reduce flooding.") == "intend"


def test_asking_outsiders_for_their_view_is_a_step_and_a_stated_approach_binds() -> None:
    got = own("Before each revision of this plan, we seek comments from outside hydrologists.", context=True)
    assert [(c.modality, c.safeguard) for c in got] == [("must", "seek comments from outside hydrologists")]
    assert modality("We seek to lower the flood risk.") == "intend"
    assert modality("Our approach is to settle beforehand which gauges need stronger housings.") == "must"
    assert own("Our approach is described in Section 4.") == []


def test_a_second_statement_of_the_author_after_a_relative_clause_with_a_modal_is_its_own() -> None:
    got = own("We keep a public channel through which sailors can report faults, and we review the reports weekly.",
              context=True)
    assert [c.quote for c in got] == ["We keep a public channel through which sailors can report faults",
                                      "we review the reports weekly."]


def test_a_second_clause_under_its_own_condition_after_and_is_its_own_commitment() -> None:
    got = run("We intend to work with port authorities on shared defences, and where we fail to reach a sound "
              "level of safety we will close the pier.\n")
    assert [(c.modality, c.trigger) for c in got] == [
        ("intend", None), ("must", "where we fail to reach a sound level of safety")]


def test_a_passive_step_done_by_one_of_the_authors_bodies_is_its_rule_whatever_the_verb() -> None:
    got = own("Changes are proposed by the Chief Pier Officer and approved by the Dock Committee.", context=True)
    assert [(c.actor, c.quote) for c in got] == [
        ("Chief Pier Officer", "Changes are proposed by the Chief Pier Officer"),
        ("Dock Committee", "approved by the Dock Committee")]


def test_when_a_step_takes_place_and_a_schedule_late_in_the_clause_state_the_process() -> None:
    assert modality("Gauge reviews take place on a fixed cycle set by the tide tables.", context=True) == "must"
    assert own("The regatta takes place in June.", context=True) == []
    got = own("The flood plan is revisited when a gauge fails, when a river changes course, or at least every six "
              "months.", context=True)
    assert [c.modality for c in got] == ["must"]


def test_a_step_that_proceeds_only_if_a_condition_holds_is_barred_otherwise() -> None:
    got = own("Release of a new gauge model proceeds only if the Dock Board approves.", context=True)
    assert [(c.modality, c.trigger) for c in got] == [("must_not", "if the Dock Board approves")]
    got = own("Of these, two are applied to every gauge at the top level.", context=True)
    assert [c.modality for c in got] == ["must"]
    got = own("A gauge that is in service may be withdrawn from some ports while the fault is fixed.", context=True)
    assert [c.modality for c in got] == ["may"]


def test_a_second_present_tense_act_after_an_opener_of_its_own_is_its_own_commitment() -> None:
    # "and, <opener>, <verb>s X": the opener belongs to the second act (ANNOTATION "The unit")
    found = own("The Dock Council reviews every survey and, within five days of receiving it, sends the owners a "
                "written answer.")
    assert [c.quote for c in found] == [
        "The Dock Council reviews every survey",
        "within five days of receiving it, sends the owners a written answer.",
    ]
    assert {c.actor for c in found} == {"Dock Council"}
    # its indirect object may come before the determiner
    found = own("The Dock Council reviews every survey and, within five days of receiving it, sends captains a "
                "written answer.")
    assert [c.quote for c in found][1:] == ["within five days of receiving it, sends captains a written answer."]


def test_a_passive_step_with_an_irregular_participle_done_by_a_body() -> None:
    found = own("The cadence of pier surveys is set by the Harbour Safety Officer.", context=True)
    assert [(c.quote, c.actor) for c in found] == [
        ("The cadence of pier surveys is set by the Harbour Safety Officer", "Harbour Safety Officer")]


def test_an_artefact_that_will_appear_in_a_publication_is_published() -> None:
    found = own("A summary of the latest tide scorecard will appear in each harbour report.", context=True)
    assert [c.modality for c in found] == ["must"]
    assert not own("The tide results will appear to be stable.", context=True)


def test_a_present_tense_passive_step_of_fixing_or_sorting_is_the_author_s_process() -> None:
    text = ("We will survey every pier before each season.\n\nFindings rated severe are fixed within 30 days. "
            "Piers are then categorised by their load.\n")
    quotes = [c.quote for c in extract_text(text, ORG)]
    assert "Findings rated severe are fixed within 30 days" in quotes[1]
    assert any(q.startswith("Piers are then categorised") for q in quotes)


def test_present_tense_passive_steps_in_a_series_are_one_unit_each() -> None:
    before = "We will survey every pier. We will fix every fault within a week. We will train every pilot. "
    after = " We will publish a yearly report.\n"
    quotes = [c.quote for c in extract_text(before + "All entry to the pier huts is logged, and logs are kept for "
                                            "two years." + after, ORG)]
    assert "All entry to the pier huts is logged" in quotes and "logs are kept for two years" in quotes
    quotes = [c.quote for c in extract_text(before + "Its charts are held in our locked room, entry is limited to "
                                            "pilots on duty, and every entry is logged." + after, ORG)]
    assert "entry is limited to pilots on duty" in quotes and "every entry is logged" in quotes
    # a leading condition's comma ends the condition, whatever its verb
    c = [c for c in extract_text(before + "If a pier is damaged, entry is limited to pilots on duty." + after, ORG)
         if "damaged" in c.quote]
    assert [(x.quote, x.trigger) for x in c] == [("If a pier is damaged, entry is limited to pilots on duty",
                                                 "If a pier is damaged")]


def test_a_leading_condition_scopes_every_passive_step_of_its_sentence() -> None:
    before = "We will survey every pier. We will fix every fault within a week. "
    found = extract_text(before + "Once a pier is rated unsafe, its charts are held in our locked room, entry is "
                         "limited to pilots on duty, and every entry is logged.\n", ORG)
    steps = [(c.quote, c.trigger) for c in found[2:]]
    assert steps[-2:] == [("entry is limited to pilots on duty", "Once a pier is rated unsafe"),
                          ("every entry is logged", "Once a pier is rated unsafe")]


def test_a_step_named_by_its_place_in_the_process_is_a_process_statement() -> None:
    before = "We will survey every pier. We will fix every fault within a week. "
    quotes = [c.quote for c in extract_text(before + "The first step is to list the hazards of each berth. The "
                                            "final step of our survey involves a load test.\n", ORG)]
    assert quotes[2:] == ["The first step is to list the hazards of each berth",
                          "The final step of our survey involves a load test"]


def test_staff_who_can_raise_concerns_have_a_channel_the_author_keeps_open() -> None:
    # as "we maintain a channel through which staff can report X" does; the reporter's choice is no condition
    found = own("Dockers and contractors can report suspected breaches of this plan, anonymously if they wish, to the "
                "Harbour Officer.")
    assert found == []  # dockers are not the author's staff by name
    found = own("Employees and contractors can report suspected breaches of this plan, anonymously if they wish, to "
                "the Harbour Officer.")
    assert [(c.actor, c.modality) for c in found] == [(ORG, "must")]
    assert found[0].trigger != "if they wish"
    assert own("Users can report spills to the harbour office.") == []
