"""The contract of a diff: the JSON file `OUT/<old>__<new>.diff.json`, its labels, and the hook an
aligner that reads the commitments (the LLM judge) plugs into."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, Protocol

import numpy as np
from pydantic import BaseModel, Field

from ..models import DocumentInfo, ExtractionOutput, Modality, Span, Specificity

ChangeLabel = Literal["unchanged", "reworded", "strengthened", "weakened", "removed", "added"]
Confidence = Literal["confident", "below_threshold", "close_candidate"]
Direction = Literal["weaker", "stronger", "neutral"]
ReasonKind = Literal["modality", "specificity", "trigger", "verifier", "escape", "quantity", "wording",
                     "removed", "added"]

LABELS: tuple[str, ...] = ("weakened", "removed", "strengthened", "added", "reworded", "unchanged")
MODALITY_RANK: dict[str, int] = {"must": 3, "must_not": 3, "should": 2, "intend": 1, "may": 0}
SPECIFICITY_RANK: dict[str, int] = {"quantitative": 2, "concrete": 1, "vague": 0}
NEAREST = 3  # closest commitments on the other side listed with a removed or added one

EmbedFn = Callable[[list[str]], np.ndarray]



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
    confidence: Confidence | None = Field(
        default=None, description="removed/added: 'confident' when no commitment on the other side reaches "
        "run.floor (the aligner could never have paired it); else no counterpart was found above the threshold: "
        "'close_candidate' when the best candidate reaches run.close, 'below_threshold' otherwise (it may have "
        "been rewritten: check `nearest`). A removal the LLM judge confirmed (it chose none) is confident; null "
        "for a pair")


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
    close: float | None = Field(
        default=None, description="an unpaired commitment whose best candidate reaches this similarity (the "
        "threshold minus CLOSE_GAP, not below the floor) has a close candidate")


class UnpairedCount(BaseModel):
    """How many removed (or added) commitments are sure, and how many only lack a counterpart above the
    threshold (how far to trust the count)."""

    confident: int = Field(default=0, description="no candidate on the other side reaches run.floor")
    below_threshold: int = Field(default=0, description="a candidate reaches run.floor, none reaches run.close")
    close_candidate: int = Field(default=0, description="a candidate reaches run.close, but none was paired")


class DiffOutput(BaseModel):
    """The comparison of two versions: the file `OUT/<old>__<new>.diff.json`."""

    schema_version: str
    old_doc_id: str
    new_doc_id: str
    old_document: DocumentInfo
    new_document: DocumentInfo
    run: DiffRunInfo
    summary: dict[str, int] = Field(description="pairs per label")
    unpaired: dict[str, UnpairedCount] = Field(
        default_factory=dict, description="removed and added, each split into confident, below_threshold and "
        "close_candidate: "
        "how far to trust the removed/added counts")
    pairs: list[DiffPair] = Field(description="sorted: weakened, removed, strengthened, added, reworded, unchanged")


def diff_json_schema() -> dict[str, Any]:
    """The published JSON Schema of a diff (`extract schema --diff`)."""
    schema = DiffOutput.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "extractor diff"
    return schema


def diff_filename(diff: DiffOutput) -> str:
    return f"{diff.old_doc_id}__{diff.new_doc_id}.diff.json"



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

