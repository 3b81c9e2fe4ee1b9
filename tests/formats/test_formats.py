"""Structure-keeping formats: only text changes; everything else comes back byte for byte."""

from __future__ import annotations

import json

import pytest
from markdown_it import MarkdownIt

from toolkit.formats import FormatError, FormatOptions, jsondoc, markdown, parse, srt, supports, txt
from toolkit.formats import html as html_format


def shout(units: list[str]) -> list[str]:
    """A deterministic stand-in for a translator: visible, reversible in tests."""
    return [f"«{u.upper()}»" for u in units]


# ---------------------------------------------------------------- txt


def test_txt_paragraph_units_keep_blank_lines_indentation_and_crlf():
    source = "Title\r\n\r\n  First para,\r\n  two lines.\r\n\r\n\r\nLast.\r\n"
    doc = txt.parse(source)
    assert doc.units == ["Title", "First para,\r\n  two lines.", "Last."]
    assert doc.render(shout(doc.units)) == (
        "«TITLE»\r\n\r\n  «FIRST PARA,\r\n  TWO LINES.»\r\n\r\n\r\n«LAST.»\r\n"
    )
    assert doc.render(doc.units) == source


# ---------------------------------------------------------------- markdown

MARKDOWN = """\
---
title: Hello world
description: 'It''s here'
tags: [news, world]
summary: |
  Block scalar stays.
---
# Big *news* today #

> A quote with **bold** and `inline code`, see [the report](https://ex.org/r "Title")
> and <b>html</b> &amp; more.

- First item⎵
  after a hard break
- [ref text][r], [shortcut] and ![alt text](img.png) <https://auto.link>

```python
print("fenced code")
```

    indented code

| Name | Count |
|------|------:|
| apples | 3 |

<div class="kept">
HTML block text
</div>

Visit https://example.com/page or mail desk@example.org now.

[r]: https://ref.example "Ref"
[shortcut]: https://short.example
""".replace("⎵", "  ")  # a hard line break (two trailing spaces)

MARKDOWN_SHOUTED = """\
---
title: «HELLO WORLD»
description: '«IT''S HERE»'
tags: [news, world]
summary: |
  Block scalar stays.
---
# «BIG» *«NEWS»* «TODAY» #

> «A QUOTE WITH» **«BOLD»** «AND» `inline code`«, SEE» [«THE REPORT»](https://ex.org/r "Title")
> «AND» <b>«HTML»</b> «& MORE.»

- «FIRST ITEM»⎵
  «AFTER A HARD BREAK»
- [«REF TEXT»][r], [shortcut] «AND» ![alt text](img.png) <https://auto.link>

```python
print("fenced code")
```

    indented code

| «NAME» | «COUNT» |
|------|------:|
| «APPLES» | 3 |

<div class="kept">
HTML block text
</div>

«VISIT» https://example.com/page «OR MAIL» desk@example.org «NOW.»

[r]: https://ref.example "Ref"
[shortcut]: https://short.example
""".replace("⎵", "  ")


def test_markdown_translates_only_prose():
    doc = markdown.parse(MARKDOWN)
    assert doc.render(shout(doc.units)) == MARKDOWN_SHOUTED


def test_markdown_output_has_the_same_structure():
    doc = markdown.parse(MARKDOWN)
    out = doc.render(["x *y* [z] `w` <v> ~~u~~ _t_ \\ | s" for _ in doc.units])
    assert _structure(out) == _structure(MARKDOWN)


def _structure(text: str) -> list[str]:
    """Block and inline token types of the body (front matter is not Markdown)."""
    body = text.split("\n---\n", 1)[1]
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    kinds = []
    for token in md.parse(body):
        kinds.append(token.type)
        kinds.extend(
            f"  {child.type}"
            for child in token.children or []
            if child.type not in ("text", "softbreak")
        )
    return kinds


def test_markdown_front_matter_keys_are_configurable():
    doc = markdown.parse(MARKDOWN, FormatOptions(front_matter_keys=()))
    out = doc.render(shout(doc.units))
    assert out.startswith(MARKDOWN.split("# Big")[0])
    doc = markdown.parse(MARKDOWN, FormatOptions(front_matter_keys=("tags", "title")))
    assert doc.units[0] == "Hello world"
    assert "It's here" not in doc.units  # description no longer chosen; tags is a list


def test_markdown_front_matter_value_is_quoted_when_needed():
    source = "---\ntitle: Plain\n---\nBody.\n"
    doc = markdown.parse(source)
    out = doc.render(["Dos: puntos # y más" if u == "Plain" else u for u in doc.units])
    assert out == '---\ntitle: "Dos: puntos # y más"\n---\nBody.\n'


def test_markdown_invalid_front_matter_is_left_alone():
    source = "---\ntitle: [unclosed\n---\nBody text.\n"
    doc = markdown.parse(source)
    assert doc.units == ["Body text."]


def test_markdown_soft_wrapped_sentence_is_one_unit():
    doc = markdown.parse("> One sentence\n> wrapped over lines.\n\nNext.\n")
    assert doc.units == ["One sentence wrapped over lines.", "Next."]
    assert doc.render(["Una frase.", "Luego."]) == "> Una frase.\n\nLuego.\n"


def test_markdown_escapes_and_entities_are_text_to_the_model():
    doc = markdown.parse("Price \\*not\\* emphasis &amp; &copy; here.\n")
    assert doc.units == ["Price *not* emphasis & © here."]


# ---------------------------------------------------------------- html

HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Daily  news</title>
<style>p { color: red; }</style>
<script>var s = "<p>not text</p>";</script></head>
<body class='main'><!-- a comment -->
<p id=intro>Hello <b>world</b> &amp; friends.<br>Next line</p>
<pre>keep   this</pre><p translate="no">Brand <i>Name</i></p>
<img alt="An image" src="a.png">Tail text
</body></html>
"""


def test_html_translates_text_nodes_and_keeps_markup():
    doc = html_format.parse(HTML)
    assert doc.units == ["Daily news", "Hello", "world", "& friends.", "Next line", "Tail text"]
    out = doc.render(shout(doc.units), lang="es")
    assert out == (
        HTML.replace('lang="en"', 'lang="es"')
        .replace("Daily  news", "«DAILY NEWS»")
        .replace(
            "Hello <b>world</b> &amp; friends.<br>Next line",
            "«HELLO» <b>«WORLD»</b> «&amp; FRIENDS.»<br>«NEXT LINE»",
        )
        .replace("Tail text", "«TAIL TEXT»")
    )


def test_html_without_lang_attribute_and_escaping():
    doc = html_format.parse("<p>a &lt; b</p>")
    assert doc.units == ["a < b"]
    assert doc.render(["x <y> & z"], lang="fr") == "<p>x &lt;y&gt; &amp; z</p>"


# ---------------------------------------------------------------- json / jsonl


def test_json_translates_named_fields_and_keeps_every_other_byte():
    source = (
        '{\n  "id": 1.50,\n  "text": " Hola, señor. ",\n  "meta": {"title": "T\\u00edtulo", '
        '"n": null},\n  "items": [{"text": "uno"}, {"text": 2}],\n  "tags": ["a", "b"]\n}\n'
    )
    options = FormatOptions(fields=("text", "meta.title", "items.text", "tags"))
    doc = jsondoc.parse(source, options)
    assert doc.units == ["Hola, señor.", "Título", "uno", "a", "b"]
    out = doc.render(shout(doc.units))
    assert out == (
        '{\n  "id": 1.50,\n  "text": " «HOLA, SEÑOR.» ",\n  "meta": {"title": "«TÍTULO»", '
        '"n": null},\n  "items": [{"text": "«UNO»"}, {"text": 2}],\n  "tags": ["«A»", "«B»"]\n}\n'
    )
    assert list(json.loads(out)) == ["id", "text", "meta", "items", "tags"]


def test_json_strings_are_escaped_in_output():
    doc = jsondoc.parse('{"text": "x"}')
    assert doc.render(['say "hi"\n\\']) == '{"text": "say \\"hi\\"\\n\\\\"}'


def test_jsonl_lines_blank_lines_and_crlf_kept():
    source = '{"text": "one", "id": 1}\r\n\r\n{"id": 2}\r\n{"text": "three"}'
    doc = jsondoc.parse_lines(source)
    assert doc.records and doc.units == ["one", "three"]
    assert doc.render(["uno", "tres"]) == (
        '{"text": "uno", "id": 1}\r\n\r\n{"id": 2}\r\n{"text": "tres"}'
    )


@pytest.mark.parametrize(
    ("parser", "source", "fragment"),
    [
        (jsondoc.parse, '{"text": "a",}', "line 1"),
        (jsondoc.parse, '{"text": "a"} trailing', "extra data"),
        (jsondoc.parse_lines, '{"text": "a"}\n{"text": }\n', "line 2"),
        (jsondoc.parse_lines, '{"text": "a"} {"b": 1}\n', "line 1"),
    ],
)
def test_bad_json_is_a_format_error_with_a_location(parser, source, fragment):
    with pytest.raises(FormatError) as info:
        parser(source, FormatOptions())
    assert fragment in info.value.message


# ---------------------------------------------------------------- srt

SRT = (
    "1\r\n00:00:01,000 --> 00:00:04,000\r\n<i>The minister said\r\nthe talks had failed.</i>\r\n"
    "\r\n2\r\n00:00:05,000 --> 00:00:06,500\r\n- Really?\r\n- Yes.\r\n"
    "\r\n3\r\n00:00:07,000 --> 00:00:08,000 X1:40 X2:600\r\n{\\an8}On screen\r\n"
)


def test_srt_keeps_numbers_timings_and_line_count():
    doc = srt.parse(SRT)
    assert doc.units == ["The minister said the talks had failed.", "Really?", "Yes.", "On screen"]
    out = doc.render(
        ["El ministro dijo que las conversaciones fracasaron.", "¿De verdad?", "Sí.", "En pantalla"]
    )
    assert out == (
        "1\r\n00:00:01,000 --> 00:00:04,000\r\n"
        "<i>El ministro dijo que las\r\nconversaciones fracasaron.</i>\r\n"
        "\r\n2\r\n00:00:05,000 --> 00:00:06,500\r\n- ¿De verdad?\r\n- Sí.\r\n"
        "\r\n3\r\n00:00:07,000 --> 00:00:08,000 X1:40 X2:600\r\n{\\an8}En pantalla\r\n"
    )


def test_srt_wrap_balances_lines():
    assert srt.wrap("one two three four five six", 2) == ["one two three", "four five six"]
    assert srt.wrap("word", 3) == ["word"]


# ---------------------------------------------------------------- registry


def test_format_is_chosen_by_suffix():
    assert supports("a/b.MD") and supports("x.jsonl") and not supports("x.pdf")
    assert parse("story.srt", SRT).units[0].startswith("The minister")
    with pytest.raises(FormatError):
        parse("file.pdf", "text")


@pytest.mark.parametrize(
    "source",
    [
        "<P>Unclosed para<P>Second <B>bold</b>\n<BR/>After br",
        "<p>AT&T and &copy 2024 &amp co &#60; &#x3C;</p>",
        "<a title=\"a > b\" href='x'>Link text</a> tail",
        "<script>if (a < b) { w('</scr' + 'ipt>'); }</script><p>ok</p>",
        "<!--[if IE]><p>ie</p><![endif]--><![CDATA[ raw ]]><p>normal</p>",
        "<html><body><pre>pre <p>inner</p> text</pre>after</body></html>",
        "<template><p>t</p></template><p translate=no>no <span translate=yes>yes</span></p>",
    ],
)
def test_html_slots_hold_exactly_their_unit_and_nothing_else(source):
    import html as stdlib_html

    doc = html_format.parse(source)
    for slot in doc.slots:
        raw = source[slot.start : slot.end]
        assert " ".join(stdlib_html.unescape(raw).split()) == doc.units[slot.unit]
    skeleton = doc.render([""] * len(doc.units))
    assert skeleton == "".join(
        source[a:b] for a, b in _gaps(sorted((s.start, s.end) for s in doc.slots), len(source))
    )
    assert "tpl" not in doc.units and "ie" not in doc.units and "inner" not in " ".join(doc.units)


def _gaps(spans: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    gaps, pos = [], 0
    for start, end in spans:
        gaps.append((pos, start))
        pos = end
    return [*gaps, (pos, length)]
