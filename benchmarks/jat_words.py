"""Build toolkit/data/jat_words.tsv: ekavian and ijekavian words, for Serbian detection.

Serbian (ekavian) and Croatian or Bosnian (ijekavian) write the old vowel jat differently:
"dečak, zamenjene, naneo" against "dječak, zamijenjene, nanio". wordfreq's Serbo-Croatian
list (`sh`: Serbian, Croatian and Bosnian web text together) holds both forms of many
such words. A pair is a word of that list with an `e` after a consonant, not its last
letter, that reads as another word of the list with `ije` or `je` in its place (or a final
`eo` that reads as `io`: the past participle), the two about as frequent (zipf within
`MAX_ZIPF_GAP`), which keeps a rare form of a common word out ("prema" is not ekavian for
"prijema"). Some pairs are two different words ("veće" larger, "vijeće" council; "mesni"
of meat, "mjesni" local): an ekavian form that the Croatian or Bosnian hunspell dictionary
accepts is dropped (147 words: bela, koren, mesna, popeo, veće...).

Where the list holds only the ekavian form, or the other is far rarer ("povredila,
videti, želeo", 688 words), the dictionaries say it: a word of the list that Serbian's
ekavian hunspell dictionary (sr_Latn_RS) accepts, neither the Croatian nor the Bosnian
one does, and one of whose ijekavian readings one of those two accepts ("povrijedila").
Its readings that the Serbian dictionary does not accept as well are ijekavian words (it
accepts most: Serbian may be written ijekavian). Names that Croatian text writes and
that read as such words ("na Bledu", Lev Tolstoj) are left out by hand (`NOT_JAT`).

Usage (the dictionaries are Debian's hunspell-hr, hunspell-bs and hunspell-sr; `apt-get
download hunspell hunspell-hr hunspell-bs hunspell-sr` and `dpkg -x` each where no root is
at hand):

    python -m benchmarks.jat_words --hunspell /usr/share/hunspell > toolkit/data/jat_words.tsv

Needs wordfreq (a dev dependency) and the `hunspell` command. Deterministic for a given
wordfreq and dictionary version.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from importlib.metadata import version

from benchmarks.hunspell import accepted, add_folder_argument

MAX_ZIPF_GAP = 1.0
DICTIONARIES = ("hr_HR", "bs_BA")
SERBIAN_DICTIONARY = "sr_Latn_RS"
_CONSONANTS = frozenset("bcčćdđfghklmnprsštvzž")
# Words toolkit.detect_serbian's doc names as not ekavian-only: "leta" (of a flight),
# "svet/sveta" (holy), and "nedelja" (Sunday), which Leipzig's Bosnian writes too;
# "open, opena, openu", the English word in Croatian sports news ("US Opena"); and names
# in Croatian text: Bled ("na Bledu"), Lev (Tolstoj), Brest, Deni.
NOT_JAT = frozenset(
    """
    leta svet sveta sveto svetu nedelja nedelje nedelji nedelju nedeljom open opena openu
    bled bleda bledu bledom lev brest deni
    """.split()
)


def ijekavian_readings(word: str) -> Iterator[str]:
    """The words `word` would be with one ekavian `e` written the ijekavian way."""
    for i in range(1, len(word) - 1):
        if word[i] == "e" and word[i - 1] in _CONSONANTS:
            yield word[:i] + "ije" + word[i + 1 :]
            yield word[:i] + "je" + word[i + 1 :]
    if len(word) >= 3 and word.endswith("eo"):
        yield word[:-2] + "io"


def jat_words(
    vocabulary: dict[str, float],
    ijekavian_spelling: Callable[[set[str]], set[str]],
    serbian_spelling: Callable[[set[str]], set[str]],
) -> tuple[set[str], set[str]]:
    """(ekavian, ijekavian) words of `vocabulary` (word -> zipf) and of their readings.

    `ijekavian_spelling` answers which of the words Croatian or Bosnian spelling accepts,
    `serbian_spelling` which Serbian ekavian spelling does.
    """
    ekavian: set[str] = set()
    ijekavian: set[str] = set()
    for word, zipf in vocabulary.items():
        if word in NOT_JAT:
            continue
        for reading in ijekavian_readings(word):
            if reading in vocabulary and abs(vocabulary[reading] - zipf) <= MAX_ZIPF_GAP:
                ekavian.add(word)
                ijekavian.add(reading)
                break
    ekavian -= ijekavian_spelling(ekavian)
    by_dictionary, readings = dictionary_pairs(
        set(vocabulary) - NOT_JAT - ekavian, ijekavian_spelling, serbian_spelling
    )
    return ekavian | by_dictionary, ijekavian | readings


def dictionary_pairs(
    words: set[str],
    ijekavian_spelling: Callable[[set[str]], set[str]],
    serbian_spelling: Callable[[set[str]], set[str]],
) -> tuple[set[str], set[str]]:
    """The `words` Serbian spelling alone accepts with an ijekavian reading Croatian or
    Bosnian spelling accepts; and those readings Serbian does not."""
    serbian_only = serbian_spelling(words) - ijekavian_spelling(words)
    readings = {word: set(ijekavian_readings(word)) for word in serbian_only}
    ijekavian_ones = ijekavian_spelling(set().union(*readings.values()))
    ekavian = {word for word in serbian_only if readings[word] & ijekavian_ones}
    used = set().union(*(readings[word] for word in ekavian)) & ijekavian_ones
    return ekavian, used - serbian_spelling(used)


def main(argv: list[str] | None = None) -> None:
    """Write `kind<TAB>word` lines to standard output, after a header saying their source."""
    import wordfreq

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_folder_argument(parser, (*DICTIONARIES, SERBIAN_DICTIONARY))
    args = parser.parse_args(argv)
    vocabulary = {
        word: wordfreq.zipf_frequency(word, "sh")
        for word in wordfreq.top_n_list("sh", 1_000_000)
        if word.isalpha()
    }
    dictionaries = [args.hunspell / name for name in DICTIONARIES]
    serbian = [args.hunspell / SERBIAN_DICTIONARY]
    found = jat_words(
        vocabulary,
        lambda words: accepted(dictionaries, words),
        lambda words: accepted(serbian, words),
    )
    sys.stdout.write(
        f"# ekavian|ijekavian<TAB>word: made by `python -m benchmarks.jat_words` from wordfreq "
        f"{version('wordfreq')} `sh` (Robyn Speer, CC-BY-SA 4.0): its pairs less the ekavian "
        f"forms hunspell's {' and '.join(DICTIONARIES)} dictionaries accept, and its words "
        f"only {SERBIAN_DICTIONARY} accepts whose ijekavian reading they do\n"
    )
    for kind, words in zip(("ekavian", "ijekavian"), found, strict=True):
        sys.stdout.writelines(f"{kind}\t{word}\n" for word in sorted(words))


if __name__ == "__main__":
    main()
