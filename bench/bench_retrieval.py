"""Retrieval quality of the Chroma index: can each gold commitment be found again by its words?

The corpus documents are chunked as `extract run` cuts them and indexed in a temporary index; every
gold quote (located in its document as the scorer does, `extractor.gold`) is then a query over the
whole index. A hit is a returned chunk of the quote's document that holds most of the quote's span
(at least half of its characters). hit@1/3/5 are reported for two query sets:

- `verbatim`: the quote itself;
- `partial`: the quote without its first and last 30% of words (at least 3 words left), a probe
  that is not a copy of a span, so the benchmark is not made easy by exact wording.

A third set asks what the checker asks the index (`extractor.check.DefinitionFinder`): for every
named term the checker finds in a chunk that some chunk defines, `"<term> is defined as"`; a hit is
a chunk in which the checker finds a definition of the term (of any document).

Each set is split by where the quote (the definition) starts in the chunk that holds it (`head`: in
the first 1000 characters of some chunk; `tail`: later in every chunk that holds it). MiniLM reads
256 word pieces (about 1,500 characters of these policies), so an index whose chunk vectors cover
only their head cannot find tail quotes; the tail rows show whether the index covers all of a chunk.

    python bench/bench_retrieval.py [--corpus data/corpus] [--gold gold] [--json results.json]

About 40 s on 2 cores (indexing the corpus, then ~1,000 queries).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from typing import Any

from benchutil import CORPUS, ROOT, emit, machine, table

from extractor.check import _find_definitions, find_references
from extractor.chunk import chunk_document
from extractor.config import Settings
from extractor.gold import load_split
from extractor.load import load
from extractor.models import Chunk

GOLD = ROOT / "gold"
HEAD_CHARS = 1000  # a quote starting before this offset in its chunk is a "head" quote
PARTIAL_CUT = 0.3  # share of words cut from each end of the quote for the partial probe
MIN_PARTIAL_WORDS = 3
KS = (1, 3, 5)


def holds(start: int, end: int, lo: int, hi: int) -> bool:
    """True when [start, end) holds at least half of the quote span [lo, hi)."""
    return 2 * (min(end, hi) - max(start, lo)) >= hi - lo


def partial(quote: str) -> str | None:
    words = quote.split()
    cut = int(len(words) * PARTIAL_CUT)
    middle = words[cut : len(words) - cut]
    return " ".join(middle) if len(middle) >= MIN_PARTIAL_WORDS else None


def probes(gold_dir: Path, corpus: Path, chunks: dict[str, list[Chunk]]) -> list[dict[str, Any]]:
    """One probe per gold quote: document, span in the original text, head or tail, both queries."""
    out = []
    for _, gd in load_split(gold_dir, corpus, "all"):
        doc_chunks = chunks[gd.doc.id]
        for item in gd.items:
            lo, hi = gd.offsets[item.start], gd.offsets[item.end - 1] + 1
            offsets = [max(0, lo - c.start) for c in doc_chunks if holds(c.start, c.end, lo, hi)]
            out.append({"doc_id": gd.doc.id, "start": lo, "end": hi, "offset": min(offsets),
                        "head": min(offsets) < HEAD_CHARS, "verbatim": item.commitment.quote,
                        "partial": partial(item.commitment.quote)})
    return out


def definition_probes(chunks: list[Chunk]) -> list[dict[str, Any]]:
    """The terms the checker would look up that some chunk defines, head or tail as for quotes."""
    refs = {}
    for c in chunks:
        for ref in find_references(c.text):
            if not ref.pointer:
                refs.setdefault(ref.term.lower(), ref)
    out = []
    for ref in refs.values():
        offsets = [spans[0][0] for c in chunks for spans in [_find_definitions(c.text, ref)] if spans]
        if offsets:
            out.append({"ref": ref, "head": min(offsets) < HEAD_CHARS, "definitions": f"{ref.term} is defined as"})
    return out


def rank(index: Any, probe: dict[str, Any], query: str, k: int) -> int | None:
    """1-based rank of the first hit holding the probe's span (for a term: a definition of it), None
    when not in the top k."""
    for r, h in enumerate(index.query(query, k), start=1):
        if "ref" in probe:
            if _find_definitions(h.text, probe["ref"]):
                return r
        elif h.doc_id == probe["doc_id"] and holds(h.start, h.end, probe["start"], probe["end"]):
            return r
    return None


def run(corpus: Path = CORPUS, gold_dir: Path = GOLD) -> dict[str, Any]:
    from extractor.embed import embed_texts
    from extractor.index import Index

    settings = Settings.resolve(env={})
    docs = [load(p) for p in sorted(corpus.glob("*.txt"))]
    chunks = {d.id: chunk_document(d, settings.chunk_size, settings.chunk_overlap) for d in docs}
    every = [c for cs in chunks.values() for c in cs]
    embed_texts(["warm up the model"])  # model load is not indexing time
    result: dict[str, Any] = {"machine": machine(), "documents": len(docs), "chunks": len(every),
                              "chunk_size": settings.chunk_size, "chunk_overlap": settings.chunk_overlap}
    with tempfile.TemporaryDirectory(prefix="bench-retrieval-") as tmp:
        index = Index(Path(tmp) / "idx")
        t = time.perf_counter()
        for d in docs:
            index.ingest(chunks[d.id])
        result["index_s"] = time.perf_counter() - t
        result["chunks_per_s"] = len(every) / result["index_s"]
        # vectors searched: one per window; an index of one (head-only) vector a chunk has no windows
        result["vectors"] = index.windows.count() if hasattr(index, "windows") else index.count()
        ps = probes(gold_dir, corpus, chunks)
        defs = definition_probes(every)
        rows = []
        queries = 0
        t = time.perf_counter()
        for name, sets in (("verbatim", ps), ("partial", ps), ("definitions", defs)):
            ranks = [(p, rank(index, p, p[name], max(KS))) for p in sets if p.get(name)]
            queries += len(ranks)
            for part, keep in (("all", None), ("head", True), ("tail", False)):
                got = [r for p, r in ranks if keep is None or p["head"] is keep]
                row: dict[str, Any] = {"queries": name, "part": part, "n": len(got)}
                for k in KS:
                    row[f"hit@{k}"] = sum(1 for r in got if r is not None and r <= k) / len(got) if got else None
                rows.append(row)
        result["query_ms"] = 1000 * (time.perf_counter() - t) / max(queries, 1)
    result["rows"] = rows
    result["quotes"] = len(ps)
    return result


def render(r: dict[str, Any]) -> str:
    def pct(v: float | None) -> str:
        return "-" if v is None else f"{100 * v:.1f}%"

    rows = [[x["queries"], x["part"], str(x["n"]), *(pct(x[f"hit@{k}"]) for k in KS)] for x in r["rows"]]
    title = (f"retrieval of {r['quotes']} gold quotes from {r['chunks']} chunks ({r['chunk_size']}/"
             f"{r['chunk_overlap']} chars, {r['documents']} documents, {r['vectors']} vectors searched); "
             f"indexing {r['index_s']:.1f} s = {r['chunks_per_s']:.1f} chunks/s; query {r['query_ms']:.0f} ms "
             f"({r['machine']})")
    return table(title, ["queries", f"quote starts (head < {HEAD_CHARS} chars)", "n", *(f"hit@{k}" for k in KS)],
                 rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="folder of .txt documents (default data/corpus)")
    ap.add_argument("--gold", type=Path, default=GOLD, help="gold folder (default gold/)")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = ap.parse_args()
    emit(run(args.corpus, args.gold), render, args.json)


if __name__ == "__main__":
    main()
