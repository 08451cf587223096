"""The author's own process stated without a modal verb, and who belongs to the author.

The present tense of the author's process or of a body's role (`role_statement`: "We test every model before
release", "The Review Board approves each release", "Our security team monitors X"), a passive statement of a step
(`process_passive`: "Access logs are reviewed weekly", "Each release undergoes an outside audit", "Deployment
requires sign-off"), and what one of its procedures does (`process_statement`: "Each review includes a written
record"). Who is the author's: the bodies a document names by acronym (`body_acronyms`) and the agent of a passive
step (`own_agent`). Beliefs, stances, statements of business and the world as subject are set aside.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

from ...models import Candidate, Modality
from .fields import VIEWS_SOUGHT, Cue
from .patterns import (
    ASSESSORS,
    BODY,
    FREQUENCY,
    GENERIC_CLASS,
    IRREGULAR_PARTICIPLES,
    LEADING_TRIGGER_OK,
    LEGAL_SOURCE,
    NEGATED_SUBJECT,
    OURS_AFTER,
    OUTSIDE_ASSESSOR,
    PLACE_OPENER,
    PREPOSITION_OPENER,
    PROCESS_PARTICIPLES,
    THERE_ROLE,
    org_pattern,
)
from .segment import subject_start

# (the acronym may stand in quotes, as a legal text defines a term: 'Chief Safety Officer ("CSO")')
_ACRONYM_DEF = re.compile(
    r"\b((?:[A-Z][\w\-’']*\s+(?:of\s+|for\s+|and\s+|on\s+)?){1,7})\([\"“']?([A-Z][A-Za-z]{1,6})[\"”']?\)")


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


# a body's full name as the document writes it, ending in a noun the text then uses alone ("the Model Risk
# Committee" ... "the Committee"); "Board of Directors" is named by its first noun
SHORT_BODY_NOUNS = ("Committee", "Council", "Panel", "Board")
_FULL_BODY = re.compile(
    r"\b((?:[A-Z][\w\-’']*\s+(?:(?:and|&|of|for|on)\s+(?=[A-Z]))?){1,5}(?:Committee|Council|Panel|Board)"
    r"(?:\s+of\s+(?:Directors|Trustees|Governors))?|Board\s+of\s+(?:Directors|Trustees|Governors))\b")
# a short name the document defines as its term by a description ('"Board" means the board of directors of X'): the
# name it commits under is the term itself (defined as a body's name, '"Committee" means the Risk Committee', the
# name stands)
_DEFINED_SHORT = re.compile(r"[“\"](Committee|Council|Panel|Board)[”\"]\s+(?:means|refers\s+to)\s+"
                            r"(?:(?:the|our)\s+[a-z]|(?!(?:the|our)\s)[a-z])")


def _body_key(name: str) -> tuple[str, str] | None:
    words = name.split()
    for i in range(len(words) - 1, -1, -1):  # a heading or article glued before the name is not part of it
        if words[i] in ("The", "the", "Our", "our") or re.search(r"[’']s$", words[i]):
            words = words[i + 1 :]
            break
    if len(words) < 2:
        return None
    noun = next((w for w in words if w in SHORT_BODY_NOUNS), None) if words[-1] not in SHORT_BODY_NOUNS else words[-1]
    return (noun, " ".join(words)) if noun else None


@lru_cache(maxsize=2)
def body_names(text: str) -> Mapping[str, str]:
    """For each noun a document uses alone for one of its bodies ("The Committee shall meet"), the one body it names
    with that noun ("Committee" -> "Model Risk Committee"): read only when every full name with that noun is one
    body (one name, or names of which the others are its tail: "Safety Committee" in "Board Safety Committee"). The
    most frequent spelling wins; two bodies ("Safety Board", "Supervisory Board") leave the short name as it is.
    (Remembered for the last documents, read-only: the rules and the learned layer's proposals both ask it.)"""
    counts: dict[str, dict[str, int]] = {}
    for m in _FULL_BODY.finditer(text):
        key = _body_key(" ".join(m.group(1).split()))
        if key is not None:
            noun, name = key
            counts.setdefault(noun, {})
            counts[noun][name] = counts[noun].get(name, 0) + 1
    out: dict[str, str] = {}
    for noun, names in counts.items():
        longest = max(names, key=lambda n: (len(n.split()), n))
        if all(longest.endswith(" " + n) or n == longest for n in names):
            out[noun] = max(names, key=lambda n: (names[n], len(n.split()), n))
    for m in _DEFINED_SHORT.finditer(text):
        out.pop(m.group(1), None)
    return MappingProxyType(out)


def resolve_short_bodies(cands: list[Candidate], names: Mapping[str, str]) -> None:
    """An actor named by its noun alone ("Committee") becomes the body the document named with it."""
    for c in cands:
        if c.actor in names:
            c.actor = names[c.actor]


# a quote whose subject is a bare "the team" (after an opener: "During training, the team runs X")
_THE_TEAM_OPENS = re.compile(r"^(?:[^,;.]{1,100},\s+)?(?:and\s+)?the\s+team\s+(?!(?:of|that|which|who)\b)[a-z]", re.I)
# a team the text names with its work ("the safety evaluation team", "our incident team")
_NAMED_TEAM = re.compile(
    r"\b(?:[Tt]he|[Oo]ur)\s+((?:(?!(?:the|a|an|our|its|same|whole|entire|red)\b)[a-z][\w\-]*\s+){1,3}team)\b")
_TEAM_LOOKBACK = 3000  # "the team" points back to a team named in the last paragraphs, not pages away


def resolve_the_team(cands: list[Candidate], text: str, org: str) -> None:
    """ "the team" as the author's subject is the team the text named last before it (a paragraph on "the safety
    evaluation team", then "the team runs X"): the author's actor becomes that team's name."""
    for c in cands:
        if c.actor != org or c.hint_start is None or not _THE_TEAM_OPENS.match(c.quote):
            continue
        named = list(_NAMED_TEAM.finditer(text, max(0, c.hint_start - _TEAM_LOOKBACK), c.hint_start))
        if named:
            c.actor = " ".join(named[-1].group(1).split())


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
    # how the document's own content was derived: "We choose a 50% threshold", "We list these tasks" ("We determine
    # X by ...", "we estimate Y" are steps of the process: decision 26 as superseded)
    r"choose|classify|derive|name|label|term|categori[sz]e)$",
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
    r"^(?:through|because|since|in\s+addition(?:\s+to)?|additionally|as\s+part\s+of|as\s+(?:a\s+)?(?:matter\s+of\s+)?(?:standard\s+)?"
    r"(?:practice|policy|routine)|in\s+line\s+with|in\s+keeping\s+with|consistent\s+with|alongside|besides|beyond|"
    r"to\s+(?!date\b)[a-z]+|in\s+order\s+to|across|within|under|with|via|by\s+\w+ing|on\s+(?:each|every|a\s+\w+)|"
    r"in\s+(?:each|every|all|our|this|these|practice)|based\s+on|building\s+on|on\s+(?:this|that|the\s+same)\s+basis|"
    # "Even after launch, we monitor X": the stage is a trigger, the subject follows its comma
    r"even\s+(?:after|before|during|when|once|where)|"
    # framing phrases that restate or point back ("As noted above, we X", "Put another way, we Y"): no condition
    r"as\s+(?:described|noted|mentioned|discussed|outlined|explained|stated|set\s+out)\b|put\s+another\s+way|"
    r"in\s+other\s+words|(?:more\s+)?specifically|in\s+short|in\s+summary|"
    # a frequency ("Each quarter, we review X", "Twice a year, we audit Y"): how often the act recurs, no condition
    r"(?:each|every)\s+(?:\w+\s+)?(?:day|week|month|quarter|year|cycle)s?|(?:once|twice|\w+\s+times)\s+(?:a|per|each|every)\s+\w+|"
    r"annually|quarterly|monthly|weekly|yearly|daily|periodically|regularly|routinely|at\s+least\s+\w+)\b",
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
        "train teach calibrate oversee supervise reassess re-evaluate stress-test sandbox safeguard "
        # judging a risk is a step of the process too: "We identify X on an ongoing basis", "we estimate the severity
        # of Y", "We determine Z by reviewing W" (decision 26); "we estimate that ..." is a belief (`present_verb`)
        "identify determine estimate quantify prioritise prioritize characterise characterize "
        # bettering and aligning the author's own practice, and putting a means to work: "We improve our controls",
        # "We align our programme to a standard", "We leverage outside audits", "we employ the following tests:"
        "improve update upgrade strengthen align leverage research utilize utilise employ "
        # checking that a condition holds before a step: "we confirm that the evaluations are complete"
        "confirm certify ensure hold"
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
    r"(?P<noun>team|teams|staff|engineers|researchers|personnel|employees|specialists|experts|analysts|committee|"
    r"council|board|panel))\b(?:\s+of\s+(?:directors|trustees|governors)\b)?"
)


# one of the author's own units named by its work: "the modelling team at <Org>", "the evaluation function", "the
# research organisation" (not a customer's or a partner's: "the deploying organisation")
_OWN_UNIT = (
    r"[Tt]he\s+(?!(?:deploying|customer|client|partner|user|third[-\s]party|external|other|receiving|requesting)\b)"
    r"(?:[a-z][\w\-]*\s+){{1,2}}(?P<noun>team|function|organi[sz]ation|committee|council|board|panel)"
    r"(?:\s+at\s+{org})?\b"
)


def _own_unit(rest: str, org: str) -> re.Match[str] | None:
    """The author's unit as the subject, its work named before it: a step it takes is the author's process."""
    unit = re.match(_OWN_UNIT.format(org=org_pattern(org)), rest)
    if unit is None or (unit.group("noun") not in ("team", "function") and " at " not in unit.group(0)
                        and not process_verb(rest[unit.end() :].split()[0] if rest[unit.end() :].split() else "")):
        return None
    return unit


# the author's own procedure as the subject: "Our risk assessment process evaluates X", "<Org>'s review procedure
# checks Y", "Our evaluations include Z" (the guide's example of a present-tense process statement)
_OWN_PROCESS_SUBJECT = (
    r"(?:(?:[Oo]ur|{org}[’']s?)\s+(?:[a-z][\w\-]*\s+){{{k}}}"
    r"(?P<noun>process|processes|procedures?|evaluations?|assessments?|reviews?|audits?|protocols?|programs?|"
    r"programmes?|testing|red[-\s]?teaming|monitoring|safeguards?|controls?|approach(?:es)?|methodolog(?:y|ies)))\b"
)
# what a procedure does besides the acts of a process: it takes in steps, and it weighs what it is given
_PROCESS_TAKES = frozenset("include involve cover comprise combine compare estimate examine identify assign".split())


def _own_process(rest: str, org: str) -> tuple[int, int, str] | None:
    """(verb start, verb end, subject) of "Our <procedure> <verb>s ...", the head noun being the last word before a
    verb that agrees with it; None when the clause is not one."""
    for k in range(3, -1, -1):  # the longest subject first: "Our risk assessment process evaluates"
        own = re.match(_OWN_PROCESS_SUBJECT.format(org=org_pattern(org), k=k), rest)
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
        if third_form != plural and (process_verb(word) or base in _PROCESS_TAKES):
            return own.end() + verb.start(1), own.end() + verb.end(1), own.group(0)
    return None


# verbs of judging: a step of the process before an object ("we estimate the severity of X"), a belief before a
# "that" clause ("we estimate that X")
_JUDGING_VERBS = frozenset("identify determine estimate judge conclude".split())


# sorting verbs, and the classes they sort into: "place X into one of two categories", "categorise Y into three tiers"
_SORTING_VERBS = frozenset("place categorise categorize classify sort divide group".split())
_INTO_CLASSES = re.compile(
    r"\s+(?:[a-z]+ly\s+)?(?:[\w\-’']+\s+){1,10}?(?:[a-z]+ly\s+)?into\s+(?:one\s+of\s+)?(?:\w+\s+){0,2}?"
    r"(?:categories|classes|tiers|levels|buckets|types|groups)\b"
)


_HELD_BACK = re.compile(r"\s+(?:back\s+)?(?:the|a|any|its|our)?\s*(?:release|deployment|launch|rollout|model)\b", re.I)


def present_verb(rest: str, third: bool) -> tuple[int, str, bool] | None:
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
    if third_form == third and base == "hold" and _HELD_BACK.match(rest[verb.end() :]):
        return verb.start(2), word, verb.group(1) is not None  # "we hold the release": a release held back, no stance
    if third_form == third and base == "seek" and VIEWS_SOUGHT.match(rest[verb.end() :]):
        return verb.start(2), word, verb.group(1) is not None  # "we seek comments from outside experts": asked for
    if third_form == third and base in _SORTING_VERBS and _INTO_CLASSES.match(rest[verb.end() :]):
        # "We place the risks we find into one of two categories": sorting what the process finds is a step of it
        # (decision 96), unlike "We group the hazards by domain" (an ordering of the text)
        return verb.start(2), word, verb.group(1) is not None
    if (
        third_form != third
        or _NOT_PROCESS_VERB.match(word.rstrip("s") if third else word)
        or _NOT_PROCESS_VERB.match(base)
        or _STANCE_VERB.match(base)
        or word.endswith(("ed", "ing"))
        or (word.endswith("ly") and word not in _LY_VERBS)
        or word in ("is", "was", "has")
        or re.match(r"\s+(?:no|nothing|little)\b", rest[verb.end() :])
        # "we estimate that X will happen", "we find that Y": what the author believes, not a step it takes
        or (base in _JUDGING_VERBS and re.match(r"\s+(?:that|it\s+(?:is|to\s+be))\b", rest[verb.end() :]))
        # "we share the view that X": a stance held in common, not information handed on
        or (base == "share" and _SHARED_STANCE.match(rest[verb.end() :]))
    ):
        return None
    return verb.start(2), word, verb.group(1) is not None


def process_verb(word: str) -> bool:
    """Is the word (any person) an act of the author's own process ("assesses", "red-teams", "audits")?"""
    if word in _SORTING_VERBS or word.rstrip("s") in _SORTING_VERBS or word[:-2] in _SORTING_VERBS:
        return True  # only ever found before the classes it sorts into (`present_verb`)
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
    r"responsib\w*|trust\w*|privacy|compliance|polic(?:y|ies)|standards?|"
    # a restriction on who may use a model is a safeguard, whoever the users are ("We restrict X to vetted customers")
    r"restrict\w*|limit(?:s|ed|ing)?|block\w*|prohibit\w*|withh[eo]ld\w*|vett(?:ed|ing)|verifi\w*|"
    # telling those affected is a safety act ("We notify affected customers within 72 hours")
    r"notif\w*|alert\w*|warn\w*|disclos\w*)\b",
    re.I,
)


def _business_statement(rest: str) -> bool:
    """Does the present-tense clause describe the author's business rather than its safety conduct?"""
    return _COMMERCE.search(rest) is not None and _SAFETY_MATTER.search(rest) is None


# one of the author's bodies named with its function in a relative clause ("The risk working group whose role is to
# decide X", "The board (or its committee) that makes the final decisions")
_BODY_WITH_ROLE = re.compile(
    r"(?P<subj>(?:[Tt]he|[Oo]ur|[Aa]n?)\s+(?:[\w\-’']+\s+){0,5}?(?:group|committee|board|council|cent(?:er|re)|office|"
    r"panel|forum|function|unit)(?:\s*\([^()]{1,60}\))?)\s*,?\s+(?:which|that|who|whose\s+(?:role|task|job|mandate|"
    r"purpose)\s+is\s+to)\s+(?:\w+ly\s+)?(?P<verb>[a-z]+)\b",
    re.I,
)


# "We use <an instrument> to <a step>": the instrument put to the step (not "We use the term X to mean Y")
_USE_TO = re.compile(
    r"\s+(?:also\s+)?(?P<use>uses?)\s+(?!(?:the\s+|this\s+)?(?:terms?|words?|phrases?|labels?|names?|expressions?)\b)"
    r"(?:(?:that|this|these|those)\s+(?=[a-z]+\s+to\b))?(?:(?!(?:because|since|as|while|trying|not|which|that|who|so)\b)[\w\-’'“”\"]+\s+){1,20}?to\s+(?:\w+ly\s+)?"
    r"(?P<verb>[a-z]+)\b"
)
# "We use <the means of a step>" with no "to": the object names techniques, tools or tests
_USE_MEANS = re.compile(
    r"\s+(?:also\s+)?(?P<use>uses?)\s+(?:(?!(?:because|since|as|while|which|that|who|so|to|terms?|words?)\b)"
    r"[\w\-’']+\s+){0,6}?(?:techniques|methods|methodolog(?:y|ies)|tools|tooling|benchmarks|tests|test\s+suites?|"
    r"evaluations|classifiers|filters|protocols|procedures|mechanisms|safeguards|controls)\b")
_USE_FOR = frozenset("manage guide inform assess identify evaluate prioritise prioritize decide".split())


# "This step ensures that our models meet X": a step of the process and what it guarantees of the author's models
_STEP_ENSURES = re.compile(
    r"(?P<subj>(?:this|that|these|each|every)(?:\s+(?!that\b)[\w\-]+){0,3}?)\s+(?:also\s+)?(?P<verb>ensures?)\s+that\s+"
    r"(?:our|its|all|every|each|these|the)\s+(?:[\w\-]+\s+){0,2}?(?:models?|systems?|products?|releases?)\b",
    re.I,
)


# "This means we X", "That is, we Y": a restatement whose subject follows it
_RESTATED = re.compile(r"(?:this|that|it)\s+(?:means|is\s+to\s+say)\s+(?:that\s+)?(?=we\b)", re.I)


# "we are (constantly) reviewing X": a step in the present progressive; efforts, plans and states are not
_PROGRESSIVE = re.compile(r"\s+are\s+((?:(?:also|always|now|still|actively|[a-z]+ly)\s+){0,3})([a-z]+ing)\b")
_NOT_PROGRESSIVE = re.compile(
    r"^(?:work|try|seek|aim|plan|hop|look|explor|consider|go|begin|start|continu|see|think|learn|develop|build|"
    r"focus|invest|committ|excit|eager|will|wait|prepar|get|mak|tak|com|us|bring|hav|be|do)ing$"
)


def _progressive(after_we: str) -> tuple[int, str, str] | None:
    """(offset, word, plain form) of the -ing verb in "we are <adverbs> <verb>ing"; None when it is no step."""
    m = _PROGRESSIVE.match(after_we)
    if m is None or _NOT_PROGRESSIVE.match(m.group(2)) or re.search(r"\b(?:currently|now)\b", m.group(1)):
        return None
    stem = m.group(2)[:-3]
    forms = [stem, stem + "e", stem[:-1] if len(stem) > 3 and stem[-1] == stem[-2] else stem]
    plain = next((f for f in forms if process_verb(f)), None)
    if plain is None:
        # a verb not known as a step binds only among other commitments, unless it is a belief or a stance
        plain = forms[1] if forms[1] in _PROCESS_VERBS else stem
        if _NOT_PROCESS_VERB.match(plain) or _STANCE_VERB.match(plain) or _NOT_PROCESS_VERB.match(stem + "e"):
            return None
    return m.start(2), m.group(2), plain


# a body's name as a subject: capitalised words, "of" between them ("Our Head of Safety", "The Review Board")
_BODY_NAME = re.compile(r"^(?:[Tt]he\s+|[Oo]ur\s+|[Ee]ach\s+|[Aa]n?\s+)?(?:(?:[A-Z][\w\-’']*\s+(?:of\s+)?){0,5}?\S+|"
                        r"board\s+of\s+(?:directors|trustees|governors))$")


# what two bodies do together ("... jointly approve X", "... review Y"): the plural of a body's role verbs
_JOINT_VERB = re.compile(r"\s+(?:(?:jointly|together|also|then)\s+)?(approve|decide|review|oversee|authori[sz]e|"
                         r"determine|sign\s+off|assess|evaluate|monitor|own|agree|set|endorse)\b")


def role_statement(clause: str, bodies: dict[str, str] | None, org: str = "") -> Cue | None:
    """Present tense of the author's own process or a body's role ("The Review Board approves each
    release", "We test every model before release"): a requirement on the author's own conduct, `must`
    ("We never share X": `must_not`), though there is no modal verb to find. States and beliefs ("we are", "we
    believe") are not; a verb not known as an act of a process binds only among other commitments."""
    # "At <Name>, we test ...", "Through X, we fund ...": an opener before the subject
    start = subject_start(clause, LEADING_TRIGGER_OK, PLACE_OPENER, _OPENER)
    if start is None:
        return None
    restated = _RESTATED.match(clause, start)
    if restated is not None:
        start = restated.end()  # "This means we apply X": the author's step, restated
    rest = clause[start:]
    ensures = _STEP_ENSURES.match(rest)
    if ensures is not None:
        # "This final check ensures that our models meet X before release": what a step of the author's process
        # guarantees of its models binds it (decision 132), among other commitments
        return Cue("must", start + ensures.start("verb"), start + ensures.end("verb"), ensures.group("subj"),
                   in_context=True)
    role = THERE_ROLE.match(rest)
    if role is not None:
        return Cue("must", start + role.start("verb"), start + role.end(), role.group("role"))
    team = re.match(_TEAM_SUBJECT.format(org=org_pattern(org)), rest) or _own_unit(rest, org)
    if team is not None:
        plural = team.group("noun").endswith("s") or team.group("noun") == "staff"
        found = present_verb(rest[team.end() :], third=not plural)
        if found is not None:
            pos = start + team.end() + found[0]
            modality: Modality = "must_not" if found[2] else "must"
            return Cue(modality, pos, pos + len(found[1]), team.group(0), in_context=not process_verb(found[1]))
    own = _own_process(rest, org)
    if own is not None:
        return Cue("must", start + own[0], start + own[1], own[2])
    outside = _OUTSIDE_REVIEW.match(rest)
    if outside is not None and OUTSIDE_ASSESSOR.search(outside.group("subj")) and OURS_AFTER.match(
            rest[outside.end("verb") :]) and process_verb(outside.group("verb")):
        # "Independent experts review our evaluation methodology": an outside review the author arranges
        return Cue("must", start + outside.start("verb"), start + outside.end("verb"), outside.group("subj"))
    # ("the Company", as policies call their author once they have named it)
    we = re.match(rf"(?:[Ww]e|{org_pattern(org)}|{_THE_COMPANY})\b", rest)
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
        going = _progressive(after_we) if not third else None
        if going is not None and (process_verb(going[2]) or _SAFETY_MATTER.search(after_we)):
            # "we are constantly reviewing X": the present of an ongoing step is the author's process (decision 26)
            pos = start + we.end() + going[0]
            return Cue("must", pos, pos + len(going[1]), we.group(0), in_context=not process_verb(going[2]))
        used = _USE_TO.match(after_we)
        if used is None or not (process_verb(used.group("verb")) or used.group("verb") in _USE_FOR):
            used = _USE_MEANS.match(after_we)
        if used is not None and (used.group("use") == "uses") == third:
            # "We use the hazard scale to manage these risks": an instrument put to a step of the process; "We use the
            # strongest test rigs available": the means of a step, named as such
            pos = start + we.end() + used.start("use")
            return Cue("must", pos, pos + len(used.group("use")), we.group(0))
        found = present_verb(after_we, third)
        if found is None or _business_statement(after_we):
            return None
        pos = start + we.end() + found[0]
        modality = "must_not" if found[2] else "must"
        return Cue(modality, pos, pos + len(found[1]), we.group(0), in_context=not process_verb(found[1]))
    named = _BODY_WITH_ROLE.match(rest)
    if named is not None and not _NOT_ROLE_VERB.match(named.group("verb")) and not named.group("verb").endswith("ed"):
        # "The review group whose role is to decide X", "The board, which makes the final decisions": a body of the
        # author named with what it does (a list of the bodies of its governance), its role
        return Cue("must", start + named.start("verb"), start + named.end("verb"), named.group("subj"))
    # after an opener the subject's article is in lower case ("If X, the Review Board decides Y")
    det = re.match(r"(?:the|our)\s+", rest) if start else None
    at = det.end() if det else 0
    body = BODY.match(rest, at)
    if body is None and bodies:
        acronyms = "|".join(map(re.escape, bodies))
        body = re.compile(rf"(?:[A-Z][\w\-’']*\s+){{0,3}}?(?:{acronyms})\b(?:\s+[A-Z]\w+)?").match(rest, at)
    if body is None:
        return None
    subject = rest[: body.end()]
    if not _BODY_NAME.match(subject):
        return None
    # the body's acronym or an aside in parentheses before its verb ("The Safety Review Group (SRG) reviews X")
    # (or one between commas that says who it is: "Our Safety Council, chaired by the CTO, meets quarterly")
    # (or when it was formed: "The Safety Office, set up in 2021, reviews X")
    aside = re.match(r"\s*\([^()]{1,60}\)|,\s+(?:chaired|led|composed|made\s+up|comprising|consisting|"
                     r"which\s+includes|including|established|set\s+up|created|formed|founded|convened)\b[^,;]{1,80},",
                     rest[body.end() :])
    end = body.end() + (aside.end() if aside else 0)
    after = rest[end:]
    verb = re.match(rf"\s+{_PROCESS_ADVERB}([a-z]+s)\b", after)
    if verb and not _NOT_ROLE_VERB.match(verb.group(1)) and not verb.group(1).endswith("ss"):
        pos = start + end + verb.start(1)
        return Cue("must", pos, pos + len(verb.group(1)), subject)
    # two bodies acting together ("The CEO and the Chief Scientist jointly approve X"): the first is the actor
    joint = re.match(r"\s+(?:and|&)\s+(?:the\s+|our\s+)?", after)
    second = BODY.match(after, joint.end()) if joint is not None else None
    if second is not None:
        plural = _JOINT_VERB.match(after, second.end())
        if plural is not None:
            pos = start + end + plural.start(1)
            return Cue("must", pos, pos + len(plural.group(1)), subject)
    passive = _ROLE_PASSIVE.match(after)
    if passive:
        return Cue("must", start + end, start + end + passive.end(), subject)
    return None


# participles of acts of the author's process that the shared list lacks ("Authority is delegated by the Board")
_MORE_PARTICIPLES = (
    "delegated assigned refreshed renewed revised examined re-examined submitted routed referred suspended disabled "
    "blocked filtered withheld sandboxed stress-tested rechecked double-checked cross-checked confirmed supervised "
    "authorised authorized deployed repeated undertaken executed completed granted trained released stopped withdrawn"
).split() + [r"rolled\s+back", r"signed\s+off", r"carried\s+out", r"made\s+(?:publicly\s+)?(?:available|public)",
             # a decision and who takes it: "Deployment decisions are made by the CEO"
             r"(?:made|taken)(?=\s+(?:jointly\s+|solely\s+|only\s+)?by\s)",
             # outsiders let in: "External red teamers are given early access to new models"
             r"given(?=\s+(?:early\s+|pre-?release\s+|pre-?deployment\s+|advance\s+)?access\b)"]


_THE_COMPANY = r"[Tt]he\s+(?-i:Company|company)"
_OUTSIDE_REVIEW = re.compile(r"(?P<subj>(?:[\w\-]+\s+){1,3}?)(?P<verb>[a-z]{2,}(?:ss|[^s\W]))\b")
_ADMITTED = re.compile(rf"\b(?:{ASSESSORS}|researchers?|partners?|institutes?|governments?|regulators?|academics?)\s*$",
                       re.I)


_PROCESS_PASSIVE = re.compile(
    r"^(?P<subj>[A-Za-z“\"(][^,;:()]{0,80}?)\s+(?:is|are)\s+"
    r"(?P<adv>(?:(?:also|then|only|always|never|not|regularly|routinely|periodically|continuously|automatically|"
    r"promptly|immediately|independently|formally|further|subsequently|first|typically|systematically|"
    r"carefully|closely|thoroughly|frequently|annually|quarterly|internally|externally|publicly|each|both)\s+)*)"
    # "Any model that passes the screen is subject to a full review": a requirement on the author's own process
    # "are considered and implemented": a step weighed, then taken
    r"(?:considered\s+and\s+)?"
    rf"(?P<verb>{'|'.join([*map(re.escape, PROCESS_PARTICIPLES), *_MORE_PARTICIPLES])}|prohibited|forbidden|"
    r"permitted|allowed|"
    r"required|mandatory|"
    # "Deployment is contingent on a passing score", "Each release is conditional on sign-off": a requirement too
    r"(?:contingent|conditional|conditioned|predicated)\s+(?:up)?on|"
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
    r"^(?P<subj>[A-Za-z“\"(][^,;:()]{0,80}?)\s+(?:(?:also|first|then|always|each|both)\s+)?(?P<verb>undergoes|undergo|"
    r"goes\s+through|go\s+through|passes\s+through|pass\s+through|"
    # ("Models that approach a threshold receive additional safeguards": the author's models given its measures)
    r"receives?(?=\s+(?:(?:additional|enhanced|further|extra|stronger|the\s+required|required)\s+)?"
    r"(?:safeguards|mitigations|protections)\b(?!\s+[A-Z])))\s+"
    r"(?=(?:[\w\-’']+\s+){0,5}?(?:reviews?|test(?:s|ing)?|evaluations?|audits?|assessments?|red[-\s]?team(?:ing|s)?|"
    r"screening|checks?|inspections?|exercises?|vetting|scrutiny|analys[ie]s|verification|validation|sign-?off|"
    r"safeguards|mitigations|protections|controls)\b)",
    re.I,
)


# "Deployment proceeds only if the Council approves", "Training of larger models continues only once X": a step of the
# author's process barred unless a condition holds, stated in the present (the modal form is in cues.find_cue)
_STEP_ONLY = re.compile(
    r"^(?P<subj>(?:(?:the|any|each|every|all|further|our)\s+)?(?:[\w\-]+\s+){0,2}?(?:deployments?|training|releases?|"
    r"scaling|development|launch(?:es)?|roll-?outs?|access)\b[^,;:()]{0,60}?)\s+(?:(?:generally|then|also|normally)\s+)?"
    r"(?P<verb>proceeds?|continues?|resumes?|goes\s+ahead|go\s+ahead|begins?|starts?)\s+only\s+(?:if|when|once|after|where)\b",
    re.I,
)


# "Every engineer on the model teams receives induction training on this policy": the author's people put through its
# training or vetting, a step of its own process whoever the subject names
_STAFF_STEP = re.compile(
    r"^(?P<subj>(?:(?:all|every|each|our|new|any)\s+)?(?:[\w\-]+\s+){0,2}?(?:staff|employees|personnel|hires|engineers|"
    r"contractors|workers|team\s+members|researchers)\b[^,;:()]{0,60}?)\s+(?:(?:also|then|first|each)\s+)?"
    r"(?P<verb>receives?|completes?|undergoes|undergo|attends?)\s+(?=(?:[\w\-’']+\s+){0,3}?(?:training(?!\s+(?:data|sets?|"
    r"runs?|compute|corpora|corpus|examples))|briefings?|background\s+checks?|vetting|screening|security\s+clearance)\b)",
    re.I,
)


# "Deployment requires sign-off by the Release Council", "Each new release requires a written safety case": a
# requirement stated of a step of the author's own process (the guide's example of an obligation)
_PROCESS_REQUIRES = re.compile(
    r"^(?P<subj>(?:(?:each|every|any|all|the|our|a|an)\s+)?(?:[\w\-’']+\s+){0,3}?"
    r"(?:deployments?|releases?|launch(?:es)?|access|training(?:\s+runs?)?|fine-tuning|use|changes?|exceptions?|updates?|"
    r"employment|hiring|onboarding|approvals?|sign-?off|models?|checkpoints?|requests?|escalations?|"
    r"deployment\s+decisions?|decisions?)(?:\s+(?:at|of|to|for|in)\s+[\w\-’'\s]{1,40}?(?:\d[\d,.]*\s+[\w\-’'\s]{1,30}?)?"
    # a class of models named by a relative clause: "A model that reaches a critical threshold requires X"
    r"|(?<=model)\s+that\s+[\w\-’'\s]{3,60}?|(?<=models)\s+that\s+[\w\-’'\s]{3,60}?)?)\s+"
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
    # ("Access to the pump weights": a noun in "-ss" is no verb in "-s")
    # (a class of models named by what they reach is a subject: "Models that reach the high threshold are not released")
    return not (re.search(r"\b\w+(?:(?<!s)s|ed)\s+(?:that|which|to|by)\b", subj) and len(words) > 4) or (
        _MODEL_CLASS.match(subj) is not None)


_MODEL_CLASS = re.compile(r"(?:any|all|each|every|the)?\s*(?:[\w\-]+\s+)?(?:models?|systems?)\s+(?:that|which)\s", re.I)


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
    for a in bodies:
        if re.match(rf"{re.escape(a)}\b", agent):
            return a  # the body's acronym, not what follows it ("the SRB and summarised for X")
    own = _OWN_AGENT.match(agent)
    if own is None or re.match(r"(?:external|outside|third|independent|government|regulat)", agent, re.I):
        return None
    return own.group(0)


def own_process_step(subject: str, participle: str, by_own_body: bool = False) -> bool:
    """Is "<subject> ... be <participle>" one step of the author's own process: the participle an act of it (or any act,
    when one of the author's bodies is its "by" agent), the subject no part of the world? ("Results may be shared",
    "Small edits may be approved by the Head of Safety"; not "Risks may be reduced" or "Models may be misused")"""
    word = participle.lower()
    if word not in PROCESS_PARTICIPLES and word not in _MORE_PARTICIPLES and not by_own_body:
        return False
    return _NOT_PROCESS_HEAD.match(_head_noun(subject)) is None and _NOT_PROCESS_SUBJECT.search(subject) is None


# the openers a passive step may follow (a narrower list than PREPOSITION_OPENER: no "across"), and "As <word>,"
# (a purpose too: "To limit misuse, access is granted only to vetted staff")
_PASSIVE_OPENER = re.compile(
    r"^(?:(?:in|for|at|on|within|under|with|through|as\s+part\s+of)\s|(?-i:To)\s+(?!date\b)[a-z]+(?<!ed)\s|"
    # ("Of these, two are applied to every model at the top level": a choice among measures just listed)
    r"of\s+(?:these|those|them)\s*,)", re.I)
_AS_OPENER = re.compile(r"^as\s+\w+\s*,", re.I)


# "informed by the needs of X", "guided by research": what shapes a thing, not who is told of it
_SHAPED_BY = re.compile(
    r"\s+by\s+(?:the\s+|our\s+|its\s+)?(?:[\w\-]+\s+){0,3}?(?:priorities|needs|findings|results|evidence|research|"
    r"experience|insights?|lessons)\b"
)


# the participles that state a prohibition ("X is prohibited"), or one once negated or narrowed ("X is not permitted",
# "X is only allowed after Y", which `process_passive` requires of "permitted" and "allowed")
_FORBIDDING = frozenset(("prohibited", "forbidden", "permitted", "allowed"))


# "A signed safety case is a prerequisite for any external release": a requirement on a step of the process
_PREREQUISITE = re.compile(
    r"^(?P<subj>[A-Za-z“\"(][^,;:()]{0,80}?)\s+(?:is|are)\s+(?:also\s+)?(?P<verb>(?:an?\s+)?(?:mandatory\s+)?"
    r"(?:prerequisite|precondition|pre-condition|requirement)s?\s+(?:for|of|to)\b)"
    # (for a step of the author's process: "for adoption of AI" is a claim about the world)
    r"(?=\s+(?:[\w\-’']+\s+){0,3}?(?:releases?|deployments?|launch(?:es)?|training|access|use|approvals?|sign-?off|"
    r"roll-?outs?|scaling|fine-tuning|distribution|shipping|publication|go-live)\b)", re.I)


# any act in the passive, when the clause says it is never done, how often it is or which of the author's bodies does
# it ("Weights are never copied to laptops", "Our ISMS is certified every year by an outside auditor", "Amendments
# are drafted by the Head of Safety"): a rule of the author's practice whatever the verb; the world is seldom
# described by what never happens to it, on a schedule or by the author's own officers
_ANY_PASSIVE = re.compile(
    r"^(?P<subj>[A-Za-z“\"(][^,;:()]{0,80}?)\s+(?:is|are)\s+(?P<adv>(?:(?:also|only|always|then)\s+)*(?:never\s+)?)"
    rf"(?P<verb>[a-z][a-z\-]{{2,}}(?:ed|en)|{IRREGULAR_PARTICIPLES})\b", re.I)
_SCHEDULE = re.compile(rf"\b(?:at\s+least\s+)?{FREQUENCY}\b", re.I)
# participles that describe rather than act however often they recur ("Models are used daily")
_STATE_PARTICIPLE = frozenset("used based designed intended expected needed seen known observed found shown given "
                              "exposed affected involved located headquartered owned taken made".split())


def _any_passive(rest: str) -> re.Match[str] | None:
    m = _ANY_PASSIVE.match(rest)
    if m is None or m.group("verb").lower() in _STATE_PARTICIPLE:
        return None
    never = re.search(r"\bnever\b", m.group("adv"), re.I) is not None
    # (or done by one of the author's bodies: "Amendments are drafted by the Head of Safety")
    return m if never or _SCHEDULE.search(rest, m.end()) or own_agent(rest[m.end() :], {}) else None


def process_passive(clause: str) -> Cue | None:
    """A present-tense passive statement of the author's own process ("Access logs are reviewed weekly",
    "Alerts are escalated to the on-call lead"), an artefact put through one of its steps ("Each release undergoes
    an outside audit"), or a requirement stated of a step ("Deployment requires sign-off"): a requirement on its own
    conduct (`must`), though there is no modal verb. Only an action the author performs counts (not "are used",
    "are designed"); the caller accepts it only among other commitments, since the same form also describes the
    world."""
    start = subject_start(clause, LEADING_TRIGGER_OK, _PASSIVE_OPENER)
    if start is None:
        return None
    rest = clause[start:]
    m = _PROCESS_PASSIVE.match(rest) or _UNDERGO.match(rest) or _PROCESS_REQUIRES.match(rest) or (
        _PREREQUISITE.match(rest)) or _any_passive(rest)
    staff = _STAFF_STEP.match(rest) if m is None else None
    if staff is not None:
        return Cue("must", start + staff.start("verb"), start + staff.end("verb"), staff.group("subj").strip())
    only = _STEP_ONLY.match(rest) if m is None else None
    if only is not None:
        return Cue("must_not", start + only.start("verb"), start + only.end("verb"), only.group("subj").strip())
    if m is None:
        return None
    subj = m.group("subj").strip()
    if re.search(r"\b(?:until|unless|if|when|whenever|before|after|once|where|while)\b", subj, re.I):
        return None  # "No release until safeguards are approved": the passive is the condition's, not a step
    if m.re is _UNDERGO and start > 0 and re.fullmatch(r"it|they", subj, re.I):
        # "Before a model is released, it undergoes an external audit": the pronoun is the model the condition names
        return Cue("must", start + m.start("verb"), start + m.end("verb"), subj)
    verb = m.group("verb").lower()
    adv = m.groupdict().get("adv") or ""
    negated = re.search(r"\b(?:not|never)\b", adv, re.I) is not None or NEGATED_SUBJECT.match(subj) is not None
    if verb in ("permitted", "allowed") and not negated and not re.search(r"\bonly\b", adv, re.I):
        return None  # "X is permitted" grants; "X is not permitted", "X is only allowed with Y" forbid
    if verb == "trained" and not negated:
        return None  # "Our models are trained on X" describes them; "are not trained on Y" is a rule
    if verb in ("made", "taken") and not re.search(r"\b(?:decisions?|determinations?|calls?|choices?)\b", subj, re.I):
        return None  # "Decisions are made by the CEO" names who decides; "Models are made by X" describes them
    if verb == "given" and not _ADMITTED.search(subj):
        return None  # people let in to the models; "the model is given access to tools" describes a test
    only_after = re.match(r"\s+only\b", rest[m.end("verb"):]) is not None
    # (the step a requirement is stated of may name its scope: "Releases to more than 1,000 users require X"; an act
    # that is forbidden may name what it is done to at length: "Deployment of a model that exceeds X is prohibited")
    head = re.split(r"\s+(?:at|of|to|for|in|on|that)\s+", subj, maxsplit=1)[0] if m.re is _PROCESS_REQUIRES or (
        verb in _FORBIDDING or verb in ("made", "taken")) else subj
    # ("Every model we train goes through X": the author's own models, named by what it does with them)
    head = re.sub(r"\s+(?:that\s+|which\s+)?we\s+(?:train|build|develop|release|deploy|ship)\b.*$", "", head)
    if not _process_subject_ok(head) or _MEASURED_AS.match(rest, m.end("verb")):
        return None
    if GENERIC_CLASS.match(subj) and LEGAL_SOURCE.search(clause):
        return None  # "Developers are required under the act to X": a law's demand of a class of firms
    if verb in ("informed", "guided") and _SHAPED_BY.match(rest, m.end("verb")):
        return None  # "These goals are informed by the needs of X": what shapes a thing, not a step of the process
    modality: Modality = "must_not" if (negated or only_after or verb in _FORBIDDING) else "must"
    return Cue(modality, start + m.start("verb"), start + m.end("verb"), subj)


# the document or one of the author's procedures as the agent of a step of the process
_PROCESS_AGENT = re.compile(
    r"(?P<subj>(?:this|these|it)|(?:(?:the|this|our|each|every|these|its)\s+)?(?:[\w\-]+\s+){0,4}?"
    r"(?P<head>framework|policy|classification|results|findings|outputs|evaluations?|assessments?|reviews?|audits?|"
    r"process(?:es)?|procedures?|protocols?|testing|screening|programs?|programmes?|documentation|"
    # the author's measures: "Deployment safeguards include X, Y and Z"
    r"safeguards|mitigations|protections|(?<=security\s)controls|(?<=safety\s)measures)"
    # "The results of the evaluation and of the review then inform X": the head noun with its "of" complement
    r"(?:\s+of(?:\s+[\w\-’']+){1,14}?(?<!\bthe)(?<!\ba)(?<!\ban)(?<!\bof)(?<!\band)(?<!\bor)(?<!\bto)(?<!\bour)"
    r"(?<!\bits)(?<!\btheir)(?=\s))?)\s+"
    r"(?P<adv>(?:also|then|further|typically|always|each|both)\s+)?"
    r"(?P<verb>includes?|involves?|entails?|considers?|comprises?|monitors?|tracks?|assess(?:es)?|evaluates?|"
    r"tests?|triggers?|screens?|audits?|guides?|informs?|allows?\s+for|(?:are|is)\s+used\s+to(?=\s+[a-z]+\b)|"
    # "Evaluations take place at each checkpoint": when a step of the process happens
    r"takes?\s+place(?=\s+(?:at|before|after|during|every|each|whenever|when|once|on|within|in)\b))\b"
    r"(?!\s+(?:that|whether|how|what|why|to|of)\b)"
    r"(?!\s*(?:the\s+following\s*)?[:.]?\s*$)",  # "This includes:" only introduces a list
    re.I,
)


_NUMBERED_STEP = re.compile(
    r"(?P<subj>(?:the|our|its)\s+(?:first|second|third|fourth|fifth|sixth|seventh|final|last|next|initial)\s+step"
    r"(?:\s+(?:of|in|to)\s+[^,;:]{1,60}?)?)\s+(?P<verb>is|involves|consists\s+of|includes|comprises)\s+"
    r"(?:to\s+)?(?=[a-z])(?!(?:a|an|the)\s+(?:same|following)\b)",
    re.I,
)


def process_statement(clause: str) -> Cue | None:
    """A present-tense statement of what one of the author's procedures does or contains ("Each review includes a
    written record", "The policy tracks these capabilities", "This involves testing every release"): a
    requirement on the author's own process (`must`, decision 26). A bare "this"/"it" must follow its verb with
    a noun or gerund phrase; the caller accepts it only among other commitments, since the same form also
    describes the world or the document's own structure."""
    # an opener before the subject ("As appropriate, evaluations involve X"; "At each stage, the review includes Y")
    start = subject_start(clause, LEADING_TRIGGER_OK, PREPOSITION_OPENER, _AS_OPENER, PLACE_OPENER)
    if start is None:
        return None
    step = _NUMBERED_STEP.match(clause, start)
    if step is not None:
        # "The first step is to identify the hazards", "The final step of our review involves X": a step of the
        # author's process, named by its place in it
        return Cue("must", step.start("verb"), step.end("verb"), step.group("subj"))
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
    rest_obj = clause[m.end("verb") :].strip()
    if (subj.lower() in ("this", "it") and verb_word.startswith("includ")
            and len(re.findall(r"\b[A-Z][\w’']+", rest_obj)) >= 2 and not re.match(r"[a-z]+ing\b", rest_obj)):
        return None  # "This includes the X Guide and the Y Handbook": the artefacts of the commitment before (130)
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


# head nouns of the author's own procedures, instruments and bodies: what can do a step of its process as a subject
# ("The second pillar examines X", "The review matrix assigns Y", "The safety centre manages Z")
_PROCEDURE_HEAD = (
    r"(?:pillars?|evaluations?|assessments?|reviews?|audits?|matri(?:x|ces)|taxonom(?:y|ies)|frameworks?|polic(?:y|ies)|"
    r"process(?:es)?|procedures?|protocols?|programm?es?|structures?|scales?|cent(?:er|re)s?|committees?|boards?|"
    r"councils?|teams?|groups?|offices?|functions?|mechanisms?|stages?|phases?|steps?|analys[ie]s|governance|"
    r"checklists?|system\s+cards?|criteria|guidelines|grids?|scorecards?|rubrics?)"
)
_PROCEDURE_SUBJECTS = tuple(
    re.compile(
        r"(?P<subj>(?:the|this|these|each|every|our|its|their)\s+(?:[\w\-’']+\s+){" + str(k) + r"}(?P<head>"
        + _PROCEDURE_HEAD + r")"
        # an appositive naming it: "The first pillar, Defining and Classifying Risk, organizes X"
        r"(?:\s*,\s*[“\"]?[A-Z][^,;:.]{1,60},)?)\s+",
        re.I,
    )
    for k in range(4, -1, -1)  # the longest subject first: "The risk assessment scale examines"
) + (
    re.compile(r"(?P<subj>(?:[Tt]he\s+)?(?P<acr>[A-Z]{2,6})(?:\s+v?\d+(?:\.\d+)*)?)\s+"),
    re.compile(r"(?P<subj>it|they|this|these)\s+", re.I),
)
# states, descriptions of the text, beliefs and the world's ways: no step of a process
_NOT_STEP_VERB = frozenset(
    "is was has does means refers describes represents remains seems appears consists exists lies belongs becomes "
    "depends varies differs looks sounds happens occurs matters shows illustrates outlines summarizes summarises "
    "explains presents highlights emphasizes emphasises stands reflects believes thinks hopes wishes goes comes "
    "follows lists defines serves functions acts focuses helps overlaps begins extends".split()
)
# words after a plural subject that are no verb ("The safety reviews and audits ...")
_FUNCTION_WORDS = frozenset("and or but nor of in on at to for with by from into that which who whose as than the a an "
                            "this these those their its our".split())
_STEP_ADVERBS = r"(?:(?:[a-z]+ly|first|then|also|further|always|still|now|thereby|thus)\s+){0,3}"
# participles of the steps of a procedure stated in the passive ("Services are then divided by X", "Safety measures
# are determined based on Y")
_STEP_PARTICIPLES = (
    "determined divided classified categorized categorised grouped organized organised identified assessed evaluated "
    "examined reviewed strengthened adjusted assigned set applied established selected prioritized prioritised "
    "conducted performed carried integrated incorporated fed put"
).split()
_STEP_PASSIVE = re.compile(
    r"(?P<subj>[A-Za-z“\"][^,;:()]{0,80}?)\s+(?:is|are)\s+" + _STEP_ADVERBS
    + rf"(?P<verb>{'|'.join(_STEP_PARTICIPLES)})\b(?!\s+(?:as|to\s+be)\b)",
    re.I,
)


# a part of the text as subject ("The remainder of this framework addresses X") and what a document says of itself
# ("It sets out a process", "This framework adopts an outcome-oriented approach")
_TEXT_PART = re.compile(r"\b(?:remainder|rest|sections?|parts?|chapters?|appendi(?:x|ces))\s+of\b", re.I)
_TEXT_STANCE = re.compile(
    r"(?:sets|lays|spells)\s+out\b|(?:adopts|takes)\s+(?:an?|the)\s+(?:[\w\-,]+\s+){0,3}?approach\b", re.I)


def procedure_acronyms(text: str) -> frozenset[str]:
    """Acronyms the document defines for one of its procedures or bodies ("Frontier Review Matrix (FRM)"): a step
    they take is the author's, like one its procedures take when named in full."""
    out = set()
    for m in _ACRONYM_DEF.finditer(text):
        words = m.group(1).split()
        if words and re.fullmatch(_PROCEDURE_HEAD, words[-1], re.I) or BODY.fullmatch(" ".join(words)):
            out.add(m.group(2))
    return frozenset(out)


def procedure_step(clause: str, acronyms: frozenset[str] | set[str] = frozenset()) -> Cue | None:
    """A present-tense step whose subject is one of the author's procedures, instruments or bodies, not "we" ("The
    review examines X", "It then assigns Y", "The <ACR> sets Z"), or a step stated in the passive ("Services are then
    divided by X"): the guide's present tense of the author's process (`must`). Wider than `process_statement` (any
    verb that is no state, description or belief): a cue the learned heads weigh, not a commitment by itself."""
    start = subject_start(clause, LEADING_TRIGGER_OK, PREPOSITION_OPENER, PLACE_OPENER)
    if start is None:
        return None
    rest = clause[start:]
    for subject in _PROCEDURE_SUBJECTS:
        m = subject.match(rest)
        if m is None or ("acr" in m.groupdict() and m.group("acr") is not None
                         and m.group("acr") not in acronyms and not re.search(r"\d", m.group(0))):
            continue
        subj = m.group("subj").split(",")[0].strip()
        head = (m.groupdict().get("head") or "").lower()
        verb = re.match(_STEP_ADVERBS + r"(never\s+)?([a-z]+(?:-[a-z]+)?)\b", rest[m.end() :])
        if verb is None:
            continue
        word = verb.group(2)
        after = rest[m.end() + verb.end() :]
        if _TEXT_PART.search(subj) or _TEXT_STANCE.match(f"{word}{after}"):
            return None  # the document describing itself (decision 54), not a step of its process
        plural = subj.lower() in ("they", "these") or (
            head.endswith(("s", "ces", "ies", "criteria", "guidelines")) and not head.endswith(("process", "analysis")))
        third_form = word.endswith("s") and not word.endswith("ss")
        past = word.endswith("ed") and not word.endswith("eed")  # "feed", "proceed" are present
        if (third_form != plural and word not in _NOT_STEP_VERB and not past and not word.endswith("ing")
                and word not in _FUNCTION_WORDS
                and word not in ("are", "were", "have", "do", "can", "may", "will", "must", "should", "would")):
            pos = start + m.end() + verb.start(2)
            return Cue("must_not" if verb.group(1) else "must", pos, pos + len(word), subj)
    p = _STEP_PASSIVE.match(rest)
    if p is not None and _process_subject_ok(p.group("subj").strip()):
        return Cue("must", start + p.start("verb"), start + p.end("verb"), p.group("subj").strip())
    return None
