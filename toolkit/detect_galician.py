"""Galician, told from Portuguese and Spanish by the words only Galician writes.

CLD3 reads about a tenth of professional Galician news as Portuguese or Spanish:
"Dixo que no cortello había un macho grande con sangue na boca" is Spanish to it at
1.0. Galician writes many common words neither of them writes (dixo, tiña, xogando,
despois, tamén, máis, cun, luns), and they write words it does not (não, também,
cuando, después).
Text with more of the first than of the second is Galician.

The two lists (toolkit/data/galician_words.tsv.gz: 958 and 20,994 words) are words of
NTREX-128's news in the 40 news_docs.jsonl documents and of wordfreq, checked with
hunspell's Galician, Portuguese and Spanish dictionaries; `benchmarks/galician_words.py`
makes the file and says how. Only words written in lowercase count: a capitalized
word may be a name or start a title, and counting those too read 1 more of the 671
Galician tuning sentences as Portuguese or Spanish. The caller asks when CLD3 has named
pt, es or gl, and about text too short for CLD3 alone, which is then Galician only where
CLD3 is sure of it too.
"""

from __future__ import annotations

import re
from functools import cache

from toolkit.detect_word_lists import read_word_lists

_WORD = re.compile(r"[^\W\d_]+")


@cache
def _lists() -> tuple[frozenset[str], frozenset[str]]:
    """(Galician-only, Portuguese- or Spanish-only) words."""
    read = read_word_lists("galician_words.tsv.gz")
    return read["galician"], read["other"]


def is_galician(text: str) -> bool:
    """More Galician-only than Portuguese- or Spanish-only lowercase words in `text`."""
    galician_words, other_words = _lists()
    galician = other = 0
    for word in _WORD.findall(text):
        if word.islower():
            galician += word in galician_words
            other += word in other_words
    return galician > other
