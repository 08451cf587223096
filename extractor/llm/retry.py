"""What the callers of an endpoint share about failures: which errors are worth retrying, how long the
server asks to wait, how to name an error without its payload, usage counters, and the JSON a model
wrote whatever the instructor mode."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

BACKOFF_CAP = 30.0  # longest wait between retries; a longer Retry-After stops the run instead


@dataclass
class Tally:
    """Thread-safe counters for one document; merged into ExtractContext.stats at the end."""

    values: dict[str, int | float] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, key: str, n: int | float = 1) -> None:
        with self.lock:
            self.values[key] = self.values.get(key, 0) + n


def usage_hook(tally: Tally) -> Callable[..., None]:
    def on_response(response: Any, *args: Any, **kwargs: Any) -> None:
        usage = getattr(response, "usage", None)
        if usage is not None:
            tally.add("llm_prompt_tokens", int(getattr(usage, "prompt_tokens", 0) or 0))
            tally.add("llm_completion_tokens", int(getattr(usage, "completion_tokens", 0) or 0))

    return on_response


def is_transient(exc: BaseException | None) -> bool:
    import openai

    if isinstance(exc, (openai.APITimeoutError, openai.APIConnectionError, openai.RateLimitError,
                        openai.InternalServerError)):
        return True
    return isinstance(exc, openai.APIStatusError) and (exc.status_code in (408, 409, 429) or exc.status_code >= 500)


def retry_after(exc: BaseException | None) -> float | None:
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    if not headers:
        return None
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        value = headers.get(name)
        if value is not None:
            try:
                return max(0.0, float(value) * scale)
            except ValueError:
                return None
    return None


def describe(exc: BaseException | None) -> str:
    status = getattr(exc, "status_code", None)
    name = exc.__class__.__name__ if exc is not None else "error"
    return f"{name} (HTTP {status})" if status else name


def raw_json(completion: Any) -> Any:
    """The JSON the model wrote in a completion, whatever the mode (tool call or message text)."""
    try:
        message = completion.choices[0].message
    except (AttributeError, IndexError, TypeError):
        return None
    raw = None
    calls = getattr(message, "tool_calls", None) or []
    if calls:
        raw = calls[0].function.arguments
    if raw is None:
        raw = getattr(message, "content", None)
    if not isinstance(raw, str):
        return raw
    start, end = raw.find("{"), raw.rfind("}")
    if start < 0 or end <= start:
        return None
    try:
        return json.loads(raw[start : end + 1])
    except json.JSONDecodeError:
        return None
