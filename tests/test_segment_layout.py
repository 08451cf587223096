"""Units on PDF/HTML layouts the extraction flattened: one cell per line, labels glued to cells, footnote lines."""

from __future__ import annotations

import pytest

from extractor.backends.rules import segment

# paragraphs one per line, as an HTML page's text gives them (the body is as wide as its longest paragraphs)
_PROSE = (
    "The harbour office reviews every request for berth space before the season opens, and it writes down what it "
    "decides so that captains can read the reasons later on in the year.\n"
)


def test_each_line_of_a_flattened_table_is_a_unit_of_its_own() -> None:
    text = (
        _PROSE
        + "Vessel class\nInspection cycle\nSmall craft\nInspect the hull once every season\nCargo ships\n"
        "Inspect the hull before each departure and after any collision at sea\n"
        "The office keeps the inspection records for five years.\n"
    )
    texts = [u.text for u in segment(text)]
    assert "Inspect the hull once every season" in texts
    assert "Inspect the hull before each departure and after any collision at sea" in texts
    assert "Small craft" in texts and "Vessel class" in texts
    assert "The office keeps the inspection records for five years." in texts


def test_wrapped_prose_still_joins_its_lines() -> None:
    lines = [
        "The harbour office reviews every request for berth space before the season",
        "opens, and it writes down what it decides so that captains can read the",
        "reasons later. Each captain receives a copy of the Harbour Safety Code and",
        "Berthing Rules when the request is granted.",
    ]
    texts = [u.text for u in segment("\n".join(lines) + "\n")]
    assert len(texts) == 2
    assert texts[1].startswith("Each captain") and texts[1].endswith("is granted.")


def test_a_paragraph_after_a_short_list_item_is_not_part_of_the_item() -> None:
    text = (
        _PROSE
        + "Checks\n– Weigh every container on arrival\n– Seal the hold after loading\n"
        "The checks apply to all vessels that dock at the inner harbour during the winter months.\n"
    )
    units = segment(text)
    last = units[-1]
    assert last.text.startswith("The checks apply") and not last.is_item
    assert [u.text for u in units if u.is_item] == ["Weigh every container on arrival", "Seal the hold after loading"]


def test_a_label_glued_to_its_cell_is_the_cell_condition() -> None:
    text = (
        _PROSE
        + "Each berth request is rated by its risk to the harbour.\nBerth demand\nLow\nHigh\n"
        "Minor riskGrant the berth after a short inspection\n"
        "Major riskRefuse the berth until the vessel is repaired\n"
        "A minor issue is logged; a major one is reported.\n"
    )
    cells = {u.text: (u.condition, u.is_item) for u in segment(text)}
    assert cells["Grant the berth after a short inspection"] == ("Minor risk", True)
    assert cells["Refuse the berth until the vessel is repaired"] == ("Major risk", True)


def test_a_camel_case_name_is_no_glued_label() -> None:
    text = (
        _PROSE
        + "Tools\nUse\nSea chartsBlueHarbor charts the inner channel each spring\n"
        "The BlueHarbor survey team publishes the charts.\n"
    )
    texts = [u.text for u in segment(text)]
    assert "Sea chartsBlueHarbor charts the inner channel each spring" in texts


def test_a_footnote_line_marked_with_an_asterisk_is_not_part_of_the_sentence_before() -> None:
    text = _PROSE + "We publish the tide tables for every captain.\n*Tide data: https://example.org/tides\n"
    texts = [u.text for u in segment(text)]
    assert "We publish the tide tables for every captain." in texts


def test_bullets_inside_a_line_after_a_lead_in_are_items_under_it() -> None:
    text = (
        _PROSE
        + "Our harbour council includes: • The pilots' desk, which guides each ship past the reef • The berth clerk "
        "whose task is to keep the mooring ledger • The board that signs off every new pier\n"
        "Visiting crews report to the desk on arrival.\n"
    )
    units = segment(text)
    items = [u.text for u in units if u.is_item]
    assert items == [
        "The pilots' desk, which guides each ship past the reef",
        "The berth clerk whose task is to keep the mooring ledger",
        "The board that signs off every new pier",
    ]
    texts = [u.text for u in units]
    assert "Our harbour council includes:" in texts
    assert texts[-1] == "Visiting crews report to the desk on arrival." and not units[-1].is_item


def test_a_bullet_glyph_in_running_prose_without_a_lead_in_is_no_list() -> None:
    text = _PROSE + "The scores run low • medium • high across the three reef zones of the bay.\n"
    assert not any(u.is_item for u in segment(text))


def test_a_run_in_heading_set_off_by_a_wide_gap_is_not_part_of_its_paragraph() -> None:
    text = (
        "Tide Tables for Visiting Crews     We print the tide tables each week and\n"
        "hand them to every crew that docks at the inner harbour.\n\n"
        "Night Pilotage     Pilots guide ships past the reef after dark.\n"
    )
    texts = [u.text for u in segment(text)]
    assert texts == [
        "We print the tide tables each week and\nhand them to every crew that docks at the inner harbour.",
        "Pilots guide ships past the reef after dark.",
    ]


def test_a_wide_gap_inside_a_sentence_is_no_heading() -> None:
    text = "We print the tide     Tables each week for every crew that docks at the inner harbour.\n"
    assert [u.text for u in segment(text)] == [text.strip()]


def test_a_decimal_version_number_is_no_sentence_end_with_a_footnote() -> None:
    text = ("Through the Harbour Code 2.0 (HC 2.0), we inspect every pier each spring. "
            "Through HC 2.0, pilots log tides.\n")
    assert [u.text for u in segment(text)] == [
        "Through the Harbour Code 2.0 (HC 2.0), we inspect every pier each spring.",
        "Through HC 2.0, pilots log tides.",
    ]


def test_a_footnote_number_after_a_full_stop_still_ends_the_sentence() -> None:
    text = "We inspect every pier each spring.3 The harbour master signs each inspection report.\n"
    assert [u.text for u in segment(text)] == [
        "We inspect every pier each spring.", "The harbour master signs each inspection report."]


def test_two_subjects_after_that_are_one_clause_but_a_new_subject_after_a_verb_is_another() -> None:
    from extractor.backends.rules.segment import split_clauses

    one = "We will print the tables so that all pilots and the visiting crews can plan each berth."
    two = "We will ensure that hulls are inspected and the harbour master will sign each report."
    assert split_clauses(one) == [(0, len(one))]
    assert len(split_clauses(two)) == 2


# ---------------------------------------------------------------- plain text without heading marks or page markers


def test_a_numbered_heading_line_is_not_glued_to_the_sentence_under_it() -> None:
    text = (
        "The harbour office keeps a register of berths.\n\n"
        "2.3 Berth allocation review\n"
        "We check each berth request against the tide tables before the season opens.\n\n"
        "4. Harbour Pilot Duties\n"
        "Each pilot logs every vessel brought into the harbour.\n"
    )
    texts = [" ".join(u.text.split()) for u in segment(text)]
    assert "We check each berth request against the tide tables before the season opens." in texts
    assert "Each pilot logs every vessel brought into the harbour." in texts
    assert not any("allocation review" in t or "Pilot Duties" in t for t in texts)


def test_a_numbered_list_under_a_lead_in_stays_a_list() -> None:
    text = (
        "The harbour office will do the following:\n"
        "1. Dredge Channels\n"
        "2. Inspect Moorings Weekly\n"
    )
    items = [u.text.strip() for u in segment(text) if u.is_item]
    assert items == ["Dredge Channels", "Inspect Moorings Weekly"]


def test_a_running_header_after_page_numbers_is_no_part_of_a_sentence() -> None:
    pages = []
    for n in range(1, 5):
        pages.append(
            f"Harbour Operations Manual\n\nThe pilot boards each arriving vessel at the outer buoy and stays on the\n\n"
            f"    {n}\n"
        )
    pages.append("Harbour Operations Manual\n\nbridge until the vessel is moored.\n")
    texts = [" ".join(u.text.split()) for u in segment("".join(pages))]
    assert not any("Operations Manual" in t for t in texts)
    assert texts[-1] == "bridge until the vessel is moored."


def test_a_commitment_before_its_colon_is_no_label() -> None:
    from extractor.backends.rules import extract_text

    text = (
        "We will run a berth audit: (a) at least once every six months after the harbour opens; and (b) whenever "
        "a berth changes hands.\n"
    )
    quotes = [c.quote for c in extract_text(text, "Harbour Office")]
    assert any(q.startswith("We will run a berth audit") for q in quotes)


def test_a_wrapped_paragraph_glued_to_a_short_last_item_is_a_paragraph_of_its_own() -> None:
    # a PDF's text: body lines wrapped near 90 characters, a list's last item on one short line, and the next
    # paragraph right after it with no blank line
    text = (
        "The harbour office reviews every request for berth space before the season opens, and it\n"
        "writes down what it decides so that captains can read the reasons later on in the year.\n"
        "Our berthing practices are focused on the following aims:\n\n"
        "● Keeping the inner channel clear of anchored craft at all times of the day\n"
        "● Weighing cargo\n"
        "These aims are set by the harbour board after hearing what captains and pilots have to\n"
        "say about the season before, and they are read out at the first meeting of the year.\n"
    )
    units = segment(text)
    assert [u.text for u in units if u.is_item] == [
        "Keeping the inner channel clear of anchored craft at all times of the day", "Weighing cargo"]
    assert units[-1].text.startswith("These aims are set") and not units[-1].is_item
    # an item that wraps onto a second line keeps it
    longer = "● Weighing cargo on arrival and sealing the hold once the last crate\nis"
    wrapped = text.replace("● Weighing cargo\nThese", longer)
    assert not any(u.text.startswith("is") for u in segment(wrapped))


def test_a_capitalised_we_after_an_unpunctuated_item_starts_a_paragraph() -> None:
    # the item fills most of its line, so its length says nothing; "We" capitalised can only open a sentence
    text = (
        "Our crews keep to these habits:\n\n"
        "● Checking each mooring line against the harbour log before the tide turns\n"
        "We are always reviewing the habits of every crew as the seasons change on the coast.\n"
    )
    units = segment(text)
    assert [u.text for u in units if u.is_item] == [
        "Checking each mooring line against the harbour log before the tide turns"]
    assert units[-1].text.startswith("We are always reviewing") and not units[-1].is_item


def test_a_short_title_run_into_the_authors_sentence_is_a_heading() -> None:
    text = (
        "The pilots meet each week to agree the plan for the coming tides and the berths in use\n"
        "Harbour partners We work with the port council on every change to the channel.\n"
        "Night duties Our pilots guide ships past the reef after dark.\n"
    )
    texts = [u.text for u in segment(text)]
    assert "We work with the port council on every change to the channel." in texts
    assert "Our pilots guide ships past the reef after dark." in texts


@pytest.mark.parametrize(("sentence", "second"), [
    # a concession with its own subject and modal
    ("Each berth plan is approved by the harbour board, although the Duty Pilot may approve small changes.",
     "the Duty Pilot may approve small changes."),
    # a pronoun subject after ", and"
    ("The board may shorten the notice period for storms, and it records its reasons each time.",
     "it records its reasons each time."),
    # a relative clause that is a body's own act
    ("Damage reports go to the Harbour Safety Office, which may order a second inspection.",
     "which may order a second inspection."),
    # the author's relative clause with its own modal
    ("We size each crane with the method in our handbook, which we will revise when the method changes.",
     "which we will revise when the method changes."),
    # the same modal again after a comma
    ("Every waiver of a berth rule must be written down, must give its reasons and lapses after a month.",
     "must give its reasons and lapses after a month."),
    # "aims to" after a body of its own
    ("Tide tables must reach the harbour board by May, and the survey team aims to send them a week "
     "before each season.",
     "the survey team aims to send them a week before each season."),
    # what follows "in that case"
    ("We may refuse a berth request, in which case the reasons will be given to the captain in writing.",
     "in which case the reasons will be given to the captain in writing."),
    # a second present-tense passive whose participle is irregular
    ("Every inspection is logged, and the logs are kept for at least five years.",
     "the logs are kept for at least five years."),
])
def test_a_second_clause_with_its_own_act_is_split_off(sentence: str, second: str) -> None:
    """ANNOTATION "The unit": a sentence with two committed actions is two commitments."""
    from extractor.backends.rules.segment import split_clauses

    parts = [sentence[a:b] for a, b in split_clauses(sentence)]
    assert len(parts) == 2 and parts[1] == second


def test_a_relative_clause_that_describes_what_it_follows_stays_in_its_clause() -> None:
    from extractor.backends.rules.segment import split_clauses

    one = "Some cranes carry heavy counterweights, which may damage older piers."
    assert split_clauses(one) == [(0, len(one))]
    # (an acronym before the comma is a body's; a short lower-case word is not: "our cranes, which may ...")
    short = "We load our cranes, which may tip over in a storm."
    assert split_clauses(short) == [(0, len(short))]
    # the cases a condition names, then what happens in them: one conditional sentence
    two = "There may be cases where a pier is unsafe to use, in which case ships should not berth there."
    assert split_clauses(two) == [(0, len(two))]


def test_a_numbered_title_that_names_a_question_is_a_heading_though_it_holds_a_verb() -> None:
    from extractor.backends.rules.segment import segment_with_headings

    text = ("6. Surveys\n\nWe will survey every pier before each season.\n\n6.1 Deciding whether a pier is unsafe\n"
            "The Dock Survey team reports survey results to the Harbour Board.\n")
    units, heads = segment_with_headings(text)
    assert [t for _, t in heads] == ["Surveys", "Deciding whether a pier is unsafe"]
    assert units[-1].text.startswith("The Dock Survey team")
    # a numbered line with a verb of its own is a sentence, not a title
    units, heads = segment_with_headings("6. Surveys\n\n6.1 Divers are sent to every pier\nafter each storm.\n")
    assert [t for _, t in heads] == ["Surveys"]
