"""Stage 3, index: chunks into Chroma (embedded, or a server with `chroma_url`), and retrieval.

Ingest is idempotent: chunk ids hash the content, so an unchanged document embeds nothing, and a
changed one has its stale chunks removed.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np

from .errors import ConfigError
from .models import Chunk

log = logging.getLogger(__name__)
COLLECTION = "extractor_chunks"
TEXTS = "extractor_texts"  # embeddings of short texts (quotes, paragraphs) by content hash: `Index.vectors`
_ADD_BATCH = 256
_GET_BATCH = 500


@dataclass
class Hit:
    """A retrieved chunk: where it is and how close (cosine similarity, higher is closer)."""

    chunk_id: str
    doc_id: str
    text: str
    start: int
    end: int
    page: int
    score: float


class Index:
    """A Chroma collection of chunks with the offline MiniLM embedding function."""

    def __init__(
        self, index_dir: Path | None = None, chroma_url: str | None = None, collection: str = COLLECTION
    ) -> None:
        os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        from .embed import MiniLMEmbedding

        settings = ChromaSettings(anonymized_telemetry=False)
        if chroma_url:
            url = urlparse(chroma_url if "://" in chroma_url else f"http://{chroma_url}")
            if not url.hostname:
                raise ConfigError(f"invalid --chroma-url '{chroma_url}' (expected http://HOST:PORT)")
            try:
                self.client: Any = chromadb.HttpClient(
                    host=url.hostname, port=url.port or 8000, ssl=url.scheme == "https", settings=settings
                )
                self.client.heartbeat()
            except Exception as exc:
                raise ConfigError(f"cannot reach Chroma server at {chroma_url}: {exc.__class__.__name__}") from None
            self.where = chroma_url
        else:
            path = Path(index_dir or ".extractor") / "chroma"
            try:
                path.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise ConfigError(f"{path}: cannot create index folder: {exc.strerror}") from None
            self.client = chromadb.PersistentClient(path=str(path), settings=settings)
            self.where = str(path)
        self.collection = self.client.get_or_create_collection(
            name=collection,
            embedding_function=MiniLMEmbedding(),  # type: ignore[arg-type]
            configuration={"hnsw": {"space": "cosine"}},
        )
        self._texts: Any = None

    def ingest(self, chunks: Sequence[Chunk]) -> int:
        """Add the chunks not already present; drop the document's stale chunks. Returns how many were embedded."""
        if not chunks:
            return 0
        doc_ids = sorted({c.doc_id for c in chunks})
        wanted = {c.id for c in chunks}
        existing: set[str] = set()
        for doc_id in doc_ids:
            got = self.collection.get(where={"doc_id": doc_id}, include=[])
            existing.update(got["ids"])
        stale = sorted(existing - wanted)
        if stale:
            self.collection.delete(ids=stale)
        new = [c for c in chunks if c.id not in existing]
        for b in range(0, len(new), _ADD_BATCH):
            batch = new[b : b + _ADD_BATCH]
            self.collection.add(
                ids=[c.id for c in batch],
                documents=[c.text for c in batch],
                metadatas=[
                    {"doc_id": c.doc_id, "start": c.start, "end": c.end, "page": c.pages[0], "heading": c.heading or ""}
                    for c in batch
                ],
            )
        return len(new)

    def query(self, text: str, k: int = 5, doc_ids: Sequence[str] | None = None) -> list[Hit]:
        """The k chunks closest to `text`, optionally only from some documents."""
        where: Any = None
        if doc_ids:
            where = {"doc_id": doc_ids[0]} if len(doc_ids) == 1 else {"doc_id": {"$in": list(doc_ids)}}
        count = self.collection.count()
        if count == 0:
            return []
        res = self.collection.query(
            query_texts=[text], n_results=min(k, count), where=where, include=["documents", "metadatas", "distances"]
        )
        hits: list[Hit] = []
        columns: Any = (res["ids"][0], res["documents"][0], res["metadatas"][0], res["distances"][0])  # type: ignore[index]
        for cid, doc, meta, dist in zip(*columns, strict=True):
            hits.append(
                Hit(
                    chunk_id=cid,
                    doc_id=str(meta["doc_id"]),
                    text=doc,
                    start=int(meta["start"]),  # type: ignore[arg-type]
                    end=int(meta["end"]),
                    page=int(meta["page"]),
                    score=1.0 - float(dist),
                )
            )  # type: ignore[arg-type]
        return hits

    def count(self) -> int:
        return int(self.collection.count())

    def _text_store(self) -> Any:
        if self._texts is None:
            from .embed import MiniLMEmbedding

            self._texts = self.client.get_or_create_collection(
                name=TEXTS, embedding_function=MiniLMEmbedding(),  # type: ignore[arg-type]
                configuration={"hnsw": {"space": "cosine"}})
        return self._texts

    def vector_count(self) -> int:
        """How many texts have their vectors kept in the index."""
        return int(self._text_store().count())

    def embedder(self) -> IndexEmbedder:
        """`vectors` as an embedding function for `diff.similarity`, naming where the vectors are kept."""
        return IndexEmbedder(self)

    def vectors(self, texts: list[str]) -> np.ndarray:
        """Embeddings of `texts` (rows in order), read from the index and computed only for texts it
        lacks, which are then stored: comparing versions again, or a version with another, embeds
        only what is new. Same model and normalisation as `embed.embed_texts`."""
        from .embed import embed_texts

        store = self._text_store()
        ids = [hashlib.sha256(t.encode("utf-8")).hexdigest()[:32] for t in texts]
        found: dict[str, np.ndarray] = {}
        unique = list(dict.fromkeys(ids))
        for b in range(0, len(unique), _GET_BATCH):
            got = store.get(ids=unique[b : b + _GET_BATCH], include=["embeddings"])
            for i, v in zip(got["ids"], got["embeddings"], strict=True):
                found[i] = np.asarray(v, dtype=np.float32)
        todo = {i: t for i, t in zip(ids, texts, strict=True) if i not in found}
        if todo:
            computed = embed_texts(list(todo.values()))
            keys = list(todo)
            for b in range(0, len(keys), _ADD_BATCH):
                part = keys[b : b + _ADD_BATCH]
                store.upsert(ids=part, embeddings=list(computed[b : b + _ADD_BATCH]),
                                   documents=[todo[k] for k in part])
            found.update(zip(keys, computed, strict=True))
        log.debug("index vectors: %d texts, %d embedded now", len(texts), len(todo))
        return np.stack([found[i] for i in ids]) if ids else np.zeros((0, 384), dtype=np.float32)


class IndexEmbedder:
    """The index's `vectors` as an embedding function that says what it is (`diff` records both)."""

    name = "extractor-minilm-int8"

    def __init__(self, index: Index) -> None:
        self.index = index
        self.where = index.where

    def __call__(self, texts: list[str]) -> np.ndarray:
        return self.index.vectors(texts)
