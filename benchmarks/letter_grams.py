"""Build the letter-gram tables of toolkit/data: nguni_grams.tsv.gz, serbian_grams.tsv.gz.

Much of what tells two close standards apart is in no word list: inflected forms,
stems, the spelling of a single affix. A naive Bayes model over the 1- to 5-letter
pieces of words (`toolkit.detect_letter_grams.letter_grams`) catches some of it:

* `nguni`: Xhosa against Zulu (`toolkit.detect_nguni`), trained on NTREX-128's
  professional Xhosa and Zulu news in the 40 documents of ../shared/eval/news_docs.jsonl
  and the first `benchmarks.nguni_words.TUNING_LINES` lines of lingua-py's Leipzig test
  sentences for xh and zu (the lines the Nguni word lists come from);
* `serbian`: Latin-script Serbian against Croatian and Bosnian together
  (`toolkit.detect_serbian`), trained on NTREX-128's Serbian (Latin), Croatian and
  Bosnian news in the same 40 documents (lingua-py's Serbian is Cyrillic).

Each gram seen at least `MIN_COUNT` times in the two sides together is listed with
ln(P(gram | first) / P(gram | second)), add-`SMOOTHING` estimates over the grams of both,
rounded to a tenth and left out where that is 0. NTREX's other 83 documents and
lingua-py's held-out lines, where the results are measured, are not read.

Usage (both repositories fetched with the library's `fetch`):

    NTREX=/work/.mirror/MicrosoftTranslator+NTREX/repo
    LINGUA=/work/.mirror/pemistahl+lingua-py/repo
    python -m benchmarks.letter_grams nguni --ntrex $NTREX --lingua $LINGUA \\
        | gzip -n > toolkit/data/nguni_grams.tsv.gz
    python -m benchmarks.letter_grams serbian --ntrex $NTREX \\
        | gzip -n > toolkit/data/serbian_grams.tsv.gz
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
from toolkit.detect_letter_grams import GRAM_LENGTH, letter_grams

MIN_COUNT = 3
SMOOTHING = 0.5
_NTREX_SOURCE = f"NTREX-128 @{NTREX_COMMIT} (CC BY-SA 4.0)"


def gram_log_ratios(first: Iterable[str], second: Iterable[str]) -> dict[str, float]:
    """Each gram of the `first` and `second` lines with its rounded log ratio (see the
    module doc)."""
    counts = [
        Counter(gram for line in lines for gram in letter_grams(line)) for lines in (first, second)
    ]
    totals = [sum(count.values()) for count in counts]
    vocabulary = len(counts[0].keys() | counts[1].keys())
    first_denominator, second_denominator = (total + SMOOTHING * vocabulary for total in totals)
    ratios = {}
    for gram in counts[0].keys() | counts[1].keys():
        in_first, in_second = counts[0][gram], counts[1][gram]
        if in_first + in_second < MIN_COUNT:
            continue
        ratio = round(
            math.log((in_first + SMOOTHING) / first_denominator)
            - math.log((in_second + SMOOTHING) / second_denominator),
            1,
        )
        if ratio:
            ratios[gram] = ratio
    return ratios


def main(argv: list[str] | None = None) -> None:
    """Write one table's `gram<TAB>ratio` lines to standard output, after a header saying
    what they compare and where they come from."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("table", choices=("nguni", "serbian"))
    parser.add_argument("--ntrex", type=Path, required=True, help="NTREX-128 git directory")
    parser.add_argument("--lingua", type=Path, help="lingua-py git directory (nguni)")
    parser.add_argument("--eval-dir", type=Path, default=Path("../shared/eval"))
    args = parser.parse_args(argv)

    def news(code: str) -> list[str]:
        return dev_lines(args.ntrex, code, args.eval_dir)

    if args.table == "nguni":
        if args.lingua is None:
            parser.error("the nguni table needs --lingua")
        first, second = (
            news(NTREX_CODES[lang]) + lingua_lines(args.lingua, lang) for lang in ("xh", "zu")
        )
        names = ("xh", "zu")
        source = f"{_NTREX_SOURCE} and lingua-py @{LINGUA_COMMIT} test sentences"
        source += " (Leipzig corpora, CC BY)"
    else:
        first, second = news("srp-Latn"), news("hrv") + news("bos")
        names, source = ("sr", "hr, bs"), _NTREX_SOURCE
    ratios = gram_log_ratios(first, second)
    sys.stdout.write(
        f"# gram<TAB>ln(P(gram | {names[0]}) / P(gram | {names[1]})), grams of 1-{GRAM_LENGTH}"
        f" letters, _ a word's edge: made by `python -m benchmarks.letter_grams {args.table}`"
        f" from {source}\n"
    )
    sys.stdout.writelines(f"{gram}\t{ratio}\n" for gram, ratio in sorted(ratios.items()))


if __name__ == "__main__":
    main()
