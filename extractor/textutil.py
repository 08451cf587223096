"""Small text helpers shared by the stages: whitespace-normalised views that map back to offsets."""

from __future__ import annotations

import re
from array import array

import numpy as np

_WS = re.compile(r"\s+")
_WS_CODES = np.array([c for c in range(0x3001) if chr(c).isspace()], dtype=np.uint32)  # none above U+3000
_TOKEN = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")

STOP_WORDS = frozenset(
    """a an the and or but if of to in on at by for with from as is are was were be been being it its
    this that these those we our us they their them which who whom whose will would shall should may
    might must can could do does did not no nor so such than then there here into onto over under about
    any all each every some other also only just more most very""".split()
)


def normalize_ws(text: str) -> str:
    return _WS.sub(" ", text).strip()


def normalized_with_map(text: str) -> tuple[str, array[int]]:
    """The text with whitespace runs folded to one space (leading and trailing dropped), and for each
    of its characters the offset of the character it came from, so a match in the normalised text
    maps back to the original. Vectorised, 4 bytes of map per character: a 20 MB document must not
    cost gigabytes here."""
    cp = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    ws = np.isin(cp, _WS_CODES)
    nonspace = np.flatnonzero(~ws)
    if len(nonspace) == 0:
        return "", array("I")
    keep = ~ws
    keep[1:] |= ws[1:] & ~ws[:-1]  # the first whitespace character of a run stands for the run
    keep[: nonspace[0]] = False
    keep[nonspace[-1] + 1 :] = False
    offsets = np.flatnonzero(keep).astype(np.uint32)
    out = cp[offsets]
    out[ws[offsets]] = 32
    return out.tobytes().decode("utf-32-le"), array("I", offsets.tobytes())


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
