"""Inputs are never overwritten and outputs are written safely, whatever `--out` names."""

from __future__ import annotations

import os
import stat
import threading

import pytest
from cli_helpers import assert_clean_error, run_cli

from toolkit.errors import InputError, OutputError
from toolkit.files import MAX_INPUT_BYTES, check_output, read_input, write_atomic

ARTICLE = "The minister said the plan starts next week.\n\nIt was announced today.\n"


def _input(tmp_path):
    source = tmp_path / "article.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    return source


def _spellings(tmp_path, source):
    """Other names of the same file: relative, with `..`, a symlink, a hard link."""
    (tmp_path / "sub").mkdir()
    link = tmp_path / "link.txt"
    link.symlink_to(source)
    hard = tmp_path / "hard.txt"
    os.link(source, hard)
    return [
        str(source),
        os.path.relpath(source),
        str(tmp_path / "sub" / ".." / source.name),
        str(link),
        str(hard),
    ]


def test_check_output_refuses_every_spelling_of_the_input(tmp_path):
    source = _input(tmp_path)
    for out in _spellings(tmp_path, source):
        with pytest.raises(OutputError, match="refusing to overwrite an input"):
            check_output(out, source)
    check_output(tmp_path / "other.txt", source)  # a different file is fine
    check_output(tmp_path / "other.txt", "-", None)  # stdin is not a file


@pytest.mark.parametrize(
    "command", [["repair"], ["translate", "--to", "es", "--from", "en"], ["summarize"]]
)
def test_cli_never_overwrites_its_input(tmp_path, capsys, command):
    source = _input(tmp_path)
    before = source.stat()
    for out in _spellings(tmp_path, source):
        flag = ["--out", out]
        result = run_cli([*command, str(source), *flag], capsys=capsys)
        assert_clean_error(result, 8, "refusing to overwrite an input")
    after = source.stat()
    assert source.read_text(encoding="utf-8") == ARTICLE
    assert (after.st_ino, after.st_mtime_ns, after.st_mode) == (
        before.st_ino,
        before.st_mtime_ns,
        before.st_mode,
    )
    assert (tmp_path / "link.txt").is_symlink()


def test_write_atomic_follows_a_symlink_and_keeps_the_mode(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("old")
    real.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink()
    assert real.read_text() == "new"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


def test_write_atomic_new_file_gets_the_umask_mode_not_0600(tmp_path):
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.txt", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o644


def test_write_atomic_under_a_file_says_not_a_directory(tmp_path):
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    with pytest.raises(OutputError, match="is not a directory"):
        write_atomic(blocker / "out.txt", "y")


def test_a_pipe_is_read_like_a_file(tmp_path):
    """`toolkit detect <(zcat article.gz)` hands the command a FIFO path."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)

    def feed():
        with open(fifo, "wb") as writer:
            writer.write("Hola, ¿qué tal?\n".encode())

    feeder = threading.Thread(target=feed)
    feeder.start()
    try:
        assert read_input(fifo).text == "Hola, ¿qué tal?\n"
    finally:
        feeder.join(timeout=5)


def test_standard_input_is_bounded(tmp_path):
    with pytest.raises(InputError, match="too large"):
        read_input("-", stdin=b"a" * (MAX_INPUT_BYTES + 1))


def test_every_command_with_out_refuses_its_input(tmp_path, capsys):
    """A new command that writes with --out gets the same guarantee, or this fails."""
    import click

    from toolkit.cli import COMMANDS, cli

    source = _input(tmp_path)
    ctx = click.Context(cli)
    checked = []
    for name in COMMANDS:
        command = cli.get_command(ctx, name)
        if isinstance(command, click.Group):
            continue
        options = {opt for param in command.params for opt in param.opts}
        if "--out" not in options:
            continue
        extra = ["--to", "es"] if "--to" in options else []
        result = run_cli([name, str(source), "--out", str(source), *extra], capsys=capsys)
        assert_clean_error(result, 8, "refusing to overwrite an input")
        checked.append(name)
    assert source.read_text(encoding="utf-8") == ARTICLE
    assert {"repair", "translate"} <= set(checked)
