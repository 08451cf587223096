"""Scale out: the same run and query against a real Chroma server (`chroma run`), see docs/scale.md."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from docmaker import variants
from procs import free_port, stop_process

BIN = Path(sys.executable).parent
EXTRACT = str(BIN / "extract")


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    data = tmp_path_factory.mktemp("chroma-server")
    port = free_port()
    env = {**os.environ, "ANONYMIZED_TELEMETRY": "False"}
    log = (data / "server.log").open("w")
    proc = subprocess.Popen([str(BIN / "chroma"), "run", "--path", str(data / "db"), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=log, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1) as r:
                assert "heartbeat" in r.read().decode()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"chroma server did not start: {(data / 'server.log').read_text()[-2000:]}")
            time.sleep(0.1)
    try:
        yield url, data
    finally:
        stop_process(proc, log)


def _extract(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([EXTRACT, *args], capture_output=True, text=True, timeout=600, cwd=cwd)


def test_run_and_query_against_a_chroma_server(chroma_server: tuple[str, Path], tmp_path: Path) -> None:
    url, data = chroma_server
    variants(tmp_path / "docs", 3, max_chars=1500)
    proc = _extract("run", "docs", "--out", "out", "--chroma-url", url, "--index", "local", "--json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    assert len(summary["outputs"]) == 3
    outputs = [json.loads(Path(tmp_path / o).read_text()) for o in summary["outputs"]]
    embedded = sum(o["run"]["stats"]["chunks_embedded"] for o in outputs)
    assert embedded == sum(o["run"]["stats"]["chunks"] for o in outputs) > 0
    assert not (tmp_path / "local" / "chroma").exists()  # nothing went to the embedded index
    assert (data / "db" / "chroma.sqlite3").exists()

    hits = json.loads(_extract("query", "frontier safety framework", "-k", "3", "--chroma-url", url, "--json",
                               cwd=tmp_path).stdout)
    assert len(hits) == 3
    assert {h["doc_id"] for h in hits} <= {Path(o).stem for o in summary["outputs"]}
    assert all(h["page"] >= 1 and 0 < h["score"] <= 1 for h in hits)

    # the server keeps the index: a forced re-run (another machine, say) embeds nothing again
    again = _extract("run", "docs", "--out", "out2", "--chroma-url", url, "--json", "--force", cwd=tmp_path)
    redo = [json.loads(Path(tmp_path / o).read_text()) for o in json.loads(again.stdout)["outputs"]]
    assert sum(o["run"]["stats"]["chunks_embedded"] for o in redo) == 0
    assert [o["commitments"] for o in redo] == [o["commitments"] for o in outputs]

    # `extract diff` reads and keeps its vectors on the server too
    first, second = summary["outputs"][:2]
    diff = _extract("diff", first, second, "--json", "--chroma-url", url, "--index", "local", cwd=tmp_path)
    assert diff.returncode == 0, diff.stderr
    assert json.loads(diff.stdout)["run"]["index"] == url
    assert not (tmp_path / "local" / "chroma").exists()


def test_unreachable_server_is_one_line(tmp_path: Path) -> None:
    variants(tmp_path / "docs", 1, max_chars=1000)
    proc = _extract("run", "docs", "--out", "out", "--chroma-url", f"http://127.0.0.1:{free_port()}", cwd=tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert [line for line in proc.stderr.splitlines() if line.startswith("error:")] == [
        line for line in proc.stderr.splitlines() if "cannot reach Chroma server" in line]
    assert "cannot reach Chroma server" in proc.stderr
    assert not list((tmp_path / "out").glob("*.json"))
