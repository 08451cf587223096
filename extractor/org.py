"""Who "we" is: the publishing organisation, detected from the document unless given.

The name comes from the document alone, never from a list of publishers: the extractor meets publishers it has
never seen. A document names its author in a few ways, each scored: as the subject of a commitment ("<Name> will"),
in the possessive ("<Name>'s approach"), after "At <Name>, we", in a copyright line, as the domain on its cover, at
the head of its title, and by how often it stands capitalised in running text. What a policy also capitalises is
kept out: its own vocabulary ("Frontier Safety Framework"), the terms it defines ("Critical Levels (CLs)"), plural
acronyms and numbered levels, and ordinary words it also writes in lower case.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from pathlib import Path

from .load import readable_name
from .models import Document
from .textutil import LEGAL_SUFFIX as _LEGAL_SUFFIX

_NAME = r"[A-Z][A-Za-z0-9&.\-]*[A-Za-z0-9]"
# a name's word: capitalised ("Acme", "ACME", "K9") or a lower-case letter before a capital ("xLab")
_TOKEN = rf"(?:{_NAME}|[a-z][A-Z][A-Za-z0-9]*)"
# a run of such words in the text; a candidate is a run's first one to three words
_RUN = re.compile(rf"(?<![\w’'\-.]){_TOKEN}(?:[ \t]+{_TOKEN})*(?![\w\-])")
# capitalised words that open sentences or name parts of a document, never a publisher
_NOT_NAMES = frozenset(
    "a an the this these that those it its they we our us he she you if when where while each every any all "
    "some such no none both either neither other another then there here further furthermore however "
    "moreover finally also board committee team officer council company organisation organization unit division "
    "department directorate secretariat republic kingdom ministry government parliament union commission agency "
    "framework policy section appendix annex table figure model models system systems developers "
    "providers users staff employees management leadership governance this document version "
    "under with for from in on at by to of and or as since because once after before during "
    "article chapter part paragraph clause recital".split()
)
# a policy's own vocabulary, capitalised in its titles and terms: a name that begins or ends with one is the policy's
_POLICY_WORDS = frozenset(
    "ai agi frontier safety security framework policy policies risk risks model models responsible scaling "
    "preparedness governance management assessment readiness capability capabilities critical level levels "
    "threshold thresholds executive summary introduction overview contents abstract preface scope purpose "
    "principles secure compliance development deployment".split()
)
# a sentence-opening word shaped like a common noun or adverb ("Evaluations will", "Information will")
_COMMON_WORD = re.compile(r"^[A-Z][a-z]+(?:s|ion|ing|ly|ment|ity|ance|ence|ure|ness)$")
_COMMIT_VERB = (r"(?:also\s+)?(?:will|shall|must|commits?\s+to|is\s+committed\s+to|pledges?\s+to|undertakes?\s+to|"
                r"intends?\s+to|plans?\s+to|aims?\s+to)\b")
_HEAD_CHARS = 3000  # the top of the document: title, preamble
_COVER_CHARS = 1000  # where a domain names the author, not a source the text cites
_READ_CHARS = 500_000  # a policy names its author well before this; a 20 MB file is read no further
MIN_SCORE = 3.0  # one commitment with the name as its subject


def _count(name: str, text: str) -> int:
    return len(re.findall(rf"(?<![A-Za-z]){re.escape(name)}(?![A-Za-z])", text))


def _prefixes(run: str) -> list[str]:
    words = run.split()
    return [" ".join(words[:k]) for k in range(1, min(3, len(words)) + 1)]


def _suffixes(run: str) -> list[str]:
    words = run.split()
    return [" ".join(words[-k:]) for k in range(1, min(3, len(words)) + 1)]


# a run of at most six words before a verb or a possessive: bounded, so that a long run of capitalised words (a
# hostile or a garbled text) is read in linear time
_RUN_OF = rf"(?P<run>{_TOKEN}(?:[ \t]+{_TOKEN}){{0,5}})"
_SUBJECT = re.compile(rf"(?<![\w’']){_RUN_OF}\s+{_COMMIT_VERB}")
# (not a work it cites: "a think tank's report on securing weights", "the agency's guidance")
_POSSESSIVE = re.compile(rf"(?<![\w’']){_RUN_OF}(?:'s|’s)\b(?!\s+(?:\w+\s+)?(?:report|paper|study|studies|article|"
                         r"guidance|publication|research|definition|taxonomy|survey|analysis|standard)s?\b)")
_AT_WE = re.compile(rf"\b[Aa]t\s+{_RUN_OF},\s+we\b")
_COPYRIGHT_MARK = r"(?:©|\([Cc]\)|[Cc]opyright)\s*(?:\d{4}\s*)?(?:by\s+)?"
_COPYRIGHT = re.compile(_COPYRIGHT_MARK + _RUN_OF)
_PREPOSITION_BEFORE = re.compile(r"\b(?:across|at|within|throughout|of|in|for|to|by|from|with|on|between|among)\s+$")
_DOMAIN = re.compile(r"\b([a-z0-9\-]+)\.(?:com|ai|org|io|co|net)\b")
_RUNNING = re.compile(rf"(?<=[a-z,;:]\s){_RUN_OF}(?![\w\-])")
_PRESENT = re.compile(rf"(?<![\w’']){_RUN_OF}[ \t]+(?:also\s+|regularly\s+)?[a-z]{{3,}}(?<!ss)(?<!us)(?<!is)s\b")
# a legal text names its author once, with the short names it then uses: 'Acme Robotics, Inc. ("Acme" or the
# "Company")', 'Acme Ltd (together with its affiliates, "we")'
_ALIAS = re.compile(
    rf"(?<![\w’']){_RUN_OF}(?:{_LEGAL_SUFFIX}\.?)?\s*\(\s*(?:together\s+with\s+its\s+\w+\s*,?\s*)?"
    # ('Acme Co., Ltd. (hereinafter "the Company")', as legal texts translated from other languages write it)
    r"(?:(?i:hereinafter|hereafter)(?:\s+(?:referred\s+to\s+as|called))?\s*,?\s*)?(?:the\s+)?"
    r"[“\"](?P<alias>[^”\"\n]{1,40})[”\"]")
_SELF_ALIASES = frozenset("company we us our corporation organisation organization developer provider lab".split())
# a cover line that names the publisher with the document's version or date ("Acme Research, version 2.3, effective
# 1 May 2026", "Acme Inc. | Version 2 | May 2025")
_BYLINE = re.compile(
    rf"^[ \t*_]*{_RUN_OF}(?:{_LEGAL_SUFFIX}\.?)?[ \t]*[,|·•–—\-][ \t]*"
    r"(?:(?i:version|issue|rev(?:ision)?|effective|published|updated|last\s+updated)\b|[vV]\d|\d{1,2}\s+[A-Z][a-z]+\s+\d{4}|[A-Z][a-z]+\s+\d{1,2},?\s+\d{4}|[A-Z][a-z]+\s+\d{4}|"
    r"\d{4}\b)", re.M)
# a cover line that is a legal entity's name alone ("Acme Robotics, Inc."): the publisher, as a title would name it
_COVER_ENTITY = re.compile(rf"^[ \t*_#]*{_RUN_OF}{_LEGAL_SUFFIX}\.?[ \t]*$", re.M)
# how a document's cover introduces its author: a maker of models ("Acme builds AI assistants", "Acme is an AI lab")
_INTRO = re.compile(rf"(?<![\w’']){_RUN_OF}[ \t]+(?:builds|develops|trains|designs|creates|researches|is\s+an?)\b")
_DEFINED = re.compile(r"\(\s*[“\"']?([^()“”\"'\n]{1,60}?)[”\"']?\s*\)")
# a term a definitions clause defines ('"Serious Incident" means X', '"Board" refers to Y')
_DEFINES = re.compile(r"[“\"]([^“”\"\n]{1,60})[”\"]\s+(?:means|refers\s+to|has\s+the\s+meaning|includes)\b")
# a word in lower case, not inside a web or mail address ("acme.com" is the name's, not a common word)
_LOWER_WORD = re.compile(r"(?<![\w\-./@])[a-z][a-z0-9]*(?![\w\-@]|\.[a-z])")


class _Evidence:
    """How often the document writes each name in each way that names an author, read in one pass per way (a
    document has hundreds of capitalised names; reading the text once for each would be slow on a long one)."""

    def __init__(self, text: str, title: str) -> None:
        self.title = title
        self.candidates = {name for m in _RUN.finditer(text) for name in _prefixes(m.group(0))}
        # (a name after a preposition is not the subject: "Teams across Acme must X")
        self.subject = Counter(n for m in _SUBJECT.finditer(text)
                               if not _PREPOSITION_BEFORE.search(text, max(0, m.start() - 16), m.start())
                               for n in _suffixes(m.group("run")))
        self.possessive = Counter(n for m in _POSSESSIVE.finditer(text) for n in _suffixes(m.group("run")))
        self.at = Counter(m.group("run") for m in _AT_WE.finditer(text))
        self.copyright = {n for m in _COPYRIGHT.finditer(text) for n in _prefixes(m.group("run"))}
        self.domains = {m.group(1) for m in _DOMAIN.finditer(text[:_COVER_CHARS])}
        self.running = Counter(n for m in _RUNNING.finditer(text) for n in _prefixes(m.group("run")))
        self.present = Counter(n for m in _PRESENT.finditer(text) for n in _suffixes(m.group("run")))
        self.byline = {n for m in _BYLINE.finditer(text[:_COVER_CHARS]) for n in _prefixes(m.group("run"))}
        self.cover_entity = {m.group("run") for m in _COVER_ENTITY.finditer(text[:_COVER_CHARS])}
        self.intro = Counter(n for m in _INTRO.finditer(text[:_COVER_CHARS]) for n in _suffixes(m.group("run")))
        self.defined = {m.group(1).strip() for rx in (_DEFINED, _DEFINES) for m in rx.finditer(text)}
        aliases = [m for m in _ALIAS.finditer(text) if _aliases_author(m.group("run"), m.group("alias"))]
        self.alias = Counter(n for m in aliases for n in _prefixes(m.group("run"))
                             if not re.search(_LEGAL_SUFFIX + "$", n))
        # the short name the author then commits under ('Acme plc (the "Company")', then "The Company shall X"): its
        # commitments are the name's
        self.alias_subject: Counter[str] = Counter()
        for m in aliases:
            short = re.sub(r"^the\s+", "", m.group("alias").strip(), flags=re.I)
            for n in _prefixes(m.group("run")):
                self.alias_subject[n] = max(self.alias_subject[n], self.subject[short])
        # a legal text that names one legal entity ("Acme Electronics Co., Ltd. has developed X") and then calls it
        # "the Company" without defining the short name: "The Company shall X" is that entity's commitment
        legal = {m.group("run") for m in re.finditer(rf"(?<![\w’']){_RUN_OF}{_LEGAL_SUFFIX}", text)}
        if not aliases and len({r.casefold() for r in legal}) == 1:
            for n in (n for r in legal for n in _prefixes(r)):
                self.alias_subject[n] = max(self.alias_subject[n], self.subject["Company"])
        self.lower = set(_LOWER_WORD.findall(text))
        numbers: dict[str, set[str]] = {}
        for m in re.finditer(r"\b([A-Z]{1,3})-?(\d{1,2})\b", text):
            numbers.setdefault(m.group(1), set()).add(m.group(2))
        self.series = {prefix for prefix, ns in numbers.items() if len(ns) >= 2}  # levels numbered in a series

    def excluded(self, name: str) -> bool:
        words = [w.lower() for w in name.split()]
        # a company named "<Word> AI" ("Willow AI") is a name, when its first word is one the text never writes in
        # lower case ("Frontier AI", "Generative AI" are the policy's vocabulary)
        ai_name = len(words) == 2 and words[1] == "ai" and words[0] not in self.lower and re.fullmatch(
            r"[A-Z][a-z]+", name.split()[0]) is not None
        if any(w in _NOT_NAMES for w in words) or words[0] in _POLICY_WORDS or (
                words[-1] in _POLICY_WORDS and not ai_name):
            return True
        if name in self.defined and not self.alias[name]:
            return True  # a term the document defines: "Critical Levels (CLs)", "Safety Group (SG)"
        code = re.fullmatch(r"([A-Z]{1,3})(\d{1,2})", name)
        if re.fullmatch(r"[A-Z]{2,}s", name) or re.search(r"-\d", name) or (code and code.group(1) in self.series):
            return True  # a plural acronym or a numbered level ("L-2"; "A4" among "A1" to "A3"; not a code name alone)
        if re.fullmatch(_LEGAL_SUFFIX, " " + name.split()[-1]):
            return True  # "Acme Labs Inc": the legal form is no part of the name, which is a candidate without it
        # one ordinary capitalised word is a name only if the text never writes it in lower case
        return len(words) == 1 and re.fullmatch(r"[A-Z][a-z]+", name) is not None and words[0] in self.lower

    def score(self, name: str) -> tuple[float, int]:
        """(score, strong evidence): how the document names `name` as its author. A name only in the title is not
        enough (a title may name a product or a place); the title adds to the other evidence."""
        title = int(_opens_title(name, self.title) or name in self.cover_entity)
        subject, possessive, at = self.subject[name], self.possessive[name], self.at[name]
        copyright_ = int(name in self.copyright or name in self.byline or name in self.cover_entity)
        domain = int(name.lower().replace(" ", "") in self.domains)
        running = self.running[name]
        alias = int(self.alias[name] > 0)
        subject = max(subject, self.alias_subject[name])
        # "<Name> conducts X", "<Name> restricts Y" twice or more, under a title it opens: the author stating its
        # practice (a present-tense verb also follows a product's or a place's name, so the title must vouch for it);
        # once is enough when the text also names it inside a sentence ("sets out how <Name> identifies X") or when
        # the cover introduces it as a maker ("<Name> builds AI assistants."; not "<Name> ships soon": a product)
        present = self.present[name] if title and (self.present[name] >= 2 or running or self.intro[name]) else 0
        if len(name.split()) == 1 and _COMMON_WORD.match(name) and not (
                running or possessive or at or subject >= 2 or copyright_):
            return 0.0, 0  # "Evaluations will be run": a sentence's first word, never capitalised inside one
        # the cover introducing the name as what it is ("<Name> is a start-up based in X") under a title it opens
        intro = min(self.intro[name], 1) if title else 0
        score = (3 * min(subject, 5) + 2 * min(possessive, 5) + 3 * min(at, 2) + 3 * copyright_ + 3 * domain
                 + 4 * title + 4 * alias + 2 * min(present, 5) + 2 * intro + 1.5 * math.log2(1 + running))
        return score, subject + possessive + at + copyright_ + domain + present + alias + intro


def _opens_title(name: str, title: str) -> bool:
    """Does the title open with the name ("Acme Safety Framework", "The Acme Policy", "Acme's Framework", "Acme:
    Safety Update")?"""
    rest = title[4:] if title.startswith("The ") else title
    if not rest.startswith(name):
        # a cover that sets the name in capitals ("ACME LABS Frontier Safety Framework")
        if not (rest[: len(name)].isupper() and rest[: len(name)] == name.upper()):
            return False
    after = rest[len(name):]
    for mark in ("'s", "’s"):
        if after.startswith(mark):
            after = after[len(mark):]
    return not after or after[:1].isspace() or after[:1] in (":", ",", "—", "–", "|")


def _aliases_author(run: str, alias: str) -> bool:
    """Is `alias` a short name of the name `run` ("Acme" for "Acme Robotics") or the author's ("the Company", "we")?"""
    words = re.sub(r"^the\s+", "", alias.strip(), flags=re.I).split()
    first = words[0].lower() if words else ""
    return first in _SELF_ALIASES or run.lower().startswith(alias.lower())


def _full_name(name: str, text: str) -> str:
    """The name as the document writes it in full: a second word in camel case after it ("Acme DeepLab"), unless a
    legal form follows (a subsidiary, "Acme OpCo LLC"), or a longer form it uses often enough (`_extend`)."""
    m = re.search(rf"(?<![\w’']){re.escape(name)}\s+(?P<w>[A-Z][a-z]+[A-Z][A-Za-z]*)\b(?!{_LEGAL_SUFFIX})", text)
    return f"{name} {m.group('w')}" if m else _extend(name, text)


def _starts_title(words: str, text: str) -> bool:
    """Do the words, wherever they stand, run on into more capitalised words ("Acme Secure AI Model Framework")?
    Then they open a document's title, and the second word belongs to the title, not to the name."""
    found = list(re.finditer(rf"(?<![A-Za-z]){re.escape(words)}(?![A-Za-z])(?P<next>\s+{_NAME})?", text))
    if not found:
        return False
    running = sum(1 for m in found if m.group("next") and m.group("next").split()[0][0].isupper())
    return running == len(found)


def _versioned(words: str, text: str, n: int) -> bool:
    """Are the words mostly followed by a version ("Acme XSF 2.0", "Acme Policy v1")? Then they name a
    document, and the second word is the document's, not the organisation's."""
    versions = len(re.findall(rf"(?<![A-Za-z]){re.escape(words)}\s+v?\d+(?:\.\d+)*\b", text))
    return n > 0 and 2 * versions >= n


def _extend(name: str, text: str) -> str:
    """The full name as the document writes it: a name followed, in the document's top or often enough, by
    another capitalised word ("Acme Robotics") is that longer name."""
    longer: Counter[str] = Counter(
        m.group(0) for m in re.finditer(rf"(?<![A-Za-z]){re.escape(name)}\s+{_NAME}(?:\s+{_NAME})?", text))
    total = _count(name, text)
    head = text[:_HEAD_CHARS]
    for cand, _ in longer.most_common():
        two = " ".join(cand.split()[: len(name.split()) + 1])
        tail = two.split()[-1]
        # the legal name ("Vela Systems Inc."): its words are the name's, whatever they mean elsewhere
        # (so is the name a copyright line writes: "© 2026 Tallis Systems")
        legal = re.search(rf"(?<![A-Za-z]){re.escape(two)}{_LEGAL_SUFFIX}", text) is not None or re.search(
            _COPYRIGHT_MARK + re.escape(two) + r"(?![\w\-])", text) is not None
        # a legal form is no part of the name
        if (tail.lower() in _NOT_NAMES | _POLICY_WORDS and not legal) or not tail[0].isupper() \
                or re.fullmatch(_LEGAL_SUFFIX, " " + tail):
            continue
        n2 = _count(two, text)
        if _starts_title(two, text) or _versioned(two, text, n2):
            continue
        if (_count(two, head) and n2 >= 2) or n2 * 2 >= total:
            return two
    return name


# a list item that is only a name ("- Acme", "• Acme Robotics"): a list of them is a list of parties
_NAME_ITEM = re.compile(rf"^[ \t]*(?:[-•*·▪]|\d+[.)])[ \t]+{_TOKEN}(?:[ \t]+{_TOKEN}){{0,3}}[ \t]*$", re.M)
LISTED_NAMES = 6  # names listed one to an item: a document signed by many
STATED_SCORE = 6.0  # two commitments with the name as subject, or a possessive and a copyright line


def _names_listed(text: str) -> int:
    """How many list items are only a name (of no policy word)."""
    return sum(1 for m in _NAME_ITEM.finditer(text)
               if not any(w.lower() in _POLICY_WORDS | _NOT_NAMES for w in re.findall(r"[A-Za-z]+", m.group(0))))


def detect_org(doc: Document) -> str | None:
    """The name the document gives its author, best scored (`_Evidence.score`), written in full; None when no name has
    evidence enough, or when several names have about as much and none leads (a joint statement or a list of
    signatories speaks for no single "we")."""
    text = doc.text[:_READ_CHARS]
    ev = _Evidence(text, doc.title or "")
    scored = sorted(((s, name) for name in ev.candidates if not ev.excluded(name)
                     for s, strong in [ev.score(name)] if strong), reverse=True)
    if not scored or scored[0][0] < MIN_SCORE:
        return _title_company(ev.title, text)
    if len(scored) >= 4 and scored[0][0] < 2 * scored[1][0]:
        return None
    if _names_listed(text) >= LISTED_NAMES and scored[0][0] < STATED_SCORE:
        return None  # a list of signatories, and no name speaks as the author: the text is the group's, or a host's
    return _full_name(scored[0][1], text)


# a company's name opening the title, its last word one only a company's name ends with ("Nimbus Labs Frontier AI
# Framework"; not "Gemini Robotics Safety Report", whose name may be a product's)
_COMPANY_SUFFIX = r"Labs?|Technologies|Corporation|Corp\.?|Inc\.?|Ltd\.?|LLC|GmbH"
_TITLE_COMPANY = re.compile(
    r"^(?:The\s+)?(?P<name>[A-Z][\w&\-]*(?:\s+[A-Z][\w&\-]*){0,2}?\s+(?:" + _COMPANY_SUFFIX + r"))(?=[\s,’']|$)")


def _title_company(title: str, text: str) -> str | None:
    """When no sentence names the author: a company's name that opens the title and that the text uses again."""
    m = _TITLE_COMPANY.match(title.strip())
    if m is None:
        return None
    name = m.group("name").rstrip(".")
    return name if _count(name, text) >= 2 else None


def fallback_org(doc: Document) -> str:
    """When nothing names the author: the name the title opens with where the file name opens with it too ("Meridian"
    for "Meridian Frontier Model Policy" in meridian_policy.md: two sources agree), else the file name, readable
    ("acme_policy-v2.pdf" -> "acme policy v2")."""
    name = readable_name(Path(doc.path).stem if doc.path else doc.id) or doc.id
    return _title_file_name(doc.title or "", name, doc.text[:_READ_CHARS]) or name


def _title_file_name(title: str, file_name: str, text: str) -> str | None:
    """The title's opening capitalised words that the file name opens with, unless they are the policy's vocabulary
    or a word the text also writes in lower case."""
    words = re.findall(r"[A-Za-z0-9]+", file_name.lower())
    opening = [w.rstrip(":,;|—–") for w in title.split()]
    n = 0
    while n < min(len(words), len(opening), 3) and opening[n].lower() == words[n] and re.fullmatch(
            r"[A-Z][A-Za-z0-9&\-]*", opening[n]) and opening[n].lower() not in _POLICY_WORDS | _NOT_NAMES:
        n += 1
    lower = set(_LOWER_WORD.findall(text))
    if n == 0 or opening[0].lower() in lower:
        return None
    if n < len(opening) and _COMPANY_WORD.fullmatch(opening[n]):
        n += 1  # "Tern Robotics Model Release Policy" in tern_policy.md: the company's own second word
    return " ".join(opening[:n])


# a word that ends a company's name ("Tern Robotics", "Acme Labs", "Vela AI"): the suffixes a title's company name is
# read by (`_TITLE_COMPANY`), and words that end a name as often
_COMPANY_WORD = re.compile(_COMPANY_SUFFIX + r"|Systems|Research|Robotics|AI|Intelligence|Computing|Analytics|Dynamics|"
                           r"Software|Networks|Solutions")
