"""The version and date a document states about itself ("Version 2.2", "Effective May 14, 2025").

A rating is about one version of a policy, so the outputs carry what the document says it is. Only
the head of the document is read (title page, first paragraphs): a date in the body is usually an
event the text talks about, not the document's own date. Nothing is guessed: no statement, None.
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
# words that say a date is the document's own (its effective, publication or update date)
_DATE_CUE = re.compile(
    r"\b(?:effective|published|updated|last\s+updated|released|dated|version|applicable|issued|revised|as\s+of)\b",
    re.I)
_VERSION = re.compile(
    r"\b(?:Version|Ver\.|Revision|Rev\.)\s*(?P<v>\d+(?:\.\d+){0,3}[a-z]?)\b"
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


def detect_date(text: str) -> str | None:
    """The document's own date from its head, as ISO (YYYY-MM-DD, or YYYY-MM when no day is given):
    a date just after a cue word (effective, updated, version ...) first, else the first date on a
    short (title-page) line; dates inside sentences of prose are events, not the document's date."""
    head = text[:HEAD_CHARS]
    found: list[tuple[int, int, str]] = []  # (priority, position, iso)
    for rank, pattern in enumerate(_DATE_PATTERNS):
        for m in pattern.finditer(head):
            iso = _iso(m)
            if iso is None:
                continue
            line_start = head.rfind("\n", 0, m.start()) + 1
            line_end = head.find("\n", m.end())
            line = head[line_start: line_end if line_end >= 0 else len(head)]
            # the cue word stands just before the date ("Effective May 14, 2025", "Updated: 2024-11-03")
            cued = bool(_DATE_CUE.search(head[max(line_start, m.start() - 40): m.start()]))
            short_line = len(line.strip()) <= 80  # a title-page line, not a sentence of prose
            if not (cued or short_line):
                continue
            found.append((0 if cued else 1, m.start() + rank, iso))
    if not found:
        return None
    found.sort()
    return found[0][2]


def detect_version(text: str) -> str | None:
    """The version the document states in its head ('2.2', 'Beta'); None when it states none."""
    m = _VERSION.search(text[:HEAD_CHARS])
    if m is None:
        return None
    return m.group("v") or m.group("v2") or m.group("beta").capitalize()
