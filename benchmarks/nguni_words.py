"""Build toolkit/data/nguni_words.tsv: words that tell Xhosa from Zulu.

Xhosa and Zulu are close Nguni languages that CLD3 often swaps (it reads about one line
in ten of NTREX-128's professional Xhosa news as Zulu). Each writes common words the
other does not: Xhosa "kwaye, kunye, xa, okanye, ukuba, apho, ezi", Zulu "ukuthi, uma,
lapho, noma, lokhu, manje". No spelling dictionary is at hand for either, so the lists
come from two sources of each language, and a word must be in both (a word of one
story, "koloni", "ujesu", is not a mark of the language):

* NTREX-128's professional Xhosa and Zulu news in the 40 documents of
  ../shared/eval/news_docs.jsonl (the same English translated into each);
* the first `TUNING_LINES` lines of lingua-py's Leipzig test sentences for xh and zu
  (its last 100 are held out in benchmarks/data/langid_added.jsonl).

A word (lowercase as written; names and sentence starts left out) is listed for a
language when it is in at least `MIN_LINES` of that language's lines, in at least one of
each source, in at most 1/`RATIO` as many lines of the other language, and not common in
English (wordfreq zipf < `COMMON_ENGLISH_ZIPF`: English words are quoted in both).
NTREX's other 83 documents and lingua-py's held-out lines, where the result is measured,
are not read.

Usage (both repositories fetched with the library's `fetch`):

    python -m benchmarks.nguni_words --ntrex /work/.mirror/MicrosoftTranslator+NTREX/repo \
        --lingua /work/.mirror/pemistahl+lingua-py/repo > toolkit/data/nguni_words.tsv

Needs wordfreq (a dev dependency); deterministic for a given version of it.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable
from importlib.metadata import version
from pathlib import Path

from benchmarks.ntrex_dev import NTREX_COMMIT, dev_lines

LINGUA_COMMIT = "754ce21"
TUNING_LINES = 900
MIN_LINES = 3
RATIO = 15
COMMON_ENGLISH_ZIPF = 3.0
NTREX_CODES = {"xh": "xho", "zu": "zul"}
_WORD = re.compile(r"[^\W\d_]+")


def line_counts(lines: Iterable[str]) -> Counter[str]:
    """For each lowercase word of `lines`, the number of lines it is in."""
    counts: Counter[str] = Counter()
    for line in lines:
        counts.update({word for word in _WORD.findall(line) if word.islower()})
    return counts


def nguni_words(
    sources: dict[str, tuple[Counter[str], Counter[str]]], english: set[str]
) -> dict[str, set[str]]:
    """The words listed per language (see the module doc).

    `sources` maps "xh" and "zu" to the line counts of their two sources; `english` holds
    the words common in English (wordfreq's answer, which `main` asks for).
    """
    listed: dict[str, set[str]] = {}
    for lang, other in (("xh", "zu"), ("zu", "xh")):
        first, second = sources[lang]
        total, other_total = first + second, sum(sources[other], Counter())
        listed[lang] = {
            word
            for word, lines in total.items()
            if lines >= MIN_LINES
            and first[word]
            and second[word]
            and other_total[word] * RATIO <= lines
            and word not in english
        }
    return listed


def lingua_lines(lingua: Path, lang: str) -> list[str]:
    """The first `TUNING_LINES` lines of lingua-py's test sentences for `lang`."""
    run = subprocess.run(
        [
            "git",
            "--git-dir",
            str(lingua),
            "show",
            f"{LINGUA_COMMIT}:language-testdata/sentences/{lang}.txt",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return run.stdout.splitlines()[:TUNING_LINES]


def main(argv: list[str] | None = None) -> None:
    """Write `lang<TAB>word` lines to standard output, after a header saying their source."""
    import wordfreq

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ntrex", type=Path, required=True, help="NTREX-128 git directory")
    parser.add_argument("--lingua", type=Path, required=True, help="lingua-py git directory")
    parser.add_argument("--eval-dir", type=Path, default=Path("../shared/eval"))
    args = parser.parse_args(argv)
    sources = {
        lang: (
            line_counts(dev_lines(args.ntrex, code, args.eval_dir)),
            line_counts(lingua_lines(args.lingua, lang)),
        )
        for lang, code in NTREX_CODES.items()
    }
    words = {word for pair in sources.values() for counts in pair for word in counts}
    english = {w for w in words if wordfreq.zipf_frequency(w, "en") >= COMMON_ENGLISH_ZIPF}
    listed = nguni_words(sources, english)
    sys.stdout.write(
        f"# xh|zu<TAB>word: made by `python -m benchmarks.nguni_words` from NTREX-128 "
        f"@{NTREX_COMMIT} (CC BY-SA 4.0) and lingua-py @{LINGUA_COMMIT} test sentences "
        f"(Leipzig corpora, CC BY), wordfreq {version('wordfreq')}\n"
    )
    for lang in ("xh", "zu"):
        sys.stdout.writelines(f"{lang}\t{word}\n" for word in sorted(listed[lang]))


if __name__ == "__main__":
    main()
