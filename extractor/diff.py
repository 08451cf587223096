"""Compare two versions of a policy: which commitments stayed, moved, softened, hardened or vanished.

Alignment is one to one and global: each old/new pair is scored by the cosine similarity of the
quotes' MiniLM embeddings (the model the Chroma index uses) blended with a text similarity, and
`scipy.optimize.linear_sum_assignment` picks the pairing that maximises the total similarity above a
threshold; what stays unpaired is removed (old) or added (new). Greedy best-first pairing would let
one near-duplicate take the partner another commitment needed; the optimal assignment does not.

Each pair is then labelled from its fields and wording, by rules that hold for any policy: binding
force (must > should > intend > may), specificity (quantitative > concrete > vague), deadlines and
conditions, named verifiers (publication, external parties, the board, audits) and escape clauses.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Literal, Protocol

import numpy as np
from pydantic import BaseModel, Field, ValidationError

from . import SCHEMA_VERSION, __version__
from .errors import GoldError, InputError
from .models import Commitment, DocumentInfo, ExtractionOutput, Modality, Span, Specificity
from .textutil import normalize_ws, tokens

ChangeLabel = Literal["unchanged", "reworded", "strengthened", "weakened", "removed", "added"]
Direction = Literal["weaker", "stronger", "neutral"]
ReasonKind = Literal["modality", "specificity", "trigger", "verifier", "escape", "quantity", "wording",
                     "removed", "added"]

LABELS: tuple[str, ...] = ("weakened", "removed", "strengthened", "added", "reworded", "unchanged")
MODALITY_RANK: dict[str, int] = {"must": 3, "must_not": 3, "should": 2, "intend": 1, "may": 0}
SPECIFICITY_RANK: dict[str, int] = {"quantitative": 2, "concrete": 1, "vague": 0}

# Defaults, set on one annotated version pair (anthropic_rsp v1.0 -> v2.0) and kept round.
THRESHOLD = 0.40
EMBED_WEIGHT = 0.6
CONTEXT_SHARE = 1 / 3
CONTEXT_CHARS = 300

EmbedFn = Callable[[list[str]], np.ndarray]


# ---------------------------------------------------------------------------------------------
# The JSON contract of a diff: OUT/<old>__<new>.diff.json


class Reason(BaseModel):
    """One observed change and which way it moves the commitment."""

    kind: ReasonKind
    direction: Direction
    weight: float = Field(default=1.0, description="how much it counts towards the label")
    old: str | None = Field(default=None, description="the old value or words, if any")
    new: str | None = Field(default=None, description="the new value or words, if any")
    text: str = Field(description="the reason in words, e.g. 'modality must -> intend'")


class Side(BaseModel):
    """The fields of one side of a pair that the labels are read from."""

    actor: str
    modality: Modality
    specificity: Specificity
    trigger: str | None
    verifiable: bool


class DiffPair(BaseModel):
    """One old commitment and its counterpart in the new version (either may be null)."""

    label: ChangeLabel
    old_id: str | None = Field(description="commitment id in the old output; null for an added one")
    new_id: str | None = Field(description="commitment id in the new output; null for a removed one")
    old_quote: str | None
    new_quote: str | None
    old_span: Span | None
    new_span: Span | None
    old: Side | None = None
    new: Side | None = None
    reasons: list[Reason] = Field(default_factory=list)
    why: str = Field(default="", description="the reasons joined into one line")
    similarity: float | None = Field(default=None, description="blended similarity of the pair, 0..1")
    embedding_similarity: float | None = None
    text_similarity: float | None = None


class DiffRunInfo(BaseModel):
    tool_version: str
    time: datetime
    old_backend: str
    new_backend: str
    embedding: str | None = Field(description="embedding model used for alignment, null if text only")
    context: bool = Field(default=False, description="paragraph context embedded too (document texts were available)")
    threshold: float
    embed_weight: float


class DiffOutput(BaseModel):
    """The comparison of two versions: the file `OUT/<old>__<new>.diff.json`."""

    schema_version: str
    old_doc_id: str
    new_doc_id: str
    old_document: DocumentInfo
    new_document: DocumentInfo
    run: DiffRunInfo
    summary: dict[str, int] = Field(description="pairs per label")
    pairs: list[DiffPair] = Field(description="sorted: weakened, removed, strengthened, added, reworded, unchanged")


def diff_json_schema() -> dict[str, Any]:
    schema = DiffOutput.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "extractor diff"
    return schema


def diff_filename(diff: DiffOutput) -> str:
    return f"{diff.old_doc_id}__{diff.new_doc_id}.diff.json"


# ---------------------------------------------------------------------------------------------
# Similarity and alignment

_FOOTNOTE = re.compile(r"(?<=[a-z\)])\d{1,2}\b")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def normalize_quote(text: str) -> str:
    """Case, quote marks, footnote digits and trailing punctuation do not make two quotes differ."""
    t = normalize_ws(text).translate(_QUOTES).lower()
    t = _FOOTNOTE.sub("", t)
    return t.strip(" .;:,")


def _features(text: str) -> tuple[set[str], set[str]]:
    """Character trigrams (light edits, inflections) and content tokens (reordering) of a quote."""
    n = normalize_quote(text)
    padded = f" {n} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}, set(tokens(n))


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def text_similarity(a: str, b: str) -> float:
    """Mean of character-trigram and content-token Jaccard; 1.0 for quotes equal once normalised."""
    if normalize_quote(a) == normalize_quote(b):
        return 1.0
    (ga, ta), (gb, tb) = _features(a), _features(b)
    return (_jaccard(ga, gb) + _jaccard(ta, tb)) / 2


def _jaccard_matrix(left: list[set[str]], right: list[set[str]]) -> np.ndarray:
    """All pairwise Jaccard indices at once, through one product of 0/1 matrices."""
    vocab: dict[str, int] = {}
    for s in (*left, *right):
        for f in s:
            vocab.setdefault(f, len(vocab))

    def onehot(sets: list[set[str]]) -> np.ndarray:
        m = np.zeros((len(sets), max(1, len(vocab))), dtype=np.float32)
        for r, s in enumerate(sets):
            m[r, [vocab[f] for f in s]] = 1.0
        return m

    a, b = onehot(left), onehot(right)
    inter = a @ b.T
    union = a.sum(1)[:, None] + b.sum(1)[None, :] - inter
    return np.where(union > 0, inter / np.clip(union, 1e-9, None), 0.0).astype(np.float64)


def text_similarity_matrix(old: Sequence[str], new: Sequence[str]) -> np.ndarray:
    fo = [_features(t) for t in old]
    fn = [_features(t) for t in new]
    sim = (_jaccard_matrix([g for g, _ in fo], [g for g, _ in fn])
           + _jaccard_matrix([t for _, t in fo], [t for _, t in fn])) / 2
    norm_old = [normalize_quote(t) for t in old]
    norm_new = {normalize_quote(t): j for j, t in enumerate(new)}
    for i, q in enumerate(norm_old):
        if q in norm_new:
            sim[i, norm_new[q]] = 1.0
    return sim


def _default_embed(texts: list[str]) -> np.ndarray:
    from .embed import embed_texts

    return embed_texts(texts)


def _cosine(embed: EmbedFn, left: list[str], right: list[str]) -> np.ndarray:
    vectors = np.asarray(embed(left + right), dtype=np.float64)
    vectors /= np.clip(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12, None)
    return np.clip(vectors[: len(left)] @ vectors[len(left):].T, 0.0, 1.0)


_PAGE_MARK = re.compile(r"\[\[page \d+\]\]")


def context_of(text: str, span: Span, reach: int = CONTEXT_CHARS) -> str:
    """The paragraph around a quote, at most `reach` characters either side: what a list item or a
    short clause ("pause training") means depends on the lead-in and the sentences next to it."""
    lo = max(text.rfind("\n\n", 0, span.start), span.start - reach, 0)
    hi = text.find("\n\n", span.end)
    hi = min(hi if hi >= 0 else len(text), span.end + reach)
    return normalize_ws(_PAGE_MARK.sub(" ", text[lo:hi]))


def similarity(old: Sequence[Commitment], new: Sequence[Commitment], embed: EmbedFn | None = _default_embed,
               embed_weight: float = EMBED_WEIGHT, old_text: str | None = None,
               new_text: str | None = None) -> tuple[np.ndarray, np.ndarray | None, np.ndarray]:
    """(blended, embedding or None, text) similarity matrices, old x new, values in 0..1.

    With both document texts, a third of the embedding weight goes to the quotes' paragraphs.
    """
    text = text_similarity_matrix([c.quote for c in old], [c.quote for c in new])
    if embed is None or not old or not new:
        return text, None, text
    emb = _cosine(embed, [c.quote for c in old], [c.quote for c in new])
    if old_text is not None and new_text is not None:
        ctx = _cosine(embed, [context_of(old_text, c.span) for c in old], [context_of(new_text, c.span) for c in new])
        emb_all = (1 - CONTEXT_SHARE) * emb + CONTEXT_SHARE * ctx
    else:
        emb_all = emb
    blended = embed_weight * emb_all + (1 - embed_weight) * text
    # equal quotes stay equal whatever their surroundings
    blended = np.where(text >= 1.0, np.maximum(blended, 1.0), blended)
    return blended, emb, text


def assign(sim: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    """The one-to-one pairing that maximises the summed similarity above `threshold`.

    A pair below the threshold gains nothing over leaving both sides unpaired, so maximising
    sum(max(sim - threshold, 0)) and then dropping the zero-gain pairs is the optimum with the
    option of not pairing at all.
    """
    from scipy.optimize import linear_sum_assignment

    if sim.size == 0:
        return []
    gain = np.clip(sim - threshold, 0.0, None)
    rows, cols = linear_sum_assignment(gain, maximize=True)
    return [(int(i), int(j)) for i, j in zip(rows, cols) if sim[i, j] >= threshold]


def assign_greedy(sim: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    """Best pair first; kept to show (and test) what the optimal assignment improves on."""
    pairs: list[tuple[int, int]] = []
    used_i: set[int] = set()
    used_j: set[int] = set()
    for flat in np.argsort(-sim, axis=None, kind="stable"):
        i, j = divmod(int(flat), sim.shape[1])
        if sim[i, j] < threshold:
            break
        if i not in used_i and j not in used_j:
            pairs.append((i, j))
            used_i.add(i)
            used_j.add(j)
    return pairs


# ---------------------------------------------------------------------------------------------
# Labels

# a time limit ("before we train X", "within 30 days"); "until" bounds a duration, so it is a condition
_DEADLINE = re.compile(r"^(?:before|prior\s+to|by\s+the\s+time|no\s+later\s+than|within|by)\b", re.I)
_ESCAPE_IN_TRIGGER = re.compile(r"^unless\b", re.I)
_VAGUE_TRIGGER = re.compile(
    r"\b(?:significant(?:ly)?|appropriate|necessary|warranted|sufficient(?:ly)?|substantial(?:ly)?|"
    r"we\s+(?:determine|believe|judge|decide|think)|in\s+our\s+(?:judge?ment|view)|deem(?:s|ed)?|"
    r"reasonabl[ey]|possible|feasible|likely|any\s+scenario)\b",
    re.I,
)
# families of words that name someone or something outside the author's own judgement
VERIFIERS: dict[str, re.Pattern[str]] = {
    "publication": re.compile(r"\b(?:publish(?:es|ed|ing)?|publication|public(?:ly)?|disclos(?:e|es|ed|ure))\b", re.I),
    "external party": re.compile(
        r"\b(?:external(?:ly)?|third[-\s]part(?:y|ies)|independent(?:ly)?|outside\s+experts?)\b", re.I),
    "board": re.compile(r"\b(?:board|trust|LTBT|governing\s+bod(?:y|ies)|trustees?)\b", re.I),
    "audit": re.compile(r"\b(?:audit(?:s|ed|ing|ors?)?|certif(?:y|ied|ication)|SOC\s*2|ISO\s*\d*)\b", re.I),
    "government": re.compile(r"\b(?:government(?:s|al)?|regulators?|authorit(?:y|ies)|law\s+enforcement)\b", re.I),
    "notification": re.compile(r"\b(?:notif(?:y|ies|ied|ication)|report(?:s|ed|ing)?\s+to|inform)\b", re.I),
    "sign-off": re.compile(r"\b(?:approv(?:e|es|ed|al)|sign[-\s]?off)\b", re.I),
}
ESCAPES = re.compile(
    r"\b(?:where\s+(?:possible|feasible|appropriate|practicable|relevant)|when\s+(?:appropriate|necessary|"
    r"possible|needed)|as\s+(?:appropriate|needed|necessary|feasible|possible)|if\s+(?:appropriate|necessary|"
    r"feasible|possible|warranted)|to\s+the\s+extent\s+(?:possible|feasible|practicable)|reasonabl[ey]|"
    r"at\s+(?:our|its)\s+(?:sole\s+)?discretion|in\s+our\s+judge?ment|(?:could|might|may)\s+include|"
    r"examples?\s+(?:include|techniques)|unless|enough\s+to|(?:where|when|if)\s+we\s+(?:determine|deem|judge))\b",
    re.I,
)
_QUANTITY = re.compile(
    r"\$\s?\d[\d,.]*|\b\d+(?:[.,]\d+)?(?:\s*-\s*\d+(?:[.,]\d+)?)?\s*(?:%|percent|x\b|times\b|days?\b|weeks?\b|"
    r"months?\b|years?\b|hours?\b|minutes?\b|employees\b|experts\b|per\s+cent)|\b(?:each|every)\s+(?:quarter|year|"
    r"month|week|day|\d+\s+\w+)|\b(?:annually|quarterly|monthly|weekly|daily)\b|\b(?:19|20)\d\d\b",
    re.I,
)


def _trigger_kind(trigger: str | None) -> str | None:
    if not trigger:
        return None
    t = trigger.strip()
    if _ESCAPE_IN_TRIGGER.match(t):
        return "escape"
    if _DEADLINE.match(t):
        return "deadline"
    return "condition"


def _trigger_reasons(old: str | None, new: str | None) -> list[Reason]:
    ko, kn = _trigger_kind(old), _trigger_kind(new)
    if ko == kn and (ko is None or normalize_quote(old or "") == normalize_quote(new or "")):
        return []
    out: list[Reason] = []
    if ko == "deadline" and kn != "deadline":
        out.append(Reason(kind="trigger", direction="weaker", old=old, new=new, text=f"deadline removed ('{old}')"))
    elif kn == "deadline" and ko != "deadline":
        out.append(Reason(kind="trigger", direction="stronger", old=old, new=new, text=f"deadline added ('{new}')"))
    elif ko == "escape" and kn != "escape":
        out.append(Reason(kind="trigger", direction="stronger", old=old, new=new, text=f"exception removed ('{old}')"))
    elif kn == "escape" and ko != "escape":
        out.append(Reason(kind="trigger", direction="weaker", old=old, new=new, text=f"exception added ('{new}')"))
    elif ko == "condition" and kn is None:
        out.append(Reason(kind="trigger", direction="stronger", weight=0.5, old=old, new=None,
                          text=f"condition removed, now unconditional ('{old}')"))
    elif ko is None and kn == "condition":
        out.append(Reason(kind="trigger", direction="weaker", weight=0.5, old=None, new=new,
                          text=f"condition added ('{new}')"))
    elif old and new:
        vo, vn = bool(_VAGUE_TRIGGER.search(old)), bool(_VAGUE_TRIGGER.search(new))
        if vn and not vo:
            out.append(Reason(kind="trigger", direction="weaker", old=old, new=new,
                              text=f"trigger loosened ('{old}' -> '{new}')"))
        elif vo and not vn:
            out.append(Reason(kind="trigger", direction="stronger", old=old, new=new,
                              text=f"trigger tightened ('{old}' -> '{new}')"))
    return out


def _families(text: str) -> set[str]:
    return {name for name, rx in VERIFIERS.items() if rx.search(text)}


def _escapes(text: str) -> Counter[str]:
    return Counter(" ".join(m.group(0).lower().split()) for m in ESCAPES.finditer(text))


def _quantities(text: str) -> set[str]:
    return {" ".join(m.group(0).lower().split()) for m in _QUANTITY.finditer(text)}


class Clause(Protocol):
    """What the labels are read from; a `Commitment` is one."""

    quote: str
    modality: Modality
    specificity: Specificity
    trigger: str | None


def compare(old: Clause, new: Clause) -> tuple[ChangeLabel, list[Reason]]:
    """The label of an aligned pair and the observed changes behind it.

    Each change counts with its weight in its direction; the sign of the sum is the label, and a
    sum of zero (no change, or changes that balance) is `reworded`.
    """
    if normalize_quote(old.quote) == normalize_quote(new.quote):
        return "unchanged", []
    reasons: list[Reason] = []
    mo, mn = MODALITY_RANK[old.modality], MODALITY_RANK[new.modality]
    if mo != mn:
        reasons.append(Reason(kind="modality", direction="weaker" if mn < mo else "stronger", weight=abs(mn - mo),
                              old=old.modality, new=new.modality, text=f"modality {old.modality} -> {new.modality}"))
    so, sn = SPECIFICITY_RANK[old.specificity], SPECIFICITY_RANK[new.specificity]
    if so != sn:
        reasons.append(Reason(kind="specificity", direction="weaker" if sn < so else "stronger", weight=abs(sn - so),
                              old=old.specificity, new=new.specificity,
                              text=f"specificity {old.specificity} -> {new.specificity}"))
    reasons.extend(_trigger_reasons(old.trigger, new.trigger))
    fo, fn = _families(old.quote), _families(new.quote)
    for fam in sorted(fo - fn):
        reasons.append(Reason(kind="verifier", direction="weaker", weight=0.5, old=fam, text=f"verifier removed: {fam}"))
    for fam in sorted(fn - fo):
        reasons.append(Reason(kind="verifier", direction="stronger", weight=0.5, new=fam, text=f"verifier added: {fam}"))
    eo, en = _escapes(old.quote), _escapes(new.quote)
    for esc in sorted(en - eo):
        reasons.append(Reason(kind="escape", direction="weaker", weight=0.5, new=esc, text=f"escape clause added: '{esc}'"))
    for esc in sorted(eo - en):
        reasons.append(Reason(kind="escape", direction="stronger", weight=0.5, old=esc,
                              text=f"escape clause removed: '{esc}'"))
    if so == sn:  # a moved number shows in specificity already; only report a silent change
        qo, qn = _quantities(old.quote), _quantities(new.quote)
        lost, gained = ", ".join(sorted(qo - qn)), ", ".join(sorted(qn - qo))
        if lost:
            reasons.append(Reason(kind="quantity", direction="weaker" if not qn else "neutral", weight=0.5 if not qn else 0,
                                  old=lost, new=gained or None, text=f"number changed: {lost} -> {gained or 'none'}"))
        elif gained:
            reasons.append(Reason(kind="quantity", direction="stronger", weight=0.5, new=gained,
                                  text=f"number added: {gained}"))
    score = sum(r.weight * (1 if r.direction == "stronger" else -1 if r.direction == "weaker" else 0) for r in reasons)
    if score < 0:
        return "weakened", reasons
    if score > 0:
        return "strengthened", reasons
    if not reasons:
        reasons.append(Reason(kind="wording", direction="neutral", weight=0, text="same force, other words"))
    elif any(r.direction != "neutral" for r in reasons):
        reasons.append(Reason(kind="wording", direction="neutral", weight=0, text="changes in both directions balance"))
    return "reworded", reasons


# ---------------------------------------------------------------------------------------------
# The diff


def _side(c: Commitment) -> Side:
    return Side(actor=c.actor, modality=c.modality, specificity=c.specificity, trigger=c.trigger,
                verifiable=c.verifiable)


def _sort_key(p: DiffPair) -> tuple[int, int, int]:
    span = p.old_span or p.new_span
    weight = -sum(1 for r in p.reasons if r.direction == "weaker")
    return LABELS.index(p.label), weight, span.start if span else 0


def diff_outputs(old: ExtractionOutput, new: ExtractionOutput, *, threshold: float = THRESHOLD,
                 embed: EmbedFn | None = _default_embed, embed_weight: float = EMBED_WEIGHT,
                 old_text: str | None = None, new_text: str | None = None) -> DiffOutput:
    """Align the commitments of two extraction outputs and label every pair.

    `old_text`/`new_text` are the documents' texts; given both, paragraphs count in the alignment.
    """
    blended, emb, text = similarity(old.commitments, new.commitments, embed, embed_weight, old_text, new_text)
    matched = assign(blended, threshold)
    pairs: list[DiffPair] = []
    for i, j in matched:
        a, b = old.commitments[i], new.commitments[j]
        label, reasons = compare(a, b)
        pairs.append(DiffPair(
            label=label, old_id=a.id, new_id=b.id, old_quote=a.quote, new_quote=b.quote,
            old_span=a.span, new_span=b.span, old=_side(a), new=_side(b), reasons=reasons,
            why="; ".join(r.text for r in reasons) if reasons else "identical wording",
            similarity=round(float(blended[i, j]), 4),
            embedding_similarity=None if emb is None else round(float(emb[i, j]), 4),
            text_similarity=round(float(text[i, j]), 4),
        ))
    paired_old = {i for i, _ in matched}
    paired_new = {j for _, j in matched}
    for i, a in enumerate(old.commitments):
        if i not in paired_old:
            best = float(blended[i].max()) if blended.shape[1] else None
            pairs.append(DiffPair(
                label="removed", old_id=a.id, new_id=None, old_quote=a.quote, new_quote=None, old_span=a.span,
                new_span=None, old=_side(a),
                reasons=[Reason(kind="removed", direction="weaker", old=a.quote, text="no counterpart in the new version")],
                why="no counterpart in the new version" + (f" (closest similarity {best:.2f})" if best is not None else ""),
                similarity=None if best is None else round(best, 4)))
    for j, b in enumerate(new.commitments):
        if j not in paired_new:
            best = float(blended[:, j].max()) if blended.shape[0] else None
            pairs.append(DiffPair(
                label="added", old_id=None, new_id=b.id, old_quote=None, new_quote=b.quote, old_span=None,
                new_span=b.span, new=_side(b),
                reasons=[Reason(kind="added", direction="stronger", new=b.quote, text="new in this version")],
                why="new in this version" + (f" (closest similarity {best:.2f})" if best is not None else ""),
                similarity=None if best is None else round(best, 4)))
    pairs.sort(key=_sort_key)
    summary = {label: 0 for label in LABELS}
    for p in pairs:
        summary[p.label] += 1
    return DiffOutput(
        schema_version=SCHEMA_VERSION, old_doc_id=old.document.id, new_doc_id=new.document.id,
        old_document=old.document, new_document=new.document,
        run=DiffRunInfo(tool_version=__version__, time=datetime.now(timezone.utc), old_backend=old.run.backend,
                        new_backend=new.run.backend,
                        embedding=None if embed is None else ("extractor-minilm-int8" if embed is _default_embed else "custom"),
                        context=embed is not None and old_text is not None and new_text is not None,
                        threshold=threshold, embed_weight=embed_weight if embed is not None else 0.0),
        summary=summary, pairs=pairs,
    )


def load_side(path: Path, extract: Callable[[Path], ExtractionOutput]) -> ExtractionOutput:
    """An extraction output read back, or a document run through `extract`."""
    if path.suffix.lower() == ".json":
        from .output import read_output

        return read_output(path)
    if not path.exists():
        raise InputError(path, "no such file")
    return extract(path)


# ---------------------------------------------------------------------------------------------
# The text report


def render_text(diff: DiffOutput, width: int = 100, show_unchanged: bool = False) -> str:
    """A report a rater can read top to bottom: what got weaker or disappeared comes first."""
    s = diff.summary
    lines = [
        f"diff {diff.old_doc_id} -> {diff.new_doc_id}: "
        f"{s.get('weakened', 0)} weakened, {s.get('removed', 0)} removed, {s.get('strengthened', 0)} strengthened, "
        f"{s.get('added', 0)} added, {s.get('reworded', 0)} reworded, {s.get('unchanged', 0)} unchanged",
        "",
    ]

    def clip(text: str | None) -> str:
        t = normalize_ws(text or "")
        return t if len(t) <= width else t[: width - 3] + "..."

    current = None
    for p in diff.pairs:
        if p.label == "unchanged" and not show_unchanged:
            continue
        if p.label != current:
            current = p.label
            lines.append(f"== {p.label.upper()} ({s.get(p.label, 0)})")
        page_old = f"p{p.old_span.page}" if p.old_span else ""
        page_new = f"p{p.new_span.page}" if p.new_span else ""
        if p.old_quote is not None:
            lines.append(f"  - OLD {page_old:>4} [{p.old.modality if p.old else ''}/{p.old.specificity if p.old else ''}] "
                         f"{clip(p.old_quote)}")
        if p.new_quote is not None:
            lines.append(f"    NEW {page_new:>4} [{p.new.modality if p.new else ''}/{p.new.specificity if p.new else ''}] "
                         f"{clip(p.new_quote)}" if p.old_quote is not None else
                         f"  + NEW {page_new:>4} [{p.new.modality if p.new else ''}/{p.new.specificity if p.new else ''}] "
                         f"{clip(p.new_quote)}")
        lines.append(f"    why: {p.why}")
    if not show_unchanged and s.get("unchanged"):
        lines.append(f"== UNCHANGED ({s['unchanged']}) not shown (--all shows them)")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# Scoring against a gold alignment


class GoldPair(BaseModel):
    old_quote: str | None
    new_quote: str | None
    label: ChangeLabel
    why: str | None = None


class GoldDiff(BaseModel):
    old: str
    new: str
    pairs: list[GoldPair]


class PairOutcome(BaseModel):
    """How one gold pair with an old quote fared."""

    gold: GoldPair
    old_extracted: bool
    predicted_old_quote: str | None = None
    predicted_new_quote: str | None = None
    predicted_label: ChangeLabel | None = None
    new_extracted: bool | None = Field(default=None, description="gold new quote extracted at all (None if none)")
    aligned: bool
    label_ok: bool


class DiffScore(BaseModel):
    """Alignment and change-label accuracy over the gold pairs that have an old quote."""

    pairs: int
    old_extracted: int
    alignment_accuracy: float
    label_accuracy: float
    alignment_accuracy_extracted: float = Field(description="over pairs whose old quote was extracted")
    label_accuracy_extracted: float
    added_found: int = Field(description="gold added commitments predicted as added")
    added_total: int
    confusion: dict[str, dict[str, int]] = Field(description="gold label -> predicted label -> count")
    outcomes: list[PairOutcome]


def read_gold_diff(path: Path) -> GoldDiff:
    try:
        return GoldDiff.model_validate_json(path.read_bytes())
    except FileNotFoundError:
        raise GoldError(f"{path}: no such gold file") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        raise GoldError(f"{path}: not a gold diff ({'.'.join(map(str, first['loc']))}: {first['msg']})") from None


def _locator(text: str) -> Callable[[str], tuple[int, int] | None]:
    from .align import Aligner
    from .models import Document

    aligner = Aligner(Document(id="gold", path="", sha256="", title="", text=text))

    def locate(quote: str) -> tuple[int, int] | None:
        loc = aligner.locate(quote)
        return None if loc is None else (loc[0], loc[1])

    return locate


def spans_match(gold: tuple[int, int], pred: tuple[int, int]) -> float:
    """Overlap if it is at least half the gold span and a third of the predicted one (ANNOTATION.md), else 0."""
    overlap = min(gold[1], pred[1]) - max(gold[0], pred[0])
    if overlap <= 0 or overlap < 0.5 * (gold[1] - gold[0]) or overlap < (pred[1] - pred[0]) / 3:
        return 0.0
    return float(overlap)


def score_diff(diff: DiffOutput, gold: GoldDiff, old_text: str, new_text: str) -> DiffScore:
    """Per gold pair: is the predicted counterpart of the old commitment the gold one, and the label right?

    The predicted old commitment is the one whose span matches the gold old quote's (one to one,
    best overlap first); a gold old quote no prediction matches is a miss.
    """
    locate_old, locate_new = _locator(old_text), _locator(new_text)
    olds = [p for p in diff.pairs if p.old_span is not None]
    news = [p for p in diff.pairs if p.new_span is not None]
    gold_old = [(k, g) for k, g in enumerate(gold.pairs) if g.old_quote]
    candidates: list[tuple[float, int, int]] = []
    for k, g in gold_old:
        loc = locate_old(g.old_quote or "")
        if loc is None:
            raise GoldError(f"gold old quote not found in {diff.old_doc_id}: {g.old_quote!r:.80}")
        for m, p in enumerate(olds):
            assert p.old_span is not None
            ov = spans_match(loc, (p.old_span.start, p.old_span.end))
            if ov > 0:
                candidates.append((ov, k, m))
    match: dict[int, int] = {}
    used: set[int] = set()
    for _ov, k, m in sorted(candidates, key=lambda t: -t[0]):
        if k not in match and m not in used:
            match[k] = m
            used.add(m)

    def new_hit(quote: str, span: Span | None) -> bool:
        loc = locate_new(quote)
        if loc is None:
            raise GoldError(f"gold new quote not found in {diff.new_doc_id}: {quote!r:.80}")
        return span is not None and spans_match(loc, (span.start, span.end)) > 0

    outcomes: list[PairOutcome] = []
    confusion: dict[str, dict[str, int]] = {}
    for k, g in gold_old:
        new_extracted = None if not g.new_quote else any(new_hit(g.new_quote, p.new_span) for p in news)
        if k not in match:
            outcomes.append(PairOutcome(gold=g, old_extracted=False, new_extracted=new_extracted,
                                        aligned=False, label_ok=False))
            confusion.setdefault(g.label, {}).setdefault("(not extracted)", 0)
            confusion[g.label]["(not extracted)"] += 1
            continue
        p = olds[match[k]]
        if g.new_quote is None:
            aligned = p.new_span is None
        else:
            aligned = new_hit(g.new_quote, p.new_span)
        label_ok = aligned and p.label == g.label
        outcomes.append(PairOutcome(gold=g, old_extracted=True, predicted_old_quote=p.old_quote,
                                    predicted_new_quote=p.new_quote, predicted_label=p.label,
                                    new_extracted=new_extracted, aligned=aligned, label_ok=label_ok))
        confusion.setdefault(g.label, {}).setdefault(p.label, 0)
        confusion[g.label][p.label] += 1
    n = len(outcomes)
    ext = [o for o in outcomes if o.old_extracted]
    added_found = 0
    gold_added = [g for g in gold.pairs if not g.old_quote and g.new_quote]
    added_pred = [p for p in diff.pairs if p.label == "added"]
    for g in gold_added:
        if any(new_hit(g.new_quote or "", p.new_span) for p in added_pred):
            added_found += 1

    def rate(xs: list[PairOutcome], attr: str) -> float:
        return round(sum(getattr(o, attr) for o in xs) / len(xs), 4) if xs else 0.0

    return DiffScore(
        pairs=n, old_extracted=len(ext),
        alignment_accuracy=rate(outcomes, "aligned"), label_accuracy=rate(outcomes, "label_ok"),
        alignment_accuracy_extracted=rate(ext, "aligned"), label_accuracy_extracted=rate(ext, "label_ok"),
        added_found=added_found, added_total=len(gold_added), confusion=confusion, outcomes=outcomes,
    )


def render_score(score: DiffScore) -> str:
    lines = [
        f"gold pairs with an old quote: {score.pairs} (old commitment extracted: {score.old_extracted})",
        f"alignment accuracy: {score.alignment_accuracy:.3f}   (extracted only: {score.alignment_accuracy_extracted:.3f})",
        f"label accuracy:     {score.label_accuracy:.3f}   (extracted only: {score.label_accuracy_extracted:.3f})",
        f"gold added found as added: {score.added_found}/{score.added_total}",
        "confusion (gold -> predicted):",
    ]
    for gl in LABELS:
        row = score.confusion.get(gl)
        if row:
            lines.append(f"  {gl:>12}: " + ", ".join(f"{k} {v}" for k, v in sorted(row.items(), key=lambda t: -t[1])))
    return "\n".join(lines) + "\n"
