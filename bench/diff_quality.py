"""How well `extract diff` matches the gold alignment of two policy versions.

Gold: gold/diffs/<old>__<new>.json (pairs of old quote, new quote or null, change label). For each
gold pair with an old quote, the predicted old commitment matching the gold quote (span overlap, as
in extraction scoring) must have as counterpart the commitment matching the gold new quote (or none
when the gold says removed): alignment accuracy; and carry the gold label: label accuracy.

Prints, for the default diff and for baselines that show what each part adds:
- figures over all gold pairs, over those whose old commitment the rules backend extracted, and over
  those whose both sides it extracted (the ceiling of alignment is the share of the last group);
- "identical only": pair only equal quotes, call everything else removed;
- text similarity only; quotes without paragraph context; greedy instead of optimal assignment;
  the previous default (one absolute threshold 0.40, no relative criterion);
- the two halves of the gold pairs (odd/even index) for the default and the previous default, and
  with --cv a cross-validation of the pairing parameters: chosen on one half, measured on the other;
- the labeller alone: label accuracy on the gold pairs themselves, with the extracted fields (both
  sides extracted) and with the gold's own modality/specificity;
- where the misses come from, the confusion of labels, and timings;
- candidate recall, the bound of the LLM judge (`extract diff --judge llm`): over the gold pairs whose
  both sides were extracted, the share whose gold counterpart is among the k new commitments most
  similar to the old one (the judge is shown the top k, default 10, plus any above the threshold);
- with --judge-url URL --judge-model M, the LLM judge itself on the same gold (key from
  OPENAI_API_KEY; answers cached in --judge-cache, so a re-run calls nothing).

    python bench/diff_quality.py [--old data/corpus/anthropic_rsp_v1.0.txt] [--new ...v2.0.txt]
                                 [--gold gold/diffs/anthropic_rsp_v1.0__v2.0.json] [--failures] [--cv]
                                 [--json F] [--judge-url URL --judge-model M [--judge-k 10]]
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np

from extractor.config import Settings
from extractor.diff import (
    EMBED_WEIGHT,
    FLOOR,
    MARGIN,
    THRESHOLD,
    Version,
    compare,
    diff_outputs,
    load_version,
    pipeline_extractor,
    similarity,
)
from extractor.diff_judge import DEFAULT_K, candidates
from extractor.embed import embed_texts
from extractor.evaluate_diff import DiffScore, GoldDiff, read_gold_diff, render_score, score_diff, span_overlap
from extractor.models import Commitment

ROOT = Path(__file__).resolve().parents[1]


class CachedEmbed:
    """The real embedding function, memoised so the variants embed each text once."""

    def __init__(self) -> None:
        self.cache: dict[str, np.ndarray] = {}
        self.seconds = 0.0

    def __call__(self, texts: list[str]) -> np.ndarray:
        todo = [t for t in dict.fromkeys(texts) if t not in self.cache]
        if todo:
            started = time.perf_counter()
            for t, v in zip(todo, embed_texts(todo), strict=True):
                self.cache[t] = v
            self.seconds += time.perf_counter() - started
        return np.stack([self.cache[t] for t in texts]) if texts else np.zeros((0, 384), dtype=np.float32)


def find(commitments: list[Commitment], text: str, quote: str) -> Commitment | None:
    """The extracted commitment whose span best matches the quote's first occurrence (or None)."""
    from extractor.textutil import normalize_ws, normalized_with_map

    norm, offsets = normalized_with_map(text)
    q = normalize_ws(quote)
    pos = norm.find(q)
    if pos < 0:
        pos = norm.lower().find(q.lower())
    if pos < 0:
        return None
    gold = (offsets[pos], offsets[pos + len(q) - 1] + 1)
    best, best_ov = None, 0
    for c in commitments:
        ov = span_overlap(gold, (c.span.start, c.span.end))
        if ov > best_ov:
            best, best_ov = c, ov
    return best


def labeller_alone(gold: GoldDiff, old: Version, new: Version) -> dict[str, Any]:
    """Label accuracy on the gold pairs (gold alignment): with extracted fields, and with gold fields."""
    assert old.text is not None and new.text is not None
    extracted: Counter[str] = Counter()
    gold_fields: Counter[str] = Counter()
    for g in gold.pairs:
        if not (g.old_quote and g.new_quote):
            continue
        if g.old is not None and g.new is not None and g.old.modality and g.new.modality:
            a = SimpleNamespace(quote=g.old_quote, modality=g.old.modality, specificity=g.old.specificity, trigger=None)
            b = SimpleNamespace(quote=g.new_quote, modality=g.new.modality, specificity=g.new.specificity, trigger=None)
            gold_fields["n"] += 1
            gold_fields["ok"] += compare(a, b)[0] == g.label
        co = find(old.output.commitments, old.text, g.old_quote)
        cn = find(new.output.commitments, new.text, g.new_quote)
        if co is not None and cn is not None:
            extracted["n"] += 1
            extracted["ok"] += compare(co, cn)[0] == g.label
    removed = sum(1 for g in gold.pairs if g.old_quote and not g.new_quote)
    with_old = sum(1 for g in gold.pairs if g.old_quote)
    return {
        "extracted_fields": {"pairs": extracted["n"], "accuracy": round(extracted["ok"] / max(1, extracted["n"]), 4)},
        "gold_fields": {"pairs": gold_fields["n"], "accuracy": round(gold_fields["ok"] / max(1, gold_fields["n"]), 4),
                        # removed pairs are right by definition once aligned: the labeller's ceiling overall
                        "with_removed_over_all_old": round((gold_fields["ok"] + removed) / max(1, with_old), 4)},
    }


RECALL_KS = (1, 5, 10, 20, 40)


def candidate_recall(gold: GoldDiff, old: Version, new: Version, sim: np.ndarray) -> dict[str, Any]:
    """Over the gold pairs whose both sides were extracted: the share whose gold counterpart ranks
    within the top k by similarity for its old commitment, and within what the judge is shown."""
    assert old.text is not None and new.text is not None
    index_old = {id(c): i for i, c in enumerate(old.output.commitments)}
    index_new = {id(c): j for j, c in enumerate(new.output.commitments)}
    ranks: list[int] = []
    shown = 0
    for g in gold.pairs:
        if not (g.old_quote and g.new_quote):
            continue
        co = find(old.output.commitments, old.text, g.old_quote)
        cn = find(new.output.commitments, new.text, g.new_quote)
        if co is None or cn is None:
            continue
        i, j = index_old[id(co)], index_new[id(cn)]
        ranks.append(1 + int((sim[i] > sim[i, j]).sum()))
        shown += j in candidates(sim[i], THRESHOLD, DEFAULT_K)
    n = max(1, len(ranks))
    return {"pairs": len(ranks), "recall_at": {str(k): round(sum(r <= k for r in ranks) / n, 3) for k in RECALL_KS},
            f"shown_to_judge_k{DEFAULT_K}": round(shown / n, 3),
            "median_rank": float(np.median(ranks)) if ranks else None}


def miss_causes(score: DiffScore) -> Counter[str]:
    causes: Counter[str] = Counter()
    for o in score.outcomes:
        if o.label_ok:
            causes["right"] += 1
        elif not o.old_extracted:
            causes["old commitment not extracted"] += 1
        elif o.gold.new_quote and o.new_extracted is False:
            causes["gold new commitment not extracted"] += 1
        elif not o.aligned and o.gold.new_quote is None:
            causes["gold removed, predicted a counterpart"] += 1
        elif not o.aligned and o.predicted_new_quote is None:
            causes["gold counterpart exists, predicted removed"] += 1
        elif not o.aligned:
            causes["paired with another commitment"] += 1
        else:
            causes[f"aligned, label {o.gold.label} predicted {o.predicted_label}"] += 1
    return causes


def halves(s: DiffScore) -> dict[str, tuple[float, float]]:
    """(alignment, label) accuracy over the odd- and the even-indexed gold pairs."""
    out = {}
    for name, parity in (("odd", 1), ("even", 0)):
        xs = [o for k, o in enumerate(s.outcomes) if k % 2 == parity]
        out[name] = (round(sum(o.aligned for o in xs) / len(xs), 3), round(sum(o.label_ok for o in xs) / len(xs), 3))
    return out


def cross_validate(run: Any) -> list[str]:
    """Pairing parameters chosen on one half of the gold pairs (by alignment + label accuracy),
    measured on the other: the plain threshold against threshold + floor + margin."""
    plain = {(t, t, 0.0): halves(run(threshold=t, floor=t)[0]) for t in (0.3, 0.35, 0.4, 0.45, 0.5, 0.55)}
    relative = {(t, f, m): halves(run(threshold=t, floor=f, margin=m)[0])
                for t in (0.4, 0.45, 0.5, 0.55) for f in (0.1, 0.2, 0.3) for m in (0.0, 0.02, 0.04)}
    lines = []
    for name, grid in (("plain threshold", plain), ("threshold+floor+margin", relative)):
        for tune, test in (("odd", "even"), ("even", "odd")):
            params, figs = max(grid.items(), key=lambda kv: sum(kv[1][tune]))
            lines.append(f"  {name:<24} chosen on {tune:<4} (threshold {params[0]}, floor {params[1]}, margin "
                         f"{params[2]}): {tune} {figs[tune][0]:.3f}/{figs[tune][1]:.3f}, held-out {test} "
                         f"{figs[test][0]:.3f}/{figs[test][1]:.3f}")
    return lines


def row(name: str, s: DiffScore) -> str:
    figures = (s.alignment_accuracy, s.label_accuracy, s.alignment_accuracy_extracted, s.label_accuracy_extracted,
               s.alignment_accuracy_alignable, s.label_accuracy_alignable)
    cells = "   ".join(f"{figures[k]:6.3f} {figures[k + 1]:6.3f}" for k in (0, 2, 4))
    return f"{name:<38} {cells}   {s.added_found:>2}/{s.added_total}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--old", type=Path, default=ROOT / "data/corpus/anthropic_rsp_v1.0.txt")
    ap.add_argument("--new", type=Path, default=ROOT / "data/corpus/anthropic_rsp_v2.0.txt")
    ap.add_argument("--gold", type=Path, default=ROOT / "gold/diffs/anthropic_rsp_v1.0__v2.0.json")
    ap.add_argument("--failures", action="store_true", help="list every gold pair that was missed")
    ap.add_argument("--cv", action="store_true", help="cross-validate the pairing parameters over the two halves")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON")
    ap.add_argument("--judge-url", help="score the LLM judge too, at this OpenAI-compatible endpoint (key from "
                    "OPENAI_API_KEY)")
    ap.add_argument("--judge-model", help="the LLM judge's model (with --judge-url)")
    ap.add_argument("--judge-k", type=int, default=DEFAULT_K, help="candidates per old commitment for the judge")
    ap.add_argument("--judge-cache", type=Path, default=ROOT / ".extractor" / "cache",
                    help="the judge's answer cache (a re-run calls nothing)")
    args = ap.parse_args()
    if args.judge_model and not args.judge_url:
        ap.error("--judge-model needs --judge-url")

    gold = read_gold_diff(args.gold)
    started = time.perf_counter()
    extract = pipeline_extractor(Settings.resolve(backend="rules", use_index=False))
    old, new = load_version(args.old, extract), load_version(args.new, extract)
    t_extract = time.perf_counter() - started
    assert old.text is not None and new.text is not None
    embed = CachedEmbed()

    def run(context: bool = True, **kw: Any) -> tuple[DiffScore, float]:
        t = time.perf_counter()
        kw.setdefault("embed", embed)
        diff = diff_outputs(old.output, new.output, old_text=old.text if context else None,
                            new_text=new.text if context else None, **kw)
        return score_diff(diff, gold, old.text or "", new.text or ""), time.perf_counter() - t

    headline, t_diff = run()
    variants = [
        ("default (embedding+context+text)", headline),
        ("identical only (all else removed)", run(embed=None, threshold=0.999)[0]),
        ("text similarity only", run(embed=None)[0]),
        ("quotes only (no paragraph context)", run(context=False)[0]),
        ("greedy assignment", run(greedy=True)[0]),
        ("previous default (0.40, no relative)", run(threshold=0.40, floor=0.40)[0]),
    ]
    judge_info: dict[str, Any] | None = None
    t_judge = 0.0
    if args.judge_url:
        from extractor.diff_judge import LLMDiffJudge

        judge = LLMDiffJudge(Settings.resolve(base_url=args.judge_url, model=args.judge_model,
                                              cache_dir=args.judge_cache), k=args.judge_k)
        t_judge = time.perf_counter()
        judged_diff = diff_outputs(old.output, new.output, old_text=old.text, new_text=new.text, embed=embed,
                                   judge=judge)
        judged = score_diff(judged_diff, gold, old.text, new.text)
        t_judge = time.perf_counter() - t_judge
        judge_info = judged_diff.run.judge.model_dump() if judged_diff.run.judge else None
        variants.append((f"LLM judge ({judge.settings.model}, k={args.judge_k})", judged))
    alone = labeller_alone(gold, old, new)
    blended = similarity(old.output.commitments, new.output.commitments, embed, EMBED_WEIGHT, old.text, new.text)[0]
    recall = candidate_recall(gold, old, new, blended)

    print(f"{args.old.name} -> {args.new.name}: {len(old.output.commitments)} -> {len(new.output.commitments)} "
          f"commitments extracted (rules backend); gold pairs {len(gold.pairs)}, with an old quote "
          f"{headline.pairs}, old extracted {headline.old_extracted}, both sides extracted {headline.alignable}")
    print(f"ceiling of alignment accuracy set by extraction: {headline.alignable / max(1, headline.pairs):.3f} "
          f"(target 0.85; label target 0.75)")
    print(f"candidate recall (the LLM judge's bound; {recall['pairs']} gold pairs with both sides extracted): "
          + ", ".join(f"top-{k} {v:.3f}" for k, v in recall["recall_at"].items())
          + f"; shown to the judge at k={DEFAULT_K} (+ above the threshold) "
          f"{recall[f'shown_to_judge_k{DEFAULT_K}']:.3f}; median rank {recall['median_rank']}")
    # a judge that is always right can pair only what it is shown, and says "none" for the gold removed
    removable = sum(1 for o in headline.outcomes if o.old_extracted and o.gold.new_quote is None)
    bounds = {k: (removable + round(v * recall["pairs"])) / max(1, headline.pairs)
              for k, v in recall["recall_at"].items() if k in ("20", "40")}
    print("alignment accuracy of a judge that is always right, given what it is shown: "
          + ", ".join(f"{b:.3f} at k={k}" for k, b in bounds.items()) + "\n")
    print(f"{'':<38} {'all pairs':>13}   {'old extracted':>13}   {'both extracted':>13}   added")
    print(f"{'':<38} {'align':>6} {'label':>6}   {'align':>6} {'label':>6}   {'align':>6} {'label':>6}")
    for name, s in variants:
        print(row(name, s))
    print("\nalign/label over the halves of the gold pairs (odd / even index):")
    for name, s in (variants[0], variants[-1]):
        h = halves(s)
        print(f"  {name:<38} odd {h['odd'][0]:.3f}/{h['odd'][1]:.3f}   even {h['even'][0]:.3f}/{h['even'][1]:.3f}")
    if args.cv:
        print("cross-validation (alignment/label):")
        print("\n".join(cross_validate(run)))
    ext, gf = alone["extracted_fields"], alone["gold_fields"]
    print(f"\nthe labeller alone, on the gold alignment: {ext['accuracy']:.3f} with the extracted fields "
          f"({ext['pairs']} pairs with both sides extracted); {gf['accuracy']:.3f} with the gold modality/specificity "
          f"({gf['pairs']} pairs), i.e. {gf['with_removed_over_all_old']:.3f} over all old quotes counting the "
          "removed ones")
    print("\nwhere the default diff goes wrong (gold pairs with an old quote):")
    causes = miss_causes(headline)
    for cause, n in causes.most_common():
        print(f"  {n:>3}  {cause}")
    print()
    print(render_score(headline), end="")
    print(f"\ntimes: extraction {t_extract:.1f} s, default diff {t_diff:.1f} s (embedding {embed.seconds:.1f} s), "
          f"threshold {THRESHOLD}, floor {FLOOR}, margin {MARGIN}")
    if args.judge_url:
        last = variants[-1][1]
        print(f"\nLLM judge at {args.judge_url}: {t_judge:.1f} s; " + ", ".join(
            f"{k} {v}" for k, v in (judge_info or {}).items()))
        print(render_score(last), end="")
    if args.failures:
        print("\nmissed gold pairs:")
        for o in headline.outcomes:
            if o.label_ok:
                continue
            print(f"- [{o.gold.label} -> {o.predicted_label}; aligned {o.aligned}] {(o.gold.old_quote or '')[:100]}")
            print(f"    gold new:      {(o.gold.new_quote or '(none)')[:100]}")
            if o.old_extracted:
                print(f"    predicted new: {(o.predicted_new_quote or '(none)')[:100]}")
    if args.json:
        args.json.write_text(json.dumps({
            "variants": {name: s.model_dump(exclude={"outcomes"}) for name, s in variants},
            "halves": {name: halves(s) for name, s in variants},
            "labeller_alone": alone, "miss_causes": dict(causes), "candidate_recall": recall,
            "llm_judge": judge_info,
            "seconds": {"extraction": round(t_extract, 2), "diff": round(t_diff, 2)},
        }, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
