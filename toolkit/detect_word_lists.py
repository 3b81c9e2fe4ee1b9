"""Read the word lists that detection ships in toolkit/data (`kind<TAB>word` lines, or
`word<TAB>number` for a table of word scores).

Each file starts with a `#` line saying where its words come from (the build script in
benchmarks/ writes it); the rest are one word per line after its kind (`galician` /
`other`, `ekavian` / `ijekavian`, `xh` / `zu`), or before its score (Malay's frequency
ratios).
"""

from __future__ import annotations

import gzip
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def read_word_lists(name: str) -> dict[str, frozenset[str]]:
    """The words of toolkit/data/`name` per kind (gzip-compressed where it ends in .gz)."""
    read: dict[str, set[str]] = {}
    for kind, word in _fields(name):
        read.setdefault(kind, set()).add(word)
    return {kind: frozenset(words) for kind, words in read.items()}


def read_word_scores(name: str) -> dict[str, float]:
    """The score of each word of toolkit/data/`name` (`word<TAB>number` lines)."""
    return {word: float(score) for word, score in _fields(name)}


def _fields(name: str) -> list[tuple[str, str]]:
    """The two tab-separated fields of each line of toolkit/data/`name` but its header."""
    path = DATA / name
    if path.suffix == ".gz":
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            text = handle.read()
    else:
        text = path.read_text(encoding="utf-8")
    fields = []
    for line in text.splitlines():
        if not line.startswith("#"):
            first, second = line.split("\t")
            fields.append((first, second))
    return fields
