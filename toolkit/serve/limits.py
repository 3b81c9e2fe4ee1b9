"""Request limits of the HTTP service: moving-window rate limits."""

from __future__ import annotations

import math
import threading
import time
from collections import deque

WINDOW_S = 60.0


class RateLimiter:
    """At most N requests per identity (address or key) in any 60-second window.

    Memory stays bounded by the identities seen in the last window: every `WINDOW_S`
    seconds the table drops the identities whose last request has left the window, so a
    stream of distinct addresses does not grow it without end.
    """

    def __init__(self) -> None:
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()
        self._next_prune = -math.inf

    def check(self, identity: str, limit: int, now: float | None = None) -> float:
        """Count a request; 0.0 if allowed, else the seconds until one would be."""
        if limit <= 0:
            return 0.0
        now = time.monotonic() if now is None else now
        with self._lock:
            if now >= self._next_prune:
                self._prune(now)
            hits = self._hits.setdefault(identity, deque())
            while hits and hits[0] <= now - WINDOW_S:
                hits.popleft()
            if len(hits) >= limit:
                return max(hits[0] + WINDOW_S - now, 0.001)
            hits.append(now)
            return 0.0

    def __len__(self) -> int:
        """Identities currently tracked."""
        return len(self._hits)

    def _prune(self, now: float) -> None:
        """Forget identities with no request in the window (one pass, once per window:
        linear in the table, so amortised constant time per request)."""
        cutoff = now - WINDOW_S
        self._hits = {who: hits for who, hits in self._hits.items() if hits and hits[-1] > cutoff}
        self._next_prune = now + WINDOW_S


def retry_after(seconds: float) -> str:
    """The `Retry-After` header value: whole seconds, at least 1."""
    return str(max(1, math.ceil(seconds)))
