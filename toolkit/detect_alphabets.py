"""Letters and alphabets that tell some Latin-script languages CLD3 misreads: Yoruba
(its subdots, also typed with a legacy font's private-use code points), Maori and Samoan
(their small alphabets). `toolkit.detect_extra` asks these where CLD3's answer alone
would be wrong: Yoruba with tone marks read as Vietnamese, Maori as Hawaiian, short
Samoan as Romanian.
"""

from __future__ import annotations

import re
import unicodedata

# Yoruba web text written with a legacy font keeps that font's private-use code points
# where Unicode has combining marks (seen in lingua-py's Leipzig Yoruba sentences:
# "wo\uf025n" for "wọn", "is\uf023\xe9\uf023" for "iṣẹ́", "n\uf008" for "ń", "On\uf00fd\xf3"
# for "Oǹdó"). CLD3 then reads the text as Vietnamese; read them as the marks they stand
# for (U+F023-U+F02C: dot below, in several heights; U+F008 acute; U+F00F grave).
_LEGACY_YORUBA_MARKS = {
    **dict.fromkeys(range(0xF023, 0xF02D), "\u0323"),
    0xF008: "\u0301",
    0xF00F: "\u0300",
}
_LEGACY_MARK = re.compile("[\uf008\uf00f\uf023-\uf02c]")

# Yoruba's subdotted letters. CLD3 reads Yoruba with tone marks as Vietnamese (which also
# writes ẹ and ọ), so in text of CLD3's length they decide for Yoruba unless CLD3 is sure
# of another language, provided the text has no letter Yoruba does not write: Vietnamese
# (đ, circumflex, breve, horn, tilde, hook above), Igbo (ị ụ ṅ) or Sanskrit transliteration
# (ś, vowels with a macron: "Kuṣāṇ").
_YORUBA_LETTERS = re.compile("[ẹọṣẸỌṢ]")


def _vietnamese_letters() -> frozenset[str]:
    """Latin letters only Vietnamese writes here: đ, circumflex, breve, horn, tilde, hook."""
    marks = set("\u0302\u0303\u0306\u0309\u031b")
    letters = {"đ", "Đ"}
    for ch in map(chr, range(0xC0, 0x1F00)):
        if marks.intersection(unicodedata.normalize("NFD", ch)):
            letters.add(ch)
    return frozenset(letters)


def _not_yoruba() -> frozenset[str]:
    """Latin letters Yoruba does not write (see `_YORUBA_LETTERS`)."""
    letters = set(_VIETNAMESE) | set("ịỊụỤṅṄśŚṃṂṇṆ")
    for ch in map(chr, range(0xC0, 0x1F00)):
        parts = unicodedata.normalize("NFD", ch)
        if parts[0] in "aeiouAEIOU" and "\u0304" in parts:
            letters.add(ch)
    return frozenset(letters)


_VIETNAMESE = _vietnamese_letters()
_NOT_YORUBA = _not_yoruba()

# Maori writes a e h i k m n o p r t u w, g only in "ng", and long vowels with a macron.
# Short text (too short for CLD3 alone) of two or more words in that alphabet alone is
# given to CLD3, and Maori is taken where CLD3 is sure of it: "Kei hea ngā tohunga?" (lingua-py
# tuning lines: 33 of 45 short Maori lines gained; of the two-word starts and short lines
# of the 74 other languages, 24 of about 65,000 read as Maori).
_MAORI_WORD = re.compile("(?:[aehikmnoprtuwāēīōū]|ng)+")
# Longer text with nine words in ten in that alphabet, and a letter Hawaiian does not
# write (r, t, ng, wh; Hawaiian has l and the okina instead), is Maori where CLD3 says
# Hawaiian or is unsure: on NTREX-128's Maori news (the 40 news_docs documents) 89.0 ->
# 95.2%; on lingua-py's tuning lines 819 -> 876 of 900 Maori lines, and the 74 other
# languages' lines read as Maori are the same 24 as before (16 of them Tsonga).
_MAORI_SHARE = 0.9
_NOT_HAWAIIAN = re.compile("[rt]|ng|wh")
# Samoan writes a e i o u f g l m n p s t v (h k r in loanwords), long vowels with a
# macron and the glottal stop as ʻ or an apostrophe: short text in that alphabet alone is
# given to CLD3 too, and Samoan taken where CLD3 is sure of it ("O le asō, e leai se
# mea.", read as Romanian before); longer text with nine words in ten in it is Samoan
# from CLD3's 0.5. On NTREX-128's Samoan news (the 40 news_docs documents) 91.1 ->
# 94.6%, with no line of another language lost there or in lingua-py's tuning lines (75
# languages; a plain 0.5 cut-off for sm lost 8 Romanian lines, 0.7 four).
_SAMOAN_WORD = re.compile("[aeiouāēīōūfglmnpstvhkrʻ]+")
_SAMOAN_SHARE = 0.9
# Short text in one of these alphabets is given to CLD3 (see above).
ALPHABETS = {"mi": _MAORI_WORD, "sm": _SAMOAN_WORD}
_WORD = re.compile(r"[^\W\d_]+")


def alphabets_only(text: str) -> list[str]:
    """The languages of `ALPHABETS` whose alphabet alone writes the two or more words of
    `text`."""
    words = _WORD.findall(text.lower())
    if len(words) < 2:
        return []
    return [lang for lang, word in ALPHABETS.items() if all(map(word.fullmatch, words))]


def _share_in(text: str, word: re.Pattern[str]) -> float:
    """The share of the words of `text` that are `word`s (0 for text without words)."""
    words = _WORD.findall(text.lower())
    return sum(map(bool, map(word.fullmatch, words))) / len(words) if words else 0.0


def mostly_maori(text: str) -> bool:
    """Four or more words, at least `_MAORI_SHARE` of them in Maori's alphabet, with a
    letter Hawaiian does not write (r, t, ng, wh)."""
    lower = text.lower()
    if len(_WORD.findall(lower)) < 4 or not _NOT_HAWAIIAN.search(lower):
        return False
    return _share_in(lower, _MAORI_WORD) >= _MAORI_SHARE


def looks_yoruba(text: str) -> bool:
    """Yoruba's subdotted letters and no letter Yoruba does not write (`_NOT_YORUBA`)."""
    return bool(_YORUBA_LETTERS.search(text)) and _NOT_YORUBA.isdisjoint(text)


def mostly_samoan(text: str) -> bool:
    """At least `_SAMOAN_SHARE` of the words of `text` in Samoan's alphabet."""
    return _share_in(text, _SAMOAN_WORD) >= _SAMOAN_SHARE


def has_vietnamese_letter(text: str) -> bool:
    """Whether `text` has a Latin letter only Vietnamese writes here (`_VIETNAMESE`)."""
    return not _VIETNAMESE.isdisjoint(text)


def read_legacy_yoruba(text: str) -> str:
    """`text` with a legacy Yoruba font's private-use code points read as the combining
    marks they stand for (unchanged where it has none)."""
    if not _LEGACY_MARK.search(text):
        return text
    return unicodedata.normalize("NFC", text.translate(_LEGACY_YORUBA_MARKS))
