"""Config means the same everywhere: engine choices are checked like ranges (a typo exits 7
in every command), and each stage's Python function reads `Config.load()` by default, so
it honours the same settings (file, TOOLKIT_* environment) as the CLI."""

from __future__ import annotations

import re

import pytest
from cli_helpers import assert_clean_error, run_cli

from toolkit.config import CHOICES, Config
from toolkit.errors import ConfigError

ARTICLE = (
    "The minister resigned on Monday after weeks of protests. "
    "Parliament will vote on a successor next week. "
    "The opposition called for early elections. "
    "Markets fell two percent on the news. "
    "The president thanked the minister for his service. "
    "Talks with the unions resume on Friday."
)


@pytest.mark.parametrize("key", sorted(CHOICES))
def test_a_typo_in_any_engine_choice_fails_at_load(key, tmp_path):
    section, name = key.split(".")
    with pytest.raises(ConfigError, match=f"{key}.*expected one of"):
        Config.load(env={f"TOOLKIT_{section}_{name}".upper(): "bogus"}, search_default_files=False)
    path = tmp_path / "c.toml"
    path.write_text(f'[{section}]\n{name} = "{CHOICES[key][0]}x"\n')
    with pytest.raises(ConfigError, match=re.escape(str(path))):
        Config.load(path, search_default_files=False)
    for choice in CHOICES[key]:  # every listed choice is accepted
        assert Config.load(overrides={key: choice}, search_default_files=False).get(key) == choice


@pytest.mark.parametrize(
    "args",
    [["repair", "-"], ["detect", "-"], ["summarize", "-"], ["translate", "-", "--to", "es"]],
)
def test_a_bad_engine_in_the_environment_exits_7_in_every_command(args, monkeypatch, capsys):
    monkeypatch.setenv("TOOLKIT_REPAIR_ENGINE", "bogus")  # was ignored by all but repair
    result = run_cli(args, stdin="The minister resigned today.", capsys=capsys)
    assert_clean_error(result, 7, "repair.engine")


def test_brief_engine_llmm_exits_7_instead_of_meaning_translate(tmp_path, capsys):
    path = tmp_path / "c.toml"
    path.write_text('[summarize]\nbrief_engine = "llmm"\n')
    result = run_cli(["--config", str(path), "summarize", "-"], stdin=ARTICLE, capsys=capsys)
    assert_clean_error(result, 7, "summarize.brief_engine")


def test_the_engine_registries_offer_exactly_the_config_choices():
    from toolkit.repair.core import ENGINES as REPAIR_ENGINES
    from toolkit.translate.backends import ENGINES as TRANSLATE_ENGINES

    assert tuple(REPAIR_ENGINES) == CHOICES["repair.engine"]
    assert tuple(TRANSLATE_ENGINES) == CHOICES["translate.engine"]


def test_summarize_and_the_pipeline_give_the_same_length_from_the_environment(monkeypatch):
    from toolkit.pipeline import Pipeline
    from toolkit.summarize import summarize

    monkeypatch.setenv("TOOLKIT_SUMMARIZE_SENTENCES", "2")
    alone = summarize(ARTICLE, "en")
    piped = Pipeline().run(ARTICLE, lang="en").summary
    assert len(alone.sentences) == len(piped.sentences) == 2
    assert alone.sentences == piped.sentences
    assert len(summarize(ARTICLE, "en", sentences=4).sentences) == 4  # an argument wins


def test_repair_and_detect_read_the_loaded_config(monkeypatch):
    from toolkit.detect import detect
    from toolkit.repair import repair

    monkeypatch.setenv("TOOLKIT_DETECT_MIN_CONFIDENCE", "0.999")
    assert detect("Hola amigo").lang == "und"  # 0.99 sure: below the configured bar
    monkeypatch.delenv("TOOLKIT_DETECT_MIN_CONFIDENCE")
    assert detect("Hola amigo").lang == "es"
    monkeypatch.setenv("TOOLKIT_REPAIR_ENGINE", "bogus")
    with pytest.raises(ConfigError, match=r"repair\.engine"):
        repair("Really ? Yes !", "en")  # repair() used the built-in defaults: ignored it
