"""Long texts are embedded whole (windows), short ones exactly as before; an index of head-only
vectors (version 1) is dropped and rebuilt, never mixed in. Real model, real embedded Chroma."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from extractor import embed
from extractor.embed import MAX_TOKENS, WINDOW_TOKENS, embed_texts, embed_windows, window_starts
from extractor.index import COLLECTION, TEXTS, Index
from extractor.models import Chunk

# ~1,800 characters, well over 256 word pieces: every chunk below starts with it
FILLER = " ".join([
    "This framework describes how the organisation governs the development of its most capable models.",
    "It sets out roles and responsibilities, the documentation that teams maintain, and the reviews that",
    "take place before a model is released to customers or to the public.",
    "Teams record their decisions in a shared register, and the register is reviewed every quarter by",
    "a committee that includes members from research, policy, security and legal functions.",
    "The committee may ask for further information, request additional testing, or defer a decision",
    "until the information it needs is available.",
    "Where the framework refers to a model, it means any model trained or fine-tuned by the organisation",
    "and intended for use outside the research team that trained it.",
    "Where it refers to a release, it means handing a model to any person who works outside the",
    "organisation, whether through an application programming interface, a product, or open weights.",
    "The framework gets reviewed at least once every year and whenever the committee considers that the",
    "state of the field has changed in a way that affects its assumptions.",
    "Changes to the framework are approved by the committee and recorded with the reasons for them.",
    "Nothing in this framework limits obligations that arise from law or from contracts with customers.",
    "Questions about the framework can be sent to the governance team, which keeps the register,",
    "prepares the agenda of the committee, and publishes a summary of its decisions.",
    "Staff are trained on the framework when they join and again whenever it changes in a material way,",
    "and the training records are kept together with the register for at least five years.",
])
TAILS = [
    "Our cafeteria serves vegetarian lasagna every Thursday at noon.",
    "The satellite telescope photographs distant galaxies in infrared light.",
    "Volunteers planted four hundred oak trees along the river bank.",
    "The orchestra rehearses the ninth symphony before the winter concert.",
    "Engineers replaced the bridge cables after the earthquake.",
]
SHORT = ["We will publish model cards for new models.", "Background text.", "",
         "We will run dangerous capability evaluations before every frontier release, and we will pause "
         "deployment if a critical capability threshold is reached. " * 3]


def head_only(texts: list[str]) -> np.ndarray:
    """The embedding before windows (vectors version 1): each text cut at 256 word pieces, one text a
    model call (the quantized model's vector of a text depends on what shares its call)."""
    from tokenizers import Tokenizer

    model = embed._model()
    tok = Tokenizer.from_file(str(Path(embed.__file__).parent / "resources" / "minilm-tokenizer.json"))
    tok.enable_truncation(max_length=MAX_TOKENS)
    tok.enable_padding(pad_id=0, pad_token="[PAD]")
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    out = np.zeros((len(texts), 384), dtype=np.float32)
    for b in range(0, len(order), 1):
        idx = order[b : b + 1]
        enc = tok.encode_batch([texts[i] for i in idx])
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in model.inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = model.session.run(None, feeds)[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        pooled /= np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
        out[idx] = pooled
    return out


def chunks() -> list[Chunk]:
    out = []
    for i, tail in enumerate(TAILS):
        text = f"{FILLER}\n\n{tail}"
        out.append(Chunk(id=f"doc{i}:c0", doc_id=f"doc{i}", text=text, start=0, end=len(text), pages=[1]))
    return out


def test_the_tail_of_each_chunk_lies_beyond_what_the_model_reads() -> None:
    tokens = embed._model().tokenizer.encode(FILLER).ids
    assert len(tokens) > MAX_TOKENS + 20
    # so head-only vectors cannot tell these chunks apart: the test below would fail with them
    old = head_only([c.text for c in chunks()])
    assert np.allclose(old, old[0], atol=1e-6)


def test_short_texts_embed_exactly_as_before() -> None:
    assert all(len(embed._model().tokenizer.encode(t).ids) <= MAX_TOKENS for t in SHORT)
    assert np.array_equal(embed_texts(SHORT), head_only(SHORT))
    # and one at a time, as diff and queries ask
    assert np.array_equal(embed_texts(SHORT[:1]), head_only(SHORT[:1]))


def test_a_long_text_vector_covers_all_of_it() -> None:
    texts = [c.text for c in chunks()]
    new, old = embed_texts(texts), head_only(texts)
    assert np.allclose(np.linalg.norm(new, axis=1), 1.0, atol=1e-5)
    tails = embed_texts(TAILS)
    # the ending now counts (in proportion to its length: it is a mean): each long text is closer
    # to its own ending than its head-only vector was, and texts that differ only there differ now
    for i in range(len(texts)):
        assert float(new[i] @ tails[i]) > float(old[i] @ tails[i]) + 0.02
    assert min(float(np.linalg.norm(new[i] - new[j])) for i in range(5) for j in range(i)) > 0.05
    # a short text mixed in with long ones still embeds as before
    mixed = embed_texts([texts[0], SHORT[0]])
    assert np.allclose(mixed[1], head_only([SHORT[0]])[0], atol=1e-6)


def test_a_vector_depends_on_its_own_text_only() -> None:
    """Whatever else is embedded in the same call, and in whichever order, a text gets the same vector
    and the same windows: outputs do not depend on which documents ran together or were cached."""
    texts = [c.text for c in chunks()[:3]] + SHORT
    together = embed_texts(texts)
    assert all(np.array_equal(together[i], embed_texts([t])[0]) for i, t in enumerate(texts))
    assert np.array_equal(embed_texts(texts[::-1])[::-1], together)
    windows = embed_windows(texts[:3])
    embed._WINDOW_MEMO.clear()
    for (vectors, spans), text in zip(windows, texts[:3], strict=True):
        alone, alone_spans = embed_windows([text])[0]
        assert np.array_equal(vectors, alone) and spans == alone_spans
        embed._WINDOW_MEMO.clear()


def test_windows_cover_the_text_and_a_short_text_is_one_window() -> None:
    text = chunks()[0].text
    (vectors, spans), (one, one_span) = embed_windows([text, SHORT[0]])
    assert len(vectors) == len(spans) > 1 and vectors.shape[1] == 384
    covered = np.zeros(len(text), dtype=bool)
    for lo, hi in spans:
        covered[lo:hi] = True
    assert all(covered[i] for i, ch in enumerate(text) if not ch.isspace())
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert one_span == [(0, len(SHORT[0]))]
    assert np.allclose(one[0], embed_texts([SHORT[0]])[0], atol=1e-6)
    # each window is one model input of at most WINDOW_TOKENS pieces, so it is about a sentence
    assert max(hi - lo for lo, hi in spans) < 12 * WINDOW_TOKENS


@pytest.mark.parametrize(("n", "size", "stride", "cap"), [(10, 30, 30, None), (31, 30, 30, None), (300, 30, 30, None),
                                                          (1000, 254, 192, None), (100000, 254, 192, 32)])
def test_window_starts_cover_evenly(n: int, size: int, stride: int, cap: int | None) -> None:
    starts = window_starts(n, size, stride, cap)
    assert starts[0] == 0 and starts == sorted(set(starts))
    if n <= size:
        assert starts == [0]
        return
    assert starts[-1] == n - size
    if cap is None:
        assert max(b - a for a, b in zip(starts, starts[1:], strict=False)) <= stride
    else:
        assert len(starts) == cap


def test_a_sentence_at_the_end_of_a_long_chunk_is_retrieved(tmp_path: Path) -> None:
    idx = Index(tmp_path / "idx")
    cs = chunks()
    assert idx.ingest(cs) == len(cs) == idx.count()
    for c, tail in zip(cs, TAILS, strict=True):
        hits = idx.query(tail, k=2)
        assert hits[0].chunk_id == c.id and hits[0].text == c.text
        assert hits[1].chunk_id != c.id  # one hit per chunk, however many of its windows match
        assert hits[0].score > hits[1].score + 0.1
    only = idx.query(TAILS[0], k=5, doc_ids=["doc3"])
    assert [h.doc_id for h in only] == ["doc3"]
    # a reopened index finds the same, and has nothing left to embed
    again = Index(tmp_path / "idx")
    assert again.ingest(cs) == 0
    assert again.query(TAILS[2], k=1)[0].chunk_id == cs[2].id
    # a changed chunk takes its windows with it
    changed = [*cs[:4], Chunk(id="doc4:c1", doc_id="doc4", text="A short note.", start=0, end=13, pages=[1])]
    assert again.ingest(changed) == 1
    left = again.windows.get(where={"doc_id": "doc4"}, include=["metadatas"])
    assert {m["chunk"] for m in left["metadatas"]} == {"doc4:c1"}
    assert again.query(TAILS[4], k=5, doc_ids=["doc4"])[0].chunk_id == "doc4:c1"


def test_an_index_of_head_only_vectors_is_dropped_and_rebuilt(tmp_path: Path) -> None:
    """An index written by version 1 (collection `extractor_chunks`, head-only vectors, the same
    content-hash chunk ids) must not keep those vectors for unchanged chunks."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    from extractor.embed import MiniLMEmbedding

    cs = chunks()
    path = tmp_path / "idx" / "chroma"
    path.mkdir(parents=True)
    old = chromadb.PersistentClient(path=str(path), settings=ChromaSettings(anonymized_telemetry=False))
    legacy = old.get_or_create_collection(name="extractor_chunks", embedding_function=MiniLMEmbedding(),  # type: ignore[arg-type]
                                          configuration={"hnsw": {"space": "cosine"}})
    legacy.add(ids=[c.id for c in cs], embeddings=list(head_only([c.text for c in cs])),
               documents=[c.text for c in cs],
               metadatas=[{"doc_id": c.doc_id, "start": c.start, "end": c.end, "page": 1, "heading": ""} for c in cs])
    texts = old.get_or_create_collection(name="extractor_texts", embedding_function=MiniLMEmbedding(),  # type: ignore[arg-type]
                                         configuration={"hnsw": {"space": "cosine"}})
    texts.add(ids=["x" * 32], embeddings=list(head_only([cs[0].text])), documents=[cs[0].text])
    # the old index answers with head-only vectors: its ranking cannot tell the chunks apart
    assert len({round(d, 5) for d in legacy.query(query_texts=[TAILS[3]], n_results=5)["distances"][0]}) == 1

    idx = Index(tmp_path / "idx")
    names = {c.name for c in idx.client.list_collections()}
    assert "extractor_chunks" not in names and "extractor_texts" not in names
    assert COLLECTION in names and COLLECTION != "extractor_chunks" and TEXTS != "extractor_texts"
    assert idx.count() == 0 and idx.vector_count() == 0
    assert idx.ingest(cs) == len(cs)  # every chunk embedded again, though its id is unchanged
    for c, tail in zip(cs, TAILS, strict=True):
        assert idx.query(tail, k=1)[0].chunk_id == c.id
