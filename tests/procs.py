"""Helpers for tests that start real servers (llama.cpp, chroma) as subprocesses."""

from __future__ import annotations

import socket
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


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
