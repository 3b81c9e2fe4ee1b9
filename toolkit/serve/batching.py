"""Dynamic batching: concurrent requests for one language pair share one model call.

Each request's texts wait up to `max_wait` seconds in the pair's queue; then everything
queued (up to `max_texts` texts) goes to the model at once, in a worker thread. Requests
that arrive while a batch runs form the next one, so under load batches grow by
themselves and the model's batch throughput serves many clients.

Clients that got their answers from one batch come back over some milliseconds, not
all at once, so a fixed short wait splits them into two half-size batches (measured:
16 clients at 3.7x one at a time where the model alone batches 5.9x). So while fewer
requests wait than were in flight (submitted, not yet answered) at the peak while the
pair's previous batch ran, the batch waits a little longer: at most `EXPECT_SHARE` of
that batch's model time. Counting requests in flight rather than the previous batch's
size means clients that queued behind a lone request (a load step from 1 to 16 clients)
are expected back together at once. Within the same budget, a batch also waits while
requests keep arriving (one in the last `max_wait`): a burst of new clients whose
connections open over some tens of milliseconds lands in one batch, not in a lone first
one and the rest (measured: a 1 -> 16 client step made batches of 1, 15, 16, 16 for 48
requests). It stops at once when `max_texts` texts are queued. A lone client (one request
in flight) never waits more than `max_wait`.

For a lone client the wait buys nothing where the model gains nothing from a bigger call
(the Firefox Translations engine translates one sentence per call; measured: a lone
request spent 10 ms of its 34 ms waiting). `gathers(src, tgt)`, asked once per pair
under the model lock, says so, and then a batch leaves as soon as it is queued unless
more than one request was in flight while the pair's previous batch ran: several clients
still get gathered batches, which spread over the engine's worker processes (without the
wait, 4 clients made batches of 2 and 7% less throughput).
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter, deque
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import Any

#: how long, as a share of the previous batch's model time, a batch may wait for the
#: requests that batch held to come back
EXPECT_SHARE = 0.1

# (texts, src, tgt) -> one result per text, same order
RunBatch = Callable[[list[str], str, str], Sequence[Any]]


@dataclass
class _Waiting:
    texts: list[str]
    future: asyncio.Future[list[Any]]


@dataclass
class Batcher:
    """Coalesce `submit` calls per (src, tgt); `enabled=False` runs each call on its own."""

    run: RunBatch
    executor: Executor
    max_wait: float = 0.01
    max_texts: int = 64
    enabled: bool = True
    #: (src, tgt) -> whether waiting to gather a batch pays for the pair; None: always
    gathers: Callable[[str, str], bool] | None = None
    #: per pair, how many model calls carried how many texts (`stats`)
    sizes: dict[tuple[str, str], Counter[int]] = field(default_factory=dict)
    #: per pair, seconds spent in model calls (`stats`)
    model_seconds: dict[tuple[str, str], float] = field(default_factory=dict)
    _queues: dict[tuple[str, str], deque[_Waiting]] = field(default_factory=dict)
    _draining: dict[tuple[str, str], asyncio.Task[None]] = field(default_factory=dict)
    _busy: asyncio.Lock | None = None
    # per pair: (requests in flight at the peak while the last batch ran, its model seconds)
    _last: dict[tuple[str, str], tuple[int, float]] = field(default_factory=dict)
    _inflight: dict[tuple[str, str], int] = field(default_factory=dict)
    _peak: dict[tuple[str, str], int] = field(default_factory=dict)
    _arrived: dict[tuple[str, str], float] = field(default_factory=dict)  # last submit
    _gathering: dict[tuple[str, str], bool] = field(default_factory=dict)  # `gathers`' answers

    async def submit(self, texts: list[str], src: str, tgt: str) -> list[Any]:
        """The results for `texts`, translated in whatever batch they land in."""
        loop = asyncio.get_running_loop()
        if not self.enabled:
            started = time.perf_counter()
            try:
                return list(await loop.run_in_executor(self.executor, self.run, texts, src, tgt))
            finally:
                self._count((src, tgt), len(texts), time.perf_counter() - started)
        key = (src, tgt)
        waiting = _Waiting(list(texts), loop.create_future())
        self._queues.setdefault(key, deque()).append(waiting)
        self._arrived[key] = time.perf_counter()
        self._inflight[key] = self._inflight.get(key, 0) + 1
        self._peak[key] = max(self._peak.get(key, 0), self._inflight[key])
        if key not in self._draining:
            # kept here so the running task is not garbage-collected
            self._draining[key] = asyncio.create_task(self._drain(key))
        # shield: a request that times out or disconnects leaves the shared batch alone
        return await asyncio.shield(waiting.future)

    async def _drain(self, key: tuple[str, str]) -> None:
        if self._busy is None:
            self._busy = asyncio.Lock()  # one model call at a time: the model uses every core
        loop = asyncio.get_running_loop()
        try:
            if key not in self._gathering:
                self._gathering[key] = True
                if self.gathers is not None:
                    async with self._busy:  # it may load the pair's models
                        try:
                            self._gathering[key] = await loop.run_in_executor(
                                self.executor, self.gathers, *key
                            )
                        except Exception:  # noqa: BLE001 - the model call reports it
                            pass
            while self._queues.get(key):
                if self._gathering[key] or self._last.get(key, (1, 0.0))[0] > 1:
                    await self._gather(key)
                async with self._busy:
                    batch = self._take(key)
                    texts = [text for waiting in batch for text in waiting.texts]
                    self._peak[key] = self._inflight.get(key, 0)
                    started = time.perf_counter()
                    try:
                        results = list(
                            await loop.run_in_executor(self.executor, self.run, texts, *key)
                        )
                    except Exception as exc:  # noqa: BLE001 - handed to every waiting request
                        self._inflight[key] -= len(batch)
                        for waiting in batch:
                            if not waiting.future.done():
                                waiting.future.set_exception(exc)
                        continue
                    finally:
                        self._count(key, len(texts), time.perf_counter() - started)
                    self._last[key] = (self._peak[key], time.perf_counter() - started)
                    self._inflight[key] -= len(batch)
                    start = 0
                    for waiting in batch:
                        end = start + len(waiting.texts)
                        if not waiting.future.done():
                            waiting.future.set_result(results[start:end])
                        start = end
        finally:
            self._draining.pop(key, None)

    async def _gather(self, key: tuple[str, str]) -> None:
        """Wait `max_wait`, then, up to `EXPECT_SHARE` of the pair's previous batch's model
        time, while fewer requests wait than were in flight at that batch's peak or while
        requests are still arriving, unless `max_texts` texts already wait."""
        await asyncio.sleep(self.max_wait)
        size, seconds = self._last.get(key, (1, 0.0))
        deadline = time.perf_counter() + EXPECT_SHARE * seconds
        step = max(self.max_wait / 4, 0.001)
        while (now := time.perf_counter()) < deadline:
            queue = self._queues.get(key, ())
            arriving = now - self._arrived.get(key, 0.0) < self.max_wait
            if (len(queue) >= size and not arriving) or sum(
                len(waiting.texts) for waiting in queue
            ) >= self.max_texts:
                break
            await asyncio.sleep(step)

    def _take(self, key: tuple[str, str]) -> list[_Waiting]:
        """Queued requests up to `max_texts` texts (always at least one request)."""
        queue = self._queues.get(key, deque())
        taken: list[_Waiting] = []
        count = 0
        while queue and (not taken or count + len(queue[0].texts) <= self.max_texts):
            waiting = queue.popleft()
            taken.append(waiting)
            count += len(waiting.texts)
        if not queue:
            self._queues.pop(key, None)
        return taken

    def _count(self, key: tuple[str, str], texts: int, seconds: float) -> None:
        self.sizes.setdefault(key, Counter())[texts] += 1
        self.model_seconds[key] = self.model_seconds.get(key, 0.0) + seconds

    @property
    def batches(self) -> int:
        """Model calls made so far, every pair together."""
        return sum(sum(sizes.values()) for sizes in self.sizes.values())

    def stats(self) -> dict[str, Any]:
        """Per pair (`src-tgt`): model calls, texts, mean texts per call, how many calls
        carried each batch size and the seconds spent in model calls, so an operator can
        see whether batching forms under load and how busy the model is."""
        pairs = {}
        for key, sizes in sorted(self.sizes.items()):
            calls, texts = sum(sizes.values()), sum(n * k for n, k in sizes.items())
            pairs["-".join(key)] = {
                "model_calls": calls,
                "texts": texts,
                "mean_batch": round(texts / calls, 2),
                "batch_sizes": {str(n): sizes[n] for n in sorted(sizes)},
                "model_seconds": round(self.model_seconds[key], 3),
            }
        return {
            "batching": self.enabled,
            "max_wait_ms": round(self.max_wait * 1000, 3),
            "max_texts": self.max_texts,
            "pairs": pairs,
        }
