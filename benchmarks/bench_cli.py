"""Start-up time of the command line: `toolkit --help` in fresh interpreters (`make bench`).

Each run is a new `python -m toolkit --help` process (interpreter start, `import toolkit`,
click), as a user or a shell script pays it; the median of several runs counts. A bare
`python -c pass` is timed the same way for reference: the part no package can remove.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

RUNS = 9
TARGET_S = 0.3
ROOT = Path(__file__).resolve().parent.parent


def main() -> dict:
    python = _median_wall([sys.executable, "-c", "pass"])
    help_s = _median_wall([sys.executable, "-m", "toolkit", "--help"])
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
    return {
        "help_s": round(help_s, 3),
        "python_startup_s": round(python, 3),
        "runs": RUNS,
        "target_s": TARGET_S,
        "met": help_s <= TARGET_S,
        "heavy_modules_imported": heavy,
    }


def _median_wall(command: list[str]) -> float:
    subprocess.run(command, capture_output=True, cwd=ROOT, check=True)  # warm the file cache
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, cwd=ROOT, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)
