"""Start-up costs of the command line, in fresh interpreters (`make bench`).

Each run is a new process, as a user or a shell script pays it; the median of several
runs counts. Timed: `toolkit --help` (interpreter start, `import toolkit`, click), and the
missing-model error of `toolkit translate` with the default model choice and an empty
model cache, without HF_HUB_OFFLINE (it must come within a second: no download retries,
no torch import), once with the source language given and once detected. A bare
`python -c pass` is timed the same way for reference: the part no package can remove.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 9
TARGET_S = 0.3
MISSING_MODEL_TARGET_S = 1.0
ROOT = Path(__file__).resolve().parent.parent


def main() -> dict:
    python = _median_wall([sys.executable, "-c", "pass"])
    help_s = _median_wall([sys.executable, "-m", "toolkit", "--help"])
    translate = [sys.executable, "-m", "toolkit", "translate", "-", "--to", "es"]
    with tempfile.TemporaryDirectory() as empty:
        env = {k: v for k, v in os.environ.items() if not k.endswith("_OFFLINE")}
        env |= {"HF_HOME": empty, "XDG_CACHE_HOME": empty}
        missing_given = _median_wall([*translate, "--from", "en"], expect=5, env=env)
        missing_detected = _median_wall(translate, expect=5, env=env)
    heavy = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json, sys, toolkit.cli; print(json.dumps(sorted("
            "{'torch', 'transformers', 'ctranslate2'} & set(sys.modules))))",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    ).stdout
    heavy = json.loads(heavy)
    verdict = "met" if help_s <= TARGET_S else "MISSED"
    print(f"python -c pass:   {python:.3f} s (median of {RUNS})")
    print(f"toolkit --help:   {help_s:.3f} s (median of {RUNS}; target <= {TARGET_S} s: {verdict})")
    print(f"heavy modules imported by the CLI: {heavy}")
    worst = max(missing_given, missing_detected)
    verdict = "met" if worst <= MISSING_MODEL_TARGET_S else "MISSED"
    print(
        f"missing-model error (exit 5): {missing_given:.3f} s with --from en, "
        f"{missing_detected:.3f} s with detection (target <= {MISSING_MODEL_TARGET_S} s: "
        f"{verdict})"
    )
    return {
        "help_s": round(help_s, 3),
        "python_startup_s": round(python, 3),
        "runs": RUNS,
        "target_s": TARGET_S,
        "met": help_s <= TARGET_S,
        "heavy_modules_imported": heavy,
        "missing_model_error_s": {
            "from_given": round(missing_given, 3),
            "detected": round(missing_detected, 3),
            "met": worst <= MISSING_MODEL_TARGET_S,
        },
    }


def _median_wall(command: list[str], expect: int = 0, env: dict | None = None) -> float:
    """Median wall time of `command`, which must exit with `expect` every time."""
    times = []
    for run in range(RUNS + 1):  # the first run only warms the file cache
        start = time.perf_counter()
        proc = subprocess.run(
            command, input=b"The minister spoke on Monday.", capture_output=True, cwd=ROOT, env=env
        )
        if proc.returncode != expect:
            raise SystemExit(f"{command}: exit {proc.returncode}, expected {expect}")
        if run:
            times.append(time.perf_counter() - start)
    return statistics.median(times)
