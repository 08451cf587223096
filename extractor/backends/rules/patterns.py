"""The rules' shared lexicon: the compiled patterns and word lists more than one stage of the rules reads.

A pattern only one stage uses stays beside the function that uses it (in `segment`, `cues`, `criteria`, `process`,
`fields`, `lists`, `context` or `scan`), where its comment can be read with the code; what several stages read lives
here, under a public name. Word lists the checker, the signals, the diff and the learned features share with the
rules are in `extractor/lexicon.py`.
"""

from __future__ import annotations

import functools
import re

ORG_WORDS = r"(?:we|us|our|ourselves)"


# a governing body or role the document names as a subject: capitalised words before the head noun, which may
# be joined by "and" ("the Legal and Compliance Function"); "function" and "owner" are the roles of risk-
# management language ("the risk owner", "the compliance function")
BODY = re.compile(
    r"\b((?:[A-Z][\w\-’']*\s+(?:(?:and|&)\s+(?=[A-Z]))?){0,5}?(?:[Bb]oard(?:\s+of\s+(?:[Dd]irectors|[Tt]rustees|[Gg]overnors))?|Trust|Officer|Team|team|"
    # a role named by what it heads ("our Head of Safety", "the Head of Model Security")
    r"Head\s+of\s+[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,2}|"
    r"Group|Committee|Council|CEO|CTO|CISO|Leadership|leadership|Chair|Chairs|Panel|Office|Officers|Director|Directors|"
    # a unit of the organisation named as such ("the Preparedness Unit"), capitalised as a name
    r"(?<=[A-Za-z]\s)Unit|"
    r"Function|function|Owner|owner|Owners|owners|Center|Centre|Department|Division|committee|working\s+group|"
    r"Commander|Manager|Managers|Scientist|Counsel|President|Executive(?!\s+[A-Z])|board|council|panel|officers?|chairs?|"
    # a role named "Lead" after the words of its remit ("the Responsible Scaling Lead"), never the verb
    r"(?<=[a-z]\s)Leads?(?!\s+[A-Z])))\b"
)


NOT_COMMITMENT = re.compile(
    r"\b(?:refers?\s+to|is\s+defined\s+as|are\s+defined\s+as|we\s+define\b|means\s+that\b|here\s+means\b|"
    r"we\s+(?:have|had)\s+(?:\w+\s+)?(?:implemented|introduced|developed|published|committed|"
    r"established|created|built|made|taken|adopted|released|decided)|we\s+(?:currently|already)\b|"
    r"for\s+example|for\s+instance|e\.g\.,?\s+we|"
    # what the author values, or what its own conduct shows, is said of the author but binds nothing: "This approach
    # reinforces our commitment to X", "Through this policy, we demonstrate that ...", "X is vital for Y", "it is
    # important to X" (a judgement about the world; "it is important that we X" names the author's own conduct)
    r"(?:reinforces|underscores|exemplifies|upholds|demonstrates)\s+(?:(?:its|our|the|that|[\w’']+[’']s?)\s+)?"
    r"(?:(?:[\w\-]+\s+){0,2}?(?:commitment|standards?|role|leadership|dedication|values|principles)\b|"
    r"that\s+(?:it|we|they)\b)|"
    r"\bit\s+is\s+(?:important|essential|vital|crucial|critical)\s+to\b|"
    r"\b(?:is|are)\s+(?:vital|essential|crucial|central)\s+(?:for|to)\b|"
    # what the author believes or grants about the world, and a hope for something other than its own conduct:
    # "We believe that X", "We acknowledge that X is hard", "Our hope is that the approach scales"
    r"\bwe\s+(?:believe|acknowledge|recogni[sz]e)\s+that\b|\bour\s+hope\s+is\s+that\s+(?!we\b)|"
    r"\bwe\s+hope\s+that\s+(?!we\b|our\s+(?:team|staff|teams|employees)\b))",
    re.I,
)


# the name of a table's column, as a header cell has it ("Threshold", "Required response", "Description", "Owner")
COLUMN_NAME = re.compile(
    r"^(?:(?-i:[A-Z])[\w\-]*\s+){0,2}?(?:thresholds?|levels?|tiers?|stages?|domains?|categor(?:y|ies)|risks?|capabilit(?:y|ies)|"
    r"descriptions?|definitions?|examples?|indicators?|criteria|triggers?|conditions?|responses?|mitigations?|"
    r"measures?|safeguards?|actions?|controls?|requirements?|commitments?|steps?|owners?|timelines?|deadlines?|"
    r"frequency|rationale|notes?)$",
    re.I,
)


# the author introducing its business ("Acme builds AI assistants for enterprises.", "We develop general-purpose
# models."): what it makes, not what it commits to
BUSINESS_INTRO = re.compile(
    r"^(?:[A-Z][\w&\-]*(?:\s+[A-Z][\w&\-]*){0,3}|We)\s+(?:builds?|develops?|trains?|designs?|creates?|makes?|sells?|"
    r"offers?)\s+(?:(?!(?:for|to|of|that|which|with|and|or)\b)[\w\-]+\s+){0,5}?(?:models|assistants|products|systems|"
    r"tools|services|chatbots|agents|software|technology|AI)(?:\s+for\s+[\w\-]+(?:\s+[\w\-]+){0,3})?\s*\.?\s*$")


PAST = re.compile(r"\b(?:was|were|had|did)\b", re.I)


# what a class of the author's models is named by, at the end of a condition that names one ("for new models")
CLASS_NOUN = r"(?:models?|systems?|versions?|releases?)"


# the verbs of a change over time that close an "as" clause of progression ("as capabilities grow", "as a model nears
# training's end"): `TRIGGER` and the end of such a condition (fields.find_trigger) read the same list
PROGRESS_VERBS = (r"learn|develop|scale|grow|increase|improve|advance|evolve|progress|mature|change|emerge|near|"
                  r"approach|complete|reach")


# an escape clause ("where applicable", "if necessary"): where it stands between "and" and a verb, the verb is a second
# act of the same subject (fields.split_actions, segment.split_clauses, cues.find_cue's elliptic subject)
ESCAPE_CLAUSE = (r"(?:where|when|if|as)\s+(?:applicable|appropriate|necessary|needed|possible|feasible|relevant|"
                 r"warranted)")


# how often an act recurs ("annually", "every six months", "once a year", "twice a quarter")
FREQUENCY = (r"(?:every\s+(?:\w+\s+)?(?:years?|months?|quarters?|weeks?|days?)|annually|quarterly|monthly|weekly|daily|"
             r"yearly|(?:once|twice|\w+\s+times)\s+(?:a|per|each|every)\s+(?:year|quarter|month|week|day))")


# "once" as an adverb of how often or again ("once a year", "once every two years", "once in each quarter", "once
# more"), not "once X has happened" ("once a model reaches Y")
ONCE_ADVERB = (r"once\s+(?:(?:a|an|per|each|every|in\s+(?:each|every))\s+(?:[\w\-]+\s+){0,2}?"
               r"(?:years?|quarters?|months?|weeks?|days?|hours?|decades?|cycles?|releases?)|more|again)\b")


_TRIGGER_WORDS = (
    # an exception is the act's condition as "unless" is ("except where doing so would X"): the whole phrase, or the
    # trigger would read the opposite ("when X" of "except when X")
    r"except\s+(?:where|when|if|insofar\s+as|to\s+the\s+extent(?:\s+that)?)|insofar\s+as|to\s+the\s+extent\s+that|"
    r"as\s+and\s+when|if|when|whenever|before|after|once|unless|until|upon|prior\s+to|in\s+the\s+event(?:\s+(?:that|of))?|"
    # "every time X" is "whenever X"; "at least each time X" is a frequency (decision 10)
    r"(?<!at\sleast\s)(?:every|each)\s+time(?=\s+(?:a|an|the|we|it|they|our|its|any|one|effective|[\w\-]+\s+(?:is|are|has|have|was|were)\b))|"
    r"as\s+soon\s+as|by\s+the\s+time|at\s+the\s+same\s+time\s+as|at\s+the\s+time\s+of(?!\s+(?:this\s+)?writing\b)|ahead\s+of|in\s+(?:the\s+)?cases?\s+(?:of|where|in\s+which)|in\s+case\s+of|where|"
    r"at\s+the\s+(?:start|end)\s+of|following|in\s+connection\s+with|"
    # an exception named by its kind ("In exceptional circumstances,", "in an emergency", "in a situation of extreme
    # emergency")
    r"in\s+(?:an?\s+)?(?:situations?\s+of\s+)?(?:(?:exceptional|urgent|extreme|rare)\s+)?emergenc(?:y|ies)|"
    r"in\s+(?:(?:very|truly|most)\s+)?(?:exceptional|urgent|extreme|rare)\s+(?:cases?|circumstances?|situations?)|"
    # a milestone the act is part of ("as part of reaching Level 3")
    r"as\s+part\s+of\s+(?:reaching|achieving|attaining|moving\s+to)|"
    # a named level or stage ("at Level 2", "at XSL-3", "at higher XSLs"), not a place ("at Acme")
    r"(?:at|under)\s+(?=(?-i:[A-Z]{2,}[\-\s]?\d)|(?:higher|lower|each|every|all)\s+(?-i:[A-Z]{2,}s?)\b|"
    r"(?:levels?|tiers?|stages?)\s+\d)|"
    # a class the act applies to as its object ("tested on each model that is in scope")
    r"(?<=\bon\s)(?:any|all|each|every)\s+(?:models?|systems?)(?=\s+(?:that|which|in\s+scope)\b)|"
    # ... or as the author's own ("for every model we release", DECISIONS 48)
    r"for\s+(?:any\s+|each\s+|every\s+|all\s+)?(?:models?|systems?)\s+(?:we(?=\s+(?:\w+\s+)?(?:release|deploy|train|"
    r"develop|ship|launch|build|offer|serve|intend|plan)\b)|that|which|with|demonstrating|showing|"
    r"exhibiting|falling|reaching|crossing|exceeding|approaching|posing|in\s+scope|rated|classified|categori[sz]ed|"
    r"scored|designated)|"
    # an act done when asked ("available to researchers on request")
    r"on\s+(?:request|demand)|"
    # ("during 2026", "during the previous year": a period of the calendar is a date, no condition)
    r"during(?!\s+(?:(?:19|20)\d\d|the\s+(?:previous|past|next|coming|following|current|same)\s+(?:year|quarter|month|"
    r"week)s?)\b)|whilst|while|"
    r"for\s+(?:producing|deploying|training|releasing)\b|"
    # a model named as the act's object by the level it has reached ("publish the logs of any system that has crossed
    # level 3", DECISIONS 48)
    r"(?<=\bof\s)(?:a|any|each|every)\s+(?:models?|systems?)\s+that\s+(?:has\s+|have\s+)?(?=(?:reached|reaches|"
    r"crossed|crosses|exceeded|exceeds|triggered|triggers)\b)|"
    # a class of models the act is done to, set apart by a rating, a relative clause of the level it reached or the
    # author's own act ("block the launch of any model rated Severe", "apply it to every large model we ship", "hold
    # back any model whose score is Severe", DECISIONS 48); a bare "each model" is no condition
    r"(?<=\w\s)(?:any|every|each|all|a)\s+(?:(?!(?:of|the|our|its|such|other)\b)[a-z][\w\-]*\s+){0,2}?"
    r"(?:models?|systems?)(?=\s+(?:rated|scored|classified|whose|(?:that|which)\s+(?:has\s+|have\s+|is\s+|are\s+)?"
    r"(?:reached|reaches|reach|crossed|crosses|cross|exceeded|exceeds|exceed|meets?|triggered|triggers|rated)\b|"
    r"we\s+(?:\w+\s+)?(?:release|deploy|train|develop|ship|launch|build|offer|serve)\b))|"
    # a class of the author's models the commitment applies to ("for new models", "for significant new models")
    # ... its most capable ones ("for our most advanced models") or those of a named risk level
    # (in lower case: "for our Covered Threat Models" names a category of the document, no class of models)
    r"for\s+(?:(?:all|any|each|every|our|its|(?-i:[A-Z][\w\-]*)[’']s)\s+)?(?-i:new|future|significant|subsequent|"
    r"covered|in-scope|deployed|released|most\s+(?:advanced|capable|powerful)|(?:high|critical|elevated|severe)[-\s]+"
    rf"risk(?:\s+level)?)\s+(?:[\w\-]+\s+)?{CLASS_NOUN}\b|"
    # "as we learn more", "as capabilities increase", "as the context in which X is used changes", "as they are
    # developed": a condition of change over time (DECISIONS 68); not "such as X", "as well as X"
    # (a list of subjects with commas, "as model use, capability and risk evolve"; a passive of making, "as better
    # tests are created"; an effort under way, "as we work towards X")
    rf"(?<!\bsuch\s)(?<!\bwell\s)as(?!\s+well\s+as\b)(?=\s+(?:[\w\-’']+,?\s+){{1,8}}?(?:(?:{PROGRESS_VERBS}|understand|"
    r"gain|become)(?:e?s)?|"
    r"works?\s+towards?|"
    r"(?:is|are|get|gets)\s+(?:further\s+|\w+ly\s+)?(?:developed|introduced|adopted|deployed|released|discovered|"
    r"identified|understood|improved|advanced|scaled|trained|created|built|established|published|refined|defined))\b)"
)


TRIGGER = re.compile(rf"(?:^|(?<=[\s,(;—–]))(?P<cue>{_TRIGGER_WORDS})\b", re.I)


# "At <Name>, ...": where, not when; it opens a sentence without conditioning it
PLACE_OPENER = re.compile(r"^(?:At|at)\s+[A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+)?\s*,")
LEADING_TRIGGER_OK = re.compile(
    # ("As such," is "therefore"; "In such cases," and "For such models," name the case the commitment applies to)
    rf"^(?!as\s+such\b)(?!(?:for|as|at|in|with)\s+(?:now|example|instance|this\s+reason|a\s+result|a\s+minimum|"
    r"the\s+same\s+time|such\s+a\s+way\b|"
    # a comparison or a frequency ("At least every twelve months") is no condition (decision 10)
    r"comparison|least|most|all\s+times|"
    r"noted|well|part\s+of\s+this|of\s+(?:today|now)|addition|particular|practice|short|general|its\s+core|heart|"
    r"(?:its|our|the)\s+heart)\b)"
    # a concessive "While we cannot ..." and a scene-setting "As a complement to ..." are no conditions
    r"(?!(?:while|whilst)\s+(?!\w+ing\b))"
    # nor a frequency ("Once every two years, we will")
    rf"(?!{ONCE_ADVERB})"
    # a place or a purpose is no condition: "At <Name>, we ...", "For transparency, ...", "For this framework, ..."
    r"(?!(?-i:[Aa]t\s+[A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+)?\s*,))"
    r"(?!for\s+(?:the\s+)?(?:purposes?\s+of|(?:\w+\s+)?(?:transparency|clarity|simplicity|brevity|completeness|"
    r"reference|convenience|illustration|context)\b|this\s+(?:framework|policy|document|section|reason)\b))"
    # ("Depending on X, we will": a condition where it opens the sentence; after the verb it says how much)
    # ("In making these choices, we": the act the commitment goes with; not "In keeping with X")
    rf"(?:{_TRIGGER_WORDS}|at|for|given|throughout|as\s+part\s+of\s+\w+ing|depending\s+on|in\s+response\s+to|"
    r"in\s+(?!keeping\b|accordance\b)[a-z]+ing|"
    # a case named by a back-reference ("In such cases,", "In these environments,")
    r"in\s+(?:such(?:\s+an?)?|these|those|this|that)\s+(?:cases?|circumstances?|situations?|events?|instances?|"
    r"environments?|settings?|scenarios?|contexts?))\b",
    re.I,
)


LEAD_CONNECTIVE = re.compile(
    r"^(?:and|but|however|additionally|in\s+addition|moreover|furthermore|further|also|finally|notably|"
    r"importantly|specifically|in\s+particular|similarly|therefore|thus|then|as\s+such|to\s+that\s+end|"
    r"in\s+practice|in\s+short|overall|"
    # a framing that points elsewhere in the text (decision 95): "As outlined in the introduction,", "As noted above,"
    r"as\s+(?:noted|outlined|described|discussed|mentioned|explained|set\s+out|stated)\s+(?:above|below|earlier|"
    r"previously|(?:in|under)\s+(?:the\s+)?[\w\-]+(?:\s+[\dA-Z][\w.]*)?)\s*,)\s*,?\s+",
    re.I,
)


# (a short label wrapped over lines, as in a PDF's narrow table cell, is one label)
LABEL = re.compile(
    # (a Markdown label is set in bold or italics: "**Cyber uplift:** X", "__Scope__: Y")
    r"^(?:\(?[0-9a-z]{1,3}[.)]\s+)?(?:\*\*|__|\*|_)?[A-Z](?:[\w’'\-/& ]{1,60}|[\w’'\-/&]*(?:\s+[\w’'\-/&]+){1,4})"
    r"(?:\*\*|__|\*|_)?:(?:\*\*|__|\*|_)?"
    r"(?:\s+(?=\S)|(?=[A-Z][a-z]))"
)


# "(2)", "(2a)", "(b)", "3." opening an item: an enumerator, not part of the quote (it also hides an "If ...")
# ("2.1 The Board shall X", "3.2.1 Y": a clause's number in a numbered policy)
ENUM_LEAD = re.compile(r"^(?:\(\d{1,2}[a-z]?\)|\([a-h]\)|\((?:i{1,3}|iv|vi{0,3})\)|\d{1,2}[a-z]?[.)](?=\s+[A-Z(])|"
                       r"\d{1,2}(?:\.\d{1,2}){1,3}\.?(?=\s+[A-Z(“\"]))\s+")


WINDOW = 200  # how far around a cue its subject and complement are read (keeps long clauses linear)


# "There is a named staff lead responsible for X": a role the author sets up for its own process
THERE_ROLE = re.compile(
    r"^[Tt]here\s+(?:is|are)\s+(?:always\s+)?(?P<role>(?:an?|one|two|three|at\s+least\s+one)\s+(?:[\w\-’']+\s+){0,6}?)"
    r"(?P<verb>(?:(?:jointly|ultimately|directly)\s+)?(?:responsible|accountable|tasked|charged)\s+(?:for|with))\b"
)


# a body that is one person (its name ends in the role's noun): "it" never stands for one
PERSON_ROLE = re.compile(
    r"\b(?:Officer|officer|CEO|CTO|CISO|Chair|chair|Director|Head\s+of\s+[\w\s\-]+|Manager|Scientist|Counsel|President|"
    r"Executive|Commander|Lead|Owner|owner|member\s+of\s+staff|staff\s+member|person|individual|employee)\s*$"
)


# a person the author appoints to a role ("a designated member of staff"): "they" in the next sentence is that person
ROLE_NOUN = re.compile(
    r"\b(?:designated|appointed|named|dedicated)\s+(?:[\w\-]+\s+){0,2}?(?:member\s+of\s+staff|staff\s+member|person|"
    r"individual|employee|executive|lead|owner|representative)\b",
    re.I,
)


# past participles that do not end in -ed/-en, of the verbs a process is described with ("kept", "held", "set"): a
# present-tense passive step or clause may use them as it uses the regular ones
IRREGULAR_PARTICIPLES = (r"kept|held|sent|built|run|done|set|made|paid|met|led|put|shut|told|sold|found|left|bought|"
                         r"brought|taught|sought|spent|dealt|struck|upheld|withheld")


PROCESS_PARTICIPLES = (
    "monitored logged retained reviewed re-reviewed audited conducted performed run rerun re-run tested re-tested "
    "evaluated re-evaluated assessed reassessed re-assessed tracked updated shared published reported escalated "
    "approved documented recorded restricted limited encrypted stored treated investigated notified informed "
    "consulted enforced implemented maintained applied convened overseen chaired communicated granted revoked "
    "deleted removed paused halted checked verified validated analyzed analysed red-teamed scanned patched "
    "vetted screened isolated segmented secured protected gated rotated backed disclosed briefed reported "
    "escalated prioritized prioritised triaged remediated mitigated addressed resolved responded followed "
    "signed logged kept archived reviewed inspected measured benchmarked graded scored scaled governed utilized "
    "utilised fixed corrected categorised categorized assigned rated"
).split()


IMPERATIVE_VERBS = (
    "adopt analyze analyse apply appoint assess audit build collect commit communicate conduct consult continue "
    "coordinate create define delay delete deploy design designate develop disclose document educate embed "
    "enforce engage enhance ensure establish evaluate expand extend follow harden identify implement improve inform "
    "integrate investigate involve keep participate scale strengthen "
    "limit lock log maintain manage measure mitigate monitor notify pause perform plan prepare prevent prioritize "
    "release resume grant allow approve escalate halt retrain "
    "prioritise produce prohibit protect provide publish record reduce refine report require respond restrict "
    "retain review run secure segment set share specify stop store support take test track train treat update "
    "use verify withhold "
    # verbs that are rarely nouns, which instructions in lists and tables open with ("Determine whether X",
    # "Collaborate with Y", "Remove access")
    "determine collaborate consider examine explore invest remove revoke avoid refrain assign obtain submit promote "
    "encourage enable reassess re-evaluate revise adjust confirm contribute calibrate validate encrypt isolate disable "
    "deny "
    # instructions a table's response cell opens with ("Add targeted refusal training", "Suspend API access")
    "add suspend withdraw alert brief convene commission hire watermark red-team vet authenticate archive inspect "
    "sandbox quarantine increase tighten raise"
).split()


# the same condition after its main clause ("we will notify the regulator, should an incident occur", "X are logged,
# should any occur"): "should" then comes before its subject, which no recommendation does
INVERTED_TAIL = re.compile(
    r"should\s+(?:it|we|they|there|any|a|an|the|this|that|these|those|such|our|its)\b[^,;.:()]{1,120}", re.I)


# the people who assess a model or a framework from outside it
ASSESSORS = r"auditors?|assessors?|evaluators?|reviewers?|experts?|red[-\s]?teamers?|testers?"
# outside assessors of the author's work, and the work they assess named as the author's
OUTSIDE_ASSESSOR = re.compile(
    r"(?:\b(?:external|independent|third[-\s]party|outside)\s+(?:[\w\-]+\s+)?|^\s*(?:the\s+)?)"
    rf"(?:{ASSESSORS}|audit\s+firms?)\s*$", re.I)
OURS_AFTER = re.compile(r"^[^.;]{0,60}?\b(?:our|this\s+(?:framework|policy))\b", re.I)


# "No model will be deployed unless X", "None of our models may be released": a prohibition with a negated subject
NEGATED_SUBJECT = re.compile(r"^(?:no|none\s+of|neither|not\s+a\s+single)\b", re.I)


# a bare plural class of firms as the subject ("Developers", "all frontier providers"), not the author's own "the
# developer" or "our labs"
GENERIC_CLASS = re.compile(
    r"^(?:all\s+|many\s+|most\s+|other\s+|some\s+)?(?:[\w\-]+\s+){0,2}?"
    r"(?:developers|providers|deployers|companies|labs|laboratories|organi[sz]ations|firms)$",
    re.I,
)


# a law or regulation named as the source of a duty
LEGAL_SOURCE = re.compile(
    r"\b(?:under|by|pursuant\s+to|according\s+to|in\s+line\s+with)\s+(?:(?:the|this|that|a|new|applicable|"
    r"relevant|existing|proposed|current|national|federal|state|[A-Z][\w\-]*)\s+){0,4}"
    r"(?:laws?|acts?|regulations?|legislation|statutes?|directives?|ordinances?)\b|"
    r"\b(?:the\s+)?(?:law|act|regulation|legislation|statute)\s+(?:requires|obliges|mandates)\b",
    re.I,
)


# a prepositional phrase opening the clause before its subject ("For frontier systems, we ...", "At each stage,
# the review includes X"): the subject starts after its comma
PREPOSITION_OPENER = re.compile(r"^(?:in|for|at|on|within|under|with|through|across)\s", re.I)


# superscript digits, as a note's mark is written after a word ("fixed.¹") or at its note's start ("¹ The ...")
SUPERSCRIPT_DIGITS = "[¹²³⁰⁴-⁹]"
FOOTNOTE = re.compile(r"^(?:\d{1,2}|" + SUPERSCRIPT_DIGITS + r"{1,2})\s+[A-Z“\"]")


# a paragraph that announces a description of the practice already in place ("The following summarises our existing
# controls", "Examples of current mitigations include:", "Below are elements of our existing approach:")
CURRENT_PRACTICE = re.compile(r"\b(?:existing|current|currently|today|already\s+in\s+place)\b", re.I)


# what still binds inside such a description: a modal verb or a stated requirement ("Users must re-authenticate",
# "Access requires a badge")
BINDING_WORD = re.compile(
    r"\b(?:will|shall|must|should|may|would|require[sd]?|requiring|need\s+to|needs\s+to|ha(?:s|ve)\s+to|"
    r"commit(?:s|ted)?|mandatory|prohibited|forbidden)\b|[’']ll\b",
    re.I,
)


# the verbs by which the author binds itself in so many words ("we will", "we commit", "our team shall"): a
# sentence of the author's own, wherever it stands (a glossary, a point after a sentence with no colon)
AUTHOR_BINDS = r"(?:will|shall|must|commit|are\s+committed)"


# The glyphs a printed list's bullets are drawn with: one definition for every pattern that reads a bullet (the
# segmenter's list items and table-cell breaks, the checker's glossary lines); each pattern adds what its own reading
# needs. Written for use inside a character class.
BULLET_GLYPHS = "•●○◦▪■□➢►"  # round, square and arrowhead bullets
MIDDLE_DOT = "·"  # a middle dot typed as a bullet
SMALL_BULLETS = "‣∙"  # a triangular bullet and the bullet operator, which fonts also draw other things with
# the Unicode blocks of the icons a PDF draws its bullets with, which extraction leaves as stray glyphs: private use
# (icon fonts), geometric shapes, dingbats
ICON_BLOCKS = "\ue000-\uf8ff\u25a0-\u25ff\u2700-\u27bf"
# ... and the other blocks of pictures such a glyph may come from: arrows, miscellaneous symbols, symbols and arrows
PICTURE_BLOCKS = "\u2190-\u21ff\u2600-\u26ff\u2b00-\u2bff"


# the words that end a company's name after the word people call it by ("Ibis Robotics", "Vela AI", "Kite Labs")
_ORG_TAIL = re.compile(r"\s+(?:AI|Labs?|Robotics|Systems|Technologies|Research|Intelligence|Computing|Inc\.?|Ltd\.?)$")


@functools.lru_cache(maxsize=64)
def org_pattern(org: str) -> str:
    """The organisation's name as a regular expression: as written, or by its first word when the rest only says
    what kind of company it is ("Ibis Robotics" or "Ibis": a policy calls its author both ways); never-matching when
    no name is known."""
    if not org:
        return "(?!x)x"
    tail = _ORG_TAIL.search(org)
    short = org[: tail.start()] if tail is not None and " " not in org[: tail.start()] else ""
    if not short[:1].isupper() or short.lower() in _COMMON_FIRST_WORDS:
        short = ""  # "Safe AI", "Open Labs": a word any sentence may hold is no name on its own
    # (the short form as written, a word of its own: "Ibis", not "ibis" inside another word)
    return rf"(?:{re.escape(org)}|(?-i:\b{re.escape(short)}\b))" if short else re.escape(org)


_COMMON_FIRST_WORDS = frozenset(
    "safe open general frontier applied deep new first smart secure responsible trusted human future global united "
    "advanced modern next the our".split())
