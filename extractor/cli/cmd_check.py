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
from ..errors import ConfigError, InputError
from ..output import write_atomic
from ..scorecard import flags_markdown, to_csv, to_table
from .common import (
    ApiKeyOpt,
    BaseUrlOpt,
    CacheOpt,
    ChromaUrlOpt,
    ConcurrencyOpt,
    LogJsonOpt,
    ModelOpt,
    ModeOpt,
    NoIndexOpt,
    QuietOpt,
    RetriesOpt,
    TimeoutOpt,
    VerboseOpt,
    app,
    deprecated,
    err_console,
    handle_errors,
    llm_flags,
    plain,
    setup_logging,
    shown,
)

GATE_FAILED = 4  # exit code when a flag matches --fail-on


class Format(str, Enum):
    """The old --format values (deprecated: --json, --csv)."""

    text = "text"
    json = "json"
    csv = "csv"


@app.command()
@handle_errors
def check(
    out: Annotated[Optional[Path], typer.Argument(
        help="Folder of extraction outputs (OUT/*.json), or one output file.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scorecard as JSON on stdout.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print the scorecard as CSV on stdout.")] = False,
    fail_on: Annotated[Optional[list[str]], typer.Option(
        "--fail-on", help="Exit 4 when a flag matches: a severity (info, warning, error: that or worse), "
                          "a code (C501) or a name (undefined-reference). Repeatable.")] = None,
    codes: Annotated[bool, typer.Option(
        "--codes", help="Print the table of flag codes (docs/flags.md) and exit.")] = False,
    write: Annotated[bool, typer.Option(
        "--write", help="Rewrite the outputs' flags in place (atomically); without it the outputs are only read.")
    ] = False,
    output: Annotated[Optional[Path], typer.Option(
        "--output", help="Also write the scorecard to this file (text, or JSON/CSV with --json/--csv).")] = None,
    docs: Annotated[Optional[Path], typer.Option(
        "--docs", help="Folder to find the documents in when they moved since `extract run`.")] = None,
    index: Annotated[Optional[Path], typer.Option(
        "--index", help="Index folder, for documents of the run whose file is gone. Env: EXTRACTOR_INDEX.")] = None,
    chroma_url: ChromaUrlOpt = None,
    no_index: NoIndexOpt = False,
    llm_judge: Annotated[bool, typer.Option(
        "--llm-judge", help="Also ask an LLM for a second, separate verdict (flags with source llm).")] = False,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    api_key: ApiKeyOpt = None,
    mode: ModeOpt = None,
    concurrency: ConcurrencyOpt = None,
    timeout: TimeoutOpt = None,
    retries: RetriesOpt = None,
    cache: CacheOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    log_json: LogJsonOpt = False,
    fmt: Annotated[Optional[Format], typer.Option(
        "--format", "-f", hidden=True, help="Deprecated: --json or --csv.")] = None,
    old_output: Annotated[Optional[Path], typer.Option("-o", hidden=True, help="Deprecated: --output.")] = None,
    no_write: Annotated[bool, typer.Option("--no-write", hidden=True, help="Deprecated: the default.")] = False,
) -> None:
    """Flag vague or unverifiable commitments in OUT/*.json (flag codes: --codes) and print the scorecard.
    Read-only unless --write."""
    setup_logging(quiet, log_json, verbose)
    if fmt is not None:
        deprecated(f"--format {fmt.value}", "--json / --csv (text is the default)")
        as_json, as_csv = as_json or fmt is Format.json, as_csv or fmt is Format.csv
    if old_output is not None:
        deprecated("`check -o FILE`", "--output FILE (-o/--out is a folder everywhere)")
        output = output or old_output
    if no_write:
        deprecated("--no-write", "the default (check writes only with --write)")
        write = False
    if as_json and as_csv:
        raise ConfigError("--json and --csv: choose one")
    if codes:
        typer.echo(flags_markdown(), nl=False)
        return
    if out is None:
        raise InputError("OUT", "missing: give the folder of extraction outputs (or --codes)")
    validate_fail_on(fail_on or [])
    settings = Settings.resolve(index_dir=index, chroma_url=chroma_url, use_index=False if no_index else None,
                                **llm_flags(model, base_url, api_key, mode, concurrency, timeout, retries, cache))
    result = check_outputs(out, settings, docs_dir=docs, write=write, llm_judge=llm_judge)
    checked = [o for _, o in result.checked]

    card = result.scorecard
    if as_json:
        rendered = card.model_dump_json(indent=2) + "\n"
    elif as_csv:
        rendered = to_csv(card)
    else:
        rendered = ""
    text = not as_json and not as_csv
    if output is not None:
        if text:
            console = Console(record=True, width=160, file=io.StringIO(), markup=False)
            console.print(to_table(card))
            write_atomic(output, console.export_text())
        else:
            write_atomic(output, rendered)
    if text:
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
