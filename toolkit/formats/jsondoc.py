"""JSON and JSON Lines: the named fields translated, every other byte kept.

Fields are dotted paths (``text``, ``meta.title``); arrays are transparent, so
``paragraphs`` translates every string of a list and ``items.text`` the `text` of every
item. Only string values are translated. The file is not re-serialized: the walker below
finds the offsets of the chosen string literals and only those are rewritten (with
`json.dumps(..., ensure_ascii=False)`), so key order, spacing, number spelling and
escapes elsewhere stay exactly as they were.
"""

from __future__ import annotations

import json
import re
from json.decoder import scanstring  # type: ignore[attr-defined]

from toolkit.formats.base import Document, FormatError, FormatOptions

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def parse(text: str, options: FormatOptions | None = None) -> Document:
    """A `.json` file: one JSON value."""
    options = options or FormatOptions()
    doc = Document(text, records=True)
    paths = _paths(options.fields)
    try:
        end = _value(doc, text, _skip(text, 0), (), paths)
    except (ValueError, IndexError) as exc:
        raise FormatError(f"invalid JSON ({_describe(exc)})") from exc
    if _skip(text, end) != len(text):
        raise FormatError(f"invalid JSON (extra data at {_position(text, _skip(text, end))})")
    return doc


def parse_lines(text: str, options: FormatOptions | None = None) -> Document:
    """A `.jsonl` file: one JSON value per non-blank line."""
    options = options or FormatOptions()
    doc = Document(text, records=True)
    paths = _paths(options.fields)
    for number, match in enumerate(re.finditer(r"[^\n]*(?:\n|$)", text), start=1):
        line_start, line_end = match.start(), match.start() + len(match.group().rstrip("\r\n"))
        start = _skip(text, line_start)
        if start >= line_end:
            continue
        try:
            end = _value(doc, text, start, (), paths)
            if _skip(text, end) < line_end:
                raise ValueError("extra data after the value")
        except (ValueError, IndexError) as exc:
            raise FormatError(f"line {number}: invalid JSON ({_describe(exc)})") from exc
    return doc


def _paths(fields: tuple[str, ...]) -> set[tuple[str, ...]]:
    return {tuple(field.split(".")) for field in fields if field}


def _value(
    doc: Document, text: str, idx: int, path: tuple[str, ...], paths: set[tuple[str, ...]]
) -> int:
    """Walk the value at `idx`, adding slots for target strings; return where it ends."""
    char = text[idx : idx + 1]
    if char == '"':
        value, end = scanstring(text, idx + 1)
        if path in paths:
            _add_string(doc, idx, end, value)
        return end
    wanted = any(p[: len(path)] == path for p in paths)
    if char == "{" and wanted:
        return _object(doc, text, idx, path, paths)
    if char == "[" and wanted:
        return _array(doc, text, idx, path, paths)
    return _DECODER.raw_decode(text, idx)[1]


def _object(
    doc: Document, text: str, idx: int, path: tuple[str, ...], paths: set[tuple[str, ...]]
) -> int:
    idx = _skip(text, idx + 1)
    if text[idx : idx + 1] == "}":
        return idx + 1
    while True:
        if text[idx : idx + 1] != '"':
            raise ValueError(f"expected a key at {_position(text, idx)}")
        key, idx = scanstring(text, idx + 1)
        idx = _skip(text, idx)
        if text[idx : idx + 1] != ":":
            raise ValueError(f"expected ':' at {_position(text, idx)}")
        idx = _value(doc, text, _skip(text, idx + 1), (*path, key), paths)
        idx = _skip(text, idx)
        char = text[idx : idx + 1]
        if char == "}":
            return idx + 1
        if char != ",":
            raise ValueError(f"expected ',' or '}}' at {_position(text, idx)}")
        idx = _skip(text, idx + 1)


def _array(
    doc: Document, text: str, idx: int, path: tuple[str, ...], paths: set[tuple[str, ...]]
) -> int:
    idx = _skip(text, idx + 1)
    if text[idx : idx + 1] == "]":
        return idx + 1
    while True:
        idx = _skip(text, _value(doc, text, idx, path, paths))
        char = text[idx : idx + 1]
        if char == "]":
            return idx + 1
        if char != ",":
            raise ValueError(f"expected ',' or ']' at {_position(text, idx)}")
        idx = _skip(text, idx + 1)


def _add_string(doc: Document, start: int, end: int, value: str) -> None:
    """Make a string literal `text[start:end]` a unit; its outer whitespace is kept."""
    stripped = value.strip()
    if not stripped:
        return
    lead = value[: len(value) - len(value.lstrip())]
    trail = value[len(value.rstrip()) :]
    doc.add(
        start,
        end,
        stripped,
        lambda translated: json.dumps(lead + translated.strip() + trail, ensure_ascii=False),
    )


def _skip(text: str, idx: int) -> int:
    found = _WHITESPACE.match(text, idx)
    return found.end() if found else idx


def _position(text: str, idx: int) -> str:
    line = text.count("\n", 0, idx) + 1
    column = idx - (text.rfind("\n", 0, idx) + 1) + 1
    return f"line {line} column {column}"


def _describe(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at line {exc.lineno} column {exc.colno}"
    if isinstance(exc, IndexError):
        return "unexpected end of data"
    return str(exc)
