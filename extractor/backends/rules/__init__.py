"""The rules: a deterministic, offline extractor, sentence by sentence.

It reads the document as a person skimming for promises would: split into blocks and sentences
(list items under a lead-in inherit the lead-in's actor, modality and trigger), find a modal cue
whose subject is the author (or a body of it, or the author's own process in the passive), then
read the trigger, the committed action, how specific it is and whether an outsider could check it.
Every rule is about the language of commitments in general, not about any one document.

Modules, one per concern (each imports only those above it):
- `patterns`: the lexicon several stages share (author and body words, triggers, labels, past tense, ...).
- `segment`: `Unit` and `segment` (blocks, sentences, table cells), clause splitting and trimming.
- `fields`: `Cue` (what every recogniser returns), trigger, safeguard, the actions of one modal, specificity,
  verifiable, actor.
- `criteria`: rules the author states of its own models without a modal verb: decision criteria
  (`decision_criterion`) and class rules (`class_rule`).
- `process`: the author's own process without a modal verb: present-tense statements of the author, its bodies,
  teams and procedures (`role_statement`), passive process statements (`process_passive`), what a procedure does
  (`process_statement`); who is the author's (`body_acronyms`, `own_agent`).
- `cues`: `find_cue` (modal cues, and what only looks like one; it falls back on `criteria` and `process`),
  imperatives (`imperative`), items under a subject-only lead-in (`subject_lead`, `item_cue`), `HEDGE`.
- `lists`: lead-ins (`LeadIn`), bullets and sub-lists, inline enumerations, gerund lists, requirement
  headings, label items, table-row conditions.
- `context`: sections, sections addressed to a reader, stage openers, current-practice spans, and the
  neighbourhood that accepts a present-tense process statement.
- `scan`: `extract_text`, the scan over the units with its state (`ScanState`) and its recognisers.

The scan order: each unit is offered to `scan.UNIT_RECOGNISERS` in order until one produces commitments:
inline enumeration ("we will (1) X, (2) Y"), clauses (each clause offered to `scan.CLAUSE_RECOGNISERS`: gerund
list, modal cue, class rule, process statement), table cell ("Further review required."), imperative ("Publish X"),
bare list item under a lead-in. Then the unit may open a list for the units after it; at the end, process statements
are accepted only among other commitments and statements describing current practice are set aside.

The offline backend (`backends/offline.py`) runs `extract_text`; `extractor/learn/propose.py` reuses the
recognisers and fields to describe every candidate for the learned heads.
"""

from __future__ import annotations

from .context import addressed_sections, current_practice_spans, glossary_spans, in_glossary, section_numbers
from .criteria import class_rule
from .cues import HEDGE, find_cue, imperative
from .fields import (
    Cue,
    actor_for,
    clean_trigger,
    cue_actions,
    find_safeguard,
    find_trigger,
    safeguard_of,
    specificity,
    verifiable,
)
from .lists import descriptive_column
from .patterns import BINDING_WORD, BODY, NOT_COMMITMENT, PAST, ROLE_NOUN, org_pattern
from .process import (
    body_acronyms,
    body_names,
    procedure_acronyms,
    procedure_step,
    process_passive,
    process_statement,
    resolve_short_bodies,
    resolve_the_team,
)
from .scan import extract_text, has_commitment_cue, present_agent_actor
from .segment import Unit, clip_at_breaks, segment, segment_with_headings, trim_clause

__all__ = [
    "BINDING_WORD",
    "BODY",
    "HEDGE",
    "NOT_COMMITMENT",
    "PAST",
    "ROLE_NOUN",
    "Cue",
    "Unit",
    "actor_for",
    "addressed_sections",
    "body_acronyms",
    "body_names",
    "class_rule",
    "clean_trigger",
    "clip_at_breaks",
    "cue_actions",
    "current_practice_spans",
    "extract_text",
    "resolve_short_bodies",
    "resolve_the_team",
    "find_cue",
    "find_safeguard",
    "find_trigger",
    "glossary_spans",
    "has_commitment_cue",
    "imperative",
    "in_glossary",
    "present_agent_actor",
    "procedure_acronyms",
    "procedure_step",
    "process_passive",
    "process_statement",
    "safeguard_of",
    "section_numbers",
    "segment",
    "segment_with_headings",
    "specificity",
    "trim_clause",
    "verifiable",
    "org_pattern",
    "descriptive_column",
]
