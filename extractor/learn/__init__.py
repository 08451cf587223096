"""The learned decision layer: the rules propose candidates with their cues, small linear heads trained
on the gold set decide which are commitments (and, where it measurably helps, their fields).

- `propose`: candidates and cues (rules-specific); `features`: the feature matrix (cues, MiniLM
  vectors of the text and its heading); `heads`: what is decided and how gold labels it (register new
  heads there); `model`: the linear model and its versioned weights file; `train`: data, training and
  leave-one-publisher-out measurement; `decide`: applying the shipped heads in a run.

Nothing is downloaded: the weights ship in the package and `extract train` rewrites them. Two sets:
`resources/models`, trained on every gold file, decides in runs; `resources/models-dev`, trained on the
development files only, is what `extract eval` scores, so the held-out files stay held out. Inference
needs numpy only; training needs scikit-learn.
"""

from .heads import Head, get_head, heads, register_head, unregister_head

__all__ = ["Head", "get_head", "heads", "register_head", "unregister_head"]
