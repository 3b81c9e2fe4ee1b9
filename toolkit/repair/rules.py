"""The fixing rules: one small named function per machine-translation artifact.

Each rule gets the current text and the language context and returns the `Change`s it
is sure of; the engine applies them in order, logs every one as an `Edit`, and runs the
whole list again until nothing changes (so the result is idempotent). The first line of
each docstring is what `toolkit repair --explain` prints. A rule that is not sure does
nothing here: the matching check in `flags.py` reports the span instead.

Precision comes first: every rule is measured on professional translations in 23
languages (see `benchmarks/eval_repair.py`), where it must change almost nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import ftfy
import regex

from toolkit.repair.context import Context
from toolkit.repair.doubles import doubled_words
from toolkit.repair.edits import Change
from toolkit.repair.languages import (
    CLITICS_AFTER,
    DOMAIN_SUFFIXES,
    ELISIONS_BEFORE,
    LanguageProfile,
)
from toolkit.repair.scan import (
    CLOSING_PUNCT,
    LETTERS_BEFORE,
    OPENING_PUNCT,
    UNSPACED_CHAR,
    WORD,
    QuoteMark,
    base_letters,
    has_case,
    paragraph_roles,
    quote_marks,
    token_after,
    token_before,
)
from toolkit.text import paragraphs

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
    return _drop_overlaps(changes)


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
    attribution: a short lowercase one (a quotation rarely opens in lowercase), or one
    whose speech verb (`LanguageProfile.speech_verbs`) follows at most three words, a
    name ("individuals, "Mr. Albence said." -> "individuals," Mr. Albence said."), or,
    in a verb-final language, a short one that ends with a speech verb (Korean
    `준비됐습니까? "CNN이 이렇게 보도했다.`). Anything else is left to the unbalanced-quote flag.
    """
    if straight_shape(text, i, start, end) != "candidate":
        return []
    tail = text[i + 1 : end]
    if tail.rstrip()[-1:] not in ".!?…":
        return []
    words = tail.split()
    if text[i + 1].islower():
        return [Change(i - 1, i + 1, '" ')] if len(words) <= _SHORT_ATTRIBUTION else []
    if text[i - 2] in ":;":
        return []  # `said: "Last year I said...`: a quotation opens after a colon
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


def bracket_spacing(text: str, ctx: Context) -> list[Change]:
    """Spaces just inside parentheses and square brackets are removed.

    Examples: "( Reuters )" -> "(Reuters)", "the treaty ( 1949 )" -> "the treaty (1949)".
    Only brackets that pair up within their paragraph are touched.
    """
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
    return _drop_overlaps(changes)


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
    return _drop_overlaps(changes)


_TERMINAL = regex.compile(r"(?<=\S|[\u00a0\u202f])(?:\.(?!\.)|[!?؟]+)(?=\S)")


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
        before = LETTERS_BEFORE.search(text, max(0, b - 60), b)
        if not after or not before:
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


_LOOP = regex.compile(
    r"(?<![^\s\p{Ps}\p{Pi}\p{Pf}\"'])(?P<unit>[^\s]+(?: [^\s]+){0,7}?)(?P<rest>(?: (?P=unit)){2,})"
    r"(?![\p{L}\p{M}\p{N}])"
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
    return _drop_overlaps(changes)


def _letter_at(text: str, pos: int) -> bool:
    return pos < len(text) and (text[pos].isalnum())


def _drop_overlaps(changes: list[Change]) -> list[Change]:
    kept: list[Change] = []
    for change in sorted(changes, key=lambda c: (c.start, c.end)):
        if kept and change.start < kept[-1].end:
            continue
        kept.append(change)
    return kept


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
