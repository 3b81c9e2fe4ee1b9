"""`toolkit serve` under load: requests/s and p50/p95 latency at 1, 4 and 16 concurrent
clients, dynamic batching on vs off, against the real-size random Marian
(benchmarks/realsize.py: the opus-mt shape, random weights).

Each server is a real `toolkit serve` in a subprocess on a free loopback port (started
through this module so the generation length can be pinned: random weights never stop on
their own, so every sentence generates exactly `NEW_TOKENS` tokens and the work per
request is identical in every run). Clients are threads sending `POST /translate` over
httpx, each request one distinct English news sentence (the translation memory is off).
The same `REQUESTS` requests are sent at each concurrency level. Floor: with batching on,
16 concurrent clients get >= 4x the throughput of the same requests sent one at a time.

Traffic goes only to 127.0.0.1; counts and time are bounded (`REQUESTS`, `TIMEOUT_S`).
Run: `ONLY=serve make bench` (or `ONLY=serve python -m benchmarks.bench`).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REQUESTS = 48
CLIENTS = (1, 4, 16)
NEW_TOKENS = 16
THREADS = 2
TIMEOUT_S = 300
FLOOR = 4.0


def main() -> dict:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from serve_helpers import running_server, write_config

    from benchmarks.realsize import news_sentences, real_size_marian

    model = real_size_marian()
    sentences = list(dict.fromkeys(news_sentences()))[: REQUESTS * len(CLIENTS) * 2 + 1]
    figures: dict[str, object] = {"requests": REQUESTS, "new_tokens": NEW_TOKENS}
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        for batching in (True, False):
            config = write_config(
                Path(tmp) / f"toolkit-{batching}.toml",
                {"en-es": model},
                batching=batching,
                timeout=float(TIMEOUT_S),
            )
            _add_threads(config)
            with running_server(config, launcher="benchmarks.bench_serve") as (url, _):
                _send(url, sentences[:1], 1)  # load the model outside the timing
                label = "on" if batching else "off"
                for n, clients in enumerate(CLIENTS):
                    offset = 1 + (n + (len(CLIENTS) if not batching else 0)) * REQUESTS
                    batch = sentences[offset : offset + REQUESTS]
                    wall, latencies = _send(url, batch, clients)
                    row = {
                        "rps": round(REQUESTS / wall, 2),
                        "p50_ms": round(statistics.median(latencies) * 1000, 1),
                        "p95_ms": round(_p95(latencies) * 1000, 1),
                    }
                    figures[f"batching_{label}_{clients}"] = row
                    print(
                        f"batching {label:3} {clients:2} clients: {row['rps']:6.2f} req/s  "
                        f"p50 {row['p50_ms']:7.1f} ms  p95 {row['p95_ms']:7.1f} ms",
                        flush=True,
                    )
    one = figures["batching_on_1"]["rps"]  # type: ignore[index]
    many = figures["batching_on_16"]["rps"]  # type: ignore[index]
    ratio = many / one
    figures["speedup_16_vs_1"] = round(ratio, 2)
    figures["floor"] = FLOOR
    print(
        f"16 concurrent clients vs one at a time (batching on): {ratio:.2f}x "
        f"(floor >= {FLOOR}x: {'met' if ratio >= FLOOR else 'MISSED'})"
    )
    return figures


def _add_threads(config: Path) -> None:
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("[translate]\n", f"[translate]\nthreads = {THREADS}\n"))


def _send(url: str, sentences: list[str], clients: int) -> tuple[float, list[float]]:
    import httpx

    def one(text: str) -> float:
        start = time.perf_counter()
        answer = httpx.post(
            url + "/translate",
            json={"q": text, "source": "en", "target": "es"},
            timeout=TIMEOUT_S,
        )
        answer.raise_for_status()
        return time.perf_counter() - start

    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        latencies = list(pool.map(one, sentences))
    return time.perf_counter() - start, latencies


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _serve() -> None:
    """The server process: `toolkit serve` with the generation length pinned."""
    from toolkit.cli import main as toolkit_main
    from toolkit.translate.backends.base import Backend

    Backend.max_new_tokens = lambda self, input_lengths: NEW_TOKENS
    toolkit_main(sys.argv[1:])


if __name__ == "__main__":
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    _serve()
