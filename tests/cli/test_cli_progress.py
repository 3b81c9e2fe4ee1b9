"""The folder-run progress bar moves during a run, in a real terminal (a pseudo-terminal)."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
from cli_helpers import run_cli

ROOT = Path(__file__).resolve().parents[2]
SENTENCES = [
    "The minister spoke to reporters on Monday.",
    "Talks between the two sides resumed in Geneva.",
    "Officials said the agreement was close.",
    "The vote is expected next week.",
    "Protesters gathered outside the parliament.",
    "The company reported higher profits this year.",
]


def _tree(tmp_path: Path, files: int = 8, sentences: int = 8) -> Path:
    """Files of distinct sentences (repeats would be translated once, not counted live)."""
    folder = tmp_path / "wires"
    folder.mkdir()
    for i in range(files):
        picked = (SENTENCES[(i + j) % len(SENTENCES)] for j in range(sentences))
        body = " ".join(f"{s[:-1]} in round {j} of file {i}." for j, s in enumerate(picked))
        (folder / f"story{i}.txt").write_text(body + "\n", encoding="utf-8")
    return folder


def _config(tmp_path: Path, tiny_marian: Path) -> Path:
    """One chunk for the whole folder (a single long translator call) in small batches:
    only the live counter can move the bar during the call."""
    path = tmp_path / "toolkit.toml"
    path.write_text(
        f'[translate]\nmodel_dir = "{tmp_path / "hub"}"\ncache = false\nthreads = 1\n'
        f"batch_tokens = 48\nmax_new_tokens_ratio = 0.5\n"
        f'[translate.models]\n"en-fr" = "{tiny_marian}"\n'
        f"[batch]\nchunk_chars = 10000000\n",
        encoding="utf-8",
    )
    return path


def _run_in_terminal(args: list[str], timeout: float = 240) -> tuple[int, str]:
    """Run `python -m toolkit ARGS` with stdout and stderr on a pseudo-terminal; what
    the terminal received, as text."""
    master, slave = pty.openpty()
    # a terminal has a size (a bare pseudo-terminal is 0x0, where tqdm draws nothing)
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    proc = subprocess.Popen(
        [sys.executable, "-m", "toolkit", *args],
        stdin=subprocess.DEVNULL,
        stdout=slave,
        stderr=slave,
        cwd=ROOT,
    )
    os.close(slave)
    chunks = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        elif proc.poll() is not None:
            break
    proc.wait(timeout=30)
    os.close(master)
    return proc.returncode, b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.slow
def test_progress_advances_and_the_clock_ticks_in_a_terminal(tmp_path, tiny_marian):
    folder = _tree(tmp_path)
    config = _config(tmp_path, tiny_marian)
    args = ["--config", str(config), "translate", str(folder), "--from", "en", "--to", "fr"]
    code, screen = _run_in_terminal([*args, "--out", str(tmp_path / "out")])
    assert code == 0, screen
    # tqdm redraws with \r: "translate:  37%|███▋   | 71/192 [00:02<00:03, 30.1sent/s, files 0/8]"
    frames = re.findall(r"(\d+)/(\d+) \[(\d\d:\d\d)<", screen)
    total = {int(t) for _, t, _ in frames}
    assert len(total) == 1 and total.pop() == 8 * 8, frames[:3]  # sentences to translate
    counts = [int(done) for done, _, _ in frames]
    during = sorted({c for c in counts if 0 < c < 8 * 8})
    assert len(during) >= 3, frames  # it advanced at least three times mid-run
    assert counts == sorted(counts)  # never backwards
    clocks = {clock for _, _, clock in frames}
    assert len(clocks) >= 2, frames  # the elapsed time moved
    assert "files 0/8" in screen  # the count moved before any file was finished
    assert "translated " in screen  # the report follows


@pytest.mark.slow
def test_no_progress_bar_with_quiet_in_a_terminal(tmp_path, tiny_marian):
    folder = _tree(tmp_path, files=2, sentences=3)
    config = _config(tmp_path, tiny_marian)
    args = ["--config", str(config), "translate", str(folder), "--from", "en", "--to", "fr"]
    code, screen = _run_in_terminal([*args, "--out", str(tmp_path / "q"), "-q"])
    assert code == 0, screen
    assert "sent/s" not in screen and "files 0/2" not in screen
    assert "translated " in screen


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path, tiny_marian, capsys):
    folder = _tree(tmp_path, files=2, sentences=3)
    config = _config(tmp_path, tiny_marian)
    args = ["--config", str(config), "translate", str(folder), "--from", "en", "--to", "fr"]
    result = run_cli([*args, "--out", str(tmp_path / "p")], capsys=capsys)
    assert result.exit_code == 0, result.stderr
    assert "sent" not in result.stderr and "files 0/2" not in result.stderr


def test_the_bar_adds_live_work_to_the_last_event(monkeypatch):
    """Unit check of the estimate: event count + live growth since, capped at the total."""
    from toolkit.batch.progress import ProgressBar
    from toolkit.batch.report import Progress

    live = [100]
    bar = ProgressBar("t", enabled=True, live=lambda: live[0], tick=3600)
    drawn = []
    monkeypatch.setattr(
        ProgressBar, "_open", lambda self, event: setattr(self, "_bar", _Fake(drawn))
    )
    bar(Progress(0, 2, 0, 10))
    live[0] = 104
    bar._draw()
    bar(Progress(1, 2, 5, 10))  # the event resets the baseline: 5, not 9
    live[0] = 130
    bar._draw()
    assert drawn == [0, 4, 5, 10]


class _Fake:
    def __init__(self, drawn: list[int]) -> None:
        self.drawn = drawn
        self.n = 0

    def set_postfix_str(self, text: str, refresh: bool = True) -> None:
        pass

    def refresh(self) -> None:
        self.drawn.append(self.n)

    def close(self) -> None:
        pass
