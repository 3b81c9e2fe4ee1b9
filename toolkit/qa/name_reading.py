"""Names and quotations in news text, for the fact checks of `toolkit.qa`."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

WORD = re.compile(r"[^\W\d_][^\W\d_'’-]*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;…]\s+|[\"“«„(]\s*)$")
_QUOTED = re.compile(r"""["“”„«»「『]\s*([^"“”„«»」』\n]{2,}?)\s*["“”«»」』]""")
QUOTE_MARKS = re.compile(r"""["“”„«»「」『』‹›‘‚״]|(?:^|\s)'(?=\w)""")
MIN_QUOTE_WORDS = 3  # shorter quoted words are scare quotes, often dropped in translation


def script_of(word: str) -> str:
    """The Unicode script family of a word's first letter (LATIN, CYRILLIC, CJK...)."""
    name = unicodedata.name(word[0], "")
    return name.split(" ", 1)[0]


def fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@cache
def _stop(lang: str | None) -> frozenset[str]:
    from toolkit.summarize.tokenize import stopwords

    return stopwords(lang)


def names(text: str, lang: str | None = None) -> list[list[str]]:
    """Capitalized words that are not sentence starts or stopwords, grouped into names.

    "Jens Stoltenberg said NATO..." -> [["Jens", "Stoltenberg"]]. All-capital acronyms
    are left out: they are translated ("NATO" is "OTAN" in French and Spanish).
    """
    stop = _stop(lang)
    groups: list[list[str]] = []
    current: list[str] = []
    initial = False  # the group starts with a sentence's first word: a name only if followed
    last_end = -1
    for match in WORD.finditer(text):
        word = match.group().rstrip("'’-")
        capitalized = (
            word[0].isupper()
            and len(word) > 1
            and not word.isupper()
            and word.casefold() not in stop
        )
        starts = bool(_SENTENCE_START.search(text[max(0, match.start() - 4) : match.start()]))
        adjacent = current and not text[last_end : match.start()].strip()
        if capitalized and (adjacent or not starts):
            current.append(word)
        else:
            if current and not (initial and len(current) == 1):
                groups.append(current)
            current, initial = ([word], starts) if capitalized else ([], False)
        last_end = match.end()
    if current and not (initial and len(current) == 1):
        groups.append(current)
    return groups


# Titles that introduce a person: a titled name is a person's name, which translators
# keep (inflected at most) in every language written in the same script, unlike the
# names of institutions and places ("Supreme Court", "North Korea"), which they translate.
_TITLES = (
    "Mr Mrs Ms Miss Mx Dr Prof Professor Sir Dame Lady Lord President Vice-President "
    "Senator Sen Rep Representative Congressman Congresswoman Gov Governor Mayor Judge "
    "Justice Rev Reverend Father Pope King Queen Prince Princess Chancellor Minister "
    "Secretary Ambassador Gen Col Colonel Capt Captain Sgt Sergeant Lt Lieutenant "
    "Officer Detective Coach Chairman Chairwoman CEO Sheikh Imam Rabbi "
    "M Mme Mlle Monsieur Madame Maître Me président présidente ministre "
    "Herr Frau Präsident Präsidentin Kanzler Kanzlerin Minister Ministerin "
    "Sr Sra Srta Don Doña señor señora presidente presidenta ministro ministra "
    "Signor Signora Dott Dottor Avv Ing Sig Sig.ra senhor senhora dhr mevr"
).split()
_TITLED = re.compile(
    r"(?<![^\W\d_])(?:" + "|".join(map(re.escape, _TITLES)) + r")\.?\s+"
    r"((?:[^\W\d_][^\W\d_'’-]*\.?\s+){0,2}[^\W\d_][^\W\d_'’-]*)"
)


def person_names(text: str) -> list[list[str]]:
    """Names introduced by a title ("President Joe Biden" -> ["Joe", "Biden"])."""
    found = []
    for match in _TITLED.finditer(text):
        words = []
        for word in match.group(1).split():
            word = word.rstrip(".'’-")
            if not word or not word[0].isupper() or word.isupper() or word in _TITLES:
                break
            words.append(word)
        if words:
            found.append(words)
    return found


def name_found(name: list[str], target_words: list[str]) -> bool:
    """Some word of the name is in the target, allowing inflection, accents and the
    usual transliteration variants (Ivanov/Iwanow, Zaev/Zaew)."""
    skeletons = {_skeleton(t) for t in target_words}
    for word in name:
        w = fold(word)
        need = min(len(w), max(4, len(w) - 3))
        if any(t[:need] == w[:need] for t in target_words):
            return True
        skeleton = _skeleton(w)
        if len(skeleton) >= 3 and any(s.startswith(skeleton) for s in skeletons):
            return True
        if len(skeleton) == 2 and skeleton in skeletons:  # short names: Zaev/Zaew
            return True
    return False


_SOUND_ALIKE = str.maketrans({"w": "v", "y": "i", "j": "i", "k": "c", "q": "c", "z": "s"})


def _skeleton(word: str) -> str:
    """First letter and consonants of a folded word, sound-alike letters merged."""
    word = fold(word).replace("ph", "f").translate(_SOUND_ALIKE)
    if not word:
        return ""
    rest = [ch for ch in word[1:] if ch not in "aeiou"]
    out = [word[0]]
    for ch in rest:
        if ch != out[-1]:
            out.append(ch)
    return "".join(out)


def quotations(text: str) -> list[str]:
    """Quotations of at least MIN_QUOTE_WORDS words."""
    found = (m.group(1).strip() for m in _QUOTED.finditer(text))
    return [q for q in found if len(q.split()) >= MIN_QUOTE_WORDS]
