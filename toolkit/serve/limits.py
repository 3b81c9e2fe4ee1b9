"""Request limits of the HTTP service: moving-window rate limits and body size."""

from __future__ import annotations

import math
import threading
import time
from collections import deque

WINDOW_S = 60.0


class RateLimiter:
    """At most N requests per identity (address or key) in any 60-second window."""

    def __init__(self) -> None:
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def check(self, identity: str, limit: int, now: float | None = None) -> float:
        """Count a request; 0.0 if allowed, else the seconds until one would be."""
        if limit <= 0:
            return 0.0
        now = time.monotonic() if now is None else now
        with self._lock:
            hits = self._hits.setdefault(identity, deque())
            while hits and hits[0] <= now - WINDOW_S:
                hits.popleft()
            if len(hits) >= limit:
                return max(hits[0] + WINDOW_S - now, 0.001)
            hits.append(now)
            return 0.0


def retry_after(seconds: float) -> str:
    """The `Retry-After` header value: whole seconds, at least 1."""
    return str(max(1, math.ceil(seconds)))
