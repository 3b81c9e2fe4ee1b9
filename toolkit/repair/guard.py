"""The guard that decides whether a model post-edit may replace the rules' output.

A language model asked to fix one slip can also invent, drop or "correct" facts. The
guard accepts a candidate only if it keeps every number, every capitalised word (names),
every quoted passage and the line structure of the original, and differs from it by at
most `max_drift` (character edit distance divided by the longer length). Otherwise it
says why, and the caller keeps the rules' text.
"""

from __future__ import annotations

from collections import Counter

import regex

_NUMBER = regex.compile(r"\p{N}+(?:[.,\u00a0\u202f ]\p{N}+)*")
_CAPITALISED = regex.compile(r"(?<![\p{L}\p{M}\p{N}])\p{Lu}[\p{L}\p{M}\p{N}'’\-]*")
_QUOTED = regex.compile(r"[\"“„«»](?P<inner>[^\"“”„«»]{1,400}?)[\"”“»«]")


def check_post_edit(original: str, candidate: str, *, max_drift: float) -> str | None:
    """Why `candidate` may not replace `original`, or None when it may."""
    if not candidate.strip():
        return "empty output"
    if candidate.count("\n") != original.count("\n"):
        return "changes the line structure"
    before, after = _numbers(original), _numbers(candidate)
    if before != after:
        return f"changes numbers ({_difference(before, after)})"
    before, after = _names(original), _names(candidate)
    if before != after:
        return f"changes names ({_difference(before, after)})"
    if Counter(_quoted(original)) != Counter(_quoted(candidate)):
        return "changes quoted words"
    drift = edit_ratio(original, candidate)
    if drift > max_drift:
        return f"drifts too far from the input ({drift:.2f} > {max_drift:.2f})"
    return None


def edit_ratio(a: str, b: str) -> float:
    """Levenshtein distance between `a` and `b` divided by the longer length (0..1)."""
    longest = max(len(a), len(b))
    if longest == 0:
        return 0.0
    if abs(len(a) - len(b)) / longest >= 1.0:
        return 1.0
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1] / longest


def _numbers(text: str) -> Counter:
    return Counter(regex.sub(r"\D", "", m.group()) for m in _NUMBER.finditer(text))


def _names(text: str) -> Counter:
    """Capitalised words that do not start a sentence: names, mostly."""
    names: Counter = Counter()
    for m in _CAPITALISED.finditer(text):
        before = text[max(0, m.start() - 4) : m.start()].rstrip().rstrip('"“”«»„‘’(')
        if before and before[-1] not in ".!?…:":
            names[m.group()] += 1
    return names


def _quoted(text: str) -> list[str]:
    return [m.group("inner") for m in _QUOTED.finditer(text)]


def _difference(before: Counter, after: Counter) -> str:
    lost = ", ".join(sorted((before - after).elements()))
    added = ", ".join(sorted((after - before).elements()))
    parts = [f"-{lost}" if lost else "", f"+{added}" if added else ""]
    return " ".join(p for p in parts if p)
