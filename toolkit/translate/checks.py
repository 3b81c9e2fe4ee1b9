"""Sanity checks on model output: dropped sentences, truncation and runaway repetition.

A seq2seq model can silently drop half a sentence or loop ("the the the ..."). Each
translated sentence is compared with its source: empty output, a target much shorter or
much longer than expected for the language pair, or a stretch of text repeated many
times that the source does not repeat. Problems are reported, never hidden.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

# Characters per unit of meaning relative to English; scripts that pack more meaning
# into each character make translations into them look "short".
_DENSITY = {"zh": 0.3, "ja": 0.4, "ko": 0.5}
# A unit of 3-100 characters repeated 4+ times: runaway loops repeat short phrases, and the
# bound keeps the search linear in the sentence (an unbounded unit is cubic on a 100k line).
_UNIT_MIN, _UNIT_MAX = 3, 100
_REPEAT = re.compile(rf"(.{{{_UNIT_MIN},{_UNIT_MAX}}}?)\1{{3,}}", re.DOTALL)
# Up to this length a pure-Python prefilter (below) is cheaper than the regex, which tries
# every unit length at every position; past it the regex alone keeps the work linear.
_PREFILTER_MAX_CHARS = 2000

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
    if _repeats(target) and not _repeats(source):
        problems.append(REPEATED)
    return problems


def _repeats(text: str) -> bool:
    """Whether a unit of 3-100 characters occurs 4+ times in a row in `text`.

    Four copies of a unit of length L put the unit's first three characters at positions
    p, p+L, p+2L, p+3L, so a text with no trigram at four such evenly spaced positions
    cannot match and skips the regex. Every sentence of every translation runs this check,
    and on ordinary sentences the prefilter is about six times cheaper than the regex.
    """
    if len(text) > _PREFILTER_MAX_CHARS:
        return _REPEAT.search(text) is not None
    starts: defaultdict[str, list[int]] = defaultdict(list)
    for index in range(len(text) - 2):
        starts[text[index : index + 3]].append(index)
    if not any(len(found) >= 4 and _evenly_spaced(found) for found in starts.values()):
        return False
    return _REPEAT.search(text) is not None


def _evenly_spaced(positions: list[int]) -> bool:
    """Whether sorted `positions` hold i, i+d, i+2d, i+3d for some unit length d."""
    present = set(positions)
    for rank, first in enumerate(positions):
        for second in positions[rank + 1 :]:
            step = second - first
            if step > _UNIT_MAX:
                break
            if step >= _UNIT_MIN and second + step in present and second + 2 * step in present:
                return True
    return False


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
