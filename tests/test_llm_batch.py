"""The llm backend's `--batch` path (OpenAI's Batch API) against the fixture server's batch endpoints.

Real CLI runs over HTTP on 127.0.0.1: one batch for the whole corpus, no live calls, the same
requests and the same grounded results as the live path, a free re-run, a failed line retried live,
an expired batch finished by a re-run, and an interrupted run that resumes the saved batch.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fakellm import HALLUCINATED_QUOTE, FakeLLM, chunk_of
from test_llm import CO, CS, POLICY, assert_grounded, quotes, settings
from typer.testing import CliRunner

from extractor.backends.llm import LLMBackend
from extractor.chunk import chunk_document
from extractor.cli import app
from extractor.llm import batch as llm_batch
from extractor.load import load
from extractor.models import ExtractionOutput
from extractor.output import read_output
from extractor.pipeline import Pipeline

OTHER = POLICY.replace("Acme AI", "Beta Labs").replace("Tier-2", "Level-B")


def corpus(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "docs"
    folder.mkdir(exist_ok=True)
    (folder / "acme.md").write_text(POLICY, encoding="utf-8")
    (folder / "beta.md").write_text(OTHER, encoding="utf-8")
    return [folder / "acme.md", folder / "beta.md"]


def n_chunks(paths: list[Path]) -> int:
    return sum(len(chunk_document(load(p), CS, CO)) for p in paths)


def cli(fake: FakeLLM, tmp_path: Path, *extra: str, out: str = "out", cache: str = "cache",
        batch: bool = True) -> tuple[int, dict[str, Any]]:
    args = ["run", str(tmp_path / "docs"), "--backend", "llm", "--no-index", "--base-url", fake.url,
            "--cache", str(tmp_path / cache), "--out", str(tmp_path / out), "--org", "the organisation",
            "--chunk-size", str(CS), "--chunk-overlap", str(CO), "--retries", "1", "--json", *extra]
    if batch:
        args += ["--batch", "--batch-poll", "0.01"]
    res = CliRunner().invoke(app, args)
    lines = [ln for ln in res.stdout.splitlines() if ln.startswith('{"outputs"')]
    assert lines, (res.exit_code, res.output)
    return res.exit_code, json.loads(lines[-1])


def outputs(tmp_path: Path, out: str = "out") -> dict[str, ExtractionOutput]:
    return {p.stem: read_output(p) for p in sorted((tmp_path / out).glob("*.json"))}


def uploads(fake: FakeLLM) -> int:
    return sum(1 for f in fake.files.values() if f["purpose"] == "batch")


def test_one_batch_no_live_calls_same_results_as_live(fake_llm: FakeLLM, tmp_path: Path) -> None:
    paths = corpus(tmp_path)
    n = n_chunks(paths)
    fake_llm.batch_polls = 3
    code, summary = cli(fake_llm, tmp_path)
    assert code == 0 and not summary["failures"]
    # exactly one batch for the whole corpus, with one line per chunk, and not a single live call
    assert len(fake_llm.batches) == 1 and uploads(fake_llm) == 1
    assert len(fake_llm.batch_lines) == n
    assert fake_llm.chat_requests == []
    assert fake_llm.batch_retrievals == 3 + 1  # polled until completed, then no more
    assert summary["batches"] == list(fake_llm.batches)
    stats = summary["stats"]
    assert stats["llm_batches"] == 1 and stats["llm_batch_requests"] == n == stats["llm_batch_answers"]
    assert stats["llm_calls"] == 0 and stats.get("llm_batch_failed_requests", 0) == 0
    assert stats["llm_tokens"] == stats["llm_batch_tokens"] > 0
    batch_out = outputs(tmp_path)
    assert set(batch_out) == {"acme", "beta"}
    for path in paths:
        result = batch_out[path.stem]
        assert_grounded(result, path.read_text())
        assert len(result.commitments) >= 5
    assert "We will evaluate every frontier model for Level-B Threshold capabilities before external deployment" \
        in quotes(batch_out["beta"])

    # the live path sends the very same requests and gets the very same commitments
    batch_bodies = {b["messages"][-1]["content"]: b for b in fake_llm.batch_lines}
    assert len(batch_bodies) == n
    code, _ = cli(fake_llm, tmp_path, out="live", cache="live-cache", batch=False)
    assert code == 0 and len(fake_llm.chat_requests) == n
    for live in fake_llm.chat_requests:
        assert batch_bodies[live["messages"][-1]["content"]] == live
    live_out = outputs(tmp_path, "live")
    for stem in batch_out:
        assert [(c.quote, c.span, c.modality) for c in batch_out[stem].commitments] == \
               [(c.quote, c.span, c.modality) for c in live_out[stem].commitments]


def test_rerun_makes_no_call_and_cached_chunks_are_not_batched(fake_llm: FakeLLM, tmp_path: Path) -> None:
    paths = corpus(tmp_path)
    n = n_chunks(paths)
    cli(fake_llm, tmp_path)
    assert len(fake_llm.batch_lines) == n
    code, summary = cli(fake_llm, tmp_path, "--force")  # redo the documents: every chunk is in the cache
    assert code == 0 and summary["batches"] == [] and summary["stats"]["llm_cache_hits"] == n
    assert len(fake_llm.batches) == 1 and uploads(fake_llm) == 1 and fake_llm.chat_requests == []
    # a new document: only its chunks go in the next batch
    (tmp_path / "docs" / "gamma.md").write_text(POLICY.replace("Acme AI", "Gamma Corp"), encoding="utf-8")
    code, summary = cli(fake_llm, tmp_path)
    assert code == 0 and len(fake_llm.batches) == 2
    assert len(fake_llm.batch_lines) == n + n_chunks([tmp_path / "docs" / "gamma.md"])
    assert summary["skipped"] and summary["stats"]["llm_batch_requests"] == len(fake_llm.batch_lines) - n
    assert fake_llm.chat_requests == []


def test_failed_line_is_retried_live_and_bad_items_are_dropped(fake_llm: FakeLLM, tmp_path: Path) -> None:
    paths = corpus(tmp_path)
    n = n_chunks(paths)
    cli(fake_llm, tmp_path, out="clean", cache="clean-cache")
    clean = outputs(tmp_path, "clean")
    fake_llm.reset()
    fake_llm.inject("500", "hallucinate", "prose")  # batch lines 1, 2 and 3
    code, summary = cli(fake_llm, tmp_path)
    assert code == 0 and not summary["failures"]
    stats = summary["stats"]
    assert len(fake_llm.batch_lines) == n and len(fake_llm.batches) == 1
    assert stats["llm_batch_failed_requests"] == 1
    assert stats["llm_dropped_ungrounded"] == 1  # the invented quote, dropped; its chunk's real ones kept
    assert stats["llm_batch_unparsed"] == 1  # prose instead of JSON: the live path (which can re-ask) redoes it
    assert stats["llm_batch_live_retries"] == 2 == stats["llm_calls"] == len(fake_llm.chat_requests)
    failed = {chunk_of(fake_llm.batch_lines[0]), chunk_of(fake_llm.batch_lines[2])}
    assert {chunk_of(r) for r in fake_llm.chat_requests} == failed
    got = outputs(tmp_path)
    assert all(HALLUCINATED_QUOTE not in quotes(r) for r in got.values())
    for stem, result in got.items():
        assert quotes(result) == quotes(clean[stem])
    # and all of it is cached: a re-run is free
    served = fake_llm.served
    code, summary = cli(fake_llm, tmp_path, "--force")
    assert code == 0 and fake_llm.served == served and summary["stats"]["llm_cache_hits"] == n


def test_expired_batch_keeps_its_answers_and_a_rerun_sends_only_the_rest(fake_llm: FakeLLM, tmp_path: Path
                                                                        ) -> None:
    paths = corpus(tmp_path)
    n = n_chunks(paths)
    fake_llm.batch_expire_after = 3
    code, summary = cli(fake_llm, tmp_path)
    assert code in (1, 3) and summary["failures"]  # documents missing answers are not written ...
    assert "ended expired" in summary["failures"][0]["reason"] and "re-run" in summary["failures"][0]["reason"]
    assert summary["stats"]["llm_batch_unanswered"] == n - 3
    assert fake_llm.chat_requests == []  # ... and not redone at full price behind the user's back
    assert not list((tmp_path / "cache" / "batch" / "jobs").glob("*.json"))  # nothing left to resume
    fake_llm.batch_expire_after = None
    code, summary = cli(fake_llm, tmp_path)
    assert code == 0 and not summary["failures"]
    assert len(fake_llm.batches) == 2 and len(fake_llm.batch_lines) == n  # 3 + the n - 3 that were missing
    assert summary["stats"]["llm_batch_requests"] == n - 3
    assert fake_llm.chat_requests == []
    for path in paths:
        assert_grounded(outputs(tmp_path)[path.stem], path.read_text())


def test_interrupted_run_resumes_polling_the_saved_batch(fake_llm: FakeLLM, tmp_path: Path) -> None:
    paths = corpus(tmp_path)
    n = n_chunks(paths)
    fake_llm.batch_polls = 5

    def interrupt(_seconds: float) -> None:
        raise KeyboardInterrupt  # Ctrl-C during the first wait

    s = settings(fake_llm, tmp_path, org="the organisation", batch=True, batch_poll=0.01)
    with pytest.raises(KeyboardInterrupt):
        Pipeline(s, backend=LLMBackend(s, sleep=interrupt)).run(paths, tmp_path / "out")
    assert len(fake_llm.batches) == 1 and fake_llm.batch_retrievals == 1
    (batch_id,) = fake_llm.batches
    saved = json.loads((tmp_path / "cache" / "batch" / "jobs" / f"{batch_id}.json").read_text())
    assert saved["batch_id"] == batch_id and len(saved["keys"]) == n and saved["base_url"] == fake_llm.url
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.json"))

    code, summary = cli(fake_llm, tmp_path)
    assert code == 0 and not summary["failures"]
    assert summary["batches"] == [batch_id]  # the same batch, polled again: nothing uploaded or paid twice
    assert len(fake_llm.batches) == 1 and uploads(fake_llm) == 1 and len(fake_llm.batch_lines) == n
    assert fake_llm.batch_retrievals > 5 and fake_llm.chat_requests == []
    assert not list((tmp_path / "cache" / "batch" / "jobs").glob("*.json"))
    assert set(outputs(tmp_path)) == {"acme", "beta"}


def test_large_corpus_is_split_at_the_batch_limits(fake_llm: FakeLLM, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    paths = corpus(tmp_path)
    n = n_chunks(paths)
    monkeypatch.setattr(llm_batch, "MAX_REQUESTS", 4)  # OpenAI's is 50,000 lines (and 200 MB)
    code, summary = cli(fake_llm, tmp_path)
    assert code == 0 and len(fake_llm.batches) == -(-n // 4) == summary["stats"]["llm_batches"]
    assert len(fake_llm.batch_lines) == n and fake_llm.chat_requests == []


def test_endpoint_without_batch_api_is_a_one_line_config_error(fake_llm: FakeLLM, tmp_path: Path) -> None:
    corpus(tmp_path)
    fake_llm.batch_api = False
    res = CliRunner().invoke(app, ["run", str(tmp_path / "docs"), "--backend", "llm", "--no-index", "--batch",
                                   "--base-url", fake_llm.url, "--cache", str(tmp_path / "cache"),
                                   "--out", str(tmp_path / "out"), "-q"])
    assert res.exit_code == 2, res.output
    assert "has no Batch API" in res.output and "without --batch" in res.output
    assert fake_llm.chat_requests == []
