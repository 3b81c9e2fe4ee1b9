"""Hostile and unlucky inputs for the linear-time benchmark and tests (issue 13).

Each kind is a function `size -> text` giving about `size` characters of one pattern
that once made a text stage slow down faster than its input grew. They are plain
strings built by repetition, so a benchmark can build 1x..8x of each in one run.
"""

from __future__ import annotations

from collections.abc import Callable

_SENTENCE = (
    "NATO said on Tuesday that 1,200 soldiers would stay in Kabul until 2025. "
    "The rebels are keeping your commitments, he said . "
    "violence continues. felt in the country. "
)


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


KINDS: dict[str, Callable[[int], str]] = {
    "periods": lambda n: _repeat(".", n),
    "bangs": lambda n: _repeat("!", n),
    "glued_periods": lambda n: _repeat("a.b.c.", n),
    "zero_width": lambda n: _repeat("word\u200b", n),
    "dot_space": lambda n: _repeat(". ", n),
    "padded_brackets": lambda n: _repeat("( x ) ", n),
    "real_fixes": lambda n: _repeat(_SENTENCE, n),
    "one_paragraph": lambda n: _repeat("The minister spoke for an hour and ", n),
    "digits": lambda n: _repeat("1234567890", n),
    "digit_words": lambda n: _repeat("12 ab 2024 ", n),
    # long Cyrillic words with a Latin letter between them (detection's lookalike reading:
    # a pattern for "a word with a Latin letter" backtracked over each run, 8 s at 20,000)
    "cyrillic_runs": lambda n: _repeat("ж" * 9_999 + " a ", n),
}
