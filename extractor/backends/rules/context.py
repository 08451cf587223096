"""Context around a unit: the section it is in, sections addressed to a reader, stage openers that scope a
paragraph, spans describing the practice already in place, and the neighbourhood that vouches for a present-tense
process statement.
"""

from __future__ import annotations

import re

from ...models import Candidate
from .fields import clean_trigger
from .patterns import AUTHOR_BINDS, BINDING_WORD, CURRENT_PRACTICE, FOOTNOTE, LEADING_TRIGGER_OK
from .segment import Unit, depth0_comma

_HEADING_LINE = re.compile(r"^[ \t]*#{1,6}[ \t]", re.M)


_SECOND_PERSON = re.compile(r"\byou(?:rs?|rself)?\b", re.I)


# "At Level-2, ...", "For Tier-4 systems, ...": a named stage opening a paragraph scopes what follows
_STAGE_OPENER = re.compile(
    r"^(?i:at|for|in|before|after|prior\s+to|until|once|during|upon)\s+"
    r"(?P<np>(?:the\s+|a\s+|an\s+)?(?:[\w\-+’'/]+\s+){0,4}?[\w\-+’'/]*(?:\d|[A-Z]{2,})[\w\-+’'/]*(?:\s+[a-z][\w\-]*){0,2})\s*,",
)


def section_numbers(text: str, units: list[Unit]) -> list[int]:
    """Section number of each unit: headings split the document (pages when it has too few)."""
    marks = [m.start() for m in _HEADING_LINE.finditer(text)]
    if len(marks) < 3:
        marks = sorted(marks + [m.start() for m in re.finditer(r"\[\[page \d+\]\]", text)])
    out: list[int] = []
    i = 0
    for u in units:
        while i < len(marks) and marks[i] <= u.start:
            i += 1
        out.append(i)
    return out


def addressed_sections(units: list[Unit], sections: list[int]) -> set[int]:
    """Sections that talk to a reader ("your task is ..."): task prompts and worked examples, where
    "should" and imperatives specify the example, not the author's conduct."""
    counts: dict[int, int] = {}
    for u, sec in zip(units, sections, strict=True):
        if _SECOND_PERSON.search(u.text):
            counts[sec] = counts.get(sec, 0) + 1
    return {sec for sec, n in counts.items() if n >= 3}


def stage_opener(u_text: str) -> str | None:
    """The condition a unit sets for what follows it: a stage opener ("Before deployment of ASL-3 models, ..."), or a
    lead-in that is a condition alone ("When a model reaches High risk:"), whose list items are the responses."""
    m = _STAGE_OPENER.match(u_text)
    if m and LEADING_TRIGGER_OK.match(u_text):
        return clean_trigger(u_text[: m.end()])
    t = " ".join(u_text.split())
    if (t.endswith(":") and LEADING_TRIGGER_OK.match(t) and _CONDITION_WORD.match(t) and depth0_comma(t) < 0
            and len(t.split()) <= _CONDITION_LEAD_WORDS and not re.search(r"\b(?:will|shall|must)\b", t, re.I)):
        return clean_trigger(t[:-1])
    return None


def condition_item(u_text: str) -> str | None:
    """The condition of a list item that is a condition alone over sub-items of its own ("(b) where a threshold is
    met, (i) notify X; (ii) suspend Y"): the sub-items are the responses, the item itself commits to nothing."""
    t = " ".join(u_text.split())
    if (t[-1:] in (",", ":", "—") and _CONDITION_WORD.match(t) and len(t.split()) <= _CONDITION_LEAD_WORDS
            and not re.search(r"\b(?:will|shall|must|should|may)\b", t[:-1], re.I)):
        return clean_trigger(t[:-1].rstrip(" ,"))
    return None


# (an event before which or after which the items are done: "Before any model is released externally:")
_CONDITION_WORD = re.compile(r"(?:if|when|whenever|once|where|should|upon|in\s+the\s+event|before|prior\s+to|after|"
                             r"following)\b", re.I)
_CONDITION_LEAD_WORDS = 25


_ANNOUNCES_LIST = re.compile(r"\b(?:following|below|summary|overview|as\s+follows)\b|\binclude\s*:?\s*$|:\s*$", re.I)


def current_practice_spans(units: list[Unit], sections: list[int]) -> list[tuple[int, int]]:
    """Where the document describes the practice it already has, announced as such: from the announcing unit to
    the end of the list or summary after it (list items, footnotes and paragraphs continued across a page break), in
    its section. Present-tense statements there say what is the case, not what the author holds itself to
    (decision 26): only a modal verb or a stated requirement binds."""
    spans: list[tuple[int, int]] = []
    ui = 0
    while ui < len(units):
        u = units[ui]
        t = " ".join(u.text.split())
        list_next = ui + 1 < len(units) and units[ui + 1].is_item and units[ui + 1].block != u.block
        if not (
            list_next and CURRENT_PRACTICE.search(t) and _ANNOUNCES_LIST.search(t) and not BINDING_WORD.search(t)
        ):
            ui += 1
            continue
        end = u.end
        j = ui + 1
        sec = sections[ui]
        while j < len(units):
            v = units[j]
            if sections[j] != sec:
                # a sentence continued across a page break (documents with few headings are sectioned by page) keeps
                # the summary going; anything else in a new section ends it
                if not v.text[:1].islower():
                    break
                sec = sections[j]
            first_of_block = units[j - 1].block != v.block
            continuation = v.text[:1].islower() or re.match(r"^(?:\d{1,2}\s+)?https?:", v.text) is not None
            if first_of_block and not v.is_item and not continuation and not FOOTNOTE.match(v.text):
                break
            end = v.end
            j += 1
        spans.append((u.start, end))
        ui = j
    return spans


# the heading of a glossary: "Definitions", "Appendix A: Glossary", "Appendix – terminology", "Key terms and
# acronyms" (not "Threshold Definition", a section that sets thresholds)
_GLOSSARY_HEADING = re.compile(
    r"^(?:(?:appendix|annex|section|part|chapter)\b[\s\dA-Z.:\-–—]*?[\s.:\-–—]+)?(?:(?:key|important|selected)\s+)?"
    r"(?:definitions|glossary|terminology|abbreviations|acronyms|terms\s+used|defined\s+terms|key\s+terms)"
    r"(?:\s+(?:and|&)\s+(?:definitions|abbreviations|acronyms|terminology|terms))?\s*$",
    re.I,
)


# a section that records the document's past versions ("Changelog", "Revision history"): its entries are past facts
_HISTORY_HEADING = re.compile(
    r"^(?:(?:appendix|annex|section|part|chapter)\b[\s\dA-Z.:\-–—]*?[\s.:\-–—]+)?"
    r"(?:change\s*log|version\s+history|revision\s+history|document\s+history|history\s+of\s+(?:changes|revisions)|"
    r"record\s+of\s+changes)\s*$",
    re.I,
)


def glossary_spans(headings: list[tuple[int, str]], end: int) -> list[tuple[int, int]]:
    """The sections a glossary heading opens, each to the next heading: their entries define terms, and a definition
    is no commitment (ANNOTATION.md), whatever verb it holds ("Evaluations will often be run on a system"); only the
    author's own binding sentence there still commits (`in_glossary`). A changelog's section is read the same way: its
    entries record what changed ("March 2026: added the X threshold"), past facts."""
    spans = []
    for k, (start, title) in enumerate(headings):
        if _GLOSSARY_HEADING.match(title.strip()) or _HISTORY_HEADING.match(title.strip()):
            spans.append((start, headings[k + 1][0] if k + 1 < len(headings) else end))
    return spans


# the author binding itself ("We will evaluate X", "we commit to Y"): a commitment even inside a glossary section
_AUTHOR_BINDS = re.compile(rf"\bwe\s+(?:also\s+)?{AUTHOR_BINDS}\b", re.I)


def in_glossary(c: Candidate, spans: list[tuple[int, int]]) -> bool:
    """Is the candidate an entry of a glossary section (`glossary_spans`), not the author's own binding sentence?"""
    return in_spans(c, spans) and _AUTHOR_BINDS.search(c.quote) is None


def in_spans(c: Candidate, spans: list[tuple[int, int]]) -> bool:
    pos = c.hint_start or 0
    return any(a <= pos < b for a, b in spans)


def overlaps(a: Candidate, b: Candidate) -> bool:
    return (a.hint_start or 0) < (b.hint_end or 0) and (b.hint_start or 0) < (a.hint_end or 0)


_CONTEXT_SPAN = 3  # units either side whose commitments vouch for a present-tense process statement


def accept_in_context(pending: list[tuple[int, Candidate]], hits: list[int], sections: list[int]) -> list[Candidate]:
    """Keep a present-tense process statement when the units around it, in its section, are commitments
    too: the same form in a section of descriptions describes the world, not the author's conduct."""
    import bisect

    out: list[Candidate] = []
    pend_units = sorted({ui for ui, _ in pending})
    for ui, cand in pending:
        lo, hi = ui - _CONTEXT_SPAN, ui + _CONTEXT_SPAN
        near = [
            h
            for h in hits[bisect.bisect_left(hits, lo) : bisect.bisect_right(hits, hi)]
            if sections[h] == sections[ui] and h != ui
        ]
        others = [
            p
            for p in pend_units[bisect.bisect_left(pend_units, lo) : bisect.bisect_right(pend_units, hi)]
            if sections[p] == sections[ui] and p != ui
        ]
        # three or more process statements together in a section are a description of the author's process in
        # its own right (a framework written in the present tense), even with no modal commitment nearby
        if (near and len(near) + len(others) >= 2) or len(others) >= 2:
            out.append(cand)
    return out
