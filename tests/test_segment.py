"""Segmentation on synthetic layouts: running headers, cells, headings, footnote numbers and page breaks."""

from __future__ import annotations

from extractor.backends.rules import segment


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
