"""Sanity checks on model output: dropped sentences, truncation and runaway repetition.

A seq2seq model can silently drop half a sentence or loop ("the the the ..."). Each
translated sentence is compared with its source: empty output, a target much shorter or
much longer than expected for the language pair, or a stretch of text repeated many
times that the source does not repeat. Problems are reported, never hidden.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Characters per unit of meaning relative to English; scripts that pack more meaning
# into each character make translations into them look "short".
_DENSITY = {"zh": 0.3, "ja": 0.4, "ko": 0.5}
# A unit of 3-100 characters repeated 4+ times: runaway loops repeat short phrases, and the
# bound keeps the search linear in the sentence (an unbounded unit is cubic on a 100k line).
_REPEAT = re.compile(r"(.{3,100}?)\1{3,}", re.DOTALL)

MIN_RATIO = 0.3
MAX_RATIO = 3.0
_MIN_CHARS = 20  # ratios of very short sentences say nothing

EMPTY = "empty output"
SHORT = "output much shorter than the source (possible dropped content)"
LONG = "output much longer than the source (possible runaway generation)"
REPEATED = "repeated text in the output (possible runaway repetition)"


def check_sentence(source: str, target: str, src: str, tgt: str) -> list[str]:
    """Problems found in one translated sentence (an empty list when it looks sane)."""
    if not target.strip():
        return [EMPTY]
    problems = []
    expected = _DENSITY.get(tgt, 1.0) / _DENSITY.get(src, 1.0)
    ratio = len(target) / max(1, len(source)) / expected
    if len(source) >= _MIN_CHARS and ratio < MIN_RATIO:
        problems.append(SHORT)
    if len(target) >= _MIN_CHARS and ratio > MAX_RATIO:
        problems.append(LONG)
    if _REPEAT.search(target) and not _REPEAT.search(source):
        problems.append(REPEATED)
    return problems


def summarize(flags: Sequence[Sequence[str]], total: int) -> list[str]:
    """One warning per kind of problem, with how many sentences and which (1-based)."""
    by_problem: dict[str, list[int]] = {}
    for index, problems in enumerate(flags):
        for problem in problems:
            by_problem.setdefault(problem, []).append(index + 1)
    warnings = []
    for problem, where in by_problem.items():
        shown = ", ".join(map(str, where[:10])) + (", ..." if len(where) > 10 else "")
        warnings.append(f"{len(where)} of {total} sentences: {problem} (sentences {shown})")
    return warnings
