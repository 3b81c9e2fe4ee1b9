"""Cutting documents into sentences for a model, and sentences into model-sized pieces.

`units(text)` finds the sentences to translate as spans into the original text;
everything between them (blank lines, indentation, heading ``#``, list markers ``-``,
``*``, ``1.``, quote ``>``, leading and trailing whitespace) is kept verbatim, so the
translated document has exactly the source's layout. Inside a paragraph each line
starts a new stretch of text, except a line that begins with a lowercase letter, which
continues the previous line's sentence (hard-wrapped prose); headlines, bylines and
datelines on their own lines therefore never merge with the sentence that follows.

`split_long` cuts a sentence that exceeds the model's input limit at clause boundaries
(``;`` / ``:``, then commas, then conjunctions) and only as a last resort into word
(or, for unspaced scripts, character) windows. Nothing is ever truncated.
`plan_batches` groups sentences, sorted by length, under a padded-token budget.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from toolkit.text import Span, paragraphs, sentences

_MARKER = re.compile(r"[ \t]*(?:#{1,6}[ \t]+|[-*+•][ \t]+|\d{1,3}[.)][ \t]+|>[ \t]?)")
_LETTER = re.compile(r"[^\W\d_]")

# Clause boundaries, strongest first. The separator stays with the left piece.
_CLAUSE_LEVELS: tuple[re.Pattern[str], ...] = (
    re.compile(r"(?<=[;:；：])\s*"),
    re.compile(r"(?<=[,，、،])\s*"),
    re.compile(
        r"\s+(?=(?:and|but|or|because|while|although|whereas|which|who|"
        r"y|pero|porque|mientras|et|mais|ou|parce|tandis|und|aber|oder|weil|während|"
        r"e|ma|perché|mentre|mas|porém|и|но|или|потому)\s)",
        re.IGNORECASE,
    ),
)

#: Languages written without spaces between words: pieces are joined without one.
UNSPACED = frozenset({"zh", "ja", "th", "lo", "km", "my", "bo"})


def units(text: str) -> list[Span]:
    """The sentences of a document to translate, in order, as spans into `text`.

    Stretches with no letters at all (numbers, rules like ``***``) are left alone.
    """
    found: list[Span] = []
    for para in paragraphs(text):
        region: int | None = None
        pos = para.start
        while pos < para.end:
            newline = text.find("\n", pos, para.end)
            line_end = para.end if newline == -1 else newline
            marker = _MARKER.match(text, pos, line_end)
            if marker and marker.end() < line_end:
                _collect(found, text, region, pos)
                region = marker.end()
                if marker.group().lstrip().startswith("#"):  # a heading is one line
                    _collect(found, text, region, line_end)
                    region = None
            elif region is None or not _continues(text, pos, line_end):
                _collect(found, text, region, pos)
                region = pos
            pos = line_end + 1
        _collect(found, text, region, para.end)
    return found


def _continues(text: str, start: int, end: int) -> bool:
    """A line that starts with a lowercase letter continues the previous sentence."""
    stripped = text[start:end].lstrip()
    return bool(stripped) and stripped[0].islower()


def _collect(found: list[Span], text: str, start: int | None, end: int) -> None:
    if start is None or start >= end:
        return
    found.extend(s for s in sentences(text, start, end) if _LETTER.search(s.text))


def split_long(sentence: str, count: Callable[[Sequence[str]], list[int]], limit: int) -> list[str]:
    """Pieces of `sentence`, each at most `limit` tokens by `count`, in order.

    Joining the pieces with single spaces gives back the sentence up to whitespace.
    """
    if count([sentence])[0] <= limit:
        return [sentence]
    return _split(sentence, count, limit, 0)


def _split(
    sentence: str, count: Callable[[Sequence[str]], list[int]], limit: int, level: int
) -> list[str]:
    if level >= len(_CLAUSE_LEVELS):
        return _windows(sentence, count, limit)
    parts = [p.strip() for p in _CLAUSE_LEVELS[level].split(sentence) if p.strip()]
    if len(parts) < 2:
        return _split(sentence, count, limit, level + 1)
    pieces: list[str] = []
    current = ""
    for part, size in zip(parts, count(parts), strict=True):
        if size > limit:
            if current:
                pieces.append(current)
                current = ""
            pieces.extend(_split(part, count, limit, level + 1))
            continue
        candidate = f"{current} {part}" if current else part
        if current and count([candidate])[0] > limit:
            pieces.append(current)
            candidate = part
        current = candidate
    if current:
        pieces.append(current)
    return pieces


def _windows(sentence: str, count: Callable[[Sequence[str]], list[int]], limit: int) -> list[str]:
    """Last resort: consecutive word windows (character windows for unspaced text)."""
    words = sentence.split()
    joiner = " "
    if len(words) < 2:
        words, joiner = list(sentence), ""
    pieces: list[str] = []
    start = 0
    while start < len(words):
        # Grow the window by halving steps: the longest prefix that fits the limit.
        size, step = 1, 1
        while start + size < len(words) and step:
            wanted = min(len(words) - start, size + step)
            if count([joiner.join(words[start : start + wanted])])[0] <= limit:
                size = wanted
                step *= 2
            else:
                step //= 2
        pieces.append(joiner.join(words[start : start + size]))
        start += size
    return pieces


def plan_batches(lengths: Sequence[int], budget: int) -> list[list[int]]:
    """Indices grouped into batches: sorted by length, each batch's padded size
    (count x longest) within `budget` tokens (a single long item may exceed it)."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    batches: list[list[int]] = []
    current: list[int] = []
    for index in order:
        if current and (len(current) + 1) * lengths[index] > budget:
            batches.append(current)
            current = []
        current.append(index)
    if current:
        batches.append(current)
    return batches


def join_pieces(pieces: Sequence[str], tgt: str) -> str:
    """Put translated pieces of one sentence back together."""
    joiner = "" if tgt in UNSPACED else " "
    return joiner.join(p.strip() for p in pieces if p.strip())
