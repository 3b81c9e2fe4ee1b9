"""The compiled data behind `toolkit.detect`: build it once, load it fast.

`python -m toolkit.detect_data build` compiles two third-party sources into one compact
file shipped in the package (`toolkit/data/detect.npz`), so a fresh process loads in
tens of milliseconds instead of parsing 55 JSON profiles and 40 word lists:

* langdetect's n-gram profiles (Apache-2.0, shipped with the `langdetect` package): the
  probability of every 1-, 2- and 3-gram in each of its 55 languages, exactly as
  langdetect computes them, plus its character normalization table (digits and
  punctuation to space, kana/hangul/kanji classes, Romanian comma-below letters...).
* wordfreq's "small" word lists (code Apache-2.0, data CC-BY-SA 4.0; see
  https://github.com/rspeer/wordfreq#license): word frequencies for the languages it
  and langdetect share, used to tell short texts apart, and character frequencies of
  Chinese and Japanese for texts written in Han characters only.

Building needs `wordfreq` (a development dependency); loading needs only numpy.
"""

from __future__ import annotations

import sys
import unicodedata
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

DATA_PATH = Path(__file__).resolve().parent / "data" / "detect.npz"

# wordfreq language -> langdetect profile(s) that share its word list.
WORDFREQ_TO_PROFILES: dict[str, tuple[str, ...]] = {
    **{
        code: (code,)
        for code in (
            "ar bg bn ca cs da de el en es fa fi fr he hi hu id it ja ko lt lv mk nl pl pt "
            "ro ru sk sl sv ta tr uk ur vi"
        ).split()
    },
    "nb": ("no",),
    "sh": ("hr",),
    "fil": ("tl",),
    "zh": ("zh-cn", "zh-tw"),
}
WORDS_PER_LANGUAGE = 30_000

# Unicode script (first word of the character name) -> small id used by the script table.
SCRIPTS: tuple[str, ...] = (
    "",  # not a letter
    "OTHER",
    "LATIN",
    "CYRILLIC",
    "GREEK",
    "ARABIC",
    "HEBREW",
    "DEVANAGARI",
    "BENGALI",
    "GURMUKHI",
    "GUJARATI",
    "TAMIL",
    "TELUGU",
    "KANNADA",
    "MALAYALAM",
    "THAI",
    "HANGUL",
    "KANA",
    "HAN",
    # Scripts that one language of the second stage writes (see toolkit.detect_extra).
    "GEORGIAN",
    "ARMENIAN",
    "ETHIOPIC",
    "MYANMAR",
    "KHMER",
    "LAO",
    "SINHALA",
    "TIBETAN",
    "THAANA",
)
_NAME_TO_SCRIPT = {
    "HIRAGANA": "KANA",
    "KATAKANA": "KANA",
    "CJK": "HAN",
}


@dataclass(frozen=True)
class DetectData:
    """Everything the detector needs, as loaded from the compiled file."""

    langs: list[str]  # langdetect profile codes, one column each
    ngram_index: dict[str, int]
    ngram_logprob: np.ndarray  # (n-grams, langs) float32: log(p + smoothing) - log(smoothing)
    norm_table: str  # str.translate table: langdetect's character normalization
    script_table: bytes  # codepoint -> index into SCRIPTS (BMP only)
    word_hash: np.ndarray  # uint32 `word_hash` of each entry, sorted
    word_lang: np.ndarray  # uint8 column of each entry
    word_logfreq: np.ndarray  # float32 natural log of the word's frequency in that language
    han_index: dict[str, int]
    han_logprob: np.ndarray  # (han chars, 2) float32: log P(char) in ja, zh


def load(path: Path = DATA_PATH) -> DetectData:
    """Load the compiled detection data (fast: no JSON, no per-language files)."""
    with np.load(path, allow_pickle=False) as npz:
        arrays = {name: npz[name] for name in npz.files}
    langs = _strings(arrays["langs"])
    ngrams = _strings(arrays["ngrams"])
    logprob = np.zeros((len(ngrams), len(langs)), dtype=np.float32)
    logprob[arrays["ng_row"], arrays["ng_col"]] = arrays["ng_val"]
    han = arrays["han_chars"].tobytes().decode("utf-8")
    return DetectData(
        langs=langs,
        ngram_index={g: i for i, g in enumerate(ngrams)},
        ngram_logprob=logprob,
        norm_table=arrays["norm_table"].tobytes().decode("utf-16-le"),
        script_table=arrays["script_table"].tobytes(),
        word_hash=arrays["word_hash"],
        word_lang=arrays["word_lang"],
        # levels are wordfreq's centibel buckets / 3: frequency = 10 ** (-3 * level / 100)
        word_logfreq=arrays["word_level"].astype(np.float32) * np.float32(-3 * np.log(10) / 100),
        han_index={c: i for i, c in enumerate(han)},
        han_logprob=arrays["han_logprob"],
    )


# Language codes whose word list sits under another langdetect profile name.
_PROFILE_OF = {"nb": "no", "zh": "zh-cn"}


def common_word(word: str, lang: str) -> bool:
    """Whether lowercase `word` is among the `WORDS_PER_LANGUAGE` most frequent words of
    `lang` in the shipped wordfreq lists (False for languages without a list). Used by
    the repair rules: a common word doubled is no reduplicated name ("China China")."""
    hashes, columns, column = _lexicon()
    col = column.get(_PROFILE_OF.get(lang, lang))
    if col is None:
        return False
    hashed = np.uint32(word_hash(word))  # the array's own type: no converted copy per call
    lo = int(np.searchsorted(hashes, hashed, side="left"))
    hi = int(np.searchsorted(hashes, hashed, side="right"))
    return bool((columns[lo:hi] == col).any())


@cache
def _lexicon() -> tuple[np.ndarray, np.ndarray, dict[str, int]]:
    """The word hashes, their language columns, and the column of each profile."""
    with np.load(DATA_PATH, allow_pickle=False) as npz:
        langs = _strings(npz["langs"])
        return npz["word_hash"], npz["word_lang"], {lang: i for i, lang in enumerate(langs)}


def _strings(array: np.ndarray) -> list[str]:
    return array.tobytes().decode("utf-8").split("\n")


def _joined(items: list[str]) -> np.ndarray:
    assert not any("\n" in item for item in items)
    return np.frombuffer("\n".join(items).encode("utf-8"), dtype=np.uint8)


# ----------------------------------------------------------------------------- building

SMOOTHING = 0.5 / 10_000  # langdetect's ALPHA_DEFAULT / BASE_FREQ


def build(path: Path = DATA_PATH) -> Path:
    """Compile langdetect's profiles and wordfreq's lists into `path`."""
    arrays: dict[str, np.ndarray] = {}
    langs, ngram_arrays = _build_ngrams()
    arrays.update(ngram_arrays)
    arrays["langs"] = _joined(langs)
    arrays["norm_table"] = _build_norm_table()
    arrays["script_table"] = _build_script_table()
    arrays.update(_build_words(langs))
    arrays.update(_build_han())
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, **arrays)  # type: ignore[arg-type]  # numpy stubs: allow_pickle
    return path


def _build_ngrams() -> tuple[list[str], dict[str, np.ndarray]]:
    import json
    from importlib.resources import files

    profiles = files("langdetect") / "profiles"
    langs = sorted([entry.name for entry in profiles.iterdir()])
    index: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for col, lang in enumerate(langs):
        profile = json.loads((profiles / lang).read_text(encoding="utf-8"))
        for gram, count in sorted(profile["freq"].items()):
            if not 1 <= len(gram) <= 3 or "\n" in gram:
                continue
            prob = count / profile["n_words"][len(gram) - 1]
            rows.append(index.setdefault(gram, len(index)))
            cols.append(col)
            vals.append(np.log(prob + SMOOTHING) - np.log(SMOOTHING))
    return langs, {
        "ngrams": _joined(list(index)),
        "ng_row": np.array(rows, dtype=np.int32),
        "ng_col": np.array(cols, dtype=np.uint8),
        "ng_val": np.array(vals, dtype=np.float32),
    }


def _build_norm_table() -> np.ndarray:
    from langdetect.utils.ngram import NGram

    table = "".join(NGram.normalize(chr(cp)) for cp in range(0x10000))
    # Surrogates cannot be encoded; they are not text anyway.
    table = "".join(" " if 0xD800 <= ord(ch) <= 0xDFFF else ch for ch in table)
    return np.frombuffer(table.encode("utf-16-le"), dtype=np.uint8)


def _script_of(ch: str) -> str:
    if not unicodedata.category(ch).startswith(("L", "M")):
        return ""
    name = unicodedata.name(ch, "")
    if not name:
        return "OTHER"
    first = name.split()[0]
    first = _NAME_TO_SCRIPT.get(first, first)
    if first == "HAN" and "IDEOGRAPH" not in name:
        return "OTHER"
    return first if first in SCRIPTS else "OTHER"


def _build_script_table() -> np.ndarray:
    ids = {name: i for i, name in enumerate(SCRIPTS)}
    table = bytes(
        ids[_script_of(chr(cp))] if not 0xD800 <= cp <= 0xDFFF else 0 for cp in range(0x10000)
    )
    return np.frombuffer(table, dtype=np.uint8)


def word_hash(word: str) -> int:
    """Stable 32-bit hash of a word: the lexicon stores hashes, not strings, to load fast."""
    return zlib.crc32(word.encode("utf-8"))


def _build_words(langs: list[str]) -> dict[str, np.ndarray]:
    from wordfreq import get_frequency_list

    column = {lang: i for i, lang in enumerate(langs)}
    entries: set[tuple[int, int, int]] = set()
    for wf_lang, profiles in sorted(WORDFREQ_TO_PROFILES.items()):
        kept = 0
        for bucket_cb, bucket in enumerate(get_frequency_list(wf_lang, "small")):
            for word in bucket:
                if kept >= WORDS_PER_LANGUAGE:
                    break
                if not any(ch.isalpha() for ch in word):
                    continue
                kept += 1
                for profile in profiles:
                    entries.add((word_hash(word), column[profile], min(bucket_cb // 3, 255)))
    # One entry per (hash, language): the most frequent word wins a (rare) hash collision.
    best: dict[tuple[int, int], int] = {}
    for hashed, col, level in entries:
        key = (hashed, col)
        best[key] = min(level, best.get(key, 255))
    keys = sorted(best)
    return {
        "word_hash": np.array([k[0] for k in keys], dtype=np.uint32),
        "word_lang": np.array([k[1] for k in keys], dtype=np.uint8),
        "word_level": np.array([best[k] for k in keys], dtype=np.uint8),
    }


def _build_han() -> dict[str, np.ndarray]:
    """Per-character frequencies of Japanese and Chinese, from their word lists.

    Chinese traditional characters get the frequency of their simplified form (wordfreq's
    own mapping), so Taiwanese and Hong Kong text is covered too.
    """
    import gzip

    import msgpack
    import wordfreq
    from wordfreq import get_frequency_list

    mapping_file = Path(wordfreq.__file__).parent / "data" / "_chinese_mapping.msgpack.gz"
    with gzip.open(mapping_file) as handle:
        simplified = msgpack.load(handle, raw=False, strict_map_key=False)
    counts: list[dict[str, float]] = []
    for lang in ("ja", "zh"):
        freq: dict[str, float] = {}
        for bucket_cb, bucket in enumerate(get_frequency_list(lang, "small")):
            weight = 10 ** (-bucket_cb / 100)
            for word in bucket:
                for ch in word:
                    if _script_of(ch) == "HAN":
                        freq[ch] = freq.get(ch, 0.0) + weight
        counts.append(freq)
    zh = counts[1]
    for trad, simp in simplified.items():
        trad_ch = chr(trad)
        if len(simp) == 1 and simp in zh and trad_ch not in zh:
            zh[trad_ch] = zh[simp]
    chars = sorted(set(counts[0]) | set(counts[1]))
    logprob = np.empty((len(chars), 2), dtype=np.float32)
    for j, freq in enumerate(counts):
        total = sum(freq.values())
        floor = min(freq.values()) / total / 10
        for i, ch in enumerate(chars):
            logprob[i, j] = np.log(freq.get(ch, floor * total) / total)
    return {"han_chars": np.frombuffer("".join(chars).encode(), np.uint8), "han_logprob": logprob}


def main(argv: list[str] | None = None) -> int:
    """`python -m toolkit.detect_data build`: regenerate the compiled data file."""
    args = sys.argv[1:] if argv is None else argv
    if args != ["build"]:
        print("usage: python -m toolkit.detect_data build", file=sys.stderr)
        return 2
    path = build()
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
