"""`extract train`: retrain the learned heads from the gold set and print their leave-one-publisher-out figures."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from ..config import Settings
from ..errors import ConfigError, GoldError
from .common import GoldDocsOpt, GoldOpt, IndexOpt, LogJsonOpt, VerboseOpt, app, handle_errors, setup_logging, shown

LOPO_ROWS = (("f1", "F1"), ("precision", "precision"), ("recall", "recall"), ("actor_acc", "actor"),
             ("modality_acc", "modality"), ("trigger_f1", "trigger F1"), ("safeguard_f1", "safeguard F1"),
             ("specificity_acc", "specificity"), ("verifiable_mcc", "verifiable MCC"), ("seoul_acc", "seoul"),
             ("seoul_coverage", "area coverage"))


def lopo_table(learned, rules, title: str) -> Table:  # type: ignore[no-untyped-def]
    """Per document (each scored by heads trained without its publisher) and pooled, learned beside rules."""
    table = Table(title=title, caption="each document scored by heads trained on the other publishers; "
                                       "rules: the rules backend alone on the same documents")
    table.add_column("", no_wrap=True)
    cols = [(d.document, d.scores, r.scores) for d, r in zip(learned.documents, rules.documents, strict=True)]
    cols += [(f"{n} micro", learned.splits[n], rules.splits[n]) for n in learned.splits]
    cols.append(("all micro", learned.micro, rules.micro))
    for name, _, _ in cols:
        table.add_column(name, justify="right", overflow="fold")
    for key, label in LOPO_ROWS:
        for which, pick in (("learned", 1), ("rules", 2)):
            cells = []
            for col in cols:
                value = getattr(col[pick], key)
                cells.append("-" if value is None else f"{value:.3f}")
            table.add_row(f"{label} ({which})", *cells, end_section=which == "rules")
    return table


@app.command("train")
@handle_errors
def train(
    split: Annotated[Optional[str], typer.Option(
        help="With --out: the gold files to train on (dev, heldout or all; default all). Without --out both "
             "shipped sets are trained: all files for runs, development files for `extract eval`.",
        show_default=False)] = None,
    head: Annotated[Optional[list[str]], typer.Option(
        "--head", help="Head to train (repeatable; default: every registered head).")] = None,
    out: Annotated[Optional[Path], typer.Option(
        "--out", "-o", help="Folder for the weights (default: the package's resources/models and models-dev).")] = None,
    lopo: Annotated[bool, typer.Option(
        "--lopo/--no-lopo", help="Print leave-one-publisher-out figures of the training files.")] = True,
    gold: GoldOpt = None,
    docs: GoldDocsOpt = None,
    index: IndexOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only errors.")] = False,
    verbose: VerboseOpt = False,
    log_json: LogJsonOpt = False,
) -> None:
    """Retrain the learned decision layer from gold/ and write its weights (a small .npz + .json per head):
    the heads runs use, from every gold file, and the heads `extract eval` scores, from the development
    files only (the seoul head also from the made-up policies in gold/synthetic/); print
    leave-one-publisher-out figures over every file beside the rules alone."""
    from ..learn import train as T
    from ..learn.heads import heads

    setup_logging(quiet or not verbose, log_json, verbose)
    settings = Settings.resolve(gold_dir=gold, corpus_dir=docs, index_dir=index)
    console = Console(stderr=True)
    names = head or [h.name for h in heads()]
    if "commitment" not in names:
        names = ["commitment", *names]
    from ..evaluate import normalise_split
    from ..learn.model import EVAL_MODELS_DIR, MODELS_DIR

    if split is not None and out is None:
        raise ConfigError("--split needs -o/--out: the shipped sets are always trained on every gold file (runs) "
                          "and on the development files (extract eval)")
    # (files, folder): one set with --out; else the run heads (every file) and the evaluation heads
    sets = [(split or "all", out)] if out is not None else [("all", MODELS_DIR), ("dev", EVAL_MODELS_DIR)]
    def reading(name: str) -> None:
        console.print(f"reading {name} ...", highlight=False)

    cache = T.VectorCache(T.vector_cache_path(settings))  # read once for both sets of files
    data = T.load_docs(settings, "all", None if quiet else reading, cache)
    made_up = T.load_made_up(settings, None if quiet else reading, cache)
    for files, folder in sets:
        wanted = normalise_split(files)
        chosen = [d for d in data if wanted == "all" or d.split == wanted]
        if not chosen:
            raise GoldError(f"{settings.gold_dir}: no gold files in split '{files}'")
        models = T.train_and_save(chosen, names, folder, made_up=made_up)
        if not quiet:
            typer.echo(f"{shown(folder or MODELS_DIR)} ({wanted}):")
            for m in models:
                extra = ""
                if "apply" in m.meta:
                    extra = (f", LOPO accuracy {m.meta['lopo_accuracy']:.3f} vs rules {m.meta['rules_accuracy']:.3f}"
                             f" -> {'applied' if m.meta['apply'] else 'not applied'}")
                typer.echo(f"  {m.version}: {m.meta['rows']} rows from {len(m.meta['trained_on'])} files{extra}")
    if lopo and not quiet:
        learned, rules = T.lopo_report(data, T.applied_heads(), split="all", made_up=made_up)
        Console().print(lopo_table(learned, rules, "leave-one-publisher-out, every gold file"))
