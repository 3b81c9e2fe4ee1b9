"""One loader for every transformers model the toolkit runs: translation (the ``torch``
engine), the seq2seq summarizer and the instruct LLM (abstractive summaries, LLM briefs,
the repair post-editor).

Each reads the same settings (`ModelSettings`: the [models] section, or [translate],
which follows it): where models are (`model_dir`, else the Hugging Face cache), whether
a missing one may be downloaded (`allow_download`; otherwise `ModelUnavailableError`,
exit code 5, naming ``toolkit models pull``), the device (auto: cuda, then mps, then cpu)
and the CPU threads. Weights load with ``trust_remote_code=False`` from local files only,
float16 on a GPU and float32 on the CPU; the model's kind (encoder-decoder or causal) is
checked before its weights are read. torch and transformers are imported only here and in
`toolkit.generation`, and only when a model is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from toolkit.errors import ConfigError, ModelUnavailableError, ToolkitError

if TYPE_CHECKING:
    from toolkit.config import ModelSettings

Kind = Literal["seq2seq", "causal"]
_WANTED = {"seq2seq": "an encoder-decoder (seq2seq)", "causal": "a causal (LLM)"}


@dataclass
class LoadedModel:
    """A model on its device, its tokenizer (None if the caller has its own), and limits."""

    ref: str  # what the user named: hub id or directory
    path: Path
    model: Any
    tokenizer: Any
    device: str
    model_type: str
    input_limit: int  # the most input tokens the model takes


def load_model(
    ref: str,
    settings: ModelSettings,
    kind: Kind,
    *,
    what: str,
    path: Path | None = None,
    tokenizer: bool = True,
) -> LoadedModel:
    """Find `ref` on disk (or download it, if allowed) and load it as a `kind` model.

    `what` names the setting in errors (``"summarize.model"``); `path` skips the lookup
    (a directory already found); `tokenizer=False` for callers with their own.
    """
    if path is None:
        from toolkit.translate.models import locate

        path = locate(ref, settings).path  # ModelUnavailableError if not on disk
    model_config = _model_config(ref, path)
    if bool(getattr(model_config, "is_encoder_decoder", False)) != (kind == "seq2seq"):
        raise ConfigError(f"{what} {ref!r} is not {_WANTED[kind]} model")
    device, dtype = torch_device(settings)
    from transformers import AutoModelForCausalLM, AutoModelForSeq2SeqLM, AutoTokenizer

    auto = AutoModelForSeq2SeqLM if kind == "seq2seq" else AutoModelForCausalLM
    try:
        loaded_tokenizer = (
            AutoTokenizer.from_pretrained(str(path), local_files_only=True, trust_remote_code=False)
            if tokenizer
            else None
        )
        model: Any = auto.from_pretrained(
            str(path), local_files_only=True, trust_remote_code=False, dtype=dtype
        )
    except (OSError, ValueError) as exc:
        raise ToolkitError(
            f"cannot load model {ref}: {str(exc).splitlines()[0] if str(exc) else exc}",
            hint=f"check the files, or re-fetch with: toolkit models pull {ref}",
        ) from exc
    model.to(device).eval()
    return LoadedModel(
        ref,
        path,
        model,
        loaded_tokenizer,
        device,
        getattr(model_config, "model_type", ""),
        _input_limit(loaded_tokenizer, model_config),
    )


def torch_device(settings: ModelSettings) -> tuple[str, Any]:
    """Apply `settings.threads` to torch; the device and weight type to load onto."""
    import torch

    from toolkit.generation import device_and_dtype

    if settings.threads > 0:
        torch.set_num_threads(settings.threads)
    return device_and_dtype(settings.device)


def _model_config(ref: str, path: Path) -> Any:
    from transformers import AutoConfig
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    try:
        return AutoConfig.from_pretrained(str(path), local_files_only=True, trust_remote_code=False)
    except (OSError, ValueError) as exc:
        raise ModelUnavailableError(ref, hint=f"cannot read its config: {exc}") from exc


def _input_limit(tokenizer: Any, model_config: Any) -> int:
    """The tokenizer's limit, else the position table ("unlimited" tokenizers report a
    huge sentinel)."""
    limit = getattr(tokenizer, "model_max_length", 0) or 0
    if not 0 < limit < 100_000:
        limit = getattr(model_config, "max_position_embeddings", 0) or 2048
    return int(limit)
