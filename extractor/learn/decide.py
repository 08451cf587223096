"""Apply the learned heads to a document's proposals: which are commitments, and (for the heads whose
leave-one-publisher-out figures beat the rules, recorded at training) their field values."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from ..errors import ConfigError
from ..models import Candidate, Chunk, Document
from .features import FEATURE_NAMES, FEATURE_VERSION, VectorCache, featurize
from .heads import Head, get_head, heads
from .model import MODELS_DIR, LinearModel, load_model
from .propose import Proposal, propose

DEFAULT_THRESHOLD = 0.4  # P(commitment) to keep a candidate; LOPO over the development files chose it


def choose(props: Sequence[Proposal], x: np.ndarray, models: Mapping[str, LinearModel],
           threshold: float | None = None, fields: Sequence[str] | None = None) -> list[Candidate]:
    """The kept proposals as candidates; `fields`: the heads allowed to overwrite a field (default: those
    whose metadata says `apply`)."""
    commit = models["commitment"]
    if threshold is None:
        threshold = float(commit.meta.get("threshold", DEFAULT_THRESHOLD))
    if not props:
        return []
    p_yes = commit.proba(x)[:, commit.classes.index("yes")]
    keep = [i for i in range(len(props)) if p_yes[i] >= threshold]
    out = [props[i].cand.model_copy() for i in keep]
    for name, model in models.items():
        head = get_head(name)
        apply = model.meta.get("apply", False) if fields is None else name in fields
        if head.field is None or not apply or not keep:
            continue
        proba = model.proba(x[keep])
        if head.section_weight:
            proba = section_smoothed(proba, [props[i].heading for i in keep], head.section_weight)
        for cand, k in zip(out, proba.argmax(axis=1), strict=True):
            if head.kept_class(getattr(cand, head.field)) is None:
                setattr(cand, head.field, head.field_value(model.classes[int(k)]))
    return out


def used_in_runs(head: Head, model: LinearModel) -> bool:
    """A run uses the commitment head and each field head recorded as beating the rules under LOPO (`apply`)."""
    return head.name == "commitment" or (head.field is not None and bool(model.meta.get("apply")))


def section_smoothed(proba: np.ndarray, headings: Sequence[str], weight: float) -> np.ndarray:
    """Each row moved `weight` of the way to the mean row of its section (same non-empty heading)."""
    out = proba.copy()
    groups: dict[str, list[int]] = {}
    for i, h in enumerate(headings):
        if h:
            groups.setdefault(h, []).append(i)
    for rows in groups.values():
        out[rows] = (1.0 - weight) * proba[rows] + weight * proba[rows].mean(axis=0)
    return out


class Decider:
    """The shipped heads, loaded once; `None` from `load` when no commitment head is installed."""

    def __init__(self, models: Mapping[str, LinearModel]) -> None:
        self.models = dict(models)
        self.cache = VectorCache()

    @classmethod
    def load(cls, folder: Path = MODELS_DIR) -> Decider | None:
        if not folder.is_dir():
            raise ConfigError(f"{folder}: no such folder of learned heads (--models, EXTRACTOR_MODELS)")
        models: dict[str, LinearModel] = {}
        for head in heads():
            model = load_model(head.name, folder)
            if model is None:
                continue
            if model.meta.get("feature_version") != FEATURE_VERSION or model.feature_names != FEATURE_NAMES:
                raise ConfigError(f"{folder / head.name}.json: trained on other features; retrain with `extract train`")
            if used_in_runs(head, model):
                models[head.name] = model
        if "commitment" not in models:
            return None
        return cls(models)

    @property
    def versions(self) -> dict[str, str]:
        return {name: m.version for name, m in sorted(self.models.items())}

    def extract(self, doc: Document, chunks: Sequence[Chunk], org: str) -> list[Candidate]:
        """The document's commitments; `chunks` are the run's (the index has usually embedded them already)."""
        props = propose(doc.text, org)
        x = featurize(props, chunks, self.cache)
        if len(self.cache.windows) > 2_000 or len(self.cache.vectors) > 20_000:
            self.cache = VectorCache()  # a long-lived process over many documents: keep memory bounded
        return choose(props, x, self.models)
