"""The detector's per-word caches and vectorized lexicon lookup give exactly the scores
of the plain per-n-gram, per-word computation they replaced (kept here as the reference),
bit for bit: a detection result must not change by a rounding."""

from __future__ import annotations

import zlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import toolkit.detect_scores as detect_module
from toolkit.detect import _SCRIPT_LANGS
from toolkit.detect_scores import (
    _BORROW_DISCOUNT,
    _UNLISTED_BONUS,
    WORD_FLOOR,
    _word_separators,
    load_model,
    ngram_scores,
    word_scores,
)


def _referencengram_scores(text, model, cols):
    index = model.data.ngram_index
    ids = []
    for word in text.translate(model.data.norm_table).split():
        if len(word) > 1 and word.isupper():
            continue
        padded = f" {word} "
        grams = [*word, *(padded[i : i + 2] for i in range(len(padded) - 1))]
        grams += [padded[i : i + 3] for i in range(len(padded) - 2)]
        ids += [i for i in map(index.get, grams) if i is not None]
    if not ids:
        return np.zeros(len(cols), dtype=np.float32)
    return model.data.ngram_logprob[np.array(ids)][:, cols].sum(axis=0)


def _referenceword_scores(text, model, cols):
    words = text.lower().translate(model.word_sep).split()
    if not words:
        return np.zeros(len(cols), dtype=np.float32)
    data = model.data
    hashes = np.array([zlib.crc32(w.encode("utf-8")) for w in words], dtype=np.uint32)
    lo = np.searchsorted(data.word_hash, hashes, "left")
    hi = np.searchsorted(data.word_hash, hashes, "right")
    found = np.full((len(words), len(data.langs)), WORD_FLOOR, dtype=np.float32)
    for row, (a, b) in enumerate(zip(lo.tolist(), hi.tolist(), strict=True)):
        if a < b:
            found[row, data.word_lang[a:b]] = np.maximum(data.word_logfreq[a:b], WORD_FLOOR)
    found[:, model.borrowers] = np.maximum(found[:, model.lenders] - _BORROW_DISCOUNT, WORD_FLOOR)
    bonus = found[:, cols] - WORD_FLOOR
    bonus[:, model.unlisted[cols]] = _UNLISTED_BONUS
    return bonus.sum(axis=0)


_WORDS = (
    "the of and to in that said government Bundesregierung hat die der und el de la que "
    "y los presidente, não é uma já Polícia Rzeczpospolita został się że UNESCO NATO "
    "indtil inntil selamat datang tidak ang mga sa Paris. 2024 www x y I a O'Neill "
    "правительство и в не на что это Україна їх також и или ще съм Ελλάδα και του "
    "دولت و در به این که अधिक और के में है 日本 政府 中国 的 東京 です ます ที่ และ"
).split()
_TEXTS = st.one_of(
    st.lists(st.sampled_from(_WORDS), min_size=0, max_size=40).map(" ".join),
    st.text(max_size=120),
    st.lists(st.one_of(st.sampled_from(_WORDS), st.text(min_size=1, max_size=12)), max_size=30).map(
        " ".join
    ),
)


def _columns(script: str) -> np.ndarray:
    model = load_model()
    return np.array([model.column[lang] for lang in _SCRIPT_LANGS[script]])


def _assert_identical(text: str) -> None:
    model = load_model()
    for script in ("LATIN", "CYRILLIC", "ARABIC", "DEVANAGARI", "HAN"):
        cols = _columns(script)
        for _ in range(2):  # first with empty caches for new words, then from them
            new, old = ngram_scores(text, model, cols), _referencengram_scores(text, model, cols)
            assert new.dtype == old.dtype and new.tobytes() == old.tobytes()
            new, old = word_scores(text, model, cols), _referenceword_scores(text, model, cols)
            assert new.dtype == old.dtype and new.tobytes() == old.tobytes()


@settings(max_examples=150, deadline=None)
@given(_TEXTS)
def test_cached_scores_equal_the_reference_bit_for_bit(text):
    _assert_identical(text)


@pytest.mark.parametrize("bound", [0, 3])
def test_a_full_word_cache_starts_over_and_scores_stay_identical(monkeypatch, bound):
    monkeypatch.setattr(detect_module, "WORD_CACHE", bound)
    text = " ".join(_WORDS)
    _assert_identical(text)
    assert len(load_model().word_rows) <= bound + len(set(text.lower().split()))
    _assert_identical("government der la que")


def test_the_word_caches_are_bounded():
    model = load_model()
    for i in range(3):
        word_scores(" ".join(f"w{i}x{n}" for n in range(20_000)), model, _columns("LATIN"))
        ngram_scores(" ".join(f"w{i}x{n}" for n in range(20_000)), model, _columns("LATIN"))
    assert len(model.word_rows) <= detect_module.WORD_CACHE + 20_000
    assert model.ngram_ids.cache_info().currsize <= detect_module.WORD_CACHE


def test_the_word_separator_table_keeps_letters_and_marks_only():
    model = load_model()
    letters = model.data.script_table
    expected = "".join(
        chr(cp) if letters[cp] and not 0xD800 <= cp <= 0xDFFF else " " for cp in range(0x10000)
    )
    assert _word_separators(letters) == expected == model.word_sep


def _reference_dominant_script(text, table):
    from toolkit.detect_data import SCRIPTS

    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    counts = np.bincount(np.frombuffer(table, np.uint8)[codes], minlength=len(SCRIPTS))
    counts[0] = 0
    return int(np.argmax(counts)) if counts.any() else None


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_ascii_text_skips_the_script_count_with_the_same_answer(text):
    from toolkit.detect import _dominant_script

    table = load_model().data.script_table
    assert _dominant_script(text, table) == _reference_dominant_script(text, table)
