"""The text report of a diff: what got weaker or disappeared first."""

from __future__ import annotations

from ..textutil import normalize_ws
from .models import DiffOutput, Side


def _fields(side: Side | None) -> str:
    return f"[{side.modality}/{side.specificity}]" if side else ""


def render_text(diff: DiffOutput, width: int = 110, show_unchanged: bool = False) -> str:
    """A report a rater reads top to bottom: what got weaker or disappeared comes first."""
    s = diff.summary

    def split(label: str) -> str:
        """'0 confident; 163 with no counterpart above the threshold, 55 of them with a close candidate'."""
        c = diff.unpaired.get(label)
        if c is None:
            return ""
        unsure = c.below_threshold + c.close_candidate
        return (f"{c.confident} confident; {unsure} with no counterpart above the threshold, "
                f"{c.close_candidate} of them with a close candidate")

    def unpaired(label: str) -> str:
        head = f"{s.get(label, 0)} {label}"
        return f"{head} ({split(label)})" if s.get(label) and split(label) else head

    lines = [
        f"{diff.old_doc_id} -> {diff.new_doc_id}: {s.get('weakened', 0)} weakened, {unpaired('removed')}, "
        f"{s.get('strengthened', 0)} strengthened, {unpaired('added')}, {s.get('reworded', 0)} reworded, "
        f"{s.get('unchanged', 0)} unchanged",
    ]
    if any(c.below_threshold or c.close_candidate for c in diff.unpaired.values()):
        close = diff.run.close if diff.run.close is not None else diff.run.threshold
        lines.append(f"(confident: nothing on the other side reaches {diff.run.floor or diff.run.threshold:.2f}; "
                     f"the others may be rewrites the similarity missed: check 'closest' before trusting them; "
                     f"close candidate: {close:.2f} or more, threshold {diff.run.threshold:.2f})")

    def clip(text: str | None) -> str:
        t = normalize_ws(text or "")
        return t if len(t) <= width else t[: width - 3] + "..."

    current = None
    for p in diff.pairs:
        if p.label == "unchanged" and not show_unchanged:
            continue
        if p.label != current:
            current = p.label
            detail = split(p.label) if p.label in diff.unpaired else ""
            lines += ["", f"{p.label.upper()} ({s.get(p.label, 0)}{': ' + detail if detail else ''})"]
        if p.old_quote is not None and p.old_span is not None:
            lines.append(f"  - old p{p.old_span.page:<3} {_fields(p.old)} {clip(p.old_quote)}")
        if p.new_quote is not None and p.new_span is not None:
            lead = "    new" if p.old_quote is not None else "  + new"
            lines.append(f"{lead} p{p.new_span.page:<3} {_fields(p.new)} {clip(p.new_quote)}")
        lines.append(f"    why: {p.why}")
        if p.nearest:
            near = p.nearest[0]
            lines.append(f"    closest {'new' if p.old_quote is not None else 'old'}: p{near.page} "
                         f"({near.similarity:.2f}) {clip(near.quote)}")
    if not show_unchanged and s.get("unchanged"):
        lines += ["", f"UNCHANGED ({s['unchanged']}): not listed (--all lists them)"]
    return "\n".join(lines) + "\n"


