"""Run every harness module of one kind (`eval_*.py` or `bench_*.py`) in order.

Each harness module has `main() -> dict` that prints its own report and returns the
figures; the runner stores them all in `benchmarks/results/<kind>.json` and exits 1 when
a harness reports missed floors (a non-empty "failed" list). Set
`ONLY=name` (e.g. `make eval ONLY=detect`) to run one harness.
"""

from __future__ import annotations

import importlib
import json
import os
import platform
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"


def run_all(kind: str) -> int:
    """Run each `benchmarks/<kind>_*.py` harness; return a process exit code."""
    only = os.environ.get("ONLY", "")
    names = sorted(p.stem for p in HERE.glob(f"{kind}_*.py"))
    if only:
        names = [n for n in names if n == f"{kind}_{only}"]
    if not names:
        print(f"no {kind} harness matches ONLY={only!r}", file=sys.stderr)
        return 2
    figures: dict[str, object] = {
        "machine": f"{platform.node()} {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}",
        "date": time.strftime("%Y-%m-%d %H:%M"),
    }
    for name in names:
        print(f"\n=== {name} ===", flush=True)
        figures[name] = importlib.import_module(f"benchmarks.{name}").main()
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"{kind}.json"
    out.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nresults written to {out.relative_to(HERE.parent)}")
    missed = [n for n in names if isinstance(figures[n], dict) and figures[n].get("failed")]
    if missed:
        print(f"floors missed in: {', '.join(missed)}", file=sys.stderr)
    return 1 if missed else 0


def eval_data(name: str) -> Path:
    """Path of a file in the shared third-party evaluation set (../shared/eval)."""
    root = Path(os.environ.get("TOOLKIT_EVAL_DIR", HERE.parent.parent / "shared" / "eval"))
    path = root / name
    if not path.is_file():
        raise SystemExit(f"evaluation data not found: {path} (set TOOLKIT_EVAL_DIR)")
    return path


def english_sentences() -> list[str]:
    """The distinct English sentences of news_docs.jsonl, in file order (the benchmarks'
    article material)."""
    found: dict[str, None] = {}
    with eval_data("news_docs.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["lang"] == "en":
                found.update(dict.fromkeys(record["sentences"]))
    return list(found)
