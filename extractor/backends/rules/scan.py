"""The scan: the document's units read in order, each offered to the recognisers, with lead-ins, triggers and
subjects carried from one unit to the next.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...models import Candidate, Modality
from ...signals import verifiable_signal
from .context import (
    accept_in_context,
    addressed_sections,
    current_practice_spans,
    in_spans,
    overlaps,
    section_numbers,
    stage_opener,
)
from .cues import Cue, body_acronyms, class_rule, find_cue, imperative, process_passive, process_statement
from .fields import (
    actor_for,
    clean_trigger,
    find_safeguard,
    find_trigger,
    is_leading,
    safeguard_of,
    specificity,
    split_actions,
    verifiable,
)
from .lists import (
    LeadIn,
    bullet_kind,
    describes_state,
    example_measures,
    gerund_items,
    heading_before,
    inline_items,
    label_item,
    requirement_heading,
    states_measure,
    table_triggers,
)
from .patterns import (
    BINDING_WORD,
    BODY,
    FOOTNOTE,
    LEADING_TRIGGER_OK,
    NOT_COMMITMENT,
    PAST,
    PROCESS_PARTICIPLES,
    ROLE_NOUN,
)
from .segment import Unit, segment, split_clauses, trim_clause

# "we make the following procedural commitments", "the following security themes, and ...": only introduces a list
_PURE_LEAD = re.compile(r"\s*(?:[\w\-]+\s+){0,2}?the\s+following(?:\s+[\w\-]+){0,3}\s*(?:[:.,]|$)", re.I)


_TRAILING_EXAMPLE = re.compile(r",\s+(?:for\s+example|for\s+instance|e\.g\.)[,\s]", re.I)


_SECOND_PARTICIPLE = re.compile(
    r"\s+and\s+(?:(?:then|also|promptly|immediately|regularly)\s+)?"
    rf"(?:{'|'.join(map(re.escape, PROCESS_PARTICIPLES))})\b",
    re.I,
)


_BY_AGENT = re.compile(
    r"\s+(?:(?:not|also|then|first|only|always)\s+)*be\s+(?:\w+ly\s+)?[\w\-]+(?:ed|en|wn)\s+by\s+(?:the\s+|our\s+)?"
    r"(?P<agent>[^,;.()]{2,80})"
)


# "This includes:" right after a commitment: the list that follows spells out what it commits to
_ELABORATION = re.compile(
    r"^(?:this|these|it|that|which)\s+(?:also\s+)?(?:includes?|involves?|entails?|comprises?|consists\s+of|covers?|"
    r"means|requires?)(?:\s+the\s+following)?\s*:\s*$",
    re.I,
)


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
    subject_scoped: set[int] = field(default_factory=set)  # indexes in `found` whose trigger is their own subject
    # present-tense process statements (unit index, candidate), kept only among commitments
    pending: list[tuple[int, Candidate]] = field(default_factory=list)
    hits: list[int] = field(default_factory=list)  # units that produced a commitment
    lead: LeadIn | None = None  # the lead-in whose list is being read
    block_trigger: tuple[int, str | None] = (-1, None)  # "At Tier-2, ..." opening a paragraph: (block, trigger)
    stage: tuple[int, int, str | None] = (-1, -1, None)  # (section, unit index, trigger) of a stage opener
    body_subject: tuple[int, str] = (-1, "")  # the last named body that was a subject, in its block
    # a condition opening a list item ("(2) If X, pause training. Then analyse ...") scopes the whole item
    # (its own words beat the lead-in's, decision 19): (block, trigger)
    item_trigger: tuple[int, str | None] = (-1, None)
    block_start: int = 0  # offset where the current unit's block starts
    label_block: int = -1  # the last "Label: text" paragraph taken as an item of the list before it


def extract_text(text: str, org: str, rejected: list[Candidate] | None = None) -> list[Candidate]:
    """The rules' commitments; `rejected`, when given, collects the statements they set aside only for their
    context (process statements with no commitment around them, current practice): candidates for a learned
    decision (`extractor/learn`)."""
    units = segment(text)
    sections = section_numbers(text, units)
    st = ScanState(text, org, units, body_acronyms(text), sections, addressed_sections(units, sections))
    bodies = st.bodies
    for ui, unit in enumerate(units):
        u_text = unit.text
        section = sections[ui]
        is_item = unit.is_item or label_item(units, ui, st.lead, st.label_block)
        st.label_block = unit.block if is_item and not unit.is_item else st.label_block
        footnote = not is_item and FOOTNOTE.match(u_text) is not None
        if (
            st.lead is not None
            and not is_item
            and not footnote
            and unit.block != st.lead.block
            and find_cue(u_text, org, bodies=bodies) is not None
        ):
            st.lead = None  # a new paragraph with its own commitment ends the list
        if st.lead is not None and st.lead.section != section:
            st.lead = None  # so does a heading
        if st.lead is not None and st.lead.bare and not is_item and not footnote and unit.block != st.lead.block:
            st.lead = None  # a list under a heading ends at the next paragraph
        if ui == 0 or units[ui - 1].block != unit.block:
            st.block_start = unit.start
            if st.lead is not None and st.lead.kind and unit.is_item and bullet_kind(text, unit.start) == st.lead.kind:
                st.lead = st.lead.outer  # the next sibling of the item that introduced a sub-list
        md_heading = heading_before(text, units[ui - 1].end if ui else 0, unit.start) if unit.is_item else ""
        if md_heading and requirement_heading(md_heading):  # "## Security requirements" right before a list
            st.lead = LeadIn(actor_for(md_heading, org, bodies), "must", st.stage[2], -1, section=section, bare=True)
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
            continue
        strong = re.search(r"\b(?:we\s+will|we\s+commit|must|shall)\b", u_text, re.I) is not None
        descriptive = not strong and NOT_COMMITMENT.search(u_text) is not None
        if u_text.rstrip().endswith("?"):
            continue
        # a paragraph that ends right before a list introduces it even without a colon
        next_is_item = (
            ui + 1 < len(units) and units[ui + 1].is_item and not is_item and units[ui + 1].block != unit.block
        )
        produced = False
        n_before = len(st.found)
        prev_subject = ""
        if st.item_trigger[0] != unit.block:
            st.item_trigger = (-1, None)
        # what a unit lacks comes from its item, then its lead-in, then the stage it is in
        # a stage opener scopes its own paragraph and the list items under it, not the paragraphs after it
        stage_here = st.stage[2] if is_item or units[st.stage[1]].block == unit.block else None
        inherited = st.item_trigger[1] or (st.lead.trigger if st.lead is not None and is_item else None) or stage_here
        sentence_trigger: str | None = None  # a leading condition scopes every clause of its sentence
        inline = inline_items(u_text, org, bodies)
        if inline is not None:
            icue, ilead, items = inline
            itrig = find_trigger(ilead, icue) or st.stage[2]
            for a, b in items:
                item = u_text[a:b]
                spec = specificity(item, icue.modality)
                st.found.append(
                    Candidate(
                        quote=" ".join(item.split()),
                        actor=actor_for(icue.subject, org, bodies, ilead[: icue.start]),
                        modality=icue.modality,
                        trigger=itrig,
                        safeguard=safeguard_of(item, itrig),
                        specificity=spec,
                        verifiable=verifiable(item, spec, icue.modality),
                        hint_start=unit.start + a,
                        hint_end=unit.start + b,
                    )
                )
            produced = True
        for cs, ce in split_clauses(u_text) if inline is None else []:
            s, e = trim_clause(u_text, cs, ce)
            clause = u_text[s:e]
            if len(clause) < 12:
                continue
            parts = gerund_items(clause)
            if parts:
                for ps_, pe_ in parts:
                    item = clause[ps_:pe_]
                    spec = specificity(item, "must")
                    st.found.append(
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
                clause, org, prev_subject or (st.body_subject[1] if st.body_subject[0] == unit.block else ""), bodies
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
                        st.subject_scoped.add(len(st.found))
                    st.found.append(
                        Candidate(
                            quote=" ".join(clause.split()),
                            actor=org or "the organisation",
                            modality=ccue.modality,
                            trigger=ctrig,
                            safeguard=safeguard_of(clause[ccue.end :], None),
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
                        st.found.extend(c for _, c in pcands)
                        produced = True
                    else:
                        st.pending.extend(pcands)
                continue
            prev_subject = cue.subject
            example = _TRAILING_EXAMPLE.search(clause, cue.end)
            if example is not None and len(clause[cue.end : example.start()].split()) >= 2:
                # "we expect updates to be incremental, for example adding ...": the example is not the commitment
                e = s + example.start()
                clause = u_text[s:e]
            if BODY.search(cue.subject) or ROLE_NOUN.search(cue.subject):
                st.body_subject = (unit.block, cue.subject)
            nc = NOT_COMMITMENT.search(clause)
            if nc is not None and nc.start() < cue.start + 40 and not strong:
                continue  # a definition, a past fact or an example, not a promise
            if PAST.search(clause[: cue.start]) and not re.search(r"\b(?:if|when|once)\b", clause[: cue.start], re.I):
                continue
            if u_text[cs:ce].rstrip().endswith(":") or re.search(
                r"\b(?:following|as\s+follows|include)\s*:?\s*$|\bthe\s+following\b", clause, re.I
            ):
                # a lead-in: its items are the commitments
                st.lead = LeadIn(
                    actor_for(cue.subject, org, bodies),
                    cue.modality,
                    find_trigger(clause, cue) or st.block_trigger[1] or st.stage[2],
                    unit.block,
                    section=section,
                    kind=bullet_kind(text, st.block_start) if unit.is_item else None,
                    # under a heading, items that introduce lists of their own make the heading a mere title
                    outer=st.lead if unit.is_item and not (st.lead is not None and st.lead.bare) else None,
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
                st.lead = LeadIn(
                    actor_for(cue.subject, org, bodies),
                    cue.modality,
                    find_trigger(clause, cue) or st.block_trigger[1] or st.stage[2],
                    unit.block,
                    explicit=False,
                    section=section,
                )
            trig = find_trigger(clause, cue)
            if trig is not None and is_leading(clause, trig):
                sentence_trigger = sentence_trigger or trig
            actions = split_actions(clause, cue.end)
            actor = actor_for(cue.subject, org, bodies, clause[: cue.start])
            agent = _BY_AGENT.match(clause, cue.end)
            if agent is not None and (BODY.match(agent.group("agent")) or ROLE_NOUN.match(agent.group("agent"))):
                # a passive with a named internal body as its "by" agent: that body acts (decision 29)
                actor = actor_for(agent.group("agent"), org, bodies)
            for a, b in actions:
                if len(actions) > 1 and not (trig is not None and is_leading(clause, trig)):
                    # each action of "will A before X, and B" has its own trailing condition
                    trig = find_trigger(clause, cue, (max(a, cue.end), b))
                trig = trig or sentence_trigger or inherited
                part = clause[a:b] if b == len(clause) else clause[a:b].rstrip(" ,;.")
                spec = specificity(part, cue.modality)
                st.found.append(
                    Candidate(
                        quote=" ".join(part.split()),
                        actor=actor,
                        modality=cue.modality,
                        trigger=trig,
                        safeguard=find_safeguard(part, cue, trig) if a == 0 else safeguard_of(part, trig),
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
            st.lead
            if st.lead is not None and (st.lead.explicit or st.lead.modality in ("must", "must_not", "intend"))
            else None
        )
        if (
            not produced
            and not descriptive
            and (is_item or explicit_lead is not None or LEADING_TRIGGER_OK.match(u_text))
        ):
            s, e = trim_clause(u_text, 0, len(u_text))
            imp = imperative(u_text[s:e])
            if imp is not None and (is_item or explicit_lead is not None or imp[1]):
                clause = u_text[s:e]
                negated = re.match(r"^(?:\S+\s+)?(?:do\s+not|never)\b", clause[imp[0] :], re.I)
                modality: Modality = "must_not" if negated else "must"
                if st.lead is not None and st.lead.modality != "must":
                    modality = st.lead.modality
                trig = imp[1] or st.item_trigger[1] or (st.lead.trigger if st.lead else None) or st.stage[2]
                sentence_trigger = sentence_trigger or imp[1]
                for a, b in split_actions(clause, imp[0]):
                    part = clause[a:b] if b == len(clause) else clause[a:b].rstrip(" ,;.")
                    spec = specificity(part, modality)
                    st.found.append(
                        Candidate(
                            quote=" ".join(part.split()),
                            actor=st.lead.actor if st.lead else org,
                            modality=modality,
                            trigger=trig,
                            safeguard=safeguard_of(part[imp[0] :] if a == 0 else part, trig),
                            specificity=spec,
                            verifiable=verifiable(part, spec, modality),
                            hint_start=unit.start + s + a,
                            hint_end=unit.start + s + a + len(part),
                        )
                    )
                produced = True
        if not produced and not descriptive and explicit_lead is not None and is_item:
            st.lead = explicit_lead
            s, e = trim_clause(u_text, 0, len(u_text))
            clause = u_text[s:e]
            if (
                len(clause.split()) >= 3
                and not describes_state(clause)
                # items this rule set did not take before (under a heading, or without a bullet) must state a measure
                and (not (st.lead.bare or not unit.is_item) or states_measure(clause))
            ):
                modality = st.lead.modality
                comma = clause.find(",")
                own = (
                    clean_trigger(clause[:comma])
                    if 0 < comma < 120 and re.match(r"(?:if|unless|in\s+the\s+event)\b", clause, re.I)
                    else None
                )
                spec = specificity(clause, modality)
                st.found.append(
                    Candidate(
                        quote=" ".join(clause.split()),
                        actor=st.lead.actor,
                        modality=modality,
                        trigger=own or st.item_trigger[1] or st.lead.trigger or st.stage[2],
                        safeguard=" ".join(clause.split()).rstrip("."),
                        specificity=spec,
                        verifiable=verifiable(clause, spec, modality),
                        hint_start=unit.start + s,
                        hint_end=unit.start + e,
                    )
                )
        prior_lead = st.lead
        if u_text.rstrip().endswith(":") and not produced:
            st.lead = None
        if not produced and not descriptive:
            sub_list = ui + 1 < len(units) and units[ui + 1].is_item and units[ui + 1].block != unit.block
            prev = st.found[-1] if st.hits and st.hits[-1] == ui - 1 and units[ui - 1].block == unit.block else None
            if sub_list and prev is not None and _ELABORATION.match(u_text):
                # "Align to industry frameworks. This includes: (a) ..., (b) ...": the items spell out that commitment
                st.lead = LeadIn(
                    prev.actor,
                    prev.modality,
                    prev.trigger,
                    unit.block,
                    section=section,
                    bare=True,
                    kind=bullet_kind(text, st.block_start) if unit.is_item else None,
                    outer=prior_lead if unit.is_item else None,
                )
            elif next_is_item and (requirement_heading(u_text) or example_measures(u_text) is not None):
                st.lead = LeadIn(
                    actor_for(u_text.split(":")[0], org, bodies),
                    "must",
                    example_measures(u_text) or st.block_trigger[1] or st.stage[2],
                    unit.block,
                    section=section,
                    bare=True,
                )
        if len(st.found) > n_before:
            st.hits.append(ui)
            # a unit already quoted whole (a list item) holds no further statement
            while (
                st.pending
                and st.pending[-1][0] == ui
                and any(overlaps(st.pending[-1][1], c) for c in st.found[n_before:])
            ):
                st.pending.pop()
        elif st.pending and st.pending[-1][0] == ui:
            for _, c in reversed(st.pending):
                if _ != ui:
                    break
                if c.trigger is None:
                    c.trigger = inherited
        if (
            is_item
            and sentence_trigger
            and st.item_trigger[0] != unit.block
            and re.match(r"(?:if|unless|in\s+the\s+event)\b", sentence_trigger, re.I)
        ):
            st.item_trigger = (unit.block, sentence_trigger)
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
    if agent is not None and (BODY.match(agent.group(1)) or any(agent.group(1).startswith(a) for a in bodies)):
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
