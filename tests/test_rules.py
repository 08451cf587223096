"""The rules backend on small synthetic policy texts: one behaviour per test."""

from __future__ import annotations

from extractor.backends import ExtractContext
from extractor.backends.offline import RulesBackend
from extractor.backends.rules import (
    body_acronyms,
    extract_text,
    has_commitment_cue,
    imperative,
    segment,
    specificity,
)
from extractor.backends.rules.cues import committed_split
from extractor.backends.rules.fields import split_actions
from extractor.models import Candidate, Document

ORG = "Acme"


def run(text: str, org: str = ORG) -> list[Candidate]:
    return extract_text(text, org)


def one(text: str, org: str = ORG) -> Candidate:
    found = run(text, org)
    assert len(found) == 1, [c.quote for c in found]
    return found[0]


def by_start(found: list[Candidate], words: str) -> Candidate:
    hits = [c for c in found if c.quote.startswith(words)]
    assert hits, [c.quote for c in found]
    return hits[0]


# ----------------------------------------------------------------------------- modality


def test_plain_will_is_must() -> None:
    c = one("We will publish a transparency report on our website.\n")
    assert (c.actor, c.modality) == (ORG, "must")
    assert "publish a transparency report" in c.safeguard


def test_negations_are_must_not() -> None:
    assert one("We will not release model weights to the public.\n").modality == "must_not"
    assert one("We do not deploy a system unless the review has passed.\n").modality == "must_not"


def test_hedges_win_over_the_verb() -> None:
    assert one("We aim to share our findings with other labs.\n").modality == "intend"
    assert one("We will likely expand the red team next quarter.\n").modality == "intend"
    assert one("We expect this will require new tooling for audits.\n").modality == "intend"
    # the hedge before the verb, and a hedged passive step of the author's
    assert one("We likely will expand the red team next quarter.\n").modality == "intend"
    assert one("Further categories of safeguards likely will be required.\n").modality == "intend"
    assert run("Risks likely will grow.\n") == []


def test_discretion_and_recommendation() -> None:
    assert one("We may pause access for any customer who breaks the terms.\n").modality == "may"
    assert one("We will consider adding new categories of risk.\n").modality == "may"
    assert one("Access logs should be reviewed by the security staff.\n").modality == "should"


def test_descriptions_of_the_world_are_not_commitments() -> None:
    text = (
        "Future systems may pose severe risks to society.\n\n"
        "Attackers will find new ways to misuse open models.\n\n"
        "A capability threshold refers to a level of performance on our tests.\n\n"
        "We have implemented access controls in 2022.\n"
    )
    assert run(text) == []


def test_third_party_and_relative_clauses_are_not_the_authors() -> None:
    assert run("Users should keep their passwords secret.\n") == []
    assert run("Where we list outside material, you will need permission from its owner.\n") == []
    found = run("We will keep records which cannot be shared outside the company.\n")
    assert [c.modality for c in found] == ["must"]


def test_present_tense_of_own_process_and_roles() -> None:
    c = one("The Review Board approves every release of a new model.\n")
    assert (c.actor, c.modality) == ("Review Board", "must")
    assert one("We test every model for dangerous capabilities before release.\n").modality == "must"
    assert run("We believe that safety research matters.\n") == []


# ----------------------------------------------------------------------------- units


def test_two_verb_phrases_are_two_commitments_but_a_joint_subject_is_one() -> None:
    found = run("We will publish the results and we will notify the regulator.\n")
    assert len(found) == 2
    found = run("Network logs and access records must be retained for audit.\n")
    assert len(found) == 1 and found[0].quote.startswith("Network logs and access records")


def test_lead_in_list_items_inherit_actor_modality_and_trigger() -> None:
    text = (
        "Before we deploy a new model, we will implement the following:\n\n"
        "● Independent review of the evaluation results by outside experts\n"
        "● Staged access for trusted testers first\n"
    )
    found = run(text)
    items = [c for c in found if not c.quote.startswith("Before")]
    assert [c.quote for c in items] == [
        "Independent review of the evaluation results by outside experts",
        "Staged access for trusted testers first",
    ]
    assert all(c.modality == "must" and c.actor == ORG for c in items)
    assert all(c.trigger == "Before we deploy a new model" for c in items)


def test_imperative_items_are_instructions_to_oneself() -> None:
    text = "Our response plan:\n\n● Notify the board within 24 hours.\n● Do not resume training until cleared.\n"
    found = run(text)
    assert by_start(found, "Notify the board").modality == "must"
    assert by_start(found, "Do not resume training").modality == "must_not"


def test_a_verb_followed_by_of_is_its_noun_not_an_instruction() -> None:
    assert imperative("Use of tide tables to plan each berth.") is None
    assert imperative("Review of the mooring logs by the harbour master.") is None
    assert imperative("Use tide tables to plan each berth.") == (0, None)


def test_a_noun_before_to_is_no_second_verb_phrase() -> None:
    clause = "We will provide guidance and support to affected harbours during the drill."
    assert split_actions(clause, clause.find("will") + 4) == [(0, len(clause))]
    clause = "We will log incidents and report to the harbour board."
    assert len(split_actions(clause, clause.find("will") + 4)) == 2


def test_an_instruction_after_a_phrase_of_scope_reads_its_verb() -> None:
    # "In view of X, <verb> Y": the phrase of scope is no condition; a case named in the opener is one
    clause = "In view of hazards at the coastal sites, prepare an evacuation drill before each season."
    offset, trig = imperative(clause) or (-1, "none")
    assert clause[offset:].startswith("prepare an evacuation drill") and trig is None
    assert imperative("In such cases, notify the harbour master within a day.") == (15, "In such cases")
    # an aside before an instruction-like word, and a clause with its own subject, are no instructions
    assert imperative("For example, publish the roster.") is None
    assert imperative("In most seasons, the crews publish a roster.") is None
    text = "Drill plan:\n\n● In view of hazards at the coastal sites, prepare an evacuation drill before each season.\n"
    c = by_start(run(text), "In view of hazards")
    assert c.modality == "must" and c.safeguard.startswith("prepare an evacuation drill")


def test_a_present_act_and_a_committed_act_are_two_commitments() -> None:
    # "We <verb> X and are committed to Y", "and commit to", "and will": two acts, two commitments (decision 3)
    for tail in ("is committed to publishing the drill results", "commits to publishing the drill results",
                 "will publish the drill results"):
        found = run(f"Acme inspects every harbour crane monthly and {tail}.\n")
        assert [c.quote for c in found] == ["Acme inspects every harbour crane monthly", f"{tail}."]
        assert all(c.actor == ORG and c.modality == "must" for c in found)
    sentence = "We rotate the watch crews and are committed to training each recruit."
    assert committed_split(sentence, ORG) == (sentence.index(" and"), sentence.index("are committed"))
    # a belief before the "and" is no act of its own: the sentence stays whole
    assert committed_split("We believe the harbour is safe and will keep it so.", ORG) is None
    assert committed_split("Acme inspects every crane and will.", ORG) is None


def test_inline_gerund_list_is_one_commitment_per_item() -> None:
    text = (
        "Our security commitments include limiting access to weights, logging every download, and training all staff.\n"
    )
    quotes = [c.quote for c in run(text)]
    assert quotes == ["limiting access to weights", "logging every download", "training all staff"]


def test_elliptic_clause_keeps_the_subject() -> None:
    found = run("We remain committed to privacy, and will also publish a data retention policy.\n")
    assert by_start(found, "will also publish").actor == ORG


# ----------------------------------------------------------------------------- triggers


def test_trigger_is_the_shortest_condition_with_its_subordinator() -> None:
    c = one("If a model exceeds the threshold, we will halt further training.\n")
    assert c.trigger == "If a model exceeds the threshold"
    c = one("We will notify the regulator before we release a new model.\n")
    assert c.trigger == "before we release a new model"
    assert one("We will publish a report every year.\n").trigger is None


def test_if_meaning_whether_is_not_a_trigger() -> None:
    c = one("We will check if the safeguards hold under attack.\n")
    assert c.trigger is None


def test_condition_inside_an_opener_wins() -> None:
    c = one("By default, if the review fails, we will delay the launch.\n")
    assert c.trigger == "if the review fails"


def test_stage_opener_scopes_the_following_list() -> None:
    text = (
        "## Security\n\n"
        "At Tier-2, we will harden our systems. We commit to these measures.\n\n"
        "● Backups must be encrypted.\n"
        "● Access must be reviewed monthly.\n\n"
        "## Other\n\n"
        "We will publish an annual report.\n"
    )
    found = run(text)
    assert by_start(found, "Backups must").trigger == "At Tier-2"
    assert by_start(found, "Access must").trigger == "At Tier-2"
    assert by_start(found, "We will publish an annual").trigger is None


def test_as_clause_of_change_is_a_trigger() -> None:
    c = one("We will revise the thresholds as our understanding improves.\n")
    assert c.trigger == "as our understanding improves"


# ----------------------------------------------------------------------------- specificity, verifiable


def test_specificity_levels() -> None:
    assert one("We will patch critical vulnerabilities within 30 days.\n").specificity == "quantitative"
    assert one("We will publish a model card for each release.\n").specificity == "concrete"
    assert one("We will take appropriate measures to reduce risk.\n").specificity == "vague"
    # discretion in other words: "where practicable", "at our discretion", "wherever X is possible", "exploring"
    assert one("Where practicable, we will pair each pump test with a dry run.\n").specificity == "vague"
    assert one("We will lend spare pumps to neighbours at our discretion.\n").specificity == "vague"
    assert one("We will meter the pumps wherever metering is possible.\n").specificity == "vague"
    assert one("We will be exploring ways to share pump data with the council.\n").specificity == "vague"


def test_a_frequency_is_quantitative_however_it_is_written() -> None:
    assert one("We will commission annual external audits of our controls.\n").specificity == "quantitative"
    assert one("We will brief the regulator once a quarter on incidents.\n").specificity == "quantitative"
    assert one("We will rotate access keys every 6 Months.\n").specificity == "quantitative"
    # how many times in a period, a count in words with its kind of day, a growth by a factor
    assert one("We will drill the recovery plan at least twice a year.\n").specificity == "quantitative"
    assert one("The board will hear from the audit lead three times in every financial year.\n").specificity == \
        "quantitative"
    assert one("We will answer each appeal within fourteen business days.\n").specificity == "quantitative"
    assert one("We will retest the model whenever its training data has grown fivefold.\n").specificity == \
        "quantitative"
    assert one("One of our engineers will sign each release.\n").specificity == "concrete"


def test_a_frequency_deadline_or_budget_opening_the_sentence_is_quantitative() -> None:
    # DECISIONS 10: a frequency is part of the committed act even where it opens the sentence
    assert one("Every nine months, we will rerun the full test battery.\n").specificity == "quantitative"
    assert one("Each quarter, we will brief the board on open issues.\n").specificity == "quantitative"
    assert one("We will cap spending on each red-team task at $500.\n").specificity == "quantitative"


def test_a_frequency_word_describing_a_thing_is_not_a_frequency() -> None:
    # "daily" before a noun describes it; only a recurring act it times makes the commitment measurable
    assert one("Staff who do daily work on the cluster must hold a badge.\n").specificity == "concrete"
    assert one("We will rotate the signing keys weekly.\n").specificity == "quantitative"


def test_a_level_only_the_author_can_judge_is_vague() -> None:
    # DECISIONS 75: qualitative adjectives on a control; 12: "acceptable" is the author's judgement
    assert one("Weight storage should be strong enough to resist organised attackers.\n").specificity == "vague"
    assert one("Critical models are subject to the highest level of access protection.\n").specificity == "vague"
    assert one("We will keep residual misuse risk within acceptable levels.\n").specificity == "vague"
    assert one("We will keep residual misuse risk below the level set in the threshold table.\n"
               ).specificity == "concrete"
    assert one("We apply multiple layers of controls to our training clusters.\n").specificity == "vague"
    assert one("We identify, assess, and manage risks across our products.\n").specificity == "vague"
    assert one("We will check whether each release meets our quality standards.\n").specificity == "vague"
    assert one("We will work with academia on research into model robustness.\n").specificity == "vague"


def test_a_stance_or_a_deferral_is_vague() -> None:
    assert one("We are committed to openness about our testing practices.\n").specificity == "vague"
    assert specificity("Containment measures are to be defined when models reach the next tier.", "must") == "vague"


def test_an_open_ended_effort_is_vague() -> None:
    # no end point an outsider could check: ongoing improvement, a stance, a direction
    assert one("We will continue to improve our safeguards.\n").specificity == "vague"
    assert one("We will take an iterative approach to our safeguards.\n").specificity == "vague"
    assert one("We will minimize the chance of weight theft.\n").specificity == "vague"
    # a checkable output keeps it concrete
    assert one("We will continue to publish a model card for each release.\n").specificity == "concrete"


def test_a_trailing_following_or_in_connection_with_phrase_is_the_trigger() -> None:
    assert one("We will retest each system following the rollout of new filters.\n").trigger == (
        "following the rollout of new filters")
    assert one("We will publish a summary in connection with each major release.\n").trigger == (
        "in connection with each major release")
    assert one("We will test models after model deployment.\n").trigger == "after model deployment"


def test_a_trailing_during_phrase_is_the_trigger_and_a_purpose_or_discretion_after_it_is_not() -> None:
    assert one("Each release will be reviewed during launch readiness checks.\n").trigger == (
        "during launch readiness checks")
    assert one("We will rerun the tests after each model update to confirm nothing regressed.\n").trigger == (
        "after each model update")
    found = one("We will notify partners after a confirmed breach where possible.\n")
    assert found.trigger == "after a confirmed breach"
    assert found.specificity == "vague"  # the discretion stays in the commitment, out of the condition


def test_scene_setting_openers_and_examples_are_no_part_of_a_trigger() -> None:
    assert one("At its core, we will not deploy models above the agreed threshold.\n").trigger is None
    assert one("At the hardware level, we will keep an inventory of every accelerator.\n").trigger is None
    assert one("At the critical level, we will halt training.\n").trigger == "At the critical level"
    assert one("For internal usage (e.g. research or fine-tuning), we will log all outputs.\n").trigger == (
        "For internal usage")


def test_a_place_or_purpose_opener_is_no_trigger() -> None:
    assert one("At Acme, we will publish a safety report for each release.\n").trigger is None
    assert one("For public transparency, we will publish a safety report for each release.\n").trigger is None
    assert one("For this framework specifically, we will review thresholds yearly.\n").trigger is None
    assert one("At Acme, we test every model with outside specialists.\n").trigger is None
    # a level or a class still conditions what follows
    assert one("At Level 3, we will restrict access to weights.\n").trigger == "At Level 3"
    assert one("For internal usage, we will log all queries.\n").trigger == "For internal usage"


def test_verifiable_needs_something_observable() -> None:
    assert one("We will publish a model card for each release.\n").verifiable is True
    assert one("We will take appropriate measures to reduce risk.\n").verifiable is False


# ----------------------------------------------------------------------------- actors


def test_named_body_is_the_actor_and_acronyms_resolve() -> None:
    text = (
        "The Model Review Council (MRC) oversees releases.\n\n"
        "The MRC will sign off on each launch.\n\n"
        "The MRC Chair makes the final decision on each launch.\n"
    )
    assert body_acronyms(text) == {"MRC": "Model Review Council"}
    found = run(text)
    assert by_start(found, "The MRC will").actor == "Model Review Council"
    assert by_start(found, "The MRC Chair").actor == "MRC Chair"


def test_a_team_named_by_its_modifier_or_what_it_does_is_the_actor() -> None:
    assert one("The security team will review all access requests.\n").actor == "security team"
    assert one("An internal team will develop the early-warning evaluations.\n").actor == "internal team"
    assert one("The team performing the threshold evaluations will report any result above it to the board.\n"
               ).actor == "team performing the threshold evaluations"
    assert one("Our team will publish the results each quarter.\n").actor == ORG  # a bare "team" is the author


def test_a_role_of_risk_management_is_a_body_and_the_actor() -> None:
    # "owner" and "function" name roles in risk-management language; capitalised words joined by "and" are one name
    assert one("The risk owner will record the reasons for going ahead.\n").actor == "risk owner"
    assert one("The Audit and Assurance Function will check the register twice a year.\n").actor == (
        "Audit and Assurance Function")
    assert one("The assurance function will check the register twice a year.\n").actor == "assurance function"


def test_regulated_party_is_the_actor() -> None:
    c = one("Providers of general-purpose AI models shall keep technical documentation up to date.\n", org="")
    assert c.actor == "Providers of general-purpose AI models"
    c = one("Participating organisations commit to publish their safety frameworks.\n", org="")
    assert c.actor.lower() == "organisations"


def test_pronoun_after_a_named_body() -> None:
    c = one("If the Board agrees, they will share the decision with staff.\n")
    assert c.actor == "Board"


# ----------------------------------------------------------------------------- layout and artefacts


def test_table_of_contents_headers_and_page_numbers_are_skipped() -> None:
    text = (
        "Contents\n1. We will publish reports ........ 3\n2. Governance ........ 5\n\n"
        "[[page 2]]\n## We will publish reports\n\n7\n"
    )
    assert run(text) == []


def test_worked_example_addressed_to_a_reader_is_skipped() -> None:
    text = (
        "## Example task\n\n"
        "Your task is to build a web server. You should log every request.\n\n"
        "The server should respond within one second. Your code must pass the tests.\n\n"
        "When you are done, the grader should check the logs.\n\n"
        "## Commitments\n\n"
        "We will run this task on every new model.\n"
    )
    assert [c.quote for c in run(text)] == ["We will run this task on every new model."]


def test_pdf_glyph_bullets_and_footnote_returns() -> None:
    units = segment("J The Safety Team reviews each release.\n")
    assert units[0].text.startswith("The Safety Team")
    found = run("Scores are tagged by date. ↩ We plan to publish the scores.\n")
    assert [c.quote for c in found] == ["We plan to publish the scores."]


def test_sentence_split_across_a_page_break_and_blank_line() -> None:
    text = "We will publish the results of every\n\n[[page 4]]\n\nevaluation on our website.\n"
    units = segment(text)
    assert len(units) == 1  # one sentence, read whole; its quote is cut at the page marker, never across it
    assert all("[[page" not in u.text for u in units)
    assert [c.quote for c in run(text)] == ["We will publish the results of every"]


# ----------------------------------------------------------------------------- API


def test_backend_api_and_prefilter() -> None:
    doc = Document(id="d", path="d.txt", sha256="0", title="d", text="We will publish an annual report.\n")
    out = RulesBackend().extract(doc, [], ExtractContext(org=ORG))
    assert [c.quote for c in out] == ["We will publish an annual report."]
    assert out[0].hint_start == 0 and doc.text[out[0].hint_start : out[0].hint_end] == out[0].quote
    assert has_commitment_cue("We commit to notify users.", ORG)
    assert not has_commitment_cue("The sky was blue.", ORG)


# ----------------------------------------------------------------------------- second round


def test_present_tense_passive_process_among_commitments() -> None:
    text = (
        "## Monitoring\n\n"
        "We will keep a record of every model release. We will review the records each quarter.\n\n"
        "Access logs are reviewed for unusual downloads.\n\n"
        "We will publish a summary of each incident.\n"
    )
    c = by_start(run(text), "Access logs are reviewed")
    assert (c.actor, c.modality) == (ORG, "must")
    assert c.safeguard.startswith("Access logs reviewed")


def test_present_tense_passive_alone_among_descriptions_is_not_kept() -> None:
    text = (
        "## Background\n\n"
        "Language models learn from large corpora. Their outputs vary from run to run.\n\n"
        "Access logs are reviewed for unusual downloads.\n\n"
        "The field changes quickly.\n"
    )
    assert run(text) == []


def test_two_passive_participles_with_their_own_complements_are_two() -> None:
    text = (
        "We will log every query. We will keep the logs for a year.\n\n"
        "Alerts are triaged quickly and escalated to the security lead.\n"
    )
    found = run(text)
    assert by_start(found, "Alerts are triaged quickly").quote == "Alerts are triaged quickly"
    assert by_start(found, "escalated to the security lead").modality == "must"


def test_one_modal_two_verb_phrases_are_two_commitments() -> None:
    found = run("We will halt the rollout and notify the regulator.\n")
    assert [c.quote for c in found] == ["We will halt the rollout", "notify the regulator."]
    # verbs sharing one object, and one verb with a list of objects, stay one
    assert len(run("We will identify, assess, and manage these risks.\n")) == 1
    assert len(run("We will publish model cards and system cards.\n")) == 1


def test_inline_enumerated_list_under_a_commitment() -> None:
    found = run(
        "Next year we plan to (1) expand the red team to new areas, (2) hire outside auditors for reviews, "
        "and (3) publish a summary of the results.\n"
    )
    assert [c.quote for c in found] == [
        "expand the red team to new areas",
        "hire outside auditors for reviews",
        "publish a summary of the results",
    ]
    assert all(c.modality == "intend" for c in found)
    # enumerated times are conditions, not actions: one commitment
    assert len(run("We will test models (1) after each training run, and (2) before each release.\n")) == 1


def test_contractions_and_working_towards() -> None:
    assert one("We’ll publish a report on each model.\n").modality == "must"
    assert one("We're working to improve our evaluations of cyber risk.\n").modality == "intend"


def test_lettered_label_ends_a_sentence() -> None:
    units = segment("The thresholds are listed in Appendix B. We will publish them.\n")
    assert [u.text for u in units] == ["The thresholds are listed in Appendix B.", "We will publish them."]
    assert len(segment("We thank John F. Kennedy for this.\n")) == 1


def test_actor_is_never_empty_without_an_organisation() -> None:
    found = run("Technical documentation shall be kept up to date.\n", org="")
    assert found and all(c.actor for c in found)


# ----------------------------------------------------------------------------- triggers and specificity (round 3)


def test_enumerated_item_keeps_its_own_condition_and_drops_the_enumerator() -> None:
    text = (
        "If an alarm fires, we will follow this procedure:\n\n"
        "•\n(1) If the backup system is already running, switch traffic to it.\n\n"
        "•\n(2) If the backup system is down, halt the service. Then notify the on-call engineer.\n"
    )
    found = run(text)
    first = by_start(found, "If the backup system is already")
    assert first.trigger == "If the backup system is already running"
    halt = by_start(found, "If the backup system is down")
    assert halt.trigger == "If the backup system is down"
    # a later sentence of the same item is under the item's condition, not the lead-in's
    notify = by_start(found, "notify the on-call")
    assert notify.trigger == "If the backup system is down"
    assert not any(c.quote.startswith("(") for c in found)


def test_leading_condition_scopes_both_clauses_of_its_sentence() -> None:
    text = "If remote access is granted, logs should be kept for audit and sessions should be recorded.\n"
    found = run(text)
    assert len(found) == 2, [c.quote for c in found]
    assert {c.trigger for c in found} == {"If remote access is granted"}


def test_trailing_condition_after_a_relative_clause_is_not_the_trigger() -> None:
    c = one("We will publish the list of vendors which our auditors reviewed before the contract was signed.\n")
    assert c.trigger is None
    c = one("We will publish the list of vendors before the contract is signed.\n")
    assert c.trigger == "before the contract is signed"


def test_far_trailing_condition_belongs_to_a_nested_verb() -> None:
    c = one(
        "We will maintain an inventory of every laptop, phone, server and network device used by staff, "
        "contractors and visiting partners across all of our regional offices when they travel abroad.\n"
    )
    assert c.trigger is None


def test_before_as_adverb_is_not_a_trigger() -> None:
    c = one("We will keep the review board we described before, with its current members.\n")
    assert c.trigger is None


def test_scene_setting_as_and_concessive_while_are_not_triggers() -> None:
    c = one("As a complement to audits, we will publish a yearly transparency report.\n")
    assert c.trigger is None
    c = one("While we cannot rule out misuse, we will publish a yearly transparency report.\n")
    assert c.trigger is None
    c = one("As our understanding of the risks progresses, we will revise the thresholds.\n")
    assert c.trigger == "As our understanding of the risks progresses"


def test_each_action_has_its_own_trailing_condition() -> None:
    found = run("We will publish the report now, and commit to audit it by the time we reach the next stage.\n")
    assert by_start(found, "We will publish").trigger is None
    assert by_start(found, "commit to audit").trigger == "by the time we reach the next stage"


def test_vague_word_in_the_condition_or_purpose_does_not_make_the_action_vague() -> None:
    c = one("If sufficient staff are not yet trained, pause the rollout.\n")
    assert c.specificity == "concrete"
    c = one("We will share evaluation results with the board, in order to sufficiently inform its decisions.\n")
    assert c.specificity == "concrete"
    c = one("We will implement sufficient safeguards.\n")
    assert c.specificity == "vague"


def test_an_ongoing_effort_stays_vague_unless_it_names_what_outsiders_get() -> None:
    assert one("We will continue to enhance our evaluation and testing processes.\n").specificity == "vague"
    assert one("We will continue to invest in outside research, including a bug bounty programme.\n"
               ).specificity == "concrete"
    assert one("We will continue to improve the model cards we publish with each release.\n"
               ).specificity == "concrete"


def test_open_ended_aim_without_a_checkable_output_is_vague() -> None:
    assert one("We will harden our infrastructure against attackers.\n").specificity == "vague"
    assert one("Staff should focus on secure coding habits.\n").specificity == "vague"
    # an aim with a checkable output stays concrete
    assert one("We will harden our infrastructure by means of an external audit.\n").specificity == "concrete"


# ----------------------------------------------------------------------------- round 4: detection


def test_contrastive_opener_is_left_out_of_the_quote() -> None:
    c = one("Rather than fix every level now (which would not last), we will publish each level before we need it.\n")
    assert c.quote.startswith("we will publish each level")


def test_parenthetical_with_its_own_modal_is_its_own_commitment() -> None:
    found = run(
        "We will cap each test run at 100 hours (though we will stop earlier if the model makes no progress).\n"
    )
    assert [c.quote.split()[:3] for c in found] == [["We", "will", "cap"], ["we", "will", "stop"]]
    assert not found[0].quote.endswith(")")


def test_risk_that_clause_describes_the_world() -> None:
    assert run("As systems grow, there is a risk that they will be used to cause harm.\n") == []
    # a relative clause with the author as subject is still the author's
    assert run("The annex names the risks that we will track every quarter.\n")


def test_designed_to_framing_is_not_a_commitment() -> None:
    assert run("The ladder sketched here is designed to ensure that we will keep brakes ready at each step.\n") == []


def test_reduced_relative_clause_before_a_main_verb_is_not_a_commitment() -> None:
    text = "Given the threat, the security measures we commit to implementing primarily concern model weights.\n"
    assert run(text) == []
    # without a main verb after it, the noun phrase states the commitment
    assert run("Tier C also lists the release controls we commit to adopt before shipping such a system.\n")


def test_there_is_a_role_responsible_for_and_they_in_the_next_sentence() -> None:
    found = run(
        "There is a named staff lead responsible for checking that the rules here are honoured. "
        "Each quarter, they will share a progress note on adherence with the board.\n"
    )
    assert len(found) == 2
    assert all(c.actor == ORG and c.modality == "must" for c in found)
    assert found[1].quote.startswith("Each quarter, they will share")


def test_they_does_not_stand_for_the_author() -> None:
    assert run("We list five tasks as placeholders. In later versions they will change substantially.\n") == []


def test_there_should_be_is_a_requirement_but_not_there_will_be() -> None:
    c = one("At the network level, there should be strict inventory management of all software.\n")
    assert c.modality == "should"
    assert run("Once such skills appear, there will be signs that the system is hazardous.\n") == []


def test_what_a_process_will_include_is_a_commitment() -> None:
    c = one("Automated detection as set out below will also cover staff accounts.\n")
    assert (c.actor, c.modality) == (ORG, "must")
    assert one("Updates will involve defining higher levels and revising existing ones.\n").modality == "must"
    assert run("Some of these domains will involve more uncertainty than others.\n") == []


def test_present_tense_description_of_the_documents_content_is_not_a_commitment() -> None:
    assert run("We choose a conservative 50% threshold for the safety buffer.\n") == []
    assert run("We make no attempt to define the higher levels yet.\n") == []


def test_adverb_before_the_verb_does_not_split_a_shared_object() -> None:
    c = one("We commit to proactively track and limit these abuse patterns.\n")
    assert c.quote.startswith("We commit to proactively track and limit")


def test_pure_lead_in_with_the_following_is_not_its_own_commitment() -> None:
    found = run(
        "We commit to the following protection areas, which widen our promises:\n• Encrypt all weights at rest\n"
    )
    assert [c.quote for c in found] == ["Encrypt all weights at rest"]


def test_a_lead_in_whose_object_is_the_following_measures_only_introduces_them_whatever_it_adds() -> None:
    # decision 4: the items are the commitments; the lead-in's condition is theirs
    found = run("For any crane rated Heavy, we will put the following pier safeguards in place before first use:\n"
                "• Fence the crane's swing area\n• Log every lift\n")
    assert [(c.quote, c.trigger) for c in found] == [("Fence the crane's swing area", "For any crane rated Heavy"),
                                                      ("Log every lift", "For any crane rated Heavy")]
    # a list of what is examined is the lead-in's object, and the lead-in the commitment (decision 40)
    found = run("We will check every crane against the following risk categories:\n• Collapse of the jib\n"
                "• Failure of the brake\n")
    assert [c.quote for c in found] == ["We will check every crane against the following risk categories"]


def test_trailing_example_is_cut_from_the_quote() -> None:
    c = one("We expect most revisions to be small, for example adding one more tier or lightly adjusting a probe.\n")
    assert c.quote == "We expect most revisions to be small"
    assert c.modality == "intend"


def test_nominal_commitments() -> None:
    found = run(
        "Our key commitments include a strict level of protection for parameters, "
        "and a commitment not to deploy such models until red-teaming finds no risk.\n"
    )
    assert [c.modality for c in found] == ["must", "must_not"]
    assert found[1].quote.startswith("a commitment not to deploy")
    assert found[1].trigger is not None and found[1].trigger.startswith("until")


def test_would_after_a_leading_condition_is_a_conditional_response() -> None:
    c = one("During such a halt, we would work to put the absent protections in place.\n")
    assert c.modality in ("must", "intend")


def test_label_with_ampersand_is_left_out() -> None:
    found = run(
        "Our deployment commitments include:\n• T&S tooling: Require enhanced abuse detection and enforcement.\n"
    )
    assert [c.quote for c in found] == ["Require enhanced abuse detection and enforcement."]


def test_lead_in_ends_at_a_heading_and_item_facts_are_not_commitments() -> None:
    text = (
        "To address these risks, our deployment commitments include:\n\n"
        "• Model cards: Publish model cards for new models. The latest model card is available here.\n\n"
        "• Reporting: Provide a way to report harms. Users can report issues directly in the product.\n\n"
        "## Capabilities\n\n"
        "1. Abuse: Access to the system would greatly raise the chance of damage.\n"
    )
    found = run(text)
    assert [c.quote for c in found] == ["Publish model cards for new models.", "Provide a way to report harms."]


def test_list_item_about_what_could_happen_is_not_a_commitment() -> None:
    text = (
        "We design our evaluations with these risks in mind:\n"
        "• Independence: As systems grow, they may become able to act with more independence.\n"
        "• Such systems could turn into a cause of severe damage.\n"
    )
    assert [c.quote for c in run(text) if "could" in c.quote or "may become" in c.quote] == []


# ----------------------------------------------------------------------------- lists under a requirement heading


def test_items_under_a_requirement_heading_are_commitments() -> None:
    text = (
        "Hosting Standard:\n\n"
        "1.\nRelease notes: Publication of a safety note for every major release describing known limits. "
        "Enforcement of a customer policy that bans weapons uses.\n"
        "2.\nRefusal training: Teaching models to decline requests for weapons help.\n"
        "3.\nTuning service: In our tuning service, uploaded data is screened for abuse. "
        "There are a handful of partners for whom this screening is switched off.\n"
        "4.\nFeedback: Clearly marked buttons in the app for flagging unsafe answers.\n"
        "5.\nScope: Tuning partners are research groups with long contracts.\n"
    )
    found = run(text)
    assert [c.quote for c in found] == [
        "Publication of a safety note for every major release describing known limits.",
        "Enforcement of a customer policy that bans weapons uses.",
        "Teaching models to decline requests for weapons help.",
        "In our tuning service, uploaded data is screened for abuse.",
        "Clearly marked buttons in the app for flagging unsafe answers.",
    ]
    assert all((c.actor, c.modality, c.trigger) == (ORG, "must", None) for c in found)
    assert by_start(found, "Publication").verifiable  # a publication is observable


def test_markdown_requirement_heading_and_label_heading_with_a_summary() -> None:
    text = (
        "## Minimum safeguards\n\n"
        "• Encryption of every stored copy of the weights\n"
        "• Two-person review of each weight export\n\n"
        "Office Standard: A site setup that can likely stop casual intruders.\n\n"
        "1. Staff: Yearly security training teaches every engineer how to spot phishing.\n"
    )
    found = run(text)
    assert [c.quote for c in found] == [
        "Encryption of every stored copy of the weights",
        "Two-person review of each weight export",
        "Yearly security training teaches every engineer how to spot phishing.",
    ]
    assert all(c.modality == "must" for c in found)


def test_examples_risks_definitions_and_contents_under_a_heading_are_not_commitments() -> None:
    items = "• Encryption of every stored copy of the weights\n• Two-person review of each weight export\n"
    for heading in (
        "Examples of required controls:",
        "Examples include:",
        "Such scenarios include:",
        "Risks the standard addresses:",
        "Capabilities required for Tier 2:",
        "Definitions of the standard's terms:",
        "Current security standards:",
        "Relevant industry standards",
        "Security requirements 4",
        "Controls we had in place in 2021:",
    ):
        assert run(f"{heading}\n\n{items}") == [], heading
    # the heading must be right before the list: a paragraph in between introduces a list of its own
    assert run(f"Security requirements\n\nThe attackers we consider are listed below.\n\n{items}") == []


def test_a_list_under_a_heading_ends_at_the_next_paragraph() -> None:
    text = (
        "Required safeguards\n\n"
        "• Encryption of every stored copy of the weights\n\n"
        "The wider threat landscape looks like this.\n\n"
        "• Criminal groups with large budgets and patience\n"
    )
    assert [c.quote for c in run(text)] == ["Encryption of every stored copy of the weights"]


def test_should_lead_in_gives_its_modality_to_bare_items() -> None:
    found = run("We should adopt the following practices:\n\n• Rotation of signing keys every quarter\n")
    items = [c for c in found if c.quote.startswith("Rotation")]
    assert [c.modality for c in items] == ["should"]
    assert items[0].specificity == "quantitative"


def test_a_list_goes_on_past_an_items_own_sentences_and_a_footnote_at_the_page_foot() -> None:
    text = (
        "## Purpose\n\nWe will publish a yearly safety report.\n\n## Assessment\n\n"
        "To show a model is safe, we will meet the following criteria:\n\n"
        "1.\nMapping: Describe the most likely threat models for each threshold.\n\n"
        "2.\nTesting: Design and run tests that show the model lacks the skills. Results from partners should "
        "also be weighed, when available.\n\n"
        "7 We may replace this metric with a better one in the future.\n\n"
        "[[page 4]]\n\n"
        "3.\nElicitation: Show that researchers cannot draw out useful results from the model.\n\n"
        "4.\nForecasting: Make informal forecasts of how further training would change the results.\n\n"
        "## Governance\n\nThe board will review this policy every year.\n"
    )
    found = run(text)
    for words in ("Describe the most", "Design and run", "Show that researchers", "Make informal forecasts"):
        assert by_start(found, words).modality == "must", words  # the lead-in's, not the footnote's "may"


def test_item_that_introduces_a_sub_list_governs_it_until_its_next_sibling() -> None:
    text = (
        "1. Each operator shall:\n"
        "(a) keep access logs for every session;\n"
        "(b) report breaches to the regulator.\n"
        "2. Annual figures on staffing levels across all regional offices.\n"
    )
    quotes = [c.quote for c in run(text)]
    assert "keep access logs for every session" in quotes
    assert "report breaches to the regulator." in quotes
    assert not any(q.startswith("Annual figures") for q in quotes)
    assert not any(q.startswith("Each operator") for q in quotes)  # the lead-in alone is no commitment


def test_this_includes_after_a_commitment_spells_it_out() -> None:
    text = (
        "1. Security frameworks: Adopt a recognised security framework. This includes:\n"
        "a. Access control: Limiting access to weights to the core research team.\n"
        "b. Monitoring: Watching every download of the weights around the clock.\n"
        "2. Background: The threat landscape is broad. This includes:\n"
        "a. Criminal groups: Well funded groups with much patience.\n"
    )
    found = run(text)
    assert [c.quote for c in found] == [
        "Adopt a recognised security framework.",
        "Limiting access to weights to the core research team.",
        "Watching every download of the weights around the clock.",
    ]
    assert all(c.modality == "must" for c in found)


def test_label_paragraphs_after_a_lead_in_are_items_without_bullets() -> None:
    text = (
        "We will put these controls in place before launch:\n\n"
        "Weight security: encrypting every stored copy of the weights.\n\n"
        "Access reviews: reviewing staff access rights every month.\n\n"
        "Our offices are in three cities.\n"
    )
    found = run(text)
    items = [c for c in found if not c.quote.startswith("We will")]
    assert [c.quote for c in items] == [
        "encrypting every stored copy of the weights.",
        "reviewing staff access rights every month.",
    ]
    assert all(c.modality == "must" and c.trigger == "before launch" for c in items)


# ----------------------------------------------------------------------------- generalisation round (other publishers)


def test_present_tense_verbs_that_end_like_adverbs() -> None:
    # "apply" is a verb, not an adverb in -ly; an adverb before the verb is skipped
    assert one("We apply strict rate limits to every public endpoint.\n").modality == "must"
    assert one("We carefully review every fine-tuning request.\n").modality == "must"
    assert run("We rarely see such failures.\n") == []


def test_continuing_an_activity_is_a_commitment_but_not_a_belief() -> None:
    c = one("We continue to fund outside audits of our training pipeline.\n")
    assert (c.actor, c.modality) == (ORG, "must")
    assert run("We continue to believe that openness matters.\n") == []
    assert run("Compute costs continue to fall each year.\n") == []


def test_looking_forward_to_is_a_hedged_intention() -> None:
    c = one("We look forward to working with universities on shared benchmarks.\n")
    assert (c.modality, c.specificity) == ("intend", "vague")
    assert run("Investors look forward to higher returns.\n") == []


def test_hedged_intention_is_vague_even_when_it_names_an_artefact() -> None:
    assert one("We plan to publish a transparency report.\n").specificity == "vague"
    assert one("We will publish a transparency report.\n").specificity == "concrete"


def test_being_subject_to_a_process_among_commitments() -> None:
    text = (
        "## Review\n\n"
        "We will keep a record of every model release. We will review the records each quarter.\n\n"
        "Any model that passes the first screen is subject to a full red-team review.\n\n"
        "We will publish a summary of each review.\n"
    )
    c = by_start(run(text), "Any model that passes the first screen")
    assert c.modality == "must"
    # "subject to change" is a caveat, not a process
    text2 = text.replace("is subject to a full red-team review", "is subject to change without notice")
    assert not [c for c in run(text2) if c.quote.startswith("Any model that passes")]


def test_what_a_procedure_does_or_contains_among_commitments() -> None:
    text = (
        "## Audits\n\n"
        "We will commission an outside audit every year. We will publish the auditor's letter.\n\n"
        "Each audit includes a written record of open findings.\n\n"
        "The policy tracks every change to the access list.\n"
    )
    found = run(text)
    assert by_start(found, "Each audit includes").modality == "must"
    assert by_start(found, "The policy tracks").modality == "must"
    # things that are no procedure, and a procedure's purpose, are not taken
    text2 = (
        "## Audits\n\n"
        "We will commission an outside audit every year. We will publish the auditor's letter.\n\n"
        "These buildings include two floors of offices.\n\n"
        "The policy serves as a reference for staff.\n"
    )
    assert [c.quote for c in run(text2)] == [
        "We will commission an outside audit every year.",
        "We will publish the auditor's letter.",
    ]


def test_examples_of_the_authors_measures_are_its_measures() -> None:
    text = (
        "## Controls\n\n"
        "Examples of safeguards for systems with elevated risk include:\n\n"
        "• Hardware keys for every engineer with access to weights.\n"
        "• Quarterly penetration tests by an outside firm.\n"
    )
    found = run(text)
    assert [c.modality for c in found] == ["must", "must"]
    assert found[0].trigger == "for systems with elevated risk"
    # examples of the practice already in place describe what is the case
    assert run(text.replace("Examples of safeguards", "Examples of current safeguards")) == []


def test_a_described_current_practice_binds_only_where_it_says_so() -> None:
    text = (
        "## Appendix\n\n"
        "The following is a short summary of our existing office controls.\n\n"
        "• Visitor policy. Acme runs a badge system at every entrance. Visitors must sign in at the front desk.\n"
        "• Device policy. Laptops are encrypted at rest.\n"
    )
    found = run(text)
    assert [c.quote for c in found] == ["Visitors must sign in at the front desk."]
    # the same list announced without "existing" is the author's measures
    text2 = text.replace("our existing office controls", "our office controls")
    assert len(run(text2)) > 1


def test_a_lead_in_ending_in_including_only_introduces_its_list() -> None:
    text = (
        "We will use several kinds of testing, including:\n\n"
        "• Automated probes that we run on every checkpoint.\n"
        "• Manual review by domain experts before release.\n"
    )
    quotes = [c.quote for c in run(text)]
    assert not any(q.startswith("We will use several kinds") for q in quotes)
    assert len(quotes) == 2


def test_passive_participles_with_a_prefix_or_irregular() -> None:
    text = "After each patch, the model will be re-evaluated by the safety staff.\n"
    assert one(text).modality == "must"
    assert one("Where possible, summaries will be made public within a month.\n").modality == "must"
    # an adjective after "be" is a state, not an act of the author
    assert run("A single benchmark will not be sufficient for this judgement.\n") == []


def test_a_parenthetical_aside_does_not_hide_the_subject() -> None:
    c = one("The Risk Officers (or their deputies) will approve every launch.\n")
    assert (c.actor, c.modality) == ("Risk Officers", "must")
    c2 = one("The Risk Officers are also responsible for keeping the launch log.\n")
    assert c2.modality == "must"


# ----------------------------------------------------------------------------- second round: rules of a class, cues


def test_a_rule_stated_of_a_class_of_the_authors_models() -> None:
    c = one("Models rated as high risk are subject to an external red-team review before launch.\n")
    assert (c.actor, c.modality) == (ORG, "must")
    assert c.trigger == "Models rated as high risk"
    c2 = one("Any system that fails the screen will be subject to a second audit.\n")
    assert (c2.modality, c2.trigger) == ("must", "Any system that fails the screen")
    # the whole class is no condition
    assert one("All models built by Acme are subject to the release checklist.\n").trigger is None
    # a permission stated of a class
    c3 = one("Models scored as low risk may be deployed with standard safeguards.\n")
    assert (c3.modality, c3.trigger) == ("may", "Models scored as low risk")


def test_a_caveat_or_a_description_of_models_is_no_class_rule() -> None:
    assert run("Models trained on web data are subject to bias.\n") == []
    assert run("All systems are subject to change without notice.\n") == []
    assert run("Models with open weights may be misused by attackers.\n") == []


def test_dedicated_to_binds_the_author_only() -> None:
    c = one("We are dedicated to improving the safety of our products as they mature.\n")
    assert (c.actor, c.modality) == (ORG, "must")
    assert run("Many charities are dedicated to helping children.\n") == []


def test_progressing_work_is_a_hedged_intention() -> None:
    found = run("We are also progressing work to study agents when in use and measure the effect of filters.\n")
    assert [c.modality for c in found] == ["intend", "intend"]
    assert found[1].quote.startswith("measure the effect")
    assert run("The weather is progressing towards winter.\n") == []


def test_this_allows_for_keeps_an_option_among_commitments() -> None:
    text = (
        "## Monitoring\n\n"
        "We will test every checkpoint weekly. We will log each result.\n\n"
        "This also allows for a pause in training if a checkpoint shows a sharp jump.\n\n"
        "We will publish a yearly summary.\n"
    )
    c = by_start(run(text), "This also allows for")
    assert (c.modality, c.trigger) == ("may", "if a checkpoint shows a sharp jump")
    # alone, among descriptions, it is not taken
    assert run("## Weather\n\nRain is common here.\n\nThis also allows for a green lawn.\n") == []


def test_a_verb_like_noun_before_and_does_not_join_two_actions() -> None:
    found = run("We will study tools in use and adjust our guidance as needed.\n")
    assert [c.quote for c in found] == ["We will study tools in use", "adjust our guidance as needed."]
    assert len(run("We will review and adjust the guidance.\n")) == 1


def test_a_run_of_process_statements_stands_on_its_own() -> None:
    text = (
        "## Process\n\n"
        "The review tracks every change to the access list.\n\n"
        "Audit logs are retained for a year.\n\n"
        "Each audit includes a written record of open findings.\n"
    )
    assert [c.modality for c in run(text)] == ["must", "must", "must"]
    # one alone among descriptions is still not taken
    lone = "## Office\n\nThe office is open daily.\n\nEach audit includes a written record.\n\nLunch is at noon.\n"
    assert run(lone) == []


def test_an_opener_before_a_procedure_subject() -> None:
    text = (
        "## Process\n\n"
        "We will test every checkpoint. We will log each result.\n\n"
        "As appropriate, evaluations involve outside experts with domain knowledge.\n"
    )
    c = by_start(run(text), "As appropriate, evaluations involve")
    assert (c.modality, c.specificity) == ("must", "vague")


def test_the_scope_of_a_framework_is_no_process_step() -> None:
    text = (
        "## Scope\n\n"
        "We will test every checkpoint. We will log each result.\n\n"
        "For each level, the framework weighs two wide groups of hazards.\n\n"
        "This includes harm caused by outside users.\n"
    )
    quotes = [c.quote for c in run(text)]
    assert not any(q.startswith(("For each level", "This includes harm")) for q in quotes)


def test_as_and_when_opens_a_condition() -> None:
    c = one("As and when a flaw is found, we will patch the model within a week.\n")
    assert c.trigger == "As and when a flaw is found"


def test_we_continue_to_after_a_description_is_its_own_clause() -> None:
    c = one("Robust refusal is an open problem, and we continue to fund research on refusal training.\n")
    assert c.quote == "we continue to fund research on refusal training."
    assert (c.actor, c.modality) == (ORG, "must")
    assert run("Robust refusal is an open problem, and we continue to believe it matters.\n") == []


def test_results_of_a_procedure_as_the_agent_of_a_step() -> None:
    text = (
        "## Scoring\n\n"
        "We will test every checkpoint. We will log each result.\n\n"
        "The results of the red-team exercise and of the audit then inform the launch decision.\n\n"
        "The results of the audit are used to assign each model a risk score.\n"
    )
    found = run(text)
    assert by_start(found, "The results of the red-team").modality == "must"
    assert by_start(found, "The results of the audit are used").modality == "must"
    # without agreement between the head noun and the verb it is no such statement
    text2 = text.replace("then inform the launch decision", "then informs the launch decision").replace(
        "are used to assign", "is used to assign"
    )
    assert not [c for c in run(text2) if c.quote.startswith("The results of")]


def test_a_discretion_trigger_keeps_the_commitment_vague() -> None:
    c = one("Where appropriate, summaries will be made public within 30 days.\n")
    assert c.specificity == "quantitative"  # the deadline still counts
    c2 = one("Where appropriate, summaries will be made public.\n")
    assert c2.specificity == "vague"
    # a real condition is left out of the judgement: the action itself is concrete
    assert one("If a flaw is found, summaries will be made public.\n").specificity == "concrete"


def test_an_update_of_the_published_document_is_verifiable() -> None:
    assert one("This policy will be revised as our methods improve.\n").verifiable is True
    assert one("We will revise our framework to keep up with new findings.\n").verifiable is True
    assert one("We will improve our internal methods over time.\n").verifiable is False


def test_public_that_names_no_publication_is_not_verifiable() -> None:
    assert one("We will test our models on public benchmarks.\n").verifiable is False
    assert one("Models must not be publicly released without safeguards.\n").verifiable is False
    assert one("We will share evaluation summaries publicly.\n").verifiable is True


def test_outside_parties_at_the_authors_discretion_are_verifiable_but_vague() -> None:
    # ANNOTATION.md "Verifiable": a named external party taking part is the signal; the discretion makes it vague
    c = one("We will involve external experts where appropriate.\n")
    assert (c.verifiable, c.specificity) == (True, "vague")
    assert c.verifiable_signal is not None and c.verifiable_signal.kind == "external_party"
    assert c.verifiable_signal.evidence == "external experts"
    assert one("We will involve external experts in every review.\n").verifiable is True


def test_internal_conduct_is_not_verifiable_however_concrete() -> None:
    for text in ("The Board must approve every deployment above the threshold.\n",
                 "Each quarter, we will report implementation status to the board.\n",
                 "We will cap the inference budget at 500 dollars per task.\n",
                 "If we determine that a model is unsafe, we will withdraw it.\n"):
        c = one(text)
        assert c.verifiable is False and c.verifiable_signal is None, text
    for text, kind in (("We will share the results with the national AI safety institute.\n", "publication"),
                       ("We will have third-party auditors test every model before release.\n", "external_party"),
                       ("We will run a bug bounty programme for jailbreaks.\n", "observable")):
        c = one(text)
        assert c.verifiable is True and c.verifiable_signal is not None and c.verifiable_signal.kind == kind, text
        assert c.verifiable_signal.evidence in c.quote


def test_a_class_with_a_threshold_is_a_quantitative_trigger() -> None:
    c = one("Any model trained using more than 10^25 FLOPs is subject to a capability review.\n")
    assert c.trigger == "Any model trained using more than 10^25 FLOPs"
    assert (c.specificity, c.verifiable) == ("quantitative", False)  # an internal number (ANNOTATION.md)
    c2 = one("Any model showing new skills is then subject to a deeper review.\n")
    assert c2.trigger == "Any model showing new skills"


def test_an_elliptic_if_so_is_no_trigger() -> None:
    c = one("We will check each model for new skills and, if so, whether they are dangerous.\n")
    assert c.trigger is None
    assert one("We will check each model, and if it fails, retrain it.\n").trigger is not None


def test_a_named_by_agent_of_a_passive_is_the_actor() -> None:
    c = one("Every change to this policy will be reviewed by Acme's Chief Risk Officer before it takes effect.\n")
    assert c.actor == "Chief Risk Officer"
    # a receiver is no actor
    c2 = one("Every change to this policy will be sent to the Chief Risk Officer.\n")
    assert c2.actor == ORG


def test_a_generic_body_keeps_its_modifiers() -> None:
    assert one("Acme's senior leadership will approve each launch.\n").actor == "Acme senior leadership"
    assert one("Then the development team will pause training.\n").actor == "development team"
    assert one("Our team will pause training.\n").actor == ORG


def test_a_class_subject_with_a_dash_aside() -> None:
    c = one("Under our review program, frontier models—and other large systems—are subject to red-teaming.\n")
    assert (c.modality, c.trigger) == ("must", None)


def test_the_framework_doing_a_step_of_its_process_stands_alone() -> None:
    found = run(
        "## Overview\n\nThe framework monitors our largest models and triggers a deeper review if a flag is raised.\n"
    )
    assert [c.quote for c in found] == [
        "The framework monitors our largest models",
        "triggers a deeper review if a flag is raised",
    ]
    assert found[1].trigger == "if a flag is raised"
    # what the framework is or includes needs commitments around it
    assert run("## Overview\n\nThe framework includes a glossary of terms.\n") == []


def test_each_table_cell_is_a_unit_with_its_row_condition_as_trigger() -> None:
    text = ("## Responses\n\n| Level | Response |\n|---|---|\n"
            "| The model can plan intrusions | Pause training until the controls are in place. |\n"
            "| The model can design toxins | Do not further develop the model until an audit is done. |\n"
            "| Level 1 | Describes an early model. |\n")
    found = {c.quote.rstrip("."): c for c in extract_text(text, "Lumen")}
    assert found["Pause training until the controls are in place"].trigger == "The model can plan intrusions"
    dont = found["Do not further develop the model until an audit is done"]
    assert dont.modality == "must_not" and dont.trigger == "The model can design toxins"
    assert not any("|" in q or "Level" in q or "Response" in q for q in found)  # no header, no row, no level name


def test_a_heading_line_without_a_mark_and_a_glued_label_stay_out_of_quotes() -> None:
    text = ("Our policy covers three areas of work.\nOversight\nFor new models, we will fix any gap a review "
            "finds before release.\nPublic reports:We will publish one model card for every release.\n")
    quotes = [c.quote for c in extract_text(text, "Lumen")]
    assert any(q.startswith("For new models, we will fix") for q in quotes)
    assert "We will publish one model card for every release." in quotes
    assert not any("Oversight" in q or "Public reports" in q for q in quotes)


def test_sentences_glued_without_a_space_are_split() -> None:
    text = "We will audit our controls each quarter.We will report the results to the board.\n"
    assert [c.quote for c in extract_text(text, "Lumen")] == [
        "We will audit our controls each quarter.", "We will report the results to the board."]


def test_a_trigger_is_never_a_cut_clause_or_a_neighbours_condition() -> None:
    text = ("## Limits\n\nAt Stage 4, we will restrict access to the weights.\n\n"
            "We will publish a yearly summary of our safety work.\n\n"
            "If a model passes the red line and, we will stop training it.\n")
    found = {c.quote.split(",")[-1].strip(): c for c in extract_text(text, "Lumen")}
    by_start = {c.quote[:20]: c for c in extract_text(text, "Lumen")}
    assert by_start["At Stage 4, we will "].trigger == "At Stage 4"
    assert by_start["We will publish a ye"].trigger is None  # the opener scoped its own paragraph only
    stop = [c for c in found.values() if "stop training" in c.quote][0]
    assert stop.trigger is not None and not stop.trigger.endswith(" and")


def test_may_and_might_are_never_must() -> None:
    assert [c.modality for c in run("We may change how we run our audits over time.\n")] in ([], ["may"])
    assert [c.modality for c in run("We might decide to relax the storage rules if tests support it.\n")] == ["may"]


def test_past_facts_cross_references_and_benchmark_descriptions_are_not_commitments() -> None:
    text = ("In March 2030, we released a smaller assistant model.\n\n"
            "See the release controls section below.\n\n"
            "Suite K encompasses a broad range of puzzles in geometry.\n")
    assert run(text) == []


# ----------------------------------------------------------------------------- the scan's recogniser tables


def test_every_recogniser_has_a_name_and_says_what_it_recognises() -> None:
    from extractor.backends.rules.scan import CLAUSE_RECOGNISERS, UNIT_RECOGNISERS

    for table in (UNIT_RECOGNISERS, CLAUSE_RECOGNISERS):
        names = [r.name for r in table]
        assert len(set(names)) == len(names) and all(names)
        assert all((r.attempt.__doc__ or "").strip() for r in table), names


def test_an_inline_enumeration_is_read_before_the_clauses_of_its_sentence() -> None:
    # the inline recogniser comes first: one commitment per enumerated item, not one for the whole sentence
    found = run("We will (1) publish a summary of each evaluation, (2) notify the board of every incident, and "
                "(3) retain the audit logs for two years.\n")
    assert [c.quote.split()[0] for c in found] == ["publish", "notify", "retain"]


def test_a_negative_purpose_is_its_own_commitment_unless_the_effort_is_all_there_is() -> None:
    # "apply X so that Y does not Z": the action and the prohibition are two commitments (decision 51)
    two = run("We will apply refusal training to ensure that a model does not return harmful content.\n")
    assert [c.modality for c in two] == ["must", "must_not"]
    # "work to ensure that Y does not Z": the effort's object is the purpose, no action stands before it
    one_ = run("We will work to ensure that the lessons learned by our teams do not stay inside the company.\n")
    assert len(one_) == 1 and one_[0].quote.startswith("We will work to ensure that")
    assert one_[0].modality == "intend"


def test_a_class_of_new_models_is_the_condition() -> None:
    c = one("We will publish a summary card for significant new models describing what they can do.\n")
    assert c.trigger == "for significant new models"
    assert one("Acme runs a full red-team exercise for future releases.\n", org="Acme").trigger == "for future releases"
    assert one("We will build tools for models.\n").trigger is None


def test_a_centre_or_committee_is_a_body_and_an_alternative_in_parentheses_is_not_the_subject() -> None:
    found = run("The Harbour Research Center will review every release before launch. "
                "The dock safety committee will approve each change to the crane rota. "
                "The Port Board (or its audit committee) will sign off every annual budget.")
    assert [c.actor for c in found] == ["Harbour Research Center", "dock safety committee", "Port Board"]


def test_withholding_is_an_instruction_to_oneself() -> None:
    assert imperative("Withhold the release until the harbour audit is closed.") == (0, None)


def test_an_escape_clause_between_and_and_the_next_act_starts_a_second_commitment() -> None:
    # "X, and, where appropriate, may Y": a second modal of the same subject behind an escape clause
    found = extract_text("All revisions will be posted within ten days, and, where appropriate, may be published "
                         "on the day we adopt them.\n", "Acme")
    assert [(c.quote, c.modality) for c in found] == [
        ("All revisions will be posted within ten days", "must"),
        ("where appropriate, may be published on the day we adopt them.", "may")]
    found = extract_text("We will gather the lessons learned and where applicable revise the playbook.\n", "Acme")
    assert [c.quote for c in found] == ["We will gather the lessons learned", "where applicable revise the playbook."]


def test_while_also_with_a_gerund_is_a_second_act() -> None:
    found = extract_text("We will halt the work, while also keeping our partners supplied with current tools.\n",
                         "Acme")
    assert [c.quote for c in found] == ["We will halt the work", "keeping our partners supplied with current tools."]


def test_verbs_inside_a_purpose_clause_are_not_split_off() -> None:
    # "so that users may comment and send feedback": both verbs are the purpose's, no act of the author's
    found = extract_text("Acme posts its logs on a public site so that readers may comment and send feedback to "
                         "Acme.\n", "Acme")
    assert not any(c.quote.startswith("send feedback") for c in found)


def test_a_second_clause_after_a_comma_may_have_a_long_subject_of_its_own() -> None:
    found = extract_text("Only tools rated low or moderate after safeguards can be released, and only tools rated "
                         "severe or lower after safeguards can be trained further.\n", "Acme")
    assert len(found) == 2
    assert found[1].quote.startswith("only tools rated severe")


def test_as_well_as_with_a_gerund_is_a_second_act_but_not_a_participle_adjective() -> None:
    found = extract_text("We will chart new abilities, as well as building new guards against them.\n", "Acme")
    assert [c.quote for c in found] == ["We will chart new abilities", "building new guards against them."]
    found = extract_text("We will chart risks such as fraud, as well as emerging threats.\n", "Acme")
    assert len(found) == 1


def test_an_absolute_phrase_with_a_participle_states_a_further_step() -> None:
    found = extract_text("Our probes will be run at every doubling of compute, with results reported to the board.\n",
                         "Acme")
    assert [c.quote for c in found] == ["Our probes will be run at every doubling of compute",
                                        "with results reported to the board."]
    found = extract_text("Summaries will be posted for all users, with care taken to limit hazards.\n", "Acme")
    assert len(found) == 1


def test_a_framing_pointer_and_a_trailing_pointer_are_left_out_of_the_quote() -> None:
    # decision 95: "As outlined in the introduction," frames; ", see the section X for more detail" points the reader
    found = extract_text("As outlined in the introduction, we will test every tool before release.\n", "Acme")
    assert [c.quote for c in found] == ["we will test every tool before release."]
    found = extract_text("We will run drills twice a year, see the section 'Drills' for more detail.\n", "Acme")
    assert [c.quote for c in found] == ["We will run drills twice a year"]


def test_the_authors_objective_by_its_name_is_a_hedged_intention() -> None:
    found = extract_text("Acme's objective is for our tools to follow their guiding rules.\n", "Acme")
    assert [(c.actor, c.modality) for c in found] == [("Acme", "intend")]
    assert extract_text("Bob's goal is to win the race.\n", "Acme") == []


def test_may_or_might_need_to_is_a_hedged_intention() -> None:
    # decision 28: an expected act of the author's, not a binding one
    for text in ("We also may need to add new harms to the list later.\n", "We might need to halt the training run.\n"):
        assert [c.modality for c in extract_text(text, "Acme")] == ["intend"]
    assert [c.modality for c in extract_text("We might choose to halt the training run.\n", "Acme")] == ["may"]


def test_anticipate_with_an_object_is_an_act_not_a_hedge() -> None:
    # "We anticipate and mitigate risks": to foresee, an act; "we anticipate that X" / "anticipate further Y": a hedge
    assert [c.modality for c in extract_text("We anticipate that this will need more probes.\n", "Acme")] == ["intend"]
    assert not [c for c in extract_text("We anticipate and curb grave risks as best we can.\n", "Acme")
                if c.modality == "intend"]


def test_a_modal_inside_a_long_relative_clause_does_not_hold_the_next_clause_to_it() -> None:
    # "through which <a subject of several words> can report" describes the line; "and we review Y" is a second act
    found = extract_text("We keep a public line through which pilots, dockers and members of the public can report "
                         "faults, and we review each report sent in through it every week.\n", "Acme")
    assert [c.quote for c in found][-1] == "we review each report sent in through it every week."


def test_a_habit_an_unmeasured_cadence_or_a_weighing_is_vague() -> None:
    assert one("We will generally repeat a survey with more divers when a pier is close to its limit.\n"
               ).specificity == "vague"
    assert one("We will survey piers at a regular cadence tied to traffic.\n").specificity == "vague"
    assert one("We will set load limits conservatively.\n").specificity == "vague"
    assert one("We will take the pilots' views into account in each closure decision.\n").specificity == "vague"
    assert one("Divers should be given night access where this can be done safely.\n").specificity == "vague"
    # a measured cadence, or a term that only looks like a habit, keeps it as it is
    assert one("We will survey piers every three months.\n").specificity == "quantitative"
    assert one("We will follow generally accepted diving practice on every survey.\n").specificity == "concrete"
