"""Numbers written out in words, for the fact checks (`toolkit.qa`).

Professional translators write small numbers in words where the language's style asks
for it: Pashto news writes "دیارلس سلنه" for "13 per cent" and "دوه څلویښت کلن" for
"42-year-old". A fact check that only reads digits cries wolf on such translations, so
a number written as a word counts as that number on the side a fact is looked up in.
Only languages measured to need it have a table (Pashto, the worst language of the
fact-check evaluation); words that are also common non-number words ("یو" is also
"a", "نه" also "not") are left out, so a word never stands in for a number by accident.
"""

from __future__ import annotations

import re
from functools import cache

# Spelling variants of Pashto (Arabic-script) letters, folded before comparing.
_PASHTO_FOLD = str.maketrans({"ي": "ی", "ې": "ی", "ۍ": "ی", "ئ": "ی", "ك": "ک", "ھ": "ه", "ہ": "ه"})
_PASHTO_UNITS = {
    "یو": 1, "دوه": 2, "دری": 3, "څلور": 4, "پنځه": 5, "شپږ": 6, "اووه": 7, "اوه": 7,
    "اته": 8, "نهه": 9,
}  # fmt: skip
_PASHTO_TEENS = {
    "لس": 10, "یوولس": 11, "یولس": 11, "دولس": 12, "دیارلس": 13, "څوارلس": 14,
    "پنځلس": 15, "شپاړس": 16, "اوولس": 17, "اتلس": 18, "نولس": 19,
}  # fmt: skip
_PASHTO_TENS = {
    "شل": 20, "ویشت": 20, "دیرش": 30, "څلویښت": 40, "پنځوس": 50, "شپیته": 60,
    "اویا": 70, "اتیا": 80, "نوی": 90,
}  # fmt: skip
_PASHTO_HUNDRED = {"سل": 100}
# Words that are numbers only inside a compound ("یو دیرش" is 31; alone "یو" is "a"
# and "ویشت" is never written alone).
_PASHTO_COMPOUND_ONLY = {"یو", "ویشت"}


@cache
def _pashto_words() -> dict[str, int]:
    words: dict[str, int] = {}
    for table in (_PASHTO_UNITS, _PASHTO_TEENS, _PASHTO_TENS, _PASHTO_HUNDRED):
        words.update({w: v for w, v in table.items() if w not in _PASHTO_COMPOUND_ONLY})
    for unit, u in _PASHTO_UNITS.items():
        for ten, t in _PASHTO_TENS.items():
            if ten != "شل":
                words[f"{unit} {ten}"] = words[f"{unit}{ten}"] = u + t  # "یو دیرش" = 31
    return words


_ARABIC_SCRIPT_WORD = re.compile(r"[\u0600-\u06ff\u0750-\u077f]+")


def spelled_numbers(text: str, lang: str | None) -> list[tuple[str, float]]:
    """The numbers `text` writes in words, as (the words, the value); [] for most languages."""
    if lang != "ps":
        return []
    table = _pashto_words()
    words = [m.group() for m in _ARABIC_SCRIPT_WORD.finditer(text)]
    folded = [w.translate(_PASHTO_FOLD) for w in words]
    found = []
    i = 0
    while i < len(folded):
        pair = f"{folded[i]} {folded[i + 1]}" if i + 1 < len(folded) else ""
        if pair in table:
            found.append((f"{words[i]} {words[i + 1]}", float(table[pair])))
            i += 2
            continue
        if folded[i] in table:
            found.append((words[i], float(table[folded[i]])))
        i += 1
    return found
