"""The rules backend: a deterministic, offline extractor, sentence by sentence.

It reads the document as a person skimming for promises would: split into blocks and sentences
(list items under a lead-in inherit the lead-in's actor, modality and trigger), find a modal cue
whose subject is the author (or a body of it, or the author's own process in the passive), then
read the trigger, the committed action, how specific it is and whether an outsider could check it.
Every rule is about the language of commitments in general, not about any one document.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..models import Candidate, Modality, Specificity
from ..signals import is_verifiable, verifiable_signal

# ---------------------------------------------------------------------------------------------
# Segmentation

_LONE_BULLET = re.compile(r"^\s*(?:[•●○◦▪■□➢►▶\-–—*·]|\(?\d{1,2}[a-z]?[.)]|\(?[a-z][.)]|\([ivx]+\))\s*$")
_BULLET = re.compile(
    r"^\s*(?:[•●○◦▪■□➢►▶\-–—*·]|\(?\d{1,2}[a-z]?[.)]|\(?[a-z][.)]|\([ivx]+\)"
    # a bullet glyph that PDF extraction turned into a letter ("J The team ..."; "M3 Audits ...")
    r"|(?:[B-HJ-Z]|[A-Z]\d)(?=\s+[A-Z][a-z]))\s+"
)
_PAGE_MARK = re.compile(r"^\s*\[\[page \d+\]\]\s*$")
_HEADING = re.compile(r"^\s*#{1,6}\s")
_TOC = re.compile(r"\.{5,}\s*\d*\s*$|…{3,}")
_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,3}\s*$", re.I)
_SENT_END = re.compile(
    r"(?<=[.!?↩])[\d,]*(?:[\"”’)])?\s+(?=[\"“(\[]?[A-Z0-9])"
    # two sentences glued where the source lost the space ("... each quarter.We will ...")
    r"|(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])"
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


@dataclass
class Unit:
    """A sentence (or list item) with its offsets in the document text."""

    start: int
    end: int
    text: str
    is_item: bool = False
    block: int = 0
    condition: str | None = None  # a table cell's row condition (the row's first cell)


def _line_spans(text: str) -> Iterator[tuple[int, int, str]]:
    pos = 0
    for line in text.splitlines(keepends=True):
        yield pos, pos + len(line.rstrip("\r\n")), line.rstrip("\r\n")
        pos += len(line)


def _repeated_lines(text: str) -> set[str]:
    """Running headers and footers: short lines that recur on many pages."""
    counts: dict[str, int] = {}
    for _, _, line in _line_spans(text):
        s = line.strip()
        if 0 < len(s) <= 60:
            counts[s] = counts.get(s, 0) + 1
    pages = max(1, text.count("[[page "))
    return {s for s, n in counts.items() if n >= 3 and n >= pages * 0.3}


_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|(?:\s*:?-{2,}:?\s*\|)+\s*$")


def _table_cells(line: str, start: int) -> list[tuple[int, int, str]]:
    """(start, end, text) of the non-empty cells of a markdown table row, offsets in the document."""
    cells = []
    pos = line.index("|") + 1
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


def segment(text: str) -> list[Unit]:
    """Blocks from blank lines, headings, page markers and bullets; sentences within blocks. Each cell of a
    markdown table is a block of its own, with its row's first cell as its condition (header rows are
    not units)."""
    noise = _repeated_lines(text)
    blocks: list[tuple[int, int, bool]] = []  # (start, end, is_item)
    conditions: dict[int, str] = {}  # block start -> the row condition of a table cell
    lines = list(_line_spans(text))
    cur_start: int | None = None
    cur_end = 0
    cur_item = False

    def flush() -> None:
        nonlocal cur_start
        if cur_start is not None:
            blocks.append((cur_start, cur_end, cur_item))
        cur_start = None

    pending_item = False
    gap = False  # a blank line was seen inside the current block
    for li, (start, end, line) in enumerate(lines):
        s = line.strip()
        if not s:
            gap = cur_start is not None
            continue
        if _TABLE_ROW.match(line):
            flush()
            gap = False
            header = li + 1 < len(lines) and _TABLE_RULE.match(lines[li + 1][2]) is not None
            if _TABLE_RULE.match(line) or header:
                continue
            cells = _table_cells(line, start)
            for k, (cs, ce, _) in enumerate(cells):
                if k == 0 and len(cells) > 1:
                    continue  # the row's condition: it scopes the other cells, it is not a statement
                # a cell under a column heading reads like a list item under its lead-in
                blocks.append((cs, ce, len(cells) > 1))
                if k > 0:
                    conditions[cs] = cells[0][2]
            continue
        if gap:
            gap = False
            # PDF extraction leaves blank lines inside sentences: join when the block is unfinished
            # and the next line continues it in lower case
            if not (
                cur_start is not None
                and not _ends_sentence(text[max(cur_start, cur_end - 40) : cur_end])
                and s[0].islower()
            ):
                flush()
        if _LONE_BULLET.match(line):
            flush()
            pending_item = True
            continue
        if pending_item and s and not _PAGE_MARK.match(line):
            pending_item = False
            flush()
            cur_start, cur_end, cur_item = start + len(line) - len(line.lstrip()), end, True
            continue
        if (
            not s
            or _PAGE_MARK.match(line)
            or _HEADING.match(line)
            or _TOC.search(s)
            or _PAGE_NUMBER.match(s)
            or s in noise
        ):
            # a page break inside a sentence does not end the block: the quote is cut there
            flush()
            continue
        if _heading_line(s, lines, li, text, cur_start, cur_end):
            flush()  # a heading the extraction left without a mark: never part of the sentence after it
            continue
        bullet = _BULLET.match(line)
        if bullet or (
            cur_start is not None and _ends_sentence(text[max(cur_start, cur_end - 40) : cur_end]) and _starts_label(s)
        ):
            flush()
            cur_start, cur_end, cur_item = (
                start + (bullet.end() if bullet else len(line) - len(line.lstrip())),
                end,
                bool(bullet),
            )
            continue
        if cur_start is None:
            cur_start, cur_item = start + len(line) - len(line.lstrip()), False
        cur_end = end
    flush()

    units: list[Unit] = []
    for b, (bstart, bend, is_item) in enumerate(blocks):
        block = text[bstart:bend]
        first = len(units)
        pos = 0
        for m in _SENT_END.finditer(block):
            before = block[max(0, m.start() - 40) : m.start()].rstrip('"”’)0123456789,')
            if _ABBREV.search(before) and not _LABEL_LETTER.search(before):
                continue
            units.extend(_unit(block, bstart, pos, m.start(), is_item, b))
            pos = m.end()
        units.extend(_unit(block, bstart, pos, len(block), is_item, b))
        if bstart in conditions:
            for u in units[first:]:
                u.condition = conditions[bstart]
    return units


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


def _heading_line(s: str, lines: list[tuple[int, int, str]], li: int, text: str, cur_start: int | None,
                  cur_end: int) -> bool:
    """A short title-case line with no end punctuation, after a finished sentence (or a block start) and
    before a line that starts a sentence: a heading without its '#'."""
    words = s.split()
    if not (1 <= len(words) <= 6 and len(s) <= 50) or s[-1] in ".,;:!?)" or not s[0].isupper():
        return False
    if not all(w[0].isupper() or w.lower() in _SMALL_WORDS or not w[0].isalpha() for w in words):
        return False
    if cur_start is not None and not _ends_sentence(text[max(cur_start, cur_end - 40) : cur_end]):
        return False
    nxt = next((ln[2].strip() for ln in lines[li + 1 : li + 3] if ln[2].strip()), "")
    return bool(nxt) and nxt[0].isupper() and len(nxt.split()) > len(words)


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", ":", ";", "?", "!"))


def _starts_label(line: str) -> bool:
    """A line that starts a new paragraph-like unit: 'Label: text' after a finished sentence."""
    return bool(re.match(r"^[A-Z][\w’'\- ]{2,40}:\s", line))


# ---------------------------------------------------------------------------------------------
# Cues

_ORG_WORDS = r"(?:we|us|our|ourselves)"
_BODY = re.compile(
    r"\b((?:[A-Z][\w\-’']*\s+){0,5}?(?:Board(?:\s+of\s+Directors)?|Trust|Officer|Team|team|Group|Committee|"
    r"Council|CEO|CTO|CISO|Leadership|leadership|Chair|Chairs|Panel|Office|Officers|Director|Directors))\b"
)
_ACRONYM_DEF = re.compile(r"\b((?:[A-Z][\w\-’']*\s+(?:of\s+|for\s+|and\s+|on\s+)?){1,7})\(([A-Z][A-Za-z]{1,6})\)")


def body_acronyms(text: str) -> dict[str, str]:
    """Acronyms the document defines for its bodies ("Safety Review Board (SRB)" -> SRB: Safety Review Board)."""
    out: dict[str, str] = {}
    for m in _ACRONYM_DEF.finditer(text):
        acr = m.group(2)
        caps = [c for c in acr if c.isupper()]
        words = [w for w in re.split(r"[\s\-]+", m.group(1).strip()) if w and w[0].isupper()]
        if len(caps) < 2 or len(words) < len(caps):
            continue
        tail = words[-len(caps) :]
        if [w[0] for w in tail] != caps:
            continue
        # the expansion as written, from its first initial word
        exp_start = m.group(1).find(tail[0])
        expansion = " ".join(m.group(1)[exp_start:].split())
        if _BODY.fullmatch(expansion) and acr not in out:
            out[acr] = expansion
    return out


_HEDGE = re.compile(
    r"\b(?:aim(?:s|ing)?|intend(?:s|ing)?|plan(?:s|ning)?|expect(?:s|ing)?|hope(?:s)?|seek(?:s|ing)?|"
    r"striv(?:e|es|ing)|anticipat(?:e|es|ing)|endeavou?r(?:s)?|aspire(?:s)?|"
    r"work(?:s|ing)?\s+(?:towards?|to)|will\s+likely|likely\s+to|would\s+like\s+to|look\s+to|"
    r"are\s+(?:exploring|considering)|hope\s+to)\b",
    re.I,
)
_MODAL = re.compile(
    r"\b(?P<neg_modal>will\s+not|won[’']t|shall\s+not|must\s+not|cannot|can\s*not|may\s+not|"
    r"commit(?:s|ted)?\s+not\s+to|commitment\s+not\s+to|will\s+never|do\s+not|does\s+not|are\s+not\s+(?:permitted|allowed)\s+to|"
    r"is\s+not\s+(?:permitted|allowed)\s+to|will\s+only|may\s+only|can\s+only|must\s+only|shall\s+only)\b"
    r"|\b(?P<should>should(?:\s+not)?|ought\s+to)\b"
    r"|\b(?P<may>may|can(?=\s+(?:only\s+)?be\s+\w+(?:ed|en)\b)|might\s+(?:choose|decide|opt)\s+to|reserves?\s+the\s+right|at\s+(?:our|its|their)\s+(?:sole\s+)?discretion)\b"
    r"|\b(?P<must>will|[’']ll|shall|must|would|commit(?:s|ted)?\s+to|commitment\s+to(?=\s+[a-z]+\b)|"
    r"commitments\s+include|(?:are|is|remain|[’']re)\s+committed\s+to|"
    # "we are dedicated to furthering X": as binding as "committed to" (decision 47); the author must be the subject
    r"(?:are|is|remain|[’']re)\s+(?:\w+ly\s+)?dedicated\s+to(?=\s+(?:\w+ing|the|our|its)\b)|"
    r"mak(?:e|es|ing)\s+(?:a\s+)?(?:public\s+)?commitments?\s+to|(?:is|are)\s+required\s+to|(?<=we\s)require|ensures?|need(?:s)?\s+to|ha(?:s|ve)\s+to|pledge(?:s)?\s+to|"
    r"undertake(?:s)?\s+to|(?:is|are)\s+(?:also\s+|\w+ly\s+)?responsible\s+for)\b"
    r"|\b(?P<hedge>aim(?:s|ing)?\s+to|intend(?:s|ing)?\s+to|plan(?:s|ning)?\s+to|expect(?:s|ing)?\s+(?:\w+\s+){0,3}?to|"
    r"(?:are|is)\s+likely\s+to|(?:our|the)\s+(?:goal|aim|intent(?:ion)?|objective|hope)\s+is\s+(?:not\s+)?(?:to|that)|"
    r"our\s+(?:goals|aims|objectives|priorit(?:y|ies))\s+(?:(?:is|are)\s+to|include)|"
    r"(?:are|is|[’']re|am)\s+(?:actively\s+|also\s+|currently\s+)?working\s+(?:to|on|towards?)|"
    # "we are progressing work to study X": work under way, not yet a promise of its outcome (decision 47)
    r"(?:are|is|[’']re)\s+(?:actively\s+|also\s+|currently\s+)?progressing\s+(?:\w+\s+)?work\s+(?:to|on|towards?)|"
    r"it\s+is\s+our\s+(?:goal|aim|intention|intent|hope)\s+to|remains?\s+(?:a|our)\s+goal|"
    r"hope(?:s)?\s+to|seek(?:s|ing)?\s+to|striv(?:e|es|ing)\s+to|anticipate|work(?:s|ing)?\s+towards?|"
    r"endeavou?r(?:s)?\s+to|are\s+aiming\s+to|are\s+planning\s+to|will\s+likely|"
    # "we look forward to working with X": a hoped-for future activity of the author
    r"look(?:s|ing)?\s+forward\s+to)\b",
    re.I,
)
# words after "may"/"can"/"would"/"will" that mark a description or prediction, not a promise
_EPISTEMIC_AFTER = re.compile(
    r"^\s*(?:not\s+)?(?:be|become|have|help|lead|pose|result|cause|occur|arise|emerge|need|find|see|"
    r"seem|appear|prove|turn|affect|make\s+it|also\s+be|well|likely|even|still|potentially|allow|enable|"
    r"differ|vary|change|evolve|exist|include|involve|contain|take\s+(?:time|years)|want|wish|"
    r"get|give\s+rise)\b",
    re.I,
)
_PROCESS_SUBJECT = re.compile(
    r"\b(?:reports?|efforts?|evaluations?|assessments?|reviews?|process(?:es)?|procedures?|measures?|safeguards?|"
    r"mitigations?|updates?|tests?|testing|audits?|polic(?:y|ies)|plans?|programs?|programmes?|documentation|"
    r"scorecards?|sources?|protocols?|controls?|results|findings|decisions?|(?:model|system)\s+cards?|dashboards?|logs?|"
    r"records?|documents?|requirements|commitments|monitoring|red[-\s]?teaming|analys[ie]s|drills?|exercises?|"
    r"detection|oversight|governance|enforcement|escalations?|access\s+controls?|duties|responsibilities|"
    r"this\s+(?:document|framework|policy))\s*$",
    re.I,
)
# "as described above", "(see below)" after a subject's head noun
_POSTMODIFIER = re.compile(
    r"\s+(?:as\s+(?:described|outlined|set\s+out|defined|noted|discussed)\s+(?:above|below|earlier|in\s+[^,;]{1,40})|"
    r"\([^()]{0,80}\))\s*$",
    re.I,
)
_CONTENT_VERB = re.compile(r"^\s*(?:also\s+)?(?:include|involve|apply|cover|consist\s+of|comprise)\b", re.I)
_WILL_EPISTEMIC = re.compile(
    r"^\s*(?:(?:also\s+)?(?:probably|likely)\s+)?(?:see|find|face|be\s+(?:able|unable|likely|in\s+a\s+position))\b",
    re.I,
)
_PASSIVE = re.compile(
    r"^\s*(?:not\s+|only\s+|also\s+|then\s+|first\s+|always\s+|never\s+)*be\s+(?:\w+ly\s+)?"
    # regular participles, with a prefix ("re-evaluated"), and the common irregular ones ("made public", "kept")
    # ("be sufficient", "be valid", "be open" are adjectives: states, not the author's acts)
    r"((?:[a-z]+-)?(?!open\b|even\b)\w+(?:ed|en|wn|ught)|made|done|gone|set|put|kept|held|run|led|met|paid|told|sold|"
    r"sent|spent|meant|lent|built|dealt|felt|laid|said|shut|cut|read|bound|found|left|lost|brought|bought|sought|"
    r"caught|taught|thought|upheld|withheld|undertaken)\b",
    re.I,
)
_THIRD_PARTY = re.compile(
    r"\b(?:you|they|others|other\s+(?:companies|labs|developers|organi[sz]ations)|governments?|"
    r"attackers?|adversar(?:y|ies)|users?|customers?|society|the\s+public|malicious|bad\s+actors|"
    r"threat\s+actors|there)\s*$",
    re.I,
)
_NOT_COMMITMENT = re.compile(
    r"\b(?:refers?\s+to|is\s+defined\s+as|are\s+defined\s+as|we\s+define\b|means\s+that\b|"
    r"we\s+(?:have|had)\s+(?:\w+\s+)?(?:implemented|introduced|developed|published|committed|"
    r"established|created|built|made|taken|adopted|released|decided)|we\s+(?:currently|already)\b|"
    r"for\s+example|for\s+instance|e\.g\.,?\s+we)",
    re.I,
)
# a noun phrase with "we" as the subject of a relative clause: "the containment measures (that) we commit to"
_REDUCED_RELATIVE = re.compile(
    r"^(?:the|these|those|all|any|each|every|some|such)\s+(?:[\w\-]+\s+){0,4}?(?:that\s+|which\s+)?we$", re.I
)
# the main clause's verb after such a relative clause ("... we commit to implementing primarily concern security")
_MAIN_VERB_AFTER = re.compile(
    r"\b(?:\w+ly\s+)?(?:is|are|was|were|concerns?|includes?|covers?|appl(?:y|ies)|consists?|remains?|involves?)\b", re.I
)
# what a document or scheme is for, not what the author commits to
_FRAMING = re.compile(
    r"\b(?:is|are)\s+(?:\w+ly\s+)?(?:designed|intended|meant|built|structured)\s+to\s+(?:\w+\s+){0,2}?(?:that\s+)?[^,;:]*$",
    re.I,
)
# a content clause of a noun of risk or chance ("the risk that models will be misused") describes the world
_RISK_THAT = re.compile(
    r"\b(?:risks?|possibility|possibilities|chance|likelihood|probability|danger|concern|fear|threat|prospect)\s+"
    # a subject of its own that is not the author ("risks that we will track" is a relative clause)
    r"(?:is\s+|exists\s+)?that\s+(?![^,;:()]*\b(?:we|our|us)\b)[^,;:()\s][^,;:()]*$",
    re.I,
)
# "there should be strict inventory management": a requirement stated as what must exist (not "there will be")
_EXISTENTIAL = re.compile(r"^(?:then\s+)?there$", re.I)
_PAST = re.compile(r"\b(?:was|were|had|did)\b", re.I)

_TRIGGER_WORDS = (
    r"as\s+and\s+when|if|when|whenever|before|after|once|unless|until|upon|prior\s+to|in\s+the\s+event\s+(?:that|of)|"
    r"as\s+soon\s+as|by\s+the\s+time|in\s+case\s+of|where|at\s+the\s+(?:start|end)\s+of|"
    r"for\s+(?:any\s+|each\s+|every\s+|all\s+)?(?:models?|systems?)\s+(?:that|which|with)|during|whilst|while|"
    r"for\s+(?:producing|deploying|training|releasing)\b|"
    # "as we learn more", "as capabilities increase": a condition of change over time
    r"as(?=\s+(?:[\w\-’']+\s+){1,5}?(?:learn|develop|scale|grow|increase|improve|advance|evolve|progress|mature|"
    r"understand|gain|change|emerge|become)(?:e?s)?\b)"
)
_TRIGGER = re.compile(rf"(?:^|(?<=[\s,(;—–]))(?P<cue>{_TRIGGER_WORDS})\b", re.I)
_LEADING_TRIGGER_OK = re.compile(
    rf"^(?!(?:for|as|at|in|with)\s+(?:now|example|instance|this\s+reason|such|a\s+result|a\s+minimum|the\s+same\s+time|"
    r"noted|well|part\s+of\s+this|of\s+(?:today|now)|addition|particular|practice|short|general)\b)"
    # a concessive "While we cannot ..." and a scene-setting "As a complement to ..." are no conditions
    r"(?!(?:while|whilst)\s+(?!\w+ing\b))"
    rf"(?:{_TRIGGER_WORDS}|at|for|given|throughout|as\s+part\s+of\s+\w+ing)\b",
    re.I,
)

_QUANT = re.compile(
    r"(?<![A-Za-z\-])\d+(?:[.,]\d+)?\s*(?:%|percent|x\b|×|times\b|days?\b|weeks?\b|months?\b|years?\b|hours?\b|"
    r"minutes?\b|business\s+days?\b|per\s+cent|people|experts|hours|tries|attempts|samples|FLOPs?|"
    r"employees|members)|"
    r"\b(?:within|every|at\s+least|at\s+most|no\s+(?:later|more|fewer|less)\s+than|up\s+to|over|under|"
    r"more\s+than|less\s+than|fewer\s+than|by|before|after|in)\s+(?:the\s+)?(?:\d+|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|twelve|thirty|sixty|ninety|several\s+dozen|a\s+dozen)\b|"
    r"\b(?:annually|quarterly|monthly|weekly|daily|yearly|biannually|semi-annually|every\s+(?:year|month|"
    r"quarter|week|day))\b|"
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"early|mid|late|end\s+of)\s*(?:-\s*)?(?:19|20)\d\d\b|\b(?:by|in|before|until)\s+(?:19|20)\d\d\b|"
    r"\b\d+(?:\.\d+)?\s*%|\b(?:one|two|three|four|five|six|ten)\s+(?:days?|weeks?|months?|years?)\b"
)
_VAGUE = re.compile(
    r"\b(?:appropriate(?:ly)?|reasonabl[ey]|as\s+(?:needed|necessary|appropriate|feasible|possible|warranted)|"
    r"where\s+(?:feasible|possible|appropriate|necessary|relevant|warranted)|when\s+(?:necessary|appropriate|needed|warranted)|"
    r"if\s+(?:necessary|appropriate|needed|warranted)|sufficient(?:ly)?|adequate(?:ly)?|"
    r"best\s+efforts?|commensurate|proportionate|consider(?:ing)?|explore|"
    r"over\s+time|in\s+(?:a\s+)?future\s+(?:updates?|versions?|iterations?)|in\s+the\s+future|"
    r"later\s+(?:versions?|iterations?|updates?)|as\s+we\s+(?:learn|gain|develop|better)|as\s+our\s+understanding|"
    r"evolv(?:e|ing)|to\s+the\s+extent|as\s+soon\s+as\s+(?:possible|practicable)|where\s+we\s+can|"
    r"(?:will\s+be|to\s+be)\s+(?:defined|determined|specified|decided|developed)\s+(?:later|in)|"
    r"in\s+our\s+judge?ment|case[-\s]by[-\s]case|robust(?:ly)?|substantial(?:ly)?|meaningful(?:ly)?|"
    r"high(?:er)?\s+standards?|strong(?:er)?\s+(?:security|safeguards|protections)|more\s+(?:information|detail))\b",
    re.I,
)
_CONCRETE = re.compile(
    r"\b(?:publish(?:es|ed|ing)?|public(?:ly)?|report(?:s|ing)?|document(?:ed|s)?|notif(?:y|ies|ied)|"
    r"disclos(?:e|es|ure)|approv(?:e|al|es)|sign[-\s]?off|audit(?:s|ed|ors?)?|log(?:s|ged|ging)?|record(?:s|ed)?|"
    r"halt|pause|stop|delete|restrict|prohibit|red[-\s]?team(?:ing|ed)?|evaluat(?:e|ion|ions)|test(?:s|ing|ed)?|"
    r"train(?:ing)?|deploy(?:ment|ing)?|define|designate|appoint|establish|implement|review(?:s|ed)?|"
    r"share|inform|consult|board|trust|officer|committee|team|council|external|third[-\s]part(?:y|ies)|"
    r"independent|government|card|policy|procedure|process|protocol|plan|framework|program(?:me)?|"
    r"access\s+controls?|encrypt(?:ion|ed)?|monitor(?:ing)?|bug\s+bount(?:y|ies)|whistleblow\w*|"
    r"[A-Z]{2,}(?:-\d+)?)\b"
)
_CLAUSE_SPLIT = re.compile(
    r";\s+|,?\s+(?:and|but|while|whereas)\s+(?=(?:we|it|the\s+\w+|our\s+\w+|"
    r"(?:(?!(?:that|which|who|whom|whose|if|when|where|because|so|than|to|as|and|or|not)\b)[A-Za-z][\w\-’'/]*\s+){1,4})"
    r"(?:will|shall|must|should|may|would|can|commit|aim|intend|plan|expect|also\s+will)\b)"
    r"|,?\s+and\s+(?=(?:will|shall|must|should|may|would|also\s+will|we\s+will)\b|a\s+commitment\s+(?:not\s+)?to\b)"
    # a parenthetical with its own subject and modal ("X (though we will stop early if Y)") is a clause of its own
    r"|\s+\((?:though|although|but|and|while)?\s*(?=we\s+(?:will|would|shall|must|should|may)\b)"
    # "This is an open problem, and we continue to fund X": the author's ongoing activity after a description
    r"|,\s+and\s+(?=we\s+(?:also\s+)?continue\s+to\b)",
    re.I,
)
# any modal-like word: an "and" only starts a new clause when the part before it has its own verb
_ANY_CUE = re.compile(
    r"\b(?:will|shall|must|should|may|can|would|commit\w*|aim\w*|intend\w*|plan\w*|expect\w*|ensur\w*|"
    r"requir\w*|need\w*|hope\w*|seek\w*|striv\w*)\b",
    re.I,
)
_LEAD_CONNECTIVE = re.compile(
    r"^(?:and|but|however|additionally|in\s+addition|moreover|furthermore|further|also|finally|notably|"
    r"importantly|specifically|in\s+particular|similarly|therefore|thus|then|as\s+such|to\s+that\s+end|"
    r"in\s+practice|in\s+short|overall)\s*,?\s+",
    re.I,
)
# "we make the following procedural commitments", "the following security themes, and ...": only introduces a list
_PURE_LEAD = re.compile(r"\s*(?:[\w\-]+\s+){0,2}?the\s+following(?:\s+[\w\-]+){0,3}\s*(?:[:.,]|$)", re.I)
_TRAILING_EXAMPLE = re.compile(r",\s+(?:for\s+example|for\s+instance|e\.g\.)[,\s]", re.I)
_LABEL = re.compile(r"^(?:\(?[0-9a-z]{1,3}[.)]\s+)?[A-Z][\w’'\-/& ]{1,60}:(?:\s+(?=\S)|(?=[A-Z][a-z]))")
# "(2)", "(2a)", "(b)", "3." opening an item: an enumerator, not part of the quote (it also hides an "If ...")
_ENUM_LEAD = re.compile(r"^(?:\(\d{1,2}[a-z]?\)|\([a-h]\)|\((?:i{1,3}|iv|vi{0,3})\)|\d{1,2}[a-z]?[.)](?=\s+[A-Z(]))\s+")


@dataclass
class Cue:
    modality: Modality
    start: int  # offset of the cue in the clause
    end: int
    subject: str


_COMPLEMENTISER_WORDS = frozenset(
    "that which who because although though whether so than if when once unless until where while as".split()
)


_AS_POSTMODIFIER = re.compile(r"\s+(?:described|outlined|set\s+out|defined|noted|discussed|listed|specified)\b", re.I)
_WINDOW = 200  # how far around a cue its subject and complement are read (keeps long clauses linear)


def _subject_before(clause: str, pos: int) -> str:
    """The words before a cue back to the clause's start or the last comma-free stretch."""
    before = clause[max(0, pos - _WINDOW) : pos]
    # a closed parenthetical aside inside the subject ("The Board (or its delegate) will") is not where it starts
    before = re.sub(r"\s*\([^()]{0,80}\)", "", before)
    cut = max(before.rfind(","), before.rfind("("), before.rfind(":"), before.rfind("—"))
    before = before[cut + 1 :]
    # the nearest subject: after the last complementiser ("Acme believes that they will")
    for w in reversed(list(re.finditer(r"[A-Za-z]+", before))):
        if w.group(0).lower() in _COMPLEMENTISER_WORDS:
            if w.group(0).lower() == "as" and _AS_POSTMODIFIER.match(before, w.end()):
                continue  # "Automated detection as described above will": a postmodifier of the subject
            return before[w.end() :].strip()
    return before.strip()


def _is_org_subject(subject: str, org: str, bodies: dict[str, str] | None = None) -> bool:
    if bodies and any(re.search(rf"\b{re.escape(a)}\b", subject) for a in bodies):
        return True
    s = subject.lower()
    if re.search(rf"\b{_ORG_WORDS}\b", s):
        return True
    if org and org.lower() in s:
        return True
    return bool(_BODY.search(subject) or _ROLE_NOUN.search(subject)) or bool(
        re.search(
            r"\b(?:the\s+)?(?:company|organi[sz]ation|lab|laborator(?:y|ies)|labs|developers?|providers?|signator(?:y|ies)|deployers?)\b",
            s,
        )
    )


def find_cue(clause: str, org: str, subject_hint: str = "", bodies: dict[str, str] | None = None) -> Cue | None:
    """The first modal cue in the clause whose subject is the author or the author's process.

    `subject_hint` is the subject of the previous clause, for elliptic ones ("... and will publish X")."""
    conditional = (
        re.search(
            r"\b(?:if|in\s+the\s+event|should\s+(?:we|a|the|this)|in\s+(?:such|that|this)\s+(?:a\s+)?case)\b",
            clause,
            re.I,
        )
        is not None
        or _LEADING_TRIGGER_OK.match(clause) is not None
    )
    for m in _MODAL.finditer(clause):
        kind = m.lastgroup or "must"
        word = m.group(0).lower()
        if word in ("’ll", "'ll"):
            word = "will"
        subject = _subject_before(clause, m.start())
        if not subject and subject_hint and m.start() <= 6:
            subject = subject_hint
        elif re.fullmatch(r"(?:then\s+)?(?:they|he|she)", subject, re.I):
            # a pronoun standing for a body named earlier ("If the Board agrees, they will ...")
            named = list(_BODY.finditer(clause[max(0, m.start() - _WINDOW) : m.start()]))
            if named:
                subject = named[-1].group(1)
            elif subject_hint and (_BODY.search(subject_hint) or _ROLE_NOUN.search(subject_hint)):
                subject = subject_hint
        after = clause[m.end() : m.end() + _WINDOW]
        if re.search(r"\b(?:which|that|who)\s+$", clause[max(0, m.start() - 8) : m.start()], re.I):
            continue  # a relative clause describes a noun ("information which cannot be shared")
        if (_REDUCED_RELATIVE.search(subject) and _MAIN_VERB_AFTER.search(after)) or _FRAMING.search(
            clause[max(0, m.start() - _WINDOW) : m.start()]
        ):
            # "the measures we commit to are described in ...", "The scheme is designed to ensure that we will"
            continue
        if _RISK_THAT.search(clause[max(0, m.start() - _WINDOW) : m.start()]):
            continue  # "there is a risk that they will be used to ...": a description of the world
        # "it is our goal to", "our aim is to": the cue names the author itself
        org_subject = (
            _is_org_subject(subject, org, bodies) and not re.search(r"\byou\b|\bthey(?:\s+\w+)?\s*$", subject, re.I)
        ) or (kind == "hedge" and bool(re.search(r"\bour\b", word)))
        passive = bool(_PASSIVE.match(after))
        if word.startswith("commitment"):
            # a nominal commitment: "our commitments include X", "a commitment not to deploy X until Y"
            if not (org_subject or re.fullmatch(r"(?:(?:a|an|our|the|this|its)\s+)?(?:\w+\s+){0,3}", subject + " ")):
                continue
            org_subject = True
        if kind == "neg_modal":
            if word.startswith(("do not", "does not")):
                # "we do not deploy ... unless": a prohibition only with the author as subject
                if (
                    not org_subject
                    or _EPISTEMIC_AFTER.match(after)
                    or re.match(r"^\s*(?:believe|think|know|expect|yet|currently)", after, re.I)
                ):
                    continue
            elif word.startswith(("cannot", "can not", "can only", "may not", "may only")):
                if _EPISTEMIC_AFTER.match(after) and not passive:
                    continue
                if not (org_subject or passive):
                    continue
            elif not (org_subject or passive) or (_EPISTEMIC_AFTER.match(after) and not passive):
                if not org_subject and not passive:
                    continue
            modality: Modality = "must_not"
        elif kind == "should":
            if _THIRD_PARTY.search(subject) and not passive and not org_subject and not _EXISTENTIAL.search(subject):
                continue
            if re.search(r"\b(?:you|others|governments?|policymakers|readers?)\b", subject, re.I):
                continue
            modality = "should"
        elif kind == "may":
            only = re.search(r"\bonly\b", subject, re.I) or re.match(r"^\s*only\b", after, re.I)
            if word in ("may", "can"):
                if only and passive:
                    modality = "must_not"
                elif not org_subject or _EPISTEMIC_AFTER.match(after):
                    continue
                else:
                    modality = "may"
            else:
                modality = "may"
        elif kind == "hedge":
            if not org_subject:
                continue
            modality = "intend"
        else:
            if word in ("require", "requires", "required"):
                # "Deployment requires sign-off" is a requirement on the author's own process
                if (
                    not re.match(r"^\s*(?:that\s+)?(?:\w+\s+){0,6}\w", after)
                    or _THIRD_PARTY.search(subject)
                    and not org_subject
                ):
                    continue
            elif word == "would" and org_subject and re.match(r"^\s*(?:consider|explore)\b", after, re.I):
                pass
            elif word == "would":
                if not org_subject or _EPISTEMIC_AFTER.match(after) or not conditional:
                    continue
            elif "dedicated" in word:
                if not org_subject:
                    continue  # "the team is dedicated to X" as a description of others' focus is not the author's
            elif word in ("ensure", "ensures"):
                if not (org_subject or not subject):
                    continue
            elif word in ("will", "shall", "must") or word.startswith(("need", "ha")):
                # what one of the author's processes will contain or cover ("Updates will involve X")
                process_content = bool(
                    not org_subject
                    and _PROCESS_SUBJECT.search(_POSTMODIFIER.sub("", subject))
                    and (not _EPISTEMIC_AFTER.match(after) or _CONTENT_VERB.match(after))
                )
                if not org_subject:
                    if word == "will" and not passive and not process_content:
                        continue
                    if (
                        word in ("must", "shall")
                        and _THIRD_PARTY.search(subject)
                        and not passive
                        and not _EXISTENTIAL.search(subject)
                    ):
                        continue
                    if word.startswith(("need", "ha")) and not passive:
                        continue
                if (
                    word == "will"
                    and not passive
                    and not process_content
                    and (_WILL_EPISTEMIC.match(after) if org_subject else _EPISTEMIC_AFTER.match(after))
                ):
                    continue
            modality = "must"
            if word == "will" and re.match(r"^\s*only\b", after):
                modality = "must_not"
        if (
            _HEDGE.search(clause[max(0, m.start() - _WINDOW) : m.start()])
            and modality in ("must", "must_not")
            and org_subject
        ):
            # a hedge wins over the verb it hedges: "we expect this will require"
            modality = "intend"
        if modality in ("must", "must_not") and re.match(r"^\s*likely\b", after, re.I):
            modality = "intend"
        if modality == "must" and re.match(r"^\s*(?:consider|explore|look\s+into|evaluate\s+whether)\b", after, re.I):
            modality = "may"
        if re.match(r"^\s*(?:also\s+)?(?:aim|work|seek|strive|try|look|hope|endeavou?r)\s+to\b", after, re.I):
            modality = "intend"
        if (
            modality in ("may", "must")
            and re.match(r"^\s*only\b", after, re.I) is None
            and re.search(r"\bonly\b[^,;]{0,80}$", clause[max(0, m.start() - 100) : m.start()], re.I)
            and passive
        ):
            # "Only models with a low score can be deployed": a prohibition of everything else
            modality = "must_not"
        return Cue(modality, m.start(), m.end(), subject)
    return _role_statement(clause, bodies, org)


# "There is a named staff lead responsible for X": a role the author sets up for its own process
_THERE_ROLE = re.compile(
    r"^[Tt]here\s+(?:is|are)\s+(?:always\s+)?(?P<role>(?:an?|one|two|three|at\s+least\s+one)\s+(?:[\w\-’']+\s+){0,6}?)"
    r"(?P<verb>(?:(?:jointly|ultimately|directly)\s+)?(?:responsible|accountable|tasked|charged)\s+(?:for|with))\b"
)
# a person the author appoints to a role ("a designated member of staff"): "they" in the next sentence is that person
_ROLE_NOUN = re.compile(
    r"\b(?:designated|appointed|named|dedicated)\s+(?:[\w\-]+\s+){0,2}?(?:member\s+of\s+staff|staff\s+member|person|"
    r"individual|employee|executive|lead|owner|representative)\b",
    re.I,
)
_NOT_ROLE_VERB = re.compile(
    r"^(?:is|was|has|does|means|seems|appears|refers|remains|represents|includes|contains|consists)$", re.I
)
_ROLE_PASSIVE = re.compile(
    r"^\s*(?:is|are)\s+(?:also\s+|jointly\s+|ultimately\s+)?(?:responsible|accountable|appointed|chaired|composed|tasked|"
    r"empowered|authori[sz]ed|charged|mandated|notified|informed|consulted)\b",
    re.I,
)


_NOT_PROCESS_VERB = re.compile(
    r"^(?:believe|think|know|recogni[sz]e|understand|hope|see|feel|note|acknowledge|define|refer|mean|call|describe|"
    r"are|were|have|had|do|did|can|could|might|may|must|shall|should|will|would|"
    r"also|currently|already|now|still|often|sometimes|generally|typically|"
    r"want|wish|agree|view|consider|expect|anticipate|predict|worry|doubt|suspect|assume|argue|suggest|discuss|focus|"
    r"find|found|fear|care|like|need|use|call|say|said|mention|outline|summari[sz]e|explain|illustrate|list|cover|"
    r"present|introduce|begin|start|continue|look|include|welcome|thank|invite|encourage|expand|detail|highlight|"
    r"emphasi[sz]e|stress|lay|set|share|remain|recommend|propose|hold|learn|draw|build|seek|aim|plan|intend|hope|"
    # how the document's own content was derived (decision 26): "We choose a 50% threshold", "We list these tasks"
    r"choose|classify|determine|estimate|derive|name|label|term|categori[sz]e)$",
    re.I,
)
# verbs that end like adverbs: "we apply", "we comply", "we rely on"
_LY_VERBS = frozenset("apply applies supply supplies comply complies reply replies rely relies multiply".split())
# what may "continue" without being an activity of the author: beliefs, perceptions and states
_CONTINUE_NOT = re.compile(
    r"^(?:believe|think|know|see|feel|hope|expect|view|face|find|be|have|exist|remain|seem|appear|struggle|worry|"
    r"wonder|doubt|consider|hold|regard)$",
    re.I,
)
_PROCESS_ADVERB = (
    r"(?:(?:also|then|jointly|ultimately|regularly|routinely|periodically|continuously|always|only|first|"
    r"independently|formally)\s+)?"
)


def _role_statement(clause: str, bodies: dict[str, str] | None, org: str = "") -> Cue | None:
    """Present tense of the author's own process or a body's role ("The Review Board approves each
    release", "We test every model before release"): a requirement on the author's own conduct, `must`,
    though there is no modal verb to find. States and beliefs ("we are", "we believe") are not."""
    lead = _LEADING_TRIGGER_OK.match(clause)
    start = 0
    if lead:
        comma = clause.find(",")
        if comma < 0:
            return None
        start = comma + 1
        while start < len(clause) and clause[start] == " ":
            start += 1
    rest = clause[start:]
    role = _THERE_ROLE.match(rest)
    if role is not None:
        return Cue("must", start + role.start("verb"), start + role.end(), role.group("role"))
    we = re.match(rf"(?:[Ww]e|{re.escape(org)})\b" if org else r"[Ww]e\b", rest)
    if we is not None:
        verb = re.match(rf"\s+{_PROCESS_ADVERB}([a-z]+)\b", rest[we.end() :])
        if verb and verb.group(1).endswith("ly") and verb.group(1) not in _LY_VERBS:
            # an adverb of manner before the verb ("we carefully review"): the verb is the next word
            verb = re.match(rf"\s+{_PROCESS_ADVERB}[a-z]+ly\s+([a-z]+)\b", rest[we.end() :])
        word = verb.group(1) if verb else ""
        third = we.group(0).lower() != "we"
        if verb and word in ("continue", "continues"):
            # "we continue to invest in X": an ongoing activity the author keeps up is a commitment to it (decision
            # 26), unless what continues is a belief or a state ("we continue to believe", "... to be")
            goes_on = re.match(r"\s+to\s+(?:\w+ly\s+)?([a-z]+)\b", rest[we.end() + verb.end() :])
            if goes_on and not _CONTINUE_NOT.match(goes_on.group(1)) and (word == "continues") == third:
                pos = start + we.end() + verb.start(1)
                return Cue("must", pos, pos + len(word), we.group(0))
            return None
        if (
            verb
            and not _NOT_PROCESS_VERB.match(word.rstrip("s") if third else word)
            and (word.endswith("s") == third)
            and not word.endswith(("ed", "ing"))
            and (not word.endswith("ly") or word in _LY_VERBS)
            and word not in ("is", "was", "has")
            and not re.match(r"\s+(?:no|nothing|little)\b", rest[we.end() + verb.end() :])
        ):
            pos = start + we.end() + verb.start(1)
            return Cue("must", pos, pos + len(word), we.group(0))
        return None
    body = _BODY.match(rest)
    if body is None and bodies:
        body = re.match(rf"(?:[A-Z][\w\-’']*\s+){{0,3}}?(?:{'|'.join(map(re.escape, bodies))})\b(?:\s+[A-Z]\w+)?", rest)
    if body is None:
        return None
    subject = rest[: body.end()]
    if not re.match(r"^(?:[Tt]he\s+|[Oo]ur\s+|[Ee]ach\s+|[Aa]n?\s+)?(?:[A-Z][\w\-’']*\s+){0,5}?\S+$", subject):
        return None
    after = rest[body.end() :]
    verb = re.match(rf"\s+{_PROCESS_ADVERB}([a-z]+s)\b", after)
    if verb and not _NOT_ROLE_VERB.match(verb.group(1)) and not verb.group(1).endswith("ss"):
        pos = start + body.end() + verb.start(1)
        return Cue("must", pos, pos + len(verb.group(1)), subject)
    passive = _ROLE_PASSIVE.match(after)
    if passive:
        return Cue("must", start + body.end(), start + body.end() + passive.end(), subject)
    return None


_PROCESS_PARTICIPLES = (
    "monitored logged retained reviewed re-reviewed audited conducted performed run rerun re-run tested re-tested "
    "evaluated re-evaluated assessed reassessed re-assessed tracked updated shared published reported escalated "
    "approved documented recorded restricted limited encrypted stored treated investigated notified informed "
    "consulted enforced implemented maintained applied convened overseen chaired communicated granted revoked "
    "deleted removed paused halted checked verified validated analyzed analysed red-teamed scanned patched "
    "vetted screened isolated segmented secured protected gated rotated backed disclosed briefed reported "
    "escalated prioritized prioritised triaged remediated mitigated addressed resolved responded followed "
    "signed logged kept archived reviewed inspected measured benchmarked graded scored scaled governed utilized "
    "utilised"
).split()
_PROCESS_PASSIVE = re.compile(
    r"^(?P<subj>[A-Za-z“\"(][^,;:()]{0,80}?)\s+(?:is|are)\s+"
    r"(?P<adv>(?:(?:also|then|only|always|never|not|regularly|routinely|periodically|continuously|automatically|"
    r"promptly|immediately|independently|formally|further|subsequently|first|typically|systematically|"
    r"carefully|closely|thoroughly|frequently|annually|quarterly|internally|externally|publicly|each|both)\s+)*)"
    # "Any model that passes the screen is subject to a full review": a requirement on the author's own process
    rf"(?P<verb>{'|'.join(map(re.escape, _PROCESS_PARTICIPLES))}|prohibited|forbidden|required|mandatory|"
    r"subject\s+to(?=\s+(?:a|an|the|our|its|further|additional|\w+))(?!\s+(?:change|laws?|regulations?|risks?|"
    r"uncertaint\w+|limitations?|errors?|attacks?|misuse)\b))\b",
    re.I,
)
_SECOND_PARTICIPLE = re.compile(
    r"\s+and\s+(?:(?:then|also|promptly|immediately|regularly)\s+)?"
    rf"(?:{'|'.join(map(re.escape, _PROCESS_PARTICIPLES))})\b",
    re.I,
)
_NOT_PROCESS_SUBJECT = re.compile(
    r"^(?:it|there|this|that|these|those|what|which|who|such|one|some|many|most|much)$|"
    r"\b(?:we|you|they|he|she|i|us|our\s+(?:belief|view)|will|would|should|may|might|can|could|must|shall|was|were|"
    r"has|have|had|risks?|threats?|attackers?|adversar(?:y|ies)|actors?|users?|customers?|people|society|"
    r"governments?|world|humans?|researchers|experts|others|capabilities\s+(?:that|which))\b",
    re.I,
)


def _depth0_comma(text: str) -> int:
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


def process_passive(clause: str) -> Cue | None:
    """A present-tense passive statement of the author's own process ("Access logs are reviewed weekly",
    "Alerts are escalated to the on-call lead"): a requirement on its own conduct (`must`), though there
    is no modal verb. Only an action the author performs counts (not "are used", "are designed"); the
    caller accepts it only among other commitments, since the same form also describes the world."""
    start = 0
    if _LEADING_TRIGGER_OK.match(clause) or re.match(r"^(?:in|for|at|on|within|under|with|through)\s", clause, re.I):
        comma = _depth0_comma(clause)
        if comma < 0 or comma > 150:
            return None
        start = comma + 1
        while start < len(clause) and clause[start] == " ":
            start += 1
    m = _PROCESS_PASSIVE.match(clause[start:])
    if m is None:
        return None
    subj = m.group("subj").strip()
    words = subj.split()
    if not 1 <= len(words) <= 9 or _NOT_PROCESS_SUBJECT.search(subj) or _NOT_PROCESS_SUBJECT.match(words[0]):
        if not (words and words[0].lower() in ("these", "this", "such") and len(words) >= 2):
            return None
        if _NOT_PROCESS_SUBJECT.search(" ".join(words[1:])):
            return None
    if re.search(r"\b\w+(?:s|ed)\s+(?:that|which|to|by)\b", subj) and len(words) > 4:
        return None  # the subject holds a clause of its own: not a simple noun phrase
    verb = m.group("verb").lower()
    negated = re.search(r"\b(?:not|never)\b", m.group("adv"), re.I) is not None
    modality: Modality = "must_not" if (negated or verb in ("prohibited", "forbidden")) else "must"
    return Cue(modality, start + m.start("verb"), start + m.end("verb"), subj)


# A rule stated of a class of the author's own models or systems ("Models assessed as high risk are subject to
# further review", "Any model that passes the screen will be subject to a full audit", "Models rated low risk may
# be deployed with standard safeguards"): what happens to the author's artefacts is a requirement on the author's
# own process (decision 26), and a modifier that narrows the class is the rule's trigger (decision 48). The
# subject must be a model, system or framework of the author's; the object of "subject to" must be a process, not
# a caveat ("subject to change", "subject to misuse").
_CLASS_RULE = re.compile(
    r"^(?P<subj>(?:(?:any|all|every|each|the|our|such|these|this|its)\s+)?(?:[\w\-’']+\s+){0,3}?"
    r"(?P<head>models?|systems?|framework|checkpoints?|releases?|deployments?)\b[^,;:()]{0,160}?)(?:\s+|(?<=[—–]))"
    r"(?:(?P<is>is|are|will\s+be|shall\s+be|must\s+be)\s+(?:also\s+|then\s+|always\s+)?subject\s+to"
    r"(?!\s+(?:change|laws?|regulations?|risks?|uncertaint\w+|limitations?|errors?|attacks?|misuse|abuse|"
    r"failures?|bias(?:es)?|manipulation|theft|jailbreaks?|interpretation|revision)\b)"
    r"|(?P<may>may|can)\s+(?:only\s+)?be\s+(?P<part>deployed|released|trained|shared|used|made\s+available|"
    r"launched|scaled|fine-tuned|open-sourced|published)\b)",
    re.I,
)
# what narrows the class: a relative clause or a participle or "with" phrase right after the head noun
_CLASS_NARROWS = re.compile(
    r"^\s*(?:that|which|who|whose|with|having|[a-z]+ing|[a-z\-]+ed\s+(?:as|on|with|using|by|to|for|at|in|above|beyond)|"
    r"(?:found|shown|known|seen|run|built)\s+(?:as|on|with|using|by|to|for|at|in))\b",
    re.I,
)
_CLASS_OPENER = re.compile(r"^(?:in|for|at|on|within|under|with|through|across)\s", re.I)


def class_rule(clause: str) -> tuple[Cue, str | None] | None:
    """A requirement stated of a class of the author's models or systems, and the class as its trigger when a
    modifier narrows it (a bare "All models" or "frontier models" is the whole class: no condition)."""
    start = 0
    if _LEADING_TRIGGER_OK.match(clause) or _CLASS_OPENER.match(clause):
        comma = _depth0_comma(clause)
        if comma < 0 or comma > 150:
            return None
        start = comma + 1
        while start < len(clause) and clause[start] == " ":
            start += 1
    m = _CLASS_RULE.match(clause[start:])
    if m is None:
        return None
    subj = m.group("subj").strip()
    if re.search(r"\b(?:we|you|they|was|were|had|could|might|would)\b", subj, re.I):
        return None
    modality: Modality = "may" if m.group("may") else "must"
    cue_start = start + (m.start("is") if m.group("is") else m.start("may"))
    cue_end = start + m.end()
    narrows = _CLASS_NARROWS.match(subj[m.end("head") - m.start("subj") :]) is not None
    trig = _clean_trigger(subj) if narrows and not re.match(r"(?:all|the)\b", subj, re.I) else None
    return Cue(modality, cue_start, cue_end, subj), trig


# the document or one of the author's procedures as the agent of a step of the process
_PROCESS_AGENT = re.compile(
    r"(?P<subj>(?:this|these|it)|(?:(?:the|this|our|each|every|these|its)\s+)?(?:[\w\-]+\s+){0,4}?"
    r"(?P<head>framework|policy|classification|results|findings|outputs|evaluations?|assessments?|reviews?|audits?|"
    r"process(?:es)?|procedures?|protocols?|testing|screening|programs?|programmes?|documentation)"
    # "The results of the evaluation and of the review then inform X": the head noun with its "of" complement
    r"(?:\s+of(?:\s+[\w\-’']+){1,14}?(?<!\bthe)(?<!\ba)(?<!\ban)(?<!\bof)(?<!\band)(?<!\bor)(?<!\bto)(?<!\bour)"
    r"(?<!\bits)(?<!\btheir)(?=\s))?)\s+"
    r"(?P<adv>(?:also|then|further|typically|always|each|both)\s+)?"
    r"(?P<verb>includes?|involves?|entails?|considers?|comprises?|monitors?|tracks?|assess(?:es)?|evaluates?|"
    r"tests?|triggers?|screens?|audits?|guides?|informs?|allows?\s+for|(?:are|is)\s+used\s+to(?=\s+[a-z]+\b))\b(?!\s+(?:that|whether|how|what|why|to|of)\b)"
    r"(?!\s*(?:the\s+following\s*)?[:.]?\s*$)",  # "This includes:" only introduces a list
    re.I,
)


def process_statement(clause: str) -> Cue | None:
    """A present-tense statement of what one of the author's procedures does or contains ("Each review includes a
    written record", "The policy tracks these capabilities", "This involves testing every release"): a
    requirement on the author's own process (`must`, decision 26). A bare "this"/"it" must follow its verb with
    a noun or gerund phrase; the caller accepts it only among other commitments, since the same form also
    describes the world or the document's own structure."""
    start = 0
    # an opener before the subject ("As appropriate, evaluations involve X"; "At each stage, the review includes Y")
    if _LEADING_TRIGGER_OK.match(clause) or _CLASS_OPENER.match(clause) or re.match(r"^as\s+\w+\s*,", clause, re.I):
        comma = _depth0_comma(clause)
        if comma < 0 or comma > 150:
            return None
        start = comma + 1
        while start < len(clause) and clause[start] == " ":
            start += 1
    m = _PROCESS_AGENT.match(clause, start)
    if m is None:
        return None
    subj = m.group("subj")
    head = m.group("head") or subj
    verb_word = m.group("verb").split()[0].lower()
    singular_verb = verb_word.endswith("s") and not verb_word.endswith("ss")
    if m.group("verb").lower() in ("assess",):
        singular_verb = False
    plural_subj = head.lower().endswith(("s", "these")) and not head.lower().endswith(("process", "this", "its"))
    if singular_verb == plural_subj:
        return None  # no agreement: not the subject and its verb ("Models that pass the review tests ...")
    obj = clause[m.end("verb") :].split()[:5]
    if (
        re.match(r"(?:includ|consider|involv|compris|entail)", verb_word)
        and any(re.match(r"(?:risks?|harms?|misuse|threats?|hazards?|dangers?)\W*$", w, re.I) for w in obj)
        and not any(re.search(r"\w(?:tion|ment|ing|sis|ysis)\W*$", w) for w in obj)
    ):
        return None  # the scope of the framework ("considers two classes of risks", "includes harm caused by X")
    # "This also allows for a pause if X": the step opens an option the author keeps, not a duty (decision 47)
    modality: Modality = "may" if m.group("verb").lower().startswith("allow") else "must"
    return Cue(modality, m.start("verb"), m.end("verb"), subj)


# ---------------------------------------------------------------------------------------------
# Fields


# a relative clause between the modal verb and a trailing condition: the condition qualifies the nested verb
# ("we will define which properties suggest that a model provides it upon further scaling")
_EMBEDDED = re.compile(r"(?:,\s*|\b)(?:which|who|whom|whose)\b", re.I)
_TAIL_REACH = 16  # words between the modal verb and a trailing condition that still attaches to it


def find_trigger(clause: str, cue: Cue, tail: tuple[int, int] | None = None) -> str | None:
    """The condition in the document's words: a leading subordinate clause, or one after the verb (within
    `tail`, the span of one of several actions, when given)."""
    head = clause[: cue.start]
    lead = _LEADING_TRIGGER_OK.search(head.strip())
    if lead:
        stripped = head.strip()
        comma = stripped.rfind(",")
        if comma > 0:
            opener = stripped[:comma]
            if not re.match(r"(?:if|when|whenever|unless|once|in\s+the\s+event)\b", opener, re.I):
                # an explicit condition inside beats a scene-setting opener ("By default, if X, we will")
                cond = re.search(
                    r"(?:^|(?<=[,;(—–]\s))(?:if|when|whenever|unless|once|in\s+the\s+event)\b", opener, re.I
                )
                if cond is not None:
                    opener = opener[cond.start() :]
            return _clean_trigger(re.sub(r",\s*then\s*$", "", opener))
    m = None
    for cand in _TRIGGER.finditer(head):
        m = cand
    tail_from, tail_to = tail if tail is not None else (cue.end, len(clause))
    for t in _TRIGGER.finditer(clause, tail_from, tail_to):
        cue_word = t.group("cue").lower()
        if cue_word == "if" and re.search(
            r"\b(?:determine|assess|evaluate|check|see|know|decide|ask|test|verify|"
            r"investigate|whether|examine|confirm|establish)s?\s*$",
            clause[: t.start()],
            re.I,
        ):
            continue  # "determine if X": "if" means "whether"
        if cue_word in ("where", "during", "while", "whilst", "after") and not re.match(
            r"(?:where|during|while|whilst|after)\s+(?:a|an|the|we|it|any|each|models?|there)\b",
            clause[t.start() :],
            re.I,
        ):
            continue
        if re.match(r"\w+\s*[,;:.)]", clause[t.start() :]):
            continue  # "as before," "than after.": an adverb, not a condition
        if re.match(r"(?:if|when|unless)\s+(?:so|not|any|ever|possible|applicable)\b", clause[t.start() :], re.I):
            continue  # "and, if so, whether ...", "re-evaluated ... if not": an elliptic back-reference, no condition
        if _EMBEDDED.search(clause[tail_from : t.start()]) or len(clause[tail_from : t.start()].split()) > _TAIL_REACH:
            break  # past a relative clause, or far from the verb, a condition belongs to a nested verb
        text = clause[t.start() : tail_to]
        stop = re.search(
            r"[,;:()]|\s+(?:and\s+)?(?:we|it)\s+(?:will|shall|must|should|may)\b|\s+—|\.\s|\.$",
            text[len(cue_word) + 1 :],
        )
        end = len(cue_word) + 1 + stop.start() if stop else len(text)
        trig = _clean_trigger(text[:end])
        if trig and len(trig.split()) >= 2:
            return trig
    if m is not None:
        text = head[m.start() :].strip()
        text = text.split(",")[0]
        trig = _clean_trigger(text)
        if trig and len(trig.split()) >= 2 and not re.search(r"\b(?:we|it)\s*$", trig):
            return trig
    return None


def _is_leading(clause: str, trig: str) -> bool:
    """Does the condition open the clause (after any connective)?"""
    head = " ".join(clause.split())
    head = _LEAD_CONNECTIVE.sub("", _ENUM_LEAD.sub("", head))
    return head.lower().startswith(trig.lower()[:20])


# "Where appropriate", "as needed", "if necessary": an escape clause that leaves the author free rather than a condition
# an outsider could see met (ANNOTATION.md lists them as discretion): read as a trigger, it still makes the commitment
# vague
_DISCRETION_ONLY = re.compile(
    r"^(?:where|when|whenever|if|as|unless)\s+(?:(?:it\s+is|we\s+deem|deemed|considered)\s+)?(?:appropriate|necessary|"
    r"needed|feasible|possible|practicable|warranted|relevant|applicable|required|helpful|useful)$",
    re.I,
)


# a condition cut before its predicate ("When a model") or a scene-setting phrase ("At a high level") activates nothing
_EMPTY_TRIGGER = re.compile(
    r"^(?:(?:when|if|once|where|whenever|unless)\s+(?:(?:a|an|the|any|each|our|its|this|that)\s+)?[\w\-]+|"
    r"(?:at|on)\s+(?:a|the)\s+(?:high|general|basic|broad|minimum|technical)\s+level)$",
    re.I,
)


def _clean_trigger(text: str) -> str | None:
    t = " ".join(text.split()).strip(" ,;:.—–")
    t = re.sub(r"(?<=[a-z])\d+$", "", t).strip()
    # a condition cut at a conjunction keeps what it has ("if X and" -> "if X")
    t = re.sub(r"(?:\s+(?:and|or|but|then|and/or))+$", "", t, flags=re.I).strip(" ,;:")
    if _EMPTY_TRIGGER.match(t):
        return None
    return t or None


def find_safeguard(clause: str, cue: Cue, trigger: str | None) -> str:
    after = clause[cue.end :]
    after = re.sub(r"^\s*(?:not|only|also|then|first|always|never|to|that)\s+", "", after, flags=re.I)
    after = re.sub(r"^\s*(?:to|be)\s+", "", after, flags=re.I)
    if trigger:
        norm = " ".join(after.split())
        idx = norm.find(trigger)
        if idx > 0:
            after = norm[:idx] + norm[idx + len(trigger) :]
    s = " ".join(after.split()).strip(" ,;:.—–")
    s = re.sub(r"(?<=[a-z])\d+\b", "", s)  # footnote digits glued to words
    return s or " ".join(clause.split())


# open-ended aims ("harden security", "minimise risk", "defend against attackers") with no checkable output:
# only the author can say when they are met
_OPEN_AIM = re.compile(
    r"\b(?:harden(?:s|ing)?|defend(?:s|ing)?|strengthen(?:s|ing)?|enhanc(?:e|es|ing)|refin(?:e|es|ing)|"
    r"prevent(?:s|ing)?|focus(?:es|ing)?\s+on|work\s+(?:rapidly\s+|quickly\s+)?to|look\s+to|strive|"
    r"as\s+much\s+as|(?:treated|taken)\s+seriously)\b",
    re.I,
)
# what makes an aim checkable after all: a published or recorded output, a named verifier, a sign-off
_CHECKABLE = re.compile(
    r"\b(?:publish\w*|public(?:ly)?|report\w*|document(?:ed|s)?|notif\w+|disclos\w+|approv\w+|sign[-\s]?off|"
    r"audit\w*|log(?:s|ged|ging)?|record\w*|board|trust|officer|committee|external|third[-\s]part\w+|independent|"
    r"government|card|encrypt\w*|multi[-\s]?factor|two[-\s]?factor|bug\s+bount\w+|red[-\s]?team\w*|"
    r"evaluat\w+|test\w*|pause|halt|stop|delete)\b",
    re.I,
)
# a purpose clause says why, not what: its qualifiers do not make the committed action vague
_PURPOSE = re.compile(r",?\s+(?:in\s+order\s+to|so\s+as\s+to|so\s+that)\b.*$", re.I | re.S)


def specificity(clause: str, modality: Modality, trigger: str | None = None) -> Specificity:
    """Judged on the committed action: the condition that activates it and the purpose it serves are left out
    ("If the agreed controls are missing, halt the run" is concrete)."""
    if trigger and not _DISCRETION_ONLY.match(trigger):
        flat = " ".join(clause.split())
        i = flat.lower().find(trigger.lower())
        if i >= 0 and len(flat) - len(trigger) > 15:
            clause = flat[:i] + flat[i + len(trigger) :]
    clause = _PURPOSE.sub("", clause)
    body = re.sub(r"\b[A-Z]{2,}[-\s]?\d+\b|\b\d+[a-z]?[.)]\s|(?<=[a-z])\d+\b", " ", clause)  # "Tier-3", footnotes
    if _QUANT.search(body):
        return "quantitative"
    if _VAGUE.search(body):
        return "vague"
    if _OPEN_AIM.search(body) and not _CHECKABLE.search(body):
        return "vague"
    if modality == "intend":
        # hedged so that only the author can judge whether it was met (decision 12), whatever it names
        return "vague"
    if modality == "may" and not _CONCRETE.search(body):
        return "vague"
    return "concrete"


def verifiable(clause: str, spec: Specificity, modality: Modality) -> bool:
    """ANNOTATION.md "Verifiable", the one procedure every backend uses (extractor/signals.py)."""
    return is_verifiable(clause)


_PARTY = re.compile(
    r"\b(?:(?:the|all|each|every|above|participating)\s+)*(?-i:[A-Z][\w\-]*\s+)?(?:providers?|deployers?|signator(?:y|ies)|"
    r"organi[sz]ations|companies|developers)(?:\s+of\s+(?:[\w\-]+\s+){0,3}?(?:models?|systems?))?\b",
    re.I,
)


def actor_for(subject: str, org: str, bodies: dict[str, str] | None = None, head: str = "") -> str:
    # a stray glyph left by PDF extraction before the subject ("J The Board")
    subject = re.sub(r"^\s*[^\sAI\W]\s+(?=[A-Z])", "", subject)
    m = None
    for cand in _BODY.finditer(subject):
        m = cand
    if m and not re.search(rf"\b{_ORG_WORDS}\b\s*$", subject, re.I):
        name = re.sub(r"^(?:The|the|Our|our|An?|an?)\s+", "", m.group(1)).strip()
        # the organisation's possessive before a named body is not part of its name ("Acme's Chief Risk Officer")
        name = re.sub(r"^[A-Z][\w\-]*[’']s\s+(?=[A-Z])", "", name)
        if name and name.lower() not in ("team", "group", "board", "leadership"):
            return name
        # a generic body with its modifiers ("the development team", "Acme's senior leadership"): the body as written,
        # the possessive as the plain name (decision 46)
        generic = re.search(
            r"(?:\b(?P<org>[A-Z][\w\-]*)[’']s\s+|\b(?:the|our|its)\s+)(?P<mods>(?:(?!(?:the|a|an|our|its)\b)[a-z][\w\-]*\s+){1,2})"
            r"(?P<noun>team|group|leadership)\s*$",
            subject[: m.end()],
        )
        if generic is not None:
            return " ".join(
                w for w in (generic.group("org"), generic.group("mods").strip(), generic.group("noun")) if w
            )
        if name.lower() == "board":
            return "Board"
    if bodies and not re.search(rf"\b{_ORG_WORDS}\b", subject, re.I):
        for acr, expansion in bodies.items():
            if re.search(rf"\b{re.escape(acr)}\b", subject):
                return expansion
    if re.search(rf"\b{_ORG_WORDS}\b", subject, re.I):
        return org
    # the obligated party of a regulation or a joint pledge: "Providers of general-purpose AI models shall"
    for text in (subject, head):
        party = _PARTY.search(text)
        if party:
            return re.sub(r"^(?:the|a|an|all|each|every|above|participating)\s+", "", party.group(0), flags=re.I)[:80]
    return org


# ---------------------------------------------------------------------------------------------
# Extraction


_GERUND_LIST = re.compile(
    r"\b(?:commitments?|measures|safeguards|practices|steps|actions|mitigations|controls|requirements|protections)\b"
    r"[^.;:]{0,120}?\b(?:include|includes|including|such\s+as|namely|are)\s+(?=[a-z]+ing\b)",
    re.I,
)
_GERUND_SPLIT = re.compile(r",\s+(?:and\s+|or\s+)?(?=[a-z]+ing\b)|\s+and\s+(?=[a-z]+ing\b)")


def _gerund_items(clause: str) -> list[tuple[int, int]]:
    """An inline list of measures ("our commitments include limiting X, establishing Y, and storing Z"):
    one commitment per gerund phrase, as for a bulleted list."""
    m = _GERUND_LIST.search(clause)
    if m is None:
        return []
    out: list[tuple[int, int]] = []
    pos = m.end()
    for sep in _GERUND_SPLIT.finditer(clause, pos):
        out.append((pos, sep.start()))
        pos = sep.end()
    out.append((pos, len(clause.rstrip(" .;,"))))
    out = [(a, b) for a, b in out if len(clause[a:b].split()) >= 3]
    return out if len(out) >= 2 else []


def _clauses(text: str) -> list[tuple[int, int]]:
    """Clause boundaries: split at ';' and at 'and/but' that start a new subject+modal, when the part
    before has a verb of its own ("A and B must ..." is one subject, not two clauses)."""
    bounds: list[tuple[int, int]] = []
    pos = 0
    for m in _CLAUSE_SPLIT.finditer(text):
        if (
            not m.group(0).lstrip(",").strip().startswith(";")
            and ";" not in m.group(0)
            and not _ANY_CUE.search(text[pos : m.start()])
            # an explicit "we" after the "and" is a new subject, whatever the part before holds
            and not re.match(r"we\s+(?:also\s+)?continue\s+to\b", text[m.end() :], re.I)
        ):
            continue
        bounds.append((pos, m.start()))
        pos = m.end()
    bounds.append((pos, len(text)))
    return [(s, e) for s, e in bounds if e - s > 0]


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """Drop leading labels, connectives, enumerators and contrastive openers ("Rather than X, we will Y":
    the commitment is Y), and trailing punctuation and an unmatched closing parenthesis."""
    seg = text[s:e]
    for pattern in (_ENUM_LEAD, _LABEL, _LEAD_CONNECTIVE):
        m = pattern.match(seg)
        if m and len(seg) - m.end() > 15:
            s += m.end()
            seg = text[s:e]
    if _CONTRAST_OPENER.match(seg):
        comma = _depth0_comma(seg)
        if 0 < comma and len(seg) - comma > 15:
            s += comma + 1
            while s < e and text[s].isspace():
                s += 1
    while e > s and text[e - 1] in " \t\n,;:":
        e -= 1
    if e > s and text[e - 1] == ")" and text.count("(", s, e) < text.count(")", s, e):
        e -= 1
    return s, e


_BY_AGENT = re.compile(
    r"\s+(?:(?:not|also|then|first|only|always)\s+)*be\s+(?:\w+ly\s+)?[\w\-]+(?:ed|en|wn)\s+by\s+(?:the\s+|our\s+)?"
    r"(?P<agent>[^,;.()]{2,80})"
)
_CONTRAST_OPENER = re.compile(r"^(?:rather\s+than|instead\s+of)\b", re.I)


_IMPERATIVE_VERBS = (
    "adopt analyze analyse apply appoint assess audit build collect commit communicate conduct consult continue "
    "coordinate create define delay delete deploy design designate develop disclose document educate embed "
    "enforce engage ensure establish evaluate follow harden identify implement inform investigate involve keep "
    "limit lock log maintain manage measure mitigate monitor notify pause perform plan prepare prevent prioritize "
    "release resume grant allow approve escalate halt retrain "
    "prioritise produce prohibit protect provide publish record reduce refine report require respond restrict "
    "retain review run secure segment set share specify stop store support take test track train treat update "
    "use verify"
).split()
_IMPERATIVE = re.compile(
    r"^(?:(?:proactively|publicly|regularly|promptly|immediately|continuously|also|then|first|always|never|not)\s+)?"
    rf"(?:do\s+not\s+(?:\w+ly\s+|further\s+)?)?(?:{'|'.join(_IMPERATIVE_VERBS)})\b",
    re.I,
)


def imperative(clause: str) -> tuple[int, str | None] | None:
    """An instruction to oneself ("Publish model cards", "If X, pause training"): offset of the verb and
    the leading condition, if any."""
    trig = None
    body = clause
    offset = 0
    lead = _LEADING_TRIGGER_OK.match(clause)
    if lead:
        comma = clause.find(",")
        if comma < 0:
            return None
        trig = _clean_trigger(clause[:comma])
        offset = comma + 1
        while offset < len(clause) and clause[offset].isspace():
            offset += 1
        body = clause[offset:]
    m = _IMPERATIVE.match(body)
    if not m:
        return None
    return offset, trig


_AND_VERBS = frozenset(
    _IMPERATIVE_VERBS
    + "summarize summarise confirm revisit revise reassess escalate submit brief notify inform halt assess analyze "
    "analyse harden provide pause resume investigate remediate disclose retrain restrict adjust expand "
    "strengthen extend broaden deepen".split()
)
# verbs that are as often nouns ("and test results"): a verb only before a determiner or pronoun
_NOUN_LIKE = frozenset(
    "test review record log report update plan use support track release design set run store limit stop document "
    "audit measure train lock keep share commit delay secure process".split()
)
_PREPOSITIONS = frozenset("to of in on for with by from into onto about against within".split())
_AND_VERB = re.compile(r",?\s+and\s+(?:then\s+|also\s+|immediately\s+|promptly\s+)?(?P<verb>[a-z]+)\b")
_DETERMINER_NEXT = re.compile(
    r"^\s+(?:the|a|an|our|its|their|any|all|each|every|these|this|that|those|whether|how|what|it|them|with|to)\b"
)


def split_actions(clause: str, action_start: int) -> list[tuple[int, int]]:
    """Spans of the verb phrases of one modal ("will halt X and notify Y", "pause training and analyze the
    risk"): one commitment each (DECISIONS 3). A single verb with a list of objects stays one."""
    first = re.match(
        r"\s*(?:(?:not|only|also|then|first|always|immediately|promptly|to|be|[a-z]+ly)\s+)*[a-z]+",
        clause[action_start:],
    )
    if first is None:
        return [(0, len(clause))]
    pos = action_start + first.end()
    spans: list[tuple[int, int]] = []
    start = 0
    window = clause[: pos + _WINDOW * 2]
    for m in _AND_VERB.finditer(window, pos):
        verb = m.group("verb")
        if verb not in _AND_VERBS or not clause[pos : m.start()].strip():
            continue
        if verb in _NOUN_LIKE and not _DETERMINER_NEXT.match(clause[m.end() :]):
            continue
        before = clause[pos : m.start()]
        if re.search(r"\b(?:both|between|or)\b[^,;]*$", before):
            continue
        last = re.search(r"([a-z]+)\W*$", before)
        # a verb-like word after a preposition or determiner is a noun ("when in use", "after the review")
        noun_last = re.search(
            r"\b(?:in|of|on|for|under|after|before|the|a|an|our|its|their|this|each)\s+[a-z]+\W*$", before
        )
        if last is not None and (
            (last.group(1) in _AND_VERBS and noun_last is None)
            or last.group(1) in _PREPOSITIONS
            or re.search(r"\bto\s+[a-z]+\W*$", before) is not None
        ):
            continue  # verbs sharing one object ("identify, assess, and manage X"; "contribute to, and apply, X")
        if any(w.group(1) in _AND_VERBS for w in re.finditer(r"\bto\s+([a-z]+)", before)):
            continue  # the "and" may continue an infinitive inside the object ("processes to assess X and track Y")
        spans.append((start, m.start()))
        start = m.start("verb")
        pos = m.end()
    spans.append((start, len(clause)))
    return spans


_ENUM = re.compile(r"(?:(?<=\s)|^)\((\d{1,2}|[a-h]|i{1,3}|iv|v|vi{1,3})\)\s+")
_ENUM_ORDER = ("1 2 3 4 5 6 7 8 9", "a b c d e f g h", "i ii iii iv v vi vii viii")


def _inline_items(text: str, org: str, bodies: dict[str, str]) -> tuple[Cue, str, list[tuple[int, int]]] | None:
    """An enumerated list inside one sentence under a commitment ("We plan to (1) publish X, (2) notify Y"):
    one commitment per item, with the lead-in's actor, modality and trigger (DECISIONS 4)."""
    marks = list(_ENUM.finditer(text[:4000]))
    if len(marks) < 2:
        return None
    labels = [m.group(1) for m in marks]
    if not any(" ".join(labels) == order[: len(" ".join(labels))] for order in _ENUM_ORDER):
        return None
    lead = text[: marks[0].start()]
    cue = find_cue(lead, org, bodies=bodies)
    if cue is None or len(lead) - cue.end > 120:
        return None
    items: list[tuple[int, int]] = []
    for i, m in enumerate(marks):
        a = m.end()
        b = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        seg = text[a:b]
        stripped = re.sub(r"(?:[,;]?\s*(?:and|or|and/or)?\s*)$", "", seg.rstrip(" .;,"))
        if i + 1 == len(marks):
            # the last item ends with the sentence or at a clause that leaves the list
            end = re.search(r"[;:]|\.\s|,\s+(?:which|while|but|so)\b", stripped)
            stripped = stripped[: end.start()] if end else stripped
        if len(stripped.split()) < 3 or _TRIGGER.match(stripped) or re.match(r"(?:every|each)\b", stripped, re.I):
            return None  # enumerated conditions or times, not actions
        items.append((a, a + len(stripped.rstrip(" ,;."))))
    return cue, lead, items


@dataclass
class LeadIn:
    actor: str
    modality: Modality
    trigger: str | None
    block: int
    explicit: bool = True  # ends with a colon or "the following"; implicit ones only lend their trigger
    section: int = -1
    bare: bool = False  # a heading that names required measures ("Security requirements"), or "This includes:"
    # a lead-in that is itself a list item ("1. Providers shall:") governs its sub-items only: the next item with
    # its own enumerator style ("2.") ends it, and the list it sits in (`outer`) goes on
    kind: str | None = None
    outer: LeadIn | None = None


_ENUM_KINDS = (
    ("roman", re.compile(r"^\(?(?:i{1,3}|iv|vi{0,3}|ix|x)[.)]$", re.I)),
    ("number", re.compile(r"^\(?\d{1,2}[a-z]?[.)]$")),
    ("letter", re.compile(r"^\(?[a-z][.)]$", re.I)),
)


def _bullet_kind(text: str, start: int) -> str | None:
    """The enumerator style of the list item whose text starts at `start` ("number", "letter", "roman", or the
    bullet glyph), read from its line or the line before (PDF extraction puts lone bullets on a line of their own)."""
    line_start = text.rfind("\n", 0, start) + 1
    prefix = text[line_start:start].strip()
    if not prefix and line_start > 0:
        prev_start = text.rfind("\n", 0, line_start - 1) + 1
        prefix = text[prev_start : line_start - 1].strip()
    if not prefix or len(prefix) > 5:
        return None
    for kind, pattern in _ENUM_KINDS:
        if pattern.match(prefix):
            return kind + ("()" if prefix.startswith("(") else "")
    return prefix if len(prefix) == 1 else None


# what a heading or short lead-in must name for the items under it to be required measures
_REQUIREMENT_WORDS = re.compile(
    r"\b(?:standards?|requirements?|required|mandatory|minimum|obligations?|commitments?)\b", re.I
)
# ... and what it must not name: examples, definitions, risks, capabilities, threats, current or past practice,
# a table of contents
_NOT_REQUIREMENT_LIST = re.compile(
    r"\b(?:examples?|illustrat\w+|definitions?|glossary|terms|means|risks?|threats?|capabilit(?:y|ies)|scenarios?|"
    r"hazards?|harms?|contents|current(?:ly)?|existing|today|past|previous(?:ly)?|history|changes?|changelog|"
    r"summary|overview|appendix|annex|references?|(?:relevant|related|industry|international|external|other)\s+standards?)\b",
    re.I,
)
_HEADING_LABEL = re.compile(r"^(?P<label>[A-Z][\w’'\-/&,() ]{1,80}?)\s*:(?:\s+\S.*)?$", re.S)
_MD_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+(?P<text>.*\S)[ \t]*$", re.M)
# what does not state a measure, though it sits in a list of required ones: "There are few such cases",
# "Deployment Standards are technical measures that ...", "This is an area of research", "Examples include ..."
_EXISTENTIAL_ITEM = re.compile(r"^there\s+(?:is|are|was|were|exist)\b", re.I)
_COPULA_ITEM = re.compile(
    r"^(?:(?!(?:is|are|was|were)\b)[\w\-’'“”\"/()]+,?\s+){0,10}?(?:is|are)\s+"
    r"(?!(?:(?:not|also|only|always|then|further|first|never|each|both|regularly|periodically|automatically|"
    r"continuously|strictly|fully|closely|carefully)\s+)*(?:\w+(?:ed|en)|subject\s+to|responsible\s+for|"
    r"accountable\s+for|in\s+place|run|set|held|kept|built|made|done|shown|given|met|put|sent|bound|led|"
    r"mandatory|required|prohibited|forbidden)\b)",
    re.I,
)
_EXAMPLE_ITEM = re.compile(
    r"^(?:(?:as\s+an?|for)\s+(?:example|instance)\b|(?:[\w\-]+\s+){0,3}?examples?\b)|\be\.g\.", re.I
)
# "This includes:" right after a commitment: the list that follows spells out what it commits to
_ELABORATION = re.compile(
    r"^(?:this|these|it|that|which)\s+(?:also\s+)?(?:includes?|involves?|entails?|comprises?|consists\s+of|covers?|"
    r"means|requires?)(?:\s+the\s+following)?\s*:\s*$",
    re.I,
)
_TOC_ENTRY = re.compile(r"(?:^|\s)\d{1,3}\s*$")
_PERMISSION_ITEM = re.compile(
    r"\b(?:is|are)\s+(?:\w+ly\s+)?(?:empowered|entitled|allowed|permitted|authori[sz]ed|designed|intended|meant|"
    r"expected|encouraged|invited|able)\s+to\s+[a-z]+",
    re.I,
)
_HEAD_MODAL = re.compile(r"\b(?:will|shall|must|should|may|might|can|could|would|aim|plan|intend|expect)\b", re.I)


def requirement_heading(text: str) -> bool:
    """Is this unit a heading or short lead-in that declares the list right after it to be required measures
    ("Deployment Standard:", "Security requirements", "Minimum safeguards", "Baseline Standard: a system that
    ...")? Its items carry no modal verb of their own ("Publication of model cards", "Training models to
    refuse ..."), yet the heading binds them as a "we will implement the following:" would (DECISIONS 4, 20).
    Only a short phrase counts, with no modal verb (those are lead-ins of their own), and nothing that makes
    the list examples, definitions, risks, capabilities or a description of present or past practice."""
    s = " ".join(text.split()).strip()
    if not s or _TOC_ENTRY.search(s) or _PAST.search(s) or _NOT_COMMITMENT.search(s):
        return False
    label = _HEADING_LABEL.match(s)
    if label is not None:
        head = label.group("label")  # "Security Standard: a system that ...": the label is the heading
    else:
        head = s.rstrip(" .")
        if s.endswith(".") and len(s.split()) > 4:
            return False  # a sentence, not a heading
    if not 1 <= len(head.split()) <= (12 if s.endswith(":") else 8) or _HEAD_MODAL.search(head):
        return False
    return bool(_REQUIREMENT_WORDS.search(head)) and not _NOT_REQUIREMENT_LIST.search(head)


# "Examples of the safeguards we apply include:", "Examples of requirements for high-risk models include:"
_EXAMPLE_MEASURES = re.compile(
    r"^(?:some\s+)?examples\s+of\s+(?:the\s+|our\s+)?(?:[\w\-]+\s+){0,3}?(?:requirements|measures|mitigations|"
    r"safeguards|controls|protections|practices)\b(?P<rest>[^:;.]{0,120}?)\s+(?:include|are)\s*:\s*$",
    re.I,
)


def example_measures(text: str) -> str | None:
    """A lead-in that gives examples of the author's own measures or requirements: its items are measures the
    author applies (`must`), with the lead-in's "for ..." scope as their trigger ("" when it has none). None when
    it is no such lead-in, or when it presents them as current or past practice, which describes what is the
    case rather than what the author holds itself to (decision 26)."""
    s = " ".join(text.split())
    m = _EXAMPLE_MEASURES.match(s)
    if m is None or _PAST.search(s) or re.search(r"\b(?:previous(?:ly)?|past)\b", s, re.I):
        return None
    if _CURRENT_PRACTICE.search(s):
        return None
    scope = re.search(
        r"\b(?:for|to)\s+(?:all\s+|any\s+)?(?:[\w\-]+\s+){0,2}?(?:models?|systems?)\b.*$", m.group("rest")
    )
    return (_clean_trigger(scope.group(0)) or "") if scope else ""


def _label_item(units: list[Unit], ui: int, lead: LeadIn | None, label_block: int) -> bool:
    """A "Label: text" paragraph right after an explicit lead-in (or after another such paragraph) is a list item
    without a bullet glyph, as web pages and plain-text policies write them ("Internal compartmentalization:
    implementing strong access controls ...")."""
    unit = units[ui]
    if unit.is_item or lead is None or not lead.explicit or ui == 0:
        return False
    if unit.block == label_block:
        return True
    prev = units[ui - 1].block
    return unit.block != prev and prev in (lead.block, label_block) and _LABEL.match(unit.text) is not None


def _heading_before(text: str, start: int, end: int) -> str:
    """The markdown heading lines between two units, joined ("## 4.1." + "## Security requirements")."""
    return " ".join(m.group("text") for m in _MD_HEADING.finditer(text, start, end))


def _rejected_modal(item: str) -> bool:
    """A modal verb in the item's main clause that the cue rules did not take as the author's ("This shall not
    apply to others", "These controls will make theft difficult"): the item is a statement of its own, not a
    bare measure that borrows the lead-in's modality."""
    return _HEAD_MODAL.search(re.split(r"\b(?:that|which|who|whom|whose|where)\b", item, maxsplit=1)[0]) is not None


def _states_measure(item: str) -> bool:
    """Does an item under a requirement heading state a measure (a noun phrase, a gerund, a present-tense
    statement or passive), rather than a fact, a definition or an example that sits in the same list?"""
    main = item
    if re.match(r"^(?:in|for|at|on|within|under|with|during)\s", item, re.I) or _LEADING_TRIGGER_OK.match(item):
        comma = _depth0_comma(item)
        main = item[comma + 1 :].lstrip() if 0 < comma < 150 else item
    if _EXISTENTIAL_ITEM.match(main) and not _THERE_ROLE.match(main):
        return False
    if _rejected_modal(main):
        return False
    if _PERMISSION_ITEM.search(main):
        return False  # permission or purpose, not a measure: "X is empowered to adopt", "Y is designed to catch"
    if _COPULA_ITEM.match(main) or _EXAMPLE_ITEM.search(main) or _TOC_ENTRY.search(main):
        return False
    return not _describes(item)


_HEADING_LINE = re.compile(r"^[ \t]*#{1,6}[ \t]", re.M)
_SECOND_PERSON = re.compile(r"\byou(?:rs?|rself)?\b", re.I)
_FOOTNOTE = re.compile(r"^\d{1,2}\s+[A-Z“\"]")
# "At Level-2, ...", "For Tier-4 systems, ...": a named stage opening a paragraph scopes what follows
_STAGE_OPENER = re.compile(
    r"^(?i:at|for|in|before|after|prior\s+to|until|once|during|upon)\s+"
    r"(?P<np>(?:the\s+|a\s+|an\s+)?(?:[\w\-+’'/]+\s+){0,4}?[\w\-+’'/]*(?:\d|[A-Z]{2,})[\w\-+’'/]*(?:\s+[a-z][\w\-]*){0,2})\s*,",
)
_STAGE_SPAN = 40  # units a stage opener can scope when no heading ends it


def _sections(text: str, units: list[Unit]) -> list[int]:
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


def _addressed_sections(units: list[Unit], sections: list[int]) -> set[int]:
    """Sections that talk to a reader ("your task is ..."): task prompts and worked examples, where
    "should" and imperatives specify the example, not the author's conduct."""
    counts: dict[int, int] = {}
    for u, sec in zip(units, sections, strict=True):
        if _SECOND_PERSON.search(u.text):
            counts[sec] = counts.get(sec, 0) + 1
    return {sec for sec, n in counts.items() if n >= 3}


def _stage_opener(u_text: str) -> str | None:
    m = _STAGE_OPENER.match(u_text)
    if not m or not _LEADING_TRIGGER_OK.match(u_text):
        return None
    return _clean_trigger(u_text[: m.end()])


def extract_text(text: str, org: str, rejected: list[Candidate] | None = None) -> list[Candidate]:
    """The rules' commitments; `rejected`, when given, collects the statements they set aside only for their
    context (process statements with no commitment around them, current practice): candidates for a learned
    decision (`extractor/learn`)."""
    units = segment(text)
    bodies = body_acronyms(text)
    sections = _sections(text, units)
    addressed = _addressed_sections(units, sections)
    found: list[Candidate] = []
    subject_scoped: set[int] = set()  # indexes in `found` whose trigger is their own subject (a class rule)
    pending: list[tuple[int, Candidate]] = []  # present-tense process statements, kept only among commitments
    hits: list[int] = []  # units that produced a commitment
    lead: LeadIn | None = None
    block_trigger: tuple[int, str | None] = (-1, None)  # "At Tier-2, ..." opening a paragraph
    stage: tuple[int, int, str | None] = (-1, -1, None)  # (section, unit index, trigger) of a stage opener
    body_subject: tuple[int, str] = (-1, "")  # the last named body that was a subject, in its block
    # a condition opening a list item ("(2) If X, pause training. Then analyse ...") scopes the whole item
    # (its own words beat the lead-in's, decision 19)
    item_trigger: tuple[int, str | None] = (-1, None)
    block_start = 0
    label_block = -1  # the last "Label: text" paragraph taken as an item of the list before it
    for ui, unit in enumerate(units):
        u_text = unit.text
        section = sections[ui]
        is_item = unit.is_item or _label_item(units, ui, lead, label_block)
        label_block = unit.block if is_item and not unit.is_item else label_block
        footnote = not is_item and _FOOTNOTE.match(u_text) is not None
        if (
            lead is not None
            and not is_item
            and not footnote
            and unit.block != lead.block
            and find_cue(u_text, org, bodies=bodies) is not None
        ):
            lead = None  # a new paragraph with its own commitment ends the list
        if lead is not None and lead.section != section:
            lead = None  # so does a heading
        if lead is not None and lead.bare and not is_item and not footnote and unit.block != lead.block:
            lead = None  # a list under a heading ends at the next paragraph
        if ui == 0 or units[ui - 1].block != unit.block:
            block_start = unit.start
            if lead is not None and lead.kind and unit.is_item and _bullet_kind(text, unit.start) == lead.kind:
                lead = lead.outer  # the next sibling of the item that introduced a sub-list
        md_heading = _heading_before(text, units[ui - 1].end if ui else 0, unit.start) if unit.is_item else ""
        if md_heading and requirement_heading(md_heading):  # "## Security requirements" right before a list
            lead = LeadIn(actor_for(md_heading, org, bodies), "must", stage[2], -1, section=section, bare=True)
        if unit.block != block_trigger[0]:
            opener = _LEADING_TRIGGER_OK.match(u_text)
            comma = u_text.find(",")
            block_trigger = (unit.block, _clean_trigger(u_text[:comma]) if opener and 0 < comma < 80 else None)
            stage_trig = _stage_opener(u_text) if not is_item else None
            if stage_trig:
                stage = (section, ui, stage_trig)
        if stage[0] != section or ui - stage[1] > _STAGE_SPAN:
            stage = (-1, -1, None)
        if section in addressed and not re.search(r"\b(?:we|our)\b", u_text, re.I):
            continue
        strong = re.search(r"\b(?:we\s+will|we\s+commit|must|shall)\b", u_text, re.I) is not None
        descriptive = not strong and _NOT_COMMITMENT.search(u_text) is not None
        if u_text.rstrip().endswith("?"):
            continue
        # a paragraph that ends right before a list introduces it even without a colon
        next_is_item = (
            ui + 1 < len(units) and units[ui + 1].is_item and not is_item and units[ui + 1].block != unit.block
        )
        produced = False
        n_before = len(found)
        prev_subject = ""
        if item_trigger[0] != unit.block:
            item_trigger = (-1, None)
        # what a unit lacks comes from its item, then its lead-in, then the stage it is in
        # a stage opener scopes its own paragraph and the list items under it, not the paragraphs after it
        stage_here = stage[2] if is_item or units[stage[1]].block == unit.block else None
        inherited = item_trigger[1] or (lead.trigger if lead is not None and is_item else None) or stage_here
        sentence_trigger: str | None = None  # a leading condition scopes every clause of its sentence
        inline = _inline_items(u_text, org, bodies)
        if inline is not None:
            icue, ilead, items = inline
            itrig = find_trigger(ilead, icue) or stage[2]
            for a, b in items:
                item = u_text[a:b]
                spec = specificity(item, icue.modality)
                found.append(
                    Candidate(
                        quote=" ".join(item.split()),
                        actor=actor_for(icue.subject, org, bodies, ilead[: icue.start]),
                        modality=icue.modality,
                        trigger=itrig,
                        safeguard=_safeguard_of(item, itrig),
                        specificity=spec,
                        verifiable=verifiable(item, spec, icue.modality),
                        hint_start=unit.start + a,
                        hint_end=unit.start + b,
                    )
                )
            produced = True
        for cs, ce in _clauses(u_text) if inline is None else []:
            s, e = _trim(u_text, cs, ce)
            clause = u_text[s:e]
            if len(clause) < 12:
                continue
            parts = _gerund_items(clause)
            if parts:
                for ps_, pe_ in parts:
                    item = clause[ps_:pe_]
                    spec = specificity(item, "must")
                    found.append(
                        Candidate(
                            quote=" ".join(item.split()),
                            actor=org,
                            modality="must",
                            trigger=find_trigger(item, Cue("must", 0, 0, "")),
                            safeguard=" ".join(item.split()),
                            specificity=spec,
                            verifiable=verifiable(item, spec, "must"),
                            hint_start=unit.start + s + ps_,
                            hint_end=unit.start + s + pe_,
                        )
                    )
                produced = True
                continue
            cue = find_cue(
                clause, org, prev_subject or (body_subject[1] if body_subject[0] == unit.block else ""), bodies
            )
            if cue is None:
                cls = class_rule(clause) if not descriptive else None
                if cls is not None:
                    ccue, ctrig = cls
                    own_class = ctrig is not None
                    ctrig = ctrig or sentence_trigger or inherited
                    # the class is the rule's subject: a threshold in it ("models trained with more than 10^26 FLOPs")
                    # makes the rule measurable, so it is judged with the class left in
                    spec = specificity(clause, ccue.modality, None if own_class else ctrig)
                    if own_class:
                        subject_scoped.add(len(found))
                    found.append(
                        Candidate(
                            quote=" ".join(clause.split()),
                            actor=org or "the organisation",
                            modality=ccue.modality,
                            trigger=ctrig,
                            safeguard=_safeguard_of(clause[ccue.end :], None),
                            specificity=spec,
                            verifiable=verifiable(clause, spec, ccue.modality),
                            hint_start=unit.start + s,
                            hint_end=unit.start + e,
                        )
                    )
                    produced = True
                    continue
                if not descriptive and not strong:
                    pcands = _passive_candidates(clause, org, bodies, unit.start + s, ui)
                    step = process_statement(clause) if pcands and process_passive(clause) is None else None
                    if (
                        step is not None
                        and _DOCUMENT_STEP.match(step.subject)
                        and _DOCUMENT_STEP_VERB.match(clause, step.start)
                    ):
                        found.extend(c for _, c in pcands)
                        produced = True
                    else:
                        pending.extend(pcands)
                continue
            prev_subject = cue.subject
            example = _TRAILING_EXAMPLE.search(clause, cue.end)
            if example is not None and len(clause[cue.end : example.start()].split()) >= 2:
                # "we expect updates to be incremental, for example adding ...": the example is not the commitment
                e = s + example.start()
                clause = u_text[s:e]
            if _BODY.search(cue.subject) or _ROLE_NOUN.search(cue.subject):
                body_subject = (unit.block, cue.subject)
            nc = _NOT_COMMITMENT.search(clause)
            if nc is not None and nc.start() < cue.start + 40 and not strong:
                continue  # a definition, a past fact or an example, not a promise
            if _PAST.search(clause[: cue.start]) and not re.search(r"\b(?:if|when|once)\b", clause[: cue.start], re.I):
                continue
            if u_text[cs:ce].rstrip().endswith(":") or re.search(
                r"\b(?:following|as\s+follows|include)\s*:?\s*$|\bthe\s+following\b", clause, re.I
            ):
                # a lead-in: its items are the commitments
                lead = LeadIn(
                    actor_for(cue.subject, org, bodies),
                    cue.modality,
                    find_trigger(clause, cue) or block_trigger[1] or stage[2],
                    unit.block,
                    section=section,
                    kind=_bullet_kind(text, block_start) if unit.is_item else None,
                    # under a heading, items that introduce lists of their own make the heading a mere title
                    outer=lead if unit.is_item and not (lead is not None and lead.bare) else None,
                )
                if (
                    len(find_safeguard(clause, cue, None).split()) <= 4
                    or _PURE_LEAD.match(clause, cue.end)
                    or not clause[cue.end :].strip(" :")
                    # "we will use a range of methods, including:": what the clause commits to is the list itself
                    or re.search(r"\b(?:including|such\s+as|namely)\s*:?\s*$", clause)
                ):
                    produced = True
                    continue
            elif next_is_item and e >= len(u_text.rstrip()) - 2:
                lead = LeadIn(
                    actor_for(cue.subject, org, bodies),
                    cue.modality,
                    find_trigger(clause, cue) or block_trigger[1] or stage[2],
                    unit.block,
                    explicit=False,
                    section=section,
                )
            trig = find_trigger(clause, cue)
            if trig is not None and _is_leading(clause, trig):
                sentence_trigger = sentence_trigger or trig
            actions = split_actions(clause, cue.end)
            actor = actor_for(cue.subject, org, bodies, clause[: cue.start])
            agent = _BY_AGENT.match(clause, cue.end)
            if agent is not None and (_BODY.match(agent.group("agent")) or _ROLE_NOUN.match(agent.group("agent"))):
                # a passive with a named internal body as its "by" agent: that body acts (decision 29)
                actor = actor_for(agent.group("agent"), org, bodies)
            for a, b in actions:
                if len(actions) > 1 and not (trig is not None and _is_leading(clause, trig)):
                    # each action of "will A before X, and B" has its own trailing condition
                    trig = find_trigger(clause, cue, (max(a, cue.end), b))
                trig = trig or sentence_trigger or inherited
                part = clause[a:b] if b == len(clause) else clause[a:b].rstrip(" ,;.")
                spec = specificity(part, cue.modality)
                found.append(
                    Candidate(
                        quote=" ".join(part.split()),
                        actor=actor,
                        modality=cue.modality,
                        trigger=trig,
                        safeguard=find_safeguard(part, cue, trig) if a == 0 else _safeguard_of(part, trig),
                        specificity=spec,
                        verifiable=verifiable(part, spec, cue.modality),
                        hint_start=unit.start + s + a,
                        hint_end=unit.start + s + a + len(part),
                    )
                )
            produced = True
        # an implicit lead-in (a paragraph ending just before a list) lends its binding modality to bare items;
        # a "should" paragraph before a list of descriptions does not make them recommendations
        explicit_lead = (
            lead if lead is not None and (lead.explicit or lead.modality in ("must", "must_not", "intend")) else None
        )
        if (
            not produced
            and not descriptive
            and (is_item or explicit_lead is not None or _LEADING_TRIGGER_OK.match(u_text))
        ):
            s, e = _trim(u_text, 0, len(u_text))
            imp = imperative(u_text[s:e])
            if imp is not None and (is_item or explicit_lead is not None or imp[1]):
                clause = u_text[s:e]
                negated = re.match(r"^(?:\S+\s+)?(?:do\s+not|never)\b", clause[imp[0] :], re.I)
                modality: Modality = "must_not" if negated else "must"
                if lead is not None and lead.modality != "must":
                    modality = lead.modality
                trig = imp[1] or item_trigger[1] or (lead.trigger if lead else None) or stage[2]
                sentence_trigger = sentence_trigger or imp[1]
                for a, b in split_actions(clause, imp[0]):
                    part = clause[a:b] if b == len(clause) else clause[a:b].rstrip(" ,;.")
                    spec = specificity(part, modality)
                    found.append(
                        Candidate(
                            quote=" ".join(part.split()),
                            actor=lead.actor if lead else org,
                            modality=modality,
                            trigger=trig,
                            safeguard=_safeguard_of(part[imp[0] :] if a == 0 else part, trig),
                            specificity=spec,
                            verifiable=verifiable(part, spec, modality),
                            hint_start=unit.start + s + a,
                            hint_end=unit.start + s + a + len(part),
                        )
                    )
                produced = True
        if not produced and not descriptive and explicit_lead is not None and is_item:
            lead = explicit_lead
            s, e = _trim(u_text, 0, len(u_text))
            clause = u_text[s:e]
            if (
                len(clause.split()) >= 3
                and not _describes(clause)
                # items this rule set did not take before (under a heading, or without a bullet) must state a measure
                and (not (lead.bare or not unit.is_item) or _states_measure(clause))
            ):
                modality = lead.modality
                comma = clause.find(",")
                own = (
                    _clean_trigger(clause[:comma])
                    if 0 < comma < 120 and re.match(r"(?:if|unless|in\s+the\s+event)\b", clause, re.I)
                    else None
                )
                spec = specificity(clause, modality)
                found.append(
                    Candidate(
                        quote=" ".join(clause.split()),
                        actor=lead.actor,
                        modality=modality,
                        trigger=own or item_trigger[1] or lead.trigger or stage[2],
                        safeguard=" ".join(clause.split()).rstrip("."),
                        specificity=spec,
                        verifiable=verifiable(clause, spec, modality),
                        hint_start=unit.start + s,
                        hint_end=unit.start + e,
                    )
                )
        prior_lead = lead
        if u_text.rstrip().endswith(":") and not produced:
            lead = None
        if not produced and not descriptive:
            sub_list = ui + 1 < len(units) and units[ui + 1].is_item and units[ui + 1].block != unit.block
            prev = found[-1] if hits and hits[-1] == ui - 1 and units[ui - 1].block == unit.block else None
            if sub_list and prev is not None and _ELABORATION.match(u_text):
                # "Align to industry frameworks. This includes: (a) ..., (b) ...": the items spell out that commitment
                lead = LeadIn(
                    prev.actor,
                    prev.modality,
                    prev.trigger,
                    unit.block,
                    section=section,
                    bare=True,
                    kind=_bullet_kind(text, block_start) if unit.is_item else None,
                    outer=prior_lead if unit.is_item else None,
                )
            elif next_is_item and (requirement_heading(u_text) or example_measures(u_text) is not None):
                lead = LeadIn(
                    actor_for(u_text.split(":")[0], org, bodies),
                    "must",
                    example_measures(u_text) or block_trigger[1] or stage[2],
                    unit.block,
                    section=section,
                    bare=True,
                )
        if len(found) > n_before:
            hits.append(ui)
            # a unit already quoted whole (a list item) holds no further statement
            while pending and pending[-1][0] == ui and any(_overlaps(pending[-1][1], c) for c in found[n_before:]):
                pending.pop()
        elif pending and pending[-1][0] == ui:
            for _, c in reversed(pending):
                if _ != ui:
                    break
                if c.trigger is None:
                    c.trigger = inherited
        if (
            is_item
            and sentence_trigger
            and item_trigger[0] != unit.block
            and re.match(r"(?:if|unless|in\s+the\s+event)\b", sentence_trigger, re.I)
        ):
            item_trigger = (unit.block, sentence_trigger)
    _table_triggers(found, units)
    keep_spec = {id(found[i]) for i in subject_scoped}
    if pending:
        accepted = _accept_in_context(pending, hits, sections)
        found.extend(accepted)
        found.sort(key=lambda c: c.hint_start or 0)
        if rejected is not None:
            kept = {id(c) for c in accepted}
            rejected.extend(c for _, c in pending if id(c) not in kept)
    described = _current_practice_spans(units, sections)
    if described:
        if rejected is not None:
            rejected.extend(c for c in found if _in_spans(c, described) and not _BINDING_WORD.search(c.quote))
        found = [c for c in found if not _in_spans(c, described) or _BINDING_WORD.search(c.quote)]
    for c in found:
        c.verifiable_signal = verifiable_signal(c.quote)
        c.verifiable = c.verifiable_signal is not None
        if c.trigger and id(c) not in keep_spec:
            # verifiable keeps the full quote: a number in the condition is still observable (decision 34)
            c.specificity = specificity(c.quote, c.modality, c.trigger)
    if not org:
        for c in found:
            c.actor = c.actor or "the organisation"
    return found


def _table_triggers(found: list[Candidate], units: list[Unit]) -> None:
    """A statement in a table cell without a condition of its own is conditioned by its row."""
    cells = [(u.start, u.end, u.condition) for u in units if u.condition]
    if not cells:
        return
    import bisect

    starts = [a for a, _, _ in cells]
    for c in found:
        if c.trigger or c.hint_start is None:
            continue
        i = bisect.bisect_right(starts, c.hint_start) - 1
        if i >= 0 and cells[i][0] <= c.hint_start < cells[i][1]:
            c.trigger = _clean_trigger(cells[i][2])


_DESCRIBES = re.compile(
    r"^(?:(?!(?:was|were|could|might|may|can)\b)[\w\-’'“”\",]+\s+){1,8}?(?P<verb>was|were|could|might|may|can)\s+"
    r"(?:not\s+|also\s+|even\s+|potentially\s+)?(?P<next>[\w\-]+)",
    re.I,
)


# what is the case now, or what others can do: "X currently use a classifier", "The model card is available here",
# "Users can report issues ..." (past or present facts and third parties are not annotated)
_PRESENT_FACT = re.compile(
    r"\b(?:currently|already|to\s+date|so\s+far)\b|\b(?:is|are)\s+(?:now\s+)?available\s+(?:here|at|on|online)\b|"
    r"^(?:[\w\-.]+\s+){0,3}?(?:users|customers|you|developers|researchers|anyone)\b[^,;]{0,60}?\bcan\b",
    re.I,
)


def _describes(item: str) -> bool:
    """A list item that is a sentence about how things were or could be ("Such systems could become a source of
    risk", "they may become capable of ..."), not a measure: a past tense or a modal of possibility before its verb.
    A present-tense item states a measure (decision 20)."""
    main = item
    if _LEADING_TRIGGER_OK.match(item):
        comma = _depth0_comma(item)
        main = item[comma + 1 :] if comma > 0 else item
    if _PRESENT_FACT.search(main):
        return True
    m = _DESCRIBES.match(item)
    if m is None or re.search(r"\b(?:we|our|us)\b", item[: m.start("verb")], re.I):
        return False
    verb, nxt = m.group("verb").lower(), m.group("next").lower()
    if verb in ("could", "might", "was", "were"):
        return True
    return nxt in ("become", "pose", "cause", "lead", "result", "occur", "arise", "emerge", "seem", "appear")


# a paragraph that announces a description of the practice already in place ("The following summarises our existing
# controls", "Examples of current mitigations include:", "Below are elements of our existing approach:")
_CURRENT_PRACTICE = re.compile(r"\b(?:existing|current|currently|today|already\s+in\s+place)\b", re.I)
_ANNOUNCES_LIST = re.compile(r"\b(?:following|below|summary|overview|as\s+follows)\b|\binclude\s*:?\s*$|:\s*$", re.I)
# what still binds inside such a description: a modal verb or a stated requirement ("Users must re-authenticate",
# "Access requires a badge")
_BINDING_WORD = re.compile(
    r"\b(?:will|shall|must|should|may|would|require[sd]?|requiring|need\s+to|needs\s+to|ha(?:s|ve)\s+to|"
    r"commit(?:s|ted)?|mandatory|prohibited|forbidden)\b|[’']ll\b",
    re.I,
)


def _current_practice_spans(units: list[Unit], sections: list[int]) -> list[tuple[int, int]]:
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
            list_next and _CURRENT_PRACTICE.search(t) and _ANNOUNCES_LIST.search(t) and not _BINDING_WORD.search(t)
        ):
            ui += 1
            continue
        end = u.end
        j = ui + 1
        while j < len(units) and sections[j] == sections[ui]:
            v = units[j]
            first_of_block = units[j - 1].block != v.block
            continuation = v.text[:1].islower() or re.match(r"^(?:\d{1,2}\s+)?https?:", v.text) is not None
            if first_of_block and not v.is_item and not continuation and not _FOOTNOTE.match(v.text):
                break
            end = v.end
            j += 1
        spans.append((u.start, end))
        ui = j
    return spans


def _in_spans(c: Candidate, spans: list[tuple[int, int]]) -> bool:
    pos = c.hint_start or 0
    return any(a <= pos < b for a, b in spans)


def _safeguard_of(part: str, trig: str | None) -> str:
    """A verb phrase without its trigger and trailing punctuation."""
    text = " ".join(part.split())
    if trig and trig in text:
        text = " ".join(text.replace(trig, "").split())
    text = text.strip(" ,;.—–")
    return re.sub(r"(?<=[a-z])\d+\b", "", text) or " ".join(part.split())


def _overlaps(a: Candidate, b: Candidate) -> bool:
    return (a.hint_start or 0) < (b.hint_end or 0) and (b.hint_start or 0) < (a.hint_end or 0)


_CONTEXT_SPAN = 3  # units either side whose commitments vouch for a present-tense process statement


def _accept_in_context(pending: list[tuple[int, Candidate]], hits: list[int], sections: list[int]) -> list[Candidate]:
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


# a second step of the same procedure ("The review screens every model and triggers a deeper test if ..."): split as
# "will A and B" is (decision 3)
_SECOND_STEP = re.compile(
    r",?\s+and\s+(?:then\s+|also\s+)?(?:monitors|tracks|assesses|evaluates|tests|triggers|screens|audits|informs)\b"
)
# the document itself doing a step of its process ("This framework monitors X", "The policy triggers Y"): a process
# step of the framework, not a description of it (decision 39), so it needs no other commitment around it
_DOCUMENT_STEP = re.compile(
    r"^(?:this|the|our)\s+(?:framework|policy)$",
    re.I,
)
_DOCUMENT_STEP_VERB = re.compile(r"(?:monitors|tracks|assesses|evaluates|tests|triggers|screens|audits)\b")


def _passive_candidates(
    clause: str, org: str, bodies: dict[str, str], offset: int, ui: int
) -> list[tuple[int, Candidate]]:
    """A present-tense passive process statement as one candidate, or two when a second participle with its own
    complement follows ("Alerts are triaged quickly and escalated to the lead")."""
    cue = process_passive(clause) or process_statement(clause)
    if cue is None:
        return []
    subj = cue.subject
    subj_bare = re.sub(r"^(?:the|these|this|such|all|each|every|our)\s+", "", subj, flags=re.I)
    parts = [(0, len(clause), cue.start)]
    passive = process_passive(clause) is not None
    second = (_SECOND_PARTICIPLE if passive else _SECOND_STEP).search(clause[cue.end :])
    if second is not None and clause[cue.end : cue.end + second.start()].strip():
        cut = cue.end + second.start()
        s2 = cue.end + second.end() - len(second.group(0).split()[-1])
        parts = [(0, cut, cue.start), (s2, len(clause), s2)]
    out: list[tuple[int, Candidate]] = []
    agent = re.search(r"\bby\s+(?:the\s+|our\s+)?([^,;]{2,60})", clause[cue.end :])
    actor = org or "the organisation"
    if agent is not None and (_BODY.match(agent.group(1)) or any(agent.group(1).startswith(a) for a in bodies)):
        actor = actor_for(agent.group(1), org, bodies) or actor
    for a, b, v in parts:
        text = clause[a:b].rstrip(" ,;.")
        trig = find_trigger(text, Cue(cue.modality, v - a, v - a, subj))
        action = " ".join(clause[v:b].split()).rstrip(" ,;.")
        if trig:
            action = " ".join(action.replace(trig, "").split()).strip(" ,")
        spec = specificity(text, cue.modality)
        out.append(
            (
                ui,
                Candidate(
                    quote=" ".join(text.split()),
                    actor=actor,
                    modality=cue.modality,
                    trigger=trig,
                    safeguard=f"{subj_bare} {action}".strip(),
                    specificity=spec,
                    verifiable=verifiable(text, spec, cue.modality),
                    hint_start=offset + a,
                    hint_end=offset + a + len(text),
                ),
            )
        )
    return out


def has_commitment_cue(text: str, org: str = "") -> bool:
    """Cheap pre-filter for the LLM path: does any sentence of the text carry a commitment cue?"""
    return bool(extract_text(text, org))

