"""Differential tests for the repair rules' fast paths (issue 13).

Each speed-up made a rule cheaper on hostile text without changing what it does: here
the rule runs with its fast pattern or loop and with the plain one it replaced, on random
text built from the characters that matter to it, and both must give the same changes.
"""

from __future__ import annotations

import gc
from collections import Counter

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.repair import doubles, flags, repair, rules, scan, sentence_rules
from toolkit.repair.context import Context
from toolkit.repair.edits import Change, drop_overlaps
from toolkit.repair.languages import profile

_OLD_LOOP = regex.compile(
    r"(?<![^\s\p{Ps}\p{Pi}\p{Pf}\"'])(?P<unit>[^\s]+(?: [^\s]+){0,7}?)"
    r"(?P<rest>(?: (?P=unit)){2,})(?![\p{L}\p{M}\p{N}])"
)
_OLD_TERMINAL = regex.compile(r"(?<=\S|[\u00a0\u202f])(?:\.(?!\.)|[!?؟]+)(?=\S)")
_OLD_LETTERS_BEFORE = regex.compile(r"[\p{L}\p{M}\p{N}]+$")
_OLD_DOUBLE = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}'’\-.@/_])(?P<w>\p{L}[\p{L}\p{M}]*)(?P<sep>[ \u00a0])(?P=w)"
    r"(?![\p{L}\p{M}\p{N}'’\-@/_])"
)

_SENTENCE_PIECES = ["a", "B", "The", "U", "S", ".", "!", "?", " ", "”", "»", ")", '"', "«"]
_SENTENCE_PIECES += ["\n\n", "1", "é", "\u00a0", "ab", "x" * 70, "www", "com", "e\u0301"]
_LOOP_PIECES = ["the", "The", "we", "fight", " ", " ", "(", "”", ".", "ha", "x-y", "\n"]
_DOUBLE_PIECES = ["the", "The", "th", "e", "\u0301", " ", "\u00a0", "-", ".", "1", "Да", "да"]
_QUOTE_PIECES = ['"', "“", "”", "«", "»", "„", "「", "」", " ", "a", "\n\n", "(", "'"]
_BRACKET_PIECES = ["(", ")", "[", "]", " ", "  ", "x", "\n", "\n\n", "\t", "ab"]


def _texts(pieces: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pieces), max_size=40).map("".join)


def _ctx(lang: str) -> Context:
    return Context(lang, profile(lang), 2000)


@settings(max_examples=300, deadline=None)
@given(_texts(_SENTENCE_PIECES), st.sampled_from(["en", "fr", "ru"]))
def test_glued_sentences_fast_patterns_change_nothing(text, lang):
    fast = sentence_rules.glued_sentences(text, _ctx(lang))
    terminal, letters = sentence_rules._TERMINAL, sentence_rules.LETTERS_BEFORE
    try:
        sentence_rules._TERMINAL, sentence_rules.LETTERS_BEFORE = (
            _OLD_TERMINAL,
            _OLD_LETTERS_BEFORE,
        )
        plain = sentence_rules.glued_sentences(text, _ctx(lang))
    finally:
        sentence_rules._TERMINAL, sentence_rules.LETTERS_BEFORE = terminal, letters
    assert fast == plain


@settings(max_examples=300, deadline=None)
@given(_texts([*_SENTENCE_PIECES, "\n"]), st.data())
def test_backward_letter_search_finds_the_forward_searchs_run(text, data):
    end = data.draw(st.integers(0, len(text)))
    fast = scan.LETTERS_BEFORE.search(text, max(0, end - 60), end)
    plain = _OLD_LETTERS_BEFORE.search(text, max(0, end - 60), end)
    assert (fast and fast.span()) == (plain and plain.span())


@settings(max_examples=300, deadline=None)
@given(_texts(_LOOP_PIECES))
def test_possessive_loop_pattern_finds_the_same_loops(text):
    fast = rules.repetition_loops(text, _ctx("en"))
    loop = rules._LOOP
    try:
        rules._LOOP = _OLD_LOOP
        plain = rules.repetition_loops(text, _ctx("en"))
    finally:
        rules._LOOP = loop
    assert fast == plain


@settings(max_examples=300, deadline=None)
@given(_texts(_DOUBLE_PIECES))
def test_possessive_double_pattern_finds_the_same_doubles(text):
    fast = [m.span("w") + m.span("sep") + m.span() for m in doubles._DOUBLE.finditer(text)]
    plain = [m.span("w") + m.span("sep") + m.span() for m in _OLD_DOUBLE.finditer(text)]
    assert fast == plain


@settings(max_examples=300, deadline=None)
@given(_texts(_QUOTE_PIECES), st.sampled_from(["en", "fr", "de"]))
def test_quote_marks_visit_every_quote_of_the_paragraph(text, lang):
    marks = scan.quote_marks(text, 0, len(text), profile(lang))
    assert [(m.pos, m.char) for m in marks] == [
        (i, ch) for i, ch in enumerate(text) if ch in scan.QUOTES
    ]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aбα中 .1Zж", max_size=40))
def test_main_script_counts_like_the_per_letter_count(text):
    counts = Counter(flags._script(ch) for ch in text if ch.isalpha())
    assert flags._main_script(text) == (counts.most_common(1)[0][0] if counts else "")


def _bracket_spacing_per_character(text: str) -> list[Change]:
    """The loop over every character that `rules.bracket_spacing` replaced."""
    changes: list[Change] = []
    stack: list[int] = []
    pairs = {")": "(", "]": "["}
    for i, ch in enumerate(text):
        if ch == "\n" and text[i + 1 : i + 2] == "\n":
            stack.clear()
        elif ch in "([":
            stack.append(i)
        elif ch in ")]" and stack and text[stack[-1]] == pairs[ch]:
            o = stack.pop()
            if o + 2 < i and text[o + 1] == " " and not text[o + 2].isspace():
                changes.append(Change(o + 1, o + 2, ""))
            if i - 2 > o and text[i - 1] == " " and not text[i - 2].isspace():
                changes.append(Change(i - 1, i, ""))
    return drop_overlaps(changes)


@settings(max_examples=300, deadline=None)
@given(_texts(_BRACKET_PIECES))
def test_bracket_spacing_sees_what_the_per_character_loop_saw(text):
    assert rules.bracket_spacing(text, _ctx("en")) == _bracket_spacing_per_character(text)


def test_repair_leaves_the_garbage_collector_as_it_found_it():
    text = "the the the talks ( Reuters ) ended."
    assert gc.isenabled()
    assert repair(text, "en").text == "the talks (Reuters) ended."
    assert gc.isenabled()
    gc.disable()
    try:
        repair(text, "en")
        assert not gc.isenabled()
    finally:
        gc.enable()
