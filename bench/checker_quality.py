"""How well the checker's verdict, `verifiable` and the vague causes agree with the gold set.

Three figures, per document, per split (gold/split.json: development, heldout) and micro-averaged:
- the verdict "flagged vague or unverifiable" (`extractor.check.is_vague`: a `rules` flag of severity
  warning or error; docs/flags.md) against gold `specificity == "vague"` or `verifiable == false`:
  precision, recall and MCC (flag-everything scores MCC 0, so MCC is the headline);
- `verifiable` (set by extractor/signals.py, ANNOTATION.md "Verifiable") against gold `verifiable`: MCC;
- the vague causes (`extractor.check.has_vague_cause`) against gold `specificity == "vague"`: MCC.

Two measurements:
1. on the GOLD quotes (quote, actor, modality, trigger, safeguard and specificity from the gold file;
   `verifiable` and its signal from extractor/signals.py, never from the gold), which isolates the
   verifiable procedure and the checker from extraction errors (the vague-cause MCC is 1 there by
   construction: the vague causes count exactly when `specificity` is vague);
2. on the rules backend's output, matched one-to-one to gold with the scorer's own span matching
   (extractor.evaluate.match_spans), which is what a user gets (`extract eval` prints the same figures).
The held-out files are for measuring only: their misses are never printed (--show applies to development
files).

    python bench/checker_quality.py [--gold gold] [--corpus data/corpus] [--no-rules] [--show N] [--json F]
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

from extractor.align import commitment_id
from extractor.check import check_commitments, has_vague_cause, is_vague
from extractor.config import Settings
from extractor.evaluate import match_spans, mcc, precision_recall, prediction_spans
from extractor.gold import GoldCommitment, GoldDocument, gold_files, load_gold, read_split
from extractor.load import load
from extractor.models import Commitment, Document, Span
from extractor.signals import verifiable_signal

Item = tuple[Commitment, GoldCommitment, str]  # checked commitment, its gold, document id


def gold_positive(g: GoldCommitment) -> bool:
    return g.specificity == "vague" or not g.verifiable


def from_gold(gd: GoldDocument) -> list[tuple[Commitment, GoldCommitment]]:
    """Commitments built from the gold quotes and fields, at the gold spans; `verifiable` by the procedure."""
    doc = gd.doc
    out = []
    for item in gd.items:
        g = item.commitment
        start, end = gd.offsets[item.start], gd.offsets[item.end - 1] + 1
        signal = verifiable_signal(g.quote)
        out.append((Commitment(
            id=commitment_id(doc.id, start, end, g.quote), quote=g.quote, actor=g.actor, modality=g.modality,
            trigger=g.trigger, safeguard=g.safeguard or "", specificity=g.specificity,
            verifiable=signal is not None, verifiable_signal=signal,
            span=Span(start=start, end=end, page=doc.page_at(start))), g))
    return out


def figures(items: list[Item]) -> dict[str, Any]:
    verdict = [(gold_positive(g), is_vague(c)) for c, g, _ in items]
    p, r = precision_recall(verdict)
    return {"n": len(items), "gold_positive": sum(g for g, _ in verdict), "flagged": sum(v for _, v in verdict),
            "checker_precision": p, "checker_recall": r, "checker_mcc": mcc(verdict),
            "verifiable_mcc": mcc([(g.verifiable, c.verifiable) for c, g, _ in items]),
            "vague_cause_mcc": mcc([(g.specificity == "vague", has_vague_cause(c)) for c, g, _ in items])}


def _f(x: float | None) -> str:
    return "    -" if x is None else f"{x:5.3f}"


def table(title: str, items: list[Item], part_of: dict[str, str]) -> dict[str, Any]:
    """Per document, per split and micro: the verdict's P/R/MCC, verifiable MCC, vague-cause MCC."""
    groups: dict[str, list[Item]] = {}
    for x in items:
        groups.setdefault(x[2], []).append(x)
    rows = {f"{d} ({part_of.get(d, '-')})": figures(v) for d, v in sorted(groups.items())}
    for part in sorted(set(part_of.values())):
        sub = [x for x in items if part_of.get(x[2]) == part]
        if sub:
            rows[f"{part} micro"] = figures(sub)
    rows["all micro"] = figures(items)
    print(f"\n== {title}")
    print(f"{'':58} {'n':>4} {'flag':>4}  {'P':>5} {'R':>5} {'MCC':>5}  {'verif':>5}  {'cause':>5}")
    for name, f in rows.items():
        print(f"{name[:58]:58} {f['n']:4d} {f['flagged']:4d}  {_f(f['checker_precision'])} "
              f"{_f(f['checker_recall'])} {_f(f['checker_mcc'])}  {_f(f['verifiable_mcc'])}  "
              f"{_f(f['vague_cause_mcc'])}")
    print("(flag: commitments flagged; P/R/MCC: verdict vs gold vague-or-unverifiable; verif: verifiable MCC; "
          "cause: vague-cause MCC vs gold vague)")
    return rows


def misses(items: list[Item], part_of: dict[str, str], show: int) -> None:
    """The worst misses on the development files only (the held-out files are measured, never read)."""
    dev = [x for x in items if part_of.get(x[2]) == "development"]
    if not show or not dev:
        return
    fires: dict[str, Counter[bool]] = {}
    for c, g, _ in dev:
        for code in sorted({fl.code for fl in c.flags if fl.source == "rules" and fl.severity != "info"}):
            fires.setdefault(code, Counter())[gold_positive(g)] += 1
    print("development files: code   on gold-pos  on gold-neg  precision")
    for code in sorted(fires):
        pos, neg = fires[code][True], fires[code][False]
        print(f"  {code}   {pos:11d}  {neg:11d}  {pos / (pos + neg):.3f}")
    wrong_v = [x for x in dev if x[0].verifiable != x[1].verifiable]
    print(f"development files: verifiable disagreements, {len(wrong_v)}; the first {show}:")
    for c, g, d in wrong_v[:show]:
        sig = f"{c.verifiable_signal.kind}: {c.verifiable_signal.evidence!r}" if c.verifiable_signal else "no signal"
        print(f"  - [{d}] gold {g.verifiable}, predicted {c.verifiable} ({sig}): {c.quote[:120]!r}")


def measure(name: str, items: list[Item], part_of: dict[str, str], show: int) -> dict[str, Any]:
    rows = table(name, items, part_of)
    misses(items, part_of, show)
    return rows


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
    results["gold_commitments"] = measure("GOLD quotes and specificity, verifiable by extractor/signals.py", items,
                                          part_of, args.show)
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
