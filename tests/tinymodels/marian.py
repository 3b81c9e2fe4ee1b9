"""A tiny random-weight Marian (opus-mt architecture) model in a local directory."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tinymodels import spm_pieces, train_sentencepiece


def build_marian(
    directory: Path,
    *,
    targets: tuple[str, ...] = (),
    max_positions: int = 64,
    seed: int = 0,
) -> Path:
    """Write a Marian model + tokenizer to `directory` and return it.

    `targets` makes it a multi-target model: ``>>xx<<`` tokens for each code go into the
    vocabulary, as in opus-mt-en-ROMANCE. `max_positions` is the model's input limit.
    """
    import torch
    from transformers import GenerationConfig, MarianConfig, MarianMTModel, MarianTokenizer

    directory.mkdir(parents=True, exist_ok=True)
    spm_model = train_sentencepiece(directory / "spm")
    pieces = [p for p in spm_pieces(spm_model) if p not in ("<unk>", "<s>", "</s>")]
    vocab = ["</s>", "<unk>", *(f">>{t}<<" for t in targets), *pieces, "<pad>"]
    (directory / "vocab.json").write_text(
        json.dumps({piece: i for i, piece in enumerate(vocab)}, ensure_ascii=False),
        encoding="utf-8",
    )
    shutil.copy(spm_model, directory / "source.spm")
    shutil.move(spm_model, directory / "target.spm")
    pad = len(vocab) - 1
    config = MarianConfig(
        vocab_size=len(vocab),
        d_model=32,
        encoder_layers=1,
        decoder_layers=1,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=64,
        decoder_ffn_dim=64,
        max_position_embeddings=max_positions,
        pad_token_id=pad,
        eos_token_id=0,
        decoder_start_token_id=pad,
    )
    torch.manual_seed(seed)
    model = MarianMTModel(config)
    model.generation_config = GenerationConfig(
        decoder_start_token_id=pad,
        eos_token_id=0,
        pad_token_id=pad,
        bad_words_ids=[[pad]],
        max_length=max_positions,
    )
    model.save_pretrained(directory)
    tokenizer = MarianTokenizer(
        source_spm=str(directory / "source.spm"),
        target_spm=str(directory / "target.spm"),
        vocab=str(directory / "vocab.json"),
        model_max_length=max_positions,
    )
    tokenizer.save_pretrained(directory)
    return directory
