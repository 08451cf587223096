"""The run: load -> chunk -> index -> extract -> align -> check -> write, one document at a time.

Documents are processed one by one so peak memory follows the largest document, not the corpus;
a bad file is recorded and skipped; each output is written atomically as soon as it is done, so an
interrupted run loses at most the document in progress and a re-run skips finished documents.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Protocol

from . import SCHEMA_VERSION, __version__
from .align import Aligner, merge
from .backends import Backend, ExtractContext, get_backend
from .backends.base import learned_versions
from .check import check_commitments
from .chunk import chunk_document
from .config import Settings
from .docmeta import detect_date, detect_version
from .errors import ConfigError, EndpointError, ExtractorError, InputError
from .load import discover_all, load
from .models import (
    Chunk,
    Commitment,
    Document,
    DocumentInfo,
    DocumentRow,
    ExtractionOutput,
    FileError,
    RunInfo,
    RunSummary,
)
from .org import detect_org, fallback_org
from .output import fit_name, read_output, temp_glob, write_json
from .prefetch import ReadAhead

log = logging.getLogger("extractor")


class Progress(Protocol):
    """What the pipeline tells a progress display; the CLI implements it with rich."""

    def documents(self, total: int) -> None: ...
    def document(self, name: str, chunks: int) -> None: ...
    def advance_chunks(self, n: int) -> None: ...
    def document_done(self) -> None: ...


class _NoProgress:
    def documents(self, total: int) -> None: ...
    def document(self, name: str, chunks: int) -> None: ...
    def advance_chunks(self, n: int) -> None: ...
    def document_done(self) -> None: ...


def output_path(out_dir: Path, doc_path: Path) -> Path:
    """OUT/<stem>.json, with the name made safe (see `fit_name`): never too long, never `*.diff.json`."""
    return out_dir / fit_name(f"{doc_path.stem}.json")


LOCK_NAME = ".extract-run.lock"
FAILED_CHUNK_STATS = ("llm_chunks_unparsed", "llm_chunks_failed")


@contextlib.contextmanager
def _out_lock(out_dir: Path, dry_run: bool = False) -> Iterator[None]:
    """One run per output folder at a time; then the temp files a killed run left can go.

    The lock is an flock, so the kernel drops it when its process dies, even by SIGKILL: a killed
    run never leaves a stale lock. A dry run writes nothing and takes no lock.
    """
    if dry_run:
        yield
        return
    if out_dir.exists() and not out_dir.is_dir():
        raise ConfigError(f"{out_dir}: output folder is a file")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        handle = (out_dir / LOCK_NAME).open("a")
    except OSError as exc:
        raise ConfigError(f"{out_dir}: cannot create output folder: {exc.strerror or exc}") from None
    with handle:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows: no flock, no protection
            fcntl = None  # type: ignore[assignment]
        if fcntl is not None:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                raise ConfigError(f"{out_dir}: another `extract run` is writing to this folder") from None
        for stale in out_dir.glob(temp_glob()):  # write_atomic's temp files from a killed run (ours only)
            try:
                stale.unlink()
                log.info("removed %s, left by an interrupted run", stale)
            except OSError:
                pass
        yield


class Pipeline:
    """Holds what lives across documents: settings, the backend, the index (opened lazily)."""

    def __init__(self, settings: Settings, backend: Backend | None = None) -> None:
        self.settings = settings
        self.backend = backend or get_backend(settings)
        self._index: object | None = None
        # the documents of the current run: a reference is resolved among them, not among whatever earlier runs left
        # in the index (None outside a run: the whole index)
        self._run_ids: list[str] | None = None

    @property
    def index(self):  # type: ignore[no-untyped-def]
        """The Chroma index, opened on first use (the rules backend alone never needs it to extract)."""
        if self._index is None and self.settings.use_index:
            from .index import Index

            self._index = Index(self.settings.index_dir, self.settings.chroma_url)
        return self._index

    def extract(self, doc: Document, chunks: Sequence[Chunk] | None = None,
                progress: Progress | None = None) -> ExtractionOutput:
        """Extract, ground and check one loaded document."""
        progress = progress or _NoProgress()
        started = time.perf_counter()
        chunks = list(chunks) if chunks is not None else chunk_document(
            doc, self.settings.chunk_size, self.settings.chunk_overlap)
        doc, ctx = self._context(doc, chunks, progress)
        org = ctx.org
        stats = ctx.stats
        stats["chunks"] = len(chunks)
        candidates = self.backend.extract(doc, chunks, ctx)
        aligner = Aligner(doc)
        grounded: list[Commitment] = []
        for cand in candidates:
            c = aligner.ground(cand)
            if c is None:
                ctx.count("dropped_unaligned")
                log.debug("dropped unaligned quote in %s: %r", doc.path, cand.quote[:80])
                continue
            grounded.append(c)
        commitments = merge(grounded)
        stats["merged_duplicates"] = len(grounded) - len(commitments)
        # the aligner's normalised copies and offset map (~10 bytes a character) and the raw candidates
        # are done with: free them before the checker builds its own structures
        del aligner, candidates, grounded
        commitments = self._check(doc, commitments)
        stats["seconds"] = round(time.perf_counter() - started, 3)
        return ExtractionOutput(
            schema_version=SCHEMA_VERSION,
            document=DocumentInfo(id=doc.id, path=doc.path, sha256=doc.sha256, title=doc.title,
                                  org=org, pages=doc.pages, chars=len(doc.text),
                                  version=detect_version(doc.text), date=detect_date(doc.text)),
            run=RunInfo(tool_version=__version__, backend=self.backend.name, model=self.backend.model,
                        prompt_version=self.backend.prompt_version,
                        learned=learned_versions(self.backend),
                        time=datetime.now(timezone.utc), stats=stats),
            commitments=commitments,
        )

    def _context(self, doc: Document, chunks: Sequence[Chunk],
                 progress: Progress | None = None) -> tuple[Document, ExtractContext]:
        """The organisation, the index and retrieval for one document (shared with the batch pre-pass)."""
        org = self.settings.org or doc.org or detect_org(doc)
        if not org:
            org = fallback_org(doc)
            log.warning("%s: no organisation is named in the document; 'we' is taken to be '%s' (the file "
                        "name; set --org to name it)", doc.path, org)
        doc = doc.model_copy(update={"org": org})
        ctx = ExtractContext(org=org, progress=progress.advance_chunks if progress else None)
        if self.settings.use_index:
            ctx.stats["chunks_embedded"] = self.index.ingest(chunks)
            ctx.retrieve = self._retriever()
        return doc, ctx

    def _batch_prepass(self, files: Sequence[Path], out_dir: Path, force: bool, summary: RunSummary) -> None:
        """--batch: send every chunk the run needs in one Batch API job and wait for it, before the
        per-document loop (which then finds the answers); a file that fails here is reported there."""
        prepare = getattr(self.backend, "prepare_batch", None)
        if prepare is None or not self.settings.batch or self.settings.dry_run:
            return

        def jobs() -> Iterator[tuple[Document, list[Chunk], ExtractContext]]:
            names: set[str] = set()
            for path in files:
                out = output_path(out_dir, path)
                if out.name in names or (not force and self._current(path, out) is not None):
                    continue
                names.add(out.name)
                try:
                    doc = load(path)
                    chunks = chunk_document(doc, self.settings.chunk_size, self.settings.chunk_overlap)
                    doc, ctx = self._context(doc, chunks)
                except ConfigError:
                    raise
                except Exception as exc:
                    log.debug("batch pre-pass skipped %s: %s", path, exc)
                    continue
                yield doc, chunks, ctx

        ids, stats = prepare(jobs())
        summary.batches.extend(ids)
        for k, v in stats.items():
            summary.stats[k] = summary.stats.get(k, 0) + v

    def _retriever(self):  # type: ignore[no-untyped-def]
        index = self.index

        def retrieve(query: str, k: int = 3) -> list[str]:
            return [h.text for h in index.query(query, k)]

        return retrieve

    def _check(self, doc: Document, commitments: list[Commitment]) -> list[Commitment]:
        """The checker fills `flags` (the index, when there is one, resolves references)."""
        return check_commitments(doc, commitments, index=self.index, doc_ids=self._run_ids)

    def _current(self, path: Path, out: Path) -> ExtractionOutput | None:
        """The previous output when it is this file's extraction by this tool, backend, model and
        prompt version (so the run can skip it), else None."""
        if not out.exists():
            return None
        try:
            prev = read_output(out)
        except ExtractorError:
            return None
        import hashlib

        try:
            sha = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            return None
        # an output some chunks of which got no usable answer is never current (older versions wrote them)
        failed_chunks = any(prev.run.stats.get(k) for k in FAILED_CHUNK_STATS)
        current = (prev.document.sha256 == sha and prev.run.tool_version == __version__
                   and prev.run.backend == self.backend.name and prev.run.model == self.backend.model
                   and prev.run.prompt_version == self.backend.prompt_version
                   and prev.run.learned == learned_versions(self.backend)
                   and not failed_chunks)
        return prev if current else None

    def run(self, inputs: Sequence[Path], out_dir: Path, progress: Progress | None = None,
            force: bool = False) -> RunSummary:
        """Process every file under `inputs`; write `out_dir/<stem>.json` for each one that works."""
        progress = progress or _NoProgress()
        started = time.perf_counter()
        with _out_lock(out_dir, self.settings.dry_run):
            summary = self._run(inputs, out_dir, progress, force)
        summary.seconds = round(time.perf_counter() - started, 3)
        return summary

    def _run(self, inputs: Sequence[Path], out_dir: Path, progress: Progress, force: bool) -> RunSummary:
        found = discover_all(list(inputs), exclude=[out_dir])
        files = found.files
        self._run_ids = sorted({p.stem for p in files})
        summary = RunSummary(backend=self.backend.name)
        summary.unsupported = [str(p) for p in found.unsupported]
        summary.not_inputs = [str(p) for p in found.own]
        by_mod: Counter[str] = Counter()
        by_spec: Counter[str] = Counter()

        def fail(path: str, reason: str) -> None:
            summary.failures.append(FileError(path=path, reason=reason))
            summary.documents.append(DocumentRow(path=path, status="failed", reason=reason))

        for e in found.errors:
            fail(e.path, e.reason)

        def tally(path: Path, output: ExtractionOutput, status: str) -> None:
            summary.commitments += len(output.commitments)
            by_mod.update(c.modality for c in output.commitments)
            by_spec.update(c.specificity for c in output.commitments)
            summary.documents.append(DocumentRow(
                path=str(path), status=status, commitments=len(output.commitments),  # type: ignore[arg-type]
                vague=sum(c.specificity == "vague" for c in output.commitments)))

        names: dict[str, Path] = {}
        self._batch_prepass(files, out_dir, force, summary)
        progress.documents(len(files))
        # what each file needs (a clash of output names, an output still current, or extraction), decided first so
        # that the documents to extract can be read ahead
        plan: list[tuple[Path, Path, Path | ExtractionOutput | None]] = []
        for path in files:
            out = output_path(out_dir, path)
            if out.name in names:
                plan.append((path, out, names[out.name]))
                continue
            names[out.name] = path
            plan.append((path, out, None if force else self._current(path, out)))
        # (embedded ahead only when the extraction reads every chunk's windows: the index alone embeds only the chunks
        # it does not hold yet, and embedding the others ahead would be work done for nothing)
        ahead = ReadAhead([p for p, _, why in plan if why is None], self._prepare,
                          embed=bool(getattr(self.backend, "reads_vectors", False)))
        try:
            self._extract_all(plan, ahead, summary, progress, fail, tally)
        finally:
            ahead.close()
        summary.by_modality = dict(sorted(by_mod.items()))
        summary.by_specificity = dict(sorted(by_spec.items()))
        return summary

    def _prepare(self, path: Path) -> tuple[Document, list[Chunk]]:
        doc = load(path)
        return doc, chunk_document(doc, self.settings.chunk_size, self.settings.chunk_overlap)

    def _extract_all(self, plan: list[tuple[Path, Path, Path | ExtractionOutput | None]], ahead: ReadAhead,
                     summary: RunSummary, progress: Progress, fail: Callable[[str, str], None],
                     tally: Callable[[Path, ExtractionOutput, str], None]) -> None:
        for path, out, why in plan:
            if isinstance(why, Path):
                fail(str(path), f"same name as {why}; output {out.name} would clash, skipped")
                progress.document_done()
                continue
            if why is not None:
                summary.skipped.append(str(path))
                tally(path, why, "unchanged")
                summary.outputs.append(str(out))
                progress.document_done()
                continue
            try:
                doc, chunks = ahead.take(path)
                progress.document(path.name, len(chunks))
                result = self.extract(doc, chunks, progress)
                if not self.settings.dry_run:  # a dry run estimates; it writes nothing
                    write_json(out, result)
            except InputError as exc:
                # the summary carries failures (the CLI prints each once); the log is for -v
                log.info("%s", exc)
                fail(exc.path, exc.reason)
            except (ConfigError, EndpointError):
                raise  # a wrong setting, or an endpoint that is down, fails every document alike: stop
            except ExtractorError as exc:
                log.info("%s: %s", path, exc)
                fail(str(path), str(exc))
            except OSError as exc:  # writing the output: disk full, permissions
                log.info("%s: %s", path, exc)
                fail(str(path), f"cannot write {out}: {exc.strerror or exc}")
            except Exception as exc:  # a bug on one odd document must not cost the others
                log.debug("internal error on %s", path, exc_info=True)
                fail(str(path), f"internal error ({exc.__class__.__name__}: {str(exc)[:120]}); "
                                "re-run with -v for the traceback")
            else:
                for k, v in result.run.stats.items():
                    if k.startswith("llm_"):
                        summary.stats[k] = summary.stats.get(k, 0) + v
                if not self.settings.dry_run:
                    summary.outputs.append(str(out))
                tally(path, result, "estimated" if self.settings.dry_run else "written")
            progress.document_done()
