"""A bounded result cache for the read-only store, with ETags.

Keys combine the normalised query (server.guard.normalize: whitespace and comments do not matter,
strings and IRIs do), the dataset parameters, the negotiated formats and the store version, so a
rebuilt store can never answer from old entries; the cache is also emptied as soon as a new version
is seen. A second, small map from the *raw* request to the key lets a repeated identical query skip
even the normalisation: a hit costs one dict lookup.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass, field


@dataclass
class Entry:
    """One cached answer: everything needed to rebuild the response without the engine."""

    body: bytes
    content_type: str
    etag: str
    headers: dict = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.body) + 256


def make_key(version: str, normalized_query: str, default_graphs, named_graphs, sol_mime, graph_mime) -> str:
    """A hex digest naming one answer (also its ETag)."""
    h = hashlib.blake2b(digest_size=20)
    for part in (version, normalized_query, repr(default_graphs), repr(named_graphs), str(sol_mime), str(graph_mime)):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()


class ResultCache:
    """LRU bounded by entry count and by bytes; thread-safe; cleared when the store version changes."""

    def __init__(self, max_entries: int, max_bytes: int):
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._entries: OrderedDict[str, Entry] = OrderedDict()
        self._raw: OrderedDict[tuple, str] = OrderedDict()
        self._bytes = 0
        self._version: str | None = None
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    @property
    def enabled(self) -> bool:
        return self.max_entries > 0 and self.max_bytes > 0

    def _check_version(self, version: str) -> None:
        if version != self._version:
            self._entries.clear()
            self._raw.clear()
            self._bytes = 0
            self._version = version

    def key_for_raw(self, version: str, raw: tuple) -> str | None:
        """The key already computed for exactly this raw request, if any (no normalisation needed)."""
        with self._lock:
            self._check_version(version)
            return self._raw.get(raw)

    def remember_raw(self, raw: tuple, key: str) -> None:
        with self._lock:
            self._raw[raw] = key
            self._raw.move_to_end(raw)
            while len(self._raw) > 2 * self.max_entries:
                self._raw.popitem(last=False)

    def get(self, version: str, key: str) -> Entry | None:
        with self._lock:
            self._check_version(version)
            entry = self._entries.get(key)
            if entry is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return entry

    def put(self, version: str, key: str, entry: Entry) -> bool:
        """Store an answer; answers larger than a quarter of the byte budget are not kept."""
        if not self.enabled or entry.size > self.max_bytes // 4:
            return False
        with self._lock:
            self._check_version(version)
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= old.size
            self._entries[key] = entry
            self._bytes += entry.size
            while len(self._entries) > self.max_entries or self._bytes > self.max_bytes:
                _, evicted = self._entries.popitem(last=False)
                self._bytes -= evicted.size
            return True

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._raw.clear()
            self._bytes = 0

    def stats(self) -> dict:
        with self._lock:
            return {"entries": len(self._entries), "bytes": self._bytes, "hits": self.hits, "misses": self.misses}


class FastIndex:
    """Exact raw request -> ready-made response, for the WSGI fast path (server.sparql.FastPath).

    Keys are the request exactly as received (method, query string or body, Accept), values carry the
    store version they were computed for, the header list and the body; a hit is one dict lookup
    and no Flask at all. FIFO-bounded; lookups take no lock (dict.get is atomic).
    """

    def __init__(self, max_entries: int):
        self.max_entries = max(0, max_entries)
        self._d: dict = {}
        self._lock = threading.Lock()

    def get(self, key):
        return self._d.get(key)

    def put(self, key, value) -> None:
        if not self.max_entries:
            return
        with self._lock:
            while len(self._d) >= self.max_entries:
                self._d.pop(next(iter(self._d)))
            self._d[key] = value

    def clear(self) -> None:
        with self._lock:
            self._d.clear()

    def __len__(self) -> int:
        return len(self._d)
