"""A disk cache of LLM extraction results, so an unchanged re-run makes no calls.

One JSON file per entry, named by the SHA-256 of its key; entries are written atomically, so a
crash or two concurrent runs never leave half a file, and a file that cannot be read is a miss.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import Any

from ..output import write_atomic

CACHE_FORMAT = 2  # 2: keys name the endpoint, and failed chunks are never stored (1 could hold [] for them)
log = logging.getLogger(__name__)


def cache_key(**parts: Any) -> str:
    """A stable digest of everything that decides the answer (model, prompt version, mode, chunk)."""
    blob = json.dumps({"format": CACHE_FORMAT, **parts}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class ResponseCache:
    """Key -> JSON value, under `folder/llm/ab/abcdef....json`."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder) / "llm"
        self._warned = False

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> Any | None:
        try:
            data = json.loads(self._path(key).read_text("utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            return None
        if not isinstance(data, dict) or data.get("key") != key:
            return None
        return data.get("value")

    def has(self, key: str) -> bool:
        return self.get(key) is not None

    def put(self, key: str, value: Any) -> bool:
        """Store an entry; False (and one warning per cache) when it cannot be written (disk full,
        permissions): the cache only saves calls, so its failure must not cost the answer."""
        try:
            write_atomic(self._path(key), json.dumps({"key": key, "value": value}, ensure_ascii=False))
        except OSError as exc:
            if not self._warned:
                self._warned = True
                log.warning("LLM cache %s cannot be written (%s); answers are used but not cached",
                            self.folder, exc.strerror or exc)
            return False
        return True
