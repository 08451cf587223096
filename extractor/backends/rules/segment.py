"""Segmentation: a document into units (sentences and list items, table cells with their row's condition), and a
sentence into clauses.

Blocks come from blank lines, headings, page markers and bullets; running headers, page numbers and headings the
extraction left without a mark never join the sentence after them.
"""

from __future__ import annotations

import bisect
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from ...load import HEADING_ATTRS, PAGE_MARKER
from ...models import Candidate
from ...outline import running_lines
from .patterns import (
    BULLET_GLYPHS,
    COLUMN_NAME,
    ENUM_LEAD,
    ESCAPE_CLAUSE,
    ICON_BLOCKS,
    IRREGULAR_PARTICIPLES,
    LABEL,
    LEAD_CONNECTIVE,
    MIDDLE_DOT,
    PICTURE_BLOCKS,
    SMALL_BULLETS,
    SUPERSCRIPT_DIGITS,
)

# a printed bullet, a dash or an asterisk: a list item's mark whatever follows it ("▶" a play triangle)
_PRINTED = BULLET_GLYPHS + "▶" + MIDDLE_DOT + r"\-–—*"


# a bullet icon PDF extraction left as a stray glyph: a private-use or dingbat character, an arrow or geometric shape,
# a small bullet ("⁃" a hyphen bullet), or an ASCII symbol no sentence starts with ("}", "<", "~")
_ICON = ICON_BLOCKS + PICTURE_BLOCKS + SMALL_BULLETS + "⁃"
# (and a character no text holds: a glyph the font did not map, "\x7f", the Windows bullet read as "\x95", "\ufffd")
_GLYPH = _ICON + "}<>~\x7f\x95\ufffd"


# a private-use glyph PDF extraction leaves right after a bullet or an item number ("●" + an icon the font drew)
_STRAY = "[" + ICON_BLOCKS + "]*"


_LONE_BULLET = re.compile(
    r"^\s*(?:[" + _PRINTED + _GLYPH + r"]|\(?\d{1,2}[a-z]?[.)]|\(?[a-z][.)]|\([ivx]+\))" + _STRAY + r"\s*$")


_BULLET = re.compile(
    r"^\s*(?:[" + _PRINTED + r"]" + _STRAY + r"|[" + _GLYPH + r"](?=\s+[\w“\"‘(])|\(?\d{1,2}[a-z]?[.)]" + _STRAY
    + r"|\(?[a-z][.)]|\([ivx]+\)"
    r"|(?:i{2,3}|iv|vi{1,3}|ix)[.)](?=\s+[A-Za-z])"  # "ii. Audits", "ii. block X": a roman enumerator after "i."
    # a bullet glyph that PDF extraction turned into a letter ("J The team ..."; "M3 Audits ...")
    r"|(?:[B-HJ-Z]|[A-Z]\d)(?=\s+[A-Z][a-z]))\s+"
    r"(?:\[[ xX]\]\s+)?"  # a Markdown task list's box ("- [x] Run X"): part of the item's mark
)


# a line opening with one character and a space: the glyph of a bullet icon when neighbouring lines open with the same
_MARK = re.compile(r"^\s*([^\w\s\d]|[^\W\d])\s+(?=\S)")


def _repeated_marks(lines: list[tuple[int, int, str]]) -> dict[int, int]:
    """Lines whose first character is a bullet icon the extraction turned into a letter or symbol ("o", "q", "§"): the
    same single character opens at least two lines close together (at most four non-blank lines apart). A lone
    article or pronoun ("A", "I") counts only before a capital, since a sentence may open with it."""
    marks: list[tuple[int, str, int]] = []  # (line index, character, end of the mark)
    seen = 0  # non-blank lines read
    rank: dict[int, int] = {}
    for li, (_, _, line) in enumerate(lines):
        if not line.strip():
            continue
        rank[li] = seen
        seen += 1
        m = _MARK.match(line)
        if m is None or (m.group(1) in "AIa" and not line[m.end() : m.end() + 1].isupper()):
            continue
        marks.append((li, m.group(1), m.end()))
    out: dict[int, int] = {}
    for k, (li, ch, end) in enumerate(marks):
        near = [
            other
            for other, och, _ in marks[max(0, k - 1) : k + 2]
            if other != li and och == ch and abs(rank[other] - rank[li]) <= 4
        ]
        if near:
            out[li] = end
    return out


_PAGE_MARK = re.compile(r"^\s*\[\[page \d+\]\]\s*$")


_HEADING = re.compile(r"^\s*#{1,6}\s")


# a heading's marks and its section number ("## 2.1 ", "3. ", "A. ", "IV. ")
_TITLE_MARKS = re.compile(r"^\s*#{0,6}\s*(?:(?:\d+(?:\.\d+)*\.?|[A-Z]\.|[IVX]{1,4}\.)(?:\s+|$))?")
_LETTER = re.compile(r"[^\W\d_]")
_TOC = re.compile(r"\.{5,}\s*\d*\s*$|…{3,}")


_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,3}\s*$", re.I)


_SENT_END = re.compile(
    # a footnote number set off by spaces after a full stop ("... misuse. 3 The lab ..."): a marker, in neither sentence
    r"(?<=[a-z)][.!?])[ \t]+\d{1,2}[ \t]+(?=[A-Z][a-z])"
    # (a footnote's text after its sentence opens with the asterisk that marks it: "... research.\n*Name: https://")
    # (no decimal number: "version 2.0 (the draft)" has no footnote "0" after a full stop)
    # (a sentence may open with a name written in lower case first: "... such as Acme.  eLab plans to ...")
    # (a Markdown emphasis may close after the mark: "**Do you test models?** We test ...")
    r"|(?<=[.!?↩])(?!(?<=\d\.)\d)[\d,¹²³⁰⁴-⁹]*(?:[\"”’)]|\*\*|__)?\s+(?=[\"“(\[*]?\^?[A-Z0-9]|[a-z]{1,3}[A-Z][A-Za-z])"
    # a footnote number glued after a full stop before a name written in lower case first ("... misuse.3 eLab ...")
    r"|(?<=[a-z)][.!?])[\d¹²³⁰⁴-⁹]{1,2}[ \t]+(?=[a-z]{1,3}[A-Z])"
    # two sentences glued where the source lost the space ("... each quarter.We will ...")
    r"|(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])"
    # a bracketed note reference after a full stop ("... than expected.[3] We may ..."): a marker, in neither sentence
    r"|(?<=[a-z)][.!?])(?:\[\^?[\w\-]{1,12}\])+\s+(?=[\"“(\[*]?[A-Z])"
)


_ABBREV = re.compile(
    r"(?:\b(?:e\.g|i\.e|etc|vs|cf|Dr|Mr|Ms|Mrs|No|Fig|Sec|approx|incl|U\.S|U\.K|e\.t\.c)\.|\b[A-Z]\.)$"
)


# a lettered or Roman-numbered label ending a sentence ("see Appendix I."): not an initial
_LABEL_LETTER = re.compile(
    r"\b(?:Appendix|Appendices|Annex(?:es)?|Sections?|Parts?|Chapters?|Tables?|Figures?|Schedules?|Articles?|"
    r"Exhibits?|Levels?|Tiers?|Phases?|Stages?|Class(?:es)?|Types?|Categor(?:y|ies)|Steps?|Items?|Options?|Plan|"
    r"Volumes?|Attachments?|Scenarios?|Tracks?|Rounds?|Grades?|Groups?)\s+[A-Z]\.$"
)


@dataclass(frozen=True)
class Unit:
    """A sentence (or list item) with its offsets in the document text (never changed once segmented: documents'
    units are shared between the rules and the proposals, `segment_with_headings`)."""

    start: int
    end: int
    text: str
    is_item: bool = False
    block: int = 0
    condition: str | None = None  # a table cell's row condition (the row's first cell)
    column: str | None = None  # a table cell's column name (its header row's cell), when the table has one
    # page breaks inside the sentence (document offsets): the marker and the page's furniture around it, blanked
    # in `text`; a quote never crosses one (`clip_at_breaks`)
    breaks: tuple[tuple[int, int], ...] = ()


def _block_ends(text: str, start: int, end: int) -> bool:
    """Does the block `start`..`end` end a sentence? Only its last words are read."""
    return _ends_sentence(text[max(start, end - 40) : end])


def _line_spans(text: str) -> Iterator[tuple[int, int, str]]:
    pos = 0
    for line in text.splitlines(keepends=True):
        yield pos, pos + len(line.rstrip("\r\n")), line.rstrip("\r\n")
        pos += len(line)


_NEXT_TEXT = re.compile(r"\S[^\n]*")


_PAGE_NUMBER_LINE = re.compile(r"^[ \t]*(\d{1,3})[ \t]*$", re.M)


def _numbered_page_starts(text: str) -> list[int]:
    """Where pages start in a plain text with no page markers: after the lines that hold only a page number, the
    longest run of such numbers that rises through the text as pages do (a footnote's number on a line of its own
    falls back and is left out); [] with fewer than three."""
    found = list(_PAGE_NUMBER_LINE.finditer(text))
    numbers = [int(m.group(1)) for m in found]
    # longest strictly rising subsequence, O(n^2): a document has at most a few hundred such lines
    best: list[int] = [1] * len(numbers)
    prev: list[int] = [-1] * len(numbers)
    for i, n in enumerate(numbers):
        for j in range(i):
            if numbers[j] < n and best[j] + 1 > best[i]:
                best[i], prev[i] = best[j] + 1, j
    if not numbers or max(best) < 3:
        return []
    i = best.index(max(best))
    chain: list[int] = []
    while i >= 0:
        chain.append(found[i].end())
        i = prev[i]
    return [0] + sorted(chain)


def _after_page_numbers(text: str, starts: list[int]) -> list[tuple[int, int]]:
    """Running headers of a plain text whose cover and contents pages carry no page number (so the header is not
    at the edge of every page `running_lines` reads): a line that opens three pages or more right after their page
    number, and every other line written the same way."""
    first: dict[str, int] = {}
    for s in starts[1:]:
        m = _NEXT_TEXT.search(text, s)
        if m is not None and text.count("\n", s, m.start()) <= 3:
            key = " ".join(m.group().split())
            first[key] = first.get(key, 0) + 1
    keys = {k for k, n in first.items() if n >= 3 and not k.endswith((".", "!", "?", ":", ";", ","))}
    return [(a, b) for a, b, line in _line_spans(text) if " ".join(line.split()) in keys]


def _running_lines(text: str) -> set[int]:
    """Start offsets of running headers and footers: lines that recur at the edge of several pages and nowhere else
    (`outline.running_lines`, the review page's definition), so a line repeated in the middle of pages (a table cell
    such as "Review required." in many rows) stays text. Headers and footers are names, titles and dates, never
    sentences: a line that ends a sentence is text, and so are the lines that lead into it in lower case (a cell's
    last words at the foot of each page)."""
    starts = [m.start() for m in PAGE_MARKER.finditer(text)]
    if starts:
        starts[0] = 0
    else:
        starts = _numbered_page_starts(text)
    found = running_lines(text, starts) or _after_page_numbers(text, starts)
    out: set[int] = set()
    sentence: set[int] = set()  # candidates that are (part of) a sentence
    for a, b in reversed(found):
        line = text[a:b].strip()
        nxt = _NEXT_TEXT.search(text, b)
        continues = nxt is not None and nxt.group()[:1].islower() and text.rfind("\n", 0, nxt.start()) + 1 in sentence
        if line.endswith((".", "!", "?")) or continues:
            sentence.add(a)
        else:
            out.add(a)
    return out


_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")


_TABLE_RULE = re.compile(r"^\s*\|(?:\s*:?-{2,}:?\s*\|)+\s*$")


# a row of a plain-text table written without the outer bars ("Level 2 | Access is limited ..."), in a run of such rows
_BARE_ROW = re.compile(r"^[^|]*\S\s+\|\s+\S[^|]*(?:\|\s+\S[^|]*)*$")


def _bare_rows(lines: list[tuple[int, int, str]]) -> tuple[set[int], set[int]]:
    """The lines of plain-text tables without outer bars (at least two adjacent rows with the same number of cells),
    and their header rows: a first row of short unpunctuated names above longer cells."""
    rows: set[int] = set()
    header: set[int] = set()
    li = 0
    while li < len(lines):
        run = li
        while run < len(lines) and _BARE_ROW.match(lines[run][2].strip()) and not _TABLE_ROW.match(lines[run][2]):
            if run > li and lines[run][2].count("|") != lines[li][2].count("|"):
                break
            run += 1
        if run - li >= 2:
            rows.update(range(li, run))
            names = [c.strip() for c in lines[li][2].split("|")]
            later = [c.strip() for ln in lines[li + 1 : run] for c in ln[2].split("|")]
            if all(len(c.split()) <= 3 and c[-1:] not in ".:;!?" for c in names) and any(
                len(c.split()) > 3 for c in later
            ):
                header.add(li)
        li = max(run, li + 1)
    return rows, header


# a cell of a table whose columns are set apart by runs of spaces: words joined by single spaces
_SPACED_CELL = re.compile(r"\S+(?: \S+)*")
_SPACED_MIN_ROWS = 3  # a header and two rows, or three rows: fewer lines line up by chance
_SPACED_SLACK = 2  # characters a column's start may move from row to row


def _spaced_cells(line: str, start: int) -> list[tuple[int, int, str]]:
    """(start, end, text) of the cells of a row whose columns are set apart by two or more spaces."""
    return [(start + m.start(), start + m.end(), m.group(0)) for m in _SPACED_CELL.finditer(line)]


def _spaced_rows(lines: list[tuple[int, int, str]]) -> tuple[set[int], set[int]]:
    """The lines of plain-text tables laid out with spaces (no bars): at least three adjacent lines with the same
    number of cells, each column starting at the same place on every line and the first column short (a row's
    label; a page of two text columns has long lines on both sides), and their header rows, as `_bare_rows`."""
    rows: set[int] = set()
    header: set[int] = set()
    li = 0
    while li < len(lines):
        first = _spaced_cells(lines[li][2], 0)
        table: list[list[tuple[int, int, str]]] = []
        if len(first) >= 2 and re.search(r"\S {2,}\S", lines[li][2]) and "|" not in lines[li][2]:
            while li + len(table) < len(lines):
                cells = _spaced_cells(lines[li + len(table)][2], 0)
                if len(cells) != len(first) or any(abs(a - b[0]) > _SPACED_SLACK
                                                   for (a, _, _), b in zip(cells, first, strict=True)):
                    break
                table.append(cells)
        run = li + len(table)
        # (a number and a text on each line are notes or a numbered list: "10  https://...")
        notes = len(first) == 2 and all(re.fullmatch(r"\d{1,3}[.)]?", row[0][2]) for row in table)
        if run - li >= _SPACED_MIN_ROWS and all(len(row[0][2].split()) <= 4 for row in table) and not notes:
            rows.update(range(li, run))
            names = [c for _, _, c in table[0]]
            later = [c for row in table[1:] for _, _, c in row]
            if all(len(c.split()) <= 3 and c[-1:] not in ".:;!?" for c in names) and any(
                    len(c.split()) > 3 for c in later):
                header.add(li)
        li = max(run, li + 1)
    return rows, header


_STACKED_MAX_COLUMNS = 5


def _stacked_rows(lines: list[tuple[int, int, str]]) -> tuple[dict[int, tuple[str, str]], set[int]]:
    """A table the extraction stacked one cell to a line with no blank line between them (a PDF's table): a header of
    two to five column names on lines of their own ("Threshold" / "Description" / "Response"), then rows of as many
    lines, each opening with a short label. Returns each cell line's (row label, column name), and the lines of
    names and labels (no statements). A cell that wraps onto a second line breaks the shape, and the table is left
    to the other readers."""
    cells: dict[int, tuple[str, str]] = {}
    skip: set[int] = set()
    li = 0
    while li < len(lines):
        names: list[str] = []
        k = li
        while k < len(lines) and len(names) < _STACKED_MAX_COLUMNS and COLUMN_NAME.match(lines[k][2].strip()):
            names.append(lines[k][2].strip())
            k += 1
        width = len(names)
        rows = 0
        while width >= 2 and k + rows * width + width <= len(lines):
            row = [lines[k + rows * width + j][2].strip() for j in range(width)]
            label = row[0]
            if (not all(row) or len(label.split()) > 3 or label[-1] in ".:;!?" or COLUMN_NAME.match(label)
                    or any(_BULLET.match(c) for c in row)):
                break
            rows += 1
        if rows < 2:
            li += 1
            continue
        skip.update(range(li, k))
        for r in range(rows):
            first = k + r * width
            label = lines[first][2].strip()
            skip.add(first)
            for j in range(1, width):
                cells[first + j] = (label, names[j])
        li = k + rows * width
    return cells, skip


def _table_cells(line: str, start: int, bare: bool = False) -> list[tuple[int, int, str]]:
    """(start, end, text) of the non-empty cells of a markdown table row (or of a row `bare` of outer bars), offsets
    in the document."""
    cells = []
    if bare:
        line = line + "|"
    pos = 0 if bare else line.index("|") + 1
    while True:
        bar = line.find("|", pos)
        if bar < 0:
            break
        raw = line[pos:bar]
        lead = len(raw) - len(raw.lstrip())
        cell = raw.strip()
        if cell:
            cells.append((start + pos + lead, start + pos + lead + len(cell), cell))
        pos = bar + 1
    return cells


def _column_names(line: str, bare: bool) -> list[str]:
    """The cells of a header row, empty ones included, so that a cell's column is the number of bars before it."""
    cells = line.strip().split("|")
    if not bare:
        cells = cells[1:-1]
    return [c.strip() for c in cells]


def _column_of(line: str, line_start: int, cell_start: int, bare: bool) -> int:
    """The column number of the cell starting at `cell_start` (a document offset) in a row line."""
    bars = line[: cell_start - line_start].count("|")
    return bars if bare else bars - 1


# what separates the items of a list written inside one table cell: a line-break tag, or an inline bullet glyph
_CELL_BREAK = re.compile(
    r"\s*<br\s*/?>\s*|\s*(?:^|(?<=\s))[" + BULLET_GLYPHS + ICON_BLOCKS + r"]" + _STRAY
    + r"\s+|(?:^|\s+)-\s+(?=[A-Z])", re.I
)


def _cell_parts(text: str, cs: int, ce: int) -> list[tuple[int, int]]:
    """The items of a list inside one cell, each a unit of its own (a dash counts only when the cell opens with one,
    so that "A - B" in running words is not cut)."""
    cell = text[cs:ce]
    breaks = [
        m for m in _CELL_BREAK.finditer(cell) if not m.group(0).strip().startswith("-") or cell.lstrip().startswith("-")
    ]
    if not breaks:
        return [(cs, ce)]
    out: list[tuple[int, int]] = []
    pos = 0
    for m in breaks:
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(cell)))
    return [(cs + a, cs + b) for a, b in out if cell[a:b].strip()]


# a row label of a table PDF extraction flattened: a line naming only a level on a scale ("High", "Level 2", "Tier B",
# "XSL-3"); the row's cells follow it, one per line or paragraph
_ROW_LABEL = re.compile(
    r"^(?P<severity>(?:very\s+)?(?:low|medium|moderate|high|critical|severe|minimal|limited|elevated|extreme|"
    r"unacceptable))$"
    r"|^(?P<word>level|tier|stage|grade|category|phase|class)\s+(?:\d{1,2}|[A-Z]|[IVX]{1,4})$"
    r"|^(?P<acronym>[A-Z]{2,5})-\d{1,2}\+?$",
    re.I,
)


# a column header that names a scale ("Risk level", "Capability tier"), and a label that names its scale itself
_SCALE_HEADER = re.compile(r"(?:[A-Za-z\-]+\s+){1,2}(?:level|tier|grade|stage|category|class)", re.I)
_SCALE_WORD = re.compile(r"\b(?:level|tier|grade|stage|category|class)\b", re.I)


def _row_labels(lines: list[tuple[int, int, str]]) -> tuple[dict[int, str], set[int]]:
    """The lines that label the rows of a flattened table, with the condition each states: a level name on a line of
    its own after a blank line (or a page's start), when at least two labels of the same scale stand in the same
    section, so a lone "High" between paragraphs is not taken for one. A heading right above the table is its title
    and scopes the level ("Misuse High": the level of what). Also the lines of its column header (the short lines
    without end punctuation right before its first row), which, as a markdown table's header row, are no units."""
    found: dict[tuple[int, str], list[int]] = {}
    section = 0
    for li, (_, _, line) in enumerate(lines):
        s = line.strip()
        if _HEADING.match(line):
            section += 1  # a table runs on across pages (its rows on two pages are one scale); a heading ends it
            continue
        m = _ROW_LABEL.match(s)
        if m is None or (li > 0 and lines[li - 1][2].strip() and not _PAGE_MARK.match(lines[li - 1][2])):
            continue
        kind = m.lastgroup or ""
        scale = kind if kind == "severity" else f"{kind}:{(m.group(kind) or '').split()[0].lower()}"
        found.setdefault((section, scale), []).append(li)
    tables = [rows for rows in found.values() if len(rows) >= 2]
    header: set[int] = set()
    labels: dict[int, str] = {}
    for rows in tables:
        li = rows[0] - 1
        first_column = ""
        while li >= 0:
            s = lines[li][2].strip()
            if s and (len(s.split()) > 6 or s[-1] in ".:;!?" or _HEADING.match(s) or _PAGE_MARK.match(s)):
                break
            if s:
                header.add(li)
                first_column = s
            li -= 1
        title = _HEADING.sub("", lines[li][2]).strip() if li >= 0 and _HEADING.match(lines[li][2]) else ""
        # the header of the labels' column names the scale ("Risk level" over "Low", "High"): "<title>, risk level
        # High" says of what the label is a level; a bare "Level" adds nothing, and a label that names its scale itself
        # ("Level 2") needs none
        scale = first_column.lower() if _SCALE_HEADER.fullmatch(first_column) else ""
        labels.update({r: " ".join(w for w in (f"{title}," if title and scale else title,
                                               "" if _SCALE_WORD.search(lines[r][2]) else scale,
                                               lines[r][2].strip()) if w) for r in rows})
    return labels, header


def _flat_columns(
    row_cells: dict[int, list[int]], row_columns: dict[int, list[str]], column_of: dict[int, str]
) -> None:
    """Name the columns of a flattened table's cells: only when every row of the table has the same number of cells
    and the header has a name for each (the names nearest the rows, after the label column's and any title's), since
    a row with a missing or split cell cannot be lined up."""
    tables: dict[tuple[str, ...], list[int]] = {}
    for label_line, names in row_columns.items():
        if names:
            tables.setdefault(tuple(names), []).append(label_line)
    for header, rows in tables.items():
        counts = {len(row_cells.get(r, [])) for r in rows}
        k = counts.pop() if len(counts) == 1 else 0
        if k == 0 or len(header) < k + 1:
            continue
        for r in rows:
            column_of.update(zip(row_cells[r], header[-k:], strict=True))


# the author as a sentence's subject, capitalised: never the middle of a sentence wrapped onto the next line
_AUTHOR_OPENS = re.compile(r"(?:We|Our)\s+[a-z]")


# a line that does not end its text: it goes on on the next line
_GOES_ON = re.compile(
    r"(?:[,\-–—/(]|\b(?:and|or|of|the|a|an|to|with|for|in|on|by|at|from|as|that|which|our|its))$", re.I
)


def _lost_bullet(
    text: str, cur_start: int | None, cur_end: int, line: str, wide: float, in_list: bool
) -> bool | None:
    """Does this line start an item of a list whose bullets the extraction lost (True)? A short line opening with a
    capital right after a line that ends in a colon (the lead-in), or right after such an item's last line when that
    line was short too and did not leave its words unfinished. False: it starts the paragraph after such a list (a
    longer line in the same place); None: neither."""
    if cur_start is None or not line[:1].isupper():
        return None
    prev = text[max(cur_start, text.rfind("\n", cur_start, cur_end) + 1) : cur_end].strip()
    short = len(line) < wide and len(line.split()) <= _ITEM_WORDS
    if prev.endswith(":"):
        return True if short and (len(prev) < wide or prev == text[cur_start:cur_end].strip()) else None
    if not in_list or len(prev.split()) > _ITEM_WORDS or _GOES_ON.search(prev) is not None:
        return None
    return short


_ITEM_WORDS = 14  # an item line longer than this is a paragraph's line


_CELL_SHARE = 0.6  # a line shorter than this share of the body's width was not wrapped by the layout


_CELL_REACH = 3  # lines either side read for the shape of a flattened table


# a bullet inside a line, after a space: the items of a list a lead-in runs on in its own line
_INLINE_BULLET = re.compile(r"(?<=\s)[" + BULLET_GLYPHS + r"]" + _STRAY + r"\s+(?=\S)")


def _inline_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The lead-in and the items of a list whose bullets stand inside the block `start`..`end`: at least two bullets,
    the first right after a colon that ends the lead-in ("Our board includes: • A, which ... • B, whose ..."); else
    []. A bullet after prose without a colon is a glyph in running text, not a list."""
    marks = list(_INLINE_BULLET.finditer(text, start, end))
    if len(marks) < 2 or not text[start : marks[0].start()].rstrip().endswith(":"):
        return []
    bounds = [(start, marks[0].start())]
    bounds += [(m.end(), marks[k + 1].start() if k + 1 < len(marks) else end) for k, m in enumerate(marks)]
    out = []
    for a, b in bounds:
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out


# a short label at a line's start glued to the next cell where the extraction lost the space between them: a word
# ending in three lower-case letters run into a capitalised word that goes on as text ("Low riskDeploy the ...")
_GLUED = re.compile(
    r"(?:[A-Za-z][\w\-’']*[ \t]+){0,3}[A-Za-z]*?(?P<left>[A-Za-z]*[a-z]{3})"
    r"(?P<right>[A-Z](?:[a-z]{2,}\b|[a-z]+[ \t]+[a-z]))"
)


_WORD = re.compile(r"[A-Za-z]+")


def _glued_label(text: str, start: int, end: int, counts: Callable[[], Counter[str]]) -> int | None:
    """Where the cell starts after a label glued to it at the line `start`..`end`, or None. A name written in camel
    case ("SeaLink") is no glue: the glued word must occur only once in the text, and its first half must occur as a
    word of its own elsewhere (the second half may be a verb the text uses once)."""
    m = _GLUED.match(text, start, end)
    if m is None:
        return None
    token_start = m.start("left")
    while token_start > start and text[token_start - 1].isalpha():
        token_start -= 1
    token = _WORD.match(text, token_start)
    if token is None:
        return None
    words = counts()
    if words[token.group().lower()] != 1 or not words[text[token_start : m.start("right")].lower()]:
        return None
    return m.start("right") - start


@dataclass
class _Segmenter:
    """The blocks of a text, read line by line. What the whole text shows is read first (running headers, row labels
    and column names of flattened tables, bare-bar tables, repeated bullet letters, the body's width); then each line
    is offered to `feed`, which asks what kind of line it is, in a fixed order, and lets that kind's method say what
    it does to the block being read (`cur_start`..`cur_end`): go on with it, end it (`flush`) or open another."""

    text: str
    # --- the layout of the whole text, read before the first line
    lines: list[tuple[int, int, str]] = field(init=False)  # (start, end, text) of each line
    running: set[int] = field(init=False)  # start offsets of running headers and footers
    labels: dict[int, str] = field(init=False)  # line -> the condition of a flattened table's row it labels
    column_names: set[int] = field(init=False)  # the lines of a flattened table's column header
    bare_rows: set[int] = field(init=False)  # the rows of plain-text tables without outer bars ...
    bare_header: set[int] = field(init=False)  # ... and their header rows
    spaced_rows: set[int] = field(init=False)  # the rows of plain-text tables laid out with spaces ...
    spaced_header: set[int] = field(init=False)  # ... and their header rows
    stacked: dict[int, tuple[str, str]] = field(init=False)  # a stacked table's cell lines: (row label, column) ...
    stacked_skip: set[int] = field(init=False)  # ... and its lines of names and labels
    marks: dict[int, int] = field(init=False)  # line -> end of the bullet letter or symbol that opens it
    wide: float = field(init=False)  # a line this wide is the body's text, no cell of a flattened table
    stubs: set[int] = field(init=False)  # short lines that end without punctuation: names, labels or cells
    words: Counter[str] | None = None  # the text's word counts, read when first needed (`_word_counts`)
    # --- what the reading produces
    blocks: list[tuple[int, int, bool]] = field(default_factory=list)  # (start, end, is_item)
    conditions: dict[int, str] = field(default_factory=dict)  # block start -> the row condition of a table cell
    column_of: dict[int, str] = field(default_factory=dict)  # block start -> the column name of a table cell
    breaks: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # block start -> page breaks inside it
    headings: list[tuple[int, str]] = field(default_factory=list)  # (start, title) of each heading read, marked or not
    # --- the markdown table being read: its header row
    columns: list[str] = field(default_factory=list)
    # --- the flattened table being read: the current row's label, the line of that label, the column names (its
    # header lines) and the line of the last of them, the cells read in each row (label line -> block starts) and
    # the column names in force at each row's label
    row: str | None = None
    row_line: int = -1
    flat_columns: list[str] = field(default_factory=list)
    last_header: int = -2
    title_tail: int = -1  # the line that ends a numbered title broken over two lines
    row_cells: dict[int, list[int]] = field(default_factory=dict)
    row_columns: dict[int, list[str]] = field(default_factory=dict)
    # --- the block being read
    cur_start: int | None = None
    cur_end: int = 0
    cur_item: bool = False
    held: bool = False  # page furniture (marker, running line, page number) seen inside the unfinished block
    marker: bool = False  # ... and a page marker among it
    gap: bool = False  # a blank line (or held furniture) was seen inside the block
    pending_item: bool = False  # a bullet stood alone on the line before: the next line of text is its item
    colon_item: int | None = None  # start of the last block taken as an item of a list that lost its bullets

    def __post_init__(self) -> None:
        self.lines = list(_line_spans(self.text))
        self.running = _running_lines(self.text)
        self.labels, self.column_names = _row_labels(self.lines)
        self.bare_rows, self.bare_header = _bare_rows(self.lines)
        self.spaced_rows, self.spaced_header = _spaced_rows(self.lines)
        self.stacked, self.stacked_skip = _stacked_rows(self.lines)
        self.marks = _repeated_marks(self.lines)
        widths = sorted(len(ln[2].strip()) for ln in self.lines if ln[2].strip())
        # a line as wide as the body text is no cell of a row (the caption or paragraph after a table); a page's text
        # is never narrower than 60 characters, so a short text made mostly of cells keeps them
        self.wide = max(60.0, 0.9 * widths[int(len(widths) * 0.9)] if widths else 0.0)
        self.stubs = {li for li, (_, _, line) in enumerate(self.lines) if self._stub(line.strip())}

    def feed(self, li: int, start: int, end: int, line: str) -> None:
        """Line `li`: the first kind below that it is decides what it does to the block being read."""
        s = line.strip()
        if not s:
            self.blank_line()
            return
        if _TABLE_ROW.match(line) or li in self.bare_rows or li in self.spaced_rows:
            self.table_row(li, start, line)
            return
        self.columns = []  # any other line ends a markdown table
        if li in self.stacked or li in self.stacked_skip:
            self.stacked_line(li, start, line)
            return
        furniture = bool(_PAGE_MARK.match(line) or _PAGE_NUMBER.match(s) or start in self.running)
        if furniture and self.cur_start is not None and (self.held or self._unfinished()):
            self.furniture_inside_sentence(line)
            return
        if self.gap:
            self.after_gap(li, start, line, s)
        if li in self.labels:
            self.row_label_line(li)
            return
        if li in self.column_names:
            self.column_name_line(li, s)
            return
        if self.row is not None and len(s) >= self.wide:
            self.flush()  # a line as wide as the body's text is the paragraph after a flattened table
            self.row = None
        if _LONE_BULLET.match(line):
            self.lone_bullet()
            return
        first = start + len(line) - len(line.lstrip())  # where the line's text starts
        if self.pending_item and not _PAGE_MARK.match(line):
            self.item_after_lone_bullet(first, end)
            return
        if furniture:
            self.furniture(line)
            return
        toc = _TOC.search(s) is not None
        if toc or _HEADING.match(line):
            if not toc:
                self.title(first, s)
            self.heading()
            return
        if li == self.title_tail:
            # the end of a numbered title the layout broke over two lines ("6. Transparency and external" / "review")
            start0, words = self.headings[-1]
            self.headings[-1] = (start0, f"{words} {s}")
            return
        wrapped = _wrapped_numbered_heading(self.lines, li)
        if wrapped or _heading_line(s, self.lines, li, self.text, self.cur_start, self.cur_end):
            self.title(first, s)
            self.flush()  # a heading the extraction left without a mark: never part of the sentence after it
            if wrapped:
                self.title_tail = li + 1
            return
        run_in = _run_in_heading(s) if self.cur_start is None or not self._unfinished() else _author_run_in(s)
        if run_in is not None:
            self.title(first, s[:run_in])
            self.run_in_heading(first + run_in, end)
            return
        match = _BULLET.match(line)
        bullet = match.end() if match else self.marks.get(li)
        in_list = self.colon_item == self.cur_start
        plain = bullet is None and self.row is None
        lost = _lost_bullet(self.text, self.cur_start, self.cur_end, s, self.wide, in_list) if plain else None
        if lost is not None:
            self.lost_bullet_line(first, end, lost)
        elif bullet is not None:
            self.bullet_item(start + bullet, end)
        elif self.cur_start is not None and not self._unfinished() and _NOTE_LINE.match(s):
            self._open(first, end, False)  # a note under the text ("¹ The assessor is ..."): never the item above it
        elif self._paragraph_after_item(s):
            self.flush()  # a short item on one line, then a line of body text: the paragraph after the list
            self.continuation(first, end)
        elif self.cur_start is not None and not self._unfinished() and _starts_label(s):
            self.label_item(first, end)
        elif self._cell_after(li, s) or self._after_inline_items(s):
            self.cell_line(first, end)
        else:
            self.continuation(first, end)

    def _word_counts(self) -> Counter[str]:
        """How often each word (lower case) occurs in the text: read once, when a glued label is first suspected."""
        if self.words is None:
            self.words = Counter(w.lower() for w in _WORD.findall(self.text))
        return self.words

    def _stub(self, s: str) -> bool:
        """A short line (well under the body's width, so the layout did not wrap it) that ends without punctuation
        and on no word that leaves its text unfinished."""
        return bool(s) and len(s) < _CELL_SHARE * self.wide and s[-1] not in ".!?:;," and _GOES_ON.search(s) is None

    def _cell_after(self, li: int, s: str) -> bool:
        """Is this line a new cell of a table the extraction flattened into one line per cell, rather than the next
        line of wrapped prose? The line before it is a stub, this line opens with a capital, and stubs make the
        block's shape (three among the lines around): names, labels and cells each on a line ("Use cases" /
        "General purpose" / "Deploy only after ..."), where a lone short line is a sentence the layout broke
        ("We notify the Safety" / "Board before ..."). Within a flattened table with row labels the cells' own
        reading applies (`_goes_on`)."""
        if self.cur_start is None or self.row is not None or not s[:1].isupper() or _BULLET.match(s) is not None:
            return False
        prev = self.text[self._last_line_start(self.cur_start) : self.cur_end]
        around = sum(1 for k in range(li - _CELL_REACH, li + _CELL_REACH + 1) if k in self.stubs)
        return self._stub(prev.strip()) and around >= 3

    def _paragraph_after_item(self, s: str) -> bool:
        """Is this line a paragraph glued to a list's last item (no blank line between them)? The item is one short
        line the layout did not wrap (`_stub`), and this line opens with a capital and is as wide as the body's text:
        a wrapped item would have filled its line before going on."""
        if self.cur_start is None or not self.cur_item or self.row is not None or not s[:1].isupper():
            return False
        last = self.text[self._last_line_start(self.cur_start) : self.cur_end].strip()
        if _AUTHOR_OPENS.match(s) and last[-1:].isalnum() and _GOES_ON.search(last) is None:
            return True  # "We"/"Our" capitalised opens a sentence: the item ended with its line, unpunctuated
        if _AUTHOR_OPENS.match(s) and last.endswith(".") and self.blocks and self.blocks[-1][2] and re.search(
                r"[;,]\s*(?:and|or)?$", self.text[self.blocks[-1][0] : self.blocks[-1][1]].rstrip()):
            return True  # "a; b; and c." then "We ...": the full stop closed a series of items, and the list with it
        if "\n" in self.text[self.cur_start : self.cur_end] or len(s) < _CELL_SHARE * self.wide * 1.2:
            return False
        return self._stub(self.text[self.cur_start : self.cur_end].strip())

    def _after_inline_items(self, s: str) -> bool:
        """A capitalised line after a block that ends in a list of inline bullets: the list's last item ended with
        its line (a wrapped item goes on in lower case)."""
        if self.cur_start is None or not s[:1].isupper():
            return False
        # the block's last line holds a bullet (cheap) before the whole block is read (once per such line)
        last = self._last_line_start(self.cur_start)
        return _INLINE_BULLET.search(self.text, last, self.cur_end) is not None and bool(
            _inline_items(self.text, self.cur_start, self.cur_end))

    def _last_line_start(self, start: int) -> int:
        """Where the last line of the block being read (from `start`, its `cur_start`) starts."""
        return max(start, self.text.rfind("\n", start, self.cur_end) + 1)

    def _unfinished(self) -> bool:
        """Is a block being read whose words do not end a sentence?"""
        return self.cur_start is not None and not _block_ends(self.text, self.cur_start, self.cur_end)

    def _open(self, start: int, end: int, item: bool) -> None:
        """End the block being read and start another at `start`."""
        self.flush()
        self.cur_start, self.cur_end, self.cur_item = start, end, item

    def flush(self) -> None:
        """End the block being read. A cell of a flattened table's row reads like a markdown table's cell: an item,
        with the row's condition. A block whose lead-in runs its items on after bullets inside the line ("X includes:
        • A • B") is the lead-in and one item block per bullet, as for bullets at the lines' starts."""
        items = _inline_items(self.text, self.cur_start, self.cur_end) if self.cur_start is not None else []
        if items and self.row is None and self.cur_start not in self.breaks:
            self.blocks.append((items[0][0], items[0][1], self.cur_item))
            self.blocks.extend((a, b, True) for a, b in items[1:])
        elif self.cur_start is not None:
            self.blocks.append((self.cur_start, self.cur_end, self.cur_item or self.row is not None))
            if self.row is not None:
                self.conditions[self.cur_start] = self.row
                self.row_cells.setdefault(self.row_line, []).append(self.cur_start)
        self.cur_start = None
        self.held = self.marker = False

    def blank_line(self) -> None:
        """A blank line inside a block: whether the block goes on is known only from the next line of text."""
        self.gap = self.cur_start is not None

    def table_row(self, li: int, start: int, line: str) -> None:
        """A markdown table row (or a plain-text row without outer bars, or one laid out with spaces): each cell is a
        block of its own, with its row's first cell as its condition and its header cell as its column; the header
        row and the rule under it are no units."""
        self.flush()
        self.gap = False
        bare = li in self.bare_rows
        spaced = li in self.spaced_rows
        # the rule under the header row; a loader may have set the rows apart with blank lines
        header = _TABLE_RULE.match(_next_text(self.lines, li)) is not None
        named = header or li in self.bare_header or li in self.spaced_header
        if named:
            self.columns = [c for _, _, c in _spaced_cells(line, 0)] if spaced else _column_names(line, bare=bare)
        if _TABLE_RULE.match(line) or named:
            return
        cells = _spaced_cells(line, start) if spaced else _table_cells(line, start, bare=bare)
        if self.columns and _ACT_COLUMN.fullmatch(self.columns[0].strip(" *_:")):
            # a table whose first column names the acts ("Commitment | Timeline | Owner"): each row's first cell is
            # the commitment, the others say when and by whom, and are no statements of their own
            if cells:
                cs, ce, _ = cells[0]
                self.blocks.extend((ps, pe, True) for ps, pe in _cell_parts(self.text, cs, ce))
            return
        for k, (cs, ce, _) in enumerate(cells):
            if k == 0 and len(cells) > 1:
                continue  # the row's condition: it scopes the other cells, it is not a statement
            col = k if spaced else _column_of(line, start, cs, bare=bare)  # (a spaced row has every cell)
            for ps, pe in _cell_parts(self.text, cs, ce):
                # a cell under a column heading reads like a list item under its lead-in
                self.blocks.append((ps, pe, len(cells) > 1))
                if k > 0:
                    self.conditions[ps] = cells[0][2]
                    if 0 <= col < len(self.columns) and self.columns[col]:
                        self.column_of[ps] = self.columns[col]

    def furniture_inside_sentence(self, line: str) -> None:
        """A page marker, page number or running line inside an unfinished sentence: held back, since the sentence
        may go on after the page's furniture."""
        self.held = True
        self.marker = self.marker or _PAGE_MARK.match(line) is not None
        self.gap = True

    def after_gap(self, li: int, start: int, line: str, s: str) -> None:
        """The first line of text after a blank line or held page furniture: PDF extraction leaves blank lines inside
        sentences, so the block goes on when this line continues it; otherwise the block ends here."""
        self.gap = False
        join = self._goes_on(li, s)
        if self.held:
            join = join and self.cur_start is not None and self._joins_across_page(self.cur_start, start, line)
            self.held = self.marker = False
        if not join:
            self.flush()

    def _goes_on(self, li: int, s: str) -> bool:
        """Does the line after a gap continue the block? When the block is unfinished and the line goes on in lower
        case; or, in a flattened table's row, when a cell of a narrow column was broken by a blank line ("... with
        Product" / "Review Board approval."): the cell goes on while its text stays unfinished and no wider than its
        column."""
        if not self._unfinished():
            return False
        if s[0].islower():
            return True
        if self.row is None or self.cur_start is None or li in self.labels or self.held:
            return False
        column = max(len(x.strip()) for x in self.text[self.cur_start : self.cur_end].splitlines())
        return column < 0.6 * self.wide and len(s) <= 1.25 * column

    def _joins_across_page(self, cur_start: int, start: int, line: str) -> bool:
        """A sentence goes on across a page break only from a page marker, never into a list item, and never from a
        footnote (a page's last lines: "4 https://...", "5 See the report ..."); the break is kept, to be blanked."""
        last = self.text[self.text.rfind("\n", 0, self.cur_end) + 1 : self.cur_end]
        opening = self.text[cur_start : self.text.find("\n", cur_start)]
        if not self.marker or _BULLET.match(line) or "://" in last or re.match(r"\s*\d{1,2}\s", opening):
            return False
        self.breaks.setdefault(cur_start, []).append((self.cur_end, start))
        return True

    def stacked_line(self, li: int, start: int, line: str) -> None:
        """A line of a table stacked one cell to a line (`_stacked_rows`): a column's name or a row's label is no
        statement; a cell is a block of its own, its row's label its condition and its column's name its column."""
        self.flush()
        if li not in self.stacked:
            return
        label, column = self.stacked[li]
        first = start + len(line) - len(line.lstrip())
        self._open(first, start + len(line.rstrip()), True)
        self.conditions[first] = label
        self.column_of[first] = column
        self.flush()

    def row_label_line(self, li: int) -> None:
        """A flattened table's row label ("High", "Level 2"): the row's condition, which scopes the cells after it; it
        is not a statement."""
        self.flush()
        self.row = self.labels[li]
        self.row_line = li
        self.row_columns[li] = self.flat_columns

    def column_name_line(self, li: int, s: str) -> None:
        """A line of a flattened table's column header: a column's name, not a statement. The first name after other
        lines starts another table's header."""
        self.flush()
        if not all(not self.lines[k][2].strip() or k in self.column_names for k in range(self.last_header + 1, li)):
            self.flat_columns = []
        self.flat_columns = [*self.flat_columns, s]
        self.last_header = li

    def lone_bullet(self) -> None:
        """A bullet or enumerator alone on its line: the list item's text is on the next line."""
        self.flush()
        self.pending_item = True

    def item_after_lone_bullet(self, first: int, end: int) -> None:
        """The line after a lone bullet: a list item."""
        self.pending_item = False
        self._open(first, end, True)

    def furniture(self, line: str) -> None:
        """A page marker, page number or running line after a finished sentence: no text; a new page also ends a
        flattened table."""
        self.flush()
        if _PAGE_MARK.match(line):
            self.row = None

    def title(self, start: int, line: str) -> None:
        """Record a heading's title, without its marks and its section number, as the context of what follows it (a
        bare number, the first line of a title broken over two, records nothing)."""
        words = HEADING_ATTRS.sub("", _TITLE_MARKS.sub("", line)).strip()
        if _LETTER.search(words):
            self.headings.append((start, words))

    def heading(self) -> None:
        """A marked heading or a table-of-contents line: no sentence goes on across it, and a flattened table ends."""
        self.flush()
        self.row = None

    def lost_bullet_line(self, first: int, end: int, item: bool) -> None:
        """A line of a list under a lead-in whose bullets the extraction lost (one short line per item, `item`), or
        the longer line after such a list (the paragraph that follows it)."""
        self._open(first, end, item)
        self.colon_item = first if item else None

    def bullet_item(self, first: int, end: int) -> None:
        """A line opening with a bullet, an enumerator or a repeated bullet letter: a list item, without its mark."""
        self._open(first, end, True)

    def label_item(self, first: int, end: int) -> None:
        """'Label: text' after a finished sentence: a new paragraph-like unit."""
        self._open(first, end, False)

    def run_in_heading(self, first: int, end: int) -> None:
        """A line opening with a heading set off from its paragraph's text by a wide gap ("Title Words     The text
        ..."): the paragraph is a block of its own from `first`, the heading no part of it, as a heading on a line
        of its own is none."""
        self._open(first, end, False)

    def cell_line(self, first: int, end: int) -> None:
        """A line that is a cell (or a name) of its own after a short unfinished line: a block of its own. A label
        the extraction glued to the cell after it ("Low riskDeploy ...") is that cell's condition, as a flattened
        row's label is, and no part of its text."""
        glued = _glued_label(self.text, first, end, self._word_counts)
        if glued is None:
            self._open(first, end, False)
            return
        self._open(first + glued, end, True)  # a cell with its row's condition reads as a flattened row's cell does
        self.conditions[first + glued] = self.text[first : first + glued]

    def continuation(self, first: int, end: int) -> None:
        """Any other line of text: it goes on with the block being read, or opens one."""
        if self.cur_start is None:
            self.cur_start, self.cur_item = first, False
        self.cur_end = end


def segment(text: str) -> list[Unit]:
    """Blocks from blank lines, headings, page markers and bullets; sentences within blocks. Each cell of a
    markdown table is a block of its own, with its row's first cell as its condition (header rows are
    not units). A sentence cut by a page break (the page's last words do not end it and the next page's text
    goes on in lower case) is one unit, its break blanked."""
    return segment_with_headings(text)[0]


# the last documents segmented: a run reads each document twice (the rules, then the learned layer's proposals), and
# segmenting is a tenth of the rules' time. Units are not changed after segmenting; callers get their own lists
_SEGMENTED: dict[str, tuple[list[Unit], list[tuple[int, str]]]] = {}
_SEGMENTED_SIZE = 2
_SEGMENTED_LOCK = threading.Lock()


def segment_with_headings(text: str) -> tuple[list[Unit], list[tuple[int, str]]]:
    """`segment`, and the headings read on the way, (start, title) in document order: the marked ones and those a
    plain-text layout left without a mark (a numbered line, a short title line, a title run into its paragraph)."""
    with _SEGMENTED_LOCK:
        done = _SEGMENTED.get(text)
    if done is None:
        done = _segment_with_headings(text)
        with _SEGMENTED_LOCK:
            while len(_SEGMENTED) >= _SEGMENTED_SIZE:
                _SEGMENTED.pop(next(iter(_SEGMENTED)))
            _SEGMENTED[text] = done
    return list(done[0]), list(done[1])


def _segment_with_headings(text: str) -> tuple[list[Unit], list[tuple[int, str]]]:
    reader = _Segmenter(text)
    for li, (start, end, line) in enumerate(reader.lines):
        reader.feed(li, start, end, line)
    reader.flush()
    _flat_columns(reader.row_cells, reader.row_columns, reader.column_of)
    return _sentences(text, reader), reader.headings


def _sentences(text: str, reader: _Segmenter) -> list[Unit]:
    """The sentences of each block, with their block's table condition and column and the page breaks inside them."""
    units: list[Unit] = []
    for b, (bstart, bend, is_item) in enumerate(reader.blocks):
        block = text[bstart:bend]
        for gs, ge in reader.breaks.get(bstart, ()):
            block = block[: gs - bstart] + _BLANK.sub(" ", block[gs - bstart : ge - bstart]) + block[ge - bstart :]
        first = len(units)
        pos = 0
        for m in _SENT_END.finditer(block):
            before = block[max(0, m.start() - 40) : m.start()].rstrip('"”’)0123456789¹²³⁰⁴⁵⁶⁷⁸⁹,')
            if _ABBREV.search(before) and not _LABEL_LETTER.search(before):
                continue
            units.extend(_unit(block, bstart, pos, m.start(), is_item, b))
            pos = m.end()
        units.extend(_unit(block, bstart, pos, len(block), is_item, b))
        condition, column = None, None
        if bstart in reader.conditions:
            condition, column = reader.conditions[bstart], reader.column_of.get(bstart)
        elif is_item and len(units) > first and (label := _CONDITION_RUN_IN.match(units[first].text)) is not None:
            # "- **High threshold reached:** the model may only be deployed with X": the item's label is its condition
            condition = label.group("cond")
        for k in range(first, len(units)):
            u = units[k]
            units[k] = replace(u, condition=condition if condition is not None else u.condition,
                               column=column if column is not None else u.column,
                               breaks=tuple((gs, ge) for gs, ge in reader.breaks.get(bstart, ())
                                            if u.start < ge and gs < u.end))
    return units


_BLANK = re.compile(r"[^\n]")
# a list item's run-in label that states when its text applies ("High threshold reached:", "If a model exceeds X:")
_CONDITION_RUN_IN = re.compile(
    r"^(?:\*\*|__)?(?P<cond>(?:(?:if|when|whenever|once|upon|after|before|where)\s[^:\n]{2,80}|"
    r"[A-Z][^:\n]{1,60}?\s(?:reached|crossed|exceeded|met|triggered|detected|identified|breached|passed)))"
    r"(?:\*\*|__)?:\s", re.I)


def clip_at_breaks(found: list[Candidate], units: list[Unit], text: str) -> None:
    """A candidate read across a page break keeps one side of it, as a quote never holds a page's furniture: the side
    with the modal or commitment word when only one has one, else the first (where its subject and verb stand)."""
    cut = [(u.start, u.end, u.breaks) for u in units if u.breaks]
    if not cut:
        return
    starts = [a for a, _, _ in cut]
    for c in found:
        if c.hint_start is None or c.hint_end is None:
            continue
        i = bisect.bisect_right(starts, c.hint_start) - 1
        if i < 0 or c.hint_start >= cut[i][1]:
            continue
        inside = [(gs, ge) for gs, ge in cut[i][2] if c.hint_start < ge and gs < c.hint_end]
        if not inside:
            continue
        edges = [c.hint_start] + [x for gap in inside for x in gap] + [c.hint_end]
        sides = [(max(c.hint_start, edges[k]), min(c.hint_end, edges[k + 1])) for k in range(0, len(edges), 2)]
        sides = [(a, b) for a, b in sides if text[a:b].strip()]
        if not sides:
            continue
        cued = [(a, b) for a, b in sides if _ANY_CUE.search(text, a, b)]
        a, b = cued[0] if len(cued) == 1 else sides[0]
        while b > a and text[b - 1] in " \t\r\n,;:":
            b -= 1
        c.quote, c.hint_start, c.hint_end = " ".join(text[a:b].split()), a, b


_MAX_UNIT = 2000  # no real sentence is longer; longer runs (hostile or garbled input) are cut in windows


def _unit(block: str, offset: int, s: int, e: int, is_item: bool, b: int) -> list[Unit]:
    while s < e and block[s].isspace():
        s += 1
    while e > s and block[e - 1].isspace():
        e -= 1
    if e - s < 3:
        return []
    out: list[Unit] = []
    while e - s > _MAX_UNIT:
        # keep the per-unit work bounded: cut at the last space before each window's end
        cut = block.rfind(" ", s + _MAX_UNIT // 2, s + _MAX_UNIT)
        cut = cut if cut > s else s + _MAX_UNIT
        out.append(Unit(offset + s, offset + cut, block[s:cut], is_item, b))
        s = cut
        while s < e and block[s].isspace():
            s += 1
    if e - s >= 3:
        out.append(Unit(offset + s, offset + e, block[s:e], is_item, b))
    return out


_SMALL_WORDS = frozenset("a an and as at by for from in of on or the to with vs".split())


def _title_case(words: list[str]) -> bool:
    """Each word capitalised but the small ones (and numbers or signs), as a heading's words are."""
    return all(w[0].isupper() or w.lower() in _SMALL_WORDS or not w[0].isalpha() for w in words)


# words a heading never ends with: a short line ending in one is a sentence the layout broke ("We notify the")
_OPEN_END = frozenset(
    "a an the of to and or nor for with in on by at from into onto than that which who whom whose where when if as "
    "our its their your his her this these those such any each every all no not we it they will shall must should may "
    "can could would might is are was were be been being has have had do does did per via including".split()
)


# a modal or auxiliary verb: a line holding one is a sentence, not a title
_VERB_WORD = re.compile(r"\b(?:will|shall|must|should|may|might|can|could|would|is|are|was|were|has|have|had)\b", re.I)


# a section number opening a line: "2", "2.2", "2.2.1", "A.1" (a lone "2." is also a numbered list's mark)
_SECTION_NUMBER = re.compile(r"(?P<no>(?:\d{1,2}|[A-Z])(?:\.\d{1,2}){1,3}\.?|\d{1,2}\.?)[ \t]+(?=[A-Z])")


def numbered_heading(line: str) -> str | None:
    """The title of a numbered heading line a plain-text layout leaves without a mark ("2.2 Systemic review", "3.
    Security Controls"), or None: a section number, then at most eight words with no end punctuation and no modal or
    auxiliary verb; after a lone "3." (a numbered list's mark too) the words must be title case."""
    s = line.strip()
    m = _SECTION_NUMBER.match(s)
    if m is None:
        return None
    title = s[m.end() :]
    words = title.split()
    if not _short_title(title):
        return None
    if words[-1].lower() in _OPEN_END or (not re.search(r"\.\d", m.group("no")) and not _title_case(words)):
        return None
    return title


def _short_title(title: str) -> bool:
    """A section number's words that can be a title: one to eight, no end punctuation, no modal or auxiliary verb."""
    # (a question a title names may hold its own verb: "Determining whether a threshold is reached")
    return 1 <= len(title.split()) <= 8 and len(title) <= 70 and title[-1] not in ".,;:!?)" and not _VERB_WORD.search(
        re.sub(r"\b(?:whether|how|what|why|which)\b.*$", "", title))


def _next_text(lines: list[tuple[int, int, str]], li: int) -> str:
    """The first line of text in the three after line `li` ("" when they are blank)."""
    return next((ln[2].strip() for ln in lines[li + 1 : li + 4] if ln[2].strip()), "")


def _opens_child(own: re.Match[str] | None, nxt: re.Match[str] | None) -> bool:
    """Is the section number `nxt` the first subsection's of `own` ("2." then "2.1")?"""
    return own is not None and nxt is not None and nxt.group("no").startswith(own.group("no").rstrip(".") + ".")


def _wrapped_numbered_heading(lines: list[tuple[int, int, str]], li: int) -> bool:
    """Is line `li` a numbered title that a narrow column broke before its last words ("6. Transparency and external",
    then "review", then a sentence)? The words on the next line start in lower case and end no sentence, and with
    them the line reads as a numbered heading would."""
    s = lines[li][2].strip()
    m = _SECTION_NUMBER.match(s)
    if m is None or li + 1 >= len(lines):
        return False
    tail = lines[li + 1][2].strip()
    if not tail or not tail[0].islower() or len(tail.split()) > 3 or tail[-1] in ".,;:!?)":
        return False
    title = f"{s[m.end():]} {tail}"
    after = _next_text(lines, li + 1)
    if not _short_title(title) or title.split()[-1].lower() in _OPEN_END or not after[:1].isupper():
        return False
    return _numbered_heading_at(lines, li)


def _numbered_heading_at(lines: list[tuple[int, int, str]], li: int) -> bool:
    """Is line `li`, a numbered heading's form ("2.2 Risk analysis", "3. Security Review"), one? The number says
    heading; only a numbered list (a lead-in with a colon before it, a numbered line after it) reads the same way."""
    before = next((ln[2].strip() for ln in reversed(lines[max(0, li - 4) : li]) if ln[2].strip()), "")
    after = _next_text(lines, li)
    own = _SECTION_NUMBER.match(lines[li][2].strip())
    nxt = _SECTION_NUMBER.match(after)
    prev = _SECTION_NUMBER.match(before)
    if not after or before.endswith(":") or (own and prev and _depth(prev.group("no")) == _depth(own.group("no"))):
        return False  # the last item of a numbered list, or one after its lead-in or its sibling item
    # a sub-heading right under it ("2." then "2.1 ..."): a section opening with its first subsection
    return _opens_child(own, nxt) or (not _BULLET.match(after) and numbered_heading(after) is None)


def _section_with_child(s: str, lines: list[tuple[int, int, str]], li: int) -> bool:
    """A lone-numbered line in sentence case ("3. Risk assessment") right above its first subsection ("3.1 The ...")
    : a section heading, though a numbered list's item reads the same way when nothing numbered follows it."""
    own = _SECTION_NUMBER.match(s)
    if own is None or re.search(r"\.\d", own.group("no")) or not _short_title(s[own.end() :]):
        return False
    return _opens_child(own, _SECTION_NUMBER.match(_next_text(lines, li)))


# the heading of a table's first column when that column lists the author's acts, not the conditions of its rows
_ACT_COLUMN = re.compile(
    r"(?:our\s+|key\s+)?(?:commitments?|measures?|actions?|safeguards?|mitigations?|requirements?|controls?|"
    r"practices?|obligations?|what\s+we\s+(?:do|will\s+do|commit\s+to))", re.I)


def _depth(number: str) -> int:
    """How many levels a section number has: "2" and "2." one, "2.1" two."""
    return len(number.rstrip(".").split("."))


def _heading_line(s: str, lines: list[tuple[int, int, str]], li: int, text: str, cur_start: int | None,
                  cur_end: int) -> bool:
    """A short line with no end punctuation, after a finished sentence (or a block start) and before a line that
    starts a sentence: a heading without its '#'. A title-case line is one whenever the next line is longer in
    words; a sentence-case line ("Assess residual risk") only when it ends on a content word, holds no modal or
    auxiliary verb and is much shorter than the sentence after it (a short first line of a paragraph is not)."""
    if numbered_heading(s) is not None:
        return _numbered_heading_at(lines, li)
    if _ARTICLE_HEADING.match(s):
        return True  # "Article 7 (Disclosure)", "Section 4 - Security": a legal text's heading, never a sentence's
        # start
    if _section_with_child(s, lines, li):
        return True
    number = _SECTION_NUMBER.match(s)
    if number is not None:
        # a numbered title in sentence case ("2. Risk domains"): as a short line in sentence case is, below
        title = s[number.end() :]
        nxt = _next_text(lines, li)
        return (_short_title(title) and nxt[:1].isupper() and _sentence_case_title(title, nxt)
                and _numbered_heading_at(lines, li))
    words = s.split()
    if not (1 <= len(words) <= 6 and len(s) <= 50) or s[-1] in ".,;:!?)" or not s[0].isupper():
        return False
    if cur_start is not None and not _block_ends(text, cur_start, cur_end):
        return False
    nxt = next((ln[2].strip() for ln in lines[li + 1 : li + 3] if ln[2].strip()), "")
    # (a title-case line over a list is its heading: "CHANGELOG" then "- March 2026: added X")
    opens = nxt[:1].isupper() or (_BULLET.match(nxt) is not None and _title_case(words))
    if not (nxt and opens and len(nxt.split()) > len(words)):
        return False
    return _title_case(words) or _sentence_case_title(s, nxt)


_ARTICLE_HEADING = re.compile(
    r"(?:Article|Section|Chapter|Part|Clause|Annex|Appendix|Schedule)\s+(?:\d{1,3}|[IVXLC]{1,6}|[A-Z])(?:\.\d{1,2})*\.?"
    r"(?:\s*(?:\([^().;]{1,60}\)|[:\-–—]\s*[A-Z][^.;:]{0,60}))?\s*$")


def _sentence_case_title(title: str, nxt: str) -> bool:
    """Does a short line in sentence case read as the title of the text line `nxt` after it? It ends on a content word,
    holds no modal or auxiliary verb and is much shorter than that line, which is no list item and does not open
    with a verb."""
    return (
        title.split()[-1].lower() not in _OPEN_END
        and _VERB_WORD.search(title) is None
        and _VERB_WORD.match(nxt) is None  # "Each model / Must pass ...": the line is the subject
        and 2 * len(title) <= len(nxt)
        and not _BULLET.match(nxt)
    )


# a title at a line's start, a wide gap (three spaces or a tab), then its paragraph's text
_RUN_IN = re.compile(r"(?P<head>[A-Z][^\s.,;:!?]*(?: [^\s.,;:!?]+){0,8})(?: {3,}|\t[ \t]*)(?=[A-Z“\"(])")


# a short title at a line's start run into a sentence of the author's ("External collaborations We work with X"): a
# capitalised "We"/"Our" after words with no punctuation between starts a sentence, so the words before are a heading
_RUN_IN_AUTHOR = re.compile(r"(?P<head>[A-Z][\w’'\-]*(?: [\w’'\-]+){0,5}) (?=We [a-z]|Our [A-Za-z])")


def _author_run_in(s: str) -> int | None:
    """Where the author's sentence starts after a short title run into it (`_RUN_IN_AUTHOR`), or None: the capital
    "We" starts a sentence even when the line before left its own unfinished (a heading the extraction lost)."""
    m = _RUN_IN_AUTHOR.match(s)
    return m.end() if m is not None and not _VERB_WORD.search(m.group("head")) else None


def _run_in_heading(s: str) -> int | None:
    """Where the text starts after a run-in heading at the start of line `s`, or None. The heading is title case
    (each word capitalised but the small ones), as a sentence's words set apart by justified spacing are not; or it
    is a short title the author's sentence runs on from (`_RUN_IN_AUTHOR`)."""
    author = _author_run_in(s)
    if author is not None:
        return author
    m = _RUN_IN.match(s)
    if m is None:
        return None
    words = m.group("head").split()
    if not _title_case(words):
        return None
    return m.end()


def _ends_sentence(text: str) -> bool:
    # (a Markdown emphasis may close after the mark: "**Do you test models?**")
    return text.rstrip().rstrip("*_").endswith((".", ":", ";", "?", "!"))


def _starts_label(line: str) -> bool:
    """A line that starts a new paragraph-like unit: 'Label: text' after a finished sentence."""
    return bool(re.match(r"^[A-Z][\w’'\- ]{2,40}:\s", line))


# a past participle, regular or irregular
_PARTICIPLE = rf"(?:[a-z]+(?:ed|en)|{IRREGULAR_PARTICIPLES})"


_CLAUSE_SPLIT = re.compile(
    r";\s+|,?\s+(?:and|but|while|whereas)\s+(?=(?:we|it|the\s+\w+|our\s+\w+|"
    # (a question's subject is no new clause's: "and decides whether a model may be released")
    r"(?:(?!(?:that|which|who|whom|whose|if|when|where|whether|how|what|because|so|than|to|as|and|or|not)\b)"
    r"[A-Za-z][\w\-’'/]*\s+){1,4})"
    # (a verb of intent only with its "to": "and update the plan" names a plan, it plans nothing)
    r"(?:will|shall|must|should|may|would|can|(?:commit|aim|intend|plan)s?(?=\s+to\b)|expect(?=\s+(?:[\w\-’']+\s+){0,3}?(?:to|that)\b)|"
    r"also\s+will)\b)"
    # ", and <a longer subject of its own> can/will ...": after a comma a new subject may be a longer noun phrase
    r"|,\s+(?:and|but)\s+(?=(?:(?!(?:that|which|who|whom|whose|if|when|where|because|so|than|to|as|not)\b)"
    r"[A-Za-z][\w\-’'/]*\s+){5,10}(?:will|shall|must|should|may|can|would)\s+(?:not\s+)?(?:be\s+)?[a-z]+)"
    rf"|,?\s+and\s*,?\s+(?=(?:{ESCAPE_CLAUSE}\s*,?\s+)?(?:will|shall|must|should|may|would|also\s+will|we\s+will)\b|"
    r"a\s+commitment\s+(?:not\s+)?to\b)"
    # "we will not X but will Y": a prohibition and a commitment, two units (not "not only X but also Y")
    r"|,?\s+but\s+(?=(?:instead\s+|rather\s+)?(?:will|shall|must|may|should)\b)"
    # "X quarterly, but when Y, they will be assessed sooner": a second clause under a condition of its own
    # (after "and" too, its comma maybe lost: "..., and where we cannot reach X we will hold back the model")
    r"|(?P<own>,\s+(?:but|and)\s+)(?=(?:if|when|where|once|should|unless)\s+[^,;]{3,120}?(?:,\s*|\s+)"
    r"(?:we|they|it|the\s+\w+|our\s+\w+)\s+(?:will|shall|must|should|may|would)\b)"
    # "We mitigate X by Y: we have designed Z": the author's sentence after a colon is a clause of its own
    r"|(?P<own2>:\s+)(?=we\s+[a-z])"
    # "deployment is paused and the Head of Safety convenes a review": a named body's own act after a statement
    r"|(?P<own3>\s+and\s+)(?=the\s+(?-i:[A-Z][\w\-]*(?:\s+(?:[A-Z][\w\-]*|of|and|for|on)){0,5}\s+(?:also\s+)?"
    r"[a-z]{3,}[^s\W]s)\s)"
    # a parenthetical with its own subject and modal ("X (though we will stop early if Y)") is a clause of its own
    r"|\s+\((?:though|although|but|and|while)?\s*(?=we\s+(?:will|would|shall|must|should|may)\b)"
    # "This is an open problem, and we continue to fund X": the author's ongoing activity after a description
    r"|,\s+and\s+(?=we\s+(?:also\s+)?continue\s+to\b)"
    # "X, although the Lead may approve Y": a concession with a subject and modal of its own is a clause of its own
    r"|(?P<own4>,\s+(?:al)?though\s+)(?=(?:(?!(?:that|which|who|if|when|where|to|as|not)\b)[A-Za-z][\w\-’'/]*\s+){1,4}"
    r"(?:will|shall|must|should|may|would|can)\b)"
    # "X, and it records its reasons": a pronoun subject after the comma starts the second clause
    r"|(?P<own5>,\s+and\s+)(?=(?:it|they)\s+(?:(?:also|then|[a-z]+ly)\s+)?(?!(?:is|are|was|were|has|have|had|does|do|"
    r"did|seems?|appears?|means?)\b)[a-z]{3,}s?\b)"
    # "findings go to the Office, which may request Y", "a report, which we will update": a relative clause with its
    # own modal after a body, or with the author's "we" and modal, commits on its own (its quote opens on "which")
    r"|(?P<own6>,\s+)(?=which\s+(?:we\s+)?(?:also\s+)?(?:will|shall|must|may|can)\s+[a-z]|which\s+(?:also\s+)?"
    r"[a-z]{3,}(?<!ss)s\s+(?:the|a|an|its|their|all|any|every|each|whether|them|it|these|those|our)\b)"
    # "X must be written down, must state its reasons": the same modal again after a comma opens a second act
    r"|(?P<own7>,\s+)(?=(?:must|shall|will)\s+(?:not\s+)?(?:also\s+)?[a-z]{3,})"
    # "We align X to Y, and we monitor Z": a second present-tense statement of the author with its own "we"
    r"|,\s+and\s+(?=we\s+(?:(?:also|then|[a-z]+ly)\s+){0,2}(?!(?:are|were|have|had|do|did|can|could|may|might|will|"
    r"would|should|must|shall|believe|think|hope|expect|know|see|feel)\b)[a-z]+\b)"
    # "X are reviewed by Y, and any issues are escalated to Z": a second present-tense passive with its own subject
    # (the subject one noun phrase: "the data the models are connected to" is no clause)
    # (its subject may be bare, "and logs are kept for X"; and after a comma alone in a series of such steps, "X are
    # stored in Y, access is limited to Z, and ...")
    r"|(?:,\s+and|(?P<comma>,))\s+(?=(?P<passive>(?:(?:the|any|all|each|every|such|these|those|our|its|their)\s+|"
    r"(?!(?:the|a|an|our|its|their|we|they|it|that|which|who|this|there|here|what|where|when|if|as|so|and|or|but)\b)"
    r"(?=[a-z]))(?:(?!(?:the|a|an|our|its|their|we|they|it|that|which|who)\b)[\w\-’']+\s+){0,4}?"
    # (or a requirement of its own: "..., and any large change also requires the consent of Y")
    rf"(?:(?:is|are)\s+(?:(?:also|then|[a-z]+ly)\s+)?{_PARTICIPLE}|(?:also\s+)?requires?)\s+[a-z]))"
    # "X, in which case the notes will be filed": what follows in that case is a clause of its own
    r"|(?P<own8>,\s+)(?=in\s+which\s+case\s+(?:[\w\-’']+\s+){1,5}(?:will|shall|must|should|may|is|are)\b)",
    re.I,
)


# the alternatives of `_CLAUSE_SPLIT` that start a clause of their own, whatever the part before holds (their own
# conditions are checked one by one in `split_clauses`)
_OWN_CLAUSE_GROUPS = ("own", "own2", "own4", "own5", "own6", "own7", "own8")


_PRESENT_PASSIVE = re.compile(rf"\b(?:is|are)\s+(?:(?:also|then|[a-z]+ly)\s+)?{_PARTICIPLE}\b", re.I)


# any modal-like word: an "and" only starts a new clause when the part before it has its own verb
_ANY_CUE = re.compile(
    r"\b(?:will|shall|must|should|may|can|would|commit(?!tee)\w*|aim\w*|intend\w*|plan\w*|expect\w*|ensur\w*|"
    r"requir\w*|need\w*|hope\w*|seek\w*|striv\w*)\b",
    re.I,
)


def depth0_comma(text: str) -> int:
    """The first comma outside parentheses (an opener's end), or -1."""
    depth = 0
    for i, ch in enumerate(text[:300]):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch == "," and depth == 0:
            return i
    return -1


# (not the "we" of a clause inside the opener: "To ensure we are X we have Y", "Where we cannot X we will Y")
_BARE_WE = re.compile(r"(?<!\bthat)(?<!\bwhich)(?<!\bwho)(?<!\bensure)(?<!\bif)(?<!\bwhen)(?<!\bwhere)(?<!\bonce)"
                      r"(?<!\bas)(?<!\bbefore)(?<!\bafter)(?<!\buntil)(?<!\bunless)(?<!\bwhile)(?<!\bsince)"
                      r"(?<!\bbecause)(?<!\bwhether)(?<!\bso)\s(?=we\s+[a-z])", re.I)


def after_opener(clause: str) -> int | None:
    """Where the clause's subject starts after an opener ("At <Name>, we ...", "For frontier systems, a model is
    ..."): past the opener's comma and the spaces after it; None when no comma ends an opener within 150 characters."""
    comma = depth0_comma(clause)
    bare = _BARE_WE.search(clause[: comma if 0 <= comma <= 150 else 150])
    if (bare is not None and bare.start() >= 3 and 0 <= comma <= 150
            # ("For every crane we operate, we publish X": that "we" is a relative clause's, the subject follows the
            # comma)
            and not re.match(r",\s+we\s", clause[comma:])):
        return bare.end()  # "For deployed models we repeat X every year, and sooner if Y": the opener ends at "we"
    if comma < 0 or comma > 150:
        # an opener the text ends without its comma ("Before each release we test the model"): the author's "we"
        # starts the subject, unless it is inside a relative clause of the opener ("For models that we train ...")
        bare = _BARE_WE.search(clause[:150])
        return bare.end() if bare is not None and bare.start() >= 3 else None
    # an opener with a list of its own ("To inform customers, regulators and the public, we record X"): its comma is
    # the one the author's "we" follows
    we = re.search(r",\s+we\s", clause[comma : comma + 200])
    if we is not None and "(" not in clause[comma : comma + we.start()]:
        comma += we.start()
    # an opener that says more of what it names ("At Level 2, which applies to any model that X, access is Y"): the
    # relative clause is the opener's, the subject follows its comma
    rel = re.match(r",\s+(?:which|who)\s[^,;:]{1,150},", clause[comma:])
    if rel is not None:
        comma += rel.end() - 1
    start = comma + 1
    while start < len(clause) and clause[start] == " ":
        start += 1
    return start


def subject_start(clause: str, *openers: re.Pattern[str]) -> int | None:
    """Where the clause's subject starts: 0 when none of `openers` opens it; past the opener's comma when one does
    (`after_opener`); None when that opener has no comma to end it, so the clause is not of the caller's form."""
    if not any(o.match(clause) for o in openers):
        return 0
    return after_opener(clause)


_WE_MODAL = re.compile(r"we\s+(?:also\s+)?(?:will|shall|must|should|may|would|can|commit|aim|intend|plan|expect|"
                       r"continue\s+to)\b", re.I)


_NEGATED_MODAL = re.compile(r"\b(?:won[’']t|shan[’']t|mustn[’']t|cannot|can[’']t)\b", re.I)


def split_clauses(text: str) -> list[tuple[int, int]]:
    """Clause boundaries: split at ';' and at 'and/but' that start a new subject+modal, when the part
    before has a verb of its own ("A and B must ..." is one subject, not two clauses)."""
    bounds: list[tuple[int, int]] = []
    pos = 0
    for m in _CLAUSE_SPLIT.finditer(text):
        before = text[pos : m.start()]
        if m.group("own3"):
            # a named body's act after a statement with a verb of its own; inside a condition it is part of it
            # ("unless the Council approves X and the CEO signs")
            if not (_PRESENT_PASSIVE.search(text, pos, m.start()) or _ANY_CUE.search(before)) or re.search(
                    r"\b(?:unless|if|when|whenever|until|once|where|after|before|provided)\b[^,;]*$", before, re.I):
                continue
        elif m.group("own6") and not (re.match(r",\s+which\s+we\s", text[m.start() :])
                                      or _BODY_BEFORE.search(text, pos, m.start())):
            continue  # ("models, which may pose risks": a description of what it follows, no body's act)
        elif m.group("own7") and not _main_cue(before):
            continue
        elif m.group("own8") and _CASES_EXIST.search(before):
            continue  # "there may be cases where X, in which case Y": one conditional sentence, its condition first
        elif m.group("comma") and ((_OPENS_CONDITION.match(before) and "," not in before)
                                   or not _PRESENT_PASSIVE.search(before)):
            continue  # "If a crane is damaged, access is limited": the condition, then its one main clause
        elif not any(m.group(g) for g in _OWN_CLAUSE_GROUPS) and (
            not m.group(0).lstrip(",").strip().startswith(";")
            and ";" not in m.group(0)
            and not _ANY_CUE.search(text[pos : m.start()])
            # a present-tense passive after one: "X are reviewed by Y, and Z are escalated"
            and not (m.group("passive") and _PRESENT_PASSIVE.search(text, pos, m.start()))
            and not (m.group(0).lstrip(", ").startswith("but") and _NEGATED_MODAL.search(text[pos : m.start()]))
            # an explicit "we" after the "and" is a new subject, whatever the part before holds
            and not re.match(r"we\s+(?:also\s+)?continue\s+to\b", text[m.end() :], re.I)
            # "X, and we monitor Y" after a statement with no modal: two present-tense statements of the author
            and not (m.group(0).startswith(",") and re.match(r"we\s", text[m.end() :]))
        ):
            continue
        if (re.match(r",\s+and\s+we\s", m.group(0) + text[m.end() : m.end() + 3])
                and not _WE_MODAL.match(text, m.end()) and _main_cue(text[pos : m.start()])):
            continue  # "this may involve X, and we measure Y": the second part continues what the modal describes
        if re.match(r",?\s+but\s", m.group(0)) and re.search(r"\bnot\s+only\b", text[pos : m.start()], re.I):
            continue  # "will not only X but will also Y": one commitment, not a prohibition
        if ";" in m.group(0) and _EXAMPLE_LIST.search(text, pos, m.start()) and not _ANY_CUE.search(
            text[m.end() : (text.find(";", m.end()) + 1 or len(text) + 1) - 1]
        ):
            continue  # "tools such as: a; b; and c": the examples of one commitment, not clauses
        if (re.match(r",?\s+and\s", m.group(0)) and _COMPLEMENT_SUBJECT.search(text, pos, m.start())
                and not _WE_MODAL.match(text, m.end())):
            continue  # "so that users and the public can X": two subjects of one clause, not two clauses ("we will"
            # after the "and" is a new clause of the author's whatever came before)
        bounds.append((pos, m.start()))
        pos = m.end()
    bounds.append((pos, len(text)))
    return [(s, e) for s, e in bounds if e - s > 0]


# a part that opens with a condition or a scene-setting phrase: a comma after it ends the condition, not a clause
_OPENS_CONDITION = re.compile(r"\s*(?:if|when|whenever|once|where|wherever|after|before|until|unless|while|as|for|in|"
                              r"during|at|on|upon|following|within|prior)\b", re.I)


# an existential statement of the cases a condition names ("there may be cases where X")
_CASES_EXIST = re.compile(r"\bthere\s+(?:(?:may|might|could|can|will)\s+be|are|is)\s+(?:cases|situations|circumstances|"
                          r"times|instances|occasions)\b", re.I)


# a body or role right before a comma ("the Risk Office", "the audit function"): a "which" after it is its act
_BODY_BEFORE = re.compile(
    r"\b(?:committee|board|council|panel|office|officer|function|team|group|unit|department|lead|director|auditor|"
    r"assessor|regulator|institute|authority|(?-i:[A-Z]{2,6}))s?\s*$", re.I)


def _main_cue(part: str) -> bool:
    """A modal cue of the part's own, not one inside a relative clause ("a channel through which users can report")."""
    return any(not re.search(r"\b(?:which|that|who|whom|whose)\s+(?:[\w\-’']+,?\s+){0,8}$", part[: c.start()], re.I)
               for c in _ANY_CUE.finditer(part))


# a clause's subject right after its "that" ("ensure that users", "so that all staff"), with no verb yet: an "and"
# after it adds a second subject to the same clause
_COMPLEMENT_SUBJECT = re.compile(
    r"\bthat\s+(?:(?!(?:is|are|was|were|has|have|had|do|does|not)\b)[\w\-’']+\s+){0,3}"
    r"(?!(?:is|are|was|were|has|have|had|do|does|not)\b)[\w\-’']+$",
    re.I,
)


# an inline list of examples opened by a colon ("such as: a; b; c"), whose semicolons separate the examples
_EXAMPLE_LIST = re.compile(r"\b(?:such\s+as|including|includes?|namely|for\s+example|e\.g\.,?)\s*:", re.I)


# a footnote's number at the start of its text ("2 For models that ...", ".3 Each review ...", "[3] Any such ...",
# "¹ The assessor ..."): a marker, not words
_FOOTNOTE_NUMBER = re.compile(r"^(?:\.?\d{1,2}|\[\^?\d{1,3}\]:?|" + SUPERSCRIPT_DIGITS + r"{1,2})\s+(?=[A-Z“\"])")
# a line that opens with a superscript note mark ("¹ The assessor is ..."): the note's text (a note whose mark is a
# plain number, `FOOTNOTE`'s other half, may as well be a number opening a wrapped line)
_NOTE_LINE = re.compile(r"^" + SUPERSCRIPT_DIGITS + r"{1,2}\s+[A-Z“\"]")


_TRAILING_SEE = re.compile(r",\s+see\s+(?:the\s+)?(?:section|appendix|annex|chapter|table|figure|part)\b[^;()]*$", re.I)


def trim_clause(text: str, s: int, e: int) -> tuple[int, int]:
    """Drop a leading footnote number, labels, connectives, enumerators and contrastive openers ("Rather than X, we
    will Y": the commitment is Y), and trailing punctuation and an unmatched closing parenthesis."""
    seg = text[s:e]
    number = _FOOTNOTE_NUMBER.match(seg)
    if number and (s == 0 or text[s - 1] == "\n") and len(seg) - number.end() > 15:
        s += number.end()
        seg = text[s:e]
    for pattern in (ENUM_LEAD, LABEL, LEAD_CONNECTIVE):
        m = pattern.match(seg)
        if m and pattern is LEAD_CONNECTIVE and m.group(0).strip().lower() == "further":
            continue  # "Further review is required": an adjective, not a connective (that takes a comma)
        if m and pattern is LEAD_CONNECTIVE and "," not in m.group(0) and re.match(r"(?:to|of|than)\b", seg[m.end() :]):
            continue  # "In addition to X, we will Y": a preposition whose object belongs to the sentence
        if m and pattern is LABEL and _EXAMPLE_LIST.search(m.group(0)):
            continue  # "We will limit tools such as: a; b": the sentence's own examples, not a label before it
        if m and pattern is LABEL and _LABEL_MODAL.search(m.group(0)):
            continue  # "We will run a review: (a) yearly; and (b) if X": a commitment with its schedule, no label
        if m and len(seg) - m.end() > 15:
            s += m.end()
            seg = text[s:e]
    if _CONTRAST_OPENER.match(seg):
        comma = depth0_comma(seg)
        if 0 < comma and len(seg) - comma > 15:
            s += comma + 1
            while s < e and text[s].isspace():
                s += 1
    elif _REASON_OPENER.match(seg):
        # "Because X, we test Y", "To inform the public, we record Z": the reason is no part of the quote (decision
        # 51) and holds no condition of it
        we = re.search(r",\s+(?=we\s)", seg[:300])
        if we is not None and "(" not in seg[: we.start()] and len(seg) - we.end() > 15:
            s += we.end()
    see = _TRAILING_SEE.search(text, s, e)
    if see is not None and see.start() - s > 15:
        e = see.start()  # ", see the section 'X' for more detail": a pointer for the reader after the clause
    while e > s and text[e - 1] in " \t\n,;:":
        e -= 1
    note = _MD_NOTE_REF.search(text, s, e)
    if note is not None and note.start() - s > 15:
        e = note.start()  # a note reference ("... by 2027.[^1]", "... fixed.¹"): the reader's pointer, not the clause
    # a list item's joining word to the next item ("...; and", "..., or"): the next item's, not this one's
    tail = _ITEM_JOIN.search(text, s, e)
    if tail is not None and tail.start() - s > 15:
        e = tail.start()
    if e > s and text[e - 1] == ")" and text.count("(", s, e) < text.count(")", s, e):
        e -= 1
    return s, e


# (and a note's return mark, "... X. ↩", which closes the note's own text)
_MD_NOTE_REF = re.compile(r"(?<=[.!?\w)])(?:\[\^?[\w\-]{1,12}\]|(?<=[.!?a-z)])" + SUPERSCRIPT_DIGITS
                          + r"+|(?<=[a-z][.!?])\d{1,2}|\s*↩)$")


# a subject and its modal verb: a sentence, which a label before a colon never is
# ("We evaluate each model at three points: X, Y and Z": the author's present-tense statement opens the sentence;
# so does a passive one, "Each model is tested at three points: X, Y and Z")
_LABEL_MODAL = re.compile(
    r"\b(?:[Ww]e|[Ii]t|[Tt]hey)\s+(?:will|shall|must|should)\b|^\W*We\s+(?:[a-z]+ly\s+)?[a-z]{3,}\b|"
    r"^\W*(?!(?:What|Which|Who|How|Where|When|Why)\b)[A-Z][\w\-]*(?:\s+[a-z][\w\-]*){0,3}?\s+(?:are|is)\s+"
    r"(?:[a-z]+ly\s+)?[a-z]{3,}(?:ed|en)\b")


_ITEM_JOIN = re.compile(r"[;,]\s*(?:and|or|and/or)$", re.I)


_CONTRAST_OPENER = re.compile(r"^(?:rather\s+than|instead\s+of)\b", re.I)
# a reason or a purpose before the author's clause
# ("To the extent that X, we will" is a condition, patterns._TRIGGER_WORDS, no purpose)
_REASON_OPENER = re.compile(r"^(?:because|to\s+(?!date\b|this\s+end\b|the\s+extent\b)[a-z]+|in\s+order\s+to)\b", re.I)
