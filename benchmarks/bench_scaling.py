"""Linear time on hostile text (issue 13): `make bench ONLY=scaling`.

Each input kind of `benchmarks/scaling_inputs.py` is built at 1x, 2x, 4x and 8x of
`SCALING_BASE` characters (default 16,000) and run through repair, per-sentence
detection, summarize and the translation segmenter, all measured side by side in one
run. Floors: every doubling costs at most 2.5x (not checked where the smaller time is
under 50 ms: timer noise), and 1 MB of each kind finishes each stage within 5 s. A
doubling's sizes take the best of `REPEATS` calls (a scheduler tick on this shared
machine once showed as 2.7x on a 50 ms row), the 1 MB row one call. Each size runs in a
child process with a timeout, so a regression shows as TIMEOUT instead of
a hung benchmark. Exits non-zero (via `main()["failed"]`) when a floor is missed.
"""

from __future__ import annotations

import itertools
import multiprocessing as mp
import os
import time
from collections.abc import Callable

from benchmarks.scaling_inputs import KINDS

RATIO_FLOOR = 2.5
MB_FLOOR_S = 5.0
NOISE_S = 0.05
TIMEOUT_S = 60.0
REPEATS = 3
WARM_UP = "Warm-up text. It loads the models and the profiles once."


def _stage(name: str) -> Callable[[str], object]:
    if name == "repair":
        from toolkit.repair import repair

        return lambda text: repair(text, "en")
    if name == "detect_per_sentence":
        from toolkit.detect import detect_spans

        return lambda text: detect_spans(text, per_sentence=True)
    if name == "summarize":
        from toolkit.summarize import summarize

        return lambda text: summarize(text, lang="en")
    from toolkit.translate.segment import units

    return units


STAGES = ("repair", "detect_per_sentence", "summarize", "segment")


def _child(stage: str, kind: str, size: int, repeats: int, queue: mp.Queue) -> None:
    run = _stage(stage)
    text = KINDS[kind](size)
    run(WARM_UP)
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        run(text)
        best = min(best, time.perf_counter() - start)
    queue.put(best)


def _timed(stage: str, kind: str, size: int, repeats: int = 1) -> float | None:
    """Seconds for the best of `repeats` calls, or None when they ran past TIMEOUT_S (or died)."""
    queue: mp.Queue = mp.Queue()
    child = mp.Process(target=_child, args=(stage, kind, size, repeats, queue))
    child.start()
    child.join(TIMEOUT_S)
    if child.is_alive():
        child.kill()
        child.join()
        return None
    return queue.get() if not queue.empty() else None


def _row(stage: str, kind: str, base: int) -> tuple[dict, list[str]]:
    times: list[float | None] = [_timed(stage, kind, base * m, REPEATS) for m in (1, 2, 4, 8)]
    mb = _timed(stage, kind, 1_000_000)
    misses = []
    ratios = []
    for small, big in itertools.pairwise(times):
        if small is None or big is None:
            ratios.append(None)
            continue
        ratio = big / small if small > 0 else 0.0
        ratios.append(round(ratio, 2))
        if small >= NOISE_S and ratio > RATIO_FLOOR:
            misses.append(f"{stage}/{kind}: a doubling cost {ratio:.1f}x")
    if None in times:
        misses.append(f"{stage}/{kind}: TIMEOUT at {TIMEOUT_S:.0f} s")
    if mb is None or mb > MB_FLOOR_S:
        misses.append(f"{stage}/{kind}: 1 MB took {'TIMEOUT' if mb is None else f'{mb:.1f} s'}")
    figures = {
        "seconds": [None if t is None else round(t, 3) for t in times],
        "ratios": ratios,
        "mb_seconds": None if mb is None else round(mb, 2),
    }
    return figures, misses


def main() -> dict:
    base = int(os.environ.get("SCALING_BASE", "16000"))
    print(
        f"sizes {base:,} x 1/2/4/8 characters; 1 MB row; floors: <= {RATIO_FLOOR}x per "
        f"doubling, <= {MB_FLOOR_S:.0f} s per MB"
    )
    print(f"{'stage':<20} {'kind':<16} {'1x..8x seconds':<34} {'ratios':<22} 1 MB s")
    figures: dict = {"base_chars": base}
    failed: list[str] = []
    for stage in STAGES:
        for kind in KINDS:
            row, misses = _row(stage, kind, base)
            figures[f"{stage}/{kind}"] = row
            failed.extend(misses)
            secs = " ".join("TIMEOUT" if t is None else f"{t:.3f}" for t in row["seconds"])
            ratios = " ".join("-" if r is None else f"{r:.2f}" for r in row["ratios"])
            print(f"{stage:<20} {kind:<16} {secs:<34} {ratios:<22} {row['mb_seconds']}", flush=True)
    figures["failed"] = failed
    print("\n".join(["floors missed:", *failed]) if failed else "all floors met")
    return figures
