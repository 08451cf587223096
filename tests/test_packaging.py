"""A non-editable install (`pip install .` or the wheel) carries the prompts and resources it needs.

The wheel is really built (pip wheel, no build isolation: setuptools and wheel come with the `test`
extra) from a copy of the checkout, then unpacked into a folder put first on PYTHONPATH, which is
what installing a pure-Python wheel amounts to; a subprocess started outside the checkout then
loads the three prompt sets through the real constructors. A checkout (or editable install) must
keep reading the top-level prompts/, so an edit there takes effect at once.
About 3 s in all (the build takes ~1.5 s).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import extractor
from extractor import diff_judge, judge
from extractor.backends.llm import LLMBackend
from extractor.config import Settings, default_prompts_dir
from extractor.errors import ConfigError
from extractor.llm import prompts
from extractor.llm.prompts import Prompts

ROOT = Path(__file__).resolve().parents[1]
# prompt set -> the user_format its caller hashes into the version
PROMPT_SETS = {prompts.DEFAULT_PROMPT: prompts.USER_FORMAT, diff_judge.PROMPT: diff_judge.USER_FORMAT,
               judge.PROMPT: judge.USER_FORMAT}
# what a checkout holds besides the sources; none of it may matter to the build
NOT_SOURCES = shutil.ignore_patterns(".git", ".venv", "venv", "__pycache__", "*.egg-info", "build", "dist",
                                     ".extractor", ".*_cache", "out", "*.tmp", "*.pyc")

# run in a fresh interpreter: which copy of the package was imported, where the prompts were found,
# and the prompt versions the real constructors load (no endpoint is called)
PROBE = """
import json, sys
from pathlib import Path
import extractor
from extractor.backends.llm import LLMBackend
from extractor.llm.prompts import Prompts
from extractor.config import Settings, default_prompts_dir
from extractor.diff_judge import LLMDiffJudge
from extractor.errors import ConfigError
from extractor.judge import LLMJudge
from extractor.report import resource
s = Settings(base_url="http://127.0.0.1:9/v1", cache_dir=Path("cache"))
try:
    Prompts.load("no_such_set")
    missing = None
except ConfigError as exc:
    missing = str(exc)
print(json.dumps({"package": extractor.__file__, "prompts": str(default_prompts_dir()), "missing": missing,
                  "page": [resource("report.css"), resource("report.js")],
                  "versions": {"extract_v3": LLMBackend(s).prompts.version, "diff_v1": LLMDiffJudge(s).prompts.version,
                               "judge_v2": LLMJudge(s).prompts.version}}))
"""


def source_versions(root: Path) -> dict[str, str]:
    return {name: Prompts.load(name, root=root, user_format=fmt).version for name, fmt in PROMPT_SETS.items()}


def probe(pythonpath: Path, cwd: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EXTRACTOR_")}
    env["PYTHONPATH"] = str(pythonpath)
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts and not p.name.startswith("."))


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The wheel `pip install .` would install, built offline from a clean copy of the checkout
    (building in place would leave build/ behind, whose stale files could hide a missing one)."""
    work = tmp_path_factory.mktemp("wheel")
    src = work / "src"
    shutil.copytree(ROOT, src, ignore=NOT_SOURCES)
    cmd = [sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "--no-build-isolation", "--no-index",
           "--disable-pip-version-check", "-q", "-w", str(work / "dist")]
    done = subprocess.run(cmd, cwd=src, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, ("building the wheel failed (setuptools>=68 and wheel come with "
                                  f"`pip install -e '.[test]'`):\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    wheels = list((work / "dist").glob("extractor-*.whl"))
    assert len(wheels) == 1, wheels
    yield wheels[0]


def test_wheel_contains_prompts_resources_and_every_module(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"extractor/_prompts/{p.relative_to(ROOT / 'prompts').as_posix()}"
                for p in files_under(ROOT / "prompts") if p.parent != ROOT / "prompts"}
    assert {n.split("/")[2] for n in expected} == {p.name for p in (ROOT / "prompts").iterdir() if p.is_dir()}
    assert set(PROMPT_SETS) <= {n.split("/")[2] for n in expected}
    expected |= {f"extractor/resources/{p.relative_to(ROOT / 'extractor' / 'resources').as_posix()}"
                 for p in files_under(ROOT / "extractor" / "resources")}
    assert "extractor/resources/models/commitment.npz" in expected  # the learned heads' weights ship
    assert "extractor/resources/models-dev/commitment.npz" in expected  # and the heads `extract eval` scores
    # pyproject lists the packages by hand: a new subpackage must not be left out of the wheel
    expected |= {f"extractor/{p.relative_to(ROOT / 'extractor').as_posix()}"
                 for p in files_under(ROOT / "extractor") if p.suffix == ".py"}
    assert {"extractor/resources/minilm-tokenizer.json", "extractor/resources/report.css",
            "extractor/resources/report.js"} <= expected
    assert not expected - names, f"missing from the wheel: {sorted(expected - names)}"
    assert not [n for n in names if n.startswith("prompts/")], "prompts/ must not become a top-level package"


def test_installed_wheel_loads_its_own_prompts(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)  # a pure-Python wheel: unpacking is installing
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    got = probe(site, outside)
    assert Path(got["package"]).resolve().is_relative_to(site.resolve()), got["package"]
    assert Path(got["prompts"]) == (site / "extractor" / "_prompts").resolve()
    assert got["versions"] == source_versions(ROOT / "prompts")
    # the review page's style and script come from the installed package
    resources = ROOT / "extractor" / "resources"
    assert got["page"] == [(resources / n).read_text("utf-8") for n in ("report.css", "report.js")]
    missing = got["missing"]
    assert "no_such_set" in missing and str((site / "extractor" / "_prompts" / "no_such_set").resolve()) in missing
    assert "\n" not in missing


def test_checkout_reads_its_prompts_folder_and_an_edit_takes_effect(tmp_path: Path) -> None:
    # this process runs from the checkout (the editable install)
    assert Path(extractor.__file__).resolve().is_relative_to(ROOT)
    assert default_prompts_dir() == ROOT / "prompts"
    # a copy of the checkout, run from its source tree, reads its own prompts/ and sees an edit at once
    checkout = tmp_path / "checkout"
    shutil.copytree(ROOT / "extractor", checkout / "extractor", ignore=NOT_SOURCES)
    shutil.copytree(ROOT / "prompts", checkout / "prompts")
    shutil.copy2(ROOT / "pyproject.toml", checkout / "pyproject.toml")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    before = probe(checkout, outside)
    assert Path(before["prompts"]) == (checkout / "prompts").resolve()
    assert before["versions"] == source_versions(ROOT / "prompts")
    for name in PROMPT_SETS:
        system = checkout / "prompts" / name / "system.md"
        system.write_text(system.read_text("utf-8") + "\nAn edit.\n", "utf-8")
    after = probe(checkout, outside)
    for name in PROMPT_SETS:
        assert after["versions"][name] != before["versions"][name]
        assert after["versions"][name].split("+")[0] == before["versions"][name].split("+")[0]


def test_prompts_folder_is_flag_then_env_then_default(tmp_path: Path) -> None:
    other = tmp_path / "prompts"
    shutil.copytree(ROOT / "prompts" / "extract_v3", other / "extract_v3")
    (other / "extract_v3" / "system.md").write_text("Another prompt.\n", "utf-8")
    assert Settings.resolve(env={}).effective_prompts_dir() == default_prompts_dir()
    from_env = Settings.resolve(env={"EXTRACTOR_PROMPTS": str(other)}, base_url="http://127.0.0.1:9/v1",
                                cache_dir=tmp_path / "cache")
    assert from_env.effective_prompts_dir() == other
    assert LLMBackend(from_env).prompts.version == Prompts.load(root=other).version
    assert LLMBackend(from_env).prompts.version != Prompts.load().version
    flag = Settings.resolve(env={"EXTRACTOR_PROMPTS": str(other)}, prompts_dir=tmp_path / "flag")
    assert flag.effective_prompts_dir() == tmp_path / "flag"
    # the judges' sets are not in that folder: one clear line naming where it looked
    with pytest.raises(ConfigError, match="prompt set 'judge_v2' not found") as err:
        judge.LLMJudge(from_env)
    assert str(other / "judge_v2") in str(err.value) and "\n" not in str(err.value)
