"""Every benchmark, one command, one table: rules pages/s, embedding chunks/s, the whole corpus run
and its unchanged (cached) re-run, retrieval of the gold quotes from the index (hit@k), peak memory
for 20 vs 200 documents, and the LLM path's throughput against the fixture server
(bench/bench_llm.py, with a small chunk count).

    python bench/run_all.py              # ~6 minutes on 2 cores
    python bench/run_all.py --quick      # 20 vs 60 documents for memory, fewer LLM chunks
    python bench/run_all.py --hostile    # adds the full-size hostile inputs (20 MB text, 1 MB line; slow)
    python bench/run_all.py --json results.json

Timings depend on the machine and on what else runs on it: the header gives CPUs and load.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import bench_hostile
import bench_memory
import bench_pipeline
import bench_retrieval
from benchutil import CORPUS, machine, table

HERE = Path(__file__).resolve().parent


def llm(chunks: int) -> dict[str, Any]:
    """bench/bench_llm.py if it exists (the LLM backend's own benchmark), scaled down."""
    script = HERE / "bench_llm.py"
    if not script.exists():
        return {"skipped": "bench/bench_llm.py not found (no LLM backend benchmark in this build)"}
    with tempfile.TemporaryDirectory(prefix="bench-llm-") as tmp:
        out = Path(tmp) / "llm.json"
        cmd = [sys.executable, str(script), "--chunks", str(chunks), "--latency", "0.2", "--concurrency", "1,4,16",
               "--json", str(out)]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
        if proc.returncode != 0 or not out.exists():
            return {"skipped": f"bench_llm.py failed ({proc.returncode}): {proc.stderr.strip()[-300:]}"}
        return {"results": json.loads(out.read_text()), "command": " ".join(["python bench/bench_llm.py", *cmd[2:-2]])}


def summary_rows(r: dict[str, Any]) -> list[list[str]]:
    p = r["pipeline"]
    ru, em, e2e = p["rules"], p["embedding"], p["end_to_end"]
    rows = [
        ["rules backend", f"{ru['rules_pages_per_s']:.0f} pages/s", f"{ru['pages']} corpus pages", ""],
        ["extraction stage (rules+align+check)", f"{ru['stage_pages_per_s']:.0f} pages/s", "no index", ""],
        ["embedding", f"{em['chunks_per_s']:.1f} chunks/s", f"{em['chunks']} chunks of 2000 chars", ""],
        ["extract run, corpus, fresh index", f"{e2e['full_s']:.1f} s", f"{e2e['full_outputs']} documents",
         "< 30 s " + ("met" if e2e["full_s"] < bench_pipeline.AIM_FULL_S else "MISSED")],
        ["re-run unchanged (all skipped)", f"{e2e['rerun_s']:.1f} s", f"{e2e['rerun_skipped']} skipped",
         "< 5 s " + ("met" if e2e["rerun_s"] < bench_pipeline.AIM_RERUN_S else "MISSED")],
        ["peak RSS, corpus run with index", f"{e2e['full_peak_rss_mb']:.0f} MB", "", ""],
    ]
    ret = r.get("retrieval")
    if ret:
        by = {(x["queries"], x["part"]): x for x in ret["rows"]}
        for name in ("verbatim", "partial", "definitions"):
            a, t = by[(name, "all")], by[(name, "tail")]
            rows.append([f"retrieval hit@1/hit@5, {name}", f"{100 * a['hit@1']:.0f}% / {100 * a['hit@5']:.0f}%",
                         f"{a['n']} queries; tail of a chunk {100 * t['hit@1']:.0f}% / {100 * t['hit@5']:.0f}%", ""])
    mem = r["memory"]["rows"]
    first, last = mem[1], mem[-1]
    rows.append([f"peak RSS, {first['documents']} vs {last['documents']} documents", f"{first['peak_rss_mb']:.0f} vs "
                 f"{last['peak_rss_mb']:.0f} MB", f"--no-index; largest document alone {mem[0]['peak_rss_mb']:.0f} MB",
                 "flat " + ("met" if last["peak_rss_mb"] < 1.25 * first["peak_rss_mb"] else "MISSED")])
    llm_r = r["llm"]
    if "skipped" in llm_r:
        rows.append(["LLM path (fixture server)", "skipped", llm_r["skipped"], ""])
    else:
        tp = llm_r["results"].get("throughput", {})
        for row in tp.get("rows", []):
            rows.append([f"LLM path, concurrency {row['concurrency']}",
                         f"{tp['chunks'] / row['wall_s']:.1f} chunks/s",
                         f"{tp['chunks']} chunks, {tp.get('latency_s')} s/call, {row.get('speedup_vs_c1')}x vs 1",
                         ""])
        cached = tp.get("cached_rerun")
        if cached:
            rows.append(["LLM path, cached re-run", f"{cached['wall_s']:.2f} s", f"{cached['calls']} calls", ""])
    for x in r.get("hostile", {}).get("rows", []):
        rows.append([f"hostile: {x['case']} ({x['mb']:.0f} MB)",
                     "not finished" if x["timed_out"] else f"{x['seconds']:.0f} s",
                     f"peak RSS {x['peak_rss_mb']:.0f} MB", ""])
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="smaller memory and LLM runs")
    ap.add_argument("--hostile", action="store_true", help="add the full-size hostile inputs (slow)")
    ap.add_argument("--json", type=Path, default=None, help="also write every figure here")
    args = ap.parse_args()
    header = machine()
    results: dict[str, Any] = {"machine": header}
    print(f"benchmarks on {header}", flush=True)

    print("\n[1] pipeline on the corpus ...", flush=True)
    results["pipeline"] = bench_pipeline.run(CORPUS)
    print(bench_pipeline.render(results["pipeline"]), flush=True)

    print("\n[1b] retrieval of the gold quotes from the index ...", flush=True)
    results["retrieval"] = bench_retrieval.run(CORPUS)
    print(bench_retrieval.render(results["retrieval"]), flush=True)

    counts = [20, 60] if args.quick else [20, 200]
    print(f"\n[2] peak memory, {counts[0]} vs {counts[1]} documents ...", flush=True)
    results["memory"] = bench_memory.run(counts)
    print(bench_memory.render(results["memory"]), flush=True)

    print("\n[3] LLM path against the fixture server ...", flush=True)
    results["llm"] = llm(8 if args.quick else 32)
    if "skipped" in results["llm"]:
        print(f"skipped: {results['llm']['skipped']}")
    else:
        print(f"ran: {results['llm']['command']} (full run: python bench/bench_llm.py)")

    if args.hostile:
        print("\n[4] full-size hostile inputs ...", flush=True)
        results["hostile"] = bench_hostile.run(["big", "line", "nospace"], 900)
        print(bench_hostile.render(results["hostile"]), flush=True)

    print()
    print(table(f"summary ({header})", ["what", "figure", "detail", "aim"], summary_rows(results)))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
