"""Shared word lists: the language of commitments in general, read by the checker, the verifiable
signals and the diff's labels.

One place for each cue so that the stage that sets a field and the stage that explains it with a flag
cannot disagree about what a word means. Every pattern is about how policies are written in general;
none names an organisation or one document's terms. Patterns run on `norm(text)`, which keeps offsets,
so a match's span also cuts the evidence out of the original text.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE
_TRANS = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})


def norm(text: str) -> str:
    """Typographic quotes and dashes to ASCII, one character for one, so offsets still match."""
    return text.translate(_TRANS)


# ---------------------------------------------------------------------------------------------
# Modality and discretion

# a hedge: "plans to" only as a verb ("we plan to"), not the noun ("mitigation plans to ensure");
# "aim"/"goal" only as the author's own aim ("our aim is to"), not a process's purpose ("the aim of")
HEDGE = re.compile(
    r"\b(?:aim(?:s|ing|ed)?\s+(?:to|for)|intend(?:s|ing|ed)?\s+to|(?:our|its|their)\s+intent(?:ion)?\s+is|"
    r"(?:(?:we|it|they|also|currently|further|still|and|who|which|(?-i:[A-Z][\w-]+))\s+)plan(?:s|ned)?\s+to|"
    r"(?:is|are|am)\s+planning\s+to|"
    r"expect(?:s|ing|ed)?\b|hope(?:s|d)?\s+to|seek(?:s|ing)?\s+to|strive(?:s|ing)?\s+to|"
    r"anticipat(?:e|es|ing)\b|(?:will|would)\s+likely|likely\s+to|(?:try|tries|trying)\s+to|"
    r"endeavou?r(?:s)?\s+to|(?:our|its|their)\s+(?:goal|aim|ambition|aspiration)s?\s+(?:is|are|remains?|will\s+be)\b|"
    r"(?:is|remains)\s+(?:a|our|an)\s+(?:goal|aim|aspiration)|"
    r"work(?:s|ing)?\s+towards?\b|explor(?:e|es|ing)\b|want(?:s)?\s+to|should|ought\s+to)",
    _I,
)
DISCRETION = re.compile(
    r"\b(?:reserve[sd]?\s+the\s+right|at\s+(?:our|its|their)\s+(?:sole\s+)?discretion|discretionary|"
    r"in\s+(?:our|its|their)\s+(?:sole\s+)?(?:judge?ment|view|opinion)|case[- ]by[- ]case|"
    r"(?:will|would|may|might|could)\s+consider\b|(?:may|might|can|could)\s+(?:choose|decide|elect|opt)|"
    r"(?:the|an)\s+option\s+to)",
    _I,
)
MAY = re.compile(r"\b(?:may|might|can|could|would\s+consider|option)\b", _I)
# an escape clause; "X is subject to testing" states a requirement, only "subject to <a limit>" escapes
ESCAPE = re.compile(
    r"\b(?:(?:as|where|when|whenever|if)\s+(?:appropriate|feasible|possible|practicable|practical|relevant|"
    r"applicable|necessary|needed|warranted|required|deemed\s+\w+)|"
    r"to\s+the\s+(?:extent|degree)\s+(?:possible|practicable|feasible|reasonable|appropriate|necessary|"
    r"that|it\s+is|we|permitted)|to\s+the\s+extent\b|reasonabl[ey]\b|"
    r"unless\b|except\s+(?:where|when|if|in|for|as)\b|barring\b|notwithstanding\b|"
    r"(?<!\bis\s)(?<!\bare\s)(?<!\bbe\s)(?<!\bbeing\s)(?<!\bremain\s)(?<!\bremains\s)subject\s+to\b|"
    r"in\s+(?:some|certain|limited|exceptional|rare|most|many|appropriate)\s+(?:cases|circumstances|instances)|"
    r"where\s+it\s+makes\s+sense|as\s+we\s+(?:see\s+fit|deem)|if\s+(?:we|it\s+is)\s+(?:deem|deemed)|"
    r"(?:best|reasonable|commercially\s+reasonable)\s+efforts|where\s+deemed)",
    _I,
)
# what other developers or actors do: a competitor-contingent exception names one of these under a condition
COMPETITOR = (
    r"(?:(?:(?:an?|any|one\s+or\s+more)\s+)?(?:other|another|competing|rival|different)\s+(?:frontier\s+)?(?:AI\s+)?"
    r"(?:model\s+)?(?:developers?|labs?|laborator(?:y|ies)|compan(?:y|ies)|firms?|providers?|actors?|players?|"
    r"organi[sz]ations?)|(?:(?:an?|any|one\s+or\s+more)\s+)?(?:competitors?|rivals?)|race\s+to\s+the\s+bottom|"
    r"rogue\s+states?|(?:clearly\s+)?bad\s+actors?\s+(?:is|are)\s+(?:scaling|racing|developing|deploying)|"
    r"others\s+(?:are\s+)?(?:develop|deploy|releas|advanc|scal|rac)\w*)"
)
COMPETITOR_EXCEPTION = re.compile(
    r"\b(?:if|unless|in\s+the\s+event\s+(?:that)?|where|when|whenever|in\s+(?:a|the)\s+situation|"
    r"should(?=\s+(?:an?|another|other|competing|rival)\b)|in\s+case|"
    rf"provided\s+that|except|depending\s+on|in\s+light\s+of|in\s+response\s+to)\b[^.;:]{{0,80}}?\b(?P<who>{COMPETITOR})",
    _I,
)

# ---------------------------------------------------------------------------------------------
# Wording and triggers

# qualitative wording only the author can judge; "not necessary" / "unnecessary" judge nothing
VAGUE_WORDS = re.compile(
    r"\b(?:appropriate(?:ly)?|adequate(?:ly)?|sufficient(?:ly)?|robust(?:ly|ness)?|strong(?:ly)?|"
    r"significant(?:ly)?|substantial(?:ly)?|meaningful(?:ly)?|proper(?:ly)?|reasonable|effectively|"
    r"responsibly|serious(?:ly)?|commensurate|suitabl[ey]|relevant|(?<!\bnot\s)(?<!\bno\s)necessary|"
    r"high\s+standards?|best\s+practices?|industry[- ](?:standards?|best\s+practices?|norms?)|"
    r"(?:security|safety)\s+standards|state[- ]of[- ]the[- ]art|as\s+(?:much|far)\s+as|to\s+minimi[sz]e|minimal|"
    r"optimal|(?:more|further|additional)\s+(?:information|details?|measures|safeguards|steps|precautions)\b|"
    r"work\s+hard|do\s+(?:our|its)\s+best|committed\s+to|remain\s+committed|in\s+the\s+spirit\s+of|"
    r"(?:high|low|acceptable|tolerable)\s+(?:levels?\s+of\s+)?risk)\b",
    _I,
)
VAGUE_TRIGGER = re.compile(
    r"\b(?:significant(?:ly)?|substantial(?:ly)?|serious|severe|major|material(?:ly)?|meaningful|notable|"
    r"sufficient(?:ly)?|(?<!\bnot\s)necessary|needed|warranted|appropriate|relevant|possible|feasible|extreme|rare|"
    r"proves?\s+necessary|as\s+(?:we|our|the)\s+(?:learn|gain|better|understand|understanding|science|research|"
    r"conduct|develop)|over\s+time|emerg(?:e|es|ing)|in\s+the\s+(?:near\s+)?future|"
    r"(?:we|it|leadership|management)\s+(?:believes?|determines?|judges?|deems?|considers?|thinks?|concludes?)|"
    r"becomes?\s+(?:apparent|clear|evident)|(?:we|it)\s+(?:is|are)\s+(?:concerned|confident))\b",
    _I,
)
# an open-ended aim with no checkable end point (only the author can say when it is met)
OPEN_AIM = re.compile(
    r"\b(?:harden(?:s|ing)?|strengthen(?:s|ing)?|enhanc(?:e|es|ing)|improv(?:e|es|ing)|refin(?:e|es|ing)|"
    r"advanc(?:e|es|ing)|focus(?:es|ing)?\s+on|prioriti[sz](?:e|es|ing)|promot(?:e|es|ing)|foster(?:s|ing)?|"
    r"contribut(?:e|es|ing)\s+to|support(?:s|ing)?|invest(?:s|ing)?\s+in|continu(?:e|es|ing)\s+to|"
    r"look\s+to|minimi[sz](?:e|es|ing)|mitigat(?:e|es|ing))\b",
    _I,
)
REACTIVE = re.compile(
    r"^\W*(?:to\s+)?(?:immediately\s+)?(?:pause|halt|stop|suspend|delay|restrict|revoke|roll\s*back|shut\s+down|"
    r"delete|lock\s+down|escalate|notify|alert|intervene|withdraw|de-?deploy|patch|respond)\b",
    _I,
)
DEFERRAL = re.compile(
    r"\b(?:(?:will\s+be|to\s+be|yet\s+to\s+be|remains?\s+to\s+be|are\s+being|is\s+being|still\s+being)\s+"
    r"(?:defined|determined|specified|decided|clarified|refined|finali[sz]ed|elaborated|worked\s+out|"
    r"developed|added|expanded)|(?:in|with|through)\s+(?:a\s+|the\s+)?(?:future|later|subsequent|next|"
    r"upcoming)\s+(?:updates?|versions?|iterations?|revisions?|releases?|editions?)|future\s+(?:versions?|"
    r"updates?|iterations?|work)|later\s+(?:iterations?|versions?)|in\s+the\s+(?:near\s+)?future|"
    r"over\s+time|as\s+(?:we|our|the)\s+(?:learn|gain|better|understanding|science|field|research)|"
    r"(?:TBD|TBC)\b|to\s+be\s+(?:confirmed|announced)|in\s+due\s+course|at\s+a\s+later\s+(?:date|stage|time)|"
    r"(?:will|to)\s+(?:continue\s+to\s+|keep\s+)(?:refin|updat|improv|evolv|develop)\w*|an\s+early\s+guess|"
    r"(?:might|may|will|could)\s+be\s+(?:modified|strengthened|revised|amended|changed|updated|refined)|"
    r"evolve)\b",
    _I,
)

# ---------------------------------------------------------------------------------------------
# Numbers, dates and timing

NUMBER = re.compile(
    r"(?<![\w.\-])\$?\d+(?:[.,]\d+)*(?:\s?(?:%|x\b|×|percent\b))?|"
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
    r"hundreds?|thousands?|millions?|billions?|dozens?|twice|double|half)\b|"
    r"\b(?:at\s+(?:least|most)|no\s+(?:more|less|fewer)\s+than|(?:more|less|fewer|greater)\s+than|"
    r"or\s+(?:below|above|higher|lower|more|less|fewer|greater)|exceed(?:s|ing)?|up\s+to|maximum|minimum)\b",
    _I,
)
_MONTHS = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
DATE = re.compile(
    rf"\b(?:{_MONTHS}\s+(?:\d{{1,2}},?\s+)?(?:19|20)\d\d|(?:early|mid|late|end\s+of|the\s+end\s+of)[- ]?(?:19|20)\d\d|"
    r"(?:in|by|before|after|until|from)\s+(?:19|20)\d\d|Q[1-4]\s+(?:19|20)\d\d|"
    r"(?:annual(?:ly)?|yearly|quarterly|monthly|weekly|daily|biannual(?:ly)?|semi-?annual(?:ly)?)|"
    r"(?:every|each|per|once\s+a)\s+(?:\d+\s+)?(?:days?|weeks?|months?|quarters?|years?|hours?))\b",
    _I,
)
DEADLINE = re.compile(
    r"\b(?:before|prior\s+to|by\s+the\s+(?:time|end|date)|no\s+later\s+than|within\s+\S+|until|ahead\s+of|"
    r"by\s+(?:early|mid|late|the)\b|at\s+the\s+(?:time|latest)|immediately|upon|once|following|after|during)\b",
    _I,
)
VAGUE_TIME = re.compile(
    r"\b(?:promptly|prompt|rapidly|quickly|swiftly|timely|soon|as\s+soon\s+as\s+(?:possible|practicable)|"
    r"regular(?:ly)?|periodic(?:ally)?|frequent(?:ly)?|continual(?:ly)?|continuous(?:ly)?|ongoing|"
    r"over\s+time|from\s+time\s+to\s+time|in\s+the\s+(?:near\s+)?future|eventually|in\s+due\s+course)\b",
    _I,
)
TIME_TRIGGER = re.compile(
    r"^\W*(?:before|prior\s+to|by\s+the\s+time|after|upon|once|when|whenever|during|until|following|at\s+the\s+"
    r"time|within|as\s+part\s+of|for\s+(?:each|every|all)|each|every)\b",
    _I,
)

# ---------------------------------------------------------------------------------------------
# Outside signals (ANNOTATION.md "Verifiable"): what an outsider could see or take part in

# 1. a publication or disclosure by the author
PUBLICATION = re.compile(
    r"\b(?:publish(?:es|ed|ing)?|publications?|public(?:ly)?|disclos(?:e|es|ed|ing|ures?)|"
    r"announc(?:e|es|ed|ing|ements?)|(?:model|system|service|safety)\s+cards?|transparency\s+reports?|"
    r"blog\s+posts?|white\s*papers?|press\s+releases?|scorecards?|(?:public|written)\s+notices?|"
    r"make\s+(?:it\s+|them\s+|this\s+|these\s+)?(?:publicly\s+)?(?:available|public)|open[- ]sourc(?:e|es|ed|ing)|"
    # put on the author's own site: "post the results on our website"
    r"(?:post|posts|posted|posting|put|puts)\s+(?:[\w-]+\s+){0,6}?on\s+(?:our|its|the)\s+(?:public\s+)?(?:website|site|blog)|"
    r"(?:model|system|product|user|customer|deployment|developer|public)\s+documentation|"
    r"clear\s+documentation)\b",
    _I,
)
# "public" that names no publication by the author: a risk to the public, a public benchmark, a released model
NOT_PUBLICATION = re.compile(
    r"\bpublic(?:ly)?\s+(?:safety|health|interest|sector|good|commitments?|releases?|released|release|deploy\w*|"
    r"launch\w*)\b|"
    # what is public already, not published by the author: public benchmarks, publicly available models or data
    r"\bpublic(?:ly)?\s+(?:available\s+|accessible\s+)?(?:and\s+private\s+|or\s+private\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:benchmarks?|models?|systems?|datasets?|data|weights|interfaces?|APIs?|tools?|information\s+sources?)\b|"
    r"\b(?:not|never|without)\s+(?:be\s+)?(?:publicly\s+)?(?:publish\w*|disclos\w*|release\w*|announc\w*)\b|"
    r"\bresponsible\s+disclosure\s+of\s+(?:hazard|risk)\w*",
    _I,
)
# updating the published policy itself is a publication (ANNOTATION.md)
_DOC = r"(?:this|the|our|its)\s+(?:(?:safety|scaling|governance|risk)\s+)?(?:document|policy|framework)"
_CHANGE = (r"(?:updat(?:e|es|ed|ing)|revis(?:e|es|ed|ing|ions?)|amend(?:s|ed|ing|ments?)?|chang(?:e|es|ed|ing)|"
           r"adjust(?:s|ed|ing|ments?)?|modif(?:y|ies|ied|ying|ications?)|adapt(?:s|ed|ing)?)")
# what the published policy states: changing it changes the policy
_POLICY_CONTENT = (r"(?:this|these|the|our|its)\s+(?:[\w-]+\s+){0,2}?(?:thresholds?|commitments|threat\s+models|"
                   r"capability\s+levels|risk\s+levels|safety\s+levels|safety\s+measures\s+and\s+commitments)")
DOCUMENT_UPDATE = re.compile(
    rf"\b{_CHANGE}\b[^.;]{{0,80}}?\b{_DOC}\b|"
    rf"\b{_DOC}\b[^.;]{{0,80}}?\b{_CHANGE}\b|"
    rf"\b(?:a|an)\s+(?:living\s+)?(?:document|policy|framework)\s+(?:that|which)\b[^.;]{{0,60}}?\b{_CHANGE}\b|"
    rf"\b{_CHANGE}\s+it\b|\bit\s+(?:\w+\s+){{0,3}}?be\s+{_CHANGE}\b|"
    rf"\b(?:future|later|subsequent|next|new)\s+(?:versions?|iterations?|updates?|revisions?|editions?)\s+of\s+{_DOC}\b|"
    rf"\b{_CHANGE}\s+(?:\w+\s+)?{_POLICY_CONTENT}\b|\badd\s+(?:more\s+|new\s+|further\s+)?(?:thresholds|threat\s+models|"
    r"capability\s+levels)\b|"
    r"\bpolicy\s+(?:shift|change|update)s?\b|"
    # a public address where the document or a channel can be found
    r"https?://\S+|\bwww\.\S+",
    _I,
)
# sharing with, reporting or providing to a party outside the organisation
OUTSIDE = (
    r"(?:governments?|government(?:al)?\s+(?:bodies|agencies|authorities|partners|officials)|regulators?|"
    r"(?:relevant\s+|appropriate\s+|national\s+|competent\s+)?authorit(?:y|ies)|law\s+enforcement|"
    r"(?:AI\s+)?(?:safety|security)\s+institutes?|the\s+public|customers?|users|downstream\s+\w+|"
    r"(?:other|peer)\s+(?:frontier\s+|AI\s+)?(?:labs|developers|companies|organi[sz]ations)|"
    r"industry(?:\s+(?:peers|bodies|partners))?|"
    r"(?:external|third[- ]part(?:y|ies))\s+\w+|policymakers|civil\s+society|the\s+research\s+community|"
    r"(?-i:[A-Z][\w&.-]*\s+){0,4}(?-i:Institute|Agency|Commission|Ministry|Department|Forum))\b"
)
_DETERMINERS = (r"(?:the\s+|our\s+|any\s+|all\s+|relevant\s+|appropriate\s+|affected\s+|impacted\s+|national\s+|"
                r"international\s+|federal\s+|(?-i:[A-Z][\w&.-]*\s+))*")
SHARE_OUTSIDE = re.compile(
    rf"\b(?:shar(?:e|es|ed|ing)|report(?:s|ed|ing)?|provid(?:e|es|ed|ing)|notif(?:y|ies|ied|ying)|"
    rf"inform(?:s|ed|ing)?|communicat(?:e|es|ed|ing)|submit(?:s|ted|ting)?|give[sn]?|send(?:s|ing)?|"
    rf"transparency|document(?:s|ed|ing|ation))\b[^.;]{{0,80}}?\b(?:to|with|for)\s+{_DETERMINERS}{OUTSIDE}\b|"
    # the outside party as the direct object: "notify affected customers", "inform regulators"
    rf"\b(?:notif(?:y|ies|ied|ying)|inform(?:s|ed|ing)?|alert(?:s|ed|ing)?|brief(?:s|ed|ing)?)\s+{_DETERMINERS}"
    rf"{OUTSIDE}\b|"
    # "make the results available to customers": handed to a party outside
    rf"\bmak(?:e|es|ing)\s+(?:[\w-]+\s+){{0,6}}?available\s+to\s+{_DETERMINERS}{OUTSIDE}\b",
    _I,
)
# 2. a named external party taking part; "internal"/"in-house"/"our own" parties are the organisation itself
EXTERNAL_PARTY = re.compile(
    r"\b(?:third[- ]part(?:y|ies)(?![- ](?:services?|software|libraries|code|dependencies|components|tools|"
    r"products?|access|plugins?|content|data)\b)|"
    r"(?:external|independent|outside)\s+(?!internal\b)(?:[\w-]+\s+(?:and\s+)?){0,4}?(?:experts?|expertise|auditors?|"
    r"audits?|evaluators?|"
    r"evaluations?|assessors?|assessments?|reviewers?|reviews?|red[- ]?team(?:s|ers|ing)?|testers?|testing|"
    r"parties|partners?|actors|organi[sz]ations?|researchers?|research|validation|verification|advis[eo]rs?|"
    r"consultants?|stakeholders|bod(?:y|ies)|scrutiny|oversight|input|feedback|labs?|laborator(?:y|ies)|firms?|"
    r"entit(?:y|ies)|institutions?)|"
    r"(?<!internal\s)(?<!in-house\s)(?<!our\s)(?<!own\s)(?<!company\s)(?:[\w-]+\s+)?(?:security|biosecurity|"
    r"domain|subject[- ]matter|industry|academic|government|national\s+security)\s+experts\b|"
    r"(?<!internal\s)auditors?|academi(?:a|cs|c\s+(?:institutions|partners|researchers|community))|"
    r"civil\s+society|governments?|government(?:al)?\s+(?:bodies|agencies|authorities|partners|officials)|"
    r"regulators?|law\s+enforcement|national\s+security\s+authorities|(?:AI\s+)?(?:safety|security)\s+institutes?|"
    r"(?:industry|peer)\s+(?:peers|bodies|partners|groups)|(?:other|peer)\s+(?:labs|developers|AI\s+companies)|"
    r"vendors|(?:specialized|specialised|independent|outside)\s+firms|certif(?:ied|ications?)|attestations?|"
    r"(?:in\s+consultation|in\s+partnership|in\s+collaboration|jointly|partner(?:ing|s)?)\s+with\s+(?:the\s+)?"
    r"(?-i:[A-Z]))",
    _I,
)
# a named outside organisation: capitalised words ending in an institutional noun (never the author's own
# board, trust, council or officer, which are internal)
EXTERNAL_NAME = re.compile(
    r"\b(?:[A-Z][\w&.-]*\s+){0,4}(?:Institute|Agency|Commission|Ministry|Department|Foundation|University|"
    r"Forum|Consortium|Evals|Parliament|Congress|Partnership\s+on\s+AI)\b"
)
# 3. something outsiders can observe or test directly
OBSERVABLE = re.compile(
    r"\b(?:bug\s+bount(?:y|ies)|(?:vulnerability|responsible)\s+(?:disclosure|reporting)\s*"
    r"(?:process|programs?|programmes?|channels?|policy|polic(?:y|ies))?|"
    # a channel for people outside the organisation (an employees' channel is internal)
    r"(?:channels?|paths?|ways?|means|mechanisms?|address(?:es)?|forms?|portals?|hotlines?)\s+(?:for|where|through\s+"
    r"which|by\s+which)\s+(?:[\w,-]+\s+){0,10}?(?:users|customers|the\s+public|external\s+parties|third\s+parties|"
    r"researchers|anyone)\b|"
    r"(?:users|customers|the\s+public|anyone|researchers)\s+(?:can|may|will\s+be\s+able\s+to)\b|"
    r"acceptable\s+use\s+polic(?:y|ies)|usage\s+polic(?:y|ies)|terms\s+of\s+(?:service|use)|"
    r"(?:refus(?:e|es|al|ing)|decline[sd]?)\s+(?:to\s+)?(?:\w+\s+){0,3}?(?:requests?|prompts?|queries|instructions)|"
    # a behaviour of the released product
    r"(?:models?|systems?|products?)\s+(?:does|do|will|must|should|cannot|can)\s*(?:not|n't)\s+(?:return|provide|produce|"
    r"output|generate|give|assist)|"
    # a property of a model measured on a named public benchmark with a stated threshold
    r"\d+(?:\.\d+)?\s*(?:%|percent)\s+(?:[\w-]+\s+){0,2}?on\s+(?:the\s+)?(?-i:[A-Z][\w.-]*[A-Z][\w.-]*))\b",
    _I,
)


# The eight Seoul areas (ANNOTATION.md "Seoul commitment"): the words of the guide's table of typical
# commitments, as cues for the learned `seoul` head, and one description per area to compare with.
SEOUL_CUES: dict[str, re.Pattern[str]] = {area: re.compile(pattern, _I) for area, pattern in {
    "I": r"\b(?:evaluat\w*|assess\w*|test(?:s|ed|ing)?|red[- ]?team\w*|elicit\w*|benchmark\w*|measur\w*|uplift)\b",
    "II": r"\b(?:thresholds?|levels?|capability\s+levels?|indicators?|early[- ]warning|warning\s+signs?|"
          r"tripwires?|risk\s+categor\w*|scorecard)\b",
    "III": r"\b(?:safeguards?|secur\w*|mitigat\w*|filter\w*|access\s+controls?|encrypt\w*|weights|harden\w*|"
           r"protect\w*|classifiers?|refus\w*|alignment|controls?)\b",
    "IV": r"\b(?:pause\w*|halt\w*|stop\w*|not\s+(?:deploy|train|develop|proceed)\w*|restrict\w*|de-?deploy\w*|"
          r"until|unless|delay\w*|withdraw\w*|roll\s*back|proceed\w*)\b",
    "V": r"\b(?:updat\w*|improv\w*|research\w*|invest\w*|refin\w*|revis\w*|evolv\w*|best\s+practices?|emerging|"
         r"iterat\w*|expand\w*)\b",
    "VI": r"\b(?:board|officer|approv\w*|sign[- ]?off|responsib\w*|non-?complian\w*|whistleblow\w*|audit\w*|"
          r"governance|leadership|ceo|committee|oversight|accountab\w*|escalat\w*|decisions?|staff|resourc\w*)\b",
    "VII": r"\b(?:publish\w*|publicly|report(?:s|ed|ing)?|model\s+cards?|system\s+cards?|disclos\w*|"
           r"shar(?:e|es|ed|ing)|transparen\w*|blog|notif\w*|inform\w*)\b",
    "VIII": r"\b(?:external\w*|independent|third[- ]part\w*|governments?|civil\s+society|academ\w*|experts?|"
            r"auditors?|regulators?|institutes?|stakeholders?|partners?)\b",
}.items()}
SEOUL_DESCRIPTIONS: dict[str, str] = {
    "I": "risk assessment: evaluate models with capability evaluations, red teaming and elicitation, when and how "
         "often, before training or deployment, third-party or government evaluations",
    "II": "thresholds: define capability or risk thresholds and levels, how they are set, monitor how close a model "
          "is to a threshold, early-warning evaluations",
    "III": "mitigations: deployment safeguards, security of model weights, misuse filters, alignment and control "
           "measures, the standards these measures must meet",
    "IV": "response at a threshold: what happens when a threshold is reached, pause training or deployment, do not "
          "deploy unless mitigated, restrict, de-deploy, decision rules for proceeding",
    "V": "continual improvement: invest in and improve evaluations, thresholds and mitigations, research, follow "
         "emerging standards and best practice, update the framework",
    "VI": "accountability and governance: internal roles, approvals, board, safety officer, sign-off, noncompliance "
          "handling, whistleblowing, resourcing, internal review and audit of adherence",
    "VII": "transparency: publish reports, model cards, summaries, share information with governments or trusted "
           "parties",
    "VIII": "external involvement: involve external actors, governments, civil society, academics, experts and "
            "auditors in assessing risks, the framework's adequacy or adherence",
}


# ---------------------------------------------------------------------------------------------
# What the diff compares between two versions of a commitment (extractor/diff/labels.py)

# a list of measures that became examples ("measures could include"): the commitment no longer binds to them
EXAMPLES_ONLY = re.compile(r"\b(?:(?:could|might|may)\s+include|examples?\s+include)\b", _I)
# any way out of a commitment: an escape clause, the author's discretion, a list that became examples
ANY_ESCAPE = re.compile("|".join(f"(?:{rx.pattern})" for rx in (ESCAPE, DISCRETION, EXAMPLES_ONLY)), _I)
# an amount with its unit, a frequency or a year: what "number removed / changed" compares
QUANTITY = re.compile(
    r"\$\s?\d[\d,.]*|\b\d+(?:[.,]\d+)?(?:\s*-\s*\d+(?:[.,]\d+)?)?\s*(?:%|percent|per\s+cent|x\b|times\b|days?\b|"
    r"weeks?\b|months?\b|years?\b|hours?\b|minutes?\b)|\b(?:each|every)\s+(?:quarter|year|month|week|day|\d+\s+\w+)|"
    r"\b(?:annually|quarterly|monthly|weekly|daily)\b|\b(?:19|20)\d\d\b",
    _I,
)
# families of words naming someone or something outside the author's own judgement; the first two are
# the verifiable signals' own patterns, the others name internal checks a diff still reports when lost
VERIFIER_FAMILIES: dict[str, re.Pattern[str]] = {
    "publication": PUBLICATION,
    "external party": EXTERNAL_PARTY,
    # "the Trust" (a governing body), not "trust and safety" or "trusted"
    # (a body the document names by an acronym counts through its expansion: diff.labels.document_acronyms)
    "board": re.compile(r"\b(?:board|governing\s+bod(?:y|ies)|trustees?|(?-i:Trust))\b", _I),
    "audit": re.compile(r"\b(?:audit(?:s|ed|ing|ors?)?|certif(?:y|ied|ication)|SOC\s*2|ISO\s*\d*)\b", _I),
    "government": re.compile(r"\b(?:government(?:s|al)?|regulators?|authorit(?:y|ies)|law\s+enforcement)\b", _I),
    "notification": re.compile(r"\b(?:notif(?:y|ies|ied|ication)|report(?:s|ed|ing)?\s+to|inform)\b", _I),
    "sign-off": re.compile(r"\b(?:approv(?:e|es|ed|al)|sign[-\s]?off)\b", _I),
}
