"""Reading ahead: documents come back in order, a failure surfaces in its document's turn, and the run's outputs do
not depend on it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.errors import InputError
from extractor.models import Chunk, Document
from extractor.prefetch import ReadAhead


def _prepare(path: Path) -> tuple[Document, list[Chunk]]:
    if path.name.startswith("bad"):
        raise InputError(path, "empty file")
    doc = Document(id=path.stem, path=str(path), sha256="0", title=path.stem, text=f"We will drill {path.stem}.")
    return doc, [Chunk(id=f"{path.stem}:0", doc_id=path.stem, start=0, end=len(doc.text), pages=[1], text=doc.text)]


def test_documents_come_back_in_order_and_a_failure_in_its_turn() -> None:
    paths = [Path("a.txt"), Path("bad.txt"), Path("c.txt")]
    ahead = ReadAhead(paths, _prepare, embed=False)
    try:
        assert ahead.take(paths[0])[0].id == "a"
        with pytest.raises(InputError, match="empty file"):
            ahead.take(paths[1])
        assert ahead.take(paths[2])[0].id == "c"
    finally:
        ahead.close()


def test_a_document_asked_out_of_order_is_prepared_where_it_is_asked() -> None:
    paths = [Path("a.txt"), Path("b.txt")]
    ahead = ReadAhead(paths, _prepare, embed=False)
    try:
        assert ahead.take(paths[1])[0].id == "b"
        assert ahead.take(paths[0])[0].id == "a"
    finally:
        ahead.close()


def test_a_run_reads_ahead_and_writes_what_it_writes_without(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import extractor.prefetch as prefetch
    from extractor.config import Settings
    from extractor.pipeline import Pipeline

    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in (("one", "We will drill every site monthly. We will publish each drill report within 30 days."),
                       ("two", "Acme will test each pump before release. Acme will not ship a failed pump."),
                       ("three", "")):
        (docs / f"{name}.txt").write_text(text, "utf-8")

    def run(out: Path) -> dict[str, object]:
        settings = Settings(use_index=False, index_dir=tmp_path / "idx")
        summary = Pipeline(settings).run([docs], out)
        assert [f.reason for f in summary.failures] == ["empty file"]
        return {p.name: json.loads(p.read_text())["commitments"] for p in sorted(out.glob("*.json"))}

    ahead = run(tmp_path / "ahead")
    monkeypatch.setattr(prefetch, "MAX_AHEAD_CHUNKS", 0)  # nothing embedded ahead
    assert run(tmp_path / "plain") == ahead
    assert sorted(ahead) == ["one.json", "two.json"]
