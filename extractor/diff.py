"""Compare two versions of a policy: which commitments stayed, moved, softened, hardened or vanished.

Alignment is one to one and global. Each old/new pair gets a similarity: the cosine of the quotes'
MiniLM embeddings (the model the Chroma index uses; with the documents at hand, also of the quotes'
paragraphs, because a list item or a short clause means what its lead-in says) blended with a text
similarity. `scipy.optimize.linear_sum_assignment` then picks the pairing with the largest total
similarity, and keeps a pair when its similarity is above a threshold, or, below it but above a
floor, when each side is the other's clearly best candidate (its similarity beats every other one in
its row and its column by a margin): a rewrite moves true counterparts down to the similarity of
unrelated text, but a pair that stands out from both sides' alternatives is still a counterpart.
What stays unpaired is removed (old) or added (new). Greedy best-first pairing lets one commitment
take the partner another one needed; the assignment does not.

Each pair is labelled by rules that hold for any policy: binding force (must > should > intend >
may), specificity (quantitative > concrete > vague), deadlines, conditions and exceptions, named
verifiers (publication, external parties, the board, audits) and escape clauses.

Optionally (`judge=`, `extract diff --judge llm`, extractor/diff_judge.py) an LLM reads each old
commitment with its most similar new ones and says which carries the same obligation, or none; its
choices become strong preferences in the same assignment, and its label wins over the rules' for the
pairs it chose (the rules' reasons stay as evidence). This module never imports the LLM client.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Literal, Protocol

import numpy as np
from pydantic import BaseModel, Field, ValidationError

from . import SCHEMA_VERSION, __version__
from .errors import ExtractorError, GoldError, InputError
from .gold import find_all
from .models import Commitment, DocumentInfo, ExtractionOutput, Modality, Span, Specificity
from .textutil import normalize_ws, normalized_with_map, tokens

ChangeLabel = Literal["unchanged", "reworded", "strengthened", "weakened", "removed", "added"]
Direction = Literal["weaker", "stronger", "neutral"]
ReasonKind = Literal["modality", "specificity", "trigger", "verifier", "escape", "quantity", "wording",
                     "removed", "added"]

LABELS: tuple[str, ...] = ("weakened", "removed", "strengthened", "added", "reworded", "unchanged")
MODALITY_RANK: dict[str, int] = {"must": 3, "must_not": 3, "should": 2, "intend": 1, "may": 0}
SPECIFICITY_RANK: dict[str, int] = {"quantitative": 2, "concrete": 1, "vague": 0}

# Set on the one annotated version pair (anthropic_rsp v1.0 -> v2.0), on a coarse grid, kept round;
# the relative criterion (FLOOR, MARGIN) was chosen on half the gold pairs and checked on the other
# half (bench/diff_quality.py --cv).
THRESHOLD = 0.50  # a pair this similar is kept whatever its alternatives
FLOOR = 0.20  # below it nothing is paired; between FLOOR and THRESHOLD only a clear mutual best
MARGIN = 0.02  # how far a mutual best must beat the second best of its row and of its column
TEXT_THRESHOLD = 0.15  # text similarity alone (no embedding) runs lower; no relative criterion there
EMBED_WEIGHT = 0.6  # the rest is text similarity
CONTEXT_SHARE = 1 / 3  # of the embedding weight, when the documents are at hand
CONTEXT_CHARS = 300
EMBEDDING_NAME = "extractor-minilm-int8"
NEAREST = 3  # closest commitments on the other side listed with a removed or added one

EmbedFn = Callable[[list[str]], np.ndarray]


# ---------------------------------------------------------------------------------------------
# The JSON contract of a diff: OUT/<old>__<new>.diff.json


class Reason(BaseModel):
    """One observed change and which way it moves the commitment."""

    kind: ReasonKind
    direction: Direction
    weight: float = Field(default=1.0, description="how much it counts towards the label")
    old: str | None = Field(default=None, description="the old value or words, if any")
    new: str | None = Field(default=None, description="the new value or words, if any")
    text: str = Field(description="the reason in words, e.g. 'modality must -> intend'")


class Side(BaseModel):
    """The fields of one side of a pair that the label is read from."""

    actor: str
    modality: Modality
    specificity: Specificity
    trigger: str | None
    verifiable: bool


class PairVerdict(BaseModel):
    """What the LLM judge said about one old commitment. When it chose the pair, its label is the pair's
    (the rules' label and reasons stay as evidence); `rule_label` is what the rules alone said."""

    label: ChangeLabel = Field(description="the judge's label: removed when it found no counterpart")
    reason: str = Field(description="the judge's reason, one line")
    new_id: str | None = Field(default=None, description="the new commitment it chose; null: none (removed)")
    rule_label: ChangeLabel | None = Field(default=None, description="the label the rules give this pair")


class Nearest(BaseModel):
    """A commitment on the other side close to a removed or added one: where a rater looks first to
    confirm that it has no counterpart, since similarity misses thorough rewrites."""

    id: str
    quote: str
    page: int
    similarity: float = Field(description="blended similarity to the removed/added commitment")


class DiffPair(BaseModel):
    """One old commitment and its counterpart in the new version (either may be null)."""

    label: ChangeLabel
    old_id: str | None = Field(description="commitment id in the old output; null for an added one")
    new_id: str | None = Field(description="commitment id in the new output; null for a removed one")
    old_quote: str | None
    new_quote: str | None
    old_span: Span | None
    new_span: Span | None
    old: Side | None = None
    new: Side | None = None
    reasons: list[Reason] = Field(default_factory=list)
    why: str = Field(default="", description="the reasons in one line")
    similarity: float | None = Field(
        default=None, description="blended similarity of the pair; for removed/added, of the closest candidate")
    embedding_similarity: float | None = Field(default=None, description="cosine of the quotes' embeddings")
    text_similarity: float | None = None
    judge: PairVerdict | None = Field(
        default=None, description="the LLM judge's word on this old commitment (--judge llm); null when not asked")
    nearest: list[Nearest] = Field(
        default_factory=list, description=f"removed/added: the {NEAREST} closest commitments on the other side")


class JudgeInfo(BaseModel):
    """How the LLM judge ran (--judge llm)."""

    model: str
    prompt_version: str = Field(description="prompt folder version + hash of what the model is shown")
    mode: str = Field(description="instructor mode")
    k: int = Field(description="candidates per old commitment (plus any above the threshold)")
    asked: int = Field(description="old commitments sent to the model (not in the cache)")
    cached: int = Field(description="old commitments answered from the cache")
    identical: int = Field(description="old commitments paired with an identical quote without asking")
    failed: int = Field(description="old commitments with no valid answer: aligned by similarity instead")
    calls: int = Field(description="HTTP requests made, retries and re-asks included")
    tokens: int = Field(default=0, description="prompt + completion tokens reported by the endpoint")


class DiffRunInfo(BaseModel):
    tool_version: str
    time: datetime
    old_backend: str
    new_backend: str
    embedding: str | None = Field(description="embedding model used for alignment, null if text only")
    index: str | None = Field(default=None, description="the Chroma index the embeddings were read from and kept "
                              "in (folder or URL); null: computed for this diff only")
    context: bool = Field(default=False, description="paragraphs embedded too (the documents were at hand)")
    threshold: float
    floor: float | None = Field(
        default=None, description="below the threshold, a clear mutual best down to this similarity is paired too")
    margin: float | None = Field(default=None, description="how far such a pair must beat its row's and column's "
                                 "second best")
    embed_weight: float
    aligner: Literal["similarity", "llm"] = Field(
        default="similarity", description="similarity alone, or with the LLM judge's choices as strong preferences")
    judge: JudgeInfo | None = Field(default=None, description="the LLM judge's run (aligner llm)")


class DiffOutput(BaseModel):
    """The comparison of two versions: the file `OUT/<old>__<new>.diff.json`."""

    schema_version: str
    old_doc_id: str
    new_doc_id: str
    old_document: DocumentInfo
    new_document: DocumentInfo
    run: DiffRunInfo
    summary: dict[str, int] = Field(description="pairs per label")
    pairs: list[DiffPair] = Field(description="sorted: weakened, removed, strengthened, added, reworded, unchanged")


def diff_json_schema() -> dict[str, Any]:
    """The published JSON Schema of a diff (`extract schema --diff`)."""
    schema = DiffOutput.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "extractor diff"
    return schema


def diff_filename(diff: DiffOutput) -> str:
    return f"{diff.old_doc_id}__{diff.new_doc_id}.diff.json"


# ---------------------------------------------------------------------------------------------
# Similarity and alignment

_FOOTNOTE = re.compile(r"(?<=[a-z\)])\d{1,2}\b")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
_PAGE_MARK = re.compile(r"\[\[page \d+\]\]")


def normalize_quote(text: str) -> str:
    """Case, quote marks, footnote digits and end punctuation do not make two quotes differ."""
    t = normalize_ws(text).translate(_QUOTES).lower()
    t = _FOOTNOTE.sub("", t)
    return t.strip(" .;:,")


def _features(text: str) -> tuple[set[str], set[str]]:
    """Character trigrams (light edits, inflections) and content tokens (reordering) of a quote."""
    padded = f" {normalize_quote(text)} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}, set(tokens(padded))


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def text_similarity(a: str, b: str) -> float:
    """Mean of character-trigram and content-token Jaccard; 1.0 for quotes equal once normalised."""
    if normalize_quote(a) == normalize_quote(b):
        return 1.0
    (ga, ta), (gb, tb) = _features(a), _features(b)
    return (_jaccard(ga, gb) + _jaccard(ta, tb)) / 2


def _jaccard_matrix(left: list[set[str]], right: list[set[str]]) -> np.ndarray:
    """All pairwise Jaccard indices through one product of 0/1 matrices (difflib per pair is too slow)."""
    vocab: dict[str, int] = {}
    for s in (*left, *right):
        for f in s:
            vocab.setdefault(f, len(vocab))

    def onehot(sets: list[set[str]]) -> np.ndarray:
        m = np.zeros((len(sets), max(1, len(vocab))), dtype=np.float32)
        for r, s in enumerate(sets):
            m[r, [vocab[f] for f in s]] = 1.0
        return m

    a, b = onehot(left), onehot(right)
    inter = a @ b.T
    union = a.sum(1)[:, None] + b.sum(1)[None, :] - inter
    return np.where(union > 0, inter / np.clip(union, 1e-9, None), 0.0).astype(np.float64)


def text_similarity_matrix(old: Sequence[str], new: Sequence[str]) -> np.ndarray:
    """`text_similarity` for every old x new pair."""
    fo, fn = [_features(t) for t in old], [_features(t) for t in new]
    sim = (_jaccard_matrix([g for g, _ in fo], [g for g, _ in fn])
           + _jaccard_matrix([t for _, t in fo], [t for _, t in fn])) / 2
    equal: dict[str, list[int]] = {}
    for j, t in enumerate(new):
        equal.setdefault(normalize_quote(t), []).append(j)
    for i, t in enumerate(old):
        for j in equal.get(normalize_quote(t), []):
            sim[i, j] = 1.0
    return sim


def default_embed(texts: list[str]) -> np.ndarray:
    from .embed import embed_texts

    return embed_texts(texts)


def _cosine(embed: EmbedFn, left: list[str], right: list[str]) -> np.ndarray:
    unique = list(dict.fromkeys(left + right))  # kept quotes appear on both sides: embed them once
    row = {t: k for k, t in enumerate(unique)}
    vectors = np.asarray(embed(unique), dtype=np.float64)[[row[t] for t in left + right]]
    vectors /= np.clip(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12, None)
    return np.clip(vectors[: len(left)] @ vectors[len(left):].T, 0.0, 1.0)


def context_of(text: str, span: Span, reach: int = CONTEXT_CHARS) -> str:
    """The paragraph around a quote, at most `reach` characters either side of it."""
    lo = max(text.rfind("\n\n", 0, span.start), span.start - reach, 0)
    hi = text.find("\n\n", span.end)
    hi = min(hi if hi >= 0 else len(text), span.end + reach)
    return normalize_ws(_PAGE_MARK.sub(" ", text[lo:hi]))


def similarity(old: Sequence[Commitment], new: Sequence[Commitment], embed: EmbedFn | None = default_embed,
               embed_weight: float = EMBED_WEIGHT, old_text: str | None = None,
               new_text: str | None = None) -> tuple[np.ndarray, np.ndarray | None, np.ndarray]:
    """(blended, quote-embedding or None, text) similarity matrices, old x new, in 0..1."""
    text = text_similarity_matrix([c.quote for c in old], [c.quote for c in new])
    if embed is None or not old or not new:
        return text, None, text
    emb = _cosine(embed, [c.quote for c in old], [c.quote for c in new])
    semantic = emb
    if old_text is not None and new_text is not None:
        ctx = _cosine(embed, [context_of(old_text, c.span) for c in old], [context_of(new_text, c.span) for c in new])
        semantic = (1 - CONTEXT_SHARE) * emb + CONTEXT_SHARE * ctx
    blended = embed_weight * semantic + (1 - embed_weight) * text
    # the same words are the same commitment, whatever surrounds them now
    return np.where(text >= 1.0, 1.0, blended), emb, text


def standout(sim: np.ndarray) -> np.ndarray:
    """How far each pair beats the best alternative of either side: sim[i, j] minus the largest
    other similarity in row i and in column j. Positive only for a mutual best."""
    n, m = sim.shape
    if n == 0 or m == 0:
        return np.zeros_like(sim)
    ordered_r = np.sort(sim, axis=1)
    ordered_c = np.sort(sim, axis=0)
    top_r, second_r = ordered_r[:, -1:], ordered_r[:, -2:-1] if m > 1 else np.full((n, 1), -np.inf)
    top_c, second_c = ordered_c[-1:], ordered_c[-2:-1] if n > 1 else np.full((1, m), -np.inf)
    # for the row's best, the alternative is the row's second; for every other cell, the row's best
    other_r = np.where(sim >= top_r, second_r, top_r)
    other_c = np.where(sim >= top_c, second_c, top_c)
    return np.asarray(sim - np.maximum(other_r, other_c))


def assign(sim: np.ndarray, threshold: float, floor: float | None = None,
           margin: float = MARGIN) -> list[tuple[int, int]]:
    """The one-to-one pairing that maximises the summed similarity above `floor`, keeping a pair
    that reaches `threshold`, or `floor` and stands out (`standout` >= `margin`).

    A pair below the floor gains nothing over leaving both sides unpaired, so maximising
    sum(max(sim - floor, 0)) and dropping the pairs below it is the optimum when not pairing is
    allowed. `floor=None` (or >= threshold) is the plain threshold.
    """
    from scipy.optimize import linear_sum_assignment

    if sim.size == 0:
        return []
    floor = threshold if floor is None else min(floor, threshold)
    rows, cols = linear_sum_assignment(np.clip(sim - floor, 0.0, None), maximize=True)
    keep = sim >= threshold
    if floor < threshold:
        keep |= (sim >= floor) & (standout(sim) >= margin)
    return [(int(i), int(j)) for i, j in zip(rows, cols, strict=True) if keep[i, j]]


def assign_greedy(sim: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    """Best pair first: the baseline the optimal assignment improves on (kept for tests and benches)."""
    pairs: list[tuple[int, int]] = []
    used_i: set[int] = set()
    used_j: set[int] = set()
    for flat in np.argsort(-sim, axis=None, kind="stable"):
        i, j = divmod(int(flat), sim.shape[1])
        if sim[i, j] < threshold:
            break
        if i not in used_i and j not in used_j:
            pairs.append((i, j))
            used_i.add(i)
            used_j.add(j)
    return pairs


# ---------------------------------------------------------------------------------------------
# Labels

# a time limit ("before we train X", "within 30 days"); "until" bounds a duration: a condition
_DEADLINE = re.compile(r"^(?:before|prior\s+to|by\s+the\s+time|no\s+later\s+than|within|by)\b", re.I)
_EXCEPTION = re.compile(r"^(?:unless|except)\b", re.I)
_VAGUE_TRIGGER = re.compile(
    r"\b(?:significant(?:ly)?|appropriate|necessary|warranted|sufficient(?:ly)?|substantial(?:ly)?|"
    r"we\s+(?:determine|believe|judge|decide|think)|in\s+our\s+(?:judge?ment|view)|deem(?:s|ed)?|"
    r"reasonabl[ey]|possible|feasible|likely)\b",
    re.I,
)
# families of words naming someone or something outside the author's own judgement
VERIFIERS: dict[str, re.Pattern[str]] = {
    "publication": re.compile(r"\b(?:publish(?:es|ed|ing)?|publication|public(?:ly)?|disclos(?:e|es|ed|ure))\b",
                              re.I),
    "external party": re.compile(
        r"\b(?:external(?:ly)?|third[-\s]part(?:y|ies)|independent(?:ly)?|outside\s+experts?)\b", re.I),
    # "the Trust" (a governing body), not "trust and safety" or "trusted"
    # (a body the document names by an acronym counts through its expansion: `document_acronyms`)
    "board": re.compile(r"\b(?:board|governing\s+bod(?:y|ies)|trustees?|(?-i:Trust))\b", re.I),
    "audit": re.compile(r"\b(?:audit(?:s|ed|ing|ors?)?|certif(?:y|ied|ication)|SOC\s*2|ISO\s*\d*)\b", re.I),
    "government": re.compile(r"\b(?:government(?:s|al)?|regulators?|authorit(?:y|ies)|law\s+enforcement)\b", re.I),
    "notification": re.compile(r"\b(?:notif(?:y|ies|ied|ication)|report(?:s|ed|ing)?\s+to|inform)\b", re.I),
    "sign-off": re.compile(r"\b(?:approv(?:e|es|ed|al)|sign[-\s]?off)\b", re.I),
}
# discretion and escape clauses (ANNOTATION.md), and lists that became examples
ESCAPES = re.compile(
    r"\b(?:where\s+(?:possible|feasible|appropriate|practicable|relevant)|when\s+(?:appropriate|necessary|"
    r"possible|needed)|as\s+(?:appropriate|needed|necessary|feasible|possible)|if\s+(?:appropriate|necessary|"
    r"feasible|possible|warranted)|to\s+the\s+extent\s+(?:possible|feasible|practicable)|reasonabl[ey]|"
    r"at\s+(?:our|its)\s+(?:sole\s+)?discretion|in\s+our\s+judge?ment|(?:could|might|may)\s+include|"
    r"examples?\s+include|unless|(?:where|when|if)\s+we\s+(?:determine|deem|judge))\b",
    re.I,
)
_QUANTITY = re.compile(
    r"\$\s?\d[\d,.]*|\b\d+(?:[.,]\d+)?(?:\s*-\s*\d+(?:[.,]\d+)?)?\s*(?:%|percent|per\s+cent|x\b|times\b|days?\b|"
    r"weeks?\b|months?\b|years?\b|hours?\b|minutes?\b)|\b(?:each|every)\s+(?:quarter|year|month|week|day|\d+\s+\w+)|"
    r"\b(?:annually|quarterly|monthly|weekly|daily)\b|\b(?:19|20)\d\d\b",
    re.I,
)


class Clause(Protocol):
    """What a label is read from; a `Commitment` is one."""

    quote: str
    modality: Modality
    specificity: Specificity
    trigger: str | None


def _trigger_kind(trigger: str | None) -> str | None:
    if not trigger:
        return None
    t = trigger.strip()
    if _EXCEPTION.match(t) or ESCAPES.match(t):  # "unless ...", "when appropriate"
        return "exception"
    if _DEADLINE.match(t):
        return "deadline"
    return "condition"


def _trigger_reasons(old: str | None, new: str | None) -> list[Reason]:
    """A lost deadline or an added exception weakens; an added condition narrows (weakens a little)."""
    ko, kn = _trigger_kind(old), _trigger_kind(new)
    if ko == kn and (ko is None or normalize_quote(old or "") == normalize_quote(new or "")):
        return []

    def reason(direction: Direction, weight: float, text: str) -> Reason:
        return Reason(kind="trigger", direction=direction, weight=weight, old=old, new=new, text=text)

    if ko == "deadline" and kn != "deadline":
        return [reason("weaker", 1.0, f"deadline removed ('{old}')")]
    if kn == "deadline" and ko != "deadline":
        return [reason("stronger", 1.0, f"deadline added ('{new}')")]
    if kn == "exception" and ko != "exception":
        return [reason("weaker", 1.0, f"exception added ('{new}')")]
    if ko == "exception" and kn != "exception":
        return [reason("stronger", 1.0, f"exception removed ('{old}')")]
    if ko == "condition" and kn is None:
        return [reason("stronger", 0.5, f"condition removed, now unconditional ('{old}')")]
    if ko is None and kn == "condition":
        return [reason("weaker", 0.5, f"condition added ('{new}')")]
    vo, vn = bool(_VAGUE_TRIGGER.search(old or "")), bool(_VAGUE_TRIGGER.search(new or ""))
    if vn and not vo:
        return [reason("weaker", 1.0, f"trigger loosened ('{old}' -> '{new}')")]
    if vo and not vn:
        return [reason("stronger", 1.0, f"trigger tightened ('{old}' -> '{new}')")]
    return [reason("neutral", 0.0, f"trigger reworded ('{old}' -> '{new}')")]


def document_acronyms(*texts: str | None) -> dict[str, str]:
    """The bodies the documents name by acronym ("Safety Review Board (SRB)"): read from the documents,
    never listed here."""
    from .backends.rules import body_acronyms

    out: dict[str, str] = {}
    for text in texts:
        if text:
            for acr, expansion in body_acronyms(text).items():
                out.setdefault(acr, expansion)
    return out


def _families(text: str, acronyms: Mapping[str, str] | None = None) -> set[str]:
    if acronyms:
        text = " ".join([text, *(exp for acr, exp in acronyms.items() if re.search(rf"\b{re.escape(acr)}\b", text))])
    return {name for name, rx in VERIFIERS.items() if rx.search(text)}


def _escapes(text: str) -> set[str]:
    return {" ".join(m.group(0).lower().split()) for m in ESCAPES.finditer(text)}


def _quantities(text: str) -> set[str]:
    return {" ".join(m.group(0).lower().split()) for m in _QUANTITY.finditer(text)}


def compare(old: Clause, new: Clause, acronyms: Mapping[str, str] | None = None) -> tuple[ChangeLabel, list[Reason]]:
    """The label of an aligned pair and the observed changes behind it.

    Each change counts its weight in its direction; the sign of the sum is the label, and a sum of
    zero (no change in force, or changes that balance) is `reworded`.
    """
    if normalize_quote(old.quote) == normalize_quote(new.quote):
        return "unchanged", []
    reasons: list[Reason] = []
    mo, mn = MODALITY_RANK[old.modality], MODALITY_RANK[new.modality]
    if mo != mn:
        reasons.append(Reason(kind="modality", direction="weaker" if mn < mo else "stronger", weight=abs(mn - mo),
                              old=old.modality, new=new.modality, text=f"modality {old.modality} -> {new.modality}"))
    so, sn = SPECIFICITY_RANK[old.specificity], SPECIFICITY_RANK[new.specificity]
    if so != sn:
        reasons.append(Reason(kind="specificity", direction="weaker" if sn < so else "stronger", weight=abs(sn - so),
                              old=old.specificity, new=new.specificity,
                              text=f"specificity {old.specificity} -> {new.specificity}"))
    reasons.extend(_trigger_reasons(old.trigger, new.trigger))
    fo, fn = _families(old.quote, acronyms), _families(new.quote, acronyms)
    reasons += [Reason(kind="verifier", direction="weaker", weight=0.5, old=f, text=f"verifier removed: {f}")
                for f in sorted(fo - fn)]
    reasons += [Reason(kind="verifier", direction="stronger", weight=0.5, new=f, text=f"verifier added: {f}")
                for f in sorted(fn - fo)]
    # an escape clause that is the trigger is reported as the trigger
    eo = _escapes(old.quote) - _escapes(old.trigger or "" if _trigger_kind(old.trigger) == "exception" else "")
    en = _escapes(new.quote) - _escapes(new.trigger or "" if _trigger_kind(new.trigger) == "exception" else "")
    reasons += [Reason(kind="escape", direction="weaker", weight=0.5, new=e, text=f"escape clause added: '{e}'")
                for e in sorted(en - eo)]
    reasons += [Reason(kind="escape", direction="stronger", weight=0.5, old=e, text=f"escape clause removed: '{e}'")
                for e in sorted(eo - en)]
    if so == sn:  # a number that moved the specificity is reported there already
        qo, qn = _quantities(old.quote), _quantities(new.quote)
        lost, gained = ", ".join(sorted(qo - qn)), ", ".join(sorted(qn - qo))
        if lost and not qn:
            reasons.append(Reason(kind="quantity", direction="weaker", weight=0.5, old=lost,
                                  text=f"number removed: {lost}"))
        elif lost or gained:
            reasons.append(Reason(kind="quantity", direction="neutral" if lost else "stronger",
                                  weight=0.0 if lost else 0.5, old=lost or None, new=gained or None,
                                  text=f"number changed: {lost or 'none'} -> {gained}"))
    score = sum(r.weight * {"stronger": 1, "weaker": -1, "neutral": 0}[r.direction] for r in reasons)
    if score < 0:
        return "weakened", reasons
    if score > 0:
        return "strengthened", reasons
    if not any(r.direction != "neutral" for r in reasons):
        reasons.append(Reason(kind="wording", direction="neutral", weight=0.0, text="same force, other words"))
    else:
        reasons.append(Reason(kind="wording", direction="neutral", weight=0.0,
                              text="changes in both directions balance"))
    return "reworded", reasons


# ---------------------------------------------------------------------------------------------
# The diff


def _side(c: Commitment) -> Side:
    return Side(actor=c.actor, modality=c.modality, specificity=c.specificity, trigger=c.trigger,
                verifiable=c.verifiable)


def _sort_key(p: DiffPair) -> tuple[int, float, int]:
    """Label order, then the surest first (pairs: most similar; removed/added: least like anything
    on the other side), then document order."""
    span = p.old_span or p.new_span
    sim = p.similarity if p.similarity is not None else 0.0
    sureness = -sim if p.label in ("removed", "added") else sim
    return LABELS.index(p.label), -sureness, span.start if span else 0


def _nearest(row: np.ndarray, others: Sequence[Commitment]) -> list[Nearest]:
    order = np.argsort(-row, kind="stable")[:NEAREST]
    return [Nearest(id=others[j].id, quote=others[j].quote, page=others[j].span.page,
                    similarity=round(float(row[j]), 4)) for j in order]


def _unpaired(c: Commitment, side: Literal["old", "new"], row: np.ndarray, others: Sequence[Commitment]) -> DiffPair:
    best = float(row.max()) if row.size else None
    nearest = _nearest(row, others)
    if side == "old":
        text = "no counterpart in the new version"
        return DiffPair(label="removed", old_id=c.id, new_id=None, old_quote=c.quote, new_quote=None, old_span=c.span,
                        new_span=None, old=_side(c), why=text,
                        reasons=[Reason(kind="removed", direction="weaker", old=c.quote, text=text)],
                        similarity=None if best is None else round(best, 4), nearest=nearest)
    text = "new in this version"
    return DiffPair(label="added", old_id=None, new_id=c.id, old_quote=None, new_quote=c.quote, old_span=None,
                    new_span=c.span, new=_side(c), why=text,
                    reasons=[Reason(kind="added", direction="stronger", new=c.quote, text=text)],
                    similarity=None if best is None else round(best, 4), nearest=nearest)


@dataclass
class JudgeVerdict:
    """A judge's answer for one old commitment, by index: the new commitment it chose (None: none, the
    old one was removed), its label for that pair and why."""

    new: int | None
    label: ChangeLabel
    reason: str


@dataclass
class JudgeOutcome:
    """What a pair judge hands back: the matrix the assignment maximises instead of the similarity
    (the judge's choices as strong preferences), its verdicts by old index (an old commitment it could
    not judge has none and is aligned by similarity), and how it ran."""

    preference: np.ndarray
    verdicts: dict[int, JudgeVerdict]
    info: JudgeInfo


class PairJudge(Protocol):
    """The hook for an aligner that reads the commitments (extractor.diff_judge.LLMDiffJudge)."""

    def __call__(self, old: ExtractionOutput, new: ExtractionOutput, sim: np.ndarray, threshold: float,
                 old_text: str | None, new_text: str | None) -> JudgeOutcome: ...


def _judged(pair: DiffPair, verdict: JudgeVerdict | None, new: Sequence[Commitment]) -> DiffPair:
    """The pair with the judge's word. The judge's label wins over the rules' when it chose this very
    pair, except that identical words are `unchanged` and different words are never `unchanged`; the
    rules' reasons stay as evidence, and `judge.rule_label` keeps their label."""
    if verdict is None:
        return pair
    chosen = None if verdict.new is None else new[verdict.new].id
    reason = " ".join(verdict.reason.split())
    note = PairVerdict(label=verdict.label, reason=reason, new_id=chosen, rule_label=pair.label)
    if pair.old_quote is None or pair.new_id is None or pair.new_id != chosen:
        if chosen is not None:  # it chose a new commitment that the assignment gave another old one
            reason = f"its choice went to another old commitment; {reason}"
        return pair.model_copy(update={"judge": note, "why": f"LLM: {reason} | {pair.why}"})
    label = verdict.label
    same_words = normalize_quote(pair.old_quote) == normalize_quote(pair.new_quote or "")
    if same_words:
        label = "unchanged"
    elif label in ("unchanged", "removed"):
        label = "reworded"
    return pair.model_copy(update={"label": label, "judge": note, "why": f"LLM: {reason} | rules: {pair.why}"})


def diff_outputs(old: ExtractionOutput, new: ExtractionOutput, *, threshold: float | None = None,
                 embed: EmbedFn | None = default_embed, embed_weight: float = EMBED_WEIGHT,
                 old_text: str | None = None, new_text: str | None = None, greedy: bool = False,
                 floor: float | None = None, margin: float = MARGIN, judge: PairJudge | None = None) -> DiffOutput:
    """Align the commitments of two extraction outputs and label every pair.

    `old_text`/`new_text` are the documents' texts; given both, paragraphs count in the alignment.
    `embed=None` aligns on text similarity alone. The threshold defaults to THRESHOLD, or to
    TEXT_THRESHOLD without embeddings; the floor of the relative criterion to FLOOR with embeddings
    (never above the threshold) and to the threshold without (no relative criterion). `greedy`
    pairs best-first above the threshold instead (a baseline for benches). `judge` (the LLM judge)
    turns the similarity into the preferences the assignment maximises and labels what it paired.
    """
    if threshold is None:
        threshold = THRESHOLD if embed is not None else TEXT_THRESHOLD
    if floor is None:
        floor = FLOOR if embed is not None else threshold
    floor = min(floor, threshold)
    blended, emb, text = similarity(old.commitments, new.commitments, embed, embed_weight, old_text, new_text)
    outcome = judge(old, new, blended, threshold, old_text, new_text) if judge is not None else None
    preference = blended if outcome is None else outcome.preference
    verdicts = {} if outcome is None else outcome.verdicts
    if greedy:
        matched = assign_greedy(preference, threshold)
    else:
        matched = assign(preference, threshold, floor, margin)
    pairs: list[DiffPair] = []
    acronyms = document_acronyms(old_text, new_text)
    for i, j in matched:
        a, b = old.commitments[i], new.commitments[j]
        label, reasons = compare(a, b, acronyms)
        pairs.append(_judged(DiffPair(
            label=label, old_id=a.id, new_id=b.id, old_quote=a.quote, new_quote=b.quote,
            old_span=a.span, new_span=b.span, old=_side(a), new=_side(b), reasons=reasons,
            why="; ".join(r.text for r in reasons) if reasons else "identical wording",
            similarity=round(float(blended[i, j]), 4),
            embedding_similarity=None if emb is None else round(float(emb[i, j]), 4),
            text_similarity=round(float(text[i, j]), 4),
        ), verdicts.get(i), new.commitments))
    paired_old, paired_new = {i for i, _ in matched}, {j for _, j in matched}
    pairs += [_judged(_unpaired(c, "old", blended[i], new.commitments), verdicts.get(i), new.commitments)
              for i, c in enumerate(old.commitments) if i not in paired_old]
    pairs += [_unpaired(c, "new", blended[:, j], old.commitments)
              for j, c in enumerate(new.commitments) if j not in paired_new]
    pairs.sort(key=_sort_key)
    summary = dict.fromkeys(LABELS, 0)
    for p in pairs:
        summary[p.label] += 1
    named = EMBEDDING_NAME if embed is default_embed else "custom"
    embedding = None if embed is None else getattr(embed, "name", named)
    return DiffOutput(
        schema_version=SCHEMA_VERSION, old_doc_id=old.document.id, new_doc_id=new.document.id,
        old_document=old.document, new_document=new.document,
        run=DiffRunInfo(tool_version=__version__, time=datetime.now(timezone.utc), old_backend=old.run.backend,
                        new_backend=new.run.backend, embedding=embedding, index=getattr(embed, "where", None),
                        context=embed is not None and old_text is not None and new_text is not None,
                        threshold=threshold, floor=floor, margin=margin,
                        embed_weight=embed_weight if embed is not None else 0.0,
                        aligner="similarity" if outcome is None else "llm",
                        judge=None if outcome is None else outcome.info),
        summary=summary, pairs=pairs,
    )


@dataclass
class Version:
    """One side of a diff: its extraction, and the document text when it is at hand."""

    output: ExtractionOutput
    text: str | None


def load_version(path: Path, extract: Callable[[Path], tuple[ExtractionOutput, str]]) -> Version:
    """An extraction output (`.json`; its document is read too if it is still there, unchanged) or a
    document, which `extract` runs through the pipeline."""
    from .load import load
    from .output import read_output

    if path.suffix.lower() != ".json":
        if not path.exists():
            raise InputError(path, "no such file")
        return Version(*extract(path))
    output = read_output(path)
    source = Path(output.document.path)
    if source.is_file():
        try:
            doc = load(source)
        except ExtractorError:
            return Version(output, None)
        if doc.sha256 == output.document.sha256:
            return Version(output, doc.text)
    return Version(output, None)


def pipeline_extractor(settings: Any) -> Callable[[Path], tuple[ExtractionOutput, str]]:
    """Extraction of a document with the pipeline, built once for both sides."""
    from .load import load
    from .pipeline import Pipeline

    pipeline: list[Pipeline] = []

    def extract(path: Path) -> tuple[ExtractionOutput, str]:
        if not pipeline:
            pipeline.append(Pipeline(settings))
        doc = load(path)
        return pipeline[0].extract(doc), doc.text

    return extract


def diff_versions(old: Version, new: Version, *, threshold: float | None = None,
                  embed: EmbedFn | None = default_embed, floor: float | None = None,
                  judge: PairJudge | None = None) -> DiffOutput:
    return diff_outputs(old.output, new.output, threshold=threshold, embed=embed, floor=floor,
                        old_text=old.text, new_text=new.text, judge=judge)


# ---------------------------------------------------------------------------------------------
# The text report


def _fields(side: Side | None) -> str:
    return f"[{side.modality}/{side.specificity}]" if side else ""


def render_text(diff: DiffOutput, width: int = 110, show_unchanged: bool = False) -> str:
    """A report a rater reads top to bottom: what got weaker or disappeared comes first."""
    s = diff.summary
    lines = [
        f"{diff.old_doc_id} -> {diff.new_doc_id}: {s.get('weakened', 0)} weakened, {s.get('removed', 0)} removed, "
        f"{s.get('strengthened', 0)} strengthened, {s.get('added', 0)} added, {s.get('reworded', 0)} reworded, "
        f"{s.get('unchanged', 0)} unchanged",
    ]

    def clip(text: str | None) -> str:
        t = normalize_ws(text or "")
        return t if len(t) <= width else t[: width - 3] + "..."

    current = None
    for p in diff.pairs:
        if p.label == "unchanged" and not show_unchanged:
            continue
        if p.label != current:
            current = p.label
            lines += ["", f"{p.label.upper()} ({s.get(p.label, 0)})"]
        if p.old_quote is not None and p.old_span is not None:
            lines.append(f"  - old p{p.old_span.page:<3} {_fields(p.old)} {clip(p.old_quote)}")
        if p.new_quote is not None and p.new_span is not None:
            lead = "    new" if p.old_quote is not None else "  + new"
            lines.append(f"{lead} p{p.new_span.page:<3} {_fields(p.new)} {clip(p.new_quote)}")
        lines.append(f"    why: {p.why}")
        if p.nearest:
            near = p.nearest[0]
            lines.append(f"    closest {'new' if p.old_quote is not None else 'old'}: p{near.page} "
                         f"({near.similarity:.2f}) {clip(near.quote)}")
    if not show_unchanged and s.get("unchanged"):
        lines += ["", f"UNCHANGED ({s['unchanged']}): not listed (--all lists them)"]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# Scoring against a gold alignment (gold/diffs/<old>__<new>.json)


class GoldSide(BaseModel):
    modality: Modality | None = None
    specificity: Specificity | None = None


class GoldPair(BaseModel):
    old_quote: str | None
    new_quote: str | None
    label: ChangeLabel
    old: GoldSide | None = None
    new: GoldSide | None = None
    why: str | None = None


class GoldDiff(BaseModel):
    old: str
    new: str
    pairs: list[GoldPair]


class PairOutcome(BaseModel):
    """How one gold pair with an old quote fared."""

    gold: GoldPair
    old_extracted: bool = Field(description="a predicted old commitment matches the gold old quote")
    new_extracted: bool | None = Field(
        default=None, description="some predicted new commitment matches the gold new quote (null if removed)")
    predicted_old_quote: str | None = None
    predicted_new_quote: str | None = None
    predicted_label: ChangeLabel | None = None
    aligned: bool
    label_ok: bool


class DiffScore(BaseModel):
    """Alignment and change-label accuracy over the gold pairs that have an old quote."""

    pairs: int
    old_extracted: int
    alignable: int = Field(description="old quote extracted and, unless removed, the new quote too")
    alignment_accuracy: float
    label_accuracy: float
    alignment_accuracy_extracted: float = Field(description="over pairs whose old quote was extracted")
    label_accuracy_extracted: float
    alignment_accuracy_alignable: float
    label_accuracy_alignable: float
    added_found: int = Field(description="gold added commitments predicted as added")
    added_total: int
    confusion: dict[str, dict[str, int]] = Field(description="gold label -> predicted label -> count")
    outcomes: list[PairOutcome]


def read_gold_diff(path: Path) -> GoldDiff:
    try:
        return GoldDiff.model_validate_json(path.read_bytes())
    except FileNotFoundError:
        raise GoldError(f"{path}: no such gold file") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        raise GoldError(f"{path}: not a gold diff ({'.'.join(map(str, first['loc']))}: {first['msg']})") from None


class _Normalised:
    """A document's whitespace-normalised text, where gold quotes are located (ANNOTATION.md scoring)."""

    def __init__(self, text: str, doc_id: str) -> None:
        self.norm, self.offsets = normalized_with_map(text)
        self.lower = self.norm.lower()
        self.doc_id = doc_id

    def occurrences(self, quote: str) -> list[tuple[int, int]]:
        """Every place of the quote (exact, else ignoring case); a gold quote that is nowhere is an error."""
        q = normalize_ws(quote)
        found = find_all(self.norm, q) or find_all(self.lower, q.lower())
        if not q or not found:
            raise GoldError(f"gold quote not found in {self.doc_id}: {quote[:80]!r}")
        return [(pos, pos + len(q)) for pos in found]

    def span(self, span: Span) -> tuple[int, int]:
        """A predicted span in normalised coordinates."""
        return bisect.bisect_left(self.offsets, span.start), bisect.bisect_left(self.offsets, span.end)


def span_overlap(gold: tuple[int, int], pred: tuple[int, int]) -> int:
    """The overlap when it is at least half the gold span and a third of the predicted one, else 0."""
    overlap = min(gold[1], pred[1]) - max(gold[0], pred[0])
    if overlap > 0 and 2 * overlap >= gold[1] - gold[0] and 3 * overlap >= pred[1] - pred[0]:
        return overlap
    return 0


def score_diff(diff: DiffOutput, gold: GoldDiff, old_text: str, new_text: str) -> DiffScore:
    """Per gold pair with an old quote: is the counterpart of the matching predicted old commitment
    the gold new one (or both none), and is the label the gold label?

    Predicted old commitments match gold old quotes as in extraction scoring (`evaluate.match_spans`:
    span overlap, one to one, largest overlap first); a gold old quote nothing matches is a miss on
    both counts. The counterpart is right when its span matches any occurrence of the gold new quote.
    """
    from .evaluate import match_spans

    old_doc, new_doc = _Normalised(old_text, diff.old_doc_id), _Normalised(new_text, diff.new_doc_id)
    olds = [p for p in diff.pairs if p.old_span is not None]
    news = [p for p in diff.pairs if p.new_span is not None]
    gold_old = [g for g in gold.pairs if g.old_quote]
    # gold lists quotes roughly in document order: a repeated quote takes its next occurrence
    old_spans: list[tuple[int, int]] = []
    taken: set[tuple[int, int]] = set()
    for g in gold_old:
        occ = old_doc.occurrences(g.old_quote or "")
        free = [o for o in occ if o not in taken] or occ
        later = [o for o in free if not old_spans or o[0] >= old_spans[-1][0]]
        old_spans.append((later or free)[0])
        taken.add(old_spans[-1])
    pred_spans = [old_doc.span(p.old_span) for p in olds if p.old_span is not None]
    match = {k: m for k, m, _ in match_spans(old_spans, pred_spans)}

    def hits(quote: str, span: Span | None) -> bool:
        if span is None:
            return False
        pred = new_doc.span(span)
        return any(span_overlap(o, pred) for o in new_doc.occurrences(quote))

    outcomes: list[PairOutcome] = []
    confusion: dict[str, dict[str, int]] = {}
    for k, g in enumerate(gold_old):
        new_extracted = None if not g.new_quote else any(hits(g.new_quote, p.new_span) for p in news)
        if k not in match:
            outcomes.append(PairOutcome(gold=g, old_extracted=False, new_extracted=new_extracted,
                                        aligned=False, label_ok=False))
            predicted = "(old not extracted)"
        else:
            p = olds[match[k]]
            aligned = p.new_span is None if g.new_quote is None else hits(g.new_quote, p.new_span)
            outcomes.append(PairOutcome(gold=g, old_extracted=True, new_extracted=new_extracted,
                                        predicted_old_quote=p.old_quote, predicted_new_quote=p.new_quote,
                                        predicted_label=p.label, aligned=aligned,
                                        label_ok=aligned and p.label == g.label))
            predicted = p.label if aligned or p.label == "removed" else f"{p.label} (misaligned)"
        row = confusion.setdefault(g.label, {})
        row[predicted] = row.get(predicted, 0) + 1
    extracted = [o for o in outcomes if o.old_extracted]
    alignable = [o for o in extracted if o.new_extracted is not False]
    gold_added = [g for g in gold.pairs if not g.old_quote and g.new_quote]
    added = [p for p in diff.pairs if p.label == "added"]
    added_found = sum(1 for g in gold_added if any(hits(g.new_quote or "", p.new_span) for p in added))

    def rate(xs: list[PairOutcome], attr: str) -> float:
        return round(sum(getattr(o, attr) for o in xs) / len(xs), 4) if xs else 0.0

    return DiffScore(
        pairs=len(outcomes), old_extracted=len(extracted), alignable=len(alignable),
        alignment_accuracy=rate(outcomes, "aligned"), label_accuracy=rate(outcomes, "label_ok"),
        alignment_accuracy_extracted=rate(extracted, "aligned"), label_accuracy_extracted=rate(extracted, "label_ok"),
        alignment_accuracy_alignable=rate(alignable, "aligned"), label_accuracy_alignable=rate(alignable, "label_ok"),
        added_found=added_found, added_total=len(gold_added), confusion=confusion, outcomes=outcomes,
    )


def render_score(score: DiffScore) -> str:
    lines = [
        f"gold pairs with an old quote: {score.pairs}; old commitment extracted: {score.old_extracted}; "
        f"both sides extracted: {score.alignable}",
        f"alignment accuracy: {score.alignment_accuracy:.3f}  (old extracted {score.alignment_accuracy_extracted:.3f}, "
        f"both extracted {score.alignment_accuracy_alignable:.3f})",
        f"label accuracy:     {score.label_accuracy:.3f}  (old extracted {score.label_accuracy_extracted:.3f}, "
        f"both extracted {score.label_accuracy_alignable:.3f})",
        f"gold added found as added: {score.added_found}/{score.added_total}",
        "gold label -> predicted:",
    ]
    for label in LABELS:
        row = score.confusion.get(label)
        if row:
            ranked = sorted(row.items(), key=lambda t: -t[1])
            lines.append(f"  {label:>12}: " + ", ".join(f"{k} {v}" for k, v in ranked))
    return "\n".join(lines) + "\n"
