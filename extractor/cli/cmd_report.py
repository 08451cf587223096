"""`extract report`: the HTML review page."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..report import write_report
from .common import (
    LogJsonOpt,
    QuietOpt,
    VerboseOpt,
    app,
    deprecated,
    err_console,
    handle_errors,
    plain,
    setup_logging,
    shown,
)


@app.command()
@handle_errors
def report(
    out: Annotated[Path, typer.Argument(help="Folder of extraction outputs (OUT/), or one output file.")],
    output: Annotated[Optional[Path], typer.Option(
        "--output", help="The page to write (default: OUT/report.html).")] = None,
    title: Annotated[Optional[str], typer.Option(help="Page title (default: from the documents).")] = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    log_json: LogJsonOpt = False,
    html: Annotated[Optional[Path], typer.Option("--html", hidden=True, help="Deprecated: --output.")] = None,
) -> None:
    """Write one self-contained HTML page to review the extraction: text with highlights, filters, summary, diffs."""
    setup_logging(quiet, log_json, verbose)
    if html is not None:
        deprecated("`report --html FILE`", "--output FILE")
        output = output or html
    target = output or ((out if out.is_dir() else out.parent) / "report.html")
    stats = write_report(out, target, title)
    for problem in stats.problems:
        err_console.print(f"[yellow]skipped:[/yellow] {shown(problem)}", highlight=False, soft_wrap=True)
    if stats.quotes_only:
        names = shown(", ".join(stats.quotes_only))
        err_console.print(f"[yellow]quotes only (source missing or changed):[/yellow] {names}",
                          highlight=False, soft_wrap=True)
    if stats.pages and not quiet:
        typer.echo(f"a big run: {len(stats.pages)} pages (one per document, or part of a long one) in "
                   f"{plain(stats.pages[0].parent)}, listed on the page below")
    if not quiet:
        typer.echo(f"wrote {plain(target)} ({stats.documents} documents, {stats.commitments} commitments, "
                   f"{stats.diffs} diffs, {stats.bytes / 1024:.0f} KiB)")
