"""Peak memory of `extract run` against the number of documents: it should follow the largest
document, not the count. Runs the largest document alone, then 20 and 200 corpus variants.

By default without the index (the extraction path; 200 full-size documents take ~2 minutes).
`--index` embeds too, on shorter documents (`--max-chars`, default 4000) so that 200 of them
embed in minutes rather than an hour; the index's own memory (Chroma's HNSW graph) does grow
with the number of chunks, which this shows separately.

    python bench/bench_memory.py [--counts 20,200] [--index] [--max-chars N] [--json F]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path
from typing import Any

from benchutil import EXTRACT, corpus_variants, emit, machine, measure, table


def run(counts: list[int], index: bool = False, max_chars: int | None = None) -> dict[str, Any]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp:
        root = Path(tmp)
        docs = corpus_variants(root / "docs", max(counts), max_chars=max_chars)
        largest = max(docs, key=lambda p: p.stat().st_size)
        cases: list[tuple[str, list[Path]]] = [("largest document alone", [largest])]
        cases += [(f"{n} documents", docs[:n]) for n in counts]
        for label, files in cases:
            folder = root / f"in_{len(files)}"
            folder.mkdir()
            for f in files:
                (folder / f.name).symlink_to(f)
            cmd = [EXTRACT, "run", str(folder), "--out", str(root / f"out_{len(files)}"), "--quiet", "--json"]
            cmd += ["--index", str(root / f"idx_{len(files)}")] if index else ["--no-index"]
            m = measure(cmd)
            if m.returncode != 0:
                raise SystemExit(f"{label}: extract run failed ({m.returncode}): {m.stderr[-800:]}")
            summary = json.loads(m.stdout)
            rows.append({"case": label, "documents": len(files), "outputs": len(summary["outputs"]),
                         "input_mb": sum(f.stat().st_size for f in files) / 1e6,
                         "largest_kb": max(f.stat().st_size for f in files) / 1e3,
                         "seconds": m.seconds, "peak_rss_mb": m.peak_rss_mb})
    return {"machine": machine(), "index": index, "max_chars": max_chars, "rows": rows}


def render(r: dict[str, Any]) -> str:
    base = r["rows"][0]["peak_rss_mb"]
    rows = [[x["case"], str(x["outputs"]), f"{x['input_mb']:.1f}", f"{x['largest_kb']:.0f}", f"{x['seconds']:.1f}",
             f"{x['peak_rss_mb']:.0f}", f"{x['peak_rss_mb'] - base:+.0f}"] for x in r["rows"]]
    mode = "with the Chroma index" if r["index"] else "--no-index"
    if r["max_chars"]:
        mode += f", documents cut to {r['max_chars']} chars"
    return table(f"peak memory of extract run ({mode}; {r['machine']})",
                 ["case", "docs", "input MB", "largest KB", "seconds", "peak RSS MB", "vs largest alone"], rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--counts", default="20,200", help="comma-separated document counts (default 20,200)")
    ap.add_argument("--index", action="store_true", help="embed into a Chroma index too (slower)")
    ap.add_argument("--max-chars", type=int, default=None, help="cut each document (default: full, 4000 with --index)")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = ap.parse_args()
    max_chars = args.max_chars or (4000 if args.index else None)
    result = run([int(c) for c in args.counts.split(",")], args.index, max_chars)
    emit(result, render, args.json)


if __name__ == "__main__":
    main()
