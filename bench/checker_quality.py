"""How well the checker's "flagged vague or unverifiable" agrees with the gold set.

Gold positive: `specificity == "vague"` or `verifiable == false` (ANNOTATION.md). Predicted positive:
`extractor.check.is_vague` (a `rules` flag of severity warning or error; docs/flags.md).

Two measurements:
1. on the GOLD commitments themselves (quote, actor, modality, trigger, safeguard from the gold
   file; the gold's specificity/verifiable are never shown to the checker), which isolates the
   checker from extraction errors;
2. on the rules backend's output, matched one-to-one to gold with the scorer's own span matching
   (extractor.evaluate.match_spans), which is what a user gets.
Both are reported over all gold files and per split (gold/split.json: development, heldout).

Prints precision/recall/F1, the always-flag baseline (the gold set is mostly positive, so precision
alone says little), how often each code fires on gold positives and negatives, and the five worst
misses each way.

    python bench/checker_quality.py [--gold gold] [--corpus data/corpus] [--no-rules] [--json F]
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

from extractor.align import commitment_id
from extractor.check import check_commitments, is_vague
from extractor.config import Settings
from extractor.evaluate import match_spans, prediction_spans
from extractor.gold import GoldCommitment, GoldDocument, gold_files, load_gold, read_split
from extractor.load import load
from extractor.models import Commitment, Document, Span

Item = tuple[Commitment, GoldCommitment, str]  # checked commitment, its gold, document id


def gold_positive(g: GoldCommitment) -> bool:
    return g.specificity == "vague" or not g.verifiable


def from_gold(gd: GoldDocument) -> list[tuple[Commitment, GoldCommitment]]:
    """Commitments built from the gold quotes and fields, at the gold spans."""
    doc = gd.doc
    out = []
    for item in gd.items:
        g = item.commitment
        start, end = gd.offsets[item.start], gd.offsets[item.end - 1] + 1
        out.append((Commitment(
            id=commitment_id(doc.id, start, end, g.quote), quote=g.quote, actor=g.actor, modality=g.modality,
            trigger=g.trigger, safeguard=g.safeguard or "",
            # the checker never reads these two; placeholders keep the model valid
            specificity="concrete", verifiable=True,
            span=Span(start=start, end=end, page=doc.page_at(start))), g))
    return out


def prf(rows: list[tuple[bool, bool]]) -> tuple[float, float, float, int, int, int, int]:
    tp = sum(1 for g, p in rows if g and p)
    fp = sum(1 for g, p in rows if not g and p)
    fn = sum(1 for g, p in rows if g and not p)
    tn = sum(1 for g, p in rows if not g and not p)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f, tp, fp, fn, tn


def report(title: str, items: list[Item], show: int) -> dict[str, Any]:
    rows = [(gold_positive(g), is_vague(c)) for c, g, _ in items]
    p, r, f, tp, fp, fn, tn = prf(rows)
    base = prf([(g, True) for g, _ in rows])
    print(f"\n== {title}: {len(rows)} commitments, {sum(g for g, _ in rows)} gold vague-or-unverifiable")
    print(f"precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}   (tp {tp}, fp {fp}, fn {fn}, tn {tn}; "
          f"gold-specific-and-verifiable left unflagged: {tn}/{tn + fp})")
    print(f"baseline 'flag everything': precision {base[0]:.3f}  recall {base[1]:.3f}  F1 {base[2]:.3f}")
    if show:
        fires: dict[str, Counter[bool]] = {}
        for c, g, _ in items:
            for code in sorted({fl.code for fl in c.flags if fl.source == "rules"}):
                fires.setdefault(code, Counter())[gold_positive(g)] += 1
        print("code   on gold-pos  on gold-neg  precision")
        for code in sorted(fires):
            pos, neg = fires[code][True], fires[code][False]
            print(f"{code}   {pos:11d}  {neg:11d}  {pos / (pos + neg):.3f}")
        misses_fn = [x for x in items if gold_positive(x[1]) and not is_vague(x[0])]
        misses_fp = [x for x in items if not gold_positive(x[1]) and is_vague(x[0])]
        # worst first: missed where gold is both vague and unverifiable; false alarms with the most flags
        misses_fn.sort(key=lambda x: (not (x[1].specificity == "vague" and not x[1].verifiable), -len(x[0].quote)))
        misses_fp.sort(key=lambda x: -sum(fl.severity != "info" for fl in x[0].flags))
        print(f"five worst misses (gold vague or unverifiable, not flagged), of {len(misses_fn)}:")
        for c, g, d in misses_fn[:show]:
            print(f"  - [{d}] gold {g.specificity}, verifiable={g.verifiable}: {c.quote[:140]!r}")
        print(f"five worst false alarms (gold specific and verifiable, flagged), of {len(misses_fp)}:")
        for c, _g, d in misses_fp[:show]:
            codes = ",".join(fl.code for fl in c.flags if fl.severity != "info")
            print(f"  - [{d}] {codes}: {c.quote[:140]!r}")
    return {"n": len(rows), "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp,
            "fn": fn, "tn": tn, "baseline_precision": round(base[0], 4)}


def measure(name: str, items: list[Item], part_of: dict[str, str], show: int) -> dict[str, Any]:
    results = {"all": report(name, items, show)}
    for part in sorted(set(part_of.values())):
        sub = [x for x in items if part_of.get(x[2]) == part]
        if sub:
            results[part] = report(f"{name}, {part} split", sub, 0)
    return results


def main() -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--gold", type=Path, default=Path(__file__).resolve().parent.parent / "gold")
    ap.add_argument("--corpus", type=Path, default=None,
                    help="the gold documents (default: data/corpus, else ../shared/corpus; env EXTRACTOR_CORPUS)")
    ap.add_argument("--no-rules", action="store_true", help="skip the rules-backend measurement")
    ap.add_argument("--show", type=int, default=5)
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args()
    args.corpus = Settings.resolve(gold_dir=args.gold, corpus_dir=args.corpus).effective_corpus_dir()

    golds = [load_gold(p, args.corpus) for p in gold_files(args.gold)]
    split = read_split(args.gold)
    part_of = {gd.id: part for part, names in split.items() for gd in golds if gd.name in names}
    # the run's document set: every document of the corpus folder (references are looked up there)
    run_docs: list[Document] = [load(p) for p in sorted(args.corpus.iterdir())
                                if p.suffix in (".txt", ".md", ".pdf", ".html") and p.name != "SOURCES.md"]
    results: dict[str, Any] = {}

    started = time.perf_counter()
    items: list[Item] = []
    for gd in golds:
        doc = gd.doc.model_copy(update={"org": gd.gold.org})
        pairs = from_gold(gd)
        checked = check_commitments(doc, [c for c, _ in pairs], others=run_docs)
        items += [(c, g, doc.id) for c, (_, g) in zip(checked, pairs, strict=True)]
    results["gold_commitments"] = measure("checker on GOLD commitments", items, part_of, args.show)
    print(f"({time.perf_counter() - started:.2f} s)")

    if not args.no_rules:
        from extractor.pipeline import Pipeline

        pipeline = Pipeline(Settings.resolve(env={}, backend="rules", use_index=False))
        items = []
        for gd in golds:
            doc = gd.doc.model_copy(update={"org": gd.gold.org})
            preds = check_commitments(doc, pipeline.extract(doc).commitments, others=run_docs)
            pspans = prediction_spans(gd, preds)
            kept = [i for i, s in enumerate(pspans) if s is not None]
            pairs = match_spans([(it.start, it.end) for it in gd.items], [pspans[i] for i in kept])  # type: ignore[misc]
            items += [(preds[kept[pj]], gd.items[gi].commitment, doc.id) for gi, pj, _ in pairs]
            print(f"{doc.id}: {len(preds)} predicted, {len(gd.items)} gold, {len(pairs)} matched")
        results["rules_backend_matched"] = measure("checker on RULES-BACKEND output matched to gold", items,
                                                   part_of, args.show)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
