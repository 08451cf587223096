#!/usr/bin/env python3
"""Adjudication of two annotation passes into the gold file (issue: gold set v2).

    python scripts/adjudicate.py prep STEM     # gold/passes/STEM.disagreements.json
    python scripts/adjudicate.py merge STEM    # gold/STEM.json from both passes + STEM.adjudication.json

`prep` pairs the passes as the scorer pairs prediction and gold (span overlap) and lists what a third
reader must decide: items only one pass has, and matched pairs that disagree on a label (modality,
specificity, verifiable, seoul, actor), on the trigger (token F1 below 0.5, or null against a value) or
on the quote. Where both passes agree nothing is asked: the agreed value stands.

The third reader writes `STEM.adjudication.json`:
    {"decisions": [{"id": 3, "keep": true, "reason": "..."},                       # only_A / only_B
                   {"id": 7, "pick": {"modality": "B", "quote": "A"}, "reason": "..."},  # fields
                   {"id": 9, "pick": {...}, "override": {"seoul": "V"}, "reason": "..."}]}
`override` sets a value neither pass had. Every entry needs a decision; `merge` refuses otherwise.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from extractor.config import Settings
from extractor.evaluate import canonical_actor, match_spans
from extractor.gold import GoldDocument, check_gold
from extractor.output import write_json
from extractor.textutil import token_f1

ROOT = Path(__file__).resolve().parent.parent
PASSES = ROOT / "gold" / "passes"
LABELS = ("modality", "specificity", "verifiable", "seoul")
KEYS = ("quote", "actor", "modality", "trigger", "safeguard", "specificity", "verifiable", "seoul")


def _load(stem: str) -> tuple[GoldDocument, GoldDocument]:
    corpus = Settings.resolve().effective_corpus_dir()
    docs = []
    for name in ("A", "B"):
        doc, problems = check_gold(PASSES / f"{stem}.{name}.json", corpus)
        if problems:
            sys.exit("\n".join(str(p) for p in problems))
        assert doc is not None
        docs.append(doc)
    return docs[0], docs[1]


def _line(doc: GoldDocument, start: int) -> int:
    raw = doc.offsets[start] if start < len(doc.offsets) else len(doc.doc.text)
    return doc.doc.text.count("\n", 0, raw) + 1


def _entries(a: GoldDocument, b: GoldDocument) -> list[dict[str, Any]]:
    matches = match_spans([(i.start, i.end) for i in a.items], [(i.start, i.end) for i in b.items])
    matched_a = {ai: bi for ai, bi, _ in matches}
    matched_b = {bi for _, bi, _ in matches}
    rows: list[tuple[int, dict[str, Any]]] = []
    org = a.gold.org
    for ai, it in enumerate(a.items):
        x = it.commitment.model_dump()
        if ai not in matched_a:
            rows.append((it.start, {"type": "only_A", "line": _line(a, it.start), "item": x}))
            continue
        y = b.items[matched_a[ai]].commitment.model_dump()
        differs = [k for k in LABELS if x[k] != y[k]]
        if canonical_actor(x["actor"], org) != canonical_actor(y["actor"], org):
            differs.append("actor")
        if token_f1(x["trigger"], y["trigger"]) < 0.5:
            differs.append("trigger")
        if " ".join(x["quote"].split()) != " ".join(y["quote"].split()):
            differs.append("quote")
        if differs:
            rows.append((it.start, {"type": "fields", "line": _line(a, it.start), "differs": differs,
                                    "A": x, "B": y}))
    for bi, it in enumerate(b.items):
        if bi not in matched_b:
            rows.append((it.start, {"type": "only_B", "line": _line(b, it.start),
                                    "item": it.commitment.model_dump()}))
    rows.sort(key=lambda r: r[0])
    return [{"id": k, **row} for k, (_, row) in enumerate(rows)]


def prep(stem: str) -> None:
    a, b = _load(stem)
    entries = _entries(a, b)
    write_json(PASSES / f"{stem}.disagreements.json", {"document": a.gold.document, "org": a.gold.org,
                                                       "entries": entries})
    kinds = {k: sum(1 for e in entries if e["type"] == k) for k in ("only_A", "only_B", "fields")}
    print(f"{stem}: {len(entries)} to decide {kinds} (A {len(a.items)}, B {len(b.items)})")


def merge(stem: str) -> None:
    a, b = _load(stem)
    entries = {e["id"]: e for e in _entries(a, b)}
    decisions = json.loads((PASSES / f"{stem}.adjudication.json").read_text("utf-8"))["decisions"]
    by_id = {d["id"]: d for d in decisions}
    missing = sorted(set(entries) - set(by_id))
    if missing:
        sys.exit(f"{stem}: no decision for entries {missing}")
    # every matched pair, with the agreed values, plus what the adjudication adds or changes
    matches = match_spans([(i.start, i.end) for i in a.items], [(i.start, i.end) for i in b.items])
    decided_pairs = {(e["A"]["quote"], e["A"]["modality"], e["B"]["quote"]): e["id"] for e in entries.values()
                     if e["type"] == "fields"}
    out: list[tuple[int, dict[str, Any]]] = []
    for ai, bi, _ in matches:
        x, y = a.items[ai].commitment.model_dump(), b.items[bi].commitment.model_dump()
        item = dict(x)
        key = (x["quote"], x["modality"], y["quote"])
        if key in decided_pairs:
            d = by_id[decided_pairs[key]]
            for field, side in d.get("pick", {}).items():
                src = x if side == "A" else y
                item[field] = src[field]
                if field == "quote":  # the quote and its safeguard and trigger go together
                    item["safeguard"] = src["safeguard"]
            item.update(d.get("override", {}))
        start = a.items[ai].start if item["quote"] == x["quote"] else b.items[bi].start
        out.append((start, item))
    for e in entries.values():
        if e["type"] in ("only_A", "only_B") and by_id[e["id"]].get("keep"):
            item = dict(e["item"])
            item.update(by_id[e["id"]].get("override", {}))
            src = a if e["type"] == "only_A" else b
            start = next(it.start for it in src.items if it.commitment.quote == e["item"]["quote"])
            out.append((start, item))
    out.sort(key=lambda r: r[0])
    gold = {"document": a.gold.document, "org": a.gold.org,
            "commitments": [{k: item[k] for k in KEYS} for _, item in out]}
    path = ROOT / "gold" / f"{stem}.json"
    path.write_text(json.dumps(gold, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(f"{stem}: {len(gold['commitments'])} commitments written to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("prep", "merge"):
        sys.exit(__doc__)
    (prep if sys.argv[1] == "prep" else merge)(sys.argv[2])
