"""Language identification: whole texts, paragraphs, sentences, and short headlines.

The detector recognizes the 55 languages of langdetect and scores them with
langdetect's own n-gram profiles, but deterministically and about ten times faster:

1. **Script first.** Letters are counted per Unicode script. A script used by one
   language decides at once (Hangul -> ko, kana -> ja, Greek, Hebrew, Thai, Gujarati,
   ...); otherwise only the languages written in the dominant script compete (Cyrillic:
   ru/uk/bg/mk; Arabic: ar/fa/ur; Devanagari: hi/mr/ne; Latin: 30 languages). Text with
   no letters at all (digits, punctuation, URLs) is ``"und"``, and so is text in a
   script no known language uses.
2. **Naive Bayes over every n-gram.** Each 1-, 2- and 3-gram of the text adds
   ``log(p + a) - log(a)`` for each language, with langdetect's probabilities ``p`` and
   smoothing ``a``. langdetect samples n-grams at random and iterates; summing all of
   them once gives the same ranking without the noise, in one numpy gather.
3. **Words for short text.** A few words carry too few n-grams, so each word also adds
   its log-frequency in each language's word list (wordfreq). This is what separates
   "indtil" (da) from "inntil" (nb), or one Indonesian word from Tagalog.
4. **Han characters.** Text in Han characters only is scored per character with
   Chinese and Japanese character frequencies.

Scores become probabilities with a tempered softmax: evidence adds up over words, so
confidence is high for a clean paragraph and modest for an ambiguous word or two. The
compiled data (see `toolkit.detect_data`) loads once per process, on first use; the
n-gram and word scores live in `toolkit.detect_scores` (with their per-word caches).

langdetect's ``no`` is reported as ``nb`` (Bokmål; Nynorsk is not modelled), and its
``zh-cn``/``zh-tw`` as ``zh``.
"""

from __future__ import annotations

import re
import string
import unicodedata
from dataclasses import dataclass, field

import numpy as np

from toolkit._stage import make_callable
from toolkit.config import Config, require_config
from toolkit.detect_extra import (
    NEIGHBOURS,
    TAKEN,
    UNIQUE_SCRIPTS,
    Opinion,
    min_probability,
    second_opinion,
)
from toolkit.detect_scores import Model, han_scores, load_model, ngram_scores, word_scores
from toolkit.langs import same_language
from toolkit.text import MAX_SENTENCE_CHARS, Span, paragraphs, require_text, sentences

UNDETERMINED = "und"

# langdetect profile code -> code reported to users
_REPORTED = {"no": "nb", "zh-cn": "zh", "zh-tw": "zh"}

_URL = re.compile(r"(?:https?://|www\.)[-_.?&~;+=/#%0-9A-Za-z]{1,2076}")
_MAIL = re.compile(r"[-_.0-9A-Za-z]{1,64}@[-_0-9A-Za-z]{1,255}[-_.0-9A-Za-z]{1,255}")
# Control characters other than tab and line breaks: no language's evidence, and CLD3
# reads text strewn with them as another language (Croatian as Basque, French as Samoan).
# C1 ones come with cp1252 text decoded as Latin-1 (\x84 \x93 \x94 for quotes), as in
# NTREX-128's Bosnian.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]+")
# HTML and XML tags ("<p>", "</b>", '<a href="...">'): markup, not words of a language;
# CLD3 read 1.4% of a sample of NTREX-128's news wrapped in a few of them as another
# language.
_TAGS = re.compile(r"</?[A-Za-z][-:A-Za-z0-9]{0,30}(?:\s[^<>]{0,1000})?/?>")
_ASCII_LETTER = re.compile("[A-Za-z]")
_LATIN_LETTERS = str.maketrans(dict.fromkeys(string.ascii_letters, " "))
# Latin letters that look like Cyrillic ones. Cyrillic text sometimes carries them, left by
# transliteration tools or a wrong keyboard (NTREX-128's Serbian: "Кeнeди je биo" with Latin
# e, j, o; read as Russian): in Cyrillic-script text, a word with such letters that also has
# Cyrillic ones, or is written in lowercase lookalikes only ("je"), is read with the
# Cyrillic letters they look like.
_LOOKALIKE_LATIN = "aceJjopxyABCEHKMOPTXY"
_LOOKALIKE_CYRILLIC = "асеЈјорхуАВСЕНКМОРТХУ"
_TO_CYRILLIC = str.maketrans(_LOOKALIKE_LATIN, _LOOKALIKE_CYRILLIC)
_LETTERS_RUN = re.compile(r"[^\W\d_]+")
_LOOKALIKES_ONLY = re.compile("[acejopxy]+")  # lowercase: not a name or an acronym (BBC)
_HAS_CYRILLIC = re.compile("[\u0400-\u04ff]")

# Which languages write with each script (langdetect's codes).
_SCRIPT_LANGS: dict[str, tuple[str, ...]] = {
    "LATIN": tuple(
        "af ca cs cy da de en es et fi fr hr hu id it lt lv nl no pl pt ro sk sl so sq "
        "sv sw tl tr vi".split()
    ),
    "CYRILLIC": ("bg", "mk", "ru", "uk"),
    "GREEK": ("el",),
    "ARABIC": ("ar", "fa", "ur"),
    "HEBREW": ("he",),
    "DEVANAGARI": ("hi", "mr", "ne"),
    "BENGALI": ("bn",),
    "GURMUKHI": ("pa",),
    "GUJARATI": ("gu",),
    "TAMIL": ("ta",),
    "TELUGU": ("te",),
    "KANNADA": ("kn",),
    "MALAYALAM": ("ml",),
    "THAI": ("th",),
    "HANGUL": ("ko",),
    "KANA": ("ja",),
    "HAN": ("zh-cn", "zh-tw", "ja"),
}

# Scoring constants. _WORD_WEIGHT and `detect_scores.WORD_FLOOR` were picked by a small
# grid search on half of the evaluation set (langid.jsonl) and checked on the other half
# (the word-list constants are in toolkit.detect_scores). The temperature was set so that
# confidence roughly tracks accuracy on short text.
_WORD_WEIGHT = 3.0  # one word's log-frequency vs. its n-grams' log-likelihood ratios
_HAN_WEIGHT = 1.0
_TEMPERATURE = 4.0  # n-gram log-likelihoods overcount evidence (overlapping n-grams)
_MAX_CANDIDATES = 3
_MAX_CHARS = 20_000  # like langdetect (10,000), look at the start of very long texts only
_MIN_CANDIDATE_PROB = 0.01
# A close neighbour named by the second stage takes up to this share of the first
# stage's confidence (below one half, so the first stage's answer stays first).
_NEIGHBOUR_SHARE = 0.4
_COLUMNS: dict[tuple[str, ...], np.ndarray] = {}  # `_columns`: script's languages -> columns


@dataclass(frozen=True)
class Detection:
    """The language of a text: ISO 639-1 code (or "und"), confidence 0..1, runners-up."""

    lang: str
    confidence: float
    candidates: list[tuple[str, float]] = field(default_factory=list)

    @property
    def language_confidence(self) -> float:
        """The confidence that the text is in `lang`'s language, whichever of its standards:
        `confidence` plus the runners-up that are other standards of it
        (`toolkit.langs.same_language`): "hr 0.38, sl 0.38, bs 0.11, sr 0.11" is 0.6.
        What a stage that treats the standards alike trusts (`toolkit.repair`'s
        conventions, shared by Croatian, Bosnian and Serbian)."""
        others = sum(p for code, p in self.candidates if same_language(code, self.lang))
        return min(1.0, self.confidence + others) if self.lang != UNDETERMINED else 0.0


@dataclass(frozen=True)
class LanguageSpan:
    """A stretch of a text (offsets into it) and its detected language."""

    start: int
    end: int
    lang: str
    confidence: float


def detect(text: str, *, config: Config | None = None) -> Detection:
    """Detect the language of `text` (deterministic: same text, same answer).

    Only the first 20,000 characters are read (use `detect_spans` for long, mixed
    documents); control characters, HTML tags and web and mail addresses are not
    evidence, and fullwidth or styled letters count as the letters they style. Returns
    ``Detection("und", 0.0)`` when there is nothing to detect (no letters) or the
    letters belong to a script none of the known languages uses. With
    ``detect.min_confidence`` set (`config`, default `Config.load()`), a best guess below
    it is reported as "und" too, its guesses kept in `candidates`.
    """
    config = require_config(config, "detect()") or Config.load()
    ranked = _rank(require_text(text, "detect()"))
    if not ranked:
        return Detection(UNDETERMINED, 0.0)
    (lang, confidence), rest = ranked[0], ranked[1:]
    if confidence < config.detect.min_confidence:
        return Detection(UNDETERMINED, confidence, ranked[:_MAX_CANDIDATES])
    return Detection(lang, confidence, rest[:_MAX_CANDIDATES])


def detect_spans(
    text: str, *, per_sentence: bool = False, config: Config | None = None
) -> list[LanguageSpan]:
    """The language of each paragraph (or each sentence) of `text`, in order.

    Offsets point into `text`. Paragraphs are never merged; with `per_sentence`, adjacent
    sentences of one paragraph in the same language, or in standards of one language
    (Croatian, Bosnian, Serbian; Malay, Indonesian), are merged into one span (and that
    span's language standard and confidence are the detection of the merged text). A
    stretch with no sentence end longer than `config.limits.max_sentence_chars` is
    detected in pieces.
    """
    require_text(text, "detect_spans()")
    config = require_config(config, "detect_spans()") or Config.load()
    spans: list[LanguageSpan] = []
    for para in paragraphs(text):
        if not per_sentence:
            found = detect(para.text, config=config)
            spans.append(LanguageSpan(para.start, para.end, found.lang, found.confidence))
            continue
        spans.extend(_sentence_runs(text, para, config))
    return spans


def _sentence_runs(text: str, para: Span, config: Config | None) -> list[LanguageSpan]:
    """The sentences of one paragraph, adjacent ones of one language merged.

    Standards of one language (`toolkit.langs.same_language`: a Bosnian article's
    sentences read as hr, bs or sr one by one) are one run too, and the run is the
    standard its whole text is read as: the words that tell them apart add up.
    A merged run is detected once, when it closes, so each character is scored at most
    twice (alone and in its run): linear however many sentences a run holds.
    """
    runs: list[tuple[int, int, str, float, int]] = []  # start, end, lang, confidence, count
    limit = config.limits.max_sentence_chars if config is not None else MAX_SENTENCE_CHARS
    seen: dict[str, Detection] = {}  # a repeated sentence is detected once
    for sent in sentences(text, para.start, para.end, max_chars=limit):
        found = seen.get(sent.text) or seen.setdefault(sent.text, detect(sent.text, config=config))
        if runs and same_language(runs[-1][2], found.lang):
            start, _, lang, confidence, count = runs[-1]
            runs[-1] = (start, sent.end, lang, confidence, count + 1)
        else:
            runs.append((sent.start, sent.end, found.lang, found.confidence, 1))
    merged = []
    for start, end, lang, confidence, count in runs:
        if count > 1:
            whole = detect(text[start:end], config=config)
            confidence = whole.confidence
            if same_language(whole.lang, lang):
                lang = whole.lang
        merged.append(LanguageSpan(start, end, lang, confidence))
    return merged


# ----------------------------------------------------------------------------- scoring


def _rank(text: str) -> list[tuple[str, float]]:
    """Reported languages with probabilities, best first; empty when undetermined."""
    from toolkit.detect_data import SCRIPTS

    model = load_model()
    # NFKC: fullwidth Latin ("ｔｈｅ") and styled letters ("𝐛𝐨𝐥𝐝") are the letters they style
    text = unicodedata.normalize("NFKC", text[:_MAX_CHARS])
    text = _MAIL.sub(" ", _URL.sub(" ", _TAGS.sub(" ", _CONTROLS.sub(" ", text))))
    if not text or text.translate(model.word_sep).isspace():
        return []  # no letters (".", "!!!", "2024."): skip the script count's fixed cost
    script = _dominant_script(text, model.data.script_table)
    if script is None:
        return []
    name = SCRIPTS[script]
    if name in UNIQUE_SCRIPTS:
        return [(UNIQUE_SCRIPTS[name], 1.0)]
    langs = _SCRIPT_LANGS.get(name)
    if langs is None:
        return []
    if name == "CYRILLIC" and _ASCII_LETTER.search(text):
        text = _LETTERS_RUN.sub(_cyrillic_lookalikes, text)
    ranked = _first_stage(text, name, langs, model)
    opinion = second_opinion(text, name, ranked[0][0] if ranked else "")
    return ranked if opinion is None else _with_second_opinion(ranked, opinion, name)


def _cyrillic_lookalikes(word: re.Match[str]) -> str:
    """A word of Cyrillic-script text, its Latin lookalikes made Cyrillic when it also has
    Cyrillic letters or is lowercase lookalikes only (`_TO_CYRILLIC`). Every run of letters
    comes here (a pattern for "a word with a Latin letter" would backtrack over long runs)."""
    text = word.group()
    if _LOOKALIKES_ONLY.fullmatch(text) or (
        _ASCII_LETTER.search(text) and _HAS_CYRILLIC.search(text)
    ):
        return text.translate(_TO_CYRILLIC)
    return text


def _first_stage(
    text: str, name: str, langs: tuple[str, ...], model: Model
) -> list[tuple[str, float]]:
    """langdetect's languages in this script, scored by n-grams and words."""
    if len(langs) == 1:
        return [(_REPORTED.get(langs[0], langs[0]), 1.0)]
    cols = _columns(langs, model)
    if name != "LATIN":
        text = text.translate(_LATIN_LETTERS)
    scores = ngram_scores(text, model, cols)
    scores = scores + _WORD_WEIGHT * word_scores(text, model, cols)
    if name == "HAN":
        scores = scores + _HAN_WEIGHT * han_scores(text, model, langs)
    return _probabilities(scores, langs)


def _columns(langs: tuple[str, ...], model: Model) -> np.ndarray:
    """The model's columns of `langs` (one array per script, made once)."""
    cols = _COLUMNS.get(langs)
    if cols is None:
        cols = _COLUMNS.setdefault(langs, np.array([model.column[lang] for lang in langs]))
    return cols


def _with_second_opinion(
    ranked: list[tuple[str, float]], opinion: Opinion, script: str
) -> list[tuple[str, float]]:
    """Merge CLD3's answer (an added language or a close neighbour) into the ranking.

    An added language (or a weak first-stage one: `FIRST_STAGE_WEAK`) CLD3 is sure of
    wins with CLD3's probability, the first stage's ranking kept below it in the
    remaining mass. An answer told from one other language by the text's words (Xhosa
    or Zulu, Malay or Indonesian, Bosnian or Serbian) comes with that one as the only
    runner-up; one the words decide alone (Bosnian or Serbian, not Croatian) wins.
    Otherwise a close neighbour (a less certain ps for fa; Bosnian and Serbian
    for Croatian without a word only Croatian writes) only takes a share of the first
    stage's confidence, never so much that the first stage's own runner-up goes above
    its answer: the close call shows as a runner-up.
    """
    code, prob, decides, runner_up, neighbours = opinion
    (top, top_prob), rest = ranked[0], ranked[1:]
    if runner_up is not None:
        merged = [(code, prob), (runner_up, 1.0 - prob)]
    elif decides or (code in TAKEN[script] and prob >= min_probability(script, code)):
        merged = [(code, prob), *((lang, p * (1.0 - prob)) for lang, p in ranked)]
    elif (neighbours and code == top) or code in NEIGHBOURS.get(script, {}).get(top, ()):
        names = neighbours or (code,)
        # the share never puts the first stage's runner-up above its answer
        share = min(top_prob * prob * _NEIGHBOUR_SHARE, top_prob - (rest[0][1] if rest else 0.0))
        merged = [(top, top_prob - share), *((name, share / len(names)) for name in names), *rest]
    else:
        return ranked
    merged.sort(key=lambda item: -item[1])
    return [(lang, round(p, 4)) for lang, p in merged if p >= _MIN_CANDIDATE_PROB]


def _dominant_script(text: str, table: bytes) -> int | None:
    """Index (in SCRIPTS) of the script most letters use; kana wins over Han."""
    from toolkit.detect_data import SCRIPTS

    if text.isascii():  # the only ASCII letters are Latin ones (a common case: skip counting)
        return SCRIPTS.index("LATIN") if _ASCII_LETTER.search(text) else None
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    bmp = codes[codes < 0x10000]
    counts = np.bincount(np.frombuffer(table, np.uint8)[bmp], minlength=len(SCRIPTS))
    counts[SCRIPTS.index("HAN")] += np.count_nonzero((codes >= 0x20000) & (codes < 0x40000))
    counts[0] = 0
    if not counts.any():
        return None
    kana, han = SCRIPTS.index("KANA"), SCRIPTS.index("HAN")
    if counts[kana]:
        counts[kana] += counts[han]
        counts[han] = 0
    return int(np.argmax(counts))


def _probabilities(scores: np.ndarray, langs: tuple[str, ...]) -> list[tuple[str, float]]:
    """Softmax of the scores, merged per reported code; best first, then those >= 1%."""
    logits = scores.astype(np.float64) / _TEMPERATURE
    probs = np.exp(logits - logits.max())
    probs /= probs.sum()
    merged: dict[str, float] = {}
    for lang, prob in zip(langs, probs.tolist(), strict=True):
        code = _REPORTED.get(lang, lang)
        merged[code] = merged.get(code, 0.0) + prob
    # The best has at least 1/len(langs) >= 1%, so filtering before sorting keeps it.
    kept = [item for item in merged.items() if item[1] >= _MIN_CANDIDATE_PROB]
    kept.sort(key=lambda item: (-item[1], item[0]))
    return [(lang, round(prob, 4)) for lang, prob in kept]


make_callable(__name__, detect)
