"""The rules on lists, table cells and contrasted clauses that state measures without a verb of their own."""

from __future__ import annotations

from extractor.backends.rules import extract_text, segment
from extractor.models import Candidate

ORG = "Lanternfish"


def run(text: str) -> list[Candidate]:
    return extract_text(text, ORG)


def test_a_prohibition_and_a_commitment_joined_by_but_are_two_units() -> None:
    found = run("We will not publish the trained parameters but will grant access through a logged gateway.\n")
    assert [(c.modality, c.quote.startswith("will grant")) for c in found] == [("must_not", False), ("must", True)]
    assert "grant" not in found[0].quote


def test_but_after_not_only_joins_no_prohibition() -> None:
    found = run("We will not only run the audit ourselves but will also invite an outside lab to repeat it.\n")
    assert len(found) == 1


def test_short_noun_phrase_items_under_a_binding_lead_in_are_one_commitment_each() -> None:
    text = (
        "Release process.\n\nWe will apply the following measures before every launch:\n\n"
        "- Widening adversarial probing of our largest systems ahead of launch.\n"
        "- Gradual rollout\n- Fine-tuning\n- Third-party audits\n"
    )
    quotes = [c.quote for c in run(text)]
    assert {"Gradual rollout", "Fine-tuning", "Third-party audits"} <= set(quotes)
    assert any(q.startswith("Widening adversarial probing") for q in quotes)
    assert all(c.modality == "must" and c.actor == ORG for c in run(text))


def test_a_list_of_our_own_measures_without_a_modal_binds_its_items() -> None:
    text = "Protections.\n\nOur safeguards include:\n\n- Rate limiting\n- Screening prompts with a trained classifier\n"
    quotes = [c.quote for c in run(text)]
    assert quotes == ["Rate limiting", "Screening prompts with a trained classifier"]


def test_short_items_that_name_things_examined_or_described_are_not_commitments() -> None:
    text = (
        "Scope.\n\nWe will evaluate every system for the following risks:\n\n- Cyber offence\n- Self-replication\n\n"
        "Examples of risks include:\n\n- Mass fraud\n- Impersonation\n\n"
        "The benchmarks are:\n\n- Puzzle suites\n- Coding tasks\n"
    )
    # the lead-in is a commitment of its own; the names under it are what it examines
    assert [c.quote for c in run(text)] == ["We will evaluate every system for the following risks"]


def test_a_list_of_measures_described_as_current_practice_binds_nothing() -> None:
    text = "Background.\n\nOur current safeguards include:\n\n- Rate limiting\n- Output filtering\n"
    assert run(text) == []


RESPONSE_TABLE = (
    "The levels below set out what follows each assessment.\n\n"
    "| Level | Mitigations |\n|---|---|\n"
    "| Moderate | Gradual rollout with abuse tracking |\n"
    "| Severe | Access limited to audited partners |\n"
    "| Minimal | None |\n"
)


def test_noun_phrase_cells_under_a_column_of_responses_are_commitments_with_their_row_as_trigger() -> None:
    found = run(RESPONSE_TABLE)
    assert [(c.quote, c.trigger, c.modality) for c in found] == [
        ("Gradual rollout with abuse tracking", "Moderate", "must"),
        ("Access limited to audited partners", "Severe", "must"),
    ]


def test_a_plain_table_without_outer_bars_reads_its_response_column_too() -> None:
    text = (
        "Tier | Required safeguards\n"
        "Tier A | Gradual rollout with abuse tracking\n"
        "Tier B | Access limited to audited partners\n"
    )
    assert [(c.quote, c.trigger) for c in run(text)] == [
        ("Gradual rollout with abuse tracking", "Tier A"),
        ("Access limited to audited partners", "Tier B"),
    ]


def test_cells_under_a_descriptive_column_are_not_commitments() -> None:
    text = RESPONSE_TABLE.replace("| Level | Mitigations |", "| Level | Example harms |")
    assert run(text) == []


def test_a_purpose_naming_a_risk_does_not_make_the_measures_objects() -> None:
    text = "We will adopt the following practices to lower the risk of theft:\n\n- Key rotation\n- Tiered permissions\n"
    quotes = [c.quote for c in run(text)]
    assert quotes[-2:] == ["Key rotation", "Tiered permissions"]


def test_short_items_after_a_binding_paragraph_without_a_colon() -> None:
    text = "We will put several protections around every frontier system\n\n- Key rotation\n- Tiered permissions\n"
    assert [c.quote for c in run(text)][-2:] == ["Key rotation", "Tiered permissions"]


def test_an_items_joining_word_to_the_next_item_is_not_quoted() -> None:
    text = (
        "Lanternfish will:\n\n1. Rotate signing keys every quarter;\n"
        "2. Publishing a yearly transparency note; and\n3. Tiered permissions.\n"
    )
    assert [c.quote for c in run(text)] == [
        "Rotate signing keys every quarter",
        "Publishing a yearly transparency note",
        "Tiered permissions.",
    ]


def test_a_short_name_before_a_description_in_the_same_item_is_its_label_not_a_measure() -> None:
    text = (
        "We will apply the following measures:\n\n"
        "- Gradual rollout. New systems first reach a small panel of testers.\n- Key rotation\n"
    )
    quotes = [c.quote for c in run(text)]
    assert "Gradual rollout." not in quotes and "Key rotation" in quotes


FLAT_TABLE = (
    "Escalation Grid\n\nTier\nWhen\nMitigations\n\nLow\n\nA system below every alert mark.\n\n"
    "Gradual rollout with abuse tracking.\n\nHigh\n\nA system past the intrusion alert mark.\n\n"
    "Access limited to audited partners.\n"
)


def test_a_flattened_tables_response_column_is_read_when_its_rows_line_up() -> None:
    assert [(c.quote, c.trigger) for c in run(FLAT_TABLE)] == [
        ("Gradual rollout with abuse tracking.", "Low"),
        ("Access limited to audited partners.", "High"),
    ]


def test_a_flattened_table_whose_rows_do_not_line_up_names_no_column() -> None:
    text = FLAT_TABLE.replace("A system below every alert mark.\n\n", "")
    units = [u for u in segment(text) if u.condition]
    assert units and all(u.column is None for u in units)


def test_a_contracted_prohibition_and_a_permission_after_but_are_two_units() -> None:
    found = run("We won't open the raw logs to vendors but may hand over redacted summaries on request.\n")
    assert [c.modality for c in found] == ["must_not", "may"]


def test_gerund_paragraphs_after_a_lead_in_are_items_whose_bullets_were_lost() -> None:
    text = (
        "We will apply the following measures:\n\nWidening adversarial probing with invited specialists.\n\n"
        "Rewarding outside reports of weaknesses.\n\nGradual rollout.\n\nThe field grew quickly in recent years.\n"
    )
    assert [c.quote for c in run(text)] == [
        "Widening adversarial probing with invited specialists.",
        "Rewarding outside reports of weaknesses.",
        "Gradual rollout.",
    ]


def test_a_frequency_in_the_lead_in_makes_each_item_quantitative() -> None:
    text = "We will send the following to our oversight board every quarter:\n\n- A summary of open incidents\n"
    item = run(text)[-1]
    assert item.quote == "A summary of open incidents" and item.specificity == "quantitative"


def test_the_role_responsible_for_a_list_is_the_actor_of_its_items() -> None:
    text = (
        "A safety liaison will be named who is responsible for sending the following to our board:\n\n"
        "- A summary of open incidents\n"
    )
    found = run(text)
    assert found[0].actor == ORG and found[-1].actor == "safety liaison"


def test_lines_under_a_lead_in_whose_bullets_were_lost_are_one_item_each() -> None:
    text = (
        "We will apply the following measures:\nWidening adversarial probing with invited specialists\n"
        "Rewarding outside reports of weaknesses\nGradual rollout\n"
        "Beyond these measures, this paragraph goes on for a good while about the history of the field and its many "
        "changes.\n"
    )
    units = segment(text)
    assert [u.text for u in units if u.is_item] == [
        "Widening adversarial probing with invited specialists",
        "Rewarding outside reports of weaknesses",
        "Gradual rollout",
    ]
    assert units[-1].text.startswith("Beyond these measures") and not units[-1].is_item
    assert [c.quote for c in run(text)] == [u.text for u in units if u.is_item]


def test_a_wrapped_line_that_goes_on_is_not_a_new_item() -> None:
    text = "We will apply the following measures:\nWidening adversarial probing with\nInvited Specialists members\n"
    assert [u.text for u in segment(text) if u.is_item] == [
        "Widening adversarial probing with\nInvited Specialists members"
    ]


def test_a_list_inside_one_cell_is_one_commitment_per_item() -> None:
    text = (
        "| Tier | Actions |\n|---|---|\n| Severe | • Gradual rollout with abuse tracking • Access limited to audited "
        "partners |\n| Moderate | Key rotation<br>Tiered permissions |\n"
    )
    assert [(c.quote, c.trigger) for c in run(text)] == [
        ("Gradual rollout with abuse tracking", "Severe"),
        ("Access limited to audited partners", "Severe"),
        ("Key rotation", "Moderate"),
        ("Tiered permissions", "Moderate"),
    ]


def test_a_dash_inside_a_cells_words_does_not_cut_it() -> None:
    text = "| Tier | Actions |\n|---|---|\n| Severe | Pause - then review the release with the board |\n"
    assert [u.text for u in segment(text)] == ["Pause - then review the release with the board"]


def test_items_under_a_subject_only_lead_in_are_the_authors_predicates() -> None:
    text = (
        "## What we do\n\nTo keep our releases safe, we:\n\n"
        "- Are building a stronger vault for model weights\n"
        "- Will halt a training run if a red line is crossed\n"
        "- May lend the test harness to outside labs\n\n"
        "The sky over the harbour turns grey in winter.\n"
    )
    found = extract_text(text, "Harbour Labs")
    got = {c.quote.split()[0]: c for c in found}
    assert set(got) == {"Are", "Will", "May"}, [c.quote for c in found]
    assert got["Are"].modality == "must" and got["Will"].modality == "must"
    assert got["Will"].trigger == "if a red line is crossed"
    assert got["May"].modality == "may"
    assert all(c.actor == "Harbour Labs" for c in found)


def test_a_list_item_keeps_its_own_trailing_condition() -> None:
    text = ("## Controls\n\nWe do and will apply the following controls:\n\n"
            "- Gate alarms are raised and checked when a badge is used twice.\n"
            "- Every shipment log is sealed and signed prior to departure.\n"
            "- Visitor passes are printed for each guest.\n")
    found = run(text)
    assert [c.trigger for c in found] == ["when a badge is used twice", "prior to departure", None]


def test_a_list_item_of_two_statements_with_their_own_subjects_is_two_commitments() -> None:
    # decision 3: "and" opening a second subject with its own verb starts a second statement; a subject of two
    # nouns ("Logs and keys are kept") and a condition after the verb ("checked when a badge ...") do not
    text = ("## Controls\n\nWe do and will apply the following controls:\n\n"
            "- Boilers are inspected for rust, and valve records are filed and audited to keep order.\n"
            "- Spare keys are rotated and night staff are briefed when a door is forced.\n"
            "- Visitor logs and spare keys are kept for a year.\n"
            "- Gate alarms are raised and checked when a badge is used twice.\n")
    found = run(text)
    assert [c.quote for c in found] == [
        "Boilers are inspected for rust", "valve records are filed and audited to keep order.",
        "Spare keys are rotated", "night staff are briefed when a door is forced.",
        "Visitor logs and spare keys are kept for a year.",
        "Gate alarms are raised and checked when a badge is used twice."]
    assert found[3].trigger == "when a door is forced" and found[2].trigger is None


def test_items_under_these_measures_include_are_the_authors_measures() -> None:
    text = ("## Controls\n\nOur network controls are designed to keep intruders out of the training cluster.\n"
            "These controls include:\n\n- Hardware keys for every administrator\n- Segmented networks per project\n")
    found = run(text)
    assert [c.quote for c in found] == ["Hardware keys for every administrator", "Segmented networks per project"]
    assert all(c.modality == "must" for c in found)


def test_items_naming_the_means_of_a_step_of_the_authors_process_are_measures() -> None:
    text = ("## Finding risks\n\nAt Lanternfish, threats to our servers are identified through several techniques, "
            "including:\n\n- Reviewing public catalogues of known attacks on model hosts\n"
            "- Internal threat modelling before each launch\n")
    found = run(text)
    assert [c.quote for c in found] == ["Reviewing public catalogues of known attacks on model hosts",
                                        "Internal threat modelling before each launch"]
    # the lead-in only introduces its list
    assert not any(c.quote.startswith("At Lanternfish") for c in found)


def test_goals_the_authors_practices_pursue_are_intentions() -> None:
    # decision 128: the goals a lead-in says the author's own practices pursue are each `intend`
    text = ("## Harm reduction\n\nOur safety efforts are aimed at reaching the following aims:\n\n"
            "- Keeping refusals of harmless requests rare\n- Blocking instructions for making weapons\n")
    found = run(text)
    assert [(c.quote, c.modality) for c in found] == [("Keeping refusals of harmless requests rare", "intend"),
                                                      ("Blocking instructions for making weapons", "intend")]


# a PDF's lifecycle table flattened one cell per line, between paragraphs wrapped near 90 characters
_BODY = ("The harbour office reviews every request for berth space before the season opens, and it\n"
         "writes down what it decides so that captains can read the reasons later on in the year.\n\n")
_LIFECYCLE = (
    "## Lifecycle\n\n" + _BODY + "Phase\nMain Risks\nMain Mitigations We\nApply\n\n"
    "Loading and\nstowage\n\nCrates are weighed and\nlabelled on the quay.\n\n"
    "●\nShifting cargo\n●\nFire in the hold\n\n"
    "●\nDouble checks of every\ncrate by two clerks\n●\nSmoke detection in each\nhold, checked daily\n\n"
    "Sailing and\nberthing\nShips leave on the\nmorning tide.\n\n"
    "●\nCollisions are more likely\nin fog\n\n"
    "●\nRadar monitoring by a second\nofficer\n\n" + _BODY
)


def test_the_measure_cells_of_a_lifecycle_table_are_commitments_with_their_stage_as_trigger() -> None:
    # decision 127: the mitigation cells are units, with the stage label as trigger; the stage's own description
    # and the risk cells beside them are not
    found = run(_LIFECYCLE)
    assert [(c.quote, c.trigger) for c in found] == [
        ("Double checks of every crate by two clerks", "Loading and stowage"),
        ("Smoke detection in each hold, checked daily", "Loading and stowage"),
        ("Radar monitoring by a second officer", "Sailing and berthing"),
    ]
    assert all(c.modality == "must" for c in found)


def test_a_table_without_a_column_of_risks_is_read_as_before() -> None:
    text = _LIFECYCLE.replace("Main Risks\n", "Main Dates\n")
    assert not any(c.trigger == "Loading and stowage" for c in run(text))


def test_a_list_of_partner_bodies_names_no_commitments() -> None:
    text = ("## Outreach\n\nWe will help write shared safety standards with organisations such as:\n\n"
            "1. The Harbour Safety Forum\n2. The Coastal Pilots Guild — founding member\n")
    found = run(text)
    assert [c.quote for c in found] == ["We will help write shared safety standards with organisations such as"]


def test_items_opening_with_verbs_that_are_rarely_nouns_are_instructions() -> None:
    text = ("Dock safety.\n\nBefore each season the yard crew will:\n\n"
            "- Determine whether the old pier can bear the new crane\n"
            "- Collaborate with the pilots on the winter berth plan\n")
    quotes = [c.quote for c in run(text)]
    assert quotes == ["Determine whether the old pier can bear the new crane",
                      "Collaborate with the pilots on the winter berth plan"]


def test_a_second_verb_phrase_of_dealing_with_others_is_its_own_commitment() -> None:
    found = run("We will publish the berth plan each spring and explain in plain words how berths are given out.\n")
    assert [c.quote.startswith("explain in plain words") for c in found] == [False, True]


def test_a_second_verb_phrase_after_an_adverb_is_its_own_commitment() -> None:
    found = run("We will chart the reef each spring and continuously respond to changes in the channel.\n")
    assert [c.quote.startswith("continuously respond") for c in found] == [False, True]


def test_a_second_passive_step_with_its_own_agent_is_its_own_commitment() -> None:
    found = run("Changes to this plan will be proposed by the harbour board and approved by the port council.\n")
    assert [c.quote.rstrip(".") for c in found] == [
        "Changes to this plan will be proposed by the harbour board", "approved by the port council"]
    # one step done by one agent stays whole
    assert len(run("The report will be written and approved by the harbour board.\n")) == 1


def test_a_second_infinitive_of_the_modal_chain_is_its_own_commitment() -> None:
    found = run("We will continue to chart the reef, including through the port survey, and to share the charts "
                "with every crew.\n")
    assert [c.quote.rstrip(".") for c in found][-1] == "to share the charts with every crew"
    # a purpose after an object is no second commitment
    assert len(run("We use drills to train the crews, and to test the gates.\n")) == 1


def test_and_we_will_after_a_that_clause_starts_a_new_commitment() -> None:
    found = run("We will work to ensure that our crews cause no harm that lacks good reason, and we will foster "
                "a calm harbour for all.\n")
    assert [c.quote.startswith("we will foster") for c in found] == [False, True]


def test_a_second_progressive_act_is_its_own_commitment() -> None:
    found = run("We are actively working to build better tide models and collaborating with others who study the "
                "reef.\n")
    assert [c.quote.rstrip(".") for c in found] == [
        "We are actively working to build better tide models", "collaborating with others who study the reef"]
    assert len(run("We are working to build tools for mooring and docking ships.\n")) == 1


def test_a_list_item_saying_what_the_model_does_defines_a_threshold() -> None:
    from extractor.backends.rules.lists import describes_state

    assert describes_state("the model provides meaningful uplift to novices in acquiring a toxin.")
    assert describes_state("The system enables a novice to breach a hardened network.")
    assert not describes_state("Provide the model card to each customer.")


def test_a_phase_heading_over_a_lead_in_and_a_nested_condition_with_the_same_bullet() -> None:
    text = ("# Harbour drills\n\n## Before any reopening\n\nHarbour will:\n\n1. Run the pump suite.\n"
            "   - If any pump fails:\n     - close the gate;\n     - notify the Flood Board within two days.\n"
            "2. Log every result in the drill book.\n")
    found = [(c.trigger, c.quote) for c in extract_text(text, "Harbour")]
    assert found == [("Before any reopening", "Run the pump suite."),
                     ("If any pump fails", "close the gate"),
                     ("If any pump fails", "notify the Flood Board within two days."),
                     ("Before any reopening", "Log every result in the drill book.")]


def test_a_run_in_label_that_reads_like_a_verb_is_the_item_name_as_its_siblings_are() -> None:
    # "Secure hosts." opens its item as "Formal methods." opens the next: the items' names, not instructions
    text = ("We will put these controls in place:\n•\nSecure hosts. Operators use vetted tools without direct access "
            "to the hosts.\n•\nFormal methods. Formal methods are used to check the key parts.\n•\nHardware keys. "
            "Engineers sign in with hardware keys to reach the weights.\n")
    quotes = [c.quote for c in run(text)]
    assert not any(q.startswith(("Secure hosts", "Formal methods.", "Hardware keys")) for q in quotes), quotes
    assert any(q.startswith("Operators use vetted tools") for q in quotes)
    # a list of short instructions with their reasons after them keeps its instructions
    text = ("We will put these controls in place:\n•\nMonitor all access. Logs are kept for a year.\n•\nRotate the "
            "keys. Keys older than a month are revoked.\n")
    assert any(q.startswith("Monitor all access") for q in (c.quote for c in run(text)))


def test_a_response_cell_that_opens_with_increase_is_a_measure() -> None:
    text = ("| Level | What it means | What we do |\n|---|---|---|\n| Watch | Early signs of uplift. | Increase "
            "evaluation frequency to every checkpoint; brief the council within 7 days. |\n")
    found = run(text)
    assert [(c.trigger, c.quote.split()[0]) for c in found] == [("Watch", "Increase")]


def test_items_that_name_or_define_tracked_categories_are_no_measures() -> None:
    # (as the loader leaves a Markdown file: its bold marks stripped)
    text = ("We track three categories of severe risk:\n\n1. Biological and chemical. The ability of a model to "
            "help create such weapons.\n2. Cyber. The ability of a model to exploit systems at scale.\n")
    assert [c.quote for c in run(text)] == ["We track three categories of severe risk"]


def test_a_list_items_condition_label_is_its_trigger() -> None:
    text = ("Our responses:\n\n- High threshold reached: the model may only be deployed with safeguards approved "
            "by the Review Board.\n- If a model exceeds the Critical threshold: we will pause its training.\n")
    assert [c.trigger for c in run(text)] == ["High threshold reached", "If a model exceeds the Critical threshold"]


def test_a_table_cell_that_only_names_a_level_commits_to_nothing() -> None:
    text = ("We will score every pier before each season.\n\n"
            "| Pier | Baseline | Post-mitigation |\n|---|---|---|\n| North pier | High | Medium |\n"
            "| South pier | Medium | Low |\n")
    assert [c.quote for c in extract_text(text, "Acme")] == ["We will score every pier before each season."]


def test_an_item_that_names_a_plan_is_a_measure_of_the_list_not_a_hedge() -> None:
    # "plan" as a noun ("each berth plan") is no "we plan to": the item is a measure under the lead-in
    text = ("The Harbour Council's duties include:\n\n- Checking the crane logs\n"
            "- Reviewing each berth plan before a ship docks\n- We plan to review each tug\n")
    found = {c.quote: (c.actor, c.modality) for c in extract_text(text, "Acme")}
    assert found["Reviewing each berth plan before a ship docks"] == ("Harbour Council", "must")
    assert found["We plan to review each tug"] == ("Acme", "intend")


def test_a_series_of_gerunds_after_this_includes_is_one_commitment_each() -> None:
    # DECISIONS 3: "This includes creating X and ensuring Y" names two steps, as "Creating X and ensuring Y" does
    text = ("Our pier measures include:\n\ni. Fault lines: To build a safe pier, clear channels for reporting faults "
            "will be set up. This includes creating lines for dockers to report faults and ensuring that these reports "
            "are handled within a day.\n")
    quotes = [c.quote for c in extract_text(text, "Acme")]
    assert "ensuring that these reports are handled within a day." in quotes
    assert any(q.startswith("This includes creating lines") for q in quotes)


def test_items_under_a_lead_in_that_states_no_step_are_no_measures() -> None:
    # "relies on" is no act of a process: what follows it is what the author draws on, not what it binds itself to;
    # a pledge verb in the same place binds its items
    items = "- tide tables kept for each berth by the port office;\n- crane ratings set by the makers of each crane.\n"
    assert extract_text("Acme relies on the following sources:\n" + items, "Acme") == []
    pledged = [c.modality for c in extract_text("Acme undertakes the following:\n" + items, "Acme")]
    assert pledged == ["must", "must"]


def test_items_that_go_on_with_a_model_as_subject_define_a_threshold() -> None:
    found = run("We shall test every model against the following load limits; a limit counts as reached if the "
                "model, in the pier trials of Schedule 1:\n\n(a) Heavy lift: lifts at least 40 tonnes in the pier "
                "test;\n\n(b) Reach: extends its arm beyond 30 metres in the pier test.\n")
    assert [c.quote[:22] for c in found] == ["We shall test every mo"]


def test_a_labelled_description_under_a_list_of_things_looked_at_is_no_measure() -> None:
    lead = "We track three risk domains in which we believe cranes could cause severe harm:\n"
    items = ("- Heavy lifting: help that would raise the load a crane can move beyond its rating.\n"
             "- Pier collapse: structural failure of a pier after repeated overloading.\n"
             "- Cable wear: replace every crane cable each year.\n"
             "- Rust: checking each crane for rust every month.\n")
    quotes = [c.quote for c in run(lead + items)]
    assert [q[:18] for q in quotes] == ["We track three ris", "replace every cran", "checking each cran"]
    # "use" as the lead-in's verb names no list of things: its items are the measures used
    found = run("We will use a range of pier checks, including:\n- Load tests: load tests measure how much a crane can "
                "lift before its brakes slip.\n")
    assert any(c.quote.startswith("load tests measure") for c in found)
