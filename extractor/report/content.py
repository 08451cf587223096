"""What the review page shows: the outputs in OUT, their source texts, the diffs between them, and each
document's summary numbers. No HTML here (`markup`), no files written (`write`)."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from ..check import SEVERITY_RANK
from ..errors import InputError
from ..load import load
from ..models import Commitment, ExtractionOutput
from ..outline import Outline, outline
from ..output import check_depth, read_outputs, source_candidates
from ..rate import DocumentRating
from ..scorecard import score

log = logging.getLogger("extractor")

QUOTES_ONLY_MAX_PAGES = 2000  # the page lists of a document shown without its source stop here


class NearRef(BaseModel):
    """A commitment on the other side close to a removed or added one."""

    model_config = ConfigDict(extra="ignore")

    quote: str
    page: int
    similarity: float


class PairRef(BaseModel):
    """One link between two versions; a null side means added (old null) or removed (new null)."""

    model_config = ConfigDict(extra="ignore")

    label: str
    old_id: str | None = None
    new_id: str | None = None
    why: str = ""
    old_quote: str | None = None
    new_quote: str | None = None
    nearest: list[NearRef] = []


class SourceRef(BaseModel):
    """Where a side's document was when the diff was made (to say how to extract it)."""

    model_config = ConfigDict(extra="ignore")

    path: str


class DiffRef(BaseModel):
    """The part of `OUT/*.diff.json` the page reads (see the module docstring)."""

    model_config = ConfigDict(extra="ignore")

    old_doc_id: str
    new_doc_id: str
    old_document: SourceRef | None = None
    new_document: SourceRef | None = None
    pairs: list[PairRef]


@dataclass
class DocView:
    """One extraction output and, when its source is still there and unchanged, the source text."""

    key: str
    file: Path
    out: ExtractionOutput
    text: str | None = None
    page_starts: list[int] = field(default_factory=lambda: [0])
    notice: str | None = None
    outline: Outline | None = None
    unplaced: list[int] = field(default_factory=list)
    window: tuple[int, int] | None = None  # a part of a very long text: only this stretch is shown
    rating: DocumentRating | None = None  # a part's card is its whole document's

    @property
    def commitments(self) -> list[Commitment]:
        return self.out.commitments

    @property
    def pages(self) -> int:
        """The source's page count; without the source, the output's claim bounded by the pages its
        commitments are on (an output file is input too: a 4 KB file must not make a 1 GB page)."""
        if self.text is not None:
            return len(self.page_starts)
        seen = max((c.span.page for c in self.commitments), default=1)
        return max(1, min(self.out.document.pages, seen, QUOTES_ONLY_MAX_PAGES))


@dataclass
class DiffView:
    key: str
    file: Path
    diff: DiffRef
    old: DocView | None
    new: DocView | None


@dataclass
class Report:
    docs: list[DocView]
    diffs: list[DiffView]
    problems: list[str]

    @property
    def commitments(self) -> int:
        return sum(len(d.commitments) for d in self.docs)


def attach_text(view: DocView) -> None:
    """Load the source text; on any mismatch keep the quotes only and say why."""
    info = view.out.document
    # the one resolver of an output's source (output.py), as check and diff use it
    path = next((p for p in source_candidates(info, view.file) if p.exists()), None)
    if path is None:
        view.notice = f"The source file {info.path} is no longer there: only the quotes are shown."
        return
    try:
        doc = load(path)
    except InputError as exc:
        view.notice = f"The source file cannot be read ({exc.reason}): only the quotes are shown."
        return
    if doc.sha256 != info.sha256:
        view.notice = (f"The source file {info.path} has changed since the extraction (sha256 differs), "
                       "so the offsets no longer fit: only the quotes are shown.")
        return
    view.text = doc.text
    view.page_starts = sorted(set(doc.page_starts)) or [0]
    view.outline = outline(doc.text, view.page_starts)
    n = len(doc.text)
    view.unplaced = [i for i, c in enumerate(view.commitments)
                     if not (0 <= c.span.start < c.span.end <= n)]


def read_diff(path: Path) -> DiffRef:
    try:
        raw = path.read_bytes()
        check_depth(path, raw)
        return DiffRef.model_validate_json(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top)"
        raise InputError(path, f"not a diff file ({where}: {first['msg']})") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None


def attach(d: DocView) -> None:
    """`attach_text`, and a warning when spans fall outside the text (the page lists them apart)."""
    attach_text(d)
    if d.unplaced:
        log.warning("%s: %d commitment spans fall outside the text", d.file, len(d.unplaced))


def detach(d: DocView) -> None:
    """Drop a document's text once its page is written: a big run keeps one text at a time."""
    d.text, d.outline, d.unplaced, d.page_starts = None, None, [], [0]


def collect(out_dir: Path, texts: bool = True) -> Report:
    """Everything the page shows: the outputs in OUT, their texts (unless `texts` is False: they are
    attached one document at a time later), and the diffs between them."""
    if not out_dir.exists():
        raise InputError(out_dir, "no such file or directory")
    outputs = read_outputs(out_dir)
    if not outputs:
        raise InputError(out_dir, "no extraction outputs (*.json) found")
    docs = [DocView(key=f"d{i}", file=f, out=o) for i, (f, o) in enumerate(outputs)]
    for d in docs if texts else []:
        attach(d)
    problems: list[str] = []
    by_id = {d.out.document.id: d for d in docs}
    diffs: list[DiffView] = []
    diff_files = sorted(out_dir.glob("*.diff.json")) if out_dir.is_dir() else []
    for f in diff_files:
        try:
            diff = read_diff(f)
        except InputError as exc:
            problems.append(str(exc))  # shown at the top of the page and by the CLI
            continue
        diffs.append(DiffView(key=f"x{len(diffs)}", file=f, diff=diff,
                              old=by_id.get(diff.old_doc_id), new=by_id.get(diff.new_doc_id)))
    return Report(docs=docs, diffs=diffs, problems=problems)


# ---------------------------------------------------------------------------------------------
# Summary numbers: the scorecard's, plus what only a reviewer needs


def summarise(out: ExtractionOutput) -> dict[str, Any]:
    """One document's figures: `extractor.scorecard.score` (so the page and `extract scorecard` agree),
    plus verifiable and fuzzy-aligned counts and each flag code's worst severity."""
    card = score(out.document.id, out.commitments, out.document.title, out.document.org).model_dump()
    cs = out.commitments
    worst: dict[str, str] = {}
    for c in cs:
        for f in c.flags:
            if f.code not in worst or SEVERITY_RANK[f.severity] > SEVERITY_RANK[worst[f.code]]:
                worst[f.code] = f.severity
    card.update(verifiable=sum(c.verifiable for c in cs), fuzzy=sum(c.alignment == "fuzzy" for c in cs),
                any_flag=sum(bool(c.flags) for c in cs), flag_severity=worst,
                flags_all=dict(sorted(Counter(f.code for c in cs for f in c.flags).items())))
    return card

