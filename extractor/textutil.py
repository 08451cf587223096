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


# a reader's pointer to a note inside a sentence: "[^2]", "[3]", "[footnote 1]", a superscript, a note's return mark,
# or a PDF's note number glued to a word ("the scaling2 of"); the annotators leave them out of paraphrase fields
_NOTE_REF = re.compile(
    r"\[(?:\^[\w\-]{1,12}|\d{1,3}|(?:foot)?note\s+\d{1,3})\]|[¹²³⁰⁴-⁹]+|\s*↩|(?-i:(?<=[a-z]{4}))(?:[1-9]|[12]\d)(?=[\s.,;:)]|$)",
    re.I)


# a company's legal form after its name ("Acme Robotics, Inc.", "Vela SAS"): never part of the name a policy goes by
LEGAL_SUFFIX = (r",?\s+(?:Co(?:\.?,?\s+Ltd)?|LLC|L\.L\.C|Inc|Ltd|Limited|GmbH|PBC|Corp|Corporation|plc|PLC|Pte|AG|SE|"
                r"SAS|SA|SARL|SRL|S\.A|S\.p\.A|BV|B\.V|NV|N\.V|KK|K\.K|Pty(?:\s+Ltd)?|LLP|Oy|AB|ApS|Sdn\s+Bhd)\b")


def without_note_refs(text: str) -> str:
    return _NOTE_REF.sub("", text)


def normalize_ws(text: str) -> str:
    return _WS.sub(" ", text).strip()


_MAP_BLOCK = 1 << 20  # characters per vectorised step: the temporaries (~40 bytes a character) stay this size


def normalized_with_map(text: str) -> tuple[str, array[int]]:
    """The text with whitespace runs folded to one space (leading and trailing dropped), and for each
    of its characters the offset of the character it came from, so a match in the normalised text
    maps back to the original. Vectorised by blocks, 4 bytes of map per character: a 50 MB document
    must not cost gigabytes here."""
    parts: list[str] = []
    offsets = array("I")
    prev_ws = True  # as if a space came before the text: leading whitespace is dropped
    for lo in range(0, len(text), _MAP_BLOCK):
        cp = np.frombuffer(text[lo : lo + _MAP_BLOCK].encode("utf-32-le"), dtype=np.uint32)
        ws = np.isin(cp, _WS_CODES)
        before = np.empty_like(ws)
        before[0] = prev_ws
        before[1:] = ws[:-1]
        keep = ~ws | (ws & ~before)  # the first whitespace character of a run stands for the run
        idx = np.flatnonzero(keep)
        out = cp[idx]
        out[ws[idx]] = 32
        parts.append(out.tobytes().decode("utf-32-le"))
        offsets.frombytes((idx + lo).astype(np.uint32).tobytes())
        prev_ws = bool(ws[-1])
    norm = "".join(parts)
    if norm.endswith(" "):  # a trailing run kept its first character
        norm = norm[:-1]
        del offsets[-1]
    return norm, offsets


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
