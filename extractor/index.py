"""Stage 3, index: chunks into Chroma (embedded, or a server with `chroma_url`), and retrieval.

Ingest is idempotent: chunk ids hash the content, so an unchanged document embeds nothing, and a
changed one has its stale chunks removed.

A chunk (~2,000 characters) is longer than the 256 word pieces the model reads, so it is searched
by its windows (`embed.embed_windows`, about a sentence each, covering all of it): the windows
collection holds one vector per window, and a query ranks chunks by their closest window. The
chunks collection holds each chunk's text, place and the mean of its windows' vectors. Both
collection names carry `VERSION`, so vectors of different kinds never mix: in the embedded index
our collections of another version (the head-only vectors of version 1) are dropped when it is
opened, and the next ingest rebuilds them; on a server they are left alone (another, older
extractor may use them) and simply not read.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np

from .errors import ConfigError
from .models import Chunk

log = logging.getLogger(__name__)
# What a stored vector means: 1 was head-only (a chunk cut at the model's 256 word pieces); 2 covers
# all of it (windows; long texts of `vectors` too); 3 the same from the model quantized for int8
# arithmetic (embed_model); 4 the same with seven-bit weights (the same vectors on every CPU).
# Collection names carry it, so kinds never mix.
VERSION = 4
COLLECTION = f"extractor_chunks_v{VERSION}"
WINDOWS = "_windows"  # suffix: the collection of a chunk collection's window vectors
TEXTS = f"extractor_texts_v{VERSION}"  # embeddings of short texts (quotes, paragraphs) by content hash: `Index.vectors`
# our collections of any version (version 1 had no suffix); those of another version are dropped
_OURS = re.compile(r"extractor_(chunks|texts)(_v(\d+))?(_windows)?")
_ADD_BATCH = 256
_GET_BATCH = 500
_WRITE_BATCH = 4000  # records per Chroma write (its limit is 5461 on the embedded client)


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


CHROMA_CONNECT_S = 10.0  # a Chroma server must accept and answer the first request within this
CHROMA_CALL_S = 120.0  # and each later request (chromadb's own client waits forever)


def _probe(shown: str, host: str, port: int, tls: bool) -> None:
    """One heartbeat with a deadline before chromadb's client, whose constructor already calls the server
    without any timeout: a server that accepts connections and never answers must not hang the run."""
    import http.client

    conn_cls = http.client.HTTPSConnection if tls else http.client.HTTPConnection
    conn = conn_cls(host, port, timeout=CHROMA_CONNECT_S)
    try:
        conn.request("GET", "/api/v2/heartbeat")
        conn.getresponse().read(4096)
    except TimeoutError:
        raise ConfigError(f"Chroma server at {shown} did not answer within {CHROMA_CONNECT_S:.0f} s") from None
    except (OSError, http.client.HTTPException) as exc:
        raise ConfigError(f"cannot reach Chroma server at {shown}: {exc.__class__.__name__}") from None
    finally:
        conn.close()


def _bound_session(client: Any) -> None:
    """Give chromadb's HTTP session (created with timeout=None) a timeout for every later call."""
    import httpx

    session = getattr(getattr(client, "_server", None), "_session", None)
    if isinstance(session, httpx.Client):
        session.timeout = httpx.Timeout(CHROMA_CALL_S, connect=CHROMA_CONNECT_S)


class Index:
    """Chroma collections of chunks and of their windows' vectors, with the offline MiniLM embedding function."""

    def __init__(
        self, index_dir: Path | None = None, chroma_url: str | None = None, collection: str = COLLECTION
    ) -> None:
        os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        from .embed import MiniLMEmbedding

        settings = ChromaSettings(anonymized_telemetry=False)
        if chroma_url:
            try:
                url = urlparse(chroma_url if "://" in chroma_url else f"http://{chroma_url}")
                url.port  # noqa: B018 - parses the port: a bad one raises here, not in every document
            except ValueError:
                raise ConfigError(f"invalid --chroma-url '{chroma_url}' (expected http://HOST:PORT)") from None
            if not url.hostname:
                raise ConfigError(f"invalid --chroma-url '{chroma_url}' (expected http://HOST:PORT)")
            _probe(chroma_url, url.hostname, url.port or 8000, url.scheme == "https")
            try:
                self.client: Any = chromadb.HttpClient(
                    host=url.hostname, port=url.port or 8000, ssl=url.scheme == "https", settings=settings
                )
                _bound_session(self.client)
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
        if not chroma_url:  # our own folder; a shared server may still serve an older extractor: leave it be
            self._drop_other_versions()
        self.collection = self.client.get_or_create_collection(
            name=collection,
            embedding_function=MiniLMEmbedding(),  # type: ignore[arg-type]
            configuration={"hnsw": {"space": "cosine"}},
        )
        self.windows = self.client.get_or_create_collection(
            name=collection + WINDOWS,
            embedding_function=MiniLMEmbedding(),  # type: ignore[arg-type]
            configuration={"hnsw": {"space": "cosine"}},
        )
        self._texts: Any = None

    def _drop_other_versions(self) -> None:
        """Our collections of another VERSION: kept, unchanged chunks would keep vectors of that kind
        (version 1: of their head only) beside new ones, so they go and the next ingest rebuilds."""
        from chromadb.errors import NotFoundError

        for col in self.client.list_collections():
            name = col if isinstance(col, str) else col.name
            m = _OURS.fullmatch(name)
            if m and int(m.group(3) or 1) != VERSION:
                try:
                    self.client.delete_collection(name)
                except NotFoundError:  # another process dropped it first
                    continue
                log.warning("index %s: dropped collection %s (vectors of another kind); ingest rebuilds it",
                            self.where, name)

    def ingest(self, chunks: Sequence[Chunk]) -> int:
        """Add the chunks not already present; drop the document's stale chunks. Returns how many were embedded."""
        from .embed import embed_windows

        if not chunks:
            return 0
        doc_ids = sorted({c.doc_id for c in chunks})
        wanted = {c.id for c in chunks}
        existing: set[str] = set()
        stale_windows: list[str] = []
        for doc_id in doc_ids:
            got = self.collection.get(where={"doc_id": doc_id}, include=[])
            existing.update(got["ids"])
            got = self.windows.get(where={"doc_id": doc_id}, include=["metadatas"])
            stale_windows.extend(i for i, m in zip(got["ids"], got["metadatas"], strict=True)
                                 if m.get("chunk") not in wanted)
        stale = sorted(existing - wanted)
        for b in range(0, len(stale), _WRITE_BATCH):
            self.collection.delete(ids=stale[b : b + _WRITE_BATCH])
        for b in range(0, len(stale_windows), _WRITE_BATCH):
            self.windows.delete(ids=stale_windows[b : b + _WRITE_BATCH])
        new = [c for c in chunks if c.id not in existing]
        for b in range(0, len(new), _ADD_BATCH):
            batch = new[b : b + _ADD_BATCH]
            embedded = embed_windows([c.text for c in batch])
            ids: list[str] = []
            vectors: list[np.ndarray] = []
            metas: list[Any] = []
            means: list[np.ndarray] = []
            for c, (rows, _spans) in zip(batch, embedded, strict=True):
                for w, row in enumerate(rows):
                    ids.append(f"{c.id}#{w}")
                    vectors.append(row)
                    metas.append({"doc_id": c.doc_id, "chunk": c.id})
                mean = rows.mean(axis=0)
                means.append(mean / max(float(np.linalg.norm(mean)), 1e-12))
            # windows first: a chunk that is present always has its windows (a crash in between only
            # leaves windows that the next ingest of the chunk overwrites). They keep no text: the
            # chunk has it, and Chroma's full-text index of ~12 windows a chunk would cost ~1 s a corpus.
            for w in range(0, len(ids), _WRITE_BATCH):
                self.windows.upsert(ids=ids[w : w + _WRITE_BATCH], embeddings=vectors[w : w + _WRITE_BATCH],
                                    metadatas=metas[w : w + _WRITE_BATCH])
            self.collection.upsert(
                ids=[c.id for c in batch],
                embeddings=means,
                documents=[c.text for c in batch],
                metadatas=[
                    {"doc_id": c.doc_id, "start": c.start, "end": c.end, "page": c.pages[0], "heading": c.heading or ""}
                    for c in batch
                ],
            )
        return len(new)

    def query(self, text: str, k: int = 5, doc_ids: Sequence[str] | None = None) -> list[Hit]:
        """The k chunks closest to `text` (by their closest window), optionally only from some documents."""
        from .embed import embed_texts

        where: Any = None
        if doc_ids:
            where = {"doc_id": doc_ids[0]} if len(doc_ids) == 1 else {"doc_id": {"$in": list(doc_ids)}}
        total = self.windows.count()
        if total == 0 or k <= 0:
            return []
        vector = embed_texts([text])
        n = min(total, max(4 * k, 20))
        while True:  # enough windows to name k chunks: a chunk has ~12, and close ones cluster
            res = self.windows.query(query_embeddings=vector, n_results=n, where=where,
                                     include=["metadatas", "distances"])
            best: dict[str, float] = {}
            metas: Any = res["metadatas"][0]  # type: ignore[index]
            dists: Any = res["distances"][0]  # type: ignore[index]
            for meta, dist in zip(metas, dists, strict=True):
                best.setdefault(str(meta["chunk"]), float(dist))
            if len(best) >= k or len(metas) < n or n >= total:
                break
            n = min(total, 4 * n)
        ranked = list(best)
        got = self.collection.get(ids=ranked, include=["documents", "metadatas"])
        found: Any = {cid: (doc, meta) for cid, doc, meta in zip(got["ids"], got["documents"], got["metadatas"],
                                                                  strict=True)}
        hits: list[Hit] = []
        for cid in ranked:
            if cid not in found:  # windows whose chunk is not stored yet (an interrupted ingest)
                continue
            doc, meta = found[cid]
            hits.append(Hit(chunk_id=cid, doc_id=str(meta["doc_id"]), text=doc, start=int(meta["start"]),
                            end=int(meta["end"]), page=int(meta["page"]), score=1.0 - best[cid]))
            if len(hits) == k:
                break
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
