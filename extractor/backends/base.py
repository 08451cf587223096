"""The backend contract and its registry, apart from the package's loader so that a backend module
imports only this (and the package `__init__` imports the backends lazily: no import cycle)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from ..config import Settings
from ..models import Candidate, Chunk, Document


@dataclass
class ExtractContext:
    """What a backend may use beyond the chunks: the organisation, retrieval, counters."""

    org: str
    retrieve: Callable[[str, int], list[str]] | None = None
    stats: dict[str, int | float] = field(default_factory=dict)
    progress: Callable[[int], None] | None = None

    def count(self, key: str, n: int | float = 1) -> None:
        self.stats[key] = self.stats.get(key, 0) + n


@runtime_checkable
class Backend(Protocol):
    name: str
    model: str | None
    prompt_version: str | None

    def extract(self, doc: Document, chunks: Sequence[Chunk], ctx: ExtractContext) -> list[Candidate]:
        """Candidates for one document; quotes must come from the document text."""
        ...


BackendFactory = Callable[[Settings], Backend]
REGISTRY: dict[str, BackendFactory] = {}


def register(name: str) -> Callable[[BackendFactory], BackendFactory]:
    def deco(factory: BackendFactory) -> BackendFactory:
        REGISTRY[name] = factory
        return factory

    return deco


def learned_versions(backend: Backend) -> dict[str, str]:
    """The learned heads a backend decides with (head -> version); empty for backends without any.
    Written into every output and part of what makes an output current."""
    return dict(getattr(backend, "learned", None) or {})
