"""What the benchmarks share: timing a real `extract` process with its peak RSS, corpus variants, tables."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"
EXTRACT = str(Path(sys.executable).parent / "extract")


@dataclass
class Measured:
    """One child process: wall seconds, peak resident memory (MB), exit code and output."""

    seconds: float
    peak_rss_mb: float
    returncode: int | None
    stdout: str
    stderr: str
    timed_out: bool = False


# A tiny launcher runs the command and reports its peak RSS: on Linux a child's ru_maxrss starts
# at its parent's at fork time (kept across exec), so measuring from a big benchmark process would
# count the benchmark's own memory. The launcher is a bare interpreter (~10 MB).
_LAUNCHER = """
import os, signal, subprocess, sys
p = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(p.pid, 0)
with open(sys.argv[1], "w") as f:
    f.write(str(usage.ru_maxrss))
code = os.waitstatus_to_exitcode(status)
sys.exit(code if code >= 0 else 128 - code)
"""


def _raise_exit(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def measure(cmd: list[str], cwd: Path | None = None, timeout: float | None = None,
            env: dict[str, str] | None = None) -> Measured:
    """Run `cmd`, returning its wall time and the peak RSS of that process alone."""
    with tempfile.TemporaryDirectory(prefix="bench-measure-") as tmp:
        rss_file = Path(tmp) / "rss"
        out_path, err_path = Path(tmp) / "out", Path(tmp) / "err"
        with out_path.open("w") as out, err_path.open("w") as err:
            started = time.perf_counter()
            proc = subprocess.Popen([sys.executable, "-c", _LAUNCHER, str(rss_file), *cmd], cwd=cwd, stdout=out,
                                    stderr=err, env=env, start_new_session=True)
            timed_out = False
            # the child runs in a session of its own (its own timeout kills the whole group): if the benchmark itself
            # is stopped (Ctrl-C, or `timeout` sending SIGTERM), the child must not run on, orphaned, taking a core
            previous = signal.signal(signal.SIGTERM, _raise_exit)
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                timed_out = True
            finally:
                signal.signal(signal.SIGTERM, previous)
                if proc.poll() is None:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()
            seconds = time.perf_counter() - started
        rss_kib = int(rss_file.read_text()) if rss_file.exists() else 0
        # ru_maxrss is in KiB on Linux, in bytes on macOS
        rss = rss_kib / (1024 * 1024 if sys.platform == "darwin" else 1024)
        return Measured(seconds, rss, proc.returncode, out_path.read_text(), err_path.read_text(), timed_out)


def self_peak_rss_mb() -> float:
    import resource

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024 if sys.platform == "darwin" else 1024)


def corpus_variants(folder: Path, count: int, max_chars: int | None = None, seed: int = 0) -> list[Path]:
    """`count` documents made from the corpus texts with small seeded variations (a few edited
    sentences, a variant line), so none is a byte-for-byte copy of another."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = sorted(CORPUS.glob("*.txt"))
    rng = random.Random(seed)
    paths = []
    for i in range(count):
        src = sources[i % len(sources)]
        text = src.read_text("utf-8")
        if max_chars:
            text = text[:max_chars]
        lines = text.splitlines()
        for _ in range(5):
            j = rng.randrange(len(lines))
            if " will " in lines[j]:
                lines[j] = lines[j].replace(" will ", rng.choice([" shall ", " will ", " intend to "]), 1)
            else:
                lines[j] = lines[j] + f" (rev. {i})"
        path = folder / f"{src.stem}__{i:04d}.txt"
        path.write_text(f"Revision {i}\n" + "\n".join(lines) + "\n", "utf-8")
        paths.append(path)
    return paths


def table(title: str, header: list[str], rows: list[list[str]]) -> str:
    """A plain-text table (no dependency, readable in a CI log)."""
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = "  ".join("-" * w for w in widths)
    out = [title, line, "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)), line]
    for r in rows:
        out.append("  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)))
    out.append(line)
    return "\n".join(out)


def machine() -> str:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{os.cpu_count()} CPUs, load average {load:.1f} at start, Python {sys.version.split()[0]}"


def emit(result: dict[str, Any], render: Callable[[dict[str, Any]], str], json_path: Path | None) -> None:
    """Print a benchmark's table and, when asked, keep its figures as JSON."""
    print(render(result))
    if json_path:
        json_path.write_text(json.dumps(result, indent=2))


def head_with(base: Any, items: list[str], feature_sets: dict[str, tuple[str, ...] | None]) -> Any:
    """A head's settings from a grid script's `--set NAME=VALUE` items: balance (empty: none), features (a name in
    `feature_sets`), keep_rules (comma-separated classes), any other a number."""
    import dataclasses

    for item in items:
        name, _, value = item.partition("=")
        typed: Any = (value or None if name == "balance" else feature_sets[value] if name == "features"
                      else tuple(x for x in value.split(",") if x) if name == "keep_rules" else float(value))
        base = dataclasses.replace(base, **{name: typed})
    return base


def grid_parser(set_help: str) -> Any:
    """The command line the head grids share: --split, --quick and --set NAME=VALUE (`head_with`)."""
    import argparse

    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev")
    ap.add_argument("--quick", action="store_true", help="only the shipped settings")
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                    help=f"start from these head settings ({set_help})")
    return ap


def per_document(scores: dict[str, float]) -> str:
    """A grid line's tail: each document's short name and figure."""
    return " ".join(f"{k[:10]} {v:.2f}" for k, v in sorted(scores.items()))


def head_grid(base: Any, quick: bool, feature_sets: dict[str, tuple[str, ...] | None],
              settings: list[dict[str, Any]]) -> list[tuple[str, Any]]:
    """A head grid: the shipped head, then (unless `quick`) one variant per feature set and one per settings dict."""
    import dataclasses

    out = [("shipped", base)]
    if not quick:
        out += [(f"features={label}", dataclasses.replace(base, features=f)) for label, f in feature_sets.items()]
        out += [(" ".join(f"{k}={v}" for k, v in kw.items()), dataclasses.replace(base, **kw)) for kw in settings]
    return out
