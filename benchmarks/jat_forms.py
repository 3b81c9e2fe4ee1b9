"""Build toolkit/data/jat_forms.tsv.gz: the ekavian forms of Serbian's hunspell dictionary.

toolkit/data/jat_words.tsv holds the ekavian words of wordfreq's Serbo-Croatian list, a
list of frequent words, so it misses most case and tense forms: "osmeh" but not "osmehu",
"oterati" but not "oterala", "ostareli" but not "ostarelom". This applies the same rule
as that file's dictionary pairs (`benchmarks.jat_words.dictionary_pairs`) to every form
of the Serbian ekavian dictionary (sr_Latn_RS, its 251,549 entries with their suffix
rules, `suffix_forms`): a lower-case form that dictionary accepts, neither the Croatian
nor the Bosnian one does, and one of whose ijekavian readings one of those two accepts
("osmjehu"), less `NOT_JAT`. `toolkit.detect_serbian_words` counts such a form as an
ekavian word where the text writes it in lower case: many are rare, and as names they
may be something else ("Celje", a Slovenian town; "Seve" Ballesteros).

Hunspell's own `unmunch` crashes on this dictionary's numeric flags (`FLAG num`), hence
`suffix_forms`; hunspell itself then checks every form, so a form the rules are read
wrong for is dropped, not kept.

Usage (the dictionaries as for `benchmarks.jat_words`):

    python -m benchmarks.jat_forms --hunspell /usr/share/hunspell \\
        | gzip -n > toolkit/data/jat_forms.tsv.gz

Needs the `hunspell` command; deterministic for a given dictionary version. About two
minutes.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict

from benchmarks.hunspell import accepted, add_folder_argument
from benchmarks.jat_words import DICTIONARIES, NOT_JAT, SERBIAN_DICTIONARY, dictionary_pairs

# One suffix rule: the letters it strips, those it adds, and the condition the word must
# end in (None: any word).
Rule = tuple[str, str, re.Pattern[str] | None]


def suffix_rules(aff: str) -> tuple[dict[str, list[Rule]], bool]:
    """The SFX rules of the .aff text `aff` per flag, and whether its flags are numbers
    (`FLAG num`: "745,32"; otherwise one character each)."""
    rules: dict[str, list[Rule]] = defaultdict(list)
    numeric = False
    for line in aff.splitlines():
        fields = line.split()
        if fields[:2] == ["FLAG", "num"]:
            numeric = True
        if len(fields) < 4 or fields[0] != "SFX" or fields[2] in ("Y", "N"):
            continue  # not a rule, or a rule group's header ("SFX 1 Y 7")
        flag, strip, add = fields[1], fields[2], fields[3].split("/")[0]
        condition = fields[4] if len(fields) > 4 else "."
        rules[flag].append(
            (
                "" if strip == "0" else strip,
                "" if add == "0" else add,
                None if condition == "." else re.compile(f"(?:{condition})$"),
            )
        )
    return rules, numeric


def suffix_forms(dic: str, aff: str) -> set[str]:
    """Every entry of the .dic text `dic` and the forms its flags' suffix rules make
    (prefixes and compounds are left out)."""
    rules, numeric = suffix_rules(aff)
    forms: set[str] = set()
    for line in dic.splitlines()[1:]:  # the first line is the entry count
        if not line.strip():
            continue
        word, _, flags = line.split()[0].partition("/")
        forms.add(word)
        for flag in flags.split(",") if numeric else flags:
            for strip, add, condition in rules.get(flag, ()):
                if word.endswith(strip) and (condition is None or condition.search(word)):
                    forms.add(word[: len(word) - len(strip)] + add)
    return forms


def main(argv: list[str] | None = None) -> None:
    """Write `ekavian<TAB>form` lines to standard output, after a header saying their source."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_folder_argument(parser, (*DICTIONARIES, SERBIAN_DICTIONARY))
    args = parser.parse_args(argv)
    serbian = args.hunspell / SERBIAN_DICTIONARY
    forms = suffix_forms(
        serbian.with_suffix(".dic").read_text(encoding="utf-8"),
        serbian.with_suffix(".aff").read_text(encoding="utf-8"),
    )
    lower_case = {form for form in forms if form.isalpha() and form.islower()} - NOT_JAT
    dictionaries = [args.hunspell / name for name in DICTIONARIES]
    ekavian, _ = dictionary_pairs(
        lower_case,
        lambda words: accepted(dictionaries, words),
        lambda words: accepted([serbian], words),
    )
    sys.stdout.write(
        f"# ekavian<TAB>form: made by `python -m benchmarks.jat_forms` from hunspell's "
        f"{SERBIAN_DICTIONARY} dictionary and its suffix rules: the forms it accepts, "
        f"{' and '.join(DICTIONARIES)} do not, and one of whose ijekavian readings they do\n"
    )
    sys.stdout.writelines(f"ekavian\t{form}\n" for form in sorted(ekavian))


if __name__ == "__main__":
    main()
