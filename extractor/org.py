"""Who "we" is: the publishing organisation, detected from the document unless given."""

from __future__ import annotations

import re
from collections import Counter

from .models import Document

# Publishers of frontier-AI policies and other organisations likely to write "we will".
KNOWN_ORGS = (
    "Google DeepMind", "DeepMind", "Google", "OpenAI", "Anthropic", "Microsoft", "Amazon", "Meta",
    "NVIDIA", "Nvidia", "Magic", "xAI", "Cohere", "Mistral AI", "IBM", "Samsung", "Naver", "G42",
    "Inflection AI", "Zhipu AI", "Apple", "Hugging Face", "Stability AI", "AI21 Labs", "Aleph Alpha",
    "Scale AI", "Adept", "Character.AI", "Baidu", "Alibaba", "Tencent", "Salesforce", "Databricks",
)
_POSSESSIVE = re.compile(r"\b([A-Z][A-Za-z0-9.&-]+(?: [A-Z][A-Za-z0-9.&-]+){0,2})(?:'s|’s)\b")


def detect_org(doc: Document) -> str | None:
    """The most frequent known organisation name (longest name wins a tie of containment), else the
    most frequent capitalised possessive near the top of the document, else None."""
    counts: Counter[str] = Counter()
    for name in KNOWN_ORGS:
        n = len(re.findall(rf"(?<![A-Za-z]){re.escape(name)}(?![A-Za-z])", doc.text))
        if n:
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
        return max(tied, key=len)
    head = doc.text[:5000]
    poss = Counter(m.group(1) for m in _POSSESSIVE.finditer(head))
    if poss:
        return poss.most_common(1)[0][0]
    return None
