"""py3langid's model, decoded once per machine and mapped into memory after that.

py3langid ships its model as an xz-compressed npz (4.5 MB on disk, 68 MB decoded: a
byte-level DFA and a naive Bayes table). Decompressing and unpacking it took about
0.6 s in every process that asked the third opinion (`toolkit.detect_langid`), most of
a first call's time. The first process that needs it decodes it with py3langid's own
loader and writes the decoded arrays, uncompressed, to one file in the user cache
directory (``<user cache dir>/toolkit/py3langid/``); later processes map that file
(mmap) and read it in tens of milliseconds. The arrays are the very ones py3langid
decodes, so every classification is identical with or without the cache.

The cache is never trusted blindly: its name and header carry a key (this format's
version, py3langid's version and the SHA-256 of its model file), its header the exact
file size and a CRC-32 of every byte after the header. A stale, truncated or corrupt
file fails these checks and is rebuilt; it is written to a temporary file and renamed
into place (atomic), so a reader never sees half a file. Where the cache directory
cannot be written, the model is decoded in memory as before (slower, same results).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import mmap
import os
import struct
import tempfile
import threading
import zlib
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

FORMAT = 1
_MAGIC = b"toolkit py3langid cache\n"
_PREFIX = struct.Struct("<QI")  # after the magic: header length, header CRC-32
_ALIGN = 64
_ARRAYS = ("ptc", "pc", "nextmove", "nextmove_row", "out_feat")


class LangidModel(NamedTuple):
    """py3langid's model, as `py3langid.modelio.load_model` returns it.

    The integer tables are sequences of Python ints (stdlib arrays when decoded,
    memoryviews of the mapped file when read from the cache): py3langid's DFA walk
    indexes them one byte of text at a time, which numpy scalars would slow down.
    """

    ptc: np.ndarray  # (features, classes) float16 log-probabilities
    pc: np.ndarray  # (classes,) float32 priors
    classes: list[str]
    nextmove: Any  # DFA transition rows, 256 per distinct row
    row: Any  # DFA state -> its row
    output: Any  # DFA state -> feature emitted there (-1: none)

    def identifier(self) -> Any:
        """py3langid's `LanguageIdentifier` over these arrays (normalised probabilities)."""
        from py3langid.langid import LanguageIdentifier

        return LanguageIdentifier(
            self.ptc,
            self.pc,
            self.classes,
            self.nextmove,
            self.output,
            norm_probs=True,
            tk_row=self.row,
        )


def default_dir() -> Path:
    """``<user cache dir>/toolkit/py3langid``."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("toolkit")) / "py3langid"


def load(source: Path, cache_dir: Path | None = None, *, background: bool = True) -> LangidModel:
    """The model in py3langid's file `source`, from the cache when it holds a valid copy.

    A missing, stale or corrupt copy is decoded from `source` and written to the cache
    (and the copies other py3langid versions left are removed): with `background`, by a
    thread, so the first call does not wait for 68 MB to reach the disk (the interpreter
    waits for it at exit). An unwritable cache directory only costs time.
    """
    key = cache_key(source)
    path = cache_file(source, cache_dir, key)
    cached = _read(path, key)
    if cached is not None:
        return cached
    from py3langid.modelio import load_model

    ptc, pc, classes, nextmove, row, output = load_model(source)
    model = LangidModel(ptc, pc, classes, nextmove, row, output)
    if background:
        threading.Thread(target=_store, args=(path, key, model), name="langid-cache").start()
    else:
        _store(path, key, model)
    return model


def cache_file(source: Path, cache_dir: Path | None = None, key: str | None = None) -> Path:
    """Where the decoded copy of py3langid's model file `source` lives (or would)."""
    folder = default_dir() if cache_dir is None else cache_dir
    return folder / f"model-{cache_key(source) if key is None else key}.bin"


def _store(path: Path, key: str, model: LangidModel) -> None:
    """Write the cache file; failing to (read-only or full disk) is not an error."""
    with contextlib.suppress(OSError, ValueError):
        _write(path, key, model)
        _remove_others(path.parent, path)


def cache_key(source: Path) -> str:
    """This format, py3langid's version and its model file's hash, as a file-name key."""
    import py3langid

    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
    return f"{FORMAT}-{py3langid.__version__}-{digest}"


def _read(path: Path, key: str) -> LangidModel | None:
    """The model in `path` if the file is complete, uncorrupted and made for `key`."""
    try:
        with path.open("rb") as handle:
            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # missing, unreadable, or empty (cannot be mapped)
        return None
    try:
        model = _parse(memoryview(mapped), key)
    except (ValueError, KeyError, TypeError, IndexError, struct.error):
        model = None
    if model is None:
        with contextlib.suppress(BufferError):
            mapped.close()
    return model  # its arrays keep the mapping open as long as they live


def _parse(view: memoryview, key: str) -> LangidModel | None:
    """Check the header's CRC, key and size and the body's CRC; then the arrays in place."""
    if view[: len(_MAGIC)] != _MAGIC:
        return None
    length, header_crc = _PREFIX.unpack_from(view, len(_MAGIC))
    start = len(_MAGIC) + _PREFIX.size
    raw = bytes(view[start : start + length])
    if zlib.crc32(raw) != header_crc:
        return None
    header = json.loads(raw)
    body = header["body"]
    if (
        header["format"] != FORMAT
        or header["key"] != key
        or header["size"] != len(view)
        or header["crc32"] != zlib.crc32(view[body:])
    ):
        return None
    arrays = {}
    for name in _ARRAYS:
        dtype, shape, offset = header["arrays"][name]
        count = int(np.prod(shape))
        arrays[name] = np.frombuffer(view, dtype=dtype, count=count, offset=offset).reshape(shape)
    classes = [str(label) for label in header["classes"]]
    if not len(classes) == len(arrays["pc"]) == arrays["ptc"].shape[1]:
        return None
    if len(arrays["nextmove_row"]) != len(arrays["out_feat"]):
        return None
    return LangidModel(
        arrays["ptc"],
        arrays["pc"],
        classes,
        memoryview(arrays["nextmove"]),
        memoryview(arrays["nextmove_row"]),
        memoryview(arrays["out_feat"]),
    )


def _write(path: Path, key: str, model: LangidModel) -> None:
    """Write `model` to `path` atomically: a temporary file renamed into place."""
    arrays = {
        "ptc": np.ascontiguousarray(model.ptc),
        "pc": np.ascontiguousarray(model.pc),
        "nextmove": np.asarray(model.nextmove),
        "nextmove_row": np.asarray(model.row),
        "out_feat": np.asarray(model.output, dtype=np.int32),
    }
    # The header (offsets, CRC) is written last, into room left before the arrays.
    body = _aligned(len(_MAGIC) + _PREFIX.size + 4096 + 64 * len(model.classes))
    placed: dict[str, list[Any]] = {}
    offset = body
    for name, array in arrays.items():
        placed[name] = [array.dtype.str, list(array.shape), offset]
        offset = _aligned(offset + array.nbytes)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.seek(body)
            crc = 0
            for name, array in arrays.items():
                pad = b"\0" * (placed[name][2] - handle.tell())
                data = array.tobytes()
                crc = zlib.crc32(data, zlib.crc32(pad, crc))
                handle.write(pad)
                handle.write(data)
            header = json.dumps(
                {
                    "format": FORMAT,
                    "key": key,
                    "size": handle.tell(),
                    "body": body,
                    "crc32": crc,
                    "classes": list(model.classes),
                    "arrays": placed,
                }
            ).encode("utf-8")
            head = _MAGIC + _PREFIX.pack(len(header), zlib.crc32(header)) + header
            if len(head) > body:
                raise ValueError("py3langid cache header too long")  # room is ample: never
            handle.seek(0)
            handle.write(head)  # no fsync: a file a crash left half-written fails the CRC
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _remove_others(folder: Path, keep: Path) -> None:
    """Delete the copies other keys left (another py3langid version): 68 MB each."""
    for other in folder.glob("model-*.bin"):
        if other != keep:
            with contextlib.suppress(OSError):
                other.unlink()


def _aligned(offset: int) -> int:
    return -(-offset // _ALIGN) * _ALIGN
