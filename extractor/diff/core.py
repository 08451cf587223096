"""Run a diff: align, label, list the unpaired with their closest candidates, and the judge's word."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Literal

import numpy as np

from .. import SCHEMA_VERSION, __version__
from ..errors import InputError
from ..models import Commitment, ExtractionOutput
from ..output import load_source, read_output
from .align import (
    CLOSE_GAP,
    EMBED_WEIGHT,
    EMBEDDING_NAME,
    FLOOR,
    MARGIN,
    TEXT_THRESHOLD,
    THRESHOLD,
    assign,
    assign_greedy,
    default_embed,
    normalize_quote,
    similarity,
)
from .labels import compare, document_acronyms
from .models import (
    LABELS,
    NEAREST,
    Confidence,
    DiffOutput,
    DiffPair,
    DiffRunInfo,
    EmbedFn,
    JudgeVerdict,
    Nearest,
    PairJudge,
    PairVerdict,
    Reason,
    Side,
    UnpairedCount,
)


def _side(c: Commitment) -> Side:
    return Side(actor=c.actor, modality=c.modality, specificity=c.specificity, trigger=c.trigger,
                verifiable=c.verifiable)


def _sort_key(p: DiffPair) -> tuple[int, float, int]:
    """Label order, then the surest first (pairs: most similar; removed/added: least like anything
    on the other side), then document order."""
    span = p.old_span or p.new_span
    sim = p.similarity if p.similarity is not None else 0.0
    sureness = -sim if p.label in ("removed", "added") else sim
    return LABELS.index(p.label), -sureness, span.start if span else 0


REMOVED = "no counterpart in the new version"


def _nearest(row: np.ndarray, others: Sequence[Commitment]) -> list[Nearest]:
    order = np.argsort(-row, kind="stable")[:NEAREST]
    return [Nearest(id=others[j].id, quote=others[j].quote, page=others[j].span.page,
                    similarity=round(float(row[j]), 4)) for j in order]


def _confidence(best: float | None, floor: float, close: float) -> Confidence:
    if best is None or best < floor:
        return "confident"
    return "close_candidate" if best >= close else "below_threshold"


def _unpaired(c: Commitment, side: Literal["old", "new"], row: np.ndarray, others: Sequence[Commitment],
              floor: float, close: float) -> DiffPair:
    """A removed or added commitment and how sure that is: `confident` when nothing on the other side
    reaches the floor (the aligner could never have paired it), else its counterpart may have been
    rewritten past the threshold (`below_threshold`; `close_candidate` when the best candidate comes
    within CLOSE_GAP of it), and `nearest` is where to look."""
    best = float(row.max()) if row.size else None
    nearest = _nearest(row, others)
    confidence = _confidence(best, floor, close)
    other = "new" if side == "old" else "old"
    unsure = ("" if best is None or confidence == "confident" else
              f"no counterpart above the threshold; closest {other} candidate {best:.2f}"
              + (" (close)" if confidence == "close_candidate" else "") + ": check it before trusting the ")
    if side == "old":
        text = f"{unsure}removal" if unsure else REMOVED
        return DiffPair(label="removed", old_id=c.id, new_id=None, old_quote=c.quote, new_quote=None, old_span=c.span,
                        new_span=None, old=_side(c), why=text,
                        reasons=[Reason(kind="removed", direction="weaker", old=c.quote, text=text)],
                        similarity=None if best is None else round(best, 4), nearest=nearest, confidence=confidence)
    text = f"{unsure}addition" if unsure else "new in this version"
    return DiffPair(label="added", old_id=None, new_id=c.id, old_quote=None, new_quote=c.quote, old_span=None,
                    new_span=c.span, new=_side(c), why=text,
                    reasons=[Reason(kind="added", direction="stronger", new=c.quote, text=text)],
                    similarity=None if best is None else round(best, 4), nearest=nearest, confidence=confidence)


def unpaired_summary(pairs: Sequence[DiffPair]) -> dict[str, UnpairedCount]:
    """Per unpaired label (removed, added): how many are confident, and how many only lack a counterpart
    above the threshold (with or without a close candidate)."""
    out = {label: UnpairedCount() for label in ("removed", "added")}
    for p in pairs:
        if p.label in out:
            count = out[p.label]
            kind = p.confidence or "confident"
            setattr(count, kind, getattr(count, kind) + 1)
    return out


def _judged(pair: DiffPair, verdict: JudgeVerdict | None, new: Sequence[Commitment]) -> DiffPair:
    """The pair with the judge's word. The judge's label wins over the rules' when it chose this very
    pair, except that identical words are `unchanged` and different words are never `unchanged`; the
    rules' reasons stay as evidence, and `judge.rule_label` keeps their label."""
    if verdict is None:
        return pair
    chosen = None if verdict.new is None else new[verdict.new].id
    reason = " ".join(verdict.reason.split())
    note = PairVerdict(label=verdict.label, reason=reason, new_id=chosen, rule_label=pair.label)
    if pair.old_quote is None or pair.new_id is None or pair.new_id != chosen:
        if chosen is not None:  # it chose a new commitment that the assignment gave another old one
            reason = f"its choice went to another old commitment; {reason}"
        update: dict[str, object] = {"judge": note, "why": f"LLM: {reason} | {pair.why}"}
        if pair.label == "removed" and chosen is None:  # the judge read the candidates and found none
            update.update(confidence="confident", why=f"LLM: {reason} | {REMOVED}")
        return pair.model_copy(update=update)
    label = verdict.label
    same_words = normalize_quote(pair.old_quote) == normalize_quote(pair.new_quote or "")
    if same_words:
        label = "unchanged"
    elif label in ("unchanged", "removed"):
        label = "reworded"
    return pair.model_copy(update={"label": label, "judge": note, "why": f"LLM: {reason} | rules: {pair.why}"})


def diff_outputs(old: ExtractionOutput, new: ExtractionOutput, *, threshold: float | None = None,
                 embed: EmbedFn | None = default_embed, embed_weight: float = EMBED_WEIGHT,
                 old_text: str | None = None, new_text: str | None = None, greedy: bool = False,
                 floor: float | None = None, margin: float = MARGIN, judge: PairJudge | None = None) -> DiffOutput:
    """Align the commitments of two extraction outputs and label every pair.

    `old_text`/`new_text` are the documents' texts; given both, paragraphs count in the alignment.
    `embed=None` aligns on text similarity alone. The threshold defaults to THRESHOLD, or to
    TEXT_THRESHOLD without embeddings; the floor of the relative criterion to FLOOR with embeddings
    (never above the threshold) and to the threshold without (no relative criterion). `greedy`
    pairs best-first above the threshold instead (a baseline for benches). `judge` (the LLM judge)
    turns the similarity into the preferences the assignment maximises and labels what it paired.
    """
    if threshold is None:
        threshold = THRESHOLD if embed is not None else TEXT_THRESHOLD
    if floor is None:
        floor = FLOOR if embed is not None else threshold
    floor = min(floor, threshold)
    blended, emb, text = similarity(old.commitments, new.commitments, embed, embed_weight, old_text, new_text)
    outcome = judge(old, new, blended, threshold, old_text, new_text) if judge is not None else None
    preference = blended if outcome is None else outcome.preference
    verdicts = {} if outcome is None else outcome.verdicts
    if greedy:
        matched = assign_greedy(preference, threshold)
    else:
        matched = assign(preference, threshold, floor, margin)
    pairs: list[DiffPair] = []
    acronyms = document_acronyms(old_text, new_text)
    for i, j in matched:
        a, b = old.commitments[i], new.commitments[j]
        label, reasons = compare(a, b, acronyms)
        pairs.append(_judged(DiffPair(
            label=label, old_id=a.id, new_id=b.id, old_quote=a.quote, new_quote=b.quote,
            old_span=a.span, new_span=b.span, old=_side(a), new=_side(b), reasons=reasons,
            why="; ".join(r.text for r in reasons) if reasons else "identical wording",
            similarity=round(float(blended[i, j]), 4),
            embedding_similarity=None if emb is None else round(float(emb[i, j]), 4),
            text_similarity=round(float(text[i, j]), 4),
        ), verdicts.get(i), new.commitments))
    paired_old, paired_new = {i for i, _ in matched}, {j for _, j in matched}
    close = max(floor, threshold - CLOSE_GAP)
    pairs += [_judged(_unpaired(c, "old", blended[i], new.commitments, floor, close), verdicts.get(i),
                      new.commitments)
              for i, c in enumerate(old.commitments) if i not in paired_old]
    pairs += [_unpaired(c, "new", blended[:, j], old.commitments, floor, close)
              for j, c in enumerate(new.commitments) if j not in paired_new]
    pairs.sort(key=_sort_key)
    summary = dict.fromkeys(LABELS, 0)
    for p in pairs:
        summary[p.label] += 1
    named = EMBEDDING_NAME if embed is default_embed else "custom"
    embedding = None if embed is None else getattr(embed, "name", named)
    return DiffOutput(
        schema_version=SCHEMA_VERSION, old_doc_id=old.document.id, new_doc_id=new.document.id,
        old_document=old.document, new_document=new.document,
        run=DiffRunInfo(tool_version=__version__, time=datetime.now(timezone.utc), old_backend=old.run.backend,
                        new_backend=new.run.backend, embedding=embedding, index=getattr(embed, "where", None),
                        context=embed is not None and old_text is not None and new_text is not None,
                        threshold=threshold, floor=floor, margin=margin, close=close,
                        embed_weight=embed_weight if embed is not None else 0.0,
                        aligner="similarity" if outcome is None else "llm",
                        judge=None if outcome is None else outcome.info),
        summary=summary, unpaired=unpaired_summary(pairs), pairs=pairs,
    )


@dataclass
class Version:
    """One side of a diff: its extraction, and the document text when it is at hand."""

    output: ExtractionOutput
    text: str | None


def load_version(path: Path, extract: Callable[[Path], tuple[ExtractionOutput, str]]) -> Version:
    """An extraction output (`.json`; its document is read too if it is still there, unchanged) or a
    document, which `extract` runs through the pipeline."""
    if path.suffix.lower() != ".json":
        if not path.exists():
            raise InputError(path, "no such file")
        return Version(*extract(path))
    output = read_output(path)
    source = load_source(output.document, path)
    return Version(output, source.document.text if source.document is not None and not source.stale else None)


def pipeline_extractor(settings: Any) -> Callable[[Path], tuple[ExtractionOutput, str]]:
    """Extraction of a document with the pipeline, built once for both sides."""
    from ..load import load
    from ..pipeline import Pipeline

    pipeline: list[Pipeline] = []

    def extract(path: Path) -> tuple[ExtractionOutput, str]:
        if not pipeline:
            pipeline.append(Pipeline(settings))
        doc = load(path)
        return pipeline[0].extract(doc), doc.text

    return extract


def diff_versions(old: Version, new: Version, *, threshold: float | None = None,
                  embed: EmbedFn | None = default_embed, floor: float | None = None,
                  judge: PairJudge | None = None) -> DiffOutput:
    return diff_outputs(old.output, new.output, threshold=threshold, embed=embed, floor=floor,
                        old_text=old.text, new_text=new.text, judge=judge)


