"""Helpers for tests that start real servers (llama.cpp, chroma) as subprocesses."""

from __future__ import annotations

import subprocess
from typing import IO


def stop_process(proc: subprocess.Popen[bytes], log: IO[bytes] | None = None) -> None:
    """Stop a server the test started: ask politely, then kill; close its log."""
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
    if log is not None:
        log.close()
