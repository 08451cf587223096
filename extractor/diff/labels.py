"""The label of an aligned pair (unchanged, reworded, strengthened, weakened) and its reasons.

Rules that hold for any policy: binding force (must > should > intend > may), specificity
(quantitative > concrete > vague), deadlines, conditions and exceptions, named verifiers and escape
clauses. The word lists are the checker's (extractor/lexicon.py), so a diff reason and a checker
flag read the same words the same way.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Protocol

from ..lexicon import ANY_ESCAPE, QUANTITY, VAGUE_TRIGGER, VERIFIER_FAMILIES, norm
from ..models import Modality, Specificity
from .align import normalize_quote
from .models import MODALITY_RANK, SPECIFICITY_RANK, ChangeLabel, Direction, Reason

# a time limit ("before we train X", "within 30 days"); "until" bounds a duration: a condition
_DEADLINE = re.compile(r"^(?:before|prior\s+to|by\s+the\s+time|no\s+later\s+than|within|by)\b", re.I)
_EXCEPTION = re.compile(r"^(?:unless|except)\b", re.I)
# the checker's word lists (one meaning per word across the tool)
VERIFIERS = VERIFIER_FAMILIES
ESCAPES = ANY_ESCAPE


class Clause(Protocol):
    """What a label is read from; a `Commitment` is one."""

    quote: str
    modality: Modality
    specificity: Specificity
    trigger: str | None


def _trigger_kind(trigger: str | None) -> str | None:
    if not trigger:
        return None
    t = trigger.strip()
    if _EXCEPTION.match(t) or ESCAPES.match(norm(t)):  # "unless ...", "when appropriate"
        return "exception"
    if _DEADLINE.match(t):
        return "deadline"
    return "condition"


def _trigger_reasons(old: str | None, new: str | None) -> list[Reason]:
    """A lost deadline or an added exception weakens; an added condition narrows (weakens a little)."""
    ko, kn = _trigger_kind(old), _trigger_kind(new)
    if ko == kn and (ko is None or normalize_quote(old or "") == normalize_quote(new or "")):
        return []

    def reason(direction: Direction, weight: float, text: str) -> Reason:
        return Reason(kind="trigger", direction=direction, weight=weight, old=old, new=new, text=text)

    if ko == "deadline" and kn != "deadline":
        return [reason("weaker", 1.0, f"deadline removed ('{old}')")]
    if kn == "deadline" and ko != "deadline":
        return [reason("stronger", 1.0, f"deadline added ('{new}')")]
    if kn == "exception" and ko != "exception":
        return [reason("weaker", 1.0, f"exception added ('{new}')")]
    if ko == "exception" and kn != "exception":
        return [reason("stronger", 1.0, f"exception removed ('{old}')")]
    if ko == "condition" and kn is None:
        return [reason("stronger", 0.5, f"condition removed, now unconditional ('{old}')")]
    if ko is None and kn == "condition":
        return [reason("weaker", 0.5, f"condition added ('{new}')")]
    vo, vn = bool(VAGUE_TRIGGER.search(norm(old or ""))), bool(VAGUE_TRIGGER.search(norm(new or "")))
    if vn and not vo:
        return [reason("weaker", 1.0, f"trigger loosened ('{old}' -> '{new}')")]
    if vo and not vn:
        return [reason("stronger", 1.0, f"trigger tightened ('{old}' -> '{new}')")]
    return [reason("neutral", 0.0, f"trigger reworded ('{old}' -> '{new}')")]


def document_acronyms(*texts: str | None) -> dict[str, str]:
    """The bodies the documents name by acronym ("Safety Review Board (SRB)"): read from the documents,
    never listed here."""
    from ..backends.rules import body_acronyms

    out: dict[str, str] = {}
    for text in texts:
        if text:
            for acr, expansion in body_acronyms(text).items():
                out.setdefault(acr, expansion)
    return out


def _families(text: str, acronyms: Mapping[str, str] | None = None) -> set[str]:
    if acronyms:
        text = " ".join([text, *(exp for acr, exp in acronyms.items() if re.search(rf"\b{re.escape(acr)}\b", text))])
    return {name for name, rx in VERIFIERS.items() if rx.search(norm(text))}


def _escapes(text: str) -> set[str]:
    return {" ".join(m.group(0).lower().split()) for m in ESCAPES.finditer(norm(text))}


def _quantities(text: str) -> set[str]:
    return {" ".join(m.group(0).lower().split()) for m in QUANTITY.finditer(norm(text))}


def compare(old: Clause, new: Clause, acronyms: Mapping[str, str] | None = None) -> tuple[ChangeLabel, list[Reason]]:
    """The label of an aligned pair and the observed changes behind it.

    Each change counts its weight in its direction; the sign of the sum is the label, and a sum of
    zero (no change in force, or changes that balance) is `reworded`.
    """
    if normalize_quote(old.quote) == normalize_quote(new.quote):
        return "unchanged", []
    reasons: list[Reason] = []
    mo, mn = MODALITY_RANK[old.modality], MODALITY_RANK[new.modality]
    if mo != mn:
        reasons.append(Reason(kind="modality", direction="weaker" if mn < mo else "stronger", weight=abs(mn - mo),
                              old=old.modality, new=new.modality, text=f"modality {old.modality} -> {new.modality}"))
    so, sn = SPECIFICITY_RANK[old.specificity], SPECIFICITY_RANK[new.specificity]
    if so != sn:
        reasons.append(Reason(kind="specificity", direction="weaker" if sn < so else "stronger", weight=abs(sn - so),
                              old=old.specificity, new=new.specificity,
                              text=f"specificity {old.specificity} -> {new.specificity}"))
    reasons.extend(_trigger_reasons(old.trigger, new.trigger))
    fo, fn = _families(old.quote, acronyms), _families(new.quote, acronyms)
    reasons += [Reason(kind="verifier", direction="weaker", weight=0.5, old=f, text=f"verifier removed: {f}")
                for f in sorted(fo - fn)]
    reasons += [Reason(kind="verifier", direction="stronger", weight=0.5, new=f, text=f"verifier added: {f}")
                for f in sorted(fn - fo)]
    # an escape clause that is the trigger is reported as the trigger
    eo = _escapes(old.quote) - _escapes(old.trigger or "" if _trigger_kind(old.trigger) == "exception" else "")
    en = _escapes(new.quote) - _escapes(new.trigger or "" if _trigger_kind(new.trigger) == "exception" else "")
    reasons += [Reason(kind="escape", direction="weaker", weight=0.5, new=e, text=f"escape clause added: '{e}'")
                for e in sorted(en - eo)]
    reasons += [Reason(kind="escape", direction="stronger", weight=0.5, old=e, text=f"escape clause removed: '{e}'")
                for e in sorted(eo - en)]
    if so == sn:  # a number that moved the specificity is reported there already
        qo, qn = _quantities(old.quote), _quantities(new.quote)
        lost, gained = ", ".join(sorted(qo - qn)), ", ".join(sorted(qn - qo))
        if lost and not qn:
            reasons.append(Reason(kind="quantity", direction="weaker", weight=0.5, old=lost,
                                  text=f"number removed: {lost}"))
        elif lost or gained:
            reasons.append(Reason(kind="quantity", direction="neutral" if lost else "stronger",
                                  weight=0.0 if lost else 0.5, old=lost or None, new=gained or None,
                                  text=f"number changed: {lost or 'none'} -> {gained}"))
    score = sum(r.weight * {"stronger": 1, "weaker": -1, "neutral": 0}[r.direction] for r in reasons)
    if score < 0:
        return "weakened", reasons
    if score > 0:
        return "strengthened", reasons
    if not any(r.direction != "neutral" for r in reasons):
        reasons.append(Reason(kind="wording", direction="neutral", weight=0.0, text="same force, other words"))
    else:
        reasons.append(Reason(kind="wording", direction="neutral", weight=0.0,
                              text="changes in both directions balance"))
    return "reworded", reasons


