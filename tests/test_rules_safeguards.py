"""What the rules read as the committed act (the safeguard) and who is bound, on made-up sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.backends.rules import extract_text


def _one(sentence: str) -> tuple[str, str, str]:
    found = extract_text(sentence, "Acme")
    assert len(found) == 1, [c.quote for c in found]
    c = found[0]
    return c.actor, c.modality, c.safeguard


@pytest.mark.parametrize(("sentence", "safeguard"), [
    # a present-tense act: its verb is the act, as a modal's verb is
    ("We review the incident register every quarter.", "review the incident register every quarter"),
    ("Throughout deployment, we monitor traffic for signs of abuse.", "monitor traffic for signs of abuse"),
    # a modal's verb, and a verb of commitment that only frames the act
    ("We will review the incident register.", "review the incident register"),
    ("We commit to publish a yearly summary.", "publish a yearly summary"),
    # a passive: what is done, to what
    ("Penetration tests must be completed before any public launch.", "Penetration tests completed"),
    # a subject after the cue is no part of the act
    ("At our discretion, we may share summaries with partner labs.", "share summaries with partner labs"),
])
def test_the_safeguard_is_the_committed_act(sentence: str, safeguard: str) -> None:
    assert _one(sentence)[2] == safeguard


@pytest.mark.parametrize(("sentence", "modality"), [
    ("Each quarter, we audit the access lists.", "must"),
    ("Twice a year, we test the shutdown procedure.", "must"),
    ("It is our policy to tell customers about material changes.", "must"),
    ("Our practice is to archive every evaluation transcript.", "must"),
    ("It is our policy not to train on customer prompts.", "must_not"),
    ("Under no circumstances will we publish the raw weights.", "must_not"),
    ("It is our responsibility to guard the training data.", "must"),
    ("Acme's commitment is to publish a yearly review.", "must"),
    ("Where possible, we try to bring in outside reviewers.", "intend"),
])
def test_frequency_openers_standing_rules_and_inverted_negations_commit(sentence: str, modality: str) -> None:
    assert _one(sentence)[1] == modality


@pytest.mark.parametrize(("sentence", "actor"), [
    ("The review board will approve each mitigation plan.", "review board"),
    ("The Chief Scientist is responsible for approving every large training run.", "Chief Scientist"),
    ("Our General Counsel will read every incident report.", "General Counsel"),
])
def test_a_body_or_an_officer_named_in_lower_case_or_by_title_is_the_actor(sentence: str, actor: str) -> None:
    assert _one(sentence)[0] == actor


def test_a_plural_noun_after_to_does_not_join_the_next_verb_to_the_first() -> None:
    quotes = [c.quote for c in extract_text(
        "We will give plain guidance to customers, and explain how each feature handles their data.", "Acme")]
    assert quotes == ["We will give plain guidance to customers", "explain how each feature handles their data."]
    joined = [c.quote for c in extract_text("We will continue to assess and improve our filters.", "Acme")]
    assert joined == ["We will continue to assess and improve our filters."]


def test_a_second_present_tense_passive_with_its_own_subject_is_its_own_clause() -> None:
    from extractor.learn.propose import propose

    quotes = {p.cand.quote for p in propose(
        "Audit findings are reviewed by the assurance team, and any gaps are reported to the board.", "Acme")}
    assert "any gaps are reported to the board" in quotes
    # one noun phrase with a relative clause in it is no second clause
    whole = {p.cand.quote for p in propose(
        "Records are kept for a year, and the data the systems are linked to is listed.", "Acme")}
    assert not any(q.startswith("the data the systems") for q in whole)


def test_a_body_with_its_acronym_in_parentheses_states_its_role_and_each_of_its_acts() -> None:
    found = extract_text("The Model Oversight Council (MOC) reviews every launch plan and advises the board.", "Acme")
    assert [(c.actor, c.safeguard) for c in found] == [
        ("Model Oversight Council", "reviews every launch plan"), ("Model Oversight Council", "advises the board")]


def test_a_present_tense_sentence_before_a_colon_is_no_item_label() -> None:
    found = extract_text("We test every large model at two points: before launch and after each major update.", "Acme")
    assert [c.quote for c in found] == ["We test every large model at two points: before launch and after each "
                                         "major update."]
    # a Markdown label in bold is left out of the quote, as a plain one is
    labelled = extract_text("- **Access control:** we restrict weight access to a vetted group.", "Acme")
    assert [c.quote for c in labelled] == ["we restrict weight access to a vetted group."]


def test_a_body_after_an_opener_with_its_article_in_lower_case_states_its_role() -> None:
    found = extract_text("If a model crosses the line, the Launch Review Board decides within a week whether it ships.",
                         "Acme")
    assert [(c.actor, c.trigger) for c in found] == [("Launch Review Board", "If a model crosses the line")]


def test_an_item_that_says_what_a_model_can_do_defines_a_threshold_and_commits_to_nothing() -> None:
    text = ("We track two capability levels:\n\n- the model can plan and run a long cyber operation alone.\n"
            "- Models can be reached only through a hardened enclave.\n")
    assert [c.quote for c in extract_text(text, "Acme")] == ["Models can be reached only through a hardened enclave."]


def test_an_external_lab_taking_part_makes_a_commitment_verifiable() -> None:
    found = extract_text("We will have each release red-teamed by our staff and by an accredited external lab.", "Acme")
    assert [c.verifiable for c in found] == [True]


_NUMBERED = """1. Scope
This plan covers every model we release.

2. Roles and duties
2.1 The Chief Safety Officer ("CSO") owns this plan.
2.2 The CSO shall tell the regulator of any serious incident within 72 hours.

3. Release decisions
3.1 Models that pass the high bar shall not be released until the added controls are in place.
3.2 The Company may, at its discretion, add controls to models below the bar.
"""


def test_a_numbered_policy_keeps_its_section_titles_and_clause_numbers_out_of_the_quotes() -> None:
    found = extract_text(_NUMBERED, "Acme")
    quotes = [c.quote for c in found]
    assert not any(q[0].isdigit() or q.startswith(("Roles", "Release decisions")) for q in quotes), quotes
    by_quote = {c.quote: c for c in found}
    notify = by_quote["The CSO shall tell the regulator of any serious incident within 72 hours."]
    assert notify.actor == "Chief Safety Officer"  # the acronym defined in quotes inside parentheses
    hold = by_quote["Models that pass the high bar shall not be released until the added controls are in place."]
    # (the class is the condition, the "until" clause stays in the act: DECISIONS 48)
    assert (hold.modality, hold.trigger, hold.safeguard) == (
        "must_not", "Models that pass the high bar", "released until the added controls are in place")
    extra = by_quote["The Company may, at its discretion, add controls to models below the bar."]
    assert extra.safeguard == "add controls to models below the bar"


def test_the_date_a_board_approved_the_document_is_its_date() -> None:
    from extractor.docmeta import detect_date

    text = "Acme Release Policy\nVersion 3 | Approved by the Board on 9 March 2026\n\nWe test."
    assert detect_date(text) == "2026-03-09"


def test_an_html_table_keeps_its_cells_apart_and_each_response_has_its_row_as_trigger() -> None:
    from extractor.load import html_to_text

    page = ("<h2>Responses</h2><table><tr><th>Level</th><th>What we do</th></tr>"
            "<tr><td>Raised<td>Add refusal training and watch usage weekly"
            "<tr><td>Severe</td><td>Stop training and tell our board within two days</td></tr></table>")
    text = html_to_text(page)
    assert "| Raised | Add refusal training and watch usage weekly |" in text
    got = {c.quote.split()[0]: c.trigger for c in extract_text(text, "Acme")}
    assert got["Add"] == "Raised" and got["Stop"] == "Severe"


@pytest.mark.parametrize(("sentence", "expected"), [
    ("This page lists what we commit to.", []),
    # the rest of the field is never the author
    ("Other labs will likely follow this lead.", []),
    ("Organisations should adopt checks of this kind.", []),
    ("We might also ask outside experts to review this plan.", [("Acme", "may")]),
    ("Our Head of Safety reviews every incident report.", [("Head of Safety", "must")]),
])
def test_what_the_author_commits_to_named_a_hedged_step_and_a_head_of_a_function(
        sentence: str, expected: list[tuple[str, str]]) -> None:
    assert [(c.actor, c.modality) for c in extract_text(sentence, "Acme")] == expected


_AFTER_A_PROHIBITION = (
    "If a model crosses the red line, we will not ship it until the council signs off a plan.\n"
    "\x7f We will tell the national institute of any crossing within ten days.\n"
    "\x7f We will keep the test logs for at least five years.\n"
    "\x7f Our Safety Council, chaired by the Chief Scientist, meets every quarter to review this plan.\n"
)


def test_points_after_a_sentence_that_ends_without_a_colon_keep_their_own_modality_and_condition() -> None:
    got = {c.quote: c for c in extract_text(_AFTER_A_PROHIBITION, "Acme")}
    keep = got["We will keep the test logs for at least five years."]  # (an unmapped bullet glyph is a bullet)
    assert (keep.modality, keep.trigger) == ("must", None)
    council = next(c for q, c in got.items() if q.startswith("Our Safety Council"))
    assert (council.actor, council.modality) == ("Safety Council", "must")  # named with an aside between commas


def test_a_sentence_opening_in_response_to_an_event_has_it_as_its_condition() -> None:
    found = extract_text("In response to a line being crossed, we will call the review council together.", "Acme")
    assert [c.trigger for c in found] == ["In response to a line being crossed"]


def test_a_short_lead_in_gives_its_items_its_modality() -> None:
    assert [(c.quote, c.modality) for c in extract_text("We will not:\n\n- sell the weights;\n- train on chats.\n",
                                                        "Acme")] == [("sell the weights", "must_not"),
                                                                      ("train on chats.", "must_not")]
    items = extract_text("We will:\n\n1. publish a note for each model;\n2. offer a bounty for jailbreaks; and\n"
                         "3. review this plan yearly.\n", "Acme")
    assert [c.quote for c in items] == ["publish a note for each model", "offer a bounty for jailbreaks",
                                        "review this plan yearly."]


def test_a_question_in_bold_is_its_own_sentence_not_part_of_the_answer() -> None:
    text = "**Do you pause a launch that fails?**\nWe will hold any launch that fails the suite until it passes.\n"
    assert [c.quote for c in extract_text(text, "Acme")] == [
        "We will hold any launch that fails the suite until it passes."]


def test_each_of_two_passive_steps_is_done_by_its_own_agent() -> None:
    from extractor.learn.propose import propose

    got = {p.cand.quote: p.cand.actor for p in propose(
        "Every model is tested with our misuse suite before launch, and the findings are reviewed by the Launch "
        "Council.", "Acme")}
    assert got["Every model is tested with our misuse suite before launch"] == "Acme"
    assert got["the findings are reviewed by the Launch Council"] == "Launch Council"


def test_a_date_line_in_markdown_emphasis_dates_the_document() -> None:
    from extractor.docmeta import detect_date

    assert detect_date("# Plan\n\n_Last updated: 2 February 2026_\n\nWe test.\n") == "2026-02-02"


def test_roman_numbered_items_in_lower_case_are_items_of_their_own() -> None:
    text = "To do so, we will:\n\ni. screen all prompts;\nii. block repeat offenders;\niii. log every refusal.\n"
    assert [c.quote for c in extract_text(text, "Acme")] == ["screen all prompts", "block repeat offenders",
                                                            "log every refusal."]


def test_a_table_whose_first_column_lists_the_acts_gives_one_commitment_per_row() -> None:
    from extractor.load import html_to_text

    text = ("| Commitment | Timeline | Owner |\n| --- | --- | --- |\n| Publish a yearly safety review | Annually | "
            "Policy team |\n| Notify regulators of serious incidents | Within 72 hours | Security team |\n")
    rows = [(c.quote, c.trigger) for c in extract_text(text, "Acme")]
    assert rows == [("Publish a yearly safety review", None), ("Notify regulators of serious incidents", None)]
    # the same table on a web page: its header cells (<th>) name the columns, as the rule under a Markdown header does
    page = html_to_text("<table><tr><th>Commitment</th><th>Timeline</th></tr><tr><td>Publish a yearly safety review"
                        "</td><td>Annually</td></tr></table>")
    assert "| Commitment | Timeline |\n| --- | --- |" in page
    assert [c.quote for c in extract_text(page, "Acme")] == ["Publish a yearly safety review"]


def test_a_footnote_that_cites_a_work_is_no_candidate() -> None:
    from extractor.learn.propose import citation_only

    assert citation_only('Heron Labs, "What our first open release taught us", 2024.')
    assert not citation_only('We will publish "Safety at Heron" every spring from 2026.')


@pytest.mark.parametrize("sentence", [
    "We will take sensible steps to limit misuse of our tools.",
    "We will reduce the risk of model theft.",
])
def test_an_effort_toward_an_end_with_no_act_named_is_vague(sentence: str) -> None:
    assert [c.specificity for c in extract_text(sentence, "Acme")] == ["vague"]


def test_the_absence_of_a_plan_is_no_intention_and_a_removed_condition_leaves_no_dangling_or() -> None:
    assert extract_text("We do not currently plan to open the weights of our models.", "Acme") == []
    found = extract_text("We will run the suite at least every two months or after each major update, whichever is "
                         "sooner.", "Acme")
    assert [c.safeguard for c in found] == ["run the suite at least every two months, whichever is sooner"]


def test_a_markdown_table_loaded_with_its_rows_apart_keeps_its_header_out_and_its_descriptions_uncommitted() -> None:
    from extractor.load import separate_table_rows

    text = separate_table_rows(
        "We track two levels:\n\n| Level | Description | Response |\n|---|---|---|\n"
        "| Cyber-2 | The model finds novel exploits in hardened systems. | Restrict access to vetted partners. |\n"
        "| Bio-2 | The model provides expert uplift in making a pathogen. "
        "| Do not deploy until mitigations are verified. |\n")
    assert "|\n\n|---" in text  # the loader sets every row apart, the rule under the header too
    rows = [(c.quote, c.trigger) for c in extract_text(text, "Acme")]
    # neither the header cells nor a cell describing its level is a commitment; each response has its row's condition
    assert rows == [("Restrict access to vetted partners.", "Cyber-2"),
                    ("Do not deploy until mitigations are verified.", "Bio-2")]


def test_a_task_list_box_is_part_of_the_items_mark() -> None:
    found = extract_text("Before release:\n\n- [x] Run automated evaluations on every checkpoint\n"
                         "- [ ] Commission an external red-team exercise\n", "Acme")
    assert [c.quote for c in found] == ["Run automated evaluations on every checkpoint",
                                        "Commission an external red-team exercise"]


def test_a_markdown_footnote_reference_is_neither_quote_nor_condition() -> None:
    # (no period before the condition: "every year, or sooner if X" adds an occasion and sets no condition)
    found = extract_text("We will revisit this plan in full if a threshold is crossed.[^2]", "Acme")
    assert [(c.quote[-21:], c.trigger) for c in found] == [("threshold is crossed.", "if a threshold is crossed")]


def test_a_condition_ends_before_a_second_act() -> None:
    found = extract_text("We commit to testing every model before release and to pausing development when a model "
                         "crosses a critical threshold.", "Acme")
    assert [c.trigger for c in found] == ["before release"]


def test_a_plan_named_before_the_modal_is_no_hedge() -> None:
    # "plans to" hedges; "the response plan will" names the thing that binds
    assert _one("Our response plan will require a pause in training.")[1] == "must"
    assert _one("We plan to publish a summary.")[1] == "intend"


def test_a_narrow_columns_numbered_titles_are_headings_even_when_broken_or_in_sentence_case() -> None:
    from extractor.backends.rules import segment_with_headings

    text = ("2. Flood domains\nThe plan covers three kinds of flood: tidal surges,\nriver floods and burst mains.\n"
            "6. Transparency and outside\nreview\nAcme will publish a yearly drill report,\n"
            "describing the drills run.\n")
    units, headings = segment_with_headings(text)
    assert [h for _, h in headings] == ["Flood domains", "Transparency and outside review"]
    assert [c.quote for c in extract_text(text, "Acme")] == [
        "Acme will publish a yearly drill report, describing the drills run."]


def test_a_sentence_after_a_series_of_items_closed_by_a_full_stop_is_no_item() -> None:
    # a PDF's text: no blank line after the list, and the narrow column leaves the next line short
    text = ("Gates that reach the alert level are closed with measures. These include:\n"
            "\u2022 sandbags at every door;\n\u2022 pumps on standby; and\n\u2022 patrols every night.\n"
            "We will not reopen a gate\nuntil the river falls.\n")
    from extractor.backends.rules import segment_with_headings

    last = segment_with_headings(text)[0][-1]
    assert last.text.startswith("We will not reopen") and not last.is_item


def test_a_passive_step_on_a_schedule_is_the_authors_routine() -> None:
    assert _one("Flood drills are repeated at least every six months.") == (
        "Acme", "must", "Flood drills repeated at least every six months")
    assert extract_text("Flood drills are designed by engineers.", "Acme") == []


def test_a_negated_subject_with_a_relative_clause_still_prohibits() -> None:
    assert _one("No vessel that fails the hull test shall be launched without the harbour master's approval.")[1] == (
        "must_not")


def test_a_changelogs_entries_are_past_facts() -> None:
    text = ("## Duties\n\nWe will test every pump.\n\n## CHANGELOG\n\n- March 2026: added the tidal threshold.\n"
            "- July 2026: the register moved to quarterly reviews.\n")
    assert [c.quote for c in extract_text(text, "Acme")] == ["We will test every pump."]


def test_the_author_introducing_its_business_commits_to_nothing() -> None:
    assert extract_text("Acme trains flood-forecasting models for harbours.", "Acme") == []
    assert extract_text("We build AI assistants for enterprises.", "Acme") == []
    assert _one("Acme tests every model before release.")[1] == "must"


def test_a_contracted_negation_prohibits() -> None:
    assert _one("We don't share pump logs with outsiders.")[1:] == ("must_not", "share pump logs with outsiders")


def test_a_bold_modal_leaves_no_markup_in_the_act() -> None:
    from extractor.align import Aligner
    from extractor.models import Document

    text = "Harbour teams **must** follow this standard."
    (cand,) = extract_text(text, "Acme")
    c = Aligner(Document(id="d", path="", sha256="", title="", text=text)).ground(cand)
    assert c is not None and c.safeguard == "follow this standard"


def test_a_last_reviewed_date_after_a_bold_label_dates_the_document() -> None:
    from extractor.docmeta import detect_date

    assert detect_date("**Status:** Adopted · **Last reviewed:** 14 November 2026\n\nWe test.") == "2026-11-14"


def test_a_table_laid_out_with_spaces_gives_each_response_its_rows_condition() -> None:
    text = ("Levels\n\n"
            "Domain     Level                          Required response\n"
            "Tidal      Surge above the harbour wall   Close the gates; notify the port\n"
            "River      Flow above the flood mark      Open the spillway; warn the town\n\n"
            "Notes\n\n10  https://example.org/a\n11  https://example.org/b\n12  https://example.org/c\n")
    rows = [(c.quote, c.trigger) for c in extract_text(text, "Acme")]
    # the level cells describe, the response cells commit; numbered notes are no table
    assert rows == [("Close the gates; notify the port", "Tidal"), ("Open the spillway; warn the town", "River")]


def test_a_table_stacked_one_cell_to_a_line_gives_each_response_its_rows_condition() -> None:
    # a PDF's table as its text comes out: names, then each row's label and cells, each on a line, no blank lines
    text = ("Levels and responses\nLevel\nDescription\nResponse\nTidal-2\nSurge above the harbour wall\n"
            "Close the gates until the surge passes\nRiver-2\nFlow above the flood mark\nOpen the spillway\n"
            "We will review these levels every year.\n")
    rows = [(c.quote, c.trigger) for c in extract_text(text, "Acme")]
    assert rows == [("Close the gates until the surge passes", "Tidal-2"), ("Open the spillway", "River-2"),
                    ("We will review these levels every year.", None)]


def test_a_commitment_verb_whose_preposition_is_stranded_names_the_thing() -> None:
    assert extract_text("This page sets out the drills we commit to.", "Acme") == []


def test_an_issue_number_is_the_documents_version_and_no_part_of_its_title(tmp_path: Path) -> None:
    from extractor.docmeta import detect_version
    from extractor.load import load

    (tmp_path / "p.txt").write_text("HARBOUR DYNAMICS\nPUMP RELEASE PROTOCOL\nIssue 4 - approved 2 February 2026\n\n"
                                    "A1. We will test every pump.\n", "utf-8")
    doc = load(tmp_path / "p.txt")
    assert doc.title == "HARBOUR DYNAMICS PUMP RELEASE PROTOCOL" and detect_version(doc.text) == "4"


def test_a_duration_in_words_is_quantitative() -> None:
    from extractor.backends.rules.fields import specificity

    assert specificity("Drill records are retained for seven years.", "must") == "quantitative"


def test_each_clause_after_a_semicolon_is_read_as_a_sentence() -> None:
    found = extract_text("Each quarter, the Pump Council reports to the board; the board reviews this plan annually; "
                         "and the Head of Drainage briefs the Council monthly.", "Acme")
    assert [(c.actor, c.safeguard) for c in found] == [
        ("Pump Council", "reports to the board"), ("Board", "reviews this plan annually"),
        ("Head of Drainage", "briefs the Council monthly")]


def test_measures_stated_as_applying_to_the_models_are_required_item_by_item() -> None:
    inline = extract_text("The following safeguards apply to all pumps: (a) usage monitoring for faults; (b) rate "
                          "limits on intake; and (c) a repair plan tested at least annually.", "Acme")
    listed = extract_text("The following safeguards apply to all pumps:\n- usage monitoring for faults;\n"
                          "- rate limits on intake.", "Acme")
    assert [c.quote for c in inline] == ["usage monitoring for faults", "rate limits on intake",
                                         "a repair plan tested at least annually"]
    assert [c.quote for c in listed] == ["usage monitoring for faults", "rate limits on intake."]
    assert {c.modality for c in inline + listed} == {"must"}


def test_a_lead_in_that_is_a_condition_alone_conditions_its_items() -> None:
    found = extract_text("When a pump reaches the red mark:\n- We restrict intake to vetted operators.\n"
                         "- We publish a fault summary.\n", "Acme")
    assert [(c.safeguard, c.trigger) for c in found] == [
        ("restrict intake to vetted operators", "When a pump reaches the red mark"),
        ("publish a fault summary", "When a pump reaches the red mark")]


def test_a_modal_inside_a_purpose_clause_is_the_intended_effect_not_the_act() -> None:
    found = extract_text("We monitor the pump room so that flood water cannot reach the controls.", "Acme")
    # the act is the author's present tense; the negative purpose is a prohibition of its own (as after a modal)
    assert [(c.modality, c.safeguard) for c in found][0] == ("must", "monitor the pump room")


def test_a_list_items_own_condition_is_no_part_of_its_act() -> None:
    found = extract_text("Acme will:\n- test each pump before the flood season; and\n"
                         "- repeat the test after any repair that changes the pump's output.\n", "Acme")
    assert [(c.safeguard, c.trigger) for c in found] == [
        ("test each pump", "before the flood season"),
        ("repeat the test", "after any repair that changes the pump's output")]


def test_the_measures_an_only_restriction_requires_are_required() -> None:
    found = extract_text("Pumps that fail the test will only be restarted with safeguards that the Council has judged "
                         "adequate. These include:\n- a spare motor on site;\n- an alarm on the intake.\n", "Acme")
    assert [c.modality for c in found] == ["must_not", "must", "must"]


def test_a_class_of_models_named_by_a_participle_is_the_trigger() -> None:
    (c,) = extract_text("Models classified as Flood risk must not be opened to the harbour.", "Acme")
    assert (c.modality, c.trigger) == ("must_not", "Models classified as Flood risk")


def test_what_a_plan_will_consist_of_stated_predicate_first_commits() -> None:
    found = extract_text("Essential to each recall plan will be the prompt isolation of the affected weights.", "Acme")
    assert [(c.modality, c.safeguard) for c in found] == [("must", "the prompt isolation of the affected weights")]
    assert _one("Central to most recall plans will likely be a staged rollback.")[1] == "intend"
    assert extract_text("Key to success will be luck.", "Acme") == []


def test_a_pledge_or_undertaking_not_to_act_prohibits_and_an_executive_is_a_body() -> None:
    assert _one("We pledge not to ship a model that fails the flood drill.")[1:] == (
        "must_not", "ship a model that fails the flood drill")
    assert _one("We undertake not to sell the drill logs.")[1] == "must_not"
    actor, modality, _ = _one("The Chief Executive may waive a drill in an emergency.")
    assert (actor, modality) == ("Chief Executive", "may")


def test_a_list_item_that_is_a_condition_alone_conditions_its_sub_items() -> None:
    text = ("Acme undertakes to:\n\n(a) drill every site each quarter;\n(b) where a drill fails,\n"
            "    (i) notify the Flood Committee within five days, and\n    (ii) close the site;\n"
            "(c) keep drill logs for five years.\n")
    found = extract_text(text, "Acme")
    assert [(c.quote, c.trigger) for c in found] == [
        ("drill every site each quarter", None),
        ("notify the Flood Committee within five days", "where a drill fails"),
        ("close the site", "where a drill fails"),
        ("keep drill logs for five years.", None)]


def test_a_superscript_note_mark_leaves_quote_and_condition() -> None:
    found = extract_text("We will close any site that fails the drill until the pumps are fixed.\u00b9", "Acme")
    assert [(c.quote[-10:], c.trigger) for c in found] == [("are fixed.", "until the pumps are fixed")]


def test_an_html_list_item_that_is_a_lead_in_gives_its_sub_items_their_actor_and_condition(tmp_path: Path) -> None:
    from extractor.load import load

    (tmp_path / "p.html").write_text(
        "<h2>Drills</h2><ol><li>Before any drill, the drill owner must:<ol type='a'><li>test every pump;</li>"
        "<li>log each test in the drill book.</li></ol></li><li>Acme will publish the drill book yearly.</li></ol>",
        "utf-8")
    found = extract_text(load(tmp_path / "p.html").text, "Acme")
    assert [(c.actor, c.trigger, c.quote) for c in found][:2] == [
        ("drill owner", "Before any drill", "test every pump"),
        ("drill owner", "Before any drill", "log each test in the drill book.")]


def test_past_facts_and_rights_lines_are_not_proposed() -> None:
    from extractor.learn.propose import past_fact, propose, rights_line

    assert past_fact("Last year, outside testers found two flaws, which we fixed within a week.")
    assert past_fact("In March 2025, we opened a second drill site.")
    assert not past_fact("In 2027, we will open a second drill site.")
    assert rights_line("© 2026 Heron Labs, Inc.") and not rights_line("Copyright holders will be told.")
    text = ("# Heron drills\n\nWe will drill each site monthly. We will publish each drill report.\n\n"
            "Last year, outside testers found two flaws, which we fixed within a week.\n\n© 2026 Heron Labs, Inc.\n")
    quotes = [p.cand.quote for p in propose(text, "Heron Labs")]
    assert not any("Last year" in q or "©" in q for q in quotes), quotes


def test_a_contracted_would_binds_under_a_condition_only() -> None:
    found = extract_text("We'd close a site if a drill showed a failed pump.", "Acme")
    assert [(c.modality, c.trigger) for c in found] == [("must", "if a drill showed a failed pump")]
    assert extract_text("We'd already closed the site when the drill ended.", "Acme") == []


def test_an_act_stated_as_prohibited_or_not_permitted_is_forbidden() -> None:
    ctx = "We will drill every site monthly. We will publish each drill report. "
    found = extract_text(ctx + "Shipping of a pump that fails the pressure drill twice is prohibited.", "Acme")
    assert [c.modality for c in found[2:]] == ["must_not"]
    found = extract_text(ctx + "Remote access to the pumps by contractors is not permitted without a signed permit.",
                         "Acme")
    assert [c.modality for c in found[2:]] == ["must_not"]
    assert extract_text(ctx + "Remote access is permitted for site engineers.", "Acme")[2:] == []


def test_a_second_act_after_a_noun_with_a_modifier_and_a_plan_named_as_object() -> None:
    found = extract_text("We will publish a drill report and notify the Flood Board of every failure.", "Acme")
    assert [c.safeguard for c in found] == ["publish a drill report", "notify the Flood Board of every failure"]
    # "and update the plan" names a plan: it is the second act, not a new clause that plans something
    found = extract_text("We will run the annual drill and update the plan.", "Acme")
    assert [c.safeguard for c in found] == ["run the annual drill", "update the plan"]
    found = extract_text("We will draft and implement a recovery plan.", "Acme")
    assert [c.safeguard for c in found] == ["draft and implement a recovery plan"]


def test_acts_of_a_process_that_are_rarely_nouns_are_second_acts_after_and() -> None:
    found = extract_text("We will log every crane lift and compare the loads with the rated limit each month.", "Acme")
    assert [c.safeguard for c in found] == ["log every crane lift", "compare the loads with the rated limit each month"]
    found = extract_text("We will record each spill and invite outside inspectors to check the berth.", "Acme")
    assert len(found) == 2
    # "address" stays out of them: after a purpose ("to address X") the "and" would join the purpose, not the acts
    found = extract_text("We will apply fenders to address wear at the pier and repair them as needed.", "Acme")
    assert len(found) == 2


def test_a_process_statement_after_a_semicolon_stands_on_its_own() -> None:
    ctx = "We will drill every site monthly. We will publish each drill report. "
    found = extract_text(ctx + "Pump logs shall be kept for a year; access requires two-person approval.", "Acme")
    assert [c.quote for c in found[2:]] == ["Pump logs shall be kept for a year", "access requires two-person approval"]


def test_an_independent_organisation_is_an_outside_party() -> None:
    from extractor.signals import verifiable_signal

    signal = verifiable_signal("At least one independent organisation shall test each pump before the season.")
    assert signal is not None and signal.kind == "external_party"


def test_a_footnote_digit_after_the_last_full_stop_leaves_the_quote() -> None:
    found = extract_text("We will decide whether further drills are needed.4", "Acme")
    assert [c.quote for c in found] == ["We will decide whether further drills are needed."]
    assert [c.quote for c in extract_text("We will publish version 2.1", "Acme")] == ["We will publish version 2.1"]


def test_a_class_of_models_named_by_a_relative_clause_may_require_measures() -> None:
    ctx = "We will drill every site monthly. We will publish each drill report. "
    found = extract_text(ctx + "A pump that fails a drill requires two-person sign-off before reuse.", "Acme")
    assert found[2:] == []  # a pump is no model or step of the process
    found = extract_text(ctx + "Models that exceed the flood threshold require two-person sign-off.", "Acme")
    assert [(c.modality, c.trigger) for c in found[2:]] == [("must", "Models that exceed the flood threshold")]


def test_a_modal_inside_the_question_a_body_decides_is_no_permission() -> None:
    assert _one("The Flood Board decides whether a pump may be reused.")[:2] == ("Flood Board", "must")


def test_a_rule_on_who_alone_gets_access_forbids_everyone_else() -> None:
    found = extract_text("Only named pump engineers have access to the control room.", "Acme")
    assert [(c.modality, c.safeguard) for c in found] == [
        ("must_not", "named pump engineers have access to the control room")]
    assert extract_text("Only a few people have read the drill report.", "Acme") == []


def test_must_never_and_shall_never_prohibit() -> None:
    assert _one("Pumps in homes must never be started remotely.")[1] == "must_not"
    assert _one("We shall never sell the drill logs.")[1] == "must_not"


def test_no_thing_acting_without_its_condition_is_a_prohibition() -> None:
    assert _one("No pump leaves the depot without a pressure test.")[1] == "must_not"
    assert extract_text("No drill exists until the board acts.", "Acme") == []
    assert extract_text("No one knows without testing.", "Acme") == []


def test_requirements_stated_as_conditions_of_a_step_and_decisions_resting_with_a_body() -> None:
    ctx = "We will drill every site monthly. We will publish each drill report. "
    for sentence in ("Reopening is contingent on a passing pressure test.",
                     "A signed drill log is a prerequisite for any release of the pumps.",
                     "Before a pump is released, it undergoes an outside inspection."):
        assert [c.modality for c in extract_text(ctx + sentence, "Acme")[2:]] == ["must"], sentence
    assert extract_text(ctx + "Trust is a prerequisite for adoption of pumps.", "Acme")[2:] == []
    assert _one("The decision to reopen rests with the Harbour Board.")[:2] == ("Harbour Board", "must")
    assert extract_text("The truth lies with the data.", "Acme") == []


def test_duties_stated_as_tasks_obligations_and_responsibilities_of_a_body() -> None:
    assert _one("It is the responsibility of the CISO to review the pump logs weekly.")[:2] == ("CISO", "must")
    assert _one("Our pump team is tasked with testing every valve.")[1] == "must"
    assert _one("We are obligated to report every flood to the regulator.")[1] == "must"


def test_an_inverted_negation_over_a_passive_and_artefacts_kept_in_place() -> None:
    assert _one("In no case will a pump that fails the drill be reused.")[1] == "must_not"
    assert _one("Pump logs will remain on harbour-controlled servers.")[1] == "must"
    assert extract_text("Prices will remain in flux.", "Acme") == []


def test_telling_those_affected_and_a_step_carried_out_are_the_authors_process() -> None:
    ctx = "We will drill every site monthly. We will publish each drill report. "
    found = extract_text(ctx + "We notify affected customers within 72 hours of a flood.", "Acme")
    assert [c.safeguard for c in found[2:]] == ["notify affected customers within 72 hours of a flood"]
    assert extract_text(ctx + "We sell pumps to enterprise customers.", "Acme")[2:] == []
    found = extract_text(ctx + "Following each flood, a post-flood review is carried out.", "Acme")
    assert [(c.modality, c.trigger) for c in found[2:]] == [("must", "Following each flood")]


def test_a_step_that_proceeds_only_under_a_condition_is_barred_otherwise() -> None:
    found = extract_text("Pump deployment will proceed only if every pump passes the drill.", "Acme")
    assert [(c.modality, c.trigger, c.safeguard) for c in found] == [
        ("must_not", "if every pump passes the drill", "Pump deployment proceed")]
    assert extract_text("The market will grow only if demand rises.", "Acme") == []


def test_access_granted_only_to_some_and_models_not_trained_on_some_data_forbid() -> None:
    ctx = "We will drill every site monthly. We will publish each drill report. "
    found = extract_text(ctx + "Access to the pump weights is granted only to named engineers.", "Acme")
    assert [c.modality for c in found[2:]] == ["must_not"]
    found = extract_text(ctx + "Our pump models are not trained on data from private meters.", "Acme")
    assert [c.modality for c in found[2:]] == ["must_not"]
    assert extract_text(ctx + "Our pump models are trained on public meter data.", "Acme")[2:] == []


def test_results_made_available_are_a_step_of_the_process() -> None:
    ctx = "We will drill every site monthly. We will publish each drill report. "
    found = extract_text(ctx + "Drill results are made available to the Flood Board on request.", "Acme")
    assert [c.modality for c in found[2:]] == ["must"]


def test_two_bodies_acting_together_bind_the_first_as_actor() -> None:
    found = extract_text("The CEO and the Flood Board jointly approve any reopening of the quay.", "Acme")
    assert [(c.actor, c.modality, c.safeguard) for c in found] == [
        ("CEO", "must", "approve any reopening of the quay")]


def test_a_body_informed_under_a_condition_has_its_own_act_not_the_condition() -> None:
    found = extract_text("If a pump fails the drill, the Flood Board is informed.", "Acme")
    assert [(c.actor, c.trigger, c.safeguard) for c in found] == [
        ("Flood Board", "If a pump fails the drill", "Flood Board informed")]


def test_a_hedge_verb_is_no_part_of_the_act_and_it_is_likely_that_hedges() -> None:
    found = extract_text("We will endeavour to notify affected parties promptly.\n", "Acme")
    assert [(c.modality, c.safeguard) for c in found] == [("intend", "notify affected parties promptly")]
    found = extract_text("It is likely that we will add new risk domains over time.\n", "Acme")
    assert [c.modality for c in found] == ["intend"]


def test_a_frequency_adverb_before_a_preposition_is_quantitative() -> None:
    from extractor.backends.rules import specificity

    assert specificity("Classifier recall is measured quarterly against a held-out set", "must") == "quantitative"
    assert specificity("We build a daily tool for staff", "must") != "quantitative"


def test_an_item_that_defines_a_level_by_what_a_model_is_able_to_do_commits_to_nothing() -> None:
    text = ("We track two families of levels:\n\n- Autonomy (A-1, A-2): the model's ability to run long tasks without "
            "help, including tasks that would let it clone itself.\n- Cyber (C-1): the model's ability to find "
            "flaws.\n")
    assert [c.quote for c in extract_text(text, "Acme")] == ["We track two families of levels"]


def test_a_second_act_the_author_only_aims_at_is_intended() -> None:
    found = extract_text("We will have the gauges audited by an outside firm by 2025 and aim to meet the new tide "
                         "standard by 2026.\n", "Acme")
    assert [(c.modality, c.safeguard) for c in found] == [
        ("must", "have the gauges audited by an outside firm by 2025"),
        ("intend", "meet the new tide standard by 2026")]


def test_a_modal_in_a_question_advised_on_is_not_the_sentences_modal() -> None:
    # "a recommendation on whether X should be Y": the question the body advises on; the body's own act commits
    # (two verb phrases, two commitments: decision 3)
    found = extract_text("The Flood Board inspects every levee and sends the mayor advice on whether the gates should "
                         "be closed.\n", "Acme")
    assert {(c.actor, c.modality) for c in found} == {("Flood Board", "must")} and len(found) == 2
    # a whether clause with its own verb inside the subject leaves the main clause's modal alone
    assert _one("The check of whether a pump is safe must be repeated after each storm.")[1] == "must"


def test_the_authors_clause_joined_after_another_subjects_clause_is_quoted_alone() -> None:
    # ANNOTATION "The unit": one clause, one actor; "Pilots may raise X" is the pilots' clause, not the author's
    (c,) = extract_text("Pilots may raise worries on the pier hotline, and we do not punish a pilot for filing "
                        "a worry.\n", "Acme")
    assert c.quote == "we do not punish a pilot for filing a worry."
    assert c.modality == "must_not"
    # a list of subjects that ends in "and ..." is one subject, not a second clause
    (c,) = extract_text("Crane drills, dock training, and funding for spare parts all should help.\n", "Acme")
    assert c.quote.startswith("Crane drills")


def test_a_statement_and_a_second_modal_act_of_its_subject_are_two_commitments() -> None:
    # decisions 3, 52: "<body> keeps X and shall approve Y" commits to two acts, as "... and will Y" does
    quotes = [c.quote for c in extract_text(
        "The Dock Board keeps final say over the management of pier risks and shall approve this policy and any "
        "change to it.\n", "Acme")]
    assert quotes == ["The Dock Board keeps final say over the management of pier risks",
                      "shall approve this policy and any change to it."]
    # mending is an act of its own after "and"
    quotes = [c.quote for c in extract_text(
        "If a gauge was faulty, we will write down why and repair the gauge before the next tide.\n", "Acme")]
    assert quotes[-1] == "repair the gauge before the next tide."
    # so is sending after "and": "checks X and sends Y" is two steps of the body
    quotes = [c.quote for c in extract_text(
        "Spills are investigated by the Pier Audit function, which checks the logs every two weeks and sends its "
        "notes to the Council.\n", "Acme")]
    assert quotes[-2:] == ["which checks the logs every two weeks", "sends its notes to the Council."]


def test_a_requirement_with_a_subject_of_its_own_after_a_passive_step_is_a_clause_of_its_own() -> None:
    # "X are approved by Y, and any large change also requires Z": the approval by Y is quoted without the second clause
    quotes = [c.quote for c in extract_text(
        "Berth plans are approved by the Harbour Council, and any large change also requires the consent of the Dock "
        "Board.\n", "Acme")]
    assert quotes[0] == "Berth plans are approved by the Harbour Council"


def test_an_only_after_the_act_restricts_it_to_what_follows() -> None:
    # "store X only in Y": nowhere else (decision 9), as "will only X if Y" is
    for text in ("We will store the crane keys only in rooms that meet our security standard.",
                 "Cranes at that level will be used only on tasks that do not touch the main pier."):
        assert [c.modality for c in extract_text(text, "Acme")] == ["must_not"], text
    # "not only X but also Y" binds to both
    assert [c.modality for c in extract_text("We will test not only new cranes but also old ones.", "Acme")] == [
        "must"]


def test_a_body_s_act_in_the_passive_is_written_actively() -> None:
    # decision 29: the "by" agent acts, and its act is what it does to the subject
    found = extract_text("Instances of noncompliance with this code shall be investigated by the Chief Harbour "
                         "Officer.", "Acme")
    assert [(c.actor, c.safeguard) for c in found] == [
        ("Chief Harbour Officer", "investigate instances of noncompliance with this code")]
    found = extract_text("The crane log will be updated by the crane team every month.", "Acme")
    assert [c.safeguard for c in found] == ["update the crane log every month"]
    # with no agent, or a thing as the agent, the act stays as the text puts it
    assert [c.safeguard for c in extract_text("Crane keys must be kept in a locked room.", "Acme")] == [
        "Crane keys kept in a locked room"]


def test_a_verb_whose_object_is_the_trigger_keeps_its_object() -> None:
    found = extract_text("We will not retaliate against anyone who reports a crane fault in good faith.", "Acme")
    assert [c.safeguard for c in found] == ["retaliate against anyone who reports a crane fault in good faith"]
    # a condition of its own still leaves the act ("implement before X" keeps no condition in the act)
    found = extract_text("We will inspect every crane before it lifts a load.", "Acme")
    assert [(c.trigger, c.safeguard) for c in found] == [("before it lifts a load", "inspect every crane")]


def test_a_present_passive_step_of_a_body_is_written_actively_unless_several_act() -> None:
    ctx = "We inspect every crane each year. We publish the crane log. "
    found = extract_text(ctx + "The crane plan is reviewed by the Pier Safety Office.", "Acme")[2:]
    assert [(c.actor, c.safeguard) for c in found] == [("Pier Safety Office", "review the crane plan")]
    # two agents (decision 31), or an agent with a clause of its own, leave the step as the text writes it
    found = extract_text(ctx + "Updates are approved by the Pier Board and the Harbour Board.", "Acme")[2:]
    assert [c.safeguard.startswith("Updates approved") for c in found] == [True]
