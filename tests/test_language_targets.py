"""Target languages parsed once: what was asked (es-MX) travels next to what is used (es),
so the variant warning the README promises reaches briefs from `Pipeline.run` and the CLI."""

from __future__ import annotations

import json

import pytest
from cli_helpers import run_cli
from conftest import SEED, tiny_config

from toolkit.config import Config
from toolkit.errors import InputTypeError, UnsupportedLanguageError
from toolkit.langs import Target, parse_targets, source_language, target
from toolkit.pipeline import Pipeline


def test_a_target_list_keeps_what_was_asked_and_what_is_used():
    parsed = parse_targets("es-MX, pt_BR,fr,ES")
    assert [(t.asked, t.code) for t in parsed] == [("es-MX", "es"), ("pt_BR", "pt"), ("fr", "fr")]
    assert [t.variant for t in parsed] == ["MX", "BR", None]
    assert parse_targets(["zh-Hant", "en"]) == [Target("zh-Hant", "zh"), Target("en", "en")]
    assert parse_targets(parsed) == parsed  # already parsed: kept as it is
    assert target("es-MX").variant_warning() and target("spa").variant_warning() is None


@pytest.mark.parametrize(
    ("value", "error"),
    [("xx", UnsupportedLanguageError), (",", UnsupportedLanguageError), ([None], InputTypeError)],
)
def test_bad_target_lists_are_refused(value, error):
    with pytest.raises(error):
        parse_targets(value)


def test_auto_means_detect_in_one_place():
    assert source_language("auto") is None and source_language(" AUTO ") is None
    assert source_language(None) is None and source_language("pt-BR") == "pt"


def test_pipeline_run_warns_about_a_variant_of_the_source_language(tmp_path, seed_text):
    result = Pipeline(tiny_config(tmp_path)).run(seed_text, to=["en-GB"], sentences=2)
    (brief,) = result.briefs
    assert brief.lang == "en" and brief.ok
    variant = [w for w in brief.warnings if w.kind == "variant"]
    assert len(variant) == 1 and variant[0].value == "en-GB"
    assert "may not be GB" in variant[0].message
    plain = Pipeline(tiny_config(tmp_path)).run(seed_text, to=["en"], sentences=2)
    assert not any(w.kind == "variant" for w in plain.briefs[0].warnings)


def test_pipeline_run_warns_about_a_variant_of_a_translated_brief(tmp_path, seed_text, tiny_marian):
    config = tiny_config(tmp_path, {"en-es": tiny_marian})
    with Pipeline(config) as pipeline:
        result = pipeline.run(seed_text, to="en,es-MX", sentences=2)
    en, es = result.briefs
    assert es.lang == "es" and es.ok and es.engine == "translate:torch"
    messages = [w.message for w in es.warnings if w.kind == "variant"]
    assert len(messages) == 1 and "'es-MX'" in messages[0] and "may not be MX" in messages[0]
    assert not any("MX" in w.message for w in es.warnings if w.kind != "variant")  # said once
    assert not any(w.kind == "variant" for w in en.warnings)


def test_the_cli_shows_the_variant_warning(tmp_path, capsys):
    config = tmp_path / "toolkit.toml"
    config.write_text(f'[translate]\nmodel_dir = "{tmp_path / "hub"}"\n', encoding="utf-8")
    args = ["--config", str(config), "summarize", str(SEED), "--to", "en-US", "--sentences", "2"]
    result = run_cli(args, capsys=capsys)
    assert result.exit_code == 0, result.stderr
    assert "warning (variant): 'en-US' asked for" in result.stdout
    result = run_cli([*args, "--format", "json"], capsys=capsys)
    (brief,) = json.loads(result.stdout)["briefs"]
    assert [w["value"] for w in brief["warnings"] if w["kind"] == "variant"] == ["en-US"]


def test_a_folder_run_reports_the_variant_through_the_same_brief_writer(tmp_path):
    from batch_helpers import FakeTranslator

    from toolkit.batch import summarize_tree

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "story.txt").write_text(SEED.read_text(encoding="utf-8"))
    report = summarize_tree(
        tmp_path / "in", tmp_path / "out", "es-MX", config=Config(), translator=FakeTranslator()
    )
    (story,) = report.done
    assert story.outputs == {"es": "story.summary.es.txt"}
    assert any(w.startswith("es: 'es-MX' asked for") for w in story.warnings), story.warnings
