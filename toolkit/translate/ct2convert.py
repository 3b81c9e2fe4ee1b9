"""Convert a transformers seq2seq model to CTranslate2 once, into a shared on-disk cache.

The ``ct2`` engine runs converted models. A conversion is keyed by the model (hub id, or
the resolved path of a local directory), its weights' fingerprint (the hub revision, or a
digest of a local directory's file names, sizes and modification times:
`LocalModel.fingerprint`) and the quantization, so a changed model or another quantization
gets its own conversion and an unchanged one is never converted twice.

A conversion is written into a temporary directory beside the cache entry and renamed into
place, so a reader never sees half a model; when two processes convert the same model at
once, the first rename wins and the other process discards its copy and uses the winner's.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from toolkit.errors import ConfigError, ToolkitError

if TYPE_CHECKING:
    from toolkit.config import TranslateConfig
    from toolkit.translate.backends.base import LocalModel

#: weight types CTranslate2 can store (`ct2-transformers-converter --quantization`)
QUANTIZATIONS: tuple[str, ...] = (
    "int8",
    "int8_float32",
    "int8_float16",
    "int8_bfloat16",
    "int16",
    "float16",
    "bfloat16",
    "float32",
)
MARKER = "toolkit-conversion.json"


def import_ctranslate2() -> Any:
    """The `ctranslate2` module, or a one-line error saying how to install it."""
    try:
        import ctranslate2
    except ModuleNotFoundError as exc:
        if exc.name != "ctranslate2":
            raise
        raise ConfigError(
            "the ct2 translation engine needs the package 'ctranslate2'",
            hint="pip install ctranslate2, or use --engine torch",
        ) from exc
    return ctranslate2


def device(requested: str) -> str:
    """The device CTranslate2 runs on: cuda when asked for or (auto) when it sees a GPU,
    else cpu. CTranslate2 has no mps backend."""
    if requested in ("", "auto"):
        return "cuda" if import_ctranslate2().get_cuda_device_count() > 0 else "cpu"
    if requested not in ("cpu", "cuda"):
        raise ConfigError(
            f"the ct2 engine runs on cpu or cuda, not {requested!r}",
            hint="set translate.device to auto, cpu or cuda, or use --engine torch",
        )
    return requested


def quantization(requested: str, device: str) -> str:
    """The weight type to convert to: `requested`, or for "auto" int8 on the CPU and
    float16 on a GPU (CTranslate2's fastest type on each)."""
    if requested in ("", "auto"):
        return "float16" if device == "cuda" else "int8"
    if requested not in QUANTIZATIONS:
        raise ConfigError(
            f"unknown CTranslate2 quantization {requested!r}",
            hint=f"use auto or one of: {', '.join(QUANTIZATIONS)}",
        )
    return requested


def cache_root(config: TranslateConfig) -> Path:
    """Where conversions live: `translate.ct2_dir`, or <user cache dir>/toolkit/ct2."""
    if config.ct2_dir:
        return Path(config.ct2_dir).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("toolkit")) / "ct2"


def converted_dir(model: LocalModel, quant: str, root: Path) -> Path:
    """The cache entry of `model` converted to `quant` (it may not exist yet)."""
    source = model.name if model.revision else str(model.path.resolve())
    key = hashlib.sha256(f"{source}\0{model.fingerprint}\0{quant}".encode()).hexdigest()[:16]
    readable = re.sub(r"[^A-Za-z0-9._-]+", "--", model.name).strip("-.")[-60:] or "model"
    return root / f"{readable}-{quant}-{key}"


def ensure_converted(model: LocalModel, quant: str, root: Path) -> Path:
    """The directory of `model` converted to `quant`, converting it on first use."""
    final = converted_dir(model, quant, root)
    if (final / MARKER).is_file():
        return final
    try:
        root.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".converting-", dir=root))
    except OSError as exc:
        raise ToolkitError(
            f"cannot write CTranslate2 conversions to {root}: {exc.strerror or exc}",
            hint="set translate.ct2_dir to a writable directory",
        ) from exc
    try:
        staged = work / "model"
        convert(model, quant, staged)
        record = {"model": model.name, "fingerprint": model.fingerprint, "quantization": quant}
        (staged / MARKER).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
        try:
            os.rename(staged, final)
        except OSError:
            # Another process renamed its conversion into place first: use that one.
            if not (final / MARKER).is_file():
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return final


def convert(model: LocalModel, quant: str, output: Path) -> None:
    """Run CTranslate2's transformers converter on a local model directory."""
    ctranslate2 = import_ctranslate2()
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    converter = ctranslate2.converters.TransformersConverter(
        str(model.path), trust_remote_code=False
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            converter.convert(str(output), quantization=quant)
    except (ValueError, NotImplementedError, OSError) as exc:
        raise ToolkitError(
            f"cannot convert {model.name} to CTranslate2: {exc}",
            hint="use --engine torch for this model",
        ) from exc
