"""PDF text with its paragraphs: blank lines from the page's vertical space, headings from a larger font (real PDFs
drawn with reportlab, read back with pypdf)."""

from __future__ import annotations

from pathlib import Path

from docmaker import laid_out_pdf

from extractor.backends.rules import extract_text
from extractor.load import load
from extractor.pdflayout import Line, with_paragraphs

BODY, PITCH, GAP = 10.0, 13.0, 24.0


def _paragraphs(path: Path) -> list[str]:
    text = load(path).text
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip() and not p.startswith("[[page")]


def test_space_between_lines_is_a_paragraph_break_and_a_larger_font_a_heading(tmp_path: Path) -> None:
    page = [("Pier Safety Rules", 16.0, 0.0),
            ("Every crane on the pier is inspected by the harbour engineer before", BODY, GAP),
            ("its first lift of the season.", BODY, PITCH),
            ("Cargo handling", 13.0, GAP),
            ("We will close the pier to traffic when winds exceed the limit", BODY, GAP),
            ("set by the harbour master.", BODY, PITCH),
            ("Each crew logs every lift in the shared register.", BODY, GAP)]
    paragraphs = _paragraphs(laid_out_pdf(tmp_path / "rules.pdf", [page]))
    assert paragraphs == [
        "## Pier Safety Rules",
        "Every crane on the pier is inspected by the harbour engineer before its first lift of the season.",
        "## Cargo handling",
        "We will close the pier to traffic when winds exceed the limit set by the harbour master.",
        "Each crew logs every lift in the shared register.",
    ]


def test_a_page_of_one_line_clauses_keeps_each_clause_apart(tmp_path: Path) -> None:
    clauses = [f"{n}. The harbour master shall inspect berth {n} once in each quarter." for n in range(1, 7)]
    paragraphs = _paragraphs(laid_out_pdf(tmp_path / "clauses.pdf", [[(c, BODY, GAP) for c in clauses]]))
    assert paragraphs == clauses


def test_lines_of_one_paragraph_stay_together_and_a_long_large_line_is_no_heading(tmp_path: Path) -> None:
    long_line = "This opening statement set in a larger type runs well past the length any heading of this kind has"
    page = [(long_line, 13.0, 0.0)] + [(f"line {n} of the crane rules, which continue", BODY, PITCH) for n in range(5)]
    text = load(laid_out_pdf(tmp_path / "long.pdf", [page])).text
    assert "## " not in text
    assert "line 0 of the crane rules, which continue\nline 1" in text


def test_a_heading_is_not_glued_to_the_commitment_below_it(tmp_path: Path) -> None:
    # a heading in title case runs into a sentence that opens with a capital when nothing but the layout separates them
    page = [("Safety Measures for Cranes with Heavy Loads", 14.0, 0.0),
            ("Upon finding a fault, we will notify the port authority within 24 hours.", BODY, GAP),
            ("Crane maintenance", 14.0, GAP),
            ("We will replace every crane cable at least once a year.", BODY, GAP)]
    doc = load(laid_out_pdf(tmp_path / "policy.pdf", [page]))
    quotes = [c.quote for c in extract_text(doc.text, "Acme")]
    assert quotes == ["Upon finding a fault, we will notify the port authority within 24 hours.",
                      "We will replace every crane cable at least once a year."]


def test_control_characters_read_as_spaces_and_a_jump_up_the_page_breaks() -> None:
    lines = [Line("first column line one", 700.0, BODY), Line("first column line two\x00", 687.0, BODY),
             Line("first column line three", 674.0, BODY), Line("first column line four", 661.0, BODY),
             Line("second column starts here", 700.0, BODY)]
    assert with_paragraphs(lines, BODY) == ("first column line one\nfirst column line two \nfirst column line three\n"
                                            "first column line four\n\nsecond column starts here")


def test_without_positions_the_lines_are_kept_as_they_are() -> None:
    lines = [Line("a line", None, 0.0), Line("another line", None, 0.0)]
    assert with_paragraphs(lines, 0.0) == "a line\nanother line"


def test_a_footer_drawn_first_is_read_last_and_a_header_first(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "footer.pdf"
    c = canvas.Canvas(str(path))
    for page in (1, 2, 3):
        c.setFont("Helvetica", 8)
        c.drawString(60, 30, f"Pier Rules, page {page}")  # the producer draws the footer before the body
        c.setFont("Helvetica", BODY)
        for k in range(5):
            c.drawString(60, 760 - k * PITCH, f"line {k} of page {page} on crane care")
        c.drawString(60, 800, "Harbour Board")  # and the header after it
        c.showPage()
    c.save()
    text = load(path).text
    page = text[text.index("[[page 2]]"): text.index("[[page 3]]")]
    assert page.index("Harbour Board") < page.index("line 0 of page 2") < page.index("line 4 of page 2") < (
        page.index("Pier Rules, page 2"))
