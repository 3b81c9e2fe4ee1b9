"""A tiny random-weight M2M100 (many-to-many, ``__xx__`` language codes) model."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tinymodels import spm_pieces, train_sentencepiece

# A handful of the 100 M2M100 codes is enough for tests; the tokenizer still gets all.
SPECIALS = ["<s>", "<pad>", "</s>", "<unk>"]


def build_m2m100(directory: Path, *, max_positions: int = 64, seed: int = 0) -> Path:
    """Write an M2M100 model + tokenizer to `directory` and return it."""
    import torch
    from transformers import GenerationConfig, M2M100Config, M2M100ForConditionalGeneration
    from transformers.models.m2m_100.tokenization_m2m_100 import (
        FAIRSEQ_LANGUAGE_CODES,
        M2M100Tokenizer,
    )

    directory.mkdir(parents=True, exist_ok=True)
    spm_model = train_sentencepiece(directory / "spm")
    pieces = [p for p in spm_pieces(spm_model) if p not in ("<unk>", "<s>", "</s>")]
    vocab = [*SPECIALS, *pieces]
    (directory / "vocab.json").write_text(
        json.dumps({piece: i for i, piece in enumerate(vocab)}, ensure_ascii=False),
        encoding="utf-8",
    )
    shutil.move(spm_model, directory / "sentencepiece.bpe.model")
    codes = FAIRSEQ_LANGUAGE_CODES["m2m100"]
    tokenizer = M2M100Tokenizer(
        vocab_file=str(directory / "vocab.json"),
        spm_file=str(directory / "sentencepiece.bpe.model"),
        additional_special_tokens=[f"__{code}__" for code in codes],
        model_max_length=max_positions,
    )
    tokenizer.save_pretrained(directory)
    config = M2M100Config(
        vocab_size=len(tokenizer),
        d_model=32,
        encoder_layers=1,
        decoder_layers=1,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=64,
        decoder_ffn_dim=64,
        max_position_embeddings=max_positions,
        pad_token_id=1,
        bos_token_id=0,
        eos_token_id=2,
        decoder_start_token_id=2,
    )
    torch.manual_seed(seed)
    model = M2M100ForConditionalGeneration(config)
    model.generation_config = GenerationConfig(
        decoder_start_token_id=2, bos_token_id=0, eos_token_id=2, pad_token_id=1
    )
    model.save_pretrained(directory)
    return directory
