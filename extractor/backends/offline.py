"""The offline backend, registered as `rules`: the rules propose, the learned heads decide.

It lives apart from the `rules` package so that the rule functions import nothing of `extractor/learn`, which
builds its proposals on them: the rules, the learning package and this backend form no import cycle.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..config import Settings
from ..models import Candidate, Chunk, Document
from ..signals import verifiable_signal
from .base import ExtractContext, register
from .rules import extract_text


class RulesBackend:
    """Deterministic extraction; the offline default. With the learned heads installed (and not turned
    off), the rules propose candidates and the heads decide (`extractor/learn`)."""

    name = "rules"
    model: str | None = None
    prompt_version: str | None = None

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings
        self.decider = None
        self.learned: dict[str, str] = {}
        if settings is not None and settings.learned:
            from ..learn.decide import Decider

            self.decider = Decider.load() if settings.models_dir is None else Decider.load(settings.models_dir)
            self.learned = self.decider.versions if self.decider is not None else {}

    @property
    def reads_vectors(self) -> bool:
        """Whether extraction embeds the chunks (the learned heads read their windows): then a run reads ahead."""
        return self.decider is not None

    def extract(self, doc: Document, chunks: Sequence[Chunk], ctx: ExtractContext) -> list[Candidate]:
        if self.decider is not None:
            out = self.decider.extract(doc, chunks, ctx.org)
            for c in out:  # units the rules did not take come without a signal: one procedure for all
                c.verifiable_signal = verifiable_signal(c.quote)
                c.verifiable = c.verifiable_signal is not None
        else:
            out = extract_text(doc.text, ctx.org)
        if ctx.progress:
            ctx.progress(len(chunks))
        return out


@register("rules")
def _factory(settings: Settings) -> RulesBackend:
    return RulesBackend(settings)
