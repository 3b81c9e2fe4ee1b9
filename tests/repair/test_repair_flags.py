"""The flag checks: suspect spans reported, never changed."""

from __future__ import annotations

import sys
import types

import pytest

from toolkit.repair import repair


def flags(text: str, lang: str, rule: str) -> list[str]:
    result = repair(text, lang)
    assert all(result.text[f.start : f.end] == f.text for f in result.flags)
    return [f.text for f in result.flags if f.rule == rule]


# --- unbalanced quotes and brackets -----


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("“Our message is clear, he said.", "en", ["“"]),
        ("He said it was clear” and left.", "en", ["”"]),
        ('Il a dit "non et il est parti.', "fr", ['"']),
        ("Он сказал «нет и ушёл.", "ru", ["«"]),
        ("Er sagte „nein und ging.", "de", ["„"]),
    ],
)
def test_unbalanced_quotes_are_flagged(text, lang, expected):
    assert flags(text, lang, "unbalanced_quotes") == expected
    assert repair(text, lang).text == text


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("“We stay,” he said. „Ja“, sagte sie. «Да», ответил он.", "en"),
        ("„Wir bleiben“, sagte er.", "de"),
        ("Il a parlé d’un «\u00a0trésor\u00a0».", "fr"),
        ("他说：“我们会赢。”", "zh"),
        ("قال: «سنبقى».", "ar"),
        # a quotation that goes on in the next paragraph, news style
        ("“We will stay.\n\n“And we will win,” he said.", "en"),
    ],
)
def test_balanced_quotes_are_not_flagged(text, lang):
    assert flags(text, lang, "unbalanced_quotes") == []


def test_unbalanced_brackets_are_flagged_but_list_markers_are_not():
    assert flags("The ministry (MoD said on Monday.", "en", "unbalanced_brackets") == ["("]
    assert flags("It rose] sharply.", "en", "unbalanced_brackets") == ["]"]
    assert flags("1) first\n2) second\n(a note)", "en", "unbalanced_brackets") == []


# --- second person -----


def test_second_person_in_reported_text_is_flagged(seed_text):
    assert flags(seed_text, "en", "second_person") == ["your"]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("The rebels are keeping your commitments.", "en", ["your"]),
        ("Les rebelles tiennent vos engagements.", "fr", ["vos"]),
        ("Die Rebellen halten deine Zusagen ein.", "de", ["deine"]),
        ("Los rebeldes cumplen vuestros compromisos.", "es", ["vuestros"]),
        ("Повстанцы выполняют ваши обязательства.", "ru", ["ваши"]),
    ],
)
def test_second_person_outside_quotes_is_flagged(text, lang, expected):
    assert flags(text, lang, "second_person") == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("“It is not in your interest,” the Taliban said.", "en"),
        ("« Ce n’est pas dans votre intérêt », a dit le ministre.", "fr"),
        ("„Das ist nicht in eurem Interesse“, sagte er.", "de"),
        # text that addresses its reader throughout is not reported speech
        ("Talk to your adviser. Prepare your documents. Tell your family what you want.", "en"),
        ("Ihr Vertrag endet, sagte die Firma.", "de"),  # capitalised Ihr: formal "your"/"her"
        ("The rebels are keeping their commitments.", "en"),
        ("他们正在履行你们的承诺。", "zh"),  # no word list for this language: nothing to say
    ],
)
def test_second_person_in_quotes_or_advice_is_not_flagged(text, lang):
    assert flags(text, lang, "second_person") == []


# --- garbled negation -----


def test_garbled_negation_is_flagged(seed_text):
    assert flags(seed_text, "en", "garbled_negation") == ["neither in your interest, neither"]
    assert flags("Das ist weder gut, weder schlecht.", "de", "garbled_negation") == [
        "weder gut, weder"
    ]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("It is neither in your interest nor in ours.", "en"),
        ("Neither side won. Neither side lost.", "en"),  # two sentences
        ("Ce n’est ni dans votre intérêt, ni dans le nôtre.", "fr"),  # correct in French
        ("Das ist weder gut noch schlecht.", "de"),
    ],
)
def test_correct_negation_is_not_flagged(text, lang):
    assert flags(text, lang, "garbled_negation") == []


# --- doubled words the rule would not remove -----


def test_grammatical_doubles_are_flagged_not_fixed():
    result = repair("By then he had had enough.", "en")
    assert result.edits == []
    assert [(f.rule, f.text) for f in result.flags] == [("doubled_word", "had had")]
    assert flags("بهرني اوسیدونکي به به انګلستان کې", "ps", "doubled_word") == ["به به"]


# --- other language -----


def _fake_detect(monkeypatch, decide):
    module = types.ModuleType("toolkit.detect")
    module.detect = lambda text, *, config=None: decide(text)
    monkeypatch.setitem(sys.modules, "toolkit.detect", module)


class _Found:
    def __init__(self, lang: str, confidence: float) -> None:
        self.lang, self.confidence, self.candidates = lang, confidence, [(lang, confidence)]


def test_sentence_in_another_language_is_flagged(monkeypatch):
    _fake_detect(monkeypatch, lambda t: _Found("fr" if t.startswith("Le ") else "en", 0.99))
    text = (
        "The ministry denied the reports on Tuesday evening. "
        "Le gouvernement a démenti ces informations mardi soir. "
        "Officials said talks would go on."
    )
    found = repair(text, "en").flags
    assert [(f.rule, f.text) for f in found] == [
        ("other_language", "Le gouvernement a démenti ces informations mardi soir.")
    ]


def test_language_check_needs_confidence_length_and_a_document(monkeypatch):
    _fake_detect(monkeypatch, lambda t: _Found("fr", 0.6))
    text = "The ministry denied the reports on Tuesday evening. Officials said talks go on."
    assert flags(text, "en", "other_language") == []
    _fake_detect(monkeypatch, lambda t: _Found("fr", 0.99))
    assert (
        flags("Le gouvernement a démenti ces informations mardi soir.", "en", "other_language")
        == []
    )
    assert flags("Oui. Non. Peut-être.", "en", "other_language") == []


@pytest.mark.parametrize(("document", "sentence"), [("id", "ms"), ("ms", "id"), ("hr", "sr")])
def test_another_standard_of_the_language_is_no_leftover(monkeypatch, document, sentence):
    text = (
        "Kementerian menafikan laporan itu pada petang Selasa lalu di ibu kota. "
        "Para pegawai berkata rundingan akan diteruskan minggu depan di sana."
    )
    _fake_detect(monkeypatch, lambda t: _Found(document if len(t) > 100 else sentence, 0.99))
    assert flags(text, document, "other_language") == []


def test_language_check_with_the_real_detector():
    text = (
        "The ministry denied the reports on Tuesday evening. "
        "Le gouvernement a démenti ces informations mardi soir. "
        "Officials said the talks would go on next week."
    )
    result = repair(text)
    assert result.lang == "en"
    assert [(f.rule, f.text) for f in result.flags] == [
        ("other_language", "Le gouvernement a démenti ces informations mardi soir.")
    ]
    mixed = "他说，Ballynagard Crescent 和 Bob Blemmings 昨天到了。这座建筑的大门遭到严重损坏。"
    assert flags(mixed, "zh", "other_language") == []


def test_language_check_skips_languages_the_detector_cannot_see():
    # NTREX Pashto: the detector has no Pashto model and reads it as Persian
    text = (
        "د سنت مارتین د کلیسا زنګونه هغه مهال بند شول کله چې په هارلیم کې کلیساوې له ستونزو "
        "سره لاس او ګریوان وې. دا سړک د هرلیم د خرڅلاوو اصلي سړک وو او د دې بایکوټ موخه په دې "
        "بازار کې د تورپوستو په کار ګومارل وو."
    )
    assert flags(text, "ps", "other_language") == []


def test_lone_straight_quote_that_may_be_a_misplaced_closer_is_flagged_not_moved():
    # No speech verb after the name: an opening quote as likely as a misplaced closer.
    # (', "Mr. Albence said.' is an attribution and is now moved: test_repair_rules.py.)
    text = 'So we are continuing to pursue those individuals, "Mr. Albence will decide.'
    result = repair(text, "en")
    assert result.text == text  # could be an opening quote: not sure, so no edit
    [flag] = [f for f in result.flags if f.rule == "unbalanced_quotes"]
    assert flag.text == '"' and text[flag.start - 2 : flag.end + 2] == ', "Mr'
    assert "its space belongs after it" in flag.reason


def test_a_stretch_over_the_sentence_budget_is_flagged_and_kept_whole():
    from toolkit.config import Config

    config = Config()
    config.set("limits.max_sentence_chars", 500)
    run_on = "Talks" + " ".join(f"talks{i}" for i in range(300)) + " "  # 2,090 characters, no end
    text = f"The minister spoke. {run_on}and ended. Rain fell."
    result = repair(text, "en", config=config)
    long = [f for f in result.flags if f.rule == "long_sentence"]
    assert len(long) == 1
    assert long[0].text.startswith("Talkstalks0 talks1") and long[0].text.endswith("ended.")
    assert "max_sentence_chars" in long[0].reason
    assert result.text == text  # read in pieces, nothing changed or dropped
    assert not [f for f in repair(text, "en").flags if f.rule == "long_sentence"]


def test_the_sentence_budget_is_checked_like_every_setting():
    from toolkit.config import Config
    from toolkit.errors import ConfigError

    with pytest.raises(ConfigError, match=r"limits\.max_sentence_chars"):
        Config.load(search_default_files=False, env={"TOOLKIT_LIMITS_MAX_SENTENCE_CHARS": "5"})
    config = Config.load(
        search_default_files=False, env={"TOOLKIT_LIMITS_MAX_SENTENCE_CHARS": "800"}
    )
    assert config.limits.max_sentence_chars == 800
