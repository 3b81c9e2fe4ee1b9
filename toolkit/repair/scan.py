"""Small text scanners the repair rules share: quote roles, quoted spans, words.

Which quote opens and which closes depends on the language (“…” in English, „…“ in
German, «…» in French and Russian, »…« in some German books) and on what came before in
the paragraph. `quote_roles` walks a paragraph once with a stack and labels every
double-quote-like character, so rules can tell `, ”he said` (a closing quote glued to
the next word) from `, “He` (an opening quote, correct).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

import regex

from toolkit.repair.languages import LanguageProfile
from toolkit.text import paragraphs

QUOTES = '"“”„«»‟〝〞「」『』'
OPEN_ONLY = "„‟〝「『"
_QUOTE = re.compile(f"[{QUOTES}]")
CLOSE_ONLY = "〞」』"
CLOSING_PUNCT = QUOTES + "’)]}"
OPENING_PUNCT = QUOTES + "‘([{¿¡"

WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")
# The run of letters ending at a search's `endpos`, searched backwards from there (`(?r)`):
# a forward search tried every start in the window, five times slower per full stop.
LETTERS_BEFORE = regex.compile(r"(?r)[\p{L}\p{M}\p{N}]+$")
# Scripts written without spaces between words (and often between sentences).
UNSPACED_CHAR = regex.compile(
    r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]"
)


@dataclass(frozen=True)
class QuoteMark:
    """One quote character in a paragraph and what it does there."""

    pos: int
    char: str
    role: str  # "open" or "close"
    matched: bool  # False: an opener never closed, or a closer with no opener


def quote_marks(text: str, start: int, end: int, profile: LanguageProfile) -> list[QuoteMark]:
    """Label each double quote in `text[start:end]` (one paragraph) as opening or closing."""
    marks: list[QuoteMark] = []
    stack: list[int] = []  # indexes into `marks` of openers not yet closed
    for found in _QUOTE.finditer(text, start, end):
        pos, ch = found.start(), found.group()
        top = marks[stack[-1]].char if stack else ""
        role = _role(ch, top, profile, opener_form(text, pos, start, end))
        if role == "open":
            stack.append(len(marks))
            marks.append(QuoteMark(pos, ch, "open", False))
            continue
        if stack:
            i = stack.pop()
            marks[i] = replace(marks[i], matched=True)
        marks.append(QuoteMark(pos, ch, "close", bool(top)))
    return marks


def _role(ch: str, top: str, profile: LanguageProfile, opener_shaped: bool) -> str:
    """Whether quote `ch` opens or closes, given the innermost open quote `top`."""
    if ch in OPEN_ONLY:
        return "open"
    if ch in CLOSE_ONLY:
        return "close"
    if ch == "«":
        return "close" if top == "»" else "open"
    if ch == "»":  # German and Danish books quote »like this«
        return "open" if not top and profile.code in {"de", "da"} else "close"
    if ch == "“":  # closes „ (German) or a “ that MT used for both ends
        if top == "„" or (top == "“" and not opener_shaped):
            return "close"
        if not top and profile.low_opening_quotes:  # „ opened in an earlier sentence?
            return "open" if opener_shaped else "close"
        return "open"
    if ch == "”":  # Swedish and Finnish quote ”like this”
        return "open" if not top and profile.code in {"sv", "fi"} else "close"
    return "close" if top == '"' else "open"


def opener_form(text: str, pos: int, start: int, end: int) -> bool:
    """Whether the quote at `pos` sits like an opening one: space before, text after."""
    before_ok = pos == start or text[pos - 1].isspace() or text[pos - 1] in OPENING_PUNCT
    return before_ok and pos + 1 < end and not text[pos + 1].isspace()


def quoted_spans(text: str, profile: LanguageProfile) -> list[tuple[int, int]]:
    """Spans (opening quote to closing quote, inclusive) of quotations in `text`.

    An opener that is never closed quotes the rest of its paragraph: news paragraphs
    often leave a quotation open when it continues in the next paragraph.
    """
    spans: list[tuple[int, int]] = []
    for para in paragraphs(text):
        opened: list[QuoteMark] = []
        for mark in quote_marks(text, para.start, para.end, profile):
            if mark.role == "open":
                opened.append(mark)
            elif opened:
                first = opened.pop()
                if not opened:
                    spans.append((first.pos, mark.pos + 1))
        if opened:
            spans.append((opened[0].pos, para.end))
    return _merge(spans)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether `pos` falls inside one of the sorted, disjoint `spans`."""
    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def paragraph_roles(text: str, profile: LanguageProfile) -> dict[int, QuoteMark]:
    """Every double quote of `text`, keyed by position, labelled per paragraph.

    Straight quotes in a paragraph with an odd number of them are left out: their
    roles cannot be told apart.
    """
    roles: dict[int, QuoteMark] = {}
    for para in paragraphs(text):
        marks = quote_marks(text, para.start, para.end, profile)
        straight = [m for m in marks if m.char == '"']
        balanced = len(straight) % 2 == 0
        for mark in marks:
            if mark.char == '"' and not balanced:
                continue
            roles[mark.pos] = mark
    return roles


#: How far `token_before` / `token_after` look: a run of non-space characters longer
#: than this is no word, URL or address any rule cares about, and the bound keeps every
#: rule linear on text with no spaces at all ("a.b.c.a.b.c...").
MAX_TOKEN = 1024
_TOKEN_AFTER = re.compile(rf"\S{{0,{MAX_TOKEN}}}")


def token_before(text: str, pos: int) -> str:
    """The run of non-space characters that ends at `pos` (its last `MAX_TOKEN` at most)."""
    window = text[max(0, pos - MAX_TOKEN) : pos]
    if not window or window[-1].isspace():
        return ""
    return window.rsplit(None, 1)[-1]  # scans back from the end only to the space


def token_after(text: str, pos: int) -> str:
    """The run of non-space characters that starts at `pos` (its first `MAX_TOKEN` at most)."""
    found = _TOKEN_AFTER.match(text, pos)
    return found.group() if found else ""


def base_letters(word: str) -> int:
    """Letters in `word`, not counting combining marks (vowel signs, viramas)."""
    return sum(1 for ch in word if ch.isalpha())


def has_case(ch: str) -> bool:
    """Whether `ch` is a letter of a cased script (Latin, Cyrillic, Greek, ...)."""
    return ch.isupper() or ch.islower()
