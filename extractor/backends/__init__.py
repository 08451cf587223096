"""Extraction backends behind one small Protocol, found by name in a registry.

A backend turns a document (and its chunks) into `Candidate`s; grounding, ids and flags are the
pipeline's job, so every backend's output goes through the same `align` stage.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from ..config import Settings
from ..errors import ConfigError
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
_REGISTRY: dict[str, BackendFactory] = {}


def register(name: str) -> Callable[[BackendFactory], BackendFactory]:
    def deco(factory: BackendFactory) -> BackendFactory:
        _REGISTRY[name] = factory
        return factory

    return deco


def _load_builtins() -> None:
    # imported lazily: the llm backend pulls in openai and instructor
    from . import llm, rules  # noqa: F401


def available() -> list[str]:
    _load_builtins()
    return sorted(_REGISTRY)


def choose(settings: Settings) -> str:
    """The backend a run uses: the one asked for, else llm when an endpoint is configured, else rules."""
    if settings.backend:
        return settings.backend
    return "llm" if settings.llm_configured else "rules"


def get_backend(settings: Settings, **kwargs: Any) -> Backend:
    _load_builtins()
    name = choose(settings)
    if name not in _REGISTRY:
        raise ConfigError(f"unknown backend '{name}' (available: {', '.join(sorted(_REGISTRY))})")
    return _REGISTRY[name](settings, **kwargs)
