"""The gold set: load and validate the annotated files of `gold/` (format: ANNOTATION.md).

A gold file is only useful if every quote stands in its document, so loading a file checks it the
way the scorer will use it: quotes are located in the whitespace-normalised document text, in
document order (an identical quote that occurs several times takes the next occurrence), scope
markers must each occur exactly once. Every problem is a `GoldProblem` naming the file, the
commitment (0-based index in `commitments`) and what is wrong.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import GoldError, InputError
from .load import load
from .models import Document, Modality, SeoulArea, Specificity
from .output import read_json
from .textutil import normalize_ws, normalized_with_map

SPLIT_FILE = "split.json"
BASELINE_FILE = "baseline.json"
RESERVED = frozenset({SPLIT_FILE, BASELINE_FILE})  # JSON files in gold/ that are not gold files
SPLITS = ("development", "heldout")
PAGE_MARK = "[[page"


class GoldProblem(GoldError):
    """One broken rule in one gold file; `index` is the commitment's position, None for the file."""

    def __init__(self, path: object, problem: str, index: int | None = None) -> None:
        self.path = str(path)
        self.index = index
        self.problem = problem
        where = f"{self.path}: commitment {index}" if index is not None else self.path
        super().__init__(f"{where}: {problem}")


class GoldCommitment(BaseModel):
    """One annotated commitment; field names and labels are ANNOTATION.md's."""

    model_config = ConfigDict(extra="forbid", strict=True)

    quote: str = Field(min_length=1)
    actor: str = Field(min_length=1)
    modality: Modality
    trigger: str | None
    safeguard: str = Field(min_length=1)
    specificity: Specificity
    verifiable: bool
    seoul: SeoulArea


class GoldFile(BaseModel):
    """The JSON of one gold file."""

    model_config = ConfigDict(extra="forbid", strict=True)

    document: str = Field(min_length=1, description="file name of the document in the corpus folder")
    org: str = Field(min_length=1, description="who 'we' is in this document")
    scope: list[tuple[str, str]] | None = Field(
        default=None, description="[first words, last words] of each annotated part; None: all of it")
    commitments: list[GoldCommitment]


@dataclass
class GoldItem:
    """A gold commitment and where its quote stands: [start, end) in the normalised text."""

    index: int
    commitment: GoldCommitment
    start: int
    end: int


@dataclass
class GoldDocument:
    """A validated gold file with its document loaded and every quote located."""

    path: Path
    gold: GoldFile
    doc: Document
    norm: str
    offsets: Sequence[int] = field(repr=False)
    items: list[GoldItem]
    scope: list[tuple[int, int]] | None = None  # normalised [start, end) regions

    @property
    def id(self) -> str:
        return self.doc.id

    @property
    def name(self) -> str:
        return self.path.name

    def in_scope(self, start: int, end: int) -> bool:
        """True when [start, end) touches an annotated part (always, without a scope)."""
        if self.scope is None:
            return True
        return any(start < hi and end > lo for lo, hi in self.scope)


def find_all(haystack: str, needle: str) -> list[int]:
    """Every start of `needle` in `haystack`, overlapping ones included."""
    found: list[int] = []
    if not needle:
        return found
    pos = haystack.find(needle)
    while pos >= 0:
        found.append(pos)
        pos = haystack.find(needle, pos + 1)
    return found


def locate_in_order(norm: str, quotes: Sequence[str], ignore_case: bool = False) -> list[tuple[int, int] | None]:
    """Normalised spans of `quotes`, each in the document's normalised text.

    Annotators list quotes in document order, and a quote that occurs twice may be annotated twice
    (DECISIONS.md 5): each quote takes its first occurrence at or after the previous quote's start
    that no identical quote has taken yet, else its first untaken occurrence; None when it does not
    occur, or when every occurrence is taken already.
    """
    hay = norm.lower() if ignore_case else norm
    taken: dict[str, set[int]] = {}
    cache: dict[str, list[int]] = {}
    spans: list[tuple[int, int] | None] = []
    previous = 0
    for quote in quotes:
        q = normalize_ws(quote)
        if ignore_case:
            q = q.lower()
        if q not in cache:
            cache[q] = find_all(hay, q)
        used = taken.setdefault(q, set())
        free = [p for p in cache[q] if p not in used]
        if not free:
            spans.append(None)
            continue
        after = [p for p in free if p >= previous]
        pos = after[0] if after else free[0]
        used.add(pos)
        spans.append((pos, pos + len(q)))
        previous = pos
    return spans


def _pydantic_problems(path: Path, exc: ValidationError, index: int | None = None) -> list[GoldProblem]:
    problems = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"]) or "file"
        got = err.get("input")
        shown = "" if err["type"] == "missing" or isinstance(got, dict | list) else f" (got {got!r})"
        problems.append(GoldProblem(path, f"{where}: {err['msg']}{shown}", index))
    return problems


def _item_problems(path: Path, commitments: Iterable[tuple[int, GoldCommitment]]) -> list[GoldProblem]:
    problems = []
    for i, c in commitments:
        if PAGE_MARK in c.quote:
            problems.append(GoldProblem(path, "quote contains a [[page N]] marker (DECISIONS.md 2)", i))
        if c.trigger is not None and not c.trigger.strip():
            problems.append(GoldProblem(path, "trigger is empty: write null for an unconditional commitment", i))
        for name in ("quote", "actor", "safeguard"):
            if not getattr(c, name).strip():
                problems.append(GoldProblem(path, f"{name} is blank", i))
    return problems


def _short(text: str, n: int = 70) -> str:
    text = normalize_ws(text)
    return repr(text if len(text) <= n else text[: n - 3] + "...")


def check_gold(path: Path, corpus_dir: Path) -> tuple[GoldDocument | None, list[GoldProblem]]:
    """Validate one gold file against its document; the loaded file when there is no problem."""
    try:
        raw = path.read_text("utf-8")
    except FileNotFoundError:
        return None, [GoldProblem(path, "no such file")]
    except (OSError, UnicodeDecodeError) as exc:
        return None, [GoldProblem(path, f"cannot read: {exc}")]
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        return None, [GoldProblem(path, f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})")]
    if not isinstance(data, dict):
        return None, [GoldProblem(path, "not a JSON object with document, org and commitments")]
    # the header and each commitment are validated apart, so one bad item does not hide the others
    problems: list[GoldProblem] = []
    try:
        header = GoldFile.model_validate_json(json.dumps({**data, "commitments": []}))
    except ValidationError as exc:
        problems.extend(_pydantic_problems(path, exc))
        header = None
    raw_items = data.get("commitments")
    if not isinstance(raw_items, list):
        problems.append(GoldProblem(path, "commitments: missing or not a list"))
    valid: list[tuple[int, GoldCommitment]] = []
    for i, c in enumerate(raw_items if isinstance(raw_items, list) else []):
        try:
            valid.append((i, GoldCommitment.model_validate_json(json.dumps(c))))
        except ValidationError as exc:
            problems.extend(_pydantic_problems(path, exc, i))
    problems.extend(_item_problems(path, valid))
    if header is None:
        return None, sorted(problems, key=lambda p: -1 if p.index is None else p.index)
    doc_path = corpus_dir / header.document
    try:
        doc = load(doc_path)
    except InputError as exc:
        problems.append(GoldProblem(path, f"document {header.document}: {exc.reason} (looked in {corpus_dir})"))
        return None, sorted(problems, key=lambda p: -1 if p.index is None else p.index)
    norm, offsets = normalized_with_map(doc.text)

    items: list[GoldItem] = []
    spans = locate_in_order(norm, [c.quote for _, c in valid])
    counts = Counter(normalize_ws(c.quote) for _, c in valid)
    for (i, c), span in zip(valid, spans, strict=True):
        if span is not None:
            items.append(GoldItem(i, c, span[0], span[1]))
            continue
        q = normalize_ws(c.quote)
        occurs = len(find_all(norm, q))
        if occurs == 0:
            hint = " (it does occur ignoring case)" if q.lower() in norm.lower() else ""
            problems.append(GoldProblem(path, f"quote not found in {header.document}{hint}: {_short(c.quote)}", i))
        else:
            problems.append(GoldProblem(
                path, f"duplicate quote: {counts[q]} times in the gold file but {occurs} time(s) in "
                      f"{header.document}: {_short(c.quote)}", i))

    scope: list[tuple[int, int]] | None = None
    if header.scope is not None:
        scope = []
        if not header.scope:
            problems.append(GoldProblem(path, "scope is an empty list: leave it out to annotate the whole document"))
        for k, (first, last) in enumerate(header.scope):
            where: list[int] = []
            for role, marker in (("start", first), ("end", last)):
                m = normalize_ws(marker)
                hits = find_all(norm, m) if m else []
                if len(hits) != 1:
                    what = "not found" if not hits else f"found {len(hits)} times (make it longer)"
                    problems.append(GoldProblem(path, f"scope {k} {role} marker {what}: {_short(marker)}"))
                else:
                    where.append(hits[0])
            if len(where) == 2:
                if where[0] >= where[1]:
                    problems.append(GoldProblem(path, f"scope {k}: the start marker does not come before the end"))
                else:
                    scope.append((where[0], where[1] + len(normalize_ws(last))))
        for item in items:
            if scope and not any(lo <= item.start and item.end <= hi for lo, hi in scope):
                problems.append(GoldProblem(path, f"quote lies outside the scope: {_short(item.commitment.quote)}",
                                            item.index))
    if problems:
        return None, sorted(problems, key=lambda p: -1 if p.index is None else p.index)
    gold = GoldFile.model_validate_json(raw)
    return GoldDocument(path=path, gold=gold, doc=doc, norm=norm, offsets=offsets, items=items, scope=scope), []


def load_gold(path: Path, corpus_dir: Path) -> GoldDocument:
    """A valid gold file, or the first problem raised (with the count of the others)."""
    gold, problems = check_gold(path, corpus_dir)
    if problems:
        first = problems[0]
        more = f" (and {len(problems) - 1} more problems: run `extract gold check`)" if len(problems) > 1 else ""
        raise GoldProblem(first.path, first.problem + more, first.index)
    assert gold is not None
    return gold


def gold_files(gold_dir: Path) -> list[Path]:
    """The gold files of a folder: its *.json files except the split and the baseline."""
    if not gold_dir.is_dir():
        raise GoldError(f"{gold_dir}: no such gold folder")
    return sorted(p for p in gold_dir.glob("*.json") if p.name not in RESERVED and not p.name.startswith("."))


def read_split(gold_dir: Path) -> dict[str, list[str]]:
    """`split.json`: which gold files are for development and which are held out (measure only)."""
    path = gold_dir / SPLIT_FILE
    data = read_json(path, "no such file (it says which gold files are development and which held out)", GoldProblem)
    if not isinstance(data, dict) or set(data) != set(SPLITS) or not all(
            isinstance(v, list) and all(isinstance(x, str) for x in v) for v in data.values()):
        raise GoldProblem(path, f"must be an object with exactly the keys {', '.join(SPLITS)}, "
                                "each a list of file names")
    return {k: list(data[k]) for k in SPLITS}


def split_problems(gold_dir: Path, files: Sequence[Path]) -> list[GoldProblem]:
    """Every gold file in exactly one split, and every split entry an existing gold file."""
    path = gold_dir / SPLIT_FILE
    try:
        split = read_split(gold_dir)
    except GoldProblem as exc:
        return [exc]
    problems = []
    names = {f.name for f in files}
    seen: Counter[str] = Counter(n for v in split.values() for n in v)
    for name in sorted(names):
        if seen[name] == 0:
            problems.append(GoldProblem(path, f"{name} is in no split (add it to development or heldout)"))
        elif seen[name] > 1:
            problems.append(GoldProblem(path, f"{name} is listed {seen[name]} times"))
    for name in sorted(set(seen) - names):
        problems.append(GoldProblem(path, f"{name} is listed but is not a gold file in {gold_dir}"))
    return problems


def check_all(gold_dir: Path, corpus_dir: Path) -> tuple[list[GoldDocument], list[GoldProblem]]:
    """Validate every gold file of a folder and its split."""
    files = gold_files(gold_dir)
    if not files:
        return [], [GoldProblem(gold_dir, "no gold files")]
    problems = split_problems(gold_dir, files)
    loaded = []
    for f in files:
        gold, errs = check_gold(f, corpus_dir)
        problems.extend(errs)
        if gold is not None:
            loaded.append(gold)
    return loaded, problems


def load_split(gold_dir: Path, corpus_dir: Path, split: str = "all") -> list[tuple[str, GoldDocument]]:
    """The gold documents of a split ('development', 'heldout' or 'all'), each with its split name;
    any problem in them (or in split.json) raises."""
    files = gold_files(gold_dir)
    problems = split_problems(gold_dir, files)
    if problems:
        raise problems[0]
    assignment = {name: s for s, names in read_split(gold_dir).items() for name in names}
    chosen = [f for f in files if split == "all" or assignment[f.name] == split]
    return [(assignment[f.name], load_gold(f, corpus_dir)) for f in chosen]
