"""`extract check`: flag vague or unverifiable commitments in extraction outputs, print the scorecard."""

from __future__ import annotations

import io
import logging
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console

from ..check import SEVERITY_RANK, check_commitments, exceeds, find_rule, flags_markdown
from ..config import Settings
from ..errors import ConfigError, ExtractorError, InputError
from ..load import load
from ..models import Document, ExtractionOutput
from ..output import read_outputs, write_atomic, write_json
from ..scorecard import build, to_csv, to_table
from .common import app, err_console, handle_errors, plain, setup_logging, shown

log = logging.getLogger("extractor")
GATE_FAILED = 4  # exit code when a flag matches --fail-on


class Format(str, Enum):
    text = "text"
    json = "json"
    csv = "csv"


def _load_document(out: ExtractionOutput, docs_dir: Path | None) -> Document | None:
    """The output's source document (by its recorded path, else by file name in `docs_dir`)."""
    candidates = [Path(out.document.path)]
    if docs_dir is not None:
        candidates.insert(0, docs_dir / Path(out.document.path).name)
    for path in candidates:
        if path.exists():
            try:
                doc = load(path)
            except InputError as exc:
                log.warning("%s", exc)
                continue
            if doc.sha256 != out.document.sha256:
                log.warning("%s changed since it was extracted; spans may be stale (re-run `extract run`)", path)
            return doc.model_copy(update={"id": out.document.id, "org": out.document.org})
    return None


def _open_index(settings: Settings) -> Any:
    if not settings.use_index:
        return None
    if settings.chroma_url is None and not (settings.index_dir / "chroma").exists():
        return None
    from ..index import Index

    return Index(settings.index_dir, settings.chroma_url)


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
    for value in fail_on or []:
        if value.strip().lower() not in SEVERITY_RANK and find_rule(value) is None:
            raise ConfigError(f"--fail-on '{value}': not a severity (info, warning, error) nor a flag code or name "
                              "(see `extract check --codes`)")
    if not out.exists():
        raise InputError(out, "no such file or directory")
    found = read_outputs(out)
    if not found:
        raise InputError(out, "no extraction outputs (*.json with document and commitments) found")

    loaded: dict[str, Document | None] = {o.document.id: _load_document(o, docs) for _, o in found}
    run_docs = [d for d in loaded.values() if d is not None]
    missing = [i for i, d in loaded.items() if d is None]
    idx = None
    if missing:
        for i in missing:
            log.warning("%s: source document not found; its references are not checked (use --docs)", i)
        settings = Settings.resolve(index_dir=index, chroma_url=chroma_url, use_index=False if no_index else None)
        try:
            idx = _open_index(settings)
        except ExtractorError as exc:
            log.warning("index unavailable (%s); references looked up in the loaded documents only", exc)
    run_ids = [o.document.id for _, o in found]
    judge = None
    if llm_judge:
        from ..judge import LLMJudge

        judge = LLMJudge(Settings.resolve(model=model, base_url=base_url))

    checked: list[ExtractionOutput] = []
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
        checked.append(new)

    card = build(checked)
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
        hits = [(o.document.id, c, f) for o in checked for c in o.commitments for f in c.flags
                if any(exceeds(f, v) for v in fail_on)]
        if hits:
            for doc_id, c, f in hits[:20]:
                line = f"{doc_id} p.{c.span.page}: {f.code} {f.severity}: {f.message} — “{f.evidence}”"
                err_console.print(plain(line),
                                  highlight=False, soft_wrap=True, markup=False)
            more = " (first 20 shown)" if len(hits) > 20 else ""
            err_console.print(f"[red]{len(hits)} flags match --fail-on {shown(', '.join(fail_on))}[/red]{more}",
                              highlight=False)
            raise typer.Exit(GATE_FAILED)
