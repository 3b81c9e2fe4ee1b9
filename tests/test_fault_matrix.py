"""The fault matrix: bad inputs, folder faults and config values, one table row each.

Every row runs the real CLI in-process and asserts the same four things: no traceback,
the documented exit code it should end with, the input left exactly as it was, and no
half-written output (no temporary file left, every output named in the report on disk).
To add a case, add a `Case` to `CASES`: a name, a setup that builds the input under
``tmp/in`` and returns the command line, and the exit code it must end with.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from cli_helpers import run_cli

from toolkit.errors import EXIT_CODES

DOCUMENTED = set(EXIT_CODES.values())
STORY = (
    "The council met on Monday. It approved the budget after a long debate. "
    "The mayor spoke about new roads. Residents said they were pleased.\n"
)


@dataclass
class Case:
    name: str
    setup: Callable[[Path], list[str]]  # builds tmp/in, returns the arguments
    code: int
    stdin: bytes = b""
    env: dict[str, str] = field(default_factory=dict)
    fragment: str = ""  # must appear in stderr or stdout
    limit: int | None = None  # patched input size limit (toolkit.files.MAX_INPUT_BYTES)


def _file(name: str, data: bytes | str, *args: str) -> Callable[[Path], list[str]]:
    """Setup: one input file `in/name`; `{in}` and `{tmp}` in `args` are filled in."""

    def setup(tmp: Path) -> list[str]:
        path = tmp / "in" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode() if isinstance(data, str) else data)
        return [a.format(in_=path, tmp=tmp) for a in args]

    return setup


def _folder(extra: Callable[[Path], None], *args: str) -> Callable[[Path], list[str]]:
    """Setup: `in/` with one good story plus what `extra` adds; summarize it into tmp/out."""

    def setup(tmp: Path) -> list[str]:
        src = tmp / "in"
        src.mkdir()
        (src / "good.txt").write_text(STORY)
        extra(src)
        rest = [a.format(in_=src, tmp=tmp) for a in args]
        return rest or ["summarize", str(src), "--to", "en", "--out", str(tmp / "out")]

    return setup


def _config(toml: str, *command: str) -> Callable[[Path], list[str]]:
    def setup(tmp: Path) -> list[str]:
        (tmp / "in").mkdir()
        (tmp / "in" / "c.toml").write_text(toml)
        (tmp / "in" / "story.txt").write_text(STORY)
        cmd = [c.format(in_=tmp / "in") for c in command] or ["config", "show"]
        return ["--config", str(tmp / "in" / "c.toml"), *cmd]

    return setup


def _loop(src: Path) -> None:
    os.symlink("b.txt", src / "a.txt")
    os.symlink("a.txt", src / "b.txt")


def _fifo_in(src: Path) -> None:
    os.mkfifo(src / "pipe.txt")


def _char_device(tmp: Path) -> list[str]:
    (tmp / "in").mkdir()
    (tmp / "in" / "s.txt").write_text(STORY)
    node = tmp / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("mknod needs root")
    return ["repair", str(tmp / "in" / "s.txt"), "--lang", "en", "--out", str(node)]


def _fifo_out(tmp: Path) -> list[str]:
    (tmp / "in").mkdir()
    (tmp / "in" / "s.txt").write_text(STORY)
    os.mkfifo(tmp / "out.fifo")
    return ["repair", str(tmp / "in" / "s.txt"), "--lang", "en", "--out", str(tmp / "out.fifo")]


def _jsonl(lines: list[bytes]) -> bytes:
    return b"\n".join(lines) + b"\n"


GOOD_LINE = b'{"id": 1, "text": "The minister resigned today after the vote."}'
CASES = [
    # bad inputs
    Case("missing file", lambda t: ["detect", str(t / "nope.txt")], 3, fragment="no such file"),
    Case("directory as FILE", lambda t: (t / "in").mkdir() or ["detect", str(t / "in")], 3),
    Case("binary file", _file("x.txt", b"\x00\x01\x02" * 50, "detect", "{in_}"), 3),
    Case(
        "utf-16 without BOM",
        _file("u.txt", "Hello there".encode("utf-16-le"), "detect", "{in_}"),
        3,
    ),
    Case("empty file", _file("e.txt", b"", "summarize", "{in_}", "--to", "en"), 3),
    Case("stdin over the limit", lambda t: ["detect", "-"], 3, stdin=b"a" * 5000, limit=1000),
    Case(
        "jsonl FILE, one line not UTF-8",
        _file(
            "l.jsonl",
            _jsonl([GOOD_LINE, b'{"id": 2, "text": "caf\xe9 \xff"}']),
            "detect",
            "--jsonl",
            "{in_}",
        ),
        6,
        fragment="not UTF-8",
    ),
    Case(
        "jsonl, a NaN id",
        _file(
            "n.jsonl",
            _jsonl([GOOD_LINE, b'{"id": NaN, "text": "hola"}']),
            "detect",
            "--jsonl",
            "{in_}",
        ),
        6,
        fragment="NaN is not valid JSON",
    ),
    Case(
        "jsonl stdin, one line over the limit",
        lambda t: ["detect", "--jsonl", "-"],
        6,
        stdin=_jsonl([GOOD_LINE, b'{"id": 2, "text": "' + b"a" * 3000 + b'"}', GOOD_LINE]),
        fragment="too large",
        limit=1000,
    ),
    Case("unknown target language", _file("s.txt", STORY, "summarize", "{in_}", "--to", "xx"), 4),
    # outputs
    Case("repair --out DIR", _file("s.txt", STORY, "repair", "{in_}", "--out", "{tmp}"), 8),
    Case("--out is the input", _file("s.txt", STORY, "repair", "{in_}", "--out", "{in_}"), 8),
    Case("--out a character device", _char_device, 0),
    Case("--out a FIFO without reader", _fifo_out, 8, fragment="no reader"),
    # folder faults
    Case("symlink loop in folder", _folder(_loop), 0, fragment="broken symlink"),
    Case("FIFO in folder", _folder(_fifo_in), 0, fragment="not a regular file"),
    Case("binary file in folder", _folder(lambda s: (s / "bin.txt").write_bytes(b"\x00" * 99)), 6),
    Case(
        "missing folder",
        lambda t: ["summarize", str(t / "nope"), "--to", "en", "--out", str(t / "o")],
        3,
    ),
    Case(
        "out folder is a file",
        _folder(
            lambda s: (s.parent / "o").write_text("x"),
            "summarize",
            "{in_}",
            "--to",
            "en",
            "--out",
            "{tmp}/o",
        ),
        8,
    ),
    Case(
        "out folder is the input",
        _folder(lambda s: None, "summarize", "{in_}", "--to", "en", "--out", "{in_}"),
        8,
    ),
    # config values
    Case("threads = 100000", _config("[translate]\nthreads = 100000\n"), 7, fragment="at most"),
    Case("threads = 1e30", _config("[translate]\nthreads = 1e30\n"), 7, fragment="at most"),
    Case(
        "num_beams = 1000000", _config("[translate]\nnum_beams = 1000000\n"), 7, fragment="at most"
    ),
    Case("batch_tokens = 10**12", _config("[translate]\nbatch_tokens = 1000000000000\n"), 7),
    Case("sentences = 10**9", _config("[summarize]\nsentences = 1000000000\n"), 7),
    Case("max_new_tokens = 10**9", _config("[summarize]\nmax_new_tokens = 1000000000\n"), 7),
    Case("chunk_chars = 10**12", _config("[batch]\nchunk_chars = 1000000000000\n"), 7),
    Case("threads = '2' (string)", _config('[translate]\nthreads = "2"\n'), 7, fragment="bad type"),
    Case(
        "allow_download = 'yes'",
        _config('[translate]\nallow_download = "yes"\n'),
        7,
        fragment="bad type",
    ),
    Case("sentences = 0", _config("[summarize]\nsentences = 0\n"), 7),
    Case("bad TOML", _config("[translate\n"), 7),
    Case("unknown key", _config("[translate]\nthread = 2\n"), 7),
    Case(
        "absurd config, real command",
        _config(
            "[summarize]\nsentences = 99999999\n", "summarize", "{in_}/story.txt", "--to", "en"
        ),
        7,
    ),
    Case(
        "env threads = 999999",
        lambda t: ["config", "show"],
        7,
        env={"TOOLKIT_TRANSLATE_THREADS": "999999"},
    ),
    Case("--config /dev/null", lambda t: ["--config", os.devnull, "config", "show"], 0),
]


def _snapshot(root: Path) -> dict[str, object]:
    """Every entry under `root`: file bytes, link targets, kinds of special files."""
    found: dict[str, object] = {}
    if not root.exists():
        return found
    for current, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(current, name)
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                found[str(path)] = ("link", os.readlink(path))
            elif stat.S_ISREG(info.st_mode):
                found[str(path)] = path.read_bytes()
            else:
                found[str(path)] = stat.S_IFMT(info.st_mode)
    return found


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fault_ends_cleanly(case, tmp_path, capsys, monkeypatch):
    for var, value in case.env.items():
        monkeypatch.setenv(var, value)
    if case.limit is not None:
        monkeypatch.setattr("toolkit.files.MAX_INPUT_BYTES", case.limit)
    args = case.setup(tmp_path)
    special = {
        p: stat.S_IFMT(p.lstat().st_mode)
        for p in tmp_path.iterdir()
        if p.is_file() is False and not p.is_dir()
    }
    before = _snapshot(tmp_path / "in")

    result = run_cli(args, stdin=case.stdin, capsys=capsys)

    assert "Traceback" not in result.stderr + result.stdout
    assert "internal error" not in result.stderr
    assert result.exit_code in DOCUMENTED
    assert result.exit_code == case.code, (result.exit_code, result.stderr)
    if case.fragment:
        assert case.fragment in result.stderr + result.stdout
    assert _snapshot(tmp_path / "in") == before, "the input changed"
    for path, kind in special.items():  # a device or FIFO is never replaced by a file
        assert stat.S_IFMT(path.lstat().st_mode) == kind
    leftovers = [p for p in tmp_path.rglob("*.tmp") if p.name.startswith(".")]
    assert not leftovers, leftovers
    if "--jsonl" in args:  # every line printed is valid (strict) JSON
        for line in result.stdout.splitlines():
            json.loads(line, parse_constant=lambda name: pytest.fail(f"{name} in output"))
    out = tmp_path / "out"
    if out.is_dir():  # each output the manifest lists is there and not empty
        manifest = json.loads((out / ".toolkit-manifest.json").read_text())
        for per_file in manifest.get("summarize", {}).values():
            for entry in per_file.values():
                assert (out / entry["output"]).stat().st_size > 0
