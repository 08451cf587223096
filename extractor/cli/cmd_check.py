"""`extract check`: flag vague or unverifiable commitments in extraction outputs, print the scorecard."""

from __future__ import annotations

import io
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from ..checkrun import check_outputs, gate_hits, validate_fail_on
from ..config import Settings
from ..errors import InputError
from ..output import write_atomic
from ..scorecard import flags_markdown, to_csv, to_table
from .common import app, err_console, handle_errors, plain, setup_logging, shown

GATE_FAILED = 4  # exit code when a flag matches --fail-on


class Format(str, Enum):
    text = "text"
    json = "json"
    csv = "csv"


@app.command()
@handle_errors
def check(
    out: Annotated[Optional[Path], typer.Argument(
        help="Folder of extraction outputs (OUT/*.json), or one output file.")] = None,
    fmt: Annotated[Format, typer.Option(
        "--format", "-f", help="Scorecard as a text table, JSON or CSV.")] = Format.text,
    fail_on: Annotated[Optional[list[str]], typer.Option(
        "--fail-on", help="Exit 4 when a flag matches: a severity (info, warning, error: that or worse), "
                          "a code (C501) or a name (undefined-reference). Repeatable.")] = None,
    codes: Annotated[bool, typer.Option(
        "--codes", help="Print the table of flag codes (docs/flags.md) and exit.")] = False,
    write: Annotated[bool, typer.Option(
        "--write/--no-write", help="Rewrite the outputs' flags in place (atomically).")] = True,
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", help="Also write the scorecard to this file (in --format).")] = None,
    docs: Annotated[Optional[Path], typer.Option(
        "--docs", help="Folder to find the documents in when they moved since `extract run`.")] = None,
    index: Annotated[Optional[Path], typer.Option(
        "--index", help="Index folder, for documents of the run whose file is gone. Env: EXTRACTOR_INDEX.")] = None,
    chroma_url: Annotated[Optional[str], typer.Option(
        help="Chroma server URL. Env: EXTRACTOR_CHROMA_URL.")] = None,
    no_index: Annotated[bool, typer.Option("--no-index", help="Never open the index.")] = False,
    llm_judge: Annotated[bool, typer.Option(
        "--llm-judge", help="Also ask an LLM for a second, separate verdict (flags with source llm).")] = False,
    model: Annotated[Optional[str], typer.Option(help="LLM judge model. Env: EXTRACTOR_MODEL.")] = None,
    base_url: Annotated[Optional[str], typer.Option(
        help="LLM judge endpoint (OpenAI-compatible); key from OPENAI_API_KEY. Env: OPENAI_BASE_URL.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only errors on stderr.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Debug logging.")] = False,
) -> None:
    """Flag vague or unverifiable commitments in OUT/*.json (flag codes: --codes) and print the scorecard."""
    setup_logging(quiet, False, verbose)
    if codes:
        typer.echo(flags_markdown(), nl=False)
        return
    if out is None:
        raise InputError("OUT", "missing: give the folder of extraction outputs (or --codes)")
    validate_fail_on(fail_on or [])
    settings = Settings.resolve(index_dir=index, chroma_url=chroma_url, use_index=False if no_index else None,
                                model=model, base_url=base_url)
    result = check_outputs(out, settings, docs_dir=docs, write=write, llm_judge=llm_judge)
    checked = [o for _, o in result.checked]

    card = result.scorecard
    if fmt is Format.json:
        rendered = card.model_dump_json(indent=2) + "\n"
    elif fmt is Format.csv:
        rendered = to_csv(card)
    else:
        rendered = ""
    if output is not None:
        if fmt is Format.text:
            console = Console(record=True, width=160, file=io.StringIO(), markup=False)
            console.print(to_table(card))
            write_atomic(output, console.export_text())
        else:
            write_atomic(output, rendered)
    if fmt is Format.text:
        Console(markup=False).print(to_table(card))  # document ids are data, not markup
    else:
        typer.echo(rendered, nl=False)

    if fail_on:
        hits = gate_hits(checked, fail_on)
        if hits:
            for doc_id, c, f in hits[:20]:
                line = f"{doc_id} p.{c.span.page}: {f.code} {f.severity}: {f.message} — “{f.evidence}”"
                err_console.print(plain(line),
                                  highlight=False, soft_wrap=True, markup=False)
            more = " (first 20 shown)" if len(hits) > 20 else ""
            err_console.print(f"[red]{len(hits)} flags match --fail-on {shown(', '.join(fail_on))}[/red]{more}",
                              highlight=False)
            raise typer.Exit(GATE_FAILED)
