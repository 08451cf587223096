"""The structure a reader sees in a loaded text: headings, page markers, running headers, sections.

The loader marks headings with `## ` and page breaks with `[[page N]]` lines. Taken literally those
make a poor outline: PDF layout breaks one title over several heading lines ("1." then the title),
tables of contents put page numbers on heading lines of their own, and a line printed on every page
(a running header or footer) comes back as a heading on each one. The review page shows headings as
headings and charts commitments per section, so it needs the sections a reader would name:

- adjacent heading lines (no blank line between) of the same level are one title; a line without
  letters at the start of such a run is the section number, after a title it is a page number;
- a heading line whose text recurs at the edge of at least `RUNNING_MIN_PAGES` pages is a running
  header or footer, not a section;
- a title with no text of its own before the next title (a table of contents, a cover page, a part
  heading directly followed by its first section) is shown but starts no section.

Offsets index the loaded text, so everything here lines up with commitment spans.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass

from .chunk import HEADING
from .load import PAGE_MARKER

RUNNING_MIN_PAGES = 3  # a heading text at the edge of this many pages is a running header or footer
EDGE_LINES = 2  # "at the edge": at most this many other text lines between it and the page break

_LETTER = re.compile(r"[^\W\d_]")
_LINE_BREAK = re.compile(r"[ \t]*\r?\n")
_TEXT_LINE = re.compile(r"^[ \t]*\S[^\n]*", re.MULTILINE)
_MARKS = re.compile(r"^\s*#{1,6}\s+")
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class HeadingLine:
    """One `## ` line: `start`..`mark_end` is the marker, `mark_end`..`end` the visible text."""

    start: int
    mark_end: int
    end: int
    level: int
    text: str
    kind: str  # "title" (part of a section title), "number" (a stray page number), "running"


@dataclass(frozen=True)
class Section:
    """A section a reader would name: its title (joined over broken lines) and where it starts."""

    start: int
    body: int  # where its own text begins (after the last line of its title)
    level: int
    title: str


@dataclass(frozen=True)
class PageBreak:
    """A page marker line with the blank lines around it, which the page shows as one separator."""

    start: int  # first blank line before the marker (the end of the previous page's text)
    marker: int
    end: int  # start of the first text line after it
    page: int  # 1-based index, as in `Document.page_at`


@dataclass(frozen=True)
class Outline:
    lines: list[HeadingLine]
    sections: list[Section]
    breaks: list[PageBreak]
    running: list[tuple[int, int]]  # running header and footer lines, headings or not
    joins: list[tuple[int, int]]  # line breaks inside one title broken over several lines


def page_breaks(text: str, page_starts: list[int]) -> list[PageBreak]:
    """Each `[[page N]]` line, with the blank lines on either side."""
    out: list[PageBreak] = []
    n = len(text)
    for m in PAGE_MARKER.finditer(text):
        j = m.start()
        while j > 0 and text[j - 1] in " \t\r\n":
            j -= 1
        before = 0
        if j > 0:  # keep the newline that ends the previous page's last line
            nl = text.find("\n", j, m.start())
            before = nl + 1 if nl >= 0 else m.start()
        after = m.end()
        while after < n and text[after] in " \t\r\n":
            after += 1
        end = after if after == n else max(text.rfind("\n", m.start(), after) + 1, m.start() + 1)
        out.append(PageBreak(start=before, marker=m.start(), end=end,
                             page=max(1, bisect.bisect_right(page_starts, m.start()))))
    return out


def _key(line: str) -> str:
    """A line as a running header is compared: without heading marks, digits (page numbers) or case."""
    return " ".join(_DIGITS.sub(" ", _MARKS.sub("", line)).lower().split())


def running_lines(text: str, page_starts: list[int]) -> list[tuple[int, int]]:
    """(start, end) of every line that recurs at the edge of `RUNNING_MIN_PAGES` pages or more and
    nowhere else: running headers and footers, heading-marked or not."""
    if len(page_starts) < RUNNING_MIN_PAGES:
        return []
    ends = page_starts[1:] + [len(text)]
    edges: dict[str, list[tuple[int, int, int]]] = defaultdict(list)  # key -> (page, start, end)
    occurrences: dict[str, int] = defaultdict(int)
    for page, (a, b) in enumerate(zip(page_starts, ends, strict=True)):
        lines = [(m.start(), m.end()) for m in _TEXT_LINE.finditer(text, a, b) if not PAGE_MARKER.match(m.group())]
        lines = [(x, y) for x, y in lines if _LETTER.search(text, x, y)]
        at_edge = set(lines[:EDGE_LINES + 1]) | set(lines[-(EDGE_LINES + 1):])
        for x, y in lines:
            key = _key(text[x:y])
            occurrences[key] += 1
            if (x, y) in at_edge:
                edges[key].append((page, x, y))
    out = [(x, y) for key, found in edges.items()
           if len({p for p, _, _ in found}) >= RUNNING_MIN_PAGES and len(found) == occurrences[key]
           and _numbers_follow_pages(text, found) for _, x, y in found]
    return sorted(out)


def _numbers_follow_pages(text: str, found: list[tuple[int, int, int]]) -> bool:
    """Lines that differ only in their numbers repeat as a running header when the one number that
    changes is the page number ("Policy 3" on page 4, "Policy 4" on page 5); "Tier 1", "Tier 2" at the
    top of a few pages are titles."""
    numbers = [[int(d) for d in _DIGITS.findall(text, x, y)] for _, x, y in found]
    if len({len(ns) for ns in numbers}) != 1:
        return False
    varying = [k for k in range(len(numbers[0])) if len({ns[k] for ns in numbers}) > 1]
    if not varying:
        return True
    return len(varying) == 1 and len({ns[varying[0]] - p for ns, (p, _, _) in zip(numbers, found, strict=True)}) == 1


def outline(text: str, page_starts: list[int]) -> Outline:
    """Heading lines classified, the sections they make, and the page breaks."""
    matches = list(HEADING.finditer(text))
    running = running_lines(text, sorted(set(page_starts)) or [0])
    run_starts = {a for a, _ in running}
    kinds: list[str] = ["running" if m.start() in run_starts else "title" for m in matches]
    titles: list[tuple[int, int, int, str]] = []  # start, end of last line, level, title
    joins: list[tuple[int, int]] = []

    def adjacent(a: re.Match[str], b: re.Match[str]) -> bool:
        return _LINE_BREAK.fullmatch(text, a.end(), b.start()) is not None and len(a.group(1)) == len(b.group(1))

    k = 0
    while k < len(matches):
        if kinds[k] == "running":
            k += 1
            continue
        run = [k]
        while run[-1] + 1 < len(matches) and kinds[run[-1] + 1] != "running" \
                and adjacent(matches[run[-1]], matches[run[-1] + 1]):
            run.append(run[-1] + 1)
        k = run[-1] + 1
        titles += _titles(matches, run, kinds, joins)

    # text that is not its own: heading lines and running headers and footers
    skip = sorted({(m.start(), m.end()) for m in matches} | set(running))
    pages = sorted(set(page_starts)) or [0]
    own = [_has_own_text(text, end, titles[n + 1][0] if n + 1 < len(titles) else len(text), skip)
           for n, (_, end, _, _) in enumerate(titles)]
    sections: list[Section] = []
    for n, (start, end, level, title) in enumerate(titles):
        # a title with no text of its own heads the next section when that one follows on the same page
        # (a part and its first section); otherwise it is a contents entry or a cover line
        parent = (n + 1 < len(titles) and own[n + 1]
                  and bisect.bisect_right(pages, start) == bisect.bisect_right(pages, titles[n + 1][0]))
        if own[n] or parent:
            sections.append(Section(start=start, body=end, level=level, title=title))
    lines = [HeadingLine(start=m.start(), mark_end=m.start(2), end=m.start(2) + len(m.group(2).rstrip()),
                         level=len(m.group(1)), text=m.group(2).strip(), kind=kinds[i])
             for i, m in enumerate(matches)]
    return Outline(lines=lines, sections=sections, breaks=page_breaks(text, pages), running=running, joins=joins)


def _titles(matches: list[re.Match[str]], run: list[int], kinds: list[str],
            joins: list[tuple[int, int]]) -> list[tuple[int, int, int, str]]:
    """The titles in one run of adjacent heading lines; marks the stray numbers in `kinds` and adds the
    line breaks inside each title to `joins`."""
    titles: list[tuple[int, int, int, str]] = []
    number: list[int] = []
    words: list[int] = []

    def close() -> None:
        if words:
            first = matches[(number + words)[0]]
            lines = number + words
            title = " ".join(matches[i].group(2).strip() for i in lines)
            joins.extend((matches[i].start(2) + len(matches[i].group(2).rstrip()), matches[j].start())
                         for i, j in zip(lines, lines[1:], strict=False))
            titles.append((first.start(), matches[words[-1]].end(), len(first.group(1)), title))
        number.clear()
        words.clear()

    for i in run:
        label = matches[i].group(2).strip()
        if _LETTER.search(label):
            words.append(i)
        elif words:  # a number after a title: its page number in a table of contents
            close()
            if label.endswith((".", ")")):  # "2." after a title opens the next section
                number.append(i)
            else:
                kinds[i] = "number"
        else:
            number.append(i)
    if not words:  # numbers with no title after them
        for i in number:
            kinds[i] = "number"
    close()
    return titles


def _has_own_text(text: str, a: int, b: int, headings: list[tuple[int, int]]) -> bool:
    """Whether text[a:b] has a letter outside the given (sorted) spans and page markers."""
    pos = a
    i = bisect.bisect_left(headings, (a, a))
    while pos < b:
        nxt, nend = headings[i] if i < len(headings) else (b, b)
        stop = min(nxt, b)
        if _LETTER.search(PAGE_MARKER.sub("", text[pos:stop])):
            return True
        pos = max(nend, stop)
        i += 1
    return False
