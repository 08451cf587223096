"""A linear (logistic) model: standardised features, one weight row per class, numpy at inference.

The weights are an `.npz` file beside a JSON file of metadata (head, classes, feature names, what it
was trained on, the sha256 of the weights); the version written into outputs is
`<head>-<sha256 prefix>`. Training uses scikit-learn (lbfgs, fixed settings: deterministic).
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ConfigError
from ..output import write_atomic

# the heads runs use, trained on every gold file; and the heads `extract eval` scores, trained on the
# development files only, so that the held-out files are scored by heads that never saw them
MODELS_DIR = Path(__file__).resolve().parent.parent / "resources" / "models"
EVAL_MODELS_DIR = MODELS_DIR.with_name("models-dev")
# the least a cue's standard deviation counts for when it is standardised. A cue that is nearly constant
# over the training files (a heading above every sentence) would otherwise stand tens of deviations away
# on a document laid out differently and decide alone: a plain-text framework without heading marks lost
# two thirds of its commitments (leave-one-publisher-out F1 0.35 against 0.72 for the rules alone).
# Development LOPO chose 0.5 (F1 0.789 -> 0.807; over every file 0.733 -> 0.768)
SCALE_FLOOR = 0.5


@dataclass
class LinearModel:
    head: str
    classes: tuple[str, ...]
    coef: np.ndarray  # (classes, features); binary: (1, features), the second class's score
    intercept: np.ndarray
    mean: np.ndarray
    scale: np.ndarray
    feature_names: tuple[str, ...]
    meta: dict[str, Any] = field(default_factory=dict)

    def scores(self, x: np.ndarray) -> np.ndarray:
        z = (np.asarray(x, dtype=np.float64) - self.mean) / self.scale
        return np.asarray(z @ self.coef.T + self.intercept)

    def proba(self, x: np.ndarray) -> np.ndarray:
        """(n, classes) probabilities, in the order of `classes`."""
        s = self.scores(x)
        if s.shape[1] == 1:
            p = 1.0 / (1.0 + np.exp(-s[:, 0]))
            return np.stack([1.0 - p, p], axis=1)
        s = s - s.max(axis=1, keepdims=True)
        e = np.exp(s)
        return np.asarray(e / e.sum(axis=1, keepdims=True))

    def predict(self, x: np.ndarray) -> list[str]:
        if len(x) == 0:
            return []
        return [self.classes[i] for i in self.proba(x).argmax(axis=1)]

    @property
    def version(self) -> str:
        return f"{self.head}-{self.meta.get('sha256', 'unsaved')[:12]}"

    def _npz(self) -> bytes:
        buf = io.BytesIO()
        np.savez(buf, coef=self.coef, intercept=self.intercept, mean=self.mean, scale=self.scale)
        return buf.getvalue()


def fit(head: str, classes: tuple[str, ...], x: np.ndarray, y: list[str], feature_names: tuple[str, ...],
        c: float = 1.0, balanced: bool = False, meta: dict[str, Any] | None = None,
        vector_weight: float = 1.0, sample_weight: np.ndarray | None = None,
        use: np.ndarray | None = None) -> LinearModel:
    """Logistic regression on standardised cue features; sentence-vector features (names `text_*`,
    `heading_*`) are left as they are, times `vector_weight`, so that hundreds of vector dimensions do
    not drown a few dozen cues under one penalty. `sample_weight` (mean 1) evens out publishers or
    classes that would otherwise dominate the fit. Classes absent from `y` never win (their weight row is
    a large negative intercept), so every model keeps the head's full class list."""
    from sklearn.linear_model import LogisticRegression

    x = np.asarray(x, dtype=np.float64)
    mean = x.mean(axis=0) if len(x) else np.zeros(x.shape[1])
    scale = x.std(axis=0) if len(x) else np.ones(x.shape[1])
    scale = np.maximum(scale, SCALE_FLOOR)
    vec = np.array([n.startswith(("text_", "heading_")) for n in feature_names], dtype=bool)
    mean[vec] = 0.0
    scale[vec] = 1.0 / vector_weight
    z = (x - mean) / scale
    present = sorted(set(y), key=classes.index)
    d = x.shape[1]
    if len(present) == 1:  # nothing to learn: always that class
        coef = np.zeros((1 if len(classes) == 2 else len(classes), d))
        intercept = np.full(coef.shape[0], -30.0)
        if len(classes) == 2:
            intercept[0] = 30.0 if present[0] == classes[1] else -30.0
        else:
            intercept[classes.index(present[0])] = 30.0
    else:
        cols = np.ones(d, dtype=bool) if use is None else np.asarray(use, dtype=bool)
        clf = LogisticRegression(C=c, max_iter=3000, class_weight="balanced" if balanced else None)
        clf.fit(z[:, cols], [present.index(v) for v in y], sample_weight=sample_weight)
        full = np.zeros((clf.coef_.shape[0], d))
        full[:, cols] = clf.coef_
        if len(classes) == 2:
            # sklearn's binary row scores present[1]; present is ordered as classes, so it is classes[1]
            coef, intercept = full, clf.intercept_.copy()
        else:
            coef = np.zeros((len(classes), d))
            intercept = np.full(len(classes), -30.0)
            rows = full if len(present) > 2 else np.vstack([-full / 2, full / 2])
            icpt = clf.intercept_ if len(present) > 2 else np.array([-clf.intercept_[0] / 2, clf.intercept_[0] / 2])
            for k, name in enumerate(present):
                coef[classes.index(name)] = rows[k]
                intercept[classes.index(name)] = icpt[k]
    info: dict[str, Any] = {"c": c, "balanced": balanced, "vector_weight": vector_weight, "rows": len(y),
                            "counts": {k: y.count(k) for k in classes}}
    if use is not None:
        info["features_used"] = int(np.count_nonzero(use))
    info.update(meta or {})
    return LinearModel(head, tuple(classes), coef, intercept, mean, scale, tuple(feature_names), info)


def save_model(model: LinearModel, folder: Path = MODELS_DIR) -> Path:
    """`<head>.npz` and `<head>.json`, both written atomically; the JSON records the weights' sha256. Weights and
    metadata equal to the saved ones but for the training time are left as they are: retraining on unchanged gold
    and rules changes no file."""
    raw = model._npz()
    model.meta["sha256"] = hashlib.sha256(raw).hexdigest()
    meta = {"head": model.head, "classes": list(model.classes), "version": model.version,
            "feature_names": list(model.feature_names), **model.meta}
    js, npz = folder / f"{model.head}.json", folder / f"{model.head}.npz"
    try:
        saved = json.loads(js.read_text(encoding="utf-8"))
        saved_raw = npz.read_bytes()
    except (OSError, json.JSONDecodeError):
        saved, saved_raw = None, b""

    def untimed(d: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in d.items() if k != "trained"}

    # the files on disk must hold these very weights: a damaged .npz beside a matching JSON is rewritten
    if (isinstance(saved, dict) and hashlib.sha256(saved_raw).hexdigest() == model.meta["sha256"]
            and untimed(saved) == untimed(meta)):
        model.meta["trained"] = saved.get("trained", model.meta.get("trained"))
        return js
    write_atomic(npz, raw)
    write_atomic(js, json.dumps(meta, indent=1, ensure_ascii=False) + "\n")
    return js


def load_model(head: str, folder: Path = MODELS_DIR) -> LinearModel | None:
    """The shipped (or given) weights of a head; None when there are none; a damaged or mismatched
    file is a configuration error, never a silent fallback."""
    npz, js = folder / f"{head}.npz", folder / f"{head}.json"
    if not npz.is_file() or not js.is_file():
        return None
    raw = npz.read_bytes()
    try:
        meta = json.loads(js.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{js}: unreadable model metadata ({exc})") from None
    if hashlib.sha256(raw).hexdigest() != meta.get("sha256"):
        raise ConfigError(f"{npz}: sha256 does not match {js.name}; retrain with `extract train`")
    arrays = np.load(io.BytesIO(raw))
    names = tuple(meta.pop("feature_names"))
    classes = tuple(meta.pop("classes"))
    meta.pop("head", None)
    meta.pop("version", None)
    return LinearModel(head, classes, arrays["coef"], arrays["intercept"], arrays["mean"], arrays["scale"],
                       names, meta)
