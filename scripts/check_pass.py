#!/usr/bin/env python3
"""Validate one annotation pass file (gold format of ANNOTATION.md, with `seoul`) against its document.

Standard library only, so an annotator can run it before the package is installed:

    python3 scripts/check_pass.py gold/passes/gdm_fsf_v1.0.A.json

Checks: the keys and labels of every commitment, and that every quote stands verbatim (whitespace
folded) in the document, in document order. Prints one line per problem; exit 1 if any.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC_DIRS = [ROOT / "data" / "corpus", ROOT.parent / "shared" / "corpus", ROOT.parent / "shared" / "corpus-more"]
KEYS = {"quote", "actor", "modality", "trigger", "safeguard", "specificity", "verifiable", "seoul"}
MODALITIES = {"must", "must_not", "should", "intend", "may"}
SPECIFICITIES = {"quantitative", "concrete", "vague"}
SEOUL = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII"}


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def check(path: Path) -> list[str]:
    data = json.loads(path.read_text(encoding="utf-8"))
    problems: list[str] = []
    doc = next((d / data["document"] for d in DOC_DIRS if (d / data["document"]).is_file()), None)
    if doc is None:
        return [f"{path}: document {data.get('document')!r} not found in {', '.join(map(str, DOC_DIRS))}"]
    text = norm(doc.read_text(encoding="utf-8"))
    pos = 0
    for i, c in enumerate(data["commitments"]):
        where = f"{path}: commitment {i}"
        if set(c) != KEYS:
            problems.append(f"{where}: keys {sorted(set(c) ^ KEYS)} missing or extra")
            continue
        if c["modality"] not in MODALITIES:
            problems.append(f"{where}: modality {c['modality']!r}")
        if c["specificity"] not in SPECIFICITIES:
            problems.append(f"{where}: specificity {c['specificity']!r}")
        if c["seoul"] not in SEOUL:
            problems.append(f"{where}: seoul {c['seoul']!r}")
        if not isinstance(c["verifiable"], bool):
            problems.append(f"{where}: verifiable must be true or false")
        if c["trigger"] is not None and not isinstance(c["trigger"], str):
            problems.append(f"{where}: trigger must be a string or null")
        q = norm(c["quote"])
        if "[[page" in q:
            problems.append(f"{where}: quote holds a page marker")
        at = text.find(q, pos)
        if at < 0:
            at_any = text.find(q)
            if at_any < 0:
                problems.append(f"{where}: quote not found verbatim: {q[:80]!r}")
            else:
                problems.append(f"{where}: quote out of document order (found earlier): {q[:60]!r}")
            continue
        pos = at
    return problems


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    problems = [p for a in argv for p in check(Path(a))]
    for p in problems:
        print(p)
    if not problems:
        print(f"ok: {len(argv)} file(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
