"""The `extract` CLI: help everywhere, `run` outputs valid against `extract schema`, clean failures."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import typer
from docmaker import variants
from typer.testing import CliRunner

from extractor.cli import app

EXTRACT = str(Path(sys.executable).parent / "extract")


def _commands(cmd: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every command and sub-command, found in typer's click tree (new commands are covered too).

    Duck-typed: recent typer ships its own copy of click, so isinstance(click.Group) does not hold."""
    yield path, cmd
    for name, sub in sorted((getattr(cmd, "commands", None) or {}).items()):
        yield from _commands(sub, (*path, name))


ALL = list(_commands(typer.main.get_command(app)))


def test_the_tree_has_the_core_commands() -> None:
    names = {p[0] for p, _ in ALL if len(p) == 1}
    assert {"run", "query", "schema"} <= names


@pytest.mark.parametrize("path", [p for p, _ in ALL], ids=lambda p: " ".join(p) or "extract")
def test_every_command_has_help(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output


@pytest.mark.parametrize(("path", "cmd"), ALL, ids=[" ".join(p) or "extract" for p, _ in ALL])
def test_every_command_and_option_is_documented(path: tuple[str, ...], cmd: Any) -> None:
    assert (cmd.help or "").strip(), f"{' '.join(path)}: no docstring"
    for param in cmd.params:
        if param.param_type_name == "option" and param.name != "help":
            assert (param.help or "").strip(), f"{' '.join(path)} {param.opts[0]}: no help text"


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([EXTRACT, *args], capture_output=True, text=True, timeout=600, cwd=cwd)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cli")
    variants(root / "docs", 3, max_chars=2500)
    return root


def test_run_writes_outputs_valid_against_the_published_schema(small: Path) -> None:
    proc = _run("run", "docs", "--out", "out", "--index", "idx", "--json", cwd=small)
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    assert len(summary["outputs"]) == 3 and summary["failures"] == [] and summary["skipped"] == []
    schema = json.loads(_run("schema", cwd=small).stdout)
    validator = jsonschema.Draft202012Validator(schema)
    total = 0
    for out in sorted((small / "out").glob("*.json")):
        data = json.loads(out.read_text("utf-8"))
        validator.validate(data)
        assert data["run"]["stats"]["chunks_embedded"] == data["run"]["stats"]["chunks"] > 0
        total += len(data["commitments"])
    assert total == summary["commitments"] > 0
    # a broken output does not validate: the check can fail
    data["commitments"] = [{"quote": 1}]
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(data)
    # unchanged re-run: everything skipped, nothing rewritten
    again = json.loads(_run("run", "docs", "--out", "out", "--index", "idx", "--json", cwd=small).stdout)
    assert len(again["skipped"]) == 3 and again["commitments"] == summary["commitments"]


def test_one_bad_file_is_one_line_and_the_others_are_written(small: Path) -> None:
    (small / "mixed").mkdir()
    for f in (small / "docs").iterdir():
        (small / "mixed" / f.name).write_bytes(f.read_bytes())
    (small / "mixed" / "broken.txt").write_bytes(b"We will \xff\xfe publish")
    proc = _run("run", "mixed", "--out", "out_mixed", "--no-index", cwd=small)
    assert proc.returncode == 3  # some outputs, some failures
    naming = [line for line in proc.stderr.splitlines() if "broken.txt" in line]
    assert naming == ["failed: mixed/broken.txt: invalid UTF-8 at byte 8; convert the file to UTF-8"]
    assert "Traceback" not in proc.stderr
    assert len(list((small / "out_mixed").glob("*.json"))) == 3
    assert "documents failed" in proc.stdout  # the closing table
    only_bad = _run("run", "mixed/broken.txt", "--out", "out_bad", "--no-index", "--quiet", cwd=small)
    assert only_bad.returncode == 1 and only_bad.stdout == ""


def test_quiet_prints_no_table_and_json_prints_a_summary(small: Path) -> None:
    quiet = _run("run", "docs", "--out", "out_q", "--no-index", "--quiet", cwd=small)
    assert quiet.returncode == 0 and quiet.stdout == "" and quiet.stderr == ""
    assert len(list((small / "out_q").glob("*.json"))) == 3
    loud = _run("run", "docs", "--out", "out_l", "--no-index", cwd=small)
    assert "commitments" in loud.stdout and "documents written" in loud.stdout
    as_json = _run("run", "docs", "--out", "out_q", "--no-index", "--json", cwd=small)
    summary = json.loads(as_json.stdout)  # stdout is exactly one JSON document
    assert summary["backend"] == "rules" and len(summary["skipped"]) == 3
    assert set(summary) >= {"outputs", "skipped", "failures", "by_modality", "by_specificity", "commitments"}


def test_usage_errors_and_config_errors_are_one_line(small: Path) -> None:
    proc = _run("run", "docs", "--out", "out_x", "--chunk-size", "10", "--no-index", cwd=small)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "invalid chunking: size=10" in errors[0]
    assert list((small / "out_x").glob("*.json")) == []  # a config error stops the run before any output
    missing = _run("run", "nowhere", "--out", "out_y", "--no-index", "--quiet", cwd=small)
    assert missing.returncode == 1 and "nowhere: no such file or directory" in missing.stderr
