"""The segmenter's shape (one documented method per line kind) and the bullet glyphs every reader shares."""

from __future__ import annotations

import hashlib
import inspect

import pytest

from extractor.backends.rules import segment
from extractor.backends.rules.patterns import BULLET_GLYPHS, MIDDLE_DOT, SMALL_BULLETS
from extractor.backends.rules.segment import _Segmenter
from extractor.check import check_commitments
from extractor.models import Commitment, Document, Span


def test_every_method_of_the_segmenter_says_what_it_reads() -> None:
    methods = dict(inspect.getmembers(_Segmenter, inspect.isfunction))
    assert {"feed", "flush", "blank_line", "table_row", "heading", "continuation"} <= set(methods)
    undocumented = [n for n, f in methods.items() if not n.startswith("__") and not (f.__doc__ or "").strip()]
    assert undocumented == []


@pytest.mark.parametrize("glyph", list(BULLET_GLYPHS + MIDDLE_DOT))
def test_a_shared_bullet_glyph_opens_a_list_item(glyph: str) -> None:
    text = f"Harbour duties\n{glyph} We will log each query to the test cluster.\n{glyph} We will keep the record.\n"
    assert [u.text for u in segment(text) if u.is_item] == [
        "We will log each query to the test cluster.", "We will keep the record."]


@pytest.mark.parametrize("glyph", list(BULLET_GLYPHS))
def test_a_shared_bullet_glyph_separates_the_items_of_a_table_cell(glyph: str) -> None:
    row = f"| Pre-launch | {glyph} We will red-team it. {glyph} We will file a card. |\n"
    text = "| Stage | Measures |\n|---|---|\n" + row
    assert [u.text for u in segment(text)] == ["We will red-team it.", "We will file a card."]


@pytest.mark.parametrize("glyph", list(BULLET_GLYPHS + MIDDLE_DOT + SMALL_BULLETS))
def test_a_glossary_line_opening_with_a_shared_bullet_defines_its_term(glyph: str) -> None:
    quote = "We will apply the Harbour Security Standard before any deployment"
    text = (f"[[page 1]]\n{quote}.\n[[page 2]]\nGlossary\n\n"
            f"{glyph} Harbour Security Standard: controls that stop casual attackers.\n")
    doc = Document(id="policy", path="policy.txt", sha256=hashlib.sha256(text.encode()).hexdigest(), title="policy",
                   text=text, page_starts=[0, text.index("[[page 2]]")], org="Acme")
    start = text.index(quote)
    commitment = Commitment(id="policy-1", quote=quote, actor="Acme", modality="must", trigger=None, safeguard=quote,
                            specificity="concrete", verifiable=True, verifiable_signal=None,
                            span=Span(start=start, end=start + len(quote), page=1), flags=[])
    flags = [f for f in check_commitments(doc, [commitment])[0].flags if f.code in ("C501", "C502")]
    assert flags and all(f.code == "C502" and f.defined_in == "policy p.2" for f in flags), flags


def test_headings_a_plain_text_layout_leaves_unmarked_are_read_as_titles() -> None:
    # the section heading is the learned layer's context; a text extracted from a PDF marks none of its headings
    from extractor.backends.rules import segment_with_headings

    text = ("Harbour Duties\n\n"
            "2.1 Tidal review\n"
            "The harbour master reviews the tide tables before each season and records the result.\n\n"
            "Drill Procedures\n"
            "Crews rehearse the evacuation route twice a year under the supervision of the pilot.\n\n"
            "## 3. Reporting\n\n"
            "We publish a summary of every drill within thirty days.\n")
    units, headings = segment_with_headings(text)
    assert [title for _, title in headings] == ["Tidal review", "Drill Procedures", "Reporting"]
    assert all(text[start:].lstrip("# ").startswith(("2.1", "Drill", "3.")) for start, _ in headings)
    # the headings are no part of any sentence
    assert not any("Tidal review" in u.text or "Drill Procedures" in u.text for u in units)


def test_a_proposal_under_an_unmarked_heading_has_it_as_its_context() -> None:
    from extractor.learn.propose import propose

    text = ("Harbour Manual\n\n"
            "1. Incident Response\n"
            "The duty officer must notify the regional authority within two hours of any grounding.\n\n"
            "2. Training\n"
            "We train every new crew member on the evacuation route before their first voyage.\n")
    heading = {p.cand.quote[:12]: p.heading for p in propose(text, "Borealis")}
    assert heading == {"The duty off": "Incident Response", "We train eve": "Training"}
