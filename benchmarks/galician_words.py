"""Build toolkit/data/galician_words.tsv.gz: words that tell Galician from Portuguese and Spanish.

CLD3 reads about a tenth of NTREX-128's Galician news as Portuguese or Spanish ("Dixo que
no cortello había un macho grande", "Chuvias tropicais dispersas comezarán..."). Galician
writes many common words neither of them writes: dixo, tiña, xogando, despois, tamén,
máis, cun, luns. Two lists, each checked with hunspell's dictionaries (Debian's
hunspell-gl, hunspell-pt-pt, hunspell-pt-br, hunspell-es; they only answer whether a word
is spelled right, and no word comes from them):

* `galician`: the lowercase words of NTREX-128's professional Galician news in the 40
  documents of ../shared/eval/news_docs.jsonl that the Galician dictionary accepts and the
  European Portuguese, Brazilian Portuguese and Spanish ones all reject, less those
  wordfreq finds common in Portuguese or Spanish (zipf >= `COMMON_ZIPF`: "est", "iso"),
  and less those without a vowel (abbreviations). A word a Portuguese or the Spanish
  dictionary accepts too still counts where wordfreq finds it rare in both (zipf <
  `RARE_ZIPF`): the Brazilian dictionary accepts archaic and Galician-like forms
  ("moito, auga, sexa, vexo"); on NTREX's dev documents, lists made from half of them
  read 6 more of the other half's 671 Galician sentences right, and no Portuguese or
  Spanish one (there or in lingua-py's 900 tuning lines of each) wrong.
* `other`: words Portuguese or Spanish writes and Galician does not: those of wordfreq's
  `TOP_WORDS` most frequent Portuguese and Spanish words, and of NTREX-128's Portuguese and
  Spanish news in the same 40 documents, that a Portuguese or the Spanish dictionary
  accepts and the Galician one rejects (não, também, depois, cuando, después...).

NTREX's other 83 documents, where the result is measured, are not read.

Usage (NTREX-128 fetched with the library's `fetch`; the dictionaries installed, or
`apt-get download` + `dpkg -x` each where no root is at hand):

    python -m benchmarks.galician_words --hunspell /usr/share/hunspell \
        --ntrex /work/.mirror/MicrosoftTranslator+NTREX/repo | gzip -n > \
        toolkit/data/galician_words.tsv.gz

Needs wordfreq (a dev dependency) and the `hunspell` command; deterministic for given
versions of them.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from importlib.metadata import version
from pathlib import Path

from benchmarks.hunspell import accepted, add_folder_argument
from benchmarks.ntrex_dev import NTREX_COMMIT, dev_lines

COMMON_ZIPF = 3.0
RARE_ZIPF = 2.5
TOP_WORDS = 30_000
GALICIAN = "gl_ES"
OTHERS = ("pt_PT", "pt_BR", "es_ES")
_WORD = re.compile(r"[^\W\d_]+")
_VOWELS = frozenset("aeiouáéíóú")


def lowercase_words(lines: Iterable[str]) -> set[str]:
    """The words of `lines` written in lowercase (names and sentence starts left out)."""
    return {word for line in lines for word in _WORD.findall(line) if word.islower()}


def galician_words(
    galician_candidates: set[str],
    other_candidates: set[str],
    accepts: dict[str, set[str]],
    common: set[str],
    rare: set[str],
) -> tuple[set[str], set[str]]:
    """(galician, other) word lists from candidates; see the module doc.

    `accepts` maps a dictionary name to the words (of the candidates) it accepts;
    `common` and `rare` hold the words frequent in Portuguese or Spanish and those rare in
    both (hunspell's and wordfreq's answers, which `main` asks for).
    """
    in_galician = accepts.get(GALICIAN, set())
    in_others = set().union(*(accepts.get(name, set()) for name in OTHERS))
    galician = {
        word
        for word in galician_candidates & in_galician
        if (word not in in_others or word in rare)
        and word not in common
        and not _VOWELS.isdisjoint(word)
    }
    other = (other_candidates & in_others) - in_galician
    return galician, other


def main(argv: list[str] | None = None) -> None:
    """Write `kind<TAB>word` lines to standard output, after a header saying their source."""
    import wordfreq

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_folder_argument(parser, (GALICIAN, *OTHERS))
    parser.add_argument("--ntrex", type=Path, required=True, help="NTREX-128 git directory")
    parser.add_argument("--eval-dir", type=Path, default=Path("../shared/eval"))
    args = parser.parse_args(argv)
    galician_candidates = lowercase_words(dev_lines(args.ntrex, "glg", args.eval_dir))
    other_candidates = {
        word for lang in ("pt", "es") for word in wordfreq.top_n_list(lang, TOP_WORDS)
    }
    other_candidates |= lowercase_words(
        dev_lines(args.ntrex, "por", args.eval_dir) + dev_lines(args.ntrex, "spa", args.eval_dir)
    )
    other_candidates = {word for word in other_candidates if word.isalpha()}
    candidates = galician_candidates | other_candidates
    accepts = {name: accepted([args.hunspell / name], candidates) for name in (GALICIAN, *OTHERS)}
    zipf = {
        word: max(wordfreq.zipf_frequency(word, lang) for lang in ("pt", "es"))
        for word in galician_candidates
    }
    common = {word for word, frequency in zipf.items() if frequency >= COMMON_ZIPF}
    rare = {word for word, frequency in zipf.items() if frequency < RARE_ZIPF}
    galician, other = galician_words(galician_candidates, other_candidates, accepts, common, rare)
    sys.stdout.write(
        f"# galician|other<TAB>word: made by `python -m benchmarks.galician_words` from "
        f"hunspell's {GALICIAN}, {', '.join(OTHERS)} dictionaries, wordfreq "
        f"{version('wordfreq')} (Robyn Speer, CC-BY-SA 4.0) and NTREX-128 @{NTREX_COMMIT} "
        f"(CC BY-SA 4.0)\n"
    )
    for kind, words in (("galician", galician), ("other", other)):
        sys.stdout.writelines(f"{kind}\t{word}\n" for word in sorted(words))


if __name__ == "__main__":
    main()
