"""Configuration in one place: a flag wins over the environment, which wins over the default.

Nothing here reads the environment at import time: `Settings.resolve` is called by the CLI (or a
library user) with the flags it got, and the environment mapping it is given.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, SecretStr, ValidationError

from .errors import ConfigError

InstructorMode = Literal["tools", "json_schema", "json", "md_json"]

# flag name -> environment variable
ENV_VARS: dict[str, str] = {
    "api_key": "OPENAI_API_KEY",
    "base_url": "OPENAI_BASE_URL",
    "model": "EXTRACTOR_MODEL",
    "backend": "EXTRACTOR_BACKEND",
    "index_dir": "EXTRACTOR_INDEX",
    "chroma_url": "EXTRACTOR_CHROMA_URL",
    "cache_dir": "EXTRACTOR_CACHE",
    "org": "EXTRACTOR_ORG",
    "mode": "EXTRACTOR_INSTRUCTOR_MODE",
    "max_output_tokens": "EXTRACTOR_MAX_TOKENS",
    "gold_dir": "EXTRACTOR_GOLD",
    "corpus_dir": "EXTRACTOR_CORPUS",
    "prompts_dir": "EXTRACTOR_PROMPTS",
    "learned": "EXTRACTOR_LEARNED",
    "models_dir": "EXTRACTOR_MODELS",
}

DEFAULT_MODEL = "gpt-4o-mini"


class Settings(BaseModel):
    """Everything a run needs to know; the API key is a secret and never printed or written."""

    backend: str | None = Field(default=None, description="rules, llm, or None to choose")
    model: str = DEFAULT_MODEL
    base_url: str | None = None
    api_key: SecretStr | None = None
    mode: InstructorMode = "tools"
    index_dir: Path = Path(".extractor")
    chroma_url: str | None = None
    cache_dir: Path | None = None
    org: str | None = None
    chunk_size: int = 2000
    chunk_overlap: int = 200
    concurrency: int = 8
    timeout: float = 60.0
    max_retries: int = 3
    max_output_tokens: int = Field(default=4096, ge=16, description="cap on one LLM answer (small local models)")
    use_index: bool = True
    learned: bool = Field(default=True, description="rules backend: let the shipped learned heads decide")
    models_dir: Path | None = Field(default=None, description="the learned heads' weights; None: the shipped heads")
    prefilter: bool = False
    dry_run: bool = False
    batch: bool = False
    batch_poll: float = Field(default=30.0, gt=0, description="--batch: first wait between status checks, seconds")
    gold_dir: Path = Path("gold")
    corpus_dir: Path | None = Field(default=None, description="the gold documents; None: effective_corpus_dir")
    prompts_dir: Path | None = Field(default=None, description="the prompt sets; None: default_prompts_dir()")

    @classmethod
    def resolve(cls, env: Mapping[str, str] | None = None, **flags: Any) -> Settings:
        """Build settings from flags (None means not given), then `env`, then defaults."""
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        for name, value in flags.items():
            if value is not None:
                values[name] = value
        for name, var in ENV_VARS.items():
            if name not in values and env.get(var):
                values[name] = env[var]
        try:
            return cls(**values)
        except ValidationError as exc:  # a bad flag or env value is a one-line config error
            first = exc.errors()[0]
            name = ".".join(str(p) for p in first["loc"])
            where = f" (env {ENV_VARS[name]})" if name in ENV_VARS and flags.get(name) is None else ""
            shown = "" if "key" in name else f" {first.get('input')!r}"  # never echo a secret
            raise ConfigError(f"invalid {name}{where}{shown}: {first['msg']}") from None

    @property
    def llm_configured(self) -> bool:
        """An endpoint is configured when a key or a base URL is known."""
        return self.api_key is not None or self.base_url is not None

    def effective_cache_dir(self) -> Path:
        return self.cache_dir if self.cache_dir is not None else self.index_dir / "cache"

    def effective_corpus_dir(self) -> Path:
        """The gold documents: the flag or env if given, else `data/corpus` next to the gold folder
        when the run copied them there, else the shared corpus `../shared/corpus`."""
        if self.corpus_dir is not None:
            return self.corpus_dir
        root = self.gold_dir.parent
        local = root / "data" / "corpus"
        return local if local.is_dir() else root / ".." / "shared" / "corpus"

    def effective_prompts_dir(self) -> Path:
        """The folder holding the prompt sets: the flag or env if given, else `default_prompts_dir()`."""
        return self.prompts_dir if self.prompts_dir is not None else default_prompts_dir()


def default_prompts_dir() -> Path:
    """The checkout's top-level prompts/ when running from a source tree (editable install: an edit
    takes effect at once), else the copy a wheel ships inside the package (pyproject maps it to
    extractor/_prompts)."""
    package = Path(__file__).resolve().parent
    checkout = package.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "prompts").is_dir():
        return checkout / "prompts"
    return package / "_prompts"
