"""The review page as HTML: the document text with its highlights, the summary panel (scorecard,
coverage card, charts), the filters, the diff view, the overview, and the page shell around them. The
shells of the page and of a split report's index are templates in `extractor/resources/`, like the
style and the script they inline."""

from __future__ import annotations

import bisect
import html
import json
import shlex
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import datetime, timezone
from functools import cache
from pathlib import Path
from string import Template
from typing import Any

from .. import __version__
from ..check import RULES, SEVERITY_RANK, is_vague
from ..load import GENERATOR
from ..models import MODALITIES, SEOUL_AREAS, SEOUL_NAMES, SPECIFICITIES, Commitment
from ..rate import LEVELS, DocumentRating, rate_document
from ..scorecard import DEFINITIONS
from .content import DiffView, DocView, PairRef, Report, SourceRef, collect, summarise

SPEC_SHORT = {"quantitative": "quant", "concrete": "concrete", "vague": "vague"}


def _rule_name(code: str) -> str:
    rule = RULES.get(code)
    return f"{code} {rule.name}" if rule else code


def _worst(c: Commitment) -> str:
    return max((f.severity for f in c.flags), key=lambda s: SEVERITY_RANK[s])


def _pct(k: int, n: int) -> str:
    return f"{100 * k / n:.0f}%" if n else "–"


# ---------------------------------------------------------------------------------------------
# HTML pieces

RESOURCES = Path(__file__).resolve().parents[1] / "resources"  # extractor/resources, shipped as package data
_CLOSERS = {".css": "</style", ".js": "</script", ".html": None}  # an .html file is a shell, not inlined


@cache
def resource(name: str) -> str:
    """A style, script or page shell shipped in `extractor/resources`: the page stays one file that loads
    nothing. A style or script that could close its own element would break the page, so it is refused."""
    text = (RESOURCES / name).read_text("utf-8")
    closer = _CLOSERS[Path(name).suffix]
    if closer is not None and (closer in text.lower() or "<!--" in text):
        raise ValueError(f"{RESOURCES / name}: contains {closer!r} or '<!--', cannot be inlined")
    return text


def _shell(name: str, **parts: str) -> str:
    """A page shell from `extractor/resources` with its $names filled (the values are not scanned again,
    so a `$` in a title or a quote stays as it is)."""
    return Template(resource(name)).substitute(parts)


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


def _styles(view: DocView) -> list[tuple[int, int, str]]:
    """Non-overlapping stretches shown differently from body text: `mk` hidden (heading marks, page
    markers and the blank lines around them), `h` heading text (`jn`: a line break inside a title, shown
    as a space), `run` running headers and stray numbers."""
    o = view.outline
    if o is None:
        return []
    out: list[tuple[int, int, str]] = [(b.start, b.end, "mk") for b in o.breaks if b.start < b.end]
    heading_starts = set()
    for line in o.lines:
        heading_starts.add(line.start)
        out.append((line.start, line.mark_end, "mk"))
        out.append((line.mark_end, line.end, "h" if line.kind == "title" else "run"))
    out += [(a, b, "run") for a, b in o.running if a not in heading_starts]
    out += [(a, b, "h jn") for a, b in o.joins]  # a title broken over lines reads as one line
    return sorted(x for x in out if x[0] < x[1])


def render_text(view: DocView, attr_of: Callable[[int], str], badges: bool) -> str:
    """The document text as escaped HTML, as a reader sees it: split into pages with a quiet separator
    showing the page number, heading marks hidden and headings set as headings, one <mark> per covered
    stretch. Hidden characters stay in the page (class `mk`), so nothing of the text is lost.

    Spans may overlap: the text is cut at every span boundary, and each stretch lists the
    commitments covering it, innermost first (the one shown when several pass the filters).
    """
    text = view.text or ""
    cs = view.commitments
    lo, n = view.window or (0, len(text))
    unplaced = set(view.unplaced)
    placed = [i for i in range(len(cs)) if i not in unplaced]
    styles = _styles(view)
    style_starts = [x[0] for x in styles]
    sections = view.outline.sections if view.outline else []
    cuts = {lo, n, *view.page_starts, *(x.start for x in sections)}
    for i in placed:
        cuts.update((cs[i].span.start, cs[i].span.end))
    for x, y, _ in styles:
        cuts.update((x, y))
    bounds = sorted(c for c in cuts if lo <= c <= n)
    starts_at: dict[int, list[int]] = {}
    ends_at: dict[int, list[int]] = {}
    for i in placed:
        starts_at.setdefault(cs[i].span.start, []).append(i)
        ends_at.setdefault(cs[i].span.end, []).append(i)
    section_at = {x.start: k for k, x in enumerate(sections)}
    page_no = {s: k + 1 for k, s in enumerate(view.page_starts)}
    separators = len(view.page_starts) > 1
    parts: list[str] = []
    active: set[int] = set()
    page_open = False
    if lo not in page_no:  # a part that starts inside a page
        first = bisect.bisect_right(view.page_starts, lo)
        parts.append(f'<div class="page" data-page="{first}" id="{view.key}-p{first}">')
        page_open = True
    for a, b in zip(bounds, bounds[1:] + [n + 1], strict=True):
        if a in page_no:
            if page_open:
                parts.append("</div>")
            p = page_no[a]
            parts.append(f'<div class="page" data-page="{p}" id="{view.key}-p{p}">')
            if separators:
                parts.append(f'<div class="page-sep" role="separator" aria-label="page {p}">'
                             f'<span>page {p}</span></div>')
            page_open = True
        if a in section_at:
            parts.append(f'<span class="anchor" id="{view.key}-s{section_at[a]}"></span>')
        active.difference_update(ends_at.get(a, ()))
        active.update(starts_at.get(a, ()))
        if b > n:
            break
        piece = e(text[a:b], quote=False)
        k = bisect.bisect_right(style_starts, a) - 1
        if k >= 0 and a < styles[k][1]:
            piece = f'<span class="{styles[k][2]}">{piece}</span>'
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
            f'<td>{_flag_cell(c)}</td><td>{e(c.seoul or "")}</td><td class="q">{e(c.quote)}</td></tr>')
    return ('<table class="clist"><thead><tr><th>#</th><th>page</th><th>modality</th><th>specificity</th>'
            f'<th>flags</th><th title="Seoul area">area</th><th>quote</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


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
    sections = view.outline.sections if view.outline else []
    if view.text is None or len(sections) < 2:
        return f'<div class="chart"><h4>Commitments per page</h4>{by_page}</div>'
    starts = [x.start for x in sections]
    counts: list[Counter[str]] = [Counter() for _ in starts]
    before: Counter[str] = Counter()
    for c in cs:
        k = bisect.bisect_right(starts, c.span.start) - 1
        (counts[k] if k >= 0 else before)[c.modality] += 1
    rows = [("(before the first heading)", before, "")] if before else []
    lo, hi = view.window or (0, len(view.text))  # a part of a long text links only the sections it shows
    rows += [(x.title, counts[k], f'data-anchor="{view.key}-s{k}"' if lo <= x.start < hi else "")
             for k, x in enumerate(sections) if lo <= x.start < hi or counts[k]]
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


def _coverage(view: DocView, rating: DocumentRating) -> str:
    """The `extract rate` card of one document: a row per Seoul area, its level and the commitments
    behind it; a click on a row filters the text to them (report.js)."""
    scale = "".join(f'<li><span class="lvl" data-level="{k}">{k}</span> {e(v)}</li>' for k, v in LEVELS.items())
    head = '<h4>Seoul areas <span class="muted">(as <code>extract rate</code>)</span></h4>'
    legend = f'<details class="scale"><summary>levels 0–3</summary><ul>{scale}</ul></details>'
    if rating.unassigned == rating.commitments:
        return (f'<div class="coverage" data-assigned="0">{head}<p class="no-areas">no areas assigned</p>'
                '<p class="muted">This output has no <code>seoul</code> area on its commitments (it was written '
                'before areas were assigned, or has no commitments): run <code>extract run</code> again to '
                f'rate it.</p>{legend}</div>')
    rows = []
    for a in rating.areas:
        link = (f' data-area="{a.area}" role="button" tabindex="0" title="show its {a.count} commitment(s) in the '
                f'text"' if a.count else "")
        rows.append(
            f'<tr class="area"{link}><th>{a.area}</th><td>{e(a.name)}</td>'
            f'<td><span class="lvl" data-level="{a.level}" title="{_attr(LEVELS[a.level])}">{a.level}</span></td>'
            f'<td class="num">{a.count}</td><td class="num">{a.binding}</td>'
            f'<td>{"yes" if a.any_verifiable else ("no" if a.count else "–")}</td></tr>')
    note = (f'<p class="muted">{rating.unassigned} commitment(s) have no area and are not rated.</p>'
            if rating.unassigned else "")
    return (f'<div class="coverage" data-assigned="1">{head}<table class="card"><thead><tr><th></th><th>area</th>'
            f'<th title="{_attr("; ".join(f"{k} {v}" for k, v in LEVELS.items()))}">level</th><th>commitments</th>'
            f'<th>binding</th><th>verifiable</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
            f'<p class="muted">{rating.areas_covered} of {len(rating.areas)} areas covered</p>{note}{legend}</div>')


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
    areas: Counter[str | None] = Counter(c.seoul for c in cs)
    area_opts = [f'<option value="">all areas ({len(cs)})</option>']
    area_opts += [f'<option value="{a}">{a} {e(SEOUL_NAMES[a])} ({areas[a]})</option>' for a in SEOUL_AREAS]
    area_opts.append(f'<option value="none:">no area ({areas[None]})</option>')
    page_opts = [f'<option value="">all pages ({len(cs)})</option>']
    page_opts += [f'<option value="{p}">page {p} ({pages[p]})</option>' for p in range(1, view.pages + 1)]
    return (f'<form class="filters" autocomplete="off" onsubmit="return false">'
            f'<fieldset><legend>search</legend><input type="search" name="q" placeholder="quotes and fields" '
            f'aria-label="search the quotes and fields"></fieldset>'
            f'<fieldset><legend>modality</legend>{mod_boxes}</fieldset>'
            f'<fieldset><legend>specificity</legend>{spec_boxes}</fieldset>'
            f'<fieldset><legend>flag</legend><select name="flag">{"".join(flag_opts)}</select></fieldset>'
            f'<fieldset><legend>Seoul area</legend><select name="area">{"".join(area_opts)}</select></fieldset>'
            f'<fieldset><legend>page</legend><select name="page">{"".join(page_opts)}</select></fieldset>'
            f'<button type="reset">reset filters</button>'
            f'<p class="shown" aria-live="polite">{len(cs)} of {len(cs)} commitments shown</p>'
            f'<fieldset class="export"><legend>export the shown list</legend>'
            f'<button type="button" data-export="csv">CSV</button> <button type="button" data-export="json">JSON'
            f'</button></fieldset></form>')


def _doc_section(view: DocView, rating: DocumentRating) -> str:
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
        f'{_scorecard(view)}{_coverage(view, rating)}{_charts(view)}</div></details>'
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


def _missing_side(side: str, doc_id: str, source: SourceRef | None, folder: Path) -> str:
    """What to run so the page can show this side's text (the diff file keeps ids and quotes only)."""
    doc = shlex.quote(source.path) if source else f"{side.upper()}_DOCUMENT"
    out = shlex.quote(str(folder))
    return (f'<div class="notice missing" data-missing="{side}"><p>No extraction output for document '
            f'<b>{e(doc_id)}</b> in this folder, so its text cannot be shown; the pairs list the quotes the diff '
            'recorded.</p><p>To add it, extract the document into this folder, then write the page again:</p>'
            f'<pre>{e(f"extract run {doc} -o {out}")}\n{e(f"extract report {out}")}</pre>'
            f'<p class="muted">Both versions and their diff afresh: <code>extract run OLD NEW -o {e(out)}</code> '
            f'and <code>extract diff OLD NEW -o {e(out)}</code>.</p></div>')


def _diff_column(side: str, view: DiffView, dv: DocView | None, label_of: dict[int, str]) -> str:
    def attr(i: int) -> str:
        return f'data-label="{_attr(label_of.get(i, "unlisted"))}"'

    key = view.key
    doc_id = view.diff.old_doc_id if side == "old" else view.diff.new_doc_id
    if dv is None:
        source = view.diff.old_document if side == "old" else view.diff.new_document
        body = _missing_side(side, doc_id, source, view.file.parent)
        title = doc_id
    else:
        title = f"{dv.out.document.title} ({dv.out.document.id})"
        notice = f'<p class="notice">{e(dv.notice)}</p>' if dv.notice else ""
        if dv.text is not None:
            shadow = DocView(key=f"{key}-{side}", file=dv.file, out=dv.out, text=dv.text,
                             page_starts=dv.page_starts, outline=dv.outline, unplaced=dv.unplaced)
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
        f'<div class="diff-grid">{_diff_column("old", view, view.old, label_of["old"])}'
        f'<div class="col pairs"><h3>pairs</h3><ol class="scroll pair-list">{rows}</ol></div>'
        f'{_diff_column("new", view, view.new, label_of["new"])}</div></section>')


def _overview(report: Report, ratings: dict[str, DocumentRating]) -> str:
    rows = []
    for d in report.docs:
        r = ratings[d.key]
        areas = "–" if r.unassigned == r.commitments else f"{r.areas_covered} of {len(r.areas)}"
        s = summarise(d.out)
        n = s["commitments"]
        binding = sum(s["by_modality"].get(m, 0) for m in ("must", "must_not"))
        rows.append(
            f'<tr><td><a href="#{d.key}" data-goto="{d.key}">{e(d.out.document.title)}</a>'
            f'<div class="muted">{e(d.out.document.id)}</div></td><td>{e(d.out.document.org or "–")}</td>'
            f'<td class="num">{d.pages}</td><td class="num">{n}</td><td class="num">{_pct(binding, n)}</td>'
            f'<td class="num">{s["quantitative_share"]:.0%}</td><td class="num">{_pct(s["flagged"], n)}</td>'
            f'<td class="num">{areas}</td>'
            f'<td>{"text" if d.text is not None else "quotes only"}</td></tr>')
    for x in report.diffs:
        counts = Counter(p.label for p in x.diff.pairs)
        rows.append(f'<tr><td colspan="9"><a href="#{x.key}" data-goto="{x.key}">changes {e(x.diff.old_doc_id)} → '
                    f'{e(x.diff.new_doc_id)}</a> <span class="muted">'
                    f'({e(", ".join(f"{k} {v}" for k, v in counts.most_common()))})</span></td></tr>')
    return (f'<section class="view" id="overview" hidden><h2>{len(report.docs)} documents, '
            f'{report.commitments} commitments</h2><table class="clist overview"><thead><tr><th>document</th>'
            '<th>organisation</th><th>pages</th><th>commitments</th>'
            f'<th title="{_attr(DEFINITIONS["binding_share"])}">binding</th>'
            f'<th title="{_attr(DEFINITIONS["quantitative_share"])}">measurable</th>'
            f'<th title="{_attr(DEFINITIONS["cheap_talk_index"])}">cheap-talk index</th>'
            '<th title="Seoul areas with at least one commitment (extract rate)">Seoul areas</th>'
            f'<th>shown as</th></tr></thead><tbody>{"".join(rows)}</tbody></table></section>')


def _rating_data(view: DocView, rating: DocumentRating) -> dict[str, Any]:
    """Each area's level and its commitments as list positions (what a click on the card shows)."""
    pos: dict[str, int] = {}
    for i, c in enumerate(view.commitments):
        pos.setdefault(c.id, i)
    return {a.area: {"name": a.name, "level": a.level, "commitments": [pos[x] for x in a.commitments if x in pos],
                     "best": [pos[q.id] for q in a.quotes if q.id in pos]} for a in rating.areas}


def _page_data(report: Report, ratings: dict[str, DocumentRating]) -> dict[str, Any]:
    docs = {d.key: {"id": d.out.document.id, "title": d.out.document.title,
                    "commitments": [c.model_dump(mode="json") for c in d.commitments],
                    "vague": [is_vague(c) for c in d.commitments],
                    "areas": _rating_data(d, ratings[d.key])} for d in report.docs}
    diffs = {}
    for x in report.diffs:
        pairs, _ = _diff_indices(x)
        diffs[x.key] = {"old_doc": x.diff.old_doc_id, "new_doc": x.diff.new_doc_id,
                        "old": x.old.key if x.old else None, "new": x.new.key if x.new else None,
                        "pairs": pairs}
    rules = {r.code: r.name for r in RULES.values()}
    return {"docs": docs, "diffs": diffs, "rules": rules, "areas": SEOUL_NAMES,
            "levels": {str(k): v for k, v in LEVELS.items()}}


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
    ratings = {d.key: d.rating or rate_document(d.out) for d in report.docs}
    views = (_overview(report, ratings) if len(report.docs) > 1 else "") + "".join(
        _doc_section(d, ratings[d.key]) for d in report.docs) + "".join(_diff_section(x) for x in report.diffs)
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    legend = "".join(f'<span><span class="sw" data-mod="{m}"></span>{m}</span>' for m in MODALITIES)
    return _shell("report.html", generator=f"{GENERATOR} {e(__version__)}",  # so a run never reads the page back
                  version=e(__version__), title=e(title), css=resource("report.css"), options="".join(options),
                  legend=legend, stamp=stamp, problems=problems, views=views,
                  data=_json_for_script(_page_data(report, ratings)), js=resource("report.js"))


def build_page(out_dir: Path, title: str | None = None) -> str:
    """The page for the outputs in OUT, as a string."""
    return render(collect(out_dir), title)


def render_index(report: Report, doc_links: dict[str, list[str]], links: dict[str, str], title: str | None) -> str:
    """The index of a split report: the overview table, each row linking to its document's page (or its
    parts' pages); `links` holds each diff's page by file name, as `write` named it."""
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
    return _shell("report-index.html", generator=f"{GENERATOR} {e(__version__)}", version=e(__version__),
                  title=e(title), css=resource("report.css"), problems=problems, documents=str(len(report.docs)),
                  commitments=str(report.commitments), binding_tip=_attr(DEFINITIONS["binding_share"]),
                  measurable_tip=_attr(DEFINITIONS["quantitative_share"]),
                  cheap_talk_tip=_attr(DEFINITIONS["cheap_talk_index"]), rows="".join(rows))


def link_back(page: str, index_name: str) -> str:
    """A page of a split report, with a link back to its index (the file `index_name` one folder up)."""
    return page.replace("<main>", f'<main><p><a href="../{_attr(index_name)}">← all documents</a></p>', 1)

