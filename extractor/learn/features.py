"""The feature matrix of a list of proposals: the rules' cues, the MiniLM vector of the candidate's
text and the vector of its section heading. Vectors are cached by text hash (in memory, and on disk
when a cache file is given) so that retraining and leave-one-publisher-out runs embed each text once.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from .propose import CUE_NAMES, Proposal

DIM = 384
# bump when what a feature means changes: shipped weights with another version are refused
FEATURE_VERSION = "2"
FEATURE_NAMES: tuple[str, ...] = (
    tuple(CUE_NAMES) + tuple(f"text_{i}" for i in range(DIM)) + tuple(f"heading_{i}" for i in range(DIM)))


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


class VectorCache:
    """Sentence vectors by text hash; `path` (optional) is an .npz read at start and written on save."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self.vectors: dict[str, np.ndarray] = {}
        self.dirty = False
        if path is not None and path.is_file():
            try:
                data = np.load(path)
                self.vectors = dict(zip(data["keys"].tolist(), data["vectors"], strict=True))
            except (OSError, ValueError, KeyError):
                self.vectors = {}  # a damaged cache is rebuilt, never trusted

    def get(self, texts: Sequence[str]) -> np.ndarray:
        from ..embed import embed_texts

        keys = [_key(t) for t in texts]
        missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in self.vectors}.items())
        if missing:
            vecs = embed_texts([t for _, t in missing])
            for (k, _), v in zip(missing, vecs, strict=True):
                self.vectors[k] = v
            self.dirty = True
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for i, k in enumerate(keys):
            out[i] = self.vectors[k]
        return out

    def save(self) -> None:
        if self.path is None or not self.dirty:
            return
        from ..output import write_atomic

        keys = sorted(self.vectors)
        buf = io.BytesIO()
        np.savez(buf, keys=np.array(keys), vectors=np.stack([self.vectors[k] for k in keys]) if keys
                 else np.zeros((0, DIM), dtype=np.float32))
        write_atomic(self.path, buf.getvalue())
        self.dirty = False


def featurize(props: Sequence[Proposal], cache: VectorCache | None = None) -> np.ndarray:
    """(proposals, features) in the order of FEATURE_NAMES."""
    cache = cache or VectorCache()
    if not props:
        return np.zeros((0, len(FEATURE_NAMES)))
    cues = np.array([[p.cues.get(n, 0.0) for n in CUE_NAMES] for p in props], dtype=np.float64)
    text = cache.get([p.cand.quote for p in props])
    heading = cache.get([p.heading or "(none)" for p in props])
    return np.hstack([cues, text, heading])
