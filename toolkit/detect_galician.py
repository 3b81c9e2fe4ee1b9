"""Galician, told from Portuguese and Spanish by the words only Galician writes.

CLD3 reads about a tenth of professional Galician news as Portuguese or Spanish:
"Dixo que no cortello había un macho grande con sangue na boca" is Spanish to it at
1.0. Galician writes many common words neither of them writes (dixo, tiña, xogando,
despois, tamén, máis, cun, luns), and they write words it does not (não, também,
cuando, después).
Text with more of the first than of the second is Galician; so is text with none of
either that writes words as Portuguese does and words as Spanish does ("Foi un ano
duro": `_AS_PORTUGUESE`, `_AS_SPANISH`).

The two lists (toolkit/data/galician_words.tsv.gz: 958 and 20,994 words) are words of
NTREX-128's news in the 40 news_docs.jsonl documents and of wordfreq, checked with
hunspell's Galician, Portuguese and Spanish dictionaries; `benchmarks/galician_words.py`
makes the file and says how; Galician function words that check leaves out (unha, hai,
polo, sen) are added by hand. Only words written in lowercase count: a capitalized
word may be a name or start a title, and counting those too read 1 more of the 671
Galician tuning sentences as Portuguese or Spanish. The caller asks when CLD3 has named
pt, es or gl, or the first stage pt or es and CLD3 is unsure; and about text too short
for CLD3 alone, which is then Galician where CLD3 is sure of it too, or where CLD3 and the
first stage both read Portuguese, Spanish or Galician.
"""

from __future__ import annotations

import re
from functools import cache

from toolkit.detect_word_lists import read_word_lists

_WORD = re.compile(r"[^\W\d_]+")
# Galician function words the dictionary check leaves out of the Galician-only list, as
# Portuguese or Spanish spells some rare word that way ("unha" a fingernail, "polo" a
# pole, "moita" a thicket; "sen", "iso"): written down from the grammar (hai "there is",
# unha "a", sen "without", polo "by the", iso "that", xa "already", moi "very", moita
# "much", ata "until", nin "nor"). "non" only where the first stage reads pt or es.
_FUNCTION_WORDS = frozenset(
    "hai unha unhas sen polo pola polos polas iso xa moi moita moitas ata nin".split()
)
# Galician writes some words as Portuguese does and not Spanish (é, foi, estou: Spanish
# es, fue, estoy) and some as Spanish does and not Portuguese (un, en, con, tan:
# Portuguese um, em, com, tão); a text with both and no word only those two write is
# Galician ("Foi un ano duro.", "É un excelente capitán.").
_AS_PORTUGUESE = frozenset("é foi estou".split())
_AS_SPANISH = frozenset("un en con tan".split())


@cache
def _lists() -> tuple[frozenset[str], frozenset[str]]:
    """(Galician-only, Portuguese- or Spanish-only) words."""
    read = read_word_lists("galician_words.tsv.gz")
    return read["galician"] | _FUNCTION_WORDS, read["other"]


def is_galician(text: str, first_stage: str = "") -> bool:
    """More Galician-only than Portuguese- or Spanish-only lowercase words in `text`, or
    none of either and words Galician writes as Portuguese does and as Spanish does.

    Where `first_stage` (the first stage's answer) is Portuguese or Spanish, Galician's
    "non" ("Non quedes en silencio") counts too, at a sentence's start as well: those two
    write "não" and "no", and Italian and French, which write "non", are not that answer.
    """
    galician_words, other_words = _lists()
    count_non = first_stage in ("pt", "es")
    galician = other = 0
    as_portuguese = as_spanish = False
    for word in _WORD.findall(text):
        lower = word.lower()  # these may start a sentence: "Foi un ano duro."
        if word.islower():
            galician += word in galician_words
            other += word in other_words
        galician += count_non and lower == "non"
        as_portuguese = as_portuguese or lower in _AS_PORTUGUESE
        as_spanish = as_spanish or lower in _AS_SPANISH
    return galician > other or (not other and as_portuguese and as_spanish)
