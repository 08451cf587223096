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


# --------------------------------------------------------------------------- headings without marks

_SMALL_WORDS = frozenset("a an and as at by for from in into of on or per the to under vs with".split())
_SECTION_NUMBER = re.compile(r"^(?:(?:\d{1,2}|[A-Z](?=\.))(?:\.\d{1,2})*\.?|[IVX]{1,4}\.|\(\w\))[ \t]+(?=\S)")
_LEAD_IN = re.compile(r"\b(?:we|our|us|they|it|is|are|was|were|will|shall|must|include\w*|following|such|as|"
                      r"these|this|below|above|example\w*)\b", re.I)
_SENTENCE_END = (".", ",", ";", ":", "!", "?")
PLAIN_MAX_WORDS = 12  # a title longer than this is a sentence or a wrapped paragraph line
PLAIN_MAX_WORDS_NUMBERED = 16
PLAIN_MIN_BODY_WORDS = 6  # the text a title heads starts with a line of at least this many words
MARKED_DENSE_CHARS = 6000  # a text with at least one `#` title per this many characters has its titles marked
PLAIN_MAX_RUN = 3  # title lines stacked before their text (a part, a section and its subsection)


@dataclass(frozen=True)
class TitleLine:
    """A title a reader sees in the text: a `#` heading or a plain line that reads as one; adjacent
    title lines (no blank line between) are joined into one `text` (section and subsection, or a
    title broken over two lines)."""

    start: int
    end: int
    text: str
    marked: bool


def _title_like(s: str) -> bool:
    """A short line without sentence-final punctuation whose words are capitalised (or that starts
    with a section number and then a capitalised word); a label of a few words ending in a colon
    ("Scope:") is one too, a lead-in ("This includes:") is not."""
    if s.endswith(":") and not _LEAD_IN.search(s):
        label = s[:-1].strip()
        if label and len(label.split()) <= 3 and label[0].isupper() and not label.endswith(_SENTENCE_END):
            return True
        return len(label.split()) <= 5 and _title_like(label)
    if not s or s.endswith(_SENTENCE_END) or not _LETTER.search(s) or s.startswith(("[[", "|", "•", "-", "*")):
        return False
    num = _SECTION_NUMBER.match(s)
    body = s[num.end():] if num else s
    words = body.split()
    if not words or len(words) > (PLAIN_MAX_WORDS_NUMBERED if num else PLAIN_MAX_WORDS) or len(s) > 120:
        return False
    if body.count("(") != body.count(")") or not (body[0].isupper() or body[0].isdigit()):
        return False
    if num and not body[0].isupper():
        return False
    letters = [c for c in body if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return True
    content = [w for w in words if w[0].isalpha() and w.lower() not in _SMALL_WORDS]
    if not content:
        return False
    capital = sum(w[0].isupper() for w in content)
    return capital / len(content) >= 0.75


def plain_title_lines(text: str, page_starts: list[int] | None = None) -> list[tuple[int, int]]:
    """(start, end) of each line without `#` marks that reads as a title. Title-like lines
    (`_title_like`) with only blank lines, page markers or running headers between them form a stack;
    a stack is titles when it has at most `PLAIN_MAX_RUN` lines (more: table cells, a list of names),
    stands after a blank line, a finished sentence or a page marker (not inside a wrapped paragraph),
    and is followed by running text that starts a sentence. Why: PDF-derived texts often carry their
    section titles as plain lines, and a candidate's section says much about what it is for."""
    if page_starts is None:
        page_starts = [0] + [m.start() for m in PAGE_MARKER.finditer(text)]
    running = set(running_lines(text, sorted(set(page_starts))))
    lines = [(m.start(), m.end(), m.group().strip()) for m in re.finditer(r"[^\n]*", text)]
    lines = [ln for ln in lines if ln[0] == 0 or text[ln[0] - 1] == "\n"]
    skip = [not s or PAGE_MARKER.match(s) is not None or (a, b) in running for a, b, s in lines]
    cand = [not skip[i] and _title_like(s) and not HEADING.match(s) for i, (_, _, s) in enumerate(lines)]
    out: list[tuple[int, int]] = []
    i, n = 0, len(lines)
    while i < n:
        if not cand[i]:
            i += 1
            continue
        stack, k = [i], i + 1
        while k < n and (skip[k] or cand[k]):
            if cand[k]:
                stack.append(k)
            k += 1
        first, i = stack[0], k
        prev = lines[first - 1][2] if first > 0 and not skip[first - 1] else ""
        if len(stack) > PLAIN_MAX_RUN or k >= n or (
                prev and _LETTER.search(prev) and not HEADING.match(prev)
                and not prev.endswith((".", ":", ";", "!", "?", ")", "”", '"'))):
            continue
        nxt = _SECTION_NUMBER.sub("", lines[k][2].lstrip("•-* \t"))
        if HEADING.match(lines[k][2]) or (nxt[:1].isupper() and len(nxt.split()) >= PLAIN_MIN_BODY_WORDS) \
                or (not nxt and lines[k][2][:1] in "•-*"):
            out += [(lines[j][0], lines[j][1]) for j in stack]
    return out


def title_lines(text: str) -> list[TitleLine]:
    """Every title of a text in order, adjacent lines joined: the `#` marked ones, and when those are
    sparse (fewer than one per `MARKED_DENSE_CHARS` characters: the extraction lost most marks) the
    plain lines that read as titles (`plain_title_lines`). A text whose titles are marked keeps its
    own structure: short plain lines there are table cells and labels more often than titles."""
    spans = [(m.start(), m.end(), True) for m in HEADING.finditer(text)]
    if len(spans) * MARKED_DENSE_CHARS < len(text):
        spans += [(a, b, False) for a, b in plain_title_lines(text)]
    spans.sort()
    out: list[TitleLine] = []
    for a, b, marked in spans:
        title = _MARKS.sub("", text[a:b]).strip()
        if out and _LINE_BREAK.fullmatch(text, out[-1].end, a) and not (out[-1].marked and marked):
            last = out[-1]
            out[-1] = TitleLine(last.start, b, f"{last.text} {title}", last.marked and marked)
        else:
            out.append(TitleLine(a, b, title, marked))
    return out
