"""Config layering: defaults < user file < ./toolkit.toml < --config < env < flags."""

from __future__ import annotations

import pytest

from toolkit.config import Config, user_config_path
from toolkit.errors import ConfigError


def test_defaults():
    cfg = Config.load(env={}, search_default_files=False)
    assert cfg.translate.engine == "torch"
    assert cfg.sources == {}
    assert ("translate.engine", "torch", "default") in cfg.items()


def test_layers_in_priority_order(tmp_path, monkeypatch):
    user = user_config_path()
    user.parent.mkdir(parents=True)
    user.write_text('[translate]\nengine = "ct2"\nthreads = 2\nbatch_tokens = 100\n')
    monkeypatch.chdir(tmp_path)
    (tmp_path / "toolkit.toml").write_text("[translate]\nthreads = 3\nbatch_tokens = 200\n")
    explicit = tmp_path / "mine.toml"
    explicit.write_text('[translate]\nbatch_tokens = 300\n[translate.models]\n"pt-en" = "/m"\n')
    cfg = Config.load(
        explicit,
        env={"TOOLKIT_TRANSLATE_CACHE": "no", "TOOLKIT_SUMMARIZE_SENTENCES": "5"},
        overrides={"translate.device": "cpu", "translate.engine": None},
    )
    assert cfg.translate.engine == "ct2"
    assert cfg.sources["translate.engine"] == f"file {user}"
    assert cfg.translate.threads == 3
    assert cfg.sources["translate.threads"] == "file toolkit.toml"
    assert cfg.translate.batch_tokens == 300
    assert cfg.translate.models == {"pt-en": "/m"}
    assert cfg.translate.cache is False
    assert cfg.sources["translate.cache"] == "env TOOLKIT_TRANSLATE_CACHE"
    assert cfg.summarize.sentences == 5
    assert cfg.translate.device == "cpu"
    assert cfg.sources["translate.device"] == "command line"


@pytest.mark.parametrize(
    ("toml", "fragment"),
    [
        ("[nope]\nx = 1\n", "unknown config section"),
        ("[translate]\nnope = 1\n", "unknown config key"),
        ("[translate]\nthreads = 'many'\n", "bad type"),
        ("[translate\n", "cannot read config file"),
    ],
)
def test_bad_files_raise_config_error(tmp_path, toml, fragment):
    path = tmp_path / "bad.toml"
    path.write_text(toml)
    with pytest.raises(ConfigError, match=fragment):
        Config.load(path, env={}, search_default_files=False)


def test_missing_explicit_file():
    with pytest.raises(ConfigError, match="not found"):
        Config.load("/nonexistent/toolkit.toml", env={})


def test_bad_env_value():
    with pytest.raises(ConfigError, match=r"translate\.cache"):
        Config.load(env={"TOOLKIT_TRANSLATE_CACHE": "maybe"}, search_default_files=False)
