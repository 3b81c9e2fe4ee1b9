"""One option vocabulary: global options in both positions, the same names everywhere."""

from __future__ import annotations

import json

import pytest
from cli_helpers import run_cli

GERMAN = "Der Bundestag hat heute ein neues Gesetz beschlossen, das viele Bürger betrifft."

# every leaf command, with arguments that make it succeed offline
COMMANDS = [
    ["detect", "{article}"],
    ["repair", "{article}"],
    ["summarize", "{article}"],
    ["config", "show"],
    ["models", "list"],
    ["models", "path"],
    ["keys", "list"],
]


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "artikel.txt"
    path.write_text(GERMAN + "\n", encoding="utf-8")
    return str(path)


def _args(command: list[str], article: str) -> list[str]:
    return [part.format(article=article) for part in command]


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c))
@pytest.mark.parametrize("flag", ["-q", "--quiet", "-v", "--verbose"])
def test_global_flags_work_before_and_after_the_subcommand(command, flag, article, capsys):
    before = run_cli([flag, *_args(command, article)], capsys=capsys)
    after = run_cli([*_args(command, article), flag], capsys=capsys)
    assert before.exit_code == 0, before.stderr
    assert after.exit_code == 0, after.stderr
    assert before.stdout == after.stdout


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c))
def test_quiet_with_verbose_is_a_usage_error_in_any_position(command, article, capsys):
    for args in (
        ["-q", "-v", *_args(command, article)],
        ["-q", *_args(command, article), "-v"],
        [*_args(command, article), "-qv"],
        ["--verbose", *_args(command, article), "--quiet"],
    ):
        result = run_cli(args, capsys=capsys)
        assert result.exit_code == 2, (args, result.stderr)
        assert "--quiet and --verbose exclude each other" in result.stderr
        assert "Traceback" not in result.stderr


def test_quiet_after_the_subcommand_silences_warnings(tmp_path, capsys):
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("Le café est très bon aujourd'hui à Paris.".encode("cp1252"))
    loud = run_cli(["detect", str(legacy)], capsys=capsys)
    assert "warning:" in loud.stderr
    quiet = run_cli(["detect", str(legacy), "-q"], capsys=capsys)
    assert quiet.exit_code == 0
    assert quiet.stderr == ""
    assert quiet.stdout == loud.stdout


def test_verbose_after_the_subcommand_shows_the_traceback(capsys):
    result = run_cli(["repair", "missing.txt", "-v"], capsys=capsys)
    assert result.exit_code == 3
    assert "Traceback" in result.stderr


@pytest.mark.parametrize("position", ["before", "after"])
def test_config_option_in_both_positions(position, tmp_path, capsys):
    config = tmp_path / "mine.toml"
    config.write_text("[detect]\nmin_confidence = 0.25\n", encoding="utf-8")
    show = ["config", "show", "--json"]
    given = ["--config", str(config)]
    args = [*given, *show] if position == "before" else [*show, *given]
    result = run_cli(args, capsys=capsys)
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows["detect.min_confidence"]["value"] == 0.25
    assert str(config) in rows["detect.min_confidence"]["source"]


def test_config_after_the_subcommand_wins_over_the_one_before(tmp_path, capsys):
    first = tmp_path / "first.toml"
    first.write_text("[detect]\nmin_confidence = 0.25\n", encoding="utf-8")
    second = tmp_path / "second.toml"
    second.write_text("[detect]\nmin_confidence = 0.5\n", encoding="utf-8")
    result = run_cli(
        ["--config", str(first), "config", "show", "--json", "--config", str(second)],
        capsys=capsys,
    )
    assert json.loads(result.stdout)["detect.min_confidence"]["value"] == 0.5


def test_config_show_names_the_files_it_looked_for(tmp_path, capsys):
    (tmp_path / "toolkit.toml").write_text("[detect]\nmin_confidence = 0.1\n", encoding="utf-8")
    result = run_cli(["config", "show"], capsys=capsys)
    header = [line for line in result.stdout.splitlines() if line.startswith("# ")]
    assert header[0].startswith("# user config: ") and header[0].endswith("(not found)")
    assert header[1] == f"# project config: {tmp_path / 'toolkit.toml'} (read)"
    files = json.loads(run_cli(["config", "show", "--json"], capsys=capsys).stdout)["files"]
    assert [(f["role"], f["found"]) for f in files] == [("user", False), ("project", True)]


def test_a_bad_config_after_the_subcommand_is_exit_7(tmp_path, article, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text("[detect]\nmin_confidence = 3\n", encoding="utf-8")
    result = run_cli(["detect", article, "--config", str(bad)], capsys=capsys)
    assert result.exit_code == 7, result.stderr
