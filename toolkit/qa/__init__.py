"""Fact-preservation checks between a source and its translation or brief.

Translators and summarizers must not change the facts: numbers, percentages, dates,
names and quotations. These checks compare what can be compared without a model and
return one `QAWarning` per suspicious value (its kind and the value as written):

- `check_translation(source, target)`: every number of the source must appear in the
  target (so a changed or dropped number is caught), names must survive when both
  sides share a script, and a quotation must not vanish.
- `check_brief(source, brief)`: what the brief states must be supported by the
  source: its numbers must exist in the source, its names too, and a quotation in
  the source's language must be verbatim. A brief need not contain everything.

Numbers are compared by value, in every notation news uses: 10,000 / 10.000 / 10 000
(any space), 1,5 = 1.5, Arabic-Indic, Persian and other Unicode digits, scale words
(1.5 million = 1,5 Millionen = 150万 = 15 lakh), Chinese numerals (三千), percent signs
before or after the number. Ambiguous forms keep every reading ("1,500" is 1500 or
1.5). The checks are deliberately lenient where professional translators legitimately
differ (a decade "1930s" may become "années 30", "3 p.m." may become 15 Uhr, names
in another script are not compared, Pashto numbers written in words count), because a
check that cries wolf gets ignored. No lenient reading may hide a changed digit: a
scaled decimal ("2.89 million") is never also read as two numbers, a time whose minutes
the translation writes must keep them ("04:00" may become "4 Uhr", not "4:01"), "No.1"
holds a number, and a decade written in digits must be the same decade;
`benchmarks/eval_summarize.py` measures both the false-warning rate on professional
translations and the share of deliberately changed numbers it catches.
"""

from __future__ import annotations

from collections import Counter

from toolkit.number_words import spelled_numbers
from toolkit.qa.name_reading import (
    QUOTE_MARKS,
    WORD,
    fold,
    name_found,
    names,
    person_names,
    quotations,
    script_of,
)
from toolkit.qa.number_reading import Number, available, changed_minutes, found_in, numbers
from toolkit.qa.warning import KINDS, QAWarning

__all__ = [
    "KINDS",
    "Number",
    "QAWarning",
    "check_brief",
    "check_translation",
    "names",
    "numbers",
    "person_names",
]


def check_translation(
    source: str, target: str, *, src_lang: str | None = None, tgt_lang: str | None = None
) -> list[QAWarning]:
    """Facts of `source` that are missing or changed in its translation `target`."""
    warnings = _missing_numbers(
        numbers(source, src_lang), _stated(target, tgt_lang), "in the translation"
    )
    warnings += changed_minutes(source, target)
    warnings += _missing_names(person_names(source), target, "in the translation")
    if quotations(source) and not QUOTE_MARKS.search(target):
        quote = _short(quotations(source)[0])
        warnings.append(
            QAWarning("quote", quote, f"the quotation “{quote}” is no longer marked as a quote")
        )
    return warnings


def check_brief(
    source: str, brief: str, *, src_lang: str | None = None, brief_lang: str | None = None
) -> list[QAWarning]:
    """Facts the `brief` states that the `source` does not support."""
    warnings = _missing_numbers(
        numbers(brief, brief_lang), _stated(source, src_lang), "in the source"
    )
    same_language = src_lang is not None and src_lang == brief_lang
    # Across languages only titled persons: other capitalized words get translated
    # (and German capitalizes every noun).
    found = names(brief, brief_lang) if same_language else person_names(brief)
    warnings += _missing_names(found, source, "in the source")
    if same_language:
        flat = " ".join(source.split())
        for quote in quotations(brief):
            if " ".join(quote.split()) not in flat:
                short = _short(quote)
                warnings.append(QAWarning("quote", short, f"“{short}” is not in the source"))
    return warnings


def _stated(text: str, lang: str | None) -> list[Number]:
    """The numbers a text states, in digits or (where the language does) in words."""
    words = [
        Number(written, "number", frozenset({value}))
        for written, value in spelled_numbers(text, lang)
    ]
    return numbers(text, lang) + words


def _missing_numbers(wanted: list[Number], have: list[Number], where: str) -> list[QAWarning]:
    pool = available(have)
    warnings = []
    for num in sorted(wanted, key=lambda n: n.kind == "decade"):  # decades last
        if num.kind == "decade":
            if _decade_changed(num, pool):
                warnings.append(QAWarning("date", num.text, f"{num.text}s is changed {where}"))
            continue
        if found_in(num, pool):
            for v in num.values:
                if pool[v] > 0:
                    pool[v] -= 1
                    break
            continue
        kind = "number" if num.kind == "unit" else num.kind
        warnings.append(QAWarning(kind, num.text, f"{num.text} is not found {where}"))
    return warnings


def _decade_changed(decade: Number, pool: Counter[float]) -> bool:
    """Whether a decade ("1980s", "the '80s") is written in digits, but as another one.

    Decades are often spelled out ("los ochenta", "les années quatre-vingt"), so a
    missing one is no warning; but a year-like number ("1970" for "1980s") left over
    once every other number is matched is that decade written with a changed digit.
    Two-digit decades are not compared: "the 80s" are as often temperatures or ages,
    which translators convert or spell out.
    """
    years = {value for value in decade.values if 1000 <= value <= 2100}
    if not years or any(pool[v] > 0 or pool[v % 100] > 0 for v in years):
        return False
    return any(
        count > 0 and value.is_integer() and 1000 <= value <= 2100 for value, count in pool.items()
    )


def _missing_names(found: list[list[str]], other: str, where: str) -> list[QAWarning]:
    other_words = [fold(w) for w in WORD.findall(other)]
    if not other_words:
        return []
    scripts = Counter(script_of(w) for w in other_words)
    main_script = scripts.most_common(1)[0][0]
    warnings = []
    for name in found:
        if script_of(name[0]) != main_script:
            continue  # another script: transliterations vary too much to compare
        if not name_found(name, other_words):
            value = " ".join(name)
            warnings.append(QAWarning("name", value, f"{value} is not found {where}"))
    return warnings


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
