"""Writing results: atomic JSON files, and reading extraction outputs back."""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import InputError
from .load import load
from .models import Document, DocumentInfo, ExtractionOutput

TEMP_SUFFIX = ".extract.tmp"  # our temp files' own ending: the start-up clean-up removes only these
NAME_BYTES = 200  # longest output name we make: the temp name adds ~30 bytes and file systems stop at 255
RESERVED_SUFFIXES = (".diff", ".scorecard", ".report")  # `check` and `report` read *.diff.json etc. as other files


def temp_glob() -> str:
    return f".*{TEMP_SUFFIX}"


def fit_name(name: str, suffix: str = ".json") -> str:
    """`name` (ending in `suffix`) made safe to write: not read back as a diff, scorecard or report,
    and short enough for the file system (a long stem is cut and keeps a hash, so names stay distinct)."""
    stem = name[: -len(suffix)] if suffix and name.endswith(suffix) else name
    if suffix == ".json" and stem.lower().endswith(RESERVED_SUFFIXES):
        cut = stem.rindex(".")
        stem = f"{stem[:cut]}_{stem[cut + 1:]}"
    if len((stem + suffix).encode("utf-8")) > NAME_BYTES:
        digest = hashlib.sha256(stem.encode("utf-8", "surrogateescape")).hexdigest()[:10]
        room = NAME_BYTES - len(suffix.encode()) - len(digest) - 1
        short = stem.encode("utf-8", "surrogateescape")[:room].decode("utf-8", "ignore")
        stem = f"{short}~{digest}"
    return stem + suffix


def write_atomic(path: Path, data: str | bytes, tail: bytes = b"") -> None:
    """Write to a temporary file in the same folder, fsync, then rename over the target: a reader
    (or a crash) sees either the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:80]}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        if hasattr(os, "fchmod"):  # mkstemp makes 0600; give the file the mode a plain open() would
            os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as f:
            if isinstance(data, str):  # encoded a slice at a time: a big output is not held twice
                for i in range(0, len(data), 1 << 20):
                    f.write(data[i : i + (1 << 20)].encode("utf-8", "surrogateescape"))
            else:
                f.write(data)
            f.write(tail)
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
    if isinstance(obj, BaseModel):  # as bytes, and the newline apart: a 200 MB output is not copied twice more
        write_atomic(path, obj.__pydantic_serializer__.to_json(obj, indent=2), tail=b"\n")
        return
    text = json.dumps(obj, indent=2, ensure_ascii=False, default=str)
    write_atomic(path, text, tail=b"\n")


MAX_DEPTH = 200  # no output, diff or gold file nests deeper; parsers recurse, so deeper input is refused first


_STRINGS = re.compile(rb'"(?:[^"\\]|\\.)*"', re.S)
_BRACKETS = re.compile(rb"[\[\]{}]")


def check_depth(path: Path, raw: bytes | str) -> None:
    """Refuse JSON nested deeper than MAX_DEPTH, before a recursive parser meets it (RecursionError)."""
    text = raw.encode("utf-8", "surrogateescape") if isinstance(raw, str) else raw
    if text.count(b"[") + text.count(b"{") <= MAX_DEPTH:
        return
    depth = 0
    for bracket in _BRACKETS.findall(_STRINGS.sub(b"", text)):
        if bracket in b"[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise InputError(path, f"JSON nested too deeply (over {MAX_DEPTH} levels)")
        else:
            depth -= 1


def load_json(path: Path, raw: bytes | str) -> Any:
    """json.loads with the depth guard; a bad file is an InputError naming it."""
    check_depth(path, raw)
    try:
        return json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise InputError(path, f"not valid JSON ({exc.__class__.__name__})") from None


def read_output(path: Path) -> ExtractionOutput:
    try:
        raw = path.read_bytes()
        check_depth(path, raw)
        return ExtractionOutput.model_validate_json(raw)
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InputError(path, f"not an extraction output ({where}: {first['msg']})") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    except RecursionError:
        raise InputError(path, "JSON nested too deeply") from None


def read_json(path: Path, missing: str = "no such file",
              error: Callable[[Path, str], Exception] = InputError) -> Any:
    """Parse a JSON file; a missing or unreadable one becomes one clear error naming the file."""
    try:
        raw = path.read_text("utf-8")
        check_depth(path, raw)
        return json.loads(raw)
    except FileNotFoundError:
        raise error(path, missing) from None
    except InputError as exc:
        raise error(path, exc.reason) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise error(path, f"cannot read: {exc}") from None


def read_outputs(folder: Path) -> list[tuple[Path, ExtractionOutput]]:
    """Every extraction output in a folder (or the one file given), sorted by name.

    Each file is parsed once, straight into the model; only a file that is not a valid output is
    looked at as plain JSON, to tell another kind of JSON file (skipped) from a broken output.
    """
    files = [folder] if folder.is_file() else sorted(folder.glob("*.json"))
    result = []
    for f in files:
        if f.name.startswith(".") or f.name.endswith((".diff.json", ".scorecard.json", ".report.json")):
            continue
        try:
            raw = f.read_bytes()
        except OSError as exc:
            raise InputError(f, f"cannot read: {exc.strerror or exc}") from None
        check_depth(f, raw)
        try:
            result.append((f, ExtractionOutput.model_validate_json(raw)))
            continue
        except (ValidationError, RecursionError):
            pass
        data = load_json(f, raw)
        if isinstance(data, dict) and "commitments" in data and "document" in data:
            read_output(f)  # raises the error naming the file and the field
    return result


def json_schema() -> dict[str, Any]:
    """The published JSON Schema of an extraction output."""
    schema = ExtractionOutput.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "extractor output"
    return schema


# ---------------------------------------------------------------------------------------------
# An output's source document: the one way `check`, `diff` and `report` find it again


@dataclass
class Source:
    """What became of an output's source document: `document` is None when it cannot be had (`problem`
    says why); `stale` when the file changed since the extraction (offsets may not fit)."""

    path: Path | None
    document: Document | None
    stale: bool = False
    problem: str | None = None


def source_candidates(info: DocumentInfo, out_file: Path | None = None, docs_dir: Path | None = None) -> list[Path]:
    """Where the source may be now: by file name in `docs_dir` first (documents moved), then as recorded
    (relative to the working folder), then relative to the output's folder and its parent."""
    recorded = Path(info.path)
    found: list[Path] = []
    if docs_dir is not None:
        found.append(docs_dir / recorded.name)
    found.append(recorded)
    if out_file is not None and not recorded.is_absolute():
        found += [out_file.parent / recorded, out_file.parent.parent / recorded]
    return list(dict.fromkeys(found))


def load_source(info: DocumentInfo, out_file: Path | None = None, docs_dir: Path | None = None) -> Source:
    """The output's source document, loaded, with the output's id and organisation; a file that changed
    since the extraction is returned marked `stale`, one that cannot be read is skipped for the next place."""
    problem = f"the source file {info.path} is no longer there"
    for path in source_candidates(info, out_file, docs_dir):
        if not path.is_file():
            continue
        try:
            doc = load(path)
        except InputError as exc:
            problem = f"the source file cannot be read ({exc.reason})"
            continue
        doc = doc.model_copy(update={"id": info.id, "org": info.org})
        if doc.sha256 != info.sha256:
            return Source(path, doc, stale=True,
                          problem=f"the source file {path} has changed since the extraction (sha256 differs)")
        return Source(path, doc)
    return Source(None, None, problem=problem)
