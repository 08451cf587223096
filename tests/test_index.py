"""Stage 3, index: real embedded Chroma in tmp_path with the offline MiniLM embedding function."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from docmaker import POLICY_PAGES, pdf

from extractor.chunk import chunk_document
from extractor.index import Index
from extractor.load import load

OTHER = ("# Cooking notes\n\nBoil the pasta for nine minutes in salted water.\n\n"
         "Add basil and olive oil before serving the tomato sauce.\n")


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("index")
    (root / "cooking.md").write_text(OTHER)
    policy = load(pdf(root / "policy.pdf", POLICY_PAGES))
    return root, policy, load(root / "cooking.md")


@pytest.fixture(scope="module")
def index(docs):  # type: ignore[no-untyped-def]
    root, policy, cooking = docs
    idx = Index(root / "idx")
    first = idx.ingest(chunk_document(policy, 200, 20)) + idx.ingest(chunk_document(cooking, 200, 20))
    return idx, first


def test_ingest_embeds_every_chunk_once(docs, index) -> None:  # type: ignore[no-untyped-def]
    root, policy, cooking = docs
    idx, first = index
    n = len(chunk_document(policy, 200, 20)) + len(chunk_document(cooking, 200, 20))
    assert first == n == idx.count()
    assert idx.ingest(chunk_document(policy, 200, 20)) == 0  # unchanged: nothing embedded
    assert idx.count() == n


def test_query_returns_the_right_chunk_with_doc_page_and_score(docs, index) -> None:  # type: ignore[no-untyped-def]
    root, policy, cooking = docs
    idx, _ = index
    hits = idx.query("yearly external security audit", k=3)
    best = hits[0]
    assert best.doc_id == "policy" and "external auditor" in best.text and best.page == 2
    assert policy.text[best.start:best.end] == best.text
    assert 0.3 < best.score <= 1.0 and best.score >= hits[-1].score
    pasta = idx.query("how long to cook spaghetti", k=1)[0]
    assert pasta.doc_id == "cooking" and "pasta" in pasta.text
    only = idx.query("how long to cook spaghetti", k=3, doc_ids=["policy"])
    assert only and all(h.doc_id == "policy" for h in only)


def test_changed_document_drops_stale_chunks(tmp_path: Path) -> None:
    idx = Index(tmp_path / "idx")
    path = tmp_path / "p.md"
    path.write_text("\n\n".join(POLICY_PAGES))
    old = chunk_document(load(path), 200, 20)
    idx.ingest(old)
    path.write_text(POLICY_PAGES[0] + "\n\nWe will also publish model cards for every release.\n")
    new = chunk_document(load(path), 200, 20)
    assert idx.ingest(new) == len(new)
    got = idx.collection.get(where={"doc_id": "p"}, include=[])
    assert sorted(got["ids"]) == sorted(c.id for c in new)
    assert "model cards" in idx.query("model cards", k=1)[0].text


def test_reopening_the_persisted_index_in_a_new_process(docs, index) -> None:  # type: ignore[no-untyped-def]
    root, _, _ = docs
    code = ("import json, sys; from pathlib import Path; from extractor.index import Index\n"
            "idx = Index(Path(sys.argv[1]))\n"
            "h = idx.query('external security audit', 1)[0]\n"
            "print(json.dumps({'count': idx.count(), 'doc': h.doc_id, 'page': h.page,"
            " 'ef': idx.collection.configuration_json['embedding_function']['name']}))")
    proc = subprocess.run([sys.executable, "-c", code, str(root / "idx")], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    assert got == {"count": index[0].count(), "doc": "policy", "page": 2, "ef": "extractor-minilm-int8"}


def test_bad_chroma_url_is_a_config_error() -> None:
    from extractor.errors import ConfigError

    with pytest.raises(ConfigError, match="cannot reach Chroma server"):
        Index(chroma_url="http://127.0.0.1:9")


def test_vectors_are_kept_in_the_index_and_reused(tmp_path: Path) -> None:
    from extractor.embed import embed_texts

    card = "We will publish model cards for new models."
    texts = [card, "Background text.", card]
    first = Index(tmp_path / "idx").vectors(texts)
    assert first.shape == (3, 384)
    assert np.allclose(first, embed_texts(texts), atol=1e-6)
    # a new process-like instance reads them back; only the unseen text is added
    again = Index(tmp_path / "idx")
    both = again.vectors(["Background text.", "A text not seen before."])
    assert np.allclose(both[0], first[1], atol=1e-6)
    assert again.vector_count() == 3
    assert again.count() == 0  # the chunk collection is untouched
