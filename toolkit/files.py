"""Reading user input as text and writing outputs atomically.

Inputs are never modified. Text is decoded from UTF-8 (with or without BOM), UTF-16/32
with a BOM, or, as a last resort, a legacy single-byte encoding (with a warning).
Binary data, directories and unreadable paths are refused with an `InputError`.
Line endings and blank lines are kept exactly as they are. Pipes (standard input, or
``<(command)`` process substitution) are read like files, up to the same size limit.

`check_output` refuses an output path that names an input (also through a symlink or a
hard link), so a command can never overwrite the text it reads.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
import sys
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from toolkit.errors import InputError, OutputError

MAX_INPUT_BYTES = 50 * 1024 * 1024
READ_HINT = "pass a readable UTF-8/UTF-16 text file, or - for standard input"
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LEGACY_ENCODINGS = ("cp1252", "latin-1")


@dataclass
class InputText:
    """Decoded text of one input, with how it was decoded."""

    text: str
    name: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def read_input(source: str | os.PathLike[str], *, stdin: bytes | None = None) -> InputText:
    """Read a path, or ``"-"`` for standard input, as text.

    Raises `InputError` with a one-line message for missing, unreadable, binary,
    oversized or undecodable input, and for directories.
    """
    if str(source) == "-":
        if stdin is not None:
            return decode_bytes(_check_size(stdin, "<stdin>"), "<stdin>")
        return decode_bytes(_read_limited(stdin_bytes(), "<stdin>"), "<stdin>")
    path = Path(source)
    with open_input(path) as handle:
        try:
            data = _read_limited(handle, str(path))
        except OSError as exc:
            raise _unreadable(f"{path}: cannot read ({exc.strerror or exc})") from exc
    return decode_bytes(data, str(path))


def open_input(path: Path, *, whole: bool = True) -> BinaryIO:
    """Open an input file for binary reading, with `read_input`'s checks (missing,
    directory, special file, permission, and over the size limit when it is read
    `whole`) as one-line `InputError`s. Callers that stream a file line by line
    (``detect --jsonl FILE``) pass ``whole=False`` and bound each line instead."""
    if not path.exists():
        raise _unreadable(f"{path}: no such file")
    if path.is_dir():
        raise _unreadable(f"{path}: is a directory, not a file")
    try:
        info = path.stat()
        if not (
            stat.S_ISREG(info.st_mode) or stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode)
        ):
            raise _unreadable(f"{path}: not a regular file")
        if whole and stat.S_ISREG(info.st_mode) and info.st_size > MAX_INPUT_BYTES:
            raise InputError(
                f"{path}: too large ({info.st_size} bytes, limit {MAX_INPUT_BYTES})",
                hint="split the file",
            )
        return _open_input(path, stat.S_ISFIFO(info.st_mode))
    except PermissionError as exc:
        raise _unreadable(f"{path}: permission denied") from exc
    except OSError as exc:
        raise _unreadable(f"{path}: cannot read ({exc.strerror or exc})") from exc


def read_lines(stream: BinaryIO, name: str) -> Iterator[bytes | InputError]:
    """The lines of a stream one at a time (memory stays flat), each at most
    `MAX_INPUT_BYTES` like a whole input: a longer line is yielded as an `InputError`
    and skipped to its end, so one bad line never ends the stream."""
    number = 0
    while True:
        raw = stream.readline(MAX_INPUT_BYTES + 1)
        if not raw:
            return
        number += 1
        if len(raw) <= MAX_INPUT_BYTES or raw.endswith(b"\n"):
            yield raw
            continue
        while raw and not raw.endswith(b"\n"):
            raw = stream.readline(1024 * 1024)
        yield InputError(
            f"{name}: line {number} too large (more than {MAX_INPUT_BYTES} bytes)",
            hint="split the line",
        )


FIFO_WAIT_NOTE_SECONDS = 1.0


def _open_input(path: Path, fifo: bool) -> BinaryIO:
    """Open `path` for reading. Opening a named pipe blocks until a writer opens it, so
    if that takes over `FIFO_WAIT_NOTE_SECONDS` a note on stderr says what the run waits
    for (a FIFO is never a silent hang; Ctrl-C or SIGTERM ends the wait)."""
    if not fifo:
        return path.open("rb")
    import threading

    def note() -> None:
        sys.stderr.write(f"note: {path} is a named pipe (FIFO): waiting for a writer\n")
        sys.stderr.flush()

    timer = threading.Timer(FIFO_WAIT_NOTE_SECONDS, note)
    timer.daemon = True
    timer.start()
    try:
        return path.open("rb")
    finally:
        timer.cancel()


def _unreadable(message: str) -> InputError:
    """An input that cannot be read as text, with the hint that says what can be."""
    return InputError(message, hint=READ_HINT)


def stdin_bytes() -> BinaryIO:
    """Standard input as a binary stream; `InputError` when the process has none (``<&-``)."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise InputError("standard input is closed", hint="pass a FILE, or pipe text in")
    return stream


def _read_limited(stream: BinaryIO, name: str) -> bytes:
    """Read a file or pipe to its end, refusing more than `MAX_INPUT_BYTES`.

    Reading one byte past the limit (rather than trusting a size from `stat`) also
    bounds pipes and devices, which report no size.
    """
    return _check_size(stream.read(MAX_INPUT_BYTES + 1), name)


def _check_size(data: bytes, name: str) -> bytes:
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(
            f"{name}: too large (more than {MAX_INPUT_BYTES} bytes)", hint="split the file"
        )
    return data


def decode_bytes(data: bytes, name: str = "<bytes>") -> InputText:
    """Decode raw bytes as text following the rules in the module docstring."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise _unreadable(f"{name}: invalid {encoding} text ({exc.reason})") from exc
            return InputText(text.lstrip("\ufeff"), name, encoding)
    if b"\x00" in data:
        if _utf16_without_bom(data):
            raise InputError(
                f"{name}: looks like UTF-16 without a byte-order mark",
                hint="save it as UTF-8, or as UTF-16 with a BOM",
            )
        raise _unreadable(f"{name}: looks like a binary file (contains NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _refuse_binary_looking(text, name)
        return InputText(text, name, "utf-8")
    for encoding in _LEGACY_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        _refuse_binary_looking(text, name)
        return InputText(
            text,
            name,
            encoding,
            [f"{name}: not valid UTF-8; decoded as {encoding}, check accented letters"],
        )
    raise _unreadable(f"{name}: cannot decode as text")  # pragma: no cover - latin-1 decodes all


def _utf16_without_bom(data: bytes) -> bool:
    """Whether NUL bytes sit in every other byte, as in UTF-16 text of mostly Latin letters.

    Only used to word the refusal: without a BOM the byte order is a guess, so such a
    file is still refused rather than decoded.
    """
    sample = data[:4096]
    half = len(sample) // 2
    if half < 4:
        return False
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    return max(even, odd) >= 0.6 * half and min(even, odd) < 0.1 * half


def _refuse_binary_looking(text: str, name: str) -> None:
    """Refuse text where control characters are common: it is almost surely binary."""
    sample = text[:8192]
    if not sample:
        return
    controls = sum(
        1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f\v"
    )
    if controls / len(sample) > 0.05:
        raise _unreadable(f"{name}: looks like a binary file, not text")


def check_output(path: str | os.PathLike[str], *inputs: str | os.PathLike[str] | None) -> None:
    """Refuse an output path that is one of the `inputs` (``"-"`` and None are skipped).

    Paths are compared after resolving symlinks and ``..``, and as files (same device
    and inode: a hard link), so no spelling of the input's path can overwrite it.
    Commands call this before doing any work, so a refusal costs nothing.
    """
    out = Path(os.path.realpath(path))
    for source in inputs:
        if source is None or str(source) == "-":
            continue
        same = out == Path(os.path.realpath(source))
        if not same and out.exists() and Path(source).exists():
            try:
                same = os.path.samefile(out, source)
            except OSError:
                same = False
        if same:
            raise OutputError(
                f"{path}: is the input file {source}; refusing to overwrite an input",
                hint="write to another path",
            )


def write_atomic(path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8") -> None:
    """Write text to `path` so readers never see a partial file.

    The text goes to a temporary file in the same directory, is flushed to disk and
    then renamed over the target. A symlink at `path` is followed (its target is
    replaced, the link stays); the file gets the mode of the file it replaces, or
    the usual mode for a new file (0666 less the umask), not the temporary file's 0600.
    An existing character device or FIFO is written through, never replaced (see
    `_write_through`).
    """
    target = Path(os.path.realpath(path))
    if target.is_dir():
        raise OutputError(f"{path}: is a directory")
    if target.exists() and not target.is_file():
        _write_through(path, target, text, encoding)
        return
    parent = target.parent
    if parent.exists() and not parent.is_dir():
        raise OutputError(f"{path}: {parent} is not a directory")
    try:
        mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else _new_file_mode()
        parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from exc
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from exc
        raise


def _write_through(path: str | os.PathLike[str], target: Path, text: str, encoding: str) -> None:
    """Write to an existing non-regular file the way a shell redirection does: a character
    device (``/dev/null``, ``/dev/stdout``, a terminal) or a FIFO with a reader gets the
    text; it is never replaced by a regular file. A FIFO without a reader (the write would
    block forever) and other kinds (block devices, sockets) are refused."""
    mode = target.stat().st_mode
    if not (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
        raise OutputError(f"{path}: not a regular file, a character device or a FIFO")
    flags = os.O_WRONLY | (os.O_NONBLOCK if stat.S_ISFIFO(mode) else 0)
    try:
        fd = os.open(target, flags)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise OutputError(
                f"{path}: is a FIFO with no reader; nothing would read the output",
                hint="start the reader first, or choose a regular file",
            ) from exc
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from exc
    try:
        os.set_blocking(fd, True)
        with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
            handle.write(text)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from exc


def _new_file_mode() -> int:
    """0666 less the process umask: the mode `open()` would give a new file.

    Linux reports the umask in /proc (thread-safe); elsewhere it is read by setting it.
    """
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
