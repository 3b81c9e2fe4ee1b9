"""Run the real `toolkit` entry point in-process and capture what a user would see."""

from __future__ import annotations

import io
import subprocess
import sys
from dataclasses import dataclass

from toolkit.cli import main


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


def run_cli(args: list[str], stdin: str | bytes = b"", capsys=None) -> CliResult:
    """Call `toolkit.cli.main(args)` with stdin, returning exit code and output."""
    raw = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    fake_stdin = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8")
    old_stdin = sys.stdin
    sys.stdin = fake_stdin
    code = 0
    try:
        main(args)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    finally:
        sys.stdin = old_stdin
    out, err = capsys.readouterr() if capsys is not None else ("", "")
    return CliResult(code, out, err)


def run_subprocess(args: list[str], stdin: str | bytes = b"", **kwargs) -> CliResult:
    """Run `python -m toolkit ARGS` in a fresh process (for import-cost and exit checks)."""
    raw = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    proc = subprocess.run(
        [sys.executable, "-m", "toolkit", *args], input=raw, capture_output=True, **kwargs
    )
    return CliResult(
        proc.returncode,
        proc.stdout.decode("utf-8", "replace"),
        proc.stderr.decode("utf-8", "replace"),
    )


def assert_clean_error(result: CliResult, code: int, fragment: str) -> None:
    """A user-facing error: the right exit code, one line on stderr, no traceback."""
    assert result.exit_code == code, (result.exit_code, result.stderr)
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert fragment in lines[0], lines[0]
