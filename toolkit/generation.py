"""Greedy generation with a local transformers model, on the configured device.

Shared by the repair post-editor and the abstractive summarizer (the translation engines
have their own backends). Imports torch only when called.
"""

from __future__ import annotations

from typing import Any


def device_and_dtype(requested: str) -> tuple[str, Any]:
    """The device for `requested` (`translate.device` rules) and its weight type:
    float16 on a GPU, float32 on the CPU."""
    import torch

    from toolkit.translate.backends.base import select_device

    device = select_device(requested)
    return device, torch.float32 if device == "cpu" else torch.float16


def greedy_generate(model: Any, tokenizer: Any, inputs: dict[str, Any], **options: Any) -> Any:
    """The generated token ids of the first row of `inputs` (a causal model's prompt cut
    off), decoded greedily on the model's device."""
    import torch

    pad = tokenizer.pad_token_id
    if pad is None:
        pad = tokenizer.eos_token_id
    inputs = {name: tensor.to(model.device) for name, tensor in inputs.items()}
    with torch.inference_mode():
        output = model.generate(**inputs, do_sample=False, pad_token_id=pad, **options)
    tokens = output[0]
    if not model.config.is_encoder_decoder:
        tokens = tokens[inputs["input_ids"].shape[1] :]
    return tokens
