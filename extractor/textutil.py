"""Small text helpers shared by the stages: whitespace-normalised views that map back to offsets."""

from __future__ import annotations

import re

_WS = re.compile(r"\s+")
_TOKEN = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")

STOP_WORDS = frozenset(
    """a an the and or but if of to in on at by for with from as is are was were be been being it its
    this that these those we our us they their them which who whom whose will would shall should may
    might must can could do does did not no nor so such than then there here into onto over under about
    any all each every some other also only just more most very""".split()
)


def normalize_ws(text: str) -> str:
    return _WS.sub(" ", text).strip()


def normalized_with_map(text: str) -> tuple[str, list[int]]:
    """The text with whitespace runs folded to one space, and for each of its characters the offset
    of the character it came from, so a match in the normalised text maps back to the original."""
    out: list[str] = []
    offsets: list[int] = []
    in_space = True  # drops leading whitespace
    for i, ch in enumerate(text):
        if ch.isspace():
            if not in_space:
                out.append(" ")
                offsets.append(i)
                in_space = True
        else:
            out.append(ch)
            offsets.append(i)
            in_space = False
    if out and out[-1] == " ":
        out.pop()
        offsets.pop()
    return "".join(out), offsets


def tokens(text: str | None, drop_stop_words: bool = True) -> list[str]:
    if not text:
        return []
    words = _TOKEN.findall(text.lower().replace("’", "'"))
    return [w for w in words if not (drop_stop_words and w in STOP_WORDS)]


def token_f1(a: str | None, b: str | None) -> float:
    """Token F1 without stop words; both empty/None is 1, one empty is 0 (ANNOTATION.md scoring)."""
    ta, tb = tokens(a), tokens(b)
    if not ta and not tb:
        return 1.0 if (a is None) == (b is None) or (not a and not b) else 0.0
    if not ta or not tb:
        return 0.0
    from collections import Counter

    common = sum((Counter(ta) & Counter(tb)).values())
    if common == 0:
        return 0.0
    p, r = common / len(ta), common / len(tb)
    return 2 * p * r / (p + r)
