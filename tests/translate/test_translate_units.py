"""Translation building blocks that need no model: segmentation, splitting, batching,
checks, language codes, the model registry and the memory's keys."""

from __future__ import annotations

import pytest

from toolkit.config import Config
from toolkit.errors import ConfigError, UnsupportedLanguageError
from toolkit.langs import normalize
from toolkit.translate import checks, registry
from toolkit.translate.memory import normalize as memory_key
from toolkit.translate.segment import join_pieces, plan_batches, split_long, units


def word_count(sentences):
    return [len(s.split()) + 1 for s in sentences]


def test_units_keep_layout_out_of_the_sentences():
    doc = (
        "  # Big news headline\n\n"
        "The minister spoke on Monday. Officials warned of sanctions.\n"
        "By Jane Doe\nReuters\n\n"
        "- first item.\n- second item that\n  continues here.\n"
        "1. Numbered one.\n2) Numbered two!\n\n"
        "> Quoted text. More quote.\n\n***\n\n2024\n\nNo final punctuation\n  "
    )
    found = [u.text for u in units(doc)]
    assert found == [
        "Big news headline",
        "The minister spoke on Monday.",
        "Officials warned of sanctions.",
        "By Jane Doe",
        "Reuters",
        "first item.",
        "second item that\n  continues here.",
        "Numbered one.",
        "Numbered two!",
        "Quoted text.",
        "More quote.",
        "No final punctuation",
    ]
    assert all(doc[u.start : u.end] == u.text for u in units(doc))


def test_split_long_prefers_clauses_and_keeps_every_word():
    sentence = (
        "The talks resumed on Monday; officials said the agreement, which took months, "
        "would cover wages and prices, but unions and employers still disagree on taxes."
    )
    pieces = split_long(sentence, word_count, 10)
    assert max(word_count(pieces)) <= 10
    assert " ".join(pieces).split() == sentence.split()
    assert pieces[0] == "The talks resumed on Monday;"


def test_split_long_last_resort_windows():
    words = " ".join(f"w{i}" for i in range(50))
    pieces = split_long(words, word_count, 8)
    assert max(word_count(pieces)) <= 8 and " ".join(pieces) == words
    cjk = "这是一个很长的句子没有任何标点符号也没有空格" * 3
    pieces = split_long(cjk, lambda ss: [len(s) for s in ss], 10)
    assert max(len(p) for p in pieces) <= 10 and "".join(pieces) == cjk
    assert join_pieces(pieces, "zh") == cjk
    assert split_long("short one", word_count, 10) == ["short one"]


def test_plan_batches_sorted_and_within_budget():
    lengths = [5, 3, 10, 2, 8, 8, 1, 40]
    batches = plan_batches(lengths, 20)
    assert sorted(i for batch in batches for i in batch) == list(range(len(lengths)))
    for batch in batches:
        cost = len(batch) * max(lengths[i] for i in batch)
        assert cost <= 20 or len(batch) == 1
    flat = [lengths[i] for batch in batches for i in batch]
    assert flat == sorted(flat)


def test_checks_flag_drops_loops_and_respect_dense_scripts():
    source = "The minister said on Monday that talks would resume next week."
    fine = "El ministro dijo que las negociaciones."
    assert checks.check_sentence(source, fine, "en", "es") == []
    assert checks.check_sentence(source, "", "en", "es") == [checks.EMPTY]
    assert checks.SHORT in checks.check_sentence(source, "El.", "en", "es")
    looping = "El ministro dijo " + "que que que que que que que que que que que " * 3
    assert checks.REPEATED in checks.check_sentence(source, looping, "en", "es")
    assert checks.LONG in checks.check_sentence(source, "palabra " * 80, "en", "es")
    assert checks.check_sentence(source, "部长周一表示，谈判将于下周恢复。", "en", "zh") == []
    warnings = checks.summarize([[checks.SHORT], [], [checks.SHORT, checks.REPEATED]], 3)
    assert warnings[0].startswith("2 of 3 sentences: output much shorter")
    assert "(sentences 1, 3)" in warnings[0]


def test_repetition_prefilter_agrees_with_the_regex():
    # The trigram prefilter may only skip texts the regex would not match: compare both on
    # random texts over small alphabets (where repeats are common) and on planted loops.
    import random

    rng = random.Random(7)
    texts = ["", "ab", "abcabcabcabc", "abcabcabc", "x" * 5000, ("ab c" * 30)[:-1]]
    for _ in range(3000):
        alphabet = rng.choice(["ab", "abc", "ab ", "abcdefgh", "ab cd.ef"])
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 120)))
        if rng.random() < 0.3:  # plant a unit repeated 3-5 times inside it
            unit = text[: rng.randint(3, 12)] or "abc"
            cut = rng.randint(0, len(text))
            text = text[:cut] + unit * rng.randint(3, 5) + text[cut:]
        texts.append(text)
    matches = 0
    for text in texts:
        expected = checks._REPEAT.search(text) is not None
        assert checks._repeats(text) == expected, text
        matches += expected
    assert 0.1 * len(texts) < matches < 0.9 * len(texts)  # both outcomes well exercised


@pytest.mark.parametrize(
    ("code", "expected"),
    [("ES", "es"), ("spa", "es"), ("pt-BR", "pt"), ("pt_BR", "pt"), ("zho", "zh"), ("iw", "he")],
)
def test_language_codes_normalize(code, expected):
    assert normalize(code) == expected


@pytest.mark.parametrize("code", ["xx", "zz", "", "und", "Spanish", "12"])
def test_unknown_language_codes_raise(code):
    with pytest.raises(UnsupportedLanguageError):
        normalize(code)


def settings(**values):
    config = Config.load(search_default_files=False)
    for key, value in values.items():
        config.set(f"translate.{key}", value)
    return config.translate


def test_registry_prefers_direct_then_pivot_then_fallback():
    direct, pivot, *_more_pivots, fallback = registry.routes("es", "de", settings())
    assert (direct.kind, direct.models) == ("opus-mt", ["Helsinki-NLP/opus-mt-es-de"])
    assert pivot.models == ["Helsinki-NLP/opus-mt-es-en", "Helsinki-NLP/opus-mt-en-de"]
    assert [(leg.src, leg.tgt) for leg in pivot.legs] == [("es", "en"), ("en", "de")]
    assert (fallback.kind, fallback.models) == ("fallback", ["facebook/m2m100_418M"])


def test_registry_multi_target_pivot_and_m2m100_only_pairs():
    routes = registry.routes("de", "pt", settings())
    assert routes[0].models == ["Helsinki-NLP/opus-mt-de-en", "Helsinki-NLP/opus-mt-en-ROMANCE"]
    [only] = registry.routes("sw", "es", settings())  # no opus-mt model for Swahili here
    assert only.models == ["facebook/m2m100_418M"]
    [bokmal] = registry.routes("nb", "es", settings())  # detect says nb, M2M100 says no
    assert bokmal.models == ["facebook/m2m100_418M"]
    with pytest.raises(UnsupportedLanguageError, match="no translation model known"):
        registry.routes("tlh", "es", settings())


def test_registry_config_overrides_and_nllb_is_opt_in():
    [route] = registry.routes("pt", "en", settings(models={"pt-en": "/models/pt-en"}))
    assert (route.kind, route.models) == ("configured", ["/models/pt-en"])
    nllb = "facebook/nllb-200-distilled-600M"
    routes = registry.routes("es", "de", settings(fallback_model=nllb))
    assert nllb not in {m for r in routes for m in r.models}  # skipped, never silent
    with pytest.raises(ConfigError, match="non-commercial") as refused:
        registry.routes("sw", "yo", settings(fallback_model=nllb))
    assert "translate.allow_noncommercial = true" in refused.value.one_line()
    routes = registry.routes("sw", "yo", settings(fallback_model=nllb, allow_noncommercial=True))
    assert routes[-1].models == [nllb]
    assert registry.model_license(nllb) == "CC-BY-NC-4.0"


def test_memory_key_normalizes_unicode_and_spaces():
    assert memory_key("  Cafe\u0301   au\tlait \n") == "Café au lait"


def test_toolkit_translate_is_callable_after_importing_the_subpackage():
    import toolkit
    import toolkit.translate

    result = toolkit.translate("***\n", "es", src="en")  # nothing to translate: no model
    assert isinstance(result, toolkit.Translation) and result.text == "***\n"
    assert toolkit.Translator is toolkit.translate.Translator


def test_translate_refuses_non_text_before_loading_anything():
    from toolkit.errors import InputError
    from toolkit.translate import Translator

    translator = Translator(Config.load(search_default_files=False))
    with pytest.raises(InputError, match="bytes"):
        translator.translate(b"Hello.", "es", src="en")
    with pytest.raises(InputError, match=r"item 1 needs text \(str\), not int"):
        translator.translate(["Hello.", 3], "es", src="en")
    assert translator.stats.model_loads == 0
