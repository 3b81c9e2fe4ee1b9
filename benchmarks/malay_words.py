"""Build toolkit/data/malay_words.tsv.gz: how much more frequent each word is in Malay.

Malay (Malaysia, Brunei, Singapore) and Indonesian are two standards of one language;
most words are shared, but many are far more frequent in one: "beliau, daripada, polis,
kerajaan" in Malay, "pemerintah, sudah, akan, polisi" in Indonesian. wordfreq's "small"
word lists of both (about 30,000 words each, from subtitles, Wikipedia and web text; data
CC-BY-SA 4.0) give each word's frequency in each. The file lists, for every alphabetic
word of either list, log10(frequency in ms / frequency in id), a word missing from one
list counting at `MIN_FREQUENCY` there, the ratio capped at +-`CAP` (one word is not a
verdict), rounded to a tenth and kept where it is at least `MIN_RATIO` either way (a
word about as frequent in both says nothing). `toolkit.detect_malay` adds them up over a
text's words.

Usage:

    python -m benchmarks.malay_words | gzip -n > toolkit/data/malay_words.tsv.gz

Needs wordfreq (a dev dependency); deterministic for a given version of it.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Iterable
from importlib.metadata import version

MIN_FREQUENCY = 1e-7  # a tenth of the rarest word the small lists hold (about 1e-6)
CAP = 3.0
MIN_RATIO = 0.3  # a factor of 2


def log_ratios(
    words: Iterable[str], malay: dict[str, float], indonesian: dict[str, float]
) -> dict[str, float]:
    """Each alphabetic word of `words` with its capped, rounded log10(ms / id) frequency
    ratio where that is at least `MIN_RATIO` either way (see the module doc)."""
    ratios = {}
    for word in words:
        if not word.isalpha():
            continue
        ratio = math.log10(
            max(malay.get(word, 0.0), MIN_FREQUENCY) / max(indonesian.get(word, 0.0), MIN_FREQUENCY)
        )
        ratio = round(max(-CAP, min(CAP, ratio)), 1)
        if abs(ratio) >= MIN_RATIO:
            ratios[word] = ratio
    return ratios


def main() -> None:
    """Write `word<TAB>ratio` lines to standard output, after a header saying their source."""
    from wordfreq import get_frequency_dict

    malay, indonesian = get_frequency_dict("ms", "small"), get_frequency_dict("id", "small")
    ratios = log_ratios(sorted(set(malay) | set(indonesian)), malay, indonesian)
    sys.stdout.write(
        f"# word<TAB>log10(frequency in ms / in id): made by `python -m benchmarks.malay_words` "
        f"from wordfreq {version('wordfreq')} (data CC-BY-SA 4.0)\n"
    )
    sys.stdout.writelines(f"{word}\t{ratio}\n" for word, ratio in sorted(ratios.items()))


if __name__ == "__main__":
    main()
