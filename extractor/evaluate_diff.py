"""Scoring `extract diff` against a gold alignment (gold/diffs/<old>__<new>.json): alignment and
change-label accuracy, next to the extraction scoring of evaluate.py, whose span matching it uses."""

from __future__ import annotations

import bisect
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from .diff.models import LABELS, ChangeLabel, DiffOutput
from .errors import GoldError
from .evaluate import match_spans
from .gold import find_all
from .models import Modality, Span, Specificity
from .textutil import normalize_ws, normalized_with_map


class GoldSide(BaseModel):
    modality: Modality | None = None
    specificity: Specificity | None = None


class GoldPair(BaseModel):
    old_quote: str | None
    new_quote: str | None
    label: ChangeLabel
    old: GoldSide | None = None
    new: GoldSide | None = None
    why: str | None = None


class GoldDiff(BaseModel):
    old: str
    new: str
    pairs: list[GoldPair]


class PairOutcome(BaseModel):
    """How one gold pair with an old quote fared."""

    gold: GoldPair
    old_extracted: bool = Field(description="a predicted old commitment matches the gold old quote")
    new_extracted: bool | None = Field(
        default=None, description="some predicted new commitment matches the gold new quote (null if removed)")
    predicted_old_quote: str | None = None
    predicted_new_quote: str | None = None
    predicted_label: ChangeLabel | None = None
    aligned: bool
    label_ok: bool


class DiffScore(BaseModel):
    """Alignment and change-label accuracy over the gold pairs that have an old quote."""

    pairs: int
    old_extracted: int
    alignable: int = Field(description="old quote extracted and, unless removed, the new quote too")
    alignment_accuracy: float
    label_accuracy: float
    alignment_accuracy_extracted: float = Field(description="over pairs whose old quote was extracted")
    label_accuracy_extracted: float
    alignment_accuracy_alignable: float
    label_accuracy_alignable: float
    added_found: int = Field(description="gold added commitments predicted as added")
    added_total: int
    confusion: dict[str, dict[str, int]] = Field(description="gold label -> predicted label -> count")
    outcomes: list[PairOutcome]


def read_gold_diff(path: Path) -> GoldDiff:
    try:
        return GoldDiff.model_validate_json(path.read_bytes())
    except FileNotFoundError:
        raise GoldError(f"{path}: no such gold file") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        raise GoldError(f"{path}: not a gold diff ({'.'.join(map(str, first['loc']))}: {first['msg']})") from None


class _Normalised:
    """A document's whitespace-normalised text, where gold quotes are located (ANNOTATION.md scoring)."""

    def __init__(self, text: str, doc_id: str) -> None:
        self.norm, self.offsets = normalized_with_map(text)
        self.lower = self.norm.lower()
        self.doc_id = doc_id

    def occurrences(self, quote: str) -> list[tuple[int, int]]:
        """Every place of the quote (exact, else ignoring case); a gold quote that is nowhere is an error."""
        q = normalize_ws(quote)
        found = find_all(self.norm, q) or find_all(self.lower, q.lower())
        if not q or not found:
            raise GoldError(f"gold quote not found in {self.doc_id}: {quote[:80]!r}")
        return [(pos, pos + len(q)) for pos in found]

    def span(self, span: Span) -> tuple[int, int]:
        """A predicted span in normalised coordinates."""
        return bisect.bisect_left(self.offsets, span.start), bisect.bisect_left(self.offsets, span.end)


def span_overlap(gold: tuple[int, int], pred: tuple[int, int]) -> int:
    """The overlap when it is at least half the gold span and a third of the predicted one, else 0."""
    overlap = min(gold[1], pred[1]) - max(gold[0], pred[0])
    if overlap > 0 and 2 * overlap >= gold[1] - gold[0] and 3 * overlap >= pred[1] - pred[0]:
        return overlap
    return 0


def score_diff(diff: DiffOutput, gold: GoldDiff, old_text: str, new_text: str) -> DiffScore:
    """Per gold pair with an old quote: is the counterpart of the matching predicted old commitment
    the gold new one (or both none), and is the label the gold label?

    Predicted old commitments match gold old quotes as in extraction scoring (`evaluate.match_spans`:
    span overlap, one to one, largest overlap first); a gold old quote nothing matches is a miss on
    both counts. The counterpart is right when its span matches any occurrence of the gold new quote.
    """

    old_doc, new_doc = _Normalised(old_text, diff.old_doc_id), _Normalised(new_text, diff.new_doc_id)
    olds = [p for p in diff.pairs if p.old_span is not None]
    news = [p for p in diff.pairs if p.new_span is not None]
    gold_old = [g for g in gold.pairs if g.old_quote]
    # gold lists quotes roughly in document order: a repeated quote takes its next occurrence
    old_spans: list[tuple[int, int]] = []
    taken: set[tuple[int, int]] = set()
    for g in gold_old:
        occ = old_doc.occurrences(g.old_quote or "")
        free = [o for o in occ if o not in taken] or occ
        later = [o for o in free if not old_spans or o[0] >= old_spans[-1][0]]
        old_spans.append((later or free)[0])
        taken.add(old_spans[-1])
    pred_spans = [old_doc.span(p.old_span) for p in olds if p.old_span is not None]
    match = {k: m for k, m, _ in match_spans(old_spans, pred_spans)}

    def hits(quote: str, span: Span | None) -> bool:
        if span is None:
            return False
        pred = new_doc.span(span)
        return any(span_overlap(o, pred) for o in new_doc.occurrences(quote))

    outcomes: list[PairOutcome] = []
    confusion: dict[str, dict[str, int]] = {}
    for k, g in enumerate(gold_old):
        new_extracted = None if not g.new_quote else any(hits(g.new_quote, p.new_span) for p in news)
        if k not in match:
            outcomes.append(PairOutcome(gold=g, old_extracted=False, new_extracted=new_extracted,
                                        aligned=False, label_ok=False))
            predicted = "(old not extracted)"
        else:
            p = olds[match[k]]
            aligned = p.new_span is None if g.new_quote is None else hits(g.new_quote, p.new_span)
            outcomes.append(PairOutcome(gold=g, old_extracted=True, new_extracted=new_extracted,
                                        predicted_old_quote=p.old_quote, predicted_new_quote=p.new_quote,
                                        predicted_label=p.label, aligned=aligned,
                                        label_ok=aligned and p.label == g.label))
            predicted = p.label if aligned or p.label == "removed" else f"{p.label} (misaligned)"
        row = confusion.setdefault(g.label, {})
        row[predicted] = row.get(predicted, 0) + 1
    extracted = [o for o in outcomes if o.old_extracted]
    alignable = [o for o in extracted if o.new_extracted is not False]
    gold_added = [g for g in gold.pairs if not g.old_quote and g.new_quote]
    added = [p for p in diff.pairs if p.label == "added"]
    added_found = sum(1 for g in gold_added if any(hits(g.new_quote or "", p.new_span) for p in added))

    def rate(xs: list[PairOutcome], attr: str) -> float:
        return round(sum(getattr(o, attr) for o in xs) / len(xs), 4) if xs else 0.0

    return DiffScore(
        pairs=len(outcomes), old_extracted=len(extracted), alignable=len(alignable),
        alignment_accuracy=rate(outcomes, "aligned"), label_accuracy=rate(outcomes, "label_ok"),
        alignment_accuracy_extracted=rate(extracted, "aligned"), label_accuracy_extracted=rate(extracted, "label_ok"),
        alignment_accuracy_alignable=rate(alignable, "aligned"), label_accuracy_alignable=rate(alignable, "label_ok"),
        added_found=added_found, added_total=len(gold_added), confusion=confusion, outcomes=outcomes,
    )


def render_score(score: DiffScore) -> str:
    lines = [
        f"gold pairs with an old quote: {score.pairs}; old commitment extracted: {score.old_extracted}; "
        f"both sides extracted: {score.alignable}",
        f"alignment accuracy: {score.alignment_accuracy:.3f}  (old extracted {score.alignment_accuracy_extracted:.3f}, "
        f"both extracted {score.alignment_accuracy_alignable:.3f})",
        f"label accuracy:     {score.label_accuracy:.3f}  (old extracted {score.label_accuracy_extracted:.3f}, "
        f"both extracted {score.label_accuracy_alignable:.3f})",
        f"gold added found as added: {score.added_found}/{score.added_total}",
        "gold label -> predicted:",
    ]
    for label in LABELS:
        row = score.confusion.get(label)
        if row:
            ranked = sorted(row.items(), key=lambda t: -t[1])
            lines.append(f"  {label:>12}: " + ", ".join(f"{k} {v}" for k, v in ranked))
    return "\n".join(lines) + "\n"
