"""The text of a PDF page with its paragraphs: blank lines where the page leaves vertical space.

A PDF has no paragraphs, only lines placed on a page, and pypdf's text has one line per text line
and no blank lines. The segmenter reads a blank line as the end of a paragraph, a heading or a list
item, as the texts converted from PDFs by other tools (pdftotext) have them; without them a heading
runs into the sentence below it and the items of a list into one another. So the vertical position
pypdf reports for each piece of text is kept, and a blank line goes where the gap to the previous line
is clearly wider than the page's usual line pitch, where the text jumps up the page (a new column or
a block placed out of order), and around a short line set in a larger font than the body, which is
marked as a Markdown heading. A running header or footer is put first or last on its page, where such
converters put it, whatever order the PDF drew it in. bench/pdf_quality.py measures what this recovers.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

# a gap this many times the page's usual line pitch is a paragraph break: leading is 1.1-1.5 times the font size,
# space between paragraphs adds at least half a line
GAP_RATIO = 1.3
# ... and so is a gap this many times the body's font size, for a page whose lines are all paragraphs of one line
# (numbered clauses), where the usual pitch is the paragraph gap itself
SIZE_RATIO = 1.75
# a line of at most HEADING_WORDS words whose font is this much larger than the body's is a heading
HEADING_RATIO = 1.15
HEADING_WORDS = 14
# a running header or footer is at most this many lines
MARGIN_LINES = 2


# control characters are no text: pypdf gives them for glyphs a font does not map to a character (bullets, symbols,
# sometimes the space of a font without a map); read as a space, they keep words apart and end nothing
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]+")


@dataclass
class Line:
    text: str
    y: float | None  # the vertical position of its first piece of text (None: pypdf reported none)
    size: float


def page_lines(page: Any) -> list[Line]:
    """pypdf's text of `page`, split into its lines, each with the position and font size of its first piece."""
    pieces: list[tuple[str, float, float]] = []

    def visit(text: str, cm: Sequence[float], tm: Sequence[float], _font: Any, size: float) -> None:
        # the text matrix's origin in page space (tm times cm): where pypdf placed this piece
        # (the font size is in text space: a PDF may set size 1 and scale the text matrix instead)
        scale = abs(tm[2] * cm[1] + tm[3] * cm[3]) or 1.0
        pieces.append((text, tm[4] * cm[1] + tm[5] * cm[3] + cm[5], float(size or 0.0) * scale))

    page.extract_text(visitor_text=visit)
    lines: list[Line] = []
    current, y, size = "", None, 0.0
    for text, ty, tsize in pieces:
        parts = text.split("\n")
        for k, part in enumerate(parts):
            if part.strip() and y is None:
                y, size = ty, tsize
            current += part
            if k < len(parts) - 1:
                lines.append(Line(current, y, size))
                current, y, size = "", None, 0.0
    if current:
        lines.append(Line(current, y, size))
    return lines


def body_size(pages: Sequence[Sequence[Line]]) -> float:
    """The font size most of the document's lines are set in (0 when pypdf reported none)."""
    sizes = [ln.size for lines in pages for ln in lines if ln.text.strip() and ln.size > 0]
    return statistics.median(sizes) if sizes else 0.0


def _heading(line: Line, body: float) -> bool:
    """A short line set larger than the body: written as a Markdown heading, as other converters of PDFs write it."""
    words = line.text.split()
    return (body > 0 and line.size > body * HEADING_RATIO and 0 < len(words) <= HEADING_WORDS
            and any(c.isalpha() for c in line.text))


def _margins_in_place(lines: Sequence[Line], wide: float) -> list[Line]:
    """The page's lines with a running header first and a running footer last, wherever the PDF drew them: at most
    MARGIN_LINES lines above (below) the rest of the page, apart from it by more than a paragraph gap. A producer that
    draws the footer first would otherwise put the page number between the last sentence of a page and its end on the
    next page."""
    placed = sorted((ln for ln in lines if ln.text.strip() and ln.y is not None), key=lambda ln: -(ln.y or 0.0))
    if len(placed) <= 2 * MARGIN_LINES + 1:
        return list(lines)
    top: list[Line] = []
    for k in range(MARGIN_LINES):
        if (placed[k].y or 0.0) - (placed[k + 1].y or 0.0) > 2 * wide:
            top = placed[: k + 1]
            break
    bottom: list[Line] = []
    for k in range(MARGIN_LINES):
        if (placed[-k - 2].y or 0.0) - (placed[-k - 1].y or 0.0) > 2 * wide:
            bottom = placed[-k - 1 :]
            break
    edge = {id(ln) for ln in top + bottom}
    return top + [ln for ln in lines if id(ln) not in edge] + bottom


def with_paragraphs(lines: Sequence[Line], body: float) -> str:
    """The lines of a page joined, with a blank line at each paragraph break the layout shows and headings marked;
    `body`: the document's body font size (`body_size`)."""
    placed = [ln for ln in lines if ln.text.strip() and ln.y is not None]
    gaps = [a.y - b.y for a, b in zip(placed, placed[1:], strict=False)  # type: ignore[operator]
            if a.y is not None and b.y is not None and a.y > b.y]
    # the tight gaps are the line pitch; a page of one-line paragraphs has none, and the font size bounds it
    pitch = sorted(gaps)[len(gaps) // 4] if len(gaps) >= 3 else 0.0
    # a paragraph gap: the smaller of the two bounds that are known (0: neither is, no break is read from the gaps)
    bounds = [b for b in (GAP_RATIO * pitch, SIZE_RATIO * body) if b > 0]
    wide = min(bounds) if bounds else 0.0
    if wide:
        lines = _margins_in_place(lines, wide)
    out: list[str] = []
    prev: Line | None = None
    prev_heading = False
    for ln in lines:
        if not ln.text.strip():
            continue
        heading = _heading(ln, body)
        if prev is not None and ln.y is not None and prev.y is not None:
            gap = prev.y - ln.y
            if (wide and gap > wide) or (pitch and gap < -0.5 * pitch) or heading != prev_heading:
                out.append("")
        out.append("## " + ln.text.strip() if heading else ln.text)
        if ln.y is not None:
            prev, prev_heading = ln, heading
    return _CONTROL.sub(" ", "\n".join(out))
