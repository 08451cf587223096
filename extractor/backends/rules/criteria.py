"""Rules the author states of its own models: a decision criterion (a threshold or judgement that what the author
does turns on: "A model is deemed to cross the threshold if X") and a class rule (what happens to a class of its
models: "Models assessed as high risk are subject to further review"). Both bind with no modal verb of their own.
"""

from __future__ import annotations

import re

from ...models import Modality
from .fields import Cue, clean_trigger
from .patterns import LEADING_TRIGGER_OK, PREPOSITION_OPENER, org_pattern
from .segment import subject_start

# A threshold or decision rule stated as the author's own criterion: "Our acceptance criterion for release is keeping
# the attack rate below 2%", "We consider a model safe to deploy when X", "A model is deemed to cross the threshold
# if Y". What the author will do (deploy, release, pause) turns on it, so it binds as `must`; a bare definition of a
# level ("Level 3 is the ability to X") names no judgement of the author's and stays out.
_CRITERION_NOUN = re.compile(
    r"^(?P<subj>(?:our|the|its|{org})\s+)(?:[\w\-]+\s+){{0,3}}?"
    r"(?:(?:acceptance|release|deployment|launch|decision|go|go/no-go|safety|risk)\s+criteri(?:on|a)|"
    r"(?:criteri(?:on|a)|thresholds?|bar)\s+for\s+(?:accept\w*|releas\w*|deploy\w*|launch\w*|proceed\w*|"
    r"continu\w*|(?:safe|acceptable)\s+\w+))"
    r"(?:\s+(?:for|with|of|to)\s+[^,;:]{{1,60}}?)?\s+(?P<verb>is|are)\s+"
    r"(?=(?:that|to|whether|keeping|maintaining|holding|having|achieving|an?|the|no|fewer|less|below|under|above|"
    r"at\s+(?:least|most))\b)",
    re.I,
)


_ARTEFACT = (
    r"(?:(?:a|an|the|any|each|every|our|its|this|such)\s+)?(?:[\w\-]+\s+){0,3}?(?:models?|systems?|checkpoints?|releases?|"
    r"(?:residual\s+)?risks?)"
)


# what the judgement decides: fit for a step of the author's process, or past a level that triggers one
_JUDGED = (
    r"(?:as\s+)?(?:(?:safe|ready|acceptable|fit|suitable|eligible|cleared|appropriate|approved)\s+(?:to|for)\b|"
    r"(?:acceptable|tolerable|sufficiently\s+(?:low|mitigated|reduced)|adequately\s+mitigated)\b|"
    r"to\s+(?:have\s+)?(?:exceed|cross|reach|pass|meet|breach|surpass|satisf[yi])\w*\b|"
    r"(?:above|below|beyond|past|over|under)\s+(?:the|a|an|its|our)\s+(?:[\w\-]+\s+){0,3}?(?:thresholds?|levels?|"
    r"limits?|bars?|tiers?)\b)"
)


_CRITERION_ACTIVE = re.compile(
    rf"^(?P<subj>(?:we|{{org}}))\s+(?:(?:only|also|will\s+only)\s+)?(?P<verb>(?:consider|deem|judge|regard|treat)s?)\s+"
    rf"{_ARTEFACT}\s+(?:[^,;:]{{0,40}}?\s+)?{_JUDGED}",
    re.I,
)


_CRITERION_PASSIVE = re.compile(
    rf"^(?P<subj>{_ARTEFACT}(?:\s+[^,;:]{{0,60}}?)?)\s+(?P<verb>(?:is|are|will\s+be|shall\s+be)\s+(?:only\s+)?"
    rf"(?:deemed|considered|judged|regarded|treated))\s+{_JUDGED}",
    re.I,
)


# a subject that holds a person or a past or hypothetical verb is no model, system or artefact of the author's
_NOT_ARTEFACT_SUBJECT = re.compile(r"\b(?:we|you|they|was|were|had|could|might|would)\b", re.I)


# the condition the judgement turns on
_CRITERION_CONDITION = re.compile(
    r"\b(?:if|when|whenever|once|unless|until|provided|where|only\s+(?:if|when|once))\b", re.I
)


def decision_criterion(clause: str, org: str = "") -> Cue | None:
    """A threshold or decision rule stated as the author's own criterion (`must`; `must_not` with "only when": all
    else is excluded). A judgement of a model needs the condition it turns on; a criterion noun states its value."""
    org_re = org_pattern(org)
    # "For frontier systems, we consider ...", "If X, a model is deemed ...": the criterion after the opener
    start = subject_start(clause, LEADING_TRIGGER_OK, PREPOSITION_OPENER)
    if start is None:
        return None
    rest = clause[start:]
    nominal = re.compile(_CRITERION_NOUN.pattern.format(org=rf"{org_re}[’']s?"), re.I).match(rest)
    if nominal is not None:
        return Cue("must", start + nominal.start("verb"), start + nominal.end("verb"), nominal.group("subj").strip())
    active = re.compile(_CRITERION_ACTIVE.pattern.replace("{org}", org_re), re.I).match(rest)
    m = active or _CRITERION_PASSIVE.match(rest)
    if m is None:
        return None
    if _CRITERION_CONDITION.search(rest, m.end()) is None and not (start and _CRITERION_CONDITION.match(clause)):
        return None
    if m is not active and _NOT_ARTEFACT_SUBJECT.search(m.group("subj")):
        return None
    only = re.search(r"\bonly\b", rest[m.start("verb") : m.end() + 60], re.I) is not None
    modality: Modality = "must_not" if only else "must"
    return Cue(modality, start + m.start("verb"), start + m.end("verb"), m.group("subj").strip())


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
    r"launched|scaled|fine-tuned|open-sourced|published)\b"
    # "A model that has reached a critical level is not deployed until X": a prohibition on the class
    r"|(?P<neg>is|are)\s+(?:not|never)\s+(?:\w+ly\s+)?(?P<npart>deployed|released|trained|shared|made\s+available|"
    r"launched|scaled|open-sourced|published)\b)",
    re.I,
)


# what narrows the class: a relative clause or a participle or "with" phrase right after the head noun
_CLASS_NARROWS = re.compile(
    r"^\s*(?:that|which|who|whose|with|having|[a-z]+ing|[a-z\-]+ed\s+(?:as|on|with|using|by|to|for|at|in|above|beyond)|"
    r"(?:found|shown|known|seen|run|built)\s+(?:as|on|with|using|by|to|for|at|in))\b",
    re.I,
)


def class_rule(clause: str) -> tuple[Cue, str | None] | None:
    """A requirement stated of a class of the author's models or systems, and the class as its trigger when a
    modifier narrows it (a bare "All models" or "frontier models" is the whole class: no condition)."""
    start = subject_start(clause, LEADING_TRIGGER_OK, PREPOSITION_OPENER)
    if start is None:
        return None
    m = _CLASS_RULE.match(clause[start:])
    if m is None:
        return None
    subj = m.group("subj").strip()
    if _NOT_ARTEFACT_SUBJECT.search(subj):
        return None
    modality: Modality = "may" if m.group("may") else "must_not" if m.group("neg") else "must"
    cue_start = start + (m.start("is") if m.group("is") else m.start("neg") if m.group("neg") else m.start("may"))
    cue_end = start + (m.start("npart") if m.group("neg") else m.end())  # (a prohibition's act is its participle)
    narrows = _CLASS_NARROWS.match(subj[m.end("head") - m.start("subj") :]) is not None
    trig = clean_trigger(subj) if narrows and not re.match(r"(?:all|the)\b", subj, re.I) else None
    return Cue(modality, cue_start, cue_end, subj), trig
