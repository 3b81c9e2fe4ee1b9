"""The CLI as users break it: tracebacks only with --verbose, Ctrl-C, closed pipes, help text."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_helpers import assert_clean_error, run_cli

from toolkit.errors import EXIT_CODES

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "en_nato_taliban_machine_translated.txt"


def test_traceback_only_when_verbose_as_click_parsed_it(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    verbose = run_cli(["-v", "detect", "missing.txt"], capsys=capsys)
    assert verbose.exit_code == 3
    assert "Traceback" in verbose.stderr
    after = run_cli(["detect", "missing.txt", "-v"], capsys=capsys)
    assert after.exit_code == 3
    assert "Traceback" in after.stderr
    # a file argument named -v is not the --verbose flag
    plain = run_cli(["detect", "--", "-v"], capsys=capsys)
    assert_clean_error(plain, 3, "-v: no such file")


def test_unexpected_errors_are_one_line_without_verbose(capsys, monkeypatch):
    import toolkit.detect

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(toolkit.detect, "detect", broken)
    result = run_cli(["detect", "-"], stdin="Hola amigos", capsys=capsys)
    assert_clean_error(result, 1, "internal error: RuntimeError: boom")


def test_keyboard_interrupt_is_130_without_traceback(capsys, monkeypatch):
    import toolkit.detect

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(toolkit.detect, "detect", interrupted)
    result = run_cli(["detect", "-"], stdin="Hola amigos", capsys=capsys)
    assert result.exit_code == 130
    assert "Traceback" not in result.stderr
    assert "interrupted" in result.stderr


def test_sigint_while_reading_stdin_exits_130():
    proc = subprocess.Popen(
        [sys.executable, "-m", "toolkit", "detect", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    time.sleep(1.0)  # started and blocked on standard input
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=10)
    assert proc.returncode == 130, err
    assert b"Traceback" not in err


@pytest.mark.parametrize(
    "args", [["detect", "--per-sentence", str(SEED)], ["repair", str(SEED)], ["--help"]]
)
def test_closed_stdout_pipe_is_quiet(args):
    proc = subprocess.Popen(
        [sys.executable, "-m", "toolkit", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    proc.stdout.close()  # like `| head -0`: every write fails with EPIPE
    err = proc.stderr.read()
    proc.wait(timeout=30)
    assert b"Traceback" not in err and b"Exception ignored" not in err, err
    assert proc.returncode == 1


@pytest.mark.parametrize(
    ("args", "code", "out"),
    [
        (["detect", "-"], 0, "und"),
        (["repair", "-"], 0, ""),
        (["detect", "--jsonl", "-"], 0, ""),
    ],
)
def test_empty_standard_input(args, code, out, capsys):
    result = run_cli(args, stdin=b"", capsys=capsys)
    assert result.exit_code == code
    assert result.stdout.startswith(out)


def test_translate_empty_standard_input_is_bad_input(capsys):
    result = run_cli(["translate", "-", "--to", "es"], stdin=b"  \n", capsys=capsys)
    assert_clean_error(result, 3, "empty input")


def test_pulling_a_local_path_has_a_hint_about_local_models(tmp_path, capsys):
    result = run_cli(["models", "pull", str(tmp_path)], capsys=capsys)
    assert_clean_error(result, 3, "--model PATH")


def test_help_and_readme_list_every_exit_code(capsys):
    helped = run_cli(["--help"], capsys=capsys).stdout
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = dict(re.findall(r"^\| (\d+) \| (.+?) \|$", readme, flags=re.MULTILINE))
    for code in EXIT_CODES.values():
        assert re.search(rf"\b{code} \w", " ".join(helped.split())), code
        assert str(code) in table, code


def test_readme_command_lines_use_real_commands_and_options():
    """Every `toolkit ...` line in the README and docs/ names a real command and only its
    options."""
    import click

    from toolkit.cli import cli

    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    readme = "\n".join(page.read_text(encoding="utf-8") for page in pages)
    lines = [line for line in readme.splitlines() if line.startswith("toolkit ")]
    assert len(lines) > 10
    global_options = {opt for param in cli.params for opt in param.opts} | {"--help", "-h"}
    for line in lines:
        words = line.split("#")[0].split()[1:]
        command: click.Command = cli
        ctx = click.Context(cli)
        while isinstance(command, click.Group) and words and not words[0].startswith("-"):
            found = command.get_command(ctx, words.pop(0))
            assert found is not None, line
            command = found
        options = {opt for param in command.params for opt in (*param.opts, *param.secondary_opts)}
        used = set(re.findall(r"(?<![\w-])--?[a-zA-Z][a-z-]*", " ".join(words)))
        assert used <= options | global_options, (line, used - options)


@pytest.mark.parametrize("args", [["detect", "-"], ["detect", "--jsonl"], ["repair", "-"]])
def test_closed_standard_input_is_bad_input(args):
    """`toolkit detect - <&-`: Python has no sys.stdin at all."""
    proc = _run_with_closed("<&-", args)
    assert proc.returncode == 3, proc.stderr
    assert proc.stderr.decode().strip() == (
        "error: standard input is closed (pass a FILE, or pipe text in)"
    )


def test_closed_standard_output_is_an_error_not_a_silent_loss(tmp_path):
    """`toolkit detect FILE >&-`: the result cannot be printed, so exit 8; with --out the
    closed stdout does not matter."""
    article = tmp_path / "a.txt"
    article.write_text("Le gouvernement a annoncé hier un nouveau plan.", encoding="utf-8")
    closed = _run_with_closed(">&-", ["detect", str(article)])
    assert closed.returncode == 8, closed.stderr
    assert closed.stderr.decode().strip() == (
        "error: standard output is closed: the result cannot be printed "
        "(redirect it to a file or use --out)"
    )
    out = tmp_path / "fixed.txt"
    written = _run_with_closed(">&-", ["repair", str(article), "--out", str(out)])
    assert written.returncode == 0, written.stderr
    assert out.read_text(encoding="utf-8") == article.read_text(encoding="utf-8")


def _run_with_closed(redirect: str, args: list[str]) -> subprocess.CompletedProcess:
    """`python -m toolkit ARGS` with a standard stream closed by the shell (`<&-`, `>&-`)."""
    return subprocess.run(
        ["bash", "-c", f'exec "$0" -m toolkit "$@" {redirect}', sys.executable, *args],
        capture_output=True,
        cwd=ROOT,
        timeout=30,
    )
