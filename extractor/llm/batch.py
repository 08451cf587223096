"""The Batch API path of the llm backend (`--batch`): the same requests at half the price, within 24 h.

Why it is built this way:
- one JSONL line per chunk the cache does not hold: its custom_id is the chunk's cache key and its
  body is the very request the live path sends (instructor's own request building, same mode and
  schema), so answers land in the same cache and a re-run makes no call at all;
- the batch id is saved atomically in the cache folder as soon as the batch exists, so an
  interrupted run (Ctrl-C, a crash, a laptop lid) resumes polling the same batch instead of paying
  for it twice;
- answers are stored on disk as downloaded and validated later, per document, by the backend with
  the same pydantic model and grounding as the live path (grounding needs the whole document, which
  the backend holds only then); a failed line goes through the live path; chunks a batch left
  unanswered (expired, failed, cancelled) fail their document, and a re-run sends only those.

openai and instructor are imported lazily, like in `client.py`.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..backends.base import ExtractContext
from ..errors import BackendError, ConfigError
from ..models import Chunk, Document
from ..output import write_atomic
from .cache import ResponseCache
from .client import instructor_mode
from .retry import BACKOFF_CAP, describe, is_transient

if TYPE_CHECKING:
    from ..backends.llm import LLMBackend

log = logging.getLogger(__name__)

ENDPOINT = "/v1/chat/completions"
WINDOW = "24h"
MAX_REQUESTS = 50_000  # OpenAI's limit per batch
MAX_BYTES = 190 * 1024 * 1024  # OpenAI's input file limit is 200 MB
TERMINAL = frozenset({"completed", "failed", "expired", "cancelled"})
POLL_GROWTH = 1.5  # each wait is 1.5x the last ...
POLL_CAP = 10  # ... up to 10x --batch-poll
MAX_POLL_ERRORS = 8  # consecutive transient errors while polling before giving up (the batch id is kept)
FILE_TIMEOUT = 600.0  # uploads and downloads can be hundreds of MB
T = TypeVar("T")


def request_body(backend: LLMBackend, messages: list[dict[str, str]]) -> dict[str, Any]:
    """The chat.completions body the live path sends for these messages, built by instructor itself."""
    from instructor.processing import handle_response_model

    s = backend.settings
    _model, kwargs = handle_response_model(
        backend.response_model, mode=instructor_mode(s.mode), model=s.model, messages=list(messages),
        temperature=0, max_tokens=s.max_output_tokens, strict=False)
    return kwargs


class BatchStore:
    """On disk under CACHE/batch/: `jobs/<batch id>.json` for batches in flight, `llm/` for answers not
    yet validated (same layout as the response cache, keyed by the same keys)."""

    def __init__(self, cache_dir: Path) -> None:
        self.folder = Path(cache_dir) / "batch"
        self.jobs_dir = self.folder / "jobs"
        self.answers = ResponseCache(self.folder)

    def save_job(self, job: dict[str, Any]) -> None:
        write_atomic(self.jobs_dir / f"{job['batch_id']}.json", json.dumps(job))

    def jobs(self) -> list[dict[str, Any]]:
        out = []
        for path in sorted(self.jobs_dir.glob("*.json")) if self.jobs_dir.is_dir() else []:
            try:
                job = json.loads(path.read_text("utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError):
                continue
            if isinstance(job, dict) and isinstance(job.get("batch_id"), str) and isinstance(job.get("keys"), list):
                out.append(job)
        return out

    def drop_job(self, batch_id: str) -> None:
        (self.jobs_dir / f"{batch_id}.json").unlink(missing_ok=True)

    def get_answer(self, key: str) -> dict[str, Any] | None:
        value = self.answers.get(key)
        return value if isinstance(value, dict) else None

    def put_answer(self, key: str, value: dict[str, Any]) -> None:
        self.answers.put(key, value)

    def drop_answer(self, key: str) -> None:
        self.answers._path(key).unlink(missing_ok=True)


class _Part:
    """One JSONL input file being written; rolled over at the Batch API's size limits."""

    def __init__(self, folder: Path, n: int) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / f"upload-{os.getpid()}-{n}.jsonl"
        self.fh = self.path.open("w", encoding="utf-8")
        self.keys: list[str] = []
        self.size = 0

    def fits(self, line: str) -> bool:
        return not self.keys or (len(self.keys) < MAX_REQUESTS and self.size + len(line.encode()) <= MAX_BYTES)

    def add(self, key: str, line: str) -> None:
        self.fh.write(line)
        self.keys.append(key)
        self.size += len(line.encode())


class BatchRunner:
    """Submits, waits for and downloads Batch API jobs for one backend; remembers what went unanswered."""

    def __init__(self, backend: LLMBackend) -> None:
        self.backend = backend
        self.settings = backend.settings
        self.store = BatchStore(self.settings.effective_cache_dir())
        self.lost: dict[str, str] = {}  # key -> why its batch did not answer it (this run)

    # -- the run

    def run(self, jobs: Iterable[tuple[Document, Sequence[Chunk], ExtractContext]]) -> tuple[list[str], dict[str, int]]:
        """Send the chunks of `jobs` that need an answer; wait; store the answers. Returns batch ids and counters."""
        stats: Counter[str] = Counter()
        saved = self._resumable()
        in_flight = {key: job["batch_id"] for job in saved for key in job["keys"]}
        needed: set[str] = set()  # batch ids of saved jobs this run needs
        parts: list[_Part] = []
        seen: set[str] = set()
        try:
            for doc, chunks, ctx in jobs:
                for key, messages in self.backend.batch_requests(doc, chunks, ctx):
                    if key in seen:
                        continue
                    seen.add(key)
                    if key in in_flight:
                        needed.add(in_flight[key])
                        continue
                    if self.store.get_answer(key) is not None:
                        continue  # downloaded by an earlier run, not yet validated
                    line = json.dumps({"custom_id": key, "method": "POST", "url": ENDPOINT,
                                       "body": request_body(self.backend, messages)}, ensure_ascii=False) + "\n"
                    if not parts or not parts[-1].fits(line):
                        parts.append(_Part(self.store.folder, len(parts)))
                    parts[-1].add(key, line)
            for part in parts:
                part.fh.close()
            waiting = [job for job in saved if job["batch_id"] in needed]
            for job in saved:  # answered and validated, but a crash kept its file: nothing left to wait for
                if job["batch_id"] not in needed and all(self.backend.cache.get(k) is not None for k in job["keys"]):
                    self.store.drop_job(job["batch_id"])
            for job in waiting:
                log.warning("resuming Batch API job %s (%d requests) saved by an earlier run", job["batch_id"],
                            len(job["keys"]))
            for part in parts:
                waiting.append(self._submit(part))
        finally:
            for part in parts:
                part.fh.close()
                part.path.unlink(missing_ok=True)
        for job in waiting:
            stats["llm_batches"] += 1
            stats["llm_batch_requests"] += len(job["keys"])
            batch = self._wait(job)
            self._collect(job, batch, stats)
        return [job["batch_id"] for job in waiting], dict(stats)

    # -- the steps

    def _resumable(self) -> list[dict[str, Any]]:
        """Saved jobs of this endpoint and model that the endpoint still knows."""
        import openai

        out = []
        for job in self.store.jobs():
            if job.get("base_url") != self.settings.base_url or job.get("model") != self.settings.model:
                continue
            try:
                self._retry(partial(self._client().batches.retrieve, job["batch_id"]))
            except openai.NotFoundError:
                log.warning("saved Batch API job %s is unknown to the endpoint; its chunks are sent again",
                            job["batch_id"])
                self.store.drop_job(job["batch_id"])
                continue
            except openai.APIError as exc:
                raise self._error("check", exc, job["batch_id"]) from None
            out.append(job)
        return out

    def _submit(self, part: _Part) -> dict[str, Any]:
        import openai

        client = self._client()
        try:
            with part.path.open("rb") as fh:
                data = fh.read()
            uploaded = self._retry(lambda: client.files.create(
                file=(part.path.name, data, "application/jsonl"), purpose="batch", timeout=FILE_TIMEOUT))
            batch = self._retry(lambda: client.batches.create(
                input_file_id=uploaded.id, endpoint=ENDPOINT, completion_window=WINDOW,
                metadata={"tool": "extractor", "prompt": str(self.backend.prompt_version)}))
        except openai.NotFoundError:
            raise ConfigError(f"{self.settings.base_url or 'the endpoint'} has no Batch API (HTTP 404 on "
                              "/files or /batches); run without --batch") from None
        except openai.APIError as exc:
            raise self._error("submit", exc) from None
        job = {"batch_id": batch.id, "input_file_id": uploaded.id, "base_url": self.settings.base_url,
               "model": self.settings.model, "created": int(time.time()), "keys": part.keys}
        self.store.save_job(job)  # before anything else: an interruption from here on resumes, never pays twice
        log.warning("submitted Batch API job %s (%d requests); waiting for it (up to %s). Interrupting is safe: "
                    "a re-run resumes this job", batch.id, len(part.keys), WINDOW)
        return job

    def _wait(self, job: dict[str, Any]) -> Any:
        import openai

        delay = self.settings.batch_poll
        errors = 0
        while True:
            try:
                batch = self._client().batches.retrieve(job["batch_id"])
            except openai.APIError as exc:
                if not is_transient(exc) or errors >= MAX_POLL_ERRORS:
                    raise self._error("check", exc, job["batch_id"]) from None
                errors += 1
                self.backend._sleep(delay)
                continue
            errors = 0
            if batch.status in TERMINAL:
                return batch
            counts = getattr(batch, "request_counts", None)
            log.debug("batch %s %s (%s/%s done)", batch.id, batch.status, getattr(counts, "completed", "?"),
                      getattr(counts, "total", "?"))
            self.backend._sleep(delay)
            delay = min(delay * POLL_GROWTH, self.settings.batch_poll * POLL_CAP)

    def _collect(self, job: dict[str, Any], batch: Any, stats: Counter[str]) -> None:
        """Store every answer and failed line of a finished batch; what it left unanswered is `lost`."""
        import openai

        keys = set(job["keys"])
        answered: set[str] = set()
        for file_id in (batch.output_file_id, batch.error_file_id):
            if not file_id:
                continue
            try:
                content = self._retry(partial(self._client().files.content, file_id, timeout=FILE_TIMEOUT))
            except openai.APIError as exc:
                raise self._error("download the results of", exc, batch.id) from None
            for line in content.text.splitlines():
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError:
                    continue
                key = rec.get("custom_id") if isinstance(rec, dict) else None
                if not isinstance(key, str) or key not in keys or key in answered:
                    continue
                response = rec.get("response") or {}
                body = response.get("body") if isinstance(response, dict) else None
                if not rec.get("error") and response.get("status_code") == 200 and isinstance(body, dict):
                    self.store.put_answer(key, {"batch": batch.id, "response": body})
                    answered.add(key)
                    continue
                err = rec.get("error") or (body or {}).get("error") or {}
                code = str(err.get("code") or response.get("status_code") or "error")
                if code in ("batch_expired", "batch_cancelled"):
                    continue  # never run: left for a new batch
                stats["llm_batch_failed_requests"] += 1
                why = f"{code}: {str(err.get('message') or '')[:200]}"
                self.store.put_answer(key, {"batch": batch.id, "error": why})
                answered.add(key)
        missing = keys - answered
        if missing:
            detail = ""
            errs = getattr(getattr(batch, "errors", None), "data", None) or []
            if errs:
                detail = f": {getattr(errs[0], 'message', '')}"[:200]
            reason = f"Batch API job {batch.id} ended {batch.status}{detail}"
            log.warning("%s with %d of %d requests unanswered; a re-run sends them in a new batch",
                        reason, len(missing), len(keys))
            stats["llm_batch_unanswered"] += len(missing)
            for key in missing:
                self.lost[key] = reason
        self.store.drop_job(batch.id)

    # -- helpers

    def _client(self) -> Any:
        return self.backend.openai_client()

    def _retry(self, call: Callable[[], T]) -> T:
        """Transient failures (429, 5xx, lost connections) back off and retry, like the live path."""
        import openai

        attempt = 0
        while True:
            try:
                return call()
            except openai.APIError as exc:
                if not is_transient(exc) or attempt >= self.settings.max_retries:
                    raise
                self.backend._sleep(min(self.backend.backoff * 2**attempt, BACKOFF_CAP))
                attempt += 1

    def _error(self, what: str, exc: BaseException, batch_id: str | None = None) -> BackendError:
        where = f" {batch_id}" if batch_id else ""
        resume = "; re-run to resume it" if batch_id else ""
        return BackendError(f"cannot {what} Batch API job{where}: {describe(exc)}{resume}")
