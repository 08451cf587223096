"""Who "we" is: the publishing organisation, detected from the document unless given."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from .load import readable_name
from .models import Document

# Publishers of frontier-AI policies and other organisations likely to write "we will".
KNOWN_ORGS = (
    "Google DeepMind", "DeepMind", "Google", "OpenAI", "Anthropic", "Microsoft", "Amazon", "Meta",
    "NVIDIA", "Nvidia", "Magic", "xAI", "Cohere", "Mistral AI", "IBM", "Samsung", "Naver", "G42",
    "Inflection AI", "Zhipu AI", "Apple", "Hugging Face", "Stability AI", "AI21 Labs", "Aleph Alpha",
    "Scale AI", "Adept", "Character.AI", "Baidu", "Alibaba", "Tencent", "Salesforce", "Databricks",
)
_POSSESSIVE = re.compile(r"\b([A-Z][A-Za-z0-9.&-]+(?: [A-Z][A-Za-z0-9.&-]+){0,2})(?:'s|’s)\b")
_NAME = r"[A-Z][A-Za-z0-9&.\-]*[A-Za-z0-9]"
# "<Name> will notify ...", "<Name> commits to ...": a capitalised name as the subject of a commitment verb
_NAMED_SUBJECT = re.compile(
    rf"(?<![\w’'])(?P<name>{_NAME}(?:\s+{_NAME}){{0,2}})\s+(?:will|shall|must|commits?\s+to|is\s+committed\s+to|"
    r"pledges?\s+to|undertakes?\s+to|intends?\s+to|plans?\s+to|aims?\s+to)\b"
)
# capitalised words that open sentences or name parts of a document, never a publisher
_NOT_NAMES = frozenset(
    "a an the this these that those it its they we our us he she you if when where while each every any all "
    "some such no none both either neither other another then there here further furthermore however "
    "moreover finally also board committee team officer council company organisation organization "
    "framework policy section appendix annex table figure model models system systems developers "
    "providers users staff employees management leadership governance this document version".split()
)
# a lone sentence-initial word shaped like a common noun or adverb ("Evaluations will", "Information will")
_COMMON_WORD = re.compile(r"^[A-Z][a-z]+(?:s|ion|ing|ly|ment|ity|ance|ence|ure|ness)$")
_HEAD_CHARS = 3000  # the top of the document: title, preamble


def _count(name: str, text: str) -> int:
    return len(re.findall(rf"(?<![A-Za-z]){re.escape(name)}(?![A-Za-z])", text))


def _named_subjects(text: str) -> Counter[str]:
    """Capitalised names that are subjects of commitment verbs, kept only when the name also stands
    capitalised inside a sentence somewhere (an ordinary word is capitalised only at a sentence start)."""
    found: Counter[str] = Counter()
    for m in _NAMED_SUBJECT.finditer(text):
        words = m.group("name").split()
        while words and words[0].lower() in _NOT_NAMES:
            words = words[1:]
        if not words or any(w.lower() in _NOT_NAMES for w in words):
            continue
        found[" ".join(words)] += 1
    out: Counter[str] = Counter()
    for name, n in found.items():
        if re.search(rf"[a-z,;]\s+{re.escape(name)}(?![A-Za-z])", text) or n >= 2 or not _COMMON_WORD.search(name):
            out[name] = n
    return out


def _starts_title(words: str, text: str) -> bool:
    """Do the words, wherever they stand, run on into more capitalised words ("Acme Secure AI Model Framework")?
    Then they open a document's title, and the second word belongs to the title, not to the name."""
    found = list(re.finditer(rf"(?<![A-Za-z]){re.escape(words)}(?![A-Za-z])(?P<next>\s+{_NAME})?", text))
    if not found:
        return False
    running = sum(1 for m in found if m.group("next") and m.group("next").split()[0][0].isupper())
    return running == len(found)


# "<Name> conducts ...", "<Name> restricts ...": a name as the subject of a present-tense verb
_PRESENT_SUBJECT = re.compile(rf"(?<![\w’'])(?P<name>{_NAME}(?:[ \t]+{_NAME}){{0,2}})[ \t]+(?:also\s+|regularly\s+)?"
                              r"[a-z]{3,}(?<!ss)(?<!us)(?<!is)s\b")


def _titled_subject(doc: Document) -> str | None:
    """A name that opens the document's title and is the subject of present-tense verbs in its body at least
    twice ("<Name> conducts red-teaming", "<Name> restricts access"): the author stating its own practice."""
    title = doc.title or ""
    found: Counter[str] = Counter()
    for m in _PRESENT_SUBJECT.finditer(doc.text):
        words = m.group("name").split()
        if words[0].lower() in _NOT_NAMES or any(w.lower() in _NOT_NAMES for w in words):
            continue
        name = " ".join(words)
        if title.startswith(name) or title.startswith(f"The {name}"):
            found[name] += 1
    best = found.most_common(1)
    return best[0][0] if best and best[0][1] >= 2 else None


def _versioned(words: str, text: str, n: int) -> bool:
    """Are the words mostly followed by a version ("Acme ASF 2.0", "Acme Policy v1")? Then they name a
    document, and the second word is the document's, not the organisation's."""
    versions = len(re.findall(rf"(?<![A-Za-z]){re.escape(words)}\s+v?\d+(?:\.\d+)*\b", text))
    return n > 0 and 2 * versions >= n


def _extend(name: str, text: str) -> str:
    """The full name as the document writes it: a known short name followed, in the document's top
    or often enough, by another capitalised word ("Google DeepMind") is that longer name."""
    longer: Counter[str] = Counter(
        m.group(0) for m in re.finditer(rf"(?<![A-Za-z]){re.escape(name)}\s+{_NAME}(?:\s+{_NAME})?", text))
    total = _count(name, text)
    head = text[:_HEAD_CHARS]
    best = name
    for cand, _ in longer.most_common():
        two = " ".join(cand.split()[: len(name.split()) + 1])
        tail = two.split()[-1]
        if tail.lower() in _NOT_NAMES or not tail[0].isupper():
            continue
        n2 = _count(two, text)
        if _starts_title(two, text) or _versioned(two, text, n2):
            continue
        if (_count(two, head) and n2 >= 2) or n2 * 2 >= total:
            best = two
            break
    return best


def detect_org(doc: Document) -> str | None:
    """The most frequent known organisation name (longest name wins a tie of containment; a known
    name the document writes as part of a longer name is that name), else a capitalised name that is
    the subject of commitment verbs, else the most frequent capitalised possessive near the top of
    the document, else None."""
    counts: Counter[str] = Counter()
    for known in KNOWN_ORGS:
        # a publisher may style its name in capitals ("ACME" for Acme): the document's own form is the name
        forms = {known, known.upper()}
        n, name = max((_count(form, doc.text), form) for form in forms)
        if n and name not in counts:
            counts[name] = n
    # a name inside a longer known name ("Google" in "Google DeepMind") is credited to the longer one
    for longer in list(counts):
        for shorter in list(counts):
            if shorter != longer and shorter in longer:
                counts[shorter] -= counts[longer]
    counts = Counter({k: v for k, v in counts.items() if v > 0})
    if counts:
        best = counts.most_common()
        top = best[0][1]
        tied = [name for name, n in best if n == top]
        if len(counts) >= 4 and (len(best) < 2 or top < 2 * best[1][1]):
            # many organisations, none dominant: a joint statement or a list of signatories, no single "we"
            return None
        winner = max(tied, key=len)
        # a longer known name that the document's title or preamble uses is the author's full name
        head = doc.text[:_HEAD_CHARS]
        for name in counts:
            if winner in name and name != winner and _count(name, head):
                winner = name
        return _extend(winner, doc.text)
    subjects = _named_subjects(doc.text)
    if subjects:
        return subjects.most_common(1)[0][0]
    if titled := _titled_subject(doc):
        return titled
    head = doc.text[:5000]
    poss = Counter(m.group(1) for m in _POSSESSIVE.finditer(head))
    if poss:
        return poss.most_common(1)[0][0]
    return None


def fallback_org(doc: Document) -> str:
    """When nothing names the author: the file name, readable ("acme_policy-v2.pdf" -> "acme policy v2")."""
    return readable_name(Path(doc.path).stem if doc.path else doc.id) or doc.id
