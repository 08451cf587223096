"""Compare two versions of a policy: which commitments stayed, moved, softened, hardened or vanished.

Alignment is one to one and global. Each old/new pair gets a similarity: the cosine of the quotes'
MiniLM embeddings (the model the Chroma index uses; with the documents at hand, also of the quotes'
paragraphs, because a list item or a short clause means what its lead-in says) blended with a text
similarity. `scipy.optimize.linear_sum_assignment` then picks the pairing with the largest total
similarity, and keeps a pair when its similarity is above a threshold, or, below it but above a
floor, when each side is the other's clearly best candidate (its similarity beats every other one in
its row and its column by a margin): a rewrite moves true counterparts down to the similarity of
unrelated text, but a pair that stands out from both sides' alternatives is still a counterpart.
What stays unpaired is removed (old) or added (new). Greedy best-first pairing lets one commitment
take the partner another one needed; the assignment does not.

Each pair is labelled by rules that hold for any policy: binding force (must > should > intend >
may), specificity (quantitative > concrete > vague), deadlines, conditions and exceptions, named
verifiers (publication, external parties, the board, audits) and escape clauses.

Optionally (`judge=`, `extract diff --judge llm`, extractor/diff_judge.py) an LLM reads each old
commitment with its most similar new ones and says which carries the same obligation, or none; its
choices become strong preferences in the same assignment, and its label wins over the rules' for the
pairs it chose (the rules' reasons stay as evidence). This package never imports the LLM client.

Modules: `models` (the JSON contract and the judge hook), `align` (similarity and assignment),
`labels` (the label of a pair), `core` (running a diff), `render` (the text report). Scoring a diff
against a gold alignment is `extractor.evaluate_diff`.
"""

from .align import (
    CLOSE_GAP,
    CONTEXT_CHARS,
    CONTEXT_SHARE,
    EMBED_WEIGHT,
    EMBEDDING_NAME,
    FLOOR,
    MARGIN,
    TEXT_THRESHOLD,
    THRESHOLD,
    assign,
    assign_greedy,
    context_of,
    default_embed,
    normalize_quote,
    similarity,
    standout,
    text_similarity,
    text_similarity_matrix,
)
from .core import Version, diff_outputs, diff_versions, load_version, pipeline_extractor
from .labels import ESCAPES, VERIFIERS, Clause, compare, document_acronyms
from .models import (
    LABELS,
    MODALITY_RANK,
    NEAREST,
    SPECIFICITY_RANK,
    ChangeLabel,
    DiffOutput,
    DiffPair,
    DiffRunInfo,
    EmbedFn,
    JudgeInfo,
    JudgeOutcome,
    JudgeVerdict,
    Nearest,
    PairJudge,
    PairVerdict,
    Reason,
    Side,
    UnpairedCount,
    diff_filename,
    diff_json_schema,
)
from .render import render_text

__all__ = [
    "CLOSE_GAP", "CONTEXT_CHARS", "CONTEXT_SHARE", "EMBED_WEIGHT", "EMBEDDING_NAME", "FLOOR", "MARGIN",
    "TEXT_THRESHOLD", "THRESHOLD", "assign", "assign_greedy", "context_of", "default_embed", "normalize_quote",
    "similarity", "standout", "text_similarity", "text_similarity_matrix", "Version", "diff_outputs",
    "diff_versions", "load_version", "pipeline_extractor", "ESCAPES", "VERIFIERS", "Clause", "compare",
    "document_acronyms", "LABELS", "MODALITY_RANK", "NEAREST", "SPECIFICITY_RANK", "ChangeLabel", "DiffOutput",
    "DiffPair", "DiffRunInfo", "EmbedFn", "JudgeInfo", "JudgeOutcome", "JudgeVerdict", "Nearest", "PairJudge",
    "PairVerdict", "Reason", "Side", "UnpairedCount", "diff_filename", "diff_json_schema", "render_text",
]
