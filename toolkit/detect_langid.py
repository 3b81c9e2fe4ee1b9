"""A third opinion for a few Latin-script languages CLD3 is unsure of: py3langid.

CLD3 (`toolkit.detect_extra`) is often only moderately sure of Latin, Zulu, Irish,
Basque, Xhosa, Yoruba (without its subdots), Shona and Sesotho, and below its cut-off
the first stage's answer stands: Latin read as English or Romanian, Zulu as Swahili,
plain Yoruba as Slovene. py3langid (BSD-3-Clause; Lui & Baldwin's langid.py naive
Bayes model, numpy only) reads these better, so where CLD3 is unsure it is asked too:

* CLD3 names one of `CHECKED` below that language's cut-off and py3langid names the same
  language with probability >= `AGREE` (two models agree), or
* CLD3 is unsure of whatever it names (< 0.9) and py3langid names one of `CHECKED` with
  probability >= `ALONE`.

Xhosa and Zulu, which CLD3 often swaps, are told apart with py3langid's `probabilities`
of the two (`toolkit.detect_nguni`).

The settings were chosen on lingua-py's tuning lines (300 per language, 75 languages:
la +22, zu +18, ga +5, yo +29, st +1, sn +2 lines gained, none of another language
lost). The model (4.5 MB, xz-compressed) is loaded on first use: decoding it takes about
0.6 s, once per machine, after which each process maps the decoded copy from the user
cache directory in tens of milliseconds (`toolkit.detect_langid_cache`). Text CLD3 is
sure of never loads it, so `import toolkit` and most first calls stay light.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

CHECKED = frozenset({"la", "zu", "ga", "eu", "xh", "yo", "sn", "st"})
AGREE = 0.5
ALONE = 0.9
_UNSURE = 0.9  # CLD3's probability below which it counts as unsure
CONFIDENCE = 0.9  # reported when py3langid decides (like a distinctive letter)

_lock = threading.Lock()
_identifier: Any = None


def third_opinion(text: str, cld3_code: str, cld3_probability: float) -> str | None:
    """The language of `CHECKED` py3langid confirms for `text`, or None."""
    if cld3_code not in CHECKED and cld3_probability >= _UNSURE:
        return None
    lang, prob = _langid().classify(text)
    if lang not in CHECKED:
        return None
    if (lang == cld3_code and prob >= AGREE) or (cld3_probability < _UNSURE and prob >= ALONE):
        return str(lang)
    return None


def probabilities(text: str) -> dict[str, float]:
    """py3langid's probability of each of its languages for `text`."""
    return {str(lang): float(prob) for lang, prob in _langid().rank(text)}


def prepare(cache_dir: Path | None = None) -> Path:
    """Decode py3langid's model into the cache now and return the cache file's path.

    `make install` runs this, so that no first call (a CLI run, a server's first
    request) pays the one-time decoding: ~0.6 s idle, over a second on a loaded machine.
    Where the cache cannot be written this only costs the decoding time.
    """
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    from toolkit.detect_langid_cache import cache_file, load

    source = MODEL_DIR / MODEL_FILE
    load(source, cache_dir, background=False)
    return cache_file(source, cache_dir)


def _langid() -> Any:
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                from py3langid.langid import MODEL_DIR, MODEL_FILE

                from toolkit.detect_langid_cache import load

                _identifier = load(MODEL_DIR / MODEL_FILE).identifier()
    return _identifier
