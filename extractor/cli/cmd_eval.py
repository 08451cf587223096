"""`extract eval` (score against the gold set, gate CI on it) and `extract gold check`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from ..agreement import COLUMNS, agreement, markdown
from ..config import Settings
from ..evaluate import (
    DEFAULT_TOLERANCE,
    EvalReport,
    Scores,
    check_minimums,
    compare_baseline,
    parse_minimums,
    read_baseline,
    run_eval,
    write_baseline,
)
from ..gold import check_all
from ..models import MODALITIES
from ..output import write_json
from .common import (
    ApiKeyOpt,
    BaseUrlOpt,
    CacheOpt,
    ConcurrencyOpt,
    GoldDocsOpt,
    GoldOpt,
    LearnedOpt,
    LogJsonOpt,
    ModelOpt,
    ModelsOpt,
    ModeOpt,
    QuietOpt,
    RetriesOpt,
    TimeoutOpt,
    VerboseOpt,
    app,
    deprecated,
    err_console,
    handle_errors,
    llm_flags,
    setup_logging,
    shown,
)

GATE_FAILED = 4  # exit code when a minimum or the baseline is not met

gold_app = typer.Typer(name="gold", help="Work with the gold set (gold/*.json).", no_args_is_help=True)
app.add_typer(gold_app, name="gold")


ROWS: tuple[tuple[str, str], ...] = (
    ("gold", "gold"), ("predicted", "predicted"), ("tp", "matched"),
    ("precision", "precision"), ("recall", "recall"), ("f1", "F1"), ("actor_acc", "actor"),
    ("modality_acc", "modality"), ("binding_acc", "binding"), ("trigger_f1", "trigger F1"),
    ("safeguard_f1", "safeguard F1"), ("specificity_acc", "specificity"),
    ("specificity_kappa", "spec. kappa"), ("verifiable_acc", "verifiable"), ("verifiable_mcc", "verifiable MCC"),
    ("seoul_pairs", "seoul pairs"), ("seoul_acc", "seoul"), ("seoul_macro_f1", "seoul macro-F1"),
    ("seoul_coverage", "area coverage"), ("area_level_acc", "area level"),
    ("checker_precision", "checker P"), ("checker_recall", "checker R"),
    ("checker_mcc", "checker MCC"), ("vague_cause_mcc", "vague-cause MCC"),
)


def _cell(value: float | int | None) -> str:
    if value is None:
        return "-"
    return str(value) if isinstance(value, int) else f"{value:.3f}"


def scores_table(report: EvalReport) -> Table:
    """Figures as rows, documents and pools as columns: stays readable in 80 columns."""
    columns: list[tuple[str, Scores]] = [(f"{d.document}\n({'dev' if d.split == 'development' else d.split})", d.scores)
                                         for d in report.documents]
    columns += [(f"{'dev' if name == 'development' else name}\nmicro", s) for name, s in report.splits.items()]
    columns.append(("all\nmicro", report.micro))
    table = Table(title=f"extract eval: {report.source}, split {report.split}",
                  caption="micro: counts and matched pairs pooled over the documents")
    table.add_column("", no_wrap=True)
    for label, _ in columns:
        table.add_column(label, justify="right", overflow="fold", style="bold" if label.startswith("all") else None)
    for key, label in ROWS:
        if key in ("precision", "verifiable_acc", "seoul_pairs", "checker_precision"):
            table.add_section()
        table.add_row(label, *(_cell(getattr(s, key)) for _, s in columns))
    return table


def confusion_table(s: Scores) -> Table:
    table = Table(title="modality over matched pairs (rows: gold, columns: predicted)")
    table.add_column("gold \\ predicted")
    for m in MODALITIES:
        table.add_column(m, justify="right")
    for g in MODALITIES:
        table.add_row(g, *(str(s.modality_confusion.get(g, {}).get(p, 0)) for p in MODALITIES))
    return table


@app.command("eval")
@handle_errors
def eval_(
    predictions: Annotated[Optional[Path], typer.Option(
        "--predictions", "-p",
        help="Score the extraction outputs in this folder instead of running a backend.")] = None,
    backend: Annotated[str, typer.Option(help="Backend to run over the gold documents (rules or llm).")] = "rules",
    split: Annotated[str, typer.Option(help="Which gold files: dev (development), heldout, or all.")] = "all",
    gold: GoldOpt = None,
    docs: GoldDocsOpt = None,
    output: Annotated[Optional[Path], typer.Option("--output", help="Write the full JSON report to this file.")
                      ] = None,
    out: Annotated[Optional[Path], typer.Option(
        "--out", "-o",
        help="Also write the backend's extraction outputs here (to re-score with --predictions).")] = None,
    min_f1: Annotated[Optional[float], typer.Option(
        "--min-f1",
        help="Fail (exit 4) when micro detection F1 is lower.")] = None,
    minimum: Annotated[Optional[list[str]], typer.Option(
        "--min",
        help="NAME=VALUE: fail (exit 4) when that micro figure is lower; NAME: precision, recall, f1, "
             "actor, modality, binding, trigger, safeguard, specificity, kappa, verifiable (MCC), seoul, "
             "coverage, checker (MCC), vague_cause (MCC). "
             "Repeatable.")] = None,
    baseline: Annotated[Optional[Path], typer.Option(
        "--baseline",
        help="Fail (exit 4) when a headline figure (micro and held-out) drops more than the tolerance "
             "below this baseline.")] = None,
    write_baseline_: Annotated[bool, typer.Option(
        "--write-baseline",
        help="Write the current headline figures to --baseline (default gold/baseline.json) instead of "
             "comparing.")] = False,
    tolerance: Annotated[Optional[float], typer.Option(
        help=f"Allowed drop below the baseline (default: the baseline's own, else {DEFAULT_TOLERANCE}).")] = None,
    index: Annotated[Optional[Path], typer.Option(
        "--index",
        help="Embed chunks and use the Chroma index in this folder during extraction (default: no index, so "
             "figures do not depend on an index's state).")] = None,
    no_index: Annotated[bool, typer.Option(
        "--no-index", help="No index during extraction (the default; accepted as everywhere else).")] = False,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    api_key: ApiKeyOpt = None,
    mode: ModeOpt = None,
    concurrency: ConcurrencyOpt = None,
    timeout: TimeoutOpt = None,
    retries: RetriesOpt = None,
    cache: CacheOpt = None,
    lopo: Annotated[bool, typer.Option(
        "--lopo",
        help="Also score the learned layer leave-one-publisher-out (each publisher's files decided by heads "
             "trained on the others' gold files), beside the rules alone.")] = False,
    learned: LearnedOpt = None,
    models: ModelsOpt = None,
    as_json: Annotated[bool, typer.Option(
        "--json",
        help="Print the JSON report on stdout instead of the tables.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only gate failures and errors.")] = False,
    missing_empty: Annotated[bool, typer.Option(
        "--missing-empty",
        help="With --predictions: score a gold document without a prediction as empty (default: exit 1).")] = False,
    verbose: VerboseOpt = False,
    log_json: LogJsonOpt = False,
    report: Annotated[Optional[Path], typer.Option("--report", hidden=True, help="Deprecated: --output.")] = None,
    with_index: Annotated[bool, typer.Option(
        "--with-index", hidden=True, help="Deprecated: --index DIR.")] = False,
) -> None:
    """Score extractions against the gold set (ANNOTATION.md "Scoring"): per document, per split and
    micro-averaged. Exit 4 when --min-f1, --min or --baseline is not met."""
    setup_logging(quiet or not verbose, log_json, verbose)  # progress is printed apart; warnings only with -v
    if report is not None:
        deprecated("`eval --report FILE`", "--output FILE")
        output = output or report
    if with_index:
        deprecated("`eval --with-index`", "--index DIR (an index is used when one is named)")
    use_index = (index is not None or with_index) and not no_index
    mins = parse_minimums(minimum or [])
    if min_f1 is not None:
        mins["f1"] = min_f1
    settings = Settings.resolve(backend=backend, gold_dir=gold, corpus_dir=docs, index_dir=index,
                                use_index=use_index, learned=learned, models_dir=models,
                                **llm_flags(model, base_url, api_key, mode, concurrency, timeout, retries, cache))
    if settings.models_dir is None:  # score the heads trained on the development files: held out stays held out
        from ..learn.model import EVAL_MODELS_DIR

        settings = settings.model_copy(update={"models_dir": EVAL_MODELS_DIR})
    console = Console(stderr=True)
    show = not quiet and not as_json
    def progress(name: str) -> None:
        console.print(f"extracting {shown(name)} ...", highlight=False)

    on_document = progress if show and predictions is None else None
    result = run_eval(settings, split, predictions_dir=predictions, out_dir=out, on_document=on_document)
    if result.missing_predictions and not missing_empty:
        # an empty folder, or outputs of another schema, would otherwise score F1 0 and pass as a result
        missing = result.missing_predictions
        err_console.print(f"[red]error:[/red] {shown(predictions)}: no prediction for {len(missing)} gold "
                          f"document(s): {shown(', '.join(missing))} (--missing-empty scores them as empty)",
                          highlight=False, soft_wrap=True)
        raise typer.Exit(1)
    if lopo:
        if show:
            console.print("leave-one-publisher-out ...", highlight=False)
        from ..learn.train import run_lopo

        result.lopo = run_lopo(settings, split)
    if output is not None:
        write_json(output, result)
    if as_json:
        typer.echo(result.model_dump_json(indent=2))
    elif show:
        Console().print(scores_table(result))
        Console().print(confusion_table(result.micro))
        if result.lopo is not None:
            from .cmd_train import lopo_table

            Console().print(lopo_table(result.lopo.learned, result.lopo.rules,
                                       f"leave-one-publisher-out, split {result.split}"))
        if result.learned:
            console.print("learned heads: " + ", ".join(result.learned.values()), highlight=False)
    for name in result.missing_predictions:
        err_console.print(f"[yellow]warning:[/yellow] no prediction for {name}: scored as empty", highlight=False)

    failures = check_minimums(result, mins)
    baseline_path = baseline or settings.gold_dir / "baseline.json"
    if write_baseline_:
        write_baseline(baseline_path, result, DEFAULT_TOLERANCE if tolerance is None else tolerance)
        if not quiet:
            console.print(f"baseline written: {shown(baseline_path)}", highlight=False)
    elif baseline is not None:
        failures += compare_baseline(result, read_baseline(baseline), tolerance)
    for f in failures:
        err_console.print(f"[red]FAIL:[/red] {shown(f)}", highlight=False, soft_wrap=True)
    if failures:
        raise typer.Exit(GATE_FAILED)


@gold_app.command("check")
@handle_errors
def gold_check(
    gold: GoldOpt = None,
    docs: GoldDocsOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Problems as a JSON list on stdout.")] = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    log_json: LogJsonOpt = False,
) -> None:
    """Validate every gold file (format, labels, quotes in their documents, duplicates, scope) and
    split.json; one line per problem, exit 4 (a failed quality gate) if there is any."""
    setup_logging(quiet, log_json, verbose)
    settings = Settings.resolve(gold_dir=gold, corpus_dir=docs)
    loaded, problems = check_all(settings.gold_dir, settings.effective_corpus_dir())
    if as_json:
        typer.echo(json.dumps([{"file": p.path, "commitment": p.index, "problem": p.problem} for p in problems],
                              ensure_ascii=False, indent=2))
    else:
        for p in problems:
            err_console.print(str(p), highlight=False, soft_wrap=True, markup=False)
        if not problems and not quiet:
            n = sum(len(g.items) for g in loaded)
            typer.echo(f"{len(loaded)} gold files OK ({n} commitments)")
    if problems:
        raise typer.Exit(GATE_FAILED)


@gold_app.command("agreement")
@handle_errors
def gold_agreement(
    passes: Annotated[Optional[Path], typer.Option(
        "--passes",
        help="Folder of the annotation passes (<stem>.A.json, <stem>.B.json); default GOLD/passes.")] = None,
    gold: GoldOpt = None,
    docs: GoldDocsOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    as_markdown: Annotated[bool, typer.Option("--markdown", help="Print the table for gold/README.md.")] = False,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    log_json: LogJsonOpt = False,
) -> None:
    """Agreement between the two independent annotation passes, per document and per field (detection
    F1, actor, modality, trigger, specificity with quadratic kappa, verifiable MCC, seoul), as the
    scorer compares a prediction with the gold."""
    setup_logging(quiet, log_json, verbose)
    settings = Settings.resolve(gold_dir=gold, corpus_dir=docs)
    rows = agreement(passes or settings.gold_dir / "passes", settings.effective_corpus_dir())
    if as_json:
        typer.echo(json.dumps([r.model_dump() for r in rows], indent=2))
        return
    if as_markdown:
        typer.echo(markdown(rows))
        return
    # fields as rows, documents as columns: stays readable in 80 columns
    table = Table(title="agreement between annotation passes A and B (A as gold, B as prediction)")
    table.add_column("", no_wrap=True)
    for r in rows:
        table.add_column(r.document, justify="right", overflow="fold")
    for key, label in COLUMNS:
        table.add_row(label, *(_cell(getattr(r, key)) for r in rows))
    Console().print(table)
