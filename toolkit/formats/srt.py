"""SubRip subtitles (.srt): cue numbers, timings and blank lines kept; cue text translated.

A cue's lines are one sentence broken for display, so they are translated together and
the translation is re-broken into the same number of lines. A dialogue cue (every line
starts with "-") is one unit per line, each speaker kept apart. Formatting tags at the
start of the first line and the end of the last (``<i>``, ``{\\an8}``) stay in place;
tags inside the text are dropped from what the model sees.
"""

from __future__ import annotations

import re

from toolkit.formats.base import Document, FormatOptions

_TIMING = re.compile(
    r"^\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*-->\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}.*$"
)
_LINE = re.compile(r"[^\r\n]*(\r\n|\n|\r|$)")
_LEADING_TAGS = re.compile(r"^(?:\s*(?:<[^<>]*>|\{[^{}]*\}))+\s*")
_TRAILING_TAGS = re.compile(r"\s*(?:(?:<[^<>]*>|\{[^{}]*\})\s*)+$")
_ANY_TAG = re.compile(r"<[^<>]*>|\{[^{}]*\}")
_DIALOGUE = re.compile(r"^(\s*-\s*)")


def parse(text: str, options: FormatOptions | None = None) -> Document:
    """Find the cues of `text` and make their text lines units."""
    doc = Document(text)
    spoken: list[str] = []
    for block in _blocks(text):
        timing = next((i for i, line in enumerate(block) if _TIMING.match(line[2])), None)
        if timing is None or timing > 1:
            continue  # not a cue: kept as it is
        lines = block[timing + 1 :]
        if not lines:
            continue
        if len(lines) > 1 and all(_DIALOGUE.match(line[2]) for line in lines):
            for start, _end, content in lines:
                found = _DIALOGUE.match(content)
                prefix = found.end() if found else 0
                spoken.append(_add(doc, start + prefix, content[prefix:], 1, ""))
        else:
            newline = _newline_of(text, lines[0])
            joined = newline.join(line[2] for line in lines)
            spoken.append(_add(doc, lines[0][0], joined, len(lines), newline))
    doc.paragraphs = [" ".join(s for s in spoken if s)] if spoken else []
    return doc


def _add(doc: Document, start: int, content: str, n_lines: int, newline: str) -> str:
    """Add the text between leading and trailing tags as a unit; return that text."""
    lead = _LEADING_TAGS.match(content)
    body_start = lead.end() if lead else 0
    trail = _TRAILING_TAGS.search(content, body_start)
    body_end = trail.start() if trail else len(content)
    body_end = len(content[:body_end].rstrip())
    if body_end <= body_start:
        return ""
    unit = " ".join(_ANY_TAG.sub(" ", content[body_start:body_end]).split())
    if not unit:
        return ""
    doc.add(
        start + body_start,
        start + body_end,
        unit,
        lambda translated: newline.join(wrap(translated, n_lines)) if newline else translated,
    )
    return unit


def wrap(text: str, n_lines: int) -> list[str]:
    """Break `text` into at most `n_lines` lines of similar length, at spaces."""
    words = text.split()
    if n_lines <= 1 or len(words) <= 1:
        return [" ".join(words)]
    lines: list[str] = []
    remaining = words
    for left in range(n_lines, 1, -1):
        target = len(" ".join(remaining)) / left
        line: list[str] = []
        while len(remaining) > left - 1 and (
            not line or len(" ".join([*line, remaining[0]])) <= target + len(remaining[0]) / 2
        ):
            line.append(remaining.pop(0))
        lines.append(" ".join(line))
    lines.append(" ".join(remaining))
    return [line for line in lines if line]


def _blocks(text: str) -> list[list[tuple[int, int, str]]]:
    """Groups of consecutive non-blank lines as (start, end, content without newline)."""
    blocks: list[list[tuple[int, int, str]]] = []
    current: list[tuple[int, int, str]] = []
    for match in _LINE.finditer(text):
        if match.start() == len(text) and not match.group():
            break
        content = match.group()[: len(match.group()) - len(match.group(1))]
        if content.strip():
            current.append((match.start(), match.start() + len(content), content))
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _newline_of(text: str, line: tuple[int, int, str]) -> str:
    """The line break that follows `line` in the source ("\\n" if it is the last line)."""
    end = line[1]
    if text.startswith("\r\n", end):
        return "\r\n"
    if text.startswith("\r", end):
        return "\r"
    return "\n"
