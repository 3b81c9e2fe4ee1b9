"""The CLI shell: help, version, config show, error handling, light imports."""

from __future__ import annotations

import json
import sys

from cli_helpers import assert_clean_error, run_cli, run_subprocess

import toolkit


def test_import_and_help_do_not_load_torch_or_transformers():
    code = (
        "import sys, toolkit, toolkit.cli;"
        "from toolkit.cli import cli, COMMANDS;"
        "[cli.get_command(None, name) for name in COMMANDS];"
        "print(','.join(m for m in ('torch', 'transformers') if m in sys.modules))"
    )
    import subprocess

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_help_lists_commands(capsys):
    result = run_cli(["--help"], capsys=capsys)
    assert result.exit_code == 0
    assert "config" in result.stdout
    assert "Exit codes" in result.stdout


def test_version(capsys):
    result = run_cli(["--version"], capsys=capsys)
    assert result.exit_code == 0
    assert toolkit.__version__ in result.stdout


def test_config_show_reports_sources(capsys, monkeypatch):
    monkeypatch.setenv("TOOLKIT_TRANSLATE_THREADS", "4")
    result = run_cli(["config", "show", "--json"], capsys=capsys)
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert rows["translate.threads"] == {"value": 4, "source": "env TOOLKIT_TRANSLATE_THREADS"}
    assert rows["translate.engine"]["source"] == "default"


def test_bad_config_is_one_line_error(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text("[translate]\nthreads = 'x'\n")
    result = run_cli(["--config", str(bad), "config", "show"], capsys=capsys)
    assert_clean_error(result, 7, "bad type for translate.threads")


def test_unknown_command_is_usage_error():
    result = run_subprocess(["frobnicate"])
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr


def test_unknown_attribute_on_package():
    import pytest

    with pytest.raises(AttributeError):
        toolkit.no_such_thing  # noqa: B018
