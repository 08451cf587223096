"""One spelling per idea across the commands: the shared options are on every command, the old
spellings still work for one release and say what replaces them, `check` only reads unless told."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest
import typer
from test_check import write_case
from test_diff import NEW_TEXT, OLD_TEXT
from test_evaluate import _cli_fixture
from typer.testing import CliRunner

from extractor import __version__
from extractor.cli import app

runner = CliRunner()


def _leaves(cmd: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    subs = getattr(cmd, "commands", None) or {}
    if not subs:
        return [(path, cmd)]
    return [leaf for name, sub in sorted(subs.items()) for leaf in _leaves(sub, (*path, name))]


LEAVES = _leaves(typer.main.get_command(app))
VISIBLE = [(p, c) for p, c in LEAVES if not getattr(c, "hidden", False)]
# commands that print data (a table, a report, figures): each takes --json
PRINTS_DATA = {("run",), ("query",), ("check",), ("diff",), ("eval",), ("rate",), ("gold", "check"),
               ("gold", "agreement"), ("schema",)}
# commands that print no data of their own: the page they write, the weights they train
NO_DATA = {("report",), ("train",)}
# commands that may call a model, and the one set of LLM options they all take
CALLS_A_MODEL = {("run",), ("check",), ("diff",), ("eval",)}
LLM_OPTIONS = {"--model", "--base-url", "--api-key", "--mode", "--timeout", "--retries", "--concurrency", "--cache"}


def _options(cmd: Any) -> set[str]:
    return {o for p in cmd.params if p.param_type_name == "option" for o in (*p.opts, *p.secondary_opts)}


def test_every_visible_command_is_classified() -> None:
    assert {p for p, _ in VISIBLE} == PRINTS_DATA | NO_DATA  # a new command must say whether it prints data


@pytest.mark.parametrize(("path", "cmd"), LEAVES, ids=[" ".join(p) for p, _ in LEAVES])
def test_every_command_has_help_quiet_and_verbose(path: tuple[str, ...], cmd: Any) -> None:
    options = _options(cmd)
    assert {"-q", "--quiet", "-v", "--verbose", "--log-json"} <= options, path
    res = runner.invoke(app, [*path, "--help"])
    assert res.exit_code == 0 and "Usage:" in res.stdout
    assert "<bool>" not in res.stdout  # flags show no type
    if path in PRINTS_DATA:
        assert "--json" in options, path
    if path in CALLS_A_MODEL:
        assert LLM_OPTIONS <= options, (path, LLM_OPTIONS - options)


def test_one_name_per_idea() -> None:
    by_path = dict(LEAVES)
    for path, cmd in LEAVES:
        options = _options(cmd)
        if "-o" in options and path != ("check",):  # check's -o is the deprecated spelling of --output
            out = next(p for p in cmd.params if "-o" in p.opts)
            assert "--out" in out.opts, path  # -o is always --out, a folder
    assert {"-k", "--k"} <= _options(by_path[("query",)]) and {"-k", "--k"} <= _options(by_path[("diff",)])
    for path in (("run",), ("check",), ("diff",), ("eval",)):
        assert "--no-index" in _options(by_path[path]), path
    assert "--gold-diff" in _options(by_path[("diff",)])


def test_version_and_run_first_in_help() -> None:
    res = runner.invoke(app, ["--version"])
    assert res.exit_code == 0 and res.stdout.strip() == f"extract {__version__}"
    listing = runner.invoke(app, ["--help"]).stdout
    commands = [ln.split()[0] for ln in listing.split("Commands:", 1)[1].splitlines() if ln.strip()]
    assert commands[0] == "run" and "eval-diff" not in commands  # the deprecated command is hidden
    assert "<bool>" not in listing


def _deprecated(res: Any, old: str) -> None:
    lines = [ln for ln in res.stderr.splitlines() if ln.startswith("deprecated:")]
    assert len(lines) == 1 and old in lines[0], res.stderr


def test_check_is_read_only_unless_write(tmp_path: Path) -> None:
    out_dir, _ = write_case(tmp_path)
    before = (out_dir / "draft.json").read_bytes()
    res = runner.invoke(app, ["check", str(out_dir), "--json"])
    assert res.exit_code == 0, res.output
    assert (out_dir / "draft.json").read_bytes() == before
    assert runner.invoke(app, ["check", str(out_dir), "--write"]).exit_code == 0
    assert (out_dir / "draft.json").read_bytes() != before
    assert runner.invoke(app, ["check", str(out_dir), "--json", "--csv"]).exit_code == 2


def test_check_old_spellings_still_work(tmp_path: Path) -> None:
    out_dir, _ = write_case(tmp_path)
    new = runner.invoke(app, ["check", str(out_dir), "--json"])
    old = runner.invoke(app, ["check", str(out_dir), "--format", "json"])
    assert old.exit_code == 0 and json.loads(old.stdout) == json.loads(new.stdout)
    _deprecated(old, "--format json")
    assert "deprecated" not in new.stderr
    card = tmp_path / "card.csv"
    res = runner.invoke(app, ["check", str(out_dir), "--csv", "-o", str(card)])
    assert res.exit_code == 0 and card.read_text("utf-8") == res.stdout
    _deprecated(res, "check -o FILE")
    before = (out_dir / "draft.json").read_bytes()
    res = runner.invoke(app, ["check", str(out_dir), "--no-write"])
    assert res.exit_code == 0 and (out_dir / "draft.json").read_bytes() == before
    _deprecated(res, "--no-write")


@pytest.fixture
def versions(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "policy_v1.txt", tmp_path / "policy_v2.txt"
    old.write_text(OLD_TEXT, encoding="utf-8")
    new.write_text(NEW_TEXT, encoding="utf-8")
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({"old": "policy_v1.txt", "new": "policy_v2.txt", "pairs": [
        {"old_quote": "We will keep all model weights in a secured storage system", "new_quote": None,
         "label": "removed"}]}), encoding="utf-8")
    return old, new


def test_diff_gold_diff_and_its_old_spellings(versions: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = map(str, versions)
    gold = str(tmp_path / "gold.json")
    res = runner.invoke(app, ["diff", old, new, "--no-embed", "--gold-diff", gold])
    assert res.exit_code == 0, res.output
    assert "WEAKENED" in res.stdout and "alignment accuracy:" in res.stdout and "deprecated" not in res.stderr
    both = json.loads(runner.invoke(app, ["diff", old, new, "--no-embed", "--gold-diff", gold, "--json"]).stdout)
    assert set(both) == {"diff", "score"} and both["score"]["pairs"] == 1
    old_gold = runner.invoke(app, ["diff", old, new, "--no-embed", "--gold", gold])
    assert old_gold.exit_code == 0 and old_gold.stdout == res.stdout
    _deprecated(old_gold, "diff --gold FILE")
    folded = runner.invoke(app, ["eval-diff", old, new, "--no-embed", "--gold", gold, "--json"])
    assert folded.exit_code == 0, folded.output
    assert json.loads(folded.stdout) == both["score"]  # the same function, the score alone
    _deprecated(folded, "eval-diff")


def test_diff_is_no_longer_always_quiet(versions: tuple[Path, Path]) -> None:
    old, new = map(str, versions)
    res = runner.invoke(app, ["diff", old, new, "--no-embed", "-v"])
    assert res.exit_code == 0
    assert logging.getLogger("extractor").level == logging.DEBUG
    runner.invoke(app, ["diff", old, new, "--no-embed", "-q"])
    assert logging.getLogger("extractor").level == logging.ERROR


def test_eval_old_spellings(tmp_path: Path) -> None:
    gold_dir, docs, preds = _cli_fixture(tmp_path)
    base = ["eval", "--gold", str(gold_dir), "--docs", str(docs), "--predictions", str(preds), "--json"]
    report = tmp_path / "report.json"
    res = runner.invoke(app, [*base, "--report", str(report)])
    assert res.exit_code == 0, res.output
    assert json.loads(report.read_text("utf-8"))["micro"] == json.loads(res.stdout)["micro"]
    _deprecated(res, "eval --report FILE")
    res = runner.invoke(app, [*base, "--with-index", "--no-index"])
    assert res.exit_code == 0
    _deprecated(res, "eval --with-index")


def test_report_html_is_output(tmp_path: Path) -> None:
    out_dir, _ = write_case(tmp_path)
    page = tmp_path / "page.html"
    res = runner.invoke(app, ["report", str(out_dir), "--html", str(page)])
    assert res.exit_code == 0 and page.is_file()
    _deprecated(res, "report --html FILE")
    page2 = tmp_path / "page2.html"
    res = runner.invoke(app, ["report", str(out_dir), "--output", str(page2), "-q"])
    assert res.exit_code == 0 and page2.is_file() and res.stdout == "" and "deprecated" not in res.stderr


def test_run_json_is_the_summary_and_log_json_the_logs(versions: tuple[Path, Path], tmp_path: Path) -> None:
    doc = str(versions[0])
    new = runner.invoke(app, ["run", doc, "--out", str(tmp_path / "a"), "--no-index", "--json", "--no-log-json"])
    assert new.exit_code == 0, new.output
    assert json.loads(new.stdout)["backend"] == "rules" and "deprecated" not in new.stderr
    old = runner.invoke(app, ["run", doc, "--out", str(tmp_path / "b"), "--no-index", "--json"])
    assert old.exit_code == 0 and json.loads(old.stdout)["backend"] == "rules"
    _deprecated(old, "run --json")  # the old meaning (JSON logs too) still holds for one release
    assert isinstance(logging.getLogger("extractor").handlers[0].formatter, logging.Formatter)
    formatter = logging.getLogger("extractor").handlers[0].formatter
    record = logging.LogRecord("extractor", logging.WARNING, __file__, 1, "a warning", None, None)
    assert json.loads(formatter.format(record))["message"] == "a warning"  # type: ignore[union-attr]
    runner.invoke(app, ["run", doc, "--out", str(tmp_path / "c"), "--no-index", "--log-json", "-q"])
    assert json.loads(logging.getLogger("extractor").handlers[0].formatter.format(record))  # type: ignore[union-attr]
    runner.invoke(app, ["run", doc, "--out", str(tmp_path / "d"), "--no-index", "-q"])
    text = logging.getLogger("extractor").handlers[0].formatter.format(record)  # type: ignore[union-attr]
    assert text == "WARNING: a warning"
