"""The text report of a diff: what got weaker or disappeared first."""

from __future__ import annotations

from ..textutil import normalize_ws
from .models import DiffOutput, Side


def _fields(side: Side | None) -> str:
    return f"[{side.modality}/{side.specificity}]" if side else ""


def render_text(diff: DiffOutput, width: int = 110, show_unchanged: bool = False) -> str:
    """A report a rater reads top to bottom: what got weaker or disappeared comes first."""
    s = diff.summary

    def unpaired(label: str) -> str:
        """'160 removed (20 confident, 140 with a close candidate)': how far to trust the count."""
        count = diff.unpaired.get(label)
        head = f"{s.get(label, 0)} {label}"
        if count is None or not s.get(label):
            return head
        return f"{head} ({count.confident} confident, {count.close_candidate} with a close candidate)"

    lines = [
        f"{diff.old_doc_id} -> {diff.new_doc_id}: {s.get('weakened', 0)} weakened, {unpaired('removed')}, "
        f"{s.get('strengthened', 0)} strengthened, {unpaired('added')}, {s.get('reworded', 0)} reworded, "
        f"{s.get('unchanged', 0)} unchanged",
    ]
    if any(c.close_candidate for c in diff.unpaired.values()):
        close = diff.run.close if diff.run.close is not None else 0.0
        lines.append(f"(with a close candidate: nothing paired above the threshold {diff.run.threshold:.2f}, but a "
                     f"candidate at {close:.2f} or more on the other side; possibly rewritten: check 'closest' "
                     "before trusting it)")

    def clip(text: str | None) -> str:
        t = normalize_ws(text or "")
        return t if len(t) <= width else t[: width - 3] + "..."

    current = None
    for p in diff.pairs:
        if p.label == "unchanged" and not show_unchanged:
            continue
        if p.label != current:
            current = p.label
            count = diff.unpaired.get(p.label)
            split = f": {count.confident} confident, {count.close_candidate} with a close candidate" if count else ""
            lines += ["", f"{p.label.upper()} ({s.get(p.label, 0)}{split})"]
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


