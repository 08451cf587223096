"""Training data from the gold set, training, and leave-one-publisher-out (LOPO) measurement.

A proposal's label comes from the gold commitment it would be matched to by the scorer's rule
(overlap >= half the gold span and >= a third of the proposal); a proposal outside the gold file's
scope is not a row. LOPO trains on every publisher but one and scores that one with the real scorer
(`evaluate.score_document`), after the same grounding as a run.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import numpy as np

from ..align import Aligner, merge
from ..chunk import chunk_document
from ..gold import GoldCommitment, GoldDocument
from ..models import Candidate, Commitment
from ..org import detect_org, fallback_org
from .decide import DEFAULT_THRESHOLD, KEEP_SHARE, THRESHOLD_FLOOR, choose, used_in_runs
from .features import FEATURE_NAMES, FEATURE_VERSION, VectorCache, featurize
from .heads import Head, get_head, heads
from .model import LinearModel, fit
from .propose import Proposal, propose

# chosen by leave-one-publisher-out over the development files only (bench/learn_grid.py prints the grid)
DEFAULT_C = 0.03  # strong regularisation: ~800 features, a few thousand rows, a handful of publishers
VECTOR_WEIGHT = 2.0  # sentence vectors next to standardised cues (model.fit)


@dataclass
class DocData:
    """One gold document's proposals, features and the gold commitment each would match."""

    split: str
    gold: GoldDocument
    props: list[Proposal]
    x: np.ndarray
    matched: list[GoldCommitment | None]
    in_scope: list[bool]

    @property
    def name(self) -> str:
        return self.gold.name

    @property
    def publisher(self) -> str:
        return " ".join(self.gold.gold.org.split()).casefold()


def _norm_span(gold: GoldDocument, start: int, end: int) -> tuple[int, int]:
    return bisect.bisect_left(gold.offsets, start), bisect.bisect_left(gold.offsets, end)


def match(gold: GoldDocument, props: Sequence[Proposal]) -> tuple[list[GoldCommitment | None], list[bool]]:
    items = sorted(gold.items, key=lambda it: it.start)
    starts = [it.start for it in items]
    matched: list[GoldCommitment | None] = []
    scoped: list[bool] = []
    for p in props:
        ps, pe = _norm_span(gold, p.start, p.end)
        scoped.append(pe > ps and gold.in_scope(ps, pe))
        best, best_overlap = None, 0
        for it in items[: bisect.bisect_left(starts, pe)]:
            overlap = min(it.end, pe) - max(it.start, ps)
            if overlap > best_overlap and 2 * overlap >= it.end - it.start and 3 * overlap >= pe - ps:
                best, best_overlap = it.commitment, overlap
        matched.append(best)
    return matched, scoped


def org_of(gold: GoldDocument) -> str:
    """The organisation a run would use for this document (not the gold file's answer)."""
    return gold.doc.org or detect_org(gold.doc) or fallback_org(gold.doc)


def build(gold_docs: Sequence[tuple[str, GoldDocument]], cache: VectorCache,
          on_document: Callable[[str], None] | None = None) -> list[DocData]:
    out = []
    for split, gold in gold_docs:
        if on_document:
            on_document(gold.id)
        props = propose(gold.doc.text, org_of(gold))
        matched, scoped = match(gold, props)
        # the chunks a run makes with the default settings: the text vectors come from their windows
        chunks = chunk_document(gold.doc)
        out.append(DocData(split, gold, props, featurize(props, chunks, cache), matched, scoped))
    cache.save()
    return out


def rows(docs: Sequence[DocData], head: Head) -> tuple[np.ndarray, list[str], list[str]]:
    """A head's training rows: features, labels and the publisher of each row (for `balance_weights`)."""
    xs, ys, pubs = [], [], []
    for d in docs:
        for i, g in enumerate(d.matched):
            if not d.in_scope[i]:
                continue
            label = head.label(g)
            if label is not None:
                xs.append(d.x[i])
                ys.append(label)
                pubs.append(d.publisher)
    x = np.vstack(xs) if xs else np.zeros((0, len(FEATURE_NAMES)))
    return x, ys, pubs


def balance_weights(balance: str | None, y: Sequence[str], groups: Sequence[str]) -> np.ndarray | None:
    """Row weights (mean 1) under which each publisher ("publisher"), each class ("class") or both
    ("publisher+class") weigh the same in the fit: one long document of one publisher must not make
    its own vocabulary the model's; None: no weights."""
    if not balance or not y:
        return None
    w = np.ones(len(y))
    parts = balance.split("+")
    for part, keys in (("publisher", groups), ("class", y), ("sqrt-class", y)):
        if part in parts:
            counts: dict[str, int] = {}
            for k in keys:
                counts[k] = counts.get(k, 0) + 1
            share = np.array([len(keys) / (len(counts) * counts[k]) for k in keys])
            # "sqrt-class": halfway (on a log scale) between no class weights and equal ones
            w *= np.sqrt(share) if part == "sqrt-class" else share
    return np.asarray(w / w.mean())


def train_head(docs: Sequence[DocData], head: Head, c: float = DEFAULT_C,
               meta: dict[str, Any] | None = None, vector_weight: float = VECTOR_WEIGHT,
               made_up: Sequence[DocData] = ()) -> LinearModel:
    """A head trained on `docs`, and on the made-up policies `made_up` when the head reads them (`Head.made_up`)."""
    if head.made_up:
        docs = [*docs, *made_up]
    x, y, pubs = rows(docs, head)
    c = head.c if head.c is not None else c
    vector_weight = head.vector_weight if head.vector_weight is not None else vector_weight
    info = {"feature_version": FEATURE_VERSION, "trained_on": sorted(d.name for d in docs),
            "trained": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    info.update(meta or {})
    if head.balance:
        info["balance"] = head.balance
    use = None
    if head.features is not None or head.without:
        if head.features is not None:
            info["features"] = list(head.features)
        if head.without:
            info["without"] = list(head.without)
        use = np.array([(head.features is None or n.startswith(head.features))
                        and not (head.without and n.startswith(head.without)) for n in FEATURE_NAMES], dtype=bool)
    return fit(head.name, head.classes, x, y, FEATURE_NAMES, c=c, meta=info, vector_weight=vector_weight,
               sample_weight=balance_weights(head.balance, y, pubs), use=use)


def ground(gold: GoldDocument, cands: Sequence[Candidate]) -> list[Commitment]:
    """As a run grounds candidates (align, then merge duplicates)."""
    aligner = Aligner(gold.doc)
    grounded = [c for c in (aligner.ground(cand) for cand in cands) if c is not None]
    return merge(grounded)


def publishers(docs: Sequence[DocData]) -> list[str]:
    return sorted({d.publisher for d in docs})


def lopo_predictions(docs: Sequence[DocData], head_names: Sequence[str] = ("commitment",), c: float = DEFAULT_C,
                     threshold: float = DEFAULT_THRESHOLD, fields: Sequence[str] | None = None,
                     vector_weight: float = VECTOR_WEIGHT, keep_share: float = KEEP_SHARE,
                     floor: float = THRESHOLD_FLOOR, made_up: Sequence[DocData] = ()) -> dict[str, list[Commitment]]:
    """For each publisher, heads trained on the others (and on the made-up policies, for a head that reads them)
    decide its documents; by gold document id."""
    if len(publishers(docs)) < 2:
        from ..errors import ConfigError

        raise ConfigError("leave-one-publisher-out needs gold files of at least two publishers "
                          f"(these are all from '{publishers(docs)[0] if docs else 'none'}')")
    preds: dict[str, list[Commitment]] = {}
    for pub in publishers(docs):
        train = [d for d in docs if d.publisher != pub]
        models = {name: train_head(train, get_head(name), c, vector_weight=vector_weight, made_up=made_up)
                  for name in head_names}
        for d in docs:
            if d.publisher == pub:
                cands = choose(d.props, d.x, models, threshold, fields=fields if fields is not None else
                               [n for n in head_names if n != "commitment"], keep_share=keep_share, floor=floor)
                preds[d.gold.id] = ground(d.gold, cands)
    return preds


def rules_predictions(docs: Sequence[DocData]) -> dict[str, list[Commitment]]:
    """What the rules alone keep, grounded the same way (the comparison for LOPO)."""
    return {d.gold.id: ground(d.gold, [p.cand for p in d.props if p.source == "rules"]) for d in docs}


# --------------------------------------------------------------------------- commands


@dataclass
class TrainResult:
    """What `extract train` did: the models written, and the LOPO figures of the learned layer beside
    the rules alone on the same documents."""

    models: list[LinearModel]
    written: list[str]
    lopo: Any  # evaluate.EvalReport of the learned layer, None when skipped
    rules: Any  # evaluate.EvalReport of the rules alone


MADE_UP_SPLIT = "made-up"


def made_up_dirs(settings: Any) -> tuple[Any, Any]:
    """(gold folder, documents folder) of the made-up policies: `synthetic/` in the gold folder, their texts in
    `data/synthetic/` beside it."""
    return settings.gold_dir / "synthetic", settings.gold_dir.parent / "data" / "synthetic"


def load_made_up(settings: Any, on_document: Callable[[str], None] | None = None,
                 cache: VectorCache | None = None) -> list[DocData]:
    """The made-up policies' development gold files as training data (none when the gold folder has no
    `synthetic/`); its held-out files are only ever measured. `cache`: the vector cache `load_docs` read, so that
    the file is read once."""
    from ..gold import load_split

    gold_dir, docs_dir = made_up_dirs(settings)
    if not (gold_dir / "split.json").is_file() or not docs_dir.is_dir():
        return []
    gold_docs = [(MADE_UP_SPLIT, g) for _, g in load_split(gold_dir, docs_dir, "development")]
    return build(gold_docs, cache or VectorCache(vector_cache_path(settings)), on_document)


def load_docs(settings: Any, split: str, on_document: Callable[[str], None] | None = None,
              cache: VectorCache | None = None) -> list[DocData]:
    from ..errors import GoldError
    from ..evaluate import normalise_split
    from ..gold import load_split

    split = normalise_split(split)
    gold_docs = load_split(settings.gold_dir, settings.effective_corpus_dir(), split)
    if not gold_docs:
        raise GoldError(f"{settings.gold_dir}: no gold files in split '{split}'")
    return build(gold_docs, cache or VectorCache(vector_cache_path(settings)), on_document)


def vector_cache_path(settings: Any) -> Any:
    return settings.index_dir / "learn-vectors.npz"


def lopo_report(docs: Sequence[DocData], head_names: Sequence[str] = ("commitment",), split: str = "all",
                **kwargs: Any) -> tuple[Any, Any]:
    """(learned layer under LOPO, rules alone) as eval reports over the same documents."""
    from ..evaluate import evaluate

    gold_docs = [(d.split, d.gold) for d in docs]
    learned = evaluate(gold_docs, lopo_predictions(docs, head_names, **kwargs), split,
                       source="learned layer, leave-one-publisher-out")
    rules = evaluate(gold_docs, rules_predictions(docs), split, source="rules alone")
    return learned, rules


def field_gain(docs: Sequence[DocData], head: Head, made_up: Sequence[DocData] = (),
               **kwargs: Any) -> tuple[float, float, int]:
    """LOPO accuracy of a field head against the rules' own value, over the proposals that match a gold
    commitment: (model accuracy, rules accuracy, pairs). A field head is applied only when it wins."""
    right_model = right_rules = n = 0
    assert head.field is not None
    for pub in publishers(docs):
        train = [d for d in docs if d.publisher != pub]
        model = train_head(train, head, made_up=made_up, **kwargs)
        for d in docs:
            if d.publisher != pub:
                continue
            idx = [i for i, g in enumerate(d.matched) if g is not None and d.in_scope[i] and head.label(g) is not None]
            if not idx:
                continue
            pred = model.predict(d.x[idx])
            for i, p in zip(idx, pred, strict=True):
                gold = head.label(d.matched[i])
                assert gold is not None
                rules_value = getattr(d.props[i].cand, head.field)
                kept = head.kept_class(rules_value)
                right_model += (p if kept is None else kept) == gold
                right_rules += rules_value == head.field_value(gold)
                n += 1
    return (right_model / n if n else 0.0), (right_rules / n if n else 0.0), n


def train_and_save(docs: Sequence[DocData], head_names: Sequence[str], folder: Any = None,
                   c: float = DEFAULT_C, vector_weight: float = VECTOR_WEIGHT,
                   threshold: float = DEFAULT_THRESHOLD, made_up: Sequence[DocData] = ()) -> list[LinearModel]:
    """Train each head on all of `docs` (and `made_up`, for a head that reads them) and write its weights; a field
    head records whether it beat the rules under LOPO (`apply`), which decides whether runs use it."""
    from .model import MODELS_DIR, save_model

    folder = MODELS_DIR if folder is None else folder
    out = []
    for name in head_names:
        head = get_head(name)
        meta: dict[str, Any] = {"publishers": publishers(docs)}
        if name == "commitment":
            meta.update({"threshold": threshold, "keep_share": KEEP_SHARE, "threshold_floor": THRESHOLD_FLOOR})
        elif head.field is not None and len(publishers(docs)) > 1:
            model_acc, rules_acc, pairs = field_gain(docs, head, made_up, c=c, vector_weight=vector_weight)
            meta.update({"lopo_accuracy": round(model_acc, 4), "rules_accuracy": round(rules_acc, 4),
                         "lopo_pairs": pairs, "apply": model_acc > rules_acc})
        model = train_head(docs, head, c, meta, vector_weight=vector_weight, made_up=made_up)
        save_model(model, folder)
        out.append(model)
    return out


def applied_heads(folder: Any = None) -> tuple[str, ...]:
    """The heads a run uses (as `decide.Decider.load` chooses them from `folder`, default the run heads): the
    commitment head and each field head recorded as beating the rules, so that LOPO scores what runs do."""
    from .model import MODELS_DIR, load_model

    out = ["commitment"]
    for head in heads():
        model = None if head.name == "commitment" else load_model(head.name, MODELS_DIR if folder is None else folder)
        if model is not None and used_in_runs(head, model):
            out.append(head.name)
    return tuple(out)


def run_lopo(settings: Any, split: str = "all") -> Any:
    """`extract eval --lopo`: the learned layer over the gold files of `split`, leave-one-publisher-out,
    beside the rules alone (an `evaluate.LopoReport`). It lives here, not in `evaluate`, so that the
    scorer never imports the learning package that imports it."""
    from ..evaluate import LopoReport, normalise_split

    cache = VectorCache(vector_cache_path(settings))
    docs = load_docs(settings, split, cache=cache)
    # seoul has no rules value to compare with: its LOPO figures are the learned head's alone
    learned, rules = lopo_report(docs, applied_heads(), split=normalise_split(split),
                                 made_up=load_made_up(settings, cache=cache))
    return LopoReport(learned=learned, rules=rules)
