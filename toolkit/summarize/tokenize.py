"""Language-aware word tokens for comparing sentences, and a word count for budgets.

Spaced scripts (Latin, Cyrillic, Greek, Arabic, Hebrew, Devanagari...) are cut into
letter/digit runs, case-folded, stopwords removed and crudely stemmed by truncation
(enough to match "troops"/"troop" or "Taliban"/"Talibans" without a per-language
stemmer). Scripts written without spaces between words (Chinese, Japanese, Thai, Lao,
Khmer, Myanmar) and Korean Hangul, whose words carry attached particles, become
overlapping character bigrams, the usual dictionary-free choice for these languages.
Stopword lists come from the `stopwordsiso` package (ISO 639-1 codes, ~58 languages);
for other languages IDF weighting alone discounts frequent words.
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import cache

# Han, kana, Hangul, Thai, Lao, Myanmar, Khmer (plus CJK compatibility ideographs).
_NOSPACE_CHARS = (
    "\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff\u1100-\u11ff\u3040-\u30ff"
    "\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
)
_NOSPACE_RUN = re.compile(f"([{_NOSPACE_CHARS}]+)")
_NOSPACE_CHAR = re.compile(f"[{_NOSPACE_CHARS}]")
_WORD = re.compile(r"[^\W_]+")
STEM_LENGTH = 7  # truncation "stemmer": long enough to keep unrelated words apart
CHARS_PER_WORD = 2  # in scripts without spaces, for word budgets


@cache
def stopwords(lang: str | None) -> frozenset[str]:
    """The stopwords of `lang` (empty when the language has no list)."""
    import stopwordsiso

    if not lang or not stopwordsiso.has_lang(lang):
        return frozenset()
    return frozenset(word.casefold() for word in stopwordsiso.stopwords(lang))


def tokens(text: str, lang: str | None = None) -> list[str]:
    """The content tokens of `text` used to compare sentences (see module docstring)."""
    stop = stopwords(lang)
    out: list[str] = []
    for i, piece in enumerate(_NOSPACE_RUN.split(unicodedata.normalize("NFKC", text))):
        if i % 2:  # a run of a script without spaces: character bigrams
            if len(piece) == 1:
                out.append(piece)
            else:
                out.extend(piece[j : j + 2] for j in range(len(piece) - 1))
            continue
        for word in _WORD.findall(piece.casefold()):
            if word not in stop:
                out.append(word[:STEM_LENGTH])
    return out


def word_count(text: str) -> int:
    """Words in `text`; in scripts without spaces every CHARS_PER_WORD characters count one."""
    nospace = len(_NOSPACE_CHAR.findall(text))
    spaced = len(_WORD.findall(_NOSPACE_RUN.sub(" ", text)))
    return spaced + math.ceil(nospace / CHARS_PER_WORD)
