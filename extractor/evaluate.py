"""Score extractions against the gold set, exactly as ANNOTATION.md "Scoring" says.

- Spans are compared in the whitespace-normalised document text. A gold span is where its quote
  stands (`gold.py`); a predicted span is its own `span` when that span holds the quote, else
  where the quote is found (exact, then ignoring case); a quote found nowhere is a false positive.
- A prediction matches a gold commitment when their overlap is at least half of the gold span and
  at least a third of the predicted span; matching is one-to-one, largest overlap first.
- Predictions that lie wholly outside the gold file's scope are ignored.
- Detection precision / recall / F1; over matched pairs: actor (we/our/us -> the organisation,
  case and whitespace folded), modality, binding, trigger and safeguard token F1, specificity
  accuracy and quadratic-weighted kappa, verifiable accuracy and MCC, the modality confusion matrix;
  `seoul` accuracy and macro-F1 over the pairs whose prediction has one, and per document the
  coverage of the eight areas (at least one commitment) compared with the gold, and the level the rating card
  gives each area (`rate`, 0-3) against the level the gold commitments give it; the checker's verdict
  (flagged vague or unverifiable) against gold "vague or not verifiable" (precision, recall, MCC), and
  the vague causes against gold `specificity == vague` (MCC).
- Per document, per split (development / held-out) and micro-averaged over everything scored:
  micro pools the counts and the pairs, it does not average the per-document figures.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Protocol

from pydantic import BaseModel, Field

from . import __version__
from .check import has_vague_cause, is_vague
from .config import Settings
from .errors import ConfigError, GoldError, InputError
from .gold import SPLITS, GoldDocument, load_split, locate_in_order
from .models import BINDING, MODALITIES, SEOUL_AREAS, SPECIFICITIES, Commitment
from .output import read_outputs, write_json
from .rate import commitment_level, level_of
from .textutil import normalize_ws, token_f1

ORG_PRONOUNS = frozenset({"we", "our", "us", "ours", "ourselves"})
SPLIT_CHOICES = {"dev": "development", "development": "development", "heldout": "heldout",
                 "held-out": "heldout", "all": "all"}

# the figures the CI gate watches, as keys of `Scores`
HEADLINE: tuple[str, ...] = ("f1", "precision", "recall", "modality_acc", "specificity_acc", "trigger_f1",
                             "safeguard_f1", "actor_acc", "verifiable_mcc", "seoul_acc", "seoul_coverage",
                             "area_level_acc", "checker_mcc", "vague_cause_mcc")
# short names accepted by `--min NAME=VALUE`
METRIC_ALIASES: dict[str, str] = {
    "f1": "f1", "detection": "f1", "detection_f1": "f1", "precision": "precision", "recall": "recall",
    "actor": "actor_acc", "modality": "modality_acc", "binding": "binding_acc", "trigger": "trigger_f1",
    "safeguard": "safeguard_f1", "specificity": "specificity_acc", "kappa": "specificity_kappa",
    "specificity_kappa": "specificity_kappa", "verifiable": "verifiable_mcc", "verifiable_acc": "verifiable_acc",
    "seoul": "seoul_acc", "seoul_f1": "seoul_macro_f1", "coverage": "seoul_coverage", "checker": "checker_mcc",
    "vague_cause": "vague_cause_mcc", "level": "area_level_acc", "area_level": "area_level_acc",
}
METRIC_ALIASES.update({v: v for v in list(METRIC_ALIASES.values())})
DEFAULT_TOLERANCE = 0.02


# --------------------------------------------------------------------------- figures


class Scores(BaseModel):
    """Detection counts and field agreement for one document or a pool of documents."""

    gold: int = Field(description="gold commitments")
    predicted: int = Field(description="predictions counted (in scope, or not locatable)")
    ignored_out_of_scope: int = 0
    unlocated: int = Field(0, description="predicted quotes not found in the document (false positives)")
    tp: int
    fp: int
    fn: int
    precision: float
    recall: float
    f1: float
    pairs: int = Field(description="matched pairs the field figures are computed over")
    actor_acc: float | None = None
    modality_acc: float | None = None
    binding_acc: float | None = None
    trigger_f1: float | None = None
    safeguard_f1: float | None = None
    specificity_acc: float | None = None
    specificity_kappa: float | None = Field(None, description="quadratic-weighted, vague<concrete<quantitative")
    verifiable_acc: float | None = None
    verifiable_mcc: float | None = Field(None, description="Matthews correlation of verifiable over the pairs")
    seoul_pairs: int = Field(0, description="matched pairs whose prediction has a seoul area")
    seoul_acc: float | None = None
    seoul_macro_f1: float | None = Field(None, description="mean F1 over the areas present in gold or prediction")
    seoul_coverage: float | None = Field(
        None, description="share of (document, area) cells where 'covered' (>= 1 commitment) agrees with the gold")
    area_level_acc: float | None = Field(
        None, description="share of (document, area) cells whose rating level (0-3, `extract rate`) equals the level "
                          "the gold commitments give the area")
    area_level_mae: float | None = Field(None, description="mean absolute difference of those levels")
    checker_precision: float | None = Field(None, description="flagged pairs that are gold vague-or-unverifiable")
    checker_recall: float | None = None
    checker_mcc: float | None = Field(None, description="verdict 'flagged' vs gold vague or not verifiable")
    vague_cause_mcc: float | None = Field(None, description="a vague-cause flag vs gold specificity == vague")
    modality_confusion: dict[str, dict[str, int]] = Field(
        default_factory=dict, description="gold modality -> predicted modality -> pairs")


def quadratic_kappa(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str] = SPECIFICITIES) -> float | None:
    """Cohen's kappa with quadratic weights over ordered `labels`; None when undefined (no pairs, or
    both sides use a single and the same label so chance agreement is total)."""
    n = len(gold)
    if n == 0 or n != len(pred):
        return None
    k = len(labels)
    idx = {label: i for i, label in enumerate(labels)}
    observed = [[0] * k for _ in range(k)]
    for g, p in zip(gold, pred, strict=True):
        observed[idx[g]][idx[p]] += 1
    rows = [sum(r) for r in observed]
    cols = [sum(observed[i][j] for i in range(k)) for j in range(k)]
    weight = [[(i - j) ** 2 / (k - 1) ** 2 for j in range(k)] for i in range(k)]
    num = sum(weight[i][j] * observed[i][j] for i in range(k) for j in range(k))
    den = sum(weight[i][j] * rows[i] * cols[j] / n for i in range(k) for j in range(k))
    if den == 0:
        return None
    return 1.0 - num / den


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def mcc(pairs: Sequence[tuple[bool, bool]]) -> float | None:
    """Matthews correlation of (gold, predicted) booleans; 0 when one side is constant (as for
    'flag everything'), None without pairs."""
    if not pairs:
        return None
    tp = sum(1 for g, p in pairs if g and p)
    tn = sum(1 for g, p in pairs if not g and not p)
    fp = sum(1 for g, p in pairs if not g and p)
    fn = sum(1 for g, p in pairs if g and not p)
    den = ((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn)) ** 0.5
    return (tp * tn - fp * fn) / den if den else 0.0


def precision_recall(pairs: Sequence[tuple[bool, bool]]) -> tuple[float | None, float | None]:
    """Precision and recall of the predicted positives against the gold ones."""
    tp = sum(1 for g, p in pairs if g and p)
    predicted = sum(1 for _, p in pairs if p)
    actual = sum(1 for g, _ in pairs if g)
    return (tp / predicted if predicted else None), (tp / actual if actual else None)


def macro_f1(pairs: Sequence[tuple[str, str]], labels: Sequence[str]) -> float | None:
    """Mean per-label F1 over the labels that occur in gold or prediction."""
    scores = []
    for label in labels:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        fp = sum(1 for g, p in pairs if g != label and p == label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        if tp + fp + fn:
            scores.append(2 * tp / (2 * tp + fp + fn))
    return _mean(scores)


class Fields(Protocol):
    """What a pair is compared on: a gold commitment and a predicted one both have these."""

    @property
    def actor(self) -> str: ...
    @property
    def modality(self) -> str: ...
    @property
    def trigger(self) -> str | None: ...
    @property
    def safeguard(self) -> str: ...
    @property
    def specificity(self) -> str: ...
    @property
    def verifiable(self) -> bool: ...
    @property
    def seoul(self) -> str | None: ...


@dataclass
class Tally:
    """Raw counts and per-pair outcomes; pooling tallies is how the micro average is made."""

    gold: int = 0
    predicted: int = 0
    ignored_out_of_scope: int = 0
    unlocated: int = 0
    tp: int = 0
    actor: list[bool] = field(default_factory=list)
    modality: list[tuple[str, str]] = field(default_factory=list)
    trigger: list[float] = field(default_factory=list)
    safeguard: list[float] = field(default_factory=list)
    specificity: list[tuple[str, str]] = field(default_factory=list)
    verifiable: list[tuple[bool, bool]] = field(default_factory=list)
    seoul: list[tuple[str, str]] = field(default_factory=list)
    coverage: list[bool] = field(default_factory=list)  # per (document, area): covered in both or in neither
    levels: list[tuple[int, int]] = field(default_factory=list)  # per (document, area): (gold level, rated level)
    verdict: list[tuple[bool, bool]] = field(default_factory=list)  # (gold weak, flagged)
    vague_cause: list[tuple[bool, bool]] = field(default_factory=list)  # (gold vague, a vague-cause flag)

    def add(self, other: Tally) -> None:
        for name in ("gold", "predicted", "ignored_out_of_scope", "unlocated", "tp"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in ("actor", "modality", "trigger", "safeguard", "specificity", "verifiable", "seoul", "coverage",
                     "levels", "verdict", "vague_cause"):
            getattr(self, name).extend(getattr(other, name))

    def add_pair(self, g: Fields, p: Fields, org: str) -> tuple[bool, float, float]:
        """The field outcomes of one matched pair (a gold commitment and a prediction, or two annotation
        passes); returns (actor agrees, trigger F1, safeguard F1) for the caller's mismatch list."""
        actor_ok = canonical_actor(g.actor, org) == canonical_actor(p.actor, org)
        trig, safe = token_f1(g.trigger, p.trigger), token_f1(g.safeguard, p.safeguard)
        self.actor.append(actor_ok)
        self.modality.append((g.modality, p.modality))
        self.trigger.append(trig)
        self.safeguard.append(safe)
        self.specificity.append((g.specificity, p.specificity))
        self.verifiable.append((g.verifiable, p.verifiable))
        if g.seoul is not None and p.seoul is not None:
            self.seoul.append((g.seoul, p.seoul))
        return actor_ok, trig, safe

    def scores(self) -> Scores:
        fp, fn = self.predicted - self.tp, self.gold - self.tp
        if self.gold == 0 and self.predicted == 0:
            precision = recall = f1 = 1.0
        else:
            precision = self.tp / self.predicted if self.predicted else 0.0
            recall = self.tp / self.gold if self.gold else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        confusion = {g: {p: 0 for p in MODALITIES} for g in MODALITIES}
        for g, p in self.modality:
            confusion[g][p] += 1
        spec_gold = [g for g, _ in self.specificity]
        spec_pred = [p for _, p in self.specificity]
        checker_p, checker_r = precision_recall(self.verdict)
        return Scores(
            gold=self.gold, predicted=self.predicted, ignored_out_of_scope=self.ignored_out_of_scope,
            unlocated=self.unlocated, tp=self.tp, fp=fp, fn=fn, precision=precision, recall=recall, f1=f1,
            pairs=len(self.modality),
            actor_acc=_mean([float(x) for x in self.actor]),
            modality_acc=_mean([float(g == p) for g, p in self.modality]),
            binding_acc=_mean([float((g in BINDING) == (p in BINDING)) for g, p in self.modality]),
            trigger_f1=_mean(self.trigger),
            safeguard_f1=_mean(self.safeguard),
            specificity_acc=_mean([float(g == p) for g, p in self.specificity]),
            specificity_kappa=quadratic_kappa(spec_gold, spec_pred),
            verifiable_acc=_mean([float(g == p) for g, p in self.verifiable]),
            verifiable_mcc=mcc(self.verifiable),
            seoul_pairs=len(self.seoul),
            seoul_acc=_mean([float(g == p) for g, p in self.seoul]),
            seoul_macro_f1=macro_f1(self.seoul, SEOUL_AREAS),
            seoul_coverage=_mean([float(x) for x in self.coverage]),
            area_level_acc=_mean([float(g == p) for g, p in self.levels]),
            area_level_mae=_mean([float(abs(g - p)) for g, p in self.levels]),
            checker_precision=checker_p, checker_recall=checker_r, checker_mcc=mcc(self.verdict),
            vague_cause_mcc=mcc(self.vague_cause),
            modality_confusion=confusion,
        )


def gold_level(g: Fields) -> int:
    """The level a gold commitment gives its area, as `rate.commitment_level` reads an extracted one; the gold
    has no flags, and by the guide a discretion or an escape clause already makes it `vague`."""
    return level_of(g.modality, g.specificity, g.verifiable)


def area_levels(gold: Sequence[Fields], predictions: Sequence[Commitment]) -> list[tuple[int, int]]:
    """Per Seoul area: (the gold's level, the rating card's level), 0 where no commitment is in the area."""
    out = []
    for area in SEOUL_AREAS:
        g = max((gold_level(c) for c in gold if c.seoul == area), default=0)
        p = max((commitment_level(c) for c in predictions if c.seoul == area), default=0)
        out.append((g, p))
    return out


# --------------------------------------------------------------------------- matching


def canonical_actor(actor: str, org: str) -> str:
    """'we'/'our'/'us' become the organisation; case and whitespace do not count."""
    a = normalize_ws(actor)
    if a.lower() in ORG_PRONOUNS:
        a = normalize_ws(org)
    return a.casefold()


def match_spans(gold: Sequence[tuple[int, int]], pred: Sequence[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """One-to-one matches (gold index, predicted index, overlap in characters).

    A pair qualifies when the overlap is >= half the gold span and >= a third of the predicted span;
    qualifying pairs are taken largest overlap first (ties: larger overlap over union, then document
    order), each gold and each prediction at most once.
    """
    candidates: list[tuple[int, float, int, int]] = []
    order = sorted(range(len(pred)), key=lambda j: pred[j][0])
    starts = [pred[j][0] for j in order]
    for gi, (gs, ge) in enumerate(gold):
        # predictions starting before the gold end; those ending before the gold start are skipped
        for j in order[: bisect.bisect_left(starts, ge)]:
            ps, pe = pred[j]
            overlap = min(ge, pe) - max(gs, ps)
            if overlap > 0 and 2 * overlap >= ge - gs and 3 * overlap >= pe - ps:
                union = max(ge, pe) - min(gs, ps)
                candidates.append((overlap, overlap / union, gi, j))
    candidates.sort(key=lambda c: (-c[0], -c[1], c[2], c[3]))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    matches = []
    for overlap, _, gi, pj in candidates:
        if gi in used_gold or pj in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pj)
        matches.append((gi, pj, overlap))
    return sorted(matches)


def prediction_spans(gold: GoldDocument, predictions: Sequence[Commitment]) -> list[tuple[int, int] | None]:
    """Normalised spans of the predictions: the prediction's own span when it holds its quote, else
    the quote located in the text (exact, then ignoring case), else None."""
    text = gold.doc.text
    spans: list[tuple[int, int] | None] = [None] * len(predictions)
    todo: list[int] = []
    for i, p in enumerate(predictions):
        s, e = p.span.start, p.span.end
        if 0 <= s < e <= len(text) and normalize_ws(text[s:e]).casefold() == normalize_ws(p.quote).casefold():
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            ns, ne = bisect.bisect_left(gold.offsets, s), bisect.bisect_left(gold.offsets, e)
            if ne > ns:
                spans[i] = (ns, ne)
                continue
        todo.append(i)
    for ignore_case in (False, True):
        if not todo:
            break
        found = locate_in_order(gold.norm, [predictions[i].quote for i in todo], ignore_case=ignore_case)
        rest = []
        for i, span in zip(todo, found, strict=True):
            if span is not None and normalize_ws(predictions[i].quote):
                spans[i] = span
            else:
                rest.append(i)
        todo = rest
    return spans


class Mismatch(BaseModel):
    """A matched pair that disagrees on one field (development documents only)."""

    gold_index: int
    quote: str
    field: str
    gold: Any
    predicted: Any


class Details(BaseModel):
    """What went wrong in one document, for developing rules and prompts."""

    missed: list[str] = Field(default_factory=list, description="gold quotes no prediction matched")
    spurious: list[str] = Field(default_factory=list, description="predicted quotes that matched no gold")
    unlocated: list[str] = Field(default_factory=list, description="predicted quotes not in the document")
    mismatches: list[Mismatch] = Field(default_factory=list)


@dataclass
class DocumentScore:
    tally: Tally
    details: Details


def score_document(gold: GoldDocument, predictions: Sequence[Commitment]) -> DocumentScore:
    """Score one document's predictions against its gold file."""
    tally = Tally(gold=len(gold.items))
    details = Details()
    spans = prediction_spans(gold, predictions)
    counted: list[int] = []
    for i, span in enumerate(spans):
        if span is None:
            tally.unlocated += 1
            tally.predicted += 1
            details.unlocated.append(predictions[i].quote)
        elif gold.in_scope(*span):
            counted.append(i)
            tally.predicted += 1
        else:
            tally.ignored_out_of_scope += 1
    pred_spans: list[tuple[int, int]] = []
    for i in counted:
        span = spans[i]
        assert span is not None
        pred_spans.append(span)
    matches = match_spans([(it.start, it.end) for it in gold.items], pred_spans)
    tally.tp = len(matches)
    org = gold.gold.org
    matched_gold = {gi for gi, _, _ in matches}
    matched_pred = {counted[pj] for _, pj, _ in matches}
    for gi, pj, _ in matches:
        item = gold.items[gi]
        g, p = item.commitment, predictions[counted[pj]]
        actor_ok, trig, safe = tally.add_pair(g, p, org)
        tally.verdict.append((g.specificity == "vague" or not g.verifiable, is_vague(p)))
        tally.vague_cause.append((g.specificity == "vague", has_vague_cause(p)))
        wrong: list[tuple[str, Any, Any]] = []
        if not actor_ok:
            wrong.append(("actor", g.actor, p.actor))
        for name in ("modality", "specificity", "verifiable", "seoul"):
            if getattr(g, name) is not None and getattr(p, name) is not None and getattr(g, name) != getattr(p, name):
                wrong.append((name, getattr(g, name), getattr(p, name)))
        if trig < 0.5:
            wrong.append(("trigger", g.trigger, p.trigger))
        if safe < 0.5:
            wrong.append(("safeguard", g.safeguard, p.safeguard))
        details.mismatches.extend(Mismatch(gold_index=item.index, quote=g.quote, field=f, gold=gv, predicted=pv)
                                  for f, gv, pv in wrong)
    gold_areas = {it.commitment.seoul for it in gold.items if it.commitment.seoul}
    if gold_areas and any(predictions[i].seoul for i in counted):
        pred_areas = {predictions[i].seoul for i in counted if predictions[i].seoul}
        tally.coverage = [(a in gold_areas) == (a in pred_areas) for a in SEOUL_AREAS]
        tally.levels = area_levels([it.commitment for it in gold.items], [predictions[i] for i in counted])
    details.missed = [it.commitment.quote for k, it in enumerate(gold.items) if k not in matched_gold]
    details.spurious = [predictions[i].quote for i in counted if i not in matched_pred]
    return DocumentScore(tally, details)


# --------------------------------------------------------------------------- report


class DocumentReport(BaseModel):
    document: str
    gold_file: str
    split: str
    scores: Scores
    details: Details | None = Field(
        None, description="only for development documents: held-out ones are measured, not studied")


class EvalReport(BaseModel):
    """`extract eval --output FILE`."""

    tool_version: str
    time: datetime
    source: str = Field(description="'backend <name>' or 'predictions <folder>'")
    backend: str | None = None
    model: str | None = None
    prompt_version: str | None = None
    split: str
    documents: list[DocumentReport]
    splits: dict[str, Scores] = Field(description="pooled over the documents of each split scored")
    micro: Scores = Field(description="pooled over every document scored")
    missing_predictions: list[str] = Field(default_factory=list)
    learned: dict[str, str] = Field(default_factory=dict, description="learned heads the backend used: head -> version")
    lopo: LopoReport | None = Field(default=None, description="`--lopo`: the learned layer, leave-one-publisher-out")


class LopoReport(BaseModel):
    """The learned layer scored leave-one-publisher-out (each document decided by heads trained on the
    other publishers' gold files), beside the rules alone on the same documents."""

    learned: EvalReport
    rules: EvalReport


EvalReport.model_rebuild()


def evaluate(gold_docs: Sequence[tuple[str, GoldDocument]], predictions: Mapping[str, Sequence[Commitment]],
             split: str = "all", source: str = "", details_for: Sequence[str] = ("development",)) -> EvalReport:
    """Score every gold document against `predictions` (document id -> commitments); a document with
    no entry scores as an empty prediction."""
    docs: list[DocumentReport] = []
    pools: dict[str, Tally] = {}
    micro = Tally()
    missing = []
    for split_name, gold in gold_docs:
        if gold.id not in predictions:
            missing.append(gold.id)
        result = score_document(gold, predictions.get(gold.id, []))
        docs.append(DocumentReport(document=gold.id, gold_file=gold.name, split=split_name,
                                   scores=result.tally.scores(),
                                   details=result.details if split_name in details_for else None))
        pools.setdefault(split_name, Tally()).add(result.tally)
        micro.add(result.tally)
    return EvalReport(
        tool_version=__version__, time=datetime.now(timezone.utc), source=source, split=split, documents=docs,
        splits={name: pools[name].scores() for name in SPLITS if name in pools}, micro=micro.scores(),
        missing_predictions=missing,
    )


def predictions_from_dir(folder: Path) -> dict[str, list[Commitment]]:
    """Extraction outputs of a folder, by document id (and by the stem of the document's path)."""
    if not folder.exists():
        raise InputError(folder, "no such predictions folder")
    found: dict[str, list[Commitment]] = {}
    for _, out in read_outputs(folder):
        for key in (out.document.id, Path(out.document.path).stem):
            found.setdefault(key, out.commitments)
    return found


def normalise_split(split: str) -> str:
    try:
        return SPLIT_CHOICES[split.lower()]
    except KeyError:
        raise ConfigError(f"unknown split '{split}' (choose dev, heldout or all)") from None


def run_eval(settings: Settings, split: str = "all", predictions_dir: Path | None = None,
             out_dir: Path | None = None, on_document: Callable[[str], None] | None = None) -> EvalReport:
    """Score a predictions folder, or run the configured backend through the real pipeline over the
    gold documents (writing its outputs to `out_dir` when given), against the gold set."""
    split = normalise_split(split)
    gold_docs = load_split(settings.gold_dir, settings.effective_corpus_dir(), split)
    if not gold_docs:
        raise GoldError(f"{settings.gold_dir}: no gold files in split '{split}'")
    if predictions_dir is not None:
        preds = predictions_from_dir(predictions_dir)
        return evaluate(gold_docs, preds, split, source=f"predictions {predictions_dir}")
    from .backends.base import learned_versions
    from .pipeline import Pipeline

    pipeline = Pipeline(settings)
    preds = {}
    for _, gold in gold_docs:
        if on_document:
            on_document(gold.id)
        out = pipeline.extract(gold.doc)
        if out_dir is not None:
            write_json(out_dir / f"{gold.id}.json", out)
        preds[gold.id] = out.commitments
    report = evaluate(gold_docs, preds, split, source=f"backend {pipeline.backend.name}")
    report.backend = pipeline.backend.name
    report.model = pipeline.backend.model
    report.prompt_version = pipeline.backend.prompt_version
    report.learned = learned_versions(pipeline.backend)
    return report


# --------------------------------------------------------------------------- gates


def parse_minimums(specs: Sequence[str]) -> dict[str, float]:
    """`NAME=VALUE` strings (NAME a metric or its short name) -> {Scores key: minimum}."""
    mins: dict[str, float] = {}
    for spec in specs:
        name, sep, value = spec.partition("=")
        key = METRIC_ALIASES.get(name.strip().lower())
        if not sep or key is None:
            known = ", ".join(sorted(k for k in METRIC_ALIASES if "_" not in k))
            raise ConfigError(f"--min expects NAME=VALUE with NAME one of {known} (got '{spec}')")
        try:
            mins[key] = float(value)
        except ValueError:
            raise ConfigError(f"--min {name}: '{value}' is not a number") from None
    return mins


def _figure(scores: Scores, key: str) -> float:
    value = getattr(scores, key)
    return 0.0 if value is None else float(value)


def check_minimums(report: EvalReport, minimums: Mapping[str, float]) -> list[str]:
    """One message per micro-averaged figure below its minimum."""
    return [f"micro {key} {_figure(report.micro, key):.3f} is below the minimum {low:.3f}"
            for key, low in minimums.items() if _figure(report.micro, key) < low - 1e-12]


def headline(report: EvalReport) -> dict[str, dict[str, float]]:
    """The gated figures: of the micro average and, when scored, of the held-out split."""
    figures = {"micro": {k: round(_figure(report.micro, k), 4) for k in HEADLINE}}
    if "heldout" in report.splits:
        figures["heldout"] = {k: round(_figure(report.splits["heldout"], k), 4) for k in HEADLINE}
    return figures


def write_baseline(path: Path, report: EvalReport, tolerance: float = DEFAULT_TOLERANCE) -> None:
    write_json(path, {
        "about": "headline figures of `extract eval`; CI fails when one drops by more than `tolerance`",
        "tool_version": report.tool_version, "source": report.source, "backend": report.backend,
        "model": report.model, "prompt_version": report.prompt_version, "split": report.split,
        "written": report.time.isoformat(), "tolerance": tolerance, "figures": headline(report),
    })


def read_baseline(path: Path) -> dict[str, Any]:
    from .output import read_json

    data = read_json(path, "no such baseline (write one with --write-baseline)")
    if not isinstance(data, dict) or not isinstance(data.get("figures"), dict):
        raise InputError(path, "not a baseline file (no 'figures')")
    return data


def compare_baseline(report: EvalReport, baseline: Mapping[str, Any], tolerance: float | None = None) -> list[str]:
    """One message per headline figure that dropped by more than the tolerance below the baseline."""
    if baseline.get("split", "all") != report.split:
        raise ConfigError(f"the baseline was written with --split {baseline.get('split')}; "
                          f"this run scored --split {report.split}")
    tol = float(baseline.get("tolerance", DEFAULT_TOLERANCE)) if tolerance is None else tolerance
    now = headline(report)
    failures = []
    for scope, figures in baseline["figures"].items():
        if scope not in now:
            failures.append(f"{scope}: not scored in this run, cannot compare with the baseline")
            continue
        for key, base in figures.items():
            current = now[scope].get(key, 0.0)
            if current < float(base) - tol - 1e-9:
                failures.append(f"{scope} {key} {current:.3f} dropped below the baseline {float(base):.3f} "
                                f"(tolerance {tol:.2f})")
    return failures
