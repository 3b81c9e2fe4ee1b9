"""Readers/writers that keep a document's structure while its text is translated.

Each format module has ``parse(text, options) -> Document``: the translatable units and
the slots they replace (see `toolkit.formats.base`). ``Document.render(translations,
lang)`` gives the file back, byte-identical outside the translated text.

| suffix | module | units |
|---|---|---|
| .txt | txt | paragraphs |
| .md, .markdown | markdown | prose runs between code, links, HTML...; front-matter values |
| .html, .htm | html | text nodes outside script/style/code/pre; `<html lang>` updated |
| .json | jsondoc.parse | string values of the `--field` paths |
| .jsonl | jsondoc.parse_lines | the same, one JSON value per line |
| .srt | srt | cue text (numbers and timings kept) |
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import PurePath

from toolkit.formats.base import Document, FormatError, FormatOptions, Slot

__all__ = ["FORMATS", "Document", "FormatError", "FormatOptions", "Slot", "parse", "supports"]

# suffix -> "module:function"
FORMATS: dict[str, str] = {
    ".txt": "toolkit.formats.txt:parse",
    ".md": "toolkit.formats.markdown:parse",
    ".markdown": "toolkit.formats.markdown:parse",
    ".html": "toolkit.formats.html:parse",
    ".htm": "toolkit.formats.html:parse",
    ".json": "toolkit.formats.jsondoc:parse",
    ".jsonl": "toolkit.formats.jsondoc:parse_lines",
    ".srt": "toolkit.formats.srt:parse",
}


def supports(path: str | PurePath) -> bool:
    """Whether files with this name's suffix can be translated."""
    return PurePath(path).suffix.lower() in FORMATS


def parse(path: str | PurePath, text: str, options: FormatOptions | None = None) -> Document:
    """Parse `text` with the format chosen by `path`'s suffix."""
    return _parser(PurePath(path).suffix.lower())(text, options or FormatOptions())


def _parser(suffix: str) -> Callable[[str, FormatOptions], Document]:
    target = FORMATS.get(suffix)
    if target is None:
        raise FormatError(f"unsupported file type {suffix or '(no suffix)'!r}")
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)
