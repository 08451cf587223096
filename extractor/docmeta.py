"""The version and date a document states about itself ("Version 2.2", "Effective May 14, 2025").

A rating is about one version of a policy, so the outputs carry what the document says it is. The head
of the document is read (title page, first paragraphs), and a date the pages print in their header or
footer: a date in the body's prose is usually an event the text talks about, not the document's own
date. Nothing is guessed: no statement, None.
"""

from __future__ import annotations

import re
from datetime import date

HEAD_CHARS = 3000

_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)"
_DATE_PATTERNS = (
    # May 14, 2025 / May 14 2025
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d{2})\b"),
    # 14 May 2025 / 4th February 2025
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<year>(?:19|20)\d{2})\b"),
    # 2025-05-14
    re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<mon>\d{2})-(?P<day>\d{2})\b"),
    # May 2025
    re.compile(_MONTH + r",?\s+(?P<year>(?:19|20)\d{2})\b"),
)
# "take effect on", "came into force from": how a text says when it applies
_TAKES = r"(?:take|takes|took|come|comes|came)\s+(?:into\s+)?"
_FROM = r"(?:\s+(?:on|from|as\s+of))?"
# words that say a date is the document's own (its effective, publication or update date)
_DATE_CUE = re.compile(
    r"\b(?:effective|published|updated|last\s+updated|released|dated|version|applicable|issued|revised|as\s+of|approved|"
    r"adopted|in\s+force|valid\s+from|(?:last\s+)?reviewed|date(?=\s*:)|"
    rf"{_TAKES}effect{_FROM})\b",
    re.I)
# where a legal text states when it applies: at its end, in its closing provisions ("These Rules take effect on X")
_IN_EFFECT = re.compile(rf"\b{_TAKES}(?:effect|force){_FROM}\s*$", re.I)
_VERSION = re.compile(
    r"\b(?:Version|Ver\.|Revision|Rev\.|(?-i:Issue))\s*(?::|no\.|number)?\s*(?P<v>\d+(?:\.\d+){0,3}[a-z]?)\b"
    r"|(?<![\w.])v(?P<v2>\d+(?:\.\d+){1,3})\b"
    r"|\((?P<beta>Beta|Alpha|Draft|Preview)\)",
    re.I)


def _iso(m: re.Match[str]) -> str | None:
    g = m.groupdict()
    year = int(g["year"])
    month = _MONTHS[g["month"].lower()] if g.get("month") else int(g["mon"]) if g.get("mon") else None
    if month is None or not 1 <= month <= 12:
        return None
    if g.get("day"):
        try:
            return date(year, month, int(g["day"])).isoformat()
        except ValueError:
            return None
    return f"{year:04d}-{month:02d}"


# a line that holds a date and little else: a title page's date, or a running header or footer's
_DATE_LINE_WORDS = 5


def _dates(text: str) -> list[tuple[re.Match[str], str, int, str]]:
    """Every date in `text` with its ISO form, and where the line it stands on starts and that line."""
    out = []
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            iso = _iso(m)
            # a date inside a web address or a file name ("/blog/2023-09-26-rsp/") is not a date of the text's
            if iso is None or text[m.start() - 1: m.start()] in ("/", "-", "_") or text[m.end(): m.end() + 1] in (
                    "/", "-", "_"):
                continue
            line_start = text.rfind("\n", 0, m.start()) + 1
            line_end = text.find("\n", m.end())
            out.append((m, iso, line_start, text[line_start: line_end if line_end >= 0 else len(text)]))
    return out


def _own_line(m: re.Match[str], line: str) -> bool:
    """The date is most of its line (a title page's or a footer's date), not an event in a line of prose."""
    return len((line.replace(m.group(0), " ")).split()) <= _DATE_LINE_WORDS


_EMPHASIS = re.compile(r"[*_]")


def detect_date(text: str) -> str | None:
    """The document's own date, as ISO (YYYY-MM-DD, or YYYY-MM when no day is given): a date just after
    a cue word (effective, updated, version ...) in the head first; else a date printed on a line of its own
    on three or more pages (a running header or footer); else the first date that is most of its line in
    the head. Dates inside sentences of prose are events, not the document's date."""
    text = _EMPHASIS.sub(" ", text)  # "_Last updated: 2 February 2026_": Markdown emphasis around the line
    head = text[:HEAD_CHARS]
    found: list[tuple[int, int, str]] = []  # (priority, position, iso)
    for m, iso, line_start, line in _dates(head):
        # the cue word stands just before the date ("Effective May 14, 2025", "Updated: 2024-11-03")
        if _DATE_CUE.search(head[max(line_start, m.start() - 40): m.start()]):
            found.append((0, m.start(), iso))
        elif _own_line(m, line):
            found.append((2, m.start(), iso))
    tail_from = max(HEAD_CHARS, len(text) - HEAD_CHARS)
    tail = text[tail_from:]
    for m, iso, line_start, _ in _dates(tail):
        if _IN_EFFECT.search(tail[max(line_start, m.start() - 40): m.start()]):
            found.append((0, tail_from + m.start(), iso))
    counts: dict[str, int] = {}
    for m, iso, _, line in _dates(text):
        if _own_line(m, line):
            counts[iso] = counts.get(iso, 0) + 1
    found += [(1, 0, iso) for iso, n in counts.items() if n >= 3]
    if not found:
        return None
    found.sort()
    return found[0][2]


# a title line that ends on its version number ("## Harbour Safety Framework 2.0"): a short line of words, not a
# numbered section ("2.1 Scope") nor a sentence, with a dotted number last
_TITLE_VERSION = re.compile(r"^[#\s]*(?=[A-Za-z])(?:[\w’'&\-]+\s+){1,7}(?P<v>\d{1,2}(?:\.\d{1,2}){1,2})\s*$", re.M)


# the version of another named thing the head mentions, a licence most often ("licensed under the Open Government
# Licence v3.0", "CC BY 4.0"): a licence word among the few words before the number
_OTHER_THING = re.compile(r"\b(?:licen[cs]e[ds]?|CC(?:\s+BY(?:-\w+)*)?|copyright)\b(?:\W+\w+){0,3}\W*$", re.I)


def detect_version(text: str) -> str | None:
    """The version the document states in its head ('2.2', 'Beta'); None when it states none."""
    head = text[:HEAD_CHARS]
    m = next((m for m in _VERSION.finditer(head) if not _OTHER_THING.search(head[max(0, m.start() - 60): m.start()])),
             None)
    if m is None:
        title = _TITLE_VERSION.search(head)
        return title.group("v") if title is not None else None
    return m.group("v") or m.group("v2") or m.group("beta").capitalize()
