"""Throughput, cache and token figures of the llm backend, and what the rules pre-filter saves.

1. Throughput: the backend's real client path (openai + instructor over HTTP) against the fixture
   server (tests/fakellm.py) with a fixed latency per call: wall time for N chunks at each
   concurrency, the speed-up against concurrency 1 and its share of the ideal (ceil(N/1) / ceil(N/c)).
2. Cache: the same chunks again with the cache warm: calls made (aim: none) and wall time (aim: < 2 s).
3. Tokens per 1,000 characters of input: as counted by the server (the fixture counts words and
   signs, a fair stand-in for a BPE tokenizer; with --base-url a real server counts), and the
   dry-run estimate for the same chunks.
4. Pre-filter (--prefilter-gold): on the gold documents, chunked as `extract run` does, the share of
   chunks the rules pre-filter skips and the share of gold commitments left in the chunks it keeps
   (the recall ceiling the LLM still has).

    python bench/bench_llm.py                      # 100 chunks, 1 s latency, concurrency 1, 8, 32 (~2.5 min)
    python bench/bench_llm.py --chunks 32          # scaled down; the report says what ran
    python bench/bench_llm.py --prefilter-gold     # adds the pre-filter measurement on gold/
    python bench/bench_llm.py --base-url http://127.0.0.1:8080/v1 --model m --chunks 4 --concurrency 1
"""

from __future__ import annotations

import argparse
import json
import math
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from extractor.backends import ExtractContext
from extractor.backends.llm import LLMBackend
from extractor.chunk import chunk_document
from extractor.config import Settings
from extractor.models import Chunk, Document

ROOT = Path(__file__).resolve().parents[1]

CHUNK_SIZE = 2000

_SUBJECTS = ["We", "The Board", "Our safety team", "The Responsible Scaling Officer", "We"]
_VERBS = ["will publish", "must review", "aim to evaluate", "should document", "may pause", "will not deploy"]
_OBJECTS = ["a capability report", "every frontier model", "the evaluation results", "the security controls",
            "an external audit", "the incident log", "the deployment decision", "the model weights"]
_TAILS = ["before each deployment", "at least every six months", "within 30 days of an incident",
          "when a threshold is crossed", "as described in the appendix", "with an outside expert"]
_FILLER = ["Frontier models change quickly, and the evidence on their risks is still thin.",
           "This section describes how the organisation thinks about severe risks.",
           "Researchers disagree about the pace of progress in the next few years."]


def synthetic_document(n_chunks: int, seed: int = 7) -> tuple[Document, list[Chunk]]:
    """A policy-like document that the default chunker cuts into exactly `n_chunks` chunks."""
    rng = random.Random(seed)
    paragraphs = []
    for i in range(n_chunks):
        sents: list[str] = []
        while sum(len(s) + 1 for s in sents) < CHUNK_SIZE * 0.8:
            if rng.random() < 0.3:
                sents.append(rng.choice(_FILLER))
            else:
                sents.append(f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} "
                             f"{rng.choice(_TAILS)} (item {i}.{len(sents)}).")
        paragraphs.append(" ".join(sents))
    text = "\n\n".join(paragraphs) + "\n"
    doc = Document(id="bench", path="bench.txt", sha256=f"bench{seed}{n_chunks}", title="Bench Safety Policy",
                   text=text, org="Acme AI")
    chunks = chunk_document(doc, CHUNK_SIZE, 0)
    assert len(chunks) == n_chunks, (len(chunks), n_chunks)
    return doc, chunks


class FixtureServer:
    """tests/fakellm.py in its own process, so its work does not share our GIL (as a real server's would not)."""

    def __init__(self, latency: float) -> None:
        self.latency = latency
        self.proc = subprocess.Popen([sys.executable, str(ROOT / "tests" / "fakellm.py"), "--port", "0",
                                      "--latency", str(latency)], stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None
        self.url = self.proc.stdout.readline().strip()
        self.root = self.url.rsplit("/v1", 1)[0]

    def reset(self) -> None:
        httpx.get(f"{self.root}/fake/reset", timeout=10).raise_for_status()

    def stats(self) -> dict[str, int]:
        return dict(httpx.get(f"{self.root}/fake/stats", timeout=10).json())

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


def extract_once(settings: Settings, doc: Document, chunks: list[Chunk]) -> tuple[float, dict[str, Any], int]:
    backend = LLMBackend(settings)
    if not settings.dry_run:
        backend.client()  # import openai and instructor outside the timing
    ctx = ExtractContext(org="Acme AI")
    started = time.perf_counter()
    cands = backend.extract(doc, chunks, ctx)
    return time.perf_counter() - started, dict(ctx.stats), len(cands)


def throughput(args: argparse.Namespace, url: str, fake: FixtureServer | None, work: Path) -> dict[str, Any]:
    doc, chunks = synthetic_document(args.chunks)
    chars = sum(len(c.text) for c in chunks)
    base = dict(base_url=url, model=args.model, max_retries=args.retries, mode=args.mode,
                timeout=args.timeout or max(30.0, args.latency * 10), max_output_tokens=args.max_tokens)
    rows = []
    walls: dict[int, float] = {}
    last_cache = work / "cache-none"
    for c in args.concurrency:
        last_cache = work / f"cache-c{c}"
        shutil.rmtree(last_cache, ignore_errors=True)
        if fake is not None:
            fake.reset()
        s = Settings.resolve(env={}, concurrency=c, cache_dir=last_cache, **base)
        wall, stats, n = extract_once(s, doc, chunks)
        walls[c] = wall
        seen = fake.stats() if fake is not None else {}
        ideal_wall = math.ceil(len(chunks) / c) * args.latency if fake is not None else None
        rows.append({"concurrency": c, "wall_s": round(wall, 2), "calls": stats.get("llm_calls", 0),
                     "retries": stats.get("llm_retries", 0), "candidates": n,
                     "max_inflight_seen_by_server": seen.get("max_inflight"),
                     "ideal_wall_s": ideal_wall,
                     "efficiency_vs_ideal": round(ideal_wall / wall, 3) if ideal_wall else None,
                     "prompt_tokens": stats.get("llm_prompt_tokens", 0),
                     "completion_tokens": stats.get("llm_completion_tokens", 0)})
        print(f"  concurrency {c:>3}: {wall:7.2f} s  ({rows[-1]['calls']} calls)", flush=True)
    first = args.concurrency[0]
    for row in rows:
        c = row["concurrency"]
        speedup = walls[first] / walls[c]
        # ideal: every wave of c calls takes one latency, so N chunks take ceil(N / c) waves
        ideal = math.ceil(len(chunks) / first) / math.ceil(len(chunks) / c)
        row["ideal_speedup"] = round(ideal, 2)
        row[f"speedup_vs_c{first}"] = round(speedup, 2)
        row["share_of_ideal_speedup"] = round(speedup / ideal, 3)
    # the cached re-run: the last concurrency's cache is warm
    if fake is not None:
        fake.reset()
    s = Settings.resolve(env={}, concurrency=args.concurrency[-1], cache_dir=last_cache, **base)
    wall, stats, n = extract_once(s, doc, chunks)
    cached = {"wall_s": round(wall, 3), "calls": stats.get("llm_calls", 0),
              "server_requests": fake.stats()["requests"] if fake else None,
              "cache_hits": stats.get("llm_cache_hits", 0), "candidates": n}
    print(f"  cached re-run: {wall:.3f} s, {cached['calls']} calls", flush=True)
    # tokens per 1,000 characters, measured and estimated
    r0 = rows[0]
    measured = (r0["prompt_tokens"] + r0["completion_tokens"]) / chars * 1000
    est_settings = Settings.resolve(env={}, dry_run=True, cache_dir=work / "cache-dry", **base)
    _, est, _ = extract_once(est_settings, doc, chunks)
    estimated = est.get("llm_tokens_estimated", 0) / chars * 1000
    per_call_prompt = r0["prompt_tokens"] / max(1, r0["calls"])
    return {"chunks": len(chunks), "chars": chars, "latency_s": args.latency if fake else None,
            "server": "fixture (tests/fakellm.py)" if fake else url, "mode": args.mode, "rows": rows,
            "cached_rerun": cached,
            "tokens_per_1000_chars": round(measured, 1),
            "prompt_tokens_per_1000_chars": round(r0["prompt_tokens"] / chars * 1000, 1),
            "completion_tokens_per_1000_chars": round(r0["completion_tokens"] / chars * 1000, 1),
            "prompt_tokens_per_call": round(per_call_prompt, 1),
            "dry_run_estimate_tokens_per_1000_chars": round(estimated, 1)}


def prefilter_gold(gold_dir: Path, corpus_dir: Path) -> list[dict[str, Any]]:
    from extractor.backends.rules import has_commitment_cue
    from extractor.gold import load_split

    out = []
    for split, g in load_split(gold_dir, corpus_dir):
        org = g.gold.org
        chunks = chunk_document(g.doc, CHUNK_SIZE, 200)
        kept = [c for c in chunks if has_commitment_cue(c.text, org)]
        spans = []
        for item in g.items:
            start = g.offsets[item.start]
            end = g.offsets[item.end - 1] + 1
            spans.append((start, end))

        def covered(span: tuple[int, int], pool: list[Chunk]) -> bool:
            s, e = span
            return any(min(e, c.end) - max(s, c.start) >= 0.5 * (e - s) for c in pool)

        reachable_all = sum(covered(sp, chunks) for sp in spans)
        reachable_kept = sum(covered(sp, kept) for sp in spans)
        out.append({"document": g.name, "split": split, "chunks": len(chunks), "chunks_kept": len(kept),
                    "calls_saved": round(1 - len(kept) / max(1, len(chunks)), 3),
                    "gold": len(spans),
                    "gold_in_kept_chunks": reachable_kept,
                    "recall_ceiling": round(reachable_kept / max(1, reachable_all), 3)})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chunks", type=int, default=100, help="chunks in the synthetic document (default 100)")
    ap.add_argument("--latency", type=float, default=1.0, help="fixture server latency per call, seconds")
    ap.add_argument("--concurrency", default="1,8,32", help="comma-separated concurrency levels")
    ap.add_argument("--mode", default="tools", help="instructor mode")
    ap.add_argument("--base-url", default=None, help="a real OpenAI-compatible server instead of the fixture")
    ap.add_argument("--model", default="fake-model")
    ap.add_argument("--timeout", type=float, default=None, help="seconds per call (default: 10x latency, >= 30)")
    ap.add_argument("--retries", type=int, default=2)
    ap.add_argument("--max-tokens", type=int, default=4096, help="cap on one answer (small local models: 512)")
    ap.add_argument("--prefilter-gold", action="store_true", help="measure the rules pre-filter on gold/")
    ap.add_argument("--gold", type=Path, default=ROOT / "gold")
    ap.add_argument("--corpus", type=Path, default=None, help="gold documents (default: Settings' corpus dir)")
    ap.add_argument("--json", type=Path, default=None, help="also write the results here")
    args = ap.parse_args()
    args.concurrency = [int(c) for c in args.concurrency.split(",") if c.strip()]
    results: dict[str, Any] = {}
    work = Path(tempfile.mkdtemp(prefix="bench_llm_"))
    try:
        if args.base_url:
            print(f"throughput against {args.base_url}: {args.chunks} chunks", flush=True)
            results["throughput"] = throughput(args, args.base_url, None, work)
        else:
            print(f"throughput against the fixture server: {args.chunks} chunks, {args.latency} s per call",
                  flush=True)
            fake = FixtureServer(args.latency)
            try:
                results["throughput"] = throughput(args, fake.url, fake, work)
            finally:
                fake.stop()
        if args.prefilter_gold:
            corpus = args.corpus or Settings.resolve(gold_dir=args.gold).effective_corpus_dir()
            results["prefilter"] = prefilter_gold(args.gold, corpus)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(results, indent=2))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
