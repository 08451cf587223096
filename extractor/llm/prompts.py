"""Prompt sets (versioned folders under prompts/) and fencing document text as data.

The defaults are the extraction prompt's: the backend builds its user message around them (bump
USER_FORMAT when `LLMBackend.messages()` changes what the model is shown: it is part of the version).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..config import default_prompts_dir
from ..errors import ConfigError

DEFAULT_PROMPT = "extract_v3"
USER_FORMAT = 2  # bump when LLMBackend.messages() changes what the model is shown: it is part of the prompt version


@dataclass(frozen=True)
class Prompts:
    """The prompt files of one version, assembled into the system message."""

    version: str
    system: str

    @classmethod
    def load(cls, name: str = DEFAULT_PROMPT, root: Path | None = None, user_format: int = USER_FORMAT) -> Prompts:
        """system.md and VERSION, plus fields.md and examples.json when the folder has them (the
        judges' prompts do not); `user_format` is the version of the caller's user message. `root`
        is the folder of prompt sets (Settings.effective_prompts_dir); None: the default one."""
        root = default_prompts_dir() if root is None else root
        folder = root / name
        if not folder.is_dir():
            raise ConfigError(f"prompt set '{name}' not found: no folder {folder} (the prompt files are looked for "
                              f"in {root}; EXTRACTOR_PROMPTS sets another folder)")
        try:
            system = (folder / "system.md").read_text("utf-8")
            fields = (folder / "fields.md").read_text("utf-8") if (folder / "fields.md").exists() else None
            examples_raw = ((folder / "examples.json").read_text("utf-8")
                            if (folder / "examples.json").exists() else None)
            label = (folder / "VERSION").read_text("utf-8").strip() or name
        except OSError as exc:
            raise ConfigError(f"{folder}: cannot read the prompt files ({exc.strerror or exc})") from None
        parts = [system.strip()]
        if fields is not None:
            parts.append("# Field definitions\n\n" + fields.strip())
        examples = json.loads(examples_raw)["examples"] if examples_raw is not None else []
        if examples:
            parts.append("# Worked examples")
        for i, ex in enumerate(examples, 1):
            items = ",\n".join(json.dumps(c, ensure_ascii=False) for c in ex["commitments"])
            answer = f'{{"commitments": [\n{items}\n]}}' if items else '{"commitments": []}'
            where = f"Document title: {ex['title']}\nSection heading: (none)"
            parts.append(f"## Example {i} ({ex['note']})\n\nOrganisation (\"we\", \"our\", \"us\"): {ex['org']}\n\n"
                         f"{fence('DOCUMENT CONTEXT', f'example{i}', where)}\n\n"
                         f"{fence('DOCUMENT CHUNK', f'example{i}', ex['text'])}\n\nAnswer:\n{answer}")
        text = "\n\n".join(parts) + "\n"
        # the version names the files and hashes what the model is shown, so an edit can never reuse old answers
        digest = hashlib.sha256(f"{user_format}\0{text}".encode()).hexdigest()[:8]
        return cls(version=f"{label}+{digest}", system=text)


FENCE_CHARS = re.compile(r"<<<|>>>")
# the control tokens of common chat templates (ChatML, Llama, Gemma, Mistral): in document text they
# could open a turn of their own in a server that renders the prompt as one string
_CONTROL_TOKENS = re.compile(r"<\|[A-Za-z0-9_\-]{1,40}\|>|\[/?INST\]|<</?SYS>>|</?s>|<(?:start|end)_of_turn>", re.I)


def neutralise(text: str) -> str:
    """Document text with fence markers and chat-template control tokens broken up (still readable)."""
    text = FENCE_CHARS.sub(lambda m: m.group(0)[0] * 2 + " " + m.group(0)[0], text)
    return _CONTROL_TOKENS.sub(lambda m: m.group(0)[0] + " " + m.group(0)[1:], text)


def fence(label: str, nonce: str, text: str) -> str:
    """Wrap document text as data; the document cannot close the fence because `<<<`/`>>>` are defused."""
    return f"<<<{label} {nonce}>>>\n{neutralise(text)}\n<<<END {label} {nonce}>>>"
