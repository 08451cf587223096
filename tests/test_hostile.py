"""Hostile inputs (docs/hostile-inputs.md): each bad file gets one line naming it, the others are written.

The 20 MB text and the 1 MB single line are capped here (a unit test must stay fast); the
full sizes run in `bench/bench_hostile.py`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from docmaker import POLICY_PAGES, corpus_text, hostile_corpus, pdf, variants

from extractor.backends import ExtractContext, register
from extractor.config import Settings
from extractor.errors import ConfigError, InputError
from extractor.load import discover, load
from extractor.output import read_output
from extractor.pipeline import Pipeline, _out_lock

Completed = subprocess.CompletedProcess[str]
EXTRACT = str(Path(sys.executable).parent / "extract")
BIG_CHARS = 256_000  # full size (20 MB) in bench/bench_hostile.py
LINE_CHARS = 32_000  # full size (1 MB) in bench/bench_hostile.py


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], Path, Completed]:
    root = tmp_path_factory.mktemp("hostile")
    expect = hostile_corpus(root / "in", BIG_CHARS, LINE_CHARS)
    proc = subprocess.run(
        [EXTRACT, "run", str(root / "in"), "--out", str(root / "out"),
         "--no-index", "--json", "--index", str(root / "idx")],
        capture_output=True, text=True, timeout=600, cwd=root,
    )
    return expect, root, proc


def test_every_hostile_file_gets_its_outcome(hostile_run) -> None:  # type: ignore[no-untyped-def]
    expect, root, proc = hostile_run
    assert proc.returncode == 3, proc.stderr  # some failed, some written
    summary = json.loads(proc.stdout)
    failures = {str(Path(f["path"]).relative_to(root / "in")): f["reason"] for f in summary["failures"]}
    written = {Path(o).stem for o in summary["outputs"]}
    for name, outcome in expect.items():
        stem = Path(name).stem
        if outcome == "ok":
            assert name not in failures, f"{name}: {failures.get(name)}"
            assert stem in written, name
            out = read_output(root / "out" / f"{stem}.json")
            assert out.document.chars > 0
        elif outcome == "ignored":
            assert name not in failures and stem not in written, name
        else:
            assert name in failures, f"{name} should fail with '{outcome}'; failures: {sorted(failures)}"
            assert outcome in failures[name], f"{name}: {failures[name]!r} lacks {outcome!r}"
            assert stem not in written
    # nothing else failed: the directory link loop is walked once and is not a failure
    assert set(failures) == {n for n, o in expect.items() if o not in ("ok", "ignored")}


def test_each_failure_is_one_line_on_stderr(hostile_run) -> None:  # type: ignore[no-untyped-def]
    expect, root, proc = hostile_run
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    for name, outcome in expect.items():
        if outcome in ("ok", "ignored"):
            continue
        naming = [line for line in lines if line.startswith("failed:") and line.split()[1].rstrip(":").endswith(name)]
        assert len(naming) == 1, (name, naming)
        assert outcome in naming[0]
    # the loop is reported once as a warning, and its documents are not processed twice
    assert sum("directory already walked" in line for line in lines) == 1
    assert not any(line.startswith("failed:") and "/up/" in line for line in lines)


def test_written_outputs_are_valid_and_html_scripts_dropped(hostile_run) -> None:  # type: ignore[no-untyped-def]
    expect, root, proc = hostile_run
    page = read_output(root / "out" / "page.json")
    doc = load(root / "in" / "page.html")
    assert "exfiltrate" not in doc.text and "obey the script" not in doc.text and "enable JS" not in doc.text
    assert "color: red" not in doc.text
    assert "We will publish a safety report & its evidence every year." in doc.text
    assert any("safety report" in c.quote for c in page.commitments)
    for c in page.commitments:
        assert doc.text[c.span.start:c.span.end].split() == c.quote.split()
    # the capped big inputs went all the way through
    big = read_output(root / "out" / "big.json")
    assert big.document.chars == BIG_CHARS and len(big.commitments) > 50
    line = read_output(root / "out" / "long_line.json")
    assert line.document.pages == 1 and len(line.commitments) > 5
    for f in (root / "out").iterdir():
        assert not f.name.endswith(".tmp")
    owner_only = read_output(root / "out" / "owner_only.json")
    assert owner_only.document.pages == len(POLICY_PAGES)
    both16 = [load(root / "in" / n).text for n in ("utf16_bom.txt", "utf16_nobom.txt")]
    assert both16[0] == both16[1] == "\n".join(POLICY_PAGES)


def test_load_errors_name_the_file_in_one_line(tmp_path: Path) -> None:
    expect = hostile_corpus(tmp_path, 1000, 1000)
    for name, outcome in expect.items():
        if outcome in ("ok", "ignored"):
            continue
        if name == "fifo.txt":
            continue  # run in a subprocess below: a regression would block for ever
        with pytest.raises(InputError) as info:
            load(tmp_path / name)
        message = str(info.value)
        assert message.startswith(str(tmp_path / name)) and "\n" not in message
        assert outcome in info.value.reason


def test_fifo_does_not_block(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo.txt")
    code = ("import sys; from pathlib import Path; from extractor.load import load\n"
            "from extractor.errors import InputError\n"
            "try:\n    load(Path(sys.argv[1]))\nexcept InputError as e:\n    print(e.reason)")
    proc = subprocess.run([sys.executable, "-c", code, str(tmp_path / "fifo.txt")], capture_output=True, text=True,
                          timeout=60)
    assert "not a regular file" in proc.stdout


def test_discover_cuts_loops_and_duplicates(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "doc.txt").write_text("We will publish.")
    os.symlink("..", tmp_path / "a" / "b" / "up")
    os.symlink(tmp_path / "a", tmp_path / "alias")
    files, errors = discover([tmp_path, tmp_path / "a" / "b" / "doc.txt"])
    assert files == [tmp_path / "a" / "b" / "doc.txt"] and errors == []
    files, errors = discover([tmp_path / "nope"])
    assert files == [] and "no such file" in errors[0].reason


class _Vanish:
    """A progress display that deletes a file once the run has found its files and before it reads any: a file
    disappearing mid-run (the run reads a document ahead while it extracts the one before)."""

    def __init__(self, victim: Path) -> None:
        self.victim = victim

    def advance_chunks(self, n: int) -> None: ...
    def document_done(self) -> None: ...
    def document(self, name: str, chunks: int) -> None: ...

    def documents(self, total: int) -> None:
        if self.victim.exists():
            self.victim.unlink()


def test_file_disappearing_mid_run(tmp_path: Path) -> None:
    docs = variants(tmp_path / "in", 3, max_chars=3000)
    pipeline = Pipeline(Settings.resolve(backend="rules", use_index=False, env={}))
    summary = pipeline.run([tmp_path / "in"], tmp_path / "out", progress=_Vanish(docs[1]))
    assert [f.path for f in summary.failures] == [str(docs[1])]
    assert "disappeared" in summary.failures[0].reason
    assert sorted(Path(o).stem for o in summary.outputs) == sorted(d.stem for d in (docs[0], docs[2]))


@register("test-crashes-on-b")
class _CrashOnB:
    """A third-party backend with a bug on one document (a real Backend, registered as plugins are)."""

    name = "test-crashes-on-b"
    model = None
    prompt_version = None

    def __init__(self, settings: Settings) -> None:
        pass

    def extract(self, doc, chunks, ctx: ExtractContext):  # type: ignore[no-untyped-def]
        if doc.id == "b":
            raise ZeroDivisionError("division by zero")
        return []


def test_a_bug_on_one_document_does_not_stop_the_run(tmp_path: Path) -> None:
    for name in "abc":
        (tmp_path / f"{name}.txt").write_text(corpus_text()[:2000])
    pipeline = Pipeline(Settings.resolve(backend="test-crashes-on-b", use_index=False, env={}))
    summary = pipeline.run([tmp_path], tmp_path / "out")
    assert [Path(f.path).name for f in summary.failures] == ["b.txt"]
    assert "internal error (ZeroDivisionError" in summary.failures[0].reason
    assert sorted(Path(o).name for o in summary.outputs) == ["a.json", "c.json"]


def test_one_run_per_output_folder(tmp_path: Path) -> None:
    pdf(tmp_path / "p.pdf", POLICY_PAGES)
    pipeline = Pipeline(Settings.resolve(backend="rules", use_index=False, env={}))
    with _out_lock(tmp_path / "out"):
        with pytest.raises(ConfigError, match="another `extract run`"):
            pipeline.run([tmp_path / "p.pdf"], tmp_path / "out")
    assert pipeline.run([tmp_path / "p.pdf"], tmp_path / "out").outputs  # released afterwards
    (tmp_path / "file").write_text("x")
    with pytest.raises(ConfigError, match="is a file"):
        pipeline.run([tmp_path / "p.pdf"], tmp_path / "file")


def test_same_stem_in_two_folders_is_one_clear_failure(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "policy.txt").write_text(corpus_text()[:1500])
    pipeline = Pipeline(Settings.resolve(backend="rules", use_index=False, env={}))
    summary = pipeline.run([tmp_path / "a", tmp_path / "b"], tmp_path / "out")
    assert summary.outputs == [str(tmp_path / "out" / "policy.json")]
    assert [f.path for f in summary.failures] == [str(tmp_path / "b" / "policy.txt")]
    assert "would clash" in summary.failures[0].reason
