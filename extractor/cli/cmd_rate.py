"""`extract rate`: the coverage card per policy over the eight Seoul areas, for a ratings tool."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..errors import ConfigError, InputError
from ..models import SEOUL_AREAS
from ..output import read_outputs, write_atomic
from ..rate import DocumentRating, Rating, rate, to_csv
from .common import LogJsonOpt, QuietOpt, VerboseOpt, app, handle_errors, setup_logging

_LEVEL_STYLE = {0: "dim", 1: "yellow", 2: "cyan", 3: "bold green"}
# one word per area, for the narrow text view (the JSON and CSV carry the full names)
SEOUL_SHORT = {"I": "assessment", "II": "thresholds", "III": "mitigations", "IV": "response", "V": "improvement",
               "VI": "governance", "VII": "transparency", "VIII": "external"}


def _legend(k: int, d: DocumentRating) -> str:
    said = " ".join(x for x in (f"version {d.version}" if d.version else "", d.date or "") if x)
    return f"[{k}] {escape(d.id)}" + (f" ({escape(said)})" if said else "")


def rating_table(rating: Rating) -> Table:
    """Areas as rows, documents side by side (numbered, named below the table so eight fit in 80
    columns): each cell is level:commitments."""
    table = Table(title="coverage of the Seoul commitments (level:commitments)",
                  caption="levels: 0 absent, 1 hedged/discretionary/vague only, 2 binding and specific, "
                          "3 binding, specific and verifiable\n"
                          + "\n".join(_legend(k, d) for k, d in enumerate(rating.documents, start=1)),
                  caption_justify="left")
    table.add_column("area", no_wrap=True)
    for k in range(1, len(rating.documents) + 1):
        table.add_column(f"[{k}]", justify="right", no_wrap=True)
    for i, area in enumerate(SEOUL_AREAS):
        cells = []
        for d in rating.documents:
            a = d.areas[i]
            cells.append(f"[{_LEVEL_STYLE[a.level]}]{a.level}[/]:{a.count}")
        table.add_row(f"{area} {SEOUL_SHORT[area]}", *cells)
    table.add_section()
    table.add_row("covered", *(f"{d.areas_covered}/8" for d in rating.documents))
    table.add_row("exceptions", *(str(len(d.exceptions)) for d in rating.documents))
    if any(d.unassigned for d in rating.documents):
        table.add_row("no area", *(str(d.unassigned) for d in rating.documents))
    return table


@app.command("rate")
@handle_errors
def rate_cmd(
    out: Annotated[Path, typer.Argument(help="Folder of extraction outputs (OUT/*.json), or one output file.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the card as JSON (schema: extract schema "
                                                          "--rating).")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print one CSV row per document and area.")] = False,
    to: Annotated[Optional[Path], typer.Option(
        "--out", "-o", help="Also write rating.json and rating.csv into this folder.")] = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    log_json: LogJsonOpt = False,
) -> None:
    """Rate each policy's coverage of the eight Seoul areas from its extraction outputs: per area the
    level (0-3), the commitments, the strongest modality, the best specificity, whether any is
    verifiable, the flags and the best quotes; exceptions and escape clauses listed on their own."""
    setup_logging(quiet, log_json, verbose)
    if as_json and as_csv:
        raise ConfigError("--json and --csv: choose one")
    if not out.exists():
        raise InputError(out, "no such file or directory")
    found = read_outputs(out)
    if not found:
        raise InputError(out, "no extraction outputs (*.json with document and commitments) found")
    rating = rate([o for _, o in found])
    rendered_json = rating.model_dump_json(indent=2) + "\n"
    if to is not None:
        if to.exists() and not to.is_dir():
            raise ConfigError(f"{to}: output folder is a file")
        to.mkdir(parents=True, exist_ok=True)
        write_atomic(to / "rating.json", rendered_json)
        write_atomic(to / "rating.csv", to_csv(rating))
    if as_json:
        typer.echo(rendered_json, nl=False)
    elif as_csv:
        typer.echo(to_csv(rating), nl=False)
    elif not quiet:
        Console().print(rating_table(rating))
