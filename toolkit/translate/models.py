"""Where translation models live on disk, and fetching them on request (offline-first).

A model reference is either a local directory (``/models/opus-mt-pt-en``, ``./m``) or a
Hugging Face hub id (``Helsinki-NLP/opus-mt-en-es``). Hub models are looked up in the
local cache only (`translate.model_dir`, else the Hugging Face cache); nothing is
downloaded unless the user runs ``toolkit models pull`` or sets
`translate.allow_download`. A missing model is a `ModelUnavailableError` (exit code 5)
raised at once: no network call, no retries, no torch import.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from toolkit.errors import InputError, InputTypeError, ModelUnavailableError
from toolkit.translate import bergamot_files
from toolkit.translate.backends.base import LocalModel

if TYPE_CHECKING:
    from toolkit.config import ModelSettings

# What a translation model needs; weights prefer safetensors (see `_download_patterns`).
_MODEL_FILES = ["*.json", "*.spm", "*.model", "*.txt", "sentencepiece*"]


@dataclass(frozen=True)
class ModelStatus:
    """A model reference and what is on disk for it."""

    ref: str
    local: LocalModel | None
    size_bytes: int


def is_path(ref: str) -> bool:
    """Whether a reference names a local directory rather than a hub id."""
    return ref.startswith(("/", ".", "~")) or Path(ref).expanduser().exists()


def validate_ref(ref: str) -> None:
    """Refuse references that are neither a plausible path nor a valid hub id."""
    if not isinstance(ref, str):
        raise InputTypeError(
            f"a model must be a hub id or path (str), not {type(ref).__name__}",
            hint="give a hub id or a local directory",
        )
    if not ref.strip():
        raise InputError("empty model name", hint="give a hub id or a local directory")
    if is_path(ref) or bergamot_files.is_ref(ref):
        return
    from huggingface_hub.errors import HFValidationError
    from huggingface_hub.utils import validate_repo_id

    try:
        validate_repo_id(ref)
    except HFValidationError as exc:
        raise InputError(
            f"not a model id or directory: {ref!r}",
            hint="use an id such as Helsinki-NLP/opus-mt-en-es or an existing directory",
        ) from exc


def cache_dir(config: ModelSettings) -> Path:
    """The directory hub models are cached in."""
    if config.model_dir:
        return Path(config.model_dir).expanduser()
    from huggingface_hub import constants

    return Path(constants.HF_HUB_CACHE)


def find_local(ref: str, config: ModelSettings) -> LocalModel | None:
    """The local copy of a model, or None. Never touches the network."""
    validate_ref(ref)
    if bergamot_files.is_ref(ref):
        found = bergamot_files.locate(ref, cache_dir(config))
        return LocalModel(ref, found) if found else None
    if is_path(ref):
        path = Path(ref).expanduser()
        usable = (path / "config.json").is_file() or bergamot_files.model_files(path)
        return LocalModel(ref, path.resolve()) if usable else None
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import LocalEntryNotFoundError

    try:
        snapshot = Path(
            snapshot_download(ref, local_files_only=True, cache_dir=str(cache_dir(config)))
        )
    except (LocalEntryNotFoundError, OSError):
        return None
    if not (snapshot / "config.json").is_file():
        return None
    return LocalModel(ref, snapshot, revision=snapshot.name)


def locate(ref: str, config: ModelSettings) -> LocalModel:
    """The local copy of a model; downloads it only if `translate.allow_download`.

    Raises `ModelUnavailableError` naming the model and ``toolkit models pull``.
    """
    local = find_local(ref, config)
    if local is not None:
        return local
    if config.allow_download and not is_path(ref):
        return pull(ref, config)
    raise unavailable(ref)


def unavailable(ref: str, alternative: str | None = None) -> ModelUnavailableError:
    """The error for a model that is not on disk, with what to do about it (and
    `alternative`, another model for the same pair, when there is one)."""
    if is_path(ref):
        return ModelUnavailableError(
            ref,
            hint="no model directory there (it needs config.json and tokenizer files, "
            "or Firefox Translations model.*.bin and vocab.*.spm)",
        )
    if bergamot_files.is_ref(ref):
        return ModelUnavailableError(ref, hint=f"fetch it with: toolkit models pull {ref}")
    return ModelUnavailableError(ref, alternative=alternative)


def pull(ref: str, config: ModelSettings) -> LocalModel:
    """Download a model into the cache: a hub model (safetensors weights when the repo has
    them) or a Firefox Translations pair (``firefox:en-es``, from ``translate.firefox_url``)."""
    validate_ref(ref)
    if bergamot_files.is_ref(ref):
        local = find_local(ref, config)
        if local is not None:
            return local
        from toolkit.translate.firefox_download import download

        pair = ref[len(bergamot_files.PREFIX) :]
        from toolkit.config import TranslateConfig

        url = getattr(config, "firefox_url", TranslateConfig.firefox_url)  # [models] has none
        download(pair, bergamot_files.pulled_dir(pair, cache_dir(config)), url)
        local = find_local(ref, config)
        if local is None:  # pragma: no cover - download() checks the directory
            raise unavailable(ref)
        return local
    if is_path(ref):
        raise InputError(
            f"{ref} is a local path; only hub models can be pulled",
            hint="use a local model directly with --model PATH or [translate.models]",
        )
    from huggingface_hub import constants, snapshot_download

    if constants.HF_HUB_OFFLINE:
        raise ModelUnavailableError(
            ref, hint="cannot download: offline mode is on (unset HF_HUB_OFFLINE)"
        )
    _check_reachable(ref, constants.ENDPOINT)
    try:
        snapshot = snapshot_download(
            ref, cache_dir=str(cache_dir(config)), allow_patterns=_download_patterns(ref)
        )
    except Exception as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ModelUnavailableError(ref, hint=f"download failed: {reason}") from exc
    local = find_local(ref, config)
    if local is None:
        raise ModelUnavailableError(ref, hint=f"downloaded to {snapshot} but it has no config.json")
    return local


def status(ref: str, config: ModelSettings) -> ModelStatus:
    """What is on disk for a model reference (for `toolkit models list`)."""
    local = find_local(ref, config)
    return ModelStatus(ref, local, disk_size(local.path) if local else 0)


def disk_size(path: Path) -> int:
    """Bytes used by a model directory (following the hub cache's symlinks to blobs)."""
    total = 0
    for item in path.rglob("*"):
        if item.is_file():
            total += item.stat().st_size
    return total


def _check_reachable(ref: str, endpoint: str) -> None:
    """Fail in seconds when the hub cannot be reached, instead of the hub client's
    minute of retries."""
    import socket
    from urllib.parse import urlsplit

    parts = urlsplit(endpoint)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        socket.create_connection((parts.hostname or "", port), timeout=5).close()
    except OSError as exc:
        raise ModelUnavailableError(
            ref, hint=f"cannot reach {parts.hostname}: {exc.strerror or exc}"
        ) from exc


def _download_patterns(ref: str) -> list[str]:
    """Files to fetch: config/tokenizer files plus one weights format, safetensors first."""
    from huggingface_hub import HfApi

    files = HfApi().list_repo_files(ref)
    if any(name.endswith(".safetensors") for name in files):
        return [*_MODEL_FILES, "*.safetensors"]
    return [*_MODEL_FILES, "pytorch_model*.bin"]


def remove_cached(ref: str, config: ModelSettings) -> int:
    """Delete a downloaded hub model from the cache; the bytes freed.

    Raises `InputError` (exit 3) for a model not in the cache, a local directory or a
    Firefox Translations reference: only what `toolkit models pull` put there is removed.
    """
    import shutil

    validate_ref(ref)
    if is_path(ref) or bergamot_files.is_ref(ref):
        raise InputError(
            f"{ref} is not a downloaded hub model; nothing removed",
            hint="local directories and bundled models are left to you",
        )
    folder = cache_dir(config) / ("models--" + ref.replace("/", "--"))
    if not folder.is_dir():
        raise InputError(f"{ref} is not in the model cache {cache_dir(config)}")
    freed = disk_size(folder)
    shutil.rmtree(folder)
    return freed
