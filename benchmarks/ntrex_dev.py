"""NTREX-128's lines of the 40 documents of ../shared/eval/news_docs.jsonl (the word-list builds).

The detection word lists are made from these documents only; NTREX's other 83 documents,
where `make eval ONLY=detect` measures the result, are not read.
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
        line for line, doc in zip(lines, show("DOCUMENT_IDS.tsv"), strict=True) if doc in dev_docs
    ]
