"""`extract run`: the main job."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..config import Settings
from ..models import RunSummary
from ..pipeline import Pipeline
from .common import (
    ApiKeyOpt,
    BaseUrlOpt,
    CacheOpt,
    ChromaUrlOpt,
    ConcurrencyOpt,
    IndexOpt,
    LearnedOpt,
    ModelOpt,
    ModelsOpt,
    ModeOpt,
    RetriesOpt,
    TimeoutOpt,
    VerboseOpt,
    app,
    deprecated,
    handle_errors,
    llm_flags,
    setup_logging,
    shown,
)


class RichProgress:
    """Two bars: documents, and the chunks of the document in progress."""

    def __init__(self, progress: Progress) -> None:
        self.p = progress
        self.docs = progress.add_task("documents", total=0)
        self.chunks = progress.add_task("chunks", total=0)

    def documents(self, total: int) -> None:
        self.p.update(self.docs, total=total)

    def document(self, name: str, chunks: int) -> None:
        self.p.update(self.docs, description=f"documents ({shown(name)})")
        self.p.reset(self.chunks, total=chunks)

    def advance_chunks(self, n: int) -> None:
        self.p.advance(self.chunks, n)

    def document_done(self) -> None:
        self.p.advance(self.docs)


def summary_table(summary: RunSummary) -> Table:
    table = Table(title=f"extract run ({summary.backend} backend, {summary.seconds:.1f} s)")
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("documents written", str(len(summary.outputs) - len(summary.skipped)))
    table.add_row("documents unchanged (skipped)", str(len(summary.skipped)))
    table.add_row("documents failed", str(len(summary.failures)))
    table.add_row("commitments", str(summary.commitments))
    for k, v in summary.by_modality.items():
        table.add_row(f"  modality {k}", str(v))
    for k, v in summary.by_specificity.items():
        table.add_row(f"  specificity {k}", str(v))
    for batch_id in summary.batches:
        table.add_row("Batch API job", shown(batch_id))
    for stat, value in summary.stats.items():  # LLM calls, tokens, retries, cache hits (or dry-run estimates)
        table.add_row(stat.replace("_", " "), str(value))
    return table


def documents_table(summary: RunSummary) -> Table:
    """One row per document: what became of it, and for a failure, why."""
    table = Table(title="documents")
    for col, justify in (("document", "left"), ("outcome", "left"), ("commitments", "right"),
                         ("vague", "right"), ("why", "left")):
        table.add_column(col, justify=justify, overflow="fold")  # type: ignore[arg-type]
    for row in summary.documents:
        vague = f"{row.vague / row.commitments:.0%}" if row.commitments else "–"
        failed = row.status == "failed"
        table.add_row(shown(row.path), "[red]failed[/red]" if failed else row.status,
                      "" if failed else str(row.commitments), "" if failed else vague, shown(row.reason or ""))
    return table


def _listing(paths: list[str], limit: int = 10) -> str:
    names = [Path(p).name for p in paths[:limit]]
    return ", ".join(names) + (f", and {len(paths) - limit} more" if len(paths) > limit else "")


@app.command()
@handle_errors
def run(
    inputs: Annotated[list[Path], typer.Argument(help="Files or folders (walked recursively): txt, md, html, pdf.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for OUT/<stem>.json.")] = Path("out"),
    backend: Annotated[
        Optional[str],
        typer.Option(
            help="rules or llm (default: llm when an endpoint is configured, else rules). Env: EXTRACTOR_BACKEND."
        ),
    ] = None,
    org: Annotated[
        Optional[str], typer.Option(help="Who 'we' is (default: detected from each document). Env: EXTRACTOR_ORG.")
    ] = None,
    index: IndexOpt = None,
    chroma_url: ChromaUrlOpt = None,
    no_index: Annotated[
        bool, typer.Option("--no-index", help="Do not embed chunks (faster; disables retrieval and reference checks).")
    ] = False,
    chunk_size: Annotated[int, typer.Option(help="Characters per chunk.")] = 2000,
    chunk_overlap: Annotated[int, typer.Option(help="Characters of overlap between chunks.")] = 200,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    api_key: ApiKeyOpt = None,
    mode: ModeOpt = None,
    concurrency: ConcurrencyOpt = None,
    timeout: TimeoutOpt = None,
    retries: RetriesOpt = None,
    cache: CacheOpt = None,
    prefilter: Annotated[
        bool, typer.Option(help="LLM: skip chunks with no commitment cue (rules pre-filter).")
    ] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="LLM: estimate calls and tokens, call nothing.")] = False,
    batch: Annotated[bool, typer.Option("--batch", help="LLM: use the Batch API (half price, slower).")] = False,
    batch_poll: Annotated[
        float, typer.Option("--batch-poll", help="--batch: first wait between status checks, seconds (grows to 10x).")
    ] = 30.0,
    force: Annotated[bool, typer.Option("--force", help="Redo documents whose output is current.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary; only errors.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the run's summary as JSON on stdout.")] = False,
    log_json: Annotated[Optional[bool], typer.Option(
        "--log-json/--no-log-json", help="Logs on stderr as JSON lines (default: text).", show_default=False)] = None,
    verbose: VerboseOpt = False,
    learned: LearnedOpt = None,
    models: ModelsOpt = None,
) -> None:
    """Extract commitments from documents into OUT/<stem>.json (one file per document)."""
    if as_json and log_json is None:  # --json used to turn the logs into JSON too
        deprecated("`run --json` making the logs JSON", "--log-json (--json prints the summary only from the "
                   "next release)")
        log_json = True
    json_logs = bool(log_json)
    setup_logging(quiet, json_logs, verbose)
    settings = Settings.resolve(
        backend=backend,
        org=org,
        index_dir=index,
        chroma_url=chroma_url,
        chunk_size=chunk_size,
        chunk_overlap=chunk_overlap,
        **llm_flags(model, base_url, api_key, mode, concurrency, timeout, retries, cache),
        use_index=False if no_index else None,
        learned=learned,
        models_dir=models,
        prefilter=prefilter,
        dry_run=dry_run,
        batch=batch,
        batch_poll=batch_poll,
    )
    pipeline = Pipeline(settings)
    console = Console(stderr=True)
    show = not quiet and not as_json
    if show:
        why = (
            "asked for"
            if settings.backend
            else ("endpoint configured" if settings.llm_configured else "no LLM endpoint configured")
        )
        console.print(f"backend: [bold]{shown(pipeline.backend.name)}[/bold] ({why})", highlight=False)
    if show:
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        ) as bar:
            summary = pipeline.run(inputs, out, RichProgress(bar), force=force)
    else:
        summary = pipeline.run(inputs, out, force=force)
    for f in summary.failures:
        console.print(f"[red]failed:[/red] {shown(f.path)}: {shown(f.reason)}", highlight=False, soft_wrap=True)
    if summary.unsupported and not quiet:
        n = len(summary.unsupported)
        console.print(shown(f"skipped {n} file{'s' if n != 1 else ''} of unsupported type: "
                            f"{_listing(summary.unsupported)}"), highlight=False, soft_wrap=True)
    if summary.not_inputs and not quiet:
        console.print(shown(f"not read as input (the output folder, or pages this tool wrote): "
                            f"{_listing(summary.not_inputs)}"), highlight=False, soft_wrap=True)
    if as_json:
        typer.echo(json.dumps(summary.model_dump(), ensure_ascii=False))
    elif show:
        if summary.documents:
            Console().print(documents_table(summary))
        Console().print(summary_table(summary))
    if summary.failures:
        raise typer.Exit(3 if summary.outputs else 1)
