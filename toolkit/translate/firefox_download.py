"""Download a Firefox Translations model pair (``toolkit models pull firefox:en-es``).

Mozilla publishes the models in the `mozilla/firefox-translations-models` repository,
one directory per pair (``models/<tier>/<src><tgt>/``) holding gzipped files:
``model.<pair>.intgemm.alphas.bin.gz``, ``lex.50.50.<pair>.s2t.bin.gz`` and
``vocab.<pair>.spm.gz`` (or ``srcvocab``/``trgvocab`` for split vocabularies). The files
are Git LFS objects, served at ``translate.firefox_url`` (by default GitHub's media
host). Tiers are tried in `TIERS` order; the first that has the weights wins.

A pull writes into a temporary directory next to the destination, unpacks each file as
it streams (memory stays flat), checks that the result is a Bergamot model directory and
only then renames it into place: an interrupted or failed pull never leaves a half model
where the `Translator` would find it, and never touches a model already there.

Only the request code is exercised here (its tests serve the bundled en<->pt files from
a loopback HTTP server): the machines this was built on have no route to GitHub.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import urllib.error
import urllib.request
import zlib
from pathlib import Path
from typing import BinaryIO

from toolkit.errors import ModelUnavailableError
from toolkit.translate.bergamot_files import model_files

#: the repository's model tiers, best first (newer layouts first, the legacy one last)
TIERS = ("base-memory", "base", "tiny", "prod")
TIMEOUT_S = 30.0
_CHUNK = 1 << 20
_LFS_POINTER = b"version https://git-lfs"
_PAIR = re.compile(r"[a-z]{2,3}-[a-z]{2,3}")


def download(pair: str, dest: Path, base_url: str) -> Path:
    """Fetch `pair` (``en-es``) into `dest`; return `dest`. Raises `ModelUnavailableError`."""
    ref = f"firefox:{pair}"
    if not _PAIR.fullmatch(pair):
        raise ModelUnavailableError(ref, hint="a Firefox Translations pair looks like en-es")
    compact = pair.replace("-", "")
    dest.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=dest.parent, prefix=f".{dest.name}-") as tmp:
        staging = Path(tmp) / "model"
        staging.mkdir()
        tier = _fetch_weights(ref, compact, base_url, staging)
        folder = f"{base_url.rstrip('/')}/{tier}/{compact}"
        _fetch_first(ref, folder, [f"lex.50.50.{compact}.s2t.bin.gz"], staging, required=False)
        if not _fetch_first(ref, folder, [f"vocab.{compact}.spm.gz"], staging, required=False):
            for name in (f"srcvocab.{compact}.spm.gz", f"trgvocab.{compact}.spm.gz"):
                _fetch_first(ref, folder, [name], staging, required=True)
        if model_files(staging) is None:
            raise ModelUnavailableError(ref, hint=f"{folder} is not a complete model")
        if model_files(dest) is not None:
            return dest  # pulled meanwhile by another process: keep that one
        if dest.exists():
            shutil.rmtree(dest)  # a leftover without a model in it (never a working model)
        staging.rename(dest)
    return dest


def _fetch_weights(ref: str, compact: str, base_url: str, staging: Path) -> str:
    """Download the weights from the first tier that has them; return that tier."""
    for tier in TIERS:
        folder = f"{base_url.rstrip('/')}/{tier}/{compact}"
        if _fetch_first(ref, folder, [f"model.{compact}.intgemm.alphas.bin.gz"], staging):
            return tier
    raise ModelUnavailableError(
        ref, hint=f"no Firefox Translations model for {ref[8:]} under {base_url}"
    )


def _fetch_first(
    ref: str, folder: str, names: list[str], staging: Path, *, required: bool = False
) -> bool:
    """Download and unpack the first of `names` that `folder` has; False if none."""
    for name in names:
        url = f"{folder}/{name}"
        target = staging / name.removesuffix(".gz")
        try:
            with urllib.request.urlopen(url, timeout=TIMEOUT_S) as response:
                _unpack(response, target, url, ref)
            return True
        except urllib.error.HTTPError as exc:
            if exc.code != 404:
                raise ModelUnavailableError(ref, hint=f"{url}: HTTP {exc.code}") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", None) or exc
            raise ModelUnavailableError(ref, hint=f"cannot download {url}: {reason}") from None
    if required:
        raise ModelUnavailableError(ref, hint=f"{folder}/{names[0]} is missing")
    return False


def _unpack(response: BinaryIO, target: Path, url: str, ref: str) -> None:
    """Stream a gzipped (or, from a plain mirror, an unpacked) file to `target`, a
    bounded piece at a time: memory stays flat however well the file compresses."""
    chunk = response.read(_CHUNK)
    if chunk.startswith(_LFS_POINTER):
        raise ModelUnavailableError(ref, hint=f"{url} is a Git LFS pointer, not the file")
    inflate = zlib.decompressobj(zlib.MAX_WBITS | 16) if chunk[:2] == b"\x1f\x8b" else None
    try:
        with target.open("wb") as out:
            while chunk:
                if inflate is None:
                    out.write(chunk)
                else:
                    while chunk:
                        out.write(inflate.decompress(chunk, _CHUNK))
                        chunk = inflate.unconsumed_tail
                chunk = response.read(_CHUNK)
            if inflate is not None:
                out.write(inflate.flush())
            if inflate is not None and not inflate.eof:
                raise zlib.error("the file ends before its compressed data does")
    except zlib.error as exc:
        raise ModelUnavailableError(ref, hint=f"{url}: corrupt download ({exc})") from None
