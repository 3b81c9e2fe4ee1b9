"""The sentence-boundary rules: `glued_sentences` ("forces.The") and `broken_sentences`
("continues. felt"). Split out of `rules.py`, which lists them in `RULES`.
"""

from __future__ import annotations

import regex

from toolkit.repair.context import Context
from toolkit.repair.edits import Change
from toolkit.repair.languages import (
    DOMAIN_SUFFIXES,
)
from toolkit.repair.quoting import straight_shape
from toolkit.repair.scan import (
    CLOSING_PUNCT,
    LETTERS_BEFORE,
    OPENING_PUNCT,
    UNSPACED_CHAR,
    WORD,
    base_letters,
    has_case,
    paragraph_roles,
    token_after,
    token_before,
)

# A stop right after a dotted chain's letters ("U.S.A", "a.b.c.") is skipped in the pattern:
# `_glued_words` would reject it anyway, and a hostile chain made one Python step per stop.
_TERMINAL = regex.compile(
    r"(?<=\S|[\u00a0\u202f])(?<!\.[\p{L}\p{M}\p{N}]{1,59})(?:\.(?!\.)|[!?؟]+)(?=\S)"
)


def glued_sentences(text: str, ctx: Context) -> list[Change]:
    """Two sentences glued without a space get their space back.

    Examples: "US forces.The Taliban" -> "US forces. The Taliban", "ключицы».«Я" ->
    "ключицы». «Я", "است.لری" -> "است. لری". Not touched: abbreviations and initials
    ("U.S.", "U.S.A", "e.g.", "J.Smith", "Dr.Who"), decimals and version numbers, domains
    and files ("example.com", "Node.js", "Kasparov.Ru", "vi.Com": a domain ending from
    `DOMAIN_SUFFIXES`), ellipses, and Chinese or Japanese text (no spaces between
    sentences).
    """
    if ctx.profile.unspaced:
        return []
    roles = None
    changes = []
    for m in _TERMINAL.finditer(text):
        ps, pe = m.start(), m.end()
        b = ps
        if text[ps - 1] in "\u00a0\u202f":  # French "rapport\u00a0?Il"
            if not ctx.profile.french_spacing or m.group() == ".":
                continue
            b -= 1
        while b > 0 and text[b - 1] in CLOSING_PUNCT and text[b - 1] not in "„«":
            b -= 1
        quote_before = text[b:ps]
        a = pe
        while a < len(text) and text[a] in OPENING_PUNCT + "”":
            a += 1
        quote_after = text[pe:a]
        after = WORD.match(text, a)
        if not after:
            continue
        before = LETTERS_BEFORE.search(text, max(0, b - 60), b)
        if not before:
            continue
        if not _glued_words(text, before, after, quote_before, ctx):
            continue
        token = token_before(text, ps) + token_after(text, ps)
        if "@" in token or "://" in token or token.lower().startswith("www."):
            continue
        if quote_after:
            if text[pe] == '"':
                if ctx.profile.text_follows_closing_quote:
                    continue  # Korean `."라고`: a closing quote, then its particle
                role = _straight_role_after_stop(text, pe)
            else:
                if roles is None:
                    roles = paragraph_roles(text, ctx.profile)
                role = roles[pe].role if pe in roles else None
            if role is None:
                continue
            if role == "close":
                if ctx.profile.text_follows_closing_quote or len(quote_after) > 1:
                    continue
                changes.append(Change(a, a, " "))
                continue
        changes.append(Change(pe, pe, " "))
    return changes


def _straight_role_after_stop(text: str, pos: int) -> str | None:
    """Role of a straight quote glued after a full stop (`said."The`), from the one before.

    After a closing quote, or with none before it in the paragraph, it opens a new
    quotation; after an opening one it closes it; otherwise nobody can tell.
    """
    start = text.rfind("\n\n", 0, pos) + 1
    end = text.find("\n\n", pos)
    end = len(text) if end < 0 else end
    previous = text.rfind('"', start, pos)
    if previous < 0:
        return "open"
    shape = straight_shape(text, previous, start, end)
    return {"close": "open", "open": "close"}.get(shape)


def _glued_words(
    text: str, before: regex.Match, after: regex.Match, quote_before: str, ctx: Context
) -> bool:
    """Whether `before` + terminal punctuation + `after` reads as two sentences."""
    left, right = before.group(), after.group()
    if before.start() > 0 and text[before.start() - 1] == ".":
        return False  # a dotted abbreviation: U.S.A, a.m., т.е.
    if UNSPACED_CHAR.match(right) or UNSPACED_CHAR.match(left[-1]):
        return False
    if left.lower() in ctx.profile.abbreviations:
        return False
    if not left[-1].isdigit() and base_letters(left) < 2:
        return False  # an initial: J.Smith, वी.वेड
    first = right[0]
    if first.isdigit():
        # "корреспондентов.70 процентов": a word, a full stop, a number.
        return _word_then_number(left, right, text, after)
    if has_case(first):
        if not first.isupper():
            return False  # Node.js, example.com
        if len(right) > 1 and not (right[1].islower() or right.isupper()):
            return False
        if right.isupper() and _dotted_next(text, after):
            return False
        if _domain_name(text, after):
            return False
        if quote_before:
            return True
        return left[-1].islower() or left[-1].isdigit() or _is_mark_after_lower(left)
    # A caseless script: Arabic, Hebrew, Devanagari, Hangul...
    if _dotted_next(text, after) and base_letters(right) <= 3:
        return False  # האפ.בי.איי, यू.एस.
    if has_case(left[-1]):
        return False
    return True


def _domain_name(text: str, after: regex.Match) -> bool:
    """Whether the word after the period ends a domain name: "Kasparov.Ru", "vi.Com"."""
    end = after.end()
    return after.group().lower() in DOMAIN_SUFFIXES and not text[end : end + 1].isalnum()


def _word_then_number(left: str, right: str, text: str, after: regex.Match) -> bool:
    if not right.isdigit() or not all(ch.isalpha() or not ch.isalnum() for ch in left):
        return False
    if base_letters(left) < 3 or (has_case(left[-1]) and not left[-1].islower()):
        return False
    nxt = text[after.end() : after.end() + 1]
    return nxt == " " or nxt.isalpha()


def _is_mark_after_lower(left: str) -> bool:
    letters = [ch for ch in left if ch.isalpha()]
    return bool(letters) and letters[-1].islower()


def _dotted_next(text: str, after: regex.Match) -> bool:
    """Whether the word after is itself followed by a period and a letter: U.S.A."""
    end = after.end()
    return text[end : end + 1] == "." and (
        end + 1 >= len(text) or not text[end + 1].isspace() or after.end() - after.start() <= 2
    )


_BROKEN = regex.compile(r"(?<=\S)\.(?P<ws>[ \u00a0]+)(?P<next>\p{Ll}[\p{L}\p{M}'’\-]*)")


def broken_sentences(text: str, ctx: Context) -> list[Change]:
    """A full stop in the middle of a sentence, before a lowercase word, is removed.

    Examples: "violence continues. felt in the country" -> "violence continues felt in
    the country", "“Resolute Support”. at a time" -> "“Resolute Support” at a time".
    Not touched: abbreviations ("etc. and", "z. B. die", "EE. UU. se"), dotted words
    ("a.m.", "U.S."), initials, ellipses, ordinals in languages that write them with a
    period ("am 3. oktober" stays in German), and words such as "iPhone".
    """
    changes = []
    for m in _BROKEN.finditer(text):
        dot = m.start()
        if text[dot - 1] == ".":
            continue
        nxt = m.group("next")
        if any(ch.isupper() for ch in nxt):
            continue  # iPhone, eBay
        b = dot
        while b > 0 and (text[b - 1] in CLOSING_PUNCT or text[b - 1] == "'"):
            b -= 1
        before = LETTERS_BEFORE.search(text, max(0, b - 60), b)
        if not before:
            continue
        word = before.group()
        token = token_before(text, b)
        if "." in token[:-1] or "@" in token or "/" in token:
            continue  # a.m., U.S., example.com
        if not _ends_sentence_fragment(text, before, word, ctx):
            continue
        if base_letters(word) <= 3 and len(nxt) <= 3 and text[m.end() : m.end() + 1] == ".":
            continue  # d. h., z. B., т. е.: a two-part abbreviation
        changes.append(Change(dot, dot + 1, ""))
    return changes


def _ends_sentence_fragment(text: str, before: regex.Match, word: str, ctx: Context) -> bool:
    """Whether the period after `word` can be a stray one (not an abbreviation's)."""
    if word.isdigit():
        return not ctx.profile.ordinal_period
    if any(ch.isdigit() for ch in word):
        return False
    lower = word.lower()
    if lower in ctx.profile.abbreviations:
        return False
    previous = token_before(text, max(0, before.start() - 1)) if before.start() > 0 else ""
    if base_letters(word) == 1:
        if word.isupper():
            return False  # an initial
        if previous and (previous[0].isdigit() or previous.endswith(".")):
            return False  # "2018 r.", "т. е."
    if base_letters(word) <= 3 and previous.endswith(".") and base_letters(previous) <= 3:
        return False  # EE. UU., z. B., d. h.
    return True
