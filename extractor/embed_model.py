"""The model file the embedder runs: the pinned int8 MiniLM, quantized once more for int8 arithmetic.

The pinned package stores int8 weights that ONNX Runtime turns back into float32 when it loads them,
so every product is a float32 MatMul: about 5,500 word pieces a second on two AVX2 cores, two thirds
of the time of `extract run`. The same weights, folded to float32 and quantized dynamically (int8 per
output channel, activations to uint8 at run time), run as MatMulInteger: about 1.4 times as fast on
the index's windows, and a fifth less memory. Vectors stay within cosine 0.97 (mean 0.99) of the
float32 ones; the learned heads, retrained on them, score as before (README, "Speed").

The weights are quantized to seven bits (`reduce_range`) so that the vectors do not depend on the
CPU. With eight-bit weights, a CPU without VNNI (AVX2, AVX-512 before VNNI) multiplies uint8 by int8
with an instruction whose pairwise sums saturate, and one with VNNI does not: the same file gave
vectors about cosine 0.99 apart on the two kinds of machine, and the held-out seoul figure moved by
0.02 between them. With seven bits every pairwise sum stays in range (255 x 64 x 2 < 32,767), so
both kinds compute the same integers; the speed is unchanged.

The derivation is deterministic and takes about five seconds: it runs once per machine, from the
source file checked by sha256, into the model cache folder (`EXTRACTOR_MODEL_CACHE`, else
`$XDG_CACHE_HOME/extractor`, else `~/.cache/extractor`). A derived file is accepted only when its
outputs on a fixed probe agree with the source's, and it is written atomically with its own sha256
beside it, so a damaged or half-written file is derived again, never run.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path

import numpy as np

from .errors import ConfigError

# bump when the derivation changes what the file computes: the vectors (MODEL_ID) change with it
DERIVED_VERSION = "2"  # 2: seven-bit weights, the same vectors on every x86 CPU
# what vectors were computed with: a cache of vectors (learn.features.VectorCache) keeps only its own
MODEL_ID = f"minilm-int8-dynamic-v{DERIVED_VERSION}"
PROBE_MIN_COSINE = 0.95  # the derived model against its source, mean-pooled, on every probe row
ENV_VAR = "EXTRACTOR_MODEL_CACHE"


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def cache_dir(env: dict[str, str] | None = None) -> Path:
    """Where derived model files live: read when the model is first loaded, never at import."""
    env = dict(os.environ) if env is None else env
    if env.get(ENV_VAR):
        return Path(env[ENV_VAR])
    base = Path(env["XDG_CACHE_HOME"]) if env.get("XDG_CACHE_HOME") else Path.home() / ".cache"
    return base / "extractor"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "none"


def derived_path(source_sha: str, folder: Path) -> Path:
    """The file name says what made it: the source, this derivation, and the two libraries doing it."""
    tag = f"ort{_version('onnxruntime')}-onnx{_version('onnx')}"
    return folder / f"{MODEL_ID}-{source_sha[:16]}-{tag}.onnx"


def _session(path: Path, fold_to: Path | None = None) -> object:
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.log_severity_level = 3
    if fold_to is not None:  # constant folding turns the int8 weights and their scales into float32 weights
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
        options.optimized_model_filepath = str(fold_to)
    return ort.InferenceSession(str(path), sess_options=options, providers=["CPUExecutionProvider"])


def _probe_vectors(path: Path) -> np.ndarray:
    """Mean-pooled outputs on fixed token ids: the same rows for the source and the derived file."""
    rng = np.random.default_rng(20261207)
    ids = rng.integers(1000, 29000, size=(16, 24)).astype(np.int64)
    ids[:, 0], ids[:, -1] = 101, 102  # [CLS] ... [SEP]
    session = _session(path)
    names = {i.name for i in session.get_inputs()}  # type: ignore[attr-defined]
    feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
    if "token_type_ids" in names:
        feeds["token_type_ids"] = np.zeros_like(ids)
    hidden = session.run(None, feeds)[0].mean(axis=1)  # type: ignore[attr-defined]
    return hidden / np.linalg.norm(hidden, axis=1, keepdims=True)


def _valid(path: Path) -> bool:
    side = path.with_name(path.name + ".sha256")
    try:
        return path.is_file() and side.read_text().strip() == sha256_file(path)
    except OSError:
        return False


@contextmanager
def _quiet_root_logger() -> Iterator[None]:
    root = logging.getLogger()
    handlers = list(root.handlers)
    logging.disable(logging.WARNING)
    try:
        yield
    finally:
        logging.disable(logging.NOTSET)
        root.handlers[:] = handlers


def derive(source: Path, target: Path) -> None:
    """Fold and re-quantize `source` into `target`, checked on the probe, written atomically."""
    try:
        from onnxruntime.quantization import QuantType, quantize_dynamic
    except ImportError as exc:  # pragma: no cover - install problem
        raise ConfigError(f"cannot prepare the embedding model: {exc}; reinstall extractor") from None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=target.parent, prefix=".derive-") as tmp:
            folded, quantized = Path(tmp) / "folded.onnx", Path(tmp) / "quantized.onnx"
            _session(source, fold_to=folded)
            with _quiet_root_logger():  # the quantizer logs advice to the root logger, configuring it if bare
                quantize_dynamic(folded, quantized, weight_type=QuantType.QInt8, per_channel=True,
                                 reduce_range=True)
            cosine = (_probe_vectors(source) * _probe_vectors(quantized)).sum(axis=1)
            if float(cosine.min()) < PROBE_MIN_COSINE:
                raise ConfigError(f"{source}: the quantized embedding model disagrees with it on the probe "
                                  f"(cosine {float(cosine.min()):.3f}); not used")
            side = Path(tmp) / "quantized.onnx.sha256"
            side.write_text(sha256_file(quantized) + "\n")
            os.replace(quantized, target)  # the model first: a file without its sha256 beside it is never run
            os.replace(side, target.with_name(target.name + ".sha256"))
    except OSError as exc:
        raise ConfigError(f"cannot write the embedding model to {target.parent} ({exc.strerror or exc}); "
                          f"set {ENV_VAR} to a writable folder") from None


def runtime_model(source: Path, source_sha: str, folder: Path | None = None) -> Path:
    """The derived model for `source` (already checked against `source_sha`), derived first if needed."""
    target = derived_path(source_sha, cache_dir() if folder is None else folder)
    if not _valid(target):
        derive(source, target)
    return target
