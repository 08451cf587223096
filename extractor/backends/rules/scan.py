"""The scan: the document's units read in order, each offered to the recognisers, with lead-ins, triggers and
subjects carried from one unit to the next.

Per unit: `_enter_unit` carries the state in (lead-ins end at a new commitment paragraph or a heading, block and
stage openers set a trigger), then `UNIT_RECOGNISERS` are tried in order until one produces:
inline enumeration, clauses (each clause offered to `CLAUSE_RECOGNISERS`: gerund list, modal cue, class rule,
process statement), table cell, imperative, bare list item; then `_lead_in_after` (a unit that opens a list) and
`_leave_unit` (hits, pending process statements, an item's condition). `_finish` settles what needs the whole document.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Generic, TypeVar

from ...models import Candidate, Modality
from ...signals import verifiable_signal
from .context import (
    accept_in_context,
    addressed_sections,
    condition_item,
    current_practice_spans,
    glossary_spans,
    in_glossary,
    in_spans,
    overlaps,
    section_numbers,
    stage_opener,
)
from .criteria import class_rule
from .cues import FORECASTER, committed_split, find_cue, imperative, inverted_condition, item_cue, subject_lead
from .fields import (
    ACT_VERBS,
    HEDGED_PART,
    Cue,
    active_act,
    actor_for,
    clean_trigger,
    cue_actions,
    find_safeguard,
    find_trigger,
    gerund_series,
    is_leading,
    org_department,
    role_duty,
    safeguard_of,
    specificity,
    split_actions,
    verifiable,
)
from .lists import (
    LeadIn,
    bullet_kind,
    cell_measure,
    cell_response,
    condition_heading,
    describes_object,
    describes_state,
    descriptive_column,
    example_measures,
    gerund_items,
    goal_lead,
    heading_before,
    inline_items,
    item_indent,
    label_item,
    means_lead,
    measures_header,
    model_says,
    names_measure,
    names_objects,
    narrow_cell,
    negated_act,
    offered_measures,
    own_measures,
    phase_deadline,
    phase_label,
    requirement_heading,
    response_column,
    run_in_label,
    short_measure,
    stage_label,
    states_measure,
    table_triggers,
)
from .patterns import (
    AUTHOR_BINDS,
    BINDING_WORD,
    BODY,
    BUSINESS_INTRO,
    FOOTNOTE,
    FREQUENCY,
    LEADING_TRIGGER_OK,
    NOT_COMMITMENT,
    PAST,
    PROCESS_PARTICIPLES,
    ROLE_NOUN,
)
from .process import (
    body_acronyms,
    body_names,
    own_agent,
    process_passive,
    process_statement,
    resolve_short_bodies,
    resolve_the_team,
)
from .segment import Unit, clip_at_breaks, segment_with_headings, split_clauses, trim_clause

# "we make the following procedural commitments", "the following security themes, and ...": only introduces a list
_PURE_LEAD = re.compile(r"\s*(?:[\w\-]+\s+){0,2}?the\s+following(?:\s+[\w\-]+){0,3}\s*(?:[:.,]|$)", re.I)
# "we will put the following safeguards in place before X:", "shall apply the following measures to any model that Y:":
# the measures are the items, whatever scope or condition the lead-in adds (decision 4); not a list of objects ("shall
# evaluate each model against the following thresholds:" is the commitment, decision 40)
_MEASURES_LEAD = re.compile(
    r"\s*(?:[\w\-]+\s+){0,2}?the\s+following\s+(?:[\w\-]+\s+){0,2}?(?:safeguards|measures|mitigations|procedures|steps|"
    r"controls|protections|actions|practices|requirements|commitments)\b", re.I)


# a sorting step ("place X into one of two categories"): its list names the classes
_SORTS_INTO = re.compile(r"(?:place|categori[sz]e|classif(?:y|ie)|sort|divide|group)s?\b[^:;]*?\binto\b", re.I)


# the author's own models and releases as the subject of a step
_OWN_ARTEFACT = re.compile(r"\b(?:models?|releases?|versions?|checkpoints?|snapshots?)$", re.I)


# a list of the partners the author works with ("with organisations such as:")
_PARTNER_LIST = re.compile(
    r"\b(?:with|alongside|among)\s+(?:other\s+)?(?:[\w\-]+\s+)?(?:organi[sz]ations|institutions|bodies|partners|"
    r"groups|initiatives|coalitions|consortia|alliances|forums)\s+(?:such\s+as|like|including)\s*:?\s*$",
    re.I,
)


# a reason given after the commitment: ", as this domain is ...", " because they ...", " since it ..."
# ("as they are developed", "as it becomes available" are a time, not a reason)
_TRAILING_REASON = re.compile(
    r",?\s+(?:as|because|since)\s+(?:they|it|this|these|such|that)\s+(?!(?:are|is|become|becomes|emerge|emerges)\b)",
    re.I,
)
_TRAILING_EXAMPLE = re.compile(r",\s+(?:for\s+example|for\s+instance|e\.g\.)[,\s]", re.I)


# a run-in label of its own ("Review Officer.")
_BODY_LABEL = re.compile(r"\s*(?P<name>[A-Z][\w\- ]{2,60}?)\s*[.:]\s*")


# a generic body as a "by" agent, its modifiers in lower case ("by the risk owner", "by the security team")
# (a body only described, "by the relevant team", names none: the organisation acts)
_GENERIC_AGENT = re.compile(
    r"(?!(?:relevant|appropriate|respective|applicable|same|other|right|concerned|responsible|corresponding)\b)"
    r"(?:[a-z][\w\-]*\s+(?:(?:and|&)\s+)?){1,2}(?:teams?|owners?|function|committee|board|group|leadership)\b"
)


_BY_AGENT = re.compile(
    r"\s+(?:(?:not|also|then|first|only|always)\s+)*be\s+(?:\w+ly\s+)?[\w\-]+(?:ed|en|wn|de)\s+by\s+(?:the\s+|our\s+)?"
    r"(?P<agent>[^,;.()]{2,80})"
)


# a present-tense passive with its "by" agent, in a sentence with no modal ("Deployment decisions are made by the CEO")
_PRESENT_BY_AGENT = re.compile(
    r"\b(?:is|are)\s+(?:(?:also|then|first|only|always|\w+ly)\s+)*[\w\-]+(?:ed|en|wn|de)\s+by\s+(?:the\s+|our\s+)?"
    r"(?P<agent>[^,;.()]{2,80})"
)


def agent_actor(agent: str, org: str, bodies: dict[str, str] | None = None) -> str | None:
    """The body a passive's "by" agent names, which then acts (decision 29), or None when the agent is no internal body.
    Of two passives with agents of their own ("proposed by X and approved by Y") the first verb's agent is the
    clause's."""
    if not (BODY.match(agent) or ROLE_NOUN.match(agent) or _GENERIC_AGENT.match(agent)
            or any(re.match(rf"{re.escape(a)}\b", agent) for a in bodies or {})):
        return None
    # (and a second participle without an agent of its own: "reviewed by X and summarised for Y" is X's)
    by = re.split(r"\s+(?:and|or)\s+(?:then\s+)?(?:\w+ly\s+)?(?:[\w\-]+(?:ed|en)(?:\s+(?:off|out|up))?\s+by\b|"
                  r"[a-z][a-z\-]+(?:ed|en)\b)", agent)[0].rstrip(" .")
    # a condition after the agent names no one who acts: "made by the risk chief without approval by the Board"
    by = re.split(r"\s+(?:without|unless|subject\s+to|if|when|once|after|before|within)\b", by)[0]
    # who advises or is consulted is not who acts: "made by the CEO on the advice of the Board"
    by = re.split(r"\s+(?:on|upon|after|following|with)\s+(?:the\s+)?(?:advice|recommendation|input|consultation)\b|"
                  r"\s+in\s+consultation\s+with\b", by)[0]
    generic = _GENERIC_AGENT.match(by)
    return actor_for(f"the {generic.group(0)}" if generic else by, org, bodies)


# where a duty sits with a body: "Final approval rests with the Safety Council", "X is the responsibility of the
# risk chief"
_DUTY_WITH = re.compile(
    r"\b(?:(?:rests?|lies?|sits?|resides?)\s+with|(?:is|are)\s+(?:the\s+)?(?:sole\s+|primary\s+|joint\s+)?"
    r"(?:responsibility|remit|duty)\s+of)\s+(?:the\s+|our\s+)?(?P<agent>[^,;.()]{2,80})",
    re.I,
)
# a named body as the subject of a present-tense statement ("The Safety Council has final authority over X", "The
# SRB reviews each report")
_BODY_SUBJECT = re.compile(r"^(?:the\s+|our\s+)?(?P<agent>[^,;.()]{2,60}?)(?:\s*\([A-Z][A-Za-z]{1,7}\))?\s+"
                           r"(?:(?:also|then|\w+ly)\s+)?"
                           r"(?:has|have|is|are|[a-z]{3,}s)\s")


_MEMBERS_OF = re.compile(
    r"(?:(?:one\s+or\s+more|an?|any|each|some|several|two|three)\s+)?members?\s+of\s+(?:the\s+|our\s+)?", re.I)
# (the body's name ends with a word for a group or a capitalised word, before its verb)
_MEMBERS_SUBJECT = re.compile(r"(?P<agent>[^,;.()]{0,60}?\b(?:(?i:team|committee|council|board|panel|group|function)|"
                              r"[A-Z][\w\-]*))\s+(?:(?:also|then|\w+ly)\s+)?[a-z]{3,}\s")


def present_agent_actor(clause: str, org: str, bodies: dict[str, str] | None = None) -> str | None:
    """The body that acts in a statement with no modal verb, or None: the "by" agent of a present-tense passive, the
    body a duty rests with, or a named body as the subject."""
    for rx in (_PRESENT_BY_AGENT, _DUTY_WITH):
        m = rx.search(clause)
        if m is not None:
            return agent_actor(m.group("agent"), org, bodies)
    m = _BODY_SUBJECT.match(clause)
    if m is not None and (BODY.fullmatch(m.group("agent")) or m.group("agent") in (bodies or {})
                          or org_department(m.group("agent"), org)):
        return actor_for(m.group("agent"), org, bodies)
    # its members act for it ("One or more members of the response team then lead X")
    members = _MEMBERS_OF.match(clause)
    m = _MEMBERS_SUBJECT.match(clause, members.end()) if members is not None else None
    if m is not None:
        return actor_for(clause[: m.end("agent")], org, bodies)  # read as the subject of a modal verb is
    return None


# "This includes:" right after a commitment: the list that follows spells out what it commits to
_ELABORATION = re.compile(
    r"^(?:this|these|it|that|which)\s+(?:also\s+)?(?:includes?|involves?|entails?|comprises?|consists\s+of|covers?|"
    r"means|requires?)(?:\s+the\s+following)?\s*:\s*$",
    re.I,
)


# a negative purpose after the committed action: "so that a model does not X", "to ensure that models will not Y"
_NEGATIVE_PURPOSE = re.compile(
    r",?\s+(?P<purpose>(?:so\s+that|to\s+(?:ensure|make\s+sure)\s+that|in\s+order\s+that|ensuring\s+that)\s+"
    r"(?:[^,;:]{1,120}?\s)?(?:do(?:es)?\s+not|don[’']t|doesn[’']t|will\s+not|won[’']t|cannot|can\s*not|can[’']t|"
    r"never|(?:is|are)\s+not)\b[^;]*)$",
    re.I,
)


# an effort whose object is the purpose itself ("we will work to ensure that X does not Y"): no action of its own
# stands before the purpose, so the sentence stays one commitment
_EFFORT_ONLY = re.compile(
    r"\s*(?:(?:also|continue\s+to|continues\s+to)\s+)?(?:work|works|working|strive|strives|aim|aims|seek|seeks|try|"
    r"tries|endeavou?rs?|do\s+(?:our|its|their)\s+best)\s*",
    re.I,
)


# a lead-in that names who is responsible for its list ("A member of the team will be named who is responsible for
# sending the following ..."): that role acts in each item
_RESPONSIBLE_LEAD = re.compile(
    r"^(?:an?|the|our)\s+(?P<np>[\w’'\- ]{2,60}?)\s+(?:will\s+be\s+[\w\-]+\s+)?(?:who|that)\s+"
    r"(?:is|will\s+be|shall\s+be)\s+responsible\s+for\s+[a-z]+ing\b",
    re.I,
)


# a sentence whose subject points back to what the sentence before set up ("These measures may include X", "Such a
# change will require Y")
_ANAPHORIC_SUBJECT = re.compile(
    r"(?:these|this|such|those)\b(?:\s+[\w\-]+){0,3}?\s+(?:will|would|may|must|should|shall|can)\b", re.I)


# a condition that opens a sentence, up to its comma ("Once a pier is rated unsafe, ...")
_LEADING_CONDITION = re.compile(r"\s*((?:once|if|when|whenever|where|after|upon|following|in\s+the\s+event\s+that)\b"
                                r"[^,;:]{3,150}),", re.I)


# a body's present-tense verb that makes it a receiver, not the one who acts
_RECEIVER_VERB = re.compile(r"receives|gets|is\s+(?:given|sent|shown|told)", re.I)


_STAGE_SPAN = 40  # units a stage opener can scope when no heading ends it


@dataclass
class ScanState:
    """What the scan carries from one unit to the next (the document's units, sections and bodies stay fixed)."""

    text: str
    org: str
    units: list[Unit]
    bodies: dict[str, str]  # the acronyms the document defines for its bodies
    sections: list[int]  # section number of each unit
    addressed: set[int]  # sections that talk to a reader (task prompts, worked examples)
    found: list[Candidate] = field(default_factory=list)
    subject_lead: tuple[int, str] | None = None  # the block of a subject-only lead-in ("We:") and its subject
    subject_scoped: set[int] = field(default_factory=set)  # indexes in `found` whose trigger is their own subject
    # present-tense process statements (unit index, candidate), kept only among commitments
    pending: list[tuple[int, Candidate]] = field(default_factory=list)
    hits: list[int] = field(default_factory=list)  # units that produced a commitment
    lead: LeadIn | None = None  # the lead-in whose list is being read
    block_trigger: tuple[int, str | None] = (-1, None)  # "At Tier-2, ..." opening a paragraph: (block, trigger)
    stage: tuple[int, int, str | None] = (-1, -1, None)  # (section, unit index, trigger) of a stage opener
    body_subject: tuple[int, str] = (-1, "")  # the last named body that was a subject, in its block
    leading: tuple[int, int, str | None] = (-1, -1, None)  # (block, unit index, condition) of a leading condition
    # a condition opening a list item ("(2) If X, pause training. Then analyse ...") scopes the whole item
    # (its own words beat the lead-in's, decision 19): (block, trigger)
    item_trigger: tuple[int, str | None] = (-1, None)
    block_start: int = 0  # offset where the current unit's block starts
    label_block: int = -1  # the last "Label: text" paragraph taken as an item of the list before it
    phases: set[str] = field(default_factory=set)  # phase labels above lists that state a duration
    item_block: int = -1  # the block of the last list item read: its further sentences continue the item
    footnote_block: int = -1  # the block of the last footnote read: its further sentences are the footnote's too
    # a flattened table with a column of measures: (section, unit index) of its header, the row's stage label, and
    # whether the unit before was one of its cells
    measure_table: tuple[int, int] = (-1, -1)
    stage_label: str | None = None
    after_cell: bool = False
    width: float = 0.0  # the body's line width, for telling a table's narrow cells from paragraphs


@dataclass
class UnitScan:
    """What the recognisers know of the unit being read; the last three fields change as its clauses are read."""

    ui: int
    unit: Unit
    section: int
    is_item: bool  # a list item: a bullet, or a "Label: text" paragraph under a lead-in
    strong: bool  # "we will", "we commit", "must", "shall": a definition word elsewhere does not undo it
    descriptive: bool  # a definition, a past fact or an example, with no strong cue
    next_is_item: bool  # a paragraph that ends right before a list introduces it even without a colon
    inherited: str | None  # the trigger a statement without its own takes: its item's, its lead-in's, its stage's
    n_before: int  # how many commitments were found before this unit
    produced: bool = False  # a recogniser took the unit: later recognisers are not tried
    prev_subject: str = ""  # the subject of the previous clause, for an elliptic one ("... and will publish X")
    sentence_trigger: str | None = None  # a leading condition scopes every clause of its sentence

    @property
    def text(self) -> str:
        return self.unit.text


@dataclass
class Clause:
    """One clause of a unit: `cs:ce` as split, `s:e` once trimmed (offsets in the unit's text), `text` = text[s:e]."""

    u: UnitScan
    cs: int
    ce: int
    s: int
    e: int
    text: str


T = TypeVar("T")


@dataclass(frozen=True)
class Recogniser(Generic[T]):
    """One kind of commitment the scan looks for, tried in table order. `attempt` adds what it reads to
    `ScanState.found` and returns True when no later recogniser should be tried on the same unit (or clause)."""

    name: str
    attempt: Callable[[ScanState, T], bool]


# ------------------------------------------------------------------------------------------------- clause recognisers


def _gerund_list(st: ScanState, cl: Clause) -> bool:
    """An inline list of measures after a noun of commitment ("our commitments include limiting X, establishing Y,
    and storing Z"): one `must` commitment of the author per gerund phrase."""
    parts = gerund_items(cl.text)
    if not parts:
        return False
    unit = cl.u.unit
    for ps_, pe_ in parts:
        item = cl.text[ps_:pe_]
        spec = specificity(item, "must")
        st.found.append(
            Candidate(
                quote=" ".join(item.split()),
                actor=st.org,
                modality="must",
                trigger=find_trigger(item, Cue("must", 0, 0, "")),
                safeguard=" ".join(item.split()),
                specificity=spec,
                verifiable=verifiable(item, spec, "must"),
                hint_start=unit.start + cl.s + ps_,
                hint_end=unit.start + cl.s + pe_,
            )
        )
    cl.u.produced = True
    return True


# a clause split off at ", which" (segment.split_clauses: after a body's name)
_WHICH = re.compile(r"which\s+(?=(?:also\s+)?[a-z])")


def _body_ending(before: str, bodies: dict[str, str]) -> str | None:
    """The body whose name ends the text before a ", which" ("... go to the Safety Office, "), or None."""
    tail = before.rstrip()
    if not tail.endswith(","):
        return None
    tail = tail[:-1].rstrip()
    named = [m for m in BODY.finditer(tail) if m.end() == len(tail)]
    if named:
        return named[-1].group(1)
    acronym = re.search(r"\b([A-Z]{2,6})$", tail)
    return acronym.group(1) if acronym is not None and acronym.group(1) in bodies else None


# a subject that opens a clause joined to the one before ("..., and we", "..., but the Board")
_JOINED_SUBJECT = re.compile(
    r"(?:and|but)\s+(?=(?:we|it|they|this|these|(?:the|our)(?:\s+[\w\-]+){1,4}|(?-i:[A-Z][\w\-]*)(?:\s+(?-i:[A-Z][\w\-]*)){0,3})"
    r"\s*$)", re.I)
_OPENS_WITH_CONDITION = re.compile(r"\s*(?:if|when|whenever|once|where|unless|while|after|before|as)\b", re.I)


def _modal_cue(st: ScanState, cl: Clause) -> bool:
    """A modal cue whose subject is the author, one of its bodies or its process ("we will", "the Board must",
    "evaluations will be run"; `find_cue`): one commitment per action of the verb, unless the clause is a
    definition, a past fact or an example; a clause that ends in a colon or names "the following" opens a
    lead-in whose list items are the commitments."""
    u, unit, org, bodies = cl.u, cl.u.unit, st.org, st.bodies
    u_text, s, e, clause = u.text, cl.s, cl.e, cl.text
    # a clause after a semicolon, or a list item in lower case ("- the board reviews X;"), starts as a sentence does:
    # read it capitalised, as the subject patterns expect (same length, so the offsets hold)
    probe = clause[:1].upper() + clause[1:] if (cl.cs > 0 or u.is_item) and re.match(r"(?:the|our)\s", clause) else (
        clause)
    relative = _WHICH.match(clause)
    body = _body_ending(u_text[:s], bodies) if relative is not None else None
    if body is not None and relative is not None:
        # "Reports go to the Safety Office, which may order X": the relative clause split off after a body is the
        # body's own act; read it with the body as its subject, then map the cue back onto the clause
        shift = len(body) - relative.end()
        found = find_cue(body + " " + clause[relative.end() :], org, "", bodies)
        cue = None if found is None or found.start < len(body) else replace(
            found, start=found.start - shift - 1, end=found.end - shift - 1, subject=body)
    else:
        cue = find_cue(
            probe, org, u.prev_subject or (st.body_subject[1] if st.body_subject[0] == unit.block else ""), bodies
        )
    if cue is not None and probe is not clause and clause.startswith(cue.subject[:1].lower() + cue.subject[1:]):
        cue = replace(cue, subject=clause[: len(cue.subject)])  # the subject as the text writes it
    if cue is None:
        forecaster = FORECASTER.match(clause)
        if forecaster is not None:
            # "We expect the field will advance and will continue to X": the forecast binds nothing, but the author
            # who makes it is the subject of the verb that follows it
            u.prev_subject = forecaster.group(1)
        return False
    u.prev_subject = cue.subject
    joined = _JOINED_SUBJECT.match(cue.subject)
    at = clause.rfind(cue.subject, 0, cue.start) if joined is not None else -1
    if joined is not None and at > 0 and re.search(r"[,;]\s*$", clause[:at]) and len(clause[:at].split()) >= 3 \
            and not _OPENS_WITH_CONDITION.match(clause):
        # "Dockers can report X, and we do not tolerate Y": the author's clause after the conjunction is the
        # commitment; what stands before it is another clause, with its own subject
        k = at + joined.end()
        s += k
        clause = u_text[s:e]
        cue = replace(cue, start=cue.start - k, end=cue.end - k, subject=cue.subject[joined.end() :])
    example = _TRAILING_EXAMPLE.search(clause, cue.end)
    if example is not None and len(clause[cue.end : example.start()].split()) >= 2:
        # "we expect updates to be incremental, for example adding ...": the example is not the commitment
        e = s + example.start()
        clause = u_text[s:e]
    reason = _TRAILING_REASON.search(clause, cue.end)
    if reason is not None and len(clause[cue.end : reason.start()].split()) >= 3:
        # "we use X to guide Y as they offer Z": the author's reason is no part of what it commits to
        e = s + reason.start()
        clause = u_text[s:e]
    if BODY.search(cue.subject) or (ROLE_NOUN.search(cue.subject) and st.body_subject[0] != unit.block):
        # (an unnamed role, "a designated member of staff", is the body the paragraph already named)
        st.body_subject = (unit.block, cue.subject)
    nc = NOT_COMMITMENT.search(clause)
    if nc is not None and nc.start() < cue.start + 40 and not u.strong:
        return True  # a definition, a past fact or an example, not a promise
    if PAST.search(clause[: cue.start]) and not re.search(r"\b(?:if|when|once)\b", clause[: cue.start], re.I):
        return True
    if _SORTS_INTO.match(clause, cue.start) or _PARTNER_LIST.search(clause, cue.end):
        # "We sort the risks into two classes:", "We work on standards with bodies such as:": its list names the
        # classes or the partners, not commitments; the clause is the commitment
        pass
    elif u_text[cl.cs : cl.ce].rstrip().endswith(":") or re.search(
        r"\b(?:following|as\s+follows|include)\s*:?\s*$|\bthe\s+following\b", clause, re.I
    ):
        # a lead-in: its items are the commitments
        responsible = _RESPONSIBLE_LEAD.match(clause)
        st.lead = LeadIn(
            # "A lead will be named who is responsible for sharing the following:": the items are that person's
            responsible.group("np") if responsible else actor_for(cue.subject, org, bodies),
            cue.modality,
            find_trigger(clause, cue) or st.block_trigger[1] or st.stage[2],
            unit.block,
            section=u.section,
            kind=bullet_kind(st.text, st.block_start) if unit.is_item else None,
            # under a heading, items that introduce lists of their own make the heading a mere title
            outer=st.lead if unit.is_item and not (st.lead is not None and st.lead.bare) else None,
            objects=names_objects(clause[cue.end :]),
            quantitative=specificity(clause, cue.modality) == "quantitative",
            model_says=model_says(u_text),
            # (a pledge is no description: "we commit to:", "Acme undertakes the following:")
            in_context=cue.in_context and _PLEDGE_VERB.match(clause, cue.start) is None,
        )
        if (
            cue.in_context  # "we foster X through the following activities": no process step of its own
            # "The following safeguards apply to all models:": the subject is the list, the items are the acts
            or (re.match(r"(?:the\s+following|these)\b", cue.subject.strip(), re.I)
                and u_text[cl.cs : cl.ce].rstrip().endswith(":"))
            or len(find_safeguard(clause, cue, None).split()) <= 4
            or _PURE_LEAD.match(clause, cue.end)
            or (_MEASURES_LEAD.match(clause, cue.end) and u_text[cl.cs : cl.ce].rstrip().endswith(":"))
            or not clause[cue.end :].strip(" :")
            # "we will use a range of methods, including:": what the clause commits to is the list itself
            or re.search(r"\b(?:including|such\s+as|namely)\s*:?\s*$", clause)
        ):
            u.produced = True
            return True
    elif u.next_is_item and e >= len(u_text.rstrip()) - 2:
        st.lead = LeadIn(
            actor_for(cue.subject, org, bodies),
            cue.modality,
            find_trigger(clause, cue) or st.block_trigger[1] or st.stage[2],
            unit.block,
            explicit=False,
            section=u.section,
            objects=names_objects(clause[cue.end :]),
            model_says=model_says(u_text),
        )
    purpose = _NEGATIVE_PURPOSE.search(clause, cue.end)
    purpose_span: tuple[int, int] | None = None
    before_purpose = clause[cue.end : purpose.start()] if purpose is not None else ""
    if purpose is not None and before_purpose.split() and not _EFFORT_ONLY.fullmatch(before_purpose):
        # "apply refusal training so that a model does not return X": the negative purpose is a commitment of its
        # own, a prohibition (decisions 17, 43, 51); the main clause ends before it
        purpose_span = (s + purpose.start("purpose"), e)
        e = s + purpose.start()
        clause = u_text[s:e]
    trig = find_trigger(clause, cue)
    if trig is None and inverted_condition(clause) is not None and cue.start >= len(inverted_condition(clause) or ""):
        # "Should a model exceed X, we will Y": the inverted condition is the trigger
        trig = clean_trigger(inverted_condition(clause) or "")
    if trig is not None and is_leading(clause, trig):
        u.sentence_trigger = u.sentence_trigger or trig
    if (trig is None and not u.sentence_trigger and (re.match(r"\s+(?:also|then)\b", clause[cue.end :])
                                                      or (cl.cs == 0 and _ANAPHORIC_SUBJECT.match(clause)))
            and st.leading[:2] == (unit.block, u.ui - 1)):
        # (and a sentence about what the one before set up, "If X, we will run Y. Such evaluations will Z": decision 33)
        # "Before X, we will A. We will also B.", "If X, we will A. We will then B.": "also" and "then" carry the
        # sentence before's condition on (decision 73)
        trig = u.sentence_trigger = st.leading[2]
    # "<Org> designs X, conducts Y, and continues to Z": one commitment per present-tense verb phrase (decision 3)
    actions = cue_actions(clause, cue)
    actor = actor_for(cue.subject, org, bodies, clause[: cue.start], clause[cue.end :])
    if u.is_item and st.lead is not None and st.lead.actor and not clause[: cue.start].strip(" -•*"):
        # an item that opens on its verb ("- ensure that X" under "The Officer will:") acts for its lead-in's subject
        actor = st.lead.actor
    if _RECEIVER_VERB.fullmatch(clause[cue.start : cue.end]):
        actor = org or actor  # "The Committee receives every report": it only receives; the author sends (decision 30)
    agent = _BY_AGENT.match(clause, cue.end)
    # ("proposed by A, B, C or D": no one of several bodies is the one who acts; the author is)
    if agent is not None and not re.match(r",\s+(?:the\s+)?[A-Z][^,;.]{1,60},", clause[agent.end() :]):
        actor = agent_actor(agent.group("agent"), org, bodies) or actor
    n_before = len(st.found)
    for a, b in actions:
        if len(actions) > 1 and not (trig is not None and is_leading(clause, trig)):
            # each action of "will A before X, and B" has its own trailing condition
            trig = find_trigger(clause, cue, (max(a, cue.end), b))
        trig = trig or u.sentence_trigger or u.inherited
        part = clause[a:b] if b == len(clause) else clause[a:b].rstrip(" ,;.")
        # a later verb phrase in which the body only receives ("..., and receives a report every quarter"): the author
        # sends it (decision 30)
        part_actor = org if a > 0 and _RECEIVER_VERB.match(part) else actor
        # a second act the subject only aims at ("... and aim to align with X by 2026") is intended, its act the verb
        hedged = HEDGED_PART.match(part) if a > 0 else None
        mod: Modality = "intend" if hedged is not None and cue.modality == "must" else cue.modality
        act = part[part.index(" to ") + 4 :] if hedged is not None else part
        spec = specificity(part, mod)
        st.found.append(
            Candidate(
                quote=" ".join(part.split()),
                actor=part_actor,
                modality=mod,
                trigger=trig,
                safeguard=find_safeguard(part, cue, trig) if a == 0 else safeguard_of(act, trig),
                specificity=spec,
                verifiable=verifiable(part, spec, mod),
                hint_start=unit.start + s + a,
                hint_end=unit.start + s + a + len(part),
            )
        )
    if purpose_span is not None:
        ps, pe = purpose_span
        part = u_text[ps:pe]
        # under a hedge or a recommendation the purpose binds no more than its verb (decision 51)
        pmod: Modality = "must_not" if cue.modality in ("must", "must_not") else cue.modality
        ptrig = trig or u.sentence_trigger or u.inherited
        spec = specificity(part, pmod)
        st.found.append(
            Candidate(
                quote=" ".join(part.split()),
                actor=actor,
                modality=pmod,
                trigger=ptrig,
                safeguard=safeguard_of(part, ptrig),
                specificity=spec,
                verifiable=verifiable(part, spec, pmod),
                hint_start=unit.start + ps,
                hint_end=unit.start + pe,
            )
        )
    if cue.in_context:
        # a present-tense statement with a verb not known as a process step: kept only among commitments
        st.pending.extend((u.ui, c) for c in st.found[n_before:])
        del st.found[n_before:]
    u.produced = True
    return True


def _class_rule(st: ScanState, cl: Clause) -> bool:
    """A rule stated of a class of the author's models or systems, with no modal cue of the author ("Models
    assessed as high risk are subject to further review"): `must` (or `may`), the narrowing class as trigger."""
    u, clause = cl.u, cl.text
    cls = class_rule(clause) if not u.descriptive else None
    if cls is None:
        return False
    ccue, ctrig = cls
    own_class = ctrig is not None
    # (a leading condition before the class: "If X, the model is not deployed unless Y"; not the class itself)
    lead = find_trigger(clause, ccue) if ctrig is None else None
    subject = " ".join(ccue.subject.split())
    if lead is not None and (subject.startswith(lead) or lead.startswith(subject)):
        lead = None
    ctrig = ctrig or lead or u.sentence_trigger or u.inherited
    # the class is the rule's subject: a threshold in it ("models trained with more than 10^26 FLOPs")
    # makes the rule measurable, so it is judged with the class left in
    spec = specificity(clause, ccue.modality, None if own_class else ctrig)
    if own_class:
        st.subject_scoped.add(len(st.found))
    st.found.append(
        Candidate(
            quote=" ".join(clause.split()),
            actor=st.org or "the organisation",
            modality=ccue.modality,
            trigger=ctrig,
            safeguard=safeguard_of(clause[ccue.end :], None),
            specificity=spec,
            verifiable=verifiable(clause, spec, ccue.modality),
            hint_start=u.unit.start + cl.s,
            hint_end=u.unit.start + cl.e,
        )
    )
    u.produced = True
    return True


_SECOND_PARTICIPLE = re.compile(
    r"\s+and\s+(?:(?:then|also|promptly|immediately|regularly)\s+)?"
    rf"(?:{'|'.join(map(re.escape, PROCESS_PARTICIPLES))})\b",
    re.I,
)


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


# ", and <a subject of its own> is/are ...": the start of a second passive step (`process_passive` reads it)
_SECOND_PASSIVE = re.compile(
    r",\s+and\s+(?P<subj>(?:[\w\-’']+\s+){1,4}?)(?:is|are)\s+(?:[a-z]+ly\s+)?(?P<verb>[a-z]+ed)\b(?!\s+(?:to|that)\b)"
)


_DETERMINER = re.compile(r"^(?:the|these|this|such|all|each|every|our)\s+", re.I)


# "and <a subject of its own> <its verb>" inside one list item ("Hosts are patched weekly, and logs are kept",
# "Keys are rotated and staff are briefed", "Doors are locked, and a guard checks badges"): a second statement
# of its own (decision 3). The subject is up to four words none of which is a verb or a linking word; its verb
# a passive, a modal or a present-tense verb of doing
# verbs of doing that are never plural nouns, and those that also are ("logs", "checks"): only the first can show
# that the part before an "and" has a verb of its own (`_FINITE`)
_VERB_ONLY = r"helps?|supports?|ensures?|enables?|provides?|maintains?|prevents?|detects?|guides?|informs?|oversees?"
_VERB_OR_NOUN = r"checks?|reviews?|tracks?|monitors?|records?|logs?|flags?|alerts?"
_DOING_VERB = rf"(?:{_VERB_ONLY}|{_VERB_OR_NOUN})\b"
_OWN_SUBJECT_VERB = (
    r"(?:(?:is|are)\s+(?:[a-z]+ly\s+)?[a-z]+(?:ed|en|wn|ept|ent|ilt)\b(?!\s+(?:to|that|by\s+the\s+following)\b)"
    rf"|(?:will|must|shall|should)\s+(?:also\s+)?[a-z]+|{_DOING_VERB})"
)
_OWN_SUBJECT_CLAUSE = re.compile(
    r"(?:,\s+|\s+)and\s+(?P<subj>(?:(?!(?:and|or|to|of|for|with|that|which|is|are|was|were|be|not|as|in|on|by|"
    r"its|their|it|they|this|these|then|also|when|where|if|while|before|after|until|once|because|since|unless|so)\b)"
    r"(?![a-z]+ed\b)[A-Za-z][\w\-’']*\s+){1,4}?)" + _OWN_SUBJECT_VERB
)
# a verb of the part before the "and", in lower case and never one that is also a plural noun ("logs", "checks")
_FINITE = re.compile(rf"\b(?:is|are|has|have|does|do|will|must|shall|should|can|may|would|{_VERB_ONLY})\b")


def own_subject_parts(clause: str) -> list[tuple[int, int]]:
    """A statement split where "and" opens a second one with its own subject and verb; the part before must hold
    a verb of its own ("Logs and keys are kept" is one subject, not two statements) and each part three words."""
    parts: list[tuple[int, int]] = []
    start = 0
    for m in _OWN_SUBJECT_CLAUSE.finditer(clause):
        before = clause[start : m.start()]
        if len(before.split()) < 3 or _FINITE.search(before) is None or len(clause[m.start("subj") :].split()) < 3:
            continue
        if re.match(r"(?:a|an)\s", m.group("subj"), re.I):
            continue  # "and an X must" is rare as a statement and common as an object's description
        parts.append((start, len(clause[: m.start()].rstrip(" ,;"))))
        start = m.start("subj")
    parts.append((start, len(clause)))
    return parts


def _bare_subject(subject: str) -> str:
    """A passive step's subject without its determiner, as the safeguard names it ("access logs reviewed ...")."""
    return _DETERMINER.sub("", subject)


def _passive_candidates(
    clause: str, org: str, bodies: dict[str, str], offset: int, ui: int
) -> list[tuple[int, Candidate]]:
    """A present-tense passive process statement as one candidate, or two when a second participle with its own
    complement follows ("Alerts are triaged quickly and escalated to the lead")."""
    passive_cue = process_passive(clause)
    cue = passive_cue or process_statement(clause)
    if cue is None:
        return []
    subj = cue.subject
    subj_bare = _bare_subject(subj)
    parts = [(0, len(clause), cue.start, subj_bare)]
    passive = passive_cue is not None
    second = (_SECOND_PARTICIPLE if passive else _SECOND_STEP).search(clause[cue.end :])
    # "Pipes are checked for leaks, and valve logs are reviewed": a second passive step with a subject of
    # its own is a commitment of its own (decision 3)
    other = _SECOND_PASSIVE.search(clause, cue.end) if passive else None
    if (other is not None and clause[cue.end : other.start()].strip()
            and (second is None or other.start() < cue.end + second.start())):
        parts = [(0, other.start(), cue.start, subj_bare)]
        second_subj = _bare_subject(other.group("subj").strip())
        parts.append((other.start("subj"), len(clause), other.start("verb"), second_subj))
    elif second is not None and clause[cue.end : cue.end + second.start()].strip() and not re.search(
            r"\b(?:including|such\s+as|e\.g\.)\b", clause[cue.end : cue.end + second.start()], re.I):
        # (not inside a list of examples: "receive safeguards, including interlocks and restricted deployment")
        cut = cue.end + second.start()
        s2 = cue.end + second.end() - len(second.group(0).split()[-1])
        parts = [(0, cut, cue.start, subj_bare), (s2, len(clause), s2, subj_bare)]
    out: list[tuple[int, Candidate]] = []

    def acting(after: str) -> str:
        """Who does the step, read in the words after its verb."""
        agent = re.search(r"\bby\s+(?:the\s+|our\s+)?([^,;]{2,60}?)(?=\s+(?:and|or)\s+(?:then\s+|also\s+)?"
                          r"[a-z]+(?:ed|en)\b|[,;]|$)", after)
        own = own_agent(after, bodies)
        if own is not None and own[:1].isupper() and re.search(r"\s(?:and|of|for|on|&)\s", own):
            return own  # a body's name as written, inner "and"/"of" included ("the Trust and Safety Council")
        if agent is not None and (by := agent_actor(agent.group(1), org, bodies)) is not None:
            return by  # a named body or a team as the "by" agent ("by the Release Council", "by the security team")
        if own is not None:
            return actor_for(own, org, bodies) or org or "the organisation"
        return org or "the organisation"

    # each step of two is done by its own agent ("X is tested before release, and results are reviewed by Y")
    whole = acting(clause[cue.end :]) if len(parts) == 1 else None
    for a, b, v, part_subj in parts:
        actor = whole or acting(clause[cue.end if a == 0 else v : b])
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
                    # a body's step written actively, the subject its object ("reviewed by the Office": "review the
                    # plan"), as a modal passive's is (fields.active_act, decision 29)
                    safeguard=(passive and active_act(f" {action}", subj if a == 0 else part_subj)) or (
                        f"{part_subj} {action}".strip()),
                    specificity=spec,
                    verifiable=verifiable(text, spec, cue.modality),
                    hint_start=offset + a,
                    hint_end=offset + a + len(text),
                ),
            )
        )
    return out


def _by_named_body(after_verb: str, bodies: dict[str, str]) -> bool:
    """Does a "by" agent right after the participle name one of the author's bodies ("by the Release Council")?"""
    m = re.match(r"\s+(?:\w+ly\s+)?by\s+(?:the\s+|our\s+|its\s+)?(?P<agent>[^,;.()]{2,80})", after_verb)
    return (m is not None and BODY.match(m.group("agent")) is not None) or own_agent(after_verb, bodies) is not None


# a frequency right after a passive step's participle
_SCHEDULE = re.compile(rf"\s+(?:at\s+least\s+)?{FREQUENCY}\b", re.I)


def _process_statement(st: ScanState, cl: Clause) -> bool:
    """A present-tense statement of the author's process with no modal verb ("Access logs are reviewed weekly",
    "Each review includes a written record"): kept aside and accepted at the end only among other commitments
    (`accept_in_context`), since the same form also describes the world; the framework itself doing a step of its
    process ("This framework monitors X") is taken at once."""
    u, clause = cl.u, cl.text
    # (a clause after a semicolon is a statement of its own: "X shall be encrypted; access requires Y")
    own = u.strong and u.text[: cl.cs].rstrip().endswith(";") and _STRONG.search(clause) is None
    if not u.descriptive and (not u.strong or own):
        pcands = _passive_candidates(clause, st.org, st.bodies, u.unit.start + cl.s, u.ui)
        # a leading condition scopes every clause of its sentence ("Once X, its logs are stored in Y, access is
        # limited to Z, and every access is logged"), as it does the modal clauses
        lead = _LEADING_CONDITION.match(u.text) if cl.cs > 0 and not u.sentence_trigger else None
        for _, c in pcands:
            if c.trigger is not None and cl.cs == 0 and is_leading(clause, c.trigger):
                u.sentence_trigger = u.sentence_trigger or c.trigger
            elif c.trigger is None and cl.cs > 0:
                c.trigger = u.sentence_trigger or (clean_trigger(lead.group(1)) if lead is not None else None)
        step = process_statement(clause) if pcands and process_passive(clause) is None else None
        passive = process_passive(clause) if pcands else None
        by_body = passive is not None and _by_named_body(clause[passive.end :], st.bodies)
        # "Each model release undergoes an outside penetration test": the author puts its own models through a step
        undergoes = passive is not None and clause[passive.start : passive.end].lower().startswith("undergo") and (
            _OWN_ARTEFACT.search(passive.subject) is not None)
        # "Evaluations are repeated at least every six months": a step on a schedule is the author's routine
        scheduled = passive is not None and _SCHEDULE.match(clause, passive.end) is not None
        if by_body or undergoes or scheduled or (
            step is not None and _DOCUMENT_STEP.match(step.subject) and _DOCUMENT_STEP_VERB.match(clause, step.start)
        ):
            # a step one of the author's named bodies performs ("X is reviewed by the Release Council") binds as the
            # body's role does ("The Release Council reviews X")
            st.found.extend(c for _, c in pcands)
            u.produced = True
        else:
            st.pending.extend(pcands)
    return True


_STRONG = re.compile(r"\b(?:we\s+will|we\s+commit|must|shall)\b", re.I)


# tried in this order on each clause of a unit; the first that takes the clause ends its reading
CLAUSE_RECOGNISERS: tuple[Recogniser[Clause], ...] = (
    Recogniser("gerund list", _gerund_list),
    Recogniser("modal cue", _modal_cue),
    Recogniser("class rule", _class_rule),
    Recogniser("process statement", _process_statement),
)


# --------------------------------------------------------------------------------------------------- unit recognisers


def _inline_enumeration(st: ScanState, u: UnitScan) -> bool:
    """An enumerated list inside one sentence under a commitment ("We will (1) publish X, (2) notify Y"): one
    commitment per item, with the lead-in's actor, modality and trigger."""
    inline = inline_items(u.text, st.org, st.bodies)
    if inline is None:
        return False
    icue, ilead, items = inline
    itrig = find_trigger(ilead, icue) or st.stage[2]
    for a, b in items:
        item = u.text[a:b]
        spec = specificity(item, icue.modality)
        st.found.append(
            Candidate(
                quote=" ".join(item.split()),
                actor=actor_for(icue.subject, st.org, st.bodies, ilead[: icue.start]),
                modality=icue.modality,
                trigger=itrig,
                safeguard=safeguard_of(item, itrig),
                specificity=spec,
                verifiable=verifiable(item, spec, icue.modality),
                hint_start=u.unit.start + a,
                hint_end=u.unit.start + b,
            )
        )
    u.produced = True
    return True


def _committed_parts(
    text: str, bounds: list[tuple[int, int]], org: str, bodies: dict[str, str]
) -> list[tuple[int, int]]:
    """The clauses, with "We <verb> X and are committed to Y" cut in two (`committed_split`)."""
    out: list[tuple[int, int]] = []
    for cs, ce in bounds:
        s, _ = trim_clause(text, cs, ce)
        cut = committed_split(text[s:ce], org, bodies)
        if cut is not None:
            out.append((cs, s + cut[0]))
            cs = s + cut[1]
        out.append((cs, ce))
    return out


def _clauses(st: ScanState, u: UnitScan) -> bool:
    """The sentence read clause by clause (split at ";" and at an "and" that starts a new subject and modal), each
    clause offered to `CLAUSE_RECOGNISERS` in order."""
    for cs, ce in _committed_parts(u.text, split_clauses(u.text), st.org, st.bodies):
        s, e = trim_clause(u.text, cs, ce)
        clause = u.text[s:e]
        if len(clause) < 12 and not (ce >= len(u.text.rstrip()) and u.text.rstrip().endswith(":")):
            continue  # (a short lead-in is still one: "We will:")
        cl = Clause(u, cs, ce, s, e, clause)
        for recogniser in CLAUSE_RECOGNISERS:
            if recogniser.attempt(st, cl):
                break
    return u.produced


_LEVEL_CELL = re.compile(
    r"(?:very\s+)?(?:low|medium|moderate|high|critical|severe|minimal|limited|none|n/?a|yes|no|tbd|[-–—])", re.I)


def _table_cell(st: ScanState, u: UnitScan) -> bool:
    """A table cell that states its row's response with a participle and no verb ("Further review required.",
    "Deployment allowed with monitoring"; `cell_response`): the author's, its trigger the row's condition."""
    if u.unit.condition is None or u.descriptive:
        return False
    s, e = trim_clause(u.text, 0, len(u.text))
    clause = u.text[s:e]
    if _LEVEL_CELL.fullmatch(clause.strip(" .;")):
        return False  # a cell that only names a level ("Medium", "High") scores its row; it commits to nothing
    if role_duty(u.unit.condition, u.unit.column, clause):
        # "Chief Risk Officer | Approves every release": the role's duty; its actor is the row's label, and
        # `table_triggers` gives no condition to a cell whose actor is its row's label
        role = " ".join(u.unit.condition.split())
        verb = clause.split()[0]
        trig = find_trigger(clause, Cue("must", 0, len(verb), role))
        spec = specificity(clause, "must", trig)
        st.found.append(Candidate(
            quote=" ".join(clause.split()), actor=role, modality="must", trigger=trig,
            safeguard=safeguard_of(clause.rstrip(" .;"), trig), specificity=spec,
            verifiable=verifiable(clause, spec, "must"), hint_start=u.unit.start + s, hint_end=u.unit.start + e))
        u.produced = True
        return True
    read = cell_response(clause)
    if read is None and response_column(u.unit.column) and (act := negated_act(clause)) is not None:
        read = ("must_not", act)  # "No external deployment" under a column of measures: the act forbidden
    if read is None and response_column(u.unit.column) and cell_measure(clause) and imperative(clause) is None:
        # a cell under a column of responses names its row's measure without a verb ("Restricted access"); an
        # instruction ("Do not share X") is read as one, after this
        read = ("must", clause.rstrip(" .;"))
    if read is None:
        return False
    modality, safeguard = read
    spec = specificity(clause, modality)
    st.found.append(
        Candidate(
            quote=" ".join(clause.split()),
            actor=st.org or "the organisation",
            modality=modality,
            trigger=None,  # the row's condition, given by `table_triggers`
            safeguard=safeguard,
            specificity=spec,
            verifiable=verifiable(clause, spec, modality),
            hint_start=u.unit.start + s,
            hint_end=u.unit.start + e,
        )
    )
    u.produced = True
    return True


# verbs that bind their author to what follows them ("we commit to:", "Acme undertakes the following:")
_PLEDGE_VERB = re.compile(r"(?:commit|pledge|undertake|promise|agree)s?\b", re.I)


_AUTHOR_SENTENCE = re.compile(rf"\W*(?:we|our\s+\w+)\s+{AUTHOR_BINDS}\b", re.I)


def _explicit_lead(st: ScanState) -> LeadIn | None:
    """The lead-in that lends its modality to bare items: an implicit one (a paragraph ending just before a list)
    only when it binds; a "should" paragraph before a list of descriptions does not make them recommendations, and
    a prohibition ("we will not deploy X until Y.") does not make the separate points after it prohibitions."""
    lead = st.lead
    return lead if lead is not None and (lead.explicit or lead.modality in ("must", "intend")) else None


def _imperative(st: ScanState, u: UnitScan) -> bool:
    """An instruction to oneself in a list item, under a lead-in or after a leading condition ("Publish model
    cards", "If X, pause training"): `must` (`must_not` for "do not", "never"), or the lead-in's modality."""
    explicit_lead = _explicit_lead(st)
    if u.descriptive or not (u.is_item or explicit_lead is not None or LEADING_TRIGGER_OK.match(u.text)):
        return False
    if run_in_label(st.units, u.ui):
        return False  # "• Secure hosts. Operators use ...": the item's name, its measure follows
    u_text, unit, lead = u.text, u.unit, st.lead
    s, e = trim_clause(u_text, 0, len(u_text))
    imp = imperative(u_text[s:e])
    if imp is not None and (u.is_item or explicit_lead is not None or imp[1]):
        clause = u_text[s:e]
        negated = re.match(r"^(?:\S+\s+)?(?:do\s+not|never)\b", clause[imp[0] :], re.I)
        modality: Modality = "must_not" if negated else "must"
        if lead is not None and lead.modality != "must":
            modality = lead.modality
        inherited = imp[1] or st.item_trigger[1] or (lead.trigger if lead else None) or st.stage[2]
        u.sentence_trigger = u.sentence_trigger or imp[1]
        for a, b in split_actions(clause, imp[0]):
            part = clause[a:b] if b == len(clause) else clause[a:b].rstrip(" ,;.")
            # an item's own trailing condition beats what it would inherit ("Delay X until Y", DECISIONS 19): read
            # after its verb only, so an opener the imperative passed over adds nothing; an "until"/"unless" clause
            # yields to an inherited condition or its table row's (DECISIONS 48), and so does a class of models
            # ("for each new model"), which only narrows the object when the item has a condition already
            own = None if imp[1] else find_trigger(part[imp[0] if a == 0 else 0 :], Cue(modality, 0, 0, ""))
            if own and (inherited or unit.condition) and re.match(r"(?:until|unless|for)\b", own, re.I):
                own = None
            trig = own or inherited
            spec = specificity(part, modality)
            st.found.append(
                Candidate(
                    quote=" ".join(part.split()),
                    actor=lead.actor if lead else st.org,
                    modality=modality,
                    trigger=trig,
                    safeguard=safeguard_of(part[imp[0] :] if a == 0 else part, trig),
                    specificity=spec,
                    verifiable=verifiable(part, spec, modality),
                    hint_start=unit.start + s + a,
                    hint_end=unit.start + s + a + len(part),
                )
            )
        u.produced = True
    return u.produced


# an item's label ("Cable wear: wear that would ...")
_ITEM_LABEL = re.compile(r"^\W*[^:;.]{1,60}:\s")


def _labelled_description(item: str, clause: str) -> bool:
    """A labelled item whose text goes on in lower case with no act ("Cable wear: wear that would snap a cable"), under
    a lead-in that lists things looked at: it defines its label (decision 40); an instruction or a gerund ("Cable
    wear: replace cables yearly", "Cable wear: checking cables yearly") acts, and so does a sentence of its own."""
    first = re.match(r"[a-z]+", clause)  # (a capital after the label opens a sentence: "Mapping: Describe X")
    return (_ITEM_LABEL.match(item) is not None and first is not None and first.group(0) not in ACT_VERBS
            and imperative(clause[:1].upper() + clause[1:]) is None
            # (a gerund is an act too: "Threat models: within X, identifying Y")
            and re.match(r"(?:[^,;]{0,80},\s*)?(?:[a-z]+ly\s+)?[A-Za-z]+ing\b", clause) is None
            and re.search(r"\b(?:we|our|us|will|shall|must|should|commit\w*)\b", clause, re.I) is None)


def _bare_item(st: ScanState, u: UnitScan) -> bool:
    """A list item with no cue of its own under a binding lead-in ("- Publication of model cards"): the lead-in's
    actor and modality. It does not count as produced, so the lead-in steps after the recognisers still read the
    item (one ending in a colon ends the lead-in; one can introduce a sub-list)."""
    lead = _explicit_lead(st)
    if u.descriptive or lead is None or not u.is_item or lead.in_context or lead.model_says:
        return False
    unit, units, ui = u.unit, st.units, u.ui
    if u.text.rstrip().endswith(":"):
        return False  # a label or a lead-in of its own ("Objective:"), no measure
    if lead.row is not None and u.text.lstrip()[:1].islower():
        return False  # the rest of a cell a page break cut: the cell is quoted by its longer part (decision 123)
    s, e = trim_clause(u.text, 0, len(u.text))
    clause = u.text[s:e]
    # a short name is a measure only as a whole item: before a description in the same item it is the item's label
    whole_item = (ui == 0 or units[ui - 1].block != unit.block) and (
        ui + 1 == len(units) or units[ui + 1].block != unit.block
    )
    if (
        (len(clause.split()) >= 3 or (whole_item and not lead.objects and short_measure(clause)))
        and not describes_state(clause)
        and not (lead.objects and (describes_object(clause) or _labelled_description(u.text, clause)))
        # items this rule set did not take before (under a heading, or without a bullet) must state a measure
        and (not (lead.bare or not unit.is_item) or states_measure(clause))
    ):
        modality = lead.modality
        if st.subject_lead is not None and st.subject_lead[0] == lead.block:
            # the item's own modal under "We:" ("May share X" is `may`), the lead-in's `must` otherwise
            cue = item_cue(clause, st.subject_lead[1], st.org, st.bodies)
            modality = cue.modality if cue is not None else modality
        else:
            cue = None
        comma = clause.find(",")
        opens_with_condition = re.match(r"(?:if|unless|in\s+the\s+event)\b", clause, re.I) is not None
        own = clean_trigger(clause[:comma]) if 0 < comma < 120 and opens_with_condition else None
        if cue is not None and own is None:
            own = find_trigger(f"{st.subject_lead[1] if st.subject_lead else ''} {clause}", cue)
        if own is None:
            # the item's own condition after its verb ("Alerts are investigated when X is detected", "Code is
            # reviewed prior to deployment") is nearer than the lead-in's
            own = find_trigger(clause, Cue(modality, 0, 0, ""))
        parts = own_subject_parts(clause) if cue is None else [(0, len(clause))]
        if len(parts) == 1 and cue is None:
            parts = gerund_series(clause) or parts  # "Reviewing X, and proposing Y": two measures
        leading = own if opens_with_condition else None
        for a, b in parts:
            part = clause[a:b]
            # a condition opening the item holds for each of its statements; one after a verb, for its own
            part_own = own if len(parts) == 1 else leading or find_trigger(part, Cue(modality, 0, 0, ""))
            spec = "quantitative" if lead.quantitative else specificity(part, modality)
            st.found.append(
                Candidate(
                    quote=" ".join(part.split()),
                    actor=lead.actor,
                    modality=modality,
                    trigger=part_own or st.item_trigger[1] or lead.trigger or st.stage[2],
                    # (an item's own condition is no part of its act, as for an instruction: `_imperative`)
                    safeguard=safeguard_of(part, part_own) if part_own else " ".join(part.split()).rstrip("."),
                    specificity=spec,
                    verifiable=verifiable(part, spec, modality),
                    hint_start=unit.start + s + a,
                    hint_end=unit.start + s + b,
                )
            )
    return False


_TABLE_SPAN = 150  # units a flattened table can run over (a page break may put paragraphs inside it)


def _measure_cell(st: ScanState, u: UnitScan) -> bool:
    """A cell of a flattened table (Stage | Risks | Mitigations) that names a measure: the author applies it
    (`must`), with its row's stage label as trigger (decision 127). The stage cell's description and the risk cells
    are not units. The table ends at its second heading (a page break may leave its end after the next heading),
    or at a lead-in."""
    unit = u.unit
    if measures_header(st.text, unit):
        st.measure_table, st.stage_label, st.after_cell = (u.section, u.ui), None, True
        u.produced = True
        return True
    section, header = st.measure_table
    if header < 0:
        return False
    if u.section > section + 1 or u.ui - header > _TABLE_SPAN or u.text.rstrip().endswith(":"):
        st.measure_table = (-1, -1)
        return False
    if not st.width:
        lines = sorted(len(ln.strip()) for ln in st.text.split("\n") if ln.strip())
        st.width = max(60.0, 0.9 * lines[int(len(lines) * 0.9)]) if lines else 60.0
    cell = re.split(r"\n\s*\n", u.text)[0]  # a cell glued to the page after it ends at the blank lines
    if not narrow_cell(cell, st.width):
        st.after_cell = False
        return False  # a paragraph of the body: read as any other
    if not unit.is_item:
        u.produced = True  # a stage cell's description is no unit (decision 127)
        if len(cell.split()) < 2:
            return True  # the rest of the header ("Apply")
        prev = st.units[u.ui - 1] if u.ui else None
        nxt = st.units[u.ui + 1] if u.ui + 1 < len(st.units) else None
        label = stage_label(cell) if st.after_cell else None
        # a label opens its row: the stage's description follows it, in its own cell or after it in the same one
        opens_row = label is not None and (
            " ".join(cell.split()) != label
            or (nxt is not None and not nxt.is_item and nxt.block != unit.block and narrow_cell(nxt.text, st.width)))
        if opens_row:
            st.stage_label = label
        elif st.after_cell and prev is not None and prev.is_item:
            _measure_cell_rest(st, prev, unit, cell)  # an item's line the layout set apart ("Management (X) system")
        st.after_cell = False
        return True
    st.after_cell = True
    u.produced = True
    if names_measure(cell):
        _add_measure_cell(st, unit, cell)
    return True


def _measure_cell_rest(st: ScanState, prev: Unit, unit: Unit, cell: str) -> None:
    """The rest of a measure cell the layout split after a line: the measure taken from the item grows to its end, or
    the item and its rest together name a measure the item alone did not."""
    last = st.found[-1] if st.found else None
    end = unit.start + len(cell.rstrip())
    if last is not None and last.hint_start == prev.start:
        last.hint_end = end
        last.quote = " ".join(st.text[prev.start : end].split())
        last.safeguard = last.quote.rstrip(" .")
    elif names_measure(st.text[prev.start : end]):
        _add_measure_cell(st, prev, st.text[prev.start : end])


def _add_measure_cell(st: ScanState, unit: Unit, cell: str) -> None:
    """One measure a table cell names: the author's, with the row's stage label as trigger."""
    s, e = trim_clause(cell, 0, len(cell))
    part = cell[s:e]
    spec = specificity(part, "must")
    st.found.append(
        Candidate(
            quote=" ".join(part.split()),
            actor=st.org or "the organisation",
            modality="must",
            trigger=st.stage_label,
            safeguard=" ".join(part.split()).rstrip(" ."),
            specificity=spec,
            verifiable=verifiable(part, spec, "must"),
            hint_start=unit.start + s,
            hint_end=unit.start + e,
        )
    )


# tried in this order on each unit; the first that produces commitments ends the unit's reading
UNIT_RECOGNISERS: tuple[Recogniser[UnitScan], ...] = (
    Recogniser("measure cell", _measure_cell),
    Recogniser("inline enumeration", _inline_enumeration),
    Recogniser("clauses", _clauses),
    Recogniser("table cell", _table_cell),
    Recogniser("imperative", _imperative),
    Recogniser("bare list item", _bare_item),
)


# ------------------------------------------------------------------------------------------------------------ the scan


def _enter_unit(st: ScanState, ui: int) -> UnitScan | None:
    """Carry the state into unit `ui` (end or open lead-ins, block and stage openers) and read what the recognisers
    need of it; None for a unit the scan skips (a question, a sentence addressed to a reader)."""
    units, org, bodies = st.units, st.org, st.bodies
    unit = units[ui]
    u_text = unit.text
    label = _BODY_LABEL.fullmatch(u_text)
    if label is not None and BODY.fullmatch(label.group("name")):
        # a paragraph run in under a body's name ("Review Officer. There is a designated ... They will ..."): its
        # pronouns stand for that body
        st.body_subject = (unit.block, label.group("name"))
    section = st.sections[ui]
    is_item = unit.is_item or label_item(units, ui, st.lead, st.label_block)
    st.label_block = unit.block if is_item and not unit.is_item else st.label_block
    footnote = not is_item and (FOOTNOTE.match(u_text) is not None or unit.block == st.footnote_block)
    if footnote:
        # a footnote at a page's foot sits inside whatever the page was saying: it neither ends nor opens a list
        st.footnote_block = unit.block
    if is_item:
        st.item_block = unit.block
    if (
        st.lead is not None
        and not is_item
        and not footnote
        and unit.block != st.lead.block
        and unit.block != st.item_block  # a further sentence of an item does not end the list
        and find_cue(u_text, org, bodies=bodies) is not None
    ):
        st.lead = None  # a new paragraph with its own commitment ends the list
    if st.lead is not None and st.lead.section != section:
        st.lead = None  # so does a heading
    if st.lead is not None and st.lead.row is not None and unit.condition != st.lead.row:
        st.lead = None  # a lead-in in a table cell introduces the cells of its row only
    if st.lead is not None and st.lead.bare and not is_item and not footnote and unit.block != st.lead.block:
        st.lead = None  # a list under a heading ends at the next paragraph
    if ui == 0 or units[ui - 1].block != unit.block:
        st.block_start = unit.start
    if st.lead is not None and st.lead.kind and unit.is_item and _ends_sub_list(st, unit):
        # the next sibling of the item that introduced a sub-list (in its own block, or the next line of a list
        # written without blank lines)
        st.lead = st.lead.outer
    if (st.lead is not None and unit.is_item and ui + 1 < len(units) and units[ui + 1].is_item
            and units[ui + 1].block != unit.block and (cond := condition_item(u_text)) is not None):
        # an item that is a condition alone opens a sub-list of the lead-in's responses to it, until its next sibling
        st.lead = LeadIn(st.lead.actor, st.lead.modality, cond, unit.block, section=section,
                         kind=bullet_kind(st.text, st.block_start), outer=st.lead, quantitative=st.lead.quantitative,
                         indent=item_indent(st.text, unit.start))
        return None
    md_heading = heading_before(st.text, units[ui - 1].end if ui else 0, unit.start) if unit.is_item else ""
    if md_heading and requirement_heading(md_heading):  # "## Security requirements" right before a list
        st.lead = LeadIn(actor_for(md_heading, org, bodies), "must", st.stage[2], -1, section=section, bare=True)
    if unit.is_item and (ui == 0 or units[ui - 1].block != unit.block):
        # the first item of a list under a phase or stage label: the label is the items' condition, until another
        # heading or label
        phase = phase_label(st.text, units[ui - 1].end if ui else 0, unit.start, units[ui - 1] if ui else None)
        if phase:
            _enter_stage(st, section, ui, phase)
        elif phase == "" and st.stage[1] >= 0 and units[st.stage[1]].is_item:
            st.stage = (-1, -1, None)
    elif (not unit.is_item and u_text.rstrip().endswith(":") and (ui == 0 or units[ui - 1].block != unit.block)
          and ui + 1 < len(units) and units[ui + 1].is_item):
        # a lead-in right under a phase heading ("## Before any release" / "Acme will:"): the phase is its items'
        # condition, as it is for items right under it
        phase = phase_label(st.text, units[ui - 1].end if ui else 0, unit.start, None)
        if phase:
            _enter_stage(st, section, ui, phase)
    elif not unit.is_item and (ui == 0 or units[ui - 1].block != unit.block):
        # the paragraph right under a heading that is a condition ("### When a model is deployed" / "We monitor X.")
        heading = phase_label(st.text, units[ui - 1].end if ui else 0, unit.start, None)
        if condition_heading(heading):
            _enter_stage(st, section, ui, heading or "")
    if unit.block != st.block_trigger[0]:
        opener = LEADING_TRIGGER_OK.match(u_text)
        comma = u_text.find(",")
        st.block_trigger = (unit.block, clean_trigger(u_text[:comma]) if opener and 0 < comma < 80 else None)
        stage_trig = stage_opener(u_text) if not is_item else None
        if stage_trig:
            st.stage = (section, ui, stage_trig)
    if st.stage[0] != section or ui - st.stage[1] > _STAGE_SPAN:
        st.stage = (-1, -1, None)
    if section in st.addressed and not re.search(r"\b(?:we|our)\b", u_text, re.I):
        return None
    strong = _STRONG.search(u_text) is not None
    descriptive = not strong and (NOT_COMMITMENT.search(u_text) is not None
                                  or (unit.condition is not None and descriptive_column(unit.column)))
    if u_text.rstrip().endswith("?") or BUSINESS_INTRO.match(u_text):
        return None  # a question, or the author introducing its business
    # a paragraph that ends right before a list introduces it even without a colon (a table's cells need a colon)
    nxt = units[ui + 1] if ui + 1 < len(units) else None
    next_is_item = (nxt is not None and nxt.is_item and nxt.condition is None and not is_item and not footnote
                    and nxt.block != unit.block)
    if st.item_trigger[0] != unit.block:
        st.item_trigger = (-1, None)
    # what a unit lacks comes from its item, then its lead-in, then the stage it is in
    # a stage opener scopes its own paragraph and the list items under it, not the paragraphs after it
    stage_here = st.stage[2] if is_item or units[st.stage[1]].block == unit.block else None
    # (an implicit lead-in, a sentence before the list, does not lend its condition to an item that is a sentence of
    # the author's own: "We will retain X." after "If X, we will not Y." is no response to X)
    lends = st.lead is not None and is_item and (st.lead.explicit or not _AUTHOR_SENTENCE.match(unit.text))
    inherited = st.item_trigger[1] or (st.lead.trigger if st.lead is not None and lends else None) or stage_here
    return UnitScan(ui, unit, section, is_item, strong, descriptive, next_is_item, inherited, len(st.found))


def _enter_stage(st: ScanState, section: int, ui: int, phase: str) -> None:
    """A phase label becomes the condition of the items under it; one that states a duration is their deadline."""
    st.stage = (section, ui, phase)
    if phase_deadline(phase):
        st.phases.add(phase)


def _ends_sub_list(st: ScanState, unit: Unit) -> bool:
    """Is this item the next sibling of the item that opened the current sub-list (or an item further out)? Its
    enumerator is the lead item's; where the lead item's indentation is known, an item indented deeper is in the
    sub-list whatever its mark, and one indented less is further out."""
    assert st.lead is not None
    if st.lead.indent < 0:
        return bullet_kind(st.text, unit.start) == st.lead.kind
    indent = item_indent(st.text, unit.start)
    return indent < st.lead.indent or (indent == st.lead.indent and bullet_kind(st.text, unit.start) == st.lead.kind)


def _lead_in_after(st: ScanState, u: UnitScan) -> None:
    """A unit no recogniser took can still open a list: "This includes:" right after a commitment (its items spell
    the commitment out), or a requirement heading or "Examples of our safeguards include:" (its items are
    required measures); a colon that opened no list ends the lead-in."""
    units, unit, ui, u_text = st.units, u.unit, u.ui, u.text
    prior_lead = st.lead
    in_row = st.lead is not None and st.lead.row is not None and st.lead.row == unit.condition
    if u_text.rstrip().endswith(":") and not u.produced and not in_row:
        st.lead = None  # (a label cell of the lead-in's row, "Objective:", does not end it)
    if not u.produced and not u.descriptive:
        sub_list = ui + 1 < len(units) and units[ui + 1].is_item and units[ui + 1].block != unit.block
        prev = st.found[-1] if st.hits and st.hits[-1] == ui - 1 and units[ui - 1].block == unit.block else None
        if sub_list and prev is not None and _ELABORATION.match(u_text):
            # "Align to industry frameworks. This includes: (a) ..., (b) ...": the items spell out that commitment
            # (after "X will only be deployed with safeguards that Y", the items are the safeguards it requires: the
            # "only" forbids the rest, it does not forbid them)
            only = prev.modality == "must_not" and re.search(r"\bonly\b", prev.quote, re.I) is not None
            st.lead = LeadIn(
                prev.actor,
                "must" if only else prev.modality,
                prev.trigger,
                unit.block,
                section=u.section,
                bare=True,
                kind=bullet_kind(st.text, st.block_start) if unit.is_item else None,
                outer=prior_lead if unit.is_item else None,
            )
        elif u.next_is_item and (subj := subject_lead(u_text, st.org)) is not None:
            # "We:" over a list of predicates ("- Are publishing X", "- Will review Y"): each item is the author's
            st.subject_lead = (unit.block, subj)
            st.lead = LeadIn(
                st.org or "the organisation",
                "must",
                st.block_trigger[1] or st.stage[2],
                unit.block,
                section=u.section,
            )
        elif u.next_is_item and goal_lead(u_text):
            st.lead = LeadIn(st.org or "the organisation", "intend", st.block_trigger[1] or st.stage[2], unit.block,
                             section=u.section)
        elif (u.next_is_item or _cell_lead(units, ui)) and (
            requirement_heading(u_text) or example_measures(u_text) is not None or own_measures(u_text)
            or means_lead(u_text, st.org)
        ):
            # the lead-in only introduces its list: a process statement read in it is no commitment of its own
            while st.pending and st.pending[-1][0] == ui:
                st.pending.pop()
            st.lead = LeadIn(
                actor_for(u_text.split(":")[0], st.org, st.bodies),
                "may" if offered_measures(u_text) else "must",
                example_measures(u_text) or st.block_trigger[1] or st.stage[2],
                unit.block,
                section=u.section,
                bare=True,
                row=unit.condition,
            )


def _cell_lead(units: list[Unit], ui: int) -> bool:
    """A table cell ending in a colon before further cells of its row ("Risks are reduced by:"): it introduces
    them as a paragraph does its list; a table's cells are items of no list of their own."""
    unit = units[ui]
    nxt = units[ui + 1] if ui + 1 < len(units) else None
    return (
        unit.condition is not None
        and unit.text.rstrip().endswith(":")
        and nxt is not None
        and nxt.condition == unit.condition
        and nxt.block != unit.block
    )


def _leave_unit(st: ScanState, u: UnitScan) -> None:
    """Record what the unit produced: a hit, pending process statements it quoted whole dropped (or given the
    inherited trigger when it produced nothing else), and a list item's leading condition kept for the item."""
    ui = u.ui
    if len(st.found) > u.n_before:
        st.hits.append(ui)
        # a unit already quoted whole (a list item) holds no further statement
        new = st.found[u.n_before :]
        while st.pending and st.pending[-1][0] == ui and any(overlaps(st.pending[-1][1], c) for c in new):
            st.pending.pop()
    elif st.pending and st.pending[-1][0] == ui:
        for _, c in reversed(st.pending):
            if _ != ui:
                break
            if c.trigger is None:
                c.trigger = u.inherited
    if u.sentence_trigger:
        st.leading = (u.unit.block, ui, u.sentence_trigger)
    if (
        u.is_item
        and u.sentence_trigger
        and st.item_trigger[0] != u.unit.block
        and re.match(r"(?:if|unless|in\s+the\s+event)\b", u.sentence_trigger, re.I)
    ):
        st.item_trigger = (u.unit.block, u.sentence_trigger)


def _finish(st: ScanState, rejected: list[Candidate] | None) -> list[Candidate]:
    """After the last unit: table-row triggers, process statements accepted in context, current practice set aside,
    the verifiable signal, and specificity judged without the trigger."""
    org, units, sections = st.org, st.units, st.sections
    table_triggers(st.found, units)
    keep_spec = {id(st.found[i]) for i in st.subject_scoped}
    if st.pending:
        accepted = accept_in_context(st.pending, st.hits, sections)
        st.found.extend(accepted)
        st.found.sort(key=lambda c: c.hint_start or 0)
        if rejected is not None:
            kept = {id(c) for c in accepted}
            rejected.extend(c for _, c in st.pending if id(c) not in kept)
    described = current_practice_spans(units, sections)
    if described:
        if rejected is not None:
            rejected.extend(c for c in st.found if in_spans(c, described) and not BINDING_WORD.search(c.quote))
        st.found = [c for c in st.found if not in_spans(c, described) or BINDING_WORD.search(c.quote)]
    clip_at_breaks(st.found + (rejected or []), units, st.text)
    for c in st.found:
        c.verifiable_signal = verifiable_signal(c.quote)
        c.verifiable = c.verifiable_signal is not None
        if c.trigger and id(c) not in keep_spec:
            # verifiable keeps the full quote: a number in the condition is still observable (decision 34)
            c.specificity = specificity(c.quote, c.modality, c.trigger)
    if not org:
        for c in st.found:
            c.actor = c.actor or "the organisation"
    return st.found


def extract_text(text: str, org: str, rejected: list[Candidate] | None = None) -> list[Candidate]:
    """The rules' commitments; `rejected`, when given, collects the statements they set aside only for their
    context (process statements with no commitment around them, current practice): candidates for a learned
    decision (`extractor/learn`).

    Each unit is offered to `UNIT_RECOGNISERS` in order (inline enumeration, clauses, table cell, imperative, bare
    list item) until one produces; `clauses` offers each clause to `CLAUSE_RECOGNISERS` (gerund list, modal cue,
    class rule, process statement)."""
    units, headings = segment_with_headings(text)
    sections = section_numbers(text, units)
    st = ScanState(text, org, units, body_acronyms(text), sections, addressed_sections(units, sections))
    for ui in range(len(units)):
        u = _enter_unit(st, ui)
        if u is None:
            continue
        for recogniser in UNIT_RECOGNISERS:
            if recogniser.attempt(st, u):
                break
        _lead_in_after(st, u)
        _leave_unit(st, u)
    found = _finish(st, rejected)
    glossary = glossary_spans(headings, len(text))
    if glossary:
        found = [c for c in found if not in_glossary(c, glossary)]
        if rejected is not None:
            rejected[:] = [c for c in rejected if not in_glossary(c, glossary)]
    for c in found:
        if c.trigger in st.phases and c.specificity == "concrete":
            c.specificity = "quantitative"  # the phase's duration is the items' deadline
    names = body_names(text)
    resolve_short_bodies(found, names)
    resolve_the_team(found, text, org)
    if rejected is not None:
        resolve_short_bodies(rejected, names)
        resolve_the_team(rejected, text, org)
    return found


def has_commitment_cue(text: str, org: str = "") -> bool:
    """Cheap pre-filter for the LLM path: does any sentence of the text carry a commitment cue?"""
    return bool(extract_text(text, org))
