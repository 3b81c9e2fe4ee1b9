"""Reading user input as text and writing outputs atomically.

Inputs are never modified. Text is decoded from UTF-8 (with or without BOM), UTF-16/32
with a BOM, or, as a last resort, a legacy single-byte encoding (with a warning).
Binary data, directories and unreadable paths are refused with an `InputError`.
Line endings and blank lines are kept exactly as they are.
"""

from __future__ import annotations

import codecs
import os
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.errors import InputError, OutputError

MAX_INPUT_BYTES = 50 * 1024 * 1024
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
        data = stdin if stdin is not None else sys.stdin.buffer.read()
        return decode_bytes(data, "<stdin>")
    path = Path(source)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a file")
    if not path.is_file():
        raise InputError(f"{path}: not a regular file")
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputError(
                f"{path}: too large ({size} bytes, limit {MAX_INPUT_BYTES})",
                hint="split the file",
            )
        data = path.read_bytes()
    except PermissionError as exc:
        raise InputError(f"{path}: permission denied") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    return decode_bytes(data, str(path))


def decode_bytes(data: bytes, name: str = "<bytes>") -> InputText:
    """Decode raw bytes as text following the rules in the module docstring."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"{name}: invalid {encoding} text ({exc.reason})") from exc
            return InputText(text.lstrip("\ufeff"), name, encoding)
    if b"\x00" in data:
        raise InputError(f"{name}: looks like a binary file (contains NUL bytes)")
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
    raise InputError(f"{name}: cannot decode as text")  # pragma: no cover - latin-1 decodes all


def _refuse_binary_looking(text: str, name: str) -> None:
    """Refuse text where control characters are common: it is almost surely binary."""
    sample = text[:8192]
    if not sample:
        return
    controls = sum(
        1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f\v"
    )
    if controls / len(sample) > 0.05:
        raise InputError(f"{name}: looks like a binary file, not text")


def write_atomic(path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8") -> None:
    """Write text to `path` so readers never see a partial file.

    The text goes to a temporary file in the same directory, is flushed to disk and
    then renamed over the target.
    """
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"{target}: is a directory")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write ({exc.strerror or exc})") from exc
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(f"{target}: cannot write ({exc.strerror or exc})") from exc
        raise
