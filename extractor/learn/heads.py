"""Heads: what a learned model decides about a candidate, and how its label is read from the gold set.

A head is a name, its classes and a label function over the gold commitment a candidate matched (or
None when it matched none); a head that decides a field of the output names it (and, when the field is
not a string, how a class becomes its value). For example a boolean head:

    register_head(Head("verifiable", ("false", "true"),
                       lambda g: None if g is None else str(g.verifiable).lower(),
                       field="verifiable", value=lambda c: c == "true"))

`extract train` trains every registered head; a field head is used in runs only when its
leave-one-publisher-out accuracy beats the rules' own value (recorded as `apply` in its JSON). A
head that only makes sense for real commitments returns None for an unmatched candidate, and that
candidate is then not a training row for it. New heads (a verifiable flag, a Seoul area, ...)
register here and reuse the features, the trainer and the weights format.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..models import MODALITIES, SEOUL_AREAS, SPECIFICITIES

Label = Callable[[Any], "str | None"]  # gold commitment (GoldCommitment) or None -> class or None


@dataclass(frozen=True)
class Head:
    name: str
    classes: tuple[str, ...]
    label: Label
    description: str = ""
    # the candidate field the head decides at run time (None: the head only scores, e.g. 'commitment')
    field: str | None = None
    # class name -> field value (e.g. "true" -> True for a boolean field); None: the class name itself
    value: Callable[[str], Any] | None = None
    # the head's own regularisation and vector weight, when the shared defaults do not fit it (chosen
    # by leave-one-publisher-out over the development files); None: train.DEFAULT_C / VECTOR_WEIGHT
    c: float | None = None
    vector_weight: float | None = None
    # row weights when fitting: "publisher" (each publisher weighs the same), "class" (each class
    # does), "sqrt-class" (the square root of the class weights), "publisher+class" (both), None (every row weighs 1)
    balance: str | None = None
    # the features the head reads, as name prefixes (features.FEATURE_NAMES); None: all of them. The others
    # get weight 0, so every model keeps the one feature layout the runs compute
    features: tuple[str, ...] | None = None
    # features the head does not read, as name prefixes, among those `features` selects
    without: tuple[str, ...] = ()
    # how much of a kept candidate's class probabilities come from the mean over the kept candidates under the
    # same section heading (0: none): commitments of one section mostly serve one purpose
    section_weight: float = 0.0
    # classes the rules' own value keeps: where the rules give one of these, the head does not overrule them (their
    # cue for it is more precise than the model's), and the head decides the other candidates
    keep_rules: tuple[str, ...] = ()
    # also trained on the made-up policies (gold/synthetic): their labels teach a head what few real files show
    # (the areas' language), never what a real publisher's text looks like, so only a head that gains from them
    # under LOPO over the real files uses them
    made_up: bool = False

    def field_value(self, cls: str) -> Any:
        return cls if self.value is None else self.value(cls)

    def kept_class(self, rules_value: Any) -> str | None:
        """The class of `keep_rules` whose field value the rules gave (the head leaves it), or None."""
        return next((cls for cls in self.keep_rules if self.field_value(cls) == rules_value), None)


_HEADS: dict[str, Head] = {}


def register_head(head: Head) -> Head:
    _HEADS[head.name] = head
    return head


def unregister_head(name: str) -> None:
    _HEADS.pop(name, None)


def get_head(name: str) -> Head:
    from ..errors import ConfigError

    try:
        return _HEADS[name]
    except KeyError:
        raise ConfigError(f"unknown head '{name}' (known: {', '.join(sorted(_HEADS))})") from None


def heads() -> list[Head]:
    return list(_HEADS.values())


# The words vague commitments are made of (quality, open effort, aim) tell the specificity head what the guide calls
# vague; they say nothing of whether a sentence commits, and read by this head they cost development LOPO 0.002
COMMITMENT = register_head(Head(
    "commitment", ("no", "yes"), lambda g: "no" if g is None else "yes",
    "is the candidate a commitment (matches a gold commitment)", without=("quality_words", "open_effort", "aim_verb")))
register_head(Head(
    "modality", MODALITIES, lambda g: None if g is None else g.modality,
    "modality of a commitment", field="modality"))
# The rules' specificity reads the guide's cues (fields.specificity); the head, which reads what they say and the
# quote's vector, corrects them between vague and concrete, where the annotators weigh the whole sentence. A
# quantitative from the rules is kept: its cue (a number, a frequency, a deadline) is more precise than the model,
# which sees few quantitative rows. Development LOPO over the matched proposals (bench/spec_grid.py): rules alone
# 0.799 (kappa 0.655); the head keeping the rules' quantitative 0.824 (0.694). C=0.1 with vector weight 4 or 8,
# class weights, fewer features, the rules' specificity cues one by one as extra features (0.816), and overruling the
# rules only above a probability of 0.5-0.7 did no better. The words vague commitments are made of as three counts
# (propose: quality words, open effort, aim verbs; 2026-12-07): 0.810 -> 0.817, kappa 0.662 -> 0.675
register_head(Head(
    "specificity", SPECIFICITIES, lambda g: None if g is None else g.specificity,
    "specificity of a commitment", field="specificity", keep_rules=("quantitative",)))
# eight classes whose signal is in the words, not in the rules' cues. The head reads the areas' words in the
# quote and its heading, the quote's similarity to each area's description and the quote's vector
# (features.AREA_FEATURES, text_*); the rules' cues say whether a sentence commits, not to what, and the
# heading's own vector and its similarity to the descriptions carry one publisher's section names. Rows weighted
# so that each area counts the same: with publisher weights alone the rarest area (external involvement) was
# never predicted, and a coverage card that can never fill a row is no card. bench/seoul_grid.py, development
# LOPO: accuracy 0.585, macro-F1 0.459, coverage 0.906 here against 0.583, 0.481, 0.875 for the previous head
# (every feature, publisher and class weights, C=0.1); LOPO over all seven gold files 0.603, 0.547, 0.911
# against 0.579, 0.523, 0.839
# Each kept commitment's area probabilities are then moved 0.3 of the way to its section's mean (`section_weight`,
# chosen on development LOPO over 0-0.5: accuracy 0.560 -> 0.576); LOPO over all 13 files 0.593 -> 0.604, held-out
# 0.593 -> 0.574
# With ten publishers (two more joined), a grid on development LOPO (bench/seoul_grid.py
# folds) chose C=0.1, vector weight 8 and the rules' cues of what kind of act it is (modality, specificity,
# verifiable, trigger, list item, hedge, body, process, imperative): accuracy 0.586 -> 0.619, macro-F1
# 0.531 -> 0.557; LOPO over all 14 files 0.608 -> 0.634, held-out 0.571 -> 0.589
# Tried and left out (2026-12-06): the quote and its safeguard embedded on their own plus a list lead-in's area
# words raised development LOPO 0.622 -> 0.676 and LOPO over all 14 files 0.624 -> 0.674, but not the held-out
# files (0.571 -> 0.565; area levels 0.656 -> 0.562) nor the area levels under LOPO (0.643 -> 0.607), and made
# `extract run data/corpus` 24 -> 36 s; the safeguard's first twelve words alone (28 s) did no better (held-out
# 0.542). The rules cut safeguards best on the files they were written on, which is where the gain was
# Rows weighted by the square root of the equal-class weights (2026-12-07): equal weights made the rare areas' rows
# count up to seven times a mitigation's, and the head named continual improvement (V) for 51 development commitments
# of other areas under LOPO. `extract eval --lopo --split dev`: accuracy 0.657 -> 0.672, macro-F1 0.627 -> 0.638,
# coverage 0.900 both, area levels 0.713 -> 0.725; with C=0.03 0.679, 0.634, 0.912 but levels 0.700
# (bench/seoul_grid.py: vector weight 4 or 12 and section weight 0.2-0.5 within 0.02)
register_head(Head(
    "seoul", SEOUL_AREAS, lambda g: None if g is None else g.seoul,
    "the Seoul commitment area a commitment mainly serves (ANNOTATION.md)", field="seoul",
    c=0.1, vector_weight=8.0, balance="sqrt-class",
    features=("area_words_", "area_heading_words_", "area_sim_", "text_", "mod_", "spec_", "verifiable", "has_trigger",
              "is_item", "hedge", "body", "process", "imperative"), section_weight=0.3, made_up=True))
