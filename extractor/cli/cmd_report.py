"""`extract report`: the HTML review page."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..report import write_report
from .common import app, err_console, handle_errors, plain, shown


@app.command()
@handle_errors
def report(
    out: Annotated[Path, typer.Argument(help="Folder of extraction outputs (OUT/), or one output file.")],
    html: Annotated[Optional[Path], typer.Option(
        "--html", help="Where to write the page (default: OUT/report.html).")] = None,
    title: Annotated[Optional[str], typer.Option(help="Page title (default: from the documents).")] = None,
) -> None:
    """Write one self-contained HTML page to review the extraction: text with highlights, filters, summary, diffs."""
    target = html or ((out if out.is_dir() else out.parent) / "report.html")
    stats = write_report(out, target, title)
    for problem in stats.problems:
        err_console.print(f"[yellow]skipped:[/yellow] {shown(problem)}", highlight=False, soft_wrap=True)
    if stats.quotes_only:
        names = shown(", ".join(stats.quotes_only))
        err_console.print(f"[yellow]quotes only (source missing or changed):[/yellow] {names}",
                          highlight=False, soft_wrap=True)
    if stats.pages:
        typer.echo(f"a big run: {len(stats.pages)} pages (one per document, or part of a long one) in "
                   f"{plain(stats.pages[0].parent)}, listed on the page below")
    typer.echo(f"wrote {plain(target)} ({stats.documents} documents, {stats.commitments} commitments, "
               f"{stats.diffs} diffs, {stats.bytes / 1024:.0f} KiB)")
