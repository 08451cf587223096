"""Shared fixtures."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fakellm import FakeLLM


@pytest.fixture(scope="session")
def _fake_llm_server() -> Iterator[FakeLLM]:
    with FakeLLM() as server:
        yield server


@pytest.fixture
def fake_llm(_fake_llm_server: FakeLLM) -> Iterator[FakeLLM]:
    """A real OpenAI-compatible HTTP server on 127.0.0.1 (see tests/fakellm.py), reset for each test."""
    _fake_llm_server.reset()
    yield _fake_llm_server
    _fake_llm_server.reset()
