"""How many sentences of a standard hold a word its neighbour does not write: the ceiling
of telling Bosnian and Serbian from Croatian, and Malay from Indonesian, by their words.

Bosnian, Croatian and Serbian are standards of one language, Malay and Indonesian of
another; most sentences of one are sentences of the others too. For each NTREX-128
sentence of each standard this asks Debian's hunspell dictionaries (hr_HR, bs_BA,
sr_Latn_RS, id_ID; Debian has none for Malay) about its words in lower case (names are
left out: the dictionaries hold different ones). A sentence has word evidence of its
standard against another where one of those words is rejected by the other's dictionary
(by each of the others', for "hr and sr") and accepted by its own: "sedmica, hiljada,
vreme" in Bosnian or Serbian against Croatian, "tijekom, tisuća" in Croatian against
both. The output counts both that and any word the other's rejects (all there is for
Malay), since dictionaries miss words: the Bosnian one rejects a word of 45% of the
Bosnian sentences, the Indonesian one of a quarter of the Indonesian ones, so for Malay
the bound is loose. Next to each count, how many of those sentences and of the others
`toolkit.detect` reads right. A sentence without any such word is, word for word, a
sentence of the other standard: only which shared words it chooses, its syntax ("može
da", "da li") or its names ("Tramp, Džon": Croatian writes "Trump, John") can tell.
docs/detect.md gives the figures.

Usage (NTREX-128's held-out documents, or `--dev` for the 40 of news_docs.jsonl; the
dictionaries as for `benchmarks.jat_words`, plus hunspell-id):

    python -m benchmarks.word_evidence --hunspell /usr/share/hunspell --ntrex $NTREX

Needs the `hunspell` command and a git directory of MicrosoftTranslator/NTREX;
deterministic for a given dictionary version.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from pathlib import Path

from benchmarks.hunspell import accepted, add_folder_argument
from benchmarks.ntrex_dev import dev_lines, held_out_lines

#: each standard's hunspell dictionary (None: Debian has none) and NTREX-128 code, in the
#: groups of standards told apart
GROUPS = (
    {"hr": ("hr_HR", "hrv"), "bs": ("bs_BA", "bos"), "sr": ("sr_Latn_RS", "srp-Latn")},
    {"ms": (None, "msa"), "id": ("id_ID", "ind")},
)
ALL = "all"  # `evidence`'s key for a word every other standard's dictionary rejects
_WORD = re.compile(r"[^\W\d_]+")


#: which of a set of words a dictionary accepts
Spelling = Callable[[set[str]], set[str]]


def evidence(
    lines: list[str], own: Spelling | None, others: dict[str, Spelling]
) -> dict[str, list[bool]]:
    """For each of `others` (a standard and its dictionary's spelling), and for `ALL` of
    them: which of `lines` hold a word in lower case that the `own` spelling accepts (any
    word, where it is None) and that one (each of them) rejects."""
    line_words = [_lower_case_words(line) for line in lines]
    words = set().union(*line_words)
    written = words if own is None else own(words)
    telling = {other: written - spelling(words) for other, spelling in others.items()}
    if len(telling) > 1:
        telling[ALL] = set.intersection(*telling.values())
    return {
        other: [not found.isdisjoint(words_of) for found in line_words]
        for other, words_of in telling.items()
    }


def _lower_case_words(line: str) -> set[str]:
    """The words of `line` written in lower case (names and numbers are no evidence)."""
    return {word for word in _WORD.findall(line) if word.islower()}


def main() -> None:
    """Print, per standard, its NTREX-128 sentences with word evidence and `detect`'s
    answers on them."""
    from toolkit import detect

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_folder_argument(parser, [d for g in GROUPS for d, _ in g.values() if d is not None])
    parser.add_argument("--ntrex", type=Path, required=True, help="NTREX-128 git directory")
    parser.add_argument("--eval-dir", type=Path, default=Path("../shared/eval"))
    parser.add_argument("--dev", action="store_true", help="the 40 news_docs.jsonl documents")
    args = parser.parse_args()
    read = dev_lines if args.dev else held_out_lines
    for group in GROUPS:
        for lang, (_, code) in group.items():
            lines = [line.strip() for line in read(args.ntrex, code, args.eval_dir)]
            lines = [line for line in lines if line]
            right = [detect(line).lang == lang for line in lines]
            print(f"{lang}: {len(lines)} sentences, {sum(right)} read {lang}")
            # each dictionary of the group asked once about the sentences' words
            words = sorted(set().union(*map(_lower_case_words, lines)))
            spelling = {
                other: accepted([args.hunspell / dictionary], words).intersection
                for other, (dictionary, _) in group.items()
                if dictionary is not None
            }
            others = {other: spelling[other] for other in spelling if other != lang}
            if lang in spelling:  # how often the dictionary itself misses a word
                gaps = evidence(lines, None, {lang: spelling[lang]})[lang]
                print(f"  with a word its own dictionary rejects: {_share(gaps)}")
            # a word its own dictionary accepts (any word, with none) and theirs reject;
            # then any word theirs reject, for the dictionary's own gaps
            for own_spelling in (spelling[lang], None) if lang in spelling else (None,):
                found = evidence(lines, own_spelling, others)
                for other, has in found.items():
                    rejecting = " and ".join(others) if other == ALL else other
                    rejects = f"{rejecting} reject{'' if other == ALL else 's'}"
                    label = f"any word {rejects}"
                    if own_spelling is not None:
                        label = f"a word {lang} accepts and {rejects}"
                    read_right = [r for r, h in zip(right, has, strict=True) if h]
                    print(
                        f"  with {label}: {_share(has)}, {sum(read_right)} of them read "
                        f"{lang}; of the others {sum(right) - sum(read_right)}"
                    )


def _share(has: list[bool]) -> str:
    """How many of the sentences `has` marks, and their share: "N (P%)"."""
    return f"{sum(has)} ({100 * sum(has) / len(has):.1f}%)"


if __name__ == "__main__":
    main()
