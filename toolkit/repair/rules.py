"""The fixing rules: one small named function per machine-translation artifact.

Each rule gets the current text and the language context and returns the `Change`s it
is sure of; the engine applies them in order, logs every one as an `Edit`, and runs the
whole list again until nothing changes (so the result is idempotent). The first line of
each docstring is what `toolkit repair --explain` prints. A rule that is not sure does
nothing here: the matching check in `flags.py` reports the span instead. `RULES` lists
them all; the larger ones live in their own modules (`quoting.py`: quote spacing;
`sentence_rules.py`: glued and broken sentences; `doubles.py`: doubled words).

Precision comes first: every rule is measured on professional translations in 23
languages (see `benchmarks/eval_repair.py`), where it must change almost nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

import ftfy
import regex

from toolkit.repair.context import Context
from toolkit.repair.doubles import doubled_words
from toolkit.repair.edits import Change, drop_overlaps
from toolkit.repair.languages import (
    CLITICS_AFTER,
    ELISIONS_BEFORE,
)
from toolkit.repair.quoting import quote_spacing
from toolkit.repair.scan import (
    WORD,
)
from toolkit.repair.sentence_rules import broken_sentences, glued_sentences

Rule = Callable[[str, Context], list[Change]]

# ftfy with only the encoding repairs on: no quote uncurling, no width or Unicode
# normalisation, nothing that would touch correct text.
_FTFY = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=False,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)


def mojibake(text: str, ctx: Context) -> list[Change]:
    """Text encoded as UTF-8 but decoded as cp1252/Latin-1, repaired with ftfy.

    Examples: "cafÃ©" -> "café", "Ce se Ã®ntÃ¢mplÄƒ" -> "Ce se întâmplă",
    "â€œQuoteâ€\x9d" -> "“Quote”". Only ftfy's encoding fixes run (no quote uncurling,
    no normalisation), one line at a time, so correct text is never touched.
    """
    if text.isascii():
        return []
    changes = []
    pos = 0
    for line in _LINES.findall(text):  # not splitlines(): mojibake holds \x85 and \x1c
        if not line.isascii():
            fixed = ftfy.fix_text(line, _FTFY)
            if fixed != line:
                changes.append(minimal_change(line, fixed, pos))
        pos += len(line)
    return changes


_LINES = regex.compile(r"[^\n]*\n|[^\n]+$")


def minimal_change(old: str, new: str, offset: int, *, whole_words: bool = False) -> Change:
    """The change from `old` to `new`, trimmed of their common prefix and suffix.

    With `whole_words`, the trimmed span grows to word boundaries ("your" -> "their",
    not "you" -> "thei").
    """
    p = 0
    limit = min(len(old), len(new))
    while p < limit and old[p] == new[p]:
        p += 1
    s = 0
    while s < limit - p and old[len(old) - 1 - s] == new[len(new) - 1 - s]:
        s += 1
    if whole_words:
        while p > 0 and old[p - 1].isalnum():
            p -= 1
        while s > 0 and old[len(old) - s].isalnum():
            s -= 1
    return Change(offset + p, offset + len(old) - s, new[p : len(new) - s])


_CONTROL = regex.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufeff\ufffe]+")


def control_characters(text: str, ctx: Context) -> list[Change]:
    """Control characters and stray byte-order marks inside the text are removed.

    Examples: "Kabul\x00 said" -> "Kabul said", "the\ufeff war" -> "the war".
    Tabs, line breaks, form feeds and vertical tabs stay (they are layout), and so do
    zero-width joiners, non-joiners and direction marks (Persian, Hindi and Hebrew need
    them).
    """
    return [Change(m.start(), m.end(), "") for m in _CONTROL.finditer(text)]


_SPACE_RUN = regex.compile(r"(?<=\S) {2,}(?=\S)")


def stray_spaces(text: str, ctx: Context) -> list[Change]:
    """Runs of spaces between two words collapse to one space.

    Examples: "go  on a regular basis" -> "go on a regular basis". Indentation at the
    start of a line, spaces at the end of a line and tabs are layout, and stay.
    """
    return [Change(m.start(), m.end(), " ") for m in _SPACE_RUN.finditer(text)]


_SPACE_BEFORE = regex.compile(
    r"(?<=[\p{L}\p{M}\p{N}\"”’»)\]]) +(?:([,.!?])(?=$|\s|[\"”’»)\]])|([;:])(?=$|\s))"
)


def space_before_punctuation(text: str, ctx: Context) -> list[Change]:
    """A space before a comma or full stop (tokenised MT output) is removed.

    Examples: "the building ." -> "the building.", "En julio , la" -> "En julio, la".
    Also before ; : ! ? except in French, whose typography puts a space there
    ("Harlem : des églises"). Spaces before an ellipsis (" ..."), a percent sign,
    Arabic ، ؛ ؟, the Devanagari danda and CJK punctuation are conventions, and stay.
    """
    if ctx.profile.unspaced:
        return []
    changes = []
    for m in _SPACE_BEFORE.finditer(text):
        mark = m.group(1) or m.group(2)
        if mark in ";:!?" and ctx.profile.french_spacing:
            continue
        after = m.end()
        if after < len(text) and text[after] == '"' and _letter_at(text, after + 1):
            continue  # ` ,"word`: the quote opens something; leave it
        changes.append(Change(m.start(), m.end() - 1, ""))
    return changes


# A bracket or a paragraph break: the only characters `bracket_spacing` looks at (stdlib
# `re`: for this plain class its finditer is about a third faster than `regex`'s).
_BRACKET_OR_BREAK = re.compile(r"[()\[\]]|\n(?=\n)")


def bracket_spacing(text: str, ctx: Context) -> list[Change]:
    """Spaces just inside parentheses and square brackets are removed.

    Examples: "( Reuters )" -> "(Reuters)", "the treaty ( 1949 )" -> "the treaty (1949)".
    Only brackets that pair up within their paragraph are touched.
    """
    if not any(padded in text for padded in ("( ", "[ ", " )", " ]")):
        return []  # nothing to remove: the usual case, and every pass after the first
    changes: list[Change] = []
    stack: list[int] = []
    pairs = {")": "(", "]": "["}
    for m in _BRACKET_OR_BREAK.finditer(text):  # only these characters matter
        i, ch = m.start(), m.group()
        if ch == "\n":
            stack.clear()
        elif ch in "([":
            stack.append(i)
        elif stack and text[stack[-1]] == pairs[ch]:
            o = stack.pop()
            if o + 2 < i and text[o + 1] == " " and not text[o + 2].isspace():
                changes.append(Change(o + 1, o + 2, ""))
            if i - 2 > o and text[i - 1] == " " and not text[i - 2].isspace():
                changes.append(Change(i - 1, i, ""))
    return drop_overlaps(changes)


@cache
def _clitic_patterns(lang: str) -> tuple[regex.Pattern | None, regex.Pattern | None]:
    def alternatives(words: tuple[str, ...]) -> str:
        forms = {w.replace("'", q) for w in words for q in "'’"}
        return "|".join(regex.escape(f) for f in sorted(forms, key=len, reverse=True))

    after = CLITICS_AFTER.get(lang)
    before = ELISIONS_BEFORE.get(lang)
    return (
        regex.compile(rf"(?<=\p{{L}}) (?=(?:{alternatives(after)})(?![\p{{L}}\p{{M}}\p{{N}}'’]))")
        if after
        else None,
        regex.compile(rf"(?<![\p{{L}}\p{{M}}'’])(?i:{alternatives(before)}) (?=\p{{L}})")
        if before
        else None,
    )


def tokenized_clitics(text: str, ctx: Context) -> list[Change]:
    """Clitics split off by a tokenizer are glued back to their word.

    Examples: "the city 's mayor" -> "the city's mayor", "do n't" -> "don't", "ca n't"
    -> "can't", "l' homme" -> "l'homme" (French), "dell' anno" -> "dell'anno" (Italian).
    Only in languages with a list (`CLITICS_AFTER`, `ELISIONS_BEFORE`): an apostrophe
    after a space opens a quotation elsewhere. A clitic that starts a longer word
    ("the 'smart' phone", "'90s") is not one.
    """
    after, before = _clitic_patterns(ctx.lang)
    changes: list[Change] = []
    if after:
        changes.extend(Change(m.start(), m.end(), "") for m in after.finditer(text))
    if before:
        changes.extend(Change(m.end() - 1, m.end(), "") for m in before.finditer(text))
    return drop_overlaps(changes)


_LOOP = regex.compile(
    r"(?<![^\s\p{Ps}\p{Pi}\p{Pf}\"'])(?P<unit>[^\s]++(?: [^\s]++){0,7}?)"
    r"(?P<rest>(?: (?P=unit)){2,})(?![\p{L}\p{M}\p{N}])"
)
_CJK_LOOP = regex.compile(
    r"(?P<unit>[\p{Han}\p{Hiragana}\p{Katakana}ー]{2,12}?)(?P<rest>(?P=unit){2,})"
)


def repetition_loops(text: str, ctx: Context) -> list[Change]:
    """A word or phrase repeated three or more times in a row (a decoding loop) is cut to one.

    Examples: "the the the talks" -> "the talks", "we will fight we will fight we will
    fight" -> "we will fight", "我们我们我们" -> "我们". Repeated interjections and
    intensifiers ("ha ha ha", "very very very") are left for a flag.
    """
    changes = []
    for m in _LOOP.finditer(text):
        unit = m.group("unit")
        if " " not in unit and (
            unit.lower() in ctx.profile.intentional_doubles or not WORD.fullmatch(unit)
        ):
            continue
        changes.append(Change(m.start("rest"), m.end("rest"), ""))
    for m in _CJK_LOOP.finditer(text):
        if len(set(m.group("unit"))) > 1:
            changes.append(Change(m.start("rest"), m.end("rest"), ""))
    return drop_overlaps(changes)


def _letter_at(text: str, pos: int) -> bool:
    return pos < len(text) and (text[pos].isalnum())


RULES: tuple[Rule, ...] = (
    mojibake,
    control_characters,
    stray_spaces,
    space_before_punctuation,
    quote_spacing,
    bracket_spacing,
    tokenized_clitics,
    glued_sentences,
    broken_sentences,
    repetition_loops,
    doubled_words,
)
"""The fixing rules, in the order they run."""
