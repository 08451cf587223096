"""Extraction backends behind one small Protocol, found by name in a registry.

A backend turns a document (and its chunks) into `Candidate`s; grounding, ids and flags are the
pipeline's job, so every backend's output goes through the same `align` stage.
"""

from __future__ import annotations

from typing import Any

from ..config import Settings
from ..errors import ConfigError
from .base import REGISTRY, Backend, BackendFactory, ExtractContext, register


def _load_builtins() -> None:
    # imported lazily: the llm backend pulls in openai and instructor
    from . import llm, offline  # noqa: F401


def available() -> list[str]:
    _load_builtins()
    return sorted(REGISTRY)


def choose(settings: Settings) -> str:
    """The backend a run uses: the one asked for, else llm when an endpoint is configured, else rules."""
    if settings.backend:
        return settings.backend
    return "llm" if settings.llm_configured else "rules"


def get_backend(settings: Settings, **kwargs: Any) -> Backend:
    _load_builtins()
    name = choose(settings)
    if name not in REGISTRY:
        raise ConfigError(f"unknown backend '{name}' (available: {', '.join(sorted(REGISTRY))})")
    return REGISTRY[name](settings, **kwargs)


__all__ = ["Backend", "BackendFactory", "ExtractContext", "available", "choose", "get_backend", "register"]
