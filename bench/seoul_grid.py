"""Choose the `seoul` head's settings by leave-one-publisher-out over the DEVELOPMENT gold files only
(held-out files are never used to choose anything): row weights (publisher / class balance), C and the
weight of the sentence vectors.

    python bench/seoul_grid.py [--split dev] [--quick] [--detection]

Prints one line per setting: LOPO accuracy and macro-F1 of the area over the candidates that match
a gold commitment, and the per-document area coverage agreement over the candidates the commitment
head (trained on the same folds) keeps. --detection also prints the commitment head's LOPO detection
F1 (the heading context feeds it too).
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchutil import grid_parser, head_grid, head_with, per_document  # noqa: E402

from extractor.config import Settings  # noqa: E402
from extractor.evaluate import evaluate, macro_f1  # noqa: E402
from extractor.learn import train as T  # noqa: E402
from extractor.learn.decide import document_threshold, section_smoothed  # noqa: E402
from extractor.learn.heads import Head, get_head  # noqa: E402
from extractor.models import SEOUL_AREAS  # noqa: E402


def seoul_lopo(docs: Sequence[T.DocData], head: Head, keep: dict[str, np.ndarray],
               made_up: Sequence[T.DocData] = ()) -> tuple[float, float, float, dict[str, float]]:
    """(accuracy, macro-F1, coverage agreement, accuracy per document) under LOPO (the made-up policies always among
    the training files of a head that reads them)."""
    pairs: list[tuple[str, str]] = []
    coverage: list[float] = []
    per_doc: dict[str, float] = {}
    for pub in T.publishers(docs):
        model = T.train_head([d for d in docs if d.publisher != pub], head, made_up=made_up)
        for d in docs:
            if d.publisher != pub or not d.props:
                continue
            # as a run decides (decide.choose): smoothed over the section among the kept candidates
            kept = np.flatnonzero(keep[d.name])
            proba = model.proba(d.x)
            if head.section_weight and len(kept):
                proba[kept] = section_smoothed(proba[kept], [d.props[i].heading for i in kept], head.section_weight)
            pred = [model.classes[int(k)] for k in proba.argmax(axis=1)]
            mine = [(g.seoul, pred[i]) for i, g in enumerate(d.matched) if g is not None and d.in_scope[i] and g.seoul]
            pairs += mine
            per_doc[d.name] = float(np.mean([a == b for a, b in mine])) if mine else 0.0
            gold_areas = {it.commitment.seoul for it in d.gold.items if it.commitment.seoul}
            pred_areas = {pred[i] for i in np.flatnonzero(keep[d.name]) if d.in_scope[i]}
            coverage.append(float(np.mean([(a in gold_areas) == (a in pred_areas) for a in SEOUL_AREAS])))
    acc = float(np.mean([a == b for a, b in pairs])) if pairs else 0.0
    f1 = macro_f1(pairs, SEOUL_AREAS) or 0.0
    return acc, f1, float(np.mean(coverage)), per_doc


def commitment_folds(docs: Sequence[T.DocData]) -> dict[str, np.ndarray]:
    """The kept mask of every document's proposals under LOPO."""
    p_yes: dict[str, np.ndarray] = {}
    for pub in T.publishers(docs):
        model = T.train_head([d for d in docs if d.publisher != pub], get_head("commitment"))
        for d in docs:
            if d.publisher == pub:
                p_yes[d.name] = model.proba(d.x)[:, 1] if d.props else np.zeros(0)
    return {k: v >= document_threshold(v) for k, v in p_yes.items()}


# which features the head reads (name prefixes, features.FEATURE_NAMES): the rules' cues describe whether a
# sentence commits, not what it commits to; the heading's vector and its similarity to the area descriptions
# carry one publisher's section names
FEATURE_SETS: dict[str, tuple[str, ...] | None] = {
    "all": None,
    "area+text": ("area_", "text_"),
    "words+sim+text": ("area_words_", "area_sim_", "text_"),
    "words+heading-words+sim+text": ("area_words_", "area_heading_words_", "area_sim_", "text_"),
    "words+sim+text+heading": ("area_words_", "area_sim_", "text_", "heading_"),
    # the shipped set: the area features, the quote and the cues of what kind of act it is (not whether it commits)
    "words+heading-words+sim+text+act": ("area_words_", "area_heading_words_", "area_sim_", "text_", "mod_", "spec_",
                                         "verifiable", "has_trigger", "is_item", "hedge", "body", "process",
                                         "imperative"),
}


def variants(base: Head, quick: bool) -> list[tuple[str, Head]]:
    return head_grid(base, quick, FEATURE_SETS,
                     [{"balance": b} for b in (None, "publisher", "class", "sqrt-class", "publisher+class")]
                     + [{"c": c, "vector_weight": w} for c in (0.03, 0.1, 0.3) for w in (2.0, 4.0, 8.0, 12.0)]
                     + [{"section_weight": sw} for sw in (0.0, 0.2, 0.4)])


def main() -> None:
    ap = grid_parser("balance, c, vector_weight, section_weight, features: a FEATURE_SETS name")
    ap.add_argument("--detection", action="store_true", help="also the commitment head's LOPO detection F1")
    args = ap.parse_args()
    settings = Settings.resolve(gold_dir=ROOT / "gold")
    cache = T.VectorCache(T.vector_cache_path(settings))
    docs = T.load_docs(settings, args.split, cache=cache)
    if args.detection:
        rep = evaluate([(d.split, d.gold) for d in docs], T.lopo_predictions(docs))
        print(f"detection LOPO F1 {rep.micro.f1:.3f} P {rep.micro.precision:.3f} R {rep.micro.recall:.3f}")
    base = get_head("seoul")
    base = head_with(base, args.set, FEATURE_SETS)
    keep = commitment_folds(docs)
    made_up = T.load_made_up(settings, cache=cache)
    for label, head in variants(base, args.quick) + [("without made-up", dataclasses.replace(base, made_up=False))]:
        acc, f1, cov, per_doc = seoul_lopo(docs, head, keep, made_up)
        print(f"{label:24s} acc {acc:.3f} macro-F1 {f1:.3f} coverage {cov:.3f} | {per_document(per_doc)}", flush=True)


if __name__ == "__main__":
    main()
