"""Doubled words: which a rule may remove and which only a person can judge.

A word written twice in a row is usually a slip ("the the"), but it may be grammar
("had had", "die die", Vietnamese "dần dần") or a name ("Walla Walla", "Pago Pago").
`doubled_words` (in `RULES`) removes the doubles that cannot be either; the
`doubled_word` check in `flags.py` reports the rest.

A doubled capitalized word is a name that doubles, or a slip. It is a slip when:
- it is one part of a longer name ("Alex Alex Noren", "Nancy Pelosi Pelosi", "Lopez
  Lopez Obrador"): reduplicated names are two words of their own, so a capitalized
  word right before (not a sentence's first word, capitalized anyway) or after the
  pair shows a name that already has its parts;
- the word also stands alone in the text (a name that doubles is always doubled);
- it is a common word of the language ("China China", "Мексики Мексики"): the parts of
  reduplicated names are rarely words of their own (Walla, Pago, Wagga);
- it is a function word ("Den Den Namen") or an all-capital acronym ("UK UK", "HIV
  HIV"), or the language capitalizes every noun (German "Hai Hai").
Known reduplicated names whose part is also a word or that head longer names ("Sing
Sing", "Tom Tom Club", "Walla Walla University") are listed in `REDUPLICATED_NAMES`
and stay flagged. In Vietnamese, written syllable by syllable, a doubled syllable of a
compound word ("nghiêm nghiêm trọng") is a slip by a shipped word list. In German a
doubled article is a slip unless a relative clause may start there ("Menschen, die
die Zuflucht...": such clauses always follow a comma).
"""

from __future__ import annotations

import gzip
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import regex

from toolkit.repair.edits import Change
from toolkit.repair.languages import LATIN_LETTER_NAMES_ARABIC
from toolkit.repair.scan import token_after, token_before

if TYPE_CHECKING:
    from toolkit.repair.context import Context

_DOUBLE = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}'’\-.@/_])(?P<w>\p{L}[\p{L}\p{M}]*+)(?P<sep>[ \u00a0])(?P=w)"
    r"(?![\p{L}\p{M}\p{N}'’\-@/_])"
)

# Reduplicated names (places, bands, brands) that may head a longer name; lowercase.
REDUPLICATED_NAMES = frozenset(
    """walla wagga pago bora sing baden tom duran talk mahi cha bam dum kota ylang berri
    mau lulu bonga""".split()
)

# A capitalized word that continues a name: letters, marks, inner apostrophes, hyphens.
_NAME_PART = regex.compile(r"\p{Lu}[\p{L}\p{M}'’\-]*")
# What may stand before a sentence's first word: nothing, or opening punctuation.
_SENTENCE_START = regex.compile(r"(?:^|[.!?…:;]\s*|[\"“”„«»‘’'(\[]\s*)$")
_MAX_LOOKBACK = 8  # characters before a word that decide whether it starts a sentence
_TRAILING = ",.;:!?…)»”’\"'"
_LEADING = "(«“‘„\"'"
# Word lists of compound words, for languages written syllable by syllable (see
# toolkit/data/VI_WORDS_LICENSE).
DATA_DIR = Path(__file__).resolve().parent.parent / "data"
_COMPOUND_LISTS = {"vi": "vi_words.txt.gz"}
_SYLLABLE = regex.compile(r"[\p{L}\p{M}]+")
# German: a doubled article ("in der der Nähe") is a slip unless the first word is a
# relative pronoun ("die die Zeitung liest"), which only a clause start allows.
_RELATIVE_OR_ARTICLE = {"de": frozenset("der die das den dem".split())}
_PREPOSITIONS = {
    "de": frozenset(
        """an auf aus bei durch für gegen hinter in mit nach neben ohne über um unter von
        vor während wegen zu zwischen seit bis trotz statt außer""".split()
    )
}
_CONJUNCTIONS = {
    "de": frozenset(
        "dass daß ob weil wenn als da obwohl damit bevor nachdem sodass falls wie wo".split()
    )
}
_CAPITALIZED_WORD = regex.compile(r"(?<![\p{L}\p{M}\p{N}'’\-.@/_])\p{Lu}[\p{L}\p{M}]*")
# Lowercase words inside a name ("Conselho de Segurança", "Tribunal da Relação").
_NAME_PARTICLES = frozenset("de da do dos das del della di du des van von der den of la le".split())


def doubled_words(text: str, ctx: Context) -> list[Change]:
    """A word written twice in a row is written once.

    Examples: "played the the carillon" -> "played the carillon", "командная тактика
    тактика" -> "командная тактика", "UK UK" -> "UK", "Alex Alex Noren" -> "Alex
    Noren". Not touched (flagged instead): grammatical or emphatic doubles ("had had",
    "that that", "nous nous", "die die", "πολύ πολύ", "کم کم"), a doubled capitalized
    word standing alone, which may be a name ("Walla Walla", "Pago Pago", "Duran
    Duran"), doubled content words in languages where reduplication is grammar
    (Vietnamese, Indonesian, Turkish, Hindi...: "dần dần", "yavaş yavaş"), doubles that
    differ in case ("Nous nous"), numbers, hyphenated words ("Baden-Baden", "și și-a"),
    letters spelling an acronym ("سي إن إن" for CNN), and Pashto, where reduplication is
    common enough that only a flag is safe.
    """
    removed, _ = sort_doubles(text, ctx)
    return [Change(m.start("sep"), m.end(), "") for m in removed]


def sort_doubles(text: str, ctx: Context) -> tuple[list[regex.Match], list[regex.Match]]:
    """Every doubled word of `text` (the same word twice, a space between), split into
    those `doubled_words` removes and those it keeps (for the `doubled_word` flag)."""
    found = list(_DOUBLE.finditer(text))
    if ctx.profile.flag_only_doubles:
        return [], found
    capitalized = any(m.group("w")[0].isupper() for m in found)
    alone = _alone_capitalized(text) if capitalized else frozenset()
    removed: list[regex.Match] = []
    kept: list[regex.Match] = []
    for m in found:
        keep = is_intentional_double(text, m, ctx) or may_be_reduplication(text, m, ctx, alone)
        (kept if keep else removed).append(m)
    return removed, kept


def is_intentional_double(text: str, m: regex.Match, ctx: Context) -> bool:
    """Whether a doubled word may be deliberate (grammar, emphasis, spelled acronym)."""
    word = m.group("w")
    if word.lower() in _RELATIVE_OR_ARTICLE.get(ctx.lang, ()):
        return _opens_a_clause(text, m.start(), ctx.lang)
    if word.lower() in ctx.profile.intentional_doubles:
        return True
    if word in LATIN_LETTER_NAMES_ARABIC:
        before = token_before(text, m.start() - 1) if m.start() > 0 else ""
        after = token_after(text, m.end() + 1) if m.end() < len(text) else ""
        if any(w.strip(".,،:؛") in LATIN_LETTER_NAMES_ARABIC for w in (before, after)):
            return True  # سي إن إن (CNN), بی بی سی (BBC)
    return False


def _opens_a_clause(text: str, pos: int, lang: str) -> bool:
    """Whether a German relative pronoun may start at `pos`: right after a comma (a
    relative clause is always set off by one: "Menschen, die die Zuflucht..."), after a
    comma and a preposition (", an die die Spieler glauben"), after a conjunction that
    a demonstrative may follow ("dass die die Wahl...") or at the text's start."""
    if pos < 2 or text[pos - 1] != " ":
        return True
    before = token_before(text, pos - 1)
    if before.endswith(","):
        return True
    word = before.lower()
    if word in _CONJUNCTIONS.get(lang, ()):
        return True
    if word in _PREPOSITIONS.get(lang, ()):
        head = pos - 1 - len(before)
        return head < 2 or token_before(text, head - 1).endswith(",")
    return False


def may_be_reduplication(
    text: str, m: regex.Match, ctx: Context, alone: frozenset[str] = frozenset()
) -> bool:
    """Whether a doubled word may be a reduplicated name or a reduplicated word.

    An all-capital acronym ("UK UK", "HIV HIV") is a slip in every language. A
    capitalized word may be a name that doubles ("Walla Walla", "Sing Sing", "Tom
    Tom") unless something shows a slip (see the module docstring); in a reduplicating
    language any other word but a function word may be grammar ("dần dần", "sık sık",
    "घर घर").
    """
    word = m.group("w")
    if len(word) > 1 and word.isupper():
        return False
    if word[0].isupper():
        if word.lower() in REDUPLICATED_NAMES:
            return True
        return not (
            ctx.profile.capitalized_nouns
            or word.lower() in ctx.profile.function_words
            or _common_word(word.lower(), ctx.lang)
            or _inside_longer_name(text, m, ctx)
            or word in alone
        )
    if not ctx.profile.may_reduplicate(word):
        return False
    return not _splits_a_compound(text, m, ctx.lang)


def _splits_a_compound(text: str, m: regex.Match, lang: str) -> bool:
    """Whether a doubled syllable is a slip inside a compound word, by the language's
    word list (Vietnamese: words are written syllable by syllable, so "nghiêm trọng"
    doubled at its first syllable reads "nghiêm nghiêm trọng").

    A slip when the pair is not itself a word ("dần dần", "khăng khăng" are) and exactly
    one copy forms a word with its neighbour: "các thành thành viên" (only "thành
    viên"), not "trở thành thành viên" (two words that meet), nor "lạnh lạnh hơn"
    (neither: unknown reduplication, left for a flag).
    """
    words = compound_words(lang)
    if not words:
        return False
    syllable = m.group("w").lower()
    if f"{syllable} {syllable}" in words:
        return False
    before = _syllables(text, m.start(), -1)
    after = _syllables(text, m.end(), +1)
    left = any(" ".join([*before[:n][::-1], syllable]) in words for n in (1, 2))
    right = any(" ".join([syllable, *after[:n]]) in words for n in (1, 2))
    return left != right


def _syllables(text: str, pos: int, step: int) -> list[str]:
    """Up to two lowercase words next to `pos` (before it with step -1), nearest first,
    stopping at punctuation."""
    found: list[str] = []
    for _ in range(2):
        if step < 0:
            if pos < 2 or text[pos - 1] != " ":
                break
            token = token_before(text, pos - 1)
            pos -= len(token) + 1
        else:
            if text[pos : pos + 1] != " ":
                break
            token = token_after(text, pos + 1)
            pos += len(token) + 1
        word = token.lstrip(_LEADING) if step < 0 else token.rstrip(_TRAILING)
        if not _SYLLABLE.fullmatch(word):
            break
        found.append(word.lower())
        if word != token:  # punctuation ends the phrase
            break
    return found


@cache
def compound_words(lang: str) -> frozenset[str]:
    """The multi-syllable words of `lang` where a list ships (`_COMPOUND_LISTS`)."""
    name = _COMPOUND_LISTS.get(lang)
    if name is None:
        return frozenset()
    with gzip.open(DATA_DIR / name, "rt", encoding="utf-8") as handle:
        return frozenset(line.rstrip("\n") for line in handle if line.strip())


def _common_word(word: str, lang: str) -> bool:
    """Whether `word` is a common word of `lang` (see `toolkit.detect_data.common_word`)."""
    from toolkit.detect_data import common_word  # numpy and the detection data: on use

    return common_word(word, lang)


def _inside_longer_name(text: str, m: regex.Match, ctx: Context) -> bool:
    """Whether the capitalized double `m` has another part of a name next to it.

    The part after ("Alex Alex Noren"), or the one before ("Lewis Hamilton Hamilton",
    "Conselho de Segurança Segurança", past a name particle), unless that one is a
    function word capitalized as a sentence's first ("In Walla Walla").
    """
    after = token_after(text, m.end() + 1) if text[m.end() : m.end() + 1] == " " else ""
    if _NAME_PART.fullmatch(after.rstrip(_TRAILING)):
        return True
    end = m.start() - 1
    if end < 1 or text[end] != " ":
        return False
    before = token_before(text, end)
    if before in _NAME_PARTICLES and end - len(before) >= 2:
        end -= len(before) + 1
        before = token_before(text, end) if text[end] == " " else ""
    if not _NAME_PART.fullmatch(before):
        return False
    head = end - len(before)
    starts = _SENTENCE_START.search(text[max(0, head - _MAX_LOOKBACK) : head])
    return not starts or before.lower() not in ctx.profile.function_words


def _alone_capitalized(text: str) -> frozenset[str]:
    """The capitalized words of `text` that occur at least once with no copy beside them
    (one pass over the words): a name that doubles is written doubled every time, so a
    single "Johnson" before "Johnson Johnson" shows the slip."""
    words = list(_CAPITALIZED_WORD.finditer(text))
    alone = set()
    for i, w in enumerate(words):
        doubled = any(
            0 <= j < len(words)
            and words[j].group() == w.group()
            and text[min(w.end(), words[j].end()) : max(w.start(), words[j].start())]
            in (" ", "\u00a0")
            for j in (i - 1, i + 1)
        )
        if not doubled:
            alone.add(w.group())
    return frozenset(alone)
