"""The spine on the four corpus documents: rules extraction speed, embedding throughput, the whole
`extract run` (extract + index) and its unchanged re-run, with peak memory.

Aims (issue 2): whole corpus extracted and indexed in < 30 s; unchanged re-run < 5 s.

    python bench/bench_pipeline.py [--corpus data/corpus] [--json results.json]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path
from typing import Any

from benchutil import CORPUS, EXTRACT, emit, machine, measure, self_peak_rss_mb, table

AIM_FULL_S = 30.0
AIM_RERUN_S = 5.0


def rules_speed(corpus: Path) -> dict[str, Any]:
    """In-process, before anything imports the embedding model: the rules backend alone, and the
    whole extraction stage (rules + align + check) without the index."""
    from extractor.backends import ExtractContext, get_backend
    from extractor.chunk import chunk_document
    from extractor.config import Settings
    from extractor.load import load
    from extractor.pipeline import Pipeline

    # the rules alone: with the learned heads and no index, this would time the embedding of every chunk,
    # which `embedding_speed` measures (in a run the heads read the windows the index has just embedded)
    settings = Settings.resolve(backend="rules", use_index=False, learned=False, env={})
    backend = get_backend(settings)
    pipeline = Pipeline(settings, backend)
    docs = [load(p) for p in sorted(corpus.glob("*.txt"))]
    pages = sum(d.pages for d in docs)
    chars = sum(len(d.text) for d in docs)
    chunks = {d.id: chunk_document(d) for d in docs}
    backend.extract(docs[0], chunks[docs[0].id], ExtractContext(org="x"))  # warm regex caches
    t = time.perf_counter()
    candidates = sum(len(backend.extract(d, chunks[d.id], ExtractContext(org="x"))) for d in docs)
    rules_s = time.perf_counter() - t
    t = time.perf_counter()
    commitments = sum(len(pipeline.extract(d, chunks[d.id]).commitments) for d in docs)
    stage_s = time.perf_counter() - t
    return {"documents": len(docs), "pages": pages, "chars": chars, "candidates": candidates,
            "commitments": commitments, "rules_s": rules_s, "rules_pages_per_s": pages / rules_s,
            "stage_s": stage_s, "stage_pages_per_s": pages / stage_s, "rules_peak_rss_mb": self_peak_rss_mb()}


def embedding_speed(corpus: Path) -> dict[str, Any]:
    """The MiniLM embedding of the corpus chunks as `extract run` cuts and indexes them (every window)."""
    from extractor.chunk import chunk_document
    from extractor.embed import embed_texts, embed_windows
    from extractor.load import load

    texts = [c.text for p in sorted(corpus.glob("*.txt")) for c in chunk_document(load(p))]
    t = time.perf_counter()
    embed_texts(["warm up the model"])
    load_s = time.perf_counter() - t
    t = time.perf_counter()
    embed_windows(texts)
    seconds = time.perf_counter() - t
    return {"chunks": len(texts), "embed_s": seconds, "chunks_per_s": len(texts) / seconds, "model_load_s": load_s}


def end_to_end(corpus: Path) -> dict[str, Any]:
    """Two real `extract run` processes on a fresh index: the first does everything, the second
    finds every output current and skips it; then a third, rules alone (`--no-learned`), on another
    fresh index: what the learned heads cost."""
    with tempfile.TemporaryDirectory(prefix="bench-pipeline-") as tmp:
        cmd = [EXTRACT, "run", str(corpus), "--out", f"{tmp}/out", "--index", f"{tmp}/idx", "--json"]
        first = measure(cmd)
        second = measure(cmd)
        if first.returncode != 0 or second.returncode != 0:
            raise SystemExit(f"extract run failed: {first.stderr[-500:]} {second.stderr[-500:]}")
        s1, s2 = json.loads(first.stdout), json.loads(second.stdout)
        plain = measure([EXTRACT, "run", str(corpus), "--out", f"{tmp}/out2", "--index", f"{tmp}/idx2", "--json",
                         "--no-learned"])
        return {"rules_alone_full_s": plain.seconds,
                "full_s": first.seconds, "full_peak_rss_mb": first.peak_rss_mb, "full_outputs": len(s1["outputs"]),
                "rerun_s": second.seconds, "rerun_peak_rss_mb": second.peak_rss_mb,
                "rerun_skipped": len(s2["skipped"]), "commitments": s1["commitments"]}


def run(corpus: Path = CORPUS) -> dict[str, Any]:
    return {"machine": machine(), "rules": rules_speed(corpus), "embedding": embedding_speed(corpus),
            "end_to_end": end_to_end(corpus)}


def render(r: dict[str, Any]) -> str:
    ru, em, e2e = r["rules"], r["embedding"], r["end_to_end"]

    def aim(value: float, limit: float) -> str:
        return f"< {limit:.0f} s: {'met' if value < limit else 'MISSED'}"

    rows = [
        ["rules backend (rules alone)", f"{ru['rules_pages_per_s']:.0f} pages/s",
         f"{ru['pages']} pages, {ru['chars'] / 1000:.0f} k chars in {ru['rules_s']:.2f} s", ""],
        ["extraction stage (rules+align+check)", f"{ru['stage_pages_per_s']:.0f} pages/s",
         f"{ru['commitments']} commitments in {ru['stage_s']:.2f} s; peak RSS {ru['rules_peak_rss_mb']:.0f} MB", ""],
        ["embedding (MiniLM int8 ONNX)", f"{em['chunks_per_s']:.1f} chunks/s",
         f"{em['chunks']} chunks in {em['embed_s']:.1f} s (model load {em['model_load_s']:.1f} s)", ""],
        ["extract run, corpus, fresh index", f"{e2e['full_s']:.1f} s",
         f"{e2e['full_outputs']} documents; peak RSS {e2e['full_peak_rss_mb']:.0f} MB", aim(e2e["full_s"], AIM_FULL_S)],
        ["extract run, fresh index, --no-learned", f"{e2e['rules_alone_full_s']:.1f} s",
         "the same run with the rules alone (the learned heads' cost is the difference)", ""],
        ["extract run again, unchanged (cache)", f"{e2e['rerun_s']:.1f} s",
         f"{e2e['rerun_skipped']} skipped; peak RSS {e2e['rerun_peak_rss_mb']:.0f} MB",
         aim(e2e["rerun_s"], AIM_RERUN_S)],
    ]
    return table(f"pipeline on {ru['documents']} corpus documents ({r['machine']})",
                 ["what", "figure", "detail", "aim"], rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="folder of .txt documents (default data/corpus)")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = ap.parse_args()
    result = run(args.corpus)
    emit(result, render, args.json)


if __name__ == "__main__":
    main()
