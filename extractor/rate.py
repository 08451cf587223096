"""The ratings feed: a coverage card per policy over the eight Seoul areas (`extract rate`).

People who rate safety frameworks read each one against a fixed set of elements and back every score
with quotes. The eight Frontier AI Safety Commitments of the AI Seoul Summit are the frame every
framework was written to meet, so each commitment's `seoul` area places it, and each (document,
area) cell says whether the area is covered, how strongly, and by which quotes.

The level of a cell follows from its commitments alone (docs/ratings.md):
    0  absent: no commitment in the area;
    1  only hedged, discretionary or vague commitments;
    2  at least one binding (must / must not) and specific (concrete or quantitative) commitment;
    3  at least one binding, specific and verifiable commitment.
A commitment the checker flags with discretion, an escape clause or a competitor exception counts as
discretionary (level 1 at most): the author keeps a way out. Those clauses are also listed on their
own as the document's exceptions.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Sequence
from datetime import datetime, timezone

from pydantic import BaseModel, Field

from . import __version__
from .check import VAGUE_SEVERITIES
from .models import BINDING, SEOUL_AREAS, SEOUL_NAMES, SPECIFICITIES, Commitment, ExtractionOutput, Flag

# flags that give the author a way out: discretion kept, escape clause, competitor exception
EXCEPTION_CODES: frozenset[str] = frozenset({"C102", "C103", "C104"})
LEVELS: dict[int, str] = {
    0: "absent: no commitment in the area",
    1: "only hedged, discretionary or vague commitments",
    2: "binding and specific: at least one must / must-not commitment that is concrete or quantitative",
    3: "binding, specific and verifiable: at least one such commitment an outsider can check",
}
TOP_QUOTES = 3
# modality from strongest to weakest, for "the strongest modality" of a cell
_MODALITY_STRENGTH = {m: i for i, m in enumerate(("must", "must_not", "should", "intend", "may"))}


class RatedQuote(BaseModel):
    """One supporting commitment of a cell, with where its quote stands."""

    id: str
    quote: str
    modality: str
    specificity: str
    verifiable: bool
    level: int = Field(description="the level this commitment alone gives its area (1-3)")
    start: int
    end: int
    page: int


class ExceptionClause(BaseModel):
    """A commitment with a way out: discretion, an escape clause, a competitor exception."""

    id: str
    area: str | None
    code: str
    evidence: str
    quote: str
    page: int


class AreaRating(BaseModel):
    """One (document, area) cell of the coverage card."""

    area: str = Field(description="Seoul commitment, I-VIII")
    name: str
    level: int = Field(ge=0, le=3, description="0 absent, 1 hedged/discretionary/vague only, 2 binding and "
                                               "specific, 3 binding, specific and verifiable")
    covered: bool
    count: int = Field(description="commitments in the area")
    commitments: list[str] = Field(description="ids of every commitment in the area, in document order")
    strongest_modality: str | None = None
    best_specificity: str | None = None
    any_verifiable: bool = False
    binding: int = Field(0, description="commitments that are must or must_not")
    flags: dict[str, int] = Field(default_factory=dict, description="warning and error flags by code")
    quotes: list[RatedQuote] = Field(default_factory=list, description=f"the best {TOP_QUOTES} supporting quotes")


class DocumentRating(BaseModel):
    id: str
    title: str
    org: str | None
    version: str | None
    date: str | None
    path: str
    commitments: int
    unassigned: int = Field(description="commitments with no seoul area (older outputs): not rated")
    areas_covered: int
    areas: list[AreaRating]
    exceptions: list[ExceptionClause] = Field(default_factory=list)


class Rating(BaseModel):
    """`extract rate --json`."""

    tool_version: str
    time: datetime
    levels: dict[int, str] = Field(description="the 0-3 scale")
    areas: dict[str, str] = Field(description="the eight Seoul areas")
    documents: list[DocumentRating]


def level_of(modality: str, specificity: str, verifiable: bool, discretionary: bool = False) -> int:
    """The level one commitment gives its area (see the module docstring), from its labels; the evaluation reads
    gold commitments with it too."""
    if modality not in BINDING or specificity == "vague" or discretionary:
        return 1
    return 3 if verifiable else 2


def commitment_level(c: Commitment) -> int:
    return level_of(c.modality, c.specificity, c.verifiable, is_discretionary(c))


def exception_flags(c: Commitment) -> list[Flag]:
    """The flags that give the author a way out (EXCEPTION_CODES, at warning or error)."""
    return [f for f in c.flags if f.code in EXCEPTION_CODES and f.severity in VAGUE_SEVERITIES]


def is_discretionary(c: Commitment) -> bool:
    return bool(exception_flags(c))


def _quote(c: Commitment) -> RatedQuote:
    return RatedQuote(id=c.id, quote=c.quote, modality=c.modality, specificity=c.specificity, verifiable=c.verifiable,
                      level=commitment_level(c), start=c.span.start, end=c.span.end, page=c.span.page)


def _best(cs: Sequence[Commitment]) -> list[Commitment]:
    """Strongest first: level, then specificity, then modality, then document order."""
    return sorted(cs, key=lambda c: (-commitment_level(c), -SPECIFICITIES.index(c.specificity),
                                     _MODALITY_STRENGTH[c.modality], c.span.start))[:TOP_QUOTES]


def rate_area(area: str, cs: Sequence[Commitment]) -> AreaRating:
    cs = sorted(cs, key=lambda c: c.span.start)
    flags = Counter(f.code for c in cs for f in c.flags if f.severity in VAGUE_SEVERITIES)
    return AreaRating(
        area=area, name=SEOUL_NAMES[area], level=max((commitment_level(c) for c in cs), default=0),
        covered=bool(cs), count=len(cs), commitments=[c.id for c in cs],
        strongest_modality=min((c.modality for c in cs), key=_MODALITY_STRENGTH.__getitem__, default=None),
        best_specificity=max((c.specificity for c in cs), key=SPECIFICITIES.index, default=None),
        any_verifiable=any(c.verifiable for c in cs), binding=sum(c.modality in BINDING for c in cs),
        flags=dict(sorted(flags.items())), quotes=[_quote(c) for c in _best(cs)])


def rate_document(out: ExtractionOutput) -> DocumentRating:
    by_area: dict[str, list[Commitment]] = {a: [] for a in SEOUL_AREAS}
    for c in out.commitments:
        if c.seoul is not None:
            by_area[c.seoul].append(c)
    areas = [rate_area(a, by_area[a]) for a in SEOUL_AREAS]
    exceptions = [ExceptionClause(id=c.id, area=c.seoul, code=f.code, evidence=f.evidence, quote=c.quote,
                                  page=c.span.page)
                  for c in sorted(out.commitments, key=lambda c: c.span.start) for f in exception_flags(c)]
    d = out.document
    return DocumentRating(id=d.id, title=d.title, org=d.org, version=d.version, date=d.date, path=d.path,
                          commitments=len(out.commitments),
                          unassigned=sum(1 for c in out.commitments if c.seoul is None),
                          areas_covered=sum(a.covered for a in areas), areas=areas, exceptions=exceptions)


def rate(outputs: Sequence[ExtractionOutput]) -> Rating:
    """The coverage card of every output, in the order given."""
    return Rating(tool_version=__version__, time=datetime.now(timezone.utc), levels=LEVELS, areas=SEOUL_NAMES,
                  documents=[rate_document(o) for o in outputs])


CSV_COLUMNS = ("document", "title", "org", "version", "date", "area", "name", "level", "covered", "count",
               "binding", "strongest_modality", "best_specificity", "any_verifiable", "flags", "commitments",
               "quote_1", "quote_2", "quote_3")


def to_csv(rating: Rating) -> str:
    """One row per document and area."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for d in rating.documents:
        for a in d.areas:
            quotes = [f"p{q.page}: {q.quote}" for q in a.quotes] + [""] * (TOP_QUOTES - len(a.quotes))
            w.writerow([d.id, d.title, d.org or "", d.version or "", d.date or "", a.area, a.name, a.level,
                        a.covered, a.count, a.binding, a.strongest_modality or "", a.best_specificity or "",
                        a.any_verifiable, " ".join(f"{k}:{v}" for k, v in a.flags.items()), " ".join(a.commitments),
                        *quotes])
    return buf.getvalue()


def rating_schema() -> dict[str, object]:
    return Rating.model_json_schema()


