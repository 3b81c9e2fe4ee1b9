"""NTREX-128's lines of the 40 documents of ../shared/eval/news_docs.jsonl (the word-list
builds), and of its other 83 (held out, to measure on).

The detection word lists are made from the 40 documents only; NTREX's other 83
documents, where `make eval ONLY=detect` measures the result, are read by measurements
only (`held_out_lines`).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

NTREX_COMMIT = "8561f6a"


def dev_lines(ntrex: Path, code: str, eval_dir: Path) -> list[str]:
    """NTREX-128's `code` lines (e.g. "glg") of the 40 news_docs.jsonl documents.

    `ntrex` is a git directory of MicrosoftTranslator/NTREX holding `NTREX_COMMIT`.
    """
    return _lines(ntrex, code, eval_dir, dev=True)


def held_out_lines(ntrex: Path, code: str, eval_dir: Path) -> list[str]:
    """NTREX-128's `code` lines of the 83 documents news_docs.jsonl does not hold."""
    return _lines(ntrex, code, eval_dir, dev=False)


def _lines(ntrex: Path, code: str, eval_dir: Path, dev: bool) -> list[str]:
    """The `code` lines of the news_docs.jsonl documents (`dev`) or of the others."""

    def show(path: str) -> list[str]:
        run = subprocess.run(
            ["git", "--git-dir", str(ntrex), "show", f"{NTREX_COMMIT}:{path}"],
            check=True,
            capture_output=True,
            text=True,
        )
        return run.stdout.splitlines()

    dev_docs = {
        json.loads(line)["doc_id"] for line in (eval_dir / "news_docs.jsonl").open(encoding="utf-8")
    }
    lines = show(f"NTREX-128/newstest2019-ref.{code}.txt")
    return [
        line
        for line, doc in zip(lines, show("DOCUMENT_IDS.tsv"), strict=True)
        if (doc in dev_docs) == dev
    ]
