"""Typed data that crosses stages, and the JSON contract of the outputs (ANNOTATION.md)."""

from __future__ import annotations

import bisect
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Modality = Literal["must", "must_not", "should", "intend", "may"]
Specificity = Literal["quantitative", "concrete", "vague"]
Severity = Literal["info", "warning", "error"]
Alignment = Literal["exact", "fuzzy"]
SeoulArea = Literal["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
SignalKind = Literal["publication", "external_party", "observable"]

MODALITIES: tuple[str, ...] = ("must", "must_not", "should", "intend", "may")
SPECIFICITIES: tuple[str, ...] = ("vague", "concrete", "quantitative")  # ordered, for kappa
BINDING: frozenset[str] = frozenset({"must", "must_not"})
SEOUL_AREAS: tuple[str, ...] = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")
# ANNOTATION.md "Seoul commitment": the eight Frontier AI Safety Commitments, by their short names
SEOUL_NAMES: dict[str, str] = {
    "I": "risk assessment", "II": "thresholds", "III": "mitigations", "IV": "response at a threshold",
    "V": "continual improvement", "VI": "accountability and governance", "VII": "transparency",
    "VIII": "external involvement",
}


class Document(BaseModel):
    """A loaded document: its text and where each page starts in it."""

    id: str
    path: str
    sha256: str
    title: str
    text: str
    page_starts: list[int] = Field(default_factory=lambda: [0])
    org: str | None = None

    @property
    def pages(self) -> int:
        return len(self.page_starts)

    def page_at(self, offset: int) -> int:
        """1-based page number of a character offset."""
        return max(1, bisect.bisect_right(self.page_starts, offset))


class Chunk(BaseModel):
    """A piece of a document for embedding and for per-chunk extraction."""

    id: str
    doc_id: str
    text: str
    start: int
    end: int
    pages: list[int]
    heading: str | None = None


class Span(BaseModel):
    """Where a quote stands in the document text: [start, end) character offsets."""

    start: int
    end: int
    page: int


class Flag(BaseModel):
    """One checker finding on a commitment."""

    code: str
    severity: Severity
    message: str
    evidence: str = Field(description="the words of the quote that raised the flag")
    source: str = Field(default="rules", description="which judge raised it: rules or llm")
    prompt_version: str | None = Field(default=None, description="llm flags: the judge's prompt version (+hash)")
    defined_in: str | None = Field(
        default=None, description="for references: where the referenced term is defined, if anywhere"
    )


class VerifiableSignal(BaseModel):
    """Why a commitment is verifiable (ANNOTATION.md "Verifiable"): which outside signal, and the words."""

    model_config = ConfigDict(extra="forbid")

    kind: SignalKind = Field(description="publication (or disclosure), external_party, or observable")
    evidence: str = Field(description="the words of the commitment that name the signal")


class Candidate(BaseModel):
    """What a backend proposes before grounding: the quote may be imperfect, the span is not trusted."""

    quote: str
    actor: str
    modality: Modality
    trigger: str | None = None
    safeguard: str
    specificity: Specificity
    verifiable: bool
    verifiable_signal: VerifiableSignal | None = None
    seoul: SeoulArea | None = None
    hint_start: int | None = Field(default=None, description="where to look first (chunk start)")
    hint_end: int | None = None


class Commitment(BaseModel):
    """A grounded commitment, as written to the output JSON."""

    model_config = ConfigDict(extra="forbid")

    id: str
    quote: str
    actor: str
    modality: Modality
    trigger: str | None
    safeguard: str
    specificity: Specificity
    verifiable: bool
    verifiable_signal: VerifiableSignal | None = Field(
        default=None, description="the outside signal that makes it verifiable; null when verifiable is false")
    seoul: SeoulArea | None = Field(default=None, description="the Seoul commitment area it mainly serves (I-VIII)")
    span: Span
    alignment: Alignment = "exact"
    flags: list[Flag] = Field(default_factory=list)


class DocumentInfo(BaseModel):
    id: str
    path: str
    sha256: str
    title: str
    org: str | None
    pages: int
    chars: int
    version: str | None = Field(default=None, description="the version the document states, e.g. '2.2'")
    date: str | None = Field(default=None, description="the date the document states (ISO, or as written)")


class RunInfo(BaseModel):
    tool_version: str
    backend: str
    model: str | None = None
    prompt_version: str | None = None
    learned: dict[str, str] = Field(default_factory=dict, description="learned heads that decided: head -> version")
    time: datetime
    stats: dict[str, int | float] = Field(default_factory=dict)


class ExtractionOutput(BaseModel):
    """One document's extraction: the file `OUT/<stem>.json`."""

    schema_version: str
    document: DocumentInfo
    run: RunInfo
    commitments: list[Commitment]


class FileError(BaseModel):
    """A file the run could not process, and why."""

    path: str
    reason: str


class DocumentRow(BaseModel):
    """One document's line in the run summary: what happened to it and why."""

    path: str
    status: Literal["written", "unchanged", "failed", "estimated"]
    commitments: int = 0
    vague: int = 0
    reason: str | None = None


class RunSummary(BaseModel):
    """What a run did, for the closing table and the `--json` summary."""

    outputs: list[str] = Field(default_factory=list)
    skipped: list[str] = Field(default_factory=list, description="unchanged documents not redone")
    failures: list[FileError] = Field(default_factory=list)
    by_modality: dict[str, int] = Field(default_factory=dict)
    by_specificity: dict[str, int] = Field(default_factory=dict)
    commitments: int = 0
    backend: str = ""
    seconds: float = 0.0
    stats: dict[str, int | float] = Field(default_factory=dict, description="backend counters summed over documents")
    batches: list[str] = Field(default_factory=list, description="Batch API jobs the run waited for (--batch)")
    documents: list[DocumentRow] = Field(default_factory=list, description="one row per document, in run order")
    unsupported: list[str] = Field(default_factory=list, description="files in folders of a type not read")
    not_inputs: list[str] = Field(default_factory=list, description="the output folder and pages this tool wrote")
