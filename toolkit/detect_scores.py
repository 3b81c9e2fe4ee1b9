"""The first stage's evidence: n-gram and word scores per language (see toolkit.detect).

`load_model()` loads the compiled data (`toolkit.detect_data`) once per process and derives
its lookup tables. Scoring a text is a sum over its words, so two bounded per-word caches
(`WORD_CACHE` distinct words each) keep what a word costs to look up: its n-grams' rows
in langdetect's profiles (LRU), and its row of log word frequencies (emptied when full).
News repeats its words, so most are looked up once while they stay cached. The sums
themselves are computed exactly as without the caches (same arrays, same order), so
every score is the same to the bit (tests/detect/test_detect_fast_paths.py).
"""

from __future__ import annotations

import threading
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import chain
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from toolkit.detect_data import DetectData

# The word-list constants were set on hand-written sentences in languages the evaluation
# set lacks (af, mr, ne, sq, cy, et, so, sw), then checked on it (langid.jsonl).
WORD_FLOOR = np.log(10**-7.5)  # log-frequency of a word missing from a language's list
# Languages without a word list borrow a close relative's, a little discounted, so that
# Afrikaans is not outvoted by Dutch words it shares (nor Marathi/Nepali by Hindi).
_BORROWED_LEXICON = {"af": "nl", "mr": "hi", "ne": "hi"}
_BORROW_DISCOUNT = 1.0  # log-frequency units
# Languages with no word list at all (Albanian, Welsh, Estonian, Somali, Swahili...) are
# credited as if each word were a rare word of theirs, so a few short function words they
# share with a big language ("e", "se", "do": Portuguese) cannot outvote their n-grams.
_UNLISTED_BONUS = 1.0  # log-frequency units above the floor
WORD_CACHE = 1 << 14  # distinct words kept by each per-word cache (~20 MB in all at most)


_lock = threading.Lock()
_loaded: Model | None = None


@dataclass(frozen=True)
class Model:
    """The compiled data plus lookup tables derived from it once per process."""

    data: DetectData
    column: dict[str, int]
    word_sep: str  # str.translate table: non-letters -> space
    borrowers: np.ndarray  # columns that borrow a relative's word list
    lenders: np.ndarray  # the relative's column, for each borrower
    unlisted: np.ndarray  # columns with no word list at all (bool)
    # Per-word caches (news repeats its words: most are looked up once), bounded.
    ngram_ids: Callable[[str], tuple[int, ...]]
    word_rows: dict[str, np.ndarray]  # word -> its `_lexicon_rows` row, as many


def load_model() -> Model:
    """The compiled data and its derived tables, loaded on first use (thread-safe)."""
    global _loaded
    if _loaded is None:
        with _lock:
            if _loaded is None:
                from toolkit.detect_data import load

                data = load()
                word_sep = _word_separators(data.script_table)
                column = {lang: i for i, lang in enumerate(data.langs)}
                unlisted = np.ones(len(data.langs), dtype=bool)
                unlisted[np.unique(data.word_lang)] = False
                unlisted[[column[b] for b in _BORROWED_LEXICON]] = False
                _loaded = Model(
                    data,
                    column,
                    word_sep,
                    borrowers=np.array([column[b] for b in _BORROWED_LEXICON]),
                    lenders=np.array([column[lend] for lend in _BORROWED_LEXICON.values()]),
                    unlisted=unlisted,
                    ngram_ids=lru_cache(maxsize=WORD_CACHE)(
                        partial(_word_ngram_ids, data.ngram_index)
                    ),
                    word_rows={},
                )
    return _loaded


def _word_separators(script_table: bytes) -> str:
    """A str.translate table over the BMP: letters (and marks) kept, the rest -> space."""
    codes = np.arange(0x10000, dtype=np.uint32)
    letter = np.frombuffer(script_table, np.uint8) != 0
    letter &= (codes < 0xD800) | (codes > 0xDFFF)  # surrogates are not text
    return np.where(letter, codes, ord(" ")).astype("<u4").tobytes().decode("utf-32-le")


def ngram_scores(text: str, model: Model, cols: np.ndarray) -> np.ndarray:
    """Naive-Bayes log-likelihood ratios from langdetect's profiles."""
    ids = list(
        chain.from_iterable(map(model.ngram_ids, text.translate(model.data.norm_table).split()))
    )
    if not ids:
        return np.zeros(len(cols), dtype=np.float32)
    return model.data.ngram_logprob[np.array(ids)][:, cols].sum(axis=0)


def _word_ngram_ids(index: dict[str, int], word: str) -> tuple[int, ...]:
    """The profile rows of a (normalized) word's 1-, 2- and 3-grams, padded with spaces."""
    if len(word) > 1 and word.isupper():
        return ()  # langdetect skips all-capital words (acronyms)
    padded = f" {word} "
    grams = [*word, *[padded[i : i + 2] for i in range(len(padded) - 1)]]
    grams += [padded[i : i + 3] for i in range(len(padded) - 2)]
    return tuple([i for i in map(index.get, grams) if i is not None])


def word_scores(text: str, model: Model, cols: np.ndarray) -> np.ndarray:
    """Sum over words of each language's log word frequency (floor when unlisted)."""
    words = text.lower().translate(model.word_sep).split()
    if not words:
        return np.zeros(len(cols), dtype=np.float32)
    known = model.word_rows
    rows = list(map(known.get, words))
    missing = [word for word, row in zip(words, rows, strict=True) if row is None]
    if missing:
        new = dict(zip(missing, _lexicon_rows(missing, model), strict=True))
        if len(known) > WORD_CACHE:
            known.clear()  # bounded: start over rather than grow
        known.update(new)
        rows = [new[word] if row is None else row for word, row in zip(words, rows, strict=True)]
    found = np.array(rows)
    bonus = found[:, cols] - WORD_FLOOR
    bonus[:, model.unlisted[cols]] = _UNLISTED_BONUS
    return bonus.sum(axis=0)


def _lexicon_rows(words: list[str], model: Model) -> np.ndarray:
    """Each word's log-frequency in every language (floor where unlisted), relatives'
    lists lent to the languages without one: (words, langs) float32."""
    data = model.data
    hashes = np.array([zlib.crc32(w.encode("utf-8")) for w in words], dtype=np.uint32)
    lo = np.searchsorted(data.word_hash, hashes, "left")
    counts = np.searchsorted(data.word_hash, hashes, "right") - lo
    found = np.full((len(words), len(data.langs)), WORD_FLOOR, dtype=np.float32)
    # Every lexicon entry of every word at once: entry lo[w] + k of word w, k < counts[w].
    rows = np.repeat(np.arange(len(words)), counts)
    entries = np.arange(len(rows)) + np.repeat(lo - (np.cumsum(counts) - counts), counts)
    found[rows, data.word_lang[entries]] = np.maximum(data.word_logfreq[entries], WORD_FLOOR)
    found[:, model.borrowers] = np.maximum(found[:, model.lenders] - _BORROW_DISCOUNT, WORD_FLOOR)
    return found


def han_scores(text: str, model: Model, langs: tuple[str, ...]) -> np.ndarray:
    """Per-character log-probabilities under Japanese and Chinese."""
    index = model.data.han_index
    ids = [i for i in map(index.get, text) if i is not None]
    if not ids:
        return np.zeros(len(langs), dtype=np.float32)
    ja, zh = model.data.han_logprob[np.array(ids)].sum(axis=0)
    return np.array([ja if lang == "ja" else zh for lang in langs], dtype=np.float32)
