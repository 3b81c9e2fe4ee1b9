"""Second stage of language detection: the languages langdetect's profiles lack.

`toolkit.detect` scores langdetect's 55 languages itself. For longer text in
a script that languages outside that set also write (Latin, Cyrillic, Arabic, Hebrew),
Google's CLD3 (the `cld3-py` wheel, module `gcld3`: Apache-2.0, its small neural model is
compiled into the extension, nothing is downloaded) is asked too, and its answer is taken
when it names one of the languages in `ADDED` for that script with high probability (or,
in Latin script, one of the langdetect languages the first stage has no word list for:
`FIRST_STAGE_WEAK`).
CLD3 is deterministic, loads in milliseconds and is imported only when this stage first
runs, so `import toolkit` stays light.

Scripts that only one language writes (Georgian, Armenian, Ethiopic, Myanmar, Khmer,
Lao, Sinhala, Tibetan, Thaana) need no model: `UNIQUE_SCRIPTS` decides them.

CLD3 is weak on short text and on close neighbours (it calls about half of Croatian
sentences Bosnian, a third of Indonesian ones Malay), so: its answer for text under
`MIN_LETTERS` letters is taken only in the cases below, and its answers for Bosnian
(next to Croatian) and Malay (next to Indonesian) are never taken as they are. Text the
first stage reads as Croatian, at any length, is Serbian or Bosnian where its words say
so (ekavian words, names written the Serbian way and modal verbs with "da" where
Croatian writes the infinitive; words Serbian and Bosnian write instead of Croatian's,
with ijekavian ones: `toolkit.detect_serbian.which_standard`),
and otherwise a close call with Bosnian (and Serbian, without ijekavian words) unless it
has a word only Croatian writes (`which_standard` too): a runner-up that lowers the
first stage's confidence, not a confident mistake; without ijekavian words, its letters
may still say Serbian (`toolkit.detect_letter_grams`). Text the first stage reads as
Indonesian, at any length, is Malay or Indonesian by its words, the other the runner-up
with the rest of the probability (`toolkit.detect_malay`). Latin-script text CLD3 calls
Croatian, Bosnian or Serbian is Serbian when its words are ekavian, it writes foreign
names the Serbian way or it has a modal "da" (whatever the first stage says); text it
calls Portuguese, Spanish or Galician (or is unsure of, where the first stage says pt or
es) is Galician when it has more Galician-only words than Portuguese- or Spanish-only ones
(`toolkit.detect_galician`; its "non" counts where the first stage says pt or es); text
it calls Xhosa or Zulu, two languages it often swaps, is one or the other by py3langid's
scores, the words, spellings and stems only one of them writes and the naive Bayes odds
of their letters, at any length where
py3langid gives the two their share (`toolkit.detect_nguni`).

Letters that only one added language writes in its script (`_LETTERS`, `_PASHTO_LETTERS`)
decide short text without CLD3, and make CLD3's agreeing answer count from 0.5 (Serbian
Cyrillic's letters and words decide at any length).
Yoruba's subdotted letters (ẹ ọ ṣ, with none Yoruba does not write) decide longer text
that CLD3 reads as Vietnamese; Yoruba typed in a legacy font's private-use code points is
read with the marks they stand for first. Short text in Maori's or Samoan's alphabet is
given to CLD3, and longer text mostly in one of them counts CLD3's answer for Maori or
Samoan from a lower probability (`toolkit.detect_alphabets`). Short text with an added
language's function word (or in Maori's or Samoan's alphabet) is given to CLD3 and taken
where it gives that language 0.5 or more; in longer text, CLD3's answer for such a
language counts from 0.5 where the text has its function words (for Cebuano and
Sundanese, more than of their neighbours': `toolkit.detect_function_words`).
"""

from __future__ import annotations

import re
import threading
from itertools import islice
from typing import Any, NamedTuple

from toolkit.detect_alphabets import (
    alphabets_only,
    has_vietnamese_letter,
    looks_yoruba,
    mostly_maori,
    mostly_samoan,
    read_legacy_yoruba,
)
from toolkit.detect_function_words import MIN_PROBABILITY as FUNCTION_WORDS_FROM
from toolkit.detect_function_words import confirmed_by_function_words, function_word_languages
from toolkit.detect_galician import is_galician
from toolkit.detect_langid import CONFIDENCE as THIRD_CONFIDENCE
from toolkit.detect_langid import third_opinion
from toolkit.detect_malay import malay_or_indonesian
from toolkit.detect_nguni import MIN_SHARE as NGUNI_SHARE
from toolkit.detect_nguni import SHORT_MIN_SHARE as SHORT_NGUNI_SHARE
from toolkit.detect_nguni import xhosa_or_zulu
from toolkit.detect_serbian import BY_WORDS as SERBIAN_BY_WORDS
from toolkit.detect_serbian import is_serbian, which_standard
from toolkit.langs import normalize

# Script (as in toolkit.detect_data.SCRIPTS) -> the one language that writes it here.
# Ethiopic is reported as Amharic (Tigrinya also uses it and is not told apart).
UNIQUE_SCRIPTS: dict[str, str] = {
    "GEORGIAN": "ka",
    "ARMENIAN": "hy",
    "ETHIOPIC": "am",
    "MYANMAR": "my",
    "KHMER": "km",
    "LAO": "lo",
    "SINHALA": "si",
    "TIBETAN": "bo",
    "THAANA": "dv",
}

# Languages CLD3 adds, per script of the text, measured on held-out sentences
# (benchmarks/data/langid_added.jsonl; `make eval ONLY=detect`). Latin-script "sr" comes
# from `toolkit.detect_serbian` only (CLD3 knows Serbian in Cyrillic only).
ADDED: dict[str, frozenset[str]] = {
    "LATIN": frozenset(
        "az ceb co eo eu fy ga gd gl ha haw ht ig is jv ku la lb mg mi mt ny sm sn sr st su uz "
        "xh yo zu".split()
    ),
    "CYRILLIC": frozenset("be kk ky mn sr tg".split()),
    "ARABIC": frozenset(["ps"]),
    "HEBREW": frozenset(["yi"]),
}

# langdetect languages that the first stage scores without a word list (so weakly: on
# NTREX-128 news, Afrikaans read as Dutch a third of the time, Estonian as Finnish a fifth):
# CLD3's sure answer for them is taken too. Cut-offs chosen like those below, on lingua-py's
# tuning lines (gained of 300: af +37, cy +35, et +55, sw +39 at 0.9, none lost; sq +14 at
# 0.95, where 0.9 lost an Italian line).
FIRST_STAGE_WEAK: dict[str, frozenset[str]] = {"LATIN": frozenset("af cy et sq sw".split())}
# CLD3 reads some Dutch news as Afrikaans (4 of NTREX-128's 1,326 held-out Dutch lines; 3
# with the rule below); its "af" is not taken for text with a word Afrikaans does not
# write (none of them in lingua-py's 900 Afrikaans tuning lines; "de" is left out, it
# starts Afrikaans names: de Villiers). Dutch without such a word still can be read as af.
_DUTCH_ONLY = frozenset(
    "niet zijn wordt heeft hebben naar deze worden geweest kunnen moeten zullen wij jullie "
    "hun mijn".split()
)
#: the languages whose CLD3 answer can be the answer, per script (`ADDED` plus those)
TAKEN: dict[str, frozenset[str]] = {
    script: langs | FIRST_STAGE_WEAK.get(script, frozenset()) for script, langs in ADDED.items()
}

# Close neighbours of this first-stage language that CLD3 does not separate reliably in
# this script: its answer for them is never taken as it is. Bosnian and Serbian share
# Croatian's confidence where its words allow (`which_standard`), Pashto Persian's;
# Malay or Indonesian is what the words say (`toolkit.detect_malay`).
NEIGHBOURS: dict[str, dict[str, frozenset[str]]] = {
    "LATIN": {"hr": frozenset({"bs", "sr"}), "id": frozenset({"ms"})},
    "ARABIC": {"fa": frozenset({"ps"})},  # Pashto CLD3 is less sure of
}

# Letters of Pashto's alphabet that Persian, Urdu and Arabic do not use: one of them in
# Arabic-script text is Pashto, however short (CLD3 is not asked below MIN_LETTERS
# outside the Latin script).
_PASHTO_LETTERS = frozenset("ځڅډړږښګڼۍ")
_PASHTO_BY_LETTER = 0.95  # the confidence such a letter gives

# Letters that, among the languages of their script here, only one added language
# writes: (language, a pattern of them, letters that language does not write). They
# decide text too short for CLD3 ("Það er kvöld í marz.", "Цяпер стары ўжо") and let
# CLD3's answer for that language count at `_LETTERS_AGREE` in longer text. Icelandic þ
# only starts a word (Turkish read in the wrong code page has it inside words:
# "geliþim"). Mongolian and Kyrgyz share ө and ү with Kazakh, which alone writes ә ғ қ
# ұ һ і (ғ қ also Tajik; ң also Kyrgyz). Serbian Cyrillic: ђ ћ, and the words је ("is"),
# су ("are"), који/које ("which"), али ("but"), ће ("will"), none of which
# Macedonian (е, се, кои/кое, но, ќе), Bulgarian or Russian writes (in lingua-py's tuning
# lines: је in 442 of 900 Serbian lines, in none of 5,281 mk/bg/ru/uk/be ones); text with
# Macedonian's ѓ ќ ѕ or Ukrainian/Belarusian letters is not Serbian.
_KAZAKH_OR_TAJIK = "әғқұһіӘҒҚҰҺІ"
_LETTERS: dict[str, tuple[tuple[str, re.Pattern[str], frozenset[str]], ...]] = {
    "LATIN": (
        ("is", re.compile(r"(?<!\w)[þÞ]"), frozenset()),
        ("az", re.compile("[əƏ]"), frozenset()),
        ("mt", re.compile("[ħċġĦĊĠ]"), frozenset()),
        ("ha", re.compile("[ɓɗƙƁƊƘ]"), frozenset()),
        ("eo", re.compile("[ĉĝĥĵŝĈĜĤĴŜ]"), frozenset()),
        ("yo", re.compile("[ṣṢ]"), frozenset()),
    ),
    "CYRILLIC": (
        ("be", re.compile("[ўЎ]"), frozenset()),
        ("tg", re.compile("[ӣӯҳҷӢӮҲҶ]"), frozenset()),
        ("kk", re.compile("[әұӘҰ]"), frozenset()),
        ("ky", re.compile("[ңҢ]"), frozenset(_KAZAKH_OR_TAJIK)),
        ("mn", re.compile("[өүӨҮ]"), frozenset(_KAZAKH_OR_TAJIK + "ңҢ")),
        (
            "sr",
            re.compile(r"[ђћЂЋ]|(?<!\w)(?:је|су|који|које|али|ће)(?!\w)", re.IGNORECASE),
            frozenset("ѓќѕЃЌЅіїєґўІЇЄҐЎ"),
        ),
    ),
}
# Languages whose letters decide longer text too, whatever CLD3 says (it calls short
# Serbian sentences Macedonian with probability 1.0: "Веома је распрострањена.").
_LETTERS_DECIDE = frozenset({"sr"})
_IBERIAN = frozenset({"pt", "es", "gl"})  # where Galician words are looked for
_OTHER = {"xh": "zu", "zu": "xh", "ms": "id", "id": "ms"}  # the pairs told apart by words
_BY_LETTER = 0.9  # the confidence a distinctive letter gives short text

# Samoan in its alphabet (toolkit.detect_alphabets) is taken from CLD3's 0.5.
_SAMOAN_AGREE = 0.5
_WORD = re.compile(r"[^\W\d_]+")
_LETTERS_AGREE = 0.5  # CLD3's probability needed when the letters name the same language

MIN_LETTERS = 25  # below this CLD3 guesses (single words, headlines of two or three)
MIN_PROBABILITY = 0.9  # CLD3's own probability for its answer to be taken
# Serbian in Cyrillic script: CLD3 is often only moderately sure next to Macedonian. The
# Latin-script ones below: on lingua-py's tuning lines (300 per language, 75 languages)
# each is the highest cut-off in 0.5, 0.6, ... 0.9 with the most lines of that language
# gained and none of another language lost (gained of 300: eu +7, mi +11, sn +3, st +8,
# xh +28, yo +18). For la, zu, ga, gl and co any cut-off below 0.9 lost a line of another
# language (fr or ro read as la, en as zu...), so they keep 0.9.
_MIN_PROBABILITY_OF = {
    ("CYRILLIC", "sr"): 0.5,
    ("LATIN", "eu"): 0.6,
    ("LATIN", "sq"): 0.95,
    **{("LATIN", code): 0.5 for code in ("mi", "sn", "st", "xh", "yo")},
}
_MAX_BYTES = 1000  # CLD3 reads the start of the text only, like the first stage's limit

_lock = threading.Lock()
_identifier: Any = None


class Opinion(NamedTuple):
    """The second stage's answer: a language, its probability, whether the text's own
    words decide it (a neighbour that is then the answer, not a runner-up), and the one
    other language it was told from, which then takes the rest of the probability (Zulu
    for Xhosa); or, for the first stage's answer `code`, the close neighbours the text
    may be as well, which then share part of its confidence (Bosnian and Serbian for
    Croatian without a word only Croatian writes)."""

    code: str
    probability: float
    decides: bool = False
    runner_up: str | None = None
    neighbours: tuple[str, ...] = ()


def second_opinion(text: str, script: str, first_stage: str = "") -> Opinion | None:
    """CLD3's answer for `text` (ISO 639-1 code, probability), when it names an added
    language or a neighbour of `script`; where `first_stage` (the first stage's answer)
    is Croatian, the neighbours the text may be as well; None otherwise."""
    if script == "ARABIC" and not _PASHTO_LETTERS.isdisjoint(text):
        return Opinion("ps", _PASHTO_BY_LETTER)
    if script not in ADDED:
        return None
    text = read_legacy_yoruba(text)
    by_letter = _letters_say(text, script)
    valid = text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates -> "?"
    if _fewer_letters(text, MIN_LETTERS):
        if by_letter is not None:
            return Opinion(by_letter, _BY_LETTER)
        # CLD3's answer for short text is taken where it gives `FUNCTION_WORDS_FROM` or
        # more to a language the text has reason to be: in Maori's or Samoan's alphabet
        # only, with more Galician-only words than Portuguese- or Spanish-only ones ("É
        # moito máis cun bo xogador."), or with an added language's function word ("Гэта
        # добра."; 0.9 before: 5 Maori, 5 Samoan and 1-2 Basque, Belarusian, Igbo,
        # Mongolian, Esperanto and Latin lines more right of NTREX-128 and lingua-py's
        # tuning lines, none wrong of those and langid_added.jsonl's 178,421). Galician
        # words also decide where the first stage and CLD3 both read Portuguese, Spanish
        # or Galician ("Aconteceu hai 36 anos.", pt to both); and Latin-script text CLD3
        # reads as Xhosa or Zulu is told apart where py3langid gives the two their
        # share ("Ngizoba nawe maduze.", Swahili to the first stage).
        candidates = function_word_languages(text)
        if script == "LATIN":
            candidates += alphabets_only(text) + (["gl"] if is_galician(text, first_stage) else [])
        if candidates or script == "LATIN":
            found = _cld3().FindLanguage(text=valid)
            code = normalize(found.language.split("-")[0])
            if code in candidates and found.probability >= FUNCTION_WORDS_FROM:
                return Opinion(code, _BY_LETTER)
            if "gl" in candidates and first_stage in _IBERIAN and code in _IBERIAN:
                return Opinion("gl", _BY_LETTER, decides=True)
            if code in ("xh", "zu"):
                nguni = xhosa_or_zulu(valid, code, found.probability, SHORT_NGUNI_SHARE)
                if nguni is not None:
                    return _nguni_opinion(*nguni)
        return _words_of_neighbours(text, first_stage)
    found = _cld3().FindLanguage(text=valid)
    code, probability = normalize(found.language.split("-")[0]), float(found.probability)
    if code == by_letter and probability >= _LETTERS_AGREE:
        return Opinion(code, max(probability, _BY_LETTER))  # two signals agree
    if by_letter in _LETTERS_DECIDE:
        return Opinion(by_letter, _BY_LETTER)
    if script == "LATIN":
        return _latin_opinion(text, valid, code, probability, first_stage)
    if _taken(script, code, probability):
        return Opinion(code, probability)
    if _function_words_agree(text, script, code, probability):
        return Opinion(code, max(probability, _BY_LETTER))
    return None


def _latin_opinion(
    text: str, valid: str, code: str, probability: float, first_stage: str = ""
) -> Opinion | None:
    """`second_opinion` for Latin-script text of CLD3's length, CLD3 having said `code`."""
    if code == "af" and not _DUTCH_ONLY.isdisjoint(_WORD.findall(text.lower())):
        return None
    if code in ("xh", "zu"):
        unsure = probability < min_probability("LATIN", code)
        nguni = xhosa_or_zulu(valid, code, probability, NGUNI_SHARE if unsure else 0.0)
        if nguni is not None:
            return _nguni_opinion(*nguni)
    if code in ("hr", "bs", "sr"):
        if is_serbian(text):
            return Opinion("sr", SERBIAN_BY_WORDS)
        if code == "sr":  # no evidence in Latin script ("correspondent photographie")
            return None
    if code in ("id", "ms") and first_stage == "id":
        return _malay_or_indonesian(text)
    iberian = code in _IBERIAN or (first_stage in _IBERIAN and probability < MIN_PROBABILITY)
    if iberian and is_galician(text, first_stage):
        return Opinion("gl", max(probability if code == "gl" else 0.0, _BY_LETTER), decides=True)
    if (code in ("mi", "haw") or probability < MIN_PROBABILITY) and mostly_maori(text):
        return Opinion("mi", max(probability if code == "mi" else 0.0, _BY_LETTER))
    if _function_words_agree(text, "LATIN", code, probability):
        return Opinion(code, max(probability, _BY_LETTER))
    if code == "sm" and probability >= _SAMOAN_AGREE and mostly_samoan(text):
        return Opinion("sm", max(probability, _BY_LETTER))
    if looks_yoruba(text) and (code in ("yo", "vi") or probability < MIN_PROBABILITY):
        return Opinion("yo", max(probability if code == "yo" else 0.0, _BY_LETTER))
    if code != "bs":  # Bosnian: what its words say where the first stage reads hr, below
        if _taken("LATIN", code, probability):
            return Opinion(code, probability)
        # CLD3 reads tone-marked text of other languages (Yoruba) as Vietnamese at 1.0;
        # without a letter only Vietnamese writes, that answer counts as unsure.
        sure = 0.0 if code == "vi" and not has_vietnamese_letter(text) else probability
        third = third_opinion(valid, code, sure)
        if third is not None:
            return Opinion(third, THIRD_CONFIDENCE)
    return _words_of_neighbours(text, first_stage)


def _function_words_agree(text: str, script: str, code: str, probability: float) -> bool:
    """CLD3 fairly sure (from `FUNCTION_WORDS_FROM`, under its cut-off) of an added
    language whose function words `text` has (`toolkit.detect_function_words`)."""
    return FUNCTION_WORDS_FROM <= probability < min_probability(
        script, code
    ) and confirmed_by_function_words(text, code)


def _words_of_neighbours(text: str, first_stage: str) -> Opinion | None:
    """What `text`'s words say where the first stage reads Croatian (Serbian or Bosnian,
    or a close call with them unless a word only Croatian writes is in it) or Indonesian
    (Malay or Indonesian); None for other first-stage answers."""
    if first_stage == "hr":
        return _croatian_close_call(text)
    if first_stage == "id":
        return _malay_or_indonesian(text)
    return None


def _nguni_opinion(lang: str, probability: float) -> Opinion:
    """Xhosa or Zulu as `toolkit.detect_nguni.xhosa_or_zulu` told them apart, the other as
    the runner-up."""
    return Opinion(lang, probability, decides=True, runner_up=_OTHER[lang])


def _malay_or_indonesian(text: str) -> Opinion:
    """Malay or Indonesian by `text`'s words, the other as the runner-up."""
    lang, probability = malay_or_indonesian(text)
    return Opinion(lang, probability, decides=True, runner_up=_OTHER[lang])


def _croatian_close_call(text: str) -> Opinion | None:
    """Serbian or Bosnian where `text`'s words say so; otherwise Bosnian and/or Serbian
    as close neighbours of the first stage's Croatian, unless `text` has a word only
    Croatian writes (`which_standard`)."""
    found = which_standard(text)
    if found is None:
        return None
    if found.neighbours:
        return Opinion("hr", 1.0, neighbours=found.neighbours)
    return Opinion(found.lang, found.probability, decides=True, runner_up=found.runner_up)


def _fewer_letters(text: str, count: int) -> bool:
    """Whether `text` has fewer than `count` letters (stops counting at `count`)."""
    return next(islice(filter(str.isalpha, text), count - 1, None), None) is None


def _taken(script: str, code: str, probability: float) -> bool:
    """CLD3's answer counts: a language of `TAKEN` above its cut-off, or a close neighbour."""
    if code in TAKEN[script] and probability >= min_probability(script, code):
        return True
    return any(code in names for names in NEIGHBOURS.get(script, {}).values())


def _letters_say(text: str, script: str) -> str | None:
    """The added language whose distinctive letters `text` has (see `_LETTERS`)."""
    for lang, letters, not_written in _LETTERS.get(script, ()):
        if letters.search(text) and not_written.isdisjoint(text):
            return lang
    return None


def min_probability(script: str, code: str) -> float:
    """CLD3's probability needed for its answer `code` to be taken in `script`."""
    return _MIN_PROBABILITY_OF.get((script, code), MIN_PROBABILITY)


def _cld3() -> Any:
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                import gcld3

                _identifier = gcld3.NNetLanguageIdentifier(
                    min_num_bytes=0, max_num_bytes=_MAX_BYTES
                )
    return _identifier
