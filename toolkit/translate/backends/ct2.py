"""The ``ct2`` engine: CTranslate2 (int8 on the CPU, float16 on a GPU by default).

The transformers model is converted once into the conversion cache
(`toolkit.translate.ct2convert`) and then loaded from there. Sentences are tokenized by
the model's own tokenizer through its `Family` (the same token ids the torch engine uses,
language tokens included), passed to `ctranslate2.Translator.translate_batch` as token
strings, and the output tokens are decoded by the `Family` again, so segmentation,
batching, pivoting and the translation memory are the `Translator`'s, as for every engine.

Greedy search gives the same tokens as transformers' `generate` (tested on a float32
conversion). To match transformers exactly when the length bound is hit, a model whose
generation config forces end-of-sentence at the bound (`forced_eos_token_id`, as opus-mt
does) decodes one token fewer here: transformers spends that last step on the forced
end-of-sentence token.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from toolkit.errors import ToolkitError
from toolkit.translate import ct2convert
from toolkit.translate.backends.base import BeamBackend, LocalModel

if TYPE_CHECKING:
    from toolkit.config import TranslateConfig


class CT2Backend(BeamBackend):
    """A seq2seq model converted to CTranslate2."""

    engine = "ct2"

    def __init__(self, model: LocalModel, config: TranslateConfig) -> None:
        super().__init__(model, config)
        ctranslate2 = ct2convert.import_ctranslate2()
        self.device = ct2convert.device(config.device)
        self.quantization = ct2convert.quantization(config.ct2_quantization, self.device)
        self.converted = ct2convert.ensure_converted(
            model, self.quantization, ct2convert.cache_root(config)
        )
        try:
            self.translator = ctranslate2.Translator(
                str(self.converted),
                device=self.device,
                compute_type="default",  # the converted type, or the nearest the device runs
                intra_threads=max(0, config.threads),
            )
        except RuntimeError as exc:  # damaged conversion, or no CUDA where cuda was asked
            raise ToolkitError(
                f"CTranslate2 cannot load {self.converted}: {str(exc).splitlines()[0]}",
                hint="delete that directory to convert again, or use --engine torch",
            ) from exc
        self.forces_eos = _forces_eos(model.path)
        # What CTranslate2 computes in: a stored type the device lacks is replaced (an
        # int16 or float16 conversion runs as int8_float32 or float32 on this CPU).
        self.device = str(self.translator.device)
        self.compute_type = str(self.translator.compute_type)

    @property
    def cache_key(self) -> str:
        """The base key (with the compute type that runs) plus the stored weight type."""
        return f"{super().cache_key}|{self.quantization}"

    def _generate(self, sentences: Sequence[str], src: str, tgt: str, n: int) -> list[list[str]]:
        if not sentences:
            return []
        tokenizer = self.family.tokenizer
        rows = self.family.encode(sentences, src, tgt)
        source = [tokenizer.convert_ids_to_tokens(row) for row in rows]
        prefix_ids = self.family.target_prefix(tgt)
        prefix = [tokenizer.convert_ids_to_tokens(prefix_ids)] * len(rows) if prefix_ids else None
        limit = self.max_new_tokens([len(row) for row in rows])
        if self.forces_eos:
            limit -= 1
        try:
            results = self.translator.translate_batch(
                source,
                target_prefix=prefix,
                beam_size=max(n, self.config.num_beams),
                num_hypotheses=n,
                max_decoding_length=max(1, limit),
                max_input_length=0,  # the Translator already split long sentences; never truncate
            )
        except RuntimeError as exc:  # CUDA libraries are loaded only now, on first use
            if self.device != "cuda":
                raise
            raise ToolkitError(
                f"CTranslate2 cannot run on cuda here: {str(exc).splitlines()[0]}",
                hint="its wheels need CUDA 12 cuBLAS; set translate.device = cpu "
                "or use --engine torch",
            ) from exc
        rows = [tokenizer.convert_tokens_to_ids(h) for r in results for h in r.hypotheses]
        texts = iter(self.family.decode(rows))  # decoded in one call, then regrouped
        return [[next(texts) for _ in result.hypotheses] for result in results]


def _forces_eos(path: Path) -> bool:
    """Whether transformers' generate would force end-of-sentence at the length bound."""
    for name in ("generation_config.json", "config.json"):
        try:
            data = json.loads((path / name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict):
            return data.get("forced_eos_token_id") is not None
    return False
