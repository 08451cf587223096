"""Stage 2, chunk: split a document with langchain's recursive splitter, keeping offsets."""

from __future__ import annotations

import bisect
import hashlib
import re

from langchain_text_splitters import RecursiveCharacterTextSplitter

from .errors import ConfigError
from .models import Chunk, Document

HEADING = re.compile(r"^(#{1,6}) +(.+)$", re.MULTILINE)  # a markdown heading line: level marks, title


def chunk_document(doc: Document, size: int = 2000, overlap: int = 200) -> list[Chunk]:
    """Chunks with document id, character span, pages and the heading they fall under.

    The chunk id hashes the chunk's text and the embedding-relevant settings, so re-ingesting an
    unchanged document yields the same ids and embeds nothing.
    """
    if size < 50 or overlap < 0 or overlap >= size:
        raise ConfigError(f"invalid chunking: size={size}, overlap={overlap} (need size>=50, 0<=overlap<size)")
    splitter = RecursiveCharacterTextSplitter(
        chunk_size=size,
        chunk_overlap=overlap,
        add_start_index=True,
        separators=["\n\n", "\n", ". ", "; ", ", ", " ", ""],
    )
    headings = [(m.start(), m.group(2).strip()) for m in HEADING.finditer(doc.text)]
    heading_starts = [h[0] for h in headings]
    chunks: list[Chunk] = []
    for piece in splitter.create_documents([doc.text]):
        start = int(piece.metadata["start_index"])
        if start < 0:  # the splitter could not locate the piece: find it ourselves
            start = doc.text.find(piece.page_content)
        end = start + len(piece.page_content)
        first, last = doc.page_at(start), doc.page_at(max(start, end - 1))
        h = bisect.bisect_right(heading_starts, start) - 1
        digest = hashlib.sha256(f"{doc.sha256}:{start}:{piece.page_content}".encode()).hexdigest()[:24]
        chunks.append(
            Chunk(
                id=f"{doc.id}:{digest}",
                doc_id=doc.id,
                text=piece.page_content,
                start=start,
                end=end,
                pages=list(range(first, last + 1)),
                heading=headings[h][1] if h >= 0 else None,
            )
        )
    return chunks
