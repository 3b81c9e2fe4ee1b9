"""The flagging checks: suspect spans that no rule may change by itself.

Each check reads the repaired text and returns `Flag`s (offsets into that text) with a
reason a person, or the optional model post-editor, can act on. Like the rules, each
is a small named function whose docstring explains the artifact.
"""

from __future__ import annotations

import functools
import unicodedata
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

import regex

from toolkit.langs import same_language
from toolkit.repair.context import Context
from toolkit.repair.doubles import sort_doubles
from toolkit.repair.edits import Flag
from toolkit.repair.quoting import straight_shape
from toolkit.repair.scan import WORD, inside, quote_marks, quoted_spans
from toolkit.text import SentenceSplit, Span, paragraphs, split_sentences

if TYPE_CHECKING:
    from toolkit.detect import Detection

FlagCheck = Callable[[str, Context], list[Flag]]


def unbalanced_quotes(text: str, ctx: Context) -> list[Flag]:
    """A quotation mark that is never closed, or closes nothing, within its paragraph.

    Example: "“Our message is clear, he said." (the quote is never closed). A paragraph
    that opens a quotation and leaves it open is fine when the next paragraph opens
    again: that is how news continues a quotation across paragraphs.
    """
    flags = []
    paras = paragraphs(text)
    for i, para in enumerate(paras):
        marks = quote_marks(text, para.start, para.end, ctx.profile)
        straight = [m for m in marks if m.char == '"']
        if len(straight) % 2:
            shapes = [straight_shape(text, m.pos, para.start, para.end) for m in straight]
            if "candidate" in shapes:
                mark = straight[shapes.index("candidate")]
                reason = (
                    "unpaired straight quote: it opens a quotation never closed, or it closes "
                    'one and its space belongs after it (`, "he said` for `," he said`)'
                )
            else:
                mark, reason = straight[-1], "odd number of straight quotes in the paragraph"
            flags.append(_flag("unbalanced_quotes", text, mark.pos, mark.pos + 1, reason))
        continues = i + 1 < len(paras) and text[paras[i + 1].start] in '“«„"»'
        for mark in marks:
            if mark.matched or mark.char == '"':
                continue
            if mark.role == "open" and continues:
                continue
            reason = (
                "quotation never closed"
                if mark.role == "open"
                else "closing quote without an opening one"
            )
            flags.append(_flag("unbalanced_quotes", text, mark.pos, mark.pos + 1, reason))
    return flags


_LIST_MARKER = regex.compile(r"(?:^|\n)[ \t]*[\p{L}\p{N}]{1,3}\)")


def unbalanced_brackets(text: str, ctx: Context) -> list[Flag]:
    """A parenthesis or bracket that is not closed, or closes nothing, in its paragraph.

    Example: "the ministry (MoD said on Monday." List markers such as "1)" or "a)" at
    the start of a line are not brackets.
    """
    markers = {m.end() - 1 for m in _LIST_MARKER.finditer(text)}
    flags = []
    for para in paragraphs(text):
        stack: list[int] = []
        for i in range(para.start, para.end):
            ch = text[i]
            if ch in "([{":
                stack.append(i)
            elif ch in ")]}" and i not in markers:
                if stack and text[stack[-1]] == "([{"[")]}".index(ch)]:
                    stack.pop()
                else:
                    flags.append(
                        _flag("unbalanced_brackets", text, i, i + 1, f"{ch!r} closes nothing")
                    )
        for i in stack:
            flags.append(_flag("unbalanced_brackets", text, i, i + 1, f"{text[i]!r} never closed"))
    return flags


def second_person(text: str, ctx: Context) -> list[Flag]:
    """A second-person possessive in narrative text that reports on a third party.

    Example: "assess whether the rebels are keeping your commitments" (meant: their
    commitments; Spanish "su" and French "vos/leurs" are classic sources). Words inside
    quotations are speech and are not flagged, and neither is text that speaks to
    someone in its own voice (second person in two or more narrative sentences: an
    advice column, a generic "you").
    """
    if not ctx.profile.second_person_possessive:
        return []
    quoted = quoted_spans(text, ctx.profile)
    possessives: list[regex.Match] = []
    addressing = 0
    for sentence in _sentences(text, ctx):
        outside = [
            m
            for m in WORD.finditer(text, sentence.start, sentence.end)
            if not inside(quoted, m.start())
        ]
        addressing += any(
            _is_second_person(m.group(), ctx.profile.second_person, ctx) for m in outside
        )
        possessives.extend(
            m
            for m in outside
            if _is_second_person(m.group(), ctx.profile.second_person_possessive, ctx)
        )
    if addressing >= 2:
        return []
    return [
        _flag(
            "second_person",
            text,
            m.start(),
            m.end(),
            f"second-person {m.group()!r} outside quotations in reported text; "
            "a mistranslated third-person possessive?",
        )
        for m in possessives
    ]


def _is_second_person(word: str, words: frozenset[str], ctx: Context) -> bool:
    lower = word.lower()
    if lower not in words:
        return False
    if lower in ctx.profile.ambiguous_second_person:
        return word.islower()
    return True


def garbled_negation(text: str, ctx: Context) -> list[Flag]:
    """A correlative negation repeated instead of completed: "neither ..., neither ...".

    Example: "is neither in your interest, neither in your people nor in ours" (a
    calque of French "ni ..., ni ..."; meant "neither ... nor ..."). English and German
    ("weder ..., weder ...").
    """
    word = ctx.profile.repeated_negation
    if not word:
        return []
    pattern = regex.compile(rf"(?<!\p{{L}})(?i:{word})(?!\p{{L}})")
    flags = []
    for sentence in _sentences(text, ctx):
        found = list(pattern.finditer(text, sentence.start, sentence.end))
        if len(found) >= 2:
            flags.append(
                _flag(
                    "garbled_negation",
                    text,
                    found[0].start(),
                    found[-1].end(),
                    f"{word!r} repeated: garbled negation (meant {word!r} ... "
                    f"{'nor' if word == 'neither' else 'noch'} ...?)",
                )
            )
    return flags


def doubled_word(text: str, ctx: Context) -> list[Flag]:
    """A doubled word the `doubled_words` rule would not remove by itself.

    Example: "he had had enough" (grammatical), "Walla Walla" (a name, or a slip),
    "dần dần" (Vietnamese reduplication), "Pashto ګډ ګډ" (reduplication or slip).
    """
    _, kept = sort_doubles(text, ctx)
    reason = "word repeated; may be grammatical or emphatic"
    return [_flag("doubled_word", text, m.start(), m.end(), reason) for m in kept]


# Sentences shorter than this are not checked for their language: too little evidence.
MIN_LANGUAGE_CHECK_CHARS = 40


def other_language(text: str, ctx: Context) -> list[Flag]:
    """A sentence in another language than the document: an untranslated leftover.

    Example: an English article with "Le gouvernement a démenti ces informations." in
    the middle. Only documents of two or more sentences, sentences of 40+ characters,
    and confident detections count; nothing is flagged when `toolkit.detect` does not
    itself see the document as `lang` (Pashto reads as Persian to it), nor for a
    sentence that mixes the document's script with another one (a Chinese sentence
    quoting English names is still Chinese), nor for one in another standard of the
    document's language (a Malaysian sentence in Indonesian: `toolkit.langs.same_language`).
    """
    from toolkit.detect import detect

    spans = _sentences(text, ctx)
    if ctx.lang == "und" or len(spans) < 2 or detect(text).lang != ctx.lang:
        return []
    script = _main_script(text)
    flags = []
    seen: dict[str, Detection] = {}  # a repeated sentence is detected once
    for sentence in spans:
        if len(sentence.text) < MIN_LANGUAGE_CHECK_CHARS:
            continue
        share = _script_share(sentence.text, script)
        if MIXED_SCRIPT_SHARE[0] <= share < MIXED_SCRIPT_SHARE[1]:
            continue
        found = seen.get(sentence.text) or seen.setdefault(sentence.text, detect(sentence.text))
        if (
            found.lang != "und"
            and not same_language(found.lang, ctx.lang)
            and found.confidence >= 0.9
        ):
            flags.append(
                _flag(
                    "other_language",
                    text,
                    sentence.start,
                    sentence.end,
                    f"sentence looks {found.lang}, document is {ctx.lang}: untranslated?",
                )
            )
    return flags


# A sentence with this share of its letters in the document's script is mixed-script.
MIXED_SCRIPT_SHARE = (0.15, 0.9)


@functools.lru_cache(maxsize=65536)
def _script(ch: str) -> str:
    """The script of a letter, from its Unicode name ("LATIN", "CYRILLIC", "CJK"...)."""
    return unicodedata.name(ch, "UNKNOWN").split(" ", 1)[0]


def _main_script(text: str) -> str:
    counts: Counter[str] = Counter()
    for ch, n in Counter(text).items():  # each distinct character once, in text order
        if ch.isalpha():
            counts[_script(ch)] += n
    return counts.most_common(1)[0][0] if counts else ""


def _script_share(text: str, script: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    return sum(_script(ch) == script for ch in letters) / len(letters) if letters else 0.0


def long_sentences(text: str, ctx: Context) -> list[Flag]:
    """A stretch with no sentence end longer than `[limits] max_sentence_chars`.

    Such a stretch (a pasted table, a run of dots, text with no punctuation) is read by
    the other checks in pieces cut at whitespace, so their work stays linear; this flag
    says so instead of letting it pass unseen. Nothing is dropped or changed.
    """
    return [
        _flag(
            "long_sentence",
            text,
            span.start,
            span.end,
            f"{span.end - span.start:,} characters without a sentence end: checked in pieces "
            f"of at most {ctx.max_sentence_chars:,} ([limits] max_sentence_chars)",
        )
        for span in _split(text, ctx.max_sentence_chars).overlong
    ]


def _sentences(text: str, ctx: Context) -> list[Span]:
    return _split(text, ctx.max_sentence_chars).sentences


@functools.lru_cache(maxsize=1)
def _split(text: str, max_chars: int) -> SentenceSplit:
    """The sentences of every paragraph; remembered for the last text, so the checks
    that read sentences split a document once between them, not once each."""
    split = SentenceSplit([], [])
    for para in paragraphs(text):
        found = split_sentences(text, para.start, para.end, max_chars=max_chars)
        split.sentences.extend(found.sentences)
        split.overlong.extend(found.overlong)
    return split


def _flag(rule: str, text: str, start: int, end: int, reason: str) -> Flag:
    return Flag(rule, start, end, text[start:end], reason)


CHECKS: tuple[FlagCheck, ...] = (
    unbalanced_quotes,
    unbalanced_brackets,
    second_person,
    garbled_negation,
    doubled_word,
    other_language,
    long_sentences,
)
"""The flagging checks, in the order they run."""


def check(text: str, ctx: Context) -> list[Flag]:
    """Every flag the checks raise on `text`, in text order."""
    flags = [flag for check_ in CHECKS for flag in check_(text, ctx)]
    return sorted(flags, key=lambda f: (f.start, f.end, f.rule))
