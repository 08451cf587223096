"""Fields of a commitment once its cue (`Cue`) is found: the trigger, the committed action(s) and safeguard, how
specific it is, whether an outsider could check it, and who acts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...models import Modality, Specificity
from ...signals import is_verifiable
from .patterns import (
    BODY,
    CLASS_NOUN,
    ENUM_LEAD,
    ESCAPE_CLAUSE,
    FREQUENCY,
    IMPERATIVE_VERBS,
    INVERTED_TAIL,
    LEAD_CONNECTIVE,
    LEADING_TRIGGER_OK,
    ONCE_ADVERB,
    ORG_WORDS,
    PROGRESS_VERBS,
    SUPERSCRIPT_DIGITS,
    TRIGGER,
    WINDOW,
    org_pattern,
)


@dataclass
class Cue:
    """Where a clause commits its author and how strongly, as a recogniser found it (`cues`, `criteria`, `process`):
    defined here, below them all, since the fields are read from it and every recogniser returns one."""

    modality: Modality
    start: int  # offset of the cue in the clause
    end: int
    subject: str
    # a present-tense statement whose verb is not known as an act of a process ("We accelerate X"): it binds only
    # among other commitments, like a process statement, since the same form also describes the world
    in_context: bool = False


# a count in words ("fifteen working days", "within ten days")
_NUMBER_WORD = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
                r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)")
# the author's own judgement as a condition ("where we judge that X", "where we can do so safely"): discretion, so vague
# (`_VAGUE`) and no trigger (`_OUR_JUDGEMENT`)
_OUR_JUDGEMENT_WORDS = r"(?:where|when|if)\s+we\s+(?:judge|consider|deem|believe|think|can)\b"
_QUANT = re.compile(
    r"(?<![A-Za-z\-])\d+(?:[.,]\d+)?\s*(?:%|percent|x\b|×|times\b|(?i:days?|weeks?|months?|years?|hours?)\b|"
    r"minutes?\b|business\s+days?\b|per\s+cent|people|experts|hours|tries|attempts|samples|FLOPs?|"
    r"employees|members)|"
    # a sentence may open with the frequency or the deadline ("Every nine months, ...", "Within 30 days, ...")
    r"\b(?i:within|every|at\s+least|at\s+most|no\s+(?:later|more|fewer|less)\s+than|up\s+to|over|under|"
    r"more\s+than|less\s+than|fewer\s+than|by|before|after|in)\s+(?:the\s+)?(?:\d+|one|two|three|four|five|six|"
    r"seven|eight|nine|ten|twelve|thirty|sixty|ninety|several\s+dozen|a\s+dozen)\b|"
    # a frequency as an adverb ("reviewed quarterly"); before a noun it is an adjective, counted below only on an
    # act that recurs ("quarterly reviews"), not on a thing described ("a daily tool", "daily work")
    r"\b(?:annually|quarterly|monthly|weekly|daily|yearly|biannually|semi-annually)\b"
    r"(?!\s+(?!(?:and|or|by|for|to|in|at|on|with|from|basis|until|during|after|before|as|the|an?|against|through|"
    r"using|via|across|within|under|over|per|of|when|if|unless|once|throughout|following|among|between)\b)[a-z])|"
    r"\b(?i:(?:every|each)\s+(?:year|month|quarter|week|day))\b|"
    # how many times in a period ("twice a year", "at least once in each financial year", "three times a quarter")
    rf"\b(?i:(?:once|twice|{_NUMBER_WORD}\s+times)\s+(?:a|per|each|every|in\s+(?:each|every|any)(?:\s+[a-z]+)?)\s+"
    r"(?:year|quarter|month|week|day))\b|"
    # a growth that times the act ("every time compute has grown threefold")
    rf"\b(?i:{_NUMBER_WORD}fold)\b|"
    # a frequency as an adjective: "annual external audits", "quarterly reviews"
    r"\b(?:annual|quarterly|monthly|weekly|daily|yearly|biannual|semi-annual)\s+(?:[\w\-]+\s+){0,2}?"
    r"(?:audits?|reviews?|reports?|assessments?|evaluations?|tests?|testing|exercises?|drills?|updates?|"
    r"meetings?|briefings?|checks?|red[-\s]?teaming)\b|"
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"early|mid|late|end\s+of)\s*(?:-\s*)?(?:19|20)\d\d\b|\b(?:by|in|before|until)\s+(?:19|20)\d\d\b|"
    rf"\b\d+(?:\.\d+)?\s*%|\b(?i:{_NUMBER_WORD}(?:-{_NUMBER_WORD})?\s+(?:(?:working|business|calendar)\s+)?"
    r"(?:days?|weeks?|months?|years?|hours?))\b|"
    # a budget or a cap in money ("$1,000 per task")
    r"[$€£]\s?\d"
)


_VAGUE = re.compile(
    r"\b(?:appropriate(?:ly)?|reasonabl[ey]|as\s+(?:needed|necessary|appropriate|feasible|possible|warranted)|"
    r"where\s+(?:feasible|possible|appropriate|necessary|relevant|warranted|practicable)|"
    r"when\s+(?:necessary|appropriate|needed|warranted)|if\s+(?:necessary|appropriate|needed|warranted)|"
    # discretion in other words ("at our discretion", "wherever measurement is possible")
    rf"at\s+(?:our|its|their)\s+(?:sole\s+|own\s+)?discretion|{_OUR_JUDGEMENT_WORDS}|"
    r"wherever\s+(?:[\w\-]+\s+){0,3}?(?:is|are)\s+(?:possible|feasible|practicable|appropriate)|"
    r"sufficient(?:ly)?|adequate(?:ly)?|"
    r"best\s+efforts?|commensurate|proportionate|consider(?:ing)?|explor(?:e|es|ing)|"
    r"over\s+time|in\s+(?:a\s+)?future\s+(?:updates?|versions?|iterations?)|in\s+the\s+future|"
    r"later\s+(?:versions?|iterations?|updates?)|as\s+we\s+(?:learn|gain|develop|better)|as\s+our\s+understanding|"
    r"evolv(?:e|ing)|to\s+the\s+extent|"
    # a level only the author can judge: "strong enough to resist", "highly unlikely", "the highest standards"
    r"strong\s+enough|highly\s+unlikely|prohibitively|highest\s+(?:levels?|standards?)|"
    r"(?:to|at)\s+a\s+high\s+(?:threshold|level|bar)|high\s+(?:thresholds?|bars?)|"
    r"acceptable\s+(?:[\w\-]+\s+)?(?:levels?|risks?)|proportional(?:ly)?|proper(?:ly)?|"
    r"necessary\s+(?:support|steps|measures|actions)|multiple\s+layers|layered|defen[cs]e[-\s]in[-\s]depth|"
    # risk management named only by its verbs ("identify, assess, and manage risks"): no act is identified
    r"(?:identify|assess|manage|address|mitigate)(?:,?\s+(?:and\s+)?(?:identify|assess|manage|address|mitigate|"
    r"evaluate))+\s+(?:the\s+|these\s+|such\s+|potential\s+|emerging\s+|any\s+)*risks?|"
    # measures fitted to a context only the author reads; a standard the document never defines (DECISIONS 99);
    # collaboration with a whole sector rather than a named party
    r"suited\s+to|(?:meets?|satisf(?:y|ies)|compl(?:y|ies)\s+with)\s+our\s+(?:own\s+)?(?:[\w\-]+\s+){0,2}?standards?|"
    r"(?:collaborate|work|partner|engage)s?\s+(?:closely\s+)?with\s+(?:academia|industry|leading|various|diverse|"
    r"(?:external\s+)?stakeholders)|"
    # a stance rather than an act ("we are committed to transparency"), or the manner only ("in various ways")
    r"(?:am|is|are|remain|remains|stay|stays)\s+(?:\w+\s+)?(?:committed|dedicated)\s+to|"
    r"in\s+(?:various|different|diverse|many|multiple)\s+ways|from\s+multiple\s+perspectives|"
    r"with\s+safety\s+in\s+mind|(?:where|as|if|when)\s+applicable|applicable\s+(?:\w+\s+)?(?:bodies|authorities)|"
    r"as\s+soon\s+as\s+(?:possible|practicable)|where\s+we\s+can|"
    # a habit rather than a rule, a cadence or a margin with no measure, a weighing only the author does
    r"(?:generally|typically|usually|normally|ordinarily)\s+(?!(?:accepted|available|applicable|recogni[sz]ed)\b)[a-z]+|"
    r"(?:at|on)\s+a\s+regular\s+(?:cadence|basis)|conservatively|err\s+on\s+the\s+side\s+of|"
    r"(?:take|takes|taking)\s+(?:[\w\-’']+\s+){1,4}?into\s+(?:account|consideration)|scales?\s+with\s+the\b|"
    r"where\s+(?:this|it|that)\s+(?:can\s+be\s+done|is\s+(?:necessary|needed|possible|feasible))|"
    r"(?:will\s+be|to\s+be)\s+(?:defined|determined|specified|decided|developed)\s+(?:later|in|when|once)|"
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


# a relative clause between the modal verb and a trailing condition: the condition qualifies the nested verb
# ("we will define which properties suggest that a model provides it upon further scaling")
_EMBEDDED = re.compile(r"(?:,\s*|\b)(?:which|who|whom|whose)\b|"
                       # ("risks that could arise as we develop X": the condition is the risks' arising, not the act)
                       r"\bthat\s+(?:could|might|may|can|would)\b", re.I)


# a further condition of a series after a comma ("during tuning, after tuning is done, and before
# deployment"; "when X fine-tunes a model, where the compute used is more than a third"): one condition with the first
_SERIES_NEXT = re.compile(
    r",\s*(?:(?:and|or)\s+)?(?=(?:during|after|before|prior\s+to|upon|once|following|when|whenever|where)\s+"
    r"(?!(?:possible|appropriate|necessary|needed|feasible|practicable|relevant|applicable)\b))",
    re.I,
)


# a class of the author's models, systems or staff as the subject, narrowed by what follows it ("Models in scope of
# this framework will", "All models developed by Acme are subject to", "Employees who raise concerns are protected"):
# the class the rule applies to is its trigger (decision 48)
_CLASS_SUBJECT = re.compile(
    r"(?:no\s+)?(?P<cls>(?:(?:all|any|each|every)\s+)?(?:[\w\-]+\s+)?(?:(?:models?|systems?|employees|staff|personnel|"
    r"releases|versions|customers|users|partners|contractors|findings|incidents|requests|deployments)\s+"
    r"(?:in\s+scope|that|which|who|developed|trained|processing|supporting|handling|deployed|exceeding|reaching|"
    r"meeting|assessed|classified|rated|determined|found|identified|evaluated|judged|designated|deemed|shown|affected)\b|"
    # a change or an exception to something, and who or what it touches ("Any change to the thresholds")
    r"(?:changes?|amendments?|exceptions?|modifications?)\s+(?:to|of)\b|"
    # anyone of a kind a relative clause picks out ("Any docker whose shift ... must", "Every pilot who sees X must")
    r"(?:(?<=\bany\s)|(?<=\beach\s)|(?<=\bevery\s))(?:[\w\-]+\s+)?[\w\-]+\s+(?:who|whose)\b)"
    r"[^,;:()]{3,120}?)(?:\s+(?:is|are|was|were|will|shall|must|should|may|can|be|also|not))*",
    re.I,
)


# what opens a purpose clause: it says why, not what or when (the trigger stops there, specificity leaves it out)
_PURPOSE_LEAD = r"in\s+order\s+to|so\s+as\s+to|so\s+that"


# a condition that names a class of the author's models ends with the class ("for new models")
_CLASS_END = re.compile(CLASS_NOUN + "$", re.I)


# the verb that closes an "as" clause of progression (patterns.TRIGGER), within a few words
_AS_PROGRESS_VERB = re.compile(rf"(?:[\s,]+[\w\-’']+){{0,6}}?\s+(?:{PROGRESS_VERBS})(?:e?s)?\b")


# the author's own judgement as the condition ("where we judge that doing so is safe", "where we can do so safely"):
# discretion, as "where appropriate" is; a body's judgement ("where it judges that X") stays a condition
_OUR_JUDGEMENT = re.compile(_OUR_JUDGEMENT_WORDS, re.I)


# "by following X": "following" after "by" is a means, not an event
_BY_MEANS = re.compile(r"\bby\s*$", re.I)


# "the following measures", "the above": after a determiner the word is an adjective of the noun, no event
_DETERMINED = re.compile(r"\b(?:the|these|those|this|that)\s*$", re.I)


# a verb whose object "upon" introduces ("builds upon", "relies upon", "agreed upon", "draw upon")
_UPON_VERB = re.compile(
    r"\b(?:build|rel[yi]|base|depend|draw|agree|act|call|improve|expand|elaborate|reflect|focus|decide|insist|"
    r"impose|confer|look|rest|touch|dwell|embark|enter|capitaliz|capitalis)[a-z]*\s*$", re.I)


_TAIL_REACH = 16  # words between the modal verb and a trailing condition that still attaches to it


_CONDITION_STOP = re.compile(
    r"[,;:()]|\s+(?:and\s+)?(?:we|it)\s+(?:will|shall|must|should|may)\b|\s+—|\.\s|\.$|"
    # a purpose or a discretion after the condition is not part of it ("after X to ensure Y", "after X
    # where possible")
    rf"\s+(?:{_PURPOSE_LEAD}|to\s+(?:ensure|make\s+sure|confirm|verify|check|"
    r"determine|assess|help|allow|enable)\b)|\s+(?:where|when|if|as)\s+(?:possible|appropriate|necessary|"
    r"needed|feasible|practicable|relevant|applicable)\b|"
    # a means after the condition says how, not when ("after deployment through monitoring")
    r"\s+(?:through|via)\s|"
    # a second act of the same commitment ("to testing X before release and to pausing Y")
    r",?\s+and\s+to\s+(?!(?:the|a|an|any|all|our|its|their|this|that|these|those|such|what|which|whom)\b)[a-z]+\b"
)


def _condition_end(text: str, start: int) -> int:
    """Where a trailing condition that starts at `start` (past its subordinating word) ends in `text`."""
    stop = _CONDITION_STOP.search(text, start)
    return stop.start() if stop else len(text)


# an occasion added to a periodic act ("every year, and sooner if X"; "and additionally whenever Y")
_SOONER = re.compile(
    r"\b(?:and|or)\s+(?:also\s+)?(?:sooner|earlier|additionally|more\s+often|more\s+frequently)\s*,?\s*$", re.I)


# how often a periodic act recurs ("every year", "once a quarter", "twice in each year", "each month")
_PERIOD = re.compile(rf"\b(?:{FREQUENCY}|{ONCE_ADVERB}|(?:twice|\w+\s+times)\s+in\s+(?:a|an|each|every)\b|"
                     r"each\s+(?:\w+\s+)?(?:years?|months?|quarters?|weeks?|days?)\b)", re.I)


# a place a "where" clause describes rather than a condition it sets
_PLACE_BEFORE = re.compile(r"\b(?:rooms?|environments?|places?|sites?|facilit(?:y|ies)|locations?|premises|buildings?|"
                           r"offices?|servers?|data\s+cent(?:er|re)s?|countr(?:y|ies)|jurisdictions?)\s*$", re.I)


def find_trigger(clause: str, cue: Cue, tail: tuple[int, int] | None = None) -> str | None:
    """The condition in the document's words: a leading subordinate clause, or one after the verb (within
    `tail`, the span of one of several actions, when given)."""
    head = clause[: cue.start]
    lead = LEADING_TRIGGER_OK.search(head.strip())
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
            leading = clean_trigger(re.sub(r",\s*then\s*$", "", opener))
            if leading:
                return leading
        else:
            # a condition the text ends without its comma: "For deployed models we repeat X", "Where we cannot
            # reach X we will Y"
            bare = re.match(r"(?P<op>.{3,150}?)\s+we\s*$", stripped, re.I)
            if bare is not None and TRIGGER.match(bare.group("op")) is not None:
                leading = clean_trigger(bare.group("op"))
                if leading:
                    return leading
            # an escape clause ("Where appropriate, X will be done at the same time as Y") is no condition: the
            # event after the verb is (decision 71)
    m = None
    for cand in TRIGGER.finditer(head):
        if not _BY_MEANS.search(head[: cand.start()]) and not _DETERMINED.search(head[: cand.start()]):
            m = cand
    tail_from, tail_to = tail if tail is not None else (cue.end, len(clause))
    for t in TRIGGER.finditer(clause, tail_from, tail_to):
        cue_word = t.group("cue").lower()
        if (cue_word == "if" and re.search(
            r"\b(?:determine|assess|evaluate|check|see|know|decide|ask|test|verify|"
            r"investigate|whether|examine|confirm|establish)s?\s*$",
            clause[: t.start()],
            re.I,
        )) or (cue_word == "when" and re.search(
            # "to detect when X": the point the act looks for ("run X when Y" stays a condition)
            r"\b(?:detect|identify|predict|tell|spot|know|determine|notice|recogni[sz]e|anticipate)s?\s*$",
            clause[: t.start()],
            re.I,
        )) or (cue_word == "when" and (
            # "criteria for when X", "a protocol for when and how to Y": a question the noun is about, no condition
            re.search(r"\b(?:for|on|about|of|regarding)\s*$", clause[: t.start()], re.I)
            or re.match(r"when\s+and\s+how\b", clause[t.start() :], re.I))):
            continue  # "determine if X": "if" means "whether"
        # ("during" takes any noun phrase: "reviewed during launch processes" is as much a condition)
        if cue_word in ("where", "while", "whilst", "after", "following") and not re.match(
            r"(?:where|while|whilst|after|following)\s+(?:a|an|the|we|it|any|each|models?|there|"
            r"(?:model|system|initial|public|external|internal)\s+\w+|"
            # an event of the model's life or of the process: "even after deployment" (DECISIONS 93), "following
            # such review"
            r"(?<=after\s|owing\s)(?:(?:this|that|these|those|such|every|its|our)\b|(?:deployment|launch|release|"
            r"training|pre-training|post-training|publication|approval|adoption|completion|go-live)\b)|"
            # a clause of its own: "after controls are applied", "where safeguards have been bypassed"
            r"(?:[\w\-]+\s+){1,3}(?:is|are|has|have|was|were)\s+(?:been\s+)?[a-z]+(?:ed|en)\b|"
            # or with a verb of being or a hedged one: "where such versions exist", "where strict compliance would be X"
            r"(?<=where\s)(?:[\w\-]+\s+){0,3}(?:would|could|might|exists?|arises?|applies|occurs?)\b"
            r")\b",
            clause[t.start() :],
            re.I,
        ):
            continue
        if re.match(r"if\s+(?:they|he|she|you)\s+(?:so\s+)?(?:wish|choose|prefer|want|like)\b", clause[t.start() :],
                    re.I):
            continue  # "anonymously if they wish": the choice of whoever acts, no event
        if _SOONER.search(clause[: t.start()]) and _PERIOD.search(clause[: t.start()]):
            continue  # "at least once a year, and sooner if X": a periodic act with one more occasion, unconditional
        if cue_word == "where" and _PLACE_BEFORE.search(clause[: t.start()]):
            continue  # "rooms where fire would cause little harm": the place, described
        if _BY_MEANS.search(clause[: t.start()]):
            continue  # "by following this scheme": a means, not an event
        if _OUR_JUDGEMENT.match(clause, t.start()):
            continue  # "where we judge that X", "where we can do so safely": the author's discretion, no condition
        if cue_word == "following" and _DETERMINED.search(clause[: t.start()]):
            continue  # "apply the following measures": an adjective, no event
        if cue_word == "upon" and _UPON_VERB.search(clause[: t.start()]):
            continue  # "builds upon X", "relies upon Y": the verb's object, not an event
        if re.search(r"\bincluding\s*$", clause[: t.start()], re.I):
            break  # "on a rolling basis, including during tuning and before X": examples of when, no condition
        if re.match(r"\w+\s*[,;:.)]", clause[t.start() :]):
            continue  # "as before," "than after.": an adverb, not a condition
        if re.match(r"(?:after|following|upon)\s+(?:every|each)\s+(?:[\w\-]+\s+){0,3}?(?:increases?|jumps?|doublings?|"
                    r"growth)\b", clause[t.start() :], re.I):
            continue  # "after every fourfold increase in compute": how often, as "every 4x" is (DECISIONS 10)
        if cue_word == "before" and re.search(rf"(?:\d+|{_NUMBER_WORD})\s+(?:(?:working|business|calendar)\s+)?"
                                              r"(?:days?|weeks?|months?|hours?)\s+$", clause[: t.start()], re.I):
            continue  # "two weeks before a planned release": a deadline of the act, which happens anyway
        if re.match(ONCE_ADVERB, clause[t.start() :], re.I):
            continue  # "once a quarter", "once more": a frequency or an adverb, not "once X has happened"
        if re.match(r"(?:if|when|unless)\s+(?:so|not|any|ever|possible|applicable)\b", clause[t.start() :], re.I):
            continue  # "and, if so, whether ...", "re-evaluated ... if not": an elliptic back-reference, no condition
        if _EMBEDDED.search(clause[tail_from : t.start()]) or len(clause[tail_from : t.start()].split()) > _TAIL_REACH:
            break  # past a relative clause, or far from the verb, a condition belongs to a nested verb
        text = clause[t.start() : tail_to]
        end = _condition_end(text, len(cue_word) + 1)
        if cue_word.lower() == "as":
            # a list of subjects ("as model use, capability and risk evolve"): the condition runs to its verb
            verb = _AS_PROGRESS_VERB.match(text, end)
            if verb is not None and not re.search(r"[;:()]", text[end : verb.start()]):
                end = verb.end()
        while (nxt := _SERIES_NEXT.match(text, end)) is not None:
            end = _condition_end(text, nxt.end() + 1)
        if _CLASS_END.search(cue_word) and not re.match(
            r"\s*(?:that|which|whose|who|with|in|under|of|from|trained|developed|above|beyond|rated|scored|classified|"
            r"we)\b", text[len(cue_word) :]
        ):
            # the class of models ends the condition unless a clause or phrase narrows it further: a participle
            # after it describes the object ("describing X"), a frequency or an example is no part of it
            end = len(cue_word)
        trig = clean_trigger(text[:end])
        if trig and len(trig.split()) >= 2:
            if cue_word in ("until", "unless") and (cls := _class_subject(head)) is not None:
                return cls  # a class as the subject is the condition; "until"/"unless" stays in the act (decision 48)
            return trig
    tail_inverted = INVERTED_TAIL.search(clause, tail_from, tail_to)
    if tail_inverted is not None and re.search(r",\s*$", clause[: tail_inverted.start()]):
        return clean_trigger(tail_inverted.group(0))  # "..., should an incident occur"
    if m is not None and not re.match(rf"(?:while|whilst)\s+(?!\w+ing\b)|{ONCE_ADVERB}", head[m.start() :], re.I):
        # (a concessive "While we cannot rule out X, we will" is no condition, as LEADING_TRIGGER_OK says)
        text = head[m.start() :].strip()
        text = text.split(",")[0]
        trig = clean_trigger(text)
        if trig and len(trig.split()) >= 2 and not re.search(r"\b(?:we|it)\s*$", trig):
            return trig
    access = _ACCESS_PURPOSE.search(clause, tail_from, tail_to)
    if access is not None:
        return clean_trigger(access.group(0))  # "must authenticate X in order to access Y" (DECISIONS 69)
    event = (_EVENT_OBJECT.match(clause, tail_from) or _PROTECTED_OBJECT.match(clause, tail_from)
             if tail_from < tail_to else None)
    if event is not None:
        return clean_trigger(event.group("obj"))  # "will investigate any reported breach of X" (DECISIONS 70)
    reached = _MODELS_THAT_REACH.search(clause, tail_from, tail_to)
    if reached is not None:
        # "apply mitigations to models that reach a threshold" (48, 70), with up to two words that name the class
        # ("any frontier model that crosses X"), not the verb or preposition before it
        start = reached.start()
        words = clause[tail_from:start].split()
        keep = 0
        for w in reversed(words[-2:]):
            if w.lower() in _NOT_CLASS_WORDS or w.lower() in ACT_VERBS or not re.fullmatch(r"[\w\-]+", w) or not (
                    w.lower() in _CLASS_WORDS or w[:1].isupper() or any(ch.isdigit() for ch in w)):
                break
            keep += 1
        named = " ".join(words[len(words) - keep :]) if keep else ""
        return clean_trigger(f"{named} {reached.group('obj')}".strip())
    return _class_subject(head) or _event_subject(head) or _subject_class_phrase(head)


# the author's models named by the level they reach, as the object of the act ("will not deploy models that exceed
# the thresholds without X", "apply mitigations to any model that crosses a threshold"): the class is the condition
# the words that may name the class before it: a quantifier, or a kind of model ("any frontier model", "ASL-3 models")
_CLASS_WORDS = frozenset("any all every each a an new future frontier such deployed internal external open".split())
_NOT_CLASS_WORDS = frozenset(
    "the our its their this these that those about of to for with on in into from by at information data results "
    "release deploy train share apply develop publish evaluate test use restrict limit stop pause host".split())
_MODELS_THAT_REACH = re.compile(
    r"(?P<obj>(?:models?|systems?|versions?|evaluations?|results?|capabilit(?:y|ies))(?:\s+(?:developed|"
    r"trained|built|deployed)\s+by\s+[\w\-]+)?\s+(?:that|which)\s+(?:(?:meet|meets)\s+or\s+)?(?:exceed|exceeds|reach|"
    r"reaches|cross|crosses|surpass|surpasses|trigger|triggers|score|scores|(?:have|has)\s+reached|meet|meets)\b"
    r"[^,;.()]{3,120}?)(?=\s+(?:without|until|unless|before|after|with|to|in\s+(?:any|all|each)|so\s+that|and\s+(?:will|"
    r"we))\b|\s*[,;.()]|\s*$)",
    re.I,
)


# the people a protection covers, named by what they do ("will not act against any pilot who reports a near miss in
# good faith"): the act that activates the protection (DECISIONS 48 for the subject, 70 for the object)
_PROTECTED_OBJECT = re.compile(
    r"\s*(?:retaliate|take\s+(?:any\s+)?(?:\w+\s+)?action|discriminate)\s+against\s+(?P<obj>(?:anyone|any\s+[a-z][\w\-]*|"
    r"an?\s+[a-z][\w\-]*|[a-z][\w\-]*s|people|staff|those)\s+who\s+[^,;.:()]{3,120})",
    re.I,
)


# the object of a verb of dealing with events that is itself the event that activates the act ("investigate any
# reported instances of non-compliance", "report serious incidents to X", "escalate material breaches"): DECISIONS 70
_EVENT_OBJECT = re.compile(
    r"\s*(?:(?:also|immediately|promptly|then|always)\s+)?(?:report|investigate|escalate|remediate|address|respond\s+to|"
    r"reports|investigates|escalates|remediates|addresses|responds\s+to|reporting|investigating|escalating)\s+"
    r"(?P<obj>(?:(?:any|all|each|every)\s+)?(?:(?!(?:to|with|within|without|by|in|on|at|as|for|under)\b)"
    r"[\w\-]+\s+){0,5}?(?:incidents?|incidences?\s+of\s+[\w\-]+(?:\s+[\w\-]+)?|instances?\s+of\s+[\w\-]+(?:\s+"
    r"[\w\-]+)?|breach(?:es)?(?:\s+of\s+[\w\-]+(?:\s+[\w\-]+)?)?|violations?(?:\s+of\s+[\w\-]+(?:\s+[\w\-]+)?)?|"
    r"reports\s+of\s+[\w\-]+(?:\s+[\w\-]+)?))(?=\s+(?:to|with|within|without|by|in|on|at|and|or|immediately|promptly|"
    r"as)\b|\s*[,;.:)]|\s*$)",
    re.I,
)


# the access an access rule governs ("must carry a badge in order to access any crane"): the condition the rule applies
# under, not a purpose of it (DECISIONS 69)
_ACCESS_PURPOSE = re.compile(
    r"\bin\s+order\s+to\s+(?:access|enter|operate(?:\s+on)?|log\s+(?:in|on)\s+to|connect\s+to|work\s+(?:on|with))\b"
    r"[^,;:.()]{3,120}", re.I)


# reaching a level as the subject ("Crossing the flood mark on any gauge will trigger X"): the event is the condition
_EVENT_SUBJECT = re.compile(
    r"(?P<event>(?:reaching|crossing|exceeding|surpassing|breaching|hitting|passing)\s+[^,;:()]{3,120}?)"
    r"(?:\s+(?:will|shall|must|would|also|then|automatically))*", re.I)


# the subject's own phrase that names the class of models it applies to ("Controls for models rated Severe must X",
# "Suitable security for high-level models will include Y"): the rule holds for that class (decision 48)
_SUBJECT_CLASS_PHRASE = re.compile(
    rf"\b(?P<cls>for\s+(?:(?:any|all|each|every|our|the|such)\s+)?(?:[\w\-]+\s+){{0,4}}?{CLASS_NOUN}"
    r"(?:\s+(?:rated|classified|assessed|in\s+scope|that|which|above|beyond|at|reaching|exceeding)\b[^,;:()]{0,80}?)?)"
    r"(?:\s+(?:will|shall|must|should|may|would|also|likely|is|are|be|not))*$", re.I)


def _subject_class_phrase(head: str) -> str | None:
    found = _SUBJECT_CLASS_PHRASE.search(" ".join(head.split()))
    bare = rf"for\s+(?:(?:any|all|each|every|our|the|such)\s+)?{CLASS_NOUN}"
    if found is None or re.fullmatch(bare, found.group("cls"), re.I):
        return None  # "for our models" sets no class apart
    return clean_trigger(found.group("cls"))


def _event_subject(head: str) -> str | None:
    event = _EVENT_SUBJECT.fullmatch(" ".join(head.split()))
    return clean_trigger(event.group("event")) if event is not None else None


def _class_subject(head: str) -> str | None:
    """The class of the author's models, systems or staff the subject names, narrowed (`_CLASS_SUBJECT`)."""
    subject = _CLASS_SUBJECT.fullmatch(" ".join(head.split()))
    if subject is not None and not re.search(r"\b(?:we|our|us)\b", subject.group("cls"), re.I):
        return clean_trigger(subject.group("cls"))
    return None


def is_leading(clause: str, trig: str) -> bool:
    """Does the condition open the clause (after any connective)?"""
    head = " ".join(clause.split())
    head = LEAD_CONNECTIVE.sub("", ENUM_LEAD.sub("", head))
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
    # ("Where requested", "if required": a participle is a whole condition)
    r"^(?:(?:when|if|once|where|whenever|unless)\s+(?:(?:a|an|the|any|each|our|its|this|that)\s+[\w\-]+|"
    r"(?!(?!(?:needed|required|warranted|deemed|desired|requested\s+otherwise)$)[\w\-]+ed$)[\w\-]+)|"
    r"(?:at|on)\s+(?:a|the)\s+(?:high|general|basic|broad|minimum|technical)\s+level|"
    # a state of the object, not an event ("study models when in use", "data encrypted while at rest")
    r"(?:when|while|whilst)\s+(?:in\s+(?:use|transit|operation|storage|production)|at\s+rest)|"
    # a layer of the organisation or the system ("At the software level") says where, not when
    r"at\s+the\s+(?:software|hardware|physical|network|infrastructure|system|organi[sz]ational|company|team|"
    r"individual|product|application|process|policy|user|customer|account|code|data)\s+level)$",
    re.I,
)


def clean_trigger(text: str) -> str | None:
    t = " ".join(text.split()).strip(" ,;:.—–")
    # examples in parentheses illustrate the condition, they are not part of it; a gloss ("(i.e. present in the
    # training data)") says what the condition is and stays, unless it restates it as another condition ("(i.e.
    # before continuing training ...)")
    t = re.sub(r"\s*\((?:e\.g\.|eg\b|for\s+example|for\s+instance|such\s+as|including|i\.e\.,?\s+(?=(?:before|after|"
               r"if|when|whenever|once|unless|until|upon|prior\s+to|during)\b))[^()]*\)", "", t, flags=re.I)
    # a footnote mark ("of the base model.2", "fixed.¹")
    t = re.sub(r"(?<=[a-z])\.?(?:\d+|" + SUPERSCRIPT_DIGITS + r"+)$", "", t).strip(" .")
    t = re.sub(r"\.?\[\^?[\w\-]{1,12}\]$", "", t).strip(" .")  # a note reference ("model.[^2]", "model.[2]")
    # a focusing adverb closing an opener is no part of the condition ("For the protection of X specifically,")
    t = re.sub(r"\s+(?:specifically|particularly|in\s+particular|especially)$", "", t, flags=re.I)
    # a condition cut at a conjunction keeps what it has ("if X and" -> "if X")
    t = re.sub(r"(?:\s+(?:and|or|but|then|and/or))+$", "", t, flags=re.I).strip(" ,;:")
    if _EMPTY_TRIGGER.match(t):
        return None
    return t or None


# what the author asks others for ("we seek comments from X"): their view of its work, not an aim ("seek to")
VIEWS_SOUGHT = re.compile(r"\s+(?:[\w\-]+\s+){0,2}?(?:comments?|input|feedback|advice|views|review|approval|guidance|"
                          r"opinions?)\b")


# cue words that frame the act rather than name it: a modal, a verb of commitment or intent, "includes", "continues"
_FRAMING_CUE = re.compile(
    r"(?:will|shall|must|would|should|may|might|can|cannot|ensures?|requires?|required|anticipate|includes?|"
    r"continues?|works?|seeks?|strives?|aims?|plans?|intends?|expects?|hopes?|commits?|pledges?|undertakes?)",
    re.I,
)


# an aside of discretion between a modal and its act ("may, at its discretion, apply X")
_DISCRETION_ASIDE = re.compile(
    r"^\s*,\s*(?:at\s+(?:its|our|their)\s+(?:sole\s+)?discretion|where\s+appropriate|if\s+needed|as\s+needed)\s*,\s*",
    re.I)
# a passive's subject that is part of what is done: a short noun phrase ("Evaluations", "Access to model weights")
_SHORT_SUBJECT = re.compile(
    r"(?:the\s+|our\s+|its\s+|all\s+|any\s+|each\s+)?[A-Za-z][\w\-’']*(?:\s+[\w\-’']+){0,5}", re.I)
_PRONOUN = re.compile(r"we|it|they|this|these|that|those|which", re.I)


# past participles that are not the base form plus "-ed" or "-d"
_IRREGULAR = {"kept": "keep", "held": "hold", "made": "make", "set": "set", "run": "run", "done": "do",
              "given": "give", "taken": "take", "written": "write", "shown": "show", "chosen": "choose",
              "drawn": "draw", "sent": "send", "built": "build", "overseen": "oversee", "withheld": "withhold",
              "undertaken": "undertake", "withdrawn": "withdraw", "told": "tell", "met": "meet", "led": "lead"}
# verbs the acts of a passive name beyond ACT_VERBS, in the base form (`_BASE_VERBS`, after ACT_VERBS, holds both)
_MORE_BASE = frozenset("propose destroy detail sign rotate patch scan screen check re-run rerun re-test retest back "
                       "gate rate score grade categorise categorize".split())


def base_verb(participle: str) -> str | None:
    """The base form of a known verb's past participle ("approved" -> "approve", "logged" -> "log"), else None."""
    p = participle.lower()
    if p in _IRREGULAR:
        return _IRREGULAR[p]
    stems = [p[:-3] + "y"] if p.endswith("ied") else []
    stems += [p[:-1], p[:-2]] if p.endswith("ed") else []
    if len(p) > 4 and p.endswith("ed") and p[-3] == p[-4]:
        stems.append(p[:-3])  # "logged" -> "log"
    return next((b for b in stems if b in _BASE_VERBS), None)


_PASSIVE_ACT = re.compile(r"\s*(?P<adv>(?:[a-z]+ly\s+|also\s+|then\s+|only\s+|not\s+|never\s+)*)(?P<p1>[a-z]+(?:ed|en)|"
                          r"kept|held|made|set|run|done|sent|built|told|met|led)(?:\s+and\s+(?P<p2>[a-z]+(?:ed|en)))?"
                          r"\b(?P<rest>.*)$", re.S)
# the "by" agent right after the participle: the actor, no part of the act
_AGENT_STOP = (r"to|for|in|at|on|before|after|within|every|each|and|or|if|when|unless|until|once|whenever|prior|as|"
               r"with|without|so|following|during|upon|where|quarterly|annually|monthly|weekly|daily|regularly")
_BY_AGENT_AFTER = re.compile(
    rf"^\s+by\s+(?:(?:the|our|its|an?)\s+)?[\w\-’']+(?:\s+(?!(?:{_AGENT_STOP})\b)[\w\-’']+){{0,6}}", re.I)


# a subject that is no noun phrase to take as an object: one opening on a conjunction or an adverb ("and the X",
# "As Acme operates X"), or holding a verb of its own ("This is a framework that we expect")
_NOT_OBJECT = re.compile(r"^(?:and|or|but|as|if|when|while|because|since|although|then|so)\b|"
                         r"\b(?:is|are|was|were|we|they|operates?|expects?)\b", re.I)


_PEOPLE = re.compile(r"\b(?:team|teams|staff|leadership|lead|owner|owners|engineers?|experts?|officer|function|unit|"
                     r"office|manager|managers|reviewers?|auditors?|executives?)\b", re.I)


def active_act(after: str, subject: str) -> str | None:
    """A passive act with a "by" agent ("approved by the Board before release") with its subject as the object of the
    verb written actively ("approve changes before release"), when the participle is a known verb's; None otherwise
    (the agent is the actor, decision 29)."""
    m = _PASSIVE_ACT.match(after)
    if m is None or re.search(r"\b(?:not|never)\b", m.group("adv")) or _NOT_OBJECT.search(subject):
        return None
    b1 = base_verb(m.group("p1"))
    b2 = base_verb(m.group("p2")) if m.group("p2") else ""
    if b1 is None or b2 is None:
        return None
    rest = m.group("rest")
    particle = re.match(r"\s+(up|out|off|down|back)\b", rest) if not b2 else None
    if particle is not None:  # "set up", "carried out", "signed off": the verb's own particle goes with it
        b1, rest = f"{b1} {particle.group(1)}", rest[particle.end():]
    agent = _BY_AGENT_AFTER.match(rest)
    if agent is None or not (BODY.search(agent.group(0)) or _PEOPLE.search(agent.group(0))):
        # with no agent, or a thing as the agent ("supported by audits"), the act stays passive ("Models publicly
        # released"); a body's or a person's act is written as theirs
        return None
    rest = rest[agent.end():]
    if re.search(r"\b(?:that|which|who|whose)\b", agent.group(0)) or re.match(
            r"\s*(?:,\s*)?(?:and|or)\s+(?:the\s+|our\s+)?[A-Z]|\s+(?:that|which|who)\b", rest):
        return None  # an agent with a clause of its own, or several agents (decision 31): the act stays as written
    # (a capital only the sentence start gave goes: "Crane keys" -> "crane keys"; a name keeps its own: "the Scorecard")
    obj = re.sub(r"^(?:The|Our|Its|All|Any|Each|Every|No|This|These|That|Those|A|An)\b|^[A-Z][a-z]+(?=\s+[a-z]|$)",
                 lambda w: w.group(0).lower(), subject)
    verb = f"{b1} and {b2}" if b2 else b1
    return f"{m.group('adv')}{verb} {obj}{rest}"


# a trigger that is a clause of its own, not a noun phrase the act could take as its object
_SUBORDINATE = re.compile(r"(?:before|after|when|whenever|if|unless|until|once|as|while|upon|prior|following|during|"
                          r"where|in|at|for|on|every|each)\b", re.I)


def find_safeguard(clause: str, cue: Cue, trigger: str | None) -> str:
    word = clause[cue.start : cue.end]
    # a present-tense cue is the act's own verb ("we review X", "<Org> audits Y"): the safeguard starts with it, as a
    # modal's starts with the verb after it
    act = re.fullmatch(r"[a-z]+(?:-[a-z]+)?", word) is not None and (
        _FRAMING_CUE.fullmatch(word) is None or (word.lower() in ("seek", "seeks")
                                                  and VIEWS_SOUGHT.match(clause, cue.end) is not None))
    after = clause[cue.start if act else cue.end :]
    after = re.sub(r"^\s*(?:not|only|also|then|first|always|never|to|that)\s+", "", after, flags=re.I)
    # a subject after the cue: inverted ("Under no circumstances will we X") or after a phrase of discretion ("At our
    # discretion, we may X")
    after = re.sub(r"^\s*,?\s*we\s+(?:(?:will|may|can|shall|would|might|must|should)\s+)?", " ", after, flags=re.I)
    after = _DISCRETION_ASIDE.sub(" ", after)
    passive = re.match(r"\s*be\s+", after, re.I) is not None
    after = re.sub(r"^\s*(?:to|be)\s+", "", after, flags=re.I)
    # a hedge after the modal is no part of the act ("We will endeavour to notify X": "notify X")
    after = re.sub(r"^\s*(?:endeavou?r|strive|seek|try|aim|attempt|work)\s+to\s+", "", after, flags=re.I)
    subject = " ".join(cue.subject.split())
    # "Deployment will proceed only if X": the step that may not go ahead is the act ("Deployment proceed")
    step = re.match(r"\s*(proceed|continue|resume|go\s+ahead|begin|start)\s+only\b", after, re.I)
    if step is not None and subject and _SHORT_SUBJECT.fullmatch(subject):
        after = f"{subject} {step.group(1)}{after[step.end():]}"
    head = " ".join(clause[: cue.start].split())
    relative = re.search(r"\b(?:that|which|who)\s+" + re.escape(subject) + r"\s*$", head, re.I) is not None
    if relative:
        # "Models that reach X shall not be deployed": the subject is the whole noun phrase, its relative clause too
        subject = head if "," not in head and len(head.split()) <= 12 else ""
    if passive and subject and (relative or _SHORT_SUBJECT.fullmatch(subject)) and not _PRONOUN.fullmatch(subject):
        # a passive act says what is done to its subject ("Evaluations must be completed"): the subject is part of it,
        # as the object of the act written actively where its verb is known ("Changes will be approved by the Board":
        # "approve changes"; the "by" agent is the actor, not part of the act)
        active = active_act(after, subject)
        if active is not None and trigger and trigger.lower() in subject.lower():
            trigger = None  # the class the subject names is the act's object as well as its trigger
        after = active or f"{subject} {after.lstrip()}"
    whole = after
    if trigger:
        norm = " ".join(after.split())
        idx = norm.find(trigger)
        # (a class subject that is the trigger goes too: "Models that reach X shall not be deployed until Y" commits to
        # "deployed until Y", decision 48)
        if idx > 0 or (idx == 0 and len(norm[len(trigger) :].split()) >= 2):
            after = norm[:idx] + norm[idx + len(trigger) :]
    s = " ".join(after.split()).strip(" ,;:.—–")
    # the punctuation and the joining word left where a trigger inside the act was taken out ("every month or ,")
    s = re.sub(r"([:;,])(?:\s*[,;:])+", r"\1", s)
    s = re.sub(r"\s+(?:or|and)\s*(?=[,;]|$)", "", s)
    if trigger:
        # the class taken out as the trigger: "release the weights of", "apply this framework to , whether X"
        s = re.sub(r"\s+(?:of|for|to|on|against)\s*(?:$|(?=,))", "", s)
        # ... and the determiner of a class subject taken out ("No <class> released with X" -> "released with X")
        s = re.sub(r"^(?:no|any|every|each|all)\s+(?=[a-z]+(?:ed|en)\b)", "", s, flags=re.I)
    if trigger and len(s.split()) == 1 and len(whole.split()) > 2 and not _SUBORDINATE.match(trigger):
        # a verb alone is no act: the class taken out was its object ("retaliate against anyone who reports X")
        s = " ".join(whole.split()).strip(" ,;:.—–")
    s = re.sub(r"(?<=[a-z])\d+\b", "", s)  # footnote digits glued to words
    if not s:
        # the cue is the whole act, a passive the subject receives ("..., the Safety Board is informed."): the subject
        # with its participle, not the whole clause with its condition
        received = re.match(r"\s*(?:is|are)\s+(?:\w+ly\s+)?([a-z]+(?:ed|en))\b", word)
        if received is not None and subject:
            bare = re.sub(r"^(?:the|our)\s+", "", subject, flags=re.I)
            return f"{bare} {received.group(1)}"
    return s or " ".join(clause.split())


# open-ended aims ("harden security", "minimise risk", "defend against attackers") with no checkable output:
# only the author can say when they are met
_OPEN_AIM = re.compile(
    r"\b(?:harden(?:s|ing)?|defend(?:s|ing)?|strengthen(?:s|ing)?|enhanc(?:e|es|ing)|refin(?:e|es|ing)|"
    r"prevent(?:s|ing)?|focus(?:es|ing)?\s+on|work\s+(?:rapidly\s+|quickly\s+)?to|look\s+to|strive|"
    r"as\s+much\s+as|(?:treated|taken)\s+seriously|"
    # ongoing effort with no end point: "continue to improve", "continuously enhance", "iteratively refine"
    r"continu(?:e|es|ing)\s+to\s+(?:improve|enhance|refine|advance|study|assess|evolve|invest|build|grow|expand)|"
    r"continuously|iteratively|keep\s+pace|"
    # a stance rather than an act: "take an approach", "remain committed", "place emphasis on", "prioritize"
    r"(?:take|adopt)s?\s+(?:an?\s+)?(?:\w+\s+)?approach|remain(?:s)?\s+committed|(?:place|put)s?\s+(?:\w+\s+)?emphasis|"
    r"prioriti[sz](?:e|es|ing)|take\s+responsibility|build\s+on|"
    # a direction, not a level: "minimize risk", "maximize protections", "optimal use"
    r"minimi[sz](?:e|es|ing)|maximi[sz](?:e|es|ing)|optimi[sz](?:e|es|ing)|optimal|"
    # an effort toward an end, with no act named: "take steps to X", "reduce the risk of Y"
    r"take\s+(?:\w+\s+)?steps\s+to|reduc(?:e|es|ing)\s+(?:the\s+)?(?:risks?|harms?|likelihood))\b",
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
_PURPOSE = re.compile(rf",?\s+(?:{_PURPOSE_LEAD})\b.*$", re.I | re.S)


# an ongoing effort to make something better, and what would make one checkable from outside all the same
_ONGOING = re.compile(
    r"\bcontinu(?:e|es|ing)\s+to\s+(?:\w+ly\s+)?(?:improve|enhance|refine|advance|evolve|strengthen|mature|develop|"
    r"explore|study|research|invest|build\s+(?:on|out)|grow|expand|iterate|work\s+(?:on|to))\b",
    re.I,
)
_OUTSIDE_OUTPUT = re.compile(
    r"\b(?:publish\w*|public(?:ly)?|reports?|(?:model|system)\s+cards?|bug\s+bount\w+|external|third[-\s]part\w+|"
    r"independent|governments?|academ\w+|red[-\s]?team\w*)\b",
    re.I,
)


def _unnumbered(text: str) -> str:
    """Without the numbers that measure nothing: a named level ("Tier-3", "ASL-3"), a list number, a footnote."""
    return re.sub(r"\b[A-Z]{2,}[-\s]?\d+\b|\b\d+[a-z]?[.)]\s|(?<=[a-z])\d+\b", " ", text)


def specificity(clause: str, modality: Modality, trigger: str | None = None) -> Specificity:
    """Judged on the committed action: the condition that activates it and the purpose it serves are left out
    ("If the agreed controls are missing, halt the run" is concrete)."""
    if trigger and not _DISCRETION_ONLY.match(trigger):
        if _QUANT.search(_unnumbered(trigger)):
            # a frequency or deadline read as the condition ("At least every twelve months, we will ...") still
            # times the act (DECISIONS 10), and a number in the condition is the threshold that activates it
            return "quantitative"
        flat = " ".join(clause.split())
        i = flat.lower().find(trigger.lower())
        if i >= 0 and len(flat) - len(trigger) > 15:
            clause = flat[:i] + flat[i + len(trigger) :]
    clause = _PURPOSE.sub("", clause)
    body = _unnumbered(clause)
    if _QUANT.search(body):
        return "quantitative"
    if _VAGUE.search(body):
        return "vague"
    if _OPEN_AIM.search(body) and not _CHECKABLE.search(body):
        return "vague"
    if _ONGOING.search(body) and not _OUTSIDE_OUTPUT.search(body):
        # "continue to enhance our evaluations": an effort with no end point stays open whatever it works on,
        # unless it names something outsiders get or see
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


# a legal entity of the author named as the subject ("Acme Corp. is responsible for", "Acme Europe, Limited is"): the
# entity as written, since the document distinguishes it from the group (ANNOTATION: a named body as written)
_LEGAL_ENTITY = re.compile(
    r"^(?!(?:The|A|An|This|These|Our|Its|Each|Every|All|Any)\b)[A-Z][\w&\-]*(?:\s+[A-Z][\w&\-]*){0,2},?\s+(?:PBC|Inc\.?|LLC|L\.L\.C\.|Ltd\.?|Limited|GmbH|Corp\.?|Corporation|plc|PLC|"
    r"S\.A\.|B\.V\.|AG|SAS|Co\.)(?=[\s,]|$)"
)


# the subject's head noun phrase before an apposition or aside that describes it ("A dedicated Review Board, composed
# of our X and Y, shall"): the apposition's "our" is not the subject
_APPOSITION = re.compile(
    r"^(?P<np>[^,;:]{3,80}?),\s+(?:composed\s+of|comprising|consisting\s+of|made\s+up\s+of|chaired\s+by|led\s+by|"
    r"including|potentially|together\s+with|in\s+(?:collaboration|consultation|coordination)\s+with|with\s+(?:the\s+)?"
    r"(?:support|input|help|advice)\s+of)\b[^;:]*,\s*$"
)


# a generic body noun written in lower case ("the risk owner", "the modeling organization", "the board")
_GENERIC_BODY = (r"teams?|group|leadership|function|owners?|committee|council|panel|working\s+group|board|"
                 r"organi[sz]ation|department|division|unit")


def _generic_body(subject: str, head: str = "") -> str | None:
    """A generic body with its modifiers ("the development team", "Acme's senior leadership", "the team performing
    the evaluations") as written, the possessive as the plain name (decision 46); a bare "the team" stands for the
    body the clause named before it ("If the engineering team sees X, the team is responsible ...")."""
    text = subject.split(",")[0].strip()
    # where the body sits is not part of its name ("the modeling function at Acme")
    text = re.sub(r"\s+(?:at|of|within|in)\s+(?:[A-Z][\w\-]*\s*){1,3}$", "", text)
    generic = re.search(
        r"(?:\b(?P<org>[A-Z][\w\-]*)[’']s\s+|\b(?:[Tt]he|[Oo]ur|[Ii]ts|[Aa]n?|[Ee]ach|[Ee]very)\s+)"
        r"(?P<mods>(?:(?!(?:the|a|an|our|its)\b)[a-z][\w\-]*\s+(?:(?:and|&)\s+)?){0,2})(?P<noun>" + _GENERIC_BODY + r")"
        r"(?P<post>\s+(?:performing|running|conducting|leading|responsible\s+for)\s+[^,;()]{3,70}?)?"
        # (a relative clause says which one, not its name: "A model owner who sees X must Y")
        r"(?:\s+who\s+[^,;()]{3,80}?)?\s*$",
        text,
    )
    if generic is None:
        return None
    if generic.group("mods") or generic.group("post"):
        return " ".join(
            w for w in (generic.group("org"), generic.group("mods").strip(), generic.group("noun"),
                        (generic.group("post") or "").strip()) if w
        )
    noun = generic.group("noun")
    if re.fullmatch(r"(?:[Tt]he)\s+" + noun, text) and head:
        named = None
        for cand in re.finditer(r"\b(?:the|our)\s+((?:(?!(?:the|a|an|our|its)\b)[a-z][\w\-]*\s+){1,2}" + noun + r")\b",
                                head):
            named = cand
        if named is not None:
            return named.group(1)
    if noun.lower() == "board":
        return "Board"
    return None


# a passive after the cue with no "by" agent: its subject undergoes the act ("The Board will be promptly notified",
# "Stakeholders including the CEO should be convened"), so the body only receives and the organisation acts (decision
# 30); a participle that hands the subject a duty ("will be required to", "is tasked with") keeps the body
_RECEIVES = re.compile(
    r"^\s*(?:(?:not|also|then|first|always|immediately|promptly|\w+ly)\s+)*be\s+(?:\w+ly\s+)?"
    r"(?!(?:required|expected|tasked|charged|empowered|authori[sz]ed|asked|obliged|obligated|entrusted|mandated|"
    r"permitted|allowed|directed|instructed|invited|encouraged)\b)"
    r"(?:[a-z]+(?:ed|en)|told|sent|given|shown|kept|brought|sought)\b(?![^;]*\bby\b)",
    re.I,
)


def actor_for(subject: str, org: str, bodies: dict[str, str] | None = None, head: str = "", after: str = "") -> str:
    """Who commits: the organisation for "we" and its process, a body it names as the subject (as written, on one
    line), a legal entity of its own, or the party a regulation obliges. `head` is the clause before the cue, `after`
    the text after it (a passive there makes the subject a receiver)."""
    return " ".join(_actor(subject, org, bodies, head, after).split())


# a function of the author named with the author's name ("Acme Security reviews X", "Acme's Legal team"): a body, as
# written (a function's name alone, "Security", names no one)
_DEPARTMENT = (r"(?:Security|Safety|Legal|Research|Policy|Compliance|Engineering|Operations|Product|Risk|Governance|"
               r"Trust\s+(?:and|&)\s+Safety|Safety\s+Systems|Internal\s+Audit)")


def org_department(subject: str, org: str) -> str | None:
    """The author's function the subject names with the author's name, as written without the possessive (decision
    46: "Acme's Legal team" -> "Acme Legal team"), or None."""
    if not org:
        return None
    m = re.fullmatch(rf"\s*(?:the\s+)?(?P<name>(?:{org_pattern(org)})(?:[’']s)?\s+(?-i:{_DEPARTMENT})"
                     r"(?:\s+(?:team|group|function|organi[sz]ation|department|unit))?)\s*", subject, re.I)
    return " ".join(re.sub(r"[’']s\b", "", m.group("name")).split()) if m is not None else None


def _actor(subject: str, org: str, bodies: dict[str, str] | None, head: str, after: str) -> str:
    if after and _RECEIVES.match(after):
        return org
    # a stray glyph left by PDF extraction before the subject ("J The Board")
    subject = re.sub(r"^\s*[^\sAI\W]\s+(?=[A-Z])", "", subject)
    # an alternative in parentheses names another body ("the board (or its risk committee)"): the subject is before it
    subject = re.sub(r"\s*\([^()]*\)", "", subject)
    lead = head.strip()
    if not subject.strip() and lead:
        # the subject stands before an apposition the cue's subject search stopped at
        appos = _APPOSITION.match(lead)
        if appos is not None:
            subject = appos.group("np")
    for text in (subject.strip(), lead):
        entity = _LEGAL_ENTITY.match(text)
        if entity is not None and not re.search(rf"\b{ORG_WORDS}\b", subject, re.I) and not BODY.search(subject):
            return entity.group(0).strip()
    dept = org_department(subject, org)
    if dept is not None:
        return dept
    m = None
    first = None  # where the run of adjacent body names that ends at `m` starts
    for cand in BODY.finditer(subject):
        adjacent = m is not None and not subject[m.end(1) : cand.start(1)].strip()
        first = first if adjacent else cand
        m = cand
    # a role named after its body ("the Harbour Council Chair"): the two names are one, as written
    if m and first is not None and first is not m:
        joined = subject[first.start(1) : m.end(1)]
        if not _joint_bodies(subject):
            return re.sub(r"^(?:The|the|Our|our)\s+", "", joined).strip()
    if m and _joint_bodies(subject):
        return org  # "the CEO and the Board can adjust X", "Leadership, the Panel and the Council agree" (31)
    if m and not re.search(rf"\b{ORG_WORDS}\b\s*$", subject, re.I):
        name = re.sub(r"^(?:The|the|Our|our|An?|an?)\s+", "", m.group(1)).strip()
        # the organisation's possessive before a named body is not part of its name ("Acme's Chief Risk Officer")
        name = re.sub(r"^[A-Z][\w\-]*[’']s\s+(?=[A-Z])", "", name)
        if name and name.lower() not in ("team", "group", "board", "leadership", "function", "owner", "owners",
                                         "committee", "council", "panel", "working group"):
            return name
        # ("The team performing the evaluations", "An internal team": the postmodifier or the modifier names it)
        generic = _generic_body(subject, head)
        if generic is not None:
            return _owned(generic, org)
        if name.lower() == "leadership" and org:
            # the author's leadership, named as its documents name it ("Acme Leadership", decision 46's possessive)
            mods = re.search(rf"\b{_LEADERSHIP}\b", subject, re.I)
            return _owned(mods.group(0).lower(), org) if mods else org
        if name.lower() == "board":
            return "Board"
        if name.lower() in ("council", "panel") or (name.lower() == "committee" and (
                name[:1].isupper() or re.fullmatch(r"the\s+committee", subject.strip(), re.I))):
            # the body the text named before ("the Council", "The Committee decides X", "the committee meets"), by
            # the noun a document-wide pass reads as that body's name (process.body_names)
            return name[:1].upper() + name[1:]
    elif m is None and not re.search(rf"\b{ORG_WORDS}\b", subject, re.I):
        # a body BODY does not know by its lower-case noun ("the board", "the modeling organization")
        generic = _generic_body(subject, head)
        if generic is not None:
            return _owned(generic, org)
    if bodies and not re.search(rf"\b{ORG_WORDS}\b", subject, re.I):
        for acr, expansion in bodies.items():
            if re.search(rf"\b{re.escape(acr)}\b", subject):
                return expansion
    if re.search(rf"\b{ORG_WORDS}\b", subject, re.I):
        return org
    # the obligated party of a regulation or a joint pledge: "Providers of general-purpose AI models shall"
    for text in (subject, head):
        party = _PARTY.search(text)
        if party:
            return re.sub(r"^(?:the|a|an|all|each|every|above|participating)\s+", "", party.group(0), flags=re.I)[:80]
    return org


# two bodies joined as one subject ("the CEO and the Board", "Owners and members of the Committee")
_JOINED = re.compile(r"^\s*(?:,|,?\s*(?:and|&|or|and/or))\s+(?:(?:the|our|members\s+of\s+the)\s+)?$", re.I)


def _joint_bodies(subject: str) -> bool:
    """Does the subject name two or more bodies jointly (decision 31)? Joined by "and", "or" or a comma; a body
    of a body ("the Chair of the Board") is one."""
    found = list(BODY.finditer(subject))
    return any(_JOINED.match(subject[a.end() : b.start()]) for a, b in zip(found, found[1:], strict=False))


# the author's leadership, with the words that say which of it ("senior leadership")
_LEADERSHIP = r"(?:(?:senior|executive|corporate|company)\s+)?leadership"


def _owned(generic: str, org: str) -> str:
    """The author's leadership is named with the author ("senior leadership" -> "Acme senior leadership", as
    "Acme's senior leadership" is)."""
    if org and re.fullmatch(_LEADERSHIP, generic, re.I):
        return f"{org} {generic}"
    return generic


# verbs of a process's acts, in their base form (an instruction's first word, the verb after "and" of a second act)
ACT_VERBS = frozenset(
    IMPERATIVE_VERBS
    + "summarize summarise confirm revisit revise reassess escalate submit brief notify inform halt assess analyze "
    "analyse harden provide pause resume investigate remediate disclose retrain restrict adjust expand "
    "strengthen extend broaden deepen leverage repair fix correct replace send forward "
    # acts of dealing with others and answering ("and explain X", "and works with Y", "and respond to Z")
    "explain respond participate authenticate work join partner offer seek "
    # acts of a body's role ("reviews X and makes recommendations to Y", "and advises the Board"); receiving is no act
    # of the body's but a step of its own, the author's (decision 30: "approves X, and receives a report each quarter")
    "make issue recommend oversee decide convene advise receive "
    # acts of a process in general, rarely nouns ("and compare the results with X", "and incorporate Y")
    "accept adapt allocate announce assist attest authorise authorize certify clarify compare compile "
    "conclude cooperate declare delegate deliver describe detect discontinue estimate execute formulate incorporate "
    "initiate invite justify minimise minimize nominate observe operate outline preserve quantify recruit refuse "
    "reject resolve synthesise synthesize terminate warn characterise characterize".split()
)
_BASE_VERBS = ACT_VERBS | _MORE_BASE  # the verbs `base_verb` knows


# verbs of purpose that are no measures of their own: "and" after "to foster X" continues the purpose
_PURPOSE_VERBS = frozenset("foster promote enable encourage demonstrate advance reinforce facilitate cultivate".split())


# verbs that are as often nouns ("and test results"): a verb only before a determiner or pronoun
_NOUN_LIKE = frozenset(
    "test review record log report update plan use support track release design set run store limit stop document "
    "audit measure train lock keep share commit delay secure process work partner offer".split()
)


# a verb phrase that hedges its own act ("aim to align with X"): after "and", a second act of the subject's, intended
HEDGED_PART = re.compile(r"(?:aims?|plans?|intends?|seeks?|strives?|hopes?|try|tries)\s+to\s+(?:\w+ly\s+)?[a-z]+\b")


# the noun-like verbs whose third person is no plural noun ("keeps", "secures", "commits")
_NO_PLURAL_NOUN = frozenset("keep secure commit".split())


# the noun-like verbs that take "to" after them as verbs ("and report to the board", "and limit to one site")
_TO_VERBS = frozenset("report commit plan keep stop release limit use".split())


_PREPOSITIONS = frozenset("to of in on for with by from into onto about against within".split())


# words after "and also" that start no verb phrase ("and also the public", "and also to X")
_NOT_ALSO_VERB = frozenset(
    "the a an our its their this these that those any all each every to of in on for with by from as at "
    "is are was were be been has have had do does can could may might will would should must shall not".split()
)


# "and then X", "and continuously X": an adverb of manner before the verb ("apply", "supply", ... are verbs)
_AND_VERB = re.compile(
    # ("and where applicable consider X": an escape clause between the "and" and the verb belongs to the second act)
    rf",?\s+and\s+(?P<disc>{ESCAPE_CLAUSE},?\s+)?"
    r"(?:(?<=,\sand\s)(?P<to>to)\s+)?(?:then\s+|also\s+|immediately\s+|promptly\s+|"
    r"(?P<adv>(?!(?:only|apply|supply|comply|multiply|reply|imply)\b)[a-z]{3,}ly)\s+)?(?P<verb>[a-z]+)\b")


_DETERMINER_NEXT = re.compile(
    r"^\s+(?:the|a|an|our|its|their|any|all|each|every|these|this|that|those|whether|how|what|it|them|with|to)\b"
)


# a further present-tense verb phrase of the same subject ("<Org> designs X, conducts Y, and continues to Z")
# ("reviews X and, within ten days of Y, sends Z": the second phrase keeps the opener of its own)
_THIRD_VERB = re.compile(
    r"(?:,\s+(?:and\s+)?|,?\s+and\s+|\s+and,\s+(?P<opener>[^,;]{3,80}),\s+)"
    r"(?P<phrase>(?:(?:then|also|[a-z]+ly)\s+)?(?P<verb>[a-z]+s))\b")


def role_duty(label: str, column: str | None, cell: str) -> bool:
    """Is a table cell a duty of the role its row names ("Chief Risk Officer | Approves every release")? The row's
    label is a body or role (or the cell's column names duties), and the cell opens on a present-tense verb of an
    act: the row's label is then the actor, not a condition."""
    m = re.match(r"([A-Z][a-z]+)\b", cell.strip())
    if m is None or not m.group(1).endswith("s"):
        return False
    if _third_base(m.group(1).lower()) not in ACT_VERBS:
        return False
    return bool(BODY.fullmatch(label.strip()) or re.search(r"responsibilit|dut(?:y|ies)|\brole|accountab", column or "",
                                                            re.I))


def _third_base(word: str) -> str:
    """The plain form of a third-person present verb ("conducts" -> conduct, "applies" -> apply)."""
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    return word[:-1]


_OBJECT_NEXT = re.compile(r"\s+(?:[a-z]+\s+)?(?:the|a|an|our|its|their|any|all|each|every)\b")


def _third_person_actions(clause: str, pos: int) -> list[int]:
    """Where each further verb phrase starts in "<subject> <verb>s X, <verb>s Y, and <verb>s Z" (`pos`: right after the
    first verb): the verb must be a known act and take an object, not end a list of nouns."""
    starts = []
    for m in _THIRD_VERB.finditer(clause[: pos + WINDOW * 2], pos):
        verb = m.group("verb")
        # verbs sharing one object ("reviews, approves and publishes X") stay one phrase
        if verb.endswith("ss") or not re.search(r"\w", clause[pos : m.start()]):
            continue
        # a known act, or a word an adverb or an object marks as a verb ("and continuously improves them")
        # (after an opener of its own, "and, within ten days, sends the owners X", the word is the verb, its object
        # maybe after an indirect one: "sends captains a written answer")
        opened = bool(m.group("opener")) and _OBJECT_NEXT.match(clause, m.end()) is not None
        if not (_third_base(verb) in ACT_VERBS or re.search(r"ly\s+\w+$", m.group(0)) or opened):
            continue
        if re.search(r"\b(?:both|between|or)\b[^,;]*$", clause[pos : m.start()]):
            continue
        nxt = clause[m.end() :]
        # (a verb whose third person is no plural noun is a verb wherever it stands: "and keeps minutes of X")
        if (not nxt.strip() or re.match(r"\s*[,;.:)]|\s+(?:and|or)\b", nxt)
                or (_third_base(verb) in _NOUN_LIKE - _NO_PLURAL_NOUN and not _DETERMINER_NEXT.match(nxt))):
            continue  # a noun closing a list ("designs X, tests, and logs for Y")
        starts.append(m.start("opener") if m.group("opener") else m.start("phrase"))  # with its adverb: "continuously
        # improves them"
        pos = m.end()
    return starts


_COMMA_VERB = re.compile(r",\s+(?P<verb>[a-z]+)\b(?=\s+[a-z])")


def _series_actions(clause: str, pos: int, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The verb phrases of a series before its last "and" ("we open X, conduct Y, provide Z, and apply W"): each of
    its comma-led verbs after an object of the verb before starts a phrase of its own (DECISIONS 3)."""
    start, end = spans[0]
    cuts: list[int] = []
    prev = pos
    for c in _COMMA_VERB.finditer(clause, pos, end):
        verb = c.group("verb")
        before = clause[prev : c.start()]
        last = re.search(r"([a-z]+)\W*$", before)
        # "will investigate, report the findings to X, and oversee Y": after a verb with no object, a verb with an
        # object of its own starts a phrase too ("identify, assess, and manage X" share one object)
        alone = not before.strip() and _DETERMINER_NEXT.match(clause[c.end() :]) is not None
        if not alone and (verb not in ACT_VERBS or verb in _NOUN_LIKE or len(before.split()) < 1 or last is None
                          or last.group(1) in ACT_VERBS or last.group(1) in _PREPOSITIONS):
            continue
        if alone and verb not in ACT_VERBS | _NOUN_LIKE:
            continue
        cuts.append(c.start("verb"))
        prev = c.end()
    if not cuts:
        return spans
    out: list[tuple[int, int]] = []
    for cut in cuts:
        out.append((start, len(re.sub(r"[\s,]+$", "", clause[:cut]))))
        start = cut
    out.append((start, end))
    return out + spans[1:]


_PROGRESSIVE_TO = re.compile(r"\b(?:are|is|am)\s+(?:[a-z]+ly\s+)?[a-z]+ing\s+to\s*$", re.I)
_CHAIN_TO = re.compile(r"\s*(?:continue|commit|aim|seek|work|plan|strive|intend|try|endeavou?r)\s+to\s", re.I)


def split_actions(clause: str, action_start: int, third: bool = False) -> list[tuple[int, int]]:
    """Spans of the verb phrases of one modal ("will halt X and notify Y", "pause training and analyze the
    risk"): one commitment each (DECISIONS 3). A single verb with a list of objects stays one. `third`: the cue is a
    present-tense verb of a singular subject ("<Org> designs X, conducts Y, and continues to Z"), whose further verb
    phrases are in the third person too."""
    first = re.match(
        r"\s*(?:(?:not|only|also|then|first|always|immediately|promptly|to|be|[a-z]+ly)\s+)*[a-z]+",
        clause[action_start:],
        re.I,  # an instruction opens with its capitalised verb ("Expand X and join Y")
    )
    if first is None:
        return [(0, len(clause))]
    pos = action_start + first.end()
    if re.fullmatch(r"(?:.*\b(?:includes?|including)\s+)?", clause[:action_start], re.I | re.S):
        series = gerund_series(clause[action_start:])  # "This includes creating X and ensuring Y"
        if series:
            return [(action_start + a if a else 0, action_start + b) for a, b in series]
    spans: list[tuple[int, int]] = []
    start = 0
    window = clause[: pos + WINDOW * 2]
    # the action is an infinitive after its modal chain ("will continue to X", "commit to X"): ", and to Y" after it
    # is the chain's second infinitive, not a purpose of X
    chained = (re.search(r"\bto\s*$", clause[:action_start]) is not None
               or _CHAIN_TO.match(clause, action_start) is not None)
    for m in _AND_VERB.finditer(window, pos):
        if m.group("to") and not chained:
            continue
        verb = m.group("verb")
        # "and also <verb>": "also" marks a second verb phrase whatever the verb ("and also work with X")
        also_verb = (re.search(r"\salso\s", m.group(0)) is not None and verb not in _NOT_ALSO_VERB
                     and not verb.endswith(("ed", "ing")))
        # "will be proposed by X and approved by Y": a second passive step with its own agent is its own commitment
        other_agent = (verb.endswith("ed") and re.match(r"\s+by\b", clause[m.end() :]) is not None
                       and re.search(r"\bbe\s+[a-z]+ed\s+by\b", clause[:action_start + 40] + clause[pos : m.start()])
                       is not None)
        # "will have X audited by 2025 and aim to align with Y by 2026": a hedged second act (HEDGED_PART)
        hedged = HEDGED_PART.match(clause, m.start("verb")) is not None
        if (verb not in ACT_VERBS and not also_verb and not other_agent and not hedged) or not clause[
                pos : m.start()].strip():
            continue
        if verb in _NOUN_LIKE and not m.group("to") and not _DETERMINER_NEXT.match(clause[m.end() :]):
            continue  # after "to" it is the verb ("and to share and use X")
        if verb in _NOUN_LIKE and verb not in _TO_VERBS and re.match(r"\s+to\b", clause[m.end() :]):
            continue  # a noun before "to" ("provide guidance and support to customers"): as verbs they take none
        before = clause[pos : m.start()]
        if re.search(r"\b(?:both|between|or)\b[^,;]*$", before):
            continue
        last = re.search(r"([a-z]+)\W*$", before)
        # a verb-like word after a preposition or determiner is a noun ("when in use", "after the review")
        # (one modifier may stand between: "publish a drill report and notify X")
        noun_last = re.search(
            r"\b(?:in|of|on|for|under|after|before|the|a|an|our|its|their|this|each)\s+(?:[a-z\-]+\s+)?[a-z]+\W*$",
            before)
        if last is not None and (
            (last.group(1) in ACT_VERBS and noun_last is None)
            or last.group(1) in _PREPOSITIONS
            # an infinitive's verb ("to assess, and manage X"), not a plural noun after "to" ("to users, and explain Y")
            or re.search(r"\bto\s+(?:[a-z]+ss|[a-z]*[a-rt-z])\W*$", before) is not None
        ):
            continue  # verbs sharing one object ("identify, assess, and manage X"; "contribute to, and apply, X")
        if not m.group("to") and any(w.group(1) in ACT_VERBS | _PURPOSE_VERBS
                                     for w in re.finditer(r"\bto\s+([a-z]+)", before)):
            continue  # the "and" may continue an infinitive inside the object ("processes to assess X and track Y");
            # ", and to <verb>" after a comma is a further infinitive of the modal's ("continue to X, and to Y")
        if re.search(r"\b(?:so|such)\s+that\b", before, re.I):
            continue  # inside a purpose clause the verbs are the purpose's ("so that users may comment and report X")
        spans.append((start, m.start()))
        # the phrase keeps its own adverb of manner ("continuously respond to X"), as the gold quotes it
        start = (m.start("disc") if m.group("disc") else m.start("to") if m.group("to") else
                 m.start("adv") if m.group("adv") else m.start("verb"))
        pos = m.end()
    if not spans and _PROGRESSIVE_TO.search(clause[:action_start]):
        # "we are actively working to build X and collaborating with Y": a second progressive act of the subject
        for g in _GERUND_NEXT.finditer(clause, pos):
            if _GERUND.fullmatch(g.group("verb")) and len(clause[g.start("verb") :].split()) >= 3:
                spans.append((start, g.start()))
                start = g.start("verb")
                break
    if spans and not third:
        spans = _series_actions(clause, action_start + first.end(), spans)
    if third and len(spans) == 0:
        for verb_start in _third_person_actions(clause, action_start):
            end = len(re.sub(r"(?:[\s,]|\band)+$", "", clause[:verb_start]))
            spans.append((start, end))
            start = verb_start
    spans.append((start, len(clause)))
    with_step = _WITH_STEP.search(clause, max(pos, spans[-1][0]))
    if with_step is not None:
        # ", with the changes documented in a log and published within 30 days": a further step of its own (decision 3)
        spans[-1] = (spans[-1][0], with_step.start())
        spans.append((with_step.start("with"), len(clause)))
    tail = _ALSO_GERUND.search(clause, max(pos, spans[-1][0])) or _OWN_GERUND.search(clause, max(pos, spans[-1][0]))
    if (tail is not None and (tail.re is _ALSO_GERUND or _process_gerund(tail.group("verb")))
            and not re.match(r"\s*(?:into\s+)?(?:account|consideration|note|care)\b", clause[tail.end() :])):
        # "we monitor X, performing corrective action when needed": a trailing act with its own condition or a
        # response of its own is a commitment of its own (decision 3), not a manner of the first
        spans[-1] = (spans[-1][0], len(re.sub(r"[\s,]+$", "", clause[: tail.start()])))
        spans.append((tail.start("verb"), len(clause)))
    return spans


# a gerund, not a preposition or noun that ends in -ing
_GERUND = re.compile(
    r"(?!(?:during|including|following|according|regarding|concerning|pending|notwithstanding|something|nothing|"
    r"anything|everything|thing|things|training|meeting|setting|funding|building|understanding|timing)\b)"
    r"[A-Za-z][a-z]{2,}ing",
    re.I,
)


# ", and proposing", " and escalating": the next gerund phrase of a series
_GERUND_NEXT = re.compile(r",?\s+and\s+(?P<verb>[a-z]{3,}ing)\b")


def gerund_series(clause: str) -> list[tuple[int, int]]:
    """A phrase that opens with a gerund and goes on with another ("Investigating X and escalating Y", "Reviewing X,
    and proposing Y"): one span per gerund phrase (DECISIONS 3); none when it opens with no gerund or a part would
    be shorter than three words (verbs sharing one object)."""
    # (after what announces it: "This includes creating X and ensuring Y" is two steps as well)
    first = re.match(r"\s*(?:(?:this|it|these|that)\s+(?:includes?|involves?|entails?|means)\s+)?([A-Za-z]+)", clause,
                     re.I)
    if first is None or not _GERUND.fullmatch(first.group(1)):
        return []
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _GERUND_NEXT.finditer(clause, first.end()):
        if not _GERUND.fullmatch(m.group("verb")):
            continue
        if re.search(r"\b(?:both|between|either)\b", clause[start : m.start()]):
            continue
        spans.append((start, m.start()))
        start = m.start("verb")
    if not spans:
        return []
    spans.append((start, len(clause)))
    return spans if all(len(clause[a:b].split()) >= 3 for a, b in spans) else []


# ", <verb>ing X ..." ending the clause: a trailing gerund phrase
_OWN_GERUND = re.compile(r",\s+(?P<verb>[a-z]+ing)\b(?=[^,;]*$)")
# an absolute phrase that states a further step: ", with results reported to the board", ", with mitigations then
# applied to X"
_WITH_STEP = re.compile(
    # (a manner is no step: "with care taken to minimise X", "with attention paid to Y")
    r",\s+(?P<with>with\s+(?!(?:great\s+|particular\s+|special\s+|due\s+)?(?:care|caution|attention|regard|"
    r"consideration|emphasis|priority|respect)\b)(?:[\w\-’']+\s+){1,12}?(?:then\s+|also\s+)?[a-z]+(?:ed|en|wn)\s+"
    r"(?:to|in|into|within|by|at|for|on|through|via|after|before|with)\b)"
)


# ", while also ensuring X", ", and also maintaining Y", ", as well as developing Z": a second act of the subject,
# whatever the verb
_ALSO_GERUND = re.compile(
    r",\s+(?:(?:while|whilst|and)\s+also|as\s+well\s+as)\s+"
    # (an -ing word that describes a noun is no act: "as well as emerging threats", "as well as existing models")
    r"(?!(?:emerging|existing|evolving|leading|growing|increasing|ongoing|remaining|upcoming|underlying|"
    r"corresponding|competing|concerning|enabling|interesting|promising|challenging|outstanding|pending)\b)"
    r"(?P<verb>[a-z]{3,}ing)\b")
# acts of response and correction a trailing gerund names on its own ("revoking access", "taking corrective
# action"); not the means or elaboration of the act before it ("using X", "assessing Y", "including Z")
_RESPONSE_GERUNDS = frozenset(
    "perform take apply revoke suspend block disable remove delete restrict halt pause stop notify escalate "
    "patch fix remediate correct roll withdraw report".split()
)


def _process_gerund(word: str) -> bool:
    """Is the -ing word a response or correction the author takes ("revoking", "performing", "taking")?"""
    stem = word[:-3]
    return any(f in _RESPONSE_GERUNDS for f in (stem, stem + "e", stem[:-1]))


def cue_actions(clause: str, cue: Cue) -> list[tuple[int, int]]:
    """`split_actions` after a cue: a present-tense verb of a singular subject that is not "we" ("<Org> designs X,
    conducts Y") is followed by verb phrases in the third person."""
    word = clause[cue.start : cue.end]
    # ("The Safety Officer is responsible for X and reviews Y": after a singular "is", the next verb is in the third
    # person)
    third = (re.fullmatch(r"[a-z]+[^s]s", word) is not None or re.match(r"is\s", word, re.I) is not None) and (
        cue.subject.lower() != "we")
    return split_actions(clause, cue.end, third)


def safeguard_of(part: str, trig: str | None) -> str:
    """A verb phrase without its trigger and trailing punctuation."""
    text = " ".join(part.split())
    if trig and trig in text:
        text = " ".join(text.replace(trig, "").split())
    text = text.strip(" ,;.—–")
    return re.sub(r"(?<=[a-z])\d+\b", "", text) or " ".join(part.split())
