"""Naive Bayes over letter grams: what tells two close languages apart beyond word lists.

Two languages that share most words still differ in their affixes, stems and spellings.
A table in toolkit/data (made by `benchmarks/letter_grams.py`) holds, for each 1- to
`GRAM_LENGTH`-letter piece of a word (`letter_grams`), ln(P(piece | one) / P(piece |
other)) over professional news of both; a text's score is the sum over its pieces, the
naive Bayes log-odds of the one against the other. Xhosa against Zulu
(`toolkit.detect_nguni`) and Serbian against Croatian and Bosnian
(`toolkit.detect_serbian`) use it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache

from toolkit.detect_scores import WORD_CACHE
from toolkit.detect_word_lists import read_word_scores

GRAM_LENGTH = 5
_WORD = re.compile(r"[^\W\d_]+")
_CACHED_LETTERS = 40  # longer "words" (a pasted hash, a run of letters) are not kept


def letter_words(text: str) -> list[str]:
    """The words of `text` the tables know, lowercased: runs of letters ("HER2" gives
    "her"; digits and "_" part words)."""
    return _WORD.findall(text.lower())


def letter_grams(text: str) -> list[str]:
    """The 1- to `GRAM_LENGTH`-letter pieces of each word of `text`, lowercased, `_`
    marking its start and end ("Uthi" gives "_", "u", ..., "_uth", "uthi_")."""
    return [gram for word in letter_words(text) for gram in word_grams(word)]


def word_grams(word: str) -> list[str]:
    """The letter grams of one lowercase word (see `letter_grams`)."""
    marked = f"_{word}_"
    return [
        marked[i : i + length]
        for length in range(1, GRAM_LENGTH + 1)
        for i in range(len(marked) - length + 1)
    ]


class GramTable:
    """One table's log ratios and a bounded cache of its words' scores (words repeat:
    each word of up to `_CACHED_LETTERS` letters is scored once while it stays among the
    `toolkit.detect_scores.WORD_CACHE` kept)."""

    def __init__(self, ratios: dict[str, float]) -> None:
        self._ratios = ratios
        self.cached_word_score = lru_cache(maxsize=WORD_CACHE)(self.word_score)

    def word_score(self, word: str) -> float:
        """One lowercase word's share of `score`."""
        ratios = self._ratios
        return sum(ratios.get(gram, 0.0) for gram in word_grams(word))

    def score(self, text: str) -> float:
        """The naive Bayes log-odds of `text`: the sum of its letter grams' log ratios."""
        return self.words_score(letter_words(text))

    def words_score(self, words: Iterable[str]) -> float:
        """`score` of the text of these `letter_words` (for a caller that leaves some of
        a text's words out)."""
        return sum(
            self.cached_word_score(word) if len(word) <= _CACHED_LETTERS else self.word_score(word)
            for word in words
        )


@cache
def gram_table(name: str) -> GramTable:
    """The table toolkit/data/`name` (`gram<TAB>log ratio` lines), loaded on first use."""
    return GramTable(read_word_scores(name))
