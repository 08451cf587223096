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
# On a publisher the heads never saw, the commitment head is less sure of everything, and a fixed threshold drops the
# commitments of a document written unlike the training files first. So the threshold of one document falls, down to
# THRESHOLD_FLOOR, until KEEP_SHARE of its proposals are kept: the proposals are units with a cue of commitment, most of
# which are one. Development LOPO (python bench/learn_grid.py --keep): F1 0.854 -> 0.856 at 0.55 (floor 0.1-0.3) and at
# 0.6 (floor 0.1-0.2), lower at 0.65 and 0.7; of the two the smaller share, and the higher floor, change less. With the
# share, thresholds 0.35-0.5 stay within 0.004 of 0.4 (0.45: 0.859), so 0.4 stays
KEEP_SHARE = 0.55
THRESHOLD_FLOOR = 0.2


def document_threshold(p_yes: np.ndarray, threshold: float = DEFAULT_THRESHOLD, keep_share: float = KEEP_SHARE,
                       floor: float = THRESHOLD_FLOOR) -> float:
    """The threshold for one document's proposals (`p_yes`: their P(commitment)): `threshold`, lowered to keep the
    top `keep_share` of them, never below `floor` (nor raised above `threshold`)."""
    if keep_share <= 0 or len(p_yes) == 0 or floor >= threshold:
        return threshold
    return min(threshold, max(floor, float(np.quantile(p_yes, 1.0 - keep_share))))


def choose(props: Sequence[Proposal], x: np.ndarray, models: Mapping[str, LinearModel],
           threshold: float | None = None, fields: Sequence[str] | None = None,
           keep_share: float | None = None, floor: float | None = None) -> list[Candidate]:
    """The kept proposals of one document as candidates; `fields`: the heads allowed to overwrite a field (default:
    those whose metadata says `apply`); `threshold`, `keep_share` and `floor` (`document_threshold`): the commitment
    head's metadata, else the defaults."""
    commit = models["commitment"]
    if threshold is None:
        threshold = float(commit.meta.get("threshold", DEFAULT_THRESHOLD))
    if keep_share is None:
        keep_share = float(commit.meta.get("keep_share", KEEP_SHARE))
    if floor is None:
        floor = float(commit.meta.get("threshold_floor", THRESHOLD_FLOOR))
    if not props:
        return []
    p_yes = commit.proba(x)[:, commit.classes.index("yes")]
    cut = document_threshold(p_yes, threshold, keep_share, floor)
    keep = [i for i in range(len(props)) if p_yes[i] >= cut]
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
