"""Choose the learned layer's settings by leave-one-publisher-out over the DEVELOPMENT gold files only
(held-out files are never used to choose anything): regularisation C, the weight of the sentence
vectors beside the cues, the keep threshold, and which feature groups are used; with --keep, the share of a
document's proposals its threshold falls to keep and the floor it stops at (`decide.document_threshold`).

    python bench/learn_grid.py [--split dev] [--quick | --keep]

Prints one line per setting: LOPO micro F1, precision, recall over the files of the split.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor.config import Settings  # noqa: E402
from extractor.evaluate import evaluate  # noqa: E402
from extractor.learn import train as T  # noqa: E402
from extractor.learn.features import FEATURE_NAMES  # noqa: E402

GROUPS = {
    "all": (),
    "no-source": ("src_",),  # without the rules' own verdict: cues, fields, context and vectors only
    "no-rules-fields": ("src_", "mod_", "spec_", "verifiable", "has_trigger", "actor_is_org"),
    "no-heading": ("heading_",),
    "cues-only": ("text_", "heading_"),
}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev")
    ap.add_argument("--quick", action="store_true", help="only the feature groups at the default settings")
    ap.add_argument("--keep", action="store_true",
                    help="instead: the per-document threshold (decide.document_threshold), share kept x floor")
    args = ap.parse_args()
    settings = Settings.resolve(gold_dir=ROOT / "gold")
    docs = T.load_docs(settings, args.split)
    gold_docs = [(d.split, d.gold) for d in docs]
    full = [d.x.copy() for d in docs]
    rules = evaluate(gold_docs, T.rules_predictions(docs))
    print(f"rules alone: F1 {rules.micro.f1:.3f} P {rules.micro.precision:.3f} R {rules.micro.recall:.3f}")
    if args.keep:
        heads = T.applied_heads()
        for share, floor in [(0.0, T.THRESHOLD_FLOOR)] + list(itertools.product((0.5, 0.55, 0.6, 0.65, 0.7),
                                                                                 (0.1, 0.2, 0.3))):
            m = evaluate(gold_docs, T.lopo_predictions(docs, heads, keep_share=share, floor=floor)).micro
            print(f"keep share {share:<4} floor {floor:<4} LOPO F1 {m.f1:.3f} P {m.precision:.3f} R {m.recall:.3f}",
                  flush=True)
        return
    cs = (T.DEFAULT_C,) if args.quick else (0.01, 0.03, 0.1)
    ws = (T.VECTOR_WEIGHT,) if args.quick else (1.0, 2.0, 4.0)
    ths = (T.DEFAULT_THRESHOLD,) if args.quick else (0.3, 0.4, 0.5)
    for group, drop in GROUPS.items():
        mask = np.array([not n.startswith(drop) for n in FEATURE_NAMES]) if drop else np.ones(len(FEATURE_NAMES), bool)
        for d, x in zip(docs, full, strict=True):
            d.x = x * mask
        for c, w, th in itertools.product(cs, ws, ths):
            rep = evaluate(gold_docs, T.lopo_predictions(docs, c=c, threshold=th, vector_weight=w))
            m = rep.micro
            print(f"{group:16s} C={c:<5} w={w:<4} th={th:<4} LOPO F1 {m.f1:.3f} P {m.precision:.3f} R {m.recall:.3f}",
                  flush=True)


if __name__ == "__main__":
    main()
