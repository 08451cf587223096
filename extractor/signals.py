"""`verifiable` by the contract's procedure (ANNOTATION.md "Verifiable"), with the signal that made it so.

One function for every backend and for the checker, so that `verifiable`, `verifiable_signal` and flag
C303 cannot disagree. Only the commitment's own words count: a publication or disclosure (updating the
published policy, sharing with a named outside party), a named external party taking part, or something
outsiders can observe or test directly. Internal conduct, however concrete or numeric, names none of
these, and neither does a visible reaction to an internal determination, so both come out None.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import (
    DOCUMENT_UPDATE,
    EXTERNAL_NAME,
    EXTERNAL_PARTY,
    NOT_PUBLICATION,
    OBSERVABLE,
    PUBLICATION,
    SHARE_OUTSIDE,
    norm,
)
from .models import SignalKind, VerifiableSignal

# in the contract's order: the first kind found is the one reported
_CUES: tuple[tuple[SignalKind, re.Pattern[str]], ...] = (
    ("publication", PUBLICATION),
    ("publication", DOCUMENT_UPDATE),
    ("publication", SHARE_OUTSIDE),
    ("external_party", EXTERNAL_PARTY),
    ("external_party", EXTERNAL_NAME),
    ("observable", OBSERVABLE),
)


def verifiable_signal(text: str) -> VerifiableSignal | None:
    """The first outside signal the commitment's words name, with those words; None when there is none."""
    found = _signal(text)
    return None if found is None else VerifiableSignal(kind=found[0], evidence=found[1])


@lru_cache(maxsize=8192)
def _signal(text: str) -> tuple[SignalKind, str] | None:
    # (remembered: the rules, the learned features and the backend ask it of the same quotes)
    t = norm(" ".join(text.split()))
    flat = " ".join(text.split())
    excluded = [m.span() for m in NOT_PUBLICATION.finditer(t)]
    for kind, pattern in _CUES:
        for m in pattern.finditer(t):
            if any(lo <= m.start() < hi for lo, hi in excluded):
                continue
            return kind, flat[m.start():m.end()].strip(" ,;:.")
    return None


def is_verifiable(text: str) -> bool:
    return verifiable_signal(text) is not None
