"""Segmentation on synthetic layouts: running headers, cells, headings, footnote numbers and page breaks."""

from __future__ import annotations

from extractor.backends.rules import extract_text, segment


def _pages(bodies: list[str], header: str = "Harbour Labs Release Rules {n}\nEdition 3 (June 2031)\n") -> str:
    """A PDF-like text: a page marker, a running header (with its page number) and a body per page."""
    return "".join(f"[[page {n}]]\n\n{header.format(n=n)}\n{body}\n\n" for n, body in enumerate(bodies, 1))


def test_a_cell_repeated_mid_page_is_text_but_a_running_header_is_not() -> None:
    body = ("Each reviewer reads the summary in full.\n\nTier\nResponse\n\nTier A\n\nFurther checks required.\n\n"
            "Tier B\n\nFurther checks required.\n\nThe board reads every report.")
    texts = [u.text for u in segment(_pages([body] * 4))]
    assert texts.count("Further checks required.") == 8
    assert not any("Harbour Labs Release Rules" in t or "Edition 3" in t for t in texts)


def test_a_cell_ending_in_lower_case_at_the_foot_of_each_page_is_text() -> None:
    body = "Our staff log each request.\n\nTier A\n\nFurther checks\nand sign-off\nrequired."
    units = segment(_pages([body] * 4))
    assert sum("sign-off" in u.text and u.text.endswith("required.") for u in units) == 4


def test_a_sentence_case_heading_line_stays_out_of_the_sentence_after_it() -> None:
    text = "Check model outputs\nWe check every output of our models before it reaches the public.\n"
    assert [u.text for u in segment(text)] == ["We check every output of our models before it reaches the public."]


def test_a_short_first_line_of_a_broken_sentence_is_not_a_heading() -> None:
    for first, rest in (("We notify the Safety", "Board before any release of a model."),
                        ("Our teams share results with the", "Board after each quarterly review of the logs."),
                        ("Each model", "Must pass the full suite before it is released to outside users.")):
        assert [" ".join(u.text.split()) for u in segment(f"{first}\n{rest}\n")] == [f"{first} {rest}"]


def test_a_footnote_number_at_a_line_start_is_not_part_of_the_quote() -> None:
    text = ("Our staff follow the plan.\n\n4 For every new model, we will write a test report.\n\n"
            ".7 We will log each review.\n")
    quotes = [c.quote for c in extract_text(text, "Harbour")]
    assert "For every new model, we will write a test report." in quotes
    assert "We will log each review." in quotes


def test_a_sentence_cut_by_a_page_break_is_one_unit_and_its_quote_one_side_of_the_break() -> None:
    body1 = "Our staff log each request.\n\nBefore any model of ours is offered to outside users, the Safety Board"
    body2 = "will read its test report and\n\nsign the release.\n\nWe thank our partners."
    text = _pages(["The board meets each month.", body1, body2, "Our staff log each request."])
    units = [u for u in segment(text) if "Safety Board" in u.text]
    assert len(units) == 1 and "will read its test report" in units[0].text
    assert "[[page" not in units[0].text and "Edition 3" not in units[0].text and units[0].breaks
    found = [c for c in extract_text(text, "Harbour") if "Safety Board" in c.quote or "will read" in c.quote]
    for c in found:
        assert c.hint_start is not None and c.hint_end is not None
        assert text[c.hint_start : c.hint_end].split() == c.quote.split()  # verbatim, no page furniture inside
        assert "[[page" not in c.quote and "Edition 3" not in c.quote


def test_a_page_break_ends_the_block_when_the_next_page_starts_a_new_sentence_or_item() -> None:
    for after in ("We publish a report each year.", "- keep the logs for a year"):
        text = _pages(["Our staff log each request.", "Our staff review each", after, "The board meets each month."])
        assert not any("review each" in u.text and ("publish" in u.text or "logs" in u.text) for u in segment(text))


_FLAT_TABLE = (
    "## Release tiers\n\nWe aim to keep these tiers simple for readers outside the company.\n\n"
    "Tier\nWhat the model can do\nWhat we do\n\n"
    "Tier 1\n\nThe model answers general\nquestions from public sources.\n\nPublish a model card\nbefore launch.\n\n"
    "Tier 2\n\nThe model gives some help\nto a trained specialist.\n\nRestrict access to vetted\npartners.\n\n"
    "Tier 3\n\nThe model gives real help\nto a novice attacker.\n\n"
    "Stop any further training\nuntil the board signs off.\n\n"
    "## Reporting\n\nWe publish a yearly summary of this work.\n"
)


def test_a_flattened_table_row_label_is_the_condition_of_the_cells_after_it() -> None:
    units = segment(_FLAT_TABLE)
    cells = {" ".join(u.text.split()): u.condition for u in units if u.condition}
    assert cells["Restrict access to vetted partners."] == "Tier 2"
    assert cells["The model gives real help to a novice attacker."] == "Tier 3"
    assert not any(u.text.startswith(("Tier", "What the model")) for u in units)  # labels and column names
    assert next(u for u in units if "yearly summary" in u.text).condition is None  # a heading ends the table
    found = {c.quote: c for c in extract_text(_FLAT_TABLE, "Harbour")}
    assert found["Restrict access to vetted partners."].trigger == "Tier 2"
    stop = found["Stop any further training until the board signs off."]
    assert stop.modality == "must"  # the paragraph before the table lends it nothing
    assert not any(q.startswith("The model") for q in found)  # cells that describe a level are no commitments


def test_a_lone_level_word_between_paragraphs_is_no_row_label() -> None:
    text = "Our staff log each request.\n\nHigh\n\nWe will publish each report within a week.\n"
    assert [u.condition for u in segment(text)] == [None, None]


def test_a_footnote_at_the_foot_of_a_page_is_not_joined_to_the_next_page() -> None:
    body1 = "Our staff review each of the\n\n4\nhttps://example.org/notes/review-guide/"
    text = _pages(["The board meets each month.", body1, "outside reports before release.", "Our staff log it."])
    assert not any("https://" in u.text and "outside reports" in u.text for u in segment(text))


def test_further_as_an_adjective_stays_in_the_quote() -> None:
    from extractor.backends.rules import trim_clause

    text = "Further testing by outside experts is required."
    assert trim_clause(text, 0, len(text))[0] == 0
    text = "Further, we will publish every audit."
    assert text[trim_clause(text, 0, len(text))[0] :].startswith("we will")


_TITLED_TABLE = (
    "## Misuse\n\nLevel\nWhat it means\nWhat follows\n\n"
    "Low\n\nThe model repeats facts\nfound in textbooks.\n\n"
    "Launch allowed\nafter the usual\n\nProduct Board\nsign-off.\n\n"
    "High\n\nThe model gives real help\nto a novice attacker.\n\nFurther testing\nand a new review\n\nrequired.\n\n"
    "## Reporting\n\nWe publish a yearly summary of this work.\n"
)


def test_a_cell_that_states_a_response_without_a_verb_is_a_commitment_of_its_row() -> None:
    found = {c.quote: c for c in extract_text(_TITLED_TABLE, "Harbour")}
    launch = found["Launch allowed after the usual Product Board sign-off."]  # one cell across its blank line
    assert (launch.modality, launch.trigger) == ("may", "Misuse Low")  # the table's title scopes the level
    testing = found["Further testing and a new review required."]
    assert (testing.modality, testing.trigger) == ("must", "Misuse High")
    assert testing.safeguard == "Further testing and a new review"
    assert not any(q.startswith("The model") for q in found)


def test_a_verbless_response_is_read_only_in_a_table_cell() -> None:
    assert extract_text("Some review required.\n\nFurther review required.\n", "Harbour") == []


def test_a_plain_text_table_without_outer_bars_has_cells_with_row_conditions() -> None:
    text = ("## Responses\n\nStage | Response\nStage A | Publish a model card before launch\n"
            "Stage B | Do not share the weights with any outside party\n\nWe log each request | and each reply.\n")
    units = segment(text)
    assert [(u.condition, u.text) for u in units if u.condition] == [
        ("Stage A", "Publish a model card before launch"),
        ("Stage B", "Do not share the weights with any outside party"),
    ]
    assert not any(u.text in ("Stage", "Response") for u in units)  # the header row is no unit
    assert any(u.text.startswith("We log each request |") and u.condition is None for u in units)  # one line: no table
    dont = next(c for c in extract_text(text, "Harbour") if c.quote.startswith("Do not share"))
    assert (dont.modality, dont.trigger) == ("must_not", "Stage B")


def test_a_sentence_may_open_with_a_name_written_in_lower_case_first() -> None:
    text = ("This plan covers risks such as misuse.  zLab plans to review this plan over time.\n\n"
            "It holds 40 tasks from six fields.3\nzLab regularly checks such tests. We use e.g. iOS devices.\n")
    assert [u.text for u in segment(text)] == [
        "This plan covers risks such as misuse.", "zLab plans to review this plan over time.",
        "It holds 40 tasks from six fields.", "zLab regularly checks such tests.", "We use e.g. iOS devices."]
