"""Bad config values fail at once, in one line that names the value and where it came from."""

from __future__ import annotations

import pytest
from cli_helpers import assert_clean_error, run_cli

from toolkit.config import Config
from toolkit.errors import ConfigError


@pytest.mark.parametrize(
    ("var", "value", "fragment"),
    [
        ("TOOLKIT_TRANSLATE_THREADS", "abc", "expected a whole number"),
        ("TOOLKIT_TRANSLATE_THREADS", "-5", "at least 0"),
        ("TOOLKIT_TRANSLATE_THREADS", "2.5", "expected a whole number"),
        ("TOOLKIT_TRANSLATE_BATCH_TOKENS", "0", "at least 1"),
        ("TOOLKIT_TRANSLATE_NUM_BEAMS", "0", "at least 1"),
        ("TOOLKIT_TRANSLATE_MAX_NEW_TOKENS_RATIO", "-1", "at least 0"),
        ("TOOLKIT_DETECT_MIN_CONFIDENCE", "2", "at most 1"),
        ("TOOLKIT_DETECT_MIN_CONFIDENCE", "nan", "finite"),
        ("TOOLKIT_REPAIR_MAX_DRIFT", "inf", "finite"),
        ("TOOLKIT_TRANSLATE_DEVICE", "gpu", "auto, cpu, cuda"),
        ("TOOLKIT_TRANSLATE_ALLOW_DOWNLOAD", "maybe", "true or false"),
        ("TOOLKIT_SUMMARIZE_SENTENCES", "-3", "at least 1"),
        ("TOOLKIT_SUMMARIZE_REDUNDANCY", "1.5", "at most 1"),
        ("TOOLKIT_BATCH_MAX_FILE_BYTES", "0", "at least 1"),
    ],
)
def test_bad_environment_values_name_the_variable(var, value, fragment):
    with pytest.raises(ConfigError, match=fragment) as caught:
        Config.load(env={var: value}, search_default_files=False)
    assert f"env {var}" in caught.value.one_line()


def test_a_typo_in_a_known_section_is_an_error_not_ignored():
    with pytest.raises(ConfigError, match="TOOLKIT_TRANSLATE_THREAD "):
        Config.load(env={"TOOLKIT_TRANSLATE_THREAD": "1"}, search_default_files=False)
    # variables of other sections are someone else's
    Config.load(env={"TOOLKIT_HOME": "/x", "TOOLKIT_OTHER_THING": "1"}, search_default_files=False)


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"[translate]\nthreads = 2.7\n", "whole number"),
        (b"[translate]\nthreads = true\n", "whole number"),
        (b"translate = 5\n", "must be a table"),
        (b"[translate]\ndevice = 'cuda:x'\n", "cuda:N"),
        ("[translate]\nmodel_dir = 'café'\n".encode("cp1252"), "not UTF-8"),
    ],
)
def test_bad_files_say_which_file(tmp_path, content, fragment):
    path = tmp_path / "bad.toml"
    path.write_bytes(content)
    with pytest.raises(ConfigError, match=fragment) as caught:
        Config.load(path, env={}, search_default_files=False)
    assert str(path) in caught.value.one_line()


def test_good_values_still_convert():
    cfg = Config.load(
        env={
            "TOOLKIT_TRANSLATE_THREADS": "4",
            "TOOLKIT_TRANSLATE_DEVICE": "cuda:1",
            "TOOLKIT_DETECT_MIN_CONFIDENCE": "1",
            "TOOLKIT_TRANSLATE_MAX_NEW_TOKENS_RATIO": "2",
        },
        search_default_files=False,
    )
    assert cfg.translate.threads == 4
    assert cfg.translate.device == "cuda:1"
    assert cfg.detect.min_confidence == 1.0
    assert cfg.translate.max_new_tokens_ratio == 2.0


@pytest.mark.parametrize("command", [["config", "show"], ["detect", "-"], ["repair", "-"]])
def test_every_command_reports_a_bad_env_value_in_one_line(monkeypatch, capsys, command):
    monkeypatch.setenv("TOOLKIT_TRANSLATE_BATCH_TOKENS", "-1")
    result = run_cli(command, stdin="Hello there, my friend.", capsys=capsys)
    assert_clean_error(result, 7, "TOOLKIT_TRANSLATE_BATCH_TOKENS")


def test_unusable_gpu_is_a_config_error(monkeypatch):
    import torch

    from toolkit.translate.backends.base import select_device

    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    with pytest.raises(ConfigError, match="no CUDA GPU"):
        select_device("cuda")
    assert select_device("cpu") == "cpu"


def test_model_pairs_are_normalized_or_refused(tmp_path):
    cfg = Config.load(search_default_files=False, env={})
    cfg.set("translate.models", {"PT-EN": "/m/pt-en", "spa_eng": "/m/es-en"})
    assert cfg.translate.models == {"pt-en": "/m/pt-en", "es-en": "/m/es-en"}
    for bad, fragment in [("pt", "not a language pair"), ("xx-en", "unknown language code")]:
        path = tmp_path / "pairs.toml"
        path.write_text(f'[translate.models]\n"{bad}" = "/m"\n')
        with pytest.raises(ConfigError, match=fragment):
            Config.load(path, env={}, search_default_files=False)
