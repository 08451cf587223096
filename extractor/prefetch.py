"""Reading ahead: the next document is loaded, chunked and embedded on a second thread while this one is extracted.

Embedding (ONNX, which releases the GIL) is most of a run's time and the rules are pure Python. One after the other,
one of two cores idles while the rules run; read ahead, the next document's windows are computed in the meantime and
the extraction finds them in `embed`'s memo. At most one document waits ready, so memory stays bounded.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from .models import Chunk, Document

log = logging.getLogger(__name__)

Prepared = tuple[Document, list[Chunk]]
# a document with more chunks than this is not embedded ahead: the memo (`embed._WINDOW_MEMO_SIZE`) would drop its
# first windows before the extraction reads them, and they would be computed twice
MAX_AHEAD_CHUNKS = 256


class ReadAhead:
    """Prepares `paths` in order on a daemon thread; `take(path)` returns each one's (document, chunks) or raises what
    preparing it raised. `embed` says whether the extraction reads every chunk's vectors (the learned layer)."""

    def __init__(self, paths: Sequence[Path], prepare: Callable[[Path], Prepared], embed: bool) -> None:
        self._order = list(paths)  # what `take` expects next (the thread reads its own copy)
        self._prepare = prepare
        self._embed = embed
        self._ready: queue.Queue[tuple[Path, Prepared | BaseException]] = queue.Queue(maxsize=1)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._work, args=(list(paths),), name="extractor-read-ahead",
                                        daemon=True)
        self._thread.start()

    def _work(self, paths: list[Path]) -> None:
        for path in paths:
            if self._stop.is_set():
                return
            result: Prepared | BaseException
            try:
                result = self._prepare(path)
            except Exception as exc:  # reported by `take`, in the document's turn, as if read there
                result = exc
            else:
                self._embed_ahead(result[1])
            while not self._stop.is_set():
                try:
                    self._ready.put((path, result), timeout=0.1)
                    break
                except queue.Full:
                    continue

    def _embed_ahead(self, chunks: list[Chunk]) -> None:
        if not self._embed or not chunks or len(chunks) > MAX_AHEAD_CHUNKS:
            return
        from .embed import embed_windows

        try:
            embed_windows([c.text for c in chunks])
        except Exception as exc:  # the extraction embeds again and reports it
            log.debug("read-ahead embedding failed: %s", exc)

    def take(self, path: Path) -> Prepared:
        """The prepared document `path` (the next in order); prepared here if the thread has gone another way."""
        if self._order and self._order[0] == path and not self._stop.is_set():
            self._order.pop(0)
            got, result = self._ready.get()
            if got == path:
                if isinstance(result, BaseException):
                    raise result
                return result
        self.close()
        return self._prepare(path)

    def close(self) -> None:
        self._stop.set()
        while True:
            try:
                self._ready.get_nowait()
            except queue.Empty:
                break
        self._thread.join(timeout=5)
