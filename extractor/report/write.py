"""Writing the review page: one page, or for a big run an index and one page per document (a very long
text in parts) and per diff, each written atomically with only one document's text in memory."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path

from ..output import fit_name, write_atomic
from ..rate import rate_document
from .content import DocView, Report, attach, collect, detach
from .markup import link_back, render, render_index


@dataclass
class ReportStats:
    """What was written, for the CLI's summary line."""

    documents: int
    commitments: int
    diffs: int
    quotes_only: list[str]
    problems: list[str]
    bytes: int
    pages: list[Path] = field(default_factory=list)  # a split report's page per document (or part)


SPLIT_CHARS = 5_000_000  # a run with more source text than this gets one page per document
SPLIT_COMMITMENTS = 20_000  # or with more commitments than this
PART_CHARS = 1_000_000  # a longer text is shown in parts of about this size, a page each


def write_report(out_dir: Path, html_path: Path, title: str | None = None) -> ReportStats:
    """Read OUT, render the page, write it atomically.

    A big run (more than one document, and over SPLIT_CHARS of text or SPLIT_COMMITMENTS
    commitments) gets an index page at `html_path` and one page per document (and per diff) in a
    folder beside it: each page stays loadable in a browser, and only one document's text is in
    memory at a time.
    """
    report = collect(out_dir, texts=False)
    chars = sum(d.out.document.chars for d in report.docs)
    if (len(report.docs) > 1 and (chars > SPLIT_CHARS or report.commitments > SPLIT_COMMITMENTS)
            or any(d.out.document.chars > PART_CHARS for d in report.docs)):
        return _write_split(report, html_path, title)
    for d in report.docs:
        attach(d)
    write_atomic(html_path, render(report, title))
    return ReportStats(documents=len(report.docs), commitments=report.commitments, diffs=len(report.diffs),
                       quotes_only=[d.out.document.id for d in report.docs if d.text is None],
                       problems=report.problems, bytes=html_path.stat().st_size)


def _write_split(report: Report, html_path: Path, title: str | None) -> ReportStats:
    folder = html_path.with_name(f"{html_path.stem}-pages")
    size = 0
    quotes_only: list[str] = []
    links: dict[str, str] = {}
    doc_links: dict[str, list[str]] = {}  # each document's page, or its parts' pages

    def write(name: str, sub: Report, sub_title: str) -> None:
        nonlocal size
        path = folder / fit_name(name, ".html")
        write_atomic(path, link_back(render(sub, sub_title), html_path.name))
        size += path.stat().st_size
        links[name] = f"{folder.name}/{path.name}"

    for d in report.docs:
        attach(d)
        if d.text is None:
            quotes_only.append(d.out.document.id)
        parts = _parts(d)
        for k, part in enumerate(parts, start=1):
            label = f" (part {k} of {len(parts)})" if len(parts) > 1 else ""
            name = f"{d.key}-{d.out.document.id}" + (f"-part{k}" if len(parts) > 1 else "") + ".html"
            write(name, Report(docs=[part], diffs=[], problems=[]), f"Commitments: {d.out.document.title}{label}")
            doc_links.setdefault(d.key, []).append(links[name])
        detach(d)
    for x in report.diffs:
        sides = [v for v in (x.old, x.new) if v is not None]
        for v in sides:
            attach(v)
        write(f"{x.key}-{x.diff.old_doc_id}__{x.diff.new_doc_id}.html",
              Report(docs=sides, diffs=[x], problems=[]), f"Changes: {x.diff.old_doc_id} → {x.diff.new_doc_id}")
        for v in sides:
            detach(v)
    write_atomic(html_path, render_index(report, doc_links, links, title))
    size += html_path.stat().st_size
    return ReportStats(documents=len(report.docs), commitments=report.commitments, diffs=len(report.diffs),
                       quotes_only=quotes_only, problems=report.problems, bytes=size,
                       pages=[folder / Path(h).name for h in links.values()])


def _parts(d: DocView) -> list[DocView]:
    """A text over PART_CHARS as views of about PART_CHARS each, cut at a line break that no
    commitment spans; each view holds the commitments that start in it."""
    if d.text is None or len(d.text) <= PART_CHARS:
        return [d]
    text, cs = d.text, d.commitments
    ends: dict[int, int] = {}  # the furthest end of the spans starting at each offset
    for c in cs:
        ends[c.span.start] = max(ends.get(c.span.start, 0), c.span.end)
    starts = sorted(ends)
    cuts = [0]
    while len(text) - cuts[-1] > PART_CHARS:
        cut = text.find("\n", cuts[-1] + PART_CHARS, cuts[-1] + PART_CHARS * 3 // 2)
        if cut < 0:  # no line break near: a space, else anywhere
            cut = text.find(" ", cuts[-1] + PART_CHARS, cuts[-1] + PART_CHARS * 3 // 2)
        if cut < 0:
            cut = cuts[-1] + PART_CHARS
        i = bisect.bisect_left(starts, cut)  # move past every span that covers the cut
        reach = max((ends[s] for s in starts[max(0, i - 64):i]), default=0)
        while reach > cut:
            cut = reach
            i = bisect.bisect_left(starts, cut)
            reach = max((ends[s] for s in starts[max(0, i - 64):i]), default=0)
        if cut >= len(text):
            break
        cuts.append(cut)
    cuts.append(len(text))
    unplaced = set(d.unplaced)
    views = []
    for k, (lo, hi) in enumerate(zip(cuts, cuts[1:], strict=False)):
        mine = [c for i, c in enumerate(cs) if (lo <= c.span.start < hi) or (k == 0 and i in unplaced)]
        part = DocView(key=d.key, file=d.file, out=d.out.model_copy(update={"commitments": mine}), text=text,
                       page_starts=d.page_starts, notice=d.notice,
                       outline=d.outline, window=(lo, hi), rating=d.rating or rate_document(d.out))
        part.unplaced = [i for i, c in enumerate(mine) if not (0 <= c.span.start < c.span.end <= len(text))]
        views.append(part)
    return views


