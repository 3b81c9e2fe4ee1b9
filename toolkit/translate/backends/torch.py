"""The ``torch`` engine: transformers `AutoModelForSeq2SeqLM.generate` on cpu, cuda or mps.

One model load per backend object (the `Translator` keeps backends for reuse), through
`toolkit.model_loader` like every model (device and threads from [translate], which
follows [models]); inference runs under `torch.inference_mode()`, in float16 on a GPU and
float32 on the CPU, with greedy decoding unless `translate.num_beams` says otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from toolkit.translate.backends.base import BeamBackend, LocalModel

if TYPE_CHECKING:
    from toolkit.config import TranslateConfig


class TorchBackend(BeamBackend):
    """A transformers seq2seq model in PyTorch."""

    engine = "torch"

    def __init__(self, model: LocalModel, config: TranslateConfig) -> None:
        super().__init__(model, config)
        from toolkit.model_loader import load_model

        loaded = load_model(
            model.name,
            config,
            "seq2seq",
            what="translation model",
            path=model.path,
            tokenizer=False,
        )
        self.device = str(loaded.device)
        net = loaded.model
        self.compute_type = str(next(net.parameters()).dtype).removeprefix("torch.")
        # Output length is always bounded per batch (max_new_tokens); a max_length in the
        # model's generation config would only compete with it.
        net.generation_config.max_length = None
        self.net = net
        self.pad_id = self.family.tokenizer.pad_token_id or 0

    def _generate(self, sentences: Sequence[str], src: str, tgt: str, n: int) -> list[list[str]]:
        if not sentences:
            return []
        import torch

        rows = self.family.encode(sentences, src, tgt)
        width = max(len(row) for row in rows)
        ids = torch.full((len(rows), width), self.pad_id, dtype=torch.long)
        mask = torch.zeros((len(rows), width), dtype=torch.long)
        for i, row in enumerate(rows):
            ids[i, : len(row)] = torch.tensor(row, dtype=torch.long)
            mask[i, : len(row)] = 1
        options = {
            "max_new_tokens": self.max_new_tokens([len(row) for row in rows]),
            "num_beams": max(n, self.config.num_beams),
            "num_return_sequences": n,
            "do_sample": False,
        }
        prefix = self.family.target_prefix(tgt)
        if prefix:
            options["forced_bos_token_id"] = prefix[0]
        with torch.inference_mode():
            out = self.net.generate(
                input_ids=ids.to(self.device), attention_mask=mask.to(self.device), **options
            )
        texts = self.family.decode(out.tolist())  # n rows per sentence, best first
        return [texts[i : i + n] for i in range(0, len(texts), n)]
