"""Stage 5, align: ground every candidate quote in the source text.

The span always comes from the document, never from the backend: exact match first (whitespace
normalised, near the hint), then a fuzzy match with difflib over a window. A quote that cannot be
aligned is rejected (`None`), and the caller counts it.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass

from .models import Alignment, Candidate, Commitment, Document, Span
from .textutil import normalize_ws, normalized_with_map, without_note_refs

FUZZY_MIN_RATIO = 0.85


@dataclass
class Aligner:
    """Precomputes the document's normalised text once; aligns many quotes against it."""

    doc: Document

    def __post_init__(self) -> None:
        self.norm, self.offsets = normalized_with_map(self.doc.text)
        self.lower = self.norm.lower()

    def locate(
        self, quote: str, hint_start: int | None = None, hint_end: int | None = None
    ) -> tuple[int, int, Alignment] | None:
        """(start, end, status) in the original text, or None when the quote is not in the document."""
        q = normalize_ws(quote)
        # a very short quote ("Level 2", a table cell naming a required level) occurs all over a document: it is
        # grounded only exactly at the place its backend read it, never searched for elsewhere
        short = len(q) < 8
        if not q or (short and (hint_start is None or hint_end is None)):
            return None
        lo, hi = 0, len(self.norm)
        if hint_start is not None:
            lo = self._norm_index(hint_start)
            hi = self._norm_index(hint_end) if hint_end is not None else len(self.norm)
        for haystack in (self.norm, self.lower):
            needle = q if haystack is self.norm else q.lower()
            pos = haystack.find(needle, lo, hi + len(needle))
            if pos < 0 and not short:
                pos = haystack.find(needle)
            if pos >= 0:
                return self._to_original(pos, pos + len(needle)) + ("exact",)
        return None if short else self._fuzzy(q.lower(), lo, hi)

    def _fuzzy(self, q: str, lo: int, hi: int) -> tuple[int, int, Alignment] | None:
        # a window around the hint (or the whole text); the matcher finds the best-matching block
        window_lo = max(0, lo - len(q))
        window_hi = min(len(self.lower), hi + len(q))
        hay = self.lower[window_lo:window_hi]
        sm = difflib.SequenceMatcher(None, hay, q, autojunk=False)
        blocks = [b for b in sm.get_matching_blocks() if b.size > 0]
        if not blocks:
            return None
        # anchor on the longest block, extend to cover the quote's length around it
        best = max(blocks, key=lambda b: b.size)
        start = max(0, best.a - best.b)
        end = min(len(hay), start + len(q))
        ratio = difflib.SequenceMatcher(None, hay[start:end], q, autojunk=False).ratio()
        if ratio < FUZZY_MIN_RATIO:
            return None
        return self._to_original(window_lo + start, window_lo + end) + ("fuzzy",)

    def _norm_index(self, original: int) -> int:
        import bisect

        return bisect.bisect_left(self.offsets, original)

    def _to_original(self, nstart: int, nend: int) -> tuple[int, int]:
        return self.offsets[nstart], self.offsets[nend - 1] + 1

    def ground(self, cand: Candidate) -> Commitment | None:
        """A `Commitment` with the span and verbatim quote from the source, or None."""
        loc = self.locate(cand.quote, cand.hint_start, cand.hint_end)
        if loc is None:
            return None
        start, end, status = loc
        quote = normalize_ws(self.doc.text[start:end])
        return Commitment(
            id=commitment_id(self.doc.id, start, end, quote),
            quote=quote,
            # a name or a condition read across a line break of the source is written on one line, as the quote is
            # (and without Markdown's bold markers: "we **must** X" commits to "X", not to "** X")
            actor=normalize_ws(cand.actor),
            modality=cand.modality,
            trigger=_plain(cand.trigger) if cand.trigger is not None else None,
            safeguard=_plain(cand.safeguard),
            specificity=cand.specificity,
            verifiable=cand.verifiable,
            verifiable_signal=cand.verifiable_signal,
            seoul=cand.seoul,
            span=Span(start=start, end=end, page=self.doc.page_at(start)),
            alignment=status,
        )


def commitment_id(doc_id: str, start: int, end: int, quote: str) -> str:
    """Stable across runs: same document, same place, same words -> same id."""
    digest = hashlib.sha256(f"{doc_id}:{start}:{end}:{quote}".encode()).hexdigest()[:12]
    return f"{doc_id}-{digest}"


def merge(commitments: list[Commitment]) -> list[Commitment]:
    """One commitment per place: candidates found twice (overlapping chunks) collapse into one.

    Two commitments are the same when their spans overlap by more than half of the shorter one;
    the longer quote wins (it carries more context), ties keep the first.
    """
    kept: list[Commitment] = []
    for c in sorted(commitments, key=lambda c: (c.span.start, -(c.span.end - c.span.start))):
        dup = False
        for k in kept[-8:]:
            overlap = min(k.span.end, c.span.end) - max(k.span.start, c.span.start)
            shorter = min(k.span.end - k.span.start, c.span.end - c.span.start)
            if overlap > 0.5 * shorter:
                dup = True
                break
        if not dup:
            kept.append(c)
    return kept


def _plain(text: str) -> str:
    """A paraphrase field on one line, without Markdown's bold markers or note references; the punctuation a condition
    taken out from inside it leaves closes up ("publish a card , including X")."""
    return re.sub(r"\s+(?=[,;])", "", normalize_ws(without_note_refs(text.replace("**", " ").replace("__", " "))))
