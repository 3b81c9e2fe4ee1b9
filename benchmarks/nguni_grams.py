"""Build toolkit/data/nguni_grams.tsv.gz: letter grams that lean Xhosa or Zulu.

Much of what tells professional Xhosa news from Zulu is in neither word list of
`benchmarks.nguni_words`: inflected forms, stems, the spelling of a single affix. A
naive Bayes model over the 1- to 5-letter pieces of words (`toolkit.detect_nguni.
letter_grams`) catches some of it. It is trained on the same lines as the word lists:

* NTREX-128's professional Xhosa and Zulu news in the 40 documents of
  ../shared/eval/news_docs.jsonl;
* the first `benchmarks.nguni_words.TUNING_LINES` lines of lingua-py's Leipzig test
  sentences for xh and zu.

Each gram seen at least `MIN_COUNT` times in the two languages together is listed with
ln(P(gram | xh) / P(gram | zu)), add-`SMOOTHING` estimates over the grams of both, rounded
to a tenth and left out where that is 0. NTREX's other 83 documents and lingua-py's
held-out lines, where the result is measured, are not read.

Usage (both repositories fetched with the library's `fetch`):

    python -m benchmarks.nguni_grams --ntrex /work/.mirror/MicrosoftTranslator+NTREX/repo \\
        --lingua /work/.mirror/pemistahl+lingua-py/repo | gzip -n > toolkit/data/nguni_grams.tsv.gz
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from benchmarks.nguni_words import LINGUA_COMMIT, NTREX_CODES, lingua_lines
from benchmarks.ntrex_dev import NTREX_COMMIT, dev_lines
from toolkit.detect_nguni import GRAM_LENGTH, letter_grams

MIN_COUNT = 3
SMOOTHING = 0.5


def gram_log_ratios(xhosa: Iterable[str], zulu: Iterable[str]) -> dict[str, float]:
    """Each gram of the `xhosa` and `zulu` lines with its rounded log ratio (see the
    module doc)."""
    counts = [
        Counter(gram for line in lines for gram in letter_grams(line)) for lines in (xhosa, zulu)
    ]
    totals = [sum(count.values()) for count in counts]
    vocabulary = len(counts[0].keys() | counts[1].keys())
    xh_denominator, zu_denominator = (total + SMOOTHING * vocabulary for total in totals)
    ratios = {}
    for gram in counts[0].keys() | counts[1].keys():
        in_xh, in_zu = counts[0][gram], counts[1][gram]
        if in_xh + in_zu < MIN_COUNT:
            continue
        ratio = round(
            math.log((in_xh + SMOOTHING) / xh_denominator)
            - math.log((in_zu + SMOOTHING) / zu_denominator),
            1,
        )
        if ratio:
            ratios[gram] = ratio
    return ratios


def main(argv: list[str] | None = None) -> None:
    """Write `gram<TAB>ratio` lines to standard output, after a header saying their source."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ntrex", type=Path, required=True, help="NTREX-128 git directory")
    parser.add_argument("--lingua", type=Path, required=True, help="lingua-py git directory")
    parser.add_argument("--eval-dir", type=Path, default=Path("../shared/eval"))
    args = parser.parse_args(argv)
    lines = {
        lang: dev_lines(args.ntrex, code, args.eval_dir) + lingua_lines(args.lingua, lang)
        for lang, code in NTREX_CODES.items()
    }
    ratios = gram_log_ratios(lines["xh"], lines["zu"])
    sys.stdout.write(
        f"# gram<TAB>ln(P(gram | xh) / P(gram | zu)), grams of 1-{GRAM_LENGTH} letters, _ a "
        f"word's edge: made by `python -m benchmarks.nguni_grams` from NTREX-128 "
        f"@{NTREX_COMMIT} (CC BY-SA 4.0) and lingua-py @{LINGUA_COMMIT} test sentences "
        f"(Leipzig corpora, CC BY)\n"
    )
    sys.stdout.writelines(f"{gram}\t{ratio}\n" for gram, ratio in sorted(ratios.items()))


if __name__ == "__main__":
    main()
