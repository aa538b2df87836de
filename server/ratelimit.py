"""Optional per-client budget of query *time* (the Wikidata Query Service model).

Counting requests would punish a client sending many cheap lookups and let one runaway query per
second through; charging the seconds each query really took does neither. Each client has a token
bucket of `budget` seconds refilled over a minute; a client in debt gets 429 with Retry-After until
the bucket is positive again. Cached answers cost nothing.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict

from kg.errors import RateLimited

MAX_CLIENTS = 10000


class QueryTimeBudget:
    def __init__(self, seconds_per_minute: float, clock=time.monotonic):
        self.budget = float(seconds_per_minute)
        self.rate = self.budget / 60.0
        self._clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        return self.budget > 0

    def _level(self, client: str, now: float) -> float:
        tokens, last = self._buckets.get(client, (self.budget, now))
        return min(self.budget, tokens + (now - last) * self.rate)

    def check(self, client: str) -> None:
        """Raise RateLimited (429, with retry_after seconds) when the client has used its budget."""
        if not self.enabled:
            return
        with self._lock:
            now = self._clock()
            level = self._level(client, now)
            if level > 0:
                return
        wait = max(1, math.ceil(-level / self.rate)) if self.rate else 60
        raise RateLimited(
            f"This client used its {self.budget:g} s of query time per minute.",
            hint=f"Retry after {wait} s; repeated queries are answered from the cache at no cost.",
            retry_after=wait,
        )

    def charge(self, client: str, seconds: float) -> None:
        if not self.enabled:
            return
        with self._lock:
            now = self._clock()
            self._buckets[client] = (self._level(client, now) - seconds, now)
            self._buckets.move_to_end(client)
            while len(self._buckets) > MAX_CLIENTS:
                self._buckets.popitem(last=False)
