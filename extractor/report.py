"""The review page: one self-contained HTML file to check an extraction by eye.

Analysts judge an extractor by reading what it found where it found it, so the page shows each
document's text with every commitment highlighted in place (coloured by modality, with its
specificity and flags beside it), filters, a field panel, a summary with a chart, and for diffs a
side-by-side view with the pairs linked.

Safety: document text is never interpreted as HTML. All text goes through `html.escape`; the data
the page script needs sits in a `<script type="application/json">` block with `<`, `>` and `&`
written as JSON escapes, so no quote, flag or file name can close the block. The page loads
nothing from the network: styles and script are inline.

Diffs are read from `OUT/*.diff.json` (written by `extractor.diff`); the page needs only this part of
that contract, so it keeps working when the diff grows fields:

    {"old_doc_id": "<document id>", "new_doc_id": "<document id>",
     "pairs": [{"label": "<str>", "old_id": "<commitment id>" | null, "new_id": "<commitment id>" | null,
                "why": "<str, optional>", "old_quote": "<optional>", "new_quote": "<optional>",
                "nearest": [{"quote": "<str>", "page": <int>, "similarity": <float>}] (optional)}]}

The summary numbers come from `extractor.scorecard`, so the page and `extract scorecard` agree.
"""

from __future__ import annotations

import bisect
import html
import json
import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from . import __version__
from .check import RULES, SEVERITY_RANK, is_vague
from .errors import InputError
from .load import GENERATOR, load
from .models import MODALITIES, SPECIFICITIES, Commitment, ExtractionOutput
from .output import check_depth, fit_name, read_outputs, write_atomic
from .scorecard import DEFINITIONS, score

log = logging.getLogger("extractor")

HEADING = re.compile(r"^[ \t]*(#{1,6})[ \t]+(\S.*?)[ \t]*$", re.MULTILINE)
QUOTES_ONLY_MAX_PAGES = 2000  # the page lists of a document shown without its source stop here
SPEC_SHORT = {"quantitative": "quant", "concrete": "concrete", "vague": "vague"}


# ---------------------------------------------------------------------------------------------
# Inputs


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


class DiffRef(BaseModel):
    """The part of `OUT/*.diff.json` the page reads (see the module docstring)."""

    model_config = ConfigDict(extra="ignore")

    old_doc_id: str
    new_doc_id: str
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
    headings: list[tuple[int, int, str]] = field(default_factory=list)
    unplaced: list[int] = field(default_factory=list)
    window: tuple[int, int] | None = None  # a part of a very long text: only this stretch is shown

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


def _source_path(raw: str, out_file: Path) -> Path | None:
    """Where the source is now: as recorded (relative to the working folder), else beside OUT."""
    path = Path(raw)
    candidates = [path] if path.is_absolute() else [path, out_file.parent / path, out_file.parent.parent / path]
    for p in candidates:
        if p.exists():
            return p
    return None


def attach_text(view: DocView) -> None:
    """Load the source text; on any mismatch keep the quotes only and say why."""
    info = view.out.document
    path = _source_path(info.path, view.file)
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
    view.headings = [(m.start(), m.end(), m.group(2).strip()) for m in HEADING.finditer(doc.text)]
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


def _attach(d: DocView) -> None:
    attach_text(d)
    if d.unplaced:
        log.warning("%s: %d commitment spans fall outside the text", d.file, len(d.unplaced))


def _detach(d: DocView) -> None:
    """Drop a document's text once its page is written: a big run keeps one text at a time."""
    d.text, d.headings, d.unplaced, d.page_starts = None, [], [], [0]


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
        _attach(d)
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


def _rule_name(code: str) -> str:
    rule = RULES.get(code)
    return f"{code} {rule.name}" if rule else code


def _worst(c: Commitment) -> str:
    return max((f.severity for f in c.flags), key=lambda s: SEVERITY_RANK[s])


def _pct(k: int, n: int) -> str:
    return f"{100 * k / n:.0f}%" if n else "–"


# ---------------------------------------------------------------------------------------------
# HTML pieces

e = html.escape


def _attr(value: object) -> str:
    return html.escape(str(value), quote=True)


def _json_for_script(data: Any) -> str:
    """JSON that cannot end the script element or open a comment: <, > and & become \\u escapes."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _innermost_first(ids: Iterable[int], cs: list[Commitment]) -> list[int]:
    return sorted(ids, key=lambda i: (cs[i].span.end - cs[i].span.start, cs[i].span.start, i))


def _badge(i: int, c: Commitment) -> str:
    chips = [f'<span class="sp" data-spec="{_attr(c.specificity)}">{e(SPEC_SHORT[c.specificity])}</span>']
    if c.flags:
        codes = list(dict.fromkeys(f.code for f in c.flags))
        names = ", ".join(_rule_name(code) for code in codes)
        chips.append(f'<span class="fl" data-sev="{_attr(_worst(c))}" title="{_attr(names)}">'
                     f'⚑ {e(" ".join(codes))}</span>')
    return (f'<span class="badge" data-c="{i}" tabindex="0" role="button" '
            f'aria-label="commitment {i + 1}: {_attr(c.modality)}, {_attr(c.specificity)}">{"".join(chips)}</span>')


def render_text(view: DocView, attr_of: Callable[[int], str], badges: bool) -> str:
    """The document text as escaped HTML, split into pages, with one <mark> per covered stretch.

    Spans may overlap: the text is cut at every span boundary, and each stretch lists the
    commitments covering it, innermost first (the one shown when several pass the filters).
    """
    text = view.text or ""
    cs = view.commitments
    lo, n = view.window or (0, len(text))
    unplaced = set(view.unplaced)
    placed = [i for i in range(len(cs)) if i not in unplaced]
    cuts = {lo, n, *view.page_starts}
    for i in placed:
        cuts.update((cs[i].span.start, cs[i].span.end))
    for hs, he, _ in view.headings:
        cuts.update((hs, he))
    bounds = sorted(c for c in cuts if lo <= c <= n)
    starts_at: dict[int, list[int]] = {}
    ends_at: dict[int, list[int]] = {}
    for i in placed:
        starts_at.setdefault(cs[i].span.start, []).append(i)
        ends_at.setdefault(cs[i].span.end, []).append(i)
    heading_at = {hs: (k, he) for k, (hs, he, _) in enumerate(view.headings)}
    page_no = {s: k + 1 for k, s in enumerate(view.page_starts)}
    parts: list[str] = []
    active: set[int] = set()
    heading_end = -1
    page_open = False
    if lo not in page_no:  # a part that starts inside a page
        first = bisect.bisect_right(view.page_starts, lo)
        parts.append(f'<div class="page" data-page="{first}" id="{view.key}-p{first}">')
        page_open = True
    for a, b in zip(bounds, bounds[1:] + [n + 1], strict=True):
        if a in page_no:
            if page_open:
                parts.append("</div>")
            parts.append(f'<div class="page" data-page="{page_no[a]}" id="{view.key}-p{page_no[a]}">')
            page_open = True
        if a in heading_at:
            k, heading_end = heading_at[a]
            parts.append(f'<span class="anchor" id="{view.key}-s{k}"></span>')
        active.difference_update(ends_at.get(a, ()))
        active.update(starts_at.get(a, ()))
        if b > n:
            break
        piece = e(text[a:b], quote=False)
        if a < heading_end:
            piece = f'<b class="h">{piece}</b>'
        if active:
            ids = _innermost_first(active, cs)
            piece = (f'<mark class="hl on" data-c="{" ".join(map(str, ids))}" '
                     f'{attr_of(ids[0])}>{piece}</mark>')
        parts.append(piece)
        if badges:
            for i in sorted(ends_at.get(b, ()), key=lambda i: (cs[i].span.start, i)):
                parts.append(_badge(i, cs[i]))
    if page_open:
        parts.append("</div>")
    return "".join(parts)


def _flag_cell(c: Commitment) -> str:
    return "".join(f'<span class="fl" data-sev="{_attr(f.severity)}" title="{_attr(_rule_name(f.code))}">'
                   f'{e(f.code)}</span> ' for f in c.flags)


def _list_table(view: DocView) -> str:
    rows = []
    for i, c in enumerate(view.commitments):
        rows.append(
            f'<tr data-c="{i}" tabindex="0"><td class="num">{i + 1}</td><td class="num">{c.span.page}</td>'
            f'<td><span class="mod" data-mod="{_attr(c.modality)}">{e(c.modality)}</span></td>'
            f'<td><span class="sp" data-spec="{_attr(c.specificity)}">{e(c.specificity)}</span></td>'
            f'<td>{_flag_cell(c)}</td><td class="q">{e(c.quote)}</td></tr>')
    return ('<table class="clist"><thead><tr><th>#</th><th>page</th><th>modality</th><th>specificity</th>'
            f'<th>flags</th><th>quote</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')


def _bar_rows(rows: list[tuple[str, Counter[str], str]], empty: str) -> str:
    """Stacked CSS bars, one per row, split by modality; `target` is what a click on the row does."""
    if not rows:
        return f'<p class="muted">{e(empty)}</p>'
    top = max((sum(c.values()) for _, c, _ in rows), default=0) or 1
    out = []
    for label, counts, target in rows:
        total = sum(counts.values())
        segs = "".join(
            f'<span class="seg" data-mod="{m}" style="width:{100 * counts[m] / total:.2f}%" '
            f'title="{m}: {counts[m]}"></span>' for m in MODALITIES if counts[m]) if total else ""
        out.append(
            f'<div class="bar-row" {target} role="button" tabindex="0">'
            f'<span class="bar-label" title="{_attr(label)}">{e(label)}</span>'
            f'<span class="bar-track"><span class="bar" style="width:{100 * total / top:.2f}%">{segs}</span></span>'
            f'<span class="bar-n">{total}</span></div>')
    return f'<div class="bars">{"".join(out)}</div>'


def _charts(view: DocView) -> str:
    cs = view.commitments
    on_page: dict[int, Counter[str]] = {}
    for c in cs:
        on_page.setdefault(c.span.page, Counter())[c.modality] += 1
    pages: list[tuple[str, Counter[str], str]] = []
    for p in range(1, view.pages + 1):
        pages.append((f"page {p}", on_page.get(p, Counter()), f'data-page-filter="{p}"'))
    by_page = _bar_rows(pages, "no pages")
    if view.text is None or len(view.headings) < 2:
        return f'<div class="chart"><h4>Commitments per page</h4>{by_page}</div>'
    starts = [h[0] for h in view.headings]
    sections: list[Counter[str]] = [Counter() for _ in starts]
    before: Counter[str] = Counter()
    for c in cs:
        k = bisect.bisect_right(starts, c.span.start) - 1
        (sections[k] if k >= 0 else before)[c.modality] += 1
    rows = [("(before the first heading)", before, "")] if before else []
    rows += [(h[2], sections[k], f'data-anchor="{view.key}-s{k}"') for k, h in enumerate(view.headings)]
    return (f'<div class="chart"><div class="chart-tabs"><button type="button" data-chart="sec" class="active">'
            f'per section</button><button type="button" data-chart="page">per page</button></div>'
            f'<div data-chart-body="sec">{_bar_rows(rows, "no sections")}</div>'
            f'<div data-chart-body="page" hidden>{by_page}</div></div>')


def _share_row(name: str, k: int, n: int, help_text: str = "") -> str:
    tip = f' title="{_attr(help_text)}"' if help_text else ""
    return f'<tr{tip}><th>{name}</th><td class="num">{k}</td><td class="num">{_pct(k, n)}</td></tr>'


def _scorecard(view: DocView) -> str:
    s = summarise(view.out)
    n = s["commitments"]
    binding = sum(s["by_modality"].get(m, 0) for m in ("must", "must_not"))
    quantitative = round(s["quantitative_share"] * n)
    rows = [f'<tr><th>commitments</th><td class="num">{n}</td><td></td></tr>',
            _share_row("binding (must, must_not)", binding, n, DEFINITIONS["binding_share"]),
            _share_row("with a measurable threshold", quantitative, n, DEFINITIONS["quantitative_share"]),
            _share_row("flagged vague or unverifiable", s["flagged"], n, "cheap-talk index: " + DEFINITIONS["flagged"]),
            _share_row("labelled verifiable", s["verifiable"], n)]
    if s["fuzzy"]:
        rows.append(_share_row("fuzzy-aligned quotes", s["fuzzy"], n))
    rows.append('<tr class="sub"><th colspan="3">modality</th></tr>')
    rows += [_share_row(f'<span class="sw" data-mod="{m}"></span>{m}', k, n) for m, k in s["by_modality"].items()]
    rows.append('<tr class="sub"><th colspan="3">specificity (extractor label)</th></tr>')
    rows += [_share_row(f'<span class="sp" data-spec="{sp}">{sp}</span>', k, n)
             for sp, k in s["by_specificity"].items()]
    if s["flags_all"]:
        rows.append('<tr class="sub"><th colspan="3">flags (commitments)</th></tr>')
        per_code = Counter(code for c in view.commitments for code in {f.code for f in c.flags})
        for code in s["flags_all"]:
            rule = RULES.get(code)
            rows.append(_share_row(f'<span class="fl" data-sev="{_attr(s["flag_severity"][code])}">{e(code)}</span> '
                                   f'{e(rule.name if rule else "")}', per_code[code], n, rule.meaning if rule else ""))
    run = view.out.run
    meta = [("document", view.out.document.id), ("organisation", view.out.document.org or "–"),
            ("backend", run.backend), ("model", run.model or "–"), ("prompt", run.prompt_version or "–"),
            ("extracted", run.time.strftime("%Y-%m-%d %H:%M UTC")), ("output file", view.file.name)]
    meta_html = "".join(f"<tr><th>{e(k)}</th><td>{e(str(v))}</td></tr>" for k, v in meta)
    return (f'<div class="scorecard"><table class="score">{"".join(rows)}</table>'
            f'<table class="meta">{meta_html}</table></div>')


def _filters(view: DocView) -> str:
    cs = view.commitments
    mods: Counter[str] = Counter(c.modality for c in cs)
    specs: Counter[str] = Counter(c.specificity for c in cs)
    flags = Counter(code for c in cs for code in {f.code for f in c.flags})
    pages = Counter(c.span.page for c in cs)
    any_flag = sum(bool(c.flags) for c in cs)
    vague = sum(is_vague(c) for c in cs)
    mod_boxes = "".join(
        f'<label><input type="checkbox" name="mod" value="{m}" checked> <span class="sw" data-mod="{m}"></span>'
        f'{m} <span class="n">{mods[m]}</span></label>' for m in MODALITIES)
    spec_boxes = "".join(
        f'<label><input type="checkbox" name="spec" value="{s}" checked> <span class="sp" data-spec="{s}">{s}</span>'
        f' <span class="n">{specs[s]}</span></label>' for s in reversed(SPECIFICITIES))
    flag_opts = [f'<option value="">all ({len(cs)})</option>',
                 f'<option value="vague:">flagged vague or unverifiable ({vague})</option>',
                 f'<option value="any:">any flag, info included ({any_flag})</option>',
                 f'<option value="none:">no flag ({len(cs) - any_flag})</option>']
    flag_opts += [f'<option value="code:{_attr(code)}">{e(_rule_name(code))} ({k})</option>'
                  for code, k in sorted(flags.items())]
    page_opts = [f'<option value="">all pages ({len(cs)})</option>']
    page_opts += [f'<option value="{p}">page {p} ({pages[p]})</option>' for p in range(1, view.pages + 1)]
    return (f'<form class="filters" autocomplete="off" onsubmit="return false">'
            f'<fieldset><legend>modality</legend>{mod_boxes}</fieldset>'
            f'<fieldset><legend>specificity</legend>{spec_boxes}</fieldset>'
            f'<fieldset><legend>flag</legend><select name="flag">{"".join(flag_opts)}</select></fieldset>'
            f'<fieldset><legend>page</legend><select name="page">{"".join(page_opts)}</select></fieldset>'
            f'<button type="reset">reset filters</button>'
            f'<p class="shown" aria-live="polite">{len(cs)} of {len(cs)} commitments shown</p></form>')


def _doc_section(view: DocView) -> str:
    info = view.out.document
    notice = f'<p class="notice">{e(view.notice)}</p>' if view.notice else ""
    if view.unplaced:
        notice += (f'<p class="notice">{len(view.unplaced)} commitment span(s) fall outside the text and are '
                   'not highlighted; they are in the list.</p>')
    if view.text is not None:
        body = (f'<div class="tabs" role="tablist"><button type="button" data-tab="text" class="active">text</button>'
                f'<button type="button" data-tab="list">list</button></div>'
                f'<div class="text" data-pane="text">{render_text(view, lambda i: _mod_attr(view, i), True)}</div>'
                f'<div class="list" data-pane="list" hidden>{_list_table(view)}</div>')
    else:
        body = f'<div class="list" data-pane="list">{_list_table(view)}</div>'
    return (
        f'<section class="view doc" id="{view.key}" hidden>'
        f'<div class="doc-head"><h2>{e(info.title)}</h2><p class="muted">{e(info.id)} · {e(info.org or "")} · '
        f'{view.pages} page(s) · {len(view.commitments)} commitments · source {e(info.path)}</p>{notice}</div>'
        f'<details class="summary" open><summary>Summary</summary><div class="summary-body">'
        f'{_scorecard(view)}{_charts(view)}</div></details>'
        f'<div class="workspace"><aside class="side">{_filters(view)}</aside>'
        f'<div class="content">{body}</div>'
        f'<aside class="detail" aria-live="polite"><p class="muted">Click a highlighted commitment '
        f'(or its badge, or a row of the list) to see all its fields.</p></aside></div></section>')


def _mod_attr(view: DocView, i: int) -> str:
    return f'data-mod="{_attr(view.commitments[i].modality)}"'


def _diff_indices(view: DiffView) -> tuple[list[dict[str, Any]], dict[str, dict[int, str]]]:
    """Pairs with commitment ids resolved to list positions, and the label of each commitment."""
    pos = {side: ({c.id: i for i, c in enumerate(dv.commitments)} if dv else {})
           for side, dv in (("old", view.old), ("new", view.new))}
    pairs: list[dict[str, Any]] = []
    label_of: dict[str, dict[int, str]] = {"old": {}, "new": {}}
    for p in view.diff.pairs:
        item: dict[str, Any] = {"label": p.label, "why": p.why, "old_id": p.old_id, "new_id": p.new_id}
        for side in ("old", "new"):
            cid = p.old_id if side == "old" else p.new_id
            idx = pos[side].get(cid) if cid is not None else None
            item[side] = idx
            if idx is not None:
                label_of[side].setdefault(idx, p.label)
        pairs.append(item)
    return pairs, label_of


def _diff_column(side: str, doc_id: str, dv: DocView | None, key: str, label_of: dict[int, str]) -> str:
    def attr(i: int) -> str:
        return f'data-label="{_attr(label_of.get(i, "unlisted"))}"'

    if dv is None:
        body = f'<p class="notice">No extraction output for document {e(doc_id)} in this folder.</p>'
        title = doc_id
    else:
        title = f"{dv.out.document.title} ({dv.out.document.id})"
        notice = f'<p class="notice">{e(dv.notice)}</p>' if dv.notice else ""
        if dv.text is not None:
            shadow = DocView(key=f"{key}-{side}", file=dv.file, out=dv.out, text=dv.text,
                             page_starts=dv.page_starts, headings=dv.headings, unplaced=dv.unplaced)
            body = f'<div class="text">{render_text(shadow, attr, False)}</div>'
        else:
            items = "".join(f'<li><mark class="hl on" data-c="{i}" {attr(i)}>{e(c.quote)}</mark></li>'
                            for i, c in enumerate(dv.commitments))
            body = f'{notice}<ol class="quotes">{items}</ol>'
    return (f'<div class="col {side}"><h3>{side}: {e(title)}</h3>'
            f'<div class="scroll" data-side="{side}">{body}</div></div>')


def _closest(ref: PairRef) -> str:
    """Where to look before trusting a removal or an addition: the closest commitment on the other side."""
    if not ref.nearest or (ref.old_id is not None and ref.new_id is not None):
        return ""
    near = ref.nearest[0]
    other = "new" if ref.old_id is not None else "old"
    return (f'<span class="why">closest {other}: p{near.page} ({near.similarity:.2f}) '
            f'{e(near.quote[:160])}</span>')


def _diff_section(view: DiffView) -> str:
    pairs, label_of = _diff_indices(view)
    labels = Counter(p["label"] for p in pairs)
    unlisted = {side: (len(dv.commitments) - len(label_of[side]) if dv else 0)
                for side, dv in (("old", view.old), ("new", view.new))}
    label_boxes = "".join(
        f'<label><input type="checkbox" name="label" value="{_attr(lab)}" checked> '
        f'<span class="sw" data-label="{_attr(lab)}"></span>{e(lab)} <span class="n">{k}</span></label>'
        for lab, k in sorted(labels.items()))
    if unlisted["old"] or unlisted["new"]:
        label_boxes += ('<label><input type="checkbox" name="label" value="unlisted" checked> '
                        f'<span class="sw" data-label="unlisted"></span>in no pair <span class="n">'
                        f'{unlisted["old"]} / {unlisted["new"]}</span></label>')

    def quote(side: str, k: int) -> str:
        p, ref = pairs[k], view.diff.pairs[k]
        dv = view.old if side == "old" else view.new
        idx, cid = p[side], p[f"{side}_id"]
        if idx is not None and dv is not None:
            return e(dv.commitments[idx].quote)
        if cid is None:
            return '<span class="muted">—</span>'
        written = ref.old_quote if side == "old" else ref.new_quote
        missing = f'<span class="muted">(id {e(cid)} not in the {side} output)</span>'
        return f"{e(written)} {missing}" if written else missing

    rows = "".join(
        f'<li data-pair="{k}" data-label="{_attr(p["label"])}" tabindex="0"><span class="lab" '
        f'data-label="{_attr(p["label"])}">{e(p["label"])}</span>'
        + (f'<span class="why">{e(p["why"])}</span>' if p["why"] else "")
        + _closest(view.diff.pairs[k])
        + f'<span class="pq">{quote("old", k)}</span><span class="arrow">→</span>'
        f'<span class="pq">{quote("new", k)}</span></li>'
        for k, p in enumerate(pairs))
    d = view.diff
    return (
        f'<section class="view diff" id="{view.key}" hidden>'
        f'<div class="doc-head"><h2>Changes: {e(d.old_doc_id)} → {e(d.new_doc_id)}</h2>'
        f'<p class="muted">{len(pairs)} pairs · {e(view.file.name)} · click a highlight or a pair to see '
        f'both sides</p></div>'
        f'<form class="labels" autocomplete="off" onsubmit="return false">{label_boxes}</form>'
        f'<div class="diff-grid">{_diff_column("old", d.old_doc_id, view.old, view.key, label_of["old"])}'
        f'<div class="col pairs"><h3>pairs</h3><ol class="scroll pair-list">{rows}</ol></div>'
        f'{_diff_column("new", d.new_doc_id, view.new, view.key, label_of["new"])}</div></section>')


def _overview(report: Report) -> str:
    rows = []
    for d in report.docs:
        s = summarise(d.out)
        n = s["commitments"]
        binding = sum(s["by_modality"].get(m, 0) for m in ("must", "must_not"))
        rows.append(
            f'<tr><td><a href="#{d.key}" data-goto="{d.key}">{e(d.out.document.title)}</a>'
            f'<div class="muted">{e(d.out.document.id)}</div></td><td>{e(d.out.document.org or "–")}</td>'
            f'<td class="num">{d.pages}</td><td class="num">{n}</td><td class="num">{_pct(binding, n)}</td>'
            f'<td class="num">{s["quantitative_share"]:.0%}</td><td class="num">{_pct(s["flagged"], n)}</td>'
            f'<td>{"text" if d.text is not None else "quotes only"}</td></tr>')
    for x in report.diffs:
        counts = Counter(p.label for p in x.diff.pairs)
        rows.append(f'<tr><td colspan="8"><a href="#{x.key}" data-goto="{x.key}">changes {e(x.diff.old_doc_id)} → '
                    f'{e(x.diff.new_doc_id)}</a> <span class="muted">'
                    f'({e(", ".join(f"{k} {v}" for k, v in counts.most_common()))})</span></td></tr>')
    return (f'<section class="view" id="overview" hidden><h2>{len(report.docs)} documents, '
            f'{report.commitments} commitments</h2><table class="clist overview"><thead><tr><th>document</th>'
            '<th>organisation</th><th>pages</th><th>commitments</th>'
            f'<th title="{_attr(DEFINITIONS["binding_share"])}">binding</th>'
            f'<th title="{_attr(DEFINITIONS["quantitative_share"])}">measurable</th>'
            f'<th title="{_attr(DEFINITIONS["cheap_talk_index"])}">cheap-talk index</th>'
            f'<th>shown as</th></tr></thead><tbody>{"".join(rows)}</tbody></table></section>')


def _page_data(report: Report) -> dict[str, Any]:
    docs = {d.key: {"id": d.out.document.id, "title": d.out.document.title,
                    "commitments": [c.model_dump(mode="json") for c in d.commitments],
                    "vague": [is_vague(c) for c in d.commitments]} for d in report.docs}
    diffs = {}
    for x in report.diffs:
        pairs, _ = _diff_indices(x)
        diffs[x.key] = {"old_doc": x.diff.old_doc_id, "new_doc": x.diff.new_doc_id,
                        "old": x.old.key if x.old else None, "new": x.new.key if x.new else None,
                        "pairs": pairs}
    rules = {r.code: r.name for r in RULES.values()}
    return {"docs": docs, "diffs": diffs, "rules": rules}


def render(report: Report, title: str | None = None) -> str:
    """The whole page as one string."""
    title = title or ("Commitments: " + (report.docs[0].out.document.title if len(report.docs) == 1
                                         else f"{len(report.docs)} documents"))
    options = []
    if len(report.docs) > 1:
        options.append('<option value="overview">all documents (overview)</option>')
    options += [f'<option value="{d.key}">{e(d.out.document.title)} — {e(d.out.document.id)} '
                f'({len(d.commitments)})</option>' for d in report.docs]
    options += [f'<option value="{x.key}">changes: {e(x.diff.old_doc_id)} → {e(x.diff.new_doc_id)}</option>'
                for x in report.diffs]
    problems = "".join(f'<p class="notice">{e(p)}</p>' for p in report.problems)
    views = (_overview(report) if len(report.docs) > 1 else "") + "".join(
        _doc_section(d) for d in report.docs) + "".join(_diff_section(x) for x in report.diffs)
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    legend = "".join(f'<span><span class="sw" data-mod="{m}"></span>{m}</span>' for m in MODALITIES)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta name="generator" content="{GENERATOR} {e(__version__)}">'  # so a run never reads the page back
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
        f"<title>{e(title)}</title><style>{CSS}</style></head><body>"
        f'<header><h1>{e(title)}</h1><label>view <select id="picker">{"".join(options)}</select></label>'
        f'<span class="legend">{legend}</span>'
        f'<span class="muted stamp">extractor {e(__version__)} · {stamp}</span></header>'
        f"{problems}<main>{views}</main>"
        f'<script type="application/json" id="report-data">{_json_for_script(_page_data(report))}</script>'
        f"<script>{JS}</script></body></html>\n")


def build_page(out_dir: Path, title: str | None = None) -> str:
    """The page for the outputs in OUT, as a string."""
    return render(collect(out_dir), title)


@dataclass
class ReportStats:
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
        _attach(d)
    write_atomic(html_path, render(report, title))
    return ReportStats(documents=len(report.docs), commitments=report.commitments, diffs=len(report.diffs),
                       quotes_only=[d.out.document.id for d in report.docs if d.text is None],
                       problems=report.problems, bytes=html_path.stat().st_size)


def _write_split(report: Report, html_path: Path, title: str | None) -> ReportStats:
    folder = html_path.with_name(f"{html_path.stem}-pages")
    back = f'<main><p><a href="../{_attr(html_path.name)}">← all documents</a></p>'
    size = 0
    quotes_only: list[str] = []
    links: dict[str, str] = {}
    doc_links: dict[str, list[str]] = {}  # each document's page, or its parts' pages

    def write(name: str, sub: Report, sub_title: str) -> None:
        nonlocal size
        path = folder / fit_name(name, ".html")
        write_atomic(path, render(sub, sub_title).replace("<main>", back, 1))
        size += path.stat().st_size
        links[name] = f"{folder.name}/{path.name}"

    for d in report.docs:
        _attach(d)
        if d.text is None:
            quotes_only.append(d.out.document.id)
        parts = _parts(d)
        for k, part in enumerate(parts, start=1):
            label = f" (part {k} of {len(parts)})" if len(parts) > 1 else ""
            name = f"{d.key}-{d.out.document.id}" + (f"-part{k}" if len(parts) > 1 else "") + ".html"
            write(name, Report(docs=[part], diffs=[], problems=[]), f"Commitments: {d.out.document.title}{label}")
            doc_links.setdefault(d.key, []).append(links[name])
        _detach(d)
    for x in report.diffs:
        sides = [v for v in (x.old, x.new) if v is not None]
        for v in sides:
            _attach(v)
        write(f"{x.key}-{x.diff.old_doc_id}__{x.diff.new_doc_id}.html",
              Report(docs=sides, diffs=[x], problems=[]), f"Changes: {x.diff.old_doc_id} → {x.diff.new_doc_id}")
        for v in sides:
            _detach(v)
    write_atomic(html_path, _index_page(report, doc_links, links, title))
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
                       headings=[h for h in d.headings if lo <= h[0] < hi], window=(lo, hi))
        part.unplaced = [i for i, c in enumerate(mine) if not (0 <= c.span.start < c.span.end <= len(text))]
        views.append(part)
    return views


def _index_page(report: Report, doc_links: dict[str, list[str]], links: dict[str, str], title: str | None) -> str:
    """The index of a split report: the overview table, each row linking to its document's page."""
    title = title or f"Commitments: {len(report.docs)} documents"
    rows = []
    for d in report.docs:
        s = summarise(d.out)
        n = s["commitments"]
        binding = sum(s["by_modality"].get(m, 0) for m in ("must", "must_not"))
        pages = doc_links[d.key]
        href = pages[0]
        parts = (" · parts " + " ".join(f'<a href="{_attr(h)}">{k}</a>' for k, h in enumerate(pages, start=1))
                 if len(pages) > 1 else "")
        rows.append(
            f'<tr><td><a href="{_attr(href)}">{e(d.out.document.title)}</a>'
            f'<div class="muted">{e(d.out.document.id)}{parts}</div></td><td>{e(d.out.document.org or "–")}</td>'
            f'<td class="num">{d.pages}</td><td class="num">{n}</td><td class="num">{_pct(binding, n)}</td>'
            f'<td class="num">{s["quantitative_share"]:.0%}</td><td class="num">{_pct(s["flagged"], n)}</td></tr>')
    for x in report.diffs:
        href = links[f"{x.key}-{x.diff.old_doc_id}__{x.diff.new_doc_id}.html"]
        counts = Counter(p.label for p in x.diff.pairs)
        rows.append(f'<tr><td colspan="7"><a href="{_attr(href)}">changes {e(x.diff.old_doc_id)} → '
                    f'{e(x.diff.new_doc_id)}</a> <span class="muted">'
                    f'({e(", ".join(f"{k} {v}" for k, v in counts.most_common()))})</span></td></tr>')
    problems = "".join(f'<p class="notice">{e(p)}</p>' for p in report.problems)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta name="generator" content="{GENERATOR} {e(__version__)}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f"<title>{e(title)}</title><style>{CSS}</style></head><body>"
        f'<header><h1>{e(title)}</h1><span class="muted stamp">extractor {e(__version__)}</span></header>'
        f'{problems}<main><section class="view"><h2>{len(report.docs)} documents, {report.commitments} '
        'commitments</h2><p class="muted">A large run: each document has a page of its own.</p>'
        '<table class="clist overview"><thead><tr><th>document</th><th>organisation</th><th>pages</th>'
        f'<th>commitments</th><th title="{_attr(DEFINITIONS["binding_share"])}">binding</th>'
        f'<th title="{_attr(DEFINITIONS["quantitative_share"])}">measurable</th>'
        f'<th title="{_attr(DEFINITIONS["cheap_talk_index"])}">cheap-talk index</th></tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table></section></main></body></html>\n')


# ---------------------------------------------------------------------------------------------
# Inline style and script

CSS = """
:root{--must:#cfe3ff;--must-b:#1565c0;--must_not:#ffd2d2;--must_not-b:#c62828;--should:#ffe3bd;--should-b:#e65100;
--intend:#fff3a3;--intend-b:#a08a00;--may:#e4dcf7;--may-b:#5e43a8;--line:#d9dce1;--muted:#5f6670}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1d2127;
background:#f6f7f9}
header{position:sticky;top:0;z-index:5;display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;align-items:center;
padding:.5rem 1rem;background:#fff;border-bottom:1px solid var(--line)}
header h1{font-size:1.05rem;margin:0}
header select{max-width:32rem}
.legend{display:flex;gap:.8rem;align-items:center;font-size:12px}
.stamp{margin-left:auto;font-size:12px}
main{padding:0 1rem 2rem}
h2{font-size:1.2rem;margin:.8rem 0 .2rem}
h3{font-size:.95rem;margin:.2rem 0 .4rem}
.muted{color:var(--muted)}
.notice{background:#fff4e5;border:1px solid #f0b46a;padding:.4rem .7rem;border-radius:4px;margin:.4rem 0}
details.summary{background:#fff;border:1px solid var(--line);border-radius:6px;margin:.6rem 0;padding:.3rem .8rem}
details.summary>summary{cursor:pointer;font-weight:600}
.summary-body{display:flex;flex-wrap:wrap;gap:1.2rem;padding:.5rem 0}
.scorecard{display:flex;gap:1rem;flex-wrap:wrap;align-items:flex-start}
table.score,table.meta{border-collapse:collapse;font-size:13px}
table.score th,table.meta th{text-align:left;font-weight:500;padding:1px .6rem 1px 0;white-space:nowrap}
table.score td,table.meta td{padding:1px .4rem}
table.score tr.sub th{padding-top:.5rem;color:var(--muted);font-size:12px;text-transform:uppercase}
.num{text-align:right;font-variant-numeric:tabular-nums}
.chart{flex:1;min-width:22rem;max-width:44rem}
.chart h4{margin:.2rem 0}
.chart-tabs button,.tabs button{border:1px solid var(--line);background:#f0f2f5;padding:2px 10px;cursor:pointer;
font:inherit;font-size:12px}
.chart-tabs button.active,.tabs button.active{background:#1d2127;color:#fff}
.bars{max-height:22rem;overflow:auto;margin-top:.3rem}
.bar-row{display:grid;grid-template-columns:minmax(8rem,16rem) 1fr 2.5rem;gap:.5rem;align-items:center;
font-size:12px;cursor:pointer;padding:1px 0}
.bar-row:hover{background:#eef1f5}
.bar-label{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.bar-track{height:12px;background:#f0f2f5;border-radius:2px}
.bar{display:flex;height:100%;min-width:0}
.seg{height:100%}
.bar-n{text-align:right;font-variant-numeric:tabular-nums}
.workspace{display:grid;grid-template-columns:15rem minmax(0,1fr) 22rem;gap:1rem;align-items:start}
.side,.detail{position:sticky;top:3.2rem;max-height:calc(100vh - 4rem);overflow:auto;background:#fff;
border:1px solid var(--line);border-radius:6px;padding:.6rem}
.filters fieldset{border:0;padding:0;margin:0 0 .7rem}
.filters legend{font-weight:600;font-size:12px;text-transform:uppercase;color:var(--muted);margin-bottom:.2rem}
.filters label,.labels label{display:flex;align-items:center;gap:.3rem;margin:.1rem 0;cursor:pointer}
.filters select{width:100%}
.n{color:var(--muted);margin-left:auto;font-size:12px}
.shown{font-weight:600}
.content{min-width:0}
.text{background:#fff;border:1px solid var(--line);border-radius:6px;padding:1rem 1.3rem;white-space:pre-wrap;
overflow-wrap:anywhere;font:13.5px/1.6 ui-serif,Georgia,"DejaVu Serif",serif}
.page+.page{border-top:1px dashed #b7bcc4;margin-top:.5rem;padding-top:.5rem}
.text b.h{font:600 15px/1.6 system-ui,"DejaVu Sans",sans-serif}
mark.hl{background:none;color:inherit;border-radius:2px}
mark.hl.on{cursor:pointer;border-bottom:2px solid transparent}
mark.hl.on[data-mod=must]{background:var(--must);border-color:var(--must-b)}
mark.hl.on[data-mod=must_not]{background:var(--must_not);border-color:var(--must_not-b)}
mark.hl.on[data-mod=should]{background:var(--should);border-color:var(--should-b)}
mark.hl.on[data-mod=intend]{background:var(--intend);border-color:var(--intend-b)}
mark.hl.on[data-mod=may]{background:var(--may);border-color:var(--may-b)}
mark.hl.sel{outline:2px solid #1d2127;outline-offset:1px}
.sw{display:inline-block;width:.8rem;height:.8rem;border-radius:2px;vertical-align:-1px;background:#ddd;
margin-right:.3rem}
.view,.anchor,.page{scroll-margin-top:3.6rem}
.sw[data-mod=must],.seg[data-mod=must],.mod[data-mod=must]{background:var(--must-b)}
.sw[data-mod=must_not],.seg[data-mod=must_not],.mod[data-mod=must_not]{background:var(--must_not-b)}
.sw[data-mod=should],.seg[data-mod=should],.mod[data-mod=should]{background:var(--should-b)}
.sw[data-mod=intend],.seg[data-mod=intend],.mod[data-mod=intend]{background:var(--intend-b)}
.sw[data-mod=may],.seg[data-mod=may],.mod[data-mod=may]{background:var(--may-b)}
.mod{color:#fff;border-radius:3px;padding:0 5px;font-size:12px;white-space:nowrap}
.badge{display:inline-flex;gap:2px;margin:0 3px;vertical-align:1px;cursor:pointer;user-select:none;
font:11px/1.3 system-ui,"DejaVu Sans",sans-serif;white-space:nowrap}
.badge[hidden]{display:none}
.sp,.fl{border-radius:3px;padding:0 4px;font-size:11px;white-space:nowrap}
.sp[data-spec=quantitative]{background:#d3f0d6;color:#1b5e20}
.sp[data-spec=concrete]{background:#d9e6fb;color:#0d47a1}
.sp[data-spec=vague]{background:#ececec;color:#5d4037}
.fl{background:#eceff1;color:#37474f}
.fl[data-sev=warning]{background:#ffe0b2;color:#8a3a00}
.fl[data-sev=error]{background:#ffcdd2;color:#a00000}
.badge .fl{max-width:16rem;overflow:hidden;text-overflow:ellipsis}
table.clist{width:100%;border-collapse:collapse;background:#fff;font-size:13px}
table.clist th,table.clist td{border-bottom:1px solid var(--line);padding:3px 6px;text-align:left;vertical-align:top}
table.clist tr[data-c]{cursor:pointer}
table.clist tr[data-c]:hover{background:#f3f6fa}
table.clist tr.sel{background:#e8f0fe}
table.overview{max-width:70rem}
.detail dl{margin:0;display:grid;grid-template-columns:6.5rem 1fr;gap:.25rem .5rem;font-size:13px}
.detail dt{font-weight:600;color:var(--muted)}
.detail dd{margin:0;overflow-wrap:anywhere}
.detail blockquote{margin:0 0 .6rem;padding:.4rem .6rem;border-left:4px solid #999;background:#f7f7f7;
font:13px/1.5 ui-serif,Georgia,"DejaVu Serif",serif}
.detail ul{margin:0;padding-left:1rem}
.detail button{font:inherit;font-size:12px;margin:.4rem .3rem 0 0;cursor:pointer}
.null{color:var(--muted);font-style:italic}
.labels{display:flex;flex-wrap:wrap;gap:.3rem 1rem;margin:.4rem 0}
.diff-grid{display:grid;grid-template-columns:minmax(0,1fr) 18rem minmax(0,1fr);gap:.6rem}
.diff .scroll{max-height:calc(100vh - 12rem);overflow:auto}
.diff .text{font-size:12.5px;padding:.6rem .8rem}
.pair-list{list-style:none;margin:0;padding:0;background:#fff;border:1px solid var(--line);border-radius:6px}
.pair-list li{padding:4px 6px;border-bottom:1px solid var(--line);font-size:12px;cursor:pointer;display:grid;
grid-template-columns:1fr;gap:1px}
.pair-list li:hover{background:#f3f6fa}
.pair-list li.sel{background:#e8f0fe}
.pair-list li[hidden]{display:none}
.pq{display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;overflow:hidden}
.arrow{color:var(--muted);font-size:11px}
.why{color:#444;font-size:11px;font-style:italic}
.lab{justify-self:start;border-radius:3px;padding:0 5px;background:#e0e0e0}
ol.quotes{background:#fff;border:1px solid var(--line);border-radius:6px;padding:.6rem .6rem .6rem 2.2rem}
ol.quotes li{margin:.2rem 0}
[data-label]{--lab:#cfd8dc}
[data-label=unchanged],[data-label=same]{--lab:#e6e6e6}
[data-label=added]{--lab:#c8efcb}
[data-label=strengthened]{--lab:#c9defc}
[data-label=removed]{--lab:#ffc6cc}
[data-label=weakened]{--lab:#ffd9a6}
[data-label=changed],[data-label=modified],[data-label=reworded]{--lab:#fff0a8}
[data-label=moved]{--lab:#d7ecf7}
[data-label=unlisted]{--lab:#f4f4f4}
.diff mark.hl.on,.lab,.labels .sw{background:var(--lab)}
.diff mark.hl.on{border-bottom:2px solid rgba(0,0,0,.25)}
@media (max-width:1100px){.workspace{grid-template-columns:1fr}.side,.detail{position:static;max-height:none}
.diff-grid{grid-template-columns:1fr}}
"""

JS = r"""
(function () {
  'use strict';
  var DATA = JSON.parse(document.getElementById('report-data').textContent);
  var picker = document.getElementById('picker');
  var views = Array.prototype.slice.call(document.querySelectorAll('main > .view'));
  function all(root, sel) { return Array.prototype.slice.call(root.querySelectorAll(sel)); }
  function el(tag, cls, txt) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (txt !== undefined && txt !== null) n.textContent = String(txt);
    return n;
  }
  function show(key) {
    if (!views.some(function (v) { return v.id === key; })) key = picker.options[0].value;
    views.forEach(function (v) { v.hidden = v.id !== key; });
    picker.value = key;
    try { history.replaceState(null, '', '#' + key); } catch (err) { /* file: URLs may refuse */ }
  }
  picker.addEventListener('change', function () { show(picker.value); window.scrollTo(0, 0); });
  document.addEventListener('click', function (ev) {
    var go = ev.target.closest('[data-goto]');
    if (go) { ev.preventDefault(); show(go.getAttribute('data-goto')); window.scrollTo(0, 0); }
  });
  document.addEventListener('keydown', function (ev) {
    if ((ev.key === 'Enter' || ev.key === ' ') && ev.target.matches('[tabindex="0"]')) {
      ev.preventDefault(); ev.target.click();
    }
  });

  function setupDoc(sec) {
    var cs = DATA.docs[sec.id].commitments;
    var vague = DATA.docs[sec.id].vague;
    var marks = all(sec, '.text mark.hl');
    var marksOf = cs.map(function () { return []; });
    marks.forEach(function (m) {
      m._ids = m.getAttribute('data-c').split(' ').map(Number);
      m._ids.forEach(function (i) { marksOf[i].push(m); });
    });
    var badges = [], rows = [];
    all(sec, '.text .badge').forEach(function (b) { badges[+b.getAttribute('data-c')] = b; });
    all(sec, '.list tr[data-c]').forEach(function (r) { rows[+r.getAttribute('data-c')] = r; });
    var pages = all(sec, '.text .page');
    var form = sec.querySelector('form.filters');
    var status = sec.querySelector('.shown');
    var panel = sec.querySelector('.detail');
    var pass = cs.map(function () { return true; });
    var selected = -1;

    function state() {
      var st = { mod: {}, spec: {}, flag: form.elements.flag.value, page: form.elements.page.value };
      all(form, 'input[name=mod]').forEach(function (x) { st.mod[x.value] = x.checked; });
      all(form, 'input[name=spec]').forEach(function (x) { st.spec[x.value] = x.checked; });
      return st;
    }
    function passes(c, i, st) {
      if (!st.mod[c.modality] || !st.spec[c.specificity]) return false;
      if (st.page && String(c.span.page) !== st.page) return false;
      var codes = c.flags.map(function (f) { return f.code; });
      if (st.flag === 'vague:') return vague[i];
      if (st.flag === 'any:') return codes.length > 0;
      if (st.flag === 'none:') return codes.length === 0;
      if (st.flag.indexOf('code:') === 0) return codes.indexOf(st.flag.slice(5)) >= 0;
      return true;
    }
    function apply() {
      var st = state();
      pass = cs.map(function (c, i) { return passes(c, i, st); });
      marks.forEach(function (m) {
        var first = -1;
        for (var k = 0; k < m._ids.length; k++) { if (pass[m._ids[k]]) { first = m._ids[k]; break; } }
        if (first < 0) {
          m.classList.remove('on'); m.removeAttribute('data-mod'); m.removeAttribute('data-show');
        } else {
          m.classList.add('on'); m.setAttribute('data-mod', cs[first].modality); m.setAttribute('data-show', first);
        }
      });
      badges.forEach(function (b, i) { if (b) b.hidden = !pass[i]; });
      rows.forEach(function (r, i) { if (r) r.hidden = !pass[i]; });
      pages.forEach(function (p) { p.hidden = st.page !== '' && p.getAttribute('data-page') !== st.page; });
      var shown = pass.filter(Boolean).length;
      status.textContent = shown + ' of ' + cs.length + ' commitments shown';
      sec.setAttribute('data-shown', shown);
    }
    function field(dl, name, value, cls) {
      dl.appendChild(el('dt', null, name));
      var dd = el('dd', cls);
      if (value === null || value === undefined || value === '') { dd.appendChild(el('span', 'null', 'none')); }
      else if (value instanceof Node) { dd.appendChild(value); }
      else { dd.textContent = String(value); }
      dl.appendChild(dd);
    }
    function reveal(i) {
      var target = marksOf[i][0];
      if (!target) return;
      var textTab = sec.querySelector('[data-tab=text]');
      if (textTab) textTab.click();
      target.scrollIntoView({ block: 'center' });
    }
    function select(i, others) {
      if (selected >= 0) {
        marksOf[selected].forEach(function (m) { m.classList.remove('sel'); });
        if (rows[selected]) rows[selected].classList.remove('sel');
      }
      selected = i;
      marksOf[i].forEach(function (m) { m.classList.add('sel'); });
      if (rows[i]) rows[i].classList.add('sel');
      var c = cs[i];
      panel.replaceChildren();
      var head = el('h3', null, 'Commitment ' + (i + 1) + ' of ' + cs.length);
      panel.appendChild(head);
      if (!pass[i]) panel.appendChild(el('p', 'notice', 'Hidden by the current filters.'));
      panel.appendChild(el('blockquote', 'quote', c.quote));
      var dl = el('dl');
      var mod = el('span', 'mod', c.modality); mod.setAttribute('data-mod', c.modality);
      var spec = el('span', 'sp', c.specificity); spec.setAttribute('data-spec', c.specificity);
      field(dl, 'actor', c.actor);
      field(dl, 'modality', mod);
      field(dl, 'trigger', c.trigger);
      field(dl, 'safeguard', c.safeguard);
      field(dl, 'specificity', spec);
      field(dl, 'verifiable', c.verifiable ? 'yes' : 'no');
      field(dl, 'page', c.span.page);
      field(dl, 'span', c.span.start + '–' + c.span.end + ' (' + (c.span.end - c.span.start) + ' chars)');
      field(dl, 'alignment', c.alignment);
      field(dl, 'id', c.id);
      var flags = null;
      if (c.flags.length) {
        flags = el('ul');
        c.flags.forEach(function (f) {
          var li = el('li');
          var chip = el('span', 'fl', f.code + (DATA.rules[f.code] ? ' ' + DATA.rules[f.code] : ''));
          chip.setAttribute('data-sev', f.severity);
          li.appendChild(chip);
          li.appendChild(el('span', null, ' ' + f.severity + ' (' + f.source + '): ' + f.message));
          if (f.evidence) li.appendChild(el('div', 'muted', 'evidence: “' + f.evidence + '”'));
          if (f.defined_in) li.appendChild(el('div', 'muted', 'defined in: ' + f.defined_in));
          flags.appendChild(li);
        });
      }
      field(dl, 'flags', flags);
      panel.appendChild(dl);
      var go = el('button', null, 'show in text');
      go.type = 'button';
      go.addEventListener('click', function () { reveal(i); });
      if (marksOf[i].length) panel.appendChild(go);
      (others || []).filter(function (j) { return j !== i; }).forEach(function (j) {
        var b = el('button', null, 'overlapping: commitment ' + (j + 1));
        b.type = 'button';
        b.addEventListener('click', function () { select(j, others); });
        panel.appendChild(b);
      });
    }
    // a row of buttons carrying `button` attributes shows the panes whose `pane` attribute matches
    function switchTab(t, button, pane) {
      var tab = t.closest('[' + button + ']');
      if (!tab) return false;
      all(sec, '[' + button + ']').forEach(function (b) { b.classList.toggle('active', b === tab); });
      all(sec, '[' + pane + ']').forEach(function (p) {
        p.hidden = p.getAttribute(pane) !== tab.getAttribute(button);
      });
      return true;
    }
    sec.addEventListener('click', function (ev) {
      var t = ev.target;
      if (switchTab(t, 'data-tab', 'data-pane') || switchTab(t, 'data-chart', 'data-chart-body')) return;
      var bar = t.closest('.bar-row');
      if (bar) {
        if (bar.hasAttribute('data-page-filter')) {
          form.elements.page.value = bar.getAttribute('data-page-filter'); apply();
          var pg = document.getElementById(sec.id + '-p' + form.elements.page.value);
          (pg || form).scrollIntoView({ block: 'start' });
        } else if (bar.hasAttribute('data-anchor')) {
          form.elements.page.value = ''; apply();
          var a = document.getElementById(bar.getAttribute('data-anchor'));
          var tt = sec.querySelector('[data-tab=text]');
          if (a) { if (tt) tt.click(); a.scrollIntoView({ block: 'start' }); }
        }
        return;
      }
      var m = t.closest('mark.hl.on');
      if (m) { select(+m.getAttribute('data-show'), m._ids.filter(function (j) { return pass[j]; })); return; }
      var b = t.closest('.badge');
      if (b) { select(+b.getAttribute('data-c')); return; }
      var r = t.closest('tr[data-c]');
      if (r) { select(+r.getAttribute('data-c')); }
    });
    form.addEventListener('change', apply);
    form.addEventListener('reset', function () { setTimeout(apply, 0); });
    apply();
  }

  function setupDiff(sec) {
    var x = DATA.diffs[sec.id];
    var marksOf = { old: {}, new: {} };
    ['old', 'new'].forEach(function (side) {
      var col = sec.querySelector('.scroll[data-side=' + side + ']');
      if (!col) return;
      all(col, 'mark.hl').forEach(function (m) {
        m._side = side;
        m._ids = m.getAttribute('data-c').split(' ').map(Number);
        m._ids.forEach(function (i) { (marksOf[side][i] = marksOf[side][i] || []).push(m); });
      });
    });
    var pairsOf = { old: {}, new: {} };
    x.pairs.forEach(function (p, k) {
      ['old', 'new'].forEach(function (side) {
        if (p[side] !== null) (pairsOf[side][p[side]] = pairsOf[side][p[side]] || []).push(k);
      });
    });
    var rows = all(sec, '[data-pair]');
    var form = sec.querySelector('form.labels');
    var current = -1;
    function labelOf(side, i) { var ks = pairsOf[side][i]; return ks ? x.pairs[ks[0]].label : 'unlisted'; }
    function apply() {
      var on = {};
      all(form, 'input[name=label]').forEach(function (b) { on[b.value] = b.checked; });
      rows.forEach(function (r, k) { r.hidden = !on[x.pairs[k].label]; });
      ['old', 'new'].forEach(function (side) {
        Object.keys(marksOf[side]).forEach(function (i) {
          marksOf[side][i].forEach(function (m) {
            var vis = m._ids.filter(function (j) { return on[labelOf(side, j)]; });
            m.classList.toggle('on', vis.length > 0);
            if (vis.length) m.setAttribute('data-label', labelOf(side, vis[0]));
          });
        });
      });
    }
    function centre(box, target) {  // scroll one column only, never the window
      var top = target.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
      box.scrollTop = Math.max(0, top - box.clientHeight / 2 + target.offsetHeight / 2);
    }
    function selectPair(k, from) {
      all(sec, '.sel').forEach(function (n) { n.classList.remove('sel'); });
      current = k;
      var p = x.pairs[k];
      rows[k].classList.add('sel');
      ['old', 'new'].forEach(function (side) {
        var ms = p[side] === null ? [] : (marksOf[side][p[side]] || []);
        ms.forEach(function (m) { m.classList.add('sel'); });
        var box = sec.querySelector('.scroll[data-side=' + side + ']');
        if (ms.length && side !== from && box) centre(box, ms[0]);
      });
      if (from) centre(sec.querySelector('.pair-list'), rows[k]);
      sec.setAttribute('data-pair-selected', k);
    }
    sec.addEventListener('click', function (ev) {
      var m = ev.target.closest('mark.hl.on');
      if (m && m._side) {
        for (var q = 0; q < m._ids.length; q++) {
          var ks = pairsOf[m._side][m._ids[q]];
          if (ks) { selectPair(ks[0], m._side); return; }
        }
        return;
      }
      var r = ev.target.closest('[data-pair]');
      if (r) selectPair(+r.getAttribute('data-pair'), null);
    });
    form.addEventListener('change', apply);
    apply();
  }

  views.forEach(function (v) {
    if (v.classList.contains('doc')) setupDoc(v);
    else if (v.classList.contains('diff')) setupDiff(v);
  });
  show(location.hash.slice(1));
  window.addEventListener('hashchange', function () {
    var key = location.hash.slice(1);
    if (picker.value !== key && views.some(function (v) { return v.id === key; })) show(key);
  });
  document.documentElement.setAttribute('data-ready', '1');
})();
"""
