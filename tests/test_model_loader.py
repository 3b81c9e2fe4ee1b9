"""One model loader and one [models] section for every model the toolkit runs: the
translation engine, the seq2seq summarizer, the LLM (summaries, briefs, post-editing)."""

from __future__ import annotations

import pytest

from toolkit.config import Config, ModelsConfig
from toolkit.errors import ConfigError


def test_translate_follows_models_unless_it_sets_its_own():
    config = Config.load(
        env={"TOOLKIT_MODELS_THREADS": "3", "TOOLKIT_MODELS_DEVICE": "cpu"},
        search_default_files=False,
    )
    assert config.models.threads == 3 and config.translate.threads == 3
    assert config.translate.device == "cpu"
    assert dict((k, s) for k, _v, s in config.items())["translate.threads"] == "models.threads"
    own = Config.load(
        env={"TOOLKIT_MODELS_THREADS": "3", "TOOLKIT_TRANSLATE_THREADS": "2"},
        search_default_files=False,
    )
    assert own.models.threads == 3 and own.translate.threads == 2  # its own wins
    own.set("models.threads", 4)
    assert own.translate.threads == 2


def test_models_settings_are_checked_like_the_others():
    with pytest.raises(ConfigError, match=r"models\.device"):
        Config.load(env={"TOOLKIT_MODELS_DEVICE": "gpu"}, search_default_files=False)
    with pytest.raises(ConfigError, match=r"models\.threads"):
        Config.load(env={"TOOLKIT_MODELS_THREADS": "100000"}, search_default_files=False)


class _Stop(Exception):
    pass


def _recording(calls):
    def load_model(ref, settings, kind, **options):
        calls.append((ref, kind, settings.device, settings.threads, settings.model_dir))
        raise _Stop

    return load_model


def test_the_summarizer_and_the_post_editor_load_through_one_loader(monkeypatch, tmp_path):
    from toolkit.repair import postedit
    from toolkit.summarize.abstractive import LLMSummarizer, Seq2SeqSummarizer

    calls = []
    monkeypatch.setattr("toolkit.model_loader.load_model", _recording(calls))
    config = Config.load(search_default_files=False)
    config.set("models.device", "cpu")
    config.set("models.threads", 2)
    config.set("models.model_dir", str(tmp_path))
    config.set("summarize.model", "org/summarizer")
    for summarizer in (Seq2SeqSummarizer, LLMSummarizer):
        with pytest.raises(_Stop):
            summarizer(config)
    postedit.load_editor.cache_clear()
    with pytest.raises(_Stop):
        postedit.load_editor("org/editor", False, "cpu", 2, str(tmp_path))
    assert calls == [
        ("org/summarizer", "seq2seq", "cpu", 2, str(tmp_path)),
        ("org/summarizer", "causal", "cpu", 2, str(tmp_path)),
        ("org/editor", "causal", "cpu", 2, str(tmp_path)),
    ]


def test_a_real_load_applies_the_threads_and_checks_the_kind(tiny_t5):
    import torch

    from toolkit.model_loader import load_model

    before = torch.get_num_threads()
    try:
        settings = ModelsConfig(device="cpu", threads=2)
        loaded = load_model(str(tiny_t5), settings, "seq2seq", what="x")
        assert torch.get_num_threads() == 2
        assert loaded.device == "cpu" and loaded.model_type == "t5" and loaded.input_limit > 0
        assert loaded.tokenizer is not None and not loaded.model.training
        with pytest.raises(ConfigError, match="not a causal"):
            load_model(str(tiny_t5), ModelsConfig(device="cpu"), "causal", what="summarize.model")
    finally:
        torch.set_num_threads(before)
