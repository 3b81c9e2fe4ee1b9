"""Markdown: only prose is translated; code, links, HTML, tables' structure and front matter stay.

The document is parsed with markdown-it-py (CommonMark plus tables and strikethrough).
Its inline rules are wrapped to record where each construct sits in the source, which
markdown-it-py does not report by itself. The translatable units are the runs of plain
text between constructs that must not change:

- kept exactly: fenced and indented code blocks, inline code, HTML blocks and inline
  HTML, autolinks, link destinations and titles, images, reference-style link labels,
  link reference definitions, emphasis markers, hard breaks, bare URLs and e-mail
  addresses in the text, table pipes and delimiter rows, list markers, blockquote `>`,
  heading `#`, blank lines and line endings;
- translated: paragraph, heading, list-item, blockquote and table-cell text, and the
  text of inline links (``[this part](https://kept)``).

Inline markup splits a sentence into separate units ("Run `make` now" is translated as
"Run" and "now"): the model never sees markup it could break, at some cost in fluency.
A run that spans a soft line break becomes one line in the output. Characters with a
Markdown meaning in a translation (``*``, ``_``, backticks, brackets, ``<``) are
backslash-escaped so they stay text.

YAML front matter (between ``---`` lines at the top) is kept, except the single-line
string values of the keys in `FormatOptions.front_matter_keys` (default: title,
description, summary; empty: none), which are translated and re-quoted as needed. Block
scalars (``|``, ``>``) and front matter that is not valid YAML are left unchanged.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from functools import cache
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from toolkit.formats.base import Document, FormatOptions

_META_KEY = "toolkit_protected"
_WHOLE = frozenset({"backticks", "image", "autolink", "html_inline", "strikethrough"})
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_FRONT_MATTER = re.compile(r"\A---[ \t]*(?:\r\n|\r|\n)(.*?)^(?:---|\.\.\.)[ \t]*$", re.S | re.M)
_BARE_LINK = re.compile(
    r"(?:https?|ftp)://[^\s<>()\[\]]+|www\.[^\s<>()\[\]]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
)
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_SPECIAL = re.compile(r"([\\`*_\[\]<~])")
_BLOCK_START = re.compile(r"^(#|>|-|\+|=|\d+[.)])")


def parse(text: str, options: FormatOptions | None = None) -> Document:
    """Find the prose runs of a Markdown document (and its front-matter values)."""
    options = options or FormatOptions()
    doc = Document(text)
    body_start = 0
    front = _FRONT_MATTER.match(text)
    if front:
        _front_matter(doc, front.group(1), front.start(1), options.front_matter_keys)
        body_start = front.end()
    _body(doc, text, body_start)
    return doc


# ---------------------------------------------------------------- front matter


def _front_matter(doc: Document, yaml_text: str, offset: int, keys: tuple[str, ...]) -> None:
    if not keys:
        return
    try:
        root = yaml.compose(yaml_text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return
    if not isinstance(root, yaml.MappingNode):
        return
    for key, value in root.value:
        if (
            isinstance(key, yaml.ScalarNode)
            and key.value in keys
            and isinstance(value, yaml.ScalarNode)
            and value.tag == "tag:yaml.org,2002:str"
            and value.style in (None, "'", '"')
            and value.start_mark.line == value.end_mark.line
            and value.value.strip()
        ):
            doc.add(
                offset + value.start_mark.index,
                offset + value.end_mark.index,
                value.value.strip(),
                _yaml_encoder(value.style),
            )


def _yaml_encoder(style: str | None) -> Callable[[str], str]:
    def encode(translated: str) -> str:
        text = " ".join(translated.split())
        if style == "'":
            return "'" + text.replace("'", "''") + "'"
        if style is None and _plain_yaml_ok(text):
            return text
        return json.dumps(text, ensure_ascii=False)  # JSON strings are YAML double-quoted

    return encode


def _plain_yaml_ok(text: str) -> bool:
    try:
        return yaml.safe_load(f"k: {text}") == {"k": text}
    except yaml.YAMLError:
        return False


# ---------------------------------------------------------------- body


@cache
def _markdown() -> MarkdownIt:
    """A CommonMark parser whose inline rules record the source ranges they consume."""
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    for rule in md.inline.ruler.get_all_rules():
        md.inline.ruler.at(rule, _recording(rule, md.inline.ruler.__rules__))
    md.core.ruler.at("inline", _inline_with_records)
    join = next(r.fn for r in md.inline.ruler2.__rules__ if r.name == "fragments_join")
    md.inline.ruler2.at("fragments_join", _resolving_markers(join))
    return md


def _inline_with_records(state: StateCore) -> None:
    """markdown-it's core `inline` rule, giving each inline token its own record store."""
    for token in state.tokens:
        if token.type == "inline":
            records: tuple[list[tuple[int, int]], list[tuple[int, Token]]] = ([], [])
            token.meta[_META_KEY] = records
            state.env[_META_KEY] = records
            if token.children is None:
                token.children = []
            state.md.inline.parse(token.content, state.md, state.env, token.children)


def _recording(name: str, rules: list[Any]) -> Callable[[StateInline, bool], bool]:
    original = next(r.fn for r in rules if r.name == name)

    def rule(state: StateInline, silent: bool) -> bool:
        start = state.pos
        label_end = -1
        if name == "link" and not silent and state.src[start] == "[":
            label_end = state.md.helpers.parseLinkLabel(state, start, True)
        count = len(state.tokens)
        ok = original(state, silent)
        if ok and not silent:
            _record(state, name, start, label_end, state.tokens[count:])
        return ok

    return rule


def _resolving_markers(join: Callable[[StateInline], None]) -> Callable[[StateInline], None]:
    """Protect the emphasis markers that became emphasis, before text tokens are merged.

    A matched marker's token is turned into `em_open`/`strong_open`..., or emptied when
    two markers make one `strong`; unmatched markers stay literal text.
    """

    def rule(state: StateInline) -> None:
        ranges, markers = state.env[_META_KEY]
        for pos, token in markers:
            if token.type != "text" or token.content == "":
                ranges.append((pos, pos + 1))
        markers.clear()
        join(state)

    return rule


def _record(state: StateInline, name: str, start: int, label_end: int, new: list[Token]) -> None:
    """Note which source range of this inline content must stay as it is."""
    ranges, markers = state.env[_META_KEY]
    end = state.pos
    if name in _WHOLE:
        ranges.append((start, end))
    elif name in ("newline", "escape") and new and new[-1].type == "hardbreak":
        ranges.append((start, end))
    elif name == "emphasis":
        # one token per marker character, resolved by `_resolving_markers`
        for offset, token in enumerate(new[-(end - start) :]):
            markers.append((start + offset, token))
    elif name == "link":
        after = state.src[label_end + 1 : label_end + 2] if label_end >= 0 else ""
        full_reference = after == "[" and state.src[label_end + 2 : label_end + 3] != "]"
        if after == "(" or full_reference:
            ranges.append((start, start + 1))  # "["
            ranges.append((label_end, end))  # "](destination)" or "][label]"
        else:
            ranges.append((start, end))  # [label] is the reference itself


def _body(doc: Document, text: str, body_start: int) -> None:
    body = text[body_start:]
    lines = _source_lines(body)
    tokens = _markdown().parse(body, {})
    cursors: dict[int, int] = {}
    for index, token in enumerate(tokens):
        if token.type != "inline" or token.map is None or token.children is None:
            continue
        in_table = index > 0 and tokens[index - 1].type in ("th_open", "td_open")
        starts = _content_line_starts(token, lines, cursors if in_table else None)
        if starts is None:
            continue  # cannot place this text in the source: keep it as it is
        protected = _protected(token.content, token.meta.get(_META_KEY, ([], []))[0])
        for a, b in _runs(token.content, protected):
            _add_run(doc, token.content, a, b, starts, body_start, in_table)
        if not in_table:
            paragraph = _plain(token.children)
            if any(ch.isalpha() for ch in paragraph):
                doc.paragraphs.append(paragraph)


def _source_lines(body: str) -> list[tuple[int, str]]:
    """(offset, text without line break) of every line, split as markdown-it splits."""
    lines = []
    pos = 0
    for brk in _LINE_BREAK.finditer(body):
        lines.append((pos, body[pos : brk.start()]))
        pos = brk.end()
    lines.append((pos, body[pos:]))
    return lines


def _content_line_starts(
    token: Token, lines: list[tuple[int, str]], cursors: dict[int, int] | None
) -> list[int] | None:
    """Where each line of the inline content starts in the body, or None if unsure."""
    if token.map is None:
        return None
    starts = []
    for i, content_line in enumerate(token.content.split("\n")):
        number = token.map[0] + i
        if number >= len(lines):
            return None
        offset, source_line = lines[number]
        if cursors is not None:  # table cells: left to right along the row
            column = source_line.find(content_line, cursors.get(number, 0))
            if column >= 0:
                cursors[number] = column + len(content_line)
        else:  # the content is what is left of the line after its container markers
            column = source_line.rfind(content_line)
        if column < 0:
            return None
        starts.append(offset + column)
    return starts


def _protected(content: str, ranges: list[tuple[int, int]]) -> list[bool]:
    mask = [False] * len(content)
    for start, end in ranges:
        for i in range(start, min(end, len(content))):
            mask[i] = True
    for match in _BARE_LINK.finditer(content):
        for i in range(match.start(), match.end()):
            mask[i] = True
    return mask


def _runs(content: str, protected: list[bool]) -> list[tuple[int, int]]:
    """Maximal unprotected stretches with words, trimmed of surrounding whitespace."""
    runs = []
    i = 0
    while i < len(content):
        if protected[i]:
            i += 1
            continue
        j = i
        while j < len(content) and not protected[j]:
            j += 1
        chunk = content[i:j]
        a = i + len(chunk) - len(chunk.lstrip())
        b = j - (len(chunk) - len(chunk.rstrip()))
        if any(ch.isalpha() for ch in content[a:b]):
            runs.append((a, b))
        i = j
    return runs


def _add_run(
    doc: Document,
    content: str,
    a: int,
    b: int,
    starts: list[int],
    body_start: int,
    in_table: bool,
) -> None:
    def source_offset(pos: int) -> int:
        line = content.count("\n", 0, pos)
        column = pos - (content.rfind("\n", 0, pos) + 1)
        return body_start + starts[line] + column

    unit = _ESCAPED.sub(r"\1", " ".join(content[a:b].split()))
    unit = _ENTITY.sub(lambda m: html.unescape(m.group()), unit)
    before = content[:a].rstrip(" \t")
    at_line_start = not before or before.endswith("\n")
    doc.add(source_offset(a), source_offset(b), unit, _text_encoder(at_line_start, in_table))


def _text_encoder(at_line_start: bool, in_table: bool) -> Callable[[str], str]:
    def encode(translated: str) -> str:
        text = _SPECIAL.sub(r"\\\1", " ".join(translated.split()))
        if in_table:
            text = text.replace("|", "\\|")
        if at_line_start:
            text = _BLOCK_START.sub(r"\\\1", text)
        return text

    return encode


def _plain(children: list[Token]) -> str:
    """The readable text of an inline token (for summaries)."""
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return " ".join("".join(parts).split())
