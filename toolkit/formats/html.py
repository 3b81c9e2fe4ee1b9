"""HTML: text nodes (element text and tail text) translated; all markup kept byte for byte.

Why the standard library's tokenizer and not lxml: lxml builds a tree and serializes it
again, which normalizes attribute quoting, entities, whitespace inside tags and implied
end tags, so the output would differ from the input outside the text. `html.parser`
reports every token with its position, so text can be replaced in place and every tag,
attribute, comment, doctype, script and style comes back exactly as it was.

Not translated: `<script>`, `<style>`, `<code>`, `<pre>`, `<kbd>`, `<samp>`, `<var>`,
`<textarea>`, `<template>`, `<svg>`, `<math>`, elements with ``translate="no"`` or class
``notranslate`` (and everything inside them), attributes, comments. Inline tags (`<b>`,
`<a>`) split the text around them into separate units, so markup can never be lost or
moved by the model. The `lang` (and `xml:lang`) attribute of `<html>` becomes the target
language.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from toolkit.formats.base import Document, FormatOptions

SKIPPED = frozenset("script style code pre kbd samp var textarea template svg math".split())
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
BLOCKS = frozenset(
    """address article aside blockquote br caption dd details dialog div dl dt fieldset
    figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p section
    summary table td th title tr ul""".split()
)
_LANG_ATTR = re.compile(
    r"""(?<![\w:-])(?:xml:)?lang\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.I
)
_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")


def parse(text: str, options: FormatOptions | None = None) -> Document:
    """Find the translatable text runs of an HTML document."""
    scanner = _Scanner(text)
    scanner.feed(text)
    scanner.close()
    scanner.end_run()
    scanner.end_paragraph()
    return scanner.doc


def _encode(translated: str) -> str:
    return html.escape(translated.strip(), quote=False)


class _Scanner(HTMLParser):
    """Tokenizes HTML, tracking which element we are in and where each token starts."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.doc = Document(text)
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self._stack: list[tuple[str, bool]] = []  # (tag, skipped)
        self._run: tuple[int, int] | None = None
        self._paragraph: list[str] = []

    # positions
    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def _skipping(self) -> bool:
        return bool(self._stack) and self._stack[-1][1]

    # text
    def handle_data(self, data: str) -> None:
        self._extend(self._offset(), len(data), data)

    def handle_entityref(self, name: str) -> None:
        self._reference()

    def handle_charref(self, name: str) -> None:
        self._reference()

    def _reference(self) -> None:
        start = self._offset()
        match = _REFERENCE.match(self.doc.source, start)
        length = match.end() - start if match else 1
        self._extend(start, length, html.unescape(self.doc.source[start : start + length]))

    def _extend(self, start: int, length: int, text: str) -> None:
        if self._skipping():
            return
        self._paragraph.append(html.unescape(text) if "&" in text else text)
        if self._run is None:
            self._run = (start, start + length)
        else:
            self._run = (self._run[0], start + length)

    def end_run(self) -> None:
        """Make the text collected since the last tag a unit (if it has words)."""
        if self._run is None:
            return
        start, end = self._run
        self._run = None
        raw = self.doc.source[start:end]
        lead = len(raw) - len(raw.lstrip(" \t\n\r\f"))
        trail = len(raw) - len(raw.rstrip(" \t\n\r\f"))
        unit = " ".join(html.unescape(raw).split())
        if any(ch.isalpha() for ch in unit):
            self.doc.add(start + lead, end - trail, unit, _encode)

    def end_paragraph(self) -> None:
        text = " ".join("".join(self._paragraph).split())
        self._paragraph = []
        if any(ch.isalpha() for ch in text):
            self.doc.paragraphs.append(text)

    # markup
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._markup(tag)
        if tag == "html":
            self._lang_slots()
        if tag in VOID:
            return
        values = dict(attrs)
        skipped = self._skipping() or tag in SKIPPED
        if (values.get("translate") or "").lower() == "no":
            skipped = True
        elif (values.get("translate") or "").lower() == "yes" and tag not in SKIPPED:
            skipped = False
        if "notranslate" in (values.get("class") or "").split():
            skipped = True
        self._stack.append((tag, skipped))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._markup(tag)
        if tag == "html":
            self._lang_slots()

    def handle_endtag(self, tag: str) -> None:
        self._markup(tag)
        for depth in range(len(self._stack) - 1, -1, -1):
            if self._stack[depth][0] == tag:
                del self._stack[depth:]
                break

    def handle_comment(self, data: str) -> None:
        self.end_run()

    def handle_decl(self, decl: str) -> None:
        self.end_run()

    def handle_pi(self, data: str) -> None:
        self.end_run()

    def unknown_decl(self, data: str) -> None:
        self.end_run()

    def _markup(self, tag: str) -> None:
        self.end_run()
        if tag in BLOCKS:
            self.end_paragraph()

    def _lang_slots(self) -> None:
        tag_text = self.get_starttag_text() or ""
        start = self._offset()
        for match in _LANG_ATTR.finditer(tag_text):
            group = next(g for g in (1, 2, 3) if match.group(g) is not None)
            self.doc.add_language_slot(start + match.start(group), start + match.end(group))
