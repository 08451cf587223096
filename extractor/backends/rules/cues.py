"""Cues: where a clause commits its author, and how strongly.

`find_cue` reads a modal verb whose subject is the author (or one of its bodies, or the author's own process in
the passive), and sets aside what only looks like a commitment: another party's duty, a state of the models or of
what the author cannot know, the document describing itself, a taxonomy, a mission, a law's demand of a class of
firms, the verb of a leading or inverted condition. With no modal verb it falls back on the author's decision
criteria (`criteria`) and the present tense of its own process (`process`). `imperative` reads an instruction to
oneself; `subject_lead` and `item_cue` read items under a lead-in that is the author's subject alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...models import Modality
from .criteria import decision_criterion
from .fields import Cue, clean_trigger
from .patterns import (
    BODY,
    ESCAPE_CLAUSE,
    GENERIC_CLASS,
    IMPERATIVE_VERBS,
    INVERTED_TAIL,
    LEADING_TRIGGER_OK,
    LEGAL_SOURCE,
    NEGATED_SUBJECT,
    ORG_WORDS,
    OURS_AFTER,
    OUTSIDE_ASSESSOR,
    PERSON_ROLE,
    ROLE_NOUN,
    TRIGGER,
    WINDOW,
    org_pattern,
)
from .process import own_agent, own_process_step, present_verb, process_verb, role_statement
from .segment import after_opener

# a relative clause with the author as subject naming a class of its models ("any model we intend to release")
_CLASS_RELATIVE = re.compile(r"\b(?:models?|systems?|versions?|products?|features?|releases?)\s+we\s+$", re.I)
HEDGE = re.compile(
    r"\b(?:aim(?:s|ing)?|intend(?:s|ing)?|plan(?:s|ning|ned)?\s+to|expect(?:s|ing)?|hope(?:s)?|seek(?:s|ing)?|"
    r"striv(?:e|es|ing)|anticipat(?:e|es|ing)|endeavou?r(?:s)?|aspire(?:s)?|"
    r"work(?:s|ing)?\s+(?:towards?|to)|will\s+(?:likely|probably)|(?:likely|probably)\s+will|likely\s+to|"
    r"would\s+like\s+to|look\s+to|"
    r"are\s+(?:exploring|considering)|hope\s+to|(?:it\s+is\s+)?(?:likely|probable)\s+that)\b",
    re.I,
)


# "it is our policy", "our standard practice is": the author's standing rule (then "to" or "not to")
# ... or its duty ("It is our responsibility to X", "Acme's commitment is to Y")
_POLICY = (r"(?:it\s+is\s+(?:our|(?-i:[A-Z][\w\-]*)[’']s)\s+(?:standard\s+)?(?:policy|practice|responsibility|duty|"
           r"obligation)|(?:our|(?-i:[A-Z][\w\-]*)[’']s)\s+(?:standard\s+)?(?:policy|practice|commitment|responsibility|"
           r"duty|obligation|approach|rule)\s+is)")
_MODAL = re.compile(
    r"\b(?P<neg_modal>will\s+not|won[’']t|shall\s+not|must\s+not|cannot|can\s*not|can[’']t|may\s+not|"
    r"commit(?:s|ted)?\s+not\s+to|commitment\s+not\s+to|(?:pledge|undertake|promise)s?\s+not\s+to|(?:will|must|shall)\s+never|do\s+not|does\s+not|don[’']t|doesn[’']t|"
    r"are\s+not\s+(?:permitted|allowed)\s+to|"
    r"is\s+not\s+(?:permitted|allowed)\s+to|will\s+only|may\s+only|can\s+only|must\s+only|shall\s+only|"
    # an inverted negation: "Under no circumstances will we X", "At no time may Y" (the subject follows the verb)
    r"(?:under\s+no\s+circumstances?|in\s+no\s+(?:case|event)|at\s+no\s+(?:point|time))\s*,?\s+"
    r"(?:will|shall|may|can|do|does|would|must)(?=\s+(?:we|it|they|a|an|any|the|our|this|such|(?-i:[A-Z])))|"
    # the author's standing rule against an act: "It is our policy not to X", "Our practice is not to Y"
    rf"{_POLICY}\s+not\s+to)\b"
    r"|\b(?P<should>should(?:\s+not)?|ought\s+to)\b"
    r"|\b(?P<may>may|can(?=\s+(?:only\s+)?be\s+\w+(?:ed|en)\b|\s+(?:also\s+)?(?!be\b|not\b)[a-z]+\b)|might\s+(?:choose|decide|opt|(?:also\s+)?(?:need|have))\s+to|"
    r"reserves?\s+the\s+right|at\s+(?:our|its|their)\s+(?:sole\s+)?discretion|"
    # a power kept by the author or one of its bodies: "The Review Board has the authority to block any release"
    r"(?:has|have)\s+(?:the\s+)?(?:final\s+|sole\s+|full\s+|ultimate\s+)?(?:authority|power|right|discretion)\s+to|"
    # "we might also invite X": a step the author keeps open, as "may" (its subject must be the author: `find_cue`)
    r"might(?=\s+(?:also\s+)?[a-z]+\b))\b"
    r"|\b(?P<must>will|[’']ll|[’']d(?=\s+[a-z]+\b)|shall|must|would|commit(?:s|ted)?\s+to|commitment\s+to(?=\s+[a-z]+\b)|"
    r"commitments\s+include|(?:are|is|remain|[’']re)\s+committed\s+to|"
    # "we are dedicated to furthering X": as binding as "committed to" (decision 47); the author must be the subject
    r"(?:are|is|remain|[’']re)\s+(?:\w+ly\s+)?dedicated\s+to(?=\s+(?:\w+ing|the|our|its)\b)|"
    r"mak(?:e|es|ing)\s+(?:a\s+)?(?:public\s+)?commitments?\s+to|(?:is|are)\s+required\s+to|(?<=we\s)require|ensures?|need(?:s)?\s+to|ha(?:s|ve)\s+to|pledge(?:s)?\s+to|"
    r"undertake(?:s)?\s+to|(?<=we\s)promise\s+to|(?:is|are)\s+(?:also\s+|\w+ly\s+)?responsible\s+for|"
    # "Our security team is tasked with X", "We are obligated to Y": a duty of the subject's
    r"(?:is|are)\s+(?:also\s+)?(?:tasked|charged|entrusted)\s+with|(?:is|are)\s+(?:legally\s+)?(?:obligated|obliged)\s+to|"
    # the author's standing rule: "It is our policy to X", "Our practice is to Y", as binding as "we X"
    rf"{_POLICY}\s+to)\b"
    r"|\b(?P<hedge>aim(?:s|ing)?\s+to|intend(?:s|ing)?\s+to|plan(?:s|ning)?\s+to|expect(?:s|ing)?\s+(?:\w+\s+){0,3}?to|"
    r"(?:are|is)\s+likely\s+to|(?:our|the|(?-i:[A-Z][\w\-]*)[’']s)\s+(?:goal|aim|intent(?:ion)?|objective|hope)\s+is\s+"
    r"(?:not\s+)?(?:to|that|for)|"
    r"our\s+(?:goals|aims|objectives|priorit(?:y|ies))\s+(?:(?:is|are)\s+to|include)|"
    r"(?:are|is|[’']re|am)\s+(?:actively\s+|also\s+|currently\s+)?working\s+(?:to|on|towards?)|"
    # "we are progressing work to study X": work under way, not yet a promise of its outcome (decision 47)
    r"(?:are|is|[’']re)\s+(?:actively\s+|also\s+|currently\s+)?progressing\s+(?:\w+\s+)?work\s+(?:to|on|towards?)|"
    r"it\s+is\s+our\s+(?:goal|aim|intention|intent|hope)\s+to|remains?\s+(?:a|our)\s+goal|"
    r"hope(?:s)?\s+to|seek(?:s|ing)?\s+to|striv(?:e|es|ing)\s+to|tr(?:y|ies)\s+to|anticipate(?=\s+(?:that|to|\w+ing|it|this|these|we|our|further|more|additional)\b)|work(?:s|ing)?\s+towards?|"
    r"endeavou?r(?:s)?\s+to|are\s+aiming\s+to|are\s+planning\s+to|will\s+(?:likely|probably)|"
    # the hedge before the verb ("X likely will be required") as after it ("will likely")
    r"(?:likely|probably)\s+will|"
    # "we look forward to working with X": a hoped-for future activity of the author
    r"look(?:s|ing)?\s+forward\s+to)\b",
    re.I,
)


# words after "may"/"can"/"would"/"will" that mark a description or prediction, not a promise
_EPISTEMIC_AFTER = re.compile(
    r"^\s*(?:not\s+)?(?:be|become|have|help|lead|pose|result|cause|occur|arise|emerge|need|find|see|"
    r"seem|appear|prove|turn|affect|make\s+it|also\s+be|well|likely|even|still|potentially|allow|enable|"
    r"differ|vary|evolve|exist|contain|take\s+(?:time|years)|want|wish|get|give\s+rise|"
    # with an object they are acts: "we may change our approach", "we may include further tests"
    r"(?:change|include|involve)(?!\s+(?:our|the|this|these|those|its|any|some|how|what|which|it|them|additional|"
    r"further|other|external|outside|new)\b))\b",
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


# (and where one of its artefacts is published: "A summary of the scorecard will appear in each system card")
_CONTENT_VERB = re.compile(
    r"^\s*(?:also\s+)?(?:include|involve|apply|cover|consist\s+of|comprise|appear\s+(?:in|on))\b", re.I)


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
    # other parties the text describes: "Enterprises are required to X", "a malicious actor must acquire Y"
    r"threat\s+actors|(?:malicious|hostile|rogue|state|non-state|sophisticated|determined|capable)\s+actors?|"
    r"enterprises?|businesses|clients?|licensees?|third[-\s]part(?:y|ies)|partners?|vendors?|suppliers?|there|"
    # the field at large, whom a framework advises: "Organisations should adopt X", "Frontier developers should Y"
    r"(?<!our\s)(?<!its\s)(?:(?:all|frontier|AI|model)\s+)?(?:organi[sz]ations|companies|labs|developers|"
    r"providers|deployers|policymakers|regulators)|the\s+(?:industry|field))\s*$",
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


_COMPLEMENTISER_WORDS = frozenset(
    "that which who because although though whether so than if when once unless until where while as".split()
)


_AS_POSTMODIFIER = re.compile(r"\s+(?:described|outlined|set\s+out|defined|noted|discussed|listed|specified)\b", re.I)


_APPOSITIVE_ROLE = re.compile(
    r"\b(?:member|members|person|individual|staff|employee|representative|team)\b[^,;:()]{0,40}\(\s*(?:the\s+)?"
    r"(?P<role>(?:[A-Z][\w\-]*\s+){0,4}[A-Z][\w\-]*)\s*\)\s*$"
)


# a generic body before a relative clause with its own verb: the cue's subject is that body
_GENERIC_BEFORE_WHO = re.compile(r"\b(?:an?|each|every|any)\s+(?:[a-z][\w\-]*\s+){0,2}(?:owner|team|lead)\s+$", re.I)


def _subject_before(clause: str, pos: int) -> str:
    """The words before a cue back to the clause's start or the last comma-free stretch."""
    before = clause[max(0, pos - WINDOW) : pos]
    # a role named in parentheses after a generic subject ("a member of our security team (the Incident Commander)
    # will") is the subject by its name
    role = _APPOSITIVE_ROLE.search(before)
    if role is not None:
        return role.group("role")
    # a closed parenthetical aside inside the subject ("The Board (or its delegate) will") is not where it starts
    before = re.sub(r"\s*\([^()]{0,80}\)", "", before)
    # nor are examples between commas ("Minor changes, such as fixing typos, may be made by X")
    before = re.sub(r",\s+(?:such\s+as|for\s+example|for\s+instance|e\.g\.|including|like)\b[^,;:]{1,120},\s*$", " ",
                    before, flags=re.I)
    cut = max(before.rfind(","), before.rfind("("), before.rfind(":"), before.rfind("—"))
    before = before[cut + 1 :]
    # the nearest subject: after the last complementiser ("Acme believes that they will")
    for w in reversed(list(re.finditer(r"[A-Za-z]+", before))):
        if w.group(0).lower() in _COMPLEMENTISER_WORDS:
            if w.group(0).lower() == "as" and _AS_POSTMODIFIER.match(before, w.end()):
                continue  # "Automated detection as described above will": a postmodifier of the subject
            if w.group(0).lower() == "who" and _GENERIC_BEFORE_WHO.search(before, 0, w.start()):
                return before.strip()  # "A model owner who sees X must": the relative clause says which owner
            return before[w.end() :].strip()
    return before.strip()


def _discretionary_step(subject: str, after: str) -> bool:
    """ "<X> may be <an act of the author's process>" ("Exceptions may be granted by the CISO", "Results may be
    shared with partners"): the author keeps a step of its own process open, unless the subject is the world
    ("Risks may be reduced") or the participle is no act of the process ("Models may be misused")."""
    m = _PASSIVE.match(after)
    if m is None or not subject.strip():
        return False
    return own_process_step(subject, m.group(1), by_own_body=own_agent(after[m.end(1):], {}) is not None)


# "We expect <something not ours> will ...": what the author forecasts of the world, no act of its own
_FORECAST_SUBJECT = re.compile(
    # (a second verb of the author's after the forecast, "... will advance and will continue to X", is its own)
    r"^(?!.*\b(?:will|would|shall|must|and|or)$)"
    r"(?:[Ww]e|[Ii]t)\s+(?:also\s+)?(?:expect|anticipate|believe|predict|think|foresee)\s+(?:that\s+)?"
    # ("We expect this will require X": what "this" stands for is the author's own plan; "these systems" are the world)
    r"(?!(?:we|our|us|it|its)\b)(?!(?:this|that|these|those)(?:\s*$|\s+(?:[\w\-’']+\s+)?(?:approach(?:es)?|"
    r"plans?|polic(?:y|ies)|frameworks?|process(?:es)?|commitments?|changes?|steps?|measures?|safeguards?|"
    r"mitigations?|practices?|efforts?|updates?)\b))(?:[\w\-’']+\s+){0,10}[\w\-’']+$"
)
# who makes a forecast: the subject of a verb that follows it ("... and will continue to X")
FORECASTER = re.compile(r"^([Ww]e)\s+(?:also\s+)?(?:expect|anticipate|believe|predict|think|foresee)\b")
# "we anticipate <something> to <change>": the same forecast with an infinitive
_FORECAST_HEDGE = re.compile(
    r"^\s+(?!(?:we|our|us|its)\b)(?:[\w\-’']+\s+){1,10}?to\s+(?:\w+ly\s+)?(?:advance|develop|evolve|change|grow|"
    r"improve|mature|increase|emerge|become|shift|progress|accelerate)\b"
)


# the author's measures as a subject, and "these" standing for them when acts follow ("These may include monitoring X")
_MEASURES_SUBJECT = re.compile(
    r"\b(?:safeguards?|mitigations?|(?:mitigation|safety|security|protective)\s+measures|measures|controls|"
    r"countermeasures|interventions|responses|actions|steps)\s*$",
    re.I,
)


def _measure_options(subject: str, after: str) -> bool:
    """ "<measures> may include A, B and C": the options the author keeps among its own measures (`may`), not a
    description ("Risks may include X" has the world as its subject)."""
    if not re.match(r"^\s*(?:also\s+)?include\s+\S", after, re.I):
        return False
    bare = subject.strip().rsplit(",", 1)[-1].strip()
    if re.fullmatch(r"(?:these|they|such\s+\w+)", bare, re.I):
        return re.match(r"^\s*(?:also\s+)?include\s+[a-z]+ing\b", after, re.I) is not None
    return _MEASURES_SUBJECT.search(bare) is not None


# a negation right before a hedge ("do not currently plan to", "never aim to")
_NOT_BEFORE = re.compile(r"\b(?:not|never|no\s+longer)\s+(?:currently\s+|yet\s+)?$", re.I)


def _is_org_subject(subject: str, org: str, bodies: dict[str, str] | None = None) -> bool:
    if bodies and any(re.search(rf"\b{re.escape(a)}\b", subject) for a in bodies):
        return True
    s = subject.lower()
    if re.match(r"(?:the\s+)?(?:(?:all|most|many|some)\s+)?other\b", s):
        return False  # "Other labs will likely follow": the rest of the field, never the author
    if re.search(rf"\b{ORG_WORDS}\b", s):
        return True
    if org and re.search(org_pattern(org), subject, re.I):
        return True
    return bool(BODY.search(subject) or ROLE_NOUN.search(subject)) or bool(
        re.search(
            r"\b(?:the\s+)?(?:company|organi[sz]ation|lab|laborator(?:y|ies)|labs|developers?|providers?|signator(?:y|ies)|deployers?)\b",
            s,
        )
    )


# "Should a model exceed X, we will ...", "Should it happen that ...", "Were a model to ...": a condition with the
# subject after its verb; its "should" is no recommendation, the modality comes from the main clause after the comma
INVERTED_CONDITION = re.compile(
    r"^(?:should|were|had)\s+(?:it|we|a|an|the|this|that|these|those|any|our|its|such|[A-Z][\w\-’']*)\b[^,;]{2,200}?,\s*"
    r"(?=\S)",
    re.I,
)


def inverted_condition(clause: str) -> str | None:
    """The condition of a clause that opens with an inverted conditional ("Should a model exceed the bar"), or None."""
    m = INVERTED_CONDITION.match(clause)
    if m is None or (m.group(0).lower().startswith(("were", "had")) and not re.search(r"\bto\b|\bhad\b", m.group(0))):
        return None
    return clause[: m.end()].rstrip(" ,")


# a leading condition: a modal inside it ("If we cannot contain X, we will pause", "If we do not receive sign-off,
# we halt") states the condition, not the commitment, when a main clause follows its comma
_CONDITION_OPEN = re.compile(
    r"^(?:if|unless|when|whenever|once|in\s+the\s+event|until|as\s+soon\s+as|where|after|before|provided|"
    r"in\s+(?:case|cases)|should|"
    # a reason or a concession that opens the sentence ("Given that models may be misused, we will"; "Because X can
    # happen, it is hard to"): its verb states the circumstance, the main clause after the comma commits or not
    r"given|because|since|although|though)\b",
    re.I,
)


_IMPERATIVE_START = re.compile(rf"(?:{'|'.join(IMPERATIVE_VERBS)})\b", re.I)


def _in_leading_condition(clause: str, pos: int, org: str) -> bool:
    """Is offset `pos` inside a condition that opens the clause, with the main clause after a later comma? (An "as"
    clause of progression is one: "As we work towards X, we intend to Y".)"""
    progression = TRIGGER.match(clause)
    if not (_CONDITION_OPEN.match(clause) or (progression is not None and progression.group("cue").lower() == "as")):
        return False
    subject = rf"(?:we|{org_pattern(org)}|the|our|it|they|this|these|all|any|no|each|every)"
    last = clause.rfind(",", 0, pos)
    if last >= 0 and re.fullmatch(
            rf"\s*(?:then\s+)?(?:(?:we|it|they|{org_pattern(org)})\s+|(?:the|our|this|these|all|any|no|each|every)\s+"
            r"(?:(?!(?:we|it|they|that|which|who|and|or)\b)[\w\-’']+\s+){1,6})(?:also\s+)?[\w’']+(?:\s+not)?",
            clause[last + 1 : pos], re.I):
        # "If X, we will review it, report Y": the condition ended at the comma before the modal's subject (not a list
        # of subjects inside the condition: "If the Lead, the CEO and the Board cannot agree, ...")
        return False
    for comma in re.finditer(r",", clause[pos:]):
        tail = clause[pos + comma.end() :].lstrip()
        if re.match(rf"(?:then\s+)?{subject}\b", tail, re.I) or _IMPERATIVE_START.match(tail):
            return True
    # (a condition the text ends without its comma: "Where we cannot reach X we will hold back the model")
    return "," not in clause[:pos] and re.search(r"\s(?:we|it|they)\s+(?:also\s+|then\s+)?(?:will|shall|must|would|"
                                                 r"should)\b", clause[pos : pos + WINDOW * 2], re.I) is not None


# "we cannot claim to have foreseen every misuse", "we can't guarantee that X": what the author cannot know or
# promise is no prohibition on its conduct, and a modal inside what follows is no promise either
_CANNOT_KNOW = re.compile(
    r"^\s*(?:(?:yet|fully|always|entirely|completely|possibly|realistically|reasonably)\s+)?"
    r"(?:claim|say|guarantee|promise|assure|rule\s+out|exclude|eliminate|predict|foresee|anticipate|know|"
    r"be\s+(?:sure|certain|confident)|expect|overstate|emphasi[sz]e|stress|account\s+for\s+(?:all|every)|"
    r"ensure\s+that\s+(?:no|every|all)|prove|verify\s+that)\b",
    re.I,
)


# "Our models do not exhibit X", "we do not possess Y": a state of the author's models, not a rule on its conduct
_STATE_AFTER_NOT = re.compile(
    r"^\s*(?:(?:yet|currently|presently|now|appear\s+to|seem\s+to)\s+)?(?:exhibit|possess|demonstrate|"
    r"reach|surpass|match|pose|meet|cross|exceed|attain|approach)\b",
    re.I,
)


# a verb of prohibition under a positive modal: "must be avoided", "will refrain from X", "we will avoid X"
_PROHIBITING_VERB = re.compile(r"^\s*(?:also\s+)?(?:be\s+(?:\w+ly\s+)?avoided|refrain\s+from|avoid)\b", re.I)


# verbs of exposition: what a text does to its reader ("describe", "explain", "outline", "turn to")
_EXPOSITORY = re.compile(
    r"^\s*(?:(?:now|first|then|next|also|briefly|further|later|again)\s+)?(?:describe|explain|discuss|outline|detail|"
    r"elaborate|illustrate|summari[sz]e|walk\s+through|turn\s+to|"
    r"lay\s+out|set\s+out|expand\s+on|provide\s+(?:an?\s+)?(?:overview|summary|description|details?))\b",
    re.I,
)


# the text's own vocabulary: "use the following terms", "adopt these definitions"
_TERMS = re.compile(
    r"^\s*(?:(?:also|further)\s+)?(?:use|adopt|employ|refer\s+to)\s+(?:the\s+following\s+|these\s+|this\s+|some\s+)?"
    r"(?:key\s+)?(?:terms|definitions|abbreviations|acronyms|notation|terminology|naming\s+conventions?|shorthand)\b",
    re.I,
)


# where in the text itself: "below", "in the next section", "in Appendix B", "now", "first", "in turn"
_TEXT_PLACE = re.compile(
    # "below" as a place in the text, not "below the threshold"
    r"\b(?:(?:below|above)(?=\s*(?:[.,;:)]|$|(?:we|in|and|for|to|is|are)\b))|here|hereafter|now|in\s+turn|"
    r"(?:this|the\s+(?:following|next|remaining|previous|later|sections?\s+below))\s+(?:section|chapter|part|"
    r"document|paper|paragraph|pages?|sections|chapters)|(?:section|appendix|annex|chapter|part)\s+[\dA-Z][\w.]*)\b"
    r"|^(?:we\s+will\s+|we\s+)?first\b|\bwill\s+first\b",
    re.I,
)


# sorting the things the text talks about into kinds: "(be) grouped into three families", "divide risks into tiers"
_TAXONOMY = re.compile(
    r"^\s*(?:also\s+)?(?:be\s+)?(?:group(?:ed)?|categori[sz]ed?|divided?|sort(?:ed)?|organi[sz]ed?|split|place[d]?|"
    r"cluster(?:ed)?|bucket(?:ed)?|classif(?:y|ied)|broken\s+down|break\s+down|fall)\b[^,;.]{0,60}?\b(?:into|in|across)\s+"
    r"(?:[\w\-]+\s+){0,3}?(?:categories|groups|families|tiers|types|classes|domains|buckets|areas|kinds|clusters|"
    r"bands)\b",
    re.I,
)


# sorting the author's own models into tiers is a step of its process ("Each model will be classified into a tier")
_SORTS_ARTEFACTS = re.compile(r"\b(?:models?|systems?|checkpoints?|releases?|deployments?)\b", re.I)


# a mission or vision: "Our mission is to ensure that X" states what the author values, not a step it commits to
_MISSION = re.compile(
    r"\b(?:our|its|the\s+company[’']s)\s+(?:\w+\s+)?(?:mission|vision|purpose|raison\s+d[’']être|north\s+star)\s+"
    r"(?:is|are|remains)\s+(?:to\s*)?$",
    re.I,
)


# "as set out below", "(see above)": a pointer inside a noun phrase, not where the clause's own act takes place
_AS_SET_OUT = re.compile(
    r"\bas\s+(?:described|outlined|set\s+out|defined|noted|discussed|listed|specified|explained)\s+(?:below|above|here)|"
    r"\(\s*see\s+[^()]{0,40}\)",
    re.I,
)


# the document or a part of it as the subject of a verb of exposition
_TEXT_SUBJECT = re.compile(
    r"\b(?:this|the\s+(?:following|next|remaining))\s+(?:framework|policy|document|section|chapter|part|paper|"
    r"report|appendix|annex)s?\s*$",
    re.I,
)


# a clause whose subject is another party, with or without a relative clause that mentions the author ("Customers who
# use our API must X", "Downstream developers are responsible for Y"); "developers" alone may be the author's own
_THIRD_PARTY_NP = re.compile(
    r"^(?:the\s+|all\s+|any\s+|each\s+|every\s+)?(?:(?:downstream|third[-\s]party|external|other|independent)\s+"
    r"(?:developers?|deployers?|providers?|organi[sz]ations?)|companies|customers?|clients?|users?|partners?|"
    r"operators?|businesses|enterprises?|licensees?|vendors?|suppliers?)\b(?:\s+(?:that|who|which)\b[^,;]*)?\s*$",
    re.I,
)


# the subject of a relative clause that describes a noun ("a test in which a model must find X"); "in which case"
# states a condition
_IN_WHICH = re.compile(r"\b(?:in\s+which(?!\s+cases?\b)|wherein|whereby)\s+(?:[\w\-’']+\s+){1,4}$", re.I)


# an escape clause before an elliptic modal ("..., and, where appropriate, may publish X"): the subject is still the
# previous clause's
_ESCAPE_LEAD = re.compile(rf"\s*{ESCAPE_CLAUSE}\s*,?\s*", re.I)


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
        or LEADING_TRIGGER_OK.match(clause) is not None
    )
    inverted = inverted_condition(clause)
    unknown_until = -1  # the end of what the author says it cannot know or promise
    for m in _MODAL.finditer(clause):
        kind = m.lastgroup or "must"
        word = m.group(0).lower()
        if word in ("’ll", "'ll"):
            word = "will"
        elif word in ("’d", "'d"):
            word = "would"  # "We'd pause X if Y" (as "had" it never binds: "would" needs a condition and the author)
        subject = _subject_before(clause, m.start())
        inverted_subject = re.match(r"(?:under|in|at)\s+no\b", word) and re.match(r"\s+([\w\-’']+(?:\s+[A-Z][\w\-]*)*)",
                                                                                clause[m.end() :])
        if inverted_subject:
            subject = inverted_subject.group(1)  # "Under no circumstances will we": the subject after the verb
        elif re.match(_POLICY, word, re.I):
            subject = "we"  # "It is our policy to": the author's own rule
        if not subject and subject_hint and (m.start() <= 6 or _ESCAPE_LEAD.fullmatch(clause[: m.start()])):
            subject = subject_hint
        elif subject.lower() == "it" and m.start() <= 4 and org and re.fullmatch(
                rf"{org_pattern(org)}", subject_hint.strip(), re.I):
            # "Acme maintains X, and it will not Y": in one sentence, "it" after the author named is the author
            subject = subject_hint
        elif re.fullmatch(r"(?:then\s+)?(?:they|he|she)", subject, re.I) or (
                subject.lower() == "it" and m.start() <= 4 and _names_body(subject_hint, "it")) or (
                subject.lower() == "it" and _CONDITION_THEN_IT.match(clause[: m.start()])):
            # ("It may ask for X" opening a sentence after one whose subject is a body: the body)
            # a pronoun standing for a body named earlier ("If the Board agrees, they will ...")
            named = [b for b in BODY.finditer(clause[max(0, m.start() - WINDOW) : m.start()])
                     if subject.lower() != "it" or not PERSON_ROLE.search(b.group(1))]
            if named:
                subject = named[-1].group(1)
                if subject.islower():  # "a product team": the words before the noun name it (actor_for reads them)
                    window = clause[max(0, m.start() - WINDOW) : m.start()]
                    subject = window[: named[-1].end(1)]
            elif _names_body(subject_hint, subject):
                subject = subject_hint
        after = clause[m.end() : m.end() + WINDOW]
        proceeds_only = _PROCEEDS_ONLY.match(after) is not None  # "will proceed only if X"
        if m.start() < unknown_until:
            continue
        if m.group(0) == "May" and (m.start() > 0 or re.match(r"\s+\d", after)):
            continue  # "in May 2024": the month, no modal verb
        forecast = _FORECAST_SUBJECT.match(_subject_before(clause, m.start()))
        if forecast or (kind == "hedge" and _FORECAST_HEDGE.match(after)):
            continue  # "We expect the field will advance", "we anticipate practice to develop": a forecast of the world
        taxonomy = _TAXONOMY.match(after)
        if (taxonomy and not _SORTS_ARTEFACTS.search(subject + " " + taxonomy.group(0))) or _MISSION.search(subject):
            continue  # "Risks will be grouped into three families", "Our mission is to ensure X": no act of conduct
        if _TERMS.match(after):
            continue  # "We will use the following terms:": the text's vocabulary, a glossary follows
        if _EXPOSITORY.match(after) and (
            _TEXT_PLACE.search(_AS_SET_OUT.sub("", clause)) or _TEXT_SUBJECT.search(subject)
        ):
            continue  # "Below we will describe X", "This framework will explain Y": the document describing itself
        if inverted is not None and m.start() < len(inverted):
            continue  # "Should a model exceed X, we will ...": the condition's verb, not the commitment
        if kind == "should" and m.start() > 0 and INVERTED_TAIL.match(clause, m.start()):
            continue  # "Alarms are raised, should any occur": a condition after the main clause, no recommendation
        if _in_leading_condition(clause, m.end(), org):
            continue  # "If we do not receive sign-off, we halt": the negation states the condition
        if re.search(r"\b(?:which|that|who)\s+$", clause[max(0, m.start() - 8) : m.start()], re.I):
            continue  # a relative clause describes a noun ("information which cannot be shared")
        if kind == "hedge" and _CLASS_RELATIVE.search(clause[max(0, m.start() - 20) : m.start()]):
            continue  # "For any model we intend to release, we will X": the relative clause names the models
        if re.search(r"\b(?:decides?|determines?|assess(?:es)?|considers?|judges?)\s+whether\s+[^,;]{1,60}$",
                     clause[: m.start()], re.I) or (
                re.search(r"\bwhether\s+(?:(?!(?:is|are|was|were|has|have|had|does|do|did)\b)[\w\-’']+\s+){1,6}$",
                          clause[: m.start()], re.I)
                and re.match(r"(?:should|must|may|might|can|could|will|would|shall)\b", clause[m.start() :], re.I)):
            # "The Council decides whether a model may be deployed", "advice on whether the gate should be
            # closed": the question decided or advised on, not a permission or a recommendation
            continue
        if re.search(r"\b(?:what|whatever)\s+(?:we|it|they)\s+$", clause[max(0, m.start() - 20) : m.start()], re.I):
            continue  # "This page sets out what we commit to": the thing committed to, named, not a commitment
        if re.match(r"(?:commit(?:s|ted)?|pledge[sd]?|agree[sd]?)\s+to\s*[.;:!?)]*\s*$", clause[m.start() :], re.I):
            continue  # "the responses we commit to.": a relative clause naming the thing, its preposition stranded
        if _PURPOSE_THAT.search(clause, 0, m.start()) and re.match(r"\s*(?:we|our|(?-i:[A-Z]))", clause):
            continue  # "We harden X so that weights cannot be taken": the intended effect, not the commitment
        if _IN_WHICH.search(clause[max(0, m.start() - 60) : m.start()]):
            continue  # "a test in which a model must find the error": the relative clause describes the test
        if (_REDUCED_RELATIVE.search(subject) and _MAIN_VERB_AFTER.search(after)) or _FRAMING.search(
            clause[max(0, m.start() - WINDOW) : m.start()]
        ):
            # "the measures we commit to are described in ...", "The scheme is designed to ensure that we will"
            continue
        if _RISK_THAT.search(clause[max(0, m.start() - WINDOW) : m.start()]):
            continue  # "there is a risk that they will be used to ...": a description of the world
        # "it is our goal to", "our aim is to": the cue names the author itself
        org_subject = (
            _is_org_subject(subject, org, bodies) and not re.search(r"\byou\b|\bthey(?:\s+\w+)?\s*$", subject, re.I)
        ) or (kind == "hedge" and (bool(re.search(r"\bour\b", word))
                                   or bool(org) and re.match(rf"{org_pattern(org)}[’']s\b", word, re.I) is not None))
        if org_subject and GENERIC_CLASS.match(subject) and LEGAL_SOURCE.search(clause):
            continue  # "Under the new act, providers must notify X": what a law asks of a class, not the author
        # ("In no case will a model that fails X be released": the inverted passive's participle comes late)
        passive = bool(_PASSIVE.match(after)) or bool(
            inverted_subject and re.search(r"\bbe\s+(?:\w+ly\s+)?\w+(?:ed|en)\b", clause[m.end():]))
        if not passive and _THIRD_PARTY_NP.match(clause[: m.start()]):
            continue  # "Companies that deploy our models are responsible for X": their duty, not the author's
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
                    or _STATE_AFTER_NOT.match(after)
                ):
                    continue
            elif word.startswith(("cannot", "can not", "can’t", "can't", "can only", "may not", "may only")):
                if org_subject and not word.endswith("only") and _CANNOT_KNOW.match(after):
                    # "we cannot claim that X will": a limit of what the author knows, no promise; a modal before the
                    # next comma is inside what it cannot claim ("While we cannot rule out X, we will Y" still binds)
                    comma = re.search(r"[,;]", clause[m.end() :])
                    unknown_until = m.end() + comma.start() if comma else len(clause)
                    continue
                if _EPISTEMIC_AFTER.match(after) and not passive:
                    continue
                if not (org_subject or passive):
                    continue
            elif word.startswith(("must", "shall")) and not org_subject and not passive:
                # "Model weights must not leave the enclave": a rule on the author's artefacts, as "must" is; a third
                # party's duty ("Users must not share X") is not the author's
                if _THIRD_PARTY.search(subject) or _EPISTEMIC_AFTER.match(after) or not subject:
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
            body = (BODY.search(subject) or ROLE_NOUN.search(subject)) and not re.search(r"\b(?:we|you|they)\b",
                                                                                    subject, re.I)
            if word.lower().startswith("ha") and not org_subject:
                continue  # "Users have the right to X": a third party's right, no power the author keeps
            if word.lower() == "can" and not passive and not body:
                continue  # "The Council can veto X": a body's power, kept as "may"; "we can detect X" states an ability
            only = re.search(r"\bonly\b", subject, re.I) or re.match(r"^\s*only\b", after, re.I)
            if org_subject and (re.match(r"might\s+(?:also\s+)?(?:need|have)\s+to", word) or (
                    word == "may" and re.match(r"^\s*(?:also\s+)?(?:need|have)\s+to\b", after, re.I))):
                modality = "intend"  # "we may need to add X": an expected act of the author's, hedged (decision 28)
            elif word in ("may", "can", "might"):
                if (only or NEGATED_SUBJECT.match(subject)) and passive:
                    modality = "must_not"  # "Only X may be deployed", "No model may be deployed unless Y"
                elif word == "may" and not org_subject and _discretionary_step(subject, after):
                    modality = "may"  # "Minor incidents may be reported to the Board": a step the author may take
                elif word == "may" and not org_subject and _measure_options(subject, after):
                    modality = "may"  # "Safeguards may include X, Y and Z": the measures the author may choose from
                elif not org_subject or _EPISTEMIC_AFTER.match(after):
                    continue
                else:
                    modality = "may"
            else:
                modality = "may"
        elif kind == "hedge":
            # "Further mitigations likely will be required": a hedged passive step of the author's, as "will be" is
            if not org_subject and not (passive and re.match(r"(?:likely|probably)\s+will\b", word, re.I)):
                continue
            if _NOT_BEFORE.search(clause[max(0, m.start() - 25) : m.start()]):
                continue  # "We do not currently plan to X": no intention of the author's, the absence of one
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
            elif "required" in word and not org_subject and _THIRD_PARTY.search(subject):
                continue  # "Customers are required to accept X": another party's duty, not the author's
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
                if re.search(r"\b(?:who|that|which)\b[^,;]*\b(?:may|might|could|would)\s+(?:\w+\s+)?(?:want|wish|"
                             r"choose|like)\s+to\s*$", clause[: m.start()], re.I):
                    continue  # "a client who uses our models may want to ensure X": another party's wish
            elif word in ("will", "shall", "must") or word.startswith(("need", "ha")):
                # what one of the author's processes will contain or cover ("Updates will involve X")
                process_content = bool(
                    not org_subject
                    and _PROCESS_SUBJECT.search(_POSTMODIFIER.sub("", subject))
                    and (not _EPISTEMIC_AFTER.match(after) or _CONTENT_VERB.match(after))
                )
                # "Model weights will remain on company-controlled hardware": where the author keeps its artefacts;
                # "Deployment will proceed only if X": a step of the author's process barred unless X holds
                own_rule = bool(_ARTEFACT_STAYS.match(after) and _OWN_ARTEFACT_SUBJECT.search(subject)) or bool(
                    proceeds_only and _PROCESS_STEP_SUBJECT.search(subject))
                # "Third-party auditors will assess our compliance annually": an outside review the author arranges
                outside_review = bool(OUTSIDE_ASSESSOR.search(subject) and OURS_AFTER.search(after))
                if not org_subject:
                    if word == "will" and not passive and not process_content and not own_rule and not outside_review:
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
            if word == "will" and (re.match(r"^\s*only\b", after) or proceeds_only):
                modality = "must_not"
            elif word in ("will", "shall", "must") and _ONLY_AFTER_ACT.match(after):
                modality = "must_not"  # "we will store the keys only in locked rooms": nowhere else (decision 9)
        hedge = HEDGE.search(clause[max(0, m.start() - WINDOW) : m.start()])
        if (
            hedge is not None
            and modality in ("must", "must_not")
            and org_subject
            # (not one inside a relative clause naming the models: "For any model we intend to release, we will X")
            and not _CLASS_RELATIVE.search(clause[max(0, m.start() - WINDOW) : m.start()][: hedge.start()])
        ):
            # a hedge wins over the verb it hedges: "we expect this will require"
            modality = "intend"
        if modality in ("must", "must_not") and re.match(r"^\s*likely\b", after, re.I):
            modality = "intend"
        if (
            modality == "must"
            and re.match(r"^\s*(?:consider|explore|look\s+into|evaluate\s+whether)\b", after, re.I)
            # "we will consider a model to have crossed X if Y" is a decision rule, not an option the author keeps
            and decision_criterion("we " + after.lstrip(), org) is None
        ):
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
        # (the subject may hold a relative clause: "No model that reaches X shall be deployed")
        negated = NEGATED_SUBJECT.match(subject) or (
            passive and NEGATED_SUBJECT.match(clause) is not None and not re.search(r"[,;:]", clause[: m.start()]))
        if modality in ("must", "may") and (negated or _PROHIBITING_VERB.match(after)):
            # "No model will be released without X", "X must be avoided", "we will refrain from X" (decision 25)
            modality = "must_not"
        return Cue(modality, m.start(), m.end(), subject)
    if unknown_until >= 0:
        return None
    crit = decision_criterion(clause, org)
    if crit is not None:
        return crit
    if inverted is not None:
        # "Should X happen, we notify Y": the main clause after the inverted condition
        cue = role_statement(clause[len(inverted) :].lstrip(" ,"), bodies, org)
        if cue is not None:
            shift = len(clause) - len(clause[len(inverted) :].lstrip(" ,"))
            return Cue(cue.modality, cue.start + shift, cue.end + shift, cue.subject, cue.in_context)
        return None
    for rule in _STATED_RULES:
        stated = rule.pattern.match(clause)
        if stated is not None:
            start, end = (stated.start("verb"), stated.end("verb")) if rule.verb_only else (stated.start(),) * 2
            hedged = any(stated.group(g) for g in rule.hedges)
            return Cue("intend" if hedged else rule.modality, start, end, stated.group(rule.subject))
    body_it = _IT_OPENS.match(clause)
    if body_it is not None and _names_body(subject_hint, "it"):
        # "The Council oversees X. It decides whether Y": the body's role, as "The Council decides" would be
        found = present_verb(clause[body_it.end() :], third=True)
        if found is not None:
            pos = body_it.end() + found[0]
            return Cue("must_not" if found[2] else "must", pos, pos + len(found[1]), subject_hint,
                       in_context=not process_verb(found[1]))
    return role_statement(clause, bodies, org)


# "If the Committee is not satisfied, it shall X": "it" after a leading condition stands for the body named in it
_CONDITION_THEN_IT = re.compile(r"(?:if|where|when|whenever|once|unless|should)\b[^;]{3,200},\s*it\s*$", re.I)


# a clause opening on "It" (a body named as the previous sentence's subject, when the caller gives one)
_IT_OPENS = re.compile(r"(?:It|it)(?=\s)")


def _names_body(subject: str, pronoun: str = "") -> bool:
    """Does a (previous clause's) subject name a body or a role, which a pronoun after it can stand for? ("it" never
    stands for a person: not for "the Chief Risk Officer")"""
    if pronoun.lower() == "it" and PERSON_ROLE.search(subject):
        return False
    return bool(subject) and bool(BODY.search(subject) or ROLE_NOUN.search(subject))


# an "only" after the act that restricts where, when or for whom it happens ("will be used only on tasks that X", "will
# resume only when Y"); not "not only ... but also"
_ONLY_AFTER_ACT = re.compile(r"(?:\s+(?!not\b)[\w\-’']+){1,8}?\s+only\s+(?:if|when|after|once|where|with|in|on|to|"
                             r"until|within|under|for|at|by|from)\b", re.I)
_PROCEEDS_ONLY = re.compile(r"\s+(?:proceed|continue|resume|go\s+ahead|begin|start)\s+only\s+(?:if|when|after|once|"
                            r"where|with)\b", re.I)
_PROCESS_STEP_SUBJECT = re.compile(r"\b(?:deployment|release|launch|training|scaling|development|rollout|roll-out|"
                                   r"access|fine-tuning|work)\s*$", re.I)
_ARTEFACT_STAYS = re.compile(r"\s+(?:always\s+)?(?:remain|stay)\s+(?:on|in|within|under|inside|behind)\b", re.I)
_OWN_ARTEFACT_SUBJECT = re.compile(r"\b(?:weights|checkpoints|models?|data|logs|records|datasets|source\s+code)\s*$",
                                   re.I)


# a purpose clause after the act: what the act is for ("so that X cannot Y", "such that Z")
_PURPOSE_THAT = re.compile(r"\b(?:so|such|in\s+order)\s+that\b", re.I)


# the author's measures stated as applying to its models: "The following safeguards apply to all frontier models:",
# "These requirements also apply to fine-tuned models" (a requirement, as "must apply" is)
_MEASURES_APPLY = re.compile(
    r"(?P<subj>(?:(?:the\s+following|these|those|all|our|such|the)\s+)?(?:[\w\-]+\s+){0,2}?(?:safeguards|measures|"
    r"requirements|controls|mitigations|protections|obligations|rules|standards|procedures))\s+(?:also\s+)?"
    r"(?P<verb>apply)\s+(?:equally\s+)?to\b",
    re.I,
)


# what the author's plans or responses will consist of, stated with the predicate first: "Central to each response
# plan will be X", "Essential to any escalation will be Y" (the subject, X, comes after the verb; "key to success
# will be luck" has no plan, process or measure of the author's before the verb)
_CENTRAL_TO = re.compile(
    r"(?P<subj>(?:central|key|essential|critical|crucial|integral|fundamental|core)\s+to\s+(?:(?:each|every|any|all|"
    r"most|our|the|such|these|this)\s+)?(?:[\w\-]+\s+){0,3}?(?:plans?|responses?|approach|strateg(?:y|ies)|process(?:es)?|"
    r"mitigations?|measures?|safeguards?|efforts?|programs?|programmes?|framework|escalations?|reviews?|evaluations?|"
    r"assessments?))\s+(?P<verb>(?P<hedge>(?:likely|probably)\s+)?(?:will|shall|must)(?P<hedge2>\s+(?:likely|probably))?\s+be)"
    r"\s+(?!\w+ed\b)",
    re.I,
)


@dataclass(frozen=True)
class _StatedRule:
    """A rule stated without a modal verb that binds as one: its pattern, its modality, the group naming who is bound
    (the actor's words), and whether the act starts after its verb or is the whole clause."""

    name: str
    pattern: re.Pattern[str]
    modality: Modality
    subject: str
    verb_only: bool
    hedges: tuple[str, ...] = ()  # groups whose words hedge the rule ("will likely be"): then it is `intend`


# tried in this order when no modal cue binds the clause
_STATED_RULES: tuple[_StatedRule, ...] = (
    # "The following safeguards apply to all frontier models:"
    _StatedRule("measures apply", _MEASURES_APPLY, "must", "subj", True),
    # "Only vetted partners receive API access": who may reach the models, forbidding everyone else
    _StatedRule("only some get access", re.compile(
        r"(?P<subj>only\s+(?:[\w\-’']+\s+){1,6}?)(?P<verb>(?:receive|get|have|gain|hold|(?:are|is)\s+(?:granted|given))"
        r"(?=\s+(?:[\w\-’']+\s+){0,3}?access\b)|"
        # "Only named engineers can access the weights": the same, the act of access the verb
        r"(?:can|may|are\s+(?:able|allowed|permitted)\s+to)\s+(?:access|view|download|copy|handle|decrypt)\b)",
        re.I), "must_not", "subj", False),
    # "This framework commits us to pausing X", "The policy requires us to Y": the author bound by its own text
    _StatedRule("the text binds us", re.compile(
        r"(?P<subj>(?:this|the|our)\s+(?:[\w\-]+\s+){0,3}?(?:framework|policy|document|plan|standard))\s+(?:also\s+)?"
        r"(?P<verb>(?:commits|requires|obliges|binds)\s+(?:us|the\s+company)\s+to)\s+[a-z]", re.I),
        "must", "subj", True),
    # "It is the responsibility of the CISO to review X": the body's duty
    _StatedRule("duty of a body", re.compile(
        r"it\s+is\s+the\s+(?:responsibility|duty|job|role|task)\s+of\s+"
        r"(?P<body>(?:the\s+|our\s+)?[\w\-]+(?:\s+[\w\-]+){0,4}?)\s+(?P<verb>to)\s+[a-z]", re.I), "must", "body", True),
    # "The decision to deploy rests with the CEO": the body it rests with decides
    _StatedRule("rests with a body", re.compile(
        r"(?:the\s+|our\s+)?(?:final\s+|ultimate\s+|overall\s+)?(?:decisions?|responsibilit(?:y|ies)|authority|"
        r"accountability|approvals?|ownership|sign-?offs?)\b[^;]{0,120}?\s+(?P<verb>rests?|lie|lies|sits?|resides?)\s+with\s+"
        r"(?P<body>(?:the\s+|our\s+)?(?:[A-Z][\w\-]*|[a-z][\w\-]*\s+(?:team|board|committee|council|officer|lead|"
        r"leadership)s?)"
        r"(?:\s+[\w\-]+){0,5})", re.I), "must", "body", False),
    # "No robot leaves the lab without an emergency stop": the act forbidden without its condition met (not a state:
    # "No process exists until X")
    _StatedRule("no X without Y", re.compile(
        r"(?P<subj>no\s+(?!one\b|doubt\b|single\b|matter\b)(?:[\w\-’']+\s+){1,6}?)"
        r"(?P<verb>(?!(?:exists|seems|appears|means|remains|matters|happens|occurs|depends|looks|sounds|belongs|"
        r"contains|includes|requires|changes|works)\b)[a-z]{3,}(?<!s)s)\s+(?:[^,;]{0,60}?\s)?(?:without|unless|until)\s+\w",
        re.I), "must_not", "subj", False),
    # "Essential to each response plan will be X": what the author's plans will consist of, predicate first
    _StatedRule("central to a plan", _CENTRAL_TO, "must", "subj", True, hedges=("hedge", "hedge2")),
    # "Employees can report suspected breaches to the Officer": the author's staff are given a channel to raise
    # concerns, which the author keeps open (as "we maintain a channel through which staff can report X" does)
    _StatedRule("staff can raise concerns", re.compile(
        r"(?P<subj>(?:all\s+|any\s+)?(?:employees|staff|contractors|workers|personnel|team\s+members)"
        r"(?:,?\s+(?:and|or)\s+(?:employees|staff|contractors|workers|personnel))?)\s+"
        r"(?P<verb>can|may|are\s+(?:able|free|encouraged)\s+to)\s+(?:also\s+)?(?:report|raise|escalate|submit|flag)\b",
        re.I), "must", "subj", True),
)


# "... and are committed to Y", "... and will Y", "... and commit to Y": a second act of the same subject, with its
# verb and at least two words of object
_AND_COMMITTED = re.compile(
    r",?\s+and\s+(?=(?:also\s+)?(?:(?:are|is|remain(?:s)?)\s+(?:also\s+|\w+ly\s+)?committed\s+to|"
    r"commit(?:s)?\s+to|will|shall|must)\s+[\w\-’']+\s+[\w\-’']+)",
    re.I,
)


def committed_split(clause: str, org: str, bodies: dict[str, str] | None = None) -> tuple[int, int] | None:
    """Where "We <verb> X and are committed to Y" ("<Org> reviews X and will publish Y") splits: two committed acts,
    two commitments (decisions 3, 52, 101), as "will X and will Y" are. The part before must be a commitment of its
    own (a cue with an object after it: "We believe X and will Y" stays whole). (end of the first part, start of the
    second), or None."""
    for m in _AND_COMMITTED.finditer(clause):
        head = clause[: m.start()]
        cue = find_cue(head, org, bodies=bodies)
        if cue is not None and re.search(r"\w", head[cue.end :]):
            return m.start(), m.end()
    return None


def subject_lead(text: str, org: str) -> str | None:
    """The author's subject alone before a colon ("We:", "To limit misuse, we:", "<Org>:"): a lead-in whose items
    are its predicates ("- Are publishing X", "- Will review Y yearly"), so each item reads as the subject's own
    sentence. None for any other text."""
    subj = rf"we|{org_pattern(org)}"
    m = re.match(rf"^(?:[^:]{{3,150}},\s+)?(?P<subj>{subj})\s*:\s*$", text.strip(), re.I)
    return m.group("subj") if m else None


def item_cue(item: str, subject: str, org: str, bodies: dict[str, str] | None = None) -> Cue | None:
    """An item under a subject-only lead-in, read as the subject's sentence ("Will review X" -> "We will review X"):
    its own modal verb or process verb, if it has one."""
    if not item:
        return None
    return find_cue(f"{subject} {item[:1].lower()}{item[1:]}", org, bodies=bodies)


_IMPERATIVE = re.compile(
    r"^(?:(?:proactively|publicly|regularly|promptly|immediately|continuously|also|then|first|always|never|not)\s+)?"
    # a verb followed by "of" is its noun ("Use of formal methods", "Review of access logs"): a title, no instruction
    rf"(?:do\s+not\s+(?:\w+ly\s+|further\s+)?)?(?:{'|'.join(IMPERATIVE_VERBS)})\b(?!\s+of\b)",
    re.I,
)


# a leading phrase of scope or regard before an instruction ("In consideration of X, establish Y", "Within each
# team, assign Z", "Based on the assessment, apply W"): no condition, so no trigger; an aside ("For example, ...",
# "In short, ...") introduces no instruction of the author's
_SCOPE_OPENER = re.compile(
    r"^(?!(?:for|in)\s+(?:example|instance|contrast|comparison|other\s+words|short|summary|general|particular)\b)"
    r"(?:(?:in|for|at|on|within|under|with|through|across)\s|(?:based|depending)\s+on\b|according\s+to\b|"
    r"considering\b|taking\s+into\s+account\b)",
    re.I,
)


# a scope opener that names a case ("In such cases, notify X", "In the case of a breach, stop Y"): a condition
_CASE_OPENER = re.compile(r"^in\s+(?:(?:such|these|those|this|that|all|any|each)\s+cases?|the\s+case\s+of)\b", re.I)


def imperative(clause: str) -> tuple[int, str | None] | None:
    """An instruction to oneself ("Publish model cards", "If X, pause training", "In consideration of X, establish
    Y"): offset of the verb and the leading condition, if any (a phrase of scope before the verb is none)."""
    trig = None
    offset = 0
    opened = True
    if LEADING_TRIGGER_OK.match(clause):
        comma = clause.find(",")
        if comma < 0:
            return None
        trig = clean_trigger(clause[:comma])
        offset = comma + 1
    elif _SCOPE_OPENER.match(clause):
        start = after_opener(clause)
        if start is None:
            return None
        if _CASE_OPENER.match(clause):
            trig = clean_trigger(clause[:start])
        offset = start
    else:
        opened = False
    while opened and offset < len(clause) and clause[offset].isspace():
        offset += 1  # the verb after the opener and its spaces
    m = _IMPERATIVE.match(clause[offset:])
    if not m:
        return None
    return offset, trig
