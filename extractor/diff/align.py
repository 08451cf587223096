"""Similarity of two versions' commitments and their one-to-one alignment.

The blended similarity (quote embeddings, paragraph embeddings when the documents are at hand, text
similarity) feeds an optimal assignment that keeps a pair above a threshold, or, between a floor and
the threshold, when it is clearly both sides' best candidate.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from ..models import Commitment, Span
from ..textutil import normalize_ws, tokens
from .models import EmbedFn

# Set on the one annotated version pair (anthropic_rsp v1.0 -> v2.0), on a coarse grid, kept round;
# the relative criterion (FLOOR, MARGIN) was chosen on half the gold pairs and checked on the other
# half (bench/diff_quality.py --cv).
THRESHOLD = 0.50  # a pair this similar is kept whatever its alternatives
FLOOR = 0.20  # below it nothing is paired; between FLOOR and THRESHOLD only a clear mutual best
MARGIN = 0.02  # how far a mutual best must beat the second best of its row and of its column
CLOSE_GAP = 0.10  # an unpaired commitment whose best candidate comes this near the threshold has a close one
TEXT_THRESHOLD = 0.15  # text similarity alone (no embedding) runs lower; no relative criterion there
EMBED_WEIGHT = 0.6  # the rest is text similarity
CONTEXT_SHARE = 1 / 3  # of the embedding weight, when the documents are at hand
CONTEXT_CHARS = 300
EMBEDDING_NAME = "extractor-minilm-int8"


_FOOTNOTE = re.compile(r"(?<=[a-z\)])\d{1,2}\b")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
_PAGE_MARK = re.compile(r"\[\[page \d+\]\]")


def normalize_quote(text: str) -> str:
    """Case, quote marks, footnote digits and end punctuation do not make two quotes differ."""
    t = normalize_ws(text).translate(_QUOTES).lower()
    t = _FOOTNOTE.sub("", t)
    return t.strip(" .;:,")


def _features(text: str) -> tuple[set[str], set[str]]:
    """Character trigrams (light edits, inflections) and content tokens (reordering) of a quote."""
    padded = f" {normalize_quote(text)} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}, set(tokens(padded))


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def text_similarity(a: str, b: str) -> float:
    """Mean of character-trigram and content-token Jaccard; 1.0 for quotes equal once normalised."""
    if normalize_quote(a) == normalize_quote(b):
        return 1.0
    (ga, ta), (gb, tb) = _features(a), _features(b)
    return (_jaccard(ga, gb) + _jaccard(ta, tb)) / 2


def _jaccard_matrix(left: list[set[str]], right: list[set[str]]) -> np.ndarray:
    """All pairwise Jaccard indices through one product of 0/1 matrices (difflib per pair is too slow)."""
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
    """`text_similarity` for every old x new pair."""
    fo, fn = [_features(t) for t in old], [_features(t) for t in new]
    sim = (_jaccard_matrix([g for g, _ in fo], [g for g, _ in fn])
           + _jaccard_matrix([t for _, t in fo], [t for _, t in fn])) / 2
    equal: dict[str, list[int]] = {}
    for j, t in enumerate(new):
        equal.setdefault(normalize_quote(t), []).append(j)
    for i, t in enumerate(old):
        for j in equal.get(normalize_quote(t), []):
            sim[i, j] = 1.0
    return sim


def default_embed(texts: list[str]) -> np.ndarray:
    from ..embed import embed_texts

    return embed_texts(texts)


def _cosine(embed: EmbedFn, left: list[str], right: list[str]) -> np.ndarray:
    unique = list(dict.fromkeys(left + right))  # kept quotes appear on both sides: embed them once
    row = {t: k for k, t in enumerate(unique)}
    vectors = np.asarray(embed(unique), dtype=np.float64)[[row[t] for t in left + right]]
    vectors /= np.clip(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12, None)
    return np.clip(vectors[: len(left)] @ vectors[len(left):].T, 0.0, 1.0)


def context_of(text: str, span: Span, reach: int = CONTEXT_CHARS) -> str:
    """The paragraph around a quote, at most `reach` characters either side of it."""
    lo = max(text.rfind("\n\n", 0, span.start), span.start - reach, 0)
    hi = text.find("\n\n", span.end)
    hi = min(hi if hi >= 0 else len(text), span.end + reach)
    return normalize_ws(_PAGE_MARK.sub(" ", text[lo:hi]))


def similarity(old: Sequence[Commitment], new: Sequence[Commitment], embed: EmbedFn | None = default_embed,
               embed_weight: float = EMBED_WEIGHT, old_text: str | None = None,
               new_text: str | None = None) -> tuple[np.ndarray, np.ndarray | None, np.ndarray]:
    """(blended, quote-embedding or None, text) similarity matrices, old x new, in 0..1."""
    text = text_similarity_matrix([c.quote for c in old], [c.quote for c in new])
    if embed is None or not old or not new:
        return text, None, text
    emb = _cosine(embed, [c.quote for c in old], [c.quote for c in new])
    semantic = emb
    if old_text is not None and new_text is not None:
        ctx = _cosine(embed, [context_of(old_text, c.span) for c in old], [context_of(new_text, c.span) for c in new])
        semantic = (1 - CONTEXT_SHARE) * emb + CONTEXT_SHARE * ctx
    blended = embed_weight * semantic + (1 - embed_weight) * text
    # the same words are the same commitment, whatever surrounds them now
    return np.where(text >= 1.0, 1.0, blended), emb, text


def standout(sim: np.ndarray) -> np.ndarray:
    """How far each pair beats the best alternative of either side: sim[i, j] minus the largest
    other similarity in row i and in column j. Positive only for a mutual best."""
    n, m = sim.shape
    if n == 0 or m == 0:
        return np.zeros_like(sim)
    ordered_r = np.sort(sim, axis=1)
    ordered_c = np.sort(sim, axis=0)
    top_r, second_r = ordered_r[:, -1:], ordered_r[:, -2:-1] if m > 1 else np.full((n, 1), -np.inf)
    top_c, second_c = ordered_c[-1:], ordered_c[-2:-1] if n > 1 else np.full((1, m), -np.inf)
    # for the row's best, the alternative is the row's second; for every other cell, the row's best
    other_r = np.where(sim >= top_r, second_r, top_r)
    other_c = np.where(sim >= top_c, second_c, top_c)
    return np.asarray(sim - np.maximum(other_r, other_c))


def assign(sim: np.ndarray, threshold: float, floor: float | None = None,
           margin: float = MARGIN) -> list[tuple[int, int]]:
    """The one-to-one pairing that maximises the summed similarity above `floor`, keeping a pair
    that reaches `threshold`, or `floor` and stands out (`standout` >= `margin`).

    A pair below the floor gains nothing over leaving both sides unpaired, so maximising
    sum(max(sim - floor, 0)) and dropping the pairs below it is the optimum when not pairing is
    allowed. `floor=None` (or >= threshold) is the plain threshold.
    """
    from scipy.optimize import linear_sum_assignment

    if sim.size == 0:
        return []
    floor = threshold if floor is None else min(floor, threshold)
    rows, cols = linear_sum_assignment(np.clip(sim - floor, 0.0, None), maximize=True)
    keep = sim >= threshold
    if floor < threshold:
        keep |= (sim >= floor) & (standout(sim) >= margin)
    return [(int(i), int(j)) for i, j in zip(rows, cols, strict=True) if keep[i, j]]


def assign_greedy(sim: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    """Best pair first: the baseline the optimal assignment improves on (kept for tests and benches)."""
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


