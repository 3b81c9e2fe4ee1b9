"""Read the word lists that detection ships in toolkit/data (`kind<TAB>word` lines).

Each file starts with a `#` line saying where its words come from (the build script in
benchmarks/ writes it); the rest are one word per line after its kind (`galician` /
`other`, `ekavian` / `ijekavian`, `xh` / `zu`).
"""

from __future__ import annotations

import gzip
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def read_word_lists(name: str) -> dict[str, frozenset[str]]:
    """The words of toolkit/data/`name` per kind (gzip-compressed where it ends in .gz)."""
    path = DATA / name
    if path.suffix == ".gz":
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            text = handle.read()
    else:
        text = path.read_text(encoding="utf-8")
    read: dict[str, set[str]] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            kind, word = line.split("\t")
            read.setdefault(kind, set()).add(word)
    return {kind: frozenset(words) for kind, words in read.items()}
