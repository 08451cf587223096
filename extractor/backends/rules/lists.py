"""Lists: lead-ins and the items under them, inline enumerations and gerund lists inside one sentence, headings that
declare the list after them to be required measures, "Label: text" items without a bullet, and table cells
conditioned by their row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...models import Candidate, Modality
from .cues import find_cue, imperative
from .fields import Cue, clean_trigger
from .patterns import CURRENT_PRACTICE, LABEL, LEADING_TRIGGER_OK, NOT_COMMITMENT, PAST, THERE_ROLE, TRIGGER
from .segment import Unit, depth0_comma

_GERUND_LIST = re.compile(
    r"\b(?:commitments?|measures|safeguards|practices|steps|actions|mitigations|controls|requirements|protections)\b"
    r"[^.;:]{0,120}?\b(?:include|includes|including|such\s+as|namely|are)\s+(?=[a-z]+ing\b)",
    re.I,
)


_GERUND_SPLIT = re.compile(r",\s+(?:and\s+|or\s+)?(?=[a-z]+ing\b)|\s+and\s+(?=[a-z]+ing\b)")


def gerund_items(clause: str) -> list[tuple[int, int]]:
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


_ENUM = re.compile(r"(?:(?<=\s)|^)\((\d{1,2}|[a-h]|i{1,3}|iv|v|vi{1,3})\)\s+")


_ENUM_ORDER = ("1 2 3 4 5 6 7 8 9", "a b c d e f g h", "i ii iii iv v vi vii viii")


def inline_items(text: str, org: str, bodies: dict[str, str]) -> tuple[Cue, str, list[tuple[int, int]]] | None:
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
        if len(stripped.split()) < 3 or TRIGGER.match(stripped) or re.match(r"(?:every|each)\b", stripped, re.I):
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
    # it names what its items are as things it looks at, not measures it takes ("we will test for the following
    # risks:"): a bare name under it ("Cyber offence") is an object of its verb, not a measure of its own
    objects: bool = False
    # a number or frequency in the lead-in ("report the following each quarter:") measures each of its items too
    quantitative: bool = False
    # a lead-in inside a table cell: the row label its items share (the lead-in ends with the row)
    row: str | None = None
    # the indentation of the item that is the lead-in (-1: not an item, or not known): an item indented less, or as
    # much with the same enumerator, is a sibling or an outer item and ends the sub-list
    indent: int = -1
    # its cue is a present-tense verb not known as a step of a process ("<Org> recognises the following:"): the
    # lead-in commits to nothing by itself, so its bare items are what the verb is about, not measures
    in_context: bool = False
    # its list completes a sentence about a model ("a limit counts as reached when the model:"): the items say what the
    # model does, a threshold's definition, not measures
    model_says: bool = False


# a lead-in that leaves a model (or "it") as the subject of its items: "... is reached if the model, in X:", "A system
# reaches this level when it:"
_MODEL_SUBJECT_LEAD = re.compile(
    r"\b(?:if|when|where|once|whether)\s+(?:(?:the|a|an|any|such\s+a|that|this)\s+(?:[\w\-]+\s+){0,2}?"
    r"(?:models?|systems?|agents?)|it|they)\b(?:\s*,[^:;]*)?\s*:\s*$",
    re.I,
)


def model_says(lead: str) -> bool:
    """Does the lead-in end on a model as the subject its items go on with (a threshold's definition)?"""
    return _MODEL_SUBJECT_LEAD.search(" ".join(lead.split())) is not None


_ENUM_KINDS = (
    ("roman", re.compile(r"^\(?(?:i{1,3}|iv|vi{0,3}|ix|x)[.)]$", re.I)),
    ("number", re.compile(r"^\(?\d{1,2}[a-z]?[.)]$")),
    ("letter", re.compile(r"^\(?[a-z][.)]$", re.I)),
)


def item_indent(text: str, start: int) -> int:
    """How far the line of the list item whose text starts at `start` is indented (its mark's column)."""
    line_start = text.rfind("\n", 0, start) + 1
    line = text[line_start:start]
    return len(line) - len(line.lstrip(" \t"))


def bullet_kind(text: str, start: int) -> str | None:
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


_TOC_ENTRY = re.compile(r"(?:^|\s)\d{1,3}\s*$")


_PERMISSION_ITEM = re.compile(
    r"\b(?:is|are)\s+(?:\w+ly\s+)?(?:empowered|entitled|allowed|permitted|authori[sz]ed|designed|intended|meant|"
    r"expected|encouraged|invited|able)\s+to\s+[a-z]+",
    re.I,
)


# (a hedge verb only with what it aims at: "each plan", "the aim of X" name things)
_HEAD_MODAL = re.compile(r"\b(?:will|shall|must|should|may|might|can|could|would)\b|"
                         r"\b(?:aims?|plans?|intends?|expects?)\s+(?:to|that)\b|"
                         r"\b(?:we|they|it)\s+(?:\w+ly\s+)?(?:aim|plan|intend|expect)s?\b", re.I)


def requirement_heading(text: str) -> bool:
    """Is this unit a heading or short lead-in that declares the list right after it to be required measures
    ("Deployment Standard:", "Security requirements", "Minimum safeguards", "Baseline Standard: a system that
    ...")? Its items carry no modal verb of their own ("Publication of model cards", "Training models to
    refuse ..."), yet the heading binds them as a "we will implement the following:" would (DECISIONS 4, 20).
    Only a short phrase counts, with no modal verb (those are lead-ins of their own), and nothing that makes
    the list examples, definitions, risks, capabilities or a description of present or past practice."""
    s = " ".join(text.split()).strip()
    if not s or _TOC_ENTRY.search(s) or PAST.search(s) or NOT_COMMITMENT.search(s):
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


def offered_measures(text: str) -> bool:
    """A lead-in that lists examples of measures that may be applied ("Examples of safeguards that may be applied
    include:"): its items are options (`may`), not measures the author binds itself to."""
    m = _EXAMPLE_MEASURES.match(" ".join(text.split()))
    return m is not None and re.search(r"\b(?:may|might|can|could)\b", m.group("rest"), re.I) is not None


def example_measures(text: str) -> str | None:
    """A lead-in that gives examples of the author's own measures or requirements: its items are measures the
    author applies (`must`), with the lead-in's "for ..." scope as their trigger ("" when it has none). None when
    it is no such lead-in, or when it presents them as current or past practice, which describes what is the
    case rather than what the author holds itself to (decision 26)."""
    s = " ".join(text.split())
    m = _EXAMPLE_MEASURES.match(s)
    if m is None or PAST.search(s) or re.search(r"\b(?:previous(?:ly)?|past)\b", s, re.I):
        return None
    if CURRENT_PRACTICE.search(s):
        return None
    scope = re.search(
        r"\b(?:for|to)\s+(?:all\s+|any\s+)?(?:[\w\-]+\s+){0,2}?(?:models?|systems?)\b.*$", m.group("rest")
    )
    return (clean_trigger(scope.group(0)) or "") if scope else ""


# the nouns of a lead-in whose items name things looked at or described, not measures taken
_OBJECT_LIST = re.compile(
    r"\b(?:risks?|threats?|hazards?|harms?|domains?|areas?|categor(?:y|ies)|capabilit(?:y|ies)|benchmarks?|"
    r"examples?|scenarios?|factors?|indicators?|definitions?|terms|sectors?|topics?|questions?|sources?|types?|"
    r"kinds?|properties|characteristics|criteria|signals?|behaviou?rs?|cases?|"
    # "use" as a noun ("the following uses:", "intended uses"), not the verb ("we will use a range of methods:")
    r"(?:the|its|our|such|these|intended|permitted|prohibited|following)\s+uses?)\b",
    re.I,
)


def names_objects(lead: str) -> bool:
    """Does a lead-in present its list as things examined or described ("We will evaluate the following
    domains:") rather than measures taken ("We will implement the following measures:")?"""
    following = re.search(r"\bfollowing\s+((?:[\w\-]+\s*){1,3})", lead, re.I)
    if following is not None:
        return _OBJECT_LIST.search(following.group(1)) is not None
    # a purpose after the verb's object ("measures to reduce misuse risk") says why, not what the items are
    head = re.split(r"\b(?:to|in\s+order\s+to|so\s+that|which|that)\s+(?=[a-z])", lead, maxsplit=1)[0]
    return _OBJECT_LIST.search(head) is not None


# "Our safeguards include:", "The measures we apply are the following:": the author's own measures, listed ("These
# controls include:" right after a paragraph on them points back to the author's own)
_OWN_MEASURES = re.compile(
    r"^(?:(?:our|these)\s+(?:[\w\-]+\s+){0,3}?|the\s+(?:[\w\-]+\s+){0,3}?(?=\w+\s+(?:that\s+)?we\s))"
    r"(?:measures|safeguards|mitigations|controls|protections|commitments|actions|steps|responses|"
    r"obligations)\b(?:\s+(?:that\s+)?we\s+(?:will\s+)?(?:apply|take|implement|use|maintain|adopt|put\s+in\s+place|"
    r"commit\s+to))?\s+(?:include|are|comprise|consist\s+of|cover)(?:\s+the\s+following)?\s*:\s*$",
    re.I,
)


# "Risk of misuse is mitigated by:", "These threats are addressed through:": the means that counter a risk, listed
_MITIGATED_BY = re.compile(
    r"^(?:[\w\-’']+\s+){1,6}?(?:is|are)\s+(?:mitigated|addressed|reduced|countered|managed|controlled|contained|"
    r"minimi[sz]ed)\s+(?:by|through|via|with)(?:\s+the\s+following)?\s*:\s*$",
    re.I,
)


# "Responsibilities of the Safety Board include:", "The committee's duties include, but are not limited to:": the
# duties of one of the author's bodies, listed
_DUTIES = re.compile(
    r"^(?:(?:the\s+)?(?:responsibilities|duties|tasks|functions)\s+of\s+(?:the\s+|our\s+)?(?:[\w\-]+\s+){1,6}?|"
    r"(?:the\s+|our\s+)?(?:[\w\-]+\s+){0,5}?[\w\-]+['’]s\s+(?:responsibilities|duties|tasks|functions)\s+)"
    r"(?:include|are)(?:,?\s+but\s+are\s+not\s+limited\s+to)?(?:\s+the\s+following)?\s*:\s*$",
    re.I,
)


# "Risks to our systems are identified through these techniques, including:", "We manage this risk by:": the author's
# own step done by the means its list names; each item is one of those means, applied (`must`)
_MEANS_LEAD = re.compile(
    r"\b(?:(?:is|are)\s+(?:[a-z]+ly\s+)?(?:identified|assessed|evaluated|managed|mitigated|addressed|monitored|tested|"
    r"reviewed|detected|reduced|handled|secured|protected)|we\s+(?:[a-z]+ly\s+)?(?:identify|assess|evaluate|manage|"
    r"mitigate|address|monitor|test|review|detect|reduce|handle|secure|protect)\s+(?:[\w\-’']+\s+){1,6}?)"
    r"\s*(?:through|by|using|via|with)\b[^:;]{0,120}?(?:,\s*(?:including|such\s+as)|:|\bthe\s+following)\s*:?\s*$",
    re.I,
)


def means_lead(text: str, org: str) -> bool:
    """Does a lead-in with no modal verb list the means by which the author takes one of its own steps? It must name
    the author ("we", "our", its name) and present the steps in the present tense, not as past or current practice."""
    s = " ".join(text.split())
    if not s.endswith(":") or _MEANS_LEAD.search(s) is None or PAST.search(s) or CURRENT_PRACTICE.search(s):
        return False
    return re.search(r"\b(?:we|our|us)\b", s, re.I) is not None or (bool(org) and org in s)


# "Our red-teaming work is aimed at reaching the following objectives:": what the author's own practice pursues
_GOAL_LEAD = re.compile(
    r"\bour\s+(?:[\w\-]+\s+){0,3}?(?:practices|work|efforts|approach(?:es)?|programs?|programmes?|measures|"
    r"processes|policies|strateg(?:y|ies))\s+(?:is|are)\s+(?:focused\s+on|aimed\s+at|directed\s+(?:at|towards?))\s+"
    r"(?:achieving|pursuing|meeting|reaching)\s+the\s+following\s+(?:[\w\-]+\s+)?(?:goals|objectives|aims|outcomes)\s*:$",
    re.I,
)


def goal_lead(text: str) -> bool:
    """Does a lead-in list the goals the author's own practices pursue? Each goal is a hedged intention (`intend`,
    decision 128), not the scope of a framework (39)."""
    return _GOAL_LEAD.search(" ".join(text.split())) is not None


def own_measures(text: str) -> bool:
    """A lead-in with no modal verb that lists the author's own measures ("Our safeguards include:", "Risk of misuse
    is mitigated by:", "Responsibilities of the Board include:"): its items bind as "we will implement the following:"
    does; not when it presents them as past or current practice."""
    s = " ".join(text.split())
    if _OWN_MEASURES.match(s) is None and _MITIGATED_BY.match(s) is None and _DUTIES.match(s) is None:
        return False
    if PAST.search(s) or CURRENT_PRACTICE.search(s):
        return False
    return not re.search(r"\b(?:previous(?:ly)?|past|former)\b", s, re.I)


def short_measure(item: str) -> bool:
    """A one- or two-word item that names a measure ("Staged release", "Fine-tuning"): a name in lower case after
    its first word, no number, no enumeration of its own; under a binding lead-in it is one commitment."""
    words = item.rstrip(" .;,").split()
    if not 1 <= len(words) <= 2 or any(re.search(r"\d", w) for w in words) or item.rstrip().endswith(":"):
        return False
    if not all(re.fullmatch(r"[A-Za-z][\w\-’']*", w) for w in words):
        return False
    return all(w[:1].islower() for w in words[1:]) and len(item) >= 5


def label_item(units: list[Unit], ui: int, lead: LeadIn | None, label_block: int) -> bool:
    """A "Label: text" paragraph right after an explicit lead-in (or after another such paragraph) is a list item
    without a bullet glyph, as web pages and plain-text policies write them ("Internal compartmentalization:
    implementing strong access controls ...")."""
    unit = units[ui]
    if unit.is_item or lead is None or not lead.explicit or ui == 0:
        return False
    if unit.block == label_block:
        return True
    prev = units[ui - 1].block
    if unit.block == prev or prev not in (lead.block, label_block):
        return False
    # a paragraph that opens with a gerund ("Scaling up X ...") after the lead-in is an item whose bullet the
    # extraction lost, and so is a short measure's name right after such an item ("Staged release.")
    return (
        LABEL.match(unit.text) is not None
        or _GERUND_OPENING.match(unit.text) is not None
        or (prev == label_block and short_measure(unit.text) and _whole_block(units, ui))
    )


# a gerund opening a paragraph, not a preposition or noun that ends in -ing
_GERUND_OPENING = re.compile(
    r"^(?!(?:during|nothing|something|everything|anything|notwithstanding|according|regarding|concerning|including|"
    r"following|pending|thing|things|king|spring|string|morning|evening|building|setting|meeting|training|"
    r"funding|understanding|timing|ring)\b)[A-Z][a-z]{2,}ing\b(?!(?:\s+[\w\-]+){0,2},)",
)


def _whole_block(units: list[Unit], ui: int) -> bool:
    """Is the unit the only sentence of its block?"""
    block = units[ui].block
    return (ui == 0 or units[ui - 1].block != block) and (ui + 1 == len(units) or units[ui + 1].block != block)


def _short_lead_sentence(units: list[Unit], ui: int) -> bool:
    """Is the unit a short first sentence of a list item with more of the item after it ("Secure hosts. Operators
    use ...")?"""
    unit = units[ui]
    return (
        unit.is_item
        and (ui == 0 or units[ui - 1].block != unit.block)
        and ui + 1 < len(units)
        and units[ui + 1].block == unit.block
        and len(unit.text.split()) <= 5
        and unit.text.rstrip().endswith(".")
    )


def run_in_label(units: list[Unit], ui: int, reach: int = 8) -> bool:
    """Is the unit the run-in label of its list item ("• Secure hosts. Operators use ...")? A short first sentence
    reads as an instruction when its first word is also a verb ("Secure", "Monitor"); it is the item's label when
    the list's other items open the same way with a name no verb starts ("Formal methods. ..."): one style per list."""
    if not _short_lead_sentence(units, ui):
        return False
    block, seen = units[ui].block, 0
    for step in (-1, 1):
        k, last = ui + step, block
        while 0 <= k < len(units) and units[k].is_item and seen < reach:
            if units[k].block != last:
                last = units[k].block
                first = k == 0 or units[k - 1].block != last
                if first and _short_lead_sentence(units, k) and imperative(units[k].text.rstrip(" .")) is None:
                    return True
                seen += 1
            k += step
    return False


def heading_before(text: str, start: int, end: int) -> str:
    """The markdown heading lines between two units, joined ("## 4.1." + "## Security requirements")."""
    return " ".join(m.group("text") for m in _MD_HEADING.finditer(text, start, end))


# a phase or stage label above a list ("Phase 2 (Months 7-12)", "Stage 3 - after release", "Before deployment:"):
# the condition its items share; a numbered label or a temporal phrase, short and with no verb of its own
_PHASE_LABEL = re.compile(
    r"^(?:(?:phase|stage|step|period|wave|milestone|horizon)\s+(?:\d{1,2}|[IVX]{1,4}|[A-Z]|one|two|three|four|five)\b"
    r"|(?:before|after|prior\s+to|during|upon|following|until|ahead\s+of)\s+\w)",
    re.I,
)


# a heading or label that is a condition clause ("When a model reaches the Watch level", "If we detect an incident")
_CONDITION_LABEL = re.compile(r"^(?:if|when|whenever|once|in\s+the\s+event(?:\s+that)?)\s+(?!to\b)[\w\-]+\s+\w", re.I)
_LABEL_MODAL = re.compile(r"\b(?:will|shall|must|should|may|can|could|would)\b", re.I)


_LABEL_VERB = re.compile(r"\b(?:will|shall|must|should|may|can|is|are|was|were|has|have|we|our)\b", re.I)


# a duration or date range in a phase label ("First 6 Months", "Months 7-12", "Q3 2027"): a deadline its items share
_PHASE_DURATION = re.compile(
    r"\b\d{1,3}(?:\s*(?:-|–|to)\s*\d{1,3}|\+)?\s+(?:days?|weeks?|months?|quarters?|years?)\b"
    r"|\b(?:days?|weeks?|months?|quarters?|years?)\s+\d{1,3}(?:\s*(?:-|–|to)\s*\d{1,3})?\b|\bQ[1-4]\s+\d{4}\b",
    re.I,
)


def condition_heading(label: str | None) -> bool:
    """Is a heading a condition clause ("When a model is deployed"), which scopes the paragraph under it?"""
    return bool(label) and _CONDITION_LABEL.match(label or "") is not None


def phase_deadline(label: str) -> bool:
    """Does a phase label state a duration, so that its items are measurable (`quantitative`)?"""
    return _PHASE_DURATION.search(label) is not None


def phase_label(text: str, start: int, end: int, previous: Unit | None) -> str | None:
    """The phase or stage label right above a list item, as the items' trigger: the last line between the item and
    the unit before it (a heading, marked or not), or that unit itself when it is a short label (no full stop). ""
    when there is such a line but it is no phase label (a heading that ends the phase), None when there is none."""
    end = max(start, text.rfind("\n", 0, end) + 1)  # not the item's own line (its bullet)
    lines = [ln.strip().lstrip("#").strip() for ln in text[start:end].splitlines()]
    lines = [ln for ln in lines if ln and not ln.startswith("[[page")]
    label = lines[-1] if lines else ""
    if not label and previous is not None and not previous.is_item and previous.text.rstrip()[-1:] not in ".;!?":
        label = previous.text.strip()
    if not label:
        return None
    label = label.rstrip(":–—- ").strip()
    words = label.split()
    if _CONDITION_LABEL.match(label) and len(words) <= 16 and label[-1:] not in ".;!?" \
            and not _LABEL_MODAL.search(label):
        return label  # "If a model reaches the Critical level" over a list: the condition of the responses listed
    if not (1 <= len(words) <= 10) or label[-1:] in ".;!?" or _LABEL_VERB.search(label):
        return ""
    if not _PHASE_LABEL.match(label):
        return ""
    # "Phase 3: Expansion (12+ Months)": the time in parentheses is when its items apply; the phase's name is a title
    timed = re.search(r"\(([^()]*)\)\s*$", label)
    return timed.group(1).strip() if timed and phase_deadline(timed.group(1)) else label


def _rejected_modal(item: str) -> bool:
    """A modal verb in the item's main clause that the cue rules did not take as the author's ("This shall not
    apply to others", "These controls will make theft difficult"): the item is a statement of its own, not a
    bare measure that borrows the lead-in's modality."""
    return _HEAD_MODAL.search(re.split(r"\b(?:that|which|who|whom|whose|where)\b", item, maxsplit=1)[0]) is not None


def states_measure(item: str) -> bool:
    """Does an item under a requirement heading state a measure (a noun phrase, a gerund, a present-tense
    statement or passive), rather than a fact, a definition or an example that sits in the same list?"""
    main = item
    if re.match(r"^(?:in|for|at|on|within|under|with|during)\s", item, re.I) or LEADING_TRIGGER_OK.match(item):
        comma = depth0_comma(item)
        main = item[comma + 1 :].lstrip() if 0 < comma < 150 else item
    if _EXISTENTIAL_ITEM.match(main) and not THERE_ROLE.match(main):
        return False
    if _rejected_modal(main):
        return False
    if _PERMISSION_ITEM.search(main):
        return False  # permission or purpose, not a measure: "X is empowered to adopt", "Y is designed to catch"
    if _COPULA_ITEM.match(main) or _EXAMPLE_ITEM.search(main) or _TOC_ENTRY.search(main):
        return False
    return not describes_state(item)


# a table cell that states a response with a participle and no verb of its own ("Further review required.", "Release
# permitted with monitoring", "Deployment not allowed"); a finite verb before the participle makes it a sentence
_CELL_RESPONSE = re.compile(
    r"^(?P<np>(?!(?:no|none|not|nothing)\b)[\w“\"][\w\-’'/&(),“”\"]*"
    r"(?:\s+(?!(?:is|are|was|were|be|been|being|will|shall|must|should|may|might|can|could|would|has|have|had|do|does|"
    r"did)\b)[\w\-’'/&(),“”\"]+){0,7}?)\s+(?:(?:is|are)\s+)?(?P<neg>not\s+)?"
    r"(?P<verb>required|mandatory|needed|necessary|allowed|permitted|prohibited|forbidden|disallowed)\b",
    re.I,
)


def cell_response(cell: str) -> tuple[Modality, str] | None:
    """A table cell that states the row's response without a verb: (modality, safeguard). A requirement is `must`, a
    permission `may` (what the author allows itself at that level), a prohibition or a permission denied `must_not`;
    "not required" binds nothing. Only cells are read so: in running text the same words describe."""
    text = " ".join(cell.split()).rstrip(" .;")
    if len(text.split()) > 25:
        return None
    m = _CELL_RESPONSE.match(text)
    if m is None:
        return None
    verb, negated = m.group("verb").lower(), m.group("neg") is not None
    modality: Modality
    if verb in ("prohibited", "forbidden", "disallowed"):
        if negated:
            return None
        modality = "must_not"
    elif verb in ("allowed", "permitted"):
        modality = "must_not" if negated else "may"
    elif negated:
        return None
    else:
        modality = "must"
    rest = text[m.end() :].strip(" ,")
    return modality, (m.group("np") if not rest else text)


# a column whose cells are the author's responses to their row ("Response", "Mitigations", "Required safeguards")
_RESPONSE_COLUMN = re.compile(
    r"\b(?:responses?|mitigations?|measures?|safeguards?|actions?|controls?|requirements?|required|protections?|"
    r"commitments?|steps?)\b",
    re.I,
)


# ... unless it names examples, descriptions or what is already done, or something optional
_NOT_RESPONSE_COLUMN = re.compile(
    r"\b(?:examples?|descriptions?|definitions?|rationale|notes?|current(?:ly)?|existing|past|previous|optional|"
    r"recommended|suggested|possible|potential|illustrative)\b",
    re.I,
)


def response_column(name: str | None) -> bool:
    """Does a table's column header name the responses or measures its rows call for?"""
    return name is not None and bool(_RESPONSE_COLUMN.search(name)) and not _NOT_RESPONSE_COLUMN.search(name)


# a column whose cells describe their row (a level, a risk, a capability), and commit to nothing without a cue
_DESCRIPTIVE_COLUMN = re.compile(
    r"\b(?:descriptions?|definitions?|rationale|examples?|notes?|capabilit(?:y|ies)|indicators?|criteria|"
    r"thresholds?|risks?|scenarios?|domains?|categor(?:y|ies))\b",
    re.I,
)


def descriptive_column(name: str | None) -> bool:
    """Does a table's column header name what its cells describe, not what the author does?"""
    return name is not None and bool(_DESCRIPTIVE_COLUMN.search(name)) and not response_column(name)


def cell_measure(cell: str) -> bool:
    """A cell under a response column that names a measure ("Standard release with usage monitoring"): a phrase with
    no modal of its own that states a measure, not "None", "N/A" or a negated absence ("No further action")."""
    text = " ".join(cell.split()).rstrip(" .;")
    if not 2 <= len(text) or len(text.split()) > 25 or not text[:1].isalpha():
        return False
    if re.match(r"(?:n/?a|none|nil|tbd|tbc|same|as\s+above|no|not|nothing)\b", text, re.I):
        return False
    return states_measure(text)


# a cell that forbids an act by naming it after "No" ("No external deployment", "No API access for new customers");
# "No further action", "None" name an absence of measures, not a prohibition
_NEGATED_ACT = re.compile(
    r"^no\s+(?!(?:further|additional|extra|specific|special|other)\b)(?P<act>(?:[\w\-]+\s+){0,3}?(?:deployment|access|"
    r"release|training|fine-tuning|scaling|use|distribution|open[- ]sourcing|publication|sharing|launch|rollout|"
    r"integration)\b[^;]*)$", re.I)


def negated_act(cell: str) -> str | None:
    """The act a prohibition cell names ("No external deployment" -> "external deployment"), else None."""
    m = _NEGATED_ACT.match(" ".join(cell.split()).rstrip(" .;"))
    return m.group("act") if m is not None and len(m.group("act").split()) <= 12 else None


def table_triggers(found: list[Candidate], units: list[Unit]) -> None:
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
            trigger = clean_trigger(cells[i][2])
            if trigger != c.actor:  # a row that names a role gives its cells their actor, not a condition
                c.trigger = trigger


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


# an item that describes the object it names ("<Name> (<ABBR>): <ABBR> is a set of questions on X", "It includes 40
# challenges", "<Name> encompasses X"): under a lead-in whose list names things examined (`names_objects`), such an
# item says what the object is, not what the author does (decision 40)
_OBJECT_DESCRIPTION = re.compile(
    r"^(?:[^:]{1,80}:\s*\d*\s+)?(?:(?:the|this|that|these|those|it|each|every)\b|[A-Z][\w\-.’']*)(?:\s+[\w\-.,’'()]+){0,6}?"
    # (what the thing is or holds; a method at work, "Uplift studies examine whether X", is the author's practice)
    r"\s+(?:is\s+an?|are\s+(?:an?\s+)?(?:set|collection|series|suite)|has|have|includes?|encompass(?:es)?|"
    r"consists?\s+of|comprises?|contains?|covers?|spans?|features?)\b",
)


def describes_object(item: str) -> bool:
    """An item that only describes what it names: a present-tense statement of a named thing with no modal verb and
    no word of the author's, or a definition in a noun phrase ("The ability of a model to X") or a category's short
    name ("Biological and chemical.") under a lead-in that lists things looked at."""
    if re.search(r"\b(?:we|our|us|will|shall|must|should|may|can|commit\w*)\b", item, re.I):
        return False
    return (_OBJECT_DESCRIPTION.match(item) is not None or _NOUN_DEFINITION.match(item) is not None
            or _CATEGORY_NAME.fullmatch(item.strip()) is not None)


_NOUN_DEFINITION = re.compile(
    r"^(?:the|a|an|its|any)\s+(?:[\w\-]+\s+)?(?:ability|capacity|capability|potential|risk|likelihood|possibility|"
    r"extent|degree|use|misuse)\s+(?:of|that|to|for|in)\b", re.I)
# (a gerund phrase is an act, not a category's name: "Establishing safety baselines")
_CATEGORY_NAME = re.compile(r"(?![A-Z][a-z]+ing\b)[A-Z][\w\-]*(?:,?\s+(?:and\s+|&\s+|or\s+)?[\w\-]+){0,3}\.?")


# a model or a system as the subject: what follows says what it does or can do, not what the author does
_MODEL_SUBJECT = re.compile(
    r"^(?:the|a|an|any|this|such)?\s*(?:[\w\-]+\s+){0,2}?(?:models?|systems?|agents?)\s+(?:\w+ly\s+)?can\b", re.I)


# "the model provides meaningful uplift to X", "the system enables Y": what a model does or is capable of, as a
# threshold's definition states it (the author's measures have the author, not the model, as subject)
_MODEL_CAPABILITY = re.compile(
    r"^(?:the|a|an|any|this|such)\s+(?:[\w\-]+\s+){0,2}?(?:model|system|agent)\s+(?:\w+ly\s+)?"
    r"(?:provides|enables|offers|gives|allows|achieves|exceeds|reaches|demonstrates|shows|possesses|has|acquires|"
    r"performs|matches|outperforms|succeeds|substantially|significantly|meaningfully|uplifts)\b", re.I)


# "Autonomy: the model's ability to carry out X": a threshold's definition by what a model can do
_ABILITY_DEFINITION = re.compile(
    r"^(?:[^:;.]{1,60}:\s+)?(?:the|a|an|any)\s+(?:[\w\-]+\s+){0,2}?(?:model|system|agent)[’']s\s+(?:\w+\s+)?"
    r"(?:ability|capacity|capability|capabilities|potential|propensity|tendency)\s+(?:to|for)\b", re.I)


def describes_state(item: str) -> bool:
    """A list item that is a sentence about how things were or could be ("Such systems could become a source of
    risk", "they may become capable of ..."), not a measure: a past tense or a modal of possibility before its verb.
    A present-tense item states a measure (decision 20)."""
    main = item
    if LEADING_TRIGGER_OK.match(item):
        comma = depth0_comma(item)
        main = item[comma + 1 :] if comma > 0 else item
    if _PRESENT_FACT.search(main) or _MODEL_CAPABILITY.match(main.strip()) or _ABILITY_DEFINITION.match(item.strip()):
        return True
    m = _DESCRIBES.match(item)
    if m is None or re.search(r"\b(?:we|our|us)\b", item[: m.start("verb")], re.I):
        return False
    verb, nxt = m.group("verb").lower(), m.group("next").lower()
    if verb in ("could", "might", "was", "were"):
        return True
    if verb == "can" and nxt != "be" and _MODEL_SUBJECT.match(item):
        return True  # "the model can find and exploit X": what a model is capable of (a threshold's definition)
    return nxt in ("become", "pose", "cause", "lead", "result", "occur", "arise", "emerge", "seem", "appear")


# a flattened table's header: a column of risks, then one of measures ("Stage / Key Risks / Key Mitigations We Apply")
_MEASURE_COLUMN = re.compile(
    r"(?:key\s+|main\s+|our\s+)?(?:mitigations?|safeguards?|controls|countermeasures|measures)(?:\s+we(?:\s+apply)?)?",
    re.I,
)
_RISK_COLUMN = re.compile(r"(?:key\s+|main\s+)?(?:risks?|threats?|hazards?|harms?)", re.I)


def measures_header(text: str, unit: Unit) -> bool:
    """Is the unit the name of a table's column of measures, right after the name of a column of risks (within the
    three lines above it)? The layout flattened the table one cell per line; its rows follow."""
    if unit.is_item or _MEASURE_COLUMN.fullmatch(" ".join(unit.text.split())) is None:
        return False
    above = [ln.strip() for ln in text[max(0, unit.start - 200) : unit.start].split("\n") if ln.strip()][-3:]
    return any(_RISK_COLUMN.fullmatch(ln) for ln in above)


def narrow_cell(cell: str, width: float) -> bool:
    """Are all lines of the text well under the body's width (a table cell's column, not a paragraph)?"""
    lines = [ln.strip() for ln in cell.split("\n") if ln.strip()]
    return bool(lines) and max(len(ln) for ln in lines) < 0.6 * width


def stage_label(cell: str) -> str | None:
    """The label a row's first cell opens with ("Deployment and / maintenance / Models are deployed ..." -> "Deployment
    and maintenance"): its lines up to the first one that opens a sentence; None for a single word."""
    lines = [ln.strip().strip("\ue000").strip() for ln in cell.split("\n") if ln.strip()]
    label: list[str] = []
    for ln in lines:
        if label and ln[:1].isupper() and not re.search(r"\b(?:and|or|of|for|the|further)$", label[-1]):
            break
        label.append(ln)
    text = " ".join(" ".join(label).split()).rstrip(" .:")
    if len(text.split()) < 2 or re.search(r"[.;:]", text) or re.search(r"\b(?:of|to|the|a|an|and|or)$", text, re.I):
        return None  # a sentence, or the broken-off rest of one
    return text


# a cell that states a risk with a verb of its own ("Evaluation data are not representative", "Design choices amplify
# disparity") is no measure
_CELL_FINITE = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|does|do|did|can|could|may|might|will|would|should|must|shall|"
    r"results?\s+in|leads?\s+to|causes?|amplif(?:y|ies))\b",
    re.I,
)
# the nouns that name a measure in a cell under a column of mitigations
_MEASURE_NOUN = re.compile(
    r"\b(?:controls?|safeguards?|mitigations?|measures|testing|tests|red[-\s]?teaming|monitoring|evaluations?|"
    r"reviews?|audits?|research|consultation|classifiers?|filters?|blocklists?|allowlists?|authentication|encryption|"
    r"polic(?:y|ies)|programs?|programmes?|training|analysis|explanations?|detection|lineage|processing|logging|"
    r"guardrails?|sandbox\w*|checks|inspections?|verification|vetting|screening|scanning|patching|backups?|alerting|"
    r"re-?(?:sampling|weighting|balancing))\b",
    re.I,
)


def names_measure(cell: str) -> bool:
    """Does a cell in a column of mitigations name a measure ("Multi-party red teaming", "Blocklists and classifiers to
    catch X"), rather than a risk that sits beside it ("Data poisoning", "Model theft")?"""
    text = " ".join(cell.split())
    return _MEASURE_NOUN.search(text) is not None and _CELL_FINITE.search(text) is None
