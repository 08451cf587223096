"""The outline the review page shows: sections a reader would name, not running headers or broken lines."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docmaker import CORPUS

from extractor.load import PAGE_MARKER, load
from extractor.outline import outline

# a made-up policy laid out the way PDF text comes back: a cover title broken over two heading lines,
# a contents page whose entries carry page numbers on lines of their own, a running header on every
# page from the second on, a running footer that the loader marked as a heading, section numbers on
# a line before their titles, and a part heading directly followed by its first section
POLICY = """[[page 1]]

## Example Lab
## Safety Policy

## Version 3


[[page 2]]

Example Lab Safety Policy 2
## Contents

## 1 | Scope
## 3
## 2 | Evaluations
## 3
## Thresholds
## 4

## Draft


[[page 3]]

Example Lab Safety Policy 3
## 1.
## Scope

We will test each model before release and write down what we found.

## 2.
## Evaluations

## 2.1.
## Thresholds

A model that passes a threshold is held back until its safeguards are in place.

## Draft


[[page 4]]

Example Lab Safety Policy 4
We will publish a summary of the results within 30 days.

## Overview

This overview heading is in the middle of a page and is a real section.

More text so the heading above is not near the end of the page.
Another line of text.
And one more line.

## Draft
"""


@pytest.fixture()
def policy(tmp_path: Path):  # type: ignore[no-untyped-def]
    src = tmp_path / "policy.txt"
    src.write_text(POLICY, "utf-8")
    return load(src)


def test_sections_are_the_ones_a_reader_names(policy) -> None:  # type: ignore[no-untyped-def]
    o = outline(policy.text, policy.page_starts)
    assert [s.title for s in o.sections] == ["1. Scope", "2. Evaluations", "2.1. Thresholds", "Overview"]
    # each section starts at its first heading line (its number) and its body after the title
    for s in o.sections:
        assert policy.text[s.start:].startswith("## ")
        assert s.title.split()[-1] in policy.text[s.start:s.body]
        assert policy.text[s.body] == "\n"


def test_running_headers_and_page_numbers_are_classified(policy) -> None:  # type: ignore[no-untyped-def]
    o = outline(policy.text, policy.page_starts)
    running = {" ".join(policy.text[a:b].split()) for a, b in o.running}
    assert running == {"Example Lab Safety Policy 2", "Example Lab Safety Policy 3", "Example Lab Safety Policy 4",
                       "## Draft"}
    kinds = {(line.text, line.kind) for line in o.lines}
    assert ("Draft", "running") in kinds and ("Draft", "title") not in kinds
    # page numbers after contents entries are stray numbers; section numbers belong to their titles
    assert {line.text for line in o.lines if line.kind == "number"} == {"3", "4"}
    assert ("1.", "title") in kinds and ("2.1.", "title") in kinds
    # the two heading lines of a broken title are joined by one line break each
    joined = [policy.text[a:b] for a, b in o.joins]
    assert joined and all(j.strip() == "" and j.count("\n") == 1 for j in joined)


def test_page_breaks_cover_markers_and_blank_lines(policy) -> None:  # type: ignore[no-untyped-def]
    o = outline(policy.text, policy.page_starts)
    assert [b.page for b in o.breaks] == [1, 2, 3, 4]
    for b in o.breaks:
        assert PAGE_MARKER.match(policy.text, b.marker)
        assert policy.text[b.start:b.marker].strip() == "" and policy.text[b.marker:b.end].startswith("[[page ")
        assert PAGE_MARKER.sub("", policy.text[b.start:b.end]).strip() == ""
        assert b.end == len(policy.text) or policy.text[b.end] != "\n"


def test_a_heading_repeated_mid_page_stays_a_section(tmp_path: Path) -> None:
    pages = []
    for n in range(1, 5):
        pages.append(f"[[page {n}]]\n\nOpening text of page {n}.\nMore text here.\nAnd more.\n\n## Details\n\n"
                     f"Body of the details on page {n}.\nLine two.\nLine three.\nLine four.\n")
    src = tmp_path / "repeat.txt"
    src.write_text("".join(pages), "utf-8")
    doc = load(src)
    o = outline(doc.text, doc.page_starts)
    assert [s.title for s in o.sections] == ["Details"] * 4
    assert [line.kind for line in o.lines] == ["title"] * 4
    # the lines repeated at the top and the bottom of every page are running lines, the heading is not
    running = {" ".join(doc.text[a:b].split()) for a, b in o.running}
    assert "## Details" not in running and "More text here." in running and "Line four." in running


def test_text_without_markers_or_headings(tmp_path: Path) -> None:
    src = tmp_path / "plain.txt"
    src.write_text("We will publish a report.\nWe may stop.\n", "utf-8")
    doc = load(src)
    o = outline(doc.text, doc.page_starts)
    assert (o.lines, o.sections, o.breaks, o.running, o.joins) == ([], [], [], [], [])


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.txt")))
def test_corpus_sections_are_titles_not_numbers_or_running_lines(name: str) -> None:
    doc = load(CORPUS / name)
    o = outline(doc.text, doc.page_starts)
    starts = [s.start for s in o.sections]
    assert starts == sorted(set(starts))
    running = {a for a, _ in o.running}
    heading_starts = {line.start for line in o.lines}
    for s in o.sections:
        assert re.search(r"[^\W\d_]", s.title), s.title
        assert s.start in heading_starts and s.start not in running
    # a running line's text recurs on several pages
    keys = [re.sub(r"\d+", "", " ".join(doc.text[a:b].split())) for a, b in o.running]
    assert all(keys.count(k) >= 3 for k in keys)
    assert len(o.breaks) == len(PAGE_MARKER.findall(doc.text))


def test_numbered_titles_at_page_tops_are_not_running_headers(tmp_path: Path) -> None:
    # each tier starts a page; their numbers do not follow the page numbers, so they are titles
    pages = [f"[[page {p}]]\n\n## Tier {t}\n\nWhat tier {t} asks of the lab is set out on page {p}.\n"
             for p, t in ((1, 1), (2, 3), (3, 4), (4, 7))]
    src = tmp_path / "tiers.txt"
    src.write_text("".join(pages), "utf-8")
    doc = load(src)
    o = outline(doc.text, doc.page_starts)
    assert [s.title for s in o.sections] == ["Tier 1", "Tier 3", "Tier 4", "Tier 7"]
    assert o.running == []
    # the same lines numbered like the pages are a running header
    src.write_text("".join(f"[[page {p}]]\n\n## Tier {p + 1}\n\nWhat the lab does is set out on page {p}.\n"
                           for p in range(1, 5)), "utf-8")
    doc = load(src)
    o = outline(doc.text, doc.page_starts)
    assert o.sections == [] and [line.kind for line in o.lines] == ["running"] * 4
