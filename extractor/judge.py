"""An optional second judge of verifiability: an LLM behind any OpenAI-compatible endpoint.

The rules (`check.py`) stay the default and are never replaced: the judge adds flags with
`source="llm"` (codes L100-L102 in the catalogue), and the scorecard reports the two judges
separately. It uses the same client approach as the llm backend (openai + instructor, lazily
imported), asks about a batch of numbered commitments per call, and keeps only evidence that is
really in the quote. Its prompt is the versioned file prompts/judge_v2/system.md; the version (with a
hash of the prompt) is written into every flag it raises (`Flag.prompt_version`).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from pydantic import BaseModel, Field

from .check import RULES
from .config import Settings
from .errors import BackendError, ConfigError
from .llm.client import check_mode, make_clients
from .llm.prompts import Prompts
from .models import Commitment, Flag

log = logging.getLogger(__name__)
BATCH = 12

PROMPT = "judge_v2"  # prompts/judge_v2/: system.md and VERSION
USER_FORMAT = 1  # bump when LLMJudge.messages() changes what the model is shown: it is part of the prompt version


class Verdict(BaseModel):
    number: int = Field(description="the commitment's number as given")
    verifiable: bool
    vague: bool
    evidence: str = Field(default="", description="words copied exactly from the quote")
    reason: str = Field(default="", description="one short line")


class Verdicts(BaseModel):
    verdicts: list[Verdict]


def _evidence(quote: str, words: str) -> str:
    words = " ".join(words.split())
    pos = quote.lower().find(words.lower()) if words else -1
    if pos >= 0:
        return quote[pos:pos + len(words)]
    return " ".join(quote.split()[:8])


class LLMJudge:
    """Adds `llm` flags to commitments; one call per batch of BATCH commitments."""

    def __init__(self, settings: Settings, prompts: Prompts | None = None) -> None:
        if not settings.llm_configured:
            raise ConfigError("the LLM judge needs an endpoint: set OPENAI_BASE_URL (or --base-url) and, for "
                              "hosted APIs, OPENAI_API_KEY")
        check_mode(settings.mode)
        self.settings = settings
        self.prompts = prompts or Prompts.load(PROMPT, root=settings.effective_prompts_dir(), user_format=USER_FORMAT)
        self._client: Any = None

    def client(self) -> Any:
        if self._client is None:
            self._client, _ = make_clients(self.settings, max_retries=self.settings.max_retries)
        return self._client

    def messages(self, batch: Sequence[Commitment]) -> list[dict[str, str]]:
        lines = []
        for n, c in enumerate(batch, start=1):
            trigger = f"\n   trigger: {c.trigger}" if c.trigger else ""
            lines.append(f"{n}. [{c.modality}] {c.quote}{trigger}")
        return [{"role": "system", "content": self.prompts.system},
                {"role": "user", "content": "Commitments:\n" + "\n".join(lines)}]

    def _ask(self, batch: Sequence[Commitment]) -> list[Verdict]:
        import openai
        from instructor.core import InstructorRetryException

        try:
            result = self.client().chat.completions.create(
                model=self.settings.model, response_model=Verdicts, messages=self.messages(batch),
                max_retries=self.settings.max_retries, temperature=0)
        except InstructorRetryException as exc:
            log.warning("LLM judge: invalid answer for a batch of %d, skipped (%s)", len(batch), exc.__class__.__name__)
            return []
        except openai.APIError as exc:
            raise BackendError(f"LLM judge: endpoint failed: {exc.__class__.__name__}") from None
        return list(result.verdicts)

    def judge(self, commitments: Sequence[Commitment]) -> list[Commitment]:
        """The commitments with their `llm` flags replaced by this judge's verdicts."""
        batches = [list(commitments[i:i + BATCH]) for i in range(0, len(commitments), BATCH)]
        with ThreadPoolExecutor(max_workers=max(1, min(self.settings.concurrency, len(batches) or 1))) as pool:
            answers = list(pool.map(self._ask, batches))
        out: list[Commitment] = []
        for batch, verdicts in zip(batches, answers, strict=True):
            by_number = {v.number: v for v in verdicts}
            for n, c in enumerate(batch, start=1):
                kept = [f for f in c.flags if f.source != "llm"]
                v = by_number.get(n)
                if v is not None:
                    kept += verdict_flags(c, v, self.prompts.version)
                out.append(c.model_copy(update={"flags": kept}))
        return out


def verdict_flags(c: Commitment, v: Verdict, prompt_version: str | None = None) -> list[Flag]:
    """L101/L102 for what the judge found; L100 when it found nothing, so judged commitments are known."""
    flags: list[Flag] = []
    reason = " ".join(v.reason.split())[:160]
    if not v.verifiable:
        rule = RULES["L101"]
        flags.append(Flag(code=rule.code, severity=rule.severity, source="llm", evidence=_evidence(c.quote, v.evidence),
                          message=f"LLM judge: unverifiable{': ' + reason if reason else ''}"))
    if v.vague:
        rule = RULES["L102"]
        flags.append(Flag(code=rule.code, severity=rule.severity, source="llm", evidence=_evidence(c.quote, v.evidence),
                          message=f"LLM judge: vague{': ' + reason if reason else ''}"))
    if not flags:
        rule = RULES["L100"]
        flags.append(Flag(code=rule.code, severity=rule.severity, source="llm", evidence=_evidence(c.quote, v.evidence),
                          message=f"LLM judge: specific and verifiable{': ' + reason if reason else ''}"))
    return [f.model_copy(update={"prompt_version": prompt_version}) for f in flags]
