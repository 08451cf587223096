"""`extract query` and `extract schema`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from ..config import Settings
from ..output import json_schema
from .common import LogJsonOpt, QuietOpt, VerboseOpt, app, handle_errors, setup_logging, shown


@app.command()
@handle_errors
def query(
    text: Annotated[str, typer.Argument(help="What to look for.")],
    k: Annotated[int, typer.Option("-k", "--k", min=1, help="How many chunks.")] = 5,
    doc: Annotated[Optional[list[str]], typer.Option("--doc", help="Only these document ids.")] = None,
    index: Annotated[Optional[Path], typer.Option("--index", help="Index folder. Env: EXTRACTOR_INDEX.")] = None,
    chroma_url: Annotated[Optional[str], typer.Option(help="Chroma server URL. Env: EXTRACTOR_CHROMA_URL.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the chunks as JSON on stdout.")] = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    log_json: LogJsonOpt = False,
) -> None:
    """Return the indexed chunks closest to TEXT, with document, page and score."""
    setup_logging(quiet, log_json, verbose)
    from ..index import Index

    settings = Settings.resolve(index_dir=index, chroma_url=chroma_url)
    hits = Index(settings.index_dir, settings.chroma_url).query(text, k, doc)
    if as_json:
        typer.echo(json.dumps([h.__dict__ for h in hits], ensure_ascii=False, indent=2))
        return
    table = Table(title=f"best chunks for: {shown(text)}")
    for col in ("score", "document", "page", "text"):
        table.add_column(col)
    for h in hits:
        # document text and ids are data: printed as they are, never as rich markup or escape sequences
        table.add_row(f"{h.score:.3f}", shown(h.doc_id), str(h.page), shown(" ".join(h.text.split())[:160]))
    Console().print(table)


@app.command()
@handle_errors
def schema(
    scorecard: Annotated[bool, typer.Option(
        "--scorecard", help="The schema of the `extract check --json` scorecard instead.")] = False,
    diff: Annotated[bool, typer.Option(
        "--diff", help="The schema of the `extract diff` output (OUT/<old>__<new>.diff.json) instead.")] = False,
    rating: Annotated[bool, typer.Option(
        "--rating", help="The schema of the `extract rate --json` coverage card instead.")] = False,
    as_json: Annotated[bool, typer.Option(
        "--json", help="JSON on stdout (the only form of a schema; accepted as on every command that prints data).")
    ] = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    log_json: LogJsonOpt = False,
) -> None:
    """Print the JSON Schema of the extraction output (or of the scorecard, a diff, or the rating)."""
    setup_logging(quiet, log_json, verbose)
    if rating:
        from ..rate import rating_schema

        typer.echo(json.dumps(rating_schema(), indent=2))
        return
    if diff:
        from ..diff import diff_json_schema

        typer.echo(json.dumps(diff_json_schema(), indent=2))
        return
    if scorecard:
        from ..scorecard import scorecard_schema

        typer.echo(json.dumps(scorecard_schema(), indent=2))
        return
    typer.echo(json.dumps(json_schema(), indent=2))
