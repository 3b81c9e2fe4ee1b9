"""Keeping repair out of glossary terms: a rule's changes that touch a term are dropped.

A term such as "Resolute Support." or "U.S." must reach the translator as the glossary
spells it, so `toolkit.repair` asks `outside_terms` to filter each rule's proposed
changes: a change that replaces characters of a term, or inserts inside one, is left out
(inserting right before or after a term is fine). Linear: the terms are found once per
rule run and each change is placed by binary search.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from toolkit.config import Config


class _Change(Protocol):
    start: int
    end: int


def outside_terms(changes: Sequence[_Change], spans: Sequence[tuple[int, int]]) -> list:
    """The changes that touch none of `spans` ((start, end), sorted, not overlapping)."""
    ends = [end for _, end in spans]
    kept = []
    for change in changes:
        index = bisect_right(ends, change.start)  # the first term ending after the change starts
        if index < len(spans):
            start = spans[index][0]
            limit = change.end if change.end > change.start else change.start + 1
            if start < limit and (change.end > change.start or start < change.start):
                continue
        kept.append(change)
    return kept


def term_guard(config: Config, lang: str) -> Callable[[str, Sequence], list] | None:
    """For `repair`: (text, changes) -> the changes outside `lang`'s glossary terms, or
    None when the config names no glossary."""
    if not config.glossary.files:
        return None
    from toolkit.glossary import from_config

    rules = from_config(config).source_rules(lang)
    if not rules:
        return None

    def guard(text: str, changes: Sequence) -> list:
        return outside_terms(changes, [(m.start, m.end) for m in rules.find(text)])

    return guard
