"""The `quote_spacing` rule: a space on the wrong side of a quotation mark.

Straight quotes get their role (opening or closing) from their place in the paragraph
(`toolkit.repair.scan`); curly and angle quotes carry it. Split out of `rules.py`, which
lists it in `RULES` with the other rules.
"""

from __future__ import annotations

from toolkit.repair.context import Context
from toolkit.repair.edits import Change, drop_overlaps
from toolkit.repair.languages import (
    LanguageProfile,
)
from toolkit.repair.scan import (
    OPENING_PUNCT,
    QuoteMark,
    quote_marks,
)
from toolkit.text import paragraphs


def quote_spacing(text: str, ctx: Context) -> list[Change]:
    """A space on the wrong side of a quotation mark is moved or removed.

    Examples: "terrorists, ”he said" -> "terrorists,” he said", "“ Hello" -> "“Hello",
    "„ Ja “" -> "„Ja“", "« Да »" -> "«Да»" (Russian), and with straight quotes
    '"We agree, "Zaev said' -> '"We agree," Zaev said'. Whether a curly quote opens or
    closes comes from its shape in the language („…“, “…”, «…») and the quotes before
    it; a straight quote is only moved when that is the one reading under which the
    paragraph's quotes pair up. Left alone: French « », right-to-left scripts (quote
    direction and inner spaces vary there), Chinese and Japanese.
    """
    p = ctx.profile
    if p.unspaced or p.right_to_left:
        return []
    changes: list[Change] = []
    for para in paragraphs(text):
        for mark in quote_marks(text, para.start, para.end, p):
            if mark.char == '"':
                continue
            if mark.char in "«»" and not p.tight_guillemets:
                continue
            change = _curly_change(text, mark, para.start, para.end)
            if change:
                changes.append(change)
        changes.extend(_straight_changes(text, para.start, para.end, p))
    return drop_overlaps(changes)


def _curly_change(text: str, mark: QuoteMark, start: int, end: int) -> Change | None:
    pos = mark.pos
    if mark.role == "close":
        if pos - 2 < start or text[pos - 1] != " " or text[pos - 2].isspace():
            return None
        if text[pos - 2] in OPENING_PUNCT:
            return None
        glued = pos + 1 < end and text[pos + 1].isalnum()
        return Change(pos - 1, pos + 1, mark.char + " ") if glued else Change(pos - 1, pos, "")
    if pos + 2 >= end or text[pos + 1] != " " or not text[pos + 2].isalnum():
        return None
    if pos > start and not (text[pos - 1].isspace() or text[pos - 1] in OPENING_PUNCT):
        return None  # `word“ next`: not clearly an opening quote
    return Change(pos + 1, pos + 2, "")


_CLAUSE_END = ",.!?;:…"
_INTRODUCED_BY = ",:;،"


def _straight_changes(
    text: str, start: int, end: int, profile: LanguageProfile | None = None
) -> list[Change]:
    """Misplaced closing straight quotes (`, "he said`) in one paragraph.

    Each straight quote is read from its shape: opening (space before, text after),
    closing (text before, space or punctuation after), or a candidate for a misplaced
    closing quote (clause punctuation and a space before, a word glued after). A
    candidate is moved only when exactly one reading of all candidates pairs every
    quote of the paragraph, and never to close a quotation introduced by a comma or
    colon ("She said, "I... , "You...": a quote inside a quote, not a slip).
    """
    quotes = [i for i in range(start, end) if text[i] == '"']
    if quotes and all(_spaced(text, i, start, end) for i in quotes):
        return _tokenized_quotes(text, quotes)
    if len(quotes) == 1:
        return _lone_closing_quote(text, quotes[0], start, end, profile)
    if not quotes or len(quotes) % 2:
        return []
    shapes = [straight_shape(text, i, start, end) for i in quotes]
    candidates = [k for k, shape in enumerate(shapes) if shape == "candidate"]
    if not candidates or "unknown" in shapes or len(candidates) > 6:
        return []
    solutions = []
    for mask in range(1 << len(candidates)):
        roles = list(shapes)
        for bit, k in enumerate(candidates):
            roles[k] = "moved" if mask >> bit & 1 else "open"
        if _pairs_up(text, quotes, roles):
            solutions.append(roles)
    if len(solutions) != 1:
        return []
    return [
        Change(quotes[k] - 1, quotes[k] + 1, '" ') for k in candidates if solutions[0][k] == "moved"
    ]


def _spaced(text: str, i: int, start: int, end: int) -> bool:
    """Whether the character at `i` has a space (or the paragraph's edge) before it, and a
    space, the edge or clause punctuation after it."""
    return (i == start or text[i - 1] == " ") and (i + 1 == end or text[i + 1] in " " + _CLAUSE_END)


def _tokenized_quotes(text: str, quotes: list[int]) -> list[Change]:
    """Tokenized output spaces every straight quote (`said " we stop " .`): pair them.

    Only an even number of quotes, all spaced on both sides, reads this way: the 1st,
    3rd... open (their inner space goes), the 2nd, 4th... close.
    """
    if len(quotes) % 2:
        return []
    changes = []
    for k, i in enumerate(quotes):
        if k % 2 == 0 and i + 2 < len(text) and not text[i + 2].isspace():
            changes.append(Change(i + 1, i + 2, ""))
        elif k % 2 and i >= 2 and not text[i - 2].isspace():
            changes.append(Change(i - 1, i, ""))
    return changes


_SHORT_ATTRIBUTION = 6  # words after a lone misplaced closing quote: `, "diyor.`


def _lone_closing_quote(
    text: str, i: int, start: int, end: int, profile: LanguageProfile | None = None
) -> list[Change]:
    """A paragraph's only straight quote, misplaced, before a short attribution.

    `Ben sızdırmadım, "diyor.` -> `Ben sızdırmadım," diyor.` With one quote there is no
    pairing to go by, so only the unambiguous shape is moved: clause punctuation and a
    space before, a word glued after, and a tail that ends the paragraph and reads as an
    attribution (never after a colon, where a quotation opens): a short lowercase one (a
    quotation rarely opens in lowercase), or one whose speech verb
    (`LanguageProfile.speech_verbs`) follows at most three words, a name ("individuals,
    "Mr. Albence said." -> "individuals," Mr. Albence said."), or, in a verb-final
    language, a short one that ends with a speech verb (Korean `준비됐습니까? "CNN이 이렇게
    보도했다.`). Anything else is left to the unbalanced-quote flag.
    """
    if straight_shape(text, i, start, end) != "candidate":
        return []
    tail = text[i + 1 : end]
    if tail.rstrip()[-1:] not in ".!?…":
        return []
    words = tail.split()
    if text[i - 2] in ":;":
        return []  # `said: "Last year I said...`, `disent : "oh, je...`: a quotation opens
    if text[i + 1].islower():
        return [Change(i - 1, i + 1, '" ')] if len(words) <= _SHORT_ATTRIBUTION else []
    final = profile.final_speech_verbs if profile else ()
    if final and len(words) <= _SHORT_ATTRIBUTION and words[-1].rstrip(".!?…").endswith(final):
        return [Change(i - 1, i + 1, '" ')]  # verb-final: `습니까? "CNN이 이렇게 보도했다.`
    verbs = profile.speech_verbs if profile else frozenset()
    if not verbs:
        return []
    for k, word in enumerate(words[:4]):
        if word.strip(".,!?…").lower() in verbs:
            return [Change(i - 1, i + 1, '" ')] if k else []
        if not word[0].isupper():
            return []  # the words before the verb must be a name: "Mr. Albence said"
    return []


def straight_shape(text: str, i: int, start: int, end: int) -> str:
    """How the straight quote at `i` sits in its paragraph `start:end`.

    "open" (space before, text after), "close" (text before, space or punctuation
    after), "candidate" (clause punctuation and a space before, a word glued after: a
    closing quote with its space on the wrong side, or an opening one) or "unknown".
    """
    prev = text[i - 1] if i > start else ""
    nxt = text[i + 1] if i + 1 < end else ""
    if prev == " " and i - 2 >= start and text[i - 2] in _CLAUSE_END and nxt.isalnum():
        return "candidate"
    if prev and not prev.isspace() and prev not in OPENING_PUNCT and not nxt.isalnum():
        return "close"
    if (not prev or prev.isspace() or prev in OPENING_PUNCT) and nxt and not nxt.isspace():
        return "open"
    return "unknown"


def _pairs_up(text: str, quotes: list[int], roles: list[str]) -> bool:
    stack: list[int] = []
    for k, role in enumerate(roles):
        if role == "open":
            stack.append(quotes[k])
            continue
        if not stack:
            return False
        opener = stack.pop()
        if (
            role == "moved"
            and opener >= 2
            and text[opener - 1] == " "
            and text[opener - 2] in _INTRODUCED_BY
        ):
            return False
    return not stack
