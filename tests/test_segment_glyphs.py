"""Bullet icons PDF extraction left as stray glyphs, and footnote numbers glued after a full stop (synthetic texts)."""

from __future__ import annotations

import pytest

from extractor.backends.rules import extract_text, segment


@pytest.mark.parametrize("glyph", ["}", "<", "\uf0b7", "\uf0a7", "\u2756", "\u27a2"])
def test_a_stray_glyph_at_line_starts_is_a_bullet(glyph: str) -> None:
    text = (f"Harbour safeguards\n{glyph} We will lock the weight store to named staff.\n"
            f"{glyph} We will log each query to the test cluster.\n")
    units = segment(text)
    items = [u.text for u in units if u.is_item]
    assert items == ["We will lock the weight store to named staff.", "We will log each query to the test cluster."]


def test_a_letter_opening_several_close_lines_is_a_bullet_but_an_article_is_not() -> None:
    text = ("Our duties:\no  publish the plan and revise it\n   when we learn more;\no  audit it every year.\n\n"
            "A model is trained first. A second\nmodel is tested later.\n")
    units = segment(text)
    assert [u.text for u in units if u.is_item] == [
        "publish the plan and revise it\n   when we learn more;", "audit it every year."]
    assert any(u.text == "A model is trained first." and not u.is_item for u in units)


def test_a_glyph_inside_a_table_cell_separates_items() -> None:
    text = "| Stage | Measures |\n|---|---|\n| Pre-launch | \uf0a7 We will red-team it. \uf0a7 We will file a card. |\n"
    assert [u.text for u in segment(text)] == ["We will red-team it.", "We will file a card."]


def test_a_single_line_opening_with_a_letter_is_not_a_list() -> None:
    text = "Harbour policy notes\nx We will keep this.\n\nA We will not split this.\n"
    assert not any(u.is_item for u in segment(text))


def test_the_extractor_quotes_an_item_without_its_glyph() -> None:
    text = ("Release rules\n} We will withhold any model that fails the audit.\n"
            "} We will notify the board within 5 days.\n")
    quotes = [c.quote for c in extract_text(text, "Harbour")]
    assert "We will notify the board within 5 days." in quotes
    assert not any(q.startswith("}") for q in quotes)


@pytest.mark.parametrize("glue", [".4 ", ".\u2074 ", ". 4 ", ".17 "])
def test_a_footnote_number_after_a_full_stop_ends_the_sentence_and_belongs_to_neither(glue: str) -> None:
    text = f"Our staff study abuse of agent tools for phishing{glue}The lab will rerun each probe before launch."
    assert [u.text for u in segment(text)] == [
        "Our staff study abuse of agent tools for phishing.", "The lab will rerun each probe before launch."]


@pytest.mark.parametrize("ref", ["[4]", "[^4]", "[4][5]"])
def test_a_bracketed_note_reference_after_a_full_stop_ends_the_sentence_and_belongs_to_neither(ref: str) -> None:
    text = f"Our staff study abuse of agent tools for phishing.{ref} The lab will rerun each probe before launch."
    assert [u.text for u in segment(text)] == [
        "Our staff study abuse of agent tools for phishing.", "The lab will rerun each probe before launch."]


def test_notes_defined_line_by_line_are_sentences_of_their_own_without_their_marks() -> None:
    text = ("Body text ends here.\n\n[^1]: See Part 2 for the probes.\n"
            "[^2]: We will post each drill report on our site.\n")
    assert [u.text for u in segment(text)][1:] == [
        "[^1]: See Part 2 for the probes.", "[^2]: We will post each drill report on our site."]
    assert [c.quote for c in extract_text(text, "Harbour")] == ["We will post each drill report on our site."]
    text = "Body text ends here.\n\n[3] We will record any waiver of a drill.\n"
    assert [c.quote for c in extract_text(text, "Harbour")] == ["We will record any waiver of a drill."]


def test_a_footnote_number_glued_before_a_name_in_lower_case_first_ends_the_sentence() -> None:
    text = "Our staff study abuse of agent tools for phishing.4 qLab will rerun each probe before launch."
    assert [u.text for u in segment(text)][1] == "qLab will rerun each probe before launch."


def test_a_number_opening_a_sentence_in_lower_case_words_stays() -> None:
    assert [u.text for u in segment("We ran the probes in May. 3 models failed them.")][1] == "3 models failed them."


def test_examples_after_such_as_and_a_colon_stay_in_one_quote() -> None:
    text = "We will lock down risky tools such as: shell access; web search; and bulk uploads."
    assert [c.quote for c in extract_text(text, "Harbour")] == [text]


def test_a_clause_with_its_own_modal_after_the_examples_is_still_split() -> None:
    text = "We will lock down tools such as: shell access; web search; we will also audit each call."
    quotes = [c.quote for c in extract_text(text, "Harbour")]
    assert quotes[-1] == "we will also audit each call."
    assert quotes[0].endswith("web search")


def test_in_addition_to_opening_a_sentence_is_kept_but_in_addition_comma_is_dropped() -> None:
    first = "In addition to the drills named above, we will hire outside testers for each launch."
    assert [c.quote for c in extract_text(first, "Harbour")] == [first]
    second = "In addition, we will hire outside testers for each launch."
    assert [c.quote for c in extract_text(second, "Harbour")] == ["we will hire outside testers for each launch."]


def test_a_private_use_glyph_after_a_bullet_or_an_item_number_is_part_of_the_mark() -> None:
    # a font's own glyph PDF extraction leaves right after "●" or "3." is never a quote's first character
    text = ("## Controls\n\nWe apply the following controls:\n\n"
            "●\ue000 Harbour gates are locked each night by the guard\n"
            "●\ue000 Cargo seals are checked before loading\n\n"
            "3.\ue000 Crane logs are kept for a year by the port office.\n")
    items = [u.text for u in segment(text) if u.is_item]
    assert items == ["Harbour gates are locked each night by the guard", "Cargo seals are checked before loading",
                     "Crane logs are kept for a year by the port office."]
    assert all("\ue000" not in c.quote for c in extract_text(text, "Harbour Labs"))


def test_a_note_under_a_list_is_not_part_of_its_last_item() -> None:
    text = ("Our drills include:\n• a pump test each week;\n• a flood drill where feasible.\n"
            "\u00b9 The Board will name the drill lead.\n")
    units = [u.text for u in segment(text)]
    assert "a flood drill where feasible." in units
    assert [c.quote for c in extract_text(text, "Harbour") if "drill lead" in c.quote] == [
        "The Board will name the drill lead."]


def test_a_web_pages_note_return_mark_is_no_part_of_the_quote() -> None:
    text = ("Footnotes\n\nThe harbour board should review each flood threshold every year. ↩\n")
    found = extract_text(text, "Acme")
    assert [c.quote for c in found] == ["The harbour board should review each flood threshold every year."]
