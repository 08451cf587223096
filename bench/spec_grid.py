"""Choose the `specificity` head's settings by leave-one-publisher-out over the DEVELOPMENT gold files only
(held-out files are never used to choose anything): C, the weight of the sentence vectors, row weights, the
features it reads, and which of the rules' own classes it keeps.

    python bench/spec_grid.py [--split dev] [--quick]

Prints one line per setting: LOPO accuracy and quadratic kappa of the specificity over the proposals that
match a gold commitment (as `extract train` measures a field head against the rules), and per document.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchutil import grid_parser, head_grid, head_with, per_document  # noqa: E402

from extractor.config import Settings  # noqa: E402
from extractor.evaluate import quadratic_kappa  # noqa: E402
from extractor.learn import train as T  # noqa: E402
from extractor.learn.heads import Head, get_head  # noqa: E402


def spec_lopo(docs: Sequence[T.DocData], head: Head | None) -> tuple[float, float, dict[str, float]]:
    """(accuracy, quadratic kappa, accuracy per document) under LOPO; head None: the rules' own value."""
    gold: list[str] = []
    pred: list[str] = []
    per_doc: dict[str, float] = {}
    for pub in T.publishers(docs):
        model = T.train_head([d for d in docs if d.publisher != pub], head) if head is not None else None
        for d in docs:
            if d.publisher != pub:
                continue
            idx = [i for i, g in enumerate(d.matched) if g is not None and d.in_scope[i]]
            if not idx:
                continue
            rules: list[str] = [d.props[i].cand.specificity for i in idx]
            if model is None or head is None:
                mine = rules
            else:
                mine = [model.classes[int(k)] for k in model.proba(d.x[idx]).argmax(axis=1)]
                mine = [head.kept_class(r) or m for r, m in zip(rules, mine, strict=True)]
            g = [d.matched[i].specificity for i in idx]  # type: ignore[union-attr]
            gold += g
            pred += mine
            per_doc[d.name] = float(np.mean([a == b for a, b in zip(g, mine, strict=True)]))
    acc = float(np.mean([a == b for a, b in zip(gold, pred, strict=True)])) if gold else 0.0
    return acc, quadratic_kappa(gold, pred) or 0.0, per_doc


# which features the head reads (name prefixes, features.FEATURE_NAMES)
FEATURE_SETS: dict[str, tuple[str, ...] | None] = {
    "all": None,
    "cues+text": tuple(n for n in ("src_", "mod_", "spec_", "verifiable", "has_trigger", "hedge", "body",
                                   "process", "imperative", "is_item", "has_lead", "lead_", "table", "digits",
                                   "year", "log_words", "text_")),
    "spec+text": ("mod_", "spec_", "hedge", "text_"),
    "spec+text+heading": ("mod_", "spec_", "hedge", "text_", "heading_"),
    "spec-cues": ("mod_", "spec_", "hedge", "verifiable", "has_trigger", "is_item", "lead_", "digits"),
}


def variants(base: Head, quick: bool) -> list[tuple[str, Head]]:
    return head_grid(base, quick, FEATURE_SETS,
                     [{"keep_rules": k} for k in ((), ("quantitative",))] + [{"balance": b} for b in (None, "class")]
                     + [{"c": c, "vector_weight": w} for c in (0.03, 0.1, 0.3) for w in (2.0, 4.0, 8.0)])


def main() -> None:
    args = grid_parser("balance, c, vector_weight, features: a FEATURE_SETS name, keep_rules: comma-separated "
                       "classes").parse_args()
    settings = Settings.resolve(gold_dir=ROOT / "gold")
    docs = T.load_docs(settings, args.split)
    base = get_head("specificity")
    base = head_with(base, args.set, FEATURE_SETS)
    for label, head in [("rules", None), *variants(base, args.quick)]:
        acc, kappa, per_doc = spec_lopo(docs, head)
        print(f"{label:28s} acc {acc:.3f} kappa {kappa:.3f} | {per_document(per_doc)}", flush=True)


if __name__ == "__main__":
    main()
