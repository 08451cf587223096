"""Cues: where a clause commits its author, and how strongly.

`find_cue` reads a modal verb whose subject is the author (or one of its bodies, or the author's own process in
the passive); the other recognisers read commitments with no modal verb: the present tense of the author's own
process or a body's role, a passive process statement, a rule stated of a class of the author's models, a step a
procedure performs, a threshold stated as the author's own decision criterion, and an imperative addressed to oneself.
What only looks like a commitment is set aside here too: another party's duty, a state of the models or of current
practice, the document describing itself, a taxonomy, a mission, a statement of business.
"""

from __future__ import annotations

import re

from ...models import Modality
from .fields import Cue, clean_trigger
from .patterns import (
    BODY,
    GENERIC_CLASS,
    IMPERATIVE_VERBS,
    LEADING_TRIGGER_OK,
    LEGAL_SOURCE,
    NEGATED_SUBJECT,
    ORG_WORDS,
    PLACE_OPENER,
    PREPOSITION_OPENER,
    PROCESS_PARTICIPLES,
    ROLE_NOUN,
    THERE_ROLE,
    WINDOW,
)
from .segment import depth0_comma

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
        if BODY.fullmatch(expansion) and acr not in out:
            out[acr] = expansion
    return out


HEDGE = re.compile(
    r"\b(?:aim(?:s|ing)?|intend(?:s|ing)?|plan(?:s|ning)?|expect(?:s|ing)?|hope(?:s)?|seek(?:s|ing)?|"
    r"striv(?:e|es|ing)|anticipat(?:e|es|ing)|endeavou?r(?:s)?|aspire(?:s)?|"
    r"work(?:s|ing)?\s+(?:towards?|to)|will\s+likely|likely\s+to|would\s+like\s+to|look\s+to|"
    r"are\s+(?:exploring|considering)|hope\s+to)\b",
    re.I,
)


_MODAL = re.compile(
    r"\b(?P<neg_modal>will\s+not|won[’']t|shall\s+not|must\s+not|cannot|can\s*not|can[’']t|may\s+not|"
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
    # other parties the text describes: "Enterprises are required to X", "a malicious actor must acquire Y"
    r"threat\s+actors|(?:malicious|hostile|rogue|state|non-state|sophisticated|determined|capable)\s+actors?|"
    r"enterprises?|businesses|clients?|licensees?|third[-\s]part(?:y|ies)|partners?|vendors?|suppliers?|there)\s*$",
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


def _subject_before(clause: str, pos: int) -> str:
    """The words before a cue back to the clause's start or the last comma-free stretch."""
    before = clause[max(0, pos - WINDOW) : pos]
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


def _discretionary_step(subject: str, after: str) -> bool:
    """ "<X> may be <an act of the author's process>" ("Exceptions may be granted by the CISO", "Results may be
    shared with partners"): the author keeps a step of its own process open, unless the subject is the world
    ("Risks may be reduced") or the participle is no act of the process ("Models may be misused")."""
    m = _PASSIVE.match(after)
    if m is None or not subject.strip():
        return False
    word = m.group(1).lower()
    if word not in PROCESS_PARTICIPLES and word not in _MORE_PARTICIPLES:
        return False
    return _NOT_PROCESS_HEAD.match(_head_noun(subject)) is None and _NOT_PROCESS_SUBJECT.search(subject) is None


def _is_org_subject(subject: str, org: str, bodies: dict[str, str] | None = None) -> bool:
    if bodies and any(re.search(rf"\b{re.escape(a)}\b", subject) for a in bodies):
        return True
    s = subject.lower()
    if re.search(rf"\b{ORG_WORDS}\b", s):
        return True
    if org and org.lower() in s:
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
    r"in\s+(?:case|cases)|should)\b",
    re.I,
)


_IMPERATIVE_START = re.compile(rf"(?:{'|'.join(IMPERATIVE_VERBS)})\b", re.I)


def _in_leading_condition(clause: str, pos: int, org: str) -> bool:
    """Is offset `pos` inside a condition that opens the clause, with the main clause after a later comma?"""
    if not _CONDITION_OPEN.match(clause):
        return False
    subject = rf"(?:we|{re.escape(org)}|the|our|it|they|this|these|all|any|no|each|every)" if org else (
        r"(?:we|the|our|it|they|this|these|all|any|no|each|every)"
    )
    for comma in re.finditer(r",", clause[pos:]):
        tail = clause[pos + comma.end() :].lstrip()
        if re.match(rf"(?:then\s+)?{subject}\b", tail, re.I) or _IMPERATIVE_START.match(tail):
            return True
    return False


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
        subject = _subject_before(clause, m.start())
        if not subject and subject_hint and m.start() <= 6:
            subject = subject_hint
        elif re.fullmatch(r"(?:then\s+)?(?:they|he|she)", subject, re.I):
            # a pronoun standing for a body named earlier ("If the Board agrees, they will ...")
            named = list(BODY.finditer(clause[max(0, m.start() - WINDOW) : m.start()]))
            if named:
                subject = named[-1].group(1)
            elif subject_hint and (BODY.search(subject_hint) or ROLE_NOUN.search(subject_hint)):
                subject = subject_hint
        after = clause[m.end() : m.end() + WINDOW]
        if m.start() < unknown_until:
            continue
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
        if _in_leading_condition(clause, m.end(), org):
            continue  # "If we do not receive sign-off, we halt": the negation states the condition
        if re.search(r"\b(?:which|that|who)\s+$", clause[max(0, m.start() - 8) : m.start()], re.I):
            continue  # a relative clause describes a noun ("information which cannot be shared")
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
        ) or (kind == "hedge" and bool(re.search(r"\bour\b", word)))
        if org_subject and GENERIC_CLASS.match(subject) and LEGAL_SOURCE.search(clause):
            continue  # "Under the new act, providers must notify X": what a law asks of a class, not the author
        passive = bool(_PASSIVE.match(after))
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
            only = re.search(r"\bonly\b", subject, re.I) or re.match(r"^\s*only\b", after, re.I)
            if word in ("may", "can"):
                if (only or NEGATED_SUBJECT.match(subject)) and passive:
                    modality = "must_not"  # "Only X may be deployed", "No model may be deployed unless Y"
                elif word == "may" and not org_subject and _discretionary_step(subject, after):
                    modality = "may"  # "Minor incidents may be reported to the Board": a step the author may take
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
            HEDGE.search(clause[max(0, m.start() - WINDOW) : m.start()])
            and modality in ("must", "must_not")
            and org_subject
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
        if modality in ("must", "may") and (NEGATED_SUBJECT.match(subject) or _PROHIBITING_VERB.match(after)):
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
        cue = _role_statement(clause[len(inverted) :].lstrip(" ,"), bodies, org)
        if cue is not None:
            shift = len(clause) - len(clause[len(inverted) :].lstrip(" ,"))
            return Cue(cue.modality, cue.start + shift, cue.end + shift, cue.subject, cue.in_context)
        return None
    return _role_statement(clause, bodies, org)


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


# the condition the judgement turns on
_CRITERION_CONDITION = re.compile(
    r"\b(?:if|when|whenever|once|unless|until|provided|where|only\s+(?:if|when|once))\b", re.I
)


def decision_criterion(clause: str, org: str = "") -> Cue | None:
    """A threshold or decision rule stated as the author's own criterion (`must`; `must_not` with "only when": all
    else is excluded). A judgement of a model needs the condition it turns on; a criterion noun states its value."""
    org_re = re.escape(org) if org else "(?!x)x"
    start = 0
    if LEADING_TRIGGER_OK.match(clause) or PREPOSITION_OPENER.match(clause):
        # "For frontier systems, we consider ...", "If X, a model is deemed ...": the criterion after the opener
        comma = depth0_comma(clause)
        if comma < 0 or comma > 150:
            return None
        start = comma + 1
        while start < len(clause) and clause[start] == " ":
            start += 1
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
    if m is not active and re.search(r"\b(?:we|you|they|was|were|had|could|might|would)\b", m.group("subj"), re.I):
        return None
    only = re.search(r"\bonly\b", rest[m.start("verb") : m.end() + 60], re.I) is not None
    modality: Modality = "must_not" if only else "must"
    return Cue(modality, start + m.start("verb"), start + m.end("verb"), m.group("subj").strip())


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
    r"emphasi[sz]e|stress|lay|set|remain|recommend|propose|hold|learn|draw|build|seek|aim|plan|intend|hope|"
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


# a phrase opening the clause before its subject that is no condition ("Through our grant scheme, we fund X", "As part
# of each release, we document Y", "To limit misuse, <Org> restricts Z"): the subject starts after its comma
_OPENER = re.compile(
    r"^(?:through|in\s+addition(?:\s+to)?|additionally|as\s+part\s+of|as\s+(?:a\s+)?(?:matter\s+of\s+)?(?:standard\s+)?"
    r"(?:practice|policy|routine)|in\s+line\s+with|in\s+keeping\s+with|consistent\s+with|alongside|besides|beyond|"
    r"to\s+(?!date\b)[a-z]+|in\s+order\s+to|across|within|under|with|via|by\s+\w+ing|on\s+(?:each|every|a\s+\w+)|"
    r"in\s+(?:each|every|all|our|this|these|practice))\b",
    re.I,
)


# verbs that name an act of the author's own process: a present-tense "We <verb> ..." with one of them is what the
# policy keeps doing (the guide's "We assess residual risk before release"), taken on its own; another verb that is
# no belief, stance or description ("We accelerate X") binds only among other commitments
_PROCESS_VERBS = frozenset(
    (
        "assess evaluate test retest conduct perform run review monitor track log record audit inspect check verify "
        "validate measure benchmark analyse analyze screen scan vet red-team probe investigate mitigate remediate "
        "restrict limit require prohibit forbid block filter deny revoke suspend disable restrict gate withhold "
        "publish disclose report notify inform brief share document escalate consult engage commission fund "
        "apply implement enforce maintain retrain fine-tune retain store encrypt secure protect harden patch "
        "isolate segment delete remove update revise refresh approve sign authorise authorize grant deploy release "
        "pause halt stop delay roll withdraw prevent detect respond triage drill back appoint designate convene "
        "educate invest partner collaborate address resolve fix "
        # shaping and overseeing the models themselves: "<Org> trains its models to refuse X", "We oversee Y"
        "train teach calibrate oversee supervise reassess re-evaluate stress-test sandbox safeguard"
    ).split()
)


# stances, beliefs and ways of ordering the text's own content: no act of a process ("We value X", "We place risks
# into two categories", "We group the risks by domain")
_STANCE_VERB = re.compile(
    r"^(?:value|place|group|divide|sort|distinguish|appreciate|prefer|favou?r|celebrate|strive|care|wonder|remain)$",
    re.I,
)


_SHARED_STANCE = re.compile(
    r"\s+(?:(?:the|a|this|these|that|our|their|its|many|some|an?\s+\w+)\s+)?(?:\w+\s+)?(?:views?|concerns?|beliefs?|"
    r"goals?|aims?|visions?|hopes?|interests?|sense|understanding|perspectives?|worr(?:y|ies)|optimism|ambitions?|"
    r"commitments?|values?)\b",
    re.I,
)


# what the author's own teams and staff do: "Our security team monitors X", "<Org>'s red team probes Y"
_TEAM_SUBJECT = (
    r"(?:(?:[Oo]ur|{org}[’']s?)\s+(?:[a-z][\w\-]*\s+){{0,3}}?"
    r"(?P<noun>team|teams|staff|engineers|researchers|personnel|employees|specialists|experts|analysts))\b"
)


# the author's own procedure as the subject: "Our risk assessment process evaluates X", "<Org>'s review procedure
# checks Y", "Our evaluations include Z" (the guide's example of a present-tense process statement)
_OWN_PROCESS_SUBJECT = (
    r"(?:(?:[Oo]ur|{org}[’']s?)\s+(?:[a-z][\w\-]*\s+){{{k}}}"
    r"(?P<noun>process|processes|procedures?|evaluations?|assessments?|reviews?|audits?|protocols?|programs?|"
    r"programmes?|testing|red[-\s]?teaming|monitoring|safeguards?|controls?))\b"
)
# what a procedure does besides the acts of a process: it takes in steps, and it weighs what it is given
_PROCESS_TAKES = frozenset("include involve cover comprise combine compare estimate examine identify assign".split())


def _own_process(rest: str, org: str) -> tuple[int, int, str] | None:
    """(verb start, verb end, subject) of "Our <procedure> <verb>s ...", the head noun being the last word before a
    verb that agrees with it; None when the clause is not one."""
    for k in range(3, -1, -1):  # the longest subject first: "Our risk assessment process evaluates"
        own = re.match(_OWN_PROCESS_SUBJECT.format(org=re.escape(org) if org else "(?!x)x", k=k), rest)
        if own is None:
            continue
        noun = own.group("noun")
        plural = noun.endswith("s") and not noun.endswith("ss")
        verb = re.match(rf"\s+{_PROCESS_ADVERB}(?:(?:systematically|also|further)\s+)?([a-z]+(?:-[a-z]+)?)\b",
                        rest[own.end() :])
        if verb is None:
            continue
        word = verb.group(1)
        third_form = word.endswith("s") and not word.endswith("ss")
        base = (word[:-2] if word.endswith(("sses", "shes", "ches", "xes")) else word[:-1]) if third_form else word
        if third_form != plural and (_process_verb(word) or base in _PROCESS_TAKES):
            return own.end() + verb.start(1), own.end() + verb.end(1), own.group(0)
    return None


def _present_verb(rest: str, third: bool) -> tuple[int, str, bool] | None:
    """The present-tense verb right after a subject (`rest` starts after it): its offset in `rest`, the word, and
    whether "never" negates it. None for a belief, a state, a description of the text or a verb that does not agree."""
    verb = re.match(rf"\s+{_PROCESS_ADVERB}(never\s+)?([a-z]+(?:-[a-z]+)?)\b", rest)
    if verb and re.fullmatch(r"currently|presently|already|today|now", verb.group(2)):
        return None  # "<Org> currently conducts X": a state of its practice today, not what it holds itself to
    if verb and verb.group(2).endswith("ly") and verb.group(2) not in _LY_VERBS:
        # an adverb of manner before the verb ("we carefully review"): the verb is the next word
        verb = re.match(rf"\s+{_PROCESS_ADVERB}(never\s+)?[a-z]+ly\s+([a-z]+(?:-[a-z]+)?)\b", rest)
    if verb is None:
        return None
    word = verb.group(2)
    # "assess", "address", "access": the plain form ends in "ss"; the third person adds "es"
    third_form = word.endswith("s") and not word.endswith("ss")
    base = (word[:-2] if word.endswith("sses") else word[:-1]) if third_form else word
    if (
        third_form != third
        or _NOT_PROCESS_VERB.match(word.rstrip("s") if third else word)
        or _NOT_PROCESS_VERB.match(base)
        or _STANCE_VERB.match(base)
        or word.endswith(("ed", "ing"))
        or (word.endswith("ly") and word not in _LY_VERBS)
        or word in ("is", "was", "has")
        or re.match(r"\s+(?:no|nothing|little)\b", rest[verb.end() :])
        # "we share the view that X": a stance held in common, not information handed on
        or (base == "share" and _SHARED_STANCE.match(rest[verb.end() :]))
    ):
        return None
    return verb.start(2), word, verb.group(1) is not None


def _process_verb(word: str) -> bool:
    """Is the word (any person) an act of the author's own process ("assesses", "red-teams", "audits")?"""
    for base in (word, word[:-1], word[:-2], word[:-3] + "y" if word.endswith("ies") else word):
        if base in _PROCESS_VERBS:
            return True
    return False


# what a company sells and to whom: "We partner with firms across many industries to serve their customers" is a
# statement of business, not of the author's safety conduct, unless the clause names a safety matter
_COMMERCE = re.compile(
    r"\b(?:customers?|clients?|industr(?:y|ies)|businesses|enterprises?|markets?|commercial(?:ly)?|revenue|"
    r"products?\s+and\s+services|economic\s+growth)\b"
    # the reach of a business, said of its partners: "companies in every sector", "organisations around the world"
    r"|^\s+(?:\w+ly\s+)?(?:partner|collaborate|work|serve|help|build|power|bring|deliver|offer|sell|support|enable|"
    r"empower|team)s?\b.*\b(?:companies|sectors?|organi[sz]ations|(?:thousands|millions|hundreds)\s+of|worldwide|"
    r"around\s+the\s+(?:world|globe)|countries)\b"
    # what the author makes and whom it helps: "We develop AI systems that help scientists work faster"
    r"|^\s+(?:develop|build|create|design|make|offer|sell|provide|ship)s?\s+(?:[\w\-]+\s+){0,3}?(?:products?|tools?|"
    r"services?|systems?|models?|technolog(?:y|ies)|applications?|solutions?|platforms?)\s+(?:that|which|to)\s+"
    r"(?:\w+ly\s+)?(?:help|enable|empower|make|bring|benefit|serve|power|transform|accelerate|improve|support)s?\b",
    re.I,
)
_SAFETY_MATTER = re.compile(
    r"\b(?:safe(?:ty|ly|guards?)?|secur\w*|risks?|harm\w*|misuse|abuse|evaluat\w*|test\w*|red[-\s]?team\w*|threats?|"
    r"vulnerab\w*|incidents?|audit\w*|mitigat\w*|dangerous|catastroph\w*|thresholds?|capabilit\w*|oversight|"
    r"responsib\w*|trust\w*|privacy|compliance|polic(?:y|ies)|standards?)\b",
    re.I,
)


def _business_statement(rest: str) -> bool:
    """Does the present-tense clause describe the author's business rather than its safety conduct?"""
    return _COMMERCE.search(rest) is not None and _SAFETY_MATTER.search(rest) is None


def _role_statement(clause: str, bodies: dict[str, str] | None, org: str = "") -> Cue | None:
    """Present tense of the author's own process or a body's role ("The Review Board approves each
    release", "We test every model before release"): a requirement on the author's own conduct, `must`
    ("We never share X": `must_not`), though there is no modal verb to find. States and beliefs ("we are", "we
    believe") are not; a verb not known as an act of a process binds only among other commitments."""
    # "At <Name>, we test ...", "Through X, we fund ...": an opener before the subject
    lead = LEADING_TRIGGER_OK.match(clause) or PLACE_OPENER.match(clause) or _OPENER.match(clause)
    start = 0
    if lead:
        comma = depth0_comma(clause)
        if comma < 0 or comma > 150:
            return None
        start = comma + 1
        while start < len(clause) and clause[start] == " ":
            start += 1
    rest = clause[start:]
    role = THERE_ROLE.match(rest)
    if role is not None:
        return Cue("must", start + role.start("verb"), start + role.end(), role.group("role"))
    team = re.match(_TEAM_SUBJECT.format(org=re.escape(org) if org else "(?!x)x"), rest)
    if team is not None:
        plural = team.group("noun").endswith("s") or team.group("noun") == "staff"
        found = _present_verb(rest[team.end() :], third=not plural)
        if found is not None:
            pos = start + team.end() + found[0]
            modality: Modality = "must_not" if found[2] else "must"
            return Cue(modality, pos, pos + len(found[1]), team.group(0), in_context=not _process_verb(found[1]))
    own = _own_process(rest, org)
    if own is not None:
        return Cue("must", start + own[0], start + own[1], own[2])
    we = re.match(rf"(?:[Ww]e|{re.escape(org)})\b" if org else r"[Ww]e\b", rest)
    if we is not None:
        after_we = rest[we.end() :]
        third = we.group(0).lower() != "we"
        cont = re.match(rf"\s+{_PROCESS_ADVERB}(continues?)\b", after_we)
        if cont is not None:
            word = cont.group(1)
            # "we continue to invest in X": an ongoing activity the author keeps up is a commitment to it (decision
            # 26), unless what continues is a belief or a state ("we continue to believe", "... to be")
            goes_on = re.match(r"\s+to\s+(?:\w+ly\s+)?([a-z]+)\b", after_we[cont.end() :])
            if goes_on and not _CONTINUE_NOT.match(goes_on.group(1)) and (word == "continues") == third:
                pos = start + we.end() + cont.start(1)
                return Cue("must", pos, pos + len(word), we.group(0))
            return None
        found = _present_verb(after_we, third)
        if found is None or _business_statement(after_we):
            return None
        pos = start + we.end() + found[0]
        modality = "must_not" if found[2] else "must"
        return Cue(modality, pos, pos + len(found[1]), we.group(0), in_context=not _process_verb(found[1]))
    body = BODY.match(rest)
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


# participles of acts of the author's process that the shared list lacks ("Authority is delegated by the Board")
_MORE_PARTICIPLES = (
    "delegated assigned refreshed renewed revised examined re-examined submitted routed referred suspended disabled "
    "blocked filtered withheld sandboxed stress-tested rechecked double-checked cross-checked confirmed supervised "
    "authorised authorized"
).split() + [r"rolled\s+back", r"signed\s+off"]


_PROCESS_PASSIVE = re.compile(
    r"^(?P<subj>[A-Za-z“\"(][^,;:()]{0,80}?)\s+(?:is|are)\s+"
    r"(?P<adv>(?:(?:also|then|only|always|never|not|regularly|routinely|periodically|continuously|automatically|"
    r"promptly|immediately|independently|formally|further|subsequently|first|typically|systematically|"
    r"carefully|closely|thoroughly|frequently|annually|quarterly|internally|externally|publicly|each|both)\s+)*)"
    # "Any model that passes the screen is subject to a full review": a requirement on the author's own process
    rf"(?P<verb>{'|'.join([*map(re.escape, PROCESS_PARTICIPLES), *_MORE_PARTICIPLES])}|prohibited|forbidden|"
    r"required|mandatory|"
    r"subject\s+to(?=\s+(?:a|an|the|our|its|further|additional|\w+))(?!\s+(?:change|laws?|regulations?|risks?|"
    r"uncertaint\w+|limitations?|errors?|attacks?|misuse)\b))\b",
    re.I,
)


_NOT_PROCESS_SUBJECT = re.compile(
    r"^(?:it|there|this|that|these|those|what|which|who|such|one|some|many|most|much)$|"
    r"\b(?:we|you|they|he|she|i|us|our\s+(?:belief|view)|will|would|should|may|might|can|could|must|shall|was|were|"
    r"has|have|had|capabilities\s+(?:that|which)|how|whether|why|"
    # a subject holding a verb of its own that describes the text ("This section describes how X")
    r"describes?|outlines?|explains?|summari[sz]es?|shows?|illustrates?)\b",
    re.I,
)


# the head noun of a subject that is the world, not the author's process ("Risks are growing", "Attackers are
# motivated by X"); a modifier ("The residual risk assessment", "Requests from users") does not count
_NOT_PROCESS_HEAD = re.compile(
    r"^(?:risks?|threats?|attackers?|adversar(?:y|ies)|actors?|users?|customers?|people|society|governments?|world|"
    r"humans?|researchers|experts|others|enterprises?|businesses|clients?|licensees?|companies|partners)$",
    re.I,
)


# where a subject's head noun phrase ends: a preposition, a relative pronoun or a participle after it
_POSTMOD_START = re.compile(
    r"\s(?:of|in|on|for|from|to|at|by|with|within|during|under|across|that|which|who|whose|where|[a-z]+ed|found|seen|"
    r"run|built|shown|known)\b",
    re.I,
)


def _head_noun(subj: str) -> str:
    """The head noun of a simple subject ("The residual risk assessment" -> assessment, "Regressions found in
    testing" -> Regressions, "A broader set of risks" -> set)."""
    cut = _POSTMOD_START.search(subj)
    head = subj[: cut.start()] if cut else subj
    words = head.split()
    return words[-1].strip("“”\"()") if words else ""


# "Every release candidate undergoes an outside test": the author's artefact put through a step of its process
_UNDERGO = re.compile(
    r"^(?P<subj>[A-Za-z“\"(][^,;:()]{0,80}?)\s+(?:(?:also|first|then|always|each|both)\s+)?(?P<verb>undergoes|undergo)\s+"
    r"(?=(?:[\w\-’']+\s+){0,5}?(?:reviews?|test(?:s|ing)?|evaluations?|audits?|assessments?|red[-\s]?team(?:ing|s)?|"
    r"screening|checks?|inspections?|exercises?|vetting|scrutiny|analys[ie]s|verification|validation|sign-?off)\b)",
    re.I,
)


# "Deployment requires sign-off by the Release Council", "Each new release requires a written safety case": a
# requirement stated of a step of the author's own process (the guide's example of an obligation)
_PROCESS_REQUIRES = re.compile(
    r"^(?P<subj>(?:(?:each|every|any|all|the|our|a|an)\s+)?(?:[\w\-’']+\s+){0,3}?"
    r"(?:deployments?|releases?|launch(?:es)?|access|training(?:\s+runs?)?|fine-tuning|use|changes?|exceptions?|updates?|"
    r"employment|hiring|onboarding|approvals?|sign-?off|models?|checkpoints?|requests?|escalations?|"
    r"deployment\s+decisions?|decisions?)(?:\s+(?:at|of|to|for|in)\s+[\w\-’'\s]{1,40}?)?)\s+"
    r"(?:(?:also|always|then|first)\s+)?(?P<verb>requires|require)\s+(?!(?:little|no|few|only\s+a\s+few|less|more\s+than)\b)",
    re.I,
)


# "The increase is measured relative to a baseline", "Uplift is scored as the gain over X": how a quantity is
# defined, not a step the author takes
_MEASURED_AS = re.compile(
    r"\s+(?:relative\s+to|as\s+(?:the|a|an)\b|in\s+terms\s+of|in\s+units|against\s+(?:the|a)\s+(?:baseline|level|"
    r"reference)|on\s+a\s+scale)",
    re.I,
)


def _process_subject_ok(subj: str) -> bool:
    """A simple noun phrase that can be the author's own process or artefact, not the world or a clause."""
    words = subj.split()
    if not 1 <= len(words) <= 9:
        return False
    if words[0].lower() in ("these", "this", "such") and len(words) >= 2:
        if _NOT_PROCESS_SUBJECT.search(" ".join(words[1:])):
            return False
    elif _NOT_PROCESS_SUBJECT.search(subj) or _NOT_PROCESS_SUBJECT.match(words[0]):
        return False
    if _NOT_PROCESS_HEAD.match(_head_noun(subj)):
        return False
    # the subject holds a clause of its own: not a simple noun phrase
    return not (re.search(r"\b\w+(?:s|ed)\s+(?:that|which|to|by)\b", subj) and len(words) > 4)


# the agent of a passive step that is one of the author's own bodies or roles, as a body's name is written
# ("the Responsibility and Safety Board", "the Head of Security") or as a plain role ("senior leadership", "an internal
# review panel", "the executive team"); outside bodies (regulators, governments, users) are none of these
_OWN_AGENT = re.compile(
    r"(?:(?:[A-Z][\w\-’']*|&)\s+(?:(?:and|of|for|on)\s+)?){0,6}?(?:Board|Council|Committee|Panel|Officer|Team|Group|"
    r"Office|Director|Lead|Head|Chair|CEO|CTO|CISO|Leadership)s?\b(?!\s+of\s+[A-Z])"
    r"|(?:(?:senior|executive|internal|dedicated|responsible|relevant|our|its|the)\s+)?(?:[a-z][\w\-]*\s+){0,2}?"
    r"(?:leadership|management|board|committee|council|panel|officer|team|lead|director|executives?|owner)s?\b"
    r"(?!\s+(?:of|at|in|from)\s+(?:other|another|external|third|outside|partner)\b)",
)


def own_agent(after_verb: str, bodies: dict[str, str]) -> str | None:
    """The author's body or role named by a "by" agent right after a passive participle ("is approved by senior
    leadership"): a step it performs binds as the body's role does, so it needs no other commitment around it."""
    m = re.match(
        r"\s+(?:off\s+|out\s+|back\s+)?(?:\w+ly\s+)?by\s+(?:the\s+|our\s+|its\s+|an?\s+)?(?P<agent>[^,;.()]{2,80})",
        after_verb,
    )
    if m is None:
        return None
    agent = m.group("agent")
    if any(agent.startswith(a) for a in bodies):
        return agent
    own = _OWN_AGENT.match(agent)
    if own is None or re.match(r"(?:external|outside|third|independent|government|regulat)", agent, re.I):
        return None
    return own.group(0)


def subject_lead(text: str, org: str) -> str | None:
    """The author's subject alone before a colon ("We:", "To limit misuse, we:", "<Org>:"): a lead-in whose items
    are its predicates ("- Are publishing X", "- Will review Y yearly"), so each item reads as the subject's own
    sentence. None for any other text."""
    subj = rf"we|{re.escape(org)}" if org else "we"
    m = re.match(rf"^(?:[^:]{{3,150}},\s+)?(?P<subj>{subj})\s*:\s*$", text.strip(), re.I)
    return m.group("subj") if m else None


def item_cue(item: str, subject: str, org: str, bodies: dict[str, str] | None = None) -> Cue | None:
    """An item under a subject-only lead-in, read as the subject's sentence ("Will review X" -> "We will review X"):
    its own modal verb or process verb, if it has one."""
    if not item:
        return None
    return find_cue(f"{subject} {item[:1].lower()}{item[1:]}", org, bodies=bodies)


def process_passive(clause: str) -> Cue | None:
    """A present-tense passive statement of the author's own process ("Access logs are reviewed weekly",
    "Alerts are escalated to the on-call lead"), an artefact put through one of its steps ("Each release undergoes
    an outside audit"), or a requirement stated of a step ("Deployment requires sign-off"): a requirement on its own
    conduct (`must`), though there is no modal verb. Only an action the author performs counts (not "are used",
    "are designed"); the caller accepts it only among other commitments, since the same form also describes the
    world."""
    start = 0
    if LEADING_TRIGGER_OK.match(clause) or re.match(r"^(?:in|for|at|on|within|under|with|through)\s", clause, re.I):
        comma = depth0_comma(clause)
        if comma < 0 or comma > 150:
            return None
        start = comma + 1
        while start < len(clause) and clause[start] == " ":
            start += 1
    rest = clause[start:]
    m = _PROCESS_PASSIVE.match(rest) or _UNDERGO.match(rest) or _PROCESS_REQUIRES.match(rest)
    if m is None:
        return None
    subj = m.group("subj").strip()
    if not _process_subject_ok(subj) or _MEASURED_AS.match(rest, m.end("verb")):
        return None
    if GENERIC_CLASS.match(subj) and LEGAL_SOURCE.search(clause):
        return None  # "Developers are required under the act to X": a law's demand of a class of firms
    verb = m.group("verb").lower()
    adv = m.groupdict().get("adv") or ""
    negated = re.search(r"\b(?:not|never)\b", adv, re.I) is not None or NEGATED_SUBJECT.match(subj) is not None
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


def class_rule(clause: str) -> tuple[Cue, str | None] | None:
    """A requirement stated of a class of the author's models or systems, and the class as its trigger when a
    modifier narrows it (a bare "All models" or "frontier models" is the whole class: no condition)."""
    start = 0
    if LEADING_TRIGGER_OK.match(clause) or PREPOSITION_OPENER.match(clause):
        comma = depth0_comma(clause)
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
    trig = clean_trigger(subj) if narrows and not re.match(r"(?:all|the)\b", subj, re.I) else None
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
    if (LEADING_TRIGGER_OK.match(clause) or PREPOSITION_OPENER.match(clause) or re.match(r"^as\s+\w+\s*,", clause, re.I)
            or PLACE_OPENER.match(clause)):
        comma = depth0_comma(clause)
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


_IMPERATIVE = re.compile(
    r"^(?:(?:proactively|publicly|regularly|promptly|immediately|continuously|also|then|first|always|never|not)\s+)?"
    rf"(?:do\s+not\s+(?:\w+ly\s+|further\s+)?)?(?:{'|'.join(IMPERATIVE_VERBS)})\b",
    re.I,
)


def imperative(clause: str) -> tuple[int, str | None] | None:
    """An instruction to oneself ("Publish model cards", "If X, pause training"): offset of the verb and
    the leading condition, if any."""
    trig = None
    body = clause
    offset = 0
    lead = LEADING_TRIGGER_OK.match(clause)
    if lead:
        comma = clause.find(",")
        if comma < 0:
            return None
        trig = clean_trigger(clause[:comma])
        offset = comma + 1
        while offset < len(clause) and clause[offset].isspace():
            offset += 1
        body = clause[offset:]
    m = _IMPERATIVE.match(body)
    if not m:
        return None
    return offset, trig
