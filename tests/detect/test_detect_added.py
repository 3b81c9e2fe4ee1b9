"""Languages langdetect lacks: the second stage (CLD3) and scripts one language writes.

The sentences are the held-out ones of benchmarks/data/langid_added.jsonl (lingua-py's
Leipzig test sentences and the Universal Declaration of Human Rights; see the README
there): none of them was used to set the detector's constants.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from toolkit.detect import detect
from toolkit.detect_extra import ADDED, UNIQUE_SCRIPTS

DATA = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "langid_added.jsonl"


def _held_out() -> dict[str, list[str]]:
    by_lang: dict[str, list[str]] = defaultdict(list)
    for line in DATA.open(encoding="utf-8"):
        row = json.loads(line)
        by_lang[row["lang"]].append(row["text"])
    return by_lang


HELD_OUT = _held_out()
# The issue's list (bs comes out only as a close-call runner-up, ms too unless Malaysian-only
# words decide: see test_close_calls_*).
REQUIRED = "ps ur sr am ha ig zu xh so sw my km lo ka hy mn kk uz az si ku ky tg be".split()
# Below 90% today (docs/detect.md's figures; the others are guarded at 90% here): bs, ms
# (close calls), sr (most Latin script is read as hr), yo, la, eu.
BELOW = {"bs", "ms", "sr", "yo", "la", "eu"}
AT_90_OR_MORE = sorted(lang for lang in HELD_OUT if lang not in BELOW)


def _accuracy(lang: str) -> float:
    texts = HELD_OUT[lang]
    return sum(detect(text).lang == lang for text in texts) / len(texts)


@pytest.mark.parametrize("lang", AT_90_OR_MORE)
def test_added_language_on_held_out_sentences(lang):
    assert _accuracy(lang) >= 0.9, lang


def test_serbian_in_cyrillic_script_is_sr():
    cyrillic = [t for t in HELD_OUT["sr"] if any("\u0400" <= ch <= "\u04ff" for ch in t)]
    assert len(cyrillic) >= 50
    assert sum(detect(t).lang == "sr" for t in cyrillic) / len(cyrillic) >= 0.9


def test_at_least_100_languages_and_the_issue_list():
    from toolkit.detect import _SCRIPT_LANGS

    first_stage = {
        {"no": "nb", "zh-cn": "zh", "zh-tw": "zh"}.get(lang, lang)
        for langs in _SCRIPT_LANGS.values()
        for lang in langs
    }
    known = first_stage | set(UNIQUE_SCRIPTS.values()) | set().union(*ADDED.values())
    assert len(known) >= 100
    assert set(REQUIRED) <= known
    for lang in REQUIRED:  # each one measured (the held-out set covers all but ur, so, sw)
        assert lang in HELD_OUT or lang in {"ur", "so", "sw"}, lang


def test_scripts_of_one_language_decide():
    assert detect("საქართველოს მთავრობა").lang == "ka"
    assert detect("Հայաստանի կառավարություն").lang == "hy"
    assert detect("ኢትዮጵያ").lang == "am"


def test_close_calls_report_the_neighbour_with_lower_confidence():
    # Bosnian next to Croatian, Malay next to Indonesian: at least some sentences must come
    # out as a visible close call (neighbour among the runners-up, confidence below 0.9)
    # rather than a confident single answer. Bosnian is the answer only where its words
    # say so (toolkit.detect_serbian), and Croatian next to it is below 0.9; Malay or
    # Indonesian is what the words say, with the probability of one against the other
    # (toolkit.detect_malay): the two add up to 1.
    for lang, neighbour in (("bs", "hr"), ("ms", "id")):
        close = 0
        for text in HELD_OUT[lang]:
            found = detect(text)
            names = [found.lang] + [code for code, _ in found.candidates]
            if lang == "ms" and found.lang in ("ms", "id"):
                runner_up = dict(found.candidates).get("ms" if found.lang == "id" else "id", 0.0)
                assert len(found.candidates) <= 1, text
                assert found.confidence + runner_up == pytest.approx(1.0, abs=0.011)
            else:
                assert found.lang != lang or found.confidence <= 0.9, text
            if lang in names and neighbour in names:
                assert lang == "ms" or found.lang == lang or found.confidence < 0.9
                close += found.confidence < 0.9
        assert close >= 10, lang


def test_pashto_and_persian_are_told_apart():
    assert detect(HELD_OUT["ps"][0]).lang == "ps"
    # Short: below the second stage's length, a letter only Pashto writes (ښ) decides,
    # with the Persian reading kept as a runner-up.
    short = detect("ښه راغلاست")
    assert short.lang == "ps" and short.confidence < 1.0
    assert detect("دولت دیروز اعلام کرد که مدرسه جدید سال آینده افتتاح می‌شود.").lang == "fa"


def test_second_stage_is_deterministic_and_short_text_stays_first_stage():
    text = HELD_OUT["ha"][0]
    assert detect(text) == detect(text)
    # Below the second stage's minimum length only the first stage answers.
    assert detect("banco").lang in {"es", "pt", "it"}


def test_import_toolkit_does_not_import_the_second_stage_package():
    code = "import sys, toolkit; print('gcld3' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("text", "lang"),
    [  # short sentences (below the second stage's length) written with a letter that, in
        # its script here, only that language writes (hand-written, not from the eval data)
        ("Þetta er gott.", "is"),
        ("Я ўсё ведаю.", "be"),
        ("Би өнөөдөр ирнэ.", "mn"),
        ("Ман ҳам меравам.", "tg"),
        ("Бұл әдемі қала.", "kk"),
    ],
)
def test_a_letter_only_one_added_language_writes_decides_short_text(text, lang):
    found = detect(text)
    assert found.lang == lang and found.confidence < 1.0


def test_a_letter_inside_a_word_of_misdecoded_turkish_is_not_icelandic():
    # cp1254 Turkish read as cp1252: ş -> þ, ğ -> ð inside words; Icelandic þ starts one
    assert detect("gerçekleþtirir yüksek").lang != "is"


def test_croatian_news_is_never_read_as_serbian_or_bosnian_by_words():
    # benchmarks/data/ntrex_langid_heldout.jsonl: 100 held-out NTREX-128 sentences per
    # language. Serbian and Bosnian words (toolkit.detect_serbian) must not take Croatian's
    # answer; on that sample, they decide some of the Bosnian and Serbian ones.
    rows = [
        json.loads(line)
        for line in (DATA.parent / "ntrex_langid_heldout.jsonl").open(encoding="utf-8")
    ]
    found = {
        lang: [detect(r["text"]).lang for r in rows if r["ntrex"] == code]
        for lang, code in (("hr", "hrv"), ("bs", "bos"), ("sr", "srp-Latn"))
    }
    assert len(found["hr"]) == 100 and found["hr"].count("hr") >= 99
    assert found["bs"].count("bs") >= 15 and found["sr"].count("sr") >= 50
