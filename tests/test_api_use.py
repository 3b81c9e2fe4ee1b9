"""The Python API as newsroom scripts call it: wrong types, lists, determinism, threads."""

from __future__ import annotations

import concurrent.futures
import re

import pytest

import toolkit
from toolkit.config import Config
from toolkit.errors import InputError, InputTypeError
from toolkit.translate import Translator

BAD_TEXTS = [None, b"The minister spoke.", 42, ["a list"], {"text": "a dict"}]


@pytest.mark.parametrize("value", BAD_TEXTS)
@pytest.mark.parametrize(
    ("name", "call"),
    [
        ("detect()", lambda v: toolkit.detect(v)),
        ("detect_spans()", lambda v: toolkit.detect_spans(v)),
        ("repair()", lambda v: toolkit.repair(v)),
        ("summarize()", lambda v: toolkit.summarize(v)),
        ("Pipeline.run()", lambda v: toolkit.Pipeline(toolkit.Config()).run(v)),
    ],
)
def test_text_functions_refuse_non_text_at_the_call(name, call, value):
    with pytest.raises(TypeError, match=re.escape(name)):
        call(value)
    with pytest.raises(InputError, match=type(value).__name__):  # also a ToolkitError (exit 3)
        call(value)


@pytest.mark.parametrize("value", [None, b"bytes", 42, {"text": "a dict"}])
def test_translate_refuses_non_text_before_looking_for_a_model(value):
    with pytest.raises(InputTypeError, match="text \\(str\\) or a list of texts"):
        Translator(Config()).translate(value, "es", src="en")


def test_translate_names_the_bad_item_of_a_list():
    with pytest.raises(InputTypeError, match="item 1"):
        Translator(Config()).translate(["fine", None], "es", src="en")


@pytest.mark.parametrize(
    "call",
    [
        lambda: Translator(Config()).translate("text", 5),
        lambda: Translator(Config()).translate("text", "es", src=b"en"),
        lambda: Translator(Config()).translate("text", "es", src="en", model=7),
        lambda: toolkit.repair("text", 5),
        lambda: toolkit.detect("text", config="translate.engine=ct2"),
        lambda: Translator(config={"translate": {}}),
    ],
)
def test_other_arguments_of_the_wrong_type(call):
    with pytest.raises(InputTypeError):
        call()


def test_detect_and_repair_are_deterministic(seed_text):
    assert toolkit.detect(seed_text) == toolkit.detect(seed_text)
    assert toolkit.detect_spans(seed_text, per_sentence=True) == toolkit.detect_spans(
        seed_text, per_sentence=True
    )
    first, second = toolkit.repair(seed_text), toolkit.repair(seed_text)
    assert (first.text, first.edits, first.flags) == (second.text, second.edits, second.flags)


def _config(tmp_path, model):
    config = Config.load(search_default_files=False)
    config.set("translate.models", {"en-es": str(model)})
    config.set("translate.cache_path", str(tmp_path / "memory.sqlite3"))
    config.set("translate.threads", 1)
    config.set("translate.max_new_tokens_ratio", 0.5)
    return config


def test_threads_can_share_one_translator(tmp_path, tiny_marian):
    """Concurrent first calls used to load the model several times at once and crash."""
    texts = [f"The minister number {i} spoke about the plan today." for i in range(8)]
    with Translator(_config(tmp_path / "a", tiny_marian)) as alone:
        expected = [alone.translate(t, "es", src="en").text for t in texts]
    with Translator(_config(tmp_path / "b", tiny_marian)) as shared:
        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            got = list(pool.map(lambda t: shared.translate(t, "es", src="en").text, texts))
        assert shared.stats.model_loads == 1
    assert got == expected  # same outputs as one thread: deterministic, nothing mixed up
