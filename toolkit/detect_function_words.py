"""Function words: what lets CLD3 answer for short text, and confirms its unsure answers.

CLD3's answer for short text (under `toolkit.detect_extra.MIN_LETTERS` letters) is not
taken as it is, since it guesses there; the first stage, which knows only langdetect's
languages, answers instead, so a short Irish, Igbo or Mongolian line was always wrong.
`SHORT_TEXT_WORDS` holds, for added languages, common function words their neighbours in
the script do not write (Irish "bhí, níl, atá", Igbo "nke, ndị, bụ", Mongolian "юм,
байна, энэ"), less any that wordfreq finds common (Zipf >= `COMMON_ZIPF`) in a
first-stage language of the script: Esperanto "kaj" is Slovene, Latin "sunt" Romanian,
Belarusian "была" Russian. Short text with one of them is given to CLD3, and its answer
counts where it names that language at 0.5 or more (`toolkit.detect_extra`; 0.9 at
first). On NTREX-128's held-out news this (at 0.9) reads 19 more short Igbo lines right,
13 Malagasy, 12 Belarusian, 9 Icelandic, 8 Basque, 7 Kurdish and 7 Mongolian (and 1-4 in
eight other languages), without changing the answer of any line of another language
there, in NTREX-128's other documents, in lingua-py's tuning lines or in the 5,400 lines
of the 30-language set.

CLD3 names Cebuano and Sundanese correctly for most text of theirs, but often below
the 0.9 its answers need (`toolkit.detect_extra.MIN_PROBABILITY`), and it names them
for other languages' text at up to 0.83 too (su for Indonesian, Vietnamese and Catalan
lines of lingua-py, ceb for a Tagalog one), so a plain lower cut-off would not do.
From `MIN_PROBABILITY` up, its answer counts where the text has more of that
language's own function words than of its neighbours' (`confirmed_by_function_words`):

* Cebuano against Tagalog: "ug, nga, dili, usa, kini, adunay, gikan, iyang, tanan"
  against "at, ng, hindi, ay, isang, ito, kanyang, lahat";
* Sundanese against Indonesian, Malay and Javanese: "jeung, teu, nu, ieu, éta, henteu,
  anu, pikeun, dina" against "dan, yang, tidak, ini, itu, untuk" and "lan, ing, ora,
  iku, kang, sing".

On the held-out UDHR lines (`make eval ONLY=detect`) ceb goes from 93% to 98%, su from
93% to 95%; no other language's tuning line changes its answer. For the other languages
of `SHORT_TEXT_WORDS`, one of their words is enough for CLD3's 0.5: 1-3 more lines right
in each of eo, is, la, lb, ky, mn on the tuning lines and ha, ig, ku, ky, lb, mt on
NTREX-128's held-out news, no line of another language changed.

All the words are the grammars' common ones, not taken from any test text.
"""

from __future__ import annotations

import re

MIN_PROBABILITY = 0.5
COMMON_ZIPF = 4.0  # no listed word is this common in a first-stage language (tested)
_OWN_AND_NEIGHBOURS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "ceb": (
        frozenset(
            "ug nga dili usa kini niini kana niana adunay naa mao og kay gikan ngadto diha "
            "didto karon unsa kinsa iyang akong imong atong tanan matag apan kon labing".split()
        ),
        frozenset(
            "at ng hindi ay isang ito nang kanyang niya kanilang lahat bawat ngunit kung "
            "mula namin natin ating dahil upang din rin po".split()
        ),
    ),
    "su": (
        frozenset(
            "jeung teu nu ieu éta eta henteu sarta anu urang ku boh oge ogé tina dina pikeun "
            "mah atawa lamun kitu ngan sagala saha naon aya".split()
        ),
        frozenset(
            "dan yang tidak ini itu untuk dengan dari pada adalah akan juga tersebut lan ing "
            "ora iku kang sing karo utawa marang kanggo saka ana wong".split()
        ),
    ),
}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")  # Uzbek bo'lgan is one word

SHORT_TEXT_WORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        # Latin script
        "az": "və ilə üçün deyil də isə",
        "eo": "estis tiu ĉi ŝi povas ankaŭ ĉu kiu kio",
        "eu": "ziren baina hori izan dute zuen dago daude nire zure gure",
        "ga": "bhí níl atá chuig faoi siad freisin anois inniu",
        "ha": "wannan kuma tana cikin domin zuwa sosai",
        "ig": "nke ndị bụ anyị nwere mgbe ahụ gị",
        "is": "að það ekki hún þetta mjög hefur eru þú",
        "ku": "û jî heye hene wê kir",
        "la": "atque neque nec fuit haec ipse eius eorum mihi tibi sibi nobis quam quia tamen "
        "etiam nunc ubi apud quae quod",
        "lb": "vun gëtt hunn huet awer dës",
        "mg": "ary tsy izy ireo izao ity tamin noho",
        "mt": "għal huwa kien kienet biex bħala iżda minn ukoll",
        "ny": "ndipo chifukwa anthu zomwe kapena ndife",
        "sn": "kuti uye vanhu nekuti izvi zvino ndiri",
        "uz": "uchun deb bo'lgan qilib",
        # Cyrillic script
        "be": "гэта ён яны быў таксама калі дзе вельмі",
        "ky": "деп эмес болуп",
        "mn": "юм байна энэ тэр гэж байсан дээр биш ямар хүн",
    }.items()
}


def function_word_languages(text: str) -> list[str]:
    """The languages of `SHORT_TEXT_WORDS` that `text` has a function word of."""
    words = set(_words(text))
    return [lang for lang, listed in SHORT_TEXT_WORDS.items() if not words.isdisjoint(listed)]


def confirmed_by_function_words(text: str, lang: str) -> bool:
    """Whether `text` has more function words of `lang` than of its neighbours' (ceb, su),
    or one of `SHORT_TEXT_WORDS` for `lang` (the other languages listed there)."""
    own_and_neighbours = _OWN_AND_NEIGHBOURS.get(lang)
    if own_and_neighbours is None:
        listed = SHORT_TEXT_WORDS.get(lang)
        return listed is not None and not listed.isdisjoint(_words(text))
    own, neighbours = own_and_neighbours
    balance = 0
    for word in _words(text):
        balance += (word in own) - (word in neighbours)
    return balance > 0


def _words(text: str) -> list[str]:
    """The words of `text`, lowercase, with a typographic apostrophe read as a plain one."""
    return [word.replace("’", "'") for word in _WORD.findall(text.lower())]
