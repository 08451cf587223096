"""The ratings scorecard: per document, how binding, how measurable and how much cheap talk.

Built from checked extraction outputs (commitments with their flags); rendered as JSON (pydantic,
schema in `extract schema --scorecard`), a rich table, or CSV. Definitions are in docs/flags.md and
in `DEFINITIONS` below, and travel with every JSON scorecard.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import BaseModel, Field

from . import SCHEMA_VERSION
from .check import CATALOGUE, CHEAP_TALK_RULE, COUNTING_RULE, SEVERITY_RANK, is_vague
from .models import BINDING, MODALITIES, SPECIFICITIES, Commitment, ExtractionOutput

DEFINITIONS: dict[str, str] = {
    "binding_share": "commitments with modality must or must_not / all commitments",
    "strong": "commitments that are binding (must, must_not), specific (specificity concrete or quantitative) "
              "and verifiable (verifiable true): what raters look for first",
    "strong_share": "strong commitments (as above) / all commitments",
    "quantitative_share": "commitments whose words contain a number, percentage, count, date, frequency or "
                          "comparative threshold (no flag C301) / all commitments; a number alone does not make a "
                          "commitment specific or verifiable",
    "labelled_quantitative_share": "commitments the extractor labelled specificity=quantitative / all commitments",
    "flagged": COUNTING_RULE,
    "cheap_talk_index": CHEAP_TALK_RULE,
    "llm_cheap_talk_index": "the same index from the optional LLM judge's flags (source llm), over the "
                            "commitments it judged; null when it did not run",
    "judges_agree": "share of the LLM-judged commitments on which the rules and the LLM judge give the same "
                    "vague-or-unverifiable verdict; null when the LLM judge did not run",
}


class DocumentScore(BaseModel):
    """One document's line of the scorecard (or the total over all documents)."""

    document: str = Field(description="document id (file stem), or TOTAL")
    title: str | None = None
    org: str | None = None
    commitments: int
    by_modality: dict[str, int]
    by_specificity: dict[str, int]
    binding_share: float = Field(description=DEFINITIONS["binding_share"])
    strong: int = Field(default=0, description=DEFINITIONS["strong"])
    strong_share: float = Field(default=0.0, description=DEFINITIONS["strong_share"])
    quantitative_share: float = Field(description=DEFINITIONS["quantitative_share"])
    labelled_quantitative_share: float = Field(description=DEFINITIONS["labelled_quantitative_share"])
    flagged: int = Field(description="commitments flagged vague or unverifiable")
    cheap_talk_index: float = Field(description="flagged / commitments")
    flags_by_code: dict[str, int] = Field(description="flags raised, by code (rules judge)")
    flags_by_severity: dict[str, int]
    llm_judged: int = Field(default=0, description="commitments the optional LLM judge read")
    llm_flagged: int | None = Field(default=None, description="of those, flagged vague or unverifiable by it")
    llm_cheap_talk_index: float | None = Field(default=None, description=DEFINITIONS["llm_cheap_talk_index"])
    judges_agree: float | None = Field(default=None, description=DEFINITIONS["judges_agree"])


class Scorecard(BaseModel):
    """The scorecard of a set of checked outputs."""

    schema_version: str = SCHEMA_VERSION
    definitions: dict[str, str] = Field(default_factory=lambda: dict(DEFINITIONS))
    documents: list[DocumentScore]
    total: DocumentScore


def is_strong(c: Commitment) -> bool:
    """Binding, specific and verifiable: the commitments a rater can hold the author to."""
    return c.modality in BINDING and c.specificity in ("concrete", "quantitative") and c.verifiable


def _share(n: int, d: int) -> float:
    return round(n / d, 4) if d else 0.0


def score(name: str, commitments: Sequence[Commitment], title: str | None = None,
          org: str | None = None) -> DocumentScore:
    n = len(commitments)
    mods: Counter[str] = Counter(c.modality for c in commitments)
    specs: Counter[str] = Counter(c.specificity for c in commitments)
    rules_flags = [f for c in commitments for f in c.flags if f.source == "rules"]
    codes: Counter[str] = Counter(f.code for f in rules_flags)
    sev: Counter[str] = Counter(f.severity for f in rules_flags)
    quantitative = sum(1 for c in commitments if not any(f.code == "C301" and f.source == "rules" for f in c.flags))
    flagged = sum(1 for c in commitments if is_vague(c))
    strong = sum(1 for c in commitments if is_strong(c))
    judged = [c for c in commitments if any(f.source == "llm" for f in c.flags)]
    llm_flagged = sum(1 for c in judged if is_vague(c, sources=("llm",)))
    agree = sum(1 for c in judged if is_vague(c) == is_vague(c, sources=("llm",)))
    return DocumentScore(
        document=name, title=title, org=org, commitments=n,
        by_modality={m: mods.get(m, 0) for m in MODALITIES},
        by_specificity={s: specs.get(s, 0) for s in reversed(SPECIFICITIES)},
        binding_share=_share(sum(mods[m] for m in BINDING), n),
        strong=strong,
        strong_share=_share(strong, n),
        quantitative_share=_share(quantitative, n),
        labelled_quantitative_share=_share(specs.get("quantitative", 0), n),
        flagged=flagged,
        cheap_talk_index=_share(flagged, n),
        flags_by_code=dict(sorted(codes.items())),
        flags_by_severity={s: sev.get(s, 0) for s in sorted(SEVERITY_RANK, key=SEVERITY_RANK.__getitem__)},
        llm_judged=len(judged),
        llm_flagged=llm_flagged if judged else None,
        llm_cheap_talk_index=_share(llm_flagged, len(judged)) if judged else None,
        judges_agree=_share(agree, len(judged)) if judged else None,
    )


def build(outputs: Iterable[ExtractionOutput]) -> Scorecard:
    docs = list(outputs)
    rows = [score(o.document.id, o.commitments, o.document.title, o.document.org) for o in docs]
    total = score("TOTAL", [c for o in docs for c in o.commitments])
    return Scorecard(documents=rows, total=total)


def scorecard_schema() -> dict[str, Any]:
    schema = Scorecard.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "extractor scorecard"
    return schema


def _flat(row: DocumentScore) -> dict[str, Any]:
    out: dict[str, Any] = {"document": row.document, "org": row.org or "", "commitments": row.commitments}
    out.update({f"modality_{k}": v for k, v in row.by_modality.items()})
    out.update({f"specificity_{k}": v for k, v in row.by_specificity.items()})
    out.update(binding_share=row.binding_share, strong=row.strong, strong_share=row.strong_share,
               quantitative_share=row.quantitative_share,
               labelled_quantitative_share=row.labelled_quantitative_share, flagged=row.flagged,
               cheap_talk_index=row.cheap_talk_index)
    out.update({f"severity_{k}": v for k, v in row.flags_by_severity.items()})
    out.update({f"flag_{r.code}": row.flags_by_code.get(r.code, 0) for r in CATALOGUE if r.code.startswith("C")})
    out.update(llm_judged=row.llm_judged, llm_flagged="" if row.llm_flagged is None else row.llm_flagged,
               llm_cheap_talk_index="" if row.llm_cheap_talk_index is None else row.llm_cheap_talk_index,
               judges_agree="" if row.judges_agree is None else row.judges_agree)
    return out


def to_csv(card: Scorecard) -> str:
    """One row per document and a TOTAL row; one column per modality, specificity, share and flag code."""
    rows = [_flat(r) for r in [*card.documents, card.total]]
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def to_table(card: Scorecard) -> Any:
    """A rich Table with figures as rows and documents as columns, so it stays readable in 80 columns."""
    from rich.table import Table

    cols = [*card.documents, card.total]
    table = Table(title="extract check: scorecard",
                  caption="flagged = labelled vague (a vague cause counted) or not verifiable (C303); "
                          "cheap-talk index = flagged / all commitments (docs/flags.md)")
    table.add_column("", no_wrap=True)
    for r in cols:
        table.add_column(r.document, justify="right", overflow="fold",
                         style="bold" if r is card.total else None)

    def row(label: str, values: list[str]) -> None:
        table.add_row(label, *values)

    row("commitments: count", [str(r.commitments) for r in cols])
    table.add_section()
    for m in MODALITIES:
        row(f"modality {m}: count", [str(r.by_modality.get(m, 0)) for r in cols])
    for s in reversed(SPECIFICITIES):
        row(f"specificity {s}: count", [str(r.by_specificity.get(s, 0)) for r in cols])
    table.add_section()
    row("binding (must, must_not): share", [f"{r.binding_share:.0%}" for r in cols])
    row("binding+specific+verifiable: count", [str(r.strong) for r in cols])
    row("binding+specific+verifiable: share", [f"{r.strong_share:.0%}" for r in cols])
    row("with a number, date or frequency: share", [f"{r.quantitative_share:.0%}" for r in cols])
    row("labelled quantitative: share", [f"{r.labelled_quantitative_share:.0%}" for r in cols])
    row("flagged vague or unverifiable: count", [str(r.flagged) for r in cols])
    row("cheap-talk index (flagged / all)", [f"{r.cheap_talk_index:.2f}" for r in cols])
    if card.total.llm_judged:
        row("LLM judge: judged count", [str(r.llm_judged) for r in cols])
        row("LLM judge: cheap-talk index", ["-" if r.llm_cheap_talk_index is None else f"{r.llm_cheap_talk_index:.2f}"
                                            for r in cols])
        row("judges agree: share", ["-" if r.judges_agree is None else f"{r.judges_agree:.0%}" for r in cols])
    table.add_section()
    names = {rule.code: rule.name for rule in CATALOGUE}
    for code in sorted({c for r in cols for c in r.flags_by_code}):
        row(f"{code} {names.get(code, '')}: flags".strip(), [str(r.flags_by_code.get(code, 0)) for r in cols])
    return table


def flags_markdown() -> str:
    """docs/flags.md, generated from the catalogue and the scorecard's definitions so neither can drift
    (it lives here, not in check.py, because it needs both)."""
    lines = [
        "# Checker flags",
        "",
        "<!-- generated by `extract check --codes` from extractor/check.py and extractor/scorecard.py; "
        "do not edit by hand -->",
        "",
        "Every flag the checker (`extract check`, and the check stage of `extract run`) raises has one of "
        "these stable codes. A flag carries `code`, `severity`, a one-line `message`, `evidence` (the words "
        "of the quote, or of the trigger, that raised it), `source` (`rules`, or `llm` for the optional "
        "LLM judge) and, for references, `defined_in` (`doc_id p.N`).",
        "",
        "| code | name | severity | cause (ANNOTATION.md) | meaning |",
        "|---|---|---|---|---|",
    ]
    for r in CATALOGUE:
        lines.append(f"| {r.code} | {r.name} | {r.severity} | {r.cause} | {r.meaning} |")
    lines += [
        "",
        "## What counts as vague or unverifiable",
        "",
        COUNTING_RULE,
        "",
        "Against the gold set this verdict is compared with gold `specificity == vague` or `verifiable == false` "
        "by `python bench/checker_quality.py` (precision, recall, the five worst misses), on the gold "
        "commitments themselves and on the rules backend's output matched to gold.",
        "",
        "## Cheap-talk index",
        "",
        CHEAP_TALK_RULE,
        "",
        "## Scorecard",
        "",
        "`extract check OUT/` prints, per document and in total, the counts by modality and specificity and "
        "these figures (text, `--json` or `--csv`; JSON Schema: `extract schema --scorecard`):",
        "",
    ]
    lines += [f"- `{name}`: {text}" for name, text in DEFINITIONS.items()
              if name not in ("flagged", "cheap_talk_index")]
    lines += [
        "- `flags_by_code`, `flags_by_severity`: the `rules` flags raised, counted.",
        "",
        "## Gating drafts in CI",
        "",
        "`extract check OUT/ --fail-on error` (or a code such as `C104`, or a name such as "
        "`undefined-reference`; repeatable) exits with status 4 when any commitment carries a matching "
        "flag. A severity matches flags at that severity or above.",
        "",
    ]
    return "\n".join(lines)
