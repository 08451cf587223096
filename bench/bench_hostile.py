"""The full-size hostile inputs of docs/hostile-inputs.md that are too slow for a unit test:
a 20 MB text file, a single 1 MB line of sentences, 1 MB without any space or newline, and a
50 MB HTML file of sibling <div>s.

Each runs alone through `extract run --no-index` (the index would add embedding time, about
one minute per 300 chunks on 2 cores, which is linear and measured by bench_pipeline.py), with a
time limit, then `extract report` over its output; the table gives seconds, peak RSS and
commitments, or the limit it hit, and the review page's size and cost.

    python bench/bench_hostile.py [--limit 900] [--only big,line,nospace,divs] [--json F]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path
from typing import Any

from benchutil import CORPUS, EXTRACT, emit, machine, measure, table

MB = 1024 * 1024


def _corpus() -> str:
    return "".join(p.read_text("utf-8") for p in sorted(CORPUS.glob("*.txt")))


def make(kind: str, folder: Path) -> Path:
    base = _corpus()
    if kind == "big":  # 20 MB of policy text on many lines, each copy slightly different
        parts, size, i = [], 0, 0
        while size < 20 * MB:
            part = base.replace("will", f"will{'' if i % 2 else ' '}", 1) + f"\n\nRevision {i}\n\n"
            parts.append(part)
            size += len(part.encode("utf-8"))
            i += 1
        text = "".join(parts)
    elif kind == "line":  # 1 MB of sentences on one line
        flat = " ".join(base.split())
        text = ((flat + " ") * (MB // len(flat) + 1))[:MB]
    elif kind == "nospace":  # 1 MB with no separator the chunker or the sentence splitter could use
        text = ("Wewillpublishareport" * (MB // 20 + 1))[:MB]
    elif kind == "divs":  # 50 MB of HTML: one <div> per sentence, all siblings
        sentences = [s for s in " ".join(base.split()).split(". ") if 30 < len(s) < 300]
        parts, size, i = ["<html><body>"], 0, 0
        while size < 50 * MB:
            part = f"<div>{sentences[i % len(sentences)]}.</div>\n"
            parts.append(part)
            size += len(part)
            i += 1
        parts.append("</body></html>")
        path = folder / "divs.html"
        path.write_text("".join(parts), "utf-8")
        return path
    else:
        raise SystemExit(f"unknown case {kind}")
    path = folder / f"{kind}.txt"
    path.write_text(text, "utf-8")
    return path


def run(kinds: list[str], limit: float) -> dict[str, Any]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-hostile-") as tmp:
        root = Path(tmp)
        for kind in kinds:
            path = make(kind, root)
            m = measure([EXTRACT, "run", str(path), "--out", str(root / "out"), "--no-index", "--quiet", "--json"],
                        timeout=limit)
            row: dict[str, Any] = {"case": kind, "mb": path.stat().st_size / MB, "seconds": m.seconds,
                                   "peak_rss_mb": m.peak_rss_mb, "timed_out": m.timed_out, "returncode": m.returncode}
            if not m.timed_out and m.stdout.strip():
                summary = json.loads(m.stdout)
                row["commitments"] = summary["commitments"]
                row["failures"] = [f["reason"] for f in summary["failures"]]
                out = root / "out" / f"{kind}.json"
                if out.exists():
                    row["chunks"] = json.loads(out.read_text())["run"]["stats"].get("chunks")
                    page = root / f"{kind}-report.html"
                    rep = measure([EXTRACT, "report", str(out), "--html", str(page)], timeout=limit)
                    row["report_seconds"], row["report_peak_rss_mb"] = rep.seconds, rep.peak_rss_mb
                    row["report_timed_out"] = rep.timed_out
                    pages = [page, *sorted((root / f"{kind}-report-pages").glob("*.html"))]
                    row["report_pages"] = len(pages)
                    row["report_largest_mb"] = max(p.stat().st_size for p in pages if p.exists()) / MB
                    out.unlink()
            rows.append(row)
            path.unlink()
    return {"machine": machine(), "limit_s": limit, "rows": rows}


def render(r: dict[str, Any]) -> str:
    rows = []
    for x in r["rows"]:
        if x["timed_out"]:
            outcome = f"not finished in {r['limit_s']:.0f} s"
        elif x.get("failures"):
            outcome = "failed: " + "; ".join(x["failures"])
        else:
            outcome = f"{x.get('commitments', '?')} commitments, {x.get('chunks', '?')} chunks"
        report = "-"
        if "report_seconds" in x:
            report = ("not finished" if x["report_timed_out"] else
                      f"{x['report_seconds']:.1f} s, {x['report_peak_rss_mb']:.0f} MB; {x['report_pages']} page(s), "
                      f"largest {x['report_largest_mb']:.1f} MB")
        rows.append([x["case"], f"{x['mb']:.1f}", f"{x['seconds']:.1f}", f"{x['peak_rss_mb']:.0f}", outcome, report])
    return table(f"full-size hostile inputs, extract run --no-index ({r['machine']})",
                 ["case", "MB", "seconds", "peak RSS MB", "outcome", "extract report"], rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=float, default=900, help="seconds allowed per case (default 900)")
    ap.add_argument("--only", default="big,line,nospace,divs",
                    help="comma-separated cases: big, line, nospace, divs")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = ap.parse_args()
    result = run(args.only.split(","), args.limit)
    emit(result, render, args.json)


if __name__ == "__main__":
    main()
