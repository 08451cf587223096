"""Interrupted runs: kill a real `extract run` mid-way (SIGINT, SIGKILL), then re-run it.

Every output present after the kill must be a complete, valid extraction; the re-run must skip
exactly those and write the rest; SIGINT exits 130 with a line saying to re-run; no temp file stays.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from docmaker import variants

from extractor.output import read_output

EXTRACT = str(Path(sys.executable).parent / "extract")
DOCS = 40  # enough that a loaded machine still has documents left when the signal lands


def _start(inputs: Path, out: Path, *extra: str) -> subprocess.Popen[str]:
    # a shell starts a background job with SIGINT ignored, and the run would inherit that (Python installs
    # its KeyboardInterrupt handler only over the default): restore the default, as an interactive run has
    return subprocess.Popen([EXTRACT, "run", str(inputs), "--out", str(out), "--no-index", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=inputs.parent,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def _interrupt(proc: subprocess.Popen[str], out: Path, sig: signal.Signals) -> tuple[str, str]:
    """Wait until a few documents are written, then send `sig`; the run must not be finished yet."""
    deadline = time.monotonic() + 120
    while len(list(out.glob("*.json"))) < 2:
        assert proc.poll() is None, "the run ended before it could be interrupted"
        assert time.monotonic() < deadline, "no output after 120 s"
        time.sleep(0.01)
    proc.send_signal(sig)
    stdout, stderr = proc.communicate(timeout=120)
    done = len(list(out.glob("*.json")))
    assert done < DOCS, "the run finished before the signal; make the documents bigger"
    return stdout, stderr


def _check_outputs(out: Path) -> dict[str, float]:
    """Every output present is a complete extraction; returns name -> mtime."""
    present = {}
    for f in sorted(out.glob("*.json")):
        json.loads(f.read_text("utf-8"))
        assert read_output(f).commitments is not None
        present[f.name] = f.stat().st_mtime_ns
    return present


def _resume(inputs: Path, out: Path, present: dict[str, float]) -> None:
    proc = subprocess.run([EXTRACT, "run", str(inputs), "--out", str(out), "--no-index", "--json"],
                          capture_output=True, text=True, timeout=300, cwd=inputs.parent)
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    assert sorted(Path(p).stem + ".json" for p in summary["skipped"]) == sorted(present)
    assert len(summary["outputs"]) == DOCS and summary["failures"] == []
    after = _check_outputs(out)
    assert len(after) == DOCS
    for name, mtime in present.items():  # finished documents were not redone
        assert after[name] == mtime, name
    assert list(out.glob(".*.tmp")) == []


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("resume") / "docs"
    variants(folder, DOCS, max_chars=15_000)
    return folder


def test_sigint_exits_130_and_resumes(corpus: Path) -> None:
    out = corpus.parent / "out_int"
    proc = _start(corpus, out)
    stdout, stderr = _interrupt(proc, out, signal.SIGINT)
    assert proc.returncode == 130, stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert "Traceback" not in stderr
    assert "re-run" in lines[-1], stderr
    assert list(out.glob(".*.tmp")) == []
    present = _check_outputs(out)
    assert 2 <= len(present) < DOCS
    _resume(corpus, out, present)


def test_sigkill_leaves_only_complete_outputs_and_resumes(corpus: Path) -> None:
    out = corpus.parent / "out_kill"
    proc = _start(corpus, out)
    _interrupt(proc, out, signal.SIGKILL)
    assert proc.returncode == -signal.SIGKILL
    present = _check_outputs(out)
    assert 2 <= len(present) < DOCS
    # what a kill in the middle of write_atomic leaves behind: the re-run removes it
    (out / f".{corpus.name}_x.json.abc123.extract.tmp").write_text('{"half": ')
    _resume(corpus, out, present)
