"""Finding glossary terms in text in one pass: a trie over word tokens.

Text is cut into tokens (runs of letters and digits, single characters of scripts
written without spaces, single punctuation marks) and the gaps between them (spaces or
nothing). A term matches a run of whole tokens with the same gaps, so "NATO" is found in
"NATO's" but not in "NATOs", and "U.S." in "the U.S. army" but not in "U. S.". At each
token the trie is walked at most as deep as the longest term (capped by `MAX_TOKENS` at
load), so finding every term costs O(tokens x longest term): linear in the text for a
given glossary, whatever the number of terms. The leftmost, then longest, match wins and
matches never overlap.

Case: a term is matched exactly, or (``ignore_case``) by its case-folded tokens.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

#: the most tokens a term may have (a longer one is a glossary error, see `files`)
MAX_TOKENS = 32

# scripts written without spaces (Thai, Lao, Myanmar, Khmer, kana, Han): one token a letter
_SPACELESS = (
    r"\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
)
_TOKEN = re.compile(rf"[{_SPACELESS}]|[^\W{_SPACELESS}]+|[^\w\s]")

T = TypeVar("T")


@dataclass(frozen=True)
class Token:
    """One token of a text: its characters and whether whitespace comes before it."""

    text: str
    start: int
    end: int
    spaced: bool


def tokens(text: str) -> list[Token]:
    """The tokens of `text`, in order (see the module docstring)."""
    out = []
    previous = 0
    for match in _TOKEN.finditer(text):
        out.append(Token(match.group(), match.start(), match.end(), match.start() > previous))
        previous = match.end()
    return out


@dataclass(frozen=True)
class Match(Generic[T]):
    """A term found in a text: where, the text as written there, and the term's value."""

    start: int
    end: int
    text: str
    value: T


class _Node(Generic[T]):
    __slots__ = ("children", "value")

    def __init__(self) -> None:
        self.children: dict[tuple[bool, str], _Node[T]] = {}
        self.value: T | None = None


class Matcher(Generic[T]):
    """Terms (each with a value) found in texts in linear time."""

    def __init__(self, terms: Iterable[tuple[str, bool, T]] = ()) -> None:
        """`terms`: (term, ignore_case, value); a later equal term replaces an earlier one."""
        self._exact: _Node[T] = _Node()
        self._folded: _Node[T] = _Node()
        self.depth = 0
        for term, ignore_case, value in terms:
            self.add(term, ignore_case, value)

    def add(self, term: str, ignore_case: bool, value: T) -> None:
        """Add one term; an empty or punctuation-free-of-words term is a ValueError."""
        found = tokens(term)
        if not found:
            raise ValueError("the term has no letters, digits or signs")
        node = self._folded if ignore_case else self._exact
        for index, token in enumerate(found):
            key = (index > 0 and token.spaced, token.text.casefold() if ignore_case else token.text)
            node = node.children.setdefault(key, _Node())
        node.value = value
        self.depth = max(self.depth, len(found))

    def __bool__(self) -> bool:
        return self.depth > 0

    def find(self, text: str) -> list[Match[T]]:
        """Every term in `text`: leftmost-longest, not overlapping, in text order."""
        if not self.depth:
            return []
        found = tokens(text)
        out: list[Match[T]] = []
        index = 0
        while index < len(found):
            best = self._longest(found, index)
            if best is None:
                index += 1
                continue
            last, value = best
            start, end = found[index].start, found[last].end
            out.append(Match(start, end, text[start:end], value))
            index = last + 1
        return out

    def _longest(self, found: list[Token], index: int) -> tuple[int, T] | None:
        """The last token index and value of the longest term starting at `index`."""
        best: tuple[int, T] | None = None
        for root, fold in ((self._exact, False), (self._folded, True)):
            node: _Node[T] | None = root
            for offset in range(min(self.depth, len(found) - index)):
                token = found[index + offset]
                key = (offset > 0 and token.spaced, token.text.casefold() if fold else token.text)
                node = node.children.get(key) if node is not None else None
                if node is None:
                    break
                if node.value is not None and (best is None or index + offset > best[0]):
                    best = (index + offset, node.value)
        return best
