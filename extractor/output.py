"""Writing results: atomic JSON files, and reading extraction outputs back."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import InputError
from .models import ExtractionOutput


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write to a temporary file in the same folder, fsync, then rename over the target: a reader
    (or a crash) sees either the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if hasattr(os, "fchmod"):  # mkstemp makes 0600; give the file the mode a plain open() would
            os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_json(path: Path, obj: BaseModel | dict[str, Any] | list[Any]) -> None:
    if isinstance(obj, BaseModel):
        text = obj.model_dump_json(indent=2)
    else:
        text = json.dumps(obj, indent=2, ensure_ascii=False, default=str)
    write_atomic(path, text + "\n")


def read_output(path: Path) -> ExtractionOutput:
    try:
        return ExtractionOutput.model_validate_json(path.read_bytes())
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InputError(path, f"not an extraction output ({where}: {first['msg']})") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None


def read_json(path: Path, missing: str = "no such file",
              error: Callable[[Path, str], Exception] = InputError) -> Any:
    """Parse a JSON file; a missing or unreadable one becomes one clear error naming the file."""
    try:
        return json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise error(path, missing) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise error(path, f"cannot read: {exc}") from None


def read_outputs(folder: Path) -> list[tuple[Path, ExtractionOutput]]:
    """Every extraction output in a folder (or the one file given), sorted by name."""
    files = [folder] if folder.is_file() else sorted(folder.glob("*.json"))
    result = []
    for f in files:
        if f.name.startswith(".") or f.name.endswith((".diff.json", ".scorecard.json", ".report.json")):
            continue
        try:
            data = json.loads(f.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(f, f"not valid JSON ({exc.__class__.__name__})") from None
        if isinstance(data, dict) and "commitments" in data and "document" in data:
            result.append((f, read_output(f)))
    return result


def json_schema() -> dict[str, Any]:
    """The published JSON Schema of an extraction output."""
    schema = ExtractionOutput.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "extractor output"
    return schema
