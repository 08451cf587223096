"""The feature matrix of a list of proposals: the rules' cues, a MiniLM vector of the candidate's text
and the vector of its section heading.

The text vector is read from the windows the index embeds anyway (`embed.embed_windows` over the
run's chunks, about a sentence each): the mean of the windows a proposal overlaps, weighted by the
overlap. A run with the index embeds each chunk once for both; without it, the chunks are embedded
here. Window vectors are cached by chunk-text hash (in memory, and on disk when a cache file is
given) so that retraining and leave-one-publisher-out runs embed each chunk once.
"""

from __future__ import annotations

import bisect
import hashlib
import io
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..embed_model import MODEL_ID
from ..lexicon import SEOUL_CUES, SEOUL_DESCRIPTIONS
from ..models import SEOUL_AREAS, Chunk
from .propose import CUE_NAMES, Proposal

DIM = 384
# bump when what a feature means changes: shipped weights with another version are refused
FEATURE_VERSION = "13"
# the Seoul areas' words in the candidate and in its heading, and the similarity of the candidate's and
# the heading's vectors to each area's description (lexicon.SEOUL_*): the `seoul` head's own signals
AREA_FEATURES: tuple[str, ...] = tuple(
    f"area_{kind}_{a}" for kind in ("words", "heading_words", "sim", "heading_sim") for a in SEOUL_AREAS)
FEATURE_NAMES: tuple[str, ...] = (
    tuple(CUE_NAMES) + AREA_FEATURES + tuple(f"text_{i}" for i in range(DIM))
    + tuple(f"heading_{i}" for i in range(DIM)))

Windows = tuple[np.ndarray, np.ndarray]  # (n, DIM) vectors, (n, 2) character spans in the chunk text


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


class VectorCache:
    """Window vectors of chunk texts and vectors of short texts (headings), by text hash; `path`
    (optional) is an .npz read at start and written on save. A file written with another model
    (`embed_model.MODEL_ID`) is ignored and rewritten: its vectors mean something else."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self.windows: dict[str, Windows] = {}
        self.vectors: dict[str, np.ndarray] = {}
        self.dirty = False
        if path is not None and path.is_file():
            try:
                data = np.load(path)
                if str(data["model"]) != MODEL_ID:
                    raise ValueError("vectors of another model")
                self.vectors = dict(zip(data["keys"].tolist(), data["vectors"], strict=True))
                bounds = np.concatenate([[0], np.cumsum(data["counts"])])
                for i, k in enumerate(data["wkeys"].tolist()):
                    a, b = int(bounds[i]), int(bounds[i + 1])
                    self.windows[k] = (data["wvectors"][a:b], data["wspans"][a:b])
            except (OSError, ValueError, KeyError):
                self.windows, self.vectors = {}, {}  # a damaged cache is rebuilt, never trusted

    def texts(self, texts: Sequence[str]) -> np.ndarray:
        """One vector per (short) text."""
        from ..embed import embed_texts

        keys = [_key(t) for t in texts]
        missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in self.vectors}.items())
        if missing:
            for (k, _), v in zip(missing, embed_texts([t for _, t in missing]), strict=True):
                self.vectors[k] = v
            self.dirty = True
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for i, k in enumerate(keys):
            out[i] = self.vectors[k]
        return out

    def chunk_windows(self, chunks: Sequence[Chunk]) -> list[Windows]:
        from ..embed import embed_windows

        keys = [_key(c.text) for c in chunks]
        missing = sorted({k: c.text for k, c in zip(keys, chunks, strict=True) if k not in self.windows}.items())
        if missing:
            for (k, _), (vecs, spans) in zip(missing, embed_windows([t for _, t in missing]), strict=True):
                self.windows[k] = (np.asarray(vecs, dtype=np.float32),
                                   np.asarray(spans, dtype=np.int64).reshape(-1, 2))
            self.dirty = True
        return [self.windows[k] for k in keys]

    def save(self) -> None:
        if self.path is None or not self.dirty:
            return
        from ..output import write_atomic

        keys = sorted(self.vectors)
        wkeys = sorted(self.windows)
        empty = np.zeros((0, DIM), dtype=np.float32)
        buf = io.BytesIO()
        np.savez(buf, model=np.array(MODEL_ID),
                 keys=np.array(keys), vectors=np.stack([self.vectors[k] for k in keys]) if keys else empty,
                 wkeys=np.array(wkeys), counts=np.array([len(self.windows[k][0]) for k in wkeys], dtype=np.int64),
                 wvectors=np.concatenate([self.windows[k][0] for k in wkeys]) if wkeys else empty,
                 wspans=np.concatenate([self.windows[k][1] for k in wkeys]) if wkeys
                 else np.zeros((0, 2), dtype=np.int64))
        write_atomic(self.path, buf.getvalue())
        self.dirty = False


def span_vectors(spans: Sequence[tuple[int, int]], chunks: Sequence[Chunk], cache: VectorCache) -> np.ndarray:
    """For each document span, the overlap-weighted, re-normalised mean of the chunk windows it touches."""
    rows: list[tuple[int, int, np.ndarray]] = []
    for chunk, (vecs, wspans) in zip(chunks, cache.chunk_windows(chunks), strict=True):
        for v, (a, b) in zip(vecs, wspans, strict=True):
            rows.append((chunk.start + int(a), chunk.start + int(b), v))
    rows.sort(key=lambda r: r[0])
    starts = [r[0] for r in rows]
    longest = max((r[1] - r[0] for r in rows), default=0)
    out = np.zeros((len(spans), DIM), dtype=np.float32)
    for i, (s, e) in enumerate(spans):
        acc = np.zeros(DIM, dtype=np.float64)
        lo = bisect.bisect_left(starts, s - longest)
        for a, b, v in rows[lo : bisect.bisect_left(starts, e)]:
            overlap = min(b, e) - max(a, s)
            if overlap > 0:
                acc += overlap * v
        norm = float(np.linalg.norm(acc))
        if norm > 0:
            out[i] = acc / norm
    return out


def featurize(props: Sequence[Proposal], chunks: Sequence[Chunk], cache: VectorCache | None = None) -> np.ndarray:
    """(proposals, features) in the order of FEATURE_NAMES; `chunks` are the document's chunks."""
    cache = cache or VectorCache()
    if not props:
        return np.zeros((0, len(FEATURE_NAMES)))
    cues = np.array([[p.cues.get(n, 0.0) for n in CUE_NAMES] for p in props], dtype=np.float64)
    text = span_vectors([(p.start, p.end) for p in props], chunks, cache)
    heading = cache.texts([p.heading or "(none)" for p in props])
    return np.hstack([cues, area_features(props, text, heading, cache), text, heading])


def area_features(props: Sequence[Proposal], text: np.ndarray, heading: np.ndarray,
                  cache: VectorCache) -> np.ndarray:
    """AREA_FEATURES: per area, its words in the quote and in the heading (counts capped at 3), and the
    cosine similarity of the quote's and the heading's vectors to the area's description."""
    def words(texts: list[str]) -> np.ndarray:
        return np.array([[min(3, len(SEOUL_CUES[a].findall(t))) for a in SEOUL_AREAS] for t in texts],
                        dtype=np.float64)

    desc = np.asarray(cache.texts([SEOUL_DESCRIPTIONS[a] for a in SEOUL_AREAS]), dtype=np.float64)
    return np.hstack([words([p.cand.quote for p in props]), words([p.heading or "" for p in props]),
                      np.asarray(text, dtype=np.float64) @ desc.T, np.asarray(heading, dtype=np.float64) @ desc.T])
