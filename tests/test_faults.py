"""Regression tests for the faults of issue 18, one section per numbered case."""

from __future__ import annotations

import errno
import fcntl
import io
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import assert_clean_error, run_cli

import toolkit
from toolkit.batch.state import JOURNAL, LOCK, MANIFEST
from toolkit.config import RANGES, SECTIONS, Config
from toolkit.errors import ConfigError, InputError, InputTypeError, OutputError

ROOT = Path(__file__).resolve().parent.parent
STORY = (
    "The council met on Monday. It approved the budget after a long debate. "
    "The mayor spoke about new roads. Residents said they were pleased.\n"
)


def _stories(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"s{i:02d}.txt").write_text(STORY.replace("Monday", f"day {i}"))
    return folder


# 1. a symlink loop in an input folder is one skipped entry


def test_symlink_loop_is_a_skipped_entry_not_the_end_of_the_run(tmp_path):
    src = _stories(tmp_path / "in", 1)
    os.symlink("b.txt", src / "a.txt")
    os.symlink("a.txt", src / "b.txt")
    os.symlink("loopdir", src / "loopdir")  # a folder link to itself
    report = toolkit.summarize_tree(src, tmp_path / "out", "en")
    assert [f.path for f in report.done] == ["s00.txt"]
    reasons = {f.path: f.reason for f in report.skipped}
    assert "loop" in reasons["a.txt"] and "loop" in reasons["b.txt"]
    assert "loop" in reasons["loopdir"]  # a link to itself is no folder
    assert report.exit_code == 0


# 2. detect --jsonl FILE streams like stdin; one line over the limit is one error line


def test_jsonl_file_with_one_bad_line_goes_on_like_stdin(tmp_path, capsys):
    data = (
        b'{"id": 1, "text": "The minister resigned today."}\n'
        b'{"id": 2, "text": "caf\xe9 \xff\xfe"}\n'
        b'{"id": 3, "text": "El ministro dimiti\xc3\xb3 hoy por la tarde."}\n'
    )
    path = tmp_path / "in.jsonl"
    path.write_bytes(data)
    from_file = run_cli(["detect", "--jsonl", str(path)], capsys=capsys)
    from_stdin = run_cli(["detect", "--jsonl", "-"], stdin=data, capsys=capsys)
    assert from_file.exit_code == from_stdin.exit_code == 6
    assert from_file.stdout == from_stdin.stdout
    rows = [json.loads(line) for line in from_file.stdout.splitlines()]
    assert [r["id"] for r in rows] == [1, None, 3]
    assert "not UTF-8" in rows[1]["error"] and rows[2]["lang"] == "es"


def test_jsonl_lines_are_read_one_at_a_time():
    """Memory stays flat: the reader has not read past the first line when it yields it."""
    from toolkit.files import read_lines

    stream = io.BytesIO(b"first\n" + b"x" * 1_000_000 + b"\n")
    lines = read_lines(stream, "<test>")
    assert next(lines) == b"first\n"
    assert stream.tell() == len(b"first\n")


def test_a_line_over_the_input_limit_on_stdin_is_one_error_line(capsys, monkeypatch):
    monkeypatch.setattr("toolkit.files.MAX_INPUT_BYTES", 1000)
    good = b'{"id": 1, "text": "The minister resigned today."}\n'
    huge = b'{"id": 2, "text": "' + b"word " * 1000 + b'"}\n'
    result = run_cli(["detect", "--jsonl", "-"], stdin=good + huge + good, capsys=capsys)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 6
    assert [r.get("lang") for r in rows] == ["en", None, "en"]
    assert "too large" in rows[1]["error"]


def test_a_big_jsonl_file_is_not_refused_whole(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("toolkit.files.MAX_INPUT_BYTES", 1000)  # the file is 40 times that
    path = tmp_path / "big.jsonl"
    path.write_bytes(b'{"id": 1, "text": "The minister resigned today."}\n' * 800)
    result = run_cli(["detect", "--jsonl", str(path)], capsys=capsys)
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 800


# 3. absurd config values are exit 7 at load


def test_every_number_in_the_config_has_both_bounds():
    for section, cls in SECTIONS.items():
        for f in cls.__dataclass_fields__.values():
            key = f"{section}.{f.name}"
            if f.type in ("int", "float"):
                low, high = RANGES[key]
                assert low is not None and high is not None, key


@pytest.mark.parametrize(
    "toml",
    [
        "[translate]\nthreads = 100000\n",
        "[translate]\nthreads = 1e30\n",
        "[translate]\nnum_beams = 1000000\n",
        '[translate]\nthreads = "2"\n',
        '[translate]\nallow_download = "yes"\n',
        '[summarize]\nlead_bias = "1.0"\n',
    ],
)
def test_absurd_or_mistyped_values_fail_at_load_naming_file_and_key(tmp_path, capsys, toml):
    path = tmp_path / "c.toml"
    path.write_text(toml)
    key = toml.split("\n")[1].split(" =")[0]
    with pytest.raises(ConfigError, match=key) as info:
        Config.load(path, search_default_files=False)
    assert str(path) in str(info.value)
    shown = run_cli(["--config", str(path), "config", "show"], capsys=capsys)
    assert_clean_error(shown, 7, key)


def test_environment_strings_are_still_parsed():
    config = Config.load(env={"TOOLKIT_TRANSLATE_THREADS": "2"}, search_default_files=False)
    assert config.translate.threads == 2


def test_config_dev_null_is_an_empty_file(capsys):
    result = run_cli(["--config", os.devnull, "config", "show", "--json"], capsys=capsys)
    assert result.exit_code == 0, result.stderr


# 4. --out naming a device or FIFO is written through or refused, never replaced


def test_out_char_device_is_written_through_not_replaced(tmp_path, capsys):
    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("mknod needs root")
    (tmp_path / "s.txt").write_text(STORY)
    result = run_cli(
        ["repair", str(tmp_path / "s.txt"), "--lang", "en", "--out", str(node)], capsys=capsys
    )
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISCHR(node.lstat().st_mode)


def test_out_fifo_with_a_reader_gets_the_text(tmp_path, capsys):
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    (tmp_path / "s.txt").write_text(STORY)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader, before the run
    try:
        result = run_cli(
            ["repair", str(tmp_path / "s.txt"), "--lang", "en", "--out", str(fifo)], capsys=capsys
        )
        received = os.read(reader, 1 << 16)
    finally:
        os.close(reader)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert STORY.split(".")[0].encode() in received


def test_out_fifo_without_reader_is_refused(tmp_path, capsys):
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    (tmp_path / "s.txt").write_text(STORY)
    result = run_cli(
        ["repair", str(tmp_path / "s.txt"), "--lang", "en", "--out", str(fifo)], capsys=capsys
    )
    assert_clean_error(result, 8, "no reader")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


# 5. a full disk keeps the report, and the journal lets a later run continue


def _enospc(*args, **kwargs):
    raise OutputError(f"{args[0]}: cannot write ({os.strerror(errno.ENOSPC)})")


def test_manifest_that_cannot_be_written_keeps_report_and_journal(tmp_path, capsys, monkeypatch):
    src = _stories(tmp_path / "in", 3)
    out = tmp_path / "out"
    run_cli(["summarize", str(src), "--to", "en", "--out", str(out)], capsys=capsys)
    (src / "s03.txt").write_text(STORY.replace("Monday", "Friday"))
    monkeypatch.setattr("toolkit.batch.state.write_atomic", _enospc)  # the manifest only
    full = run_cli(["summarize", str(src), "--to", "en", "--out", str(out)], capsys=capsys)
    assert full.exit_code == 8
    assert "1 done, 3 up to date" in full.stdout  # the report reached the user
    assert "manifest not written" in full.stderr and "Traceback" not in full.stderr
    assert (out / JOURNAL).exists() and (out / "s03.summary.en.txt").exists()
    monkeypatch.undo()
    again = run_cli(["summarize", str(src), "--to", "en", "--out", str(out)], capsys=capsys)
    assert again.exit_code == 0, again.stderr
    assert "0 done, 4 up to date" in again.stdout  # the journal carried the progress
    assert not (out / JOURNAL).exists()


@pytest.fixture
def tiny_fs(tmp_path):
    """A 64 KiB tmpfs (root only); skipped with the reason where mount is not possible."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    if shutil.which("mount") is None or os.geteuid() != 0:
        pytest.skip("a tiny filesystem needs root and mount")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    yield mount
    subprocess.run(["umount", str(mount)], check=False)


def test_a_full_disk_reports_each_file_and_a_rerun_continues(tmp_path, tiny_fs, capsys):
    src = _stories(tmp_path / "in", 40)
    for path in src.iterdir():  # about 3 KiB briefs: a few fit, most do not
        path.write_text(path.read_text().strip() * 8 + "\n")
    out = tiny_fs / "out"
    args = ["summarize", str(src), "--to", "en", "--sentences", "40", "--out", str(out)]
    full = run_cli(args, capsys=capsys)
    assert full.exit_code in (6, 8), full.stderr
    assert "Traceback" not in full.stderr
    assert "No space left on device" in full.stdout + full.stderr
    lines = full.stdout.splitlines()
    failed = [line for line in lines if line.strip().startswith("failed")]
    done = int(lines[0].split(": ")[1].split(" done")[0])
    assert done + len(failed) == 40 and failed  # every file has its outcome
    for brief in out.glob("*.summary.en.txt"):  # what is there is complete
        assert brief.read_text().endswith("\n")
    subprocess.run(["mount", "-o", "remount,size=4m", str(tiny_fs)], check=True)
    again = run_cli(args, capsys=capsys)
    assert again.exit_code == 0, again.stderr
    assert f"{40 - done} done, {done} up to date" in again.stdout
    assert (out / MANIFEST).exists()


# 6. the Python API checks its types at the call


@pytest.mark.parametrize(
    "call",
    [
        lambda d: toolkit.summarize(STORY, lang=5),
        lambda d: toolkit.summarize(STORY, sentences="3"),
        lambda d: toolkit.summarize(STORY, words=2.5),
        lambda d: toolkit.translate_tree(d, d.parent / "o", "es", config={}),
        lambda d: toolkit.translate_tree(d, d.parent / "o", [None]),
        lambda d: toolkit.translate_tree(d, d.parent / "o", None),
        lambda d: toolkit.translate_tree(d, d.parent / "o", "es", src=5),
        lambda d: toolkit.summarize_tree(d, d.parent / "o", "en", config="cfg"),
        lambda d: toolkit.Pipeline("cfg"),
    ],
)
def test_wrong_types_raise_input_type_error_at_the_call(tmp_path, call):
    src = _stories(tmp_path / "in", 1)
    with pytest.raises(InputTypeError):
        call(src)
    assert not (tmp_path / "o").exists()


def test_unknown_language_and_zero_length_are_refused(tmp_path):
    with pytest.raises(toolkit.UnsupportedLanguageError):
        toolkit.summarize(STORY, lang="xx")
    with pytest.raises(InputError, match="sentences must be at least 1"):
        toolkit.summarize_tree(_stories(tmp_path / "in", 1), tmp_path / "o", "en", sentences=0)
    assert not (tmp_path / "o").exists()


def test_pipeline_run_takes_one_code_or_a_comma_list_as_a_string():
    with toolkit.Pipeline() as pipeline:
        assert [b.lang for b in pipeline.run(STORY, to="en").briefs] == ["en"]
        with pytest.raises(toolkit.UnsupportedLanguageError, match="'xx'"):
            pipeline.run(STORY, to="en,xx")


# 7. small ones


def test_nan_id_is_an_error_line_not_invalid_json(capsys):
    data = b'{"id": NaN, "text": "The minister resigned today."}\n'
    result = run_cli(["detect", "--jsonl", "-"], stdin=data, capsys=capsys)
    assert result.exit_code == 9  # the only line was bad: nothing produced
    row = json.loads(result.stdout, parse_constant=lambda name: pytest.fail(name))
    assert "NaN" in row["error"]


class _GoneReader(io.TextIOBase):
    """Standard output whose reader exited after the first line (`| head -1`)."""

    encoding = "utf-8"

    def __init__(self) -> None:
        self.written = 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.written += 1
        raise BrokenPipeError(errno.EPIPE, "Broken pipe")


def test_a_reader_gone_early_is_exit_1(tmp_path, monkeypatch):
    """A guard, not a regression test: click already exits 1 for a broken pipe raised
    inside a command; main() adds the last flush (exit 1, not Python's 120)."""
    (tmp_path / "big.txt").write_text(STORY * 200)
    monkeypatch.setattr(sys, "stdout", _GoneReader())
    result = run_cli(["repair", str(tmp_path / "big.txt"), "--lang", "en"])
    assert result.exit_code == 1


def test_repair_out_directory_is_an_output_error(tmp_path, capsys):
    (tmp_path / "s.txt").write_text(STORY)
    result = run_cli(["repair", str(tmp_path / "s.txt"), "--out", str(tmp_path)], capsys=capsys)
    assert_clean_error(result, 8, "is a directory")


def test_sigterm_during_a_folder_run_ends_cleanly_and_releases_the_lock(
    tmp_path, capsys, monkeypatch
):
    from toolkit.batch.runner import BatchRun

    src = _stories(tmp_path / "in", 3)
    out = tmp_path / "out"
    finish = BatchRun.finish

    def finish_then_terminated(self, job, failed=None):
        finish(self, job, failed)
        os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr(BatchRun, "finish", finish_then_terminated)
    handler = signal.getsignal(signal.SIGTERM)
    result = run_cli(["summarize", str(src), "--to", "en", "--out", str(out)], capsys=capsys)
    assert_clean_error(result, 143, "terminated")
    with open(out / LOCK, "a+b") as lock:  # released: another run may take it at once
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    assert signal.getsignal(signal.SIGTERM) == handler  # main() put the old handler back


def test_a_fifo_input_says_it_waits_and_sigterm_ends_the_wait(tmp_path):
    fifo = tmp_path / "in.fifo"
    os.mkfifo(fifo)
    proc = subprocess.Popen(
        [sys.executable, "-m", "toolkit", "detect", str(fifo)],
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    note = proc.stderr.readline().decode()  # blocks until the note is printed
    assert "waiting for a writer" in note and str(fifo) in note
    proc.send_signal(signal.SIGTERM)
    _out, err = proc.communicate(timeout=30)
    assert proc.returncode == 143
    assert err.decode().strip() == "terminated"
