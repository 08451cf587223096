"""Stage 6, check: flag what makes a commitment vague or unverifiable (ANNOTATION.md, "What makes a
commitment vague or unverifiable").

The checker explains the commitment's own fields with the words behind them, so that the output tells
one story: C303 is raised exactly when `verifiable` is false (extractor/signals.py decides it for the
rules backend), and the vague causes it finds in the clause count (warning, error) exactly when
`specificity` is vague; on a specific commitment the same cue stays visible as `info`. An independent
second verdict is the optional LLM judge's (extractor/judge.py). The word lists are shared with the
signals in extractor/lexicon.py. Every finding is a `Flag` with a stable code from `CATALOGUE`; docs/flags.md is
generated from that catalogue (`extract check --codes`). Rules are about the language of
commitments in general, never about the sentences of one document.

References to named levels, thresholds, standards and appendices are looked up: first in the
document's own text (a definition pattern near the term), then in the other documents of the run
(given as `others`, or through the Chroma index), and the flag cites where the term is defined.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from .backends.rules.patterns import BULLET_GLYPHS, MIDDLE_DOT, SMALL_BULLETS
from .lexicon import (
    COMPETITOR_EXCEPTION,
    DATE,
    DEADLINE,
    DEFERRAL,
    DISCRETION,
    ESCAPE,
    HEDGE,
    MAY,
    NUMBER,
    OPEN_AIM,
    REACTIVE,
    TIME_TRIGGER,
    VAGUE_TIME,
    VAGUE_TRIGGER,
    VAGUE_WORDS,
    norm,
)
from .models import Commitment, Document, Flag, Severity

SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}
# A commitment counts as "flagged vague or unverifiable" when one of its flags has one of these.
VAGUE_SEVERITIES: frozenset[str] = frozenset({"warning", "error"})


@dataclass(frozen=True)
class Rule:
    """One kind of finding: its stable code, name, severity, the contract's cause, and its meaning."""

    code: str
    name: str
    severity: Severity
    cause: str
    meaning: str


CATALOGUE: tuple[Rule, ...] = (
    Rule("C101", "hedged-modality", "warning", "hedged modality",
         "The commitment is hedged (intend/should: aim, plan, expect, strive, should...) where a binding "
         "commitment would be expected."),
    Rule("C102", "discretion", "warning", "discretion and escape clauses",
         "The author keeps discretion (may/can, reserve the right, at our discretion, will consider, "
         "case by case): whether it acts is its own choice."),
    Rule("C103", "escape-clause", "warning", "discretion and escape clauses",
         "An escape clause qualifies the commitment (as appropriate, where feasible, when necessary, "
         "reasonably, unless, subject to, to the extent possible...)."),
    Rule("C104", "competitor-exception", "error", "discretion and escape clauses",
         "The commitment can be set aside depending on what other developers or actors do "
         "(competitor-contingent exception)."),
    Rule("C201", "vague-wording", "warning", "vague wording",
         "Qualitative wording only the author can judge (appropriate, adequate, sufficient, robust, "
         "significant, best practices, industry standards...)."),
    Rule("C202", "vague-trigger", "warning", "vague or missing trigger",
         "The trigger is itself vague or left to the author's judgement (when risks are significant, if "
         "necessary, as we learn more, if we determine...)."),
    Rule("C203", "missing-trigger", "info", "vague or missing trigger",
         "A reactive measure (pause, halt, restrict, notify, escalate...) with no condition saying when it "
         "applies."),
    Rule("C204", "open-ended", "warning", "vague wording",
         "The commitment is labelled vague and no cue above explains it: the action is open-ended (strengthen, "
         "improve, support, invest in...) with no end point an outsider could check."),
    Rule("C301", "no-threshold", "info", "no measurable threshold",
         "No number, percentage, count, date, frequency or comparative threshold in the clause."),
    Rule("C302", "no-deadline", "info", "no deadline",
         "No deadline, date, frequency or time-bound trigger; or only vague timing (promptly, "
         "periodically, over time)."),
    Rule("C303", "no-verifier", "warning", "no named verifier, external party or published output",
         "Raised exactly when the commitment's `verifiable` is false (ANNOTATION.md \"Verifiable\"): it names no "
         "publication or disclosure, no external party taking part and nothing outsiders can observe; internal "
         "conduct, however concrete or numeric. A verifiable commitment carries the signal in `verifiable_signal`."),
    Rule("C401", "deferral", "warning", "deferral to a later update",
         "The content is deferred (will be defined, to be determined, in a future update, over time, as we "
         "learn more)."),
    Rule("C501", "undefined-reference", "error", "reference never defined",
         "Refers to a standard, threshold, level or appendix that no document of the run defines."),
    Rule("C502", "defined-reference", "info", "reference never defined",
         "Refers to a standard, threshold, level or appendix that is defined; `defined_in` cites where "
         "(doc_id p.N)."),
    Rule("C503", "public-standard", "info", "reference never defined",
         "Refers to a named public standard (ISO/IEC 27001, SOC 2, NIST SP 800-53, SLSA...): defined outside "
         "the document set, and conformance can be checked by an outsider."),
    # the optional second judge (extract check --llm-judge); never counted with the rules above
    Rule("L100", "llm-judged", "info", "LLM judge (optional)",
         "The LLM judge read the commitment and found it neither vague nor unverifiable."),
    Rule("L101", "llm-unverifiable", "warning", "LLM judge (optional)",
         "The LLM judge found nothing an outsider could observe to check the commitment."),
    Rule("L102", "llm-vague", "warning", "LLM judge (optional)",
         "The LLM judge found the commitment qualitative, discretionary, hedged or deferred."),
)
RULES: dict[str, Rule] = {r.code: r for r in CATALOGUE}
_BY_NAME: dict[str, Rule] = {r.name: r for r in CATALOGUE}


def find_rule(code_or_name: str) -> Rule | None:
    """A rule by code (C303) or name (no-verifier), case-insensitive."""
    key = code_or_name.strip()
    return RULES.get(key.upper()) or _BY_NAME.get(key.lower())


# the causes that make a commitment vague (ANNOTATION.md): hedged modality, discretion and escape clauses,
# vague trigger, vague wording, deferral, undefined reference; compared with gold `specificity == vague`
VAGUE_CAUSE_CODES: frozenset[str] = frozenset({"C101", "C102", "C103", "C104", "C201", "C202", "C204", "C401",
                                               "C501"})


def has_vague_cause(c: Commitment, sources: Iterable[str] = ("rules",)) -> bool:
    """A flag for one of the vague causes, at warning or error: the checker says 'vague'."""
    wanted = set(sources)
    return any(f.code in VAGUE_CAUSE_CODES and f.severity in VAGUE_SEVERITIES and f.source in wanted
               for f in c.flags)


def is_vague(c: Commitment, sources: Iterable[str] = ("rules",)) -> bool:
    """The checker's verdict: flagged vague or unverifiable (a warning or error flag from `sources`)."""
    wanted = set(sources)
    return any(f.severity in VAGUE_SEVERITIES and f.source in wanted for f in c.flags)


COUNTING_RULE = (
    "A commitment is **flagged vague or unverifiable** when at least one of its `rules` flags has "
    "severity `warning` or `error` (codes " + ", ".join(r.code for r in CATALOGUE if r.severity != "info"
                                                         and r.code.startswith("C"))
    + "). `info` flags describe the commitment but do not by themselves make it vague. The flags follow the "
    "commitment's own fields: C303 is raised exactly when `verifiable` is false, and the vague causes ("
    + ", ".join(sorted(VAGUE_CAUSE_CODES)) + ") count only when `specificity` is vague (on a concrete or "
    "quantitative commitment the same words give an `info` flag). So a commitment is flagged exactly when it "
    "is labelled vague or not verifiable, and every flag names the words behind that label. The optional LLM "
    "judge (`--llm-judge`, codes L1xx, `source` `llm`) is counted separately, the same way over its own flags."
)
CHEAP_TALK_RULE = (
    "**Cheap-talk index** of a document = commitments flagged vague or unverifiable / all commitments "
    "(0 when there are none). After Bingler et al. (2022, 2024), who define it for climate disclosures "
    "as the share of non-specific commitment paragraphs among all commitment paragraphs; here the unit "
    "is the extracted commitment and non-specific means flagged as above."
)


# ---------------------------------------------------------------------------------------------
# Lexicons: the language of commitments in general

# the document structure the reference check reads; the language of commitments is in lexicon.py
_I = re.IGNORECASE
# references
_POINTER = re.compile(r"\b(Appendix|Annex|Section|Table|Figure|Schedule|Exhibit)\s+([A-Z]\b|\d+(?:\.\d+)*|[IVX]+\b)")
_LEVEL_CODE = re.compile(r"(?<![\w-])(?:[A-Z]{2,}[a-z]?-\d+(?:\.\d+)?\+?|(?:Level|Tier|Stage)\s+\d+)(?![\w-])")
_HEADS = (r"(?:Levels?|Thresholds?|Standards?|Tiers?|Safeguards|Measures|Protocols?|Process(?:es)?|"
          r"Requirements|Criteria|Scorecard|Categor(?:y|ies)|Evaluations?|Benchmarks?)")
_NUM = r"(?:\s+\d+(?:\.\d+)?)?"  # "Tier 2 Security Standard", "Hazard Tier 4"
_NAMED = re.compile(rf"(?<![\w&-])((?:[A-Z][\w&+-]*{_NUM}\s+){{1,4}}{_HEADS}{_NUM})(?![\w-])")
# named public standards: an outsider can check conformance against them
_STD_NAME = re.compile(
    r"(?<![\w-])(ISO(?:/IEC)?\s?\d{4,5}(?:-\d+)?|IEC\s?\d{4,5}(?:-\d+)?|SOC\s?[123](?:\s+Type\s+(?:I{1,2}|[12]))?|"
    r"NIST\s+(?:SP\s+)?\d{3}-\d+\w*|NIST\s+(?:AI\s+RMF|CSF|Cybersecurity\s+Framework|AI\s+Risk\s+Management\s+"
    r"Framework)|FIPS\s?\d{3}(?:-\d)?|FedRAMP(?:\s+(?:High|Moderate|Low))?|SSDF|SLSA(?:\s+Level\s+\d)?|"
    r"CIS\s+(?:Controls|Benchmarks?)|OWASP(?:\s+Top\s+10)?|MITRE\s+ATT&CK|MITRE\s+ATLAS|PCI[- ]DSS|HIPAA|GDPR|"
    r"CSA\s+STAR|IEEE\s+\d{3,5}(?:\.\d+)?|EU\s+AI\s+Act|AES-\d{3}|SHA-\d{1,3}|TLS\s?1\.[0-3]|FIDO2?|WebAuthn)(?![\w-])"
)
_ACRONYM = re.compile(r"(?<![\w&-])([A-Z]{2,6})(s?)(?![\w&-])")
_ACRONYM_CONTEXT = re.compile(
    r"\b(?:levels?|thresholds?|standards?|tiers?|specifications?|certification|compliance|benchmarks?|"
    r"criteria|frameworks?|requirements)\b",
    _I,
)
_QUOTED = re.compile(r"\"([^\"]{1,40}?)[,.]?\"")
_QUOTED_AFTER = re.compile(r"^\s*(?:\w+[- ]){0,2}?(?:risk|level|threshold|score|tier|categor(?:y|ies))\b", _I)
_QUOTED_BEFORE = re.compile(r"(?:score\s+of|level\s+of|at\s+least|at\s+most|or\s+below|or\s+above|reaches?|"
                            r"reached|is\s+at|be\s+at)\s*$", _I)
_LEAD = {"The", "This", "These", "Those", "Our", "Its", "Their", "Each", "Every", "All", "Any", "Such", "A",
         "An", "If", "When", "Once", "Before", "After", "For", "At", "In", "On", "Under", "We", "Both", "New",
         "Relevant", "Further", "Additional", "Other", "Some", "Specific", "Certain"}
_COMMON_ACRONYMS = {
    "AI", "AGI", "API", "APIs", "CEO", "CTO", "CFO", "CISO", "US", "USA", "UK", "EU", "UN", "ML", "LLM", "LLMs",
    "RL", "RLHF", "R&D", "IP", "IT", "HR", "PDF", "FAQ", "OK", "CBRN", "GPU", "GPUs", "TPU", "TPUs", "CPU",
    "ID", "PR", "QA", "NA", "TBD", "TBC", "URL", "SQL", "HTML", "XML", "DSL", "ETA", "FTE", "KPI", "SLA",
    "SLAs", "NDA", "OSS",
}
_TOC_LINE = re.compile(r"\.{4,}|…{2,}")
_PAGE_MARK = re.compile(r"\[\[page (\d+)\]\]")
# the bullets a glossary line may open with (inside a character class)
_BULLETS = BULLET_GLYPHS + MIDDLE_DOT + SMALL_BULLETS


def _first(pattern: re.Pattern[str], text: str) -> str | None:
    m = pattern.search(text)
    return m.group(0).strip() if m else None


@lru_cache(maxsize=4096)
def _term_pattern(term: str, case_sensitive: bool) -> re.Pattern[str]:
    words = [re.escape(w) for w in term.split()]
    body = r"\s+".join(words)
    # plural and a glued footnote digit ("ASL-24" is ASL-2 with footnote 4) still name the term
    tail = r"(?:s|es)?" if term[-1:].isalpha() else r"\+?\d?"
    return re.compile(rf"(?<![\w-]){body}{tail}(?![\w-])", 0 if case_sensitive else re.IGNORECASE)


@lru_cache(maxsize=1024)
def _definition_patterns(term: str, case_sensitive: bool) -> list[re.Pattern[str]]:
    """Ways a document defines a term, most explicit first; each match contains the term."""
    t = _term_pattern(term, case_sensitive).pattern
    q = r"[\"'“”‘’]?"
    flags = re.MULTILINE | (0 if case_sensitive else re.IGNORECASE)
    verbs = (r"(?:refers?\s+to|means|(?:is|are)\s+defined|(?:is|are)\s+used\s+to\s+(?:refer|mean|describe)|"
             r"denotes?|stands\s+for|(?:is|are)\s+shorthand\s+for|(?:is|are)\s+operationali[sz]ed|"
             r"(?:is|are)\s+(?:an?|the|those|any|models?|systems?)\b|(?:is|are)\s+(?:designed|intended|meant)\s+to|"
             r"\(?i\.e\.|\(?defined\s+as|\(?described\s+as|corresponds?\s+to)")
    return [
        re.compile(rf"{q}{t}{q}\s*(?:\([^)]{{0,80}}\)\s*)?,?\s*{verbs}", flags),
        re.compile(rf"\b(?i:define[sd]?)\s+(?:(?i:an?|the)\s+)?(?:(?i:term)\s+)?{q}{t}{q}", flags),
        re.compile(rf"\b(?i:the\s+(?:term|phrase|expression)|called|known\s+as|termed|referred\s+to\s+as|"
                   rf"hereafter|hereinafter)\s+{q}{t}", flags),
        re.compile(rf"^[ \t>*{_BULLETS}\-|]*(?:\d+(?:\.\d+)*\.?\s+)?{q}{t}{q}\s*(?:\([^)]{{1,40}}\)\s*)?"
                   rf"(?::|-\s|–|—|\||\t| {{2,}}|$)", flags),
        re.compile(rf"^#{{1,6}}\s.*{t}", flags),
        re.compile(rf"[\w)]\s*\(\s*{q}{t}{q}\s*\)", flags),
    ]


def _pointer_patterns(term: str) -> list[re.Pattern[str]]:
    """Where an appendix, section, table or figure of the document itself starts (headings first)."""
    kind, _, ident = term.partition(" ")
    ident_re = re.escape(ident)
    flags = re.MULTILINE | re.IGNORECASE
    pats = [re.compile(rf"^#{{1,6}}[ \t]*(?:{kind}[ \t]+)?{ident_re}\b", flags),
            re.compile(rf"^[ \t*]*{kind}\s+{ident_re}\b", flags)]
    if kind.lower() == "section":
        pats.append(re.compile(rf"^[ \t*]*{ident_re}\.?(?:[ \t]+\S|[ \t]*$)", flags))
    return pats


@dataclass
class Reference:
    """A referenced term; a composite ("ASL-3 Required Safeguards") is also defined when all its parts are."""

    term: str
    evidence: str
    case_sensitive: bool
    pointer: bool = False
    standard: bool = False
    parts: tuple[Reference, ...] = ()


def find_references(text: str, org: str | None = None) -> list[Reference]:
    """Named standards, thresholds, levels and appendices referred to in a clause."""
    t = norm(text)
    refs: dict[str, Reference] = {}
    covered: list[tuple[int, int]] = []

    def add(ref: Reference) -> None:
        ref.term = " ".join(ref.term.split())
        key = ref.term.lower()
        if key and key not in refs and not any(key in r.term.lower() for r in refs.values() if r.standard):
            refs[key] = ref

    def inside(start: int, end: int) -> bool:
        return any(lo <= start and end <= hi for lo, hi in covered)

    for m in _STD_NAME.finditer(t):
        add(Reference(m.group(1), text[m.start():m.end()], True, standard=True))
        covered.append(m.span())
    for m in _POINTER.finditer(t):
        add(Reference(f"{m.group(1)} {m.group(2)}", text[m.start():m.end()], True, pointer=True))
    for m in _NAMED.finditer(t):
        if inside(*m.span()):
            continue
        start, phrase = m.start(1), m.group(1)
        words = phrase.split()
        while words and (words[0] in _LEAD or (org and words[0] in org.split())):
            start = t.index(words[0], start) + len(words[0])
            words.pop(0)
        if len(words) < 2:
            continue
        start = t.index(words[0], start)
        end = m.end(1)
        term = " ".join(words)
        parts: tuple[Reference, ...] = ()
        code = _LEVEL_CODE.match(term)
        if code:
            rest = term[code.end():].strip()
            parts = (Reference(code.group(0).rstrip("+"), code.group(0), True),)
            if len(rest.split()) >= 2:
                parts += (Reference(rest, rest, True),)
        add(Reference(term, text[start:end], True, parts=parts))
        covered.append((start, end))
    for m in _LEVEL_CODE.finditer(t):
        if not inside(*m.span()):
            add(Reference(m.group(0).rstrip("+"), text[m.start():m.end()], True))
    for m in _ACRONYM.finditer(t):
        acr = m.group(1)
        if (acr in _COMMON_ACRONYMS or (org and acr in org.split()) or inside(*m.span())
                or any(acr in r.term for r in refs.values())):
            continue
        window = t[max(0, m.start() - 40):m.end() + 40]
        if acr.endswith("L") or _ACRONYM_CONTEXT.search(window):
            add(Reference(acr, text[m.start():m.end()], True))
    for m in _QUOTED.finditer(t):
        inner = m.group(1).strip()
        if not inner or len(inner.split()) > 4:
            continue
        if _QUOTED_AFTER.match(t[m.end():m.end() + 40]) or _QUOTED_BEFORE.search(t[max(0, m.start() - 20):m.start()]):
            add(Reference(inner, text[m.start():m.end()], False))
    return list(refs.values())


def _page_in_chunk(text: str, pos: int, first_page: int) -> int:
    marks = [int(mm.group(1)) for mm in _PAGE_MARK.finditer(text, 0, pos)]
    return marks[-1] if marks else first_page


def _spelled_out(text: str, term: str) -> int | None:
    """Where the document spells an acronym out ("Safety Review Board" for SRB): the acronym is its own.

    Acronyms are derived from the document this way rather than listed, so no list of one organisation's
    acronyms is needed.
    """
    if not re.fullmatch(r"[A-Z]{2,6}", term):
        return None
    words = r"[\s-]+(?:(?:of|for|and|the|on|in)\s+)?".join(rf"{ch}[\w'’]*" for ch in term)
    m = re.search(rf"(?<![\w-]){words}(?![\w-])", text)
    return m.start() if m else None


def _spelled_in_parens(span: str, term: str) -> bool:
    """An acronym in parentheses after the words it abbreviates: a definition wherever it stands."""
    return bool(re.fullmatch(r"[A-Z][A-Za-z0-9\-]{1,9}", term)) and bool(
        re.search(rf"[A-Za-z]\s*\(\s*[\"'“”‘’]?{re.escape(term)}[\"'“”‘’]?\s*\)", span))


@dataclass
class DefinitionFinder:
    """Where a term is defined: the document itself, then the run's other documents, then the index."""

    doc: Document
    others: Sequence[Document] = ()
    index: Any = None
    doc_ids: Sequence[str] | None = None
    _defs: dict[tuple[str, str, bool, bool], list[tuple[int, int]]] = field(default_factory=dict)
    _elsewhere: dict[tuple[str, bool, bool], str | None] = field(default_factory=dict)

    def resolve(self, ref: Reference, exclude: tuple[int, int] | None = None) -> str | None:
        """Where `ref` is defined; a composite also counts as defined when each of its parts is, and a plural when
        its singular is ("Critical Levels" where the text defines "Critical Level")."""
        found = self.where(ref, exclude)
        if found is None and not ref.pointer and re.search(r"[a-z]s$", ref.term) and not ref.term.endswith("ss"):
            found = self.where(replace(ref, term=ref.term[:-1], parts=()), exclude)
        if found is None and ref.parts:
            wheres = [self.where(p, exclude) for p in ref.parts]
            if all(wheres):
                found = wheres[0]
        return found

    def where(self, ref: Reference, exclude: tuple[int, int] | None = None) -> str | None:
        """`doc_id p.N` of the first definition of `ref` (not inside `exclude`), or None."""
        for start, end in self._definitions(self.doc, ref):
            # the commitment's own mention is no definition, unless it spells the term out ("Capture the Flag (CTF)")
            if exclude is None or not (start < exclude[1] and end > exclude[0]) or _spelled_in_parens(
                    self.doc.text[start:end], ref.term):
                return f"{self.doc.id} p.{self.doc.page_at(start)}"
        if (spelled := _spelled_out(self.doc.text, ref.term)) is not None:
            return f"{self.doc.id} p.{self.doc.page_at(spelled)}"
        if ref.pointer:  # an appendix of another document defines nothing here
            return None
        key = (ref.term.lower(), ref.case_sensitive, ref.pointer)
        if key not in self._elsewhere:
            found = None
            for other in self.others:
                if other.id != self.doc.id:
                    defs = self._definitions(other, ref)
                    if defs:
                        found = f"{other.id} p.{other.page_at(defs[0][0])}"
                        break
            if found is None and self.index is not None:
                found = self._in_index(ref)
            self._elsewhere[key] = found
        return self._elsewhere[key]

    def _definitions(self, doc: Document, ref: Reference) -> list[tuple[int, int]]:
        key = (doc.id, ref.term.lower(), ref.case_sensitive, ref.pointer)
        if key not in self._defs:
            self._defs[key] = _find_definitions(doc.text, ref)
        return self._defs[key]

    def _in_index(self, ref: Reference) -> str | None:
        ids = [i for i in (self.doc_ids or []) if i != self.doc.id] or None
        if self.doc_ids is not None and not ids:
            return None
        try:
            hits = self.index.query(f"{ref.term} is defined as", 6, ids)
        except Exception:  # an unreachable index must not stop the checker
            return None
        for h in hits:
            if h.doc_id == self.doc.id:
                continue
            defs = _find_definitions(h.text, ref)
            if defs:
                return f"{h.doc_id} p.{_page_in_chunk(h.text, defs[0][0], h.page)}"
        return None


_LINE_WINDOW = 400  # no TOC line or definition lead-in is longer; bounds the work on one-line texts


def _line_start(text: str, pos: int) -> int:
    floor = max(0, pos - _LINE_WINDOW)
    nl = text.rfind("\n", floor, pos)
    return nl + 1 if nl >= 0 else floor


def _not_toc(text: str, pos: int) -> bool:
    line_start = _line_start(text, pos)
    line_end = text.find("\n", pos, pos + _LINE_WINDOW)
    return not _TOC_LINE.search(text[line_start:line_end if line_end >= 0 else min(len(text), pos + _LINE_WINDOW)])


def _find_definitions(text: str, ref: Reference) -> list[tuple[int, int]]:
    """Spans of the definitions of `ref` in `text`, most explicit pattern first.

    Only windows around the term's occurrences are searched, which keeps this linear in the text.
    """
    if ref.pointer:
        return [(m.start(), m.end()) for pat in _pointer_patterns(ref.term) for m in pat.finditer(text)
                if _not_toc(text, m.start())]
    occurrences = [m.span() for m in _term_pattern(ref.term, ref.case_sensitive).finditer(text)]
    found: list[tuple[int, int]] = []
    for pat in _definition_patterns(ref.term, ref.case_sensitive):
        for ostart, oend in occurrences:
            lo = min(_line_start(text, ostart), max(0, ostart - 60))
            hi = min(len(text), oend + 160)
            for m in pat.finditer(text, lo, hi):
                if m.start() <= ostart and oend <= m.end() and _not_toc(text, ostart):
                    found.append((m.start(), m.end()))
                    break
    return found


# ---------------------------------------------------------------------------------------------
# The rules


def _flag(code: str, message: str, evidence: str, defined_in: str | None = None) -> Flag:
    rule = RULES[code]
    return Flag(code=code, severity=rule.severity, message=message, evidence=evidence.strip(),
                source="rules", defined_in=defined_in)


def _head(quote: str, words: int = 12) -> str:
    parts = quote.split()
    return " ".join(parts[:words]) + (" ..." if len(parts) > words else "")


# a footnote marker glued to a word or a closing mark ("safeguards.3"), and the footnote line it points to
_MARKER = re.compile(r"(?<=[a-z.,;:)\"'])(\d{1,2})(?=\s|$)")


def _footnote(text: str, number: str) -> str | None:
    """The text of footnote `number` in the document: a line that starts with that number, then a capital."""
    m = re.search(rf"(?m)^[ \t]*{number}[ \t]+(?=[A-Z\"'“])(.{{10,600}})$", text)
    return m.group(1) if m else None


def footnotes_of(quote: str, doc_text: str | None) -> list[str]:
    """The footnotes a commitment points to with markers in its quote: they qualify it like its own words."""
    if not doc_text:
        return []
    out = []
    for m in _MARKER.finditer(norm(quote)):
        note = _footnote(doc_text, m.group(1))
        if note and note not in out:
            out.append(note)
    return out


_SENTENCE_END = re.compile(r"[.!?;](?=[\"'’”)]?\s)|\n\s*\n")
_ANAPHOR = re.compile(r"^\W*(?:such|this|these|that|those|in\s+(?:such|that|this|those|these)\s+(?:a\s+)?cases?|"
                      r"in\s+that\s+event|then)\b", re.IGNORECASE)
_CONTEXT_CHARS = 600


def sentence_context(doc_text: str | None, start: int, end: int) -> list[str]:
    """The rest of the quote's sentence, and the sentence before when the quote's sentence refers back to it
    ("Such action would only be taken ..."): a condition stated there qualifies the commitment too."""
    if not doc_text or not 0 <= start < end <= len(doc_text):
        return []
    lo = max(0, start - _CONTEXT_CHARS)
    ends = [m.end() for m in _SENTENCE_END.finditer(doc_text, lo, start)]
    s_start = ends[-1] if ends else lo
    m = _SENTENCE_END.search(doc_text, end, min(len(doc_text), end + _CONTEXT_CHARS))
    s_end = m.end() if m else min(len(doc_text), end + _CONTEXT_CHARS)
    out = [doc_text[s_start:s_end]]
    if _ANAPHOR.match(doc_text[s_start:start + 40]) and len(ends) >= 2:
        out.append(doc_text[ends[-2]:s_start])
    return out


def _demote(flags: list[Flag], specificity: str) -> list[Flag]:
    """Vague-cause flags count only on a commitment labelled vague, so flags and `specificity` tell one story.

    On a concrete or quantitative commitment the cue stays visible as `info`: the words are there, but the
    committed action is still specific enough to check.
    """
    if specificity == "vague":
        return flags
    return [f.model_copy(update={"severity": "info", "message": f"{f.message} (not counted: the action is "
                                                                   f"{specificity})"})
            if f.code in VAGUE_CAUSE_CODES and f.severity != "info" else f for f in flags]


def check_one(c: Commitment, finder: DefinitionFinder | None = None, org: str | None = None,
              doc_text: str | None = None) -> list[Flag]:
    """The rules' flags for one commitment: causes found in its words, counted as its own fields say.

    C303 is raised exactly when `verifiable` is false; the vague causes count (warning, error) exactly when
    `specificity` is vague, and a vague commitment with no cue in its words gets C204 so that it still
    says why. `doc_text` lets the check read the footnotes the quote points to.
    """
    quote = c.quote
    q = norm(quote)
    trigger = c.trigger or ""
    tr = norm(trigger)
    # the trigger may come from a lead-in outside the quote: read it with the clause
    in_quote = bool(tr) and tr.lower() in q.lower()
    full_n = q if in_quote or not tr else f"{q} {tr}"
    full = quote if in_quote or not trigger else f"{quote} {trigger}"
    flags: list[Flag] = []

    def ev(pat: re.Pattern[str]) -> str | None:
        m = pat.search(q)
        if m:
            return quote[m.start():m.end()]
        if tr and not in_quote:
            m = pat.search(tr)
            if m:
                return trigger[m.start():m.end()]
        return None

    # 1xx modality and discretion
    hedge = ev(HEDGE)
    if c.modality in ("intend", "should"):
        flags.append(_flag("C101", f"hedged modality ({c.modality}) where a binding commitment is expected",
                           hedge or _head(quote, 6)))
    elif hedge and c.modality in ("must", "must_not") and not hedge.lower().startswith(("should", "explor")):
        flags.append(_flag("C101", f"hedged wording '{hedge}' in a commitment labelled {c.modality}", hedge))
    disc = ev(DISCRETION)
    if c.modality == "may":
        flags.append(_flag("C102", "discretion kept (may): acting is the author's choice",
                           disc or ev(MAY) or _head(quote, 6)))
    elif disc:
        flags.append(_flag("C102", f"discretion kept: '{disc}'", disc))
    if esc := ev(ESCAPE):
        flags.append(_flag("C103", f"escape clause: '{esc}'", esc))
    # the condition must govern the competitor: "if another developer releases...", not "we work with other labs";
    # a footnote the quote points to qualifies it as much as its own words
    notes = footnotes_of(quote, doc_text)
    around = sentence_context(doc_text, c.span.start, c.span.end)
    for orig, where in ((quote, ""), (trigger, ""), *((n, " (in its footnote)") for n in notes),
                        *((a, " (in its sentence)") for a in around)):
        normed = norm(orig)
        comp = COMPETITOR_EXCEPTION.search(normed) if normed else None
        if comp:
            flags.append(_flag("C104", f"exception contingent on what other developers or actors do{where}",
                               orig[comp.start("who"):comp.end("who")]))
            break

    # 2xx wording and trigger
    if vague := ev(VAGUE_WORDS):
        flags.append(_flag("C201", f"qualitative wording only the author can judge: '{vague}'", vague))
    if tr:
        m = VAGUE_TRIGGER.search(tr)
        if m:
            flags.append(_flag("C202", f"vague trigger: '{trigger[m.start():m.end()]}'", trigger[m.start():m.end()]))
    else:
        m = REACTIVE.search(norm(c.safeguard or ""))
        if m:
            word = (c.safeguard or "")[m.start():m.end()].strip(" ,.;:")
            flags.append(_flag("C203", f"'{word}' with no condition saying when it applies", word))

    # 3xx measurability
    has_number = NUMBER.search(full_n) or DATE.search(full_n)
    if not has_number:
        flags.append(_flag("C301", "no number, threshold, date or frequency", _head(quote)))
    has_deadline = DATE.search(full_n) or DEADLINE.search(q) or (tr and TIME_TRIGGER.search(tr))
    if not has_deadline:
        vt = ev(VAGUE_TIME)
        flags.append(_flag("C302", f"only vague timing: '{vt}'" if vt else "no deadline, date or frequency",
                           vt or _head(quote)))
    if not c.verifiable:
        sg = c.safeguard if c.safeguard and norm(c.safeguard).lower() in q.lower() else _head(quote)
        flags.append(_flag("C303", "verifiable is false: no publication, external party or anything outsiders "
                                   "could observe is named, only internal conduct", sg))

    # 4xx deferral
    if d := ev(DEFERRAL):
        flags.append(_flag("C401", f"deferred to later: '{d}'", d))

    # 5xx references
    refs = find_references(full, org) if finder is not None else []
    if finder is not None:
        span = (c.span.start, c.span.end)
        for ref in refs:
            if ref.standard:
                flags.append(_flag("C503", f"named public standard '{ref.term}'", ref.evidence))
                continue
            where_def = finder.resolve(ref, exclude=span)
            if where_def is None:
                flags.append(_flag("C501", f"'{ref.term}' is not defined in the documents of the run", ref.evidence))
            else:
                flags.append(_flag("C502", f"'{ref.term}' is defined in {where_def}", ref.evidence,
                                   defined_in=where_def))

    flags = _demote(flags, c.specificity)
    if c.specificity == "vague" and not any(f.code in VAGUE_CAUSE_CODES and f.severity != "info" for f in flags):
        aim = ev(OPEN_AIM)
        flags.append(_flag("C204", f"open-ended action: '{aim}' has no end point an outsider could check" if aim
                           else "labelled vague: the action names no artefact, procedure, body or number to check",
                           aim or (c.safeguard if c.safeguard else _head(quote))))
    return flags


def check_commitments(doc: Document, commitments: list[Commitment], index: Any = None, *,
                      others: Sequence[Document] = (), doc_ids: Sequence[str] | None = None,
                      references: bool = True) -> list[Commitment]:
    """The commitments with their `rules` flags recomputed (flags from other judges are kept).

    `index` (extractor.index.Index) and `others` (the run's other loaded documents) are where a
    referenced term is looked up when the document itself does not define it; `doc_ids` limits the
    index search to the documents of the run. `references=False` skips the reference check (when the
    document text is not available, every term would look undefined).
    """
    finder = DefinitionFinder(doc, others, index, doc_ids) if references else None
    out: list[Commitment] = []
    for c in commitments:
        kept = [f for f in c.flags if f.source != "rules"]
        out.append(c.model_copy(update={"flags": kept + check_one(c, finder, doc.org, doc.text or None)}))
    return out


def exceeds(flag: Flag, threshold: str) -> bool:
    """True when `flag` matches a `--fail-on` value: a severity (at or above), a code or a name."""
    key = threshold.strip().lower()
    if key in SEVERITY_RANK:
        return SEVERITY_RANK[flag.severity] >= SEVERITY_RANK[key]
    rule = find_rule(threshold)
    return rule is not None and flag.code == rule.code
