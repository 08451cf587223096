"""Stage 2, chunk: spans index the document text, pages are right, ids are stable."""

from __future__ import annotations

from pathlib import Path

import pytest
from docmaker import CORPUS, POLICY_PAGES, pdf

from extractor.chunk import chunk_document
from extractor.errors import ConfigError
from extractor.load import load


@pytest.fixture(scope="module", params=sorted(p.name for p in CORPUS.glob("*.txt")))
def doc(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    return load(CORPUS / request.param)


def test_spans_index_the_text_and_cover_it(doc) -> None:  # type: ignore[no-untyped-def]
    chunks = chunk_document(doc, 1000, 100)
    assert len(chunks) > 3
    for c in chunks:
        assert doc.text[c.start:c.end] == c.text
        assert 0 < len(c.text) <= 1000
        assert c.doc_id == doc.id and c.id.startswith(f"{doc.id}:")
    starts = [c.start for c in chunks]
    assert starts == sorted(starts)
    # nothing but whitespace falls between consecutive chunks
    for a, b in zip(chunks, chunks[1:], strict=False):
        assert not doc.text[a.end:b.start].strip()
    assert not doc.text[: chunks[0].start].strip() and not doc.text[chunks[-1].end:].strip()


def test_pages_are_the_pages_the_chunk_spans(doc) -> None:  # type: ignore[no-untyped-def]
    for c in chunk_document(doc, 1500, 150):
        expected = sorted({doc.page_at(i) for i in range(c.start, c.end)})
        assert c.pages == list(range(expected[0], expected[-1] + 1))


def test_ids_are_stable_and_unique(doc) -> None:  # type: ignore[no-untyped-def]
    a = chunk_document(doc)
    b = chunk_document(load(Path(doc.path)))
    assert [c.id for c in a] == [c.id for c in b]
    assert len({c.id for c in a}) == len(a)


def test_an_edited_document_gets_new_chunk_ids(tmp_path: Path) -> None:
    text = (CORPUS / "gdm_fsf_v1.0.txt").read_text("utf-8")
    (tmp_path / "v1.txt").write_text(text)
    (tmp_path / "v2.txt").write_text(text.replace("Frontier Safety Framework", "Frontier Safety Framework!", 1))
    # chunk ids hash the document's sha256 too: a changed file re-embeds, as its chunks' offsets may move
    a = {c.id for c in chunk_document(load(tmp_path / "v1.txt"))}
    b = {c.id for c in chunk_document(load(tmp_path / "v2.txt"))}
    assert a.isdisjoint(b)


def test_pdf_chunks_carry_pdf_pages(tmp_path: Path) -> None:
    doc = load(pdf(tmp_path / "p.pdf", POLICY_PAGES * 3))
    chunks = chunk_document(doc, 200, 20)
    pages = set()
    for c in chunks:
        assert doc.text[c.start:c.end] == c.text
        pages.update(c.pages)
        for line in ("external auditor", "incident reports"):
            if line in c.text:
                assert doc.page_at(c.start + c.text.index(line)) in c.pages
    assert pages == set(range(1, 10))


def test_headings_are_attached(tmp_path: Path) -> None:
    (tmp_path / "h.md").write_text("# One\n\n" + "We will act. " * 40 + "\n\n## Two\n\n" + "We must test. " * 40)
    chunks = chunk_document(load(tmp_path / "h.md"), 300, 0)
    assert chunks[0].heading == "One" and chunks[-1].heading == "Two"


@pytest.mark.parametrize(("size", "overlap"), [(10, 0), (100, 100), (100, -1)])
def test_invalid_settings_are_a_config_error(doc, size: int, overlap: int) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ConfigError):
        chunk_document(doc, size, overlap)
