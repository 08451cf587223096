"""`extract check` as one library call: re-check extraction outputs against their documents, optionally
write the flags back, and score them. The CLI only parses options and prints; tests and scripts call
`check_outputs` directly."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .check import SEVERITY_RANK, check_commitments, exceeds, find_rule
from .config import Settings
from .errors import ConfigError, ExtractorError, InputError
from .models import Commitment, Document, ExtractionOutput, Flag
from .output import load_source, read_outputs, write_json
from .scorecard import Scorecard, build

log = logging.getLogger("extractor")


@dataclass
class CheckResult:
    """The re-checked outputs (with the file each came from), their scorecard, and the documents whose
    source was not found (their references were not checked)."""

    checked: list[tuple[Path, ExtractionOutput]]
    scorecard: Scorecard
    missing_sources: list[str]


def validate_fail_on(values: Sequence[str]) -> None:
    """An unknown --fail-on value is a configuration error before any work is done."""
    for value in values:
        if value.strip().lower() not in SEVERITY_RANK and find_rule(value) is None:
            raise ConfigError(f"--fail-on '{value}': not a severity (info, warning, error) nor a flag code or name "
                              "(see `extract check --codes`)")


def _open_index(settings: Settings) -> Any:
    if not settings.use_index:
        return None
    if settings.chroma_url is None and not (settings.index_dir / "chroma").exists():
        return None
    from .index import Index

    return Index(settings.index_dir, settings.chroma_url)


def check_outputs(out: Path, settings: Settings, *, docs_dir: Path | None = None, write: bool = False,
                  llm_judge: bool = False) -> CheckResult:
    """Re-run the checker on OUT/*.json (or one output file). Documents are found by `output.load_source`;
    the index is opened only when some are missing. With `write`, each output is rewritten atomically."""
    if not out.exists():
        raise InputError(out, "no such file or directory")
    found = read_outputs(out)
    if not found:
        raise InputError(out, "no extraction outputs (*.json with document and commitments) found")

    loaded: dict[str, Document | None] = {}
    for path, o in found:
        source = load_source(o.document, path, docs_dir)
        if source.stale:
            log.warning("%s changed since it was extracted; spans may be stale (re-run `extract run`)", source.path)
        loaded[o.document.id] = source.document
    run_docs = [d for d in loaded.values() if d is not None]
    missing = [i for i, d in loaded.items() if d is None]
    idx = None
    if missing:
        for i in missing:
            log.warning("%s: source document not found; its references are not checked (use --docs)", i)
        try:
            idx = _open_index(settings)
        except ExtractorError as exc:
            log.warning("index unavailable (%s); references looked up in the loaded documents only", exc)
    run_ids = [o.document.id for _, o in found]
    judge = None
    if llm_judge:
        from .judge import LLMJudge

        judge = LLMJudge(settings)

    checked: list[tuple[Path, ExtractionOutput]] = []
    for path, o in found:
        doc = loaded[o.document.id]
        base = doc or Document(id=o.document.id, path=o.document.path, sha256=o.document.sha256,
                               title=o.document.title, text="", org=o.document.org)
        commitments = check_commitments(base, o.commitments, idx, others=run_docs, doc_ids=run_ids,
                                        references=doc is not None)
        if judge is not None:
            commitments = judge.judge(commitments)
        new = o.model_copy(update={"commitments": commitments})
        if write:
            write_json(path, new)
        checked.append((path, new))
    return CheckResult(checked=checked, scorecard=build([o for _, o in checked]), missing_sources=missing)


def gate_hits(outputs: Sequence[ExtractionOutput], fail_on: Sequence[str]) -> list[tuple[str, Commitment, Flag]]:
    """The flags that match any --fail-on value (a severity and worse, a code or a name)."""
    return [(o.document.id, c, f) for o in outputs for c in o.commitments for f in c.flags
            if any(exceeds(f, v) for v in fail_on)]
