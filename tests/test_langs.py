"""Language codes: one set of rules for every command (`toolkit.langs`)."""

from __future__ import annotations

import pytest
from cli_helpers import assert_clean_error, run_cli

from toolkit.errors import InputTypeError, UnsupportedLanguageError
from toolkit.langs import normalize, same_language, source_language, variant
from toolkit.repair import repair


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", "en"),
        ("EN", "en"),
        (" es ", "es"),
        ("eng", "en"),
        ("pt-BR", "pt"),
        ("pt_br", "pt"),
        ("zh-Hant", "zh"),
        ("ZH-hant-TW", "zh"),
        ("iw", "he"),
        ("yue", "yue"),
        ("tlh", "tlh"),  # Klingon is a language; no model knows it, which is another error
    ],
)
def test_accepted_codes(code, expected):
    assert normalize(code) == expected


@pytest.mark.parametrize(
    ("code", "fragment"),
    [
        ("xx", "unknown language code"),
        ("12", "unknown language code"),
        ("", "empty"),
        ("und", "not a specific language"),
        ("mul", "not a specific language"),
        ("zxx", "not a specific language"),
        ("auto", "not a specific language"),
        ("qaa", "not a specific language"),
        ("x-newsroom", "not a specific language"),
    ],
)
def test_refused_codes(code, fragment):
    with pytest.raises(UnsupportedLanguageError, match=fragment):
        normalize(code)


def test_a_language_name_is_refused_with_its_code_in_the_hint():
    with pytest.raises(UnsupportedLanguageError) as caught:
        normalize("english")
    assert "did you mean 'en'" in caught.value.one_line()


@pytest.mark.parametrize("code", [None, 5, b"en"])
def test_a_code_that_is_not_a_string_is_a_type_error(code):
    with pytest.raises(TypeError):
        normalize(code)
    with pytest.raises(InputTypeError):
        normalize(code)


def test_auto_and_variants():
    assert source_language(None) is None
    assert source_language("AUTO") is None
    assert source_language("pt-BR") == "pt"
    assert variant("zh-Hant") == "Hant"
    assert variant("pt-BR") == "BR"
    assert variant("es") is None


def test_repair_accepts_auto_and_und_and_refuses_private_use():
    text = "The minister said the plan starts next week ."
    assert repair(text, "auto").lang == "en"
    assert repair(text, "und").lang == "und"
    with pytest.raises(UnsupportedLanguageError):
        repair(text, "qaa")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["repair", "-", "--lang", "x-foo"], "not a specific language"),
        (["repair", "-", "--lang", "english"], "did you mean 'en'"),
        (["translate", "-", "--to", "english"], "did you mean 'en'"),
        (["translate", "-", "--to", "auto"], "not a specific language"),
        (["translate", "-", "--to", "qaa"], "not a specific language"),
        (["translate", "-", "--to", "es", "--from", ""], "empty language code"),
        (["translate", "-", "--to", "es", "--from", "xx"], "unknown language code"),
    ],
)
def test_cli_bad_codes_exit_4(args, fragment, capsys):
    result = run_cli(args, stdin="The minister spoke today.", capsys=capsys)
    assert_clean_error(result, 4, fragment)


def test_translating_into_a_script_variant_warns(tmp_path, tiny_marian):
    """zh-Hant/pt-BR go to the base language's model; the result must say so."""
    from toolkit.config import Config
    from toolkit.translate import Translator

    config = Config.load(search_default_files=False)
    config.set("translate.models", {"en-es": str(tiny_marian)})
    config.set("translate.cache", False)
    config.set("translate.threads", 1)
    config.set("translate.max_new_tokens_ratio", 0.5)
    with Translator(config) as translator:
        plain = translator.translate("The minister spoke today.", "es", src="en")
        regional = translator.translate("The minister spoke today.", "es-MX", src="auto")
    assert regional.tgt == "es"
    assert not any("MX" in w for w in plain.warnings)
    assert any("es-MX" in w and "may not be MX" in w for w in regional.warnings)


def test_standards_of_one_language():
    assert same_language("ms", "id") and same_language("id", "ms")
    assert same_language("sr", "hr") and same_language("bs", "sr") and same_language("en", "en")
    assert not same_language("ms", "hr") and not same_language("da", "nb")
    assert not same_language("fa", "ps")  # close in script, not one language
