"""Plain text: one unit per paragraph; blank lines, indentation and line endings kept.

The translation engine keeps the lines inside a paragraph (headings, list markers), so a
paragraph is a natural unit: small enough to batch across files, large enough to keep
sentences whole.
"""

from __future__ import annotations

from toolkit.formats.base import Document, FormatOptions
from toolkit.text import paragraphs


def parse(text: str, options: FormatOptions | None = None) -> Document:
    """Split `text` into paragraph units."""
    doc = Document(text)
    for span in paragraphs(text):
        doc.add(span.start, span.end, span.text)
        doc.paragraphs.append(span.text)
    return doc
