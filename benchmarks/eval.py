"""`make eval`: quality of every stage on ../shared/eval (see benchmarks/runner.py)."""

import sys

from benchmarks.runner import run_all

if __name__ == "__main__":
    sys.exit(run_all("eval"))
