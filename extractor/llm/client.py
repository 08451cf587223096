"""The OpenAI-compatible client, built in one place for the backend and both judges.

openai and instructor are imported inside the functions, so importing this module stays cheap.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

from ..config import Settings
from ..errors import ConfigError

MODES = {"tools": "TOOLS", "json_schema": "JSON_SCHEMA", "json": "JSON", "md_json": "MD_JSON"}
PLACEHOLDER_KEY = "sk-no-key-local"  # local servers want some key; never logged


def check_mode(mode: str) -> None:
    """Fail at construction, not at the first call, on a mode instructor does not have."""
    if mode not in MODES:
        raise ConfigError(f"unknown instructor mode '{mode}' (use one of: {', '.join(MODES)})")


def instructor_mode(mode: str) -> Any:
    import instructor

    return getattr(instructor.Mode, MODES[mode])


def make_clients(settings: Settings, max_retries: int,
                 on_request: Callable[[Any], None] | None = None) -> tuple[Any, Any]:
    """(instructor client, openai client) for the configured endpoint: the one place that builds them
    (extraction, the checker's judge, the diff's judge). `on_request` sees every HTTP request,
    retries included. The key goes to the client only: never logged."""
    import instructor
    import openai

    key = settings.api_key.get_secret_value() if settings.api_key else PLACEHOLDER_KEY
    hooks = {"request": [on_request]} if on_request is not None else {}
    http_client = openai.DefaultHttpxClient(transport=deadline_transport(settings.timeout), event_hooks=hooks)
    raw = openai.OpenAI(api_key=key, base_url=settings.base_url, timeout=settings.timeout,
                        max_retries=max_retries, http_client=http_client)
    return instructor.from_openai(raw, mode=instructor_mode(settings.mode)), raw


def _httpx() -> Any:
    """The HTTP library under the openai client (httpx2 in openai 3, httpx before)."""
    try:
        import httpx2

        return httpx2
    except ImportError:  # pragma: no cover - older openai
        import httpx

        return httpx


def deadline_transport(seconds: float) -> Any:
    """An HTTP transport that bounds each request's wall-clock time, body included.

    httpx's timeouts are per socket operation, so a server that sends a byte a second never trips
    them; here the body is read against one deadline and a late one raises the library's
    ReadTimeout, which the openai client reports (and we retry) like any other timeout.
    """
    httpx = _httpx()

    class _Deadline(httpx.SyncByteStream):  # type: ignore[misc,name-defined]
        def __init__(self, inner: Any, deadline: float, request: Any) -> None:
            self.inner, self.deadline, self.request = inner, deadline, request

        def __iter__(self) -> Iterator[bytes]:
            for part in self.inner:
                if time.monotonic() > self.deadline:
                    raise httpx.ReadTimeout(f"no complete answer within {seconds:g} s", request=self.request)
                yield part

        def close(self) -> None:
            self.inner.close()

    class _Transport(httpx.HTTPTransport):  # type: ignore[misc,name-defined]
        def handle_request(self, request: Any) -> Any:
            deadline = time.monotonic() + seconds
            response = super().handle_request(request)
            if request.url.path.endswith("/completions"):  # not file transfers (--batch), which may be long
                response.stream = _Deadline(response.stream, deadline, request)
            return response

    import openai

    return _Transport(limits=openai.DEFAULT_CONNECTION_LIMITS)


def endpoint_id(settings: Settings) -> str:
    """Which server answers, for cache keys: the base URL (never the key); '' is the client's default."""
    return (settings.base_url or "").rstrip("/")
